//! Dates for readers ("23 June 1908", "January 1907", "330 BCE") and for
//! machines (`<time datetime="1908-06-23">`), alone and as ranges that
//! write what the two ends share once: "23–29 April 1909", "1905–1911".

use super::{HistDate, Period, Precision};

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl HistDate {
    /// "23 June 1908", "January 1907", "1918", "330 BCE", "15 March 44 BCE".
    pub fn words(self) -> String {
        Written::full(self).text()
    }

    /// The date as readers of `language` read it: in Persian, with the
    /// Solar Hijri calendar first ([`crate::languages::persian::hist_date`]).
    pub fn words_in(self, language: &crate::languages::Language) -> String {
        if language.is_persian() {
            crate::languages::persian::hist_date(self)
        } else {
            self.words()
        }
    }

    /// The date as HTML's `datetime` attribute takes it: `1908-06-23`,
    /// `1907-01`, `1918`; `None` before 1 CE, which it cannot express.
    pub fn datetime(self) -> Option<String> {
        let year = u16::try_from(self.year()).ok()?;
        Some(match (self.month(), self.day()) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        })
    }
}

/// Which parts of a date to write.
#[derive(Clone, Copy)]
struct Written {
    date: HistDate,
    month: bool,
    year: bool,
    era: Era,
}

#[derive(Clone, Copy, PartialEq)]
enum Era {
    /// "BCE" after a year before the common era, nothing after one in it.
    AsNeeded,
    /// "CE" too, after a range begun before the common era.
    Always,
    Never,
}

impl Written {
    fn full(date: HistDate) -> Written {
        Written {
            date,
            month: true,
            year: true,
            era: Era::AsNeeded,
        }
    }

    fn text(self) -> String {
        let date = self.date;
        let mut parts = Vec::new();
        if let Some(day) = date.day() {
            parts.push(day.to_string());
        }
        if let Some(month) = date.month().filter(|_| self.month) {
            parts.push(MONTHS[usize::from(month - 1)].to_string());
        }
        if self.year {
            parts.push(date.year().unsigned_abs().to_string());
            match (self.era, date.is_bce()) {
                (Era::Never, _) => {}
                (_, true) => parts.push("BCE".into()),
                (Era::Always, false) => parts.push("CE".into()),
                (Era::AsNeeded, false) => {}
            }
        }
        parts.join(" ")
    }
}

/// A date or a range as readers see it: each end's words, and the en dash
/// that stands between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    pub start: String,
    pub separator: &'static str,
    pub end: Option<String>,
}

impl Range {
    pub fn of(period: &Period) -> Range {
        let start = period.start;
        let Some(end) = period.end else {
            return Range {
                start: start.words(),
                separator: "",
                end: None,
            };
        };
        let mut first = Written::full(start);
        let mut last = Written::full(end);
        let same_year = start.year() == end.year();
        let same_precision = start.precision() == end.precision();
        if same_year && start.precision() != Precision::Year {
            // "23–29 April 1909", "26 March – 29 April 1909", "March–April 1909".
            first.year = false;
            first.month = start.month() != end.month();
        } else if same_precision && start.precision() == Precision::Year && end.is_bce() {
            // "330–323 BCE" (both are BCE: the end comes later).
            first.era = Era::Never;
        }
        if start.is_bce() && !end.is_bce() {
            // "30 BCE – 14 CE".
            last.era = Era::Always;
        }
        // Closed up between like ends ("23–29 April 1909"), spaced where an
        // end is more than one word or the two differ ("1908 – April 1909").
        let spaced = !same_precision || first.text().contains(' ');
        let (start, end) = (first.text(), last.text());
        Range {
            separator: if spaced { " \u{2013} " } else { "\u{2013}" },
            start,
            end: Some(end),
        }
    }

    /// The whole range as one string.
    pub fn text(&self) -> String {
        match &self.end {
            Some(end) => format!("{}{}{end}", self.start, self.separator),
            None => self.start.clone(),
        }
    }
}

/// The years of a life or a reign, "1872–1925", as lists show them beside a
/// name; `None` when neither end is known.
pub fn compact_years(from: Option<HistDate>, to: Option<HistDate>) -> Option<String> {
    let years = |d: HistDate| d.year_only();
    Some(match (from.map(years), to.map(years)) {
        (Some(a), Some(b)) if a == b => a.words(),
        (Some(a), Some(b)) => Range::of(&Period {
            start: a,
            end: Some(b),
        })
        .text(),
        (Some(a), None) => format!("born {}", a.words()),
        (None, Some(b)) => format!("died {}", b.words()),
        (None, None) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> HistDate {
        HistDate::parse(text).unwrap()
    }

    fn range(start: &str, end: &str) -> String {
        let period = Period::new(d(start), Some(d(end))).unwrap();
        Range::of(&period).text()
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(d("1908-06-23").words(), "23 June 1908");
        assert_eq!(d("1907-01").words(), "January 1907");
        assert_eq!(d("1918").words(), "1918");
        assert_eq!(d("330 BCE").words(), "330 BCE");
        assert_eq!(d("0044-03-15 BCE").words(), "15 March 44 BCE");
        assert_eq!(d("0622-07-16").words(), "16 July 622");
    }

    #[test]
    fn machine_dates_only_in_the_common_era() {
        assert_eq!(d("1908-06-23").datetime().as_deref(), Some("1908-06-23"));
        assert_eq!(d("1907-01").datetime().as_deref(), Some("1907-01"));
        assert_eq!(d("1918").datetime().as_deref(), Some("1918"));
        // HTML wants four digits at least.
        assert_eq!(d("622").datetime().as_deref(), Some("0622"));
        assert_eq!(d("330 BCE").datetime(), None);
        assert_eq!(d("0044-03-15 BCE").datetime(), None);
    }

    #[test]
    fn ranges_write_what_they_share_once() {
        assert_eq!(range("1905", "1911"), "1905–1911");
        assert_eq!(range("1908-06", "1909-04"), "June 1908 – April 1909");
        assert_eq!(range("1909-04-23", "1909-04-29"), "23–29 April 1909");
        assert_eq!(
            range("1909-03-26", "1909-04-29"),
            "26 March – 29 April 1909"
        );
        assert_eq!(range("1909-03", "1909-04"), "March–April 1909");
        assert_eq!(range("1909-03", "1909-04-29"), "March – 29 April 1909");
        assert_eq!(range("1909-03-26", "1909-04"), "26 March – April 1909");
        assert_eq!(
            range("1908-06-23", "1909-04-29"),
            "23 June 1908 – 29 April 1909"
        );
        assert_eq!(range("1908", "1909-04"), "1908 – April 1909");
        assert_eq!(range("330 BCE", "323 BCE"), "330–323 BCE");
        assert_eq!(range("30 BCE", "14"), "30 BCE – 14 CE");
        assert_eq!(
            range("0044-03-15 BCE", "0042 BCE"),
            "15 March 44 BCE – 42 BCE"
        );
    }

    #[test]
    fn a_range_keeps_its_ends_apart_for_time_elements() {
        let period = Period::new(d("1909-04-23"), Some(d("1909-04-29"))).unwrap();
        let range = Range::of(&period);
        assert_eq!(range.start, "23");
        assert_eq!(range.separator, "–");
        assert_eq!(range.end.as_deref(), Some("29 April 1909"));
        let single = Range::of(&Period::new(d("1918"), None).unwrap());
        assert_eq!((single.start.as_str(), single.end), ("1918", None));
    }

    #[test]
    fn life_dates_in_brief() {
        let (born, died) = (d("1872-06-21"), d("1925-04-05"));
        assert_eq!(compact_years(Some(born), Some(died)).unwrap(), "1872–1925");
        assert_eq!(
            compact_years(Some(d("356 BCE")), Some(d("323 BCE"))).unwrap(),
            "356–323 BCE"
        );
        assert_eq!(
            compact_years(Some(d("1872-01")), Some(d("1872-12"))).unwrap(),
            "1872"
        );
        assert_eq!(compact_years(Some(born), None).unwrap(), "born 1872");
        assert_eq!(compact_years(None, Some(died)).unwrap(), "died 1925");
        assert_eq!(compact_years(None, None), None);
    }
}

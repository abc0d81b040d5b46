//! Dates as pages show them: an article's "Key dates", a term's dates and
//! its person's life, and the site's timeline, every event of every page in
//! order, with the births and deaths of the people in the glossary.

use std::borrow::Cow;

use serde::Serialize;

use crate::dates::{HijriYears, HistDate, Period, Range, compact_years};
use crate::load::{Event, Life};

use super::Site;

/// Where the timeline is published, under the base path.
pub const PATH: &str = "timeline/";

/// Events spread over more years than this are grouped by century.
const MAX_YEARS_BY_YEAR: i32 = 100;

/// One end of a date or range, for a `<time>` element.
#[derive(Serialize, Debug, PartialEq)]
pub struct TimeView {
    /// "23 June 1908"; in a range, only what the other end does not say.
    pub text: String,
    /// `1908-06-23`; `None` before 1 CE, which `datetime` cannot express.
    pub datetime: Option<String>,
}

/// A date or a range, as `partials/when.html` writes it.
#[derive(Serialize, Debug, PartialEq)]
pub struct WhenView {
    pub start: TimeView,
    /// The en dash between the ends, spaced or not.
    pub separator: &'static str,
    pub end: Option<TimeView>,
    /// The whole of it as plain text: "23–29 April 1909".
    pub text: String,
    /// The Hijri years of its days, if the site shows them.
    pub hijri: Option<HijriView>,
}

/// "1287–1288" (SH) and "1326–1327" (AH); either is `None` before its
/// calendar began.
#[derive(Serialize, Debug, PartialEq)]
pub struct HijriView {
    pub solar: Option<String>,
    pub lunar: Option<String>,
}

impl WhenView {
    /// `period` for readers, with its Hijri years if `hijri`.
    pub fn new(period: &Period, hijri: bool) -> WhenView {
        let range = Range::of(period);
        let years = HijriYears::of(period);
        WhenView {
            text: range.text(),
            start: TimeView {
                text: range.start,
                datetime: period.start.datetime(),
            },
            separator: range.separator,
            end: period.end.zip(range.end).map(|(date, text)| TimeView {
                text,
                datetime: date.datetime(),
            }),
            hijri: (hijri && (years.solar.is_some() || years.lunar.is_some())).then(|| HijriView {
                solar: years.solar_text(),
                lunar: years.lunar_text(),
            }),
        }
    }
}

impl WhenView {
    /// The view as the pages of `language` write `period`: in Persian, each
    /// end with its Solar Hijri date first, so the Solar Hijri years beside
    /// it go, and the Lunar Hijri years in Persian digits.
    pub fn in_language(mut self, period: &Period, language: &crate::languages::Language) -> Self {
        use crate::languages::persian;
        if !language.is_persian() {
            return self;
        }
        self.start.text = persian::hist_date(period.start);
        if let (Some(end), Some(view)) = (period.end, self.end.as_mut()) {
            view.text = persian::hist_date(end);
            self.separator = " \u{2013} ";
        }
        self.text = match &self.end {
            Some(end) => format!("{}{}{}", self.start.text, self.separator, end.text),
            None => self.start.text.clone(),
        };
        if let Some(hijri) = self.hijri.as_mut() {
            hijri.solar = None;
            hijri.lunar = hijri.lunar.as_deref().map(persian::digits);
            if hijri.lunar.is_none() {
                self.hijri = None;
            }
        }
        self
    }
}

/// An event of the page itself.
#[derive(Serialize)]
pub struct DatedView<'a> {
    pub when: WhenView,
    pub label: &'a str,
}

/// A page's own events, in order.
pub fn key_dates<'a>(site: &Site, events: &'a [Event]) -> Vec<DatedView<'a>> {
    let mut events: Vec<&Event> = events.iter().collect();
    events.sort_by(|a, b| (a.when, &a.label).cmp(&(b.when, &b.label)));
    let hijri = site.config.timeline.hijri;
    (events.into_iter())
        .map(|e| DatedView {
            when: WhenView::new(&e.when, hijri).in_language(&e.when, site.language),
            label: &e.label,
        })
        .collect()
}

/// A person's life dates, under their name.
#[derive(Serialize)]
pub struct LifeView {
    /// Born to died, or the one of them known.
    pub when: WhenView,
    /// `born` or `died` when only that one is known.
    pub only: Option<&'static str>,
    /// "1872–1925".
    pub years: String,
}

impl LifeView {
    pub fn new(life: &Life, language: &crate::languages::Language) -> Option<LifeView> {
        let (when, only) = match (life.born, life.died) {
            (Some(born), Some(died)) => (span(born, died), None),
            (Some(born), None) => (span(born, born), Some("born")),
            (None, Some(died)) => (span(died, died), Some("died")),
            (None, None) => return None,
        };
        Some(LifeView {
            when: WhenView::new(&when, false).in_language(&when, language),
            only,
            years: compact_years(life.born, life.died)?,
        })
    }
}

/// The period from `from` to `to`: one date if they are the same, or if
/// they overlap as a life may (born in June 1872, died in 1872), then the
/// one that holds the other, so neither end is misstated.
fn span(from: HistDate, to: HistDate) -> Period {
    Period::new(from, Some(to)).unwrap_or_else(|_| {
        let parts = |d: HistDate| usize::from(d.month().is_some()) + usize::from(d.day().is_some());
        let start = if parts(to) < parts(from) { to } else { from };
        Period { start, end: None }
    })
}

/// Whether the site has a timeline: a page with an event or a life date,
/// or a `timeline/_index.md` giving the page its text.
pub fn has_timeline(site: &Site) -> bool {
    let terms = &site.glossary.terms;
    site.articles.iter().any(|a| !a.events.is_empty())
        || (terms.iter()).any(|t| !t.events.is_empty() || t.life != Life::default())
        || (site.sections.iter()).any(|s| s.source.site_path == PATH)
}

/// One line of the timeline.
#[derive(Serialize)]
pub struct TimelineEntry<'a> {
    pub when: WhenView,
    pub label: Cow<'a, str>,
    /// The page the entry comes from, and its title.
    pub url: String,
    pub title: &'a str,
    /// `event`, `birth` or `death`.
    pub kind: &'static str,
    /// `article` or `term`.
    pub page: &'static str,
}

/// The entries of one year, or one century.
#[derive(Serialize)]
pub struct TimelineGroup<'a> {
    /// "1908", "330 BCE", "19th century", "4th century BCE".
    pub heading: String,
    /// An id for the heading: `y1908`, `y330-bce`, `c19`, `c4-bce`.
    pub anchor: String,
    pub entries: Vec<TimelineEntry<'a>>,
}

/// Every event of every page, and every birth and death, in order, grouped
/// by year or, if they spread over centuries, by century.
pub fn groups<'a>(site: &Site<'a>) -> Vec<TimelineGroup<'a>> {
    let base = &site.config.base_url;
    let hijri = site.config.timeline.hijri;
    // Each entry with what orders it: when, then the label, then the page.
    let mut found: Vec<(Period, Cow<str>, &str, TimelineEntry)> = Vec::new();
    let mut add = |when: Period, label: Cow<'a, str>, path: &'a str, title, kind, page| {
        let entry = TimelineEntry {
            when: WhenView::new(&when, hijri).in_language(&when, site.language),
            label: label.clone(),
            url: base.link(path),
            title,
            kind,
            page,
        };
        found.push((when, label, path, entry));
    };
    for a in site.articles {
        for e in &a.events {
            let path = a.source.site_path.as_str();
            add(
                e.when,
                Cow::Borrowed(e.label.as_str()),
                path,
                &a.meta.title,
                "event",
                "article",
            );
        }
    }
    for t in &site.glossary.terms {
        let path = t.source.site_path.as_str();
        let title = t.meta.title.get_ref().as_str();
        for e in &t.events {
            add(
                e.when,
                Cow::Borrowed(e.label.as_str()),
                path,
                title,
                "event",
                "term",
            );
        }
        let lived = [
            (t.life.born, "birth", "Birth"),
            (t.life.died, "death", "Death"),
        ];
        for (date, kind, word) in lived {
            if let Some(date) = date {
                let when = Period {
                    start: date,
                    end: None,
                };
                add(
                    when,
                    Cow::Owned(format!("{word} of {title}")),
                    path,
                    title,
                    kind,
                    "term",
                );
            }
        }
    }
    found.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
    let by_century = match (found.first(), found.last()) {
        (Some(first), Some(last)) => {
            i32::from(last.0.start.year()) - i32::from(first.0.start.year()) > MAX_YEARS_BY_YEAR
        }
        _ => false,
    };
    let mut groups: Vec<TimelineGroup> = Vec::new();
    for (when, _, _, entry) in found {
        let (heading, anchor) = group_of(when.start, by_century);
        match groups.last_mut() {
            Some(g) if g.anchor == anchor => g.entries.push(entry),
            _ => groups.push(TimelineGroup {
                heading,
                anchor,
                entries: vec![entry],
            }),
        }
    }
    groups
}

/// The heading and id of the group holding `date`.
fn group_of(date: HistDate, by_century: bool) -> (String, String) {
    let era = if date.is_bce() { " BCE" } else { "" };
    let suffix = if date.is_bce() { "-bce" } else { "" };
    let year = date.year().unsigned_abs();
    if by_century {
        let century = (year - 1) / 100 + 1;
        (
            format!("{} century{era}", ordinal(century)),
            format!("c{century}{suffix}"),
        )
    } else {
        (format!("{year}{era}"), format!("y{year}{suffix}"))
    }
}

/// "1st", "2nd", "3rd", "4th", "11th", "21st".
fn ordinal(n: u16) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> HistDate {
        HistDate::parse(text).unwrap()
    }

    #[test]
    fn a_range_becomes_two_time_elements() {
        let period = Period::new(d("1909-04-23"), Some(d("1909-04-29"))).unwrap();
        let when = WhenView::new(&period, false);
        assert_eq!(
            when.start,
            TimeView {
                text: "23".into(),
                datetime: Some("1909-04-23".into())
            }
        );
        assert_eq!(when.end.unwrap().datetime.as_deref(), Some("1909-04-29"));
        assert_eq!(when.text, "23–29 April 1909");
        assert_eq!(when.hijri, None);
    }

    #[test]
    fn hijri_years_only_when_asked_and_after_the_hijra() {
        let year = Period::new(d("1909"), None).unwrap();
        assert_eq!(
            WhenView::new(&year, true).hijri,
            Some(HijriView {
                solar: Some("1287–1288".into()),
                lunar: Some("1326–1327".into()),
            })
        );
        let range = Period::new(d("1905"), Some(d("1911"))).unwrap();
        let hijri = WhenView::new(&range, true).hijri.unwrap();
        assert_eq!(hijri.solar.as_deref(), Some("1283–1290"));
        assert_eq!(hijri.lunar.as_deref(), Some("1322–1330"));
        let ancient = Period::new(d("330 BCE"), None).unwrap();
        assert_eq!(WhenView::new(&ancient, true).hijri, None);
        assert_eq!(WhenView::new(&ancient, true).start.datetime, None);
    }

    #[test]
    fn life_dates_in_full_and_in_brief() {
        let life = Life {
            born: Some(d("1872-06-21")),
            died: Some(d("1925-04-05")),
        };
        let view = LifeView::new(&life, &en()).unwrap();
        assert_eq!(view.when.text, "21 June 1872 – 5 April 1925");
        assert_eq!(view.years, "1872–1925");
        assert_eq!(view.only, None);
        let born = LifeView::new(
            &Life {
                born: Some(d("1853-03-23")),
                died: None,
            },
            &en(),
        )
        .unwrap();
        assert_eq!(
            (born.when.text.as_str(), born.only),
            ("23 March 1853", Some("born"))
        );
        assert!(LifeView::new(&Life::default(), &en()).is_none());
        // Dates that overlap show the one holding the other, whichever end it is.
        let overlap = |born: &str, died: &str| {
            let life = Life {
                born: Some(d(born)),
                died: Some(d(died)),
            };
            LifeView::new(&life, &en()).unwrap().when.text
        };
        assert_eq!(overlap("1872-06", "1872"), "1872");
        assert_eq!(overlap("1872", "1872-03-15"), "1872");
        assert_eq!(overlap("1872-03", "1872-03-15"), "March 1872");
        // In Persian, the Solar Hijri date first.
        let fa = crate::languages::Language::other("fa");
        let persian = LifeView::new(&life, &fa).unwrap();
        assert_eq!(
            persian.when.text,
            "۱ تیر ۱۲۵۱ (۲۱ ژوئن ۱۸۷۲) – ۱۶ فروردین ۱۳۰۴ (۵ آوریل ۱۹۲۵)"
        );
    }

    fn en() -> crate::languages::Language {
        crate::languages::Language::default_language("en")
    }

    #[test]
    fn groups_are_named_for_years_or_centuries() {
        assert_eq!(
            group_of(d("1908-06-23"), false),
            ("1908".into(), "y1908".into())
        );
        assert_eq!(
            group_of(d("330 BCE"), false),
            ("330 BCE".into(), "y330-bce".into())
        );
        assert_eq!(
            group_of(d("1900"), true),
            ("19th century".into(), "c19".into())
        );
        assert_eq!(
            group_of(d("1901"), true),
            ("20th century".into(), "c20".into())
        );
        assert_eq!(
            group_of(d("330 BCE"), true),
            ("4th century BCE".into(), "c4-bce".into())
        );
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal),
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}

//! Historical dates: a year, a month of it or a day, before or in the common
//! era, as far as the sources know it. Read from front matter ([`parse`]),
//! put in order, written in words and for `<time datetime>` ([`words`]),
//! and placed in the Solar and Lunar Hijri calendars ([`hijri`]).
//!
//! Dates are proleptic Gregorian: a date before 1582 is read as if the
//! Gregorian calendar had always been in use, as ISO 8601 does. Years are
//! numbered as historians number them, with no year 0: 1 BCE is followed by
//! 1 CE.

mod hijri;
mod parse;
mod words;

use std::fmt;

use jiff::civil;

pub use hijri::HijriYears;
pub use parse::DateError;
pub(crate) use words::MONTHS;
pub use words::{Range, compact_years};

/// The latest year, and the earliest year BCE, a date may have: the range
/// of the calendar arithmetic underneath.
pub const MAX_YEAR: i16 = 9999;

/// A year, a month or a day.
///
/// Dates sort chronologically, a less precise date before a more precise one
/// that it holds: `1908` < `1908-06` < `1908-06-23` < `1908-07`. So a year
/// comes first among the events of that year, and a month first among those
/// of that month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HistDate {
    // The field order gives the order above: 0 stands for "no month" and
    // "no day" and sorts first. A day is only ever given with a month.
    /// The year as historians number it: 330 BCE is -330, and there is no 0.
    year: i16,
    month: u8,
    day: u8,
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl HistDate {
    /// The year `year` (negative before the common era, never 0), and
    /// optionally a month of it and a day of that month, if such a day was.
    pub fn new(year: i16, month: Option<u8>, day: Option<u8>) -> Result<HistDate, DateError> {
        if year == 0 {
            return Err(
                DateError::new("there is no year 0: 1 BCE is followed by 1 CE")
                    .with_help("write \"1 BCE\" for the year before 1 CE"),
            );
        }
        if !(-MAX_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DateError::new(format!(
                "the year {} is out of range",
                year.unsigned_abs()
            ))
            .with_help(format!(
                "a year lies between {MAX_YEAR} BCE and {MAX_YEAR} CE"
            )));
        }
        let date = HistDate {
            year,
            month: month.unwrap_or(0),
            day: day.unwrap_or(0),
        };
        match (month, day) {
            (None, Some(_)) => Err(DateError::new("a day needs its month")),
            (Some(m), _) if !(1..=12).contains(&m) => {
                Err(DateError::new(format!("there is no month {m}"))
                    .with_help("months run from 01 to 12"))
            }
            (Some(m), Some(d)) => civil::Date::new(astronomical(year), m as i8, d as i8)
                .map(|_| date)
                .map_err(|_| {
                    let last = civil::date(astronomical(year), m as i8, 1).days_in_month();
                    DateError::new(format!(
                        "{} has no day {d}: it has {last} days",
                        HistDate { day: 0, ..date }.words()
                    ))
                    .with_help(
                        "dates are Gregorian, carried back before 1582; \
                         convert a date given in the Julian calendar first",
                    )
                }),
            _ => Ok(date),
        }
    }

    /// A whole year.
    pub fn year_only(self) -> HistDate {
        HistDate {
            month: 0,
            day: 0,
            ..self
        }
    }

    /// The year as historians number it: negative before the common era.
    pub fn year(self) -> i16 {
        self.year
    }

    pub fn month(self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    pub fn day(self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    pub fn is_bce(self) -> bool {
        self.year < 0
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The first day the date covers: the day itself, or the first of its
    /// month or year.
    pub fn first_day(self) -> civil::Date {
        civil::date(
            astronomical(self.year),
            self.month.max(1) as i8,
            self.day.max(1) as i8,
        )
    }

    /// The last day the date covers.
    pub fn last_day(self) -> civil::Date {
        let month = if self.month == 0 { 12 } else { self.month };
        let first = civil::date(astronomical(self.year), month as i8, 1);
        if self.day == 0 {
            first.last_of_month()
        } else {
            self.first_day()
        }
    }

    /// Whether every day of `self` comes before every day of `other`.
    pub fn wholly_before(self, other: HistDate) -> bool {
        self.last_day() < other.first_day()
    }
}

/// The year in astronomical numbering, which has a year 0 (1 BCE) and which
/// calendar arithmetic uses.
fn astronomical(year: i16) -> i16 {
    if year < 0 { year + 1 } else { year }
}

impl fmt::Display for HistDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words())
    }
}

/// When something happened: a date, or a range from one date to a later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    // Periods sort by their start, a single date before a range starting
    // with it, and shorter ranges before longer ones.
    pub start: HistDate,
    pub end: Option<HistDate>,
}

impl Period {
    /// A range from `start` to `end`, which must end after `start` ends and
    /// begin after it begins (`1908` to `1908-10` is not a range).
    pub fn new(start: HistDate, end: Option<HistDate>) -> Result<Period, DateError> {
        if let Some(end) = end
            && (end.last_day() <= start.last_day() || end.first_day() <= start.first_day())
        {
            let help = if end.wholly_before(start) {
                "did `date` and `end` change places? `date` is the start".to_string()
            } else {
                format!(
                    "`end` is the last day, month or year of a range; leave it out for an event \
                     within {}",
                    start.words()
                )
            };
            return Err(DateError::new(format!(
                "`end` ({}) must come after `date` ({})",
                end.words(),
                start.words()
            ))
            .with_help(help));
        }
        Ok(Period { start, end })
    }

    pub fn first_day(&self) -> civil::Date {
        self.start.first_day()
    }

    pub fn last_day(&self) -> civil::Date {
        self.end.unwrap_or(self.start).last_day()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i16, month: Option<u8>, day: Option<u8>) -> HistDate {
        HistDate::new(year, month, day).unwrap()
    }

    #[test]
    fn impossible_days_are_refused() {
        let err = HistDate::new(1909, Some(2), Some(30)).unwrap_err();
        assert_eq!(err.message, "February 1909 has no day 30: it has 28 days");
        assert!(
            HistDate::new(1908, Some(2), Some(29)).is_ok(),
            "1908 was a leap year"
        );
        assert!(
            HistDate::new(1900, Some(2), Some(29)).is_err(),
            "1900 was not"
        );
        assert!(HistDate::new(2000, Some(2), Some(29)).is_ok(), "2000 was");
        assert!(HistDate::new(1909, Some(13), None).is_err());
        assert!(HistDate::new(1909, Some(4), Some(31)).is_err());
        assert!(HistDate::new(0, None, None).is_err());
        assert!(HistDate::new(10_000, None, None).is_err());
    }

    #[test]
    fn leap_years_before_the_common_era_are_proleptic_gregorian() {
        // Astronomical year 0, which is 1 BCE, is a leap year; so is -4, 5 BCE.
        assert!(HistDate::new(-1, Some(2), Some(29)).is_ok());
        assert!(HistDate::new(-5, Some(2), Some(29)).is_ok());
        assert!(HistDate::new(-4, Some(2), Some(29)).is_err());
    }

    #[test]
    fn partial_dates_sort_before_the_dates_they_hold() {
        let mut dates = vec![
            d(1908, Some(7), None),
            d(1908, Some(6), Some(23)),
            d(1908, None, None),
            d(1908, Some(6), None),
            d(-330, None, None),
            d(1907, Some(12), Some(31)),
            d(-44, Some(3), Some(15)),
        ];
        dates.sort();
        assert_eq!(
            dates,
            [
                d(-330, None, None),
                d(-44, Some(3), Some(15)),
                d(1907, Some(12), Some(31)),
                d(1908, None, None),
                d(1908, Some(6), None),
                d(1908, Some(6), Some(23)),
                d(1908, Some(7), None),
            ]
        );
    }

    #[test]
    fn first_and_last_days() {
        let feb = d(1908, Some(2), None);
        assert_eq!(feb.first_day(), civil::date(1908, 2, 1));
        assert_eq!(feb.last_day(), civil::date(1908, 2, 29));
        let year = d(-330, None, None);
        assert_eq!(year.first_day(), civil::date(-329, 1, 1));
        assert_eq!(year.last_day(), civil::date(-329, 12, 31));
        assert!(d(-1, None, None).wholly_before(d(1, None, None)));
        // A day is not wholly before itself, nor a month before its own last day.
        let day = d(1908, Some(6), Some(23));
        assert!(!day.wholly_before(day));
        assert!(d(1908, Some(6), Some(22)).wholly_before(day));
        assert!(!d(1908, Some(6), None).wholly_before(d(1908, Some(6), Some(30))));
    }

    #[test]
    fn a_range_must_end_after_it_begins() {
        let start = d(1911, None, None);
        let err = Period::new(start, Some(d(1905, None, None))).unwrap_err();
        assert_eq!(err.message, "`end` (1905) must come after `date` (1911)");
        assert!(err.help.unwrap().contains("change places"));
        // A month inside the year is not after it, nor the same day.
        assert!(Period::new(start, Some(d(1911, Some(10), None))).is_err());
        let day = d(1908, Some(6), Some(23));
        assert!(Period::new(day, Some(day)).is_err());
        assert!(Period::new(d(-330, None, None), Some(d(-323, None, None))).is_ok());
        assert!(Period::new(d(1909, Some(3), Some(26)), Some(d(1909, Some(4), None))).is_ok());
    }

    #[test]
    fn periods_sort_by_start_then_end() {
        let y = |year| d(year, None, None);
        let single = Period::new(y(1905), None).unwrap();
        let short = Period::new(y(1905), Some(y(1906))).unwrap();
        let long = Period::new(y(1905), Some(y(1911))).unwrap();
        let later = Period::new(y(1906), None).unwrap();
        let mut all = vec![later, long, single, short];
        all.sort();
        assert_eq!(all, [single, short, long, later]);
    }
}

//! Reading a date from front matter: a TOML date (`1908-06-23`), a TOML
//! integer year (`1918`), or a string: `"1908-06-23"`, `"1907-01"`,
//! `"1918"`, and before the common era `"330 BCE"`, `"330 BC"` or
//! `"0044-03-15 BCE"`. `CE` and `AD` may follow a year of the common era.
//!
//! A year written with a minus sign is refused: ISO 8601 numbers years
//! astronomically, so its `-0329` is 330 BCE, and a reader of the front
//! matter cannot tell which of the two the author meant.

use super::{HistDate, MAX_YEAR};

/// Why a value is not a date, with a hint on how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub help: Option<String>,
}

impl DateError {
    pub fn new(message: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

const FORMS: &str = "write a day, a month or a year: 1908-06-23, \"1907-01\", 1918, \
                     \"330 BCE\" or \"0044-03-15 BCE\"";

impl HistDate {
    /// Reads a date from a front-matter value.
    pub fn from_toml(value: &toml::Value) -> Result<HistDate, DateError> {
        match value {
            toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    HistDate::new(year(d.year.into())?, Some(d.month), Some(d.day))
                }
                _ => Err(DateError::new(format!("`{dt}` has a time of day"))
                    .with_help("give the day alone, such as 1908-06-23")),
            },
            toml::Value::Integer(n) if *n < 0 => Err(minus(&n.to_string())),
            toml::Value::Integer(n) => HistDate::new(year(*n)?, None, None),
            toml::Value::String(s) => HistDate::parse(s),
            other => Err(DateError::new(format!(
                "a date must be a date, a year or a string, not a {}",
                other.type_str()
            ))
            .with_help(FORMS)),
        }
    }

    /// Reads a date written as a string (see the module's documentation).
    pub fn parse(text: &str) -> Result<HistDate, DateError> {
        let text = text.trim();
        if text.starts_with(['-', '\u{2212}']) {
            return Err(minus(text));
        }
        let (digits, bce) = match text.rsplit_once(char::is_whitespace) {
            Some((digits, era)) => match era.to_ascii_uppercase().as_str() {
                "BCE" | "BC" => (digits.trim_end(), true),
                "CE" | "AD" => (digits.trim_end(), false),
                _ => return Err(not_a_date(text)),
            },
            None => (text, false),
        };
        let mut parts = digits.split('-');
        let (Some(y), month, day, None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(not_a_date(text));
        };
        let number = |part: &str, widths: std::ops::RangeInclusive<usize>| {
            (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        let year_number = number(y, 1..=4).ok_or_else(|| not_a_date(text))?;
        let month = match month {
            Some(m) => Some(number(m, 2..=2).ok_or_else(|| not_a_date(text))? as u8),
            None => None,
        };
        let day = match day {
            Some(d) => Some(number(d, 2..=2).ok_or_else(|| not_a_date(text))? as u8),
            None => None,
        };
        let year = year(year_number.into())?;
        HistDate::new(if bce { -year } else { year }, month, day)
    }
}

/// A year of the common era, or an error for 0 or one too large.
fn year(n: i64) -> Result<i16, DateError> {
    match n {
        0 => HistDate::new(0, None, None).map(|_| 0),
        1..=9999 => Ok(n as i16),
        _ => Err(
            DateError::new(format!("the year {n} is out of range")).with_help(format!(
                "a year lies between {MAX_YEAR} BCE and {MAX_YEAR} CE"
            )),
        ),
    }
}

fn minus(text: &str) -> DateError {
    DateError::new(format!(
        "`{text}`: a year with a minus sign is ambiguous, since astronomical numbering \
         (as in ISO 8601) counts -329 as 330 BCE"
    ))
    .with_help(
        "write a year before the common era with BCE, such as \"330 BCE\" or \"0044-03-15 BCE\"",
    )
}

fn not_a_date(text: &str) -> DateError {
    DateError::new(format!("`{text}` is not a date")).with_help(FORMS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Precision;

    /// Reads `value` as the TOML of a front-matter value.
    fn toml(value: &str) -> Result<HistDate, DateError> {
        let table: toml::Table = toml::from_str(&format!("d = {value}")).unwrap();
        HistDate::from_toml(&table["d"])
    }

    fn ymd(date: HistDate) -> (i16, Option<u8>, Option<u8>) {
        (date.year(), date.month(), date.day())
    }

    #[test]
    fn full_dates_from_toml_dates_and_strings() {
        assert_eq!(ymd(toml("1908-06-23").unwrap()), (1908, Some(6), Some(23)));
        assert_eq!(
            ymd(toml("\"1908-06-23\"").unwrap()),
            (1908, Some(6), Some(23))
        );
        assert_eq!(toml("1908-06-23").unwrap().precision(), Precision::Day);
    }

    #[test]
    fn months_and_years() {
        assert_eq!(ymd(toml("\"1907-01\"").unwrap()), (1907, Some(1), None));
        assert_eq!(toml("\"1907-01\"").unwrap().precision(), Precision::Month);
        assert_eq!(ymd(toml("1918").unwrap()), (1918, None, None));
        assert_eq!(ymd(toml("\"1918\"").unwrap()), (1918, None, None));
        assert_eq!(ymd(toml("\"622 CE\"").unwrap()), (622, None, None));
        assert_eq!(ymd(toml("\"1066 AD\"").unwrap()), (1066, None, None));
        assert_eq!(toml("1918").unwrap().precision(), Precision::Year);
    }

    #[test]
    fn years_before_the_common_era() {
        assert_eq!(ymd(toml("\"330 BCE\"").unwrap()), (-330, None, None));
        assert_eq!(ymd(toml("\"330 BC\"").unwrap()), (-330, None, None));
        assert_eq!(ymd(toml("\"330 bce\"").unwrap()), (-330, None, None));
        assert_eq!(
            ymd(toml("\"0044-03-15 BCE\"").unwrap()),
            (-44, Some(3), Some(15))
        );
        assert_eq!(ymd(toml("\"44-03 BCE\"").unwrap()), (-44, Some(3), None));
    }

    #[test]
    fn impossible_dates_are_errors() {
        let err = toml("\"1909-02-30\"").unwrap_err();
        assert!(err.message.contains("no day 30"), "{err:?}");
        // TOML itself refuses 1909-02-30 as a date, before gloss sees it.
        assert!(
            toml("\"1909-13\"")
                .unwrap_err()
                .message
                .contains("no month 13")
        );
        assert!(toml("0").unwrap_err().message.contains("no year 0"));
        assert!(toml("\"0 BCE\"").unwrap_err().message.contains("no year 0"));
        assert!(
            toml("0000-01-01")
                .unwrap_err()
                .message
                .contains("no year 0")
        );
        assert!(toml("12000").is_err());
    }

    #[test]
    fn a_leading_minus_is_refused_with_help() {
        for value in ["-330", "\"-330\"", "\"-0043-03-15\"", "\"\u{2212}330\""] {
            let err = toml(value).unwrap_err();
            assert!(err.message.contains("minus sign"), "{value}: {err:?}");
            assert!(err.help.unwrap().contains("BCE"), "{value}");
        }
    }

    #[test]
    fn other_values_and_shapes_are_refused() {
        for value in [
            "\"June 1908\"",
            "\"1908-6-23\"",
            "\"1908/06/23\"",
            "\"19080\"",
            "\"\"",
            "\"330 BCE BCE\"",
            "\"1908-06-23-01\"",
            "12000",
            "\"1909-13\"",
            "\"1909-02-30\"",
            "1908.5",
            "true",
            "1908-06-23T10:00:00",
            "10:00:00",
        ] {
            let err = toml(value).unwrap_err();
            assert!(err.help.is_some(), "{value}: {err:?} has no help");
        }
    }
}

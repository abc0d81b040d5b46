//! Publication dates: checked calendar dates shown in words.

use jiff::civil;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(civil::Date);

impl Date {
    /// Accepts a TOML date (`2025-03-01`) or a string holding one.
    pub fn from_toml(value: &toml::Value) -> Result<Date, String> {
        let text = match value {
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    return civil::Date::new(d.year as i16, d.month as i8, d.day as i8)
                        .map(Date)
                        .map_err(|e| format!("invalid date: {e}"));
                }
                _ => return Err(format!("date `{dt}` must be a day, without a time")),
            },
            toml::Value::String(s) => s.clone(),
            other => {
                return Err(format!(
                    "date must be a date such as 2025-03-01, not a {}",
                    other.type_str()
                ));
            }
        };
        civil::Date::strptime("%Y-%m-%d", text.trim())
            .map(Date)
            .map_err(|_| format!("date `{text}` is not a date in the form 2025-03-01"))
    }

    /// `2025-03-01`, for `datetime` attributes and feeds.
    pub fn iso(&self) -> String {
        self.0.strftime("%Y-%m-%d").to_string()
    }

    /// `1 March 2025`, for readers.
    pub fn words(&self) -> String {
        self.0.strftime("%-d %B %Y").to_string()
    }

    /// The date as readers of `language` read it: in Persian, the Solar
    /// Hijri date first (`۱۱ اسفند ۱۴۰۳ (۱ مارس ۲۰۲۵)`).
    pub fn words_in(&self, language: &crate::languages::Language) -> String {
        if language.is_persian() {
            crate::languages::persian::day(self.0)
        } else {
            self.words()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Date, String> {
        let table: toml::Table = toml::from_str(&format!("d = {s}")).unwrap();
        Date::from_toml(&table["d"])
    }

    #[test]
    fn toml_date_and_string() {
        assert_eq!(parse("2025-03-01").unwrap().words(), "1 March 2025");
        assert_eq!(parse("\"1909-04-29\"").unwrap().iso(), "1909-04-29");
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert!(parse("\"2025-02-30\"").is_err());
        assert!(parse("12").is_err());
        assert!(parse("2025-03-01T10:00:00").is_err());
    }
}

//! Persian as pages write it: Persian digits, and dates in the Solar Hijri
//! calendar first with the Gregorian beside them (`۱۱ اسفند ۱۴۰۳ (۱ مارس
//! ۲۰۲۵)`). The calendar arithmetic is [`crate::dates::hijri`]'s.

use calendrical_calculations::persian::fast_persian_from_fixed;
use jiff::civil;

use crate::dates::{HistDate, Precision};

/// The Solar Hijri months, from Farvardin.
const SOLAR_MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// The Gregorian months as Persian writes them.
const GREGORIAN_MONTHS: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// "Before the common era", after a year.
const BCE: &str = "پیش از میلاد";

/// `text` with its ASCII digits written as Persian digits (۰ to ۹).
pub fn digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A number in Persian digits.
pub fn number(n: impl std::fmt::Display) -> String {
    digits(&n.to_string())
}

/// The Solar Hijri year, month (1 to 12) and day of `date`, if it falls on
/// or after 1 Farvardin 1.
pub fn solar(date: civil::Date) -> Option<(i32, u8, u8)> {
    let fixed = calendrical_calculations::gregorian::fixed_from_gregorian(
        date.year().into(),
        date.month() as u8,
        date.day() as u8,
    );
    let (year, month, day) = fast_persian_from_fixed(fixed).ok()?;
    (year >= 1).then_some((year, month, day))
}

/// A day in Persian: `۱۱ اسفند ۱۴۰۳ (۱ مارس ۲۰۲۵)`.
pub fn day(date: civil::Date) -> String {
    match HistDate::new(
        date.year(),
        Some(date.month() as u8),
        Some(date.day() as u8),
    ) {
        Ok(date) => hist_date(date),
        // Publication dates are of the common era.
        Err(_) => digits(&date.to_string()),
    }
}

/// A historical date in Persian, as precise as it is known: a day as
/// [`day`] writes it; a month as the Solar Hijri months it spans, with the
/// Gregorian month beside (`مرداد–شهریور ۱۲۸۵ (اوت ۱۹۰۶)`); a year as the
/// Solar Hijri years it spans (`۱۲۸۳–۱۲۸۴ (۱۹۰۵)`). Dates before the Solar
/// Hijri calendar's first day are Gregorian only.
pub fn hist_date(date: HistDate) -> String {
    let year = if date.is_bce() {
        format!("{} {BCE}", number(-i32::from(date.year())))
    } else {
        number(date.year())
    };
    let month = |m: Option<u8>| GREGORIAN_MONTHS[usize::from(m.unwrap_or(1).clamp(1, 12)) - 1];
    let solar_month = |m: u8| SOLAR_MONTHS[usize::from(m.clamp(1, 12)) - 1];
    let (first, last) = (solar(date.first_day()), solar(date.last_day()));
    let (gregorian, solar) = match date.precision() {
        Precision::Day => (
            format!(
                "{} {} {year}",
                number(date.day().unwrap_or(1)),
                month(date.month())
            ),
            first.map(|(y, m, d)| format!("{} {} {}", number(d), solar_month(m), number(y))),
        ),
        Precision::Month => (
            format!("{} {year}", month(date.month())),
            first.zip(last).map(|((y1, m1, _), (y2, m2, _))| {
                if y1 == y2 {
                    format!("{}–{} {}", solar_month(m1), solar_month(m2), number(y1))
                } else {
                    let (from, to) = (solar_month(m1), solar_month(m2));
                    format!("{from} {} – {to} {}", number(y1), number(y2))
                }
            }),
        ),
        Precision::Year => (
            year,
            first
                .zip(last)
                .map(|((y1, _, _), (y2, _, _))| format!("{}–{}", number(y1), number(y2))),
        ),
    };
    match solar {
        Some(solar) => format!("{solar} ({gregorian})"),
        None => gregorian,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_persian() {
        assert_eq!(digits("Part 2 of 14"), "Part ۲ of ۱۴");
        assert_eq!(number(1909), "۱۹۰۹");
    }

    #[test]
    fn the_first_of_march_2025_is_the_eleventh_of_esfand_1403() {
        let date = civil::date(2025, 3, 1);
        assert_eq!(solar(date), Some((1403, 12, 11)));
        assert_eq!(day(date), "۱۱ اسفند ۱۴۰۳ (۱ مارس ۲۰۲۵)");
        // Nowruz: the year turns at the spring equinox.
        assert_eq!(solar(civil::date(2025, 3, 21)), Some((1404, 1, 1)));
        assert_eq!(solar(civil::date(1908, 6, 23)), Some((1287, 4, 2)));
    }

    #[test]
    fn a_date_is_written_as_precisely_as_it_is_known() {
        let date = |text| hist_date(HistDate::parse(text).unwrap());
        assert_eq!(date("1908-06-23"), "۲ تیر ۱۲۸۷ (۲۳ ژوئن ۱۹۰۸)");
        assert_eq!(date("1906-08"), "مرداد–شهریور ۱۲۸۵ (اوت ۱۹۰۶)");
        assert_eq!(date("1905"), "۱۲۸۳–۱۲۸۴ (۱۹۰۵)");
        assert_eq!(date("1909-03"), "اسفند ۱۲۸۷ – فروردین ۱۲۸۸ (مارس ۱۹۰۹)");
        assert_eq!(date("44 BCE"), "۴۴ پیش از میلاد");
    }
}

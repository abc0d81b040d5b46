//! The Solar Hijri (SH) and Lunar Hijri (AH) years a date falls in, the two
//! calendars of Persian sources. The arithmetic is ICU4X's
//! `calendrical_calculations`, after Reingold and Dershowitz:
//!
//! - Solar Hijri: the 33-year leap rule with ICU4X's corrections, which
//!   matches the astronomical calendar (the year begins at the spring
//!   equinox as seen in Tehran) from 1178 to 3000 SH. Carried back before
//!   the calendar's official adoption in 1925, as historians do.
//! - Lunar Hijri: the tabular (arithmetical) calendar, with the civil epoch
//!   of Friday 16 July 622 (Julian) and leap years 2, 5, 7, 10, 13, 16, 18,
//!   21, 24, 26 and 29 of each 30. Months begun by sighting the new moon
//!   may start a day or two apart from it, which moves the year only for a
//!   date within a day or two of 1 Muharram.
//!
//! A date before a calendar's first day has no year in it.

use calendrical_calculations::islamic::{
    ISLAMIC_EPOCH_FRIDAY, fixed_from_tabular_islamic, tabular_year_from_fixed,
};
use calendrical_calculations::persian::{fast_persian_from_fixed, fixed_from_fast_persian};
use calendrical_calculations::rata_die::RataDie;
use jiff::civil;

use super::Period;

/// The first and last year, in each calendar, of the days a date or range covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HijriYears {
    /// Solar Hijri years; `None` for a period wholly before 1 Farvardin 1 SH.
    pub solar: Option<(i32, i32)>,
    /// Lunar Hijri years; `None` for a period wholly before 1 Muharram 1 AH.
    pub lunar: Option<(i32, i32)>,
}

impl HijriYears {
    pub fn of(period: &Period) -> HijriYears {
        HijriYears::spanning(period.first_day(), period.last_day())
    }

    /// The years of the days from `first` to `last`.
    pub fn spanning(first: civil::Date, last: civil::Date) -> HijriYears {
        let (first, last) = (fixed(first), fixed(last));
        let solar_epoch = fixed_from_fast_persian(1, 1, 1);
        let solar_year = |day| fast_persian_from_fixed(day).map_or(0, |(year, _, _)| year);
        // A period that begins before a calendar's first day and ends after
        // it is counted from that day: 610–632 CE is 1–11 AH.
        let from = |epoch: RataDie| (last >= epoch).then(|| first.max(epoch));
        HijriYears {
            solar: from(solar_epoch).map(|first| (solar_year(first), solar_year(last))),
            lunar: from(ISLAMIC_EPOCH_FRIDAY).map(|first| (lunar_year(first), lunar_year(last))),
        }
    }

    /// The Solar Hijri years as readers see them: "1287" or "1287–1288".
    pub fn solar_text(&self) -> Option<String> {
        self.solar.map(years_text)
    }

    /// The Lunar Hijri years: "1326" or "1326–1327".
    pub fn lunar_text(&self) -> Option<String> {
        self.lunar.map(years_text)
    }
}

/// The tabular Lunar Hijri year of `day`, on or after the epoch.
fn lunar_year(day: RataDie) -> i32 {
    // The crate's year estimate (0.2.4) is a year short on some first days
    // of Muharram (23 January 1909 among them); its new-year days, from the
    // calendar's definition, settle it.
    let new_year = |year| fixed_from_tabular_islamic(year, 1, 1, ISLAMIC_EPOCH_FRIDAY);
    settle(
        tabular_year_from_fixed(day, ISLAMIC_EPOCH_FRIDAY),
        day,
        new_year,
    )
}

/// The year (1 or later) holding `day`, from an estimate a year or so off
/// either way and the calendar's `new_year` days.
fn settle(mut year: i32, day: RataDie, new_year: impl Fn(i32) -> RataDie) -> i32 {
    while new_year(year + 1) <= day {
        year += 1;
    }
    while year > 1 && new_year(year) > day {
        year -= 1;
    }
    year
}

fn years_text((first, last): (i32, i32)) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}\u{2013}{last}")
    }
}

/// The day as the calendar arithmetic counts days.
fn fixed(date: civil::Date) -> RataDie {
    calendrical_calculations::gregorian::fixed_from_gregorian(
        date.year().into(),
        date.month() as u8,
        date.day() as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use calendrical_calculations::islamic::tabular_islamic_from_fixed;

    fn day(y: i16, m: i8, d: i8) -> HijriYears {
        let date = civil::date(y, m, d);
        HijriYears::spanning(date, date)
    }

    fn years(text: &str) -> HijriYears {
        HijriYears::of(&Period::new(crate::dates::HistDate::parse(text).unwrap(), None).unwrap())
    }

    #[test]
    fn the_constitution_decree_of_5_august_1906() {
        // 14 Jumada II 1324 AH, and in the year 1285 SH. The astronomical
        // calendar makes the day 13 Mordad, since Nowruz 1285 fell on
        // 22 March 1906 (the equinox came after noon at Tehran on the 21st);
        // 14 Mordad, the day usually given, is one later. Only years are shown.
        let date = fixed(civil::date(1906, 8, 5));
        assert_eq!(fast_persian_from_fixed(date).unwrap(), (1285, 5, 13));
        assert_eq!(
            tabular_islamic_from_fixed(date, ISLAMIC_EPOCH_FRIDAY),
            (1324, 6, 14)
        );
        assert_eq!(
            day(1906, 8, 5),
            HijriYears {
                solar: Some((1285, 1285)),
                lunar: Some((1324, 1324)),
            }
        );
    }

    #[test]
    fn nowruz_begins_the_solar_year() {
        // 21 March 1909 was 1 Farvardin 1288; the day before was still 1287.
        assert_eq!(
            fast_persian_from_fixed(fixed(civil::date(1909, 3, 21))).unwrap(),
            (1288, 1, 1)
        );
        assert_eq!(day(1909, 3, 20).solar, Some((1287, 1287)));
        // The calendar's adoption: 1 Farvardin 1304 was 21 March 1925.
        assert_eq!(
            fast_persian_from_fixed(fixed(civil::date(1925, 3, 21))).unwrap(),
            (1304, 1, 1)
        );
        // Nowruz 1403 fell on 20 March 2024, and Nowruz 1404 on 21 March 2025.
        assert_eq!(day(2024, 3, 19).solar, Some((1402, 1402)));
        assert_eq!(day(2024, 3, 20).solar, Some((1403, 1403)));
        assert_eq!(day(2025, 3, 20).solar, Some((1403, 1403)));
        assert_eq!(day(2025, 3, 21).solar, Some((1404, 1404)));
    }

    #[test]
    fn first_of_muharram_begins_the_lunar_year() {
        // New years of the tabular calendar: 1 Muharram 1326 on 4 February
        // 1908, 1327 on 23 January 1909, 1328 on 13 January 1910.
        for ((y, m, d), year) in [
            ((1908, 2, 4), 1326),
            ((1909, 1, 23), 1327),
            ((1910, 1, 13), 1328),
        ] {
            let new_year = civil::date(y, m, d);
            assert_eq!(
                fixed_from_tabular_islamic(year, 1, 1, ISLAMIC_EPOCH_FRIDAY),
                fixed(new_year)
            );
            assert_eq!(day(y, m, d).lunar, Some((year, year)), "{new_year}");
            let eve = new_year.yesterday().unwrap();
            assert_eq!(
                HijriYears::spanning(eve, eve).lunar,
                Some((year - 1, year - 1)),
                "{eve}"
            );
        }
        // Sighting the moon can start a month a day apart from the table:
        // 1 Muharram 1400 was observed in Mecca on 20 November 1979, the
        // day the Grand Mosque was seized; the table starts it on the 21st.
        assert_eq!(day(1979, 11, 20).lunar, Some((1399, 1399)));
        assert_eq!(day(1979, 11, 21).lunar, Some((1400, 1400)));
    }

    #[test]
    fn lunar_years_agree_with_new_year_days_throughout() {
        // Every day from the first of the calendar to 2100.
        let mut date = civil::date(622, 7, 19);
        let end = civil::date(2100, 1, 1);
        let mut year = 1;
        while date < end {
            let day = fixed(date);
            if fixed_from_tabular_islamic(year + 1, 1, 1, ISLAMIC_EPOCH_FRIDAY) == day {
                year += 1;
            }
            assert_eq!(lunar_year(day), year, "{date}");
            date = date.tomorrow().unwrap();
        }
    }

    #[test]
    fn an_estimate_a_year_off_either_way_is_settled() {
        // The crate's estimate is only ever short, on new-year days; a long
        // one, from another version, is settled as well.
        let new_year = |year| fixed_from_tabular_islamic(year, 1, 1, ISLAMIC_EPOCH_FRIDAY);
        let first = fixed(civil::date(1909, 1, 23));
        for estimate in 1325..=1329 {
            assert_eq!(settle(estimate, first, new_year), 1327, "{estimate}");
        }
        let eve = fixed(civil::date(1909, 1, 22));
        assert_eq!(settle(1327, eve, new_year), 1326);
        // Never a year before the first.
        let before = RataDie::new(new_year(1).to_i64_date() - 1);
        assert_eq!(settle(2, before, new_year), 1);
        assert_eq!(settle(3, new_year(1), new_year), 1);
    }

    #[test]
    fn months_and_years_span_two_years_of_each() {
        assert_eq!(
            years("1909"),
            HijriYears {
                solar: Some((1287, 1288)),
                lunar: Some((1326, 1327)),
            }
        );
        // March 1909 holds Nowruz; June 1908 lies inside 1287 SH and 1326 AH.
        assert_eq!(years("1909-03").solar, Some((1287, 1288)));
        assert_eq!(
            years("1908-06"),
            HijriYears {
                solar: Some((1287, 1287)),
                lunar: Some((1326, 1326)),
            }
        );
    }

    #[test]
    fn no_hijri_year_before_the_hijra() {
        assert_eq!(
            years("330 BCE"),
            HijriYears {
                solar: None,
                lunar: None
            }
        );
        assert_eq!(
            years("600"),
            HijriYears {
                solar: None,
                lunar: None
            }
        );
        // A year holding the start of the calendar counts from its first day.
        assert_eq!(years("622").lunar, Some((1, 1)));
        let hijra_to_death = Period::new(
            crate::dates::HistDate::parse("610").unwrap(),
            Some(crate::dates::HistDate::parse("632").unwrap()),
        )
        .unwrap();
        assert_eq!(HijriYears::of(&hijra_to_death).lunar, Some((1, 11)));
        assert_eq!(HijriYears::of(&hijra_to_death).solar, Some((1, 11)));
        // 16 July 622 (Julian) is 19 July in the proleptic Gregorian calendar.
        assert_eq!(day(622, 7, 19).lunar, Some((1, 1)));
        assert_eq!(day(622, 7, 18).lunar, None);
        assert_eq!(years("623").lunar, Some((1, 2)));
    }

    #[test]
    fn year_spans_read_as_ranges() {
        let in_1909 = years("1909");
        assert_eq!(in_1909.solar_text().unwrap(), "1287–1288");
        assert_eq!(in_1909.lunar_text().unwrap(), "1326–1327");
        assert_eq!(day(1908, 6, 23).solar_text().unwrap(), "1287");
        assert_eq!(years("330 BCE").lunar_text(), None);
    }
}

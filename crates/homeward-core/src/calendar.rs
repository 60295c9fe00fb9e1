//! The calendar partners live by.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

/// The date in Cambodia (UTC+7 all year, no daylight saving) at a given instant.
///
/// "In the future", "overdue" and "days since" are judged by Cambodian dates, not UTC's: from
/// 17:00 UTC it is already tomorrow in Phnom Penh, and a visit made that morning must be accepted.
pub fn cambodia_date(at: DateTime<Utc>) -> NaiveDate {
    cambodia_time(at).date()
}

/// The earliest date Homeward accepts. Cambodia's alternative-care reforms, and every record an
/// adviser could hold, are later than this; an earlier date is a typo (or a forged request).
pub const EARLIEST_PLAUSIBLE: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(day) => day,
    None => panic!("a valid date"),
};

/// How far ahead a date may lie: plans and targets, never a typo of the century.
pub const YEARS_AHEAD: u32 = 10;

/// The window of dates a person could mean, as seen on `today`: from [`EARLIEST_PLAUSIBLE`] to
/// [`YEARS_AHEAD`] years after `today`. Bounding dates also bounds every loop that walks from
/// one date to another (months of progress, quarters, follow-ups due).
pub fn plausible_dates(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let latest = today
        .checked_add_months(chrono::Months::new(12 * YEARS_AHEAD))
        .unwrap_or(NaiveDate::MAX);
    (EARLIEST_PLAUSIBLE, latest)
}

/// The wall-clock time in Cambodia at a given instant, as people there read a timestamp.
pub fn cambodia_time(at: DateTime<Utc>) -> NaiveDateTime {
    (at + Duration::hours(7)).naive_utc()
}

/// An instant as lists of events show it: Cambodian time to the minute, "2026-12-08 06:12".
pub fn cambodia_minute(at: DateTime<Utc>) -> String {
    cambodia_time(at).format("%Y-%m-%d %H:%M").to_string()
}

/// Digits written in Khmer (០–៩), for the words of a quarter or a long date on a Khmer page;
/// anything else is kept.
pub fn khmer_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32('០' as u32 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// A date as a printed report writes it: "24 November 2026", or "ថ្ងៃទី២៤ ខែវិច្ឆិកា ឆ្នាំ២០២៦".
pub fn long_date(date: NaiveDate, lang: crate::Lang) -> String {
    use chrono::Datelike;
    const EN: [&str; 12] = [
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
    const KM: [&str; 12] = [
        "មករា",
        "កុម្ភៈ",
        "មីនា",
        "មេសា",
        "ឧសភា",
        "មិថុនា",
        "កក្កដា",
        "សីហា",
        "កញ្ញា",
        "តុលា",
        "វិច្ឆិកា",
        "ធ្នូ",
    ];
    let month = date.month0() as usize;
    match lang {
        crate::Lang::En => format!("{} {} {}", date.day(), EN[month], date.year()),
        crate::Lang::Km => format!(
            "ថ្ងៃទី{} ខែ{} ឆ្នាំ{}",
            khmer_digits(&date.day().to_string()),
            KM[month],
            khmer_digits(&date.year().to_string())
        ),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_printed_date_reads_in_either_language() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(long_date(day, crate::Lang::En), "24 November 2026");
        assert_eq!(long_date(day, crate::Lang::Km), "ថ្ងៃទី២៤ ខែវិច្ឆិកា ឆ្នាំ២០២៦");
    }

    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_date_turns_at_five_pm_utc() {
        let day = |s| cambodia_date(at(s)).to_string();
        assert_eq!(day("2026-11-25T16:59:59Z"), "2026-11-25");
        assert_eq!(day("2026-11-25T17:00:00Z"), "2026-11-26");
        assert_eq!(day("2026-12-31T23:30:00Z"), "2027-01-01");
        let time = cambodia_time(at("2026-11-25T10:15:00Z"));
        assert_eq!(
            time.format("%Y-%m-%d %H:%M").to_string(),
            "2026-11-25 17:15"
        );
    }

    #[test]
    fn plausible_dates_run_from_1990_to_ten_years_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (first, last) = plausible_dates(today);
        assert_eq!(first.to_string(), "1990-01-01");
        assert_eq!(last.to_string(), "2036-11-26");
    }
}

//! The calendar partners live by.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

/// The date in Cambodia (UTC+7 all year, no daylight saving) at a given instant.
///
/// "In the future", "overdue" and "days since" are judged by Cambodian dates, not UTC's: from
/// 17:00 UTC it is already tomorrow in Phnom Penh, and a visit made that morning must be accepted.
pub fn cambodia_date(at: DateTime<Utc>) -> NaiveDate {
    cambodia_time(at).date()
}

/// The wall-clock time in Cambodia at a given instant, as people there read a timestamp.
pub fn cambodia_time(at: DateTime<Utc>) -> NaiveDateTime {
    (at + Duration::hours(7)).naive_utc()
}

#[cfg(test)]
mod tests {
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
}

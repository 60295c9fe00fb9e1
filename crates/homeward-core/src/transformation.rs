//! The organisation itself changing: the organisation track as data. A transition is achieved
//! not only when children go home but when the RCI's staff, buildings and money move to
//! family-based care. Each change is a dated record of one RCI:
//! - **staff**: people retrained, redeployed to family-based services, or who left, by sex;
//! - **assets**: each building or asset repurposed (what it was, what it is now);
//! - **funding**: each donor's money redirected from residential care to family-based services,
//!   in US dollars or riel, never summed across the two.
//!
//! [`figures`] totals them on a day (the rules are in `docs/domain.md`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::stages::Bilingual;
use crate::values::{parse_date_on, Count, FieldError, Name, SexCount};

/// What happened to members of staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StaffMove {
    /// Trained for family-based work (case management, family support).
    Retrained,
    /// Moved into a family-based service (social work, foster care support, day care).
    Redeployed,
    /// Left the organisation.
    Left,
}

impl StaffMove {
    /// Every move, in the order a form offers them.
    pub const ALL: [StaffMove; 3] = [StaffMove::Retrained, StaffMove::Redeployed, StaffMove::Left];

    /// The stable key used in forms, storage and exports.
    pub fn key(self) -> &'static str {
        match self {
            StaffMove::Retrained => "retrained",
            StaffMove::Redeployed => "redeployed",
            StaffMove::Left => "left",
        }
    }

    /// The move a key names.
    pub fn parse(key: &str) -> Option<StaffMove> {
        StaffMove::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// What a repurposed building or asset is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AssetUse {
    /// A community centre.
    CommunityCentre,
    /// Day care for children who live at home.
    DayCare,
    /// A short-stay transit home while a family placement is prepared.
    TransitHome,
    /// A school or kindergarten.
    School,
    /// The offices of the family-based services.
    Office,
    /// Given back to its owner (a pagoda, a landlord, the state).
    ReturnedToOwner,
    /// Sold, the proceeds kept for family-based services.
    Sold,
    /// Another use.
    Other,
}

impl AssetUse {
    /// Every use, in the order a form offers them.
    pub const ALL: [AssetUse; 8] = [
        AssetUse::CommunityCentre,
        AssetUse::DayCare,
        AssetUse::TransitHome,
        AssetUse::School,
        AssetUse::Office,
        AssetUse::ReturnedToOwner,
        AssetUse::Sold,
        AssetUse::Other,
    ];

    /// The stable key used in forms, storage and exports.
    pub fn key(self) -> &'static str {
        match self {
            AssetUse::CommunityCentre => "community_centre",
            AssetUse::DayCare => "day_care",
            AssetUse::TransitHome => "transit_home",
            AssetUse::School => "school",
            AssetUse::Office => "office",
            AssetUse::ReturnedToOwner => "returned_to_owner",
            AssetUse::Sold => "sold",
            AssetUse::Other => "other",
        }
    }

    /// The use a key names.
    pub fn parse(key: &str) -> Option<AssetUse> {
        AssetUse::ALL.into_iter().find(|u| u.key() == key)
    }
}

/// The currencies Cambodian donors give in: amounts in each are kept apart, never converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Currency {
    /// US dollars, in whole dollars.
    Usd,
    /// Cambodian riel, in whole riel.
    Khr,
}

impl Currency {
    /// Both currencies.
    pub const ALL: [Currency; 2] = [Currency::Usd, Currency::Khr];

    /// The stable key used in forms, storage and exports (ISO 4217, lower case).
    pub fn key(self) -> &'static str {
        match self {
            Currency::Usd => "usd",
            Currency::Khr => "khr",
        }
    }

    /// The currency a key names (either case).
    pub fn parse(key: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.key().eq_ignore_ascii_case(key.trim()))
    }

    /// The ISO code as printed beside an amount: "USD", "KHR".
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Khr => "KHR",
        }
    }
}

/// The largest amount accepted in one record: a trillion riel is about 250 million dollars,
/// far beyond any RCI's budget, and totals of many records stay far inside `u64`.
pub const MAX_AMOUNT: u64 = 1_000_000_000_000;

/// Staff retrained, redeployed or who left on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffChange {
    /// The day it happened.
    pub changed_on: NaiveDate,
    /// What happened.
    pub kind: StaffMove,
    /// How many people, and of them women.
    pub staff: SexCount,
}

/// A building or asset given a new use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetChange {
    /// The day of the change.
    pub changed_on: NaiveDate,
    /// What it was ("the girls' dormitory").
    pub asset: Name,
    /// What it is now.
    pub now: AssetUse,
}

/// A donor's money moved from residential care to family-based services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingChange {
    /// The day the donor agreed to it.
    pub changed_on: NaiveDate,
    /// Who gives the money.
    pub donor: Name,
    /// How much, in whole units of `currency`, at most [`MAX_AMOUNT`].
    pub amount: u64,
    /// Dollars or riel.
    pub currency: Currency,
    /// What it paid for before ("residential care").
    pub from: Name,
    /// What it pays for now ("family support").
    pub to: Name,
}

/// One RCI's records of its own change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transformation {
    /// Staff changes, any order.
    pub staff: Vec<StaffChange>,
    /// Repurposed assets, any order.
    pub assets: Vec<AssetChange>,
    /// Redirected funding, any order.
    pub funding: Vec<FundingChange>,
}

/// One RCI's change totalled on a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransformationFigures {
    /// Staff retrained by the day.
    pub staff_retrained: SexCount,
    /// Staff redeployed to family-based services by the day.
    pub staff_redeployed: SexCount,
    /// Staff who left by the day.
    pub staff_left: SexCount,
    /// Assets repurposed by the day.
    pub assets_repurposed: u32,
    /// Dollars redirected by the day.
    pub funding_usd: u64,
    /// Riel redirected by the day.
    pub funding_khr: u64,
}

impl TransformationFigures {
    /// The amount redirected in `currency`.
    pub fn funding(&self, currency: Currency) -> u64 {
        match currency {
            Currency::Usd => self.funding_usd,
            Currency::Khr => self.funding_khr,
        }
    }

    /// Staff who made `kind` of move.
    pub fn staff(&self, kind: StaffMove) -> SexCount {
        match kind {
            StaffMove::Retrained => self.staff_retrained,
            StaffMove::Redeployed => self.staff_redeployed,
            StaffMove::Left => self.staff_left,
        }
    }

    /// Adds another RCI's figures (the comparison's totals), each currency on its own.
    pub fn plus(self, other: TransformationFigures) -> TransformationFigures {
        TransformationFigures {
            staff_retrained: self.staff_retrained.plus(other.staff_retrained),
            staff_redeployed: self.staff_redeployed.plus(other.staff_redeployed),
            staff_left: self.staff_left.plus(other.staff_left),
            assets_repurposed: self
                .assets_repurposed
                .saturating_add(other.assets_repurposed),
            funding_usd: self.funding_usd.saturating_add(other.funding_usd),
            funding_khr: self.funding_khr.saturating_add(other.funding_khr),
        }
    }
}

/// The records dated on or before `day`, totalled: staff by move and sex, assets counted,
/// funding per currency.
pub fn figures(records: &Transformation, day: NaiveDate) -> TransformationFigures {
    let mut out = TransformationFigures::default();
    for s in records.staff.iter().filter(|s| s.changed_on <= day) {
        let total = match s.kind {
            StaffMove::Retrained => &mut out.staff_retrained,
            StaffMove::Redeployed => &mut out.staff_redeployed,
            StaffMove::Left => &mut out.staff_left,
        };
        *total = total.plus(s.staff);
    }
    out.assets_repurposed = records
        .assets
        .iter()
        .filter(|a| a.changed_on <= day)
        .count() as u32;
    for f in records.funding.iter().filter(|f| f.changed_on <= day) {
        match f.currency {
            Currency::Usd => out.funding_usd = out.funding_usd.saturating_add(f.amount),
            Currency::Khr => out.funding_khr = out.funding_khr.saturating_add(f.amount),
        }
    }
    out
}

/// A refusal worded at the call, in both languages.
fn refuse(field: &str, en: impl Into<String>, km: impl Into<String>) -> FieldError {
    FieldError::new(field, Bilingual::new(en, km))
}

/// A date on or before `today`, within the plausible window.
fn past_date(
    field: &'static str,
    label: &str,
    raw: &str,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    let on = parse_date_on(label, raw, today).map_err(FieldError::at(field))?;
    if on > today {
        return Err(refuse(
            field,
            format!("the date {on} is in the future"),
            format!("កាលបរិច្ឆេទ {on} ស្ថិតនៅថ្ងៃអនាគត"),
        ));
    }
    Ok(on)
}

/// Parses an amount in whole units as people type it: digits, with commas, spaces or
/// apostrophes between thousands ("12,500", "48 000 000"). Refuses decimals, signs, zero and
/// anything above [`MAX_AMOUNT`], checked digit by digit so no input can overflow.
pub fn parse_amount(field: &str, raw: &str) -> Result<u64, FieldError> {
    let text = raw.trim();
    let shown: String = text.chars().take(30).collect();
    if text.is_empty() {
        return Err(refuse(field, "an amount is required", "ត្រូវការចំនួនទឹកប្រាក់"));
    }
    let mut amount: u64 = 0;
    for c in text.chars() {
        match c {
            ',' | ' ' | '\'' | '\u{a0}' => continue,
            '0'..='9' => {
                amount = amount * 10 + u64::from(c as u8 - b'0');
                if amount > MAX_AMOUNT {
                    return Err(refuse(
                        field,
                        format!("the amount is above the largest accepted, {MAX_AMOUNT}"),
                        format!("ចំនួនទឹកប្រាក់លើសពីចំនួនធំបំផុតដែលទទួលយក {MAX_AMOUNT}"),
                    ));
                }
            }
            _ => {
                return Err(refuse(
                    field,
                    format!("write the amount in whole units, digits only: {shown}"),
                    format!("សូមសរសេរចំនួនទឹកប្រាក់ជាឯកតាគត់ ជាលេខតែប៉ុណ្ណោះ៖ {shown}"),
                ))
            }
        }
    }
    if amount == 0 {
        return Err(refuse(
            field,
            "the amount must be more than zero",
            "ចំនួនទឹកប្រាក់ត្រូវធំជាងសូន្យ",
        ));
    }
    Ok(amount)
}

/// Staff changes as the form sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffChangeInput {
    /// YYYY-MM-DD.
    pub changed_on: String,
    /// A [`StaffMove`] key.
    pub kind: String,
    /// People.
    pub staff_total: String,
    /// Of them, women.
    pub staff_female: String,
}

impl StaffChangeInput {
    /// A change of at least one person, dated by `today`, naming the field to fix.
    pub fn parse(&self, today: NaiveDate) -> Result<StaffChange, FieldError> {
        let changed_on = past_date("changed_on", "date", &self.changed_on, today)?;
        let kind = StaffMove::parse(&self.kind).ok_or_else(|| {
            refuse(
                "kind",
                "choose what changed from the list",
                "សូមជ្រើសរើសការផ្លាស់ប្តូរពីបញ្ជី",
            )
        })?;
        let count = |field: &'static str, label: &str, raw: &str| {
            Count::parse_field(label, raw)
                .map(Count::get)
                .map_err(FieldError::at(field))
        };
        let total = count("staff_total", "staff", &self.staff_total)?;
        let female = count("staff_female", "women", &self.staff_female)?;
        if total == 0 {
            return Err(refuse(
                "staff_total",
                "a change is of at least one person",
                "ការផ្លាស់ប្តូរត្រូវមានបុគ្គលិកយ៉ាងហោចណាស់ម្នាក់",
            ));
        }
        let staff =
            SexCount::new_field("staff", total, female).map_err(FieldError::at("staff_female"))?;
        Ok(StaffChange {
            changed_on,
            kind,
            staff,
        })
    }
}

/// A repurposed asset as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetChangeInput {
    /// YYYY-MM-DD.
    pub changed_on: String,
    /// What it was.
    pub asset: String,
    /// An [`AssetUse`] key.
    pub now: String,
}

impl AssetChangeInput {
    /// A named asset with a new use, dated by `today`.
    pub fn parse(&self, today: NaiveDate) -> Result<AssetChange, FieldError> {
        let changed_on = past_date("changed_on", "date", &self.changed_on, today)?;
        let asset = Name::parse_field("asset", &self.asset).map_err(FieldError::at("asset"))?;
        let now = AssetUse::parse(&self.now).ok_or_else(|| {
            refuse(
                "now",
                "choose what it is now from the list",
                "សូមជ្រើសរើសការប្រើប្រាស់ថ្មីពីបញ្ជី",
            )
        })?;
        Ok(AssetChange {
            changed_on,
            asset,
            now,
        })
    }
}

/// Redirected funding as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FundingChangeInput {
    /// YYYY-MM-DD.
    pub changed_on: String,
    /// The donor.
    pub donor: String,
    /// Whole units.
    pub amount: String,
    /// A [`Currency`] key.
    pub currency: String,
    /// What it paid for; blank means residential care.
    pub from: String,
    /// What it pays for now.
    pub to: String,
}

impl FundingChangeInput {
    /// A named donor's amount in dollars or riel, from one use to another, dated by `today`.
    pub fn parse(&self, today: NaiveDate) -> Result<FundingChange, FieldError> {
        let changed_on = past_date("changed_on", "date", &self.changed_on, today)?;
        let donor = Name::parse_field("donor", &self.donor).map_err(FieldError::at("donor"))?;
        let amount = parse_amount("amount", &self.amount)?;
        let currency = Currency::parse(&self.currency).ok_or_else(|| {
            refuse(
                "currency",
                "choose US dollars or riel",
                "សូមជ្រើសរើសដុល្លារអាមេរិក ឬរៀល",
            )
        })?;
        let from = if self.from.trim().is_empty() {
            Name::parse("residential care").map_err(FieldError::at("from"))?
        } else {
            Name::parse_field("from", &self.from).map_err(FieldError::at("from"))?
        };
        let to = Name::parse_field("to", &self.to).map_err(FieldError::at("to"))?;
        Ok(FundingChange {
            changed_on,
            donor,
            amount,
            currency,
            from,
            to,
        })
    }
}

impl StaffChange {
    /// The change as text, for the history (keys worded by the page).
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("date", self.changed_on.to_string()),
            ("staff change", self.kind.key().to_string()),
            ("staff", self.staff.to_string()),
        ]
    }
}

impl AssetChange {
    /// The change as text, for the history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("date", self.changed_on.to_string()),
            ("asset", self.asset.as_str().to_string()),
            ("now used as", self.now.key().to_string()),
        ]
    }
}

impl FundingChange {
    /// The change as text, for the history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("date", self.changed_on.to_string()),
            ("donor", self.donor.as_str().to_string()),
            (
                "amount",
                format!("{} {}", self.amount, self.currency.code()),
            ),
            ("from", self.from.as_str().to_string()),
            ("to", self.to.as_str().to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn funding(on: &str, amount: u64, currency: Currency) -> FundingChange {
        FundingChange {
            changed_on: day(on),
            donor: Name::parse("Friends of Pursat").unwrap(),
            amount,
            currency,
            from: Name::parse("residential care").unwrap(),
            to: Name::parse("family support").unwrap(),
        }
    }

    #[test]
    fn figures_total_each_move_and_each_currency_apart() {
        let records = Transformation {
            staff: vec![
                StaffChange {
                    changed_on: day("2026-03-01"),
                    kind: StaffMove::Retrained,
                    staff: SexCount::new(6, 4).unwrap(),
                },
                StaffChange {
                    changed_on: day("2026-05-01"),
                    kind: StaffMove::Redeployed,
                    staff: SexCount::new(3, 2).unwrap(),
                },
                StaffChange {
                    changed_on: day("2026-06-01"),
                    kind: StaffMove::Redeployed,
                    staff: SexCount::new(1, 0).unwrap(),
                },
            ],
            assets: vec![AssetChange {
                changed_on: day("2026-04-01"),
                asset: Name::parse("boys' dormitory").unwrap(),
                now: AssetUse::CommunityCentre,
            }],
            funding: vec![
                funding("2026-02-01", 12_000, Currency::Usd),
                funding("2026-02-01", 40_000_000, Currency::Khr),
                funding("2026-07-01", 500, Currency::Usd),
            ],
        };
        let june = figures(&records, day("2026-06-15"));
        assert_eq!(june.staff_retrained, SexCount::new(6, 4).unwrap());
        assert_eq!(june.staff_redeployed, SexCount::new(4, 2).unwrap());
        assert_eq!(june.staff_left, SexCount::ZERO);
        assert_eq!(june.assets_repurposed, 1);
        assert_eq!((june.funding_usd, june.funding_khr), (12_000, 40_000_000));
        // Before anything happened, nothing is counted.
        assert_eq!(
            figures(&records, day("2026-01-01")),
            TransformationFigures::default()
        );
        assert_eq!(figures(&records, day("2026-12-01")).funding_usd, 12_500);
    }

    #[test]
    fn forms_are_refused_at_the_field_to_fix() {
        let today = day("2026-12-01");
        let staff = StaffChangeInput {
            changed_on: "2026-11-02".into(),
            kind: "redeployed".into(),
            staff_total: "3".into(),
            staff_female: "2".into(),
        };
        assert_eq!(
            staff.parse(today).unwrap().staff,
            SexCount::new(3, 2).unwrap()
        );
        for (broken, field) in [
            (
                StaffChangeInput {
                    changed_on: "2027-01-01".into(),
                    ..staff.clone()
                },
                "changed_on",
            ),
            (
                StaffChangeInput {
                    kind: "promoted".into(),
                    ..staff.clone()
                },
                "kind",
            ),
            (
                StaffChangeInput {
                    staff_total: "0".into(),
                    ..staff.clone()
                },
                "staff_total",
            ),
            (
                StaffChangeInput {
                    staff_female: "4".into(),
                    ..staff.clone()
                },
                "staff_female",
            ),
        ] {
            assert_eq!(broken.parse(today).unwrap_err().field, field);
        }

        let asset = AssetChangeInput {
            changed_on: "2026-10-01".into(),
            asset: "Girls' dormitory".into(),
            now: "day_care".into(),
        };
        assert_eq!(asset.parse(today).unwrap().now, AssetUse::DayCare);
        assert_eq!(
            AssetChangeInput {
                asset: " ".into(),
                ..asset.clone()
            }
            .parse(today)
            .unwrap_err()
            .field,
            "asset"
        );
        assert_eq!(
            AssetChangeInput {
                now: "".into(),
                ..asset
            }
            .parse(today)
            .unwrap_err()
            .field,
            "now"
        );

        let money = FundingChangeInput {
            changed_on: "2026-09-01".into(),
            donor: "Friends of Pursat".into(),
            amount: "48 000 000".into(),
            currency: "KHR".into(),
            from: String::new(),
            to: "Family support".into(),
        };
        let parsed = money.parse(today).unwrap();
        assert_eq!(
            (parsed.amount, parsed.currency),
            (48_000_000, Currency::Khr)
        );
        assert_eq!(parsed.from.as_str(), "residential care");
        for (broken, field) in [
            (
                FundingChangeInput {
                    amount: "12.50".into(),
                    ..money.clone()
                },
                "amount",
            ),
            (
                FundingChangeInput {
                    amount: "-5".into(),
                    ..money.clone()
                },
                "amount",
            ),
            (
                FundingChangeInput {
                    amount: "0".into(),
                    ..money.clone()
                },
                "amount",
            ),
            (
                FundingChangeInput {
                    currency: "EUR".into(),
                    ..money.clone()
                },
                "currency",
            ),
            (
                FundingChangeInput {
                    donor: "".into(),
                    ..money.clone()
                },
                "donor",
            ),
            (
                FundingChangeInput {
                    to: "".into(),
                    ..money.clone()
                },
                "to",
            ),
        ] {
            let refused = broken.parse(today).unwrap_err();
            assert_eq!(refused.field, field);
            assert!(!refused.message.km.is_empty());
        }
    }

    #[test]
    fn amounts_are_bounded_before_they_can_overflow() {
        assert_eq!(parse_amount("a", "12,500").unwrap(), 12_500);
        assert_eq!(
            parse_amount("a", &MAX_AMOUNT.to_string()).unwrap(),
            MAX_AMOUNT
        );
        let huge = "9".repeat(10_000);
        assert_eq!(parse_amount("a", &huge).unwrap_err().field, "a");
        assert!(parse_amount("a", "1000000000001").is_err());
    }

    proptest! {
        /// Totals never mix currencies: each equals the sum of its own records up to the day,
        /// and a later day never shows less.
        #[test]
        fn currencies_are_totalled_apart_and_grow_with_time(
            records in proptest::collection::vec((0u32..400, 1u64..=MAX_AMOUNT, any::<bool>()), 0..30),
            a in 0u32..400,
            b in 0u32..400,
        ) {
            let start = day("2025-01-01");
            let on = |d: u32| start + chrono::Days::new(u64::from(d));
            let records = Transformation {
                funding: records
                    .iter()
                    .map(|(d, amount, usd)| FundingChange {
                        changed_on: on(*d),
                        amount: *amount,
                        currency: if *usd { Currency::Usd } else { Currency::Khr },
                        ..funding("2025-01-01", 1, Currency::Usd)
                    })
                    .collect(),
                ..Transformation::default()
            };
            let (early, late) = (a.min(b), a.max(b));
            let f = figures(&records, on(late));
            for currency in Currency::ALL {
                let sum: u64 = records
                    .funding
                    .iter()
                    .filter(|r| r.currency == currency && r.changed_on <= on(late))
                    .map(|r| r.amount)
                    .sum();
                prop_assert_eq!(f.funding(currency), sum);
                prop_assert!(figures(&records, on(early)).funding(currency) <= sum);
            }
        }

        /// Any text is either a positive amount within the bound or refused at its field.
        #[test]
        fn any_text_is_an_amount_in_bounds_or_refused(raw in "\\PC{0,40}") {
            match parse_amount("amount", &raw) {
                Ok(n) => prop_assert!((1..=MAX_AMOUNT).contains(&n)),
                Err(e) => prop_assert_eq!(e.field, "amount"),
            }
        }
    }
}

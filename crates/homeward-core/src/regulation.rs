//! An RCI's standing under Cambodia's Sub-decree 119 (2015) on the management of residential
//! care institutions: its agreement (MoU) with MoSVY or the provincial DoSVY, the inspections
//! that check it, and the notice given when it closes or becomes a community service. From them
//! come the flags the organisation acts on (the rules are in `docs/domain.md`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::risks::RiskFlag;
use crate::stages::Bilingual;
use crate::values::{keyed, optional_date, optional_name, parse_date_on, FieldError, Name};

/// Who an agreement is signed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Authority {
    /// The Ministry of Social Affairs, Veterans and Youth Rehabilitation.
    Mosvy,
    /// The provincial Department of Social Affairs.
    Dosvy,
}

/// How an inspection found the RCI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InspectionOutcome {
    /// Meets the minimum standards.
    Satisfactory,
    /// Improvements required by a follow-up date.
    ImprovementsRequired,
    /// Serious concerns for the children's safety or care.
    SeriousConcerns,
}

/// What a closure notice announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClosureKind {
    /// Residential care closed.
    Closed,
    /// Became a community service (day care, family support) with no children living in.
    CommunityService,
}

keyed!(Authority, Mosvy => "mosvy", Dosvy => "dosvy");
keyed!(InspectionOutcome, Satisfactory => "satisfactory",
    ImprovementsRequired => "improvements_required", SeriousConcerns => "serious_concerns");
keyed!(ClosureKind, Closed => "closed", CommunityService => "community_service");

/// An agreement (MoU) between the RCI and MoSVY or its DoSVY.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// With whom.
    pub with: Authority,
    /// The day it was signed.
    pub signed_on: NaiveDate,
    /// The day it ends.
    pub expires_on: NaiveDate,
}

/// An inspection of the RCI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    /// The day of the inspection.
    pub inspected_on: NaiveDate,
    /// Who inspected ("DoSVY Battambang").
    pub by: Name,
    /// What it found.
    pub outcome: InspectionOutcome,
    /// When the improvements it asked for are due; none when satisfactory.
    pub follow_up_due: Option<NaiveDate>,
}

/// The notice given when the RCI closes or becomes a community service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    /// The day of the notice.
    pub noticed_on: NaiveDate,
    /// Closed, or a community service.
    pub kind: ClosureKind,
}

/// One RCI's records of its standing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regulation {
    /// Agreements, any order.
    pub agreements: Vec<Agreement>,
    /// Inspections, any order.
    pub inspections: Vec<Inspection>,
    /// Closure notices, any order (the latest counts).
    pub closures: Vec<Closure>,
}

impl Regulation {
    /// The agreement signed last, as of `today`.
    pub fn agreement(&self, today: NaiveDate) -> Option<Agreement> {
        self.agreements
            .iter()
            .filter(|a| a.signed_on <= today)
            .max_by_key(|a| (a.signed_on, a.expires_on))
            .copied()
    }

    /// The latest inspection, as of `today`.
    pub fn last_inspection(&self, today: NaiveDate) -> Option<&Inspection> {
        self.inspections
            .iter()
            .filter(|i| i.inspected_on <= today)
            .max_by_key(|i| i.inspected_on)
    }

    /// The latest closure notice, as of `today`.
    pub fn closure(&self, today: NaiveDate) -> Option<Closure> {
        self.closures
            .iter()
            .filter(|c| c.noticed_on <= today)
            .max_by_key(|c| c.noticed_on)
            .copied()
    }
}

/// How often inspections are expected and how early an expiring agreement is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegulationSettings {
    /// Days after the last inspection (or the transition's start) before one is overdue.
    pub inspection_every_days: u32,
    /// Days before an agreement ends that it is flagged as expiring.
    pub mou_warning_days: u32,
}

impl Default for RegulationSettings {
    /// An inspection a year, and two months' warning to renew an agreement.
    fn default() -> Self {
        Self {
            inspection_every_days: 365,
            mou_warning_days: 60,
        }
    }
}

/// The flags of an RCI's standing on `today`: none once a closure notice is given; otherwise an
/// agreement expired or expiring, an inspection overdue (counted from the transition's start
/// before the first), improvements past their due day.
pub fn flags(
    regulation: &Regulation,
    settings: &RegulationSettings,
    transition_start: NaiveDate,
    today: NaiveDate,
) -> Vec<RiskFlag> {
    let mut flags = Vec::new();
    if regulation.closure(today).is_some() {
        return flags;
    }
    if let Some(a) = regulation.agreement(today) {
        let left = (a.expires_on - today).num_days();
        if left < 0 {
            flags.push(RiskFlag::MouExpired { days: -left });
        } else if left <= i64::from(settings.mou_warning_days) {
            flags.push(RiskFlag::MouExpiring { days: left });
        }
    }
    let last = regulation.last_inspection(today);
    let due = inspection_due(regulation, settings, transition_start, today);
    if today > due {
        flags.push(RiskFlag::InspectionOverdue {
            days: (today - due).num_days(),
        });
    }
    if let Some(due) = last.and_then(|i| i.follow_up_due) {
        if today > due {
            flags.push(RiskFlag::ImprovementsOverdue {
                days: (today - due).num_days(),
            });
        }
    }
    flags
}

/// The day the next inspection is due: a period after the last one as of `today` (or after the
/// transition's start before the first).
pub fn inspection_due(
    regulation: &Regulation,
    settings: &RegulationSettings,
    transition_start: NaiveDate,
    today: NaiveDate,
) -> NaiveDate {
    let since = regulation
        .last_inspection(today)
        .map_or(transition_start, |i| i.inspected_on);
    since + chrono::Days::new(u64::from(settings.inspection_every_days))
}

fn refuse(field: &str, en: impl Into<String>, km: impl Into<String>) -> FieldError {
    FieldError::new(field, Bilingual::new(en, km))
}

/// A date within the plausible window, not after `today` unless `future` allows it.
fn date(
    field: &'static str,
    label: &str,
    raw: &str,
    today: NaiveDate,
    future: bool,
) -> Result<NaiveDate, FieldError> {
    let on = parse_date_on(label, raw, today).map_err(FieldError::at(field))?;
    if !future && on > today {
        return Err(refuse(
            field,
            format!("the date {on} is in the future"),
            format!("កាលបរិច្ឆេទ {on} ស្ថិតនៅថ្ងៃអនាគត"),
        ));
    }
    Ok(on)
}

/// A choice from a list, or a refusal at its field.
fn choice<T>(field: &str, found: Option<T>) -> Result<T, FieldError> {
    found.ok_or_else(|| refuse(field, "choose from the list", "សូមជ្រើសរើសពីបញ្ជី"))
}

/// The RCI's registration with MoSVY: kept on its profile (imports find RCIs by the number) but
/// edited with its standing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// The registration number, if registered.
    pub mosvy_registration: Option<Name>,
    /// The day of registration (never in the future).
    pub mosvy_registered_on: Option<NaiveDate>,
}

/// A registration as the form (or a partner row of an import) sends it; blanks for none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationInput {
    /// The number, as typed.
    pub mosvy_registration: String,
    /// YYYY-MM-DD.
    pub mosvy_registered_on: String,
}

impl RegistrationInput {
    /// A number of at most a name's length and a real date not after `today`, each optional.
    pub fn parse(&self, today: NaiveDate) -> Result<Registration, FieldError> {
        let at = FieldError::at;
        let mosvy_registered_on = optional_date("registration date", &self.mosvy_registered_on)
            .map_err(at("mosvy_registered_on"))?;
        if let Some(on) = mosvy_registered_on.filter(|on| *on > today) {
            return Err(refuse(
                "mosvy_registered_on",
                format!("the registration date {on} is in the future"),
                format!("កាលបរិច្ឆេទចុះបញ្ជី {on} ស្ថិតនៅថ្ងៃអនាគត"),
            ));
        }
        Ok(Registration {
            mosvy_registration: optional_name(
                "MoSVY registration number",
                &self.mosvy_registration,
            )
            .map_err(at("mosvy_registration"))?,
            mosvy_registered_on,
        })
    }

    /// The form filled in with a stored registration.
    pub fn from_registration(r: &Registration) -> Self {
        RegistrationInput {
            mosvy_registration: r
                .mosvy_registration
                .as_ref()
                .map(|n| n.to_string())
                .unwrap_or_default(),
            mosvy_registered_on: r
                .mosvy_registered_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }
}

/// An agreement as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgreementInput {
    /// An [`Authority`] key.
    pub with: String,
    /// YYYY-MM-DD.
    pub signed_on: String,
    /// YYYY-MM-DD.
    pub expires_on: String,
}

impl AgreementInput {
    /// An agreement signed by `today` that ends after it was signed.
    pub fn parse(&self, today: NaiveDate) -> Result<Agreement, FieldError> {
        let with = choice("with", Authority::parse(&self.with))?;
        let signed_on = date("signed_on", "signed on", &self.signed_on, today, false)?;
        let expires_on = date("expires_on", "expires on", &self.expires_on, today, true)?;
        if expires_on <= signed_on {
            return Err(refuse(
                "expires_on",
                format!("the agreement must end after it was signed ({signed_on})"),
                format!("កិច្ចព្រមព្រៀងត្រូវបញ្ចប់ក្រោយថ្ងៃចុះហត្ថលេខា ({signed_on})"),
            ));
        }
        Ok(Agreement {
            with,
            signed_on,
            expires_on,
        })
    }
}

/// An inspection as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InspectionInput {
    /// YYYY-MM-DD.
    pub inspected_on: String,
    /// Who inspected.
    pub by: String,
    /// An [`InspectionOutcome`] key.
    pub outcome: String,
    /// YYYY-MM-DD; required unless satisfactory.
    pub follow_up_due: String,
}

impl InspectionInput {
    /// An inspection by `today`; one that asks for improvements needs the day they are due,
    /// on or after the inspection.
    pub fn parse(&self, today: NaiveDate) -> Result<Inspection, FieldError> {
        let inspected_on = date(
            "inspected_on",
            "inspection date",
            &self.inspected_on,
            today,
            false,
        )?;
        let by = Name::parse_field("by", &self.by).map_err(FieldError::at("by"))?;
        let outcome = choice("outcome", InspectionOutcome::parse(&self.outcome))?;
        let follow_up_due = match (outcome, self.follow_up_due.trim()) {
            (InspectionOutcome::Satisfactory, _) => None,
            (_, "") => {
                return Err(refuse(
                    "follow_up_due",
                    "say when the improvements are due",
                    "សូមបញ្ជាក់ថ្ងៃកំណត់សម្រាប់ការកែលម្អ",
                ))
            }
            (_, raw) => {
                let due = date("follow_up_due", "follow-up due", raw, today, true)?;
                if due < inspected_on {
                    return Err(refuse(
                        "follow_up_due",
                        format!("the follow-up is due on or after the inspection ({inspected_on})"),
                        format!("ការតាមដានត្រូវនៅថ្ងៃ ឬក្រោយថ្ងៃអធិការកិច្ច ({inspected_on})"),
                    ));
                }
                Some(due)
            }
        };
        Ok(Inspection {
            inspected_on,
            by,
            outcome,
            follow_up_due,
        })
    }
}

/// A closure notice as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClosureInput {
    /// YYYY-MM-DD.
    pub noticed_on: String,
    /// A [`ClosureKind`] key.
    pub kind: String,
}

impl ClosureInput {
    /// A notice given by `today`.
    pub fn parse(&self, today: NaiveDate) -> Result<Closure, FieldError> {
        let noticed_on = date("noticed_on", "notice date", &self.noticed_on, today, false)?;
        let kind = choice("kind", ClosureKind::parse(&self.kind))?;
        Ok(Closure { noticed_on, kind })
    }
}

impl Agreement {
    /// The agreement as the history records it.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("agreement with", self.with.key().to_string()),
            ("signed on", self.signed_on.to_string()),
            ("expires on", self.expires_on.to_string()),
        ]
    }
}

impl Inspection {
    /// The inspection as the history records it.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![
            ("inspection date", self.inspected_on.to_string()),
            ("inspected by", self.by.to_string()),
            ("inspection outcome", self.outcome.key().to_string()),
        ];
        if let Some(due) = self.follow_up_due {
            out.push(("improvements due", due.to_string()));
        }
        out
    }
}

impl Closure {
    /// The notice as the history records it.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("notice date", self.noticed_on.to_string()),
            ("closure", self.kind.key().to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn inspection(on: &str, outcome: InspectionOutcome, due: Option<&str>) -> Inspection {
        Inspection {
            inspected_on: day(on),
            by: Name::parse("DoSVY Pursat").unwrap(),
            outcome,
            follow_up_due: due.map(day),
        }
    }

    #[test]
    fn the_flags_follow_the_agreement_and_the_inspections() {
        let s = RegulationSettings::default();
        let start = day("2024-01-01");
        let today = day("2026-12-01");
        // Nothing recorded: an inspection is overdue a year after the transition's start.
        assert_eq!(
            flags(&Regulation::default(), &s, start, today),
            [RiskFlag::InspectionOverdue { days: 700 }]
        );
        let mut r = Regulation {
            agreements: vec![Agreement {
                with: Authority::Dosvy,
                signed_on: day("2024-01-10"),
                expires_on: day("2027-01-10"),
            }],
            inspections: vec![inspection(
                "2026-06-01",
                InspectionOutcome::ImprovementsRequired,
                Some("2026-09-01"),
            )],
            closures: vec![],
        };
        assert_eq!(
            flags(&r, &s, start, today),
            [
                RiskFlag::MouExpiring { days: 40 },
                RiskFlag::ImprovementsOverdue { days: 91 }
            ]
        );
        // A later satisfactory inspection clears the improvements; a renewed agreement, the warning.
        r.inspections.push(inspection(
            "2026-10-01",
            InspectionOutcome::Satisfactory,
            None,
        ));
        r.agreements.push(Agreement {
            with: Authority::Dosvy,
            signed_on: day("2026-11-01"),
            expires_on: day("2029-11-01"),
        });
        assert!(flags(&r, &s, start, today).is_empty());
        assert_eq!(
            flags(&r, &s, start, day("2029-12-01")),
            [
                RiskFlag::MouExpired { days: 30 },
                RiskFlag::InspectionOverdue { days: 792 }
            ]
        );
        // Closed: nothing more to flag.
        r.closures.push(Closure {
            noticed_on: day("2027-01-01"),
            kind: ClosureKind::CommunityService,
        });
        assert!(flags(&r, &s, start, day("2029-12-01")).is_empty());
    }

    #[test]
    fn the_forms_refuse_at_the_field() {
        let today = day("2026-12-01");
        let form = |outcome: &str, due: &str| InspectionInput {
            inspected_on: "2026-11-20".into(),
            by: "DoSVY Kampot".into(),
            outcome: outcome.into(),
            follow_up_due: due.into(),
        };
        assert_eq!(
            form("satisfactory", "").parse(today).unwrap().follow_up_due,
            None
        );
        assert_eq!(
            form("serious_concerns", "").parse(today).unwrap_err().field,
            "follow_up_due"
        );
        assert_eq!(
            form("serious_concerns", "2026-11-01")
                .parse(today)
                .unwrap_err()
                .field,
            "follow_up_due"
        );
        assert_eq!(form("fine", "").parse(today).unwrap_err().field, "outcome");
        let agreement = |signed: &str, expires: &str| AgreementInput {
            with: "mosvy".into(),
            signed_on: signed.into(),
            expires_on: expires.into(),
        };
        assert!(agreement("2025-01-01", "2028-01-01").parse(today).is_ok());
        assert_eq!(
            agreement("2025-01-01", "2024-01-01")
                .parse(today)
                .unwrap_err()
                .field,
            "expires_on"
        );
        assert_eq!(
            agreement("2027-01-01", "2028-01-01")
                .parse(today)
                .unwrap_err()
                .field,
            "signed_on"
        );
        let closure = ClosureInput {
            noticed_on: "2026-11-30".into(),
            kind: "closed".into(),
        };
        assert_eq!(closure.parse(today).unwrap().kind, ClosureKind::Closed);
    }

    #[test]
    fn a_registration_is_optional_but_never_in_the_future() {
        let today = day("2026-12-01");
        let form = |number: &str, on: &str| RegistrationInput {
            mosvy_registration: number.into(),
            mosvy_registered_on: on.into(),
        };
        assert_eq!(form(" ", "").parse(today).unwrap(), Registration::default());
        let r = form("KP-017", "2019-05-02").parse(today).unwrap();
        assert_eq!(r.mosvy_registered_on, Some(day("2019-05-02")));
        assert_eq!(
            RegistrationInput::from_registration(&r),
            form("KP-017", "2019-05-02")
        );
        let refused = form("KP-017", "2026-12-02").parse(today).unwrap_err();
        assert_eq!(refused.field, "mosvy_registered_on");
        assert!(refused.message.en.contains("in the future"), "{refused:?}");
        assert_eq!(
            form(&"K".repeat(121), "").parse(today).unwrap_err().field,
            "mosvy_registration"
        );
    }

    proptest! {
        /// An inspection within the last `inspection_every_days` never leaves one overdue, and
        /// the overdue days grow one a day after that.
        #[test]
        fn inspections_fall_overdue_exactly_a_period_after_the_last(gone in 0u64..2000, every in 1u32..800) {
            let s = RegulationSettings { inspection_every_days: every, mou_warning_days: 60 };
            let last = day("2024-03-01");
            let r = Regulation {
                inspections: vec![inspection("2024-03-01", InspectionOutcome::Satisfactory, None)],
                ..Regulation::default()
            };
            let today = last + chrono::Days::new(gone);
            let overdue = flags(&r, &s, day("2020-01-01"), today).into_iter().find_map(|f| match f {
                RiskFlag::InspectionOverdue { days } => Some(days),
                _ => None,
            });
            let expected = (gone > u64::from(every)).then(|| gone as i64 - i64::from(every));
            prop_assert_eq!(overdue, expected);
        }

        /// Once a closure notice is given, no day brings a regulatory flag.
        #[test]
        fn a_closed_rci_is_never_flagged(gone in 0u64..5000) {
            let r = Regulation {
                closures: vec![Closure { noticed_on: day("2025-01-01"), kind: ClosureKind::Closed }],
                ..Regulation::default()
            };
            let today = day("2025-01-01") + chrono::Days::new(gone);
            prop_assert!(flags(&r, &RegulationSettings::default(), day("2020-01-01"), today).is_empty());
        }
    }
}

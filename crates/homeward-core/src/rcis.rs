//! A partner RCI's profile and the overview that pages and reports show for it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checklists::ChecklistItem;
use crate::counts::ChildrenCounts;
use crate::placements::{figures, Followed, PlacementFigures};
use crate::places::Province;
use crate::progress::{phase_entered_on, Phase, TransitionProgress};
use crate::quarters::{last_of_each_quarter, ReintegrationSnapshot, Reintegrations};
use crate::readiness::{Assessed, Level};
use crate::regulation::{
    Agreement, Closure, Inspection, Registration, RegistrationInput, Regulation,
};
use crate::risks::{risk_flags, RiskFlag, RiskInputs, RiskSettings};
use crate::signoffs::SignOffs;
use crate::stages::Bilingual;
use crate::targets::{Judged, SetTarget, TargetFacts};
use crate::transformation::{Transformation, TransformationFigures};
use crate::values::{optional_date, optional_name, parse_date, FieldError, Name, ValueError};

/// What identifies a partner RCI and the facts the risk flags need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciProfile {
    /// The RCI's name in English (required): how lists and reports name it.
    pub name_en: Name,
    /// Many RCIs are known locally by their Khmer name; optional because not all have one.
    pub name_km: Option<Name>,
    /// The province the RCI is in (required).
    pub province: Name,
    /// The district, if given.
    pub district: Option<Name>,
    /// The commune, if given.
    pub commune: Option<Name>,
    /// The district's name in Khmer, shown on Khmer pages.
    #[serde(default)]
    pub district_km: Option<Name>,
    /// The commune's name in Khmer, shown on Khmer pages.
    #[serde(default)]
    pub commune_km: Option<Name>,
    /// The director's name, if given.
    pub director: Option<Name>,
    /// A phone number or e-mail address for the director or office.
    pub contact: Option<Name>,
    /// The Ministry of Social Affairs' registration of the RCI.
    pub mosvy_registration: Option<Name>,
    /// When the RCI was registered with the Ministry (never in the future).
    pub mosvy_registered_on: Option<NaiveDate>,
    /// The lead transition adviser (a user).
    pub adviser_id: Option<i64>,
    /// When the transition began: time in the first stage, and stalls, count from it.
    pub transition_start: NaiveDate,
    /// When the RCI aims to have completed its transition.
    pub transition_target: Option<NaiveDate>,
    /// Whether a written reintegration plan exists: expected from the preparation stage on.
    pub has_reintegration_plan: bool,
    /// Whether a reintegration budget is agreed: expected from the preparation stage on.
    pub has_reintegration_budget: bool,
}

/// An RCI profile as typed into the form: every field raw, checkboxes present when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    /// The English name, as typed (required).
    pub name_en: String,
    /// The Khmer name, as typed; blank for none.
    pub name_km: String,
    /// The province, as chosen (required): one of [`Province`]'s names.
    pub province: String,
    /// The district, as typed; blank for none.
    pub district: String,
    /// The commune, as typed; blank for none.
    pub commune: String,
    /// The district in Khmer, as typed; blank for none.
    pub district_km: String,
    /// The commune in Khmer, as typed; blank for none.
    pub commune_km: String,
    /// The director's name, as typed; blank for none.
    pub director: String,
    /// A phone number or e-mail address, as typed; blank for none.
    pub contact: String,
    /// The MoSVY registration number, as typed; blank for none.
    pub mosvy_registration: String,
    /// The registration date (YYYY-MM-DD); blank for none.
    pub mosvy_registered_on: String,
    /// The lead adviser's user id, as chosen from the list; blank for none.
    pub adviser_id: String,
    /// The transition's start date (YYYY-MM-DD, required).
    pub transition_start: String,
    /// The target date (YYYY-MM-DD); blank for none.
    pub transition_target: String,
    /// Present when the reintegration plan box is ticked.
    pub has_reintegration_plan: Option<String>,
    /// Present when the reintegration budget box is ticked.
    pub has_reintegration_budget: Option<String>,
}

/// The refusal of an RCI id that names no RCI (a stale page or a crafted form).
pub fn unknown_rci(id: impl std::fmt::Display) -> Bilingual {
    Bilingual::new(format!("unknown RCI: {id}"), format!("មណ្ឌលមិនស្គាល់៖ {id}"))
}

impl ProfileInput {
    /// Validates every field, naming the first one that is wrong: required names present,
    /// dates real, the target not before the start, the registration as [`RegistrationInput`] has it.
    pub fn parse(&self, today: NaiveDate) -> Result<RciProfile, FieldError> {
        let at = FieldError::at;
        let transition_start = parse_date("transition start", &self.transition_start)
            .map_err(at("transition_start"))?;
        let transition_target = optional_date("transition target", &self.transition_target)
            .map_err(at("transition_target"))?;
        if let Some(target) = transition_target {
            crate::values::DateRange::new(transition_start, target)
                .map_err(at("transition_target"))?;
        }
        let registration = RegistrationInput {
            mosvy_registration: self.mosvy_registration.clone(),
            mosvy_registered_on: self.mosvy_registered_on.clone(),
        }
        .parse(today)?;
        let adviser_id = match self.adviser_id.trim() {
            "" => None,
            raw => Some(raw.parse::<i64>().map_err(|_| {
                FieldError::new(
                    "adviser_id",
                    Bilingual::new("choose an adviser from the list", "សូមជ្រើសរើសទីប្រឹក្សាពីបញ្ជី"),
                )
            })?),
        };
        Ok(RciProfile {
            name_en: Name::parse_field("name (English)", &self.name_en).map_err(at("name_en"))?,
            name_km: optional_name("name (Khmer)", &self.name_km).map_err(at("name_km"))?,
            province: {
                // Required first (a blank gets "required"), then one of Cambodia's, stored in
                // English whichever way it was written.
                let typed =
                    Name::parse_field("province", &self.province).map_err(at("province"))?;
                let province =
                    Province::parse(typed.as_str()).map_err(FieldError::at("province"))?;
                Name::parse(province.en()).map_err(at("province"))?
            },
            district: optional_name("district", &self.district).map_err(at("district"))?,
            commune: optional_name("commune", &self.commune).map_err(at("commune"))?,
            district_km: optional_name("district (Khmer)", &self.district_km)
                .map_err(at("district_km"))?,
            commune_km: optional_name("commune (Khmer)", &self.commune_km)
                .map_err(at("commune_km"))?,
            director: optional_name("director", &self.director).map_err(at("director"))?,
            contact: optional_name("contact", &self.contact).map_err(at("contact"))?,
            mosvy_registration: registration.mosvy_registration,
            mosvy_registered_on: registration.mosvy_registered_on,
            adviser_id,
            transition_start,
            transition_target,
            has_reintegration_plan: self.has_reintegration_plan.is_some(),
            has_reintegration_budget: self.has_reintegration_budget.is_some(),
        })
    }

    /// The form filled in with a stored profile, for editing.
    pub fn from_profile(p: &RciProfile) -> Self {
        let text = |v: &Option<Name>| v.as_ref().map(|n| n.to_string()).unwrap_or_default();
        let date = |v: Option<NaiveDate>| v.map(|d| d.to_string()).unwrap_or_default();
        let tick = |b: bool| b.then(|| "on".to_string());
        ProfileInput {
            name_en: p.name_en.to_string(),
            name_km: text(&p.name_km),
            province: p.province.to_string(),
            district: text(&p.district),
            commune: text(&p.commune),
            district_km: text(&p.district_km),
            commune_km: text(&p.commune_km),
            director: text(&p.director),
            contact: text(&p.contact),
            mosvy_registration: text(&p.mosvy_registration),
            mosvy_registered_on: date(p.mosvy_registered_on),
            adviser_id: p.adviser_id.map(|a| a.to_string()).unwrap_or_default(),
            transition_start: p.transition_start.to_string(),
            transition_target: date(p.transition_target),
            has_reintegration_plan: tick(p.has_reintegration_plan),
            has_reintegration_budget: tick(p.has_reintegration_budget),
        }
    }
}

impl RciProfile {
    /// Parses a profile from raw text fields (a form, a CLI, a seed file).
    pub fn parse(
        name_en: &str,
        name_km: &str,
        province: &str,
        district: &str,
        transition_start: NaiveDate,
    ) -> Result<Self, ValueError> {
        Ok(Self {
            name_en: Name::parse_field("name (English)", name_en)?,
            name_km: optional_name("name (Khmer)", name_km)?,
            province: Name::parse_field("province", province)?,
            district: optional_name("district", district)?,
            commune: None,
            district_km: None,
            commune_km: None,
            director: None,
            contact: None,
            mosvy_registration: None,
            mosvy_registered_on: None,
            adviser_id: None,
            transition_start,
            transition_target: None,
            has_reintegration_plan: false,
            has_reintegration_budget: false,
        })
    }

    /// The registration with MoSVY the profile keeps.
    pub fn registration(&self) -> Registration {
        Registration {
            mosvy_registration: self.mosvy_registration.clone(),
            mosvy_registered_on: self.mosvy_registered_on,
        }
    }

    /// The profile with another registration: how the standing's form saves one, and how the
    /// profile's form keeps the stored one (it no longer edits it).
    pub fn with_registration(self, r: Registration) -> Self {
        RciProfile {
            mosvy_registration: r.mosvy_registration,
            mosvy_registered_on: r.mosvy_registered_on,
            ..self
        }
    }

    /// The profile's fields as text, for the change history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let text = |v: &Option<Name>| v.as_ref().map(|n| n.to_string()).unwrap_or_default();
        let date = |v: Option<NaiveDate>| v.map(|d| d.to_string()).unwrap_or_default();
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        vec![
            ("name (English)", self.name_en.to_string()),
            ("name (Khmer)", text(&self.name_km)),
            ("province", self.province.to_string()),
            ("district", text(&self.district)),
            ("commune", text(&self.commune)),
            ("district (Khmer)", text(&self.district_km)),
            ("commune (Khmer)", text(&self.commune_km)),
            ("director", text(&self.director)),
            ("contact", text(&self.contact)),
            ("MoSVY registration", text(&self.mosvy_registration)),
            ("registered on", date(self.mosvy_registered_on)),
            (
                "adviser",
                self.adviser_id
                    .map(|a| format!("user {a}"))
                    .unwrap_or_default(),
            ),
            ("transition start", self.transition_start.to_string()),
            ("transition target", date(self.transition_target)),
            ("reintegration plan", yes_no(self.has_reintegration_plan)),
            (
                "reintegration budget",
                yes_no(self.has_reintegration_budget),
            ),
        ]
    }
}

/// Facts about follow-up visits, kept as dates so the core needs no storage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpFacts {
    /// When the first child was reintegrated: follow-ups are due from then.
    pub first_reintegration: Option<NaiveDate>,
    /// The day of the latest follow-up visit, if any.
    pub last_follow_up: Option<NaiveDate>,
}

/// Everything the partners list and comparison show for one RCI, computed in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciOverview {
    /// Progress per track and overall, and the phase.
    pub progress: TransitionProgress,
    /// Days in the current phase, as of the overview's day.
    pub days_in_phase: i64,
    /// Every risk flag that applies on the overview's day, in a stable order.
    pub flags: Vec<RiskFlag>,
    /// The most recent children-counts snapshot, if any.
    pub latest_counts: Option<ChildrenCounts>,
    /// The last day anything about the RCI was recorded; `None` if never.
    pub last_update: Option<NaiveDate>,
    /// Its placements as the overview's day sees them.
    pub placements: PlacementFigures,
    /// Its staff, assets and funding moved to family-based care by the overview's day.
    pub transformation: TransformationFigures,
    /// What its targets are judged on.
    pub target_facts: TargetFacts,
    /// Its own targets (not its province's) and how each stands on the overview's day.
    pub targets: Vec<Judged>,
    /// Its latest agreement, inspection and closure notice, as of the overview's day.
    pub standing: Standing,
    /// Its latest readiness assessment and the level of the one before, as of the day.
    pub readiness: Option<(Assessed, Option<Level>)>,
    /// Where each stage's sign-off stands.
    pub sign_offs: SignOffs,
}

/// An RCI's standing with MoSVY on a day: what the comparison and exports show of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// The agreement signed last.
    pub agreement: Option<Agreement>,
    /// The latest inspection.
    pub last_inspection: Option<Inspection>,
    /// The latest closure notice.
    pub closure: Option<Closure>,
}

/// What an RCI's overview needs from its records, whatever the day: its progress, since when
/// it is in its phase, its latest counts, follow-up facts and last update. The store keeps one per
/// RCI beside the records and rewrites it in every write that changes them, so that lists of
/// every partner read one summary per RCI instead of every item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RciSummary {
    /// Progress per track and overall, and the phase.
    pub progress: TransitionProgress,
    /// The day the RCI entered its current phase.
    pub phase_entered_on: NaiveDate,
    /// The most recent children-counts snapshot, if any.
    pub latest_counts: Option<ChildrenCounts>,
    /// The dates follow-up risks are judged from.
    pub follow_ups: FollowUpFacts,
    /// The last day anything about the RCI was recorded; `None` if never.
    pub last_update: Option<NaiveDate>,
    /// The last counts snapshot of each quarter, oldest first: all the organisation's
    /// per-quarter chart needs ([`crate::quarters::last_of_each_quarter`]).
    pub reintegrations: Vec<Reintegrations>,
    /// Its placements with their visits: the overview and the comparison judge them on the day.
    #[serde(default)]
    pub placements: Vec<Followed>,
    /// Its records of staff, assets and funding moved to family-based care.
    #[serde(default)]
    pub transformation: Transformation,
    /// The targets the organisation set for it.
    #[serde(default)]
    pub targets: Vec<SetTarget>,
    /// Its agreements, inspections and closure notices.
    #[serde(default)]
    pub regulation: Regulation,
    /// Its readiness assessments, oldest first.
    #[serde(default)]
    pub readiness: Vec<Assessed>,
    /// The open steps to do next ([`crate::work::due_steps`]): what My work lists for it.
    #[serde(default)]
    pub due_steps: Vec<crate::work::DueStep>,
    /// Its stages' sign-offs: which are finished, awaited or returned.
    #[serde(default)]
    pub sign_offs: SignOffs,
}

impl RciSummary {
    /// Summarises an RCI's records.
    pub fn of(
        profile: &RciProfile,
        items: &[ChecklistItem],
        sign_offs: &SignOffs,
        latest_counts: Option<ChildrenCounts>,
        follow_ups: FollowUpFacts,
        last_update: Option<NaiveDate>,
        counts_history: &[impl ReintegrationSnapshot],
    ) -> Self {
        RciSummary {
            progress: TransitionProgress::of(items, sign_offs),
            phase_entered_on: phase_entered_on(items, sign_offs, profile.transition_start),
            latest_counts,
            follow_ups,
            last_update,
            reintegrations: last_of_each_quarter(counts_history),
            placements: Vec::new(),
            transformation: Transformation::default(),
            targets: Vec::new(),
            regulation: Regulation::default(),
            readiness: Vec::new(),
            due_steps: Vec::new(),
            sign_offs: sign_offs.clone(),
        }
    }

    /// The overview on `today`: the summary plus what depends on the day and the settings.
    pub fn overview(
        &self,
        profile: &RciProfile,
        settings: &RiskSettings,
        today: NaiveDate,
    ) -> RciOverview {
        let placements = figures(&self.placements, &settings.follow_up, today);
        let inputs = RiskInputs {
            phase: self.progress.phase,
            has_reintegration_plan: profile.has_reintegration_plan,
            has_reintegration_budget: profile.has_reintegration_budget,
            last_update: self.last_update,
            transition_start: profile.transition_start,
            first_reintegration: self.follow_ups.first_reintegration,
            last_follow_up: self.follow_ups.last_follow_up,
            placements_overdue: placements.overdue,
            reentry_rate_12m: placements.reentry_rate_12m,
        };
        let target_facts = TargetFacts::of(
            profile.transition_start,
            &self.progress,
            self.latest_counts.as_ref(),
        );
        let mut flags = risk_flags(&inputs, settings, today);
        flags.extend(crate::regulation::flags(
            &self.regulation,
            &settings.regulation,
            profile.transition_start,
            today,
        ));
        // Readiness guides a transition still under way: not one completed or closed.
        if self.progress.phase != Phase::Completed && self.regulation.closure(today).is_none() {
            flags.extend(crate::readiness::flags(
                &self.readiness,
                &settings.readiness,
                profile.transition_start,
                today,
            ));
        }
        RciOverview {
            sign_offs: self.sign_offs.clone(),
            readiness: crate::readiness::latest(&self.readiness, today),
            standing: Standing {
                agreement: self.regulation.agreement(today),
                last_inspection: self.regulation.last_inspection(today).cloned(),
                closure: self.regulation.closure(today),
            },
            flags,
            targets: self
                .targets
                .iter()
                .map(|t| t.judge(&target_facts, today))
                .collect(),
            target_facts,
            days_in_phase: (today - self.phase_entered_on).num_days().max(0),
            progress: self.progress.clone(),
            latest_counts: self.latest_counts,
            last_update: self.last_update,
            placements,
            transformation: crate::transformation::figures(&self.transformation, today),
        }
    }
}

/// Computes an RCI's overview on `today` from its profile, checklist and sign-offs, latest
/// counts and follow-ups.
#[allow(clippy::too_many_arguments)]
pub fn overview(
    profile: &RciProfile,
    items: &[ChecklistItem],
    sign_offs: &SignOffs,
    latest_counts: Option<ChildrenCounts>,
    follow_ups: FollowUpFacts,
    last_update: Option<NaiveDate>,
    settings: &RiskSettings,
    today: NaiveDate,
) -> RciOverview {
    RciSummary::of(
        profile,
        items,
        sign_offs,
        latest_counts,
        follow_ups,
        last_update,
        &[] as &[Reintegrations],
    )
    .overview(profile, settings, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklists::ItemStatus;
    use crate::progress::tests::fresh;
    use crate::signoffs::approve_done;
    use crate::stages::{Stage, Track};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn profile_parsing_validates_each_field() {
        let p = RciProfile::parse("Hope House", "", "Battambang", " ", day("2025-01-01")).unwrap();
        assert_eq!(p.name_km, None);
        assert_eq!(p.district, None);
        let err = RciProfile::parse("Hope House", "", "", "", day("2025-01-01")).unwrap_err();
        assert_eq!(err.to_string(), "province must not be empty");
    }

    fn form() -> ProfileInput {
        ProfileInput {
            name_en: "Hope House".into(),
            province: "Pursat".into(),
            transition_start: "2025-01-01".into(),
            transition_target: "2026-06-30".into(),
            mosvy_registered_on: "2019-05-01".into(),
            adviser_id: "7".into(),
            has_reintegration_plan: Some("on".into()),
            ..ProfileInput::default()
        }
    }

    #[test]
    fn the_profile_form_parses_and_round_trips() {
        let p = form().parse(day("2025-02-01")).unwrap();
        assert_eq!(p.adviser_id, Some(7));
        assert!(p.has_reintegration_plan && !p.has_reintegration_budget);
        assert_eq!(
            ProfileInput::from_profile(&p).parse(day("2025-02-01")),
            Ok(p)
        );
    }

    #[test]
    fn each_bad_profile_field_is_named() {
        let today = day("2025-02-01");
        type Edit = fn(&mut ProfileInput);
        let cases: [(Edit, &str); 7] = [
            (|f| f.name_en = "  ".into(), "name_en"),
            (|f| f.province = "x".repeat(121), "province"),
            (|f| f.transition_start = "soon".into(), "transition_start"),
            (
                |f| f.transition_target = "2024-12-31".into(),
                "transition_target",
            ),
            (
                |f| f.mosvy_registered_on = "2025-03-01".into(),
                "mosvy_registered_on",
            ),
            (|f| f.adviser_id = "someone".into(), "adviser_id"),
            (|f| f.contact = "a\u{7}b".into(), "contact"),
        ];
        for (change, field) in cases {
            let mut f = form();
            change(&mut f);
            assert_eq!(f.parse(today).unwrap_err().field, field, "{f:?}");
        }
    }

    /// The province is one of Cambodia's, stored in English however it was written; a
    /// misspelling is refused in both languages with the nearest one.
    #[test]
    fn the_province_is_one_of_cambodias() {
        let today = day("2025-02-01");
        let mut f = form();
        f.province = "ពោធិ៍សាត់".into();
        assert_eq!(f.parse(today).unwrap().province.as_str(), "Pursat");
        f.province = "Batambang".into();
        let e = f.parse(today).unwrap_err();
        assert_eq!(e.field, "province");
        assert!(e.message.en.contains("did you mean Battambang?"), "{e:?}");
        assert!(e.message.km.contains("បាត់ដំបង"), "{e:?}");
        f.province = "".into();
        assert!(f
            .parse(today)
            .unwrap_err()
            .message
            .en
            .contains("must not be empty"));
    }

    /// A district and commune keep their Khmer names beside the English ones, round trip
    /// through the form included.
    #[test]
    fn places_have_a_khmer_name_beside_the_english_one() {
        let today = day("2025-02-01");
        let mut f = form();
        f.district = "Borvel".into();
        f.district_km = "បវេល".into();
        f.commune_km = "ឃុំអំពិលប្រាំដើម".into();
        let profile = f.parse(today).unwrap();
        assert_eq!(profile.district_km.as_ref().unwrap().as_str(), "បវេល");
        assert_eq!(
            ProfileInput::from_profile(&profile).parse(today).unwrap(),
            profile
        );
        let described = profile.describe();
        assert!(described.contains(&("district (Khmer)", "បវេល".to_string())));
        f.commune_km = "x".repeat(121);
        assert_eq!(f.parse(today).unwrap_err().field, "commune_km");
    }

    #[test]
    fn overview_combines_progress_phase_and_flags() {
        let profile = RciProfile::parse("Hope House", "", "Pursat", "", day("2025-01-01")).unwrap();
        let mut items = fresh();
        for i in items.iter_mut().filter(|i| {
            matches!(
                i.track,
                Track::Stage(Stage::Assessment | Stage::FamilyTracing)
            )
        }) {
            i.status = ItemStatus::Done {
                on: day("2025-09-01"),
            };
        }
        let o = overview(
            &profile,
            &items,
            &approve_done(&items, &Name::parse("Admin").unwrap(), day("2025-01-01")),
            None,
            FollowUpFacts::default(),
            Some(day("2025-09-01")),
            &RiskSettings::default(),
            day("2025-09-11"),
        );
        assert_eq!(o.progress.phase, Phase::In(Stage::Preparation));
        assert_eq!(o.days_in_phase, 10);
        assert_eq!(
            o.flags,
            vec![
                RiskFlag::NoReintegrationPlan,
                RiskFlag::NoReintegrationBudget
            ]
        );
    }
}

//! An RCI's change history as a readable timeline: who changed what, when, from what to what.

use homeward_core::accounts::Role;
use homeward_core::calendar::cambodia_minute;
use homeward_core::follow_ups::{VisitMode, VisitedBy};
use homeward_core::history::HistoryEntry;
use homeward_core::placements::{AgeBand, Outcome};
use homeward_core::programmes::{ProgrammeKind, ProgrammeStatus};
use homeward_core::readiness::{About, Level, Polarity};
use homeward_core::regulation::{Authority, ClosureKind, InspectionOutcome};
use homeward_core::signoffs::SignOffKind;
use homeward_core::targets::GoalKind;
use homeward_core::tours::{ActionStatus, VisitorRole};
use homeward_core::trainings::TrainingCategory;
use homeward_core::transformation::{AssetUse, Currency, StaffMove};
use homeward_core::StatusKind;
use homeward_core::{CountField, Lang};
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::labels::Label;

/// The page's label for a field named in the history. History rows keep the English name they
/// were written with (they are never rewritten); the timeline shows the form's own label.
pub(crate) fn field_label(field: &str) -> Option<Msg> {
    if let Some(count) = CountField::ALL.into_iter().find(|f| f.key() == field) {
        return Some(count.label());
    }
    Some(match field {
        "name (English)" => Msg::NameEn,
        "name (Khmer)" => Msg::NameKm,
        "province" => Msg::ColProvince,
        "district" => Msg::District,
        "commune" => Msg::Commune,
        "district (Khmer)" => Msg::DistrictKm,
        "commune (Khmer)" => Msg::CommuneKm,
        "director" => Msg::Director,
        "contact" => Msg::Contact,
        "MoSVY registration" => Msg::MosvyRegistration,
        "registered on" => Msg::MosvyRegisteredOn,
        "adviser" => Msg::Adviser,
        "transition start" => Msg::TransitionStarted,
        "transition target" => Msg::TransitionTarget,
        "reintegration plan" => Msg::ReintegrationPlan,
        "reintegration budget" => Msg::ReintegrationBudget,
        "status" => Msg::Status,
        "evidence" => Msg::Evidence,
        "responsible" => Msg::Responsible,
        "owner" => Msg::ItemOwner,
        "due on" => Msg::DueOn,
        "updated by" => Msg::UpdatedBy,
        "hidden" => Msg::HiddenItems,
        "date" => Msg::CountsDate,
        "visit date" => Msg::VisitDate,
        "children visited" => Msg::ChildrenVisited,
        "visited by" => Msg::VisitedBy,
        "how" => Msg::VisitHow,
        "notes" => Msg::Notes,
        "title" => Msg::Title,
        "title (Khmer)" => Msg::ItemTitleKm,
        "track" => Msg::ColStage,
        "guidance" => Msg::GuidanceEn,
        "guidance (Khmer)" => Msg::GuidanceKm,
        "retired" => Msg::TemplateRetired,
        "position" => Msg::Order,
        "dates" => Msg::Dates,
        "location" => Msg::Location,
        "organisations" => Msg::Organisations,
        "hosts" => Msg::Hosts,
        "visitors" => Msg::Visitors,
        "objectives" => Msg::Objectives,
        "outcomes" => Msg::Outcomes,
        "actions" => Msg::FollowUpActions,
        "category" => Msg::Category,
        "venue" => Msg::Venue,
        "trainers" => Msg::Trainers,
        "participants" => Msg::Participants,
        "kind" => Msg::ProgrammeKindLabel,
        "name" => Msg::SortName,
        "started on" => Msg::StartedOn,
        "members" => Msg::Members,
        "sessions per quarter" => Msg::SessionsPerQuarter,
        "programme status" => Msg::Status,
        "login" => Msg::LoginName,
        "display name" => Msg::DisplayName,
        "role" => Msg::Role,
        "director's RCI" => Msg::RciForRole,
        "assigned RCIs" => Msg::AssignedRcis,
        "active" => Msg::ActiveAccount,
        "password" => Msg::Password,
        "added" => Msg::HistoryAdded,
        "case code" => Msg::CaseCode,
        "reintegrated on" => Msg::ReintegratedOn,
        "placement" => Msg::PlacementKind,
        "children" => Msg::ChildrenPlaced,
        "age band" => Msg::AgeBandLabel,
        "visited on" => Msg::VisitDate,
        "outcome" => Msg::HowIsItGoing,
        "staff change" => Msg::StaffMoveLabel,
        "staff" => Msg::StaffCount,
        "asset" => Msg::AssetWas,
        "now used as" => Msg::AssetNow,
        "donor" => Msg::Donor,
        "amount" => Msg::Amount,
        "from" => Msg::FundingFrom,
        "to" => Msg::FundingTo,
        "goal" => Msg::TargetGoal,
        "percent" => Msg::TargetPercent,
        "target date" => Msg::TargetDue,
        "agreement with" => Msg::AgreementWith,
        "signed on" => Msg::SignedOn,
        "expires on" => Msg::ExpiresOn,
        "inspection date" => Msg::InspectionDate,
        "inspected by" => Msg::InspectedBy,
        "inspection outcome" => Msg::InspectionOutcomeLabel,
        "improvements due" => Msg::ImprovementsDue,
        "notice date" => Msg::NoticeDate,
        "closure" => Msg::ClosureKindLabel,
        "about" => Msg::IndicatorAbout,
        "sign" => Msg::IndicatorSign,
        "assessment date" => Msg::AssessmentDate,
        "readiness level" => Msg::ReadinessLevel,
        "indicators answered" => Msg::IndicatorsAnswered,
        "sign-off" => Msg::SignOffField,
        "file" => Msg::FileField,
        "file type" => Msg::FileTypeField,
        "size" => Msg::SizeField,
        "may read" => Msg::ApiTokenReads,
        _ => return None,
    })
}

/// A history value in the page's language where it is one of the app's own words (a status, who
/// visited, how, yes/no); what people typed, names, numbers and dates are shown as written.
pub(crate) fn value_text(field: &str, value: String, lang: Lang) -> String {
    let word = |m: Msg| m.text(lang).to_string();
    // A key of one of the app's lists, by its label; the value as stored when it is not one.
    let named = |label: Option<Msg>, value: String| label.map_or(value, word);
    match field {
        // "done 2026-11-24", "blocked: waiting for DoSVY", "in_progress".
        "status" => {
            let end = value.find([' ', ':']).unwrap_or(value.len());
            let (kind, rest) = value.split_at(end);
            match StatusKind::parse(kind) {
                Some(kind) => format!("{}{rest}", word(kind.label())),
                None => value,
            }
        }
        "visited by" => named(VisitedBy::parse(&value).map(Label::label), value),
        "how" => named(VisitMode::parse(&value).map(Label::label), value),
        "position" => match value.as_str() {
            "moved up" => word(Msg::MovedUp),
            "moved down" => word(Msg::MovedDown),
            _ => value,
        },
        "password" => match value.as_str() {
            "one-time" => word(Msg::PasswordOneTime),
            "chosen" => word(Msg::PasswordChosen),
            _ => value,
        },
        "reintegration plan" | "reintegration budget" | "hidden" | "active" | "retired" => {
            match value.as_str() {
                "yes" => word(Msg::Yes),
                "no" => word(Msg::No),
                _ => value,
            }
        }
        "province" => crate::labels::place(&value, lang),
        "may read" if value == "all" => word(Msg::EveryPartner),
        "kind" => named(ProgrammeKind::parse(&value).map(Label::label), value),
        "programme status" => named(ProgrammeStatus::parse(&value).map(Label::label), value),
        "category" => named(TrainingCategory::parse(&value).map(Label::label), value),
        "placement" => named(
            homeward_core::Placement::ALL
                .into_iter()
                .find(|p| p.key() == value)
                .map(Label::label),
            value,
        ),
        "age band" => named(AgeBand::parse(&value).map(Label::label), value),
        "outcome" => named(Outcome::parse(&value).map(Label::label), value),
        "staff change" => named(StaffMove::parse(&value).map(Label::label), value),
        "now used as" => named(AssetUse::parse(&value).map(Label::label), value),
        "goal" => named(GoalKind::parse(&value).map(Label::label), value),
        "agreement with" => named(Authority::parse(&value).map(Label::label), value),
        "inspection outcome" => named(InspectionOutcome::parse(&value).map(Label::label), value),
        "closure" => named(ClosureKind::parse(&value).map(Label::label), value),
        "owner" => named(homeward_core::Owner::parse(&value).map(Label::label), value),
        "about" => named(About::parse(&value).map(Label::label), value),
        "sign" => named(Polarity::parse(&value).map(Label::label), value),
        "readiness level" => named(Level::parse(&value).map(Label::label), value),
        "sign-off" => match value.as_str() {
            "withdrawn" => word(Msg::SignOffWithdrawn),
            _ => named(SignOffKind::parse(&value).map(Label::label), value),
        },
        // "24000 USD": the amount, its currency worded.
        "amount" => value
            .split_once(' ')
            .and_then(|(n, code)| {
                let currency = Currency::parse(code)?;
                Some(crate::transformation::money(
                    n.parse().ok()?,
                    currency,
                    lang,
                ))
            })
            .unwrap_or(value),
        "role" => named(Role::parse(&value).ok().map(Label::label), value),
        "track" => homeward_core::Track::parse(&value)
            .map(|t| crate::checklists::track_heading(t, lang))
            .unwrap_or(value),
        // "#2 director 1 (0F); #5 official 1 (0F)": each RCI's visitors.
        "visitors" => each_part(&value, |part| {
            let (rci, rest) = part.split_once(' ')?;
            let (role, people) = rest.split_once(' ')?;
            let role = VisitorRole::parse(role)?;
            Some(format!(
                "{rci} {} {}",
                word(role.label()),
                count_text(people, lang)?
            ))
        }),
        // "#2 12 (5F) 40→80%": each RCI's participants, and their scores.
        "participants" => each_part(&value, |part| {
            let (rci, rest) = part.split_once(' ')?;
            let end = rest.find("F)")? + 2;
            let (people, scores) = rest.split_at(end);
            Some(format!("{rci} {}{scores}", count_text(people, lang)?))
        }),
        // "Share the plan (#3, 2026-11-26, open)": each action, its status worded.
        "actions" => each_part(&value, |part| {
            let (head, status) = part.strip_suffix(')')?.rsplit_once(", ")?;
            let status = ActionStatus::parse(status)?;
            Some(format!("{head}, {})", word(status.label())))
        }),
        // "42 (17F)": a count, worded as the page's language writes counts.
        f if f == "children visited"
            || f == "children"
            || f == "staff"
            || f == "members"
            || CountField::ALL.iter().any(|c| c.key() == f) =>
        {
            count_text(&value, lang).unwrap_or(value)
        }
        _ => value,
    }
}

/// A list value ("a; b; c") with each part worded by `word`, or left as it is.
fn each_part(value: &str, word: impl Fn(&str) -> Option<String>) -> String {
    value
        .split("; ")
        .map(|part| word(part).unwrap_or_else(|| part.to_string()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether a history value holds words people typed (shown as written, marked `translate="no"`)
/// rather than only the app's own words, numbers and dates, which are worded per language.
pub(crate) fn is_typed(field: &str, value: &str) -> bool {
    match field {
        "status" => value.contains(':'),
        "visited by"
        | "how"
        | "position"
        | "password"
        | "reintegration plan"
        | "reintegration budget"
        | "hidden"
        | "active"
        | "retired"
        | "province"
        | "kind"
        | "programme status"
        | "category"
        | "role"
        | "visitors"
        | "participants"
        | "hosts"
        | "may read"
        | "children visited"
        | "members"
        | "sessions per quarter"
        | "dates"
        | "date"
        | "visit date"
        | "reintegrated on"
        | "visited on"
        | "placement"
        | "children"
        | "age band"
        | "outcome"
        | "staff change"
        | "staff"
        | "now used as"
        | "amount"
        | "goal"
        | "percent"
        | "target date"
        | "agreement with"
        | "signed on"
        | "expires on"
        | "inspection date"
        | "inspection outcome"
        | "owner"
        | "due on"
        | "improvements due"
        | "notice date"
        | "closure"
        | "started on"
        | "registered on"
        | "transition start"
        | "transition target"
        | "director's RCI"
        | "assigned RCIs"
        | "sign-off"
        | "file type"
        | "size"
        | "track" => false,
        f => !CountField::ALL.iter().any(|c| c.key() == f),
    }
}

/// A count stored as "42 (17F)", as `lang` writes it.
fn count_text(value: &str, lang: Lang) -> Option<String> {
    let (total, rest) = value.split_once(" (")?;
    let female = rest.strip_suffix("F)")?;
    let count = homeward_core::SexCount::new(total.parse().ok()?, female.parse().ok()?).ok()?;
    Some(count.text(lang))
}

/// The file an imported change came from, if its label names one, and the label without it.
pub fn split_source(label: &str) -> (&str, Option<&str>) {
    match label.rsplit_once(" (imported from ") {
        Some((base, rest)) => (base, rest.strip_suffix(')')),
        None => (label, None),
    }
}

/// A history entry's label in the reader's language. Labels are stored as written when the
/// change was made; the kinds of record the app names itself ("profile", "children counts as of
/// …", "follow-up visit on …", "… (imported from FILE)") are worded when shown, and names people
/// typed are shown as they are.
pub fn label_text(label: &str, lang: Lang) -> String {
    let (base, file) = split_source(label);
    let base = worded(base, lang).unwrap_or_else(|| base.to_string());
    match file {
        Some(file) => format!("{base} ({} {file})", Msg::ImportedFrom.text(lang)),
        None => base,
    }
}

/// [`label_text`] on the page: only what people typed (a step's title, a file's name) is marked
/// not to be translated; the app's own words are the reader's to translate.
fn label_view(label: &str, lang: Lang) -> AnyView {
    let (base, file) = split_source(label);
    let base = match worded(base, lang) {
        Some(words) => words.into_any(),
        None => view! { <span translate="no">{base.to_string()}</span> }.into_any(),
    };
    let file = file.map(|file| {
        view! { " (" {Msg::ImportedFrom.text(lang)} " " <span translate="no">{file.to_string()}</span> ")" }
    });
    view! { {base}{file} }.into_any()
}

/// The label of a record the app names itself, worded in `lang`; `None` for a typed name.
fn worded(base: &str, lang: Lang) -> Option<String> {
    let worded = if base == "profile" {
        Msg::HistoryProfile.text(lang).to_string()
    } else if let Some(day) = base.strip_prefix("children counts as of ") {
        format!(
            "{} {} {day}",
            Msg::CountsTitle.text(lang),
            Msg::AsOf.text(lang)
        )
    } else if let Some(day) = base.strip_prefix("follow-up visit on ") {
        format!("{} {day}", Msg::FollowUpOn.text(lang))
    } else if let Some(day) = base.strip_prefix("staff change on ") {
        format!("{} {day}", Msg::StaffChangeOn.text(lang))
    } else if let Some(day) = base.strip_prefix("agreement signed on ") {
        format!("{} {day}", Msg::AgreementSignedOn.text(lang))
    } else if let Some(day) = base.strip_prefix("inspection on ") {
        format!("{} {day}", Msg::InspectionOn.text(lang))
    } else if let Some(day) = base.strip_prefix("closure notice on ") {
        format!("{} {day}", Msg::ClosureNoticeOn.text(lang))
    } else if let Some(day) = base.strip_prefix("readiness assessment on ") {
        format!("{} {day}", Msg::AssessmentOn.text(lang))
    } else if let Some(track) = base
        .strip_prefix("sign-off of ")
        .and_then(|key| homeward_core::Track::parse(key).ok())
    {
        format!(
            "{} {}",
            Msg::SignOffOf.text(lang),
            crate::checklists::track_heading(track, lang)
        )
    } else if base == "target" {
        Msg::HistoryTarget.text(lang).to_string()
    } else if let Some(province) = base.strip_prefix("target for ") {
        format!(
            "{} {}",
            Msg::TargetFor.text(lang),
            crate::labels::place(province, lang)
        )
    } else {
        return None;
    };
    Some(worded)
}

/// A record's fields as a sentence in `lang` ("Status: In progress; Evidence: …"), each named by
/// its form label and worded as the history words it; empty values left out.
pub fn fields_text(fields: &[(&str, String)], lang: Lang) -> String {
    fields
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(field, value)| {
            let label = field_label(field).map_or(field.to_string(), |m| m.text(lang).to_string());
            format!("{label}: {}", value_text(field, value.clone(), lang))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A history value worded for the page, each `#<id>` of an RCI a list names (tours' hosts and
/// visitors, trainings' participants, actions' owners) shown as the RCI's name: typed, so marked
/// not to be translated, whatever the rest is.
fn value_view(
    field: &str,
    value: &str,
    lang: Lang,
    names: &std::collections::HashMap<i64, String>,
) -> AnyView {
    let text = value_text(field, value.to_string(), lang);
    if !matches!(
        field,
        "hosts" | "visitors" | "participants" | "actions" | "may read"
    ) {
        return text.into_any();
    }
    let mut parts: Vec<AnyView> = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('#') {
        let digits = rest[at + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let name = rest[at + 1..at + 1 + digits]
            .parse::<i64>()
            .ok()
            .and_then(|id| names.get(&id));
        match name {
            Some(name) => {
                parts.push(rest[..at].to_string().into_any());
                parts.push(view! { <span translate="no">{name.clone()}</span> }.into_any());
                rest = &rest[at + 1 + digits..];
            }
            None => {
                parts.push(rest[..=at].to_string().into_any());
                rest = &rest[at + 1..];
            }
        }
    }
    parts.push(rest.to_string().into_any());
    parts.into_iter().collect_view().into_any()
}

#[component]
pub fn HistoryTimeline(
    entries: Vec<HistoryEntry>,
    lang: Lang,
    /// RCIs' names by id, where the entries may name RCIs by id (the organisation's log).
    #[prop(optional)]
    names: std::collections::HashMap<i64, String>,
) -> impl IntoView {
    let empty = entries.is_empty();
    view! {
        <section class="panel history" data-testid="history">
            <h2>{Msg::HistoryTitle.text(lang)}</h2>
            {empty.then(|| view! { <p class="empty">{Msg::HistoryEmpty.text(lang)}</p> })}
            <ol class="timeline">
                {entries
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li>
                                <p class="when">
                                    <time datetime=e.at.to_rfc3339()>{cambodia_minute(e.at)}</time>
                                    " " <span class="muted small">{Msg::PhnomPenhTime.text(lang)}</span>
                                    " · " <strong translate="no">{e.by}</strong> " · " {e.entity.label().text(lang)} ": " {label_view(&e.label, lang)}
                                </p>
                                <ul class="changes">
                                    {e.changes
                                        .into_iter()
                                        .map(|c| {
                                            // Only what people typed is marked as not to be translated.
                                            let typed = |v: &str| is_typed(&c.field, v).then_some("no");
                                            let before = (!c.before.is_empty()).then(|| {
                                                let translate = typed(&c.before);
                                                view! { <del translate=translate>{value_view(&c.field, &c.before, lang, &names)}</del> " → " }
                                            });
                                            let translate = typed(&c.after);
                                            let after = value_view(&c.field, &c.after, lang, &names);
                                            let field = field_label(&c.field).map_or(c.field.clone(), |m| m.text(lang).to_string());
                                            // Erased: the timeline's view type is otherwise too deep to compile.
                                            view! { <li><span class="field">{field} ": "</span> {before} <ins translate=translate>{after}</ins></li> }.into_any()
                                        })
                                        .collect_view()}
                                </ul>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use homeward_core::checklists::ChecklistItem;
    use homeward_core::follow_ups::FollowUpInput;
    use homeward_core::{default_template, ChildrenCounts, ProfileInput};

    /// Every field any record writes to the history has a label in both languages.
    #[test]
    fn every_history_field_has_a_label() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let profile = ProfileInput {
            name_en: "Home".into(),
            province: "Pursat".into(),
            transition_start: "2026-01-01".into(),
            ..Default::default()
        }
        .parse(today)
        .unwrap();
        let visit = FollowUpInput {
            visited_on: "2026-03-02".into(),
            children_total: "1".into(),
            visited_by: "dosvy".into(),
            mode: "visit".into(),
            ..Default::default()
        }
        .parse(today)
        .unwrap();
        let item = ChecklistItem::from_template(&default_template().items()[0]);
        let tour = homeward_core::tours::StudyTour {
            title: homeward_core::Name::parse("Tour").unwrap(),
            dates: homeward_core::DateRange::new(today, today).unwrap(),
            location: homeward_core::Name::parse("Pursat").unwrap(),
            organised_with: vec![],
            hosts: vec![1],
            visitors: vec![],
            objectives: Default::default(),
            outcomes: Default::default(),
            actions: vec![],
        };
        let training = homeward_core::trainings::TrainingInput {
            category: "other".into(),
            title: "Case files".into(),
            starts_on: "2026-03-02".into(),
            ends_on: "2026-03-02".into(),
            venue: "Office".into(),
            ..Default::default()
        }
        .parse()
        .unwrap();
        let programme = homeward_core::programmes::Programme {
            kind: homeward_core::programmes::ProgrammeKind::Other,
            name: homeward_core::Name::parse("Club").unwrap(),
            started_on: today,
            members: homeward_core::SexCount::ZERO,
            sessions_per_quarter: 1,
            status: homeward_core::programmes::ProgrammeStatus::Active,
        };
        let placement = homeward_core::placements::PlacementInput {
            code: "HG-1".into(),
            placed_on: today.to_string(),
            kind: "birth_family".into(),
            children_total: "1".into(),
            children_female: "0".into(),
            age_band: "0_4".into(),
        }
        .parse(today)
        .unwrap();
        let user = homeward_core::accounts::User {
            login: homeward_core::accounts::Login::parse("sokha").unwrap(),
            display_name: homeward_core::Name::parse("Sokha").unwrap(),
            role: homeward_core::accounts::Role::Viewer,
            rci_id: None,
            assigned_rcis: vec![],
            active: true,
            language: Lang::En,
            must_change_password: false,
        };
        let fields = [
            profile.describe(),
            item.describe(),
            ChildrenCounts::empty(today).describe(),
            visit.describe(),
            tour.describe(),
            training.describe(),
            programme.describe(),
            user.describe(),
            vec![("password", String::new())],
            placement.describe(),
            homeward_core::placements::PlacementVisit {
                visited_on: today,
                outcome: homeward_core::placements::Outcome::AtRisk,
            }
            .describe(),
            homeward_core::signoffs::SignOff {
                stage: homeward_core::Stage::Assessment,
                kind: SignOffKind::Returned,
                on: today,
                by: homeward_core::Name::parse("Admin").unwrap(),
                note: Default::default(),
            }
            .describe(),
            homeward_core::evidence::EvidenceFile {
                id: 1,
                attached: None,
                name: "mou.pdf".into(),
                kind: homeward_core::evidence::FileKind::Pdf,
                size: 1,
                uploaded_on: today,
                by: homeward_core::Name::parse("Sokha").unwrap(),
            }
            .describe(),
        ];
        for (field, _) in fields.iter().flatten() {
            assert!(field_label(field).is_some(), "no label for {field}");
        }
        for (field, _) in homeward_core::default_template().items()[0].describe() {
            assert!(
                field_label(field).is_some(),
                "no label for the template's {field}"
            );
        }
        assert_eq!(
            field_label("province").unwrap().text(Lang::Km),
            "រាជធានី/ខេត្ត"
        );
    }

    /// Labels the app wrote are worded in the page's language; an import names its file.
    #[test]
    fn history_labels_speak_the_page_language() {
        assert_eq!(label_text("profile", Lang::Km), "ព័ត៌មានមណ្ឌល");
        assert_eq!(
            label_text(
                "children counts as of 2026-06-30 (imported from a.xlsx)",
                Lang::Km
            ),
            "កុមារ គិតត្រឹម 2026-06-30 (នាំចូលពី a.xlsx)"
        );
        assert_eq!(
            label_text("Hope tour", Lang::Km),
            "Hope tour",
            "typed names stay"
        );
        assert_eq!(
            value_text("baseline", "42 (17F)".into(), Lang::Km),
            "42 (ស្រី 17)"
        );
    }

    /// A stage's sign-off is worded in the reader's language: its label, its steps, a withdrawal.
    #[test]
    fn sign_offs_speak_the_page_language() {
        assert_eq!(
            label_text("sign-off of family_tracing", Lang::En),
            "Sign-off of Stage 2 · Family tracing"
        );
        assert!(label_text("sign-off of assessment", Lang::Km).starts_with("ការអនុម័ត"));
        assert_eq!(
            value_text("sign-off", "approved".into(), Lang::En),
            "signed off"
        );
        assert_eq!(
            value_text("sign-off", "requested".into(), Lang::Km),
            "កំពុងរង់ចាំការអនុម័ត"
        );
        assert_eq!(
            value_text("sign-off", "withdrawn".into(), Lang::Km),
            "បានដកវិញ (ដំណាក់កាលត្រូវបានបើកឡើងវិញ)"
        );
        assert!(!is_typed("sign-off", "approved"));
        assert!(is_typed("notes", "Attach the report"));
    }

    /// The app's own words in a history value are translated; what people typed is not.
    #[test]
    fn history_values_speak_the_page_language() {
        let km = |field: &str, value: &str| value_text(field, value.into(), Lang::Km);
        assert_eq!(km("status", "done 2026-11-24"), "រួចរាល់ 2026-11-24");
        assert_eq!(km("status", "blocked: no budget"), "ជាប់គាំង: no budget");
        assert_eq!(km("status", "in_progress"), "កំពុងដំណើរការ");
        assert_eq!(km("visited by", "dosvy"), "មន្ទីរសង្គមកិច្ច");
        assert_eq!(km("reintegration plan", "yes"), "បាទ/ចាស");
        assert_eq!(km("notes", "done"), "done");
        assert_eq!(
            value_text("status", "not_started".into(), Lang::En),
            "Not started"
        );
    }

    /// Tours', trainings' and programmes' values are worded too: no key, code or "(0F)" shows.
    #[test]
    fn activity_values_speak_the_page_language() {
        let km = |field: &str, value: &str| value_text(field, value.into(), Lang::Km);
        let latin = |s: &str| s.chars().any(|c| c.is_ascii_alphabetic());
        for (field, value) in [
            ("visitors", "#2 director 1 (0F); #5 official 3 (1F)"),
            ("participants", "#2 12 (5F) 40→80%; #4 3 (0F)"),
            ("kind", "careleaver_network"),
            ("programme status", "active"),
            ("members", "16 (13F)"),
            ("role", "adviser"),
            ("track", "family_tracing"),
        ] {
            let worded = km(field, value);
            assert!(!latin(&worded), "{field}: {worded}");
            assert!(!is_typed(field, value), "{field} is the app's own words");
        }
        let action = km("actions", "Share the plan (#3, 2026-11-26, in_progress)");
        assert!(
            action.starts_with("Share the plan (#3, 2026-11-26, "),
            "{action}"
        );
        assert!(!action.contains("in_progress"), "{action}");
        assert!(is_typed("actions", "Share the plan (#3, 2026-11-26, open)"));
        assert!(is_typed("notes", "anything"));
        assert!(matches!(field_label("added"), Some(Msg::HistoryAdded)));
    }
}

//! An RCI's change history as a readable timeline: who changed what, when, from what to what.

use homeward_core::calendar::cambodia_time;
use homeward_core::history::{Entity, HistoryEntry};
use homeward_core::{CountField, Lang};
use leptos::prelude::*;

use crate::i18n::Msg;

fn entity_label(entity: Entity) -> Msg {
    match entity {
        Entity::Profile => Msg::HistoryProfile,
        Entity::ChecklistItem => Msg::HistoryItem,
        Entity::Counts => Msg::HistoryCounts,
        Entity::FollowUp => Msg::HistoryFollowUp,
    }
}

/// The page's label for a field named in the history. History rows keep the English name they
/// were written with (they are never rewritten); the timeline shows the form's own label.
fn field_label(field: &str) -> Option<Msg> {
    if let Some(count) = CountField::ALL.into_iter().find(|f| f.key() == field) {
        return Some(crate::counts::field_label(count));
    }
    Some(match field {
        "name (English)" => Msg::NameEn,
        "name (Khmer)" => Msg::NameKm,
        "province" => Msg::ColProvince,
        "district" => Msg::District,
        "commune" => Msg::Commune,
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
        "hidden" => Msg::HiddenItems,
        "date" => Msg::CountsDate,
        "visit date" => Msg::VisitDate,
        "children visited" => Msg::ChildrenVisited,
        "visited by" => Msg::VisitedBy,
        "how" => Msg::VisitHow,
        "notes" => Msg::Notes,
        _ => return None,
    })
}

#[component]
pub fn HistoryTimeline(entries: Vec<HistoryEntry>, lang: Lang) -> impl IntoView {
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
                                    <time datetime=e.at.to_rfc3339()>{cambodia_time(e.at).format("%Y-%m-%d %H:%M").to_string()}</time>
                                    " · " <strong>{e.by}</strong> " · " {entity_label(e.entity).text(lang)} ": " {e.label}
                                </p>
                                <ul class="changes">
                                    {e.changes
                                        .into_iter()
                                        .map(|c| {
                                            let before = (!c.before.is_empty()).then(|| view! { <del>{c.before}</del> " → " });
                                            let field = field_label(&c.field).map_or(c.field, |m| m.text(lang).to_string());
                                            view! { <li><span class="field">{field} ": "</span> {before} <ins>{c.after}</ins></li> }
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
        let fields = [
            profile.describe(),
            item.describe(),
            ChildrenCounts::empty(today).describe(),
            visit.describe(),
        ];
        for (field, _) in fields.iter().flatten() {
            assert!(field_label(field).is_some(), "no label for {field}");
        }
        assert_eq!(field_label("province").unwrap().text(Lang::Km), "ខេត្ត");
    }
}

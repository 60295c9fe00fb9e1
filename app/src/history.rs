//! An RCI's change history as a readable timeline: who changed what, when, from what to what.

use homeward_core::history::{Entity, HistoryEntry};
use homeward_core::Lang;
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
                                    <time datetime=e.at.to_rfc3339()>{e.at.format("%Y-%m-%d %H:%M").to_string()}</time>
                                    " · " <strong>{e.by}</strong> " · " {entity_label(e.entity).text(lang)} ": " {e.label}
                                </p>
                                <ul class="changes">
                                    {e.changes
                                        .into_iter()
                                        .map(|c| {
                                            let before = (!c.before.is_empty()).then(|| view! { <del>{c.before}</del> " → " });
                                            view! { <li><span class="field">{c.field} ": "</span> {before} <ins>{c.after}</ins></li> }
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

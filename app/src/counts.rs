//! Children counts display: the latest pipeline, sex-disaggregated.

use homeward_core::{ChildrenCounts, CountField, Lang, Placement, SexCount};
use leptos::prelude::*;

use crate::i18n::Msg;

/// The label of a count field.
pub fn field_label(field: CountField) -> Msg {
    match field {
        CountField::Baseline => Msg::CountBaseline,
        CountField::Admissions => Msg::CountAdmissions,
        CountField::Assessed => Msg::CountAssessed,
        CountField::Traced => Msg::CountTraced,
        CountField::Prepared => Msg::CountPrepared,
        CountField::ReintegratedTotal => Msg::CountReintegrated,
        CountField::Reintegrated(p) => match p {
            Placement::BirthFamily => Msg::PlacementBirthFamily,
            Placement::KinshipCare => Msg::PlacementKinship,
            Placement::FosterCare => Msg::PlacementFoster,
            Placement::IndependentLiving => Msg::PlacementIndependent,
            Placement::LongTermCare => Msg::PlacementLongTerm,
        },
    }
}

#[component]
pub fn CountsPanel(counts: Option<ChildrenCounts>, lang: Lang) -> impl IntoView {
    let Some(counts) = counts else {
        return view! {
            <section class="counts">
                <h2>{Msg::ChildrenTitle.text(lang)}</h2>
                <p class="empty">{Msg::NoCounts.text(lang)}</p>
            </section>
        }
        .into_any();
    };
    let row = |label: Msg, value: SexCount, class: &'static str| {
        view! {
            <tr class=class>
                <th scope="row">{label.text(lang)}</th>
                <td>{value.total()}</td>
                <td>{value.female()}</td>
            </tr>
        }
    };
    let pipeline = [
        CountField::Baseline,
        CountField::Admissions,
        CountField::Assessed,
        CountField::Traced,
        CountField::Prepared,
        CountField::ReintegratedTotal,
    ];
    view! {
        <section class="counts">
            <h2>{Msg::ChildrenTitle.text(lang)}</h2>
            <p class="muted">{Msg::CountsAsOf.text(lang)} " " {counts.as_of.format("%Y-%m-%d").to_string()}</p>
            <table class="counts-table" data-testid="counts">
                <thead>
                    <tr>
                        <th></th>
                        <th scope="col">{Msg::ColTotal.text(lang)}</th>
                        <th scope="col">{Msg::ColGirls.text(lang)}</th>
                    </tr>
                </thead>
                <tbody>
                    {pipeline.into_iter().map(|f| row(field_label(f), counts.get(f), "")).collect_view()}
                    {Placement::ALL
                        .into_iter()
                        .map(|p| {
                            let f = CountField::Reintegrated(p);
                            row(field_label(f), counts.get(f), "sub")
                        })
                        .collect_view()}
                    {row(Msg::CountStillInCare, counts.still_in_care(), "total")}
                </tbody>
            </table>
            <p class="muted small">{Msg::PrivacyNote.text(lang)}</p>
        </section>
    }
    .into_any()
}

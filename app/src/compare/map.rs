//! The comparison's map: Cambodia's provinces shaded by what the partners that match hold there
//! (partners, children in care, children in family placements), each a link to the comparison
//! filtered by it. Drawn on the server as SVG, so it reads without JavaScript; the outlines are
//! generated once ([`super::map_shapes`]).

use homeward_core::comparison::ProvinceRow;
use homeward_core::Lang;
use leptos::prelude::*;

use super::map_shapes::{SHAPES, VIEW_BOX};
use super::CompareQuery;
use crate::i18n::Msg;

/// What the map shades provinces by, as the URL carries it (`map=in_care`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Partners,
    InCare,
    InFamilies,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Partners, Measure::InCare, Measure::InFamilies];

    pub fn key(self) -> &'static str {
        match self {
            Measure::Partners => "partners",
            Measure::InCare => "in_care",
            Measure::InFamilies => "in_families",
        }
    }

    /// The measure a URL names; anything else is the default, partners.
    pub fn parse(raw: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|m| Some(m.key()) == raw)
            .unwrap_or(Measure::Partners)
    }

    fn words(self) -> Msg {
        match self {
            Measure::Partners => Msg::ColPartnersCount,
            Measure::InCare => Msg::ColInCare,
            Measure::InFamilies => Msg::ColInFamilies,
        }
    }

    fn of(self, row: &ProvinceRow) -> u64 {
        match self {
            Measure::Partners => row.rcis as u64,
            Measure::InCare => u64::from(row.in_care),
            Measure::InFamilies => u64::from(row.in_families),
        }
    }
}

/// How many shades the map uses above "none".
const SHADES: u64 = 5;

/// The shade of `value` on a map whose largest value is `max`: 0 for none, then 1 to [`SHADES`].
fn shade(value: u64, max: u64) -> u64 {
    if value == 0 || max == 0 {
        0
    } else {
        (value * SHADES).div_ceil(max).clamp(1, SHADES)
    }
}

/// This view of the comparison with `map` shading it, as a query string.
pub(super) fn with_measure(query: String, measure: Measure) -> String {
    if measure == Measure::Partners {
        return query;
    }
    let joiner = if query.is_empty() { '?' } else { '&' };
    format!("{query}{joiner}map={}", measure.key())
}

#[component]
pub fn ProvinceMap(
    rows: Vec<ProvinceRow>,
    q: CompareQuery,
    measure: Measure,
    lang: Lang,
) -> impl IntoView {
    let value = |name: &str| {
        rows.iter()
            .find(|r| r.province == name)
            .map_or(0, |r| measure.of(r))
    };
    let max = rows.iter().map(|r| measure.of(r)).max().unwrap_or(0);
    let measure_words = measure.words().text(lang);
    let (w, h) = VIEW_BOX;
    let shapes = SHAPES
        .iter()
        .map(|(name, d)| {
            let n = value(name);
            let class = format!("province shade-{}", shade(n, max));
            let colon = match lang {
                Lang::En => ": ",
                Lang::Km => "៖ ",
            };
            let label = format!(
                "{}{colon}{n} ({measure_words})",
                crate::labels::place(name, lang)
            );
            let partners = rows.iter().any(|r| r.province == *name);
            if partners {
                let mut chosen = q.clone();
                chosen.filter.province = Some(name.to_string());
                let href = format!(
                    "/compare{}#provinces",
                    with_measure(chosen.query(), measure)
                );
                let title = label.clone();
                view! {
                    <a href=href data-province=*name class=class aria-label=label>
                        <path d=*d><title>{title}</title></path>
                    </a>
                }
                .into_any()
            } else {
                view! { <path d=*d data-province=*name class=class><title>{label}</title></path> }
                    .into_any()
            }
        })
        .collect_view();
    let switch = Measure::ALL
        .into_iter()
        .map(|m| {
            let href = format!("/compare{}#provinces", with_measure(q.query(), m));
            let current = (m == measure).then_some("true");
            view! { <a href=href class="measure" aria-current=current data-measure=m.key()>{m.words().text(lang)}</a> }
        })
        .collect_view();
    // Each shade's range of values; a shade no whole value falls in is left out.
    let legend = (1..=SHADES)
        .filter_map(|s| {
            let (from, upto) = ((max * (s - 1)) / SHADES + 1, (max * s) / SHADES);
            (from <= upto).then(|| {
                let range = if from == upto {
                    upto.to_string()
                } else {
                    format!("{from}–{upto}")
                };
                view! { <li><span class=format!("swatch shade-{s}")></span>{range}</li> }
            })
        })
        .collect_view();
    view! {
        <figure class="map" data-testid="province-map" data-measure=measure.key()>
            <nav class="measures" aria-label=Msg::MapShadedBy.text(lang)>
                {Msg::MapShadedBy.text(lang)} " " {switch}
            </nav>
            <svg viewBox=format!("0 0 {w} {h}") role="group" aria-label=format!("{} — {measure_words}", Msg::MapTitle.text(lang))>
                {shapes}
            </svg>
            <figcaption>
                {format!("{} — {measure_words}", Msg::MapTitle.text(lang))}
                <ul class="legend">
                    <li><span class="swatch shade-0"></span>"0"</li>
                    {legend}
                </ul>
                <span class="muted small">{Msg::MapSource.text(lang)}</span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_has_one_outline() {
        let drawn: std::collections::BTreeSet<&str> =
            SHAPES.iter().map(|(name, _)| *name).collect();
        let listed: std::collections::BTreeSet<&str> =
            homeward_core::Province::all().map(|p| p.en()).collect();
        assert_eq!(drawn, listed);
        assert_eq!(SHAPES.len(), listed.len());
    }

    #[test]
    fn shades_rise_with_the_value_and_none_stays_blank() {
        assert_eq!(shade(0, 10), 0);
        assert_eq!(shade(1, 10), 1);
        assert_eq!(shade(2, 10), 1);
        assert_eq!(shade(3, 10), 2);
        assert_eq!(shade(10, 10), 5);
        assert_eq!(shade(1, 1), 5);
        assert_eq!(shade(5, 0), 0);
        // Every value from 1 to the largest falls in the shade its legend range says.
        for max in 1..=23u64 {
            for value in 1..=max {
                let s = shade(value, max);
                assert!(
                    (max * (s - 1)) / SHADES < value && value <= (max * s) / SHADES,
                    "{value} of {max}"
                );
            }
        }
        assert_eq!(Measure::parse(Some("in_care")), Measure::InCare);
        assert_eq!(Measure::parse(Some("nonsense")), Measure::Partners);
        assert_eq!(
            with_measure(String::new(), Measure::InFamilies),
            "?map=in_families"
        );
        assert_eq!(
            with_measure("?stage=2".into(), Measure::InCare),
            "?stage=2&map=in_care"
        );
    }
}

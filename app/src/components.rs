//! Small pieces shared by pages: progress bars, stage labels, risk flags, the site header.

use homeward_core::accounts::Role;
use homeward_core::{Lang, Phase, Progress, RiskFlag};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::errors::AppError;
use crate::i18n::{use_lang, Msg};

/// A native progress bar with its percentage written beside it (readable without colour).
#[component]
pub fn ProgressBar(progress: Progress, label: String) -> impl IntoView {
    let percent = progress.percent();
    view! {
        <span class="progress">
            <progress max="100" value=percent aria-label=label></progress>
            <span class="percent">{format!("{percent}%")}</span>
        </span>
    }
}

/// "Stage 3 · Preparation", or "Transition completed".
#[component]
pub fn PhaseLabel(phase: Phase, lang: Lang) -> impl IntoView {
    match phase {
        Phase::In(stage) => view! {
            <span class=format!("stage stage-{}", stage.number())>
                {format!("{} {} · {}", Msg::StageN.text(lang), stage.number(), stage.title().get(lang))}
            </span>
        }
        .into_any(),
        Phase::Completed => view! { <span class="stage stage-done">{Msg::Completed.text(lang)}</span> }.into_any(),
    }
}

/// A flag worded, with its figures.
pub fn flag_text(flag: &RiskFlag, lang: Lang) -> String {
    match flag {
        RiskFlag::NoReintegrationPlan => Msg::RiskNoPlan.text(lang).to_string(),
        RiskFlag::NoReintegrationBudget => Msg::RiskNoBudget.text(lang).to_string(),
        RiskFlag::Stalled { days } => format!(
            "{} {days} {}",
            Msg::RiskStalled.text(lang),
            Msg::Days.text(lang)
        ),
        RiskFlag::FollowUpsOverdue { days } => {
            format!(
                "{} {days} {}",
                Msg::RiskFollowUps.text(lang),
                Msg::Days.text(lang)
            )
        }
        RiskFlag::PlacementVisitsOverdue { placements } => {
            format!("{} {placements}", Msg::RiskPlacementVisits.text(lang))
        }
        RiskFlag::ReentryRateHigh { rate } => format!(
            "{} {}",
            Msg::RiskReentry.text(lang),
            crate::labels::rate(*rate, lang)
        ),
        RiskFlag::MouExpired { days } => format!("{} {days}", Msg::RiskMouExpired.text(lang)),
        RiskFlag::MouExpiring { days } => format!(
            "{} {days} {}",
            Msg::RiskMouExpiring.text(lang),
            Msg::Days.text(lang)
        ),
        RiskFlag::InspectionOverdue { days } => format!(
            "{} {days} {}",
            Msg::RiskInspection.text(lang),
            Msg::Days.text(lang)
        ),
        RiskFlag::ImprovementsOverdue { days } => format!(
            "{} {days} {}",
            Msg::RiskImprovements.text(lang),
            Msg::Days.text(lang)
        ),
        RiskFlag::ReadinessHighRisk => Msg::RiskReadinessHigh.text(lang).to_string(),
        RiskFlag::ReadinessOverdue { days } => format!(
            "{} {days} {}",
            Msg::RiskReadinessOverdue.text(lang),
            Msg::Days.text(lang)
        ),
    }
}

/// The risk flags of one RCI as badges.
#[component]
pub fn Flags(flags: Vec<RiskFlag>, lang: Lang) -> impl IntoView {
    if flags.is_empty() {
        return view! { <span class="muted small">{Msg::NoRisks.text(lang)}</span> }.into_any();
    }
    view! {
        <ul class="flags">
            {flags
                .into_iter()
                .map(|f| view! { <li class=format!("flag flag-{}", f.key())>{flag_text(&f, lang)}</li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The message of a refused form field, shown next to that field (`role="alert"` so screen
/// readers announce it). Works without WebAssembly too: the error then arrives in the URL.
pub fn field_error<T: Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
    field: impl Into<String>,
) -> impl IntoView {
    let field: String = field.into();
    let lang = use_lang();
    move || match value.get() {
        Some(Err(AppError::Field { field: f, message })) if f == field => Some(view! {
            <p class="error field-error" role="alert" data-field=f>{message.get(lang).to_string()}</p>
        }),
        _ => None,
    }
}

/// Any other refusal of a form (not about one field): not found, not allowed, a conflict.
pub fn form_error<T: Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
    lang: Lang,
) -> impl IntoView {
    move || match value.get() {
        Some(Err(e)) if !matches!(e, AppError::Field { .. }) => Some(view! {
            <p class="error" role="alert">{e.message(lang)}</p>
        }),
        _ => None,
    }
}

/// Any refusal of a form, shown in one place (for forms whose fields show no errors of their own).
/// A success comes back as `?saved=`, so only refusals are shown here.
pub fn refusal<T: Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    lang: Lang,
) -> impl IntoView {
    move || match value.get() {
        Some(Err(e)) => Some(view! { <p class="error" role="alert">{e.message(lang)}</p> }),
        Some(Ok(_)) | None => None,
    }
}

/// Text written as HTML that reads back as the same text: `&`, `<`, `>` and quotes as entities.
pub fn escape_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A multi-line text input. Leptos writes a `<textarea>`'s children unescaped on the server
/// (leptos-rs/leptos#4819), so saved text holding `</textarea>` would end the element there; the
/// value goes in as escaped HTML instead, which the browser reads back as the same text whether
/// the server wrote it or the client set it as `innerHTML`.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(optional, into)] id: Option<String>,
    rows: u32,
    maxlength: u32,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    view! { <textarea id=id name=name rows=rows maxlength=maxlength translate="no" inner_html=escape_html(&value)></textarea> }
}

/// The page's `<title>`. leptos_meta writes the text unescaped into the server's `<head>`, so
/// `</title>` in a name would end it; the server escapes it here. The browser sets it as
/// `document.title`, plain text, so the client passes it as it is.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let text = escape_html(&text);
    view! { <Title text/> }
}

/// A query value as typed: trimmed, and `None` when blank (a blank filter means "all").
pub fn query_value(get: &impl Fn(&str) -> Option<String>, key: &str) -> Option<String> {
    get(key)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `?k=v&…` from the values that are set (URL-encoded), or nothing when none is.
pub fn query_string(pairs: Vec<(&str, Option<String>)>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        if let Some(value) = value {
            query.append_pair(key, &value);
        }
    }
    let query = query.finish();
    if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    }
}

/// The header on every page: name, navigation and the language switch.
#[component]
pub fn SiteHeader(lang: Lang) -> impl IntoView {
    let location = use_location();
    let here = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>()
    };
    let switch = move |to: Lang, label: &'static str| {
        view! {
            <a
                href=move || format!("/lang/{}?to={}", to.code(), here())
                rel="external"
                lang=to.code()
                class="lang"
                aria-current=(to == lang).then_some("true")
            >
                {label}
            </a>
        }
    };
    view! {
        <a class="skip" href="#main">{Msg::SkipToContent.text(lang)}</a>
        <header class="site">
            <a class="brand" href="/">
                <strong>{Msg::AppName.text(lang)}</strong>
                <span class="tagline">{Msg::Tagline.text(lang)}</span>
            </a>
            // Shown by js/offline.js while saves made without a signal wait on this phone.
            <a class="waiting" href="/outbox" data-outbox-count data-testid="waiting" hidden>
                <span class="count">"0"</span> " " {Msg::WaitingToSend.text(lang)}
            </a>
            // On a phone the links sit behind "Menu", all in view once opened; on a wider screen
            // the disclosure is always open (style/main.css).
            <details class="menu">
                <summary>{Msg::Menu.text(lang)}</summary>
                <nav aria-label=Msg::Language.text(lang)>
                    <UserMenu lang/>
                    <span class="langs">{switch(Lang::En, "English")} {switch(Lang::Km, "ខ្មែរ")}</span>
                </nav>
            </details>
        </header>
    }
}

/// Links for the signed-in user's role, their name, and signing out.
#[component]
fn UserMenu(lang: Lang) -> impl IntoView {
    let me = Resource::new(|| (), |_| crate::accounts::me());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(Some(me)) = me.await else { return ().into_any() };
                let home = match (me.role, me.rci_id) {
                    (Role::Director, Some(id)) => format!("/rcis/{id}"),
                    _ => "/".to_string(),
                };
                view! {
                    <a href="/my-work" data-testid="nav-my-work">
                        {Msg::NavMyWork.text(lang)}
                        {me.late.filter(|n| *n > 0).map(|n| view! {
                            " " <span class="count late" data-testid="late-count" aria-label=format!("{n} {}", Msg::WorkLate.text(lang))>{n}</span>
                        })}
                    </a>
                    <a href=home>{Msg::NavPartners.text(lang)}</a>
                    {(me.role != Role::Director).then(|| view! { <a href="/compare">{Msg::NavCompare.text(lang)}</a> })}
                    <a href="/offline">{Msg::NavOffline.text(lang)}</a>
                    <a href="/tours">{Msg::NavTours.text(lang)}</a>
                    <a href="/trainings">{Msg::NavTrainings.text(lang)}</a>
                    {(me.role == Role::Admin).then(|| view! {
                        <a href="/admin/users">{Msg::NavUsers.text(lang)}</a>
                        <a href="/admin/template">{Msg::NavTemplate.text(lang)}</a>
                        <a href="/admin/readiness">{Msg::NavIndicators.text(lang)}</a>
                        <a href="/admin/changes">{Msg::NavChanges.text(lang)}</a>
                        <a href="/admin/tokens">{Msg::NavApiTokens.text(lang)}</a>
                    })}
                    <span class="me" data-testid="me" translate="no">{me.display_name}</span>
                    <form method="post" action="/logout" class="inline">
                        <button type="submit" class="link">{Msg::SignOut.text(lang)}</button>
                    </form>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// The size and padding of a line chart drawn on the server, and where its points fall.
#[derive(Clone, Copy)]
pub struct ChartFrame {
    pub w: f64,
    pub h: f64,
    pub pad: f64,
}

impl ChartFrame {
    /// SVG `points` for values spread evenly across the width, `max` at the top.
    pub fn points(self, values: impl ExactSizeIterator<Item = f64>, max: f64) -> String {
        let Self { w, h, pad } = self;
        let n = values.len() as f64;
        values
            .enumerate()
            .map(|(i, v)| {
                let x = pad + (w - 2.0 * pad) * i as f64 / (n - 1.0);
                let y = h - pad - (h - 2.0 * pad) * v / max;
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// An RCI's overall progress month by month: a line drawn on the server.
#[component]
pub fn ProgressChart(points: Vec<(chrono::NaiveDate, u8)>, lang: Lang) -> impl IntoView {
    if points.len() < 2 {
        return ().into_any();
    }
    let frame = ChartFrame {
        w: 600.0,
        h: 160.0,
        pad: 28.0,
    };
    let ChartFrame { w, h, pad } = frame;
    let line = frame.points(points.iter().map(|(_, p)| f64::from(*p)), 100.0);
    let first = points
        .first()
        .map(|(d, _)| d.to_string())
        .unwrap_or_default();
    let last = points
        .last()
        .map(|(d, _)| d.to_string())
        .unwrap_or_default();
    view! {
        <figure class="chart" data-testid="progress-chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=Msg::ProgressOverTime.text(lang)>
                <line x1=pad y1=h - pad x2=w - pad y2=h - pad class="axis"/>
                <text x=pad y=h - 8.0 class="tick">{first}</text>
                <text x=w - pad y=h - 8.0 class="tick" text-anchor="end">{last}</text>
                <text x=4 y=pad class="tick">"100%"</text>
                <polyline points=line class="series reintegrated"/>
            </svg>
            <figcaption>{Msg::ProgressOverTime.text(lang)}</figcaption>
            <div class="sr-only">
                <table>
                    <caption>{Msg::ProgressOverTime.text(lang)}</caption>
                    <tbody>
                        {points.iter().map(|(d, p)| view! { <tr><th scope="row">{d.to_string()}</th><td>{*p} "%"</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_points_spread_across_the_width_with_the_maximum_at_the_top() {
        let frame = ChartFrame {
            w: 600.0,
            h: 160.0,
            pad: 28.0,
        };
        assert_eq!(
            frame.points([0.0, 50.0, 100.0].into_iter(), 100.0),
            "28.0,132.0 300.0,80.0 572.0,28.0"
        );
    }

    #[test]
    fn escaped_text_holds_no_markup() {
        assert_eq!(
            escape_html(r#"</textarea><b id="x">Tom & 'Jerry'</b>"#),
            "&lt;/textarea&gt;&lt;b id=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        assert_eq!(escape_html("ផ្លូវទៅផ្ទះ"), "ផ្លូវទៅផ្ទះ");
    }

    #[test]
    fn query_values_are_encoded_and_blank_ones_left_out() {
        assert_eq!(
            query_string(vec![
                ("province", Some("Phnom Penh & Kandal".into())),
                ("rci", None),
                ("sort", Some("name".into())),
            ]),
            "?province=Phnom+Penh+%26+Kandal&sort=name"
        );
        assert_eq!(query_string(vec![("rci", None)]), "");
    }
}

/// Links to the pages either side of a long list's page `number` (1-based), worded for what the
/// list holds (`words`: the link back, the link on), and "page N of M" when the count is known.
#[component]
pub fn Pager(
    number: usize,
    previous: Option<String>,
    next: Option<String>,
    #[prop(into)] label: String,
    #[prop(default = None)] pages: Option<usize>,
    #[prop(default = (Msg::NewerChanges, Msg::OlderChanges))] words: (Msg, Msg),
    lang: Lang,
) -> impl IntoView {
    let of = pages.map(|n| format!(" {} {n}", Msg::OfTotal.text(lang)));
    (previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager no-print" aria-label=label>
                {previous.map(|href| view! {
                    <a rel="prev" href=href data-testid="previous">"← " {words.0.text(lang)}</a>
                })}
                <span class="muted" data-testid="page-n">{format!("{} {number}{}", Msg::PageN.text(lang), of.unwrap_or_default())}</span>
                {next.map(|href| view! {
                    <a rel="next" href=href data-testid="next">{words.1.text(lang)} " →"</a>
                })}
            </nav>
        }
    })
}

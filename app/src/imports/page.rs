//! The import page: the template, the upload form, and the user's file as it stands — refused,
//! its problems, what it would change (with the button that imports it), or what it imported.

use leptos::prelude::*;

use super::{import_preview, ConfirmImport, Preview, RciPreview, PATH, TEMPLATE_PATH};
use crate::components::PageTitle;
use crate::i18n::{use_lang, Msg};
use homeward_core::imports::cells::MAX_FILE_BYTES;
use homeward_core::Lang;

#[component]
pub fn ImportPage() -> impl IntoView {
    let lang = use_lang();
    let preview = Resource::new(|| (), |_| import_preview());
    let confirm = ServerAction::<ConfirmImport>::new();
    let refused = confirm.value();
    view! {
        <PageTitle text=Msg::ImportTitle.text(lang)/>
        <h1>{Msg::ImportTitle.text(lang)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                let preview = match preview.await {
                    Ok(p) => p,
                    Err(e) => return crate::not_found::error_page(&e, lang),
                };
                view! {
                    <section class="panel stack" data-testid="import-upload">
                        <p>{Msg::ImportIntro.text(lang)}</p>
                        <p>
                            <a class="button secondary" href=TEMPLATE_PATH rel="external" download data-testid="import-template">
                                {Msg::ImportTemplate.text(lang)}
                            </a>
                            " " <span class="muted small">{Msg::ImportTemplateHint.text(lang)}</span>
                        </p>
                        <form method="post" action=PATH enctype="multipart/form-data" class="stack">
                            <label for="import-file">
                                {Msg::ImportFile.text(lang)} " "
                                <span class="muted small">{format!("(.xlsx, .csv; ≤ {} MB)", MAX_FILE_BYTES / 1024 / 1024)}</span>
                            </label>
                            <input id="import-file" name="file" type="file" accept=".xlsx,.csv" required/>
                            <button type="submit">{Msg::ImportCheck.text(lang)}</button>
                        </form>
                    </section>
                    {crate::components::refusal(refused, lang)}
                    {preview.map(|p| view! { <PreviewView preview=p confirm lang/> })}
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn PreviewView(
    preview: Preview,
    confirm: ServerAction<ConfirmImport>,
    lang: Lang,
) -> impl IntoView {
    match preview {
        Preview::Refused { file_name, message } => view! {
            <section class="panel" id="preview" data-testid="import-preview">
                <h2>{file_name}</h2>
                <p class="error" role="alert">{message}</p>
            </section>
        }
        .into_any(),
        Preview::Imported { file_name, rcis } => view! {
            <section class="panel" id="preview" data-testid="import-preview">
                <h2>{file_name}</h2>
                <p class="saved" role="status">{format!("{} {}", Msg::ImportDone.text(lang), rcis.len())}</p>
                <ul>
                    {rcis.into_iter().map(|(href, name)| view! { <li><a href=href translate="no">{name}</a></li> }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
        Preview::Checked { file_name, problems, problem_count, notes, new_rcis, changed_rcis, unchanged_rows, fingerprint } => {
            let nothing = new_rcis.is_empty() && changed_rcis.is_empty();
            let can_import = problems.is_empty() && !nothing;
            let already_there = problems.is_empty() && nothing;
            let count = new_rcis.len() + changed_rcis.len();
            view! {
                <section class="panel stack" id="preview" data-testid="import-preview">
                    <h2>{file_name}</h2>
                    {(!problems.is_empty()).then(|| view! {
                        <div role="alert" data-testid="import-problems">
                            <p class="error">{format!("{} {problem_count}", Msg::ImportProblems.text(lang))}</p>
                            <ul class="problems">
                                {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                            </ul>
                            <p>{Msg::ImportFixAndAgain.text(lang)}</p>
                        </div>
                    })}
                    {(!notes.is_empty()).then(|| view! {
                        <ul class="muted small">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    })}
                    <p data-testid="import-summary">
                        {format!(
                            "{} {} · {} {} · {} {}",
                            Msg::ImportNewRcis.text(lang), new_rcis.len(),
                            Msg::ImportChangedRcis.text(lang), changed_rcis.len(),
                            Msg::ImportUnchangedRows.text(lang), unchanged_rows,
                        )}
                    </p>
                    {already_there.then(|| view! { <p class="empty">{Msg::ImportNothingToChange.text(lang)}</p> })}
                    {(!new_rcis.is_empty()).then(|| view! {
                        <h3>{Msg::ImportNewRcis.text(lang)}</h3>
                        {new_rcis.into_iter().map(|r| view! { <RciChanges rci=r lang/> }).collect_view()}
                    })}
                    {(!changed_rcis.is_empty()).then(|| view! {
                        <h3>{Msg::ImportChangedRcis.text(lang)}</h3>
                        {changed_rcis.into_iter().map(|r| view! { <RciChanges rci=r lang/> }).collect_view()}
                    })}
                    {can_import.then(|| view! {
                        <ActionForm action=confirm>
                            <input type="hidden" name="fingerprint" value=fingerprint/>
                            <button type="submit" data-testid="import-confirm">
                                {format!("{} ({count})", Msg::ImportConfirm.text(lang))}
                            </button>
                        </ActionForm>
                    })}
                </section>
            }
            .into_any()
        }
    }
}

/// What the import changes for one RCI.
#[component]
fn RciChanges(rci: RciPreview, lang: Lang) -> impl IntoView {
    let name = match rci.href {
        Some(href) => view! { <a href=href>{rci.name}</a> }.into_any(),
        None => view! { <span>{rci.name}</span> }.into_any(),
    };
    let lines = |title: Msg, items: Vec<String>| {
        (!items.is_empty()).then(|| view! {
            <p class="small"><strong>{title.text(lang)}</strong></p>
            <ul class="small">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
        })
    };
    view! {
        <article class="import-rci" data-testid="import-rci">
            <h4 translate="no">{name}</h4>
            {(!rci.profile.is_empty()).then(|| view! {
                <table class="small">
                    <thead><tr>
                        <th scope="col">{Msg::ImportField.text(lang)}</th>
                        <th scope="col">{Msg::ImportBefore.text(lang)}</th>
                        <th scope="col">{Msg::ImportAfter.text(lang)}</th>
                    </tr></thead>
                    <tbody>
                        {rci.profile.into_iter().map(|(field, before, after)| view! {
                            <tr><th scope="row">{field}</th><td>{before}</td><td>{after}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {lines(Msg::CountsTitle, rci.counts)}
            {lines(
                Msg::ImportSteps,
                rci.steps.into_iter().map(|(title, before, after)| format!("{title}: {before} → {after}")).collect(),
            )}
            {lines(Msg::ImportVisits, rci.visits)}
            {lines(Msg::TransformationTitle, rci.changes)}
        </article>
    }
}

//! Forms that forgive: a refused form comes back as it was typed. The server keeps the posted
//! fields as a draft (see the server's `drafts` middleware) and the way back to the page names it;
//! the page then opens that form at an error summary (the GOV.UK pattern) linking to the field to
//! fix, with every typed value in place. The same happens with or without JavaScript, since both
//! post the form and come back the same way.

use homeward_core::Lang;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use serde::{Deserialize, Serialize};

use crate::errors::AppError;
use crate::i18n::Msg;

/// A refused form's fields as posted, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The server function it was posted to.
    pub endpoint: String,
    pub fields: Vec<(String, String)>,
}

/// One of the signed-in user's own drafts; another's, or one past its hour, is none.
#[server(endpoint = "form_draft")]
pub async fn form_draft(id: i64) -> Result<Option<Draft>, AppError> {
    let ctx = crate::server::Ctx::signed_in()?;
    let draft = ctx
        .store
        .draft(id, ctx.actor.user_id, chrono::Utc::now())
        .await?;
    Ok(draft.map(|d| Draft {
        endpoint: d.endpoint,
        fields: d.fields,
    }))
}

/// A form the server refused: what was typed and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub draft: Draft,
    pub error: AppError,
}

impl Refused {
    /// The refusal the page's URL carries (leptos's context of it, read by the page before any
    /// await), with the draft it names, if the two belong together.
    pub fn of(draft: Option<Draft>, url: Option<ServerActionError>) -> Option<Refused> {
        let (draft, url) = (draft?, url?);
        url.path()
            .ends_with(&format!("/{}", draft.endpoint))
            .then(|| Refused {
                error: ServerFnUrlError::<AppError>::decode_err(url.err()),
                draft,
            })
    }

    /// Whether this is the refusal of the form posted to `endpoint` whose field `key` held `id`
    /// (many forms on a page post to one function: each checklist item's, for one).
    pub fn is_of(&self, endpoint: &str, key: &str, id: impl ToString) -> bool {
        self.draft.endpoint == endpoint && self.value(key) == Some(id.to_string())
    }

    /// The value typed into `name`.
    pub fn value(&self, name: &str) -> Option<String> {
        self.draft
            .fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// The value typed into `name`, or `otherwise` (the form's own value) if nothing was.
    pub fn kept(refused: Option<&Refused>, name: &str, otherwise: impl ToString) -> String {
        refused
            .and_then(|r| r.value(name))
            .unwrap_or_else(|| otherwise.to_string())
    }

    /// The field the refusal names, if it names one.
    pub fn field(&self) -> Option<&str> {
        match &self.error {
            AppError::Field { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// The draft a page's URL names (`__draft=<id>`), read for the page's first render.
pub fn draft_resource() -> Resource<Option<Draft>> {
    let id = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("__draft")
        .and_then(|id| id.parse::<i64>().ok());
    Resource::new(
        || (),
        move |_| async move {
            match id {
                Some(id) => form_draft(id).await.ok().flatten(),
                None => None,
            }
        },
    )
}

/// The top of a refused form: what is wrong, each problem a link to its field (`anchor` gives a
/// field's element id from its name). The page opens here (`#error-summary`).
#[component]
pub fn ErrorSummary(
    refused: Refused,
    anchor: impl Fn(&str) -> String + 'static,
    lang: Lang,
) -> impl IntoView {
    let message = refused.error.message(lang);
    let problem = match refused.field() {
        Some(field) => view! { <a href=format!("#{}", anchor(field))>{message}</a> }.into_any(),
        None => view! { <span>{message}</span> }.into_any(),
    };
    view! {
        <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary">
            <h3>{Msg::ThereIsAProblem.text(lang)}</h3>
            <ul><li>{problem}</li></ul>
        </div>
    }
}

/// The message beside a refused field, when the refusal names it.
pub fn field_message(refused: Option<&Refused>, field: &str, lang: Lang) -> Option<AnyView> {
    let refused = refused?;
    (refused.field() == Some(field)).then(|| {
        view! { <p class="error field-error" data-field=field.to_string()>{refused.error.message(lang)}</p> }
            .into_any()
    })
}

//! The organisation itself changing (see `homeward_core::transformation`): the RCI's staff,
//! buildings and funding moved to family-based care, their totals, each record, and the forms to
//! record them.

use homeward_core::transformation::{
    AssetChangeInput, AssetUse, Currency, FundingChangeInput, StaffChangeInput, StaffMove,
    Transformation, TransformationFigures,
};
use homeward_core::Lang;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::drafts::{field_message, ErrorSummary, Refused};
use crate::errors::AppError;
use crate::i18n::Msg;
use crate::labels::Label;
use crate::rcis::RciContext;

/// Records staff retrained, redeployed or who left at an RCI the caller may edit.
#[server(endpoint = "record_staff_change")]
pub async fn record_staff_change(rci_id: i64, change: StaffChangeInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let change = change.parse(ctx.today)?;
    let id = ctx
        .store
        .record_staff_change(rci_id, &change, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::StaffChange);
    Ok(id)
}

/// Records a building or asset given a new use.
#[server(endpoint = "record_asset_change")]
pub async fn record_asset_change(rci_id: i64, change: AssetChangeInput) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let change = change.parse(ctx.today)?;
    let id = ctx
        .store
        .record_asset_change(rci_id, &change, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::AssetChange);
    Ok(id)
}

/// Records a donor's funding redirected to family-based services.
#[server(endpoint = "record_funding_change")]
pub async fn record_funding_change(
    rci_id: i64,
    change: FundingChangeInput,
) -> Result<i64, AppError> {
    let ctx = crate::server::Ctx::edit(rci_id).await?;
    let change = change.parse(ctx.today)?;
    let id = ctx
        .store
        .record_funding_change(rci_id, &change, &ctx.by)
        .await?;
    crate::rcis::back_to_rci(rci_id, crate::rcis::Saved::FundingChange);
    Ok(id)
}

/// An amount as a reader writes it: "24,000 USD", "60,000,000 រៀល".
pub fn money(amount: u64, currency: Currency, lang: Lang) -> String {
    format!("{} {}", grouped(amount), currency.label().text(lang))
}

/// A number with commas between thousands: "60,000,000".
pub fn grouped(amount: u64) -> String {
    let digits = amount.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// The RCI's change: its totals, each record, and (for an editor) the forms.
#[component]
pub fn TransformationPanel(
    records: Transformation,
    figures: TransformationFigures,
    cx: RciContext,
) -> impl IntoView {
    let lang = cx.lang;
    let word = |m: Msg| m.text(lang);
    let Transformation {
        staff,
        assets,
        funding,
    } = records;
    view! {
        <section class="panel transformation" data-testid="transformation">
            <h2>{word(Msg::TransformationTitle)}</h2>
            <p class="muted">{word(Msg::TransformationIntro)}</p>
            <dl class="figures" data-testid="transformation-figures">
                {StaffMove::ALL.into_iter().map(|m| view! {
                    <div><dt>{m.label().text(lang)}</dt><dd data-testid=format!("staff-{}", m.key())>{figures.staff(m).text(lang)}</dd></div>
                }).collect_view()}
                <div><dt>{word(Msg::AssetsRepurposed)}</dt><dd data-testid="assets-repurposed">{figures.assets_repurposed}</dd></div>
                {Currency::ALL.into_iter().map(|c| view! {
                    <div><dt>{word(Msg::FundingRedirected)}</dt><dd data-testid=format!("funding-{}", c.key())>{money(figures.funding(c), c, lang)}</dd></div>
                }).collect_view()}
            </dl>

            <h3>{word(Msg::StaffTitle)}</h3>
            {staff.is_empty().then(|| view! { <p class="empty">{word(Msg::NoStaffChanges)}</p> })}
            <ul class="records" data-testid="staff-changes">
                {staff.into_iter().map(|s| view! {
                    <li><strong>{s.changed_on.to_string()}</strong> " · " {s.kind.label().text(lang)} " · " {s.staff.text(lang)}</li>
                }).collect_view()}
            </ul>
            {cx.can_edit.then(|| view! { <StaffForm cx/> })}

            <h3>{word(Msg::AssetsTitle)}</h3>
            {assets.is_empty().then(|| view! { <p class="empty">{word(Msg::NoAssetChanges)}</p> })}
            <ul class="records" data-testid="asset-changes">
                {assets.into_iter().map(|a| view! {
                    <li><strong>{a.changed_on.to_string()}</strong> " · " <span translate="no">{a.asset.as_str().to_string()}</span> " → " {a.now.label().text(lang)}</li>
                }).collect_view()}
            </ul>
            {cx.can_edit.then(|| view! { <AssetForm cx/> })}

            <h3>{word(Msg::FundingTitle)}</h3>
            {funding.is_empty().then(|| view! { <p class="empty">{word(Msg::NoFundingChanges)}</p> })}
            <ul class="records" data-testid="funding-changes">
                {funding.into_iter().map(|f| view! {
                    <li>
                        <strong>{f.changed_on.to_string()}</strong> " · " <span translate="no">{f.donor.as_str().to_string()}</span>
                        " · " {money(f.amount, f.currency, lang)} " · "
                        <span translate="no">{f.from.as_str().to_string()}</span> " → " <span translate="no">{f.to.as_str().to_string()}</span>
                    </li>
                }).collect_view()}
            </ul>
            {cx.can_edit.then(|| view! { <FundingForm cx/> })}
        </section>
    }
    .into_any()
}

/// What one of an RCI's record forms (their fields named `change[…]`) needs when the server
/// refused it: what was typed, the message at its field, and whether it opens.
pub(crate) struct Kept {
    refused: Option<Refused>,
    prefix: &'static str,
    lang: Lang,
}

impl Kept {
    pub(crate) fn of(cx: RciContext, endpoint: &str, prefix: &'static str) -> Kept {
        let refused = cx
            .refused
            .get_value()
            .filter(|r| r.is_of(endpoint, "rci_id", cx.rci_id));
        Kept {
            refused,
            prefix,
            lang: cx.lang,
        }
    }

    /// What was typed into `change[name]`, or `otherwise`.
    pub(crate) fn value(&self, name: &str, otherwise: impl ToString) -> String {
        Refused::kept(self.refused.as_ref(), &format!("change[{name}]"), otherwise)
    }

    /// The refusal's message, if it is about `field`.
    pub(crate) fn message(&self, field: &str) -> Option<AnyView> {
        field_message(self.refused.as_ref(), field, self.lang)
    }

    /// The field's element id: `<prefix>-<field>`.
    pub(crate) fn id(&self, field: &str) -> String {
        format!("{}-{field}", self.prefix)
    }

    /// The summary at the top of a refused form, and whether the form opens.
    pub(crate) fn summary(&self) -> (bool, Option<AnyView>) {
        let prefix = self.prefix;
        let lang = self.lang;
        let summary = self.refused.clone().map(|refused| {
            view! { <ErrorSummary refused anchor=move |f: &str| format!("{prefix}-{f}") lang/> }
                .into_any()
        });
        (self.refused.is_some(), summary)
    }
}

#[component]
fn StaffForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let k = Kept::of(cx, "record_staff_change", "staff");
    let (open, summary) = k.summary();
    let kind = k.value("kind", "");
    view! {
        <details class="edit" open=open>
            <summary>{Msg::AddStaffChange.text(lang)}</summary>
            <form method="post" action=RecordStaffChange::url() class="stack" data-testid="staff-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label for=k.id("changed_on")>{Msg::ChangeDate.text(lang)}</label>
                {k.message("changed_on")}
                <input id=k.id("changed_on") type="date" name="change[changed_on]" value=k.value("changed_on", cx.today) required/>
                <label for=k.id("kind")>{Msg::StaffMoveLabel.text(lang)}</label>
                {k.message("kind")}
                <select id=k.id("kind") name="change[kind]" required>
                    <option value="">"—"</option>
                    {StaffMove::ALL.into_iter().map(|m| view! {
                        <option value=m.key() selected=m.key() == kind>{m.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <div class="pair">
                    <label>{Msg::StaffCount.text(lang)} " (" {Msg::ColTotal.text(lang)} ")"
                        <input id=k.id("staff_total") type="number" min="1" inputmode="numeric" name="change[staff_total]" value=k.value("staff_total", "") required/>
                    </label>
                    <label>{Msg::Women.text(lang)}
                        <input id=k.id("staff_female") type="number" min="0" inputmode="numeric" name="change[staff_female]" value=k.value("staff_female", 0) required/>
                    </label>
                </div>
                {k.message("staff_total")}
                {k.message("staff_female")}
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
fn AssetForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let k = Kept::of(cx, "record_asset_change", "asset");
    let (open, summary) = k.summary();
    let now = k.value("now", "");
    view! {
        <details class="edit" open=open>
            <summary>{Msg::AddAssetChange.text(lang)}</summary>
            <form method="post" action=RecordAssetChange::url() class="stack" data-testid="asset-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label for=k.id("changed_on")>{Msg::ChangeDate.text(lang)}</label>
                {k.message("changed_on")}
                <input id=k.id("changed_on") type="date" name="change[changed_on]" value=k.value("changed_on", cx.today) required/>
                <label for=k.id("asset")>{Msg::AssetWas.text(lang)}</label>
                {k.message("asset")}
                <input id=k.id("asset") type="text" name="change[asset]" value=k.value("asset", "") required maxlength="120"/>
                <label for=k.id("now")>{Msg::AssetNow.text(lang)}</label>
                {k.message("now")}
                <select id=k.id("now") name="change[now]" required>
                    <option value="">"—"</option>
                    {AssetUse::ALL.into_iter().map(|u| view! {
                        <option value=u.key() selected=u.key() == now>{u.label().text(lang)}</option>
                    }).collect_view()}
                </select>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
fn FundingForm(cx: RciContext) -> impl IntoView {
    let lang = cx.lang;
    let k = Kept::of(cx, "record_funding_change", "funding");
    let (open, summary) = k.summary();
    let currency = k.value("currency", "usd");
    view! {
        <details class="edit" open=open>
            <summary>{Msg::AddFundingChange.text(lang)}</summary>
            <form method="post" action=RecordFundingChange::url() class="stack" data-testid="funding-form">
                {summary}
                <input type="hidden" name="rci_id" value=cx.rci_id/>
                <label for=k.id("changed_on")>{Msg::ChangeDate.text(lang)}</label>
                {k.message("changed_on")}
                <input id=k.id("changed_on") type="date" name="change[changed_on]" value=k.value("changed_on", cx.today) required/>
                <label for=k.id("donor")>{Msg::Donor.text(lang)}</label>
                {k.message("donor")}
                <input id=k.id("donor") type="text" name="change[donor]" value=k.value("donor", "") required maxlength="120"/>
                <div class="pair">
                    <label>{Msg::Amount.text(lang)}
                        <input id=k.id("amount") type="text" inputmode="numeric" name="change[amount]" value=k.value("amount", "") required maxlength="30"/>
                    </label>
                    <label>{Msg::Currency.text(lang)}
                        <select id=k.id("currency") name="change[currency]">
                            {Currency::ALL.into_iter().map(|c| view! {
                                <option value=c.key() selected=c.key() == currency>{c.label().text(lang)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                {k.message("amount")}
                {k.message("currency")}
                <label for=k.id("from")>{Msg::FundingFrom.text(lang)}</label>
                {k.message("from")}
                <input id=k.id("from") type="text" name="change[from]" value=k.value("from", "") placeholder=Msg::ResidentialCare.text(lang) maxlength="120"/>
                <label for=k.id("to")>{Msg::FundingTo.text(lang)}</label>
                {k.message("to")}
                <input id=k.id("to") type="text" name="change[to]" value=k.value("to", "") required maxlength="120"/>
                <button type="submit">{Msg::Save.text(lang)}</button>
            </form>
        </details>
    }
    .into_any()
}

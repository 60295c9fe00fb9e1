//! The organisation's template as an admin edits it, and template changes applied to RCIs'
//! checklists. Every edit takes the step's version (two admins never silently overwrite each
//! other) and is in the history; applying runs one RCI at a time, each in its own transaction.

use homeward_core::history::{Editor, Entity};
use homeward_core::templates::{
    neighbour, new_key, plan, Landing, Move, Plan, StepText, StepUpdate,
};
use homeward_core::{ChecklistItem, ItemKey, Template, TemplateItem, Track};
use sqlx::FromRow;

use crate::db::{Conn, Tx};
use crate::history::{self, Change};
use crate::{check_version, corrupt, Result, Store, StoreError};

#[derive(FromRow)]
struct StepRow {
    item_key: String,
    track: String,
    title_en: String,
    title_km: String,
    guidance_en: String,
    guidance_km: String,
    #[sqlx(try_from = "crate::db::Flag")]
    retired: bool,
    version: i64,
}

const STEP_COLUMNS: &str =
    "item_key, track, title_en, title_km, guidance_en, guidance_km, retired, version";

impl StepRow {
    fn into_step(self) -> Result<(i64, TemplateItem)> {
        Ok((
            self.version,
            TemplateItem {
                key: ItemKey::parse(&self.item_key).map_err(corrupt)?,
                track: Track::parse(&self.track).map_err(corrupt)?,
                title: homeward_core::Bilingual::new(self.title_en, self.title_km),
                guidance: homeward_core::Bilingual::new(self.guidance_en, self.guidance_km),
                retired: self.retired,
            },
        ))
    }
}

/// Every step with its version, in order (the template is stored on first use).
pub(crate) async fn read_steps(tx: &mut Tx) -> Result<Vec<(i64, TemplateItem)>> {
    crate::checklists::store_default_template(tx).await?;
    select_steps(tx).await
}

/// Every stored step with its version, in order; none before the template's first use.
async fn select_steps(conn: &mut Conn) -> Result<Vec<(i64, TemplateItem)>> {
    let sql = format!("SELECT {STEP_COLUMNS} FROM checklist_templates ORDER BY position, item_key");
    sqlx::query_as::<_, StepRow>(&sql)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(StepRow::into_step)
        .collect()
}

/// The template the steps make, in their order.
pub fn template_of(steps: Vec<(i64, TemplateItem)>) -> Result<homeward_core::Template> {
    let mut template = homeward_core::Template::default();
    for (_, step) in steps {
        template.add(step).map_err(corrupt)?;
    }
    Ok(template)
}

/// A step's place in the template's order.
async fn position(tx: &mut Tx, key: &ItemKey) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT position FROM checklist_templates WHERE item_key = $1")
            .bind(key.as_str())
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// One step, refused as a conflict if saved since `version` was read.
async fn current_step(tx: &mut Tx, key: &ItemKey, version: i64) -> Result<TemplateItem> {
    let sql = format!("SELECT {STEP_COLUMNS} FROM checklist_templates WHERE item_key = $1");
    let row = sqlx::query_as::<_, StepRow>(&sql)
        .bind(key.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    let (current, step) = match row {
        Some(row) => {
            let (v, step) = row.into_step()?;
            (Some(v), Some(step))
        }
        None => (None, None),
    };
    check_version(current, version)?;
    step.ok_or(StoreError::NotFound)
}

async fn record_step(
    tx: &mut Tx,
    before: &[(&str, String)],
    after: &TemplateItem,
    by: &Editor,
) -> Result<()> {
    let change = Change {
        rci_id: None,
        entity: Entity::TemplateStep,
        entity_id: 0,
        label: &after.title.en,
        by,
    };
    history::record(tx, change, before, &after.describe()).await
}

/// The template's stamp: its steps' versions summed. Adding a step adds one of version 1 and
/// every edit, move or retirement raises a version, so any change raises the stamp.
pub fn stamp_of(steps: &[(i64, TemplateItem)]) -> i64 {
    steps.iter().map(|(v, _)| v).sum()
}

impl Store {
    /// Every step of the organisation's template, retired ones included, with the version an
    /// edit must name.
    pub async fn template_steps(&self) -> Result<Vec<(i64, TemplateItem)>> {
        // A read: only a database's very first one stores the default template, under the
        // write lock (which would otherwise also make the partners' kept copy be read again).
        let stored = select_steps(&mut *self.pool().acquire().await?).await?;
        if !stored.is_empty() {
            return Ok(stored);
        }
        let mut tx = self.write().await?;
        let steps = read_steps(&mut tx).await?;
        tx.commit().await?;
        Ok(steps)
    }

    /// Adds a step at the end of `track`; its key comes from its English title, unused by the
    /// template and by any RCI's own steps.
    pub async fn add_template_step(
        &self,
        track: Track,
        text: &StepText,
        by: &Editor,
    ) -> Result<ItemKey> {
        let mut tx = self.write().await?;
        let steps = read_steps(&mut tx).await?;
        let used: Vec<String> = sqlx::query_scalar("SELECT DISTINCT item_key FROM checklist_items")
            .fetch_all(&mut *tx)
            .await?;
        let key = new_key(&text.title.en, |k| {
            steps.iter().any(|(_, s)| &s.key == k) || used.iter().any(|u| u == k.as_str())
        });
        // After the track's last step: everything after it moves down one place.
        let position: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(position) + 1, (SELECT COALESCE(MAX(position) + 1, 0) FROM checklist_templates)) \
             FROM checklist_templates WHERE track = $1",
        )
        .bind(track.key())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE checklist_templates SET position = position + 1 WHERE position >= $1")
            .bind(position)
            .execute(&mut *tx)
            .await?;
        let step = TemplateItem {
            key: key.clone(),
            track,
            title: text.title.clone(),
            guidance: text.guidance.clone(),
            retired: false,
        };
        sqlx::query(
            "INSERT INTO checklist_templates (item_key, track, position, title_en, title_km, \
             guidance_en, guidance_km) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(key.as_str())
        .bind(track.key())
        .bind(position)
        .bind(&step.title.en)
        .bind(&step.title.km)
        .bind(&step.guidance.en)
        .bind(&step.guidance.km)
        .execute(&mut *tx)
        .await?;
        record_step(&mut tx, &[], &step, by).await?;
        tx.commit().await?;
        Ok(key)
    }

    /// New words for a step, if nobody saved it since `version`.
    pub async fn edit_template_step(
        &self,
        key: &ItemKey,
        version: i64,
        text: &StepText,
        by: &Editor,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let before = current_step(&mut tx, key, version).await?;
        sqlx::query(
            "UPDATE checklist_templates SET title_en = $1, title_km = $2, guidance_en = $3, \
             guidance_km = $4, version = version + 1 WHERE item_key = $5",
        )
        .bind(&text.title.en)
        .bind(&text.title.km)
        .bind(&text.guidance.en)
        .bind(&text.guidance.km)
        .bind(key.as_str())
        .execute(&mut *tx)
        .await?;
        let after = TemplateItem {
            title: text.title.clone(),
            guidance: text.guidance.clone(),
            ..before.clone()
        };
        record_step(&mut tx, &before.describe(), &after, by).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Retires a step (new RCIs no longer get it) or brings it back.
    pub async fn set_template_step_retired(
        &self,
        key: &ItemKey,
        version: i64,
        retired: bool,
        by: &Editor,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let before = current_step(&mut tx, key, version).await?;
        sqlx::query("UPDATE checklist_templates SET retired = $1, version = version + 1 WHERE item_key = $2")
            .bind(retired)
            .bind(key.as_str())
            .execute(&mut *tx)
            .await?;
        let after = TemplateItem {
            retired,
            ..before.clone()
        };
        record_step(&mut tx, &before.describe(), &after, by).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a step up or down within its track, swapping places with its neighbour; at the
    /// track's end it stays where it is.
    pub async fn move_template_step(
        &self,
        key: &ItemKey,
        version: i64,
        direction: Move,
        by: &Editor,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let step = current_step(&mut tx, key, version).await?;
        let template = template_of(read_steps(&mut tx).await?)?;
        let Some(other) = neighbour(&template, key, direction) else {
            return Ok(());
        };
        let (mine, theirs) = (
            position(&mut tx, key).await?,
            position(&mut tx, &other).await?,
        );
        for (k, p) in [(key, theirs), (&other, mine)] {
            sqlx::query("UPDATE checklist_templates SET position = $1, version = version + 1 WHERE item_key = $2")
                .bind(p)
                .bind(k.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let word = match direction {
            Move::Up => "moved up",
            Move::Down => "moved down",
        };
        let change = Change {
            rci_id: None,
            entity: Entity::TemplateStep,
            entity_id: 0,
            label: &step.title.en,
            by,
        };
        history::record(
            &mut tx,
            change,
            &[("position", String::new())],
            &[("position", word.to_string())],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// What applying `template` (the organisation's, or one an admin is about to make it) would
    /// do to each RCI's checklist, for those it would change, with the RCI's name.
    pub async fn template_plans(
        &self,
        template: &Template,
        landing: &Landing,
    ) -> Result<Vec<(i64, String, Plan)>> {
        let mut out = Vec::new();
        for rci in self.rcis().await? {
            let checklist: Vec<ChecklistItem> = self
                .checklist(rci.id)
                .await?
                .into_iter()
                .map(|s| s.value)
                .collect();
            let plan = plan(
                template,
                &checklist,
                &self.sign_offs(rci.id).await?,
                landing,
            );
            if !plan.changes.is_empty() {
                out.push((rci.id, rci.value.name_en.to_string(), plan));
            }
        }
        Ok(out)
    }

    /// Applies the template to one RCI's checklist in one transaction: adds the steps it lacks
    /// (landing in finished tracks as `landing` says), rewords and hides as [`plan`] says, puts
    /// the steps in the template's order. Statuses are never touched. Refused as a conflict if
    /// the template changed since `stamp` was read (its steps' versions summed, which every edit
    /// raises), so that what the admin previewed is what is applied. Returns how many changes
    /// were made.
    pub async fn apply_template(
        &self,
        rci_id: i64,
        stamp: i64,
        landing: &Landing,
        by: &Editor,
    ) -> Result<usize> {
        let mut tx = self.write().await?;
        crate::rcis::ensure_rci(&mut tx, rci_id).await?;
        let steps = read_steps(&mut tx).await?;
        check_version(Some(stamp_of(&steps)), stamp)?;
        let template = template_of(steps)?;
        let stored = crate::reads::checklists::read_checklist(&mut tx, rci_id).await?;
        let checklist: Vec<ChecklistItem> = stored.iter().map(|s| s.value.clone()).collect();
        let sign_offs = crate::reads::signoffs::read_sign_offs(&mut tx, rci_id).await?;
        let Plan { changes, order, .. } = plan(&template, &checklist, &sign_offs, landing);
        let place =
            |key: &ItemKey| order.iter().position(|k| k == key).unwrap_or(order.len()) as i64;
        for change in &changes {
            match change {
                StepUpdate::Add(item) => {
                    let id =
                        crate::checklists::insert_item(&mut tx, rci_id, place(&item.key), item)
                            .await?;
                    let change = Change {
                        rci_id: Some(rci_id),
                        entity: Entity::ChecklistItem,
                        entity_id: id,
                        label: &item.title.en,
                        by,
                    };
                    // Its status too: a step that lands not applicable says why.
                    let status = item.describe().into_iter().filter(|(f, _)| *f == "status");
                    let fields: Vec<_> = std::iter::once(("added", item.title.en.clone()))
                        .chain(status)
                        .collect();
                    history::record(&mut tx, change, &[], &fields).await?;
                }
                StepUpdate::Reword { key, to, .. } => {
                    let s = stored
                        .iter()
                        .find(|s| &s.value.key == key)
                        .ok_or(StoreError::NotFound)?;
                    let after = ChecklistItem {
                        title: to.title.clone(),
                        guidance: to.guidance.clone(),
                        ..s.value.clone()
                    };
                    crate::checklists::save_words(&mut tx, rci_id, s.id, &s.value, &after, by)
                        .await?;
                }
                StepUpdate::Hide { key, .. } => {
                    let s = stored
                        .iter()
                        .find(|s| &s.value.key == key)
                        .ok_or(StoreError::NotFound)?;
                    let after = ChecklistItem {
                        hidden: true,
                        ..s.value.clone()
                    };
                    crate::checklists::save_words(&mut tx, rci_id, s.id, &s.value, &after, by)
                        .await?;
                }
                StepUpdate::Reorder => {}
            }
        }
        // Every step in its place (steps added take theirs between the ones already there).
        if !changes.is_empty() {
            for s in &stored {
                sqlx::query("UPDATE checklist_items SET position = $1 WHERE id = $2")
                    .bind(place(&s.value.key))
                    .bind(s.id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        crate::signoffs::withdraw_reopened(&mut tx, rci_id, by).await?;
        crate::summaries::refresh(&mut tx, rci_id).await?;
        tx.commit().await?;
        Ok(changes.len())
    }
}

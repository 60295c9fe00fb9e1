//! Realistic partner RCIs in any number, for trying the organisation's views at scale and for the
//! benchmark: each with a transition started some months ago, a checklist worked as far as its
//! stage, quarterly children counts, follow-up visits and the history those changes leave.
//! Deterministic for a given seed, so two benchmark runs measure the same data.

use chrono::NaiveDate;
use homeward_core::{Province, Stage};

use homeward_core::placements::Outcome;

use crate::demo::{add_partner, add_placement, named_adviser, PartnerPlan};
use crate::{Result, Store};

const KINDS: [(&str, &str); 4] = [
    ("Children's Home", "មណ្ឌលកុមារ"),
    ("Children's Village", "ភូមិកុមារ"),
    ("Orphan Care Centre", "មជ្ឈមណ្ឌលថែទាំកុមារកំព្រា"),
    ("Family Care Centre", "មជ្ឈមណ្ឌលថែទាំគ្រួសារ"),
];

/// How generated visits find their placements: mostly stable, some at risk, a few re-entries.
const OUTCOMES: [Outcome; 8] = [
    Outcome::Stable,
    Outcome::Stable,
    Outcome::Stable,
    Outcome::Stable,
    Outcome::AtRisk,
    Outcome::AtRisk,
    Outcome::ReEntered,
    Outcome::Closed,
];

/// A small xorshift generator: enough variety for test data, and no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Adds `n` generated partner RCIs; returns their ids.
pub async fn generate(store: &Store, n: usize, seed: u64, today: NaiveDate) -> Result<Vec<i64>> {
    let template = store.template().await?;
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let provinces: Vec<Province> = Province::all().collect();
    let first = store.rci_count().await? as usize + 1;
    let mut ids = Vec::with_capacity(n);
    for i in first..first + n {
        let (kind_en, kind_km) = KINDS[rng.below(KINDS.len() as u64) as usize];
        let province = provinces[rng.below(provinces.len() as u64) as usize].en();
        let name_en = format!("{province} {kind_en} {i}");
        let name_km = format!("{kind_km} {i}");
        let started_months_ago = 3 + rng.below(60);
        // Older transitions are further along.
        let reach = (started_months_ago * 6 / 63 + rng.below(2)).min(5) as usize;
        let stage = Stage::ALL.get(reach).copied();
        let total = 8 + rng.below(70) as u32;
        let plan = PartnerPlan {
            name_en: &name_en,
            name_km: &name_km,
            province,
            district: "",
            district_km: "",
            started_months_ago,
            stage,
            done_in_stage: rng.below(4) as usize,
            plan: reach >= 2 && rng.chance(80),
            budget: reach >= 2 && rng.chance(60),
            baseline: (total, total * (35 + rng.below(30) as u32) / 100),
            last_follow_up_days_ago: (reach >= 4).then(|| 5 + rng.below(120)),
            quiet_days: if rng.chance(15) {
                60 + rng.below(200)
            } else {
                0
            },
        };
        let quiet = plan.quiet_days > 0;
        let id = add_partner(store, &template, &plan, &named_adviser(i)?, today).await?;
        ids.push(id);
        // Partners reintegrating follow one to three placements (a quiet one records nothing new).
        if reach >= 3 && !quiet {
            for p in 0..1 + rng.below(3) {
                let placed = 30 + rng.below(started_months_ago * 20);
                let visits: Vec<(u64, Outcome)> = (0..rng.below(3))
                    .map(|v| {
                        let outcome = OUTCOMES[rng.below(OUTCOMES.len() as u64) as usize];
                        (placed.saturating_sub(25 * (v + 1)).max(1), outcome)
                    })
                    .collect();
                add_placement(store, id, &format!("G{i}-{p}"), placed, &visits, today).await?;
            }
        }
        // A long run says how far it has come, so a console is never silent for minutes.
        if ids.len() % 250 == 0 && ids.len() < n {
            tracing::info!("generated {} of {n} RCIs", ids.len());
        }
    }
    // Spread the partners over the organisation's advisers, as the comparison page shows them.
    let advisers: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE role = 'adviser' AND active ORDER BY id")
            .fetch_all(store.pool())
            .await?;
    if !advisers.is_empty() {
        let mut tx = store.write().await?;
        for (k, id) in ids.iter().enumerate() {
            sqlx::query("UPDATE rcis SET adviser_id = $1 WHERE id = $2")
                .bind(advisers[k % advisers.len()])
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
    Ok(ids)
}

//! The dates an RCI's follow-up flag is judged from.

use chrono::NaiveDate;
use homeward_core::FollowUpFacts;

use crate::db::{Conn, Day};
use crate::Result;

/// One RCI's follow-up facts, on `conn`: its first reintegration and its last visit.
pub(crate) async fn read_follow_up_facts(conn: &mut Conn, rci_id: i64) -> Result<FollowUpFacts> {
    let first_reintegration: Option<Day> = sqlx::query_scalar(
        "SELECT MIN(as_of) FROM children_counts WHERE rci_id = $1 \
         AND birth_family_total + kinship_care_total + foster_care_total \
             + independent_living_total + long_term_care_total > 0",
    )
    .bind(rci_id)
    .fetch_one(&mut *conn)
    .await?;
    let last_follow_up: Option<Day> =
        sqlx::query_scalar("SELECT MAX(visited_on) FROM follow_up_visits WHERE rci_id = $1")
            .bind(rci_id)
            .fetch_one(conn)
            .await?;
    Ok(FollowUpFacts {
        first_reintegration: first_reintegration.map(NaiveDate::from),
        last_follow_up: last_follow_up.map(NaiveDate::from),
    })
}

//! Tokens for the read-only API that dashboards use: each names what it is for and which
//! partners it may read (every partner, or a list of RCIs). An admin creates one, sees its
//! secret once, and may revoke it; the secret itself is never stored, only its hash.
//!
//! What a token may read is decided here, so that every route of the API asks the same
//! question: [`TokenScope::covers`].

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::forms::{text, ticked, Form};
use crate::stages::Bilingual;
use crate::values::{FieldError, Name};

/// Every secret starts with this, so a leaked one is easy to recognise in a log or a scan.
pub const SECRET_PREFIX: &str = "hw_";

/// The most RCIs one token's list may name: far more than any dashboard of a few partners,
/// and a bound on what a submitted form can make the server check.
pub const MAX_RCIS: usize = 1_000;

/// A token's last use is written at most this often: a dashboard polling every few seconds
/// must not turn every read into a write.
pub const LAST_USE_EVERY: Duration = Duration::minutes(1);

/// Which partners a token may read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenScope {
    /// Every partner, today's and those added later.
    AllPartners,
    /// Only these RCIs (never empty), and the organisation's figures only as far as they go.
    Rcis(BTreeSet<i64>),
}

impl TokenScope {
    /// Whether the token may read this RCI.
    pub fn covers(&self, rci_id: i64) -> bool {
        match self {
            TokenScope::AllPartners => true,
            TokenScope::Rcis(ids) => ids.contains(&rci_id),
        }
    }
}

/// A token as an admin asks for it: what it is for, and what it may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    /// What it is for ("Board dashboard"), as the admin's list shows it.
    pub name: Name,
    /// What it may read.
    pub scope: TokenScope,
}

impl NewToken {
    /// The token a form asks for: `name`, `scope` (`all` or `rcis`) and, for a list, a ticked
    /// `rci_<id>` box per RCI. Refuses a blank name, an unknown scope, a list with no RCI or more
    /// than [`MAX_RCIS`], and a box that names no id. Whether the RCIs exist is the store's to
    /// say.
    pub fn from_form(form: &Form) -> Result<Self, FieldError> {
        let name = Name::parse_field("name", text(form, "name")).map_err(FieldError::at("name"))?;
        let scope = match text(form, "scope") {
            "all" => TokenScope::AllPartners,
            "rcis" => {
                let ticked = ticked(form, "rci_");
                if ticked.len() > MAX_RCIS {
                    return Err(FieldError::new(
                        "rcis",
                        Bilingual::new(
                            format!("choose at most {MAX_RCIS} RCIs"),
                            format!("សូមជ្រើសរើសមណ្ឌលយ៉ាងច្រើន {MAX_RCIS}"),
                        ),
                    ));
                }
                let ids = ticked
                    .into_iter()
                    .map(|(id, _)| id.parse::<i64>().map_err(|_| unknown_rci(id)))
                    .collect::<Result<BTreeSet<i64>, _>>()?;
                if ids.is_empty() {
                    return Err(FieldError::new(
                        "rcis",
                        Bilingual::new(
                            "choose at least one RCI, or every partner",
                            "សូមជ្រើសរើសមណ្ឌលយ៉ាងហោចណាស់មួយ ឬដៃគូទាំងអស់",
                        ),
                    ));
                }
                TokenScope::Rcis(ids)
            }
            _ => {
                return Err(FieldError::new(
                    "scope",
                    Bilingual::new(
                        "choose what the token may read",
                        "សូមជ្រើសរើសអ្វីដែលសោនេះអាចអានបាន",
                    ),
                ))
            }
        };
        Ok(NewToken { name, scope })
    }
}

impl NewToken {
    /// The token as the change history records it: RCIs by id (`#3; #7`), or `all`.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let reads = match &self.scope {
            TokenScope::AllPartners => "all".to_string(),
            TokenScope::Rcis(ids) => ids
                .iter()
                .map(|id| format!("#{id}"))
                .collect::<Vec<_>>()
                .join("; "),
        };
        vec![("name", self.name.to_string()), ("may read", reads)]
    }
}

fn unknown_rci(raw: &str) -> FieldError {
    FieldError::new("rcis", crate::rcis::unknown_rci(raw))
}

/// A token as kept: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    /// What it is for.
    pub name: Name,
    /// What it may read.
    pub scope: TokenScope,
    /// The admin who created it.
    pub created_by: Name,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last answered a request, to [`LAST_USE_EVERY`].
    pub last_used_at: Option<DateTime<Utc>>,
    /// When an admin revoked it; it answers nothing since.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Whether a use of a token at `now` should be written down: never used, or last written
/// [`LAST_USE_EVERY`] ago or longer.
pub fn records_use(last_used_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_used_at.is_none_or(|last| now - last >= LAST_USE_EVERY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Form {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_token_reads_every_partner_or_its_list() {
        let all =
            NewToken::from_form(&form(&[("name", "Board dashboard"), ("scope", "all")])).unwrap();
        assert_eq!(all.scope, TokenScope::AllPartners);
        assert!(all.scope.covers(12345));
        let some = NewToken::from_form(&form(&[
            ("name", "Donor"),
            ("scope", "rcis"),
            ("rci_3", "on"),
            ("rci_7", "on"),
            ("rci_9", ""),
        ]))
        .unwrap();
        assert_eq!(some.scope, TokenScope::Rcis(BTreeSet::from([3, 7])));
        assert!(some.scope.covers(3) && some.scope.covers(7));
        assert!(!some.scope.covers(9) && !some.scope.covers(4));
    }

    #[test]
    fn a_token_form_is_refused_at_its_field() {
        let field = |pairs: &[(&str, &str)]| NewToken::from_form(&form(pairs)).unwrap_err().field;
        assert_eq!(field(&[("name", " "), ("scope", "all")]), "name");
        assert_eq!(field(&[("name", "x"), ("scope", "everything")]), "scope");
        assert_eq!(field(&[("name", "x"), ("scope", "rcis")]), "rcis");
        assert_eq!(
            field(&[("name", "x"), ("scope", "rcis"), ("rci_x", "on")]),
            "rcis"
        );
        let many: Vec<(String, String)> = (0..=MAX_RCIS)
            .map(|i| (format!("rci_{i}"), "on".to_string()))
            .chain([("name".into(), "x".into()), ("scope".into(), "rcis".into())])
            .collect();
        let many: Form = many.into_iter().collect();
        assert_eq!(NewToken::from_form(&many).unwrap_err().field, "rcis");
    }

    #[test]
    fn a_use_is_written_at_most_once_a_minute() {
        let now = Utc::now();
        assert!(records_use(None, now));
        assert!(!records_use(Some(now - Duration::seconds(59)), now));
        assert!(records_use(Some(now - LAST_USE_EVERY), now));
    }
}

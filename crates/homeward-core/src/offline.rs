//! Saves made without a connection. An adviser on a visit saves a checklist item, counts or a
//! follow-up visit with no signal; the phone keeps the save and sends it when the signal
//! returns, perhaps more than once (a reply lost on the way, two tabs, a reload). Each such save
//! carries an id the phone made for it, and the server takes a given id once.

use serde::{Deserialize, Serialize};

use crate::stages::Bilingual;

/// The most characters a save's id may have (a UUID has 36).
pub const MAX_SAVE_ID_CHARS: usize = 64;

/// The id a phone gave one offline save: 8 to 64 ASCII letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SaveId(String);

impl SaveId {
    /// Refuses anything but a plain id of bounded length: it is stored and compared, never shown.
    pub fn parse(raw: &str) -> Result<Self, Bilingual> {
        let fine = (8..=MAX_SAVE_ID_CHARS).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if fine {
            Ok(SaveId(raw.to_string()))
        } else {
            Err(Self::refusal())
        }
    }

    /// Why an id was refused (also for a header that is not text at all).
    pub fn refusal() -> Bilingual {
        Bilingual::new(
            "the offline save's id is not valid: reload the page and save again",
            "លេខសម្គាល់នៃការរក្សាទុកពេលគ្មានអ៊ីនធឺណិតមិនត្រឹមត្រូវ៖ សូមផ្ទុកទំព័រឡើងវិញ ហើយរក្សាទុកម្តងទៀត",
        )
    }

    /// The id as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_uuid_is_an_id_and_odd_text_is_not() {
        let uuid = "3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b";
        assert_eq!(SaveId::parse(uuid).unwrap().as_str(), uuid);
        for bad in [
            "",
            "short",
            "has space in it",
            "id;drop-table",
            &"a".repeat(65),
            "ñññññññññ",
        ] {
            assert!(SaveId::parse(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn whatever_is_taken_is_bounded_and_plain(raw in ".{0,100}") {
            if let Ok(id) = SaveId::parse(&raw) {
                prop_assert!(id.as_str().len() <= MAX_SAVE_ID_CHARS);
                prop_assert!(id.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
            }
        }
    }
}

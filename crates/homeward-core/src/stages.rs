//! The five transition stages, in the order an RCI moves through them, and the organisation-level
//! track that runs alongside them.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The two languages every piece of guidance is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English: the default, and the fallback for unknown codes.
    #[default]
    En,
    /// Khmer.
    Km,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Km];

    /// The BCP 47 code, as used in `<html lang>` and the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Km => "km",
        }
    }

    /// Unknown codes fall back to English rather than failing a page.
    pub fn from_code(code: &str) -> Lang {
        match code.trim() {
            "km" => Lang::Km,
            _ => Lang::En,
        }
    }
}

/// A text in English and Khmer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bilingual {
    /// The English text.
    pub en: String,
    /// The Khmer text.
    pub km: String,
}

impl Bilingual {
    /// A text from its English and Khmer wording.
    pub fn new(en: impl Into<String>, km: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            km: km.into(),
        }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Km => &self.km,
        }
    }
}

/// A stage of the child-level transition. The order of the variants is the order of the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Assessing children, families and communities, and whether the transition is feasible.
    Assessment,
    /// Finding families, getting documents, first contacts and family visits.
    FamilyTracing,
    /// Preparing children, families and communities; the reintegration plan and budget.
    Preparation,
    /// Children's phased moves home or to other care, and follow-up visits.
    Reintegration,
    /// Programmes that support families in the community instead of the institution.
    CommunityProgrammes,
}

/// A checklist belongs either to one stage or to the organisation-level track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Track {
    /// One of the five stages.
    Stage(Stage),
    /// Leaders, strategy, board and donors, staff, buildings and government: alongside the stages.
    Organisation,
}

/// A track key that names no track; it holds the key given.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown track: {0}")]
pub struct UnknownTrack(pub String);

impl UnknownTrack {
    /// The Khmer wording of the refusal.
    pub fn khmer(&self) -> String {
        format!("ផ្នែកមិនស្គាល់៖ {}", self.0)
    }
}

impl Stage {
    /// The stages, in the order of the work.
    pub const ALL: [Stage; 5] = [
        Stage::Assessment,
        Stage::FamilyTracing,
        Stage::Preparation,
        Stage::Reintegration,
        Stage::CommunityProgrammes,
    ];

    /// 1-based position, as advisers say "stage 3".
    pub fn number(self) -> usize {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    /// The stage after this one; `None` after the last.
    pub fn next(self) -> Option<Stage> {
        Stage::ALL.get(self.number()).copied()
    }

    /// The stage's name in both languages.
    pub fn title(self) -> Bilingual {
        match self {
            Stage::Assessment => Bilingual::new("Assessment", "ការវាយតម្លៃ"),
            Stage::FamilyTracing => Bilingual::new("Family tracing", "ការស្វែងរកគ្រួសារ"),
            Stage::Preparation => Bilingual::new("Preparation", "ការរៀបចំ"),
            Stage::Reintegration => Bilingual::new("Reintegration", "ការធ្វើសមាហរណកម្ម"),
            Stage::CommunityProgrammes => Bilingual::new("Community programmes", "កម្មវិធីសហគមន៍"),
        }
    }
}

impl Track {
    /// Every track in display order: the five stages, then the organisation track.
    pub const ALL: [Track; 6] = [
        Track::Stage(Stage::Assessment),
        Track::Stage(Stage::FamilyTracing),
        Track::Stage(Stage::Preparation),
        Track::Stage(Stage::Reintegration),
        Track::Stage(Stage::CommunityProgrammes),
        Track::Organisation,
    ];

    /// The stable key stored in the database and used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Track::Stage(Stage::Assessment) => "assessment",
            Track::Stage(Stage::FamilyTracing) => "family_tracing",
            Track::Stage(Stage::Preparation) => "preparation",
            Track::Stage(Stage::Reintegration) => "reintegration",
            Track::Stage(Stage::CommunityProgrammes) => "community_programmes",
            Track::Organisation => "organisation",
        }
    }

    /// The track with this key, or a refusal naming the key.
    pub fn parse(key: &str) -> Result<Track, UnknownTrack> {
        Track::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .ok_or_else(|| UnknownTrack(key.to_string()))
    }

    /// The track's name in both languages.
    pub fn title(self) -> Bilingual {
        match self {
            Track::Stage(stage) => stage.title(),
            Track::Organisation => Bilingual::new("Organisation", "ស្ថាប័ន"),
        }
    }
}

impl From<Stage> for Track {
    fn from(stage: Stage) -> Self {
        Track::Stage(stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_in_the_order_of_the_work() {
        assert_eq!(
            Stage::ALL.map(|s| s.title().en),
            [
                "Assessment",
                "Family tracing",
                "Preparation",
                "Reintegration",
                "Community programmes"
            ]
        );
        assert!(Stage::Assessment < Stage::CommunityProgrammes);
        assert_eq!(Stage::Preparation.number(), 3);
        assert_eq!(Stage::Assessment.next(), Some(Stage::FamilyTracing));
        assert_eq!(Stage::CommunityProgrammes.next(), None);
    }

    #[test]
    fn track_keys_round_trip_and_are_unique() {
        for track in Track::ALL {
            assert_eq!(Track::parse(track.key()), Ok(track));
        }
        assert!(Track::parse("adoption").is_err());
        let mut keys: Vec<_> = Track::ALL.iter().map(|t| t.key()).collect();
        keys.dedup();
        assert_eq!(keys.len(), 6);
    }

    #[test]
    fn every_title_has_khmer() {
        for track in Track::ALL {
            let title = track.title();
            assert!(!title.en.is_empty());
            assert!(title
                .km
                .chars()
                .any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)));
        }
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("km"), Lang::Km);
        assert_eq!(Lang::from_code("fr"), Lang::En);
        assert_eq!(Lang::Km.code(), "km");
        assert_eq!(Bilingual::new("a", "ក").get(Lang::Km), "ក");
    }
}

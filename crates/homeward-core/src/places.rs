//! Cambodia's capital and its 24 provinces, in English and Khmer: a fixed list, so that every
//! page can show the reader's language and a spreadsheet's "Batambang" can be answered with
//! "did you mean Battambang?" instead of becoming a 26th province.

use serde::{Deserialize, Serialize};

use crate::stages::{Bilingual, Lang};

/// Phnom Penh or one of the provinces, stored by its English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Province(u8);

/// English name, Khmer name, and other spellings met in files and forms (beyond case, spaces,
/// hyphens and accents, which reading ignores anyway).
const PROVINCES: [(&str, &str, &[&str]); 25] = [
    ("Phnom Penh", "ភ្នំពេញ", &["Phnum Penh"]),
    ("Banteay Meanchey", "បន្ទាយមានជ័យ", &[]),
    ("Battambang", "បាត់ដំបង", &["Batdambang"]),
    ("Kampong Cham", "កំពង់ចាម", &["Kompong Cham"]),
    ("Kampong Chhnang", "កំពង់ឆ្នាំង", &["Kompong Chhnang"]),
    ("Kampong Speu", "កំពង់ស្ពឺ", &["Kompong Speu"]),
    ("Kampong Thom", "កំពង់ធំ", &["Kompong Thom"]),
    ("Kampot", "កំពត", &[]),
    ("Kandal", "កណ្ដាល", &["កណ្តាល"]),
    ("Kep", "កែប", &["Kaeb"]),
    ("Koh Kong", "កោះកុង", &["Kaoh Kong"]),
    ("Kratie", "ក្រចេះ", &["Kracheh"]),
    ("Mondulkiri", "មណ្ឌលគិរី", &["Mondolkiri"]),
    (
        "Oddar Meanchey",
        "ឧត្ដរមានជ័យ",
        &["Otdar Meanchey", "ឧត្តរមានជ័យ"],
    ),
    ("Pailin", "ប៉ៃលិន", &[]),
    (
        "Preah Sihanouk",
        "ព្រះសីហនុ",
        &["Sihanoukville", "Kampong Som"],
    ),
    ("Preah Vihear", "ព្រះវិហារ", &[]),
    ("Prey Veng", "ព្រៃវែង", &[]),
    ("Pursat", "ពោធិ៍សាត់", &["Pouthisat", "Posat"]),
    (
        "Ratanakiri",
        "រតនគិរី",
        &["Ratanak Kiri", "Rattanakiri", "Rotanokiri"],
    ),
    ("Siem Reap", "សៀមរាប", &["Siem Riep"]),
    ("Stung Treng", "ស្ទឹងត្រែង", &["Steung Treng", "Stoeng Treng"]),
    ("Svay Rieng", "ស្វាយរៀង", &[]),
    ("Takeo", "តាកែវ", &[]),
    ("Tbong Khmum", "ត្បូងឃ្មុំ", &["Tboung Khmum", "Tbaung Khmum"]),
];

/// A name that is none of Cambodia's provinces, with the closest one when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown province {given:?}{}", .closest.map(|p| format!(" — did you mean {}?", p.en())).unwrap_or_default())]
pub struct UnknownProvince {
    /// What was written (cut to 40 characters).
    pub given: String,
    /// The province whose name is nearest, if it is near enough to be a misspelling.
    pub closest: Option<Province>,
}

impl UnknownProvince {
    /// The message in Khmer.
    pub fn khmer(&self) -> String {
        match self.closest {
            Some(p) => format!("មិនស្គាល់ខេត្ត «{}» ទេ — តើចង់សំដៅលើ{}ឬ?", self.given, p.km()),
            None => format!("មិនស្គាល់ខេត្ត «{}» ទេ", self.given),
        }
    }
}

impl Province {
    /// Every province, Phnom Penh first, then the provinces in English alphabetical order.
    pub fn all() -> impl Iterator<Item = Province> {
        (0..PROVINCES.len() as u8).map(Province)
    }

    /// The English name, as stored and as URLs and exports carry it.
    pub fn en(self) -> &'static str {
        PROVINCES[usize::from(self.0)].0
    }

    /// The Khmer name.
    pub fn km(self) -> &'static str {
        PROVINCES[usize::from(self.0)].1
    }

    /// The name in the reader's language.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en(),
            Lang::Km => self.km(),
        }
    }

    /// Both names.
    pub fn names(self) -> Bilingual {
        Bilingual::new(self.en(), self.km())
    }

    /// Phnom Penh is the capital (រាជធានី), whose districts are ខណ្ឌ; the rest are provinces (ខេត្ត).
    pub fn is_capital(self) -> bool {
        self.0 == 0
    }

    /// Reads a province's name in English or Khmer, ignoring case, spaces, hyphens and accents,
    /// and accepting the other spellings met in Cambodian documents.
    pub fn parse(text: &str) -> Result<Province, UnknownProvince> {
        // Names as stored first: every page names provinces, hundreds of times on some.
        if let Some(found) = Province::all().find(|p| p.en() == text) {
            return Ok(found);
        }
        let wanted = fold(text);
        if let Some(found) = Province::all().find(|p| {
            let (en, km, others) = PROVINCES[usize::from(p.0)];
            [en, km]
                .iter()
                .chain(others.iter())
                .any(|n| fold(n) == wanted)
        }) {
            return Ok(found);
        }
        Err(UnknownProvince {
            given: text.trim().chars().take(40).collect(),
            closest: closest(&wanted),
        })
    }
}

/// The province whose English name (or other spelling) is within a few edits of `wanted`:
/// one edit for short names, up to three for long ones.
fn closest(wanted: &str) -> Option<Province> {
    let allowed = (wanted.chars().count() / 4).clamp(1, 3);
    Province::all()
        .filter_map(|p| {
            let (en, _, others) = PROVINCES[usize::from(p.0)];
            let nearest = std::iter::once(en)
                .chain(others.iter().copied())
                .map(|n| edits(&fold(n), wanted))
                .min()?;
            (nearest <= allowed).then_some((nearest, p))
        })
        .min()
        .map(|(_, p)| p)
}

/// Lower case without spaces, hyphens, apostrophes or accents: "Kratié" and "kratie" match.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\'' | '’' | '.'))
        .map(|c| match c {
            'é' | 'è' | 'É' | 'È' => 'e',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Levenshtein distance, over characters.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

impl TryFrom<String> for Province {
    type Error = UnknownProvince;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Province::parse(&value)
    }
}

impl From<Province> for String {
    fn from(p: Province) -> Self {
        p.en().to_string()
    }
}

impl std::fmt::Display for Province {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn there_are_the_capital_and_24_provinces_each_named_once() {
        assert_eq!(Province::all().count(), 25);
        assert_eq!(Province::all().filter(|p| p.is_capital()).count(), 1);
        let mut folded: Vec<String> = PROVINCES
            .iter()
            .flat_map(|(en, km, others)| [*en, *km].into_iter().chain(others.iter().copied()))
            .map(fold)
            .collect();
        let n = folded.len();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), n, "a spelling names two provinces");
    }

    #[test]
    fn names_in_either_language_and_other_spellings_are_read() {
        let en = |s| Province::parse(s).map(Province::en);
        assert_eq!(en("Battambang"), Ok("Battambang"));
        assert_eq!(en("  siem-reap "), Ok("Siem Reap"));
        assert_eq!(en("Sihanoukville"), Ok("Preah Sihanouk"));
        assert_eq!(en("Kratié"), Ok("Kratie"));
        assert_eq!(en("ពោធិ៍សាត់"), Ok("Pursat"));
        assert_eq!(Province::parse("Phnom Penh").unwrap().km(), "ភ្នំពេញ");
        assert!(Province::parse("Phnom Penh").unwrap().is_capital());
    }

    #[test]
    fn a_misspelling_is_refused_with_the_nearest_province() {
        let e = Province::parse("Batambang").unwrap_err();
        assert_eq!(e.closest.map(Province::en), Some("Battambang"));
        assert_eq!(
            e.to_string(),
            "unknown province \"Batambang\" — did you mean Battambang?"
        );
        assert!(e.khmer().contains("បាត់ដំបង"));
        assert_eq!(
            Province::parse("Kampong Chan").unwrap_err().closest,
            Province::parse("Kampong Cham").ok()
        );
        let far = Province::parse("Bangkok").unwrap_err();
        assert_eq!(far.closest, None);
        assert_eq!(far.to_string(), "unknown province \"Bangkok\"");
    }

    proptest! {
        /// Every name reads back as itself, in any case and with stray spaces.
        #[test]
        fn each_name_round_trips(i in 0usize..25, upper: bool, pad in 0usize..3) {
            let p = Province(i as u8);
            let written = if upper { p.en().to_uppercase() } else { p.en().to_string() };
            let written = format!("{}{}{}", " ".repeat(pad), written, " ".repeat(pad));
            prop_assert_eq!(Province::parse(&written), Ok(p));
            prop_assert_eq!(Province::parse(p.km()), Ok(p));
            let stored: String = p.into();
            prop_assert_eq!(Province::try_from(stored), Ok(p));
        }

        /// One typing slip in a long name is still recognised as that province.
        #[test]
        fn one_slip_in_a_long_name_suggests_it(i in 0usize..25, at in 0usize..100) {
            let p = Province(i as u8);
            let mut chars: Vec<char> = p.en().chars().collect();
            prop_assume!(chars.len() >= 8);
            let at = at % chars.len();
            prop_assume!(chars[at] != ' ');
            chars.remove(at);
            let slipped: String = chars.into_iter().collect();
            match Province::parse(&slipped) {
                Ok(found) => prop_assert_eq!(found, p),
                Err(e) => prop_assert_eq!(e.closest, Some(p)),
            }
        }
    }
}

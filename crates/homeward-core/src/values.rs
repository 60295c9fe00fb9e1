//! Validated value types. Each is parsed once at the edge (form, CLI, database row) and can then
//! be trusted everywhere: no layer above can hold an empty name or a range that ends before it starts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::stages::Bilingual;

/// Why a value was refused, worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum ValueError {
    /// A required text was blank.
    #[error("{field} must not be empty")]
    Empty {
        /// The field's label, as the message names it.
        field: String,
    },
    /// Longer than the limit, counted in characters (Khmer letters take several bytes).
    #[error("{field} is too long: {len} characters, at most {max}")]
    TooLong {
        /// The field's label, as the message names it.
        field: String,
        /// The text's length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Holds characters no keyboard types, or that reorder how the text around them displays.
    #[error("{field} contains control characters")]
    ControlCharacters {
        /// The field's label, as the message names it.
        field: String,
    },
    /// Not a date in the YYYY-MM-DD form.
    #[error("{field} is not a date (expected YYYY-MM-DD): {value}")]
    NotADate {
        /// The field's label, as the message names it.
        field: String,
        /// The text given, cut to 40 characters.
        value: String,
    },
    /// A real date, but outside the window a person could mean
    /// ([`crate::calendar::plausible_dates`]).
    #[error("{field} must lie between {earliest} and {latest}: {value}")]
    ImplausibleDate {
        /// The field's label, as the message names it.
        field: String,
        /// The date given.
        value: NaiveDate,
        /// The first date accepted.
        earliest: NaiveDate,
        /// The last date accepted.
        latest: NaiveDate,
    },
    /// A range of days ends before it starts.
    #[error("the end date {end} is before the start date {start}")]
    EndBeforeStart {
        /// The first day given.
        start: NaiveDate,
        /// The last day given.
        end: NaiveDate,
    },
    /// Not a whole number of 0 or more.
    #[error("{field} is not a whole number of 0 or more: {value}")]
    NotACount {
        /// The field's label, as the message names it.
        field: String,
        /// The text given.
        value: String,
    },
    /// Above the limit: most likely a typo of extra zeros.
    #[error("{field} is too large: {value}, at most {max}")]
    CountTooLarge {
        /// The field's label, as the message names it.
        field: String,
        /// The number given.
        value: u32,
        /// The largest accepted.
        max: u32,
    },
    /// More girls than children in all.
    #[error("{field}: the number of girls ({female}) is more than the total ({total})")]
    FemaleExceedsTotal {
        /// The field's label, as the message names it.
        field: String,
        /// The total given.
        total: u32,
        /// The number of girls given.
        female: u32,
    },
}

impl ValueError {
    /// The Khmer wording. It does not repeat the field's English label: the page shows the
    /// message next to the field, whose label it already gives in Khmer.
    pub fn khmer(&self) -> String {
        match self {
            ValueError::Empty { .. } => "សូមបំពេញប្រអប់នេះ".into(),
            ValueError::TooLong { len, max, .. } => {
                format!("វែងពេក៖ {len} តួអក្សរ (យ៉ាងច្រើន {max})")
            }
            ValueError::ControlCharacters { .. } => "មានតួអក្សរបញ្ជាដែលមិនអនុញ្ញាត".into(),
            ValueError::NotADate { value, .. } => {
                format!("មិនមែនជាកាលបរិច្ឆេទទេ (ឆ្នាំ-ខែ-ថ្ងៃ ឧ. 2026-11-24)៖ {value}")
            }
            ValueError::ImplausibleDate {
                value,
                earliest,
                latest,
                ..
            } => format!("កាលបរិច្ឆេទ {value} ត្រូវនៅចន្លោះ {earliest} និង {latest}"),
            ValueError::EndBeforeStart { start, end } => {
                format!("កាលបរិច្ឆេទបញ្ចប់ {end} នៅមុនកាលបរិច្ឆេទចាប់ផ្តើម {start}")
            }
            ValueError::NotACount { value, .. } => {
                format!("មិនមែនជាចំនួនគត់ចាប់ពី 0 ឡើងទេ៖ {value}")
            }
            ValueError::CountTooLarge { value, max, .. } => {
                format!("ធំពេក៖ {value} (យ៉ាងច្រើន {max})")
            }
            ValueError::FemaleExceedsTotal { total, female, .. } => {
                format!("ចំនួនស្រី ({female}) លើសពីចំនួនសរុប ({total})")
            }
        }
    }
}

/// A refusal tied to one form field, so a page can show the message next to that field, in
/// either language.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("{}", .message.en)]
pub struct FieldError {
    /// The form field's name.
    pub field: String,
    /// What is wrong, in English and Khmer.
    pub message: Bilingual,
}

impl FieldError {
    /// A refusal of `field`. The message must come in both languages: a value error of the
    /// core, or a `Bilingual` written at the call.
    pub fn new(field: &str, message: impl Into<Bilingual>) -> Self {
        Self {
            field: field.to_string(),
            message: message.into(),
        }
    }

    /// Turns a field's own validation error into a `FieldError` for that field.
    pub fn at<E: Into<Bilingual>>(field: &'static str) -> impl Fn(E) -> FieldError {
        move |e| FieldError::new(field, e)
    }
}

/// An optional short text: blank means "not given".
pub fn optional_name(field: &str, raw: &str) -> Result<Option<Name>, ValueError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Name::parse_field(field, raw).map(Some)
    }
}

/// An optional date: blank means "not given".
pub fn optional_date(field: &str, raw: &str) -> Result<Option<NaiveDate>, ValueError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(field, raw).map(Some)
    }
}

/// Checks a trimmed text against a length limit (in characters, since Khmer is multi-byte).
fn checked_text(field: &str, raw: &str, max: usize) -> Result<String, ValueError> {
    let text = raw.trim();
    let len = text.chars().count();
    if len > max {
        return Err(ValueError::TooLong {
            field: field.to_string(),
            len,
            max,
        });
    }
    // Newlines and tabs are fine in notes; other control characters only come from broken
    // clients, and bidirectional overrides can make a name or note read as something else.
    if text
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t') || is_bidi_control(c))
    {
        return Err(ValueError::ControlCharacters {
            field: field.to_string(),
        });
    }
    Ok(text.to_string())
}

/// Unicode's explicit bidirectional embeddings, overrides and isolates (U+202A–E, U+2066–9):
/// invisible characters that reorder how the text around them is displayed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A short, required, single-purpose label: an RCI's name, a province, a person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    /// The longest name accepted, in characters.
    pub const MAX: usize = 120;

    /// Parses a name for the given field, trimming surrounding space.
    pub fn parse_field(field: &str, raw: &str) -> Result<Self, ValueError> {
        let text = checked_text(field, raw, Self::MAX)?;
        if text.is_empty() {
            return Err(ValueError::Empty {
                field: field.to_string(),
            });
        }
        if text.contains('\n') {
            return Err(ValueError::ControlCharacters {
                field: field.to_string(),
            });
        }
        Ok(Self(text))
    }

    /// Parses a name, trimming surrounding space; errors say "name".
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Self::parse_field("name", raw)
    }

    /// The name, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Name {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Name> for String {
    fn from(value: Name) -> Self {
        value.0
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Free text such as an evidence note or a reason: may be empty, never overlong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Note(String);

impl Note {
    /// The longest note accepted, in characters.
    pub const MAX: usize = 2000;

    /// Parses a note for the given field, trimming surrounding space; it may be empty.
    pub fn parse_field(field: &str, raw: &str) -> Result<Self, ValueError> {
        checked_text(field, raw, Self::MAX).map(Self)
    }

    /// Parses a note, trimming surrounding space; errors say "note".
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Self::parse_field("note", raw)
    }

    /// A note that must say something, e.g. why an item is blocked.
    pub fn parse_required(field: &str, raw: &str) -> Result<Self, ValueError> {
        let note = Self::parse_field(field, raw)?;
        if note.is_empty() {
            return Err(ValueError::Empty {
                field: field.to_string(),
            });
        }
        Ok(note)
    }

    /// The note, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl TryFrom<String> for Note {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Note> for String {
    fn from(value: Note) -> Self {
        value.0
    }
}

/// Parses a calendar date as typed in an HTML date field, within the plausible window as seen
/// today in Cambodia ([`crate::calendar::plausible_dates`]).
pub fn parse_date(field: &str, raw: &str) -> Result<NaiveDate, ValueError> {
    let today = crate::calendar::cambodia_date(chrono::Utc::now());
    parse_date_on(field, raw, today)
}

/// [`parse_date`] as seen on a given day.
pub fn parse_date_on(field: &str, raw: &str, today: NaiveDate) -> Result<NaiveDate, ValueError> {
    let value =
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| ValueError::NotADate {
            field: field.to_string(),
            value: raw.trim().chars().take(40).collect(),
        })?;
    let (earliest, latest) = crate::calendar::plausible_dates(today);
    if value < earliest || value > latest {
        return Err(ValueError::ImplausibleDate {
            field: field.to_string(),
            value,
            earliest,
            latest,
        });
    }
    Ok(value)
}

/// A closed range of days (a two-day study tour is 8–9 Dec: both days count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    start: NaiveDate,
    end: NaiveDate,
}

/// "2026-12-08 – 2026-12-09", as lists and history show a range.
impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} – {}", self.start, self.end)
    }
}

impl DateRange {
    /// Refuses an end before the start; a one-day range starts and ends on the same day.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, ValueError> {
        if end < start {
            return Err(ValueError::EndBeforeStart { start, end });
        }
        Ok(Self { start, end })
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day, itself included.
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// Number of calendar days covered, counting both ends.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Whether a day falls in the range, either end included.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// A number of children (or people). Bounded so that a typo of extra zeros is caught.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct Count(u32);

impl Count {
    /// No Cambodian RCI holds anywhere near this many children (the largest hold a few hundred).
    pub const MAX: u32 = 10_000;

    /// Refuses a value above [`Count::MAX`], naming `field` in the message.
    pub fn new_field(field: &str, value: u32) -> Result<Self, ValueError> {
        if value > Self::MAX {
            return Err(ValueError::CountTooLarge {
                field: field.to_string(),
                value,
                max: Self::MAX,
            });
        }
        Ok(Self(value))
    }

    /// Refuses a value above [`Count::MAX`]; errors say "count".
    pub fn new(value: u32) -> Result<Self, ValueError> {
        Self::new_field("count", value)
    }

    /// Parses a count as typed in a form; an empty field means zero.
    pub fn parse_field(field: &str, raw: &str) -> Result<Self, ValueError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(Self(0));
        }
        let value: u32 = raw.parse().map_err(|_| ValueError::NotACount {
            field: field.to_string(),
            value: raw.to_string(),
        })?;
        Self::new_field(field, value)
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Count {
    type Error = ValueError;
    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Count> for u32 {
    fn from(value: Count) -> Self {
        value.0
    }
}

/// A sex-disaggregated count as reports write it: "42 (17F)".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawSexCount", into = "RawSexCount")]
pub struct SexCount {
    total: Count,
    female: Count,
}

#[derive(Serialize, Deserialize)]
struct RawSexCount {
    total: u32,
    female: u32,
}

impl SexCount {
    /// No children at all.
    pub const ZERO: SexCount = SexCount {
        total: Count(0),
        female: Count(0),
    };

    /// Refuses more girls than the total, or a figure above [`Count::MAX`], naming `field`.
    pub fn new_field(field: &str, total: u32, female: u32) -> Result<Self, ValueError> {
        let total_count = Count::new_field(field, total)?;
        let female_count = Count::new_field(field, female)?;
        if female > total {
            return Err(ValueError::FemaleExceedsTotal {
                field: field.to_string(),
                total,
                female,
            });
        }
        Ok(Self {
            total: total_count,
            female: female_count,
        })
    }

    /// Refuses more girls than the total, or a figure above [`Count::MAX`]; errors say "count".
    pub fn new(total: u32, female: u32) -> Result<Self, ValueError> {
        Self::new_field("count", total, female)
    }

    /// Everyone, girls included.
    pub fn total(&self) -> u32 {
        self.total.get()
    }

    /// Girls (or women) among them.
    pub fn female(&self) -> u32 {
        self.female.get()
    }

    /// Adds two counts; `None` if the sum would exceed [`Count::MAX`].
    pub fn checked_add(self, other: SexCount) -> Option<SexCount> {
        SexCount::new(self.total() + other.total(), self.female() + other.female()).ok()
    }

    /// Adds two counts of one kind (an RCI's, or the organisation's). Real sums stay far below
    /// [`Count::MAX`]; should one ever pass it, the first value is kept rather than inventing a
    /// number.
    pub fn plus(self, other: SexCount) -> SexCount {
        self.checked_add(other).unwrap_or(self)
    }
}

impl TryFrom<RawSexCount> for SexCount {
    type Error = ValueError;
    fn try_from(raw: RawSexCount) -> Result<Self, Self::Error> {
        Self::new(raw.total, raw.female)
    }
}

impl From<SexCount> for RawSexCount {
    fn from(value: SexCount) -> Self {
        RawSexCount {
            total: value.total(),
            female: value.female(),
        }
    }
}

/// As stored in the history and exports: "42 (17F)".
impl std::fmt::Display for SexCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}F)", self.total(), self.female())
    }
}

impl SexCount {
    /// As a page in `lang` shows it: "42 (17F)", or "42 (ស្រី 17)".
    pub fn text(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::Km => format!("{} (ស្រី {})", self.total(), self.female()),
        }
    }
}

/// A value as it was read from storage: its id for links, and its version so that a save from
/// a stale page can be detected instead of silently overwriting a colleague's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored<T> {
    /// The row's id, for links.
    pub id: i64,
    /// Changes on every save, so a save from a stale page (an older version) is refused.
    pub version: i64,
    /// The value itself.
    pub value: T,
}

/// A closed set of values with stable keys for forms, storage and exports: `ALL`, `key()`,
/// `parse()`.
macro_rules! keyed {
    ($t:ty, $($v:ident => $k:literal),+) => {
        impl $t {
            /// Every value, in the order a form offers them.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];

            /// The stable key used in forms, storage and exports.
            pub fn key(self) -> &'static str {
                match self { $(<$t>::$v => $k),+ }
            }

            /// The value a key names.
            pub fn parse(key: &str) -> Option<$t> {
                Self::ALL.iter().copied().find(|v| v.key() == key.trim())
            }
        }
    };
}
pub(crate) use keyed;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn name_is_trimmed_and_required() {
        assert_eq!(Name::parse("  Hope House ").unwrap().as_str(), "Hope House");
        assert_eq!(
            Name::parse("   "),
            Err(ValueError::Empty {
                field: "name".into()
            })
        );
    }

    #[test]
    fn name_length_counts_characters_not_bytes() {
        let khmer = "ក".repeat(Name::MAX);
        assert!(khmer.len() > Name::MAX, "Khmer letters are multi-byte");
        assert!(Name::parse(&khmer).is_ok());
        let err = Name::parse(&"ក".repeat(Name::MAX + 1)).unwrap_err();
        assert!(matches!(err, ValueError::TooLong { len, .. } if len == Name::MAX + 1));
    }

    #[test]
    fn name_refuses_newlines_and_control_characters() {
        assert!(Name::parse("a\nb").is_err());
        assert!(Name::parse("a\u{0007}b").is_err());
    }

    #[test]
    fn names_and_notes_refuse_bidirectional_overrides() {
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(Name::parse(&format!("Hope{c}House")).is_err(), "{c:?}");
            assert!(Note::parse(&format!("note{c}")).is_err(), "{c:?}");
        }
        assert!(Name::parse("ផ្ទះ Hope").is_ok());
    }

    #[test]
    fn dates_outside_the_plausible_window_are_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let on = |s| parse_date_on("d", s, today);
        for bad in [
            "0001-01-01",
            "0000-01-01",
            "-5000-01-01",
            "1989-12-31",
            "2036-11-27",
            "9999-12-31",
            "+10000-01-01",
        ] {
            assert!(on(bad).is_err(), "{bad} accepted");
        }
        for good in ["1990-01-01", "2026-11-26", "2036-11-26"] {
            assert!(on(good).is_ok(), "{good} refused");
        }
        let err = on("1989-12-31").unwrap_err();
        assert_eq!(
            err.to_string(),
            "d must lie between 1990-01-01 and 2036-11-26: 1989-12-31"
        );
        assert!(Bilingual::from(err).km.contains("1989-12-31"));
    }

    #[test]
    fn note_may_be_empty_but_not_overlong() {
        assert!(Note::parse("").unwrap().is_empty());
        assert!(Note::parse("line one\nline two").is_ok());
        assert!(Note::parse(&"x".repeat(Note::MAX + 1)).is_err());
        assert!(Note::parse_required("reason", "  ").is_err());
    }

    #[test]
    fn error_messages_name_the_field() {
        let err = SexCount::new_field("assessed", 3, 5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "assessed: the number of girls (5) is more than the total (3)"
        );
        let err = parse_date("start date", "2024-13-01").unwrap_err();
        assert_eq!(
            err.to_string(),
            "start date is not a date (expected YYYY-MM-DD): 2024-13-01"
        );
    }

    #[test]
    fn refusals_are_worded_in_khmer_with_the_same_figures() {
        let khmer = |t: &str| t.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c));
        let d = |s| parse_date("d", s).unwrap();
        let cases: Vec<(ValueError, &[&str])> = vec![
            (Name::parse("  ").unwrap_err(), &[]),
            (Name::parse(&"n".repeat(121)).unwrap_err(), &["121", "120"]),
            (Name::parse("a\u{7}b").unwrap_err(), &[]),
            (parse_date("d", "soon").unwrap_err(), &["soon"]),
            (
                DateRange::new(d("2026-02-02"), d("2026-02-01")).unwrap_err(),
                &["2026-02-01", "2026-02-02"],
            ),
            (Count::parse_field("n", "-4").unwrap_err(), &["-4"]),
            (
                Count::new_field("n", 10_001).unwrap_err(),
                &["10001", "10000"],
            ),
            (SexCount::new_field("n", 3, 5).unwrap_err(), &["3", "5"]),
        ];
        for (error, figures) in cases {
            let both = Bilingual::from(error.clone());
            assert_eq!(both.en, error.to_string());
            assert!(khmer(&both.km), "{both:?}");
            for figure in figures {
                assert!(
                    both.km.contains(figure),
                    "{figure} missing from {}",
                    both.km
                );
            }
        }
    }

    #[test]
    fn date_range_refuses_end_before_start() {
        let d = |s| parse_date("d", s).unwrap();
        assert!(DateRange::new(d("2022-12-09"), d("2022-12-08")).is_err());
        let tour = DateRange::new(d("2022-12-08"), d("2022-12-09")).unwrap();
        assert_eq!(tour.days(), 2);
        assert!(tour.contains(d("2022-12-09")));
        assert!(!tour.contains(d("2022-12-10")));
    }

    #[test]
    fn count_parses_form_input() {
        assert_eq!(Count::parse_field("n", "").unwrap().get(), 0);
        assert_eq!(Count::parse_field("n", " 42 ").unwrap().get(), 42);
        assert!(matches!(
            Count::parse_field("n", "-1"),
            Err(ValueError::NotACount { .. })
        ));
        assert!(matches!(
            Count::parse_field("n", "4.5"),
            Err(ValueError::NotACount { .. })
        ));
        assert!(matches!(
            Count::parse_field("n", "100000"),
            Err(ValueError::CountTooLarge { .. })
        ));
    }

    #[test]
    fn sex_count_displays_as_reports_do() {
        assert_eq!(SexCount::new(42, 17).unwrap().to_string(), "42 (17F)");
    }

    /// Deserialising goes through the same validation: a forged payload cannot smuggle in female > total.
    #[test]
    fn deserialising_validates() {
        assert!(SexCount::try_from(RawSexCount {
            total: 1,
            female: 2
        })
        .is_err());
        assert!(Count::try_from(Count::MAX + 1).is_err());
        assert!(Name::try_from(String::from(" ")).is_err());
    }

    proptest! {
        #[test]
        fn sex_count_accepts_exactly_female_at_most_total(total in 0u32..=Count::MAX, female in 0u32..=Count::MAX) {
            prop_assert_eq!(SexCount::new(total, female).is_ok(), female <= total);
        }

        #[test]
        fn date_range_accepts_exactly_ordered_dates(a in 0i32..20_000, b in 0i32..20_000) {
            let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
            let start = base + chrono::Days::new(a as u64);
            let end = base + chrono::Days::new(b as u64);
            let range = DateRange::new(start, end);
            prop_assert_eq!(range.is_ok(), start <= end);
            if let Ok(r) = range {
                prop_assert!(r.days() >= 1);
                prop_assert!(r.contains(start) && r.contains(end));
            }
        }

        #[test]
        fn parsed_names_are_never_blank_nor_overlong(s in "\\PC{0,200}") {
            if let Ok(name) = Name::parse(&s) {
                prop_assert!(!name.as_str().trim().is_empty());
                prop_assert!(name.as_str().chars().count() <= Name::MAX);
            }
        }
    }
}

//! The sheets an import reads and their columns. A column is recognised by its key
//! (`name_en`), its English or its Khmer name, or both as the template writes them
//! ("Province / ខេត្ត"), so a partners export, the template and a workbook typed in either
//! language all read the same.

use crate::counts::{CountField, Placement};
use crate::stages::Bilingual;

/// One kind of sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetKind {
    /// Partner RCIs' profiles: new ones, or changes to those already in Homeward.
    Rcis,
    /// Dated children counts.
    Children,
    /// Checklist steps' statuses.
    Checklist,
    /// Follow-up visits.
    FollowUps,
    /// Staff retrained, redeployed or who left.
    Staff,
    /// Buildings and assets given a new use.
    Assets,
    /// Donors' money redirected to family-based services.
    Funding,
    /// Reintegrations followed one by one, by case code.
    Placements,
    /// Visits to those placements.
    PlacementVisits,
    /// Agreements (MoU) with MoSVY or DoSVY.
    Agreements,
    /// Inspections by MoSVY or DoSVY.
    Inspections,
    /// Readiness assessments: one row per indicator answered.
    Readiness,
}

/// One column of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The stable key: also the name of the form field it fills.
    pub key: String,
    /// The column's name in both languages, as the template writes it.
    pub name: Bilingual,
    /// Other names it is known by (the partners export's own).
    pub aliases: &'static [&'static str],
    /// Whether every sheet of its kind must have it.
    pub required: bool,
}

fn col(key: &str, en: &str, km: &str, required: bool) -> Column {
    Column {
        key: key.to_string(),
        name: Bilingual::new(en, km),
        aliases: &[],
        required,
    }
}

/// The column naming the RCI a row is about, on every sheet but the RCIs'.
pub const RCI: &str = "rci";

impl SheetKind {
    /// Every kind, in the order sheets are read: profiles first, so that rows of the other
    /// sheets can name an RCI the same file creates.
    pub const ALL: [SheetKind; 12] = [
        SheetKind::Rcis,
        SheetKind::Children,
        SheetKind::Checklist,
        SheetKind::FollowUps,
        SheetKind::Staff,
        SheetKind::Assets,
        SheetKind::Funding,
        SheetKind::Placements,
        SheetKind::PlacementVisits,
        SheetKind::Agreements,
        SheetKind::Inspections,
        SheetKind::Readiness,
    ];

    /// The sheet's name in the template, in both languages.
    pub fn title(self) -> Bilingual {
        match self {
            SheetKind::Rcis => Bilingual::new("RCIs", "មណ្ឌល"),
            SheetKind::Children => Bilingual::new("Children", "កុមារ"),
            SheetKind::Checklist => Bilingual::new("Checklist", "បញ្ជីត្រួតពិនិត្យ"),
            SheetKind::FollowUps => Bilingual::new("Follow-ups", "ការតាមដាន"),
            SheetKind::Staff => Bilingual::new("Staff", "បុគ្គលិក"),
            SheetKind::Assets => Bilingual::new("Assets", "ទ្រព្យ"),
            SheetKind::Funding => Bilingual::new("Funding", "ថវិកា"),
            SheetKind::Placements => Bilingual::new("Placements", "ការដាក់ឱ្យនៅ"),
            SheetKind::PlacementVisits => {
                Bilingual::new("Placement visits", "ការចុះតាមដានការដាក់ឱ្យនៅ")
            }
            SheetKind::Agreements => Bilingual::new("Agreements", "កិច្ចព្រមព្រៀង"),
            SheetKind::Inspections => Bilingual::new("Inspections", "អធិការកិច្ច"),
            SheetKind::Readiness => Bilingual::new("Readiness", "ការត្រៀមខ្លួន"),
        }
    }

    /// The sheet's columns, in the template's order.
    pub fn columns(self) -> Vec<Column> {
        let rci = || {
            col(
                RCI,
                "RCI (name or MoSVY number)",
                "មណ្ឌល (ឈ្មោះ ឬលេខចុះបញ្ជី)",
                true,
            )
        };
        match self {
            SheetKind::Rcis => vec![
                Column {
                    aliases: &["rci_id"],
                    ..col("id", "Homeward id", "លេខសម្គាល់ Homeward", false)
                },
                Column {
                    aliases: &["name"],
                    ..col("name_en", "Name (English)", "ឈ្មោះ (អង់គ្លេស)", true)
                },
                col("name_km", "Name (Khmer)", "ឈ្មោះ (ខ្មែរ)", false),
                col("province", "Province", "រាជធានី/ខេត្ត", false),
                col("district", "District", "ក្រុង/ស្រុក/ខណ្ឌ", false),
                col(
                    "district_km",
                    "District (in Khmer)",
                    "ក្រុង/ស្រុក/ខណ្ឌ (ជាភាសាខ្មែរ)",
                    false,
                ),
                col("commune", "Commune", "ឃុំ/សង្កាត់", false),
                col(
                    "commune_km",
                    "Commune (in Khmer)",
                    "ឃុំ/សង្កាត់ (ជាភាសាខ្មែរ)",
                    false,
                ),
                col("director", "Director", "នាយក", false),
                col("contact", "Contact", "ទំនាក់ទំនង", false),
                col(
                    "mosvy_registration",
                    "MoSVY registration number",
                    "លេខចុះបញ្ជីក្រសួងសង្គមកិច្ច",
                    false,
                ),
                col("mosvy_registered_on", "Registered on", "ថ្ងៃចុះបញ្ជី", false),
                col("adviser", "Lead adviser", "ទីប្រឹក្សាដឹកនាំ", false),
                col(
                    "transition_start",
                    "Transition start",
                    "ថ្ងៃចាប់ផ្តើមផ្លាស់ប្តូរ",
                    false,
                ),
                col(
                    "transition_target",
                    "Transition target",
                    "ថ្ងៃគោលដៅផ្លាស់ប្តូរ",
                    false,
                ),
                col(
                    "has_reintegration_plan",
                    "Reintegration plan (yes/no)",
                    "ផែនការសមាហរណកម្ម (មាន/គ្មាន)",
                    false,
                ),
                col(
                    "has_reintegration_budget",
                    "Reintegration budget (yes/no)",
                    "ថវិកាសមាហរណកម្ម (មាន/គ្មាន)",
                    false,
                ),
            ],
            SheetKind::Children => {
                let mut columns = vec![rci(), col("as_of", "Date", "កាលបរិច្ឆេទ", true)];
                for field in CountField::ALL {
                    let (total, female) = field.form_names();
                    let words = count_words(field);
                    columns.push(col(
                        &total,
                        &format!("{}: total", words.en),
                        &format!("{}៖ សរុប", words.km),
                        true,
                    ));
                    columns.push(col(
                        &female,
                        &format!("{}: girls", words.en),
                        &format!("{}៖ ស្រី", words.km),
                        true,
                    ));
                }
                columns
            }
            SheetKind::Checklist => vec![
                rci(),
                col("step", "Step (title or key)", "ចំណុច (ចំណងជើង ឬកូដ)", true),
                col("status", "Status", "ស្ថានភាព", true),
                col("done_on", "Done on", "ថ្ងៃធ្វើរួច", false),
                col("reason", "Reason", "មូលហេតុ", false),
                col("evidence", "Evidence", "ភស្តុតាង", false),
                col("responsible", "Responsible", "អ្នកទទួលខុសត្រូវ", false),
                col("owner", "Whose step", "ចំណុចរបស់អ្នកណា", false),
                col("due_on", "Step due on", "ថ្ងៃត្រូវធ្វើចំណុច", false),
            ],
            SheetKind::FollowUps => vec![
                rci(),
                col("visited_on", "Visit date", "ថ្ងៃចុះតាមដាន", true),
                col("children_total", "Children visited", "កុមារដែលបានជួប", true),
                col("children_female", "Girls visited", "ក្មេងស្រីដែលបានជួប", true),
                col("visited_by", "Visited by", "ចុះតាមដានដោយ", true),
                col("mode", "Visit or phone call", "ចុះជួប ឬហៅទូរស័ព្ទ", true),
                col("notes", "Notes", "កំណត់ចំណាំ", false),
            ],
            // Each sheet's date column has a name of its own, so a sheet is told apart by it.
            SheetKind::Staff => vec![
                rci(),
                col(
                    "staff_on",
                    "Date of the staff change",
                    "កាលបរិច្ឆេទនៃការផ្លាស់ប្តូរបុគ្គលិក",
                    true,
                ),
                col("staff_change", "What changed", "អ្វីដែលបានផ្លាស់ប្តូរ", true),
                col("staff_total", "Staff", "បុគ្គលិក", true),
                col("staff_female", "Of them women", "ក្នុងនោះស្ត្រី", true),
            ],
            SheetKind::Assets => vec![
                rci(),
                col(
                    "asset_on",
                    "Date of the new use",
                    "កាលបរិច្ឆេទនៃការប្រើប្រាស់ថ្មី",
                    true,
                ),
                col("asset", "What it was", "អ្វីដែលវាធ្លាប់ជា", true),
                col("now_used_as", "What it is now", "អ្វីដែលវាជាឥឡូវ", true),
            ],
            SheetKind::Funding => vec![
                rci(),
                col(
                    "funding_on",
                    "Date the donor agreed",
                    "កាលបរិច្ឆេទដែលម្ចាស់ជំនួយយល់ព្រម",
                    true,
                ),
                col("donor", "Donor", "ម្ចាស់ជំនួយ", true),
                col("amount", "Amount (whole units)", "ចំនួនទឹកប្រាក់ (ឯកតាគត់)", true),
                col(
                    "currency",
                    "Currency (USD or KHR)",
                    "រូបិយប័ណ្ណ (USD ឬ KHR)",
                    true,
                ),
                col("from_use", "Paid for before", "ធ្លាប់ចំណាយលើ", false),
                col("to_use", "Pays for now", "ឥឡូវចំណាយលើ", true),
            ],
            SheetKind::Placements => vec![
                rci(),
                col(
                    "code",
                    "Case code (never a name)",
                    "លេខកូដករណី (មិនមែនឈ្មោះ)",
                    true,
                ),
                col("placed_on", "Reintegrated on", "ថ្ងៃធ្វើសមាហរណកម្ម", true),
                col("placement_kind", "Placement", "ការដាក់ឱ្យនៅ", true),
                col("placed_total", "Children placed", "កុមារដែលបានដាក់ឱ្យនៅ", true),
                col("placed_female", "Of them girls", "ក្នុងនោះក្មេងស្រី", true),
                col("age_band", "Age (the youngest)", "អាយុ (អ្នកក្មេងជាងគេ)", true),
            ],
            SheetKind::PlacementVisits => vec![
                rci(),
                col(
                    "visit_code",
                    "Case code of the placement",
                    "លេខកូដករណីនៃការដាក់ឱ្យនៅ",
                    true,
                ),
                col(
                    "placement_visited_on",
                    "Date of the placement visit",
                    "ថ្ងៃចុះតាមដានការដាក់ឱ្យនៅ",
                    true,
                ),
                col("outcome", "How is it going?", "តើស្ថានភាពយ៉ាងដូចម្តេច?", true),
            ],
            SheetKind::Agreements => vec![
                rci(),
                col(
                    "agreement_signed_on",
                    "Date the agreement was signed",
                    "ថ្ងៃចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង",
                    true,
                ),
                col(
                    "agreement_with",
                    "Signed with (MoSVY or DoSVY)",
                    "ចុះហត្ថលេខាជាមួយ (ក្រសួង ឬមន្ទីរសង្គមកិច្ច)",
                    true,
                ),
                col(
                    "agreement_expires_on",
                    "Agreement expires on",
                    "កិច្ចព្រមព្រៀងផុតកំណត់នៅថ្ងៃ",
                    true,
                ),
            ],
            SheetKind::Inspections => vec![
                rci(),
                col("inspected_on", "Inspection date", "ថ្ងៃអធិការកិច្ច", true),
                col("inspected_by", "Inspected by", "អធិការកិច្ចដោយ", true),
                col(
                    "inspection_outcome",
                    "Outcome of the inspection",
                    "លទ្ធផលនៃអធិការកិច្ច",
                    true,
                ),
                col(
                    "improvements_due",
                    "Improvements due by",
                    "ការកែលម្អត្រូវធ្វើរួចត្រឹម",
                    false,
                ),
            ],
            SheetKind::Readiness => vec![
                rci(),
                col(
                    "assessed_on",
                    "Date of the readiness assessment",
                    "ថ្ងៃវាយតម្លៃការត្រៀមខ្លួន",
                    true,
                ),
                col(
                    "indicator",
                    "Indicator (its words or key)",
                    "សូចនាករ (ពាក្យ ឬកូដរបស់វា)",
                    true,
                ),
                col(
                    "answer",
                    "Present, absent or not known",
                    "មាន គ្មាន ឬមិនដឹង",
                    true,
                ),
                col(
                    "indicator_note",
                    "What was seen or heard",
                    "អ្វីដែលបានឃើញ ឬឮ",
                    false,
                ),
            ],
        }
    }

    /// The kind a sheet's column names show it to be: one naming an RCI per row is told apart
    /// by its date or step column; one with a name column holds profiles.
    pub fn recognise(headers: &[Option<Column>]) -> Option<SheetKind> {
        let has = |key: &str| headers.iter().flatten().any(|c| c.key == key);
        if has(RCI) {
            [
                SheetKind::Children,
                SheetKind::Checklist,
                SheetKind::FollowUps,
                SheetKind::Staff,
                SheetKind::Assets,
                SheetKind::Funding,
                SheetKind::Placements,
                SheetKind::PlacementVisits,
                SheetKind::Agreements,
                SheetKind::Inspections,
                SheetKind::Readiness,
            ]
            .into_iter()
            .find(|kind| {
                kind.columns()[1..]
                    .iter()
                    .any(|c| c.required && has(&c.key))
            })
        } else if has("name_en") {
            Some(SheetKind::Rcis)
        } else {
            None
        }
    }
}

/// The words of a count column: the same as the counts form's.
fn count_words(field: CountField) -> Bilingual {
    let (en, km) = match field {
        CountField::Baseline => ("In care at the start", "ចំនួនដំបូង"),
        CountField::Admissions => ("Admitted since", "ទទួលចូលបន្ទាប់មក"),
        CountField::Assessed => ("Assessed", "បានវាយតម្លៃ"),
        CountField::Traced => ("Family traced", "បានស្វែងរកគ្រួសារ"),
        CountField::Prepared => ("Prepared", "បានរៀបចំ"),
        CountField::ReintegratedTotal => ("Reintegrated", "បានធ្វើសមាហរណកម្ម"),
        CountField::Reintegrated(p) => match p {
            Placement::BirthFamily => ("Birth family", "គ្រួសារបង្កើត"),
            Placement::KinshipCare => ("Kinship care", "ការថែទាំដោយសាច់ញាតិ"),
            Placement::FosterCare => ("Foster care", "ការថែទាំដោយឪពុកម្តាយធម៌"),
            Placement::IndependentLiving => ("Independent living", "ការរស់នៅដោយឯករាជ្យ"),
            Placement::LongTermCare => ("Long-term care", "ការថែទាំរយៈពេលវែង"),
        },
    };
    Bilingual::new(en, km)
}

/// A column name as compared: lower case, single spaces, no required-mark asterisk.
pub fn fold(text: &str) -> String {
    text.trim()
        .trim_end_matches('*')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Column {
    /// The name the template writes: both languages.
    pub fn header(&self) -> String {
        format!("{} / {}", self.name.en, self.name.km)
    }

    /// Whether a sheet's column name means this column.
    pub fn is_named(&self, written: &str) -> bool {
        let written = fold(written);
        // "Step (title or key)" is also "Step": what the brackets explain may be left out.
        let short = |name: &str| fold(name.split(" (").next().unwrap_or(name));
        let names = [
            self.key.clone(),
            fold(&self.name.en),
            fold(&self.name.km),
            fold(&self.header()),
            short(&self.name.en),
            short(&self.name.km),
        ];
        names.contains(&written)
            || self.aliases.iter().any(|a| *a == written)
            || written.split_once(" / ").is_some_and(|(en, km)| {
                names.contains(&en.to_string()) || names.contains(&km.to_string())
            })
    }
}

/// Each of a sheet's column names read as one of `kind`'s columns (or none, for one it does not
/// know), for the first kind whose required columns are all there.
pub fn columns_of(headers: &[String]) -> (Option<SheetKind>, Vec<Option<Column>>) {
    let every: Vec<Column> = SheetKind::ALL.iter().flat_map(|k| k.columns()).collect();
    let found: Vec<Option<Column>> = headers
        .iter()
        .map(|h| every.iter().find(|c| c.is_named(h)).cloned())
        .collect();
    let kind = SheetKind::recognise(&found);
    let Some(kind) = kind else {
        return (None, found);
    };
    let own = kind.columns();
    let found = headers
        .iter()
        .map(|h| own.iter().find(|c| c.is_named(h)).cloned())
        .collect();
    (Some(kind), found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sheets_are_known_by_their_columns_in_either_language() {
        let (kind, cols) = columns_of(&headers(&[
            "rci_id", "name", "name_km", "province", "stage",
        ]));
        assert_eq!(kind, Some(SheetKind::Rcis));
        assert_eq!(cols[0].as_ref().unwrap().key, "id");
        assert_eq!(cols[1].as_ref().unwrap().key, "name_en");
        assert!(cols[4].is_none(), "the export's stage is not imported");
        let (kind, cols) = columns_of(&headers(&["មណ្ឌល", "ចំណុច", "Status / ស្ថានភាព", "Done on*"]));
        assert_eq!(kind, Some(SheetKind::Checklist));
        assert_eq!(cols[3].as_ref().unwrap().key, "done_on");
        let (kind, _) = columns_of(&headers(&["RCI (name or MoSVY number)", "Visit date"]));
        assert_eq!(kind, Some(SheetKind::FollowUps));
        let (kind, _) = columns_of(&headers(&["RCI", "Date", "Baseline"]));
        assert_eq!(
            kind,
            Some(SheetKind::Children),
            "the date marks a counts sheet"
        );
        assert_eq!(columns_of(&headers(&["what", "ever"])).0, None);
    }

    #[test]
    fn every_template_header_reads_back_as_its_column() {
        for kind in SheetKind::ALL {
            let columns = kind.columns();
            let written: Vec<String> = columns.iter().map(Column::header).collect();
            let (found, cols) = columns_of(&written);
            assert_eq!(found, Some(kind));
            for (c, read) in columns.iter().zip(cols) {
                assert_eq!(read.as_ref(), Some(c));
            }
        }
    }
}

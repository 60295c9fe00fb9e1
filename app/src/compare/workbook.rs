//! The partners export's columns, one list for both files. The CSV writes each column's key and
//! stored value, so that it reads back into Homeward; the workbook (XLSX) is for people: headings
//! and values in the reader's language, a sheet saying when it was made and with which filters,
//! and a data dictionary giving each heading's key and meaning. Where the import reads a column
//! (id, names, province, adviser) the heading is the import's own name for it, so the workbook
//! reads back too.

use homeward_core::comparison::ComparisonRow;
use homeward_core::imports::{Column as ImportColumn, SheetKind};
use homeward_core::transformation::Currency;
use homeward_core::{Lang, Phase, Track};

use crate::i18n::Msg;
use crate::labels::Label;

/// One column of the partners export, in the export's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    RciId,
    Name,
    NameKm,
    Province,
    Adviser,
    Stage,
    DaysInStage,
    Track(Track),
    Overall,
    BaselineTotal,
    BaselineFemale,
    ReintegratedTotal,
    ReintegratedFemale,
    FollowUpsOverdueDays,
    DaysSinceUpdate,
    Risks,
    ReentryRate12m,
    ChildrenAtRisk,
    StaffRedeployed,
    AssetsRepurposed,
    FundingRedirected(Currency),
    TargetsOnTrack,
    TargetsOffTrack,
    MouExpiresOn,
    LastInspectionOn,
    InspectionOutcome,
    RegulatoryFlags,
    ReadinessLevel,
    ReadinessAssessedOn,
}

impl Column {
    /// Every column, in order.
    pub fn all() -> Vec<Column> {
        let mut all = vec![
            Column::RciId,
            Column::Name,
            Column::NameKm,
            Column::Province,
            Column::Adviser,
            Column::Stage,
            Column::DaysInStage,
        ];
        all.extend(Track::ALL.map(Column::Track));
        all.extend([
            Column::Overall,
            Column::BaselineTotal,
            Column::BaselineFemale,
            Column::ReintegratedTotal,
            Column::ReintegratedFemale,
            Column::FollowUpsOverdueDays,
            Column::DaysSinceUpdate,
            Column::Risks,
            Column::ReentryRate12m,
            Column::ChildrenAtRisk,
            Column::StaffRedeployed,
            Column::AssetsRepurposed,
            Column::FundingRedirected(Currency::Usd),
            Column::FundingRedirected(Currency::Khr),
            Column::TargetsOnTrack,
            Column::TargetsOffTrack,
            Column::MouExpiresOn,
            Column::LastInspectionOn,
            Column::InspectionOutcome,
            Column::RegulatoryFlags,
            Column::ReadinessLevel,
            Column::ReadinessAssessedOn,
        ]);
        all
    }

    /// The CSV's header: a stable key.
    pub fn key(self) -> String {
        match self {
            Column::RciId => "rci_id".into(),
            Column::Name => "name".into(),
            Column::NameKm => "name_km".into(),
            Column::Province => "province".into(),
            Column::Adviser => "adviser".into(),
            Column::Stage => "stage".into(),
            Column::DaysInStage => "days_in_stage".into(),
            Column::Track(t) => format!("{}_percent", t.key()),
            Column::Overall => "overall_percent".into(),
            Column::BaselineTotal => "baseline_total".into(),
            Column::BaselineFemale => "baseline_female".into(),
            Column::ReintegratedTotal => "reintegrated_total".into(),
            Column::ReintegratedFemale => "reintegrated_female".into(),
            Column::FollowUpsOverdueDays => "follow_ups_overdue_days".into(),
            Column::DaysSinceUpdate => "days_since_update".into(),
            Column::Risks => "risks".into(),
            Column::ReentryRate12m => "reentry_rate_12m".into(),
            Column::ChildrenAtRisk => "children_at_risk".into(),
            Column::StaffRedeployed => "staff_redeployed".into(),
            Column::AssetsRepurposed => "assets_repurposed".into(),
            Column::FundingRedirected(c) => format!("funding_redirected_{}", c.key()),
            Column::TargetsOnTrack => "targets_on_track".into(),
            Column::TargetsOffTrack => "targets_off_track".into(),
            Column::MouExpiresOn => "mou_expires_on".into(),
            Column::LastInspectionOn => "last_inspection_on".into(),
            Column::InspectionOutcome => "inspection_outcome".into(),
            Column::RegulatoryFlags => "regulatory_flags".into(),
            Column::ReadinessLevel => "readiness_level".into(),
            Column::ReadinessAssessedOn => "readiness_assessed_on".into(),
        }
    }

    /// The import's column this one fills, if the import reads it.
    fn imported_as(self) -> Option<ImportColumn> {
        let key = match self {
            Column::RciId => "id",
            Column::Name => "name_en",
            Column::NameKm => "name_km",
            Column::Province => "province",
            Column::Adviser => "adviser",
            Column::Stage
            | Column::DaysInStage
            | Column::Track(_)
            | Column::Overall
            | Column::BaselineTotal
            | Column::BaselineFemale
            | Column::ReintegratedTotal
            | Column::ReintegratedFemale
            | Column::FollowUpsOverdueDays
            | Column::DaysSinceUpdate
            | Column::Risks
            | Column::ReentryRate12m
            | Column::ChildrenAtRisk
            | Column::StaffRedeployed
            | Column::AssetsRepurposed
            | Column::FundingRedirected(_)
            | Column::TargetsOnTrack
            | Column::TargetsOffTrack
            | Column::MouExpiresOn
            | Column::LastInspectionOn
            | Column::InspectionOutcome
            | Column::RegulatoryFlags
            | Column::ReadinessLevel
            | Column::ReadinessAssessedOn => return None,
        };
        SheetKind::Rcis.columns().into_iter().find(|c| c.key == key)
    }

    /// The workbook's heading, in the reader's language.
    pub fn heading(self, lang: Lang) -> String {
        if let Some(column) = self.imported_as() {
            return column.name.get(lang).to_string();
        }
        let word = |m: Msg| m.text(lang).to_string();
        let girls = |m: Msg| format!("{} ({})", m.text(lang), Msg::ColGirls.text(lang));
        match self {
            Column::Stage => word(Msg::ColStage),
            Column::DaysInStage => word(Msg::ExportDaysInStage),
            Column::Track(t) => format!("{} (%)", t.title().get(lang)),
            Column::Overall => format!("{} (%)", Msg::ColProgress.text(lang)),
            Column::BaselineTotal => word(Msg::CountBaseline),
            Column::BaselineFemale => girls(Msg::CountBaseline),
            Column::ReintegratedTotal => word(Msg::ExportReintegrated),
            Column::ReintegratedFemale => girls(Msg::ExportReintegrated),
            Column::FollowUpsOverdueDays => word(Msg::ColFollowUpsOverdue),
            Column::DaysSinceUpdate => word(Msg::ColDaysSinceUpdate),
            Column::Risks => word(Msg::ColRisks),
            Column::ReentryRate12m => word(Msg::ColReentryRate),
            Column::ChildrenAtRisk => word(Msg::ColChildrenAtRisk),
            Column::StaffRedeployed => word(Msg::ColStaffRedeployed),
            Column::AssetsRepurposed => word(Msg::AssetsRepurposed),
            Column::FundingRedirected(Currency::Usd) => word(Msg::ColFundingUsd),
            Column::FundingRedirected(Currency::Khr) => word(Msg::ColFundingKhr),
            Column::TargetsOnTrack => word(Msg::ColTargetsOnTrack),
            Column::TargetsOffTrack => word(Msg::ColTargetsOffTrack),
            Column::MouExpiresOn => word(Msg::ColMouExpires),
            Column::LastInspectionOn => word(Msg::ColLastInspection),
            Column::InspectionOutcome => word(Msg::InspectionOutcomeLabel),
            Column::RegulatoryFlags => word(Msg::ColRegulatoryFlags),
            Column::ReadinessLevel => word(Msg::ReadinessLevel),
            Column::ReadinessAssessedOn => word(Msg::ColReadinessOn),
            Column::RciId | Column::Name | Column::NameKm | Column::Province | Column::Adviser => {
                self.key()
            }
        }
    }

    /// What the column holds, for the data dictionary.
    pub fn meaning(self, lang: Lang) -> String {
        let m = match self {
            Column::RciId => Msg::MeanRciId,
            Column::Name => Msg::MeanName,
            Column::NameKm => Msg::MeanNameKm,
            Column::Province => Msg::MeanProvince,
            Column::Adviser => Msg::MeanAdviser,
            Column::Stage => Msg::MeanStage,
            Column::DaysInStage => Msg::MeanDaysInStage,
            Column::Track(_) => Msg::MeanTrack,
            Column::Overall => Msg::MeanOverall,
            Column::BaselineTotal | Column::BaselineFemale => Msg::MeanBaseline,
            Column::ReintegratedTotal | Column::ReintegratedFemale => Msg::MeanReintegrated,
            Column::FollowUpsOverdueDays => Msg::MeanFollowUpsOverdue,
            Column::DaysSinceUpdate => Msg::MeanDaysSinceUpdate,
            Column::Risks => Msg::MeanRisks,
            Column::ReentryRate12m => Msg::MeanReentryRate,
            Column::ChildrenAtRisk => Msg::MeanChildrenAtRisk,
            Column::StaffRedeployed => Msg::MeanStaffRedeployed,
            Column::AssetsRepurposed => Msg::MeanAssetsRepurposed,
            Column::FundingRedirected(Currency::Usd) => Msg::MeanFundingUsd,
            Column::FundingRedirected(Currency::Khr) => Msg::MeanFundingKhr,
            Column::TargetsOnTrack => Msg::MeanTargetsOnTrack,
            Column::TargetsOffTrack => Msg::MeanTargetsOffTrack,
            Column::MouExpiresOn => Msg::MeanMouExpires,
            Column::LastInspectionOn => Msg::MeanLastInspection,
            Column::InspectionOutcome => Msg::MeanInspectionOutcome,
            Column::RegulatoryFlags => Msg::MeanRegulatoryFlags,
            Column::ReadinessLevel => Msg::MeanReadinessLevel,
            Column::ReadinessAssessedOn => Msg::MeanReadinessOn,
        };
        m.text(lang).to_string()
    }

    /// A row's cell: as stored (the CSV's, `None`), or worded for a reader (`Some(lang)`).
    pub fn cell(self, row: &ComparisonRow, lang: Option<Lang>) -> String {
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        match self {
            Column::RciId => row.rci_id.to_string(),
            Column::Name => row.name.clone(),
            Column::NameKm => row.name_km.clone().unwrap_or_default(),
            Column::Province => row.province.clone(),
            Column::Adviser => row.adviser.clone().unwrap_or_default(),
            Column::Stage => match (row.phase, lang) {
                (Phase::In(stage), None) => stage.number().to_string(),
                (Phase::Completed, None) => "completed".into(),
                (Phase::In(stage), Some(lang)) => {
                    crate::checklists::track_heading(Track::Stage(stage), lang)
                }
                (Phase::Completed, Some(lang)) => Msg::Completed.text(lang).to_string(),
            },
            Column::DaysInStage => row.days_in_phase.to_string(),
            Column::Track(track) => row
                .tracks
                .iter()
                .find(|(t, _)| *t == track)
                .map(|(_, p)| p.to_string())
                .unwrap_or_default(),
            Column::Overall => row.overall.to_string(),
            Column::BaselineTotal => row.baseline.total().to_string(),
            Column::BaselineFemale => row.baseline.female().to_string(),
            Column::ReintegratedTotal => row.reintegrated.total().to_string(),
            Column::ReintegratedFemale => row.reintegrated.female().to_string(),
            Column::FollowUpsOverdueDays => opt(row.follow_ups_overdue_days),
            Column::DaysSinceUpdate => opt(row.days_since_update),
            Column::Risks => match lang {
                None => row
                    .flags
                    .iter()
                    .map(|f| f.key())
                    .collect::<Vec<_>>()
                    .join(";"),
                Some(lang) => row
                    .flags
                    .iter()
                    .map(|f| f.kind().label().text(lang))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
            Column::ReentryRate12m => match (row.reentry_rate_12m, lang) {
                (None, _) => String::new(),
                (Some(r), None) => r.percent().to_string(),
                (Some(r), Some(lang)) => crate::labels::rate(r, lang),
            },
            Column::ChildrenAtRisk => row.children_at_risk.to_string(),
            Column::StaffRedeployed => match lang {
                None => row.transformation.staff_redeployed.total().to_string(),
                Some(lang) => row.transformation.staff_redeployed.text(lang),
            },
            Column::AssetsRepurposed => row.transformation.assets_repurposed.to_string(),
            Column::FundingRedirected(c) => row.transformation.funding(c).to_string(),
            Column::TargetsOnTrack => row.targets_on_track().to_string(),
            Column::TargetsOffTrack => row.targets_off_track().to_string(),
            Column::MouExpiresOn => row
                .mou_expires_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Column::LastInspectionOn => row
                .last_inspection
                .map(|(d, _)| d.to_string())
                .unwrap_or_default(),
            Column::InspectionOutcome => match (row.last_inspection, lang) {
                (None, _) => String::new(),
                (Some((_, o)), None) => o.key().to_string(),
                (Some((_, o)), Some(lang)) => o.label().text(lang).to_string(),
            },
            Column::RegulatoryFlags => row
                .regulatory_flags()
                .map(|f| match lang {
                    None => f.key().to_string(),
                    Some(lang) => f.kind().label().text(lang).to_string(),
                })
                .collect::<Vec<_>>()
                .join("; "),
            Column::ReadinessLevel => match (row.readiness, lang) {
                (None, _) => String::new(),
                (Some((_, l)), None) => l.key().to_string(),
                (Some((_, l)), Some(lang)) => l.label().text(lang).to_string(),
            },
            Column::ReadinessAssessedOn => row
                .readiness
                .map(|(d, _)| d.to_string())
                .unwrap_or_default(),
        }
    }
}

/// One sheet of a workbook: its name, header row and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The partners workbook for a reader: the partners worded in `lang`, then what the export is
/// (organisation, when, which filters, how many), then the data dictionary.
pub fn sheets(rows: &[ComparisonRow], about: Vec<(String, String)>, lang: Lang) -> Vec<Sheet> {
    let columns = Column::all();
    let word = |m: Msg| m.text(lang).to_string();
    vec![
        Sheet {
            name: word(Msg::NavPartners),
            header: columns.iter().map(|c| c.heading(lang)).collect(),
            rows: rows
                .iter()
                .map(|r| columns.iter().map(|c| c.cell(r, Some(lang))).collect())
                .collect(),
        },
        Sheet {
            name: word(Msg::ExportAboutSheet),
            header: vec![word(Msg::ExportAboutWhat), word(Msg::ExportAboutValue)],
            rows: about.into_iter().map(|(k, v)| vec![k, v]).collect(),
        },
        Sheet {
            name: word(Msg::ExportDictionarySheet),
            // Each key with its heading in both languages, whichever the reader's.
            header: vec![
                word(Msg::ExportDictionaryKey),
                word(Msg::ExportDictionaryHeadingEn),
                word(Msg::ExportDictionaryHeadingKm),
                word(Msg::ExportDictionaryMeaning),
            ],
            rows: columns
                .iter()
                .map(|c| {
                    vec![
                        c.key(),
                        c.heading(Lang::En),
                        c.heading(Lang::Km),
                        c.meaning(lang),
                    ]
                })
                .collect(),
        },
    ]
}

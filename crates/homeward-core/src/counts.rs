//! Children counts: a dated, sex-disaggregated snapshot of where an RCI's children are in the
//! pipeline. Only numbers: no child is ever named here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::values::{Count, FieldError, SexCount, ValueError};

/// Where a child went on leaving the RCI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Placement {
    /// Back with a parent.
    BirthFamily,
    /// With relatives other than the parents, such as grandparents, aunts or uncles.
    KinshipCare,
    /// With a foster family not related to the child.
    FosterCare,
    /// A young person living on their own, with support.
    IndependentLiving,
    /// When tracing finds no family, referral to long-term care agreed with the authorities.
    LongTermCare,
}

impl Placement {
    /// Every placement, in the order forms and reports list them.
    pub const ALL: [Placement; 5] = [
        Placement::BirthFamily,
        Placement::KinshipCare,
        Placement::FosterCare,
        Placement::IndependentLiving,
        Placement::LongTermCare,
    ];

    /// The stable key used in forms, storage and exports.
    pub fn key(self) -> &'static str {
        match self {
            Placement::BirthFamily => "birth_family",
            Placement::KinshipCare => "kinship_care",
            Placement::FosterCare => "foster_care",
            Placement::IndependentLiving => "independent_living",
            Placement::LongTermCare => "long_term_care",
        }
    }
}

/// Every number in a snapshot, named so that an error can say which one is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CountField {
    /// Children in care when the transition began.
    Baseline,
    /// Children admitted since the transition began.
    Admissions,
    /// Children whose needs and family situation have been assessed.
    Assessed,
    /// Children whose families have been traced.
    Traced,
    /// Children (and their families) prepared for reintegration.
    Prepared,
    /// Children reintegrated into one kind of placement.
    Reintegrated(Placement),
    /// The sum of all placements.
    ReintegratedTotal,
}

impl CountField {
    /// Every field a form shows, in pipeline order.
    pub const ALL: [CountField; 10] = [
        CountField::Baseline,
        CountField::Admissions,
        CountField::Assessed,
        CountField::Traced,
        CountField::Prepared,
        CountField::Reintegrated(Placement::BirthFamily),
        CountField::Reintegrated(Placement::KinshipCare),
        CountField::Reintegrated(Placement::FosterCare),
        CountField::Reintegrated(Placement::IndependentLiving),
        CountField::Reintegrated(Placement::LongTermCare),
    ];

    /// The stable key used in forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            CountField::Baseline => "baseline",
            CountField::Admissions => "admissions",
            CountField::Assessed => "assessed",
            CountField::Traced => "traced",
            CountField::Prepared => "prepared",
            CountField::Reintegrated(p) => p.key(),
            CountField::ReintegratedTotal => "reintegrated",
        }
    }
}

/// Why a snapshot was refused; each names the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum CountsError {
    /// The date, or one of the numbers, was invalid.
    #[error(transparent)]
    Value(#[from] ValueError),
    /// A step, or every placement together, counts more children than were ever in care.
    #[error("{}: {value} is more than the {cap} children in care (baseline plus admissions)", .field.key())]
    ExceedsChildrenInCare {
        /// The field that is too high.
        field: CountField,
        /// Its total.
        value: u32,
        /// Children ever in care: baseline plus admissions.
        cap: u32,
    },
    /// A step, or every placement together, counts more girls than were ever in care.
    #[error("{}: {value} girls is more than the {cap} girls in care (baseline plus admissions)", .field.key())]
    FemaleExceedsGirlsInCare {
        /// The field that is too high.
        field: CountField,
        /// Its girls.
        value: u32,
        /// Girls ever in care: baseline plus admissions.
        cap: u32,
    },
    /// The snapshot is dated after today.
    #[error("the date {date} is in the future")]
    InFuture {
        /// The snapshot's date.
        date: NaiveDate,
    },
}

impl CountsError {
    /// The Khmer wording of the refusal (shown next to the field, so the field is not named).
    pub fn khmer(&self) -> String {
        match self {
            CountsError::Value(e) => e.khmer(),
            CountsError::ExceedsChildrenInCare { value, cap, .. } => {
                format!("{value} លើសពីកុមារ {cap} នាក់ដែលស្ថិតក្នុងការថែទាំ (ចំនួនដំបូង បូកនឹងការទទួលចូល)")
            }
            CountsError::FemaleExceedsGirlsInCare { value, cap, .. } => {
                format!("ក្មេងស្រី {value} នាក់ លើសពីក្មេងស្រី {cap} នាក់ដែលស្ថិតក្នុងការថែទាំ (ចំនួនដំបូង បូកនឹងការទទួលចូល)")
            }
            CountsError::InFuture { date } => format!("កាលបរិច្ឆេទ {date} ស្ថិតនៅថ្ងៃអនាគត"),
        }
    }
}

impl CountsError {
    /// The field the message belongs next to, if it is about one field.
    pub fn field(&self) -> Option<CountField> {
        match self {
            CountsError::ExceedsChildrenInCare { field, .. }
            | CountsError::FemaleExceedsGirlsInCare { field, .. } => Some(*field),
            _ => None,
        }
    }
}

/// The pipeline at one date. Cumulative since the transition began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildrenCounts {
    /// The day the figures describe.
    pub as_of: NaiveDate,
    /// Children in care when the transition began.
    pub baseline: SexCount,
    /// Children admitted since (admissions should stop, but sometimes do not).
    pub admissions: SexCount,
    /// Children assessed so far.
    pub assessed: SexCount,
    /// Children whose families have been traced so far.
    pub traced: SexCount,
    /// Children prepared for reintegration so far.
    pub prepared: SexCount,
    /// Indexed as [`Placement::ALL`].
    pub reintegrated: [SexCount; 5],
}

impl ChildrenCounts {
    /// A snapshot that satisfies every invariant, or the first error in pipeline order:
    /// no step and no total of placements exceeds the children in care (baseline plus
    /// admissions), for all children and for girls; and the date is not in the future.
    pub fn new(counts: ChildrenCounts, today: NaiveDate) -> Result<Self, CountsError> {
        if counts.as_of > today {
            return Err(CountsError::InFuture { date: counts.as_of });
        }
        let cap = counts.in_care_ever();
        let reintegrated = counts.reintegrated_total();
        let steps = [
            (CountField::Assessed, counts.assessed),
            (CountField::Traced, counts.traced),
            (CountField::Prepared, counts.prepared),
            (CountField::ReintegratedTotal, reintegrated),
        ];
        for (field, value) in steps {
            if value.total() > cap.total() {
                return Err(CountsError::ExceedsChildrenInCare {
                    field,
                    value: value.total(),
                    cap: cap.total(),
                });
            }
            if value.female() > cap.female() {
                return Err(CountsError::FemaleExceedsGirlsInCare {
                    field,
                    value: value.female(),
                    cap: cap.female(),
                });
            }
        }
        Ok(counts)
    }

    /// Baseline plus admissions: every child who has been in this RCI's care during the transition.
    pub fn in_care_ever(&self) -> SexCount {
        self.baseline.plus(self.admissions)
    }

    /// Children reintegrated into one kind of placement so far.
    pub fn placement(&self, placement: Placement) -> SexCount {
        let i = Placement::ALL
            .iter()
            .position(|p| *p == placement)
            .unwrap_or(0);
        self.reintegrated[i]
    }

    /// Children who have left for a family or other care, all placements together.
    pub fn reintegrated_total(&self) -> SexCount {
        self.reintegrated
            .iter()
            .copied()
            .fold(SexCount::ZERO, SexCount::plus)
    }

    /// Children still in the RCI: in care ever, less those who left.
    pub fn still_in_care(&self) -> SexCount {
        let ever = self.in_care_ever();
        let left = self.reintegrated_total();
        let total = ever.total().saturating_sub(left.total());
        // Clamp so the result is a valid count even if girls and boys left unevenly.
        let female = ever.female().saturating_sub(left.female()).min(total);
        SexCount::new(total, female).unwrap_or(SexCount::ZERO)
    }

    /// The value of one field, for forms and tables.
    pub fn get(&self, field: CountField) -> SexCount {
        match field {
            CountField::Baseline => self.baseline,
            CountField::Admissions => self.admissions,
            CountField::Assessed => self.assessed,
            CountField::Traced => self.traced,
            CountField::Prepared => self.prepared,
            CountField::Reintegrated(p) => self.placement(p),
            CountField::ReintegratedTotal => self.reintegrated_total(),
        }
    }

    /// A snapshot of zeros, for a new RCI.
    pub fn empty(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            baseline: SexCount::ZERO,
            admissions: SexCount::ZERO,
            assessed: SexCount::ZERO,
            traced: SexCount::ZERO,
            prepared: SexCount::ZERO,
            reintegrated: [SexCount::ZERO; 5],
        }
    }

    /// Sets one field; used when building a snapshot from a form.
    pub fn set(&mut self, field: CountField, value: SexCount) {
        match field {
            CountField::Baseline => self.baseline = value,
            CountField::Admissions => self.admissions = value,
            CountField::Assessed => self.assessed = value,
            CountField::Traced => self.traced = value,
            CountField::Prepared => self.prepared = value,
            CountField::Reintegrated(p) => {
                if let Some(i) = Placement::ALL.iter().position(|q| *q == p) {
                    self.reintegrated[i] = value;
                }
            }
            CountField::ReintegratedTotal => {}
        }
    }
}

impl ChildrenCounts {
    /// Reads a snapshot from a form whose fields are `as_of`, `<key>_total` and `<key>_female`
    /// for every [`CountField::ALL`], then checks the invariants. The error names the form field
    /// to fix, so the page can show it there.
    pub fn from_form(
        fields: &std::collections::HashMap<String, String>,
        today: NaiveDate,
    ) -> Result<Self, FieldError> {
        let get = |name: &str| fields.get(name).map(String::as_str).unwrap_or("");
        let as_of =
            crate::values::parse_date("date", get("as_of")).map_err(FieldError::at("as_of"))?;
        let mut counts = ChildrenCounts::empty(as_of);
        for field in CountField::ALL {
            let (total_name, female_name) = field.form_names();
            // The form shows every count: one that was not sent at all is a broken or forged
            // request, never "zero" (a blank input is sent, and does mean zero).
            for name in [&total_name, &female_name] {
                if !fields.contains_key(name.as_str()) {
                    let missing = crate::values::ValueError::Empty {
                        field: field.key().to_string(),
                    };
                    return Err(FieldError::new(name, missing));
                }
            }
            let total = Count::parse_field(field.key(), get(&total_name))
                .map_err(|e| FieldError::new(&total_name, e))?;
            let female = Count::parse_field(field.key(), get(&female_name))
                .map_err(|e| FieldError::new(&female_name, e))?;
            let value = SexCount::new_field(field.key(), total.get(), female.get())
                .map_err(|e| FieldError::new(&female_name, e))?;
            counts.set(field, value);
        }
        ChildrenCounts::new(counts, today).map_err(|e| {
            let name = match &e {
                CountsError::ExceedsChildrenInCare { field, .. } => field.form_names().0,
                CountsError::FemaleExceedsGirlsInCare { field, .. } => field.form_names().1,
                CountsError::InFuture { .. } => "as_of".to_string(),
                CountsError::Value(_) => "as_of".to_string(),
            };
            FieldError::new(&name, e)
        })
    }

    /// The snapshot as text, for the change history.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![("date", self.as_of.to_string())];
        fields.extend(
            CountField::ALL
                .into_iter()
                .map(|f| (f.key(), self.get(f).to_string())),
        );
        fields
    }
}

impl CountField {
    /// The names of the field's two form inputs: total and female. The sum of placements has no
    /// input of its own; its errors show at the placements' heading, `reintegrated_total`.
    pub fn form_names(self) -> (String, String) {
        (
            format!("{}_total", self.key()),
            format!("{}_female", self.key()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn sc(t: u32, f: u32) -> SexCount {
        SexCount::new(t, f).unwrap()
    }

    fn sample() -> ChildrenCounts {
        let mut c = ChildrenCounts::empty(day("2026-06-30"));
        c.baseline = sc(40, 18);
        c.admissions = sc(2, 1);
        c.assessed = sc(42, 19);
        c.traced = sc(35, 15);
        c.prepared = sc(30, 13);
        c.set(CountField::Reintegrated(Placement::BirthFamily), sc(20, 9));
        c.set(CountField::Reintegrated(Placement::KinshipCare), sc(5, 2));
        c.set(CountField::Reintegrated(Placement::LongTermCare), sc(1, 0));
        c
    }

    #[test]
    fn a_coherent_snapshot_is_accepted_and_summed() {
        let c = ChildrenCounts::new(sample(), day("2026-11-24")).unwrap();
        assert_eq!(c.in_care_ever(), sc(42, 19));
        assert_eq!(c.reintegrated_total(), sc(26, 11));
        assert_eq!(c.still_in_care(), sc(16, 8));
        assert_eq!(
            c.get(CountField::Reintegrated(Placement::KinshipCare)),
            sc(5, 2)
        );
    }

    #[test]
    fn a_step_beyond_children_in_care_is_refused_naming_the_step() {
        let mut c = sample();
        c.traced = sc(43, 15);
        let err = ChildrenCounts::new(c, day("2026-11-24")).unwrap_err();
        assert_eq!(err.field(), Some(CountField::Traced));
        assert_eq!(
            err.to_string(),
            "traced: 43 is more than the 42 children in care (baseline plus admissions)"
        );
    }

    #[test]
    fn girls_beyond_girls_in_care_are_refused() {
        let mut c = sample();
        c.prepared = sc(30, 20);
        let err = ChildrenCounts::new(c, day("2026-11-24")).unwrap_err();
        assert_eq!(
            err,
            CountsError::FemaleExceedsGirlsInCare {
                field: CountField::Prepared,
                value: 20,
                cap: 19
            }
        );
    }

    #[test]
    fn placements_together_may_not_exceed_children_in_care() {
        let mut c = sample();
        c.set(CountField::Reintegrated(Placement::FosterCare), sc(17, 0));
        let err = ChildrenCounts::new(c, day("2026-11-24")).unwrap_err();
        assert_eq!(err.field(), Some(CountField::ReintegratedTotal));
    }

    #[test]
    fn a_future_date_is_refused() {
        let c = sample();
        assert_eq!(
            ChildrenCounts::new(c, day("2026-06-29")),
            Err(CountsError::InFuture { date: c.as_of })
        );
    }

    #[test]
    fn field_keys_are_unique() {
        let mut keys: Vec<_> = CountField::ALL.iter().map(|f| f.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), CountField::ALL.len());
    }

    fn arb_sc() -> impl Strategy<Value = SexCount> {
        (0u32..120)
            .prop_flat_map(|t| (Just(t), 0..=t))
            .prop_map(|(t, f)| sc(t, f))
    }

    proptest! {
        #[test]
        fn accepted_snapshots_keep_every_invariant(
            baseline in arb_sc(), admissions in arb_sc(), assessed in arb_sc(),
            traced in arb_sc(), prepared in arb_sc(),
            placements in proptest::collection::vec(arb_sc(), 5),
        ) {
            let mut c = ChildrenCounts::empty(day("2026-01-01"));
            c.baseline = baseline; c.admissions = admissions; c.assessed = assessed;
            c.traced = traced; c.prepared = prepared;
            for (p, v) in Placement::ALL.into_iter().zip(placements) {
                c.set(CountField::Reintegrated(p), v);
            }
            match ChildrenCounts::new(c, day("2026-11-24")) {
                Ok(ok) => {
                    let cap = ok.in_care_ever();
                    for f in CountField::ALL.into_iter().chain([CountField::ReintegratedTotal]) {
                        let v = ok.get(f);
                        prop_assert!(v.female() <= v.total());
                        if !matches!(f, CountField::Baseline | CountField::Admissions) {
                            prop_assert!(v.total() <= cap.total() && v.female() <= cap.female());
                        }
                    }
                    let still = ok.still_in_care();
                    prop_assert_eq!(still.total() + ok.reintegrated_total().total(), cap.total());
                }
                Err(e) => {
                    let field = e.field().expect("every refusal names a field");
                    let v = c.get(field);
                    let cap = c.in_care_ever();
                    prop_assert!(v.total() > cap.total() || v.female() > cap.female());
                }
            }
        }
    }
}

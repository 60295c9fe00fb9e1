//! The organisation's activities, study tours and trainings, added up for a reader who may read
//! some RCIs (a dashboard's token): how many took place and how many people came, all time and
//! per quarter. Only figures: never a title, a note or what a tour agreed.
//!
//! An activity counts when an RCI the reader may read took part; its people count only from
//! those RCIs, as a director's view of a tour shows only their own people.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::quarters::Quarter;
use crate::tours::StudyTour;
use crate::trainings::{Training, TrainingCategory};
use crate::values::SexCount;

/// Activities and the people who came to them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// How many took place.
    pub activities: u32,
    /// Everyone who came from the RCIs counted, women among them.
    pub people: SexCount,
}

impl Tally {
    fn add(&mut self, people: SexCount) {
        self.activities += 1;
        self.people = self.people.plus(people);
    }
}

/// Activities of one kind, all time and in each of the quarters asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Every activity ever recorded.
    pub all_time: Tally,
    /// The quarters asked for, in their order, each with the activities that began in it.
    pub per_quarter: Vec<(Quarter, Tally)>,
}

impl Figures {
    /// Adds up activities, each by the day it began and its people, into `quarters`.
    fn of(
        activities: impl IntoIterator<Item = (NaiveDate, SexCount)>,
        quarters: &[Quarter],
    ) -> Self {
        let mut figures = Figures {
            all_time: Tally::default(),
            per_quarter: quarters.iter().map(|q| (*q, Tally::default())).collect(),
        };
        for (began, people) in activities {
            figures.all_time.add(people);
            if let Some((_, tally)) = figures
                .per_quarter
                .iter_mut()
                .find(|(q, _)| q.contains(began))
            {
                tally.add(people);
            }
        }
        figures
    }
}

/// Study tours an RCI `covers` allows hosted or visited, with their visitors from such RCIs.
pub fn tours<'a>(
    tours: impl IntoIterator<Item = &'a StudyTour>,
    covers: impl Fn(i64) -> bool,
    quarters: &[Quarter],
) -> Figures {
    let seen = tours
        .into_iter()
        .filter(|t| t.rcis().into_iter().any(&covers))
        .map(|t| {
            let people = t
                .visitors
                .iter()
                .filter(|v| covers(v.rci_id))
                .fold(SexCount::ZERO, |sum, v| sum.plus(v.people));
            (t.dates.start(), people)
        });
    Figures::of(seen, quarters)
}

/// Trainings attended by an RCI `covers` allows, with their participants from such RCIs: all
/// together, then per category in [`TrainingCategory::ALL`] order.
pub fn trainings<'a>(
    trainings: impl IntoIterator<Item = &'a Training>,
    covers: impl Fn(i64) -> bool,
    quarters: &[Quarter],
) -> (Figures, Vec<(TrainingCategory, Tally)>) {
    let seen: Vec<(TrainingCategory, NaiveDate, SexCount)> = trainings
        .into_iter()
        .filter(|t| t.participants.iter().any(|p| covers(p.rci_id)))
        .map(|t| {
            let people = t
                .participants
                .iter()
                .filter(|p| covers(p.rci_id))
                .fold(SexCount::ZERO, |sum, p| sum.plus(p.people));
            (t.category, t.dates.start(), people)
        })
        .collect();
    let by_category = TrainingCategory::ALL
        .into_iter()
        .map(|category| {
            let mut tally = Tally::default();
            for (_, _, people) in seen.iter().filter(|(c, _, _)| *c == category) {
                tally.add(*people);
            }
            (category, tally)
        })
        .collect();
    let figures = Figures::of(
        seen.into_iter().map(|(_, began, people)| (began, people)),
        quarters,
    );
    (figures, by_category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tours::{VisitorRole, Visitors};
    use crate::trainings::Participants;
    use crate::values::{DateRange, Name, Note};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn people(total: u32, female: u32) -> SexCount {
        SexCount::new(total, female).unwrap()
    }

    fn tour(on: &str, hosts: Vec<i64>, visitors: &[(i64, u32, u32)]) -> StudyTour {
        StudyTour {
            title: Name::parse("Tour").unwrap(),
            dates: DateRange::new(day(on), day(on)).unwrap(),
            location: Name::parse("Battambang").unwrap(),
            organised_with: vec![],
            hosts,
            visitors: visitors
                .iter()
                .map(|(rci_id, total, female)| Visitors {
                    rci_id: *rci_id,
                    role: VisitorRole::Director,
                    people: people(*total, *female),
                })
                .collect(),
            objectives: Note::parse("").unwrap(),
            outcomes: Note::parse("").unwrap(),
            actions: vec![],
        }
    }

    fn training(on: &str, category: TrainingCategory, rcis: &[(i64, u32, u32)]) -> Training {
        Training {
            category,
            title: Name::parse("Training").unwrap(),
            dates: DateRange::new(day(on), day(on)).unwrap(),
            venue: Name::parse("Phnom Penh").unwrap(),
            trainers: Note::parse("").unwrap(),
            participants: rcis
                .iter()
                .map(|(rci_id, total, female)| Participants {
                    rci_id: *rci_id,
                    people: people(*total, *female),
                    scores: None,
                })
                .collect(),
        }
    }

    #[test]
    fn tours_count_where_a_readable_rci_took_part_and_only_its_people() {
        let quarters = Quarter::of(day("2026-12-01")).last(2);
        let all = [
            tour("2026-11-03", vec![1], &[(2, 4, 1), (3, 5, 5)]),
            tour("2026-08-20", vec![4], &[(5, 2, 0)]),
            tour("2025-01-10", vec![3], &[(1, 1, 1)]),
        ];
        let everyone = tours(&all, |_| true, &quarters);
        assert_eq!(
            everyone.all_time,
            Tally {
                activities: 3,
                people: people(12, 7)
            }
        );
        assert_eq!(
            everyone.per_quarter[0].1,
            Tally {
                activities: 1,
                people: people(2, 0)
            }
        );
        assert_eq!(
            everyone.per_quarter[1].1,
            Tally {
                activities: 1,
                people: people(9, 6)
            }
        );
        // RCI 3 visited the first tour and hosted the third: its own five people only.
        let three = tours(&all, |id| id == 3, &quarters);
        assert_eq!(
            three.all_time,
            Tally {
                activities: 2,
                people: people(5, 5)
            }
        );
        assert_eq!(three.per_quarter[0].1, Tally::default());
        assert_eq!(
            tours(&all, |id| id == 9, &quarters).all_time,
            Tally::default()
        );
    }

    #[test]
    fn trainings_count_their_readable_participants_by_category() {
        let quarters = Quarter::of(day("2026-12-01")).last(1);
        let all = [
            training(
                "2026-10-05",
                TrainingCategory::SocialWork,
                &[(1, 10, 6), (2, 3, 1)],
            ),
            training("2026-02-05", TrainingCategory::SocialWork, &[(2, 4, 4)]),
            training("2026-11-05", TrainingCategory::Other, &[(3, 2, 1)]),
        ];
        let (figures, by_category) = trainings(&all, |id| id != 1, &quarters);
        assert_eq!(
            figures.all_time,
            Tally {
                activities: 3,
                people: people(9, 6)
            }
        );
        assert_eq!(
            figures.per_quarter,
            vec![(
                quarters[0],
                Tally {
                    activities: 2,
                    people: people(5, 2)
                }
            )]
        );
        let of = |c| by_category.iter().find(|(k, _)| *k == c).unwrap().1;
        assert_eq!(
            of(TrainingCategory::SocialWork),
            Tally {
                activities: 2,
                people: people(7, 5)
            }
        );
        assert_eq!(of(TrainingCategory::Other).activities, 1);
        assert_eq!(of(TrainingCategory::OnsiteCoaching), Tally::default());
        assert_eq!(by_category.len(), TrainingCategory::ALL.len());
    }
}

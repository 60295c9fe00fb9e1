//! Study tours, trainings and community programmes against a real SQLite file.

use chrono::{Days, NaiveDate, Utc};
use homeward_core::history::Editor;
use homeward_core::programmes::ProgrammeInput;
use homeward_core::tours::{ActionStatus, StudyTour, TourAction, VisitorRole, Visitors};
use homeward_core::trainings::{ParticipantsInput, TrainingInput};
use homeward_core::{DateRange, Name, Note, SexCount};
use homeward_store::db::scratch;
use homeward_store::{demo, Store, StoreError};

async fn demo_store() -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(scratch(dir.path(), "homeward", None).await.unwrap())
        .await
        .unwrap();
    demo::load(&store, Utc::now().date_naive()).await.unwrap();
    let ids = store.rcis().await.unwrap().iter().map(|r| r.id).collect();
    (dir, store, ids)
}

fn name(s: &str) -> Name {
    Name::parse(s).unwrap()
}

fn editor(s: &str) -> Editor {
    Editor {
        user_id: None,
        name: name(s),
        source: None,
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn tour(hosts: &[i64], visitors: &[i64], owner: i64) -> StudyTour {
    StudyTour {
        title: name("Directors' study tour"),
        dates: DateRange::new(day("2026-03-10"), day("2026-03-11")).unwrap(),
        location: name("Battambang"),
        organised_with: vec![name("MoSVY"), name("Battambang DoSVY")],
        hosts: hosts.to_vec(),
        visitors: visitors
            .iter()
            .map(|id| Visitors {
                rci_id: *id,
                role: VisitorRole::Director,
                people: SexCount::new(2, 1).unwrap(),
            })
            .collect(),
        objectives: Note::parse("See family-based care at work.").unwrap(),
        outcomes: Note::parse("").unwrap(),
        actions: vec![TourAction {
            description: name("Draft a parenting club plan"),
            owner_rci_id: owner,
            due: Utc::now().date_naive() - Days::new(3),
            status: ActionStatus::Open,
        }],
    }
}

async fn rows(store: &Store, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_two_day_tour_with_hosts_visitors_and_an_action_round_trips() {
    let (_dir, store, ids) = demo_store().await;
    let tours_before = store.tours().await.unwrap().len();
    let mut t = tour(&ids[0..2], &ids[2..5], ids[2]);
    t.organised_with.push(name("Friends International"));
    let id = store.create_tour(&t, &editor("Chan Sokha")).await.unwrap();
    let stored = store.tours().await.unwrap();
    assert_eq!(stored.len(), tours_before + 1);
    let mine = &stored.iter().find(|s| s.id == id).unwrap().value;
    let sorted = |ids: &[i64]| {
        let mut v = ids.to_vec();
        v.sort_unstable();
        v
    };
    assert_eq!(mine.visiting_rcis(), sorted(&ids[2..5]));
    assert_eq!(mine.total_visitors(), SexCount::new(6, 3).unwrap());
    assert!(mine.actions[0].is_overdue(Utc::now().date_naive()));
    assert_eq!(mine.hosts, sorted(&t.hosts));
    assert_eq!(mine.actions, t.actions);
    // The organisation list is reused, not duplicated.
    let orgs = store.organisations().await.unwrap().len();
    store.create_tour(&t, &editor("Chan Sokha")).await.unwrap();
    assert_eq!(store.organisations().await.unwrap().len(), orgs);
}

/// An RCI's own follow-up actions come with their tour, whoever else owns actions on it.
#[tokio::test]
async fn an_rcis_actions_are_read_with_their_tour() {
    let (_dir, store, ids) = demo_store().await;
    let before = store.actions_owned_by(ids[6]).await.unwrap().len();
    let mut t = tour(&ids[0..1], &ids[5..7], ids[6]);
    t.actions.push(TourAction {
        description: name("Visit the host's parenting club"),
        owner_rci_id: ids[5],
        due: day("2026-04-01"),
        status: ActionStatus::Done,
    });
    let id = store.create_tour(&t, &editor("Chan Sokha")).await.unwrap();
    let mine = store.actions_owned_by(ids[6]).await.unwrap();
    assert_eq!(mine.len(), before + 1);
    let (tour_id, title, action) = mine.iter().find(|(t, _, _)| *t == id).unwrap();
    assert_eq!((*tour_id, title.as_str()), (id, "Directors' study tour"));
    assert_eq!(action, &t.actions[0]);
    let theirs = store.actions_owned_by(ids[5]).await.unwrap();
    assert!(theirs
        .iter()
        .any(|(t, _, a)| *t == id && a.status == ActionStatus::Done && a.owner_rci_id == ids[5]));
    assert!(!theirs.iter().any(|(_, _, a)| a.owner_rci_id != ids[5]));
}

#[tokio::test]
async fn bad_tours_are_refused_and_write_nothing() {
    let (_dir, store, ids) = demo_store().await;
    let tables = [
        "study_tours",
        "study_tour_hosts",
        "study_tour_visitors",
        "study_tour_actions",
        "organisations",
    ];
    let mut before = vec![];
    for table in tables {
        before.push(rows(&store, table).await);
    }
    let overlapping = tour(&ids[0..2], &ids[1..3], ids[1]);
    assert!(matches!(
        store.create_tour(&overlapping, &editor("A")).await,
        Err(StoreError::Field(e)) if e.field == "visitors"
    ));
    let unknown = tour(&[ids[0]], &[99_999], 99_999);
    assert!(matches!(
        store.create_tour(&unknown, &editor("A")).await,
        Err(StoreError::NotFound)
    ));
    let mut new_org = tour(&[ids[0]], &[99_999], 99_999);
    new_org.organised_with.push(name("A brand new NGO"));
    assert!(store.create_tour(&new_org, &editor("A")).await.is_err());
    for (table, count) in tables.into_iter().zip(before) {
        assert_eq!(rows(&store, table).await, count, "{table}");
    }
}

#[tokio::test]
async fn training_participants_add_up_per_rci() {
    let (_dir, store, ids) = demo_store().await;
    let participants = |rci: i64, total: &str, female: &str| ParticipantsInput {
        rci_id: rci.to_string(),
        total: total.into(),
        female: female.into(),
        ..ParticipantsInput::default()
    };
    let trained_before = (
        store.trained_people(ids[1]).await.unwrap(),
        store.trained_people(ids[3]).await.unwrap(),
    );
    let input = TrainingInput {
        category: "social_work".into(),
        title: "Case management basics".into(),
        starts_on: "2026-02-02".into(),
        ends_on: "2026-02-04".into(),
        venue: "Phnom Penh".into(),
        trainers: "".into(),
        participants: vec![
            participants(ids[1], "4", "3"),
            participants(ids[2], "2", "2"),
        ],
    };
    store
        .create_training(&input.parse().unwrap(), &editor("Chan Sokha"))
        .await
        .unwrap();
    store
        .create_training(&input.parse().unwrap(), &editor("Chan Sokha"))
        .await
        .unwrap();
    let after = store.trained_people(ids[1]).await.unwrap();
    assert_eq!(
        (after.total(), after.female()),
        (trained_before.0.total() + 8, trained_before.0.female() + 6)
    );
    assert_eq!(
        store.trained_people(ids[3]).await.unwrap(),
        trained_before.1,
        "an RCI that sent nobody is unchanged"
    );

    let unknown = TrainingInput {
        participants: vec![participants(99_999, "1", "0")],
        ..input
    };
    let before = rows(&store, "trainings").await;
    assert!(matches!(
        store
            .create_training(&unknown.parse().unwrap(), &editor("A"))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        rows(&store, "trainings").await,
        before,
        "nothing half-written"
    );
}

#[tokio::test]
async fn programmes_are_stored_per_rci_and_stale_saves_refused() {
    let (_dir, store, ids) = demo_store().await;
    let input = ProgrammeInput {
        kind: "youth_group".into(),
        name: "Sangkae youth group".into(),
        started_on: "2026-01-10".into(),
        members_total: "12".into(),
        members_female: "7".into(),
        sessions_per_quarter: "6".into(),
        status: "active".into(),
    };
    let p = input.parse(Utc::now().date_naive()).unwrap();
    let id = store
        .create_programme(ids[0], &p, &editor("A"))
        .await
        .unwrap();
    assert_eq!(store.programmes(ids[0]).await.unwrap()[0].value, p);
    assert!(store.programmes(ids[1]).await.unwrap().is_empty());
    let paused = ProgrammeInput {
        status: "paused".into(),
        ..input
    }
    .parse(Utc::now().date_naive())
    .unwrap();
    assert_eq!(
        store
            .update_programme(ids[0], id, 1, &paused, &editor("A"))
            .await
            .unwrap(),
        2
    );
    assert!(matches!(
        store
            .update_programme(ids[0], id, 1, &p, &editor("A"))
            .await,
        Err(StoreError::Conflict { current_version: 2 })
    ));
    assert!(matches!(
        store
            .update_programme(ids[1], id, 2, &p, &editor("A"))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.create_programme(99_999, &p, &editor("A")).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn editing_a_tour_replaces_its_parts_and_refuses_stale_or_bad_edits() {
    let (_dir, store, ids) = demo_store().await;
    let t = tour(&ids[0..2], &ids[2..5], ids[2]);
    let id = store.create_tour(&t, &editor("Chan Sokha")).await.unwrap();
    let find = |tours: Vec<homeward_core::Stored<StudyTour>>| {
        tours.into_iter().find(|s| s.id == id).unwrap()
    };
    let mut edited = tour(&[ids[0]], &[ids[3]], ids[3]);
    edited.actions[0].status = ActionStatus::Done;
    edited.organised_with = vec![name("MoSVY")];
    assert_eq!(
        store
            .update_tour(id, 1, &edited, &editor("B"))
            .await
            .unwrap(),
        2
    );
    let stored = find(store.tours().await.unwrap());
    assert_eq!((stored.version, &stored.value), (2, &edited));

    // A save from a page that read version 1 is refused; the stored tour is unchanged.
    assert!(matches!(
        store.update_tour(id, 1, &t, &editor("C")).await,
        Err(StoreError::Conflict { current_version: 2 })
    ));
    // An edit naming an unknown RCI writes nothing, not even the deletion of the old parts.
    let unknown = tour(&[ids[0]], &[99_999], 99_999);
    assert!(matches!(
        store.update_tour(id, 2, &unknown, &editor("C")).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.update_tour(99_999, 1, &t, &editor("C")).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(find(store.tours().await.unwrap()).value, edited);
}

#[tokio::test]
async fn editing_a_training_replaces_its_participants_and_refuses_stale_edits() {
    let (_dir, store, ids) = demo_store().await;
    let input = |rci: i64, total: &str| TrainingInput {
        category: "onsite_coaching".into(),
        title: "Coaching on case files".into(),
        starts_on: "2026-04-01".into(),
        ends_on: "2026-04-01".into(),
        venue: "On site".into(),
        trainers: "".into(),
        participants: vec![ParticipantsInput {
            rci_id: rci.to_string(),
            total: total.into(),
            female: "1".into(),
            ..ParticipantsInput::default()
        }],
    };
    let before = store.trained_people(ids[6]).await.unwrap();
    let id = store
        .create_training(&input(ids[6], "3").parse().unwrap(), &editor("A"))
        .await
        .unwrap();
    let edited = input(ids[6], "5").parse().unwrap();
    assert_eq!(
        store
            .update_training(id, 1, &edited, &editor("B"))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store.trained_people(ids[6]).await.unwrap().total(),
        before.total() + 5,
        "the old row was replaced, not added to"
    );
    assert!(matches!(
        store.update_training(id, 1, &edited, &editor("B")).await,
        Err(StoreError::Conflict { current_version: 2 })
    ));
    assert!(matches!(
        store
            .update_training(id, 2, &input(99_999, "1").parse().unwrap(), &editor("B"))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.trained_people(ids[6]).await.unwrap().total(),
        before.total() + 5
    );
}

/// An RCI's page reads only its own tours and trainings, and those are exactly the ones it took
/// part in (hosted or visited; attended).
#[tokio::test]
async fn an_rcis_tours_and_trainings_are_read_by_rci() {
    let (_dir, store, ids) = demo_store().await;
    store
        .create_tour(
            &tour(&[ids[0]], &[ids[5], ids[6]], ids[5]),
            &editor("Chan Sokha"),
        )
        .await
        .unwrap();
    let tours = store.tours().await.unwrap();
    let trainings = store.trainings().await.unwrap();
    for id in ids {
        let mine: Vec<_> = tours
            .iter()
            .filter(|t| t.value.involves(id))
            .cloned()
            .collect();
        assert_eq!(store.tours_involving(id).await.unwrap(), mine, "RCI {id}");
        let attended: Vec<_> = trainings
            .iter()
            .filter(|t| t.value.participants.iter().any(|p| p.rci_id == id))
            .cloned()
            .collect();
        assert_eq!(
            store.trainings_attended_by(id).await.unwrap(),
            attended,
            "RCI {id}"
        );
    }
}

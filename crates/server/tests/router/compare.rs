//! The organisation's comparison, checked against figures computed here from the raw rows of
//! the demo database; its sort and filters; and its exports, which must be valid CSV and XLSX
//! matching the table, with no live formula, and out of a director's reach.

use std::io::Cursor;

use app::compare::ComparisonData;
use axum::http::{header, StatusCode};
use calamine::{Data, Reader, Xlsx};
use homeward_core::paging::PAGE_SIZE;
use homeward_store::db::Flag;
use tower::ServiceExt;

use crate::common::{body_text, run, world, Caller, World};

async fn get(
    w: &World,
    router: &axum::Router,
    caller: Caller,
    uri: &str,
) -> axum::response::Response {
    router
        .clone()
        .oneshot(w.request(caller, "GET", uri, ""))
        .await
        .unwrap()
}

/// RFC 4180 CSV as the export writes it (after its byte-order mark).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let (mut rows, mut row, mut cell) = (vec![], vec![], String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

async fn csv(w: &World, router: &axum::Router, query: &str) -> Vec<Vec<String>> {
    let response = get(
        w,
        router,
        Caller::Viewer,
        &format!("/exports/partners.csv{query}"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    parse_csv(&body_text(response).await)
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

#[test]
fn the_figures_equal_those_computed_from_the_raw_rows() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("compare-figures").await;
        let response = router
            .clone()
            .oneshot(w.request(Caller::Viewer, "POST", "/api/compare_partners", ""))
            .await
            .unwrap();
        let data: ComparisonData = serde_json::from_str(&body_text(response).await).unwrap();
        let pool = store.pool();
        let rcis: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, name_en, province FROM rcis ORDER BY id")
                .fetch_all(pool)
                .await
                .unwrap();
        assert_eq!(data.rows.len(), rcis.len());
        for (id, name, province) in rcis {
            let row = data.rows.iter().find(|r| r.rci_id == id).unwrap();
            assert_eq!((&row.name, &row.province), (&name, &province));
            // Progress: done over applicable (not hidden, not "not applicable"), rounded down.
            let (done, applicable): (i64, i64) = sqlx::query_as(
                "SELECT COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0), COUNT(*) FROM checklist_items \
                 WHERE rci_id = $1 AND NOT hidden AND status != 'not_applicable'",
            )
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap();
            let expected = if applicable == 0 {
                100
            } else {
                done * 100 / applicable
            };
            assert_eq!(i64::from(row.overall), expected, "{name} overall");
            // Children: the latest snapshot's baseline and the sum of its placements.
            let latest: Option<(i64, i64, i64, i64)> = sqlx::query_as(
                "SELECT baseline_total, baseline_female, \
                 birth_family_total + kinship_care_total + foster_care_total \
                   + independent_living_total + long_term_care_total, \
                 birth_family_female + kinship_care_female + foster_care_female \
                   + independent_living_female + long_term_care_female \
                 FROM children_counts WHERE rci_id = $1 ORDER BY as_of DESC, id DESC LIMIT 1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await
            .unwrap();
            let (bt, bf, rt, rf) = latest.unwrap_or_default();
            assert_eq!(
                (
                    i64::from(row.baseline.total()),
                    i64::from(row.baseline.female()),
                    i64::from(row.reintegrated.total()),
                    i64::from(row.reintegrated.female())
                ),
                (bt, bf, rt, rf),
                "{name} children"
            );
            // The stage: the first, in order, with an applicable item not done.
            let per_track: Vec<(String, i64, i64)> = sqlx::query_as(
                "SELECT track, COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0), COUNT(*) FROM checklist_items \
                 WHERE rci_id = $1 AND NOT hidden AND status != 'not_applicable' GROUP BY track",
            )
            .bind(id)
            .fetch_all(pool)
            .await
            .unwrap();
            let stage = homeward_core::Stage::ALL.into_iter().find(|s| {
                let key = homeward_core::Track::Stage(*s).key();
                per_track
                    .iter()
                    .any(|(t, done, all)| t == key && done < all)
            });
            let expected_phase =
                stage.map_or(homeward_core::Phase::Completed, homeward_core::Phase::In);
            assert_eq!(row.phase, expected_phase, "{name} stage");
            for (track, percent) in &row.tracks {
                let (done, all) = per_track
                    .iter()
                    .find(|(t, _, _)| t == track.key())
                    .map_or((0, 0), |(_, d, a)| (*d, *a));
                let expected = if all == 0 { 100 } else { done * 100 / all };
                assert_eq!(i64::from(*percent), expected, "{name} {track:?}");
            }
            // A plan and a budget are expected from the preparation stage (3) on.
            let (plan, budget): (Flag, Flag) = sqlx::query_as(
                "SELECT has_reintegration_plan, has_reintegration_budget FROM rcis WHERE id = $1",
            )
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap();
            let expected = stage.is_none_or(|s| s.number() >= 3);
            let keys: Vec<&str> = row.flags.iter().map(|f| f.key()).collect();
            assert_eq!(keys.contains(&"no_plan"), expected && !plan.0, "{name}");
            assert_eq!(keys.contains(&"no_budget"), expected && !budget.0, "{name}");
        }
        // The reintegrated children per quarter add up to at most the latest totals.
        let per_quarter: u32 = data
            .per_quarter
            .iter()
            .map(|(_, p)| p.iter().sum::<u32>())
            .sum();
        let latest_total: u32 = data.rows.iter().map(|r| r.reintegrated.total()).sum();
        assert!(
            per_quarter <= latest_total && per_quarter > 0,
            "{per_quarter} of {latest_total}"
        );
        // …and equal what the core computes from every snapshot read whole.
        let histories: Vec<_> = store
            .all_counts_histories()
            .await
            .unwrap()
            .into_values()
            .collect();
        let quarters: Vec<_> = data.per_quarter.iter().map(|(q, _)| *q).collect();
        assert_eq!(
            data.per_quarter,
            homeward_core::quarters::reintegrated_per_quarter(&histories, &quarters)
        );
    })
}

#[test]
fn exports_sort_and_filter_like_the_page() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("compare-sort").await;
        let all = csv(&w, &router, "").await;
        assert_eq!(all.len() - 1, store.rcis().await.unwrap().len());
        let names = column(&all, "name");
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "by name by default");

        let by_progress = csv(&w, &router, "?sort=overall&dir=desc").await;
        let overall: Vec<u32> = column(&by_progress, "overall_percent")
            .iter()
            .map(|v| v.parse().unwrap())
            .collect();
        assert!(overall.windows(2).all(|p| p[0] >= p[1]), "{overall:?}");

        let battambang = csv(&w, &router, "?province=Battambang").await;
        let expected: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM rcis WHERE province = 'Battambang'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert!(expected > 0);
        assert_eq!(battambang.len() as i64 - 1, expected);
        assert!(column(&battambang, "province")
            .iter()
            .all(|p| p == "Battambang"));

        let stalled = csv(&w, &router, "?risk=stalled").await;
        assert!(stalled.len() > 1);
        assert!(column(&stalled, "risks")
            .iter()
            .all(|r| r.split(';').any(|k| k == "stalled")));
        let stage3 = csv(&w, &router, "?stage=3").await;
        assert!(column(&stage3, "stage").iter().all(|s| s == "3"));
        let completed = csv(&w, &router, "?stage=0").await;
        assert!(column(&completed, "stage").iter().all(|s| s == "completed"));
        // Every demo partner has a lead adviser; filtering by one keeps exactly theirs.
        let all = csv(&w, &router, "").await;
        assert!(column(&all, "adviser").iter().all(|a| !a.is_empty()));
        let adviser: (i64, String) =
            sqlx::query_as("SELECT id, display_name FROM users WHERE login = 'demo.adviser'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        let led: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rcis WHERE adviser_id = $1")
            .bind(adviser.0)
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert!(led > 0 && led < (all.len() - 1) as i64);
        let rows = csv(
            &w,
            &router,
            &format!(
                "?adviser={}",
                adviser
                    .1
                    .replace(' ', "%20")
                    .replace('(', "%28")
                    .replace(')', "%29")
            ),
        )
        .await;
        assert_eq!((rows.len() - 1) as i64, led);
        assert!(column(&rows, "adviser").iter().all(|a| *a == adviser.1));
    })
}

/// Every sheet of a workbook as text, by name, in order.
fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a valid workbook");
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formula in the workbook"
        );
    }
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let cells = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Float(f) => format!("{f}"),
                            Data::Int(i) => i.to_string(),
                            Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, cells)
        })
        .collect()
}

/// The partners workbook as a reader of `lang` downloads it, with the page's `query`.
async fn xlsx(w: &World, router: &axum::Router, lang: &str, query: &str) -> Vec<u8> {
    let mut req = w.request(
        Caller::Viewer,
        "GET",
        &format!("/exports/partners.xlsx{query}"),
        "",
    );
    let cookie = format!(
        "{}; homeward_lang={lang}",
        req.headers()[header::COOKIE].to_str().unwrap()
    );
    req.headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    let response = router.clone().oneshot(req).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .contains("spreadsheetml"));
    axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap()
        .to_vec()
}

#[test]
fn the_xlsx_is_the_csv_worded_for_its_reader_with_a_data_dictionary_and_no_formula() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("compare-xlsx").await;
        // A partner whose names would run as formulas in a spreadsheet, one of them Khmer.
        let mut profile = homeward_core::RciProfile::parse(
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "@មណ្ឌល ខ្មែរ",
            "Kampot",
            "",
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        )
        .unwrap();
        profile.has_reintegration_plan = true;
        let template = store.template().await.unwrap();
        store.create_rci(&profile, &template).await.unwrap();

        let rows = csv(&w, &router, "").await;
        let book = sheets(&xlsx(&w, &router, "en", "").await);
        let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Partners", "About", "Data dictionary"]);
        let partners = &book[0].1;
        assert_eq!(partners.len(), rows.len(), "every partner, as in the CSV");
        // Headings for people; the import's own names where the import reads the column.
        assert_eq!(
            &partners[0][..5],
            [
                "Homeward id",
                "Name (English)",
                "Name (Khmer)",
                "Province",
                "Lead adviser"
            ]
        );
        assert!(partners[0].contains(&"In care at the start (Girls)".to_string()));
        let keys = &rows[0];
        let at = |key: &str| keys.iter().position(|k| k == key).unwrap();
        for (x, c) in partners[1..].iter().zip(&rows[1..]) {
            for (i, key) in keys.iter().enumerate() {
                let xv = x.get(i).cloned().unwrap_or_default();
                match key.as_str() {
                    // Worded: the stage by its name, risks by their labels.
                    "stage" if c[i] == "completed" => assert_eq!(xv, "Transition completed"),
                    "stage" => assert!(xv.starts_with(&format!("Stage {} · ", c[i])), "{xv}"),
                    "risks" | "regulatory_flags" => {
                        assert_eq!(xv.is_empty(), c[i].is_empty(), "{xv} / {}", c[i])
                    }
                    // The outcome worded: "Satisfactory" for satisfactory.
                    "inspection_outcome" | "readiness_level" => {
                        assert_eq!(xv.to_lowercase().replace(' ', "_"), c[i], "{xv}")
                    }
                    // The rate with the placements it counts: "50 % (1 of 2)" for 50.
                    "reentry_rate_12m" if !c[i].is_empty() => {
                        assert!(xv.starts_with(&format!("{} % (", c[i])), "{xv}")
                    }
                    // Staff by sex: "5 (4F)" for 5.
                    "staff_redeployed" => {
                        assert!(xv.starts_with(&format!("{} (", c[i])), "{xv}")
                    }
                    _ => assert_eq!(xv, c[i], "{key}"),
                }
            }
        }
        // The demo's Hope Garden: its donors' money in each currency, never added together.
        let hope = rows[1..]
            .iter()
            .find(|r| r[at("name")].starts_with("Hope Garden"))
            .expect("Hope Garden");
        assert_eq!(hope[at("funding_redirected_usd")], "24000");
        assert_eq!(hope[at("funding_redirected_khr")], "60000000");
        assert_eq!(hope[at("assets_repurposed")], "1");
        assert_eq!(hope[at("staff_redeployed")], "5");
        // Bright Future, inspected fourteen months ago: overdue, in its own column.
        let bright = rows[1..]
            .iter()
            .find(|r| r[at("name")].starts_with("Bright Future"))
            .expect("Bright Future");
        assert_eq!(bright[at("regulatory_flags")], "inspection_overdue");
        assert_eq!(bright[at("inspection_outcome")], "satisfactory");
        assert!(!bright[at("mou_expires_on")].is_empty());
        assert_eq!(bright[at("targets_off_track")], "1");
        let planless = rows[1..]
            .iter()
            .position(|r| r[at("risks")].contains("no_plan"))
            .expect("a demo partner without a plan");
        assert!(
            partners[planless + 1][at("risks")].contains("No reintegration plan"),
            "{:?}",
            partners[planless + 1]
        );
        let evil = rows.iter().find(|r| r[1].contains("HYPERLINK")).unwrap();
        assert!(evil[1].starts_with("'="), "{}", evil[1]);
        assert_eq!(evil[2], "'@មណ្ឌល ខ្មែរ", "Khmer intact, neutralised");

        // The data dictionary: each CSV key beside its heading in both languages and a meaning.
        let dictionary = &book[2].1;
        assert_eq!(dictionary.len(), keys.len() + 1);
        for (i, key) in keys.iter().enumerate() {
            let line = &dictionary[i + 1];
            assert_eq!(&line[0], key);
            assert_eq!(line[1], partners[0][i]);
            assert!(
                line[2]
                    .chars()
                    .any(|c| ('\u{1780}'..='\u{17ff}').contains(&c)),
                "{line:?}"
            );
            assert!(line[3].len() > 20, "{key}: {line:?}");
        }
        for key in ["reentry_rate_12m", "children_at_risk"] {
            assert!(keys.contains(&key.to_string()), "{key} in {keys:?}");
        }
        // What the export is: the organisation, when, every partner.
        let about = &book[1].1;
        let said = |what: &str| {
            about
                .iter()
                .find(|r| r[0] == what)
                .map(|r| r[1].clone())
                .unwrap_or_else(|| panic!("no {what}: {about:?}"))
        };
        assert_eq!(said("Organisation"), "Demo NGO");
        assert!(said("Exported").ends_with("(Phnom Penh time)"));
        assert_eq!(said("Filters"), "None: every partner");
        assert_eq!(
            said("Partners in this export"),
            (rows.len() - 1).to_string()
        );

        // Filtered and in Khmer: the filters stamped in, every heading in Khmer.
        let km = sheets(&xlsx(&w, &router, "km", "?province=Kampot").await);
        assert_eq!(km[0].0, "ដៃគូ");
        assert_eq!(km[0].1[0][1], "ឈ្មោះ (អង់គ្លេស)");
        assert!(km[0].1[1..].iter().all(|r| r[at("province")] == "Kampot"));
        let filters = &km[1].1.iter().find(|r| r[0] == "តម្រង").unwrap()[1];
        assert!(filters.contains("កំពត"), "{filters}");
    })
}

#[test]
fn a_director_reaches_neither_the_page_nor_the_exports() {
    run(async {
        let w = world().await;
        let (_, router) = w.fresh("compare-director").await;
        for uri in [
            "/compare",
            "/exports/partners.csv",
            "/exports/partners.xlsx",
        ] {
            let director = get(&w, &router, Caller::Director, uri).await;
            assert_eq!(director.status(), StatusCode::NOT_FOUND, "{uri}");
            let text = body_text(director).await;
            assert!(!text.contains("Hope Garden"), "{uri} leaked another RCI");
            let anonymous = get(&w, &router, Caller::Anonymous, uri).await;
            assert_eq!(anonymous.status(), StatusCode::SEE_OTHER, "{uri}");
        }
    })
}

/// Each RCI's page of the report lists the study tours it hosted or visited that quarter, once
/// per tour however many groups of its people went (in the demo tour, one RCI sent its director
/// and its staff).
#[test]
fn the_quarterly_report_lists_each_rcis_tours_once() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("report-tours").await;
        let tours = store.tours().await.unwrap();
        let tour = tours
            .iter()
            .find(|t| {
                t.value
                    .title
                    .as_str()
                    .contains("study tour to transitioned partners")
            })
            .expect("the demo tour");
        let quarter = homeward_core::quarters::Quarter::of(tour.value.dates.start());
        let page = body_text(
            get(
                &w,
                &router,
                Caller::Viewer,
                &format!("/report?quarter={quarter}"),
            )
            .await,
        )
        .await;
        let mut involved = tour.value.visiting_rcis();
        involved.extend(&tour.value.hosts);
        involved.sort_unstable();
        involved.dedup();
        assert!(
            tour.value.visitors.len() > tour.value.visiting_rcis().len(),
            "the demo tour has an RCI that sent two groups"
        );
        assert_eq!(
            page.matches("study tour to transitioned partners").count(),
            involved.len()
        );
    })
}

#[test]
fn the_quarterly_report_prints_each_rci_with_its_figures() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("report").await;
        let today = app::server::today();
        let quarter = homeward_core::quarters::Quarter::of(today);
        let uri = format!("/report?quarter={quarter}");
        let response = get(&w, &router, Caller::Viewer, &uri).await;
        assert_eq!(response.status(), StatusCode::OK);
        let page = body_text(response).await;
        assert!(page.contains("data-testid=\"report-summary\""));
        let rcis = store.rcis().await.unwrap();
        assert_eq!(
            page.matches("data-testid=\"report-rci\"").count(),
            rcis.len(),
            "one page per RCI"
        );
        // One RCI's page shows its own latest baseline, and no other RCI.
        let own = store.rci(w.own_rci).await.unwrap();
        let latest = store.latest_counts(w.own_rci).await.unwrap().unwrap().value;
        let one = body_text(
            get(
                &w,
                &router,
                Caller::Director,
                &format!("{uri}&rci={}", w.own_rci),
            )
            .await,
        )
        .await;
        assert!(one.contains(own.value.name_en.as_str()));
        assert!(
            one.contains(&latest.baseline.to_string()),
            "{}",
            latest.baseline
        );
        assert_eq!(one.matches("data-testid=\"report-rci\"").count(), 1);
        assert!(
            !one.contains("report-summary"),
            "a director gets no summary of all partners"
        );
        for other in rcis.iter().filter(|r| r.id != w.own_rci) {
            assert!(
                !one.contains(other.value.name_en.as_str()),
                "{} leaked",
                other.value.name_en
            );
        }
    })
}

/// Two servers on one database: a save on one is on the other's comparison at once (each
/// server's copy of the partners is checked against the database's revision on every read).
#[test]
fn a_save_on_one_server_is_on_the_others_comparison_at_once() {
    run(async {
        let w = world().await;
        let ((_, first), (_, second)) = w.two_servers("revision").await;
        // The second server reads the comparison, keeping its copy of every partner.
        let before = body_text(get(&w, &second, Caller::Viewer, "/compare").await).await;
        assert!(!before.contains("Renamed On The First"), "{before}");
        let rename = format!(
            "rci_id={}&version={}&profile[name_en]=Renamed+On+The+First&profile[province]=Pursat\
             &profile[transition_start]=2024-01-01&profile[adviser_id]={}",
            w.own_rci, w.own_version, w.adviser_id
        );
        let saved = first
            .clone()
            .oneshot(w.request(Caller::Admin, "POST", "/api/update_profile", &rename))
            .await
            .unwrap();
        assert!(saved.status().is_success() || saved.status().is_redirection());
        let after = body_text(get(&w, &second, Caller::Viewer, "/compare").await).await;
        assert!(after.contains("Renamed On The First"), "{after}");
        assert!(after.contains("Pursat"), "{after}");
    })
}

/// The ids of the partners a page's table draws, in order (both lists' rows start
/// `<tr data-rci="N"`).
fn drawn(page: &str) -> Vec<i64> {
    page.split(r#"<tr data-rci=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect()
}

/// A network of 125 partners: the comparison and the partners list draw 50 rows a page, every
/// partner on exactly one page, while the totals and the exports count all 125.
#[test]
fn long_lists_draw_a_page_of_rows_and_count_every_partner() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("paging").await;
        let template = store.template().await.unwrap();
        let demo = store.rcis().await.unwrap().len();
        for i in demo..125 {
            let province = if i % 2 == 0 { "Kampot" } else { "Takeo" };
            let profile = homeward_core::RciProfile::parse(
                &format!("Partner {i:03}"),
                "",
                province,
                "",
                chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            )
            .unwrap();
            store.create_rci(&profile, &template).await.unwrap();
        }
        let page = |uri: &'static str| {
            let (w, router) = (&w, &router);
            async move {
                let response = get(w, router, Caller::Viewer, uri).await;
                assert_eq!(response.status(), StatusCode::OK, "{uri}");
                body_text(response).await
            }
        };
        let first = page("/compare").await;
        assert!(first.contains("1–50 of 125 RCIs shown"), "{first}");
        assert!(first.contains("Page 1 of 3"));
        assert!(first.contains("Total (125)"), "totals count every match");
        assert!(first.contains(r#"href="/compare?page=2""#));
        assert!(!first.contains(r#"rel="prev""#));
        let mut seen = Vec::new();
        for uri in ["/compare", "/compare?page=2", "/compare?page=3"] {
            let body = page(uri).await;
            let rows = drawn(&body);
            assert!(rows.len() <= PAGE_SIZE, "{uri}: {}", rows.len());
            seen.extend(rows);
        }
        assert_eq!(seen.len(), 125, "every partner drawn once");
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 125);
        let last = page("/compare?page=3").await;
        assert!(last.contains("101–125 of 125"));
        assert!(!last.contains(r#"rel="next""#));
        assert_eq!(
            drawn(&page("/compare?page=99").await),
            drawn(&last),
            "past the end: the last page"
        );
        assert_eq!(drawn(&page("/compare?page=x").await), drawn(&first));
        // Sorting and filtering start again from the first page; the page follows the filters.
        let sorted = page("/compare?sort=overall&dir=desc&page=2").await;
        assert!(
            sorted.contains(r#"href="/compare?sort=overall&amp;dir=desc&amp;page=3""#),
            "{sorted}"
        );
        let head = &sorted[sorted.find(r#"data-testid="compare""#).unwrap()..];
        let head = &head[..head.find("</thead>").unwrap()];
        for link in head.split(r#"<th scope="col""#).skip(1) {
            let href = link.split("href=\"").nth(1).unwrap();
            let href = &href[..href.find('"').unwrap()];
            assert!(!href.contains("page="), "a sort link keeps no page: {href}");
        }
        let kampot = page("/compare?province=Kampot&page=2").await;
        let kampot_count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM rcis WHERE province = 'Kampot'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert!(kampot_count > 50 && kampot_count <= 100);
        assert!(
            kampot.contains(&format!("51–{kampot_count} of {kampot_count}")),
            "{kampot}"
        );
        // The exports hold every row whatever page the link was made on.
        assert_eq!(csv(&w, &router, "?page=2").await.len() - 1, 125);

        // The partners list likewise.
        let partners = page("/").await;
        assert!(partners.contains(r#"data-testid="shown-count">125</strong>"#));
        assert!(partners.contains("(1–50)"));
        let mut listed = Vec::new();
        for uri in ["/", "/?page=2", "/?page=3"] {
            let rows = drawn(&page(uri).await);
            assert!(rows.len() <= PAGE_SIZE);
            listed.extend(rows);
        }
        listed.sort();
        listed.dedup();
        assert_eq!(listed.len(), 125);
        let takeo = page("/?province=Takeo&sort=progress").await;
        assert!(
            takeo.contains(r#"href="/?province=Takeo&amp;sort=progress&amp;page=2""#),
            "{takeo}"
        );
    })
}

/// The map on the comparison: one outline per province of the core's list, the provinces with
/// partners shaded and linked to the comparison filtered by them, in the reader's language.
#[test]
fn the_map_draws_every_province_and_links_those_with_partners() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("map").await;
        let page = |uri: &'static str, cookie: Option<&'static str>| {
            let mut req = w.request(Caller::Viewer, "GET", uri, "");
            if let Some(c) = cookie {
                let both = format!("{}; {c}", req.headers()[header::COOKIE].to_str().unwrap());
                req.headers_mut()
                    .insert(header::COOKIE, both.parse().unwrap());
            }
            let router = router.clone();
            async move { body_text(router.oneshot(req).await.unwrap()).await }
        };
        let body = page("/compare", None).await;
        let start = body.find("data-testid=\"province-map\"").expect("the map");
        let map = &body[start..start + body[start..].find("</figure>").unwrap()];
        let attr = |tag: &str, name: &str| -> Option<String> {
            let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
            Some(tag[at..at + tag[at..].find('"')?].to_string())
        };
        // Each element carrying a province: (its tag name, province, class, link).
        let shapes: Vec<(String, String, String, Option<String>)> = map
            .split('<')
            .filter(|tag| tag.contains("data-province="))
            .map(|tag| {
                let name = tag.split([' ', '>']).next().unwrap().to_string();
                (
                    name,
                    attr(tag, "data-province").unwrap(),
                    attr(tag, "class").unwrap(),
                    attr(tag, "href"),
                )
            })
            .collect();
        let drawn: std::collections::BTreeSet<&str> = shapes.iter().map(|s| s.1.as_str()).collect();
        let listed: std::collections::BTreeSet<&str> =
            homeward_core::Province::all().map(|p| p.en()).collect();
        assert_eq!(drawn, listed);
        assert_eq!(shapes.len(), listed.len(), "one outline each");
        let with_partners: std::collections::BTreeSet<String> = store
            .rcis()
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.value.province.to_string())
            .collect();
        assert!(!with_partners.is_empty());
        for (tag, province, class, href) in &shapes {
            if with_partners.contains(province) {
                assert_eq!(tag, "a", "{province}");
                assert!(!class.contains("shade-0"), "{province}: {class}");
                let wanted = format!("/compare?province={}#provinces", province.replace(' ', "+"));
                assert_eq!(href.as_deref(), Some(wanted.as_str()), "{province}");
            } else {
                assert_eq!(
                    (tag.as_str(), class.as_str()),
                    ("path", "province shade-0"),
                    "{province}"
                );
            }
        }
        // Shaded by children in care, the switch says so and keeps the filter in its links.
        let by_care = page("/compare?stage=2&map=in_care", None).await;
        assert!(
            by_care.contains("data-measure=\"in_care\" aria-current=\"true\"")
                || by_care.contains("aria-current=\"true\" data-measure=\"in_care\"")
        );
        assert!(by_care.contains("href=\"/compare?stage=2&amp;map=in_families#provinces\""));
        // In Khmer, provinces are named in Khmer.
        let khmer = page("/compare", Some("homeward_lang=km")).await;
        let kh_start = khmer.find("data-testid=\"province-map\"").unwrap();
        assert!(khmer[kh_start..].contains("បាត់ដំបង៖ "));
    })
}

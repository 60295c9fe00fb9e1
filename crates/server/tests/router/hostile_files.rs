//! Files made to stop the server, each built here and a few kilobytes (or, the last, as large as
//! an upload may be): every one is refused within seconds with a clear message, changing
//! nothing, and the server goes on serving. The real binary, served, is then sent them all
//! while its memory is watched: reading them costs the server itself less than 100 MB.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::StatusCode;

use crate::common::{dump, run, world, Caller};
use crate::imports::{call, page, upload};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// An XLSX file of one sheet ("RCIs") whose sheet body and shared strings are given: the
/// smallest package calamine (and Excel) open.
fn xlsx(sheet_data: &str, shared_strings: &str) -> Vec<u8> {
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let package = "http://schemas.openxmlformats.org/package/2006/relationships";
    let types = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{types}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{types}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{types}.sharedStrings+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{rels}"><sheets><sheet name="RCIs" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rels}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{sheet_data}</worksheet>"#
            ),
        ),
        ("xl/sharedStrings.xml", shared_strings.to_string()),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// Shared strings, the first `Name (English)` (the column an RCIs sheet needs).
fn strings(declared: &str, extra: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{declared}" uniqueCount="{declared}"><si><t>Name (English)</t></si><si><t>Province</t></si>{extra}</sst>"#
    )
}

/// A header row naming the RCIs sheet's columns, then `rows`.
fn sheet(rows: &str, after: &str) -> String {
    format!(
        r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>{rows}</sheetData>{after}"#
    )
}

/// The files of the issue, by what each does to a reader that trusts it.
fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    // 1. Declares a quadrillion shared strings and holds two.
    let declared = xlsx(&sheet("", ""), &strings("1000000000000000", ""));
    // 2. A shared formula whose index is a quadrillion, used by a second cell.
    let si = "1000000000000000";
    let formula = xlsx(
        &sheet(
            &format!(
                r#"<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="{si}">B1</f><v>1</v></c></row><row r="3"><c r="A3"><f t="shared" si="{si}"/><v>1</v></c></row>"#
            ),
            "",
        ),
        &strings("2", ""),
    );
    // 3. One formula of a megabyte shared by 1,149 cells: a reader expanding it for each cell
    //    works for minutes.
    let long = "B1+".repeat(350_000) + "B1";
    let mut cells = format!(
        r#"<row r="2"><c r="A2"><f t="shared" ref="A2:A1150" si="0">{long}</f><v>1</v></c></row>"#
    );
    for r in 3..=1150 {
        cells.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}"><f t="shared" si="0"/><v>1</v></c></row>"#
        ));
    }
    let slow = xlsx(&sheet(&cells, ""), &strings("2", ""));
    // 4. A million merged ranges.
    let mut merged = String::from(r#"<mergeCells count="1000000">"#);
    for r in 2..1_000_002 {
        merged.push_str(&format!(r#"<mergeCell ref="A{r}:B{r}"/>"#));
    }
    merged.push_str("</mergeCells>");
    let merges = xlsx(&sheet("", &merged), &strings("2", ""));
    // 5. One CSV line of nearly five million commas.
    let commas = format!("Name (English){}\n", ",".repeat(5_000_000));
    vec![
        ("declared.xlsx", declared),
        ("formula.xlsx", formula),
        ("slow.xlsx", slow),
        ("merged.xlsx", merges),
        ("commas.csv", commas.into_bytes()),
        ("largest.csv", largest_csv()),
    ]
}

/// As large as an upload may be (just under 5 MB), every one of its 10,000 rows with a problem
/// in every column it has: what costs the server most in planning and wording a refusal.
fn largest_csv() -> Vec<u8> {
    let mut csv = String::from(
        "Name (English),Province,Transition start,MoSVY registration number,Lead adviser,Notes\r\n",
    );
    for row in 1..=10_000 {
        csv.push_str(&format!(
            "Home {row},Nowhere {row},01/02/2026,{row:0>200},Nobody {row},{}\r\n",
            "x".repeat(250)
        ));
    }
    assert!(csv.len() < 5 * 1024 * 1024);
    csv.into_bytes()
}

#[test]
fn files_made_to_stop_the_server_are_refused_within_seconds_changing_nothing() {
    run(async {
        let w = world().await;
        let (store, router) = w.fresh("import-hostile").await;
        let before = dump(&store).await;
        let revision = store.revision().await.unwrap();
        for (name, bytes) in hostile_files() {
            let started = Instant::now();
            let (status, _) = call(&router, upload(&w, Caller::Adviser, name, &bytes)).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{name}");
            let (status, body) = page(&w, &router, Caller::Adviser).await;
            let took = started.elapsed();
            assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {body}");
            assert!(took < Duration::from_secs(5), "{name} took {took:?}");
            assert!(
                body.len() < 50_000,
                "{name}: a refusal of {} bytes",
                body.len()
            );
            let expected = match name {
                "declared.xlsx" | "formula.xlsx" | "slow.xlsx" => {
                    "Homeward stopped reading this file"
                }
                "merged.xlsx" => "RCIs: merged cells (A2:B2, A3:B3, A4:B4, A5:B5, A6:B6 … +999995)",
                "commas.csv" => "uses more than 64 columns",
                _ => "rows 2, 3, 4, 5, 6 and 9995 more, Transition start: '01/02/",
            };
            assert!(
                body.contains(expected),
                "{name}: {expected}\nnot in\n{body}"
            );
        }
        let (status, body) = page(&w, &router, Caller::Adviser).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "still serving: {body}");
        assert_eq!(dump(&store).await, before, "refusals change nothing");
        assert_eq!(
            store.revision().await.unwrap(),
            revision,
            "not even the revision"
        );
    })
}

/// A file with one new partner and nothing wrong.
const ORDINARY: &[u8] =
    b"Name (English),Province,Transition start\r\nSunrise Home,Kampot,2026-01-05\r\n";

#[test]
fn a_file_whose_name_is_long_is_read_by_its_extension() {
    run(async {
        let w = world().await;
        let (_store, router) = w.fresh("import-long-name").await;
        let name = format!("{}.csv", "partners of the organisation ".repeat(7));
        assert!(name.len() > 180);
        call(&router, upload(&w, Caller::Adviser, &name, ORDINARY)).await;
        let (status, body) = page(&w, &router, Caller::Adviser).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains("Sunrise Home"), "{body}");
        assert!(
            body.contains("partners of the organisation partners"),
            "{body}"
        );
    })
}

/// The `homeward` binary serving a fresh demo database on a free port of this machine.
struct Served {
    child: Child,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Served {
    fn start() -> Served {
        let dir = tempfile::tempdir().unwrap();
        let addr = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_homeward"))
            .arg("serve")
            .env("HOMEWARD_DB", dir.path().join("homeward.db"))
            .env("HOMEWARD_DEMO", "1")
            .env("LEPTOS_OUTPUT_NAME", "homeward")
            .env("LEPTOS_SITE_ADDR", addr.to_string())
            .env("LEPTOS_SITE_ROOT", dir.path().join("site"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let served = Served {
            child,
            addr,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        while served
            .send(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .0
            != 200
        {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(200));
        }
        served
    }

    /// Sends one request; its status (0 when there was no answer) and head.
    fn send(&self, request: &[u8]) -> (u16, String) {
        let Ok(mut stream) = TcpStream::connect(self.addr) else {
            return (0, String::new());
        };
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        if stream.write_all(request).is_err() {
            return (0, String::new());
        }
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        let head = answer
            .split("\r\n\r\n")
            .next()
            .unwrap_or_default()
            .to_string();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head)
    }

    fn get(&self, path: &str, cookie: &str) -> u16 {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        self.send(request.as_bytes()).0
    }

    fn sign_in(&self) -> String {
        let body = format!(
            "login=demo.adviser&password={}&next=/",
            homeward_store::demo::DEMO_PASSWORD
        );
        let request = format!(
            "POST /login HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {1}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        let (_, head) = self.send(request.as_bytes());
        head.lines()
            .filter_map(|l| {
                l.strip_prefix("set-cookie: ")
                    .or(l.strip_prefix("Set-Cookie: "))
            })
            .map(|c| c.split(';').next().unwrap_or_default().to_string())
            .find(|c| c.contains("session"))
            .unwrap_or_else(|| panic!("no session in {head}"))
    }

    fn upload(&self, cookie: &str, name: &str, bytes: &[u8]) -> u16 {
        let boundary = "homeward-hostile";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let mut request = format!(
            "POST /import HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {1}\r\nConnection: close\r\n\r\n",
            self.addr,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(&body);
        self.send(&request).0
    }

    /// The server process's memory now (`VmRSS`) or at its highest (`VmHWM`), in bytes.
    fn memory(&self, which: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status
            .lines()
            .find(|l| l.starts_with(which))
            .unwrap_or_else(|| panic!("no {which} in {status}"));
        let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        kb * 1024
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_served_binary_reads_them_all_within_100_mb_and_goes_on_serving() {
    let files = hostile_files();
    let served = Served::start();
    let cookie = served.sign_in();
    // Warm up: a page and an ordinary file, so the baseline holds what serving always holds.
    assert_eq!(served.get("/import", &cookie), 200);
    assert_eq!(served.upload(&cookie, "ordinary.csv", ORDINARY), 303);
    assert_eq!(served.get("/import", &cookie), 200);
    let baseline = served.memory("VmRSS");
    for (name, bytes) in &files {
        let started = Instant::now();
        assert_eq!(served.upload(&cookie, name, bytes), 303, "{name}");
        assert_eq!(served.get("/import", &cookie), 400, "{name}");
        assert!(started.elapsed() < Duration::from_secs(5), "{name}");
    }
    let peak = served.memory("VmHWM");
    assert!(
        peak < baseline + 100 * 1024 * 1024,
        "the server grew from {} MB to a peak of {} MB",
        baseline >> 20,
        peak >> 20
    );
    assert_eq!(served.get("/healthz", ""), 200, "still serving");
    assert_eq!(served.get("/", &cookie), 200, "still serving pages");
}

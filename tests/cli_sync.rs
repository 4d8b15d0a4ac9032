//! The hub and the district's `sync` commands end to end: enrolment and re-enrolment, push,
//! stats, decisions coming down over HTTP and on a file, and a decision that cannot apply; each on
//! the hub's redb store and on PostgreSQL (when `BAKHSHYAR_TEST_POSTGRES` names a server).

mod common;

use std::path::Path;

use common::hub::{HubPlace, Serving, hub};
use common::{bakhshyar_in, ok, refused};

fn en(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    bakhshyar_in(dir, &all)
}

/// Opens a case of service 143, whose first step is the governorate's; its tracking code.
fn open_province_case(dir: &Path) -> String {
    let out = ok(&en(
        dir,
        &["case", "new", "--service", "143", "--applicant-national-id", "0012345679", "--applicant-name", "علی رضایی"],
    ));
    out.split_whitespace().last().unwrap_or_default().replace('-', "")
}

#[test]
fn decisions_come_down_and_move_cases_on_exactly_once_on_redb() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    decisions_come_down_and_move_cases_on_exactly_once(root.path(), &HubPlace::redb(&root.path().join("hub")));
}

#[test]
fn decisions_come_down_and_move_cases_on_exactly_once_on_postgres() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    if let Some(place) = HubPlace::postgres("decisions_come_down") {
        decisions_come_down_and_move_cases_on_exactly_once(root.path(), &place);
    }
}

fn decisions_come_down_and_move_cases_on_exactly_once(root: &Path, hub_dir: &HubPlace) {
    let district = root.join("d");
    assert!(hub(hub_dir, &["init"]).status.success());
    ok(&en(&district, &["init", "--district-code", "21", "--district-name", "بخش"]));
    let key = ok(&en(&district, &["sync", "identity"])).split_whitespace().last().unwrap_or_default().to_owned();
    assert!(
        String::from_utf8_lossy(&hub(hub_dir, &["enroll", "--district", "21", "--key", &key]).stdout)
            .contains("Enrolled district 21")
    );
    let first = open_province_case(&district);
    let second = open_province_case(&district);
    let unknown_hub = refused(&en(&district, &["sync", "export", "--out", root.join("x").to_str().unwrap_or_default()]));
    assert!(unknown_hub.contains("No hub is known"), "{unknown_hub}");
    {
        let serving = Serving::start(hub_dir);
        let pushed = ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
        assert!(pushed.contains("holds events up to 2"), "{pushed}");
    }
    let hub_stats = String::from_utf8_lossy(&hub(hub_dir, &["stats", "--json"]).stdout).into_owned();
    assert!(hub_stats.contains("\"events_held\": 2") && hub_stats.contains("\"last_sequence\": 2"), "{hub_stats}");

    // Over HTTP: the province moves the first case on; a second pull changes nothing.
    assert!(hub(hub_dir, &["decide", "--case", &first, "--to", "t2", "--actor", "استانداری"]).status.success());
    {
        let serving = Serving::start(hub_dir);
        let pulled = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
        assert!(pulled.contains("\"decisions_applied\": 1"), "{pulled}");
        let again = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
        assert!(again.contains("\"decisions_applied\": 0"), "{again}");
    }
    let shown = ok(&en(&district, &["case", "show", &first, "--json"]));
    assert!(shown.contains("\"step\": \"t2\""), "{shown}");
    assert!(shown.contains("استانداری"), "{shown}");

    // On a file: the second case moves on; importing the file twice changes nothing the second time.
    assert!(hub(hub_dir, &["decide", "--case", &second, "--to", "t2", "--actor", "فرمانداری"]).status.success());
    // A decision where the case does not stand at a province step is refused at the district.
    assert!(hub(hub_dir, &["decide", "--case", &first, "--to", "t3", "--actor", "استانداری"]).status.success());
    let reply = root.join("reply.bks");
    assert!(hub(hub_dir, &["export", "--district", "21", "--out", reply.to_str().unwrap_or_default()]).status.success());
    let imported = ok(&en(&district, &["sync", "import", reply.to_str().unwrap_or_default()]));
    assert!(imported.contains("Applied 1 decisions") && imported.contains("set aside"), "{imported}");
    let again = ok(&en(&district, &["sync", "import", reply.to_str().unwrap_or_default()]));
    assert!(again.contains("Applied 0 decisions"), "{again}");
    let status = ok(&en(&district, &["sync", "status", "--json"]));
    assert!(status.contains("\"down_held\": 3") && status.contains("not the county's or the province's"), "{status}");
    assert!(ok(&en(&district, &["case", "show", &second, "--json"])).contains("\"step\": \"t2\""));
    assert!(ok(&en(&district, &["case", "show", &first, "--json"])).contains("\"step\": \"t2\""));

    // A district that lost its key is enrolled again, and the hub records it.
    let lost = root.join("lost");
    ok(&en(&lost, &["init", "--district-code", "21", "--district-name", "بخش"]));
    let new_key = ok(&en(&lost, &["sync", "identity"])).split_whitespace().last().unwrap_or_default().to_owned();
    let again = String::from_utf8_lossy(&hub(hub_dir, &["enroll", "--district", "21", "--key", &new_key]).stdout).into_owned();
    assert!(again.contains("enrolment 2"), "{again}");
    assert!(String::from_utf8_lossy(&hub(hub_dir, &["stats", "--json"]).stdout).contains("\"enrolments\": 2"));
}

#[test]
fn an_unreachable_hub_is_reported_in_persian_and_nothing_leaves_the_outbox() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let district = root.path().join("d");
    ok(&en(&district, &["init", "--district-code", "22", "--district-name", "بخش"]));
    open_province_case(&district);
    // A port nothing listens on: bind one, then let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_or(9, |a| a.port());
    let url = format!("http://127.0.0.1:{port}");
    let error = refused(&bakhshyar_in(&district, &["--lang", "fa", "sync", "push", "--hub", &url]));
    assert!(error.contains("مرکز استان در دسترس نیست"), "{error}");
    assert!(ok(&en(&district, &["sync", "status", "--json"])).contains("\"pending\": 1"));
}

#[test]
fn stats_read_in_solar_hijri_and_abandoned_uploads_go_on_redb() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    stats_read_in_solar_hijri_and_abandoned_uploads_go(root.path(), &HubPlace::redb(&root.path().join("hub")));
}

#[test]
fn stats_read_in_solar_hijri_and_abandoned_uploads_go_on_postgres() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    if let Some(place) = HubPlace::postgres("stats_and_uploads") {
        stats_read_in_solar_hijri_and_abandoned_uploads_go(root.path(), &place);
    }
}

fn stats_read_in_solar_hijri_and_abandoned_uploads_go(root: &Path, place: &HubPlace) {
    let district = root.join("d");
    assert!(hub(place, &["init"]).status.success());
    ok(&en(&district, &["init", "--district-code", "23", "--district-name", "بخش"]));
    let key = ok(&en(&district, &["sync", "identity"])).split_whitespace().last().unwrap_or_default().to_owned();
    assert!(hub(place, &["enroll", "--district", "23", "--key", &key]).status.success());
    let never = String::from_utf8_lossy(&hub(place, &["stats"]).stdout).into_owned();
    assert!(never.contains("last contact never"), "{never}");
    open_province_case(&district);
    {
        let serving = Serving::start(place);
        ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
        // A district begins an upload and never comes back to it.
        assert_eq!(
            http(&serving.url, "PUT", "/v1/uploads/abandoned?offset=0", b"half a batch"),
            (200, r#"{"received":12}"#.into())
        );
    }
    let mut args = vec!["--lang".to_owned(), "fa".to_owned()];
    args.extend(place.args().iter().map(|a| a.to_string_lossy().into_owned()));
    args.push("stats".into());
    let persian = std::process::Command::new(common::hub::HUB).args(&args).output().unwrap_or_else(|e| panic!("{e}"));
    let persian = String::from_utf8_lossy(&persian.stdout).into_owned();
    // Solar Hijri, in Iran's time and Persian digits: this century's years are ۱۴xx.
    let today = bakhshyar::i18n::jalali::JalaliDate::at_iran(chrono::Utc::now()).to_string();
    assert!(persian.contains(&bakhshyar::i18n::digits::to_persian(&today)), "{persian}");
    assert!(!persian.chars().any(|c| c.is_ascii_digit()), "{persian}");
    let json = String::from_utf8_lossy(&hub(place, &["stats", "--json"]).stdout).into_owned();
    assert!(json.contains("\"last_contact\": \"20"), "{json}");
    // Kept while younger than the default day; gone when the hub starts with a shorter age.
    {
        let serving = Serving::start(place);
        assert_eq!(http(&serving.url, "GET", "/v1/uploads/abandoned", b""), (200, r#"{"received":12}"#.into()));
    }
    let serving = Serving::start_with(place, &["--abandoned-upload-hours", "0"]);
    assert_eq!(http(&serving.url, "GET", "/v1/uploads/abandoned", b""), (200, r#"{"received":0}"#.into()));
    // And while it serves: with no age allowed, the sweep comes every second.
    assert_eq!(http(&serving.url, "PUT", "/v1/uploads/later?offset=0", b"abc"), (200, r#"{"received":3}"#.into()));
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(http(&serving.url, "GET", "/v1/uploads/later", b""), (200, r#"{"received":0}"#.into()));
}

/// One HTTP request; the status and the body.
fn http(url: &str, method: &str, path: &str, body: &[u8]) -> (u16, String) {
    use std::io::{Read, Write};
    let address = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap_or_else(|e| panic!("{e}"));
    let head =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body)).unwrap_or_else(|e| panic!("{e}"));
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned())
}

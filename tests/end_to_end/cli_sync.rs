//! The hub and the district's `sync` commands end to end: enrolment and re-enrolment, push,
//! stats, decisions coming down over HTTP and on a file, and a decision that cannot apply; each on
//! the hub's redb store and on PostgreSQL (when `BAKHSHYAR_TEST_POSTGRES` names a server).

use crate::common;
use crate::common::init_district;

use std::path::Path;

use crate::common::hub::{HubPlace, Serving, hub};
use crate::common::{bakhshyar_in, ok, refused};
use bakhshyar::domain::catalog::IssuedDocumentKind;
use bakhshyar::domain::issued::Serial;
use bakhshyar::print::verify::Essentials;
use bakhshyar::signing::DistrictKey;
use bakhshyar::store::Database;
use bakhshyar::sync::auth::{Request, sign};
use chrono::{Duration, Utc};

fn en(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    bakhshyar_in(dir, &all)
}

/// Opens a case of service 143, whose first step is the governorate's, on the letter of the
/// office that asks for it (an internal service); its tracking code.
fn open_province_case(dir: &Path) -> String {
    let out = ok(&en(dir, &crate::common::office_request("143")));
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
    ok(&init_district(&district, "21", "بخش"));
    let key = ok(&en(&district, &["sync", "identity"])).split_whitespace().last().unwrap_or_default().to_owned();
    let enrolled = String::from_utf8_lossy(&hub(hub_dir, &["enroll", "--district", "21", "--key", &key]).stdout).into_owned();
    assert!(enrolled.contains("Enrolled district 21") && enrolled.contains("sync trust --hub-id"), "{enrolled}");
    let first = open_province_case(&district);
    let second = open_province_case(&district);
    let unknown_hub = refused(&en(&district, &["sync", "export", "--out", root.join("x").to_str().unwrap_or_default()]));
    assert!(unknown_hub.contains("has not been given the hub"), "{unknown_hub}");
    // Nor does a hub met on the network teach the district its key: a push is refused the same way.
    {
        let serving = Serving::start(hub_dir);
        let first_contact = refused(&en(&district, &["sync", "push", "--hub", &serving.url]));
        assert!(first_contact.contains("has not been given the hub"), "{first_contact}");
    }
    crate::common::hub::trust_as_printed(&district, &enrolled);
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
    assert!(status.contains("\"down_held\": 3") && status.contains("is not the county's"), "{status}");
    // The push over HTTP, then the reply file read last, which counts as a pull.
    let times: serde_json::Value = serde_json::from_str(&status).unwrap_or_else(|e| panic!("{e}"));
    let at = |key: &str| times[key].as_str().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
    assert!(at("last_push").is_some() && at("last_pull") > at("last_push"), "{status}");
    assert!(ok(&en(&district, &["case", "show", &second, "--json"])).contains("\"step\": \"t2\""));
    assert!(ok(&en(&district, &["case", "show", &first, "--json"])).contains("\"step\": \"t2\""));

    // A district that lost its key is enrolled again, and the hub records it.
    let lost = root.join("lost");
    ok(&init_district(&lost, "21", "بخش"));
    let new_key = ok(&en(&lost, &["sync", "identity"])).split_whitespace().last().unwrap_or_default().to_owned();
    let again = String::from_utf8_lossy(&hub(hub_dir, &["enroll", "--district", "21", "--key", &new_key]).stdout).into_owned();
    assert!(again.contains("enrolment 2"), "{again}");
    assert!(String::from_utf8_lossy(&hub(hub_dir, &["stats", "--json"]).stdout).contains("\"enrolments\": 2"));
}

#[test]
fn an_unreachable_hub_is_reported_in_persian_and_nothing_leaves_the_outbox() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let district = root.path().join("d");
    ok(&init_district(&district, "22", "بخش"));
    // A hub trusted as enrolment would (any well-formed key: nothing answers there anyway).
    let key = ok(&en(&district, &["sync", "identity"])).split_whitespace().last().unwrap_or_default().to_owned();
    ok(&en(&district, &["sync", "trust", "--hub-id", "province-hub", "--key", &key]));
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
    let district = enrolled_district(root, place, "23");
    let never = String::from_utf8_lossy(&hub(place, &["stats"]).stdout).into_owned();
    assert!(never.contains("last contact never"), "{never}");
    open_province_case(&district);
    {
        let serving = Serving::start(place);
        ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
        // A district begins an upload and never comes back to it.
        assert_eq!(
            signed(&serving.url, "PUT", &format!("{ABANDONED}?offset=0"), b"half a batch", &district),
            (200, r#"{"received":12}"#.into())
        );
    }
    let mut args = vec!["--lang".to_owned(), "fa".to_owned()];
    args.extend(place.args().iter().map(|a| a.to_string_lossy().into_owned()));
    args.push("stats".into());
    let persian = std::process::Command::new(common::hub::HUB).args(&args).output().unwrap_or_else(|e| panic!("{e}"));
    let persian = String::from_utf8_lossy(&persian.stdout).into_owned();
    // Solar Hijri, in Iran's time and Persian digits: this century's years are ۱۴xx.
    let today = bakhshyar::i18n::Localizer::shared(bakhshyar::i18n::Language::Persian).day(chrono::Utc::now());
    assert!(persian.contains(&today), "{persian}");
    assert!(!persian.chars().any(|c| c.is_ascii_digit()), "{persian}");
    let json = String::from_utf8_lossy(&hub(place, &["stats", "--json"]).stdout).into_owned();
    assert!(json.contains("\"last_contact\": \"20"), "{json}");
    // Kept while younger than the default day; gone when the hub starts with a shorter age.
    {
        let serving = Serving::start(place);
        assert_eq!(signed(&serving.url, "GET", ABANDONED, b"", &district), (200, r#"{"received":12}"#.into()));
    }
    let serving = Serving::start_with(place, &["--abandoned-upload-hours", "0"]);
    assert_eq!(signed(&serving.url, "GET", ABANDONED, b"", &district), (200, r#"{"received":0}"#.into()));
    // And while it serves: with no age allowed, the sweep comes every second.
    let later = format!("/v1/uploads/{}", "b".repeat(64));
    assert_eq!(signed(&serving.url, "PUT", &format!("{later}?offset=0"), b"abc", &district), (200, r#"{"received":3}"#.into()));
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(signed(&serving.url, "GET", &later, b"", &district), (200, r#"{"received":0}"#.into()));
}

/// An upload the district never finishes (its id is a SHA-256, of nothing it will send).
const ABANDONED: &str = "/v1/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

/// One HTTP request signed by the district in `dir`; the status and the body.
fn signed(url: &str, method: &str, path: &str, body: &[u8], dir: &Path) -> (u16, String) {
    common::hub::request(url, method, path, body, Some(dir))
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

/// A new hub at `place` and a new district `code` in `root/d`, enrolled there; the district's folder.
fn enrolled_district(root: &Path, place: &HubPlace, code: &str) -> std::path::PathBuf {
    let district = root.join("d");
    assert!(hub(place, &["init"]).status.success());
    ok(&init_district(&district, code, "بخش"));
    crate::common::hub::enroll(place, &district, code);
    district
}

/// Opens a case of service 36 (a permit, generic workflow) and walks it to issuing; its tracking code.
fn issued_permit(dir: &Path) -> String {
    let code = common::open_permit_case(dir, "علی رضایی");
    common::to_issue_step(dir, &code);
    ok(&en(dir, &["case", "issue", &code]));
    code
}

/// The document's QR text and short code, signed with the district's key from its real store.
fn codes(dir: &Path, case: &str, serial: Serial) -> (String, String) {
    let db = Database::open(dir).unwrap_or_else(|e| panic!("{e}"));
    let key = db.signing_key().unwrap_or_else(|e| panic!("{e}"));
    let essentials = Essentials {
        district: db.district_code().to_owned(),
        serial,
        case: case.to_owned(),
        kind: IssuedDocumentKind::Permit,
        applicant_id: "0012345679".into(),
    };
    let signature = essentials.sign(&key);
    (essentials.qr_text(&signature), essentials.short_code(&signature))
}

/// GET of a district's down bundle, signed as given; the status code.
fn download(url: &str, path: &str, signed: Option<&bakhshyar::sync::auth::Signed>) -> u16 {
    use bakhshyar::sync::auth::{BODY_HEADER, DISTRICT_HEADER, SIGNATURE_HEADER, TIME_HEADER};
    let mut request = ureq::get(&format!("{url}{path}"));
    if let Some(signed) = signed {
        request = request
            .set(DISTRICT_HEADER, &signed.district)
            .set(TIME_HEADER, &signed.time)
            .set(BODY_HEADER, &signed.body)
            .set(SIGNATURE_HEADER, &signed.signature);
    }
    match request.call() {
        Ok(response) => response.status(),
        Err(ureq::Error::Status(status, _)) => status,
        Err(error) => panic!("{error}"),
    }
}

/// `GET /v1/verify/{code}` of a serving hub.
fn hub_verdict(url: &str, code: &str) -> serde_json::Value {
    let response = ureq::get(&format!("{url}/v1/verify/{code}")).call().unwrap_or_else(|e| panic!("{e}"));
    response.into_json().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_revocation_comes_down_the_hub_verifies_codes_and_downloads_are_signed_on_redb() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    a_revocation_comes_down_the_hub_verifies_codes_and_downloads_are_signed(
        root.path(),
        &HubPlace::redb(&root.path().join("hub")),
    );
}

#[test]
fn a_revocation_comes_down_the_hub_verifies_codes_and_downloads_are_signed_on_postgres() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    if let Some(place) = HubPlace::postgres("revocation") {
        a_revocation_comes_down_the_hub_verifies_codes_and_downloads_are_signed(root.path(), &place);
    }
}

fn a_revocation_comes_down_the_hub_verifies_codes_and_downloads_are_signed(root: &Path, hub_dir: &HubPlace) {
    let district = enrolled_district(root, hub_dir, "23");
    let case = issued_permit(&district);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&en(&district, &["case", "show", &case, "--json"]))).unwrap_or_else(|e| panic!("{e}"));
    let serial: Serial = serde_json::from_value(shown["documents"][0]["serial"].clone()).unwrap_or_else(|e| panic!("{e}"));
    let (full, short) = codes(&district, &case, serial);
    let serial_text = serial.to_string();

    let unknown = hub(hub_dir, &["verify", &full, "--json"]);
    assert!(common::stdout(&unknown).contains("\"unknown\""), "not yet synced: {unknown:?}");
    let serving = Serving::start(hub_dir);
    ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
    // Downloads: only the district, signed, and fresh.
    let path = "/v1/districts/23/down?after=0";
    let down = Request { method: "GET", path };
    let db_key = Database::open(&district).and_then(|db| db.signing_key()).unwrap_or_else(|e| panic!("{e}"));
    let at = |back: Duration| (Utc::now() - back).timestamp_millis();
    assert_eq!(download(&serving.url, path, None), 401);
    let fresh = sign("23", &db_key, down, b"", at(Duration::zero()));
    assert_eq!(download(&serving.url, path, Some(&fresh)), 200);
    assert_eq!(download(&serving.url, path, Some(&fresh)), 401, "taken once");
    let stale = sign("23", &db_key, down, b"", at(Duration::minutes(6)));
    assert_eq!(download(&serving.url, path, Some(&stale)), 401);
    let stranger = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(download(&serving.url, path, Some(&sign("23", &stranger, down, b"", at(Duration::zero())))), 401);
    let other_path = "/v1/districts/23/down?after=5";
    assert_eq!(download(&serving.url, other_path, Some(&sign("23", &db_key, down, b"", at(Duration::zero())))), 401);
    // Over HTTP, the hub verifies every district's codes.
    let answer: serde_json::Value = hub_verdict(&serving.url, &full);
    assert_eq!(answer["status"], "genuine", "{answer}");
    serving.stop();

    // At the command line: the QR text and the short code, both checked exactly.
    let genuine = hub(hub_dir, &["verify", &full]);
    assert!(genuine.status.success() && common::stdout(&genuine).contains("genuine"), "{genuine:?}");
    let genuine = hub(hub_dir, &["verify", &short]);
    assert!(genuine.status.success() && common::stdout(&genuine).contains("genuine"), "{genuine:?}");
    let forged = full.replacen("0012345679", "1234567891", 1);
    assert!(common::stdout(&hub(hub_dir, &["verify", &forged])).contains("forged"));

    // The governorate revokes; the hub says so at once, the district once it pulls.
    assert!(!hub(hub_dir, &["revoke", "--district", "23", "--serial", "1405-999999", "--reason", "x"]).status.success());
    let revoked = hub(hub_dir, &["revoke", "--district", "23", "--serial", &serial_text, "--reason", "جعل مدارک"]);
    assert!(common::stdout(&revoked).contains(&case), "{revoked:?}");
    let serving = Serving::start(hub_dir);
    let asked = en(&district, &["verify", &full, "--hub", &serving.url]);
    assert_eq!(asked.status.code(), Some(1));
    let said = common::stdout(&asked);
    assert!(said.contains("Genuine") && said.contains("revoked") && said.contains("knows more"), "{said}");
    assert!(said.contains("as of the district's last sync on") && !said.contains("جعل"), "{said}");
    let pulled = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
    assert!(pulled.contains("\"revocations_applied\": 1"), "{pulled}");
    let again = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
    assert!(again.contains("\"revocations_applied\": 0") && again.contains("\"quarantined\": []"), "{again}");
    let offline = en(&district, &["verify", &short]);
    assert_eq!(offline.status.code(), Some(1));
    assert!(common::stdout(&offline).contains("جعل مدارک"), "{}", common::stdout(&offline));
    let history = ok(&en(&district, &["case", "show", &case, "--json"]));
    assert!(history.contains("hub:province-hub:1"), "{history}");
    ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
    let confirmed: serde_json::Value = hub_verdict(&serving.url, &full);
    assert_eq!((&confirmed["status"], &confirmed["revocation_pending"]), (&"revoked".into(), &false.into()), "{confirmed}");
    // Another district's code is answered by the hub alone.
    let other = root.join("other");
    ok(&init_district(&other, "24", "بخش دیگر"));
    let from_other = en(&other, &["verify", &full, "--hub", &serving.url, "--json"]);
    assert_eq!(from_other.status.code(), Some(1));
    assert!(common::stdout(&from_other).contains("\"status\": \"revoked\""), "{from_other:?}");

    // A revocation that cannot apply (the document was replaced by a correction meanwhile) is set
    // aside with its reason; the batch is still taken.
    let second = issued_permit(&district);
    ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
    serving.stop();
    let second_serial = Serial { number: serial.number + 1, ..serial }.to_string();
    ok(&en(&district, &["case", "issue", &second, "--supersedes", &second_serial]));
    assert!(hub(hub_dir, &["revoke", "--district", "23", "--serial", &second_serial, "--reason", "خطا"]).status.success());
    let serving = Serving::start(hub_dir);
    let set_aside = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
    assert!(set_aside.contains("\"revocations_applied\": 0") && set_aside.contains("no longer the one in force"), "{set_aside}");
    serving.stop();
    let status = ok(&bakhshyar_in(&district, &["sync", "status"]));
    assert!(status.contains("۱۴۰") && !status.contains("+00:00"), "Solar Hijri, Persian digits: {status}");
    let json = ok(&en(&district, &["sync", "status", "--json"]));
    assert!(json.contains("\"down_held\": 2") && json.contains("+00:00"), "{json}");
}

#[test]
fn the_hub_checks_short_codes_exactly_says_nothing_more_and_limits_each_address_on_redb() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    the_hub_checks_short_codes_exactly_says_nothing_more_and_limits_each_address(
        root.path(),
        &HubPlace::redb(&root.path().join("hub")),
    );
}

#[test]
fn the_hub_checks_short_codes_exactly_says_nothing_more_and_limits_each_address_on_postgres() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    if let Some(place) = HubPlace::postgres("verify_exactly") {
        the_hub_checks_short_codes_exactly_says_nothing_more_and_limits_each_address(root.path(), &place);
    }
}

/// Issue 15, finding 6: a short code with another serial's letters was answered as issued and in
/// force, and every answer named the case, the kind and the issue time, so walking serials listed
/// a district's documents.
fn the_hub_checks_short_codes_exactly_says_nothing_more_and_limits_each_address(root: &Path, place: &HubPlace) {
    let district = enrolled_district(root, place, "26");
    let first = issued_permit(&district);
    let second = issued_permit(&district);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&en(&district, &["case", "show", &first, "--json"]))).unwrap_or_else(|e| panic!("{e}"));
    let serial: Serial = serde_json::from_value(shown["documents"][0]["serial"].clone()).unwrap_or_else(|e| panic!("{e}"));
    let (full, short) = codes(&district, &first, serial);
    let serving = Serving::start(place);
    ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
    let verify = |code: &str| http(&serving.url, "GET", &format!("/v1/verify/{code}"), b"");
    let status = |body: &str| -> String {
        let value: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
        value["status"].as_str().unwrap_or_default().to_owned()
    };

    // The next serial (issued, in force) with the first one's letters: a code nobody was given.
    let next = Serial { number: serial.number + 1, ..serial };
    let borrowed = short.replacen(&serial.to_string(), &next.to_string(), 1);
    let (code, body) = verify(&borrowed);
    assert_eq!((code, status(&body)), (200, "forged".to_owned()), "{borrowed}: {body}");
    // The right short code, and the QR text, are genuine.
    let (code, body) = verify(&short);
    assert_eq!((code, status(&body)), (200, "genuine".to_owned()), "{body}");
    let (code, body) = verify(&full);
    assert_eq!((code, status(&body)), (200, "genuine".to_owned()), "{body}");
    // The district asks the hub too and both agree.
    let asked = en(&district, &["verify", &short, "--hub", &serving.url]);
    assert!(asked.status.success(), "{}{}", common::stdout(&asked), common::stderr(&asked));
    // Walking serials with the letters of one document: no case code, kind, time or name in any answer.
    let letters = short.rsplit('-').next().unwrap_or_default().to_owned();
    let mut walked = Vec::new();
    for number in 1..=4 {
        let code = format!("26-{}-{letters}", Serial { number, ..serial });
        let (status_code, body) = verify(&code);
        assert_eq!(status_code, 200, "{body}");
        let flat = body.replace('-', "");
        for secret in [&first, &second] {
            assert!(!flat.contains(&secret.replace('-', "")), "a case code in {body}");
        }
        for word in ["case", "kind", "permit", "issued", "0012345679", "علی", "applicant", "reason"] {
            assert!(!body.contains(word), "{word} in {body}");
        }
        walked.push(status(&body));
    }
    let expected = ["genuine", "forged", "unknown", "unknown"];
    assert_eq!(walked, expected.map(String::from), "serial {serial} first");

    // One address asking over and over is turned away with 429 within a minute's allowance.
    let mut turned_away = None;
    for n in 0..70 {
        let (code, body) = verify(&short);
        if code == 429 {
            turned_away = Some((n, body));
            break;
        }
        assert_eq!(code, 200, "{body}");
    }
    let (n, body) = turned_away.unwrap_or_else(|| panic!("never turned away"));
    assert!(n <= 61, "turned away only after {n} more requests");
    assert!(body.contains("too-many-requests") && body.contains("60"), "{body}");
    // Other routes are not limited.
    assert_eq!(http(&serving.url, "GET", "/v1/hub", b"").0, 200);
}

/// A copy of the built-in catalogue folder with one title changed: a new catalogue version.
fn changed_catalog(into: &Path) -> std::path::PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let dir = into.join("catalog-update");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(&source).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_else(|e| panic!("{e}"));
        let text = if entry.file_name() == "admin-finance.toml" {
            text.replacen("title_fa = \"", "title_fa = \"نو ", 1)
        } else {
            text
        };
        std::fs::write(dir.join(entry.file_name()), text).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

fn catalog_version(dir: &Path, case: &str) -> String {
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&en(dir, &["case", "show", case, "--json"]))).unwrap_or_else(|e| panic!("{e}"));
    shown["catalog_version"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_catalogue_version_comes_down_for_new_cases_and_open_cases_move_only_when_migrated_on_redb() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    a_catalogue_version_comes_down_for_new_cases_and_open_cases_move_only_when_migrated(
        root.path(),
        &HubPlace::redb(&root.path().join("hub")),
    );
}

#[test]
fn a_catalogue_version_comes_down_for_new_cases_and_open_cases_move_only_when_migrated_on_postgres() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    if let Some(place) = HubPlace::postgres("catalogue") {
        a_catalogue_version_comes_down_for_new_cases_and_open_cases_move_only_when_migrated(root.path(), &place);
    }
}

fn a_catalogue_version_comes_down_for_new_cases_and_open_cases_move_only_when_migrated(root: &Path, hub_dir: &HubPlace) {
    let district = enrolled_district(root, hub_dir, "25");
    let old_case = open_province_case(&district);
    let built_in = catalog_version(&district, &old_case);

    // A broken catalogue is refused at the hub: nothing goes down.
    let broken = root.join("broken");
    std::fs::create_dir_all(&broken).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(broken.join("catalog.toml"), "format = 1\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hub(hub_dir, &["publish-catalog", broken.to_str().unwrap_or_default()]).status.code(), Some(1));
    let update = changed_catalog(root);
    let published = hub(hub_dir, &["publish-catalog", update.to_str().unwrap_or_default()]);
    assert!(common::stdout(&published).contains("to 1 districts"), "{published:?}");

    let serving = Serving::start(hub_dir);
    let pulled = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
    assert!(pulled.contains("\"catalogs_installed\": 1"), "{pulled}");
    assert!(ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"])).contains("\"catalogs_installed\": 0"));
    serving.stop();

    // New cases follow the new version at once; the open case keeps its own until migrated.
    let new_case = open_province_case(&district);
    let updated = catalog_version(&district, &new_case);
    assert_ne!(updated, built_in);
    assert_eq!(catalog_version(&district, &old_case), built_in);
    let migrated = ok(&en(&district, &["case", "migrate", &old_case]));
    assert!(migrated.contains(&updated), "{migrated}");
    assert_eq!(catalog_version(&district, &old_case), updated);
    let again = refused(&en(&district, &["case", "migrate", &old_case]));
    assert!(again.contains("already on catalogue version"), "{again}");
    assert!(ok(&en(&district, &["case", "show", &old_case])).contains("moved from catalogue version"));
    ok(&en(&district, &["check"]));
}

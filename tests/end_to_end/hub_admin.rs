//! Issue 15, "Also": the hub's administration while `serve` runs. On redb the serving process holds
//! the store's file, so the command line sends its command to the running hub (`POST /v1/admin`,
//! with the token `serve` wrote to `admin.json`) and prints what the hub answers; on PostgreSQL it
//! opens the store itself beside the serving process.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::hub::{HubPlace, Serving, enroll, hub, hub_command, trust_as_printed};
use crate::common::{bakhshyar_in, init_district, ok, stderr, stdout};

fn en(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    bakhshyar_in(dir, &all)
}

/// The hub with `args` in `language`, run from the folder `cwd` (relative paths are relative to it).
fn hub_in(place: &HubPlace, cwd: &Path, language: &str, args: &[&str]) -> Output {
    hub_command(place, language).current_dir(cwd).args(args).output().unwrap_or_else(|e| panic!("cannot run bakhshyar-hub: {e}"))
}

/// Opens a case of service 143, whose first step is the governorate's, on the letter of the
/// office that asks for it (an internal service); its tracking code.
fn open_province_case(dir: &Path) -> String {
    let out = ok(&en(dir, &crate::common::office_request("143")));
    out.split_whitespace().last().unwrap_or_default().replace('-', "")
}

/// Opens a case of service 36 and walks it to issuing; its tracking code.
fn issued_permit(dir: &Path) -> String {
    let code = crate::common::open_permit_case(dir, "علی رضایی");
    crate::common::to_issue_step(dir, &code);
    ok(&en(dir, &["case", "issue", &code]));
    code
}

/// One request to `/v1/admin` at `url` with `authorization` (the whole header value) when given.
fn admin_request(url: &str, authorization: Option<&str>, body: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let address = url.trim_start_matches("http://");
    let mut head = format!(
        "POST /v1/admin HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(value) = authorization {
        head.push_str(&["Authorization: ", value, "\r\n"].concat());
    }
    head.push_str("\r\n");
    let mut stream = std::net::TcpStream::connect(address).unwrap_or_else(|e| panic!("{e}"));
    stream.write_all(head.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let _ = stream.write_all(body.as_bytes());
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned())
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

#[test]
fn the_hub_is_administered_while_it_serves_on_redb() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = root.path();
    let hub_dir = root.join("hub");
    let place = HubPlace::redb(&hub_dir);
    assert!(hub(&place, &["init"]).status.success());
    let district = root.join("d");
    ok(&init_district(&district, "21", "بخش"));
    let key = ok(&en(&district, &["sync", "identity"])).split_whitespace().last().unwrap_or_default().to_owned();

    let serving = Serving::start(&place);
    let admin_file = hub_dir.join("admin.json");
    assert!(admin_file.is_file(), "serve wrote no admin.json");
    #[cfg(unix)]
    assert_eq!(mode_of(&admin_file), 0o600);
    let admin: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&admin_file).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    let token = admin["token"].as_str().unwrap_or_default().to_owned();
    assert_eq!(token.len(), 64, "{admin}");
    assert!(serving.url.ends_with(admin["address"].as_str().unwrap_or("none")), "{admin} {}", serving.url);

    // Enrolment with a sheet given by a relative path: written where the command was run.
    let enrolled = hub_in(&place, root, "en", &["enroll", "--district", "21", "--key", &key, "--sheet", "sheet.pdf"]);
    assert!(enrolled.status.success(), "{}{}", stdout(&enrolled), stderr(&enrolled));
    let printed = stdout(&enrolled);
    assert!(printed.contains("Enrolled district 21") && printed.contains("sync trust --hub-id"), "{printed}");
    assert!(root.join("sheet.pdf").is_file(), "no sheet");
    trust_as_printed(&district, &printed);

    // A decision while serving; the district pulls it from the same running hub.
    let case = open_province_case(&district);
    ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
    let stats = hub_in(&place, root, "en", &["stats", "--json"]);
    assert!(stats.status.success(), "{}{}", stdout(&stats), stderr(&stats));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&stats)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats[0]["events_held"], 1, "{stats}");
    let decided = hub_in(&place, root, "en", &["decide", "--case", &case, "--to", "t2", "--actor", "استانداری"]);
    assert!(stdout(&decided).contains("Recorded the decision"), "{}{}", stdout(&decided), stderr(&decided));
    let pulled = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
    assert!(pulled.contains("\"decisions_applied\": 1"), "{pulled}");
    assert!(ok(&en(&district, &["case", "show", &case, "--json"])).contains("\"step\": \"t2\""));

    // A refusal travels back with its words and its exit code.
    let unknown = hub_in(&place, root, "en", &["decide", "--case", "00219999000001", "--to", "t2", "--actor", "x"]);
    assert_eq!(unknown.status.code(), Some(1), "{unknown:?}");
    assert!(stderr(&unknown).contains("Error:"), "{}", stderr(&unknown));

    // A revocation while serving, pulled by the district.
    let permit = issued_permit(&district);
    ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&en(&district, &["case", "show", &permit, "--json"]))).unwrap_or_else(|e| panic!("{e}"));
    let serial = format!(
        "{}",
        serde_json::from_value::<bakhshyar::domain::issued::Serial>(shown["documents"][0]["serial"].clone())
            .unwrap_or_else(|e| panic!("{e}"))
    );
    let revoked = hub_in(&place, root, "en", &["revoke", "--district", "21", "--serial", &serial, "--reason", "جعل"]);
    assert!(stdout(&revoked).contains(&permit), "{}{}", stdout(&revoked), stderr(&revoked));
    let pulled = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
    assert!(pulled.contains("\"revocations_applied\": 1"), "{pulled}");

    // The reply file, by a relative path, written where the command was run.
    let exported = hub_in(&place, root, "en", &["export", "--district", "21", "--out", "reply.bks"]);
    assert!(exported.status.success(), "{}{}", stdout(&exported), stderr(&exported));
    let imported = ok(&en(&district, &["sync", "import", root.join("reply.bks").to_str().unwrap_or_default()]));
    assert!(imported.contains("Applied 0 decisions"), "{imported}");

    // The route itself: a wrong token, none, or another scheme, is refused in the API's shape.
    let body = r#"{"lang":"en","act":{"stats":{"json":true}}}"#;
    for authorization in
        [None, Some("Bearer 00"), Some(&*format!("Bearer {}", "ab".repeat(32))), Some(&*format!("Basic {token}"))]
    {
        let (code, answer) = admin_request(&serving.url, authorization, body);
        assert_eq!(code, 401, "{authorization:?}: {answer}");
        assert!(answer.contains("\"error\"") && !answer.contains("events_held"), "{answer}");
    }
    let (code, answer) = admin_request(&serving.url, Some(&format!("Bearer {token}")), body);
    assert_eq!(code, 200, "{answer}");
    assert!(answer.contains("events_held") && answer.contains("\"exit\":0"), "{answer}");

    // Without admin.json, the reader is told in Persian that the store is held, and how to stop it.
    std::fs::rename(&admin_file, hub_dir.join("admin.json.away")).unwrap_or_else(|e| panic!("{e}"));
    let held = hub_in(&place, root, "fa", &["stats"]);
    assert_eq!(held.status.code(), Some(1), "{held:?}");
    let said = stderr(&held);
    assert!(said.contains("در دست برنامه‌ی دیگری است") && said.contains("admin.json"), "{said}");
    assert!(!said.contains("Database already open"), "{said}");
    // A hub that does not answer (a stale admin.json) says the same.
    std::fs::write(&admin_file, format!(r#"{{"address":"127.0.0.1:9","token":"{token}"}}"#)).unwrap_or_else(|e| panic!("{e}"));
    let stale = hub_in(&place, root, "en", &["stats"]);
    assert_eq!(stale.status.code(), Some(1), "{stale:?}");
    assert!(stderr(&stale).contains("held by another process"), "{}", stderr(&stale));
    std::fs::rename(hub_dir.join("admin.json.away"), &admin_file).unwrap_or_else(|e| panic!("{e}"));

    // A clean stop removes admin.json; the store is the command line's own again.
    #[cfg(unix)]
    {
        let pid = serving.pid().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().is_ok_and(|s| s.success()));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while admin_file.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(!admin_file.exists(), "admin.json stayed after a clean stop");
    }
    serving.stop();
    let stats = hub_in(&place, root, "en", &["stats", "--json"]);
    assert!(stats.status.success(), "{}{}", stdout(&stats), stderr(&stats));
}

#[test]
fn the_hub_is_administered_while_it_serves_on_postgres() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let Some(place) = HubPlace::postgres("admin_while_serving") else { return };
    assert!(hub(&place, &["init"]).status.success());
    let district = root.path().join("d");
    ok(&init_district(&district, "21", "بخش"));
    let serving = Serving::start(&place);
    // PostgreSQL lets the command line open the store beside the serving process.
    enroll(&place, &district, "21");
    let case = open_province_case(&district);
    ok(&en(&district, &["sync", "push", "--hub", &serving.url]));
    let decided = hub(&place, &["decide", "--case", &case, "--to", "t2", "--actor", "استانداری"]);
    assert!(decided.status.success(), "{}{}", stdout(&decided), stderr(&decided));
    let pulled = ok(&en(&district, &["sync", "pull", "--hub", &serving.url, "--json"]));
    assert!(pulled.contains("\"decisions_applied\": 1"), "{pulled}");
    let stats = hub(&place, &["stats", "--json"]);
    assert!(stdout(&stats).contains("\"events_held\": 1"), "{}{}", stdout(&stats), stderr(&stats));
}

//! A hostile network between a district and its hub (issue 15, finding 1): a proxy on 127.0.0.1
//! that passes every request to the real hub and rewrites each receipt it answers to claim the hub
//! holds a million events, keeping the hub's signature. Before receipts were signed, a district
//! deleted its unsent events on such an answer. Now the district believes only a receipt the hub's
//! key signed for it: the push stops with the Persian alarm, exit non-zero, and nothing is deleted;
//! the same push straight to the hub then delivers every event once.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

use crate::common::hub::{HubPlace, Serving, hub};
use crate::common::init_district;
use crate::common::{bakhshyar_in, ok, open_permit_case, stderr};

mod flood;

/// Reads one HTTP request from the client (headers, then a body as long as Content-Length says).
fn read_request(client: &mut BufReader<TcpStream>) -> Option<(String, Vec<u8>)> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if client.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let end = line == "\r\n";
        head.push_str(&line);
        if end {
            break;
        }
    }
    let length = head
        .lines()
        .find_map(|l| {
            l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("content-length")).map(|(_, v)| v.trim().to_owned())
        })
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    client.read_exact(&mut body).ok()?;
    Some((head, body))
}

/// The hub's answer with every receipt in it claiming a million events held.
fn inflate(response: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(response);
    let Some((head, body)) = text.split_once("\r\n\r\n") else { return response.to_vec() };
    let Ok(mut json) = serde_json::from_str::<serde_json::Value>(body) else { return response.to_vec() };
    if json.get("held").is_none() {
        return response.to_vec();
    }
    json["held"] = serde_json::json!(1_000_000);
    let body = json.to_string();
    let head: Vec<&str> = head.lines().filter(|l| !l.to_ascii_lowercase().starts_with("content-length")).collect();
    format!("{}\r\nContent-Length: {}\r\n\r\n{body}", head.join("\r\n"), body.len()).into_bytes()
}

/// One request at a time, each on a fresh connection to the hub that closes after its answer.
fn serve_lying(listener: &TcpListener, target: &str) {
    for client in listener.incoming().flatten() {
        let mut reader = BufReader::new(client);
        while let Some((head, body)) = read_request(&mut reader) {
            let lines: Vec<&str> =
                head.lines().filter(|l| !l.is_empty() && !l.to_ascii_lowercase().starts_with("connection:")).collect();
            let head = format!("{}\r\nConnection: close\r\n\r\n", lines.join("\r\n"));
            let Ok(mut server) = TcpStream::connect(target) else { return };
            let mut answer = Vec::new();
            if server
                .write_all(head.as_bytes())
                .and_then(|()| server.write_all(&body))
                .and_then(|()| server.read_to_end(&mut answer))
                .is_err()
            {
                return;
            }
            if reader.get_mut().write_all(&inflate(&answer)).is_err() {
                break;
            }
        }
    }
}

#[test]
fn a_receipt_inflated_on_the_way_deletes_nothing_and_raises_the_alarm() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (place, district) = crate::common::hub::hub_and_district(root.path());
    for name in ["علی رضایی", "مریم احمدی", "زهرا کاظمی"] {
        open_permit_case(&district, name);
    }
    let serving = Serving::start(&place);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let proxy = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
    let target = serving.url.trim_start_matches("http://").to_owned();
    std::thread::spawn(move || serve_lying(&listener, &target));

    let lied_to = bakhshyar_in(&district, &["sync", "push", "--hub", &proxy]);
    assert_ne!(lied_to.status.code(), Some(0), "a forged receipt must fail the push: {}", stderr(&lied_to));
    assert!(stderr(&lied_to).contains("امضای معتبر هاب"), "{}", stderr(&lied_to));
    let status: serde_json::Value =
        serde_json::from_str(&ok(&bakhshyar_in(&district, &["sync", "status", "--json"]))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status["pending"], 3, "nothing deleted on the forged receipt: {status}");

    ok(&bakhshyar_in(&district, &["sync", "push", "--hub", &serving.url]));
    let status: serde_json::Value =
        serde_json::from_str(&ok(&bakhshyar_in(&district, &["sync", "status", "--json"]))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((status["pending"].as_u64(), status["acked"].as_u64()), (Some(0), Some(3)), "{status}");
    serving.stop();
    let held = place.open().held_count("21").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(held, 3, "every event reached the hub once");
}

/// Enrollment takes only a district code `init` would take, and a key no other district has
/// (issue 15, finding 8); a push whose batch the hub sets aside (a key the hub does not hold for
/// the district) exits non-zero.
#[test]
fn enrollment_refuses_bad_codes_and_a_key_in_use_and_a_set_aside_push_fails() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let place = HubPlace::redb(&root.path().join("hub"));
    assert!(hub(&place, &["init"]).status.success());
    let (first, second) = (root.path().join("a"), root.path().join("b"));
    ok(&init_district(&first, "21", "بخش"));
    ok(&init_district(&second, "22", "بخش"));
    let identity = |dir: &std::path::Path| {
        ok(&bakhshyar_in(dir, &["sync", "identity"])).split_whitespace().last().unwrap_or_default().to_owned()
    };
    let (key_a, key_b) = (identity(&first), identity(&second));
    for bad in ["../../etc", "", "12a", "١٢"] {
        let refused = hub(&place, &["enroll", "--district", bad, "--key", &key_a]);
        assert_eq!(refused.status.code(), Some(1), "«{bad}» was enrolled");
        assert!(String::from_utf8_lossy(&refused.stderr).contains("is not a district code"), "{refused:?}");
    }
    assert!(hub(&place, &["enroll", "--district", "21", "--key", &key_a]).status.success());
    let taken = hub(&place, &["enroll", "--district", "22", "--key", &key_a]);
    assert_eq!(taken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("district 21 already"), "{taken:?}");
    // District 22 enrolled with 21's key by mistake is refused; with a key of its own it is taken.
    assert!(hub(&place, &["enroll", "--district", "22", "--key", &key_b]).status.success());
    assert!(hub(&place, &["enroll", "--district", "21", "--key", &key_a]).status.success(), "re-enrolling keeps it");

    // A district whose enrolled key is not its own: its batch is set aside, and the push fails.
    let third = root.path().join("c");
    ok(&init_district(&third, "23", "بخش"));
    let stranger = root.path().join("s");
    ok(&init_district(&stranger, "99", "بخش"));
    let enrolled = hub(&place, &["enroll", "--district", "23", "--key", &identity(&stranger)]);
    crate::common::hub::trust_as_printed(&third, &String::from_utf8_lossy(&enrolled.stdout));
    open_permit_case(&third, "علی رضایی");
    let serving = Serving::start(&place);
    let pushed = bakhshyar_in(&third, &["sync", "push", "--hub", &serving.url]);
    assert_eq!(pushed.status.code(), Some(1), "a set-aside push must fail: {}", String::from_utf8_lossy(&pushed.stdout));
    serving.stop();
}

/// The fingerprints (`7K3M-0QXZ-…`: eight groups of four letters) in `text`, in order.
fn fingerprints(text: &str) -> Vec<String> {
    let shaped = |word: &str| {
        let groups: Vec<&str> = word.split('-').collect();
        groups.len() == 8
            && groups.iter().all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()))
    };
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).filter(|w| shaped(w)).map(str::to_owned).collect()
}

/// Enrolment pins the keys both ways out of band (issue 15, finding 3): the district reads out its
/// key's fingerprint, the hub prints both fingerprints and writes them with the `sync trust` line
/// (text and QR) on a one-page sheet private to its owner, and `sync trust` at the district prints
/// the hub key's fingerprint, the one on the sheet. A refused enrolment leaves no sheet.
#[test]
fn enrollment_prints_both_fingerprints_and_the_sheet_the_district_checks_against() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let place = HubPlace::redb(&root.path().join("hub"));
    let created = hub(&place, &["init"]);
    assert!(created.status.success(), "{created:?}");
    let hub_fingerprint = fingerprints(&String::from_utf8_lossy(&created.stdout));
    assert_eq!(hub_fingerprint.len(), 1, "init prints the hub key's fingerprint: {created:?}");
    let district = root.path().join("d");
    ok(&init_district(&district, "21", "بخش"));

    // The key on standard output, the last word of its one line; the fingerprint beside, for people.
    let identity = bakhshyar_in(&district, &["sync", "identity"]);
    let key = ok(&identity).split_whitespace().last().unwrap_or_default().to_owned();
    assert_eq!(key.len(), 64, "{identity:?}");
    let district_fingerprint = fingerprints(&stderr(&identity));
    assert_eq!(district_fingerprint.len(), 1, "sync identity prints a fingerprint line: {identity:?}");
    assert!(stderr(&identity).contains("اثرانگشت کلید بخش"), "in the reader's language: {identity:?}");

    let refused_sheet = root.path().join("refused.pdf");
    let refused = hub(&place, &["enroll", "--district", "12a", "--key", &key, "--sheet", &refused_sheet.to_string_lossy()]);
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    assert!(!refused_sheet.exists(), "a refused enrolment leaves no sheet");

    let sheet = root.path().join("sheet.pdf");
    let enrolled = hub(&place, &["enroll", "--district", "21", "--key", &key, "--sheet", &sheet.to_string_lossy()]);
    assert!(enrolled.status.success(), "{enrolled:?}");
    let printed = String::from_utf8_lossy(&enrolled.stdout).into_owned();
    assert_eq!(fingerprints(&printed), [hub_fingerprint[0].clone(), district_fingerprint[0].clone()], "{printed}");
    let words: Vec<&str> = printed.split_whitespace().collect();
    let after = |flag: &str| words.iter().position(|w| *w == flag).and_then(|i| words.get(i + 1)).copied().unwrap_or_default();
    let (hub_id, hub_key) = (after("--hub-id"), after("--key"));
    let trust_line = format!("bakhshyar sync trust --hub-id {hub_id} --key {hub_key}");
    assert!(printed.contains(&trust_line), "{printed}");
    assert!(printed.contains(&sheet.display().to_string()), "{printed}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sheet).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
        assert_eq!(mode, 0o600, "the sheet is written private to its owner");
    }
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&sheet)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is not installed: apt-get install poppler-utils ({e})"));
    assert!(text.status.success(), "{text:?}");
    // Without the bidi embeddings and marks pdftotext writes around runs.
    let invisible = |c: &char| ('\u{202A}'..='\u{202E}').contains(c) || matches!(c, '\u{200E}' | '\u{200F}');
    let text: String = String::from_utf8_lossy(&text.stdout).chars().filter(|c| !invisible(c)).collect();
    for shown in [hub_fingerprint[0].as_str(), district_fingerprint[0].as_str(), trust_line.as_str()] {
        assert!(text.contains(shown), "the sheet lacks {shown}: {text}");
    }

    // The line from the sheet, run at the district: the fingerprint it prints is the sheet's.
    let trusted = ok(&bakhshyar_in(&district, &["sync", "trust", "--hub-id", hub_id, "--key", hub_key]));
    assert_eq!(fingerprints(&trusted), [hub_fingerprint[0].clone()], "{trusted}");
}

/// Every request passed on to the hub, as the client sent it, each on a fresh connection.
fn serve_recording(listener: &TcpListener, target: &str, recorded: &std::sync::Mutex<Vec<(String, Vec<u8>)>>) {
    for client in listener.incoming().flatten() {
        let mut reader = BufReader::new(client);
        while let Some((head, body)) = read_request(&mut reader) {
            if let Ok(mut all) = recorded.lock() {
                all.push((head.clone(), body.clone()));
            }
            let Some(answer) = send(target, &head, &body) else { return };
            if reader.get_mut().write_all(&answer).is_err() {
                break;
            }
        }
    }
}

/// One request to `target` on a connection closed after its answer; the answer.
fn send(target: &str, head: &str, body: &[u8]) -> Option<Vec<u8>> {
    let lines: Vec<&str> = head.lines().filter(|l| !l.is_empty() && !l.to_ascii_lowercase().starts_with("connection:")).collect();
    let head = format!("{}\r\nConnection: close\r\n\r\n", lines.join("\r\n"));
    let mut server = TcpStream::connect(target).ok()?;
    let mut answer = Vec::new();
    server.write_all(head.as_bytes()).and_then(|()| server.write_all(body)).ok()?;
    let _ = server.read_to_end(&mut answer);
    Some(answer)
}

/// The district's last contact as the hub's `GET /v1/stats` answers it (from this machine).
fn last_contact(url: &str, district: &str) -> serde_json::Value {
    let (code, answer) = crate::common::hub::request(url, "GET", "/v1/stats", b"", None);
    assert_eq!(code, 200, "{answer}");
    let every: serde_json::Value = serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{e}: {answer}"));
    let line = every.as_array().and_then(|all| all.iter().find(|d| d["district"] == district).cloned());
    line.unwrap_or_else(|| panic!("no line for {district}: {answer}"))["last_contact"].clone()
}

/// Every signed request a district sends, captured on the way and sent again, is refused as a
/// replay (issue 15, finding 5): the upload's chunks, its commit, the receipt and downloads. The
/// hub changes nothing on them, not the district's last contact (which a re-sent batch refreshed
/// before requests were signed), and the district's next push goes through.
#[test]
fn captured_requests_sent_again_are_refused_and_change_no_last_contact() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (place, district) = crate::common::hub::hub_and_district(root.path());
    open_permit_case(&district, "علی رضایی");
    let serving = Serving::start(&place);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let proxy = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
    let target = serving.url.trim_start_matches("http://").to_owned();
    let recorded = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let recording = std::sync::Arc::clone(&recorded);
    std::thread::spawn(move || serve_recording(&listener, &target, &recording));

    ok(&bakhshyar_in(&district, &["sync", "push", "--hub", &proxy]));
    let contact = last_contact(&serving.url, "21");
    assert!(contact.is_string(), "the push was contact: {contact}");
    std::thread::sleep(std::time::Duration::from_millis(1100));

    let captured = recorded.lock().map(|r| r.clone()).unwrap_or_default();
    let signed: Vec<_> = captured.iter().filter(|(head, _)| head.contains("X-Bakhshyar-Signature")).collect();
    let methods: Vec<&str> = signed.iter().filter_map(|(head, _)| head.split_whitespace().next()).collect();
    assert!(methods.contains(&"PUT") && methods.contains(&"POST"), "the upload was captured: {methods:?}");
    let target = serving.url.trim_start_matches("http://");
    for (head, body) in &signed {
        let answer = String::from_utf8_lossy(&send(target, head, body).unwrap_or_default()).into_owned();
        let request = head.lines().next().unwrap_or_default();
        assert!(answer.starts_with("HTTP/1.1 401") && answer.contains("replayed-request"), "{request}: {answer}");
    }
    assert_eq!(last_contact(&serving.url, "21"), contact, "a replay is no contact");
    open_permit_case(&district, "مریم احمدی");
    ok(&bakhshyar_in(&district, &["sync", "push", "--hub", &serving.url]));
    serving.stop();
    assert_eq!(place.open().held_count("21").unwrap_or_else(|e| panic!("{e}")), 2);
}

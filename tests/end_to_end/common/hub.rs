//! The real `bakhshyar-hub`: one command, or `serve` on a free port of 127.0.0.1, on either store:
//! a redb folder, or a fresh PostgreSQL database of its own on the server `BAKHSHYAR_TEST_POSTGRES`
//! names (those tests say they were skipped when it is unset).

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use bakhshyar::hub::store::on_postgres::{ScratchDatabase, TEST_SERVER_VARIABLE};
use bakhshyar::hub::store::{HubStore, Location};

pub const HUB: &str = env!("CARGO_BIN_EXE_bakhshyar-hub");

/// Where a test's hub keeps its store, and the arguments that say so.
pub struct HubPlace {
    pub location: Location,
    args: Vec<OsString>,
    /// Dropped (with its database) when the place is.
    _database: Option<ScratchDatabase>,
    /// A PostgreSQL hub's data folder, for its partial uploads.
    _folder: Option<tempfile::TempDir>,
}

impl HubPlace {
    /// A redb store in the folder `dir`.
    pub fn redb(dir: &Path) -> Self {
        Self {
            location: Location::Dir(dir.to_path_buf()),
            args: vec!["--data-dir".into(), dir.into()],
            _database: None,
            _folder: None,
        }
    }

    /// A fresh PostgreSQL database for `test`, or `None` (the skip said) when no server is named.
    pub fn postgres(test: &str) -> Option<Self> {
        let Some(database) = ScratchDatabase::from_env(test) else {
            eprintln!("skipped: {TEST_SERVER_VARIABLE} is not set, so {test} did not run on PostgreSQL");
            return None;
        };
        let database = database.unwrap_or_else(|e| panic!("{e}"));
        // The store is the database; the data folder holds only what `serve` keeps as files.
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        Some(Self {
            location: Location::Postgres(database.url.clone()),
            args: vec!["--postgres".into(), database.url.clone().into(), "--data-dir".into(), folder.path().into()],
            _database: Some(database),
            _folder: Some(folder),
        })
    }

    /// `redb` or `PostgreSQL`, for what a test prints (never the URL, which holds a password).
    pub fn name(&self) -> &'static str {
        match self.location {
            Location::Dir(_) => "redb",
            Location::Postgres(_) => "PostgreSQL",
        }
    }

    /// `--data-dir DIR` or `--postgres URL`.
    pub fn args(&self) -> &[OsString] {
        &self.args
    }

    /// The store opened in this process (the hub must not be serving when it is redb).
    pub fn open(&self) -> HubStore {
        HubStore::open(&self.location).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// The hub on its store, in `language`, with nothing of the caller's environment choosing another.
pub fn hub_command(place: &HubPlace, language: &str) -> Command {
    let mut command = Command::new(HUB);
    command.args(["--lang", language]).args(place.args()).env_remove("BAKHSHYAR_HUB_DIR").env_remove("BAKHSHYAR_HUB_POSTGRES");
    command
}

/// The hub with `args` on its store, in English.
pub fn hub(place: &HubPlace, args: &[&str]) -> Output {
    hub_command(place, "en").args(args).output().unwrap_or_else(|e| panic!("cannot run bakhshyar-hub: {e}"))
}

/// A serving hub, killed when dropped.
pub struct Serving {
    child: Child,
    pub url: String,
}

impl Serving {
    pub fn start(place: &HubPlace) -> Self {
        Self::start_with(place, &[])
    }

    /// `serve` with more arguments.
    pub fn start_with(place: &HubPlace, more: &[&str]) -> Self {
        let mut child = hub_command(place, "en")
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(more)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the hub: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap_or_else(|e| panic!("{e}"));
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("no address in {line}"));
        Self { url: url.to_owned(), child }
    }

    pub fn stop(self) {
        drop(self);
    }

    /// The serving process's id, to read its memory in `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Enrolls the district in `dir` (code `code`) at the hub and gives it the hub's id and key as
/// enrolment prints them, by `sync trust`: the administrator's steps, so the district trusts this
/// hub and no other.
pub fn enroll(place: &HubPlace, dir: &Path, code: &str) {
    let identity = super::ok(&super::bakhshyar_in(dir, &["sync", "identity"]));
    let key = identity.split_whitespace().last().unwrap_or_else(|| panic!("no key in {identity}"));
    let enrolled = hub(place, &["enroll", "--district", code, "--key", key]);
    assert!(enrolled.status.success(), "{enrolled:?}");
    trust_as_printed(dir, &String::from_utf8_lossy(&enrolled.stdout));
}

/// One HTTP request to the hub at `url`, signed as the district in `dir` signs when `dir` is given
/// (its key from its store), on a connection of its own; the status and the body.
pub fn request(url: &str, method: &str, path: &str, body: &[u8], dir: Option<&Path>) -> (u16, String) {
    use std::io::{Read, Write};
    let address = url.trim_start_matches("http://");
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    if let Some(dir) = dir {
        head.push_str(&signature_headers(dir, method, path, body));
    }
    head.push_str("\r\n");
    let mut stream = std::net::TcpStream::connect(address).unwrap_or_else(|e| panic!("{e}"));
    stream.write_all(head.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    // A request refused before its body is read may find the connection closed.
    let _ = stream.write_all(body);
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned())
}

/// The signature headers (each ending a line) of `method path` with `body` by the district in `dir`.
pub fn signature_headers(dir: &Path, method: &str, path: &str, body: &[u8]) -> String {
    use bakhshyar::sync::auth::{self, BODY_HEADER, DISTRICT_HEADER, SIGNATURE_HEADER, TIME_HEADER};
    let db = bakhshyar::store::Database::open(dir).unwrap_or_else(|e| panic!("{e}"));
    let key = db.signing_key().unwrap_or_else(|e| panic!("{e}"));
    let time = next_signing_time();
    let s = auth::sign(db.district_code(), &key, auth::Request { method, path }, body, time);
    format!(
        "{DISTRICT_HEADER}: {}\r\n{TIME_HEADER}: {}\r\n{BODY_HEADER}: {}\r\n{SIGNATURE_HEADER}: {}\r\n",
        s.district, s.time, s.body, s.signature
    )
}

/// A signing time (Unix ms) later than every one this test process used: the hub takes a
/// district's request only when it is later than the last it took.
pub fn next_signing_time() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static LAST: AtomicI64 = AtomicI64::new(0);
    let now = chrono::Utc::now().timestamp_millis();
    let mut next = now;
    let _ = LAST.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
        next = now.max(last + 1);
        Some(next)
    });
    next
}

/// A hub on redb in `root/hub` and district 21 in `root/d`, enrolled there and trusting it.
pub fn hub_and_district(root: &Path) -> (HubPlace, std::path::PathBuf) {
    let place = HubPlace::redb(&root.join("hub"));
    let district = root.join("d");
    assert!(hub(&place, &["init"]).status.success());
    super::ok(&super::init_district(&district, "21", "بخش"));
    enroll(&place, &district, "21");
    (place, district)
}

/// Runs at the district in `dir` the `sync trust` line that enrolment printed.
pub fn trust_as_printed(dir: &Path, printed: &str) {
    let words: Vec<&str> = printed.split_whitespace().collect();
    let after = |flag: &str| words.iter().position(|w| *w == flag).and_then(|i| words.get(i + 1)).copied();
    let (Some(hub_id), Some(hub_key)) = (after("--hub-id"), after("--key")) else { panic!("no hub id and key in {printed}") };
    super::ok(&super::bakhshyar_in(dir, &["sync", "trust", "--hub-id", hub_id, "--key", hub_key]));
}

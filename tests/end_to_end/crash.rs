//! Crash safety, proven on the real binary: `case import -` is fed cases without end and killed with
//! SIGKILL (`Child::kill` on Unix) at random moments, round after round. Afterwards every tracking
//! code the program had printed (it prints one only after its commit) must be in the store with its
//! whole history, and `bakhshyar check` must find nothing wrong.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use bakhshyar::domain::case::{Case, EventKind};
use bakhshyar::domain::tracking::TrackingCode;
use bakhshyar::store::Database;

use crate::common::init_district;
use crate::common::{bakhshyar_in, ok};

/// Rounds in the normal suite (about 10 s); `BAKHSHYAR_CRASH_ROUNDS=1000` for a long run.
const ROUNDS: usize = 30;

fn rounds() -> usize {
    std::env::var("BAKHSHYAR_CRASH_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(ROUNDS)
}

/// Valid national IDs to cycle through (the check digit matters, the person does not).
const IDS: [&str; 4] = ["0012345679", "0499370899", "1122334451", "2277889903"];

/// A small xorshift generator: the moments only need to differ between rounds and runs.
struct Moments(u64);

impl Moments {
    fn next_millis(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// One round: start the importer, feed it, kill it after `after`; the codes it acknowledged.
fn round(dir: &std::path::Path, after: Duration, first_line: usize) -> Vec<String> {
    let mut child = crate::common::as_governor(&mut Command::new(env!("CARGO_BIN_EXE_bakhshyar")))
        .args(["--data-dir", &dir.to_string_lossy(), "case", "import", "-"])
        .env_remove("BAKHSHYAR_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run bakhshyar: {e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("stdin"));
    let feeder = thread::spawn(move || {
        for n in first_line.. {
            let line = format!(
                r#"{{"service": "{}", "national_id": "{}", "name": "متقاضی شماره {n}", "phone": "0912{:07}"}}"#,
                if n % 3 == 0 { "31" } else { "1" },
                IDS[n % IDS.len()],
                n % 10_000_000
            );
            // The pipe breaks when the program is killed: that ends the feeding.
            if writeln!(stdin, "{line}").is_err() {
                break;
            }
        }
    });
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let (sender, codes) = mpsc::channel();
    let reader = thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        // Only a whole line is an acknowledgement; a code cut off by the kill is not one.
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line.ends_with('\n') {
            if sender.send(line.trim().to_owned()).is_err() {
                break;
            }
            line.clear();
        }
    });
    thread::sleep(after);
    child.kill().unwrap_or_else(|e| panic!("kill: {e}"));
    let _ = child.wait();
    let _ = reader.join();
    let _ = feeder.join();
    codes.try_iter().collect()
}

fn assert_complete(db: &Database, code: &str) {
    let code = TrackingCode::parse(code).unwrap_or_else(|e| panic!("acknowledged {code:?} is not a code: {e}"));
    let case = db.case(&code).unwrap_or_else(|e| panic!("acknowledged case {} is missing: {e}", code.as_str()));
    let events = db.events(&code).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(events.first().map(|e| &e.kind), Some(EventKind::Opened { .. })), "{}", code.as_str());
    assert_eq!(case.history, events);
    let replayed = Case::replay(&events).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(replayed, case, "the projection of {} is its history replayed", code.as_str());
}

#[test]
fn every_acknowledged_case_survives_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    ok(&init_district(dir, "77", "بخش آزمایش"));
    let seed =
        SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(1, |d| d.as_secs() ^ u64::from(d.subsec_nanos())) | 1;
    let mut moments = Moments(seed);
    let started = Instant::now();
    let mut acknowledged = Vec::new();
    let rounds = rounds();
    for _ in 0..rounds {
        // From before the store is open to well into the stream of commits.
        let after = Duration::from_millis(20 + moments.next_millis(600));
        acknowledged.extend(round(dir, after, acknowledged.len() * 7 + 1));
    }
    let db = Database::open(dir).unwrap_or_else(|e| panic!("reopen after the last kill: {e}"));
    for code in &acknowledged {
        assert_complete(&db, code);
    }
    let stored = db.search(&bakhshyar::store::SearchQuery { limit: 1, ..Default::default() }).map(|p| p.total);
    let stored = stored.unwrap_or_else(|e| panic!("{e}"));
    let report = db.check().unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_clean(), "{report:?}");
    drop(db);
    ok(&bakhshyar_in(dir, &["check"]));
    let mut unique = acknowledged.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), acknowledged.len(), "no code was given twice");
    assert!(stored >= acknowledged.len());
    println!(
        "crash test (seed {seed}): {rounds} rounds of SIGKILL in {:.1} s; {} cases acknowledged, all {} found complete; {stored} stored in all; check clean",
        started.elapsed().as_secs_f64(),
        acknowledged.len(),
        acknowledged.len()
    );
}

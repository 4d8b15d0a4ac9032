//! `bakhshyar doctor`: what an IT officer checks on a district's PC, each finding explained in the
//! reader's language — the data folder's permissions, free disk, the database's audit, the last
//! backup's age, the district key, the font and renderer, the hub (reachable, its key the pinned
//! one, its clock), and how long the oldest event has waited to be sent. Exit 0 when all is well,
//! 1 on a warning, 2 on a problem; `--json` for scripts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::json;

use bakhshyar::domain::role::Action;
use bakhshyar::i18n::{Arg, Localizer};
use bakhshyar::office;
use bakhshyar::store::backup::BACKUP_DIR;
use bakhshyar::store::record::{EventRecordV1, decode};
use bakhshyar::store::settings::load_settings;
use bakhshyar::store::{Database, FILE_NAME, key_file};
use bakhshyar::sync::client::{HubClient, Limits};

use super::Output;

/// Below this much free disk a day's work and its backup may not fit.
const LOW_DISK_BYTES: u64 = 1 << 30;
/// Below this, writes are about to fail.
const FULL_DISK_BYTES: u64 = 100 << 20;
const OLD_BACKUP: Duration = Duration::days(2);
/// Signed requests are refused beyond 5 minutes' difference, and deadlines count in days by it.
const CLOCK_SKEW: Duration = Duration::minutes(5);
const OLD_OUTBOX: Duration = Duration::days(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
enum Level {
    Ok,
    Warning,
    Problem,
}

/// A message argument: text as it is (a path, an address, a detail), or a figure written in the
/// reader's digits.
#[derive(Clone)]
enum Value {
    Text(String),
    Figure(String),
}

/// One finding: which check, how bad, and its message (id and arguments, for the reader's language).
struct Finding {
    check: &'static str,
    level: Level,
    id: &'static str,
    args: Vec<(&'static str, Value)>,
}

fn finding(check: &'static str, level: Level, id: &'static str, args: &[(&'static str, Value)]) -> Finding {
    Finding { check, level, id, args: args.to_vec() }
}

fn text(value: impl Into<String>) -> Value {
    Value::Text(value.into())
}

fn figure(value: impl std::fmt::Display) -> Value {
    Value::Figure(value.to_string())
}

pub fn run(dir: &Path, hub: Option<&str>, json: bool, out: &mut Output) -> anyhow::Result<ExitCode> {
    // Read before the store opens, since opening makes the folder private.
    let mut findings = vec![permissions(dir), disk(dir)];
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => {
            let message = out.localizer.store_error(&error);
            out.error(&message)?;
            return Ok(ExitCode::from(2));
        }
    };
    let actor = match out.log_in(&db, Action::Audit)? {
        Ok(actor) => actor,
        Err(exit) => return Ok(exit),
    };
    findings.push(match office::records::check(&db, &actor) {
        Ok(report) if report.is_clean() => finding("database", Level::Ok, "doctor-database-clean", &[]),
        Ok(report) => {
            finding("database", Level::Problem, "doctor-database-problems", &[("count", figure(report.problems.len()))])
        }
        Err(error) => {
            finding("database", Level::Problem, "doctor-detail", &[("detail", text(out.localizer.store_error(&error)))])
        }
    });
    findings.push(match db.signing_key() {
        Ok(_) => finding("key", Level::Ok, "doctor-key-here", &[]),
        Err(error) => finding("key", Level::Problem, "doctor-detail", &[("detail", text(out.localizer.store_error(&error)))]),
    });
    findings.push(last_backup(dir, Utc::now()));
    findings.push(renderer());
    findings.extend(hub_and_clock(&db, hub.map(str::to_owned).or_else(|| load_settings(dir).ok()?.hub)));
    findings.push(outbox(&db, Utc::now()));
    report(&findings, json, out)
}

fn report(findings: &[Finding], json: bool, out: &mut Output) -> anyhow::Result<ExitCode> {
    let loc = out.localizer;
    let words = |f: &Finding| {
        let values: Vec<(&str, String)> = f
            .args
            .iter()
            .map(|(name, value)| match value {
                Value::Text(text) => (*name, text.clone()),
                Value::Figure(figure) => (*name, loc.digits(figure)),
            })
            .collect();
        let args: Vec<(&str, Arg<'_>)> = values.iter().map(|(name, value)| (*name, Arg::Text(value))).collect();
        loc.text(f.id, &args)
    };
    let worst = findings.iter().map(|f| f.level).max().unwrap_or(Level::Ok);
    if json {
        let list: Vec<_> = findings.iter().map(|f| json!({ "check": f.check, "level": f.level, "message": words(f) })).collect();
        out.json_value(&json!({ "level": worst, "findings": list }))?;
    } else {
        let lines: Vec<String> = findings.iter().map(|f| format!("{} {}", mark(loc, f.level), words(f))).collect();
        for line in lines {
            out.line(&line)?;
        }
    }
    Ok(ExitCode::from(match worst {
        Level::Ok => 0,
        Level::Warning => 1,
        Level::Problem => 2,
    }))
}

fn mark(loc: &Localizer, level: Level) -> String {
    loc.text(
        match level {
            Level::Ok => "doctor-level-ok",
            Level::Warning => "doctor-level-warning",
            Level::Problem => "doctor-level-problem",
        },
        &[],
    )
}

/// The data folder, database and key file: their owner's alone.
fn permissions(dir: &Path) -> Finding {
    let open: Vec<String> = [dir.to_path_buf(), dir.join(FILE_NAME), key_file::path_in(dir)]
        .into_iter()
        .filter(|path| is_open_to_others(path))
        .map(|path| path.display().to_string())
        .collect();
    if open.is_empty() {
        finding("permissions", Level::Ok, "doctor-permissions-private", &[])
    } else {
        finding("permissions", Level::Warning, "doctor-permissions-open", &[("paths", text(open.join(" · ")))])
    }
}

#[cfg(unix)]
fn is_open_to_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

/// On Windows the user's profile folder is private by its access lists.
#[cfg(not(unix))]
fn is_open_to_others(_path: &Path) -> bool {
    false
}

fn disk(dir: &Path) -> Finding {
    let Ok(free) = fs4::available_space(dir) else {
        return finding("disk", Level::Warning, "doctor-disk-unknown", &[]);
    };
    let args = [("free", figure(format_bytes(free)))];
    match free {
        f if f < FULL_DISK_BYTES => finding("disk", Level::Problem, "doctor-disk-full", &args),
        f if f < LOW_DISK_BYTES => finding("disk", Level::Warning, "doctor-disk-low", &args),
        _ => finding("disk", Level::Ok, "doctor-disk-ok", &args),
    }
}

fn format_bytes(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10) / (1 << 30);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The newest file in `backups/`, by its modification time.
fn last_backup(dir: &Path, now: DateTime<Utc>) -> Finding {
    let newest: Option<(SystemTime, PathBuf)> = std::fs::read_dir(dir.join(BACKUP_DIR))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .max();
    let Some((modified, path)) = newest else {
        return finding("backup", Level::Warning, "doctor-backup-none", &[]);
    };
    let age = now - DateTime::<Utc>::from(modified);
    let args = [("path", text(path.display().to_string())), ("days", figure(age.num_days()))];
    if age > OLD_BACKUP {
        finding("backup", Level::Warning, "doctor-backup-old", &args)
    } else {
        finding("backup", Level::Ok, "doctor-backup-recent", &args)
    }
}

/// The window's renderer, as `ICED_BACKEND` chooses it, and its font.
fn renderer() -> Finding {
    let chosen = std::env::var("ICED_BACKEND").unwrap_or_else(|_| "wgpu (tiny-skia where the graphics card cannot)".to_owned());
    finding("renderer", Level::Ok, "doctor-renderer", &[("renderer", text(chosen))])
}

fn hub_and_clock(db: &Database, address: Option<String>) -> Vec<Finding> {
    let Some(address) = address else { return vec![finding("hub", Level::Ok, "doctor-hub-none", &[])] };
    let state = match db.sync_state() {
        Ok(state) => state,
        Err(error) => return vec![finding("hub", Level::Problem, "doctor-detail", &[("detail", text(error.to_string()))])],
    };
    let Some(pinned) = state.hub_key else {
        return vec![finding("hub", Level::Warning, "doctor-hub-not-trusted", &[("address", text(address))])];
    };
    let limits = Limits { attempts: 1, ..Limits::default() };
    let (identity, clock) = match HubClient::new(&address, limits).identity_and_clock() {
        Ok(answer) => answer,
        Err(error) => {
            return vec![finding(
                "hub",
                Level::Warning,
                "doctor-hub-unreachable",
                &[("address", text(address)), ("detail", text(error.to_string()))],
            )];
        }
    };
    let hub = if identity.key == pinned {
        finding("hub", Level::Ok, "doctor-hub-ok", &[("address", text(address))])
    } else {
        finding("hub", Level::Problem, "doctor-hub-other-key", &[("address", text(address))])
    };
    let clock = match clock {
        None => finding("clock", Level::Warning, "doctor-clock-unknown", &[]),
        Some(theirs) => {
            let skew = Utc::now() - theirs;
            let args = [("seconds", figure(skew.num_seconds().abs()))];
            if skew.abs() > CLOCK_SKEW {
                finding("clock", Level::Warning, "doctor-clock-off", &args)
            } else {
                finding("clock", Level::Ok, "doctor-clock-ok", &args)
            }
        }
    };
    vec![hub, clock]
}

/// How long the oldest event not yet confirmed by the hub has waited.
fn outbox(db: &Database, now: DateTime<Utc>) -> Finding {
    let oldest = db.oldest_outbox_entry().ok().flatten().and_then(|first| decode::<EventRecordV1>(&first.bytes).ok());
    let oldest = oldest.map(|record| record.at);
    let count = db.sync_state().map(|s| s.pending).unwrap_or_default();
    let Some(oldest) = oldest else { return finding("outbox", Level::Ok, "doctor-outbox-empty", &[]) };
    let age = now - oldest;
    let args = [("count", figure(count)), ("days", figure(age.num_days()))];
    if age > OLD_OUTBOX {
        finding("outbox", Level::Warning, "doctor-outbox-old", &args)
    } else {
        finding("outbox", Level::Ok, "doctor-outbox-recent", &args)
    }
}

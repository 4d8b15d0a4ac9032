//! `bakhshyar check`, `backup` and `restore`: looking after the database file.

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use serde_json::json;

use bakhshyar::domain::role::{Action, Actor};
use bakhshyar::i18n::{Arg, Localizer};
use bakhshyar::office;
use bakhshyar::store::{CheckReport, Database, Problem, ProblemKind, StoreError};

use super::Output;

fn refuse(out: &mut Output, error: &StoreError) -> anyhow::Result<ExitCode> {
    let message = out.localizer.store_error(error);
    out.error(&message)?;
    Ok(ExitCode::from(1))
}

fn count(n: usize) -> Arg<'static> {
    Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Exit 0 when the database is sound, 1 when it has problems or cannot be read.
pub fn check(dir: &Path, out: &mut Output) -> anyhow::Result<ExitCode> {
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse(out, &error),
    };
    let actor = match out.log_in(&db, Action::Audit)? {
        Ok(actor) => actor,
        Err(exit) => return Ok(exit),
    };
    let report = match audit(&db, &actor) {
        Ok(report) => report,
        Err(error) => return refuse(out, &error),
    };
    let exit = if report.is_clean() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    if out.json {
        out.json_value(&json!(report))?;
    } else {
        for line in report_lines(&report, out.localizer) {
            out.line(&line)?;
        }
    }
    Ok(exit)
}

/// The store's invariants, then redb's own check on a copy: this process holds the file and is not
/// writing, so the copy is consistent.
fn audit(db: &Database, actor: &Actor) -> Result<CheckReport, StoreError> {
    let mut report = office::records::check(db, actor)?;
    if !db.file_integrity()? {
        report.push(ProblemKind::Integrity, "", "redb repaired a copy of the file");
    }
    Ok(report)
}

fn report_lines(report: &CheckReport, loc: &Localizer) -> Vec<String> {
    if report.is_clean() {
        let args = [("cases", count(report.cases)), ("events", count(report.events)), ("outbox", count(report.outbox))];
        return vec![loc.text("check-clean", &args)];
    }
    let mut lines = vec![loc.text("check-found", &[("count", count(report.problems.len()))])];
    lines.extend(report.problems.iter().map(|p| format!("  {}", problem_line(p, loc))));
    lines
}

fn problem_line(problem: &Problem, loc: &Localizer) -> String {
    let id = match problem.kind {
        ProblemKind::Undecodable => "check-problem-undecodable",
        ProblemKind::Projection => "check-problem-projection",
        ProblemKind::KeyMismatch => "check-problem-key-mismatch",
        ProblemKind::IndexStale => "check-problem-index-stale",
        ProblemKind::IndexMissing => "check-problem-index-missing",
        ProblemKind::OrphanEvent => "check-problem-orphan-event",
        ProblemKind::Outbox => "check-problem-outbox",
        ProblemKind::Integrity => "check-problem-integrity",
        ProblemKind::Counter => "check-problem-counter",
        ProblemKind::MissingTable => "check-problem-missing-table",
        ProblemKind::ChainBroken => "check-problem-chain-broken",
        ProblemKind::SerialGap => "check-problem-serial-gap",
        ProblemKind::SerialMismatch => "check-problem-serial-mismatch",
        ProblemKind::AccountMismatch => "check-problem-account-mismatch",
    };
    loc.text(id, &[("code", Arg::Text(&problem.code)), ("detail", Arg::Text(&problem.detail))])
}

/// A snapshot of the database in `dir` written to `file`; an existing `file` is never overwritten.
pub fn backup(dir: &Path, file: &Path, out: &mut Output) -> anyhow::Result<ExitCode> {
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse(out, &error),
    };
    let actor = match out.log_in(&db, Action::ManageBackups)? {
        Ok(actor) => actor,
        Err(exit) => return Ok(exit),
    };
    match office::records::back_up(&db, &actor, file, Utc::now()) {
        Ok(()) => {
            let message = out.localizer.text("backup-written", &[("path", Arg::Text(&file.display().to_string()))]);
            out.line(&message)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => refuse(out, &error),
    }
}

/// Puts a checked copy of `file` in place of the database; the old one is kept beside it.
/// The administrator logs in to the database being replaced, when there is one.
pub fn restore(dir: &Path, file: &Path, as_district: Option<&str>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let actor = if dir.join(bakhshyar::store::FILE_NAME).is_file() {
        let db = match out.open_store(dir) {
            Ok(db) => db,
            Err(error) => return refuse(out, &error),
        };
        match out.log_in(&db, Action::ManageBackups)? {
            Ok(actor) => Some(actor),
            Err(exit) => return Ok(exit),
        }
    } else {
        None
    };
    match office::records::restore(dir, file, actor.as_ref(), Utc::now(), as_district) {
        Ok(aside) => {
            let mut lines = vec![out.localizer.text("backup-restored", &[("file", Arg::Text(&file.display().to_string()))])];
            if let Some(aside) = aside {
                lines.push(out.localizer.text("backup-kept-old", &[("path", Arg::Text(&aside.display().to_string()))]));
            }
            // A backup brings no key: say at once what a new PC, or another district's data, still needs.
            if let Some(missing) = Database::open(dir).ok().and_then(|db| db.signing_key().err()) {
                lines.push(out.localizer.store_error(&missing));
            }
            for line in lines {
                out.line(&line)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => refuse(out, &error),
    }
}

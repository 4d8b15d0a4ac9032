//! `case document`, `case note`, `case attach` and `case import`: the checklist, notes, files and
//! bulk creation for scripts.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use bakhshyar::domain::applicant::{
    Applicant, ApplicantIdentity, ForeignNationalCode, LegalEntityId, NationalId, PassportNumber, Phone,
};
use bakhshyar::domain::case::{Case, Context};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::domain::role::{Action, Actor};
use bakhshyar::domain::text::{ascii_digits, terminal_safe};
use bakhshyar::i18n::{Arg, Localizer};
use bakhshyar::office;
use bakhshyar::store::{Database, StoreError};

use super::case::{IdentityFault, office_identity, refuse, refuse_store, tracking_code};
use super::{CaseWorkCommand, Output};

/// What the account must be allowed before the command runs.
pub fn gate(command: &CaseWorkCommand) -> Action {
    match command {
        CaseWorkCommand::Document { .. } => Action::MarkDocument,
        CaseWorkCommand::Note { .. } => Action::AddNote,
        CaseWorkCommand::Attach { .. } => Action::AttachFile,
        CaseWorkCommand::Import { .. } => Action::OpenCase,
    }
}

pub fn run(
    command: CaseWorkCommand,
    db: &Database,
    catalog: &Catalog,
    actor: &Actor,
    out: &mut Output,
) -> anyhow::Result<ExitCode> {
    match command {
        CaseWorkCommand::Document { tracking, number, missing, .. } => {
            let Ok(code) = tracking_code(&tracking, out) else { return Ok(ExitCode::from(1)) };
            let case = match office::find_case(db, &code) {
                Ok(case) => case,
                Err(error) => return refuse_store(out, &error),
            };
            let count = case.checklist.len();
            let item = ascii_digits(&number).and_then(|d| d.parse::<usize>().ok()).filter(|n| (1..=count).contains(n));
            let Some(item) = item else {
                let grouped = out.localizer.digits(&code.grouped());
                let args = [
                    ("code", Arg::Text(&grouped)),
                    ("number", Arg::Text(&number)),
                    ("count", Arg::Number(i64::try_from(count).unwrap_or(i64::MAX))),
                ];
                let message = out.localizer.text("case-error-document-number", &args);
                return refuse(out, &message);
            };
            let ctx = Context { actor, at: Utc::now(), note: None };
            match office::mark_document(db, catalog, &code, item - 1, !missing, &ctx) {
                Ok(case) => {
                    let state = out.localizer.text(if missing { "case-document-missing" } else { "case-document-received" }, &[]);
                    let args = [("item", Arg::Number(i64::try_from(item).unwrap_or(i64::MAX))), ("state", Arg::Text(&state))];
                    done(&case, "case-document-marked", &args, out)
                }
                Err(error) => refuse_store(out, &error),
            }
        }
        CaseWorkCommand::Note { tracking, text, .. } => {
            let Ok(code) = tracking_code(&tracking, out) else { return Ok(ExitCode::from(1)) };
            let ctx = Context { actor, at: Utc::now(), note: Some(&text) };
            match office::add_note(db, catalog, &code, &ctx) {
                Ok(case) => done(&case, "case-note-added", &[], out),
                Err(error) => refuse_store(out, &error),
            }
        }
        CaseWorkCommand::Attach { tracking, file, .. } => {
            let Ok(code) = tracking_code(&tracking, out) else { return Ok(ExitCode::from(1)) };
            let ctx = Context { actor, at: Utc::now(), note: None };
            match office::attach(db, catalog, &code, &file, &ctx) {
                Ok(case) => {
                    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    done(&case, "case-file-attached", &[("file", Arg::Text(&name))], out)
                }
                Err(error) => refuse_store(out, &error),
            }
        }
        CaseWorkCommand::Import { file, .. } => import(&file, actor, db, catalog, out),
    }
}

/// The changed case as JSON, or the message `id` with the case's code added to `args`.
fn done(case: &Case, id: &str, args: &[(&str, Arg<'_>)], out: &mut Output) -> anyhow::Result<ExitCode> {
    if out.json {
        out.json_value(&json!(case))?;
        return Ok(ExitCode::SUCCESS);
    }
    let code = out.localizer.digits(&case.tracking_code.grouped());
    let mut all = vec![("code", Arg::Text(&code))];
    all.extend(args.iter().copied());
    let message = out.localizer.text(id, &all);
    // The attached file's name is the file system's, under no text rule: shown escaped.
    out.line(&terminal_safe(&message))?;
    Ok(ExitCode::SUCCESS)
}

/// One line of `case import`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportLine {
    /// The service's ID, catalogue number or key; a JSON number is taken as its digits.
    service: Value,
    national_id: Option<String>,
    legal_entity_id: Option<String>,
    /// A foreign national's unique code (کد یکتای اتباع).
    foreign_code: Option<String>,
    passport: Option<String>,
    /// An office asking by letter (an internal service): the letter's number and Solar Hijri date.
    letter_number: Option<String>,
    letter_date: Option<String>,
    name: String,
    phone: Option<String>,
}

/// Why one line was skipped, already in the reader's language.
type LineError = String;

/// The longest line `case import` reads: 64 KiB. A line holds one applicant — a name of at most
/// 200 characters (800 bytes of UTF-8, 1,200 written as JSON `\u` escapes), the IDs, the phone and
/// the service — so a real line stays under 2 KiB, and 64 KiB leaves room for any spacing a
/// script adds. A longer line is refused after this many bytes and skipped to its end in the
/// reader's own buffer, so a 10 MB line costs no more memory than a short one.
const MAX_IMPORT_LINE: usize = 64 * 1024;

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    /// A line, now in the buffer without its `\n` or `\r\n`.
    Line,
    /// A line longer than [`MAX_IMPORT_LINE`], skipped whole.
    TooLong,
    End,
}

/// Reads the next line into `line`, never holding more than [`MAX_IMPORT_LINE`] + 1 bytes of it.
fn read_line(reader: &mut dyn BufRead, line: &mut Vec<u8>) -> std::io::Result<LineRead> {
    line.clear();
    let bound = u64::try_from(MAX_IMPORT_LINE + 1).unwrap_or(u64::MAX);
    if Read::take(&mut *reader, bound).read_until(b'\n', line)? == 0 {
        return Ok(LineRead::End);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        return Ok(LineRead::Line);
    }
    if line.len() <= MAX_IMPORT_LINE {
        return Ok(LineRead::Line); // the last line, without a line break
    }
    line.clear();
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let (used, found) = chunk.iter().position(|&b| b == b'\n').map_or((chunk.len(), false), |at| (at + 1, true));
        reader.consume(used);
        if found {
            break;
        }
    }
    Ok(LineRead::TooLong)
}

/// Each line is its own transaction: a tracking code is printed (and flushed) only once its case
/// is committed, so whatever a script has read is on disk. Bad lines are reported and skipped (a
/// line past [`MAX_IMPORT_LINE`] or not UTF-8 too); a storage failure (full disk, read-only folder)
/// stops the import, since every later line would fail too.
fn import(file: &Path, actor: &Actor, db: &Database, catalog: &Catalog, out: &mut Output) -> anyhow::Result<ExitCode> {
    let mut reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        match File::open(file) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                let error = StoreError::Io { path: file.to_path_buf(), detail: e.to_string() };
                return refuse_store(out, &error);
            }
        }
    };
    let (mut opened, mut failed) = (0_i64, 0_i64);
    let mut buffer = Vec::new();
    for number in 1_i64.. {
        let line = match read_line(&mut *reader, &mut buffer)? {
            LineRead::End => break,
            LineRead::Line => std::str::from_utf8(&buffer)
                .map_err(|e| out.localizer.text("case-import-bad-json", &[("detail", Arg::Text(&e.to_string()))])),
            LineRead::TooLong => {
                let kib = i64::try_from(MAX_IMPORT_LINE / 1024).unwrap_or(i64::MAX);
                Err(out.localizer.text("case-import-line-too-long", &[("max", Arg::Number(kib))]))
            }
        };
        let line = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => line,
            Err(reason) => {
                failed += 1;
                line_failed(out, number, &reason)?;
                continue;
            }
        };
        let ctx = Context { actor, at: Utc::now(), note: None };
        match import_line(line, db, catalog, &ctx, out) {
            Ok(case) => {
                opened += 1;
                if out.json {
                    out.json_line(&json!({ "line": number, "tracking_code": case.tracking_code }))?;
                } else {
                    out.line(case.tracking_code.as_str())?;
                }
                out.flush()?;
            }
            Err(Ok(reason)) => {
                failed += 1;
                line_failed(out, number, &reason)?;
            }
            Err(Err(storage)) => {
                let reason = out.localizer.store_error(&storage);
                let message =
                    out.localizer.text("case-import-stopped", &[("line", Arg::Number(number)), ("reason", Arg::Text(&reason))]);
                out.error(&message)?;
                return Ok(ExitCode::from(1));
            }
        }
    }
    let summary = out.localizer.text("case-import-done", &[("opened", Arg::Number(opened)), ("failed", Arg::Number(failed))]);
    out.error(&summary)?;
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Reports line `number` skipped for `reason`; a reason may quote the line (a JSON error names an
/// unknown field), so it is shown escaped.
fn line_failed(out: &mut Output, number: i64, reason: &str) -> std::io::Result<()> {
    let message = out.localizer.text("case-import-line-failed", &[("line", Arg::Number(number)), ("reason", Arg::Text(reason))]);
    out.error(&terminal_safe(&message))
}

/// The opened case; `Err(Ok(reason))` for a bad line, `Err(Err(error))` for a storage failure.
fn import_line(
    line: &str,
    db: &Database,
    catalog: &Catalog,
    ctx: &Context<'_>,
    out: &Output,
) -> Result<Case, Result<LineError, StoreError>> {
    let loc = &out.localizer;
    let parsed: ImportLine =
        serde_json::from_str(line).map_err(|e| Ok(loc.text("case-import-bad-json", &[("detail", Arg::Text(&e.to_string()))])))?;
    let service = match &parsed.service {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        _ => return Err(Ok(loc.text("case-import-bad-json", &[("detail", Arg::Text("service"))]))),
    };
    let applicant = import_applicant(&parsed, loc).map_err(Ok)?;
    office::open_case(db, catalog, office::NewCase { service: &service, applicant, received: Vec::new() }, ctx).map_err(|error| {
        match error {
            StoreError::Case(_) | StoreError::UnknownService(_) | StoreError::Tracking(_) => Ok(loc.store_error(&error)),
            storage => Err(storage),
        }
    })
}

/// The applicant of a line: exactly one of `national_id`, `legal_entity_id`, `foreign_code` and
/// `passport` must be given (an office's request is opened one by one, with `case new`).
fn import_applicant(line: &ImportLine, loc: &Localizer) -> Result<Applicant, LineError> {
    let letter = line.letter_number.as_deref().zip(line.letter_date.as_deref());
    let halves_of_a_letter = line.letter_number.is_some() != line.letter_date.is_some();
    let ids = [&line.national_id, &line.legal_entity_id, &line.foreign_code, &line.passport];
    let identity = match (ids.map(Option::as_deref), letter) {
        _ if halves_of_a_letter => return Err(loc.text("case-import-identity", &[])),
        ([Some(id), None, None, None], None) => {
            NationalId::parse(id).map(|national_id| ApplicantIdentity::Person { national_id })
        }
        ([None, Some(id), None, None], None) => {
            LegalEntityId::parse(id).map(|legal_entity_id| ApplicantIdentity::Organisation { legal_entity_id })
        }
        ([None, None, Some(code), None], None) => {
            ForeignNationalCode::parse(code).map(|unique_code| ApplicantIdentity::ForeignNational { unique_code })
        }
        ([None, None, None, Some(number)], None) => {
            PassportNumber::parse(number).map(|passport_number| ApplicantIdentity::Passport { passport_number })
        }
        ([None, None, None, None], Some((number, date))) => match office_identity(number, date) {
            Ok(identity) => Ok(identity),
            Err(IdentityFault::Applicant(error)) => Err(error),
            Err(IdentityFault::Date(date)) => return Err(loc.text("case-error-bad-date", &[("date", Arg::Text(&date))])),
        },
        _ => return Err(loc.text("case-import-identity", &[])),
    };
    identity
        .and_then(|identity| {
            let phone = line.phone.as_deref().map(Phone::parse).transpose()?;
            Applicant::new(identity, &line.name, phone)
        })
        .map_err(|e| loc.applicant_error(&e))
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Cursor};

    use super::{LineRead, MAX_IMPORT_LINE, read_line};

    /// Every line `input` holds as `read_line` finds it, read through a small buffer so a long
    /// line is skipped in many chunks.
    fn lines(input: &[u8]) -> Vec<Result<String, LineRead>> {
        let mut reader = BufReader::with_capacity(1_000, Cursor::new(input.to_vec()));
        let mut buffer = Vec::new();
        let mut found = Vec::new();
        loop {
            match read_line(&mut reader, &mut buffer).unwrap_or_else(|e| panic!("{e}")) {
                LineRead::End => return found,
                LineRead::Line => {
                    assert!(buffer.len() <= MAX_IMPORT_LINE);
                    found.push(Ok(String::from_utf8_lossy(&buffer).into_owned()));
                }
                LineRead::TooLong => found.push(Err(LineRead::TooLong)),
            }
        }
    }

    #[test]
    fn a_line_past_the_limit_is_skipped_to_its_end_and_the_next_one_read() {
        let longest = "a".repeat(MAX_IMPORT_LINE);
        let over = "b".repeat(MAX_IMPORT_LINE + 1);
        let huge = "c".repeat(10 * MAX_IMPORT_LINE + 17);
        let input = format!("one\r\n{longest}\n{over}\n\ntwo\n{huge}\nthree");
        let all = vec![
            Ok("one".to_owned()),
            Ok(longest.clone()),
            Err(LineRead::TooLong),
            Ok(String::new()),
            Ok("two".into()),
            Err(LineRead::TooLong),
            Ok("three".into()),
        ];
        assert_eq!(lines(input.as_bytes()), all);
        // A long line at the end, with or without its line break.
        assert_eq!(lines(format!("one\n{huge}").as_bytes()), vec![Ok("one".into()), Err(LineRead::TooLong)]);
        assert_eq!(lines(format!("{huge}\n").as_bytes()), vec![Err(LineRead::TooLong)]);
        assert_eq!(lines(longest.as_bytes()), vec![Ok(longest)], "the limit itself, without a line break");
        assert_eq!(lines(b""), vec![]);
    }
}

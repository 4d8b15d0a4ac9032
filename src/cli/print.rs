//! `case issue`, `case revoke`, `print`, `print-receipt` and `verify`.
//!
//! Issuing is its own command rather than part of `case advance`: the district governor signs it
//! with terms (validity, conditions) that an advance does not carry, and the case must stand at
//! its issuing step (see `domain::issued`). Each command logs in (`login.rs`); only the district
//! governor issues, revokes and prints duplicates, as the domain rules.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;
use serde_json::json;

use bakhshyar::domain::calendar::JalaliDate;
use bakhshyar::domain::case::{Case, Context};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::domain::issued::TermsInput;
use bakhshyar::domain::role::{Action, Actor};
use bakhshyar::i18n::Arg;
use bakhshyar::office;
use bakhshyar::office::paper;
use bakhshyar::office::print::{self as job, JobError, Printed};
use bakhshyar::print::spool::Job;
use bakhshyar::print::verify::{Code, Essentials};
use bakhshyar::store::{Database, StoreError};
use bakhshyar::sync::verdict::describe;

use super::Output;
use super::case::{refuse, refuse_store, tracking_code};

pub struct PrintArgs<'a> {
    pub dir: &'a Path,
    pub tracking: &'a str,
    pub target: Target,
    pub duplicate: bool,
}

/// Where a print goes: a PDF file (`--out`), or paper (`--printer [NAME]`).
pub enum Target {
    File(PathBuf),
    /// The printer named, else the one chosen in Settings, else the system's default.
    Printer(Option<String>),
}

impl Target {
    /// The command line's `--out` and `--printer`; clap lets exactly one through.
    // clap's way to say "--printer, with or without a name".
    #[allow(clippy::option_option)]
    pub fn of(file: Option<PathBuf>, printer: Option<Option<String>>) -> Self {
        match file {
            Some(file) => Target::File(file),
            None => Target::Printer(printer.flatten()),
        }
    }
}

/// A job's id as the reader sees it; Windows gives none.
fn job_text(out: &Output, job: &Job) -> String {
    job.id.as_deref().map_or_else(|| "—".to_owned(), |id| out.localizer.digits(id))
}

fn kind_name(out: &Output, key: &str) -> String {
    out.localizer.text(&format!("print-document-{}", key.replace('_', "-")), &[])
}

pub fn issue(
    db: &Database,
    catalog: &Catalog,
    tracking: &str,
    args: TermsInput,
    actor: &Actor,
    out: &mut Output,
) -> anyhow::Result<ExitCode> {
    let code = match tracking_code(tracking, out) {
        Ok(code) => code,
        Err(exit) => return Ok(exit),
    };
    let now = Utc::now();
    let terms = match args.terms(now) {
        Ok(terms) => terms,
        Err(error) => {
            let message = out.localizer.terms_error(&error);
            return refuse(out, &message);
        }
    };
    let case = match office::issue(db, catalog, &code, terms, &Context { actor, at: now, note: None }) {
        Ok(case) => case,
        Err(error) => return refuse_store(out, &error),
    };
    let Ok(document) = case.current_document() else { return Ok(ExitCode::from(1)) };
    if out.json {
        out.json_value(&json!({ "case": code.as_str(), "serial": document.serial.to_string(), "kind": document.kind.key() }))?;
    } else {
        let serial = out.localizer.digits(&document.serial.to_string());
        let kind = kind_name(out, document.kind.key());
        let code = out.localizer.digits(code.as_str());
        let args = [("serial", Arg::Text(&serial)), ("kind", Arg::Text(&kind)), ("code", Arg::Text(&code))];
        let message = out.localizer.text("issue-done", &args);
        out.line(&message)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn revoke(
    db: &Database,
    catalog: &Catalog,
    tracking: &str,
    reason: &str,
    actor: &Actor,
    out: &mut Output,
) -> anyhow::Result<ExitCode> {
    let code = match tracking_code(tracking, out) {
        Ok(code) => code,
        Err(exit) => return Ok(exit),
    };
    match office::revoke(db, catalog, &code, reason, &Context { actor, at: Utc::now(), note: None }) {
        Ok(case) => {
            let serial = case.documents.iter().rev().find(|d| d.revoked.is_some()).map(|d| d.serial.to_string());
            let serial = serial.unwrap_or_default();
            if out.json {
                out.json_value(&json!({ "case": code.as_str(), "serial": serial, "revoked": true }))?;
            } else {
                let serial = out.localizer.digits(&serial);
                let message = out.localizer.text("revoke-done", &[("serial", Arg::Text(&serial))]);
                out.line(&message)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => refuse_store(out, &error),
    }
}

/// The store, the case and the account logged in to take `action` on it.
fn open_case(
    dir: &Path,
    tracking: &str,
    action: Action,
    out: &mut Output,
) -> anyhow::Result<Result<(Database, Case, Actor), ExitCode>> {
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse_store(out, &error).map(Err),
    };
    let actor = match out.log_in(&db, action)? {
        Ok(actor) => actor,
        Err(exit) => return Ok(Err(exit)),
    };
    let code = match tracking_code(tracking, out) {
        Ok(code) => code,
        Err(exit) => return Ok(Err(exit)),
    };
    match office::find_case(&db, &code) {
        Ok(case) => Ok(Ok((db, case, actor))),
        Err(error) => refuse_store(out, &error).map(Err),
    }
}

fn refuse_job(out: &mut Output, error: &JobError) -> anyhow::Result<ExitCode> {
    match error {
        JobError::Store(error) => refuse_store(out, error),
        other => {
            let message = other.message(out.localizer, str::to_owned);
            refuse(out, &message)
        }
    }
}

/// The catalogue version the case was opened under: one the store holds (it came down from the
/// hub), or else the built-in one with only the case's service read — printing one case need not
/// parse the others.
fn catalog_of(db: &Database, case: &Case, out: &mut Output) -> anyhow::Result<Option<Catalog>> {
    match db.catalog_version(&case.catalog_version) {
        Ok(Some(stored)) => Ok(Some(stored)),
        Ok(None) => super::usable_catalog(out, bakhshyar::catalog_data::embedded_service(&case.service_key)),
        Err(error) => {
            refuse_store(out, &error)?;
            Ok(None)
        }
    }
}

pub fn print(args: &PrintArgs<'_>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let action = if args.duplicate { Action::ReprintDuplicate } else { Action::PrintDocument };
    let (db, case, actor) = match open_case(args.dir, args.tracking, action, out)? {
        Ok(found) => found,
        Err(exit) => return Ok(exit),
    };
    let Some(catalog) = catalog_of(&db, &case, out)? else { return Ok(ExitCode::from(1)) };
    let ctx = Context { actor: &actor, at: Utc::now(), note: None };
    let language = out.localizer.language();
    let printed = match &args.target {
        Target::File(file) => job::issued(&db, &catalog, &case, args.duplicate, &ctx, language, file).map(|p| (p, None)),
        Target::Printer(named) => paper::printer_for(&db, named.as_deref())
            .and_then(|printer| paper::issued(&db, &catalog, &case, args.duplicate, &ctx, language, printer.as_ref()))
            .map(|(p, job)| (p, Some(job))),
    };
    match printed {
        Ok((printed, job)) => report_print(out, &printed, job.as_ref())?,
        Err(error) => return refuse_job(out, &error),
    }
    Ok(ExitCode::SUCCESS)
}

fn report_print(out: &mut Output, printed: &Printed, job: Option<&Job>) -> anyhow::Result<()> {
    let (serial, copy) = (printed.serial.to_string(), printed.copy);
    if out.json {
        let (queue, id) = (job.map(|j| j.printer.as_str()), job.and_then(|j| j.id.as_deref()));
        let file = &printed.path;
        out.json_value(&json!({
            "file": file, "serial": serial, "copy": copy, "duplicate": copy > 1, "bytes": printed.bytes,
            "printer": queue, "job": id,
        }))?;
        return Ok(());
    }
    let path = printed.path.display().to_string();
    let serial = out.localizer.digits(&serial);
    let mut args = vec![("path", Arg::Text(&path)), ("serial", Arg::Text(&serial)), ("copy", Arg::Number(i64::from(copy)))];
    let id = job.map(|job| job_text(out, job));
    let message = match (job, &id) {
        (Some(job), Some(id)) => {
            args.extend([("printer", Arg::Text(job.printer.as_str())), ("job", Arg::Text(id))]);
            out.localizer.text("print-sent", &args)
        }
        _ => out.localizer.text("print-done", &args),
    };
    out.line(&message)?;
    Ok(())
}

pub fn receipt(dir: &Path, tracking: &str, target: &Target, out: &mut Output) -> anyhow::Result<ExitCode> {
    let (db, case, actor) = match open_case(dir, tracking, Action::PrintReceipt, out)? {
        Ok(found) => found,
        Err(exit) => return Ok(exit),
    };
    let Some(catalog) = catalog_of(&db, &case, out)? else { return Ok(ExitCode::from(1)) };
    let (language, now) = (out.localizer.language(), Utc::now());
    let printed = match target {
        Target::File(file) => job::receipt(&db, &catalog, &case, &actor, language, now, file).map(|()| (file.clone(), None)),
        Target::Printer(named) => paper::printer_for(&db, named.as_deref())
            .and_then(|printer| paper::receipt(&db, &catalog, &case, &actor, language, now, printer.as_ref()))
            .map(|(path, job)| (path, Some(job))),
    };
    let (file, job) = match printed {
        Ok(printed) => printed,
        Err(error) => return refuse_job(out, &error),
    };
    let path = file.display().to_string();
    let code = out.localizer.digits(case.tracking_code.as_str());
    let mut args = vec![("path", Arg::Text(&path)), ("code", Arg::Text(&code))];
    let id = job.as_ref().map(|job| job_text(out, job));
    let message = match (&job, &id) {
        (Some(job), Some(id)) => {
            args.extend([("printer", Arg::Text(job.printer.as_str())), ("job", Arg::Text(id))]);
            out.localizer.text("print-receipt-sent", &args)
        }
        _ => out.localizer.text("print-receipt-done", &args),
    };
    out.line(&message)?;
    Ok(ExitCode::SUCCESS)
}

/// The district's own answer on a code: a status key and the sentence for people.
struct Verdict {
    status: &'static str,
    message: String,
}

fn verdict(out: &Output, status: &'static str, id: &str, args: &[(&str, Arg<'_>)]) -> Verdict {
    Verdict { status, message: out.localizer.text(id, args) }
}

/// Checks a code against this district's records and, with `hub`, asks the province hub too
/// (which also answers for other districts, and knows revocations it sent down).
pub fn verify(dir: &Path, text: &str, hub: Option<&str>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let local = match local_verdict(dir, text, out) {
        Ok(local) => local,
        Err(exit) => return Ok(exit),
    };
    let Some(url) = hub else {
        if out.json {
            out.json_value(&json!({ "status": local.status, "message": local.message }))?;
        } else {
            out.line(&local.message)?;
        }
        return Ok(if local.status == "genuine" { ExitCode::SUCCESS } else { ExitCode::from(1) });
    };
    let client = bakhshyar::sync::client::HubClient::new(url, bakhshyar::sync::client::Limits::default());
    let answer = match client.verify(text) {
        Ok(answer) => answer,
        Err(error) => {
            let message = out.localizer.text("verify-hub-unreachable", &[("detail", Arg::Text(&error.to_string()))]);
            out.error(&message)?;
            return Ok(ExitCode::from(1));
        }
    };
    let hub_status = answer.status.key();
    // The hub knows more when the district's records call the document good but the hub does not
    // (a short code the hub cannot check leaves the district's own check standing).
    let knows_more = local.status == "genuine" && !matches!(hub_status, "genuine" | "unverifiable");
    let hub_text = describe(&answer, out.localizer);
    let good = matches!((local.status, hub_status), ("genuine", "genuine" | "unverifiable") | ("other-district", "genuine"));
    let status = if good {
        "genuine"
    } else if local.status == "other-district" || knows_more {
        hub_status
    } else {
        local.status
    };
    if out.json {
        out.json_value(&json!({
            "status": status,
            "message": local.message,
            "hub": answer,
            "hub_message": hub_text,
            "hub_knows_more": knows_more,
        }))?;
    } else {
        if local.status != "other-district" {
            out.line(&local.message)?;
        }
        out.line(&hub_text)?;
        if knows_more {
            let message = out.localizer.text("verify-hub-knows-more", &[]);
            out.line(&message)?;
        }
    }
    Ok(if good { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn local_verdict(dir: &Path, text: &str, out: &mut Output) -> Result<Verdict, ExitCode> {
    let Some(code) = Code::parse(text) else {
        return Ok(verdict(out, "unreadable", "verify-unreadable", &[("code", Arg::Text(text))]));
    };
    let refused = |out: &mut Output, error: &StoreError| refuse_store(out, error).unwrap_or(ExitCode::from(1));
    let opened = out.open_store(dir);
    let db = opened.map_err(|e| refused(out, &e))?;
    match out.log_in(&db, Action::ReadCases) {
        Ok(Ok(_)) => {}
        Ok(Err(exit)) => return Err(exit),
        Err(_) => return Err(ExitCode::from(1)),
    }
    let serial = out.localizer.digits(&code.serial().to_string());
    if code.district() != db.district_code() {
        return Ok(verdict(out, "other-district", "verify-other-district", &[("district", Arg::Text(code.district()))]));
    }
    let found = db.case_of_serial(code.serial()).map_err(|e| refused(out, &e))?;
    let case = found.map(|c| db.case(&c)).transpose().map_err(|e| refused(out, &e))?;
    let Some((case, document)) =
        case.as_ref().and_then(|c| c.documents.iter().find(|d| d.serial == code.serial()).map(|d| (c, d)))
    else {
        return Ok(verdict(out, "unknown", "verify-unknown", &[("serial", Arg::Text(&serial))]));
    };
    let key = db.signing_key().map_err(|e| refused(out, &e))?;
    let essentials = Essentials {
        district: db.district_code().to_owned(),
        serial: document.serial,
        case: case.tracking_code.as_str().to_owned(),
        kind: document.kind,
        applicant_id: case.applicant.id_number().to_owned(),
    };
    if !code.matches(&key.public(), Some(&key), &essentials) {
        return Ok(verdict(out, "forged", "verify-forged", &[("serial", Arg::Text(&serial))]));
    }
    if let Some(revocation) = &document.revoked {
        let date = out.localizer.digits(&JalaliDate::at_iran(revocation.at).to_string());
        let args = [("serial", Arg::Text(&serial)), ("date", Arg::Text(&date)), ("reason", Arg::Text(&revocation.reason))];
        return Ok(verdict(out, "revoked", "verify-revoked", &args));
    }
    if let Some(newer) = document.superseded_by {
        let newer = out.localizer.digits(&newer.to_string());
        return Ok(verdict(
            out,
            "superseded",
            "verify-superseded",
            &[("serial", Arg::Text(&serial)), ("newer", Arg::Text(&newer))],
        ));
    }
    let kind = kind_name(out, document.kind.key());
    let date = out.localizer.digits(&JalaliDate::at_iran(document.issued_at).to_string());
    let code_text = out.localizer.digits(case.tracking_code.as_str());
    // A name stored before the rules on names (or taken back from the hub) may still hold controls.
    let applicant = bakhshyar::domain::text::terminal_safe(&case.applicant.name);
    let args = [
        ("kind", Arg::Text(&kind)),
        ("serial", Arg::Text(&serial)),
        ("date", Arg::Text(&date)),
        ("applicant", Arg::Text(&applicant)),
        ("code", Arg::Text(&code_text)),
    ];
    Ok(verdict(out, "genuine", "verify-genuine", &args))
}

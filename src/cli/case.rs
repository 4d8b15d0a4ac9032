//! `bakhshyar init` and `bakhshyar case …`: the case store for administrators and scripts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::json;

use bakhshyar::domain::applicant::{
    Applicant, ApplicantError, ApplicantIdentity, ForeignNationalCode, LegalEntityId, LetterNumber, NationalId, PassportNumber,
    Phone,
};
use bakhshyar::domain::calendar::JalaliDate;
use bakhshyar::domain::case::{Case, CaseEvent, CaseStatus, Context, EventKind, PaperLetter};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::domain::issued::TermsInput;
use bakhshyar::domain::role::{Action, Actor};
use bakhshyar::domain::text::{ascii_digits, terminal_safe};
use bakhshyar::domain::tracking::TrackingCode;
use bakhshyar::i18n::{Arg, Localizer};
use bakhshyar::office;
use bakhshyar::store::{Database, MIN_DIGITS, SearchQuery, StoreError};

use super::{CaseCommand, Output, SearchArgs, StatusArg};

/// The user's data folder, unless `--data-dir` names one.
pub fn data_dir(given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| directories::ProjectDirs::from("ir", "Bakhshyar", "bakhshyar").map(|p| p.data_dir().to_path_buf()))
}

/// A message on stderr and exit code 1: the command was refused and nothing was saved.
pub(super) fn refuse(out: &mut Output, message: &str) -> anyhow::Result<ExitCode> {
    out.error(message)?;
    Ok(ExitCode::from(1))
}

pub(super) fn refuse_store(out: &mut Output, error: &StoreError) -> anyhow::Result<ExitCode> {
    let message = out.localizer.store_error(error);
    refuse(out, &message)
}

pub fn run(command: CaseCommand, dir: &Path, out: &mut Output) -> anyhow::Result<ExitCode> {
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse_store(out, &error),
    };
    let Some(catalog) = super::active_catalog(&db, out)? else { return Ok(ExitCode::from(1)) };
    let catalog = &catalog;
    let actor = match out.log_in(&db, gate(&command))? {
        Ok(actor) => actor,
        Err(exit) => return Ok(exit),
    };
    daily_backup(&db, dir, out)?;
    let new_ids = NewIds::of(&command);
    match command {
        CaseCommand::New { service, applicant_name, applicant_phone, .. } => {
            let applicant = match applicant(&new_ids, &applicant_name, applicant_phone.as_deref()) {
                Ok(applicant) => applicant,
                Err(IdentityFault::Applicant(error)) => {
                    let message = out.localizer.applicant_error(&error);
                    return refuse(out, &message);
                }
                Err(IdentityFault::Date(date)) => {
                    let message = out.localizer.text("case-error-bad-date", &[("date", Arg::Text(&date))]);
                    return refuse(out, &message);
                }
            };
            let ctx = Context { actor: &actor, at: Utc::now(), note: None };
            match office::open_case(&db, catalog, office::NewCase { service: &service, applicant, received: Vec::new() }, &ctx) {
                Ok(case) => created(&case, out),
                Err(error) => refuse_store(out, &error),
            }
        }
        CaseCommand::Show { tracking, .. } => {
            let code = match tracking_code(&tracking, out) {
                Ok(code) => code,
                Err(exit) => return Ok(exit),
            };
            match office::find_case(&db, &code) {
                Ok(case) => show(&case, catalog, out),
                Err(error) => refuse_store(out, &error),
            }
        }
        CaseCommand::Advance { tracking, to, decision, note, letter_number, letter_date, .. } => {
            let code = match tracking_code(&tracking, out) {
                Ok(code) => code,
                Err(exit) => return Ok(exit),
            };
            let letter = letter_number.zip(letter_date);
            advance(
                &db,
                catalog,
                &code,
                Step { to: &to, decision: decision.as_deref(), note: note.as_deref(), letter },
                &actor,
                out,
            )
        }
        CaseCommand::Issue { tracking, validity_days, conditions, supersedes, missing_documents_reason, .. } => {
            let terms = TermsInput { validity_days, conditions, supersedes, missing_documents_reason };
            super::print::issue(&db, catalog, &tracking, terms, &actor, out)
        }
        CaseCommand::Revoke { tracking, reason, .. } => super::print::revoke(&db, catalog, &tracking, &reason, &actor, out),
        CaseCommand::Migrate { tracking, .. } => migrate(&db, catalog, &tracking, &actor, out),
        CaseCommand::Search(args) => search(args, &db, catalog, out),
        CaseCommand::Work(work) => super::case_work::run(work, &db, catalog, &actor, out),
    }
}

/// `case search`: the filters checked and turned into one store query.
fn search(args: SearchArgs, db: &Database, catalog: &Catalog, out: &mut Output) -> anyhow::Result<ExitCode> {
    let SearchArgs { name, national_id, digits, service, status, overdue, office, from, to, offset, limit, .. } = args;
    // Fewer digits would list a good part of the office's cases, as in the window.
    if let Some(typed) = digits.as_deref().filter(|d| ascii_digits(d).is_none_or(|d| d.len() < MIN_DIGITS)) {
        let message = out.localizer.text(
            "case-error-few-digits",
            &[("digits", Arg::Text(typed)), ("min", Arg::Number(i64::try_from(MIN_DIGITS).unwrap_or(i64::MAX)))],
        );
        return refuse(out, &message);
    }
    let service_key = match service.map(|s| catalog.find(&s).map(|found| found.key.clone()).ok_or(s)).transpose() {
        Ok(key) => key,
        Err(unknown) => return refuse_store(out, &StoreError::UnknownService(unknown)),
    };
    let status = status.map(|s| match s {
        StatusArg::Open => CaseStatus::Open,
        StatusArg::Closed => CaseStatus::Closed,
    });
    let overdue_at = overdue.then(Utc::now);
    let (opened_from, opened_to) = match (day_start(from.as_deref(), 0), day_start(to.as_deref(), 1)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(bad), _) | (_, Err(bad)) => {
            let message = out.localizer.text("case-error-bad-date", &[("date", Arg::Text(&bad))]);
            return refuse(out, &message);
        }
    };
    let query = SearchQuery {
        name_prefix: name,
        national_id,
        digits,
        service_key,
        status,
        step: None,
        overdue_at,
        office,
        opened_from,
        opened_to,
        offset,
        limit,
    };
    match office::search(db, &query) {
        Ok(page) => search_results(page.total, &page.cases, catalog, out),
        Err(error) => refuse_store(out, &error),
    }
}

/// Where `case advance` moves a case, and on what.
struct Step<'a> {
    to: &'a str,
    decision: Option<&'a str>,
    note: Option<&'a str>,
    /// The paper letter's number and Solar Hijri date, for a step of the county or province.
    letter: Option<(String, String)>,
}

fn advance(
    db: &Database,
    catalog: &Catalog,
    code: &TrackingCode,
    step: Step<'_>,
    actor: &Actor,
    out: &mut Output,
) -> anyhow::Result<ExitCode> {
    let moved = if let Some((number, date)) = step.letter {
        let Some(date) = JalaliDate::parse(&date).and_then(JalaliDate::to_gregorian) else {
            let message = out.localizer.text("case-error-bad-date", &[("date", Arg::Text(&date))]);
            return refuse(out, &message);
        };
        let ctx = Context { actor, at: Utc::now(), note: step.note };
        office::record_paper_decision(db, catalog, code, step.to, step.decision, &PaperLetter { number, date }, &ctx)
    } else {
        let ctx = Context { actor, at: Utc::now(), note: step.note };
        office::advance(db, catalog, code, step.to, step.decision, &ctx)
    };
    match moved {
        Ok(case) => advanced(&case, catalog, out),
        Err(error) => refuse_store(out, &error),
    }
}

/// The instant the Solar Hijri day `text` (plus `days_after` days) begins in Iran; the text itself
/// when it is not a date.
fn day_start(text: Option<&str>, days_after: u64) -> Result<Option<DateTime<Utc>>, String> {
    let Some(text) = text else { return Ok(None) };
    JalaliDate::parse(text)
        .and_then(JalaliDate::to_gregorian)
        .and_then(|day| day.checked_add_days(chrono::Days::new(days_after)))
        .and_then(|day| JalaliDate::from_gregorian(day).start_in_iran())
        .map(Some)
        .ok_or_else(|| text.to_owned())
}

/// Today's automatic backup (see `Database::daily_backup`). A failure is reported but does not
/// stop the command: the clerk's work matters more than the copy.
fn daily_backup(db: &Database, dir: &Path, out: &mut Output) -> anyhow::Result<()> {
    if let Err(error) = office::records::daily_backup(db, dir, Utc::now()) {
        let detail = out.localizer.store_error(&error);
        let message = out.localizer.text("backup-daily-failed", &[("detail", Arg::Text(&detail))]);
        out.error(&message)?;
    }
    Ok(())
}

/// What the account must be allowed before a case command runs; the domain checks each act again
/// (an advance may turn out to be a decision, a step of the county the district governor's).
fn gate(command: &CaseCommand) -> Action {
    match command {
        CaseCommand::New { .. } => Action::OpenCase,
        CaseCommand::Show { .. } | CaseCommand::Search(_) => Action::ReadCases,
        CaseCommand::Advance { .. } => Action::Advance,
        CaseCommand::Issue { .. } => Action::IssueDocument,
        CaseCommand::Revoke { .. } => Action::RevokeDocument,
        CaseCommand::Migrate { .. } => Action::UpdateCatalog,
        CaseCommand::Work(work) => super::case_work::gate(work),
    }
}

/// The identifiers `case new` was given; clap lets exactly one kind through.
pub(super) struct NewIds {
    national_id: Option<String>,
    foreign_code: Option<String>,
    passport: Option<String>,
    /// The office's letter's number and Solar Hijri date.
    letter: Option<(String, String)>,
}

impl NewIds {
    fn of(command: &CaseCommand) -> Self {
        let CaseCommand::New {
            applicant_national_id,
            applicant_foreign_code,
            applicant_passport,
            office_letter_number,
            office_letter_date,
            ..
        } = command
        else {
            return Self { national_id: None, foreign_code: None, passport: None, letter: None };
        };
        Self {
            national_id: applicant_national_id.clone(),
            foreign_code: applicant_foreign_code.clone(),
            passport: applicant_passport.clone(),
            letter: office_letter_number.clone().zip(office_letter_date.clone()),
        }
    }
}

/// Why `case new`'s identity was refused: an identifier's rule, or a letter date that is no
/// Solar Hijri day (as typed).
pub(super) enum IdentityFault {
    Applicant(ApplicantError),
    Date(String),
}

impl From<ApplicantError> for IdentityFault {
    fn from(error: ApplicantError) -> Self {
        Self::Applicant(error)
    }
}

/// A 10-digit national ID makes a person, an 11-digit legal-entity ID an organisation; a unique
/// code or passport a foreign national; a letter an office.
pub(super) fn applicant(ids: &NewIds, name: &str, phone: Option<&str>) -> Result<Applicant, IdentityFault> {
    let identity = if let Some((number, date)) = &ids.letter {
        office_identity(number, date)?
    } else if let Some(code) = &ids.foreign_code {
        ApplicantIdentity::ForeignNational { unique_code: ForeignNationalCode::parse(code)? }
    } else if let Some(number) = &ids.passport {
        ApplicantIdentity::Passport { passport_number: PassportNumber::parse(number)? }
    } else {
        let id = ids.national_id.as_deref().unwrap_or_default();
        if ascii_digits(id).is_some_and(|d| d.len() == 11) {
            ApplicantIdentity::Organisation { legal_entity_id: LegalEntityId::parse(id)? }
        } else {
            ApplicantIdentity::Person { national_id: NationalId::parse(id)? }
        }
    };
    let phone = phone.map(Phone::parse).transpose()?;
    Ok(Applicant::new(identity, name, phone)?)
}

/// An office asking by letter: its number, and its Solar Hijri date as typed.
pub(super) fn office_identity(number: &str, date: &str) -> Result<ApplicantIdentity, IdentityFault> {
    let letter_date =
        JalaliDate::parse(date).and_then(JalaliDate::to_gregorian).ok_or_else(|| IdentityFault::Date(date.to_owned()))?;
    Ok(ApplicantIdentity::Office { letter_number: LetterNumber::parse(number)?, letter_date })
}

pub(super) fn tracking_code(input: &str, out: &mut Output) -> Result<TrackingCode, ExitCode> {
    TrackingCode::parse(input).map_err(|error| {
        let message = out.localizer.tracking_code_error(&error, input);
        // A failed write to stderr leaves only the exit code to tell; that is still a refusal.
        let _ = out.error(&message);
        ExitCode::from(1)
    })
}

fn created(case: &Case, out: &mut Output) -> anyhow::Result<ExitCode> {
    if out.json {
        out.json_value(&json!(case))?;
    } else {
        let code = out.localizer.digits(&case.tracking_code.grouped());
        let message = out.localizer.text("case-created", &[("code", Arg::Text(&code))]);
        out.line(&message)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn advanced(case: &Case, catalog: &Catalog, out: &mut Output) -> anyhow::Result<ExitCode> {
    if out.json {
        out.json_value(&json!(case))?;
        return Ok(ExitCode::SUCCESS);
    }
    let loc = &out.localizer;
    let code = loc.digits(&case.tracking_code.grouped());
    let step = step_label(catalog, case, &case.step);
    let mut lines = vec![loc.text("case-advanced", &[("code", Arg::Text(&code)), ("step", Arg::Text(&step))])];
    if case.status == CaseStatus::Closed {
        lines.push(loc.text("case-closed-now", &[]));
    }
    for line in lines {
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn show(case: &Case, catalog: &Catalog, out: &mut Output) -> anyhow::Result<ExitCode> {
    if out.json {
        out.json_value(&json!(case))?;
        return Ok(ExitCode::SUCCESS);
    }
    // Names, notes, file names and reasons stored before the text rules (or from elsewhere) may
    // hold control or bidi characters: they are shown escaped, never sent to the terminal raw.
    for line in describe(case, catalog, out.localizer) {
        out.line(&terminal_safe(&line))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn search_results(total: usize, cases: &[Case], catalog: &Catalog, out: &mut Output) -> anyhow::Result<ExitCode> {
    if out.json {
        out.json_value(&json!({ "total": total, "cases": cases }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let loc = &out.localizer;
    let mut lines: Vec<String> = cases.iter().map(|case| search_row(case, catalog, loc)).collect();
    lines.push(loc.text("case-search-count", &[("count", Arg::Number(i64::try_from(total).unwrap_or(i64::MAX)))]));
    for line in lines {
        out.line(&terminal_safe(&line))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn search_row(case: &Case, catalog: &Catalog, loc: &Localizer) -> String {
    let code = loc.digits(&case.tracking_code.grouped());
    let date = loc.digits(&JalaliDate::at_iran(case.opened_at).to_string());
    let status = status_text(case.status, loc);
    let step = step_label(catalog, case, &case.step);
    loc.text(
        "case-search-row",
        &[
            ("code", Arg::Text(&code)),
            ("date", Arg::Text(&date)),
            ("name", Arg::Text(&case.applicant.name)),
            ("status", Arg::Text(&status)),
            ("step", Arg::Text(&step)),
        ],
    )
}

fn status_text(status: CaseStatus, loc: &Localizer) -> String {
    match status {
        CaseStatus::Open => loc.text("case-status-open", &[]),
        CaseStatus::Closed => loc.text("case-status-closed", &[]),
    }
}

/// A step as a clerk knows it: its label from the workflow, with its id for `--to`.
fn step_label(catalog: &Catalog, case: &Case, step: &str) -> String {
    let label = catalog.find(&case.service_key).and_then(|s| s.workflow.node(step)).map(|n| n.label_fa.as_str());
    match label {
        Some(label) if !label.is_empty() => format!("{label} ({step})"),
        _ => step.to_owned(),
    }
}

fn describe(case: &Case, catalog: &Catalog, loc: &Localizer) -> Vec<String> {
    let code = loc.digits(&case.tracking_code.grouped());
    let service = catalog.find(&case.service_key).map_or_else(|| case.service_key.clone(), |s| s.sub_title_fa.clone());
    let id = loc.digits(case.applicant.id_number());
    let date = loc.digits(&JalaliDate::at_iran(case.opened_at).to_string());
    let status = status_text(case.status, loc);
    let step = step_label(catalog, case, &case.step);
    let mut lines = vec![
        loc.text("case-field-tracking", &[("code", Arg::Text(&code))]),
        loc.text("case-field-service", &[("service", Arg::Text(&service))]),
        loc.text("case-field-applicant", &[("name", Arg::Text(&case.applicant.name)), ("id", Arg::Text(&id))]),
    ];
    if let Some(phone) = &case.applicant.phone {
        lines.push(loc.text("case-field-phone", &[("phone", Arg::Text(&loc.digits(phone.as_str())))]));
    }
    lines.push(loc.text("case-field-status", &[("status", Arg::Text(&status))]));
    lines.push(loc.text("case-field-step", &[("step", Arg::Text(&step))]));
    lines.push(loc.text("case-field-opened", &[("date", Arg::Text(&date))]));
    lines.push(loc.text("case-field-checklist", &[]));
    for (i, item) in case.checklist.iter().enumerate() {
        let state = loc.text(if item.received { "case-document-received" } else { "case-document-missing" }, &[]);
        lines.push(format!("  {}. {} — {state}", loc.digits(&(i + 1).to_string()), item.label_fa));
    }
    lines.push(loc.text("case-field-history", &[]));
    for event in &case.history {
        lines.extend(event_lines(event, case, catalog, loc));
    }
    lines
}

fn event_lines(event: &CaseEvent, case: &Case, catalog: &Catalog, loc: &Localizer) -> Vec<String> {
    let what = match &event.kind {
        EventKind::Opened { .. } => loc.text("case-event-opened", &[]),
        EventKind::Advanced { from, to, branch_fa, paper, .. } => {
            let (from, to) = (step_label(catalog, case, from), step_label(catalog, case, to));
            let moved = match branch_fa {
                Some(branch) => loc.text(
                    "case-event-decided",
                    &[("from", Arg::Text(&from)), ("to", Arg::Text(&to)), ("branch", Arg::Text(branch))],
                ),
                None => loc.text("case-event-advanced", &[("from", Arg::Text(&from)), ("to", Arg::Text(&to))]),
            };
            match paper {
                Some(letter) => {
                    let date = loc.digits(&JalaliDate::from_gregorian(letter.date).to_string());
                    let by_letter =
                        loc.text("case-event-paper", &[("number", Arg::Text(&letter.number)), ("date", Arg::Text(&date))]);
                    format!("{moved} {by_letter}")
                }
                None => moved,
            }
        }
        EventKind::DocumentMarked { item, received } => {
            let state = loc.text(if *received { "case-document-received" } else { "case-document-missing" }, &[]);
            let item = i64::try_from(*item + 1).unwrap_or(i64::MAX);
            loc.text("case-event-document", &[("item", Arg::Number(item)), ("state", Arg::Text(&state))])
        }
        EventKind::NoteAdded => loc.text("case-event-note", &[]),
        EventKind::FileAttached { file_name, .. } => loc.text("case-event-file", &[("file", Arg::Text(file_name))]),
        kind @ (EventKind::DocumentIssued { .. }
        | EventKind::DocumentPrinted { .. }
        | EventKind::DocumentRevoked { .. }
        | EventKind::CatalogMigrated { .. }) => loc.document_event(kind).unwrap_or_default(),
    };
    let date = loc.digits(&JalaliDate::at_iran(event.at).to_string());
    let sequence = i64::from(event.sequence);
    let args = [
        ("sequence", Arg::Number(sequence)),
        ("date", Arg::Text(&date)),
        ("actor", Arg::Text(&event.actor.name)),
        ("what", Arg::Text(&what)),
    ];
    let mut lines = vec![format!("  {}", loc.text("case-event-line", &args))];
    if let Some(note) = &event.note {
        lines.push(format!("     {}", loc.text("case-event-note-line", &[("note", Arg::Text(note))])));
    }
    lines
}

/// `case migrate`: the office administrator moves an open case to the active catalogue version.
fn migrate(db: &Database, catalog: &Catalog, tracking: &str, actor: &Actor, out: &mut Output) -> anyhow::Result<ExitCode> {
    let code = match tracking_code(tracking, out) {
        Ok(code) => code,
        Err(exit) => return Ok(exit),
    };
    match office::migrate_case(db, catalog, &code, &Context { actor, at: Utc::now(), note: None }) {
        Ok(case) => {
            if out.json {
                out.json_value(&json!({ "case": code.as_str(), "catalog_version": case.catalog_version }))?;
            } else {
                let shown = out.localizer.digits(code.as_str());
                let args = [("code", Arg::Text(&shown)), ("version", Arg::Text(&case.catalog_version))];
                let message = out.localizer.text("migrate-done", &args);
                out.line(&message)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => refuse_store(out, &error),
    }
}

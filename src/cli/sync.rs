//! `bakhshyar sync …`: the district's side of sync with the province hub.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;
use serde_json::json;

use bakhshyar::domain::account::OfficeActKind;
use bakhshyar::domain::role::Action;
use bakhshyar::i18n::Arg;
use bakhshyar::office::accounts;
use bakhshyar::signing::PublicKey;
use bakhshyar::store::Database;
use bakhshyar::sync::client::{HubClient, Limits};
use bakhshyar::sync::district::{self, DistrictSyncError, Report};

use super::Output;

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    Identity,
    Trust {
        #[arg(long)]
        hub_id: String,
        #[arg(long)]
        key: String,
    },
    Push {
        #[arg(long, env = "BAKHSHYAR_HUB")]
        hub: String,
        #[arg(long, default_value_t = district::MAX_ITEMS)]
        batch_events: usize,
        #[arg(long, default_value_t = 64 * 1024)]
        chunk_bytes: usize,
        #[arg(long)]
        json: bool,
    },
    Pull {
        #[arg(long, env = "BAKHSHYAR_HUB")]
        hub: String,
        #[arg(long)]
        json: bool,
    },
    Status {
        #[arg(long)]
        json: bool,
    },
    Export {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = district::MAX_ITEMS)]
        batch_events: usize,
    },
    Import {
        file: PathBuf,
    },
}

impl SyncCommand {
    /// The subject of the office act that records the command; reading the state records nothing.
    fn recorded_as(&self) -> Option<&'static str> {
        match self {
            Self::Identity | Self::Status { .. } => None,
            Self::Trust { .. } => Some("trust"),
            Self::Push { .. } => Some("push"),
            Self::Pull { .. } => Some("pull"),
            Self::Export { .. } => Some("export"),
            Self::Import { .. } => Some("import"),
        }
    }

    pub fn json(&self) -> bool {
        matches!(self, Self::Push { json: true, .. } | Self::Pull { json: true, .. } | Self::Status { json: true })
    }
}

pub fn run(command: SyncCommand, dir: &Path, out: &mut Output) -> anyhow::Result<ExitCode> {
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse(out, &DistrictSyncError::Store(error)),
    };
    let Some(catalog) = super::active_catalog(&db, out)? else { return Ok(ExitCode::from(1)) };
    let catalog = &catalog;
    let actor = match out.log_in(&db, Action::ManageSync)? {
        Ok(actor) => actor,
        Err(exit) => return Ok(exit),
    };
    if let Some(subject) = command.recorded_as() {
        // Recorded before the exchange, so an exchange cut off midway is on the record too.
        let recorded = accounts::record(&db, &actor, Action::ManageSync, OfficeActKind::Synced, subject, Utc::now());
        if let Err(error) = recorded {
            return refuse(out, &DistrictSyncError::Store(error));
        }
    }
    // A push that left batches set aside did not deliver everything: scripts must see it.
    let mut set_aside = false;
    let result = match command {
        SyncCommand::Identity => identity(&db, out),
        SyncCommand::Trust { hub_id, key } => trust(&db, &hub_id, &key, out),
        SyncCommand::Push { hub, batch_events, chunk_bytes, .. } => {
            let client = HubClient::new(&hub, Limits { chunk: chunk_bytes.max(1), ..Limits::default() });
            district::push(&db, catalog, &client, batch_events).map(|r| {
                set_aside = !r.quarantined.is_empty();
                report(&r, "sync-pushed", out)
            })
        }
        SyncCommand::Pull { hub, .. } => {
            district::pull(&db, catalog, &HubClient::new(&hub, Limits::default())).map(|r| report(&r, "sync-pulled", out))
        }
        SyncCommand::Status { .. } => status(&db, out),
        SyncCommand::Export { out: file, batch_events } => return export(&db, &file, batch_events, out),
        SyncCommand::Import { file } => match std::fs::read(&file) {
            Ok(bytes) => district::import(&db, catalog, &bytes).map(|r| report(&r, "sync-imported", out)),
            Err(error) => return file_error(out, &file, &error),
        },
    };
    match result {
        Ok(printed) => {
            printed?;
            Ok(if set_aside { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Err(error) => refuse(out, &error),
    }
}

type Printed = anyhow::Result<()>;

fn identity(db: &Database, out: &mut Output) -> Result<Printed, DistrictSyncError> {
    let key = db.signing_key()?.public();
    let line = out.localizer.text("sync-identity", &[("code", Arg::Text(db.district_code()))]);
    // The key is the last word of the one line on standard output, so scripts can take it whatever
    // the language (`awk '{print $NF}'` too); the fingerprint, for people to read out to the hub,
    // goes to standard error beside it.
    let fingerprint = out.localizer.text("sync-identity-fingerprint", &[("fingerprint", Arg::Text(&key.fingerprint()))]);
    Ok(out.line(&format!("{line} {}", key.to_hex())).and_then(|()| out.error(&fingerprint)).map_err(Into::into))
}

/// Pins the hub's key, then prints its fingerprint for the administrator to compare with the
/// enrolment sheet.
fn trust(db: &Database, hub_id: &str, key: &str, out: &mut Output) -> Result<Printed, DistrictSyncError> {
    let key = PublicKey::from_hex(key).map_err(|_| DistrictSyncError::HubKeyChanged)?;
    db.trust_hub(hub_id, &key.to_hex())?;
    let lines = [
        out.localizer.text("sync-trusted", &[("hub", Arg::Text(hub_id))]),
        out.localizer.text("sync-trusted-fingerprint", &[("fingerprint", Arg::Text(&key.fingerprint()))]),
    ];
    Ok(lines.iter().try_for_each(|l| out.line(l)).map_err(Into::into))
}

fn number(n: u64) -> Arg<'static> {
    Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

fn report(report: &Report, id: &str, out: &mut Output) -> Printed {
    if out.json {
        return out.json_value(&json!({
            "batches_sent": report.batches_sent,
            "held": report.receipt.held,
            "recovered": report.recovered,
            "decisions_applied": report.decisions_applied,
            "revocations_applied": report.revocations_applied,
            "catalogs_installed": report.catalogs_installed,
            "quarantined": report.quarantined,
        }));
    }
    let args = [
        ("batches", number(report.batches_sent as u64)),
        ("held", number(report.receipt.held)),
        ("decisions", number(report.decisions_applied as u64)),
    ];
    let mut lines = vec![out.localizer.text(id, &args)];
    if report.revocations_applied > 0 {
        lines.push(out.localizer.text("sync-revocations", &[("count", number(report.revocations_applied as u64))]));
    }
    if report.catalogs_installed > 0 {
        lines.push(out.localizer.text("sync-catalogs", &[("count", number(report.catalogs_installed as u64))]));
    }
    if report.recovered > 0 {
        lines.push(out.localizer.text("sync-recovered", &[("count", number(report.recovered as u64))]));
    }
    for key in &report.quarantined {
        // The reason in the reader's words, its key beside for scripts and the province.
        let reason = out.localizer.batch_reason(key).map_or_else(|| key.clone(), |words| format!("{words} ({key})"));
        lines.push(out.localizer.text("sync-quarantined", &[("reason", Arg::Text(&reason))]));
    }
    for line in lines {
        out.line(&line)?;
    }
    Ok(())
}

fn status(db: &Database, out: &mut Output) -> Result<Printed, DistrictSyncError> {
    let state = db.sync_state()?;
    let quarantined = db.quarantined()?;
    if out.json {
        let contact = state.last_contact.map(|t| t.to_rfc3339());
        let value = json!({
            "district": db.district_code(),
            "hub": state.hub_id,
            "pending": state.pending,
            "acked": state.acked.sequence,
            "down_held": state.down_held,
            "last_contact": contact,
            "last_push": state.last_push.map(|t| t.to_rfc3339()),
            "last_pull": state.last_pull.map(|t| t.to_rfc3339()),
            "quarantined": quarantined.iter().map(|(hash, reason)| json!({ "batch": hash, "reason": reason })).collect::<Vec<_>>(),
        });
        return Ok(out.json_value(&value));
    }
    let never = out.localizer.text("sync-never", &[]);
    // Solar Hijri, Iran time, digits in the language's script (Persian by default).
    let contact = state.last_contact.map(|t| out.localizer.when(t));
    let args = [
        ("pending", number(state.pending)),
        ("acked", number(state.acked.sequence)),
        ("contact", Arg::Text(contact.as_deref().unwrap_or(&never))),
    ];
    let (push, pull) = (state.last_push.map(|t| out.localizer.when(t)), state.last_pull.map(|t| out.localizer.when(t)));
    let times = [("push", Arg::Text(push.as_deref().unwrap_or(&never))), ("pull", Arg::Text(pull.as_deref().unwrap_or(&never)))];
    let mut lines = vec![out.localizer.text("sync-status", &args), out.localizer.text("sync-status-push-pull", &times)];
    for (_, reason) in &quarantined {
        lines.push(out.localizer.text("sync-quarantined", &[("reason", Arg::Text(reason))]));
    }
    Ok(lines.iter().try_for_each(|l| out.line(l)).map_err(Into::into))
}

fn export(db: &Database, file: &Path, batch_events: usize, out: &mut Output) -> anyhow::Result<ExitCode> {
    let (bytes, batches) = match district::export(db, batch_events) {
        Ok(exported) => exported,
        Err(error) => return refuse(out, &error),
    };
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes).and_then(|()| f.sync_all()));
    let path = file.display().to_string();
    if let Err(error) = written {
        return file_error(out, file, &error);
    }
    let line = out.localizer.text("sync-exported", &[("batches", number(batches as u64)), ("path", Arg::Text(&path))]);
    out.line(&line)?;
    Ok(ExitCode::SUCCESS)
}

fn file_error(out: &mut Output, file: &Path, error: &std::io::Error) -> anyhow::Result<ExitCode> {
    let args = [("path", Arg::Text(&file.display().to_string())), ("detail", Arg::Text(&error.to_string()))];
    let message = out.localizer.text("sync-error-file", &args);
    out.error(&message)?;
    Ok(ExitCode::from(1))
}

fn refuse(out: &mut Output, error: &DistrictSyncError) -> anyhow::Result<ExitCode> {
    let message = out.localizer.sync_error(error);
    out.error(&message)?;
    Ok(ExitCode::from(1))
}

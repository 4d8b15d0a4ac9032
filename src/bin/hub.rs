//! `bakhshyar-hub`: the province hub. Every command works on the store in `--data-dir` (redb) or
//! in the PostgreSQL database of `--postgres URL`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::Utc;
use clap::{Parser, Subcommand};

use bakhshyar::domain::issued::Serial;
use bakhshyar::hub::http::Listener;
use bakhshyar::hub::store::{HubStore, Location};
use bakhshyar::hub::uploads::{Caps, Uploads};
use bakhshyar::hub::{Hub, HubError};
use bakhshyar::i18n::{Arg, Language, Localizer};
use bakhshyar::office::print::write_private;
use bakhshyar::print::{EnrollmentSheet, render_enrollment_sheet};
use bakhshyar::signing::PublicKey;

use bakhshyar::sync::message::Message;
use bakhshyar::sync::verdict::{HubStatus, describe};

#[derive(Debug, Parser)]
#[command(name = "bakhshyar-hub", version)]
struct Cli {
    #[arg(long, global = true, env = "BAKHSHYAR_LANG", value_parser = parse_language)]
    lang: Option<Language>,
    #[arg(long, global = true, env = "BAKHSHYAR_HUB_DIR")]
    data_dir: Option<PathBuf>,
    #[arg(long, global = true, env = "BAKHSHYAR_HUB_POSTGRES", value_name = "URL")]
    postgres: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Init {
        #[arg(long, default_value = "province-hub")]
        id: String,
    },
    Enroll {
        #[arg(long)]
        district: String,
        #[arg(long)]
        key: String,
        #[arg(long, value_name = "FILE.pdf")]
        sheet: Option<PathBuf>,
    },
    /// The province takes a district's record chain as its next batch brings it, after looking
    /// into a `chain-rewritten` alarm (a backup restored at the district, say).
    AcceptChain {
        #[arg(long)]
        district: String,
    },
    Serve {
        #[arg(long, default_value = "127.0.0.1:8470")]
        listen: String,
        #[arg(long, default_value_t = 24)]
        abandoned_upload_hours: u64,
        #[arg(long, env = "BAKHSHYAR_HUB_UPLOAD_DIR")]
        upload_dir: Option<PathBuf>,
    },
    Stats {
        #[arg(long)]
        json: bool,
    },
    Import {
        file: PathBuf,
    },
    Decide {
        #[arg(long)]
        case: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        decision: Option<String>,
        #[arg(long)]
        actor: String,
        #[arg(long)]
        note: Option<String>,
    },
    Revoke {
        #[arg(long)]
        district: String,
        #[arg(long)]
        serial: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        actor: Option<String>,
    },
    Verify {
        code: String,
        #[arg(long)]
        json: bool,
    },
    PublishCatalog {
        dir: PathBuf,
    },
    Export {
        #[arg(long)]
        district: String,
        #[arg(long)]
        out: PathBuf,
    },
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| format!("unsupported language {code:?}: use fa or en"))
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let cli = match bakhshyar::i18n::command_line::parse::<Cli>("hub-cli") {
        Ok(cli) => cli,
        Err(refusal) => return refusal.print(),
    };
    let loc = Localizer::new(cli.lang.unwrap_or_default(), false);
    // Partial uploads are files: in the data folder's `uploads`, unless `serve --upload-dir` says.
    let default_uploads = cli.data_dir.as_ref().map(|dir| dir.join("uploads"));
    let location = match (cli.postgres, cli.data_dir) {
        (Some(url), _) => Location::Postgres(url),
        (None, Some(dir)) => Location::Dir(dir),
        (None, None) => {
            eprintln!("{}", loc.text("hub-no-data-dir", &[]));
            return ExitCode::from(2);
        }
    };
    match run(cli.command, &location, default_uploads.as_deref(), &loc) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", error_text(&error, &loc));
            ExitCode::from(1)
        }
    }
}

/// An error in the reader's language where the hub has words for it.
fn error_text(error: &HubError, loc: &Localizer) -> String {
    match error {
        HubError::BadDistrictCode(code) => loc.text("hub-error-bad-district-code", &[("code", Arg::Text(code))]),
        HubError::KeyInUse(other) => loc.text("hub-error-key-in-use", &[("district", Arg::Text(other))]),
        other => loc.text("hub-error", &[("detail", Arg::Text(&other.to_string()))]),
    }
}

fn run(command: Command, location: &Location, default_uploads: Option<&Path>, loc: &Localizer) -> Result<ExitCode, HubError> {
    if let Command::Init { id } = &command {
        let store = HubStore::create(location, id)?;
        let key = store.signing_key()?.public();
        println!("{}", loc.text("hub-created", &[("id", Arg::Text(id)), ("key", Arg::Text(&key.to_hex()))]));
        println!("{}", loc.text("hub-key-fingerprint", &[("fingerprint", Arg::Text(&key.fingerprint()))]));
        return Ok(ExitCode::SUCCESS);
    }
    let hub = Hub { store: HubStore::open(location)? };
    match command {
        Command::Init { .. } => unreachable!("handled above"),
        Command::Enroll { district, key, sheet } => return enroll(&hub, &district, &key, sheet.as_deref(), loc),
        Command::Serve { listen, abandoned_upload_hours, upload_dir } => {
            let Some(upload_dir) = upload_dir.as_deref().or(default_uploads) else {
                eprintln!("{}", loc.text("hub-no-upload-dir", &[]));
                return Ok(ExitCode::from(2));
            };
            let uploads = Arc::new(Uploads::open(upload_dir, Caps::default())?);
            sweep_abandoned_uploads(&uploads, Duration::from_secs(abandoned_upload_hours.saturating_mul(3600)))?;
            let listener = Listener::bind(&listen)?;
            let address = listener.address().map(|a| a.to_string()).unwrap_or(listen);
            println!("{}", loc.text("hub-listening", &[("address", Arg::Text(&format!("http://{address}")))]));
            listener.run(&Arc::new(hub), uploads)?;
        }
        Command::Stats { json } => stats(&hub, json, loc)?,
        Command::AcceptChain { district } => {
            let previous = hub.accept_chain(&district)?;
            let act = previous.map_or(0, |(act, _)| i64::try_from(act).unwrap_or(i64::MAX));
            println!("{}", loc.text("hub-chain-accepted", &[("district", Arg::Text(&district)), ("act", Arg::Number(act))]));
        }
        Command::Decide { case, to, decision, actor, note } => {
            let message =
                Message::Decision { case: case.clone(), to, decision_fa: decision, actor_name: actor, at: Utc::now(), note };
            let district = hub.decide(&message, Utc::now())?;
            println!("{}", loc.text("hub-decided", &[("case", Arg::Text(&case)), ("district", Arg::Text(&district))]));
        }
        Command::Revoke { district, serial, reason, actor } => {
            let Some(parsed) = Serial::parse(&serial) else {
                eprintln!("{}", loc.text("hub-bad-serial", &[("serial", Arg::Text(&serial))]));
                return Ok(ExitCode::from(2));
            };
            let actor = actor.unwrap_or_else(|| hub.store.id.clone());
            let case = hub.revoke(&district, parsed, &reason, &actor, Utc::now())?;
            let args = [("serial", Arg::Text(&serial)), ("case", Arg::Text(&case)), ("district", Arg::Text(&district))];
            println!("{}", loc.text("hub-revoked", &args));
        }
        Command::PublishCatalog { dir } => {
            let files = bakhshyar::catalog_data::files_of(&dir).map_err(|errors| HubError::BrokenCatalog {
                count: errors.len(),
                first: errors.first().map(ToString::to_string).unwrap_or_default(),
            })?;
            let (version, districts) = hub.publish_catalog(files, Utc::now())?;
            let count = i64::try_from(districts.len()).unwrap_or(i64::MAX);
            println!("{}", loc.text("hub-published", &[("version", Arg::Text(&version)), ("count", Arg::Number(count))]));
        }
        Command::Verify { code, json } => return verify(&hub, &code, json, loc),
        Command::Import { file } => return import(&hub, &file, loc),
        Command::Export { district, out } => {
            let bytes = hub.export(&district, 0)?;
            write_new(&out, &bytes)?;
            println!("{}", loc.text("hub-exported", &[("path", Arg::Text(&out.display().to_string()))]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Enrolls the district's key and prints what the district must be given, out of band, to trust
/// this hub (its id and key, as the `sync trust` line), and both keys' fingerprints for the people
/// at either end to compare. With `sheet`, the same on a one-page PDF written there first: a sheet
/// that cannot be made or written leaves the district unenrolled, and a refused enrolment no sheet.
fn enroll(hub: &Hub, district: &str, key: &str, sheet: Option<&Path>, loc: &Localizer) -> Result<ExitCode, HubError> {
    let key = PublicKey::from_hex(key).map_err(|e| HubError::Io(e.to_string()))?;
    let hub_key = hub.store.signing_key()?.public();
    let enrollment = EnrollmentSheet {
        hub_id: &hub.store.id,
        district_code: district,
        hub_key,
        district_key: key,
        language: loc.language(),
        now: Utc::now(),
    };
    if let Some(file) = sheet {
        let bytes = match render_enrollment_sheet(&enrollment) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{}", error.message(loc, str::to_owned));
                return Ok(ExitCode::from(1));
            }
        };
        write_private(file, &bytes, true).map_err(|e| HubError::Io(format!("{}: {e}", file.display())))?;
    }
    let count = match hub.store.enroll(district, &key, Utc::now()) {
        Ok(count) => count,
        Err(error) => {
            // The sheet was made just now, for this enrolment only.
            if let Some(file) = sheet {
                let _ = std::fs::remove_file(file);
            }
            return Err(error);
        }
    };
    let id = if count > 1 { "hub-re-enrolled" } else { "hub-enrolled" };
    println!("{}", loc.text(id, &[("district", Arg::Text(district)), ("count", Arg::Number(i64::from(count)))]));
    println!("{}", loc.text("hub-enrolled-give", &[("line", Arg::Text(&enrollment.trust_line()))]));
    println!("{}", loc.text("hub-key-fingerprint", &[("fingerprint", Arg::Text(&hub_key.fingerprint()))]));
    let args = [("district", Arg::Text(district)), ("fingerprint", Arg::Text(&key.fingerprint()))];
    println!("{}", loc.text("hub-district-fingerprint", &args));
    if let Some(file) = sheet {
        println!("{}", loc.text("hub-sheet-written", &[("path", Arg::Path(&file.display().to_string()))]));
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(hub: &Hub, json: bool, loc: &Localizer) -> Result<(), HubError> {
    let stats = hub.stats()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&stats).map_err(|e| HubError::Io(e.to_string()))?);
        return Ok(());
    }
    for s in &stats {
        let contact = s.last_contact.map_or_else(|| loc.text("hub-stats-never", &[]), |t| loc.when(t));
        let district = loc.digits(&s.district);
        let held = i64::try_from(s.events_held).unwrap_or(i64::MAX);
        let last = i64::try_from(s.last_sequence).unwrap_or(i64::MAX);
        let args = [
            ("district", Arg::Text(&district)),
            ("held", Arg::Number(held)),
            ("last", Arg::Number(last)),
            ("contact", Arg::Text(&contact)),
        ];
        println!("{}", loc.text("hub-stats-line", &args));
    }
    Ok(())
}

/// Removes the partial uploads older than `age` now, then every hour (or every `age`, when
/// shorter) for as long as the hub serves: a district that never finished its upload.
fn sweep_abandoned_uploads(uploads: &Arc<Uploads>, age: Duration) -> Result<(), HubError> {
    let sweep = move |uploads: &Uploads| -> Result<usize, HubError> {
        let cutoff = SystemTime::now().checked_sub(age).unwrap_or(SystemTime::UNIX_EPOCH);
        let removed = uploads.sweep(cutoff)?;
        if removed > 0 {
            tracing::info!(removed, "abandoned uploads removed");
        }
        Ok(removed)
    };
    sweep(uploads)?;
    let uploads = Arc::clone(uploads);
    let every = age.clamp(Duration::from_secs(1), Duration::from_secs(3600));
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(every);
            if let Err(error) = sweep(&uploads) {
                tracing::warn!(%error, "sweeping abandoned uploads failed");
            }
        }
    });
    Ok(())
}

/// Exit 0 when the document is genuine, 1 otherwise.
fn verify(hub: &Hub, code: &str, json: bool, loc: &Localizer) -> Result<ExitCode, HubError> {
    let verdict = hub.verify(code)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&verdict).map_err(|e| HubError::Io(e.to_string()))?);
    } else {
        println!("{}", describe(&verdict, loc));
    }
    Ok(if verdict.status == HubStatus::Genuine { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Exit 0 when every batch of the file was taken (or was already held), 1 otherwise.
fn import(hub: &Hub, file: &Path, loc: &Localizer) -> Result<ExitCode, HubError> {
    let bytes = std::fs::read(file).map_err(|e| HubError::Io(format!("{}: {e}", file.display())))?;
    let results = hub.import(&bytes, Utc::now())?;
    let mut refused = 0;
    for result in &results {
        match result {
            Ok(receipt) => {
                let held = i64::try_from(receipt.held).unwrap_or(i64::MAX);
                println!("{}", loc.text("hub-import-held", &[("held", Arg::Number(held))]));
            }
            Err(error) => {
                refused += 1;
                eprintln!("{}", loc.text("hub-error", &[("detail", Arg::Text(&error.to_string()))]));
            }
        }
    }
    Ok(if refused == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), HubError> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| HubError::Io(format!("{}: {e}", path.display())))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| HubError::Io(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use bakhshyar::i18n::command_line::missing_messages;
    use bakhshyar::i18n::{Language, Localizer};

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        for language in Language::ALL {
            let missing =
                missing_messages(&super::Cli::command(), &Localizer::with_command_line_help(language), "hub-cli", "hub-cli");
            assert!(missing.is_empty(), "{language:?} lacks {missing:?}");
        }
    }
}

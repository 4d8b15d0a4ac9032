//! `bakhshyar-hub`: the province hub. Every command works on the store in `--data-dir` (redb) or
//! in the PostgreSQL database of `--postgres URL`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use clap::{Parser, Subcommand};

use bakhshyar::hub::admin::{self, Act, Token, error_text};
use bakhshyar::hub::http::Listener;
use bakhshyar::hub::store::{HubStore, Location};
use bakhshyar::hub::uploads::{Caps, Uploads};
use bakhshyar::hub::{Hub, HubError};
use bakhshyar::i18n::{Arg, Language, Localizer};

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

/// `init`, `serve`, and the administrator's acts (`hub::admin::Act`), which a command line whose
/// redb store is held by a serving hub sends to it.
#[derive(Debug, Subcommand)]
enum Command {
    Init {
        #[arg(long, default_value = "province-hub")]
        id: String,
    },
    #[command(flatten)]
    Act(Act),
    Serve {
        #[arg(long, default_value = "127.0.0.1:8470", env = "BAKHSHYAR_HUB_LISTEN")]
        listen: String,
        #[arg(long, default_value_t = 24)]
        abandoned_upload_hours: u64,
        #[arg(long, env = "BAKHSHYAR_HUB_UPLOAD_DIR")]
        upload_dir: Option<PathBuf>,
    },
    /// Write the man pages (English: man does not shape or reorder Persian) into DIR. For
    /// packaging/linux/make-debs; hidden and not translated.
    #[command(hide = true)]
    ManPages { dir: PathBuf },
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
    if let Command::ManPages { dir } = &cli.command {
        return match write_man_pages(dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("{}: {error}", dir.display());
                ExitCode::from(1)
            }
        };
    }
    let data_dir = cli.data_dir.clone();
    let location = match (cli.postgres, cli.data_dir) {
        (Some(url), _) => Location::Postgres(url),
        (None, Some(dir)) => Location::Dir(dir),
        (None, None) => {
            eprintln!("{}", loc.text("hub-no-data-dir", &[]));
            return ExitCode::from(2);
        }
    };
    let done = match cli.command {
        Command::Init { id } => init(&location, &id, &loc),
        Command::Serve { listen, abandoned_upload_hours, upload_dir } => {
            // Partial uploads are files: in the data folder's `uploads`, unless `serve --upload-dir` says.
            let default_uploads = data_dir.as_ref().map(|dir| dir.join("uploads"));
            let Some(upload_dir) = upload_dir.or(default_uploads) else {
                eprintln!("{}", loc.text("hub-no-upload-dir", &[]));
                return ExitCode::from(2);
            };
            let age = Duration::from_secs(abandoned_upload_hours.saturating_mul(3600));
            serve(&location, data_dir.as_deref(), &listen, &upload_dir, age, &loc)
        }
        Command::Act(act) => return administer(act, &location, &loc),
        Command::ManPages { .. } => Ok(()),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", error_text(&error, &loc));
            ExitCode::from(1)
        }
    }
}

fn write_man_pages(dir: &Path) -> std::io::Result<()> {
    let english = Localizer::with_command_line_help(Language::English);
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(
        bakhshyar::i18n::command_line::localize(<Cli as clap::CommandFactory>::command(), &english, "hub-cli", "hub-cli"),
        dir,
    )
}

fn init(location: &Location, id: &str, loc: &Localizer) -> Result<(), HubError> {
    let store = HubStore::create(location, id)?;
    let key = store.signing_key()?.public();
    println!("{}", loc.text("hub-created", &[("id", Arg::Text(id)), ("key", Arg::Text(&key.to_hex()))]));
    println!("{}", loc.text("hub-key-fingerprint", &[("fingerprint", Arg::Text(&key.fingerprint()))]));
    Ok(())
}

/// Serves until SIGTERM or SIGINT. With a data folder, `admin.json` is there while it serves, for
/// the administrator's commands (`hub::admin`); it goes on a clean stop.
fn serve(
    location: &Location,
    data_dir: Option<&Path>,
    listen: &str,
    upload_dir: &Path,
    abandoned: Duration,
    loc: &Localizer,
) -> Result<(), HubError> {
    let hub = Hub { store: HubStore::open(location)? };
    let uploads = Arc::new(Uploads::open(upload_dir, Caps::default())?);
    sweep_abandoned_uploads(&uploads, abandoned)?;
    let token = Token::generate()?;
    let listener = Listener::bind(listen)?;
    let bound = listener.address();
    let published = match (data_dir, bound) {
        (Some(dir), Some(bound)) => Some(admin::publish(dir, bound, &token)?),
        _ => None,
    };
    let address = bound.map_or_else(|| listen.to_owned(), |a| a.to_string());
    println!("{}", loc.text("hub-listening", &[("address", Arg::Text(&format!("http://{address}")))]));
    listener.with_admin(token).stop_on_signals().run(&Arc::new(hub), uploads)?;
    drop(published);
    tracing::info!("the hub stopped");
    Ok(())
}

/// Carries out an administrator's act on the store; when a serving hub holds the redb store, sends
/// it there (`hub::admin::forward`) and prints its answer.
fn administer(act: Act, location: &Location, loc: &Localizer) -> ExitCode {
    let error = match HubStore::open(location) {
        Ok(store) => {
            let hub = Hub { store };
            let code = admin::perform(&hub, &act, loc, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
            return ExitCode::from(code);
        }
        Err(error) => error,
    };
    let (HubError::Held(_), Location::Dir(dir)) = (&error, location) else {
        eprintln!("{}", error_text(&error, loc));
        return ExitCode::from(1);
    };
    let act = match act.absolute() {
        Ok(act) => act,
        Err(error) => {
            eprintln!("{}", error_text(&error, loc));
            return ExitCode::from(1);
        }
    };
    match admin::forward(dir, &act, loc.language()) {
        Ok(outcome) => {
            // What the serving hub said, as if said here.
            let _ = std::io::stdout().lock().write_all(outcome.stdout.as_bytes());
            let _ = std::io::stderr().lock().write_all(outcome.stderr.as_bytes());
            ExitCode::from(outcome.exit)
        }
        Err(unreached) => {
            tracing::debug!(%unreached, "the serving hub was not reached");
            eprintln!("{}", unreached.message(&dir.join(bakhshyar::hub::store::on_redb::FILE_NAME), loc));
            ExitCode::from(1)
        }
    }
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

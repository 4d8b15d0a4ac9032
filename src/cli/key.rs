//! `key export` and `key import`: the district key's copy sealed with a passphrase. Backups do not
//! carry the key (`store/key_file.rs`); the administrator keeps this copy, apart from them, for a
//! new PC.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;

use bakhshyar::domain::role::Action;
use bakhshyar::i18n::Arg;
use bakhshyar::office;

use super::case::{refuse, refuse_store};
use super::{KeyCommand, Output};

/// A sealed copy is a few hundred bytes; anything much larger is not one and is not read whole.
const MAX_COPY_BYTES: u64 = 64 * 1024;

pub fn run(command: KeyCommand, dir: &Path, out: &mut Output) -> anyhow::Result<ExitCode> {
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse_store(out, &error),
    };
    let actor = match out.log_in(&db, Action::ManageBackups)? {
        Ok(actor) => actor,
        Err(exit) => return Ok(exit),
    };
    match command {
        KeyCommand::Export { out: file, passphrase_file } => {
            let shown = file.display().to_string();
            if file.exists() {
                let message = out.localizer.text("key-export-exists", &[("path", Arg::Path(&shown))]);
                return refuse(out, &message);
            }
            let passphrase = match out.new_secret(passphrase_file.as_deref(), ["key-passphrase-new", "key-passphrase-again"])? {
                Ok(passphrase) => passphrase,
                Err(exit) => return Ok(exit),
            };
            if let Err(error) = office::records::export_key(&db, &actor, &passphrase, &file, false, Utc::now()) {
                return refuse_store(out, &error);
            }
            let message = out.localizer.text("key-exported", &[("path", Arg::Path(&shown))]);
            out.line(&message)?;
            Ok(ExitCode::SUCCESS)
        }
        KeyCommand::Import { file, passphrase_file } => {
            let shown = file.display().to_string();
            let mut sealed = Vec::new();
            let read = std::fs::File::open(&file).and_then(|f| f.take(MAX_COPY_BYTES).read_to_end(&mut sealed));
            if read.is_err() {
                let message = out.localizer.text("key-import-unreadable", &[("path", Arg::Path(&shown))]);
                return refuse(out, &message);
            }
            let passphrase = match out.secret(passphrase_file.as_deref(), "key-passphrase-prompt")? {
                Ok(passphrase) => passphrase,
                Err(exit) => return Ok(exit),
            };
            match office::records::import_key(&db, &actor, &sealed, &passphrase, &shown, Utc::now()) {
                Ok(installed) => {
                    let id = if installed { "key-imported" } else { "key-already-here" };
                    let code = out.localizer.digits(db.district_code());
                    let message = out.localizer.text(id, &[("district", Arg::Text(&code))]);
                    out.line(&message)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(error) => refuse_store(out, &error),
            }
        }
    }
}

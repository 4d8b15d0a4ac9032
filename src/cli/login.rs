//! Who runs a command: every command that reads or changes cases logs in first, as the account
//! named by `--user`, with the password from `--password-file` (private to its owner, for scripts)
//! or typed at the terminal's prompt. There is no built-in actor.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;

use bakhshyar::domain::account::permit;
use bakhshyar::domain::role::{Action, Actor};
use bakhshyar::i18n::Arg;
use bakhshyar::office::accounts;
use bakhshyar::store::Database;

use super::Output;

/// `--user` and `--password-file`, as given (or from `BAKHSHYAR_USER`, `BAKHSHYAR_PASSWORD_FILE`).
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    pub user: Option<String>,
    pub password_file: Option<PathBuf>,
}

/// Why a password could not be read; each says what to do.
enum PasswordSource {
    Read(String),
    Refused(String),
}

impl Output {
    /// Logs in to `db` as `--user` and checks that the account may take `action`. On refusal the
    /// reason is printed and the exit code comes back in `Err`; nothing else happens.
    pub fn log_in(&mut self, db: &Database, action: Action) -> anyhow::Result<Result<Actor, ExitCode>> {
        let Some(user) = self.credentials.user.clone() else {
            let message = self.localizer.text("login-user-missing", &[]);
            return refuse(self, &message);
        };
        let password = match self.password(self.credentials.password_file.clone().as_deref(), "login-password-prompt") {
            PasswordSource::Read(password) => password,
            PasswordSource::Refused(message) => return refuse(self, &message),
        };
        let actor = match accounts::log_in(db, &user, &password, Utc::now()) {
            Ok(actor) => actor,
            Err(error) => {
                let message = self.localizer.store_error(&error);
                return refuse(self, &message);
            }
        };
        if let Err(error) = permit(&actor, action) {
            let message = self.localizer.account_error(&error);
            return refuse(self, &message);
        }
        Ok(Ok(actor))
    }

    /// A new password: from `file`, else typed twice at the terminal.
    pub fn new_password(&mut self, file: Option<&Path>) -> anyhow::Result<Result<String, ExitCode>> {
        self.new_secret(file, ["login-new-password-prompt", "login-new-password-again"])
    }

    /// A new secret from `file`, else asked twice at the terminal with the two `prompts`.
    pub fn new_secret(&mut self, file: Option<&Path>, prompts: [&str; 2]) -> anyhow::Result<Result<String, ExitCode>> {
        if let Some(file) = file {
            return match self.password(Some(file), "") {
                PasswordSource::Read(password) => Ok(Ok(password)),
                PasswordSource::Refused(message) => refuse(self, &message),
            };
        }
        let first = match self.password(None, prompts[0]) {
            PasswordSource::Read(password) => password,
            PasswordSource::Refused(message) => return refuse(self, &message),
        };
        let again = match self.password(None, prompts[1]) {
            PasswordSource::Read(password) => password,
            PasswordSource::Refused(message) => return refuse(self, &message),
        };
        if first != again {
            let message = self.localizer.account_error(&bakhshyar::domain::account::AccountError::PasswordsDiffer);
            return refuse(self, &message);
        }
        Ok(Ok(first))
    }

    /// A secret from `file`, else asked at the terminal with the message `prompt`.
    pub fn secret(&mut self, file: Option<&Path>, prompt: &str) -> anyhow::Result<Result<String, ExitCode>> {
        match self.password(file, prompt) {
            PasswordSource::Read(secret) => Ok(Ok(secret)),
            PasswordSource::Refused(message) => refuse(self, &message),
        }
    }

    /// A secret from `file` (which must be private to its owner), else asked at the terminal with
    /// the message `prompt`.
    fn password(&self, file: Option<&Path>, prompt: &str) -> PasswordSource {
        if let Some(file) = file {
            return match read_secret_file(file) {
                Ok(secret) => PasswordSource::Read(secret),
                Err(id) => PasswordSource::Refused(self.localizer.text(id, &[("path", Arg::Path(&file.display().to_string()))])),
            };
        }
        if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            return PasswordSource::Refused(self.localizer.text("login-password-missing", &[]));
        }
        match rpassword::prompt_password(format!("{} ", self.localizer.text(prompt, &[]))) {
            Ok(password) => PasswordSource::Read(password),
            Err(_) => PasswordSource::Refused(self.localizer.text("login-password-missing", &[])),
        }
    }
}

fn refuse<T>(out: &mut Output, message: &str) -> anyhow::Result<Result<T, ExitCode>> {
    out.error(message)?;
    Ok(Err(ExitCode::from(1)))
}

/// The longest secret file read: a password is a line, not a document.
const MAX_SECRET_BYTES: u64 = 4_096;

/// The first line of a secret file, or the message id of why it is refused: missing, readable by
/// others (on Unix: any permission for group or others), too long, or not text.
pub fn read_secret_file(file: &Path) -> Result<String, &'static str> {
    let metadata = std::fs::metadata(file).map_err(|_| "login-password-file-unreadable")?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if metadata.permissions().mode() & 0o077 != 0 {
            return Err("login-password-file-open");
        }
    }
    if !metadata.is_file() || metadata.len() > MAX_SECRET_BYTES {
        return Err("login-password-file-unreadable");
    }
    let text = std::fs::read_to_string(file).map_err(|_| "login-password-file-unreadable")?;
    Ok(text.lines().next().unwrap_or_default().to_owned())
}

//! `init` (a new store and its administrator), `user …` (the administrator's accounts) and
//! `recover` (the recovery sheet's code for a forgotten administrator password).

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use serde_json::json;

use bakhshyar::domain::account::{Account, UserName, check_new_password};
use bakhshyar::domain::role::{Action, Role};
use bakhshyar::domain::text::terminal_safe;
use bakhshyar::domain::tracking::TrackingCode;
use bakhshyar::i18n::Arg;
use bakhshyar::office::accounts::{self, Created};
use bakhshyar::store::Database;

use super::case::{refuse, refuse_store};
use super::login::read_secret_file;
use super::{Output, RoleArg, UserCommand};

pub struct Init<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub admin: &'a str,
    pub sheet: Option<&'a Path>,
}

pub fn init(dir: &Path, init: &Init<'_>, out: &mut Output) -> anyhow::Result<ExitCode> {
    if let Err(error) = TrackingCode::compose(init.code, 1405, 1) {
        let message = out.localizer.tracking_code_error(&error, init.code);
        return refuse(out, &message);
    }
    // The administrator's name and password are checked before anything is written.
    if let Err(error) = UserName::parse(init.admin) {
        let message = out.localizer.account_error(&error);
        return refuse(out, &message);
    }
    let password = match out.new_password(out.credentials.password_file.clone().as_deref())? {
        Ok(password) => password,
        Err(exit) => return Ok(exit),
    };
    if let Err(error) = check_new_password(&password) {
        let message = out.localizer.account_error(&error);
        return refuse(out, &message);
    }
    let db = match Database::create(dir, init.code, init.name) {
        Ok(db) => db,
        Err(error) => return refuse_store(out, &error),
    };
    let created = match accounts::create_administrator(&db, init.admin, &password, Utc::now()) {
        Ok(created) => created,
        Err(error) => return refuse_store(out, &error),
    };
    let path = db.path().display().to_string();
    let shown_code = out.localizer.digits(db.district_code());
    let args = [("name", Arg::Text(db.district_name())), ("code", Arg::Text(&shown_code)), ("path", Arg::Text(&path))];
    let message = out.localizer.text("store-created", &args);
    out.line(&message)?;
    recovery_code(&db, &created, init.sheet, out)
}

/// Tells the new recovery code, and writes its sheet when asked.
fn recovery_code(db: &Database, created: &Created, sheet: Option<&Path>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let message = out.localizer.text("recovery-code-made", &[("code", Arg::Text(&created.recovery_code))]);
    out.line(&message)?;
    let Some(file) = sheet else { return Ok(ExitCode::SUCCESS) };
    match bakhshyar::office::print::recovery_sheet(db, created, out.localizer.language(), file) {
        Ok(()) => {
            let message = out.localizer.text("recovery-sheet-written", &[("path", Arg::Path(&file.display().to_string()))]);
            out.line(&message)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            let message = error.message(out.localizer, str::to_owned);
            refuse(out, &message)
        }
    }
}

pub fn run(command: UserCommand, dir: &Path, out: &mut Output) -> anyhow::Result<ExitCode> {
    if let UserCommand::Password { new_password_file } = &command {
        return own_password(dir, new_password_file.as_deref(), out);
    }
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse_store(out, &error),
    };
    if let UserCommand::Add { name, role: RoleArg::Administrator, new_password_file } = &command
        && !accounts::has_administrator(&db).unwrap_or(true)
    {
        return first_administrator(&db, name, new_password_file.as_deref(), out);
    }
    let action = if matches!(command, UserCommand::Log { .. }) { Action::Audit } else { Action::ManageUsers };
    let admin = match out.log_in(&db, action)? {
        Ok(actor) => actor,
        Err(exit) => return Ok(exit),
    };
    let now = Utc::now();
    let done = match command {
        UserCommand::List { .. } => return list(&db, out),
        UserCommand::Log { .. } => return log(&db, out),
        UserCommand::Add { name, role, new_password_file } => {
            let password = match out.new_password(new_password_file.as_deref())? {
                Ok(password) => password,
                Err(exit) => return Ok(exit),
            };
            let added = accounts::add_account(&db, &admin, &name, role_of(role), &password, now);
            added.map(|a| ("user-added", a.name))
        }
        UserCommand::Disable { name } => accounts::set_active(&db, &admin, &name, false, now).map(|a| ("user-disabled", a.name)),
        UserCommand::Enable { name } => accounts::set_active(&db, &admin, &name, true, now).map(|a| ("user-enabled", a.name)),
        UserCommand::ResetPassword { name, new_password_file } => {
            let password = match out.new_password(new_password_file.as_deref())? {
                Ok(password) => password,
                Err(exit) => return Ok(exit),
            };
            accounts::reset_password(&db, &admin, &name, &password, now).map(|()| ("user-password-reset", name))
        }
        UserCommand::Password { .. } => unreachable!("`own_password` takes it before logging in"),
    };
    match done {
        Ok((id, name)) => {
            let message = out.localizer.text(id, &[("name", Arg::Text(&name))]);
            out.line(&message)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => refuse_store(out, &error),
    }
}

/// A store from before accounts has no administrator: the first one is added without a login
/// (there is nobody to log in as), as the window's first run does, and gets the recovery code.
fn first_administrator(db: &Database, name: &str, file: Option<&Path>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let password = match out.new_password(file)? {
        Ok(password) => password,
        Err(exit) => return Ok(exit),
    };
    match accounts::create_administrator(db, name, &password, Utc::now()) {
        Ok(created) => {
            let message = out.localizer.text("user-added", &[("name", Arg::Text(&created.account.name))]);
            out.line(&message)?;
            recovery_code(db, &created, None, out)
        }
        Err(error) => refuse_store(out, &error),
    }
}

fn role_of(role: RoleArg) -> Role {
    match role {
        RoleArg::Clerk => Role::Clerk,
        RoleArg::DistrictGovernor => Role::DistrictGovernor,
        RoleArg::Administrator => Role::Administrator,
    }
}

fn list(db: &Database, out: &mut Output) -> anyhow::Result<ExitCode> {
    let accounts = match db.accounts() {
        Ok(accounts) => accounts,
        Err(error) => return refuse_store(out, &error),
    };
    if out.json {
        let rows: Vec<_> = accounts.iter().map(account_json).collect();
        out.json_value(&json!(rows))?;
        return Ok(ExitCode::SUCCESS);
    }
    for account in &accounts {
        let role = out.localizer.text(&format!("role-{}", account.role.key()), &[]);
        let state = out.localizer.text(if account.active { "user-state-active" } else { "user-state-disabled" }, &[]);
        let line = format!("{}\t{role}\t{state}", terminal_safe(&account.name));
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn account_json(account: &Account) -> serde_json::Value {
    json!({
        "name": account.name,
        "role": account.role.key(),
        "active": account.active,
        "has_password": account.password_hash.is_some(),
        "failures": account.failures,
        "created_at": account.created_at,
    })
}

fn log(db: &Database, out: &mut Output) -> anyhow::Result<ExitCode> {
    let acts = match db.office_acts() {
        Ok(acts) => acts,
        Err(error) => return refuse_store(out, &error),
    };
    if out.json {
        let rows: Vec<_> = acts
            .iter()
            .map(|act| {
                json!({
                    "at": act.at,
                    "kind": act.kind.key(),
                    "account": act.actor.as_ref().map(|a| a.user_id.as_str()),
                    "role": act.actor.as_ref().map(|a| a.role.key()),
                    "subject": act.subject,
                })
            })
            .collect();
        out.json_value(&json!(rows))?;
        return Ok(ExitCode::SUCCESS);
    }
    for act in &acts {
        let when = out.localizer.when(act.at);
        let what = out.localizer.office_act(act.kind);
        let who = act.actor.as_ref().map_or_else(|| "—".to_owned(), |a| terminal_safe(&a.name).into_owned());
        let line = format!("{when}\t{what}\t{who}\t{}", terminal_safe(&act.subject));
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub struct Recover<'a> {
    pub admin: &'a str,
    pub code_file: Option<&'a Path>,
    pub new_password_file: Option<&'a Path>,
    pub sheet: Option<&'a Path>,
}

pub fn recover(dir: &Path, recover: &Recover<'_>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse_store(out, &error),
    };
    let code = match recover.code_file {
        Some(file) => match read_secret_file(file) {
            Ok(code) => code,
            Err(id) => {
                let message = out.localizer.text(id, &[("path", Arg::Path(&file.display().to_string()))]);
                return refuse(out, &message);
            }
        },
        None => match out.secret(None, "recover-code-prompt")? {
            Ok(code) => code,
            Err(exit) => return Ok(exit),
        },
    };
    let password = match out.new_password(recover.new_password_file)? {
        Ok(password) => password,
        Err(exit) => return Ok(exit),
    };
    match accounts::recover(&db, recover.admin, &code, &password, Utc::now()) {
        Ok(created) => {
            let message = out.localizer.text("recover-done", &[("name", Arg::Text(&created.account.name))]);
            out.line(&message)?;
            recovery_code(&db, &created, recover.sheet, out)
        }
        Err(error) => refuse_store(out, &error),
    }
}

/// `user password`: one's own password, logged in with the current one; or, for an account
/// carried over from before accounts, its first one.
pub fn own_password(dir: &Path, new_password_file: Option<&Path>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let db = match out.open_store(dir) {
        Ok(db) => db,
        Err(error) => return refuse_store(out, &error),
    };
    let Some(user) = out.credentials.user.clone() else {
        let message = out.localizer.text("login-user-missing", &[]);
        return refuse(out, &message);
    };
    let first = matches!(accounts::find(&db, &user), Ok(Some(account)) if account.password_hash.is_none());
    let current = if first {
        String::new()
    } else {
        match out.secret(out.credentials.password_file.clone().as_deref(), "login-password-prompt")? {
            Ok(current) => current,
            Err(exit) => return Ok(exit),
        }
    };
    let password = match out.new_password(new_password_file)? {
        Ok(password) => password,
        Err(exit) => return Ok(exit),
    };
    let now = Utc::now();
    let changed = if first {
        accounts::set_first_password(&db, &user, &password, now).map(drop)
    } else {
        accounts::change_password(&db, &user, &current, &password, now)
    };
    match changed {
        Ok(()) => {
            let message = out.localizer.text("user-password-changed", &[("name", Arg::Text(&user))]);
            out.line(&message)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => refuse_store(out, &error),
    }
}

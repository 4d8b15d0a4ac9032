//! The hub's administration: the acts of `bakhshyar-hub` other than `init` and `serve`, one code
//! path whether the command line runs them on a store it opened itself or a serving hub runs them
//! for it.
//!
//! On redb one process holds the store's file, so while `serve` runs a command cannot open it. Then
//! the command goes to the serving process: `serve` writes `admin.json` in the hub's data folder
//! (the address it listens on, as seen from its own machine, and a random 32-byte token, hex),
//! private to its owner, written under a temporary name and renamed, and removed on a clean stop.
//! Whoever can read the data folder is the hub's administrator already (its signing key is there),
//! so the file asks nothing more of them. The command line sends `POST /v1/admin` with
//! `Authorization: Bearer TOKEN` and the parsed command ([`Request`]); the hub answers it only from
//! its own machine and only with the token, runs [`perform`] on its own open [`Hub`], and answers
//! [`Outcome`]: what the command line would have printed, and its exit code. Paths are made
//! absolute before they are sent ([`Act::absolute`]), because the files are read and written by
//! the serving process: with the packaged systemd unit, only where that service may read and write.
//!
//! Why not a second, read-only opening of the file, or a lock taken per command: redb has neither
//! (its lock is the whole file's, for the process's life), and `serve` would have to let go of the
//! store between requests. PostgreSQL needs none of this: any number of processes open it.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Hub, HubError};
use crate::domain::issued::Serial;
use crate::i18n::{Arg, Language, Localizer};
use crate::print::{EnrollmentSheet, render_enrollment_sheet};
use crate::signing::{PublicKey, hex};
use crate::store::files::{replace_private, write_private};
use crate::sync::message::Message;
use crate::sync::verdict::{HubStatus, describe};

/// The file `serve` writes in the hub's data folder.
pub const ADMIN_FILE: &str = "admin.json";

/// The most a request to `/v1/admin` may send: a command, never a file's bytes.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;

/// How long the command line waits for a serving hub to carry out an act (an import can be long).
const ANSWER_WAIT: Duration = Duration::from_secs(15 * 60);

/// An administrator's act: every command of `bakhshyar-hub` but `init` and `serve`.
#[derive(Debug, Clone, PartialEq, Eq, clap::Subcommand, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Act {
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

impl Act {
    /// The command's name, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Enroll { .. } => "enroll",
            Self::AcceptChain { .. } => "accept-chain",
            Self::Stats { .. } => "stats",
            Self::Import { .. } => "import",
            Self::Decide { .. } => "decide",
            Self::Revoke { .. } => "revoke",
            Self::Verify { .. } => "verify",
            Self::PublishCatalog { .. } => "publish-catalog",
            Self::Export { .. } => "export",
        }
    }

    /// The same act with its paths absolute, against this process's working folder: the serving
    /// process that carries it out has its own.
    pub fn absolute(self) -> Result<Self, HubError> {
        let absolute = |path: PathBuf| std::path::absolute(&path).map_err(|e| HubError::Io(format!("{}: {e}", path.display())));
        Ok(match self {
            Self::Enroll { district, key, sheet } => Self::Enroll { district, key, sheet: sheet.map(absolute).transpose()? },
            Self::Import { file } => Self::Import { file: absolute(file)? },
            Self::PublishCatalog { dir } => Self::PublishCatalog { dir: absolute(dir)? },
            Self::Export { district, out } => Self::Export { district, out: absolute(out)? },
            other => other,
        })
    }

    /// The files the act reads or writes, for the administrator's log.
    fn paths(&self) -> Vec<&Path> {
        match self {
            Self::Enroll { sheet, .. } => sheet.iter().map(PathBuf::as_path).collect(),
            Self::Import { file } => vec![file],
            Self::PublishCatalog { dir } => vec![dir],
            Self::Export { out, .. } => vec![out],
            _ => Vec::new(),
        }
    }
}

/// What the command line sends to `POST /v1/admin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The reader's language (`fa`, `en`): the hub answers in it.
    pub lang: String,
    pub act: Act,
}

/// What an act printed, and its exit code: the hub's answer to `POST /v1/admin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub exit: u8,
}

/// Carries out `act` on `hub`, writing what it says to `out` and its errors to `err` in the
/// language of `loc`; the exit code (0 done, 1 refused or failed, 2 a bad argument).
pub fn perform(hub: &Hub, act: &Act, loc: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match act_on(hub, act, loc, out, err) {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(err, "{}", error_text(&error, loc));
            1
        }
    }
}

/// `perform` with what it writes kept, for an answer.
pub fn perform_captured(hub: &Hub, act: &Act, loc: &Localizer) -> Outcome {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = perform(hub, act, loc, &mut out, &mut err);
    Outcome { stdout: String::from_utf8_lossy(&out).into_owned(), stderr: String::from_utf8_lossy(&err).into_owned(), exit }
}

/// Logs an act done through a serving hub, as the administrator's.
pub fn log_act(act: &Act, peer: SocketAddr, outcome: &Outcome) {
    let paths: Vec<String> = act.paths().iter().map(|p| p.display().to_string()).collect();
    tracing::info!(target: "bakhshyar::hub::administrator", act = act.name(), ?paths, %peer, exit = outcome.exit, "administrator act");
}

/// An error in the reader's language where the hub has words for it.
pub fn error_text(error: &HubError, loc: &Localizer) -> String {
    match error {
        HubError::BadDistrictCode(code) => loc.text("hub-error-bad-district-code", &[("code", Arg::Text(code))]),
        HubError::KeyInUse(other) => loc.text("hub-error-key-in-use", &[("district", Arg::Text(other))]),
        HubError::Held(path) => loc.text("hub-error-held", &[("path", Arg::Path(path))]),
        other => loc.text("hub-error", &[("detail", Arg::Text(&other.to_string()))]),
    }
}

fn io(error: &std::io::Error) -> HubError {
    HubError::Io(error.to_string())
}

fn act_on(hub: &Hub, act: &Act, loc: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, HubError> {
    match act {
        Act::Enroll { district, key, sheet } => return enroll(hub, district, key, sheet.as_deref(), loc, out, err),
        Act::Stats { json } => stats(hub, *json, loc, out)?,
        Act::AcceptChain { district } => {
            let previous = hub.accept_chain(district)?;
            let act = previous.map_or(0, |(act, _)| i64::try_from(act).unwrap_or(i64::MAX));
            let args = [("district", Arg::Text(district)), ("act", Arg::Number(act))];
            writeln!(out, "{}", loc.text("hub-chain-accepted", &args)).map_err(|e| io(&e))?;
        }
        Act::Decide { case, to, decision, actor, note } => {
            let message = Message::Decision {
                case: case.clone(),
                to: to.clone(),
                decision_fa: decision.clone(),
                actor_name: actor.clone(),
                at: Utc::now(),
                note: note.clone(),
            };
            let district = hub.decide(&message, Utc::now())?;
            let args = [("case", Arg::Text(case)), ("district", Arg::Text(&district))];
            writeln!(out, "{}", loc.text("hub-decided", &args)).map_err(|e| io(&e))?;
        }
        Act::Revoke { district, serial, reason, actor } => {
            let Some(parsed) = Serial::parse(serial) else {
                writeln!(err, "{}", loc.text("hub-bad-serial", &[("serial", Arg::Text(serial))])).map_err(|e| io(&e))?;
                return Ok(2);
            };
            let actor = actor.clone().unwrap_or_else(|| hub.store.id.clone());
            let case = hub.revoke(district, parsed, reason, &actor, Utc::now())?;
            let args = [("serial", Arg::Text(serial)), ("case", Arg::Text(&case)), ("district", Arg::Text(district))];
            writeln!(out, "{}", loc.text("hub-revoked", &args)).map_err(|e| io(&e))?;
        }
        Act::PublishCatalog { dir } => {
            let files = crate::catalog_data::files_of(dir).map_err(|errors| HubError::BrokenCatalog {
                count: errors.len(),
                first: errors.first().map(ToString::to_string).unwrap_or_default(),
            })?;
            let (version, districts) = hub.publish_catalog(files, Utc::now())?;
            let count = i64::try_from(districts.len()).unwrap_or(i64::MAX);
            let args = [("version", Arg::Text(&version)), ("count", Arg::Number(count))];
            writeln!(out, "{}", loc.text("hub-published", &args)).map_err(|e| io(&e))?;
        }
        Act::Verify { code, json } => return verify(hub, code, *json, loc, out),
        Act::Import { file } => return import(hub, file, loc, out, err),
        Act::Export { district, out: file } => {
            let bytes = hub.export(district, 0)?;
            write_new(file, &bytes)?;
            writeln!(out, "{}", loc.text("hub-exported", &[("path", Arg::Text(&file.display().to_string()))]))
                .map_err(|e| io(&e))?;
        }
    }
    Ok(0)
}

/// Enrolls the district's key and prints what the district must be given, out of band, to trust
/// this hub (its id and key, as the `sync trust` line), and both keys' fingerprints for the people
/// at either end to compare. With `sheet`, the same on a one-page PDF written there first: a sheet
/// that cannot be made or written leaves the district unenrolled, and a refused enrolment no sheet.
fn enroll(
    hub: &Hub,
    district: &str,
    key: &str,
    sheet: Option<&Path>,
    loc: &Localizer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, HubError> {
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
                writeln!(err, "{}", error.message(loc, str::to_owned)).map_err(|e| io(&e))?;
                return Ok(1);
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
    let mut lines = vec![
        loc.text(id, &[("district", Arg::Text(district)), ("count", Arg::Number(i64::from(count)))]),
        loc.text("hub-enrolled-give", &[("line", Arg::Text(&enrollment.trust_line()))]),
        loc.text("hub-key-fingerprint", &[("fingerprint", Arg::Text(&hub_key.fingerprint()))]),
        loc.text(
            "hub-district-fingerprint",
            &[("district", Arg::Text(district)), ("fingerprint", Arg::Text(&key.fingerprint()))],
        ),
    ];
    if let Some(file) = sheet {
        lines.push(loc.text("hub-sheet-written", &[("path", Arg::Path(&file.display().to_string()))]));
    }
    for line in lines {
        writeln!(out, "{line}").map_err(|e| io(&e))?;
    }
    Ok(0)
}

fn stats(hub: &Hub, json: bool, loc: &Localizer, out: &mut dyn Write) -> Result<(), HubError> {
    let stats = hub.stats()?;
    if json {
        let text = serde_json::to_string_pretty(&stats).map_err(|e| HubError::Io(e.to_string()))?;
        return writeln!(out, "{text}").map_err(|e| io(&e));
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
        writeln!(out, "{}", loc.text("hub-stats-line", &args)).map_err(|e| io(&e))?;
    }
    Ok(())
}

/// Exit 0 when the document is genuine, 1 otherwise.
fn verify(hub: &Hub, code: &str, json: bool, loc: &Localizer, out: &mut dyn Write) -> Result<u8, HubError> {
    let verdict = hub.verify(code)?;
    let text = if json {
        serde_json::to_string_pretty(&verdict).map_err(|e| HubError::Io(e.to_string()))?
    } else {
        describe(&verdict, loc)
    };
    writeln!(out, "{text}").map_err(|e| io(&e))?;
    Ok(u8::from(verdict.status != HubStatus::Genuine))
}

/// Exit 0 when every batch of the file was taken (or was already held), 1 otherwise.
fn import(hub: &Hub, file: &Path, loc: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, HubError> {
    let bytes = std::fs::read(file).map_err(|e| HubError::Io(format!("{}: {e}", file.display())))?;
    let results = hub.import(&bytes, Utc::now())?;
    let mut refused = false;
    for result in &results {
        match result {
            Ok(receipt) => {
                let held = i64::try_from(receipt.held).unwrap_or(i64::MAX);
                writeln!(out, "{}", loc.text("hub-import-held", &[("held", Arg::Number(held))])).map_err(|e| io(&e))?;
            }
            Err(error) => {
                refused = true;
                writeln!(err, "{}", error_text(error, loc)).map_err(|e| io(&e))?;
            }
        }
    }
    Ok(u8::from(refused))
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), HubError> {
    let failed = |e: std::io::Error| HubError::Io(format!("{}: {e}", path.display()));
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(failed)?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(failed)
}

/// The administrator's token of a serving hub: 32 random bytes.
pub struct Token([u8; 32]);

impl Token {
    pub fn generate() -> Result<Self, HubError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| HubError::Io(e.to_string()))?;
        Ok(Self(bytes))
    }

    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// Whether an `Authorization` header's value is `Bearer` and this token. The comparison takes
    /// the same time wherever the two differ (both are hashed first, so their lengths do not show).
    pub fn admits(&self, authorization: &str) -> bool {
        use sha2::{Digest, Sha256};
        let Some(given) = authorization.strip_prefix("Bearer ") else { return false };
        let (given, own) = (Sha256::digest(given.trim().as_bytes()), Sha256::digest(self.to_hex().as_bytes()));
        given.iter().zip(own.iter()).fold(0u8, |differ, (a, b)| differ | (a ^ b)) == 0
    }
}

/// What `admin.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminFile {
    /// Where the command line reaches the hub from its own machine (`127.0.0.1:8470`).
    pub address: String,
    pub token: String,
}

/// `admin.json` as long as the hub serves: removed when dropped, if it is still this hub's.
pub struct Published {
    path: PathBuf,
    token: String,
}

impl Drop for Published {
    fn drop(&mut self) {
        let ours = read_file(&self.path).is_ok_and(|file| file.token == self.token);
        if ours && let Err(error) = std::fs::remove_file(&self.path) {
            tracing::warn!(path = %self.path.display(), %error, "cannot remove the administrator's file");
        }
    }
}

/// The address the hub's own machine reaches a listener bound to `bound` at: the loopback address
/// when it listens on every address.
fn reachable(bound: SocketAddr) -> SocketAddr {
    let ip = match bound.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => std::net::Ipv4Addr::LOCALHOST.into(),
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    SocketAddr::new(ip, bound.port())
}

/// Writes `admin.json` in `dir` for a hub listening on `bound` with `token`: private to its owner,
/// under a temporary name first, then renamed, so a reader never finds half of it.
pub fn publish(dir: &Path, bound: SocketAddr, token: &Token) -> Result<Published, HubError> {
    let file = AdminFile { address: reachable(bound).to_string(), token: token.to_hex() };
    let text = serde_json::to_vec_pretty(&file).map_err(|e| HubError::Io(e.to_string()))?;
    let path = dir.join(ADMIN_FILE);
    replace_private(&path, &text).map_err(|e| HubError::Io(format!("{}: {e}", path.display())))?;
    Ok(Published { path, token: file.token })
}

fn read_file(path: &Path) -> Result<AdminFile, String> {
    let text = std::fs::read(path).map_err(|e| e.to_string())?;
    serde_json::from_slice(&text).map_err(|e| e.to_string())
}

/// Why a command could not be sent to the serving hub.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AdminError {
    /// No `admin.json`, or one that cannot be read.
    #[error("{file}: {detail}")]
    NoFile { file: String, detail: String },
    /// The hub it names does not answer.
    #[error("{address}: {detail}")]
    NoAnswer { address: String, detail: String },
    /// The hub answered with a refusal (a token of another start, a hub without the route).
    #[error("{address}: {status} {detail}")]
    Refused { address: String, status: u16, detail: String },
}

impl AdminError {
    /// In the reader's language: the store in `store` is held by another process, why the command
    /// could not reach it, and how to stop it.
    pub fn message(&self, store: &Path, loc: &Localizer) -> String {
        let store = store.display().to_string();
        match self {
            Self::NoFile { file, .. } => loc.text("hub-store-held", &[("path", Arg::Path(&store)), ("file", Arg::Path(file))]),
            Self::NoAnswer { address, detail } => loc.text(
                "hub-admin-no-answer",
                &[("path", Arg::Path(&store)), ("address", Arg::Text(address)), ("detail", Arg::Text(detail))],
            ),
            Self::Refused { address, detail, .. } => {
                loc.text("hub-admin-refused", &[("address", Arg::Text(address)), ("detail", Arg::Text(detail))])
            }
        }
    }
}

/// Sends `act` (its paths absolute already) to the hub serving the data folder `dir`, as its
/// `admin.json` says, for an answer in `language`.
pub fn forward(dir: &Path, act: &Act, language: Language) -> Result<Outcome, AdminError> {
    let path = dir.join(ADMIN_FILE);
    let file = read_file(&path).map_err(|detail| AdminError::NoFile { file: path.display().to_string(), detail })?;
    let agent = ureq::AgentBuilder::new().timeout_connect(Duration::from_secs(5)).timeout_read(ANSWER_WAIT).build();
    let request = Request { lang: language.code().to_owned(), act: act.clone() };
    let address = file.address;
    let answer = agent
        .post(&format!("http://{address}/v1/admin"))
        .set("Authorization", &format!("Bearer {}", file.token))
        .send_json(&request);
    match answer {
        Ok(response) => {
            response.into_json::<Outcome>().map_err(|e| AdminError::NoAnswer { address: address.clone(), detail: e.to_string() })
        }
        Err(ureq::Error::Status(status, response)) => {
            let body: serde_json::Value = response.into_json().unwrap_or_default();
            let detail = body["detail"].as_str().unwrap_or_default().to_owned();
            Err(AdminError::Refused { address, status, detail })
        }
        Err(error) => Err(AdminError::NoAnswer { address, detail: error.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redb_store_open_elsewhere_is_held_not_a_database_error() {
        use crate::hub::store::{HubStore, Location};
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let location = Location::Dir(dir.path().to_path_buf());
        let _serving = HubStore::create(&location, "hub").unwrap_or_else(|e| panic!("{e}"));
        let held = HubStore::open(&location).map(|_| ());
        assert!(matches!(&held, Err(HubError::Held(path)) if path.ends_with("bakhshyar-hub.redb")), "{held:?}");
        let said = error_text(&HubError::Held("/x".into()), Localizer::shared(Language::Persian));
        assert!(said.contains("در دست برنامه‌ی دیگری است") && !said.contains("already"), "{said}");
    }

    #[test]
    fn the_token_is_taken_only_whole_and_only_as_bearer() {
        let token = Token::generate().unwrap_or_else(|e| panic!("{e}"));
        let own = token.to_hex();
        assert_eq!(own.len(), 64);
        assert!(token.admits(&format!("Bearer {own}")));
        for refused in
            [String::new(), own.clone(), format!("Basic {own}"), format!("Bearer {}", &own[..63]), format!("Bearer {own}0")]
        {
            assert!(!token.admits(&refused), "{refused}");
        }
        let other = Token::generate().unwrap_or_else(|e| panic!("{e}"));
        assert!(!token.admits(&format!("Bearer {}", other.to_hex())));
    }

    #[test]
    fn admin_json_is_private_reachable_and_removed_only_while_it_is_its_own() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let token = Token::generate().unwrap_or_else(|e| panic!("{e}"));
        let bound: SocketAddr = "0.0.0.0:8470".parse().unwrap_or_else(|e| panic!("{e}"));
        let published = publish(dir.path(), bound, &token).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(ADMIN_FILE);
        let file = read_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file, AdminFile { address: "127.0.0.1:8470".into(), token: token.to_hex() });
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{e}")).permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(std::fs::read_dir(dir.path()).map(Iterator::count).unwrap_or_default(), 1, "a partial file stayed");
        drop(published);
        assert!(!path.exists());
        // A later hub's file is left to it.
        let first = publish(dir.path(), bound, &token).unwrap_or_else(|e| panic!("{e}"));
        let second = publish(dir.path(), bound, &Token::generate().unwrap_or_else(|e| panic!("{e}")));
        drop(first);
        assert!(path.exists());
        drop(second);
        assert!(!path.exists());
        assert_eq!(reachable("[::]:1".parse().unwrap_or_else(|e| panic!("{e}"))).to_string(), "[::1]:1");
    }

    #[test]
    fn relative_paths_are_made_absolute_and_an_act_reads_back_as_sent() {
        let act = Act::Export { district: "21".into(), out: "reply.bks".into() }.absolute().unwrap_or_else(|e| panic!("{e}"));
        let Act::Export { out, .. } = &act else { panic!("{act:?}") };
        assert!(out.is_absolute() && out.ends_with("reply.bks"), "{}", out.display());
        let request = Request { lang: "fa".into(), act };
        let text = serde_json::to_string(&request).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains("\"export\""), "{text}");
        assert_eq!(serde_json::from_str::<Request>(&text).ok(), Some(request));
        let stats: Request =
            serde_json::from_str(r#"{"lang":"en","act":{"stats":{"json":true}}}"#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(stats.act, Act::Stats { json: true });
    }
}

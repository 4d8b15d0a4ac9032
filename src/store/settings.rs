//! The window's settings in `settings.toml` in the data folder: the hub address (set on the sync
//! screen and checked by `hub_address` before it is kept), the idle lock's minutes and the printer
//! paper goes to; `doctor` reads the hub address too, `print --printer` the printer. The printer
//! is here rather than in `office.toml` (the letterhead, the same for every PC of the office):
//! each PC has its own printers. Who acts is no setting: it is the account logged in
//! (`ui::screens::login`).

use std::path::Path;

use crate::store::StoreError;

const SETTINGS_FILE: &str = "settings.toml";

/// Minutes without a key or mouse button pressed before the window locks, unless set.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

/// What the window keeps for this data folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// The province hub's base address, as `hub_address` gives it.
    pub hub: Option<String>,
    /// Minutes idle before the window locks (`DEFAULT_IDLE_LOCK_MINUTES` when unset).
    #[serde(default)]
    pub idle_lock_minutes: Option<u32>,
    /// The printer paper goes to (Settings); unset, the system's default printer.
    #[serde(default)]
    pub printer: Option<String>,
}

impl Settings {
    /// The idle lock's minutes, at least one.
    pub fn idle_lock_minutes(&self) -> u32 {
        self.idle_lock_minutes.unwrap_or(DEFAULT_IDLE_LOCK_MINUTES).max(1)
    }
}

/// Why a hub address typed by the clerk is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddressError {
    #[error("no address")]
    Empty,
    /// The client speaks plain HTTP only.
    #[error("only http:// addresses are supported")]
    Scheme,
    #[error("the host name is not valid")]
    Host,
    #[error("the port is not a number from 1 to 65535")]
    Port,
}

impl AddressError {
    /// The Fluent message that tells the clerk.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Empty => "gui-sync-address-empty",
            Self::Scheme => "gui-sync-address-scheme",
            Self::Host => "gui-sync-address-host",
            Self::Port => "gui-sync-address-port",
        }
    }
}

/// A hub address as typed (`10.0.0.5:8080`, `http://hub.ostan.ir/`, Persian digits welcome) made
/// into the base address the client takes.
pub fn hub_address(input: &str) -> Result<String, AddressError> {
    let typed: String = input.trim().chars().map(|c| crate::domain::text::ascii_digit(c).unwrap_or(c)).collect();
    if typed.is_empty() {
        return Err(AddressError::Empty);
    }
    let rest = match typed.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
        Some(_) => return Err(AddressError::Scheme),
        None => typed.as_str(),
    };
    let rest = rest.trim_end_matches('/');
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (authority, None),
    };
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || ".-[]:".contains(c)) {
        return Err(AddressError::Host);
    }
    if port.is_some_and(|p| p.parse::<u16>().map_or(true, |n| n == 0)) {
        return Err(AddressError::Port);
    }
    let path = if path.is_empty() { String::new() } else { format!("/{path}") };
    Ok(format!("http://{authority}{path}"))
}

pub fn load_settings(dir: &Path) -> Result<Settings, StoreError> {
    let path = dir.join(SETTINGS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(e) => return Err(StoreError::Io { path, detail: e.to_string() }),
    };
    toml::from_str(&text).map_err(|e| StoreError::Io { path, detail: e.to_string() })
}

pub fn save_settings(dir: &Path, settings: &Settings) -> Result<(), StoreError> {
    let path = dir.join(SETTINGS_FILE);
    let text = toml::to_string(settings).map_err(|e| StoreError::Io { path: path.clone(), detail: e.to_string() })?;
    std::fs::write(&path, text).map_err(|e| StoreError::Io { path, detail: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_are_read_back() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(|e| StoreError::Io { path: ".".into(), detail: e.to_string() })?;
        assert_eq!(load_settings(dir.path())?, Settings::default());
        assert_eq!(Settings::default().idle_lock_minutes(), DEFAULT_IDLE_LOCK_MINUTES);
        let settings = Settings {
            hub: Some("http://10.0.0.5:8080".into()),
            idle_lock_minutes: Some(0),
            printer: Some("Office_Laser".into()),
        };
        save_settings(dir.path(), &settings)?;
        assert_eq!(load_settings(dir.path())?, settings);
        assert_eq!(settings.idle_lock_minutes(), 1, "never less than a minute");
        Ok(())
    }

    #[test]
    fn hub_addresses_are_checked_and_made_whole() {
        assert_eq!(hub_address(" ۱۰.۰.۰.۵:۸۰۸۰ ").as_deref(), Ok("http://10.0.0.5:8080"));
        assert_eq!(hub_address("HTTP://hub.ostan.ir/").as_deref(), Ok("http://hub.ostan.ir"));
        assert_eq!(hub_address("http://hub/sync/").as_deref(), Ok("http://hub/sync"));
        assert_eq!(hub_address("http://[::1]:9000").as_deref(), Ok("http://[::1]:9000"));
        assert_eq!(hub_address("  "), Err(AddressError::Empty));
        assert_eq!(hub_address("https://hub"), Err(AddressError::Scheme));
        assert_eq!(hub_address("http://"), Err(AddressError::Host));
        assert_eq!(hub_address("مرکز استان"), Err(AddressError::Host));
        assert_eq!(hub_address("hub:99999"), Err(AddressError::Port));
        assert_eq!(hub_address("hub:0"), Err(AddressError::Port));
    }
}

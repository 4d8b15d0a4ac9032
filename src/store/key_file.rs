//! The district's signing key, in a file of its own beside the database (`district.key`, the
//! owner's alone), never inside it: backups copy the database, so a backup carried on a USB stick
//! or left on a shared drive holds no key to mint documents with. The administrator keeps one copy
//! sealed with a passphrase (`seal_with_passphrase`, age's scrypt recipient); a new PC restores the
//! last backup and takes that copy back (`docs/accounts.md`, "A new PC").

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::files::replace_private;
use crate::signing::DistrictKey;

/// The key file inside the data folder.
pub const KEY_FILE: &str = "district.key";

/// The shortest passphrase a sealed copy of the key takes: the copy may be lost with its stick,
/// and then only the passphrase and scrypt's cost stand between a finder and the key.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// scrypt's cost, as log2 of N, that opening a sealed copy is allowed to spend at most: a hostile
/// file cannot make an import run for hours (age's own default for files it writes is 18).
const MAX_WORK_FACTOR: u8 = 20;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    format: u32,
    district: String,
    /// The Ed25519 seed, hex.
    seed: String,
}

const HEADER: &str = "# Bakhshyar: the signing key of this district. It is in no backup; keep it private.\n\
                      # A copy sealed with a passphrase: `bakhshyar key export`.\n";

/// The key of `district` from the data folder `dir`.
pub(super) fn read(dir: &Path, district: &str) -> Result<DistrictKey, StoreError> {
    let path = dir.join(KEY_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NoDistrictKey { district: district.to_owned() });
        }
        Err(error) => return Err(StoreError::io(&path, &error)),
    };
    let (found, key) = parse(&text)?;
    if found != district {
        return Err(StoreError::KeyOfAnotherDistrict { key: found, data: district.to_owned() });
    }
    Ok(key)
}

fn parse(text: &str) -> Result<(String, DistrictKey), StoreError> {
    let damaged = || StoreError::Corrupt(format!("{KEY_FILE} does not read"));
    let file: KeyFile = toml::from_str(text).map_err(|_| damaged())?;
    if file.format != 1 {
        return Err(damaged());
    }
    Ok((file.district, DistrictKey::from_hex(&file.seed).map_err(|_| damaged())?))
}

fn render(district: &str, key: &DistrictKey) -> Result<String, StoreError> {
    let file = KeyFile { format: 1, district: district.to_owned(), seed: key.to_hex() };
    let body = toml::to_string(&file).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(format!("{HEADER}{body}"))
}

/// Puts `key` in `dir` as the key of `district`: `Ok(false)` when that very key is there already.
/// A different key of the same district is refused, never overwritten; another district's key
/// (the PC restored a backup `--as-district`) is kept beside, renamed `district.key.<code>`.
pub(super) fn install(dir: &Path, district: &str, key: &DistrictKey) -> Result<bool, StoreError> {
    match read(dir, district) {
        Ok(held) if held.to_hex() == key.to_hex() => return Ok(false),
        Ok(_) => return Err(StoreError::KeyConflict { district: district.to_owned() }),
        Err(StoreError::NoDistrictKey { .. }) => {}
        Err(StoreError::KeyOfAnotherDistrict { key: other, .. }) => {
            let aside = dir.join(format!("{KEY_FILE}.{other}"));
            if aside.exists() {
                return Err(StoreError::Exists(aside));
            }
            let path = dir.join(KEY_FILE);
            fs::rename(&path, &aside).map_err(|e| StoreError::io(&path, &e))?;
            tracing::warn!(kept = %aside.display(), "another district's key set aside");
        }
        Err(other) => return Err(other),
    }
    let path = dir.join(KEY_FILE);
    replace_private(&path, render(district, key)?.as_bytes()).map_err(|e| StoreError::io(&path, &e))?;
    Ok(true)
}

/// The key of `district` in `dir`, made now if the folder has none.
pub(super) fn ensure(dir: &Path, district: &str) -> Result<(), StoreError> {
    match read(dir, district) {
        Ok(_) => Ok(()),
        Err(StoreError::NoDistrictKey { .. }) => {
            let key = DistrictKey::generate().map_err(|e| StoreError::Corrupt(e.to_string()))?;
            install(dir, district, &key).map(|_| ())
        }
        Err(other) => Err(other),
    }
}

/// The key file's text sealed with `passphrase` (age, scrypt), ASCII-armoured so it can also be
/// printed and kept on paper.
pub(super) fn seal_with_passphrase(district: &str, key: &DistrictKey, passphrase: &str) -> Result<Vec<u8>, StoreError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::PassphraseTooShort { min: MIN_PASSPHRASE_CHARS });
    }
    let recipient = age::scrypt::Recipient::new(passphrase.to_owned().into());
    let mut out = Vec::new();
    let armored = age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let sealing = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut writer = sealing.wrap_output(armored).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    writer.write_all(render(district, key)?.as_bytes()).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    writer.finish().and_then(age::armor::ArmoredWriter::finish).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(out)
}

/// The district and key in a copy sealed by `seal_with_passphrase`.
pub(super) fn open_with_passphrase(sealed: &[u8], passphrase: &str) -> Result<(String, DistrictKey), StoreError> {
    let not_a_key = || StoreError::NotAKeyCopy;
    let reader = age::armor::ArmoredReader::new(sealed);
    let decryptor = age::Decryptor::new(reader).map_err(|_| not_a_key())?;
    if !decryptor.is_scrypt() {
        return Err(not_a_key());
    }
    let mut identity = age::scrypt::Identity::new(passphrase.to_owned().into());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|error| match error {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => StoreError::WrongPassphrase,
        _ => not_a_key(),
    })?;
    // A key file is a few lines: more is not one.
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::Read::take(&mut reader, 4_096), &mut text).map_err(|_| not_a_key())?;
    parse(&text).map_err(|_| not_a_key())
}

/// Where the key file of the data folder `dir` is.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(KEY_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn must<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
        result.unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_key_is_written_private_read_back_and_never_overwritten_by_another() {
        let dir = must(tempfile::tempdir());
        assert_eq!(read(dir.path(), "21").err(), Some(StoreError::NoDistrictKey { district: "21".into() }));
        must(ensure(dir.path(), "21"));
        let key = must(read(dir.path(), "21"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = must(fs::metadata(path_in(dir.path()))).permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        must(ensure(dir.path(), "21"));
        assert_eq!(must(read(dir.path(), "21")).to_hex(), key.to_hex(), "ensure keeps the key there");
        assert_eq!(install(dir.path(), "21", &key), Ok(false));
        let other = must(DistrictKey::generate());
        assert_eq!(install(dir.path(), "21", &other), Err(StoreError::KeyConflict { district: "21".into() }));
        assert_eq!(read(dir.path(), "22").err(), Some(StoreError::KeyOfAnotherDistrict { key: "21".into(), data: "22".into() }));
        // Taking district 22's key keeps 21's beside it.
        assert_eq!(install(dir.path(), "22", &other), Ok(true));
        assert_eq!(must(read(dir.path(), "22")).to_hex(), other.to_hex());
        let kept = must(fs::read_to_string(dir.path().join("district.key.21")));
        assert_eq!(must(parse(&kept)).1.to_hex(), key.to_hex());
    }

    #[test]
    fn a_sealed_copy_opens_with_its_passphrase_only_and_shows_no_seed() {
        let key = must(DistrictKey::generate());
        let passphrase = "اسب سفید کوه دماوند";
        assert_eq!(seal_with_passphrase("21", &key, "short").err(), Some(StoreError::PassphraseTooShort { min: 12 }));
        let sealed = must(seal_with_passphrase("21", &key, passphrase));
        let text = String::from_utf8_lossy(&sealed);
        assert!(text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"), "{text}");
        assert!(!text.contains(&key.to_hex()));
        let (district, opened) = must(open_with_passphrase(&sealed, passphrase));
        assert_eq!((district.as_str(), opened.to_hex()), ("21", key.to_hex()));
        assert_eq!(open_with_passphrase(&sealed, "another passphrase").err(), Some(StoreError::WrongPassphrase));
        assert_eq!(open_with_passphrase(b"not a key", passphrase).err(), Some(StoreError::NotAKeyCopy));
        let mut flipped = sealed.clone();
        let middle = flipped.len() / 2;
        flipped[middle] = if flipped[middle] == b'A' { b'B' } else { b'A' };
        assert!(open_with_passphrase(&flipped, passphrase).is_err());
    }
}

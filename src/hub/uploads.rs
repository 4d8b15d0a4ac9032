//! Partial uploads (`PUT /v1/uploads/{id}`), one file each in the hub's upload folder, under the
//! district that signed them: `DIR/{district}/{id}`. A district can neither see nor add to another
//! district's upload of the same id. A chunk is appended to its file (`O_APPEND`) and synced, never
//! read back; the progress is the file's length, from its metadata; only the commit reads the whole
//! upload, which the per-upload cap bounds. The folder is private to the hub's owner (0700): the
//! uploads are districts' events.
//!
//! Caps: one upload holds at most [`Caps::upload`] bytes (a batch the hub takes whole is no larger),
//! and one district's unfinished uploads together at most [`Caps::district`]; past either the chunk
//! is refused (413 over HTTP) and nothing of it is kept.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use super::HubError;

/// How many bytes uploads may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// One upload.
    pub upload: u64,
    /// All the unfinished uploads of one district.
    pub district: u64,
}

impl Default for Caps {
    fn default() -> Self {
        let upload = crate::sync::wire::MAX_BATCH_BYTES as u64;
        // Room for a few batches at once: a district's GUI and command line may push together.
        Self { upload, district: 4 * upload }
    }
}

/// The upload folder.
pub struct Uploads {
    dir: PathBuf,
    caps: Caps,
    /// One lock per district: its chunks are checked against its cap and appended one at a time.
    locks: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

fn io(path: &Path, error: &std::io::Error) -> HubError {
    HubError::Io(format!("{}: {error}", path.display()))
}

impl Uploads {
    /// The upload folder `dir`, made (private) when missing.
    pub fn open(dir: &Path, caps: Caps) -> Result<Self, HubError> {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
        crate::store::files::make_private(dir).map_err(|e| io(dir, &e))?;
        Ok(Self { dir: dir.to_path_buf(), caps, locks: Mutex::new(HashMap::new()) })
    }

    pub fn caps(&self) -> Caps {
        self.caps
    }

    /// The file of `district`'s upload `id`; refused unless both are what the hub hands out (a
    /// district code of digits, a SHA-256 in lowercase hex), so no name reaches outside the folder.
    fn file(&self, district: &str, id: &str) -> Result<PathBuf, HubError> {
        let code = !district.is_empty() && district.len() <= 16 && district.bytes().all(|b| b.is_ascii_digit());
        if !code {
            return Err(HubError::BadDistrictCode(district.to_owned()));
        }
        if id.len() != 64 || !id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(HubError::UploadMismatch);
        }
        Ok(self.dir.join(district).join(id))
    }

    /// The bytes received of `district`'s upload `id` (0 when there is none).
    pub fn received(&self, district: &str, id: &str) -> Result<u64, HubError> {
        let file = self.file(district, id)?;
        match std::fs::metadata(&file) {
            Ok(meta) => Ok(meta.len()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(error) => Err(io(&file, &error)),
        }
    }

    /// Appends `chunk` to `district`'s upload `id` at `offset`, which must be where it stands;
    /// the bytes received so far.
    pub fn append(&self, district: &str, id: &str, offset: u64, chunk: &[u8]) -> Result<u64, HubError> {
        let file = self.file(district, id)?;
        let lock = self.lock(district);
        let _held = lock.lock().unwrap_or_else(PoisonError::into_inner);
        let received = self.received(district, id)?;
        if offset != received {
            return Err(HubError::WrongOffset { received, offset });
        }
        let after = received + chunk.len() as u64;
        if after > self.caps.upload {
            return Err(HubError::TooLarge { limit: self.caps.upload, what: "one upload" });
        }
        if self.held_by(district)? + chunk.len() as u64 > self.caps.district {
            return Err(HubError::TooLarge { limit: self.caps.district, what: "a district's unfinished uploads" });
        }
        let folder = self.dir.join(district);
        std::fs::create_dir_all(&folder)
            .and_then(|()| crate::store::files::make_private(&folder))
            .map_err(|e| io(&folder, &e))?;
        let mut out = open_private_append(&file).map_err(|e| io(&file, &e))?;
        if let Err(error) = out.write_all(chunk).and_then(|()| out.sync_data()) {
            // A chunk half written (a full disk) is taken back, so the offset stays one the district sent.
            let _ = out.set_len(received);
            return Err(io(&file, &error));
        }
        Ok(after)
    }

    /// The whole of `district`'s upload `id`, for its commit (empty when there is none).
    pub fn read(&self, district: &str, id: &str) -> Result<Vec<u8>, HubError> {
        let file = self.file(district, id)?;
        match std::fs::read(&file) {
            Ok(bytes) => Ok(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(error) => Err(io(&file, &error)),
        }
    }

    pub fn forget(&self, district: &str, id: &str) -> Result<(), HubError> {
        let file = self.file(district, id)?;
        match std::fs::remove_file(&file) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(io(&file, &error)),
            _ => Ok(()),
        }
    }

    /// Removes the uploads last added to before `before`: districts that never came back to finish
    /// them. Returns how many went.
    pub fn sweep(&self, before: SystemTime) -> Result<usize, HubError> {
        let mut removed = 0;
        for district in read_dir(&self.dir)? {
            for upload in read_dir(&district)? {
                let stale = std::fs::metadata(&upload).and_then(|m| m.modified()).is_ok_and(|at| at < before);
                if stale && std::fs::remove_file(&upload).is_ok() {
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }

    /// The bytes of every unfinished upload of `district`.
    fn held_by(&self, district: &str) -> Result<u64, HubError> {
        let folder = self.dir.join(district);
        if !folder.exists() {
            return Ok(0);
        }
        Ok(read_dir(&folder)?.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum())
    }

    fn lock(&self, district: &str) -> Arc<Mutex<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(locks.entry(district.to_owned()).or_default())
    }
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, HubError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io(dir, &e))?;
    Ok(entries.flatten().map(|e| e.path()).collect())
}

/// The file opened to append, made readable by its owner only when new.
fn open_private_append(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const OTHER: &str = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    fn uploads(caps: Caps) -> (tempfile::TempDir, Uploads) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let uploads = Uploads::open(&dir.path().join("uploads"), caps).unwrap_or_else(|e| panic!("{e}"));
        (dir, uploads)
    }

    #[test]
    fn chunks_append_at_the_offset_held_and_each_district_has_its_own() -> Result<(), HubError> {
        let (_dir, uploads) = uploads(Caps::default());
        assert_eq!(uploads.append("21", ID, 0, b"0123456789")?, 10);
        assert_eq!(uploads.append("21", ID, 0, b"0123456789"), Err(HubError::WrongOffset { received: 10, offset: 0 }));
        assert_eq!(uploads.append("21", ID, 10, b"abc")?, 13);
        assert_eq!(uploads.read("21", ID)?, b"0123456789abc");
        // The same id at another district is another upload.
        assert_eq!(uploads.received("22", ID)?, 0);
        assert_eq!(uploads.append("22", ID, 13, b"x"), Err(HubError::WrongOffset { received: 0, offset: 13 }));
        uploads.forget("21", ID)?;
        assert_eq!(uploads.received("21", ID)?, 0);
        Ok(())
    }

    #[test]
    fn names_the_hub_did_not_hand_out_are_refused() {
        let (_dir, uploads) = uploads(Caps::default());
        assert_eq!(uploads.append("21", "../../etc/passwd", 0, b"x"), Err(HubError::UploadMismatch));
        assert_eq!(uploads.received("21", &ID.to_uppercase()), Err(HubError::UploadMismatch));
        assert_eq!(uploads.append("..", ID, 0, b"x"), Err(HubError::BadDistrictCode("..".into())));
    }

    #[test]
    fn an_upload_and_a_districts_uploads_are_capped() -> Result<(), HubError> {
        let (_dir, uploads) = uploads(Caps { upload: 10, district: 15 });
        assert_eq!(uploads.append("21", ID, 0, b"01234567")?, 8);
        assert_eq!(uploads.append("21", ID, 8, b"890"), Err(HubError::TooLarge { limit: 10, what: "one upload" }));
        assert_eq!(uploads.received("21", ID)?, 8, "nothing of a refused chunk is kept");
        assert_eq!(uploads.append("21", OTHER, 0, b"0123456")?, 7);
        let refused = uploads.append("21", OTHER, 7, b"7");
        assert_eq!(refused, Err(HubError::TooLarge { limit: 15, what: "a district's unfinished uploads" }));
        // Another district has its own room.
        assert_eq!(uploads.append("22", OTHER, 0, b"0123456789")?, 10);
        Ok(())
    }

    #[test]
    fn uploads_not_added_to_since_the_cutoff_are_swept() -> Result<(), HubError> {
        let (dir, uploads) = uploads(Caps::default());
        uploads.append("21", ID, 0, b"abc")?;
        uploads.append("22", OTHER, 0, b"de")?;
        let old = SystemTime::now() - Duration::from_secs(48 * 3600);
        let file = File::options().write(true).open(dir.path().join("uploads/21").join(ID)).map_err(|e| io(dir.path(), &e))?;
        file.set_modified(old).map_err(|e| io(dir.path(), &e))?;
        assert_eq!(uploads.sweep(SystemTime::now() - Duration::from_secs(24 * 3600))?, 1);
        assert_eq!((uploads.received("21", ID)?, uploads.received("22", OTHER)?), (0, 2));
        Ok(())
    }
}

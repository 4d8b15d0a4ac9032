//! Small file helpers the store's acts share: a file is written under a temporary name beside its
//! final one, synced, then renamed, so a file with the final name is always whole.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::StoreError;

/// A temporary name beside `path`, unique to this process.
pub(super) fn temp_beside(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(format!(".partial-{}", std::process::id()));
    path.with_file_name(name)
}

pub(super) fn sync_file(path: &Path) -> Result<(), StoreError> {
    File::open(path).and_then(|f| f.sync_all()).map_err(|e| StoreError::io(path, &e))
}

/// Makes a rename durable where the platform allows syncing a folder (not on Windows).
pub(super) fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        let _ = File::open(parent).and_then(|f| f.sync_all());
    }
}

/// Copies `from` to `to` through a temporary name: synced, then renamed.
pub(super) fn copy_whole(from: &Path, to: &Path) -> Result<(), StoreError> {
    let temp = temp_beside(to);
    let copied = std::fs::copy(from, &temp).map_err(|e| StoreError::io(&temp, &e)).and_then(|_| sync_file(&temp));
    if let Err(error) = copied {
        let _ = std::fs::remove_file(&temp);
        return Err(error);
    }
    std::fs::rename(&temp, to).map_err(|e| StoreError::io(to, &e))?;
    sync_parent(to);
    Ok(())
}

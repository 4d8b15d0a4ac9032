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

/// Writes `bytes` to `file` (a key, a sheet, a sealed copy, a hub's token) readable and writable by
/// its owner only, from the first byte where the platform has permissions (Unix: 0600, an older
/// file replaced made so too), synced. `fresh`: refuse a file that is already there.
pub fn write_private(file: &Path, bytes: &[u8], fresh: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if fresh {
        options.create_new(true);
    } else {
        options.create(true).truncate(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut handle = options.open(file)?;
    #[cfg(unix)]
    handle.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    std::io::Write::write_all(&mut handle, bytes).and_then(|()| handle.sync_all())
}

/// `write_private` under a temporary name beside `path`, then renamed over it: whoever reads
/// `path` finds the old file or the whole new one, never half, and never one open to others.
pub fn replace_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = temp_beside(path);
    let _ = std::fs::remove_file(&temp);
    if let Err(error) = write_private(&temp, bytes, true).and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(error);
    }
    sync_parent(path);
    Ok(())
}

/// Makes a folder or a file its owner's alone (0700 and 0600 as created): citizens' data and the
/// district's key are in them. Only the group's and others' bits are taken away, so a folder made
/// read-only stays so. True when it had been open to others. On Windows the user's profile folder
/// is already private by its access lists, and nothing is changed.
pub fn make_private(path: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode.trailing_zeros() >= 6 {
            return Ok(false);
        }
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & !0o077))?;
        Ok(true)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

/// `make_private` on each path that exists; the ones that had been open to others. A path that
/// cannot be changed (a read-only folder) is logged and left: the store still opens.
pub(super) fn make_all_private<'p>(paths: impl IntoIterator<Item = &'p Path>) -> Vec<PathBuf> {
    let mut opened = Vec::new();
    for path in paths.into_iter().filter(|p| p.exists()) {
        match make_private(path) {
            Ok(true) => opened.push(path.to_path_buf()),
            Ok(false) => {}
            Err(error) => tracing::warn!(path = %path.display(), %error, "could not make private"),
        }
    }
    opened
}

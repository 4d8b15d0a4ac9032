//! The window's doors to the desktop, kept thin so everything after them is testable: the file
//! dialogs (rfd, asynchronous, so the window keeps drawing) return a path or nothing, and the
//! system viewer is handed a file.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::printing::WorkError;

/// A scanned document to attach: an image or a PDF.
pub async fn choose_scan() -> Option<PathBuf> {
    let dialog = rfd::AsyncFileDialog::new().add_filter("scan", &["pdf", "jpg", "jpeg", "png", "tif", "tiff"]);
    dialog.pick_file().await.map(|f| f.path().to_path_buf())
}

/// Where to save a PDF, `name` suggested.
pub async fn choose_pdf_target(name: String) -> Option<PathBuf> {
    let dialog = rfd::AsyncFileDialog::new().set_file_name(name).add_filter("PDF", &["pdf"]);
    dialog.save_file().await.map(|f| f.path().to_path_buf())
}

/// Opens `path` in the desktop's viewer for its type. The viewer is not waited for here: a
/// thread reaps it, so no task is held while the clerk reads the document.
pub fn show(path: &Path) -> Result<(), WorkError> {
    let failed = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => WorkError::NoViewer(path.to_path_buf()),
        _ => WorkError::View { path: path.to_path_buf(), detail: e.to_string() },
    };
    let mut child = viewer(path).spawn().map_err(failed)?;
    std::thread::spawn(move || match child.wait() {
        Ok(status) if !status.success() => tracing::warn!(%status, "the system viewer failed"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "the system viewer was lost"),
    });
    Ok(())
}

#[cfg(target_os = "windows")]
fn viewer(path: &Path) -> Command {
    let mut command = Command::new("cmd");
    // `start`'s first quoted argument is a window title; the empty one keeps a quoted path a path.
    command.args(["/C", "start", ""]).arg(path);
    command
}

#[cfg(target_os = "macos")]
fn viewer(path: &Path) -> Command {
    let mut command = Command::new("open");
    command.arg(path);
    command
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn viewer(path: &Path) -> Command {
    let mut command = Command::new("xdg-open");
    command.arg(path);
    command
}

//! A panic in the window: a report in the data folder's `crashes/` (the version, the system, where
//! and why, the backtrace and the log's last lines; the log holds no citizen's data), and on the next
//! start a banner saying where it is and that nothing saved was lost.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The folder inside the data folder that holds crash reports.
pub const CRASH_DIR: &str = "crashes";
const PREFIX: &str = "crash-";
const SEEN: &str = "seen-";
/// Lines of the log's end a report carries.
const LOG_LINES: usize = 40;

/// The report this run wrote, if it crashed.
static WRITTEN: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Writes a report for any panic from here on, then lets the panic go on as before.
pub fn install(data_dir: &Path) {
    let data_dir = data_dir.to_path_buf();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let location = info.location().map(ToString::to_string).unwrap_or_default();
        let backtrace = std::backtrace::Backtrace::force_capture().to_string();
        let text = report(&location, &message, &backtrace, &log_tail(&data_dir));
        if let Some(path) = write(&data_dir, &text)
            && let Ok(mut written) = WRITTEN.lock()
        {
            *written = Some(path);
        }
        previous(info);
    }));
}

/// The report this run wrote, once it has crashed.
pub fn written() -> Option<PathBuf> {
    WRITTEN.lock().ok().and_then(|w| w.clone())
}

/// A report's text: what an IT officer needs to find the fault.
fn report(location: &str, message: &str, backtrace: &str, log: &[String]) -> String {
    format!(
        "Bakhshyar {} crashed at {} UTC\nsystem: {} {}\nwhere: {location}\nwhy: {message}\n\nbacktrace:\n{backtrace}\n\nthe log's last lines:\n{}\n",
        env!("CARGO_PKG_VERSION"),
        chrono::Utc::now().format("%Y-%m-%d %H:%M:%S"),
        std::env::consts::OS,
        std::env::consts::ARCH,
        log.join("\n"),
    )
}

fn write(data_dir: &Path, text: &str) -> Option<PathBuf> {
    let dir = data_dir.join(CRASH_DIR);
    std::fs::create_dir_all(&dir).ok()?;
    let _ = crate::store::files::make_private(&dir);
    let path = dir.join(format!("{PREFIX}{}.txt", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")));
    std::fs::write(&path, text).ok()?;
    Some(path)
}

/// The last lines of the newest log file.
fn log_tail(data_dir: &Path) -> Vec<String> {
    let dir = data_dir.join(crate::store::LOG_DIR);
    let newest = std::fs::read_dir(dir).ok().and_then(|entries| entries.filter_map(Result::ok).map(|e| e.path()).max());
    let text = newest.and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[lines.len().saturating_sub(LOG_LINES)..].to_vec()
}

/// The newest report not shown yet, marked shown (renamed `seen-…`); `None` when there is none.
pub fn take_unseen(data_dir: &Path) -> Option<PathBuf> {
    let dir = data_dir.join(CRASH_DIR);
    let mut unseen: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(PREFIX)))
        .collect();
    unseen.sort();
    let mut newest = None;
    for path in unseen {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let seen = dir.join(format!("{SEEN}{name}"));
        if std::fs::rename(&path, &seen).is_ok() {
            newest = Some(seen);
        }
    }
    newest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_names_the_version_place_reason_and_log_and_is_shown_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let text = report("src/ui/app.rs:10:5", "index out of bounds", "0: main", &["INFO started".to_owned()]);
        assert!(text.contains(env!("CARGO_PKG_VERSION")) && text.contains(std::env::consts::OS));
        assert!(text.contains("src/ui/app.rs:10:5") && text.contains("index out of bounds") && text.contains("INFO started"));
        let first = write(dir.path(), "one").unwrap_or_else(|| panic!("not written"));
        std::thread::sleep(std::time::Duration::from_millis(5));
        let second = write(dir.path(), "two").unwrap_or_else(|| panic!("not written"));
        assert_ne!(first, second);
        let shown = take_unseen(dir.path()).unwrap_or_else(|| panic!("nothing to show"));
        assert_eq!(std::fs::read_to_string(&shown).ok().as_deref(), Some("two"), "the newest is shown");
        assert_eq!(take_unseen(dir.path()), None, "shown once");
    }
}

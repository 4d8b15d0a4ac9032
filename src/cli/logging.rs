//! The program's log, for an IT officer: standard error as before (its level from `RUST_LOG`), and
//! a file a day in the data folder's `logs/` (`bakhshyar.YYYY-MM-DD.log`, the newest 14 kept) at
//! the level `BAKHSHYAR_LOG` names (`info` when unset). What the program logs never holds a
//! citizen's name, national ID or phone: the messages name steps, files, counts and tracking codes.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

/// How many daily files are kept.
const KEEP: usize = 14;

/// Starts logging; with a data folder, also to its daily file. The guard flushes the file when
/// dropped, so `main` holds it to the end. A folder that cannot take a log (read-only, full) leaves
/// standard error alone: the office's work goes on.
pub fn start(data_dir: Option<&Path>) -> Option<WorkerGuard> {
    let stderr = fmt::layer().with_writer(std::io::stderr).with_filter(EnvFilter::from_default_env());
    let file = data_dir.and_then(appender).map(|appender| {
        let (writer, guard) = tracing_appender::non_blocking(appender);
        let level = EnvFilter::try_from_env("BAKHSHYAR_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
        (fmt::layer().with_ansi(false).with_writer(writer).with_filter(level), guard)
    });
    let (layer, guard) = file.map_or((None, None), |(layer, guard)| (Some(layer), Some(guard)));
    tracing_subscriber::registry().with(stderr).with(layer).init();
    guard
}

fn appender(data_dir: &Path) -> Option<RollingFileAppender> {
    let dir = data_dir.join(bakhshyar::store::LOG_DIR);
    std::fs::create_dir_all(&dir).ok()?;
    // The log is the office's alone, like the database beside it.
    let _ = bakhshyar::store::files::make_private(&dir);
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("bakhshyar")
        .filename_suffix("log")
        .max_log_files(KEEP)
        .build(&dir)
        .ok()
}

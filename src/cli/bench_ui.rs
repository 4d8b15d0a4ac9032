//! `bakhshyar bench-ui` (hidden): prints the UI benchmark's figures (see `bakhshyar::ui::bench`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use bakhshyar::ui::bench;

pub fn run(cases: usize, dir: Option<PathBuf>, started: Instant) -> anyhow::Result<ExitCode> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let dir = dir.unwrap_or_else(|| target.join("bench-ui").join(cases.to_string()));
    std::fs::create_dir_all(&dir)?;
    let figures = bench::run(&dir, cases, started, &mut |n| eprintln!("filled {n} cases"))?;
    let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64().max(1e-9);
    println!("cases in store: {} ({})", figures.cases, dir.display());
    if let Some(filled) = figures.filled_in {
        println!("filled in this run: {:.1} s", filled.as_secs_f64());
    }
    println!(
        "first frame (headless, tiny-skia): {} — catalogue {}, database open {}",
        ms(figures.first_frame),
        ms(figures.catalog_load),
        ms(figures.database_open)
    );
    println!("keystroke typing {:?}, median / slowest of its letters:", figures.query);
    print_timings([
        ("name index (Database::search)", (&figures.indexed_search, &figures.indexed_keystroke)),
        ("linear scan of names in memory", (&figures.linear_search, &figures.linear_keystroke)),
    ]);
    println!(
        "linear scan ÷ name index: search ×{:.1}, key to frame ×{:.1} (median)",
        ratio(figures.indexed_search.median, figures.linear_search.median),
        ratio(figures.indexed_keystroke.median, figures.linear_keystroke.median)
    );
    println!("keystroke typing the digits {:?}, median / slowest of its digits:", figures.digits);
    print_timings([
        ("digit-tail index (Database::search)", (&figures.digits_indexed.0, &figures.digits_indexed.1)),
        ("linear scan of codes and IDs in memory", (&figures.digits_linear.0, &figures.digits_linear.1)),
    ]);
    println!(
        "linear scan ÷ digit-tail index: key to frame ×{:.1} (median), ×{:.1} (slowest)",
        ratio(figures.digits_indexed.1.median, figures.digits_linear.1.median),
        ratio(figures.digits_indexed.1.max, figures.digits_linear.1.max)
    );
    let (entries, bytes) = figures.digit_index;
    let per_case = |n: u64| per(n, figures.cases);
    println!(
        "digit-tail index: {entries} entries, {:.1} MB ({:.1} entries, {:.0} bytes per case); whole file {:.1} MB ({:.0} bytes per case)",
        per(bytes, 1_000_000),
        per_case(entries),
        per_case(bytes),
        per(figures.file_bytes, 1_000_000),
        per_case(figures.file_bytes)
    );
    println!("counter loaded and drawn: {}", ms(figures.counter_load));
    println!("case opened with its diagram, drawn: {}", ms(figures.case_open));
    Ok(ExitCode::SUCCESS)
}

/// `n` per `each`, for printing.
#[allow(clippy::cast_precision_loss, reason = "a figure to read, not to compute with")]
fn per(n: u64, each: usize) -> f64 {
    n as f64 / each.max(1) as f64
}

/// One line per way of searching: its search and its keystroke-to-frame times, median / slowest.
fn print_timings(rows: [(&str, (&bench::Timing, &bench::Timing)); 2]) {
    for (name, (search, total)) in rows {
        println!(
            "  {name}: search {} / {}, key to frame {} / {}",
            ms(search.median),
            ms(search.max),
            ms(total.median),
            ms(total.max)
        );
        let each: Vec<String> = total.each.iter().map(|d| format!("{:.1}", d.as_secs_f64() * 1000.0)).collect();
        println!("    key to frame, key by key (ms): {}", each.join(" "));
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

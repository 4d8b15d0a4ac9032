//! `bakhshyar diagram`: a service's workflow written as SVG, PNG and PDF, and the statistics.

use std::process::Command;

use crate::common::{bakhshyar, ok, stderr};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn written(dir: &tempfile::TempDir, name: &str, extra: &[&str]) -> Vec<u8> {
    let path = dir.path().join(name);
    let path_text = path.to_string_lossy().into_owned();
    let mut args = vec!["diagram", "1", "--out", path_text.as_str()];
    args.extend_from_slice(extra);
    ok(&bakhshyar(&args));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{name} not written: {e}"))
}

#[test]
fn the_format_follows_the_extension_or_the_option() {
    let dir = temp();
    assert!(written(&dir, "a.svg", &[]).starts_with(b"<svg"));
    assert!(written(&dir, "a.png", &[]).starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(written(&dir, "a.pdf", &[]).starts_with(b"%PDF-"));
    assert!(written(&dir, "drawing", &["--format", "png"]).starts_with(b"\x89PNG"));
    let path = dir.path().join("a.bmp").to_string_lossy().into_owned();
    let refused = bakhshyar(&["--lang", "en", "diagram", "1", "--out", &path, "--format", "bmp"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("svg, png or pdf"), "{}", stderr(&refused));
}

/// The PDF keeps its labels as Persian text: `pdftotext` (poppler-utils, installed by `.ci/run`) reads them back.
#[test]
fn the_pdf_text_reads_back_as_persian() {
    let dir = temp();
    written(&dir, "a.pdf", &[]);
    let out = Command::new("pdftotext")
        .arg(dir.path().join("a.pdf"))
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    // pdftotext wraps right-to-left lines in embedding marks.
    let text: String = String::from_utf8_lossy(&out.stdout).chars().filter(|c| !matches!(c, '\u{202a}'..='\u{202e}')).collect();
    for label in ["شروع", "پایان", "بررسی کامل بودن مدارک", "آیا مدارک کامل است؟", "بلی", "خیر"]
    {
        assert!(text.contains(label), "{label} missing from the PDF text:\n{text}");
    }
}

#[test]
fn stats_compare_with_the_layout_without_crossing_reduction() {
    let text = ok(&bakhshyar(&["--lang", "en", "diagram", "--stats"]));
    assert!(text.contains("331 workflows laid out."), "{text}");
    assert!(text.contains("Total edge crossings:") && text.contains("Largest drawing: service"), "{text}");
    assert!(text.contains("Without crossing reduction:") && text.contains("× this"), "{text}");
}

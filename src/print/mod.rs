//! Issued documents and receipts as PDF: Persian shaping and bidi (`shape`), pages written with
//! `/ActualText` so the text extracts in logical order (`pdf`), office-editable templates
//! (`template`), and the signed verification code with its QR (`verify`).
//!
//! `render_issued` / `render_receipt` are pure: they read a case and return bytes. `job` is the
//! one print the GUI and the CLI both make: assemble, render, write, record the copy in the store.

mod document;
mod enrollment;
mod extract;
pub(crate) mod image;
#[cfg(feature = "store")]
pub mod office_file;
pub mod pdf;
mod qr;
mod recovery;
mod sheet;
pub mod spool;
pub mod template;
pub mod verify;

use thiserror::Error;

pub use document::{IssuedPrint, MissingOffice, Office, ReceiptPrint, render_issued, render_receipt};
pub use enrollment::{EnrollmentSheet, render_enrollment_sheet};
pub use image::Problem as EmblemProblem;
pub use office_file::OfficeFileError;
pub use recovery::{RecoverySheet, render_recovery_sheet};
pub use template::TemplateError;

use crate::i18n::{Arg, Localizer};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PrintError {
    #[error("the built-in font cannot be read or subset")]
    Font,
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The office's emblem (`office.toml`) cannot be read or is not a PNG or JPEG.
    #[error("{file}: {problem}")]
    Emblem { file: String, problem: EmblemProblem },
    /// `office.toml` cannot be read, or names a paper that is not A4 or A5.
    #[error(transparent)]
    Office(#[from] OfficeFileError),
    /// `office.toml` gives no county or no province: the letterhead's line would be cut short.
    #[error("office.toml lacks the office's {0:?}")]
    OfficeIncomplete(MissingOffice),
    /// The recovery code is empty, not printable ASCII, or too long for a QR code: a sheet that
    /// cannot be typed or scanned back would lock the administrator out.
    #[error("the recovery code cannot be printed")]
    RecoveryCode,
    /// The enrolment sheet's `sync trust` line is too long for a QR code (a hub id of thousands
    /// of letters): a sheet whose code cannot be scanned back is not made.
    #[error("the enrolment sheet's trust line does not fit in a QR code")]
    EnrollmentLine,
}

impl PrintError {
    /// The reader's message; `ltr` sets a path apart inside a right-to-left line where the
    /// caller needs that (the window does, a terminal does not).
    pub fn message(&self, loc: &Localizer, ltr: impl Fn(&str) -> String) -> String {
        match self {
            PrintError::Font => loc.text("print-error-font", &[]),
            PrintError::Template(template) => template_message(template, loc, &ltr),
            PrintError::Emblem { file, problem } => {
                let detail = loc.text(&format!("print-emblem-{}", problem.key()), &[]);
                loc.text("print-error-emblem", &[("path", Arg::Text(&ltr(file))), ("detail", Arg::Text(&detail))])
            }
            PrintError::Office(error) => office_file_message(error, loc, &ltr),
            PrintError::OfficeIncomplete(missing) => {
                let missing = loc.text(missing.message_id(), &[]);
                let path = ltr(office_file::FILE_NAME);
                loc.text("print-error-office-incomplete", &[("missing", Arg::Text(&missing)), ("path", Arg::Text(&path))])
            }
            PrintError::RecoveryCode => loc.text("recovery-sheet-error-code", &[]),
            PrintError::EnrollmentLine => loc.text("enrollment-sheet-error-line", &[]),
        }
    }
}

/// Whether `path` is an emblem the printer can draw: a readable PNG or JPEG.
pub fn check_emblem(path: &std::path::Path) -> Result<(), PrintError> {
    emblem(path).map(drop)
}

fn emblem(path: &std::path::Path) -> Result<image::Image, PrintError> {
    image::load(path).map_err(|problem| PrintError::Emblem { file: path.display().to_string(), problem })
}

fn office_file_message(error: &OfficeFileError, loc: &Localizer, ltr: impl Fn(&str) -> String) -> String {
    let shown = |path: &std::path::Path| ltr(&path.display().to_string());
    // The system's own wording (English) goes to the log, not into the reader's sentence.
    let logged = |id: &str, path: &std::path::Path, detail: &str| {
        tracing::warn!(path = %path.display(), %detail, "office.toml");
        loc.text(id, &[("path", Arg::Text(&shown(path)))])
    };
    match error {
        OfficeFileError::Unreadable { path, detail } => logged("print-error-office-unreadable", path, detail),
        OfficeFileError::Unwritable { path, detail } => logged("print-error-office-unwritable", path, detail),
        OfficeFileError::Broken { path, line } => {
            let line = i64::try_from(*line).unwrap_or(i64::MAX);
            loc.text("print-error-office-broken", &[("path", Arg::Text(&shown(path))), ("line", Arg::Number(line))])
        }
        OfficeFileError::Paper { path, key, value } => loc.text(
            "print-error-office-paper",
            &[("path", Arg::Text(&shown(path))), ("key", Arg::Text(key)), ("value", Arg::Text(&ltr(value)))],
        ),
    }
}

fn template_message(error: &TemplateError, loc: &Localizer, ltr: impl Fn(&str) -> String) -> String {
    match error {
        TemplateError::Broken { file, line, problem } => {
            let (id, quoted) = problem.message();
            let known = template::FIELDS.join(", ");
            let detail = loc.text(id, &[("text", Arg::Text(quoted)), ("known", Arg::Text(&known))]);
            let line = i64::try_from(*line).unwrap_or(i64::MAX);
            let args = [("path", Arg::Text(&ltr(file))), ("line", Arg::Number(line)), ("detail", Arg::Text(&detail))];
            loc.text("print-error-template-line", &args)
        }
        TemplateError::Unreadable { file, detail } => {
            // The system's own wording (English) goes to the log, not into a Persian sentence.
            tracing::warn!(%file, %detail, "template unreadable");
            loc.text("print-error-template-unreadable", &[("path", Arg::Text(&ltr(file)))])
        }
        TemplateError::Unknown(name) => loc.text("print-error-template-unknown", &[("name", Arg::Text(&ltr(name)))]),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::process::Command;

    use super::pdf::{Mark, Page, PageSize, write};
    use crate::shaping::Fonts;

    /// A broken template is reported in the reader's language, naming its file and line.
    #[test]
    fn a_broken_template_reads_in_the_readers_language() {
        use super::template::Problem;
        use crate::i18n::{Language, Localizer};
        let problems = [Problem::UnknownDirective("stamp".into()), Problem::UnknownField("nmae".into()), Problem::Unclosed];
        for problem in problems {
            let error = super::PrintError::Template(super::TemplateError::Broken { file: "t.txt".into(), line: 4, problem });
            let persian = error.message(Localizer::shared(Language::Persian), str::to_owned);
            assert!(persian.contains("t.txt") && persian.contains("سطر ۴"), "{persian}");
            assert!(!persian.contains("line") && !persian.contains("unknown"), "{persian}");
            let english = error.message(Localizer::shared(Language::English), str::to_owned);
            assert!(english.contains("t.txt, line 4"), "{english}");
        }
    }

    /// `pdftotext` on `bytes`, or `None` when poppler-utils is not installed (`.ci/run` installs it).
    pub fn pdftotext(bytes: &[u8]) -> Option<String> {
        let dir = tempfile::tempdir().ok()?;
        let file = dir.path().join("doc.pdf");
        std::fs::write(&file, bytes).ok()?;
        let output = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&file).arg("-").output().ok()?;
        assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The non-empty lines of `pdftotext` output without invisible bidi marks: the embeddings it
    /// wraps right-to-left lines and runs in (U+202A…U+202E) and the LRM / RLM around embedded
    /// left-to-right runs (U+200E, U+200F).
    pub fn logical_lines(text: &str) -> Vec<String> {
        let invisible = |c: &char| ('\u{202A}'..='\u{202E}').contains(c) || matches!(c, '\u{200E}' | '\u{200F}');
        text.lines()
            .map(|l| l.chars().filter(|c| !invisible(c)).collect::<String>().trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn pdftotext_reads_mixed_persian_latin_and_digits_back_in_logical_order() {
        let fonts = Fonts::shared().unwrap_or_else(|| panic!("font"));
        let texts = [
            "علی‌رضا محمدی (Ali)",
            "شماره ۱۲۳۴",
            "کد ملی 0012345679",
            "کلاس الله [الف] «نقل»",
            "به علی‌رضا محمدی (Ali) به کد ملی ۰۰۱۲۳۴۵۶۷۹ مجوز",
            "طبق (ماده ۵) قانون",
            "(ماده ۵)",
        ];
        let marks = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let line = fonts.regular.line(t, 14.0, true);
                let x = 500.0 - line.width;
                Mark::Text { line, x, y: 700.0 - 30.0 * f32::from(u8::try_from(i).unwrap_or(0)), gray: 0.0 }
            })
            .collect();
        let bytes = write(&[Page { size: PageSize::A4, rtl: true, marks }], fonts, "test").unwrap_or_else(|e| panic!("{e}"));
        assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
        let Some(text) = pdftotext(&bytes) else { panic!("pdftotext is not installed: apt-get install poppler-utils") };
        assert_eq!(logical_lines(&text), texts, "{text}");
    }

    #[test]
    fn pdftotext_reads_persian_values_in_english_lines_back_in_logical_order() {
        let fonts = Fonts::shared().unwrap_or_else(|| panic!("font"));
        let texts = [
            "Applicant: علی‌رضا محمدی (Ali)",
            "Number: شماره ۱۲۳۴ issued",
            "National ID: کد ملی 0012345679",
            "Under (ماده ۵) of the law",
            "Service: صدور مجوز (حمل) کالا",
            // Enough Persian letters to outvote the English ones: the page still reads left to right.
            "Unit: معاونت برنامه‌ریزی و توسعه‌ی منابع انسانی و مدیریت بحران و پدافند غیرعامل استان",
        ];
        let marks = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let line = fonts.regular.line(t, 14.0, false);
                Mark::Text { line, x: 60.0, y: 700.0 - 30.0 * f32::from(u8::try_from(i).unwrap_or(0)), gray: 0.0 }
            })
            .collect();
        let bytes = write(&[Page { size: PageSize::A4, rtl: false, marks }], fonts, "test").unwrap_or_else(|e| panic!("{e}"));
        let Some(text) = pdftotext(&bytes) else { panic!("pdftotext is not installed: apt-get install poppler-utils") };
        assert_eq!(logical_lines(&text), texts, "{text}");
    }
}

//! Issued documents and receipts as PDF: Persian shaping and bidi (`shape`), pages written with
//! `/ActualText` so the text extracts in logical order (`pdf`), office-editable templates
//! (`template`), and the signed verification code with its QR (`verify`).
//!
//! The GUI and the CLI call `render_issued` / `render_receipt`; both are pure: they read a case and
//! return bytes, and recording the print is the store's business.

mod document;
mod extract;
mod image;
pub mod pdf;
mod qr;
pub mod template;
pub mod verify;

use thiserror::Error;

pub use document::{IssuedPrint, Office, ReceiptPrint, render_issued, render_receipt};
pub use template::TemplateError;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PrintError {
    #[error("the built-in font cannot be read or subset")]
    Font,
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The office's emblem (`office.toml`) cannot be read or is not a PNG or JPEG.
    #[error("{file}: {detail}")]
    Emblem { file: String, detail: String },
}

#[cfg(test)]
pub(crate) mod tests {
    use std::process::Command;

    use super::pdf::{Mark, Page, PageSize, write};
    use crate::shaping::Fonts;

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

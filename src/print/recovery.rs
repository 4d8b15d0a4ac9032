//! The administrator's recovery sheet: one A4 page holding the recovery code as letters to type
//! and as a QR code to scan, with what the sheet is for and how to use it.
//!
//! Laid out directly as `pdf` marks rather than through a template: the page is fixed, not the
//! office's to edit, and the templates' blocks (`document`) have no place for a large code or a
//! free-standing QR code.

use chrono::{DateTime, Utc};

use super::PrintError;
use super::pdf::{Mark, Page, PageSize};
use crate::domain::calendar::JalaliDate;
use crate::i18n::{Language, Localizer};
use crate::shaping::{Fonts, Line, Weight};

/// What the sheet shows. No `Debug`: the code is as good as a password, and a derived `Debug`
/// would let a stray `?sheet` in a log line write it out.
#[derive(Clone, Copy)]
pub struct RecoverySheet<'a> {
    pub district_name: &'a str,
    /// ASCII digits.
    pub district_code: &'a str,
    /// The administrator's account name.
    pub administrator: &'a str,
    /// Printable ASCII (`7K3M-0QXZ-…`), printed as it is so that it can be typed back.
    pub recovery_code: &'a str,
    pub language: Language,
    pub now: DateTime<Utc>,
}

const SIZE: PageSize = PageSize::A4;
/// The QR code's side in points: 5 cm, easy for a phone at arm's length.
const QR_SIDE: f32 = 142.0;
/// The largest size of the code's letters; a longer code than the usual 24 characters is set smaller.
const CODE_SIZE: f32 = 26.0;
const BODY_SIZE: f32 = 12.0;

/// The sheet as PDF bytes. The bytes hold the code: the caller prints them and keeps no copy.
pub fn render_recovery_sheet(sheet: &RecoverySheet<'_>) -> Result<Vec<u8>, PrintError> {
    let code = sheet.recovery_code;
    if !typeable(code) {
        return Err(PrintError::RecoveryCode);
    }
    let loc = Localizer::shared(sheet.language);
    let mut page = Sheet::new(Fonts::shared().ok_or(PrintError::Font)?, sheet.language.is_rtl());
    let title = loc.text("recovery-sheet-title", &[]);
    page.advance(34.0);
    page.centred(&title, Weight::Bold, 20.0, 0.0);
    page.advance(16.0);
    page.rule();
    let day = JalaliDate::at_iran(sheet.now);
    // Written as the printed documents write their date (`document::date`): yyyy/mm/dd.
    let made = loc.digits(&format!("{:04}/{:02}/{:02}", day.year, day.month, day.day));
    page.fields(&[
        (loc.text("recovery-sheet-district", &[]), sheet.district_name.to_owned()),
        (loc.text("recovery-sheet-district-code", &[]), loc.digits(sheet.district_code)),
        (loc.text("recovery-sheet-administrator", &[]), sheet.administrator.to_owned()),
        (loc.text("recovery-sheet-made-on", &[]), made),
    ]);
    page.advance(40.0);
    page.centred(&loc.text("recovery-sheet-code", &[]), Weight::Bold, BODY_SIZE, 0.25);
    page.code(code);
    page.qr(code)?;
    page.advance(30.0);
    page.rule();
    let steps = ["recovery-sheet-keep", "recovery-sheet-anyone", "recovery-sheet-use", "recovery-sheet-after"];
    for id in steps {
        page.bullet(&loc.text(id, &[]));
        if id == "recovery-sheet-use" {
            page.command(&loc.text("recovery-sheet-command", &[]));
        }
    }
    page.finish(&title)
}

/// Printable ASCII with no space at either end: what a keyboard types back in either layout.
fn typeable(code: &str) -> bool {
    !code.is_empty() && code.trim() == code && code.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
}

/// Lines set from the top of the page down.
struct Sheet {
    fonts: &'static Fonts,
    rtl: bool,
    margin: f32,
    y: f32,
    marks: Vec<Mark>,
}

impl Sheet {
    fn new(fonts: &'static Fonts, rtl: bool) -> Self {
        // The documents' margin (`document::Setter`), so the sheet looks like the office's paper.
        let margin = SIZE.width * 0.085;
        Self { fonts, rtl, margin, y: SIZE.height - margin, marks: Vec::new() }
    }

    fn width(&self) -> f32 {
        SIZE.width - 2.0 * self.margin
    }

    fn advance(&mut self, points: f32) {
        self.y -= points;
    }

    /// Where a line `width` wide starts when set `indent` in from the reading start.
    fn start(&self, width: f32, indent: f32) -> f32 {
        if self.rtl { self.margin + self.width() - indent - width } else { self.margin + indent }
    }

    fn put(&mut self, line: Line, x: f32, gray: f32) {
        self.marks.push(Mark::Text { line, x, y: self.y, gray });
    }

    fn centred(&mut self, text: &str, weight: Weight, size: f32, gray: f32) {
        let line = self.fonts.get(weight).line(text, size, self.rtl);
        let x = self.margin + (self.width() - line.width) / 2.0;
        self.put(line, x, gray);
    }

    fn rule(&mut self) {
        self.marks.push(Mark::Fill { rects: vec![[self.margin, self.y, self.width(), 0.8]], gray: 0.3 });
    }

    /// Labels at the reading start and their values lined up in one column beside them.
    fn fields(&mut self, fields: &[(String, String)]) {
        let labels: Vec<Line> = fields.iter().map(|(label, _)| self.fonts.bold.line(label, BODY_SIZE, self.rtl)).collect();
        let column = labels.iter().map(|l| l.width).fold(0.0, f32::max) + BODY_SIZE;
        for (label, (_, value)) in labels.into_iter().zip(fields) {
            self.advance(BODY_SIZE * 2.0);
            let x = self.start(label.width, 0.0);
            self.put(label, x, 0.25);
            for (i, line) in self.fonts.regular.wrap(value, BODY_SIZE, self.rtl, self.width() - column).into_iter().enumerate() {
                if i > 0 {
                    self.advance(BODY_SIZE * 1.7);
                }
                let x = self.start(line.width, column);
                self.put(line, x, 0.0);
            }
        }
    }

    /// The code large and framed, set left to right on any page so its groups keep their order.
    fn code(&mut self, code: &str) {
        let line = self.fit(code, Weight::Bold, CODE_SIZE, self.width() - 2.0 * CODE_SIZE);
        let size = line.size;
        self.advance(size * 2.0);
        let pad = size * 0.6;
        let x = self.margin + (self.width() - line.width) / 2.0;
        // Capitals and digits stand about 0.7 em above the baseline and nothing hangs below it.
        let rect = [x - pad, self.y - pad, line.width + 2.0 * pad, size * 0.7 + 2.0 * pad];
        self.marks.push(Mark::Frame { rect, width: 1.0, gray: 0.2 });
        self.put(line, x, 0.0);
        self.advance(pad);
    }

    /// The QR code of exactly the code's text, centred, with room for its quiet zone around it.
    fn qr(&mut self, code: &str) -> Result<(), PrintError> {
        self.advance(28.0 + QR_SIDE);
        let x = self.margin + (self.width() - QR_SIDE) / 2.0;
        let rects = super::qr::modules(code, x, self.y, QR_SIDE).ok_or(PrintError::RecoveryCode)?;
        self.marks.push(Mark::Fill { rects, gray: 0.0 });
        Ok(())
    }

    /// «• text», wrapped at the reading start with the lines after the first hanging under the
    /// text. A bullet, not «۱.»: poppler reads a number's full stop at the start of a
    /// right-to-left line back after the space («۱ .این»).
    fn bullet(&mut self, text: &str) {
        self.advance(BODY_SIZE * 0.6);
        let bullet = self.fonts.regular.line("\u{2022}", BODY_SIZE, self.rtl);
        let indent = bullet.width + BODY_SIZE * 0.4;
        for (i, line) in self.fonts.regular.wrap(text, BODY_SIZE, self.rtl, self.width() - indent).into_iter().enumerate() {
            self.advance(BODY_SIZE * 1.8);
            if i == 0 {
                let x = self.start(bullet.width, 0.0);
                self.put(bullet.clone(), x, 0.0);
            }
            let x = self.start(line.width, indent);
            self.put(line, x, 0.0);
        }
    }

    /// A command to type: its own line, left to right, indented under the step that names it.
    fn command(&mut self, text: &str) {
        let indent = 2.0 * BODY_SIZE;
        let line = self.fit(text, Weight::Regular, BODY_SIZE - 1.0, self.width() - indent);
        self.advance(BODY_SIZE * 2.0);
        let x = self.start(line.width, indent);
        self.put(line, x, 0.15);
    }

    /// `text` on one left-to-right line at `size`, or smaller when it would be wider than `room`.
    fn fit(&self, text: &str, weight: Weight, size: f32, room: f32) -> Line {
        let font = self.fonts.get(weight);
        let line = font.line(text, size, false);
        if line.width <= room { line } else { font.line(text, size * room / line.width, false) }
    }

    fn finish(mut self, title: &str) -> Result<Vec<u8>, PrintError> {
        // The documents' double frame around the page.
        let inset = self.margin * 0.45;
        let [w, h] = [SIZE.width - 2.0 * inset, SIZE.height - 2.0 * inset];
        self.marks.push(Mark::Frame { rect: [inset, inset, w, h], width: 1.4, gray: 0.25 });
        let gap = 3.0;
        self.marks.push(Mark::Frame { rect: [inset + gap, inset + gap, w - 2.0 * gap, h - 2.0 * gap], width: 0.4, gray: 0.25 });
        super::pdf::write(&[Page { size: SIZE, rtl: self.rtl, marks: self.marks }], self.fonts, title)
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use chrono::TimeZone;

    use super::*;
    use crate::print::image::{self, Pixels};
    use crate::print::tests::{logical_lines, pdftotext};

    const CODE: &str = "7K3M-0QXZ-A1B2-C3D4-E5F6";
    const ADMIN: &str = "علی‌رضا محمدی";
    const COMMAND: &str = "bakhshyar recover --admin NAME --recovery-code-file FILE --new-password-file FILE";

    fn sheet(language: Language) -> RecoverySheet<'static> {
        // 2 Azar 1405, 13:30 in Iran.
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().unwrap_or_else(|| panic!("date"));
        RecoverySheet {
            district_name: "آبگرم", district_code: "12", administrator: ADMIN, recovery_code: CODE, language, now
        }
    }

    fn rendered(language: Language) -> Vec<u8> {
        let bytes = render_recovery_sheet(&sheet(language)).unwrap_or_else(|e| panic!("{e}"));
        // For a look with pdftoppm, as `document`'s tests do.
        if let Some(out) = std::env::var_os("BAKHSHYAR_PRINT_DIR") {
            let file = std::path::Path::new(&out).join(format!("{}-recovery-sheet.pdf", language.code()));
            std::fs::write(file, &bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        bytes
    }

    #[test]
    fn the_sheet_reads_back_in_logical_order_in_both_languages() {
        for language in Language::ALL {
            let bytes = rendered(language);
            assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
            let Some(text) = pdftotext(&bytes) else { panic!("pdftotext is not installed: apt-get install poppler-utils") };
            let lines = logical_lines(&text);
            let (title, date, district_code) = match language {
                Language::Persian => ("برگه بازیابی گذرواژه مدیر سامانه", "۱۴۰۵/۰۹/۰۲", "۱۲"),
                Language::English => ("Administrator password recovery sheet", "1405/09/02", "12"),
            };
            assert!(lines.iter().any(|l| l == title), "{language:?}: {lines:#?}");
            // The code alone on its line, in order and as ASCII, so it can be typed from the sheet.
            assert!(lines.iter().any(|l| l == CODE), "{language:?}: {lines:#?}");
            assert!(lines.iter().any(|l| l == COMMAND), "{language:?}: {lines:#?}");
            let all = lines.join("\n");
            for value in [ADMIN, "آبگرم", date, district_code] {
                assert!(all.contains(value), "{language:?} lacks {value}: {lines:#?}");
            }
            assert!(!all.contains("recovery-sheet-"), "a message is missing: {lines:#?}");
            assert_eq!(lines.iter().filter(|l| l.starts_with("\u{2022} ")).count(), 4, "{language:?}: {lines:#?}");
        }
    }

    /// The page as a printer and a phone see it: rasterised by poppler, the QR code read by rqrr.
    #[test]
    fn the_qr_code_scans_back_to_the_recovery_code() {
        for language in Language::ALL {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let pdf = dir.path().join("sheet.pdf");
            std::fs::write(&pdf, rendered(language)).unwrap_or_else(|e| panic!("{e}"));
            let status = Command::new("pdftoppm")
                .args(["-r", "100", "-gray", "-png", "-singlefile"])
                .arg(&pdf)
                .arg(dir.path().join("sheet"))
                .status()
                .unwrap_or_else(|e| panic!("pdftoppm is not installed: apt-get install poppler-utils ({e})"));
            assert!(status.success());
            let page = image::load(&dir.path().join("sheet.png")).unwrap_or_else(|e| panic!("{e}"));
            // pdftoppm writes RGB even with `-gray`; the first sample of a pixel is its grey then.
            let Pixels::Raw { samples, rgb, .. } = &page.pixels else { panic!("not a PNG") };
            let step = if *rgb { 3 } else { 1 };
            let side = |n: u32| usize::try_from(n).unwrap_or_else(|e| panic!("{e}"));
            let (width, height) = (side(page.width), side(page.height));
            let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| samples[(y * width + x) * step]);
            let grids = prepared.detect_grids();
            assert_eq!(grids.len(), 1, "{language:?}");
            let (_, text) = grids[0].decode().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(text, CODE, "{language:?}");
        }
    }

    #[test]
    fn a_code_that_cannot_be_typed_or_scanned_back_is_refused() {
        let too_long = "x".repeat(5000);
        for code in ["", " 7K3M", "7K3M\n0QXZ", "کد-۱۲۳۴", too_long.as_str()] {
            let result = render_recovery_sheet(&RecoverySheet { recovery_code: code, ..sheet(Language::Persian) });
            assert_eq!(result, Err(PrintError::RecoveryCode), "{code:?}");
        }
        let message = PrintError::RecoveryCode.message(Localizer::shared(Language::Persian), str::to_owned);
        assert!(message.starts_with("کد بازیابی"), "{message}");
    }
}

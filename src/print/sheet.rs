//! One-page sheets laid out directly as `pdf` marks, lines set from the top of an A4 page down:
//! the administrator's recovery sheet (`recovery`) and the hub's enrolment sheet (`enrollment`).
//!
//! Not through a template: these pages are fixed, not the office's to edit, and the templates'
//! blocks (`document`) have no place for a large code or a free-standing QR code.

use chrono::{DateTime, Utc};

use super::PrintError;
use super::pdf::{Mark, Page, PageSize};
use crate::domain::calendar::JalaliDate;
use crate::i18n::Localizer;
use crate::shaping::{Fonts, Line, Weight};

const SIZE: PageSize = PageSize::A4;
pub(super) const BODY_SIZE: f32 = 12.0;

/// The day `now` in Iran, in the Solar Hijri calendar, written as the printed documents write
/// their date (`document::date`): yyyy/mm/dd, in the reader's digits.
pub(super) fn made_on(loc: &Localizer, now: DateTime<Utc>) -> String {
    let day = JalaliDate::at_iran(now);
    loc.digits(&format!("{:04}/{:02}/{:02}", day.year, day.month, day.day))
}

/// Lines set from the top of the page down.
pub(super) struct Sheet {
    fonts: &'static Fonts,
    rtl: bool,
    margin: f32,
    y: f32,
    marks: Vec<Mark>,
}

impl Sheet {
    pub(super) fn new(fonts: &'static Fonts, rtl: bool) -> Self {
        // The documents' margin (`document::Setter`), so the sheet looks like the office's paper.
        let margin = SIZE.width * 0.085;
        Self { fonts, rtl, margin, y: SIZE.height - margin, marks: Vec::new() }
    }

    fn width(&self) -> f32 {
        SIZE.width - 2.0 * self.margin
    }

    pub(super) fn advance(&mut self, points: f32) {
        self.y -= points;
    }

    /// Where a line `width` wide starts when set `indent` in from the reading start.
    fn start(&self, width: f32, indent: f32) -> f32 {
        if self.rtl { self.margin + self.width() - indent - width } else { self.margin + indent }
    }

    fn put(&mut self, line: Line, x: f32, gray: f32) {
        self.marks.push(Mark::Text { line, x, y: self.y, gray });
    }

    /// The sheet's title, large and centred, with a rule under it.
    pub(super) fn heading(&mut self, title: &str) {
        self.advance(34.0);
        self.centred(title, Weight::Bold, 20.0, 0.0);
        self.advance(16.0);
        self.rule();
    }

    pub(super) fn centred(&mut self, text: &str, weight: Weight, size: f32, gray: f32) {
        let line = self.fonts.get(weight).line(text, size, self.rtl);
        let x = self.margin + (self.width() - line.width) / 2.0;
        self.put(line, x, gray);
    }

    pub(super) fn rule(&mut self) {
        self.marks.push(Mark::Fill { rects: vec![[self.margin, self.y, self.width(), 0.8]], gray: 0.3 });
    }

    /// Labels at the reading start and their values lined up in one column beside them.
    pub(super) fn fields(&mut self, fields: &[(String, String)]) {
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

    /// A code large and framed, at `size` or smaller to fit, set left to right on any page so its
    /// groups keep their order.
    pub(super) fn code(&mut self, code: &str, size: f32) {
        let line = self.fit(code, Weight::Bold, size, self.width() - 2.0 * size);
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

    /// The QR code of exactly `text`, `side` points square and centred, with room for its quiet
    /// zone around it; `error` when the text is too long for a QR code.
    pub(super) fn qr(&mut self, text: &str, side: f32, error: PrintError) -> Result<(), PrintError> {
        self.advance(28.0 + side);
        let x = self.margin + (self.width() - side) / 2.0;
        let rects = super::qr::modules(text, x, self.y, side).ok_or(error)?;
        self.marks.push(Mark::Fill { rects, gray: 0.0 });
        Ok(())
    }

    /// «• text», wrapped at the reading start with the lines after the first hanging under the
    /// text. A bullet, not «۱.»: poppler reads a number's full stop at the start of a
    /// right-to-left line back after the space («۱ .این»).
    pub(super) fn bullet(&mut self, text: &str) {
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

    /// A command to type: its own line, left to right, `indent` in from the reading start (under
    /// the step that names it), smaller when it would not fit on one line.
    pub(super) fn command(&mut self, text: &str, indent: f32) {
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

    /// The page with the documents' double frame around it, as PDF bytes titled `title`.
    pub(super) fn finish(mut self, title: &str) -> Result<Vec<u8>, PrintError> {
        let inset = self.margin * 0.45;
        let [w, h] = [SIZE.width - 2.0 * inset, SIZE.height - 2.0 * inset];
        self.marks.push(Mark::Frame { rect: [inset, inset, w, h], width: 1.4, gray: 0.25 });
        let gap = 3.0;
        self.marks.push(Mark::Frame { rect: [inset + gap, inset + gap, w - 2.0 * gap, h - 2.0 * gap], width: 0.4, gray: 0.25 });
        super::pdf::write(&[Page { size: SIZE, rtl: self.rtl, marks: self.marks }], self.fonts, title)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::process::Command;

    use crate::i18n::Language;
    use crate::print::image::{self, Pixels};

    /// `bytes` as rendered, written to `$BAKHSHYAR_PRINT_DIR` as `{language}-{name}.pdf` when it is
    /// set, for a look with pdftoppm, as `document`'s tests do.
    pub fn kept_for_a_look(name: &str, language: Language, bytes: Vec<u8>) -> Vec<u8> {
        if let Some(out) = std::env::var_os("BAKHSHYAR_PRINT_DIR") {
            let file = std::path::Path::new(&out).join(format!("{}-{name}.pdf", language.code()));
            std::fs::write(file, &bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        bytes
    }

    /// A one-page sheet's lines as `pdftotext` gives them back, in logical order; a sheet stays
    /// small (only the glyphs it uses are embedded).
    pub fn read_back(bytes: &[u8]) -> Vec<String> {
        assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
        let Some(text) = crate::print::tests::pdftotext(bytes) else {
            panic!("pdftotext is not installed: apt-get install poppler-utils")
        };
        crate::print::tests::logical_lines(&text)
    }

    /// The texts of the QR codes on the first page of `pdf` as a printer and a phone see them:
    /// rasterised by poppler, the codes read by rqrr.
    pub fn scanned(pdf: &[u8]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("sheet.pdf");
        std::fs::write(&file, pdf).unwrap_or_else(|e| panic!("{e}"));
        let status = Command::new("pdftoppm")
            .args(["-r", "100", "-gray", "-png", "-singlefile"])
            .arg(&file)
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
        prepared.detect_grids().iter().map(|grid| grid.decode().map_or_else(|e| panic!("{e}"), |(_, text)| text)).collect()
    }
}

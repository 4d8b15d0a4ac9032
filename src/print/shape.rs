//! Persian text made into positioned glyphs: bidi (unicode-bidi) cuts a line into directional runs
//! in visual order, rustybuzz shapes each run (joining, lam-alef, brackets mirrored in right-to-left
//! runs), and paragraphs wrap at spaces only, so a word joined by ZWNJ is never split.
//!
//! Each laid-out line keeps its logical text: the PDF writer attaches it as `/ActualText`, which is
//! what makes `pdftotext` give the words back in reading order.

use rustybuzz::{Direction, Face, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

use crate::fonts::{VAZIRMATN_BOLD, VAZIRMATN_REGULAR};

/// The two faces documents are set in; both are Vazirmatn, built into the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

/// A font ready for shaping.
pub struct Font {
    pub weight: Weight,
    pub data: &'static [u8],
    face: Face<'static>,
    units_per_em: f32,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font").field("weight", &self.weight).finish_non_exhaustive()
    }
}

/// Regular and bold, parsed once.
#[derive(Debug)]
pub struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    /// `None` only if the built-in font bytes were damaged at build time.
    pub fn load() -> Option<Self> {
        Some(Self { regular: Font::parse(Weight::Regular, VAZIRMATN_REGULAR)?, bold: Font::parse(Weight::Bold, VAZIRMATN_BOLD)? })
    }

    pub fn get(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// One glyph of a line: its id in the full font, its position from the line's left end in points,
/// and the text it stands for as seen left to right (the first glyph of a cluster carries the
/// cluster's text; in a right-to-left run reversed and with brackets mirrored, which is what a
/// PDF reader expects before its own bidi pass).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub x: f32,
    pub y: f32,
    pub text: String,
}

/// A line set in one font and size: glyphs left to right, and the line's text in logical order.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub weight: Weight,
    pub size: f32,
    pub glyphs: Vec<Glyph>,
    pub width: f32,
}

impl Font {
    fn parse(weight: Weight, data: &'static [u8]) -> Option<Self> {
        let face = Face::from_slice(data, 0)?;
        let units_per_em = f32::from(u16::try_from(face.units_per_em()).ok()?);
        Some(Self { weight, data, face, units_per_em })
    }

    /// The glyph's advance in font units, as the PDF's width table gives it.
    pub fn advance(&self, glyph: u16) -> u16 {
        self.face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph)).unwrap_or(0)
    }

    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// Ascender and descender in font units.
    pub fn metrics(&self) -> (i16, i16) {
        (self.face.ascender(), self.face.descender())
    }

    /// Lays out one line (no line breaks in `text`) with `rtl` as the paragraph direction.
    pub fn line(&self, text: &str, size: f32, rtl: bool) -> Line {
        let scale = size / self.units_per_em;
        let mut glyphs = Vec::new();
        let mut pen = 0.0;
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        let bidi = BidiInfo::new(text, Some(base));
        for paragraph in &bidi.paragraphs {
            let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            let mut embedded = Vec::new();
            for run in runs {
                let rtl_run = levels[run.start].is_rtl();
                let first = glyphs.len();
                pen = self.shape_run(&text[run], rtl_run, scale, pen, &mut glyphs);
                if rtl && !rtl_run {
                    embedded.push((first, glyphs.len()));
                }
            }
            for (start, end) in embedded {
                fix_embedded_run(&mut glyphs, start, end);
            }
        }
        Line { text: text.to_owned(), weight: self.weight, size, glyphs, width: pen }
    }

    /// Shapes one directional run and appends its glyphs from `pen`; returns the new pen.
    fn shape_run(&self, run: &str, rtl: bool, scale: f32, mut pen: f32, out: &mut Vec<Glyph>) -> f32 {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(run);
        buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&self.face, &[], buffer);
        let infos = shaped.glyph_infos();
        let clusters: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        for (index, (info, position)) in infos.iter().zip(shaped.glyph_positions()).enumerate() {
            let start = clusters[index];
            // The cluster's text goes with its first glyph in visual order.
            let first_of_cluster = index == 0 || clusters[index - 1] != start;
            let text = match (first_of_cluster, rtl) {
                (false, _) => String::new(),
                (true, false) => cluster_text(run, &clusters, start),
                // Readers rebuild logical order from visual positions and reverse right-to-left
                // runs, a ligature's letters included: give them the cluster reversed.
                (true, true) => cluster_text(run, &clusters, start).chars().rev().collect(),
            };
            out.push(Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                x: pen + f32::from(i16::try_from(position.x_offset).unwrap_or(0)) * scale,
                y: f32::from(i16::try_from(position.y_offset).unwrap_or(0)) * scale,
                text,
            });
            pen += f32::from(i16::try_from(position.x_advance).unwrap_or(0)) * scale;
        }
        pen
    }

    /// The width of `text` set on one line.
    pub fn width(&self, text: &str, size: f32, rtl: bool) -> f32 {
        self.line(text, size, rtl).width
    }

    /// Breaks a paragraph into lines no wider than `max_width`, at spaces only (ZWNJ is not a
    /// break), and lays each out. A single word wider than the line stands alone.
    pub fn wrap(&self, text: &str, size: f32, rtl: bool, max_width: f32) -> Vec<Line> {
        let space = self.width(" ", size, rtl);
        let mut lines = Vec::new();
        let mut current = String::new();
        let mut current_width = 0.0;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let width = self.width(word, size, rtl);
            if !current.is_empty() && current_width + space + width > max_width {
                lines.push(self.line(&current, size, rtl));
                current.clear();
                current_width = 0.0;
            }
            if !current.is_empty() {
                current.push(' ');
                current_width += space;
            }
            current.push_str(word);
            current_width += width;
        }
        if !current.is_empty() {
            lines.push(self.line(&current, size, rtl));
        }
        lines
    }
}

/// Text for a left-to-right run (Latin, digits) inside right-to-left text, as a reader that
/// rebuilds logical order from positions (poppler) needs it: such a reader files neutral
/// characters on the run's right with the right-to-left text and those on its left with the run.
/// So «… (Ali) به» would come out «… )(Ali» and «ملی ۰۰۱۲ مجوز» as «ملی  ۰۰۱۲مجوز». Here the
/// bracket glyphs (drawn mirrored) trade texts and the closing one gains a LEFT-TO-RIGHT MARK,
/// and the space that logically follows the run gains a RIGHT-TO-LEFT MARK (the invisible marks
/// Persian typists put around such a run), so the reader keeps the run and its spaces in place. What is drawn does not change; the PDF writer marks
/// these glyphs with `/ActualText`.
fn fix_embedded_run(glyphs: &mut [Glyph], start: usize, end: usize) {
    let bracket = |g: &Glyph| matches!(g.text.as_str(), "(" | ")" | "[" | "]" | "{" | "}" | "\u{AB}" | "\u{BB}");
    if end <= start || end > glyphs.len() {
        return;
    }
    let mut first = start;
    if start > 0 && end < glyphs.len() && bracket(&glyphs[start - 1]) && bracket(&glyphs[end]) {
        let opening = std::mem::take(&mut glyphs[end].text);
        let closing = std::mem::replace(&mut glyphs[start - 1].text, opening);
        glyphs[end].text = format!("{closing}\u{200E}");
        first = start - 1;
    }
    if first > 0 && glyphs[first - 1].text == " " {
        glyphs[first - 1].text.push('\u{200F}');
    }
}

/// The text of the cluster starting at byte `start` of `run`: up to the next larger cluster start.
fn cluster_text(run: &str, clusters: &[usize], start: usize) -> String {
    let end = clusters.iter().copied().filter(|&c| c > start).min().unwrap_or(run.len());
    run.get(start..end).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load().unwrap_or_else(|| panic!("built-in font"))
    }

    #[test]
    fn persian_letters_join_into_fewer_distinct_forms_than_isolated() {
        let fonts = fonts();
        let joined = fonts.regular.line("محمد", 12.0, true);
        let isolated = fonts.regular.line("م ح م د", 12.0, true);
        let ids = |line: &Line| line.glyphs.iter().map(|g| g.id).collect::<Vec<_>>();
        // Joined forms differ from the isolated ones; the word's glyphs run right to left.
        assert_ne!(ids(&joined)[0], ids(&isolated)[0]);
        assert_eq!(joined.glyphs.last().map(|g| g.text.as_str()), Some("م"));
        // The lam-alef ligature is one glyph whose text reads left to right.
        let ligature = fonts.regular.line("لا", 12.0, true);
        assert_eq!(ligature.glyphs.iter().map(|g| g.text.as_str()).collect::<String>(), "ال");
    }

    #[test]
    fn brackets_are_mirrored_in_right_to_left_text_and_latin_stays_left_to_right() {
        let fonts = fonts();
        let line = fonts.regular.line("علی (Ali)", 12.0, true);
        let open = fonts.regular.line("(", 12.0, false).glyphs[0].id;
        let close = fonts.regular.line(")", 12.0, false).glyphs[0].id;
        let visual: Vec<&str> = line.glyphs.iter().map(|g| g.text.as_str()).filter(|t| !t.is_empty()).collect();
        // Visually, left to right: the logical ")" drawn mirrored as "(", then "Ali", then "(" drawn
        // as ")"; the bracket glyphs carry the text a reader expects there.
        assert_eq!(&visual[..5], &["(", "A", "l", "i", ")\u{200E}"], "{visual:?}");
        assert_eq!(line.glyphs[0].id, open);
        assert_eq!(line.glyphs[4].id, close);
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_zwnj_words_whole() {
        let fonts = fonts();
        let text = "علی‌رضا محمدی علی‌رضا محمدی علی‌رضا محمدی علی‌رضا محمدی";
        let lines = fonts.regular.wrap(text, 12.0, true, 120.0);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(line.width <= 120.0, "{} is {} wide", line.text, line.width);
            assert!(line.text.split(' ').all(|w| w == "علی‌رضا" || w == "محمدی"), "{}", line.text);
        }
        let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined.join(" "), text);
    }
}

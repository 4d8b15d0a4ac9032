//! Persian text shaped with the built-in Vazirmatn, for printed documents and workflow diagrams
//! alike: bidi (unicode-bidi) cuts a line into directional runs in visual order, rustybuzz shapes
//! each run (joining, lam-alef, brackets mirrored in right-to-left runs), and paragraphs wrap at
//! spaces only, so a word joined by ZWNJ is never split.
//!
//! Making a shaping plan costs more than shaping a word with it, so each font keeps one plan per
//! direction and script.

use std::sync::{Mutex, OnceLock, PoisonError};

use rustybuzz::{Direction, Face, GlyphBuffer, Script, ShapePlan, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

use crate::fonts::{VAZIRMATN_BOLD, VAZIRMATN_REGULAR};

/// The two faces text is set in; both are Vazirmatn, built into the program.
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
    plans: Mutex<Vec<(Direction, Script, ShapePlan)>>,
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

    /// One pair for the whole program, so plans made once serve every later line.
    pub fn shared() -> Option<&'static Self> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS.get_or_init(Self::load).as_ref()
    }

    pub fn get(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// One glyph of a line: its id in the full font, its position from the line's left end in points,
/// its bidi level (odd: right to left), and where its cluster starts in the line's text. The first
/// glyph of a cluster in visual order carries the cluster's text, in logical order; the others
/// carry none.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub x: f32,
    pub y: f32,
    pub level: u8,
    pub cluster: usize,
    pub text: String,
}

/// A line set in one font and size: glyphs left to right, and the line's text in logical order.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub weight: Weight,
    pub size: f32,
    pub rtl: bool,
    pub glyphs: Vec<Glyph>,
    pub width: f32,
}

impl Font {
    pub fn parse(weight: Weight, data: &'static [u8]) -> Option<Self> {
        let face = Face::from_slice(data, 0)?;
        let units_per_em = u16::try_from(face.units_per_em()).ok().filter(|&u| u > 0)?;
        Some(Self { weight, data, face, units_per_em: f32::from(units_per_em), plans: Mutex::new(Vec::new()) })
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

    /// `text` shaped as one run; the direction is `direction` when given, else guessed from the text.
    pub fn shape(&self, text: &str, direction: Option<Direction>) -> GlyphBuffer {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        if let Some(direction) = direction {
            buffer.set_direction(direction);
        }
        buffer.guess_segment_properties();
        let (direction, script) = (buffer.direction(), buffer.script());
        if direction == Direction::Invalid {
            return rustybuzz::shape(&self.face, &[], buffer);
        }
        let mut plans = self.plans.lock().unwrap_or_else(PoisonError::into_inner);
        let index = plans.iter().position(|(d, s, _)| *d == direction && *s == script).unwrap_or_else(|| {
            plans.push((direction, script, ShapePlan::new(&self.face, direction, Some(script), None, &[])));
            plans.len() - 1
        });
        rustybuzz::shape_with_plan(&self.face, &plans[index].2, buffer)
    }

    /// The summed advances of `text` shaped as one run, in font units.
    pub fn units(&self, text: &str) -> f32 {
        let glyphs = self.shape(text, None);
        #[allow(clippy::cast_precision_loss)] // advances of a word are far below f32's exact range
        let units = glyphs.glyph_positions().iter().map(|p| i64::from(p.x_advance)).sum::<i64>() as f32;
        units
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
            for run in runs {
                let level = levels[run.start];
                let start = run.start;
                pen = self.shape_run(&text[run], start, level, scale, pen, &mut glyphs);
            }
        }
        Line { text: text.to_owned(), weight: self.weight, size, rtl, glyphs, width: pen }
    }

    /// Shapes one directional run starting at byte `offset` of the line and appends its glyphs
    /// from `pen`; returns the new pen.
    fn shape_run(&self, run: &str, offset: usize, level: Level, scale: f32, mut pen: f32, out: &mut Vec<Glyph>) -> f32 {
        let direction = if level.is_rtl() { Direction::RightToLeft } else { Direction::LeftToRight };
        let shaped = self.shape(run, Some(direction));
        let infos = shaped.glyph_infos();
        let clusters: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        for (index, (info, position)) in infos.iter().zip(shaped.glyph_positions()).enumerate() {
            let start = clusters[index];
            // The cluster's text goes with its first glyph in visual order.
            let first_of_cluster = index == 0 || clusters[index - 1] != start;
            out.push(Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                x: pen + f32::from(i16::try_from(position.x_offset).unwrap_or(0)) * scale,
                y: f32::from(i16::try_from(position.y_offset).unwrap_or(0)) * scale,
                level: level.number(),
                cluster: offset + start,
                text: if first_of_cluster { cluster_text(run, &clusters, start) } else { String::new() },
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
        let scale = size / self.units_per_em;
        let space = self.units(" ") * scale;
        let mut lines = Vec::new();
        let mut current = String::new();
        let mut current_width = 0.0;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let width = self.units(word) * scale;
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

/// The text of the cluster starting at byte `start` of `run`: up to the next larger cluster start.
fn cluster_text(run: &str, clusters: &[usize], start: usize) -> String {
    let end = clusters.iter().copied().filter(|&c| c > start).min().unwrap_or(run.len());
    run.get(start..end).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::shared().unwrap_or_else(|| panic!("built-in font"))
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
        assert!(joined.glyphs.iter().all(|g| g.level == 1));
        // The lam-alef ligature is one glyph carrying both letters.
        let ligature = fonts.regular.line("لا", 12.0, true);
        assert_eq!(ligature.glyphs.iter().map(|g| g.text.as_str()).collect::<String>(), "لا");
    }

    #[test]
    fn brackets_are_mirrored_in_right_to_left_text_and_latin_stays_left_to_right() {
        let fonts = fonts();
        let line = fonts.regular.line("علی (Ali)", 12.0, true);
        let open = fonts.regular.line("(", 12.0, false).glyphs[0].id;
        let close = fonts.regular.line(")", 12.0, false).glyphs[0].id;
        let visual: Vec<&str> = line.glyphs.iter().map(|g| g.text.as_str()).filter(|t| !t.is_empty()).collect();
        // Visually, left to right: the logical ")" drawn mirrored as "(", then "Ali" (level 2),
        // then "(" drawn as ")".
        assert_eq!(&visual[..5], &[")", "A", "l", "i", "("], "{visual:?}");
        assert_eq!(line.glyphs[0].id, open);
        assert_eq!(line.glyphs[4].id, close);
        assert_eq!(line.glyphs.iter().map(|g| g.level).take(5).collect::<Vec<_>>(), [1, 2, 2, 2, 1]);
        assert_eq!(line.glyphs[1].cluster, "علی (".len());
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

    #[test]
    fn kept_plans_shape_exactly_as_a_fresh_plan() {
        let font = &fonts().regular;
        for word in ["مستندات", "Ali", "۱۲۳۴", "مستندات"] {
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(word);
            let fresh: i32 = rustybuzz::shape(&font.face, &[], buffer).glyph_positions().iter().map(|p| p.x_advance).sum();
            #[allow(clippy::cast_precision_loss)]
            let fresh = fresh as f32;
            assert!((font.units(word) - fresh).abs() < 1e-3, "{word}");
        }
    }
}

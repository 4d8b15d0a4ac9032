//! Measuring and wrapping labels with the built-in Vazirmatn font. Persian letters change shape
//! (and width) with their neighbours, so a word is measured shaped as a whole, never letter by letter.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

use crate::fonts::VAZIRMATN_REGULAR;
use crate::shaping::{Font, Weight};

/// The advance width of a run of text at a font size, in the layout's units (pixels or points).
pub trait TextMeasure {
    fn width(&self, text: &str, size: f32) -> f32;
}

#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum FontError {
    #[error("the built-in font cannot be read")]
    Unreadable,
}

/// Widths of text shaped with Vazirmatn Regular (`crate::shaping`). Shaping happens per word: a
/// space breaks the joining of Persian letters, so a line is as wide as its words plus its spaces.
/// Each word's width is kept, which makes laying out the whole catalogue cheap (labels share words).
pub struct FontMeasure {
    font: Font,
    words: Mutex<HashMap<String, f32>>,
}

impl FontMeasure {
    pub fn vazirmatn() -> Result<Self, FontError> {
        let font = Font::parse(Weight::Regular, VAZIRMATN_REGULAR).ok_or(FontError::Unreadable)?;
        Ok(Self { font, words: Mutex::new(HashMap::new()) })
    }

    /// One measure for the whole program, so the window and the commands share the word widths.
    pub fn shared() -> Result<&'static Self, FontError> {
        static SHARED: LazyLock<Result<FontMeasure, FontError>> = LazyLock::new(FontMeasure::vazirmatn);
        SHARED.as_ref().map_err(Clone::clone)
    }

    /// The advance of `word` (no spaces) in font units, shaped as one run.
    fn word_units(&self, word: &str) -> f32 {
        if let Some(&units) = self.words.lock().unwrap_or_else(PoisonError::into_inner).get(word) {
            return units;
        }
        let units = self.font.units(word);
        self.words.lock().unwrap_or_else(PoisonError::into_inner).insert(word.to_owned(), units);
        units
    }
}

impl TextMeasure for FontMeasure {
    fn width(&self, text: &str, size: f32) -> f32 {
        let words: f32 = text.split(' ').filter(|w| !w.is_empty()).map(|w| self.word_units(w)).sum();
        #[allow(clippy::cast_precision_loss)] // a label has a handful of spaces
        let spaces = text.matches(' ').count() as f32 * self.word_units(" ");
        (words + spaces) * size / self.font.units_per_em()
    }
}

/// Splits `text` into lines no wider than `max_width`, breaking only at spaces. A word wider than
/// `max_width` gets a line of its own rather than being cut: a ZWNJ (U+200C) belongs to its word,
/// so «می‌شود» never splits.
pub fn wrap(text: &str, measure: &dyn TextMeasure, size: f32, max_width: f32) -> Vec<String> {
    let space = measure.width(" ", size);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_width = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let width = measure.width(word, size);
        if current.is_empty() {
            current.push_str(word);
            current_width = width;
        } else if current_width + space + width <= max_width {
            current.push(' ');
            current.push_str(word);
            current_width += space + width;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
            current_width = width;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure() -> FontMeasure {
        FontMeasure::vazirmatn().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn joined_persian_is_measured_shaped_not_letter_by_letter() {
        let m = measure();
        let word = "مستندات";
        let letters: f32 = word.chars().map(|c| m.width(&c.to_string(), 14.0)).sum();
        let shaped = m.width(word, 14.0);
        assert!(shaped > 0.0 && (shaped - letters).abs() > 1.0, "shaped {shaped} vs isolated letters {letters}");
        // Shaping itself is `crate::shaping`'s, which checks its kept plans against fresh ones.
        assert!((shaped - m.font.units(word) * 14.0 / m.font.units_per_em()).abs() < 1e-3);
        // A line is its words plus its spaces, and doubling the size doubles the width.
        let line = m.width("بررسی مستندات", 14.0);
        assert!((line - (m.width("بررسی", 14.0) + m.width(" ", 14.0) + shaped)).abs() < 1e-3);
        assert!((m.width("بررسی مستندات", 28.0) - 2.0 * line).abs() < 1e-3);
    }

    #[test]
    fn wrapping_breaks_at_spaces_only_and_keeps_zwnj_words_whole() {
        let m = measure();
        let text = "بررسی درخواست می\u{200c}شود و نتیجه به متقاضی اعلام می\u{200c}گردد";
        let limit = m.width("بررسی درخواست", 14.0) + 1.0;
        let lines = wrap(text, &m, 14.0, limit);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(!line.starts_with([' ', '\u{200c}']) && !line.ends_with([' ', '\u{200c}']), "{line:?}");
            assert!(m.width(line, 14.0) <= limit || !line.contains(' '), "{line:?} is too wide");
        }
        assert!(lines.iter().any(|l| l.contains("می\u{200c}شود")));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_limit_stays_whole() {
        let m = measure();
        let limit = m.width("کوتاه", 14.0) + 1.0;
        assert_eq!(wrap("کوتاه بسیاربسیاربلند", &m, 14.0, limit), vec!["کوتاه", "بسیاربسیاربلند"]);
        assert_eq!(wrap("", &m, 14.0, limit), vec![String::new()]);
    }
}

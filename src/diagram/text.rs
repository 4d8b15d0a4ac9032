//! Measuring and wrapping labels. The layout only asks for widths; the GUI and the PDF writer
//! supply widths from the shaped Vazirmatn text, tests and statistics use `ApproxMeasure`.

/// The advance width of a run of text at a font size, in the layout's units (pixels or points).
pub trait TextMeasure {
    fn width(&self, text: &str, size: f32) -> f32;
}

/// Average glyph width × visible characters: close enough for Persian in Vazirmatn to test layouts.
#[derive(Debug, Clone, Copy)]
pub struct ApproxMeasure {
    /// Average advance as a fraction of the font size.
    pub em_fraction: f32,
}

impl Default for ApproxMeasure {
    fn default() -> Self {
        Self { em_fraction: 0.5 }
    }
}

impl TextMeasure for ApproxMeasure {
    fn width(&self, text: &str, size: f32) -> f32 {
        // Joiners and combining marks take no advance of their own.
        let visible = text.chars().filter(|c| !is_zero_width(*c)).count();
        #[allow(clippy::cast_precision_loss)] // label lengths are far below f32's exact range
        let count = visible as f32;
        count * self.em_fraction * size
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}' | '\u{064b}'..='\u{065f}' | '\u{0670}')
}

/// Splits `text` into lines no wider than `max_width`, breaking only at spaces. A word wider than
/// `max_width` gets a line of its own rather than being cut: a ZWNJ (U+200C) belongs to its word,
/// so «می‌شود» never splits.
pub fn wrap(text: &str, measure: &dyn TextMeasure, size: f32, max_width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if current.is_empty() {
            current.push_str(word);
            continue;
        }
        let candidate = format!("{current} {word}");
        if measure.width(&candidate, size) <= max_width {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
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

    #[test]
    fn wrapping_breaks_at_spaces_only_and_keeps_zwnj_words_whole() {
        let m = ApproxMeasure { em_fraction: 1.0 };
        let lines = wrap("بررسی درخواست می\u{200c}شود و نتیجه اعلام", &m, 1.0, 14.0);
        assert_eq!(lines, vec!["بررسی درخواست", "می\u{200c}شود و نتیجه", "اعلام"]);
        for line in &lines {
            assert!(!line.starts_with(' ') && !line.ends_with(' '));
        }
        let joined = lines.join(" ");
        assert_eq!(joined, "بررسی درخواست می\u{200c}شود و نتیجه اعلام");
    }

    #[test]
    fn a_word_wider_than_the_limit_stays_whole() {
        let m = ApproxMeasure { em_fraction: 1.0 };
        assert_eq!(wrap("کوتاه بسیاربسیاربلند", &m, 1.0, 6.0), vec!["کوتاه", "بسیاربسیاربلند"]);
        assert_eq!(wrap("", &m, 1.0, 6.0), vec![String::new()]);
    }
}

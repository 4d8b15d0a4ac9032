//! The text each glyph of a line says to a reader, so that `pdftotext` (poppler) and copy-paste
//! give back the words in logical order.
//!
//! Poppler collects a line's characters left to right by position and undoes the bidi with a
//! simple rule for the page's main direction (the majority of strong letters on it): on a
//! right-to-left page it reads from the right, taking spans without Latin letters or digits as
//! right to left (reversed) and spans without Persian letters as left to right; on a
//! left-to-right page the mirror image. Neutral characters (spaces, brackets, punctuation) join
//! whichever span it is reading, and digits always read left to right. So:
//! - a right-to-left cluster says its text reversed (poppler reverses it back; a ligature's
//!   letters included);
//! - in a right-to-left line, the neutral glyph just left of an embedded left-to-right run
//!   («(ماده ۵)», «ملی 0012 مجوز», «(Ali)») gains a RIGHT-TO-LEFT MARK, so the run's reading
//!   stops before it;
//! - in a left-to-right line, the neutral glyph just right of an embedded right-to-left run
//!   gains a LEFT-TO-RIGHT MARK for the same reason; and a right-to-left run holding digits
//!   («شماره ۱۲۳۴» in an English document) is one `/ActualText` span whose text is arranged so
//!   that poppler's rule yields the logical order.
//!
//! The marks are the invisible ones Persian typists put around such runs.

use std::ops::Range;

use unicode_bidi::{BidiClass, bidi_class};

use crate::shaping::Line;

const LRM: char = '\u{200E}';
const RLM: char = '\u{200F}';

/// What a line's glyphs say: one text per glyph (empty for the later glyphs of a cluster), and
/// spans of glyphs that say one `/ActualText` together instead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Said {
    pub glyphs: Vec<String>,
    pub spans: Vec<(Range<usize>, String)>,
}

/// How poppler classes a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Left,
    Right,
    Digit,
    Neutral,
}

fn kind(c: char) -> Kind {
    match bidi_class(c) {
        BidiClass::L => Kind::Left,
        BidiClass::R | BidiClass::AL => Kind::Right,
        BidiClass::EN | BidiClass::AN => Kind::Digit,
        _ => Kind::Neutral,
    }
}

/// +1 for a letter poppler counts as left to right, -1 for one it counts as right to left.
pub fn strength(c: char) -> i64 {
    match kind(c) {
        Kind::Left => 1,
        Kind::Right => -1,
        Kind::Digit | Kind::Neutral => 0,
    }
}

/// Whether a bidi level is right to left.
fn odd(level: u8) -> bool {
    level % 2 == 1
}

fn neutral(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| kind(c) == Kind::Neutral)
}

/// Maximal runs of consecutive glyphs (visual order) whose level satisfies `embedded`.
fn runs(line: &Line, embedded: impl Fn(u8) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < line.glyphs.len() {
        if embedded(line.glyphs[index].level) {
            let start = index;
            while index < line.glyphs.len() && embedded(line.glyphs[index].level) {
                index += 1;
            }
            out.push(start..index);
        } else {
            index += 1;
        }
    }
    out
}

pub fn said(line: &Line) -> Said {
    let mut glyphs: Vec<String> =
        line.glyphs.iter().map(|g| if odd(g.level) { g.text.chars().rev().collect() } else { g.text.clone() }).collect();
    let mut spans = Vec::new();
    if line.rtl {
        for run in runs(line, |level| level >= 2) {
            // The nearest glyph with text on the run's left.
            if let Some(left) = (0..run.start).rev().find(|&i| !line.glyphs[i].text.is_empty())
                && odd(line.glyphs[left].level)
                && neutral(&line.glyphs[left].text)
            {
                glyphs[left].push(RLM);
            }
        }
    } else {
        for run in runs(line, |level| level >= 1) {
            if let Some(right) = (run.end..line.glyphs.len()).find(|&i| !line.glyphs[i].text.is_empty())
                && !odd(line.glyphs[right].level)
                && neutral(&line.glyphs[right].text)
            {
                glyphs[right].insert(0, LRM);
            }
            if line.glyphs[run.clone()].iter().any(|g| g.level >= 2) {
                spans.push((run.clone(), right_to_left_with_digits(line, run)));
            }
        }
    }
    Said { glyphs, spans }
}

/// The `/ActualText` of a right-to-left run holding digits inside a left-to-right line: its
/// pieces in logical order, each right-to-left piece reversed and led by a RIGHT-TO-LEFT MARK
/// (which ends the left-to-right reading before it), each digit piece as it is. Poppler reads the
/// reversed pieces back and keeps the digits, giving the logical text.
fn right_to_left_with_digits(line: &Line, run: Range<usize>) -> String {
    let mut clusters: Vec<(usize, u8, &str)> =
        line.glyphs[run].iter().filter(|g| !g.text.is_empty()).map(|g| (g.cluster, g.level, g.text.as_str())).collect();
    clusters.sort_by_key(|(start, _, _)| *start);
    let mut out = String::new();
    let mut index = 0;
    while index < clusters.len() {
        let rtl = odd(clusters[index].1);
        let end = clusters[index..].iter().position(|c| odd(c.1) != rtl).map_or(clusters.len(), |n| index + n);
        let piece: String = clusters[index..end].iter().map(|c| c.2).collect();
        if rtl {
            out.push(RLM);
            out.extend(piece.chars().rev());
        } else {
            out.push_str(&piece);
        }
        index = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shaping::Fonts;

    /// Poppler's reordering (`reorderText` in `TextOutputDev.cc`), for one line read without gaps.
    fn poppler(visual: &[char], left_to_right: bool) -> String {
        let right = |c: char| kind(c) == Kind::Right;
        let strong_left = |c: char| matches!(kind(c), Kind::Left | Kind::Digit);
        let mut out = String::new();
        if left_to_right {
            let mut i = 0;
            while i < visual.len() {
                let mut j = i;
                while j < visual.len() && !right(visual[j]) {
                    j += 1;
                }
                out.extend(&visual[i..j]);
                i = j;
                while j < visual.len() && !strong_left(visual[j]) {
                    j += 1;
                }
                out.extend(visual[i..j].iter().rev());
                i = j;
            }
        } else {
            let mut i = visual.len();
            while i > 0 {
                let mut j = i;
                while j > 0 && !strong_left(visual[j - 1]) {
                    j -= 1;
                }
                out.extend(visual[j..i].iter().rev());
                i = j;
                while j > 0 && !right(visual[j - 1]) {
                    j -= 1;
                }
                out.extend(&visual[j..i]);
                i = j;
            }
        }
        out.chars().filter(|c| !matches!(c, '\u{200E}' | '\u{200F}')).collect()
    }

    /// The characters a reader sees on the line, left to right.
    fn visual(line: &Line) -> Vec<char> {
        let said = said(line);
        let mut out = Vec::new();
        let mut index = 0;
        while index < line.glyphs.len() {
            if let Some((range, text)) = said.spans.iter().find(|(r, _)| r.start == index) {
                out.extend(text.chars());
                index = range.end;
            } else {
                out.extend(said.glyphs[index].chars());
                index += 1;
            }
        }
        out
    }

    #[test]
    fn poppler_reads_every_mixed_line_back_in_logical_order() {
        let fonts = Fonts::shared().unwrap_or_else(|| panic!("font"));
        let persian = [
            "علی‌رضا محمدی (Ali)",
            "شماره ۱۲۳۴",
            "کد ملی 0012345679",
            "(ماده ۵)",
            "طبق (ماده ۵) قانون",
            "کد 12 34 و 56",
            "به علی‌رضا محمدی (Ali) به کد ملی ۰۰۱۲۳۴۵۶۷۹ مجوز",
        ];
        let english = [
            "Name: علی‌رضا محمدی (Ali)",
            "Number: شماره ۱۲۳۴ issued",
            "ID: کد ملی 0012345679",
            "See (ماده ۵) now",
            "علی‌رضا محمدی (Ali)",
        ];
        for (texts, rtl) in [(&persian[..], true), (&english[..], false)] {
            for text in texts {
                let line = fonts.regular.line(text, 12.0, rtl);
                assert_eq!(poppler(&visual(&line), !rtl), *text, "{:?}", visual(&line));
            }
        }
    }
}

//! Editing one line of text in logical order, with no drawing: the value, the cursor and the
//! selection as byte offsets into the value, always on grapheme boundaries. The input widget is a
//! thin layer that turns keys into these calls and draws the result; here the rules live.
//!
//! Rules: arrows move by grapheme, and which way depends on the line's direction (in a right-to-left
//! line the right arrow goes towards the start of the text); Home and End go to the logical start and
//! end; Backspace removes the one character (code point) before the cursor, so a ZWNJ or a vowel mark
//! typed by mistake goes alone; Delete removes the whole grapheme after it. Text is kept as typed —
//! Persian, Arabic and Latin digits alike; folding and normalising belong to the domain.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::i18n::Language;

/// The base direction of a line: it decides alignment and which way the arrows go. Taken from the
/// interface language, never from the first letter typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Rtl,
    Ltr,
}

impl Direction {
    pub fn of(language: Language) -> Self {
        if language.is_rtl() { Self::Rtl } else { Self::Ltr }
    }

    pub fn is_rtl(self) -> bool {
        self == Self::Rtl
    }
}

/// A cursor movement in logical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Backward,
    Forward,
    WordBackward,
    WordForward,
    Start,
    End,
}

/// An arrow key as pressed; `motion` says where it goes in a line of the given direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    Left,
    Right,
}

impl Arrow {
    pub fn motion(self, direction: Direction, by_word: bool) -> Motion {
        let forward = (self == Arrow::Right) != direction.is_rtl();
        match (forward, by_word) {
            (true, false) => Motion::Forward,
            (false, false) => Motion::Backward,
            (true, true) => Motion::WordForward,
            (false, true) => Motion::WordBackward,
        }
    }
}

/// A line being edited. `head` is the cursor; `anchor` is where a selection began (equal to `head`
/// when nothing is selected).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    anchor: usize,
    head: usize,
}

impl Editor {
    /// The cursor starts at the end, where a clerk continues typing.
    pub fn new(text: &str) -> Self {
        let text = single_line(text);
        let end = text.len();
        Self { text, anchor: end, head: end }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.head
    }

    /// The selected byte range in logical order, if anything is selected.
    pub fn selection(&self) -> Option<Range<usize>> {
        (self.anchor != self.head).then(|| self.anchor.min(self.head)..self.anchor.max(self.head))
    }

    pub fn selected_text(&self) -> Option<&str> {
        self.selection().map(|range| &self.text[range])
    }

    /// Takes a value changed from outside (the screen cleared or rewrote it); the cursor stays where
    /// it was if it still fits, else goes to the end.
    pub fn set_text(&mut self, text: &str) {
        if self.text == text {
            return;
        }
        self.text = single_line(text);
        let end = self.text.len();
        let fit = |at: usize| if at <= end && self.text.is_char_boundary(at) { at } else { end };
        self.head = fit(self.head);
        self.anchor = fit(self.anchor);
    }

    pub fn move_cursor(&mut self, motion: Motion, select: bool) {
        let target = match (motion, self.selection()) {
            // An arrow without Shift collapses a selection to the side it points at.
            (Motion::Backward, Some(range)) if !select => range.start,
            (Motion::Forward, Some(range)) if !select => range.end,
            (Motion::Backward, _) => self.previous_boundary(self.head),
            (Motion::Forward, _) => self.next_boundary(self.head),
            (Motion::WordBackward, _) => self.previous_word_start(self.head),
            (Motion::WordForward, _) => self.next_word_end(self.head),
            (Motion::Start, _) => 0,
            (Motion::End, _) => self.text.len(),
        };
        self.place_cursor(target, select);
    }

    /// Puts the cursor at a byte offset (from a click), on the grapheme boundary at or before it.
    pub fn place_cursor(&mut self, offset: usize, select: bool) {
        let offset = self.boundary_at_or_before(offset.min(self.text.len()));
        self.head = offset;
        if !select {
            self.anchor = offset;
        }
    }

    pub fn select_all(&mut self) {
        self.anchor = 0;
        self.head = self.text.len();
    }

    /// Types or pastes text over the selection. Line breaks and tabs become spaces: this is one line.
    pub fn insert(&mut self, typed: &str) -> bool {
        let typed = single_line(typed);
        if typed.is_empty() && self.selection().is_none() {
            return false;
        }
        let range = self.selection().unwrap_or(self.head..self.head);
        self.text.replace_range(range.clone(), &typed);
        self.collapse(range.start + typed.len());
        true
    }

    /// Removes the selection, or the character before the cursor (with Ctrl, the word before it).
    pub fn backspace(&mut self, by_word: bool) -> bool {
        let range = match self.selection() {
            Some(range) => range,
            None if by_word => self.previous_word_start(self.head)..self.head,
            None => self.text[..self.head].char_indices().next_back().map_or(0, |(at, _)| at)..self.head,
        };
        self.remove(range)
    }

    /// Removes the selection, or the grapheme after the cursor (with Ctrl, up to the end of the word).
    pub fn delete(&mut self, by_word: bool) -> bool {
        let range = match self.selection() {
            Some(range) => range,
            None if by_word => self.head..self.next_word_end(self.head),
            None => self.head..self.next_boundary(self.head),
        };
        self.remove(range)
    }

    /// Removes and returns the selected text.
    pub fn cut(&mut self) -> Option<String> {
        let range = self.selection()?;
        let taken = self.text[range.clone()].to_owned();
        self.remove(range);
        Some(taken)
    }

    fn remove(&mut self, range: Range<usize>) -> bool {
        if range.is_empty() {
            return false;
        }
        self.text.replace_range(range.clone(), "");
        self.collapse(range.start);
        true
    }

    fn collapse(&mut self, at: usize) {
        self.head = at;
        self.anchor = at;
    }

    fn boundaries(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.text.grapheme_indices(true).map(|(at, _)| at).chain(std::iter::once(self.text.len()))
    }

    fn previous_boundary(&self, at: usize) -> usize {
        self.boundaries().rev().find(|&b| b < at).unwrap_or(0)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.boundaries().find(|&b| b > at).unwrap_or(self.text.len())
    }

    fn boundary_at_or_before(&self, at: usize) -> usize {
        self.boundaries().rev().find(|&b| b <= at).unwrap_or(0)
    }

    /// Word segments of the line (UAX #29: a ZWNJ stays inside its word), without the spaces.
    fn words(&self) -> impl DoubleEndedIterator<Item = Range<usize>> + '_ {
        self.text.split_word_bound_indices().filter(|(_, part)| !part.trim().is_empty()).map(|(at, part)| at..at + part.len())
    }

    fn previous_word_start(&self, at: usize) -> usize {
        self.words().rev().map(|w| w.start).find(|&start| start < at).unwrap_or(0)
    }

    fn next_word_end(&self, at: usize) -> usize {
        self.words().map(|w| w.end).find(|&end| end > at).unwrap_or(self.text.len())
    }
}

fn single_line(text: &str) -> String {
    text.chars().filter(|c| *c != '\r').map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZWNJ: char = '\u{200C}';
    const MIXED: &str = "علی\u{200C}رضا 123 Ali";

    fn at_start(text: &str) -> Editor {
        let mut editor = Editor::new(text);
        editor.move_cursor(Motion::Start, false);
        editor
    }

    #[test]
    fn typing_keeps_the_text_as_typed_and_the_cursor_after_it() {
        let mut editor = Editor::default();
        for part in ["علی", "\u{200C}", "رضا", " ", "۱۲۳", " 45 ", "٦", " Ali"] {
            assert!(editor.insert(part));
        }
        assert_eq!(editor.text(), "علی\u{200C}رضا ۱۲۳ 45 ٦ Ali");
        assert_eq!(editor.cursor(), editor.text().len());
    }

    #[test]
    fn backspace_removes_one_character_so_a_zwnj_goes_alone() {
        let mut editor = Editor::new("علی\u{200C}");
        assert!(editor.backspace(false));
        assert_eq!(editor.text(), "علی");
        let mut editor = Editor::new(MIXED);
        editor.backspace(false);
        assert_eq!(editor.text(), "علی\u{200C}رضا 123 Al");
    }

    #[test]
    fn delete_removes_the_grapheme_after_the_cursor() {
        let mut editor = at_start(MIXED);
        assert!(editor.delete(false));
        assert_eq!(editor.text(), "لی\u{200C}رضا 123 Ali");
        assert_eq!(editor.cursor(), 0);
        // The ZWNJ belongs to the grapheme before it (UAX #29), so Delete after «عل» takes «ی‌» together.
        editor.move_cursor(Motion::Forward, false);
        editor.delete(false);
        assert_eq!(editor.text(), "لرضا 123 Ali");
        let mut end = Editor::new(MIXED);
        assert!(!end.delete(false));
    }

    #[test]
    fn arrows_follow_the_direction_of_the_line() {
        assert_eq!(Arrow::Right.motion(Direction::Rtl, false), Motion::Backward);
        assert_eq!(Arrow::Left.motion(Direction::Rtl, false), Motion::Forward);
        assert_eq!(Arrow::Right.motion(Direction::Ltr, false), Motion::Forward);
        assert_eq!(Arrow::Left.motion(Direction::Ltr, true), Motion::WordBackward);
        let mut editor = Editor::new("سلام");
        editor.move_cursor(Arrow::Right.motion(Direction::Rtl, false), false);
        assert_eq!(editor.cursor(), "سلا".len());
        editor.insert("x");
        assert_eq!(editor.text(), "سلاxم");
    }

    #[test]
    fn home_and_end_go_to_the_logical_ends() {
        let mut editor = Editor::new(MIXED);
        editor.move_cursor(Motion::Start, false);
        assert_eq!(editor.cursor(), 0);
        editor.insert("آقای ");
        assert!(editor.text().starts_with("آقای علی"));
        editor.move_cursor(Motion::End, false);
        assert_eq!(editor.cursor(), editor.text().len());
    }

    #[test]
    fn shift_selects_and_typing_replaces_the_selection() {
        let mut editor = Editor::new(MIXED);
        for _ in 0..3 {
            editor.move_cursor(Motion::Backward, true);
        }
        assert_eq!(editor.selected_text(), Some("Ali"));
        editor.insert("علی");
        assert_eq!(editor.text(), "علی\u{200C}رضا 123 علی");
        editor.move_cursor(Motion::Start, true);
        assert_eq!(editor.selection(), Some(0..editor.text().len()));
        // An arrow without Shift collapses the selection to its start.
        editor.move_cursor(Motion::Backward, false);
        assert_eq!((editor.cursor(), editor.selection()), (0, None));
    }

    #[test]
    fn words_keep_the_zwnj_inside() {
        let mut editor = at_start(MIXED);
        editor.move_cursor(Motion::WordForward, false);
        assert_eq!(&editor.text()[..editor.cursor()], "علی\u{200C}رضا");
        editor.move_cursor(Motion::WordForward, false);
        assert_eq!(&editor.text()[..editor.cursor()], "علی\u{200C}رضا 123");
        let mut end = Editor::new(MIXED);
        assert!(end.backspace(true));
        assert_eq!(end.text(), "علی\u{200C}رضا 123 ");
        end.move_cursor(Motion::WordBackward, false);
        assert_eq!(end.cursor(), "علی\u{200C}رضا ".len());
    }

    #[test]
    fn cut_and_paste_keep_the_logical_order() {
        let mut editor = Editor::new(MIXED);
        editor.select_all();
        let cut = editor.cut();
        assert_eq!(cut.as_deref(), Some(MIXED));
        assert_eq!(editor.text(), "");
        editor.insert("نام: ");
        editor.insert(MIXED);
        assert_eq!(editor.text(), format!("نام: {MIXED}"));
        editor.insert("a\nb\tc");
        assert!(editor.text().ends_with("Alia b c"));
    }

    #[test]
    fn clicks_snap_to_graphemes_and_outside_changes_keep_the_cursor_valid() {
        let mut editor = Editor::new("علی\u{200C}رضا");
        // Inside the three bytes of ZWNJ: the cursor goes to the start of «ی‌».
        editor.place_cursor("علی".len() + 1, false);
        assert_eq!(editor.cursor(), "عل".len());
        editor.set_text("ع");
        assert_eq!(editor.cursor(), "ع".len());
        editor.set_text("");
        assert_eq!((editor.cursor(), editor.selection()), (0, None));
        assert!(!editor.backspace(false));
        assert!(!editor.text().contains(ZWNJ));
    }
}

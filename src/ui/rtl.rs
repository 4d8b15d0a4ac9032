//! Direction helpers: the one place where layout follows the language's direction.
//! iced's `row!` does not mirror and Persian text is left-aligned unless told otherwise,
//! and a `text` aligned right inside `width(Fill)` is drawn off its box, so alignment is
//! done by the container around it.

use iced::alignment::Horizontal;
use iced::widget::{Row, container, text};
use iced::{Element, Length};

use crate::i18n::Language;
use crate::ui::widget::{Direction, RtlInput, rtl_input};

/// The side text starts on.
pub fn start(language: Language) -> Horizontal {
    if language.is_rtl() { Horizontal::Right } else { Horizontal::Left }
}

/// A line of text aligned to the reading start, filling the width. It begins with the language's
/// direction mark because the text engine takes a paragraph's direction from its first strong
/// character: «1. عنوان» would otherwise turn an English line right-to-left, and the reverse.
pub fn line<'a, Message: 'a>(language: Language, content: impl AsRef<str>, size: f32) -> Element<'a, Message> {
    let mark = if language.is_rtl() { '\u{200F}' } else { '\u{200E}' };
    container(text(format!("{mark}{}", content.as_ref())).size(size).shaping(text::Shaping::Advanced))
        .width(Length::Fill)
        .align_x(start(language))
        .into()
}

/// A row whose children are given in reading order and laid out right-to-left in Persian.
pub fn row<'a, Message: 'a>(language: Language, mut children: Vec<Element<'a, Message>>) -> Row<'a, Message> {
    if language.is_rtl() {
        children.reverse();
    }
    Row::with_children(children)
}

/// «label: value». The direction mark that `line` puts first keeps the colon on the label's side;
/// a path as the value goes through `ltr` first.
pub fn field(label: &str, value: &str) -> String {
    format!("{label}: {value}")
}

/// The one text field of the window: the project's own input widget (`ui::widget`), which edits
/// right-to-left text correctly and takes its direction from the language, not the first letter.
/// Callers only add `on_input`, `on_submit` and `id`.
pub fn input<'a, Message: Clone + 'a>(language: Language, placeholder: &str, value: &str) -> RtlInput<'a, Message> {
    rtl_input(placeholder, value).direction(Direction::of(language)).padding(8).size(16).width(Length::Fill)
}

/// A piece of text aligned to the reading start without filling the width (for rows of several).
pub fn label<'a, Message: 'a>(language: Language, content: impl AsRef<str>, size: f32) -> Element<'a, Message> {
    let mark = if language.is_rtl() { '\u{200F}' } else { '\u{200E}' };
    text(format!("{mark}{}", content.as_ref())).size(size).shaping(text::Shaping::Advanced).into()
}

/// An error under a field or at the top of a screen, in the danger colour.
pub fn error<'a, Message: 'a>(language: Language, message: &str) -> Element<'a, Message> {
    let mark = if language.is_rtl() { '\u{200F}' } else { '\u{200E}' };
    container(text(format!("{mark}{message}")).size(14).style(text::danger)).width(Length::Fill).align_x(start(language)).into()
}

/// A grouped number (a tracking code) as a text of its own, so it reads left to right in either
/// language: with no strong letter in it the paragraph is left-to-right, whereas inside a Persian
/// line its dash-separated groups would be laid out right-to-left.
pub fn code<'a, Message: 'a>(grouped: String, size: f32) -> Element<'a, Message> {
    text(grouped).size(size).into()
}

/// A path or file name, isolated left to right so a Persian line keeps its slashes and folders in
/// place even when folders have Persian names (marks around it, LRM…LRM, would let «/اسناد/داده»
/// turn right-to-left). Fluent messages take paths as `Arg::Path`, which does the same.
pub fn ltr(content: &str) -> String {
    crate::i18n::ltr_path(content)
}

#[cfg(test)]
mod tests {
    use super::ltr;
    use crate::i18n::{Language, Localizer};
    use crate::store::StoreError;
    use crate::ui::widget::sim::paragraph;

    /// Whether `path` shows intact in the Persian `line` as the window lays it out: its slashes and
    /// folder names left to right in the order they are written, and nothing of the sentence among
    /// them. The path may be shown with invisible marks in it (`ltr`).
    fn path_intact(line: &str, path: &str) -> bool {
        let line = format!("\u{200F}{line}");
        let visible = |c: char| !matches!(c, '\u{200E}' | '\u{2066}' | '\u{2069}');
        // The byte offset in `line` of each of the path's characters.
        let mut offsets = Vec::new();
        let mut chars = line.char_indices().peekable();
        'start: while let Some(&(start, _)) = chars.peek() {
            let mut at = line[start..].char_indices().filter(|(_, c)| visible(*c)).map(|(i, c)| (start + i, c));
            let found: Vec<usize> =
                path.chars().map_while(|want| at.next().filter(|(_, c)| *c == want).map(|(i, _)| i)).collect();
            if found.len() == path.chars().count() {
                offsets = found;
                break 'start;
            }
            chars.next();
        }
        if offsets.is_empty() {
            return false;
        }
        let laid_out = paragraph(&line);
        let glyphs: Vec<(usize, f32, f32)> = laid_out
            .buffer()
            .layout_runs()
            .flat_map(|r| r.glyphs.iter())
            .filter(|g| g.w > 0.0)
            .map(|g| (g.start, g.x, g.w))
            .collect();
        // Pieces in path order: each slash, and each folder name between them, as (left, right).
        let mut pieces: Vec<(f32, f32)> = Vec::new();
        let mut piece: Option<(f32, f32)> = None;
        for (i, c) in path.chars().enumerate() {
            let at = offsets[i];
            let Some(&(_, x, w)) = glyphs.iter().find(|g| g.0 == at) else { continue };
            if c == '/' {
                pieces.extend(piece.take());
                pieces.push((x, x + w));
            } else {
                piece = Some(piece.map_or((x, x + w), |(l, r)| (l.min(x), r.max(x + w))));
            }
        }
        pieces.extend(piece);
        let (first, last) = (offsets[0], offsets[offsets.len() - 1]);
        let (left, right) = (pieces[0].0, pieces[pieces.len() - 1].1);
        let intruder = glyphs.iter().any(|g| !(first..=last).contains(&g.0) && (left..right).contains(&(g.1 + g.2 / 2.0)));
        pieces.windows(2).all(|w| w[0].1 <= w[1].0 + 0.5) && !intruder
    }

    #[test]
    fn a_path_in_a_persian_message_keeps_its_slashes_and_folders_in_place() {
        let window = Localizer::new(Language::Persian, true);
        let terminal = Localizer::new(Language::Persian, false);
        for path in ["/home/zahra/data/bakhshyar.redb", "/اسناد/داده/bakhshyar.redb", "/home/zahra/اسناد/داده/data"]
        {
            let errors = [
                StoreError::NotBakhshyar(path.into()),
                StoreError::Io { path: path.into(), detail: "Permission denied (os error 13)".into() },
            ];
            for error in &errors {
                let shown = window.store_error(error);
                assert!(path_intact(&shown, path), "{shown:?}");
            }
            // Without isolates the bidi algorithm moves the leading slash or turns the path around.
            assert!(!path_intact(&terminal.store_error(&errors[0]), path), "{path}");
            assert!(path_intact(&format!("پوشه داده: {}", ltr(path)), path), "{path}");
        }
    }
}

#[cfg(test)]
mod date_layout {
    use chrono::TimeZone;

    use crate::i18n::{Language, Localizer};

    /// Where the text engine puts the glyph that starts at each byte of `parts` in `line`.
    fn xs(line: &str, parts: &[&str]) -> Vec<f32> {
        let paragraph = crate::ui::widget::sim::paragraph(line);
        let glyphs: Vec<(usize, f32)> =
            paragraph.buffer().layout_runs().flat_map(|run| run.glyphs.iter()).map(|g| (g.start, g.x)).collect();
        let mut from = 0;
        parts
            .iter()
            .map(|part| {
                let start = from + line[from..].find(part).unwrap_or_else(|| panic!("{part} not in {line}"));
                from = start + part.len();
                glyphs.iter().find(|(s, _)| *s == start).map_or_else(|| panic!("no glyph at {start}"), |g| g.1)
            })
            .collect()
    }

    /// A Persian case line with its date and time, laid out as the window lays it out: read from
    /// the right, the label, then day, month, year, «ساعت» and the time, whose hour is left of its
    /// minutes (digits run left to right). English runs the same parts from the left.
    #[test]
    fn a_date_and_time_lay_out_date_first_in_either_direction() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).single().unwrap_or_else(|| panic!("instant"));
        let fa = Localizer::new(Language::Persian, true);
        let line = format!("\u{200F}{}", super::field(&fa.text("gui-case-opened", &[]), &fa.when(at)));
        let x = xs(&line, &[&fa.text("gui-case-opened", &[]), "۲", "آذر", "۱۴۰۵", "ساعت", "۱۴", "۳۰"]);
        assert!(x[..6].windows(2).all(|w| w[0] > w[1]), "not right to left: {x:?} in {line}");
        assert!(x[5] < x[6], "minutes before the hour: {x:?}");
        let en = Localizer::new(Language::English, true);
        let line = format!("\u{200E}{}", super::field(&en.text("gui-case-opened", &[]), &en.when(at)));
        let x = xs(&line, &["Opened", "2", "Azar", "1405", "14", "30"]);
        assert!(x.windows(2).all(|w| w[0] < w[1]), "not left to right: {x:?} in {line}");
    }
}

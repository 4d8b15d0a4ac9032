//! Direction helpers: the one place where layout follows the language's direction.
//! iced's `row!` does not mirror and Persian text is left-aligned unless told otherwise,
//! and a `text` aligned right inside `width(Fill)` is drawn off its box, so alignment is
//! done by the container around it. Every text here goes through `paragraph`: wrapped by word,
//! a word longer than the line (a path) broken where it must be, and kept inside its box
//! (`widget::fit`: the text engine sometimes fills a right-to-left line past the width it wraps in).

use iced::alignment::Horizontal;
use iced::widget::{Row, container, text};
use iced::{Element, Length};

use crate::i18n::Language;
use crate::ui::widget::{Direction, RtlInput, fit, rtl_input};

/// The side text starts on.
pub fn start(language: Language) -> Horizontal {
    if language.is_rtl() { Horizontal::Right } else { Horizontal::Left }
}

/// A line of text aligned to the reading start, filling the width. It begins with the language's
/// direction mark because the text engine takes a paragraph's direction from its first strong
/// character: «1. عنوان» would otherwise turn an English line right-to-left, and the reverse.
pub fn line<'a, Message: 'a>(language: Language, content: impl AsRef<str>, size: f32) -> Element<'a, Message> {
    container(paragraph(language, content.as_ref(), size, text::default)).width(Length::Fill).align_x(start(language)).into()
}

/// A text starting with the language's direction mark, wrapped and kept inside its box.
fn paragraph<'a, Message: 'a>(
    language: Language,
    content: &str,
    size: f32,
    style: fn(&iced::Theme) -> text::Style,
) -> Element<'a, Message> {
    let mark = if language.is_rtl() { '\u{200F}' } else { '\u{200E}' };
    let shown = text(format!("{mark}{}", breakable_before_isolates(language, content)))
        .size(size)
        .shaping(text::Shaping::Advanced)
        .wrapping(text::Wrapping::WordOrGlyph)
        .style(style);
    fit(shown).into()
}

/// The text engine does not break a line at a space followed by an isolate (how `Arg::Path` puts a
/// file name in a sentence: FSI LRI … PDI PDI), so «… open or print FSI file.pdf PDI from its
/// folder» ran 257 pixels past its panel; in a left-to-right line, with the space inside a
/// left-to-right isolate (a path), it breaks there. In a Persian line the space cannot move (it
/// would be drawn on the far side of the name), and the engine breaks nowhere before a
/// left-to-right run that does not fit the rest of the line — not at the Persian words' spaces, nor
/// at a zero-width space (tried) — so «… پیدا نشد؛ FSI LRI 1234050000063-1405-000002-1.pdf PDI PDI
/// را …» ran up to 219 pixels past at every width from 240 to 448. There the path starts a line of
/// its own, the line break taking the space's place.
fn breakable_before_isolates(language: Language, content: &str) -> std::borrow::Cow<'_, str> {
    const OPENERS: [char; 3] = ['\u{2066}', '\u{2067}', '\u{2068}'];
    if !content.contains('\u{2066}') {
        return content.into();
    }
    let mut out = String::with_capacity(content.len() + 4);
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        let mut openers = String::new();
        if c == ' ' {
            while let Some(opener) = chars.next_if(|next| OPENERS.contains(next)) {
                openers.push(opener);
            }
        }
        if !openers.contains('\u{2066}') {
            out.push(c);
            out.push_str(&openers);
        } else if language.is_rtl() {
            // The new line is a paragraph of its own to the engine: its direction mark again.
            out.push_str("\n\u{200F}");
            out.push_str(&openers);
        } else {
            out.push_str(&openers);
            out.push(c);
        }
    }
    out.into()
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
    paragraph(language, content.as_ref(), size, text::default)
}

/// An error under a field or at the top of a screen, in the danger colour.
pub fn error<'a, Message: 'a>(language: Language, message: &str) -> Element<'a, Message> {
    container(paragraph(language, message, 14.0, text::danger)).width(Length::Fill).align_x(start(language)).into()
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
    use crate::i18n::{Arg, Language, Localizer};
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
            // The migration banner: the copy's path starts a line of its own (`breakable_before_isolates`).
            let copy = format!("{path}.before-migration-v8");
            let banner = window.text("store-migrated", &[("from", Arg::Number(8)), ("copy", Arg::Path(&copy))]);
            let shown = super::breakable_before_isolates(Language::Persian, &banner);
            // The text engine lays out each line of its own apart; the path's is the last.
            let (_, path_line) = shown.rsplit_once('\n').unwrap_or_else(|| panic!("{shown:?}"));
            assert!(path_intact(path_line, &copy), "{shown:?}");
            // Without isolates the bidi algorithm moves the leading slash or turns the path around.
            assert!(!path_intact(&terminal.store_error(&errors[0]), path), "{path}");
            assert!(path_intact(&format!("پوشه داده: {}", ltr(path)), path), "{path}");
        }
    }

    /// A long Persian line (a checklist item breaking after a number), in a panel of each width
    /// from narrow to wide, in either language, beside a checkbox and on its own, and an English
    /// error and a Persian one naming a file: nothing is drawn past the panel's right edge. Without
    /// `fit` 12 of the 160 lines were overrun, by up to 41 pixels; without
    /// `breakable_before_isolates` 35 of the 40 English errors, by up to 257 pixels, and 27 of the
    /// 40 Persian ones, by up to 219.
    #[test]
    fn wrapped_lines_stay_inside_their_panel() {
        use crate::ui::widget::sim::Harness;
        use iced::widget::{container, row, space};
        let item = "ارائه‌ی فرم تکمیل شده با امضای اصل مؤسسین در ۹ نسخه به گونه‌ای که تعداد مؤسسین از ۷ نفر کمتر نباشد";
        let english = Localizer::new(Language::English, true);
        // A right-to-left isolate keeps its space outside, where it is drawn between the words.
        let step = english.text("gui-case-advance", &[("step", Arg::Text("پایان"))]);
        assert!(super::breakable_before_isolates(Language::English, &step).contains(" \u{2068}پایان"), "{step:?}");
        let no_viewer = english.text("gui-print-error-no-viewer", &[("file", Arg::Path("1234050000063-1405-000002-1.pdf"))]);
        let persian = Localizer::new(Language::Persian, true);
        let long_path = "1234050000063-1405-000002-1.pdf";
        let no_viewer_fa = persian.text("gui-print-error-no-viewer", &[("file", Arg::Path(long_path))]);
        let mut over = Vec::new();
        for language in Language::ALL {
            for width in (240..560).step_by(8) {
                #[allow(clippy::cast_precision_loss)]
                let width = width as f32;
                let check = crate::ui::widget::checkbox(false, None::<fn(bool)>);
                let checklist = super::row(language, vec![check, super::label(Language::Persian, item, 14.0)]).spacing(6);
                let mut items: Vec<(&str, iced::Element<'_, ()>)> = vec![
                    ("checklist", container(checklist).width(iced::Length::Fill).align_x(super::start(language)).into()),
                    ("line", super::line(language, item, 14.0)),
                ];
                items.push(("error", super::error(language, if language.is_rtl() { &no_viewer_fa } else { &no_viewer })));
                for (name, shown) in items {
                    let window = row![container(shown).width(width), space::horizontal()];
                    let inked = Harness::<()>::sized(window, iced::Size::new(700.0, 300.0)).inked_columns();
                    #[allow(clippy::cast_precision_loss)]
                    let right = inked.iter().rposition(|&i| i).map_or(0.0, |x| x as f32);
                    // A pixel of anti-aliasing at the edge is not running off.
                    if right > width {
                        over.push((language, name, width, right));
                    }
                }
            }
        }
        assert!(over.is_empty(), "drawn past the panel: {over:?}");
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

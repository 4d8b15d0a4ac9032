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

/// «label: value». No bidi isolates: iced's text engine mishandles them, and the direction mark
/// that `line` puts first already keeps the colon on the label's side.
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

/// A path or file name: left-to-right text, marked so a Persian line keeps its leading slash in place.
pub fn ltr(content: &str) -> String {
    format!("\u{200E}{content}\u{200E}")
}

//! The window's buttons and checkboxes: iced's, drawn and clicked as usual, inside [`Focus`] so the
//! keyboard reaches them. Used like `iced::widget::button` (same builder, same `button::primary`
//! styles), so a screen only imports this instead.

use iced::widget::Id;
use iced::{Element, Length, Padding, Theme};

pub use iced::widget::button::{Status, Style, danger, primary, secondary, success, text};

use super::focus::Focus;

/// A button with `content`, disabled until it is given a message to send.
pub fn button<'a, Message: Clone + 'a>(content: impl Into<Element<'a, Message>>) -> Button<'a, Message> {
    Button { inner: iced::widget::button(content), on_press: None, id: None }
}

pub struct Button<'a, Message> {
    inner: iced::widget::Button<'a, Message>,
    on_press: Option<Message>,
    id: Option<Id>,
}

impl<'a, Message: Clone + 'a> Button<'a, Message> {
    /// The message sent by a click, Enter or Space.
    #[must_use]
    pub fn on_press(self, message: Message) -> Self {
        self.on_press_maybe(Some(message))
    }

    #[must_use]
    pub fn on_press_maybe(mut self, message: Option<Message>) -> Self {
        self.on_press = message;
        self
    }

    #[must_use]
    pub fn style(mut self, style: impl Fn(&Theme, Status) -> Style + 'a) -> Self {
        self.inner = self.inner.style(style);
        self
    }

    #[must_use]
    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.inner = self.inner.width(width);
        self
    }

    #[must_use]
    pub fn padding(mut self, padding: impl Into<Padding>) -> Self {
        self.inner = self.inner.padding(padding);
        self
    }

    /// For focus operations and tests.
    #[must_use]
    pub fn id(mut self, id: impl Into<Id>) -> Self {
        self.id = Some(id.into());
        self
    }
}

impl<'a, Message: Clone + 'a> From<Button<'a, Message>> for Element<'a, Message> {
    fn from(button: Button<'a, Message>) -> Self {
        let inner = button.inner.on_press_maybe(button.on_press.clone());
        Focus::new(inner, button.on_press).id(button.id).into()
    }
}

/// A checkbox without a label (screens put the label beside it in reading order); without
/// `on_toggle` it is read-only.
pub fn checkbox<'a, Message: Clone + 'a>(
    checked: bool,
    on_toggle: Option<impl Fn(bool) -> Message + 'a>,
) -> Element<'a, Message> {
    let toggled = on_toggle.as_ref().map(|f| f(!checked));
    Focus::new(iced::widget::checkbox(checked).on_toggle_maybe(on_toggle), toggled).into()
}

/// A radio button without a label (the screen puts the label beside it); Enter or Space chooses it.
pub fn radio<'a, V: Copy + Eq + 'a, Message: Clone + 'a>(
    value: V,
    selected: Option<V>,
    on_click: impl Fn(V) -> Message + 'a,
) -> Element<'a, Message> {
    let choose = on_click(value);
    Focus::new(iced::widget::radio("", value, selected, on_click).size(16), Some(choose)).into()
}

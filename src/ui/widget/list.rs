//! A list of rows that is one stop on the Tab path, the way desktop lists are: inside it Up/Down
//! move between rows, Home/End go to the first and last, PageUp/PageDown a screenful, and Enter or
//! Space opens the row. Without it Tab walked every row (the catalogue's ~330 services). The mouse
//! goes to the rows, which are iced's buttons, as before.

use iced_core::keyboard::{self, Key, key::Named};
use iced_core::layout::{self, Layout};
use iced_core::renderer;
use iced_core::widget::operation::{Focusable, Operation};
use iced_core::widget::tree::{self, Tree};
use iced_core::widget::{Id, Widget};
use iced_core::{Clipboard, Element, Event, Length, Padding, Rectangle, Shell, Size, mouse};

use super::activates;
use super::focus::draw_ring;

type Renderer = iced::Renderer;
type Theme = iced::Theme;

/// One row: what it shows, clickable, and the message it sends when clicked or opened with Enter.
pub struct Row<'a, Message> {
    button: iced::widget::Button<'a, Message>,
    message: Message,
}

/// A row showing `content` that sends `message`.
pub fn row<'a, Message: Clone + 'a>(
    content: impl Into<Element<'a, Message, Theme, Renderer>>,
    message: Message,
) -> Row<'a, Message> {
    Row { button: iced::widget::button(content).on_press(message.clone()), message }
}

impl<'a, Message: Clone + 'a> Row<'a, Message> {
    #[must_use]
    pub fn style(mut self, style: impl Fn(&Theme, iced::widget::button::Status) -> iced::widget::button::Style + 'a) -> Self {
        self.button = self.button.style(style);
        self
    }

    #[must_use]
    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.button = self.button.width(width);
        self
    }

    #[must_use]
    pub fn padding(mut self, padding: impl Into<Padding>) -> Self {
        self.button = self.button.padding(padding);
        self
    }
}

/// The rows, keyed (a row re-used for other text keeps its old paragraph direction in iced), one
/// under another `spacing` apart.
pub fn list<'a, K: Copy + PartialEq + 'static, Message: Clone + 'a>(
    rows: impl IntoIterator<Item = (K, Row<'a, Message>)>,
    spacing: f32,
) -> List<'a, Message> {
    let mut activations = Vec::new();
    let rows = rows.into_iter().map(|(key, row)| {
        activations.push(row.message);
        (key, Element::from(row.button))
    });
    let content = iced::widget::keyed_column(rows.collect::<Vec<_>>()).spacing(spacing).into();
    List { content, activations, id: None }
}

pub struct List<'a, Message> {
    /// A column whose children are the rows.
    content: Element<'a, Message, Theme, Renderer>,
    activations: Vec<Message>,
    id: Option<Id>,
}

impl<Message> List<'_, Message> {
    /// For focus operations and tests.
    #[must_use]
    pub fn id(mut self, id: impl Into<Id>) -> Self {
        self.id = Some(id.into());
        self
    }
}

/// Whether the list has the keyboard focus, and its current row (kept while the focus is away, so
/// Tab comes back to the same row).
#[derive(Debug, Default)]
pub struct State {
    focused: bool,
    current: usize,
}

impl State {
    /// The current row of a list of `rows`: the list may have shrunk since it was chosen.
    fn current(&self, rows: usize) -> usize {
        self.current.min(rows.saturating_sub(1))
    }
}

impl Focusable for State {
    fn is_focused(&self) -> bool {
        self.focused
    }

    fn focus(&mut self) {
        self.focused = true;
    }

    fn unfocus(&mut self) {
        self.focused = false;
    }
}

/// Whether `key` moves a list's current row (what `moved` knows).
pub(crate) fn moves_the_current_row(key: &Key) -> bool {
    moved(key, 0, 1, 1).is_some()
}

/// The row a key moves to from `current` in a list of `rows`, `page` rows a screenful; `None`: the
/// key is not the list's.
fn moved(key: &Key, current: usize, rows: usize, page: usize) -> Option<usize> {
    let last = rows.saturating_sub(1);
    let to = match key.as_ref() {
        Key::Named(Named::ArrowDown) => current + 1,
        Key::Named(Named::ArrowUp) => current.saturating_sub(1),
        Key::Named(Named::Home) => 0,
        Key::Named(Named::End) => last,
        Key::Named(Named::PageDown) => current + page,
        Key::Named(Named::PageUp) => current.saturating_sub(page),
        _ => return None,
    };
    Some(to.min(last))
}

impl<Message: Clone> Widget<Message, Theme, Renderer> for List<'_, Message> {
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn layout(&mut self, tree: &mut Tree, renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
        self.content.as_widget_mut().layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &Renderer, operation: &mut dyn Operation) {
        let state = tree.state.downcast_mut::<State>();
        // An empty list is no stop on the Tab path.
        if let Some(row) = layout.children().nth(state.current(self.activations.len())) {
            operation.focusable(self.id.as_ref(), layout.bounds(), state);
            // The current row, for scrolling it into view (`widget::FocusScope`).
            operation.custom(self.id.as_ref(), row.bounds(), state);
        }
        self.content.as_widget_mut().operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_mut::<State>();
        let rows = self.activations.len();
        match event {
            Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. })
                if state.focused && rows > 0 && !modifiers.command() && !modifiers.alt() =>
            {
                let current = state.current(rows);
                if activates(key) {
                    shell.publish(self.activations[current].clone());
                    shell.capture_event();
                    return;
                }
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
                let page = (viewport.height / (layout.bounds().height / rows as f32)).floor().max(2.0) as usize - 1;
                if let Some(to) = moved(key, current, rows, page) {
                    state.current = to;
                    shell.request_redraw();
                    shell.capture_event();
                    return;
                }
            }
            // A click makes the row clicked the current one; the ring is for the keyboard and goes.
            Event::Mouse(mouse::Event::ButtonPressed(_)) => {
                if let Some(clicked) = layout.children().position(|row| cursor.is_over(row.bounds())) {
                    state.current = clicked;
                }
                if state.focused {
                    state.focused = false;
                    shell.request_redraw();
                }
            }
            _ => {}
        }
        self.content.as_widget_mut().update(&mut tree.children[0], event, layout, cursor, renderer, clipboard, shell, viewport);
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(&tree.children[0], renderer, theme, style, layout, cursor, viewport);
        let state = tree.state.downcast_ref::<State>();
        if let Some(row) = layout.children().nth(state.current(self.activations.len())).filter(|_| state.focused) {
            draw_ring(renderer, theme, row.bounds());
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(&tree.children[0], layout, cursor, viewport, renderer)
    }
}

impl<'a, Message: Clone + 'a> From<List<'a, Message>> for Element<'a, Message, Theme, Renderer> {
    fn from(list: List<'a, Message>) -> Self {
        Element::new(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_between_rows_and_stop_at_the_ends() {
        let key = |named| Key::Named(named);
        assert_eq!(moved(&key(Named::ArrowDown), 0, 5, 3), Some(1));
        assert_eq!(moved(&key(Named::ArrowDown), 4, 5, 3), Some(4));
        assert_eq!(moved(&key(Named::ArrowUp), 0, 5, 3), Some(0));
        assert_eq!(moved(&key(Named::End), 1, 5, 3), Some(4));
        assert_eq!(moved(&key(Named::Home), 3, 5, 3), Some(0));
        assert_eq!(moved(&key(Named::PageDown), 1, 5, 3), Some(4));
        assert_eq!(moved(&key(Named::PageUp), 4, 5, 3), Some(1));
        assert_eq!(moved(&key(Named::Tab), 1, 5, 3), None);
    }
}

//! A control the keyboard can reach: wraps a button or a checkbox, takes the focus from Tab
//! (`FocusScope`, in reading order), draws a ring while it has it, and sends its message on
//! Enter or Space. The mouse still goes to the control inside, which draws itself as usual.

use iced_core::keyboard::{self, Key, key::Named};
use iced_core::layout::{self, Layout};
use iced_core::renderer::{self, Quad, Renderer as _};
use iced_core::widget::operation::{Focusable, Operation};
use iced_core::widget::tree::{self, Tree};
use iced_core::widget::{Id, Widget};
use iced_core::{Border, Clipboard, Element, Event, Length, Rectangle, Shell, Size, mouse};

type Renderer = iced::Renderer;
type Theme = iced::Theme;

/// How far the ring reaches outside the control, and its width. Mostly inside, so that a control
/// filling a scrollable's width (whose sides are clipped) still shows most of it.
const RING_OUTSIDE: f32 = 1.0;
const RING_WIDTH: f32 = 3.0;

pub struct Focus<'a, Message> {
    content: Element<'a, Message, Theme, Renderer>,
    on_activate: Option<Message>,
    id: Option<Id>,
}

impl<'a, Message> Focus<'a, Message> {
    /// `content` drawn and clicked as it is; `on_activate` sent by Enter or Space while focused
    /// (none: the control is disabled, it can still be reached).
    pub fn new(content: impl Into<Element<'a, Message, Theme, Renderer>>, on_activate: Option<Message>) -> Self {
        Self { content: content.into(), on_activate, id: None }
    }

    #[must_use]
    pub fn id(mut self, id: Option<Id>) -> Self {
        self.id = id;
        self
    }
}

/// Whether the control has the keyboard focus.
#[derive(Debug, Default)]
pub struct State {
    focused: bool,
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

/// Enter or Space: what presses the focused control (a button, a list's row, the drawing's buttons).
pub(crate) fn activates(key: &Key) -> bool {
    matches!(key.as_ref(), Key::Named(Named::Enter | Named::Space) | Key::Character(" "))
}

impl<Message: Clone> Widget<Message, Theme, Renderer> for Focus<'_, Message> {
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
        operation.focusable(self.id.as_ref(), layout.bounds(), tree.state.downcast_mut::<State>());
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
        match event {
            Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. })
                if state.focused && activates(key) && !modifiers.command() && !modifiers.alt() =>
            {
                if let Some(message) = self.on_activate.clone() {
                    shell.publish(message);
                }
                shell.capture_event();
                return;
            }
            // The ring is for the keyboard: a click anywhere takes it away, as a click in a text field
            // does there.
            Event::Mouse(mouse::Event::ButtonPressed(_)) if state.focused => {
                state.focused = false;
                shell.request_redraw();
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
        if tree.state.downcast_ref::<State>().focused {
            draw_ring(renderer, theme, layout.bounds());
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

/// The focus ring around `bounds`: a strong outer band and a thin light one inside it, so the ring
/// shows on a filled button of the same colour as well as on the page.
pub(crate) fn draw_ring(renderer: &mut Renderer, theme: &Theme, bounds: Rectangle) {
    let palette = theme.extended_palette();
    let ring = bounds.expand(RING_OUTSIDE);
    let border =
        |color, width, bounds: Rectangle| Quad { bounds, border: Border { color, width, radius: 4.0.into() }, ..Quad::default() };
    renderer.fill_quad(border(palette.primary.strong.color, RING_WIDTH, ring), iced::Color::TRANSPARENT);
    let inner = ring.shrink(RING_WIDTH);
    renderer.fill_quad(border(palette.background.base.color, 1.0, inner), iced::Color::TRANSPARENT);
}

impl<'a, Message: Clone + 'a> From<Focus<'a, Message>> for Element<'a, Message, Theme, Renderer> {
    fn from(focus: Focus<'a, Message>) -> Self {
        Element::new(focus)
    }
}

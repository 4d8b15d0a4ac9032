//! The window's Tab, inside the widget tree: the whole view sits in one scope that moves the
//! keyboard focus the moment Tab arrives (`ui::keys` decides the order), so letters typed right
//! after Tab — in the same frame, as a quick typist's are — go to the control Tab reached, not to
//! the one it left. A `Task` moves the focus only after the frame's other keys have been handled.
//! Likewise the row a list's arrow keys reach is scrolled into view at once.

use iced_core::keyboard::{self, Key, key::Named};
use iced_core::layout::{self, Layout};
use iced_core::widget::Widget;
use iced_core::widget::operation::{Operation, Outcome};
use iced_core::widget::tree::Tree;
use iced_core::{Clipboard, Element, Event, Length, Rectangle, Shell, Size, Vector, mouse, overlay, renderer};

use crate::ui::keys;

type Renderer = iced::Renderer;
type Theme = iced::Theme;

pub struct FocusScope<'a, Message> {
    content: Element<'a, Message, Theme, Renderer>,
    rtl: bool,
}

impl<'a, Message> FocusScope<'a, Message> {
    /// `rtl`: the reading order runs right to left (Persian).
    pub fn new(content: impl Into<Element<'a, Message, Theme, Renderer>>, rtl: bool) -> Self {
        Self { content: content.into(), rtl }
    }

    /// Runs `operation` and whatever it chains to on the content, as the runtime would.
    fn run(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &Renderer, operation: Box<dyn Operation>) {
        let mut current = operation;
        loop {
            self.content.as_widget_mut().operate(tree, layout, renderer, current.as_mut());
            match current.finish() {
                Outcome::Chain(next) => current = next,
                Outcome::None | Outcome::Some(()) => break,
            }
        }
    }
}

impl<Message> Widget<Message, Theme, Renderer> for FocusScope<'_, Message> {
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn children(&self) -> Vec<Tree> {
        self.content.as_widget().children()
    }

    fn diff(&self, tree: &mut Tree) {
        self.content.as_widget().diff(tree);
    }

    fn tag(&self) -> iced_core::widget::tree::Tag {
        self.content.as_widget().tag()
    }

    fn state(&self) -> iced_core::widget::tree::State {
        self.content.as_widget().state()
    }

    fn layout(&mut self, tree: &mut Tree, renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
        self.content.as_widget_mut().layout(tree, renderer, limits)
    }

    fn operate(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &Renderer, operation: &mut dyn Operation) {
        self.content.as_widget_mut().operate(tree, layout, renderer, operation);
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
        self.content.as_widget_mut().update(tree, event, layout, cursor, renderer, clipboard, shell, viewport);
        let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else { return };
        if shell.is_event_captured() {
            // A list took the arrow and moved its current row.
            if super::list::moves_the_current_row(key) {
                self.run(tree, layout, renderer, Box::new(keys::reveal()));
                shell.request_redraw();
            }
            return;
        }
        if matches!(key, Key::Named(Named::Tab)) && !modifiers.command() && !modifiers.alt() {
            self.run(tree, layout, renderer, Box::new(keys::focus_step(!modifiers.shift(), self.rtl)));
            shell.capture_event();
            shell.request_redraw();
        }
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
        self.content.as_widget().draw(tree, renderer, theme, style, layout, cursor, viewport);
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(tree, layout, cursor, viewport, renderer)
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(tree, layout, renderer, viewport, translation)
    }
}

impl<'a, Message: 'a> From<FocusScope<'a, Message>> for Element<'a, Message, Theme, Renderer> {
    fn from(scope: FocusScope<'a, Message>) -> Self {
        Element::new(scope)
    }
}

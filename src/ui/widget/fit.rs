//! A wrapped text kept inside the width it is given.
//!
//! cosmic-text (iced 0.14's text engine) sometimes fills a wrapped line past the width it wraps
//! in: measured, a Persian line breaking just after a number («… از ۷ | نفر …») came out 522 wide
//! in a 500 box. iced then lays every right-to-left paragraph out again at the widest line's width
//! and draws it from the box's left edge, so those 22 pixels run off the panel's right edge — in
//! either language, at the widths where a break falls there. `Fit` lays the text out again in a narrower box until what
//! it needs fits the box it has.

use iced_core::layout::{self, Layout};
use iced_core::renderer;
use iced_core::widget::operation::Operation;
use iced_core::widget::tree::{self, Tree};
use iced_core::widget::{Widget, text};
use iced_core::{Clipboard, Element, Event, Length, Rectangle, Shell, Size, mouse};
use iced_graphics::text::Paragraph;

type Renderer = iced::Renderer;
type Theme = iced::Theme;

/// Enough for the few pixels a line runs over; a text that still does not fit is left as it is.
const ATTEMPTS: usize = 4;

pub struct Fit<'a, Message> {
    content: Element<'a, Message, Theme, Renderer>,
}

/// `content` (an iced `text`) laid out so that none of its lines is wider than its box.
pub fn fit<'a, Message>(content: impl Into<Element<'a, Message, Theme, Renderer>>) -> Fit<'a, Message> {
    Fit { content: content.into() }
}

/// The width the text's longest line needs, if `tree` is a text's.
fn needed_width(tree: &Tree) -> Option<f32> {
    (tree.tag == tree::Tag::of::<text::State<Paragraph>>())
        .then(|| tree.state.downcast_ref::<text::State<Paragraph>>().min_bounds().width)
}

impl<Message> Widget<Message, Theme, Renderer> for Fit<'_, Message> {
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn layout(&mut self, tree: &mut Tree, renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
        let text = &mut tree.children[0];
        let mut node = self.content.as_widget_mut().layout(text, renderer, limits);
        let mut max = limits.max();
        for _ in 0..ATTEMPTS {
            let Some(needed) = needed_width(text) else { break };
            if needed <= max.width + 0.5 || max.width <= 1.0 {
                break;
            }
            max.width = (max.width - (needed - max.width).max(1.0)).max(1.0);
            let min = Size::new(limits.min().width.min(max.width), limits.min().height);
            node = self.content.as_widget_mut().layout(text, renderer, &layout::Limits::new(min, max));
        }
        node
    }

    fn operate(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &Renderer, operation: &mut dyn Operation) {
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

impl<'a, Message: 'a> From<Fit<'a, Message>> for Element<'a, Message, Theme, Renderer> {
    fn from(fit: Fit<'a, Message>) -> Self {
        Element::new(fit)
    }
}

//! A wrapped text kept inside the width it is given.
//!
//! cosmic-text (iced 0.14's text engine) sometimes fills a wrapped line past the width it wraps
//! in: measured, a Persian line breaking just after a number («… از ۷ | نفر …») came out 522 wide
//! in a 500 box, and an English sentence with a file name isolated in it (FSI…PDI) came out 586 wide in
//! a 525 box. iced draws the text from its box's left edge as wide as the engine made it, so the
//! overrun runs off the panel's right edge — in either language, at the widths where a break falls
//! there. `Fit` lays the text out again in a narrower box until its glyphs fit the width it was
//! given, and makes its box that wide. The second case it cannot mend: that line stays long until
//! the box is far narrower, and such a text is left as it was rather than squeezed.

use iced_core::layout::{self, Layout};
use iced_core::renderer;
use iced_core::widget::operation::Operation;
use iced_core::widget::tree::{self, Tree};
use iced_core::widget::{Widget, text};
use iced_core::{Clipboard, Element, Event, Length, Rectangle, Shell, Size, mouse};
use iced_graphics::text::Paragraph;

type Renderer = iced::Renderer;
type Theme = iced::Theme;

/// Enough for the few pixels a line runs over; a text that still does not fit, or would only fit
/// squeezed into less than `NARROWEST` of its width, is left as it is.
const ATTEMPTS: usize = 4;
const NARROWEST: f32 = 0.8;

pub struct Fit<'a, Message> {
    content: Element<'a, Message, Theme, Renderer>,
}

/// `content` (an iced `text`) laid out so that none of its lines is wider than its box.
pub fn fit<'a, Message>(content: impl Into<Element<'a, Message, Theme, Renderer>>) -> Fit<'a, Message> {
    Fit { content: content.into() }
}

/// Where the text's glyphs are drawn, from its box's left edge: (leftmost, rightmost), if `tree`
/// is a text's. Taken from the glyphs, not from the size the engine reports, which is what was
/// wrong.
fn ink(tree: &Tree) -> Option<(f32, f32)> {
    if tree.tag != tree::Tag::of::<text::State<Paragraph>>() {
        return None;
    }
    let paragraph = tree.state.downcast_ref::<text::State<Paragraph>>();
    let glyphs = paragraph.raw().buffer().layout_runs().flat_map(|run| run.glyphs.iter());
    glyphs.fold(None, |ink, g| {
        let (left, right) = ink.unwrap_or((f32::INFINITY, f32::NEG_INFINITY));
        Some((left.min(g.x), right.max(g.x + g.w)))
    })
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
        let available = limits.max();
        let mut max = available;
        let mut node = self.content.as_widget_mut().layout(text, renderer, limits);
        for _ in 0..ATTEMPTS {
            let Some((left, right)) = ink(text) else { return node };
            let over = (right - available.width).max(-left);
            if over <= 0.5 {
                // The box as wide as the glyphs reach, so that a container aligning it to the right
                // puts all of them inside.
                let size = node.size();
                return layout::Node::new(Size::new(size.width.max(right).min(available.width), size.height));
            }
            // Narrower by what ran over: the break moves and the lines come out shorter.
            max.width -= over.max(1.0);
            if max.width < available.width * NARROWEST {
                break;
            }
            let min = Size::new(limits.min().width.min(max.width), limits.min().height);
            node = self.content.as_widget_mut().layout(text, renderer, &layout::Limits::new(min, max));
        }
        // Not to be had by a few pixels (a run the engine will not break, such as a file name
        // isolated in a sentence, keeps its line long until the box is far narrower): as it was.
        self.content.as_widget_mut().layout(text, renderer, limits)
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

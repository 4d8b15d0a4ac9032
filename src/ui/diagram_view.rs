//! Draws a laid-out workflow (`diagram::Layout`) on an iced canvas, scaled to fit the width,
//! with the case's path and current step emphasised.

use iced::alignment::Vertical;
use iced::widget::canvas::{self, Frame, LineDash, Path, Stroke, Text};
use iced::widget::text::{Alignment, Shaping};
use iced::{Color, Font, Pixels, Point, Rectangle, Renderer, Size, Theme, Vector, mouse};

use crate::diagram::style::office_style;
use crate::diagram::{ApproxMeasure, Direction, Layout, PlacedNode, RoutedEdge, TextMeasure};
use crate::domain::workflow::NodeKind;

const INK: Color = Color::from_rgb(0.13, 0.13, 0.13);

pub struct DiagramView<'a> {
    pub layout: &'a Layout,
    /// Visited steps, in order.
    pub path: &'a [String],
    pub current: Option<&'a str>,
}

impl<Message> canvas::Program<Message> for DiagramView<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let scale = (bounds.width / self.layout.width).min(1.0);
        // A first layout pass can give no width; scaling text by ~0 sends glyphs to infinity.
        if !scale.is_finite() || scale < 0.05 {
            return Vec::new();
        }
        let mut frame = Frame::new(renderer, bounds.size());
        frame.translate(Vector::new((bounds.width - self.layout.width * scale) / 2.0, 0.0));
        frame.scale(scale);
        for edge in &self.layout.edges {
            self.draw_edge(&mut frame, edge);
        }
        for node in &self.layout.nodes {
            self.draw_node(&mut frame, node);
        }
        for label in self.layout.edges.iter().filter_map(|e| e.label.as_ref()) {
            frame.fill_rectangle(point(label.rect.x, label.rect.y), Size::new(label.rect.width, label.rect.height), Color::WHITE);
            let c = label.rect.center();
            frame.fill_text(text(&label.text, point(c.x, c.y), self.layout.options.label_size));
        }
        vec![frame.into_geometry()]
    }
}

impl DiagramView<'_> {
    fn on_path(&self, edge: &RoutedEdge) -> bool {
        self.path.windows(2).any(|w| w[0] == edge.from && w[1] == edge.to)
    }

    fn draw_edge(&self, frame: &mut Frame, edge: &RoutedEdge) {
        let Some((last, rest)) = edge.points.split_last() else { return };
        let line = Path::new(|b| {
            if let Some(first) = rest.first() {
                b.move_to(point(first.x, first.y));
            }
            for p in rest.iter().skip(1).chain(std::iter::once(last)) {
                b.line_to(point(p.x, p.y));
            }
        });
        let width = if self.on_path(edge) { 3.5 } else { 1.4 };
        // Loops are dashed so a return for correction reads as such without colour.
        let dash = if edge.back_edge { LineDash { segments: &[7.0, 4.0], offset: 0 } } else { LineDash::default() };
        frame.stroke(&line, Stroke { line_dash: dash, ..Stroke::default().with_color(INK).with_width(width) });
        if let Some(before) = rest.last() {
            frame.fill(&arrow_head(point(before.x, before.y), point(last.x, last.y)), INK);
        }
    }

    #[allow(clippy::cast_precision_loss)] // a label has a handful of lines
    fn draw_node(&self, frame: &mut Frame, node: &PlacedNode) {
        let style = office_style(node.actor);
        let current = self.current == Some(node.id.as_str());
        let fill = if current {
            Color::from_rgb8(0x9e, 0x9e, 0x9e)
        } else {
            Color::from_rgb8(style.fill[0], style.fill[1], style.fill[2])
        };
        let width = if current || self.path.contains(&node.id) { 3.0 } else { 1.2 };
        let shape = node_shape(node);
        frame.fill(&shape, fill);
        frame.stroke(
            &shape,
            Stroke {
                line_dash: LineDash { segments: style.dash, offset: 0 },
                ..Stroke::default().with_color(INK).with_width(width)
            },
        );
        if let Some([r, g, b]) = style.accent {
            frame.fill_rectangle(
                accent_corner(node, self.layout.options.direction),
                Size::new(4.0, 20.0),
                Color::from_rgb8(r, g, b),
            );
        }
        let options = &self.layout.options;
        let c = node.rect.center();
        let top = c.y - options.line_height() * (node.lines.len() as f32 - 1.0) / 2.0;
        for (i, line) in node.lines.iter().enumerate() {
            frame.fill_text(text(line, point(c.x, top + options.line_height() * i as f32), options.font_size));
        }
    }
}

/// The office accent stands at the edge where reading starts: right in Persian, left in English.
fn accent_corner(node: &PlacedNode, direction: Direction) -> Point {
    let r = node.rect;
    let c = r.center();
    // A diamond's side is only at its widest halfway up; stay inside its outline.
    let inset = if node.kind == NodeKind::Decision { r.width / 4.0 + 4.0 } else { 6.0 };
    match direction {
        Direction::Rtl => point(r.right() - inset - 4.0, c.y - 10.0),
        Direction::Ltr => point(r.x + inset, c.y - 10.0),
    }
}

fn node_shape(node: &PlacedNode) -> Path {
    let r = node.rect;
    match node.kind {
        NodeKind::Decision => {
            let c = r.center();
            Path::new(|b| {
                b.move_to(point(c.x, r.y));
                b.line_to(point(r.right(), c.y));
                b.line_to(point(c.x, r.bottom()));
                b.line_to(point(r.x, c.y));
                b.close();
            })
        }
        NodeKind::Start | NodeKind::End => {
            Path::rounded_rectangle(point(r.x, r.y), Size::new(r.width, r.height), (r.height / 2.0).into())
        }
        NodeKind::Task => Path::rounded_rectangle(point(r.x, r.y), Size::new(r.width, r.height), 3.0.into()),
    }
}

fn arrow_head(from: Point, tip: Point) -> Path {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let length = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
    let (ux, uy) = (dx / length * 8.0, dy / length * 8.0);
    Path::new(|b| {
        b.move_to(tip);
        b.line_to(Point::new(tip.x - ux - uy * 0.5, tip.y - uy + ux * 0.5));
        b.line_to(Point::new(tip.x - ux + uy * 0.5, tip.y - uy - ux * 0.5));
        b.close();
    })
}

fn point(x: f32, y: f32) -> Point {
    Point::new(x, y)
}

/// Centred on `center`. The text engine sets a right-to-left line against the right edge of its
/// box whatever alignment is asked, and a left-to-right one against the left edge, so the box is
/// placed by the line's direction, half its estimated width from the centre. `max_width` must be
/// finite (an unbounded box sends glyphs to infinity) and roomy enough not to wrap. The estimate
/// stands in for the shaped width until the GUI measures text.
fn text(content: &str, center: Point, size: f32) -> Text {
    let estimate = ApproxMeasure::default().width(content, size);
    let max_width = estimate * 2.0 + size * 4.0;
    let left = if starts_right_to_left(content) { center.x + estimate / 2.0 - max_width } else { center.x - estimate / 2.0 };
    Text {
        content: content.to_owned(),
        position: Point::new(left, center.y),
        max_width,
        color: Color::BLACK,
        size: Pixels(size),
        font: Font::with_name("Vazirmatn"),
        align_x: Alignment::Left,
        align_y: Vertical::Center,
        shaping: Shaping::Advanced,
        ..Text::default()
    }
}

/// Whether the first letter is of the Arabic script (Persian), which makes the paragraph right-to-left.
fn starts_right_to_left(content: &str) -> bool {
    content.chars().find(|c| c.is_alphabetic()).is_some_and(
        |c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'),
    )
}

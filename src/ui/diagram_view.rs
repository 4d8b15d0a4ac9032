//! Draws a laid-out workflow (`diagram::Layout`) on an iced canvas: drag to pan, wheel or the
//! +/− buttons to zoom, the frame button to fit the whole drawing, hover for a node's full label,
//! and a case's path and current step emphasised (`diagram::Highlight`, as in the SVG).
//!
//! `DiagramView::new(&layout).highlight(highlight).element()` is all a screen needs; the view keeps
//! its own pan and zoom.

use iced::alignment::Vertical;
use iced::keyboard;
use iced::widget::canvas::{self, Action, Event, Frame, LineDash, Path, Stroke, Text};
use iced::widget::text::{Alignment, Shaping};
use iced::widget::{Canvas, canvas as new_canvas};
use iced::{Color, Element, Font, Length, Pixels, Point, Rectangle, Renderer, Size, Theme, Vector, mouse};
use iced_core::Renderer as _;
use iced_core::layout::{self, Layout as WidgetLayout};
use iced_core::renderer;
use iced_core::widget::Widget;
use iced_core::widget::operation::{Focusable, Operation};
use iced_core::widget::tree::{self, Tree};
use iced_core::{Clipboard, Shell};
use iced_graphics::geometry::Renderer as _;

use crate::diagram::style::office_style;
use crate::diagram::{Direction, FontMeasure, Highlight, Layout, PlacedNode, RoutedEdge, TextMeasure, text::wrap};
use crate::domain::workflow::{NodeKind, Office};
use crate::ui::widget::activates;

const INK: Color = Color::from_rgb(0.13, 0.13, 0.13);
/// The default view never shrinks below this; the fit button shows everything however small.
const READABLE_ZOOM: f32 = 0.6;
const MAX_ZOOM: f32 = 4.0;
const ZOOM_STEP: f32 = 1.25;
const BUTTON: f32 = 28.0;
const TOOLTIP_SIZE: f32 = 14.0;
const TOOLTIP_WIDTH: f32 = 320.0;

pub struct DiagramView<'a> {
    layout: &'a Layout,
    highlight: Highlight<'a>,
    /// Per office, the line under a hovered step's label that says who acts there.
    acting: Vec<(Office, String)>,
}

impl<'a> DiagramView<'a> {
    pub fn new(layout: &'a Layout) -> Self {
        Self { layout, highlight: Highlight::default(), acting: Vec::new() }
    }

    /// The hover names the office acting at the step under the pointer, in the reader's words.
    #[must_use]
    pub fn acting(mut self, line: impl Fn(Office) -> String) -> Self {
        self.acting = Office::ALL.into_iter().map(|office| (office, line(office))).collect();
        self
    }

    /// Emphasise a case's visited steps and its current step.
    #[must_use]
    pub fn highlight(mut self, highlight: Highlight<'a>) -> Self {
        self.highlight = highlight;
        self
    }

    /// A canvas filling the space it is given, its buttons on the Tab path.
    pub fn element<Message: 'a>(self) -> Element<'a, Message> {
        let (layout, acting) = (self.layout, self.acting.clone());
        let canvas: Canvas<Self, Message> = new_canvas(self).width(Length::Fill).height(Length::Fill);
        Element::new(Keyboard { layout, acting, canvas: canvas.into() })
    }
}

/// Drawing coordinates to screen: `screen = offset + drawing × zoom`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Transform {
    zoom: f32,
    offset: Vector,
}

impl Transform {
    fn to_screen(self, p: Point) -> Point {
        Point::new(self.offset.x + p.x * self.zoom, self.offset.y + p.y * self.zoom)
    }

    fn to_drawing(self, p: Point) -> Point {
        Point::new((p.x - self.offset.x) / self.zoom, (p.y - self.offset.y) / self.zoom)
    }

    /// Zoomed by `factor` about the screen point `at`, which stays put.
    fn zoomed(self, factor: f32, at: Point) -> Self {
        let zoom = (self.zoom * factor).clamp(0.05, MAX_ZOOM);
        let k = zoom / self.zoom;
        let offset = Vector::new(at.x - (at.x - self.offset.x) * k, at.y - (at.y - self.offset.y) * k);
        Self { zoom, offset }
    }
}

#[derive(Debug, Default)]
pub struct ViewState {
    /// Set once the reader pans or zooms, for the drawing of this size; until then the view fits.
    transform: Option<(Transform, (u32, u32))>,
    drag: Option<Point>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Control {
    ZoomIn,
    ZoomOut,
    Fit,
}

const CONTROLS: [Control; 3] = [Control::ZoomIn, Control::ZoomOut, Control::Fit];

impl DiagramView<'_> {
    fn key(&self) -> (u32, u32) {
        (self.layout.width.to_bits(), self.layout.height.to_bits())
    }

    /// The reader's pan and zoom, or the default view: the whole drawing when it is readable that
    /// small, otherwise its top at a readable size, from the side where reading starts.
    fn transform(&self, state: &ViewState, size: Size) -> Transform {
        match state.transform {
            Some((t, key)) if key == self.key() => t,
            _ => self.fitted(size, READABLE_ZOOM),
        }
    }

    fn fitted(&self, size: Size, floor: f32) -> Transform {
        let (w, h) = (self.layout.width, self.layout.height);
        let whole = (size.width / w).min(size.height / h).min(1.0);
        let zoom = if whole.is_finite() && whole > 0.0 { whole.max(floor.min(1.0)) } else { 1.0 };
        let spare = size.width - w * zoom;
        let x = match (spare >= 0.0, self.layout.options.direction) {
            (true, _) => spare / 2.0,
            (false, Direction::Rtl) => spare,
            (false, Direction::Ltr) => 0.0,
        };
        let y = ((size.height - h * zoom) / 2.0).max(0.0);
        Transform { zoom, offset: Vector::new(x, y) }
    }

    /// The buttons stand at the top, on the side where reading ends.
    fn control_rect(&self, control: Control, size: Size) -> Rectangle {
        let index = CONTROLS.iter().position(|c| *c == control).unwrap_or(0);
        #[allow(clippy::cast_precision_loss)]
        let step = index as f32 * (BUTTON + 4.0);
        let x = match self.layout.options.direction {
            Direction::Rtl => 6.0 + step,
            Direction::Ltr => size.width - 6.0 - BUTTON - step,
        };
        Rectangle::new(Point::new(x, 6.0), Size::new(BUTTON, BUTTON))
    }

    fn control_at(&self, p: Point, size: Size) -> Option<Control> {
        CONTROLS.into_iter().find(|c| self.control_rect(*c, size).contains(p))
    }

    fn node_at(&self, p: Point) -> Option<&PlacedNode> {
        self.layout.nodes.iter().find(|n| {
            let r = n.rect;
            let c = r.center();
            match n.kind {
                NodeKind::Decision => (p.x - c.x).abs() / (r.width / 2.0) + (p.y - c.y).abs() / (r.height / 2.0) <= 1.0,
                _ => p.x >= r.x && p.x <= r.right() && p.y >= r.y && p.y <= r.bottom(),
            }
        })
    }

    /// The view after a button is pressed, by the mouse or the keyboard.
    fn pressed(&self, control: Control, t: Transform, size: Size) -> Transform {
        match control {
            Control::ZoomIn => t.zoomed(ZOOM_STEP, center(size)),
            Control::ZoomOut => t.zoomed(1.0 / ZOOM_STEP, center(size)),
            Control::Fit => self.fitted(size, 0.0),
        }
    }

    fn set<Message>(&self, state: &mut ViewState, t: Transform) -> Action<Message> {
        state.transform = Some((t, self.key()));
        Action::request_redraw().and_capture()
    }

    fn handle<Message>(
        &self,
        state: &mut ViewState,
        event: &Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<Action<Message>> {
        let size = bounds.size();
        let t = self.transform(state, size);
        match event {
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                let p = cursor.position_in(bounds)?;
                if let Some(control) = self.control_at(p, size) {
                    Some(self.set(state, self.pressed(control, t, size)))
                } else {
                    state.drag = Some(p);
                    Some(Action::capture())
                }
            }
            Event::Mouse(mouse::Event::CursorMoved { .. }) => {
                let p = cursor.position_in(bounds)?;
                if let Some(from) = state.drag.replace(p) {
                    Some(self.set(state, Transform { offset: t.offset + (p - from), ..t }))
                } else {
                    state.drag = None;
                    // The tooltip follows the cursor.
                    Some(Action::request_redraw())
                }
            }
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left) | mouse::Event::CursorLeft) => {
                state.drag.take().map(|_| Action::request_redraw())
            }
            Event::Mouse(mouse::Event::WheelScrolled { delta }) => {
                let p = cursor.position_in(bounds)?;
                let lines = match delta {
                    mouse::ScrollDelta::Lines { y, .. } => *y,
                    mouse::ScrollDelta::Pixels { y, .. } => y / 40.0,
                };
                Some(self.set(state, t.zoomed(ZOOM_STEP.powf(lines.clamp(-4.0, 4.0)), p)))
            }
            _ => None,
        }
    }
}

fn center(size: Size) -> Point {
    Point::new(size.width / 2.0, size.height / 2.0)
}

impl<Message> canvas::Program<Message> for DiagramView<'_> {
    type State = ViewState;

    fn update(&self, state: &mut ViewState, event: &Event, bounds: Rectangle, cursor: mouse::Cursor) -> Option<Action<Message>> {
        // The view publishes no messages: pan and zoom are its own business.
        self.handle(state, event, bounds, cursor)
    }

    fn draw(
        &self,
        state: &ViewState,
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let size = bounds.size();
        let t = self.transform(state, size);
        // A first layout pass can give no size; scaling text by ~0 sends glyphs to infinity.
        if size.width < 1.0 || size.height < 1.0 || !t.zoom.is_finite() || t.zoom < 0.01 {
            return Vec::new();
        }
        let mut drawing = Frame::new(renderer, size);
        drawing.fill_rectangle(Point::ORIGIN, size, Color::WHITE);
        drawing.translate(t.offset);
        drawing.scale(t.zoom);
        // Text goes on a frame of its own in screen units: the renderers disagree on whether a
        // scaled frame scales a text's box width (tiny-skia does, wgpu does not), which moved
        // right-to-left labels off their boxes in one of them.
        let mut words = Frame::new(renderer, size);
        self.draw_layout(&mut drawing, &mut words, t);
        let mut overlay = Frame::new(renderer, size);
        self.draw_controls(&mut overlay, size);
        // The hovered step's tip is drawn by `Keyboard`, in a layer above the canvas.
        vec![drawing.into_geometry(), words.into_geometry(), overlay.into_geometry()]
    }

    fn mouse_interaction(&self, state: &ViewState, bounds: Rectangle, cursor: mouse::Cursor) -> mouse::Interaction {
        match cursor.position_in(bounds) {
            _ if state.drag.is_some() => mouse::Interaction::Grabbing,
            Some(p) if self.control_at(p, bounds.size()).is_some() => mouse::Interaction::Pointer,
            Some(_) => mouse::Interaction::Grab,
            None => mouse::Interaction::default(),
        }
    }
}

impl DiagramView<'_> {
    fn draw_layout(&self, frame: &mut Frame, words: &mut Frame, t: Transform) {
        for edge in &self.layout.edges {
            self.draw_edge(frame, edge);
        }
        for node in &self.layout.nodes {
            self.draw_node(frame, words, node, t);
        }
        for label in self.layout.edges.iter().filter_map(|e| e.label.as_ref()) {
            let (at, size) = (point(label.rect.x, label.rect.y), Size::new(label.rect.width, label.rect.height));
            frame.fill_rectangle(at, size, Color::WHITE);
            // A label the booklet does not print: in brackets (its text) and in a dotted frame, as on paper.
            if label.inferred {
                let dotted = Stroke { line_dash: LineDash { segments: &[2.0, 2.0], offset: 0 }, ..Stroke::default() };
                frame.stroke(&Path::rectangle(at, size), dotted.with_color(Color::from_rgb8(0x55, 0x55, 0x55)).with_width(0.8));
            }
            let c = label.rect.center();
            words.fill_text(text(&label.text, t.to_screen(point(c.x, c.y)), self.layout.options.label_size * t.zoom));
        }
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
        let width = if self.highlight.on_path(edge) { 3.5 } else { 1.4 };
        // Loops are dashed so a return for correction reads as such without colour.
        let dash = if edge.back_edge { LineDash { segments: &[7.0, 4.0], offset: 0 } } else { LineDash::default() };
        frame.stroke(&line, Stroke { line_dash: dash, ..Stroke::default().with_color(INK).with_width(width) });
        if let Some(before) = rest.last() {
            frame.fill(&arrow_head(point(before.x, before.y), point(last.x, last.y)), INK);
        }
    }

    #[allow(clippy::cast_precision_loss)] // a label has a handful of lines
    fn draw_node(&self, frame: &mut Frame, words: &mut Frame, node: &PlacedNode, t: Transform) {
        let style = office_style(node.actor);
        let current = self.highlight.is_current(&node.id);
        let fill = if current {
            Color::from_rgb8(0x9e, 0x9e, 0x9e)
        } else {
            Color::from_rgb8(style.fill[0], style.fill[1], style.fill[2])
        };
        let width = if current || self.highlight.visited(&node.id) { 3.0 } else { 1.2 };
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
            let center = t.to_screen(point(c.x, top + options.line_height() * i as f32));
            words.fill_text(text(line, center, options.font_size * t.zoom));
        }
    }

    fn draw_controls(&self, frame: &mut Frame, size: Size) {
        for control in CONTROLS {
            let r = self.control_rect(control, size);
            let body = Path::rounded_rectangle(r.position(), r.size(), 4.0.into());
            frame.fill(&body, Color::WHITE);
            frame.stroke(&body, Stroke::default().with_color(INK).with_width(1.2));
            let c = r.center();
            let icon = Path::new(|b| {
                let arm = BUTTON / 4.0;
                match control {
                    Control::ZoomIn | Control::ZoomOut => {
                        b.move_to(point(c.x - arm, c.y));
                        b.line_to(point(c.x + arm, c.y));
                        if control == Control::ZoomIn {
                            b.move_to(point(c.x, c.y - arm));
                            b.line_to(point(c.x, c.y + arm));
                        }
                    }
                    // Four corners of a frame: the whole drawing.
                    Control::Fit => {
                        for (sx, sy) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)] {
                            b.move_to(point(c.x + sx * arm, c.y + sy * arm / 2.0));
                            b.line_to(point(c.x + sx * arm, c.y + sy * arm));
                            b.line_to(point(c.x + sx * arm / 2.0, c.y + sy * arm));
                        }
                    }
                }
            });
            frame.stroke(&icon, Stroke::default().with_color(INK).with_width(2.0));
        }
    }
}

/// The canvas with its three buttons as controls the keyboard reaches: each takes the focus from
/// Tab (`widget::FocusScope`) as a button does, shows the ring, and Enter or Space presses it. The
/// buttons are drawn on the canvas, whose pan and zoom are its own state, so they cannot be
/// `ui::widget::button`s; this wrapper changes that state as a click on them does.
struct Keyboard<'a, Message> {
    layout: &'a Layout,
    /// For the hovered step's tip (`DiagramView::acting`).
    acting: Vec<(Office, String)>,
    canvas: Element<'a, Message>,
}

/// Which of the buttons (in `CONTROLS` order) has the focus.
#[derive(Debug, Default)]
struct ControlsFocus([ControlFocus; 3]);

#[derive(Debug, Default)]
struct ControlFocus(bool);

impl Focusable for ControlFocus {
    fn is_focused(&self) -> bool {
        self.0
    }

    fn focus(&mut self) {
        self.0 = true;
    }

    fn unfocus(&mut self) {
        self.0 = false;
    }
}

impl<Message> Keyboard<'_, Message> {
    /// Where a button is in the window.
    fn control_bounds(&self, control: Control, bounds: Rectangle) -> Rectangle {
        DiagramView::new(self.layout).control_rect(control, bounds.size()) + Vector::new(bounds.x, bounds.y)
    }
}

impl<Message> Widget<Message, Theme, Renderer> for Keyboard<'_, Message> {
    fn size(&self) -> Size<Length> {
        self.canvas.as_widget().size()
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<ControlsFocus>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(ControlsFocus::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.canvas)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.canvas));
    }

    fn layout(&mut self, tree: &mut Tree, renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
        self.canvas.as_widget_mut().layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(&mut self, tree: &mut Tree, layout: WidgetLayout<'_>, _renderer: &Renderer, operation: &mut dyn Operation) {
        let bounds = layout.bounds();
        let focus = tree.state.downcast_mut::<ControlsFocus>();
        // The three as a group: read through together, in the drawing's reading direction.
        operation.traverse(&mut |operation| {
            for (control, state) in CONTROLS.into_iter().zip(focus.0.iter_mut()) {
                operation.focusable(None, self.control_bounds(control, bounds), state);
            }
        });
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &iced::Event,
        layout: WidgetLayout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        let focus = tree.state.downcast_mut::<ControlsFocus>();
        let focused = focus.0.iter().position(|f| f.0);
        match (event, focused) {
            (iced::Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }), Some(i))
                if activates(key) && !modifiers.command() && !modifiers.alt() =>
            {
                let view = DiagramView::new(self.layout);
                let size = layout.bounds().size();
                let state = tree.children[0].state.downcast_mut::<ViewState>();
                let t = view.transform(state, size);
                state.transform = Some((view.pressed(CONTROLS[i], t, size), view.key()));
                shell.request_redraw();
                shell.capture_event();
                return;
            }
            // The ring is for the keyboard: a click takes it away, as on a button.
            (iced::Event::Mouse(mouse::Event::ButtonPressed(_)), Some(i)) => {
                focus.0[i].0 = false;
                shell.request_redraw();
            }
            _ => {}
        }
        self.canvas.as_widget_mut().update(&mut tree.children[0], event, layout, cursor, renderer, clipboard, shell, viewport);
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: WidgetLayout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.canvas.as_widget().draw(&tree.children[0], renderer, theme, style, layout, cursor, viewport);
        let bounds = layout.bounds();
        let view = DiagramView::new(self.layout);
        let state = tree.children[0].state.downcast_ref::<ViewState>();
        if let Some((node, p)) = view.hovered(state, bounds, cursor) {
            // A layer of its own: within one layer the renderers draw every text after every shape,
            // so the drawing's labels (large when zoomed in) showed through the tip in tiny-skia.
            let mut frame = Frame::new(renderer, bounds.size());
            draw_tooltip(&mut frame, &tooltip(node, &self.acting), p, bounds.size());
            let geometry = frame.into_geometry();
            renderer.with_layer(bounds, |renderer| {
                renderer.with_translation(Vector::new(bounds.x, bounds.y), |renderer| renderer.draw_geometry(geometry));
            });
        }
        let focus = tree.state.downcast_ref::<ControlsFocus>();
        if let Some(control) = CONTROLS.into_iter().zip(&focus.0).find_map(|(c, f)| f.0.then_some(c)) {
            crate::ui::widget::draw_ring(renderer, theme, self.control_bounds(control, layout.bounds()));
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: WidgetLayout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.canvas.as_widget().mouse_interaction(&tree.children[0], layout, cursor, viewport, renderer)
    }
}

impl DiagramView<'_> {
    /// The step under the pointer, unless the pointer drags or is on a button.
    fn hovered(&self, state: &ViewState, bounds: Rectangle, cursor: mouse::Cursor) -> Option<(&PlacedNode, Point)> {
        let p = cursor.position_in(bounds).filter(|_| state.drag.is_none())?;
        let size = bounds.size();
        if self.control_at(p, size).is_some() {
            return None;
        }
        self.node_at(self.transform(state, size).to_drawing(p)).map(|node| (node, p))
    }
}

/// A hovered step's whole label, then who acts there (`acting`), wrapped to the tooltip's width.
fn tooltip(node: &PlacedNode, acting: &[(Office, String)]) -> Vec<String> {
    let Ok(measure) = FontMeasure::shared() else { return Vec::new() };
    let mut lines = wrap(&node.lines.join(" "), measure, TOOLTIP_SIZE, TOOLTIP_WIDTH);
    if let Some((_, line)) = node.actor.and_then(|actor| acting.iter().find(|(office, _)| *office == actor)) {
        lines.extend(wrap(line, measure, TOOLTIP_SIZE, TOOLTIP_WIDTH));
    }
    lines
}

/// Where a tooltip of `lines` stands beside the cursor, kept inside the canvas.
#[allow(clippy::cast_precision_loss)] // a tooltip has a handful of lines
fn tooltip_rect(lines: &[String], cursor: Point, size: Size) -> Option<Rectangle> {
    let measure = FontMeasure::shared().ok()?;
    let text_width = lines.iter().map(|l| measure.width(l, TOOLTIP_SIZE)).fold(0.0, f32::max);
    let (w, h) = (text_width + 16.0, lines.len() as f32 * TOOLTIP_SIZE * 1.5 + 10.0);
    let x = (cursor.x + 14.0).min(size.width - w).max(0.0);
    let y = if cursor.y + 18.0 + h <= size.height { cursor.y + 18.0 } else { (cursor.y - 8.0 - h).max(0.0) };
    Some(Rectangle::new(point(x, y), Size::new(w, h)))
}

/// A hovered step's tooltip at reading size beside the cursor.
#[allow(clippy::cast_precision_loss)] // a tooltip has a handful of lines
fn draw_tooltip(frame: &mut Frame, lines: &[String], cursor: Point, size: Size) {
    let Some(Rectangle { x, y, width: w, height: h }) = tooltip_rect(lines, cursor, size) else { return };
    let line_height = TOOLTIP_SIZE * 1.5;
    let body = Path::rounded_rectangle(point(x, y), Size::new(w, h), 4.0.into());
    frame.fill(&body, Color::from_rgb8(0xff, 0xfb, 0xe6));
    frame.stroke(&body, Stroke::default().with_color(INK).with_width(1.0));
    for (i, line) in lines.iter().enumerate() {
        let cy = y + 5.0 + line_height * (i as f32 + 0.5);
        frame.fill_text(text(line, point(x + w / 2.0, cy), TOOLTIP_SIZE));
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

/// Centred on `center`, in a frame without a transform (screen units). The text engine sets a
/// right-to-left line against the right edge of its box whatever alignment is asked, and a
/// left-to-right one against the left edge, so the box is placed by the line's direction, half its
/// shaped width from the centre. `max_width` must be finite (an unbounded box sends glyphs to
/// infinity) and roomy enough not to wrap.
fn text(content: &str, center: Point, size: f32) -> Text {
    #[allow(clippy::cast_precision_loss)] // only without the built-in font, which a test rules out
    let width = FontMeasure::shared().map_or(content.chars().count() as f32 * size / 2.0, |m| m.width(content, size));
    let room = width * 2.0 + size * 4.0;
    let left = if starts_right_to_left(content) { center.x + width / 2.0 - room } else { center.x - width / 2.0 };
    Text {
        content: content.to_owned(),
        position: Point::new(left, center.y),
        max_width: room,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{Options, layout};
    use crate::domain::workflow::tests::sample;

    fn sample_layout(direction: Direction) -> Layout {
        let measure = FontMeasure::shared().unwrap_or_else(|e| panic!("{e}"));
        layout(&sample(), measure, &Options { direction, ..Options::default() })
    }

    /// The hover names the office acting at the step under the pointer, after the step's label.
    #[test]
    fn hovering_a_step_names_the_office_that_acts_there() {
        let mut workflow = sample();
        workflow.nodes[1].actor = Some(Office::DistrictOffice);
        workflow.nodes[3].actor = Some(Office::Governorate);
        let measure = FontMeasure::shared().unwrap_or_else(|e| panic!("{e}"));
        let l = layout(&workflow, measure, &Options::default());
        let view = DiagramView::new(&l).acting(|office| format!("acting: {}", office.key()));
        let mut named = 0;
        for node in &l.nodes {
            let c = node.rect.center();
            let hovered = view.node_at(Point::new(c.x, c.y)).unwrap_or_else(|| panic!("{} not found", node.id));
            let lines = tooltip(hovered, &view.acting);
            assert!(lines.join(" ").starts_with(&node.lines.join(" ")), "{lines:?}");
            if let Some(actor) = node.actor {
                assert_eq!(lines.last().map(String::as_str), Some(format!("acting: {}", actor.key()).as_str()));
                named += 1;
            }
        }
        assert_eq!(named, 2);
    }

    /// Zoomed far in, the drawing's large labels do not show through the hovered step's tip: its
    /// margin, where the tip writes nothing, stays the tip's colour.
    #[test]
    fn the_hover_tip_covers_the_labels_under_it() {
        use crate::ui::widget::sim::Harness;
        let mut workflow = sample();
        workflow.nodes[1].label_fa = "بررسی مدارک متقاضی و تطبیق آن‌ها با اصل".into();
        let measure = FontMeasure::shared().unwrap_or_else(|e| panic!("{e}"));
        let l = layout(&workflow, measure, &Options { direction: Direction::Rtl, ..Options::default() });
        let size = Size::new(500.0, 360.0);
        let node = &l.nodes[1];
        let view = DiagramView::new(&l);
        let fitted = view.transform(&ViewState::default(), size);
        let centre = fitted.to_screen(point(node.rect.center().x, node.rect.center().y));
        let mut h = Harness::<()>::sized(DiagramView::new(&l).element(), size);
        h.hover(centre.x, centre.y);
        let wheel = iced::mouse::ScrollDelta::Lines { x: 0.0, y: 4.0 };
        let scroll = iced::Event::Mouse(mouse::Event::WheelScrolled { delta: wheel });
        h.send([scroll.clone(), scroll]);
        // Just above the label's middle, so the tip (below the pointer) lies over the label's letters.
        let pointer = Point::new(centre.x, centre.y - 30.0);
        let tip = tooltip_rect(&tooltip(node, &[]), pointer, size).unwrap_or_else(|| panic!("no font"));
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let dark_in_margin = |pixels: &[u8]| {
            let (left, top) = (tip.x as usize + 2, tip.y as usize + 2);
            let (right, bottom) = ((tip.x + tip.width) as usize - 2, (tip.y + tip.height) as usize - 2);
            let margin = |x: usize, y: usize| x < left + 5 || x + 5 > right || y < top + 2 || y + 2 > bottom;
            let width = size.width as usize;
            (top..bottom)
                .flat_map(|y| (left..right).map(move |x| (x, y)))
                .filter(|&(x, y)| margin(x, y) && pixels[(y * width + x) * 4..][..3].iter().all(|&c| c < 140))
                .count()
        };
        h.hover(-10.0, -10.0);
        let bare = dark_in_margin(&h.pixels());
        assert!(bare >= 10, "no label under where the tip will be ({bare} dark pixels): the test shows nothing");
        h.hover(pointer.x, pointer.y);
        let covered = dark_in_margin(&h.pixels());
        assert_eq!(covered, 0, "the labels show through the tip");
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor() {
        let t = Transform { zoom: 0.8, offset: Vector::new(30.0, -12.0) };
        let at = Point::new(140.0, 90.0);
        let before = t.to_drawing(at);
        let after = t.zoomed(ZOOM_STEP, at).to_drawing(at);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        assert!(t.zoomed(1000.0, at).zoom <= MAX_ZOOM);
    }

    #[test]
    fn fitting_shows_the_whole_drawing_and_a_narrow_view_starts_at_the_reading_side() {
        let l = sample_layout(Direction::Rtl);
        let view = DiagramView::new(&l);
        let small = Size::new(l.width / 3.0, l.height / 3.0);
        let fit = view.fitted(small, 0.0);
        assert!(l.width * fit.zoom <= small.width + 1e-3 && l.height * fit.zoom <= small.height + 1e-3);
        // At a readable zoom the drawing is wider than the view: its right edge (where Persian starts) shows.
        let readable = view.fitted(small, READABLE_ZOOM);
        assert!((readable.offset.x + l.width * readable.zoom - small.width).abs() < 1e-3);
        let ltr = sample_layout(Direction::Ltr);
        assert!(DiagramView::new(&ltr).fitted(small, READABLE_ZOOM).offset.x.abs() < 1e-3);
    }

    #[test]
    fn hovering_finds_the_node_under_the_cursor_and_controls_sit_where_reading_ends() {
        let l = sample_layout(Direction::Rtl);
        let view = DiagramView::new(&l);
        for node in &l.nodes {
            let c = node.rect.center();
            assert_eq!(view.node_at(Point::new(c.x, c.y)).map(|n| n.id.as_str()), Some(node.id.as_str()));
        }
        assert!(view.node_at(Point::new(-5.0, -5.0)).is_none());
        let size = Size::new(600.0, 400.0);
        assert!(view.control_rect(Control::Fit, size).x < size.width / 2.0, "left in Persian");
        assert_eq!(view.control_at(view.control_rect(Control::ZoomOut, size).center(), size), Some(Control::ZoomOut));
    }

    #[test]
    fn the_zoom_buttons_are_on_the_tab_path_and_enter_presses_them_as_a_click_does() {
        use crate::ui::widget::sim::{self, Harness};
        use iced::keyboard::key::Named;
        let l = sample_layout(Direction::Rtl);
        let size = Size::new(500.0, 360.0);
        let view = DiagramView::new(&l);
        let harness = || Harness::<()>::sized(DiagramView::new(&l).element(), size);
        let mut keys = harness();
        let mut stops = Vec::new();
        for _ in 0..4 {
            keys.operate(Box::new(crate::ui::keys::focus_step(true, true)));
            stops.push(keys.focused_bounds());
        }
        // Right to left, as they are read in Persian, then round again.
        let at = |c| Some(view.control_rect(c, size));
        assert_eq!(stops, [at(Control::Fit), at(Control::ZoomOut), at(Control::ZoomIn), at(Control::Fit)]);
        let untouched = harness().pixels();
        for control in [Control::ZoomIn, Control::ZoomOut] {
            while keys.focused_bounds() != at(control) {
                keys.operate(Box::new(crate::ui::keys::focus_step(true, true)));
            }
            keys.send(sim::named(Named::Enter));
            keys.operate(Box::new(iced_core::widget::operation::focusable::unfocus()));
            let mut mouse = harness();
            let centre = view.control_rect(control, size).center();
            mouse.click(centre.x, centre.y);
            let pressed = keys.pixels();
            assert!(pressed != untouched && pressed == mouse.pixels(), "{control:?}: Enter did not do what a click does");
            // Fit brings the whole drawing back, by the keyboard as by the mouse.
            while keys.focused_bounds() != at(Control::Fit) {
                keys.operate(Box::new(crate::ui::keys::focus_step(true, true)));
            }
            keys.send(sim::tap(iced::keyboard::Key::Named(Named::Space), iced::keyboard::Modifiers::empty()));
            keys.operate(Box::new(iced_core::widget::operation::focusable::unfocus()));
            mouse.click(view.control_rect(Control::Fit, size).center().x, view.control_rect(Control::Fit, size).center().y);
            assert!(keys.pixels() == mouse.pixels(), "{control:?}: fit by Space differs from fit by a click");
        }
    }
}

//! Keyboard shortcuts of the whole window, by physical key so they work with a Persian layout, and
//! Tab focus in reading order.

use iced::keyboard::key::{Code, Named, Physical};
use iced::keyboard::{self, Key};
use iced::{Event, Rectangle, Subscription, event, window};
use iced_core::widget::operation::scrollable::AbsoluteOffset;
use iced_core::widget::operation::{Focusable, Operation, Outcome, Scrollable};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+N
    NewCase,
    /// Ctrl+F
    Search,
    Escape,
}

/// Listened to even when a text field has the key: Esc leaves a form from inside its fields.
pub fn shortcuts() -> Subscription<Shortcut> {
    event::listen_with(shortcut)
}

pub(super) fn shortcut(event: Event, _status: event::Status, _window: window::Id) -> Option<Shortcut> {
    let Event::Keyboard(keyboard::Event::KeyPressed { key, physical_key, modifiers, .. }) = event else { return None };
    match (key, physical_key) {
        (Key::Named(Named::Escape), _) => Some(Shortcut::Escape),
        (_, Physical::Code(Code::KeyN)) if modifiers.command() => Some(Shortcut::NewCase),
        (_, Physical::Code(Code::KeyF)) if modifiers.command() => Some(Shortcut::Search),
        _ => None,
    }
}

/// Moves the keyboard focus to the next (or previous) control — text field, button, checkbox, list —
/// in reading order, wrapping around, then scrolls it into view; `widget::FocusScope` runs it when
/// Tab arrives. iced's own `focus_next` follows the order the widgets are declared in, which in a
/// row mirrored for Persian (`rtl::row`) runs left to right.
pub(crate) fn focus_step(forward: bool, rtl: bool) -> impl Operation {
    Survey { forward, rtl, fields: Vec::new(), groups: vec![Vec::new()], focused: None }
}

/// Scrolls each scrollable around the focused control (a list: its current row) just enough that
/// the control shows.
pub(crate) fn reveal() -> impl Operation {
    Reveal::default()
}

/// Gives the focus to the control `id` and scrolls it into view: a form opened below the fold
/// (the revocation's reason, under a case's history) shows where the clerk will type.
pub(crate) fn focus_shown<T: Send + 'static>(id: &'static str) -> iced::Task<T> {
    let reveal = iced_runtime::task::effect(iced_runtime::Action::widget(reveal()));
    iced::widget::operation::focus(iced::widget::Id::new(id)).chain(reveal)
}

/// The controls as the widget tree holds them: a control (its position in declaration order) or a
/// group of them (the children of a row, a column, a container).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Field(usize),
    Group(Vec<Node>),
}

/// The controls of `tree` in reading order, as positions in `fields`. Each group is read as a block:
/// its members (a control's box, or a group's box around all its controls) in the order
/// `reading_order` gives, each group read through before the next. So a side bar is read through
/// before the page beside it, and a form's column before the list beside it, instead of taking one
/// control from each per line.
pub fn tree_order(tree: &Node, fields: &[Rectangle], rtl: bool) -> Vec<usize> {
    match tree {
        Node::Field(i) => vec![*i],
        Node::Group(members) => {
            let boxes: Vec<Rectangle> = members.iter().map(|m| extent(m, fields)).collect();
            reading_order(&boxes, rtl).into_iter().flat_map(|i| tree_order(&members[i], fields, rtl)).collect()
        }
    }
}

/// The box around all the controls of `node`.
fn extent(node: &Node, fields: &[Rectangle]) -> Rectangle {
    match node {
        Node::Field(i) => fields[*i],
        Node::Group(members) => {
            members.iter().map(|m| extent(m, fields)).reduce(|a, b| a.union(&b)).unwrap_or(Rectangle::with_size(iced::Size::ZERO))
        }
    }
}

/// Boxes in reading order: the answer's values are positions in `fields`. Boxes are grouped into
/// lines top to bottom (a box whose top is above the middle of a line's first box is on that line);
/// a line runs right to left in Persian, left to right in English.
pub fn reading_order(fields: &[Rectangle], rtl: bool) -> Vec<usize> {
    let mut by_top: Vec<usize> = (0..fields.len()).collect();
    by_top.sort_by(|&a, &b| fields[a].y.total_cmp(&fields[b].y));
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut line_middle = f32::NEG_INFINITY;
    for i in by_top {
        match lines.last_mut() {
            Some(line) if fields[i].y < line_middle => line.push(i),
            _ => {
                line_middle = fields[i].center_y();
                lines.push(vec![i]);
            }
        }
    }
    for line in &mut lines {
        line.sort_by(|&a, &b| {
            let (a, b) = (fields[a].center_x(), fields[b].center_x());
            if rtl { b.total_cmp(&a) } else { a.total_cmp(&b) }
        });
    }
    lines.concat()
}

/// First pass: where the controls are, how the widget tree groups them, and which one has the focus.
struct Survey {
    forward: bool,
    rtl: bool,
    fields: Vec<Rectangle>,
    /// The groups being walked, innermost last.
    groups: Vec<Vec<Node>>,
    focused: Option<usize>,
}

impl Operation for Survey {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        self.groups.push(Vec::new());
        operate(self);
        let mut members = self.groups.pop().unwrap_or_default();
        // A group of one is that one: only groups of several decide an order.
        let node = match members.len() {
            0 => return,
            1 => members.remove(0),
            _ => Node::Group(members),
        };
        if let Some(parent) = self.groups.last_mut() {
            parent.push(node);
        }
    }

    fn focusable(&mut self, _id: Option<&iced::widget::Id>, bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            self.focused = Some(self.fields.len());
        }
        if let Some(group) = self.groups.last_mut() {
            group.push(Node::Field(self.fields.len()));
        }
        self.fields.push(bounds);
    }

    fn finish(&self) -> Outcome<()> {
        let root = Node::Group(self.groups.first().cloned().unwrap_or_default());
        let order = tree_order(&root, &self.fields, self.rtl);
        let n = order.len();
        let at = self.focused.and_then(|f| order.iter().position(|&i| i == f));
        let next = match (at, self.forward) {
            _ if n == 0 => return Outcome::None,
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(p), true) => (p + 1) % n,
            (Some(p), false) => (p + n - 1) % n,
        };
        Outcome::Chain(Box::new(FocusAt { target: order[next], current: 0 }))
    }
}

/// Second pass: the field at `target` (declaration order) takes the focus, the others lose it.
struct FocusAt {
    target: usize,
    current: usize,
}

impl Operation for FocusAt {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn focusable(&mut self, _id: Option<&iced::widget::Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if self.current == self.target {
            state.focus();
        } else {
            state.unfocus();
        }
        self.current += 1;
    }

    fn finish(&self) -> Outcome<()> {
        Outcome::Chain(Box::new(Reveal::default()))
    }
}

/// A scrollable around the focused control: its place among the scrollables (in declaration
/// order), its box, its content's box (both unscrolled) and how far down it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scroller {
    index: usize,
    bounds: Rectangle,
    content: Rectangle,
    offset: f32,
}

/// First pass: the focused control's box and the scrollables it is inside.
#[derive(Default)]
struct Reveal {
    scrollables: usize,
    /// The scrollable whose content the next `traverse` walks into (a scrollable reports itself,
    /// then its content).
    entering: Option<Scroller>,
    /// Per level of the walk, the scrollable it is the content of.
    inside: Vec<Option<Scroller>>,
    target: Option<(Rectangle, Vec<Scroller>)>,
}

impl Operation for Reveal {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        let entering = self.entering.take();
        self.inside.push(entering);
        operate(self);
        self.inside.pop();
    }

    fn scrollable(
        &mut self,
        _id: Option<&iced::widget::Id>,
        bounds: Rectangle,
        content: Rectangle,
        translation: iced::Vector,
        _state: &mut dyn Scrollable,
    ) {
        self.entering = Some(Scroller { index: self.scrollables, bounds, content, offset: translation.y });
        self.scrollables += 1;
    }

    fn focusable(&mut self, _id: Option<&iced::widget::Id>, bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            self.target = Some((bounds, self.inside.iter().flatten().copied().collect()));
        }
    }

    fn custom(&mut self, _id: Option<&iced::widget::Id>, bounds: Rectangle, state: &mut dyn std::any::Any) {
        // A focused list reports itself, then its current row: the row is what must show.
        if state.downcast_ref::<crate::ui::widget::list::State>().is_some_and(Focusable::is_focused)
            && let Some((target, _)) = &mut self.target
        {
            *target = bounds;
        }
    }

    fn finish(&self) -> Outcome<()> {
        let Some((target, scrollers)) = &self.target else { return Outcome::None };
        let offsets = scroll_offsets(*target, scrollers);
        if offsets.is_empty() { Outcome::None } else { Outcome::Chain(Box::new(ScrollTo { offsets, scrollables: 0 })) }
    }
}

/// How far to scroll which scrollables (by `Scroller::index`) to show `target`, given the
/// scrollables it is inside, outermost first. The innermost moves first; the target then sits where
/// that scroll shows it, in the content of the one around.
fn scroll_offsets(target: Rectangle, scrollers: &[Scroller]) -> Vec<(usize, f32)> {
    let mut y = target.y;
    let mut offsets = Vec::new();
    for s in scrollers.iter().rev() {
        let top = y - s.content.y;
        let view = s.bounds.height;
        let offset = if top < s.offset || target.height > view {
            top
        } else if top + target.height > s.offset + view {
            top + target.height - view
        } else {
            s.offset
        };
        // Never past the end of the content (iced stops there too).
        let offset = offset.clamp(0.0, (s.content.height - view).max(0.0));
        if (offset - s.offset).abs() > 0.5 {
            offsets.push((s.index, offset));
        }
        y -= offset;
    }
    offsets
}

/// Second pass: the scrollables are scrolled.
struct ScrollTo {
    offsets: Vec<(usize, f32)>,
    scrollables: usize,
}

impl Operation for ScrollTo {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn scrollable(
        &mut self,
        _id: Option<&iced::widget::Id>,
        _bounds: Rectangle,
        _content: Rectangle,
        _translation: iced::Vector,
        state: &mut dyn Scrollable,
    ) {
        if let Some(&(_, y)) = self.offsets.iter().find(|(i, _)| *i == self.scrollables) {
            state.scroll_to(AbsoluteOffset { x: None, y: Some(y) });
        }
        self.scrollables += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_lines_right_to_left_in_persian() {
        let at = |x: f32, y: f32| Rectangle { x, y, width: 100.0, height: 30.0 };
        // Declared as a mirrored row puts them: left, right on the first line; then one below, a
        // little lower on the left than on the right (labels of different heights).
        let fields = [at(0.0, 12.0), at(200.0, 10.0), at(0.0, 60.0), at(200.0, 58.0)];
        assert_eq!(reading_order(&fields, true), vec![1, 0, 3, 2]);
        assert_eq!(reading_order(&fields, false), vec![0, 1, 2, 3]);
        assert!(reading_order(&[], true).is_empty());
    }

    #[test]
    fn a_side_bar_is_read_through_before_the_page_beside_it() {
        let at = |x: f32, y: f32| Rectangle { x, y, width: 100.0, height: 30.0 };
        // Persian: the side bar's three buttons on the right, the page's two fields on the left at
        // the same heights. Declared as a mirrored row: page first, then the bar.
        let fields = [at(0.0, 40.0), at(0.0, 80.0), at(600.0, 40.0), at(600.0, 80.0), at(600.0, 120.0)];
        let page = Node::Group(vec![Node::Field(0), Node::Field(1)]);
        let bar = Node::Group(vec![Node::Field(2), Node::Field(3), Node::Field(4)]);
        let window = Node::Group(vec![page, bar]);
        assert_eq!(tree_order(&window, &fields, true), vec![2, 3, 4, 0, 1]);
        // Read line by line without the groups, the two would interleave.
        assert_eq!(reading_order(&fields, true), vec![2, 0, 3, 1, 4]);
    }

    #[test]
    fn the_focused_box_is_scrolled_into_view_innermost_scrollable_first() {
        let rect = |y: f32, height: f32| Rectangle { x: 0.0, y, width: 100.0, height };
        // A page (viewport 0–500, content 2000 high, at its top) holding a list (viewport 400–600 of
        // the page, content 1000 high, scrolled 100 down).
        let page = Scroller { index: 0, bounds: rect(0.0, 500.0), content: rect(0.0, 2000.0), offset: 0.0 };
        let list = Scroller { index: 1, bounds: rect(400.0, 200.0), content: rect(400.0, 1000.0), offset: 100.0 };
        // A row at 900–930 of the page's layout: 500 into the list. The list scrolls to 330, the row
        // then shows at 570–600 on the page, past its 500: the page scrolls 100.
        assert_eq!(scroll_offsets(rect(900.0, 30.0), &[page, list]), vec![(1, 330.0), (0, 100.0)]);
        // A row above what the list shows: its top comes to the list's top; the page need not move.
        assert_eq!(scroll_offsets(rect(420.0, 30.0), &[page, list]), vec![(1, 20.0)]);
        // Already showing: nothing moves.
        assert!(scroll_offsets(rect(520.0, 30.0), &[page, list]).is_empty());
    }
}

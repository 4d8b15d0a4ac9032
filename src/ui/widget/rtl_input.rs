//! The one-line input widget: a thin layer over [`Editor`] that turns keys, clicks and the clipboard
//! into editor calls and draws the line with cosmic-text's own glyph positions, so the cursor and the
//! selection sit where the letters are in either direction and in mixed text.

use iced_core::clipboard::{self, Clipboard};
use iced_core::keyboard::{self, Key, key::Named};
use iced_core::layout::{self, Layout};
use iced_core::renderer::{self, Quad, Renderer as _};
use iced_core::text::{self, Paragraph as _, Renderer as _};
use iced_core::widget::operation::{Focusable, Operation};
use iced_core::widget::tree::{self, Tree};
use iced_core::widget::{Id, Widget};
use iced_core::{Border, Element, Event, Length, Padding, Pixels, Point, Rectangle, Shell, Size, alignment, mouse};
use iced_core::{input_method, window};
use iced_graphics::text::Paragraph;
use iced_graphics::text::cosmic_text::Buffer;

use super::editor::{Arrow, Direction, Editor, Motion};

type Renderer = iced::Renderer;
type Theme = iced::Theme;

/// The direction mark put before the shown text: the text engine takes a paragraph's direction from
/// its first strong character, and the line's direction must come from the language instead.
/// Both marks are three bytes long in UTF-8.
const MARK_LEN: usize = 3;

/// The width text is shaped in. Finite, because cosmic-text lays a right-to-left line out from the
/// right edge of its box (an infinite box puts every glyph at infinity); wide, so a line never wraps.
pub(super) const SHAPING_WIDTH: f32 = 100_000.0;

/// An input box for one line of Persian, English or mixed text. See the module docs of
/// `ui::widget` for the API.
pub struct RtlInput<'a, Message> {
    id: Option<Id>,
    placeholder: String,
    value: String,
    direction: Direction,
    on_input: Option<Box<dyn Fn(String) -> Message + 'a>>,
    on_submit: Option<Message>,
    width: Length,
    padding: Padding,
    size: Option<Pixels>,
}

/// An input box showing `value`, with `placeholder` while it is empty; right-to-left until told
/// otherwise with [`RtlInput::direction`]. Without [`RtlInput::on_input`] it is read-only.
pub fn rtl_input<'a, Message>(placeholder: &str, value: &str) -> RtlInput<'a, Message> {
    RtlInput {
        id: None,
        placeholder: placeholder.to_owned(),
        value: value.to_owned(),
        direction: Direction::Rtl,
        on_input: None,
        on_submit: None,
        width: Length::Fill,
        padding: Padding::new(8.0),
        size: None,
    }
}

impl<'a, Message: Clone> RtlInput<'a, Message> {
    #[must_use]
    pub fn on_input(mut self, f: impl Fn(String) -> Message + 'a) -> Self {
        self.on_input = Some(Box::new(f));
        self
    }

    /// The message sent when Enter is pressed in the box.
    #[must_use]
    pub fn on_submit(mut self, message: Message) -> Self {
        self.on_submit = Some(message);
        self
    }

    /// The line's base direction (take it from the interface language: `Direction::of(language)`).
    #[must_use]
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    #[must_use]
    pub fn id(mut self, id: impl Into<Id>) -> Self {
        self.id = Some(id.into());
        self
    }

    #[must_use]
    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.width = width.into();
        self
    }

    #[must_use]
    pub fn padding(mut self, padding: impl Into<Padding>) -> Self {
        self.padding = padding.into();
        self
    }

    #[must_use]
    pub fn size(mut self, size: impl Into<Pixels>) -> Self {
        self.size = Some(size.into());
        self
    }

    fn shown(&self, content: &str) -> String {
        let mark = if self.direction.is_rtl() { '\u{200F}' } else { '\u{200E}' };
        format!("{mark}{content}")
    }

    fn text_size(&self, renderer: &Renderer) -> Pixels {
        self.size.unwrap_or_else(|| renderer.default_size())
    }

    fn line_height(&self, renderer: &Renderer) -> f32 {
        text::LineHeight::default().to_absolute(self.text_size(renderer)).0
    }

    /// Shapes the value and the placeholder again if they or the style changed.
    fn reshape(&self, state: &mut State, renderer: &Renderer) {
        let shape = |paragraph: &mut text::paragraph::Plain<Paragraph>, content: &str| {
            paragraph.update(shaping(content, self.text_size(renderer), renderer.default_font()));
        };
        shape(&mut state.value, &self.shown(state.editor.text()));
        shape(&mut state.placeholder, &self.shown(&self.placeholder));
    }

    /// Applies an edit to the value and tells the screen.
    fn edit(
        &mut self,
        state: &mut State,
        renderer: &Renderer,
        shell: &mut Shell<'_, Message>,
        f: impl FnOnce(&mut Editor) -> bool,
    ) {
        let Some(on_input) = &self.on_input else { return };
        if f(&mut state.editor) {
            self.value = state.editor.text().to_owned();
            shell.publish(on_input(self.value.clone()));
            self.reshape(state, renderer);
        }
    }

    /// Where the text's left edge goes: at the reading start, shifted so the cursor stays in view.
    fn origin(&self, state: &State, inner: Rectangle, line_height: f32) -> Point {
        let width = state.value.min_width();
        let mut x = if self.direction.is_rtl() { inner.x + inner.width - width } else { inner.x };
        if width > inner.width {
            let caret = x + caret_x(state.value.raw().buffer(), state.editor.cursor() + MARK_LEN);
            if caret < inner.x {
                x += inner.x - caret;
            } else if caret > inner.x + inner.width {
                x -= caret - inner.x - inner.width;
            }
        }
        Point::new(x, inner.y + (inner.height - line_height) / 2.0)
    }

    fn on_key(
        &mut self,
        state: &mut State,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        pressed: (&Key, keyboard::key::Physical, keyboard::Modifiers, Option<&str>),
    ) -> bool {
        let (key, physical, modifiers, typed) = pressed;
        let select = modifiers.shift();
        let by_word = modifiers.command();
        let arrow = |arrow: Arrow| arrow.motion(self.direction, by_word);
        match key.as_ref() {
            Key::Named(Named::ArrowLeft) => state.editor.move_cursor(arrow(Arrow::Left), select),
            Key::Named(Named::ArrowRight) => state.editor.move_cursor(arrow(Arrow::Right), select),
            Key::Named(Named::Home) => state.editor.move_cursor(Motion::Start, select),
            Key::Named(Named::End) => state.editor.move_cursor(Motion::End, select),
            Key::Named(Named::Backspace) => self.edit(state, renderer, shell, |e| e.backspace(by_word)),
            Key::Named(Named::Delete) => self.edit(state, renderer, shell, |e| e.delete(by_word)),
            Key::Named(Named::Enter) => {
                if let Some(message) = self.on_submit.clone() {
                    shell.publish(message);
                }
            }
            Key::Named(Named::Escape) => state.focused = false,
            // With the Persian layout Ctrl+C arrives as «ز»: shortcuts go by the physical key.
            Key::Character(_) if modifiers.command() => match key.to_latin(physical) {
                Some('a') => state.editor.select_all(),
                Some('c') => copy(&state.editor, clipboard),
                Some('x') => {
                    copy(&state.editor, clipboard);
                    self.edit(state, renderer, shell, |e| e.cut().is_some());
                }
                Some('v') => {
                    let pasted = clipboard.read(clipboard::Kind::Standard).unwrap_or_default();
                    self.edit(state, renderer, shell, |e| e.insert(&pasted));
                }
                _ => return false,
            },
            _ => match typed.filter(|t| t.chars().all(|c| !c.is_control())) {
                Some(typed) => self.edit(state, renderer, shell, |e| e.insert(typed)),
                None => return false,
            },
        }
        true
    }

    fn on_press(&self, state: &mut State, layout: Layout<'_>, cursor: mouse::Cursor, renderer: &Renderer) -> bool {
        let Some(point) = cursor.position_over(layout.bounds()) else {
            state.focused = false;
            state.dragging = false;
            return false;
        };
        state.focused = true;
        state.dragging = true;
        self.place_at(state, layout, point, renderer, state.modifiers.shift());
        true
    }

    fn place_at(&self, state: &mut State, layout: Layout<'_>, point: Point, renderer: &Renderer, select: bool) {
        let inner = layout.bounds().shrink(self.padding);
        let origin = self.origin(state, inner, self.line_height(renderer));
        let buffer = state.value.raw().buffer();
        let hit = buffer.hit(point.x - origin.x + line_left(buffer), self.line_height(renderer) / 2.0);
        let offset = hit.map_or(state.editor.cursor(), |h| h.index.saturating_sub(MARK_LEN));
        state.editor.place_cursor(offset, select);
    }
}

/// How a line is shaped. `Alignment::Default` rather than `Left`: for a right-to-left line iced then
/// lays the buffer out again in a box of the line's own width, so the glyphs start at x = 0. With
/// `Left` they stay at the right end of the wide shaping box, and tiny-skia, which culls a paragraph
/// by its size at the position it is drawn at, drew nothing of a Persian value or placeholder.
pub(super) fn shaping(content: &str, size: Pixels, font: iced_core::Font) -> text::Text<&str> {
    let line_height = text::LineHeight::default();
    text::Text {
        content,
        bounds: Size::new(SHAPING_WIDTH, line_height.to_absolute(size).0),
        size,
        line_height,
        font,
        align_x: text::Alignment::Default,
        align_y: alignment::Vertical::Top,
        shaping: text::Shaping::Advanced,
        wrapping: text::Wrapping::None,
    }
}

/// The x of the cursor standing before display byte `offset`, from the shaped glyphs: at the leading
/// edge of the glyph that starts there (its right edge if it runs right-to-left), or at the trailing
/// edge of the glyph that ends there when the cursor is at the end.
pub(super) fn caret_x(buffer: &Buffer, offset: usize) -> f32 {
    caret_in_box(buffer, offset) - line_left(buffer)
}

/// Where the line starts inside the box it was shaped in (0 once iced has laid it out again, see
/// `shaping`); glyph positions are taken relative to it.
pub(super) fn line_left(buffer: &Buffer) -> f32 {
    buffer.layout_runs().flat_map(|run| run.glyphs.iter()).map(|g| g.x).reduce(f32::min).unwrap_or(0.0)
}

fn caret_in_box(buffer: &Buffer, offset: usize) -> f32 {
    let glyphs = || buffer.layout_runs().flat_map(|run| run.glyphs.iter());
    if let Some(g) = glyphs().find(|g| g.start <= offset && offset < g.end) {
        // Inside a ligature (لا): share its width among its bytes.
        #[allow(clippy::cast_precision_loss)]
        let part = (offset - g.start) as f32 / (g.end - g.start) as f32;
        return if g.level.is_rtl() { g.x + g.w * (1.0 - part) } else { g.x + g.w * part };
    }
    glyphs().filter(|g| g.end == offset).last().map_or(0.0, |g| if g.level.is_rtl() { g.x } else { g.x + g.w })
}

fn copy(editor: &Editor, clipboard: &mut dyn Clipboard) {
    if let Some(selected) = editor.selected_text() {
        clipboard.write(clipboard::Kind::Standard, selected.to_owned());
    }
}

/// What the widget keeps between frames.
#[derive(Default)]
pub struct State {
    editor: Editor,
    focused: bool,
    dragging: bool,
    modifiers: keyboard::Modifiers,
    value: text::paragraph::Plain<Paragraph>,
    placeholder: text::paragraph::Plain<Paragraph>,
}

impl State {
    /// The editor: value, cursor and selection (read by the tests through a widget operation).
    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    pub fn is_focused(&self) -> bool {
        self.focused
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
        self.dragging = false;
    }
}

impl<Message: Clone> Widget<Message, Theme, Renderer> for RtlInput<'_, Message> {
    fn size(&self) -> Size<Length> {
        Size::new(self.width, Length::Shrink)
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State { editor: Editor::new(&self.value), ..State::default() })
    }

    fn layout(&mut self, tree: &mut Tree, renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
        let state = tree.state.downcast_mut::<State>();
        state.editor.set_text(&self.value);
        self.reshape(state, renderer);
        let height = self.line_height(renderer) + self.padding.top + self.padding.bottom;
        layout::Node::new(limits.resolve(self.width, Length::Shrink, Size::new(0.0, height)))
    }

    fn operate(&mut self, tree: &mut Tree, layout: Layout<'_>, _renderer: &Renderer, operation: &mut dyn Operation) {
        let state = tree.state.downcast_mut::<State>();
        operation.focusable(self.id.as_ref(), layout.bounds(), state);
        operation.custom(self.id.as_ref(), layout.bounds(), state);
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
        _viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_mut::<State>();
        let handled = match event {
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => self.on_press(state, layout, cursor, renderer),
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)) => std::mem::take(&mut state.dragging),
            Event::Mouse(mouse::Event::CursorMoved { position }) if state.dragging => {
                self.place_at(state, layout, *position, renderer, true);
                true
            }
            Event::Keyboard(keyboard::Event::ModifiersChanged(modifiers)) => {
                state.modifiers = *modifiers;
                false
            }
            Event::Keyboard(keyboard::Event::KeyPressed { key, physical_key, modifiers, text, .. }) if state.focused => {
                self.on_key(state, renderer, clipboard, shell, (key, *physical_key, *modifiers, text.as_deref()))
            }
            Event::InputMethod(input_method::Event::Commit(typed)) if state.focused => {
                self.edit(state, renderer, shell, |e| e.insert(typed));
                true
            }
            Event::Window(window::Event::RedrawRequested(_)) if state.focused => {
                let inner = layout.bounds().shrink(self.padding);
                let line_height = self.line_height(renderer);
                let origin = self.origin(state, inner, line_height);
                let x = origin.x + caret_x(state.value.raw().buffer(), state.editor.cursor() + MARK_LEN);
                shell.request_input_method(&input_method::InputMethod::<&str>::Enabled {
                    cursor: Rectangle::new(Point::new(x, origin.y), Size::new(1.0, line_height)),
                    purpose: input_method::Purpose::Normal,
                    preedit: None,
                });
                false
            }
            _ => false,
        };
        if handled {
            shell.capture_event();
            shell.request_redraw();
        }
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        _style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_ref::<State>();
        let palette = theme.extended_palette();
        let bounds = layout.bounds();
        let border_color = if state.focused { palette.primary.strong.color } else { palette.background.strong.color };
        renderer.fill_quad(
            Quad { bounds, border: Border { color: border_color, width: 1.0, radius: 4.0.into() }, ..Quad::default() },
            palette.background.base.color,
        );
        let inner = bounds.shrink(self.padding);
        let line_height = self.line_height(renderer);
        let origin = self.origin(state, inner, line_height);
        let buffer = state.value.raw().buffer();
        let left = line_left(buffer);
        let at = |x: f32, width: f32| Rectangle::new(Point::new(origin.x + x, origin.y), Size::new(width, line_height));
        renderer.with_layer(inner, |renderer| {
            if let Some(range) = state.editor.selection().filter(|_| state.focused) {
                let (start, end) = (range.start + MARK_LEN, range.end + MARK_LEN);
                for g in buffer.layout_runs().flat_map(|run| run.glyphs.iter()).filter(|g| g.start >= start && g.end <= end) {
                    renderer.fill_quad(Quad { bounds: at(g.x - left, g.w), ..Quad::default() }, palette.primary.weak.color);
                }
            }
            if state.editor.text().is_empty() {
                let placeholder = state.placeholder.raw();
                let x = if self.direction.is_rtl() { inner.x + inner.width - placeholder.min_width() } else { inner.x };
                let at = Point::new(x - line_left(placeholder.buffer()), origin.y);
                renderer.fill_paragraph(placeholder, at, palette.background.strong.color, inner);
            } else {
                let at = Point::new(origin.x - left, origin.y);
                renderer.fill_paragraph(state.value.raw(), at, palette.background.base.text, inner);
            }
            if state.focused && state.editor.selection().is_none() {
                let x = caret_x(buffer, state.editor.cursor() + MARK_LEN);
                renderer.fill_quad(Quad { bounds: at(x, 1.0), ..Quad::default() }, palette.background.base.text);
            }
        });
    }

    fn mouse_interaction(
        &self,
        _tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _viewport: &Rectangle,
        _renderer: &Renderer,
    ) -> mouse::Interaction {
        if cursor.is_over(layout.bounds()) { mouse::Interaction::Text } else { mouse::Interaction::None }
    }
}

impl<'a, Message: Clone + 'a> From<RtlInput<'a, Message>> for Element<'a, Message, Theme, Renderer> {
    fn from(input: RtlInput<'a, Message>) -> Self {
        Element::new(input)
    }
}

//! Helpers for the simulator tests of the input widget and the screens: Vazirmatn loaded the way the
//! application loads it, and key events with modifiers (the simulator's own helpers have none).

use std::borrow::Cow;

use iced::keyboard::key::{Named, NativeCode, Physical};
use iced::keyboard::{self, Key, Location, Modifiers};
use iced::{Event, Font, Settings};

use crate::fonts::{VAZIRMATN_BOLD, VAZIRMATN_REGULAR};

pub use iced_test::runtime::user_interface::Cache;

pub fn settings() -> Settings {
    Settings {
        fonts: vec![Cow::Borrowed(VAZIRMATN_REGULAR), Cow::Borrowed(VAZIRMATN_BOLD)],
        default_font: Font::with_name("Vazirmatn"),
        ..Settings::default()
    }
}

/// A key pressed and released with the given modifiers held.
pub fn tap(key: Key, modifiers: Modifiers) -> Vec<Event> {
    let text = match &key {
        Key::Character(c) if !modifiers.command() => Some(c.clone()),
        _ => None,
    };
    let physical = Physical::Unidentified(NativeCode::Unidentified);
    vec![
        Event::Keyboard(keyboard::Event::ModifiersChanged(modifiers)),
        Event::Keyboard(keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key.clone(),
            physical_key: physical,
            location: Location::Standard,
            modifiers,
            repeat: false,
            text,
        }),
        Event::Keyboard(keyboard::Event::KeyReleased {
            key: key.clone(),
            modified_key: key,
            physical_key: physical,
            location: Location::Standard,
            modifiers,
        }),
        Event::Keyboard(keyboard::Event::ModifiersChanged(Modifiers::empty())),
    ]
}

pub fn named(key: Named) -> Vec<Event> {
    tap(Key::Named(key), Modifiers::empty())
}

pub fn shift(key: Named) -> Vec<Event> {
    tap(Key::Named(key), Modifiers::SHIFT)
}

/// Ctrl (⌘ on macOS) with a letter: select all, copy, cut, paste.
pub fn command(letter: &str) -> Vec<Event> {
    let modifiers = if cfg!(target_os = "macos") { Modifiers::LOGO } else { Modifiers::CTRL };
    tap(Key::Character(letter.into()), modifiers)
}

/// A shaped line in Vazirmatn, as a widget would lay it out, for measuring glyph positions.
pub fn paragraph(content: &str) -> iced_graphics::text::Paragraph {
    use iced_core::text::Paragraph as _;
    crate::ui::headless::load_fonts();
    iced_graphics::text::Paragraph::with_text(super::rtl_input::shaping(content, 16.into(), Font::with_name("Vazirmatn")))
}

/// An interface driven the way iced's runtime drives a window — events in, messages out — with a
/// clipboard held in memory (the simulator's own clipboard is a null one, so paste cannot be tested
/// there) and a way to read the input widget's editor.
pub struct Harness<'a, Message> {
    ui: iced_test::runtime::UserInterface<'a, Message, iced::Theme, iced::Renderer>,
    renderer: iced::Renderer,
    pub clipboard: MemoryClipboard,
    pub messages: Vec<Message>,
    cursor: iced::mouse::Cursor,
    size: iced::Size,
}

impl<'a, Message> Harness<'a, Message> {
    pub fn new(element: impl Into<iced::Element<'a, Message>>) -> Self {
        Self::sized(element, iced::Size::new(600.0, 120.0))
    }

    /// A whole screen, at the window's size.
    pub fn sized(element: impl Into<iced::Element<'a, Message>>, size: iced::Size) -> Self {
        Self::resume(element, size, Cache::default())
    }

    /// The interface rebuilt after the application changed, keeping the widgets' state (the focus)
    /// from the last build's cache, as the runtime does between frames.
    pub fn resume(element: impl Into<iced::Element<'a, Message>>, size: iced::Size, cache: Cache) -> Self {
        let mut renderer = crate::ui::headless::renderer().unwrap_or_else(|| panic!("no headless renderer"));
        let ui = iced_test::runtime::UserInterface::build(element, size, cache, &mut renderer);
        Self {
            ui,
            renderer,
            clipboard: MemoryClipboard::default(),
            messages: Vec::new(),
            cursor: iced::mouse::Cursor::Unavailable,
            size,
        }
    }

    pub fn send(&mut self, events: impl IntoIterator<Item = Event>) {
        let _ = self.statuses(events);
    }

    /// Sends the events and returns each with whether a widget took it (as the runtime tells
    /// subscriptions).
    pub fn statuses(&mut self, events: impl IntoIterator<Item = Event>) -> Vec<(Event, iced::event::Status)> {
        let events: Vec<Event> = events.into_iter().collect();
        let (_, statuses) = self.ui.update(&events, self.cursor, &mut self.renderer, &mut self.clipboard, &mut self.messages);
        events.into_iter().zip(statuses).collect()
    }

    /// Runs a widget operation (and the operations it chains to), as the runtime runs a task's.
    pub fn operate(&mut self, mut operation: Box<dyn iced_core::widget::Operation>) {
        loop {
            self.ui.operate(&self.renderer, operation.as_mut());
            match operation.finish() {
                iced_core::widget::operation::Outcome::Chain(next) => operation = next,
                _ => return,
            }
        }
    }

    pub fn into_cache(self) -> Cache {
        self.ui.into_cache()
    }

    /// The ID of the focused widget, if one with an ID has the focus.
    pub fn focused(&mut self) -> Option<iced::widget::Id> {
        self.focus().and_then(|(id, _)| id)
    }

    /// Where the focused widget is (whether it has an ID or not).
    pub fn focused_bounds(&mut self) -> Option<iced::Rectangle> {
        self.focus().map(|(_, bounds)| bounds)
    }

    fn focus(&mut self) -> Option<(Option<iced::widget::Id>, iced::Rectangle)> {
        struct Find(Option<(Option<iced::widget::Id>, iced::Rectangle)>);
        impl iced_core::widget::Operation for Find {
            fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn iced_core::widget::Operation)) {
                operate(self);
            }
            fn focusable(
                &mut self,
                id: Option<&iced::widget::Id>,
                bounds: iced::Rectangle,
                state: &mut dyn iced_core::widget::operation::Focusable,
            ) {
                if state.is_focused() {
                    self.0 = Some((id.cloned(), bounds));
                }
            }
        }
        let mut find = Find(None);
        self.ui.operate(&self.renderer, &mut find);
        find.0
    }

    /// The current row of the focused list, where it is laid out (unscrolled).
    pub fn focused_row(&mut self) -> Option<iced::Rectangle> {
        struct Find(Option<iced::Rectangle>);
        impl iced_core::widget::Operation for Find {
            fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn iced_core::widget::Operation)) {
                operate(self);
            }
            fn custom(&mut self, _id: Option<&iced::widget::Id>, bounds: iced::Rectangle, state: &mut dyn std::any::Any) {
                use iced_core::widget::operation::Focusable;
                if state.downcast_ref::<super::list::State>().is_some_and(Focusable::is_focused) {
                    self.0 = Some(bounds);
                }
            }
        }
        let mut find = Find(None);
        self.ui.operate(&self.renderer, &mut find);
        find.0
    }

    /// Whether `target` (a box as laid out, unscrolled) shows whole in every scrollable whose
    /// content holds it, as they are scrolled now.
    pub fn shows(&mut self, target: iced::Rectangle) -> bool {
        struct Scrolled(Vec<(iced::Rectangle, iced::Rectangle, f32)>);
        impl iced_core::widget::Operation for Scrolled {
            fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn iced_core::widget::Operation)) {
                operate(self);
            }
            fn scrollable(
                &mut self,
                _id: Option<&iced::widget::Id>,
                bounds: iced::Rectangle,
                content: iced::Rectangle,
                translation: iced::Vector,
                _state: &mut dyn iced_core::widget::operation::Scrollable,
            ) {
                self.0.push((bounds, content, translation.y));
            }
        }
        let mut scrolled = Scrolled(Vec::new());
        self.ui.operate(&self.renderer, &mut scrolled);
        // Outermost first, as the walk meets them; each shifts what is inside it up by its offset.
        let mut shift = 0.0;
        scrolled.0.into_iter().filter(|(_, content, _)| content.contains(target.center())).all(|(bounds, _, offset)| {
            let (top, bottom) = (target.y - shift - offset, target.y + target.height - shift - offset);
            let whole = top >= bounds.y - shift - 0.5 && bottom <= bounds.y + bounds.height - shift + 0.5;
            shift += offset;
            whole
        })
    }

    /// Clicks at a point of the window (the input fills the top of it).
    pub fn click(&mut self, x: f32, y: f32) {
        self.cursor = iced::mouse::Cursor::Available(iced::Point::new(x, y));
        self.send(iced_test::simulator::click());
    }

    /// The pointer moved to (x, y), no button pressed.
    pub fn hover(&mut self, x: f32, y: f32) {
        let position = iced::Point::new(x, y);
        self.cursor = iced::mouse::Cursor::Available(position);
        self.send([Event::Mouse(iced::mouse::Event::CursorMoved { position })]);
    }

    pub fn typewrite(&mut self, text: &str) {
        self.send(iced_test::simulator::typewrite(text));
    }

    /// The first input widget's editor: value, cursor and selection.
    pub fn editor(&mut self) -> super::Editor {
        struct Read(Option<super::Editor>);
        impl iced_core::widget::Operation for Read {
            fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn iced_core::widget::Operation)) {
                operate(self);
            }
            fn custom(&mut self, _id: Option<&iced::widget::Id>, _bounds: iced::Rectangle, state: &mut dyn std::any::Any) {
                if let (None, Some(state)) = (&self.0, state.downcast_ref::<super::RtlInputState>()) {
                    self.0 = Some(state.editor().clone());
                }
            }
        }
        let mut read = Read(None);
        self.ui.operate(&self.renderer, &mut read);
        read.0.unwrap_or_else(|| panic!("no rtl_input in the interface"))
    }

    /// Draws a frame (so a drawing bug panics here) and returns the last message sent.
    pub fn last(&mut self) -> Option<&Message> {
        let style = iced_core::renderer::Style { text_color: iced::Color::BLACK };
        self.ui.draw(&mut self.renderer, &iced::Theme::Light, &style, self.cursor);
        self.messages.last()
    }
}

impl<Message> Harness<'_, Message> {
    /// Draws a frame on white at one pixel per unit: its RGBA bytes, row by row.
    pub fn pixels(&mut self) -> Vec<u8> {
        use iced_core::renderer::Headless as _;
        let style = iced_core::renderer::Style { text_color: iced::Color::BLACK };
        self.ui.draw(&mut self.renderer, &iced::Theme::Light, &style, self.cursor);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (width, height) = (self.size.width as u32, self.size.height as u32);
        self.renderer.screenshot(iced::Size::new(width, height), 1.0, iced::Color::WHITE)
    }

    /// Draws a frame on white at one pixel per unit and returns, for each column of the window,
    /// whether anything was drawn in it.
    pub fn inked_columns(&mut self) -> Vec<bool> {
        let rgba = self.pixels();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let width = self.size.width as usize;
        let mut inked = vec![false; width];
        for (i, pixel) in rgba.chunks_exact(4).enumerate() {
            if pixel[..3].iter().any(|&c| c < 200) {
                inked[i % width] = true;
            }
        }
        inked
    }
}

#[derive(Debug, Default)]
pub struct MemoryClipboard(pub Option<String>);

impl iced_core::Clipboard for MemoryClipboard {
    fn read(&self, _kind: iced_core::clipboard::Kind) -> Option<String> {
        self.0.clone()
    }

    fn write(&mut self, _kind: iced_core::clipboard::Kind, contents: String) {
        self.0 = Some(contents);
    }
}

//! Helpers for the simulator tests of the input widget and the screens: Vazirmatn loaded the way the
//! application loads it, and key events with modifiers (the simulator's own helpers have none).

use std::borrow::Cow;

use iced::keyboard::key::{Named, NativeCode, Physical};
use iced::keyboard::{self, Key, Location, Modifiers};
use iced::{Event, Font, Settings};

use crate::fonts::{VAZIRMATN_BOLD, VAZIRMATN_REGULAR};

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
    use iced_core::text::{self, Paragraph as _};
    for font in settings().fonts {
        iced_graphics::text::font_system().write().unwrap_or_else(|e| panic!("{e}")).load_font(font);
    }
    iced_graphics::text::Paragraph::with_text(text::Text {
        content,
        bounds: iced::Size::new(super::rtl_input::SHAPING_WIDTH, 100.0),
        size: 16.into(),
        line_height: text::LineHeight::default(),
        font: Font::with_name("Vazirmatn"),
        align_x: text::Alignment::Left,
        align_y: iced::alignment::Vertical::Top,
        shaping: text::Shaping::Advanced,
        wrapping: text::Wrapping::None,
    })
}

//! Keyboard shortcuts of the whole window, by physical key so they work with a Persian layout.

use iced::keyboard::key::{Code, Named, Physical};
use iced::keyboard::{self, Key};
use iced::{Event, Subscription, event, window};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+N
    NewCase,
    /// Ctrl+F
    Search,
    Escape,
    /// Tab or Shift+Tab that no widget took: the keyboard focus moves between fields.
    Focus {
        forward: bool,
    },
}

/// Listened to even when a text field has the key: Esc leaves a form from inside its fields.
pub fn shortcuts() -> Subscription<Shortcut> {
    event::listen_with(shortcut)
}

fn shortcut(event: Event, status: event::Status, _window: window::Id) -> Option<Shortcut> {
    let Event::Keyboard(keyboard::Event::KeyPressed { key, physical_key, modifiers, .. }) = event else { return None };
    match (key, physical_key) {
        (Key::Named(Named::Tab), _) if status == event::Status::Ignored => Some(Shortcut::Focus { forward: !modifiers.shift() }),
        (Key::Named(Named::Escape), _) => Some(Shortcut::Escape),
        (_, Physical::Code(Code::KeyN)) if modifiers.command() => Some(Shortcut::NewCase),
        (_, Physical::Code(Code::KeyF)) if modifiers.command() => Some(Shortcut::Search),
        _ => None,
    }
}

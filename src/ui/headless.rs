//! Drawing without a window, for the UI benchmark and the simulator tests: the tiny-skia software
//! renderer (the one office PCs without a GPU driver fall back to) with Vazirmatn loaded as the
//! window loads it.

use iced::{Font, Pixels};
use iced_core::renderer::Headless as _;

use crate::fonts::{VAZIRMATN_BOLD, VAZIRMATN_REGULAR};

pub fn load_fonts() {
    // A poisoned lock means a thread panicked while loading fonts; its fonts are still usable.
    let mut system = iced_graphics::text::font_system().write().unwrap_or_else(std::sync::PoisonError::into_inner);
    for font in [VAZIRMATN_REGULAR, VAZIRMATN_BOLD] {
        system.load_font(std::borrow::Cow::Borrowed(font));
    }
}

/// A software renderer, or `None` if one cannot be made.
pub fn renderer() -> Option<iced::Renderer> {
    load_fonts();
    iced::futures::executor::block_on(iced::Renderer::new(Font::with_name("Vazirmatn"), Pixels(16.0), Some("tiny-skia")))
}

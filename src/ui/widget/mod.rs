//! The project's own widgets.
//!
//! # `rtl_input`: one line of Persian, English or mixed text
//!
//! iced 0.14's `text_input` gets right-to-left editing wrong (measured in `iced_findings`): the
//! arrows move in logical order whatever the direction, so in Persian the left arrow walks the
//! cursor rightwards; the cursor and selection are placed by counting graphemes from the left, so
//! they are drawn on the wrong side of Persian letters; the paragraph takes its direction from the
//! first letter typed (a name starting with a digit or a Latin word turns the line left-to-right)
//! and the value is left-aligned. `rtl_input` fixes these, and is what screens use for every
//! text field:
//!
//! ```ignore
//! use crate::ui::widget::{Direction, rtl_input};
//! rtl_input(&placeholder, &state.query)        // shows `value`, placeholder while empty
//!     .direction(Direction::of(language))      // Persian: right-to-left, right-aligned (the default)
//!     .on_input(Message::QueryChanged)         // without it the box is read-only
//!     .on_submit(Message::Search)              // Enter
//!     .id("catalog-search")                    // for focus operations and tests
//!     .padding(8).size(16).width(Length::Fill)
//! ```
//!
//! Keys: arrows move by grapheme in the direction they point (Ctrl: by word), Shift selects,
//! Home/End go to the logical start/end, Backspace removes the character before the cursor and
//! Delete the one after (Ctrl: a word), Ctrl+A/C/X/V select all, copy, cut and paste (by physical
//! key, so they work with the Persian layout too), Enter submits, Esc leaves the box. Text is kept
//! as typed: Persian, Arabic and Latin digits alike. It is `Focusable`, so Tab moves into it
//! (`FocusScope` with `ui::keys`, in reading order). The editing rules are plain Rust in
//! `editor` and tested there; the widget only maps events and draws.
//!
//! # `button` and `checkbox`: controls the keyboard reaches
//!
//! iced 0.14's buttons and checkboxes cannot take the focus, so without a mouse a clerk could not
//! reach "save", a decision's branches or the side bar. `focus::Focus` wraps them: it is
//! `Focusable` (Tab reaches it in reading order), draws a ring while focused, and sends the
//! control's message on Enter or Space. Screens import `ui::widget::button` in place of iced's and
//! use it the same way (`button(content).style(button::primary).on_press(message)`).
//!
//! # `list`: a long list as one Tab stop
//!
//! `list(rows, spacing)` with rows `(key, list::row(content, message).style(…).width(…))`: one
//! focusable control; Up/Down, Home/End and PageUp/PageDown move its current row (ringed), Enter or
//! Space sends the row's message, a click sends it as iced's button does. `ui::keys` scrolls the
//! current row into view.

pub mod button;
mod editor;
mod fit;
mod focus;
mod focus_scope;
pub mod list;
mod rtl_input;

pub use button::{button, checkbox, radio};
pub use editor::{Direction, Editor};
pub use fit::fit;
pub(crate) use focus::{activates, draw_ring};
pub use focus_scope::FocusScope;
pub use list::list;
pub use rtl_input::{RtlInput, State as RtlInputState, rtl_input};

#[cfg(test)]
mod iced_findings;
#[cfg(test)]
pub(crate) mod sim;
#[cfg(test)]
mod tests;

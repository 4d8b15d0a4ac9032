//! The desktop application (iced): `app` switches screens, each screen is one module.

mod app;
mod diagram_view;
mod rtl;
mod screens;
pub mod widget;

pub use app::{RunError, run};

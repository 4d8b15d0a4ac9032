//! The desktop application (iced): `app` switches screens, each screen is one module.

mod app;
pub mod diagram_view;
mod rtl;
mod screens;

pub use app::{RunError, run};

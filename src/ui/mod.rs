//! The desktop application (iced): `app` switches screens, each screen is one module.

mod app;
#[cfg(feature = "store")]
pub mod bench;
pub mod diagram_view;
mod headless;
mod rtl;
mod screens;
pub mod widget;

pub use app::{RunError, run};

//! The desktop application (iced): `app` switches screens, each screen is one module.

mod app;
mod chart;
mod diagram_view;
mod keys;
mod rtl;
mod screens;
mod session;

pub use app::{RunError, run};

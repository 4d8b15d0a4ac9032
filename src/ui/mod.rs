//! The desktop application (iced): `app` switches screens, each screen is one module.

mod app;
#[cfg(feature = "store")]
pub mod bench;
mod chart;
pub mod crash;
mod diagram_legend;
pub mod diagram_view;
mod files;
mod headless;
mod keys;
mod printing;
mod rtl;
mod screens;
mod sync_runner;
pub mod widget;

pub use app::{RunError, run};

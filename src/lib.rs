//! Bakhshyar (بخش‌یار): the service catalogue, cases and issued documents of a district office.
//!
//! `domain` is plain Rust with no I/O; the other modules are adapters around it.

pub mod catalog_data;
pub mod diagram;
pub mod domain;
pub mod fonts;
#[cfg(feature = "hub")]
pub mod hub;
pub mod i18n;
#[cfg(test)]
mod layers;
#[cfg(feature = "store")]
pub mod office;
#[cfg(feature = "print")]
pub mod print;
pub mod shaping;
pub mod signing;
#[cfg(feature = "store")]
pub mod store;
#[cfg(feature = "sync")]
pub mod sync;
#[cfg(feature = "gui")]
pub mod ui;

/// The catalogue and locale files, built into the binary by `build.rs`.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

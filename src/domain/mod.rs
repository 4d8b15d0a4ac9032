//! The domain: plain Rust with no I/O and no GUI, storage or PDF types.

pub mod account;
pub mod applicant;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod issued;
pub mod role;
pub mod text;
pub mod tracking;
pub mod workflow;

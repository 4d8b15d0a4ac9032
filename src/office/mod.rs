//! The acts of the office, one function each, called alike by the window and the command line:
//! each takes the store, the acting account (inside `Context`, with the time and the note) and the
//! act's input, lets the domain decide, and makes one write transaction. Screens and `cli/` gather
//! input and show results; they reach the store only through here.
//!
//! Advancing a case, deciding at a decision (the branch label) and returning it for correction
//! (the workflow's edge back) are one act, `advance`: the workflow graph tells them apart.

pub mod accounts;
pub mod cases;
#[cfg(feature = "print")]
pub mod paper;
pub mod password;
#[cfg(feature = "print")]
pub mod print;
pub mod records;

pub use cases::{
    NewCase, add_note, advance, attach, find_case, issue, mark_document, migrate_case, open_case, record_paper_decision, revoke,
    search,
};

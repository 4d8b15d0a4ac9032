//! A printed PDF sent to paper through the system's print spooler: CUPS's `lp` and `lpstat` on
//! Linux (and macOS), the shell's "printto" verb on Windows (`spool/windows.rs`). The programs are
//! started with their arguments, never through a shell, and a printer's name is checked before
//! it reaches them. Each call blocks on the spooler: the window runs it in a `Task`.

#[cfg(not(windows))]
mod cups;
#[cfg(windows)]
mod windows;

use std::path::Path;

use crate::i18n::{Arg, Localizer};

#[cfg(not(windows))]
use self::cups as system;
#[cfg(windows)]
use self::windows as system;

/// CUPS takes up to 127 bytes in a queue's name.
const LONGEST_NAME: usize = 127;

/// A printer's name as the spooler knows it (`Office_Laser`, `pdf@10.0.0.7`): letters and digits,
/// then also `- _ . @ + :`; never a leading `-` (it would read as an option), a space, a quote or
/// a shell's metacharacter, none of which a CUPS queue's name holds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PrinterName(String);

impl PrinterName {
    pub fn parse(text: &str) -> Result<Self, SpoolError> {
        let refused = || Err(SpoolError::BadName(text.to_owned()));
        let mut chars = text.chars();
        match chars.next() {
            Some(first) if first.is_alphanumeric() => {}
            _ => return refused(),
        }
        if text.len() > LONGEST_NAME || !chars.all(|c| c.is_alphanumeric() || "-_.@+:".contains(c)) {
            return refused();
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PrinterName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The printers this computer can print on, and the one it prints on unless told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printers {
    pub names: Vec<PrinterName>,
    pub default: Option<PrinterName>,
}

/// A job the spooler took: its printer and, where the spooler gives one, its id (`Office-42`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub printer: PrinterName,
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpoolError {
    #[error("{0:?} is not a printer's name")]
    BadName(String),
    /// The spooler's program is not installed (no CUPS client on Linux).
    #[error("{program} was not found")]
    NoSpooler { program: &'static str },
    /// The spooler's service does not answer (cupsd stopped).
    #[error("the print service does not answer: {detail}")]
    NotRunning { detail: String },
    /// No printer was named and the system has no default one.
    #[error("no printer chosen and no default printer")]
    NoPrinter,
    #[error("no printer {0} on this computer")]
    UnknownPrinter(PrinterName),
    /// The spooler would not take the job.
    #[error("{printer} refused the job: {detail}")]
    Refused { printer: PrinterName, detail: String },
}

impl SpoolError {
    /// The reader's message, naming what to do; `ltr` sets names and system text apart inside a
    /// right-to-left line where the caller needs that.
    pub fn message(&self, loc: &Localizer, ltr: impl Fn(&str) -> String) -> String {
        match self {
            SpoolError::BadName(name) => loc.text("spool-error-bad-name", &[("name", Arg::Text(&ltr(name)))]),
            SpoolError::NoSpooler { program } => loc.text("spool-error-no-spooler", &[("program", Arg::Text(&ltr(program)))]),
            SpoolError::NotRunning { detail } => loc.text("spool-error-not-running", &[("detail", Arg::Text(&ltr(detail)))]),
            SpoolError::NoPrinter => loc.text("spool-error-no-printer", &[]),
            SpoolError::UnknownPrinter(name) => {
                loc.text("spool-error-unknown-printer", &[("name", Arg::Text(&ltr(name.as_str())))])
            }
            SpoolError::Refused { printer, detail } => loc
                .text("spool-error-refused", &[("name", Arg::Text(&ltr(printer.as_str()))), ("detail", Arg::Text(&ltr(detail)))]),
        }
    }
}

/// The printers the system knows, and its default.
pub fn printers() -> Result<Printers, SpoolError> {
    system::printers()
}

/// The printer a job for `wanted` goes to: that one if the system has it, else the system's
/// default. Called before a document is rendered and counted, so that a missing spooler or
/// printer stops the print before it uses up a copy.
pub fn destination(wanted: Option<&PrinterName>) -> Result<PrinterName, SpoolError> {
    let known = printers()?;
    match wanted {
        Some(name) if known.names.contains(name) => Ok(name.clone()),
        Some(name) => Err(SpoolError::UnknownPrinter(name.clone())),
        None => known.default.ok_or(SpoolError::NoPrinter),
    }
}

/// Sends the PDF `file` to `printer`, `title` naming the job in the printer's queue.
pub fn send(file: &Path, printer: &PrinterName, title: &str) -> Result<Job, SpoolError> {
    system::send(file, printer, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printer_names_that_could_pass_for_options_or_shell_are_refused() {
        for good in ["Office_Laser", "cups-pdf", "PDF", "hp.2nd-floor", "pdf@10.0.0.7", "چاپگر۱"] {
            assert_eq!(PrinterName::parse(good).map(|n| n.to_string()).as_deref(), Ok(good));
        }
        let long = "p".repeat(LONGEST_NAME + 1);
        for bad in
            ["", "-d", "--help", "a b", "a;rm -rf ~", "$(reboot)", "`id`", "a|b", "a'b", "a\"b", "a/b", "a#b", "a\nb", &long]
        {
            assert_eq!(PrinterName::parse(bad), Err(SpoolError::BadName(bad.to_owned())), "{bad:?}");
        }
    }
}

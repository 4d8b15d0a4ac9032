//! Windows: the shell's "printto" verb (`ShellExecute`), reached through PowerShell's
//! `Start-Process -Verb PrintTo`, hands the PDF to the program registered for PDFs with the
//! printer's name — the path every Windows application's "print" takes, with the office's own
//! PDF reader and printer driver. The `printers` crate was not taken: its Windows path writes the
//! file's bytes RAW to the spooler, which an office laser that speaks no PDF prints as garbage;
//! calling `ShellExecuteW` ourselves would need `unsafe`, which the crate forbids.
//!
//! The file and the printer reach PowerShell in environment variables, never inside the script's
//! text, so nothing in them is read as PowerShell. Windows gives no job id for this path.
//!
//! Never compiled here (docs/windows.md): the first Windows build must check it.

use std::path::Path;
use std::process::{Command, Output};

use super::{Job, PrinterName, Printers, SpoolError};

const POWERSHELL: &str = "powershell";

/// One line per printer: `True` or `False` (is it the default), a tab, its name.
const LIST: &str = "Get-CimInstance -ClassName Win32_Printer | ForEach-Object { '{0}`t{1}' -f $_.Default, $_.Name }";

/// `ArgumentList` is the printer's name in quotes: a name may hold no quote (`PrinterName`).
const PRINT_TO: &str = "$ErrorActionPreference = 'Stop'; \
    Start-Process -FilePath $env:BAKHSHYAR_PRINT_FILE -Verb PrintTo \
    -ArgumentList ('\"' + $env:BAKHSHYAR_PRINTER + '\"') -WindowStyle Hidden";

pub fn printers() -> Result<Printers, SpoolError> {
    let output = powershell(LIST, &[])?;
    if !output.status.success() {
        return Err(SpoolError::NotRunning { detail: detail(&output) });
    }
    let mut printers = Printers::default();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Some((default, name)) = line.trim().split_once('\t') else { continue };
        // A Windows printer's name may hold what a CUPS queue's may not (spaces, `\\server\`):
        // such a printer is not offered rather than passed on unchecked.
        let Ok(name) = PrinterName::parse(name) else { continue };
        if default.eq_ignore_ascii_case("true") {
            printers.default = Some(name.clone());
        }
        printers.names.push(name);
    }
    Ok(printers)
}

pub fn send(file: &Path, printer: &PrinterName, _title: &str) -> Result<Job, SpoolError> {
    let file = file.as_os_str();
    let output =
        powershell(PRINT_TO, &[("BAKHSHYAR_PRINT_FILE", file), ("BAKHSHYAR_PRINTER", std::ffi::OsStr::new(printer.as_str()))])?;
    if !output.status.success() {
        // Most often: no PDF reader with a "printto" verb is installed.
        return Err(SpoolError::Refused { printer: printer.clone(), detail: detail(&output) });
    }
    Ok(Job { printer: printer.clone(), id: None })
}

fn powershell(script: &str, env: &[(&str, &std::ffi::OsStr)]) -> Result<Output, SpoolError> {
    let mut command = Command::new(POWERSHELL);
    command.args(["-NoProfile", "-NonInteractive", "-Command", script]);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => SpoolError::NoSpooler { program: POWERSHELL },
        _ => SpoolError::NotRunning { detail: e.to_string() },
    })
}

fn detail(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_owned()
}

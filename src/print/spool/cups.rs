//! CUPS through its own clients: `lpstat -e` lists the queues (`lpstat -r` tells whether cupsd
//! answers at all), `lpstat -d` names the default and
//! `lp -d QUEUE -t TITLE -- FILE` sends a job. They run in the C locale, whose wording is the one
//! read back here (the job's id, the default's name).

use std::path::Path;
use std::process::{Command, Output};

use super::{Job, PrinterName, Printers, SpoolError};

pub fn printers() -> Result<Printers, SpoolError> {
    let listed = run("lpstat", &["-e"])?;
    if !listed.status.success() {
        return Err(not_running(&listed));
    }
    let names: Vec<PrinterName> =
        String::from_utf8_lossy(&listed.stdout).lines().filter_map(|line| PrinterName::parse(line.trim()).ok()).collect();
    // `lpstat -e` lists nothing, and succeeds, when cupsd is down: tell that from "no printers".
    if names.is_empty() {
        let scheduler = run("lpstat", &["-r"])?;
        let said = String::from_utf8_lossy(&scheduler.stdout);
        if said.contains("not running") {
            return Err(SpoolError::NotRunning { detail: said.trim().to_owned() });
        }
    }
    // "no system default destination" is a success with no name in it.
    let default = run("lpstat", &["-d"])?;
    let default = String::from_utf8_lossy(&default.stdout).lines().find_map(default_of);
    Ok(Printers { names, default })
}

pub fn send(file: &Path, printer: &PrinterName, title: &str) -> Result<Job, SpoolError> {
    // `--` ends the options: nothing after it, the file's name included, is read as one.
    let mut command = command("lp");
    command.args(["-d", printer.as_str(), "-t", title, "--"]).arg(file);
    let output = command.output().map_err(|e| spawn_failed("lp", &e))?;
    if !output.status.success() {
        return Err(SpoolError::Refused { printer: printer.clone(), detail: detail(&output) });
    }
    Ok(Job { printer: printer.clone(), id: job_id(&String::from_utf8_lossy(&output.stdout)) })
}

fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("LC_ALL", "C").env_remove("LANGUAGE");
    command
}

fn run(program: &'static str, args: &[&str]) -> Result<Output, SpoolError> {
    command(program).args(args).output().map_err(|e| spawn_failed(program, &e))
}

fn spawn_failed(program: &'static str, error: &std::io::Error) -> SpoolError {
    match error.kind() {
        std::io::ErrorKind::NotFound => SpoolError::NoSpooler { program },
        _ => SpoolError::NotRunning { detail: error.to_string() },
    }
}

fn not_running(output: &Output) -> SpoolError {
    SpoolError::NotRunning { detail: detail(output) }
}

/// The spooler's own words on a failure: its error stream, else its output.
fn detail(output: &Output) -> String {
    let text = if output.stderr.is_empty() { &output.stdout } else { &output.stderr };
    String::from_utf8_lossy(text).trim().to_owned()
}

/// `system default destination: Office` → `Office`.
fn default_of(line: &str) -> Option<PrinterName> {
    let name = line.strip_prefix("system default destination:")?;
    PrinterName::parse(name.trim()).ok()
}

/// `request id is Office-42 (1 file(s))` → `Office-42`.
fn job_id(output: &str) -> Option<String> {
    let rest = output.split_once("request id is ")?.1;
    rest.split_whitespace().next().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_job_id_and_the_default_are_read_from_cups_words() {
        assert_eq!(job_id("request id is PDF-12 (1 file(s))\n").as_deref(), Some("PDF-12"));
        assert_eq!(job_id("lp: Error - no default destination available.\n"), None);
        assert_eq!(
            default_of("system default destination: Office_Laser").map(|n| n.to_string()).as_deref(),
            Some("Office_Laser")
        );
        assert_eq!(default_of("no system default destination"), None);
        assert_eq!(default_of("system default destination: -x"), None, "a name lpstat gives is still checked");
    }
}

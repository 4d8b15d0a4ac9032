//! The real `bakhshyar-hub`: one command, or `serve` on a free port of 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

pub const HUB: &str = env!("CARGO_BIN_EXE_bakhshyar-hub");

/// The hub with `args` on its data folder `dir`, in English.
pub fn hub(dir: &Path, args: &[&str]) -> Output {
    Command::new(HUB)
        .args(["--lang", "en", "--data-dir"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run bakhshyar-hub: {e}"))
}

/// A serving hub, killed when dropped.
pub struct Serving {
    child: Child,
    pub url: String,
}

impl Serving {
    pub fn start(dir: &Path) -> Self {
        let mut child = Command::new(HUB)
            .args(["--lang", "en", "--data-dir"])
            .arg(dir)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the hub: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap_or_else(|e| panic!("{e}"));
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("no address in {line}"));
        Self { url: url.to_owned(), child }
    }

    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

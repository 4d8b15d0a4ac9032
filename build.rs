//! Embeds every file of `assets/catalog` and `locales` into the binary, so the program needs no files beside it,
//! with the built-in catalogue's version (its content hash, as `catalog_data::version_of` computes it) so
//! that reading one service of it does not hash all its files on each start.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

use sha2::{Digest, Sha256};

fn main() {
    // Read when the script runs, not baked in when it is compiled: a target folder copied from another
    // checkout would otherwise keep embedding that checkout's files.
    let root = std::path::PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = root.as_path();
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    let mut code = String::new();
    for (name, dir, ext) in [("CATALOG_FILES", "assets/catalog", "toml"), ("LOCALE_FILES", "locales", "ftl")] {
        println!("cargo::rerun-if-changed={dir}");
        let _ = writeln!(code, "pub static {name}: &[(&str, &str)] = &[");
        for path in files(&root.join(dir), ext) {
            let relative = path.strip_prefix(root.join(dir)).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let _ = writeln!(code, "    ({relative:?}, include_str!({:?})),", path.display().to_string());
        }
        code.push_str("];\n");
    }
    let _ = writeln!(code, "pub const CATALOG_VERSION: &str = {:?};", catalog_version(&root.join("assets/catalog")));
    // Written beside and renamed: a target folder copied with hard links shares this file's inode
    // with other checkouts, and writing in place would change their embedded files too.
    let temp = out.with_extension("rs.partial");
    if let Err(e) = fs::write(&temp, code).and_then(|()| fs::rename(&temp, &out)) {
        panic!("cannot write {}: {e}", out.display());
    }
}

/// `catalog_data::version_of` of the catalogue folder: a SHA-256 of each file's name and text, in
/// name order, its first 6 bytes in hex (a test checks the two agree).
fn catalog_version(dir: &Path) -> String {
    let mut named: Vec<(String, String)> = files(dir, "toml")
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, text)
        })
        .collect();
    named.sort();
    let mut hasher = Sha256::new();
    for (name, text) in &named {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hasher.update([0]);
    }
    hasher.finalize().iter().take(6).fold(String::new(), |hex, b| hex + &format!("{b:02x}"))
}

/// Files with extension `ext` under `dir`, one level of sub-folders deep, sorted.
fn files(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            found.push(path);
        }
    }
    found.sort();
    found
}

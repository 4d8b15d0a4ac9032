//! The order of the layers (DESIGN.md, "Layers that point down"), checked on the source: every
//! module of `src/` may use only the modules of the layers below its own (the core's modules may
//! use each other). Test code is left out: a test may set up any world it needs, a hub included.

/// Every module of `src/` and its layer, in one place. The programs' own code sits on top: `cli`
/// (`main.rs` and `cli/`: the command line, and the start of the window) and `bin` (`bakhshyar-hub`).
const LAYERS: &[(&str, u8)] = &[
    // The core: plain Rust, no I/O.
    ("embedded", 0),
    ("fonts", 0),
    ("domain", 0),
    ("catalog_data", 0),
    ("signing", 0),
    ("shaping", 0),
    // Fluent bundles, digits and dates for people.
    ("i18n", 1),
    ("store", 2),
    ("print", 2),
    ("diagram", 2),
    ("sync", 3),
    ("office", 4),
    // The faces: the window and the province hub.
    ("ui", 5),
    ("hub", 5),
    // The programs.
    ("cli", 6),
    ("bin", 6),
];

const CORE: u8 = 0;

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(name, _)| *name == module).map(|(_, layer)| *layer)
}

/// One import that points up or sideways: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// The module a file of `src/` belongs to, and the prefix its imports of the library take.
fn module_of(relative: &str) -> (String, &'static str) {
    let first = relative.split('/').next().unwrap_or_default().trim_end_matches(".rs");
    match first {
        "main" | "cli" => ("cli".to_owned(), "bakhshyar::"),
        "bin" => ("bin".to_owned(), "bakhshyar::"),
        other => (other.to_owned(), "crate::"),
    }
}

/// The production lines of a file: a `#[cfg(test)]` item (a module, a `use`, a function) is left
/// out, through its closing brace.
fn production_lines(source: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let (mut skipping, mut depth, mut pending_test) = (false, 0i64, false);
    for (index, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if !skipping && (trimmed.starts_with("#[cfg(test)]") || trimmed.starts_with("#[cfg(all(test")) {
            pending_test = true;
            continue;
        }
        if pending_test && !skipping {
            if trimmed.starts_with("#[") {
                continue;
            }
            pending_test = false;
            depth = braces(line);
            skipping = depth > 0;
            continue;
        }
        if skipping {
            depth += braces(line);
            skipping = depth > 0;
            continue;
        }
        if !trimmed.starts_with("//") {
            lines.push((index + 1, line));
        }
    }
    lines
}

fn braces(line: &str) -> i64 {
    line.chars()
        .map(|c| match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        })
        .sum()
}

/// The modules a line names after `prefix` (`crate::store::…` names `store`).
fn named_modules<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    line.match_indices(prefix)
        .filter(|(at, _)| !line[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .filter_map(|(at, _)| {
            let rest = &line[at + prefix.len()..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            (end > 0).then(|| &rest[..end])
        })
        .collect()
}

/// The violations in one file, `relative` to `src/`. A file of a module the table lacks is one.
fn check_file(relative: &str, source: &str) -> Vec<Violation> {
    let (from, prefix) = module_of(relative);
    let violation = |line, to: &str| Violation { file: format!("src/{relative}"), line, from: from.clone(), to: to.to_owned() };
    let Some(own) = layer(&from) else { return vec![violation(0, "(a module the layer table lacks)")] };
    let mut found = Vec::new();
    for (number, line) in production_lines(source) {
        for to in named_modules(line, prefix) {
            let allowed = to == from || layer(to).is_some_and(|l| l < own || (l == CORE && own == CORE));
            if !allowed {
                found.push(violation(number, to));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The files of modules declared `#[cfg(test)] mod name;`: the whole file is test code.
    fn test_module_files(src: &Path, files: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
        let mut found = Vec::new();
        for file in files {
            let source = std::fs::read_to_string(file).unwrap_or_default();
            let lines: Vec<&str> = source.lines().map(str::trim).collect();
            for pair in lines.windows(2) {
                let Some(name) = pair[1].strip_prefix("mod ").and_then(|rest| rest.strip_suffix(';')) else { continue };
                if !(pair[0].starts_with("#[cfg(test)]") || pair[0].starts_with("#[cfg(all(test")) {
                    continue;
                }
                let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                let parent = file.parent().unwrap_or(src);
                let dir = if matches!(stem, "mod" | "lib" | "main") { parent.to_path_buf() } else { parent.join(stem) };
                found.push(dir.join(format!("{name}.rs")));
                found.push(dir.join(name).join("mod.rs"));
            }
        }
        found
    }

    #[test]
    fn every_import_points_down_the_layers() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let tests = test_module_files(&src, &files);
        let mut violations = Vec::new();
        for file in &files {
            let relative = file.strip_prefix(&src).unwrap_or(file).to_string_lossy().replace('\\', "/");
            if relative == "lib.rs" || relative == "layers.rs" || tests.contains(file) {
                continue;
            }
            let source = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            violations.extend(check_file(&relative, &source));
        }
        let report: Vec<String> =
            violations.iter().map(|v| format!("{}:{}: {} may not use {}", v.file, v.line, v.from, v.to)).collect();
        assert!(report.is_empty(), "imports that point up or sideways (src/layers.rs has the order):\n{}", report.join("\n"));
        assert!(files.len() > 100, "only {} files found under {}", files.len(), src.display());
    }

    #[test]
    fn an_upward_import_is_named_with_its_line_and_test_code_is_not() {
        let source = "use crate::domain::case::Case;\nuse crate::sync::Receipt;\n\n#[cfg(test)]\nmod tests {\n    use crate::ui::App;\n    fn f() { let _ = format!(\"{}\", 1); }\n}\nfn g() -> crate::office::X {}\n";
        let found = check_file("store/outbox.rs", source);
        let named: Vec<(usize, &str)> = found.iter().map(|v| (v.line, v.to.as_str())).collect();
        assert_eq!(named, vec![(2, "sync"), (9, "office")]);
        assert_eq!(check_file("cli/case.rs", "use bakhshyar::store::Database;\nuse crate::cli::Output;\n"), Vec::new());
        assert_eq!(check_file("sidecar.rs", "").len(), 1, "a module the table lacks");
        assert_eq!(check_file("domain/case.rs", "use crate::catalog_data::x;\n"), Vec::new(), "the core uses itself");
        assert_eq!(check_file("print/pdf.rs", "use crate::diagram::x;\n").len(), 1, "a peer layer");
    }
}

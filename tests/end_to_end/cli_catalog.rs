//! The real `bakhshyar` binary, driven as an administrator or a script would.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::{bakhshyar, stderr, stdout};

fn export() -> Value {
    let output = bakhshyar(&["catalog", "export", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("export is not JSON: {e}"))
}

#[test]
fn export_has_the_fields_scripts_rely_on() {
    let catalog = export();
    let services = catalog["services"].as_array().unwrap_or_else(|| panic!("services"));
    assert!(services.len() > 300, "{} services", services.len());
    for s in services {
        assert!(s["id"].is_null() || s["id"].as_str().is_some_and(|id| id.len() == 11 && id.bytes().all(|b| b.is_ascii_digit())));
        for key in ["title_fa", "sub_title_fa", "unit_fa"] {
            assert!(s[key].as_str().is_some_and(|t| !t.is_empty()), "{key} in {s}");
        }
        // A service added from the diagram pages (numbered after the first edition's 325) may not
        // know its kind or whether it has clients: the booklet prints no row for it.
        let added = s["number"].as_u64().is_some_and(|n| n > 325);
        assert!(
            ["exclusive", "general", "shared"].contains(&s["kind"].as_str().unwrap_or_default())
                || (added && s["kind"].is_null()),
            "{s}"
        );
        assert!(s["has_client"].is_boolean() || (added && s["has_client"].is_null()), "{s}");
        assert!(s["documents_fa"].is_array());
        assert!(s["issues_document"].is_null() || s["issues_document"].is_string());
        let workflow = &s["workflow"];
        assert!(workflow["generic"].is_boolean());
        for node in workflow["nodes"].as_array().unwrap_or_else(|| panic!("nodes")) {
            assert!(node["id"].is_string() && node["label_fa"].is_string());
            assert!(["start", "task", "decision", "end"].contains(&node["kind"].as_str().unwrap_or_default()));
            assert!(node["actor_fa"].is_null() || node["actor_fa"].is_string());
            assert!(node["inferred"].is_boolean());
        }
        for edge in workflow["edges"].as_array().unwrap_or_else(|| panic!("edges")) {
            assert!(edge["from"].is_string() && edge["to"].is_string());
            assert!(edge["label_fa"].is_null() || edge["label_fa"].is_string());
            assert!(edge["inferred"].is_boolean() && (edge["inferred"] == false || edge["label_fa"].is_string()));
        }
    }
    let generic = services.iter().filter(|s| s["workflow"]["generic"] == Value::Bool(true)).count();
    assert!(generic > 0 && generic < services.len());
    // The branch labels the booklet does not print are marked (issue 19).
    let gatherings = services.iter().find(|s| s["id"] == "12012155101").unwrap_or_else(|| panic!("gatherings"));
    let announce = gatherings["workflow"]["nodes"].as_array().and_then(|n| n.iter().find(|n| n["id"] == "d5").cloned());
    assert_eq!(announce.map(|n| n["kind"].clone()), Some(Value::from("task")));
    let units = catalog["units"].as_array().unwrap_or_else(|| panic!("units"));
    let absent: Vec<&Value> = units.iter().flat_map(|u| u["absent"].as_array().into_iter().flatten()).collect();
    assert_eq!(absent.len(), 1);
    assert_eq!((absent[0]["row"].as_u64(), absent[0]["reason"].as_str()), (Some(18), Some("no_trace")));
}

#[test]
fn show_finds_a_service_by_id_number_or_persian_digits() {
    let by_id = bakhshyar(&["catalog", "show", "17042155100", "--json"]);
    assert!(by_id.status.success(), "{}", stderr(&by_id));
    let service: Value = serde_json::from_slice(&by_id.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(service["id"], "17042155100");
    let number = service["number"].as_u64().unwrap_or_default().to_string();
    let persian: String = number.chars().map(|c| char::from_u32(u32::from(c) - 0x30 + 0x06F0).unwrap_or(c)).collect();
    for query in [number.as_str(), persian.as_str(), "۱۷۰۴۲۱۵۵۱۰۰"] {
        let again = bakhshyar(&["catalog", "show", query, "--json"]);
        let found: Value = serde_json::from_slice(&again.stdout).unwrap_or_else(|e| panic!("{query}: {e}"));
        assert_eq!(found["id"], "17042155100", "{query}");
    }
    let human = stdout(&bakhshyar(&["catalog", "show", "17042155100"]));
    assert!(human.contains("شناسه خدمت: ۱۷۰۴۲۱۵۵۱۰۰"), "{human}");
    assert!(human.contains("بلی") && human.contains("خیر"), "{human}");
    let english = stdout(&bakhshyar(&["--lang", "en", "catalog", "show", "17042155100"]));
    assert!(english.contains("Service ID: 17042155100"), "{english}");
}

#[test]
fn an_unknown_service_is_a_clear_error() {
    let output = bakhshyar(&["catalog", "show", "99999999999"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("خدمتی با «99999999999» یافت نشد"), "{}", stderr(&output));
}

#[test]
fn wrong_arguments_exit_with_usage_errors() {
    for args in [
        &["catalog", "export"][..],
        &["catalog", "export", "--format", "xml"],
        &["catalog", "frobnicate"],
        &["--lang", "de", "catalog", "list"],
    ] {
        let output = bakhshyar(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn list_prints_one_line_per_service_in_persian_digits() {
    let output = bakhshyar(&["catalog", "list", "--unit", "foreign-nationals"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 47);
    assert!(text.lines().all(|l| l.chars().next().is_some_and(|c| ('۰'..='۹').contains(&c))), "{text}");
}

#[test]
fn check_passes_on_the_shipped_catalogue() {
    let output = bakhshyar(&["catalog", "check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("فهرست خدمات سالم است.") && text.contains("The catalogue is sound."), "{text}");
    // The count against the booklet's, and the service still absent with its reason.
    assert!(text.contains("کتابچه ۳۳۲ خدمت شمرده است؛ ۳۳۱ خدمت در فهرست آمده و ۱ خدمت نیامده است"), "{text}");
    assert!(text.contains("The booklet counts 332 services; 331 are in the catalogue and 1 absent"), "{text}");
    assert!(text.contains("دفتر امور روستایی و شوراها, row 18: absent, because the list table stops"), "{text}");
    assert!(!text.contains("named absent with a reason"), "every unit adds up: {text}");
}

fn broken_copy(edit: impl FnOnce(&Path)) -> Output {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    for entry in std::fs::read_dir(&source).unwrap_or_else(|e| panic!("{e}")).flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    edit(dir.path());
    bakhshyar(&["catalog", "check", &dir.path().to_string_lossy()])
}

fn rewrite(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_broken_workflow_is_named_by_file_row_and_problem_in_both_languages() {
    let output = broken_copy(|dir| {
        rewrite(&dir.join("political-elections-divisions.toml"), r#"label_fa = "خیر""#, r#"label_fa = "بلی""#);
    });
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("political-elections-divisions.toml، ردیف ۱: گردش کار: دو شاخه تصمیم"), "{err}");
    assert!(err.contains("political-elections-divisions.toml, row 1: workflow: two branches of decision"), "{err}");
}

#[test]
fn duplicate_ids_syntax_errors_and_missing_files_are_reported() {
    let output = broken_copy(|dir| {
        rewrite(&dir.join("foreign-nationals.toml"), r#"id = "12012154101""#, r#"id = "12012154100""#);
        rewrite(&dir.join("urban-councils.toml"), "[[services]]", "[[services]\n");
        std::fs::remove_file(dir.join("women-family.toml")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("stray.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    });
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("service ID 12012154100 is also used by foreign-nationals/1"), "{err}");
    assert!(err.contains("urban-councils.toml: is not valid TOML"), "{err}");
    assert!(err.contains("women-family.toml: is named in catalog.toml but the file is missing"), "{err}");
    assert!(err.contains("stray.toml: در catalog.toml نام برده نشده است"), "{err}");
}

#[test]
fn a_missing_folder_is_an_error_not_a_panic() {
    let output = bakhshyar(&["catalog", "check", "/nonexistent/catalog"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/nonexistent/catalog"));
}

#[test]
fn without_a_display_the_window_explains_instead_of_crashing() {
    let output = Command::new(env!("CARGO_BIN_EXE_bakhshyar"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("BAKHSHYAR_LANG")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("صفحه نمایشی در دسترس نیست"), "{}", stderr(&output));
}

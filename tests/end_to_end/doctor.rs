//! `bakhshyar doctor` as an IT officer runs it (issue 20): all well on a district that works and
//! syncs; a warning, exit 1, for a folder open to others; a problem, exit 2, for a hub that
//! answers with another key than the one the district was given. `--json` for scripts.

use crate::common::hub::{HubPlace, Serving, hub, hub_and_district};
use crate::common::{bakhshyar_in, open_permit_case, stdout};

fn doctor(dir: &std::path::Path, hub: &str) -> (Option<i32>, serde_json::Value) {
    let output = bakhshyar_in(dir, &["--lang", "en", "doctor", "--json", "--hub", hub]);
    let report = serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)));
    (output.status.code(), report)
}

fn level_of<'a>(report: &'a serde_json::Value, check: &str) -> &'a str {
    let findings = report["findings"].as_array().unwrap_or_else(|| panic!("no findings: {report}"));
    let found = findings.iter().find(|f| f["check"] == check).unwrap_or_else(|| panic!("no {check} in {report}"));
    found["level"].as_str().unwrap_or_default()
}

#[test]
fn doctor_finds_all_well_then_an_open_folder_then_a_hub_with_another_key() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (place, district) = hub_and_district(root.path());
    open_permit_case(&district, "زهرا کاظمی");
    let serving = Serving::start(&place);
    let (code, report) = doctor(&district, &serving.url);
    assert_eq!((code, report["level"].as_str()), (Some(0), Some("ok")), "{report}");
    for check in ["permissions", "disk", "database", "key", "backup", "hub", "clock", "outbox"] {
        assert_eq!(level_of(&report, check), "ok", "{check}: {report}");
    }
    let persian = stdout(&bakhshyar_in(&district, &["doctor", "--hub", &serving.url]));
    assert!(persian.contains("[درست]") && persian.contains("با همان کلیدی پاسخ می‌دهد"), "{persian}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&district, std::fs::Permissions::from_mode(0o755)).unwrap_or_else(|e| panic!("{e}"));
        let (code, report) = doctor(&district, &serving.url);
        assert_eq!((code, level_of(&report, "permissions")), (Some(1), "warning"), "{report}");
    }
    serving.stop();

    // Another hub at an address the district is pointed to: its key is not the one given.
    let impostor = HubPlace::redb(&root.path().join("impostor"));
    assert!(hub(&impostor, &["init"]).status.success());
    let serving = Serving::start(&impostor);
    let (code, report) = doctor(&district, &serving.url);
    assert_eq!((code, level_of(&report, "hub")), (Some(2), "problem"), "{report}");
}

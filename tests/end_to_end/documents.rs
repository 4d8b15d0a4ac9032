//! End to end: one document of every kind, for one applicant of every identity kind, printed in
//! Persian and English by the real binary and read back with `pdftotext` in logical order.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

use serde_json::Value;

use crate::common::{bakhshyar, bakhshyar_in, init_district, ok, refused, text_of};

/// One sample applicant per identity kind (a new kind adds a row): what `case new` takes for it,
/// the name, and what the Persian and the English body say of the ID. An office asks by letter,
/// for internal services only.
struct Sample {
    identity: &'static [&'static str],
    name: &'static str,
    fa: &'static str,
    en: &'static str,
    office: bool,
}

const APPLICANTS: &[Sample] = &[
    Sample {
        identity: &["--applicant-national-id", "0012345679"],
        name: "علی‌رضا محمدی",
        fa: "به کد ملی ۰۰۱۲۳۴۵۶۷۹",
        en: "national ID 0012345679",
        office: false,
    },
    Sample {
        identity: &["--applicant-national-id", "10380284790"],
        name: "شرکت نمونه",
        fa: "به شناسه‌ی ملی ۱۰۳۸۰۲۸۴۷۹۰",
        en: "legal-entity ID 10380284790",
        office: false,
    },
    Sample {
        identity: &["--applicant-foreign-code", "123456789012"],
        name: "محمد نوری",
        fa: "به کد یکتای اتباع ۱۲۳۴۵۶۷۸۹۰۱۲",
        en: "foreign national's unique code 123456789012",
        office: false,
    },
    Sample {
        identity: &["--applicant-passport", "K1234567"],
        name: "Ahmad Karimi",
        fa: "گذرنامه",
        en: "passport number K1234567",
        office: false,
    },
    Sample {
        identity: &["--office-letter-number", "۱۲۳/ص/۴۵", "--office-letter-date", "1405/09/01"],
        name: "دفتر امور اتباع و مهاجرین خارجی",
        fa: "نامه‌ی شماره‌ی",
        en: "letter no.",
        office: true,
    },
];

const CONDITIONS: &str = "فقط در ساعات اداری";

/// «صدور» and «رسید ثبت»: a step with either in its label hands the document over (as the domain's
/// rule, `domain::issued`, reads it).
fn speaks_of_issuing(node: &Value) -> bool {
    let label = node["label_fa"].as_str().unwrap_or_default().replace('\u{200C}', "");
    node["kind"] == "task" && (node["id"] == "issue" || label.contains("صدور") || label.contains("رسید ثبت"))
}

/// The steps from `from` to the service's first issuing step: (to, branch label, whether the
/// step left is the county's or above, whose decision comes on a letter).
fn path_to_issue(service: &Value, from: &str) -> Vec<(String, Option<String>, bool)> {
    let nodes: BTreeMap<&str, &Value> = service["workflow"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| (n["id"].as_str().unwrap_or_default(), n))
        .collect();
    let edges: Vec<&Value> = service["workflow"]["edges"].as_array().into_iter().flatten().collect();
    let leads_to_end = |id: &str| {
        edges
            .iter()
            .any(|e| e["from"] == id && nodes.get(e["to"].as_str().unwrap_or_default()).is_some_and(|n| n["kind"] == "end"))
    };
    let named: Vec<&str> = nodes.values().filter(|n| speaks_of_issuing(n)).filter_map(|n| n["id"].as_str()).collect();
    let issuing: Vec<&str> = if named.is_empty() {
        nodes.values().filter(|n| n["kind"] == "task").filter_map(|n| n["id"].as_str()).filter(|id| leads_to_end(id)).collect()
    } else {
        named
    };
    let mut came_from: BTreeMap<&str, (&str, Option<String>)> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    let mut found = None;
    while let Some(here) = queue.pop_front() {
        if issuing.contains(&here) {
            found = Some(here);
            break;
        }
        for edge in edges.iter().filter(|e| e["from"] == here) {
            let to = edge["to"].as_str().unwrap_or_default();
            if to != from && !came_from.contains_key(to) {
                came_from.insert(to, (here, edge["label_fa"].as_str().map(str::to_owned)));
                queue.push_back(to);
            }
        }
    }
    let mut steps = Vec::new();
    let mut at = found.unwrap_or_else(|| panic!("{}: no way from {from} to an issuing step", service["key"]));
    while let Some((before, label)) = came_from.get(at) {
        let upstream = nodes
            .get(before)
            .is_some_and(|n| ["county_office", "governorate", "ministry"].contains(&n["actor"].as_str().unwrap_or_default()));
        steps.push((at.to_owned(), label.clone(), upstream));
        at = before;
    }
    steps.reverse();
    steps
}

/// Opens a case of `service` for `applicant`, walks it to its issuing step and issues it.
fn issued_case(dir: &Path, service: &Value, applicant: &Sample) -> String {
    let key = service["key"].as_str().unwrap_or_default();
    let mut args = vec!["case", "new", "--service", key, "--applicant-name", applicant.name, "--json"];
    args.extend(applicant.identity);
    let created: Value = serde_json::from_str(&ok(&bakhshyar_in(dir, &args))).unwrap_or_else(|e| panic!("{e}"));
    let code = created["tracking_code"].as_str().unwrap_or_default().to_owned();
    let shown: Value =
        serde_json::from_str(&ok(&bakhshyar_in(dir, &["case", "show", &code, "--json"]))).unwrap_or_else(|e| panic!("{e}"));
    for (to, label, upstream) in path_to_issue(service, shown["step"].as_str().unwrap_or_default()) {
        let mut args = vec!["case", "advance", code.as_str(), "--to", to.as_str()];
        if let Some(label) = &label {
            args.extend(["--decision", label.as_str()]);
        }
        if upstream {
            args.extend(["--letter-number", "۱۲۳/ص", "--letter-date", "1405/09/10"]);
        }
        ok(&bakhshyar_in(dir, &args));
    }
    let issue = ["case", "issue", &code, "--conditions", CONDITIONS, "--missing-documents-reason", "آزمون"];
    ok(&bakhshyar_in(dir, &issue));
    code
}

#[test]
fn every_kind_prints_for_every_applicant_kind_in_both_languages_and_reads_back_in_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path();
    ok(&init_district(data, "12", "آبگرم"));
    let export: Value =
        serde_json::from_str(&ok(&bakhshyar(&["catalog", "export", "--format", "json"]))).unwrap_or_else(|e| panic!("{e}"));
    let services: Vec<&Value> = export["services"].as_array().into_iter().flatten().collect();
    let kinds = ["permit", "licence", "certificate", "card", "introduction_letter", "slip", "credential"].into_iter().chain([
        "decree",
        "approval",
        "official_letter",
        "registration_record",
    ]);
    let out = std::env::var_os("BAKHSHYAR_PRINT_DIR").map(std::path::PathBuf::from);
    let mut printed = [0; APPLICANTS.len()];
    let mut kinds_printed = std::collections::BTreeSet::new();
    for kind in kinds.clone() {
        for (n, applicant) in APPLICANTS.iter().enumerate() {
            // A service of the kind that this applicant may ask for (an office: an internal one), on
            // the generic workflow where there is one (the walk is shortest).
            let of_kind: Vec<&&Value> = services
                .iter()
                .filter(|s| s["issues_document"] == kind && (s["has_client"] == false) == applicant.office)
                .collect();
            let service = of_kind.iter().find(|s| s["workflow"]["generic"] == true).or(of_kind.first());
            // Not every kind is handed to both sides (a council member's card is asked for by the
            // council's office); every kind is printed for someone, below.
            let Some(service) = service else { continue };
            printed[n] += 1;
            kinds_printed.insert(kind);
            let grant = service["grant_fa"].as_str().unwrap_or_else(|| panic!("{kind}: no grant_fa"));
            let code = issued_case(data, service, applicant);
            for (language, duplicate) in [("fa", false), ("en", true)] {
                let file = data.join(format!("{kind}-{n}-{language}.pdf"));
                let path = file.to_string_lossy();
                let mut args = vec!["--lang", language, "print", code.as_str(), "--out", &path];
                if duplicate {
                    args.push("--duplicate");
                }
                ok(&bakhshyar_in(data, &args));
                if let Some(out) = &out {
                    std::fs::copy(&file, out.join(format!("{kind}-{n}-{language}.pdf"))).unwrap_or_else(|e| panic!("{e}"));
                }
                let lines = text_of(&file);
                let all = lines.join(" ");
                let (invocation, governorate, identity) = if language == "fa" {
                    ("بسمه‌تعالی", "استانداری قزوین", applicant.fa)
                } else {
                    ("In the Name of God", "Governorate of قزوین", applicant.en)
                };
                let context = format!("{kind} {language} {}: {lines:#?}", applicant.name);
                assert_eq!(lines.first().map(String::as_str), Some(invocation), "{context}");
                assert!(lines.iter().any(|l| l == governorate), "{context}");
                // pdftotext moves a Persian comma to the word after it («فرهنگی ،ورزشی») and, on an
                // English page, may give a Persian phrase's runs out of order though the page shows them
                // right (looked at as PNG): the grant is checked word by word.
                let words = grant.split(|c: char| c.is_whitespace() || c == '،').filter(|w| !w.is_empty());
                assert!(words.into_iter().all(|word| all.contains(word)), "{context}");
                assert!(all.contains(identity) && all.contains(applicant.name), "{context}");
                assert!(all.contains(CONDITIONS), "{context}");
                // The body names what is granted once, never as «… «صدور …»».
                assert!(!all.contains("«صدور"), "{context}");
            }
        }
    }
    assert_eq!(kinds_printed, kinds.collect(), "a kind no service hands over");
    assert!(printed.iter().all(|&n| n >= 3), "kinds printed for each applicant kind: {printed:?}");
}

/// Without the county and province in `office.toml` the letterhead would be a bare «بخشداری …»:
/// the print is refused, naming what to set and where, and no file is written.
#[test]
fn a_print_without_the_county_or_province_is_refused_naming_what_to_set() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path();
    ok(&init_district(data, "12", "آبگرم"));
    std::fs::write(data.join("office.toml"), "county = \"آوج\"\n").unwrap_or_else(|e| panic!("{e}"));
    let code = crate::common::open_permit_case(data, "علی‌رضا محمدی");
    let receipt = data.join("receipt.pdf");
    let receipt_args = ["print-receipt", code.as_str(), "--out", &receipt.to_string_lossy()].map(str::to_owned);
    let receipt_args: Vec<&str> = receipt_args.iter().map(String::as_str).collect();
    let persian = refused(&bakhshyar_in(data, &receipt_args));
    assert!(persian.contains("نام استان") && persian.contains("office.toml") && !persian.contains("نام شهرستان"), "{persian}");
    std::fs::write(data.join("office.toml"), "").unwrap_or_else(|e| panic!("{e}"));
    let mut english_args = vec!["--lang", "en"];
    english_args.extend(&receipt_args);
    let english = refused(&bakhshyar_in(data, &english_args));
    assert!(english.contains("the county's and the province's names") && english.contains("office.toml"), "{english}");
    assert!(!receipt.exists());
}

//! Every kind of applicant (issue 19): a foreign national by unique code or passport on a
//! client-facing service, an office by letter on an internal one; each found by its identifier,
//! worded by its kind on paper, refused on the other side with a clear message, and carried
//! through a backup.

use std::path::Path;

use serde_json::Value;

use crate::common::{self, OFFICE_LETTER, bakhshyar_in, init_district, office_request, ok, refused, text_of};

/// Foreign nationals' office, row 1: residence documents (client-facing, issues a permit).
const RESIDENCE: &str = "12012154100";
/// Foreign nationals' office, row 19: cultural programmes' permits (internal, generic workflow).
const PROGRAMMES: &str = "12012154118";

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(&bakhshyar_in(dir, &all))).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn opened(dir: &Path, args: &[&str]) -> String {
    json(dir, args)["tracking_code"].as_str().unwrap_or_else(|| panic!("no tracking code")).to_owned()
}

fn found(dir: &Path, id: &str) -> Vec<String> {
    let found = json(dir, &["case", "search", "--national-id", id]);
    let cases = found["cases"].as_array().cloned().unwrap_or_default();
    cases.iter().filter_map(|c| c["tracking_code"].as_str().map(str::to_owned)).collect()
}

/// A district with a foreign national by unique code, one by passport and an office's request.
fn three_kinds(dir: &Path) -> [String; 3] {
    ok(&init_district(dir, "12", "آبگرم"));
    let coded = ["case", "new", "--service", RESIDENCE, "--applicant-foreign-code", "۱۲۳۴-۵۶۷۸-۹۰۱۲"];
    let coded = opened(dir, &[&coded[..], &["--applicant-name", "محمد نوری"]].concat());
    let passport = ["case", "new", "--service", RESIDENCE, "--applicant-passport", "p0123 4567"];
    let passport = opened(dir, &[&passport[..], &["--applicant-name", "Ahmad Karimi"]].concat());
    let office = opened(dir, &office_request(PROGRAMMES));
    [coded, passport, office]
}

fn receipt(dir: &Path, code: &str, language: &str) -> Vec<String> {
    let file = dir.join(format!("receipt-{code}-{language}.pdf"));
    ok(&bakhshyar_in(dir, &["--lang", language, "print-receipt", code, "--out", &file.to_string_lossy()]));
    text_of(&file)
}

#[test]
fn foreign_nationals_and_an_office_are_found_by_their_identifiers_and_worded_by_kind() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    let [coded, passport, office] = three_kinds(dir);

    let shown = json(dir, &["case", "show", &coded]);
    assert_eq!(shown["applicant"]["identity"]["type"], "foreign_national", "{shown}");
    assert_eq!(shown["applicant"]["identity"]["unique_code"], "123456789012");
    let shown = json(dir, &["case", "show", &office]);
    assert_eq!(shown["applicant"]["identity"]["type"], "office", "{shown}");
    assert_eq!(shown["step"], "registered", "the internal workflow: {shown}");

    // Typed as a clerk would: Persian digits, lower-case letters, the letter number as on paper.
    assert_eq!(found(dir, "۱۲۳۴۵۶۷۸۹۰۱۲"), vec![coded.clone()]);
    assert_eq!(found(dir, "p01234567"), vec![passport.clone()]);
    assert_eq!(found(dir, "123/ص/45"), vec![office.clone()]);
    assert_eq!(found(dir, OFFICE_LETTER), vec![office.clone()]);
    assert!(found(dir, "123456789013").is_empty());

    let lines = receipt(dir, &coded, "fa");
    assert!(lines.iter().any(|l| l.contains("کد یکتای اتباع ۱۲۳۴۵۶۷۸۹۰۱۲")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("کد ملی")), "{lines:?}");
    let lines = receipt(dir, &passport, "en");
    assert!(lines.iter().any(|l| l == "Identity: passport number P01234567"), "{lines:?}");
    let file = dir.join("office-receipt.pdf");
    let refusal = refused(&bakhshyar_in(dir, &["print-receipt", &office, "--out", &file.to_string_lossy()]));
    assert!(refusal.contains("رسید متقاضی ندارد") && refusal.contains("پاسخ"), "{refusal}");
    assert!(!file.exists());

    // The office's request walks the internal workflow to its action, where the permit is issued;
    // an office's own template words the requester by the letter.
    common::receive_all_documents(dir, &office);
    for to in ["review", "action"] {
        ok(&bakhshyar_in(dir, &["case", "advance", &office, "--to", to]));
    }
    ok(&bakhshyar_in(dir, &["case", "issue", &office]));
    let own = dir.join("templates").join("fa");
    std::fs::create_dir_all(&own).unwrap_or_else(|e| panic!("{e}"));
    let template = "page A5\ntitle مجوز\npara صادر شد برای {applicant}، به {applicant_identity}.\n";
    std::fs::write(own.join("permit.txt"), template).unwrap_or_else(|e| panic!("{e}"));
    let permit = dir.join("permit.pdf");
    ok(&bakhshyar_in(dir, &["print", &office, "--out", &permit.to_string_lossy()]));
    let text = text_of(&permit).join(" ");
    assert!(text.contains("نامه‌ی شماره‌ی") && text.contains("مورخ ۱۴۰۵/۰۹/۰۱"), "{text}");
    // pdftotext reorders the slashes between Persian letters and digits; the number's start is exact.
    assert!(text.contains("نامه‌ی شماره‌ی ۱۲۳/ص") && text.contains("۴۵"), "{text}");
    ok(&bakhshyar_in(dir, &["check"]));
}

#[test]
fn a_citizen_on_an_internal_service_and_an_office_on_a_citizens_service_are_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    ok(&init_district(dir, "12", "آبگرم"));
    let citizen = ["case", "new", "--service", PROGRAMMES, "--applicant-national-id", "0012345679", "--applicant-name", "علی"];
    let refusal = refused(&bakhshyar_in(dir, &citizen));
    assert!(refusal.contains("درون‌سازمانی") && refusal.contains("نامه"), "{refusal}");
    let refusal = refused(&bakhshyar_in(dir, &[&["--lang", "en"][..], &citizen].concat()));
    assert!(refusal.contains("is internal: an office or official asks for it by letter"), "{refusal}");
    let refusal = refused(&bakhshyar_in(dir, &office_request(RESIDENCE)));
    assert!(refusal.contains("ارباب رجوع") && refusal.contains("کد یکتای اتباع"), "{refusal}");

    let garbage: [(&str, &str, &str); 6] = [
        ("--applicant-foreign-code", "12345", "۱۲ رقم"),
        ("--applicant-foreign-code", "12345678901x", "۱۲ رقم"),
        ("--applicant-foreign-code", "000000000000", "تکراری"),
        ("--applicant-passport", "پ۱۲۳۴۵۶", "گذرنامه"),
        ("--applicant-passport", "P1234567890", "گذرنامه"),
        ("--applicant-passport", "ABCDEFG", "گذرنامه"),
    ];
    for (flag, value, said) in garbage {
        let args = ["case", "new", "--service", RESIDENCE, flag, value, "--applicant-name", "محمد نوری"];
        let refusal = refused(&bakhshyar_in(dir, &args));
        assert!(refusal.contains(said), "{value}: {refusal}");
    }
    let mut bad_date = office_request(PROGRAMMES);
    bad_date[7] = "1405/13/40";
    assert!(refused(&bakhshyar_in(dir, &bad_date)).contains("1405/13/40"));
    let mut bad_number = office_request(PROGRAMMES);
    bad_number[5] = "12|34";
    assert!(refused(&bakhshyar_in(dir, &bad_number)).contains("«|»"));
    let two = ["case", "new", "--service", RESIDENCE, "--applicant-national-id", "0012345679"];
    let two = bakhshyar_in(dir, &[&two[..], &["--applicant-foreign-code", "123456789012", "--applicant-name", "علی"]].concat());
    assert!(!two.status.success());
    assert_eq!(json(dir, &["case", "search"])["total"], 0, "nothing was saved");
}

#[test]
fn every_kind_comes_back_from_a_backup() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let district = dir.path().join("district");
    let codes = three_kinds(&district);
    let before: Vec<Value> = codes.iter().map(|code| json(&district, &["case", "show", code])).collect();
    let backup = dir.path().join("copy.redb").to_string_lossy().into_owned();
    ok(&bakhshyar_in(&district, &["backup", "--out", &backup]));
    // Opened after the backup: the restore drops it, and the three kinds come back as they were.
    let later = opened(&district, &office_request(PROGRAMMES));
    ok(&bakhshyar_in(&district, &["restore", &backup]));
    refused(&bakhshyar_in(&district, &["case", "show", &later]));
    for ((code, id), shown) in codes.iter().zip(["123456789012", "P01234567", "123/ص/45"]).zip(&before) {
        assert_eq!(found(&district, id), vec![code.clone()], "{id}");
        assert_eq!(&json(&district, &["case", "show", code]), shown);
    }
    ok(&bakhshyar_in(&district, &["check"]));
}

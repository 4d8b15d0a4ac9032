//! End to end: issue, print, reprint, revoke and verify a document with the real binary, and read
//! the PDFs back with `pdftotext` (poppler-utils; `.ci/run` installs it).

use crate::common;
use crate::common::init_district;

use std::path::Path;
use std::process::Command;

use crate::common::{bakhshyar_in, ok, refused, stdout, text_of, to_issue_step};

const NAME: &str = "علی‌رضا محمدی (Ali)";

/// The text of the one QR code on the PDF's first page, rendered at 150 dpi in grey (`pdftoppm`).
fn qr_on_page(pdf: &Path) -> String {
    let output = Command::new("pdftoppm")
        .args(["-gray", "-r", "150", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("pdftoppm is needed (apt-get install poppler-utils): {e}"));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // A binary PGM: "P5", width, height, maximum value, each after whitespace, then the pixels.
    let pgm = output.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at + pgm[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        at = start + pgm[start..].iter().take_while(|b| !b.is_ascii_whitespace()).count();
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let [width, height] = [&fields[1], &fields[2]].map(|f| f.parse::<usize>().unwrap_or_else(|e| panic!("{f}: {e}")));
    let pixels = &pgm[at + 1..];
    assert_eq!(pixels.len(), width * height);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the page");
    grids[0].decode().map_or_else(|e| panic!("the QR code does not decode: {e:?}"), |(_, text)| text)
}

/// A tracking code grouped as the screen and the printed pages show it: `0012-05-000001-6`.
fn grouped(code: &str) -> String {
    format!("{}-{}-{}-{}", &code[..4], &code[4..6], &code[6..12], &code[12..])
}

/// A fresh district with one case of service 36 (a permit, generic workflow); its tracking code.
fn district_with_case(dir: &Path) -> String {
    ok(&init_district(dir, "12", "آبگرم"));
    std::fs::write(dir.join("office.toml"), "county = \"آوج\"\nprovince = \"قزوین\"\n").unwrap_or_else(|e| panic!("{e}"));
    common::open_permit_case(dir, NAME)
}

fn persian_digits(text: &str) -> String {
    text.chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x06F0 + d)).unwrap_or(c)).collect()
}

#[test]
fn a_document_is_issued_printed_reprinted_verified_and_revoked() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path();
    let code = district_with_case(data);
    let pdf = data.join("permit.pdf");
    let pdf_arg = pdf.to_string_lossy().into_owned();

    let refusal = refused(&bakhshyar_in(data, &["print", &code, "--out", &pdf_arg]));
    assert!(refusal.contains("مدرک صادرشده‌ای ندارد"), "{refusal}");
    assert!(!pdf.exists());
    let early = refused(&bakhshyar_in(data, &["case", "issue", &code]));
    assert!(early.contains("مرحله‌ی صدور"), "{early}");

    to_issue_step(data, &code);
    let file = common::password_file().to_string_lossy().into_owned();
    ok(&bakhshyar_in(data, &["user", "add", "محمد کریمی", "--role", "district-governor", "--new-password-file", &file]));
    let issued = ok(&bakhshyar_in(
        data,
        &["case", "issue", &code, "--validity-days", "365", "--conditions", "شماره ۱۲۳۴", "--user", "محمد کریمی"],
    ));
    assert!(issued.contains("-۰۰۰۰۰۱"), "{issued}");
    ok(&bakhshyar_in(data, &["print", &code, "--out", &pdf_arg]));
    let lines = text_of(&pdf);
    let text = lines.join("\n");
    for expected in [
        "مجوز".to_owned(),
        format!("بدین‌وسیله مجوز برگزاری راهپیمایی به {NAME} به کد ملی {}", persian_digits("0012345679")),
        "شرایط شماره ۱۲۳۴".to_owned(),
        "محمد کریمی".to_owned(),
        "بخشداری آبگرم".to_owned(),
        "استانداری قزوین".to_owned(),
        format!("کد رهگیری پرونده {}", persian_digits(&grouped(&code))),
    ] {
        assert!(lines.iter().any(|l| l.contains(&expected)), "«{expected}» not in:\n{text}");
    }
    assert!(!text.contains("المثنی"), "the original is not a duplicate");
    let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or_default();
    assert!(size < 60_000, "{size} bytes");

    // A second copy must be asked for as a duplicate, and says so.
    let again = refused(&bakhshyar_in(data, &["print", &code, "--out", &pdf_arg]));
    assert!(again.contains("--duplicate"), "{again}");
    let duplicate = data.join("duplicate.pdf");
    ok(&bakhshyar_in(data, &["print", &code, "--out", &duplicate.to_string_lossy(), "--duplicate"]));
    assert!(text_of(&duplicate).iter().any(|l| l == "المثنی"));

    // The short code printed under the QR code verifies; a changed one does not.
    let short = lines
        .iter()
        .find(|l| l.starts_with("12-") && l.len() == 23)
        .unwrap_or_else(|| panic!("no short code in:\n{text}"))
        .clone();
    let genuine = ok(&bakhshyar_in(data, &["verify", &short]));
    assert!(genuine.contains("معتبر") && genuine.contains(NAME), "{genuine}");
    let forged = format!("{}{}", &short[..short.len() - 1], if short.ends_with('A') { 'B' } else { 'A' });
    let forged_run = bakhshyar_in(data, &["verify", &forged]);
    assert_eq!(forged_run.status.code(), Some(1));
    assert!(stdout(&forged_run).contains("جعلی"), "{}", stdout(&forged_run));
    let other = bakhshyar_in(data, &["--lang", "en", "verify", &short.replacen("12-", "77-", 1)]);
    assert_eq!(other.status.code(), Some(1));
    assert!(stdout(&other).contains("hub"), "{}", stdout(&other));

    // So does the QR code, read off the printed page as a phone would read it.
    let scanned = qr_on_page(&pdf);
    assert!(scanned.starts_with("BKY1:12:"), "{scanned}");
    let genuine = ok(&bakhshyar_in(data, &["verify", &scanned]));
    assert!(genuine.contains("معتبر") && genuine.contains(NAME), "{genuine}");

    let revoked = ok(&bakhshyar_in(data, &["case", "revoke", &code, "--reason", "اطلاعات نادرست"]));
    assert!(revoked.contains("ابطال"), "{revoked}");
    let after = bakhshyar_in(data, &["verify", &short]);
    assert_eq!(after.status.code(), Some(1));
    assert!(stdout(&after).contains("ابطال") && stdout(&after).contains("اطلاعات نادرست"), "{}", stdout(&after));
    let refusal = refused(&bakhshyar_in(data, &["print", &code, "--out", &pdf_arg, "--duplicate"]));
    assert!(refusal.contains("ابطال"), "{refusal}");
    ok(&bakhshyar_in(data, &["check"]));
}

#[test]
fn the_receipt_and_english_documents_read_back_and_a_broken_template_names_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path();
    let code = district_with_case(data);
    let receipt = data.join("receipt.pdf");
    ok(&bakhshyar_in(data, &["print-receipt", &code, "--out", &receipt.to_string_lossy()]));
    let lines = text_of(&receipt);
    // Grouped as on the screen (issue 18), read back in logical order.
    assert!(lines.iter().any(|l| l.contains(&format!("کد رهگیری {}", persian_digits(&grouped(&code))))), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains(&format!("متقاضی {NAME}"))), "{lines:?}");
    assert!(lines.iter().any(|l| l == "مراحل پیش رو"), "{lines:?}");

    to_issue_step(data, &code);
    ok(&bakhshyar_in(data, &["case", "issue", &code]));
    let english = data.join("en.pdf");
    ok(&bakhshyar_in(data, &["--lang", "en", "print", &code, "--out", &english.to_string_lossy()]));
    let lines = text_of(&english);
    assert!(lines.iter().any(|l| l == "Permit"), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("Serial number: ") && l.ends_with("-000001")), "{lines:?}");
    assert!(lines.join(" ").contains(&format!("granted to {NAME}, national ID 0012345679")), "{lines:?}");

    // The office's emblem: a missing file is named in the refusal; a PNG is drawn in the header.
    std::fs::write(data.join("office.toml"), "county = \"آوج\"\nprovince = \"قزوین\"\nemblem = \"نشان.png\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let emblem_pdf = data.join("emblem.pdf");
    let reprint = ["print", code.as_str(), "--out", &emblem_pdf.to_string_lossy(), "--duplicate"].map(str::to_owned);
    let reprint: Vec<&str> = reprint.iter().map(String::as_str).collect();
    let missing = refused(&bakhshyar_in(data, &reprint));
    assert!(missing.contains("نشان.png") && missing.contains("نشان اداره"), "{missing}");
    assert!(!emblem_pdf.exists());
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, 40, 30);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("{e}"));
        let pixels: Vec<u8> = (0..1200u32).flat_map(|i| [0, 90, u8::try_from(i % 200).unwrap_or(0), 255]).collect();
        writer.write_image_data(&pixels).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(data.join("نشان.png"), &png).unwrap_or_else(|e| panic!("{e}"));
    ok(&bakhshyar_in(data, &reprint));
    let bytes = std::fs::read(&emblem_pdf).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.windows(15).any(|w| w == b"/Subtype /Image"));
    let lines = text_of(&emblem_pdf);
    assert!(lines.join(" ").contains(&format!("به {NAME} به کد ملی")), "{lines:?}");
    std::fs::write(data.join("نشان.png"), b"not an image").unwrap_or_else(|e| panic!("{e}"));
    let broken = refused(&bakhshyar_in(data, &reprint));
    assert!(broken.contains("نشان.png"), "{broken}");

    let own = data.join("templates").join("fa");
    std::fs::create_dir_all(&own).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(own.join("receipt.txt"), "page A5\ntitle رسید\nfield کد {tracking_code}\n").unwrap_or_else(|e| panic!("{e}"));
    let broken = refused(&bakhshyar_in(data, &["print-receipt", &code, "--out", &receipt.to_string_lossy()]));
    assert!(broken.contains("receipt.txt") && broken.contains("سطر ۳") && broken.contains("{tracking_code}"), "{broken}");
}

/// The first page's size as pdfinfo gives it: "A4" or "A5".
fn paper_of(file: &Path) -> &'static str {
    let output = Command::new("pdfinfo").arg(file).output().unwrap_or_else(|e| panic!("pdfinfo (poppler-utils): {e}"));
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap_or_else(|| panic!("{info}")).trim();
    if size.starts_with("595.28 x 841.89 pts") {
        "A4"
    } else if size.starts_with("419.53 x 595.28 pts") {
        "A5"
    } else {
        panic!("unexpected page size {size}")
    }
}

#[test]
fn the_office_file_sets_the_paper_and_a_broken_one_stops_the_print_naming_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path();
    let code = district_with_case(data);
    let receipt = data.join("receipt.pdf");
    let print_receipt = || bakhshyar_in(data, &["print-receipt", &code, "--out", &receipt.to_string_lossy()]);
    ok(&print_receipt());
    assert_eq!(paper_of(&receipt), "A5", "the built-in receipt template's paper");

    let office = data.join("office.toml");
    std::fs::write(&office, "county = \"آوج\"\nprovince = \"قزوین\"\nreceipt_paper = \"A4\"\n").unwrap_or_else(|e| panic!("{e}"));
    ok(&print_receipt());
    assert_eq!(paper_of(&receipt), "A4");

    std::fs::remove_file(&receipt).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&office, "county = \"آوج\"\nreceipt_paper = \n").unwrap_or_else(|e| panic!("{e}"));
    let broken = refused(&print_receipt());
    assert!(broken.contains("office.toml") && broken.contains("سطر ۲"), "{broken}");
    std::fs::write(&office, "paper = \"Letter\"\n").unwrap_or_else(|e| panic!("{e}"));
    let wrong = refused(&print_receipt());
    assert!(wrong.contains("«Letter»") && wrong.contains("A5"), "{wrong}");
    assert!(!receipt.exists());
}

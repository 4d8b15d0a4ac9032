//! `cargo bench --bench print`: permits per second, and beside `LibreOffice` headless converting an
//! equivalent flat ODT filled with the same data, the way offices produce letters today.
//!
//! Batch: 1,000 permits rendered in this process after a warm-up, against one `soffice` process
//! converting many files. From an open store: what the window does when a clerk prints — the store
//! already open, `office::print::issued` renders the issued permit, writes the PDF and records the
//! copy (one durable commit); the median of 200 prints of one case, the original and then
//! duplicates. Single: one `bakhshyar print` run including process start (a real data folder).
//! Both against one cold `soffice --convert-to pdf` of one file; the median of several runs on each
//! side. `BAKHSHYAR_PRINT_BINARY=target/release/bakhshyar` times the binary a clerk runs
//! (`cargo run --release`) instead of this bench's own build. Without `soffice` on the PATH the
//! benchmark says so and prints only its own figures.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;

use bakhshyar::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
use bakhshyar::domain::case::{Case, Context};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::domain::issued::{IssueTerms, IssuedDocument, Serial};
use bakhshyar::domain::role::{Actor, Role};
use bakhshyar::domain::tracking::TrackingCode;
use bakhshyar::i18n::Language;
use bakhshyar::office::{self, NewCase};
use bakhshyar::print::{IssuedPrint, Office, render_issued};
use bakhshyar::signing::DistrictKey;
use bakhshyar::store::Database;

const BATCH: u32 = 1_000;
const OFFICE_BATCH: usize = 100;
/// Runs of one print on each side; the median is reported, since a shared machine's stray
/// scheduling delays would move a mean.
const SINGLE_RUNS: usize = 11;
const OFFICE_SINGLE_RUNS: usize = 3;
/// Prints of one case from an open store: the original, then duplicates.
const OPEN_STORE_PRINTS: usize = 200;
/// The print target: the median print from an open store is at least this many times faster
/// than one cold `LibreOffice` conversion.
const TARGET_RATIO: f64 = 200.0;
/// Service 36's steps from its opening to its issuing step, with the branch taken at each decision.
const STEPS: [(&str, Option<&str>); 5] = [
    ("document_check", None),
    ("documents_complete", None),
    ("review", Some("بلی")),
    ("approved", None),
    ("issue", Some("موافق")),
];
const NAME: &str = "علی‌رضا محمدی (Ali)";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let catalog = bakhshyar::catalog_data::embedded().map_err(|e| format!("{e:?}"))?;
    let service = catalog.by_number(36).ok_or("service 36")?;
    let governor = Actor { user_id: "g".into(), name: "محمد کریمی".into(), role: Role::DistrictGovernor };
    let applicant = Applicant::new(ApplicantIdentity::Person { national_id: NationalId::parse("0012345679")? }, NAME, None)?;
    let code = TrackingCode::compose("12", 1405, 16)?;
    let ctx = Context { actor: &governor, at: Utc::now(), note: None };
    let (case, _) = Case::open(code, service, &catalog.version, applicant, &ctx)?;
    let office = Office {
        district_code: "12".into(),
        district: "آبگرم".into(),
        county: "آوج".into(),
        province: "قزوین".into(),
        ..Office::default()
    };
    let key = DistrictKey::generate()?;
    let document = |number: u32| IssuedDocument {
        serial: Serial { year: 1405, number },
        kind: bakhshyar::domain::catalog::IssuedDocumentKind::Permit,
        issued_at: Utc::now(),
        signer: governor.clone(),
        valid_until: None,
        conditions: Some("فقط در محدوده‌ی بخش".into()),
        supersedes: None,
        superseded_by: None,
        documents_override: None,
        copies: 0,
        revoked: None,
    };
    let render = |number: u32| {
        let document = document(number);
        let print = IssuedPrint {
            case: &case,
            service,
            document: &document,
            office: &office,
            key: &key,
            copy: 1,
            language: Language::Persian,
            data_dir: None,
            now: Utc::now(),
        };
        render_issued(&print)
    };
    for number in 1..=20 {
        render(number)?;
    }
    let started = Instant::now();
    let mut bytes = 0;
    for number in 1..=BATCH {
        bytes = render(number)?.len();
    }
    let batch = started.elapsed() / BATCH;
    let documents = service.documents_fa.len();
    let open_store = open_store_prints(&catalog, &governor, documents)?;
    let binary = std::env::var("BAKHSHYAR_PRINT_BINARY").unwrap_or_else(|_| env!("CARGO_BIN_EXE_bakhshyar").to_owned());
    let single = single_print(&binary, documents)?;
    println!(
        "Bakhshyar: {:.2} ms per permit, {:.0} permits/s over {BATCH} after warm-up; PDF {bytes} bytes",
        ms(batch),
        1.0 / batch.as_secs_f64()
    );
    println!(
        "Bakhshyar: one print from an open store (render, write the PDF, record the copy): {:.2} ms, median of {OPEN_STORE_PRINTS} \
         (first, the original: {:.2} ms; p90 {:.2} ms)",
        ms(open_store.median),
        ms(open_store.first),
        ms(open_store.p90)
    );
    println!(
        "Bakhshyar: one `bakhshyar print` including process start ({binary}): {:.1} ms, median of {SINGLE_RUNS}",
        ms(single)
    );
    match office_figures(service.sub_title_fa.as_str())? {
        None => println!("LibreOffice: soffice is not installed (apt-get install libreoffice-writer-nogui); no comparison"),
        Some((office_batch, office_single)) => {
            println!(
                "LibreOffice: {:.1} ms per document in one process over {OFFICE_BATCH} files; {:.0} ms for one cold conversion, median of {OFFICE_SINGLE_RUNS}",
                ms(office_batch),
                ms(office_single)
            );
            println!("Ratio, batch against batch: {:.0}x", office_batch.as_secs_f64() / batch.as_secs_f64());
            let from_open_store = office_single.as_secs_f64() / open_store.median.as_secs_f64();
            println!(
                "Ratio, print from an open store against single cold conversion: {from_open_store:.0}x (target {TARGET_RATIO:.0}x: {})",
                if from_open_store >= TARGET_RATIO { "met" } else { "not met" }
            );
            println!(
                "Ratio, single print against single cold conversion: {:.0}x",
                office_single.as_secs_f64() / single.as_secs_f64()
            );
        }
    }
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn run(command: &mut Command) -> Result<()> {
    let output = command.output()?;
    if output.status.success() { Ok(()) } else { Err(format!("{command:?}: {}", String::from_utf8_lossy(&output.stderr)).into()) }
}

/// The median of `SINGLE_RUNS` runs of the real binary printing a duplicate on a prepared data
/// folder: a case of service 36 with its `documents` received, taken to its issuing step, issued.
fn single_print(binary: &str, documents: usize) -> Result<Duration> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().to_string_lossy().into_owned();
    let cli = |args: &[&str]| {
        let mut command = Command::new(binary);
        command.arg("--data-dir").arg(&data).args(args);
        command
    };
    run(&mut cli(&["init", "--district-code", "12", "--district-name", "آبگرم"]))?;
    let created =
        cli(&["case", "new", "--service", "36", "--applicant-national-id", "0012345679", "--applicant-name", NAME, "--json"])
            .output()?;
    let value: serde_json::Value = serde_json::from_slice(&created.stdout)?;
    let code = value["tracking_code"].as_str().ok_or("tracking code")?.to_owned();
    // Every document the checklist asks for is received, so the permit is issued without a reason.
    for number in 1..=documents {
        run(&mut cli(&["case", "document", &code, "--number", &number.to_string()]))?;
    }
    for (to, decision) in STEPS {
        let mut args = vec!["case", "advance", code.as_str(), "--to", to];
        args.extend(decision.iter().flat_map(|d| ["--decision", *d]));
        run(&mut cli(&args))?;
    }
    run(&mut cli(&["case", "issue", &code]))?;
    let out = dir.path().join("permit.pdf").to_string_lossy().into_owned();
    run(&mut cli(&["print", &code, "--out", &out]))?;
    median((0..SINGLE_RUNS).map(|_| {
        let started = Instant::now();
        run(&mut cli(&["print", &code, "--out", &out, "--duplicate"])).map(|()| started.elapsed())
    }))
}

/// Prints from an open store: the first (the original) and the median and 90th percentile of all.
struct OpenStore {
    first: Duration,
    median: Duration,
    p90: Duration,
}

/// A store in a temporary data folder (with the county and province in its `office.toml`), a case
/// of service 36 opened with its `documents` received, taken to its issuing step and its permit
/// issued, then `OPEN_STORE_PRINTS` prints through `office::print::issued` as the window calls it,
/// each timed alone.
fn open_store_prints(catalog: &Catalog, governor: &Actor, documents: usize) -> Result<OpenStore> {
    let dir = tempfile::tempdir()?;
    let db = Database::create(dir.path(), "12", "آبگرم")?;
    std::fs::write(dir.path().join("office.toml"), "county = \"آوج\"\nprovince = \"قزوین\"\n")?;
    let ctx = || Context { actor: governor, at: Utc::now(), note: None };
    let applicant = Applicant::new(ApplicantIdentity::Person { national_id: NationalId::parse("0012345679")? }, NAME, None)?;
    let mut case =
        office::open_case(&db, catalog, NewCase { service: "36", applicant, received: (0..documents).collect() }, &ctx())?;
    for (to, branch) in STEPS {
        case = office::advance(&db, catalog, &case.tracking_code, to, branch, &ctx())?;
    }
    case = office::issue(&db, catalog, &case.tracking_code, IssueTerms::default(), &ctx())?;
    let file = dir.path().join("permit.pdf");
    let mut runs = Vec::with_capacity(OPEN_STORE_PRINTS);
    for k in 0..OPEN_STORE_PRINTS {
        let started = Instant::now();
        let printed = office::print::issued(&db, catalog, &case, k > 0, &ctx(), Language::Persian, &file)?;
        runs.push(started.elapsed());
        if printed.copy != u32::try_from(k + 1)? {
            return Err(format!("print {k} made copy {}", printed.copy).into());
        }
        case = *printed.case;
    }
    let first = runs[0];
    runs.sort();
    Ok(OpenStore { first, median: runs[runs.len() / 2], p90: runs[runs.len() * 9 / 10] })
}

fn median(runs: impl Iterator<Item = Result<Duration>>) -> Result<Duration> {
    let mut runs = runs.collect::<Result<Vec<_>>>()?;
    runs.sort();
    runs.get(runs.len() / 2).copied().ok_or_else(|| "no run".into())
}

/// A flat ODT of the same permit: right-to-left paragraphs, the same fields.
fn fodt(service: &str, number: usize) -> String {
    let paragraph = |style: &str, text: &str| format!("<text:p text:style-name=\"{style}\">{text}</text:p>");
    let body = [
        paragraph("R", "استان قزوین — شهرستان آوج — بخشداری آبگرم"),
        paragraph("T", "مجوز"),
        paragraph("R", &format!("بدین‌وسیله به {NAME} به کد ملی ۰۰۱۲۳۴۵۶۷۹ مجوز «{service}» داده می‌شود.")),
        paragraph("R", &format!("شماره سریال ۱۴۰۵-{number:06}")),
        paragraph("R", "تاریخ صدور ۱۴۰۵/۰۹/۰۲"),
        paragraph("R", "شرایط فقط در محدوده‌ی بخش"),
        paragraph("R", "کد رهگیری پرونده ۰۰۱۲۰۵۰۰۰۰۰۱۶"),
        paragraph("R", "محمد کریمی — بخشدار"),
        paragraph("R", "استعلام اصالت: 12-1405-000001-ABCDEFGH"),
    ]
    .concat();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<style:style style:name="R" style:family="paragraph"><style:paragraph-properties fo:text-align="end" style:writing-mode="rl-tb"/><style:text-properties style:font-name-complex="Vazirmatn" style:font-size-complex="12pt"/></style:style>
<style:style style:name="T" style:family="paragraph"><style:paragraph-properties fo:text-align="center" style:writing-mode="rl-tb"/><style:text-properties style:font-size-complex="20pt" style:font-weight-complex="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>{body}</office:text></office:body>
</office:document>"#
    )
}

/// `LibreOffice`'s batch time per document and one cold conversion, or `None` without `soffice`.
fn office_figures(service: &str) -> Result<Option<(Duration, Duration)>> {
    if Command::new("soffice").arg("--version").output().is_err() {
        return Ok(None);
    }
    let dir = tempfile::tempdir()?;
    // Its own profile folder, so the runs do not touch the user's and start equally cold.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let convert = |files: &[String], out: &Path| -> Result<Duration> {
        let started = Instant::now();
        run(Command::new("soffice").arg(&profile).args(["--headless", "--convert-to", "pdf", "--outdir"]).arg(out).args(files))?;
        Ok(started.elapsed())
    };
    let files: Vec<String> = (1..=OFFICE_BATCH)
        .map(|n| {
            let path = dir.path().join(format!("permit-{n}.fodt"));
            std::fs::write(&path, fodt(service, n)).map(|()| path.to_string_lossy().into_owned())
        })
        .collect::<std::io::Result<_>>()?;
    // The first run creates the profile; it is not counted.
    convert(&files[..1], &dir.path().join("warm"))?;
    let single = median((0..OFFICE_SINGLE_RUNS).map(|_| convert(&files[..1], &dir.path().join("single"))))?;
    let batch = convert(&files, &dir.path().join("batch"))? / u32::try_from(OFFICE_BATCH)?;
    Ok(Some((batch, single)))
}

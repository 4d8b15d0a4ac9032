//! A template filled from a case and set on a page: the issued document or the citizen's receipt.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::PrintError;
use super::image::Image;
use super::office_file::OfficeFile;
use super::pdf::{Mark, Page, PageSize};
use super::template::{self, Block, Paper, Template};
use super::verify::Essentials;
use crate::domain::applicant::ApplicantIdentity;
use crate::domain::calendar::JalaliDate;
use crate::domain::case::Case;
use crate::domain::catalog::Service;
use crate::domain::issued::IssuedDocument;
use crate::domain::workflow::NodeKind;
use crate::i18n::digits::to_persian;
use crate::i18n::{Arg, Language, Localizer};
use crate::shaping::{Fonts, Weight};
use crate::signing::DistrictKey;

/// The office a document comes from. County, province, the emblem and the paper come from the
/// data folder's `office.toml` (`office_file`) when the office has written one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Office {
    pub district_code: String,
    pub district: String,
    pub county: String,
    pub province: String,
    /// A PNG or JPEG drawn at the top of the header, if the office has one.
    pub emblem: Option<PathBuf>,
    /// The paper documents print on when not their template's.
    pub document_paper: Option<Paper>,
    pub receipt_paper: Option<Paper>,
}

impl Office {
    /// With the data folder's `office.toml`, or why it cannot be read.
    pub fn with_file(self, data_dir: &Path) -> Result<Self, PrintError> {
        let file = OfficeFile::read(data_dir)?;
        let or_own = |given: String, own: String| if given.is_empty() { own } else { given };
        Ok(Self {
            county: or_own(file.county, self.county),
            province: or_own(file.province, self.province),
            emblem: file.emblem.map(|p| data_dir.join(p)).or(self.emblem),
            document_paper: file.document_paper.or(self.document_paper),
            receipt_paper: file.receipt_paper.or(self.receipt_paper),
            ..self
        })
    }

    /// What the letterhead lacks of the office's whole line: a print without its county or
    /// province would head the page with a bare «بخشداری …», which no one can place.
    pub fn missing(&self) -> Option<MissingOffice> {
        match (self.county.trim().is_empty(), self.province.trim().is_empty()) {
            (true, true) => Some(MissingOffice::Both),
            (true, false) => Some(MissingOffice::County),
            (false, true) => Some(MissingOffice::Province),
            (false, false) => None,
        }
    }

    fn complete(&self) -> Result<(), PrintError> {
        self.missing().map_or(Ok(()), |missing| Err(PrintError::OfficeIncomplete(missing)))
    }

    /// The emblem read and checked, or why it cannot be printed.
    fn emblem_image(&self) -> Result<Option<Arc<Image>>, PrintError> {
        let Some(path) = &self.emblem else { return Ok(None) };
        Ok(Some(Arc::new(super::emblem(path)?)))
    }
}

/// What of the office's line `office.toml` does not give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingOffice {
    County,
    Province,
    Both,
}

impl MissingOffice {
    /// The Fluent message naming what is missing.
    pub fn message_id(self) -> &'static str {
        match self {
            MissingOffice::County => "print-office-missing-county",
            MissingOffice::Province => "print-office-missing-province",
            MissingOffice::Both => "print-office-missing-both",
        }
    }
}

/// What printing an issued document needs; the GUI builds the same and calls `render_issued`.
#[derive(Debug, Clone, Copy)]
pub struct IssuedPrint<'a> {
    pub case: &'a Case,
    pub service: &'a Service,
    pub document: &'a IssuedDocument,
    pub office: &'a Office,
    pub key: &'a DistrictKey,
    /// The copy number being printed: 1 is the original, more is a duplicate (المثنی).
    pub copy: u32,
    pub language: Language,
    /// Where an office's own templates live (`templates/` inside it), if anywhere.
    pub data_dir: Option<&'a Path>,
    pub now: DateTime<Utc>,
}

/// The issued document as PDF bytes.
pub fn render_issued(print: &IssuedPrint<'_>) -> Result<Vec<u8>, PrintError> {
    print.office.complete()?;
    let mut template = template::load(print.data_dir, print.language.code(), print.document.kind.key())?;
    template.paper = print.office.document_paper.unwrap_or(template.paper);
    let essentials = Essentials {
        district: print.office.district_code.clone(),
        serial: print.document.serial,
        case: print.case.tracking_code.as_str().to_owned(),
        kind: print.document.kind,
        applicant_id: print.case.applicant.id_number().to_owned(),
    };
    let signature = essentials.sign(print.key);
    let mut page = Setter::new(&template, print.language, print.office.emblem_image()?)?;
    let values = issued_values(print, page.localizer);
    let verification = Verification { qr: essentials.qr_text(&signature), short: essentials.short_code(&signature) };
    let extras = Extras {
        duplicate: print.copy > 1,
        steps: &[],
        documents: &print.service.documents_fa,
        verification: Some(&verification),
    };
    page.run(&template, &values, &extras);
    page.finish(&values["document"])
}

/// What the receipt needs.
#[derive(Debug, Clone, Copy)]
pub struct ReceiptPrint<'a> {
    pub case: &'a Case,
    pub service: &'a Service,
    pub office: &'a Office,
    pub language: Language,
    pub data_dir: Option<&'a Path>,
    pub now: DateTime<Utc>,
}

pub fn render_receipt(print: &ReceiptPrint<'_>) -> Result<Vec<u8>, PrintError> {
    print.office.complete()?;
    let mut template = template::load(print.data_dir, print.language.code(), "receipt")?;
    template.paper = print.office.receipt_paper.unwrap_or(template.paper);
    let mut page = Setter::new(&template, print.language, print.office.emblem_image()?)?;
    let values = receipt_values(print, page.localizer);
    let steps = steps_ahead(print.case, print.service, page.localizer);
    let extras = Extras { duplicate: false, steps: &steps, documents: &print.service.documents_fa, verification: None };
    page.run(&template, &values, &extras);
    page.finish(print.case.tracking_code.as_str())
}

struct Verification {
    qr: String,
    short: String,
}

struct Extras<'a> {
    duplicate: bool,
    steps: &'a [String],
    /// The service's required documents, for a `documents` block.
    documents: &'a [String],
    verification: Option<&'a Verification>,
}

fn date(at: DateTime<Utc>, language: Language) -> String {
    let day = JalaliDate::at_iran(at);
    digits(&format!("{:04}/{:02}/{:02}", day.year, day.month, day.day), language)
}

fn digits(text: &str, language: Language) -> String {
    if language.is_rtl() { to_persian(text) } else { text.to_owned() }
}

fn common_values(
    case: &Case,
    service: &Service,
    office: &Office,
    localizer: &Localizer,
    now: DateTime<Utc>,
) -> BTreeMap<&'static str, String> {
    let language = localizer.language();
    let id = digits(case.applicant.id_number(), language);
    BTreeMap::from([
        ("district", office.district.clone()),
        ("county", office.county.clone()),
        ("province", office.province.clone()),
        ("applicant", case.applicant.name.clone()),
        // In a sentence after the name («به کد ملی …»), and alone as a field's value («کد ملی …»).
        ("applicant_identity", applicant_identity(case, localizer, "print-applicant-identity")),
        ("identity", applicant_identity(case, localizer, "print-identity")),
        ("national_id", id),
        ("service", service.sub_title_fa.clone()),
        // What the document grants; a catalogue without `grant_fa` (an older one) names the service.
        ("grant", service.grant_fa.clone().unwrap_or_else(|| service.sub_title_fa.clone())),
        ("unit", service.title_fa.clone()),
        // Grouped as the screen shows it and a clerk reads it out; the QR keeps the bare value.
        ("tracking", digits(&case.tracking_code.grouped(), language)),
        ("opened_on", date(case.opened_at, language)),
        ("today", date(now, language)),
    ])
}

/// The applicant's identifier worded by its kind («کد ملی …», «کد یکتای اتباع …», «نامه‌ی شماره‌ی
/// … مورخ …»), one Fluent message for every template.
fn applicant_identity(case: &Case, localizer: &Localizer, message: &str) -> String {
    let language = localizer.language();
    let identity = &case.applicant.identity;
    let letter_date = match identity {
        ApplicantIdentity::Office { letter_date, .. } => digits(&JalaliDate::from_gregorian(*letter_date).to_string(), language),
        _ => String::new(),
    };
    // A passport number is Latin letters and digits, copied as the passport prints it.
    let id = match identity {
        ApplicantIdentity::Passport { .. } => case.applicant.id_number().to_owned(),
        _ => digits(case.applicant.id_number(), language),
    };
    localizer
        .text(message, &[("kind", Arg::Text(identity.kind_key())), ("id", Arg::Text(&id)), ("date", Arg::Text(&letter_date))])
}

fn issued_values(print: &IssuedPrint<'_>, localizer: &Localizer) -> BTreeMap<&'static str, String> {
    let language = print.language;
    let document = print.document;
    let mut values = common_values(print.case, print.service, print.office, localizer, print.now);
    let validity = match document.valid_until {
        Some(until) => localizer.text("print-validity-until", &[("date", Arg::Text(&date(until, language)))]),
        None => localizer.text("print-validity-open", &[]),
    };
    values.extend([
        ("document", localizer.text(&format!("print-document-{}", document.kind.key().replace('_', "-")), &[])),
        ("serial", digits(&document.serial.to_string(), language)),
        ("issued_on", date(document.issued_at, language)),
        ("valid_until", document.valid_until.map(|d| date(d, language)).unwrap_or_default()),
        ("validity", validity),
        ("conditions", document.conditions.clone().unwrap_or_default()),
        ("signer", document.signer.name.clone()),
        ("signer_role", localizer.text(&format!("role-{}", document.signer.role.key()), &[])),
        ("supersedes", document.supersedes.map(|s| digits(&s.to_string(), language)).unwrap_or_default()),
        ("copy", digits(&print.copy.to_string(), language)),
    ]);
    values
}

fn receipt_values(print: &ReceiptPrint<'_>, localizer: &Localizer) -> BTreeMap<&'static str, String> {
    let mut values = common_values(print.case, print.service, print.office, localizer, print.now);
    let step = print.service.workflow.node(&print.case.step).map(|n| n.label_fa.clone()).unwrap_or_default();
    values.insert("step", step);
    values
}

/// The steps from the current one to an end along the first way out of each, with time limits.
fn steps_ahead(case: &Case, service: &Service, localizer: &Localizer) -> Vec<String> {
    let workflow = &service.workflow;
    let mut lines = Vec::new();
    let mut here = case.step.clone();
    let mut seen = std::collections::BTreeSet::new();
    while let Some(node) = workflow.node(&here) {
        if node.kind == NodeKind::End || !seen.insert(here.clone()) || lines.len() >= 8 {
            break;
        }
        if node.kind == NodeKind::Task {
            let line = match node.time_limit_days {
                Some(days) => localizer.text(
                    "print-step-with-limit",
                    &[("step", Arg::Text(&node.label_fa)), ("days", Arg::Number(i64::from(days)))],
                ),
                None => node.label_fa.clone(),
            };
            lines.push(line);
        }
        let Some(next) = workflow.outgoing(&here).next() else { break };
        here = next.to.clone();
    }
    lines
}

/// Sets blocks from the top of the page down.
struct Setter {
    fonts: &'static Fonts,
    localizer: &'static Localizer,
    rtl: bool,
    size: PageSize,
    margin: f32,
    y: f32,
    marks: Vec<Mark>,
    emblem: Option<Arc<Image>>,
}

impl Setter {
    fn new(template: &Template, language: Language, emblem: Option<Arc<Image>>) -> Result<Self, PrintError> {
        let size = match template.paper {
            Paper::A4 => PageSize::A4,
            Paper::A5 => PageSize::A5,
        };
        let margin = size.width * 0.085;
        Ok(Self {
            fonts: Fonts::shared().ok_or(PrintError::Font)?,
            localizer: Localizer::shared(language),
            rtl: language.is_rtl(),
            size,
            margin,
            y: size.height - margin,
            marks: Vec::new(),
            emblem,
        })
    }

    fn scale(&self) -> f32 {
        self.size.width / PageSize::A4.width
    }

    fn width(&self) -> f32 {
        self.size.width - 2.0 * self.margin
    }

    /// Places a laid-out line: `align` 0 = the reading start, 1 = centred, 2 = the reading end.
    fn put(&mut self, text: &str, weight: Weight, size: f32, align: u8, gray: f32) {
        let size = size * self.scale();
        let line = self.fonts.get(weight).line(text, size, self.rtl);
        let free = self.width() - line.width;
        let start = if self.rtl { self.margin + free } else { self.margin };
        let end = if self.rtl { self.margin } else { self.margin + free };
        let x = match align {
            0 => start,
            1 => self.margin + free / 2.0,
            _ => end,
        };
        self.marks.push(Mark::Text { line, x, y: self.y, gray });
    }

    fn advance(&mut self, points: f32) {
        self.y -= points * self.scale();
    }

    fn run(&mut self, template: &Template, values: &BTreeMap<&str, String>, extras: &Extras<'_>) {
        for block in &template.blocks {
            match block {
                Block::Header => self.header(values),
                Block::Title(text) => {
                    self.advance(30.0);
                    self.put(&template::fill(text, values), Weight::Bold, 20.0, 1, 0.0);
                    self.advance(14.0);
                }
                Block::Duplicate(text) if extras.duplicate => {
                    self.advance(18.0);
                    self.put(&template::fill(text, values), Weight::Bold, 13.0, 1, 0.35);
                    self.advance(4.0);
                }
                Block::Duplicate(_) => {}
                Block::Para(text) => self.paragraph(&template::fill(text, values), 12.0),
                Block::Field(label, value) => self.field(&template::fill(label, values), &template::fill(value, values)),
                Block::Steps => self.steps(extras.steps),
                Block::Documents => self.documents(extras.documents),
                Block::Gap(points) => self.advance(f32::from(*points)),
                Block::Signature => self.signature(values),
                Block::Verification => {
                    if let Some(verification) = extras.verification {
                        self.verification(verification);
                    }
                }
            }
        }
    }

    /// The letterhead of Iranian official correspondence: «بسمه‌تعالی» at the head, the emblem
    /// centred with the issuing office's whole line under it (republic, ministry, governorate,
    /// county office, district office), and number, date and attachment at the reading end; a
    /// rule under them.
    fn header(&mut self, values: &BTreeMap<&str, String>) {
        let top = self.y;
        self.head_items(values);
        let items_bottom = self.y;
        self.y = top;
        self.advance(14.0);
        let invocation = self.localizer.text("print-header-invocation", &[]);
        self.put(&invocation, Weight::Bold, 11.0, 1, 0.0);
        if let Some(image) = self.emblem.clone() {
            let below = self.y - 8.0 * self.scale();
            self.y = self.draw_emblem(image, below);
        }
        let lines = [
            ("print-header-republic", None, Weight::Regular),
            ("print-header-ministry", None, Weight::Regular),
            ("print-header-governorate", Some("province"), Weight::Regular),
            ("print-header-county-office", Some("county"), Weight::Regular),
            ("print-header-district", Some("district"), Weight::Bold),
        ];
        for (id, key, weight) in lines {
            let name = key.and_then(|k| values.get(k)).map_or("", String::as_str);
            if key.is_some() && name.is_empty() {
                continue;
            }
            self.advance(15.0);
            let text = self.localizer.text(id, &[("name", Arg::Text(name))]);
            self.put(&text, weight, 10.5, 1, 0.0);
        }
        self.y = items_bottom.min(self.y);
        self.advance(10.0);
        let rule = [self.margin, self.y, self.width(), 0.8];
        self.marks.push(Mark::Fill { rects: vec![rule], gray: 0.3 });
    }

    /// Number, date and (on an issued document) attachment at the header's reading end.
    fn head_items(&mut self, values: &BTreeMap<&str, String>) {
        let number = values.get("serial").or_else(|| values.get("tracking")).filter(|v| !v.is_empty()).cloned();
        let attachment = values.contains_key("serial").then(|| self.localizer.text("print-header-attachment-none", &[]));
        let head = [
            ("print-header-number", number),
            ("print-header-date", header_date(values)),
            ("print-header-attachment", attachment),
        ];
        for (id, value) in head {
            let Some(value) = value else { continue };
            self.advance(16.0);
            let label = self.localizer.text(id, &[]);
            self.head_item(&label, &value);
        }
    }

    /// A label and its value at the header's reading end, shaped apart like the body's fields: in one
    /// Persian line a serial's hyphen would split «۱۴۰۵-۰۰۰۰۰۱» into two numbers shown swapped.
    fn head_item(&mut self, label: &str, value: &str) {
        let size = 10.0 * self.scale();
        let label = self.fonts.regular.line(label, size, self.rtl);
        let value = self.fonts.regular.line(value, size, self.rtl);
        let gap = size * 0.4;
        let total = label.width + gap + value.width;
        let (label_x, value_x) = if self.rtl {
            (self.margin + value.width + gap, self.margin)
        } else {
            let start = self.margin + self.width() - total;
            (start, start + label.width + gap)
        };
        let y = self.y;
        self.marks.push(Mark::Text { line: label, x: label_x, y, gray: 0.2 });
        self.marks.push(Mark::Text { line: value, x: value_x, y, gray: 0.2 });
    }

    /// A thin frame at `rect` (x, y, width, height).
    fn frame(&mut self, [x, y, w, h]: [f32; 4], thickness: f32, gray: f32) {
        let rects = vec![
            [x, y, w, thickness],
            [x, y + h - thickness, w, thickness],
            [x, y, thickness, h],
            [x + w - thickness, y, thickness, h],
        ];
        self.marks.push(Mark::Fill { rects, gray });
    }

    /// The emblem centred at the top of the header, at most 56 points high and 90 wide (on A4);
    /// returns its bottom.
    fn draw_emblem(&mut self, image: Arc<Image>, top: f32) -> f32 {
        #[allow(clippy::cast_precision_loss)] // image sides are far below f32's exact range
        let (w, h) = (image.width as f32, image.height as f32);
        let fit = (56.0 * self.scale() / h).min(90.0 * self.scale() / w);
        let (w, h) = (w * fit, h * fit);
        let x = (self.size.width - w) / 2.0;
        self.marks.push(Mark::Image { image, rect: [x, top - h, w, h] });
        top - h
    }

    fn paragraph(&mut self, text: &str, size: f32) {
        let size = size * self.scale();
        let lines = self.fonts.regular.wrap(text, size, self.rtl, self.width());
        for line in lines {
            self.y -= size * 1.9;
            let x = if self.rtl { self.margin + self.width() - line.width } else { self.margin };
            self.marks.push(Mark::Text { line, x, y: self.y, gray: 0.0 });
        }
    }

    /// «label: value», the value wrapped beside the label; left out when the value is empty.
    fn field(&mut self, label: &str, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        let size = 11.0 * self.scale();
        // No colon after a Persian label: poppler files a colon beside digits with the number and
        // extracts «شماره۱۴۰۵ :»; the bold label and the gap set it apart just as well.
        let label = if self.rtl { label.to_owned() } else { format!("{label}:") };
        let label = self.fonts.bold.line(&label, size, self.rtl);
        let gap = size * 0.6;
        let room = self.width() - label.width - gap;
        let lines = self.fonts.regular.wrap(value, size, self.rtl, room);
        self.y -= size * 1.9;
        let label_x = if self.rtl { self.margin + self.width() - label.width } else { self.margin };
        self.marks.push(Mark::Text { line: label, x: label_x, y: self.y, gray: 0.25 });
        for (i, line) in lines.into_iter().enumerate() {
            if i > 0 {
                self.y -= size * 1.7;
            }
            let x = if self.rtl { self.margin + room - line.width } else { self.margin + self.width() - room };
            self.marks.push(Mark::Text { line, x, y: self.y, gray: 0.0 });
        }
    }

    /// The documents the issue rests on, numbered, stopping short of the room the signature and
    /// the verification block need so that nothing runs off the page.
    fn documents(&mut self, documents: &[String]) {
        if documents.is_empty() {
            return;
        }
        self.advance(16.0);
        let title = self.localizer.text("print-documents-title", &[]);
        self.put(&title, Weight::Bold, 11.0, 0, 0.0);
        let reserve = self.margin * 0.5 + 215.0 * self.scale();
        for (i, document) in documents.iter().enumerate() {
            if self.y < reserve {
                self.paragraph("…", 10.0);
                break;
            }
            let number = digits(&(i + 1).to_string(), self.localizer.language());
            self.paragraph(&format!("{number}. {document}"), 10.0);
        }
    }

    fn steps(&mut self, steps: &[String]) {
        if steps.is_empty() {
            return;
        }
        self.advance(18.0);
        let title = self.localizer.text("print-steps-title", &[]);
        self.put(&title, Weight::Bold, 11.0, 0, 0.0);
        for (i, step) in steps.iter().enumerate() {
            let number = digits(&(i + 1).to_string(), self.localizer.language());
            self.paragraph(&format!("{number}. {step}"), 10.0);
        }
    }

    /// The signature block at the reading end, as a letter is signed: room for the stamp, then
    /// the signer, the role and the office, each centred in the block.
    fn signature(&mut self, values: &BTreeMap<&str, String>) {
        self.advance(30.0);
        let district = values["district"].clone();
        let office = self.localizer.text("print-header-district", &[("name", Arg::Text(&district))]);
        let lines = [(&values["signer"], Weight::Bold, 12.0, 0.0), (&values["signer_role"], Weight::Regular, 11.0, 0.2)];
        for (i, (text, weight, size, gray)) in lines.into_iter().enumerate() {
            if i > 0 {
                self.advance(17.0);
            }
            self.put_in_end_column(text, weight, size, gray);
        }
        self.advance(15.0);
        self.put_in_end_column(&office, Weight::Regular, 10.0, 0.2);
    }

    /// A line centred in the column of the reading end that holds the signature.
    fn put_in_end_column(&mut self, text: &str, weight: Weight, size: f32, gray: f32) {
        let column = self.width() * 0.4;
        let line = self.fonts.get(weight).line(text, size * self.scale(), self.rtl);
        let left = if self.rtl { self.margin } else { self.margin + self.width() - column };
        let x = left + (column - line.width).max(0.0) / 2.0;
        self.marks.push(Mark::Text { line, x, y: self.y, gray });
    }

    /// The verification block right under the signature, framed: the QR code at the reading end,
    /// the short code and how to check it beside it.
    fn verification(&mut self, verification: &Verification) {
        let scale = self.scale();
        let side = 72.0 * scale;
        let pad = 8.0 * scale;
        self.advance(18.0);
        let height = side + 2.0 * pad;
        let bottom = (self.y - height).max(self.margin * 0.5);
        self.frame([self.margin, bottom, self.width(), height], 0.6, 0.55);
        let x = if self.rtl { self.margin + pad } else { self.margin + self.width() - pad - side };
        if let Some(rects) = super::qr::modules(&verification.qr, x, bottom + pad, side) {
            self.marks.push(Mark::Fill { rects, gray: 0.0 });
        }
        // The text keeps clear of the QR code: the page's width less the code and its margins.
        let inset = side + 3.0 * pad;
        self.y = bottom + height - pad;
        let title = self.localizer.text("print-verify-title", &[]);
        let hint = self.localizer.text("print-verify-hint", &[]);
        self.advance(14.0);
        self.put_beside(&title, Weight::Bold, 10.0, inset);
        self.advance(18.0);
        // The code is Latin letters and digits: set left to right on its own line, so its parts
        // keep their order in a Persian page.
        let line = self.fonts.regular.line(&verification.short, 12.0 * scale, false);
        let x = if self.rtl { self.margin + self.width() - pad - line.width } else { self.margin + pad };
        self.marks.push(Mark::Text { line, x, y: self.y, gray: 0.0 });
        self.advance(16.0);
        self.put_beside(&hint, Weight::Regular, 9.0, inset);
        self.y = bottom;
    }

    /// A line at the reading start of the verification block, clear of the QR code (`inset`).
    fn put_beside(&mut self, text: &str, weight: Weight, size: f32, inset: f32) {
        let pad = 8.0 * self.scale();
        let line = self.fonts.get(weight).line(text, size * self.scale(), self.rtl);
        let room = self.width() - inset;
        let x = if self.rtl { self.margin + self.width() - pad - line.width.min(room) } else { self.margin + pad };
        self.marks.push(Mark::Text { line, x, y: self.y, gray: 0.0 });
    }

    fn finish(mut self, title: &str) -> Result<Vec<u8>, PrintError> {
        // A double frame around the page, as official forms have.
        let inset = self.margin * 0.45;
        let [w, h] = [self.size.width - 2.0 * inset, self.size.height - 2.0 * inset];
        self.frame([inset, inset, w, h], 1.4, 0.25);
        let gap = 3.0 * self.scale();
        self.frame([inset + gap, inset + gap, w - 2.0 * gap, h - 2.0 * gap], 0.4, 0.25);
        super::pdf::write(&[Page { size: self.size, rtl: self.rtl, marks: self.marks }], self.fonts, title)
    }
}

/// The letter's date: an issued document's is its issue's (a copy printed later keeps it), a
/// receipt's the day it is printed.
fn header_date(values: &BTreeMap<&str, String>) -> Option<String> {
    if values.contains_key("serial") { values.get("issued_on") } else { values.get("today") }.cloned()
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
    use crate::domain::case::Context;
    use crate::domain::catalog::IssuedDocumentKind;
    use crate::domain::issued::Serial;
    use crate::domain::role::{Actor, Role};
    use crate::domain::tracking::TrackingCode;
    use crate::print::tests::{logical_lines, pdftotext};

    const NAME: &str = "علی‌رضا محمدی (Ali)";
    const CONDITIONS: &str = "طبق (ماده ۵) قانون";

    #[test]
    fn the_header_dates_a_document_by_its_issue_and_a_receipt_by_its_print() {
        let values =
            |pairs: &[(&'static str, &str)]| pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect::<BTreeMap<_, _>>();
        let issued = values(&[("serial", "۱۴۰۵-۰۰۰۰۰۱"), ("issued_on", "۱ آذر ۱۴۰۵"), ("today", "۱۶ آذر ۱۴۰۵")]);
        assert_eq!(header_date(&issued).as_deref(), Some("۱ آذر ۱۴۰۵"), "a copy printed later took the print's date");
        let receipt = values(&[("tracking", "۱۲۳۴-۰۵-۰۰۰۰۰۱-۷"), ("today", "۱۶ آذر ۱۴۰۵")]);
        assert_eq!(header_date(&receipt).as_deref(), Some("۱۶ آذر ۱۴۰۵"));
    }

    /// Every template in both languages on both papers (the other paper through an office copy);
    /// each is written to `$BAKHSHYAR_PRINT_DIR` when set, for a look with pdftoppm.
    #[test]
    fn every_template_prints_and_extracts_the_persian_values_as_printed() {
        let catalog = crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let service = catalog.by_number(36).unwrap_or_else(|| panic!("service 36"));
        let governor = Actor { user_id: "g".into(), name: "محمد کریمی".into(), role: Role::DistrictGovernor };
        let id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
        let applicant =
            Applicant::new(ApplicantIdentity::Person { national_id: id }, NAME, None).unwrap_or_else(|e| panic!("{e}"));
        let code = TrackingCode::compose("12", 1405, 16).unwrap_or_else(|e| panic!("{e}"));
        let ctx = Context { actor: &governor, at: Utc::now(), note: None };
        let (case, _) = Case::open(code, service, &catalog.version, applicant, &ctx).unwrap_or_else(|e| panic!("{e}"));
        let office = Office {
            district_code: "12".into(),
            district: "آبگرم".into(),
            county: "آوج".into(),
            province: "قزوین".into(),
            ..Office::default()
        };
        let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // The permits carry an emblem: a 64-pixel disc, transparent around it.
        let emblem = dir.path().join("emblem.png");
        std::fs::write(&emblem, crate::print::image::tests::disc_png(64)).unwrap_or_else(|e| panic!("{e}"));
        let with_emblem = Office { emblem: Some(emblem), ..office.clone() };
        let out = std::env::var_os("BAKHSHYAR_PRINT_DIR").map(std::path::PathBuf::from);
        for language in [Language::Persian, Language::English] {
            for paper in ["A4", "A5"] {
                for kind in IssuedDocumentKind::ALL.map(Some).into_iter().chain([None]) {
                    let name = kind.map_or("receipt", IssuedDocumentKind::key);
                    let built_in = template::load(None, language.code(), name).unwrap_or_else(|e| panic!("{e}"));
                    let folder = template::override_dir(dir.path()).join(language.code());
                    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
                    let text = template::BUILT_IN.iter().find(|(f, _)| f.ends_with(&format!("{}/{name}.txt", language.code())));
                    let text = text.map(|(_, t)| {
                        t.replace("page A4", &format!("page {paper}")).replace("page A5", &format!("page {paper}"))
                    });
                    std::fs::write(folder.join(format!("{name}.txt")), text.unwrap_or_default())
                        .unwrap_or_else(|e| panic!("{e}"));
                    assert!(!built_in.blocks.is_empty());
                    let document = IssuedDocument {
                        serial: Serial { year: 1405, number: 1 },
                        kind: kind.unwrap_or(IssuedDocumentKind::Permit),
                        issued_at: Utc::now(),
                        signer: governor.clone(),
                        valid_until: None,
                        conditions: Some(CONDITIONS.into()),
                        supersedes: None,
                        superseded_by: None,
                        documents_override: None,
                        copies: 0,
                        revoked: None,
                    };
                    let print = IssuedPrint {
                        case: &case,
                        service,
                        document: &document,
                        office: if kind == Some(IssuedDocumentKind::Permit) { &with_emblem } else { &office },
                        key: &key,
                        copy: 2,
                        language,
                        data_dir: Some(dir.path()),
                        now: Utc::now(),
                    };
                    let receipt = ReceiptPrint {
                        case: &case,
                        service,
                        office: &office,
                        language,
                        data_dir: Some(dir.path()),
                        now: Utc::now(),
                    };
                    let bytes = if kind.is_some() { render_issued(&print) } else { render_receipt(&receipt) };
                    let bytes = bytes.unwrap_or_else(|e| panic!("{e}"));
                    assert!(bytes.len() < 60_000, "{name}: {} bytes", bytes.len());
                    if let Some(out) = &out {
                        let file = out.join(format!("{}-{name}-{paper}.pdf", language.code()));
                        std::fs::write(file, &bytes).unwrap_or_else(|e| panic!("{e}"));
                    }
                    let Some(text) = pdftotext(&bytes) else { panic!("pdftotext is not installed") };
                    let lines = logical_lines(&text);
                    let all = lines.join(" ");
                    if kind.is_some() {
                        assert!(all.contains(CONDITIONS), "{name} {language:?} {paper}: {lines:#?}");
                        assert!(all.contains("محمد کریمی"), "{name} {language:?} {paper}: {lines:#?}");
                        // The header's number whole and in order (a hyphen between Persian digits
                        // once split it into two numbers shown swapped).
                        let label = if language == Language::Persian { "شماره" } else { "Number:" };
                        let number = format!("{label} {}", digits("1405-000001", language));
                        assert!(lines.contains(&number), "{name} {language:?} {paper}: {lines:#?}");
                    }
                    if text.contains("(Ali") {
                        assert!(all.contains(NAME), "{name} {language:?} {paper}: {lines:#?}");
                    }
                }
            }
        }
    }
}

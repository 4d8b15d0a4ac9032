//! Reads the service catalogue from its TOML files (embedded, or a folder an office supplies)
//! and checks it before anything may use it.

mod format;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::domain::catalog::{AbsentService, Catalog, Service, Unit};
use crate::domain::text::normalize;
use crate::domain::workflow::{Edge, Node, Workflow, WorkflowError};
use format::{IndexFile, ServiceRecord, UnitFile, WorkflowRecord};

/// The index file that names the units in order.
pub const INDEX_FILE: &str = "catalog.toml";
/// The format versions this program reads: 2 adds the services added after the first edition
/// (`catalog_number`, unknown `kind`/`has_client`), a unit's `absent` services and `inferred`
/// steps and branch labels; a format-1 catalogue reads as it always did.
const FORMAT_VERSIONS: std::ops::RangeInclusive<u32> = 1..=2;

/// One problem in the catalogue, with the file and (where there is one) the service row it is in.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}{}: {problem}", service.map(|s| format!(", service {s}")).unwrap_or_default())]
pub struct CatalogError {
    pub file: String,
    pub service: Option<u32>,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Problem {
    #[error("cannot be read: {0}")]
    Unreadable(String),
    #[error("is not valid TOML: {0}")]
    Syntax(String),
    #[error("has format version {0}, this program reads versions 1 and 2")]
    UnsupportedFormat(u32),
    #[error("is listed in catalog.toml but missing")]
    MissingUnitFile,
    #[error("is not listed in catalog.toml")]
    UnlistedFile,
    #[error("says its unit is {0}, which does not match its file name")]
    SlugMismatch(String),
    #[error("row number {0} is used twice")]
    DuplicateRow(u32),
    #[error("service ID {0} is not 11 digits")]
    MalformedServiceId(String),
    #[error("service ID {id} is also used by {other}")]
    DuplicateServiceId { id: String, other: String },
    #[error("field {0} is empty")]
    EmptyText(String),
    #[error("field {0} is not normalized (NFC, Persian ی and ک, single spaces)")]
    NotNormalized(String),
    #[error("step {0} has a time limit of zero days")]
    ZeroTimeLimit(String),
    #[error("workflow: {0}")]
    Workflow(WorkflowError),
    #[error("field {0} is left out, which only a service added after the first edition (with its catalog_number) may do")]
    MissingField(String),
    #[error("row {0} is listed both as a service and as absent")]
    AbsentRowListed(u32),
    #[error("catalogue number {0} is used twice")]
    DuplicateCatalogNumber(u32),
    #[error("catalogue numbers skip {0}; they must run from 1 without a gap")]
    CatalogNumberGap(u32),
}

/// The catalogue built into the program.
pub fn embedded() -> Result<Catalog, Vec<CatalogError>> {
    load_part(crate::embedded::CATALOG_FILES, crate::embedded::CATALOG_VERSION.to_owned(), Part::All)
}

/// The built-in catalogue's files as `(file name, contents)`.
pub fn embedded_files() -> Vec<(String, String)> {
    crate::embedded::CATALOG_FILES.iter().map(|(name, text)| ((*name).to_owned(), (*text).to_owned())).collect()
}

/// The built-in catalogue with only the unit of `service_key` (`slug/row`) read and checked: a
/// command on one case need not parse the other units on each start. The version and the service
/// numbers are those of the whole catalogue (the other units' services are counted, not read); the
/// tests check the whole built-in catalogue, and that each unit read alone equals its part of the whole.
pub fn embedded_unit(service_key: &str) -> Result<Catalog, Vec<CatalogError>> {
    let slug = service_key.split_once('/').map_or(service_key, |(slug, _)| slug);
    load_part(crate::embedded::CATALOG_FILES, crate::embedded::CATALOG_VERSION.to_owned(), Part::Unit(slug))
}

/// `embedded_unit` narrowed to the one service `service_key` (`slug/row`) and its unit: printing a
/// case reads one service's table, not its unit's other services (the largest unit is 52 KB of
/// TOML). The other services before it are counted, so its number is the whole catalogue's; a unit
/// where the row is not found by its line is read whole. The tests check that each service read
/// alone equals itself in the whole.
pub fn embedded_service(service_key: &str) -> Result<Catalog, Vec<CatalogError>> {
    let part = match service_key.split_once('/') {
        Some((slug, row)) => Part::Service { slug, row },
        None => Part::Unit(service_key),
    };
    load_part(crate::embedded::CATALOG_FILES, crate::embedded::CATALOG_VERSION.to_owned(), part)
}

/// A catalogue folder on disk (an office's update, or a reviewer's copy).
pub fn from_dir(dir: &Path) -> Result<Catalog, Vec<CatalogError>> {
    load(files_of(dir)?)
}

/// The `.toml` files of a catalogue folder as `(file name, contents)`, unchecked: what a
/// governorate publishes to its districts.
pub fn files_of(dir: &Path) -> Result<Vec<(String, String)>, Vec<CatalogError>> {
    let unreadable = |file: &str, e: &std::io::Error| vec![error(file, None, Problem::Unreadable(e.to_string()))];
    let entries = std::fs::read_dir(dir).map_err(|e| unreadable(&dir.display().to_string(), &e))?;
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let name = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).map_err(|e| unreadable(&name, &e))?;
            files.push((name, text));
        }
    }
    Ok(files)
}

/// Builds the catalogue from `(file name, contents)` pairs; every problem found is returned, not just the first.
pub fn load(mut files: Vec<(String, String)>) -> Result<Catalog, Vec<CatalogError>> {
    files.sort();
    let version = version_of(&files);
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(name, text)| (name.as_str(), text.as_str())).collect();
    load_part(&borrowed, version, Part::All)
}

/// How much of a catalogue to read; the units and services not read are counted.
#[derive(Clone, Copy)]
enum Part<'a> {
    All,
    Unit(&'a str),
    /// One service of a unit, by its row (the part of its key after the slash).
    Service {
        slug: &'a str,
        row: &'a str,
    },
}

impl Part<'_> {
    fn skips(self, unit: &str) -> bool {
        match self {
            Part::All => false,
            Part::Unit(slug) | Part::Service { slug, .. } => slug != unit,
        }
    }
}

/// Reads the `part` of the catalogue whose files are `files` and whose version is `version`.
fn load_part(files: &[(&str, &str)], version: String, part: Part<'_>) -> Result<Catalog, Vec<CatalogError>> {
    let mut texts: HashMap<&str, &str> = files.iter().copied().collect();
    let index_text = texts.remove(INDEX_FILE).ok_or_else(|| vec![error(INDEX_FILE, None, Problem::MissingUnitFile)])?;
    let index: IndexFile = parse(INDEX_FILE, index_text).map_err(|e| vec![e])?;
    if !FORMAT_VERSIONS.contains(&index.format) {
        return Err(vec![error(INDEX_FILE, None, Problem::UnsupportedFormat(index.format))]);
    }
    let mut errors = Vec::new();
    let generic = build_workflow(&index.generic_workflow, true).map_err(|p| error(INDEX_FILE, None, p));
    let generic = match generic {
        Ok(w) => w,
        Err(e) => return Err(vec![e]),
    };
    let internal = match index.internal_workflow.as_ref().map(|w| build_workflow(w, true)).transpose() {
        Ok(w) => Generic { client: generic.clone(), internal: w.unwrap_or(generic) },
        Err(p) => return Err(vec![error(INDEX_FILE, None, p)]),
    };
    let generic = internal;
    let mut catalog = Catalog { version, booklet_total: index.booklet_total, units: Vec::new(), services: Vec::new() };
    let mut placed = 0;
    for slug in &index.units {
        let file = format!("{slug}.toml");
        let Some(text) = texts.remove(file.as_str()) else {
            errors.push(error(&file, None, Problem::MissingUnitFile));
            continue;
        };
        if part.skips(slug) {
            placed += numbered_by_place(text, text.len());
            continue;
        }
        let (text, before) = match part {
            Part::Service { row, .. } => one_service(text, row).map_or((Cow::Borrowed(text), 0), |(t, n)| (Cow::Owned(t), n)),
            _ => (Cow::Borrowed(text), 0),
        };
        match parse::<UnitFile>(&file, &text) {
            Ok(unit) => add_unit(&mut catalog, &file, unit, (&generic, &mut placed, before), &mut errors),
            Err(e) => errors.push(e),
        }
    }
    let mut unlisted: Vec<&str> = texts.into_keys().collect();
    unlisted.sort_unstable();
    errors.extend(unlisted.iter().map(|f| error(f, None, Problem::UnlistedFile)));
    check_unique_ids(&catalog, &mut errors);
    if matches!(part, Part::All) {
        check_numbers(&catalog, &mut errors);
    }
    if errors.is_empty() { Ok(catalog) } else { Err(errors) }
}

/// Where each `[[services]]` table of a unit file begins (byte offsets of its header lines).
fn service_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == "[[services]]" {
            starts.push(at);
        }
        at += line.len();
    }
    starts
}

/// How many `[[services]]` tables of a unit file that begin before byte `end` are numbered by their
/// place (have no `catalog_number` line of their own).
fn numbered_by_place(text: &str, end: usize) -> usize {
    let starts = service_starts(text);
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .filter(|(start, _)| **start < end)
        .filter(|(start, end)| !text[**start..*end].lines().any(|l| l.trim_start().starts_with("catalog_number")))
        .count()
}

/// The unit file `text` cut to its header and the one `[[services]]` table with the line
/// `number = row`, with how many services numbered by their place come before that table; `None`
/// when none has it.
fn one_service(text: &str, row: &str) -> Option<(String, usize)> {
    let starts = service_starts(text);
    let wanted = format!("number = {row}");
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    let (start, end) =
        starts.iter().copied().zip(ends).find(|(start, end)| text[*start..*end].lines().any(|l| l.trim() == wanted))?;
    let header = &text[..starts.first().copied().unwrap_or(0)];
    Some((format!("{header}{}", &text[start..end]), numbered_by_place(text, start)))
}

/// The workflows of services whose diagram did not survive: one for client-facing services, one
/// for internal ones.
struct Generic {
    client: Workflow,
    internal: Workflow,
}

impl Generic {
    fn for_service(&self, has_client: Option<bool>) -> &Workflow {
        if has_client == Some(false) { &self.internal } else { &self.client }
    }
}

/// Adds a unit's services; `placed` counts the services numbered by their place so far (those of
/// units not read included), `before` those of this unit left out when one service is read alone.
fn add_unit(
    catalog: &mut Catalog,
    file: &str,
    unit: UnitFile,
    (generic, placed, before): (&Generic, &mut usize, usize),
    errors: &mut Vec<CatalogError>,
) {
    if format!("{}.toml", unit.unit_slug) != file {
        errors.push(error(file, None, Problem::SlugMismatch(unit.unit_slug.clone())));
    }
    let texts = [("deputy_fa", &unit.deputy_fa), ("unit_fa", &unit.unit_fa)];
    let notes = unit.notes_fa.iter().map(|n| ("notes_fa", n));
    let absent_notes = unit.absent.iter().map(|a| ("note_fa", &a.note_fa));
    errors.extend(text_problems(texts.into_iter().chain(notes).chain(absent_notes)).map(|p| error(file, None, p)));
    let mut rows = std::collections::HashSet::new();
    *placed += before;
    for record in unit.services {
        if !rows.insert(record.number) {
            errors.push(error(file, Some(record.number), Problem::DuplicateRow(record.number)));
            continue;
        }
        let number = record.catalog_number.unwrap_or_else(|| {
            *placed += 1;
            u32::try_from(*placed).unwrap_or(u32::MAX)
        });
        match build_service(record, &unit.unit_slug, number, generic) {
            Ok(service) => catalog.services.push(service),
            Err((row, problems)) => errors.extend(problems.into_iter().map(|p| error(file, Some(row), p))),
        }
    }
    for absent in &unit.absent {
        if !rows.insert(absent.row) {
            errors.push(error(file, Some(absent.row), Problem::AbsentRowListed(absent.row)));
        }
    }
    catalog.units.push(Unit {
        slug: unit.unit_slug,
        deputy_fa: unit.deputy_fa,
        unit_fa: unit.unit_fa,
        booklet_count: unit.booklet_count,
        notes_fa: unit.notes_fa,
        absent: unit.absent.into_iter().map(|a| AbsentService { row: a.row, reason: a.reason, note_fa: a.note_fa }).collect(),
    });
}

fn build_service(r: ServiceRecord, slug: &str, number: u32, generic: &Generic) -> Result<Service, (u32, Vec<Problem>)> {
    let generic = generic.for_service(r.has_client);
    let mut problems: Vec<Problem> = [&r.id, &r.title_id]
        .into_iter()
        .flatten()
        .filter(|id| id.len() != 11 || !id.bytes().all(|b| b.is_ascii_digit()))
        .map(|id| Problem::MalformedServiceId(id.clone()))
        .collect();
    let texts = [("title_fa", &r.title_fa), ("sub_title_fa", &r.sub_title_fa)]
        .into_iter()
        .chain(r.grant_fa.iter().map(|g| ("grant_fa", g)))
        .chain(r.documents_fa.iter().map(|d| ("documents_fa", d)))
        .chain(r.notes_fa.iter().map(|d| ("notes_fa", d)));
    problems.extend(text_problems(texts));
    if r.catalog_number.is_none() {
        let missing = [("kind", r.kind.is_none()), ("has_client", r.has_client.is_none())];
        problems.extend(missing.into_iter().filter(|(_, m)| *m).map(|(field, _)| Problem::MissingField(field.to_owned())));
    }
    let (workflow, fixes) = match &r.workflow {
        Some(record) => match build_workflow(record, false) {
            Ok(w) => (w, record.fixes_fa.clone()),
            Err(p) => {
                problems.push(p);
                (generic.clone(), Vec::new())
            }
        },
        None => (generic.clone(), Vec::new()),
    };
    if !problems.is_empty() {
        return Err((r.number, problems));
    }
    Ok(Service {
        key: format!("{slug}/{}", r.number),
        number,
        unit_slug: slug.to_owned(),
        row: r.number,
        id: r.id,
        title_fa: r.title_fa,
        title_id: r.title_id,
        sub_title_fa: r.sub_title_fa,
        kind: r.kind,
        has_client: r.has_client,
        issues_document: r.issues_document,
        grant_fa: r.grant_fa,
        documents_fa: r.documents_fa,
        notes_fa: r.notes_fa,
        workflow,
        workflow_fixes_fa: fixes,
    })
}

fn build_workflow(record: &WorkflowRecord, generic: bool) -> Result<Workflow, Problem> {
    let labels = record.nodes.iter().map(|n| ("label_fa", &n.label_fa));
    let branches = record.edges.iter().filter_map(|e| e.label_fa.as_ref().map(|l| ("label_fa", l)));
    if let Some(p) = text_problems(labels.chain(branches)).next() {
        return Err(p);
    }
    if let Some(n) = record.nodes.iter().find(|n| n.time_limit_days == Some(0)) {
        return Err(Problem::ZeroTimeLimit(n.id.clone()));
    }
    let workflow = Workflow {
        generic,
        nodes: record
            .nodes
            .iter()
            .map(|n| Node {
                id: n.id.clone(),
                kind: n.kind,
                label_fa: n.label_fa.clone(),
                actor: n.actor,
                time_limit_days: n.time_limit_days,
                time_limit_fa: n.time_limit_fa.clone(),
                inferred: n.inferred,
            })
            .collect(),
        edges: record
            .edges
            .iter()
            .map(|e| Edge { from: e.from.clone(), to: e.to.clone(), label_fa: e.label_fa.clone(), inferred: e.inferred })
            .collect(),
    };
    workflow.validate().map_err(Problem::Workflow)?;
    Ok(workflow)
}

fn text_problems<'a>(fields: impl Iterator<Item = (&'a str, &'a String)>) -> impl Iterator<Item = Problem> {
    fields.filter_map(|(name, value)| {
        if value.trim().is_empty() {
            Some(Problem::EmptyText(name.to_owned()))
        } else if normalize(value) != *value {
            Some(Problem::NotNormalized(name.to_owned()))
        } else {
            None
        }
    })
}

fn check_unique_ids(catalog: &Catalog, errors: &mut Vec<CatalogError>) {
    let mut seen: HashMap<&str, &Service> = HashMap::new();
    for service in &catalog.services {
        let Some(id) = service.id.as_deref() else { continue };
        if let Some(other) = seen.insert(id, service) {
            let problem = Problem::DuplicateServiceId { id: id.to_owned(), other: other.key.clone() };
            errors.push(error(&format!("{}.toml", service.unit_slug), Some(service.row), problem));
        }
    }
}

/// The whole catalogue's numbers run from 1 to its size, each once.
fn check_numbers(catalog: &Catalog, errors: &mut Vec<CatalogError>) {
    let mut seen = std::collections::HashSet::new();
    for service in &catalog.services {
        if !seen.insert(service.number) {
            let problem = Problem::DuplicateCatalogNumber(service.number);
            errors.push(error(&format!("{}.toml", service.unit_slug), Some(service.row), problem));
        }
    }
    let size = u32::try_from(catalog.services.len()).unwrap_or(u32::MAX);
    if let Some(gap) = (1..=size).find(|n| !seen.contains(n)) {
        errors.push(error(INDEX_FILE, None, Problem::CatalogNumberGap(gap)));
    }
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, CatalogError> {
    toml::from_str(text).map_err(|e| error(file, None, Problem::Syntax(e.to_string().trim().to_owned())))
}

fn error(file: &str, service: Option<u32>, problem: Problem) -> CatalogError {
    CatalogError { file: file.to_owned(), service, problem }
}

/// The version of a catalogue: a content hash of its files, sorted by name.
pub fn version_of(files: &[(String, String)]) -> String {
    let mut hasher = Sha256::new();
    for (name, text) in files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hasher.update([0]);
    }
    hasher.finalize().iter().take(6).fold(String::new(), |hex, b| hex + &format!("{b:02x}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Services each unit lists and the booklet's count for it (two units' tables are short; the
    /// services recovered from their diagram pages are listed, and the one left is absent).
    const EXPECTED_ROWS: [(&str, usize, u32); 17] = [
        ("economic-affairs", 12, 12),
        ("investment-employment", 17, 17),
        ("political-elections-divisions", 26, 26),
        ("security-law-enforcement", 11, 11),
        ("social-cultural", 25, 25),
        ("foreign-nationals", 47, 47),
        ("passive-defence", 10, 10),
        ("urban-councils", 35, 35),
        ("rural-councils", 17, 18),
        ("technical-transport", 14, 14),
        ("crisis-management", 11, 11),
        ("performance-inspection-legal", 16, 16),
        ("women-family", 8, 8),
        ("management-deputy", 1, 1),
        ("planning-budget", 15, 15),
        ("admin-finance", 57, 57),
        ("it-cyber", 9, 9),
    ];

    fn shipped() -> Catalog {
        embedded().unwrap_or_else(|errors| panic!("{errors:#?}"))
    }

    #[test]
    fn each_unit_read_alone_equals_its_part_of_the_whole() {
        let whole = shipped();
        for unit in &whole.units {
            let services: Vec<&Service> = whole.services.iter().filter(|s| s.unit_slug == unit.slug).collect();
            let alone = embedded_unit(&services[0].key).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(alone.version, whole.version);
            assert_eq!(alone.units, vec![unit.clone()]);
            assert_eq!(alone.services.iter().collect::<Vec<_>>(), services, "{}", unit.slug);
        }
    }

    #[test]
    fn each_service_read_alone_equals_itself_in_the_whole() {
        let whole = shipped();
        for service in &whole.services {
            let alone = embedded_service(&service.key).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(alone.version, whole.version);
            assert_eq!(alone.units.iter().map(|u| &u.slug).collect::<Vec<_>>(), vec![&service.unit_slug]);
            assert_eq!(alone.services.iter().collect::<Vec<_>>(), vec![service], "{}", service.key);
        }
    }

    #[test]
    fn the_version_hashed_at_build_time_is_the_catalogues_own() {
        let mut files = embedded_files();
        files.sort();
        assert_eq!(crate::embedded::CATALOG_VERSION, version_of(&files));
        assert_eq!(load(embedded_files()).map(|c| c.version), Ok(version_of(&files)));
    }

    #[test]
    fn the_shipped_catalogue_has_every_unit_with_its_rows() {
        let catalog = shipped();
        let slugs: Vec<&str> = catalog.units.iter().map(|u| u.slug.as_str()).collect();
        assert_eq!(slugs, EXPECTED_ROWS.map(|(slug, _, _)| slug));
        for (slug, rows, booklet) in EXPECTED_ROWS {
            let listed = catalog.services.iter().filter(|s| s.unit_slug == slug).count();
            assert_eq!(listed, rows, "{slug}");
            assert_eq!(catalog.unit(slug).map(|u| u.booklet_count), Some(booklet), "{slug}");
        }
        assert_eq!(catalog.booklet_total, 332);
        assert_eq!(catalog.services.len(), 331);
        // The first edition's 325 keep their numbers in booklet order; the six added after them
        // (issue 19) are numbered 326 to 331 in booklet order, in their units.
        let (first, added): (Vec<&Service>, Vec<&Service>) = catalog.services.iter().partition(|s| s.number <= 325);
        assert_eq!(first.iter().map(|s| s.number).collect::<Vec<_>>(), (1..=325).collect::<Vec<_>>());
        let added: Vec<(u32, &str)> = added.iter().map(|s| (s.number, s.key.as_str())).collect();
        let keys = ["investment-employment/17", "rural-councils/13", "rural-councils/14", "rural-councils/15"];
        let keys = keys.into_iter().chain(["rural-councils/16", "rural-councils/17"]);
        assert_eq!(added, (326..=331).zip(keys).collect::<Vec<_>>());
        for (number, key) in added {
            assert_eq!(catalog.by_number(number).map(|s| s.key.as_str()), Some(key));
        }
        // Numbers and keys that cases and people already use.
        for (number, key) in [(29, "political-elections-divisions/1"), (325, "it-cyber/9"), (183, "rural-councils/1")] {
            assert_eq!(catalog.by_number(number).map(|s| s.key.as_str()), Some(key));
        }
    }

    #[test]
    fn every_service_the_booklet_counts_is_listed_or_absent_with_a_reason() {
        let catalog = shipped();
        for unit in &catalog.units {
            let listed = catalog.services.iter().filter(|s| s.unit_slug == unit.slug).count();
            assert_eq!(listed + unit.absent.len(), unit.booklet_count as usize, "{}", unit.slug);
        }
        let absent: Vec<(&str, u32)> =
            catalog.units.iter().flat_map(|u| u.absent.iter().map(move |a| (u.slug.as_str(), a.row))).collect();
        assert_eq!(absent, vec![("rural-councils", 18)]);
        // Only services added from the diagram pages leave their kind unknown, and they say why.
        for s in catalog.services.iter().filter(|s| s.kind.is_none() || s.has_client.is_none()) {
            assert!(s.number > 325 && !s.notes_fa.is_empty(), "{}", s.key);
        }
    }

    /// The shipped files with `edit` applied to the file `name`.
    fn edited(name: &str, edit: impl Fn(&str) -> String) -> Vec<(String, String)> {
        let mut files = embedded_files();
        for (file, text) in &mut files {
            if file == name {
                *text = edit(text);
            }
        }
        files
    }

    #[test]
    fn catalogue_numbers_run_without_gap_or_repeat_and_only_added_services_leave_flags_out() {
        let repeated = edited("rural-councils.toml", |t| t.replace("catalog_number = 331", "catalog_number = 330"));
        let errors = load(repeated).err().unwrap_or_default();
        assert!(errors.iter().any(|e| e.problem == Problem::DuplicateCatalogNumber(330)), "{errors:?}");
        assert!(errors.iter().any(|e| e.problem == Problem::CatalogNumberGap(331)), "{errors:?}");
        let first_edition = edited("women-family.toml", |t| t.replacen("kind = ", "# kind = ", 1));
        let errors = load(first_edition).err().unwrap_or_default();
        assert!(errors.iter().any(|e| e.problem == Problem::MissingField("kind".into())), "{errors:?}");
        let listed_and_absent = edited("rural-councils.toml", |t| t.replace("row = 18", "row = 17"));
        let errors = load(listed_and_absent).err().unwrap_or_default();
        assert!(errors.iter().any(|e| e.problem == Problem::AbsentRowListed(17)), "{errors:?}");
    }

    #[test]
    fn an_inferred_mark_needs_a_label_and_format_1_still_reads() {
        let unlabelled =
            edited("admin-finance.toml", |t| t.replacen("label_fa = \"خیر\", inferred = true", "inferred = true", 1));
        let errors = load(unlabelled).err().unwrap_or_default();
        assert!(
            errors.iter().any(|e| matches!(e.problem, Problem::Workflow(WorkflowError::InferredWithoutLabel(_)))),
            "{errors:?}"
        );
        let catalog = shipped();
        let inferred: Vec<&str> =
            catalog.services.iter().filter(|s| s.workflow.edges.iter().any(|e| e.inferred)).map(|s| s.key.as_str()).collect();
        assert!(inferred.contains(&"admin-finance/51") && inferred.contains(&"planning-budget/9"), "{inferred:?}");
        // A district may still hold a format-1 catalogue from before issue 19.
        let format_1 = edited(INDEX_FILE, |t| t.replace("format = 2", "format = 1"));
        assert!(load(format_1).is_ok());
        let format_3 = edited(INDEX_FILE, |t| t.replace("format = 2", "format = 3"));
        assert_eq!(load(format_3).err().map(|e| e[0].problem.clone()), Some(Problem::UnsupportedFormat(3)));
    }

    #[test]
    fn units_whose_rows_differ_from_the_booklet_say_why() {
        let catalog = shipped();
        for (slug, rows, booklet) in EXPECTED_ROWS {
            if rows != booklet as usize {
                assert!(catalog.unit(slug).is_some_and(|u| !u.notes_fa.is_empty()), "{slug} has no note");
            }
        }
    }

    #[test]
    fn internal_services_without_a_diagram_get_the_internal_workflow() {
        let catalog = embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let (internal, client): (Vec<&Service>, Vec<&Service>) =
            catalog.services.iter().filter(|s| s.workflow.generic).partition(|s| s.is_internal());
        assert_eq!(internal.len(), 169, "the internal services without a diagram (issue 19)");
        for service in internal {
            let steps: Vec<&str> = service.workflow.nodes.iter().map(|n| n.id.as_str()).collect();
            assert_eq!(steps, ["start", "registered", "review", "action", "report", "end"], "{}", service.key);
        }
        assert!(client.iter().all(|s| s.workflow.node("documents_complete").is_some()));
    }

    #[test]
    fn every_transcribed_workflow_is_sound_and_the_rest_are_marked_generic() {
        let catalog = shipped();
        let transcribed: Vec<&Service> = catalog.services.iter().filter(|s| !s.workflow.generic).collect();
        assert!(transcribed.len() >= 30, "{} transcribed", transcribed.len());
        for service in &catalog.services {
            assert_eq!(service.workflow.validate(), Ok(()), "{}", service.key);
        }
        let generic = catalog.services.iter().find(|s| s.workflow.generic).unwrap_or_else(|| panic!("no generic workflow"));
        assert!(generic.workflow.node("documents_complete").is_some());
    }

    #[test]
    fn services_are_found_by_id_number_key_and_folded_title() {
        let catalog = shipped();
        let by_id = catalog.find("17042155100").unwrap_or_else(|| panic!("by id"));
        assert_eq!(catalog.find(&by_id.number.to_string()).map(|s| &s.key), Some(&by_id.key));
        assert_eq!(catalog.find(&by_id.key).map(|s| &s.key), Some(&by_id.key));
        assert!(catalog.find("00000000000").is_none());
        assert_eq!(catalog.by_number(by_id.number).map(|s| &s.key), Some(&by_id.key));
        assert!(catalog.by_number(0).is_none() && catalog.by_number(332).is_none());
        // Typed with Arabic ي and without ZWNJ, as a clerk might.
        let hits: Vec<&Service> = catalog.search("تشكل هاي صنفي").collect();
        assert!(hits.iter().any(|s| s.key == by_id.key), "{hits:?}");
    }

    #[test]
    fn problems_are_all_collected_not_just_the_first() {
        let mut files: Vec<(String, String)> =
            crate::embedded::CATALOG_FILES.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
        for (name, text) in &mut files {
            if name == "women-family.toml" {
                *text = text.replacen("kind = ", "kind = \"secret\"\nx = ", 1);
            }
            if name == "it-cyber.toml" {
                *text = text.replace("number = 2\n", "number = 1\n");
            }
        }
        let errors = load(files).err().unwrap_or_default();
        assert!(errors.iter().any(|e| e.file == "women-family.toml" && matches!(e.problem, Problem::Syntax(_))), "{errors:?}");
        assert!(errors.iter().any(|e| e.file == "it-cyber.toml" && e.problem == Problem::DuplicateRow(1)), "{errors:?}");
    }

    #[test]
    fn text_that_is_not_normalized_is_refused() {
        let problems: Vec<Problem> =
            text_problems([("title_fa", &"علي".to_owned()), ("x", &" ".to_owned())].into_iter()).collect();
        assert_eq!(problems, vec![Problem::NotNormalized("title_fa".into()), Problem::EmptyText("x".into())]);
    }
}

//! The use cases that change the store, each one write transaction: the domain decides, then the
//! event, the projection, the indexes and the outbox entry are written together or not at all.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};
use redb::{ReadableTable, WriteTransaction};
use sha2::{Digest, Sha256};

use super::files::{sync_file, sync_parent, temp_beside};

use super::record::{CaseRecordV1, EventRecordV1, decode, encode};
use super::tables::{
    CASES, DISTRICT_CODE_KEY, DISTRICT_NAME_KEY, EVENTS, MAGIC, MAGIC_KEY, META, OUTBOX, OUTBOX_NEXT_KEY, SCHEMA_VERSION_KEY,
    TableVisitor, every_table, sequence_key,
};
use super::{Database, SCHEMA_VERSION, StoreError, indexes};
use crate::domain::applicant::Applicant;
use crate::domain::calendar::JalaliDate;
use crate::domain::case::{Case, CaseError, CaseEvent, Context, PaperLetter};
use crate::domain::catalog::{Catalog, Service};
use crate::domain::tracking::TrackingCode;
use crate::domain::workflow::Workflow;

/// The folder beside the database holding attached files, each named by its SHA-256.
pub const ATTACHMENT_DIR: &str = "attachments";

/// Creates every table and writes the meta of a new store.
pub fn initialize(db: &redb::Database, district_code: &str, district_name: &str) -> Result<(), StoreError> {
    let txn = db.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        meta.insert(MAGIC_KEY, MAGIC)?;
        meta.insert(SCHEMA_VERSION_KEY, SCHEMA_VERSION.to_string().as_str())?;
        meta.insert(DISTRICT_CODE_KEY, district_code)?;
        meta.insert(DISTRICT_NAME_KEY, district_name)?;
        meta.insert(OUTBOX_NEXT_KEY, "1")?;
    }
    create_every_table(&txn)?;
    txn.commit()?;
    Ok(())
}

/// Creates every table of the current schema that the file lacks.
pub(super) fn create_every_table(txn: &WriteTransaction) -> Result<(), StoreError> {
    every_table(&mut Creator(txn))
}

/// Creates each table it visits.
struct Creator<'t>(&'t WriteTransaction);

impl TableVisitor for Creator<'_> {
    type Error = StoreError;
    fn visit<K: redb::Key + 'static, V: redb::Value + 'static>(
        &mut self,
        table: redb::TableDefinition<'static, K, V>,
    ) -> Result<(), StoreError> {
        self.0.open_table(table)?;
        Ok(())
    }
}

impl Database {
    /// Opens a case for `service` (its ID, key or catalogue number) with the next tracking code of
    /// the current Solar Hijri year.
    pub fn open_case(
        &self,
        catalog: &Catalog,
        service: &str,
        applicant: Applicant,
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        self.open_case_with_documents(catalog, service, applicant, &[], ctx)
    }

    /// Opens a case with the checklist items (`received`, from 0) the applicant brought, in one
    /// write transaction: the opening and each document's event are stored together or not at all.
    pub fn open_case_with_documents(
        &self,
        catalog: &Catalog,
        service: &str,
        applicant: Applicant,
        received: &[usize],
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        let txn = self.db.begin_write()?;
        let case = self.open_in(&txn, catalog, service, applicant, received, ctx)?;
        txn.commit()?;
        Ok(case)
    }

    /// Opens several cases in one write transaction, so all of them are stored or none (bulk
    /// entry, the benchmark's batches of 100).
    pub fn open_cases<'s>(
        &self,
        catalog: &Catalog,
        requests: impl IntoIterator<Item = (&'s str, Applicant)>,
        ctx: &Context<'_>,
    ) -> Result<Vec<Case>, StoreError> {
        let txn = self.db.begin_write()?;
        let mut opened = Vec::new();
        for (service, applicant) in requests {
            opened.push(self.open_in(&txn, catalog, service, applicant, &[], ctx)?);
        }
        txn.commit()?;
        Ok(opened)
    }

    fn open_in(
        &self,
        txn: &WriteTransaction,
        catalog: &Catalog,
        service: &str,
        applicant: Applicant,
        received: &[usize],
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        let service = catalog.find(service).ok_or_else(|| StoreError::UnknownService(service.to_owned()))?;
        let code = self.allocate_code(txn, ctx.at)?;
        let (mut case, event) = Case::open(code, service, &catalog.version, applicant, ctx)?;
        append(txn, &event)?;
        for &item in received {
            let event = case.mark_document(item, true, ctx)?;
            case.apply(&event)?;
            append(txn, &event)?;
        }
        store_projection(txn, None, &case, Some(&service.workflow))?;
        Ok(case)
    }

    /// Moves a case along its workflow; leaving a decision takes the branch label.
    pub fn advance(
        &self,
        catalog: &Catalog,
        code: &TrackingCode,
        to: &str,
        branch_fa: Option<&str>,
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        self.change(catalog, code, |_, case, service| {
            let service = service.ok_or_else(|| StoreError::UnknownService(case.service_key.clone()))?;
            Ok(case.advance(&service.workflow, to, branch_fa, ctx)?)
        })
    }

    /// Takes a step of the county, the province or the ministry on their paper letter.
    pub fn record_paper_decision(
        &self,
        catalog: &Catalog,
        code: &TrackingCode,
        to: &str,
        branch_fa: Option<&str>,
        letter: &PaperLetter,
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        self.change(catalog, code, |_, case, service| {
            let service = service.ok_or_else(|| StoreError::UnknownService(case.service_key.clone()))?;
            Ok(case.record_paper_decision(&service.workflow, to, branch_fa, letter, ctx)?)
        })
    }

    pub fn mark_document(
        &self,
        catalog: &Catalog,
        code: &TrackingCode,
        item: usize,
        received: bool,
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        self.change(catalog, code, |_, case, _| Ok(case.mark_document(item, received, ctx)?))
    }

    /// Records `ctx.note` against the case.
    pub fn add_note(&self, catalog: &Catalog, code: &TrackingCode, ctx: &Context<'_>) -> Result<Case, StoreError> {
        self.change(catalog, code, |_, case, _| Ok(case.add_note(ctx)?))
    }

    /// Keeps a copy of the file at `source` in the data folder's `attachments` (named by its SHA-256,
    /// written and synced before the event, so a recorded attachment always has its bytes) and
    /// records it against the case under the file's own name.
    pub fn attach_file(
        &self,
        catalog: &Catalog,
        code: &TrackingCode,
        source: &Path,
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        let bytes = fs::read(source).map_err(|e| StoreError::io(source, &e))?;
        let sha256 = Sha256::digest(&bytes).iter().fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
        let name = source.file_name().map_or_else(|| sha256.clone(), |n| n.to_string_lossy().into_owned());
        let dir = self.path.with_file_name(ATTACHMENT_DIR);
        let kept = dir.join(&sha256);
        if !kept.is_file() {
            fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, &e))?;
            super::files::make_all_private([dir.as_path()]);
            let temp = temp_beside(&kept);
            let written = fs::write(&temp, &bytes).map_err(|e| StoreError::io(&temp, &e)).and_then(|()| sync_file(&temp));
            if let Err(error) = written {
                let _ = fs::remove_file(&temp);
                return Err(error);
            }
            fs::rename(&temp, &kept).map_err(|e| StoreError::io(&kept, &e))?;
            sync_parent(&kept);
        }
        self.change(catalog, code, |_, case, _| Ok(case.attach_file(&name, &sha256, ctx)?))
    }

    /// Loads the case, lets the domain produce one event, and writes it with everything it changes.
    /// Any error drops the transaction, so nothing is written.
    pub(super) fn change(
        &self,
        catalog: &Catalog,
        code: &TrackingCode,
        command: impl FnOnce(&WriteTransaction, &Case, Option<&Service>) -> Result<CaseEvent, StoreError>,
    ) -> Result<Case, StoreError> {
        let txn = self.db.begin_write()?;
        let old = txn.open_table(CASES)?.get(code.as_str())?.map(|v| decode::<CaseRecordV1>(v.value())).transpose()?;
        let old = old.ok_or_else(|| StoreError::UnknownCase(code.as_str().to_owned()))?;
        let history = read_events(&txn.open_table(EVENTS)?, code.as_str())?;
        let mut case = old.to_domain(history)?;
        // A case keeps the catalogue version it was opened under, when this store holds it.
        let own = if case.catalog_version == catalog.version {
            None
        } else {
            super::catalogs::version_in(&txn, &case.catalog_version)?
        };
        let service = own.as_ref().unwrap_or(catalog).find(&case.service_key);
        let workflow = service.map(|s| &s.workflow);
        let event = command(&txn, &case, service)?;
        let version = case.catalog_version.clone();
        case.apply(&event)?;
        append(&txn, &event)?;
        // A migration moves the case to another version: its indexes follow the new workflow.
        let moved =
            if case.catalog_version == version { None } else { super::catalogs::version_in(&txn, &case.catalog_version)? };
        let workflow = moved.as_ref().and_then(|c| c.find(&case.service_key)).map_or(workflow, |s| Some(&s.workflow));
        store_projection(&txn, Some(&old), &case, workflow)?;
        txn.commit()?;
        Ok(case)
    }

    /// The next tracking code of the Solar Hijri year `at` falls in (Iran time).
    fn allocate_code(&self, txn: &WriteTransaction, at: DateTime<Utc>) -> Result<TrackingCode, StoreError> {
        let year = JalaliDate::at_iran(at).year;
        let key = sequence_key(year);
        let mut meta = txn.open_table(META)?;
        let next = read_number(&meta, &key)?.unwrap_or(1);
        let sequence = u32::try_from(next).map_err(|_| StoreError::Corrupt(key.clone()))?;
        let solar_year = u16::try_from(year).map_err(|_| StoreError::Corrupt(key.clone()))?;
        let code = TrackingCode::compose(&self.district_code, solar_year, sequence).map_err(StoreError::Tracking)?;
        meta.insert(key.as_str(), (next + 1).to_string().as_str())?;
        Ok(code)
    }
}

pub(super) fn read_number(meta: &impl ReadableTable<&'static str, &'static str>, key: &str) -> Result<Option<u64>, StoreError> {
    match meta.get(key)? {
        None => Ok(None),
        Some(v) => v.value().parse().map(Some).map_err(|_| StoreError::Corrupt(key.to_owned())),
    }
}

/// The events of one case, in order.
pub fn read_events(
    table: &impl ReadableTable<(&'static str, u32), &'static [u8]>,
    code: &str,
) -> Result<Vec<CaseEvent>, StoreError> {
    let mut events = Vec::new();
    for entry in table.range((code, 0)..=(code, u32::MAX))? {
        let (_, value) = entry?;
        events.push(decode::<EventRecordV1>(value.value())?.to_domain()?);
    }
    Ok(events)
}

/// Appends the event to its case's history, and a reference to it to the outbox.
fn append(txn: &WriteTransaction, event: &CaseEvent) -> Result<(), StoreError> {
    let bytes = encode(&EventRecordV1::from_domain(event));
    let code = event.case.as_str();
    let mut events = txn.open_table(EVENTS)?;
    // Events are never overwritten: a second event with the same number is a bug upstream.
    if events.get((code, event.sequence))?.is_some() {
        return Err(StoreError::Case(CaseError::ForeignEvent(code.to_owned())));
    }
    events.insert((code, event.sequence), bytes.as_slice())?;
    super::chain::append(txn, code, event.sequence, &bytes)?;
    let mut meta = txn.open_table(META)?;
    let next = read_number(&meta, OUTBOX_NEXT_KEY)?.unwrap_or(1);
    txn.open_table(OUTBOX)?.insert(next, (code, event.sequence))?;
    meta.insert(OUTBOX_NEXT_KEY, (next + 1).to_string().as_str())?;
    Ok(())
}

pub(super) fn store_projection(
    txn: &WriteTransaction,
    old: Option<&CaseRecordV1>,
    case: &Case,
    workflow: Option<&Workflow>,
) -> Result<(), StoreError> {
    let deadline = workflow.and_then(|w| case.deadline(w));
    let office = workflow.and_then(|w| indexes::acting_office(case, w));
    let record = CaseRecordV1::from_domain(case, deadline, office);
    indexes::replace(txn, old, &record)?;
    txn.open_table(CASES)?.insert(record.tracking_code.as_str(), encode(&record).as_slice())?;
    Ok(())
}

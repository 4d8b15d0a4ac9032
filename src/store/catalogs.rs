//! Catalogue versions that came down from the governorate (schema 3): each kept whole, as its
//! files, under its version. The newest installed is the active catalogue for new cases; a case
//! keeps resolving its service against the version it was opened under.

use chrono::{DateTime, Utc};
use redb::{ReadTransaction, ReadableDatabase, ReadableTable, TableError, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::tables::{ACTIVE_CATALOG_KEY, CATALOGS, META};
use super::{Database, StoreError};
use crate::catalog_data::{self, CatalogError};
use crate::domain::catalog::Catalog;

/// One stored catalogue version: its source files, exactly as published.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CatalogRecordV1 {
    installed_at: DateTime<Utc>,
    files: Vec<(String, String)>,
}

/// What installing a catalogue did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// Now the active catalogue for new cases.
    New(String),
    /// This version was already stored (and is made active again only if it was).
    Already(String),
    /// The catalogue does not pass its checks; nothing changed.
    Broken(Vec<CatalogError>),
}

impl Database {
    /// Checks a catalogue (the same checks as the built-in one), stores it and makes it the
    /// active catalogue for new cases, in one transaction. A broken one changes nothing.
    pub fn install_catalog(&self, files: &[(String, String)], at: DateTime<Utc>) -> Result<Installed, StoreError> {
        let catalog = match catalog_data::load(files.to_vec()) {
            Ok(catalog) => catalog,
            Err(errors) => return Ok(Installed::Broken(errors)),
        };
        let version = catalog.version;
        let txn = self.db.begin_write()?;
        {
            let mut table = txn.open_table(CATALOGS)?;
            if table.get(version.as_str())?.is_some() {
                return Ok(Installed::Already(version));
            }
            // The built-in catalogue is kept too, so the cases opened under it keep resolving.
            let mut built_in = catalog_data::embedded_files();
            built_in.sort();
            let built_in_version = catalog_data::version_of(&built_in);
            if table.get(built_in_version.as_str())?.is_none() {
                table.insert(
                    built_in_version.as_str(),
                    encode(&CatalogRecordV1 { installed_at: at, files: built_in })?.as_slice(),
                )?;
            }
            let record = CatalogRecordV1 { installed_at: at, files: files.to_vec() };
            table.insert(version.as_str(), encode(&record)?.as_slice())?;
            txn.open_table(META)?.insert(ACTIVE_CATALOG_KEY, version.as_str())?;
        }
        txn.commit()?;
        tracing::info!(%version, "catalogue installed");
        Ok(Installed::New(version))
    }

    /// The active catalogue for new cases: the newest installed, or `None` when none came down
    /// (the built-in one is active). Read afresh on every call, so an update takes effect
    /// without restarting.
    pub fn active_catalog(&self) -> Result<Option<Catalog>, StoreError> {
        let txn = self.db.begin_read()?;
        let Some(version) = txn.open_table(META)?.get(ACTIVE_CATALOG_KEY)?.map(|v| v.value().to_owned()) else {
            return Ok(None);
        };
        read_version(&txn, &version)?.ok_or_else(|| StoreError::Corrupt(format!("active catalogue {version}"))).map(Some)
    }

    /// Moves an open case to the active catalogue `active` by an explicit, recorded migration.
    pub fn migrate_case(
        &self,
        active: &Catalog,
        code: &crate::domain::tracking::TrackingCode,
        ctx: &crate::domain::case::Context<'_>,
    ) -> Result<crate::domain::case::Case, StoreError> {
        self.change(active, code, |_, case, _| Ok(case.migrate(&active.version, active.find(&case.service_key), ctx)?))
    }

    /// A stored catalogue version, if this store holds it.
    pub fn catalog_version(&self, version: &str) -> Result<Option<Catalog>, StoreError> {
        read_version(&self.db.begin_read()?, version)
    }
}

fn encode(record: &CatalogRecordV1) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(record).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn decode_catalog(version: &str, bytes: &[u8]) -> Result<Catalog, StoreError> {
    let record: CatalogRecordV1 = serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    catalog_data::load(record.files)
        .map_err(|errors| StoreError::Corrupt(format!("catalogue {version}: {} problems", errors.len())))
}

fn read_version(txn: &ReadTransaction, version: &str) -> Result<Option<Catalog>, StoreError> {
    let table = match txn.open_table(CATALOGS) {
        Ok(table) => table,
        Err(TableError::TableDoesNotExist(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    table.get(version)?.map(|v| decode_catalog(version, v.value())).transpose()
}

/// The catalogue a case was opened under, inside a write: `None` when it is not stored (the
/// built-in one, or one from before catalogue versions came down).
pub(super) fn version_in(txn: &WriteTransaction, version: &str) -> Result<Option<Catalog>, StoreError> {
    let table = txn.open_table(CATALOGS)?;
    let value = table.get(version)?.map(|v| v.value().to_vec());
    value.map(|bytes| decode_catalog(version, &bytes)).transpose()
}

/// Schema 3: the table of catalogue versions.
pub(super) fn create_table(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(CATALOGS)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::store::tests::{applicant, catalog, clerk, new_db};

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"))
    }

    /// The built-in catalogue with one service's title changed: a new version.
    fn changed_files() -> Vec<(String, String)> {
        let mut files = catalog_data::embedded_files();
        let (_, text) = files.iter_mut().find(|(name, _)| name != "catalog.toml").unwrap_or_else(|| panic!("no unit file"));
        *text = text.replacen("title_fa = \"", "title_fa = \"نو ", 1);
        files
    }

    #[test]
    fn a_new_version_becomes_active_for_new_cases_and_open_cases_keep_theirs() {
        let (_dir, db) = new_db();
        let built_in = catalog();
        let actor = clerk();
        let ctx = crate::domain::case::Context { actor: &actor, at: at(), note: None };
        let old_case = db.open_case(&built_in, "1", applicant("علی", "0012345679"), &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert!(db.active_catalog().unwrap_or_else(|e| panic!("{e}")).is_none());

        let mut broken = changed_files();
        broken.retain(|(name, _)| name != "catalog.toml");
        assert!(matches!(db.install_catalog(&broken, at()), Ok(Installed::Broken(_))));
        assert!(db.active_catalog().unwrap_or_else(|e| panic!("{e}")).is_none(), "a broken catalogue changes nothing");

        let Ok(Installed::New(version)) = db.install_catalog(&changed_files(), at()) else { panic!("not installed") };
        assert_ne!(version, built_in.version);
        assert_eq!(db.install_catalog(&changed_files(), at()), Ok(Installed::Already(version.clone())));
        let active = db.active_catalog().unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("no active catalogue"));
        assert_eq!(active.version, version);
        let new_case = db.open_case(&active, "1", applicant("رضا", "0012345679"), &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(new_case.catalog_version, version);
        // The open case still resolves its service against the version it was opened under.
        let kept = db.catalog_version(&old_case.catalog_version).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kept.map(|c| c.version), Some(built_in.version.clone()));
        let workflow = &built_in.find("1").unwrap_or_else(|| panic!("service 1")).workflow;
        let edge = workflow.outgoing(&old_case.step).next().unwrap_or_else(|| panic!("dead end")).clone();
        let moved = db.advance(&active, &old_case.tracking_code, &edge.to, edge.label_fa.as_deref(), &ctx);
        assert_eq!(moved.map(|c| c.catalog_version), Ok(built_in.version.clone()));
        // Only an explicit migration, by the administrator, moves it; it is recorded in its history.
        let refused = db.migrate_case(&active, &old_case.tracking_code, &ctx);
        assert!(matches!(refused, Err(StoreError::Case(crate::domain::case::CaseError::NotPermitted { .. }))));
        let admin = crate::domain::role::Actor { role: crate::domain::role::Role::Administrator, ..clerk() };
        let admin_ctx = crate::domain::case::Context { actor: &admin, at: at(), note: None };
        let migrated = db.migrate_case(&active, &old_case.tracking_code, &admin_ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(migrated.catalog_version, version);
        let last = migrated.history.last().map(|e| e.kind.clone());
        assert_eq!(last, Some(crate::domain::case::EventKind::CatalogMigrated { from: built_in.version, to: version.clone() }));
        assert_eq!(db.case(&old_case.tracking_code).map(|c| c.catalog_version), Ok(version.clone()));
        let again = db.migrate_case(&active, &old_case.tracking_code, &admin_ctx);
        assert_eq!(again.map(|c| c.catalog_version), Err(StoreError::Case(crate::domain::case::CaseError::SameCatalog(version))));
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        assert!(report.is_clean(), "{report:?}");
    }
}

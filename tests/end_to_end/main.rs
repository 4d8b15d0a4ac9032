//! End-to-end tests: the real `bakhshyar` and `bakhshyar-hub` binaries on real redb files, real PDFs
//! and a real hub. One test binary rather than one per file, so the suite links the program once.

mod common;

mod accounts;
mod applicant_kinds;
mod cli_arguments;
mod cli_backup;
mod cli_case;
mod cli_catalog;
mod cli_diagram;
mod cli_paper;
mod cli_print;
mod cli_sync;
mod crash;
mod district_key;
mod doctor;
mod documents;
mod hostile_hub;
mod hostile_input;
mod hub_admin;
mod roles_and_record;
mod schema_fixtures;
mod sealed_sync;
mod storage_faults;
mod store_migration;
mod sync_faults;

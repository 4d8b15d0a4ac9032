//! The counter's headline numbers, read from the count tables every write keeps (`indexes.rs`):
//! a few lookups and one short range each, whatever the store's size.

use chrono::{DateTime, Utc};
use redb::ReadableDatabase;

use super::indexes::{iran_day, millis};
use super::tables::{CASE_COUNT, OPENED_DAY_COUNT};
use super::{Database, StoreError};

/// The store's counts as the counter shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: u64,
    pub open: u64,
    /// Cases opened on each of the last days in Iran, today first.
    pub opened_by_day: Vec<u64>,
    /// Open cases waiting for each office (`Office::key`), by key.
    pub waiting: Vec<(String, u64)>,
    /// Cases of each service (open or closed), by service key, most first.
    pub services: Vec<(String, u64)>,
    /// Cases under each exception (`documents-missing`), by key.
    pub exceptions: Vec<(String, u64)>,
}

impl Database {
    /// The counts at `now`, with `days` days of openings.
    pub fn counts(&self, now: DateTime<Utc>, days: usize) -> Result<Counts, StoreError> {
        let txn = self.db.begin_read()?;
        let counts = txn.open_table(CASE_COUNT)?;
        let get = |key: &str| -> Result<u64, StoreError> { Ok(counts.get(key)?.map_or(0, |v| v.value())) };
        let under = |prefix: &str| -> Result<Vec<(String, u64)>, StoreError> {
            let mut found = Vec::new();
            for entry in counts.range(prefix..)? {
                let (key, count) = entry?;
                let Some(rest) = key.value().strip_prefix(prefix) else { break };
                found.push((rest.to_owned(), count.value()));
            }
            Ok(found)
        };
        let today = iran_day(millis(now));
        let first = today - i64::try_from(days).unwrap_or(0) + 1;
        let mut opened_by_day = vec![0; days];
        for entry in txn.open_table(OPENED_DAY_COUNT)?.range(first..=today)? {
            let (day, count) = entry?;
            if let Some(slot) = usize::try_from(today - day.value()).ok().and_then(|i| opened_by_day.get_mut(i)) {
                *slot = count.value();
            }
        }
        let mut services = under("service/")?;
        services.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(Counts {
            total: get("all")?,
            open: get("status/open")?,
            opened_by_day,
            waiting: under("office/")?,
            services,
            exceptions: under("exception/")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::store::tests::{catalog, new_db, open_case};

    #[test]
    fn the_counts_follow_every_write_and_the_day_in_iran() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        // 21:00 UTC is already the next day in Iran.
        let evening = Utc.with_ymd_and_hms(2026, 11, 2, 21, 0, 0).single().unwrap_or_else(|| panic!("time"));
        open_case(&db, &catalog, "علی رضایی", evening - Duration::hours(2));
        open_case(&db, &catalog, "مریم احمدی", evening);
        open_case(&db, &catalog, "زهرا کاظمی", evening + Duration::hours(1));
        let counts = db.counts(evening + Duration::hours(2), 3).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((counts.total, counts.open), (3, 3));
        assert_eq!(counts.opened_by_day, vec![2, 1, 0]);
        assert_eq!(counts.services.iter().map(|(_, n)| n).sum::<u64>(), 3);
        assert!(db.check().is_ok_and(|r| r.is_clean()));
    }
}

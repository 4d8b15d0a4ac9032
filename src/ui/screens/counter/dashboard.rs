//! The counter's panels, read from the store in one task: today's cases, those waiting at this
//! office for the acting user, the overdue, those awaiting the county or province, and the charts.
//! Every number comes from the count tables the store keeps in each write (`store::Counts`); the
//! few cases each panel lists are the newest: those waiting upstream from the office index, those
//! waiting here and the exceptions found among the newest `SAMPLE` cases by their records alone;
//! only the listed cases are read whole.

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};

use crate::domain::calendar::{JalaliDate, days_into_week_at_iran};
use crate::domain::case::Case;
use crate::domain::catalog::Catalog;
use crate::domain::role::{Action, Actor};
use crate::domain::tracking::TrackingCode;
use crate::domain::workflow::Office;
use crate::office;
use crate::store::{CaseGlance, Database, SearchQuery, StoreError};

/// How many of the newest cases the panels look at, at most.
pub const SAMPLE: usize = 500;
/// Cases listed per panel.
const SHOWN: usize = 5;
const WEEKS: i64 = 8;
const TOP_SERVICES: usize = 6;

#[derive(Debug, Clone, Default)]
pub struct Panel {
    pub count: usize,
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    pub today: Panel,
    pub mine: Panel,
    pub overdue: Panel,
    pub upstream: Panel,
    /// Documents issued with required documents missing, on the district governor's reason.
    pub exceptions: Panel,
    /// All cases in the store.
    pub total: usize,
    /// Cases opened per week, newest week first: (Solar Hijri date the week starts, count).
    pub weeks: Vec<(JalaliDate, u32)>,
    /// The most requested services: (catalogue number, count).
    pub services: Vec<(u32, u32)>,
}

pub fn load(db: &Database, catalog: &Catalog, actor: &Actor, now: DateTime<Utc>) -> Result<Dashboard, StoreError> {
    let counts = db.counts(now, usize::try_from(WEEKS * 7).unwrap_or(0))?;
    let waiting = |office: Office| counts.waiting.iter().find(|(key, _)| key == office.key()).map_or(0, |(_, n)| *n);
    let upstream = waiting(Office::CountyOffice) + waiting(Office::Governorate) + waiting(Office::Ministry);
    let elsewhere: u64 = counts.waiting.iter().filter(|(key, _)| key != Office::DistrictOffice.key()).map(|(_, n)| n).sum();
    let may_act = actor.role.may(Action::Advance) || actor.role.may(Action::Decide);
    let today_start = JalaliDate::at_iran(now).start_in_iran();
    let today = office::search(db, &SearchQuery { opened_from: today_start, limit: SHOWN, ..SearchQuery::default() })?;
    // The overdue index: one range, longest overdue first, whatever the store's size.
    let overdue = db.overdue(now, 0, SHOWN)?;
    let mut board = Dashboard {
        total: as_count(counts.total),
        today: Panel { count: as_count(counts.opened_by_day.first().copied().unwrap_or(0)), cases: today.cases },
        overdue: Panel { count: overdue.total, cases: overdue.cases },
        upstream: Panel { count: as_count(upstream), cases: Vec::new() },
        mine: Panel { count: if may_act { as_count(counts.open.saturating_sub(elsewhere)) } else { 0 }, cases: Vec::new() },
        exceptions: Panel { count: as_count(counts.exceptions.iter().map(|(_, n)| n).sum()), cases: Vec::new() },
        weeks: weeks(&counts.opened_by_day, now),
        services: services(&counts.services, catalog),
    };
    // Waiting upstream can last weeks: those come from the office index, however old.
    let upstream = db.newest_waiting_for(&UPSTREAM, SHOWN)?;
    let mut listed = Listed::wanting([board.mine.count, board.exceptions.count]);
    db.newest_glances(SAMPLE, |glance| listed.sort(&glance))?;
    let [mine, exceptions] = listed.panels.map(|(codes, _)| codes);
    for (panel, codes) in [(&mut board.upstream, upstream), (&mut board.mine, mine), (&mut board.exceptions, exceptions)] {
        panel.cases = codes.iter().map(|code| office::find_case(db, code)).collect::<Result<_, _>>()?;
    }
    Ok(board)
}

fn as_count(count: u64) -> usize {
    usize::try_from(count).unwrap_or(usize::MAX)
}

/// The codes the panels of cases waiting here and of exceptions list, sorted from the newest
/// cases' records; each wants as many as it shows, or as the store counts if fewer, and the walk
/// stops when both have them. (Cases whose step names no office wait here too, and have no
/// index of their own.)
struct Listed {
    panels: [(Vec<TrackingCode>, usize); 2],
}

impl Listed {
    fn wanting(counts: [usize; 2]) -> Self {
        Self { panels: counts.map(|count| (Vec::new(), count.min(SHOWN))) }
    }

    fn sort(&mut self, glance: &CaseGlance) -> ControlFlow<()> {
        let mine = glance.open && glance.office.as_deref().is_none_or(|key| key == Office::DistrictOffice.key());
        for ((codes, wanted), belongs) in self.panels.iter_mut().zip([mine, !glance.exceptions.is_empty()]) {
            if belongs && codes.len() < *wanted {
                codes.push(glance.tracking_code.clone());
            }
        }
        if self.panels.iter().all(|(codes, wanted)| codes.len() == *wanted) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

/// The offices that decide above the district, by key.
const UPSTREAM: [&str; 3] = [Office::CountyOffice.key(), Office::Governorate.key(), Office::Ministry.key()];

/// Cases opened per week, newest week first, from the openings per day (today first): the weeks
/// of the Iranian calendar, Saturday to Friday, the first of them running to today.
fn weeks(by_day: &[u64], now: DateTime<Utc>) -> Vec<(JalaliDate, u32)> {
    let this_week = usize::try_from(days_into_week_at_iran(now)).unwrap_or(0) + 1;
    (0..usize::try_from(WEEKS).unwrap_or(0))
        .map(|week| {
            let (skip, days) = if week == 0 { (0, this_week) } else { (this_week + (week - 1) * 7, 7) };
            let count = u32::try_from(by_day.iter().skip(skip).take(days).sum::<u64>()).unwrap_or(u32::MAX);
            let first_day = i64::try_from(skip + days - 1).unwrap_or(0);
            (JalaliDate::at_iran(now - chrono::Duration::days(first_day)), count)
        })
        .collect()
}

/// The most requested services: (catalogue number, count), from the counts by service key.
fn services(by_key: &[(String, u64)], catalog: &Catalog) -> Vec<(u32, u32)> {
    by_key
        .iter()
        .filter_map(|(key, n)| Some((catalog.find(key)?.number, u32::try_from(*n).unwrap_or(u32::MAX))))
        .take(TOP_SERVICES)
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// On Monday 16 Azar 1405 the first bar counts Saturday 14 Azar to today, and each earlier one
    /// a whole Saturday-to-Friday week (they were seven days back from today, labelled Tuesday).
    #[test]
    fn the_weeks_run_saturday_to_friday_the_first_to_today() {
        let at = |d, h| Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).single().unwrap_or_else(|| panic!("time"));
        let day = |month, day| JalaliDate { year: 1405, month, day };
        let by_day = vec![1; usize::try_from(WEEKS * 7).unwrap_or(0)];
        let on_monday = weeks(&by_day, at(7, 8));
        assert_eq!(on_monday.len(), 8);
        assert_eq!((on_monday[0], on_monday[1], on_monday[7]), ((day(9, 14), 3), (day(9, 7), 7), (day(7, 25), 7)));
        // Friday evening in Tehran is still Friday: the week is whole.
        assert_eq!(weeks(&by_day, at(11, 20))[0], (day(9, 14), 7));
        // 21:00 UTC on Friday is Saturday in Iran: a new week of one day.
        assert_eq!(weeks(&by_day, at(11, 21))[0], (day(9, 21), 1));
    }
}

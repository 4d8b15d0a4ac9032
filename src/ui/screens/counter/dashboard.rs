//! The counter's panels, read from the store in one task: today's cases, those waiting at this
//! office for the acting user, the overdue, those awaiting the county or province, and counts for
//! the charts. Panels other than "overdue" classify the newest `SAMPLE` cases, and say so when
//! there are more.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::case::{Case, CaseStatus};
use crate::domain::catalog::Catalog;
use crate::domain::role::{Action, Actor};
use crate::domain::workflow::Office;
use crate::i18n::jalali::JalaliDate;
use crate::store::{Database, SearchQuery, StoreError};

/// How many of the newest cases the panels and charts look at.
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

impl Panel {
    fn push(&mut self, case: &Case) {
        self.count += 1;
        if self.cases.len() < SHOWN {
            self.cases.push(case.clone());
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    pub today: Panel,
    pub mine: Panel,
    pub overdue: Panel,
    pub upstream: Panel,
    /// All cases and all open cases in the store; above `SAMPLE` the panels counted the newest only.
    pub total: usize,
    pub open_total: usize,
    /// Cases opened per week, newest week first: (Solar Hijri date the week starts, count).
    pub weeks: Vec<(JalaliDate, u32)>,
    /// The most requested services among the sample: (catalogue number, count).
    pub services: Vec<(u32, u32)>,
}

pub fn load(db: &Database, catalog: &Catalog, actor: &Actor, now: DateTime<Utc>) -> Result<Dashboard, StoreError> {
    let recent = db.search(&SearchQuery { limit: SAMPLE, ..SearchQuery::default() })?;
    let open = db.search(&SearchQuery { status: Some(CaseStatus::Open), limit: SAMPLE, ..SearchQuery::default() })?;
    // The overdue index: one range, longest overdue first, whatever the store's size.
    let overdue = db.overdue(now, 0, SHOWN)?;
    let mut board = Dashboard {
        total: recent.total,
        open_total: open.total,
        overdue: Panel { count: overdue.total, cases: overdue.cases },
        ..Dashboard::default()
    };
    let today = JalaliDate::at_iran(now);
    for case in recent.cases.iter().filter(|c| JalaliDate::at_iran(c.opened_at) == today) {
        board.today.push(case);
    }
    let may_act = actor.role.may(Action::Advance) || actor.role.may(Action::Decide);
    for case in &open.cases {
        match office_of(catalog, case) {
            Some(Office::CountyOffice | Office::Governorate) => board.upstream.push(case),
            Some(Office::DistrictOffice) | None if may_act => board.mine.push(case),
            _ => {}
        }
    }
    board.weeks = weeks(&recent.cases, now);
    board.services = services(&recent.cases, catalog);
    Ok(board)
}

/// Who acts at the case's current step; `None` when the booklet does not say.
fn office_of(catalog: &Catalog, case: &Case) -> Option<Office> {
    catalog.find(&case.service_key)?.workflow.node(&case.step)?.actor
}

fn weeks(cases: &[Case], now: DateTime<Utc>) -> Vec<(JalaliDate, u32)> {
    let mut counts = vec![0u32; usize::try_from(WEEKS).unwrap_or(0)];
    for case in cases {
        let age = (now - case.opened_at).num_days().max(0) / 7;
        if let Some(slot) = usize::try_from(age).ok().and_then(|i| counts.get_mut(i)) {
            *slot += 1;
        }
    }
    counts.into_iter().zip(0..).map(|(n, week)| (JalaliDate::at_iran(now - chrono::Duration::days(7 * week + 6)), n)).collect()
}

fn services(cases: &[Case], catalog: &Catalog) -> Vec<(u32, u32)> {
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for number in cases.iter().filter_map(|c| catalog.find(&c.service_key)).map(|s| s.number) {
        *counts.entry(number).or_default() += 1;
    }
    let mut counts: Vec<(u32, u32)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.truncate(TOP_SERVICES);
    counts
}

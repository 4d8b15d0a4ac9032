//! What the case screen offers: the actions the acting user's role may take on the case as it
//! stands now, decided from the domain's own rules so the window never shows what the engine
//! would refuse.

use crate::domain::case::{Case, CaseStatus};
use crate::domain::catalog::Service;
use crate::domain::issued::{Serial, is_issuing_step};
use crate::domain::role::{Action, Role};
use crate::domain::workflow::{NodeKind, Office};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offer {
    /// Along an edge of the workflow; `back` when the step was visited before (a return for correction).
    Move {
        to: String,
        branch: Option<String>,
        back: bool,
    },
    /// Along an edge out of a step of the county, province or ministry, on their paper letter.
    PaperDecision {
        to: String,
        branch: Option<String>,
    },
    AttachFile,
    Issue,
    /// The original, the first copy.
    Print,
    /// A further copy, المثنی.
    Duplicate,
    Revoke,
    Note,
}

pub fn offers(case: &Case, service: &Service, role: Role) -> Vec<Offer> {
    // Letters from above are rarer than the office's own acts: their forms come after them.
    let (paper, mut offers): (Vec<Offer>, Vec<Offer>) =
        moves(case, service, role).into_iter().partition(|o| matches!(o, Offer::PaperDecision { .. }));
    let open = case.status == CaseStatus::Open;
    if open && role.may(Action::AttachFile) {
        offers.push(Offer::AttachFile);
    }
    if role.may(Action::IssueDocument) && !issue_choices(case, service).is_empty() {
        offers.push(Offer::Issue);
    }
    if let Ok(document) = case.current_document() {
        if document.copies == 0 && role.may(Action::PrintDocument) {
            offers.push(Offer::Print);
        }
        if document.copies > 0 && role.may(Action::ReprintDuplicate) {
            offers.push(Offer::Duplicate);
        }
        if role.may(Action::RevokeDocument) {
            offers.push(Offer::Revoke);
        }
    }
    offers.extend(paper);
    if role.may(Action::AddNote) {
        offers.push(Offer::Note);
    }
    offers
}

/// The acts the case stands ready for now that `role` may not take: the window says whose they are
/// instead of leaving the clerk to wonder why they are missing.
pub fn withheld(case: &Case, service: &Service, role: Role) -> Vec<Action> {
    let mut withheld = Vec::new();
    if !issue_choices(case, service).is_empty() && !role.may(Action::IssueDocument) {
        withheld.push(Action::IssueDocument);
    }
    if let Ok(document) = case.current_document() {
        if document.copies > 0 && !role.may(Action::ReprintDuplicate) {
            withheld.push(Action::ReprintDuplicate);
        }
        if !role.may(Action::RevokeDocument) {
            withheld.push(Action::RevokeDocument);
        }
    }
    if waiting_upstream(case, service).is_some() && !role.may(Action::RecordPaperDecision) {
        withheld.push(Action::RecordPaperDecision);
    }
    withheld
}

/// The county office, governorate or ministry an open case waits for: the window says so instead
/// of offering the step, whose decision arrives through sync (or, on paper, from the district
/// governor's `case advance --letter-number`).
pub fn waiting_upstream(case: &Case, service: &Service) -> Option<Office> {
    (case.status == CaseStatus::Open).then(|| case.upstream_office(&service.workflow)).flatten()
}

/// What an issue on the case may be now: a first issue (`None`) at the issuing step of an open
/// case with no live document, or a correction superseding a live one — the domain refuses a
/// fresh issue beside a live document, and a correction of a revoked or replaced one.
pub fn issue_choices(case: &Case, service: &Service) -> Vec<Option<Serial>> {
    if service.issues_document.is_none() {
        return Vec::new();
    }
    let live: Vec<Option<Serial>> = case.documents.iter().filter(|d| d.is_live()).map(|d| Some(d.serial)).collect();
    let fresh = case.status == CaseStatus::Open && is_issuing_step(&service.workflow, &case.step) && live.is_empty();
    if fresh { vec![None] } else { live }
}

/// The steps this role may move the case to now, each with its branch label when leaving a decision.
fn moves(case: &Case, service: &Service, role: Role) -> Vec<Offer> {
    let workflow = &service.workflow;
    if case.status != CaseStatus::Open {
        return Vec::new();
    }
    let decision = workflow.node(&case.step).is_some_and(|n| n.kind == NodeKind::Decision);
    if !role.may(if decision { Action::Decide } else { Action::Advance }) {
        return Vec::new();
    }
    // A step of the county, province or ministry waits for their decision (`waiting_upstream`),
    // or for the district governor to record the letter that brought it on paper.
    if case.upstream_office(workflow).is_some() && role != Role::Province {
        if !role.may(Action::RecordPaperDecision) {
            return Vec::new();
        }
        return workflow
            .outgoing(&case.step)
            .map(|e| Offer::PaperDecision { to: e.to.clone(), branch: e.label_fa.clone().filter(|_| decision) })
            .collect();
    }
    workflow
        .outgoing(&case.step)
        .map(|e| Offer::Move {
            to: e.to.clone(),
            branch: e.label_fa.clone().filter(|_| decision),
            back: case.path.contains(&e.to),
        })
        .collect()
}

//! A case (پرونده): an applicant's request for one service, walked through its workflow.
//! Every change is an event; the `Case` is the projection of its events (DESIGN.md, data rules).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::applicant::Applicant;
use super::catalog::{IssuedDocumentKind, Service};
use super::issued::{DocumentSignature, DocumentsOverride, IssueTerms, IssuedDocument, Revocation, Serial, is_issuing_step};
use super::role::{Action, Actor, Role};
use super::text::{TextFault, checked_free_text, normalize};
use super::tracking::TrackingCode;
use super::workflow::{NodeKind, Office, Workflow};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CaseError {
    #[error("the case is closed")]
    Closed,
    #[error("the workflow has no step {0}")]
    NoSuchStep(String),
    #[error("the workflow does not lead from {from} to {to}")]
    NoTransition { from: String, to: String },
    #[error("step {0} is a decision: choose a branch")]
    BranchRequired(String),
    #[error("decision {decision} has no branch {label} to {to}")]
    WrongBranch { decision: String, label: String, to: String },
    #[error("step {0} is not a decision, so it takes no branch")]
    BranchNotExpected(String),
    #[error("a {role:?} may not {action:?}")]
    NotPermitted { role: Role, action: Action },
    #[error("the checklist has no item {0}")]
    NoChecklistItem(usize),
    #[error("the note is empty")]
    EmptyNote,
    /// A note, revocation reason or issue condition past `domain::text::MAX_FREE_TEXT_CHARS`.
    #[error("the {field} is {length} characters long; at most {max} are accepted")]
    TextTooLong { field: TextField, length: usize, max: usize },
    #[error("the {field} holds the control character {character:?}")]
    TextControlCharacter { field: TextField, character: char },
    #[error("the {field} holds the bidi control {character:?}")]
    TextBidiControl { field: TextField, character: char },
    #[error("the event belongs to case {0}")]
    ForeignEvent(String),
    #[error("a case's history must begin with its opening")]
    HistoryWithoutOpening,
    #[error("the workflow has no start step")]
    NoStart,
    #[error("service {0} issues no document")]
    IssuesNoDocument(String),
    #[error("step {0} is not a step at which the document is issued")]
    NotAtIssuingStep(String),
    #[error("document {0} is already issued for this case; correct it by a superseding issue")]
    AlreadyIssued(Serial),
    #[error("the case has no issued document")]
    NoIssuedDocument,
    #[error("the case has no document {0}")]
    UnknownSerial(Serial),
    #[error("document {0} is revoked")]
    Revoked(Serial),
    #[error("document {0} was replaced by {1}")]
    Superseded(Serial, Serial),
    #[error("the original of {0} was printed; a further copy is a duplicate")]
    DuplicateRequired(Serial),
    #[error("a revocation needs a reason")]
    EmptyReason,
    #[error("the case is already on catalogue version {0}")]
    SameCatalog(String),
    #[error("catalogue version {version} has no service {service} or no step {step} in it")]
    NotInCatalog { version: String, service: String, step: String },
    /// The step belongs to the county office, the governorate or the ministry: their signed
    /// decision comes through the hub, or the district governor records their paper letter.
    #[error("step {step} is the {office:?}'s to decide")]
    UpstreamStep { step: String, office: Office },
    #[error("step {0} is the district's own; no letter from above is recorded for it")]
    NotUpstreamStep(String),
    #[error("a decision received on paper needs its letter's number")]
    EmptyLetterNumber,
    /// An internal service is asked for by an office or official on a letter, not by a citizen.
    #[error("service {0} is internal: its requester is an office or official with a letter")]
    CitizenOnInternalService(String),
    #[error("service {0} is for citizens: an office's letter does not open it")]
    OfficeOnClientService(String),
    /// Issuing with required documents missing needs the district governor's reason.
    #[error("{missing} of {total} required documents are missing")]
    DocumentsMissing { missing: usize, total: usize },
}

/// The letter that brought a decision of the county, the province or the ministry on paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperLetter {
    pub number: String,
    /// The letter's date, as written on it (a calendar day, no time).
    pub date: chrono::NaiveDate,
}

/// The free text a command carries, as its errors name it: checked by `domain::text`'s rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Note,
    RevocationReason,
    Conditions,
    /// Why a document is issued with required documents missing.
    MissingDocumentsReason,
}

impl TextField {
    /// The field's key, which the messages select their wording by.
    pub fn key(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::RevocationReason => "reason",
            Self::Conditions => "conditions",
            Self::MissingDocumentsReason => "override",
        }
    }
}

impl std::fmt::Display for TextField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Note => "note",
            Self::RevocationReason => "revocation reason",
            Self::Conditions => "issue's conditions",
            Self::MissingDocumentsReason => "reason to issue with documents missing",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub label_fa: String,
    pub received: bool,
}

/// What happened, with its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    Opened {
        service_key: String,
        catalog_version: String,
        applicant: Applicant,
        checklist: Vec<String>,
        /// The first step the case stands at.
        step: String,
    },
    DocumentMarked {
        item: usize,
        received: bool,
    },
    Advanced {
        from: String,
        to: String,
        branch_fa: Option<String>,
        /// The step reached is an end of the workflow: the case closes.
        closes: bool,
        /// A step of the county, province or ministry taken on their paper letter.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        paper: Option<PaperLetter>,
    },
    NoteAdded,
    FileAttached {
        file_name: String,
        sha256: String,
    },
    /// Signed by the event's actor; the serial was allocated in the same transaction.
    DocumentIssued {
        serial: Serial,
        document: IssuedDocumentKind,
        valid_until: Option<DateTime<Utc>>,
        conditions: Option<String>,
        supersedes: Option<Serial>,
        /// Issued with required documents missing, on the district governor's reason.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        documents_override: Option<DocumentsOverride>,
        /// The district's signature over the document's essentials (`issued::Essentials`), set by
        /// the store that records the issue: the hub checks short codes with it. `None` in events
        /// recorded before it was kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signature: Option<DocumentSignature>,
    },
    /// Copy `copy` of the document was printed; every copy after the first is a duplicate (المثنی).
    DocumentPrinted {
        serial: Serial,
        copy: u32,
    },
    DocumentRevoked {
        serial: Serial,
        reason: String,
    },
    /// The case moves to another catalogue version, by an explicit decision: it keeps its step.
    CatalogMigrated {
        from: String,
        to: String,
    },
}

/// One entry of a case's history: who did what, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub case: TrackingCode,
    /// 1-based position in the case's history.
    pub sequence: u32,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub note: Option<String>,
    #[serde(flatten)]
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub tracking_code: TrackingCode,
    pub service_key: String,
    pub catalog_version: String,
    pub applicant: Applicant,
    pub checklist: Vec<ChecklistItem>,
    /// The step the case stands at now.
    pub step: String,
    pub step_entered_at: DateTime<Utc>,
    /// Steps visited, in order, from the first.
    pub path: Vec<String>,
    pub status: CaseStatus,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Documents issued on this case, oldest first, as their events leave them.
    pub documents: Vec<IssuedDocument>,
    pub history: Vec<CaseEvent>,
}

/// What an actor brings to a command: who, when, and an optional note.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub actor: &'a Actor,
    pub at: DateTime<Utc>,
    pub note: Option<&'a str>,
}

impl Context<'_> {
    fn permit(&self, action: Action) -> Result<(), CaseError> {
        if self.actor.role.may(action) { Ok(()) } else { Err(CaseError::NotPermitted { role: self.actor.role, action }) }
    }

    /// The note as it is stored, `None` when blank; a note past the text rules is refused with
    /// whatever command carries it.
    fn note(&self) -> Result<Option<String>, CaseError> {
        let Some(note) = self.note else { return Ok(None) };
        Ok(Some(checked_text(note, TextField::Note)?).filter(|n| !n.is_empty()))
    }
}

/// A note, revocation reason or issue condition as it is stored (blank comes back empty), or the
/// rule of `domain::text` it breaks: too long, a control character, a bidi control.
fn checked_text(input: &str, field: TextField) -> Result<String, CaseError> {
    checked_free_text(input).map_err(|fault| match fault {
        TextFault::TooLong { length, max } => CaseError::TextTooLong { field, length, max },
        TextFault::Control(character) => CaseError::TextControlCharacter { field, character },
        TextFault::BidiControl(character) => CaseError::TextBidiControl { field, character },
    })
}

impl Case {
    /// Opens a case at the first step after the workflow's start.
    pub fn open(
        tracking_code: TrackingCode,
        service: &Service,
        catalog_version: &str,
        applicant: Applicant,
        ctx: &Context<'_>,
    ) -> Result<(Self, CaseEvent), CaseError> {
        ctx.permit(Action::OpenCase)?;
        match (service.is_internal(), applicant.identity.is_office()) {
            (true, false) => return Err(CaseError::CitizenOnInternalService(service.key.clone())),
            (false, true) => return Err(CaseError::OfficeOnClientService(service.key.clone())),
            _ => {}
        }
        let start = service.workflow.start().ok_or(CaseError::NoStart)?;
        let mut exits = service.workflow.outgoing(&start.id);
        // A start with one way out is not a step anyone acts at.
        let step = match (exits.next(), exits.next()) {
            (Some(only), None) => only.to.clone(),
            _ => start.id.clone(),
        };
        let event = CaseEvent {
            case: tracking_code,
            sequence: 1,
            at: ctx.at,
            actor: ctx.actor.clone(),
            note: ctx.note()?,
            kind: EventKind::Opened {
                service_key: service.key.clone(),
                catalog_version: catalog_version.to_owned(),
                applicant,
                checklist: service.documents_fa.clone(),
                step,
            },
        };
        let case = Self::replay(std::slice::from_ref(&event))?;
        Ok((case, event))
    }

    /// Rebuilds a case from its whole history.
    pub fn replay(events: &[CaseEvent]) -> Result<Self, CaseError> {
        let (first, rest) = events.split_first().ok_or(CaseError::HistoryWithoutOpening)?;
        let EventKind::Opened { service_key, catalog_version, applicant, checklist, step } = &first.kind else {
            return Err(CaseError::HistoryWithoutOpening);
        };
        let mut case = Self {
            tracking_code: first.case.clone(),
            service_key: service_key.clone(),
            catalog_version: catalog_version.clone(),
            applicant: applicant.clone(),
            checklist: checklist.iter().map(|label| ChecklistItem { label_fa: label.clone(), received: false }).collect(),
            step: step.clone(),
            step_entered_at: first.at,
            path: vec![step.clone()],
            status: CaseStatus::Open,
            opened_at: first.at,
            closed_at: None,
            documents: Vec::new(),
            history: vec![first.clone()],
        };
        for event in rest {
            case.apply(event)?;
        }
        Ok(case)
    }

    /// Applies an event produced by one of this case's commands (or read back from the store).
    pub fn apply(&mut self, event: &CaseEvent) -> Result<(), CaseError> {
        if event.case != self.tracking_code {
            return Err(CaseError::ForeignEvent(event.case.as_str().to_owned()));
        }
        match &event.kind {
            EventKind::Opened { .. } => return Err(CaseError::HistoryWithoutOpening),
            EventKind::DocumentMarked { item, received } => {
                self.checklist.get_mut(*item).ok_or(CaseError::NoChecklistItem(*item))?.received = *received;
            }
            EventKind::Advanced { to, closes, .. } => {
                self.step.clone_from(to);
                self.step_entered_at = event.at;
                self.path.push(to.clone());
                if *closes {
                    self.status = CaseStatus::Closed;
                    self.closed_at = Some(event.at);
                }
            }
            EventKind::NoteAdded | EventKind::FileAttached { .. } => {}
            EventKind::CatalogMigrated { to, .. } => self.catalog_version.clone_from(to),
            EventKind::DocumentIssued { .. } | EventKind::DocumentPrinted { .. } | EventKind::DocumentRevoked { .. } => {
                apply_to_documents(&mut self.documents, event)?;
            }
        }
        self.history.push(event.clone());
        Ok(())
    }

    pub fn mark_document(&self, item: usize, received: bool, ctx: &Context<'_>) -> Result<CaseEvent, CaseError> {
        self.ensure_open()?;
        ctx.permit(Action::MarkDocument)?;
        if item >= self.checklist.len() {
            return Err(CaseError::NoChecklistItem(item));
        }
        self.event(ctx, EventKind::DocumentMarked { item, received })
    }

    /// Moves the case along an edge of the workflow. Leaving a decision needs the branch label.
    /// Moves the case along an edge of its workflow. A step of the county, the province or the
    /// ministry is left only by their decision (the `Province` actor, from the hub).
    pub fn advance(
        &self,
        workflow: &Workflow,
        to: &str,
        branch_fa: Option<&str>,
        ctx: &Context<'_>,
    ) -> Result<CaseEvent, CaseError> {
        self.ensure_open()?;
        if let Some(office) = self.upstream_office(workflow)
            && ctx.actor.role != Role::Province
        {
            return Err(CaseError::UpstreamStep { step: self.step.clone(), office });
        }
        self.step_to(workflow, to, branch_fa, None, ctx)
    }

    /// Takes a step of the county, the province or the ministry on the letter that brought their
    /// decision on paper: the district governor's act, recorded with the letter's number and date.
    pub fn record_paper_decision(
        &self,
        workflow: &Workflow,
        to: &str,
        branch_fa: Option<&str>,
        letter: &PaperLetter,
        ctx: &Context<'_>,
    ) -> Result<CaseEvent, CaseError> {
        self.ensure_open()?;
        if self.upstream_office(workflow).is_none() {
            return Err(CaseError::NotUpstreamStep(self.step.clone()));
        }
        ctx.permit(Action::RecordPaperDecision)?;
        let number = normalize(&letter.number);
        if number.is_empty() {
            return Err(CaseError::EmptyLetterNumber);
        }
        self.step_to(workflow, to, branch_fa, Some(PaperLetter { number, date: letter.date }), ctx)
    }

    /// The county office, governorate or ministry whose step the case stands at, if it does.
    pub fn upstream_office(&self, workflow: &Workflow) -> Option<Office> {
        workflow.node(&self.step)?.actor.filter(|office| office.is_upstream())
    }

    fn step_to(
        &self,
        workflow: &Workflow,
        to: &str,
        branch_fa: Option<&str>,
        paper: Option<PaperLetter>,
        ctx: &Context<'_>,
    ) -> Result<CaseEvent, CaseError> {
        let here = workflow.node(&self.step).ok_or_else(|| CaseError::NoSuchStep(self.step.clone()))?;
        let target = workflow.node(to).ok_or_else(|| CaseError::NoSuchStep(to.to_owned()))?;
        let no_transition = || CaseError::NoTransition { from: self.step.clone(), to: to.to_owned() };
        let mut candidates = workflow.outgoing(&here.id).filter(|e| e.to == to).peekable();
        candidates.peek().ok_or_else(no_transition)?;
        let branch = match (here.kind, branch_fa.map(normalize)) {
            (NodeKind::Decision, None) => return Err(CaseError::BranchRequired(here.id.clone())),
            (NodeKind::Decision, Some(label)) => {
                if !candidates.any(|e| e.label_fa.as_deref() == Some(label.as_str())) {
                    return Err(CaseError::WrongBranch { decision: here.id.clone(), label, to: to.to_owned() });
                }
                ctx.permit(Action::Decide)?;
                Some(label)
            }
            (_, Some(_)) => return Err(CaseError::BranchNotExpected(here.id.clone())),
            (_, None) => {
                ctx.permit(Action::Advance)?;
                None
            }
        };
        let closes = target.kind == NodeKind::End;
        self.event(ctx, EventKind::Advanced { from: self.step.clone(), to: to.to_owned(), branch_fa: branch, closes, paper })
    }

    pub fn add_note(&self, ctx: &Context<'_>) -> Result<CaseEvent, CaseError> {
        ctx.permit(Action::AddNote)?;
        if ctx.note()?.is_none() {
            return Err(CaseError::EmptyNote);
        }
        self.event(ctx, EventKind::NoteAdded)
    }

    pub fn attach_file(&self, file_name: &str, sha256: &str, ctx: &Context<'_>) -> Result<CaseEvent, CaseError> {
        self.ensure_open()?;
        ctx.permit(Action::AttachFile)?;
        self.event(ctx, EventKind::FileAttached { file_name: normalize(file_name), sha256: sha256.to_owned() })
    }

    /// Issues the service's document with `serial` (allocated by the store). Only the district
    /// governor signs; see `domain::issued` for when a case may be issued.
    pub fn issue(&self, service: &Service, serial: Serial, terms: IssueTerms, ctx: &Context<'_>) -> Result<CaseEvent, CaseError> {
        ctx.permit(Action::IssueDocument)?;
        let document = service.issues_document.ok_or_else(|| CaseError::IssuesNoDocument(service.key.clone()))?;
        if let Some(old) = terms.supersedes {
            self.live_document(old)?;
        } else {
            self.ensure_open()?;
            if !is_issuing_step(&service.workflow, &self.step) {
                return Err(CaseError::NotAtIssuingStep(self.step.clone()));
            }
            if let Some(live) = self.documents.iter().find(|d| d.is_live()) {
                return Err(CaseError::AlreadyIssued(live.serial));
            }
        }
        let conditions = terms.conditions.map(|c| checked_text(&c, TextField::Conditions)).transpose()?.filter(|c| !c.is_empty());
        let documents_override = self.documents_override(terms.missing_documents_reason.as_deref())?;
        self.event(
            ctx,
            EventKind::DocumentIssued {
                serial,
                document,
                valid_until: terms.valid_until,
                conditions,
                supersedes: terms.supersedes,
                documents_override,
                // Signed by the store, which holds the district's key (`Database::issue`).
                signature: None,
            },
        )
    }

    /// The checklist items not received, with the reason to issue all the same: refused without a
    /// reason, and `None` when every required document is there.
    fn documents_override(&self, reason: Option<&str>) -> Result<Option<DocumentsOverride>, CaseError> {
        let missing: Vec<usize> = self.checklist.iter().enumerate().filter(|(_, i)| !i.received).map(|(n, _)| n).collect();
        if missing.is_empty() {
            return Ok(None);
        }
        let reason = reason.map(|r| checked_text(r, TextField::MissingDocumentsReason)).transpose()?.filter(|r| !r.is_empty());
        let Some(reason) = reason else {
            return Err(CaseError::DocumentsMissing { missing: missing.len(), total: self.checklist.len() });
        };
        Ok(Some(DocumentsOverride { missing, reason }))
    }

    /// Records one printed copy of the live document. The first copy is the original and any
    /// clerk prints it; a later copy is a duplicate (المثنی), asked for as such, and only the
    /// district governor makes one.
    pub fn print(&self, duplicate: bool, ctx: &Context<'_>) -> Result<CaseEvent, CaseError> {
        let document = self.current_document()?;
        if document.copies > 0 {
            if !duplicate {
                return Err(CaseError::DuplicateRequired(document.serial));
            }
            ctx.permit(Action::ReprintDuplicate)?;
        } else {
            ctx.permit(Action::PrintDocument)?;
        }
        self.event(ctx, EventKind::DocumentPrinted { serial: document.serial, copy: document.copies + 1 })
    }

    /// Revokes the live document; the verification says so from then on.
    pub fn revoke(&self, reason: &str, ctx: &Context<'_>) -> Result<CaseEvent, CaseError> {
        ctx.permit(Action::RevokeDocument)?;
        let reason = checked_text(reason, TextField::RevocationReason)?;
        if reason.is_empty() {
            return Err(CaseError::EmptyReason);
        }
        let serial = self.current_document()?.serial;
        self.event(ctx, EventKind::DocumentRevoked { serial, reason })
    }

    /// Moves an open case to catalogue version `version`, whose `service` (this case's service
    /// there, if it has it) must still hold the step the case stands at.
    pub fn migrate(&self, version: &str, service: Option<&Service>, ctx: &Context<'_>) -> Result<CaseEvent, CaseError> {
        self.ensure_open()?;
        ctx.permit(Action::UpdateCatalog)?;
        if version == self.catalog_version {
            return Err(CaseError::SameCatalog(version.to_owned()));
        }
        if service.is_none_or(|s| s.workflow.node(&self.step).is_none()) {
            let (service, step) = (self.service_key.clone(), self.step.clone());
            return Err(CaseError::NotInCatalog { version: version.to_owned(), service, step });
        }
        self.event(ctx, EventKind::CatalogMigrated { from: self.catalog_version.clone(), to: version.to_owned() })
    }

    /// The document in force: the newest that is neither revoked nor superseded.
    pub fn current_document(&self) -> Result<&IssuedDocument, CaseError> {
        let last = self.documents.last().ok_or(CaseError::NoIssuedDocument)?;
        self.live_document(last.serial)
    }

    fn live_document(&self, serial: Serial) -> Result<&IssuedDocument, CaseError> {
        let document = self.documents.iter().find(|d| d.serial == serial).ok_or(CaseError::UnknownSerial(serial))?;
        if let Some(newer) = document.superseded_by {
            return Err(CaseError::Superseded(serial, newer));
        }
        if document.revoked.is_some() {
            return Err(CaseError::Revoked(serial));
        }
        Ok(document)
    }

    /// When the current step's time limit runs out, if the step has one.
    pub fn deadline(&self, workflow: &Workflow) -> Option<DateTime<Utc>> {
        let days = workflow.node(&self.step)?.time_limit_days?;
        Some(self.step_entered_at + Duration::days(i64::from(days)))
    }

    fn ensure_open(&self) -> Result<(), CaseError> {
        match self.status {
            CaseStatus::Open => Ok(()),
            CaseStatus::Closed => Err(CaseError::Closed),
        }
    }

    /// The next event of this case; refused when the note it carries breaks the text rules.
    fn event(&self, ctx: &Context<'_>, kind: EventKind) -> Result<CaseEvent, CaseError> {
        Ok(CaseEvent {
            case: self.tracking_code.clone(),
            sequence: u32::try_from(self.history.len() + 1).unwrap_or(u32::MAX),
            at: ctx.at,
            actor: ctx.actor.clone(),
            note: ctx.note()?,
            kind,
        })
    }
}

/// The documents a case's events leave, for a case read back without replaying its whole history.
pub fn issued_documents(history: &[CaseEvent]) -> Result<Vec<IssuedDocument>, CaseError> {
    let mut documents = Vec::new();
    for event in history {
        apply_to_documents(&mut documents, event)?;
    }
    Ok(documents)
}

fn apply_to_documents(documents: &mut Vec<IssuedDocument>, event: &CaseEvent) -> Result<(), CaseError> {
    let find = |documents: &mut Vec<IssuedDocument>, serial: Serial| {
        documents.iter_mut().position(|d| d.serial == serial).ok_or(CaseError::UnknownSerial(serial))
    };
    match &event.kind {
        EventKind::DocumentIssued { serial, document, valid_until, conditions, supersedes, documents_override, .. } => {
            if let Some(old) = supersedes {
                let index = find(documents, *old)?;
                documents[index].superseded_by = Some(*serial);
            }
            documents.push(IssuedDocument {
                serial: *serial,
                kind: *document,
                issued_at: event.at,
                signer: event.actor.clone(),
                valid_until: *valid_until,
                conditions: conditions.clone(),
                supersedes: *supersedes,
                superseded_by: None,
                documents_override: documents_override.clone(),
                copies: 0,
                revoked: None,
            });
        }
        EventKind::DocumentPrinted { serial, copy } => {
            let index = find(documents, *serial)?;
            documents[index].copies = documents[index].copies.max(*copy);
        }
        EventKind::DocumentRevoked { serial, reason } => {
            let index = find(documents, *serial)?;
            documents[index].revoked = Some(Revocation { at: event.at, by: event.actor.clone(), reason: reason.clone() });
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::applicant::{ApplicantIdentity, NationalId};
    use crate::domain::catalog::ServiceKind;
    use crate::domain::workflow::tests::sample;

    fn service(workflow: Workflow) -> Service {
        Service {
            key: "unit/1".into(),
            number: 1,
            unit_slug: "unit".into(),
            row: 1,
            id: None,
            title_fa: "خدمت".into(),
            title_id: None,
            sub_title_fa: "زیرخدمت".into(),
            kind: Some(ServiceKind::Exclusive),
            has_client: Some(true),
            issues_document: None,
            grant_fa: None,
            documents_fa: vec!["تصویر کارت ملی".into(), "فرم تقاضا".into()],
            notes_fa: vec![],
            workflow,
            workflow_fixes_fa: vec![],
        }
    }

    fn actor(role: Role) -> Actor {
        Actor { user_id: "u1".into(), name: "کارمند".into(), role }
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).single().unwrap_or_default()
    }

    fn opened() -> (Case, Service) {
        let service = service(sample());
        let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
        let applicant =
            Applicant::new(ApplicantIdentity::Person { national_id }, "علی رضایی", None).unwrap_or_else(|e| panic!("{e}"));
        let code = TrackingCode::compose("12", 1405, 1).unwrap_or_else(|e| panic!("{e}"));
        let clerk = actor(Role::Clerk);
        let (case, _) = Case::open(code, &service, "v1", applicant, &Context { actor: &clerk, at: at(1), note: None })
            .unwrap_or_else(|e| panic!("{e}"));
        (case, service)
    }

    #[test]
    fn an_internal_service_takes_an_office_and_a_client_facing_one_a_citizen() {
        let code = TrackingCode::compose("12", 1405, 1).unwrap_or_else(|e| panic!("{e}"));
        let clerk = actor(Role::Clerk);
        let ctx = Context { actor: &clerk, at: at(1), note: None };
        let letter_number = crate::domain::applicant::LetterNumber::parse("۱۲/ص").unwrap_or_else(|e| panic!("{e}"));
        let office = ApplicantIdentity::Office { letter_number, letter_date: at(1).date_naive() };
        let office = Applicant::new(office, "دفتر امور اتباع", None).unwrap_or_else(|e| panic!("{e}"));
        let (citizen, client_facing) = opened();
        let citizen = citizen.applicant;
        let internal = Service { has_client: Some(false), ..client_facing.clone() };
        let open = |service: &Service, applicant: &Applicant| Case::open(code.clone(), service, "v1", applicant.clone(), &ctx);
        assert_eq!(open(&internal, &citizen).err(), Some(CaseError::CitizenOnInternalService("unit/1".into())));
        assert_eq!(open(&client_facing, &office).err(), Some(CaseError::OfficeOnClientService("unit/1".into())));
        assert!(open(&internal, &office).is_ok());
        // A service whose row the booklet does not print is taken as client-facing.
        let unknown = Service { has_client: None, ..client_facing };
        assert!(open(&unknown, &citizen).is_ok());
    }

    /// A case of the issuing service at its issuing step, every required document received.
    fn at_issuing_step() -> (Case, Service) {
        let (mut case, _) = opened();
        receive_all(&mut case);
        let service = issuing_service();
        step(&mut case, &service, "d1", None, Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        step(&mut case, &service, "issue", Some("بلی"), Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        (case, service)
    }

    /// Every required document ticked as received, as the clerk does before an issue.
    fn receive_all(case: &mut Case) {
        let clerk = actor(Role::Clerk);
        for item in 0..case.checklist.len() {
            apply_ok(case, |c| c.mark_document(item, true, &Context { actor: &clerk, at: at(2), note: None }));
        }
    }

    fn step(case: &mut Case, service: &Service, to: &str, branch: Option<&str>, role: Role) -> Result<(), CaseError> {
        let who = actor(role);
        let event = case.advance(&service.workflow, to, branch, &Context { actor: &who, at: at(2), note: Some(" دلیل ") })?;
        case.apply(&event)
    }

    #[test]
    fn opening_skips_the_start_and_builds_the_checklist() {
        let (case, _) = opened();
        assert_eq!(case.step, "t1");
        assert_eq!(case.path, vec!["t1"]);
        assert_eq!(case.checklist.len(), 2);
        assert!(case.checklist.iter().all(|i| !i.received));
        assert_eq!(case.status, CaseStatus::Open);
    }

    #[test]
    fn the_whole_path_including_a_correction_loop_is_recorded_and_replays() {
        let (mut case, service) = opened();
        step(&mut case, &service, "d1", None, Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        step(&mut case, &service, "t1", Some("خیر"), Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        step(&mut case, &service, "d1", None, Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        step(&mut case, &service, "t2", Some("بلی"), Role::DistrictGovernor).unwrap_or_else(|e| panic!("{e}"));
        step(&mut case, &service, "end", None, Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(case.path, vec!["t1", "d1", "t1", "d1", "t2", "end"]);
        assert_eq!(case.status, CaseStatus::Closed);
        assert_eq!(case.closed_at, Some(at(2)));
        let last = case.history.last().unwrap_or_else(|| panic!("history"));
        assert_eq!(last.note.as_deref(), Some("دلیل"));
        assert_eq!(last.sequence, 6);
        assert_eq!(Case::replay(&case.history), Ok(case.clone()));
        assert_eq!(step(&mut case, &service, "t1", None, Role::Clerk), Err(CaseError::Closed));
    }

    #[test]
    fn illegal_transitions_are_refused_with_their_reason() {
        let (mut case, service) = opened();
        assert_eq!(
            step(&mut case, &service, "t2", None, Role::Clerk),
            Err(CaseError::NoTransition { from: "t1".into(), to: "t2".into() })
        );
        assert_eq!(step(&mut case, &service, "ghost", None, Role::Clerk), Err(CaseError::NoSuchStep("ghost".into())));
        assert_eq!(step(&mut case, &service, "d1", Some("بلی"), Role::Clerk), Err(CaseError::BranchNotExpected("t1".into())));
        assert_eq!(
            step(&mut case, &service, "d1", None, Role::Administrator),
            Err(CaseError::NotPermitted { role: Role::Administrator, action: Action::Advance })
        );
        step(&mut case, &service, "d1", None, Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(step(&mut case, &service, "t2", None, Role::Clerk), Err(CaseError::BranchRequired("d1".into())));
        assert_eq!(
            step(&mut case, &service, "t2", Some("خیر"), Role::Clerk),
            Err(CaseError::WrongBranch { decision: "d1".into(), label: "خیر".into(), to: "t2".into() })
        );
        assert_eq!(
            step(&mut case, &service, "t2", Some("موافق"), Role::Clerk),
            Err(CaseError::WrongBranch { decision: "d1".into(), label: "موافق".into(), to: "t2".into() })
        );
        assert_eq!(
            step(&mut case, &service, "t2", Some("بلی"), Role::Administrator),
            Err(CaseError::NotPermitted { role: Role::Administrator, action: Action::Decide })
        );
        assert_eq!(case.step, "d1", "refused commands change nothing");
        assert_eq!(case.history.len(), 2);
    }

    #[test]
    fn checklist_notes_and_files() {
        let (mut case, _) = opened();
        let clerk = actor(Role::Clerk);
        let ctx = Context { actor: &clerk, at: at(3), note: None };
        let event = case.mark_document(1, true, &ctx).unwrap_or_else(|e| panic!("{e}"));
        case.apply(&event).unwrap_or_else(|e| panic!("{e}"));
        assert!(case.checklist[1].received);
        assert_eq!(case.mark_document(2, true, &ctx), Err(CaseError::NoChecklistItem(2)));
        assert_eq!(case.add_note(&Context { note: Some("   "), ..ctx.clone() }), Err(CaseError::EmptyNote));
        let note = case.add_note(&Context { note: Some("تماس گرفته شد"), ..ctx.clone() }).unwrap_or_else(|e| panic!("{e}"));
        case.apply(&note).unwrap_or_else(|e| panic!("{e}"));
        let file = case.attach_file("اسکن.pdf", "abc", &ctx).unwrap_or_else(|e| panic!("{e}"));
        case.apply(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(case.history.len(), 4);
        assert_eq!(Case::replay(&case.history), Ok(case));
    }

    #[test]
    fn hostile_notes_are_refused_on_every_command_and_line_breaks_become_spaces() {
        let (mut case, service) = opened();
        let clerk = actor(Role::Clerk);
        let (long, longest) = ("ی".repeat(2_001), "ی".repeat(2_000));
        let ctx = |note| Context { actor: &clerk, at: at(3), note: Some(note) };
        let bidi = "تماس \u{202E}گرفته شد\u{202C}";
        assert_eq!(case.add_note(&ctx(bidi)), Err(CaseError::TextBidiControl { field: TextField::Note, character: '\u{202E}' }));
        assert_eq!(
            case.add_note(&ctx("تماس\0")),
            Err(CaseError::TextControlCharacter { field: TextField::Note, character: '\0' })
        );
        assert_eq!(case.add_note(&ctx(&long)), Err(CaseError::TextTooLong { field: TextField::Note, length: 2_001, max: 2_000 }));
        assert!(case.add_note(&ctx(&longest)).is_ok(), "2,000 characters");
        // A note goes with any command; each refuses a hostile one.
        assert!(matches!(case.mark_document(0, true, &ctx(bidi)), Err(CaseError::TextBidiControl { .. })));
        assert!(matches!(
            case.advance(&service.workflow, "d1", None, &ctx("\u{1B}[2J")),
            Err(CaseError::TextControlCharacter { character: '\u{1B}', .. })
        ));
        let note = case.add_note(&ctx("خط یک\nخط دو")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(note.note.as_deref(), Some("خط یک خط دو"));
        case.apply(&note).unwrap_or_else(|e| panic!("{e}"));
        let code = TrackingCode::compose("12", 1405, 2).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            Case::open(code, &service, "v1", case.applicant.clone(), &ctx(bidi)),
            Err(CaseError::TextBidiControl { field: TextField::Note, .. })
        ));
    }

    #[test]
    fn hostile_reasons_and_conditions_are_refused() {
        let (mut case, service) = at_issuing_step();
        let governor = actor(Role::DistrictGovernor);
        let gov = Context { actor: &governor, at: at(5), note: None };
        let serial = Serial { year: 1405, number: 3 };
        let terms = |conditions: &str| IssueTerms { conditions: Some(conditions.into()), ..IssueTerms::default() };
        assert_eq!(
            case.issue(&service, serial, terms("فقط \u{2066}روز\u{2069}"), &gov),
            Err(CaseError::TextBidiControl { field: TextField::Conditions, character: '\u{2066}' })
        );
        assert_eq!(
            case.issue(&service, serial, terms(&"ش".repeat(2_001)), &gov),
            Err(CaseError::TextTooLong { field: TextField::Conditions, length: 2_001, max: 2_000 })
        );
        apply_ok(&mut case, |c| c.issue(&service, serial, terms("ساعات اداری\nفقط"), &gov));
        assert_eq!(case.current_document().map(|d| d.conditions.clone()), Ok(Some("ساعات اداری فقط".into())));
        assert_eq!(
            case.revoke("جعل\u{7F}", &gov),
            Err(CaseError::TextControlCharacter { field: TextField::RevocationReason, character: '\u{7F}' })
        );
        assert_eq!(
            case.revoke("\u{202B}جعل", &gov),
            Err(CaseError::TextBidiControl { field: TextField::RevocationReason, character: '\u{202B}' })
        );
        assert!(matches!(case.revoke(&"د".repeat(2_001), &gov), Err(CaseError::TextTooLong { length: 2_001, .. })));
        assert_eq!(case.current_document().map(|d| d.revoked.is_none()), Ok(true), "nothing revoked");
    }

    #[test]
    fn deadlines_follow_the_steps_time_limit() {
        let mut workflow = sample();
        workflow.nodes.iter_mut().filter(|n| n.id == "t1").for_each(|n| n.time_limit_days = Some(7));
        let (case, _) = opened();
        assert_eq!(case.deadline(&workflow), Some(at(8)));
        assert_eq!(case.deadline(&sample()), None);
    }

    #[test]
    fn a_history_must_start_with_its_opening_and_belong_to_the_case() {
        let (case, _) = opened();
        assert_eq!(Case::replay(&[]), Err(CaseError::HistoryWithoutOpening));
        assert_eq!(Case::replay(&case.history[..0]), Err(CaseError::HistoryWithoutOpening));
        let mut other = case.clone();
        let mut foreign = case.history[0].clone();
        foreign.case = TrackingCode::compose("99", 1405, 5).unwrap_or_else(|e| panic!("{e}"));
        foreign.kind = EventKind::NoteAdded;
        assert!(matches!(other.apply(&foreign), Err(CaseError::ForeignEvent(_))));
    }
    fn issuing_service() -> Service {
        let mut workflow = sample();
        workflow.nodes.iter_mut().filter(|n| n.id == "t2").for_each(|n| n.id = "issue".into());
        workflow.edges.iter_mut().for_each(|e| {
            for end in [&mut e.from, &mut e.to] {
                if end == "t2" {
                    *end = "issue".into();
                }
            }
        });
        Service { issues_document: Some(IssuedDocumentKind::Permit), ..service(workflow) }
    }

    fn apply_ok(case: &mut Case, command: impl FnOnce(&Case) -> Result<CaseEvent, CaseError>) {
        let event = command(case).unwrap_or_else(|e| panic!("{e}"));
        case.apply(&event).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn a_document_is_issued_at_the_issuing_step_by_the_governor_only() {
        let (mut case, _) = opened();
        receive_all(&mut case);
        let service = issuing_service();
        let governor = actor(Role::DistrictGovernor);
        let clerk = actor(Role::Clerk);
        let serial = Serial { year: 1405, number: 1 };
        let ctx = Context { actor: &governor, at: at(4), note: None };
        assert_eq!(case.issue(&service, serial, IssueTerms::default(), &ctx), Err(CaseError::NotAtIssuingStep("t1".into())));
        step(&mut case, &service, "d1", None, Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        step(&mut case, &service, "issue", Some("بلی"), Role::DistrictGovernor).unwrap_or_else(|e| panic!("{e}"));
        let clerk_ctx = Context { actor: &clerk, at: at(4), note: None };
        assert!(matches!(case.issue(&service, serial, IssueTerms::default(), &clerk_ctx), Err(CaseError::NotPermitted { .. })));
        assert_eq!(case.print(false, &clerk_ctx), Err(CaseError::NoIssuedDocument));
        let terms = IssueTerms { conditions: Some(" فقط در ساعات اداری ".into()), ..IssueTerms::default() };
        apply_ok(&mut case, |c| c.issue(&service, serial, terms, &ctx));
        let document = case.current_document().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((document.serial, document.kind, document.copies), (serial, IssuedDocumentKind::Permit, 0));
        assert_eq!(document.conditions.as_deref(), Some("فقط در ساعات اداری"));
        assert_eq!(document.signer, governor);
        let again = Serial { year: 1405, number: 2 };
        assert_eq!(case.issue(&service, again, IssueTerms::default(), &ctx), Err(CaseError::AlreadyIssued(serial)));
        let plain = Service { issues_document: None, ..issuing_service() };
        assert!(matches!(case.issue(&plain, again, IssueTerms::default(), &ctx), Err(CaseError::IssuesNoDocument(_))));
    }

    /// Required documents missing: the issue is refused with how many, unless the district governor
    /// gives a reason, which the document keeps with the items that were missing.
    #[test]
    fn an_issue_with_documents_missing_needs_the_governors_reason() {
        let (mut case, _) = opened();
        let service = issuing_service();
        step(&mut case, &service, "d1", None, Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        step(&mut case, &service, "issue", Some("بلی"), Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        let clerk = actor(Role::Clerk);
        apply_ok(&mut case, |c| c.mark_document(1, true, &Context { actor: &clerk, at: at(3), note: None }));
        let governor = actor(Role::DistrictGovernor);
        let gov = Context { actor: &governor, at: at(4), note: None };
        let serial = Serial { year: 1405, number: 1 };
        let total = case.checklist.len();
        assert_eq!(
            case.issue(&service, serial, IssueTerms::default(), &gov),
            Err(CaseError::DocumentsMissing { missing: total - 1, total })
        );
        let reason = |r: &str| IssueTerms { missing_documents_reason: Some(r.into()), ..IssueTerms::default() };
        assert_eq!(
            case.issue(&service, serial, reason("   "), &gov),
            Err(CaseError::DocumentsMissing { missing: total - 1, total })
        );
        assert!(matches!(case.issue(&service, serial, reason("فوری \u{202e}است"), &gov), Err(CaseError::TextBidiControl { .. })));
        apply_ok(&mut case, |c| c.issue(&service, serial, reason(" دستور کتبی فرماندار "), &gov));
        let document = case.current_document().unwrap_or_else(|e| panic!("{e}"));
        let expected: Vec<usize> = (0..total).filter(|&i| i != 1).collect();
        assert_eq!(
            document.documents_override,
            Some(DocumentsOverride { missing: expected, reason: "دستور کتبی فرماندار".into() })
        );
    }

    #[test]
    fn prints_reprints_revocation_and_correction_are_events() {
        let (mut case, service) = at_issuing_step();
        let governor = actor(Role::DistrictGovernor);
        let clerk = actor(Role::Clerk);
        let gov = Context { actor: &governor, at: at(5), note: None };
        let desk = Context { actor: &clerk, at: at(5), note: None };
        let first = Serial { year: 1405, number: 7 };
        apply_ok(&mut case, |c| c.issue(&service, first, IssueTerms::default(), &gov));
        apply_ok(&mut case, |c| c.print(false, &desk));
        assert_eq!(case.print(false, &desk), Err(CaseError::DuplicateRequired(first)));
        assert!(matches!(case.print(true, &desk), Err(CaseError::NotPermitted { action: Action::ReprintDuplicate, .. })));
        apply_ok(&mut case, |c| c.print(true, &gov));
        assert_eq!(case.current_document().map(|d| d.copies), Ok(2));
        step(&mut case, &service, "end", None, Role::Clerk).unwrap_or_else(|e| panic!("{e}"));
        // A correction on the closed case supersedes the first document.
        let second = Serial { year: 1405, number: 8 };
        let correction = IssueTerms { supersedes: Some(first), ..IssueTerms::default() };
        apply_ok(&mut case, |c| c.issue(&service, second, correction.clone(), &gov));
        assert_eq!(case.documents[0].superseded_by, Some(second));
        assert_eq!(case.current_document().map(|d| d.serial), Ok(second));
        assert_eq!(case.issue(&service, first, correction, &gov), Err(CaseError::Superseded(first, second)));
        assert_eq!(case.revoke("  ", &gov), Err(CaseError::EmptyReason));
        assert!(matches!(case.revoke("خطا", &desk), Err(CaseError::NotPermitted { .. })));
        apply_ok(&mut case, |c| c.revoke("اطلاعات نادرست", &gov));
        assert_eq!(case.current_document().map(|d| d.serial), Err(CaseError::Revoked(second)));
        assert_eq!(case.print(true, &gov), Err(CaseError::Revoked(second)));
        assert_eq!(case.documents.len(), 2, "nothing is deleted");
        assert_eq!(Case::replay(&case.history), Ok(case.clone()));
        assert_eq!(issued_documents(&case.history), Ok(case.documents.clone()));
    }
}

//! One case: the applicant, the checklist, the history, the workflow drawn with the case's path
//! and current step, and only the actions the acting user's role may take now (`offers`): moves
//! and returns for correction, attaching a scan, issuing, printing, duplicates and revoking.

mod issue_form;
mod offers;
mod paper_form;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::Arc;

use crate::office;
use crate::ui::widget::{button, checkbox};
use iced::widget::{Column, column, container, scrollable, text};
use iced::{Element, Length, Task};

use crate::diagram::{self, Direction, FontMeasure, Highlight, Layout, Options};
use crate::domain::applicant::ApplicantIdentity;
use crate::domain::case::{Case, CaseEvent, CaseStatus, Context, EventKind};
use crate::domain::catalog::{Catalog, Service};
use crate::domain::issued::IssuedDocument;
use crate::domain::role::Action as RoleAction;
use crate::domain::tracking::TrackingCode;
use crate::domain::workflow::Office;
use crate::domain::workflow::Workflow;
use crate::i18n::{Arg, Language, Localizer};
use crate::print::spool::Job;
use crate::store::StoreError;
use crate::ui::diagram_legend;
use crate::ui::diagram_view::DiagramView;
use crate::ui::printing::{self, Printed, Sent, WorkError};
use crate::ui::screens::Session;
use crate::ui::{files, keys, rtl};

/// The revocation's reason field.
pub const REASON_ID: &str = "case-revoke-reason";
pub use issue_form::Field;
use issue_form::IssueForm;
pub use offers::{Offer, issue_choices, offers};
use offers::{waiting_upstream, withheld};
use paper_form::PaperForm;

pub struct State {
    code: TrackingCode,
    /// Boxed: the screen lives in the root's screen enum beside much smaller ones.
    case: Option<Box<Case>>,
    /// The catalogue version the case was opened under: its service's text, checklist and diagram.
    catalog: Option<Arc<Catalog>>,
    layout: Option<Layout>,
    note: String,
    /// Asking for the revocation's reason and its confirmation.
    revoking: bool,
    reason: String,
    /// The issue's terms being filled in.
    issuing: Option<IssueForm>,
    /// A decision from above received on paper, its letter being filled in.
    paper: Option<PaperForm>,
    /// A task runs: every action waits for it.
    busy: bool,
    problem: Option<WorkError>,
    /// The last PDF written.
    printed: Option<PathBuf>,
    /// The printer's job for the last print on paper.
    sent: Option<Job>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<(Box<Case>, Arc<Catalog>), StoreError>),
    /// An action's outcome: the case as it now stands.
    Changed(Result<Box<Case>, WorkError>),
    Received(usize, bool),
    Advance {
        to: String,
        branch: Option<String>,
    },
    Note(String),
    AddNote,
    Attach,
    ScanChosen(Option<PathBuf>),
    /// Opens the issue form.
    Issue,
    IssueField(Field),
    ConfirmIssue,
    /// Opens the paper letter's form for this step.
    Paper {
        to: String,
        branch: Option<String>,
    },
    PaperField(paper_form::Field),
    ConfirmPaper,
    /// Print to the data folder's `printed/` and show it in the system viewer.
    Print {
        duplicate: bool,
    },
    /// Ask where to save, then print there.
    SaveAs {
        duplicate: bool,
    },
    PrintTo {
        duplicate: bool,
        target: Option<PathBuf>,
    },
    /// The print's outcome, and whether to show the file.
    Printed(Result<Printed, WorkError>, bool),
    /// Print on the printer chosen in Settings.
    OnPaper {
        duplicate: bool,
    },
    Sent(Result<Box<Sent>, WorkError>),
    Shown(Result<(), WorkError>),
    Revoke,
    Reason(String),
    ConfirmRevoke,
    /// Closes the issue or revocation form (its button, or Esc).
    Cancel,
}

#[must_use]
pub enum Action {
    None,
    Run(Task<Message>),
    Failed(StoreError),
}

impl State {
    pub fn new(code: TrackingCode, session: &Session) -> (Self, Task<Message>) {
        let (db, load) = (session.store.clone(), code.clone());
        let session_now = session.clone();
        let task = Task::perform(
            async move {
                let case = office::find_case(&db, &load)?;
                let catalog = session_now.catalog_of(&case)?;
                Ok((Box::new(case), catalog))
            },
            Message::Loaded,
        );
        let state = Self {
            code,
            case: None,
            catalog: None,
            layout: None,
            note: String::new(),
            revoking: false,
            reason: String::new(),
            issuing: None,
            paper: None,
            busy: false,
            problem: None,
            printed: None,
            sent: None,
        };
        (state, task)
    }

    pub fn code(&self) -> &TrackingCode {
        &self.code
    }

    /// The drawing follows the reading direction.
    pub fn set_language(&mut self, language: Language) {
        self.layout = self.service().and_then(|s| layout(s, language));
    }

    /// The case's service as its own catalogue version has it.
    fn service(&self) -> Option<&Service> {
        self.catalog.as_deref()?.find(&self.case.as_deref()?.service_key)
    }

    pub fn update(&mut self, message: Message, session: &Session, language: Language) -> Action {
        match message {
            Message::Loaded(Ok((case, catalog))) => {
                self.busy = false;
                self.case = Some(case);
                self.catalog = Some(catalog);
                self.layout = self.service().and_then(|s| layout(s, language));
                Action::None
            }
            Message::Loaded(Err(error)) => {
                self.busy = false;
                Action::Failed(error)
            }
            Message::Changed(Ok(case)) => {
                (self.busy, self.revoking, self.issuing, self.paper) = (false, false, None, None);
                self.reason.clear();
                self.case = Some(case);
                Action::None
            }
            Message::Changed(Err(error))
            | Message::Printed(Err(error), _)
            | Message::Sent(Err(error))
            | Message::Shown(Err(error)) => {
                self.busy = false;
                self.problem = Some(error);
                Action::None
            }
            Message::Shown(Ok(())) => Action::None,
            Message::Note(note) => {
                self.note = note;
                Action::None
            }
            Message::Reason(reason) => {
                self.reason = reason;
                Action::None
            }
            Message::Received(item, received) => self.change(session, None, move |s, code, ctx| {
                office::mark_document(&s.store, &s.catalog, code, item, received, ctx)
            }),
            Message::Advance { to, branch } => self.change(session, None, move |s, code, ctx| {
                office::advance(&s.store, &s.catalog, code, &to, branch.as_deref(), ctx)
            }),
            Message::AddNote if self.note.trim().is_empty() => Action::None,
            Message::AddNote => {
                let note = std::mem::take(&mut self.note);
                self.change(session, Some(note), |s, code, ctx| office::add_note(&s.store, &s.catalog, code, ctx))
            }
            message @ (Message::Issue | Message::IssueField(_) | Message::ConfirmIssue) => self.issue(message, session),
            message @ (Message::Paper { .. } | Message::PaperField(_) | Message::ConfirmPaper) => self.paper(message, session),
            message => self.files(message, session, language),
        }
    }

    /// The actions that go through a dialog, a file or the revocation's confirmation.
    fn files(&mut self, message: Message, session: &Session, language: Language) -> Action {
        match message {
            Message::Attach => {
                self.start().map_or(Action::None, |()| Action::Run(Task::perform(files::choose_scan(), Message::ScanChosen)))
            }
            Message::ScanChosen(None) | Message::PrintTo { target: None, .. } => {
                self.busy = false;
                Action::None
            }
            Message::ScanChosen(Some(file)) => {
                self.busy = false;
                self.change(session, None, move |s, code, ctx| office::attach(&s.store, &s.catalog, code, &file, ctx))
            }
            Message::Print { duplicate } => self.print(session, duplicate, None, language),
            Message::OnPaper { duplicate } => {
                let (session, code) = (session.clone(), self.code.clone());
                self.start().map_or(Action::None, |()| {
                    let send = async move { printing::on_paper(&session, &code, duplicate, language).map(Box::new) };
                    Action::Run(Task::perform(send, Message::Sent))
                })
            }
            Message::Sent(Ok(sent)) => {
                self.busy = false;
                let Sent { printed, job } = *sent;
                (self.case, self.printed, self.sent) = (Some(printed.case), Some(printed.path), Some(job));
                Action::None
            }
            Message::SaveAs { duplicate } => {
                let name = self.case.as_deref().and_then(printing::document_name).unwrap_or_default();
                self.start().map_or(Action::None, |()| {
                    let chosen = files::choose_pdf_target(name);
                    Action::Run(Task::perform(chosen, move |target| Message::PrintTo { duplicate, target }))
                })
            }
            Message::PrintTo { duplicate, target: Some(target) } => {
                self.busy = false;
                self.print(session, duplicate, Some(target), language)
            }
            Message::Printed(Ok(printed), show) => {
                self.busy = false;
                self.case = Some(printed.case);
                let path = printed.path.clone();
                self.printed = Some(printed.path);
                if show { Action::Run(Task::perform(async move { files::show(&path) }, Message::Shown)) } else { Action::None }
            }
            Message::Revoke => {
                (self.revoking, self.problem) = (true, None);
                Action::Run(keys::focus_shown(REASON_ID))
            }
            Message::Cancel => {
                (self.revoking, self.issuing, self.paper) = (false, None, None);
                self.reason.clear();
                Action::None
            }
            Message::ConfirmRevoke if self.reason.trim().is_empty() => {
                self.problem = Some(WorkError::NoReason);
                Action::None
            }
            Message::ConfirmRevoke => {
                let reason = self.reason.clone();
                self.change(session, None, move |s, code, ctx| office::revoke(&s.store, &s.catalog, code, &reason, ctx))
            }
            _ => Action::None,
        }
    }

    /// The issue form: opened with what the issue may be, filled in, then checked field by field
    /// and issued with the same reading of the terms as `case issue`.
    fn issue(&mut self, message: Message, session: &Session) -> Action {
        match message {
            Message::Issue => {
                let choices = self.case.as_deref().zip(self.service()).map(|(c, s)| issue_choices(c, s)).unwrap_or_default();
                let checklist = self.case.as_deref().map(|c| c.checklist.as_slice()).unwrap_or_default();
                let missing = checklist.iter().filter(|i| !i.received).count();
                let form = IssueForm::new(choices, missing, checklist.len());
                (self.issuing, self.revoking, self.problem) = (Some(form), false, None);
                // Straight to typing: days, Tab to the conditions, Enter issues.
                return Action::Run(keys::focus_shown(issue_form::VALIDITY_ID));
            }
            Message::IssueField(field) => {
                if let Some(form) = &mut self.issuing {
                    form.set(field);
                }
            }
            Message::ConfirmIssue if !self.busy => {
                let Some(form) = &mut self.issuing else { return Action::None };
                let at = chrono::Utc::now();
                match form.input().terms(at) {
                    Ok(terms) => {
                        return self.change_at(session, at, None, move |s, code, ctx| {
                            office::issue(&s.store, &s.catalog, code, terms, ctx)
                        });
                    }
                    Err(error) => form.error = Some(error),
                }
            }
            _ => {}
        }
        Action::None
    }

    /// The paper letter's form: opened by the step's button, filled in, then the step taken with
    /// the letter by the same act as `case advance --letter-number --letter-date`.
    fn paper(&mut self, message: Message, session: &Session) -> Action {
        match message {
            Message::Paper { to, branch } => {
                (self.paper, self.issuing, self.revoking, self.problem) = (Some(PaperForm::new(to, branch)), None, false, None);
                return Action::Run(keys::focus_shown(paper_form::NUMBER_ID));
            }
            Message::PaperField(field) => {
                if let Some(form) = &mut self.paper {
                    form.set(field);
                }
            }
            Message::ConfirmPaper => {
                let Some(form) = &mut self.paper else { return Action::None };
                let Some(letter) = form.letter() else { return Action::None };
                let (to, branch) = (form.to.clone(), form.branch.clone());
                return self.change(session, None, move |s, code, ctx| {
                    office::record_paper_decision(&s.store, &s.catalog, code, &to, branch.as_deref(), &letter, ctx)
                });
            }
            _ => {}
        }
        Action::None
    }

    /// Marks the screen busy for a new action; `None` while another runs.
    fn start(&mut self) -> Option<()> {
        if self.busy {
            return None;
        }
        (self.busy, self.problem, self.printed, self.sent) = (true, None, None, None);
        Some(())
    }

    fn print(&mut self, session: &Session, duplicate: bool, target: Option<PathBuf>, language: Language) -> Action {
        if self.start().is_none() {
            return Action::None;
        }
        let (session, code) = (session.clone(), self.code.clone());
        let show = target.is_none();
        Action::Run(Task::perform(async move { printing::issued(&session, &code, duplicate, target, language) }, move |result| {
            Message::Printed(result, show)
        }))
    }

    /// Runs one store command as the acting user, in a task; the case comes back as it now is.
    fn change(
        &mut self,
        session: &Session,
        note: Option<String>,
        command: impl FnOnce(&Session, &TrackingCode, &Context<'_>) -> Result<Case, StoreError> + Send + 'static,
    ) -> Action {
        self.change_at(session, chrono::Utc::now(), note, command)
    }

    /// `change` recorded at `at`: an issue's validity runs from the instant it is recorded.
    fn change_at(
        &mut self,
        session: &Session,
        at: chrono::DateTime<chrono::Utc>,
        note: Option<String>,
        command: impl FnOnce(&Session, &TrackingCode, &Context<'_>) -> Result<Case, StoreError> + Send + 'static,
    ) -> Action {
        if self.start().is_none() {
            return Action::None;
        }
        let (session, code) = (session.clone(), self.code.clone());
        Action::Run(Task::perform(
            async move {
                let ctx = Context { actor: &session.actor, at, note: note.as_deref() };
                command(&session, &code, &ctx).map(Box::new).map_err(WorkError::from)
            },
            Message::Changed,
        ))
    }

    pub fn view<'a>(&'a self, session: &'a Session, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let Some(case) = &self.case else { return rtl::line(language, loc.text("gui-app-loading", &[]), 15.0) };
        let service = self.service();
        let workflow = service.map(|s| &s.workflow);
        let mut left: Vec<Element<'a, Message>> = summary(case, service, loc);
        left.push(rtl::line(language, loc.text("gui-case-checklist", &[]), 17.0));
        let may_mark = case.status == CaseStatus::Open && session.actor.role.may(RoleAction::MarkDocument) && !self.busy;
        left.extend(case.checklist.iter().enumerate().map(|(i, item)| {
            let check = checkbox(item.received, may_mark.then_some(move |v| Message::Received(i, v)));
            // Checklist labels are Persian whatever the window's language.
            let label = rtl::label(Language::Persian, &item.label_fa, 14.0);
            let row = rtl::row(language, vec![check, label]).spacing(6);
            container(row).width(Length::Fill).align_x(rtl::start(language)).into()
        }));
        left.extend(documents(case, loc));
        if let Some(service) = service {
            left.push(rtl::line(language, loc.text("gui-case-actions", &[]), 17.0));
            if let Some(office) = waiting_upstream(case, service) {
                let office = loc.text(&format!("office-{}", office.key()), &[]);
                left.push(rtl::line(language, loc.text("gui-case-waiting-upstream", &[("office", Arg::Text(&office))]), 14.0));
            }
            left.extend(self.actions(&service.workflow, &offers(case, service, session.actor.role), loc));
            // Under the buttons: above them, the line a print leaves pushed the next act (revoking)
            // under the pointer that had just pressed «print».
            left.extend(self.status_lines(loc));
            let role = session.actor.role;
            left.extend(
                withheld(case, service, role)
                    .into_iter()
                    .map(|action| rtl::line(language, loc.not_permitted(role, action), 13.0)),
            );
        }
        left.push(rtl::line(language, loc.text("gui-case-history", &[]), 17.0));
        left.extend(case.history.iter().map(|e| rtl::line(language, history_line(e, workflow, loc), 13.0)));
        // The scroll bar gets its own strip: over the text it hid the first letters of Persian lines.
        let left = scrollable(Column::with_children(left).spacing(6).padding([0, 8])).spacing(4).width(Length::FillPortion(1));
        let drawing: Element<'a, Message> = match &self.layout {
            Some(layout) => {
                let highlight = Highlight { path: &case.path, current: Some(&case.step) };
                let acting = |office: Office| {
                    loc.text("gui-diagram-acting", &[("office", Arg::Text(&loc.text(&format!("office-{}", office.key()), &[])))])
                };
                let view = DiagramView::new(layout).highlight(highlight).acting(acting).element();
                column![current_step(case, workflow, loc), view, diagram_legend::legend(layout, loc)].spacing(6).into()
            }
            None => column![].into(),
        };
        let right = container(drawing).width(Length::FillPortion(1));
        rtl::row(language, vec![left.into(), right.into()]).spacing(16).into()
    }

    /// What the last action left: an error, the file written, or that a task still runs.
    fn status_lines<'a>(&'a self, loc: &Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let mut lines = Vec::new();
        if let Some(path) = &self.printed {
            let path = rtl::ltr(&path.display().to_string());
            lines.push(rtl::line(language, loc.text("gui-print-written", &[("path", Arg::Text(&path))]), 13.0));
        }
        if let Some(job) = &self.sent {
            let printer = rtl::ltr(job.printer.as_str());
            let id = job.id.as_deref().map_or_else(|| "—".to_owned(), |id| rtl::ltr(&loc.digits(id)));
            let args = [("printer", Arg::Text(&printer)), ("job", Arg::Text(&id))];
            lines.push(rtl::line(language, loc.text("gui-print-sent", &args), 13.0));
        }
        if let Some(problem) = &self.problem {
            lines.push(rtl::error(language, &problem.message(loc)));
        }
        if self.busy {
            lines.push(rtl::line(language, loc.text("gui-app-working", &[]), 13.0));
        }
        lines
    }

    /// A button for each offer, in the order offered; revoking asks for its reason first.
    fn actions<'a>(&'a self, workflow: &Workflow, offers: &[Offer], loc: &Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let ready = !self.busy;
        let press = |label: String, message: Message, style: fn(&iced::Theme, button::Status) -> button::Style| {
            button(rtl::line(language, label, 14.0)).width(Length::Fill).style(style).on_press_maybe(ready.then_some(message))
        };
        let pair = |first: Element<'a, Message>, second: Element<'a, Message>| -> Element<'a, Message> {
            rtl::row(language, vec![first, second]).spacing(8).into()
        };
        let mut items: Vec<Element<'a, Message>> = Vec::new();
        for offer in offers {
            match offer {
                Offer::Move { to, branch, back } => {
                    let target = workflow.node(to).map_or_else(|| to.clone(), |n| n.label_fa.clone());
                    let step = ("step", Arg::Text(&target));
                    let label = match (branch, back) {
                        (_, true) => loc.text("gui-case-return", &[step]),
                        (Some(branch), false) => loc.text("gui-case-decide", &[("branch", Arg::Text(branch)), step]),
                        (None, false) => loc.text("gui-case-advance", &[step]),
                    };
                    let style = if *back { button::secondary } else { button::primary };
                    let message = Message::Advance { to: to.clone(), branch: branch.clone() };
                    items.push(press(label, message, style).into());
                }
                Offer::PaperDecision { to, branch } => {
                    let target = workflow.node(to).map_or_else(|| to.clone(), |n| n.label_fa.clone());
                    match &self.paper {
                        Some(form) if form.to == *to && form.branch == *branch => items.extend(form.view(&target, loc, ready)),
                        _ => {
                            let step = ("step", Arg::Text(&target));
                            let label = match branch {
                                Some(branch) => loc.text("gui-case-paper-decide", &[("branch", Arg::Text(branch)), step]),
                                None => loc.text("gui-case-paper-advance", &[step]),
                            };
                            let message = Message::Paper { to: to.clone(), branch: branch.clone() };
                            items.push(press(label, message, button::primary).into());
                        }
                    }
                }
                Offer::AttachFile => {
                    items.push(press(loc.text("gui-case-attach", &[]), Message::Attach, button::secondary).into());
                }
                Offer::Issue => {
                    if let Some(form) = &self.issuing {
                        items.extend(form.view(loc, ready));
                    } else {
                        let live = self.case.as_deref().is_some_and(|c| c.documents.iter().any(IssuedDocument::is_live));
                        let id = if live { "gui-case-issue-correction" } else { "gui-case-issue" };
                        items.push(press(loc.text(id, &[]), Message::Issue, button::success).into());
                    }
                }
                Offer::Print | Offer::Duplicate => {
                    let duplicate = *offer == Offer::Duplicate;
                    let (print, save) = if duplicate {
                        ("gui-case-duplicate", "gui-case-duplicate-save")
                    } else {
                        ("gui-case-print", "gui-case-print-save")
                    };
                    let first = press(loc.text(print, &[]), Message::Print { duplicate }, button::primary).into();
                    let second = press(loc.text(save, &[]), Message::SaveAs { duplicate }, button::secondary).into();
                    items.push(pair(first, second));
                    let on_paper = if duplicate { "gui-case-duplicate-paper" } else { "gui-case-print-paper" };
                    items.push(press(loc.text(on_paper, &[]), Message::OnPaper { duplicate }, button::secondary).into());
                }
                Offer::Revoke if self.revoking => items.extend(self.revocation(loc)),
                Offer::Revoke => items.push(press(loc.text("gui-case-revoke", &[]), Message::Revoke, button::danger).into()),
                Offer::Note => {
                    let input = rtl::input(language, &loc.text("gui-case-note-placeholder", &[]), &self.note)
                        .on_input(Message::Note)
                        .on_submit(Message::AddNote);
                    let add = button(text(loc.text("gui-case-add-note", &[])).size(14))
                        .on_press_maybe(ready.then_some(Message::AddNote));
                    items.push(rtl::row(language, vec![input.into(), add.into()]).spacing(8).into());
                }
            }
        }
        if offers.is_empty() {
            items.push(rtl::line(language, loc.text("gui-case-no-actions", &[]), 14.0));
        }
        items
    }

    /// The revocation's reason and its confirmation.
    fn revocation<'a>(&'a self, loc: &Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let input = rtl::input(language, &loc.text("gui-case-revoke-reason", &[]), &self.reason)
            .id(REASON_ID)
            .on_input(Message::Reason)
            .on_submit(Message::ConfirmRevoke);
        let confirm = button(text(loc.text("gui-case-revoke-confirm", &[])).size(14))
            .style(button::danger)
            .on_press_maybe((!self.busy).then_some(Message::ConfirmRevoke));
        let cancel = button(text(loc.text("gui-app-cancel", &[])).size(14)).style(button::secondary).on_press(Message::Cancel);
        vec![
            rtl::line(language, loc.text("gui-case-revoke-ask", &[]), 14.0),
            input.into(),
            container(rtl::row(language, vec![confirm.into(), cancel.into()]).spacing(8))
                .width(Length::Fill)
                .align_x(rtl::start(language))
                .into(),
        ]
    }
}

/// The documents issued on the case: kind, serial, copies printed, revoked or replaced.
fn documents<'a>(case: &Case, loc: &Localizer) -> Vec<Element<'a, Message>> {
    let language = loc.language();
    case.documents
        .iter()
        .map(|d| {
            let kind = loc.text(&format!("print-document-{}", d.kind.key().replace('_', "-")), &[]);
            let serial = loc.digits(&d.serial.to_string());
            let args = [("kind", Arg::Text(&kind)), ("serial", Arg::Text(&serial)), ("copies", Arg::Number(i64::from(d.copies)))];
            let id = match (&d.revoked, d.superseded_by) {
                (Some(_), _) => "gui-case-document-revoked",
                (None, Some(_)) => "gui-case-document-superseded",
                (None, None) if d.copies == 0 => "gui-case-document-unprinted",
                (None, None) => "gui-case-document",
            };
            rtl::line(language, loc.text(id, &args), 14.0)
        })
        .collect()
}

fn layout(service: &Service, language: Language) -> Option<Layout> {
    let direction = if language.is_rtl() { Direction::Rtl } else { Direction::Ltr };
    // Without the built-in font there is nothing to measure labels with; the rest of the case shows.
    let measure = FontMeasure::shared().map_err(|e| tracing::error!("diagram font: {e}")).ok()?;
    Some(diagram::layout(&service.workflow, measure, &Options { direction, ..Options::default() }))
}

fn summary<'a>(case: &'a Case, service: Option<&Service>, loc: &Localizer) -> Vec<Element<'a, Message>> {
    let language = loc.language();
    let field = |id: &str, value: &str| rtl::line(language, rtl::field(&loc.text(id, &[]), value), 14.0);
    let id_label = match case.applicant.identity {
        ApplicantIdentity::Person { .. } => "gui-new-case-national-id",
        ApplicantIdentity::Organisation { .. } => "gui-new-case-legal-entity-id",
        ApplicantIdentity::ForeignNational { .. } => "gui-new-case-foreign-code",
        ApplicantIdentity::Passport { .. } => "gui-new-case-passport-number",
        ApplicantIdentity::Office { .. } => "gui-new-case-letter-number",
    };
    let service = service.map(|s| s.sub_title_fa.clone()).unwrap_or_default();
    let status = loc.text(if case.status == CaseStatus::Open { "gui-case-open" } else { "gui-case-closed" }, &[]);
    let mut items = vec![
        container(rtl::code(loc.digits(&case.tracking_code.grouped()), 24.0))
            .width(Length::Fill)
            .align_x(rtl::start(language))
            .into(),
        field("gui-case-service", &service),
        field("gui-new-case-name", &case.applicant.name),
        field(id_label, &loc.digits(case.applicant.id_number())),
    ];
    if let Some(phone) = &case.applicant.phone {
        items.push(field("gui-case-phone", &loc.digits(phone.as_str())));
    }
    items.push(field("gui-case-status", &status));
    items.push(field("gui-case-opened", &loc.when(case.opened_at)));
    items
}

/// A form's confirm (label `confirm`, pressed while `ready`) and cancel buttons, on the reading
/// start side.
fn form_buttons<'a>(loc: &Localizer, confirm: &str, on_confirm: Message, ready: bool) -> Element<'a, Message> {
    let language = loc.language();
    let confirm = button(rtl::label(language, loc.text(confirm, &[]), 14.0))
        .style(button::success)
        .on_press_maybe(ready.then_some(on_confirm));
    let cancel =
        button(rtl::label(language, loc.text("gui-app-cancel", &[]), 14.0)).style(button::secondary).on_press(Message::Cancel);
    let buttons = rtl::row(language, vec![confirm.into(), cancel.into()]).spacing(8);
    container(buttons).width(Length::Fill).align_x(rtl::start(language)).into()
}

/// The case's current step in words beside the drawing, with the office that acts there.
fn current_step<'a>(case: &Case, workflow: Option<&Workflow>, loc: &Localizer) -> Element<'a, Message> {
    let node = workflow.and_then(|w| w.node(&case.step));
    let step = node.map_or_else(|| case.step.clone(), |n| n.label_fa.clone());
    let line = match node.and_then(|n| n.actor) {
        Some(office) => {
            let office = loc.text(&format!("office-{}", office.key()), &[]);
            loc.text("gui-case-current-step-office", &[("step", Arg::Text(&step)), ("office", Arg::Text(&office))])
        }
        None => loc.text("gui-case-current-step", &[("step", Arg::Text(&step))]),
    };
    rtl::line(loc.language(), line, 14.0)
}

/// «when — who (role) — what — note».
fn history_line(event: &CaseEvent, workflow: Option<&Workflow>, loc: &Localizer) -> String {
    let step = |id: &str| workflow.and_then(|w| w.node(id)).map_or_else(|| id.to_owned(), |n| n.label_fa.clone());
    let what = match &event.kind {
        EventKind::Opened { .. } => loc.text("gui-case-event-opened", &[]),
        EventKind::DocumentMarked { item, received } => {
            let n = loc.digits(&(item + 1).to_string());
            let id = if *received { "gui-case-event-received" } else { "gui-case-event-not-received" };
            loc.text(id, &[("item", Arg::Text(&n))])
        }
        EventKind::Advanced { to, branch_fa, paper: Some(letter), .. } => {
            let date = loc.digits(&crate::domain::calendar::JalaliDate::from_gregorian(letter.date).to_string());
            let branch = branch_fa.as_deref().unwrap_or("—");
            let args = [
                ("branch", Arg::Text(branch)),
                ("step", Arg::Text(&step(to))),
                ("number", Arg::Text(&letter.number)),
                ("date", Arg::Text(&date)),
            ];
            loc.text("gui-case-event-paper", &args)
        }
        EventKind::Advanced { to, branch_fa: Some(branch), .. } => {
            loc.text("gui-case-event-decided", &[("branch", Arg::Text(branch)), ("step", Arg::Text(&step(to)))])
        }
        EventKind::Advanced { to, .. } => loc.text("gui-case-event-advanced", &[("step", Arg::Text(&step(to)))]),
        EventKind::NoteAdded => loc.text("gui-case-event-note", &[]),
        EventKind::FileAttached { file_name, .. } => loc.text("gui-case-event-file", &[("file", Arg::Text(file_name))]),
        kind @ (EventKind::DocumentIssued { .. }
        | EventKind::DocumentPrinted { .. }
        | EventKind::DocumentRevoked { .. }
        | EventKind::CatalogMigrated { .. }) => loc.document_event(kind).unwrap_or_default(),
    };
    let role = loc.text(&format!("role-{}", event.actor.role.key()), &[]);
    let mut line = format!("{} — {} ({role}) — {what}", loc.when(event.at), event.actor.name);
    if let Some(note) = &event.note {
        line.push_str(" — ");
        line.push_str(note);
    }
    line
}

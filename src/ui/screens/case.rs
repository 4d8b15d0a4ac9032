//! One case: the applicant, the checklist, the history, the workflow drawn with the current step,
//! and only the actions the acting user's role may take now.

use iced::widget::{Column, button, checkbox, column, container, scrollable, text};
use iced::{Element, Length, Task};

use crate::diagram::{self, Direction, FontMeasure, Highlight, Layout, Options};
use crate::domain::applicant::ApplicantIdentity;
use crate::domain::case::{Case, CaseEvent, CaseStatus, Context, EventKind};
use crate::domain::role::{Action as RoleAction, Role};
use crate::domain::tracking::TrackingCode;
use crate::domain::workflow::{NodeKind, Workflow};
use crate::i18n::{Arg, Language, Localizer};
use crate::store::StoreError;
use crate::ui::diagram_view::DiagramView;
use crate::ui::rtl;
use crate::ui::screens::{Session, when};

pub struct State {
    code: TrackingCode,
    case: Option<Case>,
    layout: Option<Layout>,
    note: String,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Case>, StoreError>),
    Received(usize, bool),
    Advance { to: String, branch: Option<String> },
    Note(String),
    AddNote,
}

#[must_use]
pub enum Action {
    None,
    Run(Task<Message>),
    Failed(StoreError),
}

impl State {
    pub fn new(code: TrackingCode, session: &Session) -> (Self, Task<Message>) {
        let (db, load) = (session.db.clone(), code.clone());
        let task = Task::perform(async move { db.case(&load).map(Box::new) }, Message::Loaded);
        (Self { code, case: None, layout: None, note: String::new(), busy: false }, task)
    }

    pub fn code(&self) -> &TrackingCode {
        &self.code
    }

    /// The drawing follows the reading direction.
    pub fn set_language(&mut self, session: &Session, language: Language) {
        self.layout = self.case.as_ref().and_then(|c| layout(session, c, language));
    }

    pub fn update(&mut self, message: Message, session: &Session, language: Language) -> Action {
        match message {
            Message::Loaded(Ok(case)) => {
                self.busy = false;
                self.layout = layout(session, &case, language);
                self.case = Some(*case);
                Action::None
            }
            Message::Loaded(Err(error)) => {
                self.busy = false;
                Action::Failed(error)
            }
            Message::Note(note) => {
                self.note = note;
                Action::None
            }
            Message::Received(item, received) => {
                self.change(session, None, move |s, code, ctx| s.db.mark_document(&s.catalog, code, item, received, ctx))
            }
            Message::Advance { to, branch } => {
                self.change(session, None, move |s, code, ctx| s.db.advance(&s.catalog, code, &to, branch.as_deref(), ctx))
            }
            Message::AddNote if self.note.trim().is_empty() => Action::None,
            Message::AddNote => {
                let note = std::mem::take(&mut self.note);
                self.change(session, Some(note), |s, code, ctx| s.db.add_note(&s.catalog, code, ctx))
            }
        }
    }

    /// Runs one store command as the acting user, in a task; the case comes back as it now is.
    fn change(
        &mut self,
        session: &Session,
        note: Option<String>,
        command: impl FnOnce(&Session, &TrackingCode, &Context<'_>) -> Result<Case, StoreError> + Send + 'static,
    ) -> Action {
        if self.busy {
            return Action::None;
        }
        self.busy = true;
        let (session, code) = (session.clone(), self.code.clone());
        Action::Run(Task::perform(
            async move {
                let ctx = Context { actor: &session.actor, at: chrono::Utc::now(), note: note.as_deref() };
                command(&session, &code, &ctx).map(Box::new)
            },
            Message::Loaded,
        ))
    }

    pub fn view<'a>(&'a self, session: &'a Session, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let Some(case) = &self.case else { return rtl::line(language, loc.text("gui-app-loading", &[]), 15.0) };
        let workflow = session.catalog.find(&case.service_key).map(|s| &s.workflow);
        let mut left: Vec<Element<'a, Message>> = summary(case, session, loc);
        left.push(rtl::line(language, loc.text("gui-case-checklist", &[]), 17.0));
        let may_mark = case.status == CaseStatus::Open && session.actor.role.may(RoleAction::MarkDocument) && !self.busy;
        left.extend(case.checklist.iter().enumerate().map(|(i, item)| {
            let check = checkbox(item.received).on_toggle_maybe(may_mark.then_some(move |v| Message::Received(i, v)));
            let row = rtl::row(language, vec![check.into(), rtl::label(language, &item.label_fa, 14.0)]).spacing(6);
            container(row).width(Length::Fill).align_x(rtl::start(language)).into()
        }));
        if let Some(workflow) = workflow {
            left.push(rtl::line(language, loc.text("gui-case-actions", &[]), 17.0));
            left.extend(self.actions(case, workflow, session, loc));
        }
        left.push(rtl::line(language, loc.text("gui-case-history", &[]), 17.0));
        left.extend(case.history.iter().map(|e| rtl::line(language, history_line(e, workflow, loc), 13.0)));
        let left = scrollable(Column::with_children(left).spacing(6).padding([0, 8])).width(Length::FillPortion(1));
        let drawing: Element<'a, Message> = match &self.layout {
            Some(layout) => {
                let highlight = Highlight { path: &case.path, current: Some(&case.step) };
                DiagramView::new(layout).highlight(highlight).element()
            }
            None => column![].into(),
        };
        let right = container(drawing).width(Length::FillPortion(1));
        rtl::row(language, vec![left.into(), right.into()]).spacing(16).into()
    }

    /// The ways out of the current step this user may take, then the note box.
    fn actions<'a>(
        &'a self,
        case: &'a Case,
        workflow: &'a Workflow,
        session: &Session,
        loc: &Localizer,
    ) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let role = session.actor.role;
        let mut items = Vec::new();
        for (to, branch) in moves(case, workflow, role) {
            let target = workflow.node(&to).map_or_else(|| to.clone(), |n| n.label_fa.clone());
            let label = match &branch {
                Some(branch) => loc.text("gui-case-decide", &[("branch", Arg::Text(branch)), ("step", Arg::Text(&target))]),
                None => loc.text("gui-case-advance", &[("step", Arg::Text(&target))]),
            };
            let press = (!self.busy).then_some(Message::Advance { to, branch });
            items.push(button(rtl::line(language, label, 14.0)).width(Length::Fill).on_press_maybe(press).into());
        }
        if role.may(RoleAction::AddNote) {
            let input = rtl::input(language, &loc.text("gui-case-note-placeholder", &[]), &self.note)
                .on_input(Message::Note)
                .on_submit(Message::AddNote);
            let add = button(text(loc.text("gui-case-add-note", &[])).size(14))
                .on_press_maybe((!self.busy).then_some(Message::AddNote));
            items.push(rtl::row(language, vec![input.into(), add.into()]).spacing(8).into());
        }
        if items.is_empty() {
            items.push(rtl::line(language, loc.text("gui-case-no-actions", &[]), 14.0));
        }
        items
    }
}

/// The steps this role may move the case to now, each with its branch label when leaving a decision.
fn moves(case: &Case, workflow: &Workflow, role: Role) -> Vec<(String, Option<String>)> {
    if case.status != CaseStatus::Open {
        return Vec::new();
    }
    let decision = workflow.node(&case.step).is_some_and(|n| n.kind == NodeKind::Decision);
    if !role.may(if decision { RoleAction::Decide } else { RoleAction::Advance }) {
        return Vec::new();
    }
    workflow.outgoing(&case.step).map(|e| (e.to.clone(), e.label_fa.clone().filter(|_| decision))).collect()
}

fn layout(session: &Session, case: &Case, language: Language) -> Option<Layout> {
    let service = session.catalog.find(&case.service_key)?;
    let direction = if language.is_rtl() { Direction::Rtl } else { Direction::Ltr };
    // Without the built-in font there is nothing to measure labels with; the rest of the case shows.
    let measure = FontMeasure::shared().map_err(|e| tracing::error!("diagram font: {e}")).ok()?;
    Some(diagram::layout(&service.workflow, measure, &Options { direction, ..Options::default() }))
}

fn summary<'a>(case: &'a Case, session: &Session, loc: &Localizer) -> Vec<Element<'a, Message>> {
    let language = loc.language();
    let field = |id: &str, value: &str| rtl::line(language, rtl::field(&loc.text(id, &[]), value), 14.0);
    let id_label = match case.applicant.identity {
        ApplicantIdentity::Person { .. } => "gui-new-case-national-id",
        ApplicantIdentity::Organisation { .. } => "gui-new-case-legal-entity-id",
    };
    let service = session.catalog.find(&case.service_key).map(|s| s.sub_title_fa.clone()).unwrap_or_default();
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
    items.push(field("gui-case-opened", &when(case.opened_at, loc)));
    items
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
    let mut line = format!("{} — {} ({role}) — {what}", when(event.at, loc), event.actor.name);
    if let Some(note) = &event.note {
        line.push_str(" — ");
        line.push_str(note);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::applicant::{Applicant, NationalId};
    use crate::ui::screens::testing;

    #[test]
    fn only_the_moves_the_role_may_make_are_offered_and_they_are_legal() {
        let (session, _dir) = testing::session();
        let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
        let applicant =
            Applicant::new(ApplicantIdentity::Person { national_id }, "علی رضایی", None).unwrap_or_else(|e| panic!("{e}"));
        let ctx = Context { actor: &session.actor, at: chrono::Utc::now(), note: None };
        let mut case = session.db.open_case(&session.catalog, "1", applicant, &ctx).unwrap_or_else(|e| panic!("{e}"));
        let workflow = &session.catalog.find(&case.service_key).unwrap_or_else(|| panic!("service")).workflow;
        assert!(moves(&case, workflow, Role::Administrator).is_empty());
        // Walk the case to its end as the clerk, always taking the first move offered.
        for _ in 0..20 {
            let offered = moves(&case, workflow, Role::Clerk);
            let Some((to, branch)) = offered.into_iter().next() else { break };
            let ctx = Context { actor: &session.actor, at: chrono::Utc::now(), note: None };
            case = session
                .db
                .advance(&session.catalog, &case.tracking_code, &to, branch.as_deref(), &ctx)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(case.status, CaseStatus::Closed);
        assert!(moves(&case, workflow, Role::Clerk).is_empty());
    }
}

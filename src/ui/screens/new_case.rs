//! New case: pick the service by typing part of its Persian title or its ID, fill in the
//! applicant with field-level checks, tick the documents brought, save; the tracking code is
//! then shown large. Enter submits, Esc cancels.

use std::path::PathBuf;

use crate::office::{self, NewCase};
use crate::ui::widget::{button, checkbox, list};
use iced::widget::{Column, column, container, scrollable, text};
use iced::{Element, Length, Task};

use crate::domain::applicant::{
    Applicant, ApplicantError, ApplicantIdentity, ForeignNationalCode, LegalEntityId, LetterNumber, NationalId, PassportNumber,
    Phone,
};
use crate::domain::calendar::JalaliDate;
use crate::domain::case::{Case, Context};
use crate::domain::catalog::Service;
use crate::domain::role::Action as RoleAction;
use crate::domain::tracking::TrackingCode;
use crate::i18n::{Arg, Language, Localizer};
use crate::store::StoreError;
use crate::ui::printing::{self, WorkError};
use crate::ui::screens::Session;
use crate::ui::{files, rtl};

/// The service box, focused when the screen opens.
pub const SAVE_ID: &str = "gui-new-case-save";
pub const SERVICE_ID: &str = "new-case-service";
/// The services matching the query: one Tab stop, arrows move in it.
pub const SERVICES_ID: &str = "new-case-services";
const SHOWN: usize = 8;

#[derive(Default)]
pub struct State {
    service_query: String,
    matches: Vec<u32>,
    service: Option<u32>,
    kind: Kind,
    id_number: String,
    /// The office's letter's date, as typed (Solar Hijri), for an internal service.
    letter_date: String,
    name: String,
    phone: String,
    received: Vec<bool>,
    errors: Errors,
    busy: bool,
    saved: Option<TrackingCode>,
    /// The citizen's receipt, once written.
    receipt: Option<PathBuf>,
    problem: Option<WorkError>,
    /// Esc (or Cancel) on a filled form asks before what was typed is thrown away.
    discarding: bool,
}

#[derive(Debug, Default)]
struct Errors {
    service: Option<String>,
    id_number: Option<String>,
    letter_date: Option<String>,
    name: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    ServiceQuery(String),
    Service(u32),
    Kind(Kind),
    IdNumber(String),
    LetterDate(String),
    Name(String),
    Phone(String),
    Received(usize, bool),
    Submit,
    /// Esc or the Cancel button: leaves an empty form; on a filled one asks first (or, asked
    /// already, takes the question back).
    Cancel,
    /// The answer to that question: throw the form away.
    Discard,
    Saved(Result<TrackingCode, StoreError>),
    OpenSaved,
    Another,
    /// The saved case's receipt to the data folder's `printed/`, then shown in the system viewer.
    PrintReceipt,
    /// Ask where to save the receipt.
    SaveReceipt,
    ReceiptTo(Option<PathBuf>),
    /// The receipt's outcome, and whether to show the file.
    ReceiptPrinted(Result<PathBuf, WorkError>, bool),
    Shown(Result<(), WorkError>),
}

#[must_use]
pub enum Action {
    None,
    Run(Task<Message>),
    Cancel,
    OpenCase(TrackingCode),
    Failed(StoreError),
}

impl State {
    pub fn update(&mut self, message: Message, session: &Session, loc: &Localizer) -> Action {
        match message {
            Message::ServiceQuery(query) => {
                self.matches = session.catalog.search(&query).take(SHOWN).map(|s| s.number).collect();
                self.service_query = query;
            }
            Message::Service(number) => {
                self.service = Some(number);
                let documents = session.catalog.by_number(number).map_or(0, |s| s.documents_fa.len());
                self.received = vec![false; documents];
                self.errors.service = None;
            }
            Message::Kind(kind) => self.kind = kind,
            Message::IdNumber(v) => self.id_number = v,
            Message::LetterDate(v) => self.letter_date = v,
            Message::Name(v) => self.name = v,
            Message::Phone(v) => self.phone = v,
            Message::Received(item, received) => {
                if let Some(slot) = self.received.get_mut(item) {
                    *slot = received;
                }
            }
            Message::Submit if self.saved.is_some() => return self.saved.clone().map_or(Action::None, Action::OpenCase),
            Message::Submit => return self.submit(session, loc),
            Message::Cancel if self.saved.is_some() || !self.filled() => return Action::Cancel,
            Message::Cancel => self.discarding = !self.discarding,
            Message::Discard => return Action::Cancel,
            Message::Saved(Ok(code)) => {
                self.busy = false;
                self.saved = Some(code);
            }
            Message::Saved(Err(error)) => {
                self.busy = false;
                return Action::Failed(error);
            }
            Message::OpenSaved => return self.saved.clone().map_or(Action::None, Action::OpenCase),
            Message::Another => *self = Self::default(),
            message => return self.receipt(message, session, loc),
        }
        self.clear_fixed(session, loc);
        Action::None
    }

    /// A form holding what the clerk typed and has not saved asks whether to throw it away, and
    /// answers true; any other form may be left at once.
    pub fn ask_before_leaving(&mut self) -> bool {
        self.discarding = self.saved.is_none() && self.filled();
        self.discarding
    }

    /// Whether the form is asking whether to throw away what was typed.
    pub fn asking(&self) -> bool {
        self.discarding
    }

    /// Whether the chosen service is one of the office's own, asked for by letter.
    fn internal(&self, session: &Session) -> bool {
        self.service.and_then(|n| session.catalog.by_number(n)).is_some_and(Service::is_internal)
    }

    /// Whether the clerk has put anything into the form that leaving it would lose.
    fn filled(&self) -> bool {
        let typed = [&self.service_query, &self.id_number, &self.letter_date, &self.name, &self.phone];
        let typed = typed.iter().any(|v| !v.trim().is_empty());
        typed || self.service.is_some() || self.received.contains(&true)
    }

    /// An error under a field goes as soon as the field is right; none is added while typing.
    fn clear_fixed(&mut self, session: &Session, loc: &Localizer) {
        let Errors { id_number, name, phone, letter_date, .. } = &self.errors;
        let shown = [id_number.is_some(), name.is_some(), phone.is_some(), letter_date.is_some()];
        if shown == [false; 4] {
            return;
        }
        let _ = self.applicant(self.internal(session), loc);
        let e = &mut self.errors;
        for (field, was) in [&mut e.id_number, &mut e.name, &mut e.phone, &mut e.letter_date].into_iter().zip(shown) {
            if !was {
                *field = None;
            }
        }
    }

    /// The receipt of the saved case: printed to the data folder and shown, or saved where the clerk chooses.
    fn receipt(&mut self, message: Message, session: &Session, loc: &Localizer) -> Action {
        let Some(code) = self.saved.clone() else { return Action::None };
        match message {
            Message::PrintReceipt if !self.busy => return self.write_receipt(session, code, None, loc.language()),
            Message::ReceiptTo(Some(target)) => return self.write_receipt(session, code, Some(target), loc.language()),
            Message::SaveReceipt if !self.busy => {
                self.busy = true;
                let chosen = files::choose_pdf_target(printing::receipt_name(&code));
                return Action::Run(Task::perform(chosen, Message::ReceiptTo));
            }
            Message::ReceiptTo(None) => self.busy = false,
            Message::ReceiptPrinted(Ok(path), show) => {
                self.busy = false;
                self.receipt = Some(path.clone());
                if show {
                    return Action::Run(Task::perform(async move { files::show(&path) }, Message::Shown));
                }
            }
            Message::ReceiptPrinted(Err(error), _) | Message::Shown(Err(error)) => {
                self.busy = false;
                self.problem = Some(error);
            }
            _ => {}
        }
        Action::None
    }

    /// Writes the receipt in a task; shown in the system viewer unless the clerk chose the place.
    fn write_receipt(&mut self, session: &Session, code: TrackingCode, target: Option<PathBuf>, language: Language) -> Action {
        (self.busy, self.problem, self.receipt) = (true, None, None);
        let (session, show) = (session.clone(), target.is_none());
        Action::Run(Task::perform(async move { printing::receipt(&session, &code, target, language) }, move |result| {
            Message::ReceiptPrinted(result, show)
        }))
    }

    fn submit(&mut self, session: &Session, loc: &Localizer) -> Action {
        if self.busy {
            return Action::None;
        }
        // A single match is the clerk's choice even if not clicked.
        if self.service.is_none() && self.matches.len() == 1 {
            let only = self.matches[0];
            let _ = self.update(Message::Service(only), session, loc);
        }
        let service = self.service.and_then(|n| session.catalog.by_number(n));
        let applicant = self.applicant(service.is_some_and(Service::is_internal), loc);
        let service = service.map(|s| s.key.clone());
        self.errors.service = service.is_none().then(|| loc.text("gui-new-case-pick-service", &[]));
        let (Some(service), Some(applicant)) = (service, applicant) else { return Action::None };
        self.busy = true;
        let session = session.clone();
        let received = self.received.clone();
        Action::Run(Task::perform(
            async move { save(&session, &service, applicant, &received).map(|c| c.tracking_code) },
            Message::Saved,
        ))
    }

    /// The applicant, or `None` after putting each field's problem under it.
    /// An internal service's requester is an office by letter, whatever kind was chosen before.
    fn applicant(&mut self, internal: bool, loc: &Localizer) -> Option<Applicant> {
        let show = |r: Result<(), ApplicantError>| r.err().map(|e| loc.applicant_error(&e));
        let id = self.id_number.as_str();
        let letter_date = JalaliDate::parse(&self.letter_date).and_then(JalaliDate::to_gregorian);
        self.errors.letter_date = (internal && letter_date.is_none()).then(|| {
            if self.letter_date.trim().is_empty() {
                loc.text("gui-new-case-letter-date-required", &[])
            } else {
                loc.text("case-error-bad-date", &[("date", Arg::Text(&self.letter_date))])
            }
        });
        let identity = match (internal, self.kind) {
            (true, _) => LetterNumber::parse(id)
                .map(|letter_number| ApplicantIdentity::Office { letter_number, letter_date: letter_date.unwrap_or_default() }),
            (false, Kind::Person) => NationalId::parse(id).map(|national_id| ApplicantIdentity::Person { national_id }),
            (false, Kind::Organisation) => {
                LegalEntityId::parse(id).map(|legal_entity_id| ApplicantIdentity::Organisation { legal_entity_id })
            }
            (false, Kind::ForeignNational) => {
                ForeignNationalCode::parse(id).map(|unique_code| ApplicantIdentity::ForeignNational { unique_code })
            }
            (false, Kind::Passport) => {
                PassportNumber::parse(id).map(|passport_number| ApplicantIdentity::Passport { passport_number })
            }
        };
        let phone = if self.phone.trim().is_empty() { Ok(None) } else { Phone::parse(&self.phone).map(Some) };
        let name = crate::domain::applicant::checked_applicant_name(&self.name).map(|_| ());
        self.errors.id_number = show(identity.as_ref().map(|_| ()).map_err(Clone::clone));
        self.errors.phone = show(phone.as_ref().map(|_| ()).map_err(Clone::clone));
        // An office is named by its title, not as an applicant.
        self.errors.name = if internal && self.name.trim().is_empty() {
            Some(loc.text("gui-new-case-office-name-required", &[]))
        } else {
            show(name)
        };
        if self.errors.letter_date.is_some() {
            return None;
        }
        Applicant::new(identity.ok()?, &self.name, phone.ok()?).ok()
    }

    pub fn view<'a>(&'a self, session: &'a Session, loc: &'a Localizer) -> Element<'a, Message> {
        if let Some(code) = &self.saved {
            return self.saved(code, session, loc);
        }
        let language = loc.language();
        let service = self.service.and_then(|n| session.catalog.by_number(n));
        let mut picker: Vec<Element<'a, Message>> = vec![
            rtl::line(language, loc.text("gui-new-case-service", &[]), 16.0),
            rtl::input(language, &loc.text("gui-new-case-service-placeholder", &[]), &self.service_query)
                .id(iced::widget::Id::new(SERVICE_ID))
                .on_input(Message::ServiceQuery)
                .on_submit(Message::Submit)
                .into(),
        ];
        let rows = self
            .matches
            .iter()
            .filter_map(|&n| session.catalog.by_number(n))
            .map(|s| (s.number, service_row(s, self.service, loc)));
        picker.push(list::list(rows, 2.0).id(SERVICES_ID).into());
        if let Some(error) = &self.errors.service {
            picker.push(rtl::error(language, error));
        }
        if let Some(service) = service {
            picker.push(rtl::line(language, loc.text("gui-new-case-documents", &[]), 16.0));
            picker.extend(service.documents_fa.iter().enumerate().map(|(i, label)| {
                let ticked = self.received.get(i).copied().unwrap_or(false);
                let check = checkbox(ticked, Some(move |v| Message::Received(i, v)));
                let row = rtl::row(language, vec![check, rtl::label(language, label, 14.0)]).spacing(6);
                container(row).width(Length::Fill).align_x(rtl::start(language)).into()
            }));
        }
        // Embedded: a floating scrollbar covered the first letters of right-aligned lines.
        let left = scrollable(Column::with_children(picker).spacing(6)).spacing(6).width(Length::FillPortion(1));
        let mut right = vec![self.form(service, loc)];
        if self.discarding {
            right.push(discard_question(language, loc));
        }
        let right = container(Column::with_children(right).spacing(12)).width(Length::FillPortion(1));
        rtl::row(language, vec![left.into(), right.into()]).spacing(24).into()
    }

    fn form<'a>(&'a self, service: Option<&'a Service>, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let internal = service.is_some_and(Service::is_internal);
        let chosen = service.map_or_else(|| loc.text("gui-new-case-no-service", &[]), |s| s.sub_title_fa.clone());
        let buttons = rtl::row(
            language,
            vec![
                button(text(loc.text("gui-new-case-save", &[])).size(16))
                    .id(SAVE_ID)
                    .padding([8, 24])
                    .on_press_maybe((!self.busy).then_some(Message::Submit))
                    .into(),
                button(text(loc.text("gui-app-cancel", &[])).size(16))
                    .style(button::secondary)
                    .padding([8, 16])
                    .on_press(Message::Cancel)
                    .into(),
            ],
        )
        .spacing(8);
        let heading = if internal { "gui-new-case-requester-office" } else { "gui-new-case-applicant" };
        let mut items: Vec<Element<'a, Message>> =
            vec![rtl::line(language, loc.text(heading, &[]), 16.0), rtl::line(language, chosen, 14.0)];
        items.extend(self.identity_fields(internal, loc));
        let name_label = if internal { "gui-new-case-office-name" } else { "gui-new-case-name" };
        items.push(field(loc, name_label, &self.name, Message::Name, self.errors.name.as_deref()));
        items.push(field(loc, "gui-new-case-phone", &self.phone, Message::Phone, self.errors.phone.as_deref()));
        items.push(container(buttons).width(Length::Fill).align_x(rtl::start(language)).into());
        items.push(rtl::line(language, loc.text("gui-new-case-keys", &[]), 12.0));
        Column::with_children(items).spacing(10).into()
    }

    /// The letter's number and date for an internal service; otherwise the citizen's kind (four
    /// buttons) and the identifier that kind has.
    fn identity_fields<'a>(&'a self, internal: bool, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let id_error = self.errors.id_number.as_deref();
        if internal {
            return vec![
                field(loc, "gui-new-case-letter-number", &self.id_number, Message::IdNumber, id_error),
                field(
                    loc,
                    "gui-new-case-letter-date",
                    &self.letter_date,
                    Message::LetterDate,
                    self.errors.letter_date.as_deref(),
                ),
            ];
        }
        let kind = |kind: Kind| {
            let style = if self.kind == kind { button::primary } else { button::secondary };
            button(text(loc.text(kind.label(), &[])).size(14)).style(style).on_press(Message::Kind(kind)).into()
        };
        let kinds = rtl::row(language, Kind::ALL.into_iter().map(kind).collect()).spacing(8);
        vec![
            container(kinds).width(Length::Fill).align_x(rtl::start(language)).into(),
            field(loc, self.kind.id_label(), &self.id_number, Message::IdNumber, id_error),
        ]
    }
}

/// The citizen kinds a client-facing service's applicant is chosen among.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Person,
    Organisation,
    ForeignNational,
    Passport,
}

impl Kind {
    const ALL: [Self; 4] = [Self::Person, Self::Organisation, Self::ForeignNational, Self::Passport];

    fn label(self) -> &'static str {
        match self {
            Self::Person => "gui-new-case-person",
            Self::Organisation => "gui-new-case-organisation",
            Self::ForeignNational => "gui-new-case-foreign-national",
            Self::Passport => "gui-new-case-passport",
        }
    }

    /// The identifier field's label, which is also its box's ID.
    fn id_label(self) -> &'static str {
        match self {
            Self::Person => "gui-new-case-national-id",
            Self::Organisation => "gui-new-case-legal-entity-id",
            Self::ForeignNational => "gui-new-case-foreign-code",
            Self::Passport => "gui-new-case-passport-number",
        }
    }
}

/// Opens the case with the documents ticked at the counter, in one transaction.
fn save(session: &Session, service: &str, applicant: Applicant, received: &[bool]) -> Result<Case, StoreError> {
    let ctx = Context { actor: &session.actor, at: chrono::Utc::now(), note: None };
    let received = received.iter().enumerate().filter(|(_, r)| **r).map(|(item, _)| item).collect();
    office::open_case(&session.store, &session.catalog, NewCase { service, applicant, received }, &ctx)
}

/// Asked when Esc or Cancel would throw a filled form away.
fn discard_question<'a>(language: Language, loc: &Localizer) -> Element<'a, Message> {
    let discard = button(text(loc.text("gui-new-case-discard", &[])).size(15)).style(button::danger).on_press(Message::Discard);
    let keep = button(text(loc.text("gui-new-case-keep", &[])).size(15)).style(button::secondary).on_press(Message::Cancel);
    let buttons = container(rtl::row(language, vec![discard.into(), keep.into()]).spacing(8)).align_x(rtl::start(language));
    let question = column![rtl::line(language, loc.text("gui-new-case-discard-ask", &[]), 15.0), buttons.width(Length::Fill)];
    container(question.spacing(8)).padding(10).style(container::bordered_box).into()
}

fn service_row<'a>(service: &'a Service, chosen: Option<u32>, loc: &Localizer) -> list::Row<'a, Message> {
    let language = loc.language();
    let title = format!("{}. {}", loc.digits(&service.number.to_string()), service.sub_title_fa);
    // The ID on its own line: a Persian title with a number after it did not wrap in iced.
    let id = service.id.as_deref().map_or_else(|| loc.text("catalog-field-no-id", &[]), |id| loc.digits(id));
    let label = column![rtl::line(language, title, 14.0), rtl::line(language, id, 12.0)];
    let style = if chosen == Some(service.number) { button::primary } else { button::text };
    list::row(label, Message::Service(service.number)).style(style).width(Length::Fill)
}

fn field<'a>(
    loc: &Localizer,
    id: &'static str,
    value: &'a str,
    on_input: fn(String) -> Message,
    error: Option<&str>,
) -> Element<'a, Message> {
    let language = loc.language();
    let mut items = vec![
        rtl::line(language, loc.text(id, &[]), 14.0),
        // The box takes its label's message ID, for focus and tests.
        rtl::input(language, "", value).id(id).on_input(on_input).on_submit(Message::Submit).into(),
    ];
    if let Some(error) = error {
        items.push(rtl::error(language, error));
    }
    Column::with_children(items).spacing(4).into()
}

impl State {
    /// The tracking code, large, for the clerk to read out, and the citizen's receipt to print.
    fn saved<'a>(&'a self, code: &TrackingCode, session: &Session, loc: &Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let big = container(rtl::code(loc.digits(&code.grouped()), 56.0)).width(Length::Fill).center_x(Length::Fill);
        let ready = !self.busy;
        let mut buttons = Vec::new();
        // An office's request is answered by letter: there is no applicant to take a receipt.
        let internal = self.internal(session);
        if session.actor.role.may(RoleAction::PrintReceipt) && !internal {
            buttons.push(
                button(text(loc.text("gui-new-case-receipt", &[])).size(16))
                    .padding([8, 20])
                    .on_press_maybe(ready.then_some(Message::PrintReceipt))
                    .into(),
            );
            buttons.push(
                button(text(loc.text("gui-new-case-receipt-save", &[])).size(16))
                    .style(button::secondary)
                    .padding([8, 20])
                    .on_press_maybe(ready.then_some(Message::SaveReceipt))
                    .into(),
            );
        }
        buttons
            .push(button(text(loc.text("gui-new-case-open", &[])).size(16)).padding([8, 20]).on_press(Message::OpenSaved).into());
        buttons.push(
            button(text(loc.text("gui-new-case-another", &[])).size(16))
                .style(button::secondary)
                .padding([8, 20])
                .on_press(Message::Another)
                .into(),
        );
        let mut items: Vec<Element<'a, Message>> = vec![
            container(text(loc.text("gui-new-case-saved", &[])).size(22)).width(Length::Fill).center_x(Length::Fill).into(),
            big.into(),
            container(rtl::row(language, buttons).spacing(12)).width(Length::Fill).center_x(Length::Fill).into(),
        ];
        if internal {
            let line = text(loc.text("gui-new-case-office-reply", &[])).size(14).shaping(text::Shaping::Advanced);
            items.push(container(line).width(Length::Fill).center_x(Length::Fill).into());
        }
        if let Some(path) = &self.receipt {
            let path = rtl::ltr(&path.display().to_string());
            let line =
                text(loc.text("gui-print-written", &[("path", Arg::Text(&path))])).size(14).shaping(text::Shaping::Advanced);
            items.push(container(line).width(Length::Fill).center_x(Length::Fill).into());
        }
        if let Some(problem) = &self.problem {
            items.push(rtl::error(language, &problem.message(loc)));
        }
        if self.busy {
            items.push(
                container(text(loc.text("gui-app-working", &[])).size(14)).width(Length::Fill).center_x(Length::Fill).into(),
            );
        }
        Column::with_children(items).spacing(20).padding(40).into()
    }
}

#[cfg(test)]
mod tests {
    use iced_test::simulator::Simulator;

    use super::*;
    use crate::ui::screens::testing;
    use crate::ui::widget::sim;

    #[test]
    fn persian_input_is_checked_field_by_field_then_saved_with_its_documents() {
        let (session, _dir) = testing::session();
        let loc = Localizer::new(Language::Persian, false);
        let mut state = State::default();
        let _ = state.update(Message::ServiceQuery("اتباع".into()), &session, &loc);
        assert!(!state.matches.is_empty());
        let number = state.matches[0];
        let _ = state.update(Message::Service(number), &session, &loc);
        let _ = state.update(Message::IdNumber("۰۰۱۲۳۴۵۶۷۸".into()), &session, &loc);
        let _ = state.update(Message::Phone("۰۹۱۲".into()), &session, &loc);
        assert!(matches!(state.update(Message::Submit, &session, &loc), Action::None));
        assert_eq!(state.errors.id_number, Some(loc.text("case-error-national-id-checksum", &[])));
        assert_eq!(state.errors.name, Some(loc.text("case-error-name-missing", &[])));
        assert_eq!(state.errors.phone, Some(loc.text("case-error-phone-invalid", &[])));

        let _ = state.update(Message::IdNumber("۰۰۱۲۳۴۵۶۷۹".into()), &session, &loc);
        let _ = state.update(Message::Name("علی رضایی".into()), &session, &loc);
        let _ = state.update(Message::Phone("09121234567".into()), &session, &loc);
        let _ = state.update(Message::Received(0, true), &session, &loc);
        let applicant = state.applicant(false, &loc).unwrap_or_else(|| panic!("{:?}", state.errors));
        assert!(matches!(state.update(Message::Submit, &session, &loc), Action::Run(_)));
        // What the task runs:
        let service = session.catalog.by_number(number).map(|s| s.key.clone()).unwrap_or_default();
        let case = save(&session, &service, applicant, &state.received).unwrap_or_else(|e| panic!("{e}"));
        assert!(case.checklist[0].received);
        assert_eq!(case.history.len(), 2);
        assert_eq!(case.history[1].actor, session.actor);
        let _ = state.update(Message::Saved(Ok(case.tracking_code.clone())), &session, &loc);
        assert!(matches!(state.update(Message::Submit, &session, &loc), Action::OpenCase(code) if code == case.tracking_code));
    }

    /// An error under a field goes as soon as that field is right; the others stay.
    #[test]
    fn an_error_goes_when_its_field_becomes_valid() {
        let (session, _dir) = testing::session();
        let loc = Localizer::new(Language::English, true);
        let mut state = State::default();
        let _ = state.update(Message::IdNumber("0012345678".into()), &session, &loc);
        let _ = state.update(Message::Phone("0912".into()), &session, &loc);
        let _ = state.update(Message::Submit, &session, &loc);
        assert!(state.errors.id_number.is_some() && state.errors.name.is_some() && state.errors.phone.is_some());
        let _ = state.update(Message::IdNumber("0012345679".into()), &session, &loc);
        assert_eq!(state.errors.id_number, None);
        assert!(state.errors.name.is_some() && state.errors.phone.is_some());
        let _ = state.update(Message::Phone(String::new()), &session, &loc);
        let _ = state.update(Message::Name("Ali Rezaei".into()), &session, &loc);
        assert!(state.errors.name.is_none() && state.errors.phone.is_none());
        let error = loc.text("case-error-national-id-checksum", &[]);
        let _ = state.update(Message::IdNumber("001234567".into()), &session, &loc);
        let mut ui = Simulator::with_settings(sim::settings(), state.view(&session, &loc));
        assert!(ui.find(format!("\u{200E}{error}").as_str()).is_err(), "typing brought an error back before saving");
    }

    /// Whether the form shows the input box whose ID (its label's message ID) is `id`.
    fn shows(state: &State, session: &Session, loc: &Localizer, id: &'static str) -> bool {
        let mut ui = Simulator::with_settings(sim::settings(), state.view(session, loc));
        ui.find(iced::widget::Id::new(id)).is_ok()
    }

    #[test]
    fn an_internal_service_asks_for_the_office_letter_and_saves_an_office_request() {
        let (session, _dir) = testing::session();
        let loc = Localizer::new(Language::Persian, false);
        let service = session.catalog.find("12012154118").unwrap_or_else(|| panic!("foreign nationals, row 19")).clone();
        assert!(service.is_internal());
        let mut state = State::default();
        let _ = state.update(Message::Service(service.number), &session, &loc);
        assert!(shows(&state, &session, &loc, "gui-new-case-letter-date"));
        assert!(!shows(&state, &session, &loc, "gui-new-case-national-id"));
        // Saved empty: each field asks for what it lacks, in an office's words.
        assert!(matches!(state.update(Message::Submit, &session, &loc), Action::None));
        assert_eq!(state.errors.letter_date, Some(loc.text("gui-new-case-letter-date-required", &[])));
        assert_eq!(state.errors.name, Some(loc.text("gui-new-case-office-name-required", &[])));
        let _ = state.update(Message::IdNumber("۱۲۳/ص/۴۵".into()), &session, &loc);
        let _ = state.update(Message::LetterDate("۱۴۰۵/۱۳/۰۱".into()), &session, &loc);
        let _ = state.update(Message::Name("دفتر امور اتباع".into()), &session, &loc);
        assert!(matches!(state.update(Message::Submit, &session, &loc), Action::None));
        let bad = loc.text("case-error-bad-date", &[("date", Arg::Text("۱۴۰۵/۱۳/۰۱"))]);
        assert_eq!(state.errors.letter_date, Some(bad));
        let _ = state.update(Message::LetterDate("۱۴۰۵/۰۹/۰۱".into()), &session, &loc);
        let applicant = state.applicant(true, &loc).unwrap_or_else(|| panic!("{:?}", state.errors));
        assert_eq!((applicant.identity.kind_key(), applicant.id_number()), ("office", "123/ص/45"));
        let case = save(&session, &service.key, applicant, &state.received).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(case.step, "registered");
        // Saved: no receipt to print for an office, but where the code goes instead.
        let _ = state.update(Message::Saved(Ok(case.tracking_code)), &session, &loc);
        let says = |id: &str| {
            let mut ui = Simulator::with_settings(sim::settings(), state.view(&session, &loc));
            ui.find(loc.text(id, &[]).as_str()).is_ok()
        };
        assert!(says("gui-new-case-open") && says("gui-new-case-office-reply"));
        assert!(!says("gui-new-case-receipt") && !says("gui-new-case-receipt-save"));
    }

    #[test]
    fn a_foreign_national_is_chosen_by_a_kind_button_and_checked_by_the_unique_code() {
        let (session, _dir) = testing::session();
        let loc = Localizer::new(Language::Persian, false);
        let service = session.catalog.find("12012154100").unwrap_or_else(|| panic!("foreign nationals, row 1")).clone();
        let mut state = State::default();
        let _ = state.update(Message::Service(service.number), &session, &loc);
        assert!(shows(&state, &session, &loc, "gui-new-case-national-id"));
        let messages: Vec<Message> = {
            let mut ui = Simulator::with_settings(sim::settings(), state.view(&session, &loc));
            ui.click(loc.text("gui-new-case-foreign-national", &[]).as_str()).unwrap_or_else(|e| panic!("{e}"));
            ui.into_messages().collect()
        };
        assert!(matches!(messages.as_slice(), [Message::Kind(Kind::ForeignNational)]), "{messages:?}");
        let _ = state.update(Message::Kind(Kind::ForeignNational), &session, &loc);
        assert!(shows(&state, &session, &loc, "gui-new-case-foreign-code"));
        let _ = state.update(Message::IdNumber("12345".into()), &session, &loc);
        let _ = state.update(Message::Name("محمد نوری".into()), &session, &loc);
        assert!(matches!(state.update(Message::Submit, &session, &loc), Action::None));
        assert_eq!(state.errors.id_number, Some(loc.text("case-error-foreign-code-length", &[])));
        let _ = state.update(Message::IdNumber("۱۲۳۴ ۵۶۷۸ ۹۰۱۲".into()), &session, &loc);
        let applicant = state.applicant(false, &loc).unwrap_or_else(|| panic!("{:?}", state.errors));
        assert_eq!((applicant.identity.kind_key(), applicant.id_number()), ("foreign-national", "123456789012"));
        assert!(save(&session, &service.key, applicant, &state.received).is_ok());
    }

    #[test]
    fn after_saving_the_receipt_is_printed_with_the_tracking_code() {
        let (session, _dir) = testing::session();
        let loc = Localizer::new(Language::Persian, true);
        let mut state = State::default();
        let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
        let applicant =
            Applicant::new(ApplicantIdentity::Person { national_id }, "مریم احمدی", None).unwrap_or_else(|e| panic!("{e}"));
        let case = save(&session, "1", applicant, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(state.update(Message::PrintReceipt, &session, &loc), Action::None), "a receipt before saving");
        let _ = state.update(Message::Saved(Ok(case.tracking_code.clone())), &session, &loc);
        let label = loc.text("gui-new-case-receipt", &[]);
        let messages: Vec<Message> = {
            let mut ui = Simulator::with_settings(sim::settings(), state.view(&session, &loc));
            ui.click(label.as_str()).unwrap_or_else(|e| panic!("{e}"));
            ui.into_messages().collect()
        };
        assert!(matches!(messages.as_slice(), [Message::PrintReceipt]), "{messages:?}");
        let Action::Run(task) = state.update(Message::PrintReceipt, &session, &loc) else { panic!("no receipt task") };
        let done = testing::run(task);
        let Some(Message::ReceiptPrinted(Ok(path), true)) = done.first() else { panic!("{done:?}") };
        let expected =
            printing::data_dir(&session.store).join(printing::PRINTED_DIR).join(printing::receipt_name(&case.tracking_code));
        assert_eq!(path, &expected);
        // Showing it is the next task, not run here.
        assert!(matches!(state.update(done[0].clone(), &session, &loc), Action::Run(_)));
        assert_eq!(state.receipt.as_ref(), Some(&expected));
        let bytes = std::fs::read(&expected).unwrap_or_else(|e| panic!("{e}"));
        let Some(text) = crate::print::tests::pdftotext(&bytes) else { panic!("pdftotext is not installed") };
        let text = crate::domain::text::fold(&text);
        assert!(
            text.contains(&case.tracking_code.grouped()) && text.contains(&crate::domain::text::fold("مریم احمدی")),
            "{text}"
        );
        let path = rtl::ltr(&expected.display().to_string());
        let shown = loc.text("gui-print-written", &[("path", crate::i18n::Arg::Text(&path))]);
        let mut ui = Simulator::with_settings(sim::settings(), state.view(&session, &loc));
        ui.find(shown.as_str()).unwrap_or_else(|e| panic!("{e}"));
    }
}

//! The issue action's form, the window's side of `case issue`: validity in days, conditions,
//! which live document the issue corrects, and — when required documents are missing — the
//! district governor's reason to issue all the same. The terms are read by `domain::issued::TermsInput`, as
//! the command line reads them; an error stays under its field.

use iced::{Element, Length};

use super::Message;
use crate::domain::issued::{Serial, TermsError, TermsInput};
use crate::i18n::{Arg, Localizer};
use crate::ui::rtl;
use crate::ui::widget::radio;

/// Field IDs, for focus and tests.
pub const VALIDITY_ID: &str = "case-issue-validity";
pub const CONDITIONS_ID: &str = "case-issue-conditions";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueForm {
    pub validity: String,
    pub conditions: String,
    /// `None` issues afresh; a serial corrects that document.
    pub supersedes: Option<Serial>,
    /// What the issue may be: see `offers::issue_choices`.
    pub choices: Vec<Option<Serial>>,
    /// Required documents not received, of all; with any missing the form asks for a reason.
    pub missing: usize,
    pub total: usize,
    pub override_reason: String,
    pub error: Option<TermsError>,
}

#[derive(Debug, Clone)]
pub enum Field {
    Validity(String),
    Conditions(String),
    Supersedes(Option<Serial>),
    OverrideReason(String),
}

impl IssueForm {
    pub fn new(choices: Vec<Option<Serial>>, missing: usize, total: usize) -> Self {
        let supersedes = choices.first().copied().flatten();
        Self {
            validity: String::new(),
            conditions: String::new(),
            supersedes,
            choices,
            missing,
            total,
            override_reason: String::new(),
            error: None,
        }
    }

    pub fn set(&mut self, field: Field) {
        match field {
            Field::Validity(v) => self.validity = v,
            Field::Conditions(c) => self.conditions = c,
            Field::Supersedes(s) => self.supersedes = s,
            Field::OverrideReason(r) => self.override_reason = r,
        }
        self.error = None;
    }

    pub fn input(&self) -> TermsInput {
        TermsInput {
            validity_days: Some(self.validity.clone()),
            conditions: Some(self.conditions.clone()),
            supersedes: self.supersedes.map(|s| s.to_string()),
            missing_documents_reason: (self.missing > 0).then(|| self.override_reason.clone()),
        }
    }

    pub fn view<'a>(&'a self, loc: &Localizer, ready: bool) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let error = |wanted: fn(&TermsError) -> bool| {
            self.error.as_ref().filter(|e| wanted(e)).map(|e| rtl::error(language, &loc.terms_error(e)))
        };
        let validity = rtl::input(language, &loc.text("gui-case-issue-validity-placeholder", &[]), &self.validity)
            .id(iced::widget::Id::new(VALIDITY_ID))
            .on_input(|v| Message::IssueField(Field::Validity(v)))
            .on_submit(Message::ConfirmIssue);
        let conditions = rtl::input(language, &loc.text("gui-case-issue-conditions-placeholder", &[]), &self.conditions)
            .id(iced::widget::Id::new(CONDITIONS_ID))
            .on_input(|c| Message::IssueField(Field::Conditions(c)))
            .on_submit(Message::ConfirmIssue);
        let mut items = vec![rtl::line(language, loc.text("gui-case-issue-validity", &[]), 14.0), validity.into()];
        items.extend(error(|e| matches!(e, TermsError::BadValidity(_))));
        items.push(rtl::line(language, loc.text("gui-case-issue-conditions", &[]), 14.0));
        items.push(conditions.into());
        if self.missing > 0 {
            let count = |n: usize| Arg::Number(i64::try_from(n).unwrap_or(i64::MAX));
            let warning = loc.text("gui-case-issue-missing", &[("missing", count(self.missing)), ("total", count(self.total))]);
            items.push(rtl::error(language, &warning));
            let reason = rtl::input(language, &loc.text("gui-case-issue-override-placeholder", &[]), &self.override_reason)
                .on_input(|r| Message::IssueField(Field::OverrideReason(r)))
                .on_submit(Message::ConfirmIssue);
            items.push(reason.into());
        }
        items.push(rtl::line(language, loc.text("gui-case-issue-supersedes", &[]), 14.0));
        items.extend(self.choices.iter().map(|&choice| self.choice(choice, loc)));
        items.extend(error(|e| !matches!(e, TermsError::BadValidity(_))));
        items.push(super::form_buttons(loc, "gui-case-issue-confirm", Message::ConfirmIssue, ready));
        items
    }

    /// A radio button and its label, the button on the reading start side.
    fn choice<'a>(&self, choice: Option<Serial>, loc: &Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let label = match choice {
            None => loc.text("gui-case-issue-fresh", &[]),
            Some(serial) => loc.text("gui-case-issue-corrects", &[("serial", Arg::Text(&loc.digits(&serial.to_string())))]),
        };
        let button = radio(choice, Some(self.supersedes), |c| Message::IssueField(Field::Supersedes(c)));
        let row = rtl::row(language, vec![button, rtl::label(language, label, 14.0)]).spacing(6);
        iced::widget::container(row).width(Length::Fill).align_x(rtl::start(language)).into()
    }
}

//! The form of a decision from the county, the province or the ministry received on paper: the
//! district governor's side of `case advance --letter-number --letter-date`. The step it takes
//! was chosen by its button; the form asks for the letter's number and its Solar Hijri date.

use iced::Element;

use super::Message;
use crate::domain::calendar::JalaliDate;
use crate::domain::case::PaperLetter;
use crate::i18n::{Arg, Localizer};
use crate::ui::rtl;

/// Field ID, for focus and tests.
pub const NUMBER_ID: &str = "case-paper-number";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperForm {
    pub to: String,
    pub branch: Option<String>,
    pub number: String,
    pub date: String,
    /// The date as typed when it is not a Solar Hijri day.
    pub bad_date: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Field {
    Number(String),
    Date(String),
}

impl PaperForm {
    pub fn new(to: String, branch: Option<String>) -> Self {
        Self { to, branch, number: String::new(), date: String::new(), bad_date: None }
    }

    pub fn set(&mut self, field: Field) {
        match field {
            Field::Number(n) => self.number = n,
            Field::Date(d) => self.date = d,
        }
        self.bad_date = None;
    }

    /// The letter as typed, when its date reads as a Solar Hijri day (in any digits); the number
    /// is checked by the domain with the rest of the act.
    pub fn letter(&mut self) -> Option<PaperLetter> {
        let date = JalaliDate::parse(&self.date).and_then(JalaliDate::to_gregorian);
        if date.is_none() {
            self.bad_date = Some(self.date.clone());
        }
        date.map(|date| PaperLetter { number: self.number.clone(), date })
    }

    pub fn view<'a>(&'a self, step: &str, loc: &Localizer, ready: bool) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let heading = loc.text("gui-case-paper-heading", &[("step", Arg::Text(step))]);
        let number = rtl::input(language, &loc.text("gui-case-paper-number", &[]), &self.number)
            .id(iced::widget::Id::new(NUMBER_ID))
            .on_input(|n| Message::PaperField(Field::Number(n)))
            .on_submit(Message::ConfirmPaper);
        let date = rtl::input(language, &loc.text("gui-case-paper-date", &[]), &self.date)
            .on_input(|d| Message::PaperField(Field::Date(d)))
            .on_submit(Message::ConfirmPaper);
        let mut items = vec![rtl::line(language, heading, 14.0), number.into(), date.into()];
        if let Some(typed) = &self.bad_date {
            items.push(rtl::error(language, &loc.text("case-error-bad-date", &[("date", Arg::Text(typed))])));
        }
        items.push(super::form_buttons(loc, "gui-case-paper-confirm", Message::ConfirmPaper, ready));
        items
    }
}

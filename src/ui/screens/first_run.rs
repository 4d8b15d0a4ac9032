//! First run: the district (name and code), the administrator (name and password) and the data
//! folder. When a database exists but has no administrator (made before accounts), only the
//! administrator is asked for. The administrator then adds the office's other accounts.

use std::path::PathBuf;

use crate::ui::widget::button;
use iced::widget::{Column, container, text};
use iced::{Element, Length};

use crate::domain::account::{AccountError, UserName, check_new_password};
use crate::domain::text::normalize;
use crate::domain::tracking::TrackingCode;
use crate::i18n::{Language, Localizer};
use crate::ui::rtl;

pub struct State {
    /// False when the database is already there and only the administrator is missing.
    new_district: bool,
    district_name: String,
    district_code: String,
    user_name: String,
    password: String,
    repeat: String,
    data_dir: String,
    errors: Errors,
    busy: bool,
}

#[derive(Debug, Default)]
struct Errors {
    district_name: Option<String>,
    district_code: Option<String>,
    user_name: Option<String>,
    password: Option<String>,
    data_dir: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    DistrictName(String),
    DistrictCode(String),
    UserName(String),
    Password(String),
    Repeat(String),
    DataDir(String),
    Submit,
    /// The other language, from the switch at the top of the screen.
    SwitchLanguage,
}

#[must_use]
pub enum Action {
    None,
    /// Make the database (when `district` is given) and its administrator, in a task.
    Create {
        dir: PathBuf,
        district: Option<(String, String)>,
        administrator: String,
        password: String,
    },
    /// Show the window in the other language, before anything is saved.
    SwitchLanguage,
}

impl State {
    pub fn new(data_dir: &std::path::Path, new_district: bool) -> Self {
        Self {
            new_district,
            district_name: String::new(),
            district_code: String::new(),
            user_name: String::new(),
            password: String::new(),
            repeat: String::new(),
            data_dir: data_dir.display().to_string(),
            errors: Errors::default(),
            busy: false,
        }
    }

    /// The task failed: the form is editable again.
    pub fn failed(&mut self) {
        self.busy = false;
    }

    pub fn update(&mut self, message: Message, loc: &Localizer) -> Action {
        match message {
            Message::DistrictName(v) => self.district_name = v,
            Message::DistrictCode(v) => self.district_code = v,
            Message::UserName(v) => self.user_name = v,
            Message::Password(v) => self.password = v,
            Message::Repeat(v) => self.repeat = v,
            Message::DataDir(v) => self.data_dir = v,
            Message::Submit => return self.submit(loc),
            Message::SwitchLanguage => return Action::SwitchLanguage,
        }
        self.clear_fixed(loc);
        Action::None
    }

    /// An error under a field goes as soon as the field is right; none is added while typing.
    fn clear_fixed(&mut self, loc: &Localizer) {
        let now = self.check(loc);
        let e = &mut self.errors;
        let pairs = [
            (&mut e.district_name, now.district_name),
            (&mut e.district_code, now.district_code),
            (&mut e.user_name, now.user_name),
            (&mut e.password, now.password),
            (&mut e.data_dir, now.data_dir),
        ];
        for (shown, now) in pairs {
            *shown = shown.take().and(now);
        }
    }

    /// The district code in ASCII digits, as the store keeps it.
    fn code(&self) -> String {
        crate::domain::text::ascii_digits(&self.district_code).unwrap_or_else(|| self.district_code.clone())
    }

    /// Each field's problem, worded for the reader.
    fn check(&self, loc: &Localizer) -> Errors {
        let required = |value: &str| normalize(value).is_empty().then(|| loc.text("gui-first-run-required", &[]));
        let district_code = if !self.new_district {
            None
        } else if self.district_code.trim().is_empty() {
            required(&self.district_code)
        } else {
            TrackingCode::compose(&self.code(), 1405, 1).err().map(|e| loc.tracking_code_error(&e, &self.district_code))
        };
        Errors {
            district_name: if self.new_district { required(&self.district_name) } else { None },
            district_code,
            user_name: UserName::parse(&self.user_name).err().map(|e| loc.account_error(&e)),
            password: check_new_password(&self.password)
                .and_then(|()| if self.password == self.repeat { Ok(()) } else { Err(AccountError::PasswordsDiffer) })
                .err()
                .map(|e| loc.account_error(&e)),
            data_dir: required(&self.data_dir),
        }
    }

    fn submit(&mut self, loc: &Localizer) -> Action {
        if self.busy {
            return Action::None;
        }
        self.errors = self.check(loc);
        let e = &self.errors;
        if e.district_name.is_some()
            || e.district_code.is_some()
            || e.user_name.is_some()
            || e.password.is_some()
            || e.data_dir.is_some()
        {
            return Action::None;
        }
        self.busy = true;
        let district = self.new_district.then(|| (self.code(), self.district_name.clone()));
        let (administrator, password) = (self.user_name.clone(), self.password.clone());
        Action::Create { dir: PathBuf::from(self.data_dir.trim()), district, administrator, password }
    }

    pub fn view<'a>(&'a self, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let mut items: Vec<Element<'a, Message>> = vec![
            // The person setting up may not read Persian: the switch comes first, in the other language.
            super::language_switch(loc, Message::SwitchLanguage),
            rtl::line(language, loc.text("gui-first-run-title", &[]), 26.0),
            rtl::line(language, loc.text("gui-first-run-intro", &[]), 15.0),
        ];
        if self.new_district {
            items.push(field(
                (language, language),
                loc,
                "gui-first-run-district-name",
                &self.district_name,
                Message::DistrictName,
                self.errors.district_name.as_ref(),
            ));
            items.push(field(
                (language, language),
                loc,
                "gui-first-run-district-code",
                &self.district_code,
                Message::DistrictCode,
                self.errors.district_code.as_ref(),
            ));
        }
        items.push(field(
            (language, language),
            loc,
            "gui-first-run-user-name",
            &self.user_name,
            Message::UserName,
            self.errors.user_name.as_ref(),
        ));
        let secret = |id, value, on_input, error| {
            super::SecretField { id, value, on_input, submit: Message::Submit, masked: true, error }.view(loc)
        };
        items.push(secret("gui-first-run-password", &self.password, Message::Password, None));
        items.push(secret("gui-first-run-repeat", &self.repeat, Message::Repeat, self.errors.password.as_ref()));
        if self.new_district {
            // A path reads left to right in either language: «/tmp/gui1/», never «tmp/gui1/».
            items.push(field(
                (language, Language::English),
                loc,
                "gui-first-run-data-dir",
                &self.data_dir,
                Message::DataDir,
                self.errors.data_dir.as_ref(),
            ));
        } else {
            items.push(rtl::line(
                language,
                rtl::field(&loc.text("gui-first-run-data-dir", &[]), &rtl::ltr(&self.data_dir)),
                14.0,
            ));
        }
        let submit = button(text(loc.text("gui-first-run-submit", &[])).size(17))
            .padding([8, 24])
            .on_press_maybe((!self.busy).then_some(Message::Submit));
        items.push(container(submit).width(Length::Fill).align_x(rtl::start(language)).into());
        let form = Column::with_children(items).spacing(10).width(640);
        container(form).center_x(Length::Fill).padding(24).into()
    }
}

/// A labelled field with its error under it; Enter submits the form. The label reads in
/// `language`, the box is typed in `typed`'s direction.
fn field<'a>(
    (language, typed): (Language, Language),
    loc: &Localizer,
    id: &'static str,
    value: &'a str,
    on_input: fn(String) -> Message,
    error: Option<&'a String>,
) -> Element<'a, Message> {
    let mut items = vec![
        rtl::line(language, loc.text(id, &[]), 15.0),
        // The box takes its label's message ID, for focus and tests.
        rtl::input(typed, "", value).id(id).on_input(on_input).on_submit(Message::Submit).into(),
    ];
    if let Some(error) = error {
        items.push(rtl::error(language, error));
    }
    Column::with_children(items).spacing(4).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` reads in `language`: Persian letters and no Latin ones, or the reverse.
    fn reads_in(text: &str, language: Language) -> bool {
        let persian = text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        let latin = text.chars().any(|c| c.is_ascii_alphabetic());
        if language.is_rtl() { persian && !latin } else { latin && !persian }
    }

    /// An empty form's errors, the empty district code's included, are in the reader's language,
    /// and each goes as soon as its own field is right.
    #[test]
    fn errors_read_in_the_readers_language_and_go_when_their_field_is_right() {
        for language in Language::ALL {
            let loc = Localizer::new(language, true);
            let mut state = State::new(std::path::Path::new("/tmp/x"), true);
            assert!(matches!(state.update(Message::Submit, &loc), Action::None));
            let e = &state.errors;
            for error in [&e.district_name, &e.district_code, &e.user_name, &e.password] {
                let error = error.as_deref().unwrap_or_else(|| panic!("{language:?}: a field without its error"));
                assert!(reads_in(error, language), "{language:?}: {error:?}");
            }
            let _ = state.update(Message::DistrictCode("۱۲۳۴".into()), &loc);
            assert!(state.errors.district_code.is_none() && state.errors.district_name.is_some(), "{:?}", state.errors);
            let _ = state.update(Message::UserName("زهرا کریمی".into()), &loc);
            let _ = state.update(Message::Password("رمز عبور خوب".into()), &loc);
            assert!(state.errors.user_name.is_none() && state.errors.password.is_some(), "the repeat still differs");
            let _ = state.update(Message::Repeat("رمز عبور خوب".into()), &loc);
            assert!(state.errors.password.is_none());
            // Typing never adds an error the last submit did not show.
            let _ = state.update(Message::DataDir(String::new()), &loc);
            assert!(state.errors.data_dir.is_none());
        }
    }

    #[test]
    fn a_bad_district_code_and_missing_names_are_refused_field_by_field() {
        let loc = Localizer::new(Language::Persian, false);
        let mut state = State::new(std::path::Path::new("/tmp/x"), true);
        let _ = state.update(Message::DistrictCode("12345".into()), &loc);
        assert!(matches!(state.update(Message::Submit, &loc), Action::None));
        assert!(state.errors.district_code.is_some() && state.errors.district_name.is_some() && state.errors.user_name.is_some());
        let _ = state.update(Message::DistrictCode("۱۲۳۴".into()), &loc);
        let _ = state.update(Message::DistrictName("بخش مرکزی".into()), &loc);
        let _ = state.update(Message::UserName("زهرا کریمی".into()), &loc);
        let _ = state.update(Message::Password("رمز عبور خوب".into()), &loc);
        let _ = state.update(Message::Repeat("رمز عبور بد".into()), &loc);
        assert!(matches!(state.update(Message::Submit, &loc), Action::None));
        assert!(state.errors.password.is_some() && state.errors.user_name.is_none());
        let _ = state.update(Message::Repeat("رمز عبور خوب".into()), &loc);
        match state.update(Message::Submit, &loc) {
            Action::Create { district: Some((code, name)), administrator, password, .. } => {
                assert_eq!((code.as_str(), name.as_str(), administrator.as_str()), ("1234", "بخش مرکزی", "زهرا کریمی"));
                assert_eq!(password, "رمز عبور خوب");
            }
            _ => panic!("the form was not submitted"),
        }
    }
}

//! Fluent bundles (Persian first, English second) and the formatting of numbers for people.

mod account_errors;
mod case_errors;
mod case_events;
#[cfg(feature = "cli")]
pub mod command_line;
pub mod digits;
#[cfg(test)]
mod message_ids;
mod problems;

use std::collections::HashMap;

use crate::domain::calendar;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use unic_langid::{LanguageIdentifier, langid};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    Persian,
    English,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Persian, Language::English];

    /// The other of the two languages, as a switch offers it.
    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Language::Persian => Language::English,
            Language::English => Language::Persian,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::Persian => "fa",
            Language::English => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.split(['_', '-', '.']).next().unwrap_or_default();
        Self::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code))
    }

    pub fn is_rtl(self) -> bool {
        self == Language::Persian
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Language::Persian => langid!("fa"),
            Language::English => langid!("en"),
        }
    }
}

/// The file of the command line's help, left out of the bundles that do not show it.
const COMMAND_LINE_HELP: &str = "/command-line.ftl";

/// The messages of one language. Numbers passed as arguments are shown in that language's digits.
pub struct Localizer {
    language: Language,
    bundle: FluentBundle<FluentResource>,
    isolate: bool,
}

impl Localizer {
    /// `isolate` wraps placeables in bidi isolation marks: wanted in the GUI, not in a terminal or PDF.
    /// Fluent's marks are first-strong isolates (FSI…PDI), which the window's text engine (cosmic-text)
    /// honours: a placeable takes the direction of its first letter. A path is wrapped in a
    /// left-to-right isolate besides (`Arg::Path`), because its first letter may be Persian.
    pub fn new(language: Language, isolate: bool) -> Self {
        Self::load(language, isolate, |name| !name.ends_with(COMMAND_LINE_HELP))
    }

    /// With the command line's help besides: parsed only when a command line asks for help or is
    /// refused, not on every start.
    pub fn with_command_line_help(language: Language) -> Self {
        Self::load(language, false, |_| true)
    }

    fn load(language: Language, isolate: bool, include: impl Fn(&str) -> bool) -> Self {
        let mut bundle = FluentBundle::new_concurrent(vec![language.id()]);
        bundle.set_use_isolating(isolate);
        let prefix = format!("{}/", language.code());
        let files = crate::embedded::LOCALE_FILES.iter().filter(|(name, _)| name.starts_with(&prefix) && include(name));
        for (name, text) in files {
            // The parity test proves every embedded file parses; a broken one here is a build defect.
            match FluentResource::try_new((*text).to_owned()) {
                Ok(resource) => {
                    if let Err(errors) = bundle.add_resource(resource) {
                        tracing::error!(file = name, ?errors, "duplicate Fluent messages");
                    }
                }
                Err((_, errors)) => tracing::error!(file = name, ?errors, "broken Fluent file"),
            }
        }
        Self { language, bundle, isolate }
    }

    /// One non-isolating localizer per language for the whole process: the command line and the
    /// printed documents share it rather than parse the messages twice on each start.
    pub fn shared(language: Language) -> &'static Self {
        static PERSIAN: std::sync::OnceLock<Localizer> = std::sync::OnceLock::new();
        static ENGLISH: std::sync::OnceLock<Localizer> = std::sync::OnceLock::new();
        let cell = if language == Language::Persian { &PERSIAN } else { &ENGLISH };
        cell.get_or_init(|| Self::new(language, false))
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` with its arguments; a missing message shows its ID, so it is noticed, not hidden.
    pub fn text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, "missing Fluent message");
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, self.value(value));
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "Fluent formatting problems");
        }
        text.into_owned()
    }

    /// Digits in the language's script.
    pub fn digits(&self, text: &str) -> String {
        match self.language {
            Language::Persian => digits::to_persian(text),
            Language::English => text.to_owned(),
        }
    }

    /// An instant as an Iranian reads it: «۲ آذر ۱۴۰۵، ساعت ۱۴:۳۰», "2 Azar 1405, 14:30" — the
    /// Solar Hijri day, then the time of day in Iran. Words between the numbers keep a right-to-left
    /// line from reordering them: two bare numbers side by side («۱۴۰۵/۰۹/۰۲ ۱۴:۳۰») read time first.
    pub fn when(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        let time = self.digits(&calendar::time_at_iran(at));
        Self::shared(self.language).text("date-time", &[("date", Arg::Text(&self.day(at))), ("time", Arg::Text(&time))])
    }

    /// The Solar Hijri day in Iran at `at`: «۲ آذر ۱۴۰۵», "2 Azar 1405".
    pub fn day(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        let day = calendar::JalaliDate::at_iran(at);
        let month = self.text(&format!("date-month-{}", day.month), &[]);
        let (date, year) = (self.digits(&day.day.to_string()), self.digits(&day.year.to_string()));
        // Plain text: the parts are words and digits of one direction, and isolates around each
        // would only add invisible characters to lines that are copied and searched.
        let args = [("day", Arg::Text(&date)), ("month", Arg::Text(&month)), ("year", Arg::Text(&year))];
        Self::shared(self.language).text("date-day", &args)
    }

    fn value<'a>(&self, arg: &'a Arg<'a>) -> FluentValue<'a> {
        match arg {
            Arg::Path(s) if self.isolate => FluentValue::from(ltr_path(s)),
            Arg::Text(s) | Arg::Path(s) => FluentValue::from(*s),
            // Fluent's number formatting knows only ASCII digits, so Persian numbers go in as text
            // (Persian needs no plural forms); English keeps real numbers for its plural selectors.
            Arg::Number(n) => match self.language {
                Language::Persian => FluentValue::from(digits::to_persian(&n.to_string())),
                Language::English => FluentValue::from(*n),
            },
        }
    }
}

/// An argument to a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
    /// A file or folder path: read left to right as a whole even when a folder has a Persian name
    /// («/اسناد/داده» laid out right to left would put its slashes and folders in the wrong places).
    Path(&'a str),
}

/// Left-to-right isolate and its end (Unicode bidi algorithm, rules X5a and X6a).
const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// A path as the window shows it: a left-to-right isolate, with a left-to-right mark after each
/// separator so that two Persian folder names in a row («اسناد/داده») stay in path order instead of
/// forming one right-to-left run.
pub fn ltr_path(path: &str) -> String {
    let marked = path.replace('/', "/\u{200E}").replace('\\', "\\\u{200E}");
    format!("{LRI}{marked}{PDI}")
}

/// Every message ID and its variables, per language: what the parity test compares.
pub fn message_inventory() -> HashMap<Language, HashMap<String, Vec<String>>> {
    Language::ALL
        .into_iter()
        .map(|language| {
            let prefix = format!("{}/", language.code());
            let mut messages = HashMap::new();
            for (_, text) in crate::embedded::LOCALE_FILES.iter().filter(|(name, _)| name.starts_with(&prefix)) {
                for (id, vars) in inventory_of(text) {
                    messages.insert(id, vars);
                }
            }
            (language, messages)
        })
        .collect()
}

fn inventory_of(text: &str) -> Vec<(String, Vec<String>)> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
    fn collect(elements: &[PatternElement<&str>], vars: &mut Vec<String>) {
        for element in elements {
            if let PatternElement::Placeable { expression } = element {
                match expression {
                    Expression::Inline(InlineExpression::VariableReference { id }) => vars.push(id.name.to_owned()),
                    Expression::Select { selector, variants } => {
                        if let InlineExpression::VariableReference { id } = selector {
                            vars.push(id.name.to_owned());
                        }
                        for variant in variants {
                            collect(&variant.value.elements, vars);
                        }
                    }
                    Expression::Inline(_) => {}
                }
            }
        }
    }
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => {
                let mut vars = Vec::new();
                if let Some(value) = &m.value {
                    collect(&value.elements, &mut vars);
                }
                vars.sort();
                vars.dedup();
                Some((m.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_file_parses() {
        for (name, text) in crate::embedded::LOCALE_FILES {
            assert!(fluent_syntax::parser::parse(*text).is_ok(), "{name} does not parse");
        }
    }

    #[test]
    fn persian_and_english_have_the_same_messages_and_variables() {
        let inventory = message_inventory();
        let fa = &inventory[&Language::Persian];
        let en = &inventory[&Language::English];
        assert!(!fa.is_empty());
        for (id, vars) in fa {
            assert_eq!(en.get(id), Some(vars), "English differs from Persian for {id}");
        }
        for id in en.keys() {
            assert!(fa.contains_key(id), "{id} exists only in English");
        }
    }

    #[test]
    fn numbers_come_out_in_the_languages_digits() {
        let fa = Localizer::new(Language::Persian, false);
        let en = Localizer::new(Language::English, false);
        assert!(fa.text("catalog-count", &[("count", Arg::Number(332))]).contains("۳۳۲"));
        assert!(en.text("catalog-count", &[("count", Arg::Number(332))]).contains("332"));
        assert_eq!(fa.text("no-such-message", &[]), "no-such-message");
    }

    /// Day, month, year, then the time, in both languages and whatever the localizer isolates:
    /// 2026-11-23 11:00 UTC is 14:30 on 2 Azar 1405 in Iran.
    #[test]
    fn an_instant_reads_date_first_then_time() {
        use chrono::TimeZone;
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).single().unwrap_or_else(|| panic!("instant"));
        for isolate in [false, true] {
            assert_eq!(Localizer::new(Language::Persian, isolate).when(at), "۲ آذر ۱۴۰۵، ساعت ۱۴:۳۰");
            assert_eq!(Localizer::new(Language::English, isolate).when(at), "2 Azar 1405, 14:30");
        }
        // The evening in Iran after 20:30 UTC is the next day there.
        let late = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 21, 0, 0).single().unwrap_or_else(|| panic!("instant"));
        assert_eq!(Localizer::new(Language::English, false).when(late), "3 Azar 1405, 00:30");
    }

    /// The isolates stay in the text for the window (whose text engine honours them), and a path is
    /// isolated left to right even when its first folder is Persian; a terminal gets neither.
    #[test]
    fn a_path_is_isolated_left_to_right_inside_fluents_isolate() {
        let path = "/اسناد/داده/bakhshyar.redb";
        let error = crate::store::StoreError::NotBakhshyar(path.into());
        let window = Localizer::new(Language::Persian, true).store_error(&error);
        assert!(window.starts_with(&format!("\u{2068}{}\u{2069} ", ltr_path(path))), "{window:?}");
        assert_eq!(ltr_path(path), format!("{LRI}/\u{200E}اسناد/\u{200E}داده/\u{200E}bakhshyar.redb{PDI}"));
        let terminal = Localizer::new(Language::Persian, false).store_error(&error);
        assert!(terminal.starts_with(&format!("{path} ")), "{terminal:?}");
    }

    #[test]
    fn language_codes_from_the_environment() {
        assert_eq!(Language::from_code("fa_IR.UTF-8"), Some(Language::Persian));
        assert_eq!(Language::from_code("en-US"), Some(Language::English));
        assert_eq!(Language::from_code("de"), None);
    }
}

//! One module per screen, each with State / Message / `Action` for the parent / update / view.
//! Only `app` switches between them.

pub mod case;
pub mod catalog;
pub mod counter;
pub mod first_run;
pub mod login;
pub mod new_case;
pub mod recovery;
pub mod settings;
pub mod sync;

use std::sync::Arc;

use crate::domain::case::Case;
use crate::domain::catalog::Catalog;
use crate::domain::role::Actor;
use crate::i18n::Localizer;
use crate::store::{Database, StoreError};

/// What every working screen needs: the open store, the catalogue and who is acting.
/// Cheap to clone into a task: store calls run there, never in `update`.
#[derive(Debug, Clone)]
pub struct Session {
    pub store: Arc<Database>,
    pub catalog: Arc<Catalog>,
    /// Recorded as the actor of every event this window writes.
    pub actor: Actor,
}

impl Session {
    /// The catalogue version `case` was opened under: the session's when it is that one, else the
    /// version the store holds, else the built-in catalogue's unit of the service (a case opened
    /// before any version came down). The store's commands pick the same version (`store::write`).
    pub fn catalog_of(&self, case: &Case) -> Result<Arc<Catalog>, StoreError> {
        if case.catalog_version == self.catalog.version {
            return Ok(self.catalog.clone());
        }
        if let Some(stored) = self.store.catalog_version(&case.catalog_version)? {
            return Ok(Arc::new(stored));
        }
        Ok(crate::catalog_data::embedded_unit(&case.service_key).map_or_else(|_| self.catalog.clone(), Arc::new))
    }
}

/// A labelled box for a password or a recovery code (masked when `masked`), its error under it;
/// Enter sends `submit`. The box takes its label's message ID, for focus and tests.
pub struct SecretField<'a, Message> {
    pub id: &'static str,
    pub value: &'a str,
    pub on_input: fn(String) -> Message,
    pub submit: Message,
    pub masked: bool,
    pub error: Option<&'a String>,
}

impl<'a, Message: Clone + 'a> SecretField<'a, Message> {
    pub fn view(self, loc: &Localizer) -> iced::Element<'a, Message> {
        let input = iced::widget::text_input("", self.value)
            .id(self.id)
            .secure(self.masked)
            .on_input(self.on_input)
            .on_submit(self.submit)
            .padding(8)
            .size(16);
        let mut items = vec![crate::ui::rtl::line(loc.language(), loc.text(self.id, &[]), 14.0), input.into()];
        if let Some(error) = self.error {
            items.push(crate::ui::rtl::error(loc.language(), error));
        }
        iced::widget::Column::with_children(items).spacing(4).into()
    }
}

/// The switch to the other language, at the top of the screens shown before anyone logs in: the
/// person there may not read the current one, so it is worded in the other and placed at its start.
pub fn language_switch<'a, Message: Clone + 'a>(loc: &Localizer, message: Message) -> iced::Element<'a, Message> {
    let switch = crate::ui::widget::button(iced::widget::text(loc.text("app-switch-language", &[])).size(14))
        .style(crate::ui::widget::button::secondary)
        .on_press(message);
    iced::widget::container(switch).width(iced::Length::Fill).align_x(crate::ui::rtl::start(loc.language().other())).into()
}

/// A count for a Fluent message.
pub fn count(n: usize) -> crate::i18n::Arg<'static> {
    crate::i18n::Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

#[cfg(test)]
pub mod testing {
    use super::*;
    use crate::domain::role::Role;
    use crate::domain::tracking::TrackingCode;

    /// A session on a new store in a temporary folder (kept alive by the returned guard), its
    /// `office.toml` naming the county and province the letterhead needs.
    pub fn session() -> (Session, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = Database::create(dir.path(), "1234", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
        let office =
            crate::print::office_file::OfficeFile {
                county: "آوج".into(), province: "قزوین".into(), ..Default::default()
            };
        office.write(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let catalog = crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let actor = Actor { user_id: "user-1".into(), name: "زهرا کریمی".into(), role: Role::Clerk };
        (Session { store: Arc::new(db), catalog: Arc::new(catalog), actor }, dir)
    }

    /// A case of `service` opened for a person, by the session's user.
    pub fn open_case(session: &Session, service: &str, id: &str, name: &str) -> crate::domain::case::Case {
        use crate::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
        let national_id = NationalId::parse(id).unwrap_or_else(|e| panic!("{e}"));
        let applicant = Applicant::new(ApplicantIdentity::Person { national_id }, name, None).unwrap_or_else(|e| panic!("{e}"));
        let ctx = crate::domain::case::Context { actor: &session.actor, at: chrono::Utc::now(), note: None };
        session.store.open_case(&session.catalog, service, applicant, &ctx).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Moves the case on as the session's user, or as the hub's decision at a step of the county or
    /// province (which no district role takes).
    pub fn advance(session: &Session, code: &TrackingCode, to: &str, branch: Option<&str>) -> crate::domain::case::Case {
        let case = session.store.case(code).unwrap_or_else(|e| panic!("{e}"));
        let workflow = &session.catalog.find(&case.service_key).unwrap_or_else(|| panic!("service")).workflow;
        let hub = crate::domain::role::hub_decision();
        let actor = if case.upstream_office(workflow).is_some() { &hub } else { &session.actor };
        let ctx = crate::domain::case::Context { actor, at: chrono::Utc::now(), note: None };
        session.store.advance(&session.catalog, code, to, branch, &ctx).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The messages a task produces, run here to its end (store and print calls; never a dialog).
    pub fn run<Message: Send + 'static>(task: iced::Task<Message>) -> Vec<Message> {
        use iced_test::futures::futures::{StreamExt, executor};
        let Some(stream) = iced_test::runtime::task::into_stream(task) else { return Vec::new() };
        executor::block_on(stream.collect::<Vec<_>>())
            .into_iter()
            .filter_map(|action| match action {
                iced_test::runtime::Action::Output(message) => Some(message),
                _ => None,
            })
            .collect()
    }
}

//! Account errors, refused acts and the office's acts as people read them, through Fluent.

use super::case_errors::{code_point, count};
use super::{Arg, Localizer};
use crate::domain::account::{AccountError, LOGIN_ROLES, OfficeActKind};
use crate::domain::role::{Action, Role};
use crate::domain::text::TextFault;

impl Localizer {
    pub fn account_error(&self, error: &AccountError) -> String {
        let t = |id: &str, args: &[(&str, Arg<'_>)]| self.text(id, args);
        match error {
            AccountError::UnknownUser(name) => t("account-error-unknown-user", &[("name", Arg::Text(name))]),
            AccountError::Disabled(name) => t("account-error-disabled", &[("name", Arg::Text(name))]),
            AccountError::WrongPassword => t("account-error-wrong-password", &[]),
            AccountError::Throttled { seconds } => t("account-error-throttled", &[("seconds", Arg::Number(*seconds))]),
            AccountError::NoPassword(name) => t("account-error-no-password", &[("name", Arg::Text(name))]),
            AccountError::NameTaken(name) => t("account-error-name-taken", &[("name", Arg::Text(name))]),
            AccountError::BadName(TextFault::TooLong { length, max }) => {
                t("account-error-name-too-long", &[("length", count(*length)), ("max", count(*max))])
            }
            AccountError::BadName(TextFault::Control(c) | TextFault::BidiControl(c)) => {
                t("account-error-name-character", &[("char", Arg::Text(&code_point(*c)))])
            }
            AccountError::NameWithoutLetter => t("account-error-name-without-letter", &[]),
            AccountError::WeakPassword { min } => t("account-error-weak-password", &[("min", count(*min))]),
            AccountError::PasswordsDiffer => t("account-error-passwords-differ", &[]),
            AccountError::NotPermitted { role, action } => self.not_permitted(*role, *action),
            AccountError::LastAdministrator => t("account-error-last-administrator", &[]),
            AccountError::NotALoginRole => t("account-error-not-a-login-role", &[]),
            AccountError::WrongRecoveryCode => t("account-error-wrong-recovery-code", &[]),
            AccountError::NoAccounts => t("account-error-no-accounts", &[]),
        }
    }

    /// Why `role` may not take `action`: the act, and the roles that may.
    pub fn not_permitted(&self, role: Role, action: Action) -> String {
        let allowed: Vec<String> =
            LOGIN_ROLES.into_iter().filter(|r| r.may(action)).map(|r| self.text(&format!("role-{}", r.key()), &[])).collect();
        let role = self.text(&format!("role-{}", role.key()), &[]);
        let act = self.text(&format!("action-{}", action.key().replace('_', "-")), &[]);
        let allowed = allowed.join(self.text("list-separator", &[]).as_str());
        self.text(
            "account-error-not-permitted",
            &[("role", Arg::Text(&role)), ("action", Arg::Text(&act)), ("allowed", Arg::Text(&allowed))],
        )
    }

    /// An act of the office, as a line of the record.
    pub fn office_act(&self, kind: OfficeActKind) -> String {
        self.text(&format!("office-act-{}", kind.key().replace('_', "-")), &[])
    }
}

//! Case and applicant errors as people read them, through Fluent: shared by the CLI and the GUI.
//! The store's and sync's errors are worded beside them (`store/error.rs`, `sync/words.rs`).

use super::{Arg, Localizer};
use crate::domain::applicant::ApplicantError;
use crate::domain::case::CaseError;
use crate::domain::issued::{MAX_VALIDITY_DAYS, TermsError};
use crate::domain::tracking::TrackingCodeError;

impl Localizer {
    pub fn terms_error(&self, error: &TermsError) -> String {
        match error {
            TermsError::BadValidity(days) => {
                let max = Arg::Number(i64::from(MAX_VALIDITY_DAYS));
                self.text("issue-error-bad-validity", &[("days", Arg::Text(days)), ("max", max)])
            }
            TermsError::BadSerial(serial) => self.text("issue-error-bad-serial", &[("serial", Arg::Text(serial))]),
        }
    }

    pub fn case_error(&self, error: &CaseError) -> String {
        let t = |id: &str, args: &[(&str, Arg<'_>)]| self.text(id, args);
        match error {
            CaseError::Closed => t("case-error-closed", &[]),
            CaseError::NoSuchStep(step) => t("case-error-no-such-step", &[("step", Arg::Text(step))]),
            CaseError::NoTransition { from, to } => {
                t("case-error-no-transition", &[("from", Arg::Text(from)), ("to", Arg::Text(to))])
            }
            CaseError::BranchRequired(step) => t("case-error-branch-required", &[("step", Arg::Text(step))]),
            CaseError::WrongBranch { decision, label, to } => {
                t("case-error-wrong-branch", &[("step", Arg::Text(decision)), ("label", Arg::Text(label)), ("to", Arg::Text(to))])
            }
            CaseError::BranchNotExpected(step) => t("case-error-branch-not-expected", &[("step", Arg::Text(step))]),
            CaseError::NotPermitted { role, action } => self.not_permitted(*role, *action),
            CaseError::NoChecklistItem(item) => {
                t("case-error-no-checklist-item", &[("item", Arg::Number(i64::try_from(*item).unwrap_or(i64::MAX)))])
            }
            CaseError::EmptyNote => t("case-error-empty-note", &[]),
            CaseError::TextTooLong { field, length, max } => t(
                "case-error-text-too-long",
                &[("field", Arg::Text(field.key())), ("length", count(*length)), ("max", count(*max))],
            ),
            CaseError::TextControlCharacter { field, character } => t(
                "case-error-text-control-character",
                &[("field", Arg::Text(field.key())), ("char", Arg::Text(&code_point(*character)))],
            ),
            CaseError::TextBidiControl { field, character } => t(
                "case-error-text-bidi-control",
                &[("field", Arg::Text(field.key())), ("char", Arg::Text(&code_point(*character)))],
            ),
            CaseError::IssuesNoDocument(_) => t("issue-error-issues-no-document", &[]),
            CaseError::NotAtIssuingStep(step) => t("issue-error-not-at-issuing-step", &[("step", Arg::Text(step))]),
            CaseError::AlreadyIssued(serial) => t("issue-error-already-issued", &[("serial", Arg::Text(&serial.to_string()))]),
            CaseError::NoIssuedDocument => t("issue-error-no-document", &[]),
            CaseError::UnknownSerial(serial) => t("issue-error-unknown-serial", &[("serial", Arg::Text(&serial.to_string()))]),
            CaseError::Revoked(serial) => t("issue-error-revoked", &[("serial", Arg::Text(&serial.to_string()))]),
            CaseError::Superseded(old, new) => {
                t("issue-error-superseded", &[("serial", Arg::Text(&old.to_string())), ("newer", Arg::Text(&new.to_string()))])
            }
            CaseError::DuplicateRequired(serial) => {
                t("issue-error-duplicate-required", &[("serial", Arg::Text(&serial.to_string()))])
            }
            CaseError::EmptyReason => t("issue-error-empty-reason", &[]),
            CaseError::SameCatalog(version) => t("case-error-same-catalog", &[("version", Arg::Text(version))]),
            CaseError::NotInCatalog { version, step, .. } => {
                t("case-error-not-in-catalog", &[("version", Arg::Text(version)), ("step", Arg::Text(step))])
            }
            CaseError::UpstreamStep { step, office } => {
                let office = t(&format!("office-{}", office.key()), &[]);
                t("case-error-upstream-step", &[("step", Arg::Text(step)), ("office", Arg::Text(&office))])
            }
            CaseError::NotUpstreamStep(step) => t("case-error-not-upstream-step", &[("step", Arg::Text(step))]),
            CaseError::EmptyLetterNumber => t("case-error-empty-letter-number", &[]),
            CaseError::CitizenOnInternalService(service) => {
                t("case-error-citizen-on-internal-service", &[("service", Arg::Text(service))])
            }
            CaseError::OfficeOnClientService(service) => {
                t("case-error-office-on-client-service", &[("service", Arg::Text(service))])
            }
            CaseError::DocumentsMissing { missing, total } => {
                let count = |n: &usize| Arg::Number(i64::try_from(*n).unwrap_or(i64::MAX));
                t("case-error-documents-missing", &[("missing", count(missing)), ("total", count(total))])
            }
            CaseError::ForeignEvent(_) | CaseError::HistoryWithoutOpening | CaseError::NoStart => {
                t("case-error-history", &[("detail", Arg::Text(&error.to_string()))])
            }
        }
    }

    pub fn applicant_error(&self, error: &ApplicantError) -> String {
        let id = match error {
            ApplicantError::NationalIdLength => "case-error-national-id-length",
            ApplicantError::NationalIdChecksum => "case-error-national-id-checksum",
            ApplicantError::LegalEntityIdLength => "case-error-legal-entity-id-length",
            ApplicantError::LegalEntityIdChecksum => "case-error-legal-entity-id-checksum",
            ApplicantError::NameMissing => "case-error-name-missing",
            ApplicantError::PhoneInvalid => "case-error-phone-invalid",
            ApplicantError::ForeignCodeLength => "case-error-foreign-code-length",
            ApplicantError::ForeignCodePlaceholder => "case-error-foreign-code-placeholder",
            ApplicantError::PassportInvalid => "case-error-passport-invalid",
            ApplicantError::LetterNumberMissing => "case-error-letter-number-missing",
            ApplicantError::NameWithoutLetter => "case-error-name-without-letter",
            ApplicantError::NameTooLong { length, max } => {
                return self.text("case-error-name-too-long", &[("length", count(*length)), ("max", count(*max))]);
            }
            ApplicantError::NameControlCharacter(c) => {
                return self.text("case-error-name-control-character", &[("char", Arg::Text(&code_point(*c)))]);
            }
            ApplicantError::NameBidiControl(c) => {
                return self.text("case-error-name-bidi-control", &[("char", Arg::Text(&code_point(*c)))]);
            }
            ApplicantError::LetterNumberInvalid { max } => {
                return self.text("case-error-letter-number-invalid", &[("max", count(*max))]);
            }
        };
        self.text(id, &[])
    }

    pub fn tracking_code_error(&self, error: &TrackingCodeError, input: &str) -> String {
        match error {
            TrackingCodeError::DistrictCode => self.text("store-error-district-code", &[("code", Arg::Text(input))]),
            TrackingCodeError::SequenceOverflow => self.text("store-error-sequence-exhausted", &[]),
            TrackingCodeError::Length | TrackingCodeError::Checksum => {
                self.text("case-error-bad-tracking-code", &[("code", Arg::Text(input))])
            }
        }
    }
}

/// A character as `U+202E`: the refused characters are invisible, or act when shown.
pub(super) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

pub(super) fn count(n: usize) -> Arg<'static> {
    Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

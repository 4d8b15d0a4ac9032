//! Issued documents (مجوز، پروانه، گواهی، …): the life of what the citizen takes home.
//!
//! A document is *issued* with a serial number, *printed* (the first copy is the original, every
//! later copy a duplicate «المثنی»), *revoked* with a reason, or *corrected* by a new issue that
//! supersedes it. Each is a case event; nothing is ever deleted.
//!
//! **When a case may be issued**: it is open and stands at an *issuing step* of its workflow — a
//! task whose id is `issue` (the generic workflow's last step) or whose label speaks of issuing
//! (contains «صدور», or «رسید ثبت» for a registration record); in a workflow with no such task, the tasks that lead straight to an end
//! (there the document is handed over: «اهدای اعتبارنامه…», «ابلاغ موافقت…»). That rule, not a
//! hand-made list, covers the transcribed workflows; a test over the catalogue proves every
//! service that issues a document has such a step. A correction needs
//! no particular step (the case is usually closed by then): it supersedes a live document.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::catalog::IssuedDocumentKind;
use super::role::Actor;
use super::text::fold;
use super::workflow::{Node, NodeKind, Workflow};
use crate::signing::{DistrictKey, PublicKey, hex, unhex_64};

/// The id of the generic workflow's issuing step.
pub const ISSUE_STEP_ID: &str = "issue";

/// Folded words of a step that hands the document over: «صدور» (issuing), and «رسید ثبت»
/// (a registration record, which the election registrations hand over mid-way, «… ارائه‌ی رسید
/// ثبت نام»).
const ISSUING_WORDS: [&str; 2] = ["\u{635}\u{62f}\u{648}\u{631}", "\u{631}\u{633}\u{6cc}\u{62f} \u{62b}\u{628}\u{62a}"];

/// A serial number: unique per district, gap-free within a Solar Hijri year (`1405-000012`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Serial {
    pub year: u16,
    pub number: u32,
}

impl Serial {
    /// Reads `1405-000012` (any digit script; the zeros are optional).
    pub fn parse(text: &str) -> Option<Self> {
        let folded = fold(text.trim());
        let (year, number) = folded.split_once('-')?;
        let year = year.parse().ok().filter(|y| (1300..=1999).contains(y))?;
        let number = number.parse().ok().filter(|n| *n > 0)?;
        Some(Self { year, number })
    }
}

impl fmt::Display for Serial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:06}", self.year, self.number)
    }
}

/// The first word of what a document's signature covers, and of its QR code.
pub const CODE_PREFIX: &str = "BKY1";

/// The fields a document's signature covers: the district signs (Ed25519)
/// `BKY1|district|serial|case|kind|applicant-id`. The QR code carries them and the whole
/// signature; the short code its first letters (`print::verify`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Essentials {
    pub district: String,
    pub serial: Serial,
    pub case: String,
    pub kind: IssuedDocumentKind,
    pub applicant_id: String,
}

impl Essentials {
    /// The bytes signed.
    pub fn message(&self) -> String {
        format!("{CODE_PREFIX}|{}|{}|{}|{}|{}", self.district, self.serial, self.case, self.kind.key(), self.applicant_id)
    }

    /// The district's signature (Ed25519 is deterministic: the same document, the same signature).
    pub fn sign(&self, key: &DistrictKey) -> [u8; 64] {
        key.sign(self.message().as_bytes())
    }

    /// Whether `signature` is `key`'s over these fields.
    pub fn signed_by(&self, key: &PublicKey, signature: &[u8; 64]) -> bool {
        key.verify(self.message().as_bytes(), signature).is_ok()
    }
}

/// A document's signature as the issue event keeps it (`EventKind::DocumentIssued`), so the
/// province hub, which has the district's public key but not its private one, can check a short
/// code's letters. Written as 128 hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DocumentSignature(pub [u8; 64]);

impl DocumentSignature {
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    pub fn from_hex(text: &str) -> Option<Self> {
        unhex_64(text).map(Self)
    }
}

impl fmt::Debug for DocumentSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DocumentSignature").field(&self.to_hex()).finish()
    }
}

impl Serialize for DocumentSignature {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for DocumentSignature {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_hex(&text).ok_or_else(|| serde::de::Error::custom("a document signature is 128 hexadecimal digits"))
    }
}

/// What the signer decides beside the document itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueTerms {
    pub valid_until: Option<DateTime<Utc>>,
    pub conditions: Option<String>,
    /// The document this issue corrects.
    pub supersedes: Option<Serial>,
    /// Why the district governor issues although required documents are missing; without it such
    /// an issue is refused.
    pub missing_documents_reason: Option<String>,
}

/// Required documents missing when the document was issued, and the district governor's reason
/// for issuing all the same: part of the record, and an exception the counter lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentsOverride {
    /// The checklist items (from 0) not received.
    pub missing: Vec<usize>,
    pub reason: String,
}

/// The signer's terms as a person gives them — typed into the window's issue form or passed to
/// `case issue` — before they are checked: both read them with `terms`, so they agree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermsInput {
    /// Whole days from the issue, in any digit script; blank for no end.
    pub validity_days: Option<String>,
    pub conditions: Option<String>,
    /// The serial of the document this issue corrects; blank for a first issue.
    pub supersedes: Option<String>,
    /// Why the document is issued with required documents missing (the district governor's).
    pub missing_documents_reason: Option<String>,
}

/// Why the terms as given cannot be read; each names its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TermsError {
    #[error("validity «{0}» is not a whole number of days from 1 to {MAX_VALIDITY_DAYS}")]
    BadValidity(String),
    #[error("«{0}» is not a serial number such as 1405-000012")]
    BadSerial(String),
}

/// A hundred years: beyond it a typed number is a mistake, not a term.
pub const MAX_VALIDITY_DAYS: u32 = 36_500;

impl TermsInput {
    /// The terms of an issue made at `now`: the validity runs from then.
    pub fn terms(self, now: DateTime<Utc>) -> Result<IssueTerms, TermsError> {
        let given = |field: Option<String>| field.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let days = given(self.validity_days)
            .map(|text| {
                let ascii: Option<String> = text.chars().map(super::text::ascii_digit).collect();
                ascii
                    .and_then(|a| a.parse::<u32>().ok())
                    .filter(|d| (1..=MAX_VALIDITY_DAYS).contains(d))
                    .ok_or(TermsError::BadValidity(text))
            })
            .transpose()?;
        let supersedes = given(self.supersedes).map(|s| Serial::parse(&s).ok_or(TermsError::BadSerial(s))).transpose()?;
        Ok(IssueTerms {
            valid_until: days.map(|d| now + chrono::Duration::days(i64::from(d))),
            conditions: given(self.conditions),
            supersedes,
            missing_documents_reason: given(self.missing_documents_reason),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub at: DateTime<Utc>,
    pub by: Actor,
    pub reason: String,
}

/// An issued document as its events leave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedDocument {
    pub serial: Serial,
    pub kind: IssuedDocumentKind,
    pub issued_at: DateTime<Utc>,
    /// The district governor who signed.
    pub signer: Actor,
    pub valid_until: Option<DateTime<Utc>>,
    pub conditions: Option<String>,
    pub supersedes: Option<Serial>,
    pub superseded_by: Option<Serial>,
    /// Issued with required documents missing, on the district governor's reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents_override: Option<DocumentsOverride>,
    /// Copies printed so far; the first is the original.
    pub copies: u32,
    pub revoked: Option<Revocation>,
}

impl IssuedDocument {
    /// Neither revoked nor replaced by a correction: the one that may be printed.
    pub fn is_live(&self) -> bool {
        self.revoked.is_none() && self.superseded_by.is_none()
    }
}

/// Whether `node` names or describes issuing: id `issue`, or «صدور» in its label.
fn speaks_of_issuing(node: &Node) -> bool {
    node.kind == NodeKind::Task
        && (node.id == ISSUE_STEP_ID || ISSUING_WORDS.iter().any(|word| fold(&node.label_fa).contains(word)))
}

/// The issuing steps of a workflow (see the module's rule), in the order they are declared.
pub fn issuing_steps(workflow: &Workflow) -> Vec<&Node> {
    let named: Vec<&Node> = workflow.nodes.iter().filter(|n| speaks_of_issuing(n)).collect();
    if !named.is_empty() {
        return named;
    }
    let leads_to_end =
        |node: &Node| workflow.outgoing(&node.id).any(|e| workflow.node(&e.to).is_some_and(|to| to.kind == NodeKind::End));
    workflow.nodes.iter().filter(|n| n.kind == NodeKind::Task && leads_to_end(n)).collect()
}

/// Whether the case may be issued at step `step` of `workflow`.
pub fn is_issuing_step(workflow: &Workflow, step: &str) -> bool {
    issuing_steps(workflow).iter().any(|n| n.id == step)
}

#[cfg(test)]
mod tests {
    #[test]
    fn terms_read_days_in_any_digits_and_name_the_field_at_fault() {
        use chrono::TimeZone;
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).single().unwrap_or_else(|| panic!("instant"));
        let input = |days: &str, serial: &str| TermsInput {
            validity_days: Some(days.into()),
            conditions: Some("  فقط در ساعات اداری ".into()),
            supersedes: Some(serial.into()),
            missing_documents_reason: None,
        };
        let terms = input(" ۳۰ ", "۱۴۰۵-۱۲").terms(now).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(terms.valid_until, Some(now + chrono::Duration::days(30)));
        assert_eq!(terms.conditions.as_deref(), Some("فقط در ساعات اداری"));
        assert_eq!(terms.supersedes, Serial::parse("1405-000012"));
        assert_eq!(input("30", " ").terms(now).map(|t| t.supersedes), Ok(None));
        assert_eq!(TermsInput::default().terms(now), Ok(IssueTerms::default()));
        for bad in ["0", "-3", "30 روز", "1.5", "36501"] {
            assert_eq!(input(bad, "").terms(now), Err(TermsError::BadValidity(bad.into())), "{bad}");
        }
        assert_eq!(input("30", "12").terms(now), Err(TermsError::BadSerial("12".into())));
    }

    use super::*;

    #[test]
    fn serials_read_back_in_any_digit_script() {
        let serial = Serial { year: 1405, number: 12 };
        assert_eq!(serial.to_string(), "1405-000012");
        assert_eq!(Serial::parse("1405-000012"), Some(serial));
        assert_eq!(Serial::parse("۱۴۰۵-۱۲"), Some(serial));
        assert_eq!(Serial::parse("1405-0"), None);
        assert_eq!(Serial::parse("12"), None);
    }

    #[test]
    fn issuing_steps_are_found_by_id_or_by_their_words() {
        let node = |id: &str, kind, label: &str| Node {
            id: id.into(),
            kind,
            label_fa: label.into(),
            actor: None,
            time_limit_days: None,
            time_limit_fa: None,
            inferred: false,
        };
        assert!(speaks_of_issuing(&node("issue", NodeKind::Task, "انجام خدمت")));
        assert!(speaks_of_issuing(&node("t9", NodeKind::Task, "صدور گواهینامه")));
        assert!(!speaks_of_issuing(&node("t1", NodeKind::Task, "بررسی مدارک")));
        assert!(speaks_of_issuing(&node("t5", NodeKind::Task, "نهایی کردن ثبت نام داوطلب و ارائه‌ی رسید ثبت‌نام")));
        assert!(!speaks_of_issuing(&node("t6", NodeKind::Task, "رسیدگی به ثبت اعتراض")));
        assert!(!speaks_of_issuing(&node("d1", NodeKind::Decision, "صدور مجوز؟")));
        // Without a named step, the tasks that lead straight to an end issue.
        let sample = crate::domain::workflow::tests::sample();
        let ids: Vec<&str> = issuing_steps(&sample).iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["t2"]);
    }

    #[test]
    fn every_service_that_issues_a_document_has_an_issuing_step() {
        let catalog = crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let without: Vec<&str> = catalog
            .services
            .iter()
            .filter(|s| s.issues_document.is_some() && issuing_steps(&s.workflow).is_empty())
            .map(|s| s.key.as_str())
            .collect();
        assert!(without.is_empty(), "{without:?}");
        assert!(catalog.services.iter().any(|s| s.issues_document.is_some()));
    }

    /// The body of a document names what it grants from `grant_fa`: without it, the title's
    /// «صدور مجوز …» would be repeated after the document's own name.
    #[test]
    fn every_service_that_issues_a_document_names_what_it_grants_and_every_kind_is_used() {
        let catalog = crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let issuing = || catalog.services.iter().filter(|s| s.issues_document.is_some());
        let unnamed: Vec<&str> = issuing().filter(|s| s.grant_fa.is_none()).map(|s| s.key.as_str()).collect();
        assert!(unnamed.is_empty(), "{unnamed:?}");
        let repeated: Vec<&str> = issuing()
            .filter(|s| s.grant_fa.as_deref().is_some_and(|g| fold(g).contains(ISSUING_WORDS[0])))
            .map(|s| s.key.as_str())
            .collect();
        assert!(repeated.is_empty(), "{repeated:?}");
        for kind in IssuedDocumentKind::ALL {
            assert!(issuing().any(|s| s.issues_document == Some(kind)), "no service issues a {}", kind.key());
        }
    }
}

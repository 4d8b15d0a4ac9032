//! The governorate's service catalogue: units, services and their workflows.

use serde::{Deserialize, Serialize};

use super::text::fold;
use super::workflow::Workflow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Exclusive,
    General,
    Shared,
}

impl ServiceKind {
    pub fn key(self) -> &'static str {
        match self {
            Self::Exclusive => "exclusive",
            Self::General => "general",
            Self::Shared => "shared",
        }
    }
}

/// The kind of document a service hands to the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuedDocumentKind {
    Permit,
    Licence,
    Certificate,
    Card,
    IntroductionLetter,
    Slip,
    Credential,
    /// حکم: a decree appointing or deciding.
    Decree,
    /// موافقت‌نامه / تأییدیه: an approval of what was asked.
    Approval,
    /// نامه: an official letter, a written reply or a notice.
    OfficialLetter,
    /// رسید ثبت‌نام: the record that a registration was received.
    RegistrationRecord,
}

impl IssuedDocumentKind {
    pub const ALL: [Self; 11] = [
        Self::Permit,
        Self::Licence,
        Self::Certificate,
        Self::Card,
        Self::IntroductionLetter,
        Self::Slip,
        Self::Credential,
        Self::Decree,
        Self::Approval,
        Self::OfficialLetter,
        Self::RegistrationRecord,
    ];

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Permit => "permit",
            Self::Licence => "licence",
            Self::Certificate => "certificate",
            Self::Card => "card",
            Self::IntroductionLetter => "introduction_letter",
            Self::Slip => "slip",
            Self::Credential => "credential",
            Self::Decree => "decree",
            Self::Approval => "approval",
            Self::OfficialLetter => "official_letter",
            Self::RegistrationRecord => "registration_record",
        }
    }
}

/// Why a service the booklet counts is missing from the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceReason {
    /// The unit's list table stops before its row, and no title, document list or diagram in the
    /// booklet is left that could be its.
    NoTrace,
}

impl AbsenceReason {
    pub const ALL: [Self; 1] = [Self::NoTrace];

    pub fn key(self) -> &'static str {
        match self {
            Self::NoTrace => "no_trace",
        }
    }
}

/// A service the booklet counts for a unit but the catalogue cannot list, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsentService {
    /// The row it would have in the unit's list.
    pub row: u32,
    pub reason: AbsenceReason,
    /// What the booklet shows (or lacks) about it, in its own words.
    pub note_fa: String,
}

/// A unit of the governorate that owns services (a bureau or directorate of a deputy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub slug: String,
    pub deputy_fa: String,
    pub unit_fa: String,
    /// The count the booklet's heading states; the services list may differ, with notes.
    pub booklet_count: u32,
    pub notes_fa: Vec<String>,
    /// The services the booklet counts that have no trace left to list them by.
    #[serde(default)]
    pub absent: Vec<AbsentService>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Stable key `unit-slug/row`, for services with and without an official ID.
    pub key: String,
    /// The service's number in the whole catalogue, 1-based: the first edition's 325 services are
    /// numbered in booklet order; a service added later carries its own number after those, so
    /// no number already handed out moves.
    pub number: u32,
    pub unit_slug: String,
    /// Row number within the unit's list.
    pub row: u32,
    pub id: Option<String>,
    pub title_fa: String,
    pub title_id: Option<String>,
    pub sub_title_fa: String,
    /// `None` when the booklet does not print the service's row, so its kind is not known.
    pub kind: Option<ServiceKind>,
    /// `None` when the booklet does not print the service's row.
    pub has_client: Option<bool>,
    pub issues_document: Option<IssuedDocumentKind>,
    /// What the issued document grants, as its body names it («برگزاری تجمعات در استان»), where
    /// the title with its «صدور …» taken off does not read right (`grant_fa`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_fa: Option<String>,
    pub documents_fa: Vec<String>,
    pub notes_fa: Vec<String>,
    pub workflow: Workflow,
    /// OCR fixes and reading-order assumptions made while transcribing the diagram.
    pub workflow_fixes_fa: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// Content hash of the source files; cases record the version they were opened under.
    pub version: String,
    /// The number of services the booklet says it lists.
    pub booklet_total: u32,
    pub units: Vec<Unit>,
    pub services: Vec<Service>,
}

impl Service {
    /// An internal service (no client): an office or official asks for it by letter, never a
    /// citizen. A service whose row the booklet does not print is taken as client-facing.
    pub fn is_internal(&self) -> bool {
        self.has_client == Some(false)
    }
}

impl Catalog {
    /// Finds a service by its 11-digit ID, its key, or its catalogue number (any digit script).
    pub fn find(&self, query: &str) -> Option<&Service> {
        let folded = fold(query.trim());
        if let Ok(number) = folded.parse::<u32>()
            && folded.len() < 11
        {
            return self.by_number(number);
        }
        self.services.iter().find(|s| s.id.as_deref() == Some(folded.as_str()) || s.key == folded)
    }

    /// The service with catalogue number `number`. The first edition's services sit at their
    /// number's position in `services`; a service added later is in its unit, further on.
    pub fn by_number(&self, number: u32) -> Option<&Service> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.services.get(index).filter(|s| s.number == number).or_else(|| self.services.iter().find(|s| s.number == number))
    }

    pub fn unit(&self, slug: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.slug == slug)
    }

    /// Services whose title, sub-title, unit, number or ID contains every word of `query`, folded
    /// (so digits in any script). A number alone puts the service of that number first («۹۶»
    /// is service 96 before 196 or an ID containing 96).
    pub fn search<'a>(&'a self, query: &str) -> impl Iterator<Item = &'a Service> + 'a {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        let number = match words.as_slice() {
            [only] if only.bytes().all(|b| b.is_ascii_digit()) => only.parse::<u32>().ok(),
            _ => None,
        };
        let first = number.and_then(|n| self.by_number(n));
        let rest = self.services.iter().filter(move |s| {
            let haystack = fold(&format!(
                "{} {} {} {} {}",
                s.sub_title_fa,
                s.title_fa,
                s.number,
                s.id.as_deref().unwrap_or_default(),
                self.unit(&s.unit_slug).map(|u| u.unit_fa.as_str()).unwrap_or_default()
            ));
            Some(s.number) != number && words.iter().all(|w| haystack.contains(w.as_str()))
        });
        first.into_iter().chain(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::IssuedDocumentKind;

    /// Stored events and the hub's batches name a kind by its key: the first seven keep theirs,
    /// so what was stored before the new kinds still reads, and each new kind reads back.
    #[test]
    fn document_kinds_keep_their_keys_and_read_back_through_serde() {
        let keys: Vec<&str> = IssuedDocumentKind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(keys[..7], ["permit", "licence", "certificate", "card", "introduction_letter", "slip", "credential"]);
        for kind in IssuedDocumentKind::ALL {
            let json = serde_json::to_string(&kind).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(json, format!("\"{}\"", kind.key()));
            assert_eq!(serde_json::from_str::<IssuedDocumentKind>(&json).ok(), Some(kind));
            assert_eq!(IssuedDocumentKind::from_key(kind.key()), Some(kind));
        }
    }
}

//! Verifying an issued document's code at the hub, for any district (sans-IO): the signature
//! against every key the district has had enrolled, the signed fields against the issue event
//! the hub holds, then the revocations and corrections it knows, including revocations it sent
//! down that the district has not confirmed yet.

use crate::domain::case::{CaseEvent, EventKind};
use crate::domain::issued::Serial;
use crate::print::verify::{Code, Essentials};
use crate::signing::PublicKey;
use crate::sync::message::Message;
use crate::sync::verdict::{HubStatus, HubVerdict};

/// What the hub holds of the code's district.
pub struct Known<'a> {
    /// Every key enrolled for the district, the current one and those before a re-enrolment.
    pub keys: &'a [PublicKey],
    /// The district's events the hub holds.
    pub events: &'a [CaseEvent],
    /// The messages the hub sent down to the district.
    pub sent: &'a [Message],
}

pub fn judge(code: &Code, known: &Known<'_>) -> HubVerdict {
    let serial = code.serial();
    let mut verdict = HubVerdict {
        district: Some(code.district().to_owned()),
        serial: Some(serial.to_string()),
        ..HubVerdict::bare(HubStatus::Unknown)
    };
    let issued = known.events.iter().find_map(|e| match &e.kind {
        EventKind::DocumentIssued { serial: s, document, .. } if *s == serial => Some((e, *document)),
        _ => None,
    });
    let Some((issued, kind)) = issued else { return verdict };
    let case = issued.case.as_str();
    verdict.case = Some(case.to_owned());
    verdict.kind = Some(kind.key().to_owned());
    verdict.issued_at = Some(issued.at);
    let of_case = || known.events.iter().filter(|e| e.case.as_str() == case);
    if matches!(code, Code::Full { .. }) {
        let applicant_id = of_case().find_map(|e| match &e.kind {
            EventKind::Opened { applicant, .. } => Some(applicant.id_number().to_owned()),
            _ => None,
        });
        let expected = Essentials {
            district: code.district().to_owned(),
            serial,
            case: case.to_owned(),
            kind,
            applicant_id: applicant_id.unwrap_or_default(),
        };
        if !known.keys.iter().any(|key| code.matches(key, None, &expected)) {
            verdict.status = HubStatus::Forged;
            return verdict;
        }
    }
    verdict.status = if revoked(&mut verdict, of_case(), known.sent, serial) {
        HubStatus::Revoked
    } else if let Some(newer) = of_case().find_map(|e| match &e.kind {
        EventKind::DocumentIssued { serial: newer, supersedes: Some(old), .. } if *old == serial => Some(*newer),
        _ => None,
    }) {
        verdict.superseded_by = Some(newer.to_string());
        HubStatus::Superseded
    } else if matches!(code, Code::Full { .. }) {
        HubStatus::Genuine
    } else {
        HubStatus::Unchecked
    };
    verdict
}

/// Fills in the revocation the district recorded, or else one the hub sent and the district has
/// not confirmed; whether there is one.
fn revoked<'a>(
    verdict: &mut HubVerdict,
    mut events: impl Iterator<Item = &'a CaseEvent>,
    sent: &[Message],
    serial: Serial,
) -> bool {
    let recorded = events.find_map(|e| match &e.kind {
        EventKind::DocumentRevoked { serial: s, reason } if *s == serial => Some((e.at, reason.clone())),
        _ => None,
    });
    let pending = || {
        sent.iter().find_map(|m| match m {
            Message::Revocation { case, serial: s, reason, at, .. }
                if *s == serial && verdict.case.as_deref() == Some(case.as_str()) =>
            {
                Some((*at, reason.clone()))
            }
            _ => None,
        })
    };
    let (found, is_pending) = match recorded {
        Some(found) => (Some(found), false),
        None => (pending(), true),
    };
    let Some((at, reason)) = found else { return false };
    verdict.revoked_at = Some(at);
    verdict.reason = Some(reason);
    verdict.revocation_pending = is_pending;
    true
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};

    use super::*;
    use crate::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
    use crate::domain::catalog::IssuedDocumentKind;
    use crate::domain::role::{Actor, Role};
    use crate::domain::tracking::TrackingCode;
    use crate::signing::DistrictKey;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_default()
    }

    fn event(sequence: u32, kind: EventKind) -> CaseEvent {
        CaseEvent {
            case: case_code(),
            sequence,
            at: at(),
            actor: Actor { user_id: "g".into(), name: "بخشدار".into(), role: Role::DistrictGovernor },
            note: None,
            kind,
        }
    }

    fn case_code() -> TrackingCode {
        TrackingCode::compose("21", 1405, 1).unwrap_or_else(|e| panic!("{e}"))
    }

    fn history() -> Vec<CaseEvent> {
        let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
        let applicant =
            Applicant::new(ApplicantIdentity::Person { national_id }, "علی رضایی", None).unwrap_or_else(|e| panic!("{e}"));
        vec![
            event(
                1,
                EventKind::Opened {
                    service_key: "143".into(),
                    catalog_version: "1".into(),
                    applicant,
                    checklist: Vec::new(),
                    step: "t1".into(),
                },
            ),
            event(
                2,
                EventKind::DocumentIssued {
                    serial: Serial { year: 1405, number: 1 },
                    document: IssuedDocumentKind::Permit,
                    valid_until: None,
                    conditions: None,
                    supersedes: None,
                    documents_override: None,
                },
            ),
        ]
    }

    fn essentials() -> Essentials {
        Essentials {
            district: "21".into(),
            serial: Serial { year: 1405, number: 1 },
            case: case_code().as_str().to_owned(),
            kind: IssuedDocumentKind::Permit,
            applicant_id: "0012345679".into(),
        }
    }

    #[test]
    fn the_hub_answers_from_the_enrolled_keys_and_the_events_it_holds() {
        let (old, new) = (DistrictKey::generate(), DistrictKey::generate());
        let (old, new) = (old.unwrap_or_else(|e| panic!("{e}")), new.unwrap_or_else(|e| panic!("{e}")));
        let keys = [old.public(), new.public()];
        let mut events = history();
        let doc = essentials();
        let full = Code::parse(&doc.qr_text(&doc.sign(&old))).unwrap_or_else(|| panic!("parse"));
        let short = Code::parse(&doc.short_code(&doc.sign(&old))).unwrap_or_else(|| panic!("parse"));
        let judged = |code: &Code, events: &[CaseEvent], sent: &[Message]| judge(code, &Known { keys: &keys, events, sent });
        // Signed with a key enrolled before the district re-enrolled: still genuine.
        let genuine = judged(&full, &events, &[]);
        assert_eq!(
            (genuine.status, genuine.case.as_deref(), genuine.kind.as_deref()),
            (HubStatus::Genuine, Some(case_code().as_str()), Some("permit"))
        );
        assert_eq!(judged(&short, &events, &[]).status, HubStatus::Unchecked);
        let stranger = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let forged = Code::parse(&doc.qr_text(&doc.sign(&stranger))).unwrap_or_else(|| panic!("parse"));
        assert_eq!(judged(&forged, &events, &[]).status, HubStatus::Forged);
        let other_person = Essentials { applicant_id: "1234567891".into(), ..doc.clone() };
        let altered = Code::parse(&other_person.qr_text(&other_person.sign(&old))).unwrap_or_else(|| panic!("parse"));
        assert_eq!(judged(&altered, &events, &[]).status, HubStatus::Forged);
        let absent = Essentials { serial: Serial { year: 1405, number: 2 }, ..doc.clone() };
        let absent = Code::parse(&absent.qr_text(&absent.sign(&old))).unwrap_or_else(|| panic!("parse"));
        assert_eq!(judged(&absent, &events, &[]).status, HubStatus::Unknown);
        // Sent down but not yet confirmed by the district: revoked, and pending.
        let sent = [Message::Revocation {
            case: case_code().as_str().to_owned(),
            serial: doc.serial,
            reason: "جعل".into(),
            actor_name: "استانداری".into(),
            at: at(),
        }];
        let pending = judged(&short, &events, &sent);
        assert_eq!(
            (pending.status, pending.revocation_pending, pending.reason.as_deref()),
            (HubStatus::Revoked, true, Some("جعل"))
        );
        events.push(event(3, EventKind::DocumentRevoked { serial: doc.serial, reason: "جعل".into() }));
        let confirmed = judged(&full, &events, &sent);
        assert_eq!((confirmed.status, confirmed.revocation_pending), (HubStatus::Revoked, false));
        events.pop();
        events.push(event(
            3,
            EventKind::DocumentIssued {
                serial: Serial { year: 1405, number: 2 },
                document: IssuedDocumentKind::Permit,
                valid_until: None,
                conditions: None,
                supersedes: Some(doc.serial),
                documents_override: None,
            },
        ));
        let replaced = judged(&full, &events, &[]);
        assert_eq!((replaced.status, replaced.superseded_by.as_deref()), (HubStatus::Superseded, Some("1405-000002")));
    }
}

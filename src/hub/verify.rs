//! Verifying an issued document's code at the hub, for any district (sans-IO). The hub holds no
//! district's private key, so it checks a code against the district's own signature, which the
//! issue event carries: the signature must be one of the district's enrolled keys' (the current
//! one and those before a re-enrolment) over the document's essentials as the hub's events give
//! them, and the code must be cut from it — the QR text carries it whole, a short code its first
//! letters. Only then do the revocations and corrections it knows count, including revocations
//! it sent down that the district has not confirmed yet. The answer names the status of exactly
//! that code and nothing of the case (`HubVerdict`).

use chrono::{DateTime, Utc};

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
    /// When the hub last heard from the district (its last batch taken or sent again).
    pub synced: Option<DateTime<Utc>>,
}

pub fn judge(code: &Code, known: &Known<'_>) -> HubVerdict {
    let serial = code.serial();
    let mut verdict = HubVerdict {
        district: Some(code.district().to_owned()),
        serial: Some(serial.to_string()),
        ..HubVerdict::bare(HubStatus::Unknown)
    };
    let issued = known.events.iter().find_map(|e| match &e.kind {
        EventKind::DocumentIssued { serial: s, document, signature, .. } if *s == serial => Some((e, *document, *signature)),
        _ => None,
    });
    let Some((issued, kind, signature)) = issued else { return verdict };
    let case = issued.case.as_str();
    let of_case = || known.events.iter().filter(|e| e.case.as_str() == case);
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
    let exact = match (code, signature) {
        // The QR text carries the whole signature: any enrolled key checks it over the expected fields.
        (Code::Full { .. }, _) => known.keys.iter().any(|key| code.matches(key, None, &expected)),
        // The letters are checked against the signature the district recorded, once a key of the
        // district vouches for that signature.
        (Code::Short { .. }, Some(signature)) if known.keys.iter().any(|key| expected.signed_by(key, &signature.0)) => {
            known.keys.iter().any(|key| code.cut_from(key, &expected, &signature.0))
        }
        // Nothing to check the letters with: never "valid", and nothing more about the serial.
        (Code::Short { .. }, _) => {
            verdict.status = HubStatus::Unverifiable;
            return verdict;
        }
    };
    verdict.status = if !exact {
        HubStatus::Forged
    } else if revoked(&mut verdict, of_case(), known, serial, case) {
        HubStatus::Revoked
    } else if let Some(newer) = of_case().find_map(|e| match &e.kind {
        EventKind::DocumentIssued { serial: newer, supersedes: Some(old), .. } if *old == serial => Some(*newer),
        _ => None,
    }) {
        verdict.superseded_by = Some(newer.to_string());
        HubStatus::Superseded
    } else {
        HubStatus::Genuine
    };
    verdict
}

/// Fills in the revocation the district recorded, or else one the hub sent and the district has
/// not confirmed (with when the hub last heard from the district); whether there is one.
fn revoked<'a>(
    verdict: &mut HubVerdict,
    mut events: impl Iterator<Item = &'a CaseEvent>,
    known: &Known<'_>,
    serial: Serial,
    case: &str,
) -> bool {
    let recorded = events.find_map(|e| match &e.kind {
        EventKind::DocumentRevoked { serial: s, .. } if *s == serial => Some(e.at),
        _ => None,
    });
    let pending = || {
        known.sent.iter().find_map(|m| match m {
            Message::Revocation { case: c, serial: s, at, .. } if *s == serial && c == case => Some(*at),
            _ => None,
        })
    };
    let (found, is_pending) = match recorded {
        Some(found) => (Some(found), false),
        None => (pending(), true),
    };
    let Some(at) = found else { return false };
    verdict.revoked_at = Some(at);
    verdict.revocation_pending = is_pending;
    if is_pending {
        verdict.synced_at = known.synced;
    }
    true
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
    use crate::domain::catalog::IssuedDocumentKind;
    use crate::domain::issued::DocumentSignature;
    use crate::domain::role::{Actor, Role};
    use crate::domain::tracking::TrackingCode;
    use crate::signing::DistrictKey;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_default()
    }

    /// When the hub last heard from the district: a day after the issue.
    fn synced() -> DateTime<Utc> {
        at() + chrono::Duration::days(1)
    }

    fn key() -> DistrictKey {
        DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"))
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

    fn serial(number: u32) -> Serial {
        Serial { year: 1405, number }
    }

    /// The issue of document `number`, signed by `signer` as the district's store signs it, or
    /// unsigned (recorded before issue events carried the signature).
    fn issue(sequence: u32, number: u32, supersedes: Option<Serial>, signer: Option<&DistrictKey>) -> CaseEvent {
        let signature = signer.map(|key| DocumentSignature(essentials(number).sign(key)));
        event(
            sequence,
            EventKind::DocumentIssued {
                serial: serial(number),
                document: IssuedDocumentKind::Permit,
                valid_until: None,
                conditions: None,
                supersedes,
                documents_override: None,
                signature,
            },
        )
    }

    /// The case opened, then document 1 issued (signed by `signer`, if any).
    fn history(signer: Option<&DistrictKey>) -> Vec<CaseEvent> {
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
            issue(2, 1, None, signer),
        ]
    }

    fn essentials(number: u32) -> Essentials {
        Essentials {
            district: "21".into(),
            serial: serial(number),
            case: case_code().as_str().to_owned(),
            kind: IssuedDocumentKind::Permit,
            applicant_id: "0012345679".into(),
        }
    }

    fn parse(text: &str) -> Code {
        Code::parse(text).unwrap_or_else(|| panic!("parse {text}"))
    }

    fn short(number: u32, key: &DistrictKey) -> Code {
        let doc = essentials(number);
        parse(&doc.short_code(&doc.sign(key)))
    }

    fn full(doc: &Essentials, key: &DistrictKey) -> Code {
        parse(&doc.qr_text(&doc.sign(key)))
    }

    fn judged(code: &Code, keys: &[PublicKey], events: &[CaseEvent], sent: &[Message]) -> HubVerdict {
        judge(code, &Known { keys, events, sent, synced: Some(synced()) })
    }

    /// Issue 15, finding 6: serial 2 with serial 1's letters was answered as issued and in force.
    #[test]
    fn a_short_code_with_another_serials_letters_is_forged() {
        let key = key();
        let keys = [key.public()];
        let mut events = history(Some(&key));
        events.push(issue(3, 2, None, Some(&key)));
        let letters = essentials(1).short_code(&essentials(1).sign(&key));
        let borrowed = parse(&letters.replace("1405-000001", "1405-000002"));
        let answer = judged(&borrowed, &keys, &events, &[]);
        assert_eq!(answer.status, HubStatus::Forged, "{answer:?}");
        // One letter changed is forged too; the letters cut from the signature are genuine.
        let mut changed = letters.clone();
        let last = if changed.ends_with('A') { 'B' } else { 'A' };
        changed.pop();
        changed.push(last);
        assert_eq!(judged(&parse(&changed), &keys, &events, &[]).status, HubStatus::Forged);
        assert_eq!(judged(&short(1, &key), &keys, &events, &[]).status, HubStatus::Genuine);
        assert_eq!(judged(&short(2, &key), &keys, &events, &[]).status, HubStatus::Genuine);
        // A serial the hub does not hold.
        assert_eq!(judged(&short(3, &key), &keys, &events, &[]).status, HubStatus::Unknown);
    }

    #[test]
    fn a_short_code_the_hub_cannot_check_is_never_valid_and_says_nothing_more() {
        let key = key();
        let keys = [key.public()];
        // Issued before issue events carried the signature: not even a revocation is told.
        let sent = [Message::Revocation {
            case: case_code().as_str().to_owned(),
            serial: serial(1),
            reason: "جعل".into(),
            actor_name: "استانداری".into(),
            at: at(),
        }];
        let unsigned = history(None);
        for sent in [&sent[..], &[]] {
            let answer = judged(&short(1, &key), &keys, &unsigned, sent);
            assert_eq!(
                answer,
                HubVerdict {
                    district: Some("21".into()),
                    serial: Some("1405-000001".into()),
                    ..HubVerdict::bare(HubStatus::Unverifiable)
                }
            );
        }
        // The QR text is still checked fully.
        assert_eq!(judged(&full(&essentials(1), &key), &keys, &unsigned, &[]).status, HubStatus::Genuine);
        // A signature no enrolled key made vouches for nothing.
        let stranger = self::key();
        let answer = judged(&short(1, &stranger), &keys, &history(Some(&stranger)), &[]);
        assert_eq!(answer.status, HubStatus::Unverifiable);
    }

    #[test]
    fn an_answer_names_nothing_the_code_does_not_carry() {
        let key = key();
        let keys = [key.public()];
        let mut events = history(Some(&key));
        let sent = [Message::Revocation {
            case: case_code().as_str().to_owned(),
            serial: serial(1),
            reason: "جعل مدارک علی رضایی".into(),
            actor_name: "استانداری".into(),
            at: synced(),
        }];
        events.push(event(3, EventKind::NoteAdded));
        for (code, sent) in [(short(1, &key), &[][..]), (full(&essentials(1), &key), &sent[..]), (short(2, &key), &[][..])] {
            let answer = judged(&code, &keys, &events, sent);
            let json = serde_json::to_string(&answer).unwrap_or_else(|e| panic!("{e}"));
            let case = case_code();
            for secret in [case.as_str(), "permit", "0012345679", "علی", "رضایی", "بخشدار", "جعل", "2026-11-01"]
            {
                assert!(!json.contains(secret), "{secret} in {json}");
            }
            for field in ["case", "kind", "issued_at", "reason", "applicant", "name"] {
                assert!(!json.contains(&format!("\"{field}\"")), "{field} in {json}");
            }
        }
    }

    #[test]
    fn the_hub_answers_from_the_enrolled_keys_and_the_events_it_holds() {
        let (old, new) = (key(), key());
        let keys = [old.public(), new.public()];
        let mut events = history(Some(&old));
        let doc = essentials(1);
        let (full_code, short_code) = (full(&doc, &old), short(1, &old));
        // Signed with a key enrolled before the district re-enrolled: still genuine, in both forms.
        let genuine = judged(&full_code, &keys, &events, &[]);
        assert_eq!(
            genuine,
            HubVerdict {
                district: Some("21".into()),
                serial: Some("1405-000001".into()),
                ..HubVerdict::bare(HubStatus::Genuine)
            }
        );
        assert_eq!(judged(&short_code, &keys, &events, &[]).status, HubStatus::Genuine);
        // A recorded signature none of the keys given made: the letters cannot be checked.
        assert_eq!(judged(&short_code, &[new.public()], &events, &[]).status, HubStatus::Unverifiable);
        let stranger = key();
        assert_eq!(judged(&full(&doc, &stranger), &keys, &events, &[]).status, HubStatus::Forged);
        let other_person = Essentials { applicant_id: "1234567891".into(), ..doc.clone() };
        assert_eq!(judged(&full(&other_person, &old), &keys, &events, &[]).status, HubStatus::Forged);
        let absent = Essentials { serial: serial(2), ..doc.clone() };
        assert_eq!(judged(&full(&absent, &old), &keys, &events, &[]).status, HubStatus::Unknown);
        // Sent down but not yet confirmed by the district: revoked, pending, as of the last sync.
        let revoked_at = at() + chrono::Duration::days(2);
        let sent = [Message::Revocation {
            case: case_code().as_str().to_owned(),
            serial: doc.serial,
            reason: "جعل".into(),
            actor_name: "استانداری".into(),
            at: revoked_at,
        }];
        let pending = judged(&short_code, &keys, &events, &sent);
        assert_eq!(
            (pending.status, pending.revocation_pending, pending.revoked_at, pending.synced_at),
            (HubStatus::Revoked, true, Some(revoked_at), Some(synced()))
        );
        // Only for the exact code: another serial's letters are forged, revoked or not.
        let mut letters = essentials(1).short_code(&essentials(1).sign(&old));
        letters.replace_range(letters.len() - 1.., if letters.ends_with('A') { "B" } else { "A" });
        assert_eq!(judged(&parse(&letters), &keys, &events, &sent).status, HubStatus::Forged);
        events.push(event(3, EventKind::DocumentRevoked { serial: doc.serial, reason: "جعل".into() }));
        let confirmed = judged(&full_code, &keys, &events, &sent);
        assert_eq!(
            (confirmed.status, confirmed.revocation_pending, confirmed.revoked_at, confirmed.synced_at),
            (HubStatus::Revoked, false, Some(at()), None)
        );
        events.pop();
        events.push(issue(3, 2, Some(doc.serial), Some(&old)));
        let replaced = judged(&full_code, &keys, &events, &[]);
        assert_eq!((replaced.status, replaced.superseded_by.as_deref()), (HubStatus::Superseded, Some("1405-000002")));
        assert_eq!(judged(&short_code, &keys, &events, &[]).status, HubStatus::Superseded);
    }
}

//! The verification code printed on every issued document, and checking it.
//!
//! The district signs (Ed25519) `BKY1|district|serial|case|kind|applicant-id`. Two forms carry it:
//! - the **QR code** holds every signed field and the whole signature
//!   (`BKY1:12:1405-000001:1214050000017:permit:0012345679:<base32>`), so anyone with the district's
//!   public key verifies it offline, with no database;
//! - the **short code** printed under it (`12-1405-000001-ABCD2345`) holds district, serial and the
//!   signature's first 8 base32 letters. Ed25519 signatures are deterministic, so the district that
//!   issued the document recomputes the signature from its own records and compares.
//!
//! Either way the district's own store then says whether the document was revoked or replaced.
//! Codes of other districts are answered by the province hub, which holds no private key: the
//! issue event carries the document's signature (`DocumentSignature`), and the hub checks it with
//! the district's enrolled keys and that the short code's letters are the ones cut from it
//! (`Code::cut_from`).

use crate::domain::catalog::IssuedDocumentKind;
use crate::domain::issued::{CODE_PREFIX as PREFIX, Serial};
use crate::signing::{DistrictKey, PublicKey};

pub use crate::domain::issued::Essentials;

const SHORT_SIGNATURE: usize = 8;

impl Essentials {
    /// The QR code's text.
    pub fn qr_text(&self, signature: &[u8; 64]) -> String {
        format!(
            "{PREFIX}:{}:{}:{}:{}:{}:{}",
            self.district,
            self.serial,
            self.case,
            self.kind.key(),
            self.applicant_id,
            base32(signature)
        )
    }

    /// The short code printed for people to type.
    pub fn short_code(&self, signature: &[u8; 64]) -> String {
        format!("{}-{}-{}", self.district, self.serial, short_letters(signature))
    }
}

/// The letters of a short code: the signature's first 8 base32 letters.
pub fn short_letters(signature: &[u8; 64]) -> String {
    base32(signature)[..SHORT_SIGNATURE].to_owned()
}

/// A code as read back: either form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    Full { essentials: Essentials, signature: [u8; 64] },
    Short { district: String, serial: Serial, signature_prefix: String },
}

impl Code {
    pub fn district(&self) -> &str {
        match self {
            Code::Full { essentials, .. } => &essentials.district,
            Code::Short { district, .. } => district,
        }
    }

    pub fn serial(&self) -> Serial {
        match self {
            Code::Full { essentials, .. } => essentials.serial,
            Code::Short { serial, .. } => *serial,
        }
    }

    /// Reads either form; `None` when it is neither.
    pub fn parse(text: &str) -> Option<Self> {
        let text = crate::domain::text::fold(text.trim());
        if let Some(rest) = text.strip_prefix("bky1:") {
            let parts: Vec<&str> = rest.split(':').collect();
            let [district, serial, case, kind, applicant_id, signature] = parts.as_slice() else { return None };
            let signature: [u8; 64] = unbase32(signature)?.try_into().ok()?;
            let essentials = Essentials {
                district: (*district).to_owned(),
                serial: Serial::parse(serial)?,
                case: (*case).to_owned(),
                kind: IssuedDocumentKind::from_key(kind)?,
                applicant_id: (*applicant_id).to_owned(),
            };
            return Some(Code::Full { essentials, signature });
        }
        let parts: Vec<&str> = text.split('-').collect();
        let [district, year, number, prefix] = parts.as_slice() else { return None };
        let serial = Serial::parse(&format!("{year}-{number}"))?;
        (prefix.len() == SHORT_SIGNATURE).then(|| Code::Short {
            district: (*district).to_owned(),
            serial,
            signature_prefix: prefix.to_ascii_uppercase(),
        })
    }

    /// Whether the code is the one cut from `signature`, which must be `key`'s over `essentials`:
    /// the check of whoever holds the district's signature but not its private key (the hub).
    /// A full code must carry these very fields and this very signature; a short code, its letters.
    pub fn cut_from(&self, key: &PublicKey, essentials: &Essentials, signature: &[u8; 64]) -> bool {
        essentials.signed_by(key, signature)
            && match self {
                Code::Full { essentials: own, signature: carried } => own == essentials && carried == signature,
                Code::Short { district, serial, signature_prefix } => {
                    *district == essentials.district
                        && *serial == essentials.serial
                        && *signature_prefix == short_letters(signature)
                }
            }
    }

    /// Whether the code's signature is the district's for `essentials` (the store's record for
    /// a short code; the code's own fields for a full one).
    pub fn matches(&self, key: &PublicKey, signing: Option<&DistrictKey>, essentials: &Essentials) -> bool {
        match self {
            Code::Full { essentials: own, signature } => {
                own == essentials && key.verify(own.message().as_bytes(), signature).is_ok()
            }
            Code::Short { signature_prefix, .. } => {
                signing.is_some_and(|k| base32(&essentials.sign(k)).starts_with(signature_prefix.as_str()))
            }
        }
    }
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding: letters and digits a clerk can read aloud.
fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn unbase32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | u32::try_from(value).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xFF).ok()?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn essentials() -> Essentials {
        Essentials {
            district: "12".into(),
            serial: Serial { year: 1405, number: 3 },
            case: "1214050000017".into(),
            kind: IssuedDocumentKind::Permit,
            applicant_id: "0012345679".into(),
        }
    }

    #[test]
    fn both_forms_verify_and_a_changed_field_does_not() {
        let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let doc = essentials();
        let signature = doc.sign(&key);
        let full = Code::parse(&doc.qr_text(&signature)).unwrap_or_else(|| panic!("parse"));
        assert!(full.matches(&key.public(), None, &doc));
        let short = Code::parse(&doc.short_code(&signature).to_lowercase()).unwrap_or_else(|| panic!("parse"));
        assert_eq!((short.district(), short.serial()), ("12", doc.serial));
        assert!(short.matches(&key.public(), Some(&key), &doc));
        let forged = Essentials { applicant_id: "1234567891".into(), ..doc.clone() };
        let forged_code = Code::parse(&forged.qr_text(&signature)).unwrap_or_else(|| panic!("parse"));
        assert!(!forged_code.matches(&key.public(), None, &forged));
        let other = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
        assert!(!full.matches(&other.public(), None, &doc));
        assert!(!short.matches(&other.public(), Some(&other), &doc));
        assert_eq!(Code::parse("hello"), None);
    }

    #[test]
    fn with_the_signature_but_no_private_key_a_code_is_checked_exactly() {
        let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let doc = essentials();
        let signature = doc.sign(&key);
        let cut = |text: &str, essentials: &Essentials, signature: &[u8; 64]| {
            Code::parse(text).is_some_and(|code| code.cut_from(&key.public(), essentials, signature))
        };
        assert!(cut(&doc.short_code(&signature), &doc, &signature));
        assert!(cut(&doc.qr_text(&signature), &doc, &signature));
        // Another document's letters, and one letter changed.
        let next = Essentials { serial: Serial { year: 1405, number: 4 }, ..doc.clone() };
        let next_signature = next.sign(&key);
        assert!(!cut(&next.short_code(&signature), &next, &next_signature));
        let mut letters = doc.short_code(&signature);
        let last = if letters.ends_with('A') { 'B' } else { 'A' };
        letters.pop();
        letters.push(last);
        assert!(!cut(&letters, &doc, &signature));
        // A signature that is not the district's over these fields vouches for nothing.
        let stranger = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let theirs = doc.sign(&stranger);
        assert!(!cut(&doc.short_code(&theirs), &doc, &theirs));
        assert!(!cut(&doc.short_code(&next_signature), &doc, &next_signature));
    }

    #[test]
    fn base32_round_trips() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(unbase32(&base32(&bytes)), Some(bytes));
    }
}

//! The district's Ed25519 key: it signs issued documents' verification codes and sync batches.
//! Pure computation; the store keeps the seed in its own file beside the database (`store::key_file`), never in a backup.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum KeyError {
    #[error("the system gave no random bytes: {0}")]
    Random(String),
    #[error("a key must be 64 hexadecimal digits")]
    Malformed,
    #[error("the signature does not match")]
    BadSignature,
}

/// A district's private key. `Debug` never prints the secret.
#[derive(Clone)]
pub struct DistrictKey(SigningKey);

impl std::fmt::Debug for DistrictKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("DistrictKey").field(&self.public().to_hex()).finish()
    }
}

impl DistrictKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(Self(SigningKey::from_bytes(&seed)))
    }

    /// The key stored as the hex of its 32-byte seed.
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        Ok(Self(SigningKey::from_bytes(&decode_32(text)?)))
    }

    pub fn to_hex(&self) -> String {
        hex(self.0.as_bytes())
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }

    /// The key's secret scalar, as X25519 takes it: batches sealed to the key open with it
    /// (`sync::seal`).
    #[cfg(feature = "sync")]
    pub(crate) fn scalar(&self) -> [u8; 32] {
        self.0.to_scalar_bytes()
    }
}

/// A district's (or the hub's) public key, as enrolled at the governorate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        VerifyingKey::from_bytes(&decode_32(text)?).map(Self).map_err(|_| KeyError::Malformed)
    }

    pub fn to_hex(&self) -> String {
        hex(self.0.as_bytes())
    }

    /// The key's X25519 (Montgomery) form: what batches for its holder are sealed to (`sync::seal`).
    #[cfg(feature = "sync")]
    pub(crate) fn montgomery(&self) -> [u8; 32] {
        self.0.to_montgomery().to_bytes()
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> Result<(), KeyError> {
        self.0.verify(message, &Signature::from_bytes(signature)).map_err(|_| KeyError::BadSignature)
    }

    /// What people read aloud and compare to know they hold the same key (enrolment, issue 15):
    /// the first 160 bits of the SHA-256 of the key's 32 bytes, as 32 letters of Crockford's
    /// base 32 in eight groups of four (`47Z3-3QX1-…`, 39 characters).
    ///
    /// Base 32 rather than hex: eight groups, not ten, to read out over a telephone, in the
    /// letters and grouping of the administrator's recovery code; no I, L, O or U, which are
    /// misread as 1 and 0 or misheard. 160 bits leave no second key to be found with the same
    /// fingerprint. The same in every language: Latin letters, which a Persian page sets left
    /// to right.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.as_bytes());
        // Five bytes are eight letters of five bits, the most significant first.
        let letters: Vec<char> = digest[..20]
            .chunks(5)
            .flat_map(|five| {
                let bits = five.iter().fold(0u64, |bits, byte| (bits << 8) | u64::from(*byte));
                (0..8).rev().map(move |i| {
                    let index = usize::try_from((bits >> (5 * i)) & 31).unwrap_or_default();
                    char::from(CROCKFORD[index])
                })
            })
            .collect();
        in_groups(&letters)
    }
}

/// Crockford's base 32: digits and capitals without I, L, O and U, for what people read out or type
/// back (key fingerprints, the administrator's recovery code).
pub const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `letters` in groups of four joined by dashes (`7K3M-0QXZ-…`), as fingerprints and codes are shown.
pub fn in_groups(letters: &[char]) -> String {
    letters.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// Lower-case hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// 32 bytes from 64 hexadecimal digits (a hash or a key), or `None`.
pub fn unhex_32(text: &str) -> Option<[u8; 32]> {
    decode_32(text).ok()
}

/// 64 bytes from 128 hexadecimal digits (a signature), or `None`.
pub fn unhex_64(text: &str) -> Option<[u8; 64]> {
    let text = text.trim();
    if text.len() != 128 || !text.is_ascii() {
        return None;
    }
    let (high, low) = (decode_32(&text[..64]).ok()?, decode_32(&text[64..]).ok()?);
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&high);
    out[32..].copy_from_slice(&low);
    Some(out)
}

fn decode_32(text: &str) -> Result<[u8; 32], KeyError> {
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return Err(KeyError::Malformed);
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(text.as_bytes().chunks(2)) {
        let pair = std::str::from_utf8(pair).map_err(|_| KeyError::Malformed)?;
        *byte = u8::from_str_radix(pair, 16).map_err(|_| KeyError::Malformed)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_message_and_key() -> Result<(), KeyError> {
        let key = DistrictKey::generate()?;
        let signature = key.sign(b"serial 1405-000001");
        key.public().verify(b"serial 1405-000001", &signature)?;
        assert_eq!(key.public().verify(b"serial 1405-000002", &signature), Err(KeyError::BadSignature));
        let other = DistrictKey::generate()?;
        assert_eq!(other.public().verify(b"serial 1405-000001", &signature), Err(KeyError::BadSignature));
        Ok(())
    }

    #[test]
    fn keys_survive_their_hex_form() -> Result<(), KeyError> {
        let key = DistrictKey::generate()?;
        let again = DistrictKey::from_hex(&key.to_hex())?;
        assert_eq!(again.public(), key.public());
        assert_eq!(PublicKey::from_hex(&key.public().to_hex())?, key.public());
        assert_eq!(DistrictKey::from_hex("abc").map(|_| ()), Err(KeyError::Malformed));
        assert_eq!(DistrictKey::from_hex(&"zz".repeat(32)).map(|_| ()), Err(KeyError::Malformed));
        Ok(())
    }

    #[test]
    fn a_signature_survives_its_hex_form() -> Result<(), KeyError> {
        let signature = DistrictKey::generate()?.sign(b"serial 1405-000001");
        assert_eq!(unhex_64(&hex(&signature)), Some(signature));
        assert_eq!(unhex_64(&hex(&signature)[..126]), None);
        assert_eq!(unhex_64(&format!("{} ", &hex(&signature)[..127])), None);
        Ok(())
    }

    /// RFC 8032's first two test keys, their fingerprints worked out apart (Python's hashlib).
    #[test]
    fn a_fingerprint_is_the_keys_own_and_reads_in_groups() -> Result<(), KeyError> {
        let key = PublicKey::from_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")?;
        let other = PublicKey::from_hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")?;
        assert_eq!(key.fingerprint(), "47Z3-3QX1-AJH6-2RKB-Z1A0-8VYJ-4WDQ-QVAB");
        assert_eq!(other.fingerprint(), "77VH-7M56-8GJK-Y12J-JGGV-KX8V-KC49-F788");
        assert_eq!(PublicKey::from_hex(&key.to_hex())?.fingerprint(), key.fingerprint(), "stable");
        for _ in 0..50 {
            let fingerprint = DistrictKey::generate()?.public().fingerprint();
            let groups: Vec<&str> = fingerprint.split('-').collect();
            assert_eq!(groups.len(), 8, "{fingerprint}");
            assert!(groups.iter().all(|g| g.len() == 4), "{fingerprint}");
            let letters = fingerprint.chars().filter(|c| *c != '-');
            assert!(letters.clone().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()), "{fingerprint}");
            assert!(!fingerprint.contains(['I', 'L', 'O', 'U']), "{fingerprint}");
            assert_ne!(fingerprint, key.fingerprint());
        }
        Ok(())
    }

    #[test]
    fn debug_does_not_leak_the_secret() -> Result<(), KeyError> {
        let key = DistrictKey::generate()?;
        assert!(!format!("{key:?}").contains(&key.to_hex()));
        Ok(())
    }
}

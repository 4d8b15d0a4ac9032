//! The district's Ed25519 key: it signs issued documents' verification codes and sync batches.
//! Pure computation; the store keeps the seed, so backups carry the key with the data.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
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

    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> Result<(), KeyError> {
        self.0.verify(message, &Signature::from_bytes(signature)).map_err(|_| KeyError::BadSignature)
    }
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

    #[test]
    fn debug_does_not_leak_the_secret() -> Result<(), KeyError> {
        let key = DistrictKey::generate()?;
        assert!(!format!("{key:?}").contains(&key.to_hex()));
        Ok(())
    }
}

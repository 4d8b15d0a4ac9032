//! Passwords and the administrator's recovery code, hashed with Argon2id (RFC 9106) by the
//! `argon2` crate. The parameters are written into each hash (a PHC string), so a later version
//! may raise them and still verify every older hash.
//!
//! Chosen on the development machine (AMD EPYC, 2 cores; docs/benchmarks.md, "Passwords"): 128 MiB,
//! 3 passes and one lane take 0.30 s to hash or verify (64 MiB took 0.14 s), the low end of the
//! 0.3–1 s a login may cost; an office PC's slower core lands inside that range.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::signing::{CROCKFORD, in_groups};

/// Memory per hash, in KiB.
pub const MEMORY_KIB: u32 = 128 * 1024;
/// Passes over the memory.
pub const PASSES: u32 = 3;
/// Lanes: one, so a login leaves the other core to the window.
pub const LANES: u32 = 1;

/// Hashing failed: the system's random source or the parameters; neither is the user's doing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the password could not be hashed: {0}")]
pub struct HashError(String);

fn hasher() -> Result<Argon2<'static>, HashError> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).map_err(|e| HashError(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The PHC string of `secret` under a fresh random salt.
pub fn hash(secret: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    let hashed = hasher()?.hash_password(secret.as_bytes(), &salt).map_err(|e| HashError(e.to_string()))?;
    Ok(hashed.to_string())
}

/// Whether `secret` is the one hashed into `phc`; a malformed hash verifies nothing.
pub fn verify(secret: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return false };
    // The parameters come from the hash itself.
    Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok()
}

/// A new recovery code: 100 random bits as 20 letters in five groups (`7K3M-…`), to be printed
/// on the recovery sheet and typed back by hand.
pub fn new_recovery_code() -> Result<String, HashError> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| HashError(e.to_string()))?;
    // Crockford's base 32, with no I, L, O or U to misread.
    let letters: Vec<char> = bytes.iter().map(|b| char::from(CROCKFORD[usize::from(b & 31)])).collect();
    Ok(in_groups(&letters))
}

/// A recovery code as typed back: case, spaces and dashes do not matter, and the letters people
/// confuse are read as Crockford's base 32 reads them (O as 0, I and L as 1).
pub fn normalize_recovery_code(typed: &str) -> String {
    let letters: Vec<char> = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    in_groups(&letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_itself() {
        let hashed = hash("رمز عبور خوب").unwrap_or_else(|e| panic!("{e}"));
        assert!(hashed.starts_with("$argon2id$v=19$m=131072,t=3,p=1$"), "{hashed}");
        assert!(verify("رمز عبور خوب", &hashed));
        assert!(!verify("رمز عبور خوب ", &hashed));
        assert!(!verify("رمز عبور خوب", "not a hash"));
        assert_ne!(hash("رمز عبور خوب").ok(), Some(hashed), "each hash has its own salt");
    }

    #[test]
    fn a_recovery_code_reads_back_as_typed_by_hand() {
        let code = new_recovery_code().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(code.len(), 24);
        assert!(!code.contains(['I', 'L', 'O', 'U']));
        assert_eq!(normalize_recovery_code(&code.to_lowercase().replace('-', " ")), code);
        assert_eq!(normalize_recovery_code("o1lI-2222"), "0111-2222");
    }
}

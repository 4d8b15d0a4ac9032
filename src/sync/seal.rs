//! Sealing: every batch that leaves a district or the hub, over HTTP or on a USB stick, travels
//! inside an age file (X25519 recipient) that only the receiver opens. The batch inside is signed
//! by its sender as before, and names its receiver, so a sealed batch cannot be passed on as
//! someone else's.
//!
//! The X25519 keys are the Ed25519 keys both ends already pinned at enrollment, in their Montgomery
//! form (ed25519-dalek's `to_scalar_bytes` / `to_montgomery`, as age's own `ssh-ed25519`
//! recipients do): no second key to carry on paper, none to forget. Using one key pair for Ed25519
//! signatures and an X25519 KEM is shown safe in "On using the same key pair for Ed25519 and an
//! X25519 based KEM" (Thormarker, 2021, <https://eprint.iacr.org/2021/509>).
//!
//! One age header (about 200 bytes) per batch: the cost is per batch, never per event.

// age 0.13 marks its classic X25519 keys deprecated in favour of post-quantum hybrid ones, which
// cannot be derived from the Ed25519 keys the two ends pinned; the classic ones stay supported.
#![allow(deprecated)]

use age::x25519::{Identity, Recipient};
use bech32::{Bech32, Hrp};

use super::SyncError;
use crate::signing::{DistrictKey, PublicKey};

/// How every age file begins; a batch without it was not sealed.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// `batch` sealed so that only the holder of `receiver`'s private key reads it.
pub fn seal(batch: &[u8], receiver: &PublicKey) -> Result<Vec<u8>, SyncError> {
    age::encrypt(&recipient(receiver)?, batch).map_err(|e| SyncError::Seal(e.to_string()))
}

/// The batch inside `sealed`, opened with `key`: refused when it is not sealed, or not to `key`.
/// The batch comes out no larger than the sealed bytes, so a hostile file allocates nothing more.
pub fn unseal(sealed: &[u8], key: &DistrictKey) -> Result<Vec<u8>, SyncError> {
    if !is_sealed(sealed) {
        return Err(SyncError::NotSealed);
    }
    age::decrypt(&identity(key)?, sealed).map_err(|e| SyncError::Seal(e.to_string()))
}

pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

fn recipient(key: &PublicKey) -> Result<Recipient, SyncError> {
    let hrp = Hrp::parse("age").map_err(|e| SyncError::Seal(e.to_string()))?;
    let text = bech32::encode_lower::<Bech32>(hrp, &key.montgomery()).map_err(|e| SyncError::Seal(e.to_string()))?;
    text.parse().map_err(|e: &str| SyncError::Seal(e.to_owned()))
}

fn identity(key: &DistrictKey) -> Result<Identity, SyncError> {
    let hrp = Hrp::parse("age-secret-key-").map_err(|e| SyncError::Seal(e.to_string()))?;
    let text = bech32::encode_upper::<Bech32>(hrp, &key.scalar()).map_err(|e| SyncError::Seal(e.to_string()))?;
    text.parse().map_err(|e: &str| SyncError::Seal(e.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> DistrictKey {
        DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_receiver_opens_what_is_sealed_to_it_and_nobody_else_does() {
        let (hub, district, stranger) = (key(), key(), key());
        let batch = b"BKSB\x01 the national ID 0012345678 and a phone".to_vec();
        let sealed = seal(&batch, &hub.public()).unwrap_or_else(|e| panic!("{e}"));
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(10).any(|w| w == b"0012345678"), "the sealed bytes show the ID");
        assert_eq!(unseal(&sealed, &hub).as_deref(), Ok(&batch[..]));
        assert!(matches!(unseal(&sealed, &district), Err(SyncError::Seal(_))));
        assert!(matches!(unseal(&sealed, &stranger), Err(SyncError::Seal(_))));
        assert_eq!(unseal(&batch, &hub), Err(SyncError::NotSealed));
    }

    #[test]
    fn the_recipient_from_the_public_key_is_the_private_keys_own() {
        let key = key();
        let from_public = recipient(&key.public()).unwrap_or_else(|e| panic!("{e}"));
        let from_private = identity(&key).unwrap_or_else(|e| panic!("{e}")).to_public();
        assert_eq!(from_public.to_string(), from_private.to_string());
    }

    #[test]
    fn a_flipped_byte_or_a_cut_refuses_the_whole_batch() {
        let hub = key();
        let batch = vec![7u8; 100_000];
        let sealed = seal(&batch, &hub.public()).unwrap_or_else(|e| panic!("{e}"));
        for at in [AGE_MAGIC.len() + 5, sealed.len() / 2, sealed.len() - 1] {
            let mut flipped = sealed.clone();
            flipped[at] ^= 1;
            assert!(unseal(&flipped, &hub).is_err(), "flipped at {at}");
        }
        assert!(unseal(&sealed[..sealed.len() - 100], &hub).is_err());
    }

    #[test]
    fn the_seal_costs_a_few_hundred_bytes_whatever_the_batch() {
        let hub = key();
        let overhead = |size: usize| seal(&vec![1u8; size], &hub.public()).map(|s| s.len() - size);
        // The header (200–360 bytes: age adds a random "grease" stanza to some) and a 16-byte tag
        // per 64 KiB chunk.
        for _ in 0..10 {
            let (small, large) = (overhead(1_000), overhead(1_000_000));
            assert!(small.as_ref().is_ok_and(|&n| n < 400), "{small:?}");
            assert!(large.as_ref().is_ok_and(|&n| n < 400 + 16 * 16), "{large:?}");
        }
    }
}

//! The allowance of `GET /v1/verify/…` per client address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

const MINUTE: Duration = Duration::from_secs(60);
/// Past this many addresses remembered, those whose minute is over are forgotten.
const REMEMBERED: usize = 10_000;

/// Requests counted per client address, each in a minute-long window that opens with the
/// address's first request after the last window closed: at most `limit` in any such window.
/// (An address behind the same NAT or proxy as others shares their allowance.)
pub(super) struct RateLimit {
    limit: u32,
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimit {
    pub(super) fn new(limit: u32) -> Self {
        Self { limit, windows: Mutex::new(HashMap::new()) }
    }

    /// Counts one request of `address` at `now`: `Ok` when it is allowed, else how long until the
    /// address's window closes.
    pub(super) fn take(&self, address: IpAddr, now: Instant) -> Result<(), Duration> {
        // A task that panicked while holding the lock left whole entries: go on with them.
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        if windows.len() >= REMEMBERED {
            windows.retain(|_, (opened, _)| now.duration_since(*opened) < MINUTE);
        }
        let (opened, count) = windows.entry(address).or_insert((now, 0));
        if now.duration_since(*opened) >= MINUTE {
            (*opened, *count) = (now, 0);
        }
        if *count >= self.limit {
            return Err(MINUTE.saturating_sub(now.duration_since(*opened)));
        }
        *count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_gets_its_minute_allowance_of_verifications() {
        let limit = RateLimit::new(3);
        let start = Instant::now();
        let (one, two) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        for _ in 0..3 {
            assert_eq!(limit.take(one, start), Ok(()));
        }
        let later = start + Duration::from_secs(20);
        assert_eq!(limit.take(one, later), Err(Duration::from_secs(40)));
        // Another address has its own allowance; the first gets a new one once its minute is over.
        assert_eq!(limit.take(two, later), Ok(()));
        assert_eq!(limit.take(one, start + MINUTE), Ok(()));
    }
}

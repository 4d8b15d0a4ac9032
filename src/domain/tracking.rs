//! Tracking codes (کد رهگیری): digits only, so a citizen can read one over the phone, with a
//! Damm check digit that catches any single mistyped digit and any swap of two neighbours.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::ascii_digits;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TrackingCodeError {
    #[error("a tracking code is 13 digits")]
    Length,
    #[error("the tracking code's check digit does not match")]
    Checksum,
    #[error("the district code must be 1 to 4 digits")]
    DistrictCode,
    #[error("the yearly sequence is exhausted")]
    SequenceOverflow,
}

/// `DDDD YY NNNNNN C`: district code, Solar Hijri year (two digits), sequence within the year, check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TrackingCode(String);

const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

fn damm(digits: &str) -> u8 {
    digits.bytes().fold(0, |interim, b| DAMM[usize::from(interim)][usize::from(b - b'0')])
}

impl TrackingCode {
    pub fn compose(district_code: &str, solar_year: u16, sequence: u32) -> Result<Self, TrackingCodeError> {
        let district =
            ascii_digits(district_code).filter(|d| (1..=4).contains(&d.len())).ok_or(TrackingCodeError::DistrictCode)?;
        if sequence > 999_999 {
            return Err(TrackingCodeError::SequenceOverflow);
        }
        let body = format!("{district:0>4}{:02}{sequence:06}", solar_year % 100);
        let check = damm(&body);
        Ok(Self(format!("{body}{check}")))
    }

    /// Accepts the code as typed: any digit script, with spaces or dashes.
    pub fn parse(input: &str) -> Result<Self, TrackingCodeError> {
        let digits = ascii_digits(input).ok_or(TrackingCodeError::Length)?;
        if digits.len() != 13 {
            return Err(TrackingCodeError::Length);
        }
        if damm(&digits) != 0 {
            return Err(TrackingCodeError::Checksum);
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Grouped for reading aloud: `0123-05-000042-7`.
    pub fn grouped(&self) -> String {
        let s = &self.0;
        format!("{}-{}-{}-{}", &s[..4], &s[4..6], &s[6..12], &s[12..])
    }
}

impl TryFrom<String> for TrackingCode {
    type Error = TrackingCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TrackingCode> for String {
    fn from(value: TrackingCode) -> Self {
        value.0
    }
}

impl std::fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.grouped())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_codes_parse_back_in_any_script() {
        let code = TrackingCode::compose("123", 1405, 42).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&code.as_str()[..12], "012305000042");
        assert_eq!(TrackingCode::parse(&code.grouped()), Ok(code.clone()));
        let persian: String = code.as_str().chars().map(|c| char::from_u32(u32::from(c) - 0x30 + 0x06F0).unwrap_or(c)).collect();
        assert_eq!(TrackingCode::parse(&persian), Ok(code));
    }

    #[test]
    fn every_single_digit_error_and_neighbour_swap_is_caught() {
        let code = TrackingCode::compose("4521", 1405, 918_273).unwrap_or_else(|e| panic!("{e}"));
        let digits: Vec<u8> = code.as_str().bytes().collect();
        for i in 0..digits.len() {
            for d in b'0'..=b'9' {
                if d != digits[i] {
                    let mut typo = digits.clone();
                    typo[i] = d;
                    assert!(TrackingCode::parse(&String::from_utf8_lossy(&typo)).is_err());
                }
            }
            if i + 1 < digits.len() && digits[i] != digits[i + 1] {
                let mut swapped = digits.clone();
                swapped.swap(i, i + 1);
                assert!(TrackingCode::parse(&String::from_utf8_lossy(&swapped)).is_err());
            }
        }
    }

    #[test]
    fn bad_inputs_are_refused() {
        assert_eq!(TrackingCode::compose("12345", 1405, 1), Err(TrackingCodeError::DistrictCode));
        assert_eq!(TrackingCode::compose("", 1405, 1), Err(TrackingCodeError::DistrictCode));
        assert_eq!(TrackingCode::compose("12", 1405, 1_000_000), Err(TrackingCodeError::SequenceOverflow));
        assert_eq!(TrackingCode::parse("123"), Err(TrackingCodeError::Length));
    }
}

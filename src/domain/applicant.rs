//! Applicants: a person with a national ID (کد ملی), an organisation with a legal-entity ID
//! (شناسه ملی), a foreign national by the foreign nationals' unique code (کد یکتای اتباع) or by
//! passport (گذرنامه), and, for the internal services, an office or official asking by letter.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::{TextFault, ascii_digit, ascii_digits, checked_name, has_letter, normalize};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ApplicantError {
    #[error("the national ID must be 10 digits")]
    NationalIdLength,
    #[error("the national ID's check digit does not match")]
    NationalIdChecksum,
    #[error("the legal-entity ID must be 11 digits")]
    LegalEntityIdLength,
    #[error("the legal-entity ID's check digit does not match")]
    LegalEntityIdChecksum,
    #[error("the name is empty")]
    NameMissing,
    /// Longer than `domain::text::MAX_NAME_CHARS` once normalized.
    #[error("the name is {length} characters long; at most {max} are accepted")]
    NameTooLong { length: usize, max: usize },
    #[error("the name holds the control character {0:?}")]
    NameControlCharacter(char),
    #[error("the name holds the bidi control {0:?}")]
    NameBidiControl(char),
    /// Only spaces, digits, punctuation or invisible characters (ZWNJ, ZWSP, BOM, …).
    #[error("the name has no letter")]
    NameWithoutLetter,
    #[error("the phone number is not a valid Iranian number")]
    PhoneInvalid,
    #[error("the foreign national's unique code must be 12 digits")]
    ForeignCodeLength,
    /// A run of one digit (000000000000 …): what a clerk types to get past the field, never issued.
    #[error("the foreign national's unique code is a placeholder")]
    ForeignCodePlaceholder,
    #[error("the passport number must be 5 to 9 Latin letters and digits, with a digit")]
    PassportInvalid,
    #[error("the letter number is empty")]
    LetterNumberMissing,
    #[error("the letter number must be at most {max} characters, with a digit, and no '|' or control characters")]
    LetterNumberInvalid { max: usize },
}

/// A validated 10-digit national ID, stored as ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NationalId(String);

impl NationalId {
    /// Accepts ASCII, Persian or Arabic digits, with spaces or dashes between them.
    pub fn parse(input: &str) -> Result<Self, ApplicantError> {
        let digits = ascii_digits(input).ok_or(ApplicantError::NationalIdLength)?;
        let values = digit_values(&digits, 10).ok_or(ApplicantError::NationalIdLength)?;
        // A run of one digit passes the checksum but is never issued.
        if values.iter().all(|&d| d == values[0]) {
            return Err(ApplicantError::NationalIdChecksum);
        }
        let sum: u32 = values[..9].iter().zip((2..=10).rev()).map(|(d, weight)| d * weight).sum();
        let remainder = sum % 11;
        let expected = if remainder < 2 { remainder } else { 11 - remainder };
        if values[9] == expected { Ok(Self(digits)) } else { Err(ApplicantError::NationalIdChecksum) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A validated 11-digit legal-entity ID (شناسه ملی اشخاص حقوقی).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LegalEntityId(String);

impl LegalEntityId {
    pub fn parse(input: &str) -> Result<Self, ApplicantError> {
        const WEIGHTS: [u32; 5] = [29, 27, 23, 19, 17];
        let digits = ascii_digits(input).ok_or(ApplicantError::LegalEntityIdLength)?;
        let values = digit_values(&digits, 11).ok_or(ApplicantError::LegalEntityIdLength)?;
        let offset = values[9] + 2;
        let sum: u32 = values[..10].iter().zip(WEIGHTS.iter().cycle()).map(|(d, w)| (d + offset) * w).sum();
        let expected = match sum % 11 {
            10 => 0,
            r => r,
        };
        if values[10] == expected { Ok(Self(digits)) } else { Err(ApplicantError::LegalEntityIdChecksum) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The foreign nationals' unique code (کد یکتای اتباع, also «شناسه فراگیر» or FIDA code): 12
/// digits. No check digit is published for it, so the length and digits are all that is checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ForeignNationalCode(String);

impl ForeignNationalCode {
    /// Accepts ASCII, Persian or Arabic digits, with spaces or dashes between them.
    pub fn parse(input: &str) -> Result<Self, ApplicantError> {
        let digits = ascii_digits(input).ok_or(ApplicantError::ForeignCodeLength)?;
        let values = digit_values(&digits, 12).ok_or(ApplicantError::ForeignCodeLength)?;
        if values.iter().all(|&d| d == values[0]) {
            return Err(ApplicantError::ForeignCodePlaceholder);
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A passport number as the machine-readable zone holds it (ICAO 9303: at most 9 characters,
/// Latin capitals and digits), upper-cased; at least 5 long and with a digit, as every issuing
/// state's numbers are.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PassportNumber(String);

impl PassportNumber {
    pub fn parse(input: &str) -> Result<Self, ApplicantError> {
        let mut number = String::new();
        for c in input.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{200C}')) {
            if number.len() > 9 {
                return Err(ApplicantError::PassportInvalid);
            }
            match c {
                'A'..='Z' | '0'..='9' => number.push(c),
                'a'..='z' => number.push(c.to_ascii_uppercase()),
                _ => number.push(ascii_digit(c).ok_or(ApplicantError::PassportInvalid)?),
            }
        }
        let valid = (5..=9).contains(&number.len()) && number.bytes().any(|b| b.is_ascii_digit());
        if valid { Ok(Self(number)) } else { Err(ApplicantError::PassportInvalid) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The number of the letter an office or official asks with (`۱۲۳/ص/۴۵۶`): normalized text with
/// ASCII digits, so the search finds it however its digits are typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LetterNumber(String);

/// The longest letter number, in characters.
pub const MAX_LETTER_NUMBER_CHARS: usize = 40;

impl LetterNumber {
    pub fn parse(input: &str) -> Result<Self, ApplicantError> {
        let invalid = ApplicantError::LetterNumberInvalid { max: MAX_LETTER_NUMBER_CHARS };
        if input.chars().count() > MAX_LETTER_NUMBER_CHARS * 4 {
            return Err(invalid);
        }
        let text = checked_name(input).map_err(|_| invalid.clone())?;
        let number: String = text.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect();
        if number.is_empty() {
            Err(ApplicantError::LetterNumberMissing)
        } else if number.chars().count() > MAX_LETTER_NUMBER_CHARS
            || number.contains('|')
            || !number.chars().any(|c| c.is_ascii_digit())
        {
            // '|' separates the fields of a document's signed essentials, where this number goes.
            Err(invalid)
        } else {
            Ok(Self(number))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The identity index's key for an identifier, stored or typed in a search: spaces, dashes and
/// ZWNJ dropped, digits in ASCII, Latin letters upper-cased. A national or legal-entity ID is its
/// own key, so the entries written before the other kinds stay as they are.
pub fn identity_search_key(input: &str) -> String {
    normalize(input)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{200C}'))
        .map(|c| ascii_digit(c).unwrap_or(c.to_ascii_uppercase()))
        .collect()
}

fn digit_values(digits: &str, len: usize) -> Option<Vec<u32>> {
    let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    (values.len() == len && digits.len() == len).then_some(values)
}

macro_rules! string_conversions {
    ($ty:ident) => {
        impl TryFrom<String> for $ty {
            type Error = ApplicantError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }
        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
string_conversions!(NationalId);
string_conversions!(LegalEntityId);
string_conversions!(ForeignNationalCode);
string_conversions!(PassportNumber);
string_conversions!(LetterNumber);

/// An Iranian phone number kept as ASCII digits: mobile `09xxxxxxxxx` or landline with area code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, ApplicantError> {
        let digits = ascii_digits(input.trim_start_matches('+')).ok_or(ApplicantError::PhoneInvalid)?;
        let local = match digits.strip_prefix("98") {
            Some(rest) if digits.len() == 12 => format!("0{rest}"),
            _ => digits,
        };
        if local.len() == 11 && local.starts_with('0') && !local.starts_with("00") {
            Ok(Self(local))
        } else {
            Err(ApplicantError::PhoneInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who asks for a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ApplicantIdentity {
    Person {
        national_id: NationalId,
    },
    Organisation {
        legal_entity_id: LegalEntityId,
    },
    ForeignNational {
        unique_code: ForeignNationalCode,
    },
    /// A foreign national without a unique code, by passport.
    Passport {
        passport_number: PassportNumber,
    },
    /// An office or official asking for an internal service by letter; the applicant's name is
    /// the office's or official's.
    Office {
        letter_number: LetterNumber,
        letter_date: chrono::NaiveDate,
    },
}

impl ApplicantIdentity {
    /// The kind's key, which the printed wording (`print-applicant-identity`) selects by.
    pub fn kind_key(&self) -> &'static str {
        match self {
            Self::Person { .. } => "person",
            Self::Organisation { .. } => "organisation",
            Self::ForeignNational { .. } => "foreign-national",
            Self::Passport { .. } => "passport",
            Self::Office { .. } => "office",
        }
    }

    /// An office or official, who asks for internal services; the others are citizens' kinds.
    pub fn is_office(&self) -> bool {
        matches!(self, Self::Office { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub identity: ApplicantIdentity,
    /// Full name of the person, or the registered name of the organisation; normalized.
    pub name: String,
    pub phone: Option<Phone>,
}

impl Applicant {
    /// The window, the command line, `case import` and the tests all make applicants here, so the
    /// name's rules (`domain::text`: at most 200 characters, no control character, no bidi
    /// control, at least one letter) hold for each. A case read back from the store is not
    /// checked again: what was stored before the rules still opens, and prints escaped.
    pub fn new(identity: ApplicantIdentity, name: &str, phone: Option<Phone>) -> Result<Self, ApplicantError> {
        Ok(Self { identity, name: checked_applicant_name(name)?, phone })
    }

    /// The identifier this applicant has: national ID, legal-entity ID, unique code, passport
    /// number, or the number of the office's letter.
    pub fn id_number(&self) -> &str {
        match &self.identity {
            ApplicantIdentity::Person { national_id } => national_id.as_str(),
            ApplicantIdentity::Organisation { legal_entity_id } => legal_entity_id.as_str(),
            ApplicantIdentity::ForeignNational { unique_code } => unique_code.as_str(),
            ApplicantIdentity::Passport { passport_number } => passport_number.as_str(),
            ApplicantIdentity::Office { letter_number, .. } => letter_number.as_str(),
        }
    }
}

/// An applicant's name as it is stored, or the first rule it breaks; a form can check the name
/// field with it alone, before the other fields are valid.
pub fn checked_applicant_name(input: &str) -> Result<String, ApplicantError> {
    let name = checked_name(input).map_err(|fault| match fault {
        TextFault::TooLong { length, max } => ApplicantError::NameTooLong { length, max },
        TextFault::Control(c) => ApplicantError::NameControlCharacter(c),
        TextFault::BidiControl(c) => ApplicantError::NameBidiControl(c),
    })?;
    if name.is_empty() {
        Err(ApplicantError::NameMissing)
    } else if has_letter(&name) {
        Ok(name)
    } else {
        Err(ApplicantError::NameWithoutLetter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_ids_with_correct_check_digit_pass() {
        assert!(NationalId::parse("0012345679").is_ok());
        assert!(NationalId::parse("0499370899").is_ok());
        assert!(NationalId::parse("۰۰۱۲۳۴۵۶۷۹").is_ok(), "Persian digits");
        assert!(NationalId::parse("٠٠١٢٣٤٥٦٧٩").is_ok(), "Arabic digits");
        assert!(NationalId::parse("001-234567-9").is_ok(), "dashes as printed on cards");
    }

    #[test]
    fn national_ids_with_wrong_digit_or_length_fail() {
        assert_eq!(NationalId::parse("0012345678"), Err(ApplicantError::NationalIdChecksum));
        assert_eq!(NationalId::parse("0499370898"), Err(ApplicantError::NationalIdChecksum));
        assert_eq!(NationalId::parse("1111111111"), Err(ApplicantError::NationalIdChecksum));
        assert_eq!(NationalId::parse("001234567"), Err(ApplicantError::NationalIdLength));
        assert_eq!(NationalId::parse("00123456790"), Err(ApplicantError::NationalIdLength));
        assert_eq!(NationalId::parse("00123a5679"), Err(ApplicantError::NationalIdLength));
        assert_eq!(NationalId::parse(""), Err(ApplicantError::NationalIdLength));
    }

    #[test]
    fn remainder_below_two_is_the_check_digit_itself() {
        // 1000000001: weighted sum 10, remainder 10, so the check digit is 11 - 10 = 1.
        assert!(NationalId::parse("1000000001").is_ok());
        // 0000000110: weighted sum 3 + 2 = 5, check digit 6, not 0.
        assert!(NationalId::parse("0000000110").is_err());
        assert!(NationalId::parse("0000000116").is_ok());
    }

    #[test]
    fn legal_entity_ids_checked() {
        assert!(LegalEntityId::parse("10380284790").is_ok());
        assert!(LegalEntityId::parse("10100387162").is_ok());
        assert!(LegalEntityId::parse("۱۴۰۰۳۹۷۶۸۰۲").is_ok());
        assert_eq!(LegalEntityId::parse("10100387160"), Err(ApplicantError::LegalEntityIdChecksum));
        assert_eq!(LegalEntityId::parse("10380284791"), Err(ApplicantError::LegalEntityIdChecksum));
        assert_eq!(LegalEntityId::parse("1010038716"), Err(ApplicantError::LegalEntityIdLength));
    }

    #[test]
    fn phones_normalize_to_local_form() {
        assert_eq!(Phone::parse("۰۹۱۲۳۴۵۶۷۸۹").map(|p| p.0), Ok("09123456789".into()));
        assert_eq!(Phone::parse("+989123456789").map(|p| p.0), Ok("09123456789".into()));
        assert_eq!(Phone::parse("02833345678").map(|p| p.0), Ok("02833345678".into()));
        assert!(Phone::parse("12345").is_err());
        assert!(Phone::parse("0912-ABC").is_err());
    }

    #[test]
    fn applicant_name_is_normalized_and_required() {
        let id = ApplicantIdentity::Person { national_id: NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}")) };
        let a = Applicant::new(id.clone(), " علي  رضايي ", None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.name, "علی رضایی");
        assert_eq!(Applicant::new(id, "   ", None), Err(ApplicantError::NameMissing));
    }

    fn person(name: &str) -> Result<Applicant, ApplicantError> {
        let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
        Applicant::new(ApplicantIdentity::Person { national_id }, name, None)
    }

    #[test]
    fn hostile_names_are_refused_each_with_its_reason() {
        assert_eq!(person("Ali \u{202E}idamhA\u{202C}"), Err(ApplicantError::NameBidiControl('\u{202E}')));
        assert_eq!(person("علی \u{2067}رضا\u{2069}"), Err(ApplicantError::NameBidiControl('\u{2067}')));
        assert_eq!(person("علی\0رضا"), Err(ApplicantError::NameControlCharacter('\0')));
        assert_eq!(person("علی\nرضا"), Err(ApplicantError::NameControlCharacter('\n')), "no line break in a name");
        assert_eq!(person("\u{1B}[31mعلی"), Err(ApplicantError::NameControlCharacter('\u{1B}')));
        assert_eq!(person("علی\u{85}"), Err(ApplicantError::NameControlCharacter('\u{85}')), "C1 control");
        assert_eq!(person(&"ا".repeat(201)), Err(ApplicantError::NameTooLong { length: 201, max: 200 }));
        assert_eq!(person(&"a".repeat(1_000_000)), Err(ApplicantError::NameTooLong { length: 1_000_000, max: 200 }));
        for invisible in
            ["\u{200C}", "\u{200C}\u{200B}\u{200C}", "\u{200D} \u{2060}", "\u{FEFF}\u{AD}\u{FE0F}", "\u{200F}\u{200E}"]
        {
            assert_eq!(person(invisible), Err(ApplicantError::NameWithoutLetter), "{invisible:?}");
        }
    }

    #[test]
    fn persian_names_with_zwnj_and_the_longest_name_pass() {
        let name = "علی\u{200C}رضا محمدی";
        assert_eq!(person(name).map(|a| a.name), Ok(name.to_owned()));
        let longest = "ا".repeat(200);
        assert_eq!(person(&longest).map(|a| a.name.chars().count()), Ok(200));
        assert_eq!(person("Ali\u{200E} احمدی").map(|a| a.name), Ok("Ali\u{200E} احمدی".to_owned()), "LRM mark allowed");
    }

    #[test]
    fn foreign_national_codes_are_twelve_digits_in_any_script() {
        assert_eq!(ForeignNationalCode::parse("۱۲۳۴-۵۶۷۸-۹۰۱۲").map(|c| c.0), Ok("123456789012".into()));
        assert_eq!(ForeignNationalCode::parse("٠٠١٢٣٤٥٦٧٨٩١").map(|c| c.0), Ok("001234567891".into()));
        for wrong_length in ["", "12345678901", "1234567890123", "0012345679", &"1".repeat(1_000_000)] {
            assert_eq!(ForeignNationalCode::parse(wrong_length), Err(ApplicantError::ForeignCodeLength), "{wrong_length:.20}");
        }
        for garbage in ["12345678901a", "۱۲۳۴۵۶۷۸۹۰۱x", "123456 78901２", "1234567890\u{00B2}2", "P12345678901"] {
            assert_eq!(ForeignNationalCode::parse(garbage), Err(ApplicantError::ForeignCodeLength), "{garbage}");
        }
        assert_eq!(ForeignNationalCode::parse("000000000000"), Err(ApplicantError::ForeignCodePlaceholder));
        assert_eq!(ForeignNationalCode::parse("۱۱۱۱۱۱۱۱۱۱۱۱"), Err(ApplicantError::ForeignCodePlaceholder));
    }

    #[test]
    fn passport_numbers_are_latin_capitals_and_digits() {
        assert_eq!(PassportNumber::parse("p 0123-4567").map(|p| p.0), Ok("P01234567".into()));
        assert_eq!(PassportNumber::parse("R۱۲۳۴۵۶۷").map(|p| p.0), Ok("R1234567".into()), "Persian digits");
        assert_eq!(PassportNumber::parse("12345").map(|p| p.0), Ok("12345".into()));
        let refused =
            ["", "P123", "P123456789", "ABCDEFGH", "ب1234567", "P12345\u{0}67", "P1234\u{202E}567", "Ｐ1234567", "P12/34567"];
        for input in refused {
            assert_eq!(PassportNumber::parse(input), Err(ApplicantError::PassportInvalid), "{input:?}");
        }
        assert_eq!(PassportNumber::parse(&"1".repeat(10_000_000)), Err(ApplicantError::PassportInvalid));
    }

    #[test]
    fn letter_numbers_keep_their_text_with_ascii_digits() {
        assert_eq!(LetterNumber::parse(" ۱۲۳/ص/۴۵۶ ").map(|n| n.0), Ok("123/ص/456".into()));
        assert_eq!(LetterNumber::parse("   "), Err(ApplicantError::LetterNumberMissing));
        let invalid = Err(ApplicantError::LetterNumberInvalid { max: MAX_LETTER_NUMBER_CHARS });
        for input in ["ص/الف", "12|34", "12\n34", "12\u{202E}34", &"1".repeat(41), &"۱".repeat(5_000_000)] {
            assert_eq!(LetterNumber::parse(input), invalid, "{input:.20?}");
        }
        assert!(LetterNumber::parse(&"1".repeat(40)).is_ok());
    }

    #[test]
    fn every_kind_has_its_key_and_its_identifier() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let ok = |r: Result<ApplicantIdentity, ApplicantError>| r.unwrap_or_else(|e| panic!("{e}"));
        let kinds = [
            (ok(NationalId::parse("0012345679").map(|national_id| ApplicantIdentity::Person { national_id })), "person"),
            (
                ok(LegalEntityId::parse("10380284790")
                    .map(|legal_entity_id| ApplicantIdentity::Organisation { legal_entity_id })),
                "organisation",
            ),
            (
                ok(ForeignNationalCode::parse("123456789012")
                    .map(|unique_code| ApplicantIdentity::ForeignNational { unique_code })),
                "foreign-national",
            ),
            (
                ok(PassportNumber::parse("P01234567").map(|passport_number| ApplicantIdentity::Passport { passport_number })),
                "passport",
            ),
            (
                ok(LetterNumber::parse("۱۲/ص")
                    .map(|letter_number| ApplicantIdentity::Office { letter_number, letter_date: date })),
                "office",
            ),
        ];
        for (identity, key) in kinds {
            assert_eq!((identity.kind_key(), identity.is_office()), (key, key == "office"));
            let applicant = Applicant::new(identity, "دفتر امور اتباع", None).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(identity_search_key(&applicant.id_number().to_lowercase()), applicant.id_number(), "{key}");
        }
        assert_eq!(identity_search_key(" ۱۲/ص "), "12/ص");
        assert_eq!(identity_search_key("p0123 4567"), "P01234567");
        assert_eq!(identity_search_key("12-345"), identity_search_key("۱۲۳۴۵"));
        assert_eq!(identity_search_key("۰۰۱-۲۳۴۵۶۷-۹"), "0012345679");
    }
}

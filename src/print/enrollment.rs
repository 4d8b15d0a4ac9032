//! The province hub's enrolment sheet (issue 15, finding 3): one A4 page that carries the hub's
//! key to a district by hand. It holds the `bakhshyar sync trust` line to run at the district, as
//! text and as a QR code, and the fingerprints of both keys, so that the district checks the key
//! it trusted against the paper and the hub checks the district's key against what the district
//! read out. Laid out with `sheet`, as the recovery sheet is.

use chrono::{DateTime, Utc};

use super::PrintError;
use super::sheet::{BODY_SIZE, Sheet, made_on};
use crate::i18n::{Language, Localizer};
use crate::shaping::{Fonts, Weight};
use crate::signing::PublicKey;

/// What the sheet shows: public keys only, nothing secret.
#[derive(Debug, Clone, Copy)]
pub struct EnrollmentSheet<'a> {
    /// The hub's id, as `bakhshyar-hub init --id` set it.
    pub hub_id: &'a str,
    /// ASCII digits.
    pub district_code: &'a str,
    /// The hub's signing key: the one the district must trust.
    pub hub_key: PublicKey,
    /// The key the hub enrolled for the district.
    pub district_key: PublicKey,
    pub language: Language,
    pub now: DateTime<Utc>,
}

impl EnrollmentSheet<'_> {
    /// The command the district's administrator runs to trust this hub: on the sheet as text and
    /// in its QR code, and what `bakhshyar-hub enroll` prints.
    pub fn trust_line(&self) -> String {
        format!("bakhshyar sync trust --hub-id {} --key {}", self.hub_id, self.hub_key.to_hex())
    }
}

/// The QR code's side in points: 5.6 cm, the trust line's ~120 letters in modules a phone reads
/// at arm's length.
const QR_SIDE: f32 = 160.0;
/// The largest size of a fingerprint's letters.
const FINGERPRINT_SIZE: f32 = 22.0;

/// The sheet as PDF bytes.
pub fn render_enrollment_sheet(sheet: &EnrollmentSheet<'_>) -> Result<Vec<u8>, PrintError> {
    let loc = Localizer::shared(sheet.language);
    let line = sheet.trust_line();
    let mut page = Sheet::new(Fonts::shared().ok_or(PrintError::Font)?, sheet.language.is_rtl());
    let title = loc.text("enrollment-sheet-title", &[]);
    page.heading(&title);
    page.fields(&[
        (loc.text("enrollment-sheet-hub", &[]), sheet.hub_id.to_owned()),
        (loc.text("enrollment-sheet-district-code", &[]), loc.digits(sheet.district_code)),
        (loc.text("enrollment-sheet-made-on", &[]), made_on(loc, sheet.now)),
    ]);
    let keys =
        [("enrollment-sheet-hub-fingerprint", sheet.hub_key), ("enrollment-sheet-district-fingerprint", sheet.district_key)];
    for (id, key) in keys {
        page.advance(34.0);
        page.centred(&loc.text(id, &[]), Weight::Bold, BODY_SIZE, 0.25);
        page.code(&key.fingerprint(), FINGERPRINT_SIZE);
    }
    page.advance(30.0);
    page.centred(&loc.text("enrollment-sheet-command", &[]), Weight::Bold, BODY_SIZE, 0.25);
    page.command(&line, 0.0);
    page.qr(&line, QR_SIDE, PrintError::EnrollmentLine)?;
    page.advance(28.0);
    page.rule();
    for id in ["enrollment-sheet-carry", "enrollment-sheet-check", "enrollment-sheet-network"] {
        page.bullet(&loc.text(id, &[]));
    }
    page.finish(&title)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::print::sheet::tests::{read_back, scanned};

    /// RFC 8032's first two test keys, and their fingerprints (`signing`'s tests).
    const HUB_KEY: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const DISTRICT_KEY: &str = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    const HUB_FINGERPRINT: &str = "47Z3-3QX1-AJH6-2RKB-Z1A0-8VYJ-4WDQ-QVAB";
    const DISTRICT_FINGERPRINT: &str = "77VH-7M56-8GJK-Y12J-JGGV-KX8V-KC49-F788";

    fn key(hex: &str) -> PublicKey {
        PublicKey::from_hex(hex).unwrap_or_else(|e| panic!("{e}"))
    }

    fn sheet(language: Language) -> EnrollmentSheet<'static> {
        // 2 Azar 1405, 13:30 in Iran.
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().unwrap_or_else(|| panic!("date"));
        EnrollmentSheet {
            hub_id: "province-hub",
            district_code: "21",
            hub_key: key(HUB_KEY),
            district_key: key(DISTRICT_KEY),
            language,
            now,
        }
    }

    fn rendered(language: Language) -> Vec<u8> {
        let bytes = render_enrollment_sheet(&sheet(language)).unwrap_or_else(|e| panic!("{e}"));
        super::super::sheet::tests::kept_for_a_look("enrollment-sheet", language, bytes)
    }

    #[test]
    fn the_trust_line_is_the_command_the_district_runs() {
        let line = sheet(Language::Persian).trust_line();
        assert_eq!(line, format!("bakhshyar sync trust --hub-id province-hub --key {HUB_KEY}"));
    }

    #[test]
    fn the_sheet_reads_back_in_logical_order_in_both_languages() {
        let line = sheet(Language::Persian).trust_line();
        for language in Language::ALL {
            let bytes = rendered(language);
            let lines = read_back(&bytes);
            let (title, date, district_code) = match language {
                Language::Persian => ("برگه ثبت بخش در مرکز استان", "۱۴۰۵/۰۹/۰۲", "۲۱"),
                Language::English => ("Province hub enrolment sheet", "1405/09/02", "21"),
            };
            assert!(lines.iter().any(|l| l == title), "{language:?}: {lines:#?}");
            // Each fingerprint and the trust line alone on its line, in order and as ASCII.
            for exact in [HUB_FINGERPRINT, DISTRICT_FINGERPRINT, line.as_str()] {
                assert!(lines.iter().any(|l| l == exact), "{language:?} lacks {exact}: {lines:#?}");
            }
            let hub_at = lines.iter().position(|l| l == HUB_FINGERPRINT);
            assert!(hub_at < lines.iter().position(|l| l == DISTRICT_FINGERPRINT), "the hub's first: {lines:#?}");
            let all = lines.join("\n");
            for value in ["province-hub", date, district_code] {
                assert!(all.contains(value), "{language:?} lacks {value}: {lines:#?}");
            }
            assert!(!all.contains("enrollment-sheet-"), "a message is missing: {lines:#?}");
            assert_eq!(lines.iter().filter(|l| l.starts_with("\u{2022} ")).count(), 3, "{language:?}: {lines:#?}");
        }
    }

    /// The page as a printer and a phone see it: the QR code holds exactly the trust line.
    #[test]
    fn the_qr_code_scans_back_to_the_trust_line() {
        let line = sheet(Language::Persian).trust_line();
        for language in Language::ALL {
            assert_eq!(scanned(&rendered(language)), [line.as_str()], "{language:?}");
        }
    }

    #[test]
    fn a_trust_line_too_long_for_a_qr_code_is_refused() {
        let id = "h".repeat(5000);
        let result = render_enrollment_sheet(&EnrollmentSheet { hub_id: &id, ..sheet(Language::Persian) });
        assert_eq!(result, Err(PrintError::EnrollmentLine));
        let message = PrintError::EnrollmentLine.message(Localizer::shared(Language::Persian), str::to_owned);
        assert!(message.starts_with("برگه"), "{message}");
    }
}

//! The administrator's recovery sheet: one A4 page holding the recovery code as letters to type
//! and as a QR code to scan, with what the sheet is for and how to use it. Laid out with `sheet`.

use chrono::{DateTime, Utc};

use super::PrintError;
use super::sheet::{BODY_SIZE, Sheet, made_on};
use crate::i18n::{Language, Localizer};
use crate::shaping::{Fonts, Weight};

/// What the sheet shows. No `Debug`: the code is as good as a password, and a derived `Debug`
/// would let a stray `?sheet` in a log line write it out.
#[derive(Clone, Copy)]
pub struct RecoverySheet<'a> {
    pub district_name: &'a str,
    /// ASCII digits.
    pub district_code: &'a str,
    /// The administrator's account name.
    pub administrator: &'a str,
    /// Printable ASCII (`7K3M-0QXZ-…`), printed as it is so that it can be typed back.
    pub recovery_code: &'a str,
    pub language: Language,
    pub now: DateTime<Utc>,
}

/// The QR code's side in points: 5 cm, easy for a phone at arm's length.
const QR_SIDE: f32 = 142.0;
/// The largest size of the code's letters; a longer code than the usual 24 characters is set smaller.
const CODE_SIZE: f32 = 26.0;

/// The sheet as PDF bytes. The bytes hold the code: the caller prints them and keeps no copy.
pub fn render_recovery_sheet(sheet: &RecoverySheet<'_>) -> Result<Vec<u8>, PrintError> {
    let code = sheet.recovery_code;
    if !typeable(code) {
        return Err(PrintError::RecoveryCode);
    }
    let loc = Localizer::shared(sheet.language);
    let mut page = Sheet::new(Fonts::shared().ok_or(PrintError::Font)?, sheet.language.is_rtl());
    let title = loc.text("recovery-sheet-title", &[]);
    page.heading(&title);
    page.fields(&[
        (loc.text("recovery-sheet-district", &[]), sheet.district_name.to_owned()),
        (loc.text("recovery-sheet-district-code", &[]), loc.digits(sheet.district_code)),
        (loc.text("recovery-sheet-administrator", &[]), sheet.administrator.to_owned()),
        (loc.text("recovery-sheet-made-on", &[]), made_on(loc, sheet.now)),
    ]);
    page.advance(40.0);
    page.centred(&loc.text("recovery-sheet-code", &[]), Weight::Bold, BODY_SIZE, 0.25);
    page.code(code, CODE_SIZE);
    page.qr(code, QR_SIDE, PrintError::RecoveryCode)?;
    page.advance(30.0);
    page.rule();
    let steps = ["recovery-sheet-keep", "recovery-sheet-anyone", "recovery-sheet-use", "recovery-sheet-after"];
    for id in steps {
        page.bullet(&loc.text(id, &[]));
        if id == "recovery-sheet-use" {
            page.command(&loc.text("recovery-sheet-command", &[]), 2.0 * BODY_SIZE);
        }
    }
    page.finish(&title)
}

/// Printable ASCII with no space at either end: what a keyboard types back in either layout.
fn typeable(code: &str) -> bool {
    !code.is_empty() && code.trim() == code && code.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::print::sheet::tests::{read_back, scanned};

    const CODE: &str = "7K3M-0QXZ-A1B2-C3D4-E5F6";
    const ADMIN: &str = "علی‌رضا محمدی";
    const COMMAND: &str = "bakhshyar recover --admin NAME --recovery-code-file FILE --new-password-file FILE";

    fn sheet(language: Language) -> RecoverySheet<'static> {
        // 2 Azar 1405, 13:30 in Iran.
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().unwrap_or_else(|| panic!("date"));
        RecoverySheet {
            district_name: "آبگرم", district_code: "12", administrator: ADMIN, recovery_code: CODE, language, now
        }
    }

    fn rendered(language: Language) -> Vec<u8> {
        let bytes = render_recovery_sheet(&sheet(language)).unwrap_or_else(|e| panic!("{e}"));
        super::super::sheet::tests::kept_for_a_look("recovery-sheet", language, bytes)
    }

    #[test]
    fn the_sheet_reads_back_in_logical_order_in_both_languages() {
        for language in Language::ALL {
            let bytes = rendered(language);
            let lines = read_back(&bytes);
            let (title, date, district_code) = match language {
                Language::Persian => ("برگه بازیابی گذرواژه مدیر سامانه", "۱۴۰۵/۰۹/۰۲", "۱۲"),
                Language::English => ("Administrator password recovery sheet", "1405/09/02", "12"),
            };
            assert!(lines.iter().any(|l| l == title), "{language:?}: {lines:#?}");
            // The code alone on its line, in order and as ASCII, so it can be typed from the sheet.
            assert!(lines.iter().any(|l| l == CODE), "{language:?}: {lines:#?}");
            assert!(lines.iter().any(|l| l == COMMAND), "{language:?}: {lines:#?}");
            let all = lines.join("\n");
            for value in [ADMIN, "آبگرم", date, district_code] {
                assert!(all.contains(value), "{language:?} lacks {value}: {lines:#?}");
            }
            assert!(!all.contains("recovery-sheet-"), "a message is missing: {lines:#?}");
            assert_eq!(lines.iter().filter(|l| l.starts_with("\u{2022} ")).count(), 4, "{language:?}: {lines:#?}");
        }
    }

    /// The page as a printer and a phone see it: rasterised by poppler, the QR code read by rqrr.
    #[test]
    fn the_qr_code_scans_back_to_the_recovery_code() {
        for language in Language::ALL {
            assert_eq!(scanned(&rendered(language)), [CODE], "{language:?}");
        }
    }

    #[test]
    fn a_code_that_cannot_be_typed_or_scanned_back_is_refused() {
        let too_long = "x".repeat(5000);
        for code in ["", " 7K3M", "7K3M\n0QXZ", "کد-۱۲۳۴", too_long.as_str()] {
            let result = render_recovery_sheet(&RecoverySheet { recovery_code: code, ..sheet(Language::Persian) });
            assert_eq!(result, Err(PrintError::RecoveryCode), "{code:?}");
        }
        let message = PrintError::RecoveryCode.message(Localizer::shared(Language::Persian), str::to_owned);
        assert!(message.starts_with("کد بازیابی"), "{message}");
    }
}

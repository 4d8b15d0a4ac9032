//! Persian text rules from DESIGN.md: how text is stored and how it is folded for search, and
//! which text is refused at the edge (issue 16): too long, control characters, bidi controls.
//!
//! **What is refused**, in names and in free text (notes, revocation reasons, issue conditions):
//! - *control characters* (Unicode category Cc: NUL and the other C0 controls, DEL, the C1
//!   controls): a terminal takes ESC or CSI as a command, and NUL cuts C strings short. Free text
//!   may hold a tab or a line break (`\t`, `\n`, `\r`), which a paste from another program
//!   brings: [`normalize`] turns them into one space, so no note, reason or condition is stored
//!   with them. A name may hold none of them.
//! - the *explicit bidi embeddings, overrides and isolates* U+202A–U+202E and U+2066–U+2069: they
//!   reorder everything up to their end, so «Ali \u{202E}idamhA\u{202C}» shows as «Ali Ahmadi»
//!   while it is stored and searched as something else. They are refused, never stripped:
//!   [`normalize`] does not remove them, and a name that needs them is not a name.
//! - The *marks* LRM, RLM and ALM (U+200E, U+200F, U+061C) are allowed: they open no scope, so
//!   they cannot turn the rest of a line around, and the Persian standard keyboard (ISIRI 9147)
//!   types them for a name or note that mixes Persian and Latin.
//! - ZWNJ (U+200C) belongs to Persian spelling («علی‌رضا») and is allowed, as are the other
//!   invisible characters (ZWJ, ZWSP, word joiner, BOM, soft hyphen, variation selectors) inside
//!   a name; but a name must have at least one letter ([`has_letter`]), so a name made only of
//!   invisible characters, spaces, digits or punctuation is refused.
//!
//! **Lengths**, counted in characters (Unicode scalar values) of the stored, normalized text:
//! - a name: [`MAX_NAME_CHARS`] = 200. A person's full name rarely passes 60 characters and the
//!   longest registered names of organisations («شرکت تعاونی …») about 120; 200 still fits the
//!   name's line on a printed permit and a row of the search list.
//! - a note, revocation reason or issue condition: [`MAX_FREE_TEXT_CHARS`] = 2,000, about a page
//!   of typed Persian: more than any note at the counter or condition on a permit needs, small
//!   enough that every event stays small in the store, in sync batches and on the screen.
//!
//! Text stored before these rules (or received whole from elsewhere) may still hold such
//! characters, so what is printed on a terminal goes through [`terminal_safe`] regardless.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const ZWNJ: char = '\u{200C}';
const TATWEEL: char = '\u{0640}';

/// Text as it is stored: NFC, Persian ی and ک, surrounding and repeated spaces collapsed.
/// ZWNJ is kept, since it belongs to the spelling of the word.
pub fn normalize(input: &str) -> String {
    let mapped: String = input
        .nfc()
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            other => other,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text as it is compared in search: normalized, then ي/ی, ك/ک, ة/ه, أ/إ/آ/ا folded,
/// Arabic-Indic and Persian digits made ASCII, Latin lowercased, ZWNJ, tatweel and
/// Arabic diacritics removed.
pub fn fold(input: &str) -> String {
    normalize(input)
        .chars()
        .filter(|&c| c != ZWNJ && c != TATWEEL && !is_arabic_diacritic(c))
        .map(fold_char)
        .flat_map(char::to_lowercase)
        .collect()
}

fn fold_char(c: char) -> char {
    match c {
        'ة' => 'ه',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        'ئ' => 'ی',
        _ => ascii_digit(c).unwrap_or(c),
    }
}

/// The ASCII digit for an ASCII, Persian (U+06F0..) or Arabic-Indic (U+0660..) digit.
pub fn ascii_digit(c: char) -> Option<char> {
    let value = match c {
        '0'..='9' => return Some(c),
        '\u{06F0}'..='\u{06F9}' => u32::from(c) - 0x06F0,
        '\u{0660}'..='\u{0669}' => u32::from(c) - 0x0660,
        _ => return None,
    };
    char::from_digit(value, 10)
}

/// Keeps only the digits of `input`, as ASCII; `None` if anything else but spaces and dashes is there.
pub fn ascii_digits(input: &str) -> Option<String> {
    input.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{200C}')).map(ascii_digit).collect()
}

fn is_arabic_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The longest applicant name, in characters of its normalized form (see the module's rules).
pub const MAX_NAME_CHARS: usize = 200;

/// The longest note, revocation reason or issue condition, in characters of its normalized form.
pub const MAX_FREE_TEXT_CHARS: usize = 2_000;

/// Why a name or a free text is refused; the name's and the case's errors each say it their way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFault {
    /// `length` characters once normalized, more than `max`.
    TooLong { length: usize, max: usize },
    /// A control character (Unicode category Cc).
    Control(char),
    /// An explicit bidi embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
    BidiControl(char),
}

/// An explicit bidi embedding, override or isolate, or the end of one: U+202A–U+202E (LRE, RLE,
/// PDF, LRO, RLO) and U+2066–U+2069 (LRI, RLI, FSI, PDI). The marks LRM, RLM and ALM are not.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An applicant's name as it is stored ([`normalize`]d), or why it is refused: any control
/// character (a line break too), a bidi control, more than [`MAX_NAME_CHARS`] characters. A blank
/// name comes back empty, and whether it has a letter is [`has_letter`]'s to say.
pub fn checked_name(input: &str) -> Result<String, TextFault> {
    refuse_first(input, char::is_control)?;
    within(normalize(input), MAX_NAME_CHARS)
}

/// A note, revocation reason or issue condition as it is stored ([`normalize`]d, so a tab or a
/// line break in it becomes a space), or why it is refused: any other control character, a bidi
/// control, more than [`MAX_FREE_TEXT_CHARS`] characters. Blank text comes back empty.
pub fn checked_free_text(input: &str) -> Result<String, TextFault> {
    refuse_first(input, |c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    within(normalize(input), MAX_FREE_TEXT_CHARS)
}

/// Whether `text` has a letter: a character that is alphabetic and not a combining mark (an
/// Arabic diacritic alone is no letter), so spaces, digits, punctuation and invisible characters
/// (ZWNJ, ZWJ, ZWSP, word joiner, BOM, soft hyphen, variation selectors, …) alone have none.
pub fn has_letter(text: &str) -> bool {
    text.chars().any(|c| c.is_alphabetic() && !is_combining_mark(c))
}

/// The first character of `input` that is a refused control (by `control`) or a bidi control.
fn refuse_first(input: &str, control: impl Fn(char) -> bool) -> Result<(), TextFault> {
    match input.chars().find(|&c| control(c) || is_bidi_control(c)) {
        Some(c) if is_bidi_control(c) => Err(TextFault::BidiControl(c)),
        Some(c) => Err(TextFault::Control(c)),
        None => Ok(()),
    }
}

fn within(text: String, max: usize) -> Result<String, TextFault> {
    let length = text.chars().count();
    if length > max { Err(TextFault::TooLong { length, max }) } else { Ok(text) }
}

/// Text as it may be printed on a terminal: every control character (Cc, line breaks included,
/// since each printed field is one line), bidi control ([`is_bidi_control`]) and line or
/// paragraph separator (U+2028, U+2029) is shown as a visible escape such as `\u{202E}`, and the
/// rest is left as it is (Persian letters, ZWNJ and the LRM/RLM marks included). For names, notes
/// and the like read from the store, where text from before the rules or from elsewhere may hold
/// them: a terminal would take ESC as a command, and an override would turn the line around.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            // Writing to a `String` cannot fail.
            let _ = write!(safe, "\\u{{{:X}}}", u32::from(c));
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_uses_persian_letters_and_keeps_zwnj() {
        assert_eq!(normalize("  علي   رضا "), "علی رضا");
        assert_eq!(normalize("كد"), "کد");
        assert_eq!(normalize("می\u{200C}روم"), "می\u{200C}روم");
    }

    #[test]
    fn fold_ignores_spelling_variants() {
        assert_eq!(fold("علي‌رضا"), fold("علیرضا"));
        assert_eq!(fold("فاطمة"), fold("فاطمه"));
        assert_eq!(fold("كريم"), fold("کریم"));
        assert_eq!(fold("۰۰۱۲"), "0012");
        assert_eq!(fold("٠٠١٢"), "0012");
        assert_eq!(fold("محـــمد"), fold("محمد"));
        assert_eq!(fold("مُحَمَّد"), fold("محمد"));
        assert_eq!(fold("Ali"), "ali");
    }

    #[test]
    fn names_refuse_controls_bidi_controls_and_length() {
        assert_eq!(checked_name("Ali \u{202E}idamhA\u{202C}"), Err(TextFault::BidiControl('\u{202E}')));
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
            assert_eq!(checked_name(&format!("علی{c}رضا")), Err(TextFault::BidiControl(c)), "{c:?}");
        }
        for c in ['\0', '\u{1}', '\u{1B}', '\t', '\n', '\r', '\u{7F}', '\u{85}', '\u{9B}', '\u{9F}'] {
            assert_eq!(checked_name(&format!("علی{c}رضا")), Err(TextFault::Control(c)), "{c:?}");
        }
        assert_eq!(checked_name("Ali\0"), Err(TextFault::Control('\0')), "NUL");
        let longest = "ب".repeat(MAX_NAME_CHARS);
        assert_eq!(checked_name(&longest).as_deref(), Ok(longest.as_str()), "200 characters");
        let over = "ب".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(checked_name(&over), Err(TextFault::TooLong { length: 201, max: 200 }));
        assert_eq!(checked_name(&format!("  {longest}   ")).map(|n| n.chars().count()), Ok(200), "counted once normalized");
        // The marks, ZWNJ and the other invisible characters inside a name are not refused here.
        for kept in ["علی\u{200C}رضا محمدی", "Ali\u{200E} رضا", "رضا\u{200F}", "علی\u{200B}رضا", "\u{FEFF}علی"]
        {
            assert_eq!(checked_name(kept).as_deref(), Ok(kept), "{kept:?}");
        }
    }

    #[test]
    fn free_text_keeps_line_breaks_as_spaces_and_refuses_other_controls() {
        assert_eq!(checked_free_text("خط یک\nخط دو\r\n\tسه").as_deref(), Ok("خط یک خط دو سه"));
        assert_eq!(checked_free_text("یادداشت\0"), Err(TextFault::Control('\0')));
        assert_eq!(checked_free_text("\u{1B}[2J"), Err(TextFault::Control('\u{1B}')));
        assert_eq!(checked_free_text("دلیل \u{2067}x\u{2069}"), Err(TextFault::BidiControl('\u{2067}')));
        let longest = "ی".repeat(MAX_FREE_TEXT_CHARS);
        assert!(checked_free_text(&longest).is_ok());
        assert_eq!(checked_free_text(&format!("{longest}ی")), Err(TextFault::TooLong { length: 2_001, max: 2_000 }));
        assert_eq!(checked_free_text("   ").as_deref(), Ok(""));
    }

    #[test]
    fn a_name_needs_a_letter() {
        assert!(has_letter("علی\u{200C}رضا"));
        assert!(has_letter("Ali"));
        for invisible in
            ["\u{200C}", "\u{200C}\u{200B}", "\u{200D}\u{2060}\u{FEFF}\u{AD}", "\u{FE0F}\u{200E}", "۱۲۳", "...", "\u{064B}"]
        {
            assert!(!has_letter(invisible), "{invisible:?}");
        }
    }

    #[test]
    fn terminal_safe_escapes_controls_and_bidi_controls_only() {
        assert!(matches!(terminal_safe("علی\u{200C}رضا\u{200F}"), Cow::Borrowed(_)));
        assert_eq!(terminal_safe("Ali \u{202E}idamhA\u{202C}"), "Ali \\u{202E}idamhA\\u{202C}");
        assert_eq!(terminal_safe("\u{1B}[2J\0\n\u{9B}\u{2028}\u{2066}"), "\\u{1B}[2J\\u{0}\\u{A}\\u{9B}\\u{2028}\\u{2066}");
    }

    #[test]
    fn ascii_digits_accepts_any_script() {
        assert_eq!(ascii_digits("۰۰۱۲-۳۴").as_deref(), Some("001234"));
        assert_eq!(ascii_digits("12a"), None);
    }
}

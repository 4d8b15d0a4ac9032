//! Persian text rules from DESIGN.md: how text is stored and how it is folded for search.

use unicode_normalization::UnicodeNormalization;

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
    fn ascii_digits_accepts_any_script() {
        assert_eq!(ascii_digits("۰۰۱۲-۳۴").as_deref(), Some("001234"));
        assert_eq!(ascii_digits("12a"), None);
    }
}

//! Persian digits: the one place where digits are mapped for display.

/// Replaces ASCII digits with Persian ones (U+06F0..U+06F9); everything else is kept.
pub fn to_persian(input: &str) -> String {
    input
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x06F0 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ascii_digits_change() {
        assert_eq!(to_persian("کد 0012-345"), "کد ۰۰۱۲-۳۴۵");
        assert_eq!(to_persian("abc"), "abc");
    }
}

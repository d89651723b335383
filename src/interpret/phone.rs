//! Indonesian mobile numbers: "0812-3456-7890", "0812 3456 7890", "+62 812 3456 7890",
//! "62 812.3456.7890", all with the normal form `081234567890`.
//!
//! A mobile number starts with 08 (or 62 8 for the country code, whose "+" the tokenizer
//! drops) and has 10 to 13 digits in the 08 form. The reader runs before dates, money and
//! quantities and marks its tokens used, so no digit of a number becomes a price, a day or a
//! part count.

use super::normalize::Token;

/// Digits of a mobile number in the 08 form.
const MIN_DIGITS: usize = 10;
const MAX_DIGITS: usize = 13;

/// Minimum digits in a group after the first ("0812 3456 7890"); shorter numbers after a phone
/// number are counts ("0812 3456 7890 2 pcs").
const MIN_GROUP_DIGITS: usize = 3;

/// A phone number found in a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Phone {
    /// Normal form, e.g. `081234567890`.
    pub number: String,
    /// Token range `[start, end)` that spells the number.
    pub start: usize,
    pub end: usize,
}

/// Finds the first mobile number in the tokens not yet `used`.
pub fn find(tokens: &[Token], used: &[bool]) -> Option<Phone> {
    (0..tokens.len()).find_map(|start| phone_at(tokens, used, start))
}

/// Returns the normal form of a number written on its own ("0812-3456-7890"), or `None` when
/// the text is not an Indonesian mobile number.
pub fn normalize(text: &str) -> Option<String> {
    let tokens = super::normalize::tokenize(text);
    let used = vec![false; tokens.len()];
    let words = tokens.iter().filter(|token| token.is_word()).count();
    phone_at(&tokens, &used, 0).filter(|phone| phone.end == tokens.len() && phone.end - phone.start == words)
        .map(|phone| phone.number)
}

/// Reads the longest valid number that starts at token `start`.
fn phone_at(tokens: &[Token], used: &[bool], start: usize) -> Option<Phone> {
    let first = digits_of(tokens.get(start)?, used[start])?;
    if !(first.starts_with('0') || first.starts_with("62")) {
        return None;
    }

    let mut digits = first;
    let mut best = normal_form(&digits).map(|number| (number, start + 1));
    let mut next = start + 1;
    while let Some(group) = tokens.get(next).and_then(|token| digits_of(token, used[next])) {
        if group.len() < MIN_GROUP_DIGITS {
            break;
        }
        digits.push_str(&group);
        if digits.len() > MAX_DIGITS + 1 {
            break;
        }
        next += 1;
        if let Some(number) = normal_form(&digits) {
            best = Some((number, next));
        }
    }

    best.map(|(number, end)| Phone { number, start, end })
}

/// Returns the digits of a word made only of digits and the joiners `-` and `.`; `None` otherwise.
fn digits_of(token: &Token, used: bool) -> Option<String> {
    if used || !token.is_word() {
        return None;
    }
    let text = token.low.as_str();
    let allowed = text.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.');
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (allowed && !digits.is_empty()).then_some(digits)
}

/// Converts digits to the 08 form when they make a mobile number.
fn normal_form(digits: &str) -> Option<String> {
    let local = match digits.strip_prefix("62") {
        Some(rest) => format!("0{rest}"),
        None => digits.to_string(),
    };
    let valid = local.starts_with("08") && (MIN_DIGITS..=MAX_DIGITS).contains(&local.len());
    valid.then_some(local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn phone(line: &str) -> Option<String> {
        let tokens = tokenize(line);
        let used = vec![false; tokens.len()];
        find(&tokens, &used).map(|phone| phone.number)
    }

    #[test]
    fn written_forms() {
        let cases: &[(&str, Option<&str>)] = &[
            ("0812-3456-7890", Some("081234567890")),
            ("0812 3456 7890", Some("081234567890")),
            ("0812.3456.7890", Some("081234567890")),
            ("081234567890", Some("081234567890")),
            ("+62 812 3456 7890", Some("081234567890")),
            ("+6281234567890", Some("081234567890")),
            ("62 812-3456-7890", Some("081234567890")),
            ("+62-812-3456-789", Some("08123456789")),
            ("hp 0857 1234 5678 ya", Some("085712345678")),
            ("0812 3456 7890 2 pcs", Some("081234567890")),
            ("0812", None),
            ("150.000", None),
            ("021 555 1234", None),
            ("tgl 08", None),
            ("1000uF 25V", None),
            ("0812345678901234", None),
        ];
        for (line, want) in cases {
            assert_eq!(phone(line).as_deref(), *want, "line {line:?}");
        }
    }

    #[test]
    fn normalize_whole_text() {
        assert_eq!(normalize("0812-3456-7890").as_deref(), Some("081234567890"));
        assert_eq!(normalize("+62 812 3456 7890").as_deref(), Some("081234567890"));
        assert_eq!(normalize("Pak Budi"), None);
        assert_eq!(normalize("0812 3456 7890 Pak"), None);
    }
}

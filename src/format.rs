//! Formatting of values for people: Rupiah, Indonesian dates, quantities, statuses.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};

use crate::interpret::Status;
use crate::report::model::{format_date_id, format_quantity_id, format_rupiah};

/// "Rp 1.500.000"; negative amounts keep their sign.
pub fn rupiah(amount: i64) -> String {
    format_rupiah(amount)
}

/// "Jumat, 4 Des 2026".
pub fn date(day: NaiveDate) -> String {
    format_date_id(day)
}

/// "Jumat, 4 Des 2026 08.00" (Indonesian writes the time with a dot).
pub fn date_time(time: &DateTime<FixedOffset>) -> String {
    format!("{} {:02}.{:02}", date(time.date_naive()), time.hour(), time.minute())
}

/// "10" for whole numbers, "1,5" otherwise.
pub fn quantity(value: f64) -> String {
    format_quantity_id(value, "")
}


/// "0812-3456-7890": a mobile number in its normal form as Indonesians write it, four digits,
/// four digits, then the rest.
pub fn phone(number: &str) -> String {
    let digits: Vec<char> = number.chars().collect();
    if !number.is_ascii() || digits.len() <= 8 {
        return number.to_string();
    }
    let group = |range: std::ops::Range<usize>| digits[range].iter().collect::<String>();
    format!("{}-{}-{}", group(0..4), group(4..8), group(8..digits.len()))
}

/// Returns the status as the user reads it.
pub fn status(status: Status) -> &'static str {
    match status {
        Status::Masuk => "masuk",
        Status::Proses => "sedang dikerjakan",
        Status::TungguPart => "tunggu part",
        Status::Selesai => "selesai",
        Status::Diambil => "sudah diambil",
        Status::Batal => "batal",
    }
}

/// Upper-cases the first letter only ("tv" stays as written when it is a brand-less device).
pub fn device(device: &str) -> String {
    match device {
        "tv" | "hp" | "pc" | "ac" => device.to_uppercase(),
        other => other.to_string(),
    }
}

/// Makes stored or generated text safe to print on a terminal.
///
/// Records keep exactly what the user typed, escape sequences included, so the terminal must
/// never receive them raw: an ESC could recolour, move the cursor, retitle the window or clear
/// the screen. C0 controls and DEL are shown in caret notation (ESC becomes `^[`), except line
/// feed and tab; C1 controls and the bidirectional overrides that reorder text on screen
/// become U+FFFD.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let needs_change = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
    if !text.chars().any(needs_change) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1f}' => {
                out.push('^');
                out.push((c as u8 + b'@') as char);
            }
            '\u{7f}' => out.push_str("^?"),
            c if c.is_control() || is_bidi_control(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Prints a line of text for the user on stdout, made safe with [`terminal_safe`].
pub fn say(text: &str) {
    println!("{}", terminal_safe(text));
}

/// Prints a line of text for the user on stderr, made safe with [`terminal_safe`].
pub fn say_error(text: &str) {
    eprintln!("{}", terminal_safe(text));
}

/// Unicode bidirectional embedding, override and isolate controls.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_groups_thousands() {
        let cases = [(0, "Rp 0"), (999, "Rp 999"), (150_000, "Rp 150.000"), (1_500_000, "Rp 1.500.000"), (-25_000, "-Rp 25.000")];
        for (amount, expected) in cases {
            assert_eq!(rupiah(amount), expected);
        }
    }

    #[test]
    fn date_is_indonesian() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(date(day), "Jumat, 4 Des 2026");
        let time = DateTime::parse_from_rfc3339("2026-12-05T08:05:00+07:00").unwrap();
        assert_eq!(date_time(&time), "Sabtu, 5 Des 2026 08.05");
    }


    #[test]
    fn quantity_drops_zero_fraction() {
        assert_eq!(quantity(10.0), "10");
        assert_eq!(quantity(1.5), "1,5");
    }

    #[test]
    fn terminal_safe_neutralises_escapes() {
        let cases = [
            ("TV Sharp\n\tmati", "TV Sharp\n\tmati"),
            ("\u{1b}[31mmerah\u{1b}[0m", "^[[31mmerah^[[0m"),
            ("a\rb\u{7}c\u{7f}", "a^Mb^Gc^?"),
            ("\u{9b}2J", "\u{FFFD}2J"),
            ("abc\u{202E}fdp.exe", "abc\u{FFFD}fdp.exe"),
        ];
        for (input, expected) in cases {
            assert_eq!(terminal_safe(input), expected, "{input:?}");
        }
    }
}

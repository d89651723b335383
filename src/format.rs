//! Formatting of values for people: Rupiah, Indonesian dates, quantities, statuses.

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

/// Text safe to print on a terminal: control characters (escape sequences among them) become
/// visible `\u{..}` codes, except line breaks and tabs.
pub fn terminal_safe(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
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
    fn terminal_safe_shows_escapes() {
        assert_eq!(terminal_safe("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal_safe("baris\nkedua\tx"), "baris\nkedua\tx");
        assert_eq!(terminal_safe("biasa"), "biasa");
    }

    #[test]
    fn quantity_drops_zero_fraction() {
        assert_eq!(quantity(10.0), "10");
        assert_eq!(quantity(1.5), "1,5");
    }
}

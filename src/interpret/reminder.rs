//! Reminders: what to do, with the date and time words taken out, and when it is due.

use chrono::{DateTime, FixedOffset, NaiveTime};

use super::dates::{self, Lean};
use super::normalize::{Kind, Token};
use super::types::Reminder;

/// Words that only lead into the task ("ingetin ya untuk beli elco") or close the line.
const EDGE_WORDS: &[&str] = &[
    "untuk", "buat", "supaya", "agar", "biar", "saya", "aku", "ya", "dong", "tolong", "nanti",
    "kalau", "bahwa", "harus", "mesti", "nano", "yuk", "ok", "oke", "pada", "di", "jam", "pukul",
];

/// Result of reading a reminder line.
pub struct Parsed {
    pub reminder: Reminder,
    pub missing: Vec<String>,
    /// Two different dates or times were given.
    pub conflict: bool,
}

/// Reads a reminder from the tokens not yet `used`; a day without a time falls at
/// `date_only_time`.
pub fn parse(tokens: &[Token], used: &mut [bool], now: DateTime<FixedOffset>, date_only_time: NaiveTime) -> Parsed {
    let when = dates::scan(tokens, used, now, Lean::Future);
    let due = when.due_with(now, date_only_time);
    let text = task_text(tokens, used);

    let mut missing = Vec::new();
    if text.is_empty() {
        missing.push("reminder.text".to_string());
    }
    if due.is_none() {
        missing.push("reminder.due".to_string());
    }
    Parsed { reminder: Reminder { text, due }, missing, conflict: when.conflict }
}

/// Joins the unused words as typed, keeping commas between them and trimming lead-in words.
fn task_text(tokens: &[Token], used: &[bool]) -> String {
    let mut pieces: Vec<&str> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Word if !used[i] => pieces.push(&token.raw),
            Kind::Sep if token.low == "," && pieces.last().is_some_and(|p| *p != ",") => pieces.push(","),
            _ => {}
        }
    }

    let is_edge = |p: &&str| *p == "," || EDGE_WORDS.contains(&p.to_lowercase().as_str());
    while pieces.first().is_some_and(is_edge) {
        pieces.remove(0);
    }
    while pieces.last().is_some_and(is_edge) {
        pieces.pop();
    }

    let mut text = String::new();
    for piece in pieces {
        if !text.is_empty() && piece != "," {
            text.push(' ');
        }
        text.push_str(piece);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn reminder(line: &str) -> Parsed {
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();
        let tokens = tokenize(line);
        let mut used = vec![false; tokens.len()];
        parse(&tokens, &mut used, now, dates::DEFAULT_REMINDER_TIME)
    }

    #[test]
    fn texts() {
        let cases = [
            ("besok ambil IC di toko", "ambil IC di toko"),
            ("beli elco 1000uF 25V 5 biji lusa", "beli elco 1000uF 25V 5 biji"),
            ("jam 4 sore telepon Bu Ani", "telepon Bu Ani"),
            ("ya besok jam 9 untuk antar TV Pak Heru", "antar TV Pak Heru"),
            ("lusa, bayar listrik, beli timah", "bayar listrik, beli timah"),
            ("nanti malam hitung kas ya", "hitung kas"),
        ];
        for (line, want) in cases {
            assert_eq!(reminder(line).reminder.text, want, "line {line:?}");
        }
    }

    #[test]
    fn day_only_uses_given_time() {
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();
        let seven = NaiveTime::from_hms_opt(7, 30, 0).unwrap();
        let cases = [
            ("besok beli elco", "2026-12-05T07:30:00+07:00"),
            ("senin antar TV", "2026-12-07T07:30:00+07:00"),
            // A written time or part of the day still wins over the shop's hour.
            ("besok jam 3 sore beli elco", "2026-12-05T15:00:00+07:00"),
            ("besok siang beli elco", "2026-12-05T12:00:00+07:00"),
        ];
        for (line, want) in cases {
            let tokens = tokenize(line);
            let mut used = vec![false; tokens.len()];
            let due = parse(&tokens, &mut used, now, seven).reminder.due.map(|due| due.to_rfc3339());
            assert_eq!(due.as_deref(), Some(want), "line {line:?}");
        }
    }

    #[test]
    fn missing_slots() {
        assert_eq!(reminder("beli timah").missing, vec!["reminder.due"]);
        assert_eq!(reminder("besok").missing, vec!["reminder.text"]);
        assert_eq!(reminder("").missing, vec!["reminder.text", "reminder.due"]);
    }
}

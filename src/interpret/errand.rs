//! Short fixed commands about errands: closing a reminder ("pengingat 3 selesai", "pengingat
//! #3 udah") and asking for the shopping list ("belanja", "apa aja yang perlu dibeli").
//!
//! Read before the lifecycle rules, because "pengingat #6 selesai" contains a number and a status
//! word like a job update does, and must never move job #6.

use super::normalize::{words_after_lead, Token};
use super::{Intent, Interpretation};

/// Words skipped at the very start, as the intent rules do.
const LEAD: &[&str] = &["nano", "tolong", "coba", "mohon", "pls", "oke", "ok", "yang"];

const REMINDER_NOUNS: &[&str] = &["pengingat", "pengingatnya", "reminder", "alarm"];

/// Words that mark a reminder's errand as done (slang is already expanded: "udah" is "sudah").
const DONE_WORDS: &[&str] = &["selesai", "beres", "kelar", "sudah", "done", "tuntas", "dikerjakan", "oke"];

/// Words that may stand around the number without changing the meaning.
const NUMBER_WORDS: &[&str] = &["nomor", "no", "nomer", "id", "yang", "ya", "ke"];

/// Whole lines that ask for the shopping list.
const SHOPPING_LINES: &[&[&str]] = &[
    &["belanja"],
    &["belanjaan"],
    &["daftar", "belanja"],
    &["daftar", "belanjaan"],
    &["list", "belanja"],
    &["belanja", "apa", "saja"],
    &["mau", "belanja", "apa"],
    &["apa", "saja", "yang", "perlu", "dibeli"],
    &["apa", "saja", "yang", "harus", "dibeli"],
    &["yang", "perlu", "dibeli", "apa", "saja"],
    &["yang", "harus", "dibeli", "apa", "saja"],
    &["perlu", "beli", "apa", "saja"],
];

/// Returns the errand command in a line, or `None` when it contains none.
pub fn interpret(tokens: &[Token]) -> Option<Interpretation> {
    let words = words_after_lead(tokens, LEAD);
    let words = words.as_slice();

    if SHOPPING_LINES.iter().any(|line| *line == words) {
        return Some(Interpretation::bare(Intent::ShoppingList, 0.95));
    }
    reminder_done(words)
}

/// Reads "pengingat 3 selesai", "pengingat #3 udah", "pengingat selesai no 3". The line must
/// hold only the noun, a done word, at most one number and small joining words, so a new
/// reminder ("ingatkan pengingat servis selesai jam 3") is never closed by mistake.
fn reminder_done(words: &[&str]) -> Option<Interpretation> {
    let first = *words.first()?;
    if !REMINDER_NOUNS.contains(&first) {
        return None;
    }

    let mut done = false;
    let mut numbers = Vec::new();
    for word in &words[1..] {
        if DONE_WORDS.contains(word) {
            done = true;
        } else if let Some(number) = record_number(word) {
            numbers.push(number);
        } else if !NUMBER_WORDS.contains(word) {
            return None;
        }
    }
    if !done || numbers.len() > 1 {
        return None;
    }

    let mut out = Interpretation::bare(Intent::ReminderDone, 0.95);
    out.id = numbers.first().copied();
    if out.id.is_none() {
        out.confidence = 0.7;
        out.missing.push("reminder.id".to_string());
    }
    Some(out)
}

/// Reads "3" or "#3" as a record number.
fn record_number(word: &str) -> Option<i64> {
    word.strip_prefix('#').unwrap_or(word).parse().ok().filter(|id| *id > 0)
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use crate::interpret::{interpret, Intent};

    fn run(line: &str) -> (Intent, Option<i64>) {
        let out = interpret(line, DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap());
        (out.intent, out.id)
    }

    #[test]
    fn reminders_close_by_number() {
        let cases = [
            "pengingat 6 selesai",
            "pengingat #6 selesai",
            "pengingat no 6 udah",
            "pengingat selesai 6",
            "pengingat nomor 6 sudah beres",
            "tolong pengingat 6 kelar ya",
        ];
        for line in cases {
            assert_eq!(run(line), (Intent::ReminderDone, Some(6)), "{line}");
        }
    }

    #[test]
    fn reminder_without_number_asks() {
        assert_eq!(run("pengingat udah selesai"), (Intent::ReminderDone, None));
    }

    #[test]
    fn other_reminder_lines_stay() {
        assert_eq!(run("pengingat").0, Intent::ReminderList);
        assert_eq!(run("ingatkan besok jam 3 cek pengingat selesai").0, Intent::ReminderAdd);
        assert_ne!(run("pengingat 6 dan 7 selesai").0, Intent::ReminderDone);
        assert_eq!(run("hapus pengingat 6").0, Intent::ReminderDelete);
    }

    #[test]
    fn job_numbers_are_not_reminders() {
        assert_eq!(run("#6 selesai"), (Intent::JobUpdate, Some(6)));
    }

    #[test]
    fn shopping_list_lines() {
        for line in ["belanja", "daftar belanja", "apa aja yang perlu dibeli", "belanja apa aja?", "nano belanja"] {
            assert_eq!(run(line).0, Intent::ShoppingList, "{line}");
        }
        assert_eq!(run("beli elco 1000uF 25V 10").0, Intent::StockAdd);
    }
}

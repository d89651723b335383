//! Delete rules: "hapus servis #12", "hapus pengingat 3", "hapus stok elco 1000uF 25V".
//!
//! Kept apart from the intent rules because a deletion must be named outright: the line starts
//! with a delete word followed by what to delete, and nothing is guessed from loose cues.
//! "hapus ingatan …" is left to the memory rules.

use super::normalize::Token;
use super::parts::normalize_part_name;
use super::{Intent, Interpretation, Stock};

/// Words skipped at the very start, as the intent rules do.
const LEAD: &[&str] = &["nano", "tolong", "coba", "mohon", "please", "pls", "minta"];

const DELETE_WORDS: &[&str] = &["hapus", "hapusin", "hapuskan", "delete"];
const JOB_NOUNS: &[&str] = &["servis", "service", "job", "kerjaan", "catatan"];
const REMINDER_NOUNS: &[&str] = &["pengingat", "reminder", "alarm"];
const STOCK_NOUNS: &[&str] = &["stok", "stock"];
/// Words that may stand between the noun and the number ("servis nomor 12").
const NUMBER_WORDS: &[&str] = &["nomor", "no", "nomer", "id"];

/// Returns the delete interpretation of a line, or `None` when the line is no deletion.
pub fn interpret(tokens: &[Token]) -> Option<Interpretation> {
    let words: Vec<&Token> = tokens.iter().filter(|token| token.is_word()).collect();
    let lead = words.iter().take_while(|token| LEAD.contains(&token.low.as_str())).count();
    let words = &words[lead..];

    let (first, noun) = (words.first()?, words.get(1)?);
    if !DELETE_WORDS.contains(&first.low.as_str()) {
        return None;
    }
    let noun = noun.low.as_str();
    let rest = &words[2..];

    if JOB_NOUNS.contains(&noun) {
        return Some(by_id(Intent::JobDelete, rest));
    }
    if REMINDER_NOUNS.contains(&noun) {
        return Some(by_id(Intent::ReminderDelete, rest));
    }
    if STOCK_NOUNS.contains(&noun) {
        let raw: Vec<&str> = rest.iter().map(|token| token.raw.as_str()).collect();
        let item = normalize_part_name(&raw.join(" "));
        let mut out = Interpretation::bare(Intent::StockDelete, if item.is_empty() { 0.6 } else { 0.95 });
        if item.is_empty() {
            out.missing.push("stock.item".to_string());
        }
        out.stock = Some(Stock {
            item,
            qty: None,
            unit: "pcs".to_string(),
        });
        return Some(out);
    }
    None
}

/// Reads "#12", "12" or "nomor 12" after the noun; the line must name nothing else.
fn by_id(intent: Intent, rest: &[&Token]) -> Interpretation {
    let words: Vec<&str> = rest
        .iter()
        .map(|token| token.low.as_str())
        .filter(|word| !NUMBER_WORDS.contains(word))
        .collect();
    let id = match words.as_slice() {
        [number] => number.trim_start_matches('#').parse::<i64>().ok().filter(|id| *id > 0),
        _ => None,
    };

    let mut out = Interpretation::bare(intent, if id.is_some() { 0.95 } else { 0.6 });
    out.id = id;
    if id.is_none() {
        out.missing.push("id".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use crate::interpret::{interpret, Intent};

    fn run(line: &str) -> crate::interpret::Interpretation {
        interpret(line, DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap())
    }

    #[test]
    fn delete_by_id_reads_forms() {
        let cases = [
            ("hapus servis #12", Intent::JobDelete, Some(12)),
            ("tolong hapus servis nomor 7", Intent::JobDelete, Some(7)),
            ("hapus pengingat 3", Intent::ReminderDelete, Some(3)),
            ("hapus pengingat #3.", Intent::ReminderDelete, Some(3)),
            ("hapus servis", Intent::JobDelete, None),
            ("hapus servis tv polytron", Intent::JobDelete, None),
            ("hapus servis #0", Intent::JobDelete, None),
        ];
        for (line, intent, id) in cases {
            let out = run(line);
            assert_eq!(out.intent, intent, "{line}");
            assert_eq!(out.id, id, "{line}");
            assert_eq!(out.missing.is_empty(), id.is_some(), "{line}");
        }
    }

    #[test]
    fn delete_stock_normalises_name() {
        let out = run("hapus stok elko 1000 uf 25 volt");
        assert_eq!(out.intent, Intent::StockDelete);
        assert_eq!(out.stock.unwrap().item, "elco 1000uF 25V");
        assert_eq!(run("hapus stok").missing, ["stock.item"]);
    }

    #[test]
    fn other_lines_are_not_deletions() {
        for line in ["hapus ingatan soal nama", "catat hapus servis tv", "stok hapus", "hapus"] {
            let intent = run(line).intent;
            assert!(
                !matches!(intent, Intent::JobDelete | Intent::ReminderDelete | Intent::StockDelete),
                "{line}: {intent:?}"
            );
        }
    }

    #[test]
    fn delete_json_names_id() {
        let text = serde_json::to_string(&run("hapus servis #12")).unwrap();
        assert!(text.contains("\"intent\":\"job.delete\""), "{text}");
        assert!(text.contains("\"id\":12"), "{text}");
        let other = serde_json::to_string(&run("cari polytron")).unwrap();
        assert!(!other.contains("\"id\""), "{other}");
    }
}

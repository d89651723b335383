//! Lifecycle rules: a line that moves a recorded job to another status ("#12 udah diambil",
//! "servis 3 selesai 150rb", "TV Pak Budi udah selesai") and "ralat" to undo the last move.
//!
//! Kept apart from the intent rules because an update must not swallow new records: a line
//! that starts with "catat", asks a question, or describes a fault or complaint is left alone.
//! Without a job number, the dispatcher looks for the one open job that matches the device,
//! brand and customer named here.

use chrono::{DateTime, FixedOffset};

use super::normalize::{Kind, Token};
use super::{job, Intent, Interpretation};

/// Words skipped at the very start, as the intent rules do.
const LEAD: &[&str] = &["nano", "tolong", "coba", "mohon", "pls", "eh", "oh", "oke", "ok"];

/// Words that name a job before its number ("servis 12", "nomor 12").
const JOB_NOUNS: &[&str] = &["servis", "service", "job", "kerjaan", "nomor", "no", "nomer", "nota"];

/// Words that make a line a new record or a question, never an update.
const NOT_UPDATE: &[&str] = &[
    "catat", "catet", "apa", "mana", "berapa", "siapa", "kapan", "gimana", "bagaimana", "kenapa",
    "hapus", "cari", "laporan", "stok", "ingatkan", "ingetin", "daftar",
];

/// Words after "yang" that point back at a recorded job ("Polytron yang kemarin").
const POINTERS: &[&str] = &["kemarin", "tadi", "itu", "tersebut", "minggu", "lalu", "kemarin lusa", "barusan"];

/// Whole lines that undo the last status change.
const UNDO_LINES: &[&[&str]] = &[
    &["ralat"],
    &["ralat", "yang", "terakhir"],
    &["batal", "yang", "terakhir"],
    &["batalkan", "yang", "terakhir"],
    &["undo"],
];

/// Returns the update or undo interpretation of a line, or `None` when it is neither.
pub fn interpret(tokens: &[Token], now: DateTime<FixedOffset>) -> Option<Interpretation> {
    let words: Vec<&str> = tokens
        .iter()
        .filter(|token| token.is_word())
        .map(|token| token.low.as_str())
        .collect();
    let lead = words.iter().take_while(|word| LEAD.contains(word)).count();
    let words = &words[lead..];

    if UNDO_LINES.iter().any(|line| *line == words) {
        return Some(Interpretation::bare(Intent::JobUndo, 0.95));
    }
    if words.is_empty() || words.iter().any(|word| NOT_UPDATE.contains(word)) {
        return None;
    }
    if tokens.iter().any(|token| token.kind == Kind::Question) {
        return None;
    }

    let mut status_mask = vec![false; tokens.len()];
    let status = job::find_status(tokens, &mut status_mask).0?;
    let id = job_number(words);

    let mut used = vec![false; tokens.len()];
    let parsed = job::parse(tokens, &mut used, now);
    let mut found = parsed.job;

    // Without a number, only a pointing phrase ("yang kemarin", "yang tadi") says the line is
    // about a job already recorded; other status lines stay records, and the dispatcher
    // checks those against open jobs before storing a duplicate.
    let names_job = found.device.is_some() || found.brand.is_some() || found.customer.is_some();
    let points_back = words.windows(2).any(|pair| pair[0] == "yang" && POINTERS.contains(&pair[1]));
    if id.is_none() && (!names_job || !points_back) {
        return None;
    }

    // The number or the pointing phrase says which job; the other words only describe it.
    found.status = status;
    found.complaint = None;
    found.fault = None;
    found.action = None;
    let mut out = Interpretation::bare(Intent::JobUpdate, if id.is_some() { 0.95 } else { 0.8 });
    out.id = id;
    out.job = Some(found);
    Some(out)
}

/// Reads "#12", "servis 12", "nomor 12" or "servis nomor 12".
fn job_number(words: &[&str]) -> Option<i64> {
    for (index, word) in words.iter().enumerate() {
        if let Some(number) = word.strip_prefix('#') {
            return number.parse().ok().filter(|id| *id > 0);
        }
        if JOB_NOUNS.contains(word) {
            let next = words.get(index + 1).copied();
            let number = match next {
                Some(noun) if JOB_NOUNS.contains(&noun) => words.get(index + 2).copied(),
                other => other,
            };
            if let Some(id) = number.and_then(|text| text.trim_start_matches('#').parse::<i64>().ok()) {
                return Some(id).filter(|id| *id > 0);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use crate::interpret::{interpret, Intent, Interpretation, Status};

    fn run(line: &str) -> Interpretation {
        interpret(line, DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap())
    }

    #[test]
    fn updates_by_number() {
        let cases = [
            ("#12 udah diambil", 12, Status::Diambil),
            ("servis 3 selesai", 3, Status::Selesai),
            ("servis nomor 7 nunggu IC", 7, Status::TungguPart),
            ("#4 gak jadi", 4, Status::Batal),
            ("no 9 lagi dikerjain", 9, Status::Proses),
        ];
        for (line, id, status) in cases {
            let out = run(line);
            assert_eq!(out.intent, Intent::JobUpdate, "{line}");
            assert_eq!(out.id, Some(id), "{line}");
            assert_eq!(out.job.unwrap().status, status, "{line}");
        }
    }

    #[test]
    fn updates_by_description() {
        let out = run("TV Pak Budi yang kemarin udah selesai");
        assert_eq!(out.intent, Intent::JobUpdate);
        assert_eq!(out.id, None);
        let job = out.job.unwrap();
        assert_eq!(job.device.as_deref(), Some("tv"));
        assert_eq!(job.customer.as_deref(), Some("Pak Budi"));
        assert_eq!(job.status, Status::Selesai);
    }

    #[test]
    fn price_rides_along() {
        let out = run("#3 udah selesai 1,5jt");
        assert_eq!(out.id, Some(3));
        assert_eq!(out.job.unwrap().price, Some(1_500_000));
    }

    #[test]
    fn records_and_questions_are_not_updates() {
        for line in [
            "catat TV Pak Budi udah selesai",
            "TV Polytron Pak Budi mati total, udah beres 150rb",
            "servis apa aja yang belum diambil?",
            "hapus servis #12",
            "udah selesai",
            "laptop asus punya mas eko lagi dikerjain",
        ] {
            assert_ne!(run(line).intent, Intent::JobUpdate, "{line}");
        }
    }

    #[test]
    fn undo_lines() {
        for line in ["ralat", "ralat yang terakhir", "batal yang terakhir"] {
            assert_eq!(run(line).intent, Intent::JobUndo, "{line}");
        }
    }
}

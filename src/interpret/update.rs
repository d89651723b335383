//! Lifecycle rules: a line that moves a recorded job to another status ("#12 udah diambil",
//! "servis 3 selesai 150rb", "TV Pak Budi udah selesai") and "ralat" to undo the last move.
//!
//! Kept apart from the intent rules because an update must not swallow new records: a line
//! that starts with "catat", asks a question, or describes a fault or complaint is left alone.
//! Without a job number, the dispatcher looks for the one open job that matches the device,
//! brand and customer named here.

use chrono::{DateTime, FixedOffset};

use super::normalize::{words_after_lead, Kind, Token};
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
    let words = words_after_lead(tokens, LEAD);
    let words = words.as_slice();

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
    let Some(status) = job::find_status(tokens, &mut status_mask).0 else {
        return price_correction(tokens, words, now);
    };
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

    // The number or the pointing phrase names the job. The work done, the diagnosis and the
    // parts are applied to it; a complaint only describes the job, so it is dropped.
    found.status = status;
    found.complaint = None;
    let mut out = Interpretation::bare(Intent::JobUpdate, if id.is_some() { 0.95 } else { 0.8 });
    out.id = id;
    out.job = Some(found);
    Some(out)
}

/// Words that name the price in a correction ("#17 harga 200rb"), also with "-nya".
const PRICE_WORDS: &[&str] = &["harga", "biaya", "ongkos", "bayar", "total", "ongkosnya", "harganya", "biayanya", "totalnya", "bayarnya"];

/// Words a price correction may carry besides the job reference and the amount.
const CORRECTION_FILLERS: &[&str] = &["jadi", "aja", "saja", "ya", "yah", "dong", "mas", "rp", "sebenarnya", "harusnya", "seharusnya"];

/// Reads a price correction of a job by number ("#17 harga 200rb", "servis 17 biayanya
/// 200rb", "nomor 17 200rb"): the line starts with the job reference, and its other words
/// are the amount, price words and fillers.
fn price_correction(tokens: &[Token], words: &[&str], now: DateTime<FixedOffset>) -> Option<Interpretation> {
    let (id, reference_words) = leading_job_number(words)?;

    // The leading words and the reference are not part of the job description.
    let mut used = vec![false; tokens.len()];
    let mut skipped = 0;
    let mut leading = true;
    for (index, token) in tokens.iter().enumerate() {
        if !token.is_word() {
            continue;
        }
        if leading && LEAD.contains(&token.low.as_str()) {
            used[index] = true;
            continue;
        }
        leading = false;
        if skipped == reference_words {
            break;
        }
        used[index] = true;
        skipped += 1;
    }
    // Price words and fillers are marked too, so they cannot pass for a complaint.
    for (index, token) in tokens.iter().enumerate() {
        let word = token.low.as_str();
        if token.is_word() && (PRICE_WORDS.contains(&word) || CORRECTION_FILLERS.contains(&word)) {
            used[index] = true;
        }
    }
    let found = job::parse(tokens, &mut used, now).job;
    let describes_more = found.device.is_some()
        || found.brand.is_some()
        || found.customer.is_some()
        || found.complaint.is_some()
        || found.fault.is_some()
        || found.action.is_some()
        || !found.parts.is_empty();
    if found.price.is_none() || describes_more {
        return None;
    }

    // Every word left must be part of the amount.
    let unexplained = tokens.iter().zip(&used).any(|(token, used)| token.is_word() && !*used);
    if unexplained {
        return None;
    }

    let mut out = Interpretation::bare(Intent::JobEdit, 0.95);
    out.id = Some(id);
    out.job = Some(crate::interpret::Job { price: found.price, date: found.date, ..Default::default() });
    Some(out)
}

/// Reads a job reference at the start of the line ("#17", "servis 17", "nomor 17", "servis
/// nomor 17"); returns the number and how many words the reference takes.
fn leading_job_number(words: &[&str]) -> Option<(i64, usize)> {
    let first = words.first()?;
    if let Some(number) = first.strip_prefix('#') {
        return number.parse().ok().filter(|id| *id > 0).map(|id| (id, 1));
    }
    if !JOB_NOUNS.contains(first) {
        return None;
    }
    let skip = if words.get(1).is_some_and(|word| JOB_NOUNS.contains(word)) { 2 } else { 1 };
    let number = words.get(skip)?.trim_start_matches('#').parse::<i64>().ok().filter(|id| *id > 0)?;
    Some((number, skip + 1))
}

/// Reads "#12", "servis 12", "nomor 12" or "servis nomor 12".
fn job_number(words: &[&str]) -> Option<i64> {
    for (index, word) in words.iter().enumerate() {
        if let Some(number) = word.strip_prefix('#') {
            return number.parse().ok().filter(|id| *id >= 0);
        }
        if JOB_NOUNS.contains(word) {
            let next = words.get(index + 1).copied();
            let number = match next {
                Some(noun) if JOB_NOUNS.contains(&noun) => words.get(index + 2).copied(),
                other => other,
            };
            if let Some(id) = number.and_then(|text| text.trim_start_matches('#').parse::<i64>().ok()) {
                return Some(id).filter(|id| *id >= 0);
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
    fn updates_keep_work_done() {
        let out = run("servis 1 beres, ganti 2 elco 1000uF 25V, 150rb");
        assert_eq!(out.intent, Intent::JobUpdate);
        let job = out.job.unwrap();
        assert_eq!(job.action.as_deref(), Some("ganti 2 elco 1000uF 25V"));
        assert_eq!(job.parts.len(), 1);
        assert_eq!(job.price, Some(150_000));
    }

    #[test]
    fn price_corrections_by_number() {
        let cases = [
            ("#17 harga 200rb", 17, 200_000),
            ("#17 biayanya 200rb", 17, 200_000),
            ("#17 ongkos jadi 200rb", 17, 200_000),
            ("servis 17 200rb", 17, 200_000),
            ("nomor 3 total 1,5jt", 3, 1_500_000),
        ];
        for (line, id, price) in cases {
            let out = run(line);
            assert_eq!(out.intent, Intent::JobEdit, "{line}");
            assert_eq!(out.id, Some(id), "{line}");
            assert_eq!(out.job.unwrap().price, Some(price), "{line}");
        }
    }

    #[test]
    fn price_corrections_need_reference_first() {
        for line in ["harga 200rb", "tv #17 harga 200rb", "#17 ganti elco 200rb", "#17 harga", "servis 17 harganya berapa"] {
            assert_ne!(run(line).intent, Intent::JobEdit, "{line}");
        }
    }

    #[test]
    fn undo_lines() {
        for line in ["ralat", "ralat yang terakhir", "batal yang terakhir"] {
            assert_eq!(run(line).intent, Intent::JobUndo, "{line}");
        }
    }
}

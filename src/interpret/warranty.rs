//! Warranty (garansi): the terms written in a job line ("garansi 30 hari", "garansi 2 minggu",
//! "garansi sebulan", "tanpa garansi") and questions about a running warranty ("TV Pak Budi
//! masih garansi?", "#12 masih garansi?", "0812 3456 7890 garansinya sampai kapan").
//!
//! The words are data in `assets/lexicon/warranty.tsv`. A month counts as 30 days and a year
//! as 365, so every length is a whole number of days.

use super::job;
use super::lexicon::lexicon;
use super::normalize::{Kind, Token};
use super::numbers::{parse_int, parse_words};
use super::types::{Intent, Interpretation, WarrantyQuery};
use super::validate::MAX_WARRANTY_DAYS;


/// Words that make a line a record, a reminder or another command, never a warranty question.
const OTHER_COMMANDS: &[&str] = &[
    "catat", "catet", "tulis", "input", "rekam", "ingatkan", "ingat", "pengingat", "reminder",
    "hapus", "stok", "laporan", "cari", "lupakan", "lupa",
];

/// Words that name a job before its number ("servis 12", "nota 12"). "garansi 12" is what
/// `nano garansi 12` passes, because a shell reads an unquoted `#12` as a comment.
const JOB_NOUNS: &[&str] = &["servis", "service", "nomor", "no", "nota", "job", "garansi"];

/// Maximum digits of a job number written after a word ("garansi 12").
const MAX_ID_DIGITS: usize = 9;

/// A warranty length found in a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Terms {
    /// 0 for "tanpa garansi".
    pub days: u32,
    /// Token range `[start, end)` to mark used.
    pub start: usize,
    pub end: usize,
}

/// Finds the first warranty term among the tokens not yet `used`.
pub fn find_terms(tokens: &[Token], used: &[bool]) -> Option<Terms> {
    let lex = lexicon();
    let words: Vec<&str> = tokens.iter().map(|token| token.low.as_str()).collect();
    let free = |start: usize, len: usize| (start..start + len).all(|i| !used[i] && tokens[i].is_word());

    for start in 0..tokens.len() {
        if let Some((len, ())) = lex.warranty_none.longest_at(&words, start) {
            if free(start, len) {
                return Some(Terms { days: 0, start, end: start + len });
            }
        }
        if let Some((len, ())) = lex.warranty_words.longest_at(&words, start) {
            if !free(start, len) {
                continue;
            }
            if let Some((days, end)) = length_at(tokens, used, start + len) {
                return Some(Terms { days, start, end });
            }
        }
    }
    None
}

/// Reads a warranty length at `start`: "30 hari", "30hr", "tiga bulan", "sebulan", "1 th".
/// Returns the days and the token index after the length.
fn length_at(tokens: &[Token], used: &[bool], start: usize) -> Option<(u32, usize)> {
    let lex = lexicon();
    let word = |i: usize| tokens.get(i).filter(|token| token.is_word() && !used[i]).map(|token| token.low.as_str());
    let first = word(start)?;

    if let Some(days) = lex.warranty_wholes.get(first) {
        return Some((*days, start + 1));
    }

    // "30hr", "3bln": the number glued to its unit.
    let cut = first.find(|c: char| !c.is_ascii_digit()).unwrap_or(first.len());
    if cut > 0 && cut < first.len() {
        let unit = lex.warranty_periods.get(&first[cut..])?;
        let count = parse_int(&first[..cut])?;
        return within_limit(count, *unit).map(|days| (days, start + 1));
    }

    let words: Vec<&str> = (start..tokens.len()).map_while(word).collect();
    let (count, read) = match parse_int(first) {
        Some(count) => (count, 1),
        None => {
            let (value, read) = parse_words(&words, 0)?;
            if value.fract() != 0.0 {
                return None;
            }
            (value as i64, read)
        }
    };
    let unit = lex.warranty_periods.get(*words.get(read)?)?;
    within_limit(count, *unit).map(|days| (days, start + read + 1))
}

fn within_limit(count: i64, unit: u32) -> Option<u32> {
    let days = u32::try_from(count).ok()?.checked_mul(unit)?;
    (days <= MAX_WARRANTY_DAYS).then_some(days)
}

/// Returns the `warranty.check` reading of a line that is a question about a warranty, or
/// `None`.
///
/// A line is such a question when it names a warranty and either starts with it ("garansi Pak Budi", what
/// `nano garansi Pak Budi` passes) or has a question mark or an ask word ("masih", "sampai
/// kapan"). A warranty length without a question mark ("garansi 30 hari") records terms.
pub fn question(tokens: &[Token], now: chrono::DateTime<chrono::FixedOffset>) -> Option<Interpretation> {
    let lex = lexicon();
    let words: Vec<&str> = tokens.iter().filter(|token| token.is_word()).map(|token| token.low.as_str()).collect();
    let lead = words.iter().take_while(|word| matches!(**word, "nano" | "tolong" | "coba" | "mohon")).count();
    let words = &words[lead..];

    let warranty_at = (0..words.len()).find(|&i| lex.warranty_words.longest_at(words, i).is_some())?;
    if words.iter().any(|word| OTHER_COMMANDS.contains(word)) {
        return None;
    }
    let question_mark = tokens.iter().any(|token| token.kind == Kind::Question);
    if !question_mark && find_terms(tokens, &vec![false; tokens.len()]).is_some() {
        return None;
    }
    let opens = warranty_at == 0 || (warranty_at == 1 && matches!(words[0], "cek" | "periksa" | "info"));
    let asks = question_mark || (0..words.len()).any(|i| lex.warranty_asks.longest_at(words, i).is_some());
    if !opens && !asks {
        return None;
    }

    let mut out = Interpretation::bare(Intent::WarrantyCheck, 0.9);
    out.warranty = Some(query(tokens, now));
    Some(out)
}

/// Reads what the question names: a job number, a phone number, a customer, a device, a brand.
fn query(tokens: &[Token], now: chrono::DateTime<chrono::FixedOffset>) -> WarrantyQuery {
    let words: Vec<&str> = tokens.iter().filter(|token| token.is_word()).map(|token| token.low.as_str()).collect();
    let mut used = vec![false; tokens.len()];
    // Job numbers are read here, so they must not reach the job reader as a model code.
    for (i, token) in tokens.iter().enumerate() {
        if token.low.starts_with('#') {
            used[i] = true;
        }
    }
    let parsed = job::parse(tokens, &mut used, now).job;
    WarrantyQuery {
        id: job_number(&words),
        phone: parsed.phone,
        customer: parsed.customer,
        device: parsed.device,
        brand: parsed.brand,
    }
}

/// Reads "#12", "servis 12", "nota 12" or "garansi 12".
fn job_number(words: &[&str]) -> Option<i64> {
    for (index, word) in words.iter().enumerate() {
        if let Some(number) = word.strip_prefix('#') {
            return number.parse().ok().filter(|id| *id > 0);
        }
        if JOB_NOUNS.contains(word) {
            // "garansi 081234567890" names a phone number, which starts with 0 and is longer.
            let number = words
                .get(index + 1)
                .filter(|next| next.len() <= MAX_ID_DIGITS && !next.starts_with('0'))
                .and_then(|next| next.parse::<i64>().ok());
            if let Some(id) = number.filter(|id| *id > 0) {
                return Some(id);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::interpret::normalize::tokenize;
    use crate::interpret::{interpret, Intent};

    fn now() -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap()
    }

    fn days(line: &str) -> Option<u32> {
        let tokens = tokenize(line);
        find_terms(&tokens, &vec![false; tokens.len()]).map(|terms| terms.days)
    }

    #[test]
    fn term_lengths() {
        let cases: &[(&str, Option<u32>)] = &[
            ("garansi 30 hari", Some(30)),
            ("garansi 1 bulan", Some(30)),
            ("garansi 2 minggu", Some(14)),
            ("garansi 3 bln", Some(90)),
            ("garansi 1 tahun", Some(365)),
            ("garansi 30hr", Some(30)),
            ("garansi sebulan", Some(30)),
            ("garansi seminggu", Some(7)),
            ("garansi tiga bulan", Some(90)),
            ("bergaransi 14 hari", Some(14)),
            ("tanpa garansi", Some(0)),
            ("gak ada garansi", Some(0)),
            ("ga ada garansi", Some(0)),
            ("no garansi", Some(0)),
            ("garansi", None),
            ("garansi 30", None),
            ("garansi 5000 tahun", None),
            ("30 hari", None),
        ];
        for (line, want) in cases {
            assert_eq!(days(line), *want, "line {line:?}");
        }
    }

    #[test]
    fn questions_are_checks() {
        let cases: &[(&str, Option<i64>, Option<&str>, Option<&str>, Option<&str>)] = &[
            ("TV Pak Budi masih garansi?", None, Some("Pak Budi"), None, Some("tv")),
            ("0812 3456 7890 masih garansi gak?", None, None, Some("081234567890"), None),
            ("#12 masih garansi?", Some(12), None, None, None),
            ("garansi Pak Budi", None, Some("Pak Budi"), None, None),
            ("cek garansi kulkas Bu Ani", None, Some("Bu Ani"), None, Some("kulkas")),
            ("garansi servis 7 sampai kapan?", Some(7), None, None, None),
            ("garansi 12", Some(12), None, None, None),
            ("garansi 081234567890", None, None, Some("081234567890"), None),
            ("kulkas LG Bu Ani garansinya habis kapan", None, Some("Bu Ani"), None, Some("kulkas")),
            ("garansi", None, None, None, None),
        ];
        for (line, id, customer, phone, device) in cases {
            let out = interpret(line, now());
            assert_eq!(out.intent, Intent::WarrantyCheck, "{line}");
            let query = out.warranty.unwrap();
            assert_eq!(query.id, *id, "id of {line}");
            assert_eq!(query.customer.as_deref(), *customer, "customer of {line}");
            assert_eq!(query.phone.as_deref(), *phone, "phone of {line}");
            assert_eq!(query.device.as_deref(), *device, "device of {line}");
        }
    }

    #[test]
    fn records_and_reminders_are_not_checks() {
        for line in [
            "catat TV Pak Budi mati total garansi 30 hari",
            "TV Pak Budi mati total, garansi 1 bulan",
            "ingatkan seminggu lagi cek garansi",
            "catat TV Pak Budi masih garansi, mati lagi",
            "tanpa garansi TV Sharp mati total",
        ] {
            assert_ne!(interpret(line, now()).intent, Intent::WarrantyCheck, "{line}");
        }
    }
}

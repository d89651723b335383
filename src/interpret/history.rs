//! Questions about the user's own service history ("TV Polytron Pak Budi kemarin rusaknya
//! apa?"), told apart from small talk and how-to questions by rules, so that only such
//! questions pull stored jobs into the model's prompt.
//!
//! A line is a history question when it asks something (a question word or `?`) and names a
//! job: a job id (`#3`) or a customer (`Pak Budi`) is enough on its own. A brand or device
//! alone ("TV Polytron") is also what how-to questions name, so it counts only together with a
//! word that points at past work ("kemarin", "pernah", "rusaknya") and without a how-to phrase
//! ("cara", "apa itu").

use super::customer;
use super::lexicon::lexicon;
use super::normalize::{normalize_for_search, tokenize, Kind};

/// Words that make a line a question.
const QUESTION_WORDS: &[&str] = &[
    "apa", "apakah", "kapan", "berapa", "siapa", "kenapa", "mengapa", "bagaimana", "gimana",
    "mana", "kah", "gak", "nggak", "belum",
];

/// Words that point at a job already done, or at a detail of one.
const PAST_WORK_WORDS: &[&str] = &[
    "kemarin", "kemaren", "tadi", "lalu", "pernah", "dulu", "terakhir", "minggu", "bulan",
    "rusaknya", "kerusakannya", "keluhannya", "masalahnya", "harganya", "biayanya", "ongkosnya",
    "statusnya", "partnya", "diganti", "digantinya", "diservis", "dikerjakan", "dibenerin",
    "diperbaiki", "servisan", "catatan", "riwayat",
];

/// Job ids and search words named by a history question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryQuestion {
    /// Job ids written as `#3`.
    pub job_ids: Vec<i64>,
    /// Search words (brand, device, customer) in the search normal form; every one must match.
    pub terms: Vec<String>,
}

/// Returns what the line asks about when it is a question about stored jobs, else `None`.
pub fn history_question(line: &str) -> Option<HistoryQuestion> {
    let tokens = tokenize(line);
    let words: Vec<&str> = tokens.iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect();

    let asks = tokens.iter().any(|t| t.kind == Kind::Question) || words.iter().any(|w| QUESTION_WORDS.contains(w));
    if !asks {
        return None;
    }

    let job_ids = job_ids(line);
    let customer = customer::find(&tokens, &vec![false; tokens.len()]).map(|found| found.name);
    let things = brands_and_devices(&words);

    let strong = !job_ids.is_empty() || customer.is_some();
    let weak = !things.is_empty()
        && words.iter().any(|w| PAST_WORK_WORDS.contains(w))
        && !asks_how_to(&words);
    if !strong && !weak {
        return None;
    }

    let mut terms: Vec<String> = things;
    terms.extend(customer);
    let terms = terms
        .iter()
        .flat_map(|term| normalize_for_search(term).split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .fold(Vec::new(), |mut unique, word| {
            if !unique.contains(&word) {
                unique.push(word);
            }
            unique
        });
    Some(HistoryQuestion { job_ids, terms })
}

/// Reads `#12` style ids; a `#` not followed by digits is ignored.
fn job_ids(line: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    for (index, _) in line.match_indices('#') {
        let digits: String = line[index + 1..].chars().take_while(char::is_ascii_digit).collect();
        if let Ok(id) = digits.parse::<i64>() {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// Canonical brand and device names in the line, in order.
fn brands_and_devices(words: &[&str]) -> Vec<String> {
    let lex = lexicon();
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if let Some((length, brand)) = lex.brands.longest_at(words, index) {
            found.push(brand.name.clone());
            index += length;
        } else if let Some((length, device)) = lex.devices.longest_at(words, index) {
            found.push(device.name.clone());
            index += length;
        } else {
            index += 1;
        }
    }
    found
}

/// Returns true if and only if the words hold a how-to phrase ("cara", "apa itu", "tips").
fn asks_how_to(words: &[&str]) -> bool {
    let lex = lexicon();
    (0..words.len()).any(|index| lex.questions.longest_at(words, index).is_some())
        && !words.iter().any(|w| matches!(*w, "kemarin" | "kemaren" | "tadi" | "pernah"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_questions_name_a_job() {
        let cases: &[(&str, &[i64], &[&str])] = &[
            ("TV Polytron Pak Budi kemarin rusaknya apa?", &[], &["polytron", "tv", "pak", "budi"]),
            ("kulkas Bu Ani kenapa ya?", &[], &["kulkas", "bu", "ani"]),
            ("#3 kemarin diganti apa?", &[3], &[]),
            ("yang #12 sama #4 statusnya gimana", &[12, 4], &[]),
            ("TV Samsung kemarin kenapa?", &[], &["samsung", "tv"]),
            ("pernah servis mesin cuci LG belum?", &[], &["mesin", "cuci", "lg"]),
        ];
        for (line, ids, terms) in cases {
            let question = history_question(line).unwrap_or_else(|| panic!("not a history question: {line}"));
            assert_eq!(question.job_ids, *ids, "{line}");
            let mut expected: Vec<&str> = terms.to_vec();
            let mut found: Vec<&str> = question.terms.iter().map(String::as_str).collect();
            expected.sort();
            found.sort();
            assert_eq!(found, expected, "{line}");
        }
    }

    #[test]
    fn small_talk_and_how_to_are_not_history() {
        let lines = [
            "halo apa kabar?",
            "apa itu kapasitor?",
            "bagaimana cara memperbaiki TV Polytron mati total?",
            "berapa harga TV Polytron sekarang?",
            "TV Polytron Pak Budi sudah beres",
            "terima kasih ya",
            "kenapa langit biru?",
            "# judul tanpa angka?",
        ];
        for line in lines {
            assert_eq!(history_question(line), None, "{line}");
        }
    }
}

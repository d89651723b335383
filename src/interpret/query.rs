//! Slots of the light intents: the search query, the job list filter, and memory facts.

use chrono::NaiveDate;

use super::lexicon::lexicon;
use super::normalize::{normalize_for_search, tokenize, Token};
use super::report::{find_period, Period, RangeProblem};
use super::types::{Filter, Status};

/// Words that only frame a search ("pernah servis ... gak?") and are dropped from the query.
const SEARCH_FRAME: &[&str] = &[
    "cari", "carikan", "cariin", "search", "temukan", "pernah", "riwayat", "histori", "history",
    "servis", "catatan", "data", "job", "perbaiki", "diperbaiki", "benerin", "dibenerin", "nanganin", "menangani", "ditangani", "megang", "pegang", "kapan", "terakhir", "ada", "yang", "kah", "sih", "ya",
    "tolong", "coba", "dong", "nano",
];

/// Words that only frame a filter ("dari tanggal ...", "yang sudah selesai") and are dropped
/// from the words searched inside it.
const FILTER_FRAME: &[&str] = &["dari", "tanggal", "tgl", "status", "sudah", "periode", "antara"];

/// Particles that close a yes/no question ("... gak?", "... belum?").
const QUESTION_TAILS: &[&str] = &["tidak", "belum", "ya", "sih", "kah", "apa", "nggak", "bukan"];

/// Words that frame a job list and do not narrow it.
const LIST_FRAME: &[&str] = &[
    "servis", "daftar", "list", "apa", "saja", "mana", "yang", "lihat", "tunjukkan", "tampilkan",
    "semua", "unit", "barang", "job", "kerjaan", "antrian", "antrean", "masih", "di", "toko",
    "bengkel", "ada", "berapa", "sini", "nano", "tolong", "coba", "dong", "ya", "sih", "lagi",
];

/// Status phrases of a list question and the states they select, longest first.
const LIST_STATUSES: &[(&[&str], &[Status])] = &[
    (&["belum", "diambil"], &[Status::Masuk, Status::Proses, Status::TungguPart, Status::Selesai]),
    (&["belum", "selesai"], &[Status::Masuk, Status::Proses, Status::TungguPart]),
    (&["belum", "jadi"], &[Status::Masuk, Status::Proses, Status::TungguPart]),
    (&["belum", "dikerjakan"], &[Status::Masuk]),
    (&["sudah", "diambil"], &[Status::Diambil]),
    (&["sudah", "selesai"], &[Status::Selesai]),
    (&["sudah", "jadi"], &[Status::Selesai]),
    (&["tunggu", "diambil"], &[Status::Selesai]),
    (&["menunggu", "diambil"], &[Status::Selesai]),
    (&["tunggu", "part"], &[Status::TungguPart]),
    (&["menunggu", "part"], &[Status::TungguPart]),
    (&["masih", "proses"], &[Status::Proses]),
    (&["lagi", "dikerjakan"], &[Status::Proses]),
    (&["dikerjakan"], &[Status::Proses]),
    (&["proses"], &[Status::Proses]),
    (&["menunggu"], &[Status::TungguPart]),
    (&["selesai"], &[Status::Selesai]),
    (&["diambil"], &[Status::Diambil]),
    (&["batal"], &[Status::Batal]),
    (&["masuk"], &[Status::Masuk]),
];

/// Returns true if and only if the words hold a status phrase that can narrow a job list.
pub fn has_list_status(words: &[&str]) -> bool {
    LIST_STATUSES[..4].iter().any(|(phrase, _)| words.windows(phrase.len()).any(|w| w == *phrase))
}

fn word_texts(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect()
}

/// Builds the filter of a job list question: the states asked for and any narrowing words.
pub fn job_filter(tokens: &[Token]) -> Filter {
    let words = word_texts(tokens);
    let mut statuses: Vec<Status> = Vec::new();
    let mut taken = vec![false; words.len()];

    for (phrase, states) in LIST_STATUSES {
        for start in 0..words.len().saturating_sub(phrase.len() - 1) {
            let free = !taken[start..start + phrase.len()].contains(&true);
            if free && words[start..start + phrase.len()] == **phrase {
                taken[start..start + phrase.len()].iter_mut().for_each(|t| *t = true);
                for state in *states {
                    if !statuses.contains(state) {
                        statuses.push(*state);
                    }
                }
            }
        }
    }

    let rest: Vec<&str> = words
        .iter()
        .zip(&taken)
        .filter(|(w, taken)| !**taken && !LIST_FRAME.contains(w))
        .map(|(w, _)| *w)
        .collect();
    let text = normalize_for_search(&rest.join(" "));
    Filter { statuses, low_stock: false, text: (!text.is_empty()).then_some(text), ..Filter::default() }
}

/// A search line read into its query words and its filters.
pub struct SearchParts {
    /// Every word of the search in the search normal form, the filter words included, as the
    /// `query` slot has always carried them.
    pub query: String,
    /// Dates and statuses read from the line. `text` contains the words left after them.
    pub filter: Filter,
    /// Set when the line names a date range that cannot be used.
    pub problem: Option<RangeProblem>,
}

/// Single status words that narrow a search. Other one-word status phrases of the lexicon
/// ("diperbaiki", "dikerjakan", "nunggu") also describe past work in a search ("pernah
/// diperbaiki"), so only phrases of two or more words and these words become a filter.
const SEARCH_STATUS_WORDS: &[&str] = &["selesai", "diambil", "batal", "proses", "diproses"];

/// Splits a search line into the words to search for, a date range ("bulan lalu", "dari 1/11
/// sampai 15/11") and job statuses ("yang udah selesai", "belum diambil").
pub fn search_parts(tokens: &[Token], today: NaiveDate) -> SearchParts {
    let mut words = word_texts(tokens);
    while words.last().is_some_and(|w| QUESTION_TAILS.contains(w)) {
        words.pop();
    }
    let mut filter = Filter::default();
    let mut problem = None;
    let mut taken = vec![false; words.len()];

    if let Some((start, len, period)) = find_period(&words, today) {
        taken[start..start + len].iter_mut().for_each(|t| *t = true);
        match period {
            Period::Found(from, to) => (filter.from, filter.to) = (Some(from), Some(to)),
            Period::Reversed(from, to) => {
                (filter.from, filter.to) = (Some(from), Some(to));
                problem = Some(RangeProblem::Reversed);
            }
            Period::NoSuchDay => problem = Some(RangeProblem::NoSuchDay),
            Period::None => {}
        }
    }

    let lex = lexicon();
    let mut i = 0;
    while i < words.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        // "belum diambil" in a search means finished and waiting, like the list question.
        if words[i..].starts_with(&["belum", "diambil"]) {
            push_status(&mut filter.statuses, Status::Selesai);
            taken[i..i + 2].iter_mut().for_each(|t| *t = true);
            i += 2;
            continue;
        }
        match lex.statuses.longest_at(&words, i) {
            Some((len, status)) if len > 1 || SEARCH_STATUS_WORDS.contains(&words[i]) => {
                push_status(&mut filter.statuses, *status);
                taken[i..i + len].iter_mut().for_each(|t| *t = true);
                i += len;
            }
            _ => i += 1,
        }
    }

    let all: Vec<&str> = words.iter().filter(|w| !SEARCH_FRAME.contains(w)).copied().collect();
    let rest: Vec<&str> = words
        .iter()
        .zip(&taken)
        .filter(|(w, taken)| !**taken && !SEARCH_FRAME.contains(w) && !FILTER_FRAME.contains(w))
        .map(|(w, _)| *w)
        .collect();
    let text = normalize_for_search(&rest.join(" "));
    filter.text = (!text.is_empty()).then_some(text);
    SearchParts { query: normalize_for_search(&all.join(" ")), filter, problem }
}

fn push_status(statuses: &mut Vec<Status>, status: Status) {
    if !statuses.contains(&status) {
        statuses.push(status);
    }
}

/// Reads one status as the `--status` option takes it: a stored name (`tunggu_part`) or an
/// Indonesian phrase ("masuk", "proses", "nunggu part", "selesai", "udah diambil", "batal").
pub fn status_word(text: &str) -> Option<Status> {
    let spaced = text.replace('_', " ");
    let tokens = tokenize(&spaced);
    let words = word_texts(&tokens);
    match words[..] {
        [] => return None,
        ["masuk"] | ["baru", "masuk"] => return Some(Status::Masuk),
        _ => {}
    }
    if let Some(status) = Status::parse(&words.join("_")) {
        return Some(status);
    }
    let (len, status) = lexicon().statuses.longest_at(&words, 0)?;
    // "nunggu part" may match only "nunggu"; the word "part" adds nothing.
    let rest_is_part = words[len..].iter().all(|w| matches!(*w, "part" | "sparepart" | "spare"));
    (len == words.len() || rest_is_part).then_some(*status)
}

/// Lead-in words before a fact ("ingat ya, bahwa ...").
const FACT_LEAD: &[&str] = &["ya", "bahwa", "kalau", "dong", "tolong", "nano", "soal", "tentang", "yang", "ingatan", "memori", "data"];

/// Builds a memory fact from the words after the command, as typed.
pub fn fact(tokens: &[Token]) -> String {
    let words: Vec<&Token> = tokens.iter().filter(|t| t.is_word()).collect();
    let start = words.iter().position(|t| !FACT_LEAD.contains(&t.low.as_str())).unwrap_or(words.len());
    let mut end = words.len();
    while end > start && matches!(words[end - 1].low.as_str(), "ya" | "dong" | "nano") {
        end -= 1;
    }
    let texts: Vec<&str> = words[start..end].iter().map(|t| t.raw.as_str()).collect();
    texts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    #[test]
    fn search_filters_read() {
        let parts = search_parts(&tokenize("cari polytron bulan lalu yang udah selesai"), today());
        assert_eq!(parts.query, "polytron bulan lalu sudah selesai");
        assert_eq!(parts.filter.text.as_deref(), Some("polytron"));
        assert_eq!(parts.filter.from, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(parts.filter.to, NaiveDate::from_ymd_opt(2026, 11, 30));
        assert_eq!(parts.filter.statuses, vec![Status::Selesai]);
        assert_eq!(parts.problem, None);

        let parts = search_parts(&tokenize("cari tv dari 1/11 sampai 15/11 belum diambil"), today());
        assert_eq!(parts.filter.text.as_deref(), Some("tv"));
        assert_eq!(parts.filter.from, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(parts.filter.to, NaiveDate::from_ymd_opt(2026, 11, 15));
        assert_eq!(parts.filter.statuses, vec![Status::Selesai]);

        let parts = search_parts(&tokenize("cari mas agus kulkas"), today());
        assert_eq!(parts.filter.text.as_deref(), Some("mas agus kulkas"));
        assert_eq!(parts.filter.from, None);

        let parts = search_parts(&tokenize("pernah diperbaiki polytron gak?"), today());
        assert!(parts.filter.statuses.is_empty(), "{:?}", parts.filter.statuses);

        let parts = search_parts(&tokenize("cari sharp 15/11 sampai 1/11"), today());
        assert_eq!(parts.problem, Some(RangeProblem::Reversed));
    }

    #[test]
    fn status_words() {
        let cases = [
            ("masuk", Some(Status::Masuk)),
            ("proses", Some(Status::Proses)),
            ("nunggu part", Some(Status::TungguPart)),
            ("tunggu_part", Some(Status::TungguPart)),
            ("tunggu part", Some(Status::TungguPart)),
            ("selesai", Some(Status::Selesai)),
            ("udah diambil", Some(Status::Diambil)),
            ("diambil", Some(Status::Diambil)),
            ("batal", Some(Status::Batal)),
            ("rusak", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(status_word(text), want, "status {text:?}");
        }
    }

    #[test]
    fn queries() {
        let cases = [
            ("cari kulkas Bu Ani", "kulkas bu ani"),
            ("pernah servis Polytron mati total gak?", "polytron mati total"),
            ("cari tivi politron matot", "tv polytron mati total"),
            ("riwayat servis pak budi", "pak budi"),
        ];
        for (line, want) in cases {
            assert_eq!(search_parts(&tokenize(line), today()).query, want, "line {line:?}");
        }
    }

    #[test]
    fn filters() {
        let filter = job_filter(&tokenize("servis apa aja yang belum diambil?"));
        assert_eq!(filter.statuses, vec![Status::Masuk, Status::Proses, Status::TungguPart, Status::Selesai]);
        assert_eq!(filter.text, None);

        let filter = job_filter(&tokenize("daftar TV Samsung yang udah beres"));
        assert_eq!(filter.statuses, vec![Status::Selesai]);
        assert_eq!(filter.text.as_deref(), Some("tv samsung"));

        let filter = job_filter(&tokenize("servis yang nunggu part"));
        assert_eq!(filter.statuses, vec![Status::TungguPart]);
    }

    #[test]
    fn facts() {
        let cases = [
            ("ya, bengkel saya namanya Arip Elektronik", "bengkel saya namanya Arip Elektronik"),
            ("nama saya Arip ya", "nama saya Arip"),
            ("soal nama bengkel", "nama bengkel"),
        ];
        for (line, want) in cases {
            assert_eq!(fact(&tokenize(line)), want, "line {line:?}");
        }
    }
}

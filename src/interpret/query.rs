//! Slots of the light intents: the search query, the job list filter, and memory facts.

use super::normalize::{normalize_for_search, Token};
use super::types::{Filter, Status};

/// Words that only frame a search ("pernah servis ... gak?") and are dropped from the query.
const SEARCH_FRAME: &[&str] = &[
    "cari", "carikan", "cariin", "search", "temukan", "pernah", "riwayat", "histori", "history",
    "servis", "catatan", "data", "job", "perbaiki", "diperbaiki", "benerin", "dibenerin", "nanganin", "menangani", "ditangani", "megang", "pegang", "kapan", "terakhir", "ada", "yang", "kah", "sih", "ya",
    "tolong", "coba", "dong", "nano",
];

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

/// Builds the search query from the words after the command, in the search normal form.
pub fn search_query(tokens: &[Token]) -> String {
    let mut words = word_texts(tokens);
    while words.last().is_some_and(|w| QUESTION_TAILS.contains(w)) {
        words.pop();
    }
    let kept: Vec<&str> = words.into_iter().filter(|w| !SEARCH_FRAME.contains(w)).collect();
    normalize_for_search(&kept.join(" "))
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
    Filter { statuses, low_stock: false, text: (!text.is_empty()).then_some(text) }
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

    #[test]
    fn queries() {
        let cases = [
            ("cari kulkas Bu Ani", "kulkas bu ani"),
            ("pernah servis Polytron mati total gak?", "polytron mati total"),
            ("cari tivi politron matot", "tv polytron mati total"),
            ("riwayat servis pak budi", "pak budi"),
        ];
        for (line, want) in cases {
            assert_eq!(search_query(&tokenize(line)), want, "line {line:?}");
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

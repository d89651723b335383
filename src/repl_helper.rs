//! Tab completion and greyed hints for the chat loop.
//!
//! Candidates are the command words plus the names the user has recorded (customers, brands,
//! devices, stock items), read from the store when the chat starts and after each line.

use std::borrow::Cow;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

/// Words every chat understands at the start of a line.
const COMMAND_WORDS: [&str; 16] = [
    "catat", "ingatkan", "ingetin", "stok", "stok tambah", "pakai", "minimal stok", "cari",
    "laporan minggu ini", "laporan bulan ini", "daftar pengingat", "pengingat selesai",
    "ingat, nama saya", "lupakan soal", "/bantuan", "keluar",
];

/// Shortest typed prefix that earns a hint, so single letters do not flash suggestions.
const HINT_MIN_CHARS: usize = 2;

#[derive(Default)]
pub struct ChatHelper {
    /// Names from the user's own records.
    names: Vec<String>,
}

impl ChatHelper {
    /// Replaces the record names offered for completion.
    pub fn set_names(&mut self, mut names: Vec<String>) {
        names.sort_by_key(|name| name.to_lowercase());
        names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        self.names = names;
    }

    /// Candidates for the word that ends at `pos`: command words at the start of the line,
    /// record names anywhere.
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos];
        if !before.contains(' ') || COMMAND_WORDS.iter().any(|word| word.starts_with(&before.to_lowercase())) {
            let typed = before.to_lowercase();
            let matches: Vec<String> = COMMAND_WORDS
                .iter()
                .filter(|word| !typed.is_empty() && word.starts_with(&typed) && word.len() > typed.len())
                .map(|word| word.to_string())
                .collect();
            if !matches.is_empty() {
                return (0, matches);
            }
        }

        let start = before.rfind(' ').map(|index| index + 1).unwrap_or(0);
        let typed = before[start..].to_lowercase();
        if typed.is_empty() {
            return (start, Vec::new());
        }
        let matches = self
            .names
            .iter()
            .filter(|name| name.to_lowercase().starts_with(&typed) && name.len() > typed.len())
            .cloned()
            .collect();
        (start, matches)
    }
}

impl Completer for ChatHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, words) = self.candidates(line, pos);
        let pairs = words
            .into_iter()
            .map(|word| Pair {
                display: word.clone(),
                replacement: word,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ChatHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() {
            return None;
        }
        let (start, words) = self.candidates(line, pos);
        let typed = pos - start;
        if typed < HINT_MIN_CHARS {
            return None;
        }
        let first = words.into_iter().next()?;
        first.get(typed..).map(str::to_string)
    }
}

impl Highlighter for ChatHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(crate::style::dim(hint))
    }
}

impl Validator for ChatHelper {}

impl Helper for ChatHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn helper() -> ChatHelper {
        let mut helper = ChatHelper::default();
        helper.set_names(vec!["Pak Budi".into(), "Polytron".into(), "elco 1000uF 25V".into(), "polytron".into()]);
        helper
    }

    #[test]
    fn command_words_complete_at_start() {
        let (start, words) = helper().candidates("ing", 3);
        assert_eq!(start, 0);
        assert!(words.contains(&"ingatkan".to_string()));
        assert!(words.contains(&"ingetin".to_string()));
    }

    #[test]
    fn record_names_complete_later() {
        let (start, words) = helper().candidates("catat TV Pol", 12);
        assert_eq!(start, 9);
        assert_eq!(words, vec!["Polytron".to_string()]);
    }

    #[test]
    fn no_candidates_for_empty_word() {
        let (_, words) = helper().candidates("catat ", 6);
        assert!(words.is_empty());
    }
}

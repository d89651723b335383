//! Word lists under `assets/lexicon/`, parsed once into lookup tables.
//!
//! The lists are data so that a missing brand or slang word is fixed by adding a line, not code.
//! Every phrase is stored in lowercase after slang expansion, because matching runs on the
//! normalised tokens. This module only parses and looks up; the rules that use the words live
//! in the modules that own each slot.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::types::Status;

const SLANG: &str = include_str!("../../assets/lexicon/slang.tsv");
const DEVICES: &str = include_str!("../../assets/lexicon/devices.tsv");
const BRANDS: &str = include_str!("../../assets/lexicon/brands.tsv");
const STATUSES: &str = include_str!("../../assets/lexicon/status.tsv");
const HONORIFICS: &str = include_str!("../../assets/lexicon/honorifics.tsv");
const UNITS: &str = include_str!("../../assets/lexicon/units.tsv");
const PARTS: &str = include_str!("../../assets/lexicon/parts.tsv");
const WORDS: &str = include_str!("../../assets/lexicon/words.tsv");
const NAMES: &str = include_str!("../../assets/lexicon/names.tsv");
const WARRANTY: &str = include_str!("../../assets/lexicon/warranty.tsv");

/// Phrases of one or more lowercase words mapped to values, matched longest first.
pub struct PhraseTable<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> PhraseTable<V> {
    fn new() -> PhraseTable<V> {
        PhraseTable { by_first: HashMap::new() }
    }

    /// Adds a phrase; a later duplicate of the same words is ignored so the first line wins.
    fn insert(&mut self, phrase: &str, value: V) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let entries = self.by_first.entry(first).or_default();
        if entries.iter().any(|(existing, _)| *existing == words) {
            return;
        }
        entries.push((words, value));
        entries.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    }

    /// Returns the longest phrase that starts at `start` in `words`, as (word count, value).
    pub fn longest_at<S: AsRef<str>>(&self, words: &[S], start: usize) -> Option<(usize, &V)> {
        let first = words.get(start)?.as_ref();
        let entries = self.by_first.get(first)?;
        entries
            .iter()
            .find(|(phrase, _)| {
                phrase.len() <= words.len() - start
                    && phrase.iter().zip(&words[start..]).all(|(p, w)| p == w.as_ref())
            })
            .map(|(phrase, value)| (phrase.len(), value))
    }

    /// Returns true if and only if `word` alone is a phrase of the table.
    pub fn has_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|entries| entries.iter().any(|(phrase, _)| phrase.len() == 1))
    }

    /// Returns true if and only if some phrase of the table starts with `word`.
    pub fn starts_with(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }
}

/// A canonical device type and whether the word is also an ordinary part name.
pub struct Device {
    pub name: String,
    pub weak: bool,
}

/// A canonical brand spelling and whether the maker sells phones.
pub struct Brand {
    pub name: String,
    pub phone: bool,
}

/// A counting unit ("biji" is `pcs` times 1, "lusin" is `pcs` times 12).
pub struct QtyUnit {
    pub unit: String,
    pub factor: f64,
}

/// All parsed word lists.
pub struct Lexicon {
    pub slang: HashMap<String, Vec<String>>,
    pub devices: PhraseTable<Device>,
    pub brands: PhraseTable<Brand>,
    pub statuses: PhraseTable<Status>,
    pub honorifics: PhraseTable<()>,
    pub qty_units: HashMap<String, QtyUnit>,
    pub value_units: HashMap<String, String>,
    pub parts: PhraseTable<String>,
    pub actions: PhraseTable<()>,
    pub damage: PhraseTable<()>,
    pub fault_drop: PhraseTable<()>,
    pub symptoms: PhraseTable<()>,
    pub fillers: PhraseTable<()>,
    pub questions: PhraseTable<()>,
    pub greetings: PhraseTable<()>,
    pub not_name: PhraseTable<()>,
    /// Errand verbs that turn a line opening with a future date into a reminder.
    pub tasks: PhraseTable<()>,
    /// Common Indonesian personal names, for customers written without Pak/Bu or "punya".
    pub given_names: PhraseTable<()>,
    /// Warranty words, phrases for "no warranty", and question cues ("masih garansi?").
    pub warranty_words: PhraseTable<()>,
    pub warranty_none: PhraseTable<()>,
    pub warranty_asks: PhraseTable<()>,
    /// Time units after a warranty length ("bulan" is 30 days), and one-word lengths
    /// ("sebulan").
    pub warranty_periods: HashMap<String, u32>,
    pub warranty_wholes: HashMap<String, u32>,
}

/// Returns the lexicon, parsing the embedded files on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

/// Yields the tab-separated columns of each data line, skipping blanks and `#` comments.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

fn build() -> Lexicon {
    let mut lexicon = Lexicon {
        slang: HashMap::new(),
        devices: PhraseTable::new(),
        brands: PhraseTable::new(),
        statuses: PhraseTable::new(),
        honorifics: PhraseTable::new(),
        qty_units: HashMap::new(),
        value_units: HashMap::new(),
        parts: PhraseTable::new(),
        actions: PhraseTable::new(),
        damage: PhraseTable::new(),
        fault_drop: PhraseTable::new(),
        symptoms: PhraseTable::new(),
        fillers: PhraseTable::new(),
        questions: PhraseTable::new(),
        greetings: PhraseTable::new(),
        not_name: PhraseTable::new(),
        tasks: PhraseTable::new(),
        given_names: PhraseTable::new(),
        warranty_words: PhraseTable::new(),
        warranty_none: PhraseTable::new(),
        warranty_asks: PhraseTable::new(),
        warranty_periods: HashMap::new(),
        warranty_wholes: HashMap::new(),
    };

    for row in rows(SLANG) {
        if let [word, expansion, ..] = row[..] {
            let words = expansion.split_whitespace().map(str::to_string).collect();
            lexicon.slang.entry(word.to_lowercase()).or_insert(words);
        }
    }

    for row in rows(DEVICES) {
        if row.len() >= 2 {
            let weak = row.get(2) == Some(&"weak");
            lexicon.devices.insert(row[0], Device { name: row[1].to_string(), weak });
        }
    }

    for row in rows(BRANDS) {
        if row.len() >= 2 {
            let phone = row.get(2) == Some(&"phone");
            lexicon.brands.insert(row[0], Brand { name: row[1].to_string(), phone });
        }
    }

    for row in rows(STATUSES) {
        if let [phrase, name, ..] = row[..] {
            if let Some(status) = Status::parse(name) {
                lexicon.statuses.insert(phrase, status);
            }
        }
    }

    for row in rows(HONORIFICS) {
        lexicon.honorifics.insert(row[0], ());
    }

    for row in rows(UNITS) {
        if let [kind, word, canonical, factor, ..] = row[..] {
            match kind {
                "qty" => {
                    let factor = factor.parse().unwrap_or(1.0);
                    let unit = QtyUnit { unit: canonical.to_string(), factor };
                    lexicon.qty_units.insert(word.to_string(), unit);
                }
                _ => {
                    lexicon.value_units.insert(word.to_string(), canonical.to_string());
                }
            }
        }
    }

    for row in rows(PARTS) {
        if let [phrase, canonical, ..] = row[..] {
            lexicon.parts.insert(phrase, canonical.to_string());
        }
    }

    for row in rows(WORDS) {
        if let [class, phrase, ..] = row[..] {
            let table = match class {
                "action" => &mut lexicon.actions,
                "damage" => &mut lexicon.damage,
                "fault_drop" => &mut lexicon.fault_drop,
                "symptom" => &mut lexicon.symptoms,
                "filler" => &mut lexicon.fillers,
                "question" => &mut lexicon.questions,
                "greeting" => &mut lexicon.greetings,
                "not_name" => &mut lexicon.not_name,
                "task" => &mut lexicon.tasks,
                _ => continue,
            };
            table.insert(phrase, ());
        }
    }

    for row in rows(NAMES) {
        lexicon.given_names.insert(row[0], ());
    }

    for row in rows(WARRANTY) {
        let days = row.get(2).and_then(|days| days.parse::<u32>().ok());
        match (row[0], row.get(1), days) {
            ("word", Some(phrase), _) => lexicon.warranty_words.insert(phrase, ()),
            ("none", Some(phrase), _) => lexicon.warranty_none.insert(phrase, ()),
            ("ask", Some(phrase), _) => lexicon.warranty_asks.insert(phrase, ()),
            ("period", Some(word), Some(days)) => {
                lexicon.warranty_periods.insert(word.to_string(), days);
            }
            ("whole", Some(word), Some(days)) => {
                lexicon.warranty_wholes.insert(word.to_string(), days);
            }
            _ => {}
        }
    }

    lexicon
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse() {
        let lex = lexicon();
        assert!(lex.slang.len() > 100);
        assert!(lex.brands.has_word("polytron"));
        assert!(lex.devices.has_word("tivi"));
        assert!(lex.honorifics.has_word("bu"));
        assert!(lex.value_units.contains_key("uf"));
        assert!(lex.qty_units.contains_key("lusin"));
        assert!(lex.warranty_words.has_word("garansi"));
        assert_eq!(lex.warranty_periods.get("bulan"), Some(&30));
        assert_eq!(lex.warranty_wholes.get("seminggu"), Some(&7));
    }

    #[test]
    fn enough_brands() {
        let names: std::collections::HashSet<&str> = lexicon()
            .brands
            .by_first
            .values()
            .flatten()
            .map(|(_, brand)| brand.name.as_str())
            .collect();
        assert!(names.len() >= 50, "only {} brands", names.len());
    }

    #[test]
    fn longest_phrase_wins() {
        let lex = lexicon();
        let words = ["tunggu", "diambil"];
        let (len, status) = lex.statuses.longest_at(&words, 0).unwrap();
        assert_eq!(len, 2);
        assert_eq!(*status, Status::Selesai);

        let words = ["altec", "lansing", "gak"];
        let (len, brand) = lex.brands.longest_at(&words, 0).unwrap();
        assert_eq!(len, 2);
        assert_eq!(brand.name, "Altec Lansing");
    }
}

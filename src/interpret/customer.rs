//! Customer names: an honorific and a name ("Bu Ani", "Pak Haji Romli"), or a name after
//! "punya", "milik", "atas nama", "an.", "a/n", "pelanggan", "titipan" and the like.
//!
//! Names are written with first letters capitalised ("pak budi" → "Pak Budi"); the rest of
//! each word stays as typed. A second or third name word is taken only when the user wrote it
//! capitalised, because in an all-lowercase line a name looks like any other word.

use super::lexicon::lexicon;
use super::normalize::Token;

/// Words that introduce the owner of a device.
const INTRODUCERS: &[&[&str]] = &[
    &["atas", "nama"],
    &["punya"],
    &["milik"],
    &["an"],
    &["a", "n"],
    &["a/n"],
    &["customer"],
    &["pemilik"],
    &["pelanggan"],
    &["konsumen"],
    &["kepunyaan"],
    &["punyanya"],
    &["titipan"],
];

/// Returns true if and only if `word` alone introduces an owner ("punya", "an").
pub fn is_introducer(word: &str) -> bool {
    INTRODUCERS.iter().any(|phrase| phrase.len() == 1 && phrase[0] == word)
}

/// Most name words after the honorific.
const MAX_NAME_WORDS: usize = 3;

/// A customer found in a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub name: String,
    /// Token range `[start, end)` to mark used, introducer included.
    pub start: usize,
    pub end: usize,
}

/// Finds the first customer in the tokens not yet `used`.
pub fn find(tokens: &[Token], used: &[bool]) -> Option<Customer> {
    let words: Vec<&str> = tokens.iter().map(|t| t.low.as_str()).collect();
    (0..tokens.len()).find_map(|i| customer_at(tokens, &words, used, i))
}

fn customer_at(tokens: &[Token], words: &[&str], used: &[bool], start: usize) -> Option<Customer> {
    if used[start] || !tokens[start].is_word() {
        return None;
    }
    let mut i = start;

    let introduced = INTRODUCERS.iter().find(|phrase| {
        phrase.len() <= words.len() - i && phrase.iter().zip(&words[i..]).all(|(p, w)| p == w)
    });
    if let Some(phrase) = introduced {
        i += phrase.len();
        // "an. Budi": the full stop after the abbreviation is a separator token.
        if tokens.get(i).is_some_and(|t| t.low == ".") {
            i += 1;
        }
    }

    let honorific = lexicon().honorifics.longest_at(words, i).map(|(len, _)| len);
    let (title, name_start) = match honorific {
        Some(len) => (capitalised(&tokens[i..i + len]), i + len),
        None if introduced.is_some() => (String::new(), i),
        None => return None,
    };

    let name_end = name_words(tokens, used, name_start);
    if name_end == name_start {
        return None;
    }
    let name = capitalised(&tokens[name_start..name_end]);
    let full = if title.is_empty() { name } else { format!("{title} {name}") };
    Some(Customer { name: full, start, end: name_end })
}

/// Finds a customer written without an honorific or "punya" ("TV Polytron Budi mati total"):
/// a common given name at `at`, the first free word after the unit. Capitalised name words
/// after it join it ("Budi Santoso").
pub fn bare_name(tokens: &[Token], used: &[bool], at: usize) -> Option<Customer> {
    let token = tokens.get(at)?;
    if used[at] || !token.is_word() || !lexicon().given_names.has_word(&token.low) || !is_name_word(token) {
        return None;
    }
    let end = name_words(tokens, used, at);
    (end > at).then(|| Customer { name: capitalised(&tokens[at..end]), start: at, end })
}

/// Writes a name given on its own the way [`find`] writes names in a line: an honorific name
/// as read there ("pak budi" becomes "Pak Budi"), any other words with first letters
/// capitalised ("dedi" becomes "Dedi"). Returns `None` for text without letters.
pub fn normalize(text: &str) -> Option<String> {
    let tokens = super::normalize::tokenize(text);
    let words: Vec<Token> = tokens.into_iter().filter(Token::is_word).collect();
    if words.is_empty() || !words.iter().any(|token| token.low.chars().any(char::is_alphabetic)) {
        return None;
    }
    let used = vec![false; words.len()];
    match customer_at(&words, &words.iter().map(|t| t.low.as_str()).collect::<Vec<_>>(), &used, 0) {
        Some(found) if found.end == words.len() => Some(found.name),
        _ => Some(capitalised(&words)),
    }
}

/// Returns a customer's name without its honorific, lowercase ("Pak Haji Romli" -> "romli"),
/// so "Yanto" and "Pak Yanto" can be matched as one person.
pub fn bare_customer_name(name: &str) -> String {
    let tokens = super::normalize::tokenize(name);
    let words: Vec<&str> = tokens.iter().filter(|token| token.is_word()).map(|token| token.low.as_str()).collect();
    let mut start = 0;
    while let Some((len, _)) = lexicon().honorifics.longest_at(&words, start) {
        start += len;
    }
    words[start.min(words.len())..].join(" ")
}

/// Returns the index after the name words that start at `start`.
fn name_words(tokens: &[Token], used: &[bool], start: usize) -> usize {
    let mut end = start;
    while end < tokens.len() && end - start < MAX_NAME_WORDS {
        let token = &tokens[end];
        if used[end] || !token.is_word() || !is_name_word(token) {
            break;
        }
        // Later words must be capitalised, and only when the first one was, unless they are
        // known names ("pak budi santoso" in an all-lowercase line).
        if end > start {
            let capital = |t: &Token| t.raw.starts_with(|c: char| c.is_uppercase());
            let known = lexicon().given_names.has_word(&token.low);
            if !known && (!capital(token) || !capital(&tokens[start])) {
                break;
            }
        }
        end += 1;
    }
    end
}

/// Returns true if and only if the token can be part of a person's name.
fn is_name_word(token: &Token) -> bool {
    let lex = lexicon();
    let word = token.low.as_str();
    let letters = word.chars().count() >= 2 && word.chars().all(|c| c.is_alphabetic());
    letters
        && !lex.not_name.has_word(word)
        && !lex.devices.starts_with(word)
        && !lex.brands.has_word(word)
        && !lex.statuses.starts_with(word)
        && !lex.parts.has_word(word)
        && !lex.actions.has_word(word)
        && !lex.damage.has_word(word)
        && !lex.honorifics.has_word(word)
        && !lex.qty_units.contains_key(word)
}

/// Joins the raw words with their first letters capitalised; the neighbourhood offices "RT"
/// and "RW" ("Pak RT") are written in capitals.
fn capitalised(tokens: &[Token]) -> String {
    let words: Vec<String> = tokens
        .iter()
        .map(|t| {
            if matches!(t.low.as_str(), "rt" | "rw") {
                return t.raw.to_uppercase();
            }
            let mut chars = t.raw.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn customer(line: &str) -> Option<String> {
        let tokens = tokenize(line);
        let used = vec![false; tokens.len()];
        find(&tokens, &used).map(|c| c.name)
    }

    fn bare(line: &str, at: usize) -> Option<String> {
        let tokens = tokenize(line);
        let used = vec![false; tokens.len()];
        bare_name(&tokens, &used, at).map(|c| c.name)
    }

    #[test]
    fn bare_names() {
        assert_eq!(bare("TV Polytron Budi mati total", 2).as_deref(), Some("Budi"));
        assert_eq!(bare("kipas rina gak muter", 1).as_deref(), Some("Rina"));
        assert_eq!(bare("HP Oppo Siti Rahayu lcd pecah", 2).as_deref(), Some("Siti Rahayu"));
        // Only known given names: an unknown or ordinary word is never taken as a name.
        assert_eq!(bare("TV Polytron Gambar bergaris", 2), None);
        assert_eq!(bare("TV Polytron mati total", 2), None);
        assert_eq!(bare("kipas Cosmos Bintang", 2), None);
    }

    #[test]
    fn names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("kulkas punya Bu Ani, nunggu kompresor", Some("Bu Ani")),
            ("tv pak budi mati", Some("Pak Budi")),
            ("TV Pak Budi Santoso mati", Some("Pak Budi Santoso")),
            ("punya Bu Haji Romlah", Some("Bu Haji Romlah")),
            ("atas nama Dedi", Some("Dedi")),
            ("an. Siti", Some("Siti")),
            ("a/n Joko", Some("Joko")),
            ("milik mbak rina", Some("Mbak Rina")),
            ("laptop Mas Eko udah beres", Some("Mas Eko")),
            ("ambil TV Pak Heru", Some("Pak Heru")),
            ("Koh Ahong", Some("Koh Ahong")),
            ("tv lg pelanggan Budi mati", Some("Budi")),
            ("kipas konsumen Rina gak muter", Some("Rina")),
            ("rice cooker titipan Dewi", Some("Dewi")),
            ("laptop kepunyaan Mas Bayu", Some("Mas Bayu")),
            ("hp pny Agus lcd pecah", Some("Agus")),
            ("pelanggan baru", None),
            ("punya saya", None),
            ("punya tetangga", None),
            ("tv sharp mati total", None),
            ("bu", None),
        ];
        for (line, want) in cases {
            assert_eq!(customer(line).as_deref(), *want, "line {line:?}");
        }
    }

    #[test]
    fn names_given_alone() {
        let cases: &[(&str, Option<&str>)] = &[
            ("pak budi", Some("Pak Budi")),
            ("Pak Budi Santoso", Some("Pak Budi Santoso")),
            ("bu ani", Some("Bu Ani")),
            ("dedi", Some("Dedi")),
            ("  ", None),
            ("0812", None),
        ];
        for (text, want) in cases {
            assert_eq!(normalize(text).as_deref(), *want, "text {text:?}");
        }
    }
}

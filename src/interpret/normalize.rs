//! Tokenizer: turns one line into words and separators, with slang expanded.
//!
//! Everything works on `char`s, never on byte offsets, so odd Unicode cannot cause a panic.
//! Joiners inside a word are kept only where they carry meaning: `.` and `,` between digits
//! ("150.000", "1,5jt", "13.00"), `:` between digits ("13:00"), `/` between digits ("20/12"),
//! `-` between letters or digits ("ke-3", "STR-A6159", "TC-2088MF"). Anything else splits words.

use super::lexicon::lexicon;

/// Lines are cut to this many characters: a technician's line is far shorter, and the cap keeps
/// the worst case linear and bounded for pasted megabyte inputs.
pub const MAX_CHARS: usize = 2000;

/// Kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// A comma, semicolon, full stop, exclamation mark or line break: a segment boundary.
    Sep,
    /// A question mark: a segment boundary that also marks a question.
    Question,
}

/// One word or separator of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The word as typed, or the expansion when the word was slang.
    pub raw: String,
    /// Lowercase, slang expanded, `µ`/`μ` written as `u`.
    pub low: String,
    pub kind: Kind,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// Splits a line into tokens, expanding slang words from the lexicon.
pub fn tokenize(line: &str) -> Vec<Token> {
    let chars = clean_chars(line);
    let mut tokens = Vec::new();
    let mut i = 0;

    while i < chars.len() {
        let c = chars[i];

        if c.is_alphanumeric() {
            let (word, next) = read_word(&chars, i);
            push_word(&mut tokens, word);
            i = next;
            continue;
        }

        // "-5" keeps its minus sign, so that no rule reads a negative count, price or id as a
        // positive one ("hapus servis -2" must never delete #2). Numbers that start with a
        // sign are read by none of the number rules, so the dispatcher asks for the line again.
        let starts_word = i == 0 || chars[i - 1].is_whitespace();
        if c == '-' && starts_word && chars.get(i + 1).is_some_and(|next| next.is_ascii_digit()) {
            let (word, next) = read_word(&chars, i + 1);
            push_word(&mut tokens, format!("-{word}"));
            i = next;
            continue;
        }

        // "#12" names a record; the number keeps its mark so rules can tell it from amounts.
        if c == '#' && chars.get(i + 1).is_some_and(|next| next.is_ascii_digit()) {
            let (word, next) = read_word(&chars, i + 1);
            push_word(&mut tokens, format!("#{word}"));
            i = next;
            continue;
        }

        match c {
            ',' | ';' | '!' | '\n' | '\r' => push_sep(&mut tokens, Kind::Sep, c),
            '?' => push_sep(&mut tokens, Kind::Question, c),
            // A full stop ends a sentence only before a space or the end: "Rp.150.000" and
            // "an.Budi" keep going.
            '.' if chars.get(i + 1).is_none_or(|n| n.is_whitespace()) => {
                push_sep(&mut tokens, Kind::Sep, c)
            }
            _ => {}
        }
        i += 1;
    }

    tokens
}

/// Returns the lowercase words of a line after the lead words listed in `lead` ("nano",
/// "tolong"), without separators.
pub fn words_after_lead<'a>(tokens: &'a [Token], lead: &[&str]) -> Vec<&'a str> {
    let words: Vec<&str> = tokens
        .iter()
        .filter(|token| token.is_word())
        .map(|token| token.low.as_str())
        .collect();
    let skipped = words.iter().take_while(|word| lead.contains(word)).count();
    words[skipped..].to_vec()
}

/// Replaces control characters with spaces, folds the look-alike forms phone keyboards and
/// pasted text bring in, and spells symbols that belong to words.
fn clean_chars(line: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(line.len().min(MAX_CHARS));
    for c in line.chars().take(MAX_CHARS) {
        match c {
            '\n' => chars.push('\n'),
            // Full-width ASCII ("１５０ｒｂ", "＃１２") from Asian keyboards and PDFs.
            '\u{FF01}'..='\u{FF5E}' => chars.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(' ')),
            '\u{3000}' => chars.push(' '),
            '\u{3001}' => chars.push(','),
            '\u{3002}' => chars.push('.'),
            // Invisible characters would split a word in two ("Poly<ZWSP>tron"), and combining
            // accents are not letters to `is_alphanumeric`, so both are dropped.
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{0300}'..='\u{036F}' => {}
            '\u{2126}' | '\u{03A9}' => chars.extend("ohm".chars()),
            '\u{00B5}' | '\u{03BC}' => chars.push('u'),
            '\u{2013}' | '\u{2014}' | '\u{2212}' => chars.push('-'),
            '\u{2019}' | '\u{2018}' | '`' => chars.push('\''),
            c if c.is_control() => chars.push(' '),
            c => chars.push(c),
        }
    }
    chars
}

/// Reads one word starting at `start`; returns it and the index after it.
fn read_word(chars: &[char], start: usize) -> (String, usize) {
    let mut word = String::new();
    let mut i = start;

    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            word.push(c);
            i += 1;
            continue;
        }

        let prev = chars[i - 1];
        let Some(&next) = chars.get(i + 1) else {
            break;
        };
        let joins = match c {
            '.' | ',' | ':' => prev.is_ascii_digit() && next.is_ascii_digit(),
            '/' => {
                (prev.is_ascii_digit() && next.is_ascii_digit())
                    || (word.chars().count() == 1 && prev.is_alphabetic() && next.is_alphabetic())
            }
            '-' => prev.is_alphanumeric() && next.is_alphanumeric(),
            // Apostrophes inside a word are dropped: "jum'at" is "jumat".
            '\'' => {
                if prev.is_alphabetic() && next.is_alphabetic() {
                    i += 1;
                    continue;
                }
                false
            }
            _ => false,
        };
        if !joins {
            break;
        }
        word.push(c);
        i += 1;
    }

    (word, i)
}

fn push_sep(tokens: &mut Vec<Token>, kind: Kind, c: char) {
    tokens.push(Token { raw: c.to_string(), low: c.to_string(), kind });
}

/// Pushes a word, or the words of its slang expansion.
fn push_word(tokens: &mut Vec<Token>, word: String) {
    let low = word.to_lowercase();
    if let Some(expansion) = lexicon().slang.get(&low) {
        for part in expansion {
            tokens.push(Token { raw: part.clone(), low: part.clone(), kind: Kind::Word });
        }
        return;
    }
    tokens.push(Token { raw: word, low, kind: Kind::Word });
}

/// Lowercases text, expands slang, and writes brands, devices and part types in their
/// canonical spelling, so that a query and a stored record written differently still meet.
pub fn normalize_for_search(text: &str) -> String {
    let lex = lexicon();
    let tokens = tokenize(text);
    let words: Vec<&str> = tokens.iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;

    while i < words.len() {
        if let Some((len, brand)) = lex.brands.longest_at(&words, i) {
            out.push(brand.name.to_lowercase());
            i += len;
            continue;
        }
        if let Some((len, device)) = lex.devices.longest_at(&words, i) {
            // Weak device words ("speaker") are also part names, and a device outside the
            // canonical list ("dvd") would widen to every "lainnya" unit, so both stay as written.
            if !device.weak && device.name != "lainnya" {
                out.push(device.name.clone());
                i += len;
                continue;
            }
        }
        if let Some((len, part)) = lex.parts.longest_at(&words, i) {
            out.push(part.clone());
            i += len;
            continue;
        }
        out.push(words[i].to_string());
        i += 1;
    }

    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lows(line: &str) -> Vec<String> {
        tokenize(line).into_iter().map(|t| t.low).collect()
    }

    #[test]
    fn joiners() {
        let cases: &[(&str, &[&str])] = &[
            ("Rp 150.000", &["rp", "150.000"]),
            ("Rp150.000,-", &["rp150.000", ","]),
            ("Rp.150.000", &["rp", "150.000"]),
            ("1,5jt", &["1,5jt"]),
            ("jam 13:00", &["jam", "13:00"]),
            ("20/12", &["20/12"]),
            ("ke-3", &["ke-3"]),
            ("1000uF/25V", &["1000uf", "25v"]),
            ("STR-A6159", &["str-a6159"]),
            ("jum'at", &["jumat"]),
            ("an.Budi", &["an", "budi"]),
            ("10µF", &["10uf"]),
            ("100Ω", &["100ohm"]),
            ("selesai.", &["selesai", "."]),
            ("a/n Budi", &["a/n", "budi"]),
        ];
        for (line, want) in cases {
            assert_eq!(lows(line), *want, "line {line:?}");
        }
    }

    #[test]
    fn look_alike_forms_fold() {
        let cases: &[(&str, &[&str])] = &[
            ("\u{FF03}\u{FF11}\u{FF12} udah", &["#12", "sudah"]),
            ("\u{FF11}\u{FF15}\u{FF10}\u{FF52}\u{FF42}", &["150rb"]),
            ("TV\u{3000}Polytron\u{3002}", &["tv", "polytron", "."]),
            ("Poly\u{200B}tron", &["polytron"]),
            ("\u{FEFF}catat TV", &["catat", "tv"]),
            ("Jose\u{301} elco\u{00AD}nya", &["jose", "elconya"]),
        ];
        for (line, want) in cases {
            assert_eq!(lows(line), *want, "line {line:?}");
        }
    }

    #[test]
    fn slang_expands() {
        let cases: &[(&str, &[&str])] = &[
            ("udah matot", &["sudah", "mati", "total"]),
            ("gak dingin", &["tidak", "dingin"]),
            ("bsk", &["besok"]),
            ("kemaren", &["kemarin"]),
            ("yg", &["yang"]),
        ];
        for (line, want) in cases {
            assert_eq!(lows(line), *want, "line {line:?}");
        }
    }

    #[test]
    fn raw_keeps_case() {
        let tokens = tokenize("Bu Ani");
        assert_eq!(tokens[1].raw, "Ani");
        assert_eq!(tokens[1].low, "ani");
    }

    #[test]
    fn search_normal_form() {
        let cases = [
            ("Politron matot", "polytron mati total"),
            ("tivi SAMSUL gak nyala", "tv samsung tidak nyala"),
            ("magic com Miyako", "rice cooker miyako"),
            ("elko kembung?", "elco kembung"),
        ];
        for (text, want) in cases {
            assert_eq!(normalize_for_search(text), want, "text {text:?}");
        }
    }
}

//! Part and stock item names in one normal form, so that variants of a name meet.
//!
//! The form starts with the type word in lowercase (`elco`, `resistor`, `ic`, `fuse`). Other
//! words follow in lowercase, and semiconductor codes in upper case, in the order written.
//! Values with standard units come last, capacitance or resistance before current, voltage and
//! power:
//! `elco 1000uF 25V`, `fuse 5A 250V`, `transistor C5200`, `ic STR-A6159`.
//!
//! Resistances use the RKM code of IEC 60062, where the unit letter stands in place of the
//! decimal mark: `10k`, `4k7`, `100R`, `4R7`, `0R22`, `1M5`. Capacitances use decimals with
//! their unit: `4u7` and "4,7 uf" both become `4.7uF`. A letter prefix split from its number
//! is joined to it, with a hyphen before a letter (`STR A6159` → `STR-A6159`) and without one
//! before digits (`TDA 7294` → `TDA7294`).

use super::lexicon::lexicon;
use super::normalize::tokenize;
use super::numbers::parse_decimal;

/// Words that only introduce a name and are dropped from it.
const DROPPED: &[&str] = &["ukuran", "uk", "nilai", "tipe", "type", "seri", "merk", "yang", "jenis"];

/// Order of value kinds in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ValueKind {
    Primary,
    Current,
    Voltage,
    Power,
    Frequency,
}

/// Normalises a part or stock item name ("elko 1000 uf 25 volt" → "elco 1000uF 25V").
pub fn normalize_part_name(text: &str) -> String {
    let tokens = tokenize(text);
    let words: Vec<&str> = tokens.iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect();
    normalize_words(&words)
}

/// Normalises a name given as lowercase words, as produced by the tokenizer.
pub fn normalize_words(words: &[&str]) -> String {
    let lex = lexicon();
    let mut head: Option<String> = None;
    let mut body: Vec<String> = Vec::new();
    let mut values: Vec<(ValueKind, String)> = Vec::new();
    let mut i = 0;

    while i < words.len() {
        let word = words[i];
        let next = words.get(i + 1).copied();

        if DROPPED.contains(&word) {
            i += 1;
            continue;
        }

        if let Some((len, canonical)) = lex.parts.longest_at(words, i) {
            match head {
                None => head = Some(canonical.clone()),
                Some(_) => body.push(canonical.clone()),
            }
            i += len;
            continue;
        }

        if let Some((kind, value, read)) = read_value(word, next) {
            values.push((kind, value));
            i += read;
            // "10 k ohm": the unit word after a resistance adds nothing.
            if kind == ValueKind::Primary && matches!(words.get(i).copied(), Some("ohm" | "r")) {
                i += 1;
            }
            continue;
        }

        if let Some(next) = next {
            if let Some(joined) = join_prefix(word, next) {
                body.push(joined);
                i += 2;
                continue;
            }
        }

        body.push(code_case(word));
        i += 1;
    }

    values.sort_by_key(|(kind, _)| *kind);
    let mut out: Vec<String> = Vec::with_capacity(body.len() + values.len() + 1);
    out.extend(head);
    out.extend(body);
    out.extend(values.into_iter().map(|(_, value)| value));
    out.join(" ")
}

/// Reads a value at `word`, glued to its unit ("25v", "4k7") or followed by a unit word
/// (`next` = "volt"). Returns its kind, normal form and the count of words read.
fn read_value(word: &str, next: Option<&str>) -> Option<(ValueKind, String, usize)> {
    let units = &lexicon().value_units;

    if let Some(number) = parse_decimal(word) {
        let unit = units.get(next?)?;
        let (kind, value) = format_value(number, unit)?;
        return Some((kind, value, 2));
    }

    let cut = word
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map(|(i, _)| i)?;
    if cut == 0 {
        return None;
    }
    let (digits, suffix) = word.split_at(cut);

    if let Some(unit) = units.get(suffix) {
        let (kind, value) = format_value(parse_decimal(digits)?, unit)?;
        return Some((kind, value, 1));
    }

    // RKM code: "4k7", "4r7", "2m2", "4u7", "4n7".
    let mut rest = suffix.chars();
    let letter = rest.next()?;
    let mut tail: String = rest.collect();
    // "4uF7" and "4µF7" write the farad sign too: the same value as "4u7".
    if matches!(letter, 'u' | 'n' | 'p') && tail.starts_with('f') {
        tail.remove(0);
    }
    // Longer tails are codes, not values: "1n4007" is a diode, "4n7" is 4.7 nF.
    let short = digits.len() <= 3 && tail.len() <= 2;
    if !short || !tail.bytes().all(|b| b.is_ascii_digit()) || digits.contains(['.', ',']) {
        return None;
    }
    let number: f64 = format!("{digits}.{tail}").parse().ok()?;
    let unit = match letter {
        'k' => "k",
        'r' => "R",
        'm' => "M",
        'u' => "uF",
        'n' => "nF",
        'p' => "pF",
        _ => return None,
    };
    let (kind, value) = format_value(number, unit)?;
    Some((kind, value, 1))
}

/// Writes a number with its canonical unit.
fn format_value(number: f64, unit: &str) -> Option<(ValueKind, String)> {
    if !number.is_finite() || number < 0.0 {
        return None;
    }
    let kind = match unit {
        "V" | "kV" => ValueKind::Voltage,
        "A" | "mA" => ValueKind::Current,
        "W" => ValueKind::Power,
        "Hz" | "kHz" | "MHz" => ValueKind::Frequency,
        _ => ValueKind::Primary,
    };
    let ohms = match unit {
        "R" => Some(number),
        "k" => Some(number * 1e3),
        "M" => Some(number * 1e6),
        _ => None,
    };
    let value = match ohms {
        Some(ohms) => rkm(ohms),
        None => format!("{}{unit}", plain(number)),
    };
    Some((kind, value))
}

/// Writes a resistance in the RKM code: 4700 → "4k7", 100 → "100R", 0.22 → "0R22".
fn rkm(ohms: f64) -> String {
    let (scaled, letter) = if ohms >= 1e6 {
        (ohms / 1e6, "M")
    } else if ohms >= 1e3 {
        (ohms / 1e3, "k")
    } else {
        (ohms, "R")
    };
    let text = plain(scaled);
    match text.split_once('.') {
        Some((whole, fraction)) => format!("{whole}{letter}{fraction}"),
        None if letter == "R" => format!("{text}R"),
        None => format!("{text}{letter}"),
    }
}

/// Writes a number without trailing zeros: 25.0 → "25", 4.70 → "4.7".
fn plain(number: f64) -> String {
    let text = format!("{number:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// Joins a letter prefix with its number when they were written apart.
fn join_prefix(word: &str, next: &str) -> Option<String> {
    let letters = (2..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_alphabetic());
    if !letters || is_known(word) {
        return None;
    }
    let next_is_code = next.len() >= 3
        && next.bytes().all(|b| b.is_ascii_alphanumeric())
        && next.bytes().any(|b| b.is_ascii_digit());
    if !next_is_code {
        return None;
    }
    let prefix = word.to_uppercase();
    let number = next.to_uppercase();
    if number.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some(format!("{prefix}-{number}"))
    } else if number.bytes().all(|b| b.is_ascii_digit()) {
        Some(format!("{prefix}{number}"))
    } else {
        None
    }
}

/// Returns true if and only if `word` is an ordinary word of the lexicon, never a code prefix.
fn is_known(word: &str) -> bool {
    let lex = lexicon();
    lex.parts.starts_with(word)
        || lex.qty_units.contains_key(word)
        || lex.value_units.contains_key(word)
        || lex.devices.starts_with(word)
        || lex.brands.starts_with(word)
        || lex.damage.starts_with(word)
}

/// Upper-cases semiconductor codes (letters mixed with digits); other words stay lowercase.
/// "tda-7294" loses its hyphen so it meets "TDA7294"; "str-a6159" keeps it.
fn code_case(word: &str) -> String {
    let has_letter = word.bytes().any(|b| b.is_ascii_alphabetic());
    let has_digit = word.bytes().any(|b| b.is_ascii_digit());
    if !(has_letter && has_digit) {
        return word.to_string();
    }
    let upper = word.to_uppercase();
    if let Some((left, right)) = upper.split_once('-') {
        let letters_then_digits = left.bytes().all(|b| b.is_ascii_alphabetic())
            && right.bytes().all(|b| b.is_ascii_digit());
        if letters_then_digits {
            return format!("{left}{right}");
        }
    }
    upper
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_meet() {
        let cases = [
            ("elko 1000 uf 25 volt", "elco 1000uF 25V"),
            ("ELCO 1000uF/25V", "elco 1000uF 25V"),
            ("kapasitor elektrolit 25v 1000mf", "elco 1000uF 25V"),
            ("elco 1000µF 25 V", "elco 1000uF 25V"),
            ("elco 4u7 50v", "elco 4.7uF 50V"),
            ("elco 4,7uf 50v", "elco 4.7uF 50V"),
            ("resistor 10 k", "resistor 10k"),
            ("resistor 10k ohm", "resistor 10k"),
            ("resistor 10 kilo", "resistor 10k"),
            ("resistor 4k7", "resistor 4k7"),
            ("resistor 4,7k", "resistor 4k7"),
            ("resistor 100 ohm", "resistor 100R"),
            ("resistor 1000 ohm", "resistor 1k"),
            ("resistor 0.22 ohm 5 watt", "resistor 0R22 5W"),
            ("resistor 5w 0r22", "resistor 0R22 5W"),
            ("sekring 5 ampere", "fuse 5A"),
            ("fuse 5a", "fuse 5A"),
            ("Fuse 5A 250v", "fuse 5A 250V"),
            ("transistor c5200", "transistor C5200"),
            ("1n4007", "1N4007"),
            ("dioda 1n5408", "dioda 1N5408"),
            ("IC STR A6159", "ic STR-A6159"),
            ("ic STR-A6159", "ic STR-A6159"),
            ("str a6159", "STR-A6159"),
            ("ic tda 7294", "ic TDA7294"),
            ("IC TDA7294", "ic TDA7294"),
            ("ic TDA-7294", "ic TDA7294"),
            ("ic tipe TA8229K", "ic TA8229K"),
            ("flyback", "flyback"),
            ("fly back", "flyback"),
            ("mosfet k3569", "mosfet K3569"),
            ("kapasitor 104", "kapasitor 104"),
            ("kapasitor 100nf", "kapasitor 100nF"),
            ("trafo 2a", "trafo 2A"),
            ("timah", "timah"),
            ("elco psu 1000uF", "elco psu 1000uF"),
        ];
        for (text, want) in cases {
            assert_eq!(normalize_part_name(text), want, "text {text:?}");
        }
    }

    #[test]
    fn empty_and_odd() {
        assert_eq!(normalize_part_name(""), "");
        assert_eq!(normalize_part_name("   "), "");
        assert_eq!(normalize_part_name("µµµ"), "uuu");
        assert_eq!(normalize_part_name("1e999v"), "1E999V");
    }
}

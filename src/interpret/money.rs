//! Money: finds Rupiah amounts in a line ("150rb", "Rp 150.000", "1,5jt", "dua ratus rebu").
//!
//! A dot followed by exactly three digits groups thousands; otherwise `.` and `,` are decimal
//! marks before `rb`/`jt`/`ribu`/`juta`. A bare small number is never money, so "2 tabung",
//! "43 inch" and quantities stay out. Resistor values ("resistor 10k") are not money either.

use super::normalize::Token;
use super::numbers::{parse_decimal, parse_grouped, parse_int, parse_words};

/// Words that announce a price.
const CUES: &[&str] = &[
    "ongkos", "biaya", "bayar", "dibayar", "harga", "total", "tarif", "jasa", "dp", "ongkir",
    "biayanya", "ongkosnya", "harganya", "totalnya", "kena", "habis", "panjar",
];

/// Words that name a thing measured by the number before them, so it is not a price.
const NOT_MONEY_AFTER: &[&str] = &[
    "jam", "menit", "hari", "minggu", "bulan", "tahun", "inch", "inci", "in", "tabung", "pintu",
    "biji", "buah", "pcs", "unit", "kali", "km", "meter", "watt", "volt", "pk", "liter", "kg",
    "btu", "mah", "rpm", "va", "hz", "mhz", "ghz", "gb", "mb", "tb", "lumen", "cc", "mm", "cm",
];

/// Range of plain numbers, without "Rp", a price word or a suffix, read as a price.
const MIN_PLAIN_PRICE: i64 = 5_000;
const MAX_PLAIN_PRICE: i64 = 100_000_000;

/// Part words whose values use `k` for kilo-ohm.
const KILO_OHM_PARTS: &[&str] =
    &["resistor", "r", "trimpot", "potensio", "potensiometer", "varistor", "thermistor", "ntc"];

/// One amount found in a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub value: i64,
    /// Token range `[start, end)` that spells the amount, cue word included.
    pub start: usize,
    pub end: usize,
    /// Announced by "total", which wins over other amounts in the line.
    pub total: bool,
    /// Announced by "dp" (a down payment), which is part of the price, not the price.
    pub deposit: bool,
}

/// Returns the multiplier of a thousand/million suffix.
fn suffix_factor(suffix: &str) -> Option<f64> {
    match suffix {
        "rb" | "ribu" | "rebu" | "rbu" | "k" | "rbn" => Some(1000.0),
        "jt" | "juta" | "jeti" | "jtan" => Some(1_000_000.0),
        _ => None,
    }
}

/// Splits "150rb" into ("150", "rb"); the number part may hold `.` and `,`.
fn split_suffix(text: &str) -> (&str, &str) {
    let cut = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(text.len(), |(i, _)| i);
    (&text[..cut], &text[cut..])
}

/// Reads the number of an amount: grouped thousands ("150.000") or a decimal ("1,5").
fn amount_number(text: &str) -> Option<f64> {
    if let Some(value) = parse_grouped(text) {
        return Some(value as f64);
    }
    parse_decimal(text)
}

fn word_at(tokens: &[Token], i: usize) -> Option<&str> {
    tokens.get(i).filter(|t| t.is_word()).map(|t| t.low.as_str())
}

/// Finds every amount in the tokens not yet marked in `used`.
pub fn find_all(tokens: &[Token], used: &[bool]) -> Vec<Amount> {
    let words: Vec<&str> = tokens.iter().map(|t| t.low.as_str()).collect();
    let mut found = Vec::new();
    let mut i = 0;

    while i < tokens.len() {
        if used[i] || !tokens[i].is_word() {
            i += 1;
            continue;
        }

        // "mati total 150rb" is a symptom followed by a price, not "total 150rb".
        let symptom_total = words[i] == "total" && i > 0 && words[i - 1] == "mati";
        let cue = CUES.contains(&words[i]) && !symptom_total;
        let start = i;
        let mut at = if cue { i + 1 } else { i };
        // "bayar: 50rb", "total = 50rb" put a separator after the cue.
        if cue && tokens.get(at).is_some_and(|t| t.low == ":") {
            at += 1;
        }

        match read_amount(tokens, &words, at, cue) {
            Some((value, end)) if (100..=10_000_000_000).contains(&value) && !used[at..end].contains(&true) => {
                let total = words[start].starts_with("total");
                let deposit = matches!(words[start], "dp" | "panjar");
                found.push(Amount { value, start, end, total, deposit });
                i = end;
            }
            _ => i += 1,
        }
    }

    found
}

/// Reads an amount starting at `i`; `cue` is true when a price word came just before, which lets a
/// plain number count. Returns the value and the token index after the amount.
fn read_amount(tokens: &[Token], words: &[&str], i: usize, cue: bool) -> Option<(i64, usize)> {
    let mut word = word_at(tokens, i)?;
    let mut end = i + 1;
    let mut currency = false;

    // "Rp", "Rp.", "IDR" before the number, or glued to it ("Rp150.000").
    for prefix in ["rp", "idr"] {
        if word == prefix {
            currency = true;
            // "Rp. 350.000": the full stop before a space is a separator token.
            if tokens.get(end).is_some_and(|t| t.low == ".") {
                end += 1;
            }
            word = word_at(tokens, end)?;
            end += 1;
            break;
        }
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                currency = true;
                word = rest;
                break;
            }
        }
    }

    // Number words: "dua ratus rebu", "goceng", "satu setengah juta".
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        let start = end - 1;
        let (value, read) = parse_words(words, start)?;
        let last = words[start + read - 1];
        let scaled = suffix_factor(last).is_some()
            || matches!(last, "seribu" | "sejuta" | "goceng" | "ceban" | "goban" | "seceng" | "gopek");
        if !(scaled || currency) {
            return None;
        }
        return Some((value.round() as i64, start + read));
    }

    let (number, suffix) = split_suffix(word);
    let value = amount_number(number)?;

    // A glued suffix: "150rb", "1,5jt", "150k", or digits after it that continue the number
    // as decimals, as people speak them: "1jt250" and "1jt25" are 1,25 juta, "2rb5" is 2,5 ribu.
    if !suffix.is_empty() {
        let (suffix, decimals) = split_trailing_digits(suffix);
        let factor = suffix_factor(suffix)?;
        if suffix == "k" && (is_kilo_ohm(tokens, i) || !decimals.is_empty()) {
            return None;
        }
        let fraction = decimal_fraction(decimals)?;
        let amount = ((value + fraction) * factor).round() as i64;
        return Some(with_thousands_after(tokens, amount, factor, end));
    }

    // A suffix word after the number: "150 ribu", "1,5 juta", "150 k".
    if let Some(factor) = word_at(tokens, end).and_then(suffix_factor) {
        let next = word_at(tokens, end + 1);
        if word_at(tokens, end) == Some("k") && (is_kilo_ohm(tokens, i) || next == Some("ohm")) {
            return None;
        }
        let amount = (value * factor).round() as i64;
        return Some(with_thousands_after(tokens, amount, factor, end + 1));
    }

    // "2 ratus ribu", "3 ratus rb": hundreds of thousands spelled with a digit.
    if word_at(tokens, end) == Some("ratus") {
        if let Some(factor) = word_at(tokens, end + 1).and_then(suffix_factor) {
            return Some(((value * 100.0 * factor).round() as i64, end + 2));
        }
    }

    if word_at(tokens, end).is_some_and(|next| NOT_MONEY_AFTER.contains(&next)) {
        return None;
    }

    // Grouped thousands are money on their own; a plain integer needs "Rp" or a price cue.
    if parse_grouped(number).is_some() {
        return Some((value as i64, end));
    }
    let plain = parse_int(number)?;
    if currency || (cue && plain >= 1000) {
        return Some((plain, end));
    }
    // "ganti kapasitor 35000": a round plain number of at least 5000 is a price. Part codes
    // ("ic 4558", "transistor 5200") are smaller or not multiples of 500.
    if (MIN_PLAIN_PRICE..=MAX_PLAIN_PRICE).contains(&plain) && plain % 500 == 0 && !follows_unit_name(tokens, i) {
        return Some((plain, end));
    }
    // NOTE: "ongkos 50" is read as 50 ribu, because no repair costs fifty Rupiah. This is a
    // guess about shop habit, kept to a price cue followed by a number below 1000.
    if cue && plain > 0 {
        return Some((plain * 1000, end));
    }
    None
}

/// Splits "jt250" into ("jt", "250").
fn split_trailing_digits(suffix: &str) -> (&str, &str) {
    let cut = suffix.find(|c: char| c.is_ascii_digit()).unwrap_or(suffix.len());
    (&suffix[..cut], &suffix[cut..])
}

/// Reads digits written after a suffix as decimals: "250" is 0.25, "" is 0. Returns `None`
/// for more than three digits, which no one writes after "jt" or "rb".
fn decimal_fraction(digits: &str) -> Option<f64> {
    if digits.is_empty() {
        return Some(0.0);
    }
    if digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    format!("0.{digits}").parse().ok()
}

/// Adds the thousands written after millions: "1 juta 250 ribu", "1jt 250rb". Returns the amount
/// and the index after it.
fn with_thousands_after(tokens: &[Token], amount: i64, factor: f64, end: usize) -> (i64, usize) {
    if factor < 1_000_000.0 {
        return (amount, end);
    }
    let Some(word) = word_at(tokens, end) else {
        return (amount, end);
    };
    let (number, suffix) = split_suffix(word);
    let Some(thousands) = parse_int(number).filter(|n| (1..1000).contains(n)) else {
        return (amount, end);
    };
    if suffix_factor(suffix) == Some(1000.0) {
        return (amount + thousands * 1000, end + 1);
    }
    if suffix.is_empty() && word_at(tokens, end + 1).and_then(suffix_factor) == Some(1000.0) {
        return (amount + thousands * 1000, end + 2);
    }
    (amount, end)
}

/// True when the number at `i` comes right after a device or brand word, where it is a model
/// number ("TV Samsung 5500", "AC 9000 BTU"), not a price.
fn follows_unit_name(tokens: &[Token], i: usize) -> bool {
    let lex = super::lexicon::lexicon();
    i.checked_sub(1)
        .and_then(|prev| tokens.get(prev))
        .filter(|token| token.is_word())
        .is_some_and(|token| lex.brands.has_word(&token.low) || lex.devices.has_word(&token.low))
}

/// Returns true if and only if the number at `i` follows a resistor-like part word.
fn is_kilo_ohm(tokens: &[Token], i: usize) -> bool {
    let prev = (0..i).rev().find(|&j| tokens[j].is_word());
    prev.is_some_and(|j| KILO_OHM_PARTS.contains(&tokens[j].low.as_str()))
}

/// Picks the price of a line: the last amount announced by "total", else the last amount
/// that is not a down payment ("120rb dp 50rb" costs 120000), else the last amount.
pub fn pick(amounts: &[Amount]) -> Option<&Amount> {
    amounts
        .iter()
        .rev()
        .find(|a| a.total)
        .or_else(|| amounts.iter().rev().find(|a| !a.deposit))
        .or_else(|| amounts.last())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn price(line: &str) -> Option<i64> {
        let tokens = tokenize(line);
        let used = vec![false; tokens.len()];
        pick(&find_all(&tokens, &used)).map(|a| a.value)
    }

    #[test]
    fn amounts() {
        let cases: &[(&str, Option<i64>)] = &[
            ("150rb", Some(150_000)),
            ("150 ribu", Some(150_000)),
            ("150 rebu", Some(150_000)),
            ("150k", Some(150_000)),
            ("150K", Some(150_000)),
            ("Rp 150.000", Some(150_000)),
            ("Rp150.000,-", Some(150_000)),
            ("Rp.150.000", Some(150_000)),
            ("Rp. 350.000", Some(350_000)),
            ("150.000", Some(150_000)),
            ("1,5 juta", Some(1_500_000)),
            ("1.5jt", Some(1_500_000)),
            ("1,5jt", Some(1_500_000)),
            ("2 juta", Some(2_000_000)),
            ("seratus lima puluh ribu", Some(150_000)),
            ("satu setengah juta", Some(1_500_000)),
            ("dua ratus rebu", Some(200_000)),
            ("goceng", Some(5000)),
            ("ongkos 75000", Some(75_000)),
            ("biaya 50", Some(50_000)),
            ("Rp 1.250.000", Some(1_250_000)),
            ("1 juta 250 ribu", Some(1_250_000)),
            ("1jt 250rb", Some(1_250_000)),
            ("1jt250", Some(1_250_000)),
            ("1jt25", Some(1_250_000)),
            ("1jt2", Some(1_200_000)),
            ("2rb5", Some(2_500)),
            ("2 ratus ribu", Some(200_000)),
            ("3 ratus rb", Some(300_000)),
            ("ganti kapasitor 35000", Some(35_000)),
            ("ganti potensio 150000 selesai", Some(150_000)),
        ];
        for (line, want) in cases {
            assert_eq!(price(line), *want, "line {line:?}");
        }
    }

    #[test]
    fn not_money() {
        let cases = [
            "ganti 3 elco 470uF 16V",
            "mesin cuci 2 tabung",
            "TV 43 inch",
            "2000 jam pemakaian",
            "resistor 10k",
            "resistor 10 k",
            "ke-3",
            "jam 13.00",
            "Redmi 8",
            "5 biji",
            "fuse 5A",
            "ic 4558",
            "transistor 5200",
            "tr 13009",
            "elco 10000uF",
            "tahun 2025",
            "150k5",
            "TV Samsung 5500 mati",
            "AC 9000 btu",
            "powerbank 10000 mah",
        ];
        for line in cases {
            assert_eq!(price(line), None, "line {line:?}");
        }
    }

    #[test]
    fn total_wins() {
        assert_eq!(price("jasa 50rb, part 100rb, total 150rb"), Some(150_000));
        assert_eq!(price("part 100rb, jasa 50rb"), Some(50_000));
    }
}

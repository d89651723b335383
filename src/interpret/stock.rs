//! Stock lines: what came in, went out, is left, the low-stock threshold, and questions about
//! one item or the whole list.
//!
//! The verb decides the intent ("beli", "tambah", "masuk" add; "pakai", "keluar" use; "sisa",
//! "tinggal", "habis" set; "minimal" sets the threshold; "berapa", "cek" show). The quantity is
//! a number with a counting unit ("50 pcs", "1 lusin"), else the number right after the verb
//! ("beli 20 ..."), else the last bare number. Numbers glued to or followed by an electrical
//! unit are part values, and a number right after a part type word is a code
//! ("transistor 13007"), so neither is taken as the quantity.

use super::lexicon::lexicon;
use super::money;
use super::normalize::{Kind, Token};
use super::numbers::{parse_decimal, parse_words};
use super::parts::normalize_words;
use super::types::{Filter, Intent, Stock};

/// Result of reading a stock line.
pub struct Parsed {
    pub intent: Intent,
    pub stock: Option<Stock>,
    pub filter: Option<Filter>,
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Add,
    Use,
    Set,
    Min,
    Show,
}

/// Returns the verb a word signals, and whether the word itself means a count of zero.
fn verb_of(word: &str) -> Option<(Verb, bool)> {
    let verb = match word {
        "tambah" | "masuk" | "masukkan" | "beli" | "dibeli" | "membeli" | "restock" | "restok" | "datang" | "kulakan" => Verb::Add,
        "pakai" | "terpakai" | "dipakai" | "keluar" | "kurangi" | "kurang" | "ambil" | "diambil" | "memakai" => Verb::Use,
        "tinggal" | "sisa" | "sisanya" | "sekarang" | "jadi" | "ada" => Verb::Set,
        "habis" | "kosong" => return Some((Verb::Set, true)),
        "minimal" | "minimum" | "min" | "batas" | "ambang" => Verb::Min,
        "berapa" | "cek" | "lihat" | "brp" => Verb::Show,
        _ => return None,
    };
    Some((verb, false))
}

/// Returns true if and only if some word signals a stock change. The intent rules use it to
/// spot stock lines written without "stok".
pub fn has_verb(words: &[&str]) -> bool {
    words.iter().any(|w| verb_of(w).is_some_and(|(verb, _)| verb != Verb::Show) || *w == "barusan")
}

/// Words that are neither the item nor its count.
const SKIP: &[&str] = &[
    "stok", "stock", "persediaan", "barang", "sparepart", "yang", "ya", "dong", "lagi", "tolong",
    "barusan", "tadi", "baru", "aku", "saya", "sudah", "masih", "nya", "toko", "tuh", "nih", "kah",
    "gudang", "di", "sebanyak", "total", "jumlah", "jumlahnya", "apa", "saja", "mau", "hampir",
    "tinggal", "cuma", "hanya", "set", "jadi", "sekarang", "tidak", "belum", "kan", "sih",
    // When it happened is no part of the item: "udah beli fuse 2A 10 biji tadi pagi".
    "pagi", "siang", "sore", "malam", "kemarin", "hari", "ini", "td",
];

/// Words after which the rest names the purpose or the source, not the item.
const CUTS: &[&str] = &["buat", "untuk", "ke", "dari", "dipakai", "pada", "soalnya", "karena", "harga"];

/// Part types named by a bare number code ("transistor 13007", "ic 4558", "kapasitor 104").
const CODED_TYPES: &[&str] = &[
    "ic", "transistor", "tr", "dioda", "diode", "mosfet", "fet", "regulator", "optocoupler", "opto",
    "kapasitor", "capacitor", "igbt", "zener", "thermistor", "crystal", "kristal",
];

/// Words that ask for the list, and those that narrow it to low items.
const LIST_WORDS: &[&str] = &["daftar", "semua", "list", "apa", "mana"];
const LOW_WORDS: &[&str] = &["kurang", "menipis", "tipis", "habis", "kosong", "low", "sedikit"];

/// Reads a stock line from the tokens not yet `used`. `explicit` is true when the line said
/// "stok"; then a line with an item and nothing else asks how much is left.
pub fn parse(tokens: &[Token], used: &mut [bool], explicit: bool) -> Parsed {
    let lex = lexicon();

    // Prices in a purchase line ("beli 10 elco 2rb") are not counts.
    for amount in money::find_all(tokens, used) {
        used[amount.start..amount.end].iter_mut().for_each(|u| *u = true);
    }

    let mut indices: Vec<usize> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Word {
            continue;
        }
        if CUTS.contains(&token.low.as_str()) && !indices.is_empty() {
            break;
        }
        if !used[i] {
            indices.push(i);
        }
    }
    let words: Vec<&str> = indices.iter().map(|&i| tokens[i].low.as_str()).collect();

    let mut verb: Option<Verb> = None;
    let mut zero = false;
    let mut verb_at: Option<usize> = None;
    let mut low = false;
    let mut listing = false;
    let question = tokens.iter().any(|t| t.kind == Kind::Question);
    for (k, word) in words.iter().enumerate() {
        if let Some((found, is_zero)) = verb_of(word) {
            // "berapa" beats "sisa": "sisa berapa?" is a question, not a new count.
            if verb != Some(Verb::Show) && !(verb == Some(Verb::Min) && found == Verb::Set) {
                verb = Some(found);
                verb_at = Some(k);
            }
            zero |= is_zero;
        }
        low |= LOW_WORDS.contains(word) || (*word == "mau" && words.get(k + 1) == Some(&"habis"));
        listing |= LIST_WORDS.contains(word);
    }

    let (qty, unit, taken) = find_qty(&words, verb_at);
    let item_words: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(k, w)| !taken.contains(k) && !SKIP.contains(w) && verb_of(w).is_none() && !LOW_WORDS.contains(w))
        .map(|(_, w)| *w)
        .filter(|w| !LIST_WORDS.contains(w) && !lex.fillers.has_word(w))
        .collect();
    let item = normalize_words(&item_words);

    if item.is_empty() {
        let filter = Filter { low_stock: low || zero, ..Filter::default() };
        let missing = match verb {
            Some(Verb::Add | Verb::Use | Verb::Set | Verb::Min) if !listing && !low && !zero => vec!["stock.item".to_string()],
            _ => Vec::new(),
        };
        if !missing.is_empty() {
            let stock = Stock { item, qty, unit };
            return Parsed { intent: intent_of(verb.unwrap_or(Verb::Show)), stock: Some(stock), filter: None, missing };
        }
        return Parsed { intent: Intent::StockList, stock: None, filter: Some(filter), missing: Vec::new() };
    }

    let verb = match verb {
        Some(Verb::Set) if question && qty.is_none() && !zero => Verb::Show,
        Some(verb) => verb,
        None if qty.is_some() && explicit => Verb::Set,
        None => Verb::Show,
    };
    let qty = match verb {
        Verb::Show => None,
        Verb::Set if zero && qty.is_none() => Some(0.0),
        _ => qty,
    };

    let mut missing = Vec::new();
    if qty.is_none() && verb != Verb::Show {
        missing.push("stock.qty".to_string());
    }
    let stock = Stock { item, qty, unit };
    Parsed { intent: intent_of(verb), stock: Some(stock), filter: None, missing }
}

fn intent_of(verb: Verb) -> Intent {
    match verb {
        Verb::Add => Intent::StockAdd,
        Verb::Use => Intent::StockUse,
        Verb::Set => Intent::StockSet,
        Verb::Min => Intent::StockMin,
        Verb::Show => Intent::StockShow,
    }
}

/// Finds the quantity and its unit; returns them and the word positions they took.
fn find_qty(words: &[&str], verb_at: Option<usize>) -> (Option<f64>, String, Vec<usize>) {
    let lex = lexicon();
    let pcs = "pcs".to_string();


    // 1. A number with a counting unit: "50 pcs", "1 lusin", "2 gulung", "10m", "selusin".
    for k in 0..words.len() {
        if words[k] == "selusin" {
            return (Some(12.0), pcs, vec![k]);
        }
        if let Some((value, read)) = count_at(words, k) {
            if let Some(unit) = words.get(k + read).and_then(|w| lex.qty_units.get(*w)) {
                let taken = (k..=k + read).collect();
                return (Some(value * unit.factor), unit.unit.clone(), taken);
            }
        }
        if let Some((value, unit)) = glued_count(words[k]) {
            return (Some(value), unit, vec![k]);
        }
    }

    // 2. The number right after the verb: "beli 20 dioda", "sisa 2".
    if let Some(v) = verb_at {
        if let Some((value, read)) = count_at(words, v + 1) {
            if is_bare_count(words, v + 1, read) {
                return (Some(value), pcs, (v + 1..v + 1 + read).collect());
            }
        }
    }

    // 3. The last bare number that is not a code after a part type word.
    for k in (0..words.len()).rev() {
        if let Some((value, read)) = count_at(words, k) {
            let after_type = k > 0 && CODED_TYPES.contains(&words[k - 1]);
            if read == 1 && !after_type && is_bare_count(words, k, read) {
                return (Some(value), pcs, vec![k]);
            }
        }
    }

    (None, pcs, Vec::new())
}

/// Reads a count: plain digits, a decimal, or number words ("sepuluh", "dua").
fn count_at(words: &[&str], k: usize) -> Option<(f64, usize)> {
    let word = *words.get(k)?;
    if let Some(value) = parse_decimal(word) {
        return Some((value, 1));
    }
    let (value, read) = parse_words(words, k)?;
    (value >= 1.0).then_some((value, read))
}

/// Returns true if and only if the number at `k` is not followed by an electrical unit.
fn is_bare_count(words: &[&str], k: usize, read: usize) -> bool {
    let next = words.get(k + read);
    !next.is_some_and(|w| lexicon().value_units.contains_key(*w))
}

/// Reads a count glued to a counting unit that is not also an electrical unit ("10pcs", "5m").
fn glued_count(word: &str) -> Option<(f64, String)> {
    let lex = lexicon();
    let cut = word.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    if cut == 0 {
        return None;
    }
    let (digits, suffix) = word.split_at(cut);
    let unit = lex.qty_units.get(suffix).filter(|_| !lex.value_units.contains_key(suffix))?;
    Some((parse_decimal(digits)? * unit.factor, unit.unit.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn stock(line: &str) -> Parsed {
        let tokens = tokenize(line);
        let mut used = vec![false; tokens.len()];
        let explicit = tokens.iter().any(|t| t.low == "stok");
        parse(&tokens, &mut used, explicit)
    }

    #[test]
    fn changes() {
        let cases: &[(&str, Intent, &str, Option<f64>, &str)] = &[
            ("stok elco 1000uF 25V tinggal 4", Intent::StockSet, "elco 1000uF 25V", Some(4.0), "pcs"),
            ("tambah stok resistor 4k7 50 pcs", Intent::StockAdd, "resistor 4k7", Some(50.0), "pcs"),
            ("stok tambah elco 1000uF 25V 10", Intent::StockAdd, "elco 1000uF 25V", Some(10.0), "pcs"),
            ("barusan beli 20 dioda 1N5408", Intent::StockAdd, "dioda 1N5408", Some(20.0), "pcs"),
            ("beli 1 lusin fuse 2A", Intent::StockAdd, "fuse 2A", Some(12.0), "pcs"),
            ("masuk 2 gulung timah", Intent::StockAdd, "timah", Some(2.0), "gulung"),
            ("restock transistor 13007 sepuluh biji", Intent::StockAdd, "transistor 13007", Some(10.0), "pcs"),
            ("pakai 1 IC STR A6159 buat TV Sharp", Intent::StockUse, "ic STR-A6159", Some(1.0), "pcs"),
            ("kepake 2 elco 470uf 16v", Intent::StockUse, "elco 470uF 16V", Some(2.0), "pcs"),
            ("stok pakai flyback 1", Intent::StockUse, "flyback", Some(1.0), "pcs"),
            ("elko 1000 uf 25 volt sisa 2", Intent::StockSet, "elco 1000uF 25V", Some(2.0), "pcs"),
            ("stok flyback habis", Intent::StockSet, "flyback", Some(0.0), "pcs"),
            ("stok kabel tinggal 3 meter", Intent::StockSet, "kabel", Some(3.0), "meter"),
            ("minimal stok elco 470uF 16V 10", Intent::StockMin, "elco 470uF 16V", Some(10.0), "pcs"),
            ("stok minimum fuse 5A 20", Intent::StockMin, "fuse 5A", Some(20.0), "pcs"),
            ("batas stok dioda 1n4007 30", Intent::StockMin, "dioda 1N4007", Some(30.0), "pcs"),
            ("udah beli fuse 2A 10 biji tadi pagi", Intent::StockAdd, "fuse 2A", Some(10.0), "pcs"),
            ("kemarin beli elco 1000uF 25V 20 pcs", Intent::StockAdd, "elco 1000uF 25V", Some(20.0), "pcs"),
            ("hari ini pakai 2 fuse 5A", Intent::StockUse, "fuse 5A", Some(2.0), "pcs"),
        ];
        for (line, intent, item, qty, unit) in cases {
            let parsed = stock(line);
            let stock = parsed.stock.expect(line);
            assert_eq!(parsed.intent, *intent, "intent of {line:?}");
            assert_eq!(stock.item, *item, "item of {line:?}");
            assert_eq!(stock.qty, *qty, "qty of {line:?}");
            assert_eq!(stock.unit, *unit, "unit of {line:?}");
        }
    }

    #[test]
    fn questions() {
        let cases = [
            ("stok fuse 5A berapa?", "fuse 5A"),
            ("cek stok elco 1000uF 25V", "elco 1000uF 25V"),
            ("stok flyback sisa berapa?", "flyback"),
            ("elco 470uF masih ada?", "elco 470uF"),
            ("stok transistor c5200", "transistor C5200"),
            ("ada stok elco 10uf 400v gak?", "elco 10uF 400V"),
        ];
        for (line, item) in cases {
            let parsed = stock(line);
            assert_eq!(parsed.intent, Intent::StockShow, "intent of {line:?}");
            assert_eq!(parsed.stock.as_ref().map(|s| s.item.as_str()), Some(item), "item of {line:?}");
            assert_eq!(parsed.stock.and_then(|s| s.qty), None, "qty of {line:?}");
        }
    }

    #[test]
    fn lists() {
        let cases = [
            ("stok", false),
            ("stok apa aja?", false),
            ("daftar stok", false),
            ("stok kurang", true),
            ("stok menipis", true),
            ("stok apa aja yang mau habis?", true),
        ];
        for (line, low) in cases {
            let parsed = stock(line);
            assert_eq!(parsed.intent, Intent::StockList, "intent of {line:?}");
            assert_eq!(parsed.filter.map(|f| f.low_stock), Some(low), "filter of {line:?}");
        }
    }

    #[test]
    fn missing_slots() {
        let parsed = stock("stok tambah elco 1000uF");
        assert_eq!(parsed.intent, Intent::StockAdd);
        assert_eq!(parsed.missing, vec!["stock.qty"]);

        let parsed = stock("stok tambah 10");
        assert_eq!(parsed.missing, vec!["stock.item"]);
    }
}

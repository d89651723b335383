//! Repair job records: device, brand, model, customer, complaint, fault, action, parts,
//! status, price and date from one line.
//!
//! Slots with fixed vocabularies are taken first and their tokens marked used: the date, the
//! price, the status, the customer, the device and brand, the model. What is left is split
//! into segments at commas and at action verbs. A segment that starts with a verb such as
//! "ganti" is the action. A part word with a damage word, or a phrase after "rusak", is the
//! fault. Any other segment is the complaint (the symptom).

use chrono::{DateTime, FixedOffset};

use super::customer;
use super::dates::{self, Lean};
use super::phone;
use super::warranty;
use super::lexicon::lexicon;
use super::money;
use super::normalize::{Kind, Token};
use super::numbers::{parse_decimal, parse_words};
use super::parts::normalize_words;
use super::types::{Job, Part, Status};

/// Series names written before a model number ("Redmi 8", "Galaxy A30", "Aspire 4738").
const SERIES: &[&str] = &[
    "redmi", "poco", "note", "galaxy", "iphone", "vivobook", "zenbook", "ideapad", "thinkpad",
    "aspire", "pavilion", "inspiron", "latitude", "rog", "tuf", "nitro", "predator", "swift",
    "pixma", "ecotank", "aquos", "bravia", "viera", "regza", "xperia", "reno", "mi", "nova",
    "yoga", "legion", "omen", "vostro", "satellite", "macbook", "spark", "camon", "hot", "smart",
];

/// Size and build words after a number that belong with the model ("43 inch", "2 tabung").
const SIZE_WORDS: &[&str] = &["inch", "inci", "in", "tabung", "pintu", "pk", "liter", "lt"];

/// Verbs whose object is a part that was fitted.
const FITTING_VERBS: &[&str] = &["ganti", "diganti", "pasang", "dipasang", "tukar", "ganti baru"];

/// Words that end a part name inside an action ("ganti elco di mainboard").
const PART_STOPS: &[&str] = &[
    "di", "pada", "untuk", "buat", "ke", "karena", "soalnya", "yang", "biar", "agar", "supaya",
    "sekalian", "plus", "terus", "lalu", "juga",
];

/// Result of reading a job line: the record and a count of its cues.
pub struct Parsed {
    pub job: Job,
    /// How many slots besides the device were found; more slots make a free line surer.
    pub cues: usize,
}

/// Reads a job record from the tokens not yet `used`.
pub fn parse(tokens: &[Token], used: &mut [bool], now: DateTime<FixedOffset>) -> Parsed {
    let today = now.date_naive();
    let mut job = Job { date: today, ..Job::default() };
    let mut cues = 0;

    // Phone numbers and warranty lengths go first: their digits are neither dates, prices
    // nor counts.
    if let Some(found) = phone::find(tokens, used) {
        job.phone = Some(found.number);
        mark(used, found.start, found.end);
    }
    if let Some(terms) = warranty::find_terms(tokens, used) {
        job.warranty_days = Some(terms.days);
        mark(used, terms.start, terms.end);
    }

    let when = dates::scan(tokens, used, now, Lean::Past);
    if let Some(day) = when.day().filter(|d| *d <= today) {
        job.date = day;
    }

    let amounts = money::find_all(tokens, used);
    if let Some(amount) = money::pick(&amounts) {
        job.price = Some(amount.value);
        cues += 1;
    }
    for amount in &amounts {
        mark(used, amount.start, amount.end);
    }

    let (status, awaited) = find_status(tokens, used);
    if let Some(status) = status {
        job.status = status;
        cues += 1;
    }

    if let Some(found) = customer::find(tokens, used) {
        job.customer = Some(found.name);
        mark(used, found.start, found.end);
        cues += 1;
    }

    let ends = find_device_and_brand(tokens, used, &mut job);
    let models: Vec<String> = ends.into_iter().flatten().filter_map(|end| find_model(tokens, used, end)).collect();
    job.model = joined_with(models, " ");
    if job.model.is_none() {
        job.model = find_tagged_model(tokens, used);
    }

    // "TV Polytron Budi mati total": a known given name right after the unit is the customer.
    if job.customer.is_none() {
        if let Some(unit_end) = ends.into_iter().flatten().max() {
            let after_unit = (unit_end..tokens.len()).find(|&i| !used[i]).unwrap_or(tokens.len());
            if let Some(found) = customer::bare_name(tokens, used, after_unit) {
                job.customer = Some(found.name);
                mark(used, found.start, found.end);
                cues += 1;
            }
        }
    }
    // "TV Sharp mati total, Budi" or "... mati total Budi": a known given name that ends a segment.
    if job.customer.is_none() {
        let ends_segment = |end: usize| tokens.get(end).is_none_or(|next| !next.is_word());
        let found = (0..tokens.len())
            .filter_map(|i| customer::bare_name(tokens, used, i))
            .find(|found| ends_segment(found.end));
        if let Some(found) = found {
            job.customer = Some(found.name);
            mark(used, found.start, found.end);
            cues += 1;
        }
    }

    read_segments(tokens, used, &mut job);
    // "nunggu kompresor": the awaited part is what is broken, unless another segment named
    // the fault already.
    if job.fault.is_none() {
        job.fault = awaited;
    }
    cues += [job.complaint.is_some(), job.fault.is_some(), job.action.is_some()]
        .iter()
        .filter(|found| **found)
        .count();

    Parsed { job, cues }
}

fn mark(used: &mut [bool], start: usize, end: usize) {
    used[start..end].iter_mut().for_each(|u| *u = true);
}

fn word(tokens: &[Token], i: usize) -> Option<&str> {
    tokens.get(i).filter(|t| t.is_word()).map(|t| t.low.as_str())
}

/// Words after "tunggu" that name no particular part ("nunggu sparepart", "tunggu part").
const GENERIC_PART_WORDS: &[&str] = &["part", "sparepart", "spare", "onderdil", "barang", "dulu", "lagi", "masih"];

/// Finds status phrases; the last one wins because a line is written in the order things
/// happened ("lagi dikerjain, udah beres"). "nunggu kompresor" waits for a part, returned as
/// the second value with its original spelling ("kompresor", "IC power").
pub(super) fn find_status(tokens: &[Token], used: &mut [bool]) -> (Option<Status>, Option<String>) {
    let lex = lexicon();
    let words: Vec<&str> = tokens.iter().map(|t| t.low.as_str()).collect();
    let mut status = None;
    let mut awaited = None;
    let mut i = 0;

    while i < tokens.len() {
        if used[i] || !tokens[i].is_word() {
            i += 1;
            continue;
        }
        let mut after_wait = None;
        if let Some((len, found)) = lex.statuses.longest_at(&words, i) {
            if !used[i..i + len].contains(&true) {
                // "gak jadi, diambil orangnya": a cancelled job handed back stays cancelled.
                if status != Some(Status::Batal) {
                    status = Some(*found);
                }
                mark(used, i, i + len);
                // "menunggu sparepart mainboard": the part may follow a waiting phrase.
                if *found == Status::TungguPart {
                    after_wait = Some(i + len);
                } else {
                    i += len;
                    continue;
                }
            }
        }
        if after_wait.is_some() || matches!(words[i], "tunggu" | "menunggu") {
            let from = after_wait.unwrap_or(i + 1);
            // The awaited part runs to the next separator, or to the customer ("nunggu IC punya
            // Pak Budi"), whose words must stay free for the customer reader.
            let ends_part = |j: usize| {
                !tokens[j].is_word()
                    || used[j]
                    || customer::is_introducer(words[j])
                    || lex.honorifics.longest_at(&words, j).is_some()
            };
            let end = (from..tokens.len()).find(|&j| ends_part(j)).unwrap_or(tokens.len());
            status = Some(Status::TungguPart);
            let part: Vec<&str> = (from..end)
                .filter(|&j| !GENERIC_PART_WORDS.contains(&words[j]))
                .map(|j| tokens[j].raw.as_str())
                .collect();
            if !part.is_empty() {
                awaited = Some(part.join(" "));
            }
            mark(used, i, end);
            i = end;
            continue;
        }
        i += 1;
    }

    (status, awaited)
}

/// A device or brand phrase found at a position.
struct Mention<'a> {
    start: usize,
    len: usize,
    name: &'a str,
    flag: bool,
}

/// The canonical type of devices outside the contract's list.
const OTHER_DEVICE: &str = "lainnya";

/// Sets the device and brand, marks their tokens used, and returns the indices after each,
/// where a model code or size may follow ("kulkas 2 pintu LG", "HP Samsung A52").
fn find_device_and_brand(tokens: &[Token], used: &mut [bool], job: &mut Job) -> [Option<usize>; 2] {
    let lex = lexicon();
    let words: Vec<&str> = tokens.iter().map(|t| t.low.as_str()).collect();
    let mut devices: Vec<Mention> = Vec::new();
    let mut brands: Vec<Mention> = Vec::new();

    let free = |start: usize, len: usize| !used[start..start + len].contains(&true);
    for i in 0..tokens.len() {
        if !tokens[i].is_word() || used[i] {
            continue;
        }
        if let Some((len, device)) = lex.devices.longest_at(&words, i).filter(|(len, _)| free(i, *len)) {
            devices.push(Mention { start: i, len, name: &device.name, flag: device.weak });
        }
        if let Some((len, brand)) = lex.brands.longest_at(&words, i).filter(|(len, _)| free(i, *len)) {
            brands.push(Mention { start: i, len, name: &brand.name, flag: brand.phone });
        }
    }

    // "hp" is a phone unless another device is named: then it is the brand ("laptop HP").
    let other_device = devices.iter().any(|d| d.name != "hp" && !d.flag);
    if other_device {
        devices.retain(|d| words[d.start] != "hp");
    } else {
        brands.retain(|b| words[b.start] != "hp");
    }
    // Overlapping matches ("speaker aktif" contains "speaker") keep the earlier, longer one.
    let device = devices.iter().find(|d| !d.flag).or_else(|| devices.first());
    let brand = brands.first();

    let mut ends = [None, None];
    if let Some(device) = device {
        job.device = Some(device.name.to_string());
        if device.name == OTHER_DEVICE {
            let written: Vec<&str> = words[device.start..device.start + device.len].to_vec();
            job.device_name = Some(written.join(" "));
        }
        mark(used, device.start, device.start + device.len);
        ends[0] = Some(device.start + device.len);
    }
    if let Some(brand) = brand {
        job.brand = Some(brand.name.to_string());
        // A series name that is also a brand word ("Redmi") starts the model, so it stays.
        if SERIES.contains(&words[brand.start]) {
            ends[1] = Some(brand.start);
        } else {
            mark(used, brand.start, brand.start + brand.len);
            ends[1] = Some(brand.start + brand.len);
        }
    }
    ends
}

/// Reads a model right after the device or brand: a code ("A30", "TC-2088MF"), a series
/// and number ("Redmi 8"), or a size ("43 inch", "2 tabung").
fn find_model(tokens: &[Token], used: &mut [bool], start: usize) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut i = start;
    let mut after_series = false;

    while i < tokens.len() && parts.len() < 4 {
        if !tokens[i].is_word() || used[i] {
            break;
        }
        let low = tokens[i].low.as_str();
        if SERIES.contains(&low) {
            parts.push(&tokens[i].raw);
            after_series = true;
            i += 1;
            continue;
        }
        if is_code(low) || (after_series && low.bytes().all(|b| b.is_ascii_digit())) {
            parts.push(&tokens[i].raw);
            after_series = false;
            i += 1;
            continue;
        }
        let sized = parse_decimal(low).is_some() && word(tokens, i + 1).is_some_and(|w| SIZE_WORDS.contains(&w));
        if sized {
            parts.push(&tokens[i].raw);
            parts.push(&tokens[i + 1].raw);
            i += 2;
            continue;
        }
        break;
    }

    if parts.is_empty() {
        return None;
    }
    mark(used, start, i);
    Some(parts.join(" "))
}

/// Reads "tipe X", "type X", "model X", "seri X" anywhere in the line.
fn find_tagged_model(tokens: &[Token], used: &mut [bool]) -> Option<String> {
    (0..tokens.len().saturating_sub(1)).find_map(|i| {
        let tagged = !used[i] && matches!(word(tokens, i), Some("tipe" | "type" | "model" | "seri"));
        if !tagged || used[i + 1] || !is_code(word(tokens, i + 1)?) {
            return None;
        }
        mark(used, i, i + 2);
        Some(tokens[i + 1].raw.clone())
    })
}

/// Returns true if and only if the word mixes letters and digits like a model or part code,
/// and is not an ordinal ("ke-3") or a plain value with a unit.
fn is_code(word: &str) -> bool {
    let letters = word.bytes().any(|b| b.is_ascii_alphabetic());
    let digits = word.bytes().any(|b| b.is_ascii_digit());
    let ordinal = word.starts_with("ke-");
    let units = &lexicon().value_units;
    let value = {
        let cut = word.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(0);
        cut > 0 && units.contains_key(&word[cut..])
    };
    letters && digits && !ordinal && !value && word.is_ascii()
}

/// The words of one comma-separated stretch of the line that no slot took.
struct Segment {
    /// Token indices, in order.
    indices: Vec<usize>,
}

/// Splits the unused words into segments and reads the action, fault and complaint.
fn read_segments(tokens: &[Token], used: &mut [bool], job: &mut Job) {
    let lex = lexicon();
    let mut segments: Vec<Segment> = Vec::new();
    let mut current = Segment { indices: Vec::new() };
    let words: Vec<&str> = tokens.iter().map(|t| t.low.as_str()).collect();

    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Word {
            segments.push(std::mem::replace(&mut current, Segment { indices: Vec::new() }));
            continue;
        }
        // "ngecas gak masuk": after a negation a filler word is the symptom itself.
        let negated = i > 0 && matches!(words[i - 1], "tidak" | "belum") && !used[i - 1];
        if used[i] || (is_noise(&token.low) && !negated) {
            continue;
        }
        // An action verb inside a stretch starts a new segment: "PSU jebol ganti PSU". After a
        // negation it is the symptom ("charger gak ngisi"), so the stretch goes on.
        if !current.indices.is_empty() && !negated && lex.actions.longest_at(&words, i).is_some() {
            segments.push(std::mem::replace(&mut current, Segment { indices: Vec::new() }));
        }
        current.indices.push(i);
    }
    segments.push(current);

    let mut complaints: Vec<String> = Vec::new();
    let mut leftovers: Vec<String> = Vec::new();
    let mut faults: Vec<String> = Vec::new();
    let mut actions: Vec<String> = Vec::new();

    for segment in segments.iter().filter(|s| !s.indices.is_empty()) {
        let lows: Vec<&str> = segment.indices.iter().map(|&i| tokens[i].low.as_str()).collect();
        let raws: Vec<&str> = segment.indices.iter().map(|&i| tokens[i].raw.as_str()).collect();

        if let Some((len, _)) = lex.actions.longest_at(&lows, 0) {
            actions.push(raws.join(" "));
            if FITTING_VERBS.contains(&lows[..len].join(" ").as_str()) {
                job.parts.extend(read_parts(&lows[len..]));
            }
            continue;
        }

        if let Some(fault) = read_fault(&lows, &raws) {
            faults.push(fault);
            continue;
        }

        let symptom = (0..lows.len()).any(|i| lex.symptoms.longest_at(&lows, i).is_some());
        if symptom {
            complaints.push(raws.join(" "));
        } else {
            leftovers.push(raws.join(" "));
        }
    }

    // Words with no symptom cue still describe the unit, so they follow the symptoms.
    complaints.extend(leftovers);
    job.complaint = joined(complaints);
    job.fault = joined(faults);
    job.action = joined(actions);
}

/// Words that carry nothing for a job record: fillers and ordinals such as "ke-3".
fn is_noise(low: &str) -> bool {
    lexicon().fillers.has_word(low) || low.starts_with("ke-")
}

fn joined(texts: Vec<String>) -> Option<String> {
    joined_with(texts, ", ")
}

fn joined_with(texts: Vec<String>, separator: &str) -> Option<String> {
    (!texts.is_empty()).then(|| texts.join(separator))
}

/// Reads the fault of a segment. "rusak PSU" and "kerusakan IC" give the part. A part word
/// with a damage word ("elco kembung", "IC TA8229K rusak") gives the phrase without "rusak".
fn read_fault(lows: &[&str], raws: &[&str]) -> Option<String> {
    let lex = lexicon();
    let keep = |dropped: &[&str]| -> Option<String> {
        let words: Vec<&str> = lows
            .iter()
            .zip(raws)
            .filter(|(low, _)| !dropped.contains(low) && !lex.fault_drop.has_word(low))
            .map(|(_, raw)| *raw)
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    };

    if lex.fault_drop.has_word(lows[0]) && lows.len() > 1 {
        return keep(&[]);
    }

    let damaged = (0..lows.len()).any(|i| lex.damage.longest_at(lows, i).is_some());
    let component = lows.iter().any(|w| lex.parts.has_word(w) || is_code(w));
    if damaged && component {
        return keep(&[]);
    }
    None
}

/// Reads the parts after a fitting verb: "3 elco 470uF 16V", "elco dan resistor 10k",
/// "2 biji dioda". Each part has a count, 1 when none is written.
fn read_parts(words: &[&str]) -> Vec<Part> {
    let lex = lexicon();
    let end = words.iter().position(|w| PART_STOPS.contains(w)).unwrap_or(words.len());
    let mut parts = Vec::new();

    for chunk in words[..end].split(|w| matches!(*w, "dan" | "sama" | "+" | "&")) {
        let mut i = 0;
        let mut qty = 1.0;

        let count = chunk.first().and_then(|w| {
            let number = parse_decimal(w).filter(|_| w.bytes().all(|b| b.is_ascii_digit()));
            number.map(|n| (n, 1)).or_else(|| parse_words(chunk, 0))
        });
        if let Some((value, read)) = count {
            // "3 elco" counts; "3" alone with no name is not a part.
            if read < chunk.len() {
                qty = value;
                i = read;
                if let Some(unit) = chunk.get(i).and_then(|w| lex.qty_units.get(*w)) {
                    qty *= unit.factor;
                    i += 1;
                }
            }
        }

        // A count after the name: "ganti lampu backlight 9 biji".
        let mut end = chunk.len();
        if end >= i + 3 {
            let unit = lex.qty_units.get(chunk[end - 1]);
            let count = chunk[end - 2].bytes().all(|b| b.is_ascii_digit()).then(|| parse_decimal(chunk[end - 2])).flatten();
            if let (Some(unit), Some(count)) = (unit, count) {
                qty = count * unit.factor;
                end -= 2;
            }
        }

        let name = normalize_words(&chunk[i..end]);
        if !name.is_empty() {
            parts.push(Part { name, qty });
        }
    }

    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn job(line: &str) -> Job {
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();
        let tokens = tokenize(line);
        let mut used = vec![false; tokens.len()];
        parse(&tokens, &mut used, now).job
    }

    #[test]
    fn devices_and_brands() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("TV Sharp mati total", Some("tv"), Some("Sharp")),
            ("tivi politron matot", Some("tv"), Some("Polytron")),
            ("laptop HP gak nyala", Some("laptop"), Some("HP")),
            ("HP Samsung layar pecah", Some("hp"), Some("Samsung")),
            ("hp oppo speaker gak bunyi", Some("hp"), Some("Oppo")),
            ("printer hp paper jam", Some("printer"), Some("HP")),
            ("magicom cosmos gak panas", Some("rice cooker"), Some("Cosmos")),
            ("speaker aktif Altec Lansing gak ada suara", Some("speaker aktif"), Some("Altec Lansing")),
            ("salon aktif simbada kresek", Some("speaker aktif"), Some("Simbadda")),
            ("lemari es sanyoo gak dingin", Some("kulkas"), Some("Sanyo")),
            ("notebook asus lemot", Some("laptop"), Some("Asus")),
            ("komputer mati", Some("pc"), None),
            ("ampli yamaha sember", Some("amplifier"), Some("Yamaha")),
            ("kipas maspion muter pelan", Some("kipas angin"), Some("Maspion")),
            ("mesin cuci samsul gak muter", Some("mesin cuci"), Some("Samsung")),
            ("iphone 11 mati", Some("hp"), Some("Apple")),
            ("ac daikin gak dingin", Some("ac"), Some("Daikin")),
            ("pompa air sanyo gak nyedot", Some("pompa air"), Some("Sanyo")),
        ];
        for (line, device, brand) in cases {
            let job = job(line);
            assert_eq!(job.device.as_deref(), *device, "device of {line:?}");
            assert_eq!(job.brand.as_deref(), *brand, "brand of {line:?}");
        }
    }

    #[test]
    fn models() {
        let cases: &[(&str, Option<&str>)] = &[
            ("HP Xiaomi Redmi 8 kemasukan air", Some("Redmi 8")),
            ("HP Samsung A30 bootloop", Some("A30")),
            ("TV Polytron TC-2088MF gak ada gambar", Some("TC-2088MF")),
            ("TV Samsung 43 inch backlight mati", Some("43 inch")),
            ("mesin cuci Aqua 2 tabung spin macet", Some("2 tabung")),
            ("laptop Acer Aspire 4738 mati", Some("Aspire 4738")),
            ("TV Coocaa 2000 jam pemakaian", None),
            ("radio Sony ke-3", None),
        ];
        for (line, want) in cases {
            assert_eq!(job(line).model.as_deref(), *want, "line {line:?}");
        }
    }

    #[test]
    fn segments() {
        let job = job("TV Sharp matot, elco PSU kembung, ganti elco, 120rb, beres");
        assert_eq!(job.complaint.as_deref(), Some("mati total"));
        assert_eq!(job.fault.as_deref(), Some("elco PSU kembung"));
        assert_eq!(job.action.as_deref(), Some("ganti elco"));
        assert_eq!(job.parts, vec![Part { name: "elco".into(), qty: 1.0 }]);
        assert_eq!(job.price, Some(120_000));
        assert_eq!(job.status, Status::Selesai);
    }

    #[test]
    fn faults() {
        let cases = [
            ("speaker aktif gak ada suara, IC TA8229K rusak", "IC TA8229K"),
            ("TV mati, rusak PSU", "PSU"),
            ("PC gak nyala, PSU jebol", "PSU jebol"),
            ("kipas angin muter pelan, kapasitor lemah", "kapasitor lemah"),
            ("setrika gak panas, kabel putus", "kabel putus"),
        ];
        for (line, want) in cases {
            assert_eq!(job(line).fault.as_deref(), Some(want), "line {line:?}");
        }
    }

    #[test]
    fn fitted_parts() {
        let cases: &[(&str, &[(&str, f64)])] = &[
            ("ganti 3 elco 470uF 16V di mainboard TV Polytron", &[("elco 470uF 16V", 3.0)]),
            ("TV mati, ganti elco dan resistor 10k", &[("elco", 1.0), ("resistor 10k", 1.0)]),
            ("ganti dua biji dioda 1n4007", &[("dioda 1N4007", 2.0)]),
            ("ganti PSU 350rb", &[("psu", 1.0)]),
            ("isi freon", &[]),
            ("ganti lampu backlight 9 biji", &[("backlight", 9.0)]),
        ];
        for (line, want) in cases {
            let got: Vec<(String, f64)> = job(line).parts.into_iter().map(|p| (p.name, p.qty)).collect();
            let want: Vec<(String, f64)> = want.iter().map(|(n, q)| (n.to_string(), *q)).collect();
            assert_eq!(got, want, "line {line:?}");
        }
    }

    #[test]
    fn statuses() {
        let cases = [
            ("TV udah beres", Status::Selesai),
            ("TV kelar", Status::Selesai),
            ("TV udah jadi", Status::Selesai),
            ("TV tunggu diambil", Status::Selesai),
            ("TV udah diambil", Status::Diambil),
            ("TV diambil", Status::Diambil),
            ("TV lagi dikerjain", Status::Proses),
            ("TV lagi dibenerin", Status::Proses),
            ("kulkas nunggu kompresor", Status::TungguPart),
            ("TV tunggu IC", Status::TungguPart),
            ("hp menunggu sparepart", Status::TungguPart),
            ("TV batal", Status::Batal),
            ("TV gak jadi", Status::Batal),
            ("TV gak bisa dibenerin", Status::Batal),
            ("TV cancel", Status::Batal),
            ("TV mati total", Status::Masuk),
        ];
        for (line, want) in cases {
            assert_eq!(job(line).status, want, "line {line:?}");
        }
    }

    #[test]
    fn phone_numbers_are_no_other_slot() {
        let cases = [
            "TV Pak Budi 0812-3456-7890 mati total",
            "TV Pak Budi 0812 3456 7890 mati total",
            "TV Pak Budi +62 812 3456 7890 mati total",
            "TV Pak Budi 62 812.3456.7890 mati total",
            "TV Pak Budi 0812.3456.7890 mati total",
        ];
        for line in cases {
            let job = job(line);
            assert_eq!(job.phone.as_deref(), Some("081234567890"), "phone of {line:?}");
            assert_eq!(job.price, None, "price of {line:?}");
            assert_eq!(job.date.to_string(), "2026-12-04", "date of {line:?}");
            assert_eq!(job.model, None, "model of {line:?}");
            assert!(job.parts.is_empty(), "parts of {line:?}");
            assert_eq!(job.customer.as_deref(), Some("Pak Budi"), "customer of {line:?}");
            assert_eq!(job.complaint.as_deref(), Some("mati total"), "complaint of {line:?}");
        }

        let with_price = job("TV Pak Budi 0812 3456 7890 ganti 2 elco 150rb");
        assert_eq!(with_price.phone.as_deref(), Some("081234567890"));
        assert_eq!(with_price.price, Some(150_000));
        assert_eq!(with_price.parts, vec![Part { name: "elco".into(), qty: 2.0 }]);
    }

    #[test]
    fn warranty_terms() {
        let cases: &[(&str, Option<u32>)] = &[
            ("TV Sharp mati total, garansi 30 hari", Some(30)),
            ("TV Sharp mati total garansi 1 bulan 150rb", Some(30)),
            ("TV Sharp ganti elco garansi 2 minggu, beres", Some(14)),
            ("TV Sharp mati total, tanpa garansi", Some(0)),
            ("TV Sharp mati total, gak ada garansi", Some(0)),
            ("TV Sharp mati total", None),
        ];
        for (line, want) in cases {
            let job = job(line);
            assert_eq!(job.warranty_days, *want, "line {line:?}");
            assert_eq!(job.complaint.as_deref(), Some("mati total").filter(|_| !line.contains("elco")), "complaint of {line:?}");
            assert_eq!(job.date.to_string(), "2026-12-04", "date of {line:?}");
        }
        assert_eq!(job("TV Sharp mati total garansi 1 bulan 150rb").price, Some(150_000));
    }

    #[test]
    fn record_dates() {
        let cases = [
            ("kemarin TV mati", "2026-12-03"),
            ("3 hari yang lalu setrika", "2026-12-01"),
            ("tgl 2 printer", "2026-12-02"),
            ("radio ke-3 hari ini", "2026-12-04"),
            ("TV 2000 jam pemakaian", "2026-12-04"),
            ("TV besok diambil", "2026-12-04"),
        ];
        for (line, want) in cases {
            assert_eq!(job(line).date.to_string(), want, "line {line:?}");
        }
    }
}

//! Checks on an interpretation before anything acts on it, and the rule that decides when a
//! line the rules read as chat should go to the language model.
//!
//! The rules only build valid objects; these checks exist for objects filled by the model,
//! which may name any device, date or number its grammar admits.

use chrono::{DateTime, FixedOffset};

use super::lexicon::lexicon;
use super::money;
use super::normalize::{tokenize, Kind};
use super::types::{Intent, Interpretation};

/// Longest string slot accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// Largest price accepted, in Rupiah (the money reader's own upper bound).
pub const MAX_PRICE: i64 = 10_000_000_000;

/// Maximum warranty accepted, in days (ten years); a larger number is a typo, not a term.
pub const MAX_WARRANTY_DAYS: u32 = 3650;

/// Counting units a stock object may carry.
pub const STOCK_UNITS: &[&str] =
    &["pcs", "gulung", "meter", "set", "unit", "pack", "box", "lembar", "batang", "botol", "tube", "kg", "liter"];

/// Why an interpretation was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid interpretation: {0}")]
pub struct Invalid(pub String);

/// Returns the canonical device type for a canonical name or any phrase of the device list
/// ("magicom" -> "rice cooker"); `None` for anything else.
pub fn canonical_device(name: &str) -> Option<String> {
    let lex = lexicon();
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    match lex.devices.longest_at(&words, 0) {
        Some((len, device)) if len == words.len() => Some(device.name.clone()),
        _ => None,
    }
}

/// Checks that the object of the intent is present and every slot holds a value the
/// dispatcher can store: canonical devices, non-negative prices and quantities, known units,
/// ordered report days, job days not after today, and short text without control characters.
pub fn validate(out: &Interpretation, now: DateTime<FixedOffset>) -> Result<(), Invalid> {
    let fail = |what: &str| Err(Invalid(what.to_string()));
    if !(0.0..=1.0).contains(&out.confidence) {
        return fail("confidence outside 0..1");
    }

    match out.intent {
        Intent::JobAdd => {
            let Some(job) = &out.job else { return fail("job.add without a job object") };
            if let Some(device) = &job.device {
                if canonical_device(device).as_deref() != Some(device.as_str()) {
                    return fail("job.device is not a canonical device type");
                }
            }
            if job.price.is_some_and(|p| !(0..=MAX_PRICE).contains(&p)) {
                return fail("job.price out of range");
            }
            if job.date > now.date_naive() {
                return fail("job.date lies in the future");
            }
            let texts = [&job.brand, &job.model, &job.customer, &job.complaint, &job.fault, &job.action];
            if !texts.iter().all(|text| text.as_deref().is_none_or(is_clean_text)) {
                return fail("job text slot is empty, too long or has control characters");
            }
            if !job.parts.iter().all(|p| is_clean_text(&p.name) && p.qty.is_finite() && p.qty >= 0.0) {
                return fail("job.parts holds an invalid part");
            }
            if !job.phone.as_deref().is_none_or(is_normal_phone) {
                return fail("job.phone is not a mobile number in normal form");
            }
            if job.warranty_days.is_some_and(|days| days > MAX_WARRANTY_DAYS) {
                return fail("job.warranty_days out of range");
            }
        }
        Intent::ReminderAdd => {
            let Some(reminder) = &out.reminder else { return fail("reminder.add without a reminder object") };
            if !is_clean_text(&reminder.text) {
                return fail("reminder.text is empty, too long or has control characters");
            }
            if reminder.due.is_some_and(|due| due <= now) {
                return fail("reminder.due is not in the future");
            }
        }
        Intent::StockAdd | Intent::StockUse | Intent::StockSet | Intent::StockMin | Intent::StockShow => {
            let Some(stock) = &out.stock else { return fail("stock intent without a stock object") };
            if !is_clean_text(&stock.item) {
                return fail("stock.item is empty, too long or has control characters");
            }
            if stock.qty.is_some_and(|q| !q.is_finite() || q < 0.0) {
                return fail("stock.qty is negative or not a number");
            }
            if !STOCK_UNITS.contains(&stock.unit.as_str()) {
                return fail("stock.unit is not a known unit");
            }
        }
        Intent::Search => {
            let filter = out.filter.as_ref().filter(|filter| filter.narrows_jobs());
            let query = out.query.as_deref().unwrap_or("");
            let query_ok = is_clean_text(query) || (query.trim().is_empty() && filter.is_some());
            if !query_ok {
                return fail("search without a usable query or filter");
            }
            if let Some(filter) = filter {
                if matches!((filter.from, filter.to), (Some(from), Some(to)) if from > to) {
                    return fail("filter.from is after filter.to");
                }
                if filter.customer.as_deref().is_some_and(|customer| !is_clean_text(customer)) {
                    return fail("filter.customer is empty, too long or has control characters");
                }
            }
        }
        Intent::Report => {
            let Some(report) = &out.report else { return fail("report without a report object") };
            if report.from > report.to {
                return fail("report.from is after report.to");
            }
        }
        Intent::MemoryAdd | Intent::MemoryForget => {
            if !out.memory.as_ref().is_some_and(|m| is_clean_text(&m.fact)) {
                return fail("memory intent without a usable fact");
            }
        }
        Intent::WarrantyCheck => {
            let Some(query) = &out.warranty else { return fail("warranty.check without a warranty object") };
            if let Some(device) = &query.device {
                if canonical_device(device).as_deref() != Some(device.as_str()) {
                    return fail("warranty.device is not a canonical device type");
                }
            }
            if !query.phone.as_deref().is_none_or(is_normal_phone) {
                return fail("warranty.phone is not a mobile number in normal form");
            }
            if query.id.is_some_and(|id| id <= 0) {
                return fail("warranty.id is not a job number");
            }
            if ![&query.customer, &query.brand].iter().all(|text| text.as_deref().is_none_or(is_clean_text)) {
                return fail("warranty text slot is empty, too long or has control characters");
            }
        }
        Intent::JobList | Intent::ReminderList | Intent::StockList | Intent::ShoppingList | Intent::Help | Intent::Chat => {}
        // Deleting and changing recorded jobs must be named outright by the user; a guess
        // from the model never reaches them.
        Intent::JobDelete
        | Intent::ReminderDelete
        | Intent::StockDelete
        | Intent::JobUpdate
        | Intent::JobUndo
        | Intent::JobEdit
        | Intent::ReminderDone => {
            return fail("the model may not produce delete or lifecycle intents");
        }
    }
    Ok(())
}

/// Returns true if and only if `phone` is already the normal form of a mobile number.
fn is_normal_phone(phone: &str) -> bool {
    super::phone::normalize(phone).as_deref() == Some(phone)
}

fn is_clean_text(text: &str) -> bool {
    let trimmed = text.trim();
    !trimmed.is_empty() && trimmed.chars().count() <= MAX_TEXT_CHARS && !trimmed.chars().any(char::is_control)
}

/// Returns true if and only if the rules read the line as unsure chat, but it names a device,
/// brand, part or amount of money and asks nothing: a record the rules could not place, which
/// the language model may classify.
pub fn needs_model(out: &Interpretation, line: &str) -> bool {
    if out.intent != Intent::Chat || out.confidence > 0.6 {
        return false;
    }
    let tokens = tokenize(line);
    if tokens.iter().any(|t| t.kind == Kind::Question) {
        return false;
    }
    let lex = lexicon();
    let words: Vec<&str> = tokens.iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect();
    let named = (0..words.len()).any(|i| {
        lex.questions.longest_at(&words, i).is_some() || lex.greetings.longest_at(&words, i).is_some()
    });
    if named {
        return false;
    }
    let thing = (0..words.len()).any(|i| {
        lex.devices.longest_at(&words, i).is_some()
            || lex.brands.longest_at(&words, i).is_some()
            || lex.parts.longest_at(&words, i).is_some()
    });
    let used = vec![false; tokens.len()];
    thing || !money::find_all(&tokens, &used).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::interpret;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap()
    }

    #[test]
    fn devices_canonical() {
        assert_eq!(canonical_device("tv").as_deref(), Some("tv"));
        assert_eq!(canonical_device("magicom").as_deref(), Some("rice cooker"));
        assert_eq!(canonical_device("mesin cuci").as_deref(), Some("mesin cuci"));
        assert_eq!(canonical_device("roket"), None);
        assert_eq!(canonical_device("tv bagus"), None);
    }

    #[test]
    fn rule_output_validates() {
        let lines = [
            "catat TV Polytron Pak Budi matot, udah beres 150rb",
            "ingatkan besok ambil IC",
            "stok elco 1000uF 25V tinggal 4",
            "cari kulkas Bu Ani",
            "cari polytron bulan lalu yang udah selesai",
            "cari yang batal minggu lalu",
            "laporan minggu ini",
            "catat TV Pak Budi 0812-3456-7890 mati total, garansi 2 minggu",
            "TV Pak Budi masih garansi?",
            "ingat, nama saya Arip",
            "selamat pagi",
        ];
        for line in lines {
            assert_eq!(validate(&interpret(line, now()), now()), Ok(()), "line {line:?}");
        }
    }

    #[test]
    fn bad_slots_rejected() {
        let mut out = interpret("catat TV Polytron mati total 150rb", now());
        out.job.as_mut().unwrap().device = Some("roket".into());
        assert!(validate(&out, now()).is_err());

        let mut out = interpret("catat TV Polytron mati total 150rb", now());
        out.job.as_mut().unwrap().price = Some(-5);
        assert!(validate(&out, now()).is_err());

        let mut out = interpret("stok elco 1000uF 25V tinggal 4", now());
        out.stock.as_mut().unwrap().unit = "ton".into();
        assert!(validate(&out, now()).is_err());

        let mut out = interpret("ingatkan besok ambil IC", now());
        out.reminder.as_mut().unwrap().text = "\u{7}".into();
        assert!(validate(&out, now()).is_err());

        let mut out = interpret("catat TV Pak Budi mati total", now());
        out.job.as_mut().unwrap().phone = Some("0812-3456-7890".into());
        assert!(validate(&out, now()).is_err());

        let mut out = interpret("catat TV Pak Budi mati total", now());
        out.job.as_mut().unwrap().warranty_days = Some(99_999);
        assert!(validate(&out, now()).is_err());

        let mut out = interpret("TV Pak Budi masih garansi?", now());
        out.warranty.as_mut().unwrap().device = Some("roket".into());
        assert!(validate(&out, now()).is_err());

        let mut out = interpret("TV Pak Budi masih garansi?", now());
        out.warranty = None;
        assert!(validate(&out, now()).is_err());
    }

    #[test]
    fn model_wanted_for_unplaced_records() {
        let cases = [
            ("samsung 43 inch bu ani", true),
            ("elco kembung 2 biji", true),
            ("selamat pagi nano", false),
            ("kenapa tv polytron sering mati?", false),
            ("makasih ya", false),
            ("catat TV Sharp mati total", false),
        ];
        for (line, want) in cases {
            let out = interpret(line, now());
            assert_eq!(needs_model(&out, line), want, "line {line:?} read as {:?}", out.intent);
        }
    }
}

//! The deterministic Indonesian interpreter: one line of a technician's text in, one
//! `Interpretation` out.
//!
//! Pure code: no IO, no model, no clock of its own ("now" is an argument). The word lists live
//! as data under `assets/lexicon/` and are embedded at build time. 
//!
//! The steps: `normalize` tokenizes and expands slang, and `intent` picks the intent. Then the
//! module that owns the intent's slots fills them (`job`, `reminder`, `stock`, `report`,
//! `query`), using the shared readers for dates, money, part names and customers.

pub mod types;
pub use types::*;

/// Characters of a line the interpreter reads; the rest is ignored.
pub use normalize::MAX_CHARS as MAX_LINE_CHARS;

mod customer;
mod dates;
mod delete;
mod update;
mod history;
mod intent;
mod job;
mod lexicon;
mod money;
mod normalize;
mod numbers;
mod parts;
mod phone;
mod query;
mod report;
mod reminder;
mod stock;
mod validate;
mod warranty;

pub use validate::{canonical_device, needs_model, validate, Invalid, MAX_WARRANTY_DAYS, STOCK_UNITS};

pub use history::{history_question, HistoryQuestion};

use chrono::{DateTime, FixedOffset};

use intent::Route;
use normalize::{tokenize, Token};

/// Interprets one line at the given "now" (its offset is the user's zone).
pub fn interpret(line: &str, now: DateTime<FixedOffset>) -> Interpretation {
    let tokens = tokenize(line);
    if let Some(deletion) = delete::interpret(&tokens) {
        return deletion;
    }
    if let Some(question) = warranty::question(&tokens, now) {
        return question;
    }
    if let Some(update) = update::interpret(&tokens, now) {
        return update;
    }
    let route = intent::route(&tokens, now);
    build(route, &tokens, now)
}

/// Normalises a part / stock item name (e.g. "elko 1000 uf 25 volt" -> "elco 1000uF 25V").
pub fn normalize_part_name(text: &str) -> String {
    parts::normalize_part_name(text)
}

/// Returns the normal form (`081234567890`) of an Indonesian mobile number written on its
/// own, or `None` when the text is not one.
pub fn normalize_phone(text: &str) -> Option<String> {
    phone::normalize(text)
}

/// Returns a customer name as the interpreter writes it ("pak budi" becomes "Pak Budi"), or
/// `None` when the text holds no name.
pub fn normalize_customer(text: &str) -> Option<String> {
    customer::normalize(text)
}

/// Normalises free text for search (lowercase, slang expanded, brand misspellings fixed).
pub fn normalize_for_search(text: &str) -> String {
    normalize::normalize_for_search(text)
}

/// Builds a used-token mask with everything before `start` (the command words) marked.
fn used_from(tokens: &[Token], start: usize) -> Vec<bool> {
    let mut used = vec![false; tokens.len()];
    used[..start.min(tokens.len())].iter_mut().for_each(|u| *u = true);
    used
}

/// Fills the slots of the routed intent.
fn build(route: Route, tokens: &[Token], now: DateTime<FixedOffset>) -> Interpretation {
    match route {
        Route::Job { start, command } => {
            let mut used = used_from(tokens, start);
            let parsed = job::parse(tokens, &mut used, now);
            let has_device = parsed.job.device.is_some();
            let confidence = match (command, has_device) {
                (true, true) => 0.95,
                (true, false) => 0.7,
                (false, _) => [0.6, 0.65, 0.7, 0.75, 0.8][parsed.cues.min(4)],
            };
            let mut out = Interpretation::bare(Intent::JobAdd, confidence);
            if !has_device {
                out.missing.push("job.device".to_string());
            }
            out.job = Some(parsed.job);
            out
        }

        Route::JobList { start } => {
            let mut out = Interpretation::bare(Intent::JobList, 0.85);
            out.filter = Some(query::job_filter(&tokens[start.min(tokens.len())..]));
            out
        }

        Route::Reminder { start } => {
            let mut used = used_from(tokens, start);
            let parsed = reminder::parse(tokens, &mut used, now);
            let confidence = match (parsed.missing.len(), parsed.conflict) {
                (0, false) => 0.95,
                (0, true) | (1, _) => 0.7,
                _ => 0.5,
            };
            let mut out = Interpretation::bare(Intent::ReminderAdd, confidence);
            out.reminder = Some(parsed.reminder);
            out.missing = parsed.missing;
            out
        }

        Route::ReminderList => Interpretation::bare(Intent::ReminderList, 0.95),

        Route::Stock { start, explicit } => {
            let mut used = used_from(tokens, start);
            let parsed = stock::parse(tokens, &mut used, explicit);
            let confidence = match (explicit, parsed.missing.is_empty()) {
                (true, true) => 0.95,
                (false, true) => 0.8,
                (true, false) => 0.7,
                (false, false) => 0.6,
            };
            let mut out = Interpretation::bare(parsed.intent, confidence);
            out.stock = parsed.stock;
            out.filter = parsed.filter;
            out.missing = parsed.missing;
            out
        }

        Route::Search { start, command } => {
            let query = query::search_query(&tokens[start.min(tokens.len())..]);
            let confidence = match (command, query.is_empty()) {
                (_, true) => 0.6,
                (true, false) => 0.95,
                (false, false) => 0.8,
            };
            let mut out = Interpretation::bare(Intent::Search, confidence);
            if query.is_empty() {
                out.missing.push("query".to_string());
            }
            out.query = Some(query);
            out
        }

        Route::Report { start } => {
            let parsed = report::parse(&tokens[start.min(tokens.len())..], now);
            let mut out = Interpretation::bare(Intent::Report, if parsed.named { 0.95 } else { 0.8 });
            out.report = Some(parsed.report);
            out
        }

        Route::MemoryAdd { start, command } => {
            memory(Intent::MemoryAdd, &tokens[start.min(tokens.len())..], if command { 0.9 } else { 0.7 })
        }

        Route::MemoryForget { start } => memory(Intent::MemoryForget, &tokens[start.min(tokens.len())..], 0.9),

        Route::Help => Interpretation::bare(Intent::Help, 0.95),

        Route::Chat { confidence } => Interpretation::bare(Intent::Chat, confidence),
    }
}

fn memory(intent: Intent, tokens: &[Token], confidence: f32) -> Interpretation {
    let fact = query::fact(tokens);
    let mut out = Interpretation::bare(intent, if fact.is_empty() { 0.5 } else { confidence });
    if fact.is_empty() {
        out.missing.push("memory.fact".to_string());
    }
    out.memory = Some(MemoryFact { fact });
    out
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_phrasing;

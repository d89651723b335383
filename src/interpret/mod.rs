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
mod errand;
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

pub use customer::bare_customer_name;
pub use validate::{canonical_device, needs_model, validate, Invalid, MAX_WARRANTY_DAYS, STOCK_UNITS};

pub use history::{history_question, HistoryQuestion};

use chrono::{DateTime, FixedOffset, NaiveTime};

use intent::Route;
use normalize::{tokenize, Token};

pub use report::{parse_day as parse_report_day, RangeProblem};
pub use query::status_word;

/// Name in `missing` of a date range that cannot be used: a day not on the calendar, or a
/// first day after the last. A reversed range keeps its days in the object for the reply.
pub const RANGE_SLOT: &str = "range";

/// The shop's own settings that change how a line reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The time a reminder falls at when it names a day only ("besok beli elco").
    pub reminder_time: NaiveTime,
}

impl Default for Options {
    fn default() -> Self {
        Options { reminder_time: dates::DEFAULT_REMINDER_TIME }
    }
}

/// Interprets one line at the given "now" (its offset is the user's zone), with the contract's
/// defaults.
pub fn interpret(line: &str, now: DateTime<FixedOffset>) -> Interpretation {
    interpret_with(line, now, Options::default())
}

/// Interprets one line with the shop's settings.
pub fn interpret_with(line: &str, now: DateTime<FixedOffset>, options: Options) -> Interpretation {
    let tokens = tokenize(line);
    if let Some(deletion) = delete::interpret(&tokens) {
        return deletion;
    }
    if let Some(errand) = errand::interpret(&tokens) {
        return errand;
    }
    if let Some(question) = warranty::question(&tokens, now) {
        return question;
    }
    if let Some(update) = update::interpret(&tokens, now) {
        return update;
    }
    let route = intent::route(&tokens, now);
    build(route, &tokens, now, options)
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
/// `None` when the text contains no name.
pub fn normalize_customer(text: &str) -> Option<String> {
    customer::normalize(text)
}

/// Normalises free text for search (lowercase, slang expanded, brand misspellings fixed).
pub fn normalize_for_search(text: &str) -> String {
    normalize::normalize_for_search(text)
}

/// Returns a customer name lowercased and without its leading honorific ("Pak Haji Romli" ->
/// "romli"), for matching names however they were addressed. A name that is only an honorific
/// stays as it is.
pub fn customer_name_key(name: &str) -> String {
    let tokens = tokenize(name);
    let words: Vec<&str> = tokens.iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect();
    let skip = lexicon::lexicon().honorifics.longest_at(&words, 0).map_or(0, |(len, _)| len);
    let kept = if skip < words.len() { &words[skip..] } else { &words[..] };
    kept.join(" ")
}

/// Builds a used-token mask with everything before `start` (the command words) marked.
fn used_from(tokens: &[Token], start: usize) -> Vec<bool> {
    let mut used = vec![false; tokens.len()];
    used[..start.min(tokens.len())].iter_mut().for_each(|u| *u = true);
    used
}

/// Fills the slots of the routed intent.
fn build(route: Route, tokens: &[Token], now: DateTime<FixedOffset>, options: Options) -> Interpretation {
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
            let parsed = reminder::parse(tokens, &mut used, now, options.reminder_time);
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
            let parts = query::search_parts(&tokens[start.min(tokens.len())..], now.date_naive());
            let narrowed = parts.filter.narrows_jobs();
            // A line with only filter words ("cari yang batal") still searches.
            let confidence = match (command, parts.query.is_empty() && !narrowed) {
                (_, true) => 0.6,
                (true, false) => 0.95,
                (false, false) => 0.8,
            };
            let mut out = Interpretation::bare(Intent::Search, confidence);
            if parts.problem.is_some() {
                out.missing.push(RANGE_SLOT.to_string());
            } else if parts.query.is_empty() && !narrowed {
                out.missing.push("query".to_string());
            }
            out.query = Some(parts.query);
            out.filter = narrowed.then_some(parts.filter);
            out
        }

        Route::Report { start } => {
            let parsed = report::parse(&tokens[start.min(tokens.len())..], now);
            let mut out = Interpretation::bare(Intent::Report, if parsed.named { 0.95 } else { 0.8 });
            if let Some(problem) = parsed.problem {
                out.missing.push(RANGE_SLOT.to_string());
                out.confidence = 0.7;
                if problem == RangeProblem::NoSuchDay {
                    out.report = None;
                    return out;
                }
            }
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

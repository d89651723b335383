//! Fuzz target: any bytes, read as lossy UTF-8, must interpret without a panic, and the result
//! must serialize to JSON. The first byte picks the clock, so dates near month and year ends
//! are reached too. Inputs may be up to 1 MB (`-max_len` in scripts/fuzz.sh).

#![no_main]

use chrono::{DateTime, Duration};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (shift, text) = match data.split_first() {
        Some((first, rest)) => (i64::from(*first), rest),
        None => (0, data),
    };
    let base = DateTime::parse_from_rfc3339("2026-12-31T23:30:00+07:00").expect("valid base time");
    let now = base + Duration::hours(shift * 7);
    let line = String::from_utf8_lossy(text);

    let out = nano::interpret::interpret(&line, now);
    serde_json::to_string(&out).expect("interpretation serializes");
    let _ = nano::interpret::validate(&out, now);
});

//! Fuzz target: any bytes, read as lossy UTF-8, must interpret without a panic, and the result
//! must serialize to JSON. The first byte picks the clock, so dates near month and year ends
//! are reached too. Inputs may be up to 1 MB (`-max_len` in scripts/fuzz.sh).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (shift, text) = match data.split_first() {
        Some((first, rest)) => (*first, rest),
        None => (0, data),
    };
    let line = String::from_utf8_lossy(text);
    nano_fuzz::interpret_line(&line, nano_fuzz::clock(shift));
});

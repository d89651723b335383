//! Fuzz target: lines built from the interpreter's own words, numbers and awkward characters,
//! so that the fuzzer reaches the rules for jobs, stock, reminders and reports far more often
//! than with raw bytes. The same checks as the `interpret` target apply.
//!
//! The input is read as a program: the first byte picks the clock, then each step takes one
//! byte for its kind and one or more for its value, until the input or 1 MB of text runs out.

#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

/// Maximum length of a built line in bytes, the same as the `-max_len` of the raw-bytes target.
const MAX_LINE_BYTES: usize = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let mut input = Unstructured::new(data);
    let Ok(shift) = input.arbitrary::<u8>() else { return };
    let line = build_line(&mut input).unwrap_or_default();
    nano_fuzz::interpret_line(&line, nano_fuzz::clock(shift));
});

/// Joins words with single spaces, unless a step glues the next word to the previous one
/// ("150" + "rb", "#" + "12").
fn build_line(input: &mut Unstructured) -> Result<String> {
    let words = nano_fuzz::vocabulary();
    let mut line = String::new();
    let mut glue = false;
    while !input.is_empty() && line.len() < MAX_LINE_BYTES {
        let piece = match input.int_in_range(0..=9u8)? {
            0..=5 => words[input.choose_index(words.len())?].clone(),
            6 => input.int_in_range(0..=1_000_000u32)?.to_string(),
            7 => input.arbitrary::<i64>()?.to_string(),
            8 => input.choose(&nano_fuzz::AWKWARD_TEXT)?.to_string(),
            _ => {
                glue = true;
                continue;
            }
        };
        if !line.is_empty() && !glue {
            line.push(' ');
        }
        line.push_str(&piece);
        glue = false;
    }
    Ok(line)
}

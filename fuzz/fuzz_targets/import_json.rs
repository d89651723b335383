//! Fuzz target: any bytes as a `nano impor` JSON file. Parsing and validation must return a
//! problem or the tables and never panic. Tables that pass are imported into an empty database
//! with the checks of `nano_fuzz::import_into_empty`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `nano impor` rejects a file that is not UTF-8 before parsing; lossy decoding lets the
    // fuzzer's byte changes still reach the parser.
    let text = String::from_utf8_lossy(data);
    if let Ok(tables) = nano::transfer::read_json(&text) {
        nano_fuzz::import_into_empty(&tables);
    }
});

//! Fuzz target: any bytes as the folder of a `nano impor` CSV export. The input contains the files
//! one after another, each as its name, a line feed and its text, separated by NUL bytes (see
//! scripts/fuzz.sh, which builds seeds this way from a real export). A file the reader asks for
//! and the input lacks is missing, as in a folder. The checks are those of `import_json`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nano::transfer::Problem;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let files: Vec<(&str, &str)> = text
        .split('\0')
        .filter_map(|file| file.split_once('\n'))
        .collect();
    let read_file = |name: &str| {
        files
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, contents)| contents.to_string())
            .ok_or_else(|| Problem { table: None, row: None, column: None, reason: format!("file {name} tidak ada") })
    };
    if let Ok(tables) = nano::transfer::read_csv(read_file) {
        nano_fuzz::import_into_empty(&tables);
    }
});

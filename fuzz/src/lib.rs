//! Checks shared by the fuzz targets in `fuzz_targets/`. Each check panics when a property of
//! Nano fails, which libFuzzer reports as a crash and saves the input for.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, FixedOffset};
use nano::store::transfer::TableRows;
use nano::store::Store;
use rusqlite::types::Value;

/// Returns the clock for one input: 7-hour steps from the last half hour of a year, so that
/// `shift` 0..=255 reaches the ends of days, months and the year and 2027's first weeks.
pub fn clock(shift: u8) -> DateTime<FixedOffset> {
    let base = DateTime::parse_from_rfc3339("2026-12-31T23:30:00+07:00").expect("valid base time");
    base + Duration::hours(i64::from(shift) * 7)
}

/// Runs every public entry point of the interpreter that takes a whole line. Each must return
/// without a panic, and the interpretation must serialize to JSON, as `nano tafsir` prints it.
pub fn interpret_line(line: &str, now: DateTime<FixedOffset>) {
    let interpretation = nano::interpret::interpret(line, now);
    serde_json::to_string(&interpretation).expect("interpretation serializes");
    // The rules may produce objects that `validate` rejects, because it exists to check the
    // model's output, so only a panic counts here.
    let _ = nano::interpret::validate(&interpretation, now);
    let _ = nano::interpret::needs_model(&interpretation, line);
    let _ = nano::interpret::history_question(line);
    let _ = nano::interpret::normalize_for_search(line);
}

/// Source texts of the words that structured lines are built from: the word lists of the
/// interpreter and the sentences of the project's interpretation corpora.
const WORD_SOURCES: [&str; 11] = [
    include_str!("../../assets/lexicon/brands.tsv"),
    include_str!("../../assets/lexicon/devices.tsv"),
    include_str!("../../assets/lexicon/honorifics.tsv"),
    include_str!("../../assets/lexicon/parts.tsv"),
    include_str!("../../assets/lexicon/slang.tsv"),
    include_str!("../../assets/lexicon/status.tsv"),
    include_str!("../../assets/lexicon/units.tsv"),
    include_str!("../../assets/lexicon/words.tsv"),
    include_str!("../../tests/corpus/regressions.tsv"),
    include_str!("../../tests/corpus/unseen.tsv"),
    include_str!("../../tests/corpus/unseen2.tsv"),
];

/// Returns every distinct word of [`WORD_SOURCES`], sorted. Comment lines are skipped, and the
/// expected-JSON column of the corpora is left out because it is not text a user types.
pub fn vocabulary() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = BTreeSet::new();
        for source in WORD_SOURCES {
            for line in source.lines().filter(|line| !line.starts_with('#')) {
                for field in line.split('\t').filter(|field| !field.starts_with('{')) {
                    words.extend(field.split_whitespace().map(str::to_string));
                }
            }
        }
        words.into_iter().collect()
    })
}

/// Characters that often break text handling: case mappings that change length ("İ", "ß"),
/// combining and zero-width marks, digits outside ASCII, and separators.
pub const AWKWARD_TEXT: [&str; 24] = [
    "İ", "ß", "ﬁ", "Σ", "\u{0301}", "\u{200b}", "\u{feff}", "１２", "٣", "½", "²", "Ⅻ", "🔧", "\t", "\r\n", "\n",
    "\"", "'", "#", "/", "-", ".", ",", "\u{0}",
];

/// An empty database in a temporary folder, reused across inputs while it stays empty.
struct Scratch {
    _folder: tempfile::TempDir,
    store: Store,
}

impl Scratch {
    fn new() -> Scratch {
        let folder = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&folder.path().join("nano.db")).expect("open scratch database");
        Scratch { _folder: folder, store }
    }
}

thread_local! {
    static EMPTY: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

/// Imports `tables`, which passed parsing and validation, into an empty database. An accepted
/// import must export back the same rows. A rejected one, for example by a constraint that
/// validation does not check, must leave the database empty, because the import runs in one
/// transaction.
pub fn import_into_empty(tables: &[TableRows]) {
    let mut scratch = EMPTY.with(|cell| cell.borrow_mut().take()).unwrap_or_else(Scratch::new);
    match scratch.store.import_tables(tables, &mut |_| {}) {
        Ok(()) => {
            let exported = scratch.store.export_tables().expect("export after import");
            assert_eq!(sorted_by_id(&exported), sorted_by_id(tables), "export differs from the imported file");
            // The database now contains rows, so the next input gets a new one.
        }
        Err(error) => {
            let exported = scratch.store.export_tables().expect("export after rejected import");
            for table in &exported {
                assert!(table.rows.is_empty(), "rejected import ({error}) left rows in {}", table.spec.name);
            }
            EMPTY.with(|cell| *cell.borrow_mut() = Some(scratch));
        }
    }
}

/// Returns the tables with their rows ordered by id (the first column), the order of an export.
fn sorted_by_id(tables: &[TableRows]) -> Vec<TableRows> {
    tables
        .iter()
        .map(|table| {
            let mut rows = table.rows.clone();
            rows.sort_by_key(|row| match row.first() {
                Some(Value::Integer(id)) => *id,
                _ => i64::MIN,
            });
            TableRows { spec: table.spec, rows }
        })
        .collect()
}

//! Customers and their phone numbers: filled when a job is recorded, listed and set with
//! `nano pelanggan`, and carried over from a version-3 database by the schema upgrade.

mod common;

use common::{stderr, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

#[test]
fn job_line_phone_is_stored() {
    let nano = Nano::new(NOW);

    let recorded = nano.json(&["catat", "TV Pak Budi 0812-3456-7890 mati total"]);
    let customers = nano.json(&["pelanggan"]);

    assert_eq!(recorded["job"]["phone"], "081234567890");
    assert!(recorded["job"]["price"].is_null(), "{recorded}");
    assert_eq!(recorded["job"]["date"], "2026-12-04");
    assert_eq!(customers[0]["name"], "Pak Budi");
    assert_eq!(customers[0]["phone"], "081234567890");
    assert_eq!(customers[0]["job_count"], 1);
}

#[test]
fn same_name_reuses_customer() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Pak Budi mati total"]);
    nano.ok(&["catat", "kulkas pak budi gak dingin, 0812 3456 7890"]);
    nano.ok(&["catat", "radio Bu Ani gak bunyi"]);

    let customers = nano.json(&["pelanggan"]);
    let listed = nano.ok(&["pelanggan"]);

    assert_eq!(customers.as_array().unwrap().len(), 2, "{customers}");
    assert_eq!(customers[1]["name"], "Pak Budi");
    assert_eq!(customers[1]["phone"], "081234567890");
    assert_eq!(customers[1]["job_count"], 2);
    assert!(listed.contains("Pak Budi · 0812-3456-7890 · 2 servis"), "{listed}");
    assert!(listed.contains("Bu Ani · no. HP belum ada · 1 servis"), "{listed}");
}

#[test]
fn phone_only_customer_found_by_number() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "radio Sony +62 857 1111 2222 gak bunyi"]);
    nano.ok(&["catat", "TV Sharp 0857-1111-2222 mati"]);

    let customers = nano.json(&["pelanggan"]);

    assert_eq!(customers.as_array().unwrap().len(), 1, "{customers}");
    assert!(customers[0]["name"].is_null());
    assert_eq!(customers[0]["job_count"], 2);
}

#[test]
fn pelanggan_sets_phone() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Pak Budi mati total"]);

    let first = nano.ok(&["pelanggan", "pak budi", "0812-3456-7890"]);
    let changed = nano.ok(&["pelanggan", "Pak Budi", "+62", "857", "1111", "2222"]);
    let customer = nano.json(&["pelanggan", "Pak", "Budi"]);

    assert!(first.contains("No. HP Pak Budi disimpan: 0812-3456-7890."), "{first}");
    assert!(changed.contains("diganti dari 0812-3456-7890 ke 0857-1111-2222"), "{changed}");
    assert_eq!(customer["phone"], "085711112222");
}

#[test]
fn pelanggan_bad_input_is_rejected() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Pak Budi mati total"]);

    let unknown = nano.run(&["pelanggan", "Pak", "Budy", "0812-3456-7890"]);
    let bad_number = nano.run(&["pelanggan", "Pak", "Budi", "12345"]);
    let no_name = nano.run(&["pelanggan", "0812-3456-7890"]);

    assert_eq!(unknown.status.code(), Some(6), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("Pelanggan \"Pak Budy\" belum ada"), "{}", stderr(&unknown));
    assert_eq!(bad_number.status.code(), Some(2), "{}", stderr(&bad_number));
    assert!(stderr(&bad_number).contains("\"12345\" bukan nomor HP"), "{}", stderr(&bad_number));
    assert_eq!(no_name.status.code(), Some(2), "{}", stderr(&no_name));
    let customers = nano.json(&["pelanggan"]);
    assert!(customers[0]["phone"].is_null(), "{customers}");
}

#[test]
fn deleted_job_number_not_reused() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Pak Budi mati total"]);
    nano.ok(&["catat", "kulkas Bu Ani gak dingin"]);
    nano.ok(&["hapus", "servis", "2", "--ya"]);

    let next = nano.json(&["catat", "radio Pak Joko gak bunyi"]);

    assert_eq!(next["id"], 3);
}

/// The schema of version 3, as Nano wrote it before customers and warranties.
const VERSION_3_SCHEMA: &str = "
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (3);
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY, date TEXT NOT NULL, device TEXT, brand TEXT, model TEXT, customer TEXT,
    complaint TEXT, fault TEXT, action TEXT,
    status TEXT NOT NULL CHECK (status IN ('masuk', 'proses', 'tunggu_part', 'selesai', 'diambil', 'batal')),
    price INTEGER CHECK (price IS NULL OR price >= 0), source_line TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX jobs_date ON jobs (date);
CREATE TABLE job_parts (
    id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    name TEXT NOT NULL, qty REAL NOT NULL
);
CREATE INDEX job_parts_job ON job_parts (job_id);
CREATE TABLE stock_items (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, unit TEXT NOT NULL, qty REAL NOT NULL DEFAULT 0,
    min_qty REAL NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE stock_movements (
    id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES stock_items (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('add', 'use', 'set', 'min')), delta REAL NOT NULL,
    qty_after REAL NOT NULL, note TEXT, created_at TEXT NOT NULL
);
CREATE INDEX stock_movements_item ON stock_movements (item_id);
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY, text TEXT NOT NULL, due TEXT NOT NULL, due_utc TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, done_at TEXT
);
CREATE INDEX reminders_due ON reminders (done, due_utc);
CREATE TABLE memory_facts (id INTEGER PRIMARY KEY, fact TEXT NOT NULL, created_at TEXT NOT NULL, forgotten_at TEXT);
CREATE TABLE turns (
    id INTEGER PRIMARY KEY, channel TEXT NOT NULL CHECK (channel IN ('chat', 'oneshot')), line TEXT NOT NULL,
    interpretation TEXT NOT NULL, reply TEXT, interrupted INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL, finished_at TEXT
);
CREATE VIRTUAL TABLE jobs_fts USING fts5 (
    device, brand, model, customer, complaint, fault, action, search_text,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE job_events (
    id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL, to_status TEXT NOT NULL, price_before INTEGER, price_after INTEGER,
    created_at TEXT NOT NULL, undone_at TEXT
);
CREATE INDEX job_events_job ON job_events (job_id);
";

#[test]
fn version_3_file_upgrades_with_data() {
    let nano = Nano::new(NOW);
    {
        let connection = rusqlite::Connection::open(nano.database()).unwrap();
        connection.execute_batch(VERSION_3_SCHEMA).unwrap();
        connection
            .execute_batch(
                "PRAGMA foreign_keys = ON;
                 INSERT INTO jobs (id, date, device, brand, customer, complaint, status, price, source_line, created_at, updated_at) VALUES
                   (1, '2026-11-20', 'tv', 'Polytron', 'Pak Budi', 'mati total', 'selesai', 150000, 'catat tv polytron pak budi mati total', '2026-11-20T09:00:00+07:00', '2026-11-20T09:00:00+07:00'),
                   (2, '2026-11-21', 'kulkas', 'LG', 'Bu Ani', 'tidak dingin', 'masuk', NULL, 'catat kulkas lg bu ani gak dingin', '2026-11-21T09:00:00+07:00', '2026-11-21T09:00:00+07:00'),
                   (3, '2026-11-22', 'radio', 'Sony', 'pak budi', 'tidak bunyi', 'masuk', NULL, 'catat radio sony pak budi gak bunyi', '2026-11-22T09:00:00+07:00', '2026-11-22T09:00:00+07:00');
                 INSERT INTO job_parts (job_id, name, qty) VALUES (1, 'elco 1000uF 25V', 2);
                 INSERT INTO job_events (job_id, from_status, to_status, created_at) VALUES (1, 'masuk', 'selesai', '2026-11-20T10:00:00+07:00');
                 INSERT INTO jobs_fts (rowid, device, brand, customer, complaint, search_text) VALUES
                   (1, 'tv', 'Polytron', 'Pak Budi', 'mati total', 'catat tv polytron pak budi mati total'),
                   (2, 'kulkas', 'LG', 'Bu Ani', 'tidak dingin', 'catat kulkas lg bu ani tidak dingin'),
                   (3, 'radio', 'Sony', 'pak budi', 'tidak bunyi', 'catat radio sony pak budi tidak bunyi');",
            )
            .unwrap();
    }

    let check = nano.ok(&["periksa"]);
    let customers = nano.json(&["pelanggan"]);
    let found = nano.json(&["cari", "polytron"]);
    let old_job = nano.json(&["garansi", "1"]);
    nano.ok(&["hapus", "servis", "3", "--ya"]);
    let next = nano.json(&["catat", "setrika Bu Ani gak panas"]);

    assert!(!check.is_empty());
    assert_eq!(customers.as_array().unwrap().len(), 2, "{customers}");
    assert_eq!(customers[0]["name"], "Bu Ani");
    assert_eq!(customers[1]["name"], "Pak Budi");
    assert_eq!(customers[1]["job_count"], 2);
    assert_eq!(found[0]["id"], 1);
    assert_eq!(found[0]["parts"][0]["name"], "elco 1000uF 25V");
    assert!(old_job[0]["job"]["warranty_days"].is_null(), "{old_job}");
    assert_eq!(next["id"], 4);
    assert_eq!(next["job"]["customer_id"], customers[0]["id"]);
    // The old status change, and the event that records job #4.
    assert_eq!(nano.count("job_events"), 2);
    let connection = rusqlite::Connection::open(nano.database()).unwrap();
    let version: i64 = connection.query_row("SELECT version FROM schema_version", [], |row| row.get(0)).unwrap();
    assert_eq!(version, 5);
    // The data as version 3 left it was copied before the upgrade rewrote it.
    let before = rusqlite::Connection::open(nano.home.path().join("cadangan/sebelum-versi-3.db")).unwrap();
    let old_version: i64 = before.query_row("SELECT version FROM schema_version", [], |row| row.get(0)).unwrap();
    let old_jobs: i64 = before.query_row("SELECT COUNT(*) FROM jobs", [], |row| row.get(0)).unwrap();
    assert_eq!(old_version, 3);
    assert_eq!(old_jobs, 3);
}

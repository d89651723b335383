//! Versioned schema upgrades.
//!
//! The `schema_version` table holds one row. Each upgrade runs in its own immediate
//! transaction together with the version bump, so a crash leaves the database at the old or
//! the new version, never between. A database from a newer Nano is rejected untouched.
//! Released upgrades are never edited: a change to the schema is a new upgrade.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 5;

/// Upgrade steps in order; step `n` (1-based) takes the schema from version `n - 1` to `n`.
const UPGRADES: [&str; 5] = [UPGRADE_TO_1, UPGRADE_TO_2, UPGRADE_TO_3, UPGRADE_TO_4, UPGRADE_TO_5];

/// Base tables: jobs and their parts, stock and its movements, reminders, memory facts and
/// the conversation log. Times are RFC 3339 with offset; days are `YYYY-MM-DD`.
const UPGRADE_TO_1: &str = "
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL,
    device      TEXT,
    brand       TEXT,
    model       TEXT,
    customer    TEXT,
    complaint   TEXT,
    fault       TEXT,
    action      TEXT,
    status      TEXT NOT NULL CHECK (status IN
                  ('masuk', 'proses', 'tunggu_part', 'selesai', 'diambil', 'batal')),
    price       INTEGER CHECK (price IS NULL OR price >= 0),
    source_line TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX jobs_date ON jobs (date);

CREATE TABLE job_parts (
    id      INTEGER PRIMARY KEY,
    job_id  INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    qty     REAL NOT NULL
);
CREATE INDEX job_parts_job ON job_parts (job_id);

CREATE TABLE stock_items (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    unit        TEXT NOT NULL,
    qty         REAL NOT NULL DEFAULT 0,
    min_qty     REAL NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE stock_movements (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES stock_items (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('add', 'use', 'set', 'min')),
    delta       REAL NOT NULL,
    qty_after   REAL NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX stock_movements_item ON stock_movements (item_id);

CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    text        TEXT NOT NULL,
    due         TEXT NOT NULL,
    due_utc     TEXT NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    done_at     TEXT
);
CREATE INDEX reminders_due ON reminders (done, due_utc);

CREATE TABLE memory_facts (
    id            INTEGER PRIMARY KEY,
    fact          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    forgotten_at  TEXT
);

CREATE TABLE turns (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('chat', 'oneshot')),
    line            TEXT NOT NULL,
    interpretation  TEXT NOT NULL,
    reply           TEXT,
    interrupted     INTEGER NOT NULL DEFAULT 0,
    started_at      TEXT NOT NULL,
    finished_at     TEXT
);
";

/// Full-text search over jobs. The index is external-content: triggers keep it in step with
/// `jobs`, so a job is searchable in the same transaction that stores it.
const UPGRADE_TO_2: &str = "
CREATE VIRTUAL TABLE jobs_fts USING fts5 (
    device, brand, model, customer, complaint, fault, action, search_text,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
";

/// Every status or price change of a job, kept with its time so a job's history can be
/// shown and the last change undone ("ralat").
const UPGRADE_TO_3: &str = "
CREATE TABLE job_events (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    from_status   TEXT NOT NULL,
    to_status     TEXT NOT NULL,
    price_before  INTEGER,
    price_after   INTEGER,
    created_at    TEXT NOT NULL,
    undone_at     TEXT
);
CREATE INDEX job_events_job ON job_events (job_id);
";

/// Customers with an optional phone number, per-job warranty terms, and job ids that are never
/// handed out twice.
///
/// `jobs` is rebuilt because SQLite cannot add AUTOINCREMENT to an existing table: without it,
/// deleting the newest job let the next job take its number, so a printed receipt pointed at
/// another job. The rebuild follows SQLite's documented procedure (create, copy, drop, rename)
/// and copies every id unchanged, so `job_parts`, `job_events` and the contentless `jobs_fts`
/// rows, which all refer to jobs by id, stay valid. It needs foreign keys switched off, which
/// `upgrade` does for every step; otherwise dropping the old table would cascade into
/// `job_parts` and `job_events`.
///
/// Customers are filled from the names already written on jobs, one row per name ignoring
/// case, named as on their earliest job. Warranty columns stay NULL for jobs recorded before
/// this version, because the warranty they were given was never stored.
const UPGRADE_TO_4: &str = "
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT COLLATE NOCASE UNIQUE,
    phone       TEXT,
    created_at  TEXT NOT NULL,
    CHECK (name IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX customers_phone ON customers (phone);

INSERT INTO customers (name, created_at)
SELECT name, created_at FROM (
    SELECT trim(customer) AS name, created_at, MIN(id) AS first_id FROM jobs
    WHERE customer IS NOT NULL AND trim(customer) <> ''
    GROUP BY trim(customer) COLLATE NOCASE
) ORDER BY first_id;

CREATE TABLE jobs_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    date            TEXT NOT NULL,
    device          TEXT,
    brand           TEXT,
    model           TEXT,
    customer        TEXT,
    complaint       TEXT,
    fault           TEXT,
    action          TEXT,
    status          TEXT NOT NULL CHECK (status IN
                      ('masuk', 'proses', 'tunggu_part', 'selesai', 'diambil', 'batal')),
    price           INTEGER CHECK (price IS NULL OR price >= 0),
    source_line     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    customer_id     INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    warranty_days   INTEGER CHECK (warranty_days IS NULL OR warranty_days >= 0),
    warranty_start  TEXT,
    warranty_end    TEXT,
    warranty_of     INTEGER REFERENCES jobs (id) ON DELETE SET NULL
);

INSERT INTO jobs_new (id, date, device, brand, model, customer, complaint, fault, action, status,
                      price, source_line, created_at, updated_at, customer_id)
SELECT id, date, device, brand, model, customer, complaint, fault, action, status,
       price, source_line, created_at, updated_at,
       (SELECT customers.id FROM customers WHERE customers.name = trim(jobs.customer))
FROM jobs ORDER BY id;

DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_date ON jobs (date);
CREATE INDEX jobs_customer ON jobs (customer_id);
CREATE INDEX jobs_warranty_of ON jobs (warranty_of);
";

/// Job history that can be undone whole. Recording a job becomes an event, and updates keep the
/// action and fault they replaced. Parts and stock movements name the job and event that
/// caused them, so undoing an update or deleting a job puts the stock back.
///
/// `kind` is `status` for events written before this version (status and price only),
/// `record` for recording a job and `update` for a change that may also add action, fault and
/// parts. The job and event columns carry no foreign keys, because a stock movement outlives
/// the job it served, and exports import `job_parts` before `job_events`.
const UPGRADE_TO_5: &str = "
ALTER TABLE job_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status'
    CHECK (kind IN ('status', 'record', 'update'));
ALTER TABLE job_events ADD COLUMN action_before TEXT;
ALTER TABLE job_events ADD COLUMN fault_before TEXT;
ALTER TABLE job_parts ADD COLUMN event_id INTEGER;
ALTER TABLE stock_movements ADD COLUMN job_id INTEGER;
ALTER TABLE stock_movements ADD COLUMN job_event_id INTEGER;
CREATE INDEX stock_movements_job ON stock_movements (job_id);
";

/// Reads the version, refuses a newer schema, and applies the missing upgrades in order.
pub fn upgrade(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let damaged = |source| StoreError::Damaged {
        path: path.to_path_buf(),
        source,
    };

    conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        .map_err(damaged)?;
    let found = current_version(conn).map_err(damaged)?;

    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }

    if found == SCHEMA_VERSION {
        return Ok(());
    }

    // An upgrade rewrites tables, so a database with data in it is copied first. A new,
    // empty database (version 0) has nothing to keep.
    if found > 0 {
        super::backup::before_upgrade(conn, path, found)?;
    }

    // A table rebuild (UPGRADE_TO_4) must not fire ON DELETE actions or check references
    // half-way, and the pragma is ignored inside a transaction, so it is switched off around
    // the upgrades and each step checks the references itself before committing.
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |row| row.get(0))?;
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let result = apply_upgrades(conn, found);
    if enforced {
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
    }
    result
}

/// Applies the steps after version `found`, each in its own immediate transaction.
fn apply_upgrades(conn: &mut Connection, found: i64) -> Result<(), StoreError> {
    for (index, sql) in UPGRADES.iter().enumerate().skip(found as usize) {
        let target = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;

        // Another process may have upgraded while this one waited for the write lock.
        if current_version(&tx)? >= target {
            continue;
        }

        tx.execute_batch(sql)?;
        let dangling: i64 = tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |row| row.get(0))?;
        if dangling > 0 {
            // Rolled back when `tx` drops: the file stays at the old version.
            return Err(StoreError::Sql(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!("upgrade to schema {target} left {dangling} rows pointing at nothing")),
            )));
        }
        tx.execute("DELETE FROM schema_version", [])?;
        tx.execute("INSERT INTO schema_version (version) VALUES (?1)", [target])?;
        tx.commit()?;
        tracing::info!(version = target, "upgraded database schema");
    }
    Ok(())
}

/// Returns the stored schema version, 0 for a new database.
pub fn current_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |row| row.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_names(conn: &Connection) -> Vec<String> {
        let mut statement = conn
            .prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
            .unwrap();
        let names = statement
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        names
    }

    /// Inserts one minimal job row, so a test can check that an upgrade keeps rows.
    fn insert_job_row(conn: &Connection) {
        conn.execute(
            "INSERT INTO jobs (date, status, source_line, created_at, updated_at)
             VALUES ('2026-12-01', 'masuk', 'x', 't', 't')",
            [],
        )
        .unwrap();
    }

    /// Applies upgrades up to `version` only, as an older Nano would have left the file.
    fn upgrade_to(conn: &mut Connection, version: usize) {
        conn.execute_batch("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            .unwrap();
        for sql in &UPGRADES[..version] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute("INSERT INTO schema_version VALUES (?1)", [version as i64])
            .unwrap();
    }

    #[test]
    fn upgrade_to_1_creates_base_tables() {
        let mut conn = Connection::open_in_memory().unwrap();
        upgrade_to(&mut conn, 1);

        let names = table_names(&conn);
        for table in [
            "jobs",
            "job_parts",
            "stock_items",
            "stock_movements",
            "reminders",
            "memory_facts",
            "turns",
        ] {
            assert!(names.contains(&table.to_string()), "missing table {table}");
        }
        assert!(!names.contains(&"jobs_fts".to_string()));
    }

    #[test]
    fn upgrade_to_2_keeps_rows_and_adds_search() {
        let mut conn = Connection::open_in_memory().unwrap();
        upgrade_to(&mut conn, 1);
        insert_job_row(&conn);

        upgrade(&mut conn, Path::new(":memory:")).unwrap();

        assert_eq!(current_version(&conn).unwrap(), SCHEMA_VERSION);
        let jobs: i64 = conn
            .query_row("SELECT COUNT(*) FROM jobs", [], |row| row.get(0))
            .unwrap();
        assert_eq!(jobs, 1);
        assert!(table_names(&conn).contains(&"jobs_fts".to_string()));
    }

    #[test]
    fn upgrade_to_3_adds_job_events() {
        let mut conn = Connection::open_in_memory().unwrap();
        upgrade_to(&mut conn, 2);
        insert_job_row(&conn);

        upgrade(&mut conn, Path::new(":memory:")).unwrap();

        assert_eq!(current_version(&conn).unwrap(), SCHEMA_VERSION);
        assert!(table_names(&conn).contains(&"job_events".to_string()));
        conn.execute(
            "INSERT INTO job_events (job_id, from_status, to_status, created_at) VALUES (1, 'masuk', 'selesai', 't')",
            [],
        )
        .unwrap();
    }

    /// Builds a version-3 database file holding jobs with parts, events and search rows, the
    /// newest job deleted, as a technician's laptop would have it before version 4.
    fn version_3_file(path: &Path) {
        let mut conn = Connection::open(path).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        upgrade_to(&mut conn, 3);
        conn.execute_batch(
            "INSERT INTO jobs (id, date, device, brand, customer, status, source_line, created_at, updated_at) VALUES
                 (1, '2026-11-01', 'tv', 'Polytron', 'Pak Budi', 'selesai', 'tv polytron pak budi', '2026-11-01T09:00:00+07:00', 't'),
                 (2, '2026-11-02', 'kulkas', 'LG', 'Bu Ani', 'masuk', 'kulkas lg bu ani', '2026-11-02T09:00:00+07:00', 't'),
                 (3, '2026-11-03', 'radio', NULL, 'pak budi', 'masuk', 'radio pak budi', '2026-11-03T09:00:00+07:00', 't'),
                 (5, '2026-11-05', 'kipas angin', NULL, NULL, 'masuk', 'kipas angin', '2026-11-05T09:00:00+07:00', 't'),
                 (6, '2026-11-06', 'setrika', NULL, NULL, 'masuk', 'setrika', '2026-11-06T09:00:00+07:00', 't');
             INSERT INTO job_parts (job_id, name, qty) VALUES (1, 'elco 1000uF 25V', 2), (5, 'kapasitor', 1);
             INSERT INTO job_events (job_id, from_status, to_status, created_at) VALUES (1, 'masuk', 'selesai', 't');
             INSERT INTO jobs_fts (rowid, device, brand, customer, search_text) VALUES
                 (1, 'tv', 'Polytron', 'Pak Budi', 'tv polytron pak budi'),
                 (5, 'kipas angin', NULL, NULL, 'kipas angin');
             DELETE FROM jobs WHERE id = 6;",
        )
        .unwrap();
    }

    #[test]
    fn upgrade_to_4_from_version_3_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nano.db");
        version_3_file(&path);

        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        upgrade(&mut conn, &path).unwrap();

        assert_eq!(current_version(&conn).unwrap(), SCHEMA_VERSION);
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM jobs ORDER BY id").unwrap()
            .query_map([], |row| row.get(0)).unwrap()
            .collect::<Result<_, _>>().unwrap();
        assert_eq!(ids, vec![1, 2, 3, 5]);
        let parts: i64 = conn.query_row("SELECT COUNT(*) FROM job_parts", [], |row| row.get(0)).unwrap();
        assert_eq!(parts, 2, "the rebuild must not cascade into job_parts");
        let events: i64 = conn.query_row("SELECT COUNT(*) FROM job_events", [], |row| row.get(0)).unwrap();
        assert_eq!(events, 1, "the rebuild must not cascade into job_events");
        // Version 5 marks the older events as status-only changes.
        let kind: String = conn.query_row("SELECT kind FROM job_events", [], |row| row.get(0)).unwrap();
        assert_eq!(kind, "status");
        let hit: i64 = conn
            .query_row("SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH 'polytron'", [], |row| row.get(0))
            .unwrap();
        assert_eq!(hit, 1);

        let customers: Vec<(i64, String)> = conn
            .prepare("SELECT id, name FROM customers ORDER BY id").unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?))).unwrap()
            .collect::<Result<_, _>>().unwrap();
        assert_eq!(customers, vec![(1, "Pak Budi".to_string()), (2, "Bu Ani".to_string())]);
        let linked: Vec<Option<i64>> = conn
            .prepare("SELECT customer_id FROM jobs ORDER BY id").unwrap()
            .query_map([], |row| row.get(0)).unwrap()
            .collect::<Result<_, _>>().unwrap();
        assert_eq!(linked, vec![Some(1), Some(2), Some(1), None]);

        let foreign_keys_on: bool = conn.query_row("PRAGMA foreign_keys", [], |row| row.get(0)).unwrap();
        assert!(foreign_keys_on);
        let dangling: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |row| row.get(0)).unwrap();
        assert_eq!(dangling, 0);
        let indexes: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs' ORDER BY name").unwrap()
            .query_map([], |row| row.get(0)).unwrap()
            .collect::<Result<_, _>>().unwrap();
        assert_eq!(indexes, vec!["jobs_customer", "jobs_date", "jobs_warranty_of"]);
    }

    #[test]
    fn job_ids_are_not_reused_after_delete() {
        let mut conn = Connection::open_in_memory().unwrap();
        upgrade(&mut conn, Path::new(":memory:")).unwrap();
        insert_job_row(&conn);
        insert_job_row(&conn);
        conn.execute("DELETE FROM jobs WHERE id = 2", []).unwrap();

        insert_job_row(&conn);

        let newest: i64 = conn.query_row("SELECT MAX(id) FROM jobs", [], |row| row.get(0)).unwrap();
        assert_eq!(newest, 3);
    }

    #[test]
    fn upgrade_twice_is_harmless() {
        let mut conn = Connection::open_in_memory().unwrap();
        upgrade(&mut conn, Path::new(":memory:")).unwrap();
        upgrade(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(current_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn newer_schema_is_rejected_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        upgrade_to(&mut conn, 1);
        conn.execute("UPDATE schema_version SET version = 99", [])
            .unwrap();

        let result = upgrade(&mut conn, Path::new("x.db"));

        assert!(matches!(result, Err(StoreError::TooNew { found: 99, .. })));
        assert_eq!(current_version(&conn).unwrap(), 99);
        assert!(!table_names(&conn).contains(&"jobs_fts".to_string()));
    }
}

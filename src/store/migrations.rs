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
pub const SCHEMA_VERSION: i64 = 3;

/// Upgrade steps in order; step `n` (1-based) takes the schema from version `n - 1` to `n`.
const UPGRADES: [&str; 3] = [UPGRADE_TO_1, UPGRADE_TO_2, UPGRADE_TO_3];

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

    for (index, sql) in UPGRADES.iter().enumerate().skip(found as usize) {
        let target = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;

        // Another process may have upgraded while this one waited for the write lock.
        if current_version(&tx)? >= target {
            continue;
        }

        tx.execute_batch(sql)?;
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

        assert_eq!(current_version(&conn).unwrap(), 3);
        assert!(table_names(&conn).contains(&"job_events".to_string()));
        conn.execute(
            "INSERT INTO job_events (job_id, from_status, to_status, created_at) VALUES (1, 'masuk', 'selesai', 't')",
            [],
        )
        .unwrap();
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

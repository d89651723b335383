//! The technician's data: one SQLite file holding jobs, stock, reminders, memory facts and the
//! conversation log.
//!
//! Everything that reads or writes SQL lives under this module. Writes run in `BEGIN IMMEDIATE`
//! transactions on a WAL database with a busy timeout, so a chat session and one-shot commands
//! in other terminals can write at the same time without "database is locked" errors.

pub mod backup;
mod customers;
mod history;
mod jobs;
mod lifecycle;
mod memory;
mod migrations;
mod names;
mod reminders;
mod reports;
mod stock;
pub mod transfer;
mod turns;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use customers::CustomerRecord;
pub use jobs::{warranty_end, DeletedJob, JobRecord, NewJob, NewWarranty, RecordedJob, WarrantyClaim};
pub use lifecycle::{JobChange, JobEdit, LastJobEvent};
pub use memory::FactRecord;
pub use migrations::SCHEMA_VERSION;
pub use reminders::ReminderRecord;
pub use reports::{FinishedJob, PartUsage};
pub use stock::{StockChange, StockRecord};
pub use stock::StockKind;
pub use turns::{TurnId, TurnRecord};

/// How long a write waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Errors from the storage layer that callers branch on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not open database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("database {path} was written by a newer Nano (schema {found}, this build knows {known})")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("database {path} is not a valid Nano database: {source}")]
    Damaged {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("stock item not found: {0}")]
    StockNotFound(String),
    #[error("record not found: {0}")]
    NotFound(String),
    #[error("import needs an empty database, but table {table} has {rows} rows")]
    NotEmpty { table: &'static str, rows: i64 },
    #[error("could not write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
}

/// An open Nano database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;

        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure().map_err(|source| StoreError::Damaged {
            path: path.to_path_buf(),
            source,
        })?;
        migrations::upgrade(&mut store.conn, path)?;
        Ok(store)
    }

    /// Sets the connection options every Nano process relies on.
    fn configure(&mut self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;

        // WAL lets readers run beside one writer; NORMAL sync is durable across process
        // crashes, which is the failure a laptop sees most.
        self.enable_wal()?;
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;",
        )?;
        Ok(())
    }

    /// Switches a new database to WAL mode. Switching needs a moment of exclusive access; when
    /// two processes create the database at once, the busy handler does not cover that moment,
    /// so this retries within the busy timeout. An existing WAL database returns at once.
    fn enable_wal(&mut self) -> rusqlite::Result<()> {
        let started = std::time::Instant::now();
        loop {
            let result = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |row| row.get::<_, String>(0));
            match result {
                Err(rusqlite::Error::SqliteFailure(error, _))
                    if error.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other.map(|_| ()),
            }
        }
    }

    /// The database file this store writes to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` inside one immediate write transaction, committing only if it succeeds.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it reports "ok".
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
        let problems: Vec<String> = rows
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        Ok(problems)
    }

    /// Runs `PRAGMA foreign_key_check`; returns one line per row that points at nothing.
    pub fn foreign_key_check(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = statement.query_map([], |row| {
            let table: String = row.get(0)?;
            let rowid: Option<i64> = row.get(1)?;
            let parent: String = row.get(2)?;
            Ok(format!("{table} baris {} menunjuk ke {parent} yang tidak ada", rowid.unwrap_or(0)))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Counts the rows of the main tables, for `nano periksa`.
    pub fn row_counts(&self) -> Result<Vec<(&'static str, i64)>, StoreError> {
        let tables = [("jobs", "servis"), ("stock_items", "stok"), ("reminders", "pengingat"), ("memory_facts", "ingatan"), ("turns", "percakapan")];
        let mut counts = Vec::new();
        for (table, label) in tables {
            let count: i64 = self.conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| row.get(0))?;
            counts.push((label, count));
        }
        Ok(counts)
    }
}

#[cfg(test)]
pub(crate) fn open_temp() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("nano.db")).expect("open store");
    (dir, store)
}

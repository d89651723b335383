//! The technician's data: one SQLite file holding jobs, stock, reminders, memory facts and the
//! conversation log.
//!
//! Everything that reads or writes SQL lives under this module. Writes run in `BEGIN IMMEDIATE`
//! transactions on a WAL database with a busy timeout, so a chat session and one-shot commands
//! in other terminals can write at the same time without "database is locked" errors.

mod jobs;
mod memory;
mod migrations;
mod names;
mod reminders;
mod stock;
mod turns;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use jobs::{JobRecord, NewJob};
pub use memory::FactRecord;
pub use migrations::SCHEMA_VERSION;
pub use reminders::ReminderRecord;
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
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get::<_, String>(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;",
        )?;
        Ok(())
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
}

#[cfg(test)]
pub(crate) fn open_temp() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("nano.db")).expect("open store");
    (dir, store)
}

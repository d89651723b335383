//! Backups of the database with SQLite's online backup API, and restoring from them.
//!
//! Backups live in `<data>/cadangan/`: `nano-YYYY-MM-DD.db` is the daily backup taken on the
//! first open of a day, and `nano-YYYY-MM-DD-HHMMSS.db` is taken right before a deletion.
//! Backups of the seven most recent days that have any are kept; older ones are removed. Each
//! backup is written to a temporary file and renamed into place, so a crash never leaves a
//! half-written file under a backup's name.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, BUSY_TIMEOUT};

/// Folder name inside the data folder.
pub const BACKUP_DIR: &str = "cadangan";

/// How many days of backups are kept.
pub const KEEP_DAYS: usize = 7;

/// Temporary files older than this are leftovers of a killed process and are removed.
const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);

/// One backup file and the moment its name records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub day: NaiveDate,
    /// `HHMMSS` for a backup taken before a deletion; empty for the daily backup, which is
    /// the first of its day.
    pub time: String,
}

impl Store {
    /// Takes today's daily backup into `dir` unless it exists, then prunes old backups.
    /// Returns the new backup's path, or `None` when today's already existed or the database
    /// fails SQLite's quick check (a damaged file must not push good backups out).
    pub fn daily_backup(&self, dir: &Path, today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
        let target = dir.join(format!("nano-{today}.db"));
        if target.exists() {
            return Ok(None);
        }
        if !self.quick_check_ok()? {
            tracing::warn!(path = %self.path.display(), "quick_check failed; daily backup skipped");
            return Ok(None);
        }
        self.backup_into(&target)?;
        prune(dir)?;
        tracing::info!(path = %target.display(), "daily backup written");
        Ok(Some(target))
    }

    /// Takes a backup named after `now` into `dir`, for a deletion about to happen.
    pub fn backup_now(&self, dir: &Path, now: &DateTime<FixedOffset>) -> Result<PathBuf, StoreError> {
        let stem = format!("nano-{}-{}", now.date_naive(), now.format("%H%M%S"));
        let mut target = dir.join(format!("{stem}.db"));
        // Two deletions within one second (or under a fixed test clock) get separate files.
        let mut counter = 1;
        while target.exists() {
            counter += 1;
            target = dir.join(format!("{stem}-{counter}.db"));
        }
        self.backup_into(&target)?;
        prune(dir)?;
        Ok(target)
    }

    /// Copies the whole database into `target` as one consistent snapshot.
    pub fn backup_into(&self, target: &Path) -> Result<(), StoreError> {
        copy_database(&self.conn, target)
    }

    /// Runs `PRAGMA quick_check`; true when it reports "ok".
    fn quick_check_ok(&self) -> Result<bool, StoreError> {
        let first: String = self.conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        Ok(first == "ok")
    }
}

/// Copies a database about to be upgraded into `cadangan/sebelum-versi-N.db` beside it, so the
/// data as the older Nano left it can always be restored. An existing copy for the same version
/// is kept: it is the oldest state.
pub(super) fn before_upgrade(conn: &Connection, database: &Path, version: i64) -> Result<(), StoreError> {
    let folder = database.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR);
    let target = folder.join(format!("sebelum-versi-{version}.db"));
    if target.exists() {
        return Ok(());
    }
    copy_database(conn, &target)
}

/// Copies the database behind `source` into `target` through a temporary file.
fn copy_database(source: &Connection, target: &Path) -> Result<(), StoreError> {
    let folder = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|error| io_error(folder, error))?;
    let temporary = temporary_name(target);

    let result = (|| -> Result<(), StoreError> {
        let mut destination = Connection::open(&temporary)?;
        destination.busy_timeout(BUSY_TIMEOUT)?;
        run_backup(source, &mut destination)?;
        // The backup copies the WAL mode along with the pages. A copy in rollback mode is one
        // self-contained file, which is simpler to move around.
        destination.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get::<_, String>(0))?;
        drop(destination);
        std::fs::rename(&temporary, target).map_err(|error| io_error(target, error))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Copies every page in one step, so the copy is one snapshot even while others write.
fn run_backup(source: &Connection, destination: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(source, destination)?;
    let mut attempts = 0;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => continue,
            StepResult::Busy | StepResult::Locked => {
                attempts += 1;
                if attempts > 100 {
                    return Err(StoreError::Sql(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("backup kept finding the database busy".into()),
                    )));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            _ => continue,
        }
    }
}

fn temporary_name(target: &Path) -> PathBuf {
    let name = target.file_name().and_then(|name| name.to_str()).unwrap_or("nano.db");
    target.with_file_name(format!("{name}.tmp{}", std::process::id()))
}

fn io_error(path: &Path, error: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_path_buf(),
        source: error,
    }
}

/// Lists the backups in `dir`, oldest first. A missing folder has none.
pub fn list(dir: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<BackupFile> = entries
        .flatten()
        .filter_map(|entry| parse_name(&entry.path()))
        .collect();
    files.sort_by(|a, b| (a.day, &a.time, &a.path).cmp(&(b.day, &b.time, &b.path)));
    files
}

/// Reads `nano-YYYY-MM-DD.db` or `nano-YYYY-MM-DD-HHMMSS[-N].db`.
fn parse_name(path: &Path) -> Option<BackupFile> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_prefix("nano-")?.strip_suffix(".db")?;
    let day = NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok()?;
    let time = stem.get(10..)?.trim_start_matches('-').to_string();
    if !time.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return None;
    }
    Some(BackupFile {
        path: path.to_path_buf(),
        day,
        time,
    })
}

/// Returns the newest backup, or the newest of `day` when given.
pub fn latest(dir: &Path, day: Option<NaiveDate>) -> Option<BackupFile> {
    list(dir)
        .into_iter()
        .filter(|file| day.is_none_or(|wanted| file.day == wanted))
        .next_back()
}

/// Removes backups of all but the `KEEP_DAYS` most recent days, and stale temporary files.
fn prune(dir: &Path) -> Result<(), StoreError> {
    let files = list(dir);
    let mut days: Vec<NaiveDate> = files.iter().map(|file| file.day).collect();
    days.dedup();
    if days.len() > KEEP_DAYS {
        let oldest_kept = days[days.len() - KEEP_DAYS];
        for file in files.iter().filter(|file| file.day < oldest_kept) {
            std::fs::remove_file(&file.path).map_err(|error| io_error(&file.path, error))?;
            tracing::info!(path = %file.path.display(), "old backup removed");
        }
    }

    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let is_temporary = entry.file_name().to_str().is_some_and(|name| name.contains(".db.tmp"));
        let age = entry
            .metadata()
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|modified| SystemTime::now().duration_since(modified).ok());
        if is_temporary && age.is_some_and(|age| age > STALE_TEMP_AGE) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Copies the current database aside before a restore and returns where it went.
///
/// A file that still opens is copied with the backup API; a damaged one (which the backup API
/// cannot read) is copied byte for byte together with its WAL file.
pub fn keep_current(database: &Path, dir: &Path, now: &DateTime<FixedOffset>) -> Result<Option<PathBuf>, StoreError> {
    if !database.exists() {
        return Ok(None);
    }
    let stem = format!("sebelum-pulihkan-{}", now.format("%Y-%m-%d-%H%M%S"));
    let target = unused_name(dir, &stem);

    if let Ok(conn) = open_healthy(database) {
        copy_database(&conn, &target)?;
        return Ok(Some(target));
    }

    std::fs::create_dir_all(dir).map_err(|error| io_error(dir, error))?;
    std::fs::copy(database, &target).map_err(|error| io_error(&target, error))?;
    let wal = with_suffix(database, "-wal");
    if wal.exists() {
        let wal_target = with_suffix(&target, "-wal");
        std::fs::copy(&wal, &wal_target).map_err(|error| io_error(&wal_target, error))?;
    }
    Ok(Some(target))
}

/// Replaces the database at `database` with the backup at `source`.
///
/// A healthy database is overwritten page by page through the backup API, which takes the
/// write lock, so a chat open in another terminal reads the restored data on its next query. A
/// database SQLite cannot open is replaced as a file instead.
pub fn restore(database: &Path, source: &Path) -> Result<(), StoreError> {
    let backup = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = backup.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(StoreError::Damaged {
            path: source.to_path_buf(),
            source: rusqlite::Error::InvalidQuery,
        });
    }

    if let Ok(mut live) = open_healthy(database) {
        return run_backup(&backup, &mut live);
    }

    // The damaged file was copied aside by `keep_current`; put the backup in its place.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(database, suffix));
    }
    let temporary = temporary_name(database);
    std::fs::copy(source, &temporary).map_err(|error| io_error(&temporary, error))?;
    std::fs::rename(&temporary, database).map_err(|error| io_error(database, error))
}

/// Opens `database` when SQLite can read it and its quick check passes.
fn open_healthy(database: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(rusqlite::Error::InvalidQuery);
    }
    Ok(conn)
}

fn unused_name(dir: &Path, stem: &str) -> PathBuf {
    let mut target = dir.join(format!("{stem}.db"));
    let mut counter = 1;
    while target.exists() {
        counter += 1;
        target = dir.join(format!("{stem}-{counter}.db"));
    }
    target
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_temp;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn count_reminders(path: &Path) -> i64 {
        let conn = Connection::open(path).unwrap();
        conn.query_row("SELECT COUNT(*) FROM reminders", [], |row| row.get(0)).unwrap()
    }

    #[test]
    fn daily_backup_once_per_day() {
        let (dir, store) = open_temp();
        let backups = dir.path().join(BACKUP_DIR);

        let first = store.daily_backup(&backups, day("2026-12-04")).unwrap();
        let again = store.daily_backup(&backups, day("2026-12-04")).unwrap();

        assert_eq!(first, Some(backups.join("nano-2026-12-04.db")));
        assert_eq!(again, None);
        assert_eq!(list(&backups).len(), 1);
    }

    #[test]
    fn backups_keep_seven_days() {
        let (dir, store) = open_temp();
        let backups = dir.path().join(BACKUP_DIR);
        let now = DateTime::parse_from_rfc3339("2026-12-01T10:00:00+07:00").unwrap();
        store.backup_now(&backups, &now).unwrap();
        for date in 1..=9 {
            store.daily_backup(&backups, day(&format!("2026-12-{date:02}"))).unwrap();
        }

        let days: Vec<NaiveDate> = list(&backups).iter().map(|file| file.day).collect();

        assert_eq!(days.len(), KEEP_DAYS);
        assert_eq!(days.first(), Some(&day("2026-12-03")));
        assert_eq!(days.last(), Some(&day("2026-12-09")));
    }

    #[test]
    fn names_sort_daily_before_timed() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["nano-2026-12-04-101500.db", "nano-2026-12-04.db", "nano-2026-12-03.db", "lain.db"] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }

        let names: Vec<String> = list(dir.path())
            .iter()
            .map(|file| file.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();

        assert_eq!(names, ["nano-2026-12-03.db", "nano-2026-12-04.db", "nano-2026-12-04-101500.db"]);
        assert_eq!(latest(dir.path(), Some(day("2026-12-03"))).unwrap().day, day("2026-12-03"));
    }

    #[test]
    fn restore_brings_back_rows() {
        let (dir, mut store) = open_temp();
        let backups = dir.path().join(BACKUP_DIR);
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();
        store.insert_reminder("beli timah", &now, "t").unwrap();
        let copy = store.backup_now(&backups, &now).unwrap();
        store.insert_reminder("beli flux", &now, "t").unwrap();
        let database = store.path().to_path_buf();

        restore(&database, &copy).unwrap();

        assert_eq!(count_reminders(&database), 1);
        drop(store);
    }

    #[test]
    fn restore_replaces_damaged_file() {
        let (dir, store) = open_temp();
        let backups = dir.path().join(BACKUP_DIR);
        let copy = store.daily_backup(&backups, day("2026-12-04")).unwrap().unwrap();
        let database = store.path().to_path_buf();
        drop(store);
        std::fs::write(&database, vec![0x5A; 8192]).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();

        let kept = keep_current(&database, &backups, &now).unwrap().unwrap();
        restore(&database, &copy).unwrap();

        assert_eq!(std::fs::read(kept).unwrap(), vec![0x5A; 8192]);
        assert_eq!(count_reminders(&database), 0);
    }
}

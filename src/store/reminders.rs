//! Reminders: set, list what is due, mark done.
//!
//! `due` keeps the time as the user meant it (with its offset); `due_utc` is the same instant
//! in UTC, so ordering and "due before" comparisons work as plain text comparisons.

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::{Store, StoreError};

/// A stored reminder.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReminderRecord {
    pub id: i64,
    pub text: String,
    pub due: DateTime<FixedOffset>,
    pub done: bool,
}

fn utc_key(time: &DateTime<FixedOffset>) -> String {
    time.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Store {
    /// Stores a reminder; returns its id.
    pub fn insert_reminder(&mut self, text: &str, due: &DateTime<FixedOffset>, now: &str) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO reminders (text, due, due_utc, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![text, due.to_rfc3339(), utc_key(due), now],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Returns open reminders due before `until`, earliest first.
    pub fn reminders_due_before(&self, until: &DateTime<FixedOffset>) -> Result<Vec<ReminderRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, text, due, done FROM reminders
             WHERE done = 0 AND due_utc < ?1 ORDER BY due_utc, id",
        )?;
        let rows = statement
            .query_map([utc_key(until)], reminder_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// Returns all open reminders, earliest first.
    pub fn open_reminders(&self) -> Result<Vec<ReminderRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, text, due, done FROM reminders WHERE done = 0 ORDER BY due_utc, id",
        )?;
        let rows = statement
            .query_map([], reminder_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// Marks a reminder done; fails with `NotFound` for an unknown or already closed id.
    pub fn complete_reminder(&mut self, id: i64, now: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE reminders SET done = 1, done_at = ?1 WHERE id = ?2 AND done = 0",
                params![now, id],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound(format!("reminder {id}")));
            }
            Ok(())
        })
    }

    /// Returns the reminder with this id, open or done.
    pub fn reminder(&self, id: i64) -> Result<Option<ReminderRecord>, StoreError> {
        let found = self
            .conn
            .query_row("SELECT id, text, due, done FROM reminders WHERE id = ?1", [id], reminder_from_row)
            .optional()?;
        Ok(found.flatten())
    }

    /// Deletes a reminder, open or done; fails with `NotFound` for an unknown id.
    pub fn delete_reminder(&mut self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            if tx.execute("DELETE FROM reminders WHERE id = ?1", [id])? == 0 {
                return Err(StoreError::NotFound(format!("reminder {id}")));
            }
            Ok(())
        })
    }
}

/// Reads one row; a row whose time no longer parses is skipped (logged) rather than failing
/// every list that includes it.
fn reminder_from_row(row: &Row) -> rusqlite::Result<Option<ReminderRecord>> {
    let due: String = row.get(2)?;
    let Ok(due) = DateTime::parse_from_rfc3339(&due) else {
        tracing::warn!(due, "skipping reminder with unreadable time");
        return Ok(None);
    };
    Ok(Some(ReminderRecord {
        id: row.get(0)?,
        text: row.get(1)?,
        due,
        done: row.get::<_, i64>(3)? != 0,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_temp;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn due_before_orders_across_offsets() {
        let (_dir, mut store) = open_temp();
        let now = "2026-12-04T10:00:00+07:00";
        let late = store.insert_reminder("b", &at("2026-12-05T08:00:00+07:00"), now).unwrap();
        // 00:30 UTC is 07:30 in Jakarta, earlier than the first one.
        let early = store.insert_reminder("a", &at("2026-12-05T00:30:00+00:00"), now).unwrap();
        let later = store.insert_reminder("c", &at("2026-12-09T08:00:00+07:00"), now).unwrap();

        let due: Vec<i64> = store
            .reminders_due_before(&at("2026-12-06T00:00:00+07:00"))
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();

        assert_eq!(due, vec![early, late]);
        assert_eq!(store.open_reminders().unwrap().len(), 3);
        assert!(store.open_reminders().unwrap().iter().any(|r| r.id == later));
    }

    #[test]
    fn completed_reminders_leave_the_list() {
        let (_dir, mut store) = open_temp();
        let now = "2026-12-04T10:00:00+07:00";
        let id = store.insert_reminder("a", &at("2026-12-05T08:00:00+07:00"), now).unwrap();

        store.complete_reminder(id, now).unwrap();

        assert!(store.open_reminders().unwrap().is_empty());
        assert!(matches!(store.complete_reminder(id, now), Err(StoreError::NotFound(_))));
    }
}

//! Job lifecycle: status, price, action, fault and parts changes with their history, and
//! undoing the last one.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::jobs::warranty_end;
use super::stock::{return_parts, take_parts, JobLink};
use super::{JobRecord, StockChange, Store, StoreError};
use crate::interpret::{normalize_for_search, Part, Status};

/// True for the statuses from which a warranty runs.
fn is_finished(status: &str) -> bool {
    matches!(status, "selesai" | "diambil")
}

/// Returns the day of an RFC 3339 time in its own offset; `None` when it does not parse.
fn day_of(now: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(now).ok().map(|time| time.date_naive())
}

/// Starts the warranty of job `id` on `day` unless it has one already or has no terms, so a
/// reopened job finished again keeps its first warranty.
fn start_warranty(tx: &Transaction, id: i64, day: NaiveDate) -> Result<(), StoreError> {
    let days: Option<Option<i64>> = tx
        .query_row(
            "SELECT warranty_days FROM jobs WHERE id = ?1 AND warranty_start IS NULL",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    let Some(Some(days)) = days else {
        return Ok(());
    };
    let days = u32::try_from(days).unwrap_or(0);
    tx.execute(
        "UPDATE jobs SET warranty_start = ?1, warranty_end = ?2 WHERE id = ?3",
        params![day.to_string(), warranty_end(day, days).map(|end| end.to_string()), id],
    )?;
    Ok(())
}

/// Clears the warranty of job `id` when the undone event `event_id` is what started it: the
/// event finished the job for the first time, and the job is no warranty claim (a claim's
/// dates come from the earlier job).
fn clear_warranty_started_by(tx: &Transaction, id: i64, event_id: i64) -> Result<(), StoreError> {
    let events: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, from_status, to_status FROM job_events WHERE job_id = ?1 AND undone_at IS NULL ORDER BY id")?
        .query_map([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let Some(position) = events.iter().position(|(event, _, _)| *event == event_id) else {
        return Ok(());
    };
    let recorded_finished = events.first().is_some_and(|(_, from, _)| is_finished(from));
    let finished_before = events[..position].iter().any(|(_, _, to)| is_finished(to));
    let (_, from, to) = &events[position];
    let started_here = is_finished(to) && !is_finished(from) && !finished_before && !recorded_finished;
    if started_here {
        tx.execute(
            "UPDATE jobs SET warranty_start = NULL, warranty_end = NULL WHERE id = ?1 AND warranty_of IS NULL",
            [id],
        )?;
    }
    Ok(())
}

/// One applied change, as the reply describes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct JobChange {
    pub event_id: i64,
    pub job: JobRecord,
    pub from_status: Status,
    pub price_before: Option<i64>,
    /// Stock taken out for the parts the change added, or put back when it is undone.
    pub stock: Vec<StockChange>,
}

/// The changes an update line makes to a recorded job. `None` and an empty `parts` leave the
/// job's value as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobEdit {
    /// The new status; `None` keeps the current one (a price correction).
    pub status: Option<Status>,
    pub price: Option<i64>,
    /// Work done, appended to the recorded action with ", ".
    pub action: Option<String>,
    /// The diagnosis, which replaces the recorded one.
    pub fault: Option<String>,
    /// Parts fitted, added to the job's parts and taken out of stock.
    pub parts: Vec<Part>,
}

/// The newest job event not yet undone.
#[derive(Debug, Clone, PartialEq)]
pub struct LastJobEvent {
    pub event_id: i64,
    pub job_id: i64,
    /// True when the event recorded the job; undoing it means deleting the job.
    pub recorded: bool,
    /// The status the event set, and the one undoing it goes back to.
    pub set_to: Status,
    pub back_to: Status,
}

/// Returns `before` with `added` appended after ", ", unless `before` already contains it.
fn appended(before: Option<String>, added: Option<&str>) -> Option<String> {
    match (before, added) {
        (Some(before), Some(added)) if before.to_lowercase().contains(&added.to_lowercase()) => Some(before),
        (Some(before), Some(added)) => Some(format!("{before}, {added}")),
        (None, Some(added)) => Some(added.to_string()),
        (before, None) => before,
    }
}

/// Rewrites the search entry of job `id` from its stored fields, after an action or fault
/// changed.
fn reindex(tx: &Transaction, id: i64) -> Result<(), StoreError> {
    tx.execute("DELETE FROM jobs_fts WHERE rowid = ?1", [id])?;
    let source_line: String = tx.query_row("SELECT source_line FROM jobs WHERE id = ?1", [id], |row| row.get(0))?;
    tx.execute(
        "INSERT INTO jobs_fts (rowid, device, brand, model, customer, complaint, fault, action, search_text)
         SELECT id, device, brand, model, customer, complaint, fault, action, ?2 FROM jobs WHERE id = ?1",
        params![id, normalize_for_search(&source_line)],
    )?;
    Ok(())
}

impl Store {
    /// Applies `edit` to job `id`: status, price, action, fault and parts, taking the parts the
    /// stock lists out of stock. The change is kept in `job_events` with what it replaced, so
    /// it can be undone.
    pub fn change_job(&mut self, id: i64, edit: &JobEdit, now: &str) -> Result<JobChange, StoreError> {
        let (event_id, from_status, price_before, stock) = self.write(|tx| {
            let current: Option<(String, Option<i64>, Option<String>, Option<String>)> = tx
                .query_row("SELECT status, price, action, fault FROM jobs WHERE id = ?1", [id], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .optional()?;
            let Some((from, price_before, action_before, fault_before)) = current else {
                return Err(StoreError::NotFound(format!("servis #{id}")));
            };
            let status = edit.status.map_or(from.clone(), |status| status.as_str().to_string());
            let price_after = edit.price.or(price_before);
            let action_after = appended(action_before.clone(), edit.action.as_deref());
            let fault_after = edit.fault.clone().or(fault_before.clone());

            tx.execute(
                "UPDATE jobs SET status = ?1, price = ?2, action = ?3, fault = ?4, updated_at = ?5 WHERE id = ?6",
                params![status, price_after, action_after, fault_after, now, id],
            )?;
            tx.execute(
                "INSERT INTO job_events (job_id, kind, from_status, to_status, price_before, price_after,
                                         action_before, fault_before, created_at)
                 VALUES (?1, 'update', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, from, status, price_before, price_after, action_before, fault_before, now],
            )?;
            let event_id = tx.last_insert_rowid();

            for part in &edit.parts {
                tx.execute(
                    "INSERT INTO job_parts (job_id, name, qty, event_id) VALUES (?1, ?2, ?3, ?4)",
                    params![id, part.name, part.qty, event_id],
                )?;
            }
            let link = JobLink { job_id: Some(id), event_id: Some(event_id) };
            let stock = take_parts(tx, &edit.parts, link, now)?;
            if action_after != action_before || fault_after != fault_before {
                reindex(tx, id)?;
            }
            if is_finished(&status) {
                if let Some(day) = day_of(now) {
                    start_warranty(tx, id, day)?;
                }
            }
            Ok((event_id, Status::parse(&from).unwrap_or_default(), price_before, stock))
        })?;

        Ok(JobChange {
            event_id,
            job: self.job(id)?,
            from_status,
            price_before,
            stock,
        })
    }

    /// Returns the newest job event not yet undone, recording a job included.
    /// Returns when job event `event_id` was written (RFC 3339).
    pub fn job_event_time(&self, event_id: i64) -> Result<String, StoreError> {
        Ok(self.conn.query_row("SELECT created_at FROM job_events WHERE id = ?1", [event_id], |row| row.get(0))?)
    }

    /// Names the newest record written after `time` that is not a job change: a stock
    /// movement of its own (not a job's part), a reminder, or a remembered fact. `ralat` acts
    /// only on jobs, so such a record means the user's last step was something else.
    pub fn other_change_after(&self, time: &str) -> Result<Option<String>, StoreError> {
        let after = |sql: &str| -> Result<Option<String>, StoreError> {
            let found: Option<String> = self.conn.query_row(sql, [time], |row| row.get(0)).optional()?;
            Ok(found)
        };
        let stock = after(
            "SELECT 'perubahan stok ' || stock_items.name FROM stock_movements
             JOIN stock_items ON stock_items.id = stock_movements.item_id
             WHERE stock_movements.job_id IS NULL AND stock_movements.created_at > ?1
             ORDER BY stock_movements.id DESC LIMIT 1",
        )?;
        if stock.is_some() {
            return Ok(stock);
        }
        let reminder = after("SELECT 'pengingat #' || id FROM reminders WHERE created_at > ?1 ORDER BY id DESC LIMIT 1")?;
        if reminder.is_some() {
            return Ok(reminder);
        }
        after("SELECT 'ingatan: ' || fact FROM memory_facts WHERE created_at > ?1 ORDER BY id DESC LIMIT 1")
    }

    pub fn last_job_change(&self) -> Result<Option<LastJobEvent>, StoreError> {
        let last: Option<(i64, i64, String, String, String)> = self
            .conn
            .query_row(
                "SELECT id, job_id, kind, from_status, to_status FROM job_events
                 WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
            )
            .optional()?;
        Ok(last.map(|(event_id, job_id, kind, from, to)| LastJobEvent {
            event_id,
            job_id,
            recorded: kind == "record",
            set_to: Status::parse(&to).unwrap_or_default(),
            back_to: Status::parse(&from).unwrap_or_default(),
        }))
    }

    /// Undoes the newest job change: status, price, action and fault go back, the parts it
    /// added are removed and their stock put back. Returns `None` when there is nothing to
    /// undo, or when the newest event recorded a job, which only deleting the job undoes.
    pub fn undo_last_job_change(&mut self, now: &str) -> Result<Option<JobChange>, StoreError> {
        let undone = self.write(|tx| {
            let last: Option<(i64, i64, String, String, String, Option<i64>, Option<String>, Option<String>)> = tx
                .query_row(
                    "SELECT id, job_id, kind, from_status, to_status, price_before, action_before, fault_before
                     FROM job_events WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
                    [],
                    |row| {
                        Ok((
                            row.get(0)?,
                            row.get(1)?,
                            row.get(2)?,
                            row.get(3)?,
                            row.get(4)?,
                            row.get(5)?,
                            row.get(6)?,
                            row.get(7)?,
                        ))
                    },
                )
                .optional()?;
            let Some((event_id, job_id, kind, from, to, price_before, action_before, fault_before)) = last else {
                return Ok(None);
            };
            if kind == "record" {
                return Ok(None);
            }
            clear_warranty_started_by(tx, job_id, event_id)?;

            tx.execute(
                "UPDATE jobs SET status = ?1, price = ?2, updated_at = ?3 WHERE id = ?4",
                params![from, price_before, now, job_id],
            )?;
            // Events written before version 5 changed only status and price.
            let mut stock = Vec::new();
            if kind == "update" {
                tx.execute(
                    "UPDATE jobs SET action = ?1, fault = ?2 WHERE id = ?3",
                    params![action_before, fault_before, job_id],
                )?;
                tx.execute("DELETE FROM job_parts WHERE event_id = ?1", [event_id])?;
                stock = return_parts(tx, job_id, Some(event_id), &format!("ralat servis #{job_id}"), now)?;
                reindex(tx, job_id)?;
            }
            tx.execute("UPDATE job_events SET undone_at = ?1 WHERE id = ?2", params![now, event_id])?;
            Ok(Some((event_id, job_id, Status::parse(&to).unwrap_or_default(), stock)))
        })?;

        let Some((event_id, job_id, undone_status, stock)) = undone else {
            return Ok(None);
        };
        Ok(Some(JobChange {
            event_id,
            job: self.job(job_id)?,
            from_status: undone_status,
            price_before: None,
            stock,
        }))
    }

    /// Returns the jobs not yet picked up or cancelled, newest first.
    pub fn open_jobs(&self) -> Result<Vec<JobRecord>, StoreError> {
        let open = [Status::Masuk, Status::Proses, Status::TungguPart, Status::Selesai];
        self.jobs_with_status(&open, usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::interpret::{Job, Status};
    use crate::store::{open_temp, JobEdit, NewJob};

    const NOW: &str = "2026-12-04T10:00:00+07:00";

    fn edit(status: Status, price: Option<i64>) -> JobEdit {
        JobEdit { status: Some(status), price, ..JobEdit::default() }
    }

    fn insert(store: &mut crate::store::Store) -> i64 {
        let job = Job {
            device: Some("tv".into()),
            date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            ..Job::default()
        };
        store.insert_job(&NewJob { job: &job, source_line: "x", now: NOW }).unwrap()
    }

    #[test]
    fn change_then_undo() {
        let (_dir, mut store) = open_temp();
        let id = insert(&mut store);

        let done = store.change_job(id, &edit(Status::Selesai, Some(150_000)), NOW).unwrap();
        assert_eq!(done.from_status, Status::Masuk);
        assert_eq!(done.job.status, Status::Selesai);
        assert_eq!(done.job.price, Some(150_000));

        store.change_job(id, &edit(Status::Diambil, None), NOW).unwrap();
        let undone = store.undo_last_job_change(NOW).unwrap().unwrap();
        assert_eq!(undone.job.status, Status::Selesai);
        assert_eq!(undone.job.price, Some(150_000));

        let again = store.undo_last_job_change(NOW).unwrap().unwrap();
        assert_eq!(again.job.status, Status::Masuk);
        assert_eq!(again.job.price, None);
        assert!(store.undo_last_job_change(NOW).unwrap().is_none());
    }

    #[test]
    fn unknown_job_is_not_found() {
        let (_dir, mut store) = open_temp();
        let result = store.change_job(99, &edit(Status::Selesai, None), NOW);
        assert!(matches!(result, Err(crate::store::StoreError::NotFound(_))));
    }

    #[test]
    fn open_jobs_leave_out_picked_up() {
        let (_dir, mut store) = open_temp();
        let kept = insert(&mut store);
        let gone = insert(&mut store);
        store.change_job(gone, &edit(Status::Diambil, None), NOW).unwrap();

        let open: Vec<i64> = store.open_jobs().unwrap().iter().map(|job| job.id).collect();
        assert_eq!(open, vec![kept]);
    }
}

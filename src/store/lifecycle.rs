//! Job lifecycle: status and price changes with their history, and undoing the last one.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::jobs::warranty_end;
use super::{JobRecord, Store, StoreError};
use crate::interpret::Status;

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
}

impl Store {
    /// Moves job `id` to `status`, and sets its price when `price` is given; records the
    /// change in `job_events`.
    pub fn change_job(&mut self, id: i64, status: Status, price: Option<i64>, now: &str) -> Result<JobChange, StoreError> {
        let (event_id, from_status, price_before) = self.write(|tx| {
            let current: Option<(String, Option<i64>)> = tx
                .query_row("SELECT status, price FROM jobs WHERE id = ?1", [id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let Some((from, price_before)) = current else {
                return Err(StoreError::NotFound(format!("servis #{id}")));
            };
            let price_after = price.or(price_before);

            tx.execute(
                "UPDATE jobs SET status = ?1, price = ?2, updated_at = ?3 WHERE id = ?4",
                params![status.as_str(), price_after, now, id],
            )?;
            tx.execute(
                "INSERT INTO job_events (job_id, from_status, to_status, price_before, price_after, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, from, status.as_str(), price_before, price_after, now],
            )?;
            if is_finished(status.as_str()) {
                if let Some(day) = day_of(now) {
                    start_warranty(tx, id, day)?;
                }
            }
            Ok((tx.last_insert_rowid(), Status::parse(&from).unwrap_or_default(), price_before))
        })?;

        Ok(JobChange {
            event_id,
            job: self.job(id)?,
            from_status,
            price_before,
        })
    }

    /// The newest change not yet undone: its event id, job id, and the status it set and
    /// would go back to.
    pub fn last_job_change(&self) -> Result<Option<(i64, i64, Status, Status)>, StoreError> {
        let last: Option<(i64, i64, String, String)> = self
            .conn
            .query_row(
                "SELECT id, job_id, from_status, to_status FROM job_events
                 WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?;
        Ok(last.map(|(event, job, from, to)| {
            (event, job, Status::parse(&to).unwrap_or_default(), Status::parse(&from).unwrap_or_default())
        }))
    }

    /// Reverts the newest change not yet undone; `None` when there is nothing to undo.
    pub fn undo_last_job_change(&mut self, now: &str) -> Result<Option<JobChange>, StoreError> {
        let undone = self.write(|tx| {
            let last: Option<(i64, i64, String, String, Option<i64>)> = tx
                .query_row(
                    "SELECT id, job_id, from_status, to_status, price_before FROM job_events
                     WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
                    [],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
                )
                .optional()?;
            let Some((event_id, job_id, from, to, price_before)) = last else {
                return Ok(None);
            };
            clear_warranty_started_by(tx, job_id, event_id)?;

            tx.execute(
                "UPDATE jobs SET status = ?1, price = ?2, updated_at = ?3 WHERE id = ?4",
                params![from, price_before, now, job_id],
            )?;
            tx.execute("UPDATE job_events SET undone_at = ?1 WHERE id = ?2", params![now, event_id])?;
            Ok(Some((event_id, job_id, Status::parse(&to).unwrap_or_default())))
        })?;

        let Some((event_id, job_id, undone_status)) = undone else {
            return Ok(None);
        };
        Ok(Some(JobChange {
            event_id,
            job: self.job(job_id)?,
            from_status: undone_status,
            price_before: None,
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
    use crate::store::{open_temp, NewJob};

    const NOW: &str = "2026-12-04T10:00:00+07:00";

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

        let done = store.change_job(id, Status::Selesai, Some(150_000), NOW).unwrap();
        assert_eq!(done.from_status, Status::Masuk);
        assert_eq!(done.job.status, Status::Selesai);
        assert_eq!(done.job.price, Some(150_000));

        store.change_job(id, Status::Diambil, None, NOW).unwrap();
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
        let result = store.change_job(99, Status::Selesai, None, NOW);
        assert!(matches!(result, Err(crate::store::StoreError::NotFound(_))));
    }

    #[test]
    fn open_jobs_leave_out_picked_up() {
        let (_dir, mut store) = open_temp();
        let kept = insert(&mut store);
        let gone = insert(&mut store);
        store.change_job(gone, Status::Diambil, None, NOW).unwrap();

        let open: Vec<i64> = store.open_jobs().unwrap().iter().map(|job| job.id).collect();
        assert_eq!(open, vec![kept]);
    }
}

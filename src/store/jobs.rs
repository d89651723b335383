//! Repair jobs: insert, list by period, full-text search.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::stock::{return_parts, take_parts, JobLink};
use super::{StockChange, Store, StoreError};
use crate::interpret::{normalize_for_search, Job, Part, Status};

/// A job to store: the interpreted fields plus the line it came from.
pub struct NewJob<'a> {
    pub job: &'a Job,
    pub source_line: &'a str,
    /// RFC 3339 time of the write.
    pub now: &'a str,
}

/// Warranty terms of a job being stored.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NewWarranty {
    /// Days of warranty once the job is finished (0 for none); `None` stores no terms.
    pub days: Option<u32>,
    /// An earlier job whose warranty still runs: the new job is a claim under it and keeps
    /// its terms and end date instead of `days`.
    pub claim_of: Option<WarrantyClaim>,
}

/// The running warranty of an earlier job that a new job is claimed under.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WarrantyClaim {
    pub job_id: i64,
    pub days: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A stored job as the commands print it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct JobRecord {
    pub id: i64,
    pub date: NaiveDate,
    pub device: Option<String>,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub customer: Option<String>,
    pub complaint: Option<String>,
    pub fault: Option<String>,
    pub action: Option<String>,
    pub parts: Vec<Part>,
    pub status: Status,
    pub price: Option<i64>,
    pub created_at: String,
    pub customer_id: Option<i64>,
    /// The customer's phone number (normal form), from the customers table.
    pub phone: Option<String>,
    /// Days of warranty given to the job (0 for none); `None` for jobs recorded before
    /// warranties were stored.
    pub warranty_days: Option<i64>,
    /// First and last day of the warranty, set once when the job is first finished, or at
    /// recording for a warranty claim (copied from the earlier job).
    pub warranty_start: Option<NaiveDate>,
    pub warranty_end: Option<NaiveDate>,
    /// The earlier job whose warranty this job was claimed under.
    pub warranty_of: Option<i64>,
}

/// A job just stored, with the stock its parts used.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedJob {
    pub id: i64,
    pub stock_used: Vec<StockChange>,
}

/// A deleted job as it was, with the stock its parts gave back.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedJob {
    pub job: JobRecord,
    pub stock_returned: Vec<StockChange>,
}

const JOB_COLUMNS: &str = "id, date, device, brand, model, customer, complaint, fault, action, \
                           status, price, created_at, customer_id, warranty_days, warranty_start, \
                           warranty_end, warranty_of";

impl Store {
    /// Stores a job with its parts and search entry in one transaction, without warranty
    /// terms; returns its id.
    pub fn insert_job(&mut self, new: &NewJob) -> Result<i64, StoreError> {
        self.insert_job_with(new, &NewWarranty::default()).map(|recorded| recorded.id)
    }

    /// Stores a job with its customer, warranty terms, parts, search entry and a `record` event
    /// in one transaction, and takes the parts that are stock items out of stock.
    ///
    /// A job recorded as already finished starts its warranty on its own day. A claim copies
    /// the earlier job's days, start and end, so redoing work never extends a warranty.
    pub fn insert_job_with(&mut self, new: &NewJob, warranty: &NewWarranty) -> Result<RecordedJob, StoreError> {
        let job = new.job;
        let (days, start, end, claim_of) = match warranty.claim_of {
            Some(claim) => (Some(claim.days), Some(claim.start), Some(claim.end), Some(claim.job_id)),
            None => {
                let finished = matches!(job.status, Status::Selesai | Status::Diambil);
                let start = warranty.days.filter(|_| finished).map(|_| job.date);
                let end = start.zip(warranty.days).and_then(|(start, days)| warranty_end(start, days));
                (warranty.days, start, end, None)
            }
        };
        self.write(|tx| {
            let customer_id =
                super::customers::link_customer(tx, job.customer.as_deref(), job.phone.as_deref(), new.now)?;
            tx.execute(
                "INSERT INTO jobs (date, device, brand, model, customer, complaint, fault,
                                   action, status, price, source_line, created_at, updated_at,
                                   customer_id, warranty_days, warranty_start, warranty_end, warranty_of)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14, ?15, ?16, ?17)",
                params![
                    job.date.to_string(),
                    job.device,
                    job.brand,
                    job.model,
                    job.customer,
                    job.complaint,
                    job.fault,
                    job.action,
                    job.status.as_str(),
                    job.price,
                    new.source_line,
                    new.now,
                    customer_id,
                    days,
                    start.map(|day| day.to_string()),
                    end.map(|day| day.to_string()),
                    claim_of,
                ],
            )?;
            let id = tx.last_insert_rowid();

            for part in &job.parts {
                tx.execute(
                    "INSERT INTO job_parts (job_id, name, qty) VALUES (?1, ?2, ?3)",
                    params![id, part.name, part.qty],
                )?;
            }

            tx.execute(
                "INSERT INTO jobs_fts (rowid, device, brand, model, customer, complaint, fault,
                                       action, search_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    job.device,
                    job.brand,
                    job.model,
                    job.customer,
                    job.complaint,
                    job.fault,
                    job.action,
                    normalize_for_search(new.source_line),
                ],
            )?;

            // The event lets "ralat" find the newest change of any kind, recording included.
            tx.execute(
                "INSERT INTO job_events (job_id, kind, from_status, to_status, price_before, price_after, created_at)
                 VALUES (?1, 'record', ?2, ?2, NULL, ?3, ?4)",
                params![id, job.status.as_str(), job.price, new.now],
            )?;
            let link = JobLink { job_id: Some(id), event_id: Some(tx.last_insert_rowid()) };
            let stock_used = take_parts(tx, &job.parts, link, new.now)?;
            Ok(RecordedJob { id, stock_used })
        })
    }

    /// Returns the job with this id.
    pub fn job(&self, id: i64) -> Result<JobRecord, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1");
        let mut job = self
            .conn
            .query_row(&sql, [id], job_from_row)
            .map_err(|error| match error {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound(format!("job {id}")),
                other => StoreError::Sql(other),
            })?;
        job.parts = self.job_parts(id)?;
        job.phone = self.customer_phone(job.customer_id)?;
        Ok(job)
    }

    /// Deletes a job with its parts, history and search entry, and puts back into stock what
    /// its parts took out. Returns the job as it was, with those stock changes.
    pub fn delete_job(&mut self, id: i64, now: &str) -> Result<DeletedJob, StoreError> {
        let job = self.job(id)?;
        let stock_returned = self.write(|tx| {
            let returned = return_parts(tx, id, None, &format!("servis #{id} dihapus"), now)?;
            tx.execute("DELETE FROM jobs_fts WHERE rowid = ?1", [id])?;
            let deleted = tx.execute("DELETE FROM jobs WHERE id = ?1", [id])?;
            if deleted == 0 {
                return Err(StoreError::NotFound(format!("job {id}")));
            }
            Ok(returned)
        })?;
        Ok(DeletedJob { job, stock_returned })
    }

    /// Returns the jobs dated within `from..=to`, oldest first.
    pub fn jobs_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<JobRecord>, StoreError> {
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id"
        );
        self.collect_jobs(&sql, params![from.to_string(), to.to_string()])
    }

    /// Returns jobs in any of `statuses` (all jobs when empty), newest first, at most `limit`.
    pub fn jobs_with_status(&self, statuses: &[Status], limit: usize) -> Result<Vec<JobRecord>, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs ORDER BY date DESC, id DESC");
        let jobs = self.collect_jobs(&sql, [])?;
        Ok(jobs
            .into_iter()
            .filter(|job| statuses.is_empty() || statuses.contains(&job.status))
            .take(limit)
            .collect())
    }

    /// Full-text search over jobs, best match first, at most `limit` results.
    ///
    /// Every word must match (as a prefix); when that finds nothing, any word may match, so a
    /// misremembered detail still finds the job.
    pub fn search_jobs(&self, query: &str, limit: usize) -> Result<Vec<JobRecord>, StoreError> {
        let all_words = self.search_jobs_matching_all(query, limit)?;
        if !all_words.is_empty() {
            return Ok(all_words);
        }
        let words = fts_words(query);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        self.search_fts(&words.join(" OR "), limit)
    }

    /// Full-text search where every word must match (as a prefix), best match first, at most
    /// `limit` results. Unlike [`Store::search_jobs`] it never falls back to any-word matches,
    /// so a common word such as "pak" cannot pull in unrelated jobs.
    pub fn search_jobs_matching_all(&self, query: &str, limit: usize) -> Result<Vec<JobRecord>, StoreError> {
        let words = fts_words(query);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        self.search_fts(&words.join(" AND "), limit)
    }

    fn search_fts(&self, fts_query: &str, limit: usize) -> Result<Vec<JobRecord>, StoreError> {
        let sql = format!(
            // Ranking inside the FTS5 query with its own LIMIT lets SQLite keep only the best
            // rows instead of sorting every match; ties go to the newest job.
            "SELECT {} FROM (
                 SELECT rowid, rank FROM jobs_fts WHERE jobs_fts MATCH ?1 ORDER BY rank, rowid DESC LIMIT ?2
             ) AS hits JOIN jobs ON jobs.id = hits.rowid
             ORDER BY hits.rank, jobs.id DESC",
            JOB_COLUMNS
                .split(", ")
                .map(|column| format!("jobs.{column}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        self.collect_jobs(&sql, params![fts_query, limit as i64])
    }

    fn collect_jobs(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<JobRecord>, StoreError> {
        let mut statement = self.conn.prepare(sql)?;
        let mut jobs = statement
            .query_map(params, job_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        for job in &mut jobs {
            job.parts = self.job_parts(job.id)?;
            job.phone = self.customer_phone(job.customer_id)?;
        }
        Ok(jobs)
    }

    fn customer_phone(&self, customer_id: Option<i64>) -> Result<Option<String>, StoreError> {
        let Some(customer_id) = customer_id else {
            return Ok(None);
        };
        let mut statement = self.conn.prepare_cached("SELECT phone FROM customers WHERE id = ?1")?;
        Ok(statement.query_row([customer_id], |row| row.get(0)).optional()?.flatten())
    }

    fn job_parts(&self, job_id: i64) -> Result<Vec<Part>, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT name, qty FROM job_parts WHERE job_id = ?1 ORDER BY id")?;
        let parts = statement
            .query_map([job_id], |row| {
                Ok(Part {
                    name: row.get(0)?,
                    qty: row.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(parts)
    }
}

/// Converts the query's words to quoted FTS5 prefix terms in the search normal form, so
/// that FTS syntax in the query is matched as text.
pub(super) fn fts_words(query: &str) -> Vec<String> {
    normalize_for_search(query)
        .split_whitespace()
        .map(|word| word.chars().filter(|c| c.is_alphanumeric()).collect::<String>())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect()
}

/// Returns the last day covered by a warranty of `days` days that starts on `start`, or `None`
/// for no warranty. The count starts the day after the job is finished, as a shop counts
/// "garansi 30 hari": finished on 4 Dec 2026, covered up to and including 3 Jan 2027.
pub fn warranty_end(start: NaiveDate, days: u32) -> Option<NaiveDate> {
    (days > 0).then(|| start + Duration::days(i64::from(days)))
}

fn optional_day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|text| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
}

fn job_from_row(row: &Row) -> rusqlite::Result<JobRecord> {
    let date: String = row.get(1)?;
    let status: String = row.get(9)?;
    Ok(JobRecord {
        id: row.get(0)?,
        // The CHECK constraints and the insert path only ever store valid values; a row
        // edited by hand falls back to safe defaults rather than failing the whole list.
        date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or_default(),
        device: row.get(2)?,
        brand: row.get(3)?,
        model: row.get(4)?,
        customer: row.get(5)?,
        complaint: row.get(6)?,
        fault: row.get(7)?,
        action: row.get(8)?,
        parts: Vec::new(),
        status: Status::parse(&status).unwrap_or_default(),
        price: row.get(10)?,
        created_at: row.get(11)?,
        customer_id: row.get(12)?,
        phone: None,
        warranty_days: row.get(13)?,
        warranty_start: optional_day(row.get(14)?),
        warranty_end: optional_day(row.get(15)?),
        warranty_of: row.get(16)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_temp;

    fn job(device: &str, brand: &str, customer: &str, complaint: &str, date: &str) -> Job {
        Job {
            device: Some(device.into()),
            brand: Some(brand.into()),
            customer: Some(customer.into()),
            complaint: Some(complaint.into()),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            parts: vec![Part {
                name: "elco 1000uF 25V".into(),
                qty: 2.0,
            }],
            price: Some(150_000),
            ..Job::default()
        }
    }

    fn insert(store: &mut Store, job: &Job, line: &str) -> i64 {
        store
            .insert_job(&NewJob {
                job,
                source_line: line,
                now: "2026-12-04T10:00:00+07:00",
            })
            .unwrap()
    }

    #[test]
    fn insert_and_read_back() {
        let (_dir, mut store) = open_temp();
        let stored = job("tv", "Polytron", "Pak Budi", "mati total", "2026-12-04");

        let id = insert(&mut store, &stored, "catat tv polytron");
        let read = store.job(id).unwrap();

        assert_eq!(read.device.as_deref(), Some("tv"));
        assert_eq!(read.customer.as_deref(), Some("Pak Budi"));
        assert_eq!(read.price, Some(150_000));
        assert_eq!(read.parts.len(), 1);
        assert_eq!(read.parts[0].qty, 2.0);
    }

    #[test]
    fn jobs_between_is_inclusive() {
        let (_dir, mut store) = open_temp();
        for date in ["2026-11-29", "2026-11-30", "2026-12-06", "2026-12-07"] {
            insert(&mut store, &job("tv", "Sharp", "Bu Ani", "x", date), "x");
        }
        let from = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();

        let dates: Vec<String> = store
            .jobs_between(from, to)
            .unwrap()
            .iter()
            .map(|job| job.date.to_string())
            .collect();

        assert_eq!(dates, vec!["2026-11-30", "2026-12-06"]);
    }

    #[test]
    fn search_finds_by_brand_and_customer() {
        let (_dir, mut store) = open_temp();
        let tv = insert(
            &mut store,
            &job("tv", "Polytron", "Pak Budi", "mati total", "2026-12-01"),
            "catat TV Polytron Pak Budi mati total",
        );
        insert(
            &mut store,
            &job("kulkas", "LG", "Bu Ani", "gak dingin", "2026-12-02"),
            "catat kulkas LG Bu Ani gak dingin",
        );

        let by_brand = store.search_jobs("polytron", 10).unwrap();
        let by_customer = store.search_jobs("budi", 10).unwrap();
        let nothing = store.search_jobs("samsung", 10).unwrap();

        assert_eq!(by_brand.iter().map(|j| j.id).collect::<Vec<_>>(), vec![tv]);
        assert_eq!(by_customer.iter().map(|j| j.id).collect::<Vec<_>>(), vec![tv]);
        assert!(nothing.is_empty());
    }

    #[test]
    fn delete_removes_job_parts_and_search_entry() {
        let (_dir, mut store) = open_temp();
        let mut tv = job("tv", "Polytron", "Pak Budi", "mati total", "2026-12-04");
        tv.parts.push(Part { name: "elco 1000uF 25V".into(), qty: 1.0 });
        let id = insert(&mut store, &tv, "tv polytron pak budi mati total");

        let deleted = store.delete_job(id, "2026-12-04T10:00:00+07:00").unwrap().job;

        assert_eq!(deleted.brand.as_deref(), Some("Polytron"));
        assert!(store.search_jobs("polytron", 5).unwrap().is_empty());
        assert!(matches!(store.job(id), Err(StoreError::NotFound(_))));
        assert!(matches!(store.delete_job(id, "2026-12-04T10:00:00+07:00"), Err(StoreError::NotFound(_))));
        assert!(store.foreign_key_check().unwrap().is_empty());
    }

    #[test]
    fn search_ignores_fts_syntax_in_query() {
        let (_dir, mut store) = open_temp();
        insert(&mut store, &job("tv", "Sharp", "Bu Ani", "x", "2026-12-01"), "tv sharp");

        for hostile in ["\"", "sharp OR", "NEAR(", "*", "'); DROP TABLE jobs; --", ""] {
            assert!(store.search_jobs(hostile, 10).is_ok(), "query {hostile:?}");
        }
        assert_eq!(store.jobs_with_status(&[], 10).unwrap().len(), 1);
    }
}

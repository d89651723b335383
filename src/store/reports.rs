//! Queries behind reports and filtered searches: parts fitted in a period, finished jobs still
//! waiting for pickup, and job search narrowed by dates, statuses and customer.
//!
//! Jobs come back through [`Store::job`], so this file never repeats the job columns.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::params;

use super::jobs::fts_words;
use super::{JobRecord, Store, StoreError};
use crate::interpret::{normalize_part_name, Filter};

/// Total quantity of one part fitted in the jobs of a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PartUsage {
    /// Normalised part name (`elco 1000uF 25V`).
    pub name: String,
    pub qty: f64,
    /// The stock item's unit when the part is a stock item, else `pcs`.
    pub unit: String,
}

/// A job in `selesai` and the moment it got there.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishedJob {
    pub job: JobRecord,
    /// Time of the newest change to `selesai` that was not undone; `None` when the job was
    /// recorded as finished and never changed, so only its date is known.
    pub finished_at: Option<DateTime<FixedOffset>>,
}

impl Store {
    /// Sums the parts fitted in jobs dated within `from..=to`, per normalised part name, most
    /// used first.
    ///
    /// Cancelled jobs count too, because their parts left the stock when they were recorded.
    pub fn parts_used_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<PartUsage>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT job_parts.name, job_parts.qty, stock_items.unit
             FROM job_parts
             JOIN jobs ON jobs.id = job_parts.job_id
             LEFT JOIN stock_items ON stock_items.name = job_parts.name
             WHERE jobs.date BETWEEN ?1 AND ?2",
        )?;
        let rows = statement
            .query_map(params![from.to_string(), to.to_string()], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, f64>(1)?, row.get::<_, Option<String>>(2)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;

        // Names written before a normaliser change, or imported, may differ in spelling only.
        let mut totals: Vec<PartUsage> = Vec::new();
        for (name, qty, unit) in rows {
            let name = normalize_part_name(&name);
            let name = if name.is_empty() { "(tanpa nama)".to_string() } else { name };
            match totals.iter_mut().find(|usage| usage.name == name) {
                Some(usage) => usage.qty += qty,
                None => totals.push(PartUsage { name, qty, unit: unit.unwrap_or_else(|| "pcs".to_string()) }),
            }
        }
        totals.sort_by(|a, b| b.qty.total_cmp(&a.qty).then_with(|| a.name.cmp(&b.name)));
        Ok(totals)
    }

    /// Returns the jobs picked up within `from..=to` with the day of pickup: the day of their
    /// newest change to `diambil` that was not undone, or their own day when they were
    /// recorded as already picked up. Pickup is when a customer pays, so this is the money
    /// that came in during the period.
    pub fn jobs_picked_up_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(JobRecord, NaiveDate)>, StoreError> {
        // Event times are RFC 3339 in the user's zone, so their first ten characters are the
        // local day.
        let mut statement = self.conn.prepare(
            "SELECT id, picked FROM (
                 SELECT jobs.id AS id,
                        COALESCE((SELECT substr(created_at, 1, 10) FROM job_events
                                  WHERE job_events.job_id = jobs.id AND to_status = 'diambil'
                                    AND undone_at IS NULL
                                  ORDER BY job_events.id DESC LIMIT 1), jobs.date) AS picked
                 FROM jobs WHERE status = 'diambil')
             WHERE picked BETWEEN ?1 AND ?2 ORDER BY picked, id",
        )?;
        let rows = statement
            .query_map(params![from.to_string(), to.to_string()], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, picked)| {
                let day = NaiveDate::parse_from_str(&picked, "%Y-%m-%d").unwrap_or(from);
                Ok((self.job(id)?, day))
            })
            .collect()
    }

    /// Returns the jobs whose own warranty ends within `from..=to`, soonest first. Warranty
    /// claims share the end of the job they were claimed under, so they are left out.
    pub fn warranties_ending_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<JobRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id FROM jobs
             WHERE warranty_end BETWEEN ?1 AND ?2 AND warranty_of IS NULL AND status <> 'batal'
             ORDER BY warranty_end, id",
        )?;
        let ids = statement
            .query_map(params![from.to_string(), to.to_string()], |row| row.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        ids.into_iter().map(|id| self.job(id)).collect()
    }

    /// Returns every job now in `selesai`, with the time it reached that status.
    pub fn finished_jobs(&self) -> Result<Vec<FinishedJob>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT jobs.id,
                    (SELECT created_at FROM job_events
                     WHERE job_events.job_id = jobs.id AND to_status = 'selesai' AND undone_at IS NULL
                     ORDER BY job_events.id DESC LIMIT 1)
             FROM jobs WHERE status = 'selesai' ORDER BY date, id",
        )?;
        let rows = statement
            .query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;

        rows.into_iter()
            .map(|(id, finished_at)| {
                Ok(FinishedJob {
                    job: self.job(id)?,
                    finished_at: finished_at.and_then(|time| DateTime::parse_from_rfc3339(&time).ok()),
                })
            })
            .collect()
    }

    /// Searches jobs with `query` inside `filter`'s dates, statuses and customer, at most
    /// `limit` results. With words, the best match comes first and, when no job has every
    /// word, jobs with any word count. Without words, every job inside the filter counts,
    /// newest first.
    pub fn search_jobs_filtered(&self, query: &str, filter: &Filter, limit: usize) -> Result<Vec<JobRecord>, StoreError> {
        let words = fts_words(query);
        if words.is_empty() {
            return self.filtered_ids(None, filter, limit);
        }
        let all_words = self.filtered_ids(Some(&words.join(" AND ")), filter, limit)?;
        if !all_words.is_empty() {
            return Ok(all_words);
        }
        self.filtered_ids(Some(&words.join(" OR ")), filter, limit)
    }

    fn filtered_ids(&self, fts_query: Option<&str>, filter: &Filter, limit: usize) -> Result<Vec<JobRecord>, StoreError> {
        const CONDITIONS: &str = "(?2 IS NULL OR jobs.date >= ?2)
             AND (?3 IS NULL OR jobs.date <= ?3)
             AND (?4 = '' OR instr(?4, ',' || jobs.status || ',') > 0)
             AND (?5 IS NULL OR lower(jobs.customer) LIKE ?5 ESCAPE '\\')";
        let sql = match fts_query {
            Some(_) => format!(
                "SELECT jobs.id FROM jobs_fts JOIN jobs ON jobs.id = jobs_fts.rowid
                 WHERE jobs_fts MATCH ?1 AND {CONDITIONS}
                 ORDER BY jobs_fts.rank, jobs.id DESC LIMIT ?6"
            ),
            None => format!(
                "SELECT jobs.id FROM jobs WHERE ?1 IS NULL AND {CONDITIONS}
                 ORDER BY jobs.date DESC, jobs.id DESC LIMIT ?6"
            ),
        };
        let statuses = if filter.statuses.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = filter.statuses.iter().map(|status| status.as_str()).collect();
            format!(",{},", names.join(","))
        };
        let customer = filter.customer.as_deref().map(customer_pattern).filter(|pattern| pattern != "%%");

        let mut statement = self.conn.prepare(&sql)?;
        let ids = statement
            .query_map(
                params![
                    fts_query,
                    filter.from.map(|day| day.to_string()),
                    filter.to.map(|day| day.to_string()),
                    statuses,
                    customer,
                    limit as i64
                ],
                |row| row.get::<_, i64>(0),
            )?
            .collect::<Result<Vec<_>, _>>()?;
        ids.into_iter().map(|id| self.job(id)).collect()
    }
}

/// Builds a LIKE pattern that finds the customer's name without its honorific, so "Pak Budi"
/// also finds a job stored as "Budi" or "pak budi".
fn customer_pattern(customer: &str) -> String {
    let name = crate::interpret::customer_name_key(customer);
    let escaped: String = name
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::{Job, Part, Status};
    use crate::store::{open_temp, NewJob};

    fn insert(store: &mut Store, customer: &str, date: &str, status: Status, parts: Vec<Part>) -> i64 {
        let job = Job {
            device: Some("tv".into()),
            brand: Some("Polytron".into()),
            customer: Some(customer.into()),
            complaint: Some("mati total".into()),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            status,
            parts,
            ..Job::default()
        };
        store
            .insert_job(&NewJob { job: &job, source_line: "tv polytron mati total", now: "2026-12-04T10:00:00+07:00" })
            .unwrap()
    }

    fn part(name: &str, qty: f64) -> Part {
        Part { name: name.into(), qty }
    }

    #[test]
    fn parts_summed_per_normalised_name() {
        let (_dir, mut store) = open_temp();
        insert(&mut store, "Bu Ani", "2026-11-02", Status::Selesai, vec![part("elco 1000uF 25V", 2.0)]);
        insert(&mut store, "Bu Ani", "2026-11-03", Status::Masuk, vec![part("ELKO 1000 uf 25 volt", 1.0), part("fuse 2A", 1.0)]);
        insert(&mut store, "Bu Ani", "2026-12-03", Status::Masuk, vec![part("elco 1000uF 25V", 5.0)]);
        let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();

        let used = store.parts_used_between(from, to).unwrap();

        assert_eq!(used.len(), 2, "{used:?}");
        assert_eq!(used[0].name, "elco 1000uF 25V");
        assert_eq!(used[0].qty, 3.0);
        assert_eq!(used[0].unit, "pcs");
        assert_eq!(used[1].qty, 1.0);
    }

    #[test]
    fn filtered_search_without_words() {
        let (_dir, mut store) = open_temp();
        let old = insert(&mut store, "Pak Budi", "2026-10-20", Status::Selesai, Vec::new());
        let budi = insert(&mut store, "Pak Budi", "2026-11-20", Status::Selesai, Vec::new());
        insert(&mut store, "Bu Ani", "2026-11-21", Status::Selesai, Vec::new());
        insert(&mut store, "Budi", "2026-11-22", Status::Batal, Vec::new());
        let filter = Filter {
            statuses: vec![Status::Selesai],
            from: NaiveDate::from_ymd_opt(2026, 11, 1),
            to: NaiveDate::from_ymd_opt(2026, 11, 30),
            customer: Some("pak budi".into()),
            ..Filter::default()
        };

        let found: Vec<i64> = store.search_jobs_filtered("", &filter, 20).unwrap().iter().map(|job| job.id).collect();

        assert_eq!(found, vec![budi]);
        assert_ne!(found, vec![old]);
    }

    #[test]
    fn filtered_search_with_words() {
        let (_dir, mut store) = open_temp();
        insert(&mut store, "Pak Budi", "2026-10-20", Status::Selesai, Vec::new());
        let november = insert(&mut store, "Pak Budi", "2026-11-20", Status::Selesai, Vec::new());
        let filter = Filter { from: NaiveDate::from_ymd_opt(2026, 11, 1), ..Filter::default() };

        let found: Vec<i64> = store.search_jobs_filtered("polytron", &filter, 20).unwrap().iter().map(|job| job.id).collect();
        let hostile = store.search_jobs_filtered("\"; DROP", &Filter { customer: Some("100%_\\".into()), ..Filter::default() }, 20);

        assert_eq!(found, vec![november]);
        assert!(hostile.is_ok());
    }
}

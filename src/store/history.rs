//! Earlier jobs of a customer or of a device, for the one-line history and repair hints shown
//! when a job is recorded, for warranty claims and for warranty questions.

use chrono::NaiveDate;

use super::{JobRecord, Store, StoreError};

/// Maximum jobs listed in one reply to a warranty question.
const WARRANTY_LIMIT: i64 = 50;

/// Upper bound on earlier jobs read for one history line or hint.
const HISTORY_LIMIT: i64 = 200;

impl Store {
    /// Jobs before `before_id` for the same customer (ignoring case), newest first.
    pub fn jobs_of_customer(&self, customer: &str, before_id: i64) -> Result<Vec<JobRecord>, StoreError> {
        let ids = self.ids(
            "SELECT id FROM jobs WHERE customer = ?1 COLLATE NOCASE AND id < ?2 ORDER BY date DESC, id DESC LIMIT ?3",
            rusqlite::params![customer, before_id, HISTORY_LIMIT],
        )?;
        ids.into_iter().map(|id| self.job(id)).collect()
    }

    /// Jobs before `before_id` with the same device and brand (ignoring case), newest first.
    pub fn jobs_of_device(&self, device: &str, brand: &str, before_id: i64) -> Result<Vec<JobRecord>, StoreError> {
        let ids = self.ids(
            "SELECT id FROM jobs WHERE device = ?1 COLLATE NOCASE AND brand = ?2 COLLATE NOCASE AND id < ?3
             ORDER BY date DESC, id DESC LIMIT ?4",
            rusqlite::params![device, brand, before_id, HISTORY_LIMIT],
        )?;
        ids.into_iter().map(|id| self.job(id)).collect()
    }

    /// Returns the job whose warranty still covers `day` for one of `customer_ids` and the same
    /// device (and brand, when `brand` is given), with the latest end. A claim resolves to the
    /// job it was claimed under, so redoing work twice never stretches a warranty.
    pub fn running_warranty(
        &self,
        customer_ids: &[i64],
        device: &str,
        brand: Option<&str>,
        day: NaiveDate,
    ) -> Result<Option<JobRecord>, StoreError> {
        let ids = self.ids(
            "SELECT COALESCE(warranty_of, id) FROM jobs
             WHERE customer_id IN (SELECT value FROM json_each(?1))
               AND device = ?2 COLLATE NOCASE
               AND (?3 IS NULL OR brand IS NULL OR brand = ?3 COLLATE NOCASE)
               AND warranty_days > 0 AND warranty_end >= ?4 AND status <> 'batal'
             ORDER BY warranty_end DESC, id DESC LIMIT 1",
            rusqlite::params![serde_json::to_string(customer_ids).unwrap_or_default(), device, brand, day.to_string()],
        )?;
        ids.first().map(|id| self.job(*id)).transpose()
    }

    /// Jobs not cancelled, newest first, narrowed by customer (when `customer_ids` is given),
    /// device and brand; at most `WARRANTY_LIMIT`.
    pub fn jobs_for_warranty(
        &self,
        customer_ids: Option<&[i64]>,
        device: Option<&str>,
        brand: Option<&str>,
    ) -> Result<Vec<JobRecord>, StoreError> {
        let customers = customer_ids.map(|ids| serde_json::to_string(ids).unwrap_or_default());
        let ids = self.ids(
            "SELECT id FROM jobs
             WHERE status <> 'batal'
               AND (?1 IS NULL OR customer_id IN (SELECT value FROM json_each(?1)))
               AND (?2 IS NULL OR device = ?2 COLLATE NOCASE)
               AND (?3 IS NULL OR brand = ?3 COLLATE NOCASE)
             ORDER BY id DESC LIMIT ?4",
            rusqlite::params![customers, device, brand, WARRANTY_LIMIT],
        )?;
        ids.into_iter().map(|id| self.job(id)).collect()
    }

    fn ids(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>, StoreError> {
        let mut statement = self.conn.prepare_cached(sql)?;
        let ids = statement
            .query_map(params, |row| row.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }
}

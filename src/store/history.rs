//! Earlier jobs of a customer or of a device, for the one-line history and repair hints shown
//! when a job is recorded.

use super::{JobRecord, Store, StoreError};

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

    fn ids(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>, StoreError> {
        let mut statement = self.conn.prepare_cached(sql)?;
        let ids = statement
            .query_map(params, |row| row.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }
}

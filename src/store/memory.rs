//! Long-term memory: short facts the user asked Nano to remember.
//!
//! Forgetting marks a fact instead of deleting the row, so a fact forgotten by mistake can be
//! brought back from the database.

use rusqlite::params;
use serde::Serialize;

use super::{Store, StoreError};

/// A remembered fact.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FactRecord {
    pub id: i64,
    pub fact: String,
    pub created_at: String,
}

impl Store {
    /// Stores a fact; returns its id.
    pub fn insert_fact(&mut self, fact: &str, now: &str) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO memory_facts (fact, created_at) VALUES (?1, ?2)",
                params![fact, now],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Returns the facts still remembered, oldest first.
    pub fn facts(&self) -> Result<Vec<FactRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, fact, created_at FROM memory_facts WHERE forgotten_at IS NULL ORDER BY id",
        )?;
        let facts = statement
            .query_map([], |row| {
                Ok(FactRecord {
                    id: row.get(0)?,
                    fact: row.get(1)?,
                    created_at: row.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(facts)
    }

    /// Marks the facts with these ids forgotten; returns how many changed.
    pub fn forget_facts(&mut self, ids: &[i64], now: &str) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut changed = 0;
            for id in ids {
                changed += tx.execute(
                    "UPDATE memory_facts SET forgotten_at = ?1 WHERE id = ?2 AND forgotten_at IS NULL",
                    params![now, id],
                )?;
            }
            Ok(changed)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::store::open_temp;

    #[test]
    fn forgotten_facts_leave_the_list() {
        let (_dir, mut store) = open_temp();
        let now = "2026-12-04T10:00:00+07:00";
        let name = store.insert_fact("nama saya Arip", now).unwrap();
        let shop = store.insert_fact("bengkel saya namanya Arip Elektronik", now).unwrap();

        assert_eq!(store.forget_facts(&[shop], now).unwrap(), 1);
        assert_eq!(store.forget_facts(&[shop], now).unwrap(), 0);

        let left: Vec<i64> = store.facts().unwrap().iter().map(|f| f.id).collect();
        assert_eq!(left, vec![name]);
    }
}

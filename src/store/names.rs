//! Names the user has recorded, for completion in the chat.

use super::{Store, StoreError};

/// Upper bound on names offered, so a long history keeps completion instant.
const MAX_NAMES: i64 = 2000;

impl Store {
    /// Returns distinct customers, brands, devices and stock item names, most recent first.
    pub fn record_names(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT name FROM (
                 SELECT customer AS name, MAX(id) AS recent FROM jobs WHERE customer IS NOT NULL GROUP BY customer
                 UNION ALL
                 SELECT brand, MAX(id) FROM jobs WHERE brand IS NOT NULL GROUP BY brand
                 UNION ALL
                 SELECT device, MAX(id) FROM jobs WHERE device IS NOT NULL GROUP BY device
                 UNION ALL
                 SELECT name, id FROM stock_items
             )
             WHERE name != ''
             ORDER BY recent DESC
             LIMIT ?1",
        )?;
        let names = statement
            .query_map([MAX_NAMES], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{open_temp, StockKind};

    #[test]
    fn names_include_stock_items() {
        let (_dir, mut store) = open_temp();
        store
            .change_stock(StockKind::Add, "elco 1000uF 25V", 1.0, "pcs", None, "2026-12-04T10:00:00+07:00")
            .unwrap();
        assert_eq!(store.record_names().unwrap(), vec!["elco 1000uF 25V".to_string()]);
    }
}

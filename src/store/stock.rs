//! Parts stock: items with a count and a minimum, and a movement row for every change.

use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;

use super::{Store, StoreError};
use crate::interpret::Part;

/// A stock item as the commands print it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StockRecord {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub qty: f64,
    pub min_qty: f64,
}

impl StockRecord {
    /// True when the item has run out, or a minimum is set and the count has reached it.
    pub fn is_low(&self) -> bool {
        self.qty <= 0.0 || (self.min_qty > 0.0 && self.qty <= self.min_qty)
    }
}

/// Result of one stock change.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StockChange {
    pub item: StockRecord,
    /// Id of the movement row that records this change.
    pub movement_id: i64,
    /// How much the count changed: negative for a use, 0 for a new minimum.
    pub delta: f64,
    /// True when a use asked for more than was recorded, so the count stopped at zero.
    pub clamped: bool,
}

/// Kinds of change, as stored in `stock_movements.kind`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StockKind {
    Add,
    Use,
    Set,
    Min,
}

impl StockKind {
    fn as_str(self) -> &'static str {
        match self {
            StockKind::Add => "add",
            StockKind::Use => "use",
            StockKind::Set => "set",
            StockKind::Min => "min",
        }
    }
}

impl Store {
    /// Applies one change to the item called `name`, creating it for adds, sets and minimums.
    ///
    /// A use of an item that was never recorded fails with `StockNotFound`, because guessing a
    /// starting count would make every later figure wrong.
    pub fn change_stock(
        &mut self,
        kind: StockKind,
        name: &str,
        qty: f64,
        unit: &str,
        note: Option<&str>,
        now: &str,
    ) -> Result<StockChange, StoreError> {
        self.write(|tx| apply_change(tx, kind, name, qty, unit, note, JobLink::default(), now))
    }

    /// Deletes a stock item and its movements; returns the item as it was.
    pub fn delete_stock(&mut self, name: &str) -> Result<StockRecord, StoreError> {
        self.write(|tx| {
            let Some(item) = find_item(tx, name)? else {
                return Err(StoreError::StockNotFound(name.to_string()));
            };
            tx.execute("DELETE FROM stock_items WHERE id = ?1", [item.id])?;
            Ok(item)
        })
    }

    /// Returns the item called exactly `name`, if recorded.
    pub fn stock_item(&self, name: &str) -> Result<Option<StockRecord>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, unit, qty, min_qty FROM stock_items WHERE name = ?1 COLLATE NOCASE",
                [name],
                stock_from_row,
            )
            .optional()?)
    }

    /// Returns items whose name contains every word of `words`, for loose look-ups.
    pub fn stock_matching(&self, words: &str) -> Result<Vec<StockRecord>, StoreError> {
        let wanted: Vec<String> = words.split_whitespace().map(str::to_lowercase).collect();
        Ok(self
            .stock_list(false)?
            .into_iter()
            .filter(|item| {
                let name = item.name.to_lowercase();
                wanted.iter().all(|word| name.contains(word.as_str()))
            })
            .collect())
    }

    /// Returns all items by name, or only those at or below their minimum.
    pub fn stock_list(&self, low_only: bool) -> Result<Vec<StockRecord>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT id, name, unit, qty, min_qty FROM stock_items ORDER BY name")?;
        let items = statement
            .query_map([], stock_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(items
            .into_iter()
            .filter(|item| !low_only || item.is_low())
            .collect())
    }
}

/// The job, and the event of that job, a stock movement was made for; both empty for a
/// movement typed on its own.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct JobLink {
    pub job_id: Option<i64>,
    pub event_id: Option<i64>,
}

/// Applies one change to the item called `name` inside `tx`; see [`Store::change_stock`].
#[allow(clippy::too_many_arguments)]
fn apply_change(
    tx: &Transaction,
    kind: StockKind,
    name: &str,
    qty: f64,
    unit: &str,
    note: Option<&str>,
    link: JobLink,
    now: &str,
) -> Result<StockChange, StoreError> {
    let existing = find_item(tx, name)?;
    let item = match (existing, kind) {
        (Some(item), _) => item,
        (None, StockKind::Use) => return Err(StoreError::StockNotFound(name.to_string())),
        (None, _) => {
            tx.execute(
                "INSERT INTO stock_items (name, unit, qty, min_qty, created_at, updated_at)
                 VALUES (?1, ?2, 0, 0, ?3, ?3)",
                params![name, unit, now],
            )?;
            find_item(tx, name)?.ok_or_else(|| StoreError::StockNotFound(name.into()))?
        }
    };

    let (new_qty, new_min, clamped) = match kind {
        StockKind::Add => (item.qty + qty, item.min_qty, false),
        StockKind::Use => ((item.qty - qty).max(0.0), item.min_qty, qty > item.qty),
        StockKind::Set => (qty, item.min_qty, false),
        StockKind::Min => (item.qty, qty, false),
    };
    let delta = match kind {
        StockKind::Min => 0.0,
        _ => new_qty - item.qty,
    };

    tx.execute(
        "UPDATE stock_items SET qty = ?1, min_qty = ?2, updated_at = ?3 WHERE id = ?4",
        params![new_qty, new_min, now, item.id],
    )?;
    tx.execute(
        "INSERT INTO stock_movements (item_id, kind, delta, qty_after, note, created_at, job_id, job_event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![item.id, kind.as_str(), delta, new_qty, note, now, link.job_id, link.event_id],
    )?;
    let movement_id = tx.last_insert_rowid();

    Ok(StockChange {
        item: StockRecord {
            qty: new_qty,
            min_qty: new_min,
            ..item
        },
        movement_id,
        delta,
        clamped,
    })
}

/// Takes the parts fitted to job `link.job_id` out of stock, one movement per part the stock
/// lists. Parts the stock does not list are skipped, because guessing a starting count would
/// make every later figure wrong.
pub(super) fn take_parts(tx: &Transaction, parts: &[Part], link: JobLink, now: &str) -> Result<Vec<StockChange>, StoreError> {
    let note = link.job_id.map(|id| format!("servis #{id}"));
    let mut changes = Vec::new();
    for part in parts {
        if find_item(tx, &part.name)?.is_none() {
            continue;
        }
        changes.push(apply_change(tx, StockKind::Use, &part.name, part.qty, "pcs", note.as_deref(), link, now)?);
    }
    Ok(changes)
}

/// Puts back what the movements linked to job `job_id` (and to `event_id` when given) took
/// out of stock, net of what was already put back. Returns one change per item.
pub(super) fn return_parts(
    tx: &Transaction,
    job_id: i64,
    event_id: Option<i64>,
    note: &str,
    now: &str,
) -> Result<Vec<StockChange>, StoreError> {
    let taken: Vec<(String, f64)> = tx
        .prepare(
            "SELECT stock_items.name, SUM(stock_movements.delta) FROM stock_movements
             JOIN stock_items ON stock_items.id = stock_movements.item_id
             WHERE stock_movements.job_id = ?1 AND (?2 IS NULL OR stock_movements.job_event_id = ?2)
               AND stock_movements.kind IN ('use', 'add')
             GROUP BY stock_items.id HAVING SUM(stock_movements.delta) < 0
             ORDER BY MIN(stock_movements.id)",
        )?
        .query_map(params![job_id, event_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;

    let link = JobLink { job_id: Some(job_id), event_id };
    taken
        .into_iter()
        .map(|(name, net)| apply_change(tx, StockKind::Add, &name, -net, "pcs", Some(note), link, now))
        .collect()
}

fn find_item(tx: &Transaction, name: &str) -> rusqlite::Result<Option<StockRecord>> {
    tx.query_row(
        "SELECT id, name, unit, qty, min_qty FROM stock_items WHERE name = ?1 COLLATE NOCASE",
        [name],
        stock_from_row,
    )
    .optional()
}

fn stock_from_row(row: &Row) -> rusqlite::Result<StockRecord> {
    Ok(StockRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        unit: row.get(2)?,
        qty: row.get(3)?,
        min_qty: row.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_temp;

    const NOW: &str = "2026-12-04T10:00:00+07:00";

    #[test]
    fn add_use_set_min_sequence() {
        let (_dir, mut store) = open_temp();
        let name = "elco 1000uF 25V";

        let added = store.change_stock(StockKind::Add, name, 10.0, "pcs", None, NOW).unwrap();
        let used = store.change_stock(StockKind::Use, name, 3.0, "pcs", None, NOW).unwrap();
        let min = store.change_stock(StockKind::Min, name, 5.0, "pcs", None, NOW).unwrap();
        let set = store.change_stock(StockKind::Set, name, 4.0, "pcs", None, NOW).unwrap();

        assert_eq!(added.item.qty, 10.0);
        assert_eq!(used.item.qty, 7.0);
        assert!(!min.item.is_low());
        assert_eq!(set.item.qty, 4.0);
        assert!(set.item.is_low());
        assert_eq!(store.stock_list(true).unwrap().len(), 1);
    }

    #[test]
    fn empty_item_is_low_without_minimum() {
        let (_dir, mut store) = open_temp();
        store.change_stock(StockKind::Add, "fuse 2A", 1.0, "pcs", None, NOW).unwrap();
        let used = store.change_stock(StockKind::Use, "fuse 2A", 1.0, "pcs", None, NOW).unwrap();
        assert!(used.item.is_low());
        assert_eq!(store.stock_list(true).unwrap().len(), 1);
    }

    #[test]
    fn names_match_without_case() {
        let (_dir, mut store) = open_temp();
        store.change_stock(StockKind::Add, "elco 1000uF 25V", 2.0, "pcs", None, NOW).unwrap();
        let again = store.change_stock(StockKind::Add, "ELCO 1000UF 25V", 1.0, "pcs", None, NOW).unwrap();

        assert_eq!(again.item.qty, 3.0);
        assert_eq!(store.stock_list(false).unwrap().len(), 1);
    }

    #[test]
    fn use_of_unknown_item_fails() {
        let (_dir, mut store) = open_temp();
        let result = store.change_stock(StockKind::Use, "fuse 5A", 1.0, "pcs", None, NOW);
        assert!(matches!(result, Err(StoreError::StockNotFound(_))));
        assert!(store.stock_list(false).unwrap().is_empty());
    }

    #[test]
    fn use_beyond_count_stops_at_zero() {
        let (_dir, mut store) = open_temp();
        store.change_stock(StockKind::Add, "fuse 5A", 1.0, "pcs", None, NOW).unwrap();
        let used = store.change_stock(StockKind::Use, "fuse 5A", 3.0, "pcs", None, NOW).unwrap();
        assert_eq!(used.item.qty, 0.0);
        assert!(used.clamped);
    }

    #[test]
    fn every_change_leaves_a_movement() {
        let (_dir, mut store) = open_temp();
        store.change_stock(StockKind::Add, "fuse 5A", 5.0, "pcs", None, NOW).unwrap();
        store.change_stock(StockKind::Use, "fuse 5A", 1.0, "pcs", Some("TV Sharp"), NOW).unwrap();
        let count: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM stock_movements", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 2);
    }
}

//! Customers: one row per name (ignoring case) with an optional phone number, linked from jobs.
//!
//! Names arrive already normalised by the interpreter ("Pak Budi"); this file only matches them
//! case-insensitively. Phone numbers arrive in their normal form (`081234567890`).

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::{Store, StoreError};

/// A stored customer with the number of jobs recorded for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerRecord {
    pub id: i64,
    /// `None` for a customer known only by phone number.
    pub name: Option<String>,
    pub phone: Option<String>,
    pub created_at: String,
    pub job_count: i64,
}

const CUSTOMER_SELECT: &str = "SELECT customers.id, customers.name, customers.phone, customers.created_at,
        (SELECT COUNT(*) FROM jobs WHERE jobs.customer_id = customers.id)
     FROM customers";

impl Store {
    /// Returns every customer, by name, those without a name last.
    pub fn customers(&self) -> Result<Vec<CustomerRecord>, StoreError> {
        let sql = format!("{CUSTOMER_SELECT} ORDER BY customers.name IS NULL, customers.name COLLATE NOCASE, customers.id");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], customer_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Returns the customer called `name`, ignoring case.
    pub fn customer_named(&self, name: &str) -> Result<Option<CustomerRecord>, StoreError> {
        let sql = format!("{CUSTOMER_SELECT} WHERE customers.name = ?1");
        Ok(self.conn.query_row(&sql, [name.trim()], customer_from_row).optional()?)
    }

    /// Returns the customer called `name`, or when there is none, every customer whose name is
    /// the same without the honorific ("Yanto" finds "Pak Yanto").
    pub fn customers_like(&self, name: &str) -> Result<Vec<CustomerRecord>, StoreError> {
        if let Some(exact) = self.customer_named(name)? {
            return Ok(vec![exact]);
        }
        let wanted = crate::interpret::bare_customer_name(name);
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .customers()?
            .into_iter()
            .filter(|customer| {
                customer.name.as_deref().is_some_and(|have| crate::interpret::bare_customer_name(have) == wanted)
            })
            .collect())
    }

    /// Returns the customers whose phone number is `phone` (normal form).
    pub fn customers_with_phone(&self, phone: &str) -> Result<Vec<CustomerRecord>, StoreError> {
        let sql = format!("{CUSTOMER_SELECT} WHERE customers.phone = ?1 ORDER BY customers.id");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([phone], customer_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Sets the phone number of the customer called `name`; returns the customer as it is now
    /// and the number it had before.
    pub fn set_customer_phone(&mut self, name: &str, phone: &str) -> Result<(CustomerRecord, Option<String>), StoreError> {
        let before = self
            .customer_named(name)?
            .ok_or_else(|| StoreError::NotFound(format!("pelanggan {name}")))?;
        self.write(|tx| {
            tx.execute("UPDATE customers SET phone = ?1 WHERE id = ?2", params![phone, before.id])?;
            Ok(())
        })?;
        let after = self
            .customer_named(name)?
            .ok_or_else(|| StoreError::NotFound(format!("pelanggan {name}")))?;
        Ok((after, before.phone))
    }
}

/// Finds or creates the customer of a job inside the job's transaction and stores `phone` on
/// it. A name is matched ignoring case. Without a name, the first customer with that phone
/// number is used, or a customer known only by the number is created. Returns `None` when the
/// job names neither.
pub(super) fn link_customer(
    tx: &Transaction,
    name: Option<&str>,
    phone: Option<&str>,
    now: &str,
) -> Result<Option<i64>, StoreError> {
    let name = name.map(str::trim).filter(|name| !name.is_empty());
    let existing: Option<(i64, Option<String>)> = match (name, phone) {
        (Some(name), _) => tx
            .query_row("SELECT id, phone FROM customers WHERE name = ?1", [name], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?,
        (None, Some(phone)) => tx
            .query_row("SELECT id, phone FROM customers WHERE phone = ?1 ORDER BY id LIMIT 1", [phone], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?,
        (None, None) => return Ok(None),
    };

    let Some((id, stored_phone)) = existing else {
        tx.execute(
            "INSERT INTO customers (name, phone, created_at) VALUES (?1, ?2, ?3)",
            params![name, phone, now],
        )?;
        return Ok(Some(tx.last_insert_rowid()));
    };

    if phone.is_some() && phone != stored_phone.as_deref() {
        tx.execute("UPDATE customers SET phone = ?1 WHERE id = ?2", params![phone, id])?;
    }
    Ok(Some(id))
}

fn customer_from_row(row: &rusqlite::Row) -> rusqlite::Result<CustomerRecord> {
    Ok(CustomerRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        phone: row.get(2)?,
        created_at: row.get(3)?,
        job_count: row.get(4)?,
    })
}

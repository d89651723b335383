//! Whole-database export and import: every row of every table, read and written by column
//! name in schema order, so `nano ekspor` and `nano impor` can move a database losslessly.
//!
//! This file owns the list of exported tables and columns ([`TABLES`]) and the SQL. It does not
//! parse or write file formats and does not judge values (statuses, dates): `crate::transfer`
//! does that before calling [`Store::import_tables`].

use rusqlite::types::Value;

use super::{Store, StoreError};
use crate::interpret::normalize_for_search;

/// Rows written between two progress reports during an import.
const PROGRESS_EVERY: u64 = 500;

/// Storage class a column is exported and imported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Integer,
    Real,
    Text,
}

/// What a column's values must look like beyond their storage class, checked on import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRule {
    None,
    /// `YYYY-MM-DD`.
    Day,
    /// RFC 3339 with offset.
    Time,
    /// One of the job statuses (`masuk`, `proses`, ...).
    JobStatus,
    /// `add`, `use`, `set` or `min`.
    StockKind,
    /// `status`, `record` or `update`.
    JobEventKind,
    /// `chat` or `oneshot`.
    Channel,
    /// 0 or 1.
    Flag,
    /// Zero or more.
    NonNegative,
    /// The id of a row in the named table, which is imported earlier (or, for a table that
    /// refers to itself, an earlier row of the same table).
    References(&'static str),
    /// An Indonesian mobile number in its normal form (`081234567890`).
    Phone,
}

#[derive(Debug, PartialEq)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub kind: ColumnKind,
    pub nullable: bool,
    pub rule: ColumnRule,
}

#[derive(Debug, PartialEq)]
pub struct TableSpec {
    pub name: &'static str,
    pub columns: &'static [ColumnSpec],
}

const fn column(name: &'static str, kind: ColumnKind, nullable: bool, rule: ColumnRule) -> ColumnSpec {
    ColumnSpec { name, kind, nullable, rule }
}

use ColumnKind::{Integer, Real, Text};
use ColumnRule as R;

/// Every table with user data, parents before children, with all columns of schema version 5.
/// `jobs_fts` is left out because it is rebuilt from `jobs` on import; `schema_version` is
/// written by the migrations.
// NOTE: SQLite's AUTOINCREMENT counter (`sqlite_sequence`) is not exported, so after deleting
// the newest job, exporting and importing, the next job takes the deleted number again.
pub const TABLES: [TableSpec; 9] = [
    TableSpec {
        name: "customers",
        columns: &[
            column("id", Integer, false, R::None),
            column("name", Text, true, R::None),
            column("phone", Text, true, R::Phone),
            column("created_at", Text, false, R::Time),
        ],
    },
    TableSpec {
        name: "jobs",
        columns: &[
            column("id", Integer, false, R::None),
            column("date", Text, false, R::Day),
            column("device", Text, true, R::None),
            column("brand", Text, true, R::None),
            column("model", Text, true, R::None),
            column("customer", Text, true, R::None),
            column("complaint", Text, true, R::None),
            column("fault", Text, true, R::None),
            column("action", Text, true, R::None),
            column("status", Text, false, R::JobStatus),
            column("price", Integer, true, R::NonNegative),
            column("source_line", Text, false, R::None),
            column("created_at", Text, false, R::Time),
            column("updated_at", Text, false, R::Time),
            column("customer_id", Integer, true, R::References("customers")),
            column("warranty_days", Integer, true, R::NonNegative),
            column("warranty_start", Text, true, R::Day),
            column("warranty_end", Text, true, R::Day),
            column("warranty_of", Integer, true, R::References("jobs")),
        ],
    },
    TableSpec {
        name: "job_parts",
        columns: &[
            column("id", Integer, false, R::None),
            column("job_id", Integer, false, R::References("jobs")),
            column("name", Text, false, R::None),
            column("qty", Real, false, R::None),
            column("event_id", Integer, true, R::None),
        ],
    },
    TableSpec {
        name: "job_events",
        columns: &[
            column("id", Integer, false, R::None),
            column("job_id", Integer, false, R::References("jobs")),
            column("from_status", Text, false, R::JobStatus),
            column("to_status", Text, false, R::JobStatus),
            column("price_before", Integer, true, R::None),
            column("price_after", Integer, true, R::None),
            column("created_at", Text, false, R::Time),
            column("undone_at", Text, true, R::Time),
            column("kind", Text, false, R::JobEventKind),
            column("action_before", Text, true, R::None),
            column("fault_before", Text, true, R::None),
        ],
    },
    TableSpec {
        name: "stock_items",
        columns: &[
            column("id", Integer, false, R::None),
            column("name", Text, false, R::None),
            column("unit", Text, false, R::None),
            column("qty", Real, false, R::None),
            column("min_qty", Real, false, R::None),
            column("created_at", Text, false, R::Time),
            column("updated_at", Text, false, R::Time),
        ],
    },
    TableSpec {
        name: "stock_movements",
        columns: &[
            column("id", Integer, false, R::None),
            column("item_id", Integer, false, R::References("stock_items")),
            column("kind", Text, false, R::StockKind),
            column("delta", Real, false, R::None),
            column("qty_after", Real, false, R::None),
            column("note", Text, true, R::None),
            column("created_at", Text, false, R::Time),
            column("job_id", Integer, true, R::None),
            column("job_event_id", Integer, true, R::None),
        ],
    },
    TableSpec {
        name: "reminders",
        columns: &[
            column("id", Integer, false, R::None),
            column("text", Text, false, R::None),
            column("due", Text, false, R::Time),
            column("due_utc", Text, false, R::Time),
            column("done", Integer, false, R::Flag),
            column("created_at", Text, false, R::Time),
            column("done_at", Text, true, R::Time),
        ],
    },
    TableSpec {
        name: "memory_facts",
        columns: &[
            column("id", Integer, false, R::None),
            column("fact", Text, false, R::None),
            column("created_at", Text, false, R::Time),
            column("forgotten_at", Text, true, R::Time),
        ],
    },
    TableSpec {
        name: "turns",
        columns: &[
            column("id", Integer, false, R::None),
            column("channel", Text, false, R::Channel),
            column("line", Text, false, R::None),
            column("interpretation", Text, false, R::None),
            column("reply", Text, true, R::None),
            column("interrupted", Integer, false, R::Flag),
            column("started_at", Text, false, R::Time),
            column("finished_at", Text, true, R::Time),
        ],
    },
];

/// The rows of one table, each with one value per column of `spec`, in column order.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRows {
    pub spec: &'static TableSpec,
    pub rows: Vec<Vec<Value>>,
}

/// Returns the spec of the table called `name`.
pub fn table_spec(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|table| table.name == name)
}

impl Store {
    /// Reads every row of every table in [`TABLES`], ordered by id, from one snapshot.
    pub fn export_tables(&self) -> Result<Vec<TableRows>, StoreError> {
        // A read transaction keeps the tables consistent with each other while another
        // process writes.
        let tx = self.conn.unchecked_transaction()?;
        let mut tables = Vec::with_capacity(TABLES.len());
        for spec in &TABLES {
            let names: Vec<&str> = spec.columns.iter().map(|column| column.name).collect();
            let sql = format!("SELECT {} FROM {} ORDER BY id", names.join(", "), spec.name);
            let mut statement = tx.prepare(&sql)?;
            let rows = statement
                .query_map([], |row| {
                    spec.columns
                        .iter()
                        .enumerate()
                        .map(|(index, column)| read_value(row, index, column.kind))
                        .collect::<rusqlite::Result<Vec<Value>>>()
                })?
                .collect::<Result<Vec<_>, _>>()?;
            tables.push(TableRows { spec, rows });
        }
        tx.finish()?;
        Ok(tables)
    }

    /// Writes `tables` into this database in one transaction, keeping ids, and indexes the
    /// imported jobs for search. Fails with [`StoreError::NotEmpty`] and writes nothing when
    /// any exported table already has rows. `on_rows` receives the count of rows written so far,
    /// every few hundred rows, for a progress indicator.
    pub fn import_tables(&mut self, tables: &[TableRows], on_rows: &mut dyn FnMut(u64)) -> Result<(), StoreError> {
        self.write(|tx| {
            // Checked inside the write transaction so another process cannot add rows between
            // the check and the import.
            for spec in &TABLES {
                let count: i64 = tx.query_row(&format!("SELECT COUNT(*) FROM {}", spec.name), [], |row| row.get(0))?;
                if count > 0 {
                    return Err(StoreError::NotEmpty { table: spec.name, rows: count });
                }
            }

            let mut written: u64 = 0;
            for table in tables {
                let names: Vec<&str> = table.spec.columns.iter().map(|column| column.name).collect();
                let placeholders: Vec<String> = (1..=names.len()).map(|index| format!("?{index}")).collect();
                let sql = format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    table.spec.name,
                    names.join(", "),
                    placeholders.join(", ")
                );
                let mut statement = tx.prepare(&sql)?;
                for row in &table.rows {
                    statement.execute(rusqlite::params_from_iter(row.iter()))?;
                    written += 1;
                    if written % PROGRESS_EVERY == 0 {
                        on_rows(written);
                    }
                }
            }
            on_rows(written);

            index_jobs(tx)?;
            Ok(())
        })
    }
}

/// Reads column `index` as `kind`. SQLite may hand back an integer from a REAL column, so that
/// case is widened; any other mismatch is an error rather than a silent conversion.
fn read_value(row: &rusqlite::Row, index: usize, kind: ColumnKind) -> rusqlite::Result<Value> {
    let value: Value = row.get(index)?;
    match (kind, value) {
        (_, Value::Null) => Ok(Value::Null),
        (ColumnKind::Integer, Value::Integer(number)) => Ok(Value::Integer(number)),
        (ColumnKind::Real, Value::Real(number)) => Ok(Value::Real(number)),
        (ColumnKind::Real, Value::Integer(number)) => Ok(Value::Real(number as f64)),
        (ColumnKind::Text, Value::Text(text)) => Ok(Value::Text(text)),
        (_, other) => Err(rusqlite::Error::InvalidColumnType(
            index,
            format!("{other:?}"),
            other.data_type(),
        )),
    }
}

/// Adds a search entry for every job, the same fields `insert_job` indexes.
fn index_jobs(tx: &rusqlite::Transaction) -> Result<(), StoreError> {
    let mut select = tx.prepare(
        "SELECT id, device, brand, model, customer, complaint, fault, action, source_line FROM jobs ORDER BY id",
    )?;
    let jobs = select
        .query_map([], |row| {
            let fields: Vec<Option<String>> = (1..8).map(|index| row.get(index)).collect::<rusqlite::Result<_>>()?;
            Ok((row.get::<_, i64>(0)?, fields, row.get::<_, String>(8)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;

    let mut insert = tx.prepare(
        "INSERT INTO jobs_fts (rowid, device, brand, model, customer, complaint, fault, action, search_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (id, fields, source_line) in jobs {
        insert.execute(rusqlite::params![
            id,
            fields[0],
            fields[1],
            fields[2],
            fields[3],
            fields[4],
            fields[5],
            fields[6],
            normalize_for_search(&source_line),
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::open_temp;

    #[test]
    fn specs_match_schema_columns() {
        let (_dir, store) = open_temp();
        for spec in &TABLES {
            let mut statement = store.conn.prepare(&format!("PRAGMA table_info({})", spec.name)).unwrap();
            let columns: Vec<String> = statement
                .query_map([], |row| row.get::<_, String>(1))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let specified: Vec<&str> = spec.columns.iter().map(|column| column.name).collect();
            assert_eq!(columns, specified, "table {}", spec.name);
        }
    }

    #[test]
    fn import_rejects_non_empty_database() {
        let (_dir, mut store) = open_temp();
        store.insert_fact("nama saya Arip", "2026-12-04T10:00:00+07:00").unwrap();

        let result = store.import_tables(&[], &mut |_| {});

        assert!(matches!(result, Err(StoreError::NotEmpty { table: "memory_facts", rows: 1 })));
    }

    #[test]
    fn import_keeps_ids_and_indexes_jobs() {
        let (_dir, mut store) = open_temp();
        let job = vec![
            Value::Integer(7),
            Value::Text("2026-12-01".into()),
            Value::Text("tv".into()),
            Value::Text("Polytron".into()),
            Value::Null,
            Value::Text("Pak Budi".into()),
            Value::Text("mati total".into()),
            Value::Null,
            Value::Null,
            Value::Text("masuk".into()),
            Value::Integer(150_000),
            Value::Text("catat tv polytron pak budi mati total".into()),
            Value::Text("2026-12-01T10:00:00+07:00".into()),
            Value::Text("2026-12-01T10:00:00+07:00".into()),
            Value::Integer(3),
            Value::Integer(30),
            Value::Text("2026-12-01".into()),
            Value::Text("2026-12-31".into()),
            Value::Null,
        ];
        let customer = vec![
            Value::Integer(3),
            Value::Text("Pak Budi".into()),
            Value::Text("081234567890".into()),
            Value::Text("2026-12-01T10:00:00+07:00".into()),
        ];
        let tables = vec![
            TableRows { spec: table_spec("customers").unwrap(), rows: vec![customer] },
            TableRows { spec: table_spec("jobs").unwrap(), rows: vec![job] },
        ];

        store.import_tables(&tables, &mut |_| {}).unwrap();

        let found: Vec<i64> = store.search_jobs("polytron", 5).unwrap().iter().map(|job| job.id).collect();
        assert_eq!(found, vec![7]);
        let exported = store.export_tables().unwrap();
        assert_eq!(exported[0], tables[0]);
        assert_eq!(exported[1], tables[1]);
        let job = store.job(7).unwrap();
        assert_eq!(job.phone.as_deref(), Some("081234567890"));
        assert_eq!(job.warranty_end, chrono::NaiveDate::from_ymd_opt(2026, 12, 31));
    }
}

//! Checks the meaning of imported values before anything is written: known statuses and kinds,
//! parseable days and times, unique ids, and references to rows that exist in the file.
//! The database's own constraints would catch most of these, but only with an English message
//! and without naming the row.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate};
use rusqlite::types::Value;

use super::Problem;
use crate::interpret::Status;
use crate::store::transfer::{ColumnRule, TableRows};

/// Largest id an import accepts: far above what a shop records, far below SQLite's limit.
const MAX_IMPORTED_ID: i64 = 1_000_000_000_000;

/// Returns the first problem found, table by table and row by row.
pub fn check(tables: &[TableRows]) -> Result<(), Problem> {
    for table in tables {
        let mut ids = HashSet::new();
        let mut names = HashSet::new();
        for (index, row) in table.rows.iter().enumerate() {
            let number = index + 1;
            // Every exported table has `id` as its first column.
            if let Value::Integer(id) = row[0] {
                // Nano numbers records from 1, and an id near the top of SQLite's range would
                // leave no number for the next record.
                if !(1..=MAX_IMPORTED_ID).contains(&id) {
                    return Err(Problem::at(
                        table.spec.name,
                        number,
                        "id",
                        format!("id {id} di luar rentang 1 sampai {MAX_IMPORTED_ID}"),
                    ));
                }
                if table.spec.name == "jobs" && table.spec.columns.iter().position(|column| column.name == "warranty_of").is_some_and(|at| row[at] == Value::Integer(id)) {
                    return Err(Problem::at(table.spec.name, number, "warranty_of", format!("servis #{id} tidak bisa menjadi klaim garansi atas dirinya sendiri")));
                }
                if !ids.insert(id) {
                    return Err(Problem::at(table.spec.name, number, "id", format!("id {id} muncul lebih dari sekali")));
                }
            }
            // Customer names are unique ignoring case, as the database's NOCASE index has them.
            if table.spec.name == "customers" {
                if let Value::Text(name) = &row[1] {
                    if !names.insert(name.to_lowercase()) {
                        return Err(Problem::at(table.spec.name, number, "name", format!("pelanggan \"{name}\" muncul lebih dari sekali")));
                    }
                }
            }
            if table.spec.name == "stock_items" {
                if let Value::Text(name) = &row[1] {
                    if !names.insert(name.clone()) {
                        return Err(Problem::at(table.spec.name, number, "name", format!("barang \"{name}\" muncul lebih dari sekali")));
                    }
                }
            }
            for (column, value) in table.spec.columns.iter().zip(row) {
                check_value(column.rule, value, tables).map_err(|reason| Problem::at(table.spec.name, number, column.name, reason))?;
            }
        }
    }
    Ok(())
}

fn check_value(rule: ColumnRule, value: &Value, tables: &[TableRows]) -> Result<(), String> {
    let text = match value {
        Value::Text(text) => Some(text.as_str()),
        _ => None,
    };
    let number = match value {
        Value::Integer(number) => Some(*number),
        _ => None,
    };
    if matches!(value, Value::Null) {
        return Ok(());
    }

    match rule {
        ColumnRule::None => Ok(()),
        ColumnRule::Day => match text.map(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d")) {
            Some(Ok(_)) => Ok(()),
            _ => Err(format!("{} bukan tanggal TAHUN-BULAN-TANGGAL", shown(value))),
        },
        ColumnRule::Time => match text.map(DateTime::parse_from_rfc3339) {
            Some(Ok(_)) => Ok(()),
            _ => Err(format!("{} bukan waktu RFC 3339", shown(value))),
        },
        ColumnRule::JobStatus => match text.and_then(Status::parse) {
            // Status::parse also accepts spoken forms; the database stores only the canonical one.
            Some(status) if Some(status.as_str()) == text => Ok(()),
            _ => Err(format!("status {} tidak dikenal", shown(value))),
        },
        ColumnRule::StockKind => one_of(text, &["add", "use", "set", "min"], value),
        ColumnRule::JobEventKind => one_of(text, &["status", "record", "update"], value),
        ColumnRule::Channel => one_of(text, &["chat", "oneshot"], value),
        ColumnRule::Flag => match number {
            Some(0 | 1) => Ok(()),
            _ => Err(format!("{} harus 0 atau 1", shown(value))),
        },
        ColumnRule::NonNegative => match number {
            Some(number) if number >= 0 => Ok(()),
            _ => Err(format!("{} tidak boleh negatif", shown(value))),
        },
        ColumnRule::Phone => match text.and_then(crate::interpret::normalize_phone) {
            Some(normal) if Some(normal.as_str()) == text => Ok(()),
            _ => Err(format!("{} bukan nomor HP dalam bentuk baku (misalnya 081234567890)", shown(value))),
        },
        ColumnRule::References(parent) => {
            let exists = tables
                .iter()
                .find(|table| table.spec.name == parent)
                .is_some_and(|table| table.rows.iter().any(|row| number.is_some() && row[0] == Value::Integer(number.unwrap_or_default())));
            if exists {
                Ok(())
            } else {
                Err(format!("menunjuk ke {parent} id {} yang tidak ada di file", shown(value)))
            }
        }
    }
}

fn one_of(text: Option<&str>, allowed: &[&str], value: &Value) -> Result<(), String> {
    match text {
        Some(text) if allowed.contains(&text) => Ok(()),
        _ => Err(format!("{} tidak dikenal (yang boleh: {})", shown(value), allowed.join(", "))),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::Text(text) => format!("\"{text}\""),
        Value::Integer(number) => number.to_string(),
        Value::Real(number) => number.to_string(),
        Value::Null => "NULL".to_string(),
        Value::Blob(_) => "data biner".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::transfer::{table_spec, TableSpec};

    fn spec(name: &str) -> &'static TableSpec {
        table_spec(name).unwrap()
    }

    fn job(id: i64, status: &str, date: &str) -> Vec<Value> {
        let mut row = vec![Value::Null; spec("jobs").columns.len()];
        row[0] = Value::Integer(id);
        row[1] = Value::Text(date.into());
        row[9] = Value::Text(status.into());
        row[11] = Value::Text("catat".into());
        row[12] = Value::Text("2026-12-04T10:00:00+07:00".into());
        row[13] = Value::Text("2026-12-04T10:00:00+07:00".into());
        row
    }

    fn jobs(rows: Vec<Vec<Value>>) -> Vec<TableRows> {
        vec![TableRows { spec: spec("jobs"), rows }]
    }

    #[test]
    fn valid_job_passes() {
        assert!(check(&jobs(vec![job(1, "selesai", "2026-12-04")])).is_ok());
    }

    #[test]
    fn unknown_status_names_row() {
        let problem = check(&jobs(vec![job(1, "masuk", "2026-12-04"), job(2, "kelar", "2026-12-04")])).unwrap_err();
        assert_eq!((problem.row, problem.column), (Some(2), Some("status")));
    }

    #[test]
    fn bad_date_is_rejected() {
        let problem = check(&jobs(vec![job(1, "masuk", "2026-13-40")])).unwrap_err();
        assert_eq!(problem.column, Some("date"));
    }

    #[test]
    fn duplicate_id_is_rejected() {
        let problem = check(&jobs(vec![job(1, "masuk", "2026-12-04"), job(1, "masuk", "2026-12-04")])).unwrap_err();
        assert_eq!(problem.column, Some("id"));
    }

    #[test]
    fn part_of_missing_job_is_rejected() {
        let mut tables = jobs(vec![job(1, "masuk", "2026-12-04")]);
        let part = vec![Value::Integer(1), Value::Integer(9), Value::Text("elco".into()), Value::Real(1.0)];
        tables.push(TableRows { spec: spec("job_parts"), rows: vec![part] });

        let problem = check(&tables).unwrap_err();

        assert_eq!((problem.table, problem.column), (Some("job_parts"), Some("job_id")));
    }

    #[test]
    fn job_of_missing_customer_is_rejected() {
        let mut row = job(1, "masuk", "2026-12-04");
        row[14] = Value::Integer(4);
        let problem = check(&jobs(vec![row])).unwrap_err();
        assert_eq!(problem.column, Some("customer_id"));
    }

    #[test]
    fn claim_of_missing_job_is_rejected() {
        let mut claim = job(2, "masuk", "2026-12-04");
        claim[18] = Value::Integer(9);
        let problem = check(&jobs(vec![job(1, "selesai", "2026-12-04"), claim.clone()])).unwrap_err();
        assert_eq!((problem.row, problem.column), (Some(2), Some("warranty_of")));

        claim[18] = Value::Integer(1);
        assert!(check(&jobs(vec![job(1, "selesai", "2026-12-04"), claim])).is_ok());
    }

    #[test]
    fn phone_must_be_normal_form() {
        let customer = |phone: &str| {
            vec![Value::Integer(1), Value::Text("Pak Budi".into()), Value::Text(phone.into()), Value::Text("2026-12-04T10:00:00+07:00".into())]
        };
        let good = vec![TableRows { spec: spec("customers"), rows: vec![customer("081234567890")] }];
        assert!(check(&good).is_ok());
        let bad = vec![TableRows { spec: spec("customers"), rows: vec![customer("0812-3456-7890")] }];
        assert_eq!(check(&bad).unwrap_err().column, Some("phone"));
    }
}

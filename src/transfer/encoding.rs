//! Writing table rows as JSON or CSV and reading them back into typed values.
//!
//! Writing keeps column order and formats numbers so they read back to the same value: reals
//! use the shortest text that parses to the same `f64`, as Rust's `Display` and serde_json do.
//! Reading checks the shape (tables, columns, storage class, NULL where allowed) and leaves the
//! meaning of values to `validate`.

use rusqlite::types::Value;
use serde_json::Value as Json;

use super::csv;
use super::Problem;
use crate::store::transfer::{table_spec, ColumnKind, ColumnSpec, TableRows, TableSpec, TABLES};
use crate::store::SCHEMA_VERSION;

/// Version of the export layout; bump it when a reader of the old layout would misread.
pub const FORMAT_VERSION: i64 = 1;

/// Name of the CSV file that carries the format and schema versions.
pub const CSV_VERSION_FILE: &str = "format.csv";

/// Renders every table as one JSON object: the versions, then one array per table with one
/// object per row on its own line, keys in column order.
pub fn to_json(tables: &[TableRows]) -> Result<String, Problem> {
    let mut out = format!("{{\n  \"format_version\": {FORMAT_VERSION},\n  \"schema_version\": {SCHEMA_VERSION}");
    for table in tables {
        out.push_str(&format!(",\n  {}: [", json_string(table.spec.name)));
        for (index, row) in table.rows.iter().enumerate() {
            let mut fields = Vec::with_capacity(row.len());
            for (column, value) in table.spec.columns.iter().zip(row) {
                let value = json_value(value).map_err(|reason| Problem::at(table.spec.name, index + 1, column.name, reason))?;
                fields.push(format!("{}: {value}", json_string(column.name)));
            }
            let separator = if index == 0 { "" } else { "," };
            out.push_str(&format!("{separator}\n    {{{}}}", fields.join(", ")));
        }
        out.push_str(if table.rows.is_empty() { "]" } else { "\n  ]" });
    }
    out.push_str("\n}\n");
    Ok(out)
}

fn json_string(text: &str) -> String {
    Json::String(text.to_string()).to_string()
}

fn json_value(value: &Value) -> Result<String, String> {
    Ok(match value {
        Value::Null => "null".to_string(),
        Value::Integer(number) => number.to_string(),
        Value::Real(number) => serde_json::Number::from_f64(*number)
            .ok_or_else(|| format!("angka {number} tidak bisa ditulis di JSON"))?
            .to_string(),
        Value::Text(text) => json_string(text),
        Value::Blob(_) => return Err("berisi data biner".to_string()),
    })
}

/// Reads an export written by [`to_json`]; every table must be present with exactly its
/// columns.
pub fn from_json(text: &str) -> Result<Vec<TableRows>, Problem> {
    let document: Json = serde_json::from_str(text).map_err(|error| Problem::file(format!("bukan JSON yang sah (baris {}, kolom {})", error.line(), error.column())))?;
    let Some(object) = document.as_object() else {
        return Err(Problem::file("isinya bukan objek JSON ekspor Nano".to_string()));
    };
    check_versions(object.get("format_version").and_then(Json::as_i64), object.get("schema_version").and_then(Json::as_i64))?;
    for key in object.keys() {
        if key != "format_version" && key != "schema_version" && table_spec(key).is_none() {
            return Err(Problem::file(format!("ada tabel \"{key}\" yang tidak dikenal")));
        }
    }

    let mut tables = Vec::with_capacity(TABLES.len());
    for spec in &TABLES {
        let Some(rows) = object.get(spec.name).and_then(Json::as_array) else {
            return Err(Problem::file(format!("tabel {} tidak ada atau bukan daftar", spec.name)));
        };
        let mut decoded = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let number = index + 1;
            let Some(fields) = row.as_object() else {
                return Err(Problem::row(spec.name, number, "bukan objek JSON".to_string()));
            };
            if let Some(unknown) = fields.keys().find(|key| !spec.columns.iter().any(|column| column.name == key.as_str())) {
                return Err(Problem::row(spec.name, number, format!("ada kolom \"{unknown}\" yang tidak dikenal")));
            }
            let values = spec
                .columns
                .iter()
                .map(|column| {
                    let cell = fields.get(column.name).ok_or_else(|| "kolomnya tidak ada".to_string())?;
                    decode_json(column, cell)
                })
                .enumerate()
                .map(|(position, result)| result.map_err(|reason| Problem::at(spec.name, number, spec.columns[position].name, reason)))
                .collect::<Result<Vec<_>, _>>()?;
            decoded.push(values);
        }
        tables.push(TableRows { spec, rows: decoded });
    }
    Ok(tables)
}

fn decode_json(column: &ColumnSpec, cell: &Json) -> Result<Value, String> {
    match (column.kind, cell) {
        (_, Json::Null) if column.nullable => Ok(Value::Null),
        (_, Json::Null) => Err("tidak boleh kosong (null)".to_string()),
        (ColumnKind::Integer, Json::Number(number)) => number.as_i64().map(Value::Integer).ok_or_else(|| format!("{number} bukan bilangan bulat")),
        (ColumnKind::Real, Json::Number(number)) => number.as_f64().map(Value::Real).ok_or_else(|| format!("{number} bukan angka")),
        (ColumnKind::Text, Json::String(text)) => Ok(Value::Text(text.clone())),
        (ColumnKind::Text, other) => Err(format!("{other} bukan teks")),
        (_, other) => Err(format!("{other} bukan angka")),
    }
}

fn check_versions(format: Option<i64>, schema: Option<i64>) -> Result<(), Problem> {
    match format {
        Some(FORMAT_VERSION) => {}
        Some(other) => return Err(Problem::file(format!("format_version {other} tidak dikenal (versi ini membaca {FORMAT_VERSION})"))),
        None => return Err(Problem::file("format_version tidak ada".to_string())),
    }
    match schema {
        Some(SCHEMA_VERSION) => Ok(()),
        Some(other) => Err(Problem::file(format!("datanya dari skema database {other}, padahal versi ini memakai skema {SCHEMA_VERSION}"))),
        None => Err(Problem::file("schema_version tidak ada".to_string())),
    }
}

/// Renders the CSV files of an export: (file name, contents), the version file first.
pub fn to_csv(tables: &[TableRows]) -> Result<Vec<(String, String)>, Problem> {
    let versions = format!("format_version,schema_version\r\n{FORMAT_VERSION},{SCHEMA_VERSION}\r\n");
    let mut files = vec![(CSV_VERSION_FILE.to_string(), versions)];
    for table in tables {
        let names: Vec<Option<&str>> = table.spec.columns.iter().map(|column| Some(column.name)).collect();
        let mut text = csv::record(&names);
        for (index, row) in table.rows.iter().enumerate() {
            let mut cells = Vec::with_capacity(row.len());
            for (column, value) in table.spec.columns.iter().zip(row) {
                let cell = csv_cell(value).map_err(|reason| Problem::at(table.spec.name, index + 1, column.name, reason))?;
                cells.push(cell);
            }
            let borrowed: Vec<Option<&str>> = cells.iter().map(|cell| cell.as_deref()).collect();
            text.push_str(&csv::record(&borrowed));
        }
        files.push((format!("{}.csv", table.spec.name), text));
    }
    Ok(files)
}

fn csv_cell(value: &Value) -> Result<Option<String>, String> {
    Ok(match value {
        Value::Null => None,
        Value::Integer(number) => Some(number.to_string()),
        Value::Real(number) if number.is_finite() => Some(number.to_string()),
        Value::Real(number) => return Err(format!("angka {number} tidak bisa ditulis")),
        Value::Text(text) => Some(text.clone()),
        Value::Blob(_) => return Err("berisi data biner".to_string()),
    })
}

/// Reads the version file and one CSV text per table, as `read_file(name)` returns them.
pub fn from_csv(read_file: impl Fn(&str) -> Result<String, Problem>) -> Result<Vec<TableRows>, Problem> {
    let versions = parse_csv(CSV_VERSION_FILE, &read_file(CSV_VERSION_FILE)?)?;
    let number = |row: usize, column: usize| -> Option<i64> {
        versions.get(row)?.get(column)?.as_deref()?.parse().ok()
    };
    let header_ok = versions.first().map(|header| header == &[Some("format_version".to_string()), Some("schema_version".to_string())]);
    if header_ok != Some(true) || versions.len() != 2 {
        return Err(Problem::file(format!("{CSV_VERSION_FILE} harus berisi judul format_version,schema_version dan satu baris angka")));
    }
    check_versions(number(1, 0), number(1, 1))?;

    let mut tables = Vec::with_capacity(TABLES.len());
    for spec in &TABLES {
        let file = format!("{}.csv", spec.name);
        tables.push(table_from_csv(spec, &parse_csv(&file, &read_file(&file)?)?)?);
    }
    Ok(tables)
}

fn parse_csv(file: &str, text: &str) -> Result<Vec<Vec<csv::Field>>, Problem> {
    csv::parse(text).map_err(|error| Problem::file(format!("{file} rusak di baris {}: {}", error.line, error.reason)))
}

fn table_from_csv(spec: &'static TableSpec, records: &[Vec<csv::Field>]) -> Result<TableRows, Problem> {
    let expected: Vec<Option<String>> = spec.columns.iter().map(|column| Some(column.name.to_string())).collect();
    if records.first() != Some(&expected) {
        let names: Vec<&str> = spec.columns.iter().map(|column| column.name).collect();
        return Err(Problem::file(format!("baris judul {}.csv harus persis: {}", spec.name, names.join(","))));
    }

    let mut rows = Vec::with_capacity(records.len() - 1);
    for (index, record) in records[1..].iter().enumerate() {
        let number = index + 1;
        if record.len() != spec.columns.len() {
            return Err(Problem::row(spec.name, number, format!("berisi {} kolom, seharusnya {}", record.len(), spec.columns.len())));
        }
        let values = spec
            .columns
            .iter()
            .zip(record)
            .map(|(column, field)| decode_csv(column, field.as_deref()).map_err(|reason| Problem::at(spec.name, number, column.name, reason)))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(values);
    }
    Ok(TableRows { spec, rows })
}

fn decode_csv(column: &ColumnSpec, field: Option<&str>) -> Result<Value, String> {
    let Some(text) = field else {
        return if column.nullable { Ok(Value::Null) } else { Err("tidak boleh kosong (NULL)".to_string()) };
    };
    match column.kind {
        ColumnKind::Text => Ok(Value::Text(text.to_string())),
        ColumnKind::Integer => text.parse().map(Value::Integer).map_err(|_| format!("\"{text}\" bukan bilangan bulat")),
        ColumnKind::Real => match text.parse::<f64>() {
            Ok(number) if number.is_finite() => Ok(Value::Real(number)),
            _ => Err(format!("\"{text}\" bukan angka")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<TableRows> {
        TABLES
            .iter()
            .map(|spec| {
                let row: Vec<Value> = spec
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(index, column)| match column.kind {
                        _ if column.nullable && index % 2 == 0 => Value::Null,
                        ColumnKind::Integer => Value::Integer(index as i64 + 1),
                        ColumnKind::Real => Value::Real(0.1 + index as f64),
                        ColumnKind::Text if index % 3 == 0 => Value::Text(String::new()),
                        ColumnKind::Text => Value::Text(format!("teks \"{index}\", koma\nbaris")),
                    })
                    .collect();
                TableRows { spec, rows: vec![row] }
            })
            .collect()
    }

    #[test]
    fn json_round_trip_keeps_values() {
        let tables = sample();
        assert_eq!(from_json(&to_json(&tables).unwrap()).unwrap(), tables);
    }

    #[test]
    fn csv_round_trip_keeps_values() {
        let tables = sample();
        let files = to_csv(&tables).unwrap();
        let read = |name: &str| Ok(files.iter().find(|(file, _)| file == name).unwrap().1.clone());
        assert_eq!(from_csv(read).unwrap(), tables);
    }

    #[test]
    fn json_rejects_null_in_required_column() {
        let text = to_json(&sample()).unwrap();
        let jobs = text.find("\"jobs\": [").unwrap();
        let text = format!("{}{}", &text[..jobs], text[jobs..].replacen("\"id\": 1", "\"id\": null", 1));
        let problem = from_json(&text).unwrap_err();
        assert_eq!((problem.table, problem.row, problem.column), (Some("jobs"), Some(1), Some("id")));
    }
}

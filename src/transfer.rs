//! `nano ekspor` and `nano impor`: move every record of the database to a JSON file or a folder
//! of CSV files and back, keeping ids.
//!
//! An import goes only into an empty database and runs in one transaction, so it either loads
//! the whole file or changes nothing. A file that fails validation gives exit code 2, because
//! the argument is not a valid export, and a message naming the table, row and column. A
//! non-empty database gives exit code 3.

mod csv;
mod encoding;
mod validate;

use std::path::{Path, PathBuf};

use crate::app::App;
use crate::cli::{Ekspor, Impor};
use crate::error::{ExitCode, Failure};
use crate::format::say;
use crate::progress::Progress;
use crate::store::transfer::TableRows;

/// Location and reason of a problem in an export or import file.
#[derive(Debug)]
pub struct Problem {
    pub table: Option<&'static str>,
    /// 1-based position of the row within its table.
    pub row: Option<usize>,
    pub column: Option<&'static str>,
    pub reason: String,
}

impl Problem {
    fn file(reason: String) -> Problem {
        Problem { table: None, row: None, column: None, reason }
    }

    fn row(table: &'static str, row: usize, reason: String) -> Problem {
        Problem { table: Some(table), row: Some(row), column: None, reason }
    }

    fn at(table: &'static str, row: usize, column: &'static str, reason: String) -> Problem {
        Problem { table: Some(table), row: Some(row), column: Some(column), reason }
    }

    /// Returns "tabel jobs baris 3 kolom status", or nothing for a problem with the whole file.
    fn place(&self) -> String {
        let mut place = Vec::new();
        if let Some(table) = self.table {
            place.push(format!("{} (tabel {table})", table_label(table)));
        }
        if let Some(row) = self.row {
            place.push(format!("baris {row}"));
        }
        if let Some(column) = self.column {
            place.push(format!("kolom {column}"));
        }
        place.join(" ")
    }
}

/// `nano ekspor`: JSON to stdout or `--ke FILE`, or CSV files into `--ke FOLDER`.
pub fn export(json: bool, ekspor: Ekspor) -> Result<ExitCode, Failure> {
    if json && ekspor.csv {
        return Err(Failure::new(ExitCode::Usage, "Pilih salah satu: nano ekspor --json atau nano ekspor --csv --ke FOLDER."));
    }
    let app = App::open()?;
    let tables = app.store.export_tables()?;
    let export_failure = |problem: Problem| {
        Failure::new(
            ExitCode::Data,
            format!("Data di {} tidak bisa diekspor: {}, {}.", problem.place(), app.store.path().display(), problem.reason),
        )
    };

    if ekspor.csv {
        let Some(folder) = ekspor.ke else {
            return Err(Failure::new(ExitCode::Usage, "Ekspor CSV butuh folder tujuan, misalnya: nano ekspor --csv --ke cadangan-csv"));
        };
        let files = encoding::to_csv(&tables).map_err(export_failure)?;
        std::fs::create_dir_all(&folder).map_err(|error| write_failure(&folder, &error))?;
        for (name, text) in files {
            write_file(&folder.join(name), &text)?;
        }
        say(&format!("Ekspor CSV selesai ke folder {}: {}.", folder.display(), counts(&tables)));
        return Ok(ExitCode::Ok);
    }

    let text = encoding::to_json(&tables).map_err(export_failure)?;
    match ekspor.ke {
        Some(path) => {
            // Nano's JSON export starts with its format line; any other file stays as it is.
            crate::error::refuse_foreign_file(&path, b"{\n  \"format_version\"", "file ekspor JSON")?;
            write_file(&path, &text)?;
            say(&format!("Ekspor JSON selesai ke {}: {}.", path.display(), counts(&tables)));
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|error| write_failure(Path::new("stdout"), &error))?;
        }
    }
    Ok(ExitCode::Ok)
}

/// `nano impor PATH`: a JSON file, or a folder of CSV files written by `nano ekspor --csv`.
pub fn import(impor: Impor) -> Result<ExitCode, Failure> {
    let path = impor.sumber;
    let invalid = |problem: Problem| invalid_file(&path, &problem);

    let tables = if path.is_dir() {
        read_csv(|name| read_text(&path.join(name))).map_err(invalid)?
    } else if path.exists() {
        let text = read_text(&path).map_err(invalid)?;
        read_json(&text).map_err(invalid)?
    } else {
        return Err(Failure::new(
            ExitCode::Usage,
            format!("{} tidak ditemukan. Sebutkan file JSON atau folder CSV hasil nano ekspor.", path.display()),
        ));
    };

    let mut app = App::open()?;
    let total_rows: u64 = tables.iter().map(|table| table.rows.len() as u64).sum();
    let mut progress = Progress::new("Mengimpor", total_rows);
    app.store.import_tables(&tables, &mut |written| progress.set(written))?;
    drop(progress);
    say(&format!("Impor dari {} selesai: {}.", path.display(), counts(&tables)));
    Ok(ExitCode::Ok)
}

/// Parses a JSON export and checks its values, touching no database. This is all `nano impor`
/// does with a JSON file before it writes.
pub fn read_json(text: &str) -> Result<Vec<TableRows>, Problem> {
    let tables = encoding::from_json(text)?;
    validate::check(&tables)?;
    Ok(tables)
}

/// Like [`read_json`] for a CSV export; `read_file(name)` returns the text of one file of the
/// folder, such as `format.csv` or `jobs.csv`.
pub fn read_csv(read_file: impl Fn(&str) -> Result<String, Problem>) -> Result<Vec<TableRows>, Problem> {
    let tables = encoding::from_csv(read_file)?;
    validate::check(&tables)?;
    Ok(tables)
}

fn invalid_file(path: &Path, problem: &Problem) -> Failure {
    let place = problem.place();
    let location = if place.is_empty() { String::new() } else { format!("{place}, ") };
    Failure::new(
        ExitCode::Usage,
        format!(
            "{} tidak bisa diimpor: {location}{}. Tidak ada yang diimpor; perbaiki filenya atau ekspor ulang dengan nano ekspor.",
            path.display(),
            problem.reason
        ),
    )
}

fn read_text(path: &Path) -> Result<String, Problem> {
    // A FIFO or device would block or never end; an export is always a plain file.
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => {
            return Err(Problem::file(format!("{} bukan file biasa", path.display())));
        }
        _ => {}
    }
    std::fs::read_to_string(path).map_err(|error| {
        let reason = match error.kind() {
            std::io::ErrorKind::NotFound => format!("file {} tidak ada", path.display()),
            std::io::ErrorKind::InvalidData => format!("file {} bukan teks UTF-8", path.display()),
            _ => format!("file {} tidak bisa dibaca ({error})", path.display()),
        };
        Problem::file(reason)
    })
}

/// Writes `text` to a temporary file beside `path` and renames it, so an interrupted export
/// never leaves a half-written file under the final name.
fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    let mut temporary = PathBuf::from(path);
    temporary.as_mut_os_string().push(".sementara");
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|error| {
            let _ = std::fs::remove_file(&temporary);
            write_failure(path, &error)
        })
}

fn write_failure(path: &Path, error: &std::io::Error) -> Failure {
    tracing::error!(%error, path = %path.display(), "export write failed");
    Failure::new(
        ExitCode::Failed,
        format!("{} tidak bisa ditulis ({error}). Periksa foldernya dan sisa ruang disk, lalu ulangi.", path.display()),
    )
}

/// Returns "3 servis, 2 part terpakai, ..." for the tables that have rows.
fn counts(tables: &[TableRows]) -> String {
    let listed: Vec<String> = tables
        .iter()
        .filter(|table| !table.rows.is_empty())
        .map(|table| format!("{} {}", table.rows.len(), table_label(table.spec.name)))
        .collect();
    if listed.is_empty() {
        "database kosong".to_string()
    } else {
        listed.join(", ")
    }
}

/// Names a table by the records it keeps, in the technician's words. A table without a label (one
/// added later) keeps its own name, which is also its CSV file's name.
pub fn table_label(table: &str) -> &str {
    match table {
        "jobs" => "servis",
        "job_parts" => "part terpakai",
        "job_events" => "riwayat servis",
        "customers" => "pelanggan",
        "stock_items" => "barang stok",
        "stock_movements" => "keluar-masuk stok",
        "reminders" => "pengingat",
        "memory_facts" => "hal yang diingat",
        "turns" => "baris obrolan",
        other => other,
    }
}

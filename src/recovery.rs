//! `nano periksa` checks the database; `nano pulihkan` restores it from a backup.
//!
//! Neither goes through [`crate::app::App`]: restoring must work when the database no longer
//! opens, and checking must not take the daily backup of a file it is about to call damaged.

use chrono::NaiveDate;
use serde_json::json;

use crate::app::init_logging;
use crate::error::{ExitCode, Failure};
use crate::format::say;
use crate::settings::{self, Paths};
use crate::store::backup::{self, BackupFile};
use crate::store::Store;

/// Runs SQLite's integrity and foreign key checks and reports them; exit code 4 on problems.
pub fn check(json: bool) -> Result<ExitCode, Failure> {
    let paths = Paths::resolve()?;
    init_logging(&paths);
    let database = paths.database.display().to_string();
    if !paths.database.exists() {
        say(&format!("Belum ada database di {database}, jadi belum ada yang perlu diperiksa."));
        return Ok(ExitCode::Ok);
    }

    let store = Store::open(&paths.database)?;
    let mut problems = store.integrity_check()?;
    problems.extend(store.foreign_key_check()?);
    let counts = store.row_counts()?;
    let newest = backup::latest(&paths.backups_dir, None);
    let newest_text = newest
        .as_ref()
        .map(|file| file.path.display().to_string())
        .unwrap_or_else(|| "belum ada".to_string());

    if json {
        let counts: serde_json::Map<String, serde_json::Value> =
            counts.iter().map(|(label, count)| (label.to_string(), json!(count))).collect();
        println!(
            "{}",
            json!({ "ok": problems.is_empty(), "problems": problems, "counts": counts, "backup": newest.map(|file| file.path) })
        );
    } else if problems.is_empty() {
        let contents: Vec<String> = counts.iter().map(|(label, count)| format!("{count} {label}")).collect();
        say(&format!(
            "Database {database} sehat (integrity_check dan foreign_key_check bersih). Isinya: {}. Cadangan terakhir: {newest_text}.",
            contents.join(", ")
        ));
    } else {
        let listed: Vec<String> = problems.iter().take(20).map(|problem| format!("  - {problem}")).collect();
        say(&format!(
            "Database {database} bermasalah ({} temuan):\n{}\nCadangan terakhir: {newest_text}. Pulihkan dengan: nano pulihkan --ya (isi sekarang disimpan dulu).",
            problems.len(),
            listed.join("\n")
        ));
    }
    Ok(if problems.is_empty() { ExitCode::Ok } else { ExitCode::Data })
}

/// Restores the newest backup, or the newest of `day`, after keeping a copy of the current
/// database. Without `yes` it only lists the backups and says what would happen (exit 3).
pub fn restore(json: bool, day: Option<&str>, yes: bool) -> Result<ExitCode, Failure> {
    let paths = Paths::resolve()?;
    init_logging(&paths);
    let now = settings::now()?;

    let wanted = day.map(parse_day).transpose()?;
    let Some(chosen) = backup::latest(&paths.backups_dir, wanted) else {
        let which = day.map(|day| format!(" untuk tanggal {day}")).unwrap_or_default();
        return Err(Failure::new(
            ExitCode::NotFound,
            format!(
                "Tidak ada cadangan{which} di {}. Lihat yang ada dengan: nano pulihkan",
                paths.backups_dir.display()
            ),
        ));
    };

    if !yes {
        let listed: Vec<String> = backup::list(&paths.backups_dir).iter().map(describe).collect();
        let text = format!(
            "Cadangan yang ada:\n{}\nDatabase {} akan diganti dengan {}, dan isi sekarang disimpan dulu di {}. Perintah sekali jalan butuh --ya untuk melanjutkan; tanpa itu tidak ada yang diubah.",
            listed.join("\n"),
            paths.database.display(),
            chosen.path.display(),
            paths.backups_dir.display()
        );
        if json {
            println!("{}", json!({ "error": "needs_confirmation", "message": text, "backup": chosen.path }));
        }
        crate::format::say_error(&text);
        return Ok(ExitCode::Incomplete);
    }

    let chats = crate::sessions::running_chats(&paths.data_dir);
    if !chats.is_empty() {
        let pids: Vec<String> = chats.iter().map(u32::to_string).collect();
        return Err(Failure::new(
            ExitCode::Data,
            format!(
                "Obrolan Nano masih terbuka di terminal lain (proses {}), jadi database tidak saya ganti supaya catatan yang sedang ditulis tidak hilang. Tutup obrolan itu dulu (ketik keluar), lalu ulangi nano pulihkan --ya; database tidak diubah.",
                pids.join(", ")
            ),
        ));
    }

    let kept = backup::keep_current(&paths.database, &paths.backups_dir, &now)?;
    backup::restore(&paths.database, &chosen.path)?;
    tracing::info!(from = %chosen.path.display(), "database restored");

    let kept_text = kept
        .as_ref()
        .map(|path| format!(" Isi sebelumnya disimpan di {}.", path.display()))
        .unwrap_or_default();
    if json {
        println!("{}", json!({ "restored_from": chosen.path, "previous": kept }));
    } else {
        say(&format!("Database dipulihkan dari {}.{kept_text}", chosen.path.display()));
    }
    Ok(ExitCode::Ok)
}

fn parse_day(text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        Failure::new(
            ExitCode::Usage,
            format!("Tanggal \"{text}\" tidak sah. Pakai format TAHUN-BULAN-TANGGAL, misalnya: nano pulihkan 2026-12-03"),
        )
    })
}

/// "  2026-12-04 (harian): /path" or "  2026-12-04 10.15.00 (sebelum hapus): /path".
fn describe(file: &BackupFile) -> String {
    let kind = if file.time.is_empty() {
        "harian".to_string()
    } else {
        let digits: Vec<char> = file.time.chars().take(6).collect();
        let clock: Vec<String> = digits.chunks(2).map(|pair| pair.iter().collect()).collect();
        format!("{} sebelum hapus", clock.join("."))
    };
    format!("  {} ({kind}): {}", file.day, file.path.display())
}

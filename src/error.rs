//! Failures the user sees: one Indonesian sentence and an exit code. The English cause chain
//! goes to the log file.

use std::fmt;
use std::path::Path;

use crate::llm::gguf::GgufError;
use crate::llm::LlmError;
use crate::settings::SettingsError;
use crate::store::{backup, StoreError};

/// Exit codes, documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Ok = 0,
    /// An unexpected failure (a bug or the system).
    Failed = 1,
    /// Wrong command-line use.
    Usage = 2,
    /// The sentence lacks something the record needs.
    Incomplete = 3,
    /// The database cannot be opened or written.
    Data = 4,
    /// The model is missing or cannot be loaded.
    Model = 5,
    /// The line refers to a record or item that does not exist.
    NotFound = 6,
}

/// Refuses to write over an existing file at `path` unless it starts with `signature`, the
/// first bytes of the kind of file Nano writes there (`%PDF`, a Nano export). A report or an
/// export written again replaces its earlier self; a user's other file is never replaced.
pub fn refuse_foreign_file(path: &std::path::Path, signature: &[u8], kind: &str) -> Result<(), Failure> {
    // Only an existing plain file can be lost; for a folder or a device the write itself
    // fails later with its own message.
    let Ok(metadata) = std::fs::metadata(path) else {
        return Ok(());
    };
    if !metadata.is_file() {
        return Ok(());
    }
    let mut start = vec![0_u8; signature.len()];
    let same_kind = std::fs::File::open(path)
            .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut start))
            .is_ok()
        && start == signature;
    if same_kind {
        return Ok(());
    }
    Err(Failure::new(
        ExitCode::Usage,
        format!(
            "{} sudah ada dan bukan {kind} buatan Nano, jadi tidak saya timpa. Pilih nama file lain.",
            path.display()
        ),
    ))
}

/// A failure to report to the user.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: ExitCode,
}

impl Failure {
    pub fn new(code: ExitCode, message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Failure {
        tracing::error!(%error, "storage failure");
        let message = match &error {
            StoreError::Open { path, source } => format!(
                "Database {} tidak bisa dibuka ({source}). Periksa izin folder datanya atau atur NANO_HOME ke folder lain.",
                path.display()
            ),
            StoreError::Damaged {
                path,
                source: rusqlite::Error::SqliteFailure(code, _),
            } if matches!(
                code.code,
                rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied
            ) =>
            {
                format!(
                    "Database {} tidak bisa ditulis karena izin folder atau filenya. Berikan izin tulis (misalnya chmod u+w pada folder itu) atau atur NANO_HOME ke folder lain; datanya tidak diubah.",
                    path.display()
                )
            }
            StoreError::Damaged { path, .. } => damaged_message(path),
            StoreError::TooNew { path, found, known } => format!(
                "Database {} dibuat oleh Nano yang lebih baru (skema {found}, versi ini mengenal sampai {known}). Perbarui Nano; database tidak diubah.",
                path.display()
            ),
            StoreError::Sql(rusqlite::Error::SqliteFailure(code, _))
                if code.code == rusqlite::ErrorCode::DatabaseBusy || code.code == rusqlite::ErrorCode::DatabaseLocked =>
            {
                "Database sedang dipakai proses Nano lain terlalu lama. Coba lagi sebentar lagi.".to_string()
            }
            StoreError::Sql(rusqlite::Error::SqliteFailure(code, _)) if code.code == rusqlite::ErrorCode::DiskFull => {
                "Disk penuh, data tidak bisa disimpan. Kosongkan ruang disk lalu ulangi.".to_string()
            }
            StoreError::StockNotFound(name) => format!("Stok \"{name}\" belum tercatat."),
            StoreError::NotFound(what) => format!("Catatan tidak ditemukan: {what}."),
            StoreError::NotEmpty { table, rows } => format!(
                "Impor hanya bisa ke database kosong, padahal database ini sudah berisi {rows} {}, jadi tidak ada yang diimpor. Atur NANO_HOME ke folder baru lalu ulangi nano impor.",
                crate::transfer::table_label(table)
            ),
            StoreError::Io { path, source } => format!(
                "File {} tidak bisa ditulis ({source}). Periksa izin foldernya dan sisa ruang disk, lalu ulangi.",
                path.display()
            ),
            StoreError::Sql(rusqlite::Error::SqliteFailure(code, _)) if code.code == rusqlite::ErrorCode::ReadOnly => {
                "Database tidak bisa ditulis karena izin filenya. Berikan izin tulis pada nano.db dan foldernya, lalu ulangi.".to_string()
            }
            StoreError::Sql(rusqlite::Error::SqliteFailure(code, _)) if code.code == rusqlite::ErrorCode::DatabaseCorrupt => {
                "Database rusak sebagian. Jangan tambah data dulu: salin nano.db ke tempat aman, lalu periksa dengan sqlite3 nano.db \"PRAGMA integrity_check\".".to_string()
            }
            // The SQLite text may quote whole statements; it goes to the log, not the screen.
            StoreError::Sql(_) => {
                "Database menolak perubahan ini, jadi tidak ada yang disimpan. Coba ulangi; kalau terulang, lihat nano.log di folder data.".to_string()
            }
        };
        let code = match error {
            StoreError::StockNotFound(_) | StoreError::NotFound(_) => ExitCode::NotFound,
            // Nothing was written, like a sentence that lacks a field.
            StoreError::NotEmpty { .. } => ExitCode::Incomplete,
            _ => ExitCode::Data,
        };
        Failure::new(code, message)
    }
}

/// Explains a damaged database: the file is left as it is, and the way out is a restore from
/// the newest backup or moving the file aside (the exact `mv`) to start a new database.
fn damaged_message(path: &Path) -> String {
    let backups = path.parent().unwrap_or(Path::new(".")).join(backup::BACKUP_DIR);
    let aside = format!("{}.rusak", path.display());
    let move_aside = format!("mv {} {}", shell_quote(&path.display().to_string()), shell_quote(&aside));
    match backup::latest(&backups, None) {
        Some(newest) => format!(
            "Database {} rusak atau bukan database Nano, dan tidak saya ubah. Cadangan terakhir ada di {}: pulihkan dengan perintah nano pulihkan --ya (file yang rusak disimpan dulu di {}), atau pindahkan file rusak itu dengan {move_aside} lalu jalankan nano lagi untuk memulai database baru.",
            path.display(),
            newest.path.display(),
            backups.display()
        ),
        None => format!(
            "Database {} rusak atau bukan database Nano, dan tidak saya ubah. Belum ada cadangan di {}; pindahkan file itu dengan {move_aside} (jangan dihapus dulu), lalu jalankan nano lagi untuk memulai database baru.",
            path.display(),
            backups.display()
        ),
    }
}

/// Quotes `text` for a POSIX shell when it contains anything but safe characters.
pub fn shell_quote(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

impl From<SettingsError> for Failure {
    fn from(error: SettingsError) -> Failure {
        tracing::error!(%error, "settings failure");
        let message = match &error {
            SettingsError::BadNow(text) => format!(
                "NANO_NOW tidak bisa dibaca: \"{text}\". Pakai format RFC 3339, misalnya 2026-12-04T10:00:00+07:00, atau kosongkan."
            ),
            SettingsError::NoHome => {
                "Folder rumah pengguna tidak ditemukan. Atur NANO_HOME ke folder tempat Nano menyimpan data.".to_string()
            }
            SettingsError::CreateDir { path, source } => format!(
                "Folder {} tidak bisa dibuat ({source}). Periksa izinnya atau atur NANO_HOME ke folder lain.",
                path.display()
            ),
            SettingsError::BadConfig { path, reason } => format!(
                "File pengaturan {} salah di {reason}. Perbaiki baris itu, atau hapus filenya supaya dibuat ulang.",
                path.display()
            ),
            SettingsError::WriteConfig { path, source } => format!(
                "File pengaturan {} tidak bisa ditulis ({source}). Periksa izin foldernya.",
                path.display()
            ),
        };
        let code = match error {
            SettingsError::BadNow(_) => ExitCode::Usage,
            _ => ExitCode::Failed,
        };
        Failure::new(code, message)
    }
}

/// The Indonesian reason a model cannot be used.
pub fn model_problem(error: &LlmError) -> String {
    tracing::error!(%error, "model unavailable");
    match error {
        LlmError::File(file) => match file {
            GgufError::Missing(path) => format!("File model {} tidak ditemukan.", path.display()),
            GgufError::NotAFile(path) => format!("{} bukan file model (mungkin folder atau perangkat).", path.display()),
            GgufError::Unreadable { path, reason } => {
                format!("File model {} tidak bisa dibaca ({reason}).", path.display())
            }
            GgufError::NotGguf(path) => format!("File {} bukan model GGUF.", path.display()),
            GgufError::Truncated(path) => format!(
                "File model {} terpotong (unduhannya belum lengkap?).",
                path.display()
            ),
            GgufError::UnsupportedVersion { path, version } => format!(
                "File model {} memakai GGUF versi {version} yang tidak didukung.",
                path.display()
            ),
            GgufError::TooLarge { path, needed, available } => format!(
                "Model {} butuh sekitar {} MB memori, padahal yang tersedia {} MB.",
                path.display(),
                needed / 1_000_000,
                available / 1_000_000
            ),
        },
        LlmError::Load(path) => format!("llama.cpp gagal memuat model {}.", path.display()),
        LlmError::Context(size) => format!("Konteks model sebesar {size} token tidak bisa dibuat; kecilkan context_size di pengaturan."),
        LlmError::Generation(reason) => format!("Model gagal menjawab ({reason})."),
        LlmError::WorkerGone => "Model berhenti bekerja.".to_string(),
        LlmError::NoEngine(path) => format!(
            "Nano versi ini dibuat tanpa mesin model lokal, jadi model {} tidak bisa dimuat. Pakai model di server (backend = \"server\" di config.toml), atau pasang Nano versi lengkap dengan scripts/install.sh.",
            path.display()
        ),
        LlmError::Server { url, reason } => format!(
            "Server model di {url} tidak bisa dihubungi ({reason}). Pastikan servernya jalan dan server_url di pengaturan benar."
        ),
        LlmError::ServerStatus { url, status, body } => format!(
            "Server model di {url} menolak permintaan (HTTP {status}: {body}). Periksa server_model dan api_key di pengaturan."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_engine_names_file_and_server() {
        let message = model_problem(&LlmError::NoEngine("/data/qwen.gguf".into()));

        assert!(message.contains("/data/qwen.gguf"), "{message}");
        assert!(message.contains("tanpa mesin model lokal"), "{message}");
        assert!(message.contains("backend = \"server\""), "{message}");
    }
}

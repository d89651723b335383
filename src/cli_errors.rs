//! Indonesian messages for command-line mistakes that clap reports.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// One Indonesian sentence for a clap error, with the value that was wrong.
pub fn indonesian(error: &clap::Error) -> String {
    let value = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join(", "),
        _ => String::new(),
    };

    let message = match error.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "Perintah \"{}\" tidak dikenal.",
            value(ContextKind::InvalidSubcommand).trim()
        ),
        ErrorKind::UnknownArgument => format!(
            "Pilihan \"{}\" tidak dikenal.",
            value(ContextKind::InvalidArg).trim()
        ),
        ErrorKind::ArgumentConflict if value(ContextKind::InvalidArg) == value(ContextKind::PriorArg) => format!(
            "Pilihan {} hanya boleh dipakai sekali.",
            value(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing = value(ContextKind::InvalidArg);
            if missing.contains("KALIMAT") {
                "Kalimatnya belum ada, mas. Contoh: nano catat TV Polytron mati total, 150rb.".to_string()
            } else {
                format!("Ada yang belum diisi: {}.", missing.trim())
            }
        }
        ErrorKind::ArgumentConflict => format!(
            "Pilihan {} tidak bisa dipakai bersamaan dengan {}.",
            value(ContextKind::InvalidArg),
            value(ContextKind::PriorArg)
        ),
        ErrorKind::InvalidUtf8 => "Ada argumen yang bukan teks UTF-8 yang sah.".to_string(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "Nilai \"{}\" untuk {} tidak sah.",
            value(ContextKind::InvalidValue),
            value(ContextKind::InvalidArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => format!(
            "Jumlah nilai untuk {} tidak sesuai.",
            value(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "Perintahnya belum lengkap.".to_string()
        }
        _ => "Perintah tidak bisa dibaca.".to_string(),
    };
    format!("{message} Lihat contoh dengan: nano --help")
}

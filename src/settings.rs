//! Where Nano keeps its files, the config file, and the clock.
//!
//! Environment: `NANO_HOME` puts data and config in one folder (tests use it); `NANO_NOW`
//! fixes the clock (RFC 3339 with offset); `NANO_MODEL` names a GGUF file and wins over the
//! config file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveTime};
use serde::Deserialize;

use crate::llm::Sampling;

/// The config file written on first run. Keys left out take the defaults in `ModelConfig`.
const CONFIG_TEMPLATE: &str = r#"# Pengaturan Nano. Baris yang diawali # adalah keterangan.

[model]
# Siapa yang menjawab: "lokal" (file GGUF di laptop ini, lewat llama.cpp) atau "server"
# (server yang memakai API chat ala OpenAI, misalnya llama-server atau Ollama).
backend = "lokal"
# Lokasi file model GGUF. Kosong berarti belum ada model; NANO_MODEL menimpa nilai ini.
path = ""
# Untuk backend = "server": alamat dasar server (http://, tanpa /v1), nama model di server,
# dan kunci API bila servernya memintanya (boleh kosong).
server_url = ""
server_model = ""
api_key = ""
# Panjang konteks model, dalam token.
context_size = 2048
# Jumlah thread CPU; 0 berarti otomatis.
threads = 0
# Pengaturan jawaban: temperature 0 membuat jawaban selalu sama.
temperature = 0.7
top_p = 0.9
min_p = 0.05
repeat_penalty = 1.1
seed = 42
# Batas panjang satu jawaban, dalam token.
max_tokens = 256

[bengkel]
# Nama bengkel di laporan dan nota. Kosong berarti memakai yang Nano ingat
# ("ingat, bengkel saya namanya ...").
nama = ""
# Alamat dan nomor telepon/WhatsApp bengkel, dicetak di bawah nama pada nota. Boleh kosong.
alamat = ""
telepon = ""
# Lama garansi bawaan yang dicetak di nota, dalam hari.
garansi_hari = 30

[pengingat]
# Jam untuk pengingat yang hanya menyebut hari ("ingatkan besok beli elco"), misalnya "07:30".
jam = "08:00"
"#;

/// Problems the user can fix in the environment or the config.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("NANO_NOW is not RFC 3339: {0}")]
    BadNow(String),
    #[error("no home folder to keep data in")]
    NoHome,
    #[error("cannot create folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is invalid: {reason}")]
    BadConfig { path: PathBuf, reason: String },
    #[error("cannot write config file {path}: {source}")]
    WriteConfig {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Files and folders Nano uses.
#[derive(Debug, Clone)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
    pub database: PathBuf,
    pub history: PathBuf,
    pub log_file: PathBuf,
    pub persona_file: PathBuf,
    pub reports_dir: PathBuf,
    /// Daily backups and those taken before a deletion; created on the first backup.
    pub backups_dir: PathBuf,
}

impl Paths {
    /// Resolves the folders from `NANO_HOME` or the platform's data and config folders,
    /// creating them when missing.
    pub fn resolve() -> Result<Paths, SettingsError> {
        let (data_dir, config_dir) = match std::env::var_os("NANO_HOME").filter(|home| !home.is_empty()) {
            Some(home) => (PathBuf::from(&home), PathBuf::from(home)),
            None => {
                let dirs = directories::ProjectDirs::from("id", "nano", "nano").ok_or(SettingsError::NoHome)?;
                (dirs.data_dir().to_path_buf(), dirs.config_dir().to_path_buf())
            }
        };
        for dir in [&data_dir, &config_dir] {
            std::fs::create_dir_all(dir).map_err(|source| SettingsError::CreateDir {
                path: dir.clone(),
                source,
            })?;
        }
        Ok(Paths::in_folders(&data_dir, &config_dir))
    }

    fn in_folders(data_dir: &Path, config_dir: &Path) -> Paths {
        Paths {
            data_dir: data_dir.to_path_buf(),
            config_file: config_dir.join("config.toml"),
            database: data_dir.join("nano.db"),
            history: data_dir.join("riwayat.txt"),
            log_file: data_dir.join("nano.log"),
            persona_file: data_dir.join("personality.toml"),
            reports_dir: data_dir.join("laporan"),
            backups_dir: data_dir.join(crate::store::backup::BACKUP_DIR),
        }
    }
}

/// The backend that generates chat replies.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// The GGUF file in `path`, run in-process by llama.cpp.
    #[default]
    Lokal,
    /// An OpenAI-compatible chat server at `server_url`.
    Server,
}

/// The `[model]` table of the config file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ModelConfig {
    pub backend: BackendKind,
    pub path: String,
    pub server_url: String,
    pub server_model: String,
    /// Empty when the server needs no key.
    pub api_key: String,
    pub context_size: u32,
    pub threads: u32,
    pub temperature: f32,
    pub top_p: f32,
    pub min_p: f32,
    pub repeat_penalty: f32,
    pub seed: u32,
    pub max_tokens: u32,
}

impl Default for ModelConfig {
    fn default() -> Self {
        let sampling = Sampling::default();
        ModelConfig {
            backend: BackendKind::Lokal,
            path: String::new(),
            server_url: String::new(),
            server_model: String::new(),
            api_key: String::new(),
            context_size: 2048,
            threads: 0,
            temperature: sampling.temperature,
            top_p: sampling.top_p,
            min_p: sampling.min_p,
            repeat_penalty: sampling.repeat_penalty,
            seed: sampling.seed,
            max_tokens: sampling.max_tokens,
        }
    }
}

impl ModelConfig {
    pub fn sampling(&self) -> Sampling {
        Sampling {
            temperature: self.temperature,
            top_p: self.top_p,
            min_p: self.min_p,
            repeat_penalty: self.repeat_penalty,
            seed: self.seed,
            max_tokens: self.max_tokens.max(1),
        }
    }

    /// Threads to run the model on: the configured count, else the available cores. More
    /// threads than twice the cores only make llama.cpp's threads wait for each other.
    pub fn thread_count(&self) -> i32 {
        let cores = std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(2);
        if self.threads > 0 {
            return self.threads.min(cores * 2) as i32;
        }
        cores as i32
    }
}

/// The `[bengkel]` table of the config file: the shop's own settings.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ShopConfig {
    /// Shop name for reports and receipts; empty means the name from memory.
    #[serde(rename = "nama")]
    pub name: String,
    /// Shop address printed on receipts; empty prints nothing.
    #[serde(rename = "alamat")]
    pub address: String,
    /// Shop phone or WhatsApp number printed on receipts; empty prints nothing.
    #[serde(rename = "telepon")]
    pub phone: String,
    /// Warranty printed on receipts, in days.
    #[serde(rename = "garansi_hari")]
    pub warranty_days: u32,
}

impl Default for ShopConfig {
    fn default() -> Self {
        ShopConfig {
            name: String::new(),
            address: String::new(),
            phone: String::new(),
            warranty_days: 30,
        }
    }
}

/// The `[pengingat]` table of the config file: when reminders fall.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ReminderConfig {
    /// The time a reminder that names only a day falls at.
    #[serde(rename = "jam", deserialize_with = "clock_time")]
    pub time: NaiveTime,
}

impl Default for ReminderConfig {
    fn default() -> Self {
        ReminderConfig { time: crate::interpret::Options::default().reminder_time }
    }
}

/// Start of the message for a bad `jam`, so `describe_toml_error` can pass it on as it is.
const BAD_CLOCK_TIME: &str = "jam pengingat";

/// Reads a clock time written as "08:00", "8.30", "7" or the number 7.
fn clock_time<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Hour(i64),
        Text(String),
    }

    let written = Written::deserialize(deserializer)?;
    let text = match &written {
        Written::Hour(hour) => hour.to_string(),
        Written::Text(text) => text.trim().to_string(),
    };
    let (hour, minute) = text.split_once([':', '.']).unwrap_or((text.as_str(), "0"));
    let time = match (hour.parse::<u32>(), minute.parse::<u32>()) {
        (Ok(hour), Ok(minute)) => NaiveTime::from_hms_opt(hour, minute, 0),
        _ => None,
    };
    time.ok_or_else(|| {
        serde::de::Error::custom(format!(
            "{BAD_CLOCK_TIME} \"{text}\" tidak bisa dibaca; tulis jam dan menit seperti \"08:00\""
        ))
    })
}

/// The whole config file.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub model: ModelConfig,
    #[serde(rename = "bengkel")]
    pub shop: ShopConfig,
    #[serde(rename = "pengingat")]
    pub reminders: ReminderConfig,
}

impl Config {
    /// Returns how lines read in this shop: its reminder hour.
    pub fn interpret_options(&self) -> crate::interpret::Options {
        crate::interpret::Options { reminder_time: self.reminders.time }
    }

    /// Returns the shop name for reports and receipts: the config's when set, else `remembered`.
    pub fn shop_name(&self, remembered: Option<String>) -> Option<String> {
        let configured = self.shop.name.trim();
        if configured.is_empty() {
            remembered
        } else {
            Some(configured.to_string())
        }
    }
}

/// Origin of the model path, for `nano model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelSource {
    Environment,
    ConfigFile,
}

impl Config {
    /// Reads the config file, writing the commented template first when there is none.
    pub fn load_or_create(path: &Path) -> Result<Config, SettingsError> {
        if !path.exists() {
            // Written under a temporary name and renamed, so that a second Nano starting at
            // the same moment never reads a half-written file.
            let temporary = path.with_extension(format!("toml.tmp{}", std::process::id()));
            std::fs::write(&temporary, CONFIG_TEMPLATE)
                .and_then(|()| std::fs::rename(&temporary, path))
                .map_err(|source| SettingsError::WriteConfig {
                    path: path.to_path_buf(),
                    source,
                })?;
        }
        let text = std::fs::read_to_string(path).map_err(|error| SettingsError::BadConfig {
            path: path.to_path_buf(),
            reason: error.to_string(),
        })?;
        toml::from_str(&text).map_err(|error| SettingsError::BadConfig {
            path: path.to_path_buf(),
            reason: describe_toml_error(&text, &error),
        })
    }

    /// Returns the model to use: `NANO_MODEL` first, then the config file, or `None` when neither names one.
    pub fn model_path(&self) -> Option<(PathBuf, ModelSource)> {
        if let Some(path) = std::env::var_os("NANO_MODEL").filter(|path| !path.is_empty()) {
            return Some((PathBuf::from(path), ModelSource::Environment));
        }
        let configured = self.model.path.trim();
        (!configured.is_empty()).then(|| (PathBuf::from(configured), ModelSource::ConfigFile))
    }
}

/// Origin of a setting's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingSource {
    Default,
    File,
    Environment,
}

impl SettingSource {
    pub fn label(self) -> &'static str {
        match self {
            SettingSource::Default => "bawaan",
            SettingSource::File => "file pengaturan",
            SettingSource::Environment => "lingkungan",
        }
    }
}

/// Lists every setting with its value and source: `NANO_*` variables first, then the keys
/// written in the config file, then defaults.
pub fn describe_settings(config: &Config, config_file: &Path) -> Vec<(String, String, SettingSource)> {
    let table = std::fs::read_to_string(config_file)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .unwrap_or_default();
    let keys_of = |section: &str| -> Vec<String> {
        table
            .get(section)
            .and_then(|value| value.as_table())
            .map(|section| section.keys().cloned().collect())
            .unwrap_or_default()
    };
    let written = keys_of("model");
    let written_shop = keys_of("bengkel");
    let from_file = |key: &str| {
        if written.iter().any(|name| name == key) {
            SettingSource::File
        } else {
            SettingSource::Default
        }
    };

    let model = &config.model;
    let mut rows = Vec::new();
    let (path, path_source) = match config.model_path() {
        Some((path, ModelSource::Environment)) => (path.display().to_string(), SettingSource::Environment),
        Some((path, ModelSource::ConfigFile)) => (path.display().to_string(), SettingSource::File),
        None => ("(belum ada)".to_string(), from_file("path")),
    };
    rows.push(("model.path".to_string(), path, path_source));

    let backend = match model.backend {
        BackendKind::Lokal => "lokal",
        BackendKind::Server => "server",
    };
    let api_key = if model.api_key.is_empty() { "(kosong)" } else { "(diisi, tidak ditampilkan)" };
    let values = [
        ("backend", backend.to_string()),
        ("server_url", model.server_url.clone()),
        ("server_model", model.server_model.clone()),
        ("api_key", api_key.to_string()),
        ("context_size", model.context_size.to_string()),
        ("threads", format!("{} (dipakai: {})", model.threads, model.thread_count())),
        ("temperature", model.temperature.to_string()),
        ("top_p", model.top_p.to_string()),
        ("min_p", model.min_p.to_string()),
        ("repeat_penalty", model.repeat_penalty.to_string()),
        ("seed", model.seed.to_string()),
        ("max_tokens", model.max_tokens.to_string()),
    ];
    for (key, value) in values {
        rows.push((format!("model.{key}"), value, from_file(key)));
    }

    for (key, value) in [
        ("nama", config.shop.name.clone()),
        ("alamat", config.shop.address.clone()),
        ("telepon", config.shop.phone.clone()),
        ("garansi_hari", config.shop.warranty_days.to_string()),
    ] {
        let source = if written_shop.iter().any(|name| name == key) {
            SettingSource::File
        } else {
            SettingSource::Default
        };
        rows.push((format!("bengkel.{key}"), value, source));
    }

    let reminder_source = if keys_of("pengingat").iter().any(|name| name == "jam") {
        SettingSource::File
    } else {
        SettingSource::Default
    };
    rows.push((
        "pengingat.jam".to_string(),
        config.reminders.time.format("%H:%M").to_string(),
        reminder_source,
    ));

    for variable in ["NANO_HOME", "NANO_NOW", "NANO_LOG"] {
        if let Some(value) = std::env::var_os(variable).filter(|value| !value.is_empty()) {
            rows.push((variable.to_string(), value.to_string_lossy().into_owned(), SettingSource::Environment));
        }
    }
    rows
}

/// Says in Indonesian where a TOML file is wrong and how: the line, and the key when the
/// parser names one.
pub fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let line = error
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let message = error.message();
    let quoted = message.split('`').nth(1).unwrap_or("");

    let what = if message.starts_with(BAD_CLOCK_TIME) {
        message.trim().to_string()
    } else if message.starts_with("unknown field") {
        format!("kunci `{quoted}` tidak dikenal (salah ketik?)")
    } else if message.starts_with("invalid type") {
        "jenis nilainya salah (angka, teks dalam tanda kutip, atau true/false)".to_string()
    } else if message.starts_with("duplicate key") {
        format!("kunci `{quoted}` ditulis dua kali")
    } else {
        "penulisannya tidak sesuai format TOML".to_string()
    };
    match line {
        Some(line) => format!("baris {line}: {what}"),
        None => what,
    }
}

/// Sets `[model] path` in the config file, keeping its comments and other lines.
pub fn set_model_path(config_file: &Path, model: &Path) -> Result<(), SettingsError> {
    let _ = Config::load_or_create(config_file)?;
    let text = std::fs::read_to_string(config_file).map_err(|error| SettingsError::BadConfig {
        path: config_file.to_path_buf(),
        reason: error.to_string(),
    })?;

    // TOML basic strings escape backslashes and quotes; serde_json writes the same escapes.
    let value = serde_json::to_string(&model.display().to_string()).expect("a string serialises");
    let new_line = format!("path = {value}");

    let mut in_model_table = false;
    let mut replaced = false;
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_model_table = trimmed.starts_with("[model]");
        }
        if in_model_table && !replaced && trimmed.starts_with("path") && trimmed.contains('=') {
            lines.push(new_line.clone());
            replaced = true;
        } else {
            lines.push(line.to_string());
        }
    }
    if !replaced {
        lines.push("[model]".into());
        lines.push(new_line);
    }

    std::fs::write(config_file, lines.join("\n") + "\n").map_err(|source| SettingsError::WriteConfig {
        path: config_file.to_path_buf(),
        source,
    })
}

/// Returns the current time: `NANO_NOW` when set, else the local clock.
pub fn now() -> Result<DateTime<FixedOffset>, SettingsError> {
    match std::env::var("NANO_NOW") {
        Ok(text) if !text.trim().is_empty() => {
            DateTime::parse_from_rfc3339(text.trim()).map_err(|_| SettingsError::BadNow(text))
        }
        _ => Ok(Local::now().fixed_offset()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_template_parses_to_defaults() {
        let config: Config = toml::from_str(CONFIG_TEMPLATE).unwrap();
        assert_eq!(config, Config::default());
    }

    #[test]
    fn first_load_writes_template() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");

        let config = Config::load_or_create(&path).unwrap();

        assert_eq!(config, Config::default());
        assert!(std::fs::read_to_string(&path).unwrap().contains("[model]"));
    }

    #[test]
    fn unknown_key_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[model]\ntemprature = 1.0\n").unwrap();

        let error = Config::load_or_create(&path).unwrap_err();

        match error {
            SettingsError::BadConfig { reason, .. } => {
                assert_eq!(reason, "baris 2: kunci `temprature` tidak dikenal (salah ketik?)");
            }
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn shop_settings_override_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[bengkel]\nnama = \"Arip Elektronik\"\ngaransi_hari = 14\n").unwrap();
        let config = Config::load_or_create(&path).unwrap();

        assert_eq!(config.shop.warranty_days, 14);
        assert_eq!(config.shop_name(Some("Lain".into())).as_deref(), Some("Arip Elektronik"));
        assert_eq!(Config::default().shop_name(Some("Lain".into())).as_deref(), Some("Lain"));
    }

    #[test]
    fn settings_name_their_source() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[model]\ntemperature = 0.0\n").unwrap();
        let config = Config::load_or_create(&path).unwrap();

        let rows = describe_settings(&config, &path);
        let source = |key: &str| rows.iter().find(|row| row.0 == key).map(|row| row.2);

        assert_eq!(source("model.temperature"), Some(SettingSource::File));
        assert_eq!(source("model.top_p"), Some(SettingSource::Default));
    }

    #[test]
    fn reminder_hour_is_read_in_any_common_form() {
        let cases = [("\"07:30\"", (7, 30)), ("\"9.15\"", (9, 15)), ("\"6\"", (6, 0)), ("17", (17, 0))];
        for (written, (hour, minute)) in cases {
            let config: Config = toml::from_str(&format!("[pengingat]\njam = {written}\n")).unwrap();
            assert_eq!(config.reminders.time, NaiveTime::from_hms_opt(hour, minute, 0).unwrap(), "{written}");
        }
    }

    #[test]
    fn bad_reminder_hour_names_the_value() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        for written in ["\"25:00\"", "\"pagi\"", "-3"] {
            std::fs::write(&path, format!("[pengingat]\njam = {written}\n")).unwrap();

            let error = Config::load_or_create(&path).unwrap_err();

            let SettingsError::BadConfig { reason, .. } = error else { panic!("unexpected {error}") };
            assert!(reason.starts_with("baris 2: jam pengingat"), "{written}: {reason}");
            assert!(reason.contains("\"08:00\""), "{written}: {reason}");
        }
    }

    #[test]
    fn server_backend_is_read() {
        let config: Config = toml::from_str(
            "[model]\nbackend = \"server\"\nserver_url = \"http://127.0.0.1:8080\"\nserver_model = \"qwen\"\n",
        )
        .unwrap();
        assert_eq!(config.model.backend, BackendKind::Server);
        assert_eq!(config.model.server_url, "http://127.0.0.1:8080");
        assert!(config.model.api_key.is_empty());
    }

    #[test]
    fn unknown_backend_is_rejected() {
        let result: Result<Config, _> = toml::from_str("[model]\nbackend = \"awan\"\n");
        assert!(result.is_err());
    }

    #[test]
    fn set_model_path_keeps_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let model = dir.path().join("model \"x\".gguf");

        set_model_path(&path, &model).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let config = Config::load_or_create(&path).unwrap();

        assert!(text.contains("# Jumlah thread CPU"));
        assert_eq!(PathBuf::from(&config.model.path), model);
    }
}

//! One-shot commands: `nano catat ...`, `nano laporan --minggu`, `nano tafsir ...`, and so on.
//! Each runs one line through the same interpretation and dispatcher as the chat loop, prints
//! the result (or JSON with `--json`) and returns the exit code.

use std::io::Write;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;

use crate::app::{exit_code_for, App};
use crate::cli::{join_words, Cari, Cli, Command, Laporan, ModelAction, Pengingat};
use crate::dispatch::{self, Outcome};
use crate::error::{self, ExitCode, Failure};
use crate::format::{say, terminal_safe};
use crate::interpret::{Filter, Intent, Interpretation, ReportRange};
use crate::lifecycle::ExistingJob;
use crate::llm::{gguf, Engine, EngineConfig};
use crate::settings::{self, ModelSource};

/// Runs a parsed command line other than the bare chat.
pub fn run(cli: Cli, command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Catat(sentence) => sentence_command(cli.json, "catat", &sentence.words),
        Command::Ingatkan(sentence) => sentence_command(cli.json, "ingatkan", &sentence.words),
        Command::Stok(sentence) => sentence_command(cli.json, "stok", &sentence.words),
        Command::Cari(cari) => search(cli.json, cari),
        Command::Hapus(sentence) => sentence_command(cli.json, "hapus", &sentence.words),
        Command::Garansi(sentence) => sentence_command(cli.json, "garansi", &sentence.words),
        Command::Pelanggan(pelanggan) => {
            let line = words_line("", &pelanggan.words)?;
            let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            crate::customers::run(cli.json, &words)
        }
        Command::Kalimat(words) => sentence_command(cli.json, "", &words),
        Command::Laporan(laporan) => report(cli.json, laporan),
        Command::Pengingat(pengingat) => reminders(cli.json, pengingat),
        Command::Tafsir(tafsir) => {
            let line = words_line("", &tafsir.words)?;
            let now = settings::now()?;
            // Interpretation needs no database; it must also work where the data folder is
            // read-only, so it does not open the store.
            let mut interpretation = crate::interpret::interpret_with(&line, now, tafsir_options());
            if !tafsir.without_model && crate::interpret::needs_model(&interpretation, &line) {
                if let Some(reading) = tafsir_model_reading(&line, now) {
                    interpretation = reading;
                }
            }
            print_interpretation(cli.json, &line, &interpretation);
            Ok(ExitCode::Ok)
        }
        Command::Config => show_settings(cli.json),
        Command::Belanja => {
            let app = App::open()?;
            let outcome = dispatch::shopping_list(&app.store)?;
            print_outcome(cli.json, &outcome).map_err(|_| output_failure())?;
            Ok(exit_code_for(&outcome))
        }
        Command::Ekspor(ekspor) => crate::transfer::export(cli.json, ekspor),
        Command::Impor(impor) => crate::transfer::import(impor),
        Command::Nota(nota) => receipt(cli.json, nota),
        Command::Completion { shell } => {
            crate::cli::write_completion(shell, &mut std::io::stdout());
            Ok(ExitCode::Ok)
        }
        Command::Manual => {
            crate::cli::write_manual(&mut std::io::stdout()).map_err(|_| output_failure())?;
            Ok(ExitCode::Ok)
        }
        Command::Periksa => crate::recovery::check(cli.json),
        Command::Pulihkan(pulihkan) => crate::recovery::restore(cli.json, pulihkan.tanggal.as_deref(), pulihkan.ya),
        Command::Model(model) => match model.action {
            None => model_status(cli.json),
            Some(ModelAction::Info) => model_info(cli.json),
            Some(ModelAction::Pasang { file }) => model_install(&file),
            Some(ModelAction::Uji(uji)) => crate::model_speed::run(cli.json, &uji),
        },
    }
}

/// Reads the shop's reading settings for `nano tafsir` from a valid config file, else returns
/// the defaults. Tafsir never writes the config, because it must work where the data folder is
/// read-only.
fn tafsir_options() -> crate::interpret::Options {
    crate::settings::Paths::resolve()
        .ok()
        .and_then(|paths| std::fs::read_to_string(paths.config_file).ok())
        .and_then(|text| toml::from_str::<crate::settings::Config>(&text).ok())
        .map(|config| config.interpret_options())
        .unwrap_or_default()
}

/// Loads the configured model, if any, and runs the model interpretation of `line`. Any
/// problem (no config, no model, a load failure, invalid output) is logged and returns `None`.
fn tafsir_model_reading(line: &str, now: chrono::DateTime<chrono::FixedOffset>) -> Option<Interpretation> {
    let paths = crate::settings::Paths::resolve().ok()?;
    let config = crate::settings::Config::load_or_create(&paths.config_file).ok()?;
    let engine_config = crate::app::engine_config(&config)?;
    let engine = match crate::llm::Engine::load(engine_config, |_| {}) {
        Ok(engine) => engine,
        Err(error) => {
            tracing::warn!(%error, "model load failed; tafsir keeps the rules' reading");
            return None;
        }
    };
    crate::app::model_reading(&engine, line, now)
}

fn words_line(prefix: &str, words: &[std::ffi::OsString]) -> Result<String, Failure> {
    let rest = join_words(words).map_err(|bad| {
        Failure::new(
            ExitCode::Usage,
            format!("Argumen \"{bad}\" bukan teks UTF-8 yang sah. Ketik ulang kalimatnya dengan huruf biasa."),
        )
    })?;
    Ok(format!("{prefix} {rest}").trim().to_string())
}

/// Interprets `prefix words...` and acts on it.
fn sentence_command(json: bool, prefix: &str, words: &[std::ffi::OsString]) -> Result<ExitCode, Failure> {
    let line = words_line(prefix, words)?;
    let yes = line.split_whitespace().any(|word| word == "--ya");
    let line: String = line.split_whitespace().filter(|word| *word != "--ya").collect::<Vec<_>>().join(" ");
    if line.trim().is_empty() {
        return Err(Failure::new(
            ExitCode::Usage,
            "Kalimatnya kosong, mas. Contoh: nano catat TV Polytron mati total, 150rb.",
        ));
    }

    let mut app = App::open()?;
    let now = app.now()?;
    let interpretation = app.interpret(&line, now);
    let turn = app.begin_turn("oneshot", &line, &interpretation)?;

    let mut outcome = app.dispatch(&interpretation, &line, None)?;
    if let (Outcome::Confirm(confirmation), true) = (&outcome, yes) {
        outcome = app.confirm(&confirmation.clone())?;
    }

    if let Outcome::Chat = outcome {
        return chat_once(&mut app, json, &line, turn);
    }

    let printed = print_outcome(json, &outcome);
    let reply = printed.as_ref().map(String::clone).unwrap_or_else(|text| text.clone());
    app.finish_turn(turn, &reply, false)?;
    printed.map_err(|_| output_failure())?;
    Ok(exit_code_for(&outcome))
}

/// Builds the failure for a stdout that rejects the result (a full disk, a closed file).
fn output_failure() -> Failure {
    Failure::new(
        ExitCode::Failed,
        "Hasilnya tidak bisa ditampilkan karena keluaran (layar atau file tujuan) menolak tulisan, misalnya disk penuh. Perintahnya sudah dijalankan; cek dengan nano cari atau nano pengingat.",
    )
}

/// Writes one line to stdout, reporting failure instead of panicking like `println!`.
fn print_line(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")?;
    stdout.flush()
}

/// Prints an outcome and returns the text shown, for the conversation log; `Err` carries the
/// same text when stdout failed.
fn print_outcome(json: bool, outcome: &Outcome) -> Result<String, String> {
    let (stdout_text, stderr_text, shown) = match outcome {
        Outcome::Done { reply, records } => {
            let out = if json {
                serde_json::to_string_pretty(records).unwrap_or_default()
            } else {
                reply.clone()
            };
            (Some(out), None, reply.clone())
        }
        Outcome::NeedInfo { question, missing } => {
            let stores = missing
                .iter()
                .any(|slot| ["job.", "reminder.", "stock.", "memory.", "date"].iter().any(|prefix| slot.starts_with(prefix)));
            let text = if stores {
                format!("Belum tersimpan, datanya kurang. {question}")
            } else {
                question.clone()
            };
            let out = json.then(|| json!({ "error": "incomplete", "missing": missing, "message": text }).to_string());
            (out, Some(text.clone()), text)
        }
        Outcome::NotFound { reply } => {
            let out = json.then(|| json!({ "error": "not_found", "message": reply }).to_string());
            (out, Some(reply.clone()), reply.clone())
        }
        Outcome::Confirm(confirmation) => {
            let text = format!(
                "{} Perintah sekali jalan butuh --ya untuk melanjutkan; tanpa itu {}.",
                confirmation.question().trim_end_matches(" (ya/tidak)"),
                confirmation.untouched()
            );
            let out = json.then(|| json!({ "error": "needs_confirmation", "message": text }).to_string());
            (out, Some(text.clone()), text)
        }
        Outcome::Chat => (None, None, String::new()),
    };

    if let Some(text) = stderr_text {
        eprintln!("{}", crate::format::terminal_safe(&text));
    }
    match stdout_text {
        Some(text) => {
            let safe = crate::format::terminal_safe(&text);
            let shown_text = if json { safe.into_owned() } else { crate::style::paint(&safe) };
            match print_line(&shown_text) {
                Ok(()) => Ok(shown),
                Err(_) => Err(shown),
            }
        }
        None => Ok(shown),
    }
}

/// Streams the model's reply to a free sentence given on the command line.
fn chat_once(app: &mut App, json: bool, line: &str, turn: crate::store::TurnId) -> Result<ExitCode, Failure> {
    let mut stdout = std::io::stdout();
    let mut buffer: Vec<u8> = Vec::new();
    let result = if json {
        app.answer(line, false, &mut buffer)
    } else {
        app.answer(line, true, &mut stdout)
    };

    match result {
        Ok(reply) => {
            if json {
                println!(
                    "{}",
                    json!({ "reply": reply.text, "stop": format!("{:?}", reply.stop), "sources": reply.sources })
                );
            } else {
                println!();
            }
            app.finish_turn(turn, &reply.text, false)?;
            Ok(ExitCode::Ok)
        }
        Err(reason) => {
            let text = format!("Kalimat ini tidak saya kenali sebagai perintah, jadi perlu model bahasa untuk menjawabnya. {reason}");
            app.finish_turn(turn, &text, false)?;
            Err(Failure::new(ExitCode::Model, text))
        }
    }
}

/// `nano laporan`: a period from the flags, or from words ("bulan lalu"), this week by default.
fn report(json: bool, laporan: Laporan) -> Result<ExitCode, Failure> {
    let mut app = App::open()?;
    let now = app.now()?;
    let today = now.date_naive();

    let words = words_line("laporan", &laporan.words)?;
    let mut range = if let Some(from) = &laporan.dari {
        let from = option_day("--dari", from, today)?;
        let to = laporan.sampai.as_deref().map(|to| option_day("--sampai", to, today)).transpose()?.unwrap_or(today);
        if from > to {
            return Err(Failure::new(ExitCode::Usage, dispatch::reversed_range_message(from, to)));
        }
        ReportRange { from, to, pdf: true, unclaimed_days: None }
    } else if laporan.hari {
        ReportRange { from: today, to: today, pdf: true, unclaimed_days: None }
    } else if laporan.bulan {
        month_of(today)
    } else if laporan.minggu || laporan.words.is_empty() {
        week_of(today)
    } else {
        let interpretation = app.interpret(&words, now);
        if let Some(message) = dispatch::range_problem(&interpretation) {
            return Err(Failure::new(ExitCode::Usage, message));
        }
        match interpretation {
            Interpretation {
                intent: Intent::Report,
                report: Some(range),
                ..
            } => range,
            _ => {
                return Err(Failure::new(
                    ExitCode::Usage,
                    format!(
                        "Periode \"{}\" tidak saya kenali. Contoh: nano laporan --minggu, nano laporan bulan lalu.",
                        words.trim_start_matches("laporan").trim()
                    ),
                ))
            }
        }
    };

    range.unclaimed_days = laporan.belum_diambil;
    let mut interpretation = Interpretation::bare(Intent::Report, 1.0);
    interpretation.report = Some(range);
    if let Some(path) = laporan.pdf.as_deref() {
        crate::error::refuse_foreign_file(path, b"%PDF", "PDF")?;
    }
    if let Some(folder) = laporan.pdf.as_deref().and_then(|path| path.parent()) {
        if !folder.as_os_str().is_empty() && !folder.is_dir() {
            return Err(Failure::new(
                ExitCode::Usage,
                format!(
                    "Folder {} untuk PDF tidak ada. Buat foldernya dulu, atau pilih lokasi lain dengan --pdf.",
                    folder.display()
                ),
            ));
        }
    }

    let turn = app.begin_turn("oneshot", &words, &interpretation)?;
    let outcome = app.dispatch(&interpretation, &words, laporan.pdf)?;
    let printed = print_outcome(json, &outcome);
    let reply = printed.as_ref().map(String::clone).unwrap_or_else(|text| text.clone());
    app.finish_turn(turn, &reply, false)?;
    printed.map_err(|_| output_failure())?;

    let pdf_failed = matches!(&outcome, Outcome::Done { records, .. } if records["pdf"].is_null());
    if pdf_failed {
        return Ok(ExitCode::Failed);
    }
    Ok(exit_code_for(&outcome))
}

/// Reads the day of a `--dari` or `--sampai` option; a usage failure names the option.
fn option_day(option: &str, text: &str, today: NaiveDate) -> Result<NaiveDate, Failure> {
    crate::interpret::parse_report_day(text, today).map_err(|_| {
        Failure::new(
            ExitCode::Usage,
            format!("Tanggal {option} \"{text}\" tidak saya kenali atau tidak ada di kalender. Tulis seperti 1/11, 1/11/2026 atau 2026-11-01."),
        )
    })
}

/// `nano cari`: full-text search, narrowed by the words' own filters ("bulan lalu", "udah
/// selesai") and by `--dari`, `--sampai`, `--status` and `--pelanggan`, which win over them.
/// With filters and no words it lists the matching jobs.
fn search(json: bool, cari: Cari) -> Result<ExitCode, Failure> {
    let has_options = cari.dari.is_some() || cari.sampai.is_some() || !cari.status.is_empty() || cari.pelanggan.is_some();
    if !has_options {
        if cari.words.is_empty() {
            return Err(Failure::new(
                ExitCode::Usage,
                "Cari apa, mas? Contoh: nano cari polytron, atau nano cari --status selesai --dari 1/11.",
            ));
        }
        return sentence_command(json, "cari", &cari.words);
    }

    let line = words_line("cari", &cari.words)?;
    let mut app = App::open()?;
    let now = app.now()?;
    let today = now.date_naive();

    let mut interpretation = app.interpret(&line, now);
    if interpretation.intent != Intent::Search {
        // The options make this a search even when the words alone read otherwise.
        let words = line.trim_start_matches("cari").trim();
        interpretation = Interpretation::bare(Intent::Search, 1.0);
        interpretation.query = Some(crate::interpret::normalize_for_search(words));
    }
    if let Some(message) = dispatch::range_problem(&interpretation) {
        return Err(Failure::new(ExitCode::Usage, message));
    }

    let mut filter = interpretation.filter.take().unwrap_or_else(|| Filter {
        text: interpretation.query.clone().filter(|query| !query.trim().is_empty()),
        ..Filter::default()
    });
    if let Some(from) = &cari.dari {
        filter.from = Some(option_day("--dari", from, today)?);
    }
    if let Some(to) = &cari.sampai {
        filter.to = Some(option_day("--sampai", to, today)?);
    }
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from > to {
            return Err(Failure::new(ExitCode::Usage, dispatch::reversed_range_message(from, to)));
        }
    }
    if !cari.status.is_empty() {
        filter.statuses = option_statuses(&cari.status)?;
    }
    if let Some(customer) = cari.pelanggan.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
        filter.customer = Some(customer.to_string());
    }
    interpretation.filter = Some(filter).filter(Filter::narrows_jobs);
    interpretation.missing.retain(|slot| slot != "query");

    let turn = app.begin_turn("oneshot", &line, &interpretation)?;
    let outcome = app.dispatch(&interpretation, &line, None)?;
    let printed = print_outcome(json, &outcome);
    let reply = printed.as_ref().map(String::clone).unwrap_or_else(|text| text.clone());
    app.finish_turn(turn, &reply, false)?;
    printed.map_err(|_| output_failure())?;
    Ok(exit_code_for(&outcome))
}

/// Reads every `--status` value; a usage failure names the first unknown one.
fn option_statuses(values: &[String]) -> Result<Vec<crate::interpret::Status>, Failure> {
    let mut statuses = Vec::new();
    for value in values.iter().flat_map(|value| value.split(',')) {
        let Some(status) = crate::interpret::status_word(value) else {
            return Err(Failure::new(
                ExitCode::Usage,
                format!("Status \"{}\" tidak saya kenali. Pilih salah satu: masuk, proses, nunggu part, selesai, diambil, batal.", value.trim()),
            ));
        };
        if !statuses.contains(&status) {
            statuses.push(status);
        }
    }
    Ok(statuses)
}

/// `nano nota ID`: writes the customer receipt PDF of one job and prints its path.
fn receipt(json: bool, nota: crate::cli::Nota) -> Result<ExitCode, Failure> {
    let Ok(id) = nota.id.trim_start_matches('#').parse::<i64>() else {
        return Err(Failure::new(ExitCode::Usage, format!("\"{}\" bukan nomor servis. Contoh: nano nota 12", nota.id)));
    };
    let app = App::open()?;
    let job = match app.store.job(id) {
        Ok(job) => job,
        Err(crate::store::StoreError::NotFound(_)) => {
            return Err(Failure::new(
                ExitCode::NotFound,
                format!("Servis #{id} tidak ada, jadi notanya tidak dibuat. Cari nomornya dengan nano cari NAMA PELANGGAN."),
            ))
        }
        Err(error) => return Err(error.into()),
    };
    let facts = app.store.facts()?;
    let data = crate::report::receipt::ReceiptData {
        shop_name: app.config.shop_name(crate::memory::derived_value(&facts, "bengkel")),
        shop_contact: shop_contact(&app.config.shop),
        job,
        issued: app.now()?.date_naive(),
        warranty_days: app.config.shop.warranty_days,
    };
    let path = nota.pdf.unwrap_or_else(|| app.paths.reports_dir.join(format!("nota-{id}.pdf")));
    crate::error::refuse_foreign_file(&path, b"%PDF", "PDF")?;
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|error| {
            Failure::new(ExitCode::Failed, format!("Folder {} untuk nota tidak bisa dibuat ({error}). Pilih lokasi lain dengan --pdf.", folder.display()))
        })?;
    }
    crate::report::receipt::write_receipt(&data, &path).map_err(|error| {
        tracing::error!(%error, path = %path.display(), "receipt write failed");
        Failure::new(ExitCode::Failed, error.user_message())
    })?;

    if json {
        println!("{}", json!({ "id": id, "receipt": crate::report::receipt::receipt_number(id), "pdf": path }));
    } else {
        say(&format!("Nota servis #{id} ({}): {}", crate::report::receipt::receipt_number(id), path.display()));
    }
    Ok(ExitCode::Ok)
}

/// Monday to Sunday around `day`.
fn week_of(day: NaiveDate) -> ReportRange {
    let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
    ReportRange {
        from: monday,
        to: monday + Duration::days(6),
        pdf: true,
        unclaimed_days: None,
    }
}

fn month_of(day: NaiveDate) -> ReportRange {
    let first = day.with_day(1).unwrap_or(day);
    let next_month = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    let last = next_month.map(|next| next - Duration::days(1)).unwrap_or(day);
    ReportRange { from: first, to: last, pdf: true, unclaimed_days: None }
}

/// `nano pengingat` lists open reminders; `nano pengingat selesai ID` closes one.
fn reminders(json: bool, pengingat: Pengingat) -> Result<ExitCode, Failure> {
    let mut app = App::open()?;

    match pengingat.words.as_slice() {
        [] => {
            let interpretation = Interpretation::bare(Intent::ReminderList, 1.0);
            let outcome = app.dispatch(&interpretation, "pengingat", None)?;
            print_outcome(json, &outcome).map_err(|_| output_failure())?;
            Ok(exit_code_for(&outcome))
        }
        words => {
            // "selesai 3", "3 selesai", "#3 udah": read like the same words in the chat.
            let line = format!("pengingat {}", words.join(" "));
            let interpretation = crate::interpret::interpret(&line, app.now()?);
            if interpretation.intent != Intent::ReminderDone {
                return Err(Failure::new(
                    ExitCode::Usage,
                    "Perintah pengingat tidak dikenal. Pakai: nano pengingat, atau nano pengingat selesai ID",
                ));
            }
            let outcome = app.dispatch(&interpretation, &line, None)?;
            print_outcome(json, &outcome).map_err(|_| output_failure())?;
            Ok(exit_code_for(&outcome))
        }
    }
}

/// Builds the address and "Telp/WA" lines printed under the shop name on receipts.
fn shop_contact(shop: &crate::settings::ShopConfig) -> Vec<String> {
    let mut lines = vec![shop.address.trim().to_string()];
    if !shop.phone.trim().is_empty() {
        lines.push(format!("Telp/WA: {}", shop.phone.trim()));
    }
    lines.retain(|line| !line.is_empty());
    lines
}

fn print_interpretation(json: bool, line: &str, interpretation: &Interpretation) {
    if json {
        println!("{}", serde_json::to_string(interpretation).unwrap_or_default());
        return;
    }
    let mut description = describe_interpretation(interpretation);
    if let Some(job) = interpretation.job.as_ref().filter(|_| interpretation.intent == Intent::JobAdd) {
        // The first line names the intent; the dispatcher may change a recorded job instead.
        let intent = match crate::lifecycle::existing_job(line, job) {
            Some(ExistingJob::StatusOnly) => Some(
                "ubah status servis yang sudah tercatat (tanpa \"catat\", kalimat yang hanya menyebut status tidak mencatat servis baru)",
            ),
            Some(ExistingJob::WithWork) => Some(
                "ubah servis yang sudah tercatat kalau ada satu yang cocok dan belum diambil; kalau tidak ada, catat servis baru (awali dengan \"catat\" supaya selalu dicatat baru)",
            ),
            None => None,
        };
        if let Some(intent) = intent {
            let details = description.split_once('\n').map(|(_, rest)| rest.to_string()).unwrap_or_default();
            description = format!("Maksudnya: {intent}\n{details}");
        }
    }
    println!("{description}");
}

/// Describes the interpretation in Indonesian words, one field per line.
fn describe_interpretation(interpretation: &Interpretation) -> String {
    let mut lines = vec![format!("Maksudnya: {}", intent_label(interpretation.intent))];
    let mut field = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            lines.push(format!("  {label:<10} {value}"));
        }
    };

    if let Some(job) = &interpretation.job {
        field("Barang:", job.device.clone());
        field("Merek:", job.brand.clone());
        field("Tipe:", job.model.clone());
        field("Pelanggan:", job.customer.clone());
        field("No. HP:", job.phone.clone());
        field("Keluhan:", job.complaint.clone());
        field("Kerusakan:", job.fault.clone());
        field("Tindakan:", job.action.clone());
        let parts: Vec<String> = job
            .parts
            .iter()
            .map(|part| format!("{} {}", crate::format::quantity(part.qty), part.name))
            .collect();
        field("Part:", Some(parts.join(", ")));
        field("Status:", Some(crate::format::status(job.status).to_string()));
        field("Biaya:", job.price.map(crate::format::rupiah));
        field("Tanggal:", Some(crate::format::date(job.date)));
        field("Garansi:", job.warranty_days.map(|days| match days {
            0 => "tanpa garansi".to_string(),
            days => format!("{days} hari"),
        }));
    }
    if let Some(query) = &interpretation.warranty {
        field("Servis:", query.id.map(|id| format!("#{id}")));
        field("Pelanggan:", query.customer.clone());
        field("No. HP:", query.phone.clone());
        field("Barang:", query.device.clone());
        field("Merek:", query.brand.clone());
    }
    if let Some(reminder) = &interpretation.reminder {
        field("Isi:", Some(reminder.text.clone()));
        field("Waktu:", reminder.due.as_ref().map(crate::format::date_time));
    }
    if let Some(stock) = &interpretation.stock {
        field("Barang:", Some(stock.item.clone()));
        field("Jumlah:", stock.qty.map(|qty| format!("{} {}", crate::format::quantity(qty), stock.unit)));
    }
    if let Some(report) = &interpretation.report {
        field("Periode:", Some(format!("{} s.d. {}", crate::format::date(report.from), crate::format::date(report.to))));
    }
    field("Dicari:", interpretation.query.clone());
    field("Ingatan:", interpretation.memory.as_ref().map(|memory| memory.fact.clone()));
    field("Yakin:", Some(format!("{:.0}%", interpretation.confidence * 100.0)));
    if let Some(question) = dispatch::question_for(&interpretation.missing) {
        lines.push(format!("Yang masih kurang: {question}"));
    }
    lines.join("\n")
}

fn intent_label(intent: Intent) -> &'static str {
    match intent {
        Intent::JobAdd => "catat servis",
        Intent::JobList => "daftar servis",
        Intent::ReminderAdd => "pasang pengingat",
        Intent::ReminderList => "daftar pengingat",
        Intent::StockAdd => "stok masuk",
        Intent::StockUse => "stok dipakai",
        Intent::StockSet => "jumlah stok sekarang",
        Intent::StockMin => "batas minimal stok",
        Intent::StockShow => "cek stok",
        Intent::StockList => "daftar stok",
        Intent::Search => "cari riwayat servis",
        Intent::Report => "laporan",
        Intent::MemoryAdd => "ingat sesuatu",
        Intent::MemoryForget => "lupakan sesuatu",
        Intent::Help => "bantuan",
        Intent::JobDelete => "hapus catatan servis",
        Intent::JobUpdate => "ubah status servis",
        Intent::JobUndo => "batalkan perubahan servis terakhir",
        Intent::JobEdit => "ubah data servis yang sudah tercatat",
        Intent::ReminderDelete => "hapus pengingat",
        Intent::StockDelete => "hapus barang stok",
        Intent::ReminderDone => "tandai pengingat selesai",
        Intent::ShoppingList => "daftar belanja",
        Intent::WarrantyCheck => "cek garansi",
        Intent::Chat => "obrolan bebas (dijawab model bahasa)",
    }
}

/// `nano config`: every setting, its value and where it comes from.
fn show_settings(json: bool) -> Result<ExitCode, Failure> {
    let app = App::open()?;
    let rows = settings::describe_settings(&app.config, &app.paths.config_file);
    if json {
        let objects: Vec<serde_json::Value> = rows
            .iter()
            .map(|(key, value, source)| json!({ "key": key, "value": value, "source": source.label() }))
            .collect();
        println!("{}", json!({ "config_file": app.paths.config_file, "data_dir": app.paths.data_dir, "settings": objects }));
        return Ok(ExitCode::Ok);
    }
    // Values come from the config file and the environment, so they are made safe to print.
    say(&format!("File pengaturan: {}", app.paths.config_file.display()));
    say(&format!("Folder data:     {}", app.paths.data_dir.display()));
    let width = rows.iter().map(|row| row.0.len()).max().unwrap_or(0);
    for (key, value, source) in rows {
        say(&format!("  {key:<width$}  {value}  ({})", source.label()));
    }
    Ok(ExitCode::Ok)
}

/// `nano model`: which model is configured, and whether it loads.
fn model_status(json: bool) -> Result<ExitCode, Failure> {
    let app = App::open()?;
    let Some((path, source)) = app.config.model_path() else {
        let message = format!(
            "Belum ada model. Pasang dengan: nano model pasang FILE.gguf (tersimpan di {}), atau atur NANO_MODEL.",
            app.paths.config_file.display()
        );
        if json {
            println!("{}", json!({ "configured": false, "message": message }));
        }
        return Err(Failure::new(ExitCode::Model, message));
    };
    let from = match source {
        ModelSource::Environment => "NANO_MODEL".to_string(),
        ModelSource::ConfigFile => app.paths.config_file.display().to_string(),
    };

    match load_model(&app, &path) {
        Ok(engine) => {
            let info = engine.info();
            if json {
                println!("{}", json!({ "configured": true, "source": from, "loads": true, "info": info }));
            } else {
                println!("Model: {} (dari {from})", path.display());
                say(&format!("Dapat dimuat: ya — {}", info.name.clone().unwrap_or_else(|| "tanpa nama".into())));
            }
            Ok(ExitCode::Ok)
        }
        Err(reason) => {
            if json {
                println!("{}", json!({ "configured": true, "source": from, "loads": false, "message": reason }));
            }
            Err(Failure::new(ExitCode::Model, format!("Model: {} (dari {from}). Tidak bisa dimuat: {reason}", path.display())))
        }
    }
}

fn load_model(app: &App, path: &std::path::Path) -> Result<Engine, String> {
    let config = EngineConfig {
        model_path: path.to_path_buf(),
        context_size: app.config.model.context_size.max(256),
        threads: app.config.model.thread_count(),
        sampling: app.config.model.sampling(),
    };
    Engine::load(config, |_| {}).map_err(|error| error::model_problem(&error))
}

/// `nano model info`.
fn model_info(json: bool) -> Result<ExitCode, Failure> {
    let app = App::open()?;
    let Some((path, _)) = app.config.model_path() else {
        return Err(Failure::new(ExitCode::Model, "Belum ada model. Pasang dengan: nano model pasang FILE.gguf"));
    };
    let engine = load_model(&app, &path).map_err(|reason| Failure::new(ExitCode::Model, reason))?;
    let info = engine.info();
    if json {
        println!("{}", serde_json::to_string_pretty(info).unwrap_or_default());
        return Ok(ExitCode::Ok);
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "File:          {}", info.path.display());
    let _ = writeln!(out, "Nama:          {}", terminal_safe(info.name.as_deref().unwrap_or("-")));
    let _ = writeln!(out, "Arsitektur:    {}", terminal_safe(info.architecture.as_deref().unwrap_or("-")));
    let _ = writeln!(out, "Parameter:     {:.1} juta", info.parameters as f64 / 1e6);
    let _ = writeln!(out, "Kuantisasi:    {}", terminal_safe(info.file_type.as_deref().unwrap_or("-")));
    let _ = writeln!(out, "Konteks:       {} token", info.context_length);
    let _ = writeln!(out, "Ukuran file:   {:.1} MB", info.file_size as f64 / 1e6);
    let _ = writeln!(out, "Template chat: {}", if info.has_chat_template { "ada" } else { "tidak ada (pakai ChatML)" });
    Ok(ExitCode::Ok)
}

/// `nano model pasang FILE`: checks the file, then records it in the config.
fn model_install(file: &std::path::Path) -> Result<ExitCode, Failure> {
    let app = App::open()?;
    let path = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    gguf::check(&path, gguf::available_memory())
        .map_err(|error| Failure::new(ExitCode::Model, error::model_problem(&crate::llm::LlmError::File(error))))?;

    // The header can be fine while the tensor data is cut short. Only a real load detects
    // that, and a file that fails it must not replace a working model in the config.
    eprintln!("Memeriksa model dengan memuatnya sekali…");
    load_model(&app, &path).map_err(|reason| {
        Failure::new(ExitCode::Model, format!("{reason} Model lama di pengaturan tidak diubah."))
    })?;
    settings::set_model_path(&app.paths.config_file, &path)?;
    println!("Model {} dipasang. Cek dengan: nano model", path.display());
    Ok(ExitCode::Ok)
}

//! One-shot commands: `nano catat ...`, `nano laporan --minggu`, `nano tafsir ...`, and so on.
//! Each runs one line through the same interpretation and dispatcher as the chat loop, prints
//! the result (or JSON with `--json`) and returns the exit code.

use std::io::Write;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;

use crate::app::{exit_code_for, App};
use crate::cli::{join_words, Cli, Command, Laporan, ModelAction, Pengingat};
use crate::dispatch::{self, Outcome};
use crate::error::{self, ExitCode, Failure};
use crate::interpret::{Intent, Interpretation, ReportRange};
use crate::llm::{gguf, Engine, EngineConfig};
use crate::settings::{self, ModelSource};

/// Runs a parsed command line other than the bare chat.
pub fn run(cli: Cli, command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Catat(sentence) => sentence_command(cli.json, "catat", &sentence.words),
        Command::Ingatkan(sentence) => sentence_command(cli.json, "ingatkan", &sentence.words),
        Command::Stok(sentence) => sentence_command(cli.json, "stok", &sentence.words),
        Command::Cari(sentence) => sentence_command(cli.json, "cari", &sentence.words),
        Command::Kalimat(words) => sentence_command(cli.json, "", &words),
        Command::Laporan(laporan) => report(cli.json, laporan),
        Command::Pengingat(pengingat) => reminders(cli.json, pengingat),
        Command::Tafsir(tafsir) => {
            let line = words_line("", &tafsir.words)?;
            let now = settings::now()?;
            // Interpretation needs no database; it must also work where the data folder is
            // read-only, so it does not open the store.
            let interpretation = crate::interpret::interpret(&line, now);
            print_interpretation(cli.json, &interpretation);
            Ok(ExitCode::Ok)
        }
        Command::Model(model) => match model.action {
            None => model_status(cli.json),
            Some(ModelAction::Info) => model_info(cli.json),
            Some(ModelAction::Pasang { file }) => model_install(&file),
            Some(ModelAction::Uji(uji)) => crate::model_speed::run(cli.json, &uji),
        },
    }
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

    let reply = print_outcome(json, &outcome);
    app.finish_turn(turn, &reply, false)?;
    Ok(exit_code_for(&outcome))
}

/// Prints an outcome and returns the text shown, for the conversation log.
fn print_outcome(json: bool, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Done { reply, records } => {
            if json {
                println!("{}", serde_json::to_string_pretty(records).unwrap_or_default());
            } else {
                println!("{reply}");
            }
            reply.clone()
        }
        Outcome::NeedInfo { question, missing } => {
            let text = format!("Belum tersimpan, datanya kurang. {question}");
            if json {
                println!("{}", json!({ "error": "incomplete", "missing": missing, "message": text }));
            }
            eprintln!("{text}");
            text
        }
        Outcome::NotFound { reply } => {
            if json {
                println!("{}", json!({ "error": "not_found", "message": reply }));
            }
            eprintln!("{reply}");
            reply.clone()
        }
        Outcome::Confirm(confirmation) => {
            let text = format!(
                "{} Perintah sekali jalan butuh --ya untuk melanjutkan; tanpa itu tidak ada yang dihapus.",
                confirmation.question().trim_end_matches(" (ya/tidak)")
            );
            if json {
                println!("{}", json!({ "error": "needs_confirmation", "message": text }));
            }
            eprintln!("{text}");
            text
        }
        Outcome::Chat => String::new(),
    }
}

/// Answers a free sentence given on the command line with the model.
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
    let range = if laporan.hari {
        ReportRange { from: today, to: today, pdf: true }
    } else if laporan.bulan {
        month_of(today)
    } else if laporan.minggu || laporan.words.is_empty() {
        week_of(today)
    } else {
        match app.interpret(&words, now) {
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

    let mut interpretation = Interpretation::bare(Intent::Report, 1.0);
    interpretation.report = Some(range);
    let turn = app.begin_turn("oneshot", &words, &interpretation)?;
    let outcome = app.dispatch(&interpretation, &words, laporan.pdf)?;
    let reply = print_outcome(json, &outcome);
    app.finish_turn(turn, &reply, false)?;

    if reply.contains("PDF tidak bisa") {
        return Ok(ExitCode::Failed);
    }
    Ok(exit_code_for(&outcome))
}

/// Monday to Sunday around `day`.
fn week_of(day: NaiveDate) -> ReportRange {
    let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
    ReportRange {
        from: monday,
        to: monday + Duration::days(6),
        pdf: true,
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
    ReportRange { from: first, to: last, pdf: true }
}

/// `nano pengingat` lists open reminders; `nano pengingat selesai ID` closes one.
fn reminders(json: bool, pengingat: Pengingat) -> Result<ExitCode, Failure> {
    let mut app = App::open()?;
    let now = app.now()?;

    match pengingat.words.as_slice() {
        [] => {
            let interpretation = Interpretation::bare(Intent::ReminderList, 1.0);
            let outcome = app.dispatch(&interpretation, "pengingat", None)?;
            print_outcome(json, &outcome);
            Ok(exit_code_for(&outcome))
        }
        [action, id] if action == "selesai" => {
            let id: i64 = id.trim_start_matches('#').parse().map_err(|_| {
                Failure::new(ExitCode::Usage, format!("\"{id}\" bukan nomor pengingat. Contoh: nano pengingat selesai 3"))
            })?;
            app.store.complete_reminder(id, &now.to_rfc3339()).map_err(|_| {
                Failure::new(
                    ExitCode::NotFound,
                    format!("Pengingat #{id} tidak ada atau sudah selesai. Lihat daftarnya dengan: nano pengingat"),
                )
            })?;
            if json {
                println!("{}", json!({ "id": id, "done": true }));
            } else {
                println!("Pengingat #{id} ditandai selesai.");
            }
            Ok(ExitCode::Ok)
        }
        _ => Err(Failure::new(
            ExitCode::Usage,
            "Perintah pengingat tidak dikenal. Pakai: nano pengingat, atau nano pengingat selesai ID",
        )),
    }
}

fn print_interpretation(json: bool, interpretation: &Interpretation) {
    let text = serde_json::to_string(interpretation).unwrap_or_default();
    if json {
        println!("{text}");
        return;
    }
    let pretty = serde_json::to_string_pretty(interpretation).unwrap_or(text);
    println!("Nano memahami kalimat ini sebagai: {:?}", interpretation.intent);
    println!("{pretty}");
    if let Some(question) = dispatch::question_for(&interpretation.missing) {
        println!("Yang masih kurang: {question}");
    }
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
                println!("Dapat dimuat: ya — {}", info.name.clone().unwrap_or_else(|| "tanpa nama".into()));
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
    let _ = writeln!(out, "Nama:          {}", info.name.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "Arsitektur:    {}", info.architecture.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "Parameter:     {:.1} juta", info.parameters as f64 / 1e6);
    let _ = writeln!(out, "Kuantisasi:    {}", info.file_type.as_deref().unwrap_or("-"));
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
    settings::set_model_path(&app.paths.config_file, &path)?;
    println!("Model {} dipasang. Cek dengan: nano model", path.display());
    Ok(ExitCode::Ok)
}

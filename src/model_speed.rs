//! `nano model uji`: measures the local model's speed the way llama.cpp's `llama-bench` does
//! (prompt processing and generation in tokens per second), and with `--percakapan` shows how
//! much of a second chat turn's prompt the KV cache saves.

use std::path::PathBuf;

use serde_json::json;

use crate::cli::Uji;
use crate::error::{self, ExitCode, Failure};
use crate::llm::prompt::{ChatMessage, Role};
use crate::llm::{mean_and_deviation, Engine, EngineConfig, Generation, Sampling, SpeedReport, SpeedRequest};
use crate::settings::{Config, Paths};

/// Smallest context for the measurement; the two chat turns of `--percakapan` need about 300
/// tokens with the lines below.
const MIN_CONTEXT: u32 = 512;

/// Tokens per answer in the chat-turn measurement: enough to put an answer in the cache.
const TURN_ANSWER_TOKENS: u32 = 32;

const TURN_SYSTEM: &str = "Kamu Nano, asisten teknisi servis elektronik. Jawab singkat dan sopan dalam bahasa Indonesia.";
const TURN_LINES: [&str; 2] = [
    "Apa fungsi elco di power supply TV?",
    "Kalau elco itu kembung, apa yang harus saya periksa lagi?",
];

/// Names of the measured turns, in the order `measure_turns` returns them.
const TURN_LABELS: [&str; 3] = ["Giliran 1", "Giliran 2", "Giliran 2 tanpa cache"];

/// Runs the measurement and prints it.
pub fn run(json: bool, options: &Uji) -> Result<ExitCode, Failure> {
    if options.pp == 0 && options.tg == 0 {
        return Err(Failure::new(ExitCode::Usage, "--pp dan --tg tidak boleh dua-duanya 0: tidak ada yang diukur."));
    }

    let paths = Paths::resolve()?;
    let config = Config::load_or_create(&paths.config_file)?;
    let path = model_path(&config, options)?;
    let threads = options.threads.map(|n| n as i32).unwrap_or_else(|| config.model.thread_count());

    let engine = Engine::load(
        EngineConfig {
            model_path: path.clone(),
            context_size: (options.pp + options.tg).max(MIN_CONTEXT),
            threads,
            sampling: Sampling {
                temperature: 0.0,
                max_tokens: TURN_ANSWER_TOKENS,
                ..config.model.sampling()
            },
        },
        |_| {},
    )
    .map_err(|error| Failure::new(ExitCode::Model, error::model_problem(&error)))?;

    let report = engine
        .measure_speed(SpeedRequest {
            prompt_tokens: options.pp,
            generated_tokens: options.tg,
            repetitions: options.ulang,
        })
        .map_err(|error| Failure::new(ExitCode::Model, error::model_problem(&error)))?;

    let turns = if options.percakapan {
        Some(measure_turns(&engine).map_err(|reason| Failure::new(ExitCode::Model, reason))?)
    } else {
        None
    };

    if json {
        print_json(&engine, &report, turns.as_ref());
    } else {
        print_text(&engine, &report, options.ulang, turns.as_ref());
    }
    Ok(ExitCode::Ok)
}

fn model_path(config: &Config, options: &Uji) -> Result<PathBuf, Failure> {
    if let Some(file) = &options.model {
        return Ok(file.clone());
    }
    config.model_path().map(|(path, _)| path).ok_or_else(|| {
        Failure::new(
            ExitCode::Model,
            "Belum ada model untuk diuji. Pakai --model FILE.gguf, atau pasang dengan: nano model pasang FILE.gguf",
        )
    })
}

/// Runs two chat turns, the second extending the first so its prompt is mostly in the cache,
/// and then the second turn again from an empty cache for comparison.
fn measure_turns(engine: &Engine) -> Result<[Generation; 3], String> {
    let mut messages = vec![
        ChatMessage::new(Role::System, TURN_SYSTEM),
        ChatMessage::new(Role::User, TURN_LINES[0]),
    ];
    let first = engine.chat(messages.clone(), |_| {}).map_err(|error| error::model_problem(&error))?;

    messages.push(ChatMessage::new(Role::Assistant, first.text.clone()));
    messages.push(ChatMessage::new(Role::User, TURN_LINES[1]));
    let second = engine.chat(messages.clone(), |_| {}).map_err(|error| error::model_problem(&error))?;

    engine.clear_cache().map_err(|error| error::model_problem(&error))?;
    let cold = engine.chat(messages, |_| {}).map_err(|error| error::model_problem(&error))?;
    Ok([first, second, cold])
}

fn print_text(engine: &Engine, report: &SpeedReport, repetitions: u32, turns: Option<&[Generation; 3]>) {
    let info = engine.info();
    println!("Model: {} ({})", info.path.display(), info.name.as_deref().unwrap_or("tanpa nama"));
    println!(
        "Pengaturan: {} thread · batch {} · ubatch {} · {} kali ulang setelah 1 pemanasan",
        report.threads, report.batch_size, report.micro_batch_size, repetitions
    );
    if report.prompt_tokens > 0 {
        let (mean, deviation) = mean_and_deviation(&report.prompt_rates);
        println!("pp{}: {mean:.1} ± {deviation:.1} token/detik", report.prompt_tokens);
    }
    if report.generated_tokens > 0 {
        let (mean, deviation) = mean_and_deviation(&report.generation_rates);
        println!("tg{}: {mean:.1} ± {deviation:.1} token/detik", report.generated_tokens);
    }

    if let Some(turns) = turns {
        for (label, turn) in TURN_LABELS.iter().zip(turns) {
            println!(
                "{label}: prompt {} token, {} dipakai ulang dari cache, {} diproses dalam {:.1} ms; jawaban {} token dalam {:.1} ms",
                turn.prompt_tokens,
                turn.reused_tokens,
                turn.prompt_tokens - turn.reused_tokens,
                turn.prompt_seconds * 1000.0,
                turn.generated_tokens,
                turn.generation_seconds * 1000.0
            );
        }
    }
}

fn print_json(engine: &Engine, report: &SpeedReport, turns: Option<&[Generation; 3]>) {
    let (pp_mean, pp_deviation) = mean_and_deviation(&report.prompt_rates);
    let (tg_mean, tg_deviation) = mean_and_deviation(&report.generation_rates);
    let turns: Option<Vec<_>> = turns.map(|turns| {
        TURN_LABELS
            .iter()
            .zip(turns)
            .map(|(label, turn)| {
                json!({
                    "turn": label,
                    "prompt_tokens": turn.prompt_tokens,
                    "reused_tokens": turn.reused_tokens,
                    "prompt_ms": turn.prompt_seconds * 1000.0,
                    "generated_tokens": turn.generated_tokens,
                    "generation_ms": turn.generation_seconds * 1000.0,
                })
            })
            .collect()
    });
    let value = json!({
        "model": engine.info().path,
        "report": report,
        "prompt_tokens_per_second": { "mean": pp_mean, "stdev": pp_deviation },
        "generation_tokens_per_second": { "mean": tg_mean, "stdev": tg_deviation },
        "turns": turns,
    });
    println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
}

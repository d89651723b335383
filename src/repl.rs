//! The chat loop: reads lines with rustyline, runs each through interpretation and the
//! dispatcher, asks one question when a record lacks something, asks before deleting, and
//! hands free conversation to the model, streaming its answer.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::Editor;

use crate::app::App;
use crate::repl_helper::ChatHelper;
use crate::style;
use crate::dispatch::{Confirmation, Outcome};
use crate::error::{ExitCode, Failure};
use crate::format::say;
use crate::interpret::Intent;
use crate::llm::StopReason;

/// Number of questions for a missing detail before Nano gives up on a line.
const MAX_QUESTIONS: u8 = 1;

/// Confidence at which an answer to a question counts as a new command of its own.
const STANDALONE_CONFIDENCE: f32 = 0.9;

/// Words that end the session.
const EXIT_WORDS: [&str; 5] = ["keluar", "exit", "quit", "/keluar", "dadah"];

/// Words that cancel a pending question.
const CANCEL_WORDS: [&str; 5] = ["batal", "gak jadi", "ga jadi", "nggak jadi", "tidak jadi"];

/// The flag Ctrl-C raises while the model answers; set once the model is loaded.
static CANCEL_TARGET: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// A line that waits for more detail, with how often Nano has asked.
struct Pending {
    line: String,
    asked: u8,
    /// The slots the question asked for.
    missing: Vec<String>,
}

/// State the loop waits on besides a new line.
enum Waiting {
    Nothing,
    Detail(Pending),
    Confirmation(Confirmation),
}

/// Runs the chat until Ctrl-D or `keluar`.
pub fn run() -> Result<ExitCode, Failure> {
    let mut app = App::open()?;
    let _mark = crate::sessions::ChatMark::create(&app.paths.data_dir);

    // While the model answers the terminal is in normal mode, so Ctrl-C arrives as SIGINT;
    // it stops the answer, not Nano. At the prompt rustyline reads Ctrl-C as a key instead.
    let _ = ctrlc::set_handler(|| {
        if let Some(flag) = CANCEL_TARGET.get() {
            flag.store(true, Ordering::SeqCst);
        }
    });

    let mut editor: Editor<ChatHelper, DefaultHistory> = Editor::new()
        .map_err(|error| Failure::new(ExitCode::Failed, format!("Terminal tidak bisa dipakai untuk obrolan ({error}).")))?;
    editor.set_helper(Some(ChatHelper::default()));
    let _ = editor.load_history(&app.paths.history);

    style::show(&app.greeting()?);

    let mut waiting = Waiting::Nothing;
    let mut told_no_model = false;

    loop {
        if let (Some(helper), Ok(names)) = (editor.helper_mut(), app.store.record_names()) {
            helper.set_names(names);
        }

        let prompt = match waiting {
            Waiting::Nothing => "nano> ",
            _ => "  ...> ",
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                waiting = Waiting::Nothing;
                println!("(Ketik keluar atau tekan Ctrl-D untuk selesai.)");
                continue;
            }
            Err(ReadlineError::Eof) => {
                if let Waiting::Detail(_) | Waiting::Confirmation(_) = waiting {
                    println!("Kalimat terakhir belum lengkap, jadi tidak saya simpan.");
                }
                break;
            }
            Err(error) => {
                tracing::error!(%error, "readline failed");
                break;
            }
        };
        let line = line.trim().to_string();
        if line.is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(line.as_str());
        let _ = editor.save_history(&app.paths.history);

        if EXIT_WORDS.contains(&line.to_lowercase().as_str()) {
            break;
        }

        let result = match std::mem::replace(&mut waiting, Waiting::Nothing) {
            Waiting::Nothing => handle_line(&mut app, &line, 0, &mut told_no_model),
            Waiting::Detail(pending) => answer_question(&mut app, pending, &line, &mut told_no_model),
            Waiting::Confirmation(confirmation) => answer_confirmation(&mut app, confirmation, &line),
        };
        match result {
            Ok(next) => waiting = next,
            Err(failure) => say(&failure.message),
        }
    }

    say(&app.persona.fill(&app.persona.farewell, &app.address(), ""));
    Ok(ExitCode::Ok)
}

/// Interprets and acts on one line; returns what the loop should wait for next.
fn handle_line(app: &mut App, line: &str, asked: u8, told_no_model: &mut bool) -> Result<Waiting, Failure> {
    let now = app.now()?;
    let interpretation = app.interpret(line, now);
    let turn = app.begin_turn("chat", line, &interpretation)?;
    let outcome = app.dispatch(&interpretation, line, None)?;

    let (reply, next) = match outcome {
        Outcome::Done { reply, .. } | Outcome::NotFound { reply } => (reply, Waiting::Nothing),
        Outcome::NeedInfo { question, missing } if asked < MAX_QUESTIONS => (
            question,
            Waiting::Detail(Pending {
                line: line.to_string(),
                asked: asked + 1,
                missing,
            }),
        ),
        Outcome::NeedInfo { .. } => (
            "Maaf, saya masih belum menangkap maksudnya, jadi belum saya simpan. Coba tulis ulang dalam satu kalimat ya.".to_string(),
            Waiting::Nothing,
        ),
        Outcome::Confirm(confirmation) => (confirmation.question().to_string(), Waiting::Confirmation(confirmation)),
        Outcome::Chat => {
            chat(app, line, turn, told_no_model)?;
            return Ok(Waiting::Nothing);
        }
    };

    style::show(&reply);
    app.finish_turn(turn, &reply, false)?;
    Ok(next)
}

/// Completes a pending line with the user's answer, by reading both as one sentence.
fn answer_question(app: &mut App, pending: Pending, answer: &str, told_no_model: &mut bool) -> Result<Waiting, Failure> {
    if CANCEL_WORDS.contains(&answer.to_lowercase().as_str()) {
        println!("Baik, tidak jadi saya catat.");
        return Ok(Waiting::Nothing);
    }

    // A complete command of its own ("daftar pengingat", "catat TV Sharp ...") starts afresh
    // instead of being glued to the unfinished line.
    let now = app.now()?;
    let alone = app.interpret(answer, now);
    if alone.intent != Intent::Chat && alone.missing.is_empty() && alone.confidence >= STANDALONE_CONFIDENCE {
        println!("(Kalimat sebelumnya tidak saya simpan.)");
        return handle_line(app, answer, 0, told_no_model);
    }

    // A number in reply to "Yang mana, mas?" ("5", "#5", "yang nomor 5") is the job's number.
    if pending.missing.iter().any(|slot| slot == crate::lifecycle::CHOICE_SLOT) {
        if let Some(id) = chosen_number(answer) {
            let chosen = format!("#{id} {}", pending.line);
            return handle_line(app, &chosen, pending.asked, told_no_model);
        }
    }

    // "yang LG": the words narrow the description; "yang" itself adds nothing.
    let answer = answer.trim();
    let narrowing = answer.strip_prefix("yang ").unwrap_or(answer);
    let combined = format!("{} {}", pending.line, narrowing);
    handle_line(app, &combined, pending.asked, told_no_model)
}

/// Reads a reply that is only a record number: "5", "#5", "yang 5", "nomor 5", "no. 5".
fn chosen_number(answer: &str) -> Option<i64> {
    let words: Vec<String> = answer
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .filter(|word| !["yang", "nomor", "no", "nomer", "servis", "itu", "aja", "saja"].contains(&word.as_str()))
        .collect();
    match words.as_slice() {
        [only] => only.trim_start_matches('#').parse().ok().filter(|id| *id > 0),
        _ => None,
    }
}

fn answer_confirmation(app: &mut App, confirmation: Confirmation, answer: &str) -> Result<Waiting, Failure> {
    let yes = ["ya", "y", "iya", "yes", "yakin", "ok", "oke", "lanjut", "boleh"];
    if yes.contains(&answer.to_lowercase().trim_end_matches(['!', '.']).trim()) {
        if let Outcome::Done { reply, .. } = app.confirm(&confirmation)? {
            style::show(&reply);
        }
    } else {
        println!("Baik, {}.", confirmation.untouched());
    }
    Ok(Waiting::Nothing)
}

/// Streams the model's answer to a chat line, or says once why there is none.
fn chat(app: &mut App, line: &str, turn: crate::store::TurnId, told_no_model: &mut bool) -> Result<(), Failure> {
    let mut stdout = std::io::stdout();
    // Load the backend first so that Ctrl-C can already stop the first answer. A missing
    // model is reported by `answer` below.
    if app.backend(true).is_ok() {
        if let Some(flag) = app.cancel_flag() {
            let _ = CANCEL_TARGET.set(flag);
        }
    }
    let result = app.answer(line, true, &mut stdout);

    match result {
        Ok(reply) => {
            let interrupted = reply.stop == StopReason::Cancelled;
            if interrupted {
                print!(" (dihentikan)");
            }
            println!();
            let _ = stdout.flush();
            app.finish_turn(turn, &reply.text, interrupted)?;
        }
        Err(reason) => {
            let reply = if *told_no_model {
                "Maaf, tanpa model bahasa saya belum bisa menjawab itu. Ketik /bantuan untuk melihat yang bisa saya kerjakan.".to_string()
            } else {
                *told_no_model = true;
                reason
            };
            say(&reply);
            app.finish_turn(turn, &reply, false)?;
        }
    }
    Ok(())
}

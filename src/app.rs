//! One Nano session: settings, the open database, the persona and, once a chat line needs it,
//! the model. The chat loop and one-shot commands both work through this type.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Timelike};

use crate::dispatch::{self, Confirmation, Dispatcher, Outcome};
use crate::error::{self, ExitCode, Failure};
use crate::format;
use crate::grounding::{self, Retrieval};
use crate::interpret::{self, Interpretation};
use crate::llm::prompt::{self, ChatMessage, PromptParts};
use crate::llm::{Backend, Engine, EngineConfig, ServerClient, ServerConfig, StopReason};
use crate::memory;
use crate::persona::{self, Persona};
use crate::settings::{self, BackendKind, Config, Paths};
use crate::store::{Store, TurnId};

/// How many earlier chat turns the model sees.
const HISTORY_TURNS: usize = 4;

/// The model's state within a session: loaded on first use, once.
enum ModelState {
    NotLoaded,
    Ready(Backend),
    Unavailable(String),
}

/// Nano's reply to a chat line.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatReply {
    /// The text shown, including the sources line of a grounded answer.
    pub text: String,
    pub stop: StopReason,
    /// Ids of the stored jobs given to the model.
    pub sources: Vec<i64>,
}

pub struct App {
    pub paths: Paths,
    pub config: Config,
    pub store: Store,
    pub persona: Persona,
    /// Problems found while starting (a broken persona file) to show once.
    pub notices: Vec<String>,
    model: ModelState,
}

impl App {
    /// Resolves folders, reads the config and persona, and opens the database.
    pub fn open() -> Result<App, Failure> {
        let paths = Paths::resolve()?;
        init_logging(&paths);
        let config = Config::load_or_create(&paths.config_file)?;
        let store = Store::open(&paths.database)?;
        let (persona, persona_problem) = Persona::load(&paths.persona_file);

        Ok(App {
            paths,
            config,
            store,
            persona,
            notices: persona_problem.into_iter().collect(),
            model: ModelState::NotLoaded,
        })
    }

    /// The current time; read on every line so a long session follows the clock.
    pub fn now(&self) -> Result<DateTime<FixedOffset>, Failure> {
        Ok(settings::now()?)
    }

    /// Interprets a line with the rules.
    pub fn interpret(&self, line: &str, now: DateTime<FixedOffset>) -> Interpretation {
        interpret::interpret(line, now)
    }

    /// The user's name from memory, if told.
    pub fn user_name(&self) -> Option<String> {
        let facts = self.store.facts().ok()?;
        memory::derived_value(&facts, "nama")
    }

    /// Logs the line before anything acts on it.
    pub fn begin_turn(&mut self, channel: &str, line: &str, interpretation: &Interpretation) -> Result<TurnId, Failure> {
        let json = serde_json::to_string(interpretation).unwrap_or_default();
        let now = self.now()?.to_rfc3339();
        Ok(self.store.begin_turn(channel, line, &json, &now)?)
    }

    /// Records the reply of a logged turn.
    pub fn finish_turn(&mut self, turn: TurnId, reply: &str, interrupted: bool) -> Result<(), Failure> {
        let now = self.now()?.to_rfc3339();
        Ok(self.store.finish_turn(turn, reply, interrupted, &now)?)
    }

    /// Acts on an interpretation.
    pub fn dispatch(&mut self, interpretation: &Interpretation, line: &str, pdf_path: Option<PathBuf>) -> Result<Outcome, Failure> {
        let now = self.now()?;
        let mut dispatcher = Dispatcher {
            store: &mut self.store,
            now,
            reports_dir: &self.paths.reports_dir,
            pdf_path,
        };
        Ok(dispatcher.act(interpretation, line)?)
    }

    /// Carries out a destructive action the user confirmed.
    pub fn confirm(&mut self, confirmation: &Confirmation) -> Result<Outcome, Failure> {
        let now = self.now()?;
        let mut dispatcher = Dispatcher {
            store: &mut self.store,
            now,
            reports_dir: &self.paths.reports_dir,
            pdf_path: None,
        };
        Ok(dispatcher.confirm(confirmation)?)
    }

    /// The greeting at the start of a chat, with reminders due today and overdue.
    pub fn greeting(&self) -> Result<String, Failure> {
        let now = self.now()?;
        let name = self.user_name();
        let mut text = self.persona.fill(&self.persona.greeting, name.as_deref(), persona::part_of_day(now.hour()));

        let due = dispatch::due_reminders(&self.store, &now)?;
        if !due.is_empty() {
            text.push_str(&format!(
                "\nPengingat untuk hari ini ({}):\n{}",
                due.len(),
                dispatch::reminder_lines(&due, &now)
            ));
        }
        for notice in &self.notices {
            text.push('\n');
            text.push_str(notice);
        }
        Ok(text)
    }

    /// Loads the model backend on first use and returns it. `Err` carries the Indonesian
    /// reason it is missing.
    pub fn backend(&mut self, show_progress: bool) -> Result<&Backend, String> {
        if let ModelState::NotLoaded = self.model {
            let loaded = match self.config.model.backend {
                BackendKind::Lokal => self.load_engine(show_progress).map(|engine| Backend::Local(Box::new(engine))),
                BackendKind::Server => self.server_client().map(Backend::Server),
            };
            self.model = match loaded {
                Ok(backend) => ModelState::Ready(backend),
                Err(reason) => ModelState::Unavailable(reason),
            };
        }
        match &self.model {
            ModelState::Ready(backend) => Ok(backend),
            ModelState::Unavailable(reason) => Err(reason.clone()),
            ModelState::NotLoaded => Err(self.persona.no_model.clone()),
        }
    }

    /// Builds the client for `backend = "server"`. Nothing is sent until the first chat line.
    fn server_client(&self) -> Result<ServerClient, String> {
        let model = &self.config.model;
        let url = model.server_url.trim();
        let config_file = self.paths.config_file.display();
        if url.is_empty() {
            return Err(format!(
                "backend = \"server\" tetapi server_url di {config_file} masih kosong. Isi dengan alamat server, misalnya http://127.0.0.1:8080."
            ));
        }
        // ureq is built without TLS to keep the binary small; llama-server and Ollama
        // listen on plain HTTP by default.
        if !url.starts_with("http://") {
            return Err(format!(
                "server_url \"{url}\" di {config_file} harus diawali http://. Nano belum mendukung https; pakai alamat http di jaringan sendiri."
            ));
        }
        Ok(ServerClient::new(ServerConfig {
            base_url: url.to_string(),
            model: model.server_model.trim().to_string(),
            api_key: Some(model.api_key.trim().to_string()).filter(|key| !key.is_empty()),
            sampling: model.sampling(),
        }))
    }

    fn load_engine(&self, show_progress: bool) -> Result<Engine, String> {
        let Some((path, _source)) = self.config.model_path() else {
            return Err(self.persona.no_model.clone());
        };
        let config = EngineConfig {
            model_path: path,
            context_size: self.config.model.context_size.max(256),
            threads: self.config.model.thread_count(),
            sampling: self.config.model.sampling(),
        };

        let draw = show_progress && std::io::stderr().is_terminal();
        let mut last_percent = u32::MAX;
        let result = Engine::load(config, move |progress| {
            let percent = (progress * 100.0).round() as u32;
            if draw && percent != last_percent {
                last_percent = percent;
                eprint!("\rMemuat model… {percent:>3}%");
                let _ = std::io::stderr().flush();
            }
        });
        if draw {
            eprint!("\r\x1b[2K");
        }
        result.map_err(|error| {
            format!(
                "{} Nano tetap jalan tanpa model: pencatatan, stok, pengingat dan laporan tidak terpengaruh.",
                error::model_problem(&error)
            )
        })
    }

    /// The messages for a chat line: persona, memory and `records` (stored jobs the line asks
    /// about), recent turns, the line.
    pub fn chat_messages(&self, line: &str, records: &[String]) -> Result<Vec<ChatMessage>, Failure> {
        let now = self.now()?;
        let facts = self.store.facts()?;
        let name = memory::derived_value(&facts, "nama");
        let persona_text = self.persona.fill(&self.persona.system_prompt, name.as_deref(), persona::part_of_day(now.hour()));
        let all_facts = memory::prompt_facts(&facts);
        let system = prompt::system_prompt(&PromptParts {
            persona: &persona_text,
            facts: &all_facts,
            records,
            today: &format::date_time(&now),
        });

        let history: Vec<(String, String)> = self
            .store
            .recent_chat_turns(HISTORY_TURNS)?
            .into_iter()
            .map(|turn| (turn.line, turn.reply))
            .collect();
        Ok(prompt::messages(system, &history, line))
    }

    /// Streams the answer to a chat line to `out`, or returns the reason there is none.
    ///
    /// A question about stored jobs gets those jobs in the prompt and a sources line after
    /// the answer; when no job matches, Nano says so without asking the model.
    pub fn answer(&mut self, line: &str, show_progress: bool, out: &mut dyn Write) -> Result<ChatReply, String> {
        let jobs = match grounding::retrieve(&self.store, line).map_err(|error| Failure::from(error).message)? {
            Retrieval::NotHistory => Vec::new(),
            Retrieval::Found(jobs) => jobs,
            Retrieval::NothingFound => {
                let _ = out.write_all(grounding::NOTHING_FOUND.as_bytes());
                let _ = out.flush();
                return Ok(ChatReply {
                    text: grounding::NOTHING_FOUND.to_string(),
                    stop: StopReason::EndOfGeneration,
                    sources: Vec::new(),
                });
            }
        };
        let sources: Vec<i64> = jobs.iter().map(|job| job.id).collect();
        let records = grounding::record_lines(&jobs);

        let messages = self.chat_messages(line, &records).map_err(|failure| failure.message)?;
        let backend = self.backend(show_progress)?;
        let generation = backend
            .chat(messages, |piece| {
                let _ = out.write_all(piece.as_bytes());
                let _ = out.flush();
            })
            .map_err(|error| error::model_problem(&error))?;

        let mut text = generation.text;
        if !sources.is_empty() && generation.stop != StopReason::Cancelled {
            let sources_line = format!("\n{}", grounding::sources_line(&sources));
            let _ = out.write_all(sources_line.as_bytes());
            let _ = out.flush();
            text.push_str(&sources_line);
        }
        Ok(ChatReply {
            text,
            stop: generation.stop,
            sources,
        })
    }

    /// The cancel flag of the loaded model, if any.
    pub fn cancel_flag(&self) -> Option<std::sync::Arc<std::sync::atomic::AtomicBool>> {
        match &self.model {
            ModelState::Ready(backend) => Some(backend.cancel_flag()),
            _ => None,
        }
    }
}

/// Sends `tracing` output to `nano.log` in the data folder, at the level in `NANO_LOG`.
fn init_logging(paths: &Paths) {
    let Ok(file) = std::fs::OpenOptions::new().create(true).append(true).open(&paths.log_file) else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("NANO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}

/// Exit code for an outcome of a one-shot command.
pub fn exit_code_for(outcome: &Outcome) -> ExitCode {
    match outcome {
        Outcome::Done { .. } | Outcome::Chat => ExitCode::Ok,
        Outcome::NeedInfo { .. } | Outcome::Confirm(_) => ExitCode::Incomplete,
        Outcome::NotFound { .. } => ExitCode::NotFound,
    }
}

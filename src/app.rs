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
use crate::llm::{fallback, Backend, Engine, EngineConfig, ServerClient, ServerConfig, StopReason};
use crate::memory;
use crate::persona::{self, Persona};
use crate::settings::{self, BackendKind, Config, Paths};
use crate::store::{Store, TurnId};

/// Number of earlier chat turns included in the model's prompt.
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
        // A broken config only affects the model settings, so it must not stop job records:
        // say what is wrong and carry on with the defaults.
        let config = match Config::load_or_create(&paths.config_file) {
            Ok(config) => config,
            Err(error) => {
                let failure = Failure::from(error);
                eprintln!(
                    "{} Untuk sementara Nano memakai pengaturan bawaan.",
                    crate::format::terminal_safe(&failure.message)
                );
                Config::default()
            }
        };
        let store = Store::open(&paths.database)?;
        let (persona, persona_problem) = Persona::load(&paths.persona_file);
        let mut notices: Vec<String> = persona_problem.into_iter().collect();

        // A failed backup must not stop the day's work; the chat says so once, and the next
        // open tries again because today's file is still missing.
        let today = settings::now()?.date_naive();
        if let Err(error) = store.daily_backup(&paths.backups_dir, today) {
            tracing::warn!(%error, "daily backup failed");
            notices.push(format!(
                "Catatan: cadangan harian ke {} gagal dibuat; lihat nano.log.",
                paths.backups_dir.display()
            ));
        }

        Ok(App {
            paths,
            config,
            store,
            persona,
            notices,
            model: ModelState::NotLoaded,
        })
    }

    /// Returns the current time, read on every line so a long session follows the clock.
    pub fn now(&self) -> Result<DateTime<FixedOffset>, Failure> {
        Ok(settings::now()?)
    }

    /// Interprets a line with the rules. A line they read as unsure chat although it names a
    /// device, part or price goes to the configured model, if any, under the interpretation
    /// grammar, and the model's validated reading replaces the rules' one.
    pub fn interpret(&mut self, line: &str, now: DateTime<FixedOffset>) -> Interpretation {
        let rules = interpret::interpret_with(line, now, self.config.interpret_options());
        if !interpret::needs_model(&rules, line) || self.config.model_path().is_none() {
            return rules;
        }
        // Only the local engine can sample under a grammar; a server backend keeps the rules.
        let Ok(Backend::Local(engine)) = self.backend(true) else {
            return rules;
        };
        model_reading(engine, line, now).unwrap_or(rules)
    }

    /// Returns the address for the user: "mas Arip" from memory, else the persona's default.
    pub fn address(&self) -> String {
        let facts = self.store.facts().unwrap_or_default();
        address_from(&self.persona, &facts)
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
            backups_dir: &self.paths.backups_dir,
            pdf_path,
            persona: &self.persona,
            configured_shop_name: Some(self.config.shop.name.trim()).filter(|name| !name.is_empty()),
            default_warranty_days: self.config.shop.warranty_days,
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
            backups_dir: &self.paths.backups_dir,
            pdf_path: None,
            persona: &self.persona,
            configured_shop_name: Some(self.config.shop.name.trim()).filter(|name| !name.is_empty()),
            default_warranty_days: self.config.shop.warranty_days,
        };
        Ok(dispatcher.confirm(confirmation)?)
    }

    /// Builds the greeting at the start of a chat, with reminders due today and overdue.
    pub fn greeting(&self) -> Result<String, Failure> {
        let now = self.now()?;
        let mut text = self.persona.fill(&self.persona.greeting, &self.address(), persona::part_of_day(now.hour()));

        // Reminders already past come first, apart from the rest of today's.
        let (overdue, today): (Vec<_>, Vec<_>) = dispatch::due_reminders(&self.store, &now)?
            .into_iter()
            .partition(|reminder| reminder.due < now);
        if !overdue.is_empty() {
            text.push_str(&format!(
                "\nPengingat yang terlewat ({}):\n{}",
                overdue.len(),
                crate::listing::reminder_table(&overdue, &now)
            ));
        }
        if !today.is_empty() {
            text.push_str(&format!(
                "\nPengingat untuk hari ini ({}):\n{}",
                today.len(),
                crate::listing::reminder_table(&today, &now)
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
        let Some(config) = engine_config(&self.config) else {
            return Err(self.persona.no_model.clone());
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
        let address = address_from(&self.persona, &facts);
        let persona_text = self.persona.fill(&self.persona.system_prompt, &address, persona::part_of_day(now.hour()));
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
        let backend = match self.backend(show_progress) {
            Ok(backend) => backend,
            // Without a model the matching records still answer a question about them.
            Err(reason) if !jobs.is_empty() => {
                tracing::info!(%reason, "history question answered with records only");
                let text = format!(
                    "Model bahasa belum bisa dipakai, jadi ini catatan yang cocok:\n{}\n{}",
                    crate::listing::job_table(&jobs),
                    grounding::sources_line(&sources)
                );
                let _ = out.write_all(crate::style::paint(&format::terminal_safe(&text)).as_bytes());
                let _ = out.flush();
                return Ok(ChatReply { text, stop: StopReason::EndOfGeneration, sources });
            }
            Err(reason) => return Err(reason),
        };
        let generation = backend
            .chat(messages, |piece| {
                let _ = out.write_all(format::terminal_safe(piece).as_bytes());
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

    /// Returns the cancel flag of the loaded model, if any.
    pub fn cancel_flag(&self) -> Option<std::sync::Arc<std::sync::atomic::AtomicBool>> {
        match &self.model {
            ModelState::Ready(backend) => Some(backend.cancel_flag()),
            _ => None,
        }
    }
}

/// Builds the persona's address for the user from the name and form of address in memory.
pub fn address_from(persona: &Persona, facts: &[crate::store::FactRecord]) -> String {
    let name = memory::derived_value(facts, "nama");
    let honorific = memory::preferred_honorific(facts);
    persona.address(name.as_deref(), honorific.as_deref())
}

/// Sends `tracing` output to `nano.log` in the data folder, at the level in `NANO_LOG`.
/// The engine settings for the configured model; `None` when no model is configured.
pub fn engine_config(config: &Config) -> Option<EngineConfig> {
    let (path, _source) = config.model_path()?;
    Some(EngineConfig {
        model_path: path,
        context_size: config.model.context_size.max(256),
        threads: config.model.thread_count(),
        sampling: config.model.sampling(),
    })
}

/// Asks the model to interpret `line`; `None` (logged) when it fails or its object is invalid.
pub fn model_reading(engine: &Engine, line: &str, now: DateTime<FixedOffset>) -> Option<Interpretation> {
    match fallback::interpret_with_model(engine, line, now) {
        Ok(reading) => Some(reading),
        Err(error) => {
            tracing::warn!(%error, line, "model interpretation failed; keeping the rules' reading");
            None
        }
    }
}

pub fn init_logging(paths: &Paths) {
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

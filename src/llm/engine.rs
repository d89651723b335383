//! The local model: the only code that calls llama-cpp-2.
//!
//! One worker thread owns the model and one context for the whole session, because
//! `LlamaContext` borrows the model and may not cross threads. Callers send a request and
//! receive pieces of the answer through a channel as they are generated. The tokens already in
//! the KV cache are kept between turns, so a turn only processes the part of its prompt that
//! differs from the previous one.

use std::num::NonZeroU32;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use std::time::Instant;

use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::model::{LlamaChatMessage, LlamaModel};
use llama_cpp_2::sampling::LlamaSampler;
use llama_cpp_2::token::LlamaToken;

use super::gguf;
use super::prompt::{render_chatml, strip_control_markers, ChatMessage, Role};
use super::bench;
use super::speed::{SpeedReport, SpeedRequest};
use super::types::{EngineConfig, Generation, LlmError, ModelInfo, Sampling, StopReason};

/// Events sent back while answering.
enum Event {
    Piece(String),
    Done(Generation),
    Failed(String),
}

struct ChatRequest {
    messages: Vec<ChatMessage>,
    sampling: Sampling,
    /// A GBNF grammar (root rule `root`) that the answer must match; `None` for free text.
    grammar: Option<String>,
    events: Sender<Event>,
}

/// Work for the model thread.
enum Request {
    Chat(ChatRequest),
    Speed(SpeedRequest, Sender<Result<SpeedReport, String>>),
    /// Empty the KV cache, then reply on the channel.
    ClearCache(Sender<()>),
}

/// A loaded model with its worker thread.
pub struct Engine {
    requests: Option<Sender<Request>>,
    worker: Option<JoinHandle<()>>,
    cancel: Arc<AtomicBool>,
    info: ModelInfo,
    sampling: Sampling,
}

/// llama.cpp's backend may be initialised once per process; it lives as long as the process.
fn backend() -> Result<&'static LlamaBackend, LlmError> {
    static BACKEND: OnceLock<Option<LlamaBackend>> = OnceLock::new();
    BACKEND
        .get_or_init(|| {
            // Route llama.cpp's own log into tracing (the log file), never the terminal.
            llama_cpp_2::send_logs_to_tracing(llama_cpp_2::LogOptions::default());
            LlamaBackend::init().ok()
        })
        .as_ref()
        .ok_or_else(|| LlmError::Generation("llama.cpp backend failed to start".into()))
}

impl Engine {
    /// Checks the file, loads the model on a new worker thread and waits until it is ready.
    /// `on_progress` receives load progress from 0 to 1.
    pub fn load(config: EngineConfig, on_progress: impl FnMut(f32) + Send + 'static) -> Result<Engine, LlmError> {
        gguf::check(&config.model_path, gguf::available_memory())?;
        backend()?;

        let (ready_tx, ready_rx) = mpsc::channel::<Result<ModelInfo, LlmError>>();
        let (requests_tx, requests_rx) = mpsc::channel::<Request>();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_cancel = Arc::clone(&cancel);
        let sampling = config.sampling.clone();

        let worker = std::thread::Builder::new()
            .name("nano-model".into())
            .spawn(move || run_worker(config, on_progress, ready_tx, requests_rx, worker_cancel))
            .map_err(|error| LlmError::Generation(error.to_string()))?;

        let info = ready_rx.recv().map_err(|_| LlmError::WorkerGone)??;
        Ok(Engine {
            requests: Some(requests_tx),
            worker: Some(worker),
            cancel,
            info,
            sampling,
        })
    }

    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// The flag that stops a running answer; set it from a Ctrl-C handler.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// Answers a chat with the configured sampling, calling `on_piece` with each piece of
    /// text as soon as it is complete UTF-8.
    pub fn chat(&self, messages: Vec<ChatMessage>, on_piece: impl FnMut(&str)) -> Result<Generation, LlmError> {
        self.chat_with(messages, self.sampling.clone(), on_piece)
    }

    /// Like [`Engine::chat`] with explicit sampling settings.
    pub fn chat_with(
        &self,
        messages: Vec<ChatMessage>,
        sampling: Sampling,
        mut on_piece: impl FnMut(&str),
    ) -> Result<Generation, LlmError> {
        let events = self.send_chat(messages, sampling, None)?;
        receive(&events, &mut on_piece)
    }

    /// Queues a chat request for the worker, with the cancel flag lowered; returns the channel
    /// its events arrive on.
    fn send_chat(&self, messages: Vec<ChatMessage>, sampling: Sampling, grammar: Option<String>) -> Result<Receiver<Event>, LlmError> {
        self.cancel.store(false, Ordering::SeqCst);
        let (events_tx, events_rx) = mpsc::channel();
        let requests = self.requests.as_ref().ok_or(LlmError::WorkerGone)?;
        requests
            .send(Request::Chat(ChatRequest {
                messages,
                sampling,
                grammar,
                events: events_tx,
            }))
            .map_err(|_| LlmError::WorkerGone)?;
        Ok(events_rx)
    }

    /// Generates an answer that matches the GBNF `grammar` (root rule `root`), decoding
    /// greedily so the same prompt gives the same text. Fails when the grammar does not parse
    /// or the answer reaches `max_tokens` before the grammar is complete.
    pub fn complete_json(&self, messages: Vec<ChatMessage>, grammar: &str, max_tokens: u32) -> Result<String, LlmError> {
        let sampling = Sampling { temperature: 0.0, repeat_penalty: 1.0, max_tokens, ..self.sampling.clone() };
        let events = self.send_chat(messages, sampling, Some(grammar.to_string()))?;
        let generation = receive(&events, &mut |_| {})?;
        match generation.stop {
            StopReason::EndOfGeneration => Ok(generation.text),
            StopReason::Length => Err(LlmError::Generation(format!("answer cut off after {max_tokens} tokens"))),
            StopReason::Cancelled => Err(LlmError::Generation("answer cancelled".into())),
        }
    }

    /// Empties the KV cache, so the next answer processes its whole prompt (for benchmarks).
    pub fn clear_cache(&self) -> Result<(), LlmError> {
        let (reply_tx, reply_rx) = mpsc::channel();
        let requests = self.requests.as_ref().ok_or(LlmError::WorkerGone)?;
        requests
            .send(Request::ClearCache(reply_tx))
            .map_err(|_| LlmError::WorkerGone)?;
        reply_rx.recv().map_err(|_| LlmError::WorkerGone)
    }

    /// Measures prompt processing and generation speed the way llama.cpp's llama-bench
    /// does, on this engine's context. The chat's KV cache is emptied by the measurement.
    pub fn measure_speed(&self, request: SpeedRequest) -> Result<SpeedReport, LlmError> {
        let (reply_tx, reply_rx) = mpsc::channel();
        let requests = self.requests.as_ref().ok_or(LlmError::WorkerGone)?;
        requests
            .send(Request::Speed(request, reply_tx))
            .map_err(|_| LlmError::WorkerGone)?;
        reply_rx
            .recv()
            .map_err(|_| LlmError::WorkerGone)?
            .map_err(LlmError::Generation)
    }
}

fn receive(events: &Receiver<Event>, on_piece: &mut impl FnMut(&str)) -> Result<Generation, LlmError> {
    loop {
        match events.recv().map_err(|_| LlmError::WorkerGone)? {
            Event::Piece(piece) => on_piece(&piece),
            Event::Done(generation) => return Ok(generation),
            Event::Failed(reason) => return Err(LlmError::Generation(reason)),
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
        // Closing the request channel ends the worker's loop.
        self.requests.take();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn run_worker(
    config: EngineConfig,
    mut on_progress: impl FnMut(f32) + Send + 'static,
    ready: Sender<Result<ModelInfo, LlmError>>,
    requests: Receiver<Request>,
    cancel: Arc<AtomicBool>,
) {
    let Ok(backend) = backend() else {
        let _ = ready.send(Err(LlmError::WorkerGone));
        return;
    };

    let params = LlamaModelParams::default().with_progress_callback(move |progress| {
        on_progress(progress);
        true
    });
    let model = match LlamaModel::load_from_file(backend, &config.model_path, &params) {
        Ok(model) => model,
        Err(error) => {
            tracing::error!(%error, path = %config.model_path.display(), "model load failed");
            let _ = ready.send(Err(LlmError::Load(config.model_path.clone())));
            return;
        }
    };

    let context_size = config.context_size.min(model.n_ctx_train().max(256));
    // The batch sizes are llama-bench's defaults (2048 and 512): a prompt of up to 2048
    // tokens goes to llama.cpp in one decode call, which splits it into micro-batches of 512.
    let context_params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(context_size))
        .with_n_batch(context_size.min(2048))
        .with_n_ubatch(context_size.min(512))
        .with_n_threads(config.threads)
        .with_n_threads_batch(config.threads);
    let mut context = match model.new_context(backend, context_params) {
        Ok(context) => context,
        Err(error) => {
            tracing::error!(%error, context_size, "context creation failed");
            let _ = ready.send(Err(LlmError::Context(context_size)));
            return;
        }
    };

    let info = model_info(&model, &config.model_path, context_size);
    if ready.send(Ok(info)).is_err() {
        return;
    }

    let mut session = Session {
        model: &model,
        markers: control_markers(&model),
        cached: Vec::new(),
        cancel,
    };
    for request in requests {
        match request {
            Request::Chat(request) => {
                let result = session.answer(
                    &mut context,
                    &request.messages,
                    &request.sampling,
                    request.grammar.as_deref(),
                    &request.events,
                );
                let event = match result {
                    Ok(generation) => Event::Done(generation),
                    Err(reason) => {
                        tracing::error!(reason, "generation failed");
                        // The cache may no longer match what was decoded; start clean next turn.
                        context.clear_kv_cache();
                        session.cached.clear();
                        Event::Failed(reason)
                    }
                };
                let _ = request.events.send(event);
            }
            Request::ClearCache(reply) => {
                context.clear_kv_cache();
                session.cached.clear();
                let _ = reply.send(());
            }
            Request::Speed(request, reply) => {
                let report = bench::measure(&mut context, &model, config.threads, &request);
                // The measurement filled the cache with random tokens.
                context.clear_kv_cache();
                session.cached.clear();
                let _ = reply.send(report);
            }
        }
    }
}

/// Reads the model's metadata for `nano model info`.
fn model_info(model: &LlamaModel, path: &Path, context_size: u32) -> ModelInfo {
    let meta = |key: &str| model.meta_val_str(key).ok().filter(|value| !value.is_empty());
    ModelInfo {
        path: path.to_path_buf(),
        name: meta("general.name"),
        architecture: meta("general.architecture"),
        parameters: model.n_params(),
        file_type: meta("general.file_type").map(|code| file_type_name(&code)),
        context_length: context_size,
        file_size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        has_chat_template: model.chat_template(None).is_ok(),
    }
}

/// Names llama.cpp's `general.file_type` codes for the common quantisations.
fn file_type_name(code: &str) -> String {
    let name = match code {
        "0" => "F32",
        "1" => "F16",
        "2" => "Q4_0",
        "3" => "Q4_1",
        "7" => "Q8_0",
        "8" => "Q5_0",
        "9" => "Q5_1",
        "10" => "Q2_K",
        "11" => "Q3_K_S",
        "12" => "Q3_K_M",
        "13" => "Q3_K_L",
        "14" => "Q4_K_S",
        "15" => "Q4_K_M",
        "16" => "Q5_K_S",
        "17" => "Q5_K_M",
        "18" => "Q6_K",
        "32" => "BF16",
        other => return format!("tipe {other}"),
    };
    name.to_string()
}

/// Texts of the model's control tokens (`<|im_end|>` and the like).
fn control_markers(model: &LlamaModel) -> Vec<String> {
    let vocab = model.vocab();
    let mut markers: Vec<String> = vocab
        .tokens()
        .filter(|token| vocab.is_control(*token) || vocab.is_eog(*token))
        .filter_map(|token| String::from_utf8(vocab.token_to_piece(token, true, None)).ok())
        .filter(|text| text.len() > 1)
        .collect();

    // The ChatML markers are used by the fallback template whatever the vocabulary says.
    markers.push("<|im_start|>".into());
    markers.push("<|im_end|>".into());
    markers.sort();
    markers.dedup();
    markers
}

struct Session<'m> {
    model: &'m LlamaModel,
    markers: Vec<String>,
    /// Tokens whose keys and values are in the context's cache, in order.
    cached: Vec<LlamaToken>,
    cancel: Arc<AtomicBool>,
}

impl Session<'_> {
    fn answer(
        &mut self,
        context: &mut LlamaContext,
        messages: &[ChatMessage],
        sampling: &Sampling,
        grammar: Option<&str>,
        events: &Sender<Event>,
    ) -> Result<Generation, String> {
        let context_size = context.n_ctx() as usize;
        let answer_budget = (sampling.max_tokens as usize).min(context_size / 2);
        let (prompt, dropped_turns) = self.fit_prompt(messages, context_size - answer_budget);

        // Keep what the cache shares with this prompt; at least one token is decoded again so
        // that there are fresh logits to sample from.
        let shared = common_prefix(&self.cached, &prompt).min(prompt.len().saturating_sub(1));
        context
            .clear_kv_cache_seq(Some(0), Some(shared as u32), None)
            .map_err(|error| error.to_string())?;
        self.cached.truncate(shared);

        let prompt_started = Instant::now();
        self.decode_tokens(context, &prompt[shared..], shared)?;
        let prompt_seconds = prompt_started.elapsed().as_secs_f64();

        let mut sampler = match grammar {
            Some(grammar) => grammar_sampler(self.model, grammar)?,
            None => build_sampler(sampling, self.model),
        };
        let mut decoder = Utf8Pieces::default();
        let mut text = String::new();
        let mut generated = 0usize;
        let generation_started = Instant::now();

        let stop = loop {
            if self.cancel.load(Ordering::SeqCst) {
                break StopReason::Cancelled;
            }
            if generated >= answer_budget || self.cached.len() >= context_size {
                break StopReason::Length;
            }

            let token = sampler.sample(context, -1);
            if self.model.vocab().is_eog(token) {
                break StopReason::EndOfGeneration;
            }

            let bytes = self.model.vocab().token_to_piece(token, false, None);
            if let Some(piece) = decoder.push(&bytes) {
                text.push_str(&piece);
                let _ = events.send(Event::Piece(piece));
            }

            generated += 1;
            let position = self.cached.len();
            self.decode_tokens(context, &[token], position)?;
        };

        Ok(Generation {
            text,
            stop,
            prompt_tokens: prompt.len(),
            reused_tokens: shared,
            generated_tokens: generated,
            prompt_seconds,
            generation_seconds: generation_started.elapsed().as_secs_f64(),
            dropped_turns,
        })
    }

    /// Renders and tokenizes the messages, leaving out the oldest turns, and then shortening
    /// the longest message, until the prompt fits `budget` tokens.
    fn fit_prompt(&self, messages: &[ChatMessage], budget: usize) -> (Vec<LlamaToken>, usize) {
        let mut messages: Vec<ChatMessage> = messages
            .iter()
            .map(|message| ChatMessage::new(message.role, strip_control_markers(&message.content, &self.markers)))
            .collect();
        let mut dropped = 0;

        loop {
            let tokens = self.tokenize_chat(&messages);
            if tokens.len() <= budget {
                return (tokens, dropped);
            }

            // Turns sit between the system message and the last line; drop the oldest pair.
            if messages.len() > 3 && messages[0].role == Role::System {
                messages.drain(1..3);
                dropped += 1;
                continue;
            }

            let longest = messages
                .iter_mut()
                .max_by_key(|message| message.content.len())
                .expect("at least one message");
            let keep = longest.content.chars().count() * 2 / 3;
            if keep == 0 {
                // Nothing left to shorten; the template alone exceeds the budget.
                let mut tokens = tokens;
                tokens.truncate(budget);
                return (tokens, dropped);
            }
            longest.content = longest.content.chars().take(keep).collect();
        }
    }

    fn tokenize_chat(&self, messages: &[ChatMessage]) -> Vec<LlamaToken> {
        let rendered = self.apply_template(messages).unwrap_or_else(|| render_chatml(messages));
        // Control markers were stripped from every message, so parsing special tokens here
        // can only match the template's own markers.
        self.model.vocab().tokenize(rendered.as_bytes(), true, true)
    }

    fn apply_template(&self, messages: &[ChatMessage]) -> Option<String> {
        let template = self.model.chat_template(None).ok()?;
        let chat: Vec<LlamaChatMessage> = messages
            .iter()
            .map(|message| LlamaChatMessage::new(message.role.as_str().into(), message.content.clone()))
            .collect::<Result<_, _>>()
            .ok()?;
        match self.model.apply_chat_template(&template, &chat, true) {
            Ok(text) if !text.is_empty() => Some(text),
            Ok(_) => None,
            Err(error) => {
                tracing::warn!(%error, "chat template failed; using ChatML");
                None
            }
        }
    }

    /// Decodes `tokens` at positions starting from `start`, in batches, requesting logits for
    /// the last token only; stops early when cancelled.
    fn decode_tokens(&mut self, context: &mut LlamaContext, tokens: &[LlamaToken], start: usize) -> Result<(), String> {
        let batch_size = context.n_batch().max(1) as usize;
        let mut batch = LlamaBatch::new(batch_size, 1);

        for (chunk_index, chunk) in tokens.chunks(batch_size).enumerate() {
            if self.cancel.load(Ordering::SeqCst) && chunk_index > 0 {
                return Err("cancelled while reading the prompt".into());
            }
            batch.clear();
            let chunk_start = start + chunk_index * batch_size;
            let is_last_chunk = chunk_start + chunk.len() == start + tokens.len();

            for (offset, token) in chunk.iter().enumerate() {
                let wants_logits = is_last_chunk && offset + 1 == chunk.len();
                batch
                    .add(*token, (chunk_start + offset) as i32, &[0], wants_logits)
                    .map_err(|error| error.to_string())?;
            }
            context.decode(&mut batch).map_err(|error| error.to_string())?;
            self.cached.extend_from_slice(chunk);
        }
        Ok(())
    }
}

fn common_prefix(left: &[LlamaToken], right: &[LlamaToken]) -> usize {
    left.iter().zip(right).take_while(|(a, b)| a == b).count()
}

fn build_sampler(sampling: &Sampling, model: &LlamaModel) -> LlamaSampler {
    let penalties = LlamaSampler::penalties(model.n_vocab(), 64, sampling.repeat_penalty, 0.0, 0.0);
    if sampling.temperature <= 0.0 {
        return LlamaSampler::chain_simple([penalties, LlamaSampler::greedy()]);
    }
    LlamaSampler::chain_simple([
        penalties,
        LlamaSampler::top_k(40),
        LlamaSampler::top_p(sampling.top_p, 1),
        LlamaSampler::min_p(sampling.min_p, 1),
        LlamaSampler::temp(sampling.temperature),
        LlamaSampler::dist(sampling.seed),
    ])
}

/// Builds a greedy sampler restricted by a GBNF grammar. `sample` accepts each token into the
/// whole chain, which advances the grammar's state, so the caller must not accept again.
fn grammar_sampler(model: &LlamaModel, grammar: &str) -> Result<LlamaSampler, String> {
    let grammar = LlamaSampler::grammar(model, grammar, "root").map_err(|error| format!("invalid grammar: {error}"))?;
    Ok(LlamaSampler::chain_simple([grammar, LlamaSampler::greedy()]))
}

/// Joins token bytes into text, holding back a character split across tokens until its last
/// byte arrives.
#[derive(Default)]
struct Utf8Pieces {
    pending: Vec<u8>,
}

impl Utf8Pieces {
    fn push(&mut self, bytes: &[u8]) -> Option<String> {
        self.pending.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(error) if error.error_len().is_some() => {
                // Invalid bytes, not an incomplete character: replace them and go on.
                let text = String::from_utf8_lossy(&self.pending).into_owned();
                self.pending.clear();
                return Some(text);
            }
            Err(error) => error.valid_up_to(),
        };
        if valid == 0 {
            return None;
        }
        let rest = self.pending.split_off(valid);
        let text = String::from_utf8(std::mem::replace(&mut self.pending, rest)).ok()?;
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_pieces_wait_for_whole_characters() {
        let mut pieces = Utf8Pieces::default();
        let bytes = "é…".as_bytes();

        assert_eq!(pieces.push(&bytes[..1]), None);
        assert_eq!(pieces.push(&bytes[1..3]).as_deref(), Some("é"));
        assert_eq!(pieces.push(&bytes[3..]).as_deref(), Some("…"));
        assert_eq!(pieces.push(b"\xff").as_deref(), Some("\u{fffd}"));
    }

    #[test]
    fn common_prefix_counts_shared_tokens() {
        let a = [LlamaToken(1), LlamaToken(2), LlamaToken(3)];
        let b = [LlamaToken(1), LlamaToken(2), LlamaToken(9), LlamaToken(4)];
        assert_eq!(common_prefix(&a, &b), 2);
        assert_eq!(common_prefix(&a, &[]), 0);
    }
}

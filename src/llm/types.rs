//! Types that callers of the model layer use: settings, errors and the figures of a reply.
//! They live apart from the engine so that builds without the `model` feature, which leave out
//! llama-cpp-2, still have them.

use std::path::PathBuf;

use super::gguf::GgufError;

/// Sampling settings for generated replies.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampling {
    /// 0 picks the most likely token every time (deterministic).
    pub temperature: f32,
    pub top_p: f32,
    pub min_p: f32,
    /// 1.0 turns the penalty off.
    pub repeat_penalty: f32,
    pub seed: u32,
    /// Maximum generated tokens per reply.
    pub max_tokens: u32,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling {
            temperature: 0.7,
            top_p: 0.9,
            min_p: 0.05,
            repeat_penalty: 1.1,
            seed: 42,
            max_tokens: 256,
        }
    }
}

/// How to load and run a model.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub model_path: PathBuf,
    /// Context size in tokens.
    pub context_size: u32,
    pub threads: i32,
    pub sampling: Sampling,
}

/// Reasons the model could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error(transparent)]
    File(#[from] GgufError),
    #[error("llama.cpp could not load {0}")]
    Load(PathBuf),
    #[error("llama.cpp could not create a context of {0} tokens")]
    Context(u32),
    #[error("generation failed: {0}")]
    Generation(String),
    #[error("the model worker stopped")]
    WorkerGone,
    #[error("this build has no local model engine (cargo feature `model` is off), so {0} cannot be loaded")]
    NoEngine(PathBuf),
    #[error("model server {url} unreachable: {reason}")]
    Server { url: String, reason: String },
    #[error("model server {url} returned HTTP {status}: {body}")]
    ServerStatus { url: String, status: u16, body: String },
}

/// Reason an answer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The model produced its end-of-generation token.
    EndOfGeneration,
    /// The answer reached `max_tokens` or the context filled up.
    Length,
    /// The caller raised the cancel flag (Ctrl-C).
    Cancelled,
}

/// Figures from one answer, for benchmarks and the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Generation {
    pub text: String,
    pub stop: StopReason,
    pub prompt_tokens: usize,
    /// Prompt tokens found in the KV cache from the previous turn and not processed again.
    pub reused_tokens: usize,
    pub generated_tokens: usize,
    pub prompt_seconds: f64,
    pub generation_seconds: f64,
    /// Earlier turns left out so that the prompt fits the context.
    pub dropped_turns: usize,
}

/// Facts from the header and metadata of the loaded model.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModelInfo {
    pub path: PathBuf,
    pub name: Option<String>,
    pub architecture: Option<String>,
    pub parameters: u64,
    pub file_type: Option<String>,
    pub context_length: u32,
    pub file_size: u64,
    pub has_chat_template: bool,
}

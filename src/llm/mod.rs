//! The language model layer: header checks, prompt building, the llama.cpp engine and the
//! OpenAI-compatible server client.
//!
//! Only `engine` and `speed` call llama-cpp-2, and both run on the engine's worker thread;
//! everything else in Nano goes through the types exported here.

mod backend;
mod engine;
pub mod fallback;
pub mod gguf;
pub mod prompt;
mod server;
mod speed;

pub use backend::Backend;
pub use engine::{Engine, EngineConfig, Generation, LlmError, ModelInfo, Sampling, StopReason};
pub use server::{ServerClient, ServerConfig};
pub use speed::{mean_and_deviation, SpeedReport, SpeedRequest};

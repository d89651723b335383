//! The language model layer: header checks, prompt building, the llama.cpp engine and the
//! OpenAI-compatible server client.
//!
//! Only `engine` and `bench` call llama-cpp-2, and both run on the engine's worker thread;
//! everything else in Nano goes through the types exported here. Without the cargo feature
//! `model` (on by default) neither is built and `Engine` is the stand-in from `no_engine`,
//! whose loading always fails; the server backend works the same in both builds.

mod backend;
#[cfg(feature = "model")]
mod bench;
#[cfg(feature = "model")]
mod engine;
pub mod fallback;
pub mod gguf;
#[cfg(not(feature = "model"))]
mod no_engine;
pub mod prompt;
mod server;
mod speed;
mod types;

pub use backend::Backend;
#[cfg(feature = "model")]
pub use engine::Engine;
#[cfg(not(feature = "model"))]
pub use no_engine::Engine;
pub use server::{ServerClient, ServerConfig};
pub use speed::{mean_and_deviation, SpeedReport, SpeedRequest};
pub use types::{EngineConfig, Generation, LlmError, ModelInfo, Sampling, StopReason};

//! The language model layer: header checks, prompt building and the llama.cpp engine.
//!
//! Only `engine` calls llama-cpp-2; everything else in Nano goes through the types exported
//! here.

mod engine;
pub mod fallback;
pub mod gguf;
pub mod prompt;

pub use engine::{Engine, EngineConfig, Generation, LlmError, ModelInfo, Sampling, StopReason};

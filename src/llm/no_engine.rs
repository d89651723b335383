//! The stand-in for the llama.cpp engine in builds without the cargo feature `model`, such as
//! the fuzz targets, which would otherwise compile llama.cpp for minutes. It has the engine's
//! interface, but loading always fails with [`LlmError::NoEngine`], so no value of it exists.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::prompt::ChatMessage;
use super::speed::{SpeedReport, SpeedRequest};
use super::types::{EngineConfig, Generation, LlmError, ModelInfo, Sampling};

/// A local model that this build cannot load. The type has no values, so every method other
/// than [`Engine::load`] is unreachable.
pub enum Engine {}

impl Engine {
    /// Fails with [`LlmError::NoEngine`], naming the model file that could not be loaded.
    pub fn load(config: EngineConfig, _on_progress: impl FnMut(f32) + Send + 'static) -> Result<Engine, LlmError> {
        Err(LlmError::NoEngine(config.model_path))
    }

    pub fn info(&self) -> &ModelInfo {
        match *self {}
    }

    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        match *self {}
    }

    pub fn chat(&self, _messages: Vec<ChatMessage>, _on_piece: impl FnMut(&str)) -> Result<Generation, LlmError> {
        match *self {}
    }

    pub fn chat_with(&self, _messages: Vec<ChatMessage>, _sampling: Sampling, _on_piece: impl FnMut(&str)) -> Result<Generation, LlmError> {
        match *self {}
    }

    pub fn complete_json(&self, _messages: Vec<ChatMessage>, _grammar: &str, _max_tokens: u32) -> Result<String, LlmError> {
        match *self {}
    }

    pub fn clear_cache(&self) -> Result<(), LlmError> {
        match *self {}
    }

    pub fn measure_speed(&self, _request: SpeedRequest) -> Result<SpeedReport, LlmError> {
        match *self {}
    }
}

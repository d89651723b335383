//! The model a session talks to: the local llama.cpp engine or an OpenAI-compatible server.
//! Both stream pieces to the same callback and stop on the same cancel flag, so the chat loop
//! and one-shot commands do not care which one answers.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::prompt::ChatMessage;
use super::server::ServerClient;
use super::types::{Generation, LlmError};
use super::Engine;

/// A ready model backend. In a build without the cargo feature `model`, `Engine::load` always
/// fails with [`LlmError::NoEngine`], so `Local` is never built and only `Server` answers.
pub enum Backend {
    Local(Box<Engine>),
    Server(ServerClient),
}

impl Backend {
    /// Answers a chat, calling `on_piece` with each piece of text as it arrives.
    pub fn chat(&self, messages: Vec<ChatMessage>, on_piece: impl FnMut(&str)) -> Result<Generation, LlmError> {
        match self {
            Backend::Local(engine) => engine.chat(messages, on_piece),
            Backend::Server(client) => client.chat(&messages, on_piece),
        }
    }

    /// The flag that stops a running answer; set it from a Ctrl-C handler.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        match self {
            Backend::Local(engine) => engine.cancel_flag(),
            Backend::Server(client) => client.cancel_flag(),
        }
    }
}

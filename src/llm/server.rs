//! A model behind an OpenAI-compatible chat API, as served by llama.cpp's `llama-server` and
//! by Ollama: `POST {base}/v1/chat/completions` with `stream: true`, answered with server-sent
//! events (`data: {json}` lines, ending with `data: [DONE]`).
//!
//! The client is blocking and runs on the caller's thread, because pieces go straight to the
//! caller's callback. The cancel flag is checked between events, so Ctrl-C stops an answer at
//! the next piece even when the server keeps sending.

use std::io::{BufRead, BufReader};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::types::{Generation, LlmError, Sampling, StopReason};
use super::prompt::ChatMessage;

/// How long to wait for the TCP connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long to wait for the next bytes of an answer. A server may load its model before the
/// first token, which takes tens of seconds for a multi-gigabyte file.
const READ_TIMEOUT: Duration = Duration::from_secs(120);

/// Most bytes of an error response kept for the log and the message.
const MAX_ERROR_BODY: usize = 300;

/// Where the server is and what to ask it for.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Base address without the `/v1/...` path, e.g. `http://127.0.0.1:8080`.
    pub base_url: String,
    /// The `model` field of the request; llama-server ignores it, Ollama needs it.
    pub model: String,
    /// Sent as `Authorization: Bearer ...` when set.
    pub api_key: Option<String>,
    pub sampling: Sampling,
}

/// A client for one server, with the cancel flag of the current answer.
pub struct ServerClient {
    config: ServerConfig,
    agent: ureq::Agent,
    cancel: Arc<AtomicBool>,
}

impl ServerClient {
    pub fn new(config: ServerConfig) -> ServerClient {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(CONNECT_TIMEOUT)
            .timeout_read(READ_TIMEOUT)
            .build();
        ServerClient {
            config,
            agent,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The address requests go to.
    pub fn endpoint(&self) -> String {
        format!("{}/v1/chat/completions", self.config.base_url.trim_end_matches('/'))
    }

    /// The flag that stops a running answer; set it from a Ctrl-C handler.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// Sends the chat and calls `on_piece` with each piece of text as it arrives.
    pub fn chat(&self, messages: &[ChatMessage], mut on_piece: impl FnMut(&str)) -> Result<Generation, LlmError> {
        self.cancel.store(false, Ordering::SeqCst);
        let endpoint = self.endpoint();
        let body = request_body(&self.config, messages);

        let mut request = self.agent.post(&endpoint).set("Content-Type", "application/json");
        if let Some(key) = self.config.api_key.as_deref().filter(|key| !key.is_empty()) {
            request = request.set("Authorization", &format!("Bearer {key}"));
        }

        let started = Instant::now();
        let response = request.send_string(&body.to_string()).map_err(|error| server_error(&endpoint, error))?;
        let reader = BufReader::new(response.into_reader());

        let mut generation = empty_generation();
        let mut first_piece_at = None;

        for line in reader.lines() {
            if self.cancel.load(Ordering::SeqCst) {
                // Dropping the reader closes the connection, which stops the server's work.
                generation.stop = StopReason::Cancelled;
                break;
            }
            let line = line.map_err(|error| LlmError::Server {
                url: endpoint.clone(),
                reason: error.to_string(),
            })?;
            let Some(data) = line.strip_prefix("data:").map(str::trim) else {
                // Blank separators, comments (": ping") and other SSE fields carry no text.
                continue;
            };
            if data == "[DONE]" {
                break;
            }
            let event: Value = serde_json::from_str(data).map_err(|error| LlmError::Server {
                url: endpoint.clone(),
                reason: format!("invalid event JSON ({error}): {}", truncate(data)),
            })?;
            apply_event(&event, &mut generation, &mut on_piece, &mut first_piece_at);

            // A server that ignores max_tokens must not flood the screen and the conversation
            // log, so the reply stops at the configured length, counted as the server streams it.
            let max_tokens = self.config.sampling.max_tokens as usize;
            let max_bytes = max_tokens.saturating_mul(MAX_BYTES_PER_TOKEN);
            if generation.generated_tokens >= max_tokens || generation.text.len() >= max_bytes {
                let mut cut = max_bytes.min(generation.text.len());
                while !generation.text.is_char_boundary(cut) {
                    cut -= 1;
                }
                generation.text.truncate(cut);
                generation.stop = StopReason::Length;
                break;
            }
        }

        let now = Instant::now();
        if let Some(first) = first_piece_at {
            generation.prompt_seconds = (first - started).as_secs_f64();
            generation.generation_seconds = (now - first).as_secs_f64();
        }
        Ok(generation)
    }
}

/// Maximum bytes per streamed token before a reply counts as over its length. It is generous for
/// Indonesian words and small enough to stop a server that streams one huge event.
const MAX_BYTES_PER_TOKEN: usize = 32;

/// Creates the figures of an answer before its first event. The server reports no cache
/// reuse or dropped turns, so those stay 0.
fn empty_generation() -> Generation {
    Generation {
        text: String::new(),
        stop: StopReason::EndOfGeneration,
        prompt_tokens: 0,
        reused_tokens: 0,
        generated_tokens: 0,
        prompt_seconds: 0.0,
        generation_seconds: 0.0,
        dropped_turns: 0,
    }
}

/// Builds the JSON body of a streaming chat request.
fn request_body(config: &ServerConfig, messages: &[ChatMessage]) -> Value {
    let messages: Vec<Value> = messages
        .iter()
        .map(|message| json!({ "role": message.role.as_str(), "content": message.content }))
        .collect();
    let sampling = &config.sampling;
    json!({
        "model": config.model,
        "messages": messages,
        "stream": true,
        "temperature": sampling.temperature,
        "top_p": sampling.top_p,
        "max_tokens": sampling.max_tokens,
        "seed": sampling.seed,
    })
}

/// Takes the text, stop reason and token counts out of one streamed event.
fn apply_event(
    event: &Value,
    generation: &mut Generation,
    on_piece: &mut impl FnMut(&str),
    first_piece_at: &mut Option<Instant>,
) {
    let choice = &event["choices"][0];
    if let Some(piece) = choice["delta"]["content"].as_str().filter(|piece| !piece.is_empty()) {
        first_piece_at.get_or_insert_with(Instant::now);
        generation.text.push_str(piece);
        // Servers stream about one token per event; the usage block, when sent, corrects this.
        generation.generated_tokens += 1;
        on_piece(piece);
    }
    if choice["finish_reason"].as_str() == Some("length") {
        generation.stop = StopReason::Length;
    }
    if let Some(usage) = event.get("usage").filter(|usage| usage.is_object()) {
        if let Some(prompt) = usage["prompt_tokens"].as_u64() {
            generation.prompt_tokens = prompt as usize;
        }
        if let Some(completion) = usage["completion_tokens"].as_u64() {
            generation.generated_tokens = completion as usize;
        }
    }
}

/// Turns a failed request into an error naming the address and the cause.
fn server_error(endpoint: &str, error: ureq::Error) -> LlmError {
    match error {
        ureq::Error::Status(status, response) => {
            let body = response.into_string().unwrap_or_default();
            LlmError::ServerStatus {
                url: endpoint.to_string(),
                status,
                body: truncate(body.trim()),
            }
        }
        ureq::Error::Transport(transport) => LlmError::Server {
            url: endpoint.to_string(),
            reason: transport.to_string(),
        },
    }
}

fn truncate(text: &str) -> String {
    if text.len() <= MAX_ERROR_BODY {
        return text.to_string();
    }
    let mut end = MAX_ERROR_BODY;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::prompt::Role;

    #[test]
    fn request_body_streams_the_messages() {
        let config = ServerConfig {
            base_url: "http://127.0.0.1:1".into(),
            model: "qwen2.5:1.5b".into(),
            api_key: None,
            sampling: Sampling::default(),
        };
        let body = request_body(&config, &[ChatMessage::new(Role::System, "Kamu Nano."), ChatMessage::new(Role::User, "halo")]);

        assert_eq!(body["stream"], true);
        assert_eq!(body["model"], "qwen2.5:1.5b");
        assert_eq!(body["messages"][0]["role"], "system");
        assert_eq!(body["messages"][1]["content"], "halo");
        assert_eq!(body["max_tokens"], 256);
    }

    #[test]
    fn events_fill_text_stop_and_usage() {
        let mut generation = empty_generation();
        let mut pieces = Vec::new();
        let mut first = None;
        let events = [
            json!({"choices": [{"delta": {"role": "assistant"}}]}),
            json!({"choices": [{"delta": {"content": "Ha"}}]}),
            json!({"choices": [{"delta": {"content": "lo"}, "finish_reason": "length"}]}),
            json!({"choices": [], "usage": {"prompt_tokens": 12, "completion_tokens": 3}}),
        ];
        for event in &events {
            apply_event(event, &mut generation, &mut |piece: &str| pieces.push(piece.to_string()), &mut first);
        }

        assert_eq!(pieces, vec!["Ha", "lo"]);
        assert_eq!(generation.text, "Halo");
        assert_eq!(generation.stop, StopReason::Length);
        assert_eq!(generation.prompt_tokens, 12);
        assert_eq!(generation.generated_tokens, 3);
    }

    #[test]
    fn endpoint_joins_without_double_slash() {
        let client = ServerClient::new(ServerConfig {
            base_url: "http://127.0.0.1:8080/".into(),
            model: String::new(),
            api_key: None,
            sampling: Sampling::default(),
        });
        assert_eq!(client.endpoint(), "http://127.0.0.1:8080/v1/chat/completions");
    }

    #[test]
    fn long_error_bodies_are_cut_on_a_character() {
        let text = "é".repeat(400);
        let cut = truncate(&text);
        assert!(cut.len() <= MAX_ERROR_BODY + "…".len());
        assert!(cut.ends_with('…'));
    }
}

//! The OpenAI-compatible server backend against a fake server that each test starts on
//! 127.0.0.1 (random port). The fake serves a fixed number of connections and stops by itself
//! after a deadline, so a failing test cannot leave it running.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nano::llm::prompt::{ChatMessage, Role};
use nano::llm::{LlmError, Sampling, ServerClient, ServerConfig, StopReason};

/// How long a fake server waits for its connections before it stops.
const SERVER_LIFETIME: Duration = Duration::from_secs(20);

/// One canned reply of the fake server.
#[derive(Clone)]
enum Reply {
    /// `200 OK` with these SSE `data:` payloads, each followed by `pause`, then `[DONE]`.
    Stream { chunks: Vec<String>, pause: Duration },
    /// An error status with a JSON body.
    Status(u16, &'static str),
}

/// A request as the fake server received it.
struct Received {
    head: String,
    body: serde_json::Value,
}

struct FakeServer {
    url: String,
    requests: Receiver<Received>,
    thread: Option<JoinHandle<()>>,
}

impl FakeServer {
    /// Serves one connection per reply, in order, on a loopback port.
    fn start(replies: Vec<Reply>) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking listener");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (requests_tx, requests) = mpsc::channel();

        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + SERVER_LIFETIME;
            for reply in replies {
                let stream = loop {
                    match listener.accept() {
                        Ok((stream, _)) => break Some(stream),
                        Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
                        Err(_) => break None,
                    }
                };
                let Some(stream) = stream else { return };
                if let Some(received) = serve(stream, &reply) {
                    let _ = requests_tx.send(received);
                }
            }
        });
        FakeServer {
            url,
            requests,
            thread: Some(thread),
        }
    }

    fn received(&self) -> Received {
        self.requests.recv_timeout(Duration::from_secs(10)).expect("the fake server got a request")
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one HTTP request and writes the reply; write errors mean the client hung up.
fn serve(stream: TcpStream, reply: &Reply) -> Option<Received> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);

    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let length: usize = head
        .lines()
        .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_string()))
        .and_then(|value| value.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    let received = Received {
        head,
        body: serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    };

    let mut stream = stream;
    match reply {
        Reply::Stream { chunks, pause } => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
            for chunk in chunks {
                if stream.write_all(format!("data: {chunk}\n\n").as_bytes()).is_err() {
                    return Some(received);
                }
                let _ = stream.flush();
                std::thread::sleep(*pause);
            }
            let _ = stream.write_all(b"data: [DONE]\n\n");
        }
        Reply::Status(status, body) => {
            let _ = stream.write_all(
                format!(
                    "HTTP/1.1 {status} Error\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
        }
    }
    Some(received)
}

/// Builds an SSE payload carrying one piece of text.
fn piece(text: &str) -> String {
    serde_json::json!({ "choices": [{ "index": 0, "delta": { "content": text } }] }).to_string()
}

fn stream_of(pieces: &[&str]) -> Reply {
    let mut chunks = vec![serde_json::json!({ "choices": [{ "delta": { "role": "assistant" } }] }).to_string()];
    chunks.extend(pieces.iter().map(|text| piece(text)));
    chunks.push(serde_json::json!({ "choices": [{ "delta": {}, "finish_reason": "stop" }] }).to_string());
    Reply::Stream {
        chunks,
        pause: Duration::ZERO,
    }
}

fn client(url: &str, api_key: Option<&str>) -> ServerClient {
    ServerClient::new(ServerConfig {
        base_url: url.to_string(),
        model: "nano-uji".into(),
        api_key: api_key.map(str::to_string),
        sampling: Sampling::default(),
    })
}

fn messages() -> Vec<ChatMessage> {
    vec![ChatMessage::new(Role::System, "Kamu Nano."), ChatMessage::new(Role::User, "halo")]
}

/// Returns the address of a loopback port with nothing listening on it.
fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

#[test]
fn server_answer_streams_pieces() {
    let server = FakeServer::start(vec![stream_of(&["Halo", ", mas", "!"])]);
    let mut pieces = Vec::new();

    let generation = client(&server.url, Some("rahasia"))
        .chat(&messages(), |text| pieces.push(text.to_string()))
        .expect("answer from the fake server");
    let request = server.received();

    assert_eq!(pieces, vec!["Halo", ", mas", "!"]);
    assert_eq!(generation.text, "Halo, mas!");
    assert_eq!(generation.stop, StopReason::EndOfGeneration);
    assert!(request.head.starts_with("POST /v1/chat/completions "), "{}", request.head);
    assert!(request.head.contains("Authorization: Bearer rahasia"), "{}", request.head);
    assert_eq!(request.body["stream"], true);
    assert_eq!(request.body["model"], "nano-uji");
    assert_eq!(request.body["messages"][1]["content"], "halo");
}

#[test]
fn server_answer_stops_at_max_tokens() {
    // A server that ignores max_tokens: 400 pieces, then one huge piece.
    let many: Vec<String> = (0..400).map(|n| format!("kata{n} ")).collect();
    let pieces: Vec<&str> = many.iter().map(String::as_str).collect();
    let huge = "x".repeat(5_000_000);
    let server = FakeServer::start(vec![stream_of(&pieces), stream_of(&[huge.as_str()])]);
    let mut sampling = Sampling::default();
    sampling.max_tokens = 16;
    let limited = ServerClient::new(ServerConfig {
        base_url: server.url.clone(),
        model: "nano-uji".into(),
        api_key: None,
        sampling,
    });

    let counted = limited.chat(&messages(), |_| {}).expect("answer");
    let flooded = limited.chat(&messages(), |_| {}).expect("answer");

    assert_eq!(counted.generated_tokens, 16);
    assert_eq!(counted.stop, StopReason::Length);
    assert!(counted.text.ends_with("kata15 "), "{}", counted.text);
    // One event larger than the limit still ends the reply there.
    assert_eq!(flooded.stop, StopReason::Length);
    assert_eq!(flooded.text.len(), 16 * 32);
}

#[test]
fn server_cancel_stops_between_chunks() {
    let chunks: Vec<String> = (0..50).map(|n| piece(&format!("kata{n} "))).collect();
    let server = FakeServer::start(vec![Reply::Stream {
        chunks,
        pause: Duration::from_millis(20),
    }]);
    let client = client(&server.url, None);
    let flag = client.cancel_flag();

    let mut seen = 0;
    let generation = client
        .chat(&messages(), |_| {
            seen += 1;
            if seen == 2 {
                flag.store(true, Ordering::SeqCst);
            }
        })
        .expect("a cancelled answer is still an answer");

    assert_eq!(generation.stop, StopReason::Cancelled);
    assert_eq!(seen, 2, "pieces arrived after the cancel flag was raised");
}

#[test]
fn server_down_is_a_clear_error() {
    let error = client(&closed_port_url(), None).chat(&messages(), |_| {}).unwrap_err();

    assert!(matches!(error, LlmError::Server { .. }), "{error:?}");
    let message = nano::error::model_problem(&error);
    assert!(message.contains("tidak bisa dihubungi"), "{message}");
}

#[test]
fn server_http_error_names_status() {
    let server = FakeServer::start(vec![Reply::Status(401, r#"{"error":"invalid api key"}"#)]);

    let error = client(&server.url, Some("salah")).chat(&messages(), |_| {}).unwrap_err();

    match &error {
        LlmError::ServerStatus { status, body, .. } => {
            assert_eq!(*status, 401);
            assert!(body.contains("invalid api key"), "{body}");
        }
        other => panic!("expected an HTTP status error, got {other:?}"),
    }
    assert!(nano::error::model_problem(&error).contains("HTTP 401"));
}

fn server_config(nano: &common::Nano, url: &str) {
    std::fs::write(
        nano.home.path().join("config.toml"),
        format!("[model]\nbackend = \"server\"\nserver_url = \"{url}\"\nserver_model = \"nano-uji\"\n"),
    )
    .expect("write config");
}

#[test]
fn nano_answers_through_server() {
    let server = FakeServer::start(vec![stream_of(&["Sama-sama", ", mas."])]);
    let nano = common::Nano::new("2026-12-04T10:00:00+07:00");
    server_config(&nano, &server.url);

    let stdout = nano.ok(&["terima", "kasih", "atas", "bantuannya", "kemarin"]);

    assert!(stdout.contains("Sama-sama, mas."), "{stdout}");
    assert!(!stdout.contains("sumber"), "{stdout}");
}

#[test]
fn grounded_answer_through_server_cites_jobs() {
    let server = FakeServer::start(vec![stream_of(&["PSU-nya rusak."])]);
    let nano = common::Nano::new("2026-12-04T10:00:00+07:00");
    server_config(&nano, &server.url);
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total,", "rusak", "PSU,", "ganti", "elco"]);
    nano.ok(&["catat", "kulkas", "LG", "Bu", "Ani", "gak", "dingin"]);

    let stdout = nano.ok(&["TV", "Polytron", "Pak", "Budi", "kemarin", "rusaknya", "apa?"]);
    let request = server.received();
    let system = request.body["messages"][0]["content"].as_str().unwrap_or_default().to_string();

    assert!(stdout.contains("PSU-nya rusak."), "{stdout}");
    assert!(stdout.trim_end().ends_with("(sumber: #1)"), "{stdout}");
    assert!(system.contains("#1 TV Polytron"), "{system}");
    assert!(!system.contains("#2"), "{system}");
}

#[test]
fn nano_keeps_working_when_server_is_down() {
    let nano = common::Nano::new("2026-12-04T10:00:00+07:00");
    server_config(&nano, &closed_port_url());

    let output = nano.run(&["terima", "kasih", "atas", "bantuannya", "kemarin"]);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("tidak bisa dihubungi"), "{stderr}");

    let stdout = nano.ok(&["catat", "TV", "Sharp", "Bu", "Ani", "mati", "total"]);
    assert!(stdout.contains("Servis #1 dicatat"), "{stdout}");
}

//! Helpers shared by the integration tests: run the built `nano` binary against a fresh data
//! folder with a fixed clock.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test, never the GNU editor that may be on PATH.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_nano")
}

/// The real test model; fetched by `scripts/fetch-model.sh`.
pub fn test_model() -> PathBuf {
    let path = std::env::var_os("NANO_TEST_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("models/SmolLM2-135M-Instruct.Q4_1.gguf"));
    assert!(
        path.is_file(),
        "test model missing at {}: run scripts/fetch-model.sh",
        path.display()
    );
    path
}

/// A data folder and a clock for one test.
pub struct Nano {
    pub home: tempfile::TempDir,
    pub now: String,
    pub model: Option<PathBuf>,
}

impl Nano {
    pub fn new(now: &str) -> Nano {
        Nano {
            home: tempfile::tempdir().expect("temp dir"),
            now: now.to_string(),
            model: None,
        }
    }

    /// Same data folder, another moment.
    pub fn at(&mut self, now: &str) -> &mut Nano {
        self.now = now.to_string();
        self
    }

    /// Uses the real test model, on one thread so parallel tests do not starve each other.
    pub fn with_model(mut self) -> Nano {
        self.model = Some(test_model());
        std::fs::write(
            self.home.path().join("config.toml"),
            "[model]\nthreads = 1\ntemperature = 0.0\nmax_tokens = 48\ncontext_size = 1024\n",
        )
        .expect("write config");
        self
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(binary());
        command
            .args(args)
            .env("NANO_HOME", self.home.path())
            .env("NANO_NOW", &self.now)
            .env("NO_COLOR", "1")
            .env_remove("NANO_LOG");
        match &self.model {
            Some(model) => command.env("NANO_MODEL", model),
            None => command.env_remove("NANO_MODEL"),
        };
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run nano")
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "nano {args:?} failed with {:?}\nstdout: {}\nstderr: {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8 stdout")
    }

    /// Runs a command with `--json` that must succeed and parses its stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(args);
        let stdout = self.ok(&with_json);
        serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("nano {args:?}: not JSON ({error}): {stdout}"))
    }

    pub fn database(&self) -> PathBuf {
        self.home.path().join("nano.db")
    }

    /// Starts the chat in a pseudo-terminal, as a person runs it.
    pub fn chat(&self) -> rexpect::session::PtySession {
        let mut command = self.command(&[]);
        command.env("TERM", "xterm");
        rexpect::session::spawn_command(command, Some(60_000)).expect("spawn nano in a pty")
    }

    /// Counts the rows of `table` in the database.
    pub fn count(&self, table: &str) -> i64 {
        let connection = rusqlite::Connection::open(self.database()).expect("open database");
        connection
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| row.get(0))
            .expect("count rows")
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

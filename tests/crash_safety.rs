//! Killing Nano at random moments loses nothing it reported as stored, and never damages the
//! database.

mod common;

use std::io::Read;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::Nano;
use rusqlite::Connection;

const NOW: &str = "2026-12-04T10:00:00+07:00";

/// Pairs of processes started and killed; each pair writes concurrently.
const ROUNDS: usize = 200;

/// Upper bound of the random delay before the kill, in microseconds. One command takes about
/// 10–30 ms on a two-core machine, so kills land before, during and after the write.
const MAX_DELAY_MICROS: u64 = 12_000;

/// A small xorshift generator, so the test needs no extra crate; the seed is printed on failure.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// What one command wrote, as the command itself reported it on stdout.
enum Reported {
    Job { id: i64, marker: String },
    Reminder { id: i64, marker: String },
    Stock { movement_id: i64, qty: f64 },
}

fn start(nano: &Nano, round: usize, slot: usize) -> (Child, usize, String) {
    let marker = format!("kode{round}x{slot}");
    let kind = (round * 2 + slot) % 3;
    let args: Vec<String> = match kind {
        0 => ["--json", "catat", "TV", "Sharp", "mati", "total", marker.as_str()].map(String::from).to_vec(),
        1 => ["--json", "ingatkan", "besok", "beli", "timah", marker.as_str()].map(String::from).to_vec(),
        _ => ["--json", "stok", "tambah", "resistor", "10k", "1"].map(String::from).to_vec(),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let child = nano
        .command(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn nano");
    (child, kind, marker)
}

fn finish(mut child: Child, kind: usize, marker: String) -> Option<Reported> {
    let _ = child.kill();
    let status = child.wait().expect("wait for nano");
    let mut stdout = String::new();
    child.stdout.take()?.read_to_string(&mut stdout).ok()?;
    if !status.success() {
        return None;
    }
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("exit 0 without JSON ({error}): {stdout}"));
    Some(match kind {
        0 => Reported::Job { id: json["id"].as_i64().unwrap(), marker },
        1 => Reported::Reminder { id: json["id"].as_i64().unwrap(), marker },
        _ => Reported::Stock {
            movement_id: json["movement_id"].as_i64().unwrap(),
            qty: json["item"]["qty"].as_f64().unwrap(),
        },
    })
}

#[test]
fn killed_writes_keep_reported_records() {
    let nano = Nano::new(NOW);
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut random = Random(seed);
    let started = Instant::now();

    let mut reported = Vec::new();
    for round in 0..ROUNDS {
        let first = start(&nano, round, 0);
        let second = start(&nano, round, 1);
        std::thread::sleep(Duration::from_micros(random.next() % MAX_DELAY_MICROS));
        reported.extend(finish(first.0, first.1, first.2));
        std::thread::sleep(Duration::from_micros(random.next() % 5_000));
        reported.extend(finish(second.0, second.1, second.2));
    }
    eprintln!(
        "seed {seed}: {} of {} commands reported success before the kill, {:?}",
        reported.len(),
        ROUNDS * 2,
        started.elapsed()
    );
    assert!(reported.len() > 20, "seed {seed}: too few commands finished ({}); delays too short", reported.len());
    assert!(reported.len() < ROUNDS * 2, "seed {seed}: no command was killed; delays too long");

    let connection = Connection::open(nano.database()).unwrap();
    let check: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok", "seed {seed}");

    for record in &reported {
        match record {
            Reported::Job { id, marker } => {
                let line: String = connection
                    .query_row("SELECT source_line FROM jobs WHERE id = ?1", [id], |row| row.get(0))
                    .unwrap_or_else(|error| panic!("seed {seed}: job #{id} reported but missing: {error}"));
                assert!(line.contains(marker.as_str()), "seed {seed}: job #{id} holds {line}");
            }
            Reported::Reminder { id, marker } => {
                let text: String = connection
                    .query_row("SELECT text FROM reminders WHERE id = ?1", [id], |row| row.get(0))
                    .unwrap_or_else(|error| panic!("seed {seed}: reminder #{id} reported but missing: {error}"));
                assert!(text.contains(marker.as_str()), "seed {seed}: reminder #{id} holds {text}");
            }
            Reported::Stock { movement_id, qty } => {
                let after: f64 = connection
                    .query_row("SELECT qty_after FROM stock_movements WHERE id = ?1", [movement_id], |row| row.get(0))
                    .unwrap_or_else(|error| panic!("seed {seed}: movement #{movement_id} reported but missing: {error}"));
                assert_eq!(after, *qty, "seed {seed}: movement #{movement_id}");
            }
        }
    }

    // Every committed stock change left exactly one movement: the count and the movements agree.
    let (qty, movements): (f64, f64) = connection
        .query_row(
            "SELECT COALESCE((SELECT qty FROM stock_items), 0), COUNT(*) FROM stock_movements",
            [],
            |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as f64)),
        )
        .unwrap();
    assert_eq!(qty, movements, "seed {seed}");

    // Nano still opens the database and its own check agrees.
    let output = nano.run(&["periksa"]);
    assert_eq!(output.status.code(), Some(0), "seed {seed}: {}", common::stdout(&output));
}

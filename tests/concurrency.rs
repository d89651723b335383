//! Several Nano processes writing one database at once: two chat sessions in pseudo-terminals
//! and one-shot commands from parallel processes. Nobody sees "database is locked" and every
//! record arrives.

mod common;

use std::process::Command;
use std::thread;

use common::{stderr, Nano};
use rexpect::session::spawn_command;

const NOW: &str = "2026-12-04T10:00:00+07:00";

/// Lines each writer sends.
const PER_WRITER: usize = 15;

/// Parallel one-shot writers next to the two chats.
const ONESHOT_WRITERS: usize = 4;


/// Drives one chat session: records `PER_WRITER` jobs, each answer checked before the next.
fn chat_writer(mut command: Command, name: &'static str) -> thread::JoinHandle<()> {
    command.env("TERM", "xterm");
    thread::spawn(move || {
        let mut chat = spawn_command(command, Some(60_000)).expect("spawn nano in a pty");
        chat.exp_string("nano> ").unwrap();
        for index in 0..PER_WRITER {
            chat.send_line(&format!("catat TV Sharp {name} {index} mati total")).unwrap();
            let (before, matched) = chat.exp_regex("Servis #[0-9]+ dicatat|dipakai|locked|Gagal").unwrap();
            assert!(matched.starts_with("Servis #"), "{name} {index}: {before}{matched}");
            chat.exp_string("nano> ").unwrap();
        }
        chat.send_line("keluar").unwrap();
        chat.exp_eof().unwrap();
    })
}

#[test]
fn chats_and_oneshots_write_together() {
    // No database yet: the first open itself is contended.
    let nano = Nano::new(NOW);

    let mut chats = vec![chat_writer(nano.command(&[]), "satu"), chat_writer(nano.command(&[]), "dua")];

    let mut oneshots = Vec::new();
    for writer in 0..ONESHOT_WRITERS {
        let commands: Vec<Command> = (0..PER_WRITER)
            .map(|index| {
                let marker = format!("w{writer}n{index}");
                match index % 3 {
                    0 => nano.command(&["catat", "kipas", "angin", "Miyako", "mati", &marker]),
                    1 => nano.command(&["ingatkan", "besok", "beli", "timah", &marker]),
                    _ => nano.command(&["stok", "tambah", "resistor", "10k", "1"]),
                }
            })
            .collect();
        oneshots.push(thread::spawn(move || {
            for mut command in commands {
                let output = command.output().expect("run nano");
                let text = stderr(&output);
                assert!(output.status.success(), "exit {:?}: {text}", output.status.code());
                assert!(!text.contains("locked") && !text.contains("dipakai proses"), "{text}");
            }
        }));
    }

    for handle in oneshots.drain(..).chain(chats.drain(..)) {
        handle.join().expect("writer thread");
    }

    let per_kind = (ONESHOT_WRITERS * PER_WRITER / 3) as i64;
    assert_eq!(nano.count("jobs"), 2 * PER_WRITER as i64 + per_kind);
    assert_eq!(nano.count("reminders"), per_kind);
    assert_eq!(nano.count("stock_movements"), per_kind);
    let qty: f64 = rusqlite::Connection::open(nano.database())
        .unwrap()
        .query_row("SELECT qty FROM stock_items WHERE name = 'resistor 10k'", [], |row| row.get(0))
        .unwrap();
    assert_eq!(qty, per_kind as f64);
}

#[test]
fn brand_new_database_opened_by_many_at_once() {
    const PROCESSES: usize = 6;
    for attempt in 0..15 {
        let nano = Nano::new(NOW);
        let children: Vec<_> = (0..PROCESSES)
            .map(|index| {
                nano.command(&["catat", "TV", "Sharp", "mati", "total", &format!("p{index}")])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn nano")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "attempt {attempt}: exit {:?}: {}", output.status.code(), stderr(&output));
        }
        assert_eq!(nano.count("jobs"), PROCESSES as i64, "attempt {attempt}");
        let config = std::fs::read_to_string(nano.home.path().join("config.toml")).unwrap();
        assert!(config.contains("[model]"), "attempt {attempt}: {config}");
    }
}

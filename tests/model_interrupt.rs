//! A model answer stopped with Ctrl-C keeps its partial text; a chat killed mid-answer keeps
//! the line the user typed.

mod common;

use std::time::Duration;

use common::Nano;
use rexpect::session::PtySession;

const NOW: &str = "2026-12-04T10:00:00+07:00";

/// A model configured to answer at length, so there is time to interrupt it.
fn long_answers() -> Nano {
    let nano = Nano::new(NOW).with_model();
    std::fs::write(
        nano.home.path().join("config.toml"),
        "[model]\nthreads = 1\ntemperature = 0.0\nmax_tokens = 2000\ncontext_size = 4096\n",
    )
    .unwrap();
    nano
}


/// Waits until the model has loaded and streamed its first words.
fn wait_for_words(chat: &mut PtySession) {
    // The progress line ends at 100% and is then cleared; the answer follows.
    chat.exp_string(" 100%").unwrap();
    chat.exp_regex("[A-Za-z]{3,}").unwrap();
    std::thread::sleep(Duration::from_millis(200));
}

fn turn(nano: &Nano, line: &str) -> (Option<String>, i64) {
    let connection = rusqlite::Connection::open(nano.database()).unwrap();
    connection
        .query_row("SELECT reply, interrupted FROM turns WHERE line = ?1", [line], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
}

#[test]
fn ctrl_c_keeps_partial_answer() {
    let nano = long_answers();
    let line = "write a very long story about a capacitor";
    let mut chat = nano.chat();
    chat.exp_string("nano> ").unwrap();

    chat.send_line(line).unwrap();
    wait_for_words(&mut chat);
    chat.send_control('c').unwrap();
    chat.exp_string("(dihentikan)").unwrap();
    chat.exp_string("nano> ").unwrap();
    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();

    let (reply, interrupted) = turn(&nano, line);
    assert_eq!(interrupted, 1);
    assert!(reply.is_some_and(|reply| !reply.trim().is_empty()));
}

#[test]
fn killed_chat_keeps_the_line() {
    let nano = long_answers();
    let line = "tell me everything about transistors";
    let mut chat = nano.chat();
    chat.exp_string("nano> ").unwrap();

    chat.send_line(line).unwrap();
    wait_for_words(&mut chat);
    chat.process.kill(rexpect::process::signal::Signal::SIGKILL).unwrap();
    let _ = chat.process.wait();

    let (reply, interrupted) = turn(&nano, line);
    assert_eq!(reply, None);
    assert_eq!(interrupted, 0);
    let check: String = rusqlite::Connection::open(nano.database())
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

//! The chat loop driven through a pseudo-terminal, as a person uses it.

mod common;

use common::Nano;
use rexpect::session::{spawn_command, PtySession};

const FRIDAY: &str = "2026-12-04T10:00:00+07:00";
const SATURDAY: &str = "2026-12-05T07:30:00+07:00";

fn start(nano: &Nano) -> PtySession {
    let mut command = nano.command(&[]);
    command.env("TERM", "xterm");
    spawn_command(command, Some(60_000)).expect("spawn nano in a pty")
}

#[test]
fn chat_records_and_greets_next_day() {
    let mut nano = Nano::new(FRIDAY);

    let mut chat = start(&nano);
    chat.exp_string("Selamat pagi, mas!").unwrap();
    chat.send_line("ingat, nama saya Arip").unwrap();
    chat.exp_string("Salam kenal, mas Arip").unwrap();
    chat.send_line("catat TV Polytron Pak Budi mati total, 150rb, selesai").unwrap();
    chat.exp_string("Servis #1 dicatat").unwrap();
    chat.send_line("ingetin besok jam 7 ambil IC di toko").unwrap();
    chat.exp_string("Pengingat #1 dipasang").unwrap();
    chat.send_line("ingetin besok jam 5 sore telepon Bu Ani").unwrap();
    chat.exp_string("Pengingat #2 dipasang").unwrap();
    chat.send_line("keluar").unwrap();
    chat.exp_string("Sampai jumpa, mas Arip").unwrap();
    chat.exp_eof().unwrap();

    nano.at(SATURDAY);
    let mut next_day = start(&nano);
    next_day.exp_string("Selamat pagi, mas Arip!").unwrap();
    next_day.exp_string("Pengingat yang terlewat (1)").unwrap();
    next_day.exp_string("ambil IC di toko").unwrap();
    next_day.exp_string("Pengingat untuk hari ini (1)").unwrap();
    next_day.exp_string("telepon Bu Ani").unwrap();
    next_day.send_control('d').unwrap();
    next_day.exp_eof().unwrap();
}

#[test]
fn chat_asks_for_what_is_missing() {
    let nano = Nano::new(FRIDAY);
    let mut chat = start(&nano);
    chat.exp_string("Selamat pagi").unwrap();

    chat.send_line("catat ganti elco 150rb").unwrap();
    chat.exp_string("Servis apa, mas?").unwrap();
    chat.send_line("TV Sharp").unwrap();
    chat.exp_string("Servis #1 dicatat").unwrap();

    chat.send_line("ingatkan beli solder").unwrap();
    chat.exp_string("Kapan saya ingatkan").unwrap();
    chat.send_line("batal").unwrap();
    chat.exp_string("tidak jadi").unwrap();

    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();
}

#[test]
fn chat_without_model_says_so_once() {
    let nano = Nano::new(FRIDAY);
    let mut chat = start(&nano);
    chat.exp_string("Selamat pagi").unwrap();

    chat.send_line("gimana cara ngetes elco pakai multimeter?").unwrap();
    chat.exp_string("Model bahasa belum dipasang").unwrap();
    chat.send_line("besok libur gak ya").unwrap();
    chat.exp_string("tanpa model bahasa saya belum bisa").unwrap();

    chat.send_line("lupakan soal apa saja").unwrap();
    chat.exp_string("tidak menemukan ingatan").unwrap();
    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();
}

#[test]
fn chat_streams_model_answer() {
    let nano = Nano::new(FRIDAY).with_model();
    let mut chat = start(&nano);
    chat.exp_string("nano> ").unwrap();

    chat.send_line("hello, how do I test a capacitor?").unwrap();
    // The model's words are unpredictable; the prompt coming back means the answer ended.
    let answer = chat.exp_string("nano> ").unwrap();
    assert!(answer.contains("Memuat model"), "{answer}");
    let words = answer.rsplit("\x1b[2K").next().unwrap_or("");
    assert!(words.trim().len() > 10, "{answer}");
    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();

    let connection = rusqlite::Connection::open(nano.database()).unwrap();
    let reply: String = connection
        .query_row("SELECT reply FROM turns WHERE line LIKE 'hello%'", [], |row| row.get(0))
        .unwrap();
    assert!(!reply.trim().is_empty());
}

#[test]
fn chat_picks_job_by_number_or_words() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "tv", "sharp", "pak", "budi", "mati"]);
    nano.ok(&["catat", "tv", "lg", "pak", "budi", "garis"]);
    nano.ok(&["catat", "tv", "polytron", "pak", "budi", "matot"]);

    let mut chat = start(&nano);
    chat.exp_string("Selamat pagi").unwrap();
    chat.send_line("tv pak budi udah beres").unwrap();
    chat.exp_string("Yang mana, mas?").unwrap();
    chat.send_line("2").unwrap();
    chat.exp_string("Servis #2 (TV").unwrap();
    chat.send_line("tv pak budi udah beres").unwrap();
    // Job #2 is finished now, so only the other two are offered.
    chat.exp_string("Ada 2 servis yang cocok").unwrap();
    chat.send_line("yang polytron").unwrap();
    chat.exp_string("Servis #3 (TV").unwrap();
    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();

    assert_eq!(nano.count("jobs"), 3);
    let listed = nano.json(&["servis", "apa", "aja"]);
    let statuses: Vec<&str> = listed.as_array().unwrap().iter().map(|job| job["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["selesai", "selesai", "masuk"], "{listed}");
}

//! Bad input gets one Indonesian sentence, a documented exit code, and nothing lost.

mod common;

use std::os::unix::ffi::OsStrExt;

use common::{stderr, stdout, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

#[test]
fn invalid_clock_is_usage_error() {
    let mut nano = Nano::new(NOW);
    nano.at("besok pagi");
    let output = nano.run(&["cari", "tv"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("NANO_NOW"), "{}", stderr(&output));
}

#[test]
fn unknown_option_is_usage_error_in_indonesian() {
    let nano = Nano::new(NOW);
    let output = nano.run(&["laporan", "--tahunan"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("tidak dikenal"), "{}", stderr(&output));
}

#[test]
fn invalid_utf8_argument_is_rejected() {
    let nano = Nano::new(NOW);
    let bad = std::ffi::OsStr::from_bytes(b"TV\xff\xfe");
    let output = nano.command(&["catat"]).arg(bad).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("UTF-8"), "{}", stderr(&output));
}

#[test]
fn chat_line_without_model_says_so() {
    let nano = Nano::new(NOW);
    let output = nano.run(&["selamat", "pagi", "Nano"]);
    assert_eq!(output.status.code(), Some(5));
    assert!(stderr(&output).contains("Model bahasa belum dipasang"), "{}", stderr(&output));
}

#[test]
fn broken_model_file_keeps_nano_working() {
    let nano = Nano::new(NOW);
    let fake = nano.home.path().join("rusak.gguf");
    std::fs::write(&fake, b"GGUF\x03\x00\x00\x00").unwrap();

    let status = nano.command(&["model"]).env("NANO_MODEL", &fake).output().unwrap();
    assert_eq!(status.status.code(), Some(5));
    assert!(stderr(&status).contains("terpotong"), "{}", stderr(&status));

    let chat = nano.command(&["halo", "nano"]).env("NANO_MODEL", &fake).output().unwrap();
    assert_eq!(chat.status.code(), Some(5));
    assert!(stderr(&chat).contains("tetap jalan tanpa model"), "{}", stderr(&chat));

    let job = nano.command(&["catat", "TV", "Sharp", "mati", "total"]).env("NANO_MODEL", &fake).output().unwrap();
    assert!(job.status.success(), "{}", stderr(&job));
}

#[test]
fn install_rejects_non_gguf() {
    let nano = Nano::new(NOW);
    let text = nano.home.path().join("catatan.gguf");
    std::fs::write(&text, "ini bukan model").unwrap();

    let output = nano.run(&["model", "pasang", text.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(5));
    assert!(stderr(&output).contains("bukan model GGUF"), "{}", stderr(&output));
    let config = std::fs::read_to_string(nano.home.path().join("config.toml")).unwrap();
    assert!(config.contains("path = \"\""), "{config}");
}

#[test]
fn damaged_database_is_explained_and_kept() {
    let nano = Nano::new(NOW);
    let garbage = vec![0x5Au8; 8192];
    std::fs::write(nano.database(), &garbage).unwrap();

    let output = nano.run(&["cari", "tv"]);

    assert_eq!(output.status.code(), Some(4));
    assert!(stderr(&output).contains("rusak"), "{}", stderr(&output));
    assert_eq!(std::fs::read(nano.database()).unwrap(), garbage);
}

#[test]
fn newer_database_is_refused_untouched() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);
    {
        let connection = rusqlite::Connection::open(nano.database()).unwrap();
        connection.execute("UPDATE schema_version SET version = 999", []).unwrap();
    }

    let output = nano.run(&["cari", "sharp"]);

    assert_eq!(output.status.code(), Some(4));
    assert!(stderr(&output).contains("lebih baru"), "{}", stderr(&output));
    let connection = rusqlite::Connection::open(nano.database()).unwrap();
    let version: i64 = connection.query_row("SELECT version FROM schema_version", [], |row| row.get(0)).unwrap();
    assert_eq!(version, 999);
}

#[test]
fn sql_looking_text_is_stored_as_text() {
    let nano = Nano::new(NOW);
    let line = "catat TV Sharp Pak Budi'); DROP TABLE jobs; -- mati total";
    nano.ok(&[line]);
    let found = nano.json(&["cari", "sharp"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
}

#[test]
fn help_and_version_are_indonesian_and_succeed() {
    let nano = Nano::new(NOW);
    let help = nano.run(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("Cara pakai"));
    assert!(stdout(&help).contains("/usr/bin/nano"));

    let version = nano.run(&["--version"]);
    assert!(version.status.success());
    assert!(stdout(&version).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn other_files_are_never_overwritten() {
    let nano = Nano::new("2026-12-04T10:00:00+07:00");
    nano.ok(&["catat", "TV", "LG", "mati", "total"]);
    let keep = nano.home.path().join("catatan-penting.txt");
    std::fs::write(&keep, "jangan ditimpa").unwrap();
    let keep_arg = keep.to_str().unwrap();

    for args in [&["nota", "1", "--pdf", keep_arg][..], &["laporan", "--pdf", keep_arg], &["ekspor", "--ke", keep_arg]] {
        let output = nano.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("tidak saya timpa"), "{args:?}: {}", stderr(&output));
    }

    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "jangan ditimpa");
    // Nano's own files are replaced when written again.
    let receipt = nano.home.path().join("nota.pdf");
    nano.ok(&["nota", "1", "--pdf", receipt.to_str().unwrap()]);
    nano.ok(&["nota", "1", "--pdf", receipt.to_str().unwrap()]);
}

//! The config file changes what Nano does, and `nano config` shows where each value comes from.

mod common;

use common::{stderr, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

fn write_config(nano: &Nano, text: &str) {
    std::fs::write(nano.home.path().join("config.toml"), text).expect("write config");
}

#[test]
fn first_config_has_reminder_hour() {
    let nano = Nano::new(NOW);
    nano.ok(&["pengingat"]);

    let written = std::fs::read_to_string(nano.home.path().join("config.toml")).unwrap();

    assert!(written.contains("[pengingat]\n"), "{written}");
    assert!(written.contains("jam = \"08:00\""), "{written}");
    let settings = nano.ok(&["config"]);
    let row = settings.lines().find(|line| line.contains("pengingat.jam")).expect("row shown");
    // The template writes the value out, so the file is its source from the first run on.
    assert!(row.contains("08:00"), "{row}");
    assert!(row.contains("file pengaturan"), "{row}");
}

#[test]
fn configured_reminder_hour_applies() {
    let nano = Nano::new(NOW);
    write_config(&nano, "[pengingat]\njam = \"07:30\"\n");

    let day_only = nano.json(&["ingatkan", "besok", "beli", "elco", "1000uF", "25V"]);
    let with_time = nano.json(&["ingatkan", "besok", "jam", "3", "sore", "antar", "TV"]);
    let read_back = nano.json(&["tafsir", "ingatkan", "senin", "telepon", "Bu", "Ani"]);

    assert_eq!(day_only["due"], "2026-12-05T07:30:00+07:00");
    assert_eq!(with_time["due"], "2026-12-05T15:00:00+07:00");
    assert_eq!(read_back["reminder"]["due"], "2026-12-07T07:30:00+07:00");
    let settings = nano.ok(&["config"]);
    let row = settings.lines().find(|line| line.contains("pengingat.jam")).expect("row shown");
    assert!(row.contains("07:30"), "{row}");
    assert!(row.contains("file pengaturan"), "{row}");
}

#[test]
fn bad_reminder_hour_is_named() {
    let nano = Nano::new(NOW);
    write_config(&nano, "[bengkel]\nnama = \"Arip Elektronik\"\n\n[pengingat]\njam = \"jam 7\"\n");

    let output = nano.run(&["--json", "ingatkan", "besok", "beli", "timah"]);

    let message = stderr(&output);
    assert!(message.contains("baris 5"), "{message}");
    assert!(message.contains("\"jam 7\""), "{message}");
    assert!(message.contains("\"08:00\""), "{message}");
    // The line is still recorded, at the contract's default hour.
    assert!(output.status.success(), "{message}");
    let stored: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON reply");
    assert_eq!(stored["due"], "2026-12-05T08:00:00+07:00");
}

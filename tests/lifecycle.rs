//! Moving jobs through their lifecycle by sentence, and undoing a move.

mod common;

use common::{stderr, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

#[test]
fn status_moves_by_number_and_undoes() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total"]);

    let done = nano.json(&["#1 udah selesai 150rb"]);
    assert_eq!(done["job"]["status"], "selesai");
    assert_eq!(done["job"]["price"], 150_000);
    assert_eq!(done["from"], "masuk");

    let picked = nano.ok(&["servis", "1", "udah", "diambil"]);
    assert!(picked.contains("selesai → sudah diambil"), "{picked}");

    let asked = nano.run(&["ralat"]);
    assert_eq!(asked.status.code(), Some(3), "{}", stderr(&asked));
    assert!(stderr(&asked).contains("servis #1"), "{}", stderr(&asked));
    let undone = nano.ok(&["ralat", "--ya"]);
    assert!(undone.contains("kembali ke status selesai"), "{undone}");
    let found = nano.json(&["cari", "polytron"]);
    assert_eq!(found[0]["status"], "selesai");
}

#[test]
fn status_moves_by_description() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total"]);
    nano.ok(&["catat", "kulkas", "LG", "Bu", "Ani", "gak", "dingin"]);

    // A status-only line about the one open job moves it rather than storing a duplicate.
    let done = nano.json(&["kulkas Bu Ani udah selesai"]);
    assert_eq!(done["id"], 2);
    assert_eq!(done["job"]["status"], "selesai");

    nano.at("2026-12-05T09:00:00+07:00");
    let pointed = nano.json(&["Polytron yang kemarin udah diambil"]);
    assert_eq!(pointed["id"], 1);
    assert_eq!(pointed["job"]["status"], "diambil");
    assert_eq!(nano.json(&["servis", "apa", "aja", "yang", "belum", "diambil?"]).as_array().unwrap().len(), 1);
}

#[test]
fn ambiguous_description_asks_which() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Sharp", "Pak", "Budi", "mati", "total"]);
    nano.ok(&["catat", "TV", "Sharp", "Pak", "Budi", "gambar", "bergaris"]);

    nano.at("2026-12-05T09:00:00+07:00");
    let output = nano.run(&["TV Sharp Pak Budi yang kemarin udah selesai"]);

    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains("Yang mana"), "{}", stderr(&output));
    assert!(stderr(&output).contains("#1") && stderr(&output).contains("#2"), "{}", stderr(&output));
}

#[test]
fn unknown_number_is_not_found() {
    let nano = Nano::new(NOW);
    let output = nano.run(&["#7 udah diambil"]);
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    assert!(stderr(&output).contains("Servis #7 tidak ada"), "{}", stderr(&output));
}

#[test]
fn status_line_never_creates_a_bare_job() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "amplifier", "Ruby", "Pak", "Eko", "bunyi", "dengung"]);
    nano.at("2026-12-05T10:00:00+07:00");

    let moved = nano.json(&["amplifier udah selesai"]);
    assert_eq!(moved["id"], 1);

    let none = nano.run(&["TV udah diambil"]);
    assert_eq!(none.status.code(), Some(6), "{}", stderr(&none));
    assert!(stderr(&none).contains("awali dengan: catat"), "{}", stderr(&none));
    assert_eq!(nano.json(&["cari", "tv"]).as_array().unwrap().len(), 0);

    // With "catat" the same words are a new record on purpose.
    let recorded = nano.json(&["catat TV Sharp udah diambil"]);
    assert_eq!(recorded["id"], 2);
}

#[test]
fn pointing_back_matches_the_day() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "kipas", "angin", "Miyako", "Bu", "Ani", "mati"]);
    nano.at("2026-12-05T10:00:00+07:00");
    nano.ok(&["catat", "kipas", "angin", "Miyako", "Pak", "Heru", "mati"]);

    let moved = nano.json(&["kipas angin yang kemarin udah diambil"]);
    assert_eq!(moved["id"], 1);
}

#[test]
fn tafsir_names_status_moves() {
    let nano = Nano::new(NOW);

    let status_only = nano.ok(&["tafsir", "TV", "Pak", "Budi", "udah", "selesai"]);
    let recorded = nano.ok(&["tafsir", "catat", "TV", "Pak", "Budi", "udah", "selesai"]);

    assert!(status_only.starts_with("Maksudnya: ubah status servis"), "{status_only}");
    assert!(recorded.starts_with("Maksudnya: catat servis"), "{recorded}");
}

#[test]
fn reminder_number_never_moves_a_job() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Sharp", "Pak", "Budi", "mati", "total"]);
    nano.ok(&["ingatkan", "besok", "beli", "timah"]);

    let closed = nano.json(&["pengingat #1 selesai"]);

    assert_eq!(closed["id"], 1);
    assert_eq!(closed["done"], true);
    let jobs = nano.json(&["servis", "apa", "aja"]);
    assert_eq!(jobs[0]["status"], "masuk", "{jobs}");
    let open = nano.json(&["pengingat"]);
    assert_eq!(open.as_array().map(Vec::len), Some(0), "{open}");
}

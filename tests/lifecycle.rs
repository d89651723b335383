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

const ELCO: &str = "elco 1000uF 25V";

/// Returns the recorded count of `item`.
fn stock_of(nano: &Nano, item: &str) -> f64 {
    nano.json(&["stok", item])["qty"].as_f64().unwrap_or_else(|| panic!("no stock count for {item}"))
}

/// Creates a data folder with 10 elco in stock and the TV of Pak Budi recorded as job #1.
fn shop_with_tv() -> Nano {
    let nano = Nano::new(NOW);
    nano.ok(&["stok", "tambah", ELCO, "10"]);
    nano.ok(&["catat", "tv", "polytron", "pak", "budi", "matot"]);
    nano
}

#[test]
fn finished_line_with_work_updates_job() {
    let nano = shop_with_tv();

    let done = nano.json(&["tv pak budi udah beres ganti 2 elco 1000uF 25V 150rb"]);

    assert_eq!(done["id"], 1, "{done}");
    assert_eq!(done["job"]["status"], "selesai");
    assert_eq!(done["job"]["price"], 150_000);
    assert_eq!(done["job"]["action"], "ganti 2 elco 1000uF 25V");
    assert_eq!(done["job"]["parts"][0]["name"], ELCO);
    assert_eq!(nano.count("jobs"), 1);
    assert_eq!(stock_of(&nano, ELCO), 8.0);
    assert_eq!(nano.count("stock_movements"), 2);
}

#[test]
fn finished_line_with_work_asks_which() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "tv", "sharp", "pak", "budi", "mati", "total"]);
    nano.ok(&["catat", "tv", "sharp", "pak", "budi", "gambar", "bergaris"]);

    let output = nano.run(&["tv pak budi udah beres ganti elco 150rb"]);

    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains("Yang mana"), "{}", stderr(&output));
    assert_eq!(nano.count("jobs"), 2);
}

#[test]
fn finished_line_with_work_records_new() {
    let nano = shop_with_tv();

    // No open job of Pak Eko: the line is a new, finished job.
    let other = nano.json(&["kipas pak eko udah beres ganti kapasitor 50rb"]);
    assert_eq!(other["id"], 2, "{other}");
    // "catat" always records, even when an open job matches.
    let again = nano.json(&["catat tv pak budi udah beres ganti 2 elco 1000uF 25V 150rb"]);
    assert_eq!(again["id"], 3, "{again}");

    assert_eq!(nano.json(&["cari", "polytron"])[0]["status"], "masuk");
}

#[test]
fn tafsir_names_update_of_recorded_job() {
    let nano = Nano::new(NOW);
    let text = nano.ok(&["tafsir", "--tanpa-model", "--", "tv pak budi udah beres ganti 2 elco 1000uF 25V 150rb"]);
    assert!(text.starts_with("Maksudnya: ubah servis yang sudah tercatat"), "{text}");

    let recorded = nano.ok(&["tafsir", "--tanpa-model", "--", "catat tv pak budi udah beres ganti elco 150rb"]);
    assert!(recorded.starts_with("Maksudnya: catat servis"), "{recorded}");
}

#[test]
fn update_by_number_keeps_work_and_parts() {
    let nano = shop_with_tv();

    let done = nano.json(&["servis 1 beres, ganti 2 elco 1000uF 25V, 150rb"]);
    assert_eq!(done["job"]["status"], "selesai", "{done}");
    assert_eq!(done["job"]["price"], 150_000);
    assert_eq!(done["job"]["action"], "ganti 2 elco 1000uF 25V");
    assert_eq!(stock_of(&nano, ELCO), 8.0);

    let picked = nano.json(&["#1 udah diambil, ganti elco 1000uF 25V juga"]);
    let action = picked["job"]["action"].as_str().unwrap();
    assert!(action.starts_with("ganti 2 elco 1000uF 25V, ganti elco 1000uF 25V"), "{picked}");
    assert_eq!(picked["job"]["parts"].as_array().unwrap().len(), 2);
    assert_eq!(stock_of(&nano, ELCO), 7.0);
}

#[test]
fn undo_restores_work_and_stock() {
    let nano = shop_with_tv();
    nano.ok(&["servis 1 beres, ganti 2 elco 1000uF 25V, 150rb"]);
    nano.ok(&["#1 udah diambil, ganti elco 1000uF 25V juga"]);

    let undone = nano.ok(&["ralat", "--ya"]);

    assert!(undone.contains("kembali ke status selesai"), "{undone}");
    assert!(undone.contains("dikembalikan 1"), "{undone}");
    let job = &nano.json(&["cari", "polytron"])[0];
    assert_eq!(job["action"], "ganti 2 elco 1000uF 25V");
    assert_eq!(job["parts"].as_array().unwrap().len(), 1);
    assert_eq!(stock_of(&nano, ELCO), 8.0);
}

#[test]
fn undo_after_record_removes_new_job() {
    let nano = shop_with_tv();
    nano.ok(&["#1 udah selesai"]);
    nano.ok(&["catat kipas miyako pak eko gak muter, ganti 1 elco 1000uF 25V, 50rb"]);
    assert_eq!(stock_of(&nano, ELCO), 9.0);

    let asked = nano.run(&["ralat"]);
    assert_eq!(asked.status.code(), Some(3), "{}", stderr(&asked));
    assert!(stderr(&asked).contains("servis #2"), "{}", stderr(&asked));
    assert!(!stderr(&asked).contains("#1"), "{}", stderr(&asked));
    assert_eq!(nano.count("jobs"), 2);

    let removed = nano.ok(&["ralat", "--ya"]);
    assert!(removed.contains("Servis #2 dihapus"), "{removed}");
    assert!(removed.contains("Cadangan sebelum dihapus"), "{removed}");
    assert_eq!(nano.count("jobs"), 1);
    assert_eq!(stock_of(&nano, ELCO), 10.0);
    assert_eq!(nano.json(&["cari", "polytron"])[0]["status"], "selesai");

    // The next "ralat" goes back to the change before.
    let next = nano.run(&["ralat"]);
    assert!(stderr(&next).contains("servis #1"), "{}", stderr(&next));
}

#[test]
fn delete_returns_parts_to_stock() {
    let nano = Nano::new(NOW);
    nano.ok(&["stok", "tambah", ELCO, "10"]);
    nano.ok(&["catat tv polytron pak budi matot, ganti 2 elco 1000uF 25V, 150rb"]);
    assert_eq!(stock_of(&nano, ELCO), 8.0);

    let deleted = nano.ok(&["hapus", "servis", "1", "--ya"]);

    assert!(deleted.contains("Stok elco 1000uF 25V dikembalikan 2"), "{deleted}");
    assert_eq!(stock_of(&nano, ELCO), 10.0);
    // Stock added, used, and put back.
    assert_eq!(nano.count("stock_movements"), 3);
}

#[test]
fn price_corrects_by_number() {
    let nano = shop_with_tv();

    for (line, price) in [("#1 harga 200rb", 200_000), ("#1 biayanya 250rb", 250_000), ("servis 1 ongkos jadi 300rb", 300_000)] {
        let changed = nano.json(&[line]);
        assert_eq!(changed["id"], 1, "{line}: {changed}");
        assert_eq!(changed["job"]["price"], price, "{line}: {changed}");
        assert_eq!(changed["job"]["status"], "masuk", "{line}: {changed}");
    }
    assert!(nano.count("stock_items") == 1);

    let undone = nano.ok(&["ralat", "--ya"]);
    assert!(undone.contains("dibatalkan"), "{undone}");
    assert_eq!(nano.json(&["cari", "polytron"])[0]["price"], 250_000);
}

#[test]
fn ralat_after_stock_change_touches_no_job() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "tv", "lg", "bu", "sri", "mati", "100rb"]);
    nano.at("2026-12-04T10:05:00+07:00").ok(&["stok", "tambah", "fuse", "2A", "10"]);
    nano.at("2026-12-04T10:06:00+07:00").ok(&["pakai", "2", "fuse", "2A"]);

    let output = nano.at("2026-12-04T10:07:00+07:00").run(&["ralat", "--ya"]);

    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    assert!(stderr(&output).contains("perubahan stok fuse 2A"), "{}", stderr(&output));
    assert_eq!(nano.count("jobs"), 1);
}

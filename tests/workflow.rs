//! A technician's day through one-shot commands, against a real database file and a real PDF.

mod common;

use common::{stderr, Nano};

const FRIDAY: &str = "2026-12-04T10:00:00+07:00";
const SATURDAY: &str = "2026-12-05T09:00:00+07:00";

#[test]
fn day_of_work_is_stored_and_shown() {
    let mut nano = Nano::new(FRIDAY);

    let job = nano.json(&["catat", "hari", "ini", "servis", "TV", "Polytron", "rusak", "PSU,", "udah", "selesai"]);
    assert_eq!(job["id"], 1);
    assert_eq!(job["job"]["device"], "tv");
    assert_eq!(job["job"]["brand"], "Polytron");
    assert_eq!(job["job"]["status"], "selesai");
    assert_eq!(job["job"]["date"], "2026-12-04");

    let reminder = nano.json(&["ingatkan", "besok", "beli", "elco", "1000uF", "25V"]);
    assert_eq!(reminder["due"], "2026-12-05T08:00:00+07:00");
    assert!(reminder["text"].as_str().unwrap().contains("elco"));

    let stock = nano.json(&["stok", "tambah", "elco", "1000uF", "25V", "10"]);
    assert_eq!(stock["item"]["name"], "elco 1000uF 25V");
    assert_eq!(stock["item"]["qty"], 10.0);

    let found = nano.json(&["cari", "polytron"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["id"], 1);

    let plain = nano.ok(&["cari", "polytron"]);
    assert!(plain.contains("#1"), "{plain}");

    nano.at(SATURDAY);
    let reminders = nano.json(&["pengingat"]);
    assert_eq!(reminders.as_array().unwrap().len(), 1);
}

#[test]
fn weekly_report_writes_pdf_with_the_job() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "servis", "TV", "Polytron", "Pak", "Budi", "mati", "total,", "ganti", "elco,", "150rb,", "selesai"]);

    let pdf = nano.home.path().join("mingguan.pdf");
    let text = nano.ok(&["laporan", "--minggu", "--pdf", pdf.to_str().unwrap()]);

    assert!(text.contains("Laporan Mingguan"), "{text}");
    assert!(text.contains("Rp 150.000"), "{text}");
    assert!(text.contains(&pdf.display().to_string()), "{text}");

    let output = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext from poppler-utils");
    let pdf_text = String::from_utf8_lossy(&output.stdout);
    assert!(pdf_text.contains("Polytron"), "{pdf_text}");
    assert!(pdf_text.contains("Budi"), "{pdf_text}");
    assert!(pdf_text.contains("150.000"), "{pdf_text}");
}

#[test]
fn default_report_goes_to_data_folder() {
    let nano = Nano::new(FRIDAY);
    let report = nano.json(&["laporan", "--minggu"]);
    let path = report["pdf"].as_str().expect("pdf path");
    assert!(path.starts_with(nano.home.path().to_str().unwrap()), "{path}");
    assert!(std::path::Path::new(path).is_file());
    assert_eq!(report["from"], "2026-11-30");
    assert_eq!(report["to"], "2026-12-06");
}

#[test]
fn stock_goes_low_and_warns() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["stok", "tambah", "elco", "1000uF", "25V", "10"]);
    nano.ok(&["minimal", "stok", "elco", "1000uF", "25V", "5"]);

    let used = nano.ok(&["pakai", "6", "elco", "1000uF", "25V"]);

    assert!(used.contains("sisa 4"), "{used}");
    assert!(used.contains("menipis"), "{used}");
    let low = nano.json(&["stok", "menipis"]);
    assert_eq!(low.as_array().unwrap().len(), 1);
}

#[test]
fn memory_sets_the_name_and_forget_needs_yes() {
    let nano = Nano::new(FRIDAY);
    let remembered = nano.ok(&["ingat,", "nama", "saya", "Arip"]);
    assert!(remembered.contains("Arip"), "{remembered}");

    let refused = nano.run(&["lupakan", "soal", "nama"]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(stderr(&refused).contains("--ya"), "{}", stderr(&refused));

    let forgotten = nano.ok(&["lupakan", "soal", "nama", "--ya"]);
    assert!(forgotten.contains("lupakan"), "{forgotten}");
}

#[test]
fn incomplete_job_is_not_stored() {
    let nano = Nano::new(FRIDAY);
    let output = nano.run(&["catat", "150rb"]);

    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains("Servis apa"), "{}", stderr(&output));
    let jobs = nano.json(&["servis", "apa", "aja", "yang", "belum", "diambil?"]);
    assert_eq!(jobs.as_array().unwrap().len(), 0);
}

#[test]
fn every_turn_is_logged() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);
    nano.ok(&["cari", "sharp"]);

    let connection = rusqlite::Connection::open(nano.database()).unwrap();
    let (count, with_reply): (i64, i64) = connection
        .query_row("SELECT COUNT(*), COUNT(reply) FROM turns", [], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap();
    assert_eq!(count, 2);
    assert_eq!(with_reply, 2);
}

#[test]
fn parts_fitted_come_out_of_stock_and_join_shopping_list() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["stok", "tambah", "elco", "1000uF", "25V", "4"]);
    nano.ok(&["minimal", "stok", "elco", "1000uF", "25V", "3"]);

    let job = nano.json(&["catat", "TV", "Polytron", "mati", "total,", "ganti", "2", "elco", "1000uF", "25V,", "150rb"]);
    assert_eq!(job["stock_used"][0]["item"]["qty"], 2.0);

    let list = nano.json(&["belanja"]);
    assert_eq!(list[0]["item"]["name"], "elco 1000uF 25V");
    assert_eq!(list[0]["to_buy"], 4.0);

    nano.ok(&["udah", "beli", "elco", "1000uF", "25V", "10"]);
    let after = nano.json(&["belanja"]);
    assert_eq!(after.as_array().unwrap().len(), 0);
}

#[test]
fn history_and_hints_when_recording() {
    let mut nano = Nano::new("2026-09-01T10:00:00+07:00");
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total,", "ganti", "elco,", "selesai"]);
    nano.at("2026-10-01T10:00:00+07:00");
    nano.ok(&["catat", "TV", "Polytron", "Bu", "Ani", "mati", "total,", "ganti", "elco,", "selesai"]);
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Heru", "mati", "total,", "ganti", "flyback,", "diambil"]);

    nano.at(FRIDAY);
    let reply = nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total"]);

    assert!(reply.contains("Pak Budi: 1 servis sebelumnya, terakhir 3 bulan lalu (#1: ganti elco)"), "{reply}");
    assert!(reply.contains("mati total: 2 dari 3 kasus sebelumnya ganti elco"), "{reply}");
}

#[test]
fn other_devices_keep_their_name() {
    let nano = Nano::new("2026-12-04T10:00:00+07:00");

    let recorded = nano.json(&["catat", "dvd", "player", "pak", "ujang", "gak", "baca", "60rb"]);
    let read = nano.json(&["tafsir", "catat", "mesin", "jahit", "bu", "sri", "macet"]);
    let found = nano.json(&["cari", "dvd"]);

    assert_eq!(recorded["job"]["device"], "dvd player", "{recorded}");
    // The interpretation keeps the contract's type and adds the written name.
    assert_eq!(read["job"]["device"], "lainnya");
    assert_eq!(read["job"]["device_name"], "mesin jahit");
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
}

#[test]
fn history_question_without_model_lists_records() {
    let nano = Nano::new("2026-12-04T10:00:00+07:00");
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total", "ganti", "elco", "150rb", "selesai"]);
    nano.ok(&["catat", "kulkas", "LG", "Bu", "Ani", "gak", "dingin"]);

    let answer = nano.ok(&["TV Polytron Pak Budi kemarin rusaknya apa?"]);

    assert!(answer.contains("#1  4 Des 2026  TV Polytron"), "{answer}");
    assert!(answer.contains("(sumber: #1)"), "{answer}");
    assert!(!answer.contains("Bu Ani"), "{answer}");
}

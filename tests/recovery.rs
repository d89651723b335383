//! Backups, `nano periksa`, `nano pulihkan`, and deleting records with a backup first.

mod common;

use common::{stderr, stdout, Nano};

const FRIDAY: &str = "2026-12-04T10:00:00+07:00";

fn backups(nano: &Nano) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(nano.home.path().join("cadangan"))
        .map(|entries| entries.flatten().map(|entry| entry.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn count_jobs(path: &std::path::Path) -> i64 {
    let connection = rusqlite::Connection::open(path).unwrap();
    connection.query_row("SELECT COUNT(*) FROM jobs", [], |row| row.get(0)).unwrap()
}

#[test]
fn daily_backup_once_and_seven_days_kept() {
    let mut nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);
    nano.ok(&["cari", "sharp"]);
    assert_eq!(backups(&nano), ["nano-2026-12-04.db"]);

    for day in 5..=14 {
        nano.at(&format!("2026-12-{day:02}T09:00:00+07:00"));
        nano.ok(&["cari", "sharp"]);
    }

    let kept = backups(&nano);
    assert_eq!(kept.len(), 7, "{kept:?}");
    assert_eq!(kept.first().map(String::as_str), Some("nano-2026-12-08.db"));
    assert_eq!(kept.last().map(String::as_str), Some("nano-2026-12-14.db"));
    assert_eq!(count_jobs(&nano.home.path().join("cadangan/nano-2026-12-08.db")), 1);
}

#[test]
fn delete_job_needs_ya_and_backs_up() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "TV", "Sharp", "Pak", "Budi", "mati", "total"]);

    let asked = nano.run(&["hapus", "servis", "1"]);
    assert_eq!(asked.status.code(), Some(3), "{}", stderr(&asked));
    assert!(stderr(&asked).contains("--ya"), "{}", stderr(&asked));
    assert_eq!(count_jobs(&nano.database()), 1);

    let deleted = nano.ok(&["hapus", "servis", "#1", "--ya"]);
    assert!(deleted.contains("Servis #1 dihapus"), "{deleted}");
    let backup = nano.home.path().join("cadangan/nano-2026-12-04-100000.db");
    assert!(deleted.contains(&backup.display().to_string()), "{deleted}");
    assert_eq!(count_jobs(&nano.database()), 0);
    assert_eq!(count_jobs(&backup), 1);

    let again = nano.run(&["hapus", "servis", "1", "--ya"]);
    assert_eq!(again.status.code(), Some(6), "{}", stderr(&again));
    assert!(stderr(&again).contains("Servis #1 tidak ada"), "{}", stderr(&again));
}

#[test]
fn delete_reminder_and_stock() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["ingatkan", "besok", "beli", "timah"]);
    nano.ok(&["stok", "tambah", "elco", "1000uF", "25V", "10"]);

    let reminder = nano.ok(&["hapus", "pengingat", "#1", "--ya"]);
    assert!(reminder.contains("Pengingat #1 dihapus"), "{reminder}");
    let stock = nano.json(&["hapus", "stok", "elco", "1000uF", "25V", "--ya"]);
    assert_eq!(stock["deleted"]["stock"], "elco 1000uF 25V");
    assert!(std::path::Path::new(stock["backup"].as_str().unwrap()).is_file());

    assert_eq!(nano.json(&["pengingat"]).as_array().unwrap().len(), 0);
    let missing = nano.run(&["hapus", "stok", "elco", "1000uF", "25V", "--ya"]);
    assert_eq!(missing.status.code(), Some(6));
    let no_id = nano.run(&["hapus", "pengingat"]);
    assert_eq!(no_id.status.code(), Some(3));
    assert!(stderr(&no_id).contains("Nomor berapa"), "{}", stderr(&no_id));
}

#[test]
fn chat_delete_asks_first() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);
    nano.ok(&["catat", "kipas", "angin", "Miyako", "mati"]);
    let mut chat = nano.chat();
    chat.exp_string("nano> ").unwrap();

    chat.send_line("hapus servis #1").unwrap();
    chat.exp_string("Yakin hapus servis #1").unwrap();
    chat.send_line("tidak").unwrap();
    chat.exp_string("tidak ada yang dihapus").unwrap();
    chat.send_line("hapus servis #2").unwrap();
    chat.exp_string("Yakin hapus servis #2").unwrap();
    chat.send_line("ya").unwrap();
    chat.exp_string("Servis #2 dihapus").unwrap();
    chat.exp_string("nano pulihkan --ya").unwrap();
    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();

    assert_eq!(count_jobs(&nano.database()), 1);
}

#[test]
fn restore_brings_deleted_job_back() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);
    nano.ok(&["hapus", "servis", "1", "--ya"]);

    let asked = nano.run(&["pulihkan"]);
    assert_eq!(asked.status.code(), Some(3), "{}", stderr(&asked));
    assert!(stderr(&asked).contains("nano-2026-12-04-100000.db"), "{}", stderr(&asked));
    assert_eq!(count_jobs(&nano.database()), 0);

    let restored = nano.ok(&["pulihkan", "--ya"]);
    assert!(restored.contains("dipulihkan"), "{restored}");
    assert!(restored.contains("sebelum-pulihkan-2026-12-04-100000.db"), "{restored}");
    assert_eq!(count_jobs(&nano.database()), 1);
    assert_eq!(count_jobs(&nano.home.path().join("cadangan/sebelum-pulihkan-2026-12-04-100000.db")), 0);

    let by_day = nano.ok(&["pulihkan", "2026-12-04", "--ya"]);
    assert!(by_day.contains("dipulihkan"), "{by_day}");
    let unknown_day = nano.run(&["pulihkan", "2026-11-01", "--ya"]);
    assert_eq!(unknown_day.status.code(), Some(6), "{}", stderr(&unknown_day));
    let bad_day = nano.run(&["pulihkan", "kemarin"]);
    assert_eq!(bad_day.status.code(), Some(2), "{}", stderr(&bad_day));
}

#[test]
fn damaged_database_names_backup_and_restores() {
    let mut nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);
    // The daily backup is taken when a day's first command opens the database, before it writes.
    nano.at("2026-12-05T09:00:00+07:00");
    nano.ok(&["cari", "sharp"]);
    let garbage = vec![0x5Au8; 8192];
    std::fs::write(nano.database(), &garbage).unwrap();
    let _ = std::fs::remove_file(nano.home.path().join("nano.db-wal"));
    let _ = std::fs::remove_file(nano.home.path().join("nano.db-shm"));

    let output = nano.run(&["cari", "sharp"]);
    assert_eq!(output.status.code(), Some(4));
    let message = stderr(&output);
    assert!(message.contains("nano-2026-12-05.db"), "{message}");
    assert!(message.contains("nano pulihkan --ya"), "{message}");
    let database = nano.database().display().to_string();
    assert!(message.contains(&format!("mv {database} {database}.rusak")), "{message}");
    assert_eq!(std::fs::read(nano.database()).unwrap(), garbage);

    nano.ok(&["pulihkan", "--ya"]);
    assert_eq!(std::fs::read(nano.home.path().join("cadangan/sebelum-pulihkan-2026-12-05-090000.db")).unwrap(), garbage);
    let found = nano.json(&["cari", "sharp"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
}

#[test]
fn periksa_reports_health_and_problems() {
    let nano = Nano::new(FRIDAY);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);

    let healthy = nano.run(&["periksa"]);
    assert_eq!(healthy.status.code(), Some(0));
    assert!(stdout(&healthy).contains("sehat"), "{}", stdout(&healthy));
    assert!(stdout(&healthy).contains("1 servis"), "{}", stdout(&healthy));

    {
        let connection = rusqlite::Connection::open(nano.database()).unwrap();
        connection.execute("PRAGMA foreign_keys = OFF", []).unwrap();
        connection.execute("INSERT INTO job_parts (job_id, name, qty) VALUES (99, 'elco', 1)", []).unwrap();
    }
    let broken = nano.run(&["periksa"]);
    assert_eq!(broken.status.code(), Some(4));
    assert!(stdout(&broken).contains("bermasalah"), "{}", stdout(&broken));
    assert!(stdout(&broken).contains("job_parts"), "{}", stdout(&broken));
}

#[test]
fn restore_waits_for_open_chat() {
    let nano = Nano::new("2026-12-04T10:00:00+07:00");
    nano.ok(&["catat", "TV", "LG", "Pak", "Ali", "mati"]);
    nano.ok(&["hapus", "servis", "1", "--ya"]);

    let mut chat = nano.chat();
    chat.exp_string("nano> ").unwrap();
    chat.send_line("catat kipas Bu Ani gak muter").unwrap();
    chat.exp_string("Servis #2 dicatat").unwrap();

    let refused = nano.run(&["pulihkan", "--ya"]);

    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("masih terbuka di terminal lain"), "{}", stderr(&refused));
    assert_eq!(nano.count("jobs"), 1);

    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();
    let restored = nano.run(&["pulihkan", "--ya"]);
    assert!(restored.status.success(), "{}", stderr(&restored));
}

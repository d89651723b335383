//! `nano ekspor` and `nano impor`: a database filled through the binary survives a round trip
//! through JSON and through CSV unchanged, and bad files or a non-empty target are rejected.

mod common;

use common::{stderr, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

/// Fills a database with every kind of record, at several moments so times differ.
fn filled() -> Nano {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi 0812-3456-7890 mati total, ganti elco 1000uF 25V 2 pcs, 150rb, garansi 2 minggu"]);
    nano.ok(&["catat", "kulkas LG Bu Ani \"gak dingin\", kata beliau: freon habis"]);
    nano.at("2026-12-04T11:30:00+07:00").ok(&["#1 udah selesai"]);
    nano.ok(&["stok", "tambah", "elco 1000uF 25V 10"]);
    nano.ok(&["stok", "pakai", "2", "elco 1000uF 25V"]);
    nano.ok(&["minimal", "stok", "elco 1000uF 25V", "5"]);
    nano.at("2026-12-05T09:15:00+07:00").ok(&["ingatkan", "besok", "beli", "timah"]);
    nano.ok(&["ingatkan", "lusa", "telpon", "Bu", "Ani"]);
    nano.ok(&["pengingat", "selesai", "1"]);
    nano.ok(&["ingat", "bengkel", "saya", "namanya", "Arip", "Elektronik"]);
    nano.ok(&["ingat", "kode", "wifi", "toko", "1234"]);
    nano.ok(&["lupakan", "soal", "wifi", "--ya"]);
    // A claim under job 1's warranty, and a customer known only by phone number.
    nano.ok(&["catat", "TV Polytron Pak Budi mati lagi"]);
    nano.ok(&["catat", "radio Sony 0857 1111 2222 gak bunyi, tanpa garansi"]);
    nano
}

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()))
}

#[test]
fn json_round_trip_is_identical() {
    let source = filled();
    let first = source.home.path().join("ekspor-1.json");
    source.ok(&["ekspor", "--json", "--ke", first.to_str().unwrap()]);

    let target = Nano::new(NOW);
    let imported = target.ok(&["impor", first.to_str().unwrap()]);
    let second = target.home.path().join("ekspor-2.json");
    target.ok(&["ekspor", "--ke", second.to_str().unwrap()]);

    assert!(imported.contains("Impor dari"), "{imported}");
    // The summary names records in the technician's words, not by table name.
    assert!(imported.contains("4 servis, 1 part terpakai, 5 riwayat servis"), "{imported}");
    assert!(imported.contains("3 pelanggan"), "{imported}");
    assert!(!imported.contains("job_parts"), "{imported}");
    assert_eq!(String::from_utf8(read(&second)).unwrap(), String::from_utf8(read(&first)).unwrap());
    let export: serde_json::Value = serde_json::from_slice(&read(&first)).unwrap();
    assert_eq!(export["format_version"], 1);
    assert_eq!(export["jobs"].as_array().unwrap().len(), 4);
    assert_eq!(export["jobs"][0]["status"], "selesai");
    assert_eq!(export["jobs"][0]["customer_id"], 1);
    assert_eq!(export["jobs"][0]["warranty_days"], 14);
    assert_eq!(export["jobs"][0]["warranty_start"], "2026-12-04");
    assert_eq!(export["jobs"][0]["warranty_end"], "2026-12-18");
    assert!(export["jobs"][0]["warranty_of"].is_null());
    assert_eq!(export["jobs"][1]["warranty_days"], 30);
    assert!(export["jobs"][1]["warranty_start"].is_null());
    assert_eq!(export["jobs"][2]["warranty_of"], 1);
    assert_eq!(export["jobs"][2]["warranty_end"], "2026-12-18");
    assert_eq!(export["jobs"][3]["warranty_days"], 0);
    let customers = export["customers"].as_array().unwrap();
    assert_eq!(customers.len(), 3, "{customers:?}");
    assert_eq!(customers[0]["name"], "Pak Budi");
    assert_eq!(customers[0]["phone"], "081234567890");
    assert!(customers[1]["phone"].is_null());
    assert!(customers[2]["name"].is_null());
    assert_eq!(customers[2]["phone"], "085711112222");
    assert_eq!(export["job_parts"].as_array().unwrap().len(), 1);
    // One `record` event per job, and the status change of #1.
    let events = export["job_events"].as_array().unwrap();
    assert_eq!(events.len(), 5);
    assert_eq!(events.iter().filter(|event| event["kind"] == "record").count(), 4);
    assert_eq!(export["stock_movements"].as_array().unwrap().len(), 3);
    assert_eq!(export["reminders"][0]["done"], 1);
    assert_eq!(export["reminders"][1]["done"], 0);
    assert!(export["reminders"][1]["done_at"].is_null());
    let facts = export["memory_facts"].as_array().unwrap();
    assert!(facts.iter().any(|fact| fact["forgotten_at"].is_string()), "{facts:?}");
    assert!(facts.iter().any(|fact| fact["forgotten_at"].is_null()), "{facts:?}");
    // `nano pengingat selesai` logs no turn, so 14 commands leave 13 turns.
    assert_eq!(export["turns"].as_array().unwrap().len(), 13);
}

#[test]
fn imported_jobs_are_searchable() {
    let source = filled();
    let file = source.home.path().join("ekspor.json");
    source.ok(&["ekspor", "--ke", file.to_str().unwrap()]);

    let target = Nano::new(NOW);
    target.ok(&["impor", file.to_str().unwrap()]);

    let found = target.json(&["cari", "freon"]);
    assert_eq!(found[0]["id"], 2);
    let next = target.json(&["catat", "radio Sony Pak Joko mati"]);
    assert_eq!(next["id"], 5);
    let warranty = target.json(&["#3 masih garansi?"]);
    assert_eq!(warranty[0]["job"]["warranty_of"], 1, "{warranty}");
    assert_eq!(warranty[0]["job"]["warranty_end"], "2026-12-18", "{warranty}");
    assert_eq!(warranty[0]["job"]["phone"], "081234567890", "{warranty}");
}

#[test]
fn csv_round_trip_is_identical() {
    let source = filled();
    let first = source.home.path().join("csv-1");
    source.ok(&["ekspor", "--csv", "--ke", first.to_str().unwrap()]);

    let target = Nano::new(NOW);
    target.ok(&["impor", first.to_str().unwrap()]);
    let second = target.home.path().join("csv-2");
    target.ok(&["ekspor", "--csv", "--ke", second.to_str().unwrap()]);

    for table in [
        "format", "customers", "jobs", "job_parts", "job_events", "stock_items", "stock_movements", "reminders", "memory_facts", "turns",
    ] {
        let name = format!("{table}.csv");
        assert_eq!(
            String::from_utf8(read(&second.join(&name))).unwrap(),
            String::from_utf8(read(&first.join(&name))).unwrap(),
            "{name} differs"
        );
    }
    let jobs = String::from_utf8(read(&first.join("jobs.csv"))).unwrap();
    assert!(jobs.starts_with("id,date,device,brand,model,customer,complaint,fault,action,status,price,source_line,created_at,updated_at,customer_id,warranty_days,warranty_start,warranty_end,warranty_of\r\n"), "{jobs}");
    let customers = String::from_utf8(read(&first.join("customers.csv"))).unwrap();
    assert!(customers.starts_with("id,name,phone,created_at\r\n"), "{customers}");
    // The customer known only by phone has an unquoted empty (NULL) name.
    assert!(customers.contains("\r\n3,,085711112222,"), "{customers}");
    // The complaint with quotes and a comma is quoted with doubled quotes.
    assert!(jobs.contains("\"\"gak dingin\"\""), "{jobs}");
}

#[test]
fn import_into_non_empty_is_rejected() {
    let source = filled();
    let file = source.home.path().join("ekspor.json");
    source.ok(&["ekspor", "--ke", file.to_str().unwrap()]);
    let jobs_before = source.count("jobs");

    let output = source.run(&["impor", file.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains("database kosong"), "{}", stderr(&output));
    assert_eq!(source.count("jobs"), jobs_before);
}

#[test]
fn invalid_status_names_table_and_row() {
    let source = filled();
    let file = source.home.path().join("ekspor.json");
    source.ok(&["ekspor", "--ke", file.to_str().unwrap()]);
    let text = String::from_utf8(read(&file)).unwrap();
    let broken = text.replacen("\"status\": \"masuk\"", "\"status\": \"kelar\"", 1);
    assert_ne!(broken, text);
    std::fs::write(&file, broken).unwrap();

    let target = Nano::new(NOW);
    let output = target.run(&["impor", file.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("servis (tabel jobs) baris 2 kolom status"), "{message}");
    assert!(message.contains("kelar"), "{message}");
    assert!(!target.database().exists());
}

#[test]
fn invalid_csv_date_is_rejected() {
    let source = filled();
    let folder = source.home.path().join("csv");
    source.ok(&["ekspor", "--csv", "--ke", folder.to_str().unwrap()]);
    let reminders = folder.join("reminders.csv");
    let text = String::from_utf8(read(&reminders)).unwrap();
    // Row 1 is the reminder set on 5 Dec for "besok", due 6 Dec.
    std::fs::write(&reminders, text.replacen("2026-12-06T08:00:00+07:00", "besok pagi", 1)).unwrap();

    let target = Nano::new(NOW);
    let output = target.run(&["impor", folder.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("pengingat (tabel reminders) baris 1 kolom due"), "{}", stderr(&output));
    // The file is checked before the database is opened, so none is created.
    assert!(!target.database().exists());
}

#[test]
fn missing_import_file_is_usage_error() {
    let target = Nano::new(NOW);
    let output = target.run(&["impor", "/tidak/ada/ekspor.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("tidak ditemukan"), "{}", stderr(&output));
}

/// Writes an export of `rows` reminders, built from a real export so its format stays current.
fn many_reminders_export(rows: usize) -> (Nano, std::path::PathBuf) {
    let source = Nano::new(NOW);
    source.ok(&["ingatkan", "besok", "beli", "timah"]);
    let path = source.home.path().join("banyak.json");
    source.ok(&["ekspor", "--ke", path.to_str().unwrap()]);

    let mut export: serde_json::Value = serde_json::from_slice(&read(&path)).unwrap();
    let template = export["reminders"][0].clone();
    let reminders: Vec<serde_json::Value> = (1..=rows)
        .map(|id| {
            let mut reminder = template.clone();
            reminder["id"] = id.into();
            reminder
        })
        .collect();
    export["reminders"] = reminders.into();
    std::fs::write(&path, serde_json::to_vec(&export).unwrap()).unwrap();
    (source, path)
}

#[test]
fn import_progress_shows_only_in_terminal() {
    let (_source, path) = many_reminders_export(5000);

    let piped_target = Nano::new(NOW);
    let piped = piped_target.run(&["impor", path.to_str().unwrap()]);
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert!(!stderr(&piped).contains("Mengimpor"), "{}", stderr(&piped));

    let terminal_target = Nano::new(NOW);
    let mut command = terminal_target.command(&["impor", path.to_str().unwrap()]);
    command.env("TERM", "xterm");
    let mut session = rexpect::session::spawn_command(command, Some(30_000)).unwrap();
    session.exp_string("\rMengimpor").unwrap();
    session.exp_string("100%").unwrap();
    session.exp_string("5000 pengingat").unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn rejected_import_leaves_database_unchanged() {
    let source = filled();
    let before = source.home.path().join("sebelum.json");
    source.ok(&["ekspor", "--ke", before.to_str().unwrap()]);
    let text = String::from_utf8(read(&before)).unwrap();
    let invalid_json = source.home.path().join("rusak.json");
    std::fs::write(&invalid_json, text.replacen("\"status\": \"masuk\"", "\"status\": \"kelar\"", 1)).unwrap();
    let invalid_csv = source.home.path().join("rusak-csv");
    source.ok(&["ekspor", "--csv", "--ke", invalid_csv.to_str().unwrap()]);
    std::fs::write(invalid_csv.join("jobs.csv"), "id,date\r\n1,\"2026-12-04\r\n").unwrap();

    // Two files that fail the checks (exit 2), then a valid file into this non-empty database
    // (exit 3).
    for (file, code) in [(&invalid_json, 2), (&invalid_csv, 2), (&before, 3)] {
        let output = source.run(&["impor", file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(code), "{}: {}", file.display(), stderr(&output));
    }

    let after = source.home.path().join("sesudah.json");
    source.ok(&["ekspor", "--ke", after.to_str().unwrap()]);
    assert_eq!(String::from_utf8(read(&after)).unwrap(), text);
}

#[test]
fn import_refuses_fifo_and_bad_ids() {
    let source = filled();
    let export = source.home.path().join("ekspor.json");
    source.ok(&["ekspor", "--ke", export.to_str().unwrap()]);
    let text = String::from_utf8(read(&export)).unwrap();
    let target = Nano::new(NOW);

    let fifo = target.home.path().join("pipa.json");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(status.success());
    let from_fifo = target.run(&["impor", fifo.to_str().unwrap()]);
    assert_eq!(from_fifo.status.code(), Some(2), "{}", stderr(&from_fifo));
    assert!(stderr(&from_fifo).contains("bukan file biasa"), "{}", stderr(&from_fifo));

    for bad in ["-3", "9223372036854775807"] {
        let edited = target.home.path().join(format!("id{bad}.json"));
        std::fs::write(&edited, text.replacen("{\"id\": 1,", &format!("{{\"id\": {bad},"), 1)).unwrap();
        let output = target.run(&["impor", edited.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{bad}: {}", stderr(&output));
        assert!(stderr(&output).contains("di luar rentang"), "{bad}: {}", stderr(&output));
    }
    // Every file was refused before the database was opened.
    assert!(!target.database().exists());
}

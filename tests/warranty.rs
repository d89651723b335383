//! Per-job warranties (garansi): terms from the job line or the shop default, a start that is
//! stored once when the job is first finished, claims that keep the original end date, and
//! "masih garansi?" questions answered from the stored jobs.

mod common;

use common::{stderr, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

fn job(nano: &Nano, id: i64) -> serde_json::Value {
    let found = nano.json(&["garansi", &id.to_string()]);
    found[0]["job"].clone()
}

#[test]
fn terms_from_line_or_default() {
    let nano = Nano::new(NOW);
    std::fs::write(nano.home.path().join("config.toml"), "[bengkel]\ngaransi_hari = 45\n").unwrap();

    nano.ok(&["catat", "TV Sharp Pak Budi mati total, garansi 2 minggu"]);
    nano.ok(&["catat", "kulkas LG Bu Ani gak dingin, garansi 1 bulan"]);
    nano.ok(&["catat", "radio Sony Pak Joko gak bunyi, gak ada garansi"]);
    nano.ok(&["catat", "kipas angin Miyako Bu Sri muter pelan"]);

    assert_eq!(job(&nano, 1)["warranty_days"], 14);
    assert_eq!(job(&nano, 2)["warranty_days"], 30);
    assert_eq!(job(&nano, 3)["warranty_days"], 0);
    assert_eq!(job(&nano, 4)["warranty_days"], 45);
    for id in 1..=4 {
        assert!(job(&nano, id)["warranty_start"].is_null(), "job {id} is not finished yet");
    }
}

#[test]
fn warranty_starts_once_when_finished() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi mati total, garansi 30 hari"]);

    let done = nano.at("2026-12-06T10:00:00+07:00").ok(&["#1 udah selesai"]);
    nano.at("2026-12-08T10:00:00+07:00").ok(&["#1 udah diambil"]);

    assert!(done.contains("Garansi 30 hari, sampai Selasa, 5 Jan 2027."), "{done}");
    let stored = job(&nano, 1);
    assert_eq!(stored["warranty_start"], "2026-12-06");
    assert_eq!(stored["warranty_end"], "2027-01-05");
}

#[test]
fn recorded_finished_starts_on_job_day() {
    let nano = Nano::new(NOW);

    let reply = nano.ok(&["catat", "kemarin TV Sharp Pak Budi ganti elco, beres 150rb, garansi 2 minggu"]);

    assert!(reply.contains("Garansi 14 hari, sampai Kamis, 17 Des 2026."), "{reply}");
    let stored = job(&nano, 1);
    assert_eq!(stored["warranty_start"], "2026-12-03");
    assert_eq!(stored["warranty_end"], "2026-12-17");
}

#[test]
fn skipped_selesai_starts_at_diambil() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "setrika Maspion Bu Ani gak panas, garansi 1 minggu"]);

    nano.at("2026-12-07T10:00:00+07:00").ok(&["#1 udah diambil"]);

    assert_eq!(job(&nano, 1)["warranty_start"], "2026-12-07");
    assert_eq!(job(&nano, 1)["warranty_end"], "2026-12-14");
}

#[test]
fn claim_keeps_original_end() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi mati total, garansi 2 minggu"]);
    nano.at("2026-12-05T10:00:00+07:00").ok(&["#1 udah selesai"]);

    let claim = nano.at("2026-12-15T10:00:00+07:00").ok(&["catat", "TV Polytron Pak Budi mati lagi, garansi 30 hari"]);
    nano.at("2026-12-16T10:00:00+07:00").ok(&["#2 udah selesai"]);
    let second_claim = nano.at("2026-12-18T10:00:00+07:00").ok(&["catat", "TV Pak Budi mati lagi"]);

    assert!(claim.contains("Masih garansi servis #1 sampai Sabtu, 19 Des 2026."), "{claim}");
    assert!(second_claim.contains("Masih garansi servis #1 sampai Sabtu, 19 Des 2026."), "{second_claim}");
    let first_claim = job(&nano, 2);
    assert_eq!(first_claim["warranty_of"], 1);
    assert_eq!(first_claim["warranty_end"], "2026-12-19");
    assert_eq!(first_claim["warranty_start"], "2026-12-05");
    assert_eq!(job(&nano, 3)["warranty_of"], 1);
    assert_eq!(job(&nano, 1)["warranty_end"], "2026-12-19");
}

#[test]
fn other_device_or_expired_is_no_claim() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi mati total, beres, garansi 1 minggu"]);

    let other_device = nano.at("2026-12-06T10:00:00+07:00").ok(&["catat", "kulkas LG Pak Budi gak dingin"]);
    let other_customer = nano.ok(&["catat", "TV Polytron Bu Ani mati total"]);
    let expired = nano.at("2026-12-12T10:00:00+07:00").ok(&["catat", "TV Polytron Pak Budi mati lagi"]);

    for reply in [&other_device, &other_customer, &expired] {
        assert!(!reply.contains("Masih garansi"), "{reply}");
    }
    for id in 2..=4 {
        assert!(job(&nano, id)["warranty_of"].is_null(), "job {id}");
    }
}

#[test]
fn reopened_job_keeps_warranty() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi mati total, beres, garansi 30 hari"]);

    let reopened = nano.at("2026-12-20T10:00:00+07:00").ok(&["#1 lagi dikerjain"]);
    nano.at("2026-12-22T10:00:00+07:00").ok(&["#1 udah selesai"]);

    assert!(reopened.contains("Masih garansi servis #1 sampai Minggu, 3 Jan 2027."), "{reopened}");
    assert_eq!(job(&nano, 1)["warranty_start"], "2026-12-04");
    assert_eq!(job(&nano, 1)["warranty_end"], "2027-01-03");
}

#[test]
fn undoing_finish_clears_start() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi mati total, garansi 30 hari"]);
    nano.at("2026-12-05T10:00:00+07:00").ok(&["#1 udah selesai"]);

    nano.ok(&["ralat", "--ya"]);
    assert!(job(&nano, 1)["warranty_start"].is_null());
    nano.at("2026-12-09T10:00:00+07:00").ok(&["#1 udah selesai"]);

    assert_eq!(job(&nano, 1)["warranty_start"], "2026-12-09");
}

#[test]
fn questions_by_customer_phone_device_id() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi 0812-3456-7890 mati total, beres, garansi 30 hari"]);
    nano.ok(&["catat", "kulkas LG Bu Ani gak dingin, beres, garansi 1 minggu"]);
    nano.at("2026-12-20T10:00:00+07:00");

    let by_customer = nano.ok(&["TV Pak Budi masih garansi?"]);
    let by_phone = nano.ok(&["0812 3456 7890 masih garansi gak?"]);
    let by_id = nano.ok(&["#2 masih garansi?"]);
    let by_command = nano.ok(&["garansi", "Pak", "Budi"]);
    let by_device = nano.ok(&["garansi", "kulkas", "LG"]);
    let running = nano.ok(&["garansi"]);

    for reply in [&by_customer, &by_phone, &by_command] {
        assert!(reply.contains("#1 TV Polytron"), "{reply}");
        assert!(reply.contains("masih garansi sampai Minggu, 3 Jan 2027 (14 hari lagi)"), "{reply}");
        assert!(!reply.contains("#2"), "{reply}");
    }
    assert!(by_id.contains("garansi sudah berakhir Jumat, 11 Des 2026"), "{by_id}");
    assert!(by_device.contains("#2 kulkas LG"), "{by_device}");
    assert!(running.contains("#1"), "{running}");
    assert!(!running.contains("#2"), "{running}");
}

#[test]
fn unmatched_question_exits_6() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi mati total"]);

    let stranger = nano.run(&["garansi", "Bu", "Sri"]);
    let missing = nano.run(&["#9 masih garansi?"]);
    let unknown_phone = nano.run(&["0857 0000 1111 masih garansi?"]);

    for output in [&stranger, &missing, &unknown_phone] {
        assert_eq!(output.status.code(), Some(6), "{}", stderr(output));
    }
    assert!(stderr(&stranger).contains("Tidak ada servis yang cocok dengan \"Bu Sri\""), "{}", stderr(&stranger));
    assert!(stderr(&missing).contains("Servis #9 tidak ada"), "{}", stderr(&missing));
}

#[test]
fn tafsir_shows_warranty_check() {
    let nano = Nano::new(NOW);

    let out = nano.ok(&["tafsir", "--json", "--tanpa-model", "--", "TV Pak Budi masih garansi?"]);

    let reading: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(reading["intent"], "warranty.check");
    assert_eq!(reading["warranty"]["customer"], "Pak Budi");
    assert_eq!(reading["warranty"]["device"], "tv");
    assert!(reading["warranty"]["id"].is_null());
}

#[test]
fn tafsir_job_phone_and_days() {
    let nano = Nano::new(NOW);

    let out = nano.ok(&["tafsir", "--json", "--tanpa-model", "--", "catat TV Pak Budi 0812-3456-7890 mati total garansi 2 minggu"]);

    let reading: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(reading["intent"], "job.add");
    assert_eq!(reading["job"]["phone"], "081234567890");
    assert_eq!(reading["job"]["warranty_days"], 14);
    assert!(reading["job"]["price"].is_null());
    assert_eq!(reading["job"]["date"], "2026-12-04");
}

#[test]
fn claim_matches_name_without_honorific() {
    let mut nano = Nano::new("2026-12-04T10:00:00+07:00");
    nano.ok(&["catat", "kipas", "angin", "maspion", "yanto", "gak", "muter", "35rb", "udah", "kelar"]);

    let claim = nano.at("2026-12-10T10:00:00+07:00").json(&["catat", "kipas", "angin", "maspion", "pak", "yanto", "muter", "pelan", "lagi"]);
    let asked = nano.ok(&["garansi", "pak", "yanto"]);

    assert_eq!(claim["job"]["warranty_of"], 1, "{claim}");
    assert!(asked.contains("#1"), "{asked}");
}

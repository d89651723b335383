//! End-to-end tests of `interpret` on whole lines, written apart from the sample corpus, and
//! robustness checks on hostile input.

use chrono::{DateTime, FixedOffset};

use super::*;

fn now() -> DateTime<FixedOffset> {
    // Friday 4 December 2026, 10:00 in Jakarta.
    DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap()
}

fn run(line: &str) -> Interpretation {
    interpret(line, now())
}

#[test]
fn job_lines() {
    // (line, device, brand, customer, status, price, date)
    type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>, Status, Option<i64>, &'a str);
    let cases: &[Case] = &[
        (
            "catat tivi politron 29 inch bu sri gambar goyang, ganti ic vertikal, 175 ribu, kelar",
            Some("tv"), Some("Polytron"), Some("Bu Sri"), Status::Selesai, Some(175_000), "2026-12-04",
        ),
        (
            "catat magicom cosmos an. Ibu Siti gak panas, ongkos 35rb, udah diambil",
            Some("rice cooker"), Some("Cosmos"), Some("Ibu Siti"), Status::Diambil, Some(35_000), "2026-12-04",
        ),
        (
            "catat kemaren ac panasonic gak dingin, isi freon, Rp 250.000,-, beres",
            Some("ac"), Some("Panasonic"), None, Status::Selesai, Some(250_000), "2026-12-03",
        ),
        (
            "catat tgl 28 kulkas 2 pintu LG bocor, 300rb",
            Some("kulkas"), Some("LG"), None, Status::Masuk, Some(300_000), "2026-11-28",
        ),
        (
            "catat hape oppo matot, gak bisa dibenerin",
            Some("hp"), Some("Oppo"), None, Status::Batal, None, "2026-12-04",
        ),
        (
            "TV Polytron Pak Budi mati total, udah beres 150rb",
            Some("tv"), Some("Polytron"), Some("Pak Budi"), Status::Selesai, Some(150_000), "2026-12-04",
        ),
        (
            "laptop asus punya mas eko lagi dikerjain",
            Some("laptop"), Some("Asus"), Some("Mas Eko"), Status::Proses, None, "2026-12-04",
        ),
        (
            "catat 2 hari yg lalu setrika philips punya Mbak Rina, sepuluh ribu",
            Some("setrika"), Some("Philips"), Some("Mbak Rina"), Status::Masuk, Some(10_000), "2026-12-02",
        ),
    ];
    for (line, device, brand, customer, status, price, date) in cases {
        let out = run(line);
        assert_eq!(out.intent, Intent::JobAdd, "intent of {line:?}");
        let job = out.job.expect("job slot");
        assert_eq!(job.device.as_deref(), *device, "device of {line:?}");
        assert_eq!(job.brand.as_deref(), *brand, "brand of {line:?}");
        assert_eq!(job.customer.as_deref(), *customer, "customer of {line:?}");
        assert_eq!(job.status, *status, "status of {line:?}");
        assert_eq!(job.price, *price, "price of {line:?}");
        assert_eq!(job.date.to_string(), *date, "date of {line:?}");
    }
}

#[test]
fn job_missing_device() {
    let out = run("catat ganti elco 50rb");
    assert_eq!(out.intent, Intent::JobAdd);
    assert_eq!(out.missing, vec!["job.device"]);
    assert!(out.confidence < 0.9);
}

#[test]
fn reminder_lines() {
    let cases = [
        ("ingetin bsk jam 9 telpon pak heru", "telepon pak heru", "2026-12-05T09:00:00+07:00"),
        ("ingatkan hari sabtu jam 2 siang ambil sparepart", "ambil sparepart", "2026-12-05T14:00:00+07:00"),
        ("jangan lupa lusa pagi antar kulkas bu ani", "antar kulkas bu ani", "2026-12-06T08:00:00+07:00"),
        ("tolong ingetin kamis jam 4 sore servis AC", "servis AC", "2026-12-10T16:00:00+07:00"),
        ("ingatkan 15 menit lagi matiin solder", "matiin solder", "2026-12-04T10:15:00+07:00"),
        ("nano ingatkan jam 8 pagi buka toko", "buka toko", "2026-12-05T08:00:00+07:00"),
        ("ingat besok ambil TV", "ambil TV", "2026-12-05T08:00:00+07:00"),
    ];
    for (line, text, due) in cases {
        let out = run(line);
        assert_eq!(out.intent, Intent::ReminderAdd, "intent of {line:?}");
        let reminder = out.reminder.expect("reminder slot");
        assert_eq!(reminder.text, text, "text of {line:?}");
        let due_at = reminder.due.map(|d| d.to_rfc3339());
        assert_eq!(due_at.as_deref(), Some(due), "due of {line:?}");
        assert!(out.confidence >= 0.9, "confidence of {line:?}");
    }
}

#[test]
fn reminder_missing() {
    let out = run("ingetin beli timah");
    assert_eq!(out.missing, vec!["reminder.due"]);
    let out = run("ingetin besok");
    assert_eq!(out.missing, vec!["reminder.text"]);
}

#[test]
fn stock_lines() {
    let cases: &[(&str, Intent, &str, Option<f64>)] = &[
        ("stok tambah elco 1000uF 25V 10", Intent::StockAdd, "elco 1000uF 25V", Some(10.0)),
        ("barusan dateng 50 resistor 10k", Intent::StockAdd, "resistor 10k", Some(50.0)),
        ("kepake 1 flyback buat TV Sharp", Intent::StockUse, "flyback", Some(1.0)),
        ("stok ic 4558 habis", Intent::StockSet, "ic 4558", Some(0.0)),
        ("kapasitor elektrolit 1000 mikro 25 volt tinggal 6", Intent::StockSet, "elco 1000uF 25V", Some(6.0)),
        ("stok dioda 1n4007 berapa?", Intent::StockShow, "dioda 1N4007", None),
        ("minimal stok transistor 13007 5", Intent::StockMin, "transistor 13007", Some(5.0)),
    ];
    for (line, intent, item, qty) in cases {
        let out = run(line);
        assert_eq!(out.intent, *intent, "intent of {line:?}");
        let stock = out.stock.expect("stock slot");
        assert_eq!(stock.item, *item, "item of {line:?}");
        assert_eq!(stock.qty, *qty, "qty of {line:?}");
    }
}

#[test]
fn stock_lists() {
    for (line, low) in [("stok", false), ("stok apa aja?", false), ("stok menipis", true), ("stok kurang", true)] {
        let out = run(line);
        assert_eq!(out.intent, Intent::StockList, "intent of {line:?}");
        assert_eq!(out.filter.map(|f| f.low_stock), Some(low), "filter of {line:?}");
    }
}

#[test]
fn other_intents() {
    let cases = [
        ("cari samsul matot", Intent::Search),
        ("pernah benerin magicom miyako gak?", Intent::Search),
        ("rekap minggu lalu", Intent::Report),
        ("berapa pemasukan hari ini?", Intent::Report),
        ("tv apa aja yang udah beres?", Intent::JobList),
        ("list pengingat", Intent::ReminderList),
        ("ingat, toko saya buka jam 8 pagi", Intent::MemoryAdd),
        ("lupain nama saya", Intent::MemoryForget),
        ("help", Intent::Help),
        ("kenapa tv polytron sering mati sendiri?", Intent::Chat),
        ("halo nano", Intent::Chat),
    ];
    for (line, intent) in cases {
        assert_eq!(run(line).intent, intent, "line {line:?}");
    }
}

#[test]
fn search_missing_query() {
    let out = run("cari");
    assert_eq!(out.intent, Intent::Search);
    assert_eq!(out.missing, vec!["query"]);
}

#[test]
fn command_words_split() {
    // The scorer passes the line as one argument; typed as words it is joined with spaces.
    let joined = ["besok", "ingetin", "beli", "elco"].join(" ");
    assert_eq!(run(&joined).intent, run("besok ingetin beli elco").intent);
}

#[test]
fn confidence_in_range() {
    for line in ["", "catat", "stok", "asdf qwer", "TV Sharp mati total", "ingetin"] {
        let confidence = run(line).confidence;
        assert!((0.0..=1.0).contains(&confidence), "confidence of {line:?}");
    }
}

/// Inputs that have broken tokenizers elsewhere: empty, control characters, combining marks,
/// right-to-left text, emoji, lone punctuation, huge numbers, huge lines.
#[test]
fn hostile_inputs() {
    let huge_word = "a".repeat(1 << 20);
    let huge_line = "catat TV Sharp mati total, 150rb, ".repeat(40_000);
    let huge_number = "9".repeat(5000);
    let cases: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\0\u{1}\u{7f}".into(),
        "\u{feff}catat TV".into(),
        "e\u{301}\u{301}\u{301}".into(),
        "مرحبا 150rb".into(),
        "🔥🔥 TV 🔥 mati 150rb 🔥".into(),
        "ß İ ǅ ﬃ".into(),
        "??????".into(),
        ",,,,....;;;!!!".into(),
        "-".into(),
        "--".into(),
        "/".into(),
        "ke-".into(),
        "jam".into(),
        "jam 99:99".into(),
        "tgl 31/2".into(),
        "tgl 0".into(),
        "32/13/2026".into(),
        "ingatkan tgl 31".into(),
        "ingatkan 99999999999 hari lagi".into(),
        "ingatkan 99999999999 jam lagi beli timah".into(),
        "ingatkan 9999999999999 hari lagi x".into(),
        "ingatkan 9999999999999 menit lagi x".into(),
        "ingatkan 9999999999999 minggu lagi x".into(),
        "catat TV LG rusak 9999999999999 hari lalu".into(),
        "ingatkan 99999 tahun lagi x".into(),
        "ingatkan 1e308 jam lagi".into(),
        format!("ingatkan {huge_number} menit lagi"),
        format!("Rp {huge_number}"),
        format!("{huge_number}rb"),
        "1,5,5jt".into(),
        "Rp".into(),
        "stok 0 elco".into(),
        "resistor 1e999k".into(),
        "elco 4u7u7".into(),
        "catat \u{202e}VT prahS".into(),
        huge_word,
        huge_line,
    ];
    for line in &cases {
        let out = run(line);
        assert!((0.0..=1.0).contains(&out.confidence));
        serde_json::to_string(&out).expect("serializes");
        normalize_part_name(line);
        normalize_for_search(line);
    }
}

/// A small generator of lines from a fixed alphabet of risky pieces, run without extra crates.
#[test]
fn generated_inputs() {
    let pieces = [
        "catat", "ingetin", "stok", "tgl", "jam", "setengah", "lagi", "1", "31", "12/12", "13:00",
        "150rb", "1,5jt", "Rp", ".", ",", "?", "-", "/", "ke-", "é", "µF", "Ω", "🔥", "minggu",
        "depan", "lalu", "yang", "hari", "bulan", "akhir", "awal", "pak", "bu", "punya", "hp",
        "laptop", "elco", "1000uF", "ganti", "dan", "sisa", "habis", "\u{0}", "  ", "0", "00:60",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let length = (next() % 12) as usize;
        let mut line = String::new();
        for _ in 0..length {
            line.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            if next() % 3 != 0 {
                line.push(' ');
            }
        }
        let out = interpret(&line, now());
        assert!((0.0..=1.0).contains(&out.confidence), "line {line:?}");
        normalize_part_name(&line);
    }
}

//! Reports for any range and filtered searches, run through the built binary against a real
//! database: the numbers are computed here from the jobs the test records.

mod common;

use common::{stderr, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

/// Records jobs on fixed days: three in November (two finished, one cancelled) and one in
/// December, with parts in two of them.
fn shop() -> Nano {
    let mut nano = Nano::new("2026-11-10T09:00:00+07:00");
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total,", "ganti", "2", "elco", "1000uF", "25V,", "selesai", "150rb"]);
    nano.at("2026-11-12T09:00:00+07:00");
    nano.ok(&["catat", "kulkas", "LG", "Bu", "Ani", "gak", "dingin,", "300rb"]);
    nano.at("2026-11-20T09:00:00+07:00");
    nano.ok(&["catat", "TV", "Sharp", "Mas", "Eko", "matot,", "ganti", "elko", "1000", "uf", "25", "volt,", "200rb"]);
    nano.at("2026-11-28T09:00:00+07:00");
    nano.ok(&["#3", "udah", "selesai"]);
    nano.ok(&["#2", "batal"]);
    nano.at("2026-12-02T09:00:00+07:00");
    nano.ok(&["catat", "TV", "Polytron", "Bu", "Sri", "gambar", "bergaris,", "selesai", "99rb"]);
    nano.at(NOW);
    nano
}

#[test]
fn range_report_numbers() {
    let nano = shop();
    let pdf = nano.home.path().join("november.pdf");

    let report = nano.json(&["laporan", "1/11", "sampai", "30/11", "--pdf", pdf.to_str().unwrap()]);

    assert_eq!(report["from"], "2026-11-01");
    assert_eq!(report["to"], "2026-11-30");
    assert_eq!(report["job_count"], 3);
    // Finished: 150,000 (#1) + 200,000 (#3); #2 is cancelled and #4 falls in December.
    assert_eq!(report["income"], 350_000);
    assert_eq!(report["by_status"]["batal"], 1);
    assert_eq!(report["by_status"]["selesai"], 2);
    assert_eq!(report["parts_used"][0]["name"], "elco 1000uF 25V");
    assert_eq!(report["parts_used"][0]["qty"], 3.0);
    assert_eq!(report["by_device"][0]["label"], "TV");
    assert_eq!(report["by_device"][0]["count"], 2);
    assert_eq!(report["by_device"][0]["income"], 350_000);
    assert_eq!(report["jobs_per"]["unit"], "hari");
    assert_eq!(report["jobs_per"]["buckets"].as_array().unwrap().len(), 30);
    assert!(pdf.is_file());
}

#[test]
fn unclaimed_uses_finish_time() {
    let nano = shop();

    let report = nano.json(&["laporan", "bulan", "lalu", "--belum-diambil", "5"]);

    let waiting: Vec<(i64, i64)> = report["unclaimed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|job| (job["id"].as_i64().unwrap(), job["days_waiting"].as_i64().unwrap()))
        .collect();
    // #1 was recorded finished on 10 Nov (24 days); #3 reached selesai on 28 Nov (6 days);
    // #4 finished on 2 Dec (2 days) is under the limit.
    assert_eq!(waiting, vec![(1, 24), (3, 6)]);

    let default = nano.json(&["laporan", "bulan", "lalu"]);
    assert_eq!(default["unclaimed_after_days"], 7);
    assert_eq!(default["unclaimed"].as_array().unwrap().len(), 1);
}

#[test]
fn range_words_and_options() {
    let nano = shop();

    let words = nano.json(&["laporan", "dari", "1", "November", "s.d.", "30", "November", "2026"]);
    let options = nano.json(&["laporan", "--dari", "2026-11-01", "--sampai", "30/11/2026"]);
    let months = nano.json(&["laporan", "3", "bulan", "terakhir"]);
    let year = nano.json(&["laporan", "tahun", "ini"]);

    assert_eq!((words["from"].as_str(), words["to"].as_str()), (Some("2026-11-01"), Some("2026-11-30")));
    assert_eq!(options["job_count"], words["job_count"]);
    assert_eq!(months["from"], "2026-09-05");
    assert_eq!(months["job_count"], 4);
    assert_eq!(year["jobs_per"]["unit"], "bulan");
}

#[test]
fn bad_ranges_rejected() {
    let nano = shop();

    for args in [
        vec!["laporan", "15/11", "sampai", "1/11"],
        vec!["laporan", "31/11", "sampai", "5/12"],
        vec!["laporan", "--dari", "15/11", "--sampai", "1/11"],
        vec!["laporan", "--dari", "kapan-kapan"],
        vec!["cari", "tv", "--dari", "15/11", "--sampai", "1/11"],
    ] {
        let output = nano.run(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("tanggal") || stderr(&output).contains("Tanggal"), "{args:?}: {}", stderr(&output));
    }
    let reversed = stderr(&nano.run(&["laporan", "15/11", "sampai", "1/11"]));
    assert!(reversed.contains("Minggu, 15 Nov 2026"), "{reversed}");
}

fn ids(found: &serde_json::Value) -> Vec<i64> {
    found.as_array().unwrap().iter().map(|job| job["id"].as_i64().unwrap()).collect()
}

#[test]
fn search_filters_narrow() {
    let nano = shop();

    assert_eq!(ids(&nano.json(&["cari", "polytron"])), vec![4, 1]);
    assert_eq!(ids(&nano.json(&["cari", "polytron", "--dari", "1/11", "--sampai", "30/11"])), vec![1]);
    assert_eq!(ids(&nano.json(&["cari", "--status", "selesai"])), vec![4, 3, 1]);
    assert_eq!(ids(&nano.json(&["cari", "--status", "batal,nunggu part"])), vec![2]);
    assert_eq!(ids(&nano.json(&["cari", "--pelanggan", "Pak Budi"])), vec![1]);
    // Ranked by match, so only the set is fixed.
    let mut finished_tv = ids(&nano.json(&["cari", "tv", "bulan", "lalu", "yang", "udah", "selesai"]));
    finished_tv.sort();
    assert_eq!(finished_tv, vec![1, 3]);

    let output = nano.run(&["cari", "--status", "rusak"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn sentences_read_range_and_filters() {
    let nano = shop();

    let report = nano.json(&["laporan", "minggu", "lalu"]);
    let search = nano.ok(&["cari", "polytron", "bulan", "lalu", "yang", "udah", "selesai"]);

    assert_eq!(report["from"], "2026-11-23");
    assert_eq!(report["job_count"], 0);
    assert!(search.contains("#1  10 Nov 2026  TV Polytron"), "{search}");
    assert!(!search.contains("#4"), "{search}");
    assert!(search.contains("status selesai"), "{search}");
}

#[test]
fn money_in_counts_pickup_day() {
    let mut nano = Nano::new("2026-11-20T10:00:00+07:00");
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total", "150rb", "selesai"]);
    nano.at("2026-11-30T10:00:00+07:00").ok(&["catat", "kipas", "Bu", "Ani", "gak", "muter", "35rb", "selesai"]);
    nano.at("2026-12-08T11:00:00+07:00").ok(&["#1 udah diambil"]);

    let today = nano.json(&["laporan", "--hari"]);
    let text = nano.ok(&["laporan", "--hari"]);

    // Job #1 came in on 20 November but was paid today; #2 is finished and not paid yet.
    assert_eq!(today["job_count"], 0);
    assert_eq!(today["money_in"], 150_000);
    assert_eq!(today["picked_up"][0]["id"], 1);
    assert!(text.contains("Uang masuk (diambil pada periode ini): Rp 150.000 dari 1 servis"), "{text}");
    assert!(text.starts_with("Laporan Harian — Selasa, 8 Des 2026\n"), "{text}");
}

#[test]
fn warranties_ending_soon_listed() {
    let mut nano = Nano::new("2026-11-20T10:00:00+07:00");
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total", "150rb", "selesai", "garansi", "30", "hari"]);
    nano.ok(&["catat", "kulkas", "LG", "Bu", "Ani", "gak", "dingin", "selesai", "garansi", "3", "bulan"]);

    let report = nano.at("2026-12-08T11:00:00+07:00").json(&["laporan", "--minggu"]);

    // 20 Nov + 30 days ends within 14 days of 8 Dec; the three-month warranty does not.
    let ending = report["warranties_ending"].as_array().expect("list");
    assert_eq!(ending.len(), 1, "{report}");
    assert_eq!(ending[0]["id"], 1);
    assert_eq!(ending[0]["ends"], "2026-12-20");
    assert_eq!(ending[0]["days_left"], 12);
}

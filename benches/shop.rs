//! Shop-workflow speed on generated data: `nano catat` wall time including process start,
//! full-text search over 100,000 jobs (p50/p95), and the weekly PDF for 1,000 jobs.
//! Run with `cargo bench --bench shop` after `cargo build --release`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use nano::interpret::{Job, Status};
use nano::store::{NewJob, Store};

const SEARCH_JOBS: usize = 100_000;
const REPORT_JOBS: usize = 1_000;
const CATAT_RUNS: usize = 30;
const SEARCH_RUNS: usize = 200;

const DEVICES: [&str; 6] = ["tv", "kulkas", "mesin cuci", "rice cooker", "hp", "laptop"];
const BRANDS: [&str; 8] = ["Polytron", "Sharp", "Samsung", "LG", "Miyako", "Sanken", "Xiaomi", "Lenovo"];
const CUSTOMERS: [&str; 6] = ["Pak Budi", "Bu Ani", "Mas Eko", "Pak Heru", "Bu Sri", "Mbak Rina"];
const COMPLAINTS: [&str; 5] = ["mati total", "gambar bergaris", "tidak dingin", "tidak mau nyala", "bunyi kasar"];

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * fraction).round() as usize]
}

fn fill(store: &mut Store, count: usize, first_day: NaiveDate) {
    for index in 0..count {
        let job = Job {
            device: Some(DEVICES[index % DEVICES.len()].into()),
            brand: Some(BRANDS[index % BRANDS.len()].into()),
            customer: Some(format!("{} {}", CUSTOMERS[index % CUSTOMERS.len()], index % 997)),
            complaint: Some(COMPLAINTS[index % COMPLAINTS.len()].into()),
            status: Status::Selesai,
            price: Some(50_000 + (index as i64 % 40) * 10_000),
            date: first_day + Days::days((index % 7) as i64),
            ..Job::default()
        };
        let line = format!("catat servis nomor {index}");
        store
            .insert_job(&NewJob { job: &job, source_line: &line, now: "2026-12-04T10:00:00+07:00" })
            .expect("insert job");
    }
}

fn bench_catat(binary: &Path, home: &Path) {
    let mut times = Vec::new();
    for run in 0..CATAT_RUNS {
        let started = Instant::now();
        let status = Command::new(binary)
            .args(["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total,", "150rb", &format!("#{run}")])
            .env("NANO_HOME", home)
            .env("NANO_NOW", "2026-12-04T10:00:00+07:00")
            .env_remove("NANO_MODEL")
            .output()
            .expect("run nano");
        assert!(status.status.success());
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "catat (process start to exit, {CATAT_RUNS} runs): p50 {:.1} ms, p95 {:.1} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3
    );
}

fn main() {
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/nano");
    assert!(binary.is_file(), "build first: cargo build --release");
    let scratch = tempfile::tempdir().expect("temp dir");

    let catat_home = scratch.path().join("catat");
    std::fs::create_dir_all(&catat_home).unwrap();
    bench_catat(&binary, &catat_home);

    let mut store = Store::open(&scratch.path().join("search.db")).expect("open store");
    let started = Instant::now();
    fill(&mut store, SEARCH_JOBS, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    println!("filled {SEARCH_JOBS} jobs in {:.1} s", started.elapsed().as_secs_f64());

    let queries = ["polytron", "pak budi", "kulkas lg", "mati total", "xiaomi hp", "rina 17", "sanken bunyi"];
    let mut times = Vec::new();
    for run in 0..SEARCH_RUNS {
        let query = queries[run % queries.len()];
        let started = Instant::now();
        let found = store.search_jobs(query, 20).expect("search");
        times.push(started.elapsed());
        assert!(!found.is_empty(), "{query}");
    }
    times.sort();
    println!(
        "search over {SEARCH_JOBS} jobs ({SEARCH_RUNS} queries, 20 results): p50 {:.2} ms, p95 {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3
    );

    let mut report_store = Store::open(&scratch.path().join("report.db")).expect("open store");
    let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    fill(&mut report_store, REPORT_JOBS, monday);
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();
    let started = Instant::now();
    let data = nano::report::collect(&report_store, monday, monday + Days::days(6), now, Some("Bengkel Uji".into()), 7)
        .expect("collect");
    let pdf = scratch.path().join("mingguan.pdf");
    nano::report::write_pdf_file(&data, &pdf).expect("write pdf");
    println!(
        "weekly report for {} jobs (collect and PDF): {:.0} ms, {} KB",
        data.jobs.len(),
        started.elapsed().as_secs_f64() * 1e3,
        std::fs::metadata(&pdf).map(|m| m.len() / 1024).unwrap_or(0)
    );
}

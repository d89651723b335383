//! Writes real report PDFs into temporary folders and reads them back with poppler's
//! `pdftotext` and `pdfinfo`, so the checks inspect the text that a PDF viewer shows.
//!
//! These tests need poppler-utils installed and fail with a clear message when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use nano::report::model::{ReportData, ReportJob, ReportPart, ReportReminder, ReportStock, ReportUnclaimed};
use nano::report::pdf::{write_pdf, PdfError};

/// A 60-character word with no repeating pattern, so a lost or reordered chunk shows.
const LONG_WORD: &str = "KerusakanPadaKonektorFleksibelLCDdanIC0123456789ABCDEFGHIJKL";

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

fn time(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, minute, 0).expect("valid test time")
}

fn job(id: i64, complaint: &str, status: &str, price: Option<i64>) -> ReportJob {
    ReportJob {
        id,
        date: date(2026, 12, 1),
        device: "Redmi Note 12".into(),
        brand: "Xiaomi".into(),
        model: String::new(),
        customer: "Bu Sari Wulandari".into(),
        complaint: complaint.into(),
        status: status.into(),
        price,
    }
}

fn empty_report() -> ReportData {
    ReportData {
        title: "Laporan Mingguan".into(),
        shop_name: Some("Servis HP Maju Jaya".into()),
        from: date(2026, 11, 30),
        to: date(2026, 12, 6),
        generated_at: time(date(2026, 12, 4), 14, 30),
        jobs: Vec::new(),
        open_reminders: Vec::new(),
        low_stock: Vec::new(),
        parts_used: Vec::new(),
        unclaimed: Vec::new(),
        unclaimed_after_days: 7,
        picked_up: Vec::new(),
        warranties_ending: Vec::new(),
    }
}

fn full_report() -> ReportData {
    let mut report = empty_report();
    report.jobs = vec![
        job(
            41,
            "Layar bergaris setelah jatuh",
            "selesai",
            Some(1_250_000),
        ),
        job(42, "Tidak bisa dicas", "batal", Some(75_000)),
        job(43, "Baterai kembung", "tunggu_part", None),
    ];
    report.open_reminders = vec![ReportReminder {
        id: 7,
        due: time(date(2026, 12, 5), 9, 0),
        text: "Ambil LCD pesanan di toko Pak Budi".into(),
    }];
    report.low_stock = vec![ReportStock {
        item: "Timah solder 0,8 mm".into(),
        qty: 0.5,
        unit: "roll".into(),
        min_qty: 2.0,
    }];
    report
}

/// Writes `report` into a fresh temporary folder and returns the folder guard and the file path.
fn write_to_temp(report: &ReportData) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("create temp dir");
    let path = dir.path().join("laporan.pdf");
    write_pdf(report, &path).expect("write_pdf succeeds");
    (dir, path)
}

fn run_poppler(tool: &str, args: &[&str], path: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|error| panic!("could not run {tool} (install poppler-utils): {error}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler prints UTF-8")
}

/// Returns the text of the whole PDF, or of one page when `page` is set.
fn pdf_text(path: &Path, page: Option<usize>) -> String {
    let page = page.map(|page| page.to_string());
    let mut args = vec!["-raw", "-enc", "UTF-8"];
    if let Some(page) = &page {
        args.extend(["-f", page, "-l", page]);
    }
    run_poppler("pdftotext", &args, path)
}

fn page_count(path: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(path)
        .output()
        .unwrap_or_else(|error| panic!("could not run pdfinfo (install poppler-utils): {error}"));
    assert!(output.status.success(), "pdfinfo failed");
    let info = String::from_utf8_lossy(&output.stdout);
    let line = info
        .lines()
        .find(|line| line.starts_with("Pages:"))
        .expect("pdfinfo prints a Pages line");
    line["Pages:".len()..]
        .trim()
        .parse()
        .expect("page count is a number")
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Joins the words of `text` with single spaces, so a phrase can be found whatever line breaks
/// pdftotext put into it.
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn job_fields_appear() {
    let (_dir, path) = write_to_temp(&full_report());

    let text = single_spaced(&pdf_text(&path, None));

    for expected in [
        "Servis HP Maju Jaya",
        "Laporan Mingguan",
        "Periode: Senin, 30 Nov 2026 – Minggu, 6 Des 2026",
        "Redmi Note 12 Xiaomi",
        "Bu Sari Wulandari",
        "Layar bergaris setelah jatuh",
        "Rp 1.250.000",
        "Tunggu part",
        "#41",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn summary_excludes_cancelled() {
    let (_dir, path) = write_to_temp(&full_report());

    let text = single_spaced(&pdf_text(&path, None));

    assert!(
        text.contains("Jumlah servis 3"),
        "job count missing in:\n{text}"
    );
    assert!(
        text.contains("Total pendapatan Rp 1.250.000"),
        "income missing in:\n{text}"
    );
    assert!(
        !text.contains("Rp 1.325.000"),
        "cancelled job counted in:\n{text}"
    );
    assert!(
        text.contains("Batal 1"),
        "per-status count missing in:\n{text}"
    );
}

#[test]
fn reminders_and_stock_appear() {
    let (_dir, path) = write_to_temp(&full_report());

    let text = single_spaced(&pdf_text(&path, None));

    assert!(text.contains("Pengingat yang Belum Selesai"), "{text}");
    assert!(
        text.contains("Ambil LCD pesanan di toko Pak Budi"),
        "{text}"
    );
    assert!(text.contains("Sabtu, 5 Des 2026"), "{text}");
    assert!(text.contains("Stok Menipis"), "{text}");
    assert!(text.contains("Timah solder 0,8 mm"), "{text}");
    assert!(text.contains("0,5 roll"), "{text}");
}

#[test]
fn long_word_kept_whole() {
    let mut report = empty_report();
    // The long word opens one cell and sits mid-sentence in another, because genpdf drops the
    // rest of a paragraph only in the first case.
    report.jobs = vec![
        job(
            1,
            &format!("{LONG_WORD} lalu mati total"),
            "masuk",
            Some(100_000),
        ),
        job(
            2,
            &format!("Keluhan: {LONG_WORD} sesudah diservis"),
            "masuk",
            None,
        ),
    ];
    report.jobs[1].customer = LONG_WORD.to_string();

    let (_dir, path) = write_to_temp(&report);
    let text = without_whitespace(&pdf_text(&path, None));

    let expected_first = without_whitespace(&format!("{LONG_WORD} lalu mati total"));
    let expected_second = without_whitespace(&format!("Keluhan: {LONG_WORD} sesudah diservis"));
    assert!(
        text.contains(&expected_first),
        "first complaint incomplete in:\n{text}"
    );
    assert!(
        text.contains(&expected_second),
        "second complaint incomplete in:\n{text}"
    );
    assert_eq!(
        text.matches(LONG_WORD).count(),
        3,
        "long word count in:\n{text}"
    );
}

#[test]
fn newline_starts_new_line() {
    let mut report = empty_report();
    report.jobs = vec![job(1, "Layar mati\r\nSpeaker sember", "proses", None)];

    let (_dir, path) = write_to_temp(&report);
    let text = pdf_text(&path, None);

    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(
        lines.contains(&"Layar mati"),
        "first line missing in:\n{text}"
    );
    assert!(
        lines.contains(&"Speaker sember"),
        "second line missing in:\n{text}"
    );
}

#[test]
fn many_jobs_span_pages() {
    let mut report = empty_report();
    report.jobs = (1..=120)
        .map(|id| job(id, &format!("Keluhan nomor {id}"), "selesai", Some(10_000)))
        .collect();

    let (_dir, path) = write_to_temp(&report);

    let pages = page_count(&path);
    assert!(pages > 1, "expected several pages, got {pages}");

    let text = single_spaced(&pdf_text(&path, None));
    for id in 1..=120 {
        let complaint = format!("Keluhan nomor {id} ");
        assert!(text.contains(&complaint), "job {id} missing");
    }
    assert!(
        text.contains("Total pendapatan Rp 1.200.000"),
        "income missing in:\n{text}"
    );

    // The column header and the section heading are repeated on every page the table reaches.
    let mut continued_pages = 0;
    for page in 2..=pages {
        let page_text = single_spaced(&pdf_text(&path, Some(page)));
        if !page_text.contains("Keluhan nomor") {
            continue;
        }
        continued_pages += 1;
        assert!(
            page_text.contains("Pelanggan"),
            "page {page} has no table header:\n{page_text}"
        );
        assert!(
            page_text.contains("Daftar Servis (lanjutan)"),
            "page {page} has no heading:\n{page_text}"
        );
        assert!(
            page_text.contains(&format!("Halaman {page}")),
            "page {page} has no page number"
        );
    }
    assert!(
        continued_pages > 0,
        "the job table never continued on a later page"
    );
}

#[test]
fn empty_report_says_so() {
    let mut report = empty_report();
    report.shop_name = None;

    let (_dir, path) = write_to_temp(&report);
    let text = single_spaced(&pdf_text(&path, None));

    assert!(
        text.contains("Tidak ada servis pada periode ini."),
        "{text}"
    );
    assert!(
        text.contains("Tidak ada pengingat yang belum selesai."),
        "{text}"
    );
    assert!(text.contains("Tidak ada stok yang menipis."), "{text}");
    assert!(text.contains("Total pendapatan Rp 0"), "{text}");
    assert_eq!(page_count(&path), 1);
}

#[test]
fn missing_glyph_keeps_text() {
    let mut report = empty_report();
    report.jobs = vec![job(1, "HP 📱 jatuh ke air", "masuk", None)];

    let (_dir, path) = write_to_temp(&report);
    let text = single_spaced(&pdf_text(&path, None));

    assert!(text.contains("jatuh ke air"), "{text}");
}

#[test]
fn missing_folder_is_write_error() {
    let dir = tempfile::tempdir().expect("create temp dir");
    let path = dir.path().join("tidak-ada").join("laporan.pdf");

    let error = write_pdf(&full_report(), &path).expect_err("folder does not exist");

    match &error {
        PdfError::Write {
            path: error_path, ..
        } => assert_eq!(error_path, &path),
        other => panic!("expected a write error, got {other:?}"),
    }
    assert!(
        error.user_message().contains("tidak-ada"),
        "{}",
        error.user_message()
    );
    assert!(!path.exists());
}

/// Renders every page to a grey image with poppler's `pdftoppm` and counts dark pixels, so a
/// page that came out blank (fonts missing, content drawn off the page) fails.
#[test]
fn rendered_pages_are_not_blank() {
    let mut report = full_report();
    report.jobs.extend((100..=160).map(|id| job(id, &format!("Keluhan nomor {id}"), "selesai", Some(10_000))));
    let (dir, path) = write_to_temp(&report);

    let prefix = dir.path().join("halaman");
    let rendered = Command::new("pdftoppm")
        .args(["-gray", "-r", "40"])
        .arg(&path)
        .arg(&prefix)
        .output()
        .expect("pdftoppm from poppler-utils");
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));

    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|file| file.extension().is_some_and(|ext| ext == "pgm"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), page_count(&path), "one image per page");

    for page in pages {
        let bytes = std::fs::read(&page).unwrap();
        // A binary PGM has a short text header; the pixels follow the last header line.
        let pixels = &bytes[pgm_header_len(&bytes)..];
        let dark = pixels.iter().filter(|value| **value < 128).count();
        assert!(dark > pixels.len() / 500, "{} looks blank: {dark} dark pixels", page.display());
    }
}

/// Length of a binary PGM header: magic, width and height, maximum value, each ended by
/// whitespace.
fn pgm_header_len(bytes: &[u8]) -> usize {
    let mut fields = 0;
    let mut index = 0;
    while fields < 4 && index < bytes.len() {
        while index < bytes.len() && bytes[index].is_ascii_whitespace() {
            index += 1;
        }
        while index < bytes.len() && !bytes[index].is_ascii_whitespace() {
            index += 1;
        }
        fields += 1;
    }
    index + 1
}

/// Renders page `page` to a grey image and returns its width, height and pixels.
fn render_page(dir: &Path, path: &Path, page: usize) -> (usize, usize, Vec<u8>) {
    let prefix = dir.join(format!("grafik-{page}"));
    let page_text = page.to_string();
    let rendered = Command::new("pdftoppm")
        .args(["-gray", "-r", "50", "-singlefile", "-f", &page_text, "-l", &page_text])
        .arg(path)
        .arg(&prefix)
        .output()
        .expect("pdftoppm from poppler-utils");
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));
    let bytes = std::fs::read(prefix.with_extension("pgm")).expect("rendered page");
    let header = String::from_utf8_lossy(&bytes[..pgm_header_len(&bytes)]).into_owned();
    let fields: Vec<usize> = header.split_whitespace().skip(1).take(2).map(|f| f.parse().unwrap()).collect();
    (fields[0], fields[1], bytes[pgm_header_len(&bytes)..].to_vec())
}

fn week_of_jobs() -> ReportData {
    let mut report = empty_report();
    // Monday 30 Nov: 1 job, Tuesday: 4 jobs, Sunday: 2 jobs.
    let days = [(30, 11, 1), (1, 12, 4), (6, 12, 2)];
    let mut id = 0;
    for (day, month, count) in days {
        for _ in 0..count {
            id += 1;
            let mut job = job(id, "Mati total", "selesai", Some(50_000));
            job.date = date(2026, month, day);
            report.jobs.push(job);
        }
    }
    report
}

#[test]
fn chart_labels_and_counts() {
    let (_dir, path) = write_to_temp(&week_of_jobs());

    let text = single_spaced(&pdf_text(&path, None));

    assert!(text.contains("Grafik Servis"), "{text}");
    for label in ["Sen 30/11", "Sel 1/12", "Min 6/12"] {
        assert!(text.contains(label), "bar label {label:?} missing in:\n{text}");
    }
    assert!(text.contains("Jumlah servis per hari"), "{text}");
}

/// Finds the chart by its heading's page and checks that the bars are drawn. A bar is the
/// longest unbroken run of dark pixels in its column, far longer than any glyph: the tallest
/// bar (4 jobs on Tuesday) spans the plot, Monday's (1 job) a quarter of it, and the empty
/// Wednesday none.
#[test]
fn chart_bars_are_drawn() {
    let (dir, path) = write_to_temp(&week_of_jobs());
    let page = (1..=page_count(&path))
        .find(|page| pdf_text(&path, Some(*page)).contains("Grafik Servis"))
        .expect("chart page");

    let (width, height, pixels) = render_page(dir.path(), &path, page);

    // The text width is 180 mm of the 210 mm page, split into 7 equal slots.
    let column = |slot: f64| ((15.0 + 180.0 / 7.0 * (slot + 0.5)) / 210.0 * width as f64) as usize;
    let longest_run = |x: usize| {
        let (mut longest, mut run) = (0, 0);
        for y in 0..height {
            run = if pixels[y * width + x] < 200 { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        longest as f64
    };
    let monday = longest_run(column(0.0));
    let tuesday = longest_run(column(1.0));
    let wednesday = longest_run(column(2.0));
    // 50 mm of plot at 50 dpi is about 98 pixels.
    assert!(tuesday > 80.0, "Tuesday bar is {tuesday} px tall");
    assert!((0.2 * tuesday..=0.3 * tuesday).contains(&monday), "Monday bar is {monday} px, Tuesday {tuesday} px");
    assert!(wednesday < 12.0, "empty Wednesday has a {wednesday} px run");
}

#[test]
fn parts_and_unclaimed_sections() {
    let mut report = full_report();
    report.parts_used = vec![ReportPart { name: "elco 1000uF 25V".into(), qty: 3.0, unit: "pcs".into() }];
    report.unclaimed = vec![ReportUnclaimed {
        id: 41,
        customer: "Pak Budi".into(),
        device: "TV Polytron".into(),
        finished: date(2026, 11, 20),
        days_waiting: 14,
    }];

    let (_dir, path) = write_to_temp(&report);
    let text = single_spaced(&pdf_text(&path, None));

    assert!(text.contains("Part Terpakai"), "{text}");
    assert!(text.contains("elco 1000uF 25V 3 pcs"), "{text}");
    assert!(text.contains("Selesai tapi Belum Diambil"), "{text}");
    assert!(text.contains("#41 Pak Budi TV Polytron 20 Nov 2026 14 hari"), "{text}");
    assert!(text.contains("Per Jenis Barang"), "{text}");
    assert!(text.contains("Redmi Note 12 3 Rp 1.250.000"), "{text}");
}

/// A long parts table continues on the next page with its heading and column header again.
#[test]
fn parts_table_repeats_header() {
    let mut report = empty_report();
    report.parts_used = (1..=150)
        .map(|n| ReportPart { name: format!("resistor {n}k nomor-{n}"), qty: n as f64, unit: "pcs".into() })
        .collect();

    let (_dir, path) = write_to_temp(&report);
    let pages = page_count(&path);
    assert!(pages >= 3, "expected several pages, got {pages}");

    let text = single_spaced(&pdf_text(&path, None));
    for n in 1..=150 {
        assert!(text.contains(&format!("nomor-{n} ")), "part {n} missing");
    }
    let continued: Vec<usize> = (2..=pages)
        .filter(|page| pdf_text(&path, Some(*page)).contains("nomor-"))
        .collect();
    assert!(continued.len() >= 2, "parts continued on pages {continued:?}");
    for page in continued {
        let page_text = single_spaced(&pdf_text(&path, Some(page)));
        assert!(page_text.contains("Part Terpakai (lanjutan)"), "page {page}:\n{page_text}");
        assert!(page_text.contains("Part Jumlah"), "page {page} has no header:\n{page_text}");
    }
}

#[test]
fn pickups_and_warranties_shown() {
    let mut report = full_report();
    report.picked_up = vec![nano::report::ReportPickup { id: 7, picked_on: date(2026, 12, 2), price: Some(85_000) }];
    report.warranties_ending = vec![nano::report::ReportWarranty {
        id: 3,
        customer: "Bu Sri Wahyuningsih".into(),
        device: "Kulkas Sharp".into(),
        ends: date(2026, 12, 10),
        days_left: 6,
    }];
    let (_dir, path) = write_to_temp(&report);

    let text = single_spaced(&pdf_text(&path, None));

    assert!(text.contains("Uang masuk (diambil pada periode ini, 1 servis) Rp 85.000"), "{text}");
    assert!(text.contains("Garansi Berakhir dalam 14 Hari"), "{text}");
    assert!(text.contains("Bu Sri Wahyuningsih"), "{text}");
    assert!(text.contains("6 hari lagi"), "{text}");
}

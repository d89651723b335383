//! `nano nota ID`: the customer receipt PDF of one job.

mod common;

use std::process::Command;

use common::{stderr, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

fn tool_output(tool: &str, pdf: &std::path::Path) -> String {
    let output = Command::new(tool).arg(pdf).arg("-").output().unwrap_or_else(|error| panic!("{tool}: {error}"));
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn receipt_names_job_customer_price() {
    let nano = Nano::new(NOW);
    nano.ok(&["ingat", "bengkel", "saya", "namanya", "Arip", "Elektronik"]);
    nano.ok(&["catat", "TV Polytron Pak Budi mati total, ganti elco 1000uF 25V 2 pcs, 150rb"]);
    nano.ok(&["#1 udah selesai"]);
    let pdf = nano.home.path().join("nota.pdf");

    let printed = nano.ok(&["nota", "1", "--pdf", pdf.to_str().unwrap()]);

    assert!(printed.contains(pdf.to_str().unwrap()), "{printed}");
    let text = tool_output("pdftotext", &pdf);
    assert!(text.contains("Arip Elektronik"), "{text}");
    assert!(text.contains("servis #1"), "{text}");
    assert!(text.contains("Pak Budi"), "{text}");
    assert!(text.contains("Rp 150.000"), "{text}");
    assert!(text.contains("Selesai"), "{text}");
    assert!(text.contains("Garansi 30 hari"), "{text}");
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("run pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.lines().any(|line| line.starts_with("Pages:") && line.ends_with(" 1")), "{info}");
}

#[test]
fn receipt_default_path_in_reports() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "kulkas LG Bu Ani gak dingin"]);

    let printed = nano.ok(&["nota", "#1"]);

    let expected = nano.home.path().join("laporan").join("nota-1.pdf");
    assert!(expected.is_file(), "{printed}");
    assert!(printed.contains("nota-1.pdf"), "{printed}");
}

#[test]
fn receipt_unknown_job_exits_6() {
    let nano = Nano::new(NOW);

    let output = nano.run(&["nota", "12"]);

    assert_eq!(output.status.code(), Some(6));
    assert!(stderr(&output).contains("Servis #12 tidak ada"), "{}", stderr(&output));
}

#[test]
fn shop_settings_reach_the_receipt() {
    let nano = Nano::new(NOW);
    std::fs::write(
        nano.home.path().join("config.toml"),
        "[bengkel]\nnama = \"Servis Jaya Abadi\"\nalamat = \"Jl. Kenanga No. 5, Sleman\"\ntelepon = \"0812-1111-2222\"\ngaransi_hari = 14\n",
    )
    .unwrap();
    nano.ok(&["ingat", "bengkel", "saya", "namanya", "Arip", "Elektronik"]);
    nano.ok(&["catat", "kipas angin Miyako Bu Ani muter pelan, 35rb"]);
    let pdf = nano.home.path().join("nota.pdf");

    nano.ok(&["nota", "1", "--pdf", pdf.to_str().unwrap()]);

    let text = tool_output("pdftotext", &pdf);
    assert!(text.contains("Servis Jaya Abadi"), "{text}");
    assert!(text.contains("Jl. Kenanga No. 5, Sleman"), "{text}");
    assert!(text.contains("Telp/WA: 0812-1111-2222"), "{text}");
    assert!(!text.contains("Arip Elektronik"), "{text}");
    assert!(text.contains("Garansi 14 hari"), "{text}");
}

#[test]
fn receipt_prints_job_warranty_and_phone() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV Polytron Pak Budi 0812-3456-7890 mati total, garansi 2 minggu"]);
    nano.ok(&["catat", "radio Sony Bu Ani gak bunyi, tanpa garansi, beres"]);
    nano.at("2026-12-05T10:00:00+07:00").ok(&["#1 udah selesai"]);
    nano.at("2026-12-10T10:00:00+07:00").ok(&["catat", "TV Polytron Pak Budi mati lagi"]);
    let pdf = |id: &str| nano.home.path().join(format!("nota-{id}.pdf"));
    // pdftotext breaks long lines; the checks read the text as one line.
    let text_of = |id: &str| tool_output("pdftotext", &pdf(id)).split_whitespace().collect::<Vec<_>>().join(" ");

    nano.ok(&["nota", "1", "--pdf", pdf("1").to_str().unwrap()]);
    nano.ok(&["nota", "2", "--pdf", pdf("2").to_str().unwrap()]);
    nano.ok(&["nota", "3", "--pdf", pdf("3").to_str().unwrap()]);

    let first = text_of("1");
    assert!(first.contains("Garansi 14 hari"), "{first}");
    assert!(first.contains("19 Des 2026"), "{first}");
    assert!(first.contains("0812-3456-7890"), "{first}");
    let second = text_of("2");
    assert!(second.contains("Tanpa garansi"), "{second}");
    let claim = text_of("3");
    assert!(claim.contains("Klaim garansi servis #1"), "{claim}");
    assert!(claim.contains("19 Des 2026"), "{claim}");
}

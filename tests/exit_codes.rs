//! Every documented exit code, each caused the way a user would cause it.

mod common;

use common::{stderr, Nano};

const NOW: &str = "2026-12-04T10:00:00+07:00";

#[test]
fn exit_codes_match_readme() {
    let damaged = Nano::new(NOW);
    std::fs::write(damaged.database(), vec![0x5Au8; 8192]).unwrap();
    let fresh = Nano::new(NOW);
    // The target is an existing folder, so the PDF file cannot be written there.
    let unwritable = fresh.home.path().to_path_buf();

    let cases: [(&Nano, &[&str], i32, &str); 7] = [
        (&fresh, &["catat", "TV", "Sharp", "mati", "total"], 0, ""),
        (&fresh, &["laporan", "--pdf", unwritable.to_str().unwrap()], 1, "PDF"),
        (&fresh, &["laporan", "--tahunan"], 2, "tidak dikenal"),
        (&fresh, &["ingatkan", "beli", "solder"], 3, "Kapan"),
        (&damaged, &["cari", "tv"], 4, "rusak"),
        (&fresh, &["selamat", "pagi", "Nano"], 5, "Model bahasa belum dipasang"),
        (&fresh, &["stok", "pakai", "2", "dioda", "1N4007"], 6, "belum tercatat"),
    ];
    for (nano, args, code, words) in cases {
        let output = nano.run(args);
        let message = format!("{}{}", common::stdout(&output), stderr(&output));
        assert_eq!(output.status.code(), Some(code), "{args:?}: {message}");
        assert!(message.contains(words), "{args:?}: {message}");
    }
}

#[test]
fn model_too_large_for_memory_is_explained() {
    let model = common::test_model();
    let one_megabyte = Some(1_000_000);

    let error = nano::llm::gguf::check(&model, one_megabyte).unwrap_err();
    let message = nano::error::model_problem(&nano::llm::LlmError::File(error));

    assert!(message.contains("butuh sekitar"), "{message}");
    assert!(message.contains("yang tersedia 1 MB"), "{message}");
    assert!(nano::llm::gguf::check(&model, None).is_ok());
}

//! The command line: subcommands, options and Indonesian help, defined once with clap.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

const HELP_TEMPLATE: &str = "\
{before-help}{name} {version} — {about}

Cara pakai: {usage}

{all-args}{after-help}";

/// Subcommands show their own description and usage, without the program version.
const SUBCOMMAND_TEMPLATE: &str = "\
{about}

Cara pakai: {usage}

{all-args}{after-help}";

const AFTER_HELP: &str = "\
Tanpa perintah, nano membuka obrolan: kalimat yang sama bisa diketik di sana.
Kalimat bebas juga bisa langsung: nano ingat nama saya Arip

Lingkungan:
  NANO_HOME   folder data (database, riwayat, laporan, pengaturan)
  NANO_NOW    jam tetap untuk uji coba, format RFC 3339 (2026-12-04T10:00:00+07:00)
  NANO_MODEL  file model GGUF; menimpa pengaturan
  NANO_LOG    tingkat log di file nano.log (error, warn, info, debug)

Catatan: setelah dipasang, nama nano menutupi editor teks GNU nano. Editor itu tetap bisa
dibuka dengan /usr/bin/nano.";

const PELANGGAN_HELP: &str = "\
Contoh:
  nano pelanggan                              daftar pelanggan, nomor HP dan jumlah servisnya
  nano pelanggan Pak Budi                     satu pelanggan
  nano pelanggan \"Pak Budi\" 0812-3456-7890    simpan atau ganti nomor HP-nya

Pelanggan tercatat otomatis saat servisnya dicatat. Nomor HP di kalimat catat juga disimpan:
  nano catat TV Pak Budi 0812-3456-7890 mati total";

const GARANSI_HELP: &str = "\
Contoh:
  nano garansi                  semua servis yang masih garansi
  nano garansi Pak Budi         servis Pak Budi dan sisa garansinya
  nano garansi 0812-3456-7890   dicari lewat nomor HP pelanggan
  nano garansi 12               satu servis (nomor #12)
  nano garansi TV Polytron      menurut barang dan merek

Garansi dihitung sejak servis selesai (atau diambil), sepanjang garansi_hari di pengaturan,
kecuali kalimat catatnya menyebut lain: garansi 2 minggu, garansi 1 bulan, tanpa garansi.";

/// Nano: asisten terminal untuk teknisi servis elektronik.
#[derive(Debug, Parser)]
#[command(
    name = "nano",
    version,
    about = "asisten terminal untuk teknisi servis elektronik",
    help_template = HELP_TEMPLATE,
    after_help = AFTER_HELP,
    override_usage = "nano [PILIHAN] [PERINTAH] [KALIMAT...]",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Perintah",
    subcommand_value_name = "PERINTAH",
    next_help_heading = "Pilihan"
)]
pub struct Cli {
    /// Cetak hasil sebagai JSON (untuk skrip)
    #[arg(long, global = true)]
    pub json: bool,

    /// Warna di layar: otomatis, ya, tidak (NO_COLOR juga mematikan warna)
    #[arg(long, global = true, value_enum, default_value_t = crate::style::ColorChoice::Otomatis, value_name = "PILIHAN", hide_possible_values = true)]
    pub warna: crate::style::ColorChoice,

    /// Tampilkan bantuan ini
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// Tampilkan versi
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Catat servis: nano catat TV Polytron Pak Budi mati total, 150rb, selesai
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano catat [PILIHAN] <KALIMAT>...")]
    Catat(Sentence),

    /// Pasang pengingat: nano ingatkan besok jam 9 beli elco 1000uF 25V
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano ingatkan [PILIHAN] <KALIMAT>...")]
    Ingatkan(Sentence),

    /// Daftar pengingat, atau tandai selesai: nano pengingat selesai 3
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano pengingat [PILIHAN] [selesai ID]")]
    Pengingat(Pengingat),

    /// Stok part: nano stok tambah elco 1000uF 25V 10 (tanpa kata: daftar stok)
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano stok [PILIHAN] [KALIMAT]...")]
    Stok(OptionalSentence),

    /// Hapus catatan (ada cadangan dulu): nano hapus servis 12 --ya
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano hapus [PILIHAN] <servis|pengingat|stok> <NOMOR|NAMA> [--ya]")]
    Hapus(Sentence),

    /// Pelanggan dan nomor HP-nya: nano pelanggan "Pak Budi" 0812-3456-7890 (tanpa kata: daftar pelanggan)
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano pelanggan [PILIHAN] [NAMA] [NOMOR HP]", after_help = PELANGGAN_HELP)]
    Pelanggan(Pelanggan),

    /// Cek garansi servis: nano garansi Pak Budi (tanpa kata: semua yang masih garansi)
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano garansi [PILIHAN] [PELANGGAN|NOMOR HP|ID|BARANG]...", after_help = GARANSI_HELP)]
    Garansi(OptionalSentence),

    /// Daftar belanja: stok yang habis atau menipis, dengan jumlah yang perlu dibeli
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano belanja [PILIHAN]")]
    Belanja,

    /// Cari riwayat servis: nano cari polytron --status selesai --dari 1/11
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano cari [PILIHAN] [KALIMAT]...")]
    Cari(Cari),

    /// Ringkasan dan PDF: nano laporan --minggu
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano laporan [PILIHAN] [PERIODE]...")]
    Laporan(Laporan),

    /// Ekspor semua data ke JSON atau CSV: nano ekspor --json --ke nano.json
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano ekspor [--json] [--ke FILE]\n       nano ekspor --csv --ke FOLDER")]
    Ekspor(Ekspor),

    /// Impor hasil ekspor ke database yang masih kosong: nano impor nano.json
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano impor [PILIHAN] <FILE|FOLDER>")]
    Impor(Impor),

    /// Nota servis untuk pelanggan (PDF satu halaman): nano nota 12
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano nota [PILIHAN] <ID>")]
    Nota(Nota),

    /// Tampilkan cara Nano memahami kalimat, tanpa menyimpan apa pun
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano tafsir [PILIHAN] [--] <KALIMAT>...")]
    Tafsir(Tafsir),

    /// Model bahasa: status, info, pasang FILE.gguf, uji kecepatan
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano model [PILIHAN] [info | pasang FILE | uji]")]
    Model(ModelArgs),

    /// Periksa keutuhan database (integrity_check dan foreign_key_check)
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano periksa [PILIHAN]")]
    Periksa,

    /// Pulihkan database dari cadangan: nano pulihkan [TANGGAL] --ya
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano pulihkan [PILIHAN] [TANGGAL]")]
    Pulihkan(Pulihkan),

    /// Tampilkan setiap pengaturan, nilainya, dan asalnya (bawaan, file, lingkungan)
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano config [PILIHAN]")]
    Config,

    /// Skrip pelengkap perintah untuk shell: nano completion bash > ~/.local/share/bash-completion/completions/nano
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano completion <bash|zsh|fish>")]
    Completion {
        /// Shell tujuan
        #[arg(value_enum, help_heading = "Argumen")]
        shell: CompletionShell,
    },

    /// Halaman manual (man) dalam format roff: nano manual > nano.1
    #[command(hide = true)]
    Manual,

    /// Kalimat bebas, misalnya: nano ingat nama saya Arip
    #[command(external_subcommand)]
    Kalimat(Vec<OsString>),
}

/// Shells with completion scripts.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// Writes the completion script for `shell`, generated from the command definitions.
pub fn write_completion(shell: CompletionShell, out: &mut dyn std::io::Write) {
    let mut command = <Cli as clap::CommandFactory>::command();
    let generator = match shell {
        CompletionShell::Bash => clap_complete::Shell::Bash,
        CompletionShell::Zsh => clap_complete::Shell::Zsh,
        CompletionShell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut command, "nano", out);
}

/// Writes the man page, generated from the same command definitions as `--help`.
pub fn write_manual(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .title("NANO")
        .section("1")
        .manual("Panduan Nano")
        .render(&mut page)?;

    // clap_mangen writes its section headings in English.
    let mut page = String::from_utf8_lossy(&page).into_owned();
    for (english, indonesian) in MANUAL_HEADINGS {
        page = page.replace(english, indonesian);
    }
    out.write_all(page.as_bytes())
}

/// Man page section headings as clap_mangen 0.2 writes them, and their Indonesian names.
const MANUAL_HEADINGS: [(&str, &str); 6] = [
    (".SH NAME", ".SH NAMA"),
    (".SH SYNOPSIS", ".SH RINGKASAN"),
    (".SH DESCRIPTION", ".SH KETERANGAN"),
    (".SH OPTIONS", ".SH PILIHAN"),
    (".SH EXTRA", ".SH CATATAN"),
    (".SH VERSION", ".SH VERSI"),
];

/// Words of a sentence, required.
#[derive(Debug, Args)]
pub struct Sentence {
    /// Kalimatnya, boleh tanpa tanda kutip
    #[arg(required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true, value_name = "KALIMAT", help_heading = "Argumen")]
    pub words: Vec<OsString>,
}

/// Words of a sentence, optional.
#[derive(Debug, Args)]
pub struct OptionalSentence {
    /// Kalimatnya, boleh tanpa tanda kutip
    #[arg(num_args = 0.., trailing_var_arg = true, allow_hyphen_values = true, value_name = "KALIMAT", help_heading = "Argumen")]
    pub words: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct Pelanggan {
    /// Nama pelanggan, lalu nomor HP untuk menyimpannya (0812-3456-7890, +62 812 3456 7890)
    #[arg(num_args = 0.., trailing_var_arg = true, allow_hyphen_values = true, value_name = "NAMA NOMOR", help_heading = "Argumen")]
    pub words: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct Pengingat {
    /// "selesai ID" menandai pengingat sudah dikerjakan
    #[arg(num_args = 0..=4, value_name = "selesai ID", help_heading = "Argumen")]
    pub words: Vec<String>,
}

#[derive(Debug, Args)]
pub struct Laporan {
    /// Hari ini
    #[arg(long, conflicts_with_all = ["minggu", "bulan", "words", "dari", "sampai"])]
    pub hari: bool,

    /// Minggu ini, Senin sampai Minggu (bawaan)
    #[arg(long, conflicts_with_all = ["bulan", "words", "dari", "sampai"])]
    pub minggu: bool,

    /// Bulan ini
    #[arg(long, conflicts_with_all = ["words", "dari", "sampai"])]
    pub bulan: bool,

    /// Tanggal awal, misalnya 1/11, 1/11/2026 atau 2026-11-01
    #[arg(long, value_name = "TGL", conflicts_with = "words")]
    pub dari: Option<String>,

    /// Tanggal akhir (bawaan: hari ini); butuh --dari
    #[arg(long, value_name = "TGL", requires = "dari", conflicts_with = "words")]
    pub sampai: Option<String>,

    /// Daftarkan servis selesai yang belum diambil lebih dari N hari (bawaan: 7)
    #[arg(long = "belum-diambil", value_name = "N", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub belum_diambil: Option<u32>,

    /// Tulis PDF ke lokasi ini (bawaan: folder laporan di folder data)
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,

    /// Periode dalam kata-kata, misalnya: bulan lalu, 1/11 sampai 15/11, 3 bulan terakhir
    #[arg(num_args = 0.., value_name = "PERIODE", help_heading = "Argumen")]
    pub words: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct Cari {
    /// Hanya servis sejak tanggal ini, misalnya 1/11 atau 2026-11-01
    #[arg(long, value_name = "TGL")]
    pub dari: Option<String>,

    /// Hanya servis sampai tanggal ini
    #[arg(long, value_name = "TGL")]
    pub sampai: Option<String>,

    /// Hanya servis dengan status ini: masuk, proses, tunggu_part (nunggu part), selesai, diambil, batal
    #[arg(long, value_name = "STATUS")]
    pub status: Vec<String>,

    /// Hanya servis milik pelanggan ini, misalnya "Pak Budi"
    #[arg(long, value_name = "NAMA")]
    pub pelanggan: Option<String>,

    /// Kata yang dicari; boleh kosong bila ada pilihan di atas
    #[arg(num_args = 0.., value_name = "KALIMAT", help_heading = "Argumen")]
    pub words: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct Ekspor {
    /// Tulis file CSV per tabel (butuh --ke FOLDER); tanpa ini hasilnya satu file JSON
    #[arg(long)]
    pub csv: bool,

    /// File JSON atau folder CSV tujuan (bawaan untuk JSON: dicetak ke layar)
    #[arg(long, value_name = "FILE|FOLDER")]
    pub ke: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct Nota {
    /// Tulis PDF ke lokasi ini (bawaan: nota-ID.pdf di folder laporan)
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,

    /// Nomor servis, misalnya 12 atau #12
    #[arg(value_name = "ID", help_heading = "Argumen")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct Impor {
    /// File JSON atau folder CSV hasil nano ekspor
    #[arg(value_name = "FILE|FOLDER", help_heading = "Argumen")]
    pub sumber: PathBuf,
}

#[derive(Debug, Args)]
pub struct Pulihkan {
    /// Lanjutkan tanpa bertanya; isi database sekarang tetap disimpan dulu
    #[arg(long)]
    pub ya: bool,

    /// Hari cadangan, format TAHUN-BULAN-TANGGAL (bawaan: cadangan terbaru)
    #[arg(value_name = "TANGGAL", help_heading = "Argumen")]
    pub tanggal: Option<String>,
}

#[derive(Debug, Args)]
pub struct Tafsir {
    /// Jangan memakai model bahasa, hanya aturan
    #[arg(long = "tanpa-model")]
    pub without_model: bool,

    /// Kalimat yang ditafsirkan
    #[arg(required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true, value_name = "KALIMAT", help_heading = "Argumen")]
    pub words: Vec<OsString>,
}

#[derive(Debug, Args)]
#[command(subcommand_help_heading = "Perintah", subcommand_value_name = "PERINTAH")]
pub struct ModelArgs {
    #[command(subcommand)]
    pub action: Option<ModelAction>,
}

#[derive(Debug, Subcommand)]
pub enum ModelAction {
    /// Nama, arsitektur, parameter, kuantisasi, panjang konteks dan ukuran file model
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano model info [PILIHAN]")]
    Info,
    /// Periksa file GGUF lalu jadikan model Nano
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan", override_usage = "nano model pasang [PILIHAN] FILE")]
    Pasang {
        /// File model .gguf
        #[arg(value_name = "FILE", help_heading = "Argumen")]
        file: PathBuf,
    },
    /// Ukur kecepatan model lokal dengan cara llama-bench: token per detik saat membaca prompt (pp) dan menulis jawaban (tg)
    #[command(help_template = SUBCOMMAND_TEMPLATE, next_help_heading = "Pilihan")]
    Uji(Uji),
}

#[derive(Debug, Args)]
pub struct Uji {
    /// Jumlah thread CPU (bawaan: threads di pengaturan)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub threads: Option<u32>,

    /// Token prompt per putaran uji baca (pp); 0 melewati uji ini
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub pp: u32,

    /// Token per putaran uji tulis (tg), satu per satu; 0 melewati uji ini
    #[arg(long, value_name = "N", default_value_t = 128)]
    pub tg: u32,

    /// Berapa kali tiap uji diulang setelah satu putaran pemanasan
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub ulang: u32,

    /// File model GGUF yang diuji (bawaan: model di pengaturan atau NANO_MODEL)
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Uji juga dua giliran obrolan (token prompt, token yang dipakai ulang dari cache, waktunya), lalu giliran kedua sekali lagi tanpa cache
    #[arg(long)]
    pub percakapan: bool,
}

/// Joins argument words into one line; arguments that are not valid UTF-8 are an error naming
/// the argument.
pub fn join_words(words: &[OsString]) -> Result<String, String> {
    let mut parts = Vec::with_capacity(words.len());
    for word in words {
        match word.to_str() {
            Some(text) => parts.push(text.to_string()),
            None => return Err(word.to_string_lossy().into_owned()),
        }
    }
    Ok(parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sentence_words_keep_hyphens_and_numbers() {
        let cli = Cli::try_parse_from(["nano", "catat", "--json", "TV", "-", "rusak", "25V"]).unwrap();
        assert!(cli.json);
        match cli.command {
            Some(Command::Catat(sentence)) => {
                assert_eq!(join_words(&sentence.words).unwrap(), "TV - rusak 25V");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_first_word_is_a_sentence() {
        let cli = Cli::try_parse_from(["nano", "ingat", "nama", "saya", "Arip"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Kalimat(words)) if words.len() == 4));
    }

    #[test]
    fn completion_scripts_name_the_commands() {
        for shell in [CompletionShell::Bash, CompletionShell::Zsh, CompletionShell::Fish] {
            let mut script = Vec::new();
            write_completion(shell, &mut script);
            let script = String::from_utf8(script).unwrap();
            for command in ["catat", "ingatkan", "laporan", "tafsir"] {
                assert!(script.contains(command), "{shell:?} lacks {command}");
            }
        }
    }

    #[test]
    fn manual_is_roff_in_indonesian() {
        let mut page = Vec::new();
        write_manual(&mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");
        assert!(page.contains("Catat servis"));
        assert!(!page.contains(".SH NAME"), "{page}");
    }

    #[test]
    fn model_speed_test_options() {
        let cli = Cli::try_parse_from(["nano", "model", "uji", "--threads", "2", "--pp", "64", "--percakapan"]).unwrap();
        let Some(Command::Model(ModelArgs { action: Some(ModelAction::Uji(uji)) })) = cli.command else {
            panic!("not model uji");
        };
        assert_eq!(uji.threads, Some(2));
        assert_eq!(uji.pp, 64);
        assert_eq!(uji.tg, 128);
        assert_eq!(uji.ulang, 3);
        assert!(uji.percakapan);
        assert!(Cli::try_parse_from(["nano", "model", "uji", "--ulang", "0"]).is_err());
        assert!(Cli::try_parse_from(["nano", "model", "uji", "--threads", "0"]).is_err());
    }

    #[test]
    fn search_options_anywhere() {
        let cli = Cli::try_parse_from(["nano", "cari", "polytron", "--status", "selesai", "--pelanggan", "Pak Budi"]).unwrap();
        let Some(Command::Cari(cari)) = cli.command else { panic!("not cari") };
        assert_eq!(join_words(&cari.words).unwrap(), "polytron");
        assert_eq!(cari.status, vec!["selesai".to_string()]);
        assert_eq!(cari.pelanggan.as_deref(), Some("Pak Budi"));
        assert!(Cli::try_parse_from(["nano", "cari", "--dari", "1/11"]).is_ok());
    }

    #[test]
    fn report_range_options() {
        assert!(Cli::try_parse_from(["nano", "laporan", "--dari", "1/11", "--sampai", "15/11"]).is_ok());
        assert!(Cli::try_parse_from(["nano", "laporan", "--sampai", "15/11"]).is_err());
        assert!(Cli::try_parse_from(["nano", "laporan", "--minggu", "--dari", "1/11"]).is_err());
        assert!(Cli::try_parse_from(["nano", "laporan", "--belum-diambil", "0"]).is_err());
        let cli = Cli::try_parse_from(["nano", "laporan", "bulan", "lalu", "--belum-diambil", "5"]).unwrap();
        let Some(Command::Laporan(laporan)) = cli.command else { panic!("not laporan") };
        assert_eq!(laporan.belum_diambil, Some(5));
        assert_eq!(join_words(&laporan.words).unwrap(), "bulan lalu");
    }

    #[test]
    fn report_periods_exclude_each_other() {
        assert!(Cli::try_parse_from(["nano", "laporan", "--hari", "--minggu"]).is_err());
        assert!(Cli::try_parse_from(["nano", "laporan", "--bulan", "--pdf", "x.pdf"]).is_ok());
    }
}

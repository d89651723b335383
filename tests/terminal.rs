//! What a person sees in a terminal: colour only where it helps and only when wanted, tab
//! completion from recorded names, and help in Indonesian.

mod common;

use common::Nano;
use rexpect::session::spawn_command;

const NOW: &str = "2026-12-04T10:00:00+07:00";

#[test]
fn colour_follows_the_choice() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);

    let coloured = nano.ok(&["--warna", "ya", "cari", "sharp"]);
    assert!(coloured.contains("\x1b[36m\x1b[1m#1\x1b[0m"), "{coloured:?}");

    let piped = nano.ok(&["cari", "sharp"]);
    assert!(!piped.contains('\x1b'), "{piped:?}");

    let json = nano.ok(&["--warna", "ya", "--json", "cari", "sharp"]);
    assert!(!json.contains('\x1b'), "{json:?}");
}

#[test]
fn no_color_wins_in_a_terminal() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Sharp", "mati", "total"]);

    let mut command = nano.command(&[]);
    command.env("TERM", "xterm").env("NO_COLOR", "1");
    let mut chat = spawn_command(command, Some(30_000)).unwrap();
    chat.exp_string("nano> ").unwrap();
    chat.send_line("cari sharp").unwrap();
    // With colour the id would be wrapped in escape codes and this text would not appear.
    chat.exp_string("#1  4 Des 2026  TV Sharp").unwrap();
    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();
}

#[test]
fn tab_completes_recorded_brand() {
    let mut nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total"]);
    nano.at("2026-12-05T10:00:00+07:00");

    let mut command = nano.command(&[]);
    command.env("TERM", "xterm").env("NO_COLOR", "1");
    let mut chat = spawn_command(command, Some(30_000)).unwrap();
    chat.exp_string("nano> ").unwrap();

    chat.send("cari Polyt").unwrap();
    chat.send("\t").unwrap();
    chat.send_line("").unwrap();
    chat.exp_string("Ketemu 1 servis").unwrap();
    chat.exp_string("#1  4 Des 2026  TV Polytron").unwrap();

    chat.send_line("keluar").unwrap();
    chat.exp_eof().unwrap();
}

#[test]
fn job_list_columns_line_up() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total", "150rb", "selesai"]);
    nano.ok(&["catat", "kipas", "Bu", "Sri", "Wahyuningsih", "gak", "muter"]);
    nano.ok(&["catat", "HP", "Samsung", "A52", "Mas", "Jošé", "LCD", "pecah", "1.250.000"]);

    let listed = nano.ok(&["servis", "apa", "aja"]);

    // Each row's status starts in the same terminal column, whatever the names before it.
    let rows: Vec<&str> = listed.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{listed}");
    let status_columns: Vec<usize> = rows
        .iter()
        .map(|row| {
            let status = ["selesai", "masuk"].iter().find_map(|status| row.find(status)).expect("status shown");
            row[..status].chars().count()
        })
        .collect();
    assert_eq!(status_columns[0], status_columns[1], "{listed}");
    assert_eq!(status_columns[1], status_columns[2], "{listed}");
}

#[test]
fn report_progress_only_in_terminal() {
    let nano = Nano::new(NOW);
    nano.ok(&["catat", "TV", "Polytron", "Pak", "Budi", "mati", "total", "150rb", "selesai"]);

    let piped = nano.run(&["laporan", "--minggu"]);
    assert!(piped.status.success());
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("Menyusun laporan"));

    let mut command = nano.command(&["laporan", "--minggu"]);
    command.env("TERM", "xterm");
    let mut session = spawn_command(command, Some(30_000)).unwrap();
    session.exp_string("\rMenyusun laporan").unwrap();
    session.exp_string("Laporan Mingguan").unwrap();
    session.exp_eof().unwrap();
}

//! The `nano` binary: parses the command line and runs the chat or a one-shot command.

use std::process;

use clap::error::ErrorKind;
use clap::Parser;

use nano::cli::Cli;
use nano::error::ExitCode;

fn main() {
    restore_default_sigpipe();

    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = error.print();
                process::exit(0);
            }
            _ => {
                nano::format::say_error(&nano::cli_errors::indonesian(&error));
                process::exit(ExitCode::Usage as i32);
            }
        },
    };

    nano::style::init(cli.warna);

    let result = match cli.command {
        None => nano::repl::run(),
        Some(_) => {
            let mut cli = cli;
            let command = cli.command.take().expect("checked above");
            nano::oneshot::run(cli, command)
        }
    };

    match result {
        Ok(code) => process::exit(code as i32),
        Err(failure) => {
            nano::format::say_error(&failure.message);
            process::exit(failure.code as i32);
        }
    }
}

/// Lets `nano laporan | head` end quietly like other Unix tools: Rust ignores SIGPIPE, which
/// turns a closed pipe into a panic on the next `println!`.
fn restore_default_sigpipe() {
    // SAFETY: called first thing in `main`, before any thread starts; resetting a signal
    // disposition to its default has no other effect on Rust's runtime.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

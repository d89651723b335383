//! The `nano` binary: parses the command line and runs the chat or a one-shot command.

use std::process;

use clap::error::ErrorKind;
use clap::Parser;

use nano::cli::Cli;
use nano::error::ExitCode;

fn main() {
    restore_default_sigpipe();
    use_passive_openmp_threads();

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

/// Restarts the process with `OMP_WAIT_POLICY=passive` unless the user chose a policy.
///
/// llama.cpp's OpenMP threads busy-wait between decodes by default. On a two-core laptop that
/// also runs a browser this made generation several times slower (measured in
/// docs/benchmarks.md), and libgomp reads the policy only when the program starts, so setting
/// it from inside `main` would be too late.
fn use_passive_openmp_threads() {
    use std::os::unix::process::CommandExt;

    if std::env::var_os("OMP_WAIT_POLICY").is_some() {
        return;
    }
    let Ok(program) = std::env::current_exe() else {
        return;
    };
    let error = process::Command::new(program)
        .args(std::env::args_os().skip(1))
        .env("OMP_WAIT_POLICY", "passive")
        .exec();
    // `exec` returns only on failure; carry on with the default policy.
    eprintln!("(tidak bisa mengatur OMP_WAIT_POLICY: {error})");
}

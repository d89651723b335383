//! The `nano` binary: parses the command line and runs the chat or a one-shot command.

use std::process;

use clap::error::ErrorKind;
use clap::Parser;

use nano::cli::Cli;
use nano::error::ExitCode;

fn main() {
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

//! `rapport`: the native command line over the same core the extension runs.

use std::process::ExitCode;

const HELP: &str = "\
rapport — Rapport for X on the command line (the same core the browser extension runs)

USAGE:
    rapport <COMMAND> [ARGS]

COMMANDS:
    help, --help, -h       Print this help
    version, --version, -V Print the version

Everything runs locally; rapport never makes a network request.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("version" | "--version" | "-V") => {
            println!("rapport {}", rapport::core::VERSION);
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("rapport: unknown command '{other}' (see rapport --help)");
            ExitCode::from(2)
        }
    }
}

//! `rapport`: the native command line over the same core the extension runs.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use rapport::core::classify::{Kind, PostInput, classify};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const HELP: &str = "\
rapport — Rapport for X on the command line (the same core the browser extension runs)

USAGE:
    rapport <COMMAND> [ARGS]

COMMANDS:
    help, --help, -h       Print this help
    version, --version, -V Print the version
    classify               Sort posts into kinds, with a pitch score and the evidence:
                           JSON Lines {\"id\":…,\"text\":…} on stdin (optional: is_reply,
                           is_repost, is_quote, links, own_domains, lang), one line
                           {\"id\":…,\"kind\":…,\"pitch\":<0..1>,\"evidence\":[…]} per post on stdout

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
        Some("classify") => classify_command(&args[1..]),
        Some(other) => {
            eprintln!("rapport: unknown command '{other}' (see rapport --help)");
            ExitCode::from(2)
        }
    }
}

/// One line of `rapport classify`'s input.
#[derive(Deserialize)]
struct ClassifyIn {
    #[serde(default)]
    id: Value,
    text: String,
    #[serde(default)]
    is_reply: bool,
    #[serde(default)]
    is_repost: bool,
    #[serde(default)]
    is_quote: bool,
    #[serde(default)]
    links: Vec<String>,
    #[serde(default)]
    own_domains: Vec<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// One line of `rapport classify`'s output.
#[derive(Serialize)]
struct ClassifyOut<'a> {
    id: &'a Value,
    kind: Kind,
    pitch: f64,
    evidence: &'a [String],
}

/// `rapport classify`: JSON Lines in, JSON Lines out; bad input stops with exit code 2.
fn classify_command(args: &[String]) -> ExitCode {
    if let Some(arg) = args.first() {
        eprintln!("rapport classify: unexpected argument '{arg}' (it reads stdin)");
        return ExitCode::from(2);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, line) in io::stdin().lock().lines().enumerate() {
        let n = i + 1;
        let parsed = line
            .map_err(|e| e.to_string())
            .and_then(|l| match l.trim() {
                "" => Ok(None),
                t => serde_json::from_str::<ClassifyIn>(t)
                    .map(Some)
                    .map_err(|e| json_error(&e)),
            });
        let input = match parsed {
            Ok(Some(input)) => input,
            Ok(None) => continue,
            Err(msg) => {
                let _ = out.flush();
                eprintln!("rapport classify: stdin line {n}: {msg}");
                return ExitCode::from(2);
            }
        };
        let v = classify(&PostInput {
            text: &input.text,
            is_reply: input.is_reply,
            is_repost: input.is_repost,
            is_quote: input.is_quote,
            links: &input.links,
            own_domains: &input.own_domains,
            lang: input.lang.as_deref(),
        });
        let record = ClassifyOut {
            id: &input.id,
            kind: v.kind,
            pitch: (f64::from(v.pitch) * 1000.0).round() / 1000.0,
            evidence: &v.evidence,
        };
        let written = serde_json::to_writer(&mut out, &record)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        if let Err(e) = written {
            return write_failed(&e);
        }
    }
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => write_failed(&e),
    }
}

/// A JSON error without serde_json's "at line 1 column N" (the line is ours to name).
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(m, _)| m);
    format!("{msg} (column {})", e.column())
}

/// Output could not be written: quiet when the reader went away (`| head`), else say so.
fn write_failed(e: &io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("rapport classify: stdout: {e}");
    ExitCode::from(1)
}

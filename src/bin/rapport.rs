//! `rapport`: the native command line over the same core the extension runs.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use rapport::core::archive::{self, Archive};
use rapport::core::classify::{Kind, PostInput, classify};
use rapport::core::introduce::{self, Corpus, Intro, PersonProfile, ReasonKind};
use rapport::core::settings::Settings;
use rapport::core::text;
use rapport::core::time::to_iso;
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
    report <ARCHIVE> [--json]
                           Your mix of post kinds, your pitch ratio against the 4-1-1
                           preset, and what your X archive tells of your conversations.
                           ARCHIVE: the .zip as X delivers it, the unzipped folder, or
                           its data/ folder
    intro <ARCHIVE> @A @B [--json]
                           What @A and @B have in common (from your archive) and a draft
                           of the post introducing them

Bad input gets one error line naming the file and position, and exit code 2.

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
        Some("report") => report_command(&args[1..]),
        Some("intro") => intro_command(&args[1..]),
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

/// `writeln!` into a `String` (writing to a `String` cannot fail).
macro_rules! outln {
    ($o:expr) => {{
        $o.push('\n');
    }};
    ($o:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($o, $($arg)*);
    }};
}

/// Writes `text` to stdout; quiet when the reader went away (`| head`).
fn emit(text: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => write_failed(&e),
    }
}

/// Splits `args` into positional arguments and whether `--json` was given; other flags are
/// usage errors.
fn parse_args<'a>(cmd: &str, args: &'a [String]) -> Result<(Vec<&'a str>, bool), ExitCode> {
    let mut json = false;
    let mut pos = Vec::new();
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            f if f.starts_with("--") => {
                eprintln!("rapport {cmd}: unknown option '{f}' (see rapport --help)");
                return Err(ExitCode::from(2));
            }
            p => pos.push(p),
        }
    }
    Ok((pos, json))
}

/// Reads the archive at `path`, or says why not (one line, exit code 2).
#[cfg(not(target_arch = "wasm32"))]
fn load(cmd: &str, path: &str) -> Result<Archive, ExitCode> {
    archive::read_path(std::path::Path::new(path)).map_err(|e| {
        eprintln!("rapport {cmd}: {e}");
        ExitCode::from(2)
    })
}

/// The CLI is native; a wasm32 build of it (cargo builds it beside the wasm tests) has no
/// file system to read archives from.
#[cfg(target_arch = "wasm32")]
fn load(cmd: &str, _path: &str) -> Result<Archive, ExitCode> {
    eprintln!("rapport {cmd}: reading archives needs the native build");
    Err(ExitCode::from(2))
}

/// Prints `value` as pretty JSON.
fn print_json<T: Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(s) => emit(&(s + "\n")),
        Err(e) => {
            eprintln!("rapport: cannot write JSON: {e}");
            ExitCode::from(1)
        }
    }
}

/// `1234567` → `1,234,567`.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn day(ms: i64) -> String {
    to_iso(ms)[..10].to_string()
}

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// `rapport report <archive> [--json]`.
fn report_command(args: &[String]) -> ExitCode {
    let (pos, json) = match parse_args("report", args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let [path] = pos.as_slice() else {
        eprintln!(
            "rapport report: expected one archive (the .zip, its folder or its data/ folder)"
        );
        return ExitCode::from(2);
    };
    let a = match load("report", path) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let settings = Settings::default();
    let r = archive::report(&a, &settings);
    if json {
        return print_json(&r);
    }
    let mut o = String::new();
    let name = if a.owner_name.is_empty() {
        String::new()
    } else {
        format!(" ({})", a.owner_name)
    };
    outln!(
        o,
        "Archive of @{}{name}: {} posts",
        r.owner,
        thousands(r.posts)
    );
    if let (Some(first), Some(last)) = (&r.first, &r.last) {
        outln!(o, "  from {} to {}", &first[..10], &last[..10]);
    }
    outln!(
        o,
        "  {} replies, {} reposts",
        thousands(r.replies),
        thousands(r.reposts)
    );
    outln!(o, "\nYour mix (all posts):");
    let total = r.mix.total().max(1);
    for k in Kind::ALL {
        let n = r.mix.get(k);
        outln!(
            o,
            "  {:<13} {:>6}  {:>6}",
            k.name(),
            thousands(n as usize),
            percent(f64::from(n) / f64::from(total))
        );
    }
    let verdict = if r.window.over_target {
        "over target"
    } else {
        "within target"
    };
    outln!(
        o,
        "\nPitch ratio: {} of your last {} posts ({verdict}: at most {} under the {} preset); {} of all posts",
        percent(r.window.ratio),
        r.window.posts,
        percent(r.window.target),
        r.preset,
        percent(r.pitch_ratio),
    );
    if !r.pitches.is_empty() {
        outln!(o, "Posts that read as pitches (newest first):");
        for p in r.pitches.iter().take(5) {
            outln!(
                o,
                "  {} {}  {}  [{}]",
                day(p.time),
                p.id,
                p.line,
                p.evidence.join(", ")
            );
        }
    }
    outln!(o, "\nConversations");
    outln!(o, "  {}", r.note);
    outln!(
        o,
        "  Your replies per person ({} people; top {}):",
        r.replies_per_person.len(),
        r.replies_per_person.len().min(15)
    );
    for p in r.replies_per_person.iter().take(15) {
        outln!(
            o,
            "    @{:<16} {:>4} replies in {:>3} thread(s), last {}",
            p.handle,
            p.replies,
            p.threads,
            day(p.last)
        );
    }
    outln!(
        o,
        "  Threads you dropped ({}): a back-and-forth, then no reply from you for more than {} days before the archive ends:",
        r.dropped_threads.len(),
        settings.waiting_days
    );
    for t in r.dropped_threads.iter().take(15) {
        outln!(
            o,
            "    @{:<16} {} replies {} → {}, then quiet {} days: {}",
            t.handle,
            t.replies,
            day(t.from),
            day(t.last),
            t.days_quiet,
            t.last_line
        );
    }
    if r.dropped_threads.len() > 15 {
        outln!(
            o,
            "    … and {} more (--json lists all)",
            r.dropped_threads.len() - 15
        );
    }
    emit(&o)
}

/// `rapport intro <archive> @a @b [--json]`.
fn intro_command(args: &[String]) -> ExitCode {
    let (pos, json) = match parse_args("intro", args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let [path, a, b] = pos.as_slice() else {
        eprintln!(
            "rapport intro: expected an archive and two handles: rapport intro <ARCHIVE> @a @b"
        );
        return ExitCode::from(2);
    };
    let handles: Vec<&str> = [a, b].iter().map(|h| h.trim_start_matches('@')).collect();
    for h in &handles {
        if !text::is_valid_username(&format!("@{h}")) {
            eprintln!("rapport intro: '{h}' is not an X handle (letters, digits and _, up to 15)");
            return ExitCode::from(2);
        }
    }
    if handles[0].eq_ignore_ascii_case(handles[1]) {
        eprintln!("rapport intro: give two different people");
        return ExitCode::from(2);
    }
    let arch = match load("intro", path) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let people = introduce::profiles_from_archive(&arch);
    let corpus = Corpus::new(&people);
    let find = |h: &str| {
        people
            .iter()
            .find(|p| p.handle.eq_ignore_ascii_case(h))
            .cloned()
            .unwrap_or_else(|| PersonProfile::new(h))
    };
    let (pa, pb) = (find(handles[0]), find(handles[1]));
    let intro = introduce::introduce(&pa, &pb, &corpus);
    if json {
        return print_json(&intro);
    }
    emit(&render_intro(&arch, &pa, &pb, &intro, corpus.people()))
}

/// The text `rapport intro` prints.
fn render_intro(
    arch: &Archive,
    pa: &PersonProfile,
    pb: &PersonProfile,
    intro: &Intro,
    known: usize,
) -> String {
    let mut o = String::new();
    outln!(
        o,
        "Introducing @{} and @{}, from @{}'s archive ({} people known)",
        intro.a,
        intro.b,
        arch.owner,
        thousands(known)
    );
    for p in [pa, pb] {
        if p.posts.is_empty() {
            outln!(
                o,
                "  @{}: not in this archive (no post of yours replies to, mentions or reposts them)",
                p.handle
            );
        } else {
            outln!(
                o,
                "  @{}: {} of your posts reply to, mention or repost them",
                p.handle,
                p.posts.len()
            );
        }
    }
    outln!(o, "\nCommon ground:");
    if intro.reasons.is_empty() {
        outln!(
            o,
            "  none found: nothing distinctive is known to be shared, so the draft claims nothing"
        );
    }
    for (i, r) in intro.reasons.iter().enumerate() {
        let kind = match r.kind {
            ReasonKind::Moment => "life moment",
            ReasonKind::Hashtag => "hashtag",
            ReasonKind::Term => "term",
            ReasonKind::Person => "both talk to",
            ReasonKind::Domain => "links to",
        };
        outln!(
            o,
            "  {}. {} ({kind}, strength {:.2})",
            i + 1,
            r.label,
            r.strength
        );
        for (who, ev) in [(&intro.a, &r.a), (&intro.b, &r.b)] {
            for e in ev.iter().take(2) {
                let id = e.id.as_deref().unwrap_or("bio");
                let line = introduce::excerpt(e, r, 90);
                outln!(o, "       @{who} · {id}: {line}");
            }
        }
    }
    let mut drafts = intro.drafts.iter();
    if let Some(d) = drafts.next() {
        outln!(o, "\nDraft ({}/280):\n  {d}", text::weighted_length(d));
    }
    let rest: Vec<&String> = drafts.collect();
    if !rest.is_empty() {
        outln!(o, "\nOther phrasings:");
        for d in rest {
            outln!(o, "  ({}/280) {d}", text::weighted_length(d));
        }
    }
    o
}

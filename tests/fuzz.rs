//! Fuzz and property tests of the archive reader, the import and the export file: arbitrary
//! or damaged input never panics, and damage is refused whole, never imported in part.
//!
//! Every case runs from its own seed (printed when it fails), so a failure reproduces.
//! Environment:
//! - `RAPPORT_FUZZ_CASES=<n>`: cases per target (a long campaign:
//!   `RAPPORT_FUZZ_CASES=100000 cargo test --release --test fuzz -- --nocapture`);
//! - `RAPPORT_FUZZ_SECS=<s>`: stop each target after `s` seconds (with a large case count);
//! - `RAPPORT_FUZZ_SEED=<n>`: another base seed, for new cases;
//! - `RAPPORT_FUZZ_REPLAY=<target>:<seed>`: rerun one case (as printed on failure);
//! - `RAPPORT_FUZZ_REAL=full|small`: mutate the whole real archive (the release default) or
//!   its first posts (the debug default, which keeps `cargo test` quick).
//!
//! The real archive is read from `../shared` (`$RAPPORT_SHARED`); without it the targets
//! that mutate it are skipped. Each target prints its case count, how often each reader
//! accepted and refused, and its slowest case.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rapport::core::archive::{self, Archive, ArchiveError, ArchivePost, Importer};
use rapport::core::backup::{Backup, ImportRecord, Introduction};
use rapport::core::classify::Kind;
use rapport::core::history::History;
use rapport::core::json::Reader;
use rapport::core::ledger::Ledger;
use rapport::core::post::Post;
use rapport::core::settings::Settings;
use rapport::core::storage::{self, STORAGE_VERSION};
use rapport::core::text;
use serde_json::{Map, Value, json};

/// The time exports are written at.
const NOW: i64 = 1_772_802_125_000;

/// How many of the real archive's posts the small (debug) runs keep.
const SMALL_POSTS: usize = 40;

// ---------------------------------------------------------------------------------------------
// Allocation watch: a damaged header must not make the reader reserve memory it never fills
// (natively that is only address space; in the wasm it is a failed grow, which aborts).

/// No single allocation a case makes may be larger (the real archive needs a few MB).
const ALLOC_LIMIT: usize = 256 << 20;

thread_local! {
    /// The largest allocation (or reallocation) this thread asked for since the last reset.
    static BIGGEST: Cell<usize> = const { Cell::new(0) };
}

fn note_alloc(size: usize) {
    // `const` thread locals have no destructor and never allocate: safe in an allocator.
    let _ = BIGGEST.try_with(|b| b.set(b.get().max(size)));
}

/// The system allocator, noting the biggest request per thread.
struct Watch;

unsafe impl GlobalAlloc for Watch {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_alloc(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static WATCH: Watch = Watch;

// ---------------------------------------------------------------------------------------------
// Randomness and the case runner.

/// SplitMix64: small, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// A length in `0..=max`, every power of two about as likely as the next (small ones
    /// often, `max` sometimes).
    fn len(&mut self, max: usize) -> usize {
        let bits = self.below((usize::BITS - max.leading_zeros()) as usize + 1);
        self.below((1usize << bits).min(max + 1))
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// How often each reader accepted and refused its input, over a target's cases.
#[derive(Default)]
struct Tally(BTreeMap<&'static str, [u64; 2]>);

impl Tally {
    fn note<T, E>(&mut self, reader: &'static str, r: &Result<T, E>) {
        self.0.entry(reader).or_default()[usize::from(r.is_err())] += 1;
    }
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

/// The seed of case `i` of `target`.
fn case_seed(base: u64, target: &str, i: u64) -> u64 {
    let mut h = base ^ 0xCBF2_9CE4_8422_2325;
    for b in target.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
    }
    Rng(h ^ i.wrapping_mul(0xD6E8_FEB8_6659_FD93)).next()
}

/// The text of a panic's payload.
fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(a panic without a message)".to_string())
}

/// Runs `default_cases` cases of `target` (or as the environment says; see the module
/// documentation), each under `catch_unwind`; fails listing the seeds of the cases that
/// panicked, broke a property or made a huge allocation.
fn fuzz(target: &str, default_cases: u64, case: impl Fn(&mut Rng, &mut Tally)) {
    let base = env_u64("RAPPORT_FUZZ_SEED").unwrap_or(0x5241_5050_4F52_5421);
    let cases = env_u64("RAPPORT_FUZZ_CASES").unwrap_or(default_cases);
    let budget = env_u64("RAPPORT_FUZZ_SECS").map(Duration::from_secs);
    let replay = std::env::var("RAPPORT_FUZZ_REPLAY").ok();
    let seeds: Box<dyn Iterator<Item = u64>> = match replay.as_deref().map(|r| r.split_once(':')) {
        Some(Some((t, seed))) if t == target => {
            let seed = seed.trim_start_matches("0x");
            let seed = u64::from_str_radix(seed, 16).expect("RAPPORT_FUZZ_REPLAY=<target>:<hex>");
            Box::new(std::iter::once(seed))
        }
        Some(_) => {
            eprintln!("fuzz {target}: skipped (replaying another target)");
            return;
        }
        None => Box::new((0..cases).map(|i| case_seed(base, target, i))),
    };
    let start = Instant::now();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let (mut run, mut slowest) = (0u64, (Duration::ZERO, 0u64));
    for seed in seeds {
        if budget.is_some_and(|b| start.elapsed() >= b) || failures.len() >= 20 {
            break;
        }
        BIGGEST.with(|b| b.set(0));
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| case(&mut Rng(seed), &mut tally)));
        let took = t.elapsed();
        let biggest = BIGGEST.with(Cell::get);
        run += 1;
        if took > slowest.0 {
            slowest = (took, seed);
        }
        if let Err(p) = result {
            failures.push(format!("{target}:{seed:#018x}: {}", panic_text(&*p)));
        } else if biggest > ALLOC_LIMIT {
            failures.push(format!(
                "{target}:{seed:#018x}: asked for {biggest} bytes in one allocation"
            ));
        }
    }
    let counts: Vec<String> = tally
        .0
        .iter()
        .map(|(reader, [ok, err])| format!("{reader} {ok} ok / {err} refused"))
        .collect();
    eprintln!(
        "fuzz {target}: {run} cases in {:.1?} ({}); slowest {:.1?} ({target}:{:#018x}){}",
        start.elapsed(),
        counts.join(", "),
        slowest.0,
        slowest.1,
        if failures.is_empty() { "" } else { "; FAILED" }
    );
    assert!(
        failures.is_empty(),
        "{} of {run} cases failed; rerun one with RAPPORT_FUZZ_REPLAY=<target>:<seed> (same \
         profile and RAPPORT_FUZZ_REAL: the real targets mutate a smaller archive in debug)\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Properties every result must have.

/// An archive read: refused with a message naming a file, or whole and well-formed.
fn check_archive(r: &Result<Archive, ArchiveError>) {
    match r {
        Err(e) => {
            assert!(!e.file.is_empty(), "an error naming no file: {e:?}");
            assert!(!e.message.is_empty(), "an error without a message: {e:?}");
        }
        Ok(a) => {
            assert!(
                text::is_valid_username(&format!("@{}", a.owner)),
                "owner {:?}",
                a.owner
            );
            for w in a.posts.windows(2) {
                let key = |p: &ArchivePost| (p.time, p.id.len(), p.id.clone());
                assert!(
                    key(&w[0]) < key(&w[1]),
                    "posts out of order or twice: {w:?}"
                );
            }
            for p in &a.posts {
                assert!(
                    !p.id.is_empty() && p.id.bytes().all(|b| b.is_ascii_digit()),
                    "post id {:?}",
                    p.id
                );
            }
        }
    }
}

/// An accepted ledger stores and reads back as itself.
fn check_ledger(l: &Ledger) {
    let stored = l.to_json();
    let back = Ledger::from_json(&stored).unwrap_or_else(|e| panic!("own ledger refused: {e}"));
    assert_eq!(&back, l, "a ledger changed on its way through storage");
    assert_eq!(back.to_json(), stored, "a ledger stored twice differs");
}

/// An accepted history stores and reads back as itself.
fn check_history(h: &History) {
    let stored = h.to_json();
    let back = History::from_json(&stored).unwrap_or_else(|e| panic!("own history refused: {e}"));
    assert_eq!(&back, h, "a history changed on its way through storage");
    assert_eq!(back.to_json(), stored, "a history stored twice differs");
}

/// An accepted export file exports and reads back as itself.
fn check_backup(b: &Backup) {
    let text = b.export(NOW);
    let back = Backup::read(&text)
        .unwrap_or_else(|e| panic!("the export of an accepted export is refused: {e}"));
    assert_eq!(&back, b, "an export changed on its way through a file");
    assert_eq!(back.export(NOW), text, "an export written twice differs");
}

fn read_ledger(text: &str, tally: &mut Tally) {
    let r = Ledger::from_json(text);
    tally.note("Ledger::from_json", &r);
    match r {
        Ok(l) => check_ledger(&l),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

fn read_history(text: &str, tally: &mut Tally) {
    let r = History::from_json(text);
    tally.note("History::from_json", &r);
    match r {
        Ok(h) => check_history(&h),
        Err(e) => assert!(!e.is_empty()),
    }
}

fn read_backup(text: &str, tally: &mut Tally) {
    let r = Backup::read(text);
    tally.note("Backup::read", &r);
    match r {
        Ok(b) => check_backup(&b),
        Err(e) => assert!(!e.part.is_empty() && !e.message.is_empty(), "{e:?}"),
    }
}

fn read_files(files: &[(String, Vec<u8>)], tally: &mut Tally) -> Result<Archive, ArchiveError> {
    let r = archive::from_files(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    tally.note("from_files", &r);
    check_archive(&r);
    r
}

fn read_zip(bytes: &[u8], tally: &mut Tally) -> Result<Archive, ArchiveError> {
    let r = archive::from_zip("fuzz.zip", bytes);
    tally.note("from_zip", &r);
    check_archive(&r);
    if let Err(e) = &r {
        assert!(e.file.starts_with("fuzz.zip"), "{e}");
    }
    r
}

/// The JSON grammar of Rapport's own reader is serde_json's (`core::json` promises it): a
/// strict skip accepts exactly the texts serde_json reads into a `Value`.
fn check_json_grammar(text: &str) {
    let mut r = Reader::new(text);
    let ours = r.skip(true).and_then(|()| r.end());
    let theirs = serde_json::from_str::<Value>(text);
    // The one gap `core::json` documents: numbers a little above the largest f64 (below
    // 1.8e308), which it takes and serde_json refuses.
    let gap = ours.is_ok()
        && (theirs.as_ref()).is_err_and(|e| e.to_string().starts_with("number out of range"));
    if gap {
        return;
    }
    assert_eq!(
        ours.is_ok(),
        theirs.is_ok(),
        "core::json and serde_json disagree on {text:?}: {ours:?} / {theirs:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Generators: JSON-ish text, JSON values, templates to mutate, archive files, zips.

/// Pieces of strings the readers care about.
const STRINGS: &[&str] = &[
    "",
    "a",
    "milahu104",
    "Milan Hauth",
    "@amy",
    "amy",
    "AMY",
    "@",
    "#tag",
    "https://t.co/abc",
    "https://x.com/amy/status/10",
    "&amp;",
    "&gt;",
    "&#",
    "RT @bo: ",
    "é",
    "☃",
    "😀",
    "\u{202e}",
    "\u{feff}",
    "\0",
    "\n",
    "\"",
    "\\",
    " ",
    "2029905358261502168",
    "10",
    "Fri Mar 06 13:02:05 +0000 2026",
    "Mon Feb 30 25:61:61 +9999 0000",
    "conversation",
    "pitch",
    "s",
    "c",
    "rapport-export",
    "4-1-1",
    "80/20",
    "custom",
];

/// Keys the readers look for.
const KEYS: &[&str] = &[
    "v",
    "me",
    "p",
    "n",
    "r",
    "a",
    "b",
    "d",
    "h",
    "at",
    "format",
    "version",
    "settings",
    "ledger",
    "history",
    "introductions",
    "imports",
    "owner",
    "posts",
    "file",
    "draft",
    "connected",
    "schema",
    "tweet",
    "id",
    "id_str",
    "created_at",
    "full_text",
    "text",
    "entities",
    "extended_entities",
    "urls",
    "media",
    "user_mentions",
    "url",
    "expanded_url",
    "screen_name",
    "name",
    "in_reply_to_status_id_str",
    "in_reply_to_status_id",
    "in_reply_to_screen_name",
    "lang",
    "account",
    "username",
    "accountDisplayName",
    "userInfo",
    "userName",
    "displayName",
    "waiting_days",
    "pitch_preset",
    "pitch_custom_target",
    "pitch_window_posts",
    "show_no_replies",
];

/// Numbers at the edges of what the readers take.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "5",
    "42",
    "255",
    "256",
    "1.5",
    "1.0",
    "1e3",
    "1E-3",
    "-1.25e+2",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "1.7976931348623157e308",
    "1.8e308",
    "1e309",
    "-1e400",
    "0.0000001e-400",
    "1763640000000",
    "2029905358261502168",
];

/// Tokens of the JSON-ish soup: valid pieces and near misses.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\n",
    "\t",
    "\r",
    "\"",
    "true",
    "false",
    "null",
    "nul",
    "tru",
    "01",
    "1.",
    "-",
    ".5",
    "1e",
    "+1",
    "NaN",
    "\"\\u00e9\"",
    "\"\\ud83d\\ude00\"",
    "\"\\ud800\"",
    "\"\\udc00\"",
    "\"\\ud800\\u0041\"",
    "\"\\ud800\\",
    "\"\\u12",
    "\"\\x\"",
    "\"\u{1}\"",
    "\"é☃\"",
    "\"\\\"\"",
    "\"abc",
    "\\",
    "\u{feff}",
    "window.YTD.tweets.part0 = ",
    "window.",
    "=",
    ";",
];

fn gen_string(rng: &mut Rng) -> String {
    (0..rng.below(4)).map(|_| rng.pick(STRINGS)).collect()
}

fn gen_number(rng: &mut Rng) -> Value {
    match rng.below(4) {
        0 => Value::from(rng.next() as i64),
        1 => Value::from(rng.below(100) as u64),
        2 => serde_json::Number::from_f64((rng.next() as f64) / (rng.below(1000) + 1) as f64)
            .map_or(Value::Null, Value::Number),
        _ => serde_json::from_str(rng.pick(NUMBERS)).unwrap_or(Value::Null),
    }
}

/// A random JSON value, `depth` levels deep at most.
fn gen_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth == 0 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => gen_number(rng),
        3 | 4 => Value::String(gen_string(rng)),
        5 => Value::Array((0..rng.len(6)).map(|_| gen_value(rng, depth - 1)).collect()),
        _ => Value::Object(
            (0..rng.len(6))
                .map(|_| (rng.pick(KEYS).to_string(), gen_value(rng, depth - 1)))
                .collect(),
        ),
    }
}

/// JSON-ish text: a random string of tokens, values and bits of JSON.
fn gen_soup(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.len(400) {
        match rng.below(8) {
            0 => out.push_str(&gen_value(rng, 3).to_string()),
            1 => out.push_str(&format!("\"{}\"", rng.pick(KEYS))),
            2 => out.push_str(rng.pick(NUMBERS)),
            _ => out.push_str(rng.pick(TOKENS)),
        }
    }
    out
}

/// Changes `v` in one random place: a value replaced, an element or key removed, added or
/// doubled, a string or number nudged.
fn mutate_value(rng: &mut Rng, v: &mut Value) {
    // Walk down to a random node.
    let descend = !rng.one_in(4);
    match v {
        Value::Array(items) if descend && !items.is_empty() => {
            let i = rng.below(items.len());
            return mutate_value(rng, &mut items[i]);
        }
        Value::Object(map) if descend && !map.is_empty() => {
            let key = map
                .keys()
                .nth(rng.below(map.len()))
                .cloned()
                .unwrap_or_default();
            if let Some(child) = map.get_mut(&key) {
                return mutate_value(rng, child);
            }
        }
        _ => {}
    }
    let action = rng.below(6);
    match v {
        Value::Array(items) if action == 0 && !items.is_empty() => {
            items.remove(rng.below(items.len()));
        }
        Value::Array(items) if action == 1 && !items.is_empty() => {
            let i = rng.below(items.len());
            let copy = items[i].clone();
            items.insert(rng.below(items.len() + 1), copy);
        }
        Value::Array(items) if action == 2 => items.push(gen_value(rng, 2)),
        Value::Object(map) if action == 0 && !map.is_empty() => {
            let key = map
                .keys()
                .nth(rng.below(map.len()))
                .cloned()
                .unwrap_or_default();
            map.remove(&key);
        }
        Value::Object(map) if action < 3 => {
            map.insert(rng.pick(KEYS).to_string(), gen_value(rng, 2));
        }
        Value::String(s) if action < 2 => {
            let mut chars: Vec<char> = s.chars().collect();
            let at = rng.below(chars.len() + 1);
            match rng.below(3) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                _ => chars.splice(at..at, gen_string(rng).chars()).for_each(drop),
            }
            *s = chars.into_iter().collect();
        }
        Value::Number(_) if action < 2 => *v = gen_number(rng),
        _ => *v = gen_value(rng, 2),
    }
}

/// `template` changed in a few places and written out (compact or pretty).
fn mutated_json(rng: &mut Rng, template: &Value) -> String {
    let mut v = template.clone();
    let changes = if rng.one_in(2) { 0 } else { rng.below(3) + 1 };
    for _ in 0..changes {
        mutate_value(rng, &mut v);
    }
    if rng.one_in(2) {
        serde_json::to_string(&v).unwrap()
    } else {
        serde_json::to_string_pretty(&v).unwrap()
    }
}

/// `json` as X's `window.YTD.<name>.part0 = …` file, in one of its spellings.
fn ytd(rng: &mut Rng, name: &str, json: &str) -> String {
    let bom = if rng.one_in(8) { "\u{feff}" } else { "" };
    let lead = rng.pick(&["", "", " ", "\n"]);
    let global = match rng.below(20) {
        0 => "window.__THAR_CONFIG".to_string(),
        1 => format!("window.YTD.{name}.part{}", rng.below(3)),
        2 => format!("YTD.{name}.part0"),
        _ => format!("window.YTD.{name}.part0"),
    };
    let eq = if rng.one_in(20) {
        " "
    } else {
        rng.pick(&[" = ", " = ", "=", " =\n"])
    };
    let end = rng.pick(&["", "", ";", "\n", ";\n", " ;\n", ";;"]);
    format!("{bom}{lead}{global}{eq}{json}{end}")
}

/// Values to start structured garbage from.
struct Templates {
    ledger: Value,
    history: Value,
    backup: Value,
    tweets: Value,
    account: Value,
    manifest: Value,
    storage: Value,
}

/// A ledger and history as the extension stores them after some browsing.
fn sample_store() -> (Ledger, History) {
    let mut ledger = Ledger::new();
    let posts = [
        Post {
            id: "10".into(),
            author: "amy".into(),
            name: "Amy \"A\" Lee".into(),
            text: "hello @mara ☃ \u{202e}rtl https://x.com/bo/status/1".into(),
            time: Some("2026-11-20T10:00:00.000Z".into()),
            mentions: vec!["mara".into()],
            links: vec!["https://x.com/bo/status/1".into()],
            ..Post::default()
        },
        Post {
            id: "11".into(),
            author: "mara".into(),
            text: "@amy hi!".into(),
            time: Some("2026-11-20T11:00:00.000Z".into()),
            is_reply: true,
            in_reply_to_id: Some("10".into()),
            reply_to: vec!["amy".into()],
            ..Post::default()
        },
    ];
    ledger.observe(&posts, "mara", 1_763_640_000_000);
    ledger.dismiss("99", 1_763_640_000_001);
    ledger.record_archive_reply("12", 1_763_640_000_002);
    ledger.note_person("Bo", "Bo B.", 1_763_640_000_003);
    let mut history = History::new();
    history.record_seen("11", 1_763_636_400_000, Kind::Conversation, "@amy hi!");
    history.record_sent(1_763_640_000_002, Kind::Pitch, "buy my course");
    (ledger, history)
}

fn sample_backup(ledger: Ledger, history: History, me: &str, posts: usize) -> Backup {
    let mut settings = serde_json::to_value(Settings::default()).unwrap();
    settings["waiting_days"] = 7.into();
    settings["pitch_preset"] = "80/20".into();
    settings["a_future_setting"] = json!({"kept": [1.5, "as is"]});
    Backup {
        me: me.to_string(),
        settings,
        ledger,
        history,
        introductions: vec![
            Introduction {
                a: "amy".into(),
                b: "bo".into(),
                at: 5,
                draft: "Meet @amy and @bo ☃".into(),
                connected: None,
            },
            Introduction {
                a: "cy".into(),
                b: "dee".into(),
                at: 1_763_640_000_000,
                draft: String::new(),
                connected: Some(1_763_640_000_500),
            },
        ],
        imports: vec![ImportRecord {
            owner: me.to_string(),
            posts,
            at: NOW - 1,
            file: "twitter-2026-03-06.zip".into(),
        }],
    }
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| {
        let (ledger, history) = sample_store();
        let backup = sample_backup(ledger.clone(), history.clone(), "mara", 2);
        let mut tweets = json!([
            {"tweet": {
                "id_str": "2029905358261502168",
                "id": "2029905358261502168",
                "created_at": "Fri Mar 06 13:02:05 +0000 2026",
                "full_text": "@SamaHoole hello &amp; welcome https://t.co/abc #tag https://t.co/m",
                "entities": {
                    "urls": [{"url": "https://t.co/abc",
                              "expanded_url": "https://x.com/milahu104/status/2027739112069878026"}],
                    "media": [{"url": "https://t.co/m"}],
                    "user_mentions": [{"screen_name": "SamaHoole", "name": "Sama Hoole"}],
                    "hashtags": []
                },
                "extended_entities": {"media": [{"url": "https://t.co/m"}]},
                "in_reply_to_status_id_str": "2029903943413772741",
                "in_reply_to_screen_name": "SamaHoole",
                "lang": "en"
            }},
            {"tweet": {
                "id": 1,
                "created_at": "Thu Jan 01 00:00:00 +0000 2026",
                "text": "RT @bo: buy my course",
                "lang": "de"
            }}
        ]);
        // The real archive's first posts, when it is there.
        if let Some(real) = real() {
            for item in real.items.iter().take(3) {
                let v: Value = serde_json::from_slice(&real.tweets[item.start..item.end]).unwrap();
                tweets.as_array_mut().unwrap().push(v);
            }
        }
        Templates {
            ledger: serde_json::from_str(&ledger.to_json()).unwrap(),
            history: serde_json::from_str(&history.to_json()).unwrap(),
            backup: serde_json::from_str(&backup.export(NOW)).unwrap(),
            tweets,
            account: json!([{"account": {"username": "milahu104",
                                         "accountDisplayName": "Milan Hauth"}}]),
            manifest: json!({"userInfo": {"userName": "milahu104", "displayName": "Milan Hauth"}}),
            storage: json!({
                "settings": {"waiting_days": 7, "pitch_preset": "80/20", "show_no_replies": true},
                "ledger": ledger.to_json(),
                "history": history.to_json(),
                "me": "mara",
                "introductions": [{"a": "amy", "b": "bo", "at": 5, "draft": "Meet",
                                   "connected": null}],
                "imports": [{"owner": "mara", "posts": 2, "at": 6, "file": "x.zip"}]
            }),
        }
    })
}

/// Paths an archive's files may have (and some they should not).
const PATHS: &[&str] = &[
    "data/tweets.js",
    "data/tweets.js",
    "data/tweet.js",
    "data/tweets-part1.js",
    "data/tweet-part2.js",
    "data/tweets-part999999.js",
    "data/tweets-part1234567.js",
    "data/tweets-part.js",
    "data/account.js",
    "data/account.js",
    "data/manifest.js",
    "data/like.js",
    "tweets.js",
    "account.js",
    "archive/data/tweets.js",
    "archive/data/account.js",
    "a\\data\\tweets.js",
    "a\\data\\account.js",
    "__MACOSX/data/tweets.js",
    "data/",
    "",
    "/",
    "données/tweets.js",
    "data/tweets.js/",
];

/// Random content for an archive file at `path`: mostly what such a file holds, changed a
/// little, sometimes anything at all.
fn gen_file(rng: &mut Rng, path: &str) -> Vec<u8> {
    let t = templates();
    let text = match rng.below(16) {
        0 => {
            let n = rng.len(4096);
            return rng.bytes(n);
        }
        1 => gen_soup(rng),
        2 => {
            let soup = gen_soup(rng);
            ytd(rng, "tweets", &soup)
        }
        _ if path.contains("account") => {
            let json = mutated_json(rng, &t.account);
            ytd(rng, "account", &json)
        }
        _ if path.contains("manifest") => {
            format!("window.__THAR_CONFIG = {}", mutated_json(rng, &t.manifest))
        }
        _ => {
            let json = mutated_json(rng, &t.tweets);
            ytd(rng, "tweets", &json)
        }
    };
    let mut bytes = text.into_bytes();
    if rng.one_in(4) {
        bytes = damage(rng, &bytes).bytes;
    }
    bytes
}

/// The files of an archive, or of something like one: mostly a folder with posts and an
/// account (each changed a little, or not at all), plus files at random paths.
fn gen_files(rng: &mut Rng) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    if !rng.one_in(3) {
        let dir = rng.pick(&["data/", "data/", "", "archive/data/", "a\\data\\"]);
        let mut names = vec!["tweets.js"];
        if !rng.one_in(4) {
            names.push("account.js");
        }
        if rng.one_in(3) {
            names.push("manifest.js");
        }
        if rng.one_in(4) {
            names.push("tweets-part1.js");
        }
        for name in names {
            files.push((format!("{dir}{name}"), gen_file(rng, name)));
        }
    }
    let extra = if files.is_empty() || rng.one_in(3) {
        rng.len(4)
    } else {
        0
    };
    for _ in 0..extra {
        let path = if rng.one_in(10) {
            gen_string(rng)
        } else {
            rng.pick(PATHS).to_string()
        };
        let bytes = gen_file(rng, &path);
        files.push((path, bytes));
    }
    files
}

fn zip_options(method: zip::CompressionMethod, large: bool) -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(large)
}

/// A zip of `files` as the zip crate writes it (entries it refuses, e.g. a second entry of
/// the same name, are left out).
fn zip_of(files: &[(String, Vec<u8>)], rng: Option<&mut Rng>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut fixed = Rng(0);
    let random = rng.is_some();
    let rng = rng.unwrap_or(&mut fixed);
    for (name, bytes) in files {
        let method = if !random || rng.one_in(2) {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let opts = zip_options(method, random && rng.one_in(8));
        if random && rng.one_in(10) {
            let _ = w.add_directory(format!("{name}/"), opts);
        }
        if w.start_file(name.as_str(), opts).is_ok() {
            w.write_all(bytes).unwrap();
        }
    }
    if random && rng.one_in(6) {
        w.set_comment(gen_string(rng));
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Damage: byte-level mutations that remember which bytes of the original they touched.

/// A damaged copy and the bytes `from..to` of the original it changed (`from == to` for an
/// insertion at `from`).
struct Damage {
    bytes: Vec<u8>,
    from: usize,
    to: usize,
    how: &'static str,
}

/// Bytes that matter to JSON and to X's files.
const STRUCTURAL: &[u8] = b"{}[],:\"\\ \n0123456789-.eE+tfn;=u";

/// One random damage to `src`.
fn damage(rng: &mut Rng, src: &[u8]) -> Damage {
    let n = src.len();
    let at = rng.below(n + 1);
    let mut bytes = src.to_vec();
    let (from, to, how) = match rng.below(9) {
        0 => {
            let cut = rng.below(n.max(1)).min(n);
            bytes.truncate(cut);
            (cut, n, "truncate")
        }
        1 | 2 if n > 0 => {
            // 1 to 4 bytes in a window of 16: bits flipped, or bytes that mean something.
            let at = at.min(n - 1);
            let mut last = at;
            for _ in 0..rng.below(4) + 1 {
                let i = (at + rng.below(16)).min(n - 1);
                bytes[i] = if rng.one_in(2) {
                    bytes[i] ^ (1 << rng.below(8))
                } else {
                    rng.pick(STRUCTURAL)
                };
                last = last.max(i);
            }
            (at, last + 1, "flip")
        }
        3 => {
            let insert: Vec<u8> = match rng.below(3) {
                0 => {
                    let n = rng.len(16) + 1;
                    rng.bytes(n)
                }
                1 => (0..rng.len(8) + 1).map(|_| rng.pick(STRUCTURAL)).collect(),
                _ => rng.pick(TOKENS).as_bytes().to_vec(),
            };
            bytes.splice(at..at, insert);
            (at, at, "insert")
        }
        4 => {
            let len = if rng.one_in(4) {
                rng.len(8192)
            } else {
                rng.len(64)
            };
            let end = (at + len.max(1)).min(n);
            bytes.drain(at..end);
            (at, end, "delete")
        }
        5 => {
            // Two lines swapped.
            let lines = line_starts(src);
            if lines.len() < 3 {
                return damage(rng, src);
            }
            let i = rng.below(lines.len() - 2);
            let j = (i + 1 + rng.len(40)).min(lines.len() - 2);
            let (a, b) = (
                (lines[i], lines[i + 1]),
                (lines[j].max(lines[i + 1]), lines[j + 1]),
            );
            let mut out = src[..a.0].to_vec();
            out.extend_from_slice(&src[b.0..b.1]);
            out.extend_from_slice(&src[a.1..b.0]);
            out.extend_from_slice(&src[a.0..a.1]);
            out.extend_from_slice(&src[b.1..]);
            bytes = out;
            (a.0, b.1, "swap lines")
        }
        6 | 7 if n > 0 => {
            // A letter for a letter, a digit for a digit, or a character for a longer one:
            // damage that often still parses.
            let i = (at..n)
                .chain(0..at)
                .find(|&i| src[i].is_ascii_alphanumeric())
                .unwrap_or(at.min(n - 1));
            let b = src[i];
            let new: &[u8] = match rng.below(4) {
                _ if b.is_ascii_digit() => &[b'0' + rng.below(10) as u8],
                0 => "é".as_bytes(),
                1 => "😀".as_bytes(),
                _ if b.is_ascii_uppercase() => &[b'A' + rng.below(26) as u8],
                _ => &[b'a' + rng.below(26) as u8],
            };
            bytes.splice(i..=i, new.iter().copied());
            (i, i + 1, "replace")
        }
        _ => {
            // A run of bytes doubled.
            let len = rng.len(256).max(1);
            let end = (at + len).min(n);
            let copy = src[at..end].to_vec();
            bytes.splice(end..end, copy);
            (at, end, "double")
        }
    };
    Damage {
        bytes,
        from,
        to,
        how,
    }
}

/// The start of each line, and the end of the text.
fn line_starts(s: &[u8]) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        s.iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1),
    );
    if *v.last().unwrap() != s.len() {
        v.push(s.len());
    }
    v
}

impl Damage {
    /// Whether the bytes `start..end` of the original are untouched (with a byte to spare).
    fn spares(&self, start: usize, end: usize) -> bool {
        end < self.from || start > self.to
    }
}

/// Where a zip's headers are: (offset, kind) for each signature found.
fn zip_headers(z: &[u8]) -> Vec<(usize, u8)> {
    z.windows(4)
        .enumerate()
        .filter_map(|(i, w)| match w {
            [b'P', b'K', 1, 2] => Some((i, 1)),
            [b'P', b'K', 3, 4] => Some((i, 3)),
            [b'P', b'K', 5, 6] => Some((i, 5)),
            [b'P', b'K', 6, 6] => Some((i, 6)),
            [b'P', b'K', 6, 7] => Some((i, 7)),
            _ => None,
        })
        .collect()
}

/// The (offset, width) of the fields of each zip header kind.
fn zip_fields(kind: u8) -> &'static [(usize, usize)] {
    match kind {
        // Central directory: versions, flags, method, time, date, CRC, sizes, name, extra
        // and comment lengths, disk, attributes, local header offset.
        1 => &[
            (4, 2),
            (6, 2),
            (8, 2),
            (10, 2),
            (12, 2),
            (14, 2),
            (16, 4),
            (20, 4),
            (24, 4),
            (28, 2),
            (30, 2),
            (32, 2),
            (34, 2),
            (36, 2),
            (38, 4),
            (42, 4),
        ],
        // Local header.
        3 => &[
            (4, 2),
            (6, 2),
            (8, 2),
            (10, 2),
            (14, 4),
            (18, 4),
            (22, 4),
            (26, 2),
            (28, 2),
        ],
        // End of central directory: disks, entry counts, directory size and offset, comment.
        5 => &[(4, 2), (6, 2), (8, 2), (10, 2), (12, 4), (16, 4), (20, 2)],
        // Zip64 end of central directory record and its locator.
        6 => &[
            (4, 8),
            (12, 2),
            (16, 4),
            (20, 4),
            (24, 8),
            (32, 8),
            (40, 8),
            (48, 8),
        ],
        _ => &[(4, 4), (8, 8), (16, 4)],
    }
}

/// One random damage to a zip, aimed at its headers more often than its data.
fn damage_zip(rng: &mut Rng, z: &[u8]) -> Damage {
    let n = z.len();
    let mut bytes = z.to_vec();
    let headers = zip_headers(z);
    let how = match rng.below(8) {
        0 => {
            bytes.truncate(rng.below(n.max(1)));
            "truncate"
        }
        1 => {
            for _ in 0..rng.below(4) + 1 {
                let i = rng.below(n);
                if i < n {
                    bytes[i] ^= 1 << rng.below(8);
                }
            }
            "flip"
        }
        2 => {
            // A fake end record appended (the reader looks for the last one).
            bytes.extend_from_slice(b"PK\x05\x06");
            let n = 18 + rng.len(8);
            let tail = rng.bytes(n);
            bytes.extend_from_slice(&tail);
            "fake end"
        }
        _ if headers.is_empty() => {
            let n = rng.len(64);
            let tail = rng.bytes(n);
            bytes.extend_from_slice(&tail);
            "append"
        }
        _ => {
            // A header field set to a value at an edge.
            let (at, kind) = rng.pick(&headers);
            let (off, width) = rng.pick(zip_fields(kind));
            let old = bytes.get(at + off..at + off + width).map_or(0, |f| {
                f.iter().rev().fold(0u64, |a, &b| a << 8 | u64::from(b))
            });
            let value: u64 = match rng.below(10) {
                0 => 0,
                1 => u64::MAX,
                2 => old.wrapping_add(1),
                3 => old.wrapping_sub(1),
                4 => (1 << 30) - 1,
                5 => n as u64,
                6 => rng.below(1 << 16) as u64,
                7 => 0xFFFF_FFFF,
                _ => rng.next(),
            };
            for k in 0..width {
                if let Some(b) = bytes.get_mut(at + off + k) {
                    *b = (value >> (8 * k)) as u8;
                }
            }
            "header field"
        }
    };
    Damage {
        bytes,
        from: 0,
        to: n,
        how,
    }
}

// ---------------------------------------------------------------------------------------------
// The real archive.

/// One `{"tweet": …}` of `tweets.js`: its bytes and its post's id.
struct Item {
    start: usize,
    end: usize,
    id: String,
}

struct Real {
    /// `data/tweets.js` (its first posts only, in small runs).
    tweets: Vec<u8>,
    items: Vec<Item>,
    account: Vec<u8>,
    /// Where the username and display name (key and value) are in `account.js`.
    username: (usize, usize),
    display_name: (usize, usize),
    manifest: Vec<u8>,
    /// The data folder's other files (small ones only, in small runs).
    others: Vec<(String, Vec<u8>)>,
    archive: Archive,
    /// Post index in `archive` by id.
    index: HashMap<String, usize>,
    /// The data folder as zips: deflated (as X sends it) and stored.
    zips: [Vec<u8>; 2],
    /// A store that holds other things already, and its stored form.
    store: (Ledger, History),
    stored: (String, String),
    /// The export of everything after importing the archive, and its top-level parts.
    backup: Backup,
    export: String,
    parts: Vec<(String, usize, usize)>,
}

fn real() -> Option<&'static Real> {
    static REAL: OnceLock<Option<Real>> = OnceLock::new();
    REAL.get_or_init(load_real).as_ref()
}

/// The items of a `tweets.js` laid out as X writes it (`[\n  {\n    "tweet" : {…`, items
/// separated by `,\n`).
fn item_spans(text: &str, count: usize) -> Vec<Item> {
    let starts: Vec<usize> = text
        .match_indices("\n  {\n    \"tweet\" : {")
        .map(|(i, _)| i + 1)
        .collect();
    let n = starts.len().min(count);
    (0..n)
        .map(|k| {
            let end = match starts.get(k + 1) {
                Some(&next) => next - 2,
                None => text.trim_end().len() - 2,
            };
            assert!(matches!(&text[end..end + 2], ",\n" | "\n]"), "item {k}");
            let v: Value = serde_json::from_str(&text[starts[k]..end]).unwrap();
            Item {
                start: starts[k],
                end,
                id: v["tweet"]["id_str"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

/// Where `"key" : "value"` is in an X file (a damaged key loses an optional value as
/// surely as a damaged value changes it).
fn field_span(text: &[u8], key: &str) -> (usize, usize) {
    let text = std::str::from_utf8(text).unwrap();
    let start = text.find(&format!("\"{key}\" : \"")).unwrap();
    let value = start + key.len() + 6;
    (start, value + text[value..].find('"').unwrap() + 1)
}

fn load_real() -> Option<Real> {
    let tweets_path = common::shared_file("data/x-archive/milahu104-2026-03-06/tweets.js")?;
    let dir = tweets_path.parent()?;
    let full = match std::env::var("RAPPORT_FUZZ_REAL").as_deref() {
        Ok("full") => true,
        Ok("small") => false,
        _ => !cfg!(debug_assertions),
    };
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let raw = String::from_utf8(read("tweets.js")).unwrap();
    let mut items = item_spans(&raw, usize::MAX);
    let tweets = if full {
        raw.into_bytes()
    } else {
        // The first posts, each as it is in the file.
        items.truncate(SMALL_POSTS);
        let body: Vec<&str> = items.iter().map(|i| &raw[i.start..i.end]).collect();
        let small = format!("{}{}\n]", &raw[..items[0].start], body.join(",\n"));
        items = item_spans(&small, SMALL_POSTS);
        small.into_bytes()
    };
    let account = read("account.js");
    let manifest = read("manifest.js");
    let mut others: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !matches!(n.as_str(), "tweets.js" | "account.js" | "manifest.js"))
        .map(|n| (format!("data/{n}"), read(&n)))
        .filter(|(_, b)| full || b.len() < 100_000)
        .collect();
    others.sort();
    let mut real = Real {
        username: field_span(&account, "username"),
        display_name: field_span(&account, "accountDisplayName"),
        tweets,
        items,
        account,
        manifest,
        others,
        archive: Archive::default(),
        index: HashMap::new(),
        zips: [Vec::new(), Vec::new()],
        store: sample_store(),
        stored: (String::new(), String::new()),
        backup: Backup::default(),
        export: String::new(),
        parts: Vec::new(),
    };
    let files = real.files(None, None, None);
    real.archive = archive::from_files(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())))
        .expect("the real archive reads");
    assert_eq!(real.archive.posts.len(), real.items.len());
    let owner = format!("\"{}\"", real.archive.owner);
    assert!(real.account[real.username.0..real.username.1].ends_with(owner.as_bytes()));
    real.index = (real.archive.posts.iter().enumerate())
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    real.zips = [
        zip_of(&files, None),
        zip_with(&files, zip::CompressionMethod::Stored),
    ];
    real.stored = (real.store.0.to_json(), real.store.1.to_json());
    // Everything Rapport would hold after importing the archive into that store.
    let import = archive::import(real.archive.clone());
    let (mut ledger, mut history) = real.store.clone();
    ledger.merge(&import.ledger);
    history.merge(&import.history);
    real.backup = sample_backup(ledger, history, &real.archive.owner, real.items.len());
    real.export = real.backup.export(NOW);
    let starts: Vec<usize> = (real.export.match_indices("\n  \""))
        .map(|(i, _)| i + 1)
        .collect();
    real.parts = (0..starts.len())
        .map(|k| {
            let start = starts[k];
            let end = starts.get(k + 1).copied().unwrap_or(real.export.len());
            let key = real.export[start + 3..].split('"').next().unwrap();
            (key.to_string(), start, end)
        })
        .collect();
    assert_eq!(real.parts.len(), 10, "the export's top-level keys");
    Some(real)
}

fn zip_with(files: &[(String, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(name.as_str(), zip_options(method, false))
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

impl Real {
    /// The data folder's files, with `tweets.js`, `account.js` or `manifest.js` replaced.
    fn files(
        &self,
        tweets: Option<&[u8]>,
        account: Option<Option<&[u8]>>,
        manifest: Option<&[u8]>,
    ) -> Vec<(String, Vec<u8>)> {
        let mut files = vec![
            (
                "data/tweets.js".to_string(),
                tweets.unwrap_or(&self.tweets).to_vec(),
            ),
            (
                "data/manifest.js".to_string(),
                manifest.unwrap_or(&self.manifest).to_vec(),
            ),
        ];
        if let Some(a) = account.unwrap_or(Some(&self.account)) {
            files.push(("data/account.js".to_string(), a.to_vec()));
        }
        files.extend(self.others.iter().cloned());
        files
    }

    /// The store as the one writer leaves it after an import attempt: the import's deltas
    /// merged in only when the archive was read whole (and the import finished). Checks
    /// that a refused archive, or an import abandoned half way, leaves the store as it
    /// was to the byte, and that a finished one holds every post.
    fn check_store(&self, rng: &mut Rng, r: &Result<Archive, ArchiveError>) {
        let (mut ledger, mut history) = self.store.clone();
        let mut finished = false;
        if let Ok(a) = r {
            let mut importer = Importer::new(a.clone());
            while !importer.done() && !rng.one_in(64) {
                importer.step(rng.below(200) + 1);
            }
            if !rng.one_in(4) {
                let import = importer.finish();
                ledger.merge(&import.ledger);
                history.merge(&import.history);
                finished = true;
                for p in &a.posts {
                    assert!(ledger.post(&p.id).is_some(), "post {} not imported", p.id);
                }
            }
        }
        if !finished {
            assert_eq!(ledger.to_json(), self.stored.0, "the ledger changed");
            assert_eq!(history.to_json(), self.stored.1, "the history changed");
        }
    }
}

/// How often `needle` occurs in `hay`.
fn occurrences(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

// ---------------------------------------------------------------------------------------------
// The targets.

#[test]
fn arbitrary_bytes_never_panic() {
    fuzz("bytes", 400, |rng, tally| {
        let n = rng.len(64 * 1024);
        let mut bytes = rng.bytes(n);
        match rng.below(6) {
            0 => bytes.splice(0..0, *b"PK").for_each(drop),
            1 => bytes.splice(0..0, *b"PK\x03\x04").for_each(drop),
            2 => bytes
                .splice(0..0, *b"window.YTD.tweets.part0 = ")
                .for_each(drop),
            _ => {}
        }
        let _ = read_zip(&bytes, tally);
        let path = rng.pick(PATHS).to_string();
        let mut files = vec![(path, bytes.clone())];
        if rng.one_in(2) {
            files.push(("data/account.js".into(), bytes.clone()));
        }
        let _ = read_files(&files, tally);
        let text = String::from_utf8_lossy(&bytes);
        read_backup(&text, tally);
        read_ledger(&text, tally);
        read_history(&text, tally);
        check_json_grammar(&text);
    });
}

#[test]
fn json_soup_never_panics() {
    fuzz("soup", 1500, |rng, tally| {
        let soup = gen_soup(rng);
        check_json_grammar(&soup);
        read_ledger(&soup, tally);
        read_history(&soup, tally);
        read_backup(&soup, tally);
        let files = vec![
            (
                "data/tweets.js".to_string(),
                ytd(rng, "tweets", &soup).into_bytes(),
            ),
            ("data/account.js".to_string(), {
                let soup = gen_soup(rng);
                ytd(rng, "account", &soup).into_bytes()
            }),
        ];
        let _ = read_files(&files, tally);
    });
}

#[test]
fn structured_garbage_never_panics() {
    fuzz("structured", 1200, |rng, tally| {
        let t = templates();
        let garble = |rng: &mut Rng, template: &Value| {
            let text = mutated_json(rng, template);
            let text = if rng.one_in(3) {
                String::from_utf8_lossy(&damage(rng, text.as_bytes()).bytes).into_owned()
            } else {
                text
            };
            check_json_grammar(&text);
            text
        };
        let ledger = garble(rng, &t.ledger);
        read_ledger(&ledger, tally);
        let history = garble(rng, &t.history);
        read_history(&history, tally);
        let backup = garble(rng, &t.backup);
        read_backup(&backup, tally);
        // Deep nesting, where a recursive reader would run out of stack.
        if rng.one_in(20) {
            let depth = rng.len(100_000);
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(rng.below(depth + 1)));
            let deep = format!("{{\"v\":1,\"h\":{deep},\"p\":{deep}}}");
            read_ledger(&deep, tally);
            read_history(&deep, tally);
            read_backup(&deep, tally);
            check_json_grammar(&deep);
        }
        let _ = read_files(&gen_files(rng), tally);
    });
}

/// A zip whose directory claims files of about 1 GB is read (or refused) without reserving
/// that much.
#[test]
fn a_size_claimed_in_a_zip_header_is_not_reserved() {
    let t = templates();
    let files = [
        (
            "data/tweets.js",
            format!("window.YTD.tweets.part0 = {}", t.tweets),
        ),
        (
            "data/account.js",
            format!("window.YTD.account.part0 = {}", t.account),
        ),
    ]
    .map(|(p, text)| (p.to_string(), text.into_bytes()));
    let mut zip = zip_with(&files, zip::CompressionMethod::Deflated);
    for (at, kind) in zip_headers(&zip.clone()) {
        if kind == 1 {
            zip[at + 24..at + 28].copy_from_slice(&((1u32 << 30) - 1).to_le_bytes());
        }
    }
    BIGGEST.with(|b| b.set(0));
    let r = archive::from_zip("big.zip", &zip);
    let biggest = BIGGEST.with(Cell::get);
    check_archive(&r);
    assert!(
        biggest < 1 << 20,
        "asked for {biggest} bytes in one allocation"
    );
}

#[test]
fn random_zips_never_panic() {
    fuzz("zips", 600, |rng, tally| {
        let files = gen_files(rng);
        let mut zip = zip_of(&files, Some(rng));
        for _ in 0..rng.below(3) {
            zip = damage_zip(rng, &zip).bytes;
        }
        if rng.one_in(4) {
            zip = damage(rng, &zip).bytes;
        }
        let _ = read_zip(&zip, tally);
    });
}

/// Keys stored data may have.
fn storage_keys(now: i64) -> Vec<String> {
    let mut keys: Vec<String> = [
        "schema",
        "settings",
        "ledger",
        "history",
        "me",
        "introductions",
        "imports",
        "settings-damaged-1",
    ]
    .map(String::from)
    .to_vec();
    for k in ["settings", "introductions", "imports"] {
        keys.push(format!("{k}-damaged-{now}"));
    }
    keys
}

#[test]
fn storage_migration_never_panics_nor_loses_data() {
    fuzz("migrate", 3000, |rng, tally| {
        let t = templates();
        let now = rng.below(10) as i64;
        let mut stored: Map<String, Value> = if rng.one_in(2) {
            t.storage.as_object().unwrap().clone()
        } else {
            Map::new()
        };
        for _ in 0..rng.len(8) {
            let key = match rng.below(4) {
                0 => rng.pick(KEYS).to_string(),
                _ => {
                    let keys = storage_keys(now);
                    keys[rng.below(keys.len())].clone()
                }
            };
            let value = match rng.below(3) {
                0 => gen_value(rng, 3),
                1 => match key.as_str() {
                    "schema" => json!(rng.below(4)),
                    k => t.storage.get(k).cloned().unwrap_or(Value::Null),
                },
                _ => {
                    let mut v = t.storage.get(&key).cloned().unwrap_or(json!({}));
                    mutate_value(rng, &mut v);
                    v
                }
            };
            stored.insert(key, value);
        }
        let r = storage::migrate(&stored, now);
        tally.note("migrate", &r);
        let from = storage::version_of(&stored);
        let m = match r {
            Err(e) => {
                assert!(from > STORAGE_VERSION, "refused version {from}: {e}");
                return;
            }
            Ok(m) => m,
        };
        assert_eq!(m.from, from);
        // Nothing replaced without being set aside first, under a key of its own (the
        // schema number aside).
        for (k, v) in &m.set {
            match stored.get(k) {
                Some(old) if old != v && k != "schema" => assert!(
                    m.set.iter().any(|(aside, copy)| {
                        aside.starts_with(&format!("{k}-damaged-{now}"))
                            && !stored.contains_key(aside)
                            && copy == old
                    }),
                    "{k} replaced and lost"
                ),
                _ => {}
            }
        }
        let mut new = stored.clone();
        new.extend(m.set.clone());
        assert_eq!(storage::version_of(&new), STORAGE_VERSION);
        if from < 2 {
            // Migrated values are readable.
            let settings = new.get("settings").unwrap_or(&Value::Null);
            assert!(Settings::from_stored(settings).1.is_empty(), "{settings}");
            if let Some(list) = new.get("introductions") {
                serde_json::from_value::<Vec<Introduction>>(list.clone()).unwrap();
            }
            serde_json::from_value::<Vec<ImportRecord>>(new["imports"].clone()).unwrap();
        }
        let again = storage::migrate(&new, now + 1).unwrap();
        assert!(again.set.is_empty(), "a second migration: {:?}", again.set);
    });
}

#[test]
fn real_archive_damage_is_refused_or_read_whole() {
    let Some(real) = real() else { return };
    fuzz("real-files", 300, |rng, tally| {
        let which = rng.below(10);
        let (files, d) = match which {
            0..=5 => {
                let d = damage(rng, &real.tweets);
                (real.files(Some(&d.bytes), None, None), d)
            }
            6 | 7 => {
                let d = damage(rng, &real.account);
                (real.files(None, Some(Some(&d.bytes)), None), d)
            }
            8 => {
                let d = damage(rng, &real.manifest);
                (real.files(None, None, Some(&d.bytes)), d)
            }
            _ => {
                let d = damage(rng, &real.manifest);
                (real.files(None, Some(None), Some(&d.bytes)), d)
            }
        };
        let mut files = files;
        for i in (1..files.len()).rev() {
            files.swap(i, rng.below(i + 1));
        }
        let r = read_files(&files, tally);
        let what = format!("{} at {}..{}", d.how, d.from, d.to);
        let cut = d.how == "truncate";
        match (&r, which) {
            (Err(e), 0..=5) => {
                assert!(e.file.ends_with("tweets.js"), "{what}: {e}");
                assert!(e.position.is_some(), "{what}: no position: {e}");
            }
            (Ok(a), 0..=5) => {
                assert!(!cut, "{what}: a cut-off tweets.js was read");
                assert_eq!(a.owner, real.archive.owner);
                let got: HashMap<&str, &ArchivePost> =
                    a.posts.iter().map(|p| (p.id.as_str(), p)).collect();
                for item in &real.items {
                    if !d.spares(item.start, item.end) {
                        continue;
                    }
                    // Every post outside the damage is there, as it was (unless a damaged
                    // post now has its id and came first).
                    let want = &real.archive.posts[real.index[&item.id]];
                    if got.get(item.id.as_str()) != Some(&want) {
                        let id = item.id.as_bytes();
                        assert!(
                            occurrences(&d.bytes, id) > occurrences(&real.tweets, id),
                            "{what}: post {} (bytes {}..{}) is {:?}",
                            item.id,
                            item.start,
                            item.end,
                            got.get(item.id.as_str())
                        );
                    }
                }
                assert!(a.posts.len() <= real.items.len(), "{what}: posts added");
            }
            (Err(e), 6 | 7) => assert!(e.file.ends_with("account.js"), "{what}: {e}"),
            (Ok(a), 6 | 7) => {
                assert!(!cut, "{what}: a cut-off account.js was read");
                assert_eq!(a.posts, real.archive.posts, "{what}");
                if d.spares(real.username.0, real.username.1) {
                    assert_eq!(a.owner, real.archive.owner, "{what}");
                }
                if d.spares(real.display_name.0, real.display_name.1) {
                    assert_eq!(a.owner_name, real.archive.owner_name, "{what}");
                }
            }
            // manifest.js is not read when account.js is there.
            (r, 8) => assert_eq!(r.as_ref().ok(), Some(&real.archive), "{what}"),
            (Err(e), _) => assert!(e.file.ends_with("manifest.js"), "{what}: {e}"),
            (Ok(a), _) => {
                assert!(!cut, "{what}: a cut-off manifest.js was read");
                assert_eq!(a.posts, real.archive.posts, "{what}");
            }
        }
        real.check_store(rng, &r);
    });
}

#[test]
fn real_zip_damage_is_refused_or_read_whole() {
    let Some(real) = real() else { return };
    fuzz("real-zip", 200, |rng, tally| {
        let zip = &real.zips[rng.below(2)];
        let mut d = damage_zip(rng, zip);
        if rng.one_in(4) {
            d = damage_zip(rng, &d.bytes);
        }
        let r = archive::from_zip("milahu104.zip", &d.bytes);
        tally.note("from_zip", &r);
        check_archive(&r);
        match &r {
            Err(e) => assert!(e.file.starts_with("milahu104.zip"), "{}: {e}", d.how),
            // The files in a zip are checked (CRC-32): any archive read is the archive.
            Ok(a) => assert!(a == &real.archive, "{}: a different archive read", d.how),
        }
        real.check_store(rng, &r);
    });
}

#[test]
fn real_export_damage_is_refused_or_round_trips() {
    let Some(real) = real() else { return };
    fuzz("real-export", 300, |rng, tally| {
        let mut d = damage(rng, real.export.as_bytes());
        let text = match String::from_utf8(d.bytes.clone()) {
            Ok(t) => t,
            Err(_) => {
                // A file read as text: bad bytes become U+FFFD (next to the damage).
                d.from = d.from.saturating_sub(4);
                d.to += 4;
                String::from_utf8_lossy(&d.bytes).into_owned()
            }
        };
        let r = Backup::read(&text);
        tally.note("Backup::read", &r);
        let what = format!("{} at {}..{}", d.how, d.from, d.to);
        let (mut ledger, mut history) = real.store.clone();
        match &r {
            Err(e) => assert!(!e.part.is_empty() && !e.message.is_empty(), "{e:?}"),
            Ok(b) => {
                assert!(d.how != "truncate", "{what}: a cut-off export was read");
                check_backup(b);
                // The parts the damage missed are read as they were written.
                let want = &real.backup;
                for (part, start, end) in &real.parts {
                    if !d.spares(*start, *end) {
                        continue;
                    }
                    let same = match part.as_str() {
                        "me" => b.me == want.me,
                        "settings" => b.settings == want.settings,
                        "ledger" => b.ledger == want.ledger,
                        "history" => b.history == want.history,
                        "introductions" => b.introductions == want.introductions,
                        "imports" => b.imports == want.imports,
                        _ => true,
                    };
                    assert!(same, "{what}: {part} changed");
                }
                // Restoring joins it into the store.
                ledger.merge(&b.ledger);
                history.merge(&b.history);
            }
        }
        if r.is_err() {
            assert_eq!(ledger.to_json(), real.stored.0, "the ledger changed");
            assert_eq!(history.to_json(), real.stored.1, "the history changed");
        }
    });
}

//! The benchmark workloads, defined once and run natively (tests/bench/micro.rs,
//! tests/bench/archive.rs) and in Chromium's wasm (tests/wasm_bench.rs) on the same inputs,
//! so that the two compare like for like: classify, entity extraction, weighted length,
//! ledger update and common ground, each per post (or pair) and per batch of 20; the ledger
//! of 100,000 posts loaded from its stored JSON; and importing an archive.
//!
//! Time comes from the caller's clock in microseconds (`Instant` natively, `performance.now()`
//! in the browser, whose resolution there is 5 µs: too coarse to time one post, so the wasm
//! side times batches only).
#![allow(dead_code)]

use std::hint::black_box;
use std::ops::Range;

use rapport::core::archive::{self, Archive};
use rapport::core::classify::{PostInput, classify, warm_up};
use rapport::core::introduce::{Corpus, PersonProfile, common_ground, profiles_from_archive};
use rapport::core::ledger::Ledger;
use rapport::core::post::{Counts, Post};
use rapport::core::text::{extract_entities, extract_mentions, weighted_length};
use rapport::core::time::{Millis, to_iso};

use crate::stats::{Summary, summary};

/// Posts per batch: about what one animation frame of X's timeline brings in.
pub const BATCH: usize = 20;
/// "Now" for the generated posts and imports (2026-03-07, after the real archive's last post).
pub const NOW: Millis = 1_772_841_600_000;
/// Whose ledger it is.
pub const ME: &str = "mara_quinn";
/// Pairs of people timed for common ground.
const MAX_PAIRS: usize = 400;

/// A microsecond clock.
pub type Clock<'a> = &'a dyn Fn() -> f64;

/// One workload's figures on one side.
pub struct Measured {
    pub name: &'static str,
    /// What one item is ("post" or "pair").
    pub unit: &'static str,
    pub items: usize,
    pub rounds: usize,
    /// Each item timed on its own (natively only).
    pub each: Option<Summary>,
    /// Each batch of [`BATCH`] items timed.
    pub batch: Summary,
}

impl Measured {
    /// The `BENCH` line's fields.
    pub fn json(&self, side: &str) -> serde_json::Value {
        use crate::stats::round3;
        let mut v = serde_json::json!({
            "side": side,
            "workload": self.name,
            "unit": self.unit,
            "items": self.items,
            "rounds": self.rounds,
            "batch": BATCH,
            "batch_median_us": round3(self.batch.median),
            "batch_p95_us": round3(self.batch.p95),
            "batch_mean_us": round3(self.batch.mean),
            "batches": self.batch.n,
        });
        if let Some(e) = &self.each {
            v["each_median_us"] = round3(e.median).into();
            v["each_p95_us"] = round3(e.p95).into();
            v["each_max_us"] = round3(e.max).into();
        }
        v
    }
}

fn time_each(n: usize, rounds: usize, clock: Clock, f: &mut dyn FnMut(usize)) -> Vec<f64> {
    let mut out = Vec::with_capacity(n * rounds);
    for _ in 0..rounds {
        for i in 0..n {
            let t = clock();
            f(i);
            out.push(clock() - t);
        }
    }
    out
}

fn time_batches(
    n: usize,
    rounds: usize,
    clock: Clock,
    f: &mut dyn FnMut(Range<usize>),
) -> Vec<f64> {
    let mut out = Vec::with_capacity(rounds * n / BATCH);
    for _ in 0..rounds {
        for start in (0..n.saturating_sub(BATCH - 1)).step_by(BATCH) {
            let t = clock();
            f(start..start + BATCH);
            out.push(clock() - t);
        }
    }
    out
}

/// Runs `unit` per item (when `each`) and per batch; `reset` runs before each round's
/// batches and before the single-item pass (not timed).
#[allow(clippy::too_many_arguments)]
fn measure(
    name: &'static str,
    unit: &'static str,
    n: usize,
    rounds: usize,
    each: bool,
    clock: Clock,
    reset: &mut dyn FnMut(),
    work: &mut dyn FnMut(Range<usize>),
) -> Measured {
    // One untimed pass warms caches, lazy tables and the allocator.
    reset();
    work(0..n.min(200));
    let each = each.then(|| {
        reset();
        let mut s = time_each(n, rounds, clock, &mut |i| work(i..i + 1));
        summary(&mut s)
    });
    let mut batches = Vec::new();
    for _ in 0..rounds {
        reset();
        batches.extend(time_batches(n, 1, clock, work));
    }
    Measured {
        name,
        unit,
        items: n,
        rounds,
        each,
        batch: summary(&mut batches),
    }
}

/// Posts as the page would read them, from real post texts: authors spread over a thousand
/// people, a minute apart, mentions from the text, replies where the text starts with `@`.
pub fn posts_from_texts(texts: &[String]) -> Vec<Post> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mentions = extract_mentions(t);
            let is_reply = t.starts_with('@') && !mentions.is_empty();
            Post {
                id: (1_900_000_000_000_000_000u64 + i as u64).to_string(),
                author: format!("user_{}", i % 997),
                name: format!("User {}", i % 997),
                text: t.clone(),
                time: Some(to_iso(NOW - i as Millis * 60_000)),
                counts: Counts {
                    replies: Some((i % 4) as u64),
                    likes: Some((i % 50) as u64),
                    ..Counts::default()
                },
                is_reply,
                reply_to: if is_reply {
                    mentions[..1].to_vec()
                } else {
                    Vec::new()
                },
                mentions,
                ..Post::default()
            }
        })
        .collect()
}

/// People to introduce, from an archive (see `profiles_from_archive`): everyone known from
/// at least 3 texts, and pairs of them (each with the next few others).
pub fn people(archive: &Archive) -> (Vec<PersonProfile>, Corpus, Vec<(usize, usize)>) {
    let all = profiles_from_archive(archive);
    let corpus = Corpus::new(&all);
    let known: Vec<PersonProfile> = all.into_iter().filter(|p| p.posts.len() >= 3).collect();
    let mut pairs = Vec::new();
    'outer: for step in 1..known.len().max(1) {
        for i in 0..known.len() {
            pairs.push((i, (i + step) % known.len()));
            if pairs.len() == MAX_PAIRS {
                break 'outer;
            }
        }
    }
    (known, corpus, pairs)
}

/// Every per-post workload on `texts`, and common ground on `archive`'s people.
/// `each`: also time items one by one (natively; the browser's clock is too coarse).
pub fn micro(
    texts: &[String],
    archive: &Archive,
    rounds: usize,
    each: bool,
    clock: Clock,
) -> Vec<Measured> {
    let n = texts.len();
    let mut out = Vec::new();
    warm_up();
    out.push(measure(
        "classify",
        "post",
        n,
        rounds,
        each,
        clock,
        &mut || {},
        &mut |r| {
            for t in &texts[r] {
                black_box(classify(&PostInput::new(black_box(t))));
            }
        },
    ));
    out.push(measure(
        "entities",
        "post",
        n,
        rounds,
        each,
        clock,
        &mut || {},
        &mut |r| {
            for t in &texts[r] {
                black_box(extract_entities(black_box(t)));
            }
        },
    ));
    out.push(measure(
        "weighted_length",
        "post",
        n,
        rounds,
        each,
        clock,
        &mut || {},
        &mut |r| {
            for t in &texts[r] {
                black_box(weighted_length(black_box(t)));
            }
        },
    ));
    let posts = posts_from_texts(texts);
    let ledger = std::cell::RefCell::new(Ledger::new());
    out.push(measure(
        "ledger_update",
        "post",
        n,
        rounds,
        each,
        clock,
        &mut || *ledger.borrow_mut() = Ledger::new(),
        &mut |r| {
            black_box(ledger.borrow_mut().observe(&posts[r], ME, NOW));
        },
    ));
    let (people, corpus, pairs) = people(archive);
    if !pairs.is_empty() {
        out.push(measure(
            "common_ground",
            "pair",
            pairs.len(),
            rounds,
            each,
            clock,
            &mut || {},
            &mut |r| {
                for &(a, b) in &pairs[r] {
                    black_box(common_ground(&people[a], &people[b], &corpus));
                }
            },
        ));
    }
    out
}

/// Loads the stored ledger `json` `runs` times: milliseconds of each load, and the count.
pub fn load_ledger(json: &str, runs: usize, clock: Clock) -> (Vec<f64>, usize) {
    let mut ms = Vec::with_capacity(runs);
    let mut count = 0;
    for _ in 0..runs {
        let t = clock();
        let l = Ledger::from_json(black_box(json)).expect("the bench's ledger loads");
        ms.push((clock() - t) / 1000.0);
        count = l.post_count();
        black_box(l);
    }
    (ms, count)
}

/// Milliseconds of each step of importing an archive `.zip` the way the extension's worker
/// does (`core::archive::Importer`): unzip and read; step through the posts (classify each,
/// feed the ledger, note the people); finish (build the history once); serialise both
/// deltas for the background.
#[derive(Clone, Copy, Debug, Default)]
pub struct Import {
    pub posts: usize,
    pub read_ms: f64,
    pub posts_ms: f64,
    pub history_ms: f64,
    pub store_ms: f64,
}

impl Import {
    pub fn total_ms(&self) -> f64 {
        self.read_ms + self.posts_ms + self.history_ms + self.store_ms
    }

    /// The `BENCH` line's fields.
    pub fn json(&self, side: &str, runs: usize, worst_ms: f64) -> serde_json::Value {
        use crate::stats::round3;
        serde_json::json!({
            "side": side, "posts": self.posts, "runs": runs,
            "total_ms": round3(self.total_ms()), "read_ms": round3(self.read_ms),
            "posts_ms": round3(self.posts_ms), "history_ms": round3(self.history_ms),
            "store_ms": round3(self.store_ms), "worst_ms": round3(worst_ms),
        })
    }
}

/// One import of `zip` (as the extension's worker runs it, in steps of 250 posts).
pub fn import(zip: &[u8], clock: Clock) -> Import {
    warm_up();
    let t0 = clock();
    let a =
        archive::from_zip("archive-10k.zip", black_box(zip)).expect("the bench's archive reads");
    let posts = a.posts.len();
    let t1 = clock();
    let mut im = archive::Importer::new(a);
    while !im.done() {
        im.step(250);
    }
    let t2 = clock();
    let out = im.finish();
    let t3 = clock();
    black_box((out.ledger.to_json(), out.history.to_json()));
    let t4 = clock();
    Import {
        posts,
        read_ms: (t1 - t0) / 1000.0,
        posts_ms: (t2 - t1) / 1000.0,
        history_ms: (t3 - t2) / 1000.0,
        store_ms: (t4 - t3) / 1000.0,
    }
}

/// The median import of `runs` (by total), and every total, sorted.
pub fn import_median(zip: &[u8], runs: usize, clock: Clock) -> (Import, Vec<f64>) {
    let mut all: Vec<Import> = (0..runs).map(|_| import(zip, clock)).collect();
    all.sort_by(|a, b| a.total_ms().total_cmp(&b.total_ms()));
    let totals = all.iter().map(Import::total_ms).collect();
    (all[all.len() / 2], totals)
}

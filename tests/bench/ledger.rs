//! Benchmark: the ledger at its storage limit — 100,000 posts loaded from JSON (budget
//! ≤ 200 ms natively), stored, merged with another tab's 100,000, and the waiting list.
//!
//! Run with `cargo bench --bench ledger`. Prints medians of several runs, and a `BENCH {json}`
//! line of the load for tests/bench/report.mjs; writes the ledger's JSON to
//! target/bench/data/ledger-100k.json for the wasm bench and the extension's storage load.
//! `RAPPORT_BENCH_QUICK=1`: the load only, fewer runs.

#[path = "../common/mod.rs"]
mod common;
#[path = "data.rs"]
mod data;
#[path = "stats.rs"]
mod stats;

use std::hint::black_box;
use std::time::{Duration, Instant};

use rapport::core::ledger::{Ledger, Limits};
use rapport::core::post::{Counts, Post};
use rapport::core::settings::Settings;
use rapport::core::time::{Millis, to_iso};
use rapport::core::unanswered::awaiting_you;

const POSTS: usize = 100_000;
const FULL_RUNS: usize = 7;
const QUICK_RUNS: usize = 3;
const NOW: Millis = 1_761_248_040_000;
const HOUR: Millis = 3_600_000;
const ME: &str = "me_myself";

/// SplitMix64, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: [&str; 12] = [
    "building",
    "relationships",
    "on",
    "X",
    "is",
    "about",
    "talking",
    "to",
    "people",
    "every",
    "single",
    "day",
];

/// A realistic ledger of `n` posts by other people (plus 1% your own), fed through
/// `observe` in batches of 20 over 60 days, as the page would.
fn build(seed: u64, n: usize) -> Ledger {
    let mut r = Rng(seed);
    let mut l = Ledger::new();
    let start = NOW - 60 * 24 * HOUR;
    let mut batch = Vec::with_capacity(20);
    for i in 0..n {
        let at = start + (i as Millis) * (60 * 24 * HOUR / n as Millis);
        let own = r.below(100) == 0;
        let author = if own {
            ME.to_string()
        } else {
            format!("user_{}", r.below(20_000))
        };
        let id = format!(
            "{}",
            1_800_000_000_000_000_000u64 + seed * 1_000_000_000 + i as u64
        );
        let words = 4 + r.below(10) as usize;
        let text: Vec<&str> = (0..words)
            .map(|_| WORDS[r.below(WORDS.len() as u64) as usize])
            .collect();
        let mut p = Post {
            id,
            name: format!("Display Name {}", author.len()),
            author,
            text: text.join(" "),
            time: Some(to_iso(at)),
            counts: Counts {
                replies: Some(r.below(4)),
                ..Counts::default()
            },
            ..Post::default()
        };
        if r.below(3) == 0 {
            let parent =
                1_800_000_000_000_000_000u64 + seed * 1_000_000_000 + r.below(i as u64 + 1);
            p.is_reply = true;
            p.in_reply_to_id = Some(parent.to_string());
            p.reply_to = vec![if r.below(10) == 0 {
                ME.into()
            } else {
                format!("user_{}", r.below(20_000))
            }];
        }
        if r.below(20) == 0 {
            p.mentions = vec![ME.into()];
        }
        batch.push(p);
        if batch.len() == 20 {
            l.observe(&batch, ME, at);
            batch.clear();
        }
    }
    l.observe(&batch, ME, NOW);
    // Some answered from the composer, some dismissed.
    let ids: Vec<String> = l.posts().map(|(id, _)| id.to_string()).take(3000).collect();
    for (k, id) in ids.iter().enumerate() {
        if k % 3 == 0 {
            l.dismiss(id, NOW - HOUR);
        } else {
            l.record_composer_reply(id, NOW - HOUR);
        }
    }
    l
}

fn runs() -> usize {
    if stats::quick_from(std::env::var("RAPPORT_BENCH_QUICK").ok().as_deref()) {
        QUICK_RUNS
    } else {
        FULL_RUNS
    }
}

/// The median time of [`runs`] calls of `f` (and all the times, sorted).
fn timed<T>(mut f: impl FnMut() -> T) -> (Duration, T, Vec<Duration>) {
    let runs = runs();
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = black_box(f());
        times.push(t.elapsed());
        last = Some(out);
    }
    times.sort();
    (times[runs / 2], last.expect("at least one run"), times)
}

fn median<T>(f: impl FnMut() -> T) -> (Duration, T) {
    let (d, out, _) = timed(f);
    (d, out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let t = Instant::now();
    let a = build(1, POSTS);
    println!(
        "ledger/build: {} posts through observe in batches of 20: {:.0} ms ({:.1} µs a batch)",
        a.post_count(),
        ms(t.elapsed()),
        t.elapsed().as_secs_f64() * 1e6 / (POSTS as f64 / 20.0)
    );

    let (d, json) = median(|| a.to_json());
    println!(
        "ledger/to_json: {:.1} ms median; JSON {} bytes ({:.0} bytes a post)",
        ms(d),
        json.len(),
        json.len() as f64 / a.post_count() as f64
    );

    let (d, loaded, all) = timed(|| Ledger::from_json(&json).expect("own JSON loads"));
    assert_eq!(loaded, a);
    let verdict = if ms(d) <= 200.0 { "within" } else { "OVER" };
    println!(
        "ledger/from_json: {:.1} ms median of {} ({verdict} the 200 ms budget, {:.2}x of it)",
        ms(d),
        all.len(),
        ms(d) / 200.0
    );
    println!(
        "{}",
        stats::line(
            "ledger_load",
            serde_json::json!({
                "side": "native", "posts": loaded.post_count(), "json_bytes": json.len(),
                "runs": all.len(), "median_ms": stats::round3(ms(d)),
                "worst_ms": stats::round3(ms(all[all.len() - 1])),
            })
        )
    );
    data::write("ledger-100k.json", json.as_bytes());
    if runs() == QUICK_RUNS {
        return;
    }

    let b = build(2, POSTS);
    let mut half = b.clone();
    half.merge(&a); // a second tab that has seen everything the first saw, and more
    let (d, m) = median(|| Ledger::merged(&a, &b));
    println!(
        "ledger/merge: two ledgers of {} and {} posts -> {}: {:.1} ms median",
        a.post_count(),
        b.post_count(),
        m.post_count(),
        ms(d)
    );
    let (d, _) = median(|| Ledger::merged(&a, &half));
    println!(
        "ledger/merge: {} into its superset of {}: {:.1} ms median",
        a.post_count(),
        half.post_count(),
        ms(d)
    );
    let (d, dropped) = median(|| {
        let mut m = m.clone();
        m.enforce_limits(&Limits::DEFAULT)
    });
    println!(
        "ledger/enforce_limits after merge (incl. clone): dropped {dropped}: {:.1} ms median",
        ms(d)
    );

    let settings = Settings::default();
    let (d, waiting) = median(|| awaiting_you(&a, ME, NOW, &settings));
    println!(
        "ledger/awaiting_you over {} posts: {} waiting: {:.1} ms median",
        a.post_count(),
        waiting.len(),
        ms(d)
    );

    // A batch of 20 on a ledger over 100,000 posts in all whose others are under the limit
    // (many posts of your own): the limit is checked once, not on every batch.
    let mut full = a.clone();
    let own: Vec<Post> = (0..2_000)
        .map(|i| Post {
            id: format!("8{i}"),
            author: ME.into(),
            time: Some(to_iso(NOW)),
            ..Post::default()
        })
        .collect();
    full.observe(&own, ME, NOW);
    let mut r = Rng(9);
    let (d, _) = median(|| {
        let batch: Vec<Post> = (0..20)
            .map(|_| Post {
                id: format!("9{}", r.next()),
                author: "someone".into(),
                time: Some(to_iso(NOW)),
                ..Post::default()
            })
            .collect();
        full.observe(&batch, ME, NOW)
    });
    println!(
        "ledger/observe 20 posts into a full ledger ({} posts): {:.3} ms median",
        full.post_count(),
        ms(d)
    );
}

//! Benchmark: importing a 10,000-post archive natively (budget ≤ 2 s): unzip and read
//! tweets.js, feed the ledger, classify every post into the history, serialise both for
//! storage. The archive is made from the real one's tweets.js (tests/bench/data.rs) and
//! written to target/bench/data/archive-10k.zip for the wasm bench.
//!
//! Run with `cargo bench --bench archive` (`RAPPORT_BENCH_QUICK=1`: fewer runs).

#[path = "../common/mod.rs"]
mod common;
#[path = "data.rs"]
mod data;
#[path = "stats.rs"]
mod stats;
#[path = "workloads.rs"]
mod workloads;

use std::time::Instant;

const POSTS: usize = 10_000;

fn main() {
    let quick = stats::quick_from(std::env::var("RAPPORT_BENCH_QUICK").ok().as_deref());
    let runs = if quick { 3 } else { 7 };
    let Some(zip) = data::archive_zip(POSTS) else {
        println!("archive bench: SKIP (shared archive not found)");
        return;
    };
    data::write("archive-10k.zip", &zip);
    let start = Instant::now();
    let clock = move || start.elapsed().as_secs_f64() * 1e6;
    let (m, totals) = workloads::import_median(&zip, runs, &clock);
    assert_eq!(m.posts, POSTS, "every generated post is read");
    println!(
        "archive import: {} posts, zip {} bytes: {:.0} ms median of {runs} (read {:.0}, posts {:.0}, history {:.0}, store {:.0})",
        m.posts,
        zip.len(),
        m.total_ms(),
        m.read_ms,
        m.posts_ms,
        m.history_ms,
        m.store_ms,
    );
    let mut fields = m.json("native", runs, totals[totals.len() - 1]);
    fields["zip_bytes"] = zip.len().into();
    println!("{}", stats::line("import", fields));
}

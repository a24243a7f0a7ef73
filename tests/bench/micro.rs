//! Benchmark: the per-post workloads natively on the real posts (classify, entity extraction,
//! weighted length, ledger update) and common ground on the real archive's people, each per
//! post (or pair) and per batch of 20 (budget: classify ≤ 5 µs median). Also writes the
//! inputs the wasm bench runs the same workloads on (target/bench/data/posts.json,
//! real-archive.zip). Prints `BENCH {json}` lines for tests/bench/report.mjs.
//!
//! Run with `cargo bench --bench micro` (`RAPPORT_BENCH_QUICK=1`: fewer rounds).

#[path = "../common/mod.rs"]
mod common;
#[path = "data.rs"]
mod data;
#[path = "stats.rs"]
mod stats;
#[path = "workloads.rs"]
mod workloads;

use std::time::Instant;

use rapport::core::archive;

fn main() {
    let quick = stats::quick_from(std::env::var("RAPPORT_BENCH_QUICK").ok().as_deref());
    let rounds = if quick { 3 } else { 7 };
    let Some((texts, source)) = data::real_posts() else {
        println!("micro bench: SKIP (shared posts not found)");
        return;
    };
    let Some(files) = data::real_archive_files() else {
        println!("micro bench: SKIP (shared archive not found)");
        return;
    };
    let zip = data::zip(&files);
    let archive = archive::from_zip("real-archive.zip", &zip).expect("the real archive reads");
    data::write("posts.json", &serde_json::to_vec(&texts).expect("json"));
    data::write("real-archive.zip", &zip);

    let start = Instant::now();
    let clock = move || start.elapsed().as_secs_f64() * 1e6;
    println!(
        "micro bench: {} posts ({source}), {} archive posts by @{}, {rounds} rounds",
        texts.len(),
        archive.posts.len(),
        archive.owner
    );
    for m in workloads::micro(&texts, &archive, rounds, true, &clock) {
        let e = m.each.expect("timed each natively");
        println!(
            "{:<16} per {}: median {:>7.2} µs, p95 {:>7.2} µs | batch of {}: median {:>8.1} µs, p95 {:>8.1} µs ({} {}s × {} rounds)",
            m.name,
            m.unit,
            e.median,
            e.p95,
            workloads::BATCH,
            m.batch.median,
            m.batch.p95,
            m.items,
            m.unit,
            m.rounds
        );
        println!("{}", stats::line("micro", m.json("native")));
    }
}

//! Benchmark: classify one post (budget ≤ 5 µs median natively). Classifies every tweet-act
//! and youtube-spam post (or, without the shared data, the project's own development set)
//! for several rounds, timing each post, and prints the median and p95 µs per post and
//! posts per second.
//!
//! Run with `cargo bench --bench classify`.

#[path = "../common/mod.rs"]
mod common;
#[path = "data.rs"]
mod data;

use std::hint::black_box;
use std::time::{Duration, Instant};

use rapport::core::classify::{PostInput, classify, warm_up};
use rapport::core::text::extract_entities;

const ROUNDS: usize = 7;
const BUDGET_MEDIAN_US: f64 = 5.0;

fn posts() -> (Vec<String>, &'static str) {
    if let Some(real) = data::real_posts() {
        return real;
    }
    let dev = include_str!("../eval/devset.jsonl");
    let posts = dev
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
    (posts, "development set")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let (posts, source) = posts();
    let t0 = Instant::now();
    warm_up();
    let build = t0.elapsed();

    let mut per_post = Vec::with_capacity(posts.len() * ROUNDS);
    let mut round_times = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let round = Instant::now();
        for text in &posts {
            let start = Instant::now();
            let v = classify(black_box(&PostInput::new(text)));
            per_post.push(start.elapsed());
            black_box(v);
        }
        round_times.push(round.elapsed());
    }
    // The share of the text module's entity extraction (URLs, mentions) in the above.
    let entities = Instant::now();
    for text in &posts {
        black_box(extract_entities(black_box(text)));
    }
    let entities = entities.elapsed();

    per_post.sort_unstable();
    round_times.sort_unstable();
    let median = percentile(&per_post, 0.5);
    let p95 = percentile(&per_post, 0.95);
    let median_round = round_times[ROUNDS / 2];
    let rate = posts.len() as f64 / median_round.as_secs_f64();

    println!(
        "## classify benchmark ({source}: {} posts × {ROUNDS} rounds)\n",
        posts.len()
    );
    println!("| measure | value | budget |");
    println!("|---|---:|---:|");
    println!(
        "| automaton build (once) | {:.2} ms | |",
        build.as_secs_f64() * 1e3
    );
    println!(
        "| median per post | {:.2} µs | ≤ {BUDGET_MEDIAN_US} µs |",
        us(median)
    );
    println!("| p95 per post | {:.2} µs | |", us(p95));
    println!(
        "| max per post | {:.2} µs | |",
        us(*per_post.last().unwrap())
    );
    println!(
        "| mean per post (median round) | {:.2} µs | |",
        us(median_round) / posts.len() as f64
    );
    println!("| posts per second | {rate:.0} | |");
    println!(
        "| of which `text::extract_entities` (mean) | {:.2} µs | |",
        us(entities) / posts.len() as f64
    );
    println!(
        "\nmedian is {:.0}% of the budget",
        100.0 * us(median) / BUDGET_MEDIAN_US
    );
    fixture_comparison();
}

/// The same measure as the wasm benchmark (tests/wasm_bench.rs): the fixture pages' post
/// texts, 20 passes per sample, median µs per post, so native and wasm compare like for like.
fn fixture_comparison() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut texts = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    names.sort();
    for p in names {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        for post in v["posts"].as_array().unwrap() {
            texts.push(post["text"].as_str().unwrap().to_string());
        }
    }
    let mut samples = Vec::new();
    for _ in 0..40 {
        let t0 = Instant::now();
        for _ in 0..20 {
            for t in &texts {
                black_box(classify(&PostInput::new(t)));
            }
        }
        samples.push(us(t0.elapsed()) / (20 * texts.len()) as f64);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    println!(
        "\nBENCH classify native: median {:.2} us/post over {} fixture posts (compare: wasm_bench)",
        samples[samples.len() / 2],
        texts.len()
    );
}

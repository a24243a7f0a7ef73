//! Benchmark: post text analysis (`extract_entities`, `parse_post`) over real posts.
//!
//! Loads the tweets of `tweet-act/TWEET_DATA.csv` and the comments of the YouTube spam set
//! from `../shared/data/posts/`, runs each function over all of them for several rounds, and
//! prints posts per second and the median and 95th percentile microseconds per post.
//! Run with `cargo bench --bench text`.

#[path = "../common/mod.rs"]
mod common;
#[path = "data.rs"]
mod data;

use std::hint::black_box;
use std::time::Instant;

use rapport::core::text::{extract_entities, parse_post};

const ROUNDS: usize = 7;

/// The real posts (shared with the other benches: `data::real_posts`).
fn load_posts() -> Option<Vec<String>> {
    data::real_posts().map(|(posts, _)| posts)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn bench(name: &str, posts: &[String], f: impl Fn(&str) -> usize) {
    let mut samples = Vec::with_capacity(posts.len() * ROUNDS);
    let mut checksum = 0;
    // One warm-up round, not counted.
    for p in posts {
        checksum += f(p);
    }
    let total = Instant::now();
    for _ in 0..ROUNDS {
        for p in posts {
            let t = Instant::now();
            checksum += f(black_box(p));
            samples.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    let elapsed = total.elapsed().as_secs_f64();
    samples.sort_by(f64::total_cmp);
    println!(
        "{name:<16} {:>9.0} posts/s   median {:>5.2} µs   p95 {:>5.2} µs   max {:>7.1} µs   ({} posts × {ROUNDS} rounds, checksum {})",
        (posts.len() * ROUNDS) as f64 / elapsed,
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        samples[samples.len() - 1],
        posts.len(),
        black_box(checksum),
    );
}

fn main() {
    let Some(posts) = load_posts() else {
        println!("text bench: SKIP (shared posts not found)");
        return;
    };
    let chars: usize = posts.iter().map(|p| p.chars().count()).sum();
    println!(
        "text bench: {} posts, {:.0} characters on average",
        posts.len(),
        chars as f64 / posts.len() as f64
    );
    bench("extract_entities", &posts, |p| extract_entities(p).len());
    bench("parse_post", &posts, |p| parse_post(p).weighted_length);
    bench("both", &posts, |p| {
        extract_entities(p).len() + parse_post(p).weighted_length
    });
}

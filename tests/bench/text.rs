//! Benchmark: post text analysis (`extract_entities`, `parse_post`) over real posts.
//!
//! Loads the tweets of `tweet-act/TWEET_DATA.csv` and the comments of the YouTube spam set
//! from `../shared/data/posts/`, runs each function over all of them for several rounds, and
//! prints posts per second and the median and 95th percentile microseconds per post.
//! Run with `cargo bench --bench text`.

#[path = "../common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Instant;

use rapport::core::text::{extract_entities, parse_post};

const ROUNDS: usize = 7;

/// Parses CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes).
fn parse_csv(data: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = data.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Decodes the literal `\uXXXX` escapes the tweet data set keeps (e.g. `\u2026`).
fn decode_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 6).unwrap_or("");
        match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            Some(c) if hex.len() == 4 => {
                out.push(c);
                rest = &rest[i + 6..];
            }
            _ => {
                out.push_str("\\u");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn load_posts() -> Option<Vec<String>> {
    let tweets = common::shared_file("data/posts/tweet-act/TWEET_DATA.csv")?;
    let comments = common::shared_file("data/posts/youtube-spam/Youtube-Spam-Dataset.csv")?;
    let mut posts = Vec::new();
    let data = String::from_utf8_lossy(&std::fs::read(&tweets).ok()?).into_owned();
    for row in parse_csv(&data) {
        let text = row.first().map(String::as_str).unwrap_or("");
        let header = text == "text" && row.get(1).map(String::as_str) == Some("label");
        if !text.is_empty() && !header {
            posts.push(decode_escapes(text));
        }
    }
    let data = String::from_utf8_lossy(&std::fs::read(&comments).ok()?).into_owned();
    let rows = parse_csv(&data);
    let column = rows.first()?.iter().position(|h| h == "CONTENT")?;
    for row in &rows[1..] {
        if let Some(text) = row.get(column).filter(|t| !t.is_empty()) {
            posts.push(text.clone());
        }
    }
    Some(posts)
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

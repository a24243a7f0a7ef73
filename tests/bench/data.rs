//! The benchmarks' inputs, made at bench time from the real data in `$RAPPORT_SHARED` (never
//! committed): the real post texts, the real archive, a 10,000-post archive in the real one's
//! shape, and the files the wasm bench fetches from `target/bench/data/` (the wasm test
//! runner serves the crate's folder).
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

use rapport::core::text::unescape_html;
use rapport::core::time::{Millis, parse_archive, to_iso};
use serde_json::Value;

use crate::common;

/// Where the benches leave their inputs and the wasm bench finds them.
pub fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/data");
    std::fs::create_dir_all(&d).expect("target/bench/data");
    d
}

/// Writes `name` under [`dir`].
pub fn write(name: &str, bytes: &[u8]) {
    std::fs::write(dir().join(name), bytes).expect("write bench data");
}

/// Parses CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes).
fn parse_csv(data: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = data.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Decodes the literal `\uXXXX` escapes the tweet-act set keeps (e.g. `\u2026`).
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

/// The real posts: tweet-act's 7,500 tweets and the YouTube spam set's 1,956 comments (the
/// same set as tests/bench/text.rs and classify.rs), and where they came from.
pub fn real_posts() -> Option<(Vec<String>, &'static str)> {
    let tweets = common::shared_file("data/posts/tweet-act/TWEET_DATA.csv")?;
    let comments = common::shared_file("data/posts/youtube-spam/Youtube-Spam-Dataset.csv")?;
    let mut posts = Vec::new();
    let data = String::from_utf8_lossy(&std::fs::read(tweets).ok()?).into_owned();
    for row in parse_csv(&data) {
        let text = row.first().map(String::as_str).unwrap_or("");
        let header = text == "text" && row.get(1).map(String::as_str) == Some("label");
        if !text.is_empty() && !header {
            posts.push(decode_escapes(text));
        }
    }
    let data = String::from_utf8_lossy(&std::fs::read(comments).ok()?).into_owned();
    let rows = parse_csv(&data);
    let column = rows.first()?.iter().position(|h| h == "CONTENT")?;
    for row in &rows[1..] {
        if let Some(text) = row.get(column).filter(|t| !t.is_empty()) {
            posts.push(unescape_html(text));
        }
    }
    Some((posts, "tweet-act + youtube-spam"))
}

/// The real archive's data files, `(name, bytes)`: tweets.js, account.js, manifest.js.
pub fn real_archive_files() -> Option<Vec<(String, Vec<u8>)>> {
    let dir = common::shared_file("data/x-archive/milahu104-2026-03-06")?;
    ["tweets.js", "account.js", "manifest.js"]
        .iter()
        .map(|f| Some((f.to_string(), std::fs::read(dir.join(f)).ok()?)))
        .collect()
}

/// A zip of `files` under `data/`, deflated, as X's export lays them out.
pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(format!("data/{name}"), opts)
            .expect("zip entry");
        w.write_all(bytes).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// `created_at` as X writes it: `Fri Mar 06 13:02:05 +0000 2026`.
fn created_at(ms: Millis) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let iso = to_iso(ms); // YYYY-MM-DDTHH:MM:SS.mmmZ
    let month: usize = iso[5..7].parse().expect("month");
    format!(
        "{} {} {} {} +0000 {}",
        DAYS[ms.div_euclid(86_400_000).rem_euclid(7) as usize],
        MONTHS[month - 1],
        &iso[8..10],
        &iso[11..19],
        &iso[..4]
    )
}

/// A `tweets.js` of `n` posts in the real one's shape: its posts repeated, each repetition
/// with new ids (the original + the repetition number; replies within the archive follow)
/// and dated 180 days earlier per repetition. Texts, entities and every other field are
/// the real ones.
pub fn tweets_js(real: &[u8], n: usize) -> Vec<u8> {
    let text = std::str::from_utf8(real).expect("tweets.js is UTF-8");
    let json = &text[text.find('[').expect("tweets.js array")..];
    let items: Vec<Value> = serde_json::from_str(json).expect("tweets.js parses");
    let own: std::collections::HashSet<String> = items
        .iter()
        .filter_map(|i| i["tweet"]["id_str"].as_str().map(String::from))
        .collect();
    let shift = |id: &str, round: u64| (id.parse::<u64>().expect("numeric id") + round).to_string();
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let round = (k / items.len()) as u64;
        let mut item = items[k % items.len()].clone();
        if k == 0 {
            // The formatter writes X's own format back unchanged.
            let real = item["tweet"]["created_at"].as_str().expect("created_at");
            assert_eq!(created_at(parse_archive(real).expect("parses")), real);
        }
        if round > 0 {
            let t = &mut item["tweet"];
            let id = shift(t["id_str"].as_str().expect("id_str"), round);
            t["id_str"] = id.clone().into();
            t["id"] = id.clone().into();
            t["edit_info"]["initial"]["editTweetIds"] = serde_json::json!([id]);
            if let Some(parent) = t["in_reply_to_status_id_str"].as_str().map(String::from) {
                if own.contains(&parent) {
                    let p = shift(&parent, round);
                    t["in_reply_to_status_id_str"] = p.clone().into();
                    t["in_reply_to_status_id"] = p.into();
                }
            }
            let at = parse_archive(t["created_at"].as_str().expect("created_at"))
                .expect("created_at parses");
            t["created_at"] = created_at(at - round as Millis * 180 * 86_400_000).into();
        }
        out.push(item);
    }
    let mut js = b"window.YTD.tweets.part0 = ".to_vec();
    js.extend(serde_json::to_vec_pretty(&out).expect("serialise"));
    js
}

/// The 10,000-post archive `.zip` (`n` posts), from the real archive.
pub fn archive_zip(n: usize) -> Option<Vec<u8>> {
    let mut files = real_archive_files()?;
    for f in &mut files {
        if f.0 == "tweets.js" {
            f.1 = tweets_js(&f.1, n);
        }
    }
    Some(zip(&files))
}

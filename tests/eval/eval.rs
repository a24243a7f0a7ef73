//! Evaluation of the post classifier on real posts (`./build.sh eval`, or
//! `cargo bench --bench eval`): prints a markdown table and exits non-zero when a target is
//! missed.
//!
//! - tweet-act (`posts/tweet-act/TWEET_DATA.csv`, `text,label`, none of them pitches): share
//!   labelled `pitch`, target ≤ 2%.
//! - youtube-spam (`posts/youtube-spam/Youtube-Spam-Dataset.csv`, `CLASS` 1 = spam): share of
//!   spam labelled `promotion` or `pitch`, target ≥ 80%; share of ham so labelled, ≤ 10%.
//! - the real archive's German posts (`x-archive/…/tweets.js`, `lang == "de"`): share
//!   labelled `pitch`, target ≤ 1% (other languages must not raise false pitch warnings).
//! - our own labelled posts, written for this project (no rows of the shared data), six kinds:
//!   the development set (`tests/eval/devset.jsonl`) the rules were written against, so its
//!   scores are optimistic; and the held-out set (`tests/eval/holdout.jsonl`), written after
//!   the rules and never tuned on: its scores are the honest ones. When rules change because
//!   of held-out misses, move the held-out posts into the development set and write a new
//!   held-out set.
//!
//! `RAPPORT_EVAL_VERBOSE=1` also prints the misses (row numbers and verdicts) to stderr.

#[path = "../common/mod.rs"]
mod common;

use std::path::Path;
use std::process::ExitCode;

use rapport::core::classify::{Kind, PostInput, Verdict, classify};
use rapport::core::text::unescape_html;
use serde::Deserialize;
use serde_json::Value;

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
            '\r' => {}
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

fn verbose() -> bool {
    std::env::var_os("RAPPORT_EVAL_VERBOSE").is_some()
}

/// One row of the results table.
struct Row {
    measure: String,
    posts: usize,
    value: f64,
    target: Option<(bool, f64)>, // (at most?, bound)
}

impl Row {
    fn met(&self) -> bool {
        match self.target {
            None => true,
            Some((true, b)) => self.value <= b + 1e-12,
            Some((false, b)) => self.value >= b - 1e-12,
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn share(hits: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { hits as f64 / n as f64 }
}

fn tweet_act(rows: &mut Vec<Row>) {
    let Some(path) = common::shared_file("data/posts/tweet-act/TWEET_DATA.csv") else {
        return;
    };
    let data = std::fs::read_to_string(&path).expect("read tweet-act");
    let mut n = 0;
    let mut pitches = 0;
    for (i, r) in parse_csv(&data).iter().enumerate() {
        let Some(text) = r.first() else { continue };
        n += 1;
        let v = classify(&PostInput::new(text));
        if v.kind == Kind::Pitch {
            pitches += 1;
            if verbose() {
                eprintln!(
                    "tweet-act row {}: pitch {:.2} {:?}",
                    i + 1,
                    v.pitch,
                    v.evidence
                );
            }
        }
    }
    rows.push(Row {
        measure: "tweet-act posts labelled pitch".into(),
        posts: n,
        value: share(pitches, n),
        target: Some((true, 0.02)),
    });
}

fn youtube(rows: &mut Vec<Row>) {
    let Some(path) = common::shared_file("data/posts/youtube-spam/Youtube-Spam-Dataset.csv") else {
        return;
    };
    let data = std::fs::read_to_string(&path).expect("read youtube-spam");
    let table = parse_csv(&data);
    let header = &table[0];
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (content, class) = (col("CONTENT"), col("CLASS"));
    let (mut spam, mut spam_hit, mut ham, mut ham_hit) = (0, 0, 0, 0);
    for (i, r) in table.iter().enumerate().skip(1) {
        if r.len() <= class.max(content) {
            continue;
        }
        let text = unescape_html(&r[content]);
        let v = classify(&PostInput::new(&text));
        let hit = matches!(v.kind, Kind::Promotion | Kind::Pitch);
        if r[class].trim() == "1" {
            spam += 1;
            spam_hit += usize::from(hit);
            if !hit && verbose() {
                eprintln!(
                    "youtube spam row {} missed: {:?} {:?}",
                    i + 1,
                    v.kind,
                    v.evidence
                );
            }
        } else {
            ham += 1;
            ham_hit += usize::from(hit);
            if hit && verbose() {
                eprintln!(
                    "youtube ham row {} flagged: {:?} {:?}",
                    i + 1,
                    v.kind,
                    v.evidence
                );
            }
        }
    }
    rows.push(Row {
        measure: "youtube spam labelled promotion or pitch".into(),
        posts: spam,
        value: share(spam_hit, spam),
        target: Some((false, 0.80)),
    });
    rows.push(Row {
        measure: "youtube ham labelled promotion or pitch".into(),
        posts: ham,
        value: share(ham_hit, ham),
        target: Some((true, 0.10)),
    });
}

fn archive(rows: &mut Vec<Row>) {
    let Some(path) = common::shared_file("data/x-archive/milahu104-2026-03-06/tweets.js") else {
        return;
    };
    let data = std::fs::read_to_string(&path).expect("read tweets.js");
    let json = &data[data.find('[').expect("archive array")..];
    let tweets: Vec<Value> = serde_json::from_str(json).expect("parse tweets.js");
    let mut stats = [(0usize, 0usize); 2]; // (posts, pitches): German, English
    for (i, t) in tweets.iter().enumerate() {
        let t = &t["tweet"];
        let lang = t["lang"].as_str().unwrap_or("");
        let slot = match lang {
            "de" => 0,
            "en" => 1,
            _ => continue,
        };
        let text = unescape_html(t["full_text"].as_str().unwrap_or(""));
        let links: Vec<String> = t["entities"]["urls"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|u| u["expanded_url"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        // The text alone decides the language here: no `lang` hint.
        let v = classify(&PostInput {
            text: &text,
            is_reply: t["in_reply_to_status_id_str"].is_string(),
            links: &links,
            ..PostInput::default()
        });
        stats[slot].0 += 1;
        if v.kind == Kind::Pitch {
            stats[slot].1 += 1;
            if verbose() {
                eprintln!("archive tweet {} ({lang}) pitch: {:?}", i + 1, v.evidence);
            }
        }
    }
    rows.push(Row {
        measure: "archive posts in German labelled pitch".into(),
        posts: stats[0].0,
        value: share(stats[0].1, stats[0].0),
        target: Some((true, 0.01)),
    });
    rows.push(Row {
        measure: "archive posts in English labelled pitch".into(),
        posts: stats[1].0,
        value: share(stats[1].1, stats[1].0),
        target: None,
    });
}

/// One labelled example of our own.
#[derive(Deserialize)]
struct Example {
    kind: Kind,
    text: String,
    #[serde(default)]
    is_reply: bool,
    #[serde(default)]
    is_repost: bool,
    #[serde(default)]
    is_quote: bool,
    #[serde(default)]
    links: Vec<String>,
}

/// Per-kind precision and recall of a labelled set; returns the accuracy.
fn labelled_set(name: &str, file: &Path) -> Option<f64> {
    let data = std::fs::read_to_string(file).ok()?;
    let mut confusion = [[0usize; 6]; 6]; // [truth][predicted]
    let mut brier = 0.0;
    let mut n = 0;
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let ex: Example = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), i + 1));
        let v: Verdict = classify(&PostInput {
            text: &ex.text,
            is_reply: ex.is_reply,
            is_repost: ex.is_repost,
            is_quote: ex.is_quote,
            links: &ex.links,
            ..PostInput::default()
        });
        confusion[ex.kind.index()][v.kind.index()] += 1;
        let truth = if ex.kind == Kind::Pitch { 1.0 } else { 0.0 };
        brier += (f64::from(v.pitch) - truth).powi(2);
        n += 1;
        if v.kind != ex.kind && verbose() {
            eprintln!(
                "{name} line {}: want {} got {} ({:.2}) {:?}",
                i + 1,
                ex.kind,
                v.kind,
                v.pitch,
                v.evidence
            );
        }
    }
    println!("\n### {name}: {n} posts, per kind\n");
    println!("| kind | posts | precision | recall |");
    println!("|---|---:|---:|---:|");
    let mut correct = 0;
    for k in Kind::ALL {
        let i = k.index();
        let tp = confusion[i][i];
        correct += tp;
        let truth: usize = confusion[i].iter().sum();
        let predicted: usize = confusion.iter().map(|r| r[i]).sum();
        let p = if predicted == 0 {
            1.0
        } else {
            tp as f64 / predicted as f64
        };
        println!("| {k} | {truth} | {:.2} | {:.2} |", p, share(tp, truth));
    }
    let accuracy = share(correct, n);
    println!(
        "\naccuracy {:.1}%, pitch-score Brier score {:.3} (lower is better)",
        accuracy * 100.0,
        brier / n.max(1) as f64
    );
    println!("\nconfusion (rows: truth, columns: verdict)\n");
    println!("| | {} |", Kind::ALL.map(|k| k.name()).join(" | "));
    println!("|---|{}", "---:|".repeat(6));
    for k in Kind::ALL {
        let cells: Vec<String> = confusion[k.index()].iter().map(|c| c.to_string()).collect();
        println!("| {k} | {} |", cells.join(" | "));
    }
    Some(accuracy)
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let mut rows = Vec::new();
    tweet_act(&mut rows);
    youtube(&mut rows);
    archive(&mut rows);

    println!("## Classifier evaluation\n");
    println!("| measure | posts | value | target | |");
    println!("|---|---:|---:|---:|---|");
    let mut all_met = true;
    for r in &rows {
        let target = match r.target {
            None => "—".to_string(),
            Some((true, b)) => format!("≤ {}", pct(b)),
            Some((false, b)) => format!("≥ {}", pct(b)),
        };
        let met = r.met();
        all_met &= met;
        println!(
            "| {} | {} | {} | {} | {} |",
            r.measure,
            r.posts,
            pct(r.value),
            target,
            if r.target.is_none() {
                ""
            } else if met {
                "met"
            } else {
                "MISSED"
            }
        );
    }
    if rows.is_empty() {
        println!("| (shared data not found: nothing measured) | | | | |");
    }

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    labelled_set("development set", &dir.join("devset.jsonl")).expect("tests/eval/devset.jsonl");
    labelled_set("held-out set", &dir.join("holdout.jsonl"));

    if all_met {
        println!("\nall targets met");
        ExitCode::SUCCESS
    } else {
        println!("\nTARGET MISSED");
        ExitCode::FAILURE
    }
}

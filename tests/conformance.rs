//! twitter-text's conformance suites (`extract.yml`, `validate.yml`, `tlds.yml` in
//! `../shared/conformance/twitter-text/`) run against `rapport::core::text`, every case.
//!
//! Prints one line per suite (`extract: N passed, M failed`; see them with
//! `cargo test --test conformance -- --nocapture`). A case that fails must be listed in
//! [`KNOWN_EXCEPTIONS`] with the reason; the test fails on any unlisted failure and on any
//! listed case that passes (so the list shrinks as the code improves).

mod common;

use rapport::core::text::{self, Config, Entity, EntityKind};
use serde_yaml::Value;

/// Cases we knowingly fail: (suite, section, description, reason). Goal: empty.
const KNOWN_EXCEPTIONS: &[(&str, &str, &str, &str)] = &[];

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    unexpected: Vec<String>,
}

impl Tally {
    fn record(
        &mut self,
        suite: &str,
        section: &str,
        description: &str,
        outcome: Result<(), String>,
    ) {
        let exception = KNOWN_EXCEPTIONS
            .iter()
            .find(|(s, sec, d, _)| *s == suite && *sec == section && *d == description);
        match (outcome, exception) {
            (Ok(()), None) => self.passed += 1,
            (Ok(()), Some(_)) => {
                self.passed += 1;
                self.unexpected.push(format!(
                    "{suite}/{section}: {description}: passes now, remove it from KNOWN_EXCEPTIONS"
                ));
            }
            (Err(_), Some(_)) => self.failed += 1,
            (Err(why), None) => {
                self.failed += 1;
                self.unexpected
                    .push(format!("{suite}/{section}: {description}: {why}"));
            }
        }
    }
}

fn load(name: &str) -> Option<Value> {
    let path = common::shared_file(&format!("conformance/twitter-text/{name}"))?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Each (section name, cases) of a suite, in file order.
fn sections(doc: &Value) -> Vec<(String, Vec<Value>)> {
    let tests = doc
        .get("tests")
        .and_then(Value::as_mapping)
        .expect("a `tests` mapping");
    tests
        .iter()
        .map(|(k, v)| {
            let name = k.as_str().expect("section name").to_string();
            (name, v.as_sequence().cloned().unwrap_or_default())
        })
        .collect()
}

fn field<'a>(case: &'a Value, name: &str) -> &'a Value {
    case.get(name).unwrap_or(&Value::Null)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence()
        .map(|s| {
            s.iter()
                .map(|x| x.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn indices(v: &Value) -> (usize, usize) {
    let s = v
        .get("indices")
        .and_then(Value::as_sequence)
        .expect("indices");
    (
        s[0].as_u64().unwrap() as usize,
        s[1].as_u64().unwrap() as usize,
    )
}

fn check<T: PartialEq + std::fmt::Debug>(got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("got {got:?}, want {want:?}"))
    }
}

/// Expected (value, start, end) triples of a `*_with_indices` section, `key` naming the value.
fn expected_with_indices(v: &Value, key: &str) -> Vec<(String, usize, usize)> {
    v.as_sequence()
        .map(|s| {
            s.iter()
                .map(|e| {
                    let (a, b) = indices(e);
                    (
                        e.get(key)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                        a,
                        b,
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn triples(entities: Vec<Entity>) -> Vec<(String, usize, usize)> {
    entities
        .into_iter()
        .map(|e| (e.text, e.start, e.end))
        .collect()
}

fn run_extract_case(section: &str, input: &str, expected: &Value) -> Result<(), String> {
    match section {
        "mentions" => check(text::extract_mentions(input), strings(expected)),
        "mentions_with_indices" => check(
            triples(
                text::extract_mentions_or_lists_with_indices(input)
                    .into_iter()
                    .filter(|e| e.kind == EntityKind::Mention)
                    .collect(),
            ),
            expected_with_indices(expected, "screen_name"),
        ),
        "mentions_or_lists_with_indices" => {
            let got: Vec<(String, String, usize, usize)> =
                text::extract_mentions_or_lists_with_indices(input)
                    .into_iter()
                    .map(|e| {
                        let (name, slug) = match e.text.split_once('/') {
                            Some((n, s)) => (n.to_string(), format!("/{s}")),
                            None => (e.text.clone(), String::new()),
                        };
                        (name, slug, e.start, e.end)
                    })
                    .collect();
            let want: Vec<(String, String, usize, usize)> = expected
                .as_sequence()
                .map(|s| {
                    s.iter()
                        .map(|e| {
                            let (a, b) = indices(e);
                            let name = field(e, "screen_name")
                                .as_str()
                                .unwrap_or_default()
                                .to_string();
                            let slug = field(e, "list_slug")
                                .as_str()
                                .unwrap_or_default()
                                .to_string();
                            (name, slug, a, b)
                        })
                        .collect()
                })
                .unwrap_or_default();
            check(got, want)
        }
        "replies" => check(
            text::extract_reply_screen_name(input),
            expected.as_str().map(str::to_string),
        ),
        "urls" | "tco_urls_with_params" => check(text::extract_urls(input), strings(expected)),
        "urls_with_indices" | "urls_with_directional_markers" => check(
            triples(text::extract_urls_with_indices(input)),
            expected_with_indices(expected, "url"),
        ),
        "hashtags" | "hashtags_from_astral" => {
            check(text::extract_hashtags(input), strings(expected))
        }
        "hashtags_with_indices" => check(
            triples(text::extract_hashtags_with_indices(input)),
            expected_with_indices(expected, "hashtag"),
        ),
        "cashtags" => check(text::extract_cashtags(input), strings(expected)),
        "cashtags_with_indices" => check(
            triples(text::extract_cashtags_with_indices(input)),
            expected_with_indices(expected, "cashtag"),
        ),
        other => Err(format!("no runner for section `{other}`")),
    }
}

fn weighted_case(input: &str, expected: &Value, config: &Config) -> Result<(), String> {
    let r = text::parse_post_with(input, config);
    let num = |k: &str| field(expected, k).as_u64().map(|n| n as usize);
    let got = (
        Some(r.weighted_length),
        field(expected, "valid").as_bool().map(|_| r.valid),
        Some(r.permillage),
        Some(r.display_range.0),
        Some(r.display_range.1),
        Some(r.valid_range.0),
        Some(r.valid_range.1),
    );
    let want = (
        num("weightedLength"),
        field(expected, "valid").as_bool(),
        num("permillage"),
        num("displayRangeStart"),
        num("displayRangeEnd"),
        num("validRangeStart"),
        num("validRangeEnd"),
    );
    check(got, want)
}

fn run_validate_case(section: &str, input: &str, expected: &Value) -> Result<(), String> {
    let want = || {
        expected
            .as_bool()
            .ok_or_else(|| "expected a boolean".to_string())
    };
    match section {
        "tweets" => check(text::parse_post_with(input, &Config::V1).valid, want()?),
        "usernames" => check(text::is_valid_username(input), want()?),
        "lists" => check(text::is_valid_list(input), want()?),
        "hashtags" => check(text::is_valid_hashtag(input), want()?),
        "urls" => check(text::is_valid_url(input, true), want()?),
        "urls_without_protocol" => check(text::is_valid_url(input, false), want()?),
        "lengths" => check(
            Some(text::parse_post_with(input, &Config::V1).weighted_length),
            expected.as_u64().map(|n| n as usize),
        ),
        // twitter-text runs this one under config v2, the other two under v3.
        "WeightedTweetsCounterTest" => weighted_case(input, expected, &Config::V2),
        "WeightedTweetsWithDiscountedEmojiCounterTest" | "UnicodeDirectionalMarkerCounterTest" => {
            weighted_case(input, expected, &Config::V3)
        }
        other => Err(format!("no runner for section `{other}`")),
    }
}

/// Runs one case: (section, input text, expected) to pass or a reason it failed.
type Runner = fn(&str, &str, &Value) -> Result<(), String>;

fn run_suite(suite: &str, runner: Runner) -> Option<Tally> {
    let doc = load(&format!("{suite}.yml"))?;
    let mut tally = Tally::default();
    for (section, cases) in sections(&doc) {
        for case in cases {
            let description = field(&case, "description")
                .as_str()
                .unwrap_or("?")
                .to_string();
            let input = field(&case, "text").as_str().unwrap_or_default();
            let outcome = runner(&section, input, field(&case, "expected"));
            tally.record(suite, &section, &description, outcome);
        }
    }
    println!("{suite}: {} passed, {} failed", tally.passed, tally.failed);
    Some(tally)
}

fn tld_case(_section: &str, input: &str, expected: &Value) -> Result<(), String> {
    check(text::extract_urls(input), strings(expected))
}

#[test]
fn twitter_text_conformance() {
    let suites: [(&str, Runner); 3] = [
        ("extract", run_extract_case),
        ("validate", run_validate_case),
        ("tlds", tld_case),
    ];
    let mut problems = Vec::new();
    let mut ran = 0;
    for (suite, runner) in suites {
        if let Some(tally) = run_suite(suite, runner) {
            ran += tally.passed + tally.failed;
            problems.extend(tally.unexpected);
        }
    }
    for (suite, section, description, reason) in KNOWN_EXCEPTIONS {
        println!("known exception: {suite}/{section}: {description} ({reason})");
    }
    if ran == 0 {
        return; // shared data absent: skipped with a message from `common`.
    }
    assert!(
        problems.is_empty(),
        "{} unexpected result(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

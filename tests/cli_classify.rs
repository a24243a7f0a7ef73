//! `rapport classify` end to end: the built binary on JSON Lines, and on bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(stdin: &str, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("classify")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rapport");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

#[test]
fn classifies_each_line() {
    let input = concat!(
        r#"{"id":"1","text":"Black Friday: 40% off every course, use code BF40. Today only!"}"#,
        "\n",
        r#"{"id":2,"text":"@amy congrats on the launch!","is_reply":true}"#,
        "\n\n",
        r#"{"id":"3","text":"My template, get it here","links":["https://anna.gumroad.com/l/x"]}"#,
        "\n",
        r#"{"id":"4","text":"New blog post: what I learned rewriting our parser in Rust"}"#,
        "\n",
        r#"{"id":"5","text":"RT @nasa: Pillars of Creation in infrared"}"#,
        "\n",
    );
    let out = run(input, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = lines(&out);
    assert_eq!(v.len(), 5, "a blank line is skipped");
    let kinds: Vec<&str> = v.iter().map(|o| o["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["pitch", "conversation", "pitch", "promotion", "sharing"]
    );
    assert_eq!(v[0]["id"], "1");
    assert_eq!(v[1]["id"], 2, "ids are echoed as given");
    for o in &v {
        let p = o["pitch"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p));
        assert!(!o["evidence"].as_array().unwrap().is_empty());
        let keys: Vec<&String> = o.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["evidence", "id", "kind", "pitch"]);
    }
    assert!(v[0]["pitch"].as_f64().unwrap() > 0.8);
    assert!(
        v[0]["evidence"]
            .as_array()
            .unwrap()
            .contains(&Value::from("\"40% off\""))
    );
    assert_eq!(v[1]["evidence"][0], "reply");
    assert!(
        v[2]["evidence"]
            .as_array()
            .unwrap()
            .contains(&Value::from("link to gumroad.com"))
    );
}

#[test]
fn bad_json_names_stdin_and_the_line() {
    let input = concat!(
        r#"{"id":"1","text":"hello"}"#,
        "\n",
        r#"{"id":"2","text":"fine"}"#,
        "\n",
        r#"{"id":"3","text": oops}"#,
        "\n",
        r#"{"id":"4","text":"never read"}"#,
        "\n",
    );
    let out = run(input, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "one error line: {err}");
    assert!(err.contains("stdin") && err.contains("line 3"), "{err}");
    // What came before the bad line was still written.
    assert_eq!(lines(&out).len(), 2);
}

#[test]
fn missing_text_is_an_error() {
    let out = run("{\"id\":\"1\"}\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 1") && err.contains("text"), "{err}");
}

#[test]
fn unexpected_argument_is_an_error() {
    let out = run("", &["posts.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_lists_classify() {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("classify"));
}

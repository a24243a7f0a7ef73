//! `rapport report` and `rapport intro` end to end: the built binary on the real X archive
//! (its data folder, an archive folder holding `data/`, and a zip of it) and on broken input.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn rapport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .output()
        .expect("run rapport")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The real archive's data folder, or `None` (with a message) when the shared data is absent.
fn real_dir() -> Option<PathBuf> {
    let tweets = common::shared_file("data/x-archive/milahu104-2026-03-06/tweets.js")?;
    Some(tweets.parent()?.to_path_buf())
}

/// A fresh temporary folder for one test (removed when dropped).
struct Tmp(PathBuf);

impl Tmp {
    fn new(name: &str) -> Tmp {
        let dir = std::env::temp_dir().join(format!("rapport-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Tmp(dir)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const NEEDED: [&str; 3] = ["tweets.js", "account.js", "manifest.js"];

/// An archive folder laid out like X's (`<dir>/data/…`) with the real data files.
fn archive_folder(real: &Path, tmp: &Tmp) -> PathBuf {
    let root = tmp.0.join("twitter-2026-03-06");
    std::fs::create_dir_all(root.join("data")).unwrap();
    for f in NEEDED {
        std::fs::copy(real.join(f), root.join("data").join(f)).unwrap();
    }
    std::fs::write(root.join("Your archive.html"), "<html></html>").unwrap();
    root
}

/// The real data files as a zip laid out like X's.
fn archive_zip(real: &Path, tmp: &Tmp) -> PathBuf {
    let path = tmp.0.join("twitter-2026-03-06.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("Your archive.html", opts).unwrap();
    w.write_all(b"<html></html>").unwrap();
    for f in NEEDED {
        w.start_file(format!("data/{f}"), opts).unwrap();
        w.write_all(&std::fs::read(real.join(f)).unwrap()).unwrap();
    }
    w.finish().unwrap();
    path
}

fn check_report_text(out: &Output) {
    assert!(out.status.success(), "{}", stderr(out));
    let text = stdout(out);
    assert!(
        text.contains("Archive of @milahu104 (Milan Hauth): 2,045 posts"),
        "{text}"
    );
    assert!(text.contains("1,780 replies, 239 reposts"), "{text}");
    assert!(text.contains("Pitch ratio:"), "{text}");
    assert!(text.contains("4-1-1"), "{text}");
    assert!(text.contains("@SamaHoole"), "{text}");
    assert!(
        text.contains("not in your archive"),
        "says what cannot be known: {text}"
    );
}

#[test]
fn report_on_the_data_folder_an_archive_folder_and_a_zip() {
    let Some(real) = real_dir() else { return };
    let tmp = Tmp::new("report");
    let folder = archive_folder(&real, &tmp);
    let zip = archive_zip(&real, &tmp);
    let data = folder.join("data");
    for path in [&real, &folder, &data, &zip] {
        check_report_text(&rapport(&["report", path.to_str().unwrap()]));
    }
}

#[test]
fn report_json() {
    let Some(real) = real_dir() else { return };
    let out = rapport(&["report", real.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["owner"], "milahu104");
    assert_eq!(v["posts"], 2045);
    assert_eq!(v["replies"], 1780);
    assert_eq!(v["reposts"], 239);
    let kinds = &v["mix"];
    let total: u64 = [
        "conversation",
        "sharing",
        "inspiration",
        "introduction",
        "promotion",
        "pitch",
    ]
    .iter()
    .map(|k| kinds[k].as_u64().unwrap())
    .sum();
    assert_eq!(total, 2045);
    assert_eq!(v["window"]["posts"], 30);
    assert!(v["replies_per_person"].as_array().unwrap().len() > 100);
    assert!(v["dropped_threads"].is_array());
}

#[test]
fn intro_prints_common_ground_and_a_draft_that_fits() {
    let Some(real) = real_dir() else { return };
    let dir = real.to_str().unwrap();
    let out = rapport(&["intro", dir, "@a_nnaschneider", "Arnd_Diringer"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Common ground:"), "{text}");
    assert!(text.contains("#Weimer"), "{text}");
    assert!(text.contains("Draft ("), "{text}");

    let out = rapport(&["intro", dir, "@SamaHoole", "@HealthRanger", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let reasons = v["reasons"].as_array().unwrap();
    assert!(!reasons.is_empty());
    assert!(
        reasons.iter().any(|r| r["key"] == "glyphosate"),
        "{reasons:?}"
    );
    let drafts = v["drafts"].as_array().unwrap();
    assert_eq!(drafts.len(), 3);
    for d in drafts {
        let d = d.as_str().unwrap();
        assert!(
            d.contains("@SamaHoole") && d.contains("@HealthRanger"),
            "{d}"
        );
        assert!(rapport::core::text::weighted_length(d) <= 280, "{d}");
    }

    // Someone the archive does not know: said so, and a neutral draft.
    let out = rapport(&["intro", dir, "@SamaHoole", "@nobody_known_1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("@nobody_known_1: not in this archive"),
        "{text}"
    );
    assert!(text.contains("none found"), "{text}");
}

/// One line on stderr, naming `file`, and exit code 2.
fn check_error(out: &Output, file: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stdout(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(file), "{err}");
    assert!(stdout(out).is_empty());
}

#[test]
fn broken_input_exits_2_naming_the_file() {
    let tmp = Tmp::new("broken");
    let data = tmp.0.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("account.js"),
        r#"window.YTD.account.part0 = [ { "account" : { "username" : "me" } } ]"#,
    )
    .unwrap();
    let tweets = data.join("tweets.js");
    std::fs::write(
        &tweets,
        "window.YTD.tweets.part0 = [\n  { \"tweet\" : { \"id_str\" : \"1\" \"full_text\" : \"x\" } }\n]",
    )
    .unwrap();
    let out = rapport(&["report", tmp.0.to_str().unwrap()]);
    check_error(&out, &tweets.display().to_string());
    assert!(stderr(&out).contains("line 2, column"), "{}", stderr(&out));
    let out = rapport(&["intro", data.to_str().unwrap(), "@a", "@b"]);
    check_error(&out, "tweets.js");

    // A damaged zip.
    let zip = tmp.0.join("archive.zip");
    std::fs::write(&zip, b"PK\x03\x04 this is not really a zip").unwrap();
    check_error(&rapport(&["report", zip.to_str().unwrap()]), "archive.zip");
    // Not an archive at all.
    check_error(
        &rapport(&["report", tmp.0.join("missing").to_str().unwrap()]),
        "missing",
    );
    let empty = Tmp::new("empty");
    check_error(
        &rapport(&["report", empty.0.to_str().unwrap()]),
        &empty.0.display().to_string(),
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["report"][..],
        &["report", "a", "b"],
        &["report", "a", "--bogus"],
        &["intro", "a", "@b"],
        &["intro", "a", "@not a handle", "@c"],
        &["intro", "a", "@same", "@SAME"],
    ] {
        let out = rapport(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&out).lines().count(),
            1,
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

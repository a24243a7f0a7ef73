//! The export file: everything Rapport holds, in one JSON file with a versioned schema, and
//! reading it back (whole or not at all).
//!
//! # Schema (format `rapport-export`, version 1)
//! ```text
//! {"format": "rapport-export",      always this string
//!  "version": 1,                    this schema's version; newer files are refused
//!  "exported": "2026-11-25T21:00:00Z",
//!  "app": "0.1.0",                  the Rapport build that wrote it
//!  "me": "mara_quinn",              the account last signed in ("" if none seen)
//!  "settings": {…},                 the settings object as stored (see core::settings)
//!  "ledger": {"v":1, …},            the ledger's stored layout (see core::ledger)
//!  "history": {"v":1, "h":[…]},     your posting history (see core::history)
//!  "introductions": [{"a":"amy","b":"bo","at":<ms>,"draft":"…","connected":<ms>|null}],
//!  "imports": [{"owner":"mara_quinn","posts":2045,"at":<ms>,"file":"twitter.zip"}]}
//! ```
//! Times are Unix milliseconds. Reading a file back checks every part; one damaged part
//! refuses the whole file ([`BackupError`] says which part and where). Restoring merges
//! the ledger and history into what is stored (a join: nothing already there is lost),
//! adds the introductions and imports not yet known, and takes the file's settings.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::history::History;
use crate::core::ledger::Ledger;
use crate::core::settings::Settings;
use crate::core::time::{Millis, to_iso};

/// The `format` of an export file.
pub const FORMAT: &str = "rapport-export";
/// The schema version this build writes (and the newest it reads).
pub const VERSION: u32 = 1;

/// An introduction you made (kept by the background, shown in the popup).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introduction {
    /// One person (handle).
    pub a: String,
    /// The other person (handle).
    pub b: String,
    /// When you made it (Unix ms).
    pub at: Millis,
    /// The post you opened in X.
    #[serde(default)]
    pub draft: String,
    /// When the two were first seen talking, if they have been.
    #[serde(default)]
    pub connected: Option<Millis>,
}

/// An archive import, as remembered (shown on the options page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// The archive's owner.
    pub owner: String,
    /// Posts it held.
    pub posts: usize,
    /// When it was imported (Unix ms).
    pub at: Millis,
    /// The file (or folder) it came from.
    #[serde(default)]
    pub file: String,
}

/// Everything Rapport holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Backup {
    /// The account last signed in ("" if none seen).
    pub me: String,
    /// The settings, as stored (`null` if never saved: the defaults apply).
    pub settings: Value,
    /// The ledger.
    pub ledger: Ledger,
    /// Your posting history.
    pub history: History,
    /// Introductions you made.
    pub introductions: Vec<Introduction>,
    /// Archive imports.
    pub imports: Vec<ImportRecord>,
}

/// Why an export file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupError {
    /// The part that is wrong (`"file"`, `"ledger"`, `"history"`, …).
    pub part: String,
    /// What is wrong (with the line and column where known).
    pub message: String,
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.part == "file" {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.part, self.message)
        }
    }
}

impl std::error::Error for BackupError {}

fn err(part: &str, message: impl Into<String>) -> BackupError {
    BackupError {
        part: part.to_string(),
        message: message.into(),
    }
}

/// Parses a stored JSON text into a value (for embedding it in the export).
fn embed(part: &str, json: &str) -> Result<Value, BackupError> {
    serde_json::from_str(json).map_err(|e| err(part, e.to_string()))
}

impl Backup {
    /// The export file's text, written at `now`.
    pub fn export(&self, now: Millis) -> String {
        let doc = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "exported": to_iso(now),
            "app": crate::core::VERSION,
            "me": self.me,
            "settings": self.settings,
            // Both stored layouts are JSON written by this build: they always parse.
            "ledger": embed("ledger", &self.ledger.to_json()).unwrap_or(Value::Null),
            "history": embed("history", &self.history.to_json()).unwrap_or(Value::Null),
            "introductions": self.introductions,
            "imports": self.imports,
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    /// Reads an export file: the whole of it, or the first thing wrong with it.
    pub fn read(text: &str) -> Result<Backup, BackupError> {
        let doc: Value = serde_json::from_str(text).map_err(|e| {
            err(
                "file",
                format!("not a Rapport export: it is not JSON ({e})"),
            )
        })?;
        let Some(obj) = doc.as_object() else {
            return Err(err("file", "not a Rapport export: not a JSON object"));
        };
        if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(err(
                "file",
                format!("not a Rapport export: \"format\" is not \"{FORMAT}\""),
            ));
        }
        match obj.get("version").and_then(Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) if v > u64::from(VERSION) => {
                return Err(err(
                    "file",
                    format!(
                        "written by a newer Rapport (export version {v}); update Rapport to read it"
                    ),
                ));
            }
            _ => return Err(err("file", "the export version is missing or unknown")),
        }
        let me = match obj.get("me") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.trim_start_matches('@').to_string(),
            Some(_) => return Err(err("me", "not a handle")),
        };
        let settings = obj.get("settings").cloned().unwrap_or(Value::Null);
        let (_, reset) = Settings::from_stored(&settings);
        if !reset.is_empty() {
            return Err(err(
                "settings",
                format!("invalid values for {}", reset.join(", ")),
            ));
        }
        let part = |name: &str| -> Result<String, BackupError> {
            match obj.get(name) {
                Some(v @ Value::Object(_)) => Ok(v.to_string()),
                _ => Err(err(name, "missing")),
            }
        };
        let ledger =
            Ledger::from_json(&part("ledger")?).map_err(|e| err("ledger", e.to_string()))?;
        let history = History::from_json(&part("history")?).map_err(|e| err("history", e))?;
        let list = |name: &str| obj.get(name).cloned().unwrap_or(Value::Array(Vec::new()));
        let introductions: Vec<Introduction> = serde_json::from_value(list("introductions"))
            .map_err(|e| err("introductions", e.to_string()))?;
        let imports: Vec<ImportRecord> =
            serde_json::from_value(list("imports")).map_err(|e| err("imports", e.to_string()))?;
        Ok(Backup {
            me,
            settings,
            ledger,
            history,
            introductions,
            imports,
        })
    }
}

/// `into` with the items of `from` it does not hold yet (by value).
pub fn union<T: PartialEq + Clone>(into: &mut Vec<T>, from: &[T]) -> usize {
    let mut added = 0;
    for x in from {
        if !into.contains(x) {
            into.push(x.clone());
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::classify::Kind;
    use crate::core::post::Post;

    fn sample() -> Backup {
        let mut ledger = Ledger::new();
        let posts = [
            Post {
                id: "10".into(),
                author: "amy".into(),
                name: "Amy \"A\" Lee".into(),
                text: "hello @mara ☃ \u{202e}rtl".into(),
                time: Some("2026-11-20T10:00:00.000Z".into()),
                mentions: vec!["mara".into()],
                ..Post::default()
            },
            Post {
                id: "11".into(),
                author: "mara".into(),
                text: "@amy hi!".into(),
                time: Some("2026-11-20T11:00:00.000Z".into()),
                is_reply: true,
                in_reply_to_id: Some("10".into()),
                reply_to: vec!["amy".into()],
                ..Post::default()
            },
        ];
        ledger.observe(&posts, "mara", 1_763_640_000_000);
        ledger.dismiss("99", 1_763_640_000_001);
        let mut history = History::new();
        history.record_seen("11", 1_763_636_400_000, Kind::Conversation, "@amy hi!");
        history.record_sent(1_763_640_000_002, Kind::Pitch, "buy my course");
        Backup {
            me: "mara".into(),
            settings: serde_json::json!({ "waiting_days": 7, "pitch_preset": "80/20" }),
            ledger,
            history,
            introductions: vec![Introduction {
                a: "amy".into(),
                b: "bo".into(),
                at: 5,
                draft: "Meet @amy and @bo".into(),
                connected: None,
            }],
            imports: vec![ImportRecord {
                owner: "mara".into(),
                posts: 2,
                at: 6,
                file: "archive.zip".into(),
            }],
        }
    }

    #[test]
    fn round_trip_is_lossless() {
        let b = sample();
        let text = b.export(1_764_000_000_000);
        let back = Backup::read(&text).unwrap();
        assert_eq!(back, b);
        // And again: the same bytes (the export is deterministic for a given time).
        assert_eq!(back.export(1_764_000_000_000), text);
        assert!(text.contains("\"format\": \"rapport-export\""));
    }

    #[test]
    fn damaged_parts_refuse_the_whole_file() {
        let text = sample().export(0);
        let cases = [
            ("", "file"),
            ("[]", "file"),
            ("{\"format\":\"other\",\"version\":1}", "file"),
            (&text[..text.len() / 2], "file"),
        ];
        for (t, part) in cases {
            assert_eq!(Backup::read(t).unwrap_err().part, part, "{t}");
        }
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["version"] = 2.into();
        let e = Backup::read(&v.to_string()).unwrap_err();
        assert!(e.message.contains("newer"), "{e}");
        for (key, bad, part) in [
            ("ledger", serde_json::json!({"v": 1, "p": 5}), "ledger"),
            ("ledger", Value::Null, "ledger"),
            ("history", serde_json::json!({"v": 9, "h": []}), "history"),
            (
                "settings",
                serde_json::json!({"waiting_days": -3}),
                "settings",
            ),
            (
                "introductions",
                serde_json::json!([{"a": 1}]),
                "introductions",
            ),
            ("imports", serde_json::json!("x"), "imports"),
            ("me", serde_json::json!(4), "me"),
        ] {
            let mut v: Value = serde_json::from_str(&text).unwrap();
            v[key] = bad;
            assert_eq!(
                Backup::read(&v.to_string()).unwrap_err().part,
                part,
                "{key}"
            );
        }
    }

    #[test]
    fn union_adds_only_new_items() {
        let mut a = vec![1, 2];
        assert_eq!(union(&mut a, &[2, 3, 3]), 1);
        assert_eq!(a, [1, 2, 3]);
    }
}

//! The extension's stored data (`storage.local`): its keys, the schema version, and the
//! migrations from every earlier version.
//!
//! # Versions
//! - **1** (Rapport 0.1.0; no `schema` key): `settings` (object, see [`crate::core::settings`]),
//!   `ledger` (string: the ledger's stored layout), `history` (string: the history's layout),
//!   `me` (string: the account last signed in), `introductions` (array of
//!   [`Introduction`]); damaged copies set aside as `ledger-damaged-<ms>` /
//!   `history-damaged-<ms>`.
//! - **2** (this build): adds `schema` (this number) and `imports` (array of
//!   [`ImportRecord`]); settings and introductions are checked on the way in.
//!
//! # Rules
//! A migration only adds or replaces keys; it never deletes one. A value it cannot read is
//! set aside under `<key>-damaged-<ms>` (`…-<ms>-2` … when that key is taken) before anything
//! replaces it, so nothing is lost.
//! Data of a newer schema is refused: this build then writes nothing at all.

use serde_json::{Map, Value};

use crate::core::backup::{ImportRecord, Introduction};
use crate::core::settings::Settings;
use crate::core::time::Millis;

/// The schema version this build writes.
pub const STORAGE_VERSION: u32 = 2;

/// What to write to bring stored data up to [`STORAGE_VERSION`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Migration {
    /// The version the data had.
    pub from: u32,
    /// Keys to set (nothing is ever removed).
    pub set: Map<String, Value>,
    /// What was repaired, in words (empty when nothing was).
    pub notes: Vec<String>,
}

/// The schema version of stored data (`{}` when nothing is stored yet is the current one).
pub fn version_of(stored: &Map<String, Value>) -> u32 {
    match stored.get("schema").and_then(Value::as_u64) {
        Some(v) => v.min(u64::from(u32::MAX)) as u32,
        None if stored.is_empty() => STORAGE_VERSION,
        None => 1,
    }
}

/// The keys to write to migrate `stored` (every key of `storage.local`) at time `now`;
/// an error (and nothing to write) when the data is newer than this build.
pub fn migrate(stored: &Map<String, Value>, now: Millis) -> Result<Migration, String> {
    let from = version_of(stored);
    if from > STORAGE_VERSION {
        return Err(format!(
            "the stored data has schema version {from}, newer than this build's {STORAGE_VERSION}: Rapport will not write to it (update Rapport)"
        ));
    }
    let mut m = Migration {
        from,
        ..Migration::default()
    };
    if from < 2 {
        v1_to_v2(stored, now, &mut m);
    }
    if from != STORAGE_VERSION || !stored.contains_key("schema") {
        m.set.insert("schema".into(), STORAGE_VERSION.into());
    }
    Ok(m)
}

/// Sets `value` aside as `<key>-damaged-<now>`, or `<key>-damaged-<now>-2`, `-3` … when that
/// key is stored or set already: a copy set aside earlier in the same millisecond is not
/// overwritten (found by `tests/fuzz.rs`).
fn set_aside(
    stored: &Map<String, Value>,
    m: &mut Migration,
    key: &str,
    value: &Value,
    now: Millis,
) {
    let base = format!("{key}-damaged-{now}");
    let mut name = base.clone();
    let mut n = 1;
    while stored.contains_key(&name) || m.set.contains_key(&name) {
        n += 1;
        name = format!("{base}-{n}");
    }
    m.set.insert(name, value.clone());
}

/// 1 → 2: adds `imports`; resets invalid settings values to their defaults and drops
/// unreadable introductions (both set aside first).
fn v1_to_v2(stored: &Map<String, Value>, now: Millis, m: &mut Migration) {
    if let Some(s) = stored.get("settings") {
        let (settings, reset) = Settings::from_stored(s);
        if !reset.is_empty() {
            set_aside(stored, m, "settings", s, now);
            let fixed = serde_json::to_value(settings).unwrap_or(Value::Null);
            m.set.insert("settings".into(), fixed);
            m.notes
                .push(format!("settings reset to defaults: {}", reset.join(", ")));
        }
    }
    if let Some(list) = stored.get("introductions") {
        let items = list.as_array().map(Vec::as_slice).unwrap_or_default();
        let good: Vec<Value> = items
            .iter()
            .filter(|v| serde_json::from_value::<Introduction>((*v).clone()).is_ok())
            .cloned()
            .collect();
        if !list.is_array() || good.len() != items.len() {
            set_aside(stored, m, "introductions", list, now);
            m.notes.push(format!(
                "{} unreadable introduction(s) set aside",
                items.len() - good.len() + usize::from(!list.is_array())
            ));
            m.set.insert("introductions".into(), Value::Array(good));
        }
    }
    match stored.get("imports") {
        None => {
            m.set.insert("imports".into(), Value::Array(Vec::new()));
        }
        Some(v) if serde_json::from_value::<Vec<ImportRecord>>(v.clone()).is_err() => {
            set_aside(stored, m, "imports", v, now);
            m.set.insert("imports".into(), Value::Array(Vec::new()));
        }
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::history::History;
    use crate::core::ledger::Ledger;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    /// Storage as Rapport 0.1.0 (schema 1) left it: recorded from that build's layout.
    fn v1() -> Map<String, Value> {
        obj(json!({
            "settings": {"waiting_days": 7, "pitch_preset": "80/20", "show_no_replies": true},
            "ledger": "{\"v\":1,\"me\":[\"mara\"],\"p\":[[\"10\",\"amy\",1763632800000,1763640000000,null,[],[\"mara\"],\"hello @mara\",0]],\"n\":[[\"amy\",\"Amy\",1763640000000]],\"r\":[],\"a\":[],\"d\":[[\"99\",1763640000001]]}",
            "history": "{\"v\":1,\"h\":[[\"11\",1763636400000,\"conversation\",12345]]}",
            "me": "mara",
            "introductions": [{"a": "amy", "b": "bo", "at": 5, "draft": "Meet", "connected": null}]
        }))
    }

    /// Applies a migration as the background does (set only).
    fn apply(stored: &Map<String, Value>, m: &Migration) -> Map<String, Value> {
        let mut out = stored.clone();
        for (k, v) in &m.set {
            out.insert(k.clone(), v.clone());
        }
        out
    }

    #[test]
    fn from_version_1_keeps_everything() {
        let old = v1();
        let m = migrate(&old, 7).unwrap();
        assert_eq!(m.from, 1);
        assert!(m.notes.is_empty(), "{:?}", m.notes);
        let new = apply(&old, &m);
        assert_eq!(version_of(&new), STORAGE_VERSION);
        for k in ["settings", "ledger", "history", "me", "introductions"] {
            assert_eq!(new[k], old[k], "{k} unchanged");
        }
        assert_eq!(new["imports"], json!([]));
        // The stored layouts still read.
        let l = Ledger::from_json(new["ledger"].as_str().unwrap()).unwrap();
        assert_eq!(l.post_count(), 1);
        assert_eq!(l.dismissed_at("99"), Some(1_763_640_000_001));
        assert_eq!(
            History::from_json(new["history"].as_str().unwrap())
                .unwrap()
                .len(),
            1
        );
        // Migrating again writes nothing new.
        assert!(migrate(&new, 8).unwrap().set.is_empty());
    }

    #[test]
    fn damaged_version_1_values_are_set_aside_not_lost() {
        let mut old = v1();
        old.insert(
            "settings".into(),
            json!({"waiting_days": "soon", "pitch_preset": "80/20"}),
        );
        old.insert(
            "introductions".into(),
            json!([{"a": "amy", "b": "bo", "at": 5}, {"nope": true}]),
        );
        let m = migrate(&old, 7).unwrap();
        assert_eq!(m.notes.len(), 2, "{:?}", m.notes);
        let new = apply(&old, &m);
        assert_eq!(new["settings-damaged-7"], old["settings"]);
        assert_eq!(new["settings"]["pitch_preset"], "80/20");
        assert_eq!(new["introductions-damaged-7"], old["introductions"]);
        assert_eq!(new["introductions"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn setting_aside_never_overwrites_an_earlier_copy() {
        let mut old = v1();
        old.insert("settings".into(), json!({"waiting_days": "soon"}));
        old.insert("settings-damaged-7".into(), json!("an earlier copy"));
        old.insert("settings-damaged-7-2".into(), json!("another"));
        let m = migrate(&old, 7).unwrap();
        assert!(!m.set.contains_key("settings-damaged-7"));
        assert!(!m.set.contains_key("settings-damaged-7-2"));
        assert_eq!(m.set["settings-damaged-7-3"], old["settings"]);
    }

    #[test]
    fn fresh_and_newer_storage() {
        let m = migrate(&Map::new(), 1).unwrap();
        assert_eq!(m.from, STORAGE_VERSION);
        assert_eq!(m.set.get("schema"), Some(&json!(STORAGE_VERSION)));
        let newer = obj(json!({"schema": STORAGE_VERSION + 1, "ledger": "?"}));
        assert!(migrate(&newer, 1).unwrap_err().contains("newer"));
    }
}

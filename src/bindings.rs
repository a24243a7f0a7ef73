//! Every `#[wasm_bindgen]` export, in one place. Values cross the boundary as plain JS
//! objects (serde), in coarse batches, never per node.
//!
//! Two wasm modules are built from these exports (Cargo features; both are on by default):
//! `content`, the lean module the content script loads on every x.com page (`content_*`), and
//! `pages`, the module the background, popup and options pages load (everything else). Every
//! export carries the `cfg` of the module it belongs in; the linker drops what neither needs.

use wasm_bindgen::prelude::*;

#[cfg(feature = "pages")]
use crate::core::classify::Kind;
#[cfg(feature = "pages")]
use crate::core::history::{self, History};
#[cfg(feature = "pages")]
use crate::core::ledger::{Ledger, Limits};
#[cfg(feature = "pages")]
use crate::core::page;
#[cfg(feature = "pages")]
use crate::core::post::Profile;
#[cfg(feature = "pages")]
use crate::core::ratio;
#[cfg(feature = "pages")]
use crate::core::settings::{self, Settings};
#[cfg(feature = "pages")]
use crate::core::unanswered;
#[cfg(feature = "pages")]
use serde::Serialize;

#[cfg(feature = "pages")]
fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

#[cfg(feature = "pages")]
fn from_js(v: JsValue) -> serde_json::Value {
    serde_wasm_bindgen::from_value(v).unwrap_or(serde_json::Value::Null)
}

#[cfg(feature = "pages")]
/// The build's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::core::VERSION.to_string()
}

#[cfg(feature = "pages")]
/// The settings schema the options page renders (see `core::settings::schema`).
#[wasm_bindgen]
pub fn settings_schema() -> JsValue {
    to_js(&settings::schema())
}

#[cfg(feature = "pages")]
/// `Settings::default()`: the one source of defaults.
#[wasm_bindgen]
pub fn settings_default() -> JsValue {
    to_js(&Settings::default())
}

#[cfg(feature = "pages")]
/// Reads stored settings: `{settings, reset: [keys reset to defaults]}`.
#[wasm_bindgen]
pub fn settings_from_stored(stored: JsValue) -> JsValue {
    let (settings, reset) = Settings::from_stored(&from_js(stored));
    to_js(&serde_json::json!({ "settings": settings, "reset": reset }))
}

#[cfg(feature = "pages")]
/// Validates the options form: `{ok: true, settings}` or `{ok: false, errors: [{key, message}]}`.
#[wasm_bindgen]
pub fn settings_validate(value: JsValue) -> JsValue {
    match Settings::validate(&from_js(value)) {
        Ok(s) => to_js(&serde_json::json!({ "ok": true, "settings": s })),
        Err(errors) => to_js(&serde_json::json!({ "ok": false, "errors": errors })),
    }
}

#[cfg(feature = "content")]
/// Starts Rapport on an x.com page (called once by the content-script loader with the
/// extension API object it sees).
#[wasm_bindgen]
pub fn content_start(api: JsValue) {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    crate::webext::init(api);
    crate::dom::start();
}

#[cfg(feature = "pages")]
/// The ledger as the background holds it: the one writer of persistent state. Content
/// scripts send it the small ledgers (deltas) their observations produce; it merges them
/// (merging is order-free and idempotent, so two tabs never lose each other's writes).
#[wasm_bindgen]
pub struct LedgerStore {
    ledger: Ledger,
}

#[cfg(feature = "pages")]
#[wasm_bindgen]
impl LedgerStore {
    /// An empty ledger.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> LedgerStore {
        LedgerStore {
            ledger: Ledger::new(),
        }
    }

    /// Loads a stored ledger; a damaged one is an error (the caller keeps the damaged copy).
    pub fn load(json: &str) -> Result<LedgerStore, JsError> {
        Ledger::from_json(json)
            .map(|ledger| LedgerStore { ledger })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Merges a delta (JSON from a content script) and applies the storage bound.
    pub fn merge_json(&mut self, delta: &str) -> Result<(), JsError> {
        let d = Ledger::from_json(delta).map_err(|e| JsError::new(&e.to_string()))?;
        self.ledger.merge(&d);
        self.ledger.enforce_limits(&Limits::DEFAULT);
        Ok(())
    }

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        self.ledger.to_json()
    }

    /// Frees room when storage is full (see `Ledger::shrink`): how many records went.
    pub fn shrink(&mut self) -> usize {
        self.ledger.shrink()
    }

    /// Posts kept.
    pub fn post_count(&self) -> usize {
        self.ledger.post_count()
    }

    /// People seen, for the introduction form's autocomplete: `[{handle, name}]`, most
    /// recently seen first, at most 500.
    pub fn people(&self) -> JsValue {
        let people: Vec<_> = self.ledger.people().collect();
        // Most recently seen first (the crate's one sort routine keeps the wasm small).
        let idx =
            crate::core::order::order(people.len(), &mut |a, b| people[a].seen > people[b].seen);
        let out: Vec<serde_json::Value> = idx
            .iter()
            .map(|&i| people[i as usize])
            .take(500)
            .map(|p| serde_json::json!({ "handle": p.handle, "name": p.name }))
            .collect();
        to_js(&out)
    }

    /// The introduction panel's content for two people, each a handle (`@` optional: the
    /// popup's form) or a profile as JSON `{handle, name, bio}` (what the page showed: the
    /// content script's picks; it asks here so that the introductions code stays out of the
    /// content module).
    pub fn introduction(&self, a: &str, b: &str) -> JsValue {
        let person = |h: &str| {
            if let Some(p) = h.starts_with('{').then(|| Profile::from_json(h)).flatten() {
                return p;
            }
            let h = h.trim().trim_start_matches('@');
            Profile {
                handle: h.to_string(),
                name: self
                    .ledger
                    .person(h)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                bio: String::new(),
            }
        };
        to_js(&page::introduction(&person(a), &person(b), &self.ledger))
    }

    /// Whether `a` and `b` have been seen talking to each other (an introduction took).
    pub fn talked(&self, a: &str, b: &str) -> bool {
        self.ledger.replied_at(a, b).is_some() || self.ledger.replied_at(b, a).is_some()
    }

    /// Pairs worth introducing among people you interact with: `[{a, b, score, reason}]`.
    pub fn suggestions(&self, me: &str) -> JsValue {
        to_js(&page::suggestions(&self.ledger, me))
    }

    /// The live counter and the "Open in X" URL for a draft: `{length, fits, url}`.
    pub fn draft_info(draft: &str) -> JsValue {
        let (length, fits) = page::draft_counter(draft);
        to_js(
            &serde_json::json!({ "length": length, "fits": fits, "url": page::intent_url(draft) }),
        )
    }

    /// Everything waiting on `me`, oldest first (for the popup and the badge).
    pub fn waiting(&self, me: &str, settings: JsValue, now: f64) -> JsValue {
        let (settings, _) = Settings::from_stored(&from_js(settings));
        to_js(&unanswered::awaiting_you(
            &self.ledger,
            me,
            now as i64,
            &settings,
        ))
    }
}

#[cfg(feature = "pages")]
/// A delta recording that you answered post `id` from X's composer.
#[wasm_bindgen]
pub fn ledger_answered_delta(id: &str, now: f64) -> String {
    let mut d = Ledger::new();
    d.record_composer_reply(id, now as i64);
    d.to_json()
}

#[cfg(feature = "pages")]
/// A delta recording that post `id` needs no reply.
#[wasm_bindgen]
pub fn ledger_dismiss_delta(id: &str, now: f64) -> String {
    let mut d = Ledger::new();
    d.dismiss(id, now as i64);
    d.to_json()
}

#[cfg(feature = "content")]
/// New settings saved on the options page reach an open x.com tab.
#[wasm_bindgen]
pub fn content_settings(stored: JsValue) {
    crate::dom::on_settings(&stored);
}

#[cfg(feature = "content")]
/// A message from the background to the content script (`{type: "ledger-delta", delta}`).
#[wasm_bindgen]
pub fn content_message(msg: JsValue) {
    crate::dom::on_message(&msg);
}

#[cfg(feature = "pages")]
/// Your posting history as the background holds it (merged from every tab, like the ledger).
#[wasm_bindgen]
pub struct HistoryStore {
    history: History,
}

#[cfg(feature = "pages")]
#[wasm_bindgen]
impl HistoryStore {
    /// An empty history.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> HistoryStore {
        HistoryStore {
            history: History::new(),
        }
    }

    /// Loads a stored history; a damaged one is an error (the caller keeps the damaged copy).
    pub fn load(json: &str) -> Result<HistoryStore, JsError> {
        History::from_json(json)
            .map(|history| HistoryStore { history })
            .map_err(|e| JsError::new(&e))
    }

    /// Merges a delta from a content script.
    pub fn merge_json(&mut self, delta: &str) -> Result<(), JsError> {
        let d = History::from_json(delta).map_err(|e| JsError::new(&e))?;
        self.history.merge(&d);
        Ok(())
    }

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        self.history.to_json()
    }

    /// Posts of yours it holds.
    pub fn count(&self) -> usize {
        self.history.len()
    }

    /// Your mix and pitch ratio over the window, and the ratio over time (for the popup):
    /// `{posts, ratio, target, over_target, mix: {kind: n}, series: [ratio…]}`.
    pub fn standing(&self, settings: JsValue) -> JsValue {
        let (settings, _) = Settings::from_stored(&from_js(settings));
        let kinds = self.history.kinds();
        let s = ratio::standing(&kinds, &settings);
        let mix: serde_json::Map<String, serde_json::Value> = Kind::ALL
            .iter()
            .map(|k| (k.name().to_string(), s.mix.get(*k).into()))
            .collect();
        to_js(&serde_json::json!({
            "posts": s.posts,
            "ratio": s.ratio,
            "target": s.target,
            "over_target": s.over_target,
            "mix": mix,
            "series": history::ratio_series(&kinds, &settings, 30),
        }))
    }
}

/// Your data (the options page): archive import, the export file, the storage schema.
/// Background and extension pages only.
#[cfg(feature = "pages")]
mod data {
    use super::*;

    /// Reads a file picked in the browser a slice at a time through `read_at(pos, len)` (a JS
    /// function returning a `Uint8Array`; in a worker it reads with `FileReaderSync`), so a zip
    /// of gigabytes is never loaded whole: only its directory and data files are read. Keeps the
    /// last block read: the zip reader seeks back and forth in small steps, and each call to JS
    /// costs far more than a copy (a `BufReader` drops its buffer on every seek).
    struct SliceReader {
        read_at: js_sys::Function,
        len: u64,
        pos: u64,
        block: Vec<u8>,
        block_at: u64,
    }

    /// Bytes fetched from JS at a time.
    const SLICE: u64 = 1 << 20;

    impl SliceReader {
        fn fetch(&self, at: u64, n: u64) -> std::io::Result<Vec<u8>> {
            let got = self
                .read_at
                .call2(&JsValue::NULL, &(at as f64).into(), &(n as f64).into())
                .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
            let bytes = js_sys::Uint8Array::new(&got).to_vec();
            if bytes.is_empty() {
                return Err(std::io::Error::other("the file could not be read"));
            }
            Ok(bytes)
        }
    }

    impl std::io::Read for SliceReader {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let want = (buf.len() as u64).min(self.len.saturating_sub(self.pos));
            if want == 0 {
                return Ok(0);
            }
            let end = self.block_at + self.block.len() as u64;
            if self.pos < self.block_at || self.pos >= end {
                self.block = self.fetch(self.pos, SLICE.min(self.len - self.pos))?;
                self.block_at = self.pos;
            }
            let from = (self.pos - self.block_at) as usize;
            let k = (want as usize).min(self.block.len() - from);
            buf[..k].copy_from_slice(&self.block[from..from + k]);
            self.pos += k as u64;
            Ok(k)
        }
    }
    impl std::io::Seek for SliceReader {
        fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
            let pos = match to {
                std::io::SeekFrom::Start(p) => Some(p),
                std::io::SeekFrom::End(d) => self.len.checked_add_signed(d),
                std::io::SeekFrom::Current(d) => self.pos.checked_add_signed(d),
            };
            self.pos = pos.ok_or_else(|| std::io::Error::other("seek before the start"))?;
            Ok(self.pos)
        }
    }

    /// An archive import in progress (run by the options page's worker): read the archive,
    /// then [`ArchiveImport::step`] through its posts (progress), then
    /// [`ArchiveImport::finish`] for the deltas the background merges.
    #[wasm_bindgen]
    pub struct ArchiveImport {
        importer: crate::core::archive::Importer,
    }

    #[wasm_bindgen]
    impl ArchiveImport {
        /// Reads the archive `.zip` called `name`, `len` bytes long, through
        /// `read_at(pos, len) -> Uint8Array`. The error names the file and the position.
        pub fn from_zip(
            name: &str,
            len: f64,
            read_at: js_sys::Function,
        ) -> Result<ArchiveImport, JsError> {
            let reader = SliceReader {
                read_at,
                len: len as u64,
                pos: 0,
                block: Vec::new(),
                block_at: 0,
            };
            crate::core::archive::from_zip_reader(name, reader)
                .map(|a| ArchiveImport {
                    importer: crate::core::archive::Importer::new(a),
                })
                .map_err(|e| JsError::new(&e.to_string()))
        }

        /// Reads the archive from the files of its folder (or its `data/` folder): their paths
        /// and contents, in the same order. Pass only files [`archive_is_data_file`] wants.
        pub fn from_files(
            paths: Vec<String>,
            files: Vec<js_sys::Uint8Array>,
        ) -> Result<ArchiveImport, JsError> {
            let bytes: Vec<Vec<u8>> = files.iter().map(js_sys::Uint8Array::to_vec).collect();
            let list = paths
                .iter()
                .map(String::as_str)
                .zip(bytes.iter().map(Vec::as_slice));
            crate::core::archive::from_files(list)
                .map(|a| ArchiveImport {
                    importer: crate::core::archive::Importer::new(a),
                })
                .map_err(|e| JsError::new(&e.to_string()))
        }

        /// Posts to import.
        pub fn total(&self) -> usize {
            self.importer.total()
        }

        /// Imports up to `n` more posts; returns how many are imported so far.
        pub fn step(&mut self, n: usize) -> usize {
            self.importer.step(n)
        }

        /// The deltas and numbers: `{ledger: json, history: json, summary: {owner, posts,
        /// replies, reposts, answered, people, first, last, mix}}`.
        pub fn finish(self) -> JsValue {
            let im = self.importer.finish();
            to_js(&serde_json::json!({
                "ledger": im.ledger.to_json(),
                "history": im.history.to_json(),
                "summary": im.summary,
            }))
        }
    }

    /// Whether the archive reader wants the file at `path` (pickers skip the rest, e.g. media).
    #[wasm_bindgen]
    pub fn archive_is_data_file(path: &str) -> bool {
        crate::core::archive::is_data_file(path)
    }

    /// The export file (see `core::backup`) of everything the background holds; `rest` is the
    /// JSON of `{me, settings, introductions, imports}` from storage.
    #[wasm_bindgen]
    pub fn backup_export(
        ledger: &LedgerStore,
        history: &HistoryStore,
        rest: &str,
        now: f64,
    ) -> Result<String, JsError> {
        let v: serde_json::Value =
            serde_json::from_str(rest).map_err(|e| JsError::new(&e.to_string()))?;
        let list = |k: &str| {
            v.get(k)
                .cloned()
                .unwrap_or(serde_json::Value::Array(Vec::new()))
        };
        let b = crate::core::backup::Backup {
            me: v
                .get("me")
                .and_then(|m| m.as_str())
                .unwrap_or("")
                .to_string(),
            settings: v
                .get("settings")
                .cloned()
                .unwrap_or(serde_json::Value::Null),
            ledger: ledger.ledger.clone(),
            history: history.history.clone(),
            introductions: serde_json::from_value(list("introductions")).unwrap_or_default(),
            imports: serde_json::from_value(list("imports")).unwrap_or_default(),
        };
        Ok(b.export(now as i64))
    }

    /// Reads an export file, whole or not at all: `{me, settings, ledger: json, history: json,
    /// introductions, imports}`, or an error naming the part and what is wrong.
    #[wasm_bindgen]
    pub fn backup_read(text: &str) -> Result<JsValue, JsError> {
        let b =
            crate::core::backup::Backup::read(text).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(to_js(&serde_json::json!({
            "me": b.me,
            "settings": b.settings,
            "ledger": b.ledger.to_json(),
            "history": b.history.to_json(),
            "introductions": b.introductions,
            "imports": b.imports,
            "counts": { "posts": b.ledger.post_count(), "history": b.history.len() },
        })))
    }

    /// What to write to bring `storage.local` (all of it, as JSON) up to this build's schema:
    /// `{from, set: {key: value}, notes: [..]}`; an error when the data is newer than this build.
    #[wasm_bindgen]
    pub fn storage_migrate(stored: &str, now: f64) -> Result<JsValue, JsError> {
        let v: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(stored).map_err(|e| JsError::new(&e.to_string()))?;
        let m = crate::core::storage::migrate(&v, now as i64).map_err(|e| JsError::new(&e))?;
        Ok(to_js(
            &serde_json::json!({ "from": m.from, "set": m.set, "notes": m.notes }),
        ))
    }
}

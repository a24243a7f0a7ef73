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

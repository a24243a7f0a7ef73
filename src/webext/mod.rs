//! Extension APIs (storage, runtime messaging) as seen from Rust, through `browser` (Firefox)
//! or `chrome` (Chromium); both return promises in Manifest V3.

use std::borrow::Cow;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::settings::Stored;

thread_local! {
    static API: std::cell::RefCell<Option<Object>> = const { std::cell::RefCell::new(None) };
}

/// Hands Rust the extension API object the loader sees. Needed in Firefox content scripts,
/// where a dynamically imported module's `globalThis` lacks `browser` (seen with
/// Firefox ESR 153, 2026-11: messages from Rust never arrived).
pub fn init(api: JsValue) {
    if api.is_object() {
        API.with(|a| *a.borrow_mut() = Some(Object::from(api)));
    }
}

/// The extension API namespace: the one handed to [`init`], else `globalThis.browser`,
/// else `globalThis.chrome`.
fn namespace() -> Option<Object> {
    if let Some(api) = API.with(|a| a.borrow().clone()) {
        return Some(api);
    }
    let global = js_sys::global();
    ["browser", "chrome"].iter().find_map(|name| {
        Reflect::get(&global, &JsValue::from_str(name))
            .ok()
            .filter(|v| v.is_object())
            .map(Object::from)
    })
}

/// Calls `api.<area>.<method>(args…)` and returns its promise, or `None` when unavailable.
fn call(area: &str, method: &str, args: &[JsValue]) -> Option<Promise> {
    let mut target: JsValue = namespace()?.into();
    for part in area.split('.') {
        target = Reflect::get(&target, &JsValue::from_str(part)).ok()?;
    }
    let f: Function = Reflect::get(&target, &JsValue::from_str(method))
        .ok()?
        .dyn_into()
        .ok()?;
    let res = f
        .apply(&target, &args.iter().collect::<js_sys::Array>())
        .ok()?;
    res.dyn_into::<Promise>().ok()
}

/// Sends a message to the background; the reply is ignored (fire and forget).
/// A rejected promise (background asleep, extension reloaded) is swallowed, not thrown.
pub fn send_message(msg: &JsValue) {
    if let Some(p) = call("runtime", "sendMessage", std::slice::from_ref(msg)) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        });
    }
}

/// `storage.local.get(keys)` as a future of the result object.
pub async fn storage_get(keys: &JsValue) -> Result<JsValue, JsValue> {
    let p = call("storage.local", "get", std::slice::from_ref(keys))
        .ok_or_else(|| JsValue::from_str("storage unavailable"))?;
    wasm_bindgen_futures::JsFuture::from(p).await
}

/// `storage.local.set(items)`.
pub async fn storage_set(items: &JsValue) -> Result<(), JsValue> {
    let p = call("storage.local", "set", std::slice::from_ref(items))
        .ok_or_else(|| JsValue::from_str("storage unavailable"))?;
    wasm_bindgen_futures::JsFuture::from(p).await.map(|_| ())
}

/// Sends a message to the background and awaits its reply.
pub async fn request(msg: &JsValue) -> Result<JsValue, JsValue> {
    let p = call("runtime", "sendMessage", std::slice::from_ref(msg))
        .ok_or_else(|| JsValue::from_str("runtime unavailable"))?;
    wasm_bindgen_futures::JsFuture::from(p).await
}

/// The localised message `key` with `subs` substituted (`messages.json`), or `fallback`
/// when the browser has none (for example in the wasm tests).
pub fn message(key: &str, subs: &[&str], fallback: &str) -> String {
    let text = (|| {
        let api: JsValue = namespace()?.into();
        let i18n = Reflect::get(&api, &JsValue::from_str("i18n")).ok()?;
        let f: Function = Reflect::get(&i18n, &JsValue::from_str("getMessage"))
            .ok()?
            .dyn_into()
            .ok()?;
        let subs: js_sys::Array = subs.iter().map(|s| JsValue::from_str(s)).collect();
        f.call2(&i18n, &JsValue::from_str(key), &subs)
            .ok()?
            .as_string()
    })();
    text.filter(|t| !t.is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

/// A small message object `{type, …fields}` for the background.
pub fn msg(kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"type".into(), &JsValue::from_str(kind));
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// A value from extension storage as core's settings reader sees it, read in place: what
/// `serde_wasm_bindgen` made of it as a `serde_json::Value` (numbers that are safe integers
/// are integers, others are floats, and `NaN` or an infinity is `null`), without that
/// deserializer in the content module. Storage holds JSON's data model; values outside it
/// (a `BigInt`, a `Map`) read as no number and no fields.
impl Stored for JsValue {
    fn is_null(&self) -> bool {
        self.is_null() || self.is_undefined()
    }

    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }

    fn field(&self, key: &str) -> Option<JsValue> {
        let key = JsValue::from_str(key);
        Object::has_own(self.unchecked_ref::<Object>(), &key)
            .then(|| Reflect::get(self, &key).ok())
            .flatten()
    }

    fn as_bool(&self) -> Option<bool> {
        JsValue::as_bool(self)
    }

    fn as_u64(&self) -> Option<u64> {
        let n = JsValue::as_f64(self)?;
        (js_sys::Number::is_safe_integer(self) && n >= 0.0).then_some(n as u64)
    }

    fn as_f64(&self) -> Option<f64> {
        let n = JsValue::as_f64(self)?;
        if js_sys::Number::is_safe_integer(self) {
            Some(n as i64 as f64) // an integer: -0 reads as 0
        } else {
            n.is_finite().then_some(n)
        }
    }

    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.as_string().map(Cow::Owned)
    }
}

//! Every `#[wasm_bindgen]` export, in one place. Values cross the boundary as plain JS
//! objects (serde), in coarse batches, never per node.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::core::settings::{self, Settings};

fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

fn from_js(v: JsValue) -> serde_json::Value {
    serde_wasm_bindgen::from_value(v).unwrap_or(serde_json::Value::Null)
}

/// The build's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::core::VERSION.to_string()
}

/// The settings schema the options page renders (see `core::settings::schema`).
#[wasm_bindgen]
pub fn settings_schema() -> JsValue {
    to_js(&settings::schema())
}

/// `Settings::default()`: the one source of defaults.
#[wasm_bindgen]
pub fn settings_default() -> JsValue {
    to_js(&Settings::default())
}

/// Reads stored settings: `{settings, reset: [keys reset to defaults]}`.
#[wasm_bindgen]
pub fn settings_from_stored(stored: JsValue) -> JsValue {
    let (settings, reset) = Settings::from_stored(&from_js(stored));
    to_js(&serde_json::json!({ "settings": settings, "reset": reset }))
}

/// Validates the options form: `{ok: true, settings}` or `{ok: false, errors: [{key, message}]}`.
#[wasm_bindgen]
pub fn settings_validate(value: JsValue) -> JsValue {
    match Settings::validate(&from_js(value)) {
        Ok(s) => to_js(&serde_json::json!({ "ok": true, "settings": s })),
        Err(errors) => to_js(&serde_json::json!({ "ok": false, "errors": errors })),
    }
}

/// Starts Rapport on an x.com page (called once by the content-script loader with the
/// extension API object it sees).
#[wasm_bindgen]
pub fn content_start(api: JsValue) {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    crate::webext::init(api);
    crate::dom::start();
}

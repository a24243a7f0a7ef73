//! Wasm tests of the foundation in a real browser: the exports the extension pages use, and
//! the page-contract status attributes written by the dom layer.
#![cfg(target_arch = "wasm32")]

#[cfg(feature = "pages")]
use rapport::bindings;
use rapport::core::status::{Reason, Status};
use rapport::dom;
#[cfg(feature = "pages")]
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[cfg(feature = "pages")]
fn get(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

// The options page's exports are in the `pages` module.
#[cfg(feature = "pages")]
#[wasm_bindgen_test]
fn settings_cross_the_boundary_as_plain_objects() {
    let d = bindings::settings_default();
    assert_eq!(get(&d, "waiting_days").as_f64(), Some(14.0));
    assert_eq!(
        get(&d, "pitch_preset").as_string().as_deref(),
        Some("4-1-1")
    );
    let schema = js_sys::Array::from(&bindings::settings_schema());
    assert!(schema.length() >= 10);
    let bad = js_sys::JSON::parse(r#"{"waiting_days": 0}"#).unwrap();
    let r = bindings::settings_validate(bad);
    assert_eq!(get(&r, "ok").as_bool(), Some(false));
    let ok = js_sys::JSON::parse(r#"{"waiting_days": 7}"#).unwrap();
    let r = bindings::settings_validate(ok);
    assert_eq!(
        get(&get(&r, "settings"), "waiting_days").as_f64(),
        Some(7.0)
    );
}

#[wasm_bindgen_test]
fn status_attributes_follow_the_page_contract() {
    let root = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    dom::set_status(Status::Degraded, &[Reason::ReplyCounts, Reason::NoPosts]);
    assert_eq!(
        root.get_attribute("data-rapport-status").as_deref(),
        Some("degraded")
    );
    assert_eq!(
        root.get_attribute("data-rapport-reason").as_deref(),
        Some("no-posts reply-counts")
    );
    dom::set_status(Status::Ready, &[]);
    assert_eq!(
        root.get_attribute("data-rapport-status").as_deref(),
        Some("ready")
    );
    assert_eq!(root.get_attribute("data-rapport-reason"), None);
}

#[wasm_bindgen_test]
fn stored_settings_are_read_in_place_as_serde_read_them() {
    use rapport::core::settings::Settings;
    let eval = |src: &str| js_sys::eval(&format!("({src})")).unwrap();
    let cases = [
        "undefined",
        "null",
        "true",
        "7",
        "'x'",
        "[]",
        "[{waiting_days: 7}]",
        "{}",
        "{waiting_days: 7, debug: true, pitch_preset: 'thirds', pitch_custom_target: 0.25}",
        "{waiting_days: 7.5, say_hello_hours: -0, pitch_window_posts: 1e21}",
        "{waiting_days: 0, say_hello_hours: 169, pitch_window_posts: 9007199254740993}",
        "{pitch_custom_target: -0}",
        "{pitch_custom_target: 1}",
        "{pitch_custom_target: NaN, waiting_days: Infinity}",
        "{pitch_custom_target: '0.2', debug: 1, show_mix_panel: null}",
        "{waiting_days: undefined, pitch_preset: 'nope', extra: {deep: [1, 2]}}",
        "{pitch_preset: '4-1-1', schema_version: 99, show_no_replies: false}",
        "Object.assign(Object.create({waiting_days: 3}), {debug: true})",
        "new Date(0)",
    ];
    for src in cases {
        let js = eval(src);
        let value: serde_json::Value =
            serde_wasm_bindgen::from_value(js.clone()).unwrap_or(serde_json::Value::Null);
        assert_eq!(
            format!("{:?}", Settings::from_stored(&js)),
            format!("{:?}", Settings::from_stored(&value)),
            "{src}"
        );
    }
}

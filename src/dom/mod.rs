//! The X page: reads it into core types and writes core verdicts back. It never decides.

use wasm_bindgen::JsValue;

use crate::core::status::{Reason, Status, reason_attr};
use crate::webext;

/// The page-contract attribute on `<html>` that tells Rapport's state.
pub const STATUS_ATTR: &str = "data-rapport-status";
/// The page-contract attribute on `<html>` that names what was lost when degraded.
pub const REASON_ATTR: &str = "data-rapport-reason";

/// Starts Rapport on the current page.
pub fn start() {
    set_status(Status::Ready, &[]);
}

/// Writes the status to `<html>` and tells the background (for the popup and the badge).
pub fn set_status(status: Status, reasons: &[Reason]) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let reason = reason_attr(reasons);
    let _ = root.set_attribute(STATUS_ATTR, status.as_str());
    if reason.is_empty() {
        let _ = root.remove_attribute(REASON_ATTR);
    } else {
        let _ = root.set_attribute(REASON_ATTR, &reason);
    }
    let msg = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&msg, &JsValue::from_str(k), &v);
    };
    set("type", "status".into());
    set("status", status.as_str().into());
    set(
        "reason",
        if reason.is_empty() {
            JsValue::NULL
        } else {
            reason.into()
        },
    );
    webext::send_message(&msg);
}

//! Rendering: core's marks written onto X's post elements (page-contract attributes) and
//! Rapport's own hint hosts, whose visible part lives in an open shadow root.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::core::page::Mark;
use crate::core::post::Post;

/// `data-rapport-id` on a recognised post.
pub const ID_ATTR: &str = "data-rapport-id";
/// `data-rapport-kind` on a recognised post.
pub const KIND_ATTR: &str = "data-rapport-kind";

fn set_if_changed(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        let _ = el.set_attribute(name, value);
    }
}

/// Writes each mark on its element (`elements[mark.index]`). Idempotent: writing the same
/// marks again changes nothing, so our own writes cannot feed the observer in a loop.
pub fn marks(elements: &[Element], marks: &[Mark]) {
    for m in marks {
        let Some(el) = elements.get(m.index) else {
            continue;
        };
        set_if_changed(el, ID_ATTR, &m.id);
        set_if_changed(el, KIND_ATTR, m.kind.name());
    }
}

/// Debug mode: outlines recognised posts and logs what was read.
pub fn debug(elements: &[Element], posts: &[Post]) {
    for (el, p) in elements.iter().zip(posts) {
        if let Some(h) = el.dyn_ref::<HtmlElement>() {
            let _ = h.style().set_property("outline", "2px dashed #1d9bf0");
        }
        let json = serde_json::to_string(p).unwrap_or_default();
        web_sys::console::debug_2(&"[Rapport] read".into(), &json.into());
    }
}

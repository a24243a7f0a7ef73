//! Rendering: core's marks written onto X's post elements (page-contract attributes) and
//! Rapport's own hint hosts, whose visible part lives in an open shadow root.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::core::page::{Mark, Theme};
use crate::core::post::Post;
use crate::core::unanswered::Hint;
use crate::webext::message;

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

/// `data-rapport-hint` on a hint host.
pub const HINT_ATTR: &str = "data-rapport-hint";
/// `data-rapport-since` on an awaiting-you hint host.
pub const SINCE_ATTR: &str = "data-rapport-since";
/// `data-rapport-action` on the controls inside Rapport's shadow roots.
pub const ACTION_ATTR: &str = "data-rapport-action";
/// The tag of Rapport's hint hosts (a custom-element name, so it never clashes with X's).
pub const HINT_TAG: &str = "rapport-hint";

/// The hint's look. `:host` is positioned over the post's top-right corner (left of X's
/// menu buttons), so showing or removing a hint never moves X's layout; X's articles are
/// `position: relative` (React Native Web's default for every View, seen 2026).
const HINT_CSS: &str = "
:host { all: initial; position: absolute; top: 10px; right: 64px; z-index: 1; }
.hint { display: inline-flex; align-items: center; gap: 4px; font: 500 12px/16px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  border-radius: 999px; padding: 2px 4px 2px 10px; background: var(--bg); color: var(--fg); border: 1px solid var(--line);
  animation: in .18s ease-out; }
.light { --bg: #fff7e6; --fg: #7a4b00; --line: #f5c16c; --btn: #0f1419; --accent: #1d9bf0; }
.dim { --bg: #2b2a1f; --fg: #ffd27a; --line: #6b5a2e; --btn: #f7f9f9; --accent: #1d9bf0; }
.dark { --bg: #1f1a0f; --fg: #ffd27a; --line: #5c4a22; --btn: #e7e9ea; --accent: #1d9bf0; }
.hello { padding: 2px 10px; }
.hello.light { --bg: #e8f5fd; --fg: #0b5c8f; --line: #9fd3f7; }
.hello.dim, .hello.dark { --bg: #102a3d; --fg: #8ecdf7; --line: #1d5a80; }
button { font: inherit; color: var(--btn); background: transparent; border: 1px solid var(--line); border-radius: 999px;
  padding: 0 8px; min-height: 20px; cursor: pointer; }
.hello button { border: none; color: var(--fg); padding: 0; }
button:hover { border-color: var(--accent); }
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
@keyframes in { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .hint { animation: none; } }
";

fn el(doc: &Document, tag: &str) -> Element {
    doc.create_element(tag).expect("createElement")
}

fn button(doc: &Document, action: &str, text: &str, label: &str) -> Element {
    let b = el(doc, "button");
    let _ = b.set_attribute("type", "button");
    let _ = b.set_attribute(ACTION_ATTR, action);
    let _ = b.set_attribute("aria-label", label);
    b.set_text_content(Some(text));
    b
}

/// Builds a hint host for `hint` (texts only through `textContent`).
fn build(doc: &Document, hint: &Hint, mark: &Mark, theme: Theme) -> Option<Element> {
    let host = el(doc, HINT_TAG);
    let _ = host.set_attribute(HINT_ATTR, hint.name());
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let root = host.attach_shadow(&init).ok()?;
    let style = el(doc, "style");
    style.set_text_content(Some(HINT_CSS));
    let wrap = el(doc, "div");
    let who = format!("@{}", mark.who);
    match hint {
        Hint::AwaitingYou { since } => {
            let _ = host.set_attribute(SINCE_ATTR, since);
            let _ = wrap.set_attribute("class", &format!("hint {}", theme.name()));
            let _ = wrap.set_attribute("role", "group");
            let label = message(
                "hintAwaitingLabel",
                &[&who, &mark.age],
                "Waiting for your answer",
            );
            let _ = wrap.set_attribute("aria-label", &label);
            let text = el(doc, "span");
            text.set_text_content(Some(&message(
                "hintAwaiting",
                &[&mark.age],
                &format!("Waiting {}", mark.age),
            )));
            let reply = button(
                doc,
                "reply",
                &message("actionReply", &[], "Reply"),
                &message("actionReplyLabel", &[&who], &format!("Reply to {who}")),
            );
            let dismiss = button(
                doc,
                "dismiss",
                &message("actionDismiss", &[], "No reply needed"),
                &message("actionDismissLabel", &[&who], "No reply needed"),
            );
            let _ = wrap.append_with_node_3(&text, &reply, &dismiss);
        }
        Hint::NoReplies => {
            let _ = wrap.set_attribute("class", &format!("hint hello {}", theme.name()));
            let b = button(
                doc,
                "reply",
                &message("hintNoReplies", &[], "No replies yet — say hello"),
                &message(
                    "hintNoRepliesLabel",
                    &[&who],
                    &format!("No replies yet. Say hello to {who}"),
                ),
            );
            let _ = wrap.append_child(&b);
        }
    }
    let _ = root.append_with_node_2(&style, &wrap);
    Some(host)
}

/// The hint host Rapport put on this post, if any.
pub fn hint_host(article: &Element) -> Option<Element> {
    article
        .query_selector(&format!(":scope > {HINT_TAG}"))
        .ok()
        .flatten()
}

/// Shows, updates or removes each post's hint. Idempotent: an unchanged hint is left alone.
pub fn hints(doc: &Document, elements: &[Element], marks: &[Mark], theme: Theme) {
    for m in marks {
        let Some(article) = elements.get(m.index) else {
            continue;
        };
        let current = hint_host(article);
        let want = m.hint.as_ref();
        let same = match (&current, want) {
            (Some(h), Some(w)) => {
                h.get_attribute(HINT_ATTR).as_deref() == Some(w.name())
                    && h.get_attribute(SINCE_ATTR)
                        == match w {
                            Hint::AwaitingYou { since } => Some(since.clone()),
                            Hint::NoReplies => None,
                        }
            }
            (None, None) => true,
            _ => false,
        };
        if same {
            continue;
        }
        if let Some(h) = current {
            h.remove();
        }
        if let Some(w) = want
            && let Some(host) = build(doc, w, m, theme)
        {
            let _ = article.prepend_with_node_1(&host);
        }
    }
}

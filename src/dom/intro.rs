//! Introductions on the page: the "Introduce" control on hover cards and profile headers, the
//! tray of picked people, and the panel with the common ground and the editable draft.
//! Everything visible lives in open shadow roots; text goes in through `textContent` only.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlTextAreaElement, ShadowRoot};

use super::extract::Pickable;
use super::render::{ACTION_ATTR, PANEL_ATTR, PANEL_TAG, el, shadow};
use crate::core::page::{IntroView, Theme, draft_counter_normalized, intent_url};
use crate::core::post::{Profile, same_handle};
use crate::webext::message;

/// The tag of the introduce control's host.
pub const CONTROL_TAG: &str = "rapport-introduce";
/// The attribute naming the person a control picks (Rapport's own, on its host).
pub const HANDLE_ATTR: &str = "data-rapport-handle";
/// The attribute on the draft's editor (its value is the current draft).
pub const DRAFT_ATTR: &str = "data-rapport-draft";

const CSS: &str = "
:host { all: initial; }
* { box-sizing: border-box; }
.ui { font: 14px/19px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--fg); }
.light { --fg: #0f1419; --muted: #536471; --bg: #fff; --line: #cfd9de; --accent: #1d9bf0; }
.dim { --fg: #f7f9f9; --muted: #8b98a5; --bg: #15202b; --line: #38444d; --accent: #1d9bf0; }
.dark { --fg: #e7e9ea; --muted: #71767b; --bg: #000; --line: #2f3336; --accent: #1d9bf0; }
button, a.btn { font: inherit; font-weight: 600; font-size: 13px; border-radius: 999px; padding: 4px 12px; cursor: pointer;
  border: 1px solid var(--line); background: transparent; color: var(--fg); text-decoration: none; display: inline-block; }
a.btn.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button:focus-visible, a.btn:focus-visible, textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.card { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; width: min(420px, calc(100vw - 32px));
  background: var(--bg); border: 1px solid var(--line); border-radius: 16px; padding: 12px 14px;
  box-shadow: 0 8px 28px rgba(0,0,0,.25); }
h2 { font-size: 15px; margin: 0 0 6px; }
ul { margin: 4px 0 8px; padding-left: 18px; }
li { margin: 2px 0; }
.ev { color: var(--muted); font-size: 12px; }
.none { color: var(--muted); }
textarea { width: 100%; min-height: 96px; font: inherit; color: var(--fg); background: transparent;
  border: 1px solid var(--line); border-radius: 8px; padding: 6px 8px; resize: vertical; }
.row { display: flex; gap: 8px; align-items: center; justify-content: flex-end; margin-top: 8px; flex-wrap: wrap; }
.count { margin-right: auto; color: var(--muted); font-size: 12px; }
.count.over { color: #f4212e; font-weight: 700; }
.pick { margin-top: 8px; }
";

fn styled(doc: &Document, root: &ShadowRoot, theme: Theme, class: &str) -> Element {
    root.set_text_content(None);
    let style = el(doc, "style");
    style.set_text_content(Some(CSS));
    let ui = el(doc, "div");
    let _ = ui.set_attribute("class", &format!("ui {} {class}", theme.name()));
    let _ = root.append_with_node_2(&style, &ui);
    ui
}

fn button(doc: &Document, action: &str, text: &str) -> Element {
    let b = el(doc, "button");
    let _ = b.set_attribute("type", "button");
    let _ = b.set_attribute(ACTION_ATTR, action);
    b.set_text_content(Some(text));
    b
}

/// Puts an "Introduce" control on every pickable person (idempotent).
pub fn controls(doc: &Document, people: &[Pickable], picked: &[Profile], theme: Theme) {
    for p in people {
        let existing = if p.inside {
            p.anchor
                .query_selector(&format!(":scope > {CONTROL_TAG}"))
                .ok()
                .flatten()
        } else {
            p.anchor
                .next_element_sibling()
                .filter(|e| e.tag_name().eq_ignore_ascii_case(CONTROL_TAG))
        };
        let is_picked = picked
            .iter()
            .any(|x| same_handle(&x.handle, &p.profile.handle));
        let state = if is_picked { "picked" } else { "ready" };
        if let Some(h) = &existing
            && h.get_attribute(HANDLE_ATTR).as_deref() == Some(p.profile.handle.as_str())
            && h.get_attribute("data-state").as_deref() == Some(state)
        {
            continue;
        }
        let host = existing.unwrap_or_else(|| {
            let h = el(doc, CONTROL_TAG);
            let _ = h.set_attribute(ACTION_ATTR, "introduce");
            if p.inside {
                let _ = p.anchor.append_child(&h);
            } else {
                let _ = p.anchor.after_with_node_1(&h);
            }
            h
        });
        let _ = host.set_attribute(HANDLE_ATTR, &p.profile.handle);
        let _ = host.set_attribute("data-state", state);
        let Some(root) = shadow(&host) else { continue };
        let ui = styled(doc, &root, theme, "pick");
        let who = format!("@{}", p.profile.handle);
        let b = button(
            doc,
            "introduce",
            &if is_picked {
                message("introPicked", &[], "Picked for an introduction")
            } else {
                message("introduceButton", &[], "Introduce…")
            },
        );
        let _ = b.set_attribute(
            "aria-label",
            &message(
                "introduceLabel",
                &[&who],
                &format!("Introduce {who} to someone"),
            ),
        );
        let _ = ui.append_child(&b);
    }
}

fn panel_host(doc: &Document, kind: &str) -> Option<Element> {
    doc.query_selector(&format!("{PANEL_TAG}[{PANEL_ATTR}=\"{kind}\"]"))
        .ok()
        .flatten()
}

fn ensure_panel(doc: &Document, kind: &str) -> Option<Element> {
    if let Some(h) = panel_host(doc, kind) {
        return Some(h);
    }
    let h = el(doc, PANEL_TAG);
    let _ = h.set_attribute(PANEL_ATTR, kind);
    doc.body()?.append_child(&h).ok()?;
    Some(h)
}

/// The tray: who is picked so far (one person), or nothing.
pub fn tray(doc: &Document, picked: &[Profile], theme: Theme) {
    let [first] = picked else {
        if let Some(h) = panel_host(doc, "tray") {
            h.remove();
        }
        return;
    };
    let Some(host) = ensure_panel(doc, "tray") else {
        return;
    };
    if host.get_attribute(HANDLE_ATTR).as_deref() == Some(first.handle.as_str()) {
        return;
    }
    let _ = host.set_attribute(HANDLE_ATTR, &first.handle);
    let Some(root) = shadow(&host) else { return };
    let ui = styled(doc, &root, theme, "card");
    let _ = ui.set_attribute("role", "status");
    let who = format!("@{}", first.handle);
    let p = el(doc, "div");
    p.set_text_content(Some(&message(
        "introTray",
        &[&who],
        &format!("Introduce {who} to… pick a second person from a profile or hover card."),
    )));
    let row = el(doc, "div");
    let _ = row.set_attribute("class", "row");
    let _ = row.append_child(&button(
        doc,
        "close-intro",
        &message("introCancel", &[], "Cancel"),
    ));
    let _ = ui.append_with_node_2(&p, &row);
}

/// The introduction panel for a picked pair (or none). `draft` is the draft to show.
pub fn panel(doc: &Document, view: Option<&IntroView>, draft: &str, theme: Theme) {
    let Some(v) = view else {
        if let Some(h) = panel_host(doc, "introduction") {
            h.remove();
        }
        return;
    };
    let Some(host) = ensure_panel(doc, "introduction") else {
        return;
    };
    let Some(root) = shadow(&host) else { return };
    let ui = styled(doc, &root, theme, "card");
    let _ = ui.set_attribute("role", "dialog");
    let (a, b) = (format!("@{}", v.a.handle), format!("@{}", v.b.handle));
    let title = message("introTitle", &[&a, &b], &format!("Introduce {a} and {b}"));
    let _ = ui.set_attribute("aria-label", &title);
    let h2 = el(doc, "h2");
    h2.set_text_content(Some(&title));
    let _ = ui.append_child(&h2);
    if v.reasons.is_empty() {
        let p = el(doc, "p");
        let _ = p.set_attribute("class", "none");
        p.set_text_content(Some(&message(
            "introNothing",
            &[],
            "Rapport has not seen anything they clearly share yet. Say in your own words why they should meet.",
        )));
        let _ = ui.append_child(&p);
    } else {
        let ul = el(doc, "ul");
        for r in &v.reasons {
            let li = el(doc, "li");
            li.set_text_content(Some(&r.label));
            if !r.evidence.is_empty() {
                let ev = el(doc, "div");
                let _ = ev.set_attribute("class", "ev");
                ev.set_text_content(Some(&r.evidence.join(" · ")));
                let _ = li.append_child(&ev);
            }
            let _ = ul.append_child(&li);
        }
        let _ = ui.append_child(&ul);
    }
    let area = el(doc, "textarea");
    let _ = area.set_attribute(DRAFT_ATTR, "");
    let _ = area.set_attribute("aria-label", &message("introDraftLabel", &[], "Draft post"));
    if let Some(t) = area.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(draft);
    }
    let row = el(doc, "div");
    let _ = row.set_attribute("class", "row");
    let count = el(doc, "span");
    let _ = count.set_attribute("class", "count");
    let _ = count.set_attribute("aria-live", "polite");
    let open = el(doc, "a");
    let _ = open.set_attribute("class", "btn primary");
    let _ = open.set_attribute(ACTION_ATTR, "open-in-x");
    let _ = open.set_attribute("target", "_blank");
    let _ = open.set_attribute("rel", "noopener");
    open.set_text_content(Some(&message("introOpen", &[], "Open in X")));
    let _ = row.append_with_node_1(&count);
    if v.drafts.len() > 1 {
        let _ = row.append_child(&button(
            doc,
            "next-draft",
            &message("introNext", &[], "Other wording"),
        ));
    }
    let _ = row.append_with_node_2(
        &button(doc, "close-intro", &message("introCancel", &[], "Cancel")),
        &open,
    );
    let _ = ui.append_with_node_2(&area, &row);
    update_draft(doc, draft);
}

/// Keeps the counter and the "Open in X" link in step with the draft as it is edited.
pub fn update_draft(doc: &Document, draft: &str) {
    let Some(root) = panel_host(doc, "introduction").and_then(|h| h.shadow_root()) else {
        return;
    };
    // The browser normalises (as X's composer does): no normalisation tables in this wasm.
    let normalized = String::from(js_sys::JsString::from(draft).normalize("NFC"));
    let (len, fits) = draft_counter_normalized(draft, &normalized);
    if let Ok(Some(c)) = root.query_selector(".count") {
        c.set_text_content(Some(&format!("{len} / 280")));
        let _ = c.set_attribute("class", if fits { "count" } else { "count over" });
    }
    if let Ok(Some(a)) = root.query_selector(&format!("[{ACTION_ATTR}=\"open-in-x\"]")) {
        let _ = a.set_attribute("href", &intent_url(draft));
    }
}

/// The draft currently in the panel's editor.
pub fn current_draft(doc: &Document) -> Option<String> {
    let root = panel_host(doc, "introduction")?.shadow_root()?;
    let area = root.query_selector(&format!("[{DRAFT_ATTR}]")).ok()??;
    Some(area.dyn_ref::<HtmlTextAreaElement>()?.value())
}

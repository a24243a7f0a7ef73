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
        if el.get_attribute(ID_ATTR).as_deref() == Some(m.id.as_str()) {
            set_if_changed(el, KIND_ATTR, m.kind.name());
        } else {
            // A post not marked yet (or a recycled cell showing another post): both are new.
            let _ = el.set_attribute(ID_ATTR, &m.id);
            let _ = el.set_attribute(KIND_ATTR, m.kind.name());
        }
    }
}

/// Debug mode: outlines recognised posts and logs what was read.
pub fn debug(elements: &[Element], posts: &[Post]) {
    for (el, p) in elements.iter().zip(posts) {
        if let Some(h) = el.dyn_ref::<HtmlElement>() {
            let _ = h.style().set_property("outline", "2px dashed #1d9bf0");
        }
        let json = p.to_json();
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
/// menu buttons), so showing or removing a hint never moves X's layout (X's virtualised
/// timeline measures cells; a taller post would make the rest jump); X's articles are
/// `position: relative` (React Native Web's default for every View, seen 2026). Only the
/// buttons take clicks: the label lets clicks through to X's own links beneath it.
const HINT_CSS: &str = "
:host { all: initial; position: absolute; top: 10px; right: 60px; z-index: 1; pointer-events: none; }
.hint { display: inline-flex; align-items: center; gap: 4px; font: 500 12px/16px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  border-radius: 999px; padding: 2px 4px 2px 10px; background: var(--bg); color: var(--fg); border: 1px solid var(--line);
  animation: in .18s ease-out; }
.light { --bg: #fff7e6; --fg: #7a4b00; --line: #f5c16c; --btn: #0f1419; --accent: #1d9bf0; }
.dim { --bg: #2b2a1f; --fg: #ffd27a; --line: #6b5a2e; --btn: #f7f9f9; --accent: #1d9bf0; }
.dark { --bg: #1f1a0f; --fg: #ffd27a; --line: #5c4a22; --btn: #e7e9ea; --accent: #1d9bf0; }
.hello { padding: 2px 10px; }
.hello.light { --bg: #e8f5fd; --fg: #0b5c8f; --line: #9fd3f7; }
.hello.dim, .hello.dark { --bg: #102a3d; --fg: #8ecdf7; --line: #1d5a80; }
button { pointer-events: auto; font: inherit; color: var(--btn); background: transparent; border: 1px solid var(--line); border-radius: 999px;
  padding: 0 8px; min-height: 20px; cursor: pointer; }
.hello button { border: none; color: var(--fg); padding: 0; }
button:hover { border-color: var(--accent); }
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
@keyframes in { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .hint { animation: none; } }
";

/// A new element of `tag` (Rapport builds its shadow contents only this way, never from HTML).
pub(crate) fn el(doc: &Document, tag: &str) -> Element {
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
    // Among the post's children only (Rapport prepends its host; a post has few children):
    // a walk of the children is cheaper than a selector over the whole post.
    let mut child = article.first_element_child();
    while let Some(c) = child {
        if c.local_name() == HINT_TAG {
            return Some(c);
        }
        child = c.next_element_sibling();
    }
    None
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

/// `data-rapport-panel` on a panel host.
pub const PANEL_ATTR: &str = "data-rapport-panel";
/// The tag of Rapport's panel hosts.
pub const PANEL_TAG: &str = "rapport-panel";

/// What the composer warning shows (numbers from core's draft check).
pub struct PitchWarning {
    /// Your pitch share if you post the draft, 0..1 (`data-rapport-ratio`).
    pub ratio: f64,
    /// Your target share.
    pub target: f64,
    /// The draft reads as a pitch (else: it would push you over your target).
    pub reads_as_pitch: bool,
    /// The phrases and signals behind it.
    pub evidence: Vec<String>,
    /// How many people wait for your answer (the kinder alternative).
    pub waiting: usize,
    /// The ratio window, in posts.
    pub window: u32,
}

const WARNING_CSS: &str = "
:host { all: initial; display: block; margin: 4px 0 8px; }
.warn { font: 13px/18px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; border-radius: 12px; padding: 8px 12px;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); }
.light { --bg: #fff7e6; --fg: #5c3b00; --line: #f5c16c; --accent: #1d6fa5; }
.dim, .dark { --bg: #2b2410; --fg: #ffe2a8; --line: #6b5a2e; --accent: #8ecdf7; }
strong { font-weight: 700; }
p { margin: 2px 0; }
a { color: var(--accent); }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
";

fn pct(x: f64) -> String {
    format!("{}%", (x * 100.0).round() as i64)
}

/// The host's open shadow root, attached on first use.
pub(crate) fn shadow(host: &Element) -> Option<web_sys::ShadowRoot> {
    host.shadow_root().or_else(|| {
        host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()
    })
}

fn para(doc: &Document, text: &str) -> Element {
    let p = el(doc, "p");
    p.set_text_content(Some(text));
    p
}

/// Shows, updates or removes the composer's pitch warning (between editor and Post button).
pub fn pitch_warning(
    doc: &Document,
    composer: &super::extract::Composer,
    warning: Option<&PitchWarning>,
    theme: Theme,
) {
    let existing = composer
        .boxed
        .query_selector(&format!(
            ":scope > {HINT_TAG}[{HINT_ATTR}=\"pitch-warning\"]"
        ))
        .ok()
        .flatten();
    let Some(w) = warning else {
        if let Some(h) = existing {
            h.remove();
        }
        return;
    };
    let ratio = crate::core::ratio::attr(w.ratio);
    let evidence = w.evidence.join("; ");
    if let Some(h) = &existing
        && h.get_attribute("data-rapport-ratio").as_deref() == Some(ratio.as_str())
        && h.get_attribute("data-rapport-evidence").as_deref() == Some(evidence.as_str())
    {
        return;
    }
    let host = existing.unwrap_or_else(|| {
        let h = el(doc, HINT_TAG);
        let _ = h.set_attribute(HINT_ATTR, "pitch-warning");
        let _ = composer.boxed.insert_before(&h, Some(&composer.button_row));
        h
    });
    let _ = host.set_attribute("data-rapport-ratio", &ratio);
    let _ = host.set_attribute("data-rapport-evidence", &evidence);
    let Some(root) = shadow(&host) else { return };
    let style = el(doc, "style");
    style.set_text_content(Some(WARNING_CSS));
    let box_ = el(doc, "div");
    let _ = box_.set_attribute("class", &format!("warn {}", theme.name()));
    let _ = box_.set_attribute("role", "status");
    let title = el(doc, "strong");
    title.set_text_content(Some(&if w.reads_as_pitch {
        message("warnPitch", &[], "This reads like a sales pitch.")
    } else {
        message("warnTips", &[], "This would tip your mix towards selling.")
    }));
    let t = el(doc, "p");
    let _ = t.append_child(&title);
    let why = para(
        doc,
        &message("warnWhy", &[&evidence], &format!("Why: {evidence}")),
    );
    let window = w.window.to_string();
    let numbers = para(
        doc,
        &message(
            "warnRatio",
            &[&pct(w.ratio), &window, &pct(w.target)],
            &format!(
                "If you post it, {} of your last {} posts are pitches (your target: {}).",
                pct(w.ratio),
                window,
                pct(w.target)
            ),
        ),
    );
    let kinder = el(doc, "p");
    if w.waiting > 0 {
        let a = el(doc, "a");
        let _ = a.set_attribute("href", "/notifications/mentions");
        let n = w.waiting.to_string();
        a.set_text_content(Some(&message(
            "warnWaiting",
            &[&n],
            &format!("{n} people are waiting for your answer"),
        )));
        let rest = el(doc, "span");
        rest.set_text_content(Some(&message(
            "warnWaitingAfter",
            &[],
            ": talk to them first?",
        )));
        let _ = kinder.append_with_node_2(&a, &rest);
    } else {
        kinder.set_text_content(Some(&message(
            "warnKinder",
            &[],
            "A kinder post first? Share something useful, or thank someone.",
        )));
    }
    let _ = box_.append_with_node_4(&t, &why, &numbers, &kinder);
    root.set_text_content(None);
    let _ = root.append_with_node_2(&style, &box_);
}

const PANEL_CSS: &str = "
:host { all: initial; display: block; margin: 12px 16px 4px; }
.mix { font: 13px/18px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--fg);
  border: 1px solid var(--line); border-radius: 16px; padding: 10px 12px; }
.light { --fg: #0f1419; --muted: #536471; --line: #eff3f4; --bar: #1d9bf0; --pitch: #e0245e; }
.dim, .dark { --fg: #e7e9ea; --muted: #8b98a5; --line: #38444d; --bar: #1d9bf0; --pitch: #f4436c; }
h2 { font-size: 14px; margin: 0 0 6px; }
.row { display: grid; grid-template-columns: 90px 1fr 28px; gap: 6px; align-items: center; margin: 2px 0; }
.track { height: 8px; background: var(--line); border-radius: 4px; overflow: hidden; }
.fill { height: 8px; background: var(--bar); }
.pitch .fill { background: var(--pitch); }
.n { text-align: right; color: var(--muted); }
p { margin: 6px 0 0; color: var(--muted); }
";

/// Shows, updates or removes the `mix` panel on a profile page, after `anchor`.
pub fn mix_panel(
    doc: &Document,
    anchor: Option<&Element>,
    standing: Option<&crate::core::ratio::Standing>,
    mine: bool,
    theme: Theme,
) {
    let existing = doc
        .query_selector(&format!("{PANEL_TAG}[{PANEL_ATTR}=\"mix\"]"))
        .ok()
        .flatten();
    let (Some(anchor), Some(s)) = (anchor, standing) else {
        if let Some(h) = existing {
            h.remove();
        }
        return;
    };
    let ratio = crate::core::ratio::attr(s.ratio);
    let posts = s.posts.to_string();
    if let Some(h) = &existing
        && h.get_attribute("data-rapport-pitch-ratio").as_deref() == Some(ratio.as_str())
        && h.get_attribute("data-rapport-posts").as_deref() == Some(posts.as_str())
    {
        return;
    }
    let host = existing.unwrap_or_else(|| {
        let h = el(doc, PANEL_TAG);
        let _ = h.set_attribute(PANEL_ATTR, "mix");
        let _ = anchor.after_with_node_1(&h);
        h
    });
    let _ = host.set_attribute("data-rapport-pitch-ratio", &ratio);
    let _ = host.set_attribute("data-rapport-posts", &posts);
    let Some(root) = shadow(&host) else { return };
    let style = el(doc, "style");
    style.set_text_content(Some(PANEL_CSS));
    let box_ = el(doc, "section");
    let _ = box_.set_attribute("class", &format!("mix {}", theme.name()));
    let h2 = el(doc, "h2");
    h2.set_text_content(Some(&if mine {
        message(
            "mixTitleMine",
            &[&posts],
            &format!("Your mix (last {posts} posts)"),
        )
    } else {
        message(
            "mixTitleOther",
            &[&posts],
            &format!("Mix of {posts} posts Rapport has seen"),
        )
    }));
    let _ = box_.append_child(&h2);
    let max = crate::core::classify::Kind::ALL
        .iter()
        .map(|k| s.mix.get(*k))
        .max()
        .unwrap_or(0)
        .max(1);
    for k in crate::core::classify::Kind::ALL {
        let n = s.mix.get(k);
        let row = el(doc, "div");
        let _ = row.set_attribute(
            "class",
            if k == crate::core::classify::Kind::Pitch {
                "row pitch"
            } else {
                "row"
            },
        );
        let name = el(doc, "span");
        name.set_text_content(Some(&message(&format!("kind_{}", k.name()), &[], k.name())));
        let track = el(doc, "div");
        let _ = track.set_attribute("class", "track");
        let _ = track.set_attribute("role", "img");
        let _ = track.set_attribute("aria-label", &format!("{}: {n}", k.name()));
        let fill = el(doc, "div");
        let _ = fill.set_attribute("class", "fill");
        if let Some(f) = fill.dyn_ref::<HtmlElement>() {
            let _ = f
                .style()
                .set_property("width", &format!("{}%", n * 100 / max));
        }
        let _ = track.append_child(&fill);
        let count = el(doc, "span");
        let _ = count.set_attribute("class", "n");
        count.set_text_content(Some(&n.to_string()));
        let _ = row.append_with_node_3(&name, &track, &count);
        let _ = box_.append_child(&row);
    }
    let summary = para(
        doc,
        &message(
            "mixSummary",
            &[&pct(s.ratio), &pct(s.target)],
            &format!("Pitches: {} · target {}", pct(s.ratio), pct(s.target)),
        ),
    );
    let _ = box_.append_child(&summary);
    root.set_text_content(None);
    let _ = root.append_with_node_2(&style, &box_);
}

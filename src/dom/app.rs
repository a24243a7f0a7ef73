//! The app on one x.com tab: one [`App`] per tab: one observer, a flush per animation frame that reads the posts whose
//! element changed, asks core for marks and the page's health in one batch, and writes them.

use super::{extract, intro, observe, render};
use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

use crate::core::classify::{self, Kind, PostInput};
use crate::core::history::History;
use crate::core::ledger::Ledger;
use crate::core::page::{self, Context, Reading, Theme};
use crate::core::page::{IntroReason, IntroView};
use crate::core::post::Post;
use crate::core::post::{Profile, same_handle};
use crate::core::ratio;
use crate::core::route::{self, Route};
use crate::core::settings::Settings;
use crate::core::status::{Reason, Status, reason_attr};
use crate::core::time::parse_iso;
use crate::core::unanswered;
use crate::webext;

/// The page-contract attribute on `<html>` that tells Rapport's state.
pub const STATUS_ATTR: &str = "data-rapport-status";
/// The page-contract attribute on `<html>` that names what was lost when degraded.
pub const REASON_ATTR: &str = "data-rapport-reason";

/// Everything Rapport holds for the page in this tab.
pub struct App {
    doc: Document,
    href: String,
    route: Route,
    settings: Settings,
    ledger: Ledger,
    me: Option<String>,
    /// element → the signature it had when last read (a WeakMap: recycled cells are re-read).
    seen: js_sys::WeakMap,
    /// What was lost on this page so far (reset on navigation).
    lost: Vec<Reason>,
    status: Option<(Status, String)>,
    history: History,
    /// Kinds of the viewed profile's posts read on this page (for others' mix panels), by
    /// status id, sorted by id (a sorted `Vec`: a `BTreeMap` would add its code to the wasm).
    profile_kinds: Vec<(String, Kind)>,
    _observer: Option<observe::Observer>,
    _clicks: Option<gloo::events::EventListener>,
    _input: Option<gloo::events::EventListener>,
    composer_timer: Option<gloo::timers::callback::Timeout>,
    /// People picked for an introduction (at most two).
    picked: Vec<Profile>,
    /// The open introduction panel and which draft it shows.
    intro: Option<(IntroView, usize)>,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Starts Rapport on the current page (once per tab).
pub fn start() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = doc.document_element() else {
        return;
    };
    let mut app = App {
        doc,
        href: String::new(),
        route: Route::Other,
        settings: Settings::default(),
        ledger: Ledger::new(),
        me: None,
        seen: js_sys::WeakMap::new(),
        lost: Vec::new(),
        status: None,
        history: History::new(),
        profile_kinds: Vec::new(),
        _observer: None,
        _clicks: None,
        _input: None,
        composer_timer: None,
        picked: Vec::new(),
        intro: None,
    };
    app.set_status(Status::Ready, &[]);
    APP.with(|a| *a.borrow_mut() = Some(app));
    let observer = observe::observe(&root, || {
        APP.with(|a| {
            if let Ok(mut a) = a.try_borrow_mut()
                && let Some(app) = a.as_mut()
            {
                app.flush();
            }
        })
    });
    let clicks = gloo::events::EventListener::new_with_options(
        &root,
        "click",
        gloo::events::EventListenerOptions::run_in_capture_phase(),
        |event| {
            APP.with(|a| {
                if let Ok(mut a) = a.try_borrow_mut()
                    && let Some(app) = a.as_mut()
                {
                    app.on_click(event);
                }
            })
        },
    );
    // Typing in X's composer: check the draft 120 ms after the last keystroke.
    let input = gloo::events::EventListener::new(&root, "input", |event| {
        with_app(|app| {
            if app.on_draft_input(event) {
                return;
            }
            app.composer_timer = Some(gloo::timers::callback::Timeout::new(120, || {
                with_app(|app| app.check_composers());
            }));
        })
    });
    APP.with(|a| {
        if let Some(app) = a.borrow_mut().as_mut() {
            app._observer = observer;
            app._clicks = Some(clicks);
            app._input = Some(input);
        }
    });
    wasm_bindgen_futures::spawn_local(load_settings());
    wasm_bindgen_futures::spawn_local(load_ledger());
}

/// Asks the background for the stored ledger and merges it into this tab's copy.
async fn load_ledger() {
    let Ok(reply) = webext::request(&webext::msg("ledger-get", &[])).await else {
        return;
    };
    let Some(json) = reply.as_string() else {
        return;
    };
    let Ok(stored) = Ledger::from_json(&json) else {
        return;
    };
    let history = webext::request(&webext::msg("history-get", &[]))
        .await
        .ok()
        .and_then(|h| h.as_string())
        .and_then(|h| History::from_json(&h).ok());
    let picked: Option<Vec<Profile>> = webext::request(&webext::msg("intro-get", &[]))
        .await
        .ok()
        .and_then(|p| p.as_string())
        .and_then(|p| Profile::list_from_json(&p));
    with_app(|app| {
        app.ledger.merge(&stored);
        if let Some(h) = &history {
            app.history.merge(h);
        }
        app.refresh();
        if let Some(p) = picked
            && app.picked.is_empty()
        {
            app.set_picks(p);
        }
    });
}

fn with_app(f: impl FnOnce(&mut App)) {
    APP.with(|a| {
        if let Ok(mut a) = a.try_borrow_mut()
            && let Some(app) = a.as_mut()
        {
            f(app);
        }
    })
}

/// New settings from the options page: applied at once (hints follow the new windows).
pub fn on_settings(stored: &JsValue) {
    let (settings, _) = Settings::from_stored(stored);
    with_app(|app| {
        app.settings = settings;
        app.refresh();
    });
}

/// A message from the background: another tab's (or the popup's) change to the ledger.
pub fn on_message(msg: &JsValue) {
    let get = |k: &str| js_sys::Reflect::get(msg, &JsValue::from_str(k)).ok();
    if get("type").and_then(|t| t.as_string()).as_deref() == Some("erased") {
        // "Erase all data" on the options page: this tab forgets what it held too.
        with_app(|app| {
            app.ledger = Ledger::new();
            app.history = History::new();
            app.refresh();
        });
        return;
    }
    let Some(delta) = get("delta").and_then(|d| d.as_string()) else {
        return;
    };
    match get("type").and_then(|t| t.as_string()).as_deref() {
        Some("ledger-delta") => {
            if let Ok(d) = Ledger::from_json(&delta) {
                with_app(|app| {
                    app.ledger.merge(&d);
                    app.refresh();
                });
            }
        }
        Some("history-delta") => {
            if let Ok(d) = History::from_json(&delta) {
                with_app(|app| {
                    app.history.merge(&d);
                    app.refresh();
                });
            }
        }
        _ => {}
    }
}

async fn load_settings() {
    let Ok(stored) = webext::storage_get(&JsValue::from_str("settings")).await else {
        return;
    };
    let value =
        js_sys::Reflect::get(&stored, &JsValue::from_str("settings")).unwrap_or(JsValue::NULL);
    let (settings, _) = Settings::from_stored(&value);
    with_app(|app| {
        app.settings = settings;
        app.refresh();
    });
}

impl App {
    /// One pass: notice navigation, read changed posts, decide in core, write marks and status.
    fn flush(&mut self) {
        let href = self
            .doc
            .location()
            .and_then(|l| l.href().ok())
            .unwrap_or_default();
        if href != self.href {
            // X's in-app navigation: everything page-scoped starts over.
            let path = self
                .doc
                .location()
                .and_then(|l| l.pathname().ok())
                .unwrap_or_default();
            self.href = href;
            self.route = route::classify(&path);
            self.seen = js_sys::WeakMap::new();
            self.lost.clear();
            self.profile_kinds.clear();
        }
        if self.me.is_none() {
            self.me = extract::own_handle(&self.doc);
        }
        let articles = extract::articles(&self.doc);
        let mut batch: Vec<(Element, Post)> = Vec::new();
        let mut reading = Reading {
            cells: extract::cell_count(&self.doc),
            articles: articles.len() as u32,
            gaps: Vec::new(),
            own_handle: self.me.is_some(),
        };
        for article in articles {
            let sig = JsValue::from_str(&extract::signature(&article));
            if self.seen.get(&article) == sig {
                continue;
            }
            self.seen.set(&article, &sig);
            let (post, gaps) = extract::post(&article);
            reading.gaps.push(gaps);
            if let Some(post) = post {
                batch.push((article, post));
            }
        }
        for r in page::health(&self.route, &reading) {
            if !self.lost.contains(&r) {
                self.lost.push(r);
            }
        }
        if !batch.is_empty() {
            let (elements, mut posts): (Vec<Element>, Vec<Post>) = batch.into_iter().unzip();
            page::complete(&mut posts, &self.route);
            let me = self.me.clone().unwrap_or_default();
            let now = js_sys::Date::now() as i64;
            let delta = self.ledger.observe(&posts, &me, now);
            if !delta.is_empty() {
                webext::send_message(&webext::msg(
                    "ledger-delta",
                    &[("delta", delta.to_json().into()), ("me", me.clone().into())],
                ));
            }
            let ctx = Context {
                route: &self.route,
                me: &me,
                now,
                settings: &self.settings,
                ledger: &self.ledger,
            };
            let marks = page::marks(&posts, &ctx);
            render::marks(&elements, &marks);
            let theme = self.theme();
            // A post shown inside a modal (X's reply dialog shows the post being answered) is
            // a preview: no hints there.
            let marks_for_hints: Vec<page::Mark> = marks
                .iter()
                .filter(|m| !extract::in_dialog(&elements[m.index]))
                .cloned()
                .collect();
            render::hints(&self.doc, &elements, &marks_for_hints, theme);
            self.record_history(&posts, &marks, &me);
            if self.settings.debug {
                render::debug(&elements, &posts);
            }
        }
        self.show_mix();
        let theme = self.theme();
        intro::controls(
            &self.doc,
            &extract::pickables(&self.doc),
            &self.picked,
            theme,
        );
        let lost = self.lost.clone();
        if lost.is_empty() {
            self.set_status(Status::Ready, &[]);
        } else {
            self.set_status(Status::Degraded, &lost);
        }
    }

    /// Your own posts (and reposts) on the page go into your history; the viewed profile's
    /// kinds feed its mix panel.
    fn record_history(&mut self, posts: &[Post], marks: &[page::Mark], me: &str) {
        let mut delta = History::new();
        for (p, m) in posts.iter().zip(marks) {
            if let Route::Profile { handle, .. } = &self.route
                && same_handle(&p.author, handle)
                && p.reposted_by.is_none()
            {
                match self.profile_kinds.binary_search_by(|(id, _)| id.cmp(&p.id)) {
                    Ok(i) => self.profile_kinds[i].1 = m.kind,
                    Err(i) => self.profile_kinds.insert(i, (p.id.clone(), m.kind)),
                }
            }
            if let Some(key) = page::own_post_key(p, me) {
                let at = p.time.as_deref().and_then(parse_iso).unwrap_or(0);
                if self.history.record_seen(&key, at, m.kind, &p.text) {
                    delta.record_seen(&key, at, m.kind, &p.text);
                }
            }
        }
        if !delta.is_empty() {
            webext::send_message(&webext::msg(
                "history-delta",
                &[("delta", delta.to_json().into())],
            ));
        }
    }

    fn show_mix(&self) {
        let me = self.me.clone().unwrap_or_default();
        let theirs: Vec<Kind> = self.profile_kinds.iter().map(|&(_, k)| k).collect();
        let standing = page::mix_panel(
            &self.route,
            &me,
            &self.history.kinds(),
            &theirs,
            &self.settings,
        );
        let mine = matches!(&self.route, Route::Profile { handle, .. } if same_handle(handle, &me));
        let anchor = standing
            .as_ref()
            .and_then(|_| extract::profile_anchor(&self.doc));
        render::mix_panel(
            &self.doc,
            anchor.as_ref(),
            standing.as_ref(),
            mine,
            self.theme(),
        );
    }

    /// Checks every composer's draft and shows or removes its pitch warning.
    fn check_composers(&mut self) {
        let me = self.me.clone().unwrap_or_default();
        let kinds = self.history.kinds();
        let now = js_sys::Date::now() as i64;
        let theme = self.theme();
        // Counted once per check, and only if some draft warns (it walks the whole ledger).
        let waiting = std::cell::OnceCell::new();
        for c in extract::composers(&self.doc) {
            let text = extract::editor_text(&c.editor);
            let warning = (!text.is_empty())
                .then(|| {
                    let verdict = classify::classify(&PostInput::new(&text));
                    let check = ratio::check_draft(&kinds, &verdict, &self.settings);
                    check.warn.then(|| render::PitchWarning {
                        ratio: check.ratio_if_posted,
                        target: check.target,
                        reads_as_pitch: check.reads_as_pitch,
                        evidence: verdict.evidence.clone(),
                        waiting: *waiting.get_or_init(|| {
                            unanswered::awaiting_you(&self.ledger, &me, now, &self.settings).len()
                        }),
                        window: self.settings.pitch_window_posts,
                    })
                })
                .flatten();
            render::pitch_warning(&self.doc, &c, warning.as_ref(), theme);
        }
    }

    /// Re-reads every post on the next frame (after the ledger or settings changed).
    fn refresh(&mut self) {
        self.seen = js_sys::WeakMap::new();
        self.flush();
    }

    /// X's colour scheme, from the body's background.
    fn theme(&self) -> Theme {
        let bg = self
            .doc
            .body()
            .and_then(|b| web_sys::window()?.get_computed_style(&b).ok().flatten())
            .and_then(|s| s.get_property_value("background-color").ok())
            .unwrap_or_default();
        Theme::from_css(&bg)
    }

    /// One click listener for the whole page (capture phase): Rapport's own controls in
    /// its shadow roots, and X's Post buttons (to remember which post you answered).
    fn on_click(&mut self, event: &web_sys::Event) {
        let path = event.composed_path();
        let elements: Vec<Element> = path
            .iter()
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect();
        if let Some(control) = elements
            .iter()
            .find(|e| e.has_attribute(render::ACTION_ATTR))
        {
            let action = control
                .get_attribute(render::ACTION_ATTR)
                .unwrap_or_default();
            if self.on_intro_action(&action, &elements) {
                return;
            }
            let Some(article) = elements.iter().find(|e| e.has_attribute(render::ID_ATTR)) else {
                return;
            };
            let id = article.get_attribute(render::ID_ATTR).unwrap_or_default();
            match action.as_str() {
                "reply" => {
                    // Clicking X's button from inside this click handler would re-enter it:
                    // do it on the next task.
                    let article = article.clone();
                    gloo::timers::callback::Timeout::new(0, move || extract::click_reply(&article))
                        .forget();
                }
                "dismiss" => {
                    let now = js_sys::Date::now() as i64;
                    self.ledger.dismiss(&id, now);
                    webext::send_message(&webext::msg("dismiss", &[("id", id.into())]));
                    self.refresh();
                }
                _ => {}
            }
            return;
        }
        self.capture_sent(&elements);
        if let Some(target) = extract::replied_to(&elements, &self.route) {
            let now = js_sys::Date::now() as i64;
            self.ledger.record_composer_reply(&target, now);
            webext::send_message(&webext::msg("answered", &[("id", target.into())]));
            self.refresh();
        }
    }

    /// When a click goes to one of X's Post buttons with text in its composer: the text you
    /// are sending goes into your history (X clears the editor right after).
    fn capture_sent(&mut self, path: &[Element]) {
        let Some(text) = extract::sent_text(path) else {
            return;
        };
        let now = js_sys::Date::now() as i64;
        let kind = classify::classify(&PostInput::new(&text)).kind;
        self.history.record_sent(now, kind, &text);
        let mut delta = History::new();
        delta.record_sent(now, kind, &text);
        webext::send_message(&webext::msg(
            "history-delta",
            &[("delta", delta.to_json().into())],
        ));
    }

    /// Introduction controls: pick, next wording, close, open in X. Returns whether handled.
    fn on_intro_action(&mut self, action: &str, path: &[Element]) -> bool {
        let theme = self.theme();
        match action {
            "introduce" => {
                let Some(handle) = path
                    .iter()
                    .find_map(|e| e.get_attribute(intro::HANDLE_ATTR))
                else {
                    return true;
                };
                let Some(person) = extract::pickables(&self.doc)
                    .into_iter()
                    .map(|p| p.profile)
                    .find(|p| same_handle(&p.handle, &handle))
                else {
                    return true;
                };
                // The background keeps the picks (they survive page loads: pick one person
                // here, the other on their profile) and answers with the current list.
                let person = person.to_json();
                wasm_bindgen_futures::spawn_local(async move {
                    let reply =
                        webext::request(&webext::msg("intro-pick", &[("person", person.into())]))
                            .await;
                    let picked = reply
                        .ok()
                        .and_then(|p| p.as_string())
                        .and_then(|p| Profile::list_from_json(&p));
                    if let Some(picked) = picked {
                        with_app(|app| app.set_picks(picked));
                    }
                });
                return true;
            }
            "next-draft" => {
                if let Some((view, i)) = &mut self.intro {
                    *i = (*i + 1) % view.drafts.len().max(1);
                    let draft = view.drafts.get(*i).cloned().unwrap_or_default();
                    intro::panel(&self.doc, Some(view), &draft, theme);
                }
            }
            "close-intro" => {
                self.picked.clear();
                self.intro = None;
                intro::panel(&self.doc, None, "", theme);
                webext::send_message(&webext::msg("intro-clear", &[]));
            }
            "open-in-x" => {
                // The link itself opens X's composer; Rapport only remembers the introduction.
                if let Some((view, _)) = &self.intro {
                    webext::send_message(&webext::msg(
                        "introduced",
                        &[
                            ("a", view.a.handle.clone().into()),
                            ("b", view.b.handle.clone().into()),
                            (
                                "draft",
                                intro::current_draft(&self.doc).unwrap_or_default().into(),
                            ),
                        ],
                    ));
                }
            }
            _ => return false,
        }
        self.show_picks(theme);
        true
    }

    /// The tray and the introduce controls, as the picks now stand.
    fn show_picks(&self, theme: Theme) {
        intro::tray(&self.doc, &self.picked, theme);
        intro::controls(
            &self.doc,
            &extract::pickables(&self.doc),
            &self.picked,
            theme,
        );
    }

    /// Shows the picks the background holds: the tray for one person, the panel for two.
    fn set_picks(&mut self, picked: Vec<Profile>) {
        let theme = self.theme();
        let pair_changed = picked.len() == 2 && picked != self.picked;
        self.picked = picked.into_iter().take(2).collect();
        if self.picked.len() == 2 {
            if pair_changed || self.intro.is_none() {
                // The background works out the common ground and the drafts (from the ledger
                // every tab feeds), so that the introductions code stays out of this module.
                let pair = self.picked.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let json = |p: &Profile| JsValue::from(p.to_json());
                    let msg =
                        webext::msg("introduce", &[("a", json(&pair[0])), ("b", json(&pair[1]))]);
                    let Some(view) = webext::request(&msg)
                        .await
                        .ok()
                        .and_then(|v| intro_view(&v))
                    else {
                        return;
                    };
                    with_app(|app| {
                        let shown = app
                            .intro
                            .as_ref()
                            .is_some_and(|(v, _)| v.a == pair[0] && v.b == pair[1]);
                        if app.picked != pair || shown {
                            return;
                        }
                        let draft = view.drafts.first().cloned().unwrap_or_default();
                        intro::panel(&app.doc, Some(&view), &draft, app.theme());
                        app.intro = Some((view, 0));
                    });
                });
            }
        } else {
            self.intro = None;
            intro::panel(&self.doc, None, "", theme);
        }
        self.show_picks(theme);
    }

    /// Typing in the introduction draft: keep its counter and link current.
    fn on_draft_input(&mut self, event: &web_sys::Event) -> bool {
        let in_draft = event
            .composed_path()
            .iter()
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .any(|e| e.has_attribute(intro::DRAFT_ATTR));
        if in_draft && let Some(d) = intro::current_draft(&self.doc) {
            intro::update_draft(&self.doc, &d);
        }
        in_draft
    }

    /// Writes the status to `<html>` and tells the background, only when it changed.
    fn set_status(&mut self, status: Status, reasons: &[Reason]) {
        let reason = reason_attr(reasons);
        if self.status.as_ref() == Some(&(status, reason.clone())) {
            return;
        }
        self.status = Some((status, reason));
        set_status(status, reasons);
    }
}

/// Reads the introduction view the background answers with (`LedgerStore.introduction`, a
/// plain object): `None` when it is not one (an error reply).
fn intro_view(v: &JsValue) -> Option<IntroView> {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let text = |o: &JsValue, k: &str| get(o, k).and_then(|s| s.as_string()).unwrap_or_default();
    let list = |o: &JsValue, k: &str| -> Option<Vec<JsValue>> {
        Some(
            get(o, k)?
                .dyn_into::<js_sys::Array>()
                .ok()?
                .iter()
                .collect(),
        )
    };
    let texts = |o: &JsValue, k: &str| -> Vec<String> {
        list(o, k)
            .unwrap_or_default()
            .iter()
            .filter_map(JsValue::as_string)
            .collect()
    };
    let profile = |k: &str| {
        get(v, k).filter(JsValue::is_object).map(|p| Profile {
            handle: text(&p, "handle"),
            name: text(&p, "name"),
            bio: text(&p, "bio"),
        })
    };
    Some(IntroView {
        a: profile("a")?,
        b: profile("b")?,
        reasons: list(v, "reasons")?
            .iter()
            .map(|r| IntroReason {
                label: text(r, "label"),
                evidence: texts(r, "evidence"),
            })
            .collect(),
        drafts: texts(v, "drafts"),
    })
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

/// Reads every post of a document at once (no change tracking): the posts, completed by core,
/// and the capabilities lost. The golden tests and the debug log use it; [`App`] reads
/// incrementally with the same pieces.
pub fn read_all(doc: &Document, route: &Route) -> (Vec<Post>, Vec<Reason>) {
    let articles = extract::articles(doc);
    let me = extract::own_handle(doc);
    let mut reading = Reading {
        cells: extract::cell_count(doc),
        articles: articles.len() as u32,
        gaps: Vec::new(),
        own_handle: me.is_some(),
    };
    let mut posts = Vec::new();
    for a in &articles {
        let (post, gaps) = extract::post(a);
        reading.gaps.push(gaps);
        posts.extend(post);
    }
    page::complete(&mut posts, route);
    (posts, page::health(route, &reading))
}

//! Extraction: one X post element (and the page around it) read into core types.
//! Reads only; every judgement (kinds, hints, degradation) is made in core.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

use super::selectors::{self as sel, Sel};
use crate::core::page::Gaps;
use crate::core::post::{Counts, Post, Profile, Quoted};

fn q(root: &Element, s: Sel) -> Option<Element> {
    root.query_selector(s.css).ok().flatten()
}

fn q_all(root: &Element, s: Sel) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(s.css) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        // A selector only ever matches elements: no type check needed (it costs a call into JS).
        .map(JsCast::unchecked_into::<Element>)
        .collect()
}

/// One post element and its quoted posts (`div[role=link]` holding their own author block),
/// found once: everything read "on the post" skips what is inside a quote. Cheap where it
/// matters: a post without a quote costs one query per field.
struct Scope<'a> {
    article: &'a Element,
    /// Each quote's container and its author block.
    quotes: Vec<(Element, Element)>,
}

impl<'a> Scope<'a> {
    fn new(article: &'a Element) -> Scope<'a> {
        // Most posts quote nothing: one query that stops at the first container says so.
        if q(article, sel::QUOTE_CONTAINER).is_none() {
            return Scope {
                article,
                quotes: Vec::new(),
            };
        }
        let quotes = q_all(article, sel::QUOTE_CONTAINER)
            .into_iter()
            .filter_map(|e| q(&e, sel::USER_NAME).map(|b| (e, b)))
            .collect();
        Scope { article, quotes }
    }

    fn in_quote(&self, el: &Element) -> bool {
        self.quotes
            .iter()
            .any(|(qc, _)| qc.contains(Some(el.as_ref())))
    }

    /// The first match of `s` that belongs to the outer post.
    fn own(&self, s: Sel) -> Option<Element> {
        if self.quotes.is_empty() {
            return q(self.article, s);
        }
        q_all(self.article, s)
            .into_iter()
            .find(|e| !self.in_quote(e))
    }

    /// Every match of `s` that belongs to the outer post.
    fn own_all(&self, s: Sel) -> Vec<Element> {
        let all = q_all(self.article, s);
        if self.quotes.is_empty() {
            return all;
        }
        all.into_iter().filter(|e| !self.in_quote(e)).collect()
    }
}

/// The elements that make X's visible text differ from the DOM's `textContent`: emoji
/// images, links (trailing "…"), line breaks and X's hidden truncation marks.
const SPECIAL: &str = r#"img, a, br, [aria-hidden="true"]"#;

/// Text as X shows it: text nodes, emoji from `img[alt]`, line breaks; the "…" X adds to
/// truncated links is dropped (the full URL is in visually hidden spans).
pub fn text_of(el: &Element) -> String {
    read_text(el, &mut None)
}

/// [`text_of`], and the text of each `a[href]` inside, in document order (read in the same walk).
fn text_and_links(el: &Element) -> (String, Vec<String>) {
    let mut links = Some(Vec::new());
    let text = read_text(el, &mut links);
    (text, links.unwrap_or_default())
}

fn read_text(el: &Element, links: &mut Option<Vec<String>>) -> String {
    if !has_special(el) {
        return el.text_content().unwrap_or_default();
    }
    let mut out = String::new();
    walk(el.as_ref(), &mut out, links);
    out
}

fn has_special(el: &Element) -> bool {
    el.query_selector(SPECIAL).ok().flatten().is_some()
}

/// Walks only where it must: a plain subtree (no special element in it) is read with one
/// `textContent`, which is what walking it would give, at one call into the page. With
/// `links`, the text of every `a[href]` met is collected too.
fn walk(node: &Node, out: &mut String, links: &mut Option<Vec<String>>) {
    let mut child = node.first_child();
    while let Some(c) = child {
        match c.node_type() {
            Node::TEXT_NODE => out.push_str(&c.node_value().unwrap_or_default()),
            Node::ELEMENT_NODE => {
                let e: &Element = c.unchecked_ref();
                if !e.matches(SPECIAL).unwrap_or(true) {
                    if has_special(e) {
                        walk(&c, out, links);
                    } else {
                        out.push_str(&c.text_content().unwrap_or_default());
                    }
                } else {
                    match e.tag_name().as_str() {
                        "IMG" => out.push_str(&e.get_attribute("alt").unwrap_or_default()),
                        "BR" => out.push('\n'),
                        "A" => {
                            // Its place in `links` is taken before any link inside it.
                            let slot =
                                links.as_mut().filter(|_| e.has_attribute("href")).map(|l| {
                                    l.push(String::new());
                                    l.len() - 1
                                });
                            let mut link = String::new();
                            walk(&c, &mut link, links);
                            if let (Some(l), Some(i)) = (links.as_mut(), slot) {
                                l[i] = link.clone();
                            }
                            out.push_str(link.trim_end_matches('…'));
                        }
                        // X's visual truncation mark of long links (also in quotes, where links
                        // are spans; seen in 2026 timeline markup).
                        _ if e.get_attribute("aria-hidden").as_deref() == Some("true")
                            && e.text_content().as_deref() == Some("…") => {}
                        _ => walk(&c, out, links),
                    }
                }
            }
            _ => {}
        }
        child = c.next_sibling();
    }
}

fn label(el: &Element) -> String {
    el.get_attribute("aria-label").unwrap_or_default()
}

/// The post's own permalink: a status link wrapping a `time`, outside any quote. Promoted
/// posts show no time (seen 2026): then any of its own status links (photo, analytics) names it.
/// Returns the link's `time` too, when there is one.
fn permalink(scope: &Scope, block: Option<&Element>) -> Option<(Option<Element>, String, String)> {
    let parse = |a: &Element| {
        let href = a.get_attribute("href")?;
        let (h, id) = sel::status_from_href(&href)?;
        Some((h.to_string(), id.to_string()))
    };
    let timed = |t: Element| {
        let a = t.closest(sel::STATUS_LINK.css).ok().flatten()?;
        parse(&a).map(|(h, id)| (Some(t), h, id))
    };
    // In timelines the time sits in the author block (a short walk); the focused post of a
    // status page shows it below the text: then the post's first own time with a permalink.
    if let Some(found) = block.and_then(|b| q(b, sel::TIME)).and_then(timed) {
        return Some(found);
    }
    if let Some(found) = scope.own_all(sel::TIME).into_iter().find_map(timed) {
        return Some(found);
    }
    scope
        .own_all(sel::STATUS_LINK)
        .iter()
        .find_map(parse)
        .map(|(h, id)| (None, h, id))
}

fn counts(scope: &Scope, focal: bool) -> (Counts, bool) {
    let group = scope.own(sel::ACTION_BAR);
    // The buttons sit in the action bar: look there first (a short walk, and no quote can be
    // inside it), then in the whole post in case X moves one out.
    let button = |s: Sel| {
        group
            .as_ref()
            .and_then(|g| q(g, s))
            .or_else(|| scope.own(s))
    };
    let reply = button(sel::REPLY_BUTTON);
    let count = |s: Sel| button(s).map(|b| sel::leading_count(&label(&b)));
    // A reply button without any label says nothing (not even zero).
    let replies = reply
        .as_ref()
        .and_then(|b| b.get_attribute("aria-label"))
        .map(|l| sel::leading_count(&l));
    let mut c = Counts {
        replies,
        reposts: count(sel::REPOST_BUTTON),
        likes: count(sel::LIKE_BUTTON),
        views: count(sel::VIEWS_LINK),
    };
    if c.views.is_none()
        && focal
        && let Some(g) = &group
    {
        let known = [c.replies, c.reposts, c.likes, count(sel::BOOKMARK_BUTTON)];
        c.views = sel::views_from_group_label(&label(g), &known);
    }
    (c, group.is_none() && reply.is_none())
}

/// The display name in an author block: its first link that is not the "@handle", or (in
/// quotes, which have no links) the text before the "@handle".
fn author_name(block: &Element) -> String {
    link_name(block).unwrap_or_else(|| name_before_handle(&text_of(block)))
}

/// The first link of an author block that is not the "@handle": the display name.
fn link_name(block: &Element) -> Option<String> {
    let links = Sel {
        css: "a",
        ..sel::USER_NAME
    };
    let named = |a: &Element| {
        let t = text_of(a).trim().to_string();
        (!t.is_empty() && !t.starts_with('@')).then_some(t)
    };
    // The first link is the name (one query); else look through them all.
    q(block, links)
        .and_then(|a| named(&a))
        .or_else(|| q_all(block, links).iter().skip(1).find_map(named))
}

/// The display name in an author block's text: what comes before the "@handle".
fn name_before_handle(text: &str) -> String {
    text.split('@')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The "@handle" shown in an author block (quotes have no links, only spans).
fn shown_handle(block: &Element) -> Option<String> {
    handle_in(&text_of(block))
}

/// The handle after the first "@" in an author block's text.
fn handle_in(text: &str) -> Option<String> {
    let at = text.find('@')?;
    let h: String = text[at + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!h.is_empty()).then_some(h)
}

fn quoted(scope: &Scope) -> Option<Quoted> {
    let (container, block) = scope.quotes.first()?;
    let id = q_all(container, sel::STATUS_LINK)
        .into_iter()
        .find_map(|a| {
            sel::status_from_href(&a.get_attribute("href")?).map(|(_, id)| id.to_string())
        });
    // A quote's author block has no links: its text gives both handle and name.
    let shown = text_of(block);
    Some(Quoted {
        id,
        author: handle_in(&shown).unwrap_or_default(),
        name: link_name(block).unwrap_or_else(|| name_before_handle(&shown)),
        text: q(container, sel::TWEET_TEXT)
            .map(|t| text_of(&t).trim().to_string())
            .unwrap_or_default(),
    })
}

/// Handles in the "Replying to @a @b" line: `@` links outside author blocks, texts and quotes
/// (the selector leaves out the links in author blocks and texts).
fn reply_to(scope: &Scope) -> Vec<String> {
    let mut out = Vec::new();
    for a in q_all(scope.article, sel::ADDRESSEE_LINK) {
        // Cheapest test first: only "@handle" links can be addressees.
        let shown = a.text_content().unwrap_or_default();
        let Some(h) = shown.trim().strip_prefix('@') else {
            continue;
        };
        if scope.in_quote(&a) || a.closest(sel::SOCIAL_CONTEXT.css).ok().flatten().is_some() {
            continue;
        }
        if let Some(href) = a.get_attribute("href")
            && sel::handle_from_href(&href).is_some_and(|x| x.eq_ignore_ascii_case(h))
        {
            out.push(h.to_string());
        }
    }
    out
}

/// Reads one post element. `None` when it has no identity (no permalink with a time).
pub fn post(article: &Element) -> (Option<Post>, Gaps) {
    let scope = Scope::new(article);
    let mut gaps = Gaps::default();
    let block = scope.own(sel::USER_NAME);
    let Some((time_el, handle, id)) = permalink(&scope, block.as_ref()) else {
        gaps.identity = true;
        gaps.time = scope.own(sel::TIME).is_none();
        return (None, gaps);
    };
    gaps.author = block.is_none();
    let text_el = scope.own(sel::TWEET_TEXT);
    gaps.text = text_el.is_none();
    let focal = article.get_attribute(sel::FOCAL_ATTR).as_deref() == Some("-1");
    let (counts, no_bar) = counts(&scope, focal);
    gaps.reply_count = no_bar || counts.replies.is_none();
    let time = time_el.and_then(|t| t.get_attribute("datetime"));
    let (text, links) = text_el.as_ref().map(text_and_links).unwrap_or_default();
    let links = links
        .iter()
        .map(|l| l.trim().trim_end_matches('…').to_string())
        .filter(|s| {
            s.contains('.') && !s.starts_with('@') && !s.starts_with('#') && !s.starts_with('$')
        })
        .collect();
    let reply_to = reply_to(&scope);
    let reposted_by = scope.own(sel::SOCIAL_CONTEXT).and_then(|c| {
        let a = c.closest("a[href]").ok().flatten()?;
        sel::handle_from_href(&a.get_attribute("href")?).map(str::to_string)
    });
    // `closest` starts at the post itself, whose own test id is another.
    let promoted = article.closest(sel::PROMOTED.css).ok().flatten().is_some();
    // Promoted posts show no time; any other post without one means X changed its markup.
    gaps.time = time.is_none() && !promoted;
    let post = Post {
        id,
        author: handle,
        name: block.as_ref().map(author_name).unwrap_or_default(),
        text: text.trim().to_string(),
        time,
        counts,
        is_reply: !reply_to.is_empty(),
        reply_to,
        in_reply_to_id: None,
        mentions: Vec::new(),
        links,
        quoted: quoted(&scope),
        reposted_by,
        promoted,
        focal,
    };
    (Some(post), gaps)
}

/// The signed-in user's handle: the side-nav profile link, else the account switcher's avatar.
pub fn own_handle(doc: &Document) -> Option<String> {
    let root = doc.document_element()?;
    if let Some(h) = q(&root, sel::PROFILE_LINK)
        .and_then(|a| a.get_attribute("href"))
        .and_then(|href| sel::handle_from_href(&href).map(str::to_string))
    {
        return Some(h);
    }
    let id = q(&root, sel::ACCOUNT_AVATAR)?.get_attribute(sel::TESTID_ATTR)?;
    let h = id.strip_prefix(sel::AVATAR_TESTID_PREFIX)?;
    crate::core::route::is_handle(h).then(|| h.to_string())
}

/// The profile header on a profile page.
pub fn profile(doc: &Document) -> Option<Profile> {
    let root = doc.document_element()?;
    let block = q(&root, sel::PROFILE_NAME)?;
    Some(Profile {
        handle: shown_handle(&block)?,
        name: text_of(&block)
            .split('@')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string(),
        bio: q(&root, sel::PROFILE_BIO)
            .map(|b| text_of(&b).trim().to_string())
            .unwrap_or_default(),
    })
}

/// Every post element on the page, in document order.
pub fn articles(doc: &Document) -> Vec<Element> {
    doc.document_element()
        .map(|r| q_all(&r, sel::TWEET))
        .unwrap_or_default()
}

/// How many timeline cells the page has (posts expected when there are any).
pub fn cell_count(doc: &Document) -> u32 {
    doc.query_selector_all(sel::CELL.css)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// A cheap fingerprint of a post element: its first permalink and its action labels. When a
/// recycled cell shows another post, or a count changes, the fingerprint changes.
pub fn signature(article: &Element) -> String {
    let href = q(article, sel::TIME)
        .and_then(|t| t.parent_element())
        .and_then(|a| a.get_attribute("href"))
        .unwrap_or_default();
    let group = q(article, sel::ACTION_BAR)
        .map(|g| label(&g))
        .unwrap_or_default();
    let reply = q(article, sel::REPLY_BUTTON)
        .map(|b| label(&b))
        .unwrap_or_default();
    // X may re-render a post and drop Rapport's hint: then the fingerprint changes too.
    let hinted = article
        .query_selector(super::render::HINT_TAG)
        .ok()
        .flatten()
        .is_some();
    format!("{href}|{group}|{reply}|{hinted}")
}

/// Whether a post element is shown inside a modal (a preview, not the timeline).
pub fn in_dialog(article: &Element) -> bool {
    article.closest(sel::DIALOG.css).ok().flatten().is_some()
}

/// Opens X's own reply for a post (the user asked for it by clicking Rapport's Reply).
pub fn click_reply(article: &Element) {
    if let Some(b) = Scope::new(article)
        .own(sel::REPLY_BUTTON)
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        b.click();
    }
}

/// When a click went to one of X's Post buttons: the post being replied to. In the reply
/// modal X shows that post above the editor (2026); the inline reply box of a status page
/// answers its focal post. `path` is the click's composed path, innermost first.
pub fn replied_to(path: &[Element], route: &crate::core::route::Route) -> Option<String> {
    sent_text(path)?;
    let button = path
        .iter()
        .find(|e| e.matches(sel::POST_BUTTON.css).unwrap_or(false))?;
    if let Some(dialog) = button.closest(sel::DIALOG.css).ok().flatten() {
        return q(&dialog, sel::TWEET)
            .and_then(|a| post(&a).0)
            .map(|p| p.id);
    }
    match route {
        crate::core::route::Route::Status { id, .. } => Some(id.clone()),
        _ => None,
    }
}

/// One composer on the page: its editor, the element that holds it all, and the child of
/// that element which contains the Post button (Rapport's warning goes right before it).
pub struct Composer {
    /// The editor (`role=textbox`).
    pub editor: Element,
    /// The nearest ancestor of the editor that also holds a Post button.
    pub boxed: Element,
    /// The child of `boxed` that holds the Post button.
    pub button_row: Element,
}

/// Every composer on the page (inline reply box, home composer, compose or reply modal).
pub fn composers(doc: &Document) -> Vec<Composer> {
    let Some(root) = doc.document_element() else {
        return Vec::new();
    };
    q_all(&root, sel::EDITOR)
        .into_iter()
        .filter_map(|editor| {
            let mut boxed = editor.parent_element();
            while let Some(b) = &boxed {
                if q(b, sel::POST_BUTTON).is_some() {
                    break;
                }
                boxed = b.parent_element();
            }
            let boxed = boxed?;
            let mut row = q(&boxed, sel::POST_BUTTON)?;
            while row.parent_element().as_ref() != Some(&boxed) {
                row = row.parent_element()?;
            }
            Some(Composer {
                editor,
                boxed,
                button_row: row,
            })
        })
        .collect()
}

/// What is typed in an editor (Draft.js keeps one block per paragraph).
pub fn editor_text(editor: &Element) -> String {
    text_of(editor).trim().to_string()
}

/// Where the mix panel goes on a profile page: after the header's items row, else after
/// the bio, else after the name block.
pub fn profile_anchor(doc: &Document) -> Option<Element> {
    let root = doc.document_element()?;
    [sel::PROFILE_ITEMS, sel::PROFILE_BIO, sel::PROFILE_NAME]
        .into_iter()
        .find_map(|s| q(&root, s))
}

/// When a click went to one of X's Post buttons: the text in that button's composer, if any.
pub fn sent_text(path: &[Element]) -> Option<String> {
    let button = path
        .iter()
        .find(|e| e.matches(sel::POST_BUTTON.css).unwrap_or(false))?;
    // The composer is the nearest ancestor of the button that holds an editor.
    let mut composer = button.parent_element();
    while let Some(c) = &composer {
        if let Some(editor) = q(c, sel::EDITOR) {
            let text = editor_text(&editor);
            return (!text.is_empty()).then_some(text);
        }
        composer = c.parent_element();
    }
    None
}

/// A person the user can pick for an introduction, with where to put the control.
pub struct Pickable {
    /// The element the introduce control goes after (or into, for hover cards).
    pub anchor: Element,
    /// Whether the control is appended inside `anchor` (hover card) or placed after it.
    pub inside: bool,
    /// Who.
    pub profile: Profile,
}

/// People on the page who can be picked: open hover cards, and the profile header.
pub fn pickables(doc: &Document) -> Vec<Pickable> {
    let Some(root) = doc.document_element() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for card in q_all(&root, sel::HOVER_CARD) {
        let handle = q_all(&card, sel::AVATAR_ANY)
            .into_iter()
            .filter_map(|a| a.get_attribute(sel::TESTID_ATTR))
            .find_map(|id| {
                id.strip_prefix(sel::AVATAR_TESTID_PREFIX)
                    .map(str::to_string)
            })
            .or_else(|| shown_handle(&card));
        let Some(handle) = handle else { continue };
        out.push(Pickable {
            anchor: card.clone(),
            inside: true,
            profile: Profile {
                handle,
                name: q_all(
                    &card,
                    Sel {
                        css: "a",
                        ..sel::HOVER_CARD
                    },
                )
                .iter()
                .map(|a| text_of(a).trim().to_string())
                .find(|t| !t.is_empty() && !t.starts_with('@'))
                .unwrap_or_default(),
                bio: q(&card, sel::HOVER_BIO)
                    .map(|b| text_of(&b).trim().to_string())
                    .unwrap_or_default(),
            },
        });
    }
    if let (Some(p), Some(anchor)) = (profile(doc), q(&root, sel::PROFILE_NAME)) {
        out.push(Pickable {
            anchor,
            inside: false,
            profile: p,
        });
    }
    out
}

//! The page pipeline's decisions: one batch of posts read off a page in, one list of marks and
//! the page's health out. The dom layer calls this once per animation frame, never per node.

use serde::{Deserialize, Serialize};

use crate::core::classify::{self, Kind, PostInput};
use crate::core::introduce;
use crate::core::ledger::Ledger;
use crate::core::post::{Post, same_handle};
use crate::core::route::Route;
use crate::core::settings::Settings;
use crate::core::status::Reason;
use crate::core::text;
use crate::core::time::{Millis, parse_iso, short_age};
use crate::core::unanswered::{self, Hint};

/// What could not be read on one post element (the dom reports; [`health`] decides).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gaps {
    /// No permalink with a time: the post cannot be identified.
    pub identity: bool,
    /// No action bar or reply button: the reply count is unknown.
    pub reply_count: bool,
    /// No time element.
    pub time: bool,
    /// No author block.
    pub author: bool,
    /// No text element (normal for media-only posts, so judged over the whole page).
    pub text: bool,
}

/// What the dom layer read off the page in one pass.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// Timeline cells on the page (posts are expected where there are cells).
    pub cells: u32,
    /// Post elements found (recognised or not).
    pub articles: u32,
    /// The gaps of every post element read in this pass.
    pub gaps: Vec<Gaps>,
    /// Whether the signed-in handle was found.
    pub own_handle: bool,
}

/// The capabilities lost on this page, judged from one reading.
pub fn health(route: &Route, r: &Reading) -> Vec<Reason> {
    let mut out = Vec::new();
    let expects_posts = matches!(
        route,
        Route::Home
            | Route::Notifications
            | Route::Mentions
            | Route::Status { .. }
            | Route::Profile { .. }
    );
    if expects_posts && r.cells > 0 && r.articles == 0 {
        out.push(Reason::NoPosts);
    }
    let n = r.gaps.len();
    let any = |f: fn(&Gaps) -> bool| r.gaps.iter().any(f);
    let all = |f: fn(&Gaps) -> bool| n > 0 && r.gaps.iter().all(f);
    if any(|g| g.identity || g.author) {
        out.push(Reason::PostIdentity);
    }
    if any(|g| !g.identity && g.reply_count) {
        out.push(Reason::ReplyCounts);
    }
    if any(|g| g.time) {
        out.push(Reason::PostTimes);
    }
    // Media-only posts have no text; a page where no post has any is a changed layout.
    if n >= 3 && all(|g| g.text) {
        out.push(Reason::PostText);
    }
    if !r.own_handle && (r.articles > 0 || r.cells > 0) {
        out.push(Reason::OwnHandle);
    }
    out
}

/// Everything the decisions depend on besides the posts.
#[derive(Clone, Debug)]
pub struct Context<'a> {
    /// The page.
    pub route: &'a Route,
    /// The signed-in handle ("" when unknown: then nothing is addressed to you).
    pub me: &'a str,
    /// Now.
    pub now: Millis,
    /// The user's settings.
    pub settings: &'a Settings,
    /// What Rapport knows.
    pub ledger: &'a Ledger,
}

/// What to write on one post element.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mark {
    /// Index of the post in the batch.
    pub index: usize,
    /// `data-rapport-id`.
    pub id: String,
    /// `data-rapport-kind`.
    pub kind: Kind,
    /// The hint to show, if any.
    pub hint: Option<Hint>,
    /// The post's author (for the hint's wording).
    pub who: String,
    /// How long the post has waited ("3h"), for an awaiting-you hint.
    pub age: String,
}

/// Fills in what core derives from the text (mentions), and on a status page the reply
/// structure. X renders the focal post's conversation below it (seen 2025-10): a post there
/// answers the focal post, unless its "Replying to" names someone else, in which case it
/// answers the nearest post above it (below the focal one) by that person: a thread within
/// the conversation.
pub fn complete(posts: &mut [Post], route: &Route) {
    for p in posts.iter_mut() {
        let mut mentions = text::extract_mentions(&p.text);
        mentions.dedup();
        p.mentions = mentions;
    }
    let Route::Status { id, .. } = route else {
        return;
    };
    let Some(f) = posts.iter().position(|p| p.focal || &p.id == id) else {
        return;
    };
    let focal_id = posts[f].id.clone();
    let focal_author = posts[f].author.clone();
    for i in f + 1..posts.len() {
        if posts[i].in_reply_to_id.is_some() {
            continue;
        }
        let target = match posts[i].reply_to.first() {
            Some(h) if !same_handle(h, &focal_author) => posts[f + 1..i]
                .iter()
                .rev()
                .find(|q| same_handle(&q.author, h))
                .map(|q| q.id.clone()),
            _ => None,
        };
        posts[i].in_reply_to_id = Some(target.unwrap_or_else(|| focal_id.clone()));
        posts[i].is_reply = true;
    }
}

/// X's colour scheme, from the page background.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// White background.
    Light,
    /// "Dim": dark blue, rgb(21, 32, 43).
    Dim,
    /// "Lights out": black.
    Dark,
}

impl Theme {
    /// The class name used in Rapport's shadow roots.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dim => "dim",
            Theme::Dark => "dark",
        }
    }

    /// The theme of a computed `background-color` such as `rgb(21, 32, 43)` (X's three
    /// themes, seen 2026; anything else is judged by its brightness).
    pub fn from_css(color: &str) -> Theme {
        let nums: Vec<f64> = color
            .split(|c: char| !c.is_ascii_digit() && c != '.')
            .filter_map(decimal)
            .collect();
        let [r, g, b, ..] = nums[..] else {
            return Theme::Light;
        };
        if nums.len() > 3 && nums[3] == 0.0 {
            return Theme::Light; // transparent: the default white
        }
        let lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0;
        if lum > 0.5 {
            Theme::Light
        } else if lum < 0.04 && (r + g + b) < 30.0 {
            Theme::Dark
        } else {
            Theme::Dim
        }
    }
}

/// Exact powers of ten as `f64` (every one up to 1e22 is exact).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `s.parse::<f64>()` for a string of ASCII digits with at most one `.` (all a colour's
/// numbers are), without the standard library's parser and its tables in the wasm.
/// Exactly the same value whenever the digits, without leading and trailing zeros, number
/// at most 15 and the fraction at most 22 digits: then both the digits and the power of ten
/// are exact `f64`s and one division rounds correctly (anything a CSS colour holds).
/// Longer numbers are close, not bit-exact.
fn decimal(s: &str) -> Option<f64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.len() + frac.len() == 0 || frac.contains('.') {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    let mut m: f64 = 0.0;
    for b in int.bytes().chain(frac.bytes()) {
        m = m * 10.0 + f64::from(b - b'0');
    }
    let mut x = m;
    let mut e = frac.len();
    while e > 22 {
        x /= 1e22;
        e -= 22;
    }
    Some(x / POW10[e])
}

/// The kind of one post (as the classifier sees what the page shows).
pub fn kind_of(p: &Post) -> Kind {
    let input = PostInput {
        text: &p.text,
        is_reply: p.is_reply,
        is_repost: p.reposted_by.is_some(),
        is_quote: p.quoted.is_some(),
        links: &p.links,
        ..PostInput::default()
    };
    classify::classify(&input).kind
}

/// The marks for a batch of (completed) posts.
pub fn marks(posts: &[Post], ctx: &Context) -> Vec<Mark> {
    let hints = unanswered::hints(posts, ctx.ledger, ctx.me, ctx.now, ctx.settings);
    posts
        .iter()
        .zip(hints)
        .enumerate()
        .map(|(index, (p, hint))| {
            let age = match &hint {
                Some(Hint::AwaitingYou { since }) => parse_iso(since)
                    .map(|t| short_age(ctx.now - t))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            Mark {
                index,
                id: p.id.clone(),
                kind: kind_of(p),
                hint,
                who: p.author.clone(),
                age,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaps(f: impl Fn(&mut Gaps)) -> Gaps {
        let mut g = Gaps::default();
        f(&mut g);
        g
    }

    #[test]
    fn a_healthy_page_loses_nothing() {
        let r = Reading {
            cells: 10,
            articles: 8,
            gaps: vec![Gaps::default(); 8],
            own_handle: true,
        };
        assert!(health(&Route::Home, &r).is_empty());
    }

    #[test]
    fn each_gap_names_its_capability() {
        let base = Reading {
            cells: 10,
            articles: 4,
            gaps: vec![Gaps::default(); 4],
            own_handle: true,
        };
        let with = |g: Gaps| Reading {
            gaps: vec![g, Gaps::default(), Gaps::default()],
            ..base.clone()
        };
        let h = |r: &Reading| health(&Route::Home, r);
        assert_eq!(
            h(&with(gaps(|g| g.reply_count = true))),
            [Reason::ReplyCounts]
        );
        assert_eq!(h(&with(gaps(|g| g.time = true))), [Reason::PostTimes]);
        assert_eq!(h(&with(gaps(|g| g.author = true))), [Reason::PostIdentity]);
        let no_text = Reading {
            gaps: vec![gaps(|g| g.text = true); 4],
            ..base.clone()
        };
        assert_eq!(h(&no_text), [Reason::PostText]);
        let none = Reading {
            articles: 0,
            gaps: vec![],
            ..base.clone()
        };
        assert_eq!(h(&none), [Reason::NoPosts]);
        let anon = Reading {
            own_handle: false,
            ..base
        };
        assert_eq!(h(&anon), [Reason::OwnHandle]);
    }

    #[test]
    fn themes_from_x_backgrounds() {
        assert_eq!(Theme::from_css("rgb(255, 255, 255)"), Theme::Light);
        assert_eq!(Theme::from_css("rgb(21, 32, 43)"), Theme::Dim);
        assert_eq!(Theme::from_css("rgb(0, 0, 0)"), Theme::Dark);
        assert_eq!(Theme::from_css("rgba(0, 0, 0, 0)"), Theme::Light);
        assert_eq!(Theme::from_css("garbage"), Theme::Light);
    }

    #[test]
    fn decimals_parse_like_the_standard_library() {
        let cases = [
            "0",
            "00",
            "255",
            "0255",
            "1.",
            ".5",
            "0.5",
            "0.1",
            "0.3",
            "0.30000",
            "21.5",
            "0.8",
            "0.04",
            "123456789012345",
            "1.23456789012345",
            "0.000000000000000000001",
            "99999999999999.9",
            "4.35",
            "0.07",
        ];
        for s in cases {
            assert_eq!(decimal(s), s.parse().ok(), "{s}");
        }
        for bad in ["", ".", "1.2.3", ".."] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
        for i in 0..=1000 {
            for s in [
                format!("{i}"),
                format!("0.{i:03}"),
                format!("{}.{}", i / 10, i % 10),
            ] {
                assert_eq!(decimal(&s), s.parse().ok(), "{s}");
            }
        }
    }

    #[test]
    fn pages_without_timelines_expect_no_posts() {
        let r = Reading {
            cells: 3,
            articles: 0,
            gaps: vec![],
            own_handle: true,
        };
        assert!(health(&Route::Other, &r).is_empty());
        assert!(health(&Route::Search, &r).is_empty());
    }

    #[test]
    fn status_page_replies_answer_the_focal_post() {
        let route = Route::Status {
            handle: "ines".into(),
            id: "10".into(),
        };
        let mk = |id: &str, focal: bool, text: &str| Post {
            id: id.into(),
            focal,
            text: text.into(),
            ..Post::default()
        };
        let mut posts = vec![
            mk("9", false, "earlier in the thread"),
            mk("10", true, "hello @mara_quinn and @theo"),
            mk("11", false, "welcome!"),
        ];
        complete(&mut posts, &route);
        assert_eq!(posts[0].in_reply_to_id, None);
        assert_eq!(posts[1].mentions, ["mara_quinn", "theo"]);
        assert_eq!(posts[2].in_reply_to_id.as_deref(), Some("10"));
        assert!(posts[2].is_reply);
        // a reply within the conversation answers the post above it by that person
        let mut thread = vec![
            mk("10", true, "focal"),
            Post {
                author: "theo".into(),
                ..mk("11", false, "a model")
            },
            Post {
                author: "sam".into(),
                ..mk("12", false, "me too")
            },
            Post {
                reply_to: vec!["Theo".into()],
                ..mk("13", false, "link?")
            },
            Post {
                reply_to: vec!["ines".into()],
                ..mk("14", false, "to the focal")
            },
        ];
        thread[0].author = "ines".into();
        complete(&mut thread, &route);
        let ids: Vec<_> = thread.iter().map(|p| p.in_reply_to_id.as_deref()).collect();
        assert_eq!(ids, [None, Some("10"), Some("10"), Some("11"), Some("10")]);
    }
}

/// The `mix` panel's numbers for a profile page, or `None` when it should not show.
pub fn mix_panel(
    route: &Route,
    me: &str,
    own: &[Kind],
    theirs: &[Kind],
    settings: &Settings,
) -> Option<crate::core::ratio::Standing> {
    let Route::Profile { handle, .. } = route else {
        return None;
    };
    if !settings.show_mix_panel {
        return None;
    }
    let mine = !me.is_empty() && same_handle(handle, me);
    if !mine && !settings.mix_on_others {
        return None;
    }
    let kinds = if mine { own } else { theirs };
    (!kinds.is_empty()).then(|| crate::core::ratio::standing(kinds, settings))
}

/// Whether a post on the page is one of yours for the history: written by you, or a
/// repost by you (sharing). Returns the history key.
pub fn own_post_key(p: &Post, me: &str) -> Option<String> {
    if me.is_empty() || p.promoted {
        return None;
    }
    match &p.reposted_by {
        Some(by) if same_handle(by, me) => Some(format!("rt:{}", p.id)),
        Some(_) => None,
        None => same_handle(&p.author, me).then(|| p.id.clone()),
    }
}

#[cfg(test)]
mod mix_tests {
    use super::*;

    #[test]
    fn mix_panel_on_own_and_other_profiles() {
        let s = Settings::default();
        let me_route = Route::Profile {
            handle: "Mara".into(),
            tab: "posts".into(),
        };
        let other = Route::Profile {
            handle: "theo".into(),
            tab: "posts".into(),
        };
        let own = [
            Kind::Pitch,
            Kind::Conversation,
            Kind::Conversation,
            Kind::Sharing,
        ];
        let theirs = [Kind::Pitch, Kind::Pitch];
        let p = mix_panel(&me_route, "mara", &own, &theirs, &s).unwrap();
        assert_eq!(p.posts, 4);
        assert!((p.ratio - 0.25).abs() < 1e-9);
        let q = mix_panel(&other, "mara", &own, &theirs, &s).unwrap();
        assert!((q.ratio - 1.0).abs() < 1e-9);
        let off = Settings {
            mix_on_others: false,
            ..Settings::default()
        };
        assert!(mix_panel(&other, "mara", &own, &theirs, &off).is_none());
        assert!(mix_panel(&Route::Home, "mara", &own, &theirs, &s).is_none());
        assert!(mix_panel(&me_route, "mara", &[], &theirs, &s).is_none());
    }

    #[test]
    fn own_posts_and_own_reposts() {
        let mk = |author: &str, by: Option<&str>| Post {
            id: "7".into(),
            author: author.into(),
            reposted_by: by.map(str::to_string),
            ..Post::default()
        };
        assert_eq!(
            own_post_key(&mk("mara", None), "Mara").as_deref(),
            Some("7")
        );
        assert_eq!(
            own_post_key(&mk("theo", Some("mara")), "mara").as_deref(),
            Some("rt:7")
        );
        assert_eq!(own_post_key(&mk("mara", Some("theo")), "mara"), None);
        assert_eq!(own_post_key(&mk("theo", None), "mara"), None);
        assert_eq!(own_post_key(&mk("mara", None), ""), None);
    }
}

/// One reason two people might want to meet, with the evidence for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IntroReason {
    /// What they share, in a few words.
    pub label: String,
    /// Where it was seen (post lines, bio phrases).
    pub evidence: Vec<String>,
}

/// What the introduction panel shows for a picked pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IntroView {
    /// The first person.
    pub a: crate::core::post::Profile,
    /// The second person.
    pub b: crate::core::post::Profile,
    /// Their common ground, strongest first (empty: nothing real in common was found).
    pub reasons: Vec<IntroReason>,
    /// Draft posts, each within X's weighted length, each mentioning both.
    pub drafts: Vec<String>,
}

/// The live counter under the draft: weighted length and whether it fits.
pub fn draft_counter(draft: &str) -> (usize, bool) {
    let r = text::parse_post(draft);
    (r.weighted_length, r.valid)
}

/// [`draft_counter`] for a draft whose NFC form the caller already has (see
/// [`text::parse_post_normalized`]).
pub fn draft_counter_normalized(draft: &str, normalized: &str) -> (usize, bool) {
    let r = text::parse_post_normalized(draft, normalized);
    (r.weighted_length, r.valid)
}

/// X's compose-intent URL carrying `draft` (what "Open in X" opens; Rapport never posts).
pub fn intent_url(draft: &str) -> String {
    let mut out = String::from("https://x.com/intent/post?text=");
    for b in draft.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod intro_tests {
    use super::*;

    #[test]
    fn intent_urls_encode_everything_but_unreserved() {
        assert_eq!(
            intent_url("@a, meet @b! 🙂 & more"),
            "https://x.com/intent/post?text=%40a%2C%20meet%20%40b%21%20%F0%9F%99%82%20%26%20more"
        );
    }

    #[test]
    fn counter_uses_weighted_length() {
        assert_eq!(draft_counter("hello").0, 5);
        assert!(draft_counter("hello").1);
        let long = "あ".repeat(141);
        assert_eq!(draft_counter(&long), (282, false));
    }
}

/// A pair worth introducing, for the popup.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairSuggestion {
    /// One person.
    pub a: String,
    /// The other.
    pub b: String,
    /// How strong their common ground is (higher is stronger).
    pub score: f64,
    /// The strongest reason, in a few words.
    pub reason: String,
}

/// Pairs worth introducing among the people you interact with (strongest first; see
/// `introduce::suggest_pairs` for the scoring).
pub fn suggestions(ledger: &Ledger, _me: &str) -> Vec<PairSuggestion> {
    let people = introduce::profiles_from_ledger(ledger);
    introduce::suggest_pairs(&people, ledger, 5)
        .into_iter()
        .map(|s| PairSuggestion {
            reason: s
                .reasons
                .first()
                .map(|r| r.label.clone())
                .unwrap_or_default(),
            a: s.a,
            b: s.b,
            score: s.score,
        })
        .collect()
}

/// The introduction panel's content for two picked people, from what Rapport knows: the
/// ledger (their posts as seen, who they talk to) and what the page showed (name, bio).
pub fn introduction(
    a: &crate::core::post::Profile,
    b: &crate::core::post::Profile,
    ledger: &Ledger,
) -> IntroView {
    let person = |p: &crate::core::post::Profile| {
        let mut x = introduce::profile_from_ledger(ledger, &p.handle);
        if !p.bio.is_empty() {
            x.bio = p.bio.clone();
        }
        if !p.name.is_empty() {
            x.name = p.name.clone();
        }
        x
    };
    let (pa, pb) = (person(a), person(b));
    let mut people = introduce::profiles_from_ledger(ledger);
    people.extend([pa.clone(), pb.clone()]);
    let intro = introduce::introduce(&pa, &pb, &introduce::Corpus::new(&people));
    IntroView {
        a: a.clone(),
        b: b.clone(),
        reasons: intro
            .reasons
            .iter()
            .take(5)
            .map(|r| IntroReason {
                label: r.label.clone(),
                evidence: r
                    .a
                    .iter()
                    .take(1)
                    .chain(r.b.iter().take(1))
                    .map(|e| introduce::excerpt(e, r, 80))
                    .collect(),
            })
            .collect(),
        drafts: intro.drafts,
    }
}

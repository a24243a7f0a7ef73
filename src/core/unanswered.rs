//! Unanswered conversations: which posts wait on you and which got no reply yet.
//!
//! - **Waiting on you**: a post by someone else that is addressed to you — a reply to one of
//!   your posts ("Replying to @you", or its parent is yours), or a mention of you — that you
//!   have not answered, not dismissed, and that is younger than `waiting_days`. Your answer
//!   counts only if it is not earlier than the post (within [`CLOCK_SKEW_MS`]); a new reply
//!   from them after your answer is a new post addressed to you, so the conversation waits
//!   again. Opening a post does not answer it.
//! - **No replies yet**: someone else's post, not promoted, read with a reply count of
//!   exactly zero (an unreadable count gives no hint), posted within `say_hello_hours`,
//!   never seen with replies, not answered by you. Posts addressed to you never get it:
//!   they are governed by "waiting on you" (so a post never carries both).
//!
//! [`awaiting_you`] is the popup's list and the badge count (it does not depend on the
//! `show_*` settings, which switch the page hints); [`hint_for`] and [`hints`] are the
//! page's verdicts and respect `show_awaiting_you` and `show_no_replies`.

use serde::Serialize;

use crate::core::ledger::{Ledger, SeenPost, handle_key};
use crate::core::order;
use crate::core::post::{Handle, Post, same_handle};
use crate::core::settings::Settings;
use crate::core::time::{Millis, parse_iso, short_age, to_iso};

/// How far your clock and X's may disagree: an answer up to this much earlier than the
/// post it answers still counts.
pub const CLOCK_SKEW_MS: Millis = 5 * 60_000;

const HOUR_MS: Millis = 3_600_000;
const DAY_MS: Millis = 24 * HOUR_MS;

/// Why a post is addressed to you.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// It replies to you (to one of your posts, or "Replying to @you").
    Reply,
    /// It mentions you.
    Mention,
}

/// A post waiting on you, as the popup lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Waiting {
    /// Status id.
    pub id: String,
    /// Who wrote it (handle, without `@`).
    pub who: Handle,
    /// Their display name (the handle when no name was seen).
    pub name: String,
    /// The first line of the post.
    pub line: String,
    /// Reply or mention.
    pub reason: Reason,
    /// When it was posted (Unix ms).
    pub at: Millis,
    /// When it was posted, UTC ISO (the value of `data-rapport-since`).
    pub since: String,
    /// How long it has waited, short ("3h").
    pub age: String,
}

/// The page's verdict on one post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "hint", rename_all = "kebab-case")]
pub enum Hint {
    /// `data-rapport-hint="awaiting-you"`, with `data-rapport-since`.
    AwaitingYou {
        /// When the post was posted, UTC ISO.
        since: String,
    },
    /// `data-rapport-hint="no-replies"`.
    NoReplies,
}

impl Hint {
    /// The value of `data-rapport-hint`.
    pub fn name(&self) -> &'static str {
        match self {
            Hint::AwaitingYou { .. } => "awaiting-you",
            Hint::NoReplies => "no-replies",
        }
    }
}

/// Why the post is addressed to `me_key` (lower case), from its reply target, the handles
/// it replies to and the handles it mentions. A reply wins over a mention.
fn reason<'a>(
    ledger: &Ledger,
    me_key: &str,
    in_reply_to: impl IntoIterator<Item = &'a str>,
    reply_to: impl IntoIterator<Item = &'a str>,
    mentions: impl IntoIterator<Item = &'a str>,
) -> Option<Reason> {
    let parent_is_mine = in_reply_to
        .into_iter()
        .filter_map(|id| ledger.post(id))
        .any(|p| same_handle(&p.author, me_key));
    if parent_is_mine || reply_to.into_iter().any(|h| same_handle(h, me_key)) {
        Some(Reason::Reply)
    } else if mentions.into_iter().any(|h| same_handle(h, me_key)) {
        Some(Reason::Mention)
    } else {
        None
    }
}

/// Why a recorded post is addressed to `me` (any case), if it is and is not by `me`.
pub fn addressed(rec: &SeenPost, ledger: &Ledger, me: &str) -> Option<Reason> {
    addressed_key(rec, ledger, &handle_key(me))
}

fn addressed_key(rec: &SeenPost, ledger: &Ledger, me_key: &str) -> Option<Reason> {
    if me_key.is_empty() || same_handle(&rec.author, me_key) {
        return None;
    }
    reason(
        ledger,
        me_key,
        rec.in_reply_to.as_deref(),
        rec.reply_to.iter().map(String::as_str),
        rec.mentions.iter().map(String::as_str),
    )
}

/// Whether you answered post `id`, posted at `time`: an answer not earlier than the post
/// (within [`CLOCK_SKEW_MS`]).
pub fn is_answered(ledger: &Ledger, id: &str, time: Millis) -> bool {
    ledger
        .answer(id)
        .is_some_and(|a| a.at.saturating_add(CLOCK_SKEW_MS) >= time)
}

/// Whether a post addressed to you, posted at `time`, still waits: not answered, not
/// dismissed, younger than the waiting window.
fn still_waits(ledger: &Ledger, id: &str, time: Millis, now: Millis, s: &Settings) -> bool {
    let age = now.saturating_sub(time);
    age < Millis::from(s.waiting_days) * DAY_MS
        && !is_answered(ledger, id, time)
        && ledger.dismissed_at(id).is_none()
}

/// Every post waiting on you (see the module documentation), oldest first.
pub fn awaiting_you(ledger: &Ledger, me: &str, now: Millis, settings: &Settings) -> Vec<Waiting> {
    let me_key = handle_key(me);
    if me_key.is_empty() {
        return Vec::new();
    }
    let out: Vec<(Millis, &str, &SeenPost, Reason)> = ledger
        .posts()
        .filter_map(|(id, p)| Some((p.time, id, p, addressed_key(p, ledger, &me_key)?)))
        .filter(|(time, id, ..)| still_waits(ledger, id, *time, now, settings))
        .collect();
    order::order(out.len(), &mut |a, b| {
        (out[a].0, out[a].1) < (out[b].0, out[b].1)
    })
    .into_iter()
    .map(|k| out[k as usize])
    .map(|(at, id, p, reason)| Waiting {
        id: id.to_string(),
        who: p.author.clone(),
        name: ledger
            .person(&p.author)
            .map(|x| x.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| p.author.clone()),
        line: p.line.clone(),
        reason,
        at,
        since: to_iso(at),
        age: short_age(now - at),
    })
    .collect()
}

/// The hint for one post read from the page (see the module documentation), using what
/// the ledger knows of it. `me` is the signed-in handle (empty when not known).
pub fn hint_for(
    post: &Post,
    ledger: &Ledger,
    me: &str,
    now: Millis,
    settings: &Settings,
) -> Option<Hint> {
    let me_key = handle_key(me);
    let own = (!me_key.is_empty() && same_handle(&post.author, &me_key))
        || ledger.is_account(&post.author);
    if post.promoted || post.id.is_empty() || own {
        return None;
    }
    let rec = ledger.post(&post.id);
    let time = post
        .time
        .as_deref()
        .and_then(parse_iso)
        .or(rec.map(|r| r.time))?;
    let why = if me_key.is_empty() {
        None
    } else {
        let live = (
            post.in_reply_to_id.as_deref(),
            post.reply_to.iter().map(String::as_str),
            post.mentions.iter().map(String::as_str),
        );
        reason(ledger, &me_key, live.0, live.1, live.2)
            .or_else(|| rec.and_then(|r| addressed_key(r, ledger, &me_key)))
    };
    if why.is_some() {
        return (settings.show_awaiting_you && still_waits(ledger, &post.id, time, now, settings))
            .then(|| Hint::AwaitingYou {
                since: to_iso(time),
            });
    }
    let fresh = now.saturating_sub(time) < Millis::from(settings.say_hello_hours) * HOUR_MS;
    let nobody = post.counts.replies == Some(0)
        && !rec.is_some_and(|r| r.replied)
        && ledger.answer(&post.id).is_none();
    (settings.show_no_replies && fresh && nobody).then_some(Hint::NoReplies)
}

/// [`hint_for`] over a batch, in the same order.
pub fn hints(
    posts: &[Post],
    ledger: &Ledger,
    me: &str,
    now: Millis,
    settings: &Settings,
) -> Vec<Option<Hint>> {
    posts
        .iter()
        .map(|p| hint_for(p, ledger, me, now, settings))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::post::Counts;

    const T0: Millis = 1_761_248_040_000; // 2025-10-23T19:34:00Z
    const MIN: Millis = 60_000;

    fn post(id: &str, author: &str, at: Millis, text: &str) -> Post {
        Post {
            id: id.into(),
            author: author.into(),
            name: format!("{author} name"),
            text: text.into(),
            time: Some(to_iso(at)),
            ..Post::default()
        }
    }

    fn reply(id: &str, author: &str, at: Millis, parent: &str, to: &str) -> Post {
        Post {
            is_reply: true,
            in_reply_to_id: Some(parent.into()),
            reply_to: vec![to.into()],
            ..post(id, author, at, "a reply")
        }
    }

    fn mention(id: &str, author: &str, at: Millis, who: &str) -> Post {
        Post {
            mentions: vec![who.into()],
            ..post(id, author, at, &format!("hey @{who}"))
        }
    }

    fn zero(mut p: Post) -> Post {
        p.counts = Counts {
            replies: Some(0),
            ..Counts::default()
        };
        p
    }

    fn ids(w: &[Waiting]) -> Vec<&str> {
        w.iter().map(|w| w.id.as_str()).collect()
    }

    fn s() -> Settings {
        Settings::default()
    }

    #[test]
    fn replies_and_mentions_wait_oldest_first() {
        let mut l = Ledger::new();
        l.observe(&[post("1", "me", T0, "my post")], "me", T0);
        l.observe(
            &[
                mention("3", "bob", T0 + 20 * MIN, "Me"),
                reply("2", "Alice", T0 + 10 * MIN, "1", "me"),
                post("4", "carol", T0 + 30 * MIN, "not for you"),
            ],
            "me",
            T0 + 40 * MIN,
        );
        let w = awaiting_you(&l, "@ME", T0 + 3 * HOUR_MS, &s());
        assert_eq!(ids(&w), ["2", "3"]);
        assert_eq!(w[0].reason, Reason::Reply);
        assert_eq!(w[1].reason, Reason::Mention);
        assert_eq!(w[0].who, "Alice");
        assert_eq!(w[0].name, "Alice name");
        assert_eq!(w[0].line, "a reply");
        assert_eq!(w[0].since, "2025-10-23T19:44:00.000Z");
        assert_eq!(w[0].age, "2h");
    }

    #[test]
    fn a_reply_to_your_post_waits_even_without_reply_to_handles() {
        let mut l = Ledger::new();
        l.observe(&[post("1", "me", T0, "mine")], "me", T0);
        let mut r = reply("2", "bob", T0 + MIN, "1", "x");
        r.reply_to.clear();
        l.observe(&[r], "me", T0 + MIN);
        assert_eq!(ids(&awaiting_you(&l, "me", T0 + 2 * MIN, &s())), ["2"]);
    }

    #[test]
    fn your_reply_answers_and_a_later_reply_waits_again() {
        let mut l = Ledger::new();
        l.observe(&[post("1", "me", T0, "mine")], "me", T0);
        l.observe(&[reply("2", "bob", T0 + MIN, "1", "me")], "me", T0 + MIN);
        assert_eq!(ids(&awaiting_you(&l, "me", T0 + 2 * MIN, &s())), ["2"]);
        // Your reply to it is seen (status page: the dom supplies in_reply_to_id).
        l.observe(
            &[reply("3", "me", T0 + 5 * MIN, "2", "bob")],
            "me",
            T0 + 5 * MIN,
        );
        assert!(awaiting_you(&l, "me", T0 + 6 * MIN, &s()).is_empty());
        assert_eq!(l.answer("2").unwrap().at, T0 + 5 * MIN);
        // Bob answers your answer: the conversation waits again.
        l.observe(
            &[reply("4", "bob", T0 + 9 * MIN, "3", "me")],
            "me",
            T0 + 9 * MIN,
        );
        let w = awaiting_you(&l, "me", T0 + 10 * MIN, &s());
        assert_eq!(ids(&w), ["4"]);
        // Bob's new reply hanging off his own earlier post, "Replying to @me", waits too.
        l.observe(
            &[reply("5", "bob", T0 + 11 * MIN, "2", "me")],
            "me",
            T0 + 11 * MIN,
        );
        assert_eq!(
            ids(&awaiting_you(&l, "me", T0 + 12 * MIN, &s())),
            ["4", "5"]
        );
    }

    #[test]
    fn an_answer_earlier_than_the_post_does_not_count() {
        let mut l = Ledger::new();
        l.observe(
            &[mention("2", "bob", T0 + HOUR_MS, "me")],
            "me",
            T0 + HOUR_MS,
        );
        l.record_composer_reply("2", T0);
        assert!(!is_answered(&l, "2", T0 + HOUR_MS));
        assert_eq!(ids(&awaiting_you(&l, "me", T0 + 2 * HOUR_MS, &s())), ["2"]);
        // within the clock-skew allowance it counts
        l.record_composer_reply("2", T0 + HOUR_MS - MIN);
        assert!(awaiting_you(&l, "me", T0 + 2 * HOUR_MS, &s()).is_empty());
    }

    #[test]
    fn composer_and_archive_answers() {
        let mut l = Ledger::new();
        l.observe(
            &[mention("2", "bob", T0, "me"), mention("3", "eve", T0, "me")],
            "me",
            T0,
        );
        l.record_composer_reply("2", T0 + MIN);
        l.record_archive_reply("3", T0 + 2 * MIN);
        assert!(awaiting_you(&l, "me", T0 + 3 * MIN, &s()).is_empty());
    }

    #[test]
    fn opening_a_post_does_not_answer_it() {
        let mut l = Ledger::new();
        l.observe(&[mention("2", "bob", T0, "me")], "me", T0);
        let mut focal = mention("2", "bob", T0, "me");
        focal.focal = true;
        l.observe(&[focal], "me", T0 + HOUR_MS);
        assert_eq!(ids(&awaiting_you(&l, "me", T0 + HOUR_MS, &s())), ["2"]);
        assert!(l.answer("2").is_none());
    }

    #[test]
    fn dismissed_posts_stop_waiting() {
        let mut l = Ledger::new();
        l.observe(
            &[mention("2", "bob", T0, "me"), mention("3", "eve", T0, "me")],
            "me",
            T0,
        );
        assert!(l.dismiss("2", T0 + MIN));
        assert!(!l.dismiss("2", T0)); // an older dismissal changes nothing
        assert_eq!(ids(&awaiting_you(&l, "me", T0 + 2 * MIN, &s())), ["3"]);
        let p = zero(mention("2", "bob", T0, "me"));
        assert_eq!(hint_for(&p, &l, "me", T0 + 2 * MIN, &s()), None);
    }

    #[test]
    fn the_waiting_window_expires() {
        let mut l = Ledger::new();
        l.observe(&[mention("2", "bob", T0, "me")], "me", T0);
        let settings = Settings {
            waiting_days: 3,
            ..s()
        };
        assert_eq!(
            ids(&awaiting_you(&l, "me", T0 + 3 * DAY_MS - 1, &settings)),
            ["2"]
        );
        assert!(awaiting_you(&l, "me", T0 + 3 * DAY_MS, &settings).is_empty());
        let p = mention("2", "bob", T0, "me");
        assert!(hint_for(&p, &l, "me", T0 + 2 * DAY_MS, &settings).is_some());
        assert_eq!(hint_for(&p, &l, "me", T0 + 4 * DAY_MS, &settings), None);
    }

    #[test]
    fn own_posts_never_wait_and_never_get_hints() {
        let mut l = Ledger::new();
        let own = zero(mention("1", "Me", T0, "me"));
        l.observe(std::slice::from_ref(&own), "me", T0);
        assert!(awaiting_you(&l, "me", T0 + MIN, &s()).is_empty());
        assert_eq!(hint_for(&own, &l, "ME", T0 + MIN, &s()), None);
        // not even while your handle is unknown on this page, nor for your other account
        assert_eq!(hint_for(&own, &l, "", T0 + MIN, &s()), None);
        assert_eq!(hint_for(&own, &l, "alt", T0 + MIN, &s()), None);
    }

    #[test]
    fn promoted_posts_never_get_hints() {
        let l = Ledger::new();
        let mut ad = zero(mention("9", "brand", T0, "me"));
        ad.promoted = true;
        assert_eq!(hint_for(&ad, &l, "me", T0 + MIN, &s()), None);
        ad.mentions.clear();
        assert_eq!(hint_for(&ad, &l, "me", T0 + MIN, &s()), None);
        let mut l2 = Ledger::new();
        l2.observe(&[ad], "me", T0);
        assert_eq!(l2.post_count(), 0);
    }

    #[test]
    fn no_replies_on_fresh_zero_reply_posts_of_others() {
        let l = Ledger::new();
        let now = T0 + 2 * HOUR_MS;
        let p = zero(post("5", "carol", T0, "hello world"));
        assert_eq!(hint_for(&p, &l, "me", now, &s()), Some(Hint::NoReplies));
        assert_eq!(Hint::NoReplies.name(), "no-replies");
        // unknown count: no hint
        let unknown = post("5", "carol", T0, "hello world");
        assert_eq!(hint_for(&unknown, &l, "me", now, &s()), None);
        // some replies: no hint
        let mut some = p.clone();
        some.counts.replies = Some(3);
        assert_eq!(hint_for(&some, &l, "me", now, &s()), None);
        // too old for the say-hello window
        assert_eq!(hint_for(&p, &l, "me", T0 + 24 * HOUR_MS, &s()), None);
        assert_eq!(
            hint_for(&p, &l, "me", T0 + 24 * HOUR_MS - 1, &s()),
            Some(Hint::NoReplies)
        );
        // no readable time: no hint
        let mut timeless = p.clone();
        timeless.time = None;
        assert_eq!(hint_for(&timeless, &l, "me", now, &s()), None);
        // switched off
        let off = Settings {
            show_no_replies: false,
            ..s()
        };
        assert_eq!(hint_for(&p, &l, "me", now, &off), None);
        // works when your handle is not known yet
        assert_eq!(hint_for(&p, &l, "", now, &s()), Some(Hint::NoReplies));
    }

    #[test]
    fn no_replies_respects_what_the_ledger_saw() {
        let mut l = Ledger::new();
        let mut seen = post("5", "carol", T0, "hello");
        seen.counts.replies = Some(2);
        l.observe(&[seen], "me", T0);
        let stale = zero(post("5", "carol", T0, "hello"));
        assert_eq!(hint_for(&stale, &l, "me", T0 + MIN, &s()), None);
        // a reply seen to it (without its count) also counts
        let mut l = Ledger::new();
        l.observe(&[post("6", "carol", T0, "hi")], "me", T0);
        l.observe(&[reply("7", "dan", T0 + MIN, "6", "carol")], "me", T0 + MIN);
        let p = zero(post("6", "carol", T0, "hi"));
        assert_eq!(hint_for(&p, &l, "me", T0 + 2 * MIN, &s()), None);
        // and so does your composer reply
        let mut l = Ledger::new();
        l.record_composer_reply("8", T0 + MIN);
        let p = zero(post("8", "carol", T0, "hi"));
        assert_eq!(hint_for(&p, &l, "me", T0 + 2 * MIN, &s()), None);
    }

    #[test]
    fn waiting_posts_get_awaiting_you_only() {
        let mut l = Ledger::new();
        l.observe(&[post("1", "me", T0, "mine")], "me", T0);
        let r = zero(reply("2", "bob", T0 + MIN, "1", "me"));
        l.observe(std::slice::from_ref(&r), "me", T0 + MIN);
        let since = to_iso(T0 + MIN);
        let h = hint_for(&r, &l, "me", T0 + 2 * MIN, &s());
        assert_eq!(h, Some(Hint::AwaitingYou { since }));
        assert_eq!(h.unwrap().name(), "awaiting-you");
        // hints switched off: neither hint
        let off = Settings {
            show_awaiting_you: false,
            ..s()
        };
        assert_eq!(hint_for(&r, &l, "me", T0 + 2 * MIN, &off), None);
        // answered: no longer waiting, and no say-hello either
        l.record_composer_reply("2", T0 + 3 * MIN);
        assert_eq!(hint_for(&r, &l, "me", T0 + 4 * MIN, &s()), None);
    }

    #[test]
    fn hint_for_uses_the_live_post_and_the_ledger() {
        let mut l = Ledger::new();
        l.observe(&[post("1", "me", T0, "mine")], "me", T0);
        // not yet in the ledger: the live post's mention is enough
        let m = mention("2", "bob", T0 + MIN, "me");
        assert!(matches!(
            hint_for(&m, &l, "me", T0 + 2 * MIN, &s()),
            Some(Hint::AwaitingYou { .. })
        ));
        // the live post lost its time and reply context: the ledger still knows
        l.observe(&[reply("3", "bob", T0 + MIN, "1", "me")], "me", T0 + MIN);
        let bare = Post {
            id: "3".into(),
            author: "bob".into(),
            ..Post::default()
        };
        assert_eq!(
            hints(&[bare], &l, "me", T0 + 2 * MIN, &s()),
            [Some(Hint::AwaitingYou {
                since: to_iso(T0 + MIN)
            })]
        );
        // unknown signed-in handle: nothing waits
        assert!(awaiting_you(&l, "", T0 + 2 * MIN, &s()).is_empty());
    }

    #[test]
    fn serialises_for_the_popup() {
        let w = Waiting {
            id: "2".into(),
            who: "bob".into(),
            name: "Bob".into(),
            line: "hi".into(),
            reason: Reason::Mention,
            at: T0,
            since: to_iso(T0),
            age: "3h".into(),
        };
        let v = serde_json::to_value(&w).unwrap();
        assert_eq!(v["reason"], "mention");
        let h = serde_json::to_value(Hint::AwaitingYou { since: "x".into() }).unwrap();
        assert_eq!(h, serde_json::json!({"hint": "awaiting-you", "since": "x"}));
    }
}

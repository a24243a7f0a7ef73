//! The ledger: posts seen, people, and who answered whom; merged without losing writes.
//!
//! # What it holds
//! - **posts** seen on the page, by status id, as a compact [`SeenPost`] (author, time,
//!   what it replies to, whom it mentions, its first line, whether replies were seen);
//! - **people**: handle → display name and when last seen ([`Person`]);
//! - **links**: who replied to whom, with the time of the latest such reply;
//! - **answered**: the posts *you* answered, with when and how ([`Answer`]);
//! - **dismissed**: the posts you marked "no reply needed", with when;
//! - **accounts**: the handles you were signed in as; their posts are "your own posts".
//!
//! It is fed by [`Ledger::observe`] with batches of [`Post`]s read from the page, plus
//! [`Ledger::record_composer_reply`], [`Ledger::record_archive_reply`] and
//! [`Ledger::dismiss`]. Opening a post never answers it; only a reply of yours does: a post
//! by you whose `in_reply_to_id` is the post, a reply sent from X's composer, or an archive.
//!
//! # Merging
//! Two x.com tabs each keep a ledger and write it to the same storage key. The ledger is a
//! state-based CRDT: [`Ledger::merge`] is a join — commutative, associative and idempotent —
//! so the storage layer always writes `merge(stored, mine)` and no tab loses another's writes.
//! Posts are joined field by field (earliest time, latest seen, union of handles, the longer
//! first line, replies seen if either saw them), people and answers keep the latest record,
//! dismissals the latest time, accounts are a union.
//!
//! # Stored form
//! [`Ledger::to_json`] writes (keys are short; rows are arrays; rows are sorted by key,
//! so equal ledgers give byte-identical JSON):
//! ```text
//! {"v":1,
//!  "me":["alice"],                                   accounts, lower case
//!  "p":[[id,author,time,seen,in_reply_to|null,[reply_to…],[mentions…],line,flags],…],
//!  "n":[[handle,name,seen],…],                       people
//!  "r":[[from,to,last],…],                           who replied to whom (lower case)
//!  "a":[[id,at,"s"|"c"|"a"],…],                      answered: seen reply, composer, archive
//!  "d":[[id,at],…]}                                  dismissed
//! ```
//! Times are Unix milliseconds; `flags` bit 0 is "replies seen". [`Ledger::from_json`]
//! checks the version `v` (older layouts go through a migration hook, newer ones are
//! refused) and returns a [`LedgerError`] for damaged input, never a partial ledger.
//!
//! # Eviction rule
//! Storage is bounded by [`Limits`] (default: 100,000 posts, 50,000 people, 100,000 links).
//! When other people's posts number more than `posts`, the least recently seen are dropped
//! until 95% of the limit remain, posts that are not addressed to you going before posts
//! that are (ties by id). **Your own posts (by any of your accounts), the answered set and
//! the dismissed ids are never evicted** and do not count towards the limit. People (never
//! your own accounts) and links are trimmed the same way, least recently seen first.
//! [`Ledger::observe`] applies the default limits itself; [`Ledger::merge`] is a pure join,
//! so the storage layer calls [`Ledger::enforce_limits`] after merging. Promoted posts are
//! not recorded at all.
//!
//! # Saving
//! [`Ledger::observe`] returns the delta it made (a small ledger). A tab can join its deltas
//! into a pending ledger and hand only that to the writer, which stores
//! `merge(stored, pending)`; since the join is order-free, writers never clobber each other.
//! Mirror [`Ledger::record_composer_reply`], [`Ledger::record_archive_reply`] and
//! [`Ledger::dismiss`] into the pending ledger the same way.

mod join;
mod map;
mod store;
#[cfg(test)]
mod tests;

use std::fmt;
use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use crate::core::order;
use crate::core::post::{Handle, Post, same_handle};
use crate::core::time::{Millis, parse_iso};

pub use store::{LEDGER_VERSION, LedgerError};

/// The longest first line kept per post, in characters (an ellipsis marks a cut).
pub const LINE_MAX_CHARS: usize = 80;

/// "Last seen" times are kept to the hour, so that seeing a post again within the hour
/// does not change the ledger (and needs no write).
pub const SEEN_STEP_MS: Millis = 3_600_000;

/// How you answered a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AnswerHow {
    /// Your reply to it was seen on the page.
    #[serde(rename = "s")]
    SeenReply,
    /// You sent a reply from X's composer.
    #[serde(rename = "c")]
    Composer,
    /// An imported archive holds your reply.
    #[serde(rename = "a")]
    Archive,
}

/// That you answered a post: when (Unix ms) and how. Ordered by time, then how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Answer {
    /// When your answer was posted (or sent from the composer).
    pub at: Millis,
    /// How Rapport learned of it.
    pub how: AnswerHow,
}

/// A post as the ledger remembers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenPost {
    /// Author handle, as X shows it (without `@`).
    pub author: Handle,
    /// When it was posted (Unix ms); when the page did not show it, the first time it was seen.
    pub time: Millis,
    /// When it was last seen (Unix ms, to the hour: see [`SEEN_STEP_MS`]).
    pub seen: Millis,
    /// The status id it replies to, when known.
    pub in_reply_to: Option<String>,
    /// Handles it replies to, lower case, sorted, unique.
    pub reply_to: Vec<Handle>,
    /// Handles it mentions, lower case, sorted, unique.
    pub mentions: Vec<Handle>,
    /// The first line of its text, at most [`LINE_MAX_CHARS`] characters.
    pub line: String,
    /// Whether it was ever seen with replies (a reply count above zero, or a reply to it).
    pub replied: bool,
}

impl SeenPost {
    /// Whether the post is addressed to `me_key` (a lower-case handle) by its handles alone:
    /// "Replying to @me" or a mention of `@me`.
    fn names(&self, me_key: &str) -> bool {
        self.reply_to.iter().any(|h| h == me_key) || self.mentions.iter().any(|h| h == me_key)
    }
}

/// A person seen on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Handle, as X last showed it.
    pub handle: Handle,
    /// Display name, as last seen.
    pub name: String,
    /// When last seen (Unix ms, to the hour).
    pub seen: Millis,
}

/// Storage bounds; see the eviction rule in the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Other people's posts kept at most (your own posts are not counted).
    pub posts: usize,
    /// People kept at most (your own accounts are not counted).
    pub people: usize,
    /// Who-replied-to-whom links kept at most.
    pub links: usize,
}

impl Limits {
    /// The limits the extension uses.
    pub const DEFAULT: Limits = Limits {
        posts: 100_000,
        people: 50_000,
        links: 100_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

pub(crate) use map::{Entry, HashMap};

/// The ledger maps' hasher, FxHash (the one rustc uses for its own tables): a multiply and a
/// rotate per word, less code in the wasm than SipHash and faster on short keys.
/// Not resistant to chosen collisions, which a ledger of what one person saw need not be.
#[derive(Clone, Copy, Default)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The ledger. See the module documentation for what it holds and how it merges.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    accounts: Names,
    posts: HashMap<String, SeenPost>,
    people: HashMap<String, Person>,
    links: HashMap<(String, String), Millis>,
    answered: HashMap<String, Answer>,
    dismissed: HashMap<String, Millis>,
    /// Not part of the state: the post count at which [`Ledger::observe`] must next check
    /// [`Limits::DEFAULT`] (other people's posts cannot exceed it before), so that a full
    /// ledger is not scanned on every batch.
    next_check: usize,
}

/// Equality of the recorded state (the eviction bookkeeping is not compared).
impl PartialEq for Ledger {
    fn eq(&self, o: &Ledger) -> bool {
        self.accounts == o.accounts
            && self.posts == o.posts
            && self.people == o.people
            && self.links == o.links
            && self.answered == o.answered
            && self.dismissed == o.dismissed
    }
}

impl Eq for Ledger {}

/// A sorted set of strings, for the few accounts a ledger knows (a `BTreeSet` would add its
/// own copy of the B-tree code to the wasm).
#[derive(Clone, Default, PartialEq, Eq)]
struct Names(Vec<String>);

impl Names {
    /// Adds `name`; whether it was new.
    fn insert(&mut self, name: String) -> bool {
        match self.0.binary_search(&name) {
            Ok(_) => false,
            Err(i) => {
                self.0.insert(i, name);
                true
            }
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.0.binary_search_by(|x| x.as_str().cmp(name)).is_ok()
    }

    fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Names {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Shown as a set, as the `BTreeSet` it stands in for.
impl fmt::Debug for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.0).finish()
    }
}

/// The keys one call to [`Ledger::observe`] added or changed.
#[derive(Default)]
struct Touched {
    account: Option<String>,
    posts: Vec<String>,
    people: Vec<String>,
    links: Vec<(String, String)>,
    answers: Vec<String>,
}

/// A handle as a map key: without `@`, lower case (X handles are ASCII and case-insensitive).
pub fn handle_key(handle: &str) -> String {
    handle.trim_start_matches('@').to_ascii_lowercase()
}

/// Handles as the ledger keeps them: keys, sorted, unique, no empties.
fn handle_set(handles: &[Handle]) -> Vec<Handle> {
    let mut v: Vec<Handle> = handles
        .iter()
        .map(|h| handle_key(h))
        .filter(|h| !h.is_empty())
        .collect();
    order::sort_strings(&mut v);
    v.dedup();
    v
}

/// The first non-empty line of `text`, whitespace collapsed, cut to [`LINE_MAX_CHARS`]
/// characters (the last one an ellipsis when cut).
pub fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let words: Vec<&str> = line.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= LINE_MAX_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(LINE_MAX_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Takes in a batch of posts read from the page. `me` is the signed-in handle (empty
    /// when not known); `now` is the current time. Records the posts, their authors, who
    /// replied to whom, and your replies as answers to the posts they reply to. Applies
    /// [`Limits::DEFAULT`].
    ///
    /// Returns the *delta*: the records this call added or changed, as a ledger of their own
    /// (empty when nothing changed, so there is nothing to save). Joining the deltas in any
    /// order reproduces the ledger (evictions aside), so a tab may store just its deltas.
    pub fn observe(&mut self, posts: &[Post], me: &str, now: Millis) -> Ledger {
        let me_key = handle_key(me);
        let mut t = Touched::default();
        if !me_key.is_empty() && self.accounts.insert(me_key.clone()) {
            t.account = Some(me_key.clone());
            // Your replies seen before Rapport knew who you are answer their posts too.
            let mine: Vec<(String, Millis)> = self
                .posts
                .values()
                .filter(|p| same_handle(&p.author, &me_key))
                .filter_map(|p| Some((p.in_reply_to.clone()?, p.time)))
                .collect();
            for (id, at) in mine {
                if self.put_answer(id.clone(), at, AnswerHow::SeenReply) {
                    t.answers.push(id);
                }
            }
        }
        let seen = now - now.rem_euclid(SEEN_STEP_MS);
        let usable = |p: &&Post| {
            !p.promoted && !p.id.is_empty() && !p.author.trim_start_matches('@').is_empty()
        };
        for post in posts.iter().filter(usable) {
            let rec = SeenPost {
                author: post.author.trim_start_matches('@').to_string(),
                time: post.time.as_deref().and_then(parse_iso).unwrap_or(now),
                seen,
                in_reply_to: post.in_reply_to_id.clone().filter(|s| !s.is_empty()),
                reply_to: handle_set(&post.reply_to),
                mentions: handle_set(&post.mentions),
                line: first_line(&post.text),
                replied: post.counts.replies.is_some_and(|n| n > 0),
            };
            if self.put_post(post.id.clone(), rec) {
                t.posts.push(post.id.clone());
            }
            let mut people = vec![(&post.author, &post.name)];
            people.extend(post.quoted.as_ref().map(|q| (&q.author, &q.name)));
            for (handle, name) in people {
                let key = handle_key(handle);
                if !key.is_empty() && self.put_person(key.clone(), handle, name, seen) {
                    t.people.push(key);
                }
            }
        }
        // Relations, once the whole batch is in (a reply may come before its parent).
        for post in posts.iter().filter(usable) {
            let time = self.posts.get(&post.id).map_or(now, |p| p.time);
            let parent = post.in_reply_to_id.as_deref().filter(|s| !s.is_empty());
            let mut target = None;
            if let Some(parent) = parent {
                if let Some(p) = self.posts.get_mut(parent) {
                    if !p.replied {
                        p.replied = true;
                        t.posts.push(parent.to_string());
                    }
                    target = Some(handle_key(&p.author));
                }
                if !me_key.is_empty()
                    && same_handle(&post.author, &me_key)
                    && self.put_answer(parent.to_string(), time, AnswerHow::SeenReply)
                {
                    t.answers.push(parent.to_string());
                }
            }
            let target = target.or_else(|| post.reply_to.first().map(|h| handle_key(h)));
            if let Some(to) = target.filter(|t| !t.is_empty()) {
                let key = (handle_key(&post.author), to);
                if key.0 != key.1 && join::put_max(&mut self.links, key.clone(), time) {
                    t.links.push(key);
                }
            }
        }
        if self.posts.len() > Limits::DEFAULT.posts.max(self.next_check) {
            self.enforce_limits(&Limits::DEFAULT);
        }
        self.delta(t)
    }

    /// The current records under the keys a call touched, as a ledger.
    fn delta(&self, t: Touched) -> Ledger {
        let mut d = Ledger::default();
        if let Some(a) = t.account {
            d.accounts.insert(a);
        }
        for id in t.posts {
            if let Some(p) = self.posts.get(&id) {
                d.posts.insert(id, p.clone());
            }
        }
        for key in t.people {
            if let Some(p) = self.people.get(&key) {
                d.people.insert(key, p.clone());
            }
        }
        for key in t.links {
            if let Some(at) = self.links.get(&key) {
                d.links.insert(key, *at);
            }
        }
        for id in t.answers {
            if let Some(a) = self.answered.get(&id) {
                d.answered.insert(id, *a);
            }
        }
        d
    }

    /// Records that you sent a reply to `post_id` from X's composer at `now`.
    pub fn record_composer_reply(&mut self, post_id: &str, now: Millis) -> bool {
        self.put_answer(post_id.to_string(), now, AnswerHow::Composer)
    }

    /// Records that an imported archive holds your reply to `post_id`, posted at `at`.
    pub fn record_archive_reply(&mut self, post_id: &str, at: Millis) -> bool {
        self.put_answer(post_id.to_string(), at, AnswerHow::Archive)
    }

    /// Records a person you talked to outside the page (an archive names them), seen at
    /// `seen` (kept to the hour). Your own accounts are not people. Returns whether the
    /// people table changed.
    pub fn note_person(&mut self, handle: &str, name: &str, seen: Millis) -> bool {
        let key = handle_key(handle);
        if key.is_empty() || self.accounts.contains(&key) {
            return false;
        }
        let seen = seen - seen.rem_euclid(SEEN_STEP_MS);
        self.put_person(key, handle, name, seen)
    }

    /// Frees room when storage is full: drops the older half of other people's posts, people
    /// and links, by the eviction rule (your own posts, the answered set and the dismissed
    /// ids are kept). Returns how many records were dropped (0: nothing left to drop).
    pub fn shrink(&mut self) -> usize {
        let others = self
            .posts
            .values()
            .filter(|p| !self.is_account(&p.author))
            .count();
        let limits = Limits {
            posts: others / 2,
            people: self.people.len() / 2,
            links: self.links.len() / 2,
        };
        self.enforce_limits(&limits)
    }

    /// Records that you marked `post_id` "no reply needed" at `now`.
    pub fn dismiss(&mut self, post_id: &str, now: Millis) -> bool {
        if post_id.is_empty() {
            return false;
        }
        join::put_max(&mut self.dismissed, post_id.to_string(), now)
    }

    /// The post with status id `id`, if seen.
    pub fn post(&self, id: &str) -> Option<&SeenPost> {
        self.posts.get(id)
    }

    /// Every post kept, in no particular order.
    pub fn posts(&self) -> impl Iterator<Item = (&str, &SeenPost)> {
        self.posts.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many posts are kept (yours and others').
    pub fn post_count(&self) -> usize {
        self.posts.len()
    }

    /// Whether nothing at all is recorded.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
            && self.posts.is_empty()
            && self.people.is_empty()
            && self.links.is_empty()
            && self.answered.is_empty()
            && self.dismissed.is_empty()
    }

    /// The handles you were signed in as (lower case).
    pub fn accounts(&self) -> impl Iterator<Item = &str> {
        self.accounts.iter().map(String::as_str)
    }

    /// Whether `handle` is one of your accounts.
    pub fn is_account(&self, handle: &str) -> bool {
        self.accounts.iter().any(|a| same_handle(a, handle))
    }

    /// Your own posts: those by any of your accounts.
    pub fn own_posts(&self) -> impl Iterator<Item = (&str, &SeenPost)> {
        self.posts().filter(|(_, p)| self.is_account(&p.author))
    }

    /// The person with this handle (any case, with or without `@`), if seen.
    pub fn person(&self, handle: &str) -> Option<&Person> {
        self.people.get(&handle_key(handle))
    }

    /// Every person kept, in no particular order.
    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.values()
    }

    /// When `from` last replied to `to`, if seen.
    pub fn replied_at(&self, from: &str, to: &str) -> Option<Millis> {
        self.links.get(&(handle_key(from), handle_key(to))).copied()
    }

    /// Who replied to whom: `(from, to, last time)`, lower-case handles, in no particular order.
    pub fn links(&self) -> impl Iterator<Item = (&str, &str, Millis)> {
        self.links
            .iter()
            .map(|((f, t), at)| (f.as_str(), t.as_str(), *at))
    }

    /// Your (latest) answer to `post_id`, if any.
    pub fn answer(&self, post_id: &str) -> Option<Answer> {
        self.answered.get(post_id).copied()
    }

    /// Every post you answered, with the answer, in no particular order.
    pub fn answered(&self) -> impl Iterator<Item = (&str, Answer)> {
        self.answered.iter().map(|(k, a)| (k.as_str(), *a))
    }

    /// When you dismissed `post_id`, if you did.
    pub fn dismissed_at(&self, post_id: &str) -> Option<Millis> {
        self.dismissed.get(post_id).copied()
    }

    /// Every dismissed post id, with when, in no particular order.
    pub fn dismissed(&self) -> impl Iterator<Item = (&str, Millis)> {
        self.dismissed.iter().map(|(k, t)| (k.as_str(), *t))
    }

    /// Whether the post `rec` is addressed to one of your accounts: it names you ("Replying
    /// to", a mention), or replies to a post of yours.
    fn addressed_to_accounts(&self, rec: &SeenPost) -> bool {
        self.accounts.iter().any(|a| rec.names(a))
            || rec
                .in_reply_to
                .as_deref()
                .and_then(|id| self.posts.get(id))
                .is_some_and(|p| self.is_account(&p.author))
    }

    fn put_post(&mut self, id: String, rec: SeenPost) -> bool {
        match self.posts.entry(id) {
            Entry::Vacant(e) => {
                e.insert(rec);
                true
            }
            Entry::Occupied(mut e) => join::post(e.get_mut(), &rec),
        }
    }

    fn put_person(&mut self, key: String, handle: &str, name: &str, seen: Millis) -> bool {
        let person = Person {
            handle: handle.trim_start_matches('@').to_string(),
            name: name.trim().to_string(),
            seen,
        };
        match self.people.entry(key) {
            Entry::Vacant(e) => {
                e.insert(person);
                true
            }
            Entry::Occupied(mut e) => join::person(e.get_mut(), &person),
        }
    }

    fn put_answer(&mut self, id: String, at: Millis, how: AnswerHow) -> bool {
        if id.is_empty() {
            return false;
        }
        join::put_max(&mut self.answered, id, Answer { at, how })
    }
}

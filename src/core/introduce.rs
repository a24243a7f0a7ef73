//! Introductions: what two people have in common, drafts of the post that connects them,
//! pairs worth introducing, and the history of introductions made.
//!
//! # Input
//! A [`PersonProfile`] is what is known of one person: handle, name, bio, posts as
//! `(status id, text)` (newest first; evidence is taken in that order) and the handles they
//! talk to. [`profiles_from_ledger`] builds them from what the extension saw (the ledger keeps
//! only the **first line** of each post, so that is all it has), [`profiles_from_archive`] from
//! an X archive (its owner's posts that reply to, mention or repost each person). A
//! [`Corpus`] of everyone known weighs how distinctive each shared thing is.
//!
//! # Common ground
//! [`common_ground`] finds, for two people, each kind of [`Reason`]:
//! - **shared hashtags** (without case);
//! - **distinctive shared terms**: words from a Unicode-aware segmenter (see `words`), lower
//!   case, stop words of English, German, Spanish, French and Portuguese removed, a plural
//!   `s` folded; `@handles`, links and hashtags are not terms;
//! - **people both talk to** (from `talks_to` and the handles their posts name), never the
//!   two themselves;
//! - **link domains both share** (`www.`/`m.` dropped, links to X itself ignored);
//! - **similar life moments** from a small cue list (a new job, a move, a launch, a
//!   graduation, a new baby …, see `moments`).
//!
//! A post that is in both profiles (one post naming both people) is left out on both sides:
//! it shows you talking to both, not what they share.
//!
//! **Weighing.** Everything is weighed against all texts known (the [`Corpus`]: every post
//! of every profile once, by id, and every bio) — an inverse document frequency that also
//! minds how much each person posts. For a shared hashtag, term, person or domain with
//! `df` of the corpus's `T` texts showing it, its share is `p = (df + 1) / (T + 1)`; for a
//! person with `size` texts, `n` of them showing it, its **lift** is `ln(n / (size · p))`
//! (for someone known from one post this is just `ln(1/p)`, the IDF; for a prolific person
//! it asks whether they say it more than everyone does). The **strength** is
//! `min(lift_a, lift_b) × kind weight × word factor × (1 + ½·ln m)`, `m` the smaller `n`;
//! kind weights: hashtag 1.2, term 1.0, person 0.8, domain 0.8; the word factor is ½ for
//! common words and ¾ for words under five letters (they are the frequent ones), 1 else.
//! A thing is kept only when both lifts are at least `ln 2` (each shows it at least twice
//! as often as all texts do) and the strength is at least [`MIN_STRENGTH`]. A shared life
//! moment has strength [`MOMENT_STRENGTH`]. So two people with nothing distinctive in
//! common get **no reasons**: nothing is invented. The rest are ranked strongest first; ties
//! go by kind (moment, hashtag, term, person, domain), then key, so the order is stable and
//! the same for `(a, b)` and `(b, a)`; at most [`MAX_REASONS`] are kept, each with up to
//! [`MAX_EVIDENCE`] posts per side.
//!
//! # Drafts
//! [`introduce`] adds three phrasings (see `draft`) that mention `@a` and `@b` and name the
//! strongest common ground, the third quoting the evidence cut to fit; each is at most 280
//! weighted characters ([`crate::core::text::weighted_length`]). With no common ground,
//! one neutral draft that claims nothing.
//!
//! # Suggestions
//! [`suggest_pairs`] looks at the people you interact with (a reply either way between them
//! and one of your accounts, or a post of yours that names them; the [`MAX_CANDIDATES`]
//! most recent) who are known from at least [`SUGGEST_MIN_TEXTS`] texts (one post is too
//! little to call an interest shared). It pairs those never seen talking to each other (no
//! reply either way in the ledger, neither names the other in `talks_to`) and scores each
//! pair by its common ground with diminishing returns:
//! `score = Σ strengthᵢ / 2ⁱ` over the ranked reasons (i from 0, at most five), so one
//! strong reason counts most and each further one half as much as the one before. A pair
//! is suggested when `score ≥` [`SUGGEST_MIN_SCORE`]; the best come first (ties by handles),
//! each person in at most [`MAX_SUGGESTIONS_PER_PERSON`] suggestions, for variety.
//!
//! # History
//! An [`Introduction`] records who was introduced and when (when "Open in X" was pressed);
//! [`mark_connected`] marks it connected once the ledger shows the two talking to each
//! other after it: a reply either way, or a post of one naming the other.

mod draft;
mod moments;
#[cfg(test)]
mod tests;
mod words;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::core::archive::{Archive, sort_with};
use crate::core::ledger::{Ledger, handle_key};
use crate::core::post::{Handle, same_handle};
use crate::core::text::{self, EntityKind};
use crate::core::time::Millis;

pub use draft::MAX_LABEL_CHARS;

/// The most reasons [`common_ground`] returns.
pub const MAX_REASONS: usize = 10;

/// The most evidence posts per side of a reason.
pub const MAX_EVIDENCE: usize = 3;

/// Reasons weaker than this are not reasons.
pub const MIN_STRENGTH: f64 = 1.0;

/// The strength of a shared life moment.
pub const MOMENT_STRENGTH: f64 = 2.5;

/// A pair is suggested from this score (see the module docs).
pub const SUGGEST_MIN_SCORE: f64 = 4.0;

/// Only people known from at least this many texts (posts, or a bio) are suggested: one
/// post is too little to call an interest shared.
pub const SUGGEST_MIN_TEXTS: usize = 3;

/// A person appears in at most this many suggestions (the best ones), for variety.
pub const MAX_SUGGESTIONS_PER_PERSON: usize = 2;

/// At most this many people (the most recent you interacted with) are paired by
/// [`suggest_pairs`].
pub const MAX_CANDIDATES: usize = 200;

/// The least specificity of a shared thing: each of the two shows it at least twice as
/// often as all texts do (`ln 2`).
const MIN_LIFT: f64 = std::f64::consts::LN_2;

/// How much more posts showing a shared thing add (the `s` in `1 + s·ln m`).
const SUPPORT: f64 = 0.5;

/// What is known of one person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonProfile {
    /// Handle, without `@`.
    pub handle: Handle,
    /// Display name (may be empty).
    pub name: String,
    /// Bio (may be empty).
    pub bio: String,
    /// Posts as `(status id, text)`, newest first.
    pub posts: Vec<(String, String)>,
    /// Handles they talk to (reply to or mention), without `@`, unique.
    pub talks_to: Vec<Handle>,
}

impl PersonProfile {
    /// A profile with a handle and nothing else known.
    pub fn new(handle: &str) -> PersonProfile {
        PersonProfile {
            handle: handle.trim().trim_start_matches('@').to_string(),
            ..PersonProfile::default()
        }
    }

    /// Whether nothing but the handle is known.
    pub fn is_unknown(&self) -> bool {
        self.bio.trim().is_empty() && self.posts.is_empty() && self.talks_to.is_empty()
    }
}

/// The kinds of common ground, in the order ties are broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonKind {
    /// A similar life moment (new job, move, launch …).
    Moment,
    /// A hashtag both use.
    Hashtag,
    /// A distinctive word both use.
    Term,
    /// Someone both talk to.
    Person,
    /// A site both link to.
    Domain,
}

impl ReasonKind {
    fn weight(self) -> f64 {
        match self {
            ReasonKind::Moment => 1.0,
            ReasonKind::Hashtag => 1.2,
            ReasonKind::Term => 1.0,
            ReasonKind::Person | ReasonKind::Domain => 0.8,
        }
    }
}

/// One post (or the bio) that shows a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The status id; `None` for the bio.
    pub id: Option<String>,
    /// The text.
    pub text: String,
}

/// One thing two people have in common, with the posts that show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// What kind of common ground.
    pub kind: ReasonKind,
    /// The matching key: a lower-case hashtag, folded term, handle or domain, or a moment's
    /// key (`"new-job"`).
    pub key: String,
    /// As shown: `#Rust`, `sourdough`, `@carol`, `example.com`, `a new job`.
    pub label: String,
    /// How strong (see the module docs); higher is stronger.
    pub strength: f64,
    /// The first person's posts that show it (may be empty for a person known only from
    /// replies seen, which the ledger records without text).
    pub a: Vec<Evidence>,
    /// The second person's posts that show it.
    pub b: Vec<Evidence>,
}

/// Common ground between two people, and drafts of the introduction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intro {
    /// The first person's handle.
    pub a: Handle,
    /// The second person's handle.
    pub b: Handle,
    /// What they have in common, strongest first; empty when nothing real is known.
    pub reasons: Vec<Reason>,
    /// Drafts: three phrasings naming the strongest reason, or one neutral draft when there
    /// is none; each mentions both and fits 280 weighted characters.
    pub drafts: Vec<String>,
}

/// A pair worth introducing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// One person (the smaller handle, without case).
    pub a: Handle,
    /// The other.
    pub b: Handle,
    /// The score (see the module docs).
    pub score: f64,
    /// Their common ground, strongest first.
    pub reasons: Vec<Reason>,
}

/// An introduction you made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introduction {
    /// One person introduced.
    pub a: Handle,
    /// The other.
    pub b: Handle,
    /// When (Unix ms): when "Open in X" was pressed.
    pub at: Millis,
    /// When they were first seen talking to each other after it, if they were.
    pub connected: Option<Millis>,
}

/// Where a feature was seen: a post index, or the bio.
const BIO: u32 = u32::MAX;

type Key = (ReasonKind, String);

/// A feature's occurrences in one profile.
#[derive(Clone, Debug, Default)]
struct Occ {
    /// As first written.
    label: String,
    /// Post indices (or [`BIO`]), in profile order, unique.
    posts: Vec<u32>,
}

/// Everything comparable about one profile.
#[derive(Clone, Debug, Default)]
struct Features {
    keys: HashMap<Key, Occ>,
}

impl Features {
    fn add(&mut self, kind: ReasonKind, key: String, label: &str, at: u32) {
        let occ = self.keys.entry((kind, key)).or_default();
        if occ.label.is_empty() {
            occ.label = label.to_string();
        }
        if occ.posts.last() != Some(&at) {
            occ.posts.push(at);
        }
    }
}

/// The site of a link, as a key: lower case, without `www.`/`m.`/`mobile.`; `None` for links
/// to X itself.
fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = lower(host.split(':').next()?.trim_end_matches('.'));
    let host = ["www.", "m.", "mobile."]
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .unwrap_or(&host)
        .to_string();
    let host = match host.as_str() {
        "youtu.be" => "youtube.com".to_string(),
        _ => host,
    };
    let own = [
        "x.com",
        "twitter.com",
        "t.co",
        "pic.twitter.com",
        "pic.x.com",
    ];
    if host.is_empty() || !host.contains('.') || own.contains(&host.as_str()) {
        return None;
    }
    Some(host)
}

/// The features of one text (post `at` of a profile, or its bio).
fn text_features(f: &mut Features, text: &str, at: u32, owner: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut plain = String::with_capacity(text.len());
    let mut pos = 0;
    for e in text::extract_entities(text) {
        plain.extend(&chars[pos..e.start]);
        plain.push(' ');
        pos = e.end;
        match e.kind {
            EntityKind::Hashtag => {
                let key = lower(&e.text);
                f.add(ReasonKind::Hashtag, key, &format!("#{}", e.text), at);
                // A hashtag's words are terms too (so `#rust` meets "rust").
                words::for_each_word(&e.text, |w| add_term(f, w, at));
            }
            EntityKind::Mention => {
                if !same_handle(&e.text, owner) {
                    f.add(
                        ReasonKind::Person,
                        handle_key(&e.text),
                        &format!("@{}", e.text),
                        at,
                    );
                }
            }
            EntityKind::Url => {
                if let Some(d) = domain(&e.text) {
                    f.add(ReasonKind::Domain, d.clone(), &d, at);
                }
            }
            EntityKind::Cashtag => {
                let key = format!("${}", e.text.to_ascii_uppercase());
                f.add(ReasonKind::Term, key.to_ascii_lowercase(), &key, at);
            }
            EntityKind::List => {}
        }
    }
    plain.extend(&chars[pos..]);
    words::for_each_word(&plain, |w| add_term(f, w, at));
    for m in moments::moments(text) {
        f.add(ReasonKind::Moment, m.key().to_string(), m.label(), at);
    }
}

fn add_term(f: &mut Features, word: &str, at: u32) {
    if words::is_term(word) {
        let key = words::fold(word);
        if words::is_term(key) {
            f.add(ReasonKind::Term, key.to_string(), word, at);
        }
    }
}

/// The features of a profile (`owner`'s handle is never a person in common).
fn features(p: &PersonProfile) -> Features {
    let mut f = Features::default();
    let me = p.handle.as_str();
    for (i, (_, text)) in p.posts.iter().enumerate() {
        text_features(&mut f, text, i as u32, me);
    }
    if !p.bio.trim().is_empty() {
        text_features(&mut f, &p.bio, BIO, me);
    }
    for h in &p.talks_to {
        let key = handle_key(h);
        if !key.is_empty() && !same_handle(&key, me) {
            f.keys
                .entry((ReasonKind::Person, key))
                .or_insert_with(|| Occ {
                    label: format!("@{}", h.trim_start_matches('@')),
                    posts: Vec::new(),
                });
        }
    }
    f
}

/// Everything seen: how many texts (unique posts, and bios) show each feature.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    people: usize,
    members: HashSet<String>,
    texts: usize,
    ids: HashSet<String>,
    df: HashMap<Key, u32>,
}

impl Corpus {
    /// The corpus of `people` (each person counted once, by handle; each post once, by id,
    /// however many profiles hold it).
    pub fn new(people: &[PersonProfile]) -> Corpus {
        let mut c = Corpus::default();
        for p in people {
            c.add(p, &features(p));
        }
        c
    }

    fn add(&mut self, p: &PersonProfile, f: &Features) {
        if !self.members.insert(handle_key(&p.handle)) {
            return;
        }
        self.people += 1;
        let fresh: Vec<bool> = p
            .posts
            .iter()
            .map(|(id, _)| self.ids.insert(id.clone()))
            .collect();
        self.texts += fresh.iter().filter(|&&f| f).count() + usize::from(has_bio(p));
        for (k, occ) in &f.keys {
            let n = occ
                .posts
                .iter()
                .filter(|&&i| i == BIO || fresh[i as usize])
                .count();
            if n > 0 {
                *self.df.entry(k.clone()).or_default() += n as u32;
            }
        }
    }

    /// How many people it knows.
    pub fn people(&self) -> usize {
        self.people
    }

    /// How many texts (unique posts, and bios) it counts.
    pub fn texts(&self) -> usize {
        self.texts
    }

    /// Whether `handle` is one of its people.
    pub fn knows(&self, handle: &str) -> bool {
        self.members.contains(&handle_key(handle))
    }

    /// What `x` adds when it is not in the corpus: its texts the corpus lacks, as a mask
    /// over its posts (the bio last), or `None` when it is in.
    fn extra(&self, x: &Prepared) -> Option<Vec<bool>> {
        if self.knows(&x.p.handle) {
            return None;
        }
        let mut mask: Vec<bool> =
            x.p.posts
                .iter()
                .map(|(id, _)| !self.ids.contains(id))
                .collect();
        mask.push(has_bio(x.p));
        Some(mask)
    }
}

fn has_bio(p: &PersonProfile) -> bool {
    !p.bio.trim().is_empty()
}

/// A profile with its features.
struct Prepared<'a> {
    p: &'a PersonProfile,
    f: Features,
    ids: HashSet<&'a str>,
}

impl<'a> Prepared<'a> {
    fn new(p: &'a PersonProfile) -> Self {
        Prepared {
            p,
            f: features(p),
            ids: p.posts.iter().map(|(id, _)| id.as_str()).collect(),
        }
    }

    /// The posts of `occ` that are not also the other side's.
    fn own_posts(&self, occ: &Occ, other: &Prepared) -> Vec<u32> {
        occ.posts
            .iter()
            .copied()
            .filter(|&i| i == BIO || !other.ids.contains(self.p.posts[i as usize].0.as_str()))
            .collect()
    }

    fn evidence(&self, posts: &[u32]) -> Vec<Evidence> {
        posts
            .iter()
            .take(MAX_EVIDENCE)
            .map(|&i| match i {
                BIO => Evidence {
                    id: None,
                    text: self.p.bio.clone(),
                },
                _ => {
                    let (id, text) = &self.p.posts[i as usize];
                    Evidence {
                        id: Some(id.clone()),
                        text: text.clone(),
                    }
                }
            })
            .collect()
    }
}

/// The reasons two prepared profiles share, ranked.
fn ground(a: &Prepared, b: &Prepared, corpus: &Corpus) -> Vec<Reason> {
    if same_handle(&a.p.handle, &b.p.handle) {
        return Vec::new();
    }
    let (ka, kb) = (handle_key(&a.p.handle), handle_key(&b.p.handle));
    let (xa, xb) = (corpus.extra(a), corpus.extra(b));
    let count = |m: &Option<Vec<bool>>| m.as_ref().map_or(0, |m| m.iter().filter(|&&x| x).count());
    let texts = (corpus.texts + count(&xa) + count(&xb)) as f64;
    let extra_df = |m: &Option<Vec<bool>>, occ: &Occ| {
        m.as_ref().map_or(0, |m| {
            occ.posts
                .iter()
                .filter(|&&i| {
                    if i == BIO {
                        m[m.len() - 1]
                    } else {
                        m[i as usize]
                    }
                })
                .count()
        })
    };
    let (small, large) = if a.f.keys.len() <= b.f.keys.len() {
        (a, b)
    } else {
        (b, a)
    };
    let mut out = Vec::new();
    for (key, occ_s) in &small.f.keys {
        let Some(occ_l) = large.f.keys.get(key) else {
            continue;
        };
        let (kind, k) = key;
        if *kind == ReasonKind::Person && (k == &ka || k == &kb) {
            continue;
        }
        let (occ_a, occ_b) = if std::ptr::eq(small, a) {
            (occ_s, occ_l)
        } else {
            (occ_l, occ_s)
        };
        let pa = a.own_posts(occ_a, b);
        let pb = b.own_posts(occ_b, a);
        // A person both talk to may be known without a post (`talks_to`); anything else
        // needs a post (or the bio) on each side.
        let known_a = !pa.is_empty() || (*kind == ReasonKind::Person && occ_a.posts.is_empty());
        let known_b = !pb.is_empty() || (*kind == ReasonKind::Person && occ_b.posts.is_empty());
        if !known_a || !known_b {
            continue;
        }
        let strength = if *kind == ReasonKind::Moment {
            MOMENT_STRENGTH
        } else {
            let df = corpus.df.get(key).copied().unwrap_or(0) as usize
                + extra_df(&xa, occ_a)
                + extra_df(&xb, occ_b);
            let share = (df as f64 + 1.0) / (texts + 1.0);
            let lift = |n: usize, x: &Prepared| {
                let size = (x.p.posts.len() + usize::from(has_bio(x.p))).max(1) as f64;
                (n.max(1) as f64 / (size * share)).ln()
            };
            let spec = lift(pa.len(), a).min(lift(pb.len(), b));
            if spec < MIN_LIFT {
                continue;
            }
            let m = pa.len().min(pb.len()).max(1) as f64;
            let own = if *kind == ReasonKind::Term {
                words::term_factor(k)
            } else {
                1.0
            };
            spec * kind.weight() * own * (1.0 + SUPPORT * m.ln())
        };
        if strength < MIN_STRENGTH {
            continue;
        }
        out.push(Reason {
            kind: *kind,
            key: k.clone(),
            label: occ_a.label.clone(),
            strength: (strength * 1000.0).round() / 1000.0,
            a: a.evidence(&pa),
            b: b.evidence(&pb),
        });
    }
    // A term that is also a shared hashtag says the same thing twice.
    let tags: HashSet<String> = out
        .iter()
        .filter(|r| r.kind == ReasonKind::Hashtag)
        .map(|r| r.key.clone())
        .collect();
    out.retain(|r| r.kind != ReasonKind::Term || !tags.contains(&r.key));
    rank(&mut out);
    out.truncate(MAX_REASONS);
    out
}

/// Strongest first; ties by kind, then key.
fn rank(reasons: &mut Vec<Reason>) {
    sort_with(reasons, &|x: &Reason, y: &Reason| {
        y.strength
            .total_cmp(&x.strength)
            .then(x.kind.cmp(&y.kind))
            .then_with(|| x.key.cmp(&y.key))
    });
}

/// What `a` and `b` have in common, strongest first, weighed against `corpus` (which should
/// hold everyone known, these two included). Empty when nothing distinctive is shared, and
/// for one person twice.
pub fn common_ground(a: &PersonProfile, b: &PersonProfile, corpus: &Corpus) -> Vec<Reason> {
    ground(&Prepared::new(a), &Prepared::new(b), corpus)
}

/// Drafts introducing `a` and `b` (handles, with or without `@`) on `reasons` (strongest
/// first): three phrasings naming the strongest, or one neutral draft when there are none.
/// Each mentions both and fits 280 weighted characters (for handles of X's 15 characters at
/// most; absurdly long handles get no draft).
pub fn drafts(a: &str, b: &str, reasons: &[Reason]) -> Vec<String> {
    if same_handle(a, b) {
        return Vec::new();
    }
    draft::drafts(a, b, reasons)
}

/// Common ground between `a` and `b` and the drafts introducing them.
pub fn introduce(a: &PersonProfile, b: &PersonProfile, corpus: &Corpus) -> Intro {
    let reasons = common_ground(a, b, corpus);
    Intro {
        a: a.handle.clone(),
        b: b.handle.clone(),
        drafts: drafts(&a.handle, &b.handle, &reasons),
        reasons,
    }
}

/// The part of an evidence text to show for `reason`: the line that shows it, from a
/// little before the match, at most `max_chars` characters (the first line when the reason
/// is not written out, e.g. a life moment).
pub fn excerpt(evidence: &Evidence, reason: &Reason, max_chars: usize) -> String {
    draft::excerpt(&evidence.text, draft::needle(reason).as_deref(), max_chars)
}

/// The score of ranked reasons: `Σ strengthᵢ / 2ⁱ` over the first five.
pub fn score(reasons: &[Reason]) -> f64 {
    reasons
        .iter()
        .take(5)
        .enumerate()
        .map(|(i, r)| r.strength / f64::from(1u32 << i))
        .sum()
}

/// Pairs worth introducing among `people` (the corpus too): people you interact with
/// according to `ledger`, never seen talking to each other, with strong common ground;
/// the best `limit` first. See the module docs for the scoring.
pub fn suggest_pairs(people: &[PersonProfile], ledger: &Ledger, limit: usize) -> Vec<Suggestion> {
    let corpus = Corpus::new(people);
    // Whom you interact with, and when last.
    let mut last: HashMap<String, Millis> = HashMap::new();
    let mut touch = |h: &str, at: Millis| {
        let e = last.entry(handle_key(h)).or_insert(at);
        *e = (*e).max(at);
    };
    for (from, to, at) in ledger.links() {
        if ledger.is_account(from) {
            touch(to, at);
        } else if ledger.is_account(to) {
            touch(from, at);
        }
    }
    for (_, p) in ledger.own_posts() {
        for h in p.mentions.iter().chain(&p.reply_to) {
            touch(h, p.time);
        }
    }
    let mut seen = HashSet::new();
    let mut candidates: Vec<(&PersonProfile, Millis)> = people
        .iter()
        .filter(|p| p.posts.len() + usize::from(has_bio(p)) >= SUGGEST_MIN_TEXTS)
        .filter(|p| !ledger.is_account(&p.handle) && seen.insert(handle_key(&p.handle)))
        .filter_map(|p| Some((p, *last.get(&handle_key(&p.handle))?)))
        .collect();
    sort_with(
        &mut candidates,
        &|x: &(&PersonProfile, Millis), y: &(&PersonProfile, Millis)| {
            y.1.cmp(&x.1)
                .then_with(|| handle_key(&x.0.handle).cmp(&handle_key(&y.0.handle)))
        },
    );
    candidates.truncate(MAX_CANDIDATES);
    let prepared: Vec<Prepared> = candidates.iter().map(|(p, _)| Prepared::new(p)).collect();
    let talks = |x: &PersonProfile, y: &PersonProfile| {
        x.talks_to.iter().any(|h| same_handle(h, &y.handle))
            || ledger.replied_at(&x.handle, &y.handle).is_some()
    };
    let mut out = Vec::new();
    for (i, x) in prepared.iter().enumerate() {
        for y in &prepared[i + 1..] {
            if talks(x.p, y.p) || talks(y.p, x.p) {
                continue;
            }
            let reasons = ground(x, y, &corpus);
            let s = score(&reasons);
            if s < SUGGEST_MIN_SCORE {
                continue;
            }
            let (a, b, reasons) = if handle_key(&x.p.handle) <= handle_key(&y.p.handle) {
                (x.p, y.p, reasons)
            } else {
                let swapped = reasons
                    .into_iter()
                    .map(|r| Reason {
                        a: r.b,
                        b: r.a,
                        ..r
                    })
                    .collect();
                (y.p, x.p, swapped)
            };
            out.push(Suggestion {
                a: a.handle.clone(),
                b: b.handle.clone(),
                score: (s * 1000.0).round() / 1000.0,
                reasons,
            });
        }
    }
    sort_with(&mut out, &|x: &Suggestion, y: &Suggestion| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| handle_key(&x.a).cmp(&handle_key(&y.a)))
            .then_with(|| handle_key(&x.b).cmp(&handle_key(&y.b)))
    });
    // Variety: each person in at most MAX_SUGGESTIONS_PER_PERSON suggestions.
    let mut uses: HashMap<String, usize> = HashMap::new();
    out.retain(|s| {
        let (a, b) = (handle_key(&s.a), handle_key(&s.b));
        let ok = [&a, &b]
            .iter()
            .all(|k| uses.get(*k).copied().unwrap_or(0) < MAX_SUGGESTIONS_PER_PERSON);
        if ok {
            *uses.entry(a).or_default() += 1;
            *uses.entry(b).or_default() += 1;
        }
        ok
    });
    out.truncate(limit);
    out
}

/// Marks the introductions whose two people the ledger shows talking to each other after
/// the introduction (a reply either way, or a post of one naming the other, at or after
/// `at`); `connected` becomes the earliest such time known. Returns how many were newly
/// marked.
pub fn mark_connected(intros: &mut [Introduction], ledger: &Ledger) -> usize {
    // The earliest time each (from, to) pair was seen talking, from posts.
    let mut talked: HashMap<(String, String), Vec<Millis>> = HashMap::new();
    let wanted: HashSet<String> = intros
        .iter()
        .flat_map(|i| [handle_key(&i.a), handle_key(&i.b)])
        .collect();
    for (_, p) in ledger.posts() {
        let from = handle_key(&p.author);
        if !wanted.contains(&from) {
            continue;
        }
        for to in p.reply_to.iter().chain(&p.mentions) {
            if wanted.contains(to) && *to != from {
                talked
                    .entry((from.clone(), to.clone()))
                    .or_default()
                    .push(p.time);
            }
        }
    }
    let mut marked = 0;
    for intro in intros.iter_mut().filter(|i| i.connected.is_none()) {
        let (a, b) = (handle_key(&intro.a), handle_key(&intro.b));
        let from_posts = [(a.clone(), b.clone()), (b.clone(), a.clone())]
            .iter()
            .filter_map(|k| talked.get(k))
            .flatten()
            .copied()
            .filter(|&t| t >= intro.at)
            .min();
        let from_links = [ledger.replied_at(&a, &b), ledger.replied_at(&b, &a)]
            .into_iter()
            .flatten()
            .filter(|&t| t >= intro.at)
            .min();
        if let Some(at) = from_posts.into_iter().chain(from_links).min() {
            intro.connected = Some(at);
            marked += 1;
        }
    }
    marked
}

/// A post of a ledger profile before sorting: time, id, first line.
type DatedPost = (Millis, String, String);

/// Everyone in a ledger as profiles: their posts (first lines, newest first), whom they
/// talk to (replies seen, handles their posts name; never your own accounts), their name.
/// Sorted by handle.
pub fn profiles_from_ledger(ledger: &Ledger) -> Vec<PersonProfile> {
    let mut by: HashMap<String, (PersonProfile, Vec<DatedPost>)> = HashMap::new();
    for person in ledger.people() {
        let key = handle_key(&person.handle);
        let e = by
            .entry(key)
            .or_insert_with(|| (PersonProfile::new(&person.handle), Vec::new()));
        e.0.handle = person.handle.clone();
        e.0.name = person.name.clone();
    }
    for (id, p) in ledger.posts() {
        let e = by
            .entry(handle_key(&p.author))
            .or_insert_with(|| (PersonProfile::new(&p.author), Vec::new()));
        e.1.push((p.time, id.to_string(), p.line.clone()));
        for h in p.reply_to.iter().chain(&p.mentions) {
            if !ledger.is_account(h) && !same_handle(h, &p.author) {
                push_handle(&mut e.0.talks_to, h);
            }
        }
    }
    for (from, to, _) in ledger.links() {
        if ledger.is_account(to) {
            continue;
        }
        let e = by
            .entry(from.to_string())
            .or_insert_with(|| (PersonProfile::new(from), Vec::new()));
        push_handle(&mut e.0.talks_to, to);
    }
    let mut out: Vec<(String, (PersonProfile, Vec<DatedPost>))> = by.into_iter().collect();
    sort_with(&mut out, &|x, y| x.0.cmp(&y.0));
    out.into_iter()
        .map(|(_, (mut p, mut posts))| {
            newest_first(&mut posts);
            p.posts = posts.into_iter().map(|(_, id, line)| (id, line)).collect();
            sort_with(&mut p.talks_to, &|x: &String, y: &String| x.cmp(y));
            p
        })
        .collect()
}

/// Sorts dated posts newest first (ties by id, numerically).
fn newest_first(posts: &mut Vec<DatedPost>) {
    sort_with(posts, &|x, y| {
        (y.0, y.1.len(), &y.1).cmp(&(x.0, x.1.len(), &x.1))
    });
}

/// `s` in lower case, character by character (final-sigma rules aside).
pub(crate) fn lower(s: &str) -> String {
    // `text::case::lower` is `char::to_lowercase` without the standard library's 13 KB table.
    s.chars().flat_map(crate::core::text::case::lower).collect()
}

/// One person from the ledger (see [`profiles_from_ledger`]); a bare profile when unknown.
pub fn profile_from_ledger(ledger: &Ledger, handle: &str) -> PersonProfile {
    let key = handle_key(handle);
    let mut p = PersonProfile::new(handle);
    if let Some(person) = ledger.person(&key) {
        p.handle = person.handle.clone();
        p.name = person.name.clone();
    }
    let mut posts = Vec::new();
    for (id, post) in ledger.posts().filter(|(_, s)| handle_key(&s.author) == key) {
        posts.push((post.time, id.to_string(), post.line.clone()));
        for h in post.reply_to.iter().chain(&post.mentions) {
            if !ledger.is_account(h) && !same_handle(h, &key) {
                push_handle(&mut p.talks_to, h);
            }
        }
    }
    for (from, to, _) in ledger.links() {
        if from == key && !ledger.is_account(to) {
            push_handle(&mut p.talks_to, to);
        }
    }
    newest_first(&mut posts);
    p.posts = posts.into_iter().map(|(_, id, line)| (id, line)).collect();
    sort_with(&mut p.talks_to, &|x: &String, y: &String| x.cmp(y));
    p
}

fn push_handle(v: &mut Vec<Handle>, h: &str) {
    let key = handle_key(h);
    if !key.is_empty() && !v.contains(&key) {
        v.push(key);
    }
}

/// Everyone in an archive as profiles, sorted by handle. An archive holds only its owner's
/// posts, so a person is known by the owner's posts that reply to or mention them (what the
/// owner talked about with them) and the owner's reposts of them (their own words, as the
/// owner saw them: the text after `RT @handle:`). They talk to: the handles their reposted
/// posts name, and the others addressed in the owner's replies to them (the people in the
/// same conversations). The owner is in the list too, with their own posts (reposts aside),
/// so that the corpus weighs words against everything.
pub fn profiles_from_archive(archive: &Archive) -> Vec<PersonProfile> {
    let owner = handle_key(&archive.owner);
    let mut by: HashMap<String, PersonProfile> = HashMap::new();
    let mut me = PersonProfile::new(&archive.owner);
    me.name = archive.owner_name.clone();
    for post in archive.posts.iter().rev() {
        if let Some(who) = post.reposted.as_deref() {
            let key = handle_key(who);
            if key == owner {
                continue;
            }
            let text = post
                .text
                .split_once(':')
                .map_or(post.text.as_str(), |(_, t)| t.trim_start());
            let p = by
                .entry(key.clone())
                .or_insert_with(|| PersonProfile::new(who));
            p.posts.push((post.id.clone(), text.to_string()));
            for m in &post.mentions {
                if handle_key(m) != key && handle_key(m) != owner {
                    push_handle(&mut p.talks_to, m);
                }
            }
            continue;
        }
        me.posts.push((post.id.clone(), post.text.clone()));
        let mut named: Vec<&str> = Vec::new();
        for h in post
            .in_reply_to
            .iter()
            .chain(&post.reply_to)
            .chain(&post.mentions)
        {
            if handle_key(h) != owner && !named.iter().any(|n| same_handle(n, h)) {
                named.push(h);
            }
        }
        for h in &named {
            let key = handle_key(h);
            let p = by
                .entry(key.clone())
                .or_insert_with(|| PersonProfile::new(h));
            p.posts.push((post.id.clone(), post.text.clone()));
            for other in &post.reply_to {
                if handle_key(other) != key && handle_key(other) != owner {
                    push_handle(&mut p.talks_to, other);
                }
            }
        }
    }
    by.insert(owner, me);
    let mut out: Vec<(String, PersonProfile)> = by.into_iter().collect();
    sort_with(&mut out, &|x, y| x.0.cmp(&y.0));
    out.into_iter()
        .map(|(_, mut p)| {
            sort_with(&mut p.talks_to, &|x: &String, y: &String| x.cmp(y));
            p
        })
        .collect()
}

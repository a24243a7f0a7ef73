//! The post classifier: one kind per post, a pitch score and the evidence behind it.
//!
//! The rules are explainable by design. One pass of an Aho-Corasick automaton finds every
//! known cue phrase (English first-class; German, Spanish, French and Portuguese too) with
//! word-boundary checks, plus prices and discounts by small special rules (`scan`). Links are
//! sorted into shops, affiliate links, booking pages, content platforms and so on (`links`).
//! Each cue carries a weight towards one signal (`cues`); the signals add up, with diminishing
//! returns within a signal, into:
//!
//! - a **pitch score** `1 - exp(-z)` from the pitch evidence `z` (prices, discounts, offers,
//!   calls to buy, urgency, selling links), lowered by signs of buying rather than selling
//!   ("I'm buying…") and for replies; a post is a [`Kind::Pitch`] from [`PITCH_THRESHOLD`];
//! - otherwise a score per kind (introduction, promotion, inspiration, sharing, conversation)
//!   from its cues and the post's structure (a reply leans conversation, a quote sharing);
//!   the highest wins, and with no evidence at all the post keeps its structural kind
//!   (reply → conversation, repost or quote → sharing, else conversation).
//!
//! A repost is always sharing: passing on someone's post is not your own pitch.
//! Cues of one language count half in a post written in another (the language is guessed
//! from common words, or given), so text in a language the table does not know abstains to
//! its structural kind instead of raising false pitch warnings.
//! Every verdict names its evidence: the phrases and signals that decided it.

pub(crate) mod ac;
mod cues;
mod links;
mod scan;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::text::{self, EntityKind};
use cues::{GROUP_INFO, Lang, N_SIG, Sig, Special};
use links::{LinkInfo, LinkKind};
use scan::{Hit, Scan};

/// A post is a pitch when its pitch score reaches this.
pub const PITCH_THRESHOLD: f32 = 0.5;

/// The most evidence items a verdict lists.
const MAX_EVIDENCE: usize = 8;

/// The most links per post that are looked at.
const MAX_LINKS: usize = 8;

/// The most pitch evidence prices give without any other sign of selling (below the threshold).
const MAX_PRICES_ALONE: f32 = 0.6;

/// Calls to act short of a pitch count towards promotion from this much evidence.
const MIN_CALLS_PROMOTE: f32 = 0.35;

/// The cap on one signal's summed weight.
const SIGNAL_CAP: f32 = 1.6;

/// The kinds of posting: five that build trust, and the sales pitch.
/// Serialised lowercase: the page contract's `data-rapport-kind` values.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Talking to people: replies, questions, greetings, thanks.
    #[default]
    Conversation,
    /// Passing on others' wisdom or resources: reposts, quotes, links to others' work.
    Sharing,
    /// Encouragement, inspiring words and quotations.
    Inspiration,
    /// Connecting two people.
    Introduction,
    /// Your own articles, videos, talks, podcasts: not selling.
    Promotion,
    /// Selling a product or service: prices, discounts, offers, calls to buy, urgency.
    Pitch,
}

impl Kind {
    /// Every kind, in the order charts list them.
    pub const ALL: [Kind; 6] = [
        Kind::Conversation,
        Kind::Sharing,
        Kind::Inspiration,
        Kind::Introduction,
        Kind::Promotion,
        Kind::Pitch,
    ];

    /// The lowercase name (`"conversation"` …), as in the page contract.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Conversation => "conversation",
            Kind::Sharing => "sharing",
            Kind::Inspiration => "inspiration",
            Kind::Introduction => "introduction",
            Kind::Promotion => "promotion",
            Kind::Pitch => "pitch",
        }
    }

    /// The kind called `name`, if any.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Position in [`Kind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One post to classify: its text and what the page or archive says about it.
#[derive(Clone, Copy, Debug, Default)]
pub struct PostInput<'a> {
    /// The text as shown (links as their expanded URLs where known).
    pub text: &'a str,
    /// A reply to another post (its leading `@handles` are addressees, not mentions).
    pub is_reply: bool,
    /// A repost of someone else's post (also recognised from a leading `RT @handle:`).
    pub is_repost: bool,
    /// A quote of another post.
    pub is_quote: bool,
    /// The post's links, expanded; may be empty. URLs written in the text are found too.
    pub links: &'a [String],
    /// The author's own sites: a domain (`example.com`, with its subdomains) or a domain
    /// with a path (`youtube.com/@me`). Links there count as promoting your own work.
    pub own_domains: &'a [String],
    /// The post's language as X tags it (`"de"`), if known; guessed from the text otherwise.
    pub lang: Option<&'a str>,
}

impl<'a> PostInput<'a> {
    /// A standalone post with this text and nothing else known.
    pub fn new(text: &'a str) -> Self {
        PostInput {
            text,
            ..PostInput::default()
        }
    }
}

/// What the classifier decided about a post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The kind of post.
    pub kind: Kind,
    /// How much the post reads as a sales pitch, 0..1 (a pitch from [`PITCH_THRESHOLD`]).
    pub pitch: f32,
    /// What decided it, human-readable: quoted phrases (`"\"20% off\""`) and signals
    /// (`"link to gumroad.com"`, `"reply"`). Never empty.
    pub evidence: Vec<String>,
}

impl Verdict {
    /// Whether the post is a sales pitch.
    pub fn is_pitch(&self) -> bool {
        self.kind == Kind::Pitch
    }
}

/// Builds the cue automaton now rather than on the first post (e.g. at start-up).
pub fn warm_up() {
    scan::warm_up();
}

/// Summed weights of one signal, with diminishing returns: the strongest cue counts fully,
/// the others half, up to [`SIGNAL_CAP`].
#[derive(Clone, Copy, Debug, Default)]
struct Acc {
    max: f32,
    sum: f32,
}

impl Acc {
    fn add(&mut self, w: f32) {
        self.max = self.max.max(w);
        self.sum += w;
    }

    fn value(&self) -> f32 {
        self.value_with(0.5)
    }

    /// The value when each cue after the strongest counts `rest` of its weight.
    fn value_with(&self, rest: f32) -> f32 {
        (self.max + rest * (self.sum - self.max)).min(SIGNAL_CAP)
    }
}

/// The signals that make a pitch.
const PITCH_SIGS: [Sig; 6] = [
    Sig::Price,
    Sig::Discount,
    Sig::Offer,
    Sig::Call,
    Sig::Urgency,
    Sig::Scheme,
];

/// Which kind a signal is evidence for (pitch signals and buying count as pitch).
fn sig_kind(sig: Sig) -> Kind {
    match sig {
        Sig::Price
        | Sig::Discount
        | Sig::Offer
        | Sig::Call
        | Sig::Urgency
        | Sig::Scheme
        | Sig::Consumer => Kind::Pitch,
        Sig::OwnWork
        | Sig::SelfPromo
        | Sig::Attention
        | Sig::Artifact
        | Sig::Create
        | Sig::Released
        | Sig::Own => Kind::Promotion,
        Sig::Intro | Sig::IntroWeak => Kind::Introduction,
        Sig::Encourage | Sig::Uplift => Kind::Inspiration,
        Sig::Share => Kind::Sharing,
        Sig::Greet | Sig::Ask | Sig::Chat => Kind::Conversation,
    }
}

/// The language of the post: X's tag if it names one, else the language whose common
/// words outnumber English ones, else English.
fn post_lang(hint: Option<&str>, words: &[u16; 6]) -> Lang {
    if let Some(code) = hint {
        let base = code.split(['-', '_']).next().unwrap_or("");
        match base.to_ascii_lowercase().as_str() {
            "en" => return Lang::En,
            "de" => return Lang::De,
            "es" => return Lang::Es,
            "fr" => return Lang::Fr,
            "pt" => return Lang::Pt,
            // X's codes for "undetermined", hashtags only, media only, and so on.
            "" | "und" | "zxx" | "art" => {}
            b if b.starts_with('q') && b.len() == 3 => {}
            _ => return Lang::Other,
        }
    }
    let en = words[scan::lang_index(Lang::En)];
    let (best, count) = [Lang::De, Lang::Es, Lang::Fr, Lang::Pt]
        .into_iter()
        .map(|l| (l, words[scan::lang_index(l)]))
        .fold((Lang::En, 0), |acc, x| if x.1 > acc.1 { x } else { acc });
    if count > en { best } else { Lang::En }
}

/// How much a cue of language `cue` counts in a post written in `post`.
fn lang_factor(cue: Lang, post: Lang) -> f32 {
    if cue == Lang::Any || cue == post || post == Lang::En {
        1.0
    } else if cue == Lang::En {
        0.5
    } else {
        0.7
    }
}

/// Whether `text` may hold a mention or a URL (an `@`, or a dot between a letter or digit and
/// a letter, as in `example.com`): a cheap test that spares most posts the full extraction.
fn may_have_entities(text: &str) -> bool {
    let b = text.as_bytes();
    b.contains(&b'@')
        || b.windows(3).any(|w| {
            w[1] == b'.'
                && (w[0].is_ascii_alphanumeric() || w[0] >= 0x80)
                && (w[2].is_ascii_alphabetic() || w[2] >= 0x80)
        })
        // Full-width or other non-ASCII dots and at signs.
        || text.contains(['＠', '。', '．', '｡'])
}

/// Mentions at the very start of the text (`@a @b hello` → 2): a reply's addressees.
fn leading_mentions(text: &str) -> usize {
    text.split_whitespace()
        .take_while(|t| t.len() > 1 && t.starts_with('@'))
        .count()
}

/// Everything measured about one post, before the decision.
struct Analysis<'t> {
    text: &'t str,
    scan: Scan,
    lang: Lang,
    content_mentions: usize,
    links: [Option<LinkInfo<'t>>; MAX_LINKS],
    repost: bool,
    reply: bool,
    addressed: bool,
    quote: bool,
}

impl Analysis<'_> {
    /// The weight a hit contributes (0 when its rule does not apply in this post).
    fn weight(&self, h: &Hit) -> f32 {
        let g = &GROUP_INFO[h.group as usize];
        let has_amount = || {
            self.scan.hits().iter().any(|x| {
                let xg = &GROUP_INFO[x.group as usize];
                xg.sig == Sig::Price && xg.special != Special::Period
            })
        };
        if g.special == Special::Period && !has_amount() {
            return 0.0;
        }
        if g.sig == Sig::IntroWeak && self.content_mentions < 2 {
            return 0.0;
        }
        if g.sig == Sig::Uplift && (self.content_mentions > 0 || self.links().next().is_some()) {
            return 0.0;
        }
        let mut w = cues::weight(h.group, h.cue) * lang_factor(g.lang, self.lang);
        if g.sig == Sig::Intro && self.content_mentions == 0 {
            w *= 0.35;
        }
        w
    }

    fn links(&self) -> impl Iterator<Item = &LinkInfo<'_>> {
        self.links.iter().flatten()
    }
}

/// How close (in bytes) the words of "I just recorded a new video" must be.
const NEAR: usize = 25;

/// Own work, composed from nearby words: a piece of work made ("recorded a tutorial") or
/// released ("episode 42 is live"), by the author ("I", "our") or as a headline at the start
/// of the post. Returns the promotion evidence and the two hits that made it.
fn compose(a: &Analysis) -> (f32, Option<(Hit, Hit)>) {
    let hits = a.scan.hits();
    let sig = |h: &Hit| GROUP_INFO[h.group as usize].sig;
    let own_in = |from: usize, to: usize| {
        let from_near = from.saturating_sub(NEAR);
        hits.iter()
            .any(|o| sig(o) == Sig::Own && o.start >= from_near && o.end <= to)
            || word_i_in(a.text, from_near, to)
    };
    let mut best = (0.0, None);
    for art in hits.iter().filter(|h| sig(h) == Sig::Artifact) {
        for other in hits.iter() {
            let (score, pair) = match sig(other) {
                // "recorded a short tutorial", "I just put out a video"
                Sig::Create if other.end <= art.start && art.start - other.end <= NEAR => {
                    let s = if own_in(other.start, art.start) {
                        0.9
                    } else if other.start <= 20 {
                        0.45
                    } else {
                        0.0
                    };
                    (s, (*other, *art))
                }
                // "our research on sleep is out", "Episode 42 is live"
                Sig::Released if art.end <= other.start && other.start - art.end <= 2 * NEAR => {
                    let s = if own_in(art.start, art.start) {
                        0.9
                    } else if art.start <= 20 {
                        0.45
                    } else {
                        0.0
                    };
                    (s, (*art, *other))
                }
                _ => continue,
            };
            if score > best.0 {
                best = (score, Some(pair));
            }
        }
    }
    if best.1.is_none() && a.links().next().is_some() {
        // "I spent the weekend writing up how we…" + a link.
        for c in hits.iter().filter(|h| sig(h) == Sig::Create) {
            if own_in(c.start, c.start) {
                return (0.5, Some((*c, *c)));
            }
        }
    }
    best
}

/// Whether the word "I" stands in `text[from..to]` (byte offsets, adjusted to characters).
fn word_i_in(text: &str, from: usize, to: usize) -> bool {
    let (mut from, mut to) = (from.min(text.len()), to.min(text.len()));
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to]
        .split(|c: char| !(scan::is_word(c) || c == '\'' || c == '\u{2019}'))
        .any(|w| w == "I" || w == "i")
}

/// The scores that decide the verdict.
struct Scores {
    pitch: f32,
    kinds: [f32; 6],
    promo_cues: bool,
    calls_promote: bool,
    composed_by: Option<(Hit, Hit)>,
}

fn score(a: &Analysis) -> Scores {
    let mut acc = [Acc::default(); N_SIG];
    for h in a.scan.hits() {
        let w = a.weight(h);
        if w > 0.0 {
            acc[GROUP_INFO[h.group as usize].sig.index()].add(w);
        }
    }
    // A second price adds little: news and comparisons name several amounts.
    let v = |s: Sig| {
        let a = &acc[s.index()];
        if s == Sig::Price {
            a.value_with(0.2)
        } else {
            a.value()
        }
    };
    let (composed, composed_by) = compose(a);
    let promo_cues = v(Sig::OwnWork) + v(Sig::SelfPromo) + v(Sig::Attention) + composed;

    let (mut link_pitch, mut link_promo, mut link_share) =
        (Acc::default(), Acc::default(), Acc::default());
    for l in a.links() {
        match l.kind {
            LinkKind::Own => link_promo.add(1.2),
            LinkKind::Content | LinkKind::Other | LinkKind::Post => {
                if promo_cues > 0.0 {
                    link_promo.add(0.3);
                } else {
                    link_share.add(if l.kind == LinkKind::Post { 0.6 } else { 0.5 });
                }
            }
            k => link_pitch.add(k.pitch_weight()),
        }
    }

    // Calls to act (subscribe, sign up, donate, a shop link) that fall short of a pitch
    // still promote something.
    let calls = v(Sig::Call) + v(Sig::Scheme) + v(Sig::Offer) + link_pitch.value();
    let calls_promote = calls >= MIN_CALLS_PROMOTE;

    let mut z: f32 = PITCH_SIGS.iter().map(|&s| v(s)).sum::<f32>() + link_pitch.value();
    // Prices alone (a shopping list, a budget, the news) never make a pitch.
    if z - v(Sig::Price) <= 0.0 {
        z = z.min(MAX_PRICES_ALONE);
    }
    z -= v(Sig::Consumer).min(1.0);
    if a.reply || a.addressed {
        z *= 0.85;
    }
    let mut pitch = 1.0 - (-z.max(0.0)).exp();
    if a.repost {
        pitch *= 0.5;
    }

    let mut kinds = [0.0f32; 6];
    kinds[Kind::Conversation.index()] = v(Sig::Greet)
        + v(Sig::Ask)
        + v(Sig::Chat)
        + 0.5 * v(Sig::Consumer)
        + if a.reply {
            1.2
        } else if a.addressed {
            0.8
        } else {
            0.0
        };
    kinds[Kind::Sharing.index()] =
        v(Sig::Share) + link_share.value() + if a.quote { 0.8 } else { 0.0 };
    kinds[Kind::Inspiration.index()] = v(Sig::Encourage) + v(Sig::Uplift);
    let intro = v(Sig::Intro) + v(Sig::IntroWeak);
    kinds[Kind::Introduction.index()] = if intro > 0.0 && a.content_mentions >= 2 {
        intro + 0.4
    } else {
        intro
    };
    kinds[Kind::Promotion.index()] =
        promo_cues + link_promo.value() + if calls_promote { 0.8 * calls } else { 0.0 };
    Scores {
        pitch,
        kinds,
        promo_cues: promo_cues > 0.0,
        calls_promote,
        composed_by,
    }
}

/// Human-readable evidence for a link.
fn link_evidence(l: &LinkInfo) -> String {
    let site = l.site;
    match l.kind {
        LinkKind::Shop => format!("link to {site}"),
        LinkKind::Affiliate => format!("affiliate link ({site})"),
        LinkKind::Booking => format!("booking link ({site})"),
        LinkKind::Funding => format!("asks for money ({site})"),
        LinkKind::Product => format!("product link ({site})"),
        LinkKind::Tickets => format!("ticket link ({site})"),
        LinkKind::Gig => format!("gig link ({site})"),
        LinkKind::PricingPage => format!("pricing page ({site})"),
        LinkKind::Own => format!("link to your own site ({site})"),
        LinkKind::Post => "link to a post".to_string(),
        LinkKind::Content | LinkKind::Other => format!("link to {site}"),
    }
}

fn push_unique(ev: &mut Vec<String>, item: String) {
    if ev.len() < MAX_EVIDENCE && !ev.contains(&item) {
        ev.push(item);
    }
}

/// The evidence for a verdict of `kind`.
fn evidence(a: &Analysis, s: &Scores, kind: Kind) -> Vec<String> {
    let mut ev = Vec::new();
    // Structure first, where it counted.
    match kind {
        Kind::Sharing if a.repost => ev.push("repost".to_string()),
        Kind::Sharing if a.quote => ev.push("quote".to_string()),
        Kind::Conversation if a.reply => ev.push("reply".to_string()),
        Kind::Conversation if a.addressed => ev.push("addressed to someone".to_string()),
        _ => {}
    }
    for h in a.scan.hits() {
        let g = &GROUP_INFO[h.group as usize];
        let hk = sig_kind(g.sig);
        let counts = if kind == Kind::Pitch {
            PITCH_SIGS.contains(&g.sig)
        } else if kind == Kind::Promotion && s.calls_promote {
            hk == kind || matches!(g.sig, Sig::Call | Sig::Scheme | Sig::Offer)
        } else {
            hk == kind && g.sig != Sig::Consumer
        };
        // Composed signals are shown only when they composed; "I" and "we" never.
        let shown = match g.sig {
            Sig::Own => false,
            Sig::Artifact | Sig::Create | Sig::Released => {
                s.composed_by.is_some_and(|(x, y)| *h == x || *h == y)
            }
            _ => true,
        };
        if !counts || !shown || a.weight(h) <= 0.0 {
            continue;
        }
        let item = match g.special {
            Special::Question => "question".to_string(),
            Special::QuoteMark => "quotation".to_string(),
            _ => format!("\"{}\"", a.text[h.start..h.end].trim()),
        };
        push_unique(&mut ev, item);
    }
    for l in a.links() {
        let shown = match l.kind {
            LinkKind::Own => kind == Kind::Promotion,
            LinkKind::Content | LinkKind::Other | LinkKind::Post => {
                (kind == Kind::Promotion && s.promo_cues)
                    || (kind == Kind::Sharing && !s.promo_cues)
            }
            _ => kind == Kind::Pitch || (kind == Kind::Promotion && s.calls_promote),
        };
        if shown {
            push_unique(&mut ev, link_evidence(l));
        }
    }
    if kind == Kind::Introduction && a.content_mentions >= 2 {
        push_unique(&mut ev, format!("{} people mentioned", a.content_mentions));
    }
    if ev.is_empty() {
        ev.push(
            if a.reply {
                "reply"
            } else if a.quote {
                "quote"
            } else {
                "no known cues"
            }
            .to_string(),
        );
    }
    ev
}

/// Classifies one post: its kind, its pitch score and the evidence.
pub fn classify(input: &PostInput) -> Verdict {
    let t = input.text;
    let repost = input.is_repost || t.starts_with("RT @");

    // URLs and mentions, the way X reads them.
    let entities = if may_have_entities(t) {
        text::extract_entities(t)
    } else {
        Vec::new()
    };
    let mut skip = [(0usize, 0usize); MAX_LINKS];
    let mut n_skip = 0;
    let mut mentions = 0usize;
    for e in &entities {
        match e.kind {
            EntityKind::Url if n_skip < MAX_LINKS => {
                if let Some(i) = t.find(e.text.as_str()) {
                    skip[n_skip] = (i, i + e.text.len());
                    n_skip += 1;
                }
            }
            EntityKind::Mention => mentions += 1,
            _ => {}
        }
    }
    let leading = leading_mentions(t);
    let content_mentions = if input.is_reply || repost {
        mentions.saturating_sub(leading)
    } else {
        mentions
    };

    let scan = scan::scan(t, &skip[..n_skip]);
    let lang = post_lang(input.lang, &scan.lang_words);

    let mut links = [None; MAX_LINKS];
    let urls = input.links.iter().map(String::as_str).chain(
        entities
            .iter()
            .filter(|e| e.kind == EntityKind::Url)
            .map(|e| e.text.as_str()),
    );
    for (slot, url) in links.iter_mut().zip(urls) {
        *slot = links::classify_link(url, input.own_domains);
    }

    let analysis = Analysis {
        text: t,
        scan,
        lang,
        content_mentions,
        links,
        repost,
        reply: input.is_reply,
        addressed: !input.is_reply && !repost && leading > 0,
        quote: input.is_quote,
    };
    let scores = score(&analysis);

    let kind = if repost {
        Kind::Sharing
    } else if scores.pitch >= PITCH_THRESHOLD {
        Kind::Pitch
    } else {
        // Highest score wins; ties go to the rarer, more specific kind.
        let order = [
            Kind::Introduction,
            Kind::Promotion,
            Kind::Inspiration,
            Kind::Sharing,
            Kind::Conversation,
        ];
        let mut best = None;
        let mut best_score = 0.0;
        for k in order {
            if scores.kinds[k.index()] > best_score {
                best = Some(k);
                best_score = scores.kinds[k.index()];
            }
        }
        best.unwrap_or(if input.is_quote {
            Kind::Sharing
        } else {
            Kind::Conversation
        })
    };
    let evidence = evidence(&analysis, &scores, kind);
    Verdict {
        kind,
        pitch: scores.pitch,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(text: &str) -> Verdict {
        classify(&PostInput::new(text))
    }

    fn reply(text: &str) -> Verdict {
        classify(&PostInput {
            is_reply: true,
            ..PostInput::new(text)
        })
    }

    fn with_links(text: &str, links: &[String]) -> Verdict {
        classify(&PostInput {
            links,
            ..PostInput::new(text)
        })
    }

    #[test]
    fn kinds_serialise_lowercase() {
        assert_eq!(serde_json::to_string(&Kind::Pitch).unwrap(), "\"pitch\"");
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.name()), Some(k));
            assert_eq!(k.to_string(), k.name());
            assert_eq!(Kind::ALL[k.index()], k);
        }
        assert_eq!(Kind::from_name("spam"), None);
    }

    #[test]
    fn discounts_and_prices_are_pitches() {
        let v = post("Black Friday: 20% off all courses, use code BF20. Today only!");
        assert_eq!(v.kind, Kind::Pitch);
        assert!(v.pitch > 0.8, "{v:?}");
        assert!(v.evidence.contains(&"\"20% off\"".to_string()), "{v:?}");
        assert!(v.evidence.contains(&"\"Today only\"".to_string()), "{v:?}");

        let v = post("My course is $49 this week, grab your copy!");
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
        assert!(v.evidence.contains(&"\"$49\"".to_string()), "{v:?}");
    }

    #[test]
    fn dm_for_rates_and_link_in_bio() {
        assert_eq!(
            post("Taking new clients, DM me for rates").kind,
            Kind::Pitch
        );
        let v = post("New presets are live, link in bio. Only 20 left, last chance!");
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
    }

    #[test]
    fn shop_and_affiliate_links() {
        let links = vec!["https://anna.gumroad.com/l/notion".to_string()];
        let v = with_links("My Notion template, get it here", &links);
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
        assert!(
            v.evidence.contains(&"link to gumroad.com".to_string()),
            "{v:?}"
        );

        let links = vec!["https://amzn.to/3abc".to_string()];
        let v = with_links("The best headphones I've owned, on sale now", &links);
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
        assert!(v.evidence.contains(&"affiliate link (amzn.to)".to_string()));
    }

    #[test]
    fn buying_is_not_selling() {
        for text in [
            "I'm buying a new bike this weekend. Any recommendations under $800?",
            "50% of people never reply to a post.",
            "Just signed up for my first marathon!",
            "I paid $5 for a coffee today. Worth it.",
            "Sale season at the mall is chaos.",
        ] {
            let v = post(text);
            assert_ne!(v.kind, Kind::Pitch, "{text}: {v:?}");
            assert!(v.pitch < PITCH_THRESHOLD, "{text}: {v:?}");
        }
    }

    #[test]
    fn promotion_without_selling() {
        let v = post("New blog post: what I learned rewriting our parser in Rust");
        assert_eq!(v.kind, Kind::Promotion, "{v:?}");
        assert!(v.evidence.contains(&"\"New blog post\"".to_string()));
        let links = vec!["https://youtu.be/abc".to_string()];
        let v = with_links("My talk from RustConf is up!", &links);
        assert_eq!(v.kind, Kind::Promotion, "{v:?}");
        assert!(
            v.evidence.contains(&"link to youtu.be".to_string()),
            "{v:?}"
        );
    }

    #[test]
    fn own_domains_promote() {
        let links = vec!["https://blog.anna.dev/parsers".to_string()];
        let own = vec!["anna.dev".to_string()];
        let v = classify(&PostInput {
            links: &links,
            own_domains: &own,
            ..PostInput::new("Parsers, part two")
        });
        assert_eq!(v.kind, Kind::Promotion, "{v:?}");
        assert_eq!(v.evidence, vec!["link to your own site (blog.anna.dev)"]);
    }

    #[test]
    fn encouragement_is_inspiration() {
        let v = post("To everyone job hunting: rejection is redirection. You’ve got this.");
        assert_eq!(v.kind, Kind::Inspiration, "{v:?}");
        let v = post("\"Done is better than perfect.\" — Sheryl Sandberg");
        assert_eq!(v.kind, Kind::Inspiration, "{v:?}");
        assert!(v.evidence.contains(&"quotation".to_string()));
    }

    #[test]
    fn structure_decides_without_cues() {
        let v = reply("@bob the bridge was closed yesterday");
        assert_eq!(v.kind, Kind::Conversation);
        assert_eq!(v.evidence, vec!["reply"]);
        let v = classify(&PostInput {
            is_quote: true,
            ..PostInput::new("yes")
        });
        assert_eq!(v.kind, Kind::Sharing);
        assert_eq!(v.evidence, vec!["quote"]);
        let v = post("RT @nasa: Pillars of Creation, now in infrared.");
        assert_eq!(v.kind, Kind::Sharing);
        assert_eq!(v.evidence[0], "repost");
        let v = post("the bridge was closed yesterday");
        assert_eq!(v.kind, Kind::Conversation);
        assert_eq!(v.evidence, vec!["no known cues"]);
        let v = post("");
        assert_eq!(v.kind, Kind::Conversation);
        assert_eq!(v.pitch, 0.0);
    }

    #[test]
    fn reposts_are_sharing_even_of_pitches() {
        let v = classify(&PostInput {
            is_repost: true,
            ..PostInput::new("50% off today only, buy now!")
        });
        assert_eq!(v.kind, Kind::Sharing);
        assert!(v.pitch < 0.5);
    }

    #[test]
    fn conversation_cues() {
        assert_eq!(
            post("Good morning! What are you all working on?").kind,
            Kind::Conversation
        );
        let v = reply("@amy congrats on the launch!!");
        assert_eq!(v.kind, Kind::Conversation);
        assert_eq!(v.evidence, vec!["reply", "\"congrats\""]);
    }

    #[test]
    fn sharing_cues() {
        let v = post("Worth reading: the history of Unix pipes");
        assert_eq!(v.kind, Kind::Sharing, "{v:?}");
        let links = vec!["https://example.org/essay".to_string()];
        let v = with_links("Brilliant essay on boring technology", &links);
        assert_eq!(v.kind, Kind::Sharing, "{v:?}");
        assert!(v.evidence.contains(&"link to example.org".to_string()));
    }

    #[test]
    fn other_languages() {
        let v = post("Jetzt bestellen: 20% Rabatt mit dem Gutscheincode HERBST, nur heute!");
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
        let v = post("¡Solo hoy! 30% de descuento. Compra ahora.");
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
        let v = post("Dernière chance : -20% avec le code PRINTEMPS");
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
        let v = post("Promoção relâmpago! Garanta o seu pelo link na bio");
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
    }

    #[test]
    fn unknown_language_abstains() {
        // English cue words inside German text count half: no pitch.
        let v = post("das ist kein sale und kein link in bio, nur ein witz über die werbung");
        assert_ne!(v.kind, Kind::Pitch, "{v:?}");
        // A language the table does not know: structural kind.
        let v = classify(&PostInput {
            is_reply: true,
            lang: Some("ja"),
            ..PostInput::new("@yuki ありがとう、また来週")
        });
        assert_eq!(v.kind, Kind::Conversation);
        assert_eq!(v.evidence, vec!["reply"]);
        assert_eq!(v.pitch, 0.0);
    }

    #[test]
    fn language_guess() {
        let mut w = [0u16; 6];
        assert_eq!(post_lang(None, &w), Lang::En);
        w[scan::lang_index(Lang::De)] = 3;
        w[scan::lang_index(Lang::En)] = 1;
        assert_eq!(post_lang(None, &w), Lang::De);
        assert_eq!(post_lang(Some("en"), &w), Lang::En);
        assert_eq!(post_lang(Some("qme"), &w), Lang::De);
        assert_eq!(post_lang(Some("ja"), &w), Lang::Other);
        assert_eq!(post_lang(Some("pt-BR"), &w), Lang::Pt);
    }

    #[test]
    fn pitch_score_is_monotone_and_bounded() {
        let a = post("only $49").pitch;
        let b = post("only $49, buy now").pitch;
        let c = post("only $49, buy now, 20% off, today only, link in bio").pitch;
        assert!(a < b && b < c, "{a} {b} {c}");
        assert!((0.0..=1.0).contains(&c));
    }

    #[test]
    fn introductions_connect_people() {
        let v = post("@anna_codes meet @ben_ml, you two should talk about labelling tools!");
        assert_eq!(v.kind, Kind::Introduction, "{v:?}");
        assert!(
            v.evidence.contains(&"2 people mentioned".to_string()),
            "{v:?}"
        );
        // A reply's leading handles are addressees, not people being introduced.
        let v = reply("@anna @ben both of these are great points");
        assert_eq!(v.kind, Kind::Conversation, "{v:?}");
        // "Introducing" a product is not an introduction of people.
        let v = post("Introducing Parcel 3: faster builds, zero config.");
        assert_eq!(v.kind, Kind::Promotion, "{v:?}");
    }

    #[test]
    fn urls_in_the_text_count_and_their_words_do_not() {
        let v = post("Notion template, get it here: https://anna.gumroad.com/l/notion");
        assert_eq!(v.kind, Kind::Pitch, "{v:?}");
        assert!(
            v.evidence.contains(&"link to gumroad.com".to_string()),
            "{v:?}"
        );
        // "sale" and "buy-now" inside a URL are not cues.
        let v = post("history of the harbour https://example.org/sale/buy-now/today-only");
        assert_ne!(v.kind, Kind::Pitch, "{v:?}");
        assert!(!v.evidence.iter().any(|e| e.contains("today")), "{v:?}");
    }

    #[test]
    fn own_work_composed_from_nearby_words() {
        let v = post("I just put out a 20 minute video on organising notes");
        assert_eq!(v.kind, Kind::Promotion, "{v:?}");
        assert!(v.evidence.contains(&"\"video\"".to_string()), "{v:?}");
        let v = post("Episode 42 is live! A talk with a marine biologist.");
        assert_eq!(v.kind, Kind::Promotion, "{v:?}");
        // Someone else's work is not promotion.
        let v = post("this song made my whole week");
        assert_ne!(v.kind, Kind::Promotion, "{v:?}");
    }

    #[test]
    fn words_of_encouragement() {
        let v = post("Mistakes are proof that you are trying. Small progress is still progress.");
        assert_eq!(v.kind, Kind::Inspiration, "{v:?}");
    }

    #[test]
    fn prices_alone_are_not_a_pitch() {
        let v =
            post("Budget for the trip: flights 130€, hotel 225€, food 80€, museums 25€, bus 12€");
        assert_ne!(v.kind, Kind::Pitch, "{v:?}");
        assert!(v.pitch < PITCH_THRESHOLD);
    }

    #[test]
    fn reported_figures_are_not_prices() {
        let v = post("The city will donate $13.7 million ($2 billion over ten years) to schools");
        assert_ne!(v.kind, Kind::Pitch, "{v:?}");
        assert!(v.pitch < 0.25, "only \"donate\" is left: {v:?}");
    }

    #[test]
    fn every_verdict_has_evidence() {
        for text in ["", "hi", "?", "$", "@", "http://", "🙂🙂", "RT @x"] {
            assert!(!post(text).evidence.is_empty(), "{text:?}");
            assert!(!reply(text).evidence.is_empty(), "{text:?}");
        }
    }
}

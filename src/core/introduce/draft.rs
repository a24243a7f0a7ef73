//! Introduction drafts: three phrasings that mention both people and name their strongest
//! common ground, each within X's 280 weighted characters.
//!
//! Evidence quoted in a draft is cleaned first: `@handles` lose their `@` (a draft must not
//! notify third parties), links go (a link counts 23 and says little out of context), and
//! the quote is cut with `…` until the draft fits. Labels longer than [`MAX_LABEL_CHARS`]
//! are cut too. With no common ground there is one neutral draft that claims nothing.

use crate::core::introduce::moments::Moment;
use crate::core::introduce::{Reason, ReasonKind};
use crate::core::text::{self, EntityKind};

/// The longest label (term, hashtag, domain) named in a draft, in characters.
pub const MAX_LABEL_CHARS: usize = 40;

/// The weighted length a post may have.
const MAX_WEIGHTED: usize = 280;

/// `s` cut to `max` characters, with `…` when cut (at a word boundary when there is one in
/// the last third).
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let head: String = s.chars().take(max.saturating_sub(1)).collect();
    let at_space = head
        .rfind(char::is_whitespace)
        .filter(|&i| head[..i].chars().count() * 3 >= max * 2);
    let head = at_space.map_or(head.as_str(), |i| &head[..i]);
    format!("{}…", head.trim_end())
}

/// Text safe to quote in a draft: leading reply handles dropped, other handles without `@`,
/// links and line breaks gone, whitespace collapsed.
pub(crate) fn clean_quote(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut leading = true;
    for e in text::extract_entities(text) {
        let between: String = chars[pos..e.start].iter().collect();
        if !between.trim().is_empty() {
            leading = false;
        }
        out.push_str(&between);
        match e.kind {
            EntityKind::Url => {}
            EntityKind::Mention | EntityKind::List if leading => {}
            EntityKind::Mention | EntityKind::List => out.push_str(&e.text),
            _ => out.extend(&chars[e.start..e.end]),
        }
        pos = e.end;
    }
    out.extend(&chars[pos..]);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // Whatever still reads as a mention (an `@` the extractor did not take) loses its `@`.
    let out = out.replace(['@', '＠'], "");
    out.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '—' || c == '-')
        .to_string()
}

/// The part of `text` to show for a match of `needle` (lower case): the line holding it,
/// from a little before the match (at a word boundary, `…` marking the cut), at most
/// `max` characters; the first line when there is no needle or no match.
pub(crate) fn excerpt(text: &str, needle: Option<&str>, max: usize) -> String {
    let lines = || text.lines().map(str::trim).filter(|l| !l.is_empty());
    let hit = needle.filter(|n| !n.is_empty()).and_then(|n| {
        lines().find_map(|l| {
            let lower = crate::core::introduce::lower(l);
            let at = lower.find(n)?;
            // Lower-casing may change lengths: count characters to map back.
            Some((l, lower[..at].chars().count()))
        })
    });
    let (line, at) = hit.unwrap_or_else(|| (lines().next().unwrap_or(""), 0));
    let chars: Vec<char> = line.chars().collect();
    let lead = max / 4;
    let start = if at > lead && chars.len() > max {
        let from = at - lead;
        // Start at the next word.
        let next = (from..at)
            .find(|&i| chars[i].is_whitespace())
            .map_or(from, |i| i + 1);
        next.min(at)
    } else {
        0
    };
    let body: String = chars[start..].iter().collect();
    let body = if start > 0 {
        format!("…{body}")
    } else {
        body
    };
    cut(&body, max)
}

/// What both people do, after "you both" / "who both".
fn phrase(r: &Reason) -> String {
    let label = cut(&r.label, MAX_LABEL_CHARS);
    match r.kind {
        ReasonKind::Moment => Moment::from_key(&r.key)
            .map_or_else(|| format!("share {label}"), |m| m.phrase().to_string()),
        ReasonKind::Hashtag => format!("post about {label}"),
        ReasonKind::Term => format!("talk about {label}"),
        ReasonKind::Person => format!("talk with {}", label.trim_start_matches('@')),
        ReasonKind::Domain => format!("share links from {label}"),
    }
}

/// The first quotable evidence of one side, around its match of `r`.
fn quote(r: &Reason, ev: &[crate::core::introduce::Evidence]) -> String {
    ev.iter()
        .map(|e| clean_quote(&excerpt(&e.text, needle(r).as_deref(), 200)))
        .find(|q| q.chars().count() >= 3)
        .unwrap_or_default()
}

/// What to look for in a reason's evidence (lower case): the handle, the hashtag, the
/// folded term (`plant` finds `plants` too) or the domain; nothing for a life moment.
pub(crate) fn needle(r: &Reason) -> Option<String> {
    match r.kind {
        ReasonKind::Moment => None,
        ReasonKind::Person => Some(format!("@{}", r.key)),
        ReasonKind::Hashtag => Some(format!("#{}", r.key)),
        ReasonKind::Term | ReasonKind::Domain => Some(r.key.clone()),
    }
}

fn fits(s: &str) -> bool {
    text::weighted_length(s) <= MAX_WEIGHTED && text::fits(s)
}

/// Fills `make(qa, qb)` with the two quotes cut as little as needed to fit; `None` when even
/// empty quotes do not fit.
fn fit_quotes(qa: &str, qb: &str, make: impl Fn(&str, &str) -> String) -> Option<String> {
    let full = make(qa, qb);
    if fits(&full) {
        return Some(full);
    }
    let longest = qa.chars().count().max(qb.chars().count());
    let at = |n: usize| make(&cut(qa, n), &cut(qb, n));
    // The largest cut that fits (length grows with n, links aside: checked below).
    let (mut lo, mut hi) = (0usize, longest);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&at(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    (0..=lo).rev().map(at).find(|s| fits(s))
}

/// The drafts introducing `a` to `b` (handles without `@`) on `reasons` (strongest first).
pub(crate) fn drafts(a: &str, b: &str, reasons: &[Reason]) -> Vec<String> {
    let (a, b) = (a.trim_start_matches('@'), b.trim_start_matches('@'));
    let Some(first) = reasons.first() else {
        let neutral = format!("Meet @{a} and @{b}: I think you two should know each other.");
        return [neutral, format!("Meet @{a} and @{b}!")]
            .into_iter()
            .find(|s| fits(s))
            .into_iter()
            .collect();
    };
    let p1 = phrase(first);
    let p2 = reasons.get(1).map(phrase);
    let (qa, mut qb) = (quote(first, &first.a), quote(first, &first.b));
    if qa == qb {
        // The same words on both sides (one text seen twice): quote them once.
        qb.clear();
    }
    let mut out = Vec::new();
    let one = format!("Meet @{a} and @{b}: you both {p1}. I think you'd enjoy talking!");
    let both = match reasons.get(1) {
        Some(second) if second.kind == first.kind && first.kind != ReasonKind::Moment => {
            // "talk about glyphosate and climate", not "… and talk about climate".
            let label = cut(&second.label, MAX_LABEL_CHARS);
            format!("{p1} and {}", label.trim_start_matches('@'))
        }
        Some(_) => format!("{p1} and {}", p2.unwrap_or_default()),
        None => p1.clone(),
    };
    let two = format!("Introducing @{a} and @{b}, who both {both}. Say hello!");
    let two_short = format!("Introducing @{a} and @{b}, who both {p1}. Say hello!");
    let three = fit_quotes(&qa, &qb, |qa, qb| match (qa.is_empty(), qb.is_empty()) {
        (false, false) => {
            format!("Hi @{a} and @{b}! You both {p1}: “{qa}” and “{qb}”. Worth a chat?")
        }
        (false, true) => format!("Hi @{a} and @{b}! You both {p1} (“{qa}”). Worth a chat?"),
        (true, false) => format!("Hi @{a} and @{b}! You both {p1} (“{qb}”). Worth a chat?"),
        (true, true) => format!("Hi @{a} and @{b}! You both {p1}. Worth a chat?"),
    });
    for d in [
        Some(one),
        Some(two).filter(|t| fits(t)).or(Some(two_short)),
        three,
    ]
    .into_iter()
    .flatten()
    {
        if fits(&d) && !out.contains(&d) {
            out.push(d);
        }
    }
    if out.is_empty() {
        out.extend(Some(format!("Meet @{a} and @{b}!")).filter(|s| fits(s)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cleaned_and_cut() {
        assert_eq!(
            clean_quote("@bob @carol I agree with @dave, see https://example.com/x\nand more"),
            "I agree with dave, see and more"
        );
        assert_eq!(clean_quote("RT @nasa: Pillars"), "RT nasa: Pillars");
        assert_eq!(cut("hello world again", 12), "hello world…");
        assert_eq!(cut("short", 12), "short");
        assert_eq!(cut("abcdefghij", 4), "abc…");
        let text = "first line\nsecond line with a long lead before the word glyphosate in it";
        assert_eq!(
            excerpt(text, Some("glyphosate"), 30),
            "…word glyphosate in it"
        );
        assert_eq!(excerpt(text, Some("nothing"), 30), "first line");
        assert_eq!(excerpt(text, None, 5), "firs…");
        assert_eq!(excerpt("ÄÖÜ x", Some("x"), 10), "ÄÖÜ x");
    }
}

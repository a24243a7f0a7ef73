//! @mentions and lists, the reply screen name, #hashtags and $cashtags, found the way
//! twitter-text's patterns find them (hand-written scanners over code points).
//!
//! Each scanner mirrors a global regex search: a match consumes the character before its sigil
//! (that character must not be part of the previous match), and a match that is rejected by
//! the check of what follows it is still consumed.

use super::chars::{
    is_at_sign, is_directional, is_hash_sign, is_hashtag_alnum, is_hashtag_alpha, is_latin_accent,
    is_punct, is_screen_name_char, is_space,
};

/// A mention or list: the whole match (with `@`), the screen name and the list slug
/// (without the `/`), as code point ranges.
pub(crate) struct MentionMatch {
    pub start: usize,
    pub end: usize,
    pub name: (usize, usize),
    pub slug: Option<(usize, usize)>,
}

/// What may not directly follow a mention: another `@`, an accented Latin letter, or `://`.
fn bad_mention_end(chars: &[char], at: usize) -> bool {
    match chars.get(at) {
        Some(&c) if is_at_sign(c) || is_latin_accent(c) => true,
        _ => followed_by_scheme_sep(chars, at),
    }
}

fn followed_by_scheme_sep(chars: &[char], at: usize) -> bool {
    chars.get(at..at + 3) == Some(&[':', '/', '/'][..])
}

/// Characters that may not come right before a mention's `@`.
fn blocks_mention(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '_' | '!' | '#' | '$' | '%' | '&' | '*')
        || is_at_sign(c)
}

/// Whether the `@` at `j` has an acceptable prefix that starts at or after `from`.
fn mention_prefix_ok(chars: &[char], j: usize, from: usize) -> bool {
    if j == 0 {
        return true;
    }
    if j > from && !blocks_mention(chars[j - 1]) {
        return true;
    }
    // "RT", "rt" (any case), optionally followed by ':'.
    let k = if chars[j - 1] == ':' { j - 1 } else { j };
    if k < 2
        || k - 2 < from
        || !chars[k - 2].eq_ignore_ascii_case(&'r')
        || !chars[k - 1].eq_ignore_ascii_case(&'t')
    {
        return false;
    }
    if k == 2 {
        return true;
    }
    let p = chars[k - 3];
    k - 3 >= from && !(p.is_ascii_alphanumeric() || matches!(p, '_' | '+' | '~' | '.' | '-'))
}

/// Every @mention and @user/list in `chars`, in order.
pub(crate) fn find_mentions(chars: &[char]) -> Vec<MentionMatch> {
    let mut out = Vec::new();
    if !chars.iter().any(|&c| is_at_sign(c)) {
        return out;
    }
    let mut from = 0;
    for j in 0..chars.len() {
        if j < from || !is_at_sign(chars[j]) || !mention_prefix_ok(chars, j, from) {
            continue;
        }
        let name_len = chars[j + 1..]
            .iter()
            .take(20)
            .take_while(|&&c| is_screen_name_char(c))
            .count();
        if name_len == 0 {
            continue;
        }
        let name = (j + 1, j + 1 + name_len);
        let mut end = name.1;
        let mut slug = None;
        if chars.get(end) == Some(&'/') && chars.get(end + 1).is_some_and(char::is_ascii_alphabetic)
        {
            let rest = chars[end + 2..]
                .iter()
                .take(24)
                .take_while(|&&c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                .count();
            slug = Some((end + 1, end + 2 + rest));
            end += 2 + rest;
        }
        from = end;
        if !bad_mention_end(chars, end) {
            out.push(MentionMatch {
                start: j,
                end,
                name,
                slug,
            });
        }
    }
    out
}

/// The screen name a post replies to: an `@name` at the very start, after spaces or
/// directional marks only.
pub(crate) fn find_reply(chars: &[char]) -> Option<(usize, usize)> {
    let j = chars
        .iter()
        .position(|&c| !(is_space(c) || is_directional(c)))?;
    if !is_at_sign(chars[j]) {
        return None;
    }
    let len = chars[j + 1..]
        .iter()
        .take(20)
        .take_while(|&&c| is_screen_name_char(c))
        .count();
    if len == 0 || bad_mention_end(chars, j + 1 + len) {
        return None;
    }
    Some((j + 1, j + 1 + len))
}

/// Every #hashtag in `chars` as (start with `#`, end), in order, URLs not considered.
pub(crate) fn find_hashtags(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !chars.iter().any(|&c| is_hash_sign(c)) {
        return out;
    }
    let mut from = 0;
    for j in 0..chars.len() {
        if j < from || !is_hash_sign(chars[j]) {
            continue;
        }
        if j > 0 {
            let p = chars[j - 1];
            let boundary =
                matches!(p, '\u{FE0E}' | '\u{FE0F}') || !(is_hashtag_alnum(p) || p == '&');
            if j == from || !boundary {
                continue;
            }
        }
        if matches!(chars.get(j + 1), Some('\u{FE0F}' | '\u{20E3}')) {
            continue;
        }
        let run = chars[j + 1..]
            .iter()
            .take_while(|&&c| is_hashtag_alnum(c))
            .count();
        let tag = &chars[j + 1..j + 1 + run];
        if !tag.iter().any(|&c| is_hashtag_alpha(c)) {
            continue;
        }
        let end = j + 1 + run;
        from = end;
        let bad_end =
            chars.get(end).is_some_and(|&c| is_hash_sign(c)) || followed_by_scheme_sep(chars, end);
        if !bad_end {
            out.push((j, end));
        }
    }
    out
}

/// What may follow a cashtag: the end, a space, or punctuation.
fn ends_cashtag(chars: &[char], at: usize) -> bool {
    match chars.get(at) {
        None => true,
        Some(&c) => c.is_whitespace() || c == '\u{FEFF}' || is_punct(c),
    }
}

/// Every $cashtag in `chars` as (start with `$`, end), in order.
pub(crate) fn find_cashtags(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for j in 0..chars.len() {
        if chars[j] != '$' || j < from {
            continue;
        }
        if j > 0 && (j == from || !(is_space(chars[j - 1]) || is_directional(chars[j - 1]))) {
            continue;
        }
        let letters = |at: usize, max: usize| {
            chars
                .get(at..)
                .unwrap_or(&[])
                .iter()
                .take(max)
                .take_while(|c| c.is_ascii_alphabetic())
                .count()
        };
        let run = letters(j + 1, 6);
        let mut found = None;
        'outer: for len in (1..=run).rev() {
            let p = j + 1 + len;
            if matches!(chars.get(p), Some('.' | '_')) {
                for m in (1..=letters(p + 1, 2)).rev() {
                    if ends_cashtag(chars, p + 1 + m) {
                        found = Some(p + 1 + m);
                        break 'outer;
                    }
                }
            }
            if ends_cashtag(chars, p) {
                found = Some(p);
                break;
            }
        }
        if let Some(end) = found {
            from = end;
            out.push((j, end));
        }
    }
    out
}

/// Merges lists that are each sorted by start into one (on equal starts the earlier list
/// wins), dropping every item that starts before the previous kept one ends: twitter-text's
/// overlap rule, in linear time and without a generic sort.
pub(crate) fn merge_without_overlaps<T>(
    lists: Vec<Vec<T>>,
    range: impl Fn(&T) -> (usize, usize),
) -> Vec<T> {
    let total = lists.iter().map(Vec::len).sum();
    let mut iters: Vec<_> = lists
        .into_iter()
        .map(|l| l.into_iter().peekable())
        .collect();
    let mut out: Vec<T> = Vec::with_capacity(total);
    let mut last_end = 0;
    loop {
        let mut pick: Option<(usize, usize)> = None;
        for (k, it) in iters.iter_mut().enumerate() {
            if let Some(item) = it.peek() {
                let start = range(item).0;
                if pick.is_none_or(|(_, s)| start < s) {
                    pick = Some((k, start));
                }
            }
        }
        let Some((k, start)) = pick else {
            return out;
        };
        let Some(item) = iters[k].next() else {
            return out;
        };
        if out.is_empty() || start >= last_end {
            last_end = range(&item).1;
            out.push(item);
        }
    }
}

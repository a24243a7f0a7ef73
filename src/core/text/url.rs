//! URLs in post text, with and without protocol, found the way twitter-text's `extractUrl`
//! pattern finds them, by a hand-written scanner (no regex engine in the wasm).
//!
//! The pattern, piece by piece: a preceding character that is not a letter, digit, `@`, `$`
//! or `#` (or the start); an optional `http://` / `https://`; a domain of labels ending in a
//! known TLD (or punycode) not followed by a letter, digit, `@`, `+` or `-`; an optional port;
//! an optional path that ends on a sensible character (so a trailing `.` or `!` stays out);
//! an optional query. Without protocol only the ASCII domain names inside the match count,
//! and the match must not follow `-`, `_`, `.` or `/`. t.co links keep only their slug
//! (at most 40 characters) and query. Every label must fit DNS's 63 characters once punycoded.

use super::chars::{
    is_domain_char, is_hash_sign, is_invalid, is_latin_accent, is_letter_or_mark, is_path_char,
    is_path_end_char, is_query_char, is_query_end_char,
};
use super::tlds::{MAX_TLD_CHARS, is_country, is_generic};

const MAX_URL_LENGTH: usize = 4096;
const MAX_TCO_SLUG_LENGTH: usize = 40;
const MAX_LABEL_LENGTH: usize = 63;

/// The URLs in `chars` as (start, end) code point ranges, in order.
pub(crate) fn find_urls(chars: &[char]) -> Vec<(usize, usize)> {
    let mut urls = Vec::new();
    if !chars.contains(&'.') {
        return urls;
    }
    let domains = Runs::new(chars, chars.len(), true, |c| {
        is_domain_char(c) || c == '-' || c == '_'
    });
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let Some(m) = match_at(chars, &domains, i) else {
            i += 1;
            continue;
        };
        // The search goes on after the whole match, accepted or not.
        i = m.end.max(i + 1);
        accept(chars, &m, &mut urls);
    }
    urls
}

/// One match of the URL pattern, before the checks that may reject it.
struct RawUrl {
    /// The character consumed before the URL, if any.
    before: Option<char>,
    start: usize,
    has_protocol: bool,
    protocol_len: usize,
    domain: (usize, usize),
    has_path: bool,
    end: usize,
}

/// Whether `c` may precede a URL.
fn may_precede(c: char) -> bool {
    !(c.is_ascii_alphanumeric()
        || c == '@'
        || c == '＠'
        || c == '$'
        || is_hash_sign(c)
        || is_invalid(c))
}

/// The URL pattern matched at search position `i` (the preceding character, or the start).
fn match_at(chars: &[char], domains: &Runs, i: usize) -> Option<RawUrl> {
    if may_precede(chars[i]) {
        if let Some(m) = url_at(chars, domains, i + 1, Some(chars[i])) {
            return Some(m);
        }
    }
    if i == 0 {
        return url_at(chars, domains, 0, None);
    }
    None
}

fn starts_with_ignore_case(chars: &[char], at: usize, prefix: &str) -> bool {
    let mut k = at;
    for p in prefix.chars() {
        match chars.get(k) {
            Some(c) if c.eq_ignore_ascii_case(&p) => k += 1,
            _ => return false,
        }
    }
    true
}

/// The protocol length at `p` (`http://` or `https://`), or 0.
fn protocol_at(chars: &[char], p: usize) -> usize {
    if starts_with_ignore_case(chars, p, "https://") {
        8
    } else if starts_with_ignore_case(chars, p, "http://") {
        7
    } else {
        0
    }
}

fn url_at(chars: &[char], domains: &Runs, p: usize, before: Option<char>) -> Option<RawUrl> {
    if p >= chars.len() {
        return None;
    }
    let proto = protocol_at(chars, p);
    let (has_protocol, domain_start, domain_end) = match domains.domain_at(chars, p + proto) {
        Some(e) if proto > 0 => (true, p + proto, e),
        _ => (false, p, domains.domain_at(chars, p)?),
    };
    let mut end = domain_end;
    // Port.
    if chars.get(end) == Some(&':') {
        let digits = chars[end + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 0 {
            end += 1 + digits;
        }
    }
    // Path.
    let mut has_path = false;
    if chars.get(end) == Some(&'/') {
        has_path = true;
        end = path_end(chars, end + 1);
    }
    // Query.
    if chars.get(end) == Some(&'?') {
        if let Some(q) = query_end(chars, end + 1) {
            end = q;
        }
    }
    Some(RawUrl {
        before,
        start: p,
        has_protocol,
        protocol_len: if has_protocol { proto } else { 0 },
        domain: (domain_start, domain_end),
        has_path,
        end,
    })
}

/// A maximal run of label characters.
struct Run {
    start: usize,
    end: usize,
    /// Position of the last `_` in the run, if any.
    last_underscore: Option<usize>,
    /// End of a TLD right after the dot that follows the run, if a dot and a TLD follow.
    tld_end: Option<usize>,
    /// End of the longest domain starting at the run's first character (see [`Runs::new`]).
    domain_end: Option<usize>,
}

/// The label runs of a text, with what the domain pattern needs precomputed so that finding
/// the domain at any position takes constant time (the scan stays linear even on hostile
/// input such as `a.a.a.a…`).
struct Runs {
    /// For each position, the index of its run plus one (0: not a label character).
    run_of: Vec<u32>,
    runs: Vec<Run>,
    /// Labels must start and end with a domain character (and names have no `_`).
    strict: bool,
}

impl Runs {
    /// Runs of `label_char` characters within `chars[..limit]`; a TLD's lookahead stops at
    /// `limit` as if the text ended there.
    fn new(chars: &[char], limit: usize, strict: bool, label_char: impl Fn(char) -> bool) -> Runs {
        let chars = &chars[..limit];
        let mut run_of = vec![0u32; chars.len()];
        let mut runs: Vec<Run> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !label_char(chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            let mut last_underscore = None;
            while i < chars.len() && label_char(chars[i]) {
                if chars[i] == '_' {
                    last_underscore = Some(i);
                }
                run_of[i] = runs.len() as u32 + 1;
                i += 1;
            }
            let tld_end = if chars.get(i) == Some(&'.') {
                tld_at(chars, i + 1, limit)
            } else {
                None
            };
            runs.push(Run {
                start,
                end: i,
                last_underscore,
                tld_end,
                domain_end: None,
            });
        }
        let mut this = Runs {
            run_of,
            runs,
            strict,
        };
        // The pattern takes as many subdomains as it can, then a name and a TLD: from a run,
        // the best domain goes on through the next run (if this one can be a subdomain and
        // the next one follows its dot), or else ends with a TLD right after this run (if
        // this one can be the name).
        for k in (0..this.runs.len()).rev() {
            let next = this.next_domain_end(chars, k);
            let run = &this.runs[k];
            this.runs[k].domain_end = this.best(chars, run, run.start, next);
        }
        this
    }

    /// The best domain end of the run that directly follows run `k`'s dot.
    fn next_domain_end(&self, chars: &[char], k: usize) -> Option<usize> {
        let run = &self.runs[k];
        if chars.get(run.end) != Some(&'.') {
            return None;
        }
        self.runs
            .get(k + 1)
            .filter(|r| r.start == run.end + 1)
            .and_then(|r| r.domain_end)
    }

    /// The domain end for the part of `run` from `from`, given the best continuation.
    fn best(&self, chars: &[char], run: &Run, from: usize, next: Option<usize>) -> Option<usize> {
        let dotted = chars.get(run.end) == Some(&'.');
        let (subdomain, name) = if self.strict {
            let edges = is_domain_char(chars[from]) && is_domain_char(chars[run.end - 1]);
            let subdomain = dotted && edges;
            (
                subdomain,
                subdomain && run.last_underscore.is_none_or(|u| u < from),
            )
        } else {
            (dotted, dotted)
        };
        let via_next = if subdomain { next } else { None };
        via_next.or(if name { run.tld_end } else { None })
    }

    /// The end of a domain starting at `q`, if there is one.
    fn domain_at(&self, chars: &[char], q: usize) -> Option<usize> {
        let k = (*self.run_of.get(q)? as usize).checked_sub(1)?;
        let run = &self.runs[k];
        if q == run.start {
            return run.domain_end;
        }
        self.best(chars, run, q, self.next_domain_end(chars, k))
    }
}

/// Whether `c` stops a TLD: the TLD must not run into a letter, digit, `@`, `+` or `-`.
fn ends_tld(c: Option<&char>) -> bool {
    match c {
        None => true,
        Some(&c) => !(c.is_ascii_alphanumeric() || matches!(c, '@' | '+' | '-')),
    }
}

/// Lower case for the scripts TLDs are written in (Latin, Greek, Cyrillic, Armenian,
/// Georgian), without pulling the full Unicode case tables into the wasm.
fn fold_case(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x400..=0x40F => u + 0x50,
        0x531..=0x556 => u + 0x30,
        0x1C90..=0x1CBA | 0x1CBD..=0x1CBF => u - 0x1C90 + 0x10D0,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// The end of a TLD (from the list, or punycode `xn--…`) at `t`, within `chars[..limit]`.
fn tld_at(chars: &[char], t: usize, limit: usize) -> Option<usize> {
    let mut key = String::new();
    let mut best = None;
    for len in 1..=MAX_TLD_CHARS {
        let Some(&c) = chars[..limit].get(t + len - 1) else {
            break;
        };
        if !is_letter_or_mark(c) {
            break;
        }
        key.push(fold_case(c));
        if ends_tld(chars[..limit].get(t + len)) && (is_generic(&key) || is_country(&key)) {
            best = Some(t + len);
        }
    }
    if best.is_some() {
        return best;
    }
    if starts_with_ignore_case(&chars[..limit], t, "xn--") {
        let rest = chars[t + 4..limit]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == '-')
            .count();
        if rest > 0 {
            return Some(t + 4 + rest);
        }
    }
    None
}

/// The end of a path whose characters start at `p` (just after the `/`).
fn path_end(chars: &[char], p: usize) -> usize {
    let mut pos = p;
    let mut end = p;
    while pos < chars.len() {
        let c = chars[pos];
        if is_path_char(c) {
            pos += 1;
            if is_path_end_char(c) {
                end = pos;
            }
        } else if c == '(' {
            match balanced_parens(chars, pos) {
                Some(e) => {
                    pos = e;
                    end = pos;
                }
                None => break,
            }
        } else {
            break;
        }
    }
    end
}

/// A parenthesised group at `p` (up to one nested level), as in Wikipedia URLs:
/// `(` path chars `)` or `(` path chars `(` path chars `)` path chars `)`.
fn balanced_parens(chars: &[char], p: usize) -> Option<usize> {
    let run = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|&&c| is_path_char(c))
            .count()
    };
    let a = run(p + 1);
    let mut pos = p + 1 + a;
    match chars.get(pos) {
        Some(')') if a > 0 => return Some(pos + 1),
        Some('(') => {}
        _ => return None,
    }
    let inner = run(pos + 1);
    if inner == 0 || chars.get(pos + 1 + inner) != Some(&')') {
        return None;
    }
    pos += 2 + inner;
    pos += run(pos);
    (chars.get(pos) == Some(&')')).then_some(pos + 1)
}

/// The end of a query whose characters start at `p` (just after the `?`), if it ends well.
fn query_end(chars: &[char], p: usize) -> Option<usize> {
    let mut end = None;
    let mut pos = p;
    while pos < chars.len() && is_query_char(chars[pos]) {
        pos += 1;
        if is_query_end_char(chars[pos - 1]) {
            end = Some(pos);
        }
    }
    end
}

/// Applies the checks after a match, pushing what is accepted.
fn accept(chars: &[char], m: &RawUrl, urls: &mut Vec<(usize, usize)>) {
    let (ds, de) = m.domain;
    let protocol_len = if m.has_protocol { m.protocol_len } else { 8 };
    if protocol_len + utf16_len(&chars[m.start..m.end]) > MAX_URL_LENGTH
        || !valid_host(&chars[ds..de])
    {
        return;
    }
    if !m.has_protocol {
        if matches!(m.before, Some('-' | '_' | '.' | '/')) {
            return;
        }
        let found = ascii_domains(&chars[ds..de]);
        let Some(&(last_s, _)) = found.last() else {
            return;
        };
        let k = found.len() - 1;
        for &(s, e) in &found[..k] {
            urls.push((ds + s, ds + e));
        }
        let last_end = if m.has_path { m.end } else { ds + found[k].1 };
        urls.push((ds + last_s, last_end));
        return;
    }
    let mut end = m.end;
    if let Some(tco_end) = tco_end(chars, m.start, m.end) {
        match tco_end {
            Some(e) => end = e,
            None => return,
        }
    }
    urls.push((m.start, end));
}

fn utf16_len(chars: &[char]) -> usize {
    chars.iter().map(|c| c.len_utf16()).sum()
}

/// For a t.co link: Some(Some(end)) keeping only slug and query, Some(None) if the slug is
/// too long, None if this is not a t.co link.
fn tco_end(chars: &[char], start: usize, end: usize) -> Option<Option<usize>> {
    let url = &chars[start..end];
    let proto = protocol_at(url, 0);
    if proto == 0 || !starts_with_ignore_case(url, proto, "t.co/") {
        return None;
    }
    let slug_start = proto + 5;
    let slug = url[slug_start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if slug == 0 {
        return None;
    }
    if slug > MAX_TCO_SLUG_LENGTH {
        return Some(None);
    }
    let mut e = slug_start + slug;
    if url.get(e) == Some(&'?') {
        if let Some(q) = query_end(url, e + 1) {
            e = q;
        }
    }
    Some(Some(start + e))
}

/// A character of an ASCII (or Latin) domain label.
fn ascii_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || is_latin_accent(c)
}

/// The ASCII domain names inside a matched domain (`twitter.com` in `これはtwitter.com`),
/// as (start, end) relative to `domain`.
fn ascii_domains(domain: &[char]) -> Vec<(usize, usize)> {
    let runs = Runs::new(domain, domain.len(), false, ascii_label_char);
    let mut out = Vec::new();
    let mut s = 0;
    while s < domain.len() {
        match runs.domain_at(domain, s) {
            Some(e) => {
                out.push((s, e));
                s = e;
            }
            // Without edge rules every position of a run has the same answer: skip the run.
            None => match (runs.run_of[s] as usize).checked_sub(1) {
                Some(k) => s = runs.runs[k].end,
                None => s += 1,
            },
        }
    }
    out
}

/// twitter-text's host check: every label must be 1 to 63 characters once punycoded, and a
/// host starting with `xn--` must hold an ASCII domain name.
fn valid_host(host: &[char]) -> bool {
    if starts_with_exact(host, "xn--") && ascii_domains(host).is_empty() {
        return false;
    }
    host.split(|&c| c == '.').all(|label| {
        // Punycode never makes a label shorter: long ones fail without encoding.
        if label.len() > MAX_LABEL_LENGTH {
            return false;
        }
        let mut len = 0;
        let mut parts = 0;
        for part in label.split(|&c| matches!(c, '\u{3002}' | '\u{FF0E}' | '\u{FF61}')) {
            parts += 1;
            len += if part.iter().all(char::is_ascii) {
                part.len()
            } else {
                4 + punycode_len(part)
            };
        }
        len += parts - 1;
        (1..=MAX_LABEL_LENGTH).contains(&len)
    })
}

fn starts_with_exact(chars: &[char], prefix: &str) -> bool {
    chars.len() >= prefix.len() && prefix.chars().zip(chars).all(|(p, &c)| p == c)
}

/// The length of the punycode (RFC 3492) encoding of `input`, without the `xn--` prefix.
/// Stops counting past the longest label DNS allows.
pub(crate) fn punycode_len(input: &[char]) -> usize {
    const BASE: u64 = 36;
    const TMIN: u64 = 1;
    const TMAX: u64 = 26;
    let basic = input.iter().filter(|c| c.is_ascii()).count();
    let mut out = basic + usize::from(basic > 0);
    let mut n: u64 = 128;
    let mut delta: u64 = 0;
    let mut bias: u64 = 72;
    let mut h = basic;
    while h < input.len() {
        let m = input
            .iter()
            .map(|&c| c as u64)
            .filter(|&c| c >= n)
            .min()
            .unwrap_or(n);
        delta += (m - n) * (h as u64 + 1);
        n = m;
        for &c in input {
            let c = c as u64;
            if c < n {
                delta += 1;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        TMIN
                    } else if k >= bias + TMAX {
                        TMAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, h as u64 + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        if out > 4 * MAX_LABEL_LENGTH {
            return out;
        }
        delta += 1;
        n += 1;
    }
    out
}

fn adapt(delta: u64, points: u64, first: bool) -> u64 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((36 - 1) * 26) / 2 {
        delta /= 36 - 1;
        k += 36;
    }
    k + (36 * delta) / (delta + 38)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        find_urls(&chars)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn punycode_lengths() {
        let len = |s: &str| punycode_len(&s.chars().collect::<Vec<_>>());
        // bücher -> bcher-kva ; 例え -> r8jz45g ; ☃ -> n3h
        assert_eq!(len("bücher"), "bcher-kva".len());
        assert_eq!(len("例え"), "r8jz45g".len());
        assert_eq!(len("☃"), "n3h".len());
        assert_eq!(len("ドメイン名例"), "eckwd4c7cu47r2wf".len());
    }

    #[test]
    fn tld_case_folding() {
        assert_eq!(urls("SEE EXAMPLE.COM"), ["EXAMPLE.COM"]);
        assert_eq!(urls("http://пример.РФ"), ["http://пример.РФ"]);
        assert_eq!(
            urls("http://x.VERMÖGENSBERATUNG"),
            ["http://x.VERMÖGENSBERATUNG"]
        );
        assert_eq!(fold_case('Ω'), 'ω');
        assert_eq!(fold_case('Ა'), 'ა');
    }

    #[test]
    fn finds_urls() {
        assert_eq!(
            urls("see http://example.com/a_(b)."),
            ["http://example.com/a_(b)"]
        );
        assert_eq!(urls("go t.co/abc and x.com"), ["t.co/abc", "x.com"]);
        assert_eq!(urls("http://t.co/abc's"), ["http://t.co/abc"]);
        assert!(urls("a.b john@example.com").is_empty());
    }
}

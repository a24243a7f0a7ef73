//! Validation of whole strings as a screen name, a list, a hashtag or a URL (twitter-text's
//! `isValidUsername`, `isValidList`, `isValidHashtag` and `isValidUrl`).

use super::entities::find_mentions;

/// Whether `text` is exactly `@` and a list: `@user/slug`.
pub fn is_valid_list(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let m = find_mentions(&chars);
    m.len() == 1 && m[0].start == 0 && m[0].end == chars.len() && m[0].slug.is_some()
}

/// Whether `url` is a well-formed http(s) URL (RFC 3986, internationalised host names
/// allowed). With `require_protocol` false, `example.com/path` passes too.
pub fn is_valid_url(url: &str, require_protocol: bool) -> bool {
    if url.is_empty() {
        return false;
    }
    // scheme://authority path ?query #fragment (RFC 3986 appendix B).
    let (scheme, rest) = match url.find([':', '/', '?', '#']) {
        Some(i) if i > 0 && url[i..].starts_with("://") => (Some(&url[..i]), &url[i + 3..]),
        _ => (None, url),
    };
    let (rest, fragment) = match rest.find('#') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (rest, query) = match rest.find('?') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if require_protocol {
        let Some(scheme) = scheme else { return false };
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            return false;
        }
    }
    if fragment.is_some_and(|f| f.contains(['\n', '\r', '\u{2028}', '\u{2029}'])) {
        return false;
    }
    valid_path(path)
        && query.is_none_or(valid_query)
        && fragment.is_none_or(valid_query)
        && valid_authority(authority)
}

fn unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '.' | '_' | '~')
        || ('\u{400}'..='\u{4FF}').contains(&c)
}

fn sub_delim(c: char) -> bool {
    matches!(
        c,
        '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '='
    )
}

/// Whether every character is allowed by `ok`, where `%` must start a `%XX` escape.
fn all_pchars(s: &str, ok: impl Fn(char) -> bool) -> bool {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        if b[i] == '%' {
            if !(b.get(i + 1).is_some_and(char::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(char::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
        } else if ok(b[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

fn pchar(c: char) -> bool {
    unreserved(c) || sub_delim(c) || matches!(c, ':' | '|' | '@')
}

fn valid_path(path: &str) -> bool {
    (path.is_empty() || path.starts_with('/')) && all_pchars(path, |c| pchar(c) || c == '/')
}

fn valid_query(q: &str) -> bool {
    all_pchars(q, |c| pchar(c) || c == '/' || c == '?')
}

fn valid_authority(authority: &str) -> bool {
    let host_port = match authority.split_once('@') {
        Some((userinfo, host)) => {
            if !all_pchars(userinfo, |c| unreserved(c) || sub_delim(c) || c == ':') {
                return false;
            }
            host
        }
        None => authority,
    };
    let (host, port) = if host_port.starts_with('[') {
        match host_port.find(']') {
            Some(i) => (&host_port[..=i], &host_port[i + 1..]),
            None => return false,
        }
    } else {
        match host_port.find(':') {
            Some(i) => (&host_port[..i], &host_port[i..]),
            None => (host_port, ""),
        }
    };
    let port_ok = port.is_empty()
        || (port.starts_with(':')
            && (2..=6).contains(&port.len())
            && port[1..].bytes().all(|b| b.is_ascii_digit()));
    port_ok && (valid_ipv4(host) || valid_ipv6(host) || valid_unicode_domain(host))
}

fn valid_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|v| v <= 255)
        })
}

fn valid_ipv6(host: &str) -> bool {
    host.len() > 2
        && host.starts_with('[')
        && host.ends_with(']')
        && host[1..host.len() - 1]
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
}

/// Subdomains, a domain and a TLD, each label of ASCII letters, digits and `-` (and `_` in
/// subdomains) or any non-ASCII character, not starting or ending with `-` or `_`; the TLD
/// starts with a letter.
fn valid_unicode_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let edge = |c: char| c.is_ascii_alphanumeric() || !c.is_ascii();
    let label_ok = |label: &str, underscore: bool| {
        let (Some(first), Some(last)) = (label.chars().next(), label.chars().last()) else {
            return false;
        };
        edge(first)
            && edge(last)
            && label
                .chars()
                .all(|c| edge(c) || c == '-' || (underscore && c == '_'))
    };
    let n = labels.len();
    let tld = labels[n - 1];
    labels[..n - 2].iter().all(|l| label_ok(l, true))
        && label_ok(labels[n - 2], false)
        && label_ok(tld, false)
        && tld
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || !c.is_ascii())
}

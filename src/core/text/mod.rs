//! Post text the way X reads it: entities (mentions, hashtags, cashtags, URLs) and weighted length.
//!
//! This follows twitter-text, X's reference implementation (its JavaScript flavour, which X's
//! web composer runs), and passes its conformance suites (`extract.yml`, `validate.yml`,
//! `tlds.yml`; see `tests/conformance.rs`). Hand-written scanners stand in for its regular
//! expressions, so no regex engine or Unicode crate goes into the wasm.
//!
//! Indices of an [`Entity`] count Unicode code points (as the conformance suite and X's API
//! do); the ranges of a [`ParseResult`] count UTF-16 code units (as twitter-text's
//! `parseTweet` and the browser do).
//!
//! Links on x.com: post text on the page shows each link's expanded URL (often shortened with
//! a trailing `…`) while the anchor points to `https://t.co/…`. Either form is one URL entity
//! and counts 23 characters; [`link_text`] picks the text to use for a link read from the page.

pub(crate) mod case;
mod chars;
mod entities;
mod html;
mod nfc;
mod tlds;
mod unicode_tables;
mod url;
mod validate;
mod weight;

use serde::Serialize;

pub use validate::{is_valid_list, is_valid_url};
pub use weight::Config;

/// The kind of an [`Entity`] found in post text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// `@screen_name`.
    Mention,
    /// `@screen_name/list-slug`.
    List,
    /// `#hashtag`.
    Hashtag,
    /// `$CASHTAG`.
    Cashtag,
    /// A URL, with or without protocol.
    Url,
}

/// One entity in post text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// The entity without its sigil: `jack` for `@jack`, `jack/team` for the list
    /// `@jack/team`, `rust` for `#rust`, `TWTR` for `$TWTR`, the URL as written for a URL.
    pub text: String,
    /// Start index (inclusive, counting Unicode code points, sigil included).
    pub start: usize,
    /// End index (exclusive, counting Unicode code points).
    pub end: usize,
}

fn collect(chars: &[char], (s, e): (usize, usize)) -> String {
    chars[s..e].iter().collect()
}

fn sigil_entity(chars: &[char], kind: EntityKind, (s, e): (usize, usize)) -> Entity {
    Entity {
        kind,
        text: collect(chars, (s + 1, e)),
        start: s,
        end: e,
    }
}

fn mention_entities(chars: &[char]) -> Vec<Entity> {
    entities::find_mentions(chars)
        .into_iter()
        .map(|m| {
            let (kind, text) = match m.slug {
                None => (EntityKind::Mention, collect(chars, m.name)),
                Some(slug) => (
                    EntityKind::List,
                    format!("{}/{}", collect(chars, m.name), collect(chars, slug)),
                ),
            };
            Entity {
                kind,
                text,
                start: m.start,
                end: m.end,
            }
        })
        .collect()
}

fn url_entities(chars: &[char]) -> Vec<Entity> {
    url::find_urls(chars)
        .into_iter()
        .map(|(s, e)| Entity {
            kind: EntityKind::Url,
            text: collect(chars, (s, e)),
            start: s,
            end: e,
        })
        .collect()
}

fn hashtag_entities(chars: &[char]) -> Vec<Entity> {
    entities::find_hashtags(chars)
        .into_iter()
        .map(|r| sigil_entity(chars, EntityKind::Hashtag, r))
        .collect()
}

fn cashtag_entities(chars: &[char]) -> Vec<Entity> {
    entities::find_cashtags(chars)
        .into_iter()
        .map(|r| sigil_entity(chars, EntityKind::Cashtag, r))
        .collect()
}

/// Every entity in `text`, in order of position, overlaps resolved like twitter-text
/// (the entity that starts first wins, so a URL hides the `#` or `@` inside it).
pub fn extract_entities(text: &str) -> Vec<Entity> {
    let chars: Vec<char> = text.chars().collect();
    let lists = vec![
        url_entities(&chars),
        mention_entities(&chars),
        hashtag_entities(&chars),
        cashtag_entities(&chars),
    ];
    entities::merge_without_overlaps(lists, |e| (e.start, e.end))
}

/// Mentions and lists with their indices (twitter-text `extractMentionsOrListsWithIndices`),
/// URLs not considered.
pub fn extract_mentions_or_lists_with_indices(text: &str) -> Vec<Entity> {
    mention_entities(&text.chars().collect::<Vec<_>>())
}

/// The screen names mentioned in `text` (without `@`), lists excluded, in order.
pub fn extract_mentions(text: &str) -> Vec<String> {
    extract_mentions_or_lists_with_indices(text)
        .into_iter()
        .filter(|e| e.kind == EntityKind::Mention)
        .map(|e| e.text)
        .collect()
}

/// The screen name `text` replies to: an `@name` at its very start, after nothing but
/// spaces or directional marks, and not followed by `@`, an accented letter or `://`.
pub fn extract_reply_screen_name(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    entities::find_reply(&chars).map(|r| collect(&chars, r))
}

/// Hashtags with their indices, minus those inside URLs (twitter-text
/// `extractHashtagsWithIndices`).
pub fn extract_hashtags_with_indices(text: &str) -> Vec<Entity> {
    let chars: Vec<char> = text.chars().collect();
    let tags = hashtag_entities(&chars);
    if tags.is_empty() {
        return tags;
    }
    let urls = url_entities(&chars);
    if urls.is_empty() {
        return tags;
    }
    let mut kept = entities::merge_without_overlaps(vec![tags, urls], |e| (e.start, e.end));
    kept.retain(|e| e.kind == EntityKind::Hashtag);
    kept
}

/// The hashtags in `text` (without `#`), in order, those inside URLs left out.
pub fn extract_hashtags(text: &str) -> Vec<String> {
    extract_hashtags_with_indices(text)
        .into_iter()
        .map(|e| e.text)
        .collect()
}

/// Cashtags with their indices (twitter-text `extractCashtagsWithIndices`).
pub fn extract_cashtags_with_indices(text: &str) -> Vec<Entity> {
    cashtag_entities(&text.chars().collect::<Vec<_>>())
}

/// The cashtags in `text` (without `$`), in order.
pub fn extract_cashtags(text: &str) -> Vec<String> {
    extract_cashtags_with_indices(text)
        .into_iter()
        .map(|e| e.text)
        .collect()
}

/// URLs with their indices (twitter-text `extractUrlsWithIndices`).
pub fn extract_urls_with_indices(text: &str) -> Vec<Entity> {
    url_entities(&text.chars().collect::<Vec<_>>())
}

/// The URLs in `text` as written, with or without protocol, in order.
pub fn extract_urls(text: &str) -> Vec<String> {
    extract_urls_with_indices(text)
        .into_iter()
        .map(|e| e.text)
        .collect()
}

/// What X's composer says about a post's length (twitter-text's `parseTweet`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ParseResult {
    /// Weighted length: most characters count 1, CJK and emoji 2, every URL 23.
    pub weighted_length: usize,
    /// `weighted_length` per thousand of the 280 allowed (rounded down).
    pub permillage: usize,
    /// Non-empty, at most 280 weighted, and no invalid characters (U+FFFE, U+FEFF, U+FFFF).
    pub valid: bool,
    /// Inclusive range (UTF-16 code units) of the whole text.
    pub display_range: (usize, usize),
    /// Inclusive range (UTF-16 code units) of the part that fits.
    pub valid_range: (usize, usize),
}

/// Parses `text` like X's composer (twitter-text `parseTweet` with config v3).
pub fn parse_post(text: &str) -> ParseResult {
    weight::parse_with(text, &Config::V3)
}

/// [`parse_post`] for `text` whose NFC form the caller already has (in the browser:
/// `String.prototype.normalize("NFC")`, what X's composer itself counts with), so that the
/// normalisation tables need not be in the content script's wasm. Unicode's normalisation
/// stability makes the two agree on every character of the tables' Unicode version.
pub fn parse_post_normalized(text: &str, normalized: &str) -> ParseResult {
    weight::parse_normalized(text, normalized, &Config::V3)
}

/// Parses `text` under another twitter-text configuration (v1, v2 or v3).
pub fn parse_post_with(text: &str, config: &Config) -> ParseResult {
    weight::parse_with(text, config)
}

/// The weighted length of `text` under config v3.
pub fn weighted_length(text: &str) -> usize {
    parse_post(text).weighted_length
}

/// Whether `text` can be posted: non-empty, at most 280 weighted, no invalid characters.
pub fn fits(text: &str) -> bool {
    parse_post(text).valid
}

/// Whether `text` is exactly `@` and a screen name (twitter-text `isValidUsername`).
pub fn is_valid_username(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let m = entities::find_mentions(&chars);
    m.len() == 1 && m[0].slug.is_none() && m[0].start == 0 && m[0].end == chars.len()
}

/// Whether `text` is exactly `#` and a hashtag (twitter-text `isValidHashtag`).
pub fn is_valid_hashtag(text: &str) -> bool {
    let tags = extract_hashtags_with_indices(text);
    tags.len() == 1 && tags[0].start == 0 && tags[0].end == text.chars().count()
}

/// Decodes the HTML entities X's archive keeps in post text (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&#39;`, `&apos;`, `&nbsp;` and numeric `&#NN;` / `&#xHH;`); anything else
/// stays as is.
pub fn unescape_html(text: &str) -> String {
    html::unescape(text)
}

/// Whether `url` is a t.co short link (`http(s)://t.co/<slug>`).
pub fn is_tco_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest.and_then(|r| r.strip_prefix("t.co/")) {
        Some(slug) => {
            let slug = slug.split(['?', '#']).next().unwrap_or("");
            !slug.is_empty() && slug.len() <= 40 && slug.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// The text to put in a post's text for a link read from x.com: the visible text (the
/// expanded URL X shows) without the `…` X adds when it shortens it, when that is a URL;
/// otherwise the link's `href` (usually its t.co address). Either way it is one URL and
/// counts 23 characters.
pub fn link_text(href: &str, visible: &str) -> String {
    let shown = visible.trim().trim_end_matches('…').trim_end();
    if !shown.is_empty() && extract_urls(shown).first().map(String::as_str) == Some(shown) {
        shown.to_string()
    } else {
        href.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_in_order_with_overlaps_resolved() {
        let got = extract_entities("@jack see http://x.com/#tag and #rust $TWTR @a/b");
        let kinds: Vec<_> = got
            .iter()
            .map(|e| (e.kind, e.text.as_str(), e.start, e.end))
            .collect();
        assert_eq!(
            kinds,
            [
                (EntityKind::Mention, "jack", 0, 5),
                (EntityKind::Url, "http://x.com/#tag", 10, 27),
                (EntityKind::Hashtag, "rust", 32, 37),
                (EntityKind::Cashtag, "TWTR", 38, 43),
                (EntityKind::List, "a/b", 44, 48),
            ]
        );
        assert_eq!(extract_hashtags("http://x.com/#tag #real"), ["real"]);
        assert_eq!(extract_reply_screen_name(" @bob hi"), Some("bob".into()));
        assert_eq!(extract_reply_screen_name("hi @bob"), None);
    }

    #[test]
    fn weighting_cjk_emoji_urls() {
        assert_eq!(weighted_length("hello"), 5);
        assert_eq!(weighted_length("こんにちは"), 10);
        assert_eq!(weighted_length("한국어"), 6);
        assert_eq!(weighted_length("😀"), 2);
        assert_eq!(weighted_length("👩🏽‍💻"), 2);
        assert_eq!(weighted_length("🇫🇷"), 2);
        assert_eq!(weighted_length("https://t.co/abcdef"), 23);
        assert_eq!(
            weighted_length("https://example.com/a/very/long/path/that/goes/on/and/on"),
            23
        );
        assert_eq!(weighted_length("read example.com"), 5 + 23);
        assert!(fits(&"a".repeat(280)));
        assert!(!fits(&"a".repeat(281)));
        assert!(fits(&"字".repeat(140)));
        assert!(!fits(&"字".repeat(141)));
        assert!(!fits(""));
        assert!(!fits("bad \u{FFFF}"));
        let r = parse_post(&"x".repeat(300));
        assert_eq!(
            (r.permillage, r.valid_range, r.display_range),
            (1071, (0, 279), (0, 299))
        );
    }

    #[test]
    fn tco_and_expanded_links_count_the_same() {
        assert!(is_tco_url("https://t.co/AbC123"));
        assert!(is_tco_url("http://t.co/AbC123?amp=1"));
        assert!(!is_tco_url("https://t.co/"));
        assert!(!is_tco_url("https://example.com/x"));
        let shown = link_text("https://t.co/AbC123", "example.com/a-long-artic…");
        assert_eq!(shown, "example.com/a-long-artic");
        assert_eq!(
            link_text("https://t.co/AbC123", "pic"),
            "https://t.co/AbC123"
        );
        let a = format!("Read this {}", "https://t.co/AbC123");
        let b = format!("Read this {shown}");
        assert_eq!(weighted_length(&a), weighted_length(&b));
        assert_eq!(weighted_length(&a), 10 + 23);
    }

    #[test]
    fn validation_helpers() {
        assert!(is_valid_username("@jack") && !is_valid_username("@jack-x"));
        assert!(is_valid_list("@jack/team") && !is_valid_list("@jack"));
        assert!(is_valid_hashtag("#rust") && !is_valid_hashtag("#123"));
        assert!(is_valid_url("https://example.com/a?b=c#d", true));
        assert!(!is_valid_url("example.com", true) && is_valid_url("example.com", false));
    }

    #[test]
    fn hostile_input_stays_linear() {
        // Quadratic scanning would take minutes on these (X allows 25,000-character posts).
        for text in [
            "a.".repeat(12_500),
            "日本".repeat(12_500) + ".com",
            "@".repeat(25_000),
            "#a".repeat(12_500),
            "http://x.com/".to_string() + &"(a".repeat(12_000),
        ] {
            let _ = extract_entities(&text);
            let _ = parse_post(&text);
        }
    }

    #[test]
    fn archive_text_unescaped() {
        assert_eq!(unescape_html("Q&amp;A &lt;3"), "Q&A <3");
    }
}

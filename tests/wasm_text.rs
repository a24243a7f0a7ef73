//! Post text analysis inside the browser's wasm engine: the same answers as natively.
#![cfg(target_arch = "wasm32")]

use rapport::core::text::{
    EntityKind, extract_entities, extract_mentions, extract_urls, fits, parse_post, unescape_html,
    weighted_length,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn mention_with_indices() {
    let entities = extract_entities("Thanks @jack! の@username に");
    let mentions: Vec<_> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Mention)
        .map(|e| (e.text.as_str(), e.start, e.end))
        .collect();
    assert_eq!(mentions, [("jack", 7, 12), ("username", 15, 24)]);
    assert_eq!(extract_mentions("@a/list @b"), ["b"]);
}

#[wasm_bindgen_test]
fn url_counts_23() {
    assert_eq!(
        extract_urls("see example.com/x and https://t.co/abc"),
        ["example.com/x", "https://t.co/abc"]
    );
    assert_eq!(
        weighted_length("https://example.com/a/very/long/path?with=query"),
        23
    );
    assert_eq!(weighted_length("Hi http://test.co"), 26);
}

#[wasm_bindgen_test]
fn cjk_and_emoji_weigh_two() {
    assert_eq!(weighted_length("日本語"), 6);
    assert_eq!(weighted_length("👨‍👩‍👧‍👦"), 2);
    assert!(fits(&"字".repeat(140)));
    assert!(!fits(&"字".repeat(141)));
    let r = parse_post("A\u{301}B");
    assert_eq!(
        (r.weighted_length, r.display_range, r.valid_range),
        (2, (0, 2), (0, 2))
    );
}

#[wasm_bindgen_test]
fn archive_entities() {
    assert_eq!(unescape_html("Q&amp;A &lt;3 &#39;ok&#39;"), "Q&A <3 'ok'");
}

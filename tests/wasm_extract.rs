//! Golden extraction tests in a real browser: every fixture page in tests/fixtures/pages is
//! parsed by the browser and read by the dom layer; the result must equal its expected JSON.
//! Mutation fixtures (one selector broken at a time) must degrade with the right reasons.
#![cfg(target_arch = "wasm32")]

use rapport::core::post::Post;
use rapport::core::route::{self, Route};
use rapport::dom::{extract, read_all};
use serde_json::Value;
use wasm_bindgen_test::*;
use web_sys::{DomParser, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

fn parse(html: &str) -> web_sys::Document {
    DomParser::new()
        .unwrap()
        .parse_from_string(html, SupportedType::TextHtml)
        .unwrap()
}

fn golden(name: &str, html: &str, expected: &str) {
    let want: Value = serde_json::from_str(expected).unwrap();
    let path = want["path"].as_str().unwrap();
    let route = route::classify(path);
    let want_route: Route = serde_json::from_value(want["route"].clone()).unwrap();
    assert_eq!(route, want_route, "{name}: route of {path}");
    let doc = parse(html);
    assert_eq!(
        extract::own_handle(&doc).as_deref(),
        want["me"].as_str(),
        "{name}: own handle"
    );
    let profile = extract::profile(&doc).map(|p| serde_json::to_value(p).unwrap());
    assert_eq!(
        profile.unwrap_or(Value::Null),
        want["profile"],
        "{name}: profile"
    );
    let (posts, lost) = read_all(&doc, &route);
    let want_posts: Vec<Post> = serde_json::from_value(want["posts"].clone()).unwrap();
    assert_eq!(posts.len(), want_posts.len(), "{name}: number of posts");
    for (got, want) in posts.iter().zip(&want_posts) {
        assert_eq!(got, want, "{name}: post {}", want.id);
    }
    assert!(
        lost.is_empty(),
        "{name}: nothing lost on an intact page, got {lost:?}"
    );
}

fn mutation(name: &str, html: &str, expected: &str) {
    let want: Value = serde_json::from_str(expected).unwrap();
    let doc = parse(html);
    let (posts, lost) = read_all(&doc, &Route::Home);
    let lost: Vec<&str> = lost.iter().map(|r| r.as_str()).collect();
    let want_lost: Vec<&str> = want["degraded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(lost, want_lost, "{name}: degraded reasons");
    assert_eq!(
        posts.len() as u64,
        want["posts"].as_u64().unwrap(),
        "{name}: posts still read"
    );
}

#[wasm_bindgen_test]
fn golden_compose() {
    golden(
        "compose",
        include_str!("fixtures/pages/compose.html"),
        include_str!("fixtures/pages/compose.expected.json"),
    );
}

#[wasm_bindgen_test]
fn golden_home() {
    golden(
        "home",
        include_str!("fixtures/pages/home.html"),
        include_str!("fixtures/pages/home.expected.json"),
    );
}

#[wasm_bindgen_test]
fn golden_home_de() {
    golden(
        "home-de",
        include_str!("fixtures/pages/home-de.html"),
        include_str!("fixtures/pages/home-de.expected.json"),
    );
}

#[wasm_bindgen_test]
fn golden_hovercard() {
    golden(
        "hovercard",
        include_str!("fixtures/pages/hovercard.html"),
        include_str!("fixtures/pages/hovercard.expected.json"),
    );
}

#[wasm_bindgen_test]
fn golden_mentions() {
    golden(
        "mentions",
        include_str!("fixtures/pages/mentions.html"),
        include_str!("fixtures/pages/mentions.expected.json"),
    );
}

#[wasm_bindgen_test]
fn golden_notifications() {
    golden(
        "notifications",
        include_str!("fixtures/pages/notifications.html"),
        include_str!("fixtures/pages/notifications.expected.json"),
    );
}

#[wasm_bindgen_test]
fn golden_profile_me() {
    golden(
        "profile-me",
        include_str!("fixtures/pages/profile-me.html"),
        include_str!("fixtures/pages/profile-me.expected.json"),
    );
}

#[wasm_bindgen_test]
fn golden_profile_other() {
    golden(
        "profile-other",
        include_str!("fixtures/pages/profile-other.html"),
        include_str!("fixtures/pages/profile-other.expected.json"),
    );
}

#[wasm_bindgen_test]
fn golden_status() {
    golden(
        "status",
        include_str!("fixtures/pages/status.html"),
        include_str!("fixtures/pages/status.expected.json"),
    );
}

#[wasm_bindgen_test]
fn mutation_action_bar() {
    mutation(
        "action-bar",
        include_str!("fixtures/pages/mutations/action-bar.html"),
        include_str!("fixtures/pages/mutations/action-bar.expected.json"),
    );
}

#[wasm_bindgen_test]
fn mutation_article() {
    mutation(
        "article",
        include_str!("fixtures/pages/mutations/article.html"),
        include_str!("fixtures/pages/mutations/article.expected.json"),
    );
}

#[wasm_bindgen_test]
fn mutation_own_handle() {
    mutation(
        "own-handle",
        include_str!("fixtures/pages/mutations/own-handle.html"),
        include_str!("fixtures/pages/mutations/own-handle.expected.json"),
    );
}

#[wasm_bindgen_test]
fn mutation_time() {
    mutation(
        "time",
        include_str!("fixtures/pages/mutations/time.html"),
        include_str!("fixtures/pages/mutations/time.expected.json"),
    );
}

#[wasm_bindgen_test]
fn mutation_tweet_text() {
    mutation(
        "tweet-text",
        include_str!("fixtures/pages/mutations/tweet-text.html"),
        include_str!("fixtures/pages/mutations/tweet-text.expected.json"),
    );
}

#[wasm_bindgen_test]
fn mutation_user_name() {
    mutation(
        "user-name",
        include_str!("fixtures/pages/mutations/user-name.html"),
        include_str!("fixtures/pages/mutations/user-name.expected.json"),
    );
}

/// The page contract's marks and hints on real-shaped posts: written once, found again,
/// left alone when unchanged, replaced or removed when the verdict changes.
#[wasm_bindgen_test]
fn marks_and_hints_are_idempotent() {
    use rapport::core::classify::Kind;
    use rapport::core::page::{Mark, Theme};
    use rapport::core::unanswered::Hint;
    use rapport::dom::render;

    let html = include_str!("fixtures/pages/home.html")
        .replace("{{ago:", "")
        .replace("}}", "");
    let doc = parse(&html);
    let articles: Vec<_> = extract::articles(&doc).into_iter().take(2).collect();
    let mark = |index: usize, id: &str, kind: Kind, hint: Option<Hint>| Mark {
        index,
        id: id.to_string(),
        kind,
        hint,
        who: "ines_ortega".to_string(),
        age: "3h".to_string(),
    };
    let since = "2026-11-25T10:00:00.000Z".to_string();
    let first = vec![
        mark(0, "1", Kind::Conversation, Some(Hint::NoReplies)),
        mark(
            1,
            "2",
            Kind::Pitch,
            Some(Hint::AwaitingYou {
                since: since.clone(),
            }),
        ),
    ];
    render::marks(&articles, &first);
    render::hints(&doc, &articles, &first, Theme::Light);
    let attr = |i: usize, name: &str| articles[i].get_attribute(name);
    assert_eq!(attr(0, render::ID_ATTR).as_deref(), Some("1"));
    assert_eq!(attr(0, render::KIND_ATTR).as_deref(), Some("conversation"));
    assert_eq!(attr(1, render::KIND_ATTR).as_deref(), Some("pitch"));
    let host0 = render::hint_host(&articles[0]).expect("no-replies hint");
    let host1 = render::hint_host(&articles[1]).expect("awaiting-you hint");
    assert_eq!(
        host0.get_attribute(render::HINT_ATTR).as_deref(),
        Some("no-replies")
    );
    assert_eq!(
        host1.get_attribute(render::SINCE_ATTR).as_deref(),
        Some(since.as_str())
    );

    // The same verdicts again: the same hosts stay.
    render::marks(&articles, &first);
    render::hints(&doc, &articles, &first, Theme::Light);
    assert!(render::hint_host(&articles[0]).is_some_and(|h| h.is_same_node(Some(&host0))));
    assert!(render::hint_host(&articles[1]).is_some_and(|h| h.is_same_node(Some(&host1))));

    // New verdicts: a kind changes, a recycled cell shows another post, hints go or change.
    let later = "2026-11-25T11:00:00.000Z".to_string();
    let second = vec![
        mark(0, "1", Kind::Sharing, None),
        mark(
            1,
            "3",
            Kind::Conversation,
            Some(Hint::AwaitingYou {
                since: later.clone(),
            }),
        ),
    ];
    render::marks(&articles, &second);
    render::hints(&doc, &articles, &second, Theme::Light);
    assert_eq!(attr(0, render::KIND_ATTR).as_deref(), Some("sharing"));
    assert_eq!(attr(1, render::ID_ATTR).as_deref(), Some("3"));
    assert_eq!(attr(1, render::KIND_ATTR).as_deref(), Some("conversation"));
    assert!(render::hint_host(&articles[0]).is_none());
    let replaced = render::hint_host(&articles[1]).expect("awaiting-you hint");
    assert!(!replaced.is_same_node(Some(&host1)));
    assert_eq!(
        replaced.get_attribute(render::SINCE_ATTR).as_deref(),
        Some(later.as_str())
    );
    assert_eq!(
        articles[1]
            .query_selector_all(render::HINT_TAG)
            .unwrap()
            .length(),
        1,
        "one hint per post"
    );
}

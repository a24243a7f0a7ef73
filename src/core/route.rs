//! Routes: which kind of X page a URL path is, from the path alone.

use serde::{Deserialize, Serialize};

/// First path segments that are X's own pages, never a handle (checked on x.com, 2026-11).
/// A handle is 1–15 of `[A-Za-z0-9_]`, so words longer than that need no entry.
pub const RESERVED: &[&str] = &[
    "home",
    "explore",
    "notifications",
    "messages",
    "settings",
    "search",
    "i",
    "intent",
    "compose",
    "login",
    "logout",
    "signup",
    "tos",
    "privacy",
    "about",
    "account",
    "hashtag",
    "jobs",
    "lists",
    "communities",
    "bookmarks",
    "premium",
    "verified",
    "download",
    "share",
    "oauth",
    "who_to_follow",
    "topics",
    "places",
    "display",
    "keyboard_shortcuts",
    "help",
    "following",
    "followers",
    "grok",
    "articles",
    "spaces",
    "your_twitter_data",
    "en",
    "rules",
];

/// The kind of page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Route {
    /// The home timeline (`/home`).
    Home,
    /// All notifications (`/notifications`).
    Notifications,
    /// The mentions tab (`/notifications/mentions`).
    Mentions,
    /// One post and its conversation (`/<handle>/status/<id>`).
    Status {
        /// The author in the path.
        handle: String,
        /// The status id.
        id: String,
    },
    /// A profile (`/<handle>` and its tabs).
    Profile {
        /// The handle.
        handle: String,
        /// `posts`, `with_replies`, `media`, `likes`, `highlights`, `articles`, …
        tab: String,
    },
    /// Search results (`/search`) and hashtag pages.
    Search,
    /// The compose page (`/compose/post`, `/intent/post`, …).
    Compose,
    /// Anything else (settings, messages, explore, lists…).
    Other,
}

/// Whether `s` could be a handle (1–15 of `[A-Za-z0-9_]`) and is not a reserved word.
pub fn is_handle(s: &str) -> bool {
    (1..=15).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s))
}

/// Classifies a URL path (query and fragment are ignored).
pub fn classify(path: &str) -> Route {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segs.as_slice() {
        ["home"] => Route::Home,
        ["notifications"] | ["notifications", "verified"] => Route::Notifications,
        ["notifications", "mentions"] => Route::Mentions,
        ["search", ..] | ["hashtag", ..] => Route::Search,
        ["compose", ..] | ["intent", "post" | "tweet", ..] => Route::Compose,
        [h, "status", id, ..] if is_handle(h) && is_status_id(id) => Route::Status {
            handle: (*h).to_string(),
            id: (*id).to_string(),
        },
        ["i", "web", "status", id, ..] if is_status_id(id) => Route::Status {
            handle: String::new(),
            id: (*id).to_string(),
        },
        [h] if is_handle(h) => Route::Profile {
            handle: (*h).to_string(),
            tab: "posts".into(),
        },
        [h, tab] if is_handle(h) && PROFILE_TABS.contains(tab) => Route::Profile {
            handle: (*h).to_string(),
            tab: (*tab).to_string(),
        },
        _ => Route::Other,
    }
}

/// Profile tabs that still show the profile header and its posts.
pub const PROFILE_TABS: &[&str] = &[
    "with_replies",
    "media",
    "likes",
    "highlights",
    "articles",
    "superfollows",
    "affiliates",
];

fn is_status_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(h: &str, tab: &str) -> Route {
        Route::Profile {
            handle: h.into(),
            tab: tab.into(),
        }
    }

    #[test]
    fn fixed_pages() {
        assert_eq!(classify("/home"), Route::Home);
        assert_eq!(classify("/home/"), Route::Home);
        assert_eq!(classify("/notifications"), Route::Notifications);
        assert_eq!(classify("/notifications/mentions"), Route::Mentions);
        assert_eq!(classify("/notifications/verified"), Route::Notifications);
        assert_eq!(classify("/search?q=rust&src=typed_query"), Route::Search);
        assert_eq!(classify("/hashtag/rustlang"), Route::Search);
        assert_eq!(classify("/compose/post"), Route::Compose);
        assert_eq!(classify("/intent/post?text=hi"), Route::Compose);
        assert_eq!(classify("/intent/tweet?text=hi"), Route::Compose);
    }

    #[test]
    fn status_pages() {
        assert_eq!(
            classify("/alice/status/1234567890123456789"),
            Route::Status {
                handle: "alice".into(),
                id: "1234567890123456789".into()
            }
        );
        assert_eq!(
            classify("/alice/status/123/photo/1"),
            Route::Status {
                handle: "alice".into(),
                id: "123".into()
            }
        );
        assert_eq!(
            classify("/i/web/status/42"),
            Route::Status {
                handle: String::new(),
                id: "42".into()
            }
        );
        assert_eq!(classify("/alice/status/notanid"), Route::Other);
        assert_eq!(classify("/home/status/123"), Route::Other);
    }

    #[test]
    fn profiles_and_tabs() {
        assert_eq!(classify("/alice"), profile("alice", "posts"));
        assert_eq!(classify("/Alice_99/"), profile("Alice_99", "posts"));
        assert_eq!(
            classify("/alice/with_replies"),
            profile("alice", "with_replies")
        );
        assert_eq!(classify("/alice/media"), profile("alice", "media"));
        assert_eq!(classify("/alice/likes"), profile("alice", "likes"));
        assert_eq!(classify("/alice/followers"), Route::Other);
        assert_eq!(classify("/alice/lists"), Route::Other);
    }

    #[test]
    fn reserved_words_are_not_handles() {
        for w in RESERVED {
            assert!(
                !matches!(classify(&format!("/{w}")), Route::Profile { .. }),
                "{w}"
            );
        }
        assert_eq!(classify("/explore"), Route::Other);
        assert_eq!(classify("/messages"), Route::Other);
        assert_eq!(classify("/settings/account"), Route::Other);
        assert_eq!(classify("/i/bookmarks"), Route::Other);
        assert_eq!(classify("/"), Route::Other);
        assert_eq!(classify(""), Route::Other);
    }

    #[test]
    fn handle_shape() {
        assert!(is_handle("a"));
        assert!(is_handle("abcdefghijklmno"));
        assert!(!is_handle("abcdefghijklmnop"));
        assert!(!is_handle("al-ice"));
        assert!(!is_handle("ålice"));
        assert!(!is_handle("HOME"));
    }
}

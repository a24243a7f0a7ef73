//! THE one table of X knowledge: every selector, attribute and label pattern Rapport relies on,
//! each with the date it was last checked against real x.com markup and where it was seen.
//!
//! When X changes its markup, this is the only file to edit. A test fails if `data-testid`
//! appears in any other source file.

/// One selector with its provenance.
#[derive(Clone, Copy, Debug)]
pub struct Sel {
    /// The CSS selector.
    pub css: &'static str,
    /// When it was last checked against real markup.
    pub checked: &'static str,
    /// Where it was seen, and what it means.
    pub note: &'static str,
}

const CAPTURE: &str = "x.com captures of 2025-10 (shared/fixtures/x-dom) and DESIGN.md";

macro_rules! sel {
    ($name:ident, $css:expr, $checked:expr, $note:expr) => {
        #[doc = $note]
        pub const $name: Sel = Sel {
            css: $css,
            checked: $checked,
            note: $note,
        };
    };
}

sel!(
    TWEET,
    r#"article[data-testid="tweet"]"#,
    "2026-11-25",
    "A post. Inside div[data-testid=cellInnerDiv]; cells are recycled by the virtualised timeline."
);
sel!(
    CELL,
    r#"div[data-testid="cellInnerDiv"]"#,
    "2026-11-25",
    "A timeline cell (posts, modules, separators, 'Show more')."
);
sel!(
    USER_NAME,
    r#"[data-testid="User-Name"]"#,
    "2026-11-25",
    "Author block: display-name link, '@handle' link, and (in timelines) the permalink with time."
);
sel!(
    TWEET_TEXT,
    r#"[data-testid="tweetText"]"#,
    "2026-11-25",
    "Post text. Emoji are img[alt]; links are t.co anchors whose text is the expanded URL."
);
sel!(
    ACTION_BAR,
    r#"div[role="group"]"#,
    "2026-11-25",
    "Action bar; aria-label '48 replies, 152 reposts, 553 likes, 9 bookmarks, 30142 views' (localised)."
);
sel!(
    REPLY_BUTTON,
    r#"[data-testid="reply"]"#,
    "2026-11-25",
    "Reply button; aria-label '48 Replies. Reply', just 'Reply' (localised) when there are none."
);
sel!(
    REPOST_BUTTON,
    r#"[data-testid="retweet"],[data-testid="unretweet"]"#,
    "2026-11-25",
    "Repost button; aria-label '152 reposts. Repost'."
);
sel!(
    LIKE_BUTTON,
    r#"[data-testid="like"],[data-testid="unlike"]"#,
    "2026-11-25",
    "Like button; aria-label '553 Likes. Like'."
);
sel!(
    BOOKMARK_BUTTON,
    r#"[data-testid="bookmark"],[data-testid="removeBookmark"]"#,
    "2026-11-25",
    "Bookmark button; aria-label '9 Bookmarks. Bookmark'."
);
sel!(
    VIEWS_LINK,
    r#"a[href$="/analytics"]"#,
    "2026-11-25",
    "Views link in timelines; aria-label '30142 views. View post analytics'."
);
sel!(
    STATUS_LINK,
    r#"a[href*="/status/"]"#,
    "2026-11-25",
    "Permalinks /handle/status/ID; the one wrapping time[datetime] is the post's own."
);
sel!(
    ADDRESSEE_LINK,
    r#"a[href^="/"]:not([href*="/status/"]):not([data-testid="User-Name"] a, [data-testid="tweetText"] a)"#,
    "2026-11-25",
    "Candidates for the 'Replying to @a @b' links: in-app links that are no permalink and sit outside author blocks and post texts (those hold @handles too)."
);
sel!(
    TIME,
    "time[datetime]",
    "2026-11-25",
    "Post time, UTC ISO in the datetime attribute."
);
sel!(
    SOCIAL_CONTEXT,
    r#"[data-testid="socialContext"]"#,
    "2026-11-25",
    "'Name reposted' above a repost, inside a[href=/handle] (2026 timeline markup)."
);
sel!(
    PROMOTED,
    r#"[data-testid="placementTracking"]"#,
    "2026-11-25",
    "Promoted posts sit inside it. Ancestors only: it also occurs inside video media."
);
sel!(
    QUOTE_CONTAINER,
    r#"div[role="link"]"#,
    "2026-11-25",
    "A quoted post nests its own User-Name and tweetText inside a div[role=link]."
);
sel!(
    PROFILE_LINK,
    r#"a[data-testid="AppTabBar_Profile_Link"]"#,
    "2026-11-25",
    "Side-nav link to the signed-in user's profile: href='/handle'."
);
sel!(
    ACCOUNT_AVATAR,
    r#"[data-testid="SideNav_AccountSwitcher_Button"] [data-testid^="UserAvatar-Container-"]"#,
    "2026-11-25",
    "Account switcher avatar; the test id ends with the signed-in handle."
);
sel!(
    PROFILE_NAME,
    r#"[data-testid="primaryColumn"] [data-testid="UserName"]"#,
    "2026-11-25",
    "Profile header: display name then '@handle'."
);
sel!(
    PROFILE_BIO,
    r#"[data-testid="primaryColumn"] [data-testid="UserDescription"]"#,
    "2026-11-25",
    "Profile header bio."
);
sel!(
    HOVER_CARD,
    r#"#layers [data-testid="HoverCard"]"#,
    "2026-11-25",
    "User hover card, rendered into #layers."
);
sel!(
    USER_CELL,
    r#"[data-testid="UserCell"]"#,
    "2026-11-25",
    "A user row (who to follow, lists)."
);
sel!(
    EDITOR,
    r#"[data-testid^="tweetTextarea_"][role="textbox"]"#,
    "2026-11-25",
    "Composer editor (Draft.js contenteditable), _0, _1… in threads. The _label ancestor shares the prefix, hence the role."
);
sel!(
    POST_BUTTON,
    r#"[data-testid="tweetButton"],[data-testid="tweetButtonInline"]"#,
    "2026-11-25",
    "Composer Post buttons: modal and inline reply box."
);
sel!(
    PROFILE_ITEMS,
    r#"[data-testid="primaryColumn"] [data-testid="UserProfileHeader_Items"]"#,
    "2026-11-25",
    "Profile header's items row (location, link, joined); the mix panel goes after it."
);
sel!(
    AVATAR_ANY,
    r#"[data-testid^="UserAvatar-Container-"]"#,
    "2026-11-25",
    "Any avatar; the test id ends with the user's handle (hover cards, user cells)."
);
sel!(
    HOVER_BIO,
    r#"div[dir="auto"]"#,
    "2026-11-25",
    "Inside a hover card: the bio is its first div[dir=auto] (no test id of its own)."
);
sel!(
    DIALOG,
    r#"[role="dialog"][aria-modal="true"]"#,
    "2026-11-25",
    "A modal (compose, reply): the reply modal shows the post being replied to above its editor."
);
sel!(
    PRIMARY_COLUMN,
    r#"[data-testid="primaryColumn"]"#,
    "2026-11-25",
    "The main column."
);

/// The prefix of the account-switcher avatar's test id; the rest is the handle.
pub const AVATAR_TESTID_PREFIX: &str = "UserAvatar-Container-";
/// The attribute that carries X's test ids.
pub const TESTID_ATTR: &str = "data-testid";
/// The attribute on the focused post of a status page (value "-1").
pub const FOCAL_ATTR: &str = "tabindex";
/// The path segment between handle and id in a permalink.
pub const STATUS_SEGMENT: &str = "status";

/// Every selector, for the test that checks the table and for the debug log.
pub const ALL: &[(&str, Sel)] = &[
    ("TWEET", TWEET),
    ("CELL", CELL),
    ("USER_NAME", USER_NAME),
    ("TWEET_TEXT", TWEET_TEXT),
    ("ACTION_BAR", ACTION_BAR),
    ("REPLY_BUTTON", REPLY_BUTTON),
    ("REPOST_BUTTON", REPOST_BUTTON),
    ("LIKE_BUTTON", LIKE_BUTTON),
    ("BOOKMARK_BUTTON", BOOKMARK_BUTTON),
    ("VIEWS_LINK", VIEWS_LINK),
    ("STATUS_LINK", STATUS_LINK),
    ("ADDRESSEE_LINK", ADDRESSEE_LINK),
    ("TIME", TIME),
    ("SOCIAL_CONTEXT", SOCIAL_CONTEXT),
    ("PROMOTED", PROMOTED),
    ("QUOTE_CONTAINER", QUOTE_CONTAINER),
    ("PROFILE_LINK", PROFILE_LINK),
    ("ACCOUNT_AVATAR", ACCOUNT_AVATAR),
    ("PROFILE_NAME", PROFILE_NAME),
    ("PROFILE_BIO", PROFILE_BIO),
    ("HOVER_CARD", HOVER_CARD),
    ("USER_CELL", USER_CELL),
    ("EDITOR", EDITOR),
    ("POST_BUTTON", POST_BUTTON),
    ("PROFILE_ITEMS", PROFILE_ITEMS),
    ("AVATAR_ANY", AVATAR_ANY),
    ("HOVER_BIO", HOVER_BIO),
    ("DIALOG", DIALOG),
    ("PRIMARY_COLUMN", PRIMARY_COLUMN),
];

/// Where every entry was seen (for the debug log).
pub const SOURCE: &str = CAPTURE;

/// Reads the count at the start of an action label: "48 Replies. Reply" → 48, "Reply" → 0.
/// X writes raw integers there in every language (seen 2025-10: "30142 views"); separators
/// (`,` `.` thin and no-break spaces) are skipped in case a locale adds them. A label that
/// starts with something else has no number: the count is zero.
pub fn leading_count(label: &str) -> u64 {
    let mut n: u64 = 0;
    for c in label.trim_start().chars() {
        match c {
            '0'..='9' => {
                n = n
                    .saturating_mul(10)
                    .saturating_add(u64::from(c as u8 - b'0'))
            }
            ',' | '.' | '\u{a0}' | '\u{202f}' | '\u{2009}' if n > 0 => {}
            _ => break,
        }
    }
    n
}

/// The handle in a profile href (`/handle`), if it is one.
pub fn handle_from_href(href: &str) -> Option<&str> {
    let h = href.strip_prefix('/')?.split(['?', '#']).next()?;
    crate::core::route::is_handle(h).then_some(h)
}

/// `(handle, id)` from a permalink href `/handle/status/ID[/…]` (absolute URLs too).
pub fn status_from_href(href: &str) -> Option<(&str, &str)> {
    let path = href
        .strip_prefix("https://x.com")
        .or_else(|| href.strip_prefix("https://twitter.com"))
        .unwrap_or(href);
    let mut segs = path.trim_start_matches('/').split('/');
    let handle = segs.next()?;
    if segs.next()? != STATUS_SEGMENT {
        return None;
    }
    let id = segs.next()?.split(['?', '#']).next()?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some((handle, id))
}

/// Views from the action bar's label when no views link shows them (the focused post of a
/// status page shows views as text; seen 2025-10). The label lists the non-zero counts in the
/// order replies, reposts, likes, bookmarks, views (localised words, raw integers): drop the
/// counts the buttons told us, in order; a number left at the end is the views.
pub fn views_from_group_label(label: &str, known: &[Option<u64>]) -> Option<u64> {
    let mut numbers = label
        .split(',')
        .map(leading_count_opt)
        .collect::<Option<Vec<u64>>>()?
        .into_iter()
        .peekable();
    for k in known.iter().flatten().filter(|k| **k > 0) {
        if numbers.peek() == Some(k) {
            numbers.next();
        }
    }
    let rest: Vec<u64> = numbers.collect();
    match rest.as_slice() {
        [v] => Some(*v),
        _ => None,
    }
}

fn leading_count_opt(part: &str) -> Option<u64> {
    part.trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| leading_count(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_a_check_date_and_a_note() {
        for (name, s) in ALL {
            let d = s.checked.as_bytes();
            assert!(
                d.len() == 10 && d[4] == b'-' && d[7] == b'-',
                "{name}: {}",
                s.checked
            );
            assert!(!s.css.is_empty() && !s.note.is_empty(), "{name}");
        }
    }

    #[test]
    fn counts_at_the_start_of_labels_in_any_language() {
        assert_eq!(leading_count("48 Replies. Reply"), 48);
        assert_eq!(leading_count("12 Antworten. Antworten"), 12);
        assert_eq!(leading_count("Reply"), 0);
        assert_eq!(leading_count("Antworten"), 0);
        assert_eq!(leading_count("30142 views. View post analytics"), 30142);
        assert_eq!(leading_count("1,234 reposts"), 1234);
        assert_eq!(leading_count(""), 0);
    }

    #[test]
    fn views_from_the_action_bar_label() {
        let full = "48 replies, 152 reposts, 553 likes, 9 bookmarks, 30142 views";
        let known = [Some(48), Some(152), Some(553), Some(9)];
        assert_eq!(views_from_group_label(full, &known), Some(30142));
        let no_zero = "152 reposts, 553 likes, 30142 views";
        assert_eq!(
            views_from_group_label(no_zero, &[Some(0), Some(152), Some(553), Some(0)]),
            Some(30142)
        );
        assert_eq!(
            views_from_group_label("3 reposts, 25 likes", &[Some(0), Some(3), Some(25), None]),
            None
        );
        assert_eq!(views_from_group_label("", &known), None);
    }

    #[test]
    fn permalinks_and_profile_links() {
        assert_eq!(status_from_href("/ines/status/123"), Some(("ines", "123")));
        assert_eq!(
            status_from_href("/ines/status/123/photo/1"),
            Some(("ines", "123"))
        );
        assert_eq!(
            status_from_href("https://x.com/ines/status/9?s=20"),
            Some(("ines", "9"))
        );
        assert_eq!(status_from_href("/ines/status/abc"), None);
        assert_eq!(status_from_href("/ines"), None);
        assert_eq!(handle_from_href("/mara_quinn"), Some("mara_quinn"));
        assert_eq!(handle_from_href("/home"), None);
        assert_eq!(handle_from_href("/ines/status/1"), None);
    }
}

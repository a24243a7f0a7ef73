//! The page model: what the dom layer reads off X's page, in plain Rust types.

use serde::{Deserialize, Serialize};

/// A handle without the `@`, as X shows it (case kept; compare with [`same_handle`]).
pub type Handle = String;

/// X handles are case-insensitive.
pub fn same_handle(a: &str, b: &str) -> bool {
    a.trim_start_matches('@')
        .eq_ignore_ascii_case(b.trim_start_matches('@'))
}

/// Engagement counts read from the action bar. `None` means "could not be read",
/// which is different from zero (X shows no number for zero).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Replies.
    pub replies: Option<u64>,
    /// Reposts.
    pub reposts: Option<u64>,
    /// Likes.
    pub likes: Option<u64>,
    /// Views.
    pub views: Option<u64>,
}

/// A post quoted inside another post (never confused with the outer post).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quoted {
    /// Status id, when the quote links to it.
    pub id: Option<String>,
    /// Author handle.
    pub author: Handle,
    /// Author display name.
    pub name: String,
    /// Text, as X shows it.
    pub text: String,
}

/// One post as read from the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Status id (from the permalink).
    pub id: String,
    /// Author handle.
    pub author: Handle,
    /// Author display name.
    pub name: String,
    /// Text: emoji from their `alt`, links as X shows them (expanded).
    pub text: String,
    /// `time[datetime]`, UTC ISO, if readable.
    pub time: Option<String>,
    /// Engagement counts.
    pub counts: Counts,
    /// Whether the post is a reply.
    pub is_reply: bool,
    /// Handles it replies to ("Replying to @a @b"), if shown.
    pub reply_to: Vec<Handle>,
    /// The status id it replies to, when the page shows it (status-page threads).
    pub in_reply_to_id: Option<String>,
    /// Handles mentioned in the text.
    pub mentions: Vec<Handle>,
    /// Links in the text (expanded URLs).
    pub links: Vec<String>,
    /// The quoted post, if any.
    pub quoted: Option<Quoted>,
    /// Who reposted it into this timeline, if it is shown as a repost.
    pub reposted_by: Option<Handle>,
    /// Promoted (an ad).
    pub promoted: bool,
    /// The focused post of a status page.
    pub focal: bool,
}

/// The profile header on a profile page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Handle.
    pub handle: Handle,
    /// Display name.
    pub name: String,
    /// Bio text.
    pub bio: String,
}

impl Profile {
    /// Reads a JSON list of profiles exactly as `serde_json::from_str::<Vec<Profile>>` does
    /// (`None` where it fails), without serde_json's deserializer in the wasm.
    pub fn list_from_json(json: &str) -> Option<Vec<Profile>> {
        let mut r = crate::core::json::Reader::new(json);
        let mut out = Vec::new();
        r.array("a sequence", &mut |r| {
            out.push(Profile::read(r)?);
            Ok(())
        })
        .and_then(|()| r.end())
        .ok()?;
        Some(out)
    }

    /// Reads one profile from JSON exactly as `serde_json::from_str::<Profile>` does (`None`
    /// where it fails).
    pub fn from_json(json: &str) -> Option<Profile> {
        let mut r = crate::core::json::Reader::new(json);
        let p = Profile::read(&mut r).ok()?;
        r.end().ok()?;
        Some(p)
    }

    fn read(r: &mut crate::core::json::Reader) -> crate::core::json::Result<Profile> {
        let mut p = Profile::default();
        r.read_struct("struct Profile", &["handle", "name", "bio"], &mut |r, k| {
            let s = r.string()?;
            match k {
                0 => p.handle = s,
                1 => p.name = s,
                _ => p.bio = s,
            }
            Ok(())
        })?;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_lists_read_as_serde_json_reads_them() {
        let good = r#"[{"handle":"a","name":"A \"x\"","bio":"b\n🙂"},["h","n","b"],
            {"bio":"","name":"","handle":"z","extra":[1,{"k":null}]}]"#;
        let cases = [
            good,
            "[]",
            " [ ] ",
            "",
            "null",
            "{}",
            "[{}]",
            "[{\"handle\":\"a\",\"name\":\"b\"}]",
            "[{\"handle\":\"a\",\"name\":\"b\",\"bio\":\"c\",\"handle\":\"d\"}]",
            "[[\"h\",\"n\"]]",
            "[[\"h\",\"n\",\"b\",\"x\"]]",
            "[{\"handle\":1,\"name\":\"b\",\"bio\":\"c\"}]",
            "[{\"handle\":\"a\",\"name\":\"b\",\"bio\":\"c\"},]",
            "[{\"handle\":\"\\ud800\",\"name\":\"b\",\"bio\":\"c\"}]",
        ];
        for c in cases {
            let want = serde_json::from_str::<Vec<Profile>>(c).ok();
            assert_eq!(Profile::list_from_json(c), want, "{c}");
        }
        for i in 0..good.len() {
            if good.is_char_boundary(i) && good.is_char_boundary(i + 1) {
                let c = format!("{}{}", &good[..i], &good[i + 1..]);
                let want = serde_json::from_str::<Vec<Profile>>(&c).ok();
                assert_eq!(Profile::list_from_json(&c), want, "{c}");
            }
        }
    }

    #[test]
    fn one_profile_reads_as_serde_json_reads_it() {
        let p = Profile {
            handle: "noor".into(),
            name: "Noor \"N\"".into(),
            bio: "maps 🙂\nand tea".into(),
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(Profile::from_json(&json), Some(p));
        for c in [
            "",
            "[]",
            "null",
            "{}",
            "[\"h\",\"n\",\"b\"]",
            "{\"handle\":\"a\"}",
            "@noor",
        ] {
            let want = serde_json::from_str::<Profile>(c).ok();
            assert_eq!(Profile::from_json(c), want, "{c}");
        }
    }

    #[test]
    fn handles_compare_without_case_or_at() {
        assert!(same_handle("@Alice", "alice"));
        assert!(!same_handle("alice", "alicia"));
    }
}

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

impl Post {
    /// The post as JSON, exactly as `serde_json::to_string` writes it (the debug log; without
    /// serde_json's serializer in the wasm).
    pub fn to_json(&self) -> String {
        let mut w = JsonObject::new();
        w.str("id", &self.id);
        w.str("author", &self.author);
        w.str("name", &self.name);
        w.str("text", &self.text);
        w.opt_str("time", self.time.as_deref());
        let mut c = JsonObject::new();
        for (k, n) in [
            ("replies", self.counts.replies),
            ("reposts", self.counts.reposts),
            ("likes", self.counts.likes),
            ("views", self.counts.views),
        ] {
            c.key(k);
            match n {
                Some(n) => c.out.push_str(&n.to_string()),
                None => c.out.push_str("null"),
            }
        }
        w.raw("counts", &c.end());
        w.raw("is_reply", bool_json(self.is_reply));
        w.strs("reply_to", &self.reply_to);
        w.opt_str("in_reply_to_id", self.in_reply_to_id.as_deref());
        w.strs("mentions", &self.mentions);
        w.strs("links", &self.links);
        match &self.quoted {
            Some(q) => {
                let mut o = JsonObject::new();
                o.opt_str("id", q.id.as_deref());
                o.str("author", &q.author);
                o.str("name", &q.name);
                o.str("text", &q.text);
                w.raw("quoted", &o.end());
            }
            None => w.raw("quoted", "null"),
        }
        w.opt_str("reposted_by", self.reposted_by.as_deref());
        w.raw("promoted", bool_json(self.promoted));
        w.raw("focal", bool_json(self.focal));
        w.end()
    }
}

fn bool_json(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// A JSON object written field by field, as serde_json writes a struct.
struct JsonObject {
    out: String,
}

impl JsonObject {
    fn new() -> JsonObject {
        JsonObject {
            out: String::from("{"),
        }
    }

    fn key(&mut self, k: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        crate::core::json::write_str(&mut self.out, k);
        self.out.push(':');
    }

    fn raw(&mut self, k: &str, v: &str) {
        self.key(k);
        self.out.push_str(v);
    }

    fn str(&mut self, k: &str, v: &str) {
        self.key(k);
        crate::core::json::write_str(&mut self.out, v);
    }

    fn opt_str(&mut self, k: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(k, v),
            None => self.raw(k, "null"),
        }
    }

    fn strs(&mut self, k: &str, v: &[String]) {
        self.key(k);
        self.out.push('[');
        for (i, s) in v.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            crate::core::json::write_str(&mut self.out, s);
        }
        self.out.push(']');
    }

    fn end(mut self) -> String {
        self.out.push('}');
        self.out
    }
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

    /// The profile as JSON `{"handle","name","bio"}`, exactly as `serde_json::to_string`
    /// writes it (without serde_json's serializer in the wasm).
    pub fn to_json(&self) -> String {
        let mut w = JsonObject::new();
        w.str("handle", &self.handle);
        w.str("name", &self.name);
        w.str("bio", &self.bio);
        w.end()
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
        assert_eq!(p.to_json(), json);
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
    fn posts_are_written_as_serde_json_writes_them() {
        let full = Post {
            id: "1".into(),
            author: "a\"b".into(),
            name: "N\u{1}\n🙂".into(),
            text: "t\\x".into(),
            time: Some("2026-01-01T00:00:00.000Z".into()),
            counts: Counts {
                replies: Some(0),
                reposts: None,
                likes: Some(u64::MAX),
                views: Some(30142),
            },
            is_reply: true,
            reply_to: vec!["x".into(), "y".into()],
            in_reply_to_id: Some("9".into()),
            mentions: vec!["m".into()],
            links: vec![],
            quoted: Some(Quoted {
                id: None,
                author: "q".into(),
                name: "Q".into(),
                text: "qt".into(),
            }),
            reposted_by: Some("r".into()),
            promoted: true,
            focal: false,
        };
        for p in [full, Post::default()] {
            assert_eq!(p.to_json(), serde_json::to_string(&p).unwrap());
        }
    }

    #[test]
    fn handles_compare_without_case_or_at() {
        assert!(same_handle("@Alice", "alice"));
        assert!(!same_handle("alice", "alicia"));
    }
}

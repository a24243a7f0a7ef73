//! The stored form against the serde_json reading and writing it replaced: the same JSON
//! out, the same ledger or the same kind of error back, on good, damaged and odd input.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::*;
use crate::core::ledger::handle_set;
use crate::core::post::Post;
use crate::core::time::to_iso;

/// The serde_json implementation of the stored form, as first written.
mod reference {
    use super::*;

    type PostRowOut<'a> = (
        &'a str,
        &'a str,
        Millis,
        Millis,
        Option<&'a str>,
        &'a [String],
        &'a [String],
        &'a str,
        u8,
    );

    #[derive(Serialize)]
    struct StoredOut<'a> {
        v: u32,
        me: Vec<&'a str>,
        p: Vec<PostRowOut<'a>>,
        n: Vec<(&'a str, &'a str, Millis)>,
        r: Vec<(&'a str, &'a str, Millis)>,
        a: Vec<(&'a str, Millis, AnswerHow)>,
        d: Vec<(&'a str, Millis)>,
    }

    type PostRowIn = (
        String,
        String,
        Millis,
        Millis,
        Option<String>,
        Vec<String>,
        Vec<String>,
        String,
        u8,
    );

    #[derive(Deserialize)]
    struct StoredIn {
        v: u32,
        me: Vec<String>,
        p: Vec<PostRowIn>,
        n: Vec<(String, String, Millis)>,
        r: Vec<(String, String, Millis)>,
        a: Vec<(String, Millis, AnswerHow)>,
        d: Vec<(String, Millis)>,
    }

    #[derive(Deserialize)]
    struct VersionProbe {
        v: u32,
    }

    fn migrate(from: u32, value: Value) -> Result<Value, LedgerError> {
        match from {
            LEDGER_VERSION => Ok(value),
            v if v > LEDGER_VERSION => Err(LedgerError::TooNew(v)),
            v => Err(LedgerError::Unsupported(v)),
        }
    }

    fn malformed(e: serde_json::Error) -> LedgerError {
        LedgerError::Malformed(e.to_string())
    }

    pub fn to_json(l: &Ledger) -> String {
        let mut p: Vec<PostRowOut> = l
            .posts
            .iter()
            .map(|(id, s)| {
                (
                    id.as_str(),
                    s.author.as_str(),
                    s.time,
                    s.seen,
                    s.in_reply_to.as_deref(),
                    s.reply_to.as_slice(),
                    s.mentions.as_slice(),
                    s.line.as_str(),
                    if s.replied { FLAG_REPLIED } else { 0 },
                )
            })
            .collect();
        p.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut n: Vec<_> = l
            .people
            .values()
            .map(|x| (x.handle.as_str(), x.name.as_str(), x.seen))
            .collect();
        n.sort_unstable();
        let mut r: Vec<_> = l
            .links
            .iter()
            .map(|((f, t), at)| (f.as_str(), t.as_str(), *at))
            .collect();
        r.sort_unstable();
        let mut a: Vec<_> = l
            .answered
            .iter()
            .map(|(id, x)| (id.as_str(), x.at, x.how))
            .collect();
        a.sort_unstable();
        let mut d: Vec<_> = l
            .dismissed
            .iter()
            .map(|(id, at)| (id.as_str(), *at))
            .collect();
        d.sort_unstable();
        let out = StoredOut {
            v: LEDGER_VERSION,
            me: l.accounts.iter().map(String::as_str).collect(),
            p,
            n,
            r,
            a,
            d,
        };
        serde_json::to_string(&out).unwrap()
    }

    pub fn from_json(json: &str) -> Result<Ledger, LedgerError> {
        match serde_json::from_str::<StoredIn>(json) {
            Ok(s) if s.v == LEDGER_VERSION => from_stored(s),
            Ok(s) => from_other_version(s.v, json),
            Err(e) => match serde_json::from_str::<VersionProbe>(json) {
                Ok(probe) if probe.v != LEDGER_VERSION => from_other_version(probe.v, json),
                _ => Err(malformed(e)),
            },
        }
    }

    fn from_other_version(v: u32, json: &str) -> Result<Ledger, LedgerError> {
        let value: Value = serde_json::from_str(json).map_err(malformed)?;
        let value = migrate(v, value)?;
        let stored: StoredIn = serde_json::from_value(value).map_err(malformed)?;
        from_stored(stored)
    }

    fn from_stored(s: StoredIn) -> Result<Ledger, LedgerError> {
        let mut l = Ledger::default();
        for (i, h) in s.me.into_iter().enumerate() {
            let key = handle_key(&h);
            if key.is_empty() {
                return Err(invalid("empty account handle", i));
            }
            l.accounts.insert(key);
        }
        for (i, row) in s.p.into_iter().enumerate() {
            let (id, author, time, seen, in_reply_to, reply_to, mentions, line, flags) = row;
            if id.is_empty() || author.is_empty() {
                return Err(invalid("post without id or author", i));
            }
            let rec = SeenPost {
                author,
                time,
                seen,
                in_reply_to: in_reply_to.filter(|s| !s.is_empty()),
                reply_to: normalised(reply_to),
                mentions: normalised(mentions),
                line,
                replied: flags & FLAG_REPLIED != 0,
            };
            match l.posts.get_mut(&id) {
                Some(mine) => {
                    join::post(mine, &rec);
                }
                None => {
                    l.posts.insert(id, rec);
                }
            }
        }
        for (i, (handle, name, seen)) in s.n.into_iter().enumerate() {
            let key = handle_key(&handle);
            if key.is_empty() {
                return Err(invalid("person without handle", i));
            }
            let p = Person { handle, name, seen };
            match l.people.get_mut(&key) {
                Some(mine) => {
                    join::person(mine, &p);
                }
                None => {
                    l.people.insert(key, p);
                }
            }
        }
        for (i, (from, to, at)) in s.r.into_iter().enumerate() {
            let (from, to) = (handle_key(&from), handle_key(&to));
            if from.is_empty() || to.is_empty() {
                return Err(invalid("link without handles", i));
            }
            join::put_max(&mut l.links, (from, to), at);
        }
        for (i, (id, at, how)) in s.a.into_iter().enumerate() {
            if id.is_empty() {
                return Err(invalid("answer without post id", i));
            }
            join::put_max(&mut l.answered, id, Answer { at, how });
        }
        for (i, (id, at)) in s.d.into_iter().enumerate() {
            if id.is_empty() {
                return Err(invalid("dismissal without post id", i));
            }
            join::put_max(&mut l.dismissed, id, at);
        }
        Ok(l)
    }
}

const T0: Millis = 1_761_248_040_000;

/// A ledger with something in every part, and text that needs escaping.
fn sample() -> Ledger {
    let mut l = Ledger::new();
    let mut posts = Vec::new();
    for (i, text) in [
        "plain",
        "quote \" backslash \\ slash / tab \t",
        "controls \u{1} \u{8} \u{c} \u{1f} \u{7f} done",
        "ünïcode 🙂 \u{2028}",
        "\r\nsecond line",
    ]
    .into_iter()
    .enumerate()
    {
        posts.push(Post {
            id: format!("{}", 100 - i),
            author: ["Alice", "bob", "me"][i % 3].into(),
            name: format!("Name \"{i}\" \u{3}"),
            text: text.into(),
            time: Some(to_iso(T0 + i as Millis * 60_000)),
            in_reply_to_id: (i > 0).then(|| format!("{}", 101 - i)),
            reply_to: vec!["Me".into(), "@Carol".into()],
            mentions: vec!["zed".into()],
            ..Post::default()
        });
    }
    l.observe(&posts, "me", T0 + 3_600_000);
    l.record_composer_reply("7", T0 - 5);
    l.record_archive_reply("8", -3);
    l.dismiss("9\"x", T0);
    l
}

/// The same verdict: equal ledgers, or errors of the same kind (the same value for all but
/// the messages of damaged JSON).
fn same(json: &str) {
    let got = Ledger::from_json(json);
    let want = reference::from_json(json);
    match (&got, &want) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{json}"),
        (Err(LedgerError::Malformed(_)), Err(LedgerError::Malformed(_))) => {}
        _ => assert_eq!(got, want, "{json}"),
    }
}

#[test]
fn writes_what_serde_json_wrote() {
    for l in [Ledger::new(), sample()] {
        assert_eq!(l.to_json(), reference::to_json(&l));
    }
}

#[test]
fn reads_what_serde_json_read() {
    let good = sample().to_json();
    same(&good);
    same(&Ledger::new().to_json());
    let odd = [
        "",
        " ",
        "null",
        "[]",
        "{}",
        "1",
        "\"x\"",
        "{\"v\":1}",
        "{\"v\":2}",
        "{\"v\":0}",
        "{\"v\":-1}",
        "{\"v\":1.0}",
        "{\"v\":4294967296}",
        "{\"v\":7,\"posts\":{}}",
        "{\"v\":7,\"x\":[1,2,{\"a\":[true,false,null,-0.5e-3]}]}",
        "{\"v\":7,\"x\":\"\\uDC00\"}",
        "{\"v\":7,\"x\":\"\\uD800\\u0041\"}",
        "{\"v\":7,\"x\":\"\\uD83D\\uDE42\"}",
        "{\"v\":7,\"x\":1e400}",
        "{\"v\":7,\"x\":1e308}",
        "{\"v\":7,\"x\":2e308}",
        "{\"v\":7,\"x\":-1.8e308}",
        "{\"v\":7,\"x\":0.000000000000001e323}",
        "{\"v\":7,\"x\":123456789012345678901234567890}",
        "{\"v\":7,\"x\":01}",
        "{\"v\":7,\"x\":1.}",
        "{\"v\":7,\"x\":.5}",
        "{\"v\":7,\"x\":-}",
        "{\"v\":7,\"x\":1e}",
        "{\"v\":7,\"x\":[1,]}",
        "{\"v\":7,\"x\":{\"a\":1,}}",
        "{\"v\":7,\"x\":{1:1}}",
        "{\"v\":7,\"x\":tru}",
        "{\"v\":7,\"x\":nul}",
        "{\"v\":7,\"x\":\"a\tb\"}",
        "{\"v\":7,\"x\":\"\\x\"}",
        "{\"v\":7,\"x\":\"\\u12\"}",
        "{\"v\":7,\"v\":7}",
        "{\"v\":7,}",
        "{\"v\":7} x",
        "{\"v\":7}   \n ",
        "[7]",
        "[7,[]]",
        "[1,[],[],[],[],[],[]]",
        "[1,[],[],[],[],[],[],[]]",
        "[1,[],[],[],[],[]]",
        "{\"\\u0076\":2}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"d\":[],\"a\":[],\"r\":[],\"n\":[],\"p\":[],\"me\":[],\"v\":1,\"extra\":{\"v\":2}}",
        "{\"v\":1,\"me\":[\"@\"],\"p\":[[\"\",\"a\",1,1,null,[],[],\"\",0]],\"n\":[],\"r\":[],\"a\":[],\"d\":[[\"\",1]]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[[\"\",\"x\",1]],\"r\":[[\"a\",\"@\",1]],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[[\"1\",2,{\"c\":null}],[\"1\",2,\"a\"]],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[[\"1\",2,{ \"c\" : null }]],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[[\"1\",2,{\"c\":1}]],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[[\"1\",2,{\"c\":null,}]],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[[\"1\",2,\"x\"]],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[[\"1\",-0,\"s\"]],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[[\"1\",-9223372036854775808]]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[[\"1\",-9223372036854775809]]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[[\"1\",9223372036854775807]]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[[\"1\",9223372036854775808]]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[[\"1\",18446744073709551616]]}",
        "{\"v\":1,\"me\":[],\"p\":[[\"1\",\"a\",1,1,null,[],[],\"\",256]],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[[\"1\",\"a\",1,1,null,[],[],\"\",255]],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[[\"1\",\"a\",1,1,\"\",[\"B\",\"@b\"],[\"\"],\"\",3],[\"1\",\"A\",0,2,\"9\",[\"c\"],[],\"xy\",0]],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[[\"1\",\"a\",1,1,null,[],[],\"\"]],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[[\"1\",\"a\",1,1,null,[],[],\"\",0,0]],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[[\"1\",\"a\",1,1,null,[],[],\"\",0,]],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[[\"1\",\"a\",1,1,7,[],[],\"\",0]],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[null],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":null,\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[\"\\u00e9\\ud83d\\ude42\\n\"],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[\"\\ud83d\"],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[\"\\ude42\"],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[\"a\"],\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[]}",
        "{\"v\":1,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[],\"x\":[[[[[[[[[[]]]]]]]]]]}",
        "{\"v\":2,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[],\"x\":\"\\udc00\"}",
        "{\"v\":2,\"me\":[],\"p\":[],\"n\":[],\"r\":[],\"a\":[],\"d\":[[\"\",1]]}",
    ];
    for json in odd {
        same(json);
    }
    // Nesting: serde_json builds a `Value` at most 127 deep.
    for depth in [1, 126, 127, 128, 129, 5000] {
        let deep = format!(
            "{{\"v\":5,\"x\":{}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        same(&deep);
        let deep = format!(
            "{{\"v\":1,\"x\":{}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        same(&deep);
    }
}

#[test]
fn reads_damage_as_serde_json_did() {
    // Every cut, and every byte replaced, deleted or doubled, of a small stored ledger.
    let mut l = Ledger::new();
    l.observe(
        &[Post {
            id: "1".into(),
            author: "a".into(),
            text: "t\"\\".into(),
            in_reply_to_id: Some("0".into()),
            mentions: vec!["m".into()],
            ..Post::default()
        }],
        "me",
        T0,
    );
    l.record_composer_reply("1", 5);
    l.dismiss("2", 6);
    let good = l.to_json();
    let bytes = good.as_bytes();
    for i in 0..=bytes.len() {
        same(&good[..i]);
        same(&good[i..]);
        for with in [
            "", " ", "0", "1", "-", ".", "e", "\"", "\\", ",", ":", "[", "]", "{", "}", "n", "x",
            "2", "[]", "{}", "null", "\"\"", "\\u0041", "é",
        ] {
            let mut edited = bytes[..i].to_vec();
            edited.extend_from_slice(with.as_bytes());
            edited.extend_from_slice(&bytes[(i + 1).min(bytes.len())..]);
            if let Ok(s) = String::from_utf8(edited.clone()) {
                same(&s);
            }
            let mut inserted = bytes[..i].to_vec();
            inserted.extend_from_slice(with.as_bytes());
            inserted.extend_from_slice(&bytes[i..]);
            if let Ok(s) = String::from_utf8(inserted) {
                same(&s);
            }
        }
    }
}

#[test]
fn rows_are_normalised_as_before() {
    assert_eq!(
        normalised(vec!["B".into(), "@b".into(), "a".into()]),
        handle_set(&["a".into(), "b".into()])
    );
}

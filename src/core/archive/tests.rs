//! Unit tests of the archive reader on small hand-written archives: folders, zips (built
//! here with the zip crate), old and split file names, and damaged input.

use std::io::Write;

use super::*;
use crate::core::ledger::AnswerHow;
use crate::core::settings::Settings;
use crate::core::time::parse_iso;

const ACCOUNT: &str = r#"window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "redacted@example.invalid",
      "username" : "Owner_1",
      "accountId" : "1",
      "accountDisplayName" : "Owner One"
    }
  }
]"#;

/// One `{"tweet": …}` item as X writes it (ids as strings, escaped text).
fn tweet(id: &str, created: &str, text: &str, extra: &str) -> String {
    let entities = if extra.contains("\"entities\"") {
        ""
    } else {
        "\n      \"entities\" : { \"hashtags\" : [ ], \"user_mentions\" : [ ], \"urls\" : [ ] },"
    };
    format!(
        r#"  {{
    "tweet" : {{
      "retweeted" : false,{entities}
      "id_str" : "{id}",
      "id" : "{id}",
      "created_at" : "{created}",
      "full_text" : {text:?},
      "lang" : "en"{extra}
    }}
  }}"#
    )
}

fn ytd(global: &str, items: &[String]) -> String {
    format!("window.YTD.{global} = [\n{}\n]", items.join(",\n"))
}

/// A small archive: a plain post, a reply, a repost, an "@handle" post that is no reply,
/// a post with a link and a photo, and a duplicate.
fn sample_tweets() -> String {
    let link = r#",
      "entities" : {
        "hashtags" : [ { "text" : "Rust" } ],
        "urls" : [ { "url" : "https://t.co/AbC123", "expanded_url" : "https://example.com/a?b=1&c=2", "display_url" : "example.com/a…" } ],
        "media" : [ { "url" : "https://t.co/Pic999", "expanded_url" : "https://x.com/Owner_1/status/5/photo/1" } ]
      }"#;
    ytd(
        "tweets.part0",
        &[
            tweet(
                "5",
                "Fri Mar 06 13:02:05 +0000 2026",
                "Q&amp;A on #Rust: https://t.co/AbC123 &lt;3 https://t.co/Pic999",
                link,
            ),
            tweet(
                "4",
                "Thu Mar 05 10:00:00 +0000 2026",
                "@grok why?",
                r#", "in_reply_to_user_id_str" : "9", "in_reply_to_screen_name" : "grok""#,
            ),
            tweet(
                "3",
                "Wed Mar 04 10:00:00 +0000 2026",
                "RT @nasa: Pillars of Creation @esa",
                "",
            ),
            tweet(
                "2",
                "Tue Mar 03 10:00:00 +0000 2026",
                "@Bob @carol I agree, see @dave",
                r#", "in_reply_to_status_id_str" : "100", "in_reply_to_status_id" : "100", "in_reply_to_screen_name" : "Bob", "in_reply_to_user_id_str" : "7""#,
            ),
            tweet("1", "Mon Mar 02 10:00:00 +0000 2026", "hello world", ""),
            tweet("1", "Mon Mar 02 10:00:00 +0000 2026", "hello world", ""),
        ],
    )
}

fn files<'a>(list: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a [u8])> {
    list.iter().map(|(p, s)| (*p, s.as_bytes())).collect()
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn err_of(r: Result<Archive, ArchiveError>) -> ArchiveError {
    match r {
        Ok(a) => panic!("expected an error, got {} posts", a.posts.len()),
        Err(e) => e,
    }
}

#[test]
fn reads_posts_from_a_folder() {
    let list = [
        ("arch/data/tweets.js", sample_tweets()),
        ("arch/data/account.js", ACCOUNT.to_string()),
        ("arch/data/like.js", "not even js".to_string()),
    ];
    let a = from_files(files(&list)).unwrap();
    assert_eq!(a.owner, "Owner_1");
    assert_eq!(a.owner_name, "Owner One");
    let ids: Vec<&str> = a.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["1", "2", "3", "4", "5"],
        "oldest first, duplicate dropped"
    );

    let p5 = &a.posts[4];
    assert_eq!(p5.text, "Q&A on #Rust: https://example.com/a?b=1&c=2 <3");
    assert_eq!(p5.links, ["https://example.com/a?b=1&c=2"]);
    assert_eq!(p5.hashtags, ["Rust"]);
    assert_eq!(p5.time, parse_iso("2026-03-06T13:02:05Z").unwrap());
    assert_eq!(p5.lang.as_deref(), Some("en"));
    assert!(!p5.is_reply && !p5.is_repost && !p5.is_quote());

    let reply = &a.posts[1];
    assert!(reply.is_reply);
    assert_eq!(reply.in_reply_to_id.as_deref(), Some("100"));
    assert_eq!(reply.in_reply_to.as_deref(), Some("Bob"));
    assert_eq!(reply.reply_to, ["Bob", "carol"]);
    assert_eq!(reply.mentions, ["Bob", "carol", "dave"]);

    let rt = &a.posts[2];
    assert!(rt.is_repost && !rt.is_reply);
    assert_eq!(rt.reposted.as_deref(), Some("nasa"));
    assert_eq!(rt.mentions, ["nasa", "esa"]);

    let at_grok = &a.posts[3];
    assert!(
        !at_grok.is_reply,
        "in_reply_to_user_id alone is not a reply"
    );
    assert_eq!(at_grok.in_reply_to.as_deref(), Some("grok"));
    assert_eq!(at_grok.in_reply_to_id, None);
}

#[test]
fn reads_the_zip_as_x_delivers_it() {
    let tweets = sample_tweets();
    let bytes = zip_of(&[
        ("Your archive.html", b"<html>"),
        ("data/tweets_media/5-x.jpg", &[0xff, 0xd8, 0xff][..]),
        ("data/account.js", ACCOUNT.as_bytes()),
        ("data/tweets.js", tweets.as_bytes()),
        ("data/manifest.js", b"window.__THAR_CONFIG = {}"),
    ]);
    let a = from_zip("archive.zip", &bytes).unwrap();
    assert_eq!(a.owner, "Owner_1");
    assert_eq!(a.posts.len(), 5);
    // Equal to the same files read as a folder.
    let list = [
        ("data/tweets.js", tweets.clone()),
        ("data/account.js", ACCOUNT.to_string()),
    ];
    assert_eq!(a, from_files(files(&list)).unwrap());
    // A zip of the folder (one level deeper) and a zip of the data folder's files alone.
    let deeper = zip_of(&[
        ("twitter-2026/data/tweets.js", tweets.as_bytes()),
        ("twitter-2026/data/account.js", ACCOUNT.as_bytes()),
        ("__MACOSX/twitter-2026/data/tweets.js", b"junk"),
    ]);
    assert_eq!(from_zip("x.zip", &deeper).unwrap(), a);
    let flat = zip_of(&[
        ("tweets.js", tweets.as_bytes()),
        ("account.js", ACCOUNT.as_bytes()),
    ]);
    assert_eq!(from_zip("x.zip", &flat).unwrap(), a);
}

#[test]
fn broken_zips_name_the_file_and_position() {
    let tweets = sample_tweets();
    let good = zip_of(&[
        ("data/account.js", ACCOUNT.as_bytes()),
        ("data/tweets.js", tweets.as_bytes()),
    ]);
    // Not a zip at all.
    let e = err_of(from_zip("notes.zip", b"hello"));
    assert_eq!(e.file, "notes.zip");
    assert_eq!(e.position, Some(Position::Byte(0)));
    // Cut off: the table of contents at the end is gone.
    let e = err_of(from_zip("cut.zip", &good[..good.len() / 2]));
    assert_eq!(e.file, "cut.zip");
    assert!(e.to_string().starts_with("cut.zip: damaged zip"), "{e}");
    // Damaged compressed data inside the posts entry: named with its offset in the zip.
    let mut bad = good.clone();
    let start = bad
        .windows(14)
        .position(|w| w == b"data/tweets.js")
        .unwrap();
    for b in &mut bad[start + 20..start + 60] {
        *b ^= 0x5a;
    }
    let e = err_of(from_zip("bad.zip", &bad));
    assert_eq!(e.file, "bad.zip");
    assert!(matches!(e.position, Some(Position::Byte(_))), "{e:?}");
    assert!(e.message.contains("data/tweets.js"), "{e}");
    // A zip without posts.
    let e = err_of(from_zip("other.zip", &zip_of(&[("a.txt", b"x")])));
    assert!(e.message.contains("not an X archive"), "{e}");
}

#[test]
fn old_tweet_js_naming() {
    let old = ytd(
        "tweet.part0",
        &[tweet(
            "7",
            "Sat Jan 05 09:00:00 +0000 2019",
            "old times",
            "",
        )],
    );
    let list = [("tweet.js", old), ("account.js", ACCOUNT.to_string())];
    let a = from_files(files(&list)).unwrap();
    assert_eq!(a.posts.len(), 1);
    assert_eq!(a.posts[0].text, "old times");
    // Numbers for ids, `text` for `full_text`, null for a missing reply: older layouts.
    let older = r#"window.YTD.tweet.part0 = [ { "tweet" : { "id" : 8, "created_at" : "Sat Jan 05 09:00:00 +0000 2019", "text" : "numbers", "in_reply_to_status_id" : null } } ];"#;
    let list = [
        ("tweet.js", older.to_string()),
        ("account.js", ACCOUNT.to_string()),
    ];
    let a = from_files(files(&list)).unwrap();
    assert_eq!((a.posts[0].id.as_str(), a.posts[0].is_reply), ("8", false));
}

#[test]
fn split_parts_are_joined() {
    let p0 = ytd(
        "tweets.part0",
        &[tweet(
            "20",
            "Mon Mar 02 10:00:00 +0000 2026",
            "part zero",
            "",
        )],
    );
    let p1 = ytd(
        "tweets.part1",
        &[
            tweet("10", "Sun Mar 01 10:00:00 +0000 2026", "part one", ""),
            tweet("20", "Mon Mar 02 10:00:00 +0000 2026", "part zero", ""),
        ],
    );
    let p2 = ytd(
        "tweets.part2",
        &[tweet(
            "30",
            "Tue Mar 03 10:00:00 +0000 2026",
            "part two",
            "",
        )],
    );
    let list = [
        ("data/tweets-part2.js", p2),
        ("data/tweets.js", p0),
        ("data/tweets-part1.js", p1),
        ("data/account.js", ACCOUNT.to_string()),
    ];
    let a = from_files(files(&list)).unwrap();
    let ids: Vec<&str> = a.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["10", "20", "30"]);
    assert_eq!(role("tweets-part12.js"), Some(Role::Posts(12)));
    assert_eq!(role("tweets-partx.js"), None);
    assert_eq!(role("deleted-tweets.js"), None);
}

#[test]
fn bad_json_names_the_file_line_and_column() {
    let good = sample_tweets();
    // A missing comma between two items: line 15 of the file (the second item's start).
    let broken = good.replacen("  },\n  {", "  }\n  {", 1);
    let line = broken[..broken.find("  }\n  {").unwrap()]
        .matches('\n')
        .count()
        + 2;
    let list = [
        ("d/tweets.js", broken),
        ("d/account.js", ACCOUNT.to_string()),
    ];
    let e = err_of(from_files(files(&list)));
    assert_eq!(e.file, "d/tweets.js");
    assert_eq!(e.position, Some(Position::Text { line, column: 3 }), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("d/tweets.js: line {line}, column 3: "))
    );

    // An error on the first line: the column counts the `window.… = ` prefix.
    let list = [
        ("tweets.js", "window.YTD.tweets.part0 = [ x ]".to_string()),
        ("account.js", ACCOUNT.to_string()),
    ];
    let e = err_of(from_files(files(&list)));
    assert_eq!(
        e.position,
        Some(Position::Text {
            line: 1,
            column: 29
        }),
        "{e}"
    );

    // A bad date names the post's line.
    let bad_date = good.replace("Tue Mar 03 10:00:00 +0000 2026", "yesterday");
    let list = [
        ("tweets.js", bad_date.clone()),
        ("account.js", ACCOUNT.to_string()),
    ];
    let e = err_of(from_files(files(&list)));
    let line = bad_date[..bad_date.find("yesterday").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        matches!(e.position, Some(Position::Text { line: l, .. }) if l == line),
        "{e}"
    );
    assert!(e.message.contains("yesterday"), "{e}");

    // Cut off mid-way.
    let cut = good[..good.len() / 2].to_string();
    let list = [("tweets.js", cut), ("account.js", ACCOUNT.to_string())];
    let e = err_of(from_files(files(&list)));
    assert!(e.message.contains("cut off"), "{e}");

    // Not a YTD file.
    let list = [
        ("tweets.js", "[]".to_string()),
        ("account.js", ACCOUNT.to_string()),
    ];
    let e = err_of(from_files(files(&list)));
    assert_eq!(e.position, Some(Position::Text { line: 1, column: 1 }));

    // Missing field.
    let no_date =
        r#"window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1", "full_text" : "x" } } ]"#;
    let list = [
        ("tweets.js", no_date.to_string()),
        ("account.js", ACCOUNT.to_string()),
    ];
    let e = err_of(from_files(files(&list)));
    assert!(e.message.contains("created_at"), "{e}");
}

#[test]
fn bad_bytes_and_missing_files() {
    let mut bytes = sample_tweets().into_bytes();
    let at = bytes.windows(5).position(|w| w == b"hello").unwrap();
    bytes[at] = 0xff;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let e = err_of(from_files([
        ("tweets.js", &bytes[..]),
        ("account.js", ACCOUNT.as_bytes()),
    ]));
    assert!(
        matches!(e.position, Some(Position::Text { line: l, .. }) if l == line),
        "{e}"
    );
    assert!(e.message.contains("UTF-8"));

    // No owner named anywhere.
    let t = sample_tweets();
    let e = err_of(from_files([("data/tweets.js", t.as_bytes())]));
    assert!(e.message.contains("account.js"), "{e}");
    // The manifest names the owner when account.js is missing.
    let manifest = r#"window.__THAR_CONFIG = { "userInfo" : { "accountId" : "1", "userName" : "m_owner", "displayName" : "M" } }"#;
    let a = from_files([
        ("data/tweets.js", t.as_bytes()),
        ("data/manifest.js", manifest.as_bytes()),
    ])
    .unwrap();
    assert_eq!(a.owner, "m_owner");
    // A damaged manifest does not matter while account.js names the owner (found by
    // tests/fuzz.rs: bytes that were not UTF-8 refused the whole archive), and is named
    // when it is needed.
    for bad in [&b"window.__THAR_CONFIG = {\xff}"[..], b"{}", b""] {
        let a = from_files([
            ("data/tweets.js", t.as_bytes()),
            ("data/account.js", ACCOUNT.as_bytes()),
            ("data/manifest.js", bad),
        ])
        .unwrap();
        assert_eq!(a.owner, "Owner_1");
        let e = err_of(from_files([
            ("data/tweets.js", t.as_bytes()),
            ("data/manifest.js", bad),
        ]));
        assert_eq!(e.file, "data/manifest.js", "{e}");
    }
    // A username that is no handle: the file that gives it is named (found by
    // tests/fuzz.rs: it named the folder), as is the list of files when they are in none.
    let bad = ACCOUNT.replace("Owner_1", "Owner-1");
    let e = err_of(from_files([
        ("data/tweets.js", t.as_bytes()),
        ("data/account.js", bad.as_bytes()),
    ]));
    assert_eq!(e.file, "data/account.js", "{e}");
    let e = err_of(from_files([("tweets.js", t.as_bytes())]));
    assert_eq!(e.file, "the files given", "{e}");
    // No posts at all.
    let e = err_of(from_files([("data/account.js", ACCOUNT.as_bytes())]));
    assert!(e.message.contains("tweets.js"), "{e}");
}

#[test]
fn all_or_nothing() {
    let p0 = sample_tweets();
    let p1 = "window.YTD.tweets.part1 = [ { \"tweet\" : { } } ]".to_string();
    let list = [
        ("data/tweets.js", p0),
        ("data/tweets-part1.js", p1),
        ("data/account.js", ACCOUNT.to_string()),
    ];
    let e = err_of(from_files(files(&list)));
    assert_eq!(e.file, "data/tweets-part1.js");
}

#[test]
fn feeds_a_ledger() {
    let list = [
        ("data/tweets.js", sample_tweets()),
        ("data/account.js", ACCOUNT.to_string()),
    ];
    let a = from_files(files(&list)).unwrap();
    let mut l = Ledger::new();
    let delta = feed_ledger(&a, &mut l);
    assert!(l.is_account("owner_1"));
    assert_eq!(l.own_posts().count(), 5);
    let ans = l.answer("100").unwrap();
    assert_eq!(ans.how, AnswerHow::Archive);
    assert_eq!(ans.at, a.posts[1].time);
    assert!(l.replied_at("owner_1", "bob").is_some());
    assert_eq!(delta, l, "into an empty ledger, the delta is everything");
    // Again: nothing new, whenever it runs.
    let before = l.clone();
    assert_eq!(feed_ledger(&a, &mut l), delta);
    assert_eq!(l, before);
}

#[test]
fn report_counts_kinds_and_dropped_threads() {
    let day = 86_400_000;
    let t0 = parse_iso("2026-01-01T00:00:00Z").unwrap();
    let mut posts = Vec::new();
    let mut add = |id: usize, at: Millis, text: &str, to: Option<(&str, &str)>| {
        posts.push(ArchivePost {
            id: id.to_string(),
            time: at,
            text: text.to_string(),
            is_reply: to.is_some(),
            in_reply_to_id: to.map(|t| t.1.to_string()),
            in_reply_to: to.map(|t| t.0.to_string()),
            reply_to: to.map(|t| vec![t.0.to_string()]).unwrap_or_default(),
            ..ArchivePost::default()
        });
    };
    // A back-and-forth with amy, then silence for 40 days.
    add(1, t0, "@amy good point", Some(("amy", "900")));
    add(2, t0 + day, "@amy yes, exactly", Some(("amy", "901")));
    // bob: one reply only; cat: a recent back-and-forth; me: a self-thread.
    add(3, t0 + 2 * day, "@bob thanks", Some(("bob", "902")));
    add(4, t0 + 39 * day, "@cat agreed", Some(("cat", "903")));
    add(5, t0 + 40 * day, "@cat and then?", Some(("cat", "904")));
    add(6, t0 + 41 * day, "2/ more", Some(("owner_1", "5")));
    add(
        7,
        t0 + 42 * day,
        "Black Friday: 40% off every course, use code BF40. Today only!",
        None,
    );
    let a = Archive {
        owner: "owner_1".into(),
        owner_name: String::new(),
        posts,
    };
    let r = report(&a, &Settings::default());
    assert_eq!((r.posts, r.replies, r.reposts), (7, 6, 0));
    assert_eq!(r.mix.pitch, 1);
    assert_eq!(r.pitches.len(), 1);
    assert_eq!(r.pitches[0].id, "7");
    assert!((r.pitch_ratio - 1.0 / 7.0).abs() < 1e-12);
    let people: Vec<(&str, usize)> = r
        .replies_per_person
        .iter()
        .map(|p| (p.handle.as_str(), p.replies))
        .collect();
    assert_eq!(people, [("cat", 2), ("amy", 2), ("bob", 1)]);
    let dropped: Vec<&str> = r
        .dropped_threads
        .iter()
        .map(|t| t.handle.as_str())
        .collect();
    assert_eq!(dropped, ["amy"]);
    assert_eq!(r.dropped_threads[0].last_id, "2");
    assert_eq!(r.dropped_threads[0].days_quiet, 41);
    assert_eq!(r.note, report::NOT_IN_ARCHIVE);
}

#[test]
fn quotes_and_status_links() {
    assert!(is_status_link("https://x.com/nasa/status/123"));
    assert!(is_status_link("https://twitter.com/nasa/status/123?s=20"));
    assert!(!is_status_link("https://x.com/nasa"));
    assert!(!is_status_link("https://example.com/nasa/status/1"));
    assert_eq!(leading_handles("@a @b_2  hi @c"), ["a", "b_2"]);
    assert_eq!(leading_handles("@a: hi"), Vec::<String>::new());
}

#[test]
fn import_is_stepwise_idempotent_and_names_people() {
    let list = [
        ("data/tweets.js", sample_tweets()),
        ("data/account.js", ACCOUNT.to_string()),
    ];
    let a = from_files(files(&list)).unwrap();
    let whole = import(a.clone());
    // In slices of one, as the options page does it, the result is the same.
    let mut im = Importer::new(a.clone());
    assert_eq!(im.total(), 5);
    while !im.done() {
        let before = im.position();
        assert_eq!(im.step(1), before + 1);
    }
    assert_eq!(im.finish(), whole);
    // The clock plays no part: the same archive gives the same deltas.
    assert_eq!(import(a.clone()), whole);
    let s = &whole.summary;
    assert_eq!(s.owner, "Owner_1");
    assert_eq!((s.posts, s.replies, s.reposts, s.answered), (5, 1, 1, 1));
    assert_eq!(s.mix.conversation + s.mix.sharing + s.mix.promotion, 5);
    assert_eq!(whole.history.len(), 5);
    // Bob and carol (addressed), dave (mentioned) and grok; not nasa or esa (a repost),
    // and the owner only as the author of the posts.
    let mut people: Vec<String> = whole.ledger.people().map(|p| p.handle.clone()).collect();
    people.sort();
    assert_eq!(people, ["Bob", "Owner_1", "carol", "dave", "grok"]);
    assert_eq!(s.people, 4);
    // Merging the import twice into a ledger changes nothing the second time.
    let mut l = Ledger::new();
    l.merge(&whole.ledger);
    let once = l.clone();
    l.merge(&whole.ledger);
    assert_eq!(l, once);
}

#[test]
fn import_takes_display_names_from_user_mentions() {
    let mention = r#",
      "in_reply_to_status_id_str" : "77", "in_reply_to_screen_name" : "Ann",
      "entities" : { "user_mentions" : [ { "name" : "Ann Lee", "screen_name" : "Ann" } ], "urls" : [ ] }"#;
    let list = [
        (
            "data/tweets.js",
            ytd(
                "tweets.part0",
                &[tweet(
                    "9",
                    "Fri Mar 06 13:02:05 +0000 2026",
                    "@Ann yes",
                    mention,
                )],
            ),
        ),
        ("data/account.js", ACCOUNT.to_string()),
    ];
    let im = import(from_files(files(&list)).unwrap());
    let ann = im.ledger.person("ann").unwrap();
    assert_eq!((ann.handle.as_str(), ann.name.as_str()), ("Ann", "Ann Lee"));
    assert_eq!(im.ledger.answer("77").unwrap().how, AnswerHow::Archive);
}

//! Unit and property tests of the ledger: recording, merging, storing, evicting.

use super::*;
use crate::core::post::{Counts, Quoted};
use crate::core::time::to_iso;

const T0: Millis = 1_761_248_040_000; // 2025-10-23T19:34:00Z
const MIN: Millis = 60_000;
const HOUR: Millis = 3_600_000;

fn post(id: &str, author: &str, at: Millis) -> Post {
    Post {
        id: id.into(),
        author: author.into(),
        name: format!("{author} name"),
        text: format!("post {id}"),
        time: Some(to_iso(at)),
        ..Post::default()
    }
}

fn reply(id: &str, author: &str, at: Millis, parent: &str, to: &str) -> Post {
    Post {
        is_reply: true,
        in_reply_to_id: Some(parent.into()),
        reply_to: vec![to.into()],
        ..post(id, author, at)
    }
}

/// A ledger with something in every part.
fn sample() -> Ledger {
    let mut l = Ledger::new();
    let mut m = post("3", "carol", T0 + 2 * MIN);
    m.mentions = vec!["me".into()];
    m.text = "ünïcode \"quoted\" \\ text".into();
    l.observe(
        &[
            post("1", "me", T0),
            reply("2", "Bob", T0 + MIN, "1", "me"),
            m,
            reply("4", "me", T0 + 3 * MIN, "2", "bob"),
        ],
        "me",
        T0 + 4 * MIN,
    );
    l.record_composer_reply("3", T0 + 5 * MIN);
    l.record_archive_reply("77", T0);
    l.dismiss("2", T0 + 6 * MIN);
    l
}

#[test]
fn observe_records_posts_people_and_links() {
    let mut l = Ledger::new();
    let mut p = post("1", "@Alice", T0);
    p.text = "\n\n  First   line  \nsecond line".into();
    p.mentions = vec!["@Bob".into(), "bob".into(), "Carol".into()];
    p.counts.replies = Some(2);
    p.quoted = Some(Quoted {
        id: Some("0".into()),
        author: "Quinn".into(),
        name: "Quinn Q".into(),
        text: "quoted".into(),
    });
    let delta = l.observe(&[p.clone()], "me", T0 + MIN);
    assert_eq!(delta, l, "the first batch is all there is");
    let rec = l.post("1").unwrap();
    assert_eq!(rec.author, "Alice");
    assert_eq!(rec.time, T0);
    assert_eq!(rec.seen, T0 + MIN - (T0 + MIN).rem_euclid(SEEN_STEP_MS));
    assert_eq!(rec.mentions, ["bob", "carol"]);
    assert_eq!(rec.line, "First line");
    assert!(rec.replied);
    assert_eq!(l.person("alice").unwrap().name, "@Alice name");
    assert_eq!(l.person("@QUINN").unwrap().name, "Quinn Q");
    assert!(l.post("0").is_none(), "quoted posts are not recorded");
    assert!(l.is_account("Me"));
    // the same batch again within the hour changes nothing
    assert!(l.observe(&[p], "me", T0 + 2 * MIN).is_empty());

    l.observe(
        &[reply("2", "bob", T0 + 5 * MIN, "1", "alice")],
        "me",
        T0 + 5 * MIN,
    );
    assert_eq!(l.replied_at("Bob", "@alice"), Some(T0 + 5 * MIN));
    assert_eq!(l.replied_at("alice", "bob"), None);
    // no parent in the ledger: the first "Replying to" handle is the target
    l.observe(&[reply("3", "eve", T0, "404", "Dan")], "me", T0);
    assert_eq!(l.replied_at("eve", "dan"), Some(T0));
    assert_eq!(l.links().count(), 2);
}

#[test]
fn a_reply_marks_its_parent_replied_even_in_the_same_batch() {
    let mut l = Ledger::new();
    l.observe(
        &[
            reply("2", "bob", T0 + MIN, "1", "alice"),
            post("1", "alice", T0),
        ],
        "",
        T0 + MIN,
    );
    assert!(l.post("1").unwrap().replied);
    assert!(!l.post("2").unwrap().replied);
}

#[test]
fn first_lines_are_bounded() {
    let long = "word ".repeat(40);
    let line = first_line(&long);
    assert_eq!(line.chars().count(), LINE_MAX_CHARS);
    let spaced = format!("{}  tail", "x".repeat(LINE_MAX_CHARS - 2));
    assert_eq!(
        first_line(&spaced),
        format!("{}…", "x".repeat(LINE_MAX_CHARS - 2))
    );
    assert!(line.ends_with("word…"));
    assert_eq!(
        first_line("é".repeat(200).as_str()).chars().count(),
        LINE_MAX_CHARS
    );
    assert_eq!(first_line(""), "");
}

#[test]
fn unreadable_times_fall_back_to_first_sight_and_the_real_time_wins() {
    let mut l = Ledger::new();
    let mut p = post("1", "alice", T0);
    p.time = None;
    l.observe(&[p], "", T0 + HOUR);
    assert_eq!(l.post("1").unwrap().time, T0 + HOUR);
    l.observe(&[post("1", "alice", T0)], "", T0 + 2 * HOUR);
    assert_eq!(l.post("1").unwrap().time, T0);
}

#[test]
fn own_replies_answer_their_parents_even_when_seen_before_the_handle_was_known() {
    let mut l = Ledger::new();
    l.observe(&[reply("9", "Me", T0 + MIN, "8", "bob")], "", T0 + MIN);
    assert!(l.answer("8").is_none());
    l.observe(&[], "me", T0 + 2 * MIN);
    assert_eq!(
        l.answer("8"),
        Some(Answer {
            at: T0 + MIN,
            how: AnswerHow::SeenReply
        })
    );
    assert_eq!(l.own_posts().count(), 1);
}

#[test]
fn answers_and_dismissals_keep_the_latest() {
    let mut l = Ledger::new();
    assert!(l.record_composer_reply("5", T0 + 2 * MIN));
    assert!(!l.record_archive_reply("5", T0 + MIN));
    assert_eq!(l.answer("5").unwrap().how, AnswerHow::Composer);
    assert!(l.record_archive_reply("5", T0 + 3 * MIN));
    assert_eq!(l.answer("5").unwrap().how, AnswerHow::Archive);
    assert!(!l.record_composer_reply("", T0));
    assert!(l.dismiss("6", T0));
    assert_eq!(l.dismissed_at("6"), Some(T0));
    assert_eq!(l.dismissed().count(), 1);
    assert_eq!(l.answered().count(), 1);
}

#[test]
fn json_round_trips_and_is_deterministic() {
    let l = sample();
    let json = l.to_json();
    assert!(json.starts_with("{\"v\":1,"), "{json}");
    let back = Ledger::from_json(&json).unwrap();
    assert_eq!(back, l);
    assert_eq!(back.to_json(), json);
    assert_eq!(
        Ledger::from_json(&Ledger::new().to_json()).unwrap(),
        Ledger::new()
    );
    assert!(Ledger::new().is_empty());
}

#[test]
fn json_layout_is_compact() {
    let mut l = Ledger::new();
    let mut p = reply("2", "Bob", T0, "1", "Me");
    p.text = "hi \"you\"".into();
    l.observe(&[p], "me", T0);
    l.record_composer_reply("2", T0 + MIN);
    l.dismiss("3", T0);
    let v: serde_json::Value = serde_json::from_str(&l.to_json()).unwrap();
    let seen = T0 - T0.rem_euclid(SEEN_STEP_MS);
    assert_eq!(
        v,
        serde_json::json!({
            "v": 1,
            "me": ["me"],
            "p": [["2", "Bob", T0, seen, "1", ["me"], [], "hi \"you\"", 0]],
            "n": [["Bob", "Bob name", seen]],
            "r": [["bob", "me", T0]],
            "a": [["2", T0 + MIN, "c"]],
            "d": [["3", T0]],
        })
    );
}

#[test]
fn damaged_json_is_an_error_never_a_partial_ledger() {
    let good = sample().to_json();
    let cases: Vec<String> = vec![
        String::new(),
        "null".into(),
        "[]".into(),
        "{}".into(),
        good[..good.len() / 2].into(),
        good.replacen("\"p\":[[", "\"p\":[[1,", 1),
        good.replacen("\"a\":[[", "\"a\":[[\"9\",1,\"x\"],[", 1),
        good.replacen("\"d\":[", "\"d\":[[\"\",1],", 1),
        good.replacen("\"p\":[[", "\"p\":[[\"\",\"x\",1,1,null,[],[],\"\",0],[", 1),
        format!("{good} trailing"),
        good.replace("\"v\":1", "\"v\":\"1\""),
    ];
    for c in &cases {
        let r = Ledger::from_json(c);
        assert!(r.is_err(), "accepted: {c:.80}");
        assert!(!r.unwrap_err().to_string().is_empty());
    }
    let newer = good.replacen("\"v\":1", "\"v\":2", 1);
    assert_eq!(Ledger::from_json(&newer), Err(LedgerError::TooNew(2)));
    let newer_other_shape = r#"{"v":7,"posts":{}}"#;
    assert_eq!(
        Ledger::from_json(newer_other_shape),
        Err(LedgerError::TooNew(7))
    );
    let zero = good.replacen("\"v\":1", "\"v\":0", 1);
    assert_eq!(Ledger::from_json(&zero), Err(LedgerError::Unsupported(0)));
}

#[test]
fn stored_rows_are_normalised() {
    let json = r#"{"v":1,"me":["Me"],"p":[["1","a",5,6,"",["B","@b","a"],[],"x",3],
        ["1","a",4,7,null,[],["c"],"",0]],"n":[],"r":[],"a":[],"d":[]}"#;
    let l = Ledger::from_json(json).unwrap();
    let p = l.post("1").unwrap();
    assert_eq!((p.time, p.seen), (4, 7));
    assert_eq!(p.in_reply_to, None);
    assert_eq!(p.reply_to, ["a", "b"]);
    assert_eq!(p.mentions, ["c"]);
    assert!(p.replied);
    assert!(l.is_account("me"));
}

#[test]
fn merge_keeps_both_tabs_writes() {
    let mut a = Ledger::new();
    let mut b = Ledger::new();
    a.observe(&[post("1", "alice", T0)], "me", T0);
    a.dismiss("1", T0 + MIN);
    b.observe(&[post("2", "bob", T0)], "me", T0 + HOUR);
    b.record_composer_reply("2", T0 + HOUR);
    let mut p1 = post("1", "alice", T0);
    p1.counts.replies = Some(1);
    b.observe(&[p1], "me", T0 + 2 * HOUR);
    let m = Ledger::merged(&a, &b);
    assert_eq!(m.post_count(), 2);
    assert!(m.post("1").unwrap().replied);
    assert_eq!(
        m.post("1").unwrap().seen,
        T0 + 2 * HOUR - (T0 + 2 * HOUR) % HOUR
    );
    assert_eq!(m.dismissed_at("1"), Some(T0 + MIN));
    assert_eq!(m.answer("2").unwrap().how, AnswerHow::Composer);
    assert_eq!(m, Ledger::merged(&b, &a));
}

#[test]
fn people_keep_a_known_name_then_the_latest() {
    let mut l = Ledger::new();
    let mut p = post("1", "alice", T0);
    p.name = "Alice".into();
    l.observe(&[p.clone()], "", T0);
    p.name = String::new();
    l.observe(&[p.clone()], "", T0 + 3 * HOUR);
    assert_eq!(l.person("alice").unwrap().name, "Alice");
    p.name = "Alice B".into();
    l.observe(&[p], "", T0 + 5 * HOUR);
    assert_eq!(l.person("alice").unwrap().name, "Alice B");
}

#[test]
fn eviction_drops_oldest_seen_others_first_and_never_own_answered_or_dismissed() {
    let mut l = Ledger::new();
    let limits = Limits {
        posts: 20,
        people: 5,
        links: 4,
    };
    // your own posts, older than everything
    for i in 0..10 {
        l.observe(&[post(&format!("own{i}"), "me", T0)], "me", T0);
    }
    // others' posts seen one hour apart; a few you answered or dismissed
    for i in 0..40 {
        let at = T0 + i * HOUR;
        let mut p = reply(
            &format!("o{i:02}"),
            &format!("u{i}"),
            at,
            "x",
            &format!("v{i}"),
        );
        if i == 3 {
            p.mentions = vec!["me".into()]; // addressed to you: goes last
        }
        l.observe(&[p], "me", at);
    }
    l.record_composer_reply("o00", T0);
    l.dismiss("o01", T0);
    let answered_before = l.answered().count();
    let dropped = l.enforce_limits(&limits);
    let others: Vec<&str> = l
        .posts()
        .map(|(id, _)| id)
        .filter(|id| id.starts_with('o') && !id.starts_with("own"))
        .collect();
    assert_eq!(others.len(), 19, "trimmed to 95% of 20");
    assert!(l.post("o03").is_some(), "addressed to you: evicted last");
    assert!(l.post("o39").is_some() && l.post("o22").is_some());
    assert!(l.post("o21").is_none() && l.post("o00").is_none());
    assert_eq!(l.own_posts().count(), 10);
    assert_eq!(l.answered().count(), answered_before);
    assert_eq!(l.answer("o00").unwrap().how, AnswerHow::Composer);
    assert_eq!(l.dismissed_at("o01"), Some(T0));
    assert_eq!(l.people().count(), 6, "five others and you");
    assert!(l.person("me").is_some());
    assert!(l.links().count() <= 4);
    assert!(l.replied_at("u39", "v39").is_some());
    assert!(dropped > 21);
    // a second call within the limits drops nothing
    assert_eq!(l.enforce_limits(&limits), 0);
}

// ---- property tests over random ledgers -------------------------------------------------

/// SplitMix64: a tiny deterministic PRNG, good enough to generate test ledgers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const HANDLES: [&str; 6] = ["me", "Me", "alice", "Bob", "bob", "carol"];
const NAMES: [&str; 4] = ["", "Alice", "Bobby", "Carol C"];

fn random_post(r: &mut Rng) -> Post {
    let id = format!("{}", r.below(12));
    let mut p = post(&id, r.pick(&HANDLES), T0 + r.below(5) as Millis * MIN);
    p.name = r.pick(&NAMES).into();
    if r.below(4) == 0 {
        p.time = None;
    }
    if r.below(2) == 0 {
        p.in_reply_to_id = Some(format!("{}", r.below(12)));
        p.reply_to = vec![r.pick(&HANDLES).into()];
    }
    if r.below(3) == 0 {
        p.mentions = vec![r.pick(&HANDLES).into(), r.pick(&HANDLES).into()];
    }
    p.text = ["", "hi", "a longer first line", "hi\nthere"][r.below(4) as usize].into();
    p.counts = Counts {
        replies: [None, Some(0), Some(2)][r.below(3) as usize],
        ..Counts::default()
    };
    p
}

/// A random ledger, and the join of the deltas that built it (as a tab would store them).
fn random_ledger_and_deltas(r: &mut Rng) -> (Ledger, Ledger) {
    let mut l = Ledger::new();
    let mut deltas = Ledger::new();
    for _ in 0..r.below(8) {
        let now = T0 + r.below(10) as Millis * HOUR;
        let me = ["", "me", "ME"][r.below(3) as usize];
        let batch: Vec<Post> = (0..r.below(5)).map(|_| random_post(r)).collect();
        deltas.merge(&l.observe(&batch, me, now));
        let id = format!("{}", r.below(12));
        let at = T0 + r.below(10) as Millis * MIN;
        match r.below(4) {
            0 => {
                l.record_composer_reply(&id, at);
                deltas.record_composer_reply(&id, at);
            }
            1 => {
                l.record_archive_reply(&id, at);
                deltas.record_archive_reply(&id, at);
            }
            2 => {
                l.dismiss(&id, at);
                deltas.dismiss(&id, at);
            }
            _ => {}
        }
    }
    (l, deltas)
}

fn random_ledger(r: &mut Rng) -> Ledger {
    random_ledger_and_deltas(r).0
}

#[test]
fn deltas_rebuild_the_ledger() {
    let mut r = Rng(0xDE17A);
    for case in 0..300 {
        let (l, deltas) = random_ledger_and_deltas(&mut r);
        assert_eq!(deltas, l, "case {case}");
    }
}

#[test]
fn merge_is_commutative_associative_and_idempotent() {
    let mut r = Rng(0x5EED);
    for case in 0..300 {
        let (a, b, c) = (
            random_ledger(&mut r),
            random_ledger(&mut r),
            random_ledger(&mut r),
        );
        let ab = Ledger::merged(&a, &b);
        assert_eq!(ab, Ledger::merged(&b, &a), "commutative, case {case}");
        assert_eq!(ab.to_json(), Ledger::merged(&b, &a).to_json());
        assert_eq!(Ledger::merged(&a, &a), a, "idempotent, case {case}");
        assert_eq!(Ledger::merged(&ab, &b), ab, "absorbs, case {case}");
        assert_eq!(
            Ledger::merged(&ab, &c),
            Ledger::merged(&a, &Ledger::merged(&b, &c)),
            "associative, case {case}"
        );
        assert_eq!(Ledger::from_json(&ab.to_json()).unwrap(), ab, "case {case}");
        // nothing either side recorded is lost
        for (id, _) in a.posts().chain(b.posts()) {
            assert!(ab.post(id).is_some());
        }
        for (id, ans) in a.answered().chain(b.answered()) {
            assert!(ab.answer(id).unwrap() >= ans);
        }
        for (id, _) in a.dismissed().chain(b.dismissed()) {
            assert!(ab.dismissed_at(id).is_some());
        }
    }
}

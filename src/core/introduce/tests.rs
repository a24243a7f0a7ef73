//! Unit tests of introductions: common ground found and not invented, stable ranking,
//! drafts that always fit (a property test over generated people), suggestions, history,
//! and the profile builders.

use super::*;
use crate::core::archive::ArchivePost;
use crate::core::post::Post;
use crate::core::time::to_iso;

const T0: Millis = 1_761_248_040_000;
const HOUR: Millis = 3_600_000;

fn person(handle: &str, posts: &[(&str, &str)]) -> PersonProfile {
    PersonProfile {
        handle: handle.into(),
        posts: posts
            .iter()
            .map(|(id, t)| (id.to_string(), t.to_string()))
            .collect(),
        ..PersonProfile::default()
    }
}

/// Background people with their own topics, so that shared things can be distinctive.
fn crowd() -> Vec<PersonProfile> {
    let topics = [
        (
            "gina",
            "Cycling up the mountain pass again, my legs are jelly",
        ),
        (
            "hank",
            "Knitting a scarf with merino wool, pattern in the next post",
        ),
        (
            "ivy",
            "Chess openings: the Sicilian defence is still my favourite",
        ),
        (
            "jack",
            "Watched the football match, what a goal in the last minute",
        ),
        (
            "kim",
            "Gardening season: tomatoes and basil are in the ground",
        ),
        (
            "lee",
            "New synth patch for the album, analog warmth all the way",
        ),
        (
            "max",
            "Marathon training: long run on sunday, intervals on tuesday",
        ),
        ("nia", "Photography walk in the old town, golden hour light"),
        (
            "oli",
            "Our kubernetes cluster upgrade went smoothly this time",
        ),
        (
            "pam",
            "Bird watching at the lake: a heron and two kingfishers",
        ),
    ];
    topics
        .iter()
        .enumerate()
        .map(|(i, (h, t))| {
            let chat = [
                *t,
                "Good morning everyone, have a nice day!",
                "Coffee first, then emails",
                "What a week. Weekend plans anyone?",
                "Back from holiday, lots to catch up on",
                "Reading a novel on the train",
            ];
            let posts: Vec<(String, &str)> = chat
                .iter()
                .enumerate()
                .map(|(k, text)| (format!("9{i}{k}"), *text))
                .collect();
            let posts: Vec<(&str, &str)> = posts.iter().map(|(id, t)| (id.as_str(), *t)).collect();
            person(h, &posts)
        })
        .collect()
}

fn alice() -> PersonProfile {
    let mut p = person(
        "alice",
        &[
            (
                "101",
                "My #sourdough starter is finally bubbly, fermentation takes patience",
            ),
            (
                "102",
                "Great flour guide: https://www.kingarthurbaking.com/learn/guides",
            ),
            ("103", "Excited: I started a new job at the bakery co-op!"),
            ("104", "Thanks @carol for the rye tips"),
        ],
    );
    p.bio = "Baker. Fermentation nerd.".into();
    p
}

fn bob() -> PersonProfile {
    person(
        "Bob",
        &[
            (
                "201",
                "Day 3 of the #Sourdough experiment: slower fermentation in the cold",
            ),
            (
                "202",
                "Reading https://kingarthurbaking.com/recipes/rye while it rises",
            ),
            ("203", "First day at my new job tomorrow, wish me luck"),
            ("204", "@carol your rye loaf looked amazing"),
        ],
    )
}

fn everyone() -> Vec<PersonProfile> {
    let mut v = crowd();
    v.push(alice());
    v.push(bob());
    v
}

fn find<'a>(reasons: &'a [Reason], kind: ReasonKind, key: &str) -> Option<&'a Reason> {
    reasons.iter().find(|r| r.kind == kind && r.key == key)
}

#[test]
fn real_shared_interests_are_found() {
    let people = everyone();
    let corpus = Corpus::new(&people);
    assert_eq!(corpus.people(), 12);
    let reasons = common_ground(&alice(), &bob(), &corpus);
    let tag = find(&reasons, ReasonKind::Hashtag, "sourdough").expect("hashtag");
    assert_eq!(tag.label, "#sourdough");
    assert_eq!(tag.a[0].id.as_deref(), Some("101"));
    assert_eq!(tag.b[0].id.as_deref(), Some("201"));
    let term = find(&reasons, ReasonKind::Term, "fermentation").expect("term");
    // Alice says it in a post and her bio; Bob in one post.
    assert_eq!(term.a.len(), 2);
    assert_eq!(term.a[1].id, None, "the bio is evidence too");
    assert!(
        find(&reasons, ReasonKind::Term, "sourdough").is_none(),
        "said once, as a hashtag"
    );
    assert!(find(&reasons, ReasonKind::Domain, "kingarthurbaking.com").is_some());
    assert!(find(&reasons, ReasonKind::Person, "carol").is_some());
    let job = find(&reasons, ReasonKind::Moment, "new-job").expect("moment");
    assert_eq!(job.label, "a new job");
    assert_eq!(job.strength, MOMENT_STRENGTH);
    assert!(reasons.iter().all(|r| r.strength >= MIN_STRENGTH));
    assert!(reasons.windows(2).all(|w| w[0].strength >= w[1].strength));

    let intro = introduce(&alice(), &bob(), &corpus);
    assert_eq!(intro.drafts.len(), 3);
    for d in &intro.drafts {
        assert!(d.contains("@alice") && d.contains("@Bob"), "{d}");
        assert!(text::weighted_length(d) <= 280);
    }
    let strongest = &intro.reasons[0];
    assert!(intro.drafts[0].contains(&strongest.label) || strongest.kind == ReasonKind::Moment);
}

#[test]
fn nothing_is_invented_for_unrelated_people() {
    let mut people = everyone();
    let dave = person(
        "dave",
        &[
            ("301", "Thanks everyone, really good day today!"),
            ("302", "Cycling to work in the rain, soaked"),
        ],
    );
    let erin = person(
        "erin",
        &[
            ("401", "Thanks everyone, really good day today!!"),
            ("402", "Knitting socks for winter"),
        ],
    );
    people.push(dave.clone());
    people.push(erin.clone());
    let corpus = Corpus::new(&people);
    assert_eq!(common_ground(&dave, &erin, &corpus), []);
    let intro = introduce(&dave, &erin, &corpus);
    assert!(intro.reasons.is_empty());
    assert_eq!(intro.drafts.len(), 1, "one neutral draft");
    let d = &intro.drafts[0];
    assert!(d.contains("@dave") && d.contains("@erin"), "{d}");
    assert!(!d.contains("both"), "claims nothing: {d}");
    // Someone nothing is known of.
    let ghost = PersonProfile::new("@ghost");
    assert!(ghost.is_unknown());
    assert!(common_ground(&alice(), &ghost, &corpus).is_empty());
    // One person twice.
    assert!(common_ground(&alice(), &alice(), &corpus).is_empty());
    assert!(drafts("alice", "@ALICE", &[]).is_empty());
    // Two people alone are not a corpus: nothing is distinctive against nothing.
    let alone = Corpus::new(&[alice(), bob()]);
    let r = common_ground(&alice(), &bob(), &alone);
    assert!(r.iter().all(|r| r.kind == ReasonKind::Moment), "{r:?}");
}

#[test]
fn a_post_naming_both_is_not_common_ground() {
    let shared = "@amy @ben both of you should try the quinoa salad recipe";
    let amy = person("amy", &[("1", shared)]);
    let ben = person("ben", &[("1", shared)]);
    let mut people = crowd();
    people.extend([amy.clone(), ben.clone()]);
    let corpus = Corpus::new(&people);
    assert!(common_ground(&amy, &ben, &corpus).is_empty());
}

#[test]
fn ranking_is_stable_and_symmetric() {
    let people = everyone();
    let corpus = Corpus::new(&people);
    let ab = common_ground(&alice(), &bob(), &corpus);
    let ba = common_ground(&bob(), &alice(), &corpus);
    assert_eq!(ab.len(), ba.len());
    for (x, y) in ab.iter().zip(&ba) {
        assert_eq!((x.kind, &x.key, x.strength), (y.kind, &y.key, y.strength));
        assert_eq!((&x.a, &x.b), (&y.b, &y.a));
    }
    assert_eq!(ab, common_ground(&alice(), &bob(), &Corpus::new(&people)));
    // Ties: equal strengths go by kind, then key.
    let t1 = person("t1", &[("1", "zebra apple mango")]);
    let t2 = person("t2", &[("2", "mango zebra apple")]);
    let mut people = crowd();
    people.extend([t1.clone(), t2.clone()]);
    let r = common_ground(&t1, &t2, &Corpus::new(&people));
    let keys: Vec<&str> = r.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["apple", "mango", "zebra"]);
}

/// A tiny deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

fn random_handle(rng: &mut Rng) -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    let len = 1 + rng.below(15);
    (0..len)
        .map(|_| CHARS[rng.below(CHARS.len())] as char)
        .collect()
}

#[test]
fn drafts_always_fit_and_mention_both() {
    let vocab = [
        "sourdough",
        "fermentation",
        "#rustlang",
        "#Rust",
        "kubernetes",
        "日本語の勉強",
        "機械学習",
        "한국어",
        "🎉🎉🎉",
        "https://example.com/a/very/long/path",
        "example.org",
        "@carol",
        "@dave_99",
        "Donaudampfschifffahrtsgesellschaftskapitän",
        "straße",
        "climate",
        "glyphosate",
        "cafe\u{301}",
        "I started a new job",
        "just moved to Lisbon",
        "नमस्ते",
        "مرحبا",
        "a",
        "the",
        "and",
        "\n",
        "…",
        "&",
        "\"quoted\"",
        "#averyveryveryveryverylonghashtagthatgoesonandonandonforeverandeverandever",
        "superlongtermsuperlongtermsuperlongter",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut with_reasons = 0;
    for round in 0..30 {
        let mut people = Vec::new();
        for i in 0..8 {
            let mut p = PersonProfile::new(&random_handle(&mut rng));
            for j in 0..1 + rng.below(6) {
                let words = 1 + rng.below(60);
                let text: Vec<&str> = (0..words).map(|_| rng.pick(&vocab)).collect();
                p.posts.push((format!("{round}{i}{j}"), text.join(" ")));
            }
            if rng.below(3) == 0 {
                p.bio = (0..rng.below(30))
                    .map(|_| rng.pick(&vocab))
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            people.push(p);
        }
        let corpus = Corpus::new(&people);
        for x in 0..people.len() {
            for y in x + 1..people.len() {
                let (a, b) = (&people[x], &people[y]);
                let intro = introduce(a, b, &corpus);
                if same_handle(&a.handle, &b.handle) {
                    assert!(intro.drafts.is_empty());
                    continue;
                }
                let expected = if intro.reasons.is_empty() { 1 } else { 3 };
                assert_eq!(intro.drafts.len(), expected, "{intro:?}");
                with_reasons += usize::from(!intro.reasons.is_empty());
                for d in &intro.drafts {
                    assert!(text::weighted_length(d) <= 280 && text::fits(d), "{d}");
                    let mentions = text::extract_mentions(d);
                    for h in [&a.handle, &b.handle] {
                        assert!(
                            mentions.iter().any(|m| same_handle(m, h)),
                            "@{h} missing in {d:?} ({mentions:?})"
                        );
                    }
                    assert_eq!(mentions.len(), 2, "no third party is notified: {d}");
                }
            }
        }
    }
    assert!(
        with_reasons > 100,
        "the generator finds common ground often: {with_reasons}"
    );
}

fn seen(id: &str, author: &str, at: Millis, text: &str) -> Post {
    Post {
        id: id.into(),
        author: author.into(),
        name: author.to_uppercase(),
        text: text.into(),
        time: Some(to_iso(at)),
        ..Post::default()
    }
}

fn reply(id: &str, author: &str, at: Millis, parent: &str, to: &str, text: &str) -> Post {
    Post {
        is_reply: true,
        in_reply_to_id: Some(parent.into()),
        reply_to: vec![to.into()],
        ..seen(id, author, at, text)
    }
}

/// A ledger where you talk with alice, bob and cat; alice and bob never talk; cat replied
/// to alice; all three post about sourdough.
fn social_ledger() -> Ledger {
    let mut l = Ledger::new();
    let posts = vec![
        seen(
            "1",
            "alice",
            T0,
            "#sourdough fermentation again, rye this time",
        ),
        seen(
            "2",
            "alice",
            T0 + 1,
            "kingarthurbaking.com has the best rye fermentation guide",
        ),
        seen("3", "alice", T0 + 2, "#sourdough bake day"),
        seen(
            "4",
            "bob",
            T0 + 3,
            "#sourdough fermentation is slow in winter, rye helps",
        ),
        seen(
            "5",
            "bob",
            T0 + 4,
            "kingarthurbaking.com taught me rye fermentation",
        ),
        seen("6", "bob", T0 + 5, "#sourdough crumb shot"),
        seen("7", "cat", T0 + 6, "#sourdough rye fermentation rules"),
        seen(
            "8",
            "cat",
            T0 + 7,
            "kingarthurbaking.com and rye fermentation forever",
        ),
        reply("9", "cat", T0 + 8, "1", "alice", "#sourdough rye twins!"),
        reply("10", "me", T0 + 9, "1", "alice", "lovely"),
        reply("11", "me", T0 + 10, "4", "bob", "nice"),
        reply("12", "me", T0 + 11, "7", "cat", "yum"),
    ];
    l.observe(&posts, "me", T0 + HOUR);
    l
}

#[test]
fn suggestions_exclude_pairs_already_talking() {
    let l = social_ledger();
    let mut people = profiles_from_ledger(&l);
    people.extend(crowd());
    let s = suggest_pairs(&people, &l, 10);
    let pairs: Vec<(&str, &str)> = s.iter().map(|s| (s.a.as_str(), s.b.as_str())).collect();
    assert!(pairs.contains(&("alice", "bob")), "{pairs:?}");
    assert!(pairs.contains(&("bob", "cat")), "{pairs:?}");
    assert!(
        !pairs.contains(&("alice", "cat")),
        "cat replied to alice: {pairs:?}"
    );
    assert!(
        pairs.iter().all(|(a, b)| *a != "me" && *b != "me"),
        "never yourself"
    );
    assert!(s.iter().all(|x| x.score >= SUGGEST_MIN_SCORE));
    assert!(s.windows(2).all(|w| w[0].score >= w[1].score));
    let ab = s.iter().find(|x| x.a == "alice" && x.b == "bob").unwrap();
    assert!(
        ab.reasons[0]
            .a
            .iter()
            .all(|e| ["1", "2", "3"].contains(&e.id.as_deref().unwrap()))
    );
    assert_eq!(suggest_pairs(&people, &l, 1).len(), 1);
    // Nobody you interact with: no suggestions.
    assert!(suggest_pairs(&people, &Ledger::new(), 10).is_empty());
}

#[test]
fn introductions_are_marked_connected() {
    let mut l = social_ledger();
    let at = T0 + 2 * HOUR;
    let mut intros = vec![
        Introduction {
            a: "Alice".into(),
            b: "bob".into(),
            at,
            connected: None,
        },
        Introduction {
            a: "alice".into(),
            b: "cat".into(),
            at,
            connected: None,
        },
    ];
    // cat replied to alice before the introduction: that does not count.
    assert_eq!(mark_connected(&mut intros, &l), 0);
    l.observe(
        &[reply(
            "20",
            "bob",
            at + HOUR,
            "1",
            "alice",
            "hi alice, nice to meet you",
        )],
        "me",
        at + 2 * HOUR,
    );
    assert_eq!(mark_connected(&mut intros, &l), 1);
    assert_eq!(intros[0].connected, Some(at + HOUR));
    assert_eq!(intros[1].connected, None);
    // A mention counts too; marking again changes nothing already marked.
    let mut m = seen("21", "cat", at + 3 * HOUR, "say hi to @alice");
    m.mentions = vec!["alice".into()];
    l.observe(&[m], "me", at + 4 * HOUR);
    assert_eq!(mark_connected(&mut intros, &l), 1);
    assert_eq!(intros[1].connected, Some(at + 3 * HOUR));
    assert_eq!(mark_connected(&mut intros, &l), 0);
}

#[test]
fn profiles_from_a_ledger() {
    let l = social_ledger();
    let people = profiles_from_ledger(&l);
    let handles: Vec<&str> = people.iter().map(|p| p.handle.as_str()).collect();
    assert_eq!(handles, ["alice", "bob", "cat", "me"]);
    let alice = &people[0];
    assert_eq!(alice.name, "ALICE");
    let ids: Vec<&str> = alice.posts.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["3", "2", "1"], "newest first");
    let cat = &people[2];
    assert_eq!(
        cat.talks_to,
        ["alice"],
        "your accounts are never a person in common"
    );
    assert_eq!(profile_from_ledger(&l, "@CAT"), *cat);
    assert!(profile_from_ledger(&l, "nobody").is_unknown());
}

#[test]
fn profiles_from_an_archive() {
    let post = |id: &str, text: &str, reply: Option<(&str, &[&str])>| ArchivePost {
        id: id.into(),
        time: T0 + id.parse::<i64>().unwrap(),
        text: text.into(),
        is_reply: reply.is_some(),
        in_reply_to_id: reply.map(|_| "999".to_string()),
        in_reply_to: reply.map(|r| r.0.to_string()),
        reply_to: reply
            .map(|r| r.1.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
        is_repost: text.starts_with("RT @"),
        reposted: text
            .strip_prefix("RT @")
            .and_then(|t| t.split_once(':'))
            .map(|t| t.0.to_string()),
        mentions: text::extract_mentions(text),
        ..ArchivePost::default()
    };
    let a = Archive {
        owner: "Me".into(),
        owner_name: "Me Myself".into(),
        posts: vec![
            post("1", "@ann @bo rye or spelt?", Some(("ann", &["ann", "bo"]))),
            post("2", "RT @ann: spelt all the way, says @cy", None),
            post("3", "hello @Me and @dee", None),
            post("4", "RT @me: my own words", None),
        ],
    };
    let people = profiles_from_archive(&a);
    let handles: Vec<&str> = people.iter().map(|p| p.handle.as_str()).collect();
    assert_eq!(handles, ["ann", "bo", "dee", "Me"]);
    let ann = &people[0];
    assert_eq!(
        ann.posts,
        [
            ("2".to_string(), "spelt all the way, says @cy".to_string()),
            ("1".to_string(), "@ann @bo rye or spelt?".to_string()),
        ]
    );
    assert_eq!(ann.talks_to, ["bo", "cy"]);
    assert_eq!(people[1].talks_to, ["ann"]);
    let me = &people[3];
    assert_eq!(me.name, "Me Myself");
    assert_eq!(me.posts.len(), 2, "own posts, reposts aside");
}

#[test]
fn link_domains() {
    assert_eq!(
        domain("https://www.Example.com/a?b").as_deref(),
        Some("example.com")
    );
    assert_eq!(
        domain("http://m.example.com:8080/").as_deref(),
        Some("example.com")
    );
    assert_eq!(domain("example.org").as_deref(), Some("example.org"));
    assert_eq!(domain("https://youtu.be/x").as_deref(), Some("youtube.com"));
    assert_eq!(domain("https://x.com/a/status/1"), None);
    assert_eq!(domain("https://t.co/abc"), None);
    assert_eq!(domain("https://mobile.twitter.com/a"), None);
}

//! The archive reader on a real X export (`../shared/data/x-archive/`): its known facts,
//! the same archive as a zip, and feeding it into a ledger.
// Native only: reading from the file system (the wasm build has no `read_path`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use rapport::core::archive::{self, Archive};
use rapport::core::ledger::Ledger;
use rapport::core::time::to_iso;

/// The real archive's data folder, or `None` (with a message) when the shared data is absent.
fn real_dir() -> Option<PathBuf> {
    let tweets = common::shared_file("data/x-archive/milahu104-2026-03-06/tweets.js")?;
    Some(tweets.parent()?.to_path_buf())
}

/// The data folder's files as a zip laid out like X's (`data/…`).
fn zip_of_dir(dir: &Path) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in names {
        w.start_file(format!("data/{name}"), opts).unwrap();
        w.write_all(&std::fs::read(dir.join(&name)).unwrap())
            .unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn check_known_facts(a: &Archive) {
    assert_eq!(a.owner, "milahu104");
    assert_eq!(a.owner_name, "Milan Hauth");
    assert_eq!(a.posts.len(), 2_045);
    assert_eq!(a.posts.iter().filter(|p| p.is_repost).count(), 239);
    assert_eq!(a.posts.iter().filter(|p| p.is_reply).count(), 1_780);
    // Replies by user id only (a leading @handle, or a post that is gone): 13 more.
    let addressed = a.posts.iter().filter(|p| p.in_reply_to.is_some()).count();
    assert_eq!(addressed, 1_791);
    assert_eq!(
        to_iso(a.posts.last().unwrap().time),
        "2026-03-06T13:02:05.000Z"
    );
    assert!(
        a.posts.windows(2).all(|w| w[0].time <= w[1].time),
        "oldest first"
    );
    // The newest post: a reply whose t.co link became the expanded URL.
    let newest = a.posts.last().unwrap();
    assert_eq!(newest.id, "2029905358261502168");
    assert_eq!(
        newest.text,
        "@SamaHoole https://x.com/milahu104/status/2027739112069878026"
    );
    assert_eq!(
        newest.in_reply_to_id.as_deref(),
        Some("2029903943413772741")
    );
    assert_eq!(newest.mentions, ["SamaHoole"]);
    // No HTML escapes and no t.co links left (but in reposts cut off by X mid-link).
    for p in &a.posts {
        assert!(
            !p.text.contains("&gt;") && !p.text.contains("&amp;"),
            "{}",
            p.text
        );
        if !p.is_repost {
            assert!(!p.text.contains("https://t.co/"), "{}: {}", p.id, p.text);
        }
    }
    let kim = a
        .posts
        .iter()
        .find(|p| p.text.starts_with("@KimDotcom > X is censored"));
    assert!(kim.is_some(), "&gt; decoded");
    let tags: usize = a
        .posts
        .iter()
        .filter(|p| p.hashtags.iter().any(|h| h == "whoaremyfriends"))
        .count();
    assert!(tags >= 50, "{tags}");
    let langs = a
        .posts
        .iter()
        .filter(|p| p.lang.as_deref() == Some("de"))
        .count();
    assert_eq!(langs, 1_060);
}

#[test]
fn real_archive_folder() {
    let Some(dir) = real_dir() else { return };
    let t = std::time::Instant::now();
    let a = archive::read_path(&dir).unwrap();
    eprintln!("read {} posts in {:?}", a.posts.len(), t.elapsed());
    check_known_facts(&a);
    // A tweets.js path reads its folder.
    assert_eq!(archive::read_path(&dir.join("tweets.js")).unwrap(), a);
}

#[test]
fn real_archive_as_zip() {
    let Some(dir) = real_dir() else { return };
    let bytes = zip_of_dir(&dir);
    let a = archive::from_zip("milahu104.zip", &bytes).unwrap();
    check_known_facts(&a);
    assert_eq!(a, archive::read_path(&dir).unwrap());
}

#[test]
fn real_archive_into_a_ledger() {
    let Some(dir) = real_dir() else { return };
    let a = archive::read_path(&dir).unwrap();
    let mut l = Ledger::new();
    archive::feed_ledger(&a, &mut l);
    assert!(l.is_account("milahu104"));
    assert_eq!(l.own_posts().count(), 2_045);
    let parents: std::collections::HashSet<&str> = a
        .posts
        .iter()
        .filter_map(|p| p.in_reply_to_id.as_deref())
        .collect();
    assert_eq!(l.answered().count(), parents.len());
    assert!(l.replied_at("milahu104", "samahoole").is_some());
    // The stored form reads back.
    let back = Ledger::from_json(&l.to_json()).unwrap();
    assert_eq!(back, l);
}

#[test]
fn real_archive_report() {
    let Some(dir) = real_dir() else { return };
    let a = archive::read_path(&dir).unwrap();
    let r = archive::report(&a, &rapport::core::settings::Settings::default());
    assert_eq!((r.posts, r.replies, r.reposts), (2_045, 1_780, 239));
    assert_eq!(r.mix.total(), 2_045);
    assert_eq!(r.window.posts, 30);
    assert_eq!(r.replies_per_person[0].handle, "SamaHoole");
    assert!(r.replies_per_person[0].replies >= 90);
    assert!(
        r.replies_per_person
            .iter()
            .all(|p| !p.handle.eq_ignore_ascii_case("milahu104")),
        "self-threads are not conversations"
    );
}

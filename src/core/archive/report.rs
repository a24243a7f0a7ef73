//! The report on an archive (`rapport report`): your mix, your pitch ratio against your
//! target, and what can be known of your conversations.
//!
//! An archive holds only *your* posts: the replies and mentions addressed to you are not in
//! it, so it cannot say which of them you left unanswered (the extension tracks those as
//! you browse). What it can say is how you talk to people: your replies per person, and the
//! threads you dropped — a **dropped thread** is a back-and-forth with someone (at least
//! [`THREAD_MIN_REPLIES`] of your replies to different posts of theirs, each within
//! [`THREAD_GAP_MS`] of the one before) after which you never replied to them again, ending
//! more than `Settings::waiting_days` before the archive's newest post.

use std::collections::HashMap;

use serde::Serialize;

use crate::core::archive::{Archive, sort_with};
use crate::core::classify::{Kind, classify};
use crate::core::ledger::{first_line, handle_key};
use crate::core::post::{Handle, same_handle};
use crate::core::ratio::{Mix, Standing, standing};
use crate::core::settings::Settings;
use crate::core::time::{Millis, to_iso};

/// A back-and-forth needs at least this many of your replies to different posts.
pub const THREAD_MIN_REPLIES: usize = 2;

/// Replies to one person further apart than this belong to different threads (7 days).
pub const THREAD_GAP_MS: Millis = 7 * 86_400_000;

/// What the report says it cannot know.
pub const NOT_IN_ARCHIVE: &str = "Replies and mentions addressed to you are not in your archive (it holds only your own posts), so it cannot show which of them you left unanswered; the extension tracks those as you browse.";

/// How often you replied to one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonReplies {
    /// Their handle, as X last wrote it in your archive.
    pub handle: Handle,
    /// Your replies to their posts.
    pub replies: usize,
    /// Threads (runs of replies to them, see the module docs).
    pub threads: usize,
    /// Your latest reply to them (Unix ms).
    pub last: Millis,
}

/// A back-and-forth you stopped answering (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuietThread {
    /// Whom it was with.
    pub handle: Handle,
    /// Your replies in it.
    pub replies: usize,
    /// Your first reply in it (Unix ms).
    pub from: Millis,
    /// Your last reply in it (Unix ms).
    pub last: Millis,
    /// The id of your last reply.
    pub last_id: String,
    /// The first line of your last reply.
    pub last_line: String,
    /// Days from your last reply to the archive's newest post.
    pub days_quiet: i64,
}

/// One of your posts that reads as a sales pitch.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PitchPost {
    /// Status id.
    pub id: String,
    /// When (Unix ms).
    pub time: Millis,
    /// Its first line.
    pub line: String,
    /// The pitch score, 0..1.
    pub pitch: f32,
    /// What made it a pitch.
    pub evidence: Vec<String>,
}

/// The report on an archive.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The owner's handle.
    pub owner: Handle,
    /// Posts in the archive.
    pub posts: usize,
    /// Of them, replies (to a status).
    pub replies: usize,
    /// Of them, reposts.
    pub reposts: usize,
    /// The oldest post's time (UTC ISO), if any.
    pub first: Option<String>,
    /// The newest post's time (UTC ISO), if any.
    pub last: Option<String>,
    /// The kinds of all your posts.
    pub mix: Mix,
    /// The pitch share of all your posts.
    pub pitch_ratio: f64,
    /// The preset the target comes from (`"4-1-1"` …).
    pub preset: String,
    /// Your standing over your latest posts (the window of the settings), against the target.
    pub window: Standing,
    /// Your posts that read as pitches, newest first.
    pub pitches: Vec<PitchPost>,
    /// Your replies per person, most replies first (ties: latest first, then handle).
    pub replies_per_person: Vec<PersonReplies>,
    /// Threads you dropped, most recent first.
    pub dropped_threads: Vec<QuietThread>,
    /// What an archive cannot tell ([`NOT_IN_ARCHIVE`]).
    pub note: String,
}

/// Builds the report of `archive` under `settings` (the target and window of the pitch
/// ratio, and `waiting_days` for dropped threads).
pub fn report(archive: &Archive, settings: &Settings) -> Report {
    let mut kinds = Vec::with_capacity(archive.posts.len());
    let mut pitches = Vec::new();
    for p in &archive.posts {
        let v = classify(&p.classify_input());
        if v.kind == Kind::Pitch {
            pitches.push(PitchPost {
                id: p.id.clone(),
                time: p.time,
                line: first_line(&p.text),
                pitch: v.pitch,
                evidence: v.evidence.clone(),
            });
        }
        kinds.push(v.kind);
    }
    pitches.reverse();
    let mix = Mix::of(&kinds);
    let newest = archive.posts.last().map_or(0, |p| p.time);
    let (per_person, dropped) = conversations(archive, newest, settings);
    Report {
        owner: archive.owner.clone(),
        posts: archive.posts.len(),
        replies: archive.posts.iter().filter(|p| p.is_reply).count(),
        reposts: archive.posts.iter().filter(|p| p.is_repost).count(),
        first: archive.posts.first().map(|p| to_iso(p.time)),
        last: archive.posts.last().map(|p| to_iso(p.time)),
        mix,
        pitch_ratio: mix.pitch_ratio(),
        preset: settings.pitch_preset.name().to_string(),
        window: standing(&kinds, settings),
        pitches,
        replies_per_person: per_person,
        dropped_threads: dropped,
        note: NOT_IN_ARCHIVE.to_string(),
    }
}

/// Your replies per person and the threads you dropped.
fn conversations(
    archive: &Archive,
    newest: Millis,
    settings: &Settings,
) -> (Vec<PersonReplies>, Vec<QuietThread>) {
    // Your replies to other people's posts, by person, oldest first (posts are sorted).
    let mut by_person: HashMap<String, (Handle, Vec<usize>)> = HashMap::new();
    for (i, p) in archive.posts.iter().enumerate() {
        let Some(to) = &p.in_reply_to else { continue };
        if !p.is_reply || same_handle(to, &archive.owner) {
            continue;
        }
        let e = by_person
            .entry(handle_key(to))
            .or_insert_with(|| (to.clone(), Vec::new()));
        e.0 = to.clone();
        e.1.push(i);
    }
    let quiet_after = Millis::from(settings.waiting_days) * 86_400_000;
    let mut per_person = Vec::new();
    let mut dropped = Vec::new();
    for (handle, idx) in by_person.into_values() {
        let posts: Vec<_> = idx.iter().map(|&i| &archive.posts[i]).collect();
        let mut threads: Vec<Vec<usize>> = Vec::new();
        for (k, p) in posts.iter().enumerate() {
            match threads.last_mut() {
                Some(t) if p.time - posts[*t.last().unwrap_or(&0)].time <= THREAD_GAP_MS => {
                    t.push(k);
                }
                _ => threads.push(vec![k]),
            }
        }
        let last = posts.last().map_or(0, |p| p.time);
        per_person.push(PersonReplies {
            handle: handle.clone(),
            replies: posts.len(),
            threads: threads.len(),
            last,
        });
        // Only the last thread can be dropped: after it you never replied to them again.
        if let Some(t) = threads.last() {
            let ids: Vec<&str> = t
                .iter()
                .filter_map(|&k| posts[k].in_reply_to_id.as_deref())
                .collect();
            let mut parents: Vec<&str> =
                crate::core::order::order(ids.len(), &mut |a, b| ids[a] < ids[b])
                    .into_iter()
                    .map(|k| ids[k as usize])
                    .collect();
            parents.dedup();
            let end = posts[*t.last().unwrap_or(&0)];
            if parents.len() >= THREAD_MIN_REPLIES && newest - end.time > quiet_after {
                dropped.push(QuietThread {
                    handle,
                    replies: t.len(),
                    from: posts[t[0]].time,
                    last: end.time,
                    last_id: end.id.clone(),
                    last_line: first_line(&end.text),
                    days_quiet: (newest - end.time) / 86_400_000,
                });
            }
        }
    }
    sort_with(&mut per_person, &|a: &PersonReplies, b: &PersonReplies| {
        (b.replies, b.last, handle_key(&a.handle)).cmp(&(a.replies, a.last, handle_key(&b.handle)))
    });
    sort_with(&mut dropped, &|a: &QuietThread, b: &QuietThread| {
        (b.last, handle_key(&a.handle)).cmp(&(a.last, handle_key(&b.handle)))
    });
    (per_person, dropped)
}

//! Importing an archive into Rapport's stores, a slice of posts at a time (so a page can
//! show progress and cancel): your posts go into the ledger and your history with their
//! kinds, your replies answer the posts they name, and the people you talk to enter the
//! people table.
//!
//! The result is a pair of deltas (a ledger and a history holding only what the archive
//! says) that the one writer merges into what it stores. Nothing here depends on the clock:
//! every record carries the time of the post it comes from, so importing the same archive
//! twice gives the same deltas, and merging them again changes nothing.

use serde::Serialize;

use crate::core::archive::{Archive, ArchivePost};
use crate::core::classify::classify;
use crate::core::history::History;
use crate::core::ledger::{Ledger, handle_key};
use crate::core::ratio::Mix;
use crate::core::time::to_iso;

/// What an import holds, in numbers (shown when it ends).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// The archive's owner (handle, without `@`).
    pub owner: String,
    /// Your posts read.
    pub posts: usize,
    /// Of them, replies to a post.
    pub replies: usize,
    /// Of them, reposts.
    pub reposts: usize,
    /// Posts of others that your replies answer.
    pub answered: usize,
    /// People you replied to or mentioned.
    pub people: usize,
    /// The oldest post's time (UTC ISO), if any.
    pub first: Option<String>,
    /// The newest post's time (UTC ISO), if any.
    pub last: Option<String>,
    /// The kinds of your posts.
    pub mix: Mix,
}

/// What an import adds: merge both deltas into the stored ledger and history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Import {
    /// The ledger records the archive gives (your posts, people, who replied to whom,
    /// answered posts).
    pub ledger: Ledger,
    /// Your posts with their kinds.
    pub history: History,
    /// The numbers.
    pub summary: ImportSummary,
}

/// An import in progress: call [`Importer::step`] until [`Importer::done`], then
/// [`Importer::finish`].
#[derive(Debug)]
pub struct Importer {
    archive: Archive,
    next: usize,
    out: Import,
    /// The kind of each post imported so far, in order (the history is built once at the end:
    /// recording posts one by one re-sorts it each time).
    kinds: Vec<crate::core::classify::Kind>,
    people: std::collections::HashSet<String>,
}

impl Importer {
    /// Starts importing `archive`.
    pub fn new(archive: Archive) -> Importer {
        let summary = ImportSummary {
            owner: archive.owner.clone(),
            posts: archive.posts.len(),
            first: archive.posts.first().map(|p| to_iso(p.time)),
            last: archive.posts.last().map(|p| to_iso(p.time)),
            ..ImportSummary::default()
        };
        Importer {
            archive,
            next: 0,
            out: Import {
                summary,
                ..Import::default()
            },
            kinds: Vec::new(),
            people: Default::default(),
        }
    }

    /// How many posts there are to import.
    pub fn total(&self) -> usize {
        self.archive.posts.len()
    }

    /// How many posts are imported so far.
    pub fn position(&self) -> usize {
        self.next
    }

    /// Whether every post is imported.
    pub fn done(&self) -> bool {
        self.next >= self.archive.posts.len()
    }

    /// Imports up to `n` more posts; returns how many are imported so far.
    pub fn step(&mut self, n: usize) -> usize {
        let end = self.next.saturating_add(n).min(self.archive.posts.len());
        for i in self.next..end {
            let p = &self.archive.posts[i];
            add_post(
                &mut self.out,
                &mut self.kinds,
                &mut self.people,
                p,
                &self.archive.owner,
                &self.archive.owner_name,
            );
        }
        self.next = end;
        end
    }

    /// The deltas and numbers (the posts not yet stepped through are imported first).
    pub fn finish(mut self) -> Import {
        self.step(usize::MAX);
        let posts = &self.archive.posts;
        self.out.history.record_many(
            posts
                .iter()
                .zip(&self.kinds)
                .map(|(p, &k)| (p.id.as_str(), p.time, k, p.text.as_str())),
        );
        self.out.summary.people = self.people.len();
        self.out.summary.answered = self.out.ledger.answered().count();
        self.out
    }
}

/// One post into the deltas.
fn add_post(
    out: &mut Import,
    kinds: &mut Vec<crate::core::classify::Kind>,
    people: &mut std::collections::HashSet<String>,
    p: &ArchivePost,
    owner: &str,
    owner_name: &str,
) {
    let kind = classify(&p.classify_input()).kind;
    out.summary.mix.add(kind);
    out.summary.replies += usize::from(p.is_reply);
    out.summary.reposts += usize::from(p.is_repost);
    kinds.push(kind);
    // "Last seen" is the post's own time: the import does not depend on when it runs.
    out.ledger
        .observe(&[p.to_post(owner, owner_name)], owner, p.time);
    if let Some(parent) = &p.in_reply_to_id {
        out.ledger.record_archive_reply(parent, p.time);
    }
    if p.is_repost {
        // Passing a post on is not talking to its author.
        return;
    }
    let owner_key = handle_key(owner);
    for handle in p.reply_to.iter().chain(&p.mentions) {
        let key = handle_key(handle);
        if key.is_empty() || key == owner_key {
            continue;
        }
        let name = p
            .names
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(handle))
            .map_or("", |(_, n)| n.as_str());
        out.ledger.note_person(handle, name, p.time);
        people.insert(key);
    }
}

/// Imports `archive` whole (see [`Importer`]).
pub fn import(archive: Archive) -> Import {
    Importer::new(archive).finish()
}

//! Joining ledgers (the merge of two tabs' writes) and bounding their size (eviction).
//!
//! Every join here is a least upper bound in some order, so merging is commutative,
//! associative and idempotent; see the module documentation of [`super`].

use std::hash::Hash;

use super::{Entry, HashMap, Ledger, Limits, Person, SeenPost};
use crate::core::order;

/// Puts `value` under `key`, keeping the larger of it and what is there. Returns whether
/// the map changed.
pub(super) fn put_max<K: Eq + Hash, V: Ord + Copy>(
    map: &mut HashMap<K, V>,
    key: K,
    value: V,
) -> bool {
    match map.entry(key) {
        Entry::Vacant(e) => {
            e.insert(value);
            true
        }
        Entry::Occupied(mut e) if *e.get() < value => {
            e.insert(value);
            true
        }
        Entry::Occupied(_) => false,
    }
}

/// Adds the sorted, unique `b` into the sorted, unique `a`. Returns whether `a` grew.
fn union(a: &mut Vec<String>, b: &[String]) -> bool {
    if b.iter().all(|h| a.binary_search(h).is_ok()) {
        return false;
    }
    a.extend(b.iter().cloned());
    order::sort_strings(a);
    a.dedup();
    true
}

/// Joins post record `b` into `a` field by field: the larger author string (normally the
/// same), the earliest time, the latest seen, the larger reply target (`Some` over `None`),
/// the union of handles, the longer first line (ties: the larger), replies seen by either.
/// Returns whether `a` changed.
pub(super) fn post(a: &mut SeenPost, b: &SeenPost) -> bool {
    let mut changed = false;
    if b.author > a.author {
        a.author.clone_from(&b.author);
        changed = true;
    }
    if b.time < a.time {
        a.time = b.time;
        changed = true;
    }
    if b.seen > a.seen {
        a.seen = b.seen;
        changed = true;
    }
    if b.in_reply_to > a.in_reply_to {
        a.in_reply_to.clone_from(&b.in_reply_to);
        changed = true;
    }
    changed |= union(&mut a.reply_to, &b.reply_to);
    changed |= union(&mut a.mentions, &b.mentions);
    if (b.line.len(), &b.line) > (a.line.len(), &a.line) {
        a.line.clone_from(&b.line);
        changed = true;
    }
    if b.replied && !a.replied {
        a.replied = true;
        changed = true;
    }
    changed
}

/// The order in which person records win: a known name over none, then the latest seen,
/// then the larger name and handle (only to make the choice the same everywhere).
fn person_rank(p: &Person) -> (bool, i64, &str, &str) {
    (!p.name.is_empty(), p.seen, &p.name, &p.handle)
}

/// Keeps the winning person record of `a` and `b` in `a`. Returns whether `a` changed.
pub(super) fn person(a: &mut Person, b: &Person) -> bool {
    if person_rank(b) > person_rank(a) {
        a.clone_from(b);
        true
    } else {
        false
    }
}

impl Ledger {
    /// Joins `other` into this ledger (see the module documentation). A pure join: it does
    /// not evict, so call [`Ledger::enforce_limits`] before storing the result.
    pub fn merge(&mut self, other: &Ledger) {
        for a in &other.accounts {
            if !self.accounts.contains(a) {
                self.accounts.insert(a.clone());
            }
        }
        for (id, rec) in &other.posts {
            match self.posts.get_mut(id) {
                Some(mine) => {
                    post(mine, rec);
                }
                None => {
                    self.posts.insert(id.clone(), rec.clone());
                }
            }
        }
        for (key, p) in &other.people {
            match self.people.get_mut(key) {
                Some(mine) => {
                    person(mine, p);
                }
                None => {
                    self.people.insert(key.clone(), p.clone());
                }
            }
        }
        for (key, at) in &other.links {
            put_max_cloned(&mut self.links, key, *at);
        }
        for (id, a) in &other.answered {
            put_max_cloned(&mut self.answered, id, *a);
        }
        for (id, at) in &other.dismissed {
            put_max_cloned(&mut self.dismissed, id, *at);
        }
    }

    /// The join of two ledgers, leaving both as they are.
    pub fn merged(a: &Ledger, b: &Ledger) -> Ledger {
        let (big, small) = if a.posts.len() >= b.posts.len() {
            (a, b)
        } else {
            (b, a)
        };
        let mut out = big.clone();
        out.merge(small);
        out
    }

    /// Applies the eviction rule of the module documentation with these limits. Never
    /// removes your own posts, the answered set or the dismissed ids. Returns how many
    /// records (posts, people and links) were dropped.
    pub fn enforce_limits(&mut self, limits: &Limits) -> usize {
        let mut dropped = 0;
        if self.posts.len() > limits.posts {
            let count = self
                .posts
                .values()
                .filter(|p| !self.is_account(&p.author))
                .count();
            let mut victims: Vec<String> = Vec::new();
            if count > limits.posts {
                let others: Vec<(bool, i64, &String)> = self
                    .posts
                    .iter()
                    .filter(|(_, p)| !self.is_account(&p.author))
                    .map(|(id, p)| (self.addressed_to_accounts(p), p.seen, id))
                    .collect();
                let drop = evict_count(others.len(), limits.posts);
                victims = order::smallest(others.len(), drop, &mut |a, b| others[a] < others[b])
                    .into_iter()
                    .map(|k| others[k as usize].2.clone())
                    .collect();
            }
            for id in &victims {
                self.posts.remove(id);
            }
            dropped += victims.len();
            // Each new post adds at most one post of someone else's: no need to look again
            // before the headroom left under the limit is used up.
            let headroom = limits.posts.saturating_sub(count - victims.len());
            self.next_check = if *limits == Limits::DEFAULT {
                self.posts.len() + headroom
            } else {
                0
            };
        }
        if self.people.len() > limits.people {
            let others: Vec<(i64, &String)> = self
                .people
                .iter()
                .filter(|(k, _)| !self.accounts.contains(k))
                .map(|(k, p)| (p.seen, k))
                .collect();
            let drop = evict_count(others.len(), limits.people);
            let victims: Vec<String> =
                order::smallest(others.len(), drop, &mut |a, b| others[a] < others[b])
                    .into_iter()
                    .map(|k| others[k as usize].1.clone())
                    .collect();
            for k in &victims {
                self.people.remove(k);
            }
            dropped += victims.len();
        }
        if self.links.len() > limits.links {
            let all: Vec<(i64, &(String, String))> =
                self.links.iter().map(|(k, at)| (*at, k)).collect();
            let drop = evict_count(all.len(), limits.links);
            let victims: Vec<(String, String)> =
                order::smallest(all.len(), drop, &mut |a, b| all[a] < all[b])
                    .into_iter()
                    .map(|k| all[k as usize].1.clone())
                    .collect();
            for k in &victims {
                self.links.remove(k);
            }
            dropped += victims.len();
        }
        dropped
    }
}

/// Like [`put_max`], cloning the key only when it is new.
fn put_max_cloned<K: Eq + Hash + Clone, V: Ord + Copy>(map: &mut HashMap<K, V>, key: &K, v: V) {
    match map.get_mut(key) {
        Some(mine) if *mine < v => *mine = v,
        Some(_) => {}
        None => {
            map.insert(key.clone(), v);
        }
    }
}

/// How many of `len` eviction candidates to drop so that 95% of `limit` remain (none when
/// they do not number more than `limit`).
fn evict_count(len: usize, limit: usize) -> usize {
    if len <= limit {
        0
    } else {
        len - (limit - limit / 20)
    }
}

//! The ledger's stored form: compact, versioned JSON (layout in the module documentation of
//! [`super`]), read back whole or not at all.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Answer, AnswerHow, Ledger, Person, SeenPost, handle_key, handle_set, join};
use crate::core::order;
use crate::core::time::Millis;

/// The version of the stored layout written by this build (the `v` key).
pub const LEDGER_VERSION: u32 = 1;

/// Why stored ledger JSON could not be read. The ledger is then left as it was: there is
/// never a partial ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerError {
    /// Not JSON, or JSON of the wrong shape (serde's message, with line and column).
    Malformed(String),
    /// Written by a newer build of Rapport (its layout version).
    TooNew(u32),
    /// A layout version this build cannot migrate.
    Unsupported(u32),
    /// Well-formed, but holding a value that cannot be right.
    Invalid(String),
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerError::Malformed(m) => write!(f, "stored ledger is damaged: {m}"),
            LedgerError::TooNew(v) => write!(
                f,
                "stored ledger has layout version {v}, newer than this build's {LEDGER_VERSION}"
            ),
            LedgerError::Unsupported(v) => {
                write!(f, "stored ledger has unknown layout version {v}")
            }
            LedgerError::Invalid(m) => write!(f, "stored ledger holds an invalid value: {m}"),
        }
    }
}

impl std::error::Error for LedgerError {}

/// Bit 0 of a post row's flags: replies were seen.
const FLAG_REPLIED: u8 = 1;

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

/// Brings a stored value of layout `from` up to [`LEDGER_VERSION`]. The migration hook:
/// when the layout changes, bump the version and add a step `n => … migrate(n + 1, value)`.
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

impl Ledger {
    /// The stored form (see the module documentation of [`super`]). Rows are sorted, so
    /// equal ledgers give identical JSON.
    pub fn to_json(&self) -> String {
        let mut p: Vec<PostRowOut> = self
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
        order::sort_by(&mut p, |a, b| a.0.cmp(b.0));
        let mut n: Vec<_> = self
            .people
            .values()
            .map(|x| (x.handle.as_str(), x.name.as_str(), x.seen))
            .collect();
        order::sort(&mut n);
        let mut r: Vec<_> = self
            .links
            .iter()
            .map(|((f, t), at)| (f.as_str(), t.as_str(), *at))
            .collect();
        order::sort(&mut r);
        let mut a: Vec<_> = self
            .answered
            .iter()
            .map(|(id, x)| (id.as_str(), x.at, x.how))
            .collect();
        order::sort(&mut a);
        let mut d: Vec<_> = self
            .dismissed
            .iter()
            .map(|(id, at)| (id.as_str(), *at))
            .collect();
        order::sort(&mut d);
        let out = StoredOut {
            v: LEDGER_VERSION,
            me: self.accounts.iter().map(String::as_str).collect(),
            p,
            n,
            r,
            a,
            d,
        };
        // Serializing plain strings, numbers and arrays cannot fail.
        serde_json::to_string(&out).unwrap_or_default()
    }

    /// Reads the stored form back: the whole ledger, or an error saying what is wrong.
    /// Older layouts are migrated; newer ones are refused ([`LedgerError::TooNew`]).
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
}

fn from_other_version(v: u32, json: &str) -> Result<Ledger, LedgerError> {
    let value: Value = serde_json::from_str(json).map_err(malformed)?;
    let value = migrate(v, value)?;
    let stored: StoredIn = serde_json::from_value(value).map_err(malformed)?;
    from_stored(stored)
}

fn invalid(what: &str, index: usize) -> LedgerError {
    LedgerError::Invalid(format!("{what} at index {index}"))
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
    l.posts.reserve(s.p.len());
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

/// Handles as the ledger keeps them, whatever a stored row says (the join relies on it).
fn normalised(v: Vec<String>) -> Vec<String> {
    if v.is_empty() {
        return v;
    }
    if v.windows(2).all(|w| w[0] < w[1])
        && v.iter().all(|h| {
            !h.is_empty() && !h.starts_with('@') && !h.bytes().any(|b| b.is_ascii_uppercase())
        })
    {
        return v;
    }
    handle_set(&v)
}

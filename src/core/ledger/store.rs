//! The ledger's stored form: compact, versioned JSON (layout in the module documentation of
//! [`super`]), read back whole or not at all.

use std::fmt;

use super::{Answer, AnswerHow, Ledger, Person, SeenPost, handle_key, handle_set, join};
use crate::core::json::{self, Reader, write_int, write_str};
use crate::core::order;
use crate::core::time::Millis;

/// The version of the stored layout written by this build (the `v` key).
pub const LEDGER_VERSION: u32 = 1;

/// Why stored ledger JSON could not be read. The ledger is then left as it was: there is
/// never a partial ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerError {
    /// Not JSON, or JSON of the wrong shape (what is wrong, with line and column).
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

/// The keys of the stored object, in the order rows are checked.
const FIELDS: [&str; 7] = ["v", "me", "p", "n", "r", "a", "d"];

/// The stored names of [`AnswerHow`], in the order of its variants.
const HOW: [&str; 3] = ["s", "c", "a"];

fn how_name(how: AnswerHow) -> &'static str {
    HOW[how as usize]
}

/// Brings stored JSON of layout `from` up to [`LEDGER_VERSION`]. The migration hook: when
/// the layout changes, bump the version and add a step `n => migrate(n + 1, &step(json)?)`
/// (a step may read the old layout as a `serde_json::Value`).
fn migrate(from: u32, json: &str) -> Result<String, LedgerError> {
    match from {
        LEDGER_VERSION => Ok(json.to_string()),
        v if v > LEDGER_VERSION => Err(LedgerError::TooNew(v)),
        v => Err(LedgerError::Unsupported(v)),
    }
}

fn malformed(e: json::Error) -> LedgerError {
    LedgerError::Malformed(e.to_string())
}

/// Writes `,` before every item but the first.
fn sep(out: &mut String, first: &mut bool) {
    if !std::mem::take(first) {
        out.push(',');
    }
}

fn write_strs(out: &mut String, v: &[String]) {
    out.push('[');
    let mut first = true;
    for s in v {
        sep(out, &mut first);
        write_str(out, s);
    }
    out.push(']');
}

impl Ledger {
    /// The stored form (see the module documentation of [`super`]). Rows are sorted, so
    /// equal ledgers give identical JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + self.posts.len() * 200);
        out.push_str("{\"v\":");
        write_int(&mut out, LEDGER_VERSION.into());
        out.push_str(",\"me\":[");
        let mut first = true;
        for a in &self.accounts {
            sep(&mut out, &mut first);
            write_str(&mut out, a);
        }

        out.push_str("],\"p\":[");
        // Rows of references, read in map order (memory order), then sorted by id: the
        // biggest sort of all, it sorts the rows themselves.
        let mut p: Vec<_> = self
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
                    s.replied,
                )
            })
            .collect();
        order::sort_by(&mut p, |a, b| a.0 < b.0);
        let mut first = true;
        for (id, author, time, seen, in_reply_to, reply_to, mentions, line, replied) in p {
            sep(&mut out, &mut first);
            out.push('[');
            write_str(&mut out, id);
            out.push(',');
            write_str(&mut out, author);
            out.push(',');
            write_int(&mut out, time);
            out.push(',');
            write_int(&mut out, seen);
            out.push(',');
            match in_reply_to {
                Some(to) => write_str(&mut out, to),
                None => out.push_str("null"),
            }
            out.push(',');
            write_strs(&mut out, reply_to);
            out.push(',');
            write_strs(&mut out, mentions);
            out.push(',');
            write_str(&mut out, line);
            out.push(',');
            write_int(&mut out, if replied { FLAG_REPLIED.into() } else { 0 });
            out.push(']');
        }

        out.push_str("],\"n\":[");
        let n: Vec<(&str, &str, Millis)> = self
            .people
            .values()
            .map(|x| (x.handle.as_str(), x.name.as_str(), x.seen))
            .collect();
        let mut first = true;
        for k in order::order(n.len(), &mut |a, b| n[a] < n[b]) {
            let (handle, name, seen) = n[k as usize];
            sep(&mut out, &mut first);
            out.push('[');
            write_str(&mut out, handle);
            out.push(',');
            write_str(&mut out, name);
            out.push(',');
            write_int(&mut out, seen);
            out.push(']');
        }

        out.push_str("],\"r\":[");
        let mut r: Vec<(&str, &str, Millis)> = self
            .links
            .iter()
            .map(|((f, t), at)| (f.as_str(), t.as_str(), *at))
            .collect();
        // Pairs are unique: the order of (from, to, at).
        order::sort_by(&mut r, |a, b| (a.0, a.1) < (b.0, b.1));
        let mut first = true;
        for (from, to, at) in r {
            sep(&mut out, &mut first);
            out.push('[');
            write_str(&mut out, from);
            out.push(',');
            write_str(&mut out, to);
            out.push(',');
            write_int(&mut out, at);
            out.push(']');
        }

        out.push_str("],\"a\":[");
        let a: Vec<(&str, Answer)> = self
            .answered
            .iter()
            .map(|(id, x)| (id.as_str(), *x))
            .collect();
        let mut first = true;
        for k in order::order(a.len(), &mut |x, y| a[x] < a[y]) {
            let (id, answer) = a[k as usize];
            sep(&mut out, &mut first);
            out.push('[');
            write_str(&mut out, id);
            out.push(',');
            write_int(&mut out, answer.at);
            out.push(',');
            write_str(&mut out, how_name(answer.how));
            out.push(']');
        }

        out.push_str("],\"d\":[");
        let d: Vec<(&str, Millis)> = self
            .dismissed
            .iter()
            .map(|(id, at)| (id.as_str(), *at))
            .collect();
        let mut first = true;
        for k in order::order(d.len(), &mut |x, y| d[x] < d[y]) {
            let (id, at) = d[k as usize];
            sep(&mut out, &mut first);
            out.push('[');
            write_str(&mut out, id);
            out.push(',');
            write_int(&mut out, at);
            out.push(']');
        }
        out.push_str("]}");
        out
    }

    /// Reads the stored form back: the whole ledger, or an error saying what is wrong.
    /// Older layouts are migrated; newer ones are refused ([`LedgerError::TooNew`]).
    pub fn from_json(json: &str) -> Result<Ledger, LedgerError> {
        match read(json) {
            Ok((LEDGER_VERSION, ledger)) => ledger,
            Ok((v, _)) => from_other_version(v, json),
            // Not this layout: the version may still say which one it is.
            Err(e) => match read_version(json) {
                Ok(v) if v != LEDGER_VERSION => from_other_version(v, json),
                _ => Err(malformed(e)),
            },
        }
    }
}

fn from_other_version(v: u32, json: &str) -> Result<Ledger, LedgerError> {
    // Any other layout must at least be well-formed JSON (strictly: a `serde_json::Value`).
    let mut r = Reader::new(json);
    r.skip(true).and_then(|()| r.end()).map_err(malformed)?;
    let json = migrate(v, json)?;
    match read(&json).map_err(malformed)? {
        (LEDGER_VERSION, ledger) => ledger,
        (v, _) => Err(LedgerError::Unsupported(v)),
    }
}

/// Reads the `v` of an object (other keys skipped) or of a one-element array.
fn read_version(json: &str) -> json::Result<u32> {
    let mut r = Reader::new(json);
    let mut v = 0;
    r.read_struct("struct VersionProbe", &["v"], &mut |r, _| {
        v = read_u32(r)?;
        Ok(())
    })?;
    r.end()?;
    Ok(v)
}

fn read_u32(r: &mut Reader) -> json::Result<u32> {
    Ok(r.int(0, u32::MAX.into(), "u32")? as u32)
}

fn read_millis(r: &mut Reader) -> json::Result<Millis> {
    r.int(Millis::MIN, Millis::MAX, "i64")
}

/// A value that cannot be right: `what` at row `index` of its key.
fn invalid(what: &str, index: usize) -> LedgerError {
    LedgerError::Invalid(format!("{what} at index {index}"))
}

/// Reads the stored form of any version: the version, and the ledger or the first invalid
/// row (looked for key by key in the order of [`FIELDS`]). A JSON error only when the text
/// does not have the stored form at all.
fn read(json: &str) -> json::Result<(u32, Result<Ledger, LedgerError>)> {
    let mut l = Ledger::default();
    let mut v = 0;
    // The first invalid row under each key of `FIELDS` (but `v`).
    let mut bad: [Option<LedgerError>; 7] = Default::default();
    let mut r = Reader::new(json);
    r.read_struct("struct StoredIn", &FIELDS, &mut |r, k| {
        let mut i = 0;
        let bad = &mut bad[k];
        let mut flag = |what: &str, i: usize| {
            bad.get_or_insert_with(|| invalid(what, i));
        };
        match k {
            0 => v = read_u32(r)?,
            1 => r.array("a sequence", &mut |r| {
                let key = handle_key(&r.string()?);
                if key.is_empty() {
                    flag("empty account handle", i);
                }
                l.accounts.insert(key);
                i += 1;
                Ok(())
            })?,
            2 => {
                // Rows take about 160 bytes: room for most of them saves rehashing.
                l.posts.reserve(r.remaining() / 200);
                r.array("a sequence", &mut |r| {
                    let (id, rec) = read_post(r)?;
                    if id.is_empty() || rec.author.is_empty() {
                        flag("post without id or author", i);
                    }
                    match l.posts.get_mut(&id) {
                        Some(mine) => {
                            join::post(mine, &rec);
                        }
                        None => {
                            l.posts.insert(id, rec);
                        }
                    }
                    i += 1;
                    Ok(())
                })?
            }
            3 => r.array("a sequence", &mut |r| {
                let (mut handle, mut name, mut seen) = (String::new(), String::new(), 0);
                r.fixed_array(3, "a tuple of size 3", &mut |r, c| {
                    match c {
                        0 => handle = r.string()?,
                        1 => name = r.string()?,
                        _ => seen = read_millis(r)?,
                    }
                    Ok(())
                })?;
                let key = handle_key(&handle);
                if key.is_empty() {
                    flag("person without handle", i);
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
                i += 1;
                Ok(())
            })?,
            4 => r.array("a sequence", &mut |r| {
                let (mut from, mut to, mut at) = (String::new(), String::new(), 0);
                r.fixed_array(3, "a tuple of size 3", &mut |r, c| {
                    match c {
                        0 => from = handle_key(&r.string()?),
                        1 => to = handle_key(&r.string()?),
                        _ => at = read_millis(r)?,
                    }
                    Ok(())
                })?;
                if from.is_empty() || to.is_empty() {
                    flag("link without handles", i);
                }
                join::put_max(&mut l.links, (from, to), at);
                i += 1;
                Ok(())
            })?,
            5 => r.array("a sequence", &mut |r| {
                let (mut id, mut at, mut how) = (String::new(), 0, AnswerHow::SeenReply);
                r.fixed_array(3, "a tuple of size 3", &mut |r, c| {
                    match c {
                        0 => id = r.string()?,
                        1 => at = read_millis(r)?,
                        _ => {
                            how = match r.variant(&HOW)? {
                                0 => AnswerHow::SeenReply,
                                1 => AnswerHow::Composer,
                                _ => AnswerHow::Archive,
                            }
                        }
                    }
                    Ok(())
                })?;
                if id.is_empty() {
                    flag("answer without post id", i);
                }
                join::put_max(&mut l.answered, id, Answer { at, how });
                i += 1;
                Ok(())
            })?,
            _ => r.array("a sequence", &mut |r| {
                let (mut id, mut at) = (String::new(), 0);
                r.fixed_array(2, "a tuple of size 2", &mut |r, c| {
                    match c {
                        0 => id = r.string()?,
                        _ => at = read_millis(r)?,
                    }
                    Ok(())
                })?;
                if id.is_empty() {
                    flag("dismissal without post id", i);
                }
                join::put_max(&mut l.dismissed, id, at);
                i += 1;
                Ok(())
            })?,
        }
        Ok(())
    })?;
    r.end()?;
    let ledger = match bad.into_iter().flatten().next() {
        Some(e) => Err(e),
        None => Ok(l),
    };
    Ok((v, ledger))
}

/// One post row: `[id, author, time, seen, in_reply_to|null, [reply_to…], [mentions…],
/// line, flags]`.
fn read_post(r: &mut Reader) -> json::Result<(String, SeenPost)> {
    let mut id = String::new();
    let mut rec = SeenPost {
        author: String::new(),
        time: 0,
        seen: 0,
        in_reply_to: None,
        reply_to: Vec::new(),
        mentions: Vec::new(),
        line: String::new(),
        replied: false,
    };
    r.fixed_array(9, "a tuple of size 9", &mut |r, c| {
        match c {
            0 => id = r.string()?,
            1 => rec.author = r.string()?,
            2 => rec.time = read_millis(r)?,
            3 => rec.seen = read_millis(r)?,
            4 => rec.in_reply_to = r.string_or_null()?.filter(|s| !s.is_empty()),
            5 | 6 => {
                let mut v = Vec::new();
                r.array("a sequence", &mut |r| {
                    v.push(r.string()?);
                    Ok(())
                })?;
                if c == 5 {
                    rec.reply_to = normalised(v);
                } else {
                    rec.mentions = normalised(v);
                }
            }
            7 => rec.line = r.string()?,
            _ => rec.replied = r.int(0, u8::MAX.into(), "u8")? as u8 & FLAG_REPLIED != 0,
        }
        Ok(())
    })?;
    Ok((id, rec))
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

#[cfg(test)]
mod tests;

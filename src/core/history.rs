//! Your posting history: the kind of each of your posts, for the pitch ratio and the mix.
//!
//! Posts arrive from three places: seen on a page (with their status id), captured when you
//! press Post (no id yet: keyed `c:<ms>`), and archives. A captured post is replaced by the
//! same post once it is seen with its id (matched by a key of its text), so nothing counts
//! twice. Merging is a union, so tabs can merge in any order without losing each other's
//! entries (like the ledger).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::classify::Kind;
use crate::core::json::{self, Reader};
use crate::core::order;
use crate::core::ratio;
use crate::core::settings::Settings;
use crate::core::text::case;
use crate::core::time::Millis;

/// The stored layout version.
pub const HISTORY_VERSION: u32 = 1;
/// At most this many posts are kept (the newest); far more than any ratio window.
pub const HISTORY_MAX: usize = 2000;

/// One of your posts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was posted (or captured).
    pub at: Millis,
    /// Its kind.
    pub kind: Kind,
    /// A key of its text, to match a captured post with the same post seen later.
    pub key: u32,
}

/// Your posts by id, oldest to newest by time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    entries: Entries,
}

/// Entries by id, in the order of their ids: a `BTreeMap` in behaviour, a sorted `Vec` in the
/// wasm (the map would add its own copy of the B-tree code; a history holds at most
/// [`HISTORY_MAX`] entries).
#[derive(Clone, Default, PartialEq, Eq)]
struct Entries(Vec<(String, Entry)>);

impl Entries {
    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    fn get(&self, id: &str) -> Option<&Entry> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    fn insert(&mut self, id: String, e: Entry) {
        match self.find(&id) {
            Ok(i) => self.0[i].1 = e,
            Err(i) => self.0.insert(i, (id, e)),
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.0.iter().map(|(k, e)| (k, e))
    }

    fn values(&self) -> impl Iterator<Item = &Entry> {
        self.0.iter().map(|(_, e)| e)
    }

    fn retain(&mut self, mut keep: impl FnMut(&String, &Entry) -> bool) {
        self.0.retain(|(k, e)| keep(k, e));
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Shown as a map, as the `BTreeMap` it stands in for.
impl fmt::Debug for Entries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A key of a post's text: FNV-1a over its first 60 characters, lower-cased, with runs of
/// whitespace collapsed (X may trim or rewrap what you typed).
pub fn text_key(text: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut last_space = true;
    for c in text.chars().flat_map(case::lower).take(60) {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

const CAPTURED: &str = "c:";

impl History {
    /// An empty history.
    pub fn new() -> History {
        History::default()
    }

    /// Records a post of yours seen with its id. Returns whether anything changed.
    pub fn record_seen(&mut self, id: &str, at: Millis, kind: Kind, text: &str) -> bool {
        let e = Entry {
            at,
            kind,
            key: text_key(text),
        };
        let changed = self.entries.get(id) != Some(&e);
        self.entries.insert(id.to_string(), e);
        self.drop_captured_duplicates();
        changed
    }

    /// Records many posts of yours seen with their ids (an archive): as [`History::record_seen`]
    /// for each in turn, with the history sorted and trimmed once instead of per post.
    pub fn record_many<'a>(
        &mut self,
        posts: impl IntoIterator<Item = (&'a str, Millis, Kind, &'a str)>,
    ) {
        let mut all: Vec<(String, Entry)> = std::mem::take(&mut self.entries.0);
        for (id, at, kind, text) in posts {
            let key = text_key(text);
            all.push((id.to_string(), Entry { at, kind, key }));
        }
        // By id; of equal ids the last recorded wins, as one insert after another would.
        let order = order::order(all.len(), &mut |a, b| {
            (all[a].0.as_str(), a) < (all[b].0.as_str(), b)
        });
        let mut slots: Vec<Option<(String, Entry)>> = all.into_iter().map(Some).collect();
        let mut sorted: Vec<(String, Entry)> = Vec::with_capacity(slots.len());
        for i in order {
            let item = slots[i as usize].take().expect("each index once");
            match sorted.last_mut() {
                Some(last) if last.0 == item.0 => *last = item,
                _ => sorted.push(item),
            }
        }
        self.entries.0 = sorted;
        self.drop_captured_duplicates();
    }

    /// Records a post you just sent from X's composer (its id is not known yet).
    pub fn record_sent(&mut self, at: Millis, kind: Kind, text: &str) {
        let key = text_key(text);
        if self
            .entries
            .values()
            .any(|e| e.key == key && (at - e.at).abs() < 3_600_000)
        {
            return; // already seen with its id
        }
        self.entries
            .insert(format!("{CAPTURED}{at}"), Entry { at, kind, key });
    }

    fn drop_captured_duplicates(&mut self) {
        let real: Vec<u32> = self
            .entries
            .iter()
            .filter(|(id, _)| !id.starts_with(CAPTURED))
            .map(|(_, e)| e.key)
            .collect();
        self.entries
            .retain(|id, e| !id.starts_with(CAPTURED) || !real.contains(&e.key));
        if self.entries.len() > HISTORY_MAX {
            let times: Vec<Millis> = self.entries.values().map(|e| e.at).collect();
            let order = order::order(times.len(), &mut |a, b| times[a] < times[b]);
            // The time of the oldest entry kept.
            let cut = times[order[times.len() - HISTORY_MAX] as usize];
            self.entries.retain(|_, e| e.at >= cut);
        }
    }

    /// Merges another history into this one (union; the later time wins on conflicts).
    pub fn merge(&mut self, other: &History) {
        for (id, e) in other.entries.iter() {
            match self.entries.get(id) {
                Some(mine) if mine.at >= e.at => {}
                _ => {
                    self.entries.insert(id.clone(), *e);
                }
            }
        }
        self.drop_captured_duplicates();
    }

    /// Number of posts known.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The kinds of your posts, oldest first (what [`ratio`] takes).
    pub fn kinds(&self) -> Vec<Kind> {
        let v: Vec<(Millis, &String, Kind)> = self
            .entries
            .iter()
            .map(|(id, e)| (e.at, id, e.kind))
            .collect();
        order::order(v.len(), &mut |a, b| v[a] < v[b])
            .into_iter()
            .map(|k| v[k as usize].2)
            .collect()
    }

    /// The compact JSON to store.
    pub fn to_json(&self) -> String {
        // `{"v":1,"h":[[id,at,kind,key],…]}`, written by hand (as serde_json would).
        let mut out = format!("{{\"v\":{HISTORY_VERSION},\"h\":[");
        for (i, (id, e)) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            json::write_str(&mut out, id);
            out.push_str(&format!(",{},\"{}\",{}]", e.at, e.kind.name(), e.key));
        }
        out.push_str("]}");
        out
    }

    /// Reads stored JSON; damaged or newer input is an error, never a partial history.
    pub fn from_json(json: &str) -> Result<History, String> {
        // An object `{v, h}` (or the array `[v, h]`), as serde_json read it into a struct.
        let mut v = 0;
        let mut entries = Entries::default();
        let kinds = Kind::ALL.map(Kind::name);
        let mut r = Reader::new(json);
        r.read_struct("struct Stored", &["v", "h"], &mut |r, field| {
            if field == 0 {
                v = r.int(0, u32::MAX.into(), "u32")? as u32;
                return Ok(());
            }
            r.array("a sequence", &mut |r| {
                let (mut id, mut e) = (String::new(), Entry::default());
                r.fixed_array(4, "a tuple of size 4", &mut |r, k| {
                    match k {
                        0 => id = r.string()?,
                        1 => e.at = r.int(Millis::MIN, Millis::MAX, "i64")?,
                        2 => e.kind = Kind::ALL[r.variant(&kinds)?],
                        _ => e.key = r.int(0, u32::MAX.into(), "u32")? as u32,
                    }
                    Ok(())
                })?;
                // Later rows win, as they did when collected into the map.
                entries.insert(id, e);
                Ok(())
            })
        })
        .and_then(|()| r.end())
        .map_err(|e| format!("history: {e}"))?;
        if v != HISTORY_VERSION {
            return Err(format!("history: unsupported version {v}"));
        }
        Ok(History { entries })
    }
}

/// Your pitch share over time: the share over the window ending at each of the last
/// `points` posts (for the popup's sparkline), oldest first.
pub fn ratio_series(kinds: &[Kind], settings: &Settings, points: usize) -> Vec<f64> {
    let n = settings.pitch_window_posts as usize;
    let start = kinds.len().saturating_sub(points);
    (start..kinds.len())
        .map(|end| ratio::pitch_ratio(&kinds[..=end], n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_many_is_record_seen_one_by_one() {
        let kinds = [Kind::Conversation, Kind::Pitch, Kind::Sharing];
        // More than HISTORY_MAX posts, ids out of order, one id twice, one captured post.
        let posts: Vec<(String, Millis, Kind, String)> = (0..HISTORY_MAX + 300)
            .map(|i| {
                let id = ((i * 7919) % (HISTORY_MAX + 300)).to_string();
                (id, (i as Millis) * 1000, kinds[i % 3], format!("post {i}"))
            })
            .chain([("5".to_string(), 9_999_999, Kind::Pitch, "again".to_string())])
            .collect();
        let mut one = History::new();
        one.record_sent(2_000_000, Kind::Pitch, "post 2000");
        let mut many = one.clone();
        for (id, at, k, t) in &posts {
            one.record_seen(id, *at, *k, t);
        }
        many.record_many(
            posts
                .iter()
                .map(|(id, at, k, t)| (id.as_str(), *at, *k, t.as_str())),
        );
        assert_eq!(many, one);
        assert_eq!(many.len(), HISTORY_MAX);
    }

    #[test]
    fn a_captured_post_is_replaced_when_seen_with_its_id() {
        let mut h = History::new();
        h.record_sent(1_000, Kind::Pitch, "Only today: 20% off my course!");
        assert_eq!(h.len(), 1);
        h.record_seen("42", 2_000, Kind::Pitch, "Only today:  20% off my course!");
        assert_eq!(h.len(), 1);
        assert_eq!(h.kinds(), [Kind::Pitch]);
        // sending text that was already seen adds nothing
        h.record_sent(3_000, Kind::Pitch, "only today: 20% off my course!");
        assert_eq!(h.len(), 1);
    }

    #[test]
    fn merge_is_a_union_in_any_order() {
        let mut a = History::new();
        a.record_seen("1", 10, Kind::Conversation, "hi");
        let mut b = History::new();
        b.record_seen("2", 20, Kind::Pitch, "buy now");
        b.record_sent(30, Kind::Sharing, "look at this");
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert_eq!(ab.kinds(), [Kind::Conversation, Kind::Pitch, Kind::Sharing]);
        let mut again = ab.clone();
        again.merge(&ab);
        assert_eq!(again, ab);
    }

    /// The stored form as serde_json wrote and read it first.
    #[derive(Serialize, Deserialize)]
    struct Stored {
        v: u32,
        h: Vec<(String, Millis, Kind, u32)>,
    }

    fn reference_from_json(json: &str) -> Result<History, ()> {
        let s: Stored = serde_json::from_str(json).map_err(|_| ())?;
        if s.v != HISTORY_VERSION {
            return Err(());
        }
        // As first written: collected into a `BTreeMap` (sorted, the last of equal ids wins).
        let map: std::collections::BTreeMap<String, Entry> =
            s.h.into_iter()
                .map(|(id, at, kind, key)| (id, Entry { at, kind, key }))
                .collect();
        Ok(History {
            entries: Entries(map.into_iter().collect()),
        })
    }

    #[test]
    fn entries_behave_as_a_btree_map() {
        let mut mine = Entries::default();
        let mut map = std::collections::BTreeMap::new();
        let mut seed: u64 = 1;
        for step in 0..3000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let id = format!("{}", (seed >> 33) % 500);
            let e = Entry {
                at: step,
                kind: Kind::ALL[(seed >> 20) as usize % 6],
                key: (seed >> 40) as u32,
            };
            if step % 7 == 0 {
                mine.retain(|k, e| !(k.ends_with('3') && e.at % 2 == 0));
                map.retain(|k: &String, e: &mut Entry| !(k.ends_with('3') && e.at % 2 == 0));
            }
            assert_eq!(mine.get(&id), map.get(&id));
            mine.insert(id.clone(), e);
            map.insert(id, e);
        }
        assert!(mine.iter().eq(map.iter()));
        assert!(mine.values().eq(map.values()));
        assert_eq!(mine.len(), map.len());
        assert_eq!(format!("{mine:?}"), format!("{map:?}"));
    }

    #[test]
    fn json_is_what_serde_json_wrote_and_read() {
        let mut h = History::new();
        h.record_seen("1\"\u{1}", -10, Kind::Inspiration, "keep going");
        h.record_seen("2", 20, Kind::Pitch, "buy");
        h.record_sent(30, Kind::Sharing, "look");
        let s = Stored {
            v: HISTORY_VERSION,
            h: h.entries
                .iter()
                .map(|(id, e)| (id.clone(), e.at, e.kind, e.key))
                .collect(),
        };
        let json = h.to_json();
        assert_eq!(json, serde_json::to_string(&s).unwrap());
        let cases = [
            json.clone(),
            json.replace("\"v\":1", "\"v\":2"),
            json.replace("\"pitch\"", "{\"pitch\":null}"),
            json.replace("\"pitch\"", "\"pitches\""),
            json.replace("[[", "[[\"2\",1,\"sharing\",7],["),
            json.replace("],[", "],,["),
            format!("[1,{}]", &json[json.find('[').unwrap()..json.len() - 1]),
            "{\"h\":[],\"v\":1,\"x\":{}}".to_string(),
            "{\"v\":1}".to_string(),
            "{\"v\":1,\"h\":[[\"1\",1.5,\"pitch\",1]]}".to_string(),
            "{\"v\":1,\"h\":[[\"1\",1,\"pitch\",-1]]}".to_string(),
            "{\"v\":1,\"h\":[[\"1\",1,\"pitch\"]]}".to_string(),
        ];
        for c in &cases {
            assert_eq!(
                History::from_json(c).ok(),
                reference_from_json(c).ok(),
                "{c}"
            );
        }
        for i in 0..json.len() {
            for with in ["", "x", "1", "]", "\""] {
                let c = format!("{}{with}{}", &json[..i], &json[i + 1..]);
                assert_eq!(
                    History::from_json(&c).ok(),
                    reference_from_json(&c).ok(),
                    "{c}"
                );
            }
        }
    }

    #[test]
    fn json_round_trip_and_damage() {
        let mut h = History::new();
        h.record_seen("1", 10, Kind::Inspiration, "keep going");
        let back = History::from_json(&h.to_json()).unwrap();
        assert_eq!(back, h);
        assert!(History::from_json("{\"v\":1,\"h\":[[\"1\"]]}").is_err());
        assert!(History::from_json("{\"v\":9,\"h\":[]}").is_err());
        assert!(History::from_json("garbage").is_err());
    }

    #[test]
    fn series_follows_the_window() {
        let s = Settings {
            pitch_window_posts: 2,
            ..Settings::default()
        };
        let kinds = [
            Kind::Pitch,
            Kind::Conversation,
            Kind::Conversation,
            Kind::Pitch,
        ];
        let series = ratio_series(&kinds, &s, 3);
        assert_eq!(series, [0.5, 0.0, 0.5]);
    }

    #[test]
    fn bounded() {
        let mut h = History::new();
        for i in 0..(HISTORY_MAX as i64 + 10) {
            h.record_seen(&i.to_string(), i, Kind::Conversation, &format!("post {i}"));
        }
        assert_eq!(h.len(), HISTORY_MAX);
    }
}

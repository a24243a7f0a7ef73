//! The ledger's hash map: entries in a `Vec`, found through an open-addressing index of
//! entry numbers. Only the entry storage is generic; the index (probing, growing, removing)
//! is one copy of code for every key and value type, where std's `HashMap` puts a copy of its
//! table code in the wasm for each of the ledger's five maps.
//!
//! It offers the part of `HashMap`'s interface the ledger uses, with the same meaning.
//! Iteration follows the entries' storage order (insertion order, but for removals, which
//! move the last entry into the gap): no caller relies on an order, as none could with
//! `HashMap`'s.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hash};

use super::KeyHasher;

/// The hash the index keeps of a key (the well-mixed high half of [`KeyHasher`]'s).
fn hash_of<Q: Hash + ?Sized>(key: &Q) -> u32 {
    (BuildHasherDefault::<KeyHasher>::default().hash_one(key) >> 32) as u32
}

/// Open addressing with linear probing. A slot holds (entry number + 1, hash); 0 is empty.
/// The slot count is a power of two, at least twice the entry count.
#[derive(Clone, Default)]
struct Index {
    slots: Vec<(u32, u32)>,
}

impl Index {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The entry with `hash` for which `is(entry)` holds.
    fn find(&self, hash: u32, is: &mut dyn FnMut(usize) -> bool) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mut i = hash as usize & self.mask();
        loop {
            match self.slots[i] {
                (0, _) => return None,
                (e, h) if h == hash && is(e as usize - 1) => return Some(e as usize - 1),
                _ => i = (i + 1) & self.mask(),
            }
        }
    }

    /// Makes room for `n` entries; true when the slots were rebuilt (empty, to be refilled).
    fn reserve(&mut self, n: usize) -> bool {
        if n * 2 <= self.slots.len() {
            return false;
        }
        let size = (n * 2).next_power_of_two().max(8);
        self.slots = vec![(0, 0); size];
        true
    }

    /// Puts entry `e` with `hash` in the first empty slot of its probe sequence.
    fn put(&mut self, hash: u32, e: usize) {
        let mut i = hash as usize & self.mask();
        while self.slots[i].0 != 0 {
            i = (i + 1) & self.mask();
        }
        self.slots[i] = (e as u32 + 1, hash);
    }

    /// Empties slot `i`, shifting later members of the run back so that probing still finds
    /// them (deletion without tombstones).
    fn clear_slot(&mut self, mut i: usize) {
        let mut j = i;
        loop {
            self.slots[i] = (0, 0);
            loop {
                j = (j + 1) & self.mask();
                let (e, h) = self.slots[j];
                if e == 0 {
                    return;
                }
                // The entry at `j` may fill the gap at `i` unless its home lies cyclically
                // in (i, j].
                let home = h as usize & self.mask();
                let stays = if i <= j {
                    i < home && home <= j
                } else {
                    i < home || home <= j
                };
                if !stays {
                    self.slots[i] = self.slots[j];
                    i = j;
                    break;
                }
            }
        }
    }

    /// The slot that points at entry `e` (which has `hash`).
    fn slot_of(&self, hash: u32, e: usize) -> usize {
        let mut i = hash as usize & self.mask();
        while self.slots[i].0 as usize != e + 1 {
            i = (i + 1) & self.mask();
        }
        i
    }
}

/// A map from `K` to `V` (see the module documentation).
#[derive(Clone)]
pub(crate) struct HashMap<K, V> {
    entries: Vec<(K, V)>,
    index: Index,
}

impl<K, V> Default for HashMap<K, V> {
    fn default() -> Self {
        HashMap {
            entries: Vec::new(),
            index: Index::default(),
        }
    }
}

impl<K: Hash + Eq, V> HashMap<K, V> {
    fn find<Q>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let entries = &self.entries;
        self.index
            .find(hash_of(key), &mut |e| entries[e].0.borrow() == key)
    }

    /// Makes the index fit `n` entries, re-entering the present ones when it grows.
    fn fit(&mut self, n: usize) {
        if self.index.reserve(n) {
            for (i, (k, _)) in self.entries.iter().enumerate() {
                self.index.put(hash_of(k), i);
            }
        }
    }

    /// Adds an entry whose key is not in the map; its number.
    fn push(&mut self, key: K, value: V) -> usize {
        let e = self.entries.len();
        self.fit(e + 1);
        self.index.put(hash_of(&key), e);
        self.entries.push((key, value));
        e
    }

    /// Makes room for `additional` more entries.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
        self.fit(self.entries.len() + additional);
    }

    /// The number of entries.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value under `key`.
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let e = self.find(key)?;
        Some(&self.entries[e].1)
    }

    /// The value under `key`, to change.
    pub(crate) fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let e = self.find(key)?;
        Some(&mut self.entries[e].1)
    }

    /// Puts `value` under `key`; the value it replaces.
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Some(e) => Some(std::mem::replace(&mut self.entries[e].1, value)),
            None => {
                self.push(key, value);
                None
            }
        }
    }

    /// Takes the value under `key` out.
    pub(crate) fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let e = self.find(key)?;
        let slot = self.index.slot_of(hash_of(key), e);
        self.index.clear_slot(slot);
        let last = self.entries.len() - 1;
        if e != last {
            // The last entry moves into the gap: point its slot at its new place.
            let moved = self.index.slot_of(hash_of(&self.entries[last].0), last);
            self.index.slots[moved].0 = e as u32 + 1;
        }
        Some(self.entries.swap_remove(e).1)
    }

    /// The entry for `key`, to read, fill or change in place.
    pub(crate) fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        match self.find(&key) {
            Some(e) => Entry::Occupied(OccupiedEntry { map: self, e }),
            None => Entry::Vacant(VacantEntry { map: self, key }),
        }
    }
}

impl<K, V> HashMap<K, V> {
    /// The entries.
    pub(crate) fn iter(&self) -> Iter<'_, K, V> {
        self.entries.iter().map(pair)
    }

    /// The values.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
}

fn pair<K, V>((k, v): &(K, V)) -> (&K, &V) {
    (k, v)
}

/// An iterator over a map's entries.
pub(crate) type Iter<'a, K, V> =
    std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

impl<'a, K, V> IntoIterator for &'a HashMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Iter<'a, K, V> {
        self.iter()
    }
}

/// Equal when both hold the same keys with equal values (in any order).
impl<K: Hash + Eq, V: PartialEq> PartialEq for HashMap<K, V> {
    fn eq(&self, o: &Self) -> bool {
        self.len() == o.len() && self.iter().all(|(k, v)| o.get(k) == Some(v))
    }
}

impl<K: Hash + Eq, V: Eq> Eq for HashMap<K, V> {}

/// Shown as a map, as the `HashMap` it stands in for.
impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for HashMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A place in a map for one key (`HashMap::entry`).
pub(crate) enum Entry<'a, K, V> {
    /// The key has a value.
    Occupied(OccupiedEntry<'a, K, V>),
    /// The key has none.
    Vacant(VacantEntry<'a, K, V>),
}

/// An entry that has a value.
pub(crate) struct OccupiedEntry<'a, K, V> {
    map: &'a mut HashMap<K, V>,
    e: usize,
}

impl<K, V> OccupiedEntry<'_, K, V> {
    /// The value.
    pub(crate) fn get(&self) -> &V {
        &self.map.entries[self.e].1
    }

    /// The value, to change.
    pub(crate) fn get_mut(&mut self) -> &mut V {
        &mut self.map.entries[self.e].1
    }

    /// Replaces the value; the old one.
    pub(crate) fn insert(&mut self, value: V) -> V {
        std::mem::replace(self.get_mut(), value)
    }
}

/// An entry without a value.
pub(crate) struct VacantEntry<'a, K, V> {
    map: &'a mut HashMap<K, V>,
    key: K,
}

impl<'a, K: Hash + Eq, V> VacantEntry<'a, K, V> {
    /// Puts `value` there.
    pub(crate) fn insert(self, value: V) -> &'a mut V {
        let e = self.map.push(self.key, value);
        &mut self.map.entries[e].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random operations agree with std's `HashMap`, at every size the index passes through.
    #[test]
    fn behaves_as_std_hash_map() {
        let mut mine: HashMap<String, u64> = HashMap::default();
        let mut std_map = std::collections::HashMap::new();
        let mut seed: u64 = 7;
        for step in 0..40_000u64 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let key = format!("{}", (seed >> 33) % 3_000);
            match (seed >> 20) % 8 {
                0..=2 => assert_eq!(mine.insert(key.clone(), step), std_map.insert(key, step)),
                3..=4 => assert_eq!(mine.remove(key.as_str()), std_map.remove(key.as_str())),
                5 => match mine.entry(key.clone()) {
                    Entry::Vacant(e) => {
                        assert!(!std_map.contains_key(&key));
                        *e.insert(step) += 1;
                        std_map.insert(key, step + 1);
                    }
                    Entry::Occupied(mut e) => {
                        assert_eq!(Some(e.get()), std_map.get(&key));
                        assert_eq!(e.insert(step), std_map.insert(key, step).unwrap());
                    }
                },
                6 => {
                    if let Some(v) = mine.get_mut(key.as_str()) {
                        *v += 3;
                    }
                    if let Some(v) = std_map.get_mut(key.as_str()) {
                        *v += 3;
                    }
                }
                _ => assert_eq!(mine.get(key.as_str()), std_map.get(key.as_str())),
            }
            assert_eq!(mine.len(), std_map.len());
            if step % 4_999 == 0 {
                let all: std::collections::HashMap<_, _> =
                    mine.iter().map(|(k, v)| (k.clone(), *v)).collect();
                assert_eq!(all, std_map);
                for (k, v) in &std_map {
                    assert_eq!(mine.get(k.as_str()), Some(v));
                }
            }
        }
        let again = mine.clone();
        assert_eq!(again, mine);
        assert_eq!(mine.is_empty(), std_map.is_empty());
    }

    #[test]
    fn tuple_keys_and_equality_in_any_order() {
        let mut a: HashMap<(String, String), i64> = HashMap::default();
        let mut b: HashMap<(String, String), i64> = HashMap::default();
        for i in 0..100 {
            a.insert((format!("x{i}"), format!("y{}", i % 7)), i);
        }
        for i in (0..100).rev() {
            b.insert((format!("x{i}"), format!("y{}", i % 7)), i);
        }
        assert_eq!(a, b);
        assert_eq!(a.get(&("x5".to_string(), "y5".to_string())), Some(&5));
        b.remove(&("x5".to_string(), "y5".to_string()));
        assert_ne!(a, b);
        assert_eq!(b.get(&("x5".to_string(), "y5".to_string())), None);
    }
}

//! Sorting with one small routine for every caller.
//!
//! Each `sort`, `sort_by` or `select_nth_unstable` of the standard library is compiled anew
//! for every element type and comparison it is used with, at about 8 KB of wasm each. Here
//! every caller sorts the same thing, a [`Key`] (two numbers, then two strings) with the
//! position of the item it stands for, so one quicksort serves them all: median-of-three
//! pivots, insertion sort for short slices, heapsort when a slice keeps partitioning badly
//! (never quadratic). Ties between equal keys go by position, so results are deterministic.

/// A sort key: compared by the first number, then the second, then the strings.
pub type Key<'a> = (i64, i64, &'a str, &'a str);

/// A key and the position of its item.
type Slot<'a> = (Key<'a>, u32);

/// Slices this short are sorted by insertion.
const SHORT: usize = 16;

/// The items sorted by their keys (equal keys keep their order).
pub fn by_key<'a, T>(items: impl IntoIterator<Item = (Key<'a>, T)>) -> Vec<T> {
    let (keys, mut items): (Vec<Key>, Vec<Option<T>>) =
        items.into_iter().map(|(k, t)| (k, Some(t))).unzip();
    let mut slots = slots(keys);
    slots.sort_unstable();
    slots
        .iter()
        .filter_map(|s| items[s.1 as usize].take())
        .collect()
}

/// The items with the `k` smallest keys, in no particular order (as `select_nth_unstable`
/// leaves them).
pub fn smallest<'a, T>(items: impl IntoIterator<Item = (Key<'a>, T)>, k: usize) -> Vec<T> {
    let (keys, mut items): (Vec<Key>, Vec<Option<T>>) =
        items.into_iter().map(|(k, t)| (k, Some(t))).unzip();
    let mut slots = slots(keys);
    if k < slots.len() {
        quick(&mut slots, Some(k));
    }
    slots
        .iter()
        .take(k)
        .filter_map(|s| items[s.1 as usize].take())
        .collect()
}

/// Sorts strings.
pub fn sort_strings(v: &mut Vec<String>) {
    if v.len() > 1 {
        let taken = std::mem::take(v);
        let keys: Vec<Key> = taken.iter().map(|s| (0, 0, s.as_str(), "")).collect();
        let mut slots = slots(keys);
        quick(&mut slots, None);
        let order: Vec<u32> = slots.iter().map(|s| s.1).collect();
        let mut taken: Vec<Option<String>> = taken.into_iter().map(Some).collect();
        *v = order
            .into_iter()
            .filter_map(|i| taken[i as usize].take())
            .collect();
    }
}

fn slots(keys: Vec<Key>) -> Vec<Slot> {
    keys.into_iter().zip(0..).collect()
}

/// Sorts `v`, or with `select = Some(k)` only puts the slot of rank `k` in its place with
/// the smaller ones before it and the larger ones after.
fn quick(mut v: &mut [Slot], mut select: Option<usize>) {
    // Partitions allowed before the slice counts as adversarial and goes to heapsort.
    let mut budget = 2 * (usize::BITS - v.len().leading_zeros());
    loop {
        let n = v.len();
        if n <= SHORT {
            insertion(v);
            return;
        }
        if budget == 0 {
            heapsort(v);
            return;
        }
        budget -= 1;
        // The median of the first, middle and last slots as the pivot, moved to the front.
        let (a, b, c) = (0, n / 2, n - 1);
        let m = if v[a] < v[b] {
            if v[b] < v[c] {
                b
            } else if v[a] < v[c] {
                c
            } else {
                a
            }
        } else if v[a] < v[c] {
            a
        } else if v[b] < v[c] {
            c
        } else {
            b
        };
        v.swap(0, m);
        let pivot = v[0];
        // Hoare's partition.
        let (mut i, mut j) = (0, n);
        loop {
            i += 1;
            while i < n && v[i] < pivot {
                i += 1;
            }
            j -= 1;
            while pivot < v[j] {
                j -= 1;
            }
            if i >= j {
                break;
            }
            v.swap(i, j);
        }
        v.swap(0, j);
        let (left, right) = v.split_at_mut(j);
        let right = &mut right[1..];
        match select {
            None if left.len() < right.len() => {
                quick(left, None);
                v = right;
            }
            None => {
                quick(right, None);
                v = left;
            }
            Some(k) if k < j => v = left,
            Some(k) if k > j => {
                select = Some(k - j - 1);
                v = right;
            }
            Some(_) => return,
        }
    }
}

fn insertion(v: &mut [Slot]) {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && x < v[j - 1] {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

fn heapsort(v: &mut [Slot]) {
    // Moves the slot at `root` down the heap `v[..end]` to where it belongs.
    fn sift(v: &mut [Slot], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64, deterministic.
    fn rng(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn inputs() -> Vec<Vec<i64>> {
        let mut seed = 7;
        let mut out = Vec::new();
        for n in [0i64, 1, 2, 3, 15, 16, 17, 32, 33, 100, 1000, 4099] {
            for range in [1, 3, 1000, u64::MAX] {
                out.push((0..n).map(|_| (rng(&mut seed) % range) as i64).collect());
            }
            out.push((0..n).collect());
            out.push((0..n).rev().collect());
            out.push((0..n).map(|i| i.min(n - i)).collect());
        }
        out
    }

    #[test]
    fn sorts_like_the_standard_library() {
        for v in inputs() {
            let names: Vec<String> = v.iter().map(|x| format!("{}", x % 7)).collect();
            let items: Vec<(i64, &str, usize)> = v
                .iter()
                .zip(&names)
                .enumerate()
                .map(|(i, (x, s))| (x / 3, s.as_str(), i))
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|x| (x.0, x.1));
            let got = by_key(items.iter().map(|x| ((x.0, 0, x.1, ""), *x)));
            assert_eq!(got, want);
            let mut slots = slots(items.iter().map(|x| (x.0, 0, x.1, "")).collect());
            heapsort(&mut slots);
            let got: Vec<_> = slots.iter().map(|s| items[s.1 as usize]).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn selects_like_the_standard_library() {
        for v in inputs() {
            let mut want = v.clone();
            want.sort();
            for k in [
                0,
                1,
                v.len() / 2,
                v.len().saturating_sub(1),
                v.len(),
                v.len() + 1,
            ] {
                let mut got = smallest(v.iter().map(|x| ((*x, 0, "", ""), *x)), k);
                got.sort();
                assert_eq!(got, want[..k.min(want.len())], "k={k}");
            }
        }
    }

    #[test]
    fn sorts_strings() {
        let mut v: Vec<String> = (0..50).rev().map(|i| format!("h{i}")).collect();
        let mut want = v.clone();
        want.sort();
        sort_strings(&mut v);
        assert_eq!(v, want);
        sort_strings(&mut v);
        assert_eq!(v, want);
    }
}

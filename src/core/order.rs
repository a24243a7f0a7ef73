//! Sorting with one small routine for every caller.
//!
//! Each `sort`, `sort_by` or `select_nth_unstable` of the standard library is compiled anew
//! for every element type and comparison it is used with, at several kilobytes of wasm each.
//! Here one stable merge sort of indices, behind a `dyn` comparison, serves them all; the
//! generic part left per element type is a small in-place permutation.

use std::cmp::Ordering;

/// Runs this long are sorted by insertion before merging.
const RUN: usize = 12;

/// The order that sorts `n` items by `cmp` (which compares items by index): a stable sort,
/// so items that compare equal keep their order.
pub fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let mut a: Vec<u32> = (0..n as u32).collect();
    let mut less = |x: u32, y: u32| cmp(x as usize, y as usize) == Ordering::Less;
    for start in (0..n).step_by(RUN) {
        let end = n.min(start + RUN);
        for i in start + 1..end {
            let x = a[i];
            let mut j = i;
            while j > start && less(x, a[j - 1]) {
                a[j] = a[j - 1];
                j -= 1;
            }
            a[j] = x;
        }
    }
    let mut b = vec![0u32; n];
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = n.min(lo + width);
            let hi = n.min(mid + width);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut b[lo..hi] {
                // The left run wins ties: stable.
                if i < mid && (j >= hi || !less(a[j], a[i])) {
                    *slot = a[i];
                    i += 1;
                } else {
                    *slot = a[j];
                    j += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Sorts `v` by `cmp`, stable.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() > 1 {
        let order = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
        permute(v, order);
    }
}

/// Sorts `v` in its natural order, stable.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Puts `v[order[k]]` at position `k`, following each cycle of the permutation once.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            // Each position is marked done by pointing to itself.
            order[at] = at as u32;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
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

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 7;
        for n in [0, 1, 2, 3, 11, 12, 13, 24, 25, 100, 1000, 4099] {
            for range in [3, 1000, u64::MAX] {
                let v: Vec<(u64, usize)> = (0..n).map(|i| (rng(&mut seed) % range, i)).collect();
                let mut want = v.clone();
                want.sort_by_key(|x| x.0);
                let mut got = v.clone();
                sort_by(&mut got, |a, b| a.0.cmp(&b.0));
                assert_eq!(got, want, "n={n} range={range}");
                let mut got = v;
                sort(&mut got);
                want.sort();
                assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn sorts_strings_and_sorted_input() {
        let mut v: Vec<String> = (0..50).rev().map(|i| format!("h{i}")).collect();
        let mut want = v.clone();
        want.sort();
        sort(&mut v);
        assert_eq!(v, want);
        sort(&mut v);
        assert_eq!(v, want);
    }
}

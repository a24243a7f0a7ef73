//! Sorting with one small routine for every caller.
//!
//! Each `sort`, `sort_by` or `select_nth_unstable` of the standard library is compiled anew
//! for every element type and comparison it is used with, at about 8 KB of wasm each. Here
//! one quicksort (median-of-three pivots, insertion sort for short slices, heapsort when a
//! slice keeps partitioning badly: never quadratic) behind a `dyn` comparison serves all:
//! most callers sort positions ([`order`], [`smallest`]) and compare the items they stand
//! for, so the sort is compiled once; the few big sorts move their rows ([`sort_by`]), at a
//! few hundred bytes of wasm per row type. Sorts are unstable, like `sort_unstable`.

/// Slices this short are sorted by insertion.
const SHORT: usize = 16;

/// The positions `0..n` in the order `less` (which compares items by position) sorts them
/// (unstable).
pub fn order(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<u32> {
    let mut v: Vec<u32> = (0..n as u32).collect();
    quick(&mut v, None, &mut |a, b| less(*a as usize, *b as usize));
    v
}

/// The positions of the `k` smallest of `n` items (by `less`, which compares items by
/// position), in no particular order: what `select_nth_unstable(k)` leaves first.
pub fn smallest(n: usize, k: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<u32> {
    let mut v: Vec<u32> = (0..n as u32).collect();
    if k < n {
        quick(&mut v, Some(k), &mut |a, b| less(*a as usize, *b as usize));
    }
    v.truncate(k);
    v
}

/// Sorts strings.
pub fn sort_strings(v: &mut Vec<String>) {
    if v.len() > 1 {
        let order = order(v.len(), &mut |a, b| v[a] < v[b]);
        let mut taken: Vec<Option<String>> = v.drain(..).map(Some).collect();
        v.extend(order.into_iter().filter_map(|i| taken[i as usize].take()));
    }
}

/// Sorts `v` by `less` (unstable): for hot paths with many items, where moving the items
/// themselves beats sorting keys and gathering (each element type costs its own copy of
/// the sort in the wasm, so keep these few).
pub fn sort_by<T: Copy>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    quick(v, None, &mut less);
}

/// Sorts `v`, or with `select = Some(k)` only puts the item of rank `k` in its place with
/// the smaller ones before it and the larger ones after.
fn quick<T: Copy>(
    mut v: &mut [T],
    mut select: Option<usize>,
    less: &mut dyn FnMut(&T, &T) -> bool,
) {
    // Partitions allowed before the slice counts as adversarial and goes to heapsort.
    let mut budget = 2 * (usize::BITS - v.len().leading_zeros());
    loop {
        let n = v.len();
        if n <= SHORT {
            insertion(v, less);
            return;
        }
        if budget == 0 {
            heapsort(v, less);
            return;
        }
        budget -= 1;
        // The median of the first, middle and last items as the pivot, moved to the front.
        let (a, b, c) = (0, n / 2, n - 1);
        let m = if less(&v[a], &v[b]) {
            if less(&v[b], &v[c]) {
                b
            } else if less(&v[a], &v[c]) {
                c
            } else {
                a
            }
        } else if less(&v[a], &v[c]) {
            a
        } else if less(&v[b], &v[c]) {
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
            while i < n && less(&v[i], &pivot) {
                i += 1;
            }
            j -= 1;
            while less(&pivot, &v[j]) {
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
                quick(left, None, less);
                v = right;
            }
            None => {
                quick(right, None, less);
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

fn insertion<T: Copy>(v: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && less(&x, &v[j - 1]) {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

fn heapsort<T: Copy>(v: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    let n = v.len();
    // Moves the item at `root` down the heap `v[..end]` to where it belongs.
    let mut sift = |v: &mut [T], mut root: usize, end: usize| {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && less(&v[child], &v[child + 1]) {
                child += 1;
            }
            if !less(&v[root], &v[child]) {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    };
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

    fn inputs() -> Vec<Vec<u64>> {
        let mut seed = 7;
        let mut out = Vec::new();
        for n in [0u64, 1, 2, 3, 15, 16, 17, 32, 33, 100, 1000, 4099] {
            for range in [1, 3, 1000, u64::MAX] {
                out.push((0..n).map(|_| rng(&mut seed) % range).collect());
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
            let mut want = v.clone();
            want.sort();
            let mut got = v.clone();
            sort_by(&mut got, |a, b| a < b);
            assert_eq!(got, want);
            let got: Vec<u64> = order(v.len(), &mut |a, b| v[a] < v[b])
                .into_iter()
                .map(|i| v[i as usize])
                .collect();
            assert_eq!(got, want);
            let mut got = v.clone();
            heapsort(&mut got, &mut |a, b| a < b);
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
                let mut got: Vec<u64> = smallest(v.len(), k, &mut |a, b| v[a] < v[b])
                    .into_iter()
                    .map(|i| v[i as usize])
                    .collect();
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

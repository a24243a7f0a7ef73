//! Unicode canonical composition (NFC), which twitter-text applies before counting a post.
//!
//! A small implementation over the generated tables in `unicode_tables` (about 16 KB of data,
//! a tenth of what a general normalisation crate adds to the wasm). Text that is already in NFC
//! (nearly all of it) is returned borrowed after a quick check.

use std::borrow::Cow;

use super::unicode_tables::{
    COMBINING_CLASS, COMPOSE, DECOMP_FIRST, DECOMP_RUN_INDEX, DECOMP_RUN_START, DECOMP_SECOND,
    DECOMP_SECONDS, NFC_UNSTABLE,
};

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// `s` in Normalization Form C.
pub(crate) fn nfc(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !unstable(c)) {
        return Cow::Borrowed(s);
    }
    let mut chars = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose(c, &mut chars);
    }
    reorder(&mut chars);
    compose_all(&mut chars);
    Cow::Owned(chars.into_iter().collect())
}

/// Whether `c` might change or make its neighbours change under NFC.
fn unstable(c: char) -> bool {
    let u = c as u32;
    u >= 0x300 && NFC_UNSTABLE.contains(u)
}

/// The canonical combining class of `c`.
fn ccc(c: char) -> u8 {
    let u = c as u32;
    if u < 0x300 {
        return 0;
    }
    let i = COMBINING_CLASS.partition_point(|&packed| packed >> 14 <= u);
    let Some(&packed) = i.checked_sub(1).and_then(|i| COMBINING_CLASS.get(i)) else {
        return 0;
    };
    if u <= (packed >> 14) + (packed >> 8 & 0x3F) {
        packed as u8
    } else {
        0
    }
}

/// The number of the one-level canonical decomposition of `c` in the decomposition table,
/// if it has one (see [`entry`]).
fn decomposition(c: char) -> Option<usize> {
    let u = c as u32;
    let run = DECOMP_RUN_START
        .partition_point(|&start| start <= u)
        .checked_sub(1)?;
    let i = usize::from(DECOMP_RUN_INDEX[run]) + (u - DECOMP_RUN_START[run]) as usize;
    let run_end = DECOMP_RUN_INDEX
        .get(run + 1)
        .map_or(DECOMP_FIRST.len(), |&e| usize::from(e));
    (i < run_end).then_some(i)
}

/// Entry `i` of the decomposition table: (code point, first, second or 0).
fn entry(i: usize) -> (u32, u32, u32) {
    let run = DECOMP_RUN_INDEX
        .partition_point(|&start| usize::from(start) <= i)
        .saturating_sub(1);
    let cp = DECOMP_RUN_START[run] + (i - usize::from(DECOMP_RUN_INDEX[run])) as u32;
    let second = DECOMP_SECOND[i];
    let mut first = u32::from(DECOMP_FIRST[i]);
    if second & 0x80 != 0 {
        // Outside the BMP: in plane 1 for code points of plane 1, else in plane 2.
        first |= if cp >> 16 == 1 { 1 << 16 } else { 2 << 16 };
    }
    (cp, first, DECOMP_SECONDS[usize::from(second & 0x7F)])
}

fn to_char(u: u32) -> char {
    char::from_u32(u).unwrap_or('\u{FFFD}')
}

/// Appends the full canonical decomposition of `c` to `out`.
fn decompose(c: char, out: &mut Vec<char>) {
    let u = c as u32;
    if (S_BASE..S_BASE + S_COUNT).contains(&u) {
        let s = u - S_BASE;
        out.push(to_char(L_BASE + s / N_COUNT));
        out.push(to_char(V_BASE + (s % N_COUNT) / T_COUNT));
        if s % T_COUNT != 0 {
            out.push(to_char(T_BASE + s % T_COUNT));
        }
        return;
    }
    match decomposition(c) {
        Some(i) => {
            let (_, a, b) = entry(i);
            decompose(to_char(a), out);
            if b != 0 {
                decompose(to_char(b), out);
            }
        }
        None => out.push(c),
    }
}

/// Canonical ordering: sorts each run of non-starters by combining class (stably).
fn reorder(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        if ccc(chars[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && ccc(chars[i]) != 0 {
            i += 1;
        }
        sort_by_class(&mut chars[start..i]);
    }
}

/// Stable sort of a run of combining marks by class: insertion sort for the usual short
/// runs, a counting sort for long ones (no generic sort code in the wasm).
fn sort_by_class(run: &mut [char]) {
    if run.len() <= 32 {
        for i in 1..run.len() {
            let c = run[i];
            let class = ccc(c);
            let mut j = i;
            while j > 0 && ccc(run[j - 1]) > class {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = c;
        }
        return;
    }
    let mut count = [0usize; 257];
    for &c in run.iter() {
        count[usize::from(ccc(c)) + 1] += 1;
    }
    for k in 1..257 {
        count[k] += count[k - 1];
    }
    let mut sorted = vec!['\0'; run.len()];
    for &c in run.iter() {
        let slot = &mut count[usize::from(ccc(c))];
        sorted[*slot] = c;
        *slot += 1;
    }
    run.copy_from_slice(&sorted);
}

/// The primary composite of `a` followed by `b`, if any.
fn compose(a: char, b: char) -> Option<char> {
    let (a, b) = (a as u32, b as u32);
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return char::from_u32(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE) % T_COUNT == 0
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return char::from_u32(a + (b - T_BASE));
    }
    let i = COMPOSE.partition_point(|&k| {
        let (_, x, y) = entry(usize::from(k));
        (x, y) < (a, b)
    });
    let k = usize::from(*COMPOSE.get(i)?);
    let (cp, x, y) = entry(k);
    if (x, y) == (a, b) {
        char::from_u32(cp)
    } else {
        None
    }
}

/// Canonical composition of a decomposed, reordered sequence, in place.
fn compose_all(chars: &mut Vec<char>) {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter: Option<usize> = None;
    // Class of the last character kept after the starter; None when adjacent to it.
    let mut last: Option<u8> = None;
    for &c in chars.iter() {
        let class = ccc(c);
        if let Some(si) = starter {
            let unblocked = match last {
                None => true,
                Some(l) => l != 0 && l < class,
            };
            if unblocked {
                if let Some(composite) = compose(out[si], c) {
                    out[si] = composite;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last = None;
        } else {
            last = Some(class);
        }
        out.push(c);
    }
    *chars = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_decomposes() {
        assert!(matches!(nfc("plain ascii"), Cow::Borrowed(_)));
        assert!(matches!(nfc("déjà vu 日本語 😀"), Cow::Borrowed(_)));
        assert_eq!(nfc("A\u{301}B"), "ÁB");
        // U+FB2C is excluded from composition: it becomes three characters.
        assert_eq!(nfc("A\u{FB2C}"), "A\u{5E9}\u{5BC}\u{5C1}");
        // Combining marks are put in canonical order before composing.
        assert_eq!(nfc("a\u{323}\u{302}"), "\u{1EAD}");
        assert_eq!(nfc("a\u{302}\u{323}"), "\u{1EAD}");
        // Hangul jamo compose algorithmically.
        assert_eq!(nfc("\u{1112}\u{1161}\u{11AB}"), "한");
        // Singletons map away (Ohm sign, CJK compatibility ideographs).
        assert_eq!(nfc("\u{2126}"), "\u{3A9}");
        assert_eq!(nfc("\u{2F800}"), "\u{4E3D}");
        // A blocked mark does not compose.
        assert_eq!(nfc("e\u{301}\u{301}"), "é\u{301}");
        // Long runs of marks are ordered the same way as short ones.
        let marks = "\u{302}\u{323}\u{301}\u{316}".repeat(20);
        let mut want: Vec<char> = marks.chars().collect();
        want.sort_by_key(|&c| ccc(c));
        let got: Vec<char> = nfc(&format!("x{marks}")).chars().skip(1).collect();
        assert_eq!(got, want);
    }
}

#!/usr/bin/env python3
"""Generates src/core/text/unicode_tables.rs from Python's unicodedata.

Run: python3 gen_tables.py > unicode_tables.rs   (then cargo fmt)
Tables: letters and marks (L*, M*), decimal digits (Nd), and what canonical
normalisation (NFC) needs: combining classes, one-level canonical decompositions,
and which of those recompose. Encoded small for the wasm: code points outside the
BMP as 16-bit offsets within their plane, decompositions in runs of consecutive code
points with their second halves numbered, combining classes packed in 32 bits.
"""
import sys, unicodedata as ud

MAX = 0x110000

def ranges(pred):
    out, start = [], None
    for cp in range(MAX):
        if pred(cp):
            if start is None:
                start = cp
        elif start is not None:
            out.append((start, cp - 1)); start = None
    if start is not None:
        out.append((start, MAX - 1))
    return out

def is_hangul_syllable(cp):
    return 0xAC00 <= cp <= 0xD7A3

def cat(cp):
    return ud.category(chr(cp))

lm = ranges(lambda cp: cat(cp)[0] in 'LM')
nd = ranges(lambda cp: cat(cp) == 'Nd')

# Combining classes as (start, end, class) runs.
ccc = []
for cp in range(MAX):
    c = ud.combining(chr(cp))
    if c:
        if ccc and ccc[-1][1] == cp - 1 and ccc[-1][2] == c:
            ccc[-1] = (ccc[-1][0], cp, c)
        else:
            ccc.append((cp, cp, c))

# One-level canonical decompositions (Hangul syllables are algorithmic).
decomp = []
for cp in range(MAX):
    if is_hangul_syllable(cp):
        continue
    d = ud.decomposition(chr(cp))
    if not d or d.startswith('<'):
        continue
    parts = [int(x, 16) for x in d.split()]
    assert len(parts) in (1, 2), (hex(cp), parts)
    composes = len(parts) == 2 and ud.normalize('NFC', chr(cp)) == chr(cp)
    decomp.append((cp, parts[0], parts[1] if len(parts) == 2 else 0, composes))

# Characters that are not "quick check yes" for NFC: a nonzero class, a
# decomposition, or a possible second half of a composition.
seconds = set(d[2] for d in decomp if d[3])
unstable = set(c for (s, e, _) in ccc for c in range(s, e + 1))
unstable |= set(d[0] for d in decomp)
unstable |= seconds
unstable |= set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
qc = ranges(lambda cp: cp in unstable)


def emit_ranges(name, doc, rs):
    b = [r for r in rs if r[1] <= 0xFFFF]
    a = [r for r in rs if r[1] > 0xFFFF]
    split = [r for r in rs if (r[0] >> 16) != (r[1] >> 16)]
    assert not split, split
    starts = []
    for plane in range(18):
        starts.append(sum(1 for r in a if (r[0] >> 16) < plane))
    print(f"/// {doc}: sorted inclusive ranges, those of the Basic Multilingual Plane, then the")
    print("/// others by plane (16 bits each, with where each plane's ranges start).")
    print(f"pub(crate) const {name}: Ranges = Ranges {{")
    print("    bmp: &[")
    for s_, e in b:
        print(f"        (0x{s_:04X}, 0x{e:04X}),")
    print("    ],")
    print("    astral: &[")
    for s_, e in a:
        print(f"        (0x{s_ & 0xFFFF:04X}, 0x{e & 0xFFFF:04X}),")
    print("    ],")
    print(f"    planes: [{', '.join(str(x) for x in starts)}],")
    print("};")
    print()

print("//! Unicode tables for post text, generated from the Unicode Character Database")
print(f"//! (version {ud.unidata_version}, through Python's `unicodedata`) by `gen_tables.py` beside this file.")
print("//! Do not edit by hand: regenerate.")
print()
print("/// Sorted inclusive ranges of code points.")
print("pub(crate) struct Ranges {")
print("    /// Ranges in the Basic Multilingual Plane.")
print("    pub bmp: &'static [(u16, u16)],")
print("    /// Ranges in the other planes, by plane, as offsets within their plane.")
print("    pub astral: &'static [(u16, u16)],")
print("    /// Where the ranges of plane `p` start in `astral` (and end: `planes[p + 1]`).")
print("    pub planes: [u16; 18],")
print("}")
print()
emit_ranges("LETTER_MARK", "General categories L* and M* (letters and marks)", lm)
emit_ranges("DECIMAL", "General category Nd (decimal digits)", nd)
emit_ranges("NFC_UNSTABLE", "Code points that may change under NFC (not quick-check Yes, or a nonzero class)", qc)

print("/// Canonical combining classes other than 0, sorted: `first << 14 | (count - 1) << 8 | class`.")
print("pub(crate) const COMBINING_CLASS: &[u32] = &[")
for s_, e, c in ccc:
    assert s_ < (1 << 18) and e - s_ < 64 and c < 256
    print(f"    0x{(s_ << 14) | ((e - s_) << 8) | c:08X},")
print("];")
print()

# One-level canonical decompositions (Hangul syllables are algorithmic), sorted by code point.
allv = sorted(decomp)
seconds = sorted(set(d[2] for d in allv if d[2]))
assert len(seconds) < 127
runs = []
for i, d in enumerate(allv):
    if runs and allv[i - 1][0] == d[0] - 1:
        continue
    runs.append((d[0], i))
assert len(allv) < 65536
def first_plane(cp):
    # The plane of an entry's first half when it is not in the BMP.
    return 1 if cp >> 16 == 1 else 2
print("/// One-level canonical decompositions, sorted by code point, in runs of consecutive code")
print("/// points: where each run starts, and the number of its first entry.")
print("pub(crate) const DECOMP_RUN_START: &[u32] = &[")
for cp, _ in runs:
    print(f"    0x{cp:04X},")
print("];")
print("pub(crate) const DECOMP_RUN_INDEX: &[u16] = &[")
for _, i in runs:
    print(f"    {i},")
print("];")
print("/// Each entry's first half (its low 16 bits).")
print("pub(crate) const DECOMP_FIRST: &[u16] = &[")
for cp, a, b, _ in allv:
    if a > 0xFFFF:
        assert a >> 16 == first_plane(cp), (hex(cp), hex(a))
    print(f"    0x{a & 0xFFFF:04X},")
print("];")
print("/// Each entry's second half, as an index into `DECOMP_SECONDS` (0: none), plus 0x80 when")
print("/// the first half is outside the BMP: in plane 1 for code points of plane 1, else plane 2.")
print("pub(crate) const DECOMP_SECOND: &[u8] = &[")
for cp, a, b, _ in allv:
    k = seconds.index(b) + 1 if b else 0
    print(f"    {k | (0x80 if a > 0xFFFF else 0)},")
print("];")
print("/// The second halves of decompositions (index 0: none).")
print("pub(crate) const DECOMP_SECONDS: &[u32] = &[")
print("    0,")
for x in seconds:
    print(f"    0x{x:04X},")
print("];")
print()
comp = sorted((d[1], d[2], i) for i, d in enumerate(allv) if d[3])
print("/// Pairs that compose under NFC, as entry numbers of the decomposition table, sorted by")
print("/// (first, second).")
print("pub(crate) const COMPOSE: &[u16] = &[")
line = "   "
for _, _, i in comp:
    line += f" {i},"
    if len(line) > 90:
        print(line); line = "   "
if line.strip():
    print(line)
print("];")
print(f"// lm={len(lm)} nd={len(nd)} qc={len(qc)} ccc={len(ccc)} decomp={len(allv)} runs={len(runs)} comp={len(comp)}", file=sys.stderr)

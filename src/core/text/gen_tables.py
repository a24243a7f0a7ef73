#!/usr/bin/env python3
"""Generates src/core/text/unicode_tables.rs from Python's unicodedata.

Run: python3 gen_tables.py > unicode_tables.rs   (then cargo fmt)
Tables: letters and marks (L*, M*), decimal digits (Nd), and what canonical
normalisation (NFC) needs: combining classes, one-level canonical decompositions,
and which of those recompose.
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

bmp = [d for d in decomp if max(d[0], d[1], d[2]) <= 0xFFFF]
astral = [d for d in decomp if max(d[0], d[1], d[2]) > 0xFFFF]

def emit_ranges(name, doc, rs):
    b = [r for r in rs if r[1] <= 0xFFFF]
    a = [r for r in rs if r[1] > 0xFFFF]
    split = [r for r in rs if r[0] <= 0xFFFF < r[1]]
    assert not split, split
    print(f"/// {doc} (Basic Multilingual Plane), sorted inclusive ranges.")
    print(f"pub(crate) const {name}_BMP: &[(u16, u16)] = &[")
    for s, e in b:
        print(f"    (0x{s:04X}, 0x{e:04X}),")
    print("];")
    print(f"/// {doc} (supplementary planes), sorted inclusive ranges.")
    print(f"pub(crate) const {name}_ASTRAL: &[(u32, u32)] = &[")
    for s, e in a:
        print(f"    (0x{s:05X}, 0x{e:05X}),")
    print("];")
    print()

print("//! Unicode tables for post text, generated from the Unicode Character Database")
print(f"//! (version {ud.unidata_version}, through Python's `unicodedata`) by `gen_tables.py` beside this file.")
print("//! Do not edit by hand: regenerate.")
print()
emit_ranges("LETTER_MARK", "General categories L* and M* (letters and marks)", lm)
emit_ranges("DECIMAL", "General category Nd (decimal digits)", nd)
emit_ranges("NFC_UNSTABLE", "Code points that may change under NFC (not quick-check Yes, or a nonzero class)", qc)
print("/// Canonical combining classes other than 0: (first, count - 1, class), sorted.")
print("pub(crate) const COMBINING_CLASS: &[(u32, u8, u8)] = &[")
for s, e, c in ccc:
    assert e - s < 256
    print(f"    (0x{s:04X}, {e - s}, {c}),")
print("];")
print()
print("/// One-level canonical decompositions within the BMP: (code point, first, second or 0), sorted.")
print("pub(crate) const DECOMP_BMP: &[(u16, u16, u16)] = &[")
for cp, a, b, _ in bmp:
    print(f"    (0x{cp:04X}, 0x{a:04X}, 0x{b:04X}),")
print("];")
print("/// One-level canonical decompositions touching other planes, packed as")
print("/// `code point << 42 | first << 21 | second (or 0)`, sorted.")
print("pub(crate) const DECOMP_ASTRAL: &[u64] = &[")
for cp, a, b, _ in astral:
    print(f"    0x{(cp << 42) | (a << 21) | b:016X},")
print("];")
print()
# Composition pairs: indices into the concatenation DECOMP_BMP ++ DECOMP_ASTRAL, sorted by (first, second).
allv = bmp + astral
comp = sorted((d[1], d[2], i) for i, d in enumerate(allv) if d[3])
print("/// Pairs that compose under NFC, as indices into `DECOMP_BMP` followed by `DECOMP_ASTRAL`,")
print("/// sorted by (first, second).")
print("pub(crate) const COMPOSE: &[u16] = &[")
line = "   "
for _, _, i in comp:
    line += f" {i},"
    if len(line) > 90:
        print(line); line = "   "
if line.strip():
    print(line)
print("];")
print(f"// lm={len(lm)} nd={len(nd)} qc={len(qc)} ccc={len(ccc)} bmp={len(bmp)} astral={len(astral)} comp={len(comp)}", file=sys.stderr)

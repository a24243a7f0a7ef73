//! Lower case, as `char::to_lowercase` gives it, from a table a tenth the size of the
//! standard library's (which would add about 13 KB to the wasm).
//!
//! The table is generated from the standard library itself (`cargo test --lib --
//! --ignored print_lower_table` prints it) and a test checks every code point against
//! `char::to_lowercase`, so the two cannot drift apart when the toolchain's Unicode changes.

/// The deltas from a code point to its lower case.
const LOWER_DELTAS: [i32; 83] = [
    -42561, -42343, -42319, -42315, -42308, -42307, -42305, -42282, -42280, -42261, -42258, -35384,
    -35332, -10815, -10783, -10782, -10780, -10749, -10743, -10727, -8383, -8262, -7615, -7517,
    -3814, -3008, -195, -163, -130, -128, -126, -121, -112, -100, -97, -86, -74, -60, -56, -48, -9,
    -8, -7, 1, 2, 8, 15, 16, 26, 27, 28, 32, 34, 37, 38, 39, 40, 48, 63, 64, 69, 71, 79, 80, 116,
    202, 203, 205, 206, 207, 209, 210, 211, 213, 214, 217, 218, 219, 928, 7264, 10792, 10795,
    38864,
];

/// Runs of code points that map to their lower case by the same delta, sorted: `first << 11
/// | (count - 1) << 4 | (stride - 1) << 3`, the stride being 1 or 2 (every other code point).
const LOWER_RUNS: [u32; 185] = [
    0x00020990, 0x00060160, 0x0006C060, 0x00080178, 0x00099028, 0x0009C878, 0x000A5168, 0x000BC000,
    0x000BC828, 0x000C0800, 0x000C1018, 0x000C3000, 0x000C3800, 0x000C4810, 0x000C5800, 0x000C7000,
    0x000C7800, 0x000C8000, 0x000C8800, 0x000C9800, 0x000CA000, 0x000CB000, 0x000CB800, 0x000CC000,
    0x000CE000, 0x000CE800, 0x000CF800, 0x000D0028, 0x000D3000, 0x000D3800, 0x000D4800, 0x000D6000,
    0x000D7000, 0x000D7800, 0x000D8810, 0x000D9818, 0x000DB800, 0x000DC000, 0x000DE000, 0x000E2000,
    0x000E2800, 0x000E3800, 0x000E4000, 0x000E5000, 0x000E5888, 0x000EF088, 0x000F8800, 0x000F9018,
    0x000FB000, 0x000FB800, 0x000FC138, 0x00110000, 0x00111088, 0x0011D000, 0x0011D800, 0x0011E800,
    0x0011F000, 0x00120800, 0x00121800, 0x00122000, 0x00122800, 0x00123048, 0x001B8018, 0x001BB000,
    0x001BF800, 0x001C3000, 0x001C4020, 0x001C6000, 0x001C7010, 0x001C8900, 0x001D1880, 0x001E7800,
    0x001EC0B8, 0x001FA000, 0x001FB800, 0x001FC800, 0x001FD000, 0x001FE820, 0x002000F0, 0x002081F0,
    0x00230108, 0x002451A8, 0x00260000, 0x00260868, 0x002682F8, 0x00298A50, 0x00850250, 0x00863800,
    0x00866800, 0x009D04F0, 0x009F8050, 0x00E44800, 0x00E482A0, 0x00E5E820, 0x00F004A8, 0x00F4F000,
    0x00F502F8, 0x00F84070, 0x00F8C050, 0x00F94070, 0x00F9C070, 0x00FA4050, 0x00FAC838, 0x00FB4070,
    0x00FC4070, 0x00FCC070, 0x00FD4070, 0x00FDC010, 0x00FDD010, 0x00FDE000, 0x00FE4030, 0x00FE6000,
    0x00FEC010, 0x00FED010, 0x00FF4010, 0x00FF5010, 0x00FF6000, 0x00FFC010, 0x00FFD010, 0x00FFE000,
    0x01093000, 0x01095000, 0x01095800, 0x01099000, 0x010B00F0, 0x010C1800, 0x0125B190, 0x016002F0,
    0x01630000, 0x01631000, 0x01631800, 0x01632000, 0x01633828, 0x01636800, 0x01637000, 0x01637800,
    0x01638000, 0x01639000, 0x0163A800, 0x0163F010, 0x01640318, 0x01675818, 0x01679000, 0x05320168,
    0x053400D8, 0x05391068, 0x053991E8, 0x053BC818, 0x053BE800, 0x053BF048, 0x053C5800, 0x053C6800,
    0x053C8018, 0x053CB098, 0x053D5000, 0x053D5800, 0x053D6000, 0x053D6800, 0x053D7000, 0x053D8000,
    0x053D8800, 0x053D9000, 0x053D9800, 0x053DA078, 0x053E2000, 0x053E2800, 0x053E3000, 0x053E3818,
    0x053E5800, 0x053E6078, 0x053EE000, 0x053FA800, 0x07F90990, 0x08200270, 0x08258230, 0x082B80A0,
    0x082BE0E0, 0x082C6060, 0x082CA010, 0x08640320, 0x086A8150, 0x08C501F0, 0x0B7201F0, 0x0B750180,
    0x0F480210,
];

/// For each of [`LOWER_RUNS`], the index of its delta in [`LOWER_DELTAS`].
const LOWER_DELTA_OF: [u8; 185] = [
    51, 51, 51, 43, 43, 43, 43, 31, 43, 71, 43, 68, 43, 67, 43, 62, 65, 66, 43, 67, 69, 72, 70, 43,
    72, 73, 74, 43, 76, 43, 76, 43, 76, 43, 75, 43, 77, 43, 43, 44, 43, 44, 43, 44, 43, 43, 44, 43,
    34, 38, 43, 28, 43, 81, 43, 27, 80, 43, 26, 60, 61, 43, 43, 43, 64, 54, 53, 59, 58, 51, 51, 45,
    43, 37, 43, 42, 43, 28, 63, 51, 43, 43, 46, 43, 43, 57, 79, 79, 79, 82, 45, 43, 25, 25, 43, 22,
    43, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 41, 36, 40, 35, 40, 41, 33, 41, 32, 42, 29, 30, 40,
    23, 20, 21, 50, 47, 43, 48, 57, 43, 18, 24, 19, 43, 16, 17, 14, 15, 43, 43, 13, 43, 43, 43, 43,
    43, 43, 43, 43, 12, 43, 43, 8, 43, 43, 4, 2, 3, 6, 4, 10, 7, 9, 78, 43, 39, 5, 11, 43, 1, 43,
    0, 43, 51, 56, 56, 55, 55, 55, 55, 59, 51, 51, 51, 49, 52,
];

/// The lower case of `c`: one character, or two for U+0130 (`İ` → `i̇`), exactly as
/// `char::to_lowercase`.
pub(crate) fn lower(c: char) -> impl Iterator<Item = char> {
    let (first, second) = match c {
        'A'..='Z' => (c.to_ascii_lowercase(), None),
        '\0'..='\u{7f}' => (c, None),
        '\u{130}' => ('i', Some('\u{307}')),
        _ => (lower_other(c), None),
    };
    std::iter::once(first).chain(second)
}

fn lower_other(c: char) -> char {
    let cp = c as u32;
    let i = LOWER_RUNS.partition_point(|&r| r >> 11 <= cp);
    let Some(&run) = i.checked_sub(1).and_then(|i| LOWER_RUNS.get(i)) else {
        return c;
    };
    let offset = cp - (run >> 11);
    let stride = (run >> 3 & 1) + 1;
    if offset % stride != 0 || offset / stride > (run >> 4 & 0x7f) {
        return c;
    }
    let delta = LOWER_DELTAS[usize::from(LOWER_DELTA_OF[i - 1])];
    char::from_u32(cp.wrapping_add_signed(delta)).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_the_standard_library_lower_case() {
        for c in '\0'..=char::MAX {
            assert!(lower(c).eq(c.to_lowercase()), "U+{:04X}", c as u32);
        }
    }

    /// Prints the tables above from the standard library's lower case.
    #[test]
    #[ignore]
    fn print_lower_table() {
        // Single-character mappings, as (code point, lower case).
        let mut m: Vec<(u32, u32)> = Vec::new();
        for c in '\0'..=char::MAX {
            let mut l = c.to_lowercase();
            if let (Some(x), None) = (l.next(), l.next()) {
                if x != c {
                    m.push((c as u32, x as u32));
                }
            }
        }
        // Greedy runs of equal deltas with stride 1 or 2, at most 128 long.
        let mut runs: Vec<(u32, u32, u32, i32)> = Vec::new();
        let mut i = 0;
        while i < m.len() {
            let (c, l) = m[i];
            let d = l as i32 - c as i32;
            let mut best = (1, 1);
            for s in [1u32, 2] {
                let mut k = 1;
                while i + k < m.len()
                    && k < 128
                    && m[i + k].0 == c + s * k as u32
                    && m[i + k].1 as i32 - m[i + k].0 as i32 == d
                {
                    k += 1;
                }
                if k > best.0 {
                    best = (k, s);
                }
            }
            runs.push((c, best.0 as u32, best.1, d));
            i += best.0;
        }
        let mut deltas: Vec<i32> = runs.iter().map(|r| r.3).collect();
        deltas.sort_unstable();
        deltas.dedup();
        let list = |v: Vec<String>| v.join(", ");
        println!(
            "const LOWER_DELTAS: [i32; {}] = [{}];",
            deltas.len(),
            list(deltas.iter().map(|d| d.to_string()).collect())
        );
        println!(
            "const LOWER_RUNS: [u32; {}] = [{}];",
            runs.len(),
            list(
                runs.iter()
                    .map(|r| format!("0x{:08X}", r.0 << 11 | (r.1 - 1) << 4 | (r.2 - 1) << 3))
                    .collect()
            )
        );
        println!(
            "const LOWER_DELTA_OF: [u8; {}] = [{}];",
            runs.len(),
            list(
                runs.iter()
                    .map(|r| deltas.binary_search(&r.3).unwrap().to_string())
                    .collect()
            )
        );
    }
}

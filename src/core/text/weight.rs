//! Weighted length of a post, as X's composer counts it (twitter-text's `parseTweet`).
//!
//! The text is put in NFC; every URL counts a fixed 23; with emoji parsing (config v3) every
//! emoji sequence (modifiers, variation selector, zero-width joiners, keycaps, flags, tag
//! sequences) counts as one character of the default weight; every other code point weighs
//! what its range says (most scripts 1, CJK, emoji and the rest 2).
//!
//! Emoji sequences are recognised by their structure rather than by the list of recommended
//! sequences twitter-text's generated pattern holds; they agree on every sequence in that list.

use super::ParseResult;
use super::chars::is_invalid;
use super::nfc::nfc;
use super::url::find_urls;

/// A weighting configuration of twitter-text (`config/v*.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Largest valid weighted length.
    pub max_weighted_length: usize,
    /// Weights are multiplied by this.
    pub scale: usize,
    /// Weight of a code point outside `ranges` (and of an emoji sequence).
    pub default_weight: usize,
    /// Count emoji sequences as one default-weight character.
    pub emoji_parsing: bool,
    /// What every URL counts (times `scale`).
    pub transformed_url_length: usize,
    /// (first, last, weight) code point ranges.
    pub ranges: &'static [(u32, u32, usize)],
}

const RANGES_V2: &[(u32, u32, usize)] = &[
    (0, 4351, 100),
    (8192, 8205, 100),
    (8208, 8223, 100),
    (8242, 8247, 100),
];

impl Config {
    /// Version 1: 140 characters, all weigh 1.
    pub const V1: Config = Config {
        max_weighted_length: 140,
        scale: 1,
        default_weight: 1,
        emoji_parsing: false,
        transformed_url_length: 23,
        ranges: &[],
    };
    /// Version 2: 280 weighted, CJK and most symbols weigh 2.
    pub const V2: Config = Config {
        max_weighted_length: 280,
        scale: 100,
        default_weight: 200,
        emoji_parsing: false,
        transformed_url_length: 23,
        ranges: RANGES_V2,
    };
    /// Version 3, what X uses today: version 2 with each emoji sequence counting 2.
    pub const V3: Config = Config {
        emoji_parsing: true,
        ..Config::V2
    };

    fn weight(&self, c: char) -> usize {
        let u = c as u32;
        self.ranges
            .iter()
            .find(|&&(s, e, _)| (s..=e).contains(&u))
            .map_or(self.default_weight, |&(_, _, w)| w)
    }
}

/// Parses `text` under `config` (see [`super::parse_post`]).
pub fn parse_with(text: &str, config: &Config) -> ParseResult {
    parse_normalized(text, &nfc(text), config)
}

/// Parses `text`, given `normalized`, the same text in NFC.
pub fn parse_normalized(text: &str, normalized: &str, config: &Config) -> ParseResult {
    let chars: Vec<char> = normalized.chars().collect();
    let urls = find_urls(&chars);
    let text_len16 = text.encode_utf16().count();
    let norm_len16: usize = chars.iter().map(|c| c.len_utf16()).sum();
    let max = config.max_weighted_length * config.scale;

    let mut weight = 0;
    let mut valid = true;
    let mut valid_last16: usize = 0;
    let mut pos16 = 0;
    let mut next_url = urls.iter().peekable();
    let mut i = 0;
    while i < chars.len() {
        let len = if next_url.peek().is_some_and(|&&(s, _)| s == i) {
            let (s, e) = *next_url.next().unwrap_or(&(i, i + 1));
            weight += config.transformed_url_length * config.scale;
            e - s
        } else {
            let k = if config.emoji_parsing {
                emoji_len(&chars, i)
            } else {
                0
            };
            if k > 0 {
                weight += config.default_weight;
                k
            } else {
                weight += config.weight(chars[i]);
                1
            }
        };
        let seg16: usize = chars[i..i + len].iter().map(|c| c.len_utf16()).sum();
        if valid {
            valid = !is_invalid(chars[i + len - 1]);
        }
        if valid && weight <= max {
            valid_last16 = pos16 + seg16 - 1;
        }
        pos16 += seg16;
        i += len;
    }

    let weighted_length = weight / config.scale;
    let valid = valid && weighted_length > 0 && weighted_length <= config.max_weighted_length;
    let offset = text_len16 as isize - norm_len16 as isize;
    ParseResult {
        weighted_length,
        permillage: weighted_length * 1000 / config.max_weighted_length,
        valid,
        display_range: (0, text_len16.saturating_sub(1)),
        valid_range: (0, (valid_last16 as isize + offset).max(0) as usize),
    }
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

/// Extended_Pictographic (emoji-data), the characters that start an emoji sequence.
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{A9}' | '\u{AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{2199}' | '\u{21A9}'..='\u{21AA}' | '\u{231A}'..='\u{231B}'
        | '\u{2328}' | '\u{2388}' | '\u{23CF}' | '\u{23E9}'..='\u{23F3}' | '\u{23F8}'..='\u{23FA}'
        | '\u{24C2}' | '\u{25AA}'..='\u{25AB}' | '\u{25B6}' | '\u{25C0}' | '\u{25FB}'..='\u{25FE}'
        | '\u{2600}'..='\u{2605}' | '\u{2607}'..='\u{2612}' | '\u{2614}'..='\u{2685}'
        | '\u{2690}'..='\u{2705}' | '\u{2708}'..='\u{2712}' | '\u{2714}' | '\u{2716}' | '\u{271D}'
        | '\u{2721}' | '\u{2728}' | '\u{2733}'..='\u{2734}' | '\u{2744}' | '\u{2747}' | '\u{274C}'
        | '\u{274E}' | '\u{2753}'..='\u{2755}' | '\u{2757}' | '\u{2763}'..='\u{2767}'
        | '\u{2795}'..='\u{2797}' | '\u{27A1}' | '\u{27B0}' | '\u{27BF}' | '\u{2934}'..='\u{2935}'
        | '\u{2B05}'..='\u{2B07}' | '\u{2B1B}'..='\u{2B1C}' | '\u{2B50}' | '\u{2B55}' | '\u{3030}'
        | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1F0FF}' | '\u{1F10D}'..='\u{1F10F}' | '\u{1F12F}'
        | '\u{1F16C}'..='\u{1F171}' | '\u{1F17E}'..='\u{1F17F}' | '\u{1F18E}'
        | '\u{1F191}'..='\u{1F19A}' | '\u{1F1AD}'..='\u{1F1E5}' | '\u{1F201}'..='\u{1F20F}'
        | '\u{1F21A}' | '\u{1F22F}' | '\u{1F232}'..='\u{1F23A}' | '\u{1F23C}'..='\u{1F23F}'
        | '\u{1F249}'..='\u{1F3FA}' | '\u{1F400}'..='\u{1F53D}' | '\u{1F546}'..='\u{1F64F}'
        | '\u{1F680}'..='\u{1F6FF}' | '\u{1F774}'..='\u{1F77F}' | '\u{1F7D5}'..='\u{1F7FF}'
        | '\u{1F80C}'..='\u{1F80F}' | '\u{1F848}'..='\u{1F84F}' | '\u{1F85A}'..='\u{1F85F}'
        | '\u{1F888}'..='\u{1F88F}' | '\u{1F8AE}'..='\u{1F8FF}' | '\u{1F90C}'..='\u{1F93A}'
        | '\u{1F93C}'..='\u{1F945}' | '\u{1F947}'..='\u{1FAFF}' | '\u{1FC00}'..='\u{1FFFD}')
}

/// Emoji_Modifier_Base (emoji-data): what a skin tone may follow.
fn takes_skin_tone(c: char) -> bool {
    matches!(c,
        '\u{261D}' | '\u{26F9}' | '\u{270A}'..='\u{270D}' | '\u{1F385}' | '\u{1F3C2}'..='\u{1F3C4}'
        | '\u{1F3C7}' | '\u{1F3CA}'..='\u{1F3CC}' | '\u{1F442}'..='\u{1F443}'
        | '\u{1F446}'..='\u{1F450}' | '\u{1F466}'..='\u{1F478}' | '\u{1F47C}'
        | '\u{1F481}'..='\u{1F483}' | '\u{1F485}'..='\u{1F487}' | '\u{1F48F}' | '\u{1F491}'
        | '\u{1F4AA}' | '\u{1F574}'..='\u{1F575}' | '\u{1F57A}' | '\u{1F590}'
        | '\u{1F595}'..='\u{1F596}' | '\u{1F645}'..='\u{1F647}' | '\u{1F64B}'..='\u{1F64F}'
        | '\u{1F6A3}' | '\u{1F6B4}'..='\u{1F6B6}' | '\u{1F6C0}' | '\u{1F6CC}' | '\u{1F90C}'
        | '\u{1F90F}' | '\u{1F918}'..='\u{1F91F}' | '\u{1F926}' | '\u{1F930}'..='\u{1F939}'
        | '\u{1F93C}'..='\u{1F93E}' | '\u{1F977}' | '\u{1F9B5}'..='\u{1F9B6}'
        | '\u{1F9B8}'..='\u{1F9B9}' | '\u{1F9BB}' | '\u{1F9CD}'..='\u{1F9CF}'
        | '\u{1F9D1}'..='\u{1F9DD}' | '\u{1FAC3}'..='\u{1FAC5}' | '\u{1FAF0}'..='\u{1FAF8}')
}

/// Symbols that are emoji only when followed by U+FE0F (otherwise plain text).
fn needs_emoji_selector(c: char) -> bool {
    matches!(c, '\u{A9}' | '\u{AE}' | '\u{2122}' | '\u{265F}')
}

/// One emoji: a pictographic base, an optional U+FE0F, an optional skin tone. Its length, or 0.
fn element_len(chars: &[char], i: usize) -> usize {
    let Some(&base) = chars.get(i) else { return 0 };
    if !is_pictographic(base) {
        return 0;
    }
    let next = chars.get(i + 1).copied();
    if needs_emoji_selector(base) {
        return if next == Some('\u{FE0F}') { 2 } else { 0 };
    }
    match next {
        Some('\u{FE0E}') => 1,
        Some('\u{FE0F}') => {
            if chars.get(i + 2).is_some_and(|&c| is_skin_tone(c)) && takes_skin_tone(base) {
                3
            } else {
                2
            }
        }
        Some(c) if is_skin_tone(c) && takes_skin_tone(base) => 2,
        _ => 1,
    }
}

/// The length in code points of the emoji sequence starting at `i`, or 0 if none does.
pub(crate) fn emoji_len(chars: &[char], i: usize) -> usize {
    let c = chars[i];
    let at = |k: usize| chars.get(i + k).copied();
    // Keycaps: digit, # or *, optional U+FE0F, U+20E3.
    if c.is_ascii_digit() || c == '#' || c == '*' {
        return match (at(1), at(2)) {
            (Some('\u{20E3}'), _) => 2,
            (Some('\u{FE0F}'), Some('\u{20E3}')) => 3,
            _ => 0,
        };
    }
    if is_regional_indicator(c) {
        return if at(1).is_some_and(is_regional_indicator) {
            2
        } else {
            1
        };
    }
    // Tag sequences (subdivision flags): black flag, tags, cancel tag.
    if c == '\u{1F3F4}' {
        let tags = chars[i + 1..]
            .iter()
            .take_while(|&&t| ('\u{E0020}'..='\u{E007E}').contains(&t))
            .count();
        if tags > 0 && at(1 + tags) == Some('\u{E007F}') {
            return tags + 2;
        }
    }
    let mut len = element_len(chars, i);
    if len == 0 {
        return if c == '\u{FE0F}' { 1 } else { 0 };
    }
    // A text presentation selector ends the emoji (it then counts on its own).
    if at(1) == Some('\u{FE0E}') {
        return len;
    }
    // Zero-width-joiner sequences.
    while at(len) == Some('\u{200D}') {
        let next = element_len(chars, i + len + 1);
        if next == 0 {
            break;
        }
        len += 1 + next;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emoji_lens(s: &str) -> Vec<usize> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let k = emoji_len(&chars, i).max(1);
            out.push(k);
            i += k;
        }
        out
    }

    #[test]
    fn emoji_sequences() {
        assert_eq!(emoji_lens("👨‍👩‍👧‍👦"), [7]);
        assert_eq!(emoji_lens("🙋🏽👨‍🎤"), [2, 3]);
        assert_eq!(emoji_lens("1⃣#️⃣"), [2, 3]);
        assert_eq!(emoji_lens("🇯🇵🇫"), [2, 1]);
        assert_eq!(emoji_lens("🏴󠁧󠁢󠁥󠁮󠁧󠁿"), [7]);
        assert_eq!(emoji_lens("✌︎"), [1, 1]);
        assert_eq!(emoji_lens("🏳️‍🌈"), [4]);
        assert_eq!(emoji_lens("©"), [1]);
        assert_eq!(emoji_lens("©️"), [2]);
    }

    #[test]
    fn weights() {
        let v3 = |s: &str| parse_with(s, &Config::V3).weighted_length;
        assert_eq!(v3("hello"), 5);
        assert_eq!(v3("日本語"), 6);
        assert_eq!(v3("👨‍👩‍👧‍👦"), 2);
        assert_eq!(v3("👍🏽"), 2);
        assert_eq!(v3("©"), 1);
        assert_eq!(v3("‘quoted’ — dash"), 15);
        assert_eq!(parse_with("👨‍👩‍👧‍👦", &Config::V2).weighted_length, 11);
    }
}

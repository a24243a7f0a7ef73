//! One pass of an Aho-Corasick automaton over a post: every cue phrase and language word,
//! with word-boundary checks, the special rules for prices and percentages, and overlaps
//! resolved in favour of the longest phrase. No allocation: hits go into a fixed array.

use std::sync::OnceLock;

use super::ac;
use super::cues::{self, GROUP_INFO, Lang, Special};

/// At most this many cue hits are kept per post (later ones are ignored).
pub(super) const MAX_HITS: usize = 48;

/// What a pattern of the automaton stands for.
#[derive(Clone, Copy, Debug)]
enum Entry {
    /// `GROUPS[group].cues[cue]`.
    Cue { group: u16, cue: u16 },
    /// A common word of a language.
    Stop(Lang),
}

/// A pattern's meaning and whether its first and last characters are word characters
/// (which then need a word boundary in the text).
#[derive(Clone, Copy, Debug)]
struct Pattern {
    entry: Entry,
    word_start: bool,
    word_end: bool,
}

/// The cue automaton (see `ac`) and what its patterns stand for.
struct Automaton {
    ac: ac::Automaton,
    patterns: Vec<Pattern>,
}

static AUTOMATON: OnceLock<Automaton> = OnceLock::new();

/// The spellings a phrase is matched in: as written, with a typographic apostrophe, and with
/// a capital first letter when that letter is not ASCII (ASCII case is ignored anyway).
fn variants(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    if phrase.contains('\'') {
        out.push(phrase.replace('\'', "\u{2019}"));
    }
    for i in 0..out.len() {
        let mut chars = out[i].chars();
        if let Some(upper) = chars.next().and_then(capital) {
            out.push(std::iter::once(upper).chain(chars).collect());
        }
    }
    out
}

/// The capital of a lowercase letter of Latin-1, Latin Extended-A, Greek or Cyrillic, as
/// `char::to_uppercase` gives it: the letters a phrase may start with. (The standard
/// library's case tables would add about 14 KB to the wasm; a test checks that every cue
/// and common word gets the same variants as with them.)
fn capital(c: char) -> Option<char> {
    let cp = c as u32;
    let upper = match cp {
        0xE0..=0xFE if cp != 0xF7 => cp - 0x20,
        0xFF => 0x178,
        0x100..=0x137 | 0x14A..=0x177 if cp % 2 == 1 && cp != 0x131 => cp - 1,
        0x139..=0x148 | 0x179..=0x17E if cp % 2 == 0 => cp - 1,
        0x3AC => 0x386,
        0x3AD..=0x3AF => cp - 0x25,
        0x3C2 => 0x3A3,
        0x3B1..=0x3CB => cp - 0x20,
        0x3CC => 0x38C,
        0x3CD..=0x3CE => cp - 0x3F,
        0x430..=0x44F => cp - 0x20,
        0x450..=0x45F => cp - 0x50,
        _ => return None,
    };
    char::from_u32(upper)
}

/// Letters, digits and `_` (the characters of words and handles).
pub(super) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every spelling matched, and what it stands for.
fn patterns() -> (Vec<String>, Vec<Pattern>) {
    let mut texts: Vec<String> = Vec::new();
    let mut patterns = Vec::new();
    let mut push = |phrase: &str, entry: Entry| {
        for v in variants(phrase) {
            patterns.push(Pattern {
                entry,
                word_start: v.chars().next().is_some_and(is_word),
                word_end: v.chars().next_back().is_some_and(is_word),
            });
            texts.push(v);
        }
    };
    for gi in 0..GROUP_INFO.len() {
        for (ci, phrase) in cues::cues(gi).enumerate() {
            push(
                phrase,
                Entry::Cue {
                    group: gi as u16,
                    cue: ci as u16,
                },
            );
        }
    }
    for (lang, w) in cues::stopwords() {
        push(w, Entry::Stop(lang));
    }
    (texts, patterns)
}

/// Every spelling matched, in the automaton's order (for tests of `ac`).
#[cfg(test)]
pub(super) fn all_variants() -> Vec<String> {
    patterns().0
}

fn build() -> Automaton {
    let (texts, patterns) = patterns();
    Automaton {
        ac: ac::Automaton::new(texts.iter().map(String::as_str)),
        patterns,
    }
}

fn automaton() -> &'static Automaton {
    AUTOMATON.get_or_init(build)
}

/// Builds the automaton now (it is otherwise built on the first post).
pub(super) fn warm_up() {
    automaton();
}

/// One cue found in the text: which cue, and the byte range of the evidence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Hit {
    /// Index into `GROUPS`.
    pub group: u16,
    /// Index into the group's cues.
    pub cue: u16,
    /// Start of the evidence (byte offset; for prices, the number is included).
    pub start: usize,
    /// End of the evidence (byte offset, exclusive).
    pub end: usize,
}

/// Everything one pass found.
pub(super) struct Scan {
    hits: [Hit; MAX_HITS],
    len: usize,
    /// Common words seen per language, indexed like [`lang_index`].
    pub lang_words: [u16; 6],
}

impl Scan {
    /// The cue hits, in order of their end position.
    pub(super) fn hits(&self) -> &[Hit] {
        &self.hits[..self.len]
    }

    /// Adds a hit unless a longer accepted hit contains it; drops accepted hits it contains.
    fn add(&mut self, hit: Hit) {
        let mut kept = 0;
        for i in 0..self.len {
            let h = self.hits[i];
            if h.start <= hit.start && hit.end <= h.end {
                return; // already covered by a longer (or equal) phrase
            }
            if !(hit.start <= h.start && h.end <= hit.end) {
                self.hits[kept] = h;
                kept += 1;
            }
        }
        self.len = kept;
        if self.len < MAX_HITS {
            self.hits[self.len] = hit;
            self.len += 1;
        }
    }
}

/// Position of a language in [`Scan::lang_words`].
pub(super) fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Any => 0,
        Lang::En => 1,
        Lang::De => 2,
        Lang::Es => 3,
        Lang::Fr => 4,
        Lang::Pt => 5,
        Lang::Other => 0,
    }
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn char_after(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Start of the number that ends at `end` (digits with `.`/`,` inside), if there is one.
fn number_before(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = end;
    while i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.' || bytes[i - 1] == b',') {
        i -= 1;
    }
    // The number must start and end with a digit.
    while i < end && !bytes[i].is_ascii_digit() {
        i += 1;
    }
    (i < end && bytes[end - 1].is_ascii_digit()).then_some(i)
}

/// End of the number that starts at `start`, if there is one.
fn number_after(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b',') {
        i += 1;
    }
    while i > start && !bytes[i - 1].is_ascii_digit() {
        i -= 1;
    }
    (i > start && bytes[start].is_ascii_digit()).then_some(i)
}

/// `i` moved back over at most one space.
fn back_space(text: &str, i: usize) -> usize {
    if i > 0 && text.as_bytes()[i - 1] == b' ' {
        i - 1
    } else {
        i
    }
}

/// `i` moved forward over at most one space.
fn fwd_space(text: &str, i: usize) -> usize {
    if text.as_bytes().get(i) == Some(&b' ') {
        i + 1
    } else {
        i
    }
}

/// The word ending at `end` (after skipping spaces), as a slice.
fn word_before(text: &str, end: usize) -> &str {
    let head = text[..end].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// Words for millions and billions: "$13.7 million" is a reported figure, not a price.
const BIG_UNITS: &[&str] = &[
    "m",
    "mn",
    "mm",
    "b",
    "bn",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "mio",
    "mrd",
    "millionen",
    "milliarden",
    "millones",
    "milhões",
    "milliards",
];

/// Whether the number ending at `end` is followed by a word for millions or billions.
fn big_unit_after(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(' ');
    let word_end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
    let word = &rest[..word_end];
    !word.is_empty() && BIG_UNITS.iter().any(|u| word.eq_ignore_ascii_case(u))
}

/// Verbs that make "20%" a discount ("save 20%").
const SAVE_WORDS: &[&str] = &[
    "save",
    "saving",
    "spare",
    "spar",
    "sparen",
    "sparst",
    "spart",
    "ahorra",
    "ahorre",
    "économisez",
    "economize",
    "economiza",
];

/// Applies a special rule to a match at `start..end`; returns the evidence range, or
/// `None` when the rule rejects the match.
fn special(text: &str, rule: Special, start: usize, end: usize) -> Option<(usize, usize)> {
    match rule {
        Special::No | Special::Period | Special::Question | Special::QuoteMark => {
            Some((start, end))
        }
        Special::CurrencySymbol => {
            if let Some(e) = number_after(text, fwd_space(text, end)) {
                if big_unit_after(text, e) {
                    return None;
                }
                // "R$ 19,90": include a letter prefix glued to the symbol.
                let s = match char_before(text, start) {
                    Some(c) if c.is_ascii_uppercase() => start - 1,
                    _ => start,
                };
                return Some((s, e));
            }
            let b = back_space(text, start);
            number_before(text, b).map(|s| (s, end))
        }
        Special::CurrencyWord => {
            let b = back_space(text, start);
            let s = number_before(text, b)?;
            // "5k USD"
            Some((s, end))
        }
        Special::PercentPhrase => {
            let b = back_space(text, start);
            let s = number_before(text, b)?;
            let s = match char_before(text, s) {
                Some('-' | '−') => s - 1,
                _ => s,
            };
            Some((s, end))
        }
        Special::Percent => {
            let b = back_space(text, start);
            let s = number_before(text, b)?;
            match char_before(text, s) {
                Some('-' | '−') => {
                    let before = char_before(text, s - 1);
                    // "-20%" but not "10-20%"
                    if before.is_none_or(|c| !c.is_alphanumeric()) {
                        return Some((s - 1, end));
                    }
                    None
                }
                _ => {
                    let w = word_before(text, s);
                    if !w.is_empty() && SAVE_WORDS.iter().any(|v| w.eq_ignore_ascii_case(v)) {
                        let ws = w.as_ptr() as usize - text.as_ptr() as usize;
                        Some((ws, end))
                    } else {
                        None
                    }
                }
            }
        }
    }
}

/// Scans `text` once. Matches inside any of the `skip` byte ranges (URLs) are ignored.
pub(super) fn scan(text: &str, skip: &[(usize, usize)]) -> Scan {
    let a = automaton();
    let mut out = Scan {
        hits: [Hit::default(); MAX_HITS],
        len: 0,
        lang_words: [0; 6],
    };
    a.ac.for_each_match(text.as_bytes(), &mut |start, end, pattern| {
        if skip.iter().any(|&(s, e)| start < e && end > s) {
            return;
        }
        let p = a.patterns[pattern];
        if p.word_start && char_before(text, start).is_some_and(|c| is_word(c) || c == '@') {
            // Currency words may follow a number directly ("49usd").
            let glued_number = matches!(p.entry, Entry::Cue { group, .. }
                if GROUP_INFO[group as usize].special == Special::CurrencyWord)
                && char_before(text, start).is_some_and(|c| c.is_ascii_digit());
            if !glued_number {
                return;
            }
        }
        if p.word_end && char_after(text, end).is_some_and(is_word) {
            return;
        }
        match p.entry {
            Entry::Stop(lang) => {
                let i = lang_index(lang);
                out.lang_words[i] = out.lang_words[i].saturating_add(1);
            }
            Entry::Cue { group, cue } => {
                let rule = GROUP_INFO[group as usize].special;
                if let Some((s, e)) = special(text, rule, start, end) {
                    out.add(Hit {
                        group,
                        cue,
                        start: s,
                        end: e,
                    });
                }
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::classify::cues::{GROUPS, STOPWORDS};

    fn phrases(text: &str) -> Vec<&str> {
        scan(text, &[])
            .hits()
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    #[test]
    fn patterns_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for g in GROUPS {
            for (p, w) in g.cues {
                assert!(seen.insert(*p), "duplicate cue {p:?}");
                assert!(*w > 0.0 && *w <= 2.0, "weight of {p:?}");
                assert_eq!(p.to_lowercase(), *p, "cue {p:?} must be lowercase");
            }
        }
    }

    /// `variants` as first written, with the standard library's case tables.
    fn variants_std(phrase: &str) -> Vec<String> {
        let mut out = vec![phrase.to_string()];
        if phrase.contains('\'') {
            out.push(phrase.replace('\'', "\u{2019}"));
        }
        for i in 0..out.len() {
            let mut chars = out[i].chars();
            if let Some(first) = chars.next() {
                if !first.is_ascii() && first.is_lowercase() {
                    let upper: String = first.to_uppercase().chain(chars).collect();
                    out.push(upper);
                }
            }
        }
        out
    }

    #[test]
    fn variants_match_the_standard_library_case() {
        let words = STOPWORDS.iter().flat_map(|(_, w)| w.iter().copied());
        for p in GROUPS
            .iter()
            .flat_map(|g| g.cues.iter().map(|c| c.0))
            .chain(words)
        {
            assert_eq!(variants(p), variants_std(p), "{p:?}");
        }
        for c in '\u{80}'..='\u{4FF}' {
            if let Some(u) = capital(c) {
                assert!(c.is_lowercase(), "{c}");
                assert!(c.to_uppercase().eq([u]), "{c} -> {u}");
            }
        }
    }

    #[test]
    fn word_boundaries() {
        assert_eq!(phrases("Sign up today"), vec!["Sign up today"]);
        assert!(phrases("they signed up").is_empty());
        assert!(phrases("design upgrades").is_empty());
        assert!(phrases("@thanks_bot @gm").is_empty());
    }

    #[test]
    fn longest_phrase_wins() {
        // "subscribe" and "to my" are inside "subscribe to my"; "my channel" only overlaps it.
        assert_eq!(
            phrases("subscribe to my channel"),
            vec!["subscribe to my", "my channel"]
        );
        assert_eq!(phrases("Sign up now"), vec!["Sign up now"]);
    }

    #[test]
    fn prices_need_numbers() {
        assert_eq!(phrases("only $49"), vec!["only $", "$49"]);
        assert_eq!(phrases("14,99 € im Monat"), vec!["14,99 €", "im Monat"]);
        assert_eq!(phrases("R$ 19,90"), vec!["R$ 19,90"]);
        assert_eq!(phrases("49 USD"), vec!["49 USD"]);
        assert!(phrases("$TSLA and euros").is_empty());
        assert!(phrases("pledged $13.7m, or $2 billion").is_empty());
    }

    #[test]
    fn percentages() {
        assert_eq!(phrases("20% off"), vec!["20% off"]);
        assert_eq!(phrases("-20% sur tout"), vec!["-20%"]);
        assert_eq!(phrases("save 25% now"), vec!["save 25%"]);
        assert!(phrases("50% of people").is_empty());
        assert!(phrases("10-20% more").is_empty());
    }

    #[test]
    fn typographic_apostrophes_and_capitals() {
        assert_eq!(phrases("You’ve got this"), vec!["You’ve got this"]);
        assert_eq!(phrases("À lire absolument"), vec!["À lire absolument"]);
    }

    #[test]
    fn skips_urls_and_counts_languages() {
        let text = "gut und schön https://shop.example/sale?x";
        let url = text.find("https").unwrap();
        let s = scan(text, &[(url, text.len())]);
        assert!(s.hits().is_empty());
        assert_eq!(s.lang_words[lang_index(Lang::De)], 1);
    }
}

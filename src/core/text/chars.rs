//! Character classes of twitter-text (spaces, punctuation, letters for hashtags, URL characters).

use super::unicode_tables::{DECIMAL, LETTER_MARK, Ranges};

/// Whether `c` falls in one of the sorted inclusive `ranges`.
fn in_ranges16(ranges: &[(u16, u16)], c: u32) -> bool {
    let i = ranges.partition_point(|&(_, end)| u32::from(end) < c);
    i < ranges.len() && u32::from(ranges[i].0) <= c
}

impl Ranges {
    /// Whether `c` falls in one of the ranges.
    pub(crate) fn contains(&self, c: u32) -> bool {
        if c <= 0xFFFF {
            return in_ranges16(self.bmp, c);
        }
        let plane = (c >> 16) as usize;
        let (start, end) = (self.planes[plane], self.planes[plane + 1]);
        let ranges = self.astral.get(usize::from(start)..usize::from(end));
        in_ranges16(ranges.unwrap_or_default(), c & 0xFFFF)
    }
}

/// Unicode general category L* or M* (a letter or a combining mark).
pub(crate) fn is_letter_or_mark(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphabetic();
    }
    LETTER_MARK.contains(u)
}

/// Unicode general category Nd (a decimal digit of any script).
pub(crate) fn is_decimal(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_digit();
    }
    DECIMAL.contains(u)
}

/// twitter-text's "unicode spaces": White_Space characters (plus U+180E).
pub(crate) fn is_space(c: char) -> bool {
    matches!(c,
        '\u{9}'..='\u{D}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}'
        | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// Bidirectional formatting characters (marks, embeddings, overrides, isolates).
pub(crate) fn is_directional(c: char) -> bool {
    matches!(
        c,
        '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters a post may not contain (byte order marks and U+FFFF).
pub(crate) fn is_invalid(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}')
}

/// Latin letters with accents (and combining diacritics) that twitter-text treats like ASCII
/// letters in URLs and after mentions.
pub(crate) fn is_latin_accent(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}'
        | '\u{253}' | '\u{254}' | '\u{256}' | '\u{257}' | '\u{259}' | '\u{25B}' | '\u{263}'
        | '\u{268}' | '\u{26F}' | '\u{272}' | '\u{289}' | '\u{28B}' | '\u{2BB}'
        | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Cyrillic letters (allowed in URL paths).
pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4FF}')
}

/// twitter-text's ASCII punctuation set (note: it leaves out `"` and `` ` ``).
pub(crate) fn is_punct(c: char) -> bool {
    matches!(
        c,
        '!' | '\''
            | '#'
            | '%'
            | '&'
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | '\\'
            | '-'
            | '.'
            | '/'
            | ':'
            | ';'
            | '<'
            | '='
            | '>'
            | '?'
            | '@'
            | '['
            | ']'
            | '^'
            | '_'
            | '{'
            | '|'
            | '}'
            | '~'
            | '$'
    )
}

/// A character that may appear in a domain label: anything but punctuation, spaces and
/// invalid characters (so internationalised names work).
pub(crate) fn is_domain_char(c: char) -> bool {
    !(is_punct(c) || is_space(c) || is_invalid(c))
}

/// `@` or the full-width `＠`.
pub(crate) fn is_at_sign(c: char) -> bool {
    c == '@' || c == '＠'
}

/// `#` or the full-width `＃`.
pub(crate) fn is_hash_sign(c: char) -> bool {
    c == '#' || c == '＃'
}

/// ASCII letters, digits and `_`: the characters of a screen name.
pub(crate) fn is_screen_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Characters that may continue a hashtag though they are neither letters nor digits.
fn is_hashtag_special(c: char) -> bool {
    matches!(
        c,
        '_' | '\u{200C}'
            | '\u{200D}'
            | '\u{A67E}'
            | '\u{5BE}'
            | '\u{5F3}'
            | '\u{5F4}'
            | '\u{FF5E}'
            | '\u{301C}'
            | '\u{309B}'
            | '\u{309C}'
            | '\u{30A0}'
            | '\u{30FB}'
            | '\u{3003}'
            | '\u{F0B}'
            | '\u{F0C}'
            | '\u{B7}'
    )
}

/// A letter or mark: a hashtag needs at least one.
pub(crate) fn is_hashtag_alpha(c: char) -> bool {
    is_letter_or_mark(c)
}

/// Any character a hashtag may contain.
pub(crate) fn is_hashtag_alnum(c: char) -> bool {
    is_letter_or_mark(c) || is_decimal(c) || is_hashtag_special(c)
}

/// Characters allowed anywhere in a URL path.
pub(crate) fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '!' | '*'
                | '\''
                | ';'
                | ':'
                | '='
                | '+'
                | ','
                | '.'
                | '$'
                | '/'
                | '%'
                | '#'
                | '['
                | ']'
                | '-'
                | '\u{2013}'
                | '_'
                | '~'
                | '@'
                | '|'
                | '&'
        )
        || is_cyrillic(c)
        || is_latin_accent(c)
}

/// Characters a URL path may end with (besides a closing parenthesis).
pub(crate) fn is_path_end_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '+' | '-' | '=' | '_' | '#' | '/')
        || is_cyrillic(c)
        || is_latin_accent(c)
}

/// Characters allowed in a query string.
pub(crate) fn is_query_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '!' | '?'
                | '*'
                | '\''
                | '@'
                | '('
                | ')'
                | ';'
                | ':'
                | '&'
                | '='
                | '+'
                | '$'
                | '/'
                | '%'
                | '#'
                | '['
                | ']'
                | '-'
                | '_'
                | '.'
                | ','
                | '~'
                | '|'
        )
}

/// Characters a query string may end with.
pub(crate) fn is_query_end_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '&' | '=' | '#' | '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in [
            'a',
            'Z',
            'é',
            'ж',
            'ش',
            'ท',
            '\u{E49}',
            'の',
            '漢',
            '\u{20021}',
            '\u{16F51}',
        ] {
            assert!(is_letter_or_mark(c), "{c:?}");
        }
        for c in ['1', '_', ' ', '#', '、', '😀', '\u{200D}'] {
            assert!(!is_letter_or_mark(c), "{c:?}");
        }
        for c in ['7', '٤', '१', '\u{104A0}'] {
            assert!(is_decimal(c), "{c:?}");
        }
        assert!(!is_decimal('a') && !is_decimal('Ⅳ'));
        assert!(is_space('\u{3000}') && is_space('\n') && !is_space('\u{200B}'));
        assert!(is_domain_char('の') && is_domain_char('"') && !is_domain_char('.'));
        assert!(is_hashtag_alnum('\u{30FB}') && !is_hashtag_alpha('\u{30FB}'));
    }
}

//! HTML entities in post text from X's archive (`&amp;`, `&lt;`, `&gt;` and friends).

/// Decodes the entities X escapes in archived post text, in one pass (so `&amp;lt;` becomes
/// `&lt;`). Unknown or malformed entities are kept as written.
pub(crate) fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match decode_entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity at the start of `s` stands for, and the entity's length.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s[1..].find(';')? + 1;
    if end > 12 {
        return None;
    }
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        _ => {
            let num = name.strip_prefix('#')?;
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                Some(_) => return None,
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                    num.parse().ok()?
                }
                None => return None,
            };
            if value == 0 {
                return None;
            }
            char::from_u32(value)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn entities() {
        assert_eq!(
            unescape("Tom &amp; Jerry &lt;3 &gt; &quot;hi&quot; it&#39;s"),
            "Tom & Jerry <3 > \"hi\" it's"
        );
        assert_eq!(unescape("&#x1F600; &#128512; &apos;"), "😀 😀 '");
        assert_eq!(unescape("&amp;lt;"), "&lt;");
        assert_eq!(
            unescape("a & b &bogus; &#; &#xZZ; &#0; &#55296; &"),
            "a & b &bogus; &#; &#xZZ; &#0; &#55296; &"
        );
        assert_eq!(unescape("no entities"), "no entities");
    }
}

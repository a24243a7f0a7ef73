//! A small JSON reader for Rapport's own stored formats (the ledger, the posting history).
//!
//! It accepts and refuses exactly what `serde_json::from_str` into the `#[derive(Deserialize)]`
//! types those formats were first read with accepts and refuses: the same grammar (RFC 8259,
//! no trailing commas, no leading zeros), strings with paired surrogate escapes and without
//! raw control characters, integers only where integers go (no `1.0`, no `-0`), a struct as
//! an object (unknown keys skipped, duplicate or missing fields refused) or as an array of
//! its fields, a unit enum variant as `"name"` or `{"name": null}`. Messages follow
//! serde_json's wording ("expected `,` or `]` at line 1 column 9").
//!
//! Why not serde_json: its deserializer, instantiated for each stored type, is about 45 KB
//! of the wasm; this reader is a few.

use std::fmt;

/// Why the input could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    msg: String,
    line: usize,
    column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.msg, self.line, self.column
        )
    }
}

/// The result of a read.
pub type Result<T> = std::result::Result<T, Error>;

/// How deep arrays and objects may nest where serde_json would build a `Value` (its limit).
const MAX_DEPTH: usize = 127;

/// A cursor over JSON text.
pub struct Reader<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `json`.
    pub fn new(json: &'a str) -> Reader<'a> {
        Reader {
            text: json,
            s: json.as_bytes(),
            i: 0,
        }
    }

    /// How many bytes are left to read.
    pub fn remaining(&self) -> usize {
        self.s.len() - self.i
    }

    /// An error about the byte just read (serde_json's `error`)
    fn err_here(&self, msg: &str) -> Error {
        self.err_at(self.i, msg)
    }

    /// An error about the next byte (serde_json's `peek_error`).
    fn err(&self, msg: &str) -> Error {
        self.err_at((self.i + 1).min(self.s.len()), msg)
    }

    fn err_at(&self, i: usize, msg: &str) -> Error {
        let head = &self.s[..i];
        let start = head.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        Error {
            msg: msg.to_string(),
            line: 1 + head[..start].iter().filter(|&&b| b == b'\n').count(),
            column: i - start,
        }
    }

    /// Skips whitespace; the next byte, if any.
    fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.s.get(self.i) {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.i += 1;
        }
        None
    }

    /// The next byte, whitespace skipped, or an error at the end of the input.
    fn peek_value(&mut self) -> Result<u8> {
        self.peek()
            .ok_or_else(|| self.err("EOF while parsing a value"))
    }

    /// An error for a value of the wrong type where `expected` goes.
    fn invalid_type(&mut self, expected: &str) -> Error {
        let found = match self.s.get(self.i) {
            Some(b'"') => "string",
            Some(b'[') => "sequence",
            Some(b'{') => "map",
            Some(b'n') => "null",
            Some(b't' | b'f') => "boolean",
            Some(b'-' | b'0'..=b'9') => "number",
            _ => return self.err("expected value"),
        };
        self.err(&format!("invalid type: {found}, expected {expected}"))
    }

    /// The rest of a literal whose first byte was just read.
    fn ident(&mut self, rest: &[u8]) -> Result<()> {
        for &want in rest {
            match self.s.get(self.i) {
                None => return Err(self.err_here("EOF while parsing a value")),
                Some(&b) => {
                    self.i += 1;
                    if b != want {
                        return Err(self.err_here("expected ident"));
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks that only whitespace is left.
    pub fn end(&mut self) -> Result<()> {
        match self.peek() {
            Some(_) => Err(self.err("trailing characters")),
            None => Ok(()),
        }
    }

    /// Opens a struct written as an object (`true`) or as an array of its fields (`false`).
    pub fn open_struct(&mut self, expected: &str) -> Result<bool> {
        match self.peek_value()? {
            b'{' => {
                self.i += 1;
                Ok(true)
            }
            b'[' => {
                self.i += 1;
                Ok(false)
            }
            _ => Err(self.invalid_type(expected)),
        }
    }

    /// Opens an array.
    pub fn open_array(&mut self, expected: &str) -> Result<()> {
        if self.peek_value()? != b'[' {
            return Err(self.invalid_type(expected));
        }
        self.i += 1;
        Ok(())
    }

    /// Whether another element follows in an open array (`first`: none was read yet).
    pub fn next_element(&mut self, first: &mut bool) -> Result<bool> {
        match self.peek() {
            Some(b']') => return Ok(false),
            Some(b',') if !*first => self.i += 1,
            Some(_) if *first => *first = false,
            Some(_) => return Err(self.err("expected `,` or `]`")),
            None => return Err(self.err("EOF while parsing a list")),
        }
        match self.peek() {
            Some(b']') => Err(self.err("trailing comma")),
            Some(_) => Ok(true),
            None => Err(self.err("EOF while parsing a value")),
        }
    }

    /// Closes an array after its last element was read.
    pub fn close_array(&mut self) -> Result<()> {
        match self.peek() {
            Some(b']') => {
                self.i += 1;
                Ok(())
            }
            Some(b',') => {
                self.i += 1;
                match self.peek() {
                    Some(b']') => Err(self.err("trailing comma")),
                    _ => Err(self.err("trailing characters")),
                }
            }
            Some(_) => Err(self.err("trailing characters")),
            None => Err(self.err("EOF while parsing a list")),
        }
    }

    /// Reads an array of exactly `n` elements, reading each with `element(self, index)`;
    /// `expected` names it in messages ("a tuple of size 3").
    pub fn fixed_array(
        &mut self,
        n: usize,
        expected: &str,
        element: &mut dyn FnMut(&mut Self, usize) -> Result<()>,
    ) -> Result<()> {
        self.open_array(expected)?;
        let mut first = true;
        for k in 0..n {
            if !self.next_element(&mut first)? {
                return Err(self.err(&format!("invalid length {k}, expected {expected}")));
            }
            element(self, k)?;
        }
        self.close_array()
    }

    /// Reads an array of any length, reading each element with `element(self)`.
    pub fn array(
        &mut self,
        expected: &str,
        element: &mut dyn FnMut(&mut Self) -> Result<()>,
    ) -> Result<()> {
        self.open_array(expected)?;
        let mut first = true;
        while self.next_element(&mut first)? {
            element(self)?;
        }
        self.close_array()
    }

    /// The next key of an open object, and its colon; `None` at the closing brace.
    pub fn next_key(&mut self, first: &mut bool) -> Result<Option<String>> {
        match self.peek() {
            Some(b'}') => {
                self.i += 1;
                return Ok(None);
            }
            Some(b',') if !*first => self.i += 1,
            Some(_) if *first => *first = false,
            Some(_) => return Err(self.err("expected `,` or `}`")),
            None => return Err(self.err("EOF while parsing an object")),
        }
        let key = match self.peek() {
            Some(b'"') => {
                self.i += 1;
                self.string_body(true)?
            }
            Some(b'}') => return Err(self.err("trailing comma")),
            Some(_) => return Err(self.err("key must be a string")),
            None => return Err(self.err("EOF while parsing a value")),
        };
        self.colon()?;
        Ok(Some(key))
    }

    fn colon(&mut self) -> Result<()> {
        match self.peek() {
            Some(b':') => {
                self.i += 1;
                Ok(())
            }
            Some(_) => Err(self.err("expected `:`")),
            None => Err(self.err("EOF while parsing an object")),
        }
    }

    /// Reads a struct: an object whose keys `fields` names (others are skipped, repeats and
    /// absences refused), or an array of exactly those fields in order. Calls
    /// `field(self, index)` to read each field's value.
    pub fn read_struct(
        &mut self,
        expected: &str,
        fields: &[&str],
        field: &mut dyn FnMut(&mut Self, usize) -> Result<()>,
    ) -> Result<()> {
        if !self.open_struct(expected)? {
            let mut first = true;
            for k in 0..fields.len() {
                if !self.next_element(&mut first)? {
                    let n = fields.len();
                    let msg = format!("invalid length {k}, expected {expected} with {n} elements");
                    return Err(self.err(&msg));
                }
                field(self, k)?;
            }
            return self.close_array();
        }
        // Bit k: field k was read (structs here have far fewer than 64 fields).
        let mut seen = 0u64;
        let mut first = true;
        while let Some(key) = self.next_key(&mut first)? {
            match fields.iter().position(|f| *f == key) {
                Some(k) if seen & 1 << k != 0 => {
                    return Err(self.err(&format!("duplicate field `{key}`")));
                }
                Some(k) => {
                    seen |= 1 << k;
                    field(self, k)?;
                }
                None => self.skip(false)?,
            }
        }
        match (0..fields.len()).find(|k| seen & 1 << k == 0) {
            Some(k) => Err(self.err_here(&format!("missing field `{}`", fields[k]))),
            None => Ok(()),
        }
    }

    /// Reads a string.
    pub fn string(&mut self) -> Result<String> {
        if self.peek_value()? != b'"' {
            return Err(self.invalid_type("a string"));
        }
        self.i += 1;
        self.string_body(true)
    }

    /// Reads `null` (`None`) or a string.
    pub fn string_or_null(&mut self) -> Result<Option<String>> {
        if self.peek_value()? == b'n' {
            self.i += 1;
            self.ident(b"ull")?;
            return Ok(None);
        }
        self.string().map(Some)
    }

    /// Reads `null`.
    pub fn null(&mut self) -> Result<()> {
        if self.peek_value()? != b'n' {
            return Err(self.invalid_type("unit"));
        }
        self.i += 1;
        self.ident(b"ull")
    }

    /// Reads a unit enum variant, `"name"` or `{"name": null}`: its index in `names`.
    pub fn variant(&mut self, names: &[&str]) -> Result<usize> {
        let object = match self.peek_value()? {
            b'"' => false,
            b'{' => {
                self.i += 1;
                true
            }
            _ => return Err(self.err("expected value")),
        };
        let name = self.string()?;
        let Some(k) = names.iter().position(|n| *n == name) else {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            let msg = format!(
                "unknown variant `{name}`, expected one of {}",
                list.join(", ")
            );
            return Err(self.err_here(&msg));
        };
        if object {
            self.colon()?;
            self.null()?;
            match self.peek() {
                Some(b'}') => self.i += 1,
                Some(_) => return Err(self.err("expected value")),
                None => return Err(self.err("EOF while parsing an object")),
            }
        }
        Ok(k)
    }

    /// Reads an integer in `min..=max` (written without fraction or exponent; `-0` is a
    /// float to serde_json, so it is refused too).
    pub fn int(&mut self, min: i64, max: i64, expected: &str) -> Result<i64> {
        let negative = match self.peek_value()? {
            b'-' => {
                self.i += 1;
                true
            }
            b'0'..=b'9' => false,
            _ => return Err(self.invalid_type(expected)),
        };
        let mut n: u64 = 0;
        match self.s.get(self.i) {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.s.get(self.i) {
                    return Err(self.err("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(&d @ b'0'..=b'9') = self.s.get(self.i) {
                    let Some(m) = n
                        .checked_mul(10)
                        .and_then(|m| m.checked_add(u64::from(d - b'0')))
                    else {
                        // serde_json reads it as a float.
                        return Err(self.err(&format!(
                            "invalid type: floating point, expected {expected}"
                        )));
                    };
                    n = m;
                    self.i += 1;
                }
            }
            None => return Err(self.err_here("EOF while parsing a value")),
            Some(_) => {
                self.i += 1;
                return Err(self.err_here("invalid number"));
            }
        }
        // A fraction or an exponent makes a float; so do `-0` and negative magnitudes beyond
        // `i64::MIN` (serde_json's reading).
        if matches!(self.s.get(self.i), Some(b'.' | b'e' | b'E'))
            || (negative && (n == 0 || n > 1 << 63))
        {
            return Err(self.err(&format!(
                "invalid type: floating point, expected {expected}"
            )));
        }
        let value = if negative {
            -i128::from(n)
        } else {
            i128::from(n)
        };
        if value < i128::from(min) || value > i128::from(max) {
            // Written from the magnitude: formatting an `i128` would add its formatter.
            let sign = if negative { "-" } else { "" };
            let msg = format!("invalid value: integer `{sign}{n}`, expected {expected}");
            return Err(self.err(&msg));
        }
        Ok(value as i64)
    }

    /// The body of a string whose opening quote was read, unescaped. With `validate`, a
    /// `\u` escape must not be a lone surrogate (serde_json checks it for strings it keeps,
    /// not for strings it skips).
    fn string_body(&mut self, validate: bool) -> Result<String> {
        let mut out = String::new();
        let mut start = self.i;
        loop {
            let Some(&b) = self.s.get(self.i) else {
                return Err(self.err_here("EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    // Cut at ASCII bytes: always on character boundaries.
                    out.push_str(self.text.get(start..self.i).unwrap_or_default());
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(start..self.i).unwrap_or_default());
                    self.i += 1;
                    self.escape(validate, &mut out)?;
                    start = self.i;
                }
                0..=0x1F => {
                    self.i += 1;
                    return Err(self.err_here(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                _ => self.i += 1,
            }
        }
    }

    /// One escape after its backslash, appended to `out` as UTF-8.
    fn escape(&mut self, validate: bool, out: &mut String) -> Result<()> {
        let Some(&c) = self.s.get(self.i) else {
            return Err(self.err_here("EOF while parsing a string"));
        };
        self.i += 1;
        let byte = match c {
            b'"' | b'\\' | b'/' => c,
            b'b' => 0x08,
            b'f' => 0x0C,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(validate, out),
            _ => return Err(self.err_here("invalid escape")),
        };
        out.push(char::from(byte));
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let Some(digits) = self.s.get(self.i..self.i + 4) else {
            self.i = self.s.len();
            return Err(self.err_here("EOF while parsing a string"));
        };
        self.i += 4;
        let mut n = 0;
        for &d in digits {
            let Some(v) = (d as char).to_digit(16) else {
                return Err(self.err_here("invalid escape"));
            };
            n = n * 16 + v;
        }
        Ok(n)
    }

    fn unicode_escape(&mut self, validate: bool, out: &mut String) -> Result<()> {
        let n = self.hex4()?;
        if !validate {
            return Ok(());
        }
        let c = match n {
            0xDC00..=0xDFFF => {
                return Err(self.err_here("lone leading surrogate in hex escape"));
            }
            0xD800..=0xDBFF => {
                for want in [b'\\', b'u'] {
                    let got = self.s.get(self.i).copied();
                    self.i = (self.i + 1).min(self.s.len());
                    match got {
                        None => return Err(self.err_here("EOF while parsing a string")),
                        Some(b) if b != want => {
                            return Err(self.err_here("unexpected end of hex escape"));
                        }
                        Some(_) => {}
                    }
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.err_here("lone leading surrogate in hex escape"));
                }
                0x10000 + ((n - 0xD800) << 10 | (low - 0xDC00))
            }
            _ => n,
        };
        let c = char::from_u32(c).ok_or_else(|| self.err_here("invalid unicode code point"))?;
        out.push(c);
        Ok(())
    }

    /// Skips a number, checking its grammar. With `strict`, refuses a number too large for
    /// an `f64` as serde_json does when it builds a `Value`.
    fn number(&mut self, strict: bool) -> Result<()> {
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        // The power of ten of the first significant digit (once `leading` is false).
        let mut scale: i64;
        let mut leading = true;
        match self.s.get(self.i) {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.s.get(self.i) {
                    return Err(self.err("invalid number"));
                }
                // A first significant digit in the fraction is at 10^-1 or below.
                scale = -1;
            }
            Some(b'1'..=b'9') => {
                scale = -1;
                while let Some(b'0'..=b'9') = self.s.get(self.i) {
                    self.i += 1;
                    scale += 1;
                }
                leading = false;
            }
            None => return Err(self.err_here("EOF while parsing a value")),
            Some(_) => {
                self.i += 1;
                return Err(self.err_here("invalid number"));
            }
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            let from = self.i;
            while let Some(&d @ b'0'..=b'9') = self.s.get(self.i) {
                if leading && d == b'0' {
                    scale -= 1;
                } else {
                    leading = false;
                }
                self.i += 1;
            }
            if self.i == from {
                return Err(self.err("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            let negative = match self.s.get(self.i) {
                Some(b'-') => {
                    self.i += 1;
                    true
                }
                Some(b'+') => {
                    self.i += 1;
                    false
                }
                _ => false,
            };
            let from = self.i;
            let mut e: i64 = 0;
            while let Some(&d @ b'0'..=b'9') = self.s.get(self.i) {
                e = (e * 10 + i64::from(d - b'0')).min(1 << 40);
                self.i += 1;
            }
            if self.i == from {
                self.i = (self.i + 1).min(self.s.len());
                return Err(self.err_here("invalid number"));
            }
            scale += if negative { -e } else { e };
        }
        // The largest f64 is 1.7976931348623157e308: refused from 1.8e308 (serde_json's own
        // arithmetic may differ for the few numbers within 0.002e308 below that).
        if strict && !leading && (scale > 308 || (scale == 308 && self.mantissa_at_least_18())) {
            return Err(self.err_here("number out of range"));
        }
        Ok(())
    }

    /// Whether the number just skipped starts with the digits 18 or more (ignoring sign,
    /// leading zeros and the decimal point): for the range check at 1e308.
    fn mantissa_at_least_18(&self) -> bool {
        let start = self.s[..self.i]
            .iter()
            .rposition(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')))
            .map_or(0, |p| p + 1);
        let mut sig = self.s[start..self.i]
            .iter()
            .take_while(|b| !matches!(b, b'e' | b'E'))
            .filter(|b| b.is_ascii_digit())
            .skip_while(|&&b| b == b'0');
        matches!(
            (sig.next(), sig.next()),
            (Some(b'1'), Some(b'8'..=b'9')) | (Some(b'2'..=b'9'), _)
        )
    }

    /// Skips one value of any kind, checking its grammar. With `strict`, also checks what
    /// serde_json checks when it builds a `Value` rather than skipping: string escapes,
    /// nesting depth, number range.
    pub fn skip(&mut self, strict: bool) -> Result<()> {
        // Open arrays (`[`) and objects (`{`), innermost last.
        let mut stack: Vec<u8> = Vec::new();
        loop {
            // A value.
            let opened = match self.peek_value()? {
                b'n' => {
                    self.i += 1;
                    self.ident(b"ull")?;
                    false
                }
                b't' => {
                    self.i += 1;
                    self.ident(b"rue")?;
                    false
                }
                b'f' => {
                    self.i += 1;
                    self.ident(b"alse")?;
                    false
                }
                b'-' | b'0'..=b'9' => {
                    self.number(strict)?;
                    false
                }
                b'"' => {
                    self.i += 1;
                    self.string_body(strict)?;
                    false
                }
                b @ (b'[' | b'{') => {
                    self.i += 1;
                    if strict && stack.len() >= MAX_DEPTH {
                        return Err(self.err_here("recursion limit exceeded"));
                    }
                    stack.push(b);
                    true
                }
                _ => return Err(self.err("expected value")),
            };
            // What follows it: closings, then a comma (or the end of the outermost value).
            let mut after_value = !opened;
            loop {
                let Some(&frame) = stack.last() else {
                    return Ok(());
                };
                match self.peek() {
                    Some(b',') if after_value => {
                        self.i += 1;
                        break;
                    }
                    Some(b']') if frame == b'[' => {}
                    Some(b'}') if frame == b'{' => {}
                    Some(_) if after_value => {
                        return Err(self.err(if frame == b'[' {
                            "expected `,` or `]`"
                        } else {
                            "expected `,` or `}`"
                        }));
                    }
                    Some(_) => break,
                    None => {
                        return Err(self.err(if frame == b'[' {
                            "EOF while parsing a list"
                        } else {
                            "EOF while parsing an object"
                        }));
                    }
                }
                self.i += 1;
                stack.pop();
                after_value = true;
            }
            if stack.last() == Some(&b'{') {
                match self.peek() {
                    Some(b'"') => self.i += 1,
                    Some(_) => return Err(self.err("key must be a string")),
                    None => return Err(self.err("EOF while parsing an object")),
                }
                self.string_body(strict)?;
                self.colon()?;
            }
        }
    }
}

/// Appends the decimal digits of `n` (as serde_json writes integers).
pub fn write_int(out: &mut String, n: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it: `"` and `\`, the
/// short escapes `\b \t \n \f \r`, other control characters as `\u00xx`; nothing else.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let plain = |b: &u8| *b >= 0x20 && *b != b'"' && *b != b'\\';
    if s.bytes().all(|b| plain(&b)) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if plain(&b) {
            continue;
        }
        let short = match b {
            b'"' | b'\\' => b,
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0C => b'f',
            b'\r' => b'r',
            _ => b'u',
        };
        out.push_str(&s[start..i]);
        out.push('\\');
        out.push(char::from(short));
        if short == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

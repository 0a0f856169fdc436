//! Escape-sequence decoding for string and bytes literal bodies, with CPython's
//! error wording. Line breaks in the body are normalised to `\n` (CPython reads
//! source with universal newlines).

use std::borrow::Cow;

/// A decoding problem: message and byte range relative to the decoded body.
#[derive(Debug)]
pub(super) struct EscapeError {
    /// The CPython-style message.
    pub message: String,
    /// Start of the offending escape in the body.
    pub start: usize,
    /// End of the offending escape in the body.
    pub end: usize,
}

/// Replaces `\r\n` and lone `\r` with `\n`.
pub(super) fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Decodes a `str` body (raw bodies are only newline-normalised).
pub(super) fn decode_str(body: &str, raw: bool) -> Result<String, EscapeError> {
    if raw || !body.contains('\\') {
        return Ok(normalize_newlines(body).into_owned());
    }
    let mut d =
        StrDecoder { body, out: String::with_capacity(body.len()), chars: body.char_indices().peekable(), cpos: 0 };
    while let Some((i, c)) = d.chars.next() {
        if c != '\\' {
            if c == '\r' {
                if d.chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    d.chars.next();
                    d.cpos += 1;
                }
                d.out.push('\n');
            } else {
                d.out.push(c);
            }
            d.cpos += if c.is_ascii() { 1 } else { 10 };
            continue;
        }
        let Some((j, e)) = d.chars.next() else {
            d.out.push('\\');
            break;
        };
        d.escape(i, j, e)?;
    }
    Ok(d.out)
}

/// State of a `str` body decode.
struct StrDecoder<'a> {
    body: &'a str,
    out: String,
    chars: Chars<'a>,
    /// CPython's error position: it re-encodes non-ASCII characters as `\UXXXXXXXX`.
    cpos: usize,
}

impl StrDecoder<'_> {
    /// Decodes the escape whose backslash is at `i` and letter `e` at `j`.
    fn escape(&mut self, i: usize, j: usize, e: char) -> Result<(), EscapeError> {
        let start_cpos = self.cpos;
        self.cpos += 2;
        let error = |reason: &str, cend: usize, end: usize| EscapeError {
            message: format!(
                "(unicode error) 'unicodeescape' codec can't decode bytes in position {start_cpos}-{cend}: {reason}"
            ),
            start: i,
            end,
        };
        match e {
            'x' | 'u' | 'U' => {
                let (want, what) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let digits = take_hex(&mut self.chars, want);
                self.cpos += digits.len();
                let end = j + 1 + digits.len();
                if digits.len() < want {
                    return Err(error(what, self.cpos - 1, end));
                }
                let value = u32::from_str_radix(&digits, 16).unwrap_or(u32::MAX);
                match char::from_u32(value) {
                    Some(ch) => self.out.push(ch),
                    None if (0xD800..0xE000).contains(&value) => {
                        let what = "surrogate code points are not supported by pyish";
                        return Err(error(what, self.cpos - 1, end));
                    }
                    None => return Err(error("illegal Unicode character", self.cpos - 1, end)),
                }
            }
            'N' => match named_escape(self.body, j + 1) {
                Named::Found(ch, len) => {
                    self.out.push(ch);
                    skip_bytes(&mut self.chars, j + 1 + len);
                    self.cpos += len;
                }
                Named::Unknown(len) => {
                    return Err(error("unknown Unicode character name", self.cpos + len - 1, j + 1 + len));
                }
                Named::Malformed(len) => {
                    return Err(error("malformed \\N character escape", self.cpos + len - 1, j + 1 + len));
                }
            },
            _ => {
                if let Some(ch) = simple_escape(e, &mut self.chars, &mut self.cpos) {
                    self.out.extend(ch);
                } else {
                    self.out.push('\\');
                    self.out.push(e);
                    self.cpos += if e.is_ascii() { 0 } else { 9 };
                }
            }
        }
        Ok(())
    }
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// Shared escapes of str and bytes: quotes, control letters, octal and escaped line
/// breaks (which produce nothing). `None` for an unknown escape.
fn simple_escape(e: char, chars: &mut Chars<'_>, cpos: &mut usize) -> Option<Option<char>> {
    let ch = match e {
        '\n' => return Some(None),
        '\r' => {
            if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                chars.next();
                *cpos += 1;
            }
            return Some(None);
        }
        '\\' | '\'' | '"' => e,
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\x0b',
        '0'..='7' => {
            let mut value = e.to_digit(8).unwrap_or(0);
            for _ in 0..2 {
                match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                    Some(d) => {
                        value = value * 8 + d;
                        chars.next();
                        *cpos += 1;
                    }
                    None => break,
                }
            }
            char::from_u32(value).unwrap_or('\u{fffd}')
        }
        _ => return None,
    };
    Some(Some(ch))
}

/// Takes up to `want` hex digits.
fn take_hex(chars: &mut Chars<'_>, want: usize) -> String {
    let mut digits = String::new();
    while digits.len() < want {
        match chars.peek() {
            Some(&(_, d)) if d.is_ascii_hexdigit() => {
                digits.push(d);
                chars.next();
            }
            _ => break,
        }
    }
    digits
}

/// Advances `chars` until the next index is at least `to`.
fn skip_bytes(chars: &mut Chars<'_>, to: usize) {
    while chars.peek().is_some_and(|&(i, _)| i < to) {
        chars.next();
    }
}

/// The outcome of a `\N{...}` escape.
enum Named {
    /// The character and the byte length of `{NAME}`.
    Found(char, usize),
    /// An unknown name; the byte length of `{NAME}`.
    Unknown(usize),
    /// No `{`, no `}` or an empty name; how many bytes CPython blames after `\N`.
    Malformed(usize),
}

/// Looks up the `{NAME}` at `at` in `body`.
fn named_escape(body: &str, at: usize) -> Named {
    let rest = body.get(at..).unwrap_or("");
    if !rest.starts_with('{') {
        return Named::Malformed(0);
    }
    let Some(close) = rest.find('}') else {
        return Named::Malformed(rest.len());
    };
    let name = &rest[1..close];
    if name.is_empty() {
        return Named::Malformed(close);
    }
    match unicode_names2::character(name) {
        Some(ch) => Named::Found(ch, close + 1),
        None => Named::Unknown(close + 1),
    }
}

/// Decodes a `bytes` body (already checked to be ASCII).
pub(super) fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, EscapeError> {
    if raw || !body.contains('\\') {
        return Ok(normalize_newlines(body).into_owned().into_bytes());
    }
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    let mut cpos = 0;
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            if c == '\r' {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                out.push(b'\n');
            } else {
                out.push(c as u8);
            }
            continue;
        }
        let Some((j, e)) = chars.next() else {
            out.push(b'\\');
            break;
        };
        if e == 'x' {
            let digits = take_hex(&mut chars, 2);
            if digits.len() < 2 {
                return Err(EscapeError {
                    message: format!("(value error) invalid \\x escape at position {i}"),
                    start: i,
                    end: j + 1 + digits.len(),
                });
            }
            out.push(u8::from_str_radix(&digits, 16).unwrap_or(0));
            continue;
        }
        match simple_escape(e, &mut chars, &mut cpos) {
            Some(Some(ch)) => out.push((u32::from(ch) & 0xFF) as u8),
            Some(None) => {}
            None => {
                out.push(b'\\');
                out.push(e as u8);
            }
        }
    }
    Ok(out)
}

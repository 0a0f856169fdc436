//! Raw tokens (logos) → decoded tokens: numbers, strings, bytes and f-string pieces.
//!
//! The logos-derived scanner in [`Token`] finds token boundaries; this driver decodes
//! literal payloads, scans string bodies (logos only matches the prefix and opening
//! quote), splits f-strings into pieces and reports every problem as a [`SyntaxError`]
//! worded like CPython 3.11, emitting [`Token::Error`] so the parser can carry on.

mod escapes;
mod fstring;
mod number;

use super::error::SyntaxError;
use super::token::Token;
use crate::source::{LineIndex, Span};
use logos::Logos;

/// At most this many lexer errors are kept (the driver reports far fewer anyway).
const ERROR_CAP: usize = 4 * super::MAX_ERRORS;

/// Lexes `text` into decoded tokens; `LineBreak` tokens are kept for the layout pass.
pub fn lex(text: &str) -> (Vec<(Token, Span)>, Vec<SyntaxError>) {
    let mut lexer = Lexer { text, out: Vec::with_capacity(text.len() / 4 + 16), errors: Vec::new(), lines: None };
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    lexer.lex_range(start, text.len(), false);
    (lexer.out, lexer.errors)
}

/// The driver state: the whole file, the output so far and the errors.
struct Lexer<'t> {
    text: &'t str,
    out: Vec<(Token, Span)>,
    errors: Vec<SyntaxError>,
    /// Line start offsets, built on the first error that needs a line number.
    lines: Option<LineIndex>,
}

impl Lexer<'_> {
    /// Appends a token.
    fn push(&mut self, token: Token, start: usize, end: usize) {
        self.out.push((token, Span::new(start, end)));
    }

    /// Records an error (up to [`ERROR_CAP`]).
    fn error(&mut self, error: SyntaxError) {
        if self.errors.len() < ERROR_CAP {
            self.errors.push(error);
        }
    }

    /// Records an error and emits an `Error` token over `start..end`.
    fn fail(&mut self, message: impl Into<String>, start: usize, end: usize) {
        self.error(SyntaxError::new(message, Span::new(start, end)));
        self.push(Token::Error, start, end);
    }

    /// 1-based line number of a byte offset (CRLF, LF and lone CR end lines).
    fn line_of(&mut self, offset: usize) -> usize {
        let text = self.text;
        self.lines.get_or_insert_with(|| LineIndex::new(text)).line_of(offset)
    }

    /// Lexes `text[start..end]` with logos, decoding as it goes. Inside an f-string
    /// replacement field (`in_field`) line breaks are dropped.
    fn lex_range(&mut self, start: usize, end: usize, in_field: bool) {
        let Some(src) = self.text.get(start..end) else {
            return;
        };
        let mut lex = Token::lexer(src);
        while let Some(result) = lex.next() {
            let range = lex.span();
            let (s, e) = (start + range.start, start + range.end);
            let resume = match result {
                Ok(Token::LineBreak) => {
                    if !in_field {
                        self.push(Token::LineBreak, s, e);
                    }
                    e
                }
                Ok(Token::StringStart) => self.string(s, e, end),
                Ok(Token::RawName) => {
                    self.push(Token::Name(src[range].into()), s, e);
                    e
                }
                Ok(kind @ (Token::RawDecInt | Token::RawRadixInt | Token::RawFloat | Token::RawImaginary)) => {
                    self.number(&kind, s, e, end)
                }
                Ok(token) => {
                    self.push(token, s, e);
                    e
                }
                Err(()) => self.bad_char(s, e, end),
            };
            if resume > e && resume <= end {
                lex.bump(resume - e);
            }
        }
    }

    /// Reports characters logos rejected at `s..e`; returns where lexing resumes.
    fn bad_char(&mut self, s: usize, e: usize, end: usize) -> usize {
        let Some(c) = self.text.get(s..end).and_then(|t| t.chars().next()) else {
            return e;
        };
        let stop = s + c.len_utf8();
        match c {
            '\\' => {
                let rest = &self.text.as_bytes()[stop..end];
                if rest.first() == Some(&b'\r') {
                    return stop + 1; // backslash + lone CR: a line continuation
                }
                if rest.is_empty() {
                    self.fail("unexpected EOF while parsing", s, stop);
                } else {
                    self.fail("unexpected character after line continuation character", s, stop);
                }
            }
            '$' | '?' | '`' => self.fail("invalid syntax", s, stop),
            '\0' => self.fail("source code cannot contain null bytes", s, stop),
            c if !is_printable(c) => {
                self.fail(format!("invalid non-printable character U+{:04X}", u32::from(c)), s, stop)
            }
            c => self.fail(format!("invalid character '{c}' (U+{:04X})", u32::from(c)), s, stop),
        }
        stop
    }

    /// Scans and decodes a string literal whose prefix and opening quote are at
    /// `s..q_end`; `limit` bounds the scan. Returns where lexing resumes.
    fn string(&mut self, s: usize, q_end: usize, limit: usize) -> usize {
        let bytes = self.text.as_bytes();
        let quote = bytes[q_end - 1];
        let prefix = self.text[s..q_end - 1].to_ascii_lowercase();
        let (raw, is_bytes, is_f) = (prefix.contains('r'), prefix.contains('b'), prefix.contains('f'));
        let triple = q_end + 1 < limit && bytes[q_end] == quote && bytes[q_end + 1] == quote;
        let body_start = if triple { q_end + 2 } else { q_end };
        let body_end = match scan_string(bytes, body_start, limit, quote, triple) {
            Ok(body_end) => body_end,
            Err(stop) => {
                let (kind, line) = if triple {
                    ("triple-quoted string literal", self.line_of(limit.saturating_sub(1).max(s)))
                } else {
                    ("string literal", self.line_of(stop))
                };
                self.error(SyntaxError::new(
                    format!("unterminated {kind} (detected at line {line})"),
                    Span::new(s, body_start),
                ));
                self.push(Token::Error, s, stop);
                return stop;
            }
        };
        let close_end = body_end + if triple { 3 } else { 1 };
        if is_f {
            self.fstring(s, body_start, body_end, close_end, raw);
            return close_end;
        }
        let body = &self.text[body_start..body_end];
        let decoded = if is_bytes {
            if !body.is_ascii() {
                self.fail("bytes can only contain ASCII literal characters", s, close_end);
                return close_end;
            }
            escapes::decode_bytes(body, raw).map(|b| Token::Bytes(b.into()))
        } else {
            escapes::decode_str(body, raw).map(|t| Token::Str(t.into()))
        };
        match decoded {
            Ok(token) => self.push(token, s, close_end),
            Err(e) => {
                self.error(SyntaxError::new(e.message, Span::new(body_start + e.start, body_start + e.end)));
                self.push(Token::Error, s, close_end);
            }
        }
        close_end
    }
}

/// Finds the closing quote of a string body starting at `i`: `Ok(offset of the
/// closing quote)` or `Err(offset where the scan gave up)` (a line break in a
/// single-quoted string, or `limit`). A backslash escapes the next character.
fn scan_string(bytes: &[u8], mut i: usize, limit: usize, quote: u8, triple: bool) -> Result<usize, usize> {
    while i < limit {
        match bytes[i] {
            b'\\' => {
                i += 1;
                if i + 1 < limit && bytes[i] == b'\r' && bytes[i + 1] == b'\n' {
                    i += 1;
                }
                i += 1;
            }
            b'\n' | b'\r' if !triple => return Err(i),
            c if c == quote => {
                if !triple || (i + 2 < limit && bytes[i + 1] == quote && bytes[i + 2] == quote) {
                    return Ok(i);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Err(limit)
}

/// An approximation of Python's `str.isprintable` for characters logos rejected.
fn is_printable(c: char) -> bool {
    if c.is_control() || (c.is_whitespace() && c != ' ') {
        return false;
    }
    let format_chars = matches!(
        u32::from(c),
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
            | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF
            | 0xE0001 | 0xE0020..=0xE007F | 0xF0000..
    );
    !format_chars
}

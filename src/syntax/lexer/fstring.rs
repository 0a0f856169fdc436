//! f-strings (Python 3.11 rules): the string's extent is found like any string's;
//! its body is split into literal text and replacement fields, whose expressions are
//! re-lexed in place so their spans point into the file.
//!
//! The scanning follows CPython 3.11's `fstring_find_literal` / `fstring_find_expr`.

use super::Lexer;
use super::escapes::{decode_str, normalize_newlines};
use crate::source::Span;
use crate::syntax::error::SyntaxError;
use crate::syntax::token::Token;

/// CPython's limit on brackets nested inside one replacement field.
const MAX_FIELD_BRACKETS: usize = 200;

/// Builds an f-string error at `start..end`.
fn err(message: impl Into<String>, start: usize, end: usize) -> SyntaxError {
    SyntaxError::new(message, Span::new(start, end))
}

/// How a literal run inside an f-string ended.
enum LiteralEnd {
    /// At the end of the body, or at a `{` / `}` (not consumed) at `offset`.
    Brace(usize),
    /// At a doubled `{{` / `}}`: the literal runs through the first brace at
    /// `offset - 1`; scanning resumes at `offset + 1`.
    Doubled(usize),
}

impl Lexer<'_> {
    /// Emits the tokens of an f-string: prefix and quote at `s..body_start`, body up to
    /// `body_end`, closing quote up to `close_end`. On a structural error the pieces
    /// are replaced by a single `Error` token.
    pub(super) fn fstring(&mut self, s: usize, body_start: usize, body_end: usize, close_end: usize, raw: bool) {
        let mark = self.out.len();
        self.push(Token::FStringStart, s, body_start);
        match self.fstring_parts(body_start, body_end, raw, 0) {
            Ok(_) => self.push(Token::FStringEnd, body_end, close_end),
            Err(error) => {
                self.out.truncate(mark);
                self.error(error);
                self.push(Token::Error, s, close_end);
            }
        }
    }

    /// Emits literal pieces and fields from `pos` until `end` (or, in a format spec
    /// at `level > 0`, until an unconsumed `}`). Returns the stop offset.
    fn fstring_parts(&mut self, mut pos: usize, end: usize, raw: bool, level: u32) -> Result<usize, SyntaxError> {
        let bytes = self.text.as_bytes();
        let mut literal = String::new();
        let mut literal_start = pos;
        loop {
            let stop = match self.find_literal(pos, end, raw, level)? {
                LiteralEnd::Doubled(brace) => {
                    self.decode_piece(pos, brace, raw, &mut literal)?;
                    pos = brace + 1;
                    continue;
                }
                LiteralEnd::Brace(stop) => stop,
            };
            self.decode_piece(pos, stop, raw, &mut literal)?;
            if !literal.is_empty() {
                let text = std::mem::take(&mut literal).into_boxed_str();
                self.push(Token::FStringMiddle(text), literal_start, stop);
            }
            if stop >= end || bytes[stop] == b'}' {
                return Ok(stop);
            }
            pos = self.field(stop, end, raw, level)?;
            literal_start = pos;
        }
    }

    /// Decodes the literal text `pos..stop` and appends it to `out`.
    fn decode_piece(&self, pos: usize, stop: usize, raw: bool, out: &mut String) -> Result<(), SyntaxError> {
        let piece = &self.text[pos..stop];
        match decode_str(piece, raw) {
            Ok(text) => {
                out.push_str(&text);
                Ok(())
            }
            Err(e) => Err(err(e.message, pos + e.start, pos + e.end)),
        }
    }

    /// Finds the end of the literal text starting at `pos`.
    fn find_literal(&self, pos: usize, end: usize, raw: bool, level: u32) -> Result<LiteralEnd, SyntaxError> {
        let bytes = self.text.as_bytes();
        let mut i = pos;
        while i < end {
            let mut ch = bytes[i];
            i += 1;
            if !raw && ch == b'\\' && i < end {
                ch = bytes[i];
                i += 1;
                if ch == b'N' {
                    // `\N{NAME}`: its braces are not fields.
                    // Like CPython, the character after `\N` is consumed either way.
                    if i < end {
                        i += 1;
                        if bytes[i - 1] == b'{' {
                            while i < end && bytes[i] != b'}' {
                                i += 1;
                            }
                            i = (i + 1).min(end);
                        }
                    }
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                if level == 0 {
                    if i < end && bytes[i] == ch {
                        return Ok(LiteralEnd::Doubled(i));
                    }
                    if ch == b'}' {
                        return Err(err("f-string: single '}' is not allowed", i - 1, i));
                    }
                }
                return Ok(LiteralEnd::Brace(i - 1));
            }
        }
        Ok(LiteralEnd::Brace(end))
    }

    /// Emits one replacement field starting at the `{` at `pos`; returns the offset
    /// after its `}`.
    fn field(&mut self, pos: usize, end: usize, raw: bool, level: u32) -> Result<usize, SyntaxError> {
        let bytes = self.text.as_bytes();
        if level >= 2 {
            return Err(err("f-string: expressions nested too deeply", pos, pos + 1));
        }
        let expecting = |at: usize| err("f-string: expecting '}'", at, at);
        self.push(Token::FieldStart, pos, pos + 1);
        let expr_start = pos + 1;
        let expr_end = self.scan_field_expr(expr_start, end)?;
        if expr_end >= end {
            return Err(expecting(end));
        }
        if self.text[expr_start..expr_end].bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')) {
            return Err(err("f-string: empty expression not allowed", pos, expr_end + 1));
        }
        self.lex_range(expr_start, expr_end, true);
        let mut i = expr_end;
        if bytes[i] == b'=' {
            i += 1;
            while i < end && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= end {
                return Err(expecting(end));
            }
            let text = normalize_newlines(&self.text[expr_start..i]).into_owned();
            self.push(Token::FieldDebug(text.into()), expr_end, i);
        }
        if bytes[i] == b'!' {
            let Some(c) = self.text[i + 1..end].chars().next() else {
                return Err(expecting(end));
            };
            if !matches!(c, 's' | 'r' | 'a') {
                let message = "f-string: invalid conversion character: expected 's', 'r', or 'a'";
                return Err(err(message, i, i + 1 + c.len_utf8()));
            }
            self.push(Token::FieldConversion(c), i, i + 2);
            i += 2;
        }
        if i < end && bytes[i] == b':' {
            self.push(Token::FieldSpec, i, i + 1);
            if i + 1 >= end {
                return Err(expecting(end));
            }
            i = self.fstring_parts(i + 1, end, raw, level + 1)?;
        }
        if i >= end || bytes[i] != b'}' {
            return Err(expecting(i.min(end)));
        }
        self.push(Token::FieldEnd, i, i + 1);
        Ok(i + 1)
    }

    /// Finds where a field's expression ends: at depth 0, a `}`, `:`, `!` (not `!=`)
    /// or `=` (not `==`, `<=`, `>=`), skipping nested strings.
    fn scan_field_expr(&self, start: usize, end: usize) -> Result<usize, SyntaxError> {
        let bytes = self.text.as_bytes();
        let mut quote: Option<(u8, bool)> = None;
        let mut stack: Vec<(u8, usize)> = Vec::new();
        let mut i = start;
        while i < end {
            let ch = bytes[i];
            if ch == b'\\' {
                return Err(err("f-string expression part cannot include a backslash", i, i + 1));
            }
            if let Some((q, triple)) = quote {
                if ch == q {
                    if !triple {
                        quote = None;
                    } else if i + 2 < end && bytes[i + 1] == q && bytes[i + 2] == q {
                        quote = None;
                        i += 2;
                    }
                }
                i += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    let triple = i + 2 < end && bytes[i + 1] == ch && bytes[i + 2] == ch;
                    quote = Some((ch, triple));
                    if triple {
                        i += 2;
                    }
                }
                b'(' | b'[' | b'{' => {
                    if stack.len() >= MAX_FIELD_BRACKETS {
                        return Err(err("f-string: too many nested parenthesis", i, i + 1));
                    }
                    stack.push((ch, i));
                }
                b'#' => return Err(err("f-string expression part cannot include '#'", i, i + 1)),
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if stack.is_empty() => {
                    let next = bytes.get(i + 1).copied().filter(|_| i + 1 < end);
                    if next == Some(b'=') && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        i += 2;
                        continue;
                    }
                    if ch != b'>' && ch != b'<' {
                        return Ok(i);
                    }
                }
                b')' | b']' | b'}' => {
                    let Some((open, _)) = stack.pop() else {
                        return Err(err(format!("f-string: unmatched '{}'", ch as char), i, i + 1));
                    };
                    let expected = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if ch != expected {
                        let message = format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        );
                        return Err(err(message, i, i + 1));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if quote.is_some() {
            return Err(err("f-string: unterminated string", end, end));
        }
        if let Some(&(open, at)) = stack.last() {
            return Err(err(format!("f-string: unmatched '{}'", open as char), at, at + 1));
        }
        Ok(i)
    }
}

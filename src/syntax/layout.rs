//! Python's layout: NEWLINE / INDENT / DEDENT from line breaks and indentation.
//!
//! A small state machine over the lexer's tokens: an indentation stack, a bracket
//! stack (implicit line joining and bracket matching) and an expression-depth guard
//! that stops absurdly nested input before the recursive parser sees it.

use super::error::SyntaxError;
use super::token::Token;
use crate::source::{LineIndex, Span};

/// CPython's `MAXINDENT`: the indentation stack (including level 0) holds at most this many.
const MAX_INDENT: usize = 100;
/// CPython's `MAXLEVEL`: the deepest bracket nesting.
const MAX_BRACKETS: usize = 200;
/// The expression-depth budget (see [`Layout::count_depth`]).
const MAX_EXPR_DEPTH: u64 = 3000;

/// At most this many non-fatal layout errors are kept.
const ERROR_CAP: usize = 4 * super::MAX_ERRORS;

const TOO_MANY_PARENS: &str = "too many nested parentheses";
const TOO_MANY_INDENTS: &str = "too many levels of indentation";
const TOO_DEEP: &str = "too deeply nested expression";

/// Turns line breaks into logical-line tokens.
pub fn layout(text: &str, tokens: Vec<(Token, Span)>) -> (Vec<(Token, Span)>, Vec<SyntaxError>) {
    let mut state = Layout {
        text,
        out: Vec::with_capacity(tokens.len() + 16),
        errors: Vec::new(),
        indents: vec![(0, 0)],
        brackets: Vec::new(),
        line_has_tokens: false,
        depth: vec![0],
        depth_sum: 0,
        fatal: false,
        lines: None,
    };
    for (token, span) in tokens {
        state.token(token, span);
        if state.fatal {
            return (state.out, state.errors);
        }
    }
    state.finish();
    (state.out, state.errors)
}

/// Whether an error makes parsing pointless (nesting too deep to parse safely).
pub fn is_fatal(error: &SyntaxError) -> bool {
    matches!(error.message.as_str(), TOO_MANY_PARENS | TOO_MANY_INDENTS | TOO_DEEP)
}

/// The layout state.
struct Layout<'t> {
    text: &'t str,
    out: Vec<(Token, Span)>,
    errors: Vec<SyntaxError>,
    /// Indentation levels as (column with tabs to 8, column with tabs as 1).
    indents: Vec<(usize, usize)>,
    /// Open brackets.
    brackets: Vec<(Token, Span)>,
    /// Whether the current logical line has produced a token.
    line_has_tokens: bool,
    /// One nesting counter per open bracket level, plus the outer level.
    depth: Vec<u64>,
    /// The sum of `depth`.
    depth_sum: u64,
    /// A fatal error was reported: stop.
    fatal: bool,
    /// Line start offsets, built on the first error that needs a line number.
    lines: Option<LineIndex>,
}

impl Layout<'_> {
    /// Processes one lexer token.
    fn token(&mut self, token: Token, span: Span) {
        if token == Token::LineBreak {
            if self.brackets.is_empty() && self.line_has_tokens {
                self.out.push((Token::Newline, span));
                self.end_line();
            }
            return;
        }
        if !self.line_has_tokens && self.brackets.is_empty() {
            self.indentation(span.start as usize);
            if self.fatal {
                return;
            }
        }
        self.line_has_tokens = true;
        self.count_depth(&token, span);
        let token = match token {
            Token::LPar | Token::LSqb | Token::LBrace => {
                if self.brackets.len() >= MAX_BRACKETS {
                    self.fatal_error(SyntaxError::new(TOO_MANY_PARENS, span));
                    return;
                }
                self.brackets.push((token.clone(), span));
                token
            }
            Token::RPar | Token::RSqb | Token::RBrace => self.close(token, span),
            Token::Semi => {
                self.reset_depth();
                token
            }
            other => other,
        };
        self.out.push((token, span));
    }

    /// Resets per-line state after a `Newline`.
    fn end_line(&mut self) {
        self.line_has_tokens = false;
        self.depth.clear();
        self.depth.push(0);
        self.depth_sum = 0;
    }

    /// 1-based line number of `offset` (only used for error messages).
    fn line_of(&mut self, offset: usize) -> usize {
        let text = self.text;
        self.lines.get_or_insert_with(|| LineIndex::new(text)).line_of(offset)
    }

    /// Records a non-fatal error (up to [`ERROR_CAP`]).
    fn push_error(&mut self, error: SyntaxError) {
        if self.errors.len() < ERROR_CAP {
            self.errors.push(error);
        }
    }

    /// Records a fatal error and stops.
    fn fatal_error(&mut self, error: SyntaxError) {
        self.errors.push(error);
        self.fatal = true;
    }

    /// Matches a closing bracket against the stack; returns the token to emit (the
    /// expected closer on a mismatch, `Error` when nothing is open).
    fn close(&mut self, token: Token, span: Span) -> Token {
        let Some((open, open_span)) = self.brackets.pop() else {
            self.push_error(SyntaxError::new(format!("unmatched '{}'", token.text()), span));
            return Token::Error;
        };
        if self.depth.len() > 1 {
            let popped = self.depth.pop().unwrap_or(0);
            self.depth_sum -= popped;
        }
        let expected = match open {
            Token::LPar => Token::RPar,
            Token::LSqb => Token::RSqb,
            _ => Token::RBrace,
        };
        if token == expected || self.errors.len() >= ERROR_CAP {
            return expected;
        }
        let mut message =
            format!("closing parenthesis '{}' does not match opening parenthesis '{}'", token.text(), open.text());
        let open_line = self.line_of(open_span.start as usize);
        if open_line != self.line_of(span.start as usize) {
            message.push_str(&format!(" on line {open_line}"));
        }
        self.push_error(SyntaxError::new(message, span).with_label(open_span, "opening parenthesis here"));
        expected
    }

    /// Expression-depth guard: a counter per bracket level, bumped by every token that
    /// can nest an expression and reset by `,`, `;` and new logical lines. Openers
    /// count in the enclosing level and start a new one.
    fn count_depth(&mut self, token: &Token, span: Span) {
        use Token::*;
        let nests = matches!(
            token,
            Plus | Minus
                | Star
                | Slash
                | DoubleSlash
                | Percent
                | DoubleStar
                | At
                | LeftShift
                | RightShift
                | Amper
                | Vbar
                | Circumflex
                | Tilde
                | Less
                | Greater
                | LessEqual
                | GreaterEqual
                | EqEqual
                | NotEqual
                | Dot
                | Not
                | And
                | Or
                | If
                | Else
                | Lambda
                | Await
                | Yield
                | In
                | Is
                | ColonEqual
                | LPar
                | LSqb
                | LBrace
                | FieldStart
        );
        if nests {
            if let Some(top) = self.depth.last_mut() {
                *top += 1;
            }
            self.depth_sum += 1;
            if self.depth_sum > MAX_EXPR_DEPTH {
                self.fatal_error(SyntaxError::new(TOO_DEEP, span));
                return;
            }
        }
        match token {
            LPar | LSqb | LBrace => self.depth.push(0),
            Comma => self.reset_depth(),
            _ => {}
        }
    }

    /// Resets the innermost depth counter.
    fn reset_depth(&mut self) {
        if let Some(top) = self.depth.last_mut() {
            self.depth_sum -= *top;
            *top = 0;
        }
    }

    /// Handles the indentation of a logical line whose first token starts at `start`.
    fn indentation(&mut self, start: usize) {
        let bytes = self.text.as_bytes();
        let mut ws_start = start;
        while ws_start > 0 && matches!(bytes[ws_start - 1], b' ' | b'\t' | b'\x0c') {
            ws_start -= 1;
        }
        let (mut col, mut alt) = (0usize, 0usize);
        for &b in &bytes[ws_start..start] {
            match b {
                b' ' => (col, alt) = (col + 1, alt + 1),
                b'\t' => (col, alt) = ((col / 8 + 1) * 8, alt + 1),
                _ => (col, alt) = (0, 0),
            }
        }
        let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
        let tab_error =
            || SyntaxError::tab("inconsistent use of tabs and spaces in indentation", Span::new(ws_start, start));
        if col == top {
            if alt != top_alt {
                self.push_error(tab_error());
            }
        } else if col > top {
            if alt <= top_alt {
                self.push_error(tab_error());
            }
            if self.indents.len() >= MAX_INDENT {
                self.fatal_error(SyntaxError::indentation(TOO_MANY_INDENTS, Span::new(ws_start, start)));
                return;
            }
            self.indents.push((col, alt));
            self.out.push((Token::Indent, Span::new(ws_start, start)));
        } else {
            self.dedent(col, alt, start, tab_error());
        }
    }

    /// Pops indentation levels down to `col`, emitting one `Dedent` per level.
    fn dedent(&mut self, col: usize, alt: usize, start: usize, tab_error: SyntaxError) {
        // The deepest level at or left of `col` (level 0 always qualifies).
        let keep = self.indents.iter().rposition(|&(c, _)| c <= col).unwrap_or(0);
        let landed = self.indents.get(keep).copied().unwrap_or((0, 0));
        let pops = if landed.0 == col {
            if landed.1 != alt {
                self.push_error(tab_error);
            }
            self.indents.len() - 1 - keep
        } else {
            // No outer level matches: stay in the innermost popped block, re-aligned.
            self.push_error(SyntaxError::indentation(
                "unindent does not match any outer indentation level",
                Span::new(start, start),
            ));
            if let Some(level) = self.indents.get_mut(keep + 1) {
                *level = (col, alt);
            }
            self.indents.len() - 2 - keep
        };
        for _ in 0..pops {
            self.indents.pop();
            self.out.push((Token::Dedent, Span::at(start)));
        }
    }

    /// End of input: a final `Newline`, unclosed-bracket errors and closing `Dedent`s.
    fn finish(&mut self) {
        let end = self.text.len();
        if self.line_has_tokens {
            self.out.push((Token::Newline, Span::at(end)));
        }
        for (open, span) in std::mem::take(&mut self.brackets) {
            self.push_error(SyntaxError::new(format!("'{}' was never closed", open.text()), span));
        }
        for _ in 1..self.indents.len() {
            self.out.push((Token::Dedent, Span::at(end)));
        }
    }
}

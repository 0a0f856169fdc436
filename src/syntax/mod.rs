//! Source text → AST. This module never depends on runtime types.
//!
//! Pipeline: [`lexer::lex`] (logos, literal decoding, f-string splitting) →
//! [`layout::layout`] (NEWLINE/INDENT/DEDENT, bracket checks) → [`parser`] (chumsky) →
//! [`validate`] (context checks). Every stage reports errors instead of stopping, so one
//! run lists every syntax error in a file.

#[expect(missing_docs, reason = "field names mirror Python's ast module, documented there")]
pub mod ast;
pub mod dump;
pub mod error;
pub mod layout;
pub mod lexer;
pub mod parser;
#[expect(missing_docs, reason = "keyword and operator variants are named after their text")]
pub mod token;
pub mod validate;

pub use error::{ErrorClass, SyntaxError};

use crate::source::Span;
use token::Token;

/// The most errors reported for one file; later ones are dropped.
pub const MAX_ERRORS: usize = 50;

/// The result of parsing: a tree (with `Error` nodes where the parser recovered) and
/// every error found, in source order.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The tree.
    pub module: ast::Module,
    /// The errors, sorted by position and capped at [`MAX_ERRORS`].
    pub errors: Vec<SyntaxError>,
}

/// Lexes and lays out `text`: the token stream the parser reads.
pub fn tokenize(text: &str) -> (Vec<(Token, Span)>, Vec<SyntaxError>) {
    let (raw, mut errors) = lexer::lex(text);
    let (tokens, layout_errors) = layout::layout(text, raw);
    errors.extend(layout_errors);
    (tokens, errors)
}

/// Parses a whole file.
pub fn parse_module(text: &str) -> Parsed {
    let (raw, lex_errors) = lexer::lex(text);
    let (tokens, mut errors) = layout::layout(text, raw);
    let raised = lex_errors.iter().filter(is_raised).map(|e| e.span.start).min();
    if let Some(first) = raised {
        errors.retain(|e| e.span.start < first && !e.message.ends_with("was never closed"));
        errors.extend(lex_errors.into_iter().filter(|e| is_raised(&e)));
    } else {
        errors.extend(lex_errors);
    }
    let module = if raised.is_some() {
        let (module, _) = parser::parse_tokens(tokens, text);
        module
    } else if errors.iter().any(layout::is_fatal) {
        ast::Module::default()
    } else {
        let (module, parse_errors) = parser::parse_tokens(tokens, text);
        let parse_errors = prefer_unclosed_bracket(text, &mut errors, parse_errors);
        errors.extend(parse_errors);
        errors.extend(validate::validate(&module));
        module
    };
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    errors.dedup_by(|a, b| a.span.start == b.span.start && a.message == b.message);
    errors.truncate(MAX_ERRORS);
    Parsed { module, errors }
}

/// Whether a lexer error is one CPython's tokenizer raises (an unterminated string, a
/// bad number or character) rather than an error token the parser reports as invalid
/// syntax (a stray `$`) or an error CPython finds while the parser decodes a literal
/// (escapes, non-ASCII bytes, f-strings). CPython reports a raised tokenizer error found anywhere in the
/// file, scanning past a parser error to look for one, and an unclosed bracket only at
/// the end of the file, so the raised error replaces both.
fn is_raised(e: &&SyntaxError) -> bool {
    let m = e.message.as_str();
    m != "invalid syntax"
        && !m.starts_with("(unicode error)")
        && !m.starts_with("bytes can only contain")
        && !m.starts_with("f-string")
}

/// After an unclosed bracket everything is inside it, so later parser errors are
/// cascades. Like CPython, a parser error on the bracket's own line is reported instead
/// of the unclosed bracket; one on a later line is dropped in its favour.
fn prefer_unclosed_bracket(
    text: &str,
    lex_errors: &mut Vec<SyntaxError>,
    parse_errors: Vec<SyntaxError>,
) -> Vec<SyntaxError> {
    let Some(unclosed) =
        lex_errors.iter().filter(|e| e.message.ends_with("was never closed")).map(|e| e.span).min_by_key(|s| s.start)
    else {
        return parse_errors;
    };
    let lines = crate::source::LineIndex::new(text);
    let line = |offset: u32| lines.line_of(offset as usize);
    let first_after = parse_errors.iter().filter(|e| e.span.start >= unclosed.start).map(|e| e.span.start).min();
    match first_after {
        Some(at) if line(at) == line(unclosed.start) => {
            lex_errors.retain(|e| e.span != unclosed);
            parse_errors
        }
        _ => parse_errors.into_iter().filter(|e| e.span.start < unclosed.start).collect(),
    }
}

/// Parses raw bytes: invalid UTF-8 is reported with its byte offset.
pub fn parse_bytes(bytes: &[u8]) -> Parsed {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_module(text),
        Err(e) => {
            let at = e.valid_up_to();
            let bad = bytes.get(at).copied().unwrap_or(0);
            let message = format!(
                "(unicode error) 'utf-8' codec can't decode byte 0x{bad:02x} in position {at}: invalid start byte"
            );
            Parsed { module: ast::Module::default(), errors: vec![SyntaxError::new(message, Span::at(at))] }
        }
    }
}

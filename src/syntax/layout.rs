//! Python's layout: NEWLINE / INDENT / DEDENT from line breaks and indentation.

use super::error::SyntaxError;
use super::token::Token;
use crate::source::Span;

/// Turns line breaks into logical-line tokens.
pub fn layout(_text: &str, tokens: Vec<(Token, Span)>) -> (Vec<(Token, Span)>, Vec<SyntaxError>) {
    (tokens, Vec::new())
}

/// Whether an error makes parsing pointless (nesting too deep to parse safely).
pub fn is_fatal(_error: &SyntaxError) -> bool {
    false
}

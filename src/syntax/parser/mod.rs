//! Tokens → AST with chumsky.

use super::ast::Module;
use super::error::SyntaxError;
use super::token::Token;
use crate::source::Span;

/// Parses a laid-out token stream.
pub fn parse_tokens(_tokens: &[(Token, Span)], _len: usize) -> (Module, Vec<SyntaxError>) {
    (Module::default(), Vec::new())
}

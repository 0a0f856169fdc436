//! Tokens → AST with chumsky.
//!
//! The grammar is split by concern: [`expr`] (Pratt table and atoms), [`params`]
//! (parameters, call arguments), [`stmt`] (simple and compound statements, blocks).
//! Recovery works per statement: a statement that fails to parse is skipped to the end
//! of its line (and its indented block), leaves a `StmtKind::Error`, and parsing goes on,
//! so one run reports every error. Chumsky's errors are reworded like CPython's here.

mod expr;
mod params;
mod stmt;
mod strings;

use super::ast::Module;
use super::error::SyntaxError;
use super::token::Token;
use crate::source::Span;
use chumsky::DefaultExpected;
use chumsky::error::{EmptyErr, LabelError, Rich, RichPattern, RichReason};
use chumsky::input::MappedInput;
use chumsky::prelude::*;

/// A token with chumsky's span type.
type Tok = (Token, SimpleSpan);
/// The parser input: a slice of spanned tokens.
type In<'t> = MappedInput<'t, Token, SimpleSpan, &'t [Tok]>;
/// Parser extras: the error type is a parameter (see [`PErr`]).
type Extra<'t, E> = extra::Err<E>;
/// A boxed parser, to keep types (and compile times) small.
type P<'t, E, O> = Boxed<'t, 't, In<'t>, O, Extra<'t, E>>;

/// The error types the grammar is built with. Every source is parsed first with
/// [`EmptyErr`] (zero-sized: chumsky then skips all bookkeeping of failed
/// alternatives), and again with [`Rich`] ones only when that finds an error, for
/// the messages. Rich errors merge expected-token sets on every failed alternative,
/// which made parsing the bundled asyncio source 2.5 times as slow.
pub(super) trait PErr<'t>:
    chumsky::error::Error<'t, In<'t>>
    + LabelError<'t, In<'t>, DefaultExpected<'t, Token>>
    + LabelError<'t, In<'t>, &'static str>
    + 't
{
    /// An error with a message of ours (`EmptyErr` drops it).
    fn custom(at: SimpleSpan, message: &str) -> Self;
}

impl<'t> PErr<'t> for Rich<'t, Token> {
    fn custom(at: SimpleSpan, message: &str) -> Self {
        Rich::custom(at, message)
    }
}

impl<'t> PErr<'t> for EmptyErr {
    fn custom(_at: SimpleSpan, _message: &str) -> Self {
        EmptyErr::default()
    }
}

/// Converts a chumsky span to ours.
fn span(s: SimpleSpan) -> Span {
    Span::new(s.start, s.end)
}

/// Parses a laid-out token stream of `text`.
pub fn parse_tokens(tokens: Vec<(Token, Span)>, text: &str) -> (Module, Vec<SyntaxError>) {
    let tokens: Vec<Tok> = tokens.into_iter().map(|(t, s)| (t, SimpleSpan::from(s.range()))).collect();
    let eoi = SimpleSpan::from(text.len()..text.len());
    let input = tokens.as_slice().split_token_span(eoi);
    let (module, errors) = stmt::module::<EmptyErr>(text).parse(input).into_output_errors();
    if errors.is_empty()
        && let Some(module) = module
    {
        return (module, Vec::new());
    }
    let input = tokens.as_slice().split_token_span(eoi);
    let (module, errors) = stmt::module::<Rich<'_, Token>>(text).parse(input).into_output_errors();
    let errors = errors.into_iter().filter_map(|e| convert_error(&e, &tokens)).take(super::MAX_ERRORS).collect();
    (module.unwrap_or_default(), errors)
}

/// Rewords a chumsky error like CPython would; `None` for errors the lexer already
/// reported (an `Error` token).
fn convert_error(err: &Rich<'_, Token>, tokens: &[Tok]) -> Option<SyntaxError> {
    let at = span(*err.span());
    let (found, expected) = match err.reason() {
        RichReason::Custom(message) => return Some(custom_error(message, at)),
        RichReason::ExpectedFound { found, expected } => (found.as_deref(), expected),
    };
    match found {
        Some(Token::Error) => return None,
        Some(Token::Indent) => return Some(SyntaxError::indentation("unexpected indent", at)),
        _ => {}
    }
    let wanted: Vec<String> = expected.iter().filter_map(describe_pattern).collect();
    let found_text = found.map_or_else(|| "end of file".to_string(), Token::describe);
    if wanted.len() == 1 && wanted[0] == "':'" {
        let prev = previous_token_end(tokens, at);
        return Some(SyntaxError::new("expected ':'", prev).with_help(format!("found {found_text}")));
    }
    let index = tokens.partition_point(|(_, s)| (s.start as u32) < at.start);
    let context = Enclosing::of(tokens, index);
    let prefix = if context.in_fstring { "f-string: " } else { "" };
    let prev = index.checked_sub(1).and_then(|i| tokens.get(i)).map(|(t, _)| t);
    if context.depth > 0 && found.is_some_and(starts_expr) && prev.is_some_and(ends_expr) {
        return Some(SyntaxError::new(format!("{prefix}invalid syntax. Perhaps you forgot a comma?"), at));
    }
    let error = SyntaxError::new(format!("{prefix}invalid syntax"), at);
    Some(match wanted.len() {
        0 => error.with_help(format!("unexpected {found_text}")),
        1..=6 => error.with_help(format!("expected {}, found {found_text}", join_or(&wanted))),
        _ => error.with_help(format!("unexpected {found_text}")),
    })
}

/// What encloses a token position on its logical line.
struct Enclosing {
    /// Open brackets (an f-string field counts as one, as in CPython).
    depth: i64,
    /// Inside an f-string replacement field.
    in_fstring: bool,
}

impl Enclosing {
    /// Scans back from `index` to the start of the logical line.
    fn of(tokens: &[Tok], index: usize) -> Enclosing {
        let (mut depth, mut fields, mut in_fstring) = (0i64, 0i64, false);
        for (t, _) in tokens[..index.min(tokens.len())].iter().rev() {
            match t {
                Token::LPar | Token::LSqb | Token::LBrace => depth += 1,
                Token::RPar | Token::RSqb | Token::RBrace => depth -= 1,
                Token::FieldStart => {
                    depth += 1;
                    fields += 1;
                    in_fstring |= fields > 0;
                }
                Token::FieldEnd => {
                    depth -= 1;
                    fields -= 1;
                }
                Token::Newline | Token::Indent | Token::Dedent => break,
                _ => {}
            }
        }
        Enclosing { depth, in_fstring }
    }
}

/// Single-token expressions: names and literals.
fn is_atom(t: &Token) -> bool {
    matches!(
        t,
        Token::Name(_)
            | Token::Int(_)
            | Token::BigInt(_)
            | Token::Float(_)
            | Token::Str(_)
            | Token::Bytes(_)
            | Token::None
            | Token::True
            | Token::False
    )
}

/// Tokens that can start an expression (for "Perhaps you forgot a comma?").
fn starts_expr(t: &Token) -> bool {
    is_atom(t) || matches!(t, Token::FStringStart | Token::LPar | Token::LSqb | Token::LBrace)
}

/// Tokens that can end an expression (for "Perhaps you forgot a comma?").
fn ends_expr(t: &Token) -> bool {
    is_atom(t) || matches!(t, Token::FStringEnd | Token::RPar | Token::RSqb | Token::RBrace)
}

/// Builds a custom error; a leading `IndentationError:` marks the class.
fn custom_error(message: &str, at: Span) -> SyntaxError {
    match message.strip_prefix("IndentationError:") {
        Some(rest) => SyntaxError::indentation(rest.trim_start(), at),
        None => SyntaxError::new(message, at),
    }
}

/// A zero-width span just after the token before `at` (where a missing `:` belongs).
fn previous_token_end(tokens: &[Tok], at: Span) -> Span {
    let index = tokens.partition_point(|(_, s)| (s.start as u32) < at.start);
    match index.checked_sub(1).and_then(|i| tokens.get(i)) {
        Some((_, s)) => Span::at(s.end),
        None => at,
    }
}

/// How an expected pattern is shown to the user.
fn describe_pattern(pattern: &RichPattern<'_, Token>) -> Option<String> {
    match pattern {
        RichPattern::Token(t) => Some(t.describe()),
        RichPattern::Label(l) => Some(l.to_string()),
        RichPattern::EndOfInput => Some("end of file".into()),
        _ => None,
    }
}

/// `a`, `a or b`, `a, b or c`.
fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// 1-based line of a byte offset (only used while building rare error messages).
fn line_of(text: &str, offset: usize) -> usize {
    crate::source::LineIndex::new(text).line_of(offset)
}

//! String literals: adjacent-literal concatenation and f-strings (whose replacement
//! fields arrive as ordinary tokens from the lexer, spans pointing into the file).

use super::{P, PErr, span};
use crate::syntax::ast::*;
use crate::syntax::token::Token;
use chumsky::prelude::*;

/// One literal of a run of adjacent string literals.
enum Piece {
    Str(Box<str>),
    Bytes(Box<[u8]>),
    F(Vec<FStringPart>),
}

/// One or more adjacent string, bytes or f-string literals, joined.
pub(super) fn strings<'t, E: PErr<'t>>(star_exprs: P<'t, E, Expr>, yield_expr: P<'t, E, Expr>) -> P<'t, E, Expr> {
    let plain = select_ref! {
        Token::Str(s) => Piece::Str(s.clone()),
        Token::Bytes(b) => Piece::Bytes(b.clone()),
    };
    let fstring = just(Token::FStringStart)
        .ignore_then(parts(star_exprs, yield_expr))
        .then_ignore(just(Token::FStringEnd))
        .map(Piece::F);
    plain
        .or(fstring)
        .repeated()
        .at_least(1)
        .collect::<Vec<_>>()
        .validate(|pieces, e, emitter| {
            let whole = span(e.span());
            match join(pieces) {
                Some(kind) => Expr::new(kind, whole),
                None => {
                    emitter.emit(E::custom(e.span(), "cannot mix bytes and nonbytes literals"));
                    Expr::new(ExprKind::Error, whole)
                }
            }
        })
        .boxed()
}

/// The body of an f-string: text and replacement fields (fields may nest in specs).
fn parts<'t, E: PErr<'t>>(star_exprs: P<'t, E, Expr>, yield_expr: P<'t, E, Expr>) -> P<'t, E, Vec<FStringPart>> {
    recursive(move |parts| {
        let text = select_ref! { Token::FStringMiddle(s) => FStringPart::Literal(s.clone()) };
        let field = just(Token::FieldStart)
            .ignore_then(yield_expr.clone().or(star_exprs.clone()))
            .then(select_ref! { Token::FieldDebug(t) => t.clone() }.or_not())
            .then(select_ref! { Token::FieldConversion(c) => *c }.or_not())
            .then(just(Token::FieldSpec).ignore_then(parts).or_not())
            .then_ignore(just(Token::FieldEnd))
            .map_with(|(((value, debug_text), conversion), spec), e| {
                let field = FormattedValue { value, debug_text, conversion, spec, span: span(e.span()) };
                FStringPart::Field(Box::new(field))
            });
        text.or(field).repeated().collect::<Vec<_>>().map(merge_literals)
    })
    .boxed()
}

/// Joins adjacent literal parts, as Python's `JoinedStr` does.
fn merge_literals(parts: Vec<FStringPart>) -> Vec<FStringPart> {
    let mut merged: Vec<FStringPart> = Vec::with_capacity(parts.len());
    for part in parts {
        match (merged.last_mut(), part) {
            (_, FStringPart::Literal(s)) if s.is_empty() => {}
            (Some(FStringPart::Literal(prev)), FStringPart::Literal(s)) => {
                *prev = format!("{prev}{s}").into();
            }
            (_, part) => merged.push(part),
        }
    }
    merged
}

/// Joins a run of literals; `None` when bytes and non-bytes are mixed.
fn join(pieces: Vec<Piece>) -> Option<ExprKind> {
    let all_bytes = pieces.iter().all(|p| matches!(p, Piece::Bytes(_)));
    let any_bytes = pieces.iter().any(|p| matches!(p, Piece::Bytes(_)));
    if any_bytes && !all_bytes {
        return None;
    }
    let kind = if all_bytes {
        let mut out = Vec::new();
        for piece in pieces {
            if let Piece::Bytes(b) = piece {
                out.extend_from_slice(&b);
            }
        }
        ExprKind::Bytes(out.into())
    } else if pieces.iter().any(|p| matches!(p, Piece::F(_))) {
        let mut parts = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Str(s) => parts.push(FStringPart::Literal(s)),
                Piece::F(f) => parts.extend(f),
                Piece::Bytes(_) => {}
            }
        }
        ExprKind::FString(merge_literals(parts))
    } else {
        let mut out = String::new();
        for piece in pieces {
            if let Piece::Str(s) = piece {
                out.push_str(&s);
            }
        }
        ExprKind::Str(out.into())
    };
    Some(kind)
}

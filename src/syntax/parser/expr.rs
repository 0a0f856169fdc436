//! Expressions: atoms and displays, trailers, the Pratt table for arithmetic and
//! bitwise operators, comparisons, `not`/`and`/`or`, conditionals and lambdas.
//!
//! Every alternative that shares a prefix parses that prefix once (e.g. the first
//! element of `(`/`[`/`{`), so nested brackets never cause exponential backtracking.

use super::params::{call_args, lambda_params};
use super::{P, PErr, span};
use crate::syntax::ast::*;
use crate::syntax::token::Token;
use chumsky::pratt::*;
use chumsky::prelude::*;

/// The expression parsers the statement grammar needs.
#[derive(Clone)]
pub(super) struct Exprs<'t, E: PErr<'t>> {
    /// `expression`: conditional or lambda (no top-level star or walrus).
    pub test: P<'t, E, Expr>,
    /// `named_expression`: `test` or `name := test`.
    pub named: P<'t, E, Expr>,
    /// `star_expressions`: a comma list becomes a `Tuple`.
    pub star_exprs: P<'t, E, Expr>,
    /// `star_targets` for `for` loops and comprehensions.
    pub targets: P<'t, E, Expr>,
    /// One target (`bitwise_or` level, or starred).
    pub target: P<'t, E, Expr>,
    /// `yield` / `yield from` expressions.
    pub yield_expr: P<'t, E, Expr>,
    /// An identifier with its span.
    pub ident: P<'t, E, Ident>,
    /// Comprehension clauses (`for ... in ... if ...`).
    pub comp_fors: P<'t, E, Vec<Comprehension>>,
}

/// Boxes an expression.
fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// An identifier token.
pub(super) fn ident<'t, E: PErr<'t>>() -> P<'t, E, Ident> {
    select_ref! { Token::Name(n) = e => Ident { name: n.clone(), span: span(e.span()) } }.labelled("name").boxed()
}

/// `item (',' item)* [',']`: a single item, or a `Tuple` when there is a comma.
pub(super) fn comma_list<'t, E: PErr<'t>>(item: P<'t, E, Expr>) -> P<'t, E, Expr> {
    item.clone()
        .then(just(Token::Comma).ignore_then(item).repeated().collect::<Vec<_>>())
        .then(just(Token::Comma).or_not())
        .map_with(|((first, rest), comma), e| {
            if rest.is_empty() && comma.is_none() {
                first
            } else {
                let mut elts = vec![first];
                elts.extend(rest);
                Expr::new(ExprKind::Tuple(elts), span(e.span()))
            }
        })
        .boxed()
}

/// Builds all expression parsers.
///
/// `test` and `bitor` are the two recursion points. They are built with chumsky's
/// `recursive`, whose self-references are weak (`Recursive::declare` would leak an `Rc`
/// cycle per parse); `bitor` is built once inside `test` and once more for the parsers
/// handed out, which costs only construction time.
pub(super) fn exprs<'t, E: PErr<'t>>() -> Exprs<'t, E> {
    let test: P<'t, E, Expr> = recursive(|test| {
        let test: P<'t, E, Expr> = test.boxed();
        let bitor: P<'t, E, Expr> = recursive(|bitor| bitor_level(&Parts::new(test.clone(), bitor.boxed()))).boxed();
        test_level(&Parts::new(test, bitor))
    })
    .boxed();
    let bitor: P<'t, E, Expr> = recursive(|bitor| bitor_level(&Parts::new(test.clone(), bitor.boxed()))).boxed();
    let parts = Parts::new(test, bitor);
    Exprs {
        test: parts.test,
        named: parts.named,
        star_exprs: parts.star_exprs,
        targets: parts.targets,
        target: parts.target,
        yield_expr: parts.yield_expr,
        ident: ident(),
        comp_fors: parts.comp_fors,
    }
}

/// `bitwise_or` and everything that binds tighter: atoms, trailers, `await`, arithmetic.
fn bitor_level<'t, E: PErr<'t>>(parts: &Parts<'t, E>) -> P<'t, E, Expr> {
    let primary = primary(atom(parts), parts);
    let await_primary = just(Token::Await)
        .or_not()
        .then(primary)
        .map_with(|(aw, v), e| match aw {
            Some(_) => Expr::new(ExprKind::Await(bx(v)), span(e.span())),
            None => v,
        })
        .boxed();
    arith(await_primary).labelled("expression").boxed()
}

/// `expression`: a lambda or a (conditional) `or_test`.
fn test_level<'t, E: PErr<'t>>(parts: &Parts<'t, E>) -> P<'t, E, Expr> {
    let lambda = just(Token::Lambda)
        .ignore_then(lambda_params(parts.test.clone()))
        .then_ignore(just(Token::Colon))
        .then(parts.test.clone())
        .map_with(|(params, body), e| {
            Expr::new(ExprKind::Lambda { params: Box::new(params), body: bx(body) }, span(e.span()))
        });
    let or_test = parts.or_test.clone();
    let conditional = or_test
        .clone()
        .then(just(Token::If).ignore_then(or_test).then_ignore(just(Token::Else)).then(parts.test.clone()).or_not())
        .map_with(|(body, rest), e| match rest {
            None => body,
            Some((cond, orelse)) => {
                Expr::new(ExprKind::IfExp { test: bx(cond), body: bx(body), orelse: bx(orelse) }, span(e.span()))
            }
        });
    lambda.or(conditional).labelled("expression").boxed()
}

/// The parsers built on top of the two recursion points.
#[derive(Clone)]
struct Parts<'t, E: PErr<'t>> {
    test: P<'t, E, Expr>,
    named: P<'t, E, Expr>,
    star_named: P<'t, E, Expr>,
    star_exprs: P<'t, E, Expr>,
    yield_expr: P<'t, E, Expr>,
    comp_fors: P<'t, E, Vec<Comprehension>>,
    bitor: P<'t, E, Expr>,
    or_test: P<'t, E, Expr>,
    target: P<'t, E, Expr>,
    targets: P<'t, E, Expr>,
}

impl<'t, E: PErr<'t>> Parts<'t, E> {
    /// Derives every other expression parser from `test` and `bitor`.
    fn new(test: P<'t, E, Expr>, bitor: P<'t, E, Expr>) -> Parts<'t, E> {
        let starred = just(Token::Star)
            .ignore_then(bitor.clone())
            .map_with(|v, e| Expr::new(ExprKind::Starred(bx(v)), span(e.span())))
            .boxed();
        let named = ident()
            .then_ignore(just(Token::ColonEqual))
            .then(test.clone())
            .map_with(|(target, v), e| Expr::new(ExprKind::NamedExpr { target, value: bx(v) }, span(e.span())))
            .or(test.clone())
            .boxed();
        let star_named = starred.clone().or(named.clone()).boxed();
        let star_exprs = comma_list(starred.clone().or(test.clone()).boxed());
        let target = starred.or(bitor.clone()).boxed();
        let targets = comma_list(target.clone());
        let yield_expr = yield_expr(test.clone(), star_exprs.clone());
        let or_test = logic(bitor.clone());
        let comp_fors = comp_fors(targets.clone(), or_test.clone());
        Parts { test, named, star_named, star_exprs, yield_expr, comp_fors, bitor, or_test, target, targets }
    }
}

/// `yield [star_expressions]` / `yield from test`.
fn yield_expr<'t, E: PErr<'t>>(test: P<'t, E, Expr>, star_exprs: P<'t, E, Expr>) -> P<'t, E, Expr> {
    just(Token::Yield)
        .ignore_then(
            just(Token::From)
                .ignore_then(test)
                .map(|v| ExprKind::YieldFrom(bx(v)))
                .or(star_exprs.or_not().map(|v| ExprKind::Yield(v.map(bx)))),
        )
        .map_with(|kind, e| Expr::new(kind, span(e.span())))
        .boxed()
}

/// `[async] for targets in or_test (if or_test)*`, one or more.
fn comp_fors<'t, E: PErr<'t>>(targets: P<'t, E, Expr>, or_test: P<'t, E, Expr>) -> P<'t, E, Vec<Comprehension>> {
    just(Token::Async)
        .or_not()
        .then_ignore(just(Token::For))
        .then(targets)
        .then_ignore(just(Token::In))
        .then(or_test.clone())
        .then(just(Token::If).ignore_then(or_test).repeated().collect::<Vec<_>>())
        .map(|(((is_async, target), iter), ifs)| Comprehension { target, iter, ifs, is_async: is_async.is_some() })
        .repeated()
        .at_least(1)
        .collect()
        .boxed()
}

/// `or_test`: comparisons, then `not`, `and`, `or`.
fn logic<'t, E: PErr<'t>>(bitor: P<'t, E, Expr>) -> P<'t, E, Expr> {
    let cmp_op = choice((
        just(Token::EqEqual).to(CmpOp::Eq),
        just(Token::NotEqual).to(CmpOp::NotEq),
        just(Token::LessEqual).to(CmpOp::LtE),
        just(Token::Less).to(CmpOp::Lt),
        just(Token::GreaterEqual).to(CmpOp::GtE),
        just(Token::Greater).to(CmpOp::Gt),
        just(Token::In).to(CmpOp::In),
        just(Token::Not).then(just(Token::In)).to(CmpOp::NotIn),
        just(Token::Is).then(just(Token::Not)).to(CmpOp::IsNot),
        just(Token::Is).to(CmpOp::Is),
    ));
    let comparison =
        bitor.clone().then(cmp_op.then(bitor).repeated().collect::<Vec<_>>()).map_with(|(left, rest), e| {
            if rest.is_empty() {
                return left;
            }
            let (ops, comparators) = rest.into_iter().unzip();
            Expr::new(ExprKind::Compare { left: bx(left), ops, comparators }, span(e.span()))
        });
    let not_test = just(Token::Not)
        .map_with(|_, e| e.span())
        .repeated()
        .foldr(comparison, |not_span, operand| {
            let whole = span(not_span).to(operand.span);
            Expr::new(ExprKind::UnaryOp { op: UnaryOp::Not, operand: bx(operand) }, whole)
        })
        .boxed();
    let and_test = bool_chain(not_test, Token::And, BoolOp::And);
    bool_chain(and_test, Token::Or, BoolOp::Or)
}

/// `item (op item)*` as one flat `BoolOp`.
fn bool_chain<'t, E: PErr<'t>>(item: P<'t, E, Expr>, op: Token, kind: BoolOp) -> P<'t, E, Expr> {
    item.separated_by(just(op))
        .at_least(1)
        .collect::<Vec<_>>()
        .map_with(move |mut values, e| {
            if values.len() == 1 {
                values.pop().unwrap_or_else(|| Expr::new(ExprKind::Error, span(e.span())))
            } else {
                Expr::new(ExprKind::BoolOp { op: kind, values }, span(e.span()))
            }
        })
        .boxed()
}

/// Binary operator constructor for the Pratt table.
fn binary(left: Expr, op: BinOp, right: Expr) -> Expr {
    let whole = left.span.to(right.span);
    Expr::new(ExprKind::BinOp { left: bx(left), op, right: bx(right) }, whole)
}

/// `bitwise_or` down to `power`: Python's arithmetic precedence as one Pratt table.
fn arith<'t, E: PErr<'t>>(operand: P<'t, E, Expr>) -> P<'t, E, Expr> {
    operand
        .pratt((
            infix(right(9), just(Token::DoubleStar), |l, _, r, _| binary(l, BinOp::Pow, r)),
            prefix(
                8,
                select_ref! {
                    Token::Minus => UnaryOp::USub,
                    Token::Plus => UnaryOp::UAdd,
                    Token::Tilde => UnaryOp::Invert,
                },
                |op, operand: Expr, e| Expr::new(ExprKind::UnaryOp { op, operand: bx(operand) }, span(e.span())),
            ),
            infix(
                left(7),
                select_ref! {
                    Token::Star => BinOp::Mult,
                    Token::Slash => BinOp::Div,
                    Token::DoubleSlash => BinOp::FloorDiv,
                    Token::Percent => BinOp::Mod,
                    Token::At => BinOp::MatMult,
                },
                |l, op, r, _| binary(l, op, r),
            ),
            infix(left(6), select_ref! { Token::Plus => BinOp::Add, Token::Minus => BinOp::Sub }, |l, op, r, _| {
                binary(l, op, r)
            }),
            infix(
                left(5),
                select_ref! { Token::LeftShift => BinOp::LShift, Token::RightShift => BinOp::RShift },
                |l, op, r, _| binary(l, op, r),
            ),
            infix(left(4), just(Token::Amper), |l, _, r, _| binary(l, BinOp::BitAnd, r)),
            infix(left(3), just(Token::Circumflex), |l, _, r, _| binary(l, BinOp::BitXor, r)),
            infix(left(2), just(Token::Vbar), |l, _, r, _| binary(l, BinOp::BitOr, r)),
        ))
        .boxed()
}

/// A postfix trailer.
enum Trailer {
    Attr(Ident),
    Call(Vec<Expr>, Vec<Keyword>),
    Index(Expr),
}

/// An atom followed by `.name`, `(args)` and `[index]` trailers.
fn primary<'t, E: PErr<'t>>(atom: P<'t, E, Expr>, parts: &Parts<'t, E>) -> P<'t, E, Expr> {
    let attr = just(Token::Dot).ignore_then(ident()).map(Trailer::Attr);
    let call = call_args(parts.test.clone(), parts.named.clone(), parts.comp_fors.clone())
        .delimited_by(just(Token::LPar), just(Token::RPar))
        .map(|(args, kw)| Trailer::Call(args, kw));
    let index = subscript(parts).delimited_by(just(Token::LSqb), just(Token::RSqb)).map(Trailer::Index);
    atom.foldl_with(choice((attr, call, index)).map_with(|t, e| (t, span(e.span()))).repeated(), |value, (t, at), _| {
        let whole = value.span.to(at);
        let kind = match t {
            Trailer::Attr(attr) => ExprKind::Attribute { value: bx(value), attr },
            Trailer::Call(args, keywords) => ExprKind::Call { func: bx(value), args, keywords },
            Trailer::Index(index) => ExprKind::Subscript { value: bx(value), index: bx(index) },
        };
        Expr::new(kind, whole)
    })
    .boxed()
}

/// The inside of `[...]` after a value: slices and indices, a `Tuple` when comma-separated.
fn subscript<'t, E: PErr<'t>>(parts: &Parts<'t, E>) -> P<'t, E, Expr> {
    let opt = || parts.test.clone().or_not();
    let slice_tail = just(Token::Colon).ignore_then(opt()).then(just(Token::Colon).ignore_then(opt()).or_not());
    let item = parts.star_named.clone().or_not().then(slice_tail.or_not()).try_map_with(|(lower, tail), e| {
        match (lower, tail) {
            (Some(v), None) => Ok(v),
            (None, None) => Err(E::custom(e.span(), "invalid syntax")),
            (lower, Some((upper, step))) => Ok(Expr::new(
                ExprKind::Slice { lower: lower.map(bx), upper: upper.map(bx), step: step.flatten().map(bx) },
                span(e.span()),
            )),
        }
    });
    comma_list(item.boxed())
        .map(|index| match index.kind {
            ExprKind::Starred(_) => {
                let at = index.span;
                Expr::new(ExprKind::Tuple(vec![index]), at)
            }
            _ => index,
        })
        .boxed()
}

/// Atoms: names, literals, parenthesised forms and displays.
fn atom<'t, E: PErr<'t>>(parts: &Parts<'t, E>) -> P<'t, E, Expr> {
    let simple = select_ref! {
        Token::Name(n) => ExprKind::Name(n.clone()),
        Token::Int(i) => ExprKind::Int(*i),
        Token::BigInt(b) => ExprKind::BigInt(b.clone()),
        Token::Float(f) => ExprKind::Float(*f),
        Token::None => ExprKind::None,
        Token::True => ExprKind::True,
        Token::False => ExprKind::False,
        Token::Ellipsis => ExprKind::Ellipsis,
    }
    .map_with(|kind, e| Expr::new(kind, span(e.span())));
    choice((
        simple,
        super::strings::strings(parts.star_exprs.clone(), parts.yield_expr.clone()),
        parens(parts),
        list(parts),
        braces(parts),
    ))
    .labelled("expression")
    .boxed()
}

/// `( )`, `(yield x)`, `(x)`, `(x, y)`, `(x for ...)`.
fn parens<'t, E: PErr<'t>>(parts: &Parts<'t, E>) -> P<'t, E, Expr> {
    let rest = parts.comp_fors.clone().map(Ok).or(list_tail(parts.star_named.clone()).map(Err));
    let body = parts.yield_expr.clone().map(|y| (y, None)).or(parts.star_named.clone().then(rest.map(Some)));
    body.or_not()
        .delimited_by(just(Token::LPar), just(Token::RPar))
        .map_with(|body, e| {
            let whole = span(e.span());
            match body {
                None => Expr::new(ExprKind::Tuple(Vec::new()), whole),
                Some((single, None)) => single,
                Some((elt, Some(Ok(generators)))) => {
                    Expr::new(ExprKind::GeneratorExp { elt: bx(elt), generators }, whole)
                }
                Some((first, Some(Err((rest, comma))))) => {
                    if rest.is_empty() && !comma {
                        first
                    } else {
                        Expr::new(ExprKind::Tuple(prepend(first, rest)), whole)
                    }
                }
            }
        })
        .boxed()
}

/// `(',' item)* [',']` after a first item: the rest and whether any comma was seen.
fn list_tail<'t, E: PErr<'t>>(item: P<'t, E, Expr>) -> P<'t, E, (Vec<Expr>, bool)> {
    just(Token::Comma)
        .ignore_then(item)
        .repeated()
        .collect::<Vec<_>>()
        .then(just(Token::Comma).or_not())
        .map(|(rest, trailing)| {
            let comma = !rest.is_empty() || trailing.is_some();
            (rest, comma)
        })
        .boxed()
}

/// `first` followed by `rest`.
fn prepend(first: Expr, rest: Vec<Expr>) -> Vec<Expr> {
    let mut all = Vec::with_capacity(rest.len() + 1);
    all.push(first);
    all.extend(rest);
    all
}

/// `[ ]`, `[a, *b]`, `[x for ...]`.
fn list<'t, E: PErr<'t>>(parts: &Parts<'t, E>) -> P<'t, E, Expr> {
    let rest = parts.comp_fors.clone().map(Ok).or(list_tail(parts.star_named.clone()).map(Err));
    parts
        .star_named
        .clone()
        .then(rest)
        .or_not()
        .delimited_by(just(Token::LSqb), just(Token::RSqb))
        .map_with(|body, e| {
            let kind = match body {
                None => ExprKind::List(Vec::new()),
                Some((elt, Ok(generators))) => ExprKind::ListComp { elt: bx(elt), generators },
                Some((first, Err((rest, _)))) => ExprKind::List(prepend(first, rest)),
            };
            Expr::new(kind, span(e.span()))
        })
        .boxed()
}

/// What follows the first entry of a `{...}` display.
enum BraceRest {
    DictComp(Expr, Vec<Comprehension>),
    Dict(Expr, Vec<DictItem>),
    SetComp(Vec<Comprehension>),
    Set(Vec<Expr>),
}

/// `{}`, `{k: v, **m}`, `{a, *b}`, `{k: v for ...}`, `{x for ...}`.
fn braces<'t, E: PErr<'t>>(parts: &Parts<'t, E>) -> P<'t, E, Expr> {
    let dict_item = choice((
        just(Token::DoubleStar).ignore_then(parts.bitor.clone()).map(DictItem::Unpack),
        parts.test.clone().then_ignore(just(Token::Colon)).then(parts.test.clone()).map(|(k, v)| DictItem::Pair(k, v)),
    ))
    .boxed();
    let dict_tail = just(Token::Comma)
        .ignore_then(dict_item.clone())
        .repeated()
        .collect::<Vec<_>>()
        .then_ignore(just(Token::Comma).or_not());
    let after_key = just(Token::Colon)
        .ignore_then(parts.test.clone())
        .then(choice((parts.comp_fors.clone().map(Ok), dict_tail.clone().map(Err))));
    let rest = choice((
        after_key.map(|(value, rest)| match rest {
            Ok(generators) => BraceRest::DictComp(value, generators),
            Err(items) => BraceRest::Dict(value, items),
        }),
        parts.comp_fors.clone().map(BraceRest::SetComp),
        list_tail(parts.star_named.clone()).map(|(rest, _)| BraceRest::Set(rest)),
    ));
    let unpack_first = just(Token::DoubleStar)
        .ignore_then(parts.bitor.clone())
        .then(dict_tail)
        .map(|(first, rest)| ExprKind::Dict(prepend_item(DictItem::Unpack(first), rest)));
    let keyed = parts.star_named.clone().then(rest).map(|(first, rest)| match rest {
        BraceRest::DictComp(value, generators) => ExprKind::DictComp { key: bx(first), value: bx(value), generators },
        BraceRest::Dict(value, items) => ExprKind::Dict(prepend_item(DictItem::Pair(first, value), items)),
        BraceRest::SetComp(generators) => ExprKind::SetComp { elt: bx(first), generators },
        BraceRest::Set(items) => ExprKind::Set(prepend(first, items)),
    });
    choice((unpack_first, keyed))
        .or_not()
        .delimited_by(just(Token::LBrace), just(Token::RBrace))
        .map_with(|kind, e| Expr::new(kind.unwrap_or(ExprKind::Dict(Vec::new())), span(e.span())))
        .boxed()
}

/// `first` followed by `rest` for dict items.
fn prepend_item(first: DictItem, rest: Vec<DictItem>) -> Vec<DictItem> {
    let mut all = Vec::with_capacity(rest.len() + 1);
    all.push(first);
    all.extend(rest);
    all
}

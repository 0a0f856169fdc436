//! Parameter lists (`def` and `lambda`) and call arguments, with CPython's messages
//! for items in the wrong order.

use super::expr::ident;
use super::{P, PErr, span};
use crate::syntax::ast::*;
use crate::syntax::token::Token;
use chumsky::input::Emitter;
use chumsky::prelude::*;

/// One comma-separated item of a parameter list, before grouping.
#[derive(Clone)]
enum Item {
    Slash,
    Star(Option<Param>),
    DoubleStar(Param),
    Plain(Param),
}

/// `def` parameters: annotations allowed.
pub(super) fn def_params<'t, E: PErr<'t>>(test: P<'t, E, Expr>) -> P<'t, E, Params> {
    param_list(Some(test.clone()), test)
}

/// `lambda` parameters: no annotations.
pub(super) fn lambda_params<'t, E: PErr<'t>>(test: P<'t, E, Expr>) -> P<'t, E, Params> {
    param_list(None, test)
}

/// The shared parameter-list grammar.
fn param_list<'t, E: PErr<'t>>(annotation: Option<P<'t, E, Expr>>, test: P<'t, E, Expr>) -> P<'t, E, Params> {
    let ann = match annotation {
        Some(a) => just(Token::Colon).ignore_then(a).or_not().boxed(),
        None => empty().to(None).boxed(),
    };
    let param = ident().then(ann).map(|(name, annotation)| Param { name, annotation, default: None }).boxed();
    let item = choice((
        just(Token::Slash).to(Item::Slash),
        just(Token::DoubleStar).ignore_then(param.clone()).map(Item::DoubleStar),
        just(Token::Star).ignore_then(param.clone().or_not()).map(Item::Star),
        param.then(just(Token::Equal).ignore_then(test).or_not()).map(|(mut p, default)| {
            p.default = default;
            Item::Plain(p)
        }),
    ));
    item.separated_by(just(Token::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .validate(|items, e, emitter| group_params(items, e.span(), emitter))
        .boxed()
}

/// Sorts items into Python's five groups, reporting misplaced ones.
fn group_params<'t, E: PErr<'t>>(items: Vec<Item>, at: SimpleSpan, emitter: &mut Emitter<E>) -> Params {
    let mut params = Params::default();
    let mut error = |msg: &str| emitter.emit(E::custom(at, msg));
    let (mut seen_slash, mut seen_star, mut seen_default) = (false, false, false);
    let star_count = items.iter().filter(|i| matches!(i, Item::Star(_))).count();
    for item in items {
        if params.kwarg.is_some() {
            error("arguments cannot follow var-keyword argument");
            break;
        }
        match item {
            Item::Slash if seen_slash => error("/ may appear only once"),
            Item::Slash if seen_star => error("/ must be ahead of *"),
            Item::Slash if params.args.is_empty() => error("at least one argument must precede /"),
            Item::Slash => {
                seen_slash = true;
                params.posonly = std::mem::take(&mut params.args);
            }
            Item::Star(_) if seen_star => error("* argument may appear only once"),
            Item::Star(p) => {
                seen_star = true;
                params.vararg = p;
            }
            Item::DoubleStar(p) => params.kwarg = Some(p),
            Item::Plain(p) if seen_star => params.kwonly.push(p),
            Item::Plain(p) => {
                if p.default.is_some() {
                    seen_default = true;
                } else if seen_default {
                    error("non-default argument follows default argument");
                }
                params.args.push(p);
            }
        }
    }
    if star_count == 1 && params.vararg.is_none() && params.kwonly.is_empty() {
        error("named arguments must follow bare *");
    }
    params
}

/// One call argument, before grouping.
enum Arg {
    Positional(Expr),
    /// An unparenthesised generator expression (only allowed as the sole argument).
    Genexp(Expr),
    Star(Expr),
    Keyword(Keyword),
    DoubleStar(Keyword),
}

/// The inside of `f(...)`: positional arguments (incl. `*x`) and keywords (incl. `**x`).
pub(super) fn call_args<'t, E: PErr<'t>>(
    test: P<'t, E, Expr>,
    named: P<'t, E, Expr>,
    comp_fors: P<'t, E, Vec<Comprehension>>,
) -> P<'t, E, (Vec<Expr>, Vec<Keyword>)> {
    let keyword = ident()
        .then_ignore(just(Token::Equal))
        .then(test.clone())
        .map_with(|(arg, value), e| Arg::Keyword(Keyword { arg: Some(arg), value, span: span(e.span()) }));
    let double_star = just(Token::DoubleStar)
        .ignore_then(test.clone())
        .map_with(|value, e| Arg::DoubleStar(Keyword { arg: None, value, span: span(e.span()) }));
    let star = just(Token::Star)
        .ignore_then(test)
        .map_with(|v, e| Arg::Star(Expr::new(ExprKind::Starred(Box::new(v)), span(e.span()))));
    let positional = named.then(comp_fors.or_not()).map_with(|(elt, gens), e| match gens {
        None => Arg::Positional(elt),
        Some(generators) => {
            Arg::Genexp(Expr::new(ExprKind::GeneratorExp { elt: Box::new(elt), generators }, span(e.span())))
        }
    });
    choice((keyword, double_star, star, positional))
        .separated_by(just(Token::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .validate(|args, e, emitter| group_args(args, e.span(), emitter))
        .boxed()
}

/// Splits arguments into positional and keyword lists, checking CPython's order rules.
fn group_args<'t, E: PErr<'t>>(args: Vec<Arg>, at: SimpleSpan, emitter: &mut Emitter<E>) -> (Vec<Expr>, Vec<Keyword>) {
    let count = args.len();
    let (mut positional, mut keywords) = (Vec::new(), Vec::new());
    let (mut seen_keyword, mut seen_double_star) = (false, false);
    for arg in args {
        let is_genexp = matches!(arg, Arg::Genexp(_));
        match arg {
            Arg::Positional(e) | Arg::Genexp(e) => {
                if is_genexp && count > 1 {
                    emitter.emit(E::custom(at, "Generator expression must be parenthesized"));
                }
                if seen_double_star {
                    emitter.emit(E::custom(at, "positional argument follows keyword argument unpacking"));
                } else if seen_keyword {
                    emitter.emit(E::custom(at, "positional argument follows keyword argument"));
                }
                positional.push(e);
            }
            Arg::Star(e) => {
                if seen_double_star {
                    emitter.emit(E::custom(at, "iterable argument unpacking follows keyword argument unpacking"));
                }
                positional.push(e);
            }
            Arg::Keyword(k) => {
                seen_keyword = true;
                keywords.push(k);
            }
            Arg::DoubleStar(k) => {
                seen_double_star = true;
                keywords.push(k);
            }
        }
    }
    (positional, keywords)
}

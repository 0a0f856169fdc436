//! Statements: simple statements, compound statements with their blocks, decorators,
//! and per-statement error recovery.

use super::expr::{Exprs, exprs};
use super::params::{call_args, def_params};
use super::{Extra, In, P, PErr, line_of, span};
use crate::syntax::ast::*;
use crate::syntax::token::Token;
use chumsky::input::Emitter;
use chumsky::prelude::*;

/// A parsed block, or the place where an indented block was missing.
#[derive(Clone)]
enum Body {
    Stmts(Vec<Stmt>),
    Missing(SimpleSpan),
}

/// The parser of a whole file.
pub(super) fn module<'t, E: PErr<'t>>(text: &'t str) -> impl Parser<'t, In<'t>, Module, Extra<'t, E>> {
    let ex = exprs();
    let simple = simple_stmts(&ex);
    // `recursive` keeps the self-reference weak, so no `Rc` cycle outlives the parse.
    let stmt = recursive(|stmt| {
        let block = block(stmt.boxed(), simple.clone());
        let g = Grammar { ex, block, text };
        let compound = choice((g.if_stmt(), g.while_stmt(), g.for_stmt(), g.try_stmt(), g.with_stmt(), g.decorated()))
            .map(|s| vec![s]);
        compound.or(simple.clone()).recover_with(via_parser(recovery()))
    });
    stmt.repeated()
        .collect::<Vec<_>>()
        .then_ignore(end())
        .map(|stmts| Module { body: stmts.into_iter().flatten().collect() })
}

/// `NEWLINE INDENT stmt+ DEDENT`, a simple statement line, or a missing block.
fn block<'t, E: PErr<'t>>(stmt: P<'t, E, Vec<Stmt>>, simple: P<'t, E, Vec<Stmt>>) -> P<'t, E, Body> {
    let indented = just(Token::Newline)
        .ignore_then(just(Token::Indent))
        .ignore_then(stmt.repeated().at_least(1).collect::<Vec<_>>())
        .then_ignore(just(Token::Dedent))
        .map(|s| Body::Stmts(s.into_iter().flatten().collect()));
    let missing = just(Token::Newline).map_with(|_, e| {
        let at: SimpleSpan = e.span();
        Body::Missing(SimpleSpan::from(at.end..at.end))
    });
    choice((indented, simple.map(Body::Stmts), missing)).boxed()
}

/// Skips a broken statement: the rest of its line and any block indented under it.
fn recovery<'t, E: PErr<'t>>() -> P<'t, E, Vec<Stmt>> {
    let skip_block = recursive(|skip_block| {
        let other = any().filter(|t: &Token| !matches!(t, Token::Indent | Token::Dedent)).ignored();
        just(Token::Indent)
            .ignore_then(choice((skip_block, other)).repeated())
            .then_ignore(just(Token::Dedent))
            .ignored()
    });
    let line = any()
        .filter(|t: &Token| !matches!(t, Token::Newline | Token::Indent | Token::Dedent))
        .repeated()
        .then(just(Token::Newline))
        .then(skip_block.clone().or_not())
        .ignored();
    choice((line, skip_block)).map_with(|_, e| vec![Stmt::new(StmtKind::Error, span(e.span()))]).boxed()
}

/// `:` — when it is missing at the end of a line, reports "expected ':'" and goes on.
fn colon<'t, E: PErr<'t>>() -> P<'t, E, ()> {
    let missing = just(Token::Newline).rewind().validate(|_, e, emitter| {
        emitter.emit(E::custom(e.span(), "expected ':'"));
    });
    just(Token::Colon).ignored().or(missing.ignored()).boxed()
}

/// Builds a statement node from its kind and the parser's span.
fn node(kind: StmtKind, at: SimpleSpan) -> Stmt {
    Stmt::new(kind, span(at))
}

/// Simple statements separated by `;` and ended by NEWLINE.
fn simple_stmts<'t, E: PErr<'t>>(ex: &Exprs<'t, E>) -> P<'t, E, Vec<Stmt>> {
    let names = ex.ident.clone().separated_by(just(Token::Comma)).at_least(1).collect::<Vec<_>>();
    let small = choice((
        just(Token::Pass).to(StmtKind::Pass),
        just(Token::Break).to(StmtKind::Break),
        just(Token::Continue).to(StmtKind::Continue),
        just(Token::Return).ignore_then(ex.star_exprs.clone().or_not()).map(StmtKind::Return),
        just(Token::Raise)
            .ignore_then(ex.test.clone().then(just(Token::From).ignore_then(ex.test.clone()).or_not()).or_not())
            .map(|r| match r {
                Some((exc, cause)) => StmtKind::Raise { exc: Some(exc), cause },
                None => StmtKind::Raise { exc: None, cause: None },
            }),
        just(Token::Global).ignore_then(names.clone()).map(StmtKind::Global),
        just(Token::Nonlocal).ignore_then(names).map(StmtKind::Nonlocal),
        just(Token::Assert)
            .ignore_then(ex.test.clone())
            .then(just(Token::Comma).ignore_then(ex.test.clone()).or_not())
            .map(|(test, msg)| StmtKind::Assert { test, msg }),
        just(Token::Del)
            .ignore_then(ex.target.clone().separated_by(just(Token::Comma)).at_least(1).allow_trailing().collect())
            .map(StmtKind::Delete),
        import_stmt(ex),
        from_import(ex),
        expr_stmt(ex),
    ))
    .map_with(|kind, e| node(kind, e.span()));
    small
        .separated_by(just(Token::Semi))
        .at_least(1)
        .allow_trailing()
        .collect::<Vec<_>>()
        .then_ignore(just(Token::Newline))
        .boxed()
}

/// What follows the first expression of an expression statement.
#[derive(Clone)]
enum Tail {
    Aug(BinOp, Expr),
    Ann(Expr, Option<Expr>),
    Assign(Vec<Expr>),
    Nothing,
}

/// Expression statements, assignments (plain, chained, augmented, annotated).
fn expr_stmt<'t, E: PErr<'t>>(ex: &Exprs<'t, E>) -> P<'t, E, StmtKind> {
    let rhs = ex.yield_expr.clone().or(ex.star_exprs.clone()).boxed();
    let augop = select_ref! {
        Token::PlusEqual => BinOp::Add, Token::MinusEqual => BinOp::Sub,
        Token::StarEqual => BinOp::Mult, Token::AtEqual => BinOp::MatMult,
        Token::SlashEqual => BinOp::Div, Token::DoubleSlashEqual => BinOp::FloorDiv,
        Token::PercentEqual => BinOp::Mod, Token::DoubleStarEqual => BinOp::Pow,
        Token::LeftShiftEqual => BinOp::LShift, Token::RightShiftEqual => BinOp::RShift,
        Token::VbarEqual => BinOp::BitOr, Token::CircumflexEqual => BinOp::BitXor,
        Token::AmperEqual => BinOp::BitAnd,
    };
    let tail = choice((
        augop.then(rhs.clone()).map(|(op, v)| Tail::Aug(op, v)),
        just(Token::Colon)
            .ignore_then(ex.test.clone())
            .then(just(Token::Equal).ignore_then(rhs.clone()).or_not())
            .map(|(a, v)| Tail::Ann(a, v)),
        just(Token::Equal).ignore_then(rhs.clone()).repeated().at_least(1).collect().map(Tail::Assign),
        empty().to(Tail::Nothing),
    ));
    rhs.then(tail)
        .map(|(first, tail)| match tail {
            Tail::Aug(op, value) => StmtKind::AugAssign { target: first, op, value },
            Tail::Ann(annotation, value) => StmtKind::AnnAssign { target: first, annotation, value },
            Tail::Assign(mut rest) => {
                let value = rest.pop().unwrap_or_else(|| first.clone());
                let mut targets = vec![first];
                targets.extend(rest);
                StmtKind::Assign { targets, value }
            }
            Tail::Nothing => StmtKind::Expr(first),
        })
        .boxed()
}

/// A dotted module name.
fn dotted<'t, E: PErr<'t>>(ex: &Exprs<'t, E>) -> P<'t, E, Box<str>> {
    ex.ident
        .clone()
        .separated_by(just(Token::Dot))
        .at_least(1)
        .collect::<Vec<_>>()
        .map(|parts| parts.iter().map(|p| &*p.name).collect::<Vec<_>>().join(".").into())
        .boxed()
}

/// `import a.b as c, d`.
fn import_stmt<'t, E: PErr<'t>>(ex: &Exprs<'t, E>) -> P<'t, E, StmtKind> {
    let alias = dotted(ex)
        .then(just(Token::As).ignore_then(ex.ident.clone()).or_not())
        .map_with(|(name, asname), e| Alias { name, asname, span: span(e.span()) });
    just(Token::Import)
        .ignore_then(alias.separated_by(just(Token::Comma)).at_least(1).collect())
        .map(StmtKind::Import)
        .boxed()
}

/// `from .a import b as c`, `from a import (b, c,)`, `from a import *`.
fn from_import<'t, E: PErr<'t>>(ex: &Exprs<'t, E>) -> P<'t, E, StmtKind> {
    let alias = ex
        .ident
        .clone()
        .then(just(Token::As).ignore_then(ex.ident.clone()).or_not())
        .map_with(|(name, asname), e| Alias { name: name.name, asname, span: span(e.span()) });
    let names = alias.separated_by(just(Token::Comma)).at_least(1);
    let star = just(Token::Star).map_with(|_, e| vec![Alias { name: "*".into(), asname: None, span: span(e.span()) }]);
    let level = choice((just(Token::Dot).to(1u32), just(Token::Ellipsis).to(3u32)))
        .repeated()
        .fold(0u32, |a, b| a.saturating_add(b));
    just(Token::From)
        .ignore_then(level)
        .then(dotted(ex).or_not())
        .then_ignore(just(Token::Import))
        .then(choice((
            star,
            names.clone().allow_trailing().collect().delimited_by(just(Token::LPar), just(Token::RPar)),
            names.collect(),
        )))
        .validate(|((level, module), names), e, emitter| {
            if level == 0 && module.is_none() {
                emitter.emit(E::custom(e.span(), "invalid syntax"));
            }
            StmtKind::ImportFrom { module, level, names }
        })
        .boxed()
}

/// The compound-statement grammar; holds what every compound statement needs.
struct Grammar<'t, E: PErr<'t>> {
    ex: Exprs<'t, E>,
    block: P<'t, E, Body>,
    text: &'t str,
}

/// Resolves a parsed body, reporting a missing indented block like CPython.
fn body<'t, E: PErr<'t>>(b: Body, what: &str, header: SimpleSpan, text: &str, emitter: &mut Emitter<E>) -> Vec<Stmt> {
    match b {
        Body::Stmts(stmts) => stmts,
        Body::Missing(at) => {
            let line = line_of(text, header.start);
            let message = format!("IndentationError: expected an indented block after {what} on line {line}");
            emitter.emit(E::custom(at, &message));
            Vec::new()
        }
    }
}

/// A keyword token together with its span.
fn kw<'t, E: PErr<'t>>(token: Token) -> P<'t, E, SimpleSpan> {
    just(token).map_with(|_, e| e.span()).boxed()
}

impl<'t, E: PErr<'t>> Grammar<'t, E> {
    /// `KEYWORD ':' block` (used by `else`, `finally`, `try`).
    fn clause(&self, token: Token) -> P<'t, E, (SimpleSpan, Body)> {
        kw(token).then_ignore(colon()).then(self.block.clone()).boxed()
    }

    /// `if` / `elif` / `else`.
    fn if_stmt(&self) -> P<'t, E, Stmt> {
        let text = self.text;
        let branch = |t| kw(t).then(self.ex.named.clone()).then_ignore(colon()).then(self.block.clone());
        branch(Token::If)
            .then(branch(Token::Elif).repeated().collect::<Vec<_>>())
            .then(self.clause(Token::Else).or_not())
            .validate(move |((first, elifs), else_), e, emitter| {
                let mut orelse = match else_ {
                    Some((at, b)) => body(b, "'else' statement", at, text, emitter),
                    None => Vec::new(),
                };
                for ((at, test), b) in elifs.into_iter().rev() {
                    let end = orelse.last().map_or(at.end, |s: &Stmt| s.span.end as usize);
                    let b = body(b, "'elif' statement", at, text, emitter);
                    let kind = StmtKind::If { test, body: b, orelse };
                    orelse = vec![node(kind, SimpleSpan::from(at.start..end))];
                }
                let ((at, test), b) = first;
                let b = body(b, "'if' statement", at, text, emitter);
                node(StmtKind::If { test, body: b, orelse }, e.span())
            })
            .boxed()
    }

    /// `while test: block [else: block]`.
    fn while_stmt(&self) -> P<'t, E, Stmt> {
        let text = self.text;
        kw(Token::While)
            .then(self.ex.named.clone())
            .then_ignore(colon())
            .then(self.block.clone())
            .then(self.clause(Token::Else).or_not())
            .validate(move |(((at, test), b), else_), e, emitter| {
                let b = body(b, "'while' statement", at, text, emitter);
                let orelse = else_.map_or_else(Vec::new, |(at, b)| body(b, "'else' statement", at, text, emitter));
                node(StmtKind::While { test, body: b, orelse }, e.span())
            })
            .boxed()
    }

    /// `[async] for targets in exprs: block [else: block]`.
    fn for_stmt(&self) -> P<'t, E, Stmt> {
        let text = self.text;
        just(Token::Async)
            .or_not()
            .then(kw(Token::For))
            .then(self.ex.targets.clone())
            .then_ignore(just(Token::In))
            .then(self.ex.star_exprs.clone())
            .then_ignore(colon())
            .then(self.block.clone())
            .then(self.clause(Token::Else).or_not())
            .validate(move |(((((is_async, at), target), iter), b), else_), e, emitter| {
                let b = body(b, "'for' statement", at, text, emitter);
                let orelse = else_.map_or_else(Vec::new, |(at, b)| body(b, "'else' statement", at, text, emitter));
                node(StmtKind::For { is_async: is_async.is_some(), target, iter, body: b, orelse }, e.span())
            })
            .boxed()
    }

    /// `try` with `except`, `else` and `finally` clauses.
    fn try_stmt(&self) -> P<'t, E, Stmt> {
        let text = self.text;
        let handler = kw(Token::Except)
            .then(just(Token::Star).or_not())
            .then(self.ex.test.clone().then(just(Token::As).ignore_then(self.ex.ident.clone()).or_not()).or_not())
            .then_ignore(colon())
            .then(self.block.clone());
        self.clause(Token::Try)
            .then(handler.repeated().collect::<Vec<_>>())
            .then(self.clause(Token::Else).or_not())
            .then(self.clause(Token::Finally).or_not())
            .validate(move |((((at, b), handlers), else_), finally), e, emitter| {
                let b = body(b, "'try' statement", at, text, emitter);
                if handlers.is_empty() && finally.is_none() {
                    emitter.emit(E::custom(e.span(), "expected 'except' or 'finally' block"));
                }
                let first_star = handlers.first().map(|(((_, star), _), _)| star.is_some());
                if let Some((((at, _), _), _)) =
                    handlers.iter().find(|(((_, star), _), _)| Some(star.is_some()) != first_star)
                {
                    let msg = "cannot have both 'except' and 'except*' on the same 'try'";
                    emitter.emit(E::custom(*at, msg));
                }
                let handlers: Vec<ExceptHandler> = handlers
                    .into_iter()
                    .map(|(((at, star), clause), hb)| {
                        let (typ, name) = clause.map_or((None, None), |(t, n)| (Some(t), n));
                        let what = if star.is_some() { "'except*' statement" } else { "'except' statement" };
                        let hb = body(hb, what, at, text, emitter);
                        if star.is_some() && typ.is_none() {
                            emitter.emit(E::custom(at, "expected one or more exception types"));
                        }
                        ExceptHandler { typ, name, body: hb, span: span(at), is_star: star.is_some() }
                    })
                    .collect();

                let orelse = else_.map_or_else(Vec::new, |(at, b)| body(b, "'else' statement", at, text, emitter));
                let finalbody =
                    finally.map_or_else(Vec::new, |(at, b)| body(b, "'finally' statement", at, text, emitter));
                node(StmtKind::Try { body: b, handlers, orelse, finalbody }, e.span())
            })
            .boxed()
    }

    /// `[async] with a as b, c: block`, also with the items in parentheses.
    fn with_stmt(&self) -> P<'t, E, Stmt> {
        let text = self.text;
        let item = self
            .ex
            .test
            .clone()
            .then(just(Token::As).ignore_then(self.ex.target.clone()).or_not())
            .map(|(context, target)| WithItem { context, target });
        let items = item.separated_by(just(Token::Comma)).at_least(1);
        let parenthesised = items
            .clone()
            .allow_trailing()
            .collect::<Vec<_>>()
            .delimited_by(just(Token::LPar), just(Token::RPar))
            .then_ignore(just(Token::Colon).rewind());
        just(Token::Async)
            .or_not()
            .then(kw(Token::With))
            .then(parenthesised.or(items.collect()))
            .then_ignore(colon())
            .then(self.block.clone())
            .validate(move |(((is_async, at), items), b), e, emitter| {
                let b = body(b, "'with' statement", at, text, emitter);
                node(StmtKind::With { is_async: is_async.is_some(), items, body: b }, e.span())
            })
            .boxed()
    }

    /// Decorators followed by a function or class definition.
    fn decorated(&self) -> P<'t, E, Stmt> {
        let decorator = just(Token::At).ignore_then(self.ex.named.clone()).then_ignore(just(Token::Newline));
        decorator
            .repeated()
            .collect::<Vec<_>>()
            .then(self.def_stmt().or(self.class_stmt()))
            .map_with(|(decorators, mut stmt), e| {
                match &mut stmt.kind {
                    StmtKind::FunctionDef(f) => f.decorators = decorators,
                    StmtKind::ClassDef(c) => c.decorators = decorators,
                    _ => {}
                }
                stmt.span = span(e.span());
                stmt
            })
            .boxed()
    }

    /// `[async] def name(params) [-> ann]: block`.
    fn def_stmt(&self) -> P<'t, E, Stmt> {
        let text = self.text;
        let params = def_params(self.ex.test.clone()).delimited_by(just(Token::LPar), just(Token::RPar));
        just(Token::Async)
            .or_not()
            .then(kw(Token::Def))
            .then(self.ex.ident.clone())
            .then(params)
            .then(just(Token::Arrow).ignore_then(self.ex.test.clone()).or_not())
            .then_ignore(colon())
            .then(self.block.clone())
            .validate(move |(((((is_async, at), name), params), returns), b), e, emitter| {
                let b = body(b, "function definition", at, text, emitter);
                let def =
                    FunctionDef { name, is_async: is_async.is_some(), params, returns, body: b, decorators: vec![] };
                node(StmtKind::FunctionDef(Box::new(def)), e.span())
            })
            .boxed()
    }

    /// `class Name[(bases, keywords)]: block`.
    fn class_stmt(&self) -> P<'t, E, Stmt> {
        let text = self.text;
        let ex = &self.ex;
        let args = call_args(ex.test.clone(), ex.named.clone(), ex.comp_fors.clone())
            .delimited_by(just(Token::LPar), just(Token::RPar));
        kw(Token::Class)
            .then(ex.ident.clone())
            .then(args.or_not())
            .then_ignore(colon())
            .then(self.block.clone())
            .validate(move |(((at, name), args), b), e, emitter| {
                let b = body(b, "class definition", at, text, emitter);
                let (bases, keywords) = args.unwrap_or_default();
                let class = ClassDef { name, bases, keywords, body: b, decorators: vec![] };
                node(StmtKind::ClassDef(Box::new(class)), e.span())
            })
            .boxed()
    }
}

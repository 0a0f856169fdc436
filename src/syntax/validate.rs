//! Context checks after parsing, with CPython's messages: `await`/`async for`/
//! `async with`/`yield`/`return` outside the right kind of function, `break`/`continue`
//! outside a loop, `nonlocal` at module level, invalid assignment and deletion targets,
//! duplicate parameters and repeated keyword arguments.

use super::ast::*;
use super::error::SyntaxError;
use crate::source::Span;

/// Where the visitor is: what kind of scope encloses the code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Module,
    Class,
    Function { is_async: bool, is_generator: bool },
    Lambda,
}

/// CPython's error for leaving an `except*` handler early.
const EXCEPT_STAR_EXIT: &str = "'break', 'continue' and 'return' cannot appear in an except* block";

/// The visitor state.
struct Checker {
    scope: Scope,
    in_loop: bool,
    /// Set inside generator expressions (where `await` and `async for` are allowed).
    in_genexp: bool,
    /// The comprehension kind when inside one ("list comprehension", ...).
    comprehension: Option<&'static str>,
    /// Inside an `except*` handler: `Some(false)` directly, `Some(true)` inside a
    /// loop in one (where `break`/`continue` are allowed, `return` still is not).
    except_star: Option<bool>,
    errors: Vec<SyntaxError>,
}

/// Reports context errors (`await` outside async function, ...).
pub fn validate(module: &Module) -> Vec<SyntaxError> {
    let mut checker = Checker {
        scope: Scope::Module,
        in_loop: false,
        in_genexp: false,
        comprehension: None,
        except_star: None,
        errors: Vec::new(),
    };
    checker.block(&module.body);
    checker.errors
}

/// Whether a function body contains `yield` (not counting nested scopes).
fn contains_yield(body: &[Stmt]) -> bool {
    let mut finder = YieldFinder(false);
    for stmt in body {
        finder.stmt(stmt);
    }
    finder.0
}

/// Finds `yield` in a function body, skipping nested definitions.
struct YieldFinder(bool);

impl YieldFinder {
    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => {}
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => self.expr(e),
            StmtKind::Assign { value, .. } | StmtKind::AugAssign { value, .. } => self.expr(value),
            StmtKind::AnnAssign { value: Some(value), .. } => self.expr(value),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                body.iter().chain(orelse).for_each(|s| self.stmt(s));
            }
            StmtKind::For { iter, body, orelse, .. } => {
                self.expr(iter);
                body.iter().chain(orelse).for_each(|s| self.stmt(s));
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                body.iter().chain(orelse).chain(finalbody).for_each(|s| self.stmt(s));
                handlers.iter().flat_map(|h| &h.body).for_each(|s| self.stmt(s));
            }
            StmtKind::With { items, body, .. } => {
                items.iter().for_each(|i| self.expr(&i.context));
                body.iter().for_each(|s| self.stmt(s));
            }
            _ => {}
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => self.0 = true,
            ExprKind::Lambda { .. } => {}
            _ => for_each_child(expr, |e| self.expr(e)),
        }
    }
}

/// Calls `f` on each direct sub-expression of `expr` (not lambda bodies' scopes aside).
pub(crate) fn for_each_child(expr: &Expr, mut f: impl FnMut(&Expr)) {
    match &expr.kind {
        ExprKind::BoolOp { values, .. } => values.iter().for_each(f),
        ExprKind::NamedExpr { value, .. } => f(value),
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::Lambda { body, .. } => f(body),
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::Compare { left, comparators, .. } => {
            f(left);
            comparators.iter().for_each(f);
        }
        ExprKind::Call { func, args, keywords } => {
            f(func);
            args.iter().for_each(&mut f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        ExprKind::Attribute { value, .. } | ExprKind::Starred(value) | ExprKind::Await(value) => f(value),
        ExprKind::YieldFrom(value) => f(value),
        ExprKind::Yield(value) => value.iter().for_each(|v| f(v)),
        ExprKind::Subscript { value, index } => {
            f(value);
            f(index);
        }
        ExprKind::Slice { lower, upper, step } => [lower, upper, step].into_iter().flatten().for_each(|v| f(v)),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => items.iter().for_each(f),
        ExprKind::Dict(items) => items.iter().for_each(|item| match item {
            DictItem::Pair(k, v) => {
                f(k);
                f(v);
            }
            DictItem::Unpack(v) => f(v),
        }),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            f(elt);
            comprehension_children(generators, &mut f);
        }
        ExprKind::DictComp { key, value, generators } => {
            f(key);
            f(value);
            comprehension_children(generators, &mut f);
        }
        ExprKind::FString(parts) => fstring_children(parts, &mut f),
        _ => {}
    }
}

fn comprehension_children(generators: &[Comprehension], f: &mut impl FnMut(&Expr)) {
    for g in generators {
        f(&g.target);
        f(&g.iter);
        g.ifs.iter().for_each(&mut *f);
    }
}

fn fstring_children(parts: &[FStringPart], f: &mut impl FnMut(&Expr)) {
    for part in parts {
        if let FStringPart::Field(field) = part {
            f(&field.value);
            if let Some(spec) = &field.spec {
                fstring_children(spec, f);
            }
        }
    }
}

impl Checker {
    fn error(&mut self, message: impl Into<String>, span: Span) {
        self.errors.push(SyntaxError::new(message, span));
    }

    fn in_async(&self) -> bool {
        matches!(self.scope, Scope::Function { is_async: true, .. })
    }

    fn block(&mut self, body: &[Stmt]) {
        for stmt in body {
            self.stmt(stmt);
        }
    }

    /// Runs `f` with a changed scope and loop state, restoring them afterwards.
    fn nested(&mut self, scope: Scope, f: impl FnOnce(&mut Self)) {
        let saved = (self.scope, self.in_loop, self.in_genexp, self.comprehension, self.except_star);
        self.scope = scope;
        self.in_loop = false;
        self.in_genexp = false;
        self.comprehension = None;
        self.except_star = None;
        f(self);
        (self.scope, self.in_loop, self.in_genexp, self.comprehension, self.except_star) = saved;
    }

    fn loop_body(&mut self, body: &[Stmt], orelse: &[Stmt]) {
        let saved = (self.in_loop, self.except_star);
        self.in_loop = true;
        self.except_star = self.except_star.map(|_| true);
        self.block(body);
        (self.in_loop, self.except_star) = saved;
        self.block(orelse);
    }

    fn stmt(&mut self, stmt: &Stmt) {
        let at = stmt.span;
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                let single = targets.len() == 1;
                targets.iter().for_each(|t| self.assign_target(t, single));
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                if !matches!(target.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
                    let name = expr_name(target);
                    self.error(format!("'{name}' is an illegal expression for augmented assignment"), target.span);
                }
                self.expr(value);
            }
            StmtKind::AnnAssign { target, annotation, value } => {
                self.ann_target(target);
                self.expr(annotation);
                value.iter().for_each(|v| self.expr(v));
            }
            StmtKind::Delete(targets) => targets.iter().for_each(|t| self.del_target(t)),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), at),
            StmtKind::Break if !self.in_loop => self.error("'break' outside loop", at),
            StmtKind::Continue if !self.in_loop => self.error("'continue' not properly in loop", at),
            StmtKind::Break | StmtKind::Continue if self.except_star == Some(false) => self.error(EXCEPT_STAR_EXIT, at),
            StmtKind::Raise { exc, cause } => [exc, cause].into_iter().flatten().for_each(|e| self.expr(e)),
            StmtKind::Nonlocal(_) if self.scope == Scope::Module => {
                self.error("nonlocal declaration not allowed at module level", at);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                msg.iter().for_each(|m| self.expr(m));
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.block(body);
                self.block(orelse);
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.loop_body(body, orelse);
            }
            StmtKind::For { is_async, target, iter, body, orelse } => {
                if *is_async && !self.in_async() {
                    self.error(
                        "'async for' outside async function",
                        Span::new(at.start as usize, at.start as usize + 9),
                    );
                }
                self.target(target);
                self.expr(iter);
                self.loop_body(body, orelse);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.block(body);
                for h in handlers {
                    h.typ.iter().for_each(|t| self.expr(t));
                    let saved = self.except_star;
                    if h.is_star {
                        self.except_star = Some(false);
                    }
                    self.block(&h.body);
                    self.except_star = saved;
                }
                self.block(orelse);
                self.block(finalbody);
            }
            StmtKind::With { is_async, items, body } => {
                if *is_async && !self.in_async() {
                    self.error(
                        "'async with' outside async function",
                        Span::new(at.start as usize, at.start as usize + 10),
                    );
                }
                for item in items {
                    self.expr(&item.context);
                    item.target.iter().for_each(|t| self.target(t));
                }
                self.block(body);
            }
            StmtKind::FunctionDef(def) => self.function(def),
            StmtKind::ClassDef(class) => {
                class.decorators.iter().for_each(|e| self.expr(e));
                for base in &class.bases {
                    match &base.kind {
                        ExprKind::Starred(inner) => self.expr(inner),
                        _ => self.expr(base),
                    }
                }
                class.keywords.iter().for_each(|k| self.expr(&k.value));
                self.nested(Scope::Class, |c| c.block(&class.body));
            }
            _ => {}
        }
    }

    fn return_stmt(&mut self, value: Option<&Expr>, at: Span) {
        if self.except_star.is_some() && matches!(self.scope, Scope::Function { .. }) {
            self.error(EXCEPT_STAR_EXIT, at);
        }
        match self.scope {
            Scope::Function { is_async: true, is_generator: true } if value.is_some() => {
                self.error("'return' with value in async generator", at);
            }
            Scope::Function { .. } => {}
            _ => self.error("'return' outside function", at),
        }
        value.iter().for_each(|v| self.expr(v));
    }

    fn function(&mut self, def: &FunctionDef) {
        def.decorators.iter().for_each(|e| self.expr(e));
        self.params(&def.params, def.name.span);
        def.returns.iter().for_each(|r| self.expr(r));
        let scope = Scope::Function { is_async: def.is_async, is_generator: contains_yield(&def.body) };
        self.nested(scope, |c| c.block(&def.body));
    }

    /// Defaults and annotations are checked in the enclosing scope; names must be unique.
    fn params(&mut self, params: &Params, at: Span) {
        let all =
            params.posonly.iter().chain(&params.args).chain(&params.vararg).chain(&params.kwonly).chain(&params.kwarg);
        let mut seen: Vec<&str> = Vec::new();
        for p in all {
            if seen.contains(&&*p.name.name) {
                self.error(format!("duplicate argument '{}' in function definition", p.name.name), p.name.span);
            }
            seen.push(&p.name.name);
            p.default.iter().chain(&p.annotation).for_each(|e| self.expr(e));
        }
        let _ = at;
    }

    fn expr(&mut self, expr: &Expr) {
        let at = expr.span;
        match &expr.kind {
            ExprKind::Await(_) => {
                if self.scope == Scope::Module && !self.in_genexp {
                    self.error("'await' outside function", at);
                } else if !self.in_async() && !self.in_genexp {
                    self.error("'await' outside async function", at);
                }
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => self.yield_expr(expr),
            ExprKind::Starred(_) => self.error("can't use starred expression here", at),
            ExprKind::Lambda { params, body } => {
                self.params(params, at);
                self.nested(Scope::Lambda, |c| c.expr(body));
                return;
            }
            ExprKind::Call { keywords, .. } => self.repeated_keywords(keywords),
            ExprKind::ListComp { generators, .. } => return self.comprehension(expr, generators, "list comprehension"),
            ExprKind::SetComp { generators, .. } => return self.comprehension(expr, generators, "set comprehension"),
            ExprKind::DictComp { generators, .. } => return self.comprehension(expr, generators, "dict comprehension"),
            ExprKind::GeneratorExp { generators, .. } => {
                return self.comprehension(expr, generators, "generator expression");
            }
            _ => {}
        }
        self.children(expr);
    }

    /// Visits children; starred items are allowed directly inside displays and calls.
    fn children(&mut self, expr: &Expr) {
        let allows_star = matches!(
            expr.kind,
            ExprKind::List(_)
                | ExprKind::Tuple(_)
                | ExprKind::Set(_)
                | ExprKind::Call { .. }
                | ExprKind::Subscript { .. }
        );
        for_each_child(expr, |child| match &child.kind {
            ExprKind::Starred(inner) if allows_star => self.expr(inner),
            _ => self.expr(child),
        });
    }

    fn yield_expr(&mut self, expr: &Expr) {
        let at = expr.span;
        if let Some(kind) = self.comprehension {
            self.error(format!("'yield' inside {kind}"), at);
            return;
        }
        match self.scope {
            Scope::Function { is_async: true, .. } if matches!(expr.kind, ExprKind::YieldFrom(_)) => {
                self.error("'yield from' inside async function", at);
            }
            Scope::Function { .. } | Scope::Lambda => {}
            _ => self.error("'yield' outside function", at),
        }
    }

    fn repeated_keywords(&mut self, keywords: &[Keyword]) {
        let mut seen: Vec<&str> = Vec::new();
        for k in keywords {
            if let Some(arg) = &k.arg {
                if seen.contains(&&*arg.name) {
                    self.error(format!("keyword argument repeated: {}", arg.name), k.span);
                }
                seen.push(&arg.name);
            }
        }
    }

    fn comprehension(&mut self, expr: &Expr, generators: &[Comprehension], kind: &'static str) {
        let is_genexp = kind == "generator expression";
        if !is_genexp && !self.in_async() && !self.in_genexp && generators.iter().any(|g| g.is_async) {
            self.error("asynchronous comprehension outside of an asynchronous function", expr.span);
        }
        for g in generators {
            self.target(&g.target);
        }
        let saved = (self.comprehension, self.in_genexp);
        self.comprehension = Some(kind);
        self.in_genexp |= is_genexp;
        for_each_child(expr, |child| self.expr(child));
        (self.comprehension, self.in_genexp) = saved;
    }
}

#[path = "validate_targets.rs"]
mod targets;
pub(crate) use targets::expr_name;

//! `--dump-ast`: prints the tree in the format of Python's `ast.dump`.
//!
//! The output is byte-for-byte CPython 3.11's `ast.dump(ast.parse(src))`: one line, no
//! attributes, optional fields omitted when absent, empty lists printed as `[]`. Our
//! AST is mapped back onto Python's node names (`Int` → `Constant`, `FString` →
//! `JoinedStr`, ...) and the `ctx` of targets is recomputed from their position.
//!
//! Known differences: the `kind='u'` of `u"..."` strings is not recorded in our AST, and
//! `AnnAssign.simple` is derived from spans (a parenthesised name target starts after
//! the statement does).

pub(crate) mod repr;

use super::ast::{
    Alias, BinOp, BoolOp, ClassDef, CmpOp, Comprehension, DictItem, ExceptHandler, Expr, ExprKind, FStringPart,
    FunctionDef, Keyword, Module, Param, Params, Stmt, StmtKind, UnaryOp, WithItem,
};
use std::fmt::Write;

/// Renders `module` like `ast.dump(ast.parse(src))`.
pub fn dump(module: &Module) -> String {
    let mut d = Dumper { out: String::new() };
    d.out.push_str("Module(body=");
    d.stmts(&module.body);
    d.out.push_str(", type_ignores=[])");
    d.out
}

/// The `ctx` a target expression is dumped with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Load,
    Store,
    Del,
}

impl Ctx {
    fn text(self) -> &'static str {
        match self {
            Ctx::Load => "Load()",
            Ctx::Store => "Store()",
            Ctx::Del => "Del()",
        }
    }
}

/// The output buffer and the per-node printers.
struct Dumper {
    out: String,
}

impl Dumper {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// `[a, b, c]` with `item` printing each element.
    fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Self, &T)) {
        self.push("[");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            item(self, x);
        }
        self.push("]");
    }

    fn stmts(&mut self, body: &[Stmt]) {
        self.list(body, Self::stmt);
    }

    fn exprs(&mut self, items: &[Expr], ctx: Ctx) {
        self.list(items, |d, e| d.expr(e, ctx));
    }

    /// `, name=<expr>` when the optional field is present.
    fn opt_field(&mut self, name: &str, value: Option<&Expr>) {
        if let Some(v) = value {
            let _ = write!(self.out, ", {name}=");
            self.expr(v, Ctx::Load);
        }
    }

    fn str_repr(&mut self, s: &str) {
        repr::write_str(&mut self.out, s);
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.wrap1("Expr(value=", e),
            StmtKind::Assign { targets, value } => {
                self.push("Assign(targets=");
                self.exprs(targets, Ctx::Store);
                self.push(", value=");
                self.expr(value, Ctx::Load);
                self.push(")");
            }
            StmtKind::AugAssign { target, op, value } => {
                self.push("AugAssign(target=");
                self.expr(target, Ctx::Store);
                let _ = write!(self.out, ", op={}(), value=", binop_name(*op));
                self.expr(value, Ctx::Load);
                self.push(")");
            }
            StmtKind::AnnAssign { target, annotation, value } => self.ann_assign(s, target, annotation, value.as_ref()),
            StmtKind::Delete(targets) => {
                self.push("Delete(targets=");
                self.exprs(targets, Ctx::Del);
                self.push(")");
            }
            StmtKind::Pass => self.push("Pass()"),
            StmtKind::Break => self.push("Break()"),
            StmtKind::Continue => self.push("Continue()"),
            StmtKind::Return(value) => {
                self.push("Return(");
                self.opt_first("value", value.as_ref());
                self.push(")");
            }
            StmtKind::Raise { exc, cause } => {
                self.push("Raise(");
                self.opt_first("exc", exc.as_ref());
                if exc.is_some() {
                    self.opt_field("cause", cause.as_ref());
                } else {
                    self.opt_first("cause", cause.as_ref());
                }
                self.push(")");
            }
            StmtKind::Global(names) => self.names("Global", names),
            StmtKind::Nonlocal(names) => self.names("Nonlocal", names),
            StmtKind::Assert { test, msg } => {
                self.push("Assert(test=");
                self.expr(test, Ctx::Load);
                self.opt_field("msg", msg.as_ref());
                self.push(")");
            }
            StmtKind::Import(names) => {
                self.push("Import(names=");
                self.list(names, Self::alias);
                self.push(")");
            }
            StmtKind::ImportFrom { module, level, names } => self.import_from(module.as_deref(), *level, names),
            _ => self.compound(s),
        }
    }

    /// Compound statements (and `Error`).
    fn compound(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::If { test, body, orelse } => self.test_body_else("If", test, body, orelse),
            StmtKind::While { test, body, orelse } => self.test_body_else("While", test, body, orelse),
            StmtKind::For { is_async, target, iter, body, orelse } => {
                self.push(if *is_async { "AsyncFor(target=" } else { "For(target=" });
                self.expr(target, Ctx::Store);
                self.push(", iter=");
                self.expr(iter, Ctx::Load);
                self.push(", body=");
                self.stmts(body);
                self.push(", orelse=");
                self.stmts(orelse);
                self.push(")");
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.push("Try(body=");
                self.stmts(body);
                self.push(", handlers=");
                self.list(handlers, Self::handler);
                self.push(", orelse=");
                self.stmts(orelse);
                self.push(", finalbody=");
                self.stmts(finalbody);
                self.push(")");
            }
            StmtKind::With { is_async, items, body } => {
                self.push(if *is_async { "AsyncWith(items=" } else { "With(items=" });
                self.list(items, Self::with_item);
                self.push(", body=");
                self.stmts(body);
                self.push(")");
            }
            StmtKind::FunctionDef(f) => self.function_def(f),
            StmtKind::ClassDef(c) => self.class_def(c),
            _ => self.push("Error()"),
        }
    }

    /// `Name(value=<e>)`-style one-field node; `open` includes the `(field=`.
    fn wrap1(&mut self, open: &str, e: &Expr) {
        self.push(open);
        self.expr(e, Ctx::Load);
        self.push(")");
    }

    /// The first field of a node when it is optional: `name=<expr>` without a comma.
    fn opt_first(&mut self, name: &str, value: Option<&Expr>) {
        if let Some(v) = value {
            let _ = write!(self.out, "{name}=");
            self.expr(v, Ctx::Load);
        }
    }

    fn names(&mut self, node: &str, names: &[super::ast::Ident]) {
        let _ = write!(self.out, "{node}(names=");
        self.list(names, |d, n| d.str_repr(&n.name));
        self.push(")");
    }

    fn ann_assign(&mut self, s: &Stmt, target: &Expr, annotation: &Expr, value: Option<&Expr>) {
        // A parenthesised name target `(x): int` is not "simple"; its name starts after
        // the statement's opening parenthesis.
        let simple = matches!(target.kind, ExprKind::Name(_)) && target.span.start == s.span.start;
        self.push("AnnAssign(target=");
        self.expr(target, Ctx::Store);
        self.push(", annotation=");
        self.expr(annotation, Ctx::Load);
        self.opt_field("value", value);
        let _ = write!(self.out, ", simple={})", u8::from(simple));
    }

    fn import_from(&mut self, module: Option<&str>, level: u32, names: &[Alias]) {
        self.push("ImportFrom(");
        if let Some(m) = module {
            self.push("module=");
            self.str_repr(m);
            self.push(", ");
        }
        self.push("names=");
        self.list(names, Self::alias);
        let _ = write!(self.out, ", level={level})");
    }

    fn alias(&mut self, a: &Alias) {
        self.push("alias(name=");
        self.str_repr(&a.name);
        if let Some(asname) = &a.asname {
            self.push(", asname=");
            self.str_repr(&asname.name);
        }
        self.push(")");
    }

    fn test_body_else(&mut self, node: &str, test: &Expr, body: &[Stmt], orelse: &[Stmt]) {
        let _ = write!(self.out, "{node}(test=");
        self.expr(test, Ctx::Load);
        self.push(", body=");
        self.stmts(body);
        self.push(", orelse=");
        self.stmts(orelse);
        self.push(")");
    }

    fn handler(&mut self, h: &ExceptHandler) {
        self.push("ExceptHandler(");
        if let Some(t) = &h.typ {
            self.push("type=");
            self.expr(t, Ctx::Load);
            self.push(", ");
        }
        if let Some(n) = &h.name {
            self.push("name=");
            self.str_repr(&n.name);
            self.push(", ");
        }
        self.push("body=");
        self.stmts(&h.body);
        self.push(")");
    }

    fn with_item(&mut self, w: &WithItem) {
        self.push("withitem(context_expr=");
        self.expr(&w.context, Ctx::Load);
        if let Some(t) = &w.target {
            self.push(", optional_vars=");
            self.expr(t, Ctx::Store);
        }
        self.push(")");
    }

    fn function_def(&mut self, f: &FunctionDef) {
        self.push(if f.is_async { "AsyncFunctionDef(name=" } else { "FunctionDef(name=" });
        self.str_repr(&f.name.name);
        self.push(", args=");
        self.arguments(&f.params);
        self.push(", body=");
        self.stmts(&f.body);
        self.push(", decorator_list=");
        self.exprs(&f.decorators, Ctx::Load);
        self.opt_field("returns", f.returns.as_ref());
        self.push(")");
    }

    fn class_def(&mut self, c: &ClassDef) {
        self.push("ClassDef(name=");
        self.str_repr(&c.name.name);
        self.push(", bases=");
        self.exprs(&c.bases, Ctx::Load);
        self.push(", keywords=");
        self.list(&c.keywords, Self::keyword);
        self.push(", body=");
        self.stmts(&c.body);
        self.push(", decorator_list=");
        self.exprs(&c.decorators, Ctx::Load);
        self.push(")");
    }

    /// `arguments(...)`: defaults of positional parameters are right-aligned, one
    /// `kw_defaults` entry (possibly `None`) per keyword-only parameter.
    fn arguments(&mut self, p: &Params) {
        self.push("arguments(posonlyargs=");
        self.list(&p.posonly, Self::arg);
        self.push(", args=");
        self.list(&p.args, Self::arg);
        if let Some(v) = &p.vararg {
            self.push(", vararg=");
            self.arg(v);
        }
        self.push(", kwonlyargs=");
        self.list(&p.kwonly, Self::arg);
        self.push(", kw_defaults=");
        self.list(&p.kwonly, |d, a| match &a.default {
            Some(e) => d.expr(e, Ctx::Load),
            None => d.push("None"),
        });
        if let Some(k) = &p.kwarg {
            self.push(", kwarg=");
            self.arg(k);
        }
        self.push(", defaults=");
        let defaults: Vec<&Expr> = p.posonly.iter().chain(&p.args).filter_map(|a| a.default.as_ref()).collect();
        self.list(&defaults, |d, e| d.expr(e, Ctx::Load));
        self.push(")");
    }

    fn arg(&mut self, a: &Param) {
        self.push("arg(arg=");
        self.str_repr(&a.name.name);
        self.opt_field("annotation", a.annotation.as_ref());
        self.push(")");
    }

    fn keyword(&mut self, k: &Keyword) {
        self.push("keyword(");
        if let Some(a) = &k.arg {
            self.push("arg=");
            self.str_repr(&a.name);
            self.push(", ");
        }
        self.push("value=");
        self.expr(&k.value, Ctx::Load);
        self.push(")");
    }

    fn expr(&mut self, e: &Expr, ctx: Ctx) {
        match &e.kind {
            ExprKind::Name(id) => {
                self.push("Name(id=");
                self.str_repr(id);
                let _ = write!(self.out, ", ctx={})", ctx.text());
            }
            ExprKind::Attribute { value, attr } => {
                self.push("Attribute(value=");
                self.expr(value, Ctx::Load);
                self.push(", attr=");
                self.str_repr(&attr.name);
                let _ = write!(self.out, ", ctx={})", ctx.text());
            }
            ExprKind::Subscript { value, index } => {
                self.push("Subscript(value=");
                self.expr(value, Ctx::Load);
                self.push(", slice=");
                self.expr(index, Ctx::Load);
                let _ = write!(self.out, ", ctx={})", ctx.text());
            }
            ExprKind::Starred(value) => {
                self.push("Starred(value=");
                self.expr(value, ctx);
                let _ = write!(self.out, ", ctx={})", ctx.text());
            }
            ExprKind::List(elts) => self.sequence("List", elts, ctx),
            ExprKind::Tuple(elts) => self.sequence("Tuple", elts, ctx),
            ExprKind::Set(elts) => {
                self.push("Set(elts=");
                self.exprs(elts, Ctx::Load);
                self.push(")");
            }
            ExprKind::Dict(items) => self.dict(items),
            _ => self.constant_or_operator(e),
        }
    }

    fn sequence(&mut self, node: &str, elts: &[Expr], ctx: Ctx) {
        let _ = write!(self.out, "{node}(elts=");
        self.exprs(elts, ctx);
        let _ = write!(self.out, ", ctx={})", ctx.text());
    }

    fn dict(&mut self, items: &[DictItem]) {
        self.push("Dict(keys=");
        self.list(items, |d, item| match item {
            DictItem::Pair(k, _) => d.expr(k, Ctx::Load),
            DictItem::Unpack(_) => d.push("None"),
        });
        self.push(", values=");
        self.list(items, |d, item| match item {
            DictItem::Pair(_, v) | DictItem::Unpack(v) => d.expr(v, Ctx::Load),
        });
        self.push(")");
    }

    /// Literals and the operator nodes.
    fn constant_or_operator(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Int(n) => self.constant(|out| {
                let _ = write!(out, "{n}");
            }),
            ExprKind::BigInt(n) => self.constant(|out| {
                let _ = write!(out, "{n}");
            }),
            ExprKind::Float(x) => self.constant(|out| repr::write_float(out, *x)),
            ExprKind::Str(s) => self.constant(|out| repr::write_str(out, s)),
            ExprKind::Bytes(b) => self.constant(|out| repr::write_bytes(out, b)),
            ExprKind::None => self.push("Constant(value=None)"),
            ExprKind::True => self.push("Constant(value=True)"),
            ExprKind::False => self.push("Constant(value=False)"),
            ExprKind::Ellipsis => self.push("Constant(value=Ellipsis)"),
            ExprKind::FString(parts) => self.joined_str(parts),
            ExprKind::BoolOp { op, values } => {
                let name = match op {
                    BoolOp::And => "And",
                    BoolOp::Or => "Or",
                };
                let _ = write!(self.out, "BoolOp(op={name}(), values=");
                self.exprs(values, Ctx::Load);
                self.push(")");
            }
            ExprKind::NamedExpr { target, value } => {
                self.push("NamedExpr(target=Name(id=");
                self.str_repr(&target.name);
                self.push(", ctx=Store()), value=");
                self.wrap1("", value);
            }
            ExprKind::BinOp { left, op, right } => {
                self.push("BinOp(left=");
                self.expr(left, Ctx::Load);
                let _ = write!(self.out, ", op={}(), right=", binop_name(*op));
                self.wrap1("", right);
            }
            ExprKind::UnaryOp { op, operand } => {
                let _ = write!(self.out, "UnaryOp(op={}(), operand=", unaryop_name(*op));
                self.wrap1("", operand);
            }
            _ => self.compound_expr(e),
        }
    }

    /// `Constant(value=<repr>)`.
    fn constant(&mut self, value: impl FnOnce(&mut String)) {
        self.push("Constant(value=");
        value(&mut self.out);
        self.push(")");
    }

    /// Expressions with sub-structure beyond operands.
    fn compound_expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Lambda { params, body } => {
                self.push("Lambda(args=");
                self.arguments(params);
                self.wrap1(", body=", body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.push("IfExp(test=");
                self.expr(test, Ctx::Load);
                self.push(", body=");
                self.expr(body, Ctx::Load);
                self.wrap1(", orelse=", orelse);
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.push("Compare(left=");
                self.expr(left, Ctx::Load);
                self.push(", ops=");
                self.list(ops, |d, op| {
                    let _ = write!(d.out, "{}()", cmpop_name(*op));
                });
                self.push(", comparators=");
                self.exprs(comparators, Ctx::Load);
                self.push(")");
            }
            ExprKind::Call { func, args, keywords } => {
                self.push("Call(func=");
                self.expr(func, Ctx::Load);
                self.push(", args=");
                self.exprs(args, Ctx::Load);
                self.push(", keywords=");
                self.list(keywords, Self::keyword);
                self.push(")");
            }
            ExprKind::Slice { lower, upper, step } => {
                self.push("Slice(");
                let fields = [("lower", lower), ("upper", upper), ("step", step)];
                let mut first = true;
                for (name, value) in fields {
                    if let Some(v) = value {
                        let sep = if first { "" } else { ", " };
                        let _ = write!(self.out, "{sep}{name}=");
                        self.expr(v, Ctx::Load);
                        first = false;
                    }
                }
                self.push(")");
            }
            _ => self.comprehension_or_async(e),
        }
    }

    /// Comprehensions, `await`, `yield` and `Error`.
    fn comprehension_or_async(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::ListComp { elt, generators } => self.comp("ListComp", elt, generators),
            ExprKind::SetComp { elt, generators } => self.comp("SetComp", elt, generators),
            ExprKind::GeneratorExp { elt, generators } => self.comp("GeneratorExp", elt, generators),
            ExprKind::DictComp { key, value, generators } => {
                self.push("DictComp(key=");
                self.expr(key, Ctx::Load);
                self.push(", value=");
                self.expr(value, Ctx::Load);
                self.generators(generators);
            }
            ExprKind::Await(value) => self.wrap1("Await(value=", value),
            ExprKind::YieldFrom(value) => self.wrap1("YieldFrom(value=", value),
            ExprKind::Yield(value) => {
                self.push("Yield(");
                self.opt_first("value", value.as_deref());
                self.push(")");
            }
            _ => self.push("Error()"),
        }
    }

    fn comp(&mut self, node: &str, elt: &Expr, generators: &[Comprehension]) {
        let _ = write!(self.out, "{node}(elt=");
        self.expr(elt, Ctx::Load);
        self.generators(generators);
    }

    /// `, generators=[...])`: closes the comprehension node.
    fn generators(&mut self, generators: &[Comprehension]) {
        self.push(", generators=");
        self.list(generators, |d, g| {
            d.push("comprehension(target=");
            d.expr(&g.target, Ctx::Store);
            d.push(", iter=");
            d.expr(&g.iter, Ctx::Load);
            d.push(", ifs=");
            d.exprs(&g.ifs, Ctx::Load);
            let _ = write!(d.out, ", is_async={})", u8::from(g.is_async));
        });
        self.push(")");
    }

    /// `JoinedStr(values=[...])`. Adjacent literal text (including the `x=` of debug
    /// fields) is merged into one `Constant`; empty literals are dropped.
    fn joined_str(&mut self, parts: &[FStringPart]) {
        self.push("JoinedStr(values=[");
        let mut pending = String::new();
        let mut first = true;
        for part in parts {
            match part {
                FStringPart::Literal(text) => pending.push_str(text),
                FStringPart::Field(field) => {
                    if let Some(debug) = &field.debug_text {
                        pending.push_str(debug);
                    }
                    self.flush_literal(&mut pending, &mut first);
                    self.sep(&mut first);
                    self.formatted_value(field);
                }
            }
        }
        self.flush_literal(&mut pending, &mut first);
        self.push("])");
    }

    fn sep(&mut self, first: &mut bool) {
        if !*first {
            self.push(", ");
        }
        *first = false;
    }

    fn flush_literal(&mut self, pending: &mut String, first: &mut bool) {
        if !pending.is_empty() {
            self.sep(first);
            self.constant(|out| repr::write_str(out, pending));
            pending.clear();
        }
    }

    fn formatted_value(&mut self, field: &super::ast::FormattedValue) {
        self.push("FormattedValue(value=");
        self.expr(&field.value, Ctx::Load);
        let conversion = match field.conversion {
            Some(c) => i64::from(u32::from(c)),
            None if field.debug_text.is_some() && field.spec.is_none() => i64::from(b'r'),
            None => -1,
        };
        let _ = write!(self.out, ", conversion={conversion}");
        if let Some(spec) = &field.spec {
            self.push(", format_spec=");
            self.joined_str(spec);
        }
        self.push(")");
    }
}

fn binop_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "Add",
        BinOp::Sub => "Sub",
        BinOp::Mult => "Mult",
        BinOp::MatMult => "MatMult",
        BinOp::Div => "Div",
        BinOp::FloorDiv => "FloorDiv",
        BinOp::Mod => "Mod",
        BinOp::Pow => "Pow",
        BinOp::LShift => "LShift",
        BinOp::RShift => "RShift",
        BinOp::BitOr => "BitOr",
        BinOp::BitXor => "BitXor",
        BinOp::BitAnd => "BitAnd",
    }
}

fn unaryop_name(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Not => "Not",
        UnaryOp::USub => "USub",
        UnaryOp::UAdd => "UAdd",
        UnaryOp::Invert => "Invert",
    }
}

fn cmpop_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}

#[cfg(test)]
mod tests;

//! Lowering of expressions and assignment targets.

use super::ir::{Call, Clause, CompKind, Comprehension, DictElt, Elt, Expr, FPart, Instr, Target, Var};
use super::lower_async::{comprehension_suspends, genexp_is_async, suspends};
use super::scope::{Binding, node_key};
use super::{CodeBuilder, CodeKind, Lowerer};
use crate::syntax::SyntaxError;
use crate::syntax::ast::{self, ExprKind};
use crate::value::Value;
use hashbrown::HashMap;
use std::rc::Rc;

type R<T> = Result<T, SyntaxError>;

impl<'a> Lowerer<'a> {
    /// Lowers an expression.
    pub fn expr(&mut self, code: &mut CodeBuilder<'_>, e: &ast::Expr) -> R<Expr> {
        Ok(match &e.kind {
            ExprKind::Name(n) => {
                let var = self.var(code, n);
                Expr::Load(var, self.attr_sym(code, n))
            }
            ExprKind::Int(i) => Expr::Const(Value::Int(*i)),
            ExprKind::BigInt(b) => Expr::Const(Value::from_bigint((**b).clone())),
            ExprKind::Float(f) => Expr::Const(Value::Float(*f)),
            ExprKind::Str(s) => Expr::Const(Value::str(s)),
            ExprKind::Bytes(b) => Expr::Const(Value::Bytes(Rc::new(b.to_vec()))),
            ExprKind::None => Expr::Const(Value::None),
            ExprKind::True => Expr::Const(Value::Bool(true)),
            ExprKind::False => Expr::Const(Value::Bool(false)),
            ExprKind::Ellipsis => Expr::Const(Value::Ellipsis),
            ExprKind::FString(parts) => Expr::FString(self.fparts(code, parts)?),
            ExprKind::BoolOp { op, values } if code.conditional == 0 && values.iter().skip(1).any(suspends) => {
                self.bool_op_statements(code, *op == ast::BoolOp::And, values)?
            }
            ExprKind::BoolOp { op, values } => {
                let mut lowered = Vec::with_capacity(values.len());
                for (i, v) in values.iter().enumerate() {
                    code.conditional += usize::from(i > 0);
                    let e = self.expr(code, v);
                    code.conditional -= usize::from(i > 0);
                    lowered.push(e?);
                }
                Expr::BoolOp(*op == ast::BoolOp::And, lowered)
            }
            ExprKind::NamedExpr { target, value } => {
                let value = self.expr(code, value)?;
                let target = self.name_target(code, &target.name);
                Expr::Walrus(Box::new((target, value)))
            }
            ExprKind::BinOp { left, op, right } => {
                let l = self.expr(code, left)?;
                let l = if suspends(right) { self.spill(code, l) } else { l };
                let r = self.expr(code, right)?;
                match (l, r) {
                    (Expr::Load(Var::Local(slot), name), Expr::Const(c @ Value::Int(_))) => {
                        Expr::BinLocalConst(slot, *op, c, name)
                    }
                    (l, r) => Expr::Binary(Box::new(l), *op, Box::new(r)),
                }
            }
            ExprKind::UnaryOp { op, operand } => self.unary(code, *op, operand)?,
            ExprKind::Lambda { params, body } => self.lambda(code, e, params, body)?,
            ExprKind::IfExp { test, body, orelse } if code.conditional == 0 && (suspends(body) || suspends(orelse)) => {
                self.if_exp_statements(code, test, body, orelse)?
            }
            ExprKind::IfExp { test, body, orelse } => {
                let test = self.expr(code, test)?;
                code.conditional += 1;
                let branches = self.expr(code, body).and_then(|b| Ok((b, self.expr(code, orelse)?)));
                code.conditional -= 1;
                let (body, orelse) = branches?;
                Expr::IfExp(Box::new((test, body, orelse)))
            }
            ExprKind::Compare { left, ops, comparators }
                if code.conditional == 0 && comparators.iter().skip(1).any(suspends) =>
            {
                self.compare_statements(code, left, ops, comparators)?
            }
            ExprKind::Compare { left, ops, comparators } => {
                let left = self.expr(code, left)?;
                let left = if comparators.iter().any(suspends) { self.spill(code, left) } else { left };
                let mut rest = Vec::with_capacity(comparators.len());
                for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
                    let c = self.expr(code, c)?;
                    let later = comparators.get(i + 1..).is_some_and(|r| r.iter().any(suspends));
                    rest.push((*op, if later { self.spill(code, c) } else { c }));
                }
                if rest.len() == 1
                    && let Some((op, right)) = rest.pop()
                {
                    return Ok(Expr::Compare1(Box::new((left, op, right))));
                }
                Expr::Compare(Box::new(left), rest)
            }
            ExprKind::Call { func, args, keywords } => self.call(code, func, args, keywords)?,
            ExprKind::Attribute { value, attr } => {
                Expr::Attr(Box::new(self.expr(code, value)?), self.attr_sym(code, &attr.name))
            }
            ExprKind::Subscript { value, index } => {
                let v = self.expr(code, value)?;
                let v = if suspends(index) { self.spill(code, v) } else { v };
                Expr::Subscript(Box::new((v, self.expr(code, index)?)))
            }
            ExprKind::Slice { lower, upper, step } => {
                let bounds = [lower, upper, step];
                let mut lowered = [None, None, None];
                for (i, bound) in bounds.iter().enumerate() {
                    let Some(e) = bound else { continue };
                    let v = self.expr(code, e)?;
                    let later = bounds[i + 1..].iter().any(|b| b.as_deref().is_some_and(suspends));
                    lowered[i] = Some(if later { self.spill(code, v) } else { v });
                }
                Expr::Slice(Box::new(lowered))
            }
            ExprKind::Starred(_) => Expr::Unsupported("starred expression here"),
            ExprKind::List(items) => Expr::List(self.elts(code, items)?),
            ExprKind::Tuple(items) => self.tuple(code, items)?,
            ExprKind::Set(items) => Expr::Set(self.elts(code, items)?),
            ExprKind::Dict(items) => Expr::Dict(self.dict_items(code, items)?),
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators }
                if code.conditional == 0 && comprehension_suspends(generators, &[elt]) =>
            {
                let kind = if matches!(e.kind, ExprKind::ListComp { .. }) { CompKind::List } else { CompKind::Set };
                self.comprehension_statements(code, e, kind, elt, None, generators)?
            }
            ExprKind::DictComp { key, value, generators }
                if code.conditional == 0 && comprehension_suspends(generators, &[key, value]) =>
            {
                self.comprehension_statements(code, e, CompKind::Dict, key, Some(value), generators)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(code, e, CompKind::List, elt, None, generators)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(code, e, CompKind::Set, elt, None, generators)?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(code, e, CompKind::Dict, key, Some(value), generators)?
            }
            ExprKind::GeneratorExp { elt, generators } => self.genexp(code, e, elt, generators)?,
            ExprKind::Await(value) if code.conditional == 0 => self.await_expr(code, value)?,
            ExprKind::Await(_) => Expr::Unsupported("await inside a conditional part of an expression"),
            ExprKind::Yield(value) if code.conditional == 0 => {
                let value = match value {
                    Some(v) => self.expr(code, v)?,
                    None => Expr::Const(Value::None),
                };
                let temp = code.temp();
                let name = self.sym(".yield");
                code.emit(Instr::Yield(value, Some(Target::Var(Var::Local(temp), name))));
                Expr::Load(Var::Local(temp), name)
            }
            ExprKind::YieldFrom(value) if code.conditional == 0 => {
                let value = self.expr(code, value)?;
                let (temp, slot) = (code.temp(), code.temp());
                let name = self.sym(".yield");
                code.emit(Instr::YieldFrom(value, Some(Target::Var(Var::Local(temp), name)), slot));
                Expr::Load(Var::Local(temp), name)
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                Expr::Unsupported("yield inside a conditional part of an expression")
            }
            ExprKind::Error => Expr::Unsupported("invalid syntax"),
        })
    }

    /// Constant-folds `-<number>` so negative literals are constants.
    fn unary(&mut self, code: &mut CodeBuilder<'_>, op: ast::UnaryOp, operand: &ast::Expr) -> R<Expr> {
        if op == ast::UnaryOp::USub {
            match &operand.kind {
                ExprKind::Int(i) if *i != i64::MIN => return Ok(Expr::Const(Value::Int(-i))),
                ExprKind::Float(f) => return Ok(Expr::Const(Value::Float(-f))),
                _ => {}
            }
        }
        Ok(Expr::Unary(op, Box::new(self.expr(code, operand)?)))
    }

    /// A tuple of constants is built once.
    fn tuple(&mut self, code: &mut CodeBuilder<'_>, items: &[ast::Expr]) -> R<Expr> {
        let elts = self.elts(code, items)?;
        if elts.iter().all(|e| matches!(e, Elt::One(Expr::Const(_)))) {
            let values = elts
                .into_iter()
                .filter_map(|e| match e {
                    Elt::One(Expr::Const(v)) => Some(v),
                    _ => None,
                })
                .collect();
            return Ok(Expr::Const(Value::tuple(values)));
        }
        Ok(Expr::Tuple(elts))
    }

    /// Elements of a display or positional arguments.
    pub fn elts(&mut self, code: &mut CodeBuilder<'_>, items: &[ast::Expr]) -> R<Vec<Elt>> {
        self.elts_before(code, items, false)
    }

    /// Elements, spilled to temporaries when a later element (or, with `then_suspends`,
    /// something evaluated right after them) suspends.
    pub(super) fn elts_before(
        &mut self,
        code: &mut CodeBuilder<'_>,
        items: &[ast::Expr],
        then_suspends: bool,
    ) -> R<Vec<Elt>> {
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let later = then_suspends || items.get(i + 1..).is_some_and(|r| r.iter().any(suspends));
            let elt = match &item.kind {
                ExprKind::Starred(inner) => {
                    let e = self.expr(code, inner)?;
                    Elt::Star(if later { self.spill(code, e) } else { e })
                }
                _ => {
                    let e = self.expr(code, item)?;
                    Elt::One(if later { self.spill(code, e) } else { e })
                }
            };
            out.push(elt);
        }
        Ok(out)
    }

    /// The items of a dict display, keys and values spilled when something after
    /// them suspends (CPython evaluates them in source order).
    fn dict_items(&mut self, code: &mut CodeBuilder<'_>, items: &[ast::DictItem]) -> R<Vec<DictElt>> {
        let item_suspends = |item: &ast::DictItem| match item {
            ast::DictItem::Pair(k, v) => suspends(k) || suspends(v),
            ast::DictItem::Unpack(m) => suspends(m),
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let later = items[i + 1..].iter().any(item_suspends);
            out.push(match item {
                ast::DictItem::Pair(k, v) => {
                    let key = self.expr(code, k)?;
                    let key = if later || suspends(v) { self.spill(code, key) } else { key };
                    let value = self.expr(code, v)?;
                    DictElt::Pair(key, if later { self.spill(code, value) } else { value })
                }
                ast::DictItem::Unpack(m) => {
                    let mapping = self.expr(code, m)?;
                    DictElt::Unpack(if later { self.spill(code, mapping) } else { mapping })
                }
            });
        }
        Ok(out)
    }

    /// Keyword arguments (`None` for `**mapping`).
    pub fn keywords(
        &mut self,
        code: &mut CodeBuilder<'_>,
        keywords: &[ast::Keyword],
    ) -> R<Vec<(Option<crate::intern::Symbol>, Expr)>> {
        keywords
            .iter()
            .map(|k| {
                let name = k.arg.as_ref().map(|a| self.sym(&a.name));
                Ok((name, self.expr(code, &k.value)?))
            })
            .collect()
    }

    /// The parts of an f-string. A field followed by a suspending one is formatted
    /// into a temporary first, as CPython formats each field before evaluating the
    /// next.
    fn fparts(&mut self, code: &mut CodeBuilder<'_>, parts: &[ast::FStringPart]) -> R<Vec<FPart>> {
        let mut out = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            match part {
                ast::FStringPart::Literal(s) => out.push(FPart::Text(Rc::from(&**s))),
                ast::FStringPart::Field(f) => {
                    if let Some(text) = &f.debug_text {
                        out.push(FPart::Text(Rc::from(&**text)));
                    }
                    let value = self.expr(code, &f.value)?;
                    let spec_suspends = f.spec.as_ref().is_some_and(|s| s.iter().any(fpart_suspends));
                    let value = if spec_suspends { self.spill(code, value) } else { value };
                    let spec = f.spec.as_ref().map(|s| self.fparts(code, s)).transpose()?;
                    let conversion = match (f.conversion, &f.debug_text, &spec) {
                        (None, Some(_), None) => Some('r'),
                        (c, _, _) => c,
                    };
                    let field = FPart::Field(Box::new(value), conversion, spec);
                    if parts[i + 1..].iter().any(fpart_suspends) {
                        let text = self.spill(code, Expr::FString(vec![field]));
                        out.push(FPart::Field(Box::new(text), None, None));
                    } else {
                        out.push(field);
                    }
                }
            }
        }
        Ok(out)
    }

    fn call(
        &mut self,
        code: &mut CodeBuilder<'_>,
        func: &ast::Expr,
        args: &[ast::Expr],
        keywords: &[ast::Keyword],
    ) -> R<Expr> {
        let args_suspend = args.iter().any(suspends) || keywords.iter().any(|k| suspends(&k.value));
        let callee = match &func.kind {
            ExprKind::Attribute { value, attr } if args_suspend => {
                // The method is looked up before the arguments are evaluated.
                let receiver = self.expr(code, value)?;
                let method = Expr::Attr(Box::new(receiver), self.attr_sym(code, &attr.name));
                Ok(self.spill(code, method))
            }
            ExprKind::Attribute { value, attr } => Err((self.expr(code, value)?, self.attr_sym(code, &attr.name))),
            _ => {
                let f = self.expr(code, func)?;
                Ok(if args_suspend { self.spill(code, f) } else { f })
            }
        };
        let keywords_suspend = keywords.iter().any(|k| suspends(&k.value));
        let mut lowered_args = self.elts_before(code, args, keywords_suspend)?;
        if let ExprKind::Name(n) = &func.kind
            && &**n == "super"
            && args.is_empty()
            && keywords.is_empty()
        {
            self.zero_arg_super(code, &mut lowered_args);
        }
        let mut lowered_keywords = Vec::with_capacity(keywords.len());
        for (i, k) in keywords.iter().enumerate() {
            let name = k.arg.as_ref().map(|a| self.sym(&a.name));
            let value = self.expr(code, &k.value)?;
            let later = keywords.get(i + 1..).is_some_and(|r| r.iter().any(|k| suspends(&k.value)));
            lowered_keywords.push((name, if later { self.spill(code, value) } else { value }));
        }
        let keywords = lowered_keywords;
        let has_star =
            lowered_args.iter().any(|a| matches!(a, Elt::Star(_))) || keywords.iter().any(|(k, _)| k.is_none());
        match callee {
            Err((receiver, name)) => {
                let call = Call { func: Expr::Const(Value::None), args: lowered_args, keywords, has_star };
                Ok(Expr::CallMethod(Box::new((receiver, name, call, Default::default()))))
            }
            Ok(func) => Ok(Expr::Call(Box::new(Call { func, args: lowered_args, keywords, has_star }))),
        }
    }

    /// `super()` becomes `super(__class__, <first argument>)`.
    fn zero_arg_super(&mut self, code: &mut CodeBuilder<'_>, args: &mut Vec<Elt>) {
        let Some(first) = code.sig.positional.first().copied() else { return };
        let class_name = self.sym("__class__");
        if code.cells.contains_key("__class__") {
            let cell = code.cell("__class__");
            args.push(Elt::One(Expr::Load(Var::Cell(cell), class_name)));
            let first_var = self.var(code, self.interner.name(first).to_owned().as_str());
            args.push(Elt::One(Expr::Load(first_var, first)));
        }
    }

    fn lambda(
        &mut self,
        code: &mut CodeBuilder<'_>,
        node: &ast::Expr,
        params: &ast::Params,
        body: &ast::Expr,
    ) -> R<Expr> {
        let scope = self.table.by_node.get(&node_key(node)).copied().unwrap_or(0);
        let qualname = match code.kind {
            CodeKind::Module => "<lambda>".to_owned(),
            CodeKind::Class => format!("{}.<lambda>", code.qualname),
            _ => format!("{}.<locals>.<lambda>", code.qualname),
        };
        let mut child = self.child_code(scope, CodeKind::Function, "<lambda>", qualname);
        child.class_name = code.class_name.clone();
        child.sig = self.signature(params);
        child.span = node.span;
        let value = self.expr(&mut child, body)?;
        child.emit(Instr::Return(value));
        self.make_function(code, child, params, Vec::new(), node.span, None)
    }

    /// An inline list/set/dict comprehension with its own variables.
    fn comprehension(
        &mut self,
        code: &mut CodeBuilder<'_>,
        node: &ast::Expr,
        kind: CompKind,
        element: &ast::Expr,
        value: Option<&ast::Expr>,
        generators: &[ast::Comprehension],
    ) -> R<Expr> {
        let scope = self.table.by_node.get(&node_key(node)).copied().unwrap_or(0);
        let mut clauses = Vec::new();
        let mut pushed = false;
        for (i, g) in generators.iter().enumerate() {
            let iter = self.expr(code, &g.iter)?;
            if i == 0 {
                let vars = self.comprehension_vars(code, scope);
                code.comps.push((scope, vars));
                pushed = true;
            }
            let target = self.target(code, &g.target)?;
            let ifs = g.ifs.iter().map(|c| self.expr(code, c)).collect::<R<Vec<_>>>()?;
            clauses.push(Clause { target, iter, ifs });
        }
        let element = self.expr(code, element);
        let value = value.map(|v| self.expr(code, v)).transpose();
        if pushed {
            code.comps.pop();
        }
        Ok(Expr::Comprehension(Box::new(Comprehension { kind, element: element?, value: value?, clauses })))
    }

    /// Hidden slots (or cells) for the variables a comprehension binds.
    pub fn comprehension_vars(&mut self, code: &mut CodeBuilder<'_>, scope: usize) -> HashMap<Box<str>, Var> {
        let mut vars = HashMap::new();
        let Some(s) = self.table.scopes.get(scope) else { return vars };
        for (name, binding) in &s.resolved {
            let hidden = format!(".{}.{name}", code.temps + 1);
            code.temps += 1;
            match binding {
                Binding::Local => {
                    vars.insert(name.clone(), Var::Local(code.local(&hidden)));
                }
                Binding::Cell => {
                    vars.insert(name.clone(), Var::Cell(code.cell(&hidden)));
                }
                _ => {}
            }
        }
        vars
    }

    /// A generator expression: a generator function over `iter(first iterable)`.
    fn genexp(
        &mut self,
        code: &mut CodeBuilder<'_>,
        node: &ast::Expr,
        elt: &ast::Expr,
        generators: &[ast::Comprehension],
    ) -> R<Expr> {
        let scope = self.table.by_node.get(&node_key(node)).copied().unwrap_or(0);
        let Some(first) = generators.first() else { return Ok(Expr::Unsupported("empty generator")) };
        let first_iter = self.expr(code, &first.iter)?;
        let qualname = match code.kind {
            CodeKind::Module => "<genexpr>".to_owned(),
            _ => format!("{}.<locals>.<genexpr>", code.qualname),
        };
        let mut child = self.child_code(scope, CodeKind::Function, "<genexpr>", qualname);
        child.sig.positional = vec![self.sym(".0")];
        child.span = node.span;
        child.is_async = genexp_is_async(generators, elt);
        let zero = self.sym(".0");
        let first_in_child = Expr::Load(Var::Local(child.local(".0")), zero);
        let mut yield_element = |this: &mut Lowerer<'a>, code: &mut CodeBuilder<'_>| {
            let value = this.expr(code, elt)?;
            code.emit(Instr::Yield(value, None));
            Ok(())
        };
        self.clause_loops(&mut child, generators, 0, Some(first_in_child), &mut yield_element)?;
        let params = ast::Params::default();
        let make = self.make_function(code, child, &params, Vec::new(), node.span, None)?;
        let first_arg = if first.is_async { first_iter } else { Expr::Iter(Box::new(first_iter)) };
        let call = Call { func: make, args: vec![Elt::One(first_arg)], keywords: Vec::new(), has_star: false };
        Ok(Expr::Call(Box::new(call)))
    }

    /// An assignment (or `del`, `for`, `with`) target.
    pub fn target(&mut self, code: &mut CodeBuilder<'_>, e: &ast::Expr) -> R<Target> {
        Ok(match &e.kind {
            ExprKind::Name(n) => self.name_target(code, n),
            ExprKind::Attribute { value, attr } => {
                let value = self.expr(code, value)?;
                Target::Attr(value, self.attr_sym(code, &attr.name))
            }
            ExprKind::Subscript { value, index } => {
                let container = self.expr(code, value)?;
                let container = if suspends(index) { self.spill(code, container) } else { container };
                Target::Subscript(container, self.expr(code, index)?)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items.iter().position(|i| matches!(i.kind, ExprKind::Starred(_)));
                let targets = items
                    .iter()
                    .map(|i| match &i.kind {
                        ExprKind::Starred(inner) => self.target(code, inner),
                        _ => self.target(code, i),
                    })
                    .collect::<R<Vec<_>>>()?;
                Target::Unpack(targets, star)
            }
            _ => Target::Attr(Expr::Unsupported("assignment target"), self.sym("?")),
        })
    }
}

/// Whether an f-string part (its value or its format spec) suspends.
fn fpart_suspends(part: &ast::FStringPart) -> bool {
    match part {
        ast::FStringPart::Literal(_) => false,
        ast::FStringPart::Field(f) => {
            suspends(&f.value) || f.spec.as_ref().is_some_and(|s| s.iter().any(fpart_suspends))
        }
    }
}

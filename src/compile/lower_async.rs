//! Lowering of suspension points (DESIGN §4): `await`, `async with`, `async for`, and
//! the expressions that must become statements because a suspension sits where plain
//! expression evaluation cannot stop — the right of `and`/`or`, the branches of
//! `x if c else y`, comprehensions. Operands evaluated before a suspension are
//! spilled into temporaries so CPython's left-to-right order is kept.

use super::ir::{Await, CompKind, Expr, Instr, Target, Var};
use super::scope::node_key;
use super::{Block, CodeBuilder, Lowerer};
use crate::syntax::SyntaxError;
use crate::syntax::ast::{self, ExprKind};

type R<T> = Result<T, SyntaxError>;

/// What the innermost loop of a comprehension does with each element.
type Inner<'f, 'a> = &'f mut dyn FnMut(&mut Lowerer<'a>, &mut CodeBuilder<'_>) -> R<()>;

impl<'a> Lowerer<'a> {
    /// `await value` inside an expression: the await becomes an instruction before the
    /// statement and the expression reads its result.
    pub fn await_expr(&mut self, code: &mut CodeBuilder<'_>, value: &ast::Expr) -> R<Expr> {
        let value = self.expr(code, value)?;
        Ok(self.emit_await(code, value))
    }

    /// Emits an await of `value` into a fresh temporary and returns its load.
    pub fn emit_await(&mut self, code: &mut CodeBuilder<'_>, value: Expr) -> Expr {
        let temp = code.temp();
        let name = self.sym(".await");
        self.await_into(code, value, Some(Target::Var(Var::Local(temp), name)));
        Expr::Load(Var::Local(temp), name)
    }

    /// Emits an await of `value` storing the result in `target`.
    pub fn await_into(&mut self, code: &mut CodeBuilder<'_>, value: Expr, target: Option<Target>) -> usize {
        let slot = code.shared_await_slot();
        code.emit(Instr::Await(Box::new(Await { value, target, slot, stop: None })))
    }

    /// Keeps an already evaluated operand in a temporary when a later operand of the
    /// same expression suspends (constants and locals cannot change meanwhile).
    pub fn spill(&mut self, code: &mut CodeBuilder<'_>, e: Expr) -> Expr {
        if matches!(e, Expr::Const(_) | Expr::Load(Var::Local(_), _)) {
            return e;
        }
        let (temp, name) = self.spill_to_temp(code, e);
        Expr::Load(Var::Local(temp), name)
    }

    /// Lowers `exprs` left to right, each spilled when a later one (or, with
    /// `then_suspends`, what is evaluated right after them) suspends.
    pub fn in_order(&mut self, code: &mut CodeBuilder<'_>, exprs: &[&ast::Expr], then_suspends: bool) -> R<Vec<Expr>> {
        let mut out = Vec::with_capacity(exprs.len());
        for (i, e) in exprs.iter().enumerate() {
            let lowered = self.expr(code, e)?;
            let later = then_suspends || exprs[i + 1..].iter().any(|e| suspends(e));
            out.push(if later { self.spill(code, lowered) } else { lowered });
        }
        Ok(out)
    }

    /// Evaluates `e` into a fresh temporary now (its load can then be built again).
    pub fn spill_to_temp(&mut self, code: &mut CodeBuilder<'_>, e: Expr) -> (u32, crate::intern::Symbol) {
        let temp = code.temp();
        let name = self.sym(".spill");
        code.emit(Instr::Assign(vec![Target::Var(Var::Local(temp), name)], e));
        (temp, name)
    }

    /// Where a loop stores each item: straight into `target`, or, when the target
    /// itself suspends (`for d[await k()] in ...`), into a temporary that
    /// [`Lowerer::store_loop_item`] assigns from once the item is there, so the
    /// target is evaluated after each item is fetched and not once the loop ends.
    pub fn loop_item_target<'t>(
        &mut self,
        code: &mut CodeBuilder<'_>,
        target: &'t ast::Expr,
    ) -> R<(Target, Option<(&'t ast::Expr, u32)>)> {
        if !suspends(target) {
            return Ok((self.target(code, target)?, None));
        }
        let temp = code.temp();
        Ok((Target::Var(Var::Local(temp), self.sym(".item")), Some((target, temp))))
    }

    /// Assigns a loop item kept by [`Lowerer::loop_item_target`] to its target.
    pub fn store_loop_item(&mut self, code: &mut CodeBuilder<'_>, deferred: Option<(&ast::Expr, u32)>) -> R<()> {
        if let Some((target, temp)) = deferred {
            let target = self.target(code, target)?;
            let name = self.sym(".item");
            code.emit(Instr::Assign(vec![target], Expr::Load(Var::Local(temp), name)));
        }
        Ok(())
    }

    /// `a and b or c` with a suspension after the first operand, as statements.
    pub fn bool_op_statements(&mut self, code: &mut CodeBuilder<'_>, is_and: bool, values: &[ast::Expr]) -> R<Expr> {
        let temp = code.temp();
        let name = self.sym(".bool");
        let mut exits = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let value = self.expr(code, v)?;
            code.emit(Instr::Assign(vec![Target::Var(Var::Local(temp), name)], value));
            if i + 1 < values.len() {
                let current = Expr::Load(Var::Local(temp), name);
                let test = if is_and { current } else { Expr::Unary(ast::UnaryOp::Not, Box::new(current)) };
                exits.push(code.emit(Instr::JumpIfFalse(test, 0)));
            }
        }
        let end = code.here();
        for e in exits {
            code.patch(e, end);
        }
        Ok(Expr::Load(Var::Local(temp), name))
    }

    /// `a < b < c` with a suspension in a comparator after the first: later
    /// comparisons are skipped once one is false.
    pub fn compare_statements(
        &mut self,
        code: &mut CodeBuilder<'_>,
        left: &ast::Expr,
        ops: &[ast::CmpOp],
        comparators: &[ast::Expr],
    ) -> R<Expr> {
        let result = code.temp();
        let name = self.sym(".cmp");
        let first = self.expr(code, left)?;
        let mut left = self.spill(code, first);
        let mut exits = Vec::new();
        for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
            let right = self.expr(code, c)?;
            let right = self.spill(code, right);
            let compare = Expr::Compare1(Box::new((clone_simple(&left), *op, clone_simple(&right))));
            code.emit(Instr::Assign(vec![Target::Var(Var::Local(result), name)], compare));
            if i + 1 < ops.len() {
                exits.push(code.emit(Instr::JumpIfFalse(Expr::Load(Var::Local(result), name), 0)));
            }
            left = right;
        }
        let end = code.here();
        for e in exits {
            code.patch(e, end);
        }
        Ok(Expr::Load(Var::Local(result), name))
    }

    /// `body if test else orelse` with a suspension in a branch, as statements.
    pub fn if_exp_statements(
        &mut self,
        code: &mut CodeBuilder<'_>,
        test: &ast::Expr,
        body: &ast::Expr,
        orelse: &ast::Expr,
    ) -> R<Expr> {
        let temp = code.temp();
        let name = self.sym(".ifexp");
        let test = self.expr(code, test)?;
        let jump_else = code.emit(Instr::JumpIfFalse(test, 0));
        let value = self.expr(code, body)?;
        code.emit(Instr::Assign(vec![Target::Var(Var::Local(temp), name)], value));
        let jump_end = code.emit(Instr::Jump(0));
        let else_at = code.here();
        code.patch(jump_else, else_at);
        let value = self.expr(code, orelse)?;
        code.emit(Instr::Assign(vec![Target::Var(Var::Local(temp), name)], value));
        let end = code.here();
        code.patch(jump_end, end);
        Ok(Expr::Load(Var::Local(temp), name))
    }

    /// A list/set/dict comprehension that suspends, run as loops in this frame.
    pub fn comprehension_statements(
        &mut self,
        code: &mut CodeBuilder<'_>,
        node: &ast::Expr,
        kind: CompKind,
        element: &ast::Expr,
        value: Option<&ast::Expr>,
        generators: &[ast::Comprehension],
    ) -> R<Expr> {
        let scope = self.table.by_node.get(&node_key(node)).copied().unwrap_or(0);
        let Some(first) = generators.first() else { return Ok(Expr::Unsupported("empty comprehension")) };
        let first_iter = self.expr(code, &first.iter)?;
        let result = code.temp();
        let name = self.sym(".comp");
        let empty = match kind {
            CompKind::List => Expr::List(Vec::new()),
            CompKind::Set => Expr::Set(Vec::new()),
            CompKind::Dict => Expr::Dict(Vec::new()),
        };
        code.emit(Instr::Assign(vec![Target::Var(Var::Local(result), name)], empty));
        let vars = self.comprehension_vars(code, scope);
        code.comps.push((scope, vars));
        let mut append = |this: &mut Lowerer<'a>, code: &mut CodeBuilder<'_>| {
            let element = this.expr(code, element)?;
            let element = if value.is_some_and(suspends) { this.spill(code, element) } else { element };
            let value = value.map(|v| this.expr(code, v)).transpose()?;
            code.emit(Instr::CompAppend(result, kind, element, value));
            Ok(())
        };
        let done = self.clause_loops(code, generators, 0, Some(first_iter), &mut append);
        code.comps.pop();
        done?;
        Ok(Expr::Load(Var::Local(result), name))
    }

    /// The nested `for`/`async for` loops of comprehension clauses from `depth` on;
    /// `first` is the already evaluated iterable of clause 0.
    pub fn clause_loops(
        &mut self,
        code: &mut CodeBuilder<'_>,
        generators: &[ast::Comprehension],
        depth: usize,
        first: Option<Expr>,
        inner: Inner<'_, 'a>,
    ) -> R<()> {
        let Some(g) = generators.get(depth) else { return inner(self, code) };
        let iter = match first {
            Some(e) => e,
            None => self.expr(code, &g.iter)?,
        };
        let slot = code.temp();
        let (start, exit, deferred) = if g.is_async {
            code.emit(Instr::GetAIter(iter, slot));
            let start = code.here();
            let (target, deferred) = self.loop_item_target(code, &g.target)?;
            (start, self.anext_into(code, slot, target), deferred)
        } else {
            code.emit(Instr::GetIter(iter, slot));
            let start = code.here();
            let (target, deferred) = self.loop_item_target(code, &g.target)?;
            (start, code.emit(Instr::ForIter(slot, target, 0)), deferred)
        };
        self.store_loop_item(code, deferred)?;
        for cond in &g.ifs {
            let c = self.expr(code, cond)?;
            code.emit(Instr::JumpIfFalse(c, start));
        }
        self.clause_loops(code, generators, depth + 1, None, inner)?;
        code.emit(Instr::Jump(start));
        let end = code.here();
        code.patch(exit, end);
        Ok(())
    }

    /// Awaits the next item of the async iterator in `slot` into `target`; the
    /// returned instruction's exit (on `StopAsyncIteration`) is patched by the caller.
    fn anext_into(&mut self, code: &mut CodeBuilder<'_>, slot: u32, target: Target) -> usize {
        let await_slot = code.temp();
        let value = Expr::Anext(slot);
        code.emit(Instr::Await(Box::new(Await { value, target: Some(target), slot: await_slot, stop: Some(0) })))
    }

    /// `async for target in iter: body else: orelse`.
    pub fn async_for_stmt<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        target: &'ast ast::Expr,
        iter: &'ast ast::Expr,
        body: &'ast [ast::Stmt],
        orelse: &'ast [ast::Stmt],
    ) -> R<()> {
        let iter = self.expr(code, iter)?;
        let slot = code.temp();
        code.emit(Instr::GetAIter(iter, slot));
        let start = code.here();
        let (target, deferred) = self.loop_item_target(code, target)?;
        let exit = self.anext_into(code, slot, target);
        self.store_loop_item(code, deferred)?;
        self.loop_body(code, start, exit, body, orelse)?;
        // The loop lets go of its iterator as CPython's does: an async generator
        // left by `break` can then be finalized (its `aclose()` scheduled) soon.
        code.emit(Instr::ReleaseAIter(slot));
        Ok(())
    }

    /// `async with a as b, c: body`: awaits `__aenter__`, and `__aexit__` on every exit.
    pub fn async_with_stmt<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        items: &'ast [ast::WithItem],
        body: &'ast [ast::Stmt],
    ) -> R<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.block(code, body);
        };
        let header = code.span;
        let manager = self.expr(code, &item.context)?;
        let (exit_slot, entered) = (code.temp(), code.temp());
        code.emit(Instr::AsyncWithEnter(manager, exit_slot, entered));
        let (target, deferred) = match &item.target {
            Some(t) => {
                let (t, deferred) = self.loop_item_target(code, t)?;
                (Some(t), deferred)
            }
            None => (None, None),
        };
        let name = self.sym(".aenter");
        self.await_into(code, Expr::Load(Var::Local(entered), name), target);
        let setup = code.emit(Instr::SetupHandler(0));
        code.blocks.push(Block::AsyncWith(exit_slot));
        self.store_loop_item(code, deferred)?;
        self.async_with_stmt(code, rest, body)?;
        code.blocks.pop();
        code.span = header;
        code.emit(Instr::PopBlock);
        self.await_into(code, Expr::ExitCall(exit_slot, false), None);
        let jump_end = code.emit(Instr::Jump(0));
        let handler = code.here();
        code.patch(setup, handler);
        let swallow = self.emit_await(code, Expr::ExitCall(exit_slot, true));
        let reraise = code.emit(Instr::JumpIfFalse(swallow, 0));
        code.emit(Instr::PopExcept);
        let jump_end2 = code.emit(Instr::Jump(0));
        let here = code.here();
        code.patch(reraise, here);
        code.emit(Instr::Reraise);
        let end = code.here();
        code.patch(jump_end, end);
        code.patch(jump_end2, end);
        Ok(())
    }

    /// `target op= value` where `value` suspends: the target is read before the
    /// suspension, as CPython does.
    pub fn aug_assign_suspending(
        &mut self,
        code: &mut CodeBuilder<'_>,
        target: &ast::Expr,
        op: ast::BinOp,
        value: &ast::Expr,
    ) -> R<()> {
        let target = match &target.kind {
            ExprKind::Attribute { value: obj, attr } => {
                let obj = self.expr(code, obj)?;
                let obj = self.spill(code, obj);
                Target::Attr(obj, self.attr_sym(code, &attr.name))
            }
            ExprKind::Subscript { value: obj, index } => {
                let obj = self.expr(code, obj)?;
                let obj = self.spill(code, obj);
                let index = self.expr(code, index)?;
                Target::Subscript(obj, self.spill(code, index))
            }
            _ => self.target(code, target)?,
        };
        let current = code.temp();
        let name = self.sym(".aug");
        let load = target_load(&target);
        code.emit(Instr::Assign(vec![Target::Var(Var::Local(current), name)], load));
        let value = self.expr(code, value)?;
        code.emit(Instr::AugAssign(Target::Var(Var::Local(current), name), op, value));
        code.emit(Instr::Assign(vec![target], Expr::Load(Var::Local(current), name)));
        Ok(())
    }
}

/// The expression reading a simple target (variables, and attributes or subscripts
/// of already spilled operands).
fn target_load(target: &Target) -> Expr {
    match target {
        Target::Var(var, name) => Expr::Load(*var, *name),
        Target::Attr(obj, name) => Expr::Attr(Box::new(clone_simple(obj)), *name),
        Target::Subscript(obj, index) => Expr::Subscript(Box::new((clone_simple(obj), clone_simple(index)))),
        Target::Unpack(..) => Expr::Unsupported("augmented assignment to a tuple"),
    }
}

/// Copies a constant or variable load (spilled operands are always one of these).
fn clone_simple(e: &Expr) -> Expr {
    match e {
        Expr::Const(v) => Expr::Const(v.clone()),
        Expr::Load(var, name) => Expr::Load(*var, *name),
        _ => Expr::Unsupported("augmented assignment target"),
    }
}

/// Whether evaluating `e` in its own frame can suspend it (`await`, `yield`,
/// `yield from`, or a comprehension that suspends).
pub fn suspends(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Await(_) | ExprKind::Yield(_) | ExprKind::YieldFrom(_) => true,
        ExprKind::Lambda { .. } => false,
        ExprKind::GeneratorExp { generators, .. } => generators.first().is_some_and(|g| suspends(&g.iter)),
        ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
            comprehension_suspends(generators, &[elt])
        }
        ExprKind::DictComp { key, value, generators } => comprehension_suspends(generators, &[key, value]),
        _ => {
            let mut found = false;
            crate::compile::scope_children(e, |c| found = found || suspends(c));
            found
        }
    }
}

/// Whether a comprehension with these clauses and element expressions suspends.
pub fn comprehension_suspends(generators: &[ast::Comprehension], elements: &[&ast::Expr]) -> bool {
    generators.iter().any(|g| g.is_async || suspends(&g.iter) || suspends(&g.target) || g.ifs.iter().any(suspends))
        || elements.iter().any(|e| suspends(e))
}

/// Whether a generator expression is asynchronous (an async generator).
pub fn genexp_is_async(generators: &[ast::Comprehension], elt: &ast::Expr) -> bool {
    generators
        .iter()
        .enumerate()
        .any(|(i, g)| g.is_async || (i > 0 && suspends(&g.iter)) || suspends(&g.target) || g.ifs.iter().any(suspends))
        || suspends(elt)
}

//! Lowering of statements: control flow becomes jumps and handler blocks; early
//! exits (`return`, `break`, `continue`) unwind enclosing handlers, running inlined
//! `finally` bodies and `__exit__` calls on the way, as CPython's compiler does.

use super::ir::{Expr, Instr, MakeClass, MakeFunction, Signature, Target, Var};
use super::lower_async::suspends;
use super::scope::node_key;
use super::{Block, CodeBuilder, CodeKind, Lowerer};
use crate::syntax::SyntaxError;
use crate::syntax::ast::{self, ExprKind, StmtKind};
use crate::value::Value;
use std::rc::Rc;

type R<T> = Result<T, SyntaxError>;

impl<'a> Lowerer<'a> {
    /// Lowers a statement list.
    pub fn block<'ast>(&mut self, code: &mut CodeBuilder<'ast>, body: &'ast [ast::Stmt]) -> R<()> {
        for stmt in body {
            self.stmt(code, stmt)?;
        }
        Ok(())
    }

    fn stmt<'ast>(&mut self, code: &mut CodeBuilder<'ast>, stmt: &'ast ast::Stmt) -> R<()> {
        code.span = stmt.span;
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr_stmt(code, e),
            StmtKind::Assign { targets, value } => self.assign(code, targets, value),
            StmtKind::AugAssign { target, op, value } if suspends(value) || suspends(target) => {
                self.aug_assign_suspending(code, target, *op, value)
            }
            StmtKind::AugAssign { target, op, value } => {
                let value = self.expr(code, value)?;
                let target = self.target(code, target)?;
                code.emit(Instr::AugAssign(target, *op, value));
                Ok(())
            }
            StmtKind::AnnAssign { target, value: Some(value), .. } => {
                self.assign(code, std::slice::from_ref(target), value)
            }
            StmtKind::AnnAssign { .. } | StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Delete(targets) => {
                for t in targets {
                    let t = self.target(code, t)?;
                    code.emit(Instr::Delete(t));
                }
                Ok(())
            }
            StmtKind::Return(value) => self.return_stmt(code, value.as_ref()),
            StmtKind::Break => self.break_continue(code, true),
            StmtKind::Continue => self.break_continue(code, false),
            StmtKind::Raise { exc, cause } => {
                let exc = exc.as_ref().map(|e| self.expr(code, e)).transpose()?;
                let exc = match exc {
                    Some(e) if cause.as_ref().is_some_and(suspends) => Some(self.spill(code, e)),
                    e => e,
                };
                let cause = cause.as_ref().map(|e| self.expr(code, e)).transpose()?;
                code.emit(Instr::Raise(exc, cause));
                Ok(())
            }
            StmtKind::Assert { test, msg: Some(msg) } if suspends(msg) => {
                // The message is evaluated (and awaited) only when the test fails.
                let test = self.expr(code, test)?;
                let skip = code.emit(Instr::JumpIfFalse(Expr::Unary(ast::UnaryOp::Not, Box::new(test)), 0));
                let msg = self.expr(code, msg)?;
                code.emit(Instr::Assert(Expr::Const(Value::Bool(false)), Some(msg)));
                let end = code.here();
                code.patch(skip, end);
                Ok(())
            }
            StmtKind::Assert { test, msg } => {
                let test = self.expr(code, test)?;
                let msg = msg.as_ref().map(|m| self.expr(code, m)).transpose()?;
                code.emit(Instr::Assert(test, msg));
                Ok(())
            }
            StmtKind::Import(aliases) => self.import(code, aliases),
            StmtKind::ImportFrom { module, level, names } => self.import_from(code, module.as_deref(), *level, names),
            StmtKind::If { test, body, orelse } => self.if_stmt(code, test, body, orelse),
            StmtKind::While { test, body, orelse } => self.while_stmt(code, test, body, orelse),
            StmtKind::For { is_async: false, target, iter, body, orelse } => {
                self.for_stmt(code, target, iter, body, orelse)
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.try_stmt(code, body, handlers, orelse, finalbody)
            }
            StmtKind::With { is_async: false, items, body } => self.with_stmt(code, items, body),
            StmtKind::For { is_async: true, target, iter, body, orelse } => {
                self.async_for_stmt(code, target, iter, body, orelse)
            }
            StmtKind::With { is_async: true, items, body } => self.async_with_stmt(code, items, body),
            StmtKind::FunctionDef(def) => {
                let make = self.function(code, def)?;
                let target = self.name_target(code, &def.name.name);
                code.span = stmt.span;
                code.emit(Instr::Assign(vec![target], make));
                Ok(())
            }
            StmtKind::ClassDef(class) => {
                let make = self.class(code, class)?;
                let target = self.name_target(code, &class.name.name);
                code.span = stmt.span;
                code.emit(Instr::Assign(vec![target], make));
                Ok(())
            }
            StmtKind::Error => Ok(()),
        }
    }

    /// A store target for a plain name.
    pub fn name_target(&mut self, code: &mut CodeBuilder<'_>, name: &str) -> Target {
        let var = self.var(code, name);
        Target::Var(var, self.attr_sym(code, name))
    }

    fn expr_stmt<'ast>(&mut self, code: &mut CodeBuilder<'ast>, e: &'ast ast::Expr) -> R<()> {
        match &e.kind {
            ExprKind::Yield(value) => {
                let value = self.yield_value(code, value.as_deref())?;
                code.emit(Instr::Yield(value, None));
            }
            ExprKind::Await(value) => {
                let value = self.expr(code, value)?;
                self.await_into(code, value, None);
            }
            _ => {
                let e = self.expr(code, e)?;
                code.emit(Instr::Expr(e));
            }
        }
        Ok(())
    }

    fn yield_value(&mut self, code: &mut CodeBuilder<'_>, value: Option<&ast::Expr>) -> R<Expr> {
        match value {
            Some(v) => self.expr(code, v),
            None => Ok(Expr::Const(Value::None)),
        }
    }

    fn assign<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        targets: &'ast [ast::Expr],
        value: &'ast ast::Expr,
    ) -> R<()> {
        if let (ExprKind::Yield(v), [target]) = (&value.kind, targets) {
            let v = self.yield_value(code, v.as_deref())?;
            let t = self.target(code, target)?;
            code.emit(Instr::Yield(v, Some(t)));
            return Ok(());
        }
        let value = self.expr(code, value)?;
        if targets.iter().any(suspends) {
            // CPython evaluates the value first, then each target in turn, storing
            // into it before the next is evaluated.
            let (temp, _) = self.spill_to_temp(code, value);
            for t in targets {
                self.assign_from_temp(code, t, temp)?;
            }
            return Ok(());
        }
        let targets = targets.iter().map(|t| self.target(code, t)).collect::<R<Vec<_>>>()?;
        code.emit(Instr::Assign(targets, value));
        Ok(())
    }

    /// Stores temporary `temp` into `target`, whose evaluation suspends: a tuple or
    /// list target is unpacked first and its parts stored left to right, each
    /// evaluated just before its store, as CPython does.
    fn assign_from_temp(&mut self, code: &mut CodeBuilder<'_>, target: &ast::Expr, temp: u32) -> R<()> {
        let name = self.sym(".spill");
        let (ExprKind::Tuple(items) | ExprKind::List(items)) = &target.kind else {
            let t = self.target(code, target)?;
            code.emit(Instr::Assign(vec![t], Expr::Load(Var::Local(temp), name)));
            return Ok(());
        };
        let star = items.iter().position(|i| matches!(i.kind, ExprKind::Starred(_)));
        let parts: Vec<u32> = items.iter().map(|_| code.temp()).collect();
        let unpack = parts.iter().map(|&p| Target::Var(Var::Local(p), name)).collect();
        code.emit(Instr::Assign(vec![Target::Unpack(unpack, star)], Expr::Load(Var::Local(temp), name)));
        for (item, part) in items.iter().zip(parts) {
            let item = match &item.kind {
                ExprKind::Starred(inner) => inner,
                _ => item,
            };
            self.assign_from_temp(code, item, part)?;
        }
        Ok(())
    }

    fn if_stmt<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        test: &'ast ast::Expr,
        body: &'ast [ast::Stmt],
        orelse: &'ast [ast::Stmt],
    ) -> R<()> {
        let test = self.expr(code, test)?;
        let jump_else = code.emit(Instr::JumpIfFalse(test, 0));
        self.block(code, body)?;
        if orelse.is_empty() {
            let end = code.here();
            code.patch(jump_else, end);
            return Ok(());
        }
        let jump_end = code.emit(Instr::Jump(0));
        let else_at = code.here();
        code.patch(jump_else, else_at);
        self.block(code, orelse)?;
        let end = code.here();
        code.patch(jump_end, end);
        Ok(())
    }

    fn while_stmt<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        test: &'ast ast::Expr,
        body: &'ast [ast::Stmt],
        orelse: &'ast [ast::Stmt],
    ) -> R<()> {
        let start = code.here();
        let test = self.expr(code, test)?;
        let exit = code.emit(Instr::JumpIfFalse(test, 0));
        self.loop_body(code, start, exit, body, orelse)
    }

    fn for_stmt<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        target: &'ast ast::Expr,
        iter: &'ast ast::Expr,
        body: &'ast [ast::Stmt],
        orelse: &'ast [ast::Stmt],
    ) -> R<()> {
        let iter = self.expr(code, iter)?;
        let slot = code.temp();
        code.emit(Instr::GetIter(iter, slot));
        let start = code.here();
        let (target, deferred) = self.loop_item_target(code, target)?;
        let exit = code.emit(Instr::ForIter(slot, target, 0));
        self.store_loop_item(code, deferred)?;
        self.loop_body(code, start, exit, body, orelse)
    }

    /// Body of a loop whose test/iteration at `exit` jumps out (to `orelse`).
    pub fn loop_body<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        start: u32,
        exit: usize,
        body: &'ast [ast::Stmt],
        orelse: &'ast [ast::Stmt],
    ) -> R<()> {
        code.blocks.push(Block::Loop { start, breaks: Vec::new() });
        self.block(code, body)?;
        code.emit(Instr::Jump(start));
        let breaks = match code.blocks.pop() {
            Some(Block::Loop { breaks, .. }) => breaks,
            _ => Vec::new(),
        };
        let else_at = code.here();
        code.patch(exit, else_at);
        self.block(code, orelse)?;
        let end = code.here();
        for b in breaks {
            code.patch(b, end);
        }
        Ok(())
    }

    fn break_continue(&mut self, code: &mut CodeBuilder<'_>, is_break: bool) -> R<()> {
        let Some(loop_index) = code.blocks.iter().rposition(|b| matches!(b, Block::Loop { .. })) else {
            return Ok(());
        };
        self.unwind(code, loop_index + 1)?;
        let jump = code.emit(Instr::Jump(0));
        match code.blocks.get_mut(loop_index) {
            Some(Block::Loop { breaks, .. }) if is_break => breaks.push(jump),
            Some(Block::Loop { start, .. }) => {
                let start = *start;
                code.patch(jump, start);
            }
            _ => {}
        }
        Ok(())
    }

    fn return_stmt(&mut self, code: &mut CodeBuilder<'_>, value: Option<&ast::Expr>) -> R<()> {
        let value = match value {
            Some(v) => self.expr(code, v)?,
            None => Expr::Const(Value::None),
        };
        if code.blocks.iter().all(|b| matches!(b, Block::Loop { .. })) {
            code.emit(Instr::Return(value));
            return Ok(());
        }
        let slot = code.temp();
        let name = self.sym(".retval");
        code.emit(Instr::Assign(vec![Target::Var(super::ir::Var::Local(slot), name)], value));
        self.unwind(code, 0)?;
        code.emit(Instr::Return(Expr::Load(super::ir::Var::Local(slot), name)));
        Ok(())
    }

    /// Emits the exits of every block above `depth`, innermost first: popping
    /// handlers, running `finally` bodies and `__exit__`.
    fn unwind(&mut self, code: &mut CodeBuilder<'_>, depth: usize) -> R<()> {
        let mut index = code.blocks.len();
        while index > depth {
            index -= 1;
            match code.blocks.get(index) {
                Some(Block::Except) => {
                    code.emit(Instr::PopBlock);
                }
                Some(Block::Handler) => {
                    code.emit(Instr::PopExcept);
                }
                Some(Block::With(slot)) => {
                    let slot = *slot;
                    code.emit(Instr::PopBlock);
                    code.emit(Instr::WithExit(slot));
                }
                Some(Block::AsyncWith(slot)) => {
                    let slot = *slot;
                    code.emit(Instr::PopBlock);
                    self.await_into(code, Expr::ExitCall(slot, false), None);
                }
                Some(Block::Finally(body)) => {
                    let body = *body;
                    code.emit(Instr::PopBlock);
                    let saved = code.blocks.split_off(index);
                    let span = code.span;
                    self.block(code, body)?;
                    code.span = span;
                    code.blocks.extend(saved);
                }
                Some(Block::Loop { .. }) | None => {}
            }
        }
        Ok(())
    }

    fn try_stmt<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        body: &'ast [ast::Stmt],
        handlers: &'ast [ast::ExceptHandler],
        orelse: &'ast [ast::Stmt],
        finalbody: &'ast [ast::Stmt],
    ) -> R<()> {
        if finalbody.is_empty() {
            return self.try_except(code, body, handlers, orelse);
        }
        let setup = code.emit(Instr::SetupHandler(0));
        code.blocks.push(Block::Finally(finalbody));
        if handlers.is_empty() {
            self.block(code, body)?;
        } else {
            self.try_except(code, body, handlers, orelse)?;
        }
        code.blocks.pop();
        code.emit(Instr::PopBlock);
        self.block(code, finalbody)?;
        let jump_end = code.emit(Instr::Jump(0));
        let handler = code.here();
        code.patch(setup, handler);
        code.blocks.push(Block::Handler);
        self.block(code, finalbody)?;
        code.blocks.pop();
        code.emit(Instr::Reraise);
        let end = code.here();
        code.patch(jump_end, end);
        Ok(())
    }

    fn try_except<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        body: &'ast [ast::Stmt],
        handlers: &'ast [ast::ExceptHandler],
        orelse: &'ast [ast::Stmt],
    ) -> R<()> {
        if handlers.iter().any(|h| h.is_star) {
            return self.try_except_star(code, body, handlers, orelse);
        }
        let (setup, done) = self.protected_body(code, body, orelse)?;
        let mut ends = vec![done];
        let handler_at = code.here();
        code.patch(setup, handler_at);
        code.blocks.push(Block::Handler);
        for h in handlers {
            code.span = h.span;
            let next = match &h.typ {
                Some(t) => {
                    let t = self.expr(code, t)?;
                    Some(code.emit(Instr::ExceptMatch(t, 0)))
                }
                None => None,
            };
            self.bind_handler_name(code, h);
            self.block(code, &h.body)?;
            self.unbind_handler_name(code, h);
            code.emit(Instr::PopExcept);
            ends.push(code.emit(Instr::Jump(0)));
            if let Some(next) = next {
                let here = code.here();
                code.patch(next, here);
            }
        }
        code.emit(Instr::Reraise);
        code.blocks.pop();
        let end = code.here();
        for e in ends {
            code.patch(e, end);
        }
        Ok(())
    }

    /// `try`/`except*`: each clause takes the part of the exception its types match;
    /// what the handlers raise and what no clause matched are raised together at the
    /// end.
    fn try_except_star<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        body: &'ast [ast::Stmt],
        handlers: &'ast [ast::ExceptHandler],
        orelse: &'ast [ast::Stmt],
    ) -> R<()> {
        let (setup, done) = self.protected_body(code, body, orelse)?;
        let handler_at = code.here();
        code.patch(setup, handler_at);
        code.blocks.push(Block::Handler);
        let (rest, raised) = (code.temp(), code.temp());
        code.emit(Instr::StarStart(rest, raised));
        for h in handlers {
            code.span = h.span;
            let typ = match &h.typ {
                Some(t) => self.expr(code, t)?,
                None => Expr::Const(Value::None),
            };
            let next = code.emit(Instr::StarMatch(typ, rest, 0));
            self.bind_handler_name(code, h);
            let raises = self.guarded(code, &h.body)?;
            self.unbind_handler_name(code, h);
            code.emit(Instr::PopExcept);
            let skip = code.emit(Instr::Jump(0));
            let raised_at = code.here();
            code.patch(raises, raised_at);
            code.emit(Instr::StarCollect(raised));
            self.unbind_handler_name(code, h);
            let after = code.here();
            code.patch(skip, after);
            code.patch(next, after);
        }
        code.emit(Instr::StarEnd(rest, raised));
        code.blocks.pop();
        let end = code.here();
        code.patch(done, end);
        Ok(())
    }

    /// The protected body of a `try` and its `else` block; returns the handler setup
    /// and the jump past the handlers, for the caller to patch.
    fn protected_body<'ast>(
        &mut self,
        code: &mut CodeBuilder<'ast>,
        body: &'ast [ast::Stmt],
        orelse: &'ast [ast::Stmt],
    ) -> R<(usize, usize)> {
        let setup = self.guarded(code, body)?;
        self.block(code, orelse)?;
        Ok((setup, code.emit(Instr::Jump(0))))
    }

    /// `body` under an exception handler; returns the handler setup, for the caller
    /// to point at its handler code.
    fn guarded<'ast>(&mut self, code: &mut CodeBuilder<'ast>, body: &'ast [ast::Stmt]) -> R<usize> {
        let setup = code.emit(Instr::SetupHandler(0));
        code.blocks.push(Block::Except);
        self.block(code, body)?;
        code.blocks.pop();
        code.emit(Instr::PopBlock);
        Ok(setup)
    }

    /// Binds the exception being handled to an `except ... as name` clause's name.
    fn bind_handler_name(&mut self, code: &mut CodeBuilder<'_>, h: &ast::ExceptHandler) {
        if let Some(n) = &h.name {
            let target = self.name_target(code, &n.name);
            code.emit(Instr::BindException(target));
        }
    }

    /// `name = None; del name` after an `except ... as name` handler (CPython's
    /// cleanup, which works even when the handler deleted the name itself).
    fn unbind_handler_name(&mut self, code: &mut CodeBuilder<'_>, h: &ast::ExceptHandler) {
        if let Some(n) = &h.name {
            let t = self.name_target(code, &n.name);
            code.emit(Instr::Assign(vec![t], Expr::Const(Value::None)));
            let t = self.name_target(code, &n.name);
            code.emit(Instr::Delete(t));
        }
    }

    fn with_stmt<'ast>(
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
        // A target that suspends is stored once the block is set up, as CPython
        // stores it (an exception there reaches `__exit__`).
        let (target, deferred) = match &item.target {
            Some(t) => {
                let (t, deferred) = self.loop_item_target(code, t)?;
                (Some(t), deferred)
            }
            None => (None, None),
        };
        let slot = code.temp();
        code.emit(Instr::WithEnter(manager, slot, target));
        let setup = code.emit(Instr::SetupHandler(0));
        code.blocks.push(Block::With(slot));
        self.store_loop_item(code, deferred)?;
        self.with_stmt(code, rest, body)?;
        code.blocks.pop();
        code.span = header;
        code.emit(Instr::PopBlock);
        code.emit(Instr::WithExit(slot));
        let jump_end = code.emit(Instr::Jump(0));
        let handler = code.here();
        code.patch(setup, handler);
        let swallow = code.emit(Instr::WithExcept(slot, 0));
        code.emit(Instr::Reraise);
        let end = code.here();
        code.patch(jump_end, end);
        code.patch(swallow, end);
        Ok(())
    }

    fn import(&mut self, code: &mut CodeBuilder<'_>, aliases: &[ast::Alias]) -> R<()> {
        for alias in aliases {
            let module = self.sym(&alias.name);
            let (target, submodule) = match &alias.asname {
                Some(asname) => (self.name_target(code, &asname.name), true),
                None => (self.name_target(code, alias.name.split('.').next().unwrap_or("")), false),
            };
            code.emit(Instr::Import(module, target, submodule));
        }
        Ok(())
    }

    fn import_from(
        &mut self,
        code: &mut CodeBuilder<'_>,
        module: Option<&str>,
        level: u32,
        names: &[ast::Alias],
    ) -> R<()> {
        let module = module.map(|m| self.sym(m));
        if names.iter().any(|a| &*a.name == "*") {
            code.emit(Instr::ImportStar(module, level));
            return Ok(());
        }
        let mut pairs = Vec::new();
        for alias in names {
            let bound = alias.asname.as_ref().map_or(&alias.name, |i| &i.name).clone();
            let name = self.sym(&alias.name);
            pairs.push((name, self.name_target(code, &bound)));
        }
        code.emit(Instr::ImportFrom(module, level, pairs));
        Ok(())
    }

    /// The qualified name of a definition named `name` inside `code`.
    fn qualname(code: &CodeBuilder<'_>, name: &str) -> String {
        match code.kind {
            CodeKind::Module => name.to_owned(),
            CodeKind::Class => format!("{}.{name}", code.qualname),
            _ => format!("{}.<locals>.{name}", code.qualname),
        }
    }

    /// `def`: compiles the body and returns the expression that builds the function.
    fn function<'ast>(&mut self, code: &mut CodeBuilder<'ast>, def: &'ast ast::FunctionDef) -> R<Expr> {
        let defaults_suspend = param_defaults(&def.params).any(suspends);
        let decorators = self.in_order(code, &def.decorators.iter().collect::<Vec<_>>(), defaults_suspend)?;
        let scope = self.table.by_node.get(&node_key(def)).copied().unwrap_or(0);
        let qualname = Self::qualname(code, &def.name.name);
        let mut child = self.child_code(scope, CodeKind::Function, &def.name.name, qualname);
        child.class_name = code.class_name.clone();
        child.is_async = def.is_async;
        child.sig = self.signature(&def.params);
        child.span = def.name.span;
        let doc = docstring(&def.body);
        self.block(&mut child, &def.body)?;
        self.make_function(code, child, &def.params, decorators, def.name.span, doc)
    }

    /// Finishes a child function and builds its `MakeFunction`.
    pub fn make_function(
        &mut self,
        code: &mut CodeBuilder<'_>,
        child: CodeBuilder<'_>,
        params: &ast::Params,
        decorators: Vec<Expr>,
        span: crate::source::Span,
        doc: Option<Rc<str>>,
    ) -> R<Expr> {
        let child = self.finish(child, span, doc);
        let closure = self.closure_of(code, &child);
        let positional: Vec<&ast::Expr> =
            params.posonly.iter().chain(&params.args).filter_map(|p| p.default.as_ref()).collect();
        let kw_suspend = params.kwonly.iter().filter_map(|p| p.default.as_ref()).any(suspends);
        let defaults = self.in_order(code, &positional, kw_suspend)?;
        let kw: Vec<&ast::Expr> = params.kwonly.iter().filter_map(|p| p.default.as_ref()).collect();
        let mut kw = self.in_order(code, &kw, false)?.into_iter();
        let kwdefaults = params.kwonly.iter().map(|p| p.default.as_ref().and_then(|_| kw.next())).collect();
        let make = MakeFunction { code: Rc::new(child), defaults, kwdefaults, decorators, closure };
        Ok(Expr::MakeFunction(Box::new(make)))
    }

    /// Cells of `code` that the child's free variables refer to.
    fn closure_of(&mut self, code: &mut CodeBuilder<'_>, child: &super::Code) -> Vec<u32> {
        let frees: Vec<String> =
            child.cell_names.iter().take(child.nfree as usize).map(|s| self.interner.name(*s).to_owned()).collect();
        frees
            .iter()
            .map(|name| match self.var(code, name) {
                super::ir::Var::Cell(i) => i,
                _ => code.cell(name),
            })
            .collect()
    }

    /// A resolved signature.
    pub fn signature(&mut self, params: &ast::Params) -> Signature {
        Signature {
            positional: params.posonly.iter().chain(&params.args).map(|p| self.sym(&p.name.name)).collect(),
            posonly: params.posonly.len(),
            kwonly: params.kwonly.iter().map(|p| self.sym(&p.name.name)).collect(),
            varargs: params.vararg.is_some(),
            varkw: params.kwarg.is_some(),
        }
    }

    /// `class`: compiles the body and returns the expression that builds the class.
    fn class<'ast>(&mut self, code: &mut CodeBuilder<'ast>, class: &'ast ast::ClassDef) -> R<Expr> {
        let header_suspends = class.bases.iter().any(suspends) || class.keywords.iter().any(|k| suspends(&k.value));
        let decorators = self.in_order(code, &class.decorators.iter().collect::<Vec<_>>(), header_suspends)?;
        let scope = self.table.by_node.get(&node_key(class)).copied().unwrap_or(0);
        let qualname = Self::qualname(code, &class.name.name);
        let mut child = self.child_code(scope, CodeKind::Class, &class.name.name, qualname.clone());
        child.class_name = Some(class.name.name.to_string());
        child.span = class.name.span;
        let doc = docstring(&class.body);
        self.block(&mut child, &class.body)?;
        let body = self.finish(child, class.name.span, doc);
        let closure = self.closure_of(code, &body);
        let bases = self.elts_before(code, &class.bases, class.keywords.iter().any(|k| suspends(&k.value)))?;
        let keywords = self.keywords(code, &class.keywords)?;
        let name = self.sym(&class.name.name);
        let make = MakeClass { name, qualname, body: Rc::new(body), bases, keywords, decorators, closure };
        Ok(Expr::MakeClass(Box::new(make)))
    }
}

/// The default values of a signature, positional ones first, in evaluation order.
fn param_defaults(params: &ast::Params) -> impl Iterator<Item = &ast::Expr> {
    let positional = params.posonly.iter().chain(&params.args);
    positional.chain(&params.kwonly).filter_map(|p| p.default.as_ref())
}

/// The docstring of a body, if its first statement is a string literal.
pub fn docstring(body: &[ast::Stmt]) -> Option<Rc<str>> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(ast::Expr { kind: ExprKind::Str(s), .. })) => Some(Rc::from(&**s)),
        _ => None,
    }
}

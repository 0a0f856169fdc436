//! The instruction loop. One function runs every kind of code (module, class body,
//! function, generator); it returns when the code returns or yields, so a suspended
//! frame resumes exactly where it stopped.

use super::PyResult;
use super::coroutine::Coroutine;
use super::eval::int_condition;
use super::exception::{ExcKind, PyErr, TraceEntry};
use super::frame::{Frame, RBlock};
use super::iter::PyIter;
use crate::compile::Code;
use crate::compile::ir::{Expr, Instr, Target};
use crate::interpreter::Interpreter;
use crate::value::Value;
use std::rc::Rc;

/// How a frame stopped running.
pub enum Flow {
    /// The code returned this value.
    Return(Value),
    /// A generator yielded this value.
    Yield(Value),
    /// An `await` suspended the chain, handing this value to the task's driver.
    Suspend(Value),
    /// An `await` of a fresh coroutine: the driver runs it on top of this frame.
    Await(Rc<Coroutine>),
}

/// What a suspended frame is resumed with.
pub enum Resume {
    /// Start or continue normally, sending this value into the `yield`.
    Send(Value),
    /// Raise this exception at the suspension point.
    Throw(PyErr),
    /// The coroutine this frame awaits returned this value.
    SubReturn(Value),
    /// The coroutine this frame awaits raised this exception.
    SubRaise(PyErr),
}

impl Interpreter {
    /// Runs `frame` until it returns or yields.
    pub fn run_frame(&mut self, frame: &mut Frame, resume: Resume) -> PyResult<Flow> {
        let pending = match resume {
            Resume::Send(Value::None) if frame.pc == 0 => None,
            Resume::Send(value) => self.deliver_sent(frame, value).err(),
            Resume::Throw(err) => match self.chain_thrown(err).and_then(|err| self.throw_into_delegate(frame, err)) {
                Ok(Some(flow)) => return Ok(flow),
                Ok(None) => None,
                Err(e) => Some(e),
            },
            Resume::SubReturn(v) => self.sub_finished(frame, Ok(v)).err(),
            Resume::SubRaise(e) => self.sub_finished(frame, Err(e)).err(),
        };
        if let Some(err) = pending {
            let err = self.with_traceback(err, frame);
            self.unwind(frame, err)?;
        }
        self.run_loop(frame)
    }

    /// The instruction loop: runs `frame` from its pc until it returns or suspends
    /// (a fresh function frame enters [`Interpreter::run_instrs`] directly).
    pub(crate) fn run_loop(&mut self, frame: &mut Frame) -> PyResult<Flow> {
        let code = frame.code.clone();
        self.run_instrs(&code, frame)
    }

    /// [`Interpreter::run_loop`] with the frame's code passed beside it (a caller
    /// that holds the code already saves the reference-count round trip).
    pub(crate) fn run_instrs(&mut self, code: &Code, frame: &mut Frame) -> PyResult<Flow> {
        loop {
            let Some(instr) = code.instrs.get(frame.pc) else {
                return Ok(Flow::Return(Value::None));
            };
            self.steps_left -= 1;
            if self.steps_left & 0x3FF == 0 {
                if self.steps_left == 0 {
                    self.steps_left = 1;
                    return Err(PyErr::limit("instruction budget exhausted"));
                }
                if let Err(err) = self.check_interrupt() {
                    frame.pc += 1;
                    let err = self.with_traceback(err, frame);
                    self.unwind(frame, err)?;
                    continue;
                }
            }
            frame.pc += 1;
            match self.step(frame, instr) {
                Ok(None) => {}
                Ok(Some(flow)) => return Ok(flow),
                Err(err) => {
                    let err = self.with_traceback(err, frame);
                    self.unwind(frame, err)?;
                }
            }
        }
    }

    /// Acts on a pending Ctrl-C: calls the installed handler (which may raise) or
    /// raises `KeyboardInterrupt`.
    #[inline(never)]
    pub fn check_interrupt(&mut self) -> PyResult<()> {
        if !self.interrupted.swap(false, std::sync::atomic::Ordering::Relaxed) {
            return Ok(());
        }
        match self.sigint_handler.clone() {
            Value::None => Err(PyErr::raised(self.new_exception(ExcKind::KeyboardInterrupt, Vec::new()))),
            handler => self.call(handler, Vec::new(), &[]).map(|_| ()),
        }
    }

    /// An exception thrown into a suspended frame is chained to the exception being
    /// handled there (CPython's `_PyErr_ChainStackItem` in `gen_send_ex2`): a task
    /// awaiting a failed task inside an `except` block sees it as `__context__`.
    fn chain_thrown(&mut self, err: PyErr) -> PyResult<PyErr> {
        let instance = self.materialize(err).instance()?;
        if self.handling.len() > self.resumed_handling_base {
            self.set_context(&instance);
        } else if let Some(data) = instance.exc() {
            // Nothing handled in there: the caller's exception is no context of it
            // (and must not become one as it leaves the frame).
            let mut d = data.borrow_mut();
            if d.context.is_none() {
                d.context = Some(Value::None);
            }
        }
        Ok(PyErr::raised(instance))
    }

    /// On resumption after a `yield`, stores the sent value in the yield's target.
    fn deliver_sent(&mut self, frame: &mut Frame, value: Value) -> PyResult<()> {
        let code = frame.code.clone();
        if let Some(Instr::YieldFrom(..) | Instr::Await(_)) = code.instrs.get(frame.pc) {
            frame.set_sent(value);
            return Ok(());
        }
        if let Some(Instr::Yield(_, Some(target))) = frame.pc.checked_sub(1).and_then(|pc| code.instrs.get(pc)) {
            self.assign(frame, target, value)?;
        }
        Ok(())
    }

    /// Adds this frame's traceback entry (once per frame) to an exception.
    #[inline(never)]
    fn with_traceback(&mut self, err: PyErr, frame: &Frame) -> PyErr {
        let instance = match self.materialize(err).instance() {
            Ok(i) => i,
            Err(limit) => return limit,
        };
        if let Some((exc, id)) = self.reraised_here.take()
            && exc == Rc::as_ptr(&instance) as usize
            && id == frame.id
        {
            return PyErr::raised(instance);
        }
        let fresh = instance.exc().is_some_and(|d| d.borrow().traceback.is_empty());
        if fresh {
            self.set_context(&instance);
        }
        if let Some(exc) = instance.exc() {
            let mut data = exc.borrow_mut();
            let pc = frame.pc.saturating_sub(1);
            let span = frame.code.spans.get(pc).copied().unwrap_or_default();
            if data.traceback.last().is_none_or(|t| t.frame != frame.id) {
                data.traceback.push(TraceEntry { code: frame.code.clone(), span, frame: frame.id });
            }
        }
        PyErr::raised(instance)
    }

    /// Transfers control to the innermost handler, or gives the error back.
    #[inline(never)]
    fn unwind(&mut self, frame: &mut Frame, err: PyErr) -> PyResult<()> {
        while let Some(block) = frame.blocks.pop() {
            match block {
                RBlock::Handling(depth) => self.handling.truncate(depth as usize),
                RBlock::Handler(target) => {
                    let exc = Value::Instance(self.materialize(err).instance()?);
                    frame.blocks.push(RBlock::Handling(handling_depth(self.handling.len())));
                    self.handling.push(exc);
                    frame.pc = target as usize;
                    return Ok(());
                }
            }
        }
        Err(err)
    }

    /// Runs one instruction.
    fn step(&mut self, frame: &mut Frame, instr: &Instr) -> PyResult<Option<Flow>> {
        match instr {
            Instr::Expr(e) => match self.eval(frame, e)? {
                Value::Coroutine(c) => self.warn_if_never_awaited(frame, &c),
                other => other.discard(),
            },
            Instr::Assign(targets, value) => {
                let value = self.eval(frame, value)?;
                if let [Target::Var(crate::compile::ir::Var::Local(slot), _)] = targets.as_slice() {
                    set_local(frame, *slot, value);
                } else if let [target] = targets.as_slice() {
                    self.assign(frame, target, value)?;
                } else {
                    for t in targets {
                        self.assign(frame, t, value.clone())?;
                    }
                }
            }
            Instr::AugAssign(target, op, value) => self.aug_assign(frame, target, *op, value)?,
            Instr::Delete(target) => self.delete(frame, target)?,
            Instr::Jump(to) => frame.pc = *to as usize,
            Instr::JumpIfFalse(test, to) => {
                if !int_condition(frame, test).map_or_else(|| self.eval_cond(frame, test), Ok)? {
                    frame.pc = *to as usize;
                }
            }
            Instr::ForIter(slot, target, exit) => {
                if let Target::Var(crate::compile::ir::Var::Local(to), _) = target
                    && let Some(more) = for_into_local(frame, *slot, *to)
                {
                    if !more {
                        self.retire_loop_iter(frame, *slot);
                        frame.pc = *exit as usize;
                    }
                    return Ok(None);
                }
                if let Some(item) = next_of_range_or_list(frame, *slot) {
                    match (item, target) {
                        (Some(v), Target::Var(crate::compile::ir::Var::Local(to), _)) => set_local(frame, *to, v),
                        (Some(v), _) => self.assign(frame, target, v)?,
                        (None, _) => {
                            self.retire_loop_iter(frame, *slot);
                            frame.pc = *exit as usize;
                        }
                    }
                    return Ok(None);
                }
                self.for_iter_any(frame, *slot, target, *exit)?;
            }
            Instr::Return(e) => return Ok(Some(Flow::Return(self.eval_operand(frame, e)?))),
            _ => return self.step_rare(frame, instr),
        }
        Ok(None)
    }

    /// One step of a `for` loop over any iterator (ranges and lists take the
    /// inline paths in [`Interpreter::step`]).
    #[inline(never)]
    fn for_iter_any(&mut self, frame: &mut Frame, slot: u32, target: &Target, exit: u32) -> PyResult<()> {
        let it = frame.locals.get(slot as usize).cloned().unwrap_or(Value::None);
        match self.next(&it)? {
            Some(v) => self.assign(frame, target, v)?,
            None => {
                set_local(frame, slot, Value::None);
                frame.pc = exit as usize;
            }
        }
        Ok(())
    }

    /// Instructions outside the hot path.
    #[inline(never)]
    fn step_rare(&mut self, frame: &mut Frame, instr: &Instr) -> PyResult<Option<Flow>> {
        match instr {
            Instr::GetIter(e, slot) => {
                let it = match self.range_loop_iter(frame, e)? {
                    Some(it) => it,
                    None => {
                        let v = self.eval(frame, e)?;
                        self.iter(v)?
                    }
                };
                set_local(frame, *slot, it);
                Ok(None)
            }
            Instr::Yield(e, _) => Ok(Some(Flow::Yield(self.eval(frame, e)?))),
            Instr::YieldFrom(e, target, slot) => self.yield_from(frame, e, target.as_ref(), *slot),
            Instr::Await(a) => self.await_step(frame, a),
            _ => self.step_rarer(frame, instr).map(|()| None),
        }
    }

    /// Instructions seldom run at all.
    fn step_rarer(&mut self, frame: &mut Frame, instr: &Instr) -> PyResult<()> {
        match instr {
            Instr::Raise(exc, cause) => Err(self.raise_stmt(frame, exc.as_ref(), cause.as_ref())),
            Instr::SetupHandler(target) => {
                crate::runtime::frame::push_small(&mut frame.blocks, RBlock::Handler(*target));
                Ok(())
            }
            Instr::PopBlock => {
                frame.blocks.pop();
                Ok(())
            }
            Instr::ExceptMatch(typ, next) => {
                let typ = self.eval(frame, typ)?;
                let exc = self.handling.last().cloned().unwrap_or(Value::None);
                if !self.exception_matches(&exc, &typ)? {
                    frame.pc = *next as usize;
                }
                Ok(())
            }
            Instr::BindException(target) => {
                let exc = self.handling.last().cloned().unwrap_or(Value::None);
                self.assign(frame, target, exc)
            }
            Instr::PopExcept => {
                self.pop_handling(frame);
                Ok(())
            }
            Instr::Reraise => {
                let exc = self.handling.last().cloned();
                self.pop_handling(frame);
                match exc {
                    Some(Value::Instance(i)) => Err(PyErr::raised(i)),
                    _ => Err(PyErr::new(ExcKind::RuntimeError, "No active exception to reraise")),
                }
            }
            Instr::WithEnter(manager, slot, target) => self.with_enter(frame, manager, *slot, target.as_ref()),
            Instr::WithExit(slot) => self.exit_call(frame, *slot, false).map(|_| ()),
            Instr::WithExcept(slot, end) => self.with_except(frame, *slot, *end),
            Instr::Assert(test, msg) => {
                if self.eval_cond(frame, test)? {
                    return Ok(());
                }
                let args = match msg {
                    Some(m) => vec![self.eval(frame, m)?],
                    None => Vec::new(),
                };
                Err(PyErr::raised(self.new_exception(ExcKind::AssertionError, args)))
            }
            Instr::Import(module, target, submodule) => self.import_stmt(frame, *module, target, *submodule),
            Instr::ImportFrom(module, level, names) => self.import_from(frame, *module, *level, names),
            Instr::ImportStar(module, level) => self.import_star(frame, *module, *level),
            Instr::GetAIter(e, slot) => {
                let v = self.eval(frame, e)?;
                let it = self.get_aiter(v)?;
                set_local(frame, *slot, it);
                Ok(())
            }
            Instr::ReleaseAIter(slot) => {
                let it = frame.locals.get_mut(*slot as usize).map(std::mem::take).unwrap_or(Value::None);
                self.release_async_iter(it)
            }
            Instr::AsyncWithEnter(manager, exit_slot, entered) => {
                let manager = self.eval(frame, manager)?;
                let (exit, awaitable) = self.async_with_enter(manager)?;
                set_local(frame, *exit_slot, exit);
                set_local(frame, *entered, awaitable);
                Ok(())
            }
            Instr::CompAppend(slot, kind, element, value) => {
                let collection = frame.locals.get(*slot as usize).cloned().unwrap_or(Value::None);
                let item = self.eval(frame, element)?;
                let value = value.as_ref().map(|v| self.eval(frame, v)).transpose()?;
                self.comp_append(&collection, *kind, item, value)
            }
            Instr::StarStart(rest, raised) => {
                let exc = self.handling.last().cloned().unwrap_or(Value::None);
                set_local(frame, *rest, exc);
                set_local(frame, *raised, Value::list(Vec::new()));
                Ok(())
            }
            Instr::StarMatch(typ, rest, next) => {
                let typ = self.eval(frame, typ)?;
                let unmatched = frame.locals.get(*rest as usize).cloned().unwrap_or(Value::None);
                let (matched, left) = self.except_star_match(&unmatched, &typ)?;
                set_local(frame, *rest, left.unwrap_or(Value::None));
                match matched {
                    Some(m) => {
                        frame.blocks.push(RBlock::Handling(handling_depth(self.handling.len())));
                        self.handling.push(m);
                    }
                    None => frame.pc = *next as usize,
                }
                Ok(())
            }
            Instr::StarCollect(raised) => {
                let exc = self.handling.last().cloned().unwrap_or(Value::None);
                if let Some(Value::List(l)) = frame.locals.get(*raised as usize) {
                    l.items.borrow_mut().push(exc);
                }
                self.pop_handling(frame);
                self.pop_handling(frame);
                Ok(())
            }
            Instr::StarEnd(rest, raised) => self.star_end(frame, *rest, *raised),
            Instr::Nop => Ok(()),
            _ => Ok(()),
        }
    }

    /// One step of `yield from`: starts the delegation or passes the sent value on;
    /// yields what the sub-iterator yields (staying on this instruction) or stores its
    /// return value and goes on.
    #[inline(never)]
    fn yield_from(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        target: Option<&Target>,
        slot: u32,
    ) -> PyResult<Option<Flow>> {
        let here = frame.pc - 1;
        let current = frame.locals.get(slot as usize).cloned().unwrap_or(Value::Unbound);
        let (sub, sent) = match current {
            Value::Unbound | Value::None => {
                let iterable = self.eval(frame, e)?;
                if let Value::Coroutine(c) = &iterable
                    && c.kind() == super::coroutine::CoroKind::Coroutine
                {
                    return Err(PyErr::type_error(
                        "cannot 'yield from' a coroutine object in a non-coroutine generator",
                    ));
                }
                let sub = self.iter(iterable)?;
                set_local(frame, slot, sub.clone());
                (sub, Value::None)
            }
            sub => (sub, frame.take_sent()),
        };
        let step = self.delegate_step(&sub, Resume::Send(sent));
        self.after_delegate_step(frame, step, here, target, slot)
    }

    /// Sends into (or throws into) a sub-iterator: `Ok(value)` when it yields,
    /// `Err(Ok(return value))` when it finishes, `Err(Err(e))` when it raises.
    pub(super) fn delegate_step(&mut self, sub: &Value, resume: Resume) -> Result<Value, PyResult<Value>> {
        // Only an `await` on a native future leaves an instance that is one here.
        if self.is_native_future(sub) {
            return crate::event_loop::await_future(self, sub, resume, true);
        }
        if let Value::Iterator(cell) = sub
            && cell.borrow().is_native_awaitable()
        {
            return self.native_await_step(cell, resume).unwrap_or(Err(Ok(Value::None)));
        }
        if let Value::Iterator(cell) = sub
            && matches!(&*cell.borrow(), PyIter::Generator(_))
        {
            if let Resume::Throw(e) = &resume
                && crate::builtins::functions::is_kind(self, e, ExcKind::GeneratorExit)
            {
                // CPython's `_gen_throw`: `GeneratorExit` closes the delegate and is
                // then raised at the `yield from` (or what closing it raised is).
                let Resume::Throw(exit) = resume else { return Err(Ok(Value::None)) };
                return Err(Err(crate::builtins::iterators::close(self, cell).err().unwrap_or(exit)));
            }
            return match self.resume_generator(cell, resume) {
                Ok(Ok(v)) => Ok(v),
                Ok(Err(ret)) => Err(Ok(ret)),
                Err(e) => Err(Err(e)),
            };
        }
        self.plain_delegate_step(sub, resume)
    }

    fn after_delegate_step(
        &mut self,
        frame: &mut Frame,
        step: Result<Value, PyResult<Value>>,
        here: usize,
        target: Option<&Target>,
        slot: u32,
    ) -> PyResult<Option<Flow>> {
        match step {
            Ok(v) => {
                frame.pc = here;
                Ok(Some(Flow::Yield(v)))
            }
            Err(done) => {
                set_local(frame, slot, Value::None);
                let ret = done?;
                if let Some(t) = target {
                    self.assign(frame, t, ret)?;
                }
                Ok(None)
            }
        }
    }

    /// An exception thrown into a frame suspended in `yield from` goes to the
    /// sub-iterator first.
    fn throw_into_delegate(&mut self, frame: &mut Frame, err: PyErr) -> PyResult<Option<Flow>> {
        let code = frame.code.clone();
        if let Some(Instr::Await(a)) = code.instrs.get(frame.pc) {
            let sub = frame.locals.get(a.slot as usize).cloned().unwrap_or(Value::None);
            if matches!(sub, Value::None | Value::Unbound | Value::Coroutine(_)) {
                // The slot is shared by the frame's awaits: the next one must find
                // it empty.
                set_local(frame, a.slot, Value::None);
                frame.pc += 1;
                return Err(err);
            }
            let here = frame.pc;
            let step = self.delegate_step(&sub, Resume::Throw(err));
            return self.after_await_step(frame, step, here, a);
        }
        let Some(Instr::YieldFrom(_, target, slot)) = code.instrs.get(frame.pc) else { return Err(err) };
        let sub = frame.locals.get(*slot as usize).cloned().unwrap_or(Value::None);
        if matches!(sub, Value::None | Value::Unbound) {
            return Err(err);
        }
        let here = frame.pc;
        frame.pc += 1;
        let step = self.delegate_step(&sub, Resume::Throw(err));
        self.after_delegate_step(frame, step, here, target.as_ref(), *slot)
    }

    /// End of `except*`: raises the combination of what the handlers raised and what
    /// no clause matched (as a re-raise: no traceback entry or context added here).
    fn star_end(&mut self, frame: &mut Frame, rest: u32, raised: u32) -> PyResult<()> {
        let orig = self.handling.last().cloned().unwrap_or(Value::None);
        let mut excs = match frame.locals.get(raised as usize) {
            Some(Value::List(l)) => l.items.borrow().clone(),
            _ => Vec::new(),
        };
        excs.push(frame.locals.get(rest as usize).cloned().unwrap_or(Value::None));
        set_local(frame, rest, Value::None);
        set_local(frame, raised, Value::None);
        match self.prep_reraise_star(&orig, excs)? {
            None => {
                self.pop_handling(frame);
                Ok(())
            }
            Some(Value::Instance(exc)) => {
                self.reraised_here = Some((Rc::as_ptr(&exc) as usize, frame.id));
                Err(PyErr::raised(exc))
            }
            Some(_) => Err(PyErr::type_error("exceptions must derive from BaseException")),
        }
    }

    /// Leaves the innermost exception handler.
    fn pop_handling(&mut self, frame: &mut Frame) {
        if let Some(pos) = frame.blocks.iter().rposition(|b| matches!(b, RBlock::Handling(_)))
            && let RBlock::Handling(depth) = frame.blocks.remove(pos)
        {
            self.handling.truncate(depth as usize);
        }
    }

    /// `with`: stores the bound `__exit__`, calls `__enter__`, binds the target.
    fn with_enter(
        &mut self,
        frame: &mut Frame,
        manager: &crate::compile::ir::Expr,
        slot: u32,
        target: Option<&Target>,
    ) -> PyResult<()> {
        let mgr = self.eval(frame, manager)?;
        let enter_sym = self.syms.enter;
        let exit_sym = self.syms.exit;
        let class = self.class_of(&mgr);
        let (Some(enter), Some(exit)) = (class.lookup(enter_sym), class.lookup(exit_sym)) else {
            let name = &class.name;
            let missing = if class.lookup(enter_sym).is_none() { "" } else { " (missed __exit__ method)" };
            return Err(PyErr::type_error(format!(
                "'{name}' object does not support the context manager protocol{missing}"
            )));
        };
        let exit = self.bind_method(exit, mgr.clone());
        set_local(frame, slot, exit);
        let entered = self.call(enter, vec![mgr], &[])?;
        if let Some(t) = target {
            self.assign(frame, t, entered)?;
        }
        Ok(())
    }

    /// Exceptional exit of `with`: a true result from `__exit__` swallows the exception.
    fn with_except(&mut self, frame: &mut Frame, slot: u32, end: u32) -> PyResult<()> {
        let swallow = self.exit_call(frame, slot, true)?;
        if self.truthy(&swallow)? {
            self.pop_handling(frame);
            frame.pc = end as usize;
        }
        Ok(())
    }
}

/// The next item of a range or list iterator kept in the slot, advanced in place
/// (the common `for` loops); `None` for any other iterator.
#[inline(always)]
fn next_of_range_or_list(frame: &Frame, slot: u32) -> Option<Option<Value>> {
    let Some(Value::Iterator(cell)) = frame.locals.get(slot as usize) else { return None };
    cell.try_borrow_mut().ok()?.step_range_or_list()
}

/// One step of `for` over a range or list iterator into a local variable, done in
/// place: the item is written straight into its slot. `Some(false)` when the
/// iterator is exhausted, `None` for other iterators. It repeats the stepping of
/// `PyIter::step_range_or_list` on purpose: going through that function's
/// `Option<Option<Value>>` costs 15 instructions more per iteration (strings_dicts
/// +1.2 %); keep the two in step.
#[inline(always)]
fn for_into_local(frame: &mut Frame, slot: u32, to: u32) -> Option<bool> {
    let Some(Value::Iterator(cell)) = frame.locals.get(slot as usize) else { return None };
    let item = match &mut *cell.try_borrow_mut().ok()? {
        PyIter::Range { next, stop, step } => {
            if (*step > 0 && *next >= *stop) || (*step < 0 && *next <= *stop) {
                return Some(false);
            }
            let v = *next;
            *next = next.saturating_add(*step);
            Value::Int(v)
        }
        PyIter::List(list, i) => {
            let item = list.items.try_borrow().ok()?.get(*i).cloned();
            *i += 1;
            match item {
                Some(v) => v,
                None => return Some(false),
            }
        }
        _ => return None,
    };
    set_local(frame, to, item);
    Some(true)
}

/// A handled-exception stack depth as a block records it (bounded far below
/// `u32::MAX` by the recursion limit and memory).
fn handling_depth(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Stores into a local slot (slots always exist: frames are sized by the compiler).
#[inline(always)]
pub fn set_local(frame: &mut Frame, slot: u32, value: Value) {
    if let Some(s) = frame.locals.get_mut(slot as usize) {
        std::mem::replace(s, value).discard();
    }
}

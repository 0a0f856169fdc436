//! The instructions of `await`, `async for` and `async with`, and the awaitable
//! protocol: what an `await` operand becomes (a coroutine pushed on the driver's
//! chain, or an iterator the frame delegates to), with CPython's errors.

use super::PyResult;
use super::coroutine::{CoroKind, Coroutine, Status};
use super::exception::{ExcKind, PyErr};
use super::exec::{Flow, Resume, set_local};
use super::frame::Frame;
use super::iter::{AsyncMode, PyIter};
use crate::compile::ir::{Await, CompKind};
use crate::interpreter::Interpreter;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// What an `await` operand turns into.
pub enum Awaitable {
    /// A fresh coroutine: the driver runs it on top of the awaiting frame.
    Coroutine(Rc<Coroutine>),
    /// An iterator the awaiting frame delegates to, like `yield from`.
    Iter(Value),
}

impl Interpreter {
    /// The `await` protocol (`__await__`), with CPython's errors.
    pub fn awaitable(&mut self, v: Value) -> PyResult<Awaitable> {
        if let Value::Coroutine(c) = &v
            && c.kind() == CoroKind::Coroutine
        {
            let state = c.state.borrow();
            return match state.status {
                Status::Created if !state.in_chain => Ok(Awaitable::Coroutine(c.clone())),
                Status::Done => Err(PyErr::new(ExcKind::RuntimeError, "cannot reuse already awaited coroutine")),
                _ if state.in_chain => Err(PyErr::new(ExcKind::RuntimeError, "coroutine is being awaited already")),
                _ => Ok(Awaitable::Iter(wrapper(c))),
            };
        }
        if let Value::Iterator(it) = &v
            && it.borrow().is_native_awaitable()
        {
            return Ok(Awaitable::Iter(v));
        }
        let sym = self.intern("__await__");
        let class = self.class_of(&v);
        let Some(method) = class.lookup(sym) else {
            return Err(PyErr::type_error(format!("object {} can't be used in 'await' expression", class.name)));
        };
        let it = self.call(method, vec![v], &[])?;
        if let Value::Coroutine(_) = it {
            return Err(PyErr::type_error("__await__() returned a coroutine"));
        }
        let next = self.syms.next;
        if !matches!(it, Value::Iterator(_)) && self.class_of(&it).lookup(next).is_none() {
            let name = self.type_name(&it);
            return Err(PyErr::type_error(format!("__await__() returned non-iterator of type '{name}'")));
        }
        Ok(Awaitable::Iter(it))
    }

    /// Whether `v` is an asyncio future whose class uses the native `__await__`
    /// (an `await` then waits on it directly; see `event_loop::await_future`).
    pub(super) fn is_native_future(&self, v: &Value) -> bool {
        let (Value::Instance(inst), Some(a)) = (v, &self.accel) else { return false };
        match (inst.class.lookup(self.syms.await_), &a.future_await) {
            (Some(Value::Native(n)), Value::Native(ours)) => Rc::ptr_eq(&n, ours),
            _ => false,
        }
    }

    /// One step of `await`: starts the awaitable or passes the sent value on.
    #[inline(never)]
    pub(super) fn await_step(&mut self, frame: &mut Frame, a: &Await) -> PyResult<Option<Flow>> {
        let here = frame.pc - 1;
        let current = frame.locals.get(a.slot as usize).cloned().unwrap_or(Value::Unbound);
        let (sub, sent) = match current {
            Value::Unbound | Value::None => {
                let value = match self.inline_await(frame, a, here)? {
                    super::inline_await::Inlined::Ran(flow) => return Ok(flow),
                    super::inline_await::Inlined::Value(v) => v,
                };
                if self.is_native_future(&value) {
                    let step = crate::event_loop::await_future(self, &value, Resume::Send(Value::None), false);
                    if step.is_ok() {
                        set_local(frame, a.slot, value);
                    }
                    return self.after_await_step(frame, step, here, a);
                }
                // `async for` words a non-awaitable from `__anext__` its own way.
                let anext_type = a.stop.map(|_| self.type_name(&value));
                let awaitable = match (anext_type, self.awaitable(value)) {
                    (Some(t), Err(e)) if crate::builtins::functions::is_kind(self, &e, ExcKind::TypeError) => {
                        Err(PyErr::type_error(format!("'async for' received an invalid object from __anext__: {t}")))
                    }
                    (_, awaitable) => awaitable,
                };
                match awaitable? {
                    Awaitable::Coroutine(c) => {
                        set_local(frame, a.slot, Value::Coroutine(c.clone()));
                        frame.pc = here;
                        return Ok(Some(Flow::Await(c)));
                    }
                    Awaitable::Iter(it) => {
                        set_local(frame, a.slot, it.clone());
                        (it, Value::None)
                    }
                }
            }
            sub => (sub, frame.take_sent()),
        };
        let step = self.delegate_step(&sub, Resume::Send(sent));
        self.after_await_step(frame, step, here, a)
    }

    /// Suspends on a value the awaitable yielded, or finishes the `await`.
    pub(super) fn after_await_step(
        &mut self,
        frame: &mut Frame,
        step: Result<Value, PyResult<Value>>,
        here: usize,
        a: &Await,
    ) -> PyResult<Option<Flow>> {
        match step {
            Ok(v) => {
                frame.pc = here;
                Ok(Some(Flow::Suspend(v)))
            }
            Err(done) => {
                set_local(frame, a.slot, Value::None);
                frame.pc = here + 1;
                self.finish_await(frame, a, done)?;
                Ok(None)
            }
        }
    }

    /// Stores the result of an `await`, or handles its exception (`async for` ends on
    /// `StopAsyncIteration`).
    pub(super) fn finish_await(&mut self, frame: &mut Frame, a: &Await, done: PyResult<Value>) -> PyResult<()> {
        match done {
            Ok(v) => match &a.target {
                Some(t) => self.assign(frame, t, v),
                None => Ok(()),
            },
            Err(e) => match a.stop {
                Some(exit) if crate::builtins::functions::is_kind(self, &e, ExcKind::StopAsyncIteration) => {
                    frame.pc = exit as usize;
                    Ok(())
                }
                _ => Err(e),
            },
        }
    }

    /// A coroutine awaited by the frame's `await` finished (driver's hand-over).
    pub(super) fn sub_finished(&mut self, frame: &mut Frame, done: PyResult<Value>) -> PyResult<()> {
        let code = frame.code.clone();
        let Some(crate::compile::ir::Instr::Await(a)) = code.instrs.get(frame.pc) else {
            return done.map(|_| ());
        };
        set_local(frame, a.slot, Value::None);
        frame.pc += 1;
        self.finish_await(frame, a, done)
    }

    /// `aiter(v)` for `async for`.
    pub fn get_aiter(&mut self, v: Value) -> PyResult<Value> {
        if matches!(&v, Value::Coroutine(c) if c.kind() == CoroKind::AsyncGenerator) {
            return Ok(v);
        }
        let sym = self.intern("__aiter__");
        let class = self.class_of(&v);
        let Some(method) = class.lookup(sym) else {
            return Err(PyErr::type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                class.name
            )));
        };
        let it = self.call(method, vec![v], &[])?;
        let anext = self.intern("__anext__");
        let is_agen = matches!(&it, Value::Coroutine(c) if c.kind() == CoroKind::AsyncGenerator);
        if !is_agen && self.class_of(&it).lookup(anext).is_none() {
            let name = self.type_name(&it);
            return Err(PyErr::type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {name}"
            )));
        }
        Ok(it)
    }

    /// `type(it).__anext__(it)`: the awaitable for the next item of `async for`.
    pub fn anext_awaitable(&mut self, it: Value) -> PyResult<Value> {
        if let Value::Coroutine(c) = &it
            && c.kind() == CoroKind::AsyncGenerator
        {
            return self.async_step(c, AsyncOp::Send(Value::None));
        }
        let sym = self.intern("__anext__");
        let class = self.class_of(&it);
        let Some(method) = class.lookup(sym) else {
            return Err(PyErr::type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                class.name
            )));
        };
        self.call(method, vec![it], &[])
    }

    /// `async with`: keeps the bound `__aexit__`, returns `__aenter__()`'s awaitable.
    pub(super) fn async_with_enter(&mut self, manager: Value) -> PyResult<(Value, Value)> {
        let (enter_sym, exit_sym) = (self.intern("__aenter__"), self.intern("__aexit__"));
        let class = self.class_of(&manager);
        let (Some(enter), Some(exit)) = (class.lookup(enter_sym), class.lookup(exit_sym)) else {
            let missing = if class.lookup(enter_sym).is_none() { "" } else { " (missed __aexit__ method)" };
            return Err(PyErr::type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol{missing}",
                class.name
            )));
        };
        let exit = self.bind_method(exit, manager.clone());
        let entered = self.call(enter, vec![manager], &[])?;
        let awaitable = matches!(&entered, Value::Coroutine(c) if c.kind() == CoroKind::Coroutine)
            || matches!(&entered, Value::Iterator(it) if it.borrow().is_native_awaitable());
        if !awaitable && self.class_of(&entered).lookup(self.syms.await_).is_none() {
            let name = self.type_name(&entered);
            return Err(PyErr::type_error(format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {name}"
            )));
        }
        Ok((exit, entered))
    }

    /// Calls the exit method kept in a slot, with the handled exception or `None`s.
    pub fn exit_call(&mut self, frame: &Frame, slot: u32, exceptional: bool) -> PyResult<Value> {
        let exit = frame.locals.get(slot as usize).cloned().unwrap_or(Value::None);
        let args = if exceptional {
            let exc = self.handling.last().cloned().unwrap_or(Value::None);
            let typ = Value::Class(self.class_of(&exc));
            let traceback = self.bare_instance(&self.types.traceback.clone(), &[]);
            vec![typ, exc, traceback]
        } else {
            vec![Value::None, Value::None, Value::None]
        };
        self.call(exit, args, &[])
    }

    /// Appends to a comprehension's collection (comprehensions that suspend).
    pub(super) fn comp_append(
        &mut self,
        collection: &Value,
        kind: CompKind,
        item: Value,
        value: Option<Value>,
    ) -> PyResult<()> {
        match (collection, kind, value) {
            (Value::List(l), CompKind::List, _) => l.items.borrow_mut().push(item),
            (Value::Set(s), CompKind::Set, _) => self.set_add(s, item)?,
            (Value::Dict(d), CompKind::Dict, Some(v)) => self.dict_set(d, item, v)?,
            _ => return Err(PyErr::new(ExcKind::SystemError, "bad comprehension state")),
        }
        Ok(())
    }

    /// Steps a native awaitable (`asend`/`athrow` of an async generator, or a
    /// coroutine's `__await__` wrapper): `Ok(yielded)`, `Err(Ok(result))` when done.
    pub fn native_await_step(
        &mut self,
        cell: &Rc<RefCell<PyIter>>,
        resume: Resume,
    ) -> Option<Result<Value, PyResult<Value>>> {
        let (target, op) = {
            let mut it = cell.borrow_mut();
            match &mut *it {
                PyIter::CoroWrapper(c) => (c.clone(), None),
                PyIter::FutureAwait(..) => {
                    drop(it);
                    return Some(crate::event_loop::await_step(self, cell, resume));
                }
                PyIter::AnextDefault(inner, default) => {
                    let (inner, default) = (inner.clone(), default.clone());
                    drop(it);
                    return Some(match self.delegate_step(&inner, resume) {
                        Err(Err(e)) if crate::builtins::functions::is_kind(self, &e, ExcKind::StopAsyncIteration) => {
                            Err(Ok(default))
                        }
                        other => other,
                    });
                }
                PyIter::AsyncStep(c, op, mode) => (c.clone(), Some((std::mem::replace(op, AsyncOp::Started), *mode))),
                _ => return None,
            }
        };
        Some(match op {
            None => match self.coroutine_step(&target, resume) {
                Ok(v) => Ok(v),
                Err(e) if self.is_stop_iteration(&e) => Err(Ok(self.stop_iteration_value(e))),
                Err(e) => Err(Err(e)),
            },
            Some((op, mode)) => self.async_gen_step(cell, &target, op, mode, resume),
        })
    }

    /// The value a `StopIteration` carries.
    pub fn stop_iteration_value(&mut self, e: PyErr) -> Value {
        match self.materialize(e).instance() {
            Ok(i) => i.exc().and_then(|d| d.borrow().args.first().cloned()).unwrap_or(Value::None),
            Err(_) => Value::None,
        }
    }
}

/// The operation an async generator's awaitable performs when first stepped.
pub enum AsyncOp {
    /// `__anext__()` / `asend(value)`.
    Send(Value),
    /// `athrow(exc)`.
    Throw(Value),
    /// `aclose()`.
    Close,
    /// Already started: later steps pass sent values to what the generator awaits.
    Started,
    /// Finished: stepping again is an error.
    Finished,
}

impl Interpreter {
    /// The awaitable of `__anext__`/`asend`/`athrow`/`aclose`; the first one made for
    /// a generator calls the `sys.set_asyncgen_hooks` `firstiter` hook.
    pub fn async_step(&mut self, agen: &Rc<Coroutine>, op: AsyncOp) -> PyResult<Value> {
        let first = !std::mem::replace(&mut agen.state.borrow_mut().awaited, true);
        let hook = self.asyncgen_hooks.0.clone();
        if first && !matches!(hook, Value::None) {
            self.asyncgens_hooked = true;
            self.call(hook, vec![Value::Coroutine(agen.clone())], &[])?;
        }
        Ok(async_step(agen, op))
    }
}

/// The awaitable of `__anext__`/`asend`/`athrow`/`aclose` on an async generator.
fn async_step(agen: &Rc<Coroutine>, op: AsyncOp) -> Value {
    let mode = match op {
        AsyncOp::Throw(_) => AsyncMode::Throw,
        AsyncOp::Close => AsyncMode::Close,
        _ => AsyncMode::Send,
    };
    Value::Iterator(Rc::new(RefCell::new(PyIter::AsyncStep(agen.clone(), op, mode))))
}

/// `coro.__await__()`.
pub fn wrapper(coro: &Rc<Coroutine>) -> Value {
    Value::Iterator(Rc::new(RefCell::new(PyIter::CoroWrapper(coro.clone()))))
}

//! Async generators: the awaitables returned by `__anext__`, `asend`, `athrow` and
//! `aclose`. Stepping one drives the generator's chain; what the generator awaits is
//! passed through to the event loop, what it yields finishes the awaitable.

use super::PyResult;
use super::awaiting::AsyncOp;
use super::coroutine::{Coroutine, Step};
use super::exception::{ExcKind, PyErr};
use super::exec::Resume;
use super::iter::{AsyncMode, PyIter};
use crate::builtins::functions::is_kind;
use crate::interpreter::Interpreter;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

impl Interpreter {
    /// One step of an async generator's awaitable: `Ok(value)` passes a suspension on,
    /// `Err(Ok(v))` finishes the awaitable with `v`, `Err(Err(e))` raises.
    pub(super) fn async_gen_step(
        &mut self,
        cell: &Rc<RefCell<PyIter>>,
        agen: &Rc<Coroutine>,
        op: AsyncOp,
        mode: AsyncMode,
        resume: Resume,
    ) -> Result<Value, PyResult<Value>> {
        let starting = !matches!(op, AsyncOp::Started | AsyncOp::Finished);
        if starting && mode == AsyncMode::Throw && agen.status() == super::coroutine::Status::Done {
            // `athrow()` on a finished generator: nothing to throw into (3.11).
            set_finished(cell);
            return Err(Ok(Value::None));
        }
        let resume = match self.first_resume(agen, op, resume) {
            Ok(r) => r,
            Err(e) => {
                set_finished(cell);
                return Err(Err(e));
            }
        };
        let result = self.drive(agen, resume);
        if let Ok(Step::Suspended(v)) = result {
            return Ok(v);
        }
        set_finished(cell);
        agen.state.borrow_mut().running_async = false;
        match (result, mode) {
            (Ok(Step::Yielded(_)), AsyncMode::Close) => {
                Err(Err(PyErr::new(ExcKind::RuntimeError, "async generator ignored GeneratorExit")))
            }
            (Ok(Step::Yielded(v)), _) => Err(Ok(v)),
            (Ok(Step::Returned(_)), AsyncMode::Close) => Err(Ok(Value::None)),
            (Ok(_), _) => Err(Err(PyErr::new(ExcKind::StopAsyncIteration, ""))),
            (Err(e), AsyncMode::Close)
                if is_kind(self, &e, ExcKind::GeneratorExit) || is_kind(self, &e, ExcKind::StopAsyncIteration) =>
            {
                Err(Ok(Value::None))
            }
            (Err(e), _) => Err(Err(e)),
        }
    }

    /// What the generator is resumed with: the awaitable's own operation on its first
    /// step, the sent value or thrown exception afterwards.
    fn first_resume(&mut self, agen: &Rc<Coroutine>, op: AsyncOp, resume: Resume) -> PyResult<Resume> {
        let what = match op {
            AsyncOp::Throw(_) => "athrow",
            AsyncOp::Close => "aclose",
            _ => "anext",
        };
        let first = match op {
            AsyncOp::Started => return Ok(resume),
            AsyncOp::Finished => {
                return Err(PyErr::new(ExcKind::RuntimeError, "cannot reuse already awaited __anext__()/asend()"));
            }
            // A value sent to the awaitable itself on its first step goes in
            // instead of `asend`'s (CPython's `async_gen_asend_send`).
            AsyncOp::Send(v) => match &resume {
                Resume::Send(sent) if !matches!(sent, Value::None) => Resume::Send(sent.clone()),
                _ => Resume::Send(v),
            },
            AsyncOp::Throw(exc) => Resume::Throw(PyErr::raised(self.make_exception(exc)?)),
            AsyncOp::Close => Resume::Throw(PyErr::raised(self.new_exception(ExcKind::GeneratorExit, Vec::new()))),
        };
        // Thrown into the awaitable before its first step (a task cancelled before
        // it ran `aclose()`, say), the exception goes into the generator itself,
        // as CPython's `async_gen_athrow_throw`/`async_gen_asend_throw` do.
        let first = match resume {
            Resume::Throw(e) => Resume::Throw(e),
            _ => first,
        };
        let mut state = agen.state.borrow_mut();
        if state.running_async {
            return Err(PyErr::new(
                ExcKind::RuntimeError,
                format!("{what}(): asynchronous generator is already running"),
            ));
        }
        state.running_async = true;
        Ok(first)
    }

    /// An `async for` lets go of its iterator: an async generator it left
    /// suspended that only the event loop's set still holds is handed to the
    /// finalizer hook (the loop schedules its `aclose()`), as CPython does when
    /// the generator's last reference goes.
    pub(super) fn release_async_iter(&mut self, it: Value) -> PyResult<()> {
        let Value::Coroutine(agen) = &it else { return Ok(()) };
        let abandoned = agen.kind() == super::coroutine::CoroKind::AsyncGenerator
            && agen.status() == super::coroutine::Status::Suspended
            && Rc::strong_count(agen) == 2;
        let hook = self.asyncgen_hooks.1.clone();
        if abandoned && !matches!(hook, Value::None) {
            self.call(hook, vec![it], &[])?;
        }
        Ok(())
    }
}

/// Marks an async generator's awaitable as used up.
fn set_finished(cell: &Rc<RefCell<PyIter>>) {
    if let PyIter::AsyncStep(_, op, _) = &mut *cell.borrow_mut() {
        *op = AsyncOp::Finished;
    }
}

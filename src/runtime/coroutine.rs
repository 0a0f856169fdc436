//! Coroutines and async generators as heap frames (DESIGN §4).
//!
//! A coroutine object owns its suspended frame. When a coroutine awaits another
//! coroutine, the awaited one is not run by native recursion: the awaiting frame stops
//! on its `await` instruction and the *driver* pushes the awaited coroutine onto the
//! chain kept by the outermost coroutine (the one a task or `send` drives). Resuming
//! runs the innermost frame of the chain directly — O(1) whatever the depth — and a
//! finished coroutine hands its result (or exception) to the frame below it.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::exec::{Flow, Resume};
use super::frame::{Frame, RBlock};
use crate::compile::Code;
use crate::interpreter::Interpreter;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// Which kind of `async def` made the object.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CoroKind {
    /// A coroutine (`async def` without `yield`).
    Coroutine,
    /// An async generator (`async def` with `yield`).
    AsyncGenerator,
}

/// Where a coroutine is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
    /// Created, never run.
    Created,
    /// Stopped at a suspension point.
    Suspended,
    /// Running now (or part of a running chain).
    Running,
    /// Returned or raised.
    Done,
}

/// A coroutine or async generator object.
pub struct Coroutine {
    /// The code (for names and reprs).
    pub code: Rc<Code>,
    /// Everything that changes.
    pub state: RefCell<CoroState>,
}

/// The mutable part of a coroutine.
pub struct CoroState {
    /// The frame (`None` while it runs and once it is done).
    pub frame: Option<Frame>,
    /// Life-cycle state.
    pub status: Status,
    /// Coroutines awaited below this one, outermost first (only on a coroutine that
    /// is driven from outside: a task's coroutine or one driven by `send`).
    pub chain: thin_vec::ThinVec<Rc<Coroutine>>,
    /// Whether this coroutine is part of another coroutine's chain.
    pub in_chain: bool,
    /// Exceptions being handled by the suspended frames (restored on resumption).
    pub saved_handling: thin_vec::ThinVec<Value>,
    /// The handled-exception depth the frames' blocks were recorded against.
    pub handling_base: u32,
    /// Async generators: an `asend`/`athrow` is in progress.
    pub running_async: bool,
    /// Whether it was ever awaited, run or closed (else dropping it warns).
    pub awaited: bool,
}

/// How one drive of a coroutine ended.
pub enum Step {
    /// The chain suspended, handing this value to whoever drives it (the event loop).
    Suspended(Value),
    /// An async generator yielded this value to its consumer.
    Yielded(Value),
    /// The coroutine returned this value.
    Returned(Value),
}

impl Coroutine {
    /// Coroutine or async generator (read from the code: a field would cost every
    /// suspended coroutine 8 bytes).
    #[inline]
    pub fn kind(&self) -> CoroKind {
        match self.code.kind {
            crate::compile::CodeKind::AsyncGenerator => CoroKind::AsyncGenerator,
            _ => CoroKind::Coroutine,
        }
    }

    /// The current life-cycle state.
    pub fn status(&self) -> Status {
        self.state.borrow().status
    }
}

impl Drop for Coroutine {
    fn drop(&mut self) {
        let kind = self.kind();
        let state = self.state.get_mut();
        if kind == CoroKind::Coroutine && state.status == Status::Created && !state.awaited {
            use std::io::Write;
            let _ = std::io::stdout().flush();
            let _ = writeln!(
                std::io::stderr(),
                "sys:1: RuntimeWarning: coroutine '{}' was never awaited\n\
                 RuntimeWarning: Enable tracemalloc to get the object allocation traceback",
                self.code.qualname
            );
        }
    }
}

impl Interpreter {
    /// A coroutine whose value an expression statement drops unawaited (`f()` for an
    /// `async def f`): warns now, naming the statement, as CPython does.
    #[inline(never)]
    pub fn warn_if_never_awaited(&mut self, frame: &Frame, c: &Rc<Coroutine>) {
        let mut state = c.state.borrow_mut();
        if Rc::strong_count(c) != 1
            || c.kind() != CoroKind::Coroutine
            || state.status != Status::Created
            || state.awaited
        {
            return;
        }
        state.awaited = true;
        drop(state);
        let span = frame.code.spans.get(frame.pc.saturating_sub(1)).copied().unwrap_or_default();
        let source = self.sources.get(&frame.code.filename).cloned();
        let line = source.as_ref().map_or(0, |s| s.line_of(span.start));
        let text = source.as_ref().map(|s| s.line_text(line).trim().to_owned()).unwrap_or_default();
        self.flush();
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "{}:{line}: RuntimeWarning: coroutine '{}' was never awaited\n  {text}\n\
             RuntimeWarning: Enable tracemalloc to get the object allocation traceback",
            frame.code.filename,
            c.code.qualname
        );
    }

    /// Wraps the frame of a called `async def` in a coroutine or async generator.
    /// Its locals are trimmed to their exact size: they come from the call pool with
    /// room to spare, and a coroutine may keep them for as long as it waits.
    pub fn new_coroutine(&mut self, mut frame: Frame) -> Value {
        if frame.locals.capacity() > frame.locals.len() {
            let mut exact = Vec::with_capacity(frame.locals.len());
            exact.append(&mut frame.locals);
            let pooled = std::mem::replace(&mut frame.locals, exact);
            self.recycle(pooled);
        }
        let code = frame.code.clone();
        let state = CoroState {
            frame: Some(frame),
            status: Status::Created,
            chain: thin_vec::ThinVec::new(),
            in_chain: false,
            saved_handling: thin_vec::ThinVec::new(),
            handling_base: 0,
            running_async: false,
            awaited: false,
        };
        let coro = Coroutine { code, state: RefCell::new(state) };
        Value::Coroutine(Rc::new(coro))
    }

    /// Resumes `outer`'s chain at its innermost frame and runs until the chain
    /// suspends or `outer` finishes.
    pub fn drive(&mut self, outer: &Rc<Coroutine>, resume: Resume) -> PyResult<Step> {
        self.start_drive(outer, &resume)?;
        if self.depth >= self.recursion_limit {
            outer.state.borrow_mut().status = Status::Suspended;
            return Err(PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        let base = self.handling.len();
        self.restore_handling(outer, base);
        self.depth += 1;
        let result = self.on_enough_stack(|i| i.drive_chain(outer, resume));
        self.depth -= 1;
        let mut state = outer.state.borrow_mut();
        match &result {
            Ok(Step::Suspended(_) | Step::Yielded(_)) => {
                state.status = Status::Suspended;
                state.saved_handling = if self.handling.len() > base {
                    self.handling.drain(base..).collect()
                } else {
                    thin_vec::ThinVec::new()
                };
                state.handling_base = u32::try_from(base).unwrap_or(u32::MAX);
            }
            _ => {
                state.status = Status::Done;
                state.chain.clear();
                self.handling.truncate(base);
            }
        }
        drop(state);
        result
    }

    /// Checks that `outer` can be resumed and marks it running.
    fn start_drive(&mut self, outer: &Rc<Coroutine>, resume: &Resume) -> PyResult<()> {
        let mut state = outer.state.borrow_mut();
        let what = if outer.kind() == CoroKind::Coroutine { "coroutine" } else { "async generator" };
        match state.status {
            Status::Running => return Err(PyErr::value_error(format!("{what} already executing"))),
            Status::Done => {
                drop(state);
                return Err(match outer.kind() {
                    CoroKind::AsyncGenerator => PyErr::new(ExcKind::StopAsyncIteration, ""),
                    CoroKind::Coroutine => PyErr::new(ExcKind::RuntimeError, "cannot reuse already awaited coroutine"),
                });
            }
            Status::Created if matches!(resume, Resume::Send(v) if !matches!(v, Value::None)) => {
                return Err(PyErr::type_error(format!("can't send non-None value to a just-started {what}")));
            }
            _ => {}
        }
        state.status = Status::Running;
        state.awaited = true;
        Ok(())
    }

    /// The driver loop: runs the innermost frame, pushing awaited coroutines and
    /// popping finished ones.
    fn drive_chain(&mut self, outer: &Rc<Coroutine>, mut resume: Resume) -> PyResult<Step> {
        loop {
            let top = outer.state.borrow().chain.last().cloned();
            let current = top.as_ref().unwrap_or(outer);
            let taken = current.state.borrow_mut().frame.take();
            let Some(mut frame) = taken else {
                return Err(PyErr::new(ExcKind::RuntimeError, "coroutine has no frame"));
            };
            let mark = self.inline_parked.len();
            let result = self.run_frame(&mut frame, resume);
            if self.inline_parked.len() > mark {
                // Coroutines the frame ran inline that suspended, innermost first.
                let mut state = outer.state.borrow_mut();
                for parked in self.inline_parked.drain(mark..).rev() {
                    crate::runtime::frame::push_small(&mut state.chain, parked);
                }
            }
            let finished = match result {
                Ok(Flow::Await(sub)) => {
                    current.state.borrow_mut().frame = Some(frame);
                    if self.depth + outer.state.borrow().chain.len() + 1 >= self.recursion_limit {
                        sub.state.borrow_mut().awaited = true;
                        let e = PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded");
                        resume = Resume::SubRaise(e);
                        continue;
                    }
                    {
                        let mut s = sub.state.borrow_mut();
                        s.status = Status::Running;
                        s.in_chain = true;
                        s.awaited = true;
                    }
                    crate::runtime::frame::push_small(&mut outer.state.borrow_mut().chain, sub);
                    resume = Resume::Send(Value::None);
                    continue;
                }
                Ok(Flow::Suspend(v)) => {
                    current.state.borrow_mut().frame = Some(frame);
                    return Ok(Step::Suspended(v));
                }
                Ok(Flow::Yield(v)) => {
                    current.state.borrow_mut().frame = Some(frame);
                    if top.is_none() && outer.kind() == CoroKind::AsyncGenerator {
                        return Ok(Step::Yielded(v));
                    }
                    return Ok(Step::Suspended(v));
                }
                Ok(Flow::Return(v)) => Ok(v),
                Err(e) => Err(e),
            };
            // Not pooled: a coroutine's locals are sized exactly (see
            // `new_coroutine`), too small for the calls the pool serves.
            drop(frame);
            let Some(inner) = top else {
                return match finished {
                    Ok(v) => Ok(Step::Returned(v)),
                    Err(e) => Err(self.convert_stop(outer.kind(), e)),
                };
            };
            {
                let mut s = inner.state.borrow_mut();
                s.status = Status::Done;
                s.in_chain = false;
            }
            outer.state.borrow_mut().chain.pop();
            resume = match finished {
                Ok(v) => Resume::SubReturn(v),
                Err(e) => Resume::SubRaise(self.convert_stop(inner.kind(), e)),
            };
        }
    }

    /// A `StopIteration` (or, from an async generator, `StopAsyncIteration`) escaping a
    /// coroutine becomes `RuntimeError`, as in CPython.
    pub(crate) fn convert_stop(&mut self, kind: CoroKind, e: PyErr) -> PyErr {
        let what = if kind == CoroKind::Coroutine { "coroutine" } else { "async generator" };
        if self.is_stop_iteration(&e) {
            return self.chained_runtime_error(format!("{what} raised StopIteration"), e);
        }
        if kind == CoroKind::AsyncGenerator
            && crate::builtins::functions::is_kind(self, &e, ExcKind::StopAsyncIteration)
        {
            return self.chained_runtime_error(format!("{what} raised StopAsyncIteration"), e);
        }
        e
    }

    /// `RuntimeError(message)` whose cause is `e`.
    pub(crate) fn chained_runtime_error(&mut self, message: String, e: PyErr) -> PyErr {
        let err = self.new_exception(ExcKind::RuntimeError, vec![Value::string(message)]);
        if let (Ok(cause), Some(data)) = (self.materialize(e).instance(), err.exc()) {
            let mut d = data.borrow_mut();
            d.cause = Some(Value::Instance(cause.clone()));
            d.context = Some(Value::Instance(cause));
            d.suppress_context = true;
        }
        PyErr::raised(err)
    }

    /// Puts back the exceptions the suspended frames were handling, shifting the
    /// depths their blocks recorded when the stack below has a different height now.
    fn restore_handling(&mut self, outer: &Rc<Coroutine>, base: usize) {
        let mut state = outer.state.borrow_mut();
        if state.saved_handling.is_empty() {
            return;
        }
        let old_base = state.handling_base as usize;
        if old_base != base {
            let shift = |frame: &mut Frame| {
                for b in &mut frame.blocks {
                    if let RBlock::Handling(d) = b {
                        *d = d.saturating_sub(old_base as u32).saturating_add(base as u32);
                    }
                }
            };
            if let Some(f) = state.frame.as_mut() {
                shift(f);
            }
            for c in &state.chain {
                if let Some(f) = c.state.borrow_mut().frame.as_mut() {
                    shift(f);
                }
            }
        }
        let saved = std::mem::take(&mut state.saved_handling);
        self.handling.extend(saved);
    }

    /// `coro.send(value)` / `coro.throw(exc)` for plain coroutines: a return becomes
    /// `StopIteration(value)`.
    pub fn coroutine_step(&mut self, coro: &Rc<Coroutine>, resume: Resume) -> PyResult<Value> {
        match self.drive(coro, resume)? {
            Step::Suspended(v) | Step::Yielded(v) => Ok(v),
            Step::Returned(v) => Err(crate::builtins::iterators::stop_iteration(self, v)),
        }
    }

    /// `coro.close()`: throws `GeneratorExit` into a suspended coroutine.
    pub fn coroutine_close(&mut self, coro: &Rc<Coroutine>) -> PyResult<Value> {
        let status = coro.status();
        if status != Status::Suspended {
            if status == Status::Created {
                let mut s = coro.state.borrow_mut();
                s.status = Status::Done;
                s.awaited = true;
                s.frame = None;
            }
            return Ok(Value::None);
        }
        let exit = PyErr::raised(self.new_exception(ExcKind::GeneratorExit, Vec::new()));
        match self.drive(coro, Resume::Throw(exit)) {
            Ok(Step::Suspended(_) | Step::Yielded(_)) => {
                let what = if coro.kind() == CoroKind::Coroutine { "coroutine" } else { "async generator" };
                Err(PyErr::new(ExcKind::RuntimeError, format!("{what} ignored GeneratorExit")))
            }
            Ok(Step::Returned(_)) => Ok(Value::None),
            Err(e) if crate::builtins::functions::is_kind(self, &e, ExcKind::GeneratorExit) => Ok(Value::None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    /// A pending task keeps a coroutine (holding its frame) per awaiting level: their
    /// sizes are a large part of what a pending task costs.
    #[test]
    fn coroutine_and_frame_sizes() {
        assert_eq!(std::mem::size_of::<crate::runtime::frame::Frame>(), 80);
        assert_eq!(std::mem::size_of::<super::Coroutine>(), 120);
    }
}

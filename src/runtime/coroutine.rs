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
use super::frame::Frame;
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

/// A member of a driven coroutine's await chain.
pub enum Link {
    /// A coroutine object that was awaited.
    Coro(Rc<Coroutine>),
    /// The frame of an `async def` that `await` ran inline and that suspended: no
    /// coroutine object exists for it until one is asked for (`cr_await`; see
    /// `runtime::inline_await`).
    Frame(Box<Frame>),
}

/// The frame the driver runs next, and where it goes back to.
enum Running {
    /// The frame of the driven coroutine itself (`true`) or of an awaited one.
    Coro(Rc<Coroutine>, Frame, bool),
    /// An inline-run frame, off the chain while it runs.
    Inline(Box<Frame>),
}

impl Running {
    fn frame(&mut self) -> &mut Frame {
        match self {
            Running::Coro(_, frame, _) => frame,
            Running::Inline(frame) => frame,
        }
    }
}

/// The mutable part of a coroutine.
pub struct CoroState {
    /// The frame (`None` while it runs and once it is done).
    pub frame: Option<Frame>,
    /// Life-cycle state.
    pub status: Status,
    /// Coroutines awaited below this one, outermost first (only on a coroutine that
    /// is driven from outside: a task's coroutine or one driven by `send`).
    pub chain: thin_vec::ThinVec<Link>,
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
        self.trim_locals(&mut frame);
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

    /// What `c` awaits (`cr_await`): the first member of its chain, made a coroutine
    /// object if it was an inline-run frame.
    pub fn awaited_by(&mut self, c: &Rc<Coroutine>) -> Value {
        let mut state = c.state.borrow_mut();
        let frame = match state.chain.first() {
            None => return Value::None,
            Some(Link::Coro(inner)) => return Value::Coroutine(inner.clone()),
            Some(Link::Frame(_)) => match state.chain.remove(0) {
                Link::Frame(frame) => frame,
                coro @ Link::Coro(_) => {
                    state.chain.insert(0, coro);
                    return Value::None;
                }
            },
        };
        drop(state);
        let coro = self.new_coroutine(*frame);
        if let Value::Coroutine(inner) = &coro {
            {
                let mut s = inner.state.borrow_mut();
                s.status = Status::Running;
                s.in_chain = true;
                s.awaited = true;
            }
            c.state.borrow_mut().chain.insert(0, Link::Coro(inner.clone()));
        }
        coro
    }

    /// Gives a frame that will wait its locals at their exact size, returning the
    /// pooled vector they came in.
    pub(crate) fn trim_locals(&mut self, frame: &mut Frame) {
        if frame.locals.capacity() > frame.locals.len() {
            let mut exact = Vec::with_capacity(frame.locals.len());
            exact.append(&mut frame.locals);
            let pooled = std::mem::replace(&mut frame.locals, exact);
            self.recycle(pooled);
        }
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
        let floor = std::mem::replace(&mut self.resumed_handling_base, base);
        let result = self.on_enough_stack(|i| i.drive_chain(outer, resume));
        self.resumed_handling_base = floor;
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
        // `close()` (or a thrown `GeneratorExit`) closes every member that was in
        // the chain: one that returns hands its awaiter `GeneratorExit`, not its
        // value (CPython closes the awaited coroutine, then raises at the `await`).
        let closing = match &resume {
            Resume::Throw(e) if crate::builtins::functions::is_kind(self, e, ExcKind::GeneratorExit) => {
                outer.state.borrow().chain.len()
            }
            _ => 0,
        };
        loop {
            // The innermost member runs one level deeper per member above it, as
            // in CPython, where resuming a chain re-enters every frame of it: a
            // chain whose members all suspend meets the recursion limit too.
            let levels = outer.state.borrow().chain.len();
            let mut running = take_innermost(outer)?;
            let mark = self.inline_parked.len();
            self.depth += levels;
            let result = self.run_frame(running.frame(), resume);
            self.depth -= levels;
            let finished = match result {
                Ok(Flow::Return(v)) => Ok(v),
                Err(e) => Err(e),
                Ok(flow) => {
                    let innermost = matches!(running, Running::Coro(_, _, true));
                    put_back(outer, running);
                    // Frames the frame ran inline that suspended, innermost first.
                    let mut state = outer.state.borrow_mut();
                    for parked in self.inline_parked.drain(mark..).rev() {
                        crate::runtime::frame::push_small(&mut state.chain, Link::Frame(parked));
                    }
                    drop(state);
                    match self.after_suspend(outer, flow, innermost) {
                        Ok(step) => return Ok(step),
                        Err(next) => {
                            resume = next;
                            continue;
                        }
                    }
                }
            };
            let finished = match finished {
                Ok(_) if levels > 0 && levels <= closing => {
                    Err(PyErr::raised(self.new_exception(ExcKind::GeneratorExit, Vec::new())))
                }
                other => other,
            };
            // Not pooled: a coroutine's locals are sized exactly (see
            // `new_coroutine`), too small for the calls the pool serves.
            resume = match running {
                Running::Coro(_, _, true) => {
                    return match finished {
                        Ok(v) => Ok(Step::Returned(v)),
                        Err(e) => Err(self.convert_stop(outer.kind(), e)),
                    };
                }
                Running::Coro(inner, frame, false) => {
                    drop(frame);
                    {
                        let mut s = inner.state.borrow_mut();
                        s.status = Status::Done;
                        s.in_chain = false;
                    }
                    outer.state.borrow_mut().chain.pop();
                    sub_resume(self, finished, inner.kind())
                }
                Running::Inline(frame) => {
                    drop(frame);
                    sub_resume(self, finished, CoroKind::Coroutine)
                }
            };
        }
    }

    /// What the driver does after the frame it ran stopped without finishing: hand
    /// the suspension out (`Ok`), or resume the chain at its new innermost member
    /// (`Err`: a coroutine the frame awaited, just pushed).
    fn after_suspend(&mut self, outer: &Rc<Coroutine>, flow: Flow, innermost: bool) -> Result<Step, Resume> {
        match flow {
            Flow::Await(sub) => {
                if self.depth + outer.state.borrow().chain.len() + 1 >= self.recursion_limit {
                    sub.state.borrow_mut().awaited = true;
                    let e = PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded");
                    return Err(Resume::SubRaise(e));
                }
                {
                    let mut s = sub.state.borrow_mut();
                    s.status = Status::Running;
                    s.in_chain = true;
                    s.awaited = true;
                }
                crate::runtime::frame::push_small(&mut outer.state.borrow_mut().chain, Link::Coro(sub));
                Err(Resume::Send(Value::None))
            }
            Flow::Yield(v) if innermost && outer.kind() == CoroKind::AsyncGenerator => Ok(Step::Yielded(v)),
            // (`Return` is handled by the caller before it gets here.)
            Flow::Suspend(v) | Flow::Yield(v) | Flow::Return(v) => Ok(Step::Suspended(v)),
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
            if let Some(f) = state.frame.as_mut() {
                f.rebase_handling(old_base, base);
            }
            for link in state.chain.iter_mut() {
                match link {
                    Link::Coro(c) => {
                        if let Some(f) = c.state.borrow_mut().frame.as_mut() {
                            f.rebase_handling(old_base, base);
                        }
                    }
                    Link::Frame(f) => f.rebase_handling(old_base, base),
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

/// Takes the frame of the chain's innermost member (the driven coroutine's own when
/// the chain is empty).
fn take_innermost(outer: &Rc<Coroutine>) -> PyResult<Running> {
    let mut state = outer.state.borrow_mut();
    if let Some(Link::Frame(_)) = state.chain.last()
        && let Some(Link::Frame(frame)) = state.chain.pop()
    {
        return Ok(Running::Inline(frame));
    }
    let (coro, is_outer) = match state.chain.last() {
        Some(Link::Coro(c)) => (c.clone(), false),
        _ => (outer.clone(), true),
    };
    let taken = if is_outer { state.frame.take() } else { coro.state.borrow_mut().frame.take() };
    drop(state);
    match taken {
        Some(frame) => Ok(Running::Coro(coro, frame, is_outer)),
        None => Err(PyErr::new(ExcKind::RuntimeError, "coroutine has no frame")),
    }
}

/// Puts a frame that suspended back where it was taken from.
fn put_back(outer: &Rc<Coroutine>, running: Running) {
    match running {
        Running::Coro(coro, frame, _) => coro.state.borrow_mut().frame = Some(frame),
        Running::Inline(frame) => {
            crate::runtime::frame::push_small(&mut outer.state.borrow_mut().chain, Link::Frame(frame))
        }
    }
}

/// How the next member out is resumed when an awaited one finished.
fn sub_resume(interp: &mut Interpreter, finished: PyResult<Value>, kind: CoroKind) -> Resume {
    match finished {
        Ok(v) => Resume::SubReturn(v),
        Err(e) => Resume::SubRaise(interp.convert_stop(kind, e)),
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

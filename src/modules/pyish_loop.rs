//! `_pyish_loop`: the native functions the `asyncio` module is built on — the loop
//! clock, blocking on the `mio` poller, and coroutine introspection for reprs.

use super::{add_fns, float_arg};
use crate::event_loop::EventIo;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::coroutine::{CoroKind, Status};
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::Value;
use std::time::Duration;

/// Builds the module.
pub fn load(interp: &mut Interpreter) -> PyResult<Value> {
    let m = interp.new_module("_pyish_loop");
    add_fns(
        interp,
        &m,
        &[
            ("monotonic", monotonic_fn),
            ("poll", poll),
            ("format_coroutine", format_coroutine),
            ("format_exception", format_exception),
            ("iscoroutine", iscoroutine),
            ("is_coroutine_function", is_coroutine_function),
            ("set_sigint_handler", set_sigint_handler),
            ("context_get", context_get),
            ("context_set", context_set),
            ("context_install", context_install),
            ("context_copy", context_copy),
        ],
    );
    crate::event_loop::register(interp, &m);
    Ok(Value::Module(m))
}

/// The loop clock, in seconds.
pub fn monotonic() -> f64 {
    super::time::monotonic_ns() as f64 / 1e9
}

fn monotonic_fn(_: &mut Interpreter, _: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    Ok(Value::Float(monotonic()))
}

/// `poll(timeout)`: waits on the poller (`None`: until an event); returns the
/// reader and writer handles that are due.
fn poll(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let timeout = match args.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(float_arg(interp, v)?),
    };
    Ok(Value::list(poll_events(interp, timeout)?))
}

/// Blocks on the poller for up to `timeout` seconds (`None`: until an event);
/// returns the socket callbacks that are due, in the order to queue them.
pub fn poll_events(interp: &mut Interpreter, timeout: Option<f64>) -> PyResult<Vec<Value>> {
    let mut timeout = timeout.map(|t| Duration::from_secs_f64(if t.is_nan() { 0.0 } else { t.clamp(0.0, 1e9) }));
    let watching = interp.event_io.as_ref().is_some_and(EventIo::has_sockets);
    if timeout == Some(Duration::ZERO) && !watching {
        return Ok(Vec::new());
    }
    let flag = interp.interrupted.clone();
    let io = event_io(interp)?;
    if io.has_due() {
        timeout = Some(Duration::ZERO);
    }
    let waited = if timeout == Some(Duration::ZERO) {
        io.wait(timeout)
    } else {
        interp.flush();
        event_io(interp)?.wait_interruptible(timeout, &flag)
    };
    waited.map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
    interp.check_interrupt()?;
    Ok(event_io(interp)?.due_handles())
}

/// The interpreter's poller, created on first use.
pub fn event_io(interp: &mut Interpreter) -> PyResult<&mut EventIo> {
    if interp.event_io.is_none() {
        let io = EventIo::new().map_err(|e| PyErr::new(ExcKind::OSError, e.to_string()))?;
        interp.event_io = Some(io);
    }
    interp.event_io.as_mut().ok_or_else(|| PyErr::new(ExcKind::OSError, "no poller"))
}

/// `format_coroutine(coro)`: `main() running at FILE:LINE` / `main() done, defined
/// at FILE:LINE`, as asyncio's task reprs show coroutines.
/// The full report of an exception (traceback, chained exceptions, groups in their
/// nested layout, last line), as the loop's default exception handler logs it.
fn format_exception(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    Ok(Value::string(match args.first() {
        Some(Value::Instance(exc)) if exc.exc().is_some() => interp.render_logged_exception(exc),
        Some(other) => interp.repr(other)?,
        None => String::new(),
    }))
}

fn format_coroutine(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let Some(Value::Coroutine(c)) = args.first() else {
        let text = match args.first() {
            Some(v) => interp.repr(v)?,
            None => String::new(),
        };
        return Ok(Value::string(text));
    };
    let code = c.code.clone();
    let source = interp.sources.get(&code.filename).cloned();
    let line_at = |offset: u32| source.as_ref().map_or(0, |s| s.line_of(offset));
    let state = c.state.borrow();
    let text = match (state.status, state.frame.as_ref()) {
        (Status::Done, _) => {
            format!("{}() done, defined at {}:{}", code.qualname, code.filename, line_at(code.def_span.start))
        }
        (Status::Created, _) | (_, None) => {
            format!("{}() running at {}:{}", code.qualname, code.filename, line_at(code.def_span.start))
        }
        (_, Some(frame)) => {
            let span = code.spans.get(frame.pc).copied().unwrap_or(code.def_span);
            format!("{}() running at {}:{}", code.qualname, code.filename, line_at(span.start))
        }
    };
    Ok(Value::string(text))
}

fn iscoroutine(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    Ok(Value::Bool(args.first().is_some_and(|v| is_coroutine_like(interp, v))))
}

/// Whether asyncio takes `v` for a coroutine, as CPython 3.11's `_COROUTINE_TYPES`
/// does: native coroutines, generators, and whatever `collections.abc.Coroutine`
/// accepts by its methods — the awaitables of async generators (`anext()`, `asend()`,
/// `athrow()`, `aclose()`) and objects with `send`, `throw`, `close` and `__await__`.
pub fn is_coroutine_like(interp: &mut Interpreter, v: &Value) -> bool {
    use crate::runtime::iter::PyIter;
    match v {
        Value::Coroutine(c) => c.kind() == CoroKind::Coroutine,
        Value::Iterator(it) => {
            matches!(&*it.borrow(), PyIter::Generator(_) | PyIter::AsyncStep(..) | PyIter::AnextDefault(..))
        }
        Value::Instance(_) => {
            let class = interp.class_of(v);
            ["send", "throw", "close", "__await__"]
                .iter()
                .all(|name| class.lookup(interp.intern(name)).is_some_and(|m| !matches!(m, Value::None)))
        }
        _ => false,
    }
}

fn is_coroutine_function(_: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let is = match args.first() {
        Some(Value::Function(f)) => f.code.kind == crate::compile::CodeKind::Coroutine,
        Some(Value::Method(m)) => {
            matches!(&m.func, Value::Function(f) if f.code.kind == crate::compile::CodeKind::Coroutine)
        }
        _ => false,
    };
    Ok(Value::Bool(is))
}

/// `set_sigint_handler(f)`: what Ctrl-C calls (`None`: raise `KeyboardInterrupt`);
/// returns the previous handler.
fn set_sigint_handler(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let new = args.first().cloned().unwrap_or(Value::None);
    Ok(std::mem::replace(&mut interp.sigint_handler, new))
}

/// `context_get()`: the current `contextvars.Context` (or `None`).
fn context_get(interp: &mut Interpreter, _: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    Ok(interp.context.clone())
}

/// `context_set(ctx)`: makes `ctx` current; returns the previous one.
fn context_set(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let new = args.first().cloned().unwrap_or(Value::None);
    Ok(std::mem::replace(&mut interp.context, new))
}

/// `context_install(copy_context)`: from now on tasks and handles capture contexts.
fn context_install(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    interp.copy_context = args.first().cloned().unwrap_or(Value::None);
    Ok(Value::None)
}

/// `context_copy()`: `contextvars.copy_context()`, or `None` before `contextvars`
/// is imported (nothing can tell contexts apart until then).
fn context_copy(interp: &mut Interpreter, _: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    copy_context(interp)
}

/// A copy of the current context (`None` before `contextvars` is imported).
pub fn copy_context(interp: &mut Interpreter) -> PyResult<Value> {
    match interp.copy_context.clone() {
        Value::None => Ok(Value::None),
        copy => interp.call(copy, Vec::new(), &[]),
    }
}

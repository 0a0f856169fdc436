//! Accelerated `Future` methods: the same logic as asyncio's Python `Future`
//! (`futures._PyFuture`), on the same attributes.

use super::accel::{Accel, accel, clear_flag, context_for, flag, get_at, same, set, set_at, slot, this};
use super::scheduler::call_soon;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::runtime::exec::Resume;
use crate::runtime::iter::PyIter;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// `Future.done()`.
pub fn done(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    Ok(Value::Bool(!a.is_pending(this(&args[0])?)))
}

/// `Future.cancelled()`.
pub fn cancelled(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    Ok(Value::Bool(same(&get_at(this(&args[0])?, slot::STATE, a.syms.state), &a.cancelled)))
}

/// `Future.result()`.
pub fn result(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    future_result(interp, &a, &args[0])
}

/// The result of a done future, raising its exception or `CancelledError`.
pub fn future_result(interp: &mut Interpreter, a: &Accel, fut: &Value) -> PyResult<Value> {
    let inst = this(fut)?;
    let state = get_at(inst, slot::STATE, a.syms.state);
    if same(&state, &a.finished) {
        clear_flag(inst, &a.syms.log_traceback);
        return match a.syms.exception.get(inst) {
            // Raised again here, so it is chained to what is being handled here
            // (CPython's `raise self._exception`).
            Value::Instance(exc) => {
                interp.set_context(&exc);
                Err(PyErr::raised(exc))
            }
            Value::None => Ok(get_at(inst, slot::RESULT, a.syms.result)),
            other => Err(PyErr::raised(interp.make_exception(other)?)),
        };
    }
    if same(&state, &a.cancelled) {
        return Err(cancelled_error(interp, a, fut));
    }
    Err(a.error(interp, &a.invalid_state.clone(), "Result is not set."))
}

/// `fut._make_cancelled_error()` (a Python method: it consumes `_cancelled_exc`).
fn cancelled_error(interp: &mut Interpreter, a: &Accel, fut: &Value) -> PyErr {
    match interp.getattr(fut, a.syms.make_cancelled_error).and_then(|m| interp.call(m, Vec::new(), &[])) {
        Ok(Value::Instance(i)) => PyErr::raised(i),
        Ok(other) => match interp.make_exception(other) {
            Ok(i) => PyErr::raised(i),
            Err(e) => e,
        },
        Err(e) => e,
    }
}

/// `Future.add_done_callback(fn, *, context=None)`. Once `contextvars` is imported
/// the callback is kept as `(fn, context)` (CPython's shape; `context` defaults to
/// a copy of the current one) and runs in that context.
pub fn add_done_callback(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [fut, callback, ..] = args else {
        return Err(PyErr::type_error("add_done_callback() missing required argument 'fn' (pos 1)"));
    };
    let entry = match context_for(interp, &a, kwargs)? {
        Value::None => callback.clone(),
        context => Value::tuple(vec![callback.clone(), context]),
    };
    add_callback(interp, &a, fut, entry)?;
    Ok(Value::None)
}

/// `_callbacks` is `None` while a future has no callbacks, as in CPython's C
/// futures, and a lone callback is kept bare, not in a list: most futures get one
/// callback or none, and a list each would cost as much as the future's other
/// attributes together. A list holds two or more.
/// `Future.__init__(*, loop=None)`.
pub fn init(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [fut] = args else { return Err(PyErr::type_error("Future() takes no positional arguments")) };
    if let Some((k, _)) = kwargs.iter().find(|(k, _)| *k != a.syms.kw_loop) {
        let name = interp.name(*k).to_owned();
        return Err(PyErr::type_error(format!("Future() got an unexpected keyword argument '{name}'")));
    }
    let mut lp = super::spawn::kwarg(kwargs, a.syms.kw_loop);
    if matches!(lp, Value::None) {
        lp = super::spawn::call_global(interp, &a, a.syms.g_get_event_loop, Vec::new())?;
    }
    a.lay_out(this(fut)?, lp, false);
    Ok(Value::None)
}

/// `BaseEventLoop.create_future()`: `Future(loop=self)`.
pub fn create_future(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [lp] = args else { return Err(PyErr::type_error("create_future() takes no arguments")) };
    let future = super::spawn::global(&a, a.syms.g_future);
    if let Value::Class(class) = &future
        && a.constructs_natively(class, &a.future_init)
    {
        // What `Future(loop=lp)` does, without the call.
        let fut = interp.bare_instance(class, &[]);
        a.lay_out(this(&fut)?, lp.clone(), false);
        return Ok(fut);
    }
    interp.call(future, Vec::new(), &[(a.syms.kw_loop, lp.clone())])
}

/// Adds a done callback, or schedules it at once when the future is done.
pub fn add_callback(interp: &mut Interpreter, a: &Accel, fut: &Value, callback: Value) -> PyResult<()> {
    let inst = this(fut)?;
    if !a.is_pending(inst) {
        let lp = get_at(inst, slot::LOOP, a.syms.loop_);
        return schedule_callback(interp, a, &lp, callback, fut);
    }
    match get_at(inst, slot::CALLBACKS, a.syms.callbacks) {
        Value::None => set_at(inst, slot::CALLBACKS, a.syms.callbacks, callback),
        Value::List(l) => l.items.borrow_mut().push(callback),
        first => set_at(inst, slot::CALLBACKS, a.syms.callbacks, Value::list(vec![first, callback])),
    }
    Ok(())
}

/// `Future.set_result(result)`.
pub fn set_result(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [fut, value] = args else { return Err(PyErr::type_error("set_result() takes exactly one argument")) };
    finish(interp, &a, fut, value.clone())?;
    Ok(Value::None)
}

/// Marks a pending future finished with `value` and schedules its callbacks.
pub fn finish(interp: &mut Interpreter, a: &Accel, fut: &Value, value: Value) -> PyResult<()> {
    let inst = this(fut)?;
    if !a.is_pending(inst) {
        return Err(a.error(interp, &a.invalid_state.clone(), "invalid state"));
    }
    set_at(inst, slot::RESULT, a.syms.result, value);
    set_at(inst, slot::STATE, a.syms.state, a.finished.clone());
    schedule_callbacks(interp, a, fut)
}

/// `Future.cancel(msg=None)`.
pub fn cancel(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let msg = args.get(1).cloned().or_else(|| kwargs.iter().find(|(k, _)| *k == a.syms.msg).map(|(_, v)| v.clone()));
    Ok(Value::Bool(cancel_future(interp, &a, &args[0], msg.unwrap_or(Value::None))?))
}

/// Cancels a pending future (not a task's cancellation request).
pub fn cancel_future(interp: &mut Interpreter, a: &Accel, fut: &Value, msg: Value) -> PyResult<bool> {
    let inst = this(fut)?;
    clear_flag(inst, &a.syms.log_traceback);
    if !a.is_pending(inst) {
        return Ok(false);
    }
    set_at(inst, slot::STATE, a.syms.state, a.cancelled.clone());
    set(inst, a.syms.cancel_message, msg);
    schedule_callbacks(interp, a, fut)?;
    Ok(true)
}

/// Schedules every done callback with `call_soon(callback, fut)`.
pub fn schedule_callbacks(interp: &mut Interpreter, a: &Accel, fut: &Value) -> PyResult<()> {
    let inst = this(fut)?;
    let callbacks = match get_at(inst, slot::CALLBACKS, a.syms.callbacks) {
        Value::None => return Ok(()),
        Value::List(l) if l.items.borrow().is_empty() => return Ok(()),
        Value::List(l) => smallvec::SmallVec::<[Value; 1]>::from_vec(std::mem::take(&mut *l.items.borrow_mut())),
        single => smallvec::smallvec![single],
    };
    set_at(inst, slot::CALLBACKS, a.syms.callbacks, Value::None);
    let lp = get_at(inst, slot::LOOP, a.syms.loop_);
    for callback in callbacks {
        schedule_callback(interp, a, &lp, callback, fut)?;
    }
    Ok(())
}

/// Schedules one done callback: `fn(fut)`, in its context when it has one.
fn schedule_callback(interp: &mut Interpreter, a: &Accel, lp: &Value, callback: Value, fut: &Value) -> PyResult<()> {
    match &callback {
        Value::Tuple(pair) if pair.len() == 2 => {
            let callback = pair[0].clone();
            let context = (a.syms.kw_context, pair[1].clone());
            let call_soon = interp.getattr(lp, a.syms.call_soon)?;
            interp.call(call_soon, vec![callback, fut.clone()], &[context])?;
            Ok(())
        }
        task if a.is_bare_task(task) => {
            if a.runs_bare(task, lp) {
                return super::scheduler::push_internal(a, lp, callback, Vec::new());
            }
            let (wakeup, _) = super::task::bare_parts(a, task);
            call_soon(interp, a, lp, wakeup, vec![fut.clone()])
        }
        _ => call_soon(interp, a, lp, callback, vec![fut.clone()]),
    }
}

/// `Future.__await__()`: yields the future once while it is pending, then returns
/// its result.
pub fn await_iter(_: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    Ok(Value::Iterator(Rc::new(RefCell::new(PyIter::FutureAwait(args[0].clone(), false)))))
}

/// One step of a future's `__await__` iterator: `Ok(v)` yields, `Err(Ok(v))`
/// returns, `Err(Err(e))` raises.
pub fn await_step(
    interp: &mut Interpreter,
    cell: &Rc<RefCell<PyIter>>,
    resume: Resume,
) -> Result<Value, PyResult<Value>> {
    let (fut, yielded) = match &mut *cell.borrow_mut() {
        PyIter::FutureAwait(fut, yielded) => (fut.clone(), std::mem::replace(yielded, true)),
        _ => return Err(Ok(Value::None)),
    };
    if let Resume::Throw(e) | Resume::SubRaise(e) = resume {
        *cell.borrow_mut() = PyIter::Done;
        return Err(Err(e));
    }
    if matches!(fut, Value::None) {
        return if yielded { Err(Ok(Value::None)) } else { Ok(Value::None) };
    }
    let a = match accel(interp) {
        Ok(a) => a,
        Err(e) => return Err(Err(e)),
    };
    let Ok(inst) = this(&fut) else { return Err(Ok(Value::None)) };
    if !yielded && a.is_pending(inst) {
        set_at(inst, slot::BLOCKING, a.syms.blocking, Value::Bool(true));
        return Ok(fut.clone());
    }
    *cell.borrow_mut() = PyIter::Done;
    if a.is_pending(inst) {
        return Err(Err(PyErr::new(ExcKind::RuntimeError, "await wasn't used with future")));
    }
    Err(future_result(interp, &a, &fut))
}

/// One step of `await fut` on an asyncio future that uses the native `__await__`,
/// done without its iterator object (the awaiting frame keeps the future itself):
/// the first step (`started` false) yields the pending future to the task, marking
/// it blocking, or returns a done future's result; the step after the task resumed
/// the frame returns the result, or raises what was thrown in. The same logic as
/// [`await_step`], in the same result shape.
pub fn await_future(
    interp: &mut Interpreter,
    fut: &Value,
    resume: Resume,
    started: bool,
) -> Result<Value, PyResult<Value>> {
    if let Resume::Throw(e) | Resume::SubRaise(e) = resume {
        return Err(Err(e));
    }
    let a = accel(interp).map_err(Err)?;
    let Ok(inst) = this(fut) else { return Err(Ok(Value::None)) };
    if a.is_pending(inst) {
        if started {
            return Err(Err(PyErr::new(ExcKind::RuntimeError, "await wasn't used with future")));
        }
        set_at(inst, slot::BLOCKING, a.syms.blocking, Value::Bool(true));
        return Ok(fut.clone());
    }
    Err(future_result(interp, &a, fut))
}

/// Whether `v` is an asyncio future the loop can wait on (`_asyncio_future_blocking`
/// is an attribute), and its blocking flag.
pub fn blocking_flag(a: &Accel, v: &Value) -> Option<bool> {
    match v {
        Value::Instance(i) => match get_at(i, slot::BLOCKING, a.syms.blocking) {
            Value::None => None,
            other => Some(flag(&other)),
        },
        _ => None,
    }
}

/// `Future.exception()`.
pub fn future_exception(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a_rc = accel(interp)?;
    let a = &*a_rc;
    let inst = this(&args[0])?.clone();
    let state = get_at(&inst, slot::STATE, a.syms.state);
    if same(&state, &a.cancelled) {
        let make = interp.getattr(&args[0], a.syms.make_cancelled_error)?;
        let exc = interp.call(make, Vec::new(), &[])?;
        return Err(PyErr::raised(interp.make_exception(exc)?));
    }
    if !same(&state, &a.finished) {
        return Err(a.error(interp, &a.invalid_state.clone(), "Exception is not set."));
    }
    clear_flag(&inst, &a.syms.log_traceback);
    Ok(a.syms.exception.get(&inst))
}

/// `_Sleep0.__await__()`: yields to the loop exactly once.
pub fn sleep0_await(_: &mut Interpreter, _: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let state = crate::runtime::iter::PyIter::FutureAwait(Value::None, false);
    Ok(Value::Iterator(Rc::new(RefCell::new(state))))
}

//! Accelerated `Task` steps: asyncio's `Task.__step` and `task_wakeup`, on the same
//! attributes as the Python `Task`. A step resumes the task's coroutine chain at its
//! innermost frame (`Interpreter::drive`), then decides, as CPython does, what the
//! coroutine's suspension means: a bare yield (run again next iteration), a future to
//! wait for, or a mistake.

use super::accel::{Accel, accel, flag, get, get_at, same, set, set_at, slot, this};
use super::future::{add_callback, blocking_flag, cancel_future, finish};
use super::scheduler::{call_soon, push_internal};
use crate::builtins::functions::is_kind;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::coroutine::{CoroKind, Step};
use crate::runtime::exception::{ExcKind, PyErr};
use crate::runtime::exec::Resume;
use crate::value::{BoundMethod, Value};
use std::rc::Rc;

/// How the coroutine's step ended.
enum Outcome {
    /// It suspended, handing this value to the task.
    Yielded(Value),
    /// It returned.
    Returned(Value),
    /// It raised.
    Raised(PyErr),
}

/// `Task.__step(exc=None)`.
pub fn step(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let task = args[0].clone();
    let exc = args.get(1).cloned().or_else(|| kwargs.iter().find(|(k, _)| *k == a.syms.exc).map(|(_, v)| v.clone()));
    run_step(interp, &a, &task, exc.unwrap_or(Value::None))?;
    Ok(Value::None)
}

/// `Task.task_wakeup(future)`: steps the task with the future's exception, if any.
pub fn wakeup(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [task, future] = args else { return Err(PyErr::type_error("task_wakeup() takes one argument")) };
    wake(interp, &a, task, future)?;
    Ok(Value::None)
}

/// Runs a bare task found in the ready list (see [`Accel::runs_bare`]): a wake-up
/// when it waits on a future, else a step.
pub fn run_entry(interp: &mut Interpreter, a: &Accel, task: &Value) -> PyResult<Value> {
    match get_at(this(task)?, slot::FUT_WAITER, a.syms.fut_waiter) {
        Value::None => run_step(interp, a, task, Value::None)?,
        future => wake(interp, a, task, &future)?,
    }
    Ok(Value::None)
}

/// The callback and arguments a bare task in the ready list stands for (for error
/// reports, which show it as a handle).
pub fn bare_parts(a: &Accel, task: &Value) -> (Value, Vec<Value>) {
    let future = match task {
        Value::Instance(t) => get_at(t, slot::FUT_WAITER, a.syms.fut_waiter),
        _ => Value::None,
    };
    let bind = |func: &Value| Value::Method(Rc::new(BoundMethod { receiver: task.clone(), func: func.clone() }));
    match future {
        Value::None => (bind(&a.task_step), Vec::new()),
        future => (bind(&a.task_wakeup), vec![future]),
    }
}

/// `task_wakeup(future)`: steps the task with the future's exception, if any.
fn wake(interp: &mut Interpreter, a: &Accel, task: &Value, future: &Value) -> PyResult<()> {
    let outcome = match future {
        Value::Instance(f) if a.class_has(&f.class, a.syms.result_method, &a.future_result) => {
            super::future::future_result(interp, a, future)
        }
        _ => interp.getattr(future, a.syms.result_method).and_then(|m| interp.call(m, Vec::new(), &[])),
    };
    let exc = match outcome {
        Ok(_) => Value::None,
        Err(e) if e.is_limit() => return Err(e),
        Err(e) => Value::Instance(interp.materialize(e).instance()?),
    };
    run_step(interp, a, task, exc)
}

fn run_step(interp: &mut Interpreter, a: &Accel, task: &Value, mut exc: Value) -> PyResult<()> {
    let inst = this(task)?.clone();
    if !a.is_pending(&inst) {
        let text = format!("_step(): already done: {}, {}", interp.repr(task)?, interp.repr(&exc)?);
        return Err(a.error(interp, &a.invalid_state.clone(), &text));
    }
    if flag(&a.syms.must_cancel.get(&inst)) {
        let is_cancel = matches!(&exc, Value::Instance(e) if e.class.is_subclass(&a.cancelled_error));
        if !is_cancel {
            let make = interp.getattr(task, a.syms.make_cancelled_error)?;
            exc = interp.call(make, Vec::new(), &[])?;
        }
        a.syms.must_cancel.set(&inst, Value::Bool(false));
    }
    let coro = get_at(&inst, slot::CORO, a.syms.coro);
    set_at(&inst, slot::FUT_WAITER, a.syms.fut_waiter, Value::None);
    let lp = get_at(&inst, slot::LOOP, a.syms.loop_);
    enter_task(interp, a, &lp, task)?;
    // The step runs in the task's context. Until `contextvars` is imported no task
    // has one to look up; a task created before that keeps the context it first
    // sets a variable in.
    let own = if matches!(interp.copy_context, Value::None) { Value::None } else { get(&inst, a.syms.context_attr) };
    let outer = std::mem::replace(&mut interp.context, own);
    let outcome = resume(interp, a, &coro, exc);
    let inner = std::mem::replace(&mut interp.context, outer);
    if !matches!(inner, Value::None) {
        set(&inst, a.syms.context_attr, inner);
    }
    let handled = handle_outcome(interp, a, task, &lp, outcome?);
    let left = leave_task(interp, a, &lp, task);
    handled?;
    left
}

/// Sends `None` into the coroutine, or throws `exc` into it.
fn resume(interp: &mut Interpreter, a: &Accel, coro: &Value, exc: Value) -> PyResult<Outcome> {
    let thrown = match exc {
        Value::None => None,
        other => Some(PyErr::raised(interp.make_exception(other)?)),
    };
    if let Value::Coroutine(c) = coro
        && c.kind() == CoroKind::Coroutine
    {
        let how = match thrown {
            None => Resume::Send(Value::None),
            Some(e) => Resume::Throw(e),
        };
        return Ok(match interp.drive(c, how) {
            Ok(Step::Suspended(v) | Step::Yielded(v)) => Outcome::Yielded(v),
            Ok(Step::Returned(v)) => Outcome::Returned(v),
            Err(e) if e.is_limit() => return Err(e),
            Err(e) => Outcome::Raised(e),
        });
    }
    let (name, args) = match thrown {
        None => ("send", vec![Value::None]),
        Some(e) => ("throw", vec![Value::Instance(interp.materialize(e).instance()?)]),
    };
    let sym = if name == "send" { a.syms.send } else { a.syms.throw };
    Ok(match interp.getattr(coro, sym).and_then(|m| interp.call(m, args, &[])) {
        Ok(v) => Outcome::Yielded(v),
        Err(e) if e.is_limit() => return Err(e),
        Err(e) if interp.is_stop_iteration(&e) => Outcome::Returned(interp.stop_iteration_value(e)),
        Err(e) => Outcome::Raised(e),
    })
}

/// What the task does after its coroutine stopped.
fn handle_outcome(interp: &mut Interpreter, a: &Accel, task: &Value, lp: &Value, outcome: Outcome) -> PyResult<()> {
    let inst = this(task)?.clone();
    match outcome {
        Outcome::Returned(v) => {
            if flag(&a.syms.must_cancel.get(&inst)) {
                a.syms.must_cancel.set(&inst, Value::Bool(false));
                let msg = get(&inst, a.syms.cancel_message);
                cancel_future(interp, a, task, msg)?;
            } else {
                finish(interp, a, task, v)?;
            }
            Ok(())
        }
        Outcome::Raised(e) => task_raised(interp, a, task, e),
        Outcome::Yielded(Value::None) => schedule_step(interp, a, task, lp, Value::None),
        Outcome::Yielded(result) => task_yielded(interp, a, task, lp, result),
    }
}

/// The coroutine raised: the task is cancelled or holds the exception.
fn task_raised(interp: &mut Interpreter, a: &Accel, task: &Value, e: PyErr) -> PyResult<()> {
    let exc = interp.materialize(e).instance()?;
    if exc.class.is_subclass(&a.cancelled_error) {
        set(this(task)?, a.syms.cancelled_exc, Value::Instance(exc));
        cancel_future(interp, a, task, Value::None)?;
        return Ok(());
    }
    let err = PyErr::raised(exc.clone());
    let fatal = is_kind(interp, &err, ExcKind::KeyboardInterrupt) || is_kind(interp, &err, ExcKind::SystemExit);
    let future_class = a.future_set_exception.clone();
    interp.call(future_class, vec![task.clone(), Value::Instance(exc)], &[])?;
    if fatal { Err(err) } else { Ok(()) }
}

/// The coroutine yielded something other than `None`: normally a future to wait on.
fn task_yielded(interp: &mut Interpreter, a: &Accel, task: &Value, lp: &Value, result: Value) -> PyResult<()> {
    let Some(blocking) = blocking_flag(a, &result) else {
        let is_generator = interp.type_name(&result) == "generator";
        let text = if is_generator {
            format!(
                "yield was used instead of yield from for generator in task {} with {}",
                interp.repr(task)?,
                interp.repr(&result)?
            )
        } else {
            format!("Task got bad yield: {}", interp.repr(&result)?)
        };
        return schedule_error(interp, a, task, lp, &text);
    };
    let result_loop = match &result {
        Value::Instance(r) if r.attrs.borrow().contains_key(&a.syms.loop_) => get_at(r, slot::LOOP, a.syms.loop_),
        _ => {
            let m = interp.getattr(&result, a.syms.get_loop)?;
            interp.call(m, Vec::new(), &[])?
        }
    };
    if !same(&result_loop, lp) {
        let text =
            format!("Task {} got Future {} attached to a different loop", interp.repr(task)?, interp.repr(&result)?);
        return schedule_error(interp, a, task, lp, &text);
    }
    if !blocking {
        let text = format!(
            "yield was used instead of yield from in task {} with {}",
            interp.repr(task)?,
            interp.repr(&result)?
        );
        return schedule_error(interp, a, task, lp, &text);
    }
    if same(&result, task) {
        let text = format!("Task cannot await on itself: {}", interp.repr(task)?);
        return schedule_error(interp, a, task, lp, &text);
    }
    wait_on(interp, a, task, result)
}

/// Makes the task wait for `fut`: its wake-up becomes a done callback of `fut`.
fn wait_on(interp: &mut Interpreter, a: &Accel, task: &Value, fut: Value) -> PyResult<()> {
    let inst = this(task)?.clone();
    if let Value::Instance(r) = &fut {
        set_at(r, slot::BLOCKING, a.syms.blocking, Value::Bool(false));
    }
    let native_add =
        matches!(&fut, Value::Instance(r) if a.class_has(&r.class, a.syms.add_done_callback, &a.add_done_callback));
    if native_add && a.runs_bare(task, &get_at(&inst, slot::LOOP, a.syms.loop_)) {
        add_callback(interp, a, &fut, task.clone())?;
    } else {
        let wakeup = a.bound(interp, task, a.syms.wakeup, &a.task_wakeup)?;
        if native_add {
            add_callback(interp, a, &fut, wakeup)?;
        } else {
            let m = interp.getattr(&fut, a.syms.add_done_callback)?;
            interp.call(m, vec![wakeup], &[])?;
        }
    }
    set_at(&inst, slot::FUT_WAITER, a.syms.fut_waiter, fut.clone());
    if flag(&a.syms.must_cancel.get(&inst)) {
        let m = interp.getattr(&fut, a.syms.cancel)?;
        let msg = get(&inst, a.syms.cancel_message);
        let cancelled = interp.call(m, Vec::new(), &[(a.syms.msg, msg)])?;
        if flag(&cancelled) {
            a.syms.must_cancel.set(&inst, Value::Bool(false));
        }
    }
    Ok(())
}

/// Schedules the next step (with `exc` thrown in unless it is `None`).
pub fn schedule_step(interp: &mut Interpreter, a: &Accel, task: &Value, lp: &Value, exc: Value) -> PyResult<()> {
    if matches!(exc, Value::None) && a.runs_bare(task, lp) {
        return push_internal(a, lp, task.clone(), Vec::new());
    }
    let step = a.bound(interp, task, a.syms.step, &a.task_step)?;
    let args = if matches!(exc, Value::None) { Vec::new() } else { vec![exc] };
    call_soon(interp, a, lp, step, args)
}

/// Schedules a step that raises `RuntimeError(text)` inside the task.
fn schedule_error(interp: &mut Interpreter, a: &Accel, task: &Value, lp: &Value, text: &str) -> PyResult<()> {
    let exc = interp.new_exception(ExcKind::RuntimeError, vec![Value::str(text)]);
    schedule_step(interp, a, task, lp, Value::Instance(exc))
}

/// Records the task as the loop's current one (one probe of `_current_tasks`).
fn enter_task(interp: &mut Interpreter, a: &Accel, lp: &Value, task: &Value) -> PyResult<()> {
    let (hash, found) = interp.dict_probe(&a.current_tasks, lp)?;
    let current = found.and_then(|i| a.current_tasks.table.borrow().entry(i).map(|e| e.value.clone()));
    if let Some(current) = current
        && !matches!(current, Value::None)
    {
        let text = format!(
            "Cannot enter into task {} while another task {} is being executed.",
            interp.repr(task)?,
            interp.repr(&current)?
        );
        return Err(PyErr::new(ExcKind::RuntimeError, text));
    }
    let mut table = a.current_tasks.table.borrow_mut();
    match found {
        Some(i) => table.set_value(i, task.clone()),
        None => table.push(hash, lp.clone(), task.clone()),
    }
    Ok(())
}

/// Clears the current task (one probe of `_current_tasks`).
fn leave_task(interp: &mut Interpreter, a: &Accel, lp: &Value, task: &Value) -> PyResult<()> {
    let (_, found) = interp.dict_probe(&a.current_tasks, lp)?;
    let current = found.and_then(|i| a.current_tasks.table.borrow().entry(i).map(|e| e.value.clone()));
    let current = current.unwrap_or(Value::None);
    if !same(&current, task) {
        let text =
            format!("Leaving task {} does not match the current task {}.", interp.repr(task)?, interp.repr(&current)?);
        return Err(PyErr::new(ExcKind::RuntimeError, text));
    }
    if let Some(i) = found {
        a.current_tasks.table.borrow_mut().remove(i);
    }
    Ok(())
}

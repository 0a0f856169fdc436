//! Accelerated `asyncio.Queue.put_nowait` and `get_nowait`: the logic of the Python
//! methods, on the same attributes, with the helpers they call (`full`, `empty`,
//! `_put`, `_get`, `_wakeup_next`, `Event.clear`, `Future.done`/`set_result`) done
//! inline while the queue's class still uses asyncio's own versions, and called as
//! methods when a subclass overrides them (so `LifoQueue`, `PriorityQueue` and user
//! queues behave as in CPython). Every message through a queue runs both methods.

use super::accel::{Accel, Field, accel, class_has, native_global, this};
use super::future::finish;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::{Class, Instance, PyList, Value};
use std::rc::Rc;

/// What `_pyish_loop.install_queues(...)` hands over: asyncio's own versions of the
/// helpers (to recognise them on a queue's class) and the queue exceptions.
pub struct QueueAccel {
    /// The native `Queue.full` and `empty` (installed over the Python ones)...
    full: Value,
    empty: Value,
    /// ...and the Python ones, for queues whose state they cannot read directly.
    full_py: Value,
    empty_py: Value,
    put: Value,
    get: Value,
    wakeup_next: Value,
    event_clear: Value,
    future_done: Value,
    future_set_result: Value,
    queue_empty: Rc<Class>,
    queue_full: Rc<Class>,
    syms: QueueSyms,
}

/// Attribute and method names used here.
struct QueueSyms {
    maxsize: Field,
    queue: Field,
    head: Field,
    unfinished: Field,
    finished: Field,
    getters: Field,
    putters: Field,
    full: Symbol,
    empty: Symbol,
    put: Symbol,
    get: Symbol,
    wakeup_next: Symbol,
    clear: Symbol,
    value: Field,
    done: Symbol,
    set_result: Symbol,
}

impl QueueSyms {
    fn new(i: &mut Interpreter) -> QueueSyms {
        QueueSyms {
            maxsize: Field::new(i, "_maxsize"),
            queue: Field::new(i, "_queue"),
            head: Field::new(i, "_head"),
            unfinished: Field::new(i, "_unfinished_tasks"),
            finished: Field::new(i, "_finished"),
            getters: Field::new(i, "_getters"),
            putters: Field::new(i, "_putters"),
            full: i.intern("full"),
            empty: i.intern("empty"),
            put: i.intern("_put"),
            get: i.intern("_get"),
            wakeup_next: i.intern("_wakeup_next"),
            clear: i.intern("clear"),
            value: Field::new(i, "_value"),
            done: i.intern("done"),
            set_result: i.intern("set_result"),
        }
    }
}

/// `_pyish_loop.install_queues(Queue.full, Queue.empty, Queue._put, Queue._get,
/// Queue._wakeup_next, Event.clear, Future.done, Future.set_result, QueueEmpty,
/// QueueFull)`, before the native methods replace the Python ones.
pub fn install(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [full, empty, put, get, wakeup_next, event_clear, done, set_result, Value::Class(qe), Value::Class(qf)] = args
    else {
        return Err(PyErr::type_error("install_queues() got unexpected arguments"));
    };
    let syms = QueueSyms::new(interp);
    *a.queues.borrow_mut() = Some(Rc::new(QueueAccel {
        full: native_global(interp, "_pyish_loop", "queue_full"),
        empty: native_global(interp, "_pyish_loop", "queue_empty"),
        full_py: full.clone(),
        empty_py: empty.clone(),
        put: put.clone(),
        get: get.clone(),
        wakeup_next: wakeup_next.clone(),
        event_clear: event_clear.clone(),
        future_done: done.clone(),
        future_set_result: set_result.clone(),
        queue_empty: qe.clone(),
        queue_full: qf.clone(),
        syms,
    }));
    Ok(Value::None)
}

/// The accelerator state for queues.
fn queues(a: &Accel) -> PyResult<Rc<QueueAccel>> {
    a.queues.borrow().clone().ok_or_else(|| PyErr::type_error("asyncio queue accelerators are not installed"))
}

/// Calls `obj.name(*args)`.
fn call_method(interp: &mut Interpreter, obj: &Value, name: Symbol, args: Vec<Value>) -> PyResult<Value> {
    let m = interp.getattr(obj, name)?;
    interp.call(m, args, &[])
}

/// Raises one of the queue exceptions (`raise QueueFull`: no arguments).
fn raise(interp: &mut Interpreter, class: &Rc<Class>) -> PyErr {
    match interp.call(Value::Class(class.clone()), Vec::new(), &[]) {
        Ok(Value::Instance(i)) => PyErr::raised(i),
        Ok(_) => PyErr::type_error("exceptions must derive from BaseException"),
        Err(e) => e,
    }
}

/// The queue's list and head index, when they are a list and an int.
fn list_and_head(q: &QueueAccel, inst: &Instance) -> Option<(Rc<PyList>, i64)> {
    match (q.syms.queue.get(inst), q.syms.head.get(inst)) {
        (Value::List(l), Value::Int(h)) => Some((l, h)),
        _ => None,
    }
}

/// How asyncio's own `full` or `empty` is answered (see [`full_here`]).
type Here = fn(&mut Interpreter, &QueueAccel, &Value, &Instance) -> PyResult<bool>;

/// `self.full()` or `self.empty()` (`name`): asyncio's own (`ours`, answered by
/// `here`), or the queue's override.
fn ask(
    interp: &mut Interpreter,
    q: &QueueAccel,
    queue: &Value,
    inst: &Instance,
    (name, ours, here): (Symbol, &Value, Here),
) -> PyResult<bool> {
    if class_has(&inst.class, name, ours) {
        return here(interp, q, queue, inst);
    }
    let v = call_method(interp, queue, name, Vec::new())?;
    interp.truthy(&v)
}

/// asyncio's `Queue.full` (read directly when the state is a list, an int head and
/// an int maxsize; else the Python version runs).
fn full_here(interp: &mut Interpreter, q: &QueueAccel, queue: &Value, inst: &Instance) -> PyResult<bool> {
    if let Value::Int(max) = q.syms.maxsize.get(inst)
        && let Some((list, head)) = list_and_head(q, inst)
    {
        let size = i64::try_from(list.items.borrow().len()).unwrap_or(i64::MAX) - head;
        return Ok(max > 0 && size >= max);
    }
    let v = interp.call(q.full_py.clone(), vec![queue.clone()], &[])?;
    interp.truthy(&v)
}

/// asyncio's `Queue.empty` (as [`full_here`]).
fn empty_here(interp: &mut Interpreter, q: &QueueAccel, queue: &Value, inst: &Instance) -> PyResult<bool> {
    if let Some((list, head)) = list_and_head(q, inst) {
        return Ok(i64::try_from(list.items.borrow().len()).unwrap_or(i64::MAX) == head);
    }
    let v = interp.call(q.empty_py.clone(), vec![queue.clone()], &[])?;
    interp.truthy(&v)
}

/// `Queue.full()`.
pub fn full(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    answer(interp, args, "full", full_here)
}

/// `Queue.empty()`.
pub fn empty(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    answer(interp, args, "empty", empty_here)
}

/// The native `full`/`empty` method: always asyncio's own logic (an override
/// reaches it through `super()`).
fn answer(interp: &mut Interpreter, args: &[Value], name: &str, here: Here) -> PyResult<Value> {
    let q = queues(&*accel(interp)?)?;
    let [queue] = args else { return Err(PyErr::type_error(format!("{name}() takes no arguments"))) };
    let inst = this(queue)?.clone();
    Ok(Value::Bool(here(interp, &q, queue, &inst)?))
}

/// `Queue.put_nowait(item)`.
pub fn put_nowait(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let q = queues(&a)?;
    let [queue, item] = args else { return Err(PyErr::type_error("put_nowait() takes exactly one argument")) };
    let inst = this(queue)?.clone();
    if ask(interp, &q, queue, &inst, (q.syms.full, &q.full, full_here))? {
        return Err(raise(interp, &q.queue_full));
    }
    match q.syms.queue.get(&inst) {
        Value::List(l) if class_has(&inst.class, q.syms.put, &q.put) => l.items.borrow_mut().push(item.clone()),
        _ => {
            call_method(interp, queue, q.syms.put, vec![item.clone()])?;
        }
    }
    let count = match q.syms.unfinished.get(&inst) {
        Value::Int(n) if n < i64::MAX => Value::Int(n + 1),
        other => interp.binary(crate::syntax::ast::BinOp::Add, &other, &Value::Int(1))?,
    };
    q.syms.unfinished.set(&inst, count);
    let finished = q.syms.finished.get(&inst);
    match &finished {
        Value::Instance(ev) if class_has(&ev.class, q.syms.clear, &q.event_clear) => {
            q.syms.value.set(ev, Value::Bool(false))
        }
        _ => {
            call_method(interp, &finished, q.syms.clear, Vec::new())?;
        }
    }
    wake_next_if_any(interp, &a, &q, queue, &inst, &q.syms.getters)?;
    Ok(Value::None)
}

/// `Queue.get_nowait()`.
pub fn get_nowait(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let q = queues(&a)?;
    let [queue] = args else { return Err(PyErr::type_error("get_nowait() takes no arguments")) };
    let inst = this(queue)?.clone();
    if ask(interp, &q, queue, &inst, (q.syms.empty, &q.empty, empty_here))? {
        return Err(raise(interp, &q.queue_empty));
    }
    let item = match list_and_head(&q, &inst) {
        Some((list, head)) if class_has(&inst.class, q.syms.get, &q.get) => take_item(&q, &inst, &list, head)?,
        _ => call_method(interp, queue, q.syms.get, Vec::new())?,
    };
    wake_next_if_any(interp, &a, &q, queue, &inst, &q.syms.putters)?;
    Ok(item)
}

/// `Queue._get()`: the item at the head; the list is cut down once the consumed
/// part is at least 64 items and half of it.
fn take_item(q: &QueueAccel, inst: &Instance, list: &Rc<PyList>, head: i64) -> PyResult<Value> {
    let out_of_range = || PyErr::new(crate::runtime::exception::ExcKind::IndexError, "list index out of range");
    let index = usize::try_from(head).map_err(|_| out_of_range())?;
    let (item, len) = {
        let mut items = list.items.borrow_mut();
        let slot = items.get_mut(index).ok_or_else(out_of_range)?;
        (std::mem::replace(slot, Value::None), items.len())
    };
    let mut head = index + 1;
    if head >= 64 && head * 2 >= len {
        let rest = list.items.borrow()[head..].to_vec();
        q.syms.queue.set(inst, Value::list(rest));
        head = 0;
    }
    q.syms.head.set(inst, Value::Int(i64::try_from(head).unwrap_or(i64::MAX)));
    Ok(item)
}

/// `if self.<waiters>: self._wakeup_next(self.<waiters>)`.
fn wake_next_if_any(
    interp: &mut Interpreter,
    a: &Accel,
    q: &QueueAccel,
    queue: &Value,
    inst: &Instance,
    waiters: &Field,
) -> PyResult<()> {
    let list = waiters.get(inst);
    let waiters_list = match &list {
        Value::List(l) if l.items.borrow().is_empty() => return Ok(()),
        Value::List(l) if class_has(&inst.class, q.syms.wakeup_next, &q.wakeup_next) => l.clone(),
        other => {
            if interp.truthy(other)? {
                call_method(interp, queue, q.syms.wakeup_next, vec![list.clone()])?;
            }
            return Ok(());
        }
    };
    // `_wakeup_next`: the first waiter not done gets `None`.
    loop {
        let waiter = {
            let mut items = waiters_list.items.borrow_mut();
            if items.is_empty() {
                return Ok(());
            }
            items.remove(0)
        };
        if !is_done(interp, a, q, &waiter)? {
            return set_none(interp, a, q, &waiter);
        }
    }
}

/// `waiter.done()`.
fn is_done(interp: &mut Interpreter, a: &Accel, q: &QueueAccel, waiter: &Value) -> PyResult<bool> {
    if let Value::Instance(w) = waiter
        && class_has(&w.class, q.syms.done, &q.future_done)
    {
        return Ok(!a.is_pending(w));
    }
    let v = call_method(interp, waiter, q.syms.done, Vec::new())?;
    interp.truthy(&v)
}

/// `waiter.set_result(None)`.
fn set_none(interp: &mut Interpreter, a: &Accel, q: &QueueAccel, waiter: &Value) -> PyResult<()> {
    if let Value::Instance(w) = waiter
        && class_has(&w.class, q.syms.set_result, &q.future_set_result)
    {
        return finish(interp, a, waiter, Value::None);
    }
    call_method(interp, waiter, q.syms.set_result, vec![Value::None])?;
    Ok(())
}

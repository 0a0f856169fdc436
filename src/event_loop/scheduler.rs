//! The loop iteration and its queues, accelerated: `call_soon`, `call_at`,
//! `call_later` and `_run_once` of asyncio's Python `BaseEventLoop`, on the same
//! `_ready` list and `_scheduled` heap (ordered exactly as Python's `heapq` orders
//! `TimerHandle`s, by `_when` alone, so ties break as in CPython).

use super::accel::{Accel, accel, context_for, flag, get, set, this};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{PyList, Value};
use std::rc::Rc;

/// Longest the loop blocks in one poll (CPython's `MAXIMUM_SELECT_TIMEOUT`).
const MAXIMUM_SELECT_TIMEOUT: f64 = 24.0 * 3600.0;
/// Cancelled timers are purged when more than this many are scheduled...
const MIN_SCHEDULED_TIMER_HANDLES: usize = 100;
/// ...and this fraction of them is cancelled.
const MIN_CANCELLED_TIMER_HANDLES_FRACTION: f64 = 0.5;

/// Schedules `callback(*args)` on `lp`: directly when `lp` uses the native
/// `call_soon`, through its method otherwise.
pub fn call_soon(interp: &mut Interpreter, a: &Accel, lp: &Value, callback: Value, args: Vec<Value>) -> PyResult<()> {
    if let Value::Instance(inst) = lp
        && a.class_has(&inst.class, a.syms.call_soon, &a.call_soon)
    {
        return push_internal(a, lp, callback, args);
    }
    let method = interp.getattr(lp, a.syms.call_soon)?;
    let mut full = vec![callback];
    full.extend(args);
    interp.call(method, full, &[])?;
    Ok(())
}

/// Appends a callback scheduled by the accelerators themselves (task steps, done
/// callbacks) to the ready list. Nobody holds a handle to it, so it is stored bare:
/// the callback alone, or a tuple of the callback and its arguments.
pub fn push_internal(a: &Accel, lp: &Value, callback: Value, args: Vec<Value>) -> PyResult<()> {
    let inst = this(lp)?;
    if flag(&get(inst, a.syms.closed)) {
        return Err(PyErr::new(ExcKind::RuntimeError, "Event loop is closed"));
    }
    let entry = if args.is_empty() {
        callback
    } else {
        let mut items = Vec::with_capacity(args.len() + 1);
        items.push(callback);
        items.extend(args);
        Value::tuple(items)
    };
    match get(inst, a.syms.ready) {
        Value::List(l) => l.items.borrow_mut().push(entry),
        _ => set(inst, a.syms.ready, Value::list(vec![entry])),
    }
    Ok(())
}

/// Creates a `Handle` and appends it to the loop's ready list.
fn push_ready(interp: &mut Interpreter, a: &Accel, lp: &Value, callback: Value, args: Vec<Value>) -> PyResult<Value> {
    let inst = this(lp)?;
    if flag(&get(inst, a.syms.closed)) {
        return Err(PyErr::new(ExcKind::RuntimeError, "Event loop is closed"));
    }
    let handle = new_handle(interp, a, lp, callback, args);
    match get(inst, a.syms.ready) {
        Value::List(l) => l.items.borrow_mut().push(handle.clone()),
        _ => set(inst, a.syms.ready, Value::list(vec![handle.clone()])),
    }
    Ok(handle)
}

/// A `Handle` object for `callback(*args)`.
fn new_handle(interp: &mut Interpreter, a: &Accel, lp: &Value, callback: Value, args: Vec<Value>) -> Value {
    let handle = interp.bare_instance(&a.handle_class.clone(), &[]);
    if let Value::Instance(h) = &handle {
        let mut attrs = h.attrs.borrow_mut();
        attrs.reserve(4);
        attrs.insert(a.syms.loop_, lp.clone());
        attrs.insert(a.syms.callback, callback);
        attrs.insert(a.syms.args, Value::tuple(args));
        attrs.insert(a.syms.cancelled.sym, Value::Bool(false));
    }
    handle
}

/// `loop.call_soon(callback, *args, context=None)`.
pub fn call_soon_method(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [lp, callback, rest @ ..] = args else {
        return Err(PyErr::type_error("call_soon() missing required argument 'callback'"));
    };
    let handle = push_ready(interp, &a, lp, callback.clone(), rest.to_vec())?;
    set_context(interp, &a, &handle, kwargs)?;
    Ok(handle)
}

/// Gives a handle the context it runs in (see [`context_for`]).
fn set_context(interp: &mut Interpreter, a: &Accel, handle: &Value, kwargs: &[(Symbol, Value)]) -> PyResult<()> {
    let context = context_for(interp, a, kwargs)?;
    if let (Value::Instance(h), false) = (handle, matches!(context, Value::None)) {
        set(h, a.syms.context_attr, context);
    }
    Ok(())
}

/// `loop.call_at(when, callback, *args, context=None)`.
pub fn call_at(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [lp, when, callback, rest @ ..] = args else {
        return Err(PyErr::type_error("call_at() missing required arguments"));
    };
    if matches!(when, Value::None) {
        return Err(PyErr::type_error("when cannot be None"));
    }
    let timer = schedule_timer(interp, &a, lp, when.clone(), callback.clone(), rest.to_vec())?;
    set_context(interp, &a, &timer, kwargs)?;
    Ok(timer)
}

/// `loop.call_later(delay, callback, *args, context=None)`.
pub fn call_later(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [lp, delay, callback, rest @ ..] = args else {
        return Err(PyErr::type_error("call_later() missing required arguments"));
    };
    if matches!(delay, Value::None) {
        return Err(PyErr::type_error("delay must not be None"));
    }
    let now = crate::modules::monotonic();
    let when = interp.binary(crate::syntax::ast::BinOp::Add, &Value::Float(now), delay)?;
    let timer = schedule_timer(interp, &a, lp, when, callback.clone(), rest.to_vec())?;
    set_context(interp, &a, &timer, kwargs)?;
    Ok(timer)
}

/// Creates a `TimerHandle` and pushes it on the loop's heap.
fn schedule_timer(
    interp: &mut Interpreter,
    a: &Accel,
    lp: &Value,
    when: Value,
    callback: Value,
    args: Vec<Value>,
) -> PyResult<Value> {
    let inst = this(lp)?;
    if flag(&get(inst, a.syms.closed)) {
        return Err(PyErr::new(ExcKind::RuntimeError, "Event loop is closed"));
    }
    let timer = interp.bare_instance(&a.timer_class.clone(), &[]);
    if let Value::Instance(t) = &timer {
        let mut attrs = t.attrs.borrow_mut();
        // Stored directly, these do not raise the class's size hint: reserved here
        // (one more for a context), or the table grows twice.
        attrs.reserve_total(7);
        attrs.insert(a.syms.loop_, lp.clone());
        attrs.insert(a.syms.callback, callback);
        attrs.insert(a.syms.args, Value::tuple(args));
        attrs.insert(a.syms.cancelled.sym, Value::Bool(false));
        attrs.insert(a.syms.when.sym, when);
        attrs.insert(a.syms.scheduled, Value::Bool(true));
    }
    let heap = match get(inst, a.syms.scheduled) {
        Value::List(l) => l,
        _ => {
            let l = Rc::new(PyList::new(Vec::new()));
            set(inst, a.syms.scheduled, Value::List(l.clone()));
            l
        }
    };
    let mut items = heap.items.borrow_mut();
    items.push(timer.clone());
    let last = items.len() - 1;
    sift_down(a, &mut items, 0, last);
    Ok(timer)
}

/// A timer's deadline.
fn when(a: &Accel, v: &Value) -> f64 {
    match v {
        Value::Instance(i) => crate::runtime::ops::as_f64(&a.syms.when.get(i)).unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

/// `heapq._siftdown`, comparing deadlines.
fn sift_down(a: &Accel, heap: &mut [Value], start: usize, mut pos: usize) {
    let item = heap[pos].clone();
    let key = when(a, &item);
    while pos > start {
        let parent = (pos - 1) >> 1;
        if key < when(a, &heap[parent]) {
            heap[pos] = heap[parent].clone();
            pos = parent;
            continue;
        }
        break;
    }
    heap[pos] = item;
}

/// `heapq._siftup`.
fn sift_up(a: &Accel, heap: &mut [Value], mut pos: usize) {
    let end = heap.len();
    let start = pos;
    let item = heap[pos].clone();
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && when(a, &heap[child]).partial_cmp(&when(a, &heap[right])) != Some(std::cmp::Ordering::Less) {
            child = right;
        }
        heap[pos] = heap[child].clone();
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = item;
    sift_down(a, heap, start, pos);
}

/// `heapq.heappop`.
fn heap_pop(a: &Accel, heap: &mut Vec<Value>) -> Option<Value> {
    let last = heap.pop()?;
    if heap.is_empty() {
        return Some(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    sift_up(a, heap, 0);
    Some(top)
}

/// `heapq.heapify`.
fn heapify(a: &Accel, heap: &mut [Value]) {
    for i in (0..heap.len() / 2).rev() {
        sift_up(a, heap, i);
    }
}

/// Whether a handle was cancelled.
fn is_cancelled(a: &Accel, h: &Value) -> bool {
    matches!(h, Value::Instance(i) if flag(&a.syms.cancelled.get(i)))
}

/// `loop._run_once()`: one iteration, as CPython's `BaseEventLoop._run_once`.
pub fn run_once(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let lp = args.first().cloned().unwrap_or(Value::None);
    let inst = this(&lp)?.clone();
    let heap = match get(&inst, a.syms.scheduled) {
        Value::List(l) => l,
        _ => Rc::new(PyList::new(Vec::new())),
    };
    purge_cancelled(&a, &inst, &heap);
    let ready_now = matches!(get(&inst, a.syms.ready), Value::List(l) if !l.items.borrow().is_empty());
    let timeout = if ready_now || flag(&get(&inst, a.syms.stopping)) {
        Some(0.0)
    } else {
        heap.items.borrow().first().map(|h| select_timeout(when(&a, h) - crate::modules::monotonic()))
    };
    let io_handles = crate::modules::poll_events(interp, timeout)?;
    let ready = match get(&inst, a.syms.ready) {
        Value::List(l) => l,
        _ => {
            let list = Rc::new(PyList::new(Vec::new()));
            set(&inst, a.syms.ready, Value::List(list.clone()));
            list
        }
    };
    // `_process_events`: socket callbacks go first, skipping cancelled handles.
    ready.items.borrow_mut().extend(io_handles.into_iter().filter(|h| !is_cancelled(&a, h)));
    move_expired(&a, &inst, &heap, &ready);
    if ready.items.borrow().is_empty() {
        return Ok(Value::None);
    }
    run_ready(interp, &a, &lp, &ready)?;
    finalize_dropped_asyncgens(interp, &a, &lp, &inst)
}

/// `min(max(0, left), MAXIMUM_SELECT_TIMEOUT)` as CPython computes it: a NaN
/// deadline (`sleep(nan)`) gives 0, since `max(0, nan)` is 0.
fn select_timeout(left: f64) -> f64 {
    if left.is_nan() { 0.0 } else { left.clamp(0.0, MAXIMUM_SELECT_TIMEOUT) }
}

/// CPython finalizes an async generator when its last reference goes: the loop's
/// finalizer hook schedules its `aclose()` as a task, so the generator's `finally`
/// blocks and `async with` exits run soon after it is abandoned (an `async for`
/// left by `break` or `return`). pyish's loop keeps its async generators in a set;
/// one that nothing else refers to any more is abandoned, and is handed to the hook
/// here (a finished one is just dropped from the set).
fn finalize_dropped_asyncgens(
    interp: &mut Interpreter,
    a: &Accel,
    lp: &Value,
    inst: &crate::value::Instance,
) -> PyResult<Value> {
    if !interp.asyncgens_hooked {
        return Ok(Value::None);
    }
    let Value::Set(set) = get(inst, a.syms.asyncgens) else { return Ok(Value::None) };
    let dropped: Vec<Rc<crate::runtime::coroutine::Coroutine>> = set
        .table
        .borrow()
        .iter()
        .filter_map(|v| match v {
            Value::Coroutine(c) if Rc::strong_count(c) == 1 => Some(c.clone()),
            _ => None,
        })
        .collect();
    for agen in dropped {
        let finished = agen.status() == crate::runtime::coroutine::Status::Done;
        let agen = Value::Coroutine(agen);
        if finished {
            let discard = interp.intern("discard");
            let method = interp.getattr(&Value::Set(set.clone()), discard)?;
            interp.call(method, vec![agen], &[])?;
        } else {
            let hook = interp.getattr(lp, a.syms.asyncgen_finalizer_hook)?;
            interp.call(hook, vec![agen], &[])?;
        }
    }
    Ok(Value::None)
}

/// Drops cancelled timers: all of them when they are many, else those at the top.
fn purge_cancelled(a: &Accel, lp: &crate::value::Instance, heap: &Rc<PyList>) {
    let count = heap.items.borrow().len();
    let cancelled_count = match get(lp, a.syms.timer_cancelled_count) {
        Value::Int(n) => n,
        _ => 0,
    };
    if count > MIN_SCHEDULED_TIMER_HANDLES
        && cancelled_count as f64 / count as f64 > MIN_CANCELLED_TIMER_HANDLES_FRACTION
    {
        let mut items = std::mem::take(&mut *heap.items.borrow_mut());
        items.retain(|h| {
            let keep = !is_cancelled(a, h);
            if !keep && let Value::Instance(i) = h {
                set(i, a.syms.scheduled, Value::Bool(false));
            }
            keep
        });
        heapify(a, &mut items);
        // Back into the same list: the caller goes on with it (a new list here left
        // the caller with an empty heap and no poll timeout, so the loop slept
        // forever).
        *heap.items.borrow_mut() = items;
        set(lp, a.syms.timer_cancelled_count, Value::Int(0));
        return;
    }
    let mut items = heap.items.borrow_mut();
    let mut n = cancelled_count;
    while items.first().is_some_and(|h| is_cancelled(a, h)) {
        n -= 1;
        if let Some(Value::Instance(h)) = heap_pop(a, &mut items) {
            set(&h, a.syms.scheduled, Value::Bool(false));
        }
    }
    if n != cancelled_count {
        set(lp, a.syms.timer_cancelled_count, Value::Int(n));
    }
}

/// Moves the timers due by now (plus the clock resolution) to the ready list.
fn move_expired(a: &Accel, lp: &crate::value::Instance, heap: &Rc<PyList>, ready: &Rc<PyList>) {
    let heap = match get(lp, a.syms.scheduled) {
        Value::List(l) => l,
        _ => heap.clone(),
    };
    let mut items = heap.items.borrow_mut();
    if items.is_empty() {
        return;
    }
    let resolution = match get(lp, a.syms.clock_resolution) {
        Value::Float(f) => f,
        _ => 1e-9,
    };
    let end = crate::modules::monotonic() + resolution;
    while let Some(first) = items.first() {
        if when(a, first) >= end {
            break;
        }
        if let Some(h) = heap_pop(a, &mut items) {
            if let Value::Instance(i) = &h {
                set(i, a.syms.scheduled, Value::Bool(false));
            }
            ready.items.borrow_mut().push(h);
        }
    }
}

/// Runs the handles that were ready when the iteration began; what they schedule
/// waits for the next iteration.
///
/// They are taken from the front of the ready list in place (each entry dropped
/// once it has run, as CPython's `popleft` does), and the run prefix is cut off
/// before the list would grow: what they schedule then fills the room they left,
/// so a batch of 200k task steps that schedules 200k more needs one list's room,
/// not two, and the usual small batch moves nothing.
fn run_ready(interp: &mut Interpreter, a: &Accel, lp: &Value, ready: &Rc<PyList>) -> PyResult<()> {
    let mut todo = ready.items.borrow().len();
    let mut done = 0;
    while todo > 0 {
        let entry = {
            let mut items = ready.items.borrow_mut();
            if done >= items.len() {
                break; // a callback emptied the list (`close()`)
            }
            if worth_cutting(done, items.len(), items.capacity()) {
                items.drain(..done);
                done = 0;
            }
            std::mem::take(&mut items[done])
        };
        done += 1;
        todo -= 1;
        if let Err(e) = run_ready_entry(interp, a, lp, &entry) {
            cut_front(ready, done);
            return Err(e);
        }
    }
    cut_front(ready, done);
    Ok(())
}

/// Whether the run prefix (`done` of `len` entries) should be cut off the ready
/// list now: when it is at least half the list (moving the rest costs less than
/// running the prefix did), or at least an eighth of a full list (the next entry
/// scheduled would make it grow).
fn worth_cutting(done: usize, len: usize, capacity: usize) -> bool {
    (done >= 1024 && done * 2 >= len) || (done > 0 && len == capacity && done * 8 >= len)
}

/// Removes the first `n` entries of the ready list (those that have run).
fn cut_front(ready: &PyList, n: usize) {
    let mut items = ready.items.borrow_mut();
    let n = n.min(items.len());
    items.drain(..n);
}

/// Runs one ready entry. An exception escaping its callback is reported to the
/// loop's exception handler; `SystemExit`, `KeyboardInterrupt` and resource limits
/// stop the loop (the entries not run stay ready).
fn run_ready_entry(interp: &mut Interpreter, a: &Accel, lp: &Value, entry: &Value) -> PyResult<()> {
    let outcome = match entry {
        Value::Instance(_) if a.is_bare_task(entry) => super::task::run_entry(interp, a, entry),
        Value::Instance(h) if h.class.is_subclass(&a.handle_class) => {
            if flag(&a.syms.cancelled.get(h)) {
                return Ok(());
            }
            run_handle(interp, a, h)
        }
        Value::Instance(_) => call_bare(interp, entry, &[]),
        Value::Tuple(t) => match t.split_first() {
            Some((callback, args)) => call_bare(interp, callback, args),
            None => return Ok(()),
        },
        // An entry that has run, met again only if a callback inserted entries in
        // front of the run prefix.
        Value::None => return Ok(()),
        callback => call_bare(interp, callback, &[]),
    };
    let Err(err) = outcome else { return Ok(()) };
    let handle = match entry {
        Value::Instance(h) if h.class.is_subclass(&a.handle_class) => entry.clone(),
        _ => match entry_parts(a, entry) {
            Some((callback, args)) => new_handle(interp, a, lp, callback, args),
            None => entry.clone(),
        },
    };
    let fatal = err.is_limit()
        || crate::builtins::functions::is_kind(interp, &err, ExcKind::SystemExit)
        || crate::builtins::functions::is_kind(interp, &err, ExcKind::KeyboardInterrupt);
    if fatal { Err(err) } else { report(interp, a, lp, &handle, err) }
}

/// Runs a handle's callback with the handle's arguments (read from its tuple, not
/// copied), in the handle's context (handles have contexts only once `contextvars`
/// is imported).
fn run_handle(interp: &mut Interpreter, a: &Accel, h: &crate::value::Instance) -> PyResult<Value> {
    let callback = get(h, a.syms.callback);
    let args = get(h, a.syms.args);
    let args: &[Value] = match &args {
        Value::Tuple(t) => t,
        _ => &[],
    };
    let context = if matches!(interp.copy_context, Value::None) { Value::None } else { get(h, a.syms.context_attr) };
    if matches!(context, Value::None) {
        return call_bare(interp, &callback, args);
    }
    let outer = std::mem::replace(&mut interp.context, context);
    let outcome = call_bare(interp, &callback, args);
    interp.context = outer;
    outcome
}

/// Runs a bare ready entry's or a handle's callback (a task step or wake-up, a done
/// callback, a timer's `_set_result_unless_cancelled`): a native function, or a
/// native method bound to its task, gets its arguments gathered on the stack, with
/// no argument vector allocated.
fn call_bare(interp: &mut Interpreter, callback: &Value, args: &[Value]) -> PyResult<Value> {
    match callback {
        Value::Method(m) => {
            if let Value::Native(n) = &m.func
                && args.len() + 1 >= n.min_args
            {
                let mut full: smallvec::SmallVec<[Value; 4]> = smallvec::SmallVec::with_capacity(args.len() + 1);
                full.push(m.receiver.clone());
                full.extend(args.iter().cloned());
                let f = n.func.clone();
                return f(interp, &full, &[]);
            }
        }
        Value::Native(n) if args.len() >= n.min_args => {
            let f = n.func.clone();
            return f(interp, args, &[]);
        }
        _ => {}
    }
    interp.call(callback.clone(), args.to_vec(), &[])
}

/// The callback and arguments of a ready entry (`None` for a cancelled handle).
fn entry_parts(a: &Accel, entry: &Value) -> Option<(Value, Vec<Value>)> {
    match entry {
        Value::Instance(h) if h.class.is_subclass(&a.handle_class) => {
            if flag(&a.syms.cancelled.get(h)) {
                return None;
            }
            let args = match get(h, a.syms.args) {
                Value::Tuple(t) => t.as_ref().clone(),
                _ => Vec::new(),
            };
            Some((get(h, a.syms.callback), args))
        }
        Value::Tuple(t) => t.split_first().map(|(callback, args)| (callback.clone(), args.to_vec())),
        task if a.is_bare_task(task) => Some(super::task::bare_parts(a, task)),
        callback => Some((callback.clone(), Vec::new())),
    }
}

/// `loop._callback_exception(handle, exc)`.
fn report(interp: &mut Interpreter, a: &Accel, lp: &Value, handle: &Value, err: PyErr) -> PyResult<()> {
    let exc = Value::Instance(interp.materialize(err).instance()?);
    let method = interp.getattr(lp, a.syms.call_exception)?;
    interp.call(method, vec![handle.clone(), exc], &[])?;
    Ok(())
}

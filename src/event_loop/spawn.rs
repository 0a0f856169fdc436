//! Accelerated task creation and gathering: `Task.__init__`, `create_task`,
//! `BaseEventLoop.create_task` and `gather`, with the logic of asyncio's Python
//! versions (which read module globals such as `_running_loop`).

use super::accel::{Accel, accel, clear_flag, context_for, flag, get, get_at, same, set, set_at, slot, this};
use super::future::{add_callback, finish, future_result};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::coroutine::CoroKind;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{NativeFunction, PyList, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// A global of the asyncio module.
pub(super) fn global(a: &Accel, name: Symbol) -> Value {
    a.module.as_ref().and_then(|m| m.globals.borrow().get(name)).unwrap_or(Value::None)
}

/// A keyword argument.
pub(super) fn kwarg(kwargs: &[(Symbol, Value)], name: Symbol) -> Value {
    kwargs.iter().find(|(k, _)| *k == name).map_or(Value::None, |(_, v)| v.clone())
}

/// Calls a global function of the asyncio module.
pub(super) fn call_global(interp: &mut Interpreter, a: &Accel, name: Symbol, args: Vec<Value>) -> PyResult<Value> {
    let f = global(a, name);
    interp.call(f, args, &[])
}

/// `Task.__init__(coro, *, loop=None, name=None, context=None)`.
pub fn task_init(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a_rc = accel(interp)?;
    let a = &*a_rc;
    let [task, coro] = args else { return Err(PyErr::type_error("Task() missing required argument 'coro'")) };
    let inst = this(task)?.clone();
    let (loop_sym, name_sym) = (a.syms.kw_loop, a.syms.kw_name);
    let mut lp = kwarg(kwargs, loop_sym);
    if matches!(lp, Value::None) {
        lp = call_global(interp, a, a.syms.g_get_event_loop, Vec::new())?;
    }
    a.lay_out(&inst, lp.clone(), true);
    if !matches!(coro, Value::Coroutine(c) if c.kind() == CoroKind::Coroutine)
        && !crate::modules::pyish_loop::is_coroutine_like(interp, coro)
    {
        let sym = a.syms.log_destroy_pending;
        set(&inst, sym, Value::Bool(false));
        return Err(PyErr::type_error(format!("a coroutine was expected, got {}", interp.repr(coro)?)));
    }
    let name = match kwarg(kwargs, name_sym) {
        // Formatted as "Task-N" by `get_name` (see there).
        Value::None => Value::Int(next_task_number(a)),
        Value::Str(s) => Value::Str(s),
        other => Value::string(interp.to_str(&other)?),
    };
    set_at(&inst, slot::NAME, a.syms.name_attr, name);
    let context = context_for(interp, a, kwargs)?;
    if !matches!(context, Value::None) {
        set(&inst, a.syms.context_attr, context);
    }
    set_at(&inst, slot::CORO, a.syms.coro, coro.clone());
    super::task::schedule_step(interp, a, task, &lp, Value::None)?;
    a.registry.add(a, &inst);
    Ok(Value::None)
}

/// Increments the module's `_task_name_counter`.
fn next_task_number(a: &Accel) -> i64 {
    let sym = a.syms.task_name_counter;
    let Some(m) = a.module.clone() else { return 1 };
    let n = match m.globals.borrow().get(sym) {
        Some(Value::Int(n)) => n + 1,
        _ => 1,
    };
    m.globals.borrow_mut().set(sym, Value::Int(n));
    n
}

/// `BaseEventLoop.create_task(coro, *, name=None, context=None)`.
pub fn loop_create_task(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a_rc = accel(interp)?;
    let a = &*a_rc;
    let [lp, coro] = args else {
        return Err(PyErr::type_error("BaseEventLoop.create_task() missing 1 required positional argument: 'coro'"));
    };
    let inst = this(lp)?.clone();
    if flag(&get(&inst, a.syms.closed)) {
        return Err(PyErr::new(ExcKind::RuntimeError, "Event loop is closed"));
    }
    let name_sym = a.syms.kw_name;
    let name = kwarg(kwargs, name_sym);
    let factory_sym = a.syms.task_factory;
    let factory = get(&inst, factory_sym);
    if !matches!(factory, Value::None) {
        let task = interp.call(factory, vec![lp.clone(), coro.clone()], &[])?;
        call_global(interp, a, a.syms.g_set_task_name, vec![task.clone(), name])?;
        return Ok(task);
    }
    let task_class = global(a, a.syms.g_task);
    let loop_sym = a.syms.kw_loop;
    let context = (a.syms.kw_context, kwarg(kwargs, a.syms.kw_context));
    let kwargs = [(loop_sym, lp.clone()), (name_sym, name), context];
    if let Value::Class(class) = &task_class
        && a.constructs_natively(class, &a.task_init)
    {
        // What `Task(coro, loop=lp, name=name, context=context)` does, without the call.
        let task = interp.bare_instance(class, &[]);
        task_init(interp, &[task.clone(), coro.clone()], &kwargs)?;
        return Ok(task);
    }
    interp.call(task_class, vec![coro.clone()], &kwargs)
}

/// `asyncio.create_task(coro, *, name=None, context=None)`.
pub fn create_task(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let a_rc = accel(interp)?;
    let a = &*a_rc;
    let [coro] = args else {
        return Err(PyErr::type_error("create_task() missing 1 required positional argument: 'coro'"));
    };
    let lp = global(a, a.syms.g_running_loop);
    if matches!(lp, Value::None) {
        return Err(PyErr::new(ExcKind::RuntimeError, "no running event loop"));
    }
    let name_sym = a.syms.kw_name;
    let create = a.syms.create_task;
    let context = kwarg(kwargs, a.syms.kw_context);
    let context = if matches!(context, Value::None) { Vec::new() } else { vec![(a.syms.kw_context, context)] };
    let task = if a.finds(&lp, create, &a.loop_create_task) {
        loop_create_task(interp, &[lp.clone(), coro.clone()], &context)?
    } else {
        let method = interp.getattr(&lp, create)?;
        interp.call(method, vec![coro.clone()], &context)?
    };
    let name = kwarg(kwargs, name_sym);
    if !matches!(name, Value::None) {
        let set_name = a.syms.set_name;
        let m = interp.getattr(&task, set_name)?;
        interp.call(m, vec![name], &[])?;
    }
    Ok(task)
}

/// The shared state of one `gather` call's done callback.
struct Gather {
    outer: Value,
    /// The list `_GatheringFuture` holds as `_children` (the same object, as in
    /// CPython, where the done callback reads the list the outer future holds).
    children: Rc<PyList>,
    nfuts: usize,
    nfinished: usize,
    return_exceptions: bool,
}

/// `asyncio.gather(*coros_or_futures, return_exceptions=False)`.
pub fn gather(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    gather_owned(interp, args.to_vec(), kwargs)
}

/// The keyword arguments `gather` takes.
const GATHER_KEYWORDS: &[&str] = &["return_exceptions"];

/// [`gather`] taking its argument vector over: each argument is replaced by its
/// future in place, and the vector becomes the list of children.
pub fn gather_owned(interp: &mut Interpreter, mut args: Vec<Value>, kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        super::signature::Accepts::py("gather", false, None, Some(GATHER_KEYWORDS)).check(interp, &[], kwargs)?;
    }
    let a_rc = accel(interp)?;
    let a = &*a_rc;
    let re_sym = a.syms.return_exceptions;
    let return_exceptions = flag(&kwarg(kwargs, re_sym));
    if args.is_empty() {
        let lp = call_global(interp, a, a.syms.g_get_event_loop, Vec::new())?;
        let create = a.syms.create_future;
        let m = interp.getattr(&lp, create)?;
        let outer = interp.call(m, Vec::new(), &[])?;
        finish(interp, a, &outer, Value::list(Vec::new()))?;
        return Ok(outer);
    }
    let state = Rc::new(RefCell::new(Gather {
        outer: Value::None,
        children: Rc::new(PyList::new(Vec::new())),
        nfuts: 0,
        nfinished: 0,
        return_exceptions,
    }));
    let callback = done_callback(state.clone());
    let mut lp = Value::None;
    // Arguments seen before, to reuse their future. A pending native future passed
    // again is recognised by its last done callback being this gather's (nothing
    // else adds callbacks meanwhile); only other arguments are remembered here.
    // (Each entry keeps its argument alive: the vector's slot gets the future.)
    let mut seen: hashbrown::HashMap<usize, (Value, Value)> = hashbrown::HashMap::new();
    for slot in &mut args {
        let arg = &std::mem::take(slot);
        let known = if last_callback_is(a, arg, &callback) {
            Some(arg.clone())
        } else {
            arg.heap_ptr().and_then(|p| seen.get(&p).map(|(_, fut)| fut.clone()))
        };
        let fut = match known {
            Some(f) => f,
            None => {
                let fut = ensure_future(interp, a, arg, &lp)?;
                if matches!(lp, Value::None) {
                    lp = future_loop(interp, a, &fut)?;
                }
                if !same(&fut, arg)
                    && let Value::Instance(f) = &fut
                {
                    let sym = a.syms.log_destroy_pending;
                    set(f, sym, Value::Bool(false));
                }
                state.borrow_mut().nfuts += 1;
                add_done(interp, a, &fut, callback.clone())?;
                if !(same(&fut, arg) && last_callback_is(a, &fut, &callback))
                    && let Some(p) = arg.heap_ptr()
                {
                    seen.insert(p, (arg.clone(), fut.clone()));
                }
                fut
            }
        };
        *slot = fut;
    }
    let children = Rc::new(PyList::new(args));
    state.borrow_mut().children = children.clone();
    let children = Value::List(children);
    let class = global(a, a.syms.g_gathering_future);
    let loop_sym = a.syms.kw_loop;
    let outer = interp.call(class, vec![children], &[(loop_sym, lp)])?;
    state.borrow_mut().outer = outer.clone();
    Ok(outer)
}

/// Whether `fut` is a pending asyncio future whose last done callback is `callback`
/// (bare, or with its context).
fn last_callback_is(a: &Accel, fut: &Value, callback: &Value) -> bool {
    let Value::Instance(f) = fut else { return false };
    let last = match get_at(f, slot::CALLBACKS, a.syms.callbacks) {
        Value::List(l) => l.items.borrow().last().cloned().unwrap_or(Value::None),
        other => other,
    };
    match &last {
        Value::Tuple(t) => t.first().is_some_and(|c| same(c, callback)),
        other => same(other, callback),
    }
}

/// `_ensure_future(arg, loop=loop)`, with a direct path for coroutines.
fn ensure_future(interp: &mut Interpreter, a: &Accel, arg: &Value, lp: &Value) -> PyResult<Value> {
    if let Value::Coroutine(c) = arg
        && c.kind() == CoroKind::Coroutine
    {
        let lp = match lp {
            Value::None => call_global(interp, a, a.syms.g_get_event_loop, Vec::new())?,
            other => other.clone(),
        };
        let create = a.syms.create_task;
        let m = interp.getattr(&lp, create)?;
        return interp.call(m, vec![arg.clone()], &[]);
    }
    if is_future(a, arg) && (matches!(lp, Value::None) || same(&future_loop(interp, a, arg)?, lp)) {
        return Ok(arg.clone());
    }
    let f = global(a, a.syms.g_ensure_future);
    let loop_sym = a.syms.kw_loop;
    interp.call(f, vec![arg.clone()], &[(loop_sym, lp.clone())])
}

/// `isfuture(v)` for an instance: its class has `_asyncio_future_blocking` and it
/// does not read `None`.
fn is_future(a: &Accel, v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.class.lookup(a.syms.blocking).is_some() && !matches!(get(i, a.syms.blocking), Value::None))
}

/// The loop of a future (`_get_loop`).
fn future_loop(interp: &mut Interpreter, a: &Accel, fut: &Value) -> PyResult<Value> {
    if let Value::Instance(f) = fut
        && f.attrs.borrow().contains_key(&a.syms.loop_)
    {
        return Ok(get(f, a.syms.loop_));
    }
    call_global(interp, a, a.syms.g_get_loop, vec![fut.clone()])
}

/// `fut.add_done_callback(cb)`, directly when `fut` uses the native method.
fn add_done(interp: &mut Interpreter, a: &Accel, fut: &Value, cb: Value) -> PyResult<()> {
    let native =
        matches!(fut, Value::Instance(f) if a.class_has(&f.class, a.syms.add_done_callback, &a.add_done_callback));
    if native {
        return add_callback(interp, a, fut, cb);
    }
    let m = interp.getattr(fut, a.syms.add_done_callback)?;
    interp.call(m, vec![cb], &[])?;
    Ok(())
}

/// The `_done_callback` closure of one `gather` call.
fn done_callback(state: Rc<RefCell<Gather>>) -> Value {
    let func = move |interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]| -> PyResult<Value> {
        let a_rc = accel(interp)?;
        let a = &*a_rc;
        let fut = args.first().cloned().unwrap_or(Value::None);
        child_done(interp, a, &state, &fut)?;
        Ok(Value::None)
    };
    let name = "gather.<locals>._done_callback".to_owned();
    Value::Native(Rc::new(NativeFunction {
        name,
        min_args: 1,
        func: Rc::new(func),
        reads_frame: false,
        owned_args: None,
        positional_only: false,
    }))
}

/// One child of a `gather` finished.
fn child_done(interp: &mut Interpreter, a: &Accel, state: &Rc<RefCell<Gather>>, fut: &Value) -> PyResult<()> {
    let (outer, return_exceptions, all_done) = {
        let mut s = state.borrow_mut();
        s.nfinished += 1;
        (s.outer.clone(), s.return_exceptions, s.nfinished == s.nfuts)
    };
    let child = this(fut)?.clone();
    let outer_pending = matches!(&outer, Value::Instance(o) if a.is_pending(o));
    let child_cancelled = same(&get(&child, a.syms.state), &a.cancelled);
    if !outer_pending {
        if !child_cancelled {
            clear_flag(&child, &a.syms.log_traceback);
        }
        return Ok(());
    }
    if !return_exceptions {
        if child_cancelled {
            let make = interp.getattr(fut, a.syms.make_cancelled_error)?;
            let exc = interp.call(make, Vec::new(), &[])?;
            return set_exception(interp, a, &outer, exc);
        }
        clear_flag(&child, &a.syms.log_traceback);
        let exc = a.syms.exception.get(&child);
        if !matches!(exc, Value::None) {
            return set_exception(interp, a, &outer, exc);
        }
    }
    if !all_done {
        return Ok(());
    }
    let children = state.borrow().children.items.borrow().clone();
    let mut results = Vec::with_capacity(children.len());
    for c in &children {
        results.push(child_result(interp, a, c)?);
    }
    let requested_sym = a.syms.cancel_requested;
    if matches!(&outer, Value::Instance(o) if flag(&get(o, requested_sym))) {
        let last = children.last().cloned().unwrap_or(Value::None);
        let make = interp.getattr(&last, a.syms.make_cancelled_error)?;
        let exc = interp.call(make, Vec::new(), &[])?;
        return set_exception(interp, a, &outer, exc);
    }
    finish(interp, a, &outer, Value::list(results))?;
    Ok(())
}

/// A child's outcome for the results list: its result, its exception, or a
/// `CancelledError` carrying its cancel message.
fn child_result(interp: &mut Interpreter, a: &Accel, c: &Value) -> PyResult<Value> {
    let inst = this(c)?.clone();
    if same(&get(&inst, a.syms.state), &a.cancelled) {
        let msg = match get(&inst, a.syms.cancel_message) {
            Value::None => Value::str(""),
            m => m,
        };
        return interp.call(Value::Class(a.cancelled_error.clone()), vec![msg], &[]);
    }
    clear_flag(&inst, &a.syms.log_traceback);
    match a.syms.exception.get(&inst) {
        Value::None => future_result(interp, a, c),
        exc => Ok(exc),
    }
}

/// `outer.set_exception(exc)` (the Python method).
fn set_exception(interp: &mut Interpreter, a: &Accel, outer: &Value, exc: Value) -> PyResult<()> {
    let sym = a.syms.set_exception;
    let m = interp.getattr(outer, sym)?;
    interp.call(m, vec![exc], &[])?;
    Ok(())
}

//! What the accelerated methods need to know about the Python `asyncio` module: its
//! classes and constants (handed over by `_pyish_loop.install(...)` when asyncio is
//! imported) and the attribute names they read and write, interned once.

use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::object::Flat;
use crate::value::{Class, Instance, PyDict, Value};
use std::rc::Rc;

/// Attribute names used by the accelerated methods.
#[allow(missing_docs)]
pub struct Syms {
    pub state: Symbol,
    pub result: Symbol,
    pub exception: Field,
    pub callbacks: Symbol,
    pub loop_: Symbol,
    pub cancel_message: Symbol,
    pub log_traceback: Field,
    pub blocking: Symbol,
    pub callback: Symbol,
    pub args: Symbol,
    pub cancelled: Field,
    pub when: Field,
    pub scheduled: Symbol,
    pub ready: Symbol,
    pub closed: Symbol,
    pub stopping: Symbol,
    pub timer_cancelled_count: Symbol,
    /// `_asyncgens`, and the loop's hook that closes one of them.
    pub asyncgens: Symbol,
    pub asyncgen_finalizer_hook: Symbol,
    pub clock_resolution: Symbol,
    pub coro: Symbol,
    pub must_cancel: Field,
    pub fut_waiter: Symbol,
    pub num_cancels: Symbol,
    pub cancelled_exc: Symbol,
    pub call_soon: Symbol,
    pub call_exception: Symbol,
    pub make_cancelled_error: Symbol,
    pub add_done_callback: Symbol,
    pub cancel: Symbol,
    pub get_loop: Symbol,
    pub step: Symbol,
    pub wakeup: Symbol,
    pub msg: Symbol,
    pub exc: Symbol,
    pub kw_loop: Symbol,
    pub kw_name: Symbol,
    pub kw_context: Symbol,
    pub context_attr: Symbol,
    pub log_destroy_pending: Symbol,
    pub name_attr: Symbol,
    pub task_name_counter: Symbol,
    pub task_factory: Symbol,
    pub create_task: Symbol,
    pub set_name: Symbol,
    pub return_exceptions: Symbol,
    pub create_future: Symbol,
    pub cancel_requested: Symbol,
    pub set_exception: Symbol,
    pub result_method: Symbol,
    pub send: Symbol,
    pub throw: Symbol,
    pub g_get_event_loop: Symbol,
    pub g_set_task_name: Symbol,
    pub g_task: Symbol,
    pub g_running_loop: Symbol,
    pub g_gathering_future: Symbol,
    pub g_ensure_future: Symbol,
    pub g_get_loop: Symbol,
    pub g_future: Symbol,
    pub timer_handle_cancelled: Symbol,
    pub get_debug: Symbol,
    pub debug: Symbol,
    pub repr_attr: Symbol,
    pub set_result: Symbol,
    pub init: Symbol,
    pub new: Symbol,
}

/// The asyncio module's pieces the native code works with.
pub struct Accel {
    /// `asyncio.events.Handle` and `TimerHandle`.
    pub handle_class: Rc<Class>,
    /// `TimerHandle`.
    pub timer_class: Rc<Class>,
    /// The future states `'PENDING'`, `'CANCELLED'`, `'FINISHED'`.
    pub pending: Value,
    /// `'CANCELLED'`.
    pub cancelled: Value,
    /// `'FINISHED'`.
    pub finished: Value,
    /// `asyncio.CancelledError`.
    pub cancelled_error: Rc<Class>,
    /// `asyncio.InvalidStateError`.
    pub invalid_state: Rc<Class>,
    /// `{loop: task}` of running tasks.
    pub current_tasks: Rc<PyDict>,
    /// All tasks, for `asyncio.all_tasks()`.
    pub registry: super::registry::Registry,
    /// `Future.set_exception` (the Python one: tasks finish with an exception
    /// through it).
    pub future_set_exception: Value,
    /// Attribute names.
    pub syms: Syms,
    /// The native `call_soon`, recognised so task steps skip the method call.
    pub call_soon: Value,
    /// The asyncio module (its globals, such as `_running_loop`, are read live).
    pub module: Option<Rc<crate::value::Module>>,
    /// The native `Future.__await__`: an `await` on an instance whose class has it
    /// waits on the future directly, with no iterator object (see
    /// [`crate::event_loop::await_future`]).
    pub future_await: Value,
    /// What the queue accelerators need (`install_queues`, called after this).
    pub queues: std::cell::RefCell<Option<Rc<super::queues::QueueAccel>>>,
    /// The native `Future.add_done_callback`, recognised so waits skip the call.
    pub add_done_callback: Value,
    /// asyncio's `BaseEventLoop._timer_handle_cancelled` and `get_debug` (Python),
    /// recognised on a loop's class by the native handle cancellation.
    pub timer_handle_cancelled: Value,
    /// See `timer_handle_cancelled`.
    pub get_debug: Value,
    /// The native `Future.set_result` and `Future.__init__`, and `object.__new__`:
    /// `create_future` builds a future directly while its class still has them.
    pub set_result: Value,
    /// See `set_result`.
    pub future_init: Value,
    /// The native `Task.__init__` and `BaseEventLoop.create_task`: `create_task`
    /// builds a task directly while the loop's and the task's classes have them.
    pub task_init: Value,
    /// See `task_init`.
    pub loop_create_task: Value,
    /// See `set_result`.
    pub object_new: Value,
    /// The native `Future.result`, called directly by task wake-ups.
    pub future_result: Value,
    /// The native `Task.__step` and `Task.task_wakeup`, bound to tasks directly.
    pub task_step: Value,
    /// See `task_step`.
    pub task_wakeup: Value,
}

/// Whether `class` still looks `name` up as asyncio's own native method `ours`:
/// every task step and queue operation asks it of the loop's, the future's or the
/// queue's class to take the native path. Answers are kept in the class's merged
/// table, which any change to the class or an ancestor replaces, so a kept answer is
/// never stale (a name is always asked about with the same native method): in 32
/// slots, a name in one of the two at its hash (a dozen names are asked of a class,
/// and two that shared one slot would push each other out on every question), as
/// the symbol with bit 32 set for "yes" and bit 33 for "known".
#[inline]
pub fn class_has(class: &Rc<Class>, name: Symbol, ours: &Value) -> bool {
    if let Ok(flat) = class.flat.try_borrow()
        && let Some(slots) = flat.as_ref().and_then(|f| f.native_has.get())
    {
        let at = class_has_slot(name);
        for kept in [slots[at].get(), slots[(at + 1) % 32].get()] {
            if kept & KNOWN != 0 && kept as u32 == name.0 {
                return kept & YES != 0;
            }
        }
    }
    look_up_class_has(class, name, ours)
}

/// The first of the two slots [`class_has`] keeps `name`'s answer in.
#[inline(always)]
fn class_has_slot(name: Symbol) -> usize {
    (name.0.wrapping_mul(0x9E37_79B1) >> 27) as usize
}

/// Answers [`class_has`] from the class and keeps the answer (in the first of its
/// two slots that is free, else in the second).
#[inline(never)]
fn look_up_class_has(class: &Rc<Class>, name: Symbol, ours: &Value) -> bool {
    let has = class.lookup(name).is_some_and(|v| same(&v, ours));
    if let Some(flat) = class.flat.borrow().as_ref() {
        let slots = flat.native_has.get_or_init(Default::default);
        let at = class_has_slot(name);
        let slot = if slots[at].get() & KNOWN == 0 { at } else { (at + 1) % 32 };
        slots[slot].set(u64::from(name.0) | KNOWN | if has { YES } else { 0 });
    }
    has
}

/// [`class_has`]: a kept answer was "yes".
const YES: u64 = 1 << 32;
/// [`class_has`]: the slot holds an answer.
const KNOWN: u64 = 1 << 33;

impl Syms {
    fn new(i: &mut Interpreter) -> Syms {
        Syms {
            state: i.intern("_state"),
            result: i.intern("_result"),
            exception: Field::new(i, "_exception"),
            callbacks: i.intern("_callbacks"),
            loop_: i.intern("_loop"),
            cancel_message: i.intern("_cancel_message"),
            log_traceback: Field::new(i, "_log_traceback"),
            blocking: i.intern("_asyncio_future_blocking"),
            callback: i.intern("_callback"),
            args: i.intern("_args"),
            cancelled: Field::new(i, "_cancelled"),
            when: Field::new(i, "_when"),
            scheduled: i.intern("_scheduled"),
            ready: i.intern("_ready"),
            closed: i.intern("_closed"),
            stopping: i.intern("_stopping"),
            timer_cancelled_count: i.intern("_timer_cancelled_count"),
            asyncgens: i.intern("_asyncgens"),
            asyncgen_finalizer_hook: i.intern("_asyncgen_finalizer_hook"),
            clock_resolution: i.intern("_clock_resolution"),
            coro: i.intern("_coro"),
            must_cancel: Field::new(i, "_must_cancel"),
            fut_waiter: i.intern("_fut_waiter"),
            num_cancels: i.intern("_num_cancels_requested"),
            cancelled_exc: i.intern("_cancelled_exc"),
            call_soon: i.intern("call_soon"),
            call_exception: i.intern("_callback_exception"),
            make_cancelled_error: i.intern("_make_cancelled_error"),
            add_done_callback: i.intern("add_done_callback"),
            cancel: i.intern("cancel"),
            get_loop: i.intern("get_loop"),
            step: i.intern("_step"),
            wakeup: i.intern("task_wakeup"),
            msg: i.intern("msg"),
            exc: i.intern("exc"),
            kw_loop: i.intern("loop"),
            kw_name: i.intern("name"),
            kw_context: i.intern("context"),
            context_attr: i.intern("_context"),
            log_destroy_pending: i.intern("_log_destroy_pending"),
            name_attr: i.intern("_name"),
            task_name_counter: i.intern("_task_name_counter"),
            task_factory: i.intern("_task_factory"),
            create_task: i.intern("create_task"),
            set_name: i.intern("set_name"),
            return_exceptions: i.intern("return_exceptions"),
            create_future: i.intern("create_future"),
            cancel_requested: i.intern("_cancel_requested"),
            set_exception: i.intern("set_exception"),
            result_method: i.intern("result"),
            send: i.intern("send"),
            throw: i.intern("throw"),
            g_get_event_loop: i.intern("_get_event_loop"),
            g_set_task_name: i.intern("_set_task_name"),
            g_task: i.intern("Task"),
            g_running_loop: i.intern("_running_loop"),
            g_gathering_future: i.intern("_GatheringFuture"),
            g_ensure_future: i.intern("_ensure_future"),
            g_get_loop: i.intern("_get_loop"),
            g_future: i.intern("Future"),
            timer_handle_cancelled: i.intern("_timer_handle_cancelled"),
            get_debug: i.intern("get_debug"),
            debug: i.intern("_debug"),
            repr_attr: i.intern("_repr"),
            set_result: i.intern("set_result"),
            init: i.intern("__init__"),
            new: i.intern("__new__"),
        }
    }
}

/// `_pyish_loop.install(Handle, TimerHandle, PENDING, CANCELLED, FINISHED,
/// CancelledError, InvalidStateError, current_tasks,
/// Future.set_exception, call_soon, BaseEventLoop._timer_handle_cancelled,
/// BaseEventLoop.get_debug)`: records the module's pieces so the accelerated methods can be used.
pub fn install(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let [
        Value::Class(handle_class),
        Value::Class(timer_class),
        pending,
        cancelled,
        finished,
        Value::Class(cancelled_error),
        Value::Class(invalid_state),
        Value::Dict(current_tasks),
        future_set_exception,
        call_soon,
        timer_handle_cancelled,
        get_debug,
    ] = args
    else {
        return Err(PyErr::type_error("install() got unexpected arguments"));
    };
    let syms = Syms::new(interp);
    interp.accel = Some(Rc::new(Accel {
        handle_class: handle_class.clone(),
        timer_class: timer_class.clone(),
        pending: pending.clone(),
        cancelled: cancelled.clone(),
        finished: finished.clone(),
        cancelled_error: cancelled_error.clone(),
        invalid_state: invalid_state.clone(),
        current_tasks: current_tasks.clone(),
        registry: super::registry::Registry::default(),
        future_set_exception: future_set_exception.clone(),
        syms,
        call_soon: call_soon.clone(),
        module: match interp.modules.get("asyncio") {
            Some(Value::Module(m)) => Some(m.clone()),
            _ => None,
        },
        future_await: native_global(interp, "_pyish_loop", "future_await"),
        queues: std::cell::RefCell::new(None),
        add_done_callback: native_global(interp, "_pyish_loop", "future_add_done_callback"),
        timer_handle_cancelled: timer_handle_cancelled.clone(),
        get_debug: get_debug.clone(),
        set_result: native_global(interp, "_pyish_loop", "future_set_result"),
        future_init: native_global(interp, "_pyish_loop", "future_init"),
        task_init: native_global(interp, "_pyish_loop", "task_init"),
        loop_create_task: native_global(interp, "_pyish_loop", "loop_create_task"),
        object_new: interp.types.object.lookup(interp.syms.new).unwrap_or(Value::None),
        future_result: native_global(interp, "_pyish_loop", "future_result"),
        task_step: native_global(interp, "_pyish_loop", "task_step"),
        task_wakeup: native_global(interp, "_pyish_loop", "task_wakeup"),
    }));
    Ok(Value::None)
}

/// A global of a loaded module, or `None`.
pub(super) fn native_global(interp: &mut Interpreter, module: &str, name: &str) -> Value {
    let sym = interp.intern(name);
    match interp.modules.get(module) {
        Some(Value::Module(m)) => m.globals.borrow().get(sym).unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// The accelerator state, or an error when asyncio did not install it.
pub fn accel(interp: &Interpreter) -> PyResult<Rc<Accel>> {
    interp.accel.clone().ok_or_else(|| PyErr::type_error("asyncio accelerators are not installed"))
}

/// The instance a method was called on.
pub fn this(v: &Value) -> PyResult<&Rc<Instance>> {
    match v {
        Value::Instance(i) => Ok(i),
        _ => Err(PyErr::type_error("descriptor requires an asyncio object")),
    }
}

/// Reads an attribute as Python does for plain data: the instance's own, else the
/// class default (the Python classes keep defaults such as `_state` on the class).
pub fn get(inst: &Instance, name: Symbol) -> Value {
    if let Some(v) = inst.attrs.borrow().get(&name) {
        return v.clone();
    }
    inst.class.lookup(name).unwrap_or(Value::None)
}

/// Where native futures and tasks keep their hot attributes: both are created with
/// `_loop`, `_state`, `_callbacks` and `_result` first, then a future with
/// `_asyncio_future_blocking` ([`slot::FUTURE`] in all), a task with `_coro`,
/// `_fut_waiter` and `_name` ([`slot::TASK`]): all either usually ever gets, so
/// its table is allocated once at its final size. The accelerators find each at a
/// known position instead of searching the table and then the class (the key is
/// checked there: an instance laid out otherwise, say by a subclass that set
/// attributes first, or a task's blocking flag, is searched as usual).
pub mod slot {
    /// `_loop`.
    pub const LOOP: usize = 0;
    /// `_state`.
    pub const STATE: usize = 1;
    /// `_callbacks`.
    pub const CALLBACKS: usize = 2;
    /// `_result`.
    pub const RESULT: usize = 3;
    /// `_asyncio_future_blocking` (futures only).
    pub const BLOCKING: usize = 4;
    /// How many a future starts with.
    pub const FUTURE: usize = 5;
    /// `_coro` (tasks only).
    pub const CORO: usize = 4;
    /// `_fut_waiter`.
    pub const FUT_WAITER: usize = 5;
    /// `_name`.
    pub const NAME: usize = 6;
    /// How many a task starts with.
    pub const TASK: usize = 7;
}

/// [`get`] of an attribute kept at `slot` (see [`slot`]).
#[inline]
pub fn get_at(inst: &Instance, slot: usize, name: Symbol) -> Value {
    if let Some((k, v)) = inst.attrs.borrow().entry_at(slot)
        && k == name
    {
        return v.clone();
    }
    get(inst, name)
}

/// [`set`] of an attribute kept at `slot` (see [`slot`]).
#[inline]
pub fn set_at(inst: &Instance, slot: usize, name: Symbol, value: Value) {
    let mut attrs = inst.attrs.borrow_mut();
    if let Some(v) = attrs.value_at_mut(slot, name) {
        let old = std::mem::replace(v, value);
        drop(attrs);
        return old.discard();
    }
    drop(attrs);
    set(inst, name, value);
}

/// An attribute name with the position it was last found at in an instance's table:
/// instances of one class are mostly filled in the same order, so the next one
/// usually has it there too, and a read is one key check instead of a search.
pub struct Field {
    /// The attribute.
    pub sym: Symbol,
    /// Where it was last found.
    at: std::cell::Cell<u8>,
    /// The class value last read for an instance without its own (a flag's default,
    /// say), with the merged class table it came from (replaced on any change).
    default: std::cell::RefCell<Option<(Rc<Flat>, Value)>>,
}

impl Field {
    /// The attribute `name`, not yet seen anywhere.
    pub fn new(interp: &mut Interpreter, name: &str) -> Field {
        Field { sym: interp.intern(name), at: std::cell::Cell::new(0), default: std::cell::RefCell::new(None) }
    }

    /// [`get`] of this attribute: inline while it is where it was last found.
    #[inline(always)]
    pub fn get(&self, inst: &Instance) -> Value {
        if let Ok(attrs) = inst.attrs.try_borrow()
            && let Some((k, v)) = attrs.entry_at(usize::from(self.at.get()))
            && k == self.sym
        {
            return v.clone();
        }
        self.search(inst)
    }

    /// [`Field::get`] when the attribute is elsewhere, or on the class.
    #[inline(never)]
    fn search(&self, inst: &Instance) -> Value {
        let attrs = inst.attrs.borrow();
        if let Some(i) = attrs.index_of(self.sym)
            && let Some((_, v)) = attrs.entry_at(i)
        {
            self.at.set(u8::try_from(i).unwrap_or(0));
            return v.clone();
        }
        drop(attrs);
        self.class_value(&inst.class)
    }

    /// The attribute's value on `class`, or `None`.
    fn class_value(&self, class: &Rc<Class>) -> Value {
        if let Some(flat) = class.flat.borrow().as_ref()
            && let Some((f, v)) = self.default.borrow().as_ref()
            && Rc::ptr_eq(f, flat)
        {
            return v.clone();
        }
        let value = class.lookup(self.sym).unwrap_or(Value::None);
        if let Some(flat) = class.flat.borrow().as_ref() {
            *self.default.borrow_mut() = Some((flat.clone(), value.clone()));
        }
        value
    }

    /// [`set`] of this attribute.
    #[inline]
    pub fn set(&self, inst: &Instance, value: Value) {
        set_at(inst, usize::from(self.at.get()), self.sym, value);
    }
}

/// The context a task, handle or done callback runs in: its `context=` argument,
/// else a copy of the current context, else (before `contextvars` is imported, when
/// contexts cannot be told apart) `None`.
pub fn context_for(interp: &mut Interpreter, a: &Accel, kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    match kwargs.iter().find(|(k, _)| *k == a.syms.kw_context) {
        Some((_, ctx)) if !matches!(ctx, Value::None) => Ok(ctx.clone()),
        _ => crate::modules::copy_context(interp),
    }
}

/// Sets an instance attribute.
pub fn set(inst: &Instance, name: Symbol, value: Value) {
    inst.set_attr(name, value);
}

/// Sets a flag attribute to `False` unless it already reads false (the class
/// default, usually): clearing must not add an attribute to every future.
pub fn clear_flag(inst: &Instance, name: &Field) {
    if flag(&name.get(inst)) {
        name.set(inst, Value::Bool(false));
    }
}

/// Whether two values are the same object (or equal small constants).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::None, Value::None) => true,
        _ => a.heap_ptr().is_some() && a.heap_ptr() == b.heap_ptr(),
    }
}

/// Python truthiness for the flags the accelerated code reads.
pub fn flag(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::None => false,
        Value::Int(i) => *i != 0,
        _ => true,
    }
}

impl Accel {
    /// Whether `class` still has asyncio's own `name` (`ours`), see [`class_has`].
    #[inline]
    pub fn class_has(&self, class: &Rc<Class>, name: Symbol, ours: &Value) -> bool {
        class_has(class, name, ours)
    }

    /// Whether calling `class` would run `object.__new__` and asyncio's own native
    /// `__init__` (`init`), so that a caller may build the instance directly.
    pub fn constructs_natively(&self, class: &Rc<Class>, init: &Value) -> bool {
        class_has(class, self.syms.init, init) && class_has(class, self.syms.new, &self.object_new)
    }

    /// Whether the future's `_state` is `'PENDING'`.
    pub fn is_pending(&self, fut: &Instance) -> bool {
        same(&get_at(fut, slot::STATE, self.syms.state), &self.pending)
    }

    /// Gives a new future (`task` false) or task its hot attributes in the order of
    /// [`slot`], with their initial values, unless something set attributes on it
    /// first (those are kept as they are).
    pub fn lay_out(&self, inst: &Instance, lp: Value, task: bool) {
        let mut attrs = inst.attrs.borrow_mut();
        if !attrs.is_empty() {
            drop(attrs);
            return set(inst, self.syms.loop_, lp);
        }
        let s = &self.syms;
        attrs.reserve_total(if task { slot::TASK } else { slot::FUTURE });
        attrs.insert(s.loop_, lp);
        attrs.insert(s.state, self.pending.clone());
        attrs.insert(s.callbacks, Value::None);
        attrs.insert(s.result, Value::None);
        if task {
            attrs.insert(s.coro, Value::None);
            attrs.insert(s.fut_waiter, Value::None);
            attrs.insert(s.name_attr, Value::None);
        } else {
            attrs.insert(s.blocking, Value::Bool(false));
        }
    }

    /// Whether `obj.<name>` is asyncio's own native method `ours` (see [`Accel::bound`]),
    /// so that it can be called directly.
    pub fn finds(&self, obj: &Value, name: Symbol, ours: &Value) -> bool {
        matches!(obj, Value::Instance(o)
            if !o.class.has_properties()
                && self.class_has(&o.class, name, ours)
                && !o.attrs.borrow().contains_key(&name))
    }

    /// `obj.<name>`, bound without a lookup while `obj`'s class has asyncio's own
    /// native method there (`ours`) and nothing can intercept the read (no
    /// descriptors or `__getattribute__`, no instance attribute of that name).
    pub fn bound(&self, interp: &mut Interpreter, obj: &Value, name: Symbol, ours: &Value) -> PyResult<Value> {
        if self.finds(obj, name, ours) {
            let method = crate::value::BoundMethod { receiver: obj.clone(), func: ours.clone() };
            return Ok(Value::Method(Rc::new(method)));
        }
        interp.getattr(obj, name)
    }

    /// Whether `task` is a task that runs natively and can be kept bare (itself, with
    /// no bound method) as a ready-list entry or a future's done callback: its class
    /// still has the native `_step` and `task_wakeup`, nothing can intercept their
    /// lookup, and `lp` uses the native `call_soon`. A bare task in the ready list
    /// means "run it": wake it with its `_fut_waiter` when it waits on one, else step
    /// it (see [`super::task::run_entry`]). A task is not callable, so a bare one is
    /// never mistaken for a callback.
    pub fn runs_bare(&self, task: &Value, lp: &Value) -> bool {
        matches!(task, Value::Instance(t)
            if !t.class.has_properties()
                && self.class_has(&t.class, self.syms.step, &self.task_step)
                && self.class_has(&t.class, self.syms.wakeup, &self.task_wakeup))
            && matches!(lp, Value::Instance(l) if self.class_has(&l.class, self.syms.call_soon, &self.call_soon))
    }

    /// Whether a done callback or ready entry is a bare task (see [`Accel::runs_bare`]).
    pub fn is_bare_task(&self, entry: &Value) -> bool {
        matches!(entry, Value::Instance(t)
            if !t.class.is_subclass(&self.handle_class) && self.class_has(&t.class, self.syms.wakeup, &self.task_wakeup))
    }

    /// An exception instance of one of asyncio's classes.
    pub fn error(&self, interp: &mut Interpreter, class: &Rc<Class>, message: &str) -> PyErr {
        match interp.call(Value::Class(class.clone()), vec![Value::str(message)], &[]) {
            Ok(Value::Instance(i)) => PyErr::raised(i),
            Ok(_) => PyErr::type_error(message.to_owned()),
            Err(e) => e,
        }
    }
}

//! The native half of the event loop (DESIGN §5).
//!
//! The `asyncio` module is Python (a port of CPython's pure-Python asyncio, so its
//! scheduling order is CPython's by construction). What runs on every task step is
//! accelerated here, the way CPython's `_asyncio` C module accelerates its Future and
//! Task: the loop iteration (`_run_once`), `call_soon`/`call_at`, the timer heap, and
//! the hot Future and Task methods. They work on the very same Python objects and
//! attributes as the Python versions they replace, so either can run any program.

mod accel;
mod future;
mod io;
mod queues;
mod registry;
mod scheduler;
mod signature;
mod sockets;
mod spawn;
mod task;
mod timers;

pub use accel::{Accel, install};
pub use future::{await_future, await_step};
pub use io::EventIo;

use crate::interpreter::Interpreter;
use crate::value::Module;
use std::rc::Rc;

/// Builds the table of accelerated functions: each body checked against what it
/// [accepts](signature::Accepts) before it runs, the body called directly (not
/// through a function pointer) by its checking closure.
macro_rules! checked_table {
    ($(($attr:expr, $name:expr, $body:path, $accepts:expr $(,)?)),* $(,)?) => {
        [$(($attr, $name, checked($body, $accepts))),*]
    };
}

/// `body` behind the argument check `accepts`.
fn checked<F>(body: F, accepts: signature::Accepts) -> Rc<crate::value::NativeFn>
where
    F: Fn(
            &mut Interpreter,
            &[crate::value::Value],
            &[(crate::intern::Symbol, crate::value::Value)],
        ) -> crate::runtime::PyResult<crate::value::Value>
        + 'static,
{
    Rc::new(
        move |i: &mut Interpreter,
              args: &[crate::value::Value],
              kwargs: &[(crate::intern::Symbol, crate::value::Value)]| {
            accepts.check(i, args, kwargs)?;
            body(i, args, kwargs)
        },
    )
}

/// Adds the accelerated methods to the `_pyish_loop` module, named like the
/// methods they replace (so reprs of callbacks read as in CPython).
pub fn register(interp: &mut Interpreter, module: &Rc<Module>) {
    use signature::Accepts as A;
    const NO_ARGS: &[&str] = &[];
    const CONTEXT: &[&str] = &["context"];
    let fns: [(&str, &str, Rc<crate::value::NativeFn>); 33] = checked_table![
        ("install", "install", install, A::ANY),
        ("register_task", "_register_task", registry::register_task, A::ANY),
        ("unregister_task", "_unregister_task", registry::unregister_task, A::ANY),
        ("tasks_list", "_tasks_list", registry::tasks_list, A::ANY),
        ("future_init", "Future.__init__", future::init, A::c_method("Future", 0, 0, &["loop"])),
        ("install_queues", "install_queues", queues::install, A::ANY),
        (
            "queue_put_nowait",
            "Queue.put_nowait",
            queues::put_nowait,
            A::py("Queue.put_nowait", true, Some(1), Some(NO_ARGS)),
        ),
        (
            "queue_get_nowait",
            "Queue.get_nowait",
            queues::get_nowait,
            A::py("Queue.get_nowait", true, Some(0), Some(NO_ARGS)),
        ),
        ("queue_full", "Queue.full", queues::full, A::py("Queue.full", true, Some(0), Some(NO_ARGS))),
        ("queue_empty", "Queue.empty", queues::empty, A::py("Queue.empty", true, Some(0), Some(NO_ARGS))),
        (
            "loop_create_future",
            "BaseEventLoop.create_future",
            future::create_future,
            A::py("BaseEventLoop.create_future", true, Some(0), Some(NO_ARGS)),
        ),
        ("future_done", "Future.done", future::done, A::c_method("Future.done", 0, 0, NO_ARGS)),
        ("future_cancelled", "Future.cancelled", future::cancelled, A::c_method("Future.cancelled", 0, 0, NO_ARGS)),
        ("future_result", "Future.result", future::result, A::c_method("Future.result", 0, 0, NO_ARGS)),
        (
            "future_add_done_callback",
            "Future.add_done_callback",
            future::add_done_callback,
            A::c_method("add_done_callback", 1, 1, CONTEXT),
        ),
        ("future_set_result", "Future.set_result", future::set_result, A::c_method("Future.set_result", 1, 1, NO_ARGS)),
        ("future_cancel", "Future.cancel", future::cancel, A::c_method("cancel", 0, 1, &["msg"])),
        ("future_await", "Future.__await__", future::await_iter, A::c_method("Future.__await__", 0, 0, NO_ARGS)),
        ("task_step", "Task.__step", task::step, A::ANY),
        ("task_wakeup", "Task.task_wakeup", task::wakeup, A::ANY),
        (
            "loop_call_soon",
            "BaseEventLoop.call_soon",
            scheduler::call_soon_method,
            A::py("BaseEventLoop.call_soon", true, None, Some(CONTEXT)),
        ),
        (
            "loop_call_at",
            "BaseEventLoop.call_at",
            scheduler::call_at,
            A::py("BaseEventLoop.call_at", true, None, Some(CONTEXT)),
        ),
        (
            "loop_call_later",
            "BaseEventLoop.call_later",
            scheduler::call_later,
            A::py("BaseEventLoop.call_later", true, None, Some(CONTEXT)),
        ),
        ("loop_run_once", "BaseEventLoop._run_once", scheduler::run_once, A::ANY),
        (
            "loop_create_task",
            "BaseEventLoop.create_task",
            spawn::loop_create_task,
            A::py("BaseEventLoop.create_task", true, Some(1), Some(&["name", "context"])),
        ),
        ("task_init", "Task.__init__", spawn::task_init, A::c_method("Task", 0, 1, &["loop", "name", "context"])),
        (
            "create_task",
            "create_task",
            spawn::create_task,
            A::py("create_task", false, Some(1), Some(&["name", "context"])),
        ),
        // Checked in `gather_owned`, which calls through the argument vector take.
        ("gather", "gather", spawn::gather, A::ANY),
        (
            "future_exception",
            "Future.exception",
            future::future_exception,
            A::c_method("Future.exception", 0, 0, NO_ARGS),
        ),
        ("sleep0_await", "_Sleep0.__await__", future::sleep0_await, A::ANY),
        ("handle_cancel", "Handle.cancel", timers::handle_cancel, A::py("Handle.cancel", true, Some(0), Some(NO_ARGS))),
        (
            "timer_cancel",
            "TimerHandle.cancel",
            timers::timer_cancel,
            A::py("TimerHandle.cancel", true, Some(0), Some(NO_ARGS)),
        ),
        ("set_result_unless_cancelled", "_set_result_unless_cancelled", timers::set_result_unless_cancelled, A::ANY),
    ];
    for (attr, name, func) in fns {
        let sym = interp.intern(attr);
        // Methods index their receiver: the call checks it is there first.
        let min_args = usize::from(name.contains('.'));
        let owned_args = (attr == "gather").then_some(spawn::gather_owned as crate::value::OwnedArgsFn);
        let func = crate::value::NativeFunction {
            name: name.to_owned(),
            min_args,
            func,
            reads_frame: false,
            owned_args,
            positional_only: false,
        };
        module.globals.borrow_mut().set(sym, crate::value::Value::Native(Rc::new(func)));
    }
    sockets::register(interp, module);
}

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

/// Adds the accelerated methods to the `_pyish_loop` module, named like the
/// methods they replace (so reprs of callbacks read as in CPython).
pub fn register(interp: &mut Interpreter, module: &Rc<Module>) {
    let fns: [(&str, &str, crate::modules::Body); 33] = [
        ("install", "install", install),
        ("register_task", "_register_task", registry::register_task),
        ("unregister_task", "_unregister_task", registry::unregister_task),
        ("tasks_list", "_tasks_list", registry::tasks_list),
        ("future_init", "Future.__init__", future::init),
        ("install_queues", "install_queues", queues::install),
        ("queue_put_nowait", "Queue.put_nowait", queues::put_nowait),
        ("queue_get_nowait", "Queue.get_nowait", queues::get_nowait),
        ("queue_full", "Queue.full", queues::full),
        ("queue_empty", "Queue.empty", queues::empty),
        ("loop_create_future", "BaseEventLoop.create_future", future::create_future),
        ("future_done", "Future.done", future::done),
        ("future_cancelled", "Future.cancelled", future::cancelled),
        ("future_result", "Future.result", future::result),
        ("future_add_done_callback", "Future.add_done_callback", future::add_done_callback),
        ("future_set_result", "Future.set_result", future::set_result),
        ("future_cancel", "Future.cancel", future::cancel),
        ("future_await", "Future.__await__", future::await_iter),
        ("task_step", "Task.__step", task::step),
        ("task_wakeup", "Task.task_wakeup", task::wakeup),
        ("loop_call_soon", "BaseEventLoop.call_soon", scheduler::call_soon_method),
        ("loop_call_at", "BaseEventLoop.call_at", scheduler::call_at),
        ("loop_call_later", "BaseEventLoop.call_later", scheduler::call_later),
        ("loop_run_once", "BaseEventLoop._run_once", scheduler::run_once),
        ("loop_create_task", "BaseEventLoop.create_task", spawn::loop_create_task),
        ("task_init", "Task.__init__", spawn::task_init),
        ("create_task", "create_task", spawn::create_task),
        ("gather", "gather", spawn::gather),
        ("future_exception", "Future.exception", future::future_exception),
        ("sleep0_await", "_Sleep0.__await__", future::sleep0_await),
        ("handle_cancel", "Handle.cancel", timers::handle_cancel),
        ("timer_cancel", "TimerHandle.cancel", timers::timer_cancel),
        ("set_result_unless_cancelled", "_set_result_unless_cancelled", timers::set_result_unless_cancelled),
    ];
    for (attr, name, body) in fns {
        let sym = interp.intern(attr);
        // Methods index their receiver: the call checks it is there first.
        let min_args = usize::from(name.contains('.'));
        let owned_args = (attr == "gather").then_some(spawn::gather_owned as crate::value::OwnedArgsFn);
        let func = crate::value::NativeFunction {
            name: name.to_owned(),
            min_args,
            func: Rc::new(body),
            reads_frame: false,
            owned_args,
        };
        module.globals.borrow_mut().set(sym, crate::value::Value::Native(Rc::new(func)));
    }
    sockets::register(interp, module);
}

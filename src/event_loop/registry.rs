//! The set of all tasks (`asyncio.all_tasks()`): a list of weak references in
//! creation order. CPython keeps a `WeakSet`; an ordered dict entry per task cost
//! about 65 bytes, a weak reference costs 8. Finished tasks are not removed one by
//! one: a task's entry goes when the list is compacted, which happens whenever it
//! has doubled since the last compaction (so at most about half of it is stale).

use super::accel::{Accel, accel, this};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::value::{Instance, Value};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// The tasks of every loop, oldest first.
#[derive(Default)]
pub struct Registry {
    tasks: RefCell<Vec<Weak<Instance>>>,
    /// The length at which the next compaction happens.
    compact_at: std::cell::Cell<usize>,
}

/// The smallest list that is ever compacted.
const MIN_COMPACT: usize = 64;

impl Registry {
    /// Adds a new task.
    pub fn add(&self, a: &Accel, task: &Rc<Instance>) {
        let mut tasks = self.tasks.borrow_mut();
        if tasks.len() >= self.compact_at.get().max(MIN_COMPACT) {
            tasks.retain(|t| t.upgrade().is_some_and(|t| a.is_pending(&t)));
            self.compact_at.set(tasks.len() * 2);
        }
        tasks.push(Rc::downgrade(task));
    }

    /// The tasks still alive, oldest first (done ones included: callers filter).
    fn live(&self) -> Vec<Value> {
        self.tasks.borrow().iter().filter_map(|t| t.upgrade().map(Value::Instance)).collect()
    }

    /// Takes a task out (newest entries are searched first: a task is unregistered
    /// soon after it was registered, if ever).
    fn remove(&self, task: &Rc<Instance>) {
        let mut tasks = self.tasks.borrow_mut();
        if let Some(at) = tasks.iter().rposition(|t| std::ptr::eq(t.as_ptr(), Rc::as_ptr(task))) {
            tasks.remove(at);
        }
    }
}

/// `_register_task(task)`.
pub fn register_task(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    a.registry.add(&a, this(&args[0])?);
    Ok(Value::None)
}

/// `_unregister_task(task)`.
pub fn unregister_task(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    if let Value::Instance(task) = &args[0] {
        a.registry.remove(task);
    }
    Ok(Value::None)
}

/// `_tasks_list()`: every registered task still alive, oldest first.
pub fn tasks_list(interp: &mut Interpreter, _: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    Ok(Value::list(a.registry.live()))
}

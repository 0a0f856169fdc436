//! `yield from` / `await` delegating to an iterator that is neither a generator nor a
//! native awaitable (a user object with `__next__`, or a builtin iterator), following
//! CPython's `gen_send_ex`/`_gen_throw`: the `StopIteration` ending it carries the
//! result, and a thrown exception goes to the iterator's own `throw`/`close` methods
//! when it has them.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::exec::Resume;
use crate::builtins::functions::is_kind;
use crate::interpreter::Interpreter;
use crate::value::Value;

impl Interpreter {
    /// One step of a plain sub-iterator: `Ok(yielded)`, `Err(Ok(result))` when it
    /// stops, `Err(Err(e))` when it raises.
    pub(super) fn plain_delegate_step(&mut self, sub: &Value, resume: Resume) -> Result<Value, PyResult<Value>> {
        let sent = match resume {
            Resume::Throw(e) | Resume::SubRaise(e) => return self.throw_into_plain(sub, e),
            Resume::Send(v) | Resume::SubReturn(v) => v,
        };
        let got = match (sent, sub) {
            // Builtin iterators stop without a value; `next` is their fast path.
            (Value::None, Value::Iterator(_)) => {
                return match self.next(sub) {
                    Ok(Some(v)) => Ok(v),
                    Ok(None) => Err(Ok(Value::None)),
                    Err(e) => Err(Err(e)),
                };
            }
            (Value::None, _) => {
                let class = self.class_of(sub);
                match class.lookup(self.syms.next) {
                    Some(m) => self.call(m, vec![sub.clone()], &[]),
                    None => Err(PyErr::type_error(format!("'{}' object is not an iterator", class.name))),
                }
            }
            (v, _) => {
                let send = self.intern("send");
                self.getattr(sub, send).and_then(|m| self.call(m, vec![v], &[]))
            }
        };
        match got {
            Ok(y) => Ok(y),
            Err(e) if self.is_stop_iteration(&e) => Err(Ok(self.stop_iteration_value(e))),
            Err(e) => Err(Err(e)),
        }
    }

    /// CPython's `_gen_throw` for a non-generator delegate: `GeneratorExit` calls its
    /// `close()` (if any) and is raised at the `yield from`; anything else goes to its
    /// `throw()` (if any), whose `StopIteration` finishes the delegation.
    fn throw_into_plain(&mut self, sub: &Value, err: PyErr) -> Result<Value, PyResult<Value>> {
        if matches!(sub, Value::Iterator(_)) {
            return Err(Err(err));
        }
        if is_kind(self, &err, ExcKind::GeneratorExit) {
            let close = self.intern("close");
            if let Some(m) = self.optional_attr(sub, close).map_err(Err)? {
                self.call(m, Vec::new(), &[]).map_err(Err)?;
            }
            return Err(Err(err));
        }
        let throw = self.intern("throw");
        let Some(m) = self.optional_attr(sub, throw).map_err(Err)? else { return Err(Err(err)) };
        let instance = self.materialize(err).instance().map_err(Err)?;
        match self.call(m, vec![Value::Instance(instance)], &[]) {
            Ok(y) => Ok(y),
            Err(e) if self.is_stop_iteration(&e) => Err(Ok(self.stop_iteration_value(e))),
            Err(e) => Err(Err(e)),
        }
    }

    /// `getattr(obj, name)`, `None` when it raises `AttributeError`.
    fn optional_attr(&mut self, obj: &Value, name: crate::intern::Symbol) -> PyResult<Option<Value>> {
        match self.getattr(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if is_kind(self, &e, ExcKind::AttributeError) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

//! Calls of `len` and `isinstance` specialised at the call site while the name still
//! means the builtin (CPython 3.11 specialises these calls too): no call through
//! the native function, no argument vector. A module global or a replaced builtin
//! of that name takes the ordinary call.

use super::PyResult;
use super::frame::Frame;
use crate::compile::ir::{Call, Elt, Expr, Var};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::value::Value;
use std::rc::Rc;

/// A builtin whose calls are specialised.
#[derive(Clone, Copy)]
pub enum Specialised {
    /// `len(x)`.
    Len = 0,
    /// `isinstance(x, spec)`.
    IsInstance = 1,
}

impl Interpreter {
    /// Which specialised builtin a call of the global `name` with `nargs` plain
    /// arguments would be.
    #[inline(always)]
    pub(super) fn specialised(&self, name: Symbol, nargs: usize) -> Option<Specialised> {
        if name == self.syms.len_name && nargs == 1 {
            Some(Specialised::Len)
        } else if name == self.syms.isinstance_name && nargs == 2 {
            Some(Specialised::IsInstance)
        } else {
            None
        }
    }

    /// The call `which(args)` at a site whose function is the global in `slot`.
    #[inline(never)]
    pub(super) fn specialised_call(
        &mut self,
        f: &mut Frame,
        slot: u32,
        which: Specialised,
        call: &Call,
    ) -> PyResult<Value> {
        let shadowed = f.globals.has_dict.get()
            || !matches!(f.globals.globals.borrow().values.get(slot as usize), Some(Value::Unbound) | None);
        if shadowed || !self.is_builtin(which) {
            return self.eval_other_call(f, call);
        }
        match (which, call.args.as_slice()) {
            (Specialised::Len, [Elt::One(arg)]) => self.len_of(f, arg),
            (Specialised::IsInstance, [Elt::One(obj), Elt::One(spec)]) => {
                let obj = self.eval_operand(f, obj)?;
                let spec = self.eval_operand(f, spec)?;
                let found = crate::builtins::functions::isinstance(self, &obj, &spec);
                obj.discard();
                spec.discard();
                Ok(Value::Bool(found?))
            }
            _ => self.eval_other_call(f, call),
        }
    }

    /// `len(arg)`; a local is measured where it lies (no reference taken and
    /// dropped).
    fn len_of(&mut self, f: &mut Frame, arg: &Expr) -> PyResult<Value> {
        if let Expr::Load(Var::Local(at), _) = arg
            && let Some(v) = f.locals.get(*at as usize)
            && !matches!(v, Value::Unbound)
        {
            return Ok(Value::Int(self.len(v)? as i64));
        }
        let v = self.eval_operand(f, arg)?;
        let n = self.len(&v);
        v.discard();
        Ok(Value::Int(n? as i64))
    }

    /// Whether the builtins still hold the builtin `which` (read in place).
    fn is_builtin(&self, which: Specialised) -> bool {
        let name = match which {
            Specialised::Len => self.syms.len_name,
            Specialised::IsInstance => self.syms.isinstance_name,
        };
        let (Some(ours), Some(&slot)) =
            (&self.specialised_builtins[which as usize], self.builtin_slots.get(name.0 as usize))
        else {
            return false;
        };
        matches!(self.builtins.globals.borrow().values.get(slot as usize), Some(Value::Native(n)) if Rc::ptr_eq(n, ours))
    }
}

//! Augmented assignment (`target op= value`): ints updated in place where nothing
//! can observe the difference, else CPython's read, in-place operator, write.

use super::PyResult;
use super::eval::peek_int;
use super::exception::{ExcKind, PyErr};
use super::frame::Frame;
use crate::compile::ir::{Expr, Target, Var};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::syntax::ast::BinOp;
use crate::value::Value;
use std::rc::Rc;

impl Interpreter {
    /// `target op= value`, using the in-place dunder when there is one.
    pub fn aug_assign(&mut self, f: &mut Frame, target: &Target, op: BinOp, value: &Expr) -> PyResult<()> {
        match target {
            Target::Var(Var::Local(slot), _)
                if let Some(Value::Int(x)) = f.locals.get(*slot as usize)
                    && let Expr::Const(Value::Int(y)) = value
                    && let Some(r) = super::ops::int_binop(op, *x, *y) =>
            {
                super::exec::set_local(f, *slot, Value::Int(r));
                Ok(())
            }
            Target::Var(Var::Local(slot), _) if let Some(Value::Int(x)) = f.locals.get(*slot as usize) => {
                let x = *x;
                let v = self.eval_operand(f, value)?;
                let result = match v {
                    Value::Int(y) if let Some(r) = super::ops::int_binop(op, x, y) => Value::Int(r),
                    v => self.inplace(op, &Value::Int(x), &v)?,
                };
                super::exec::set_local(f, *slot, result);
                Ok(())
            }
            Target::Var(var, name) => {
                let mut current = self.load(f, *var, *name)?;
                let v = self.eval(f, value)?;
                if let (BinOp::Add, Var::Local(slot), Value::Str(_), Value::Str(tail)) = (op, var, &current, &v) {
                    drop(current);
                    if let Some(Value::Str(s)) = f.locals.get_mut(*slot as usize)
                        && let Some(s) = Rc::get_mut(s)
                    {
                        s.push_str(tail.as_str());
                        return Ok(());
                    }
                    current = self.load(f, *var, *name)?;
                }
                if let (Value::Int(x), Value::Int(y)) = (&current, &v)
                    && let Some(r) = super::ops::int_binop(op, *x, *y)
                {
                    self.store(f, *var, *name, Value::Int(r));
                    return Ok(());
                }
                let result = self.inplace(op, &current, &v)?;
                self.store(f, *var, *name, result);
                Ok(())
            }
            Target::Attr(obj, name) => {
                if let Some(y) = peek_int(f, value)
                    && int_attr_in_place(f, obj, *name, op, y)
                {
                    return Ok(());
                }
                let obj = self.eval(f, obj)?;
                let current = self.getattr(&obj, *name)?;
                let v = self.eval(f, value)?;
                let result = self.inplace(op, &current, &v)?;
                self.setattr(&obj, *name, result)
            }
            Target::Subscript(obj, index) => {
                let obj = self.eval_operand(f, obj)?;
                let index = self.eval_operand(f, index)?;
                if let Value::Dict(d) = &obj
                    && let Some(y) = peek_int(f, value)
                    && self.dict_int_in_place(d, &index, op, y)?
                {
                    obj.discard();
                    index.discard();
                    return Ok(());
                }
                let current = self.getitem(&obj, &index)?;
                let v = self.eval(f, value)?;
                let result = self.inplace(op, &current, &v)?;
                self.setitem(&obj, index, result)
            }
            Target::Unpack(..) => Err(PyErr::new(ExcKind::SyntaxError, "illegal expression for augmented assignment")),
        }
    }
}

/// `local.name op= y` done in place when `local` is a plain instance (no
/// `__setattr__`, descriptors or `__getattribute__`) whose own `name` holds an int
/// and the result fits 64 bits; `false` leaves the work to the general path, which
/// then reads the attribute itself (nothing has been evaluated or changed).
fn int_attr_in_place(f: &Frame, obj: &Expr, name: Symbol, op: BinOp, y: i64) -> bool {
    let Expr::Load(Var::Local(slot), _) = obj else { return false };
    let Some(Value::Instance(inst)) = f.locals.get(*slot as usize) else { return false };
    if inst.payload.is_some()
        || inst.class.hooks.get() & crate::value::object::HOOK_SETATTR != 0
        || inst.class.has_properties()
    {
        return false;
    }
    let mut attrs = inst.attrs.borrow_mut();
    let Some(i) = attrs.index_of(name) else { return false };
    let Some(Value::Int(x)) = attrs.value_at_mut(i, name) else { return false };
    match super::ops::int_binop(op, *x, y) {
        Some(r) => {
            *x = r;
            true
        }
        None => false,
    }
}

//! Dict views (`dict_keys`, `dict_values`, `dict_items`): repr, membership, equality
//! with sets, set operators and `isdisjoint`.

use super::functions::arity;
use super::native;
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::runtime::iter::DictPart;
use crate::syntax::ast::BinOp;
use crate::value::{DictView, Value};
use std::rc::Rc;

/// Registers the view methods.
pub fn install(interp: &mut Interpreter) {
    let isdisjoint = native("isdisjoint", |i, a, _| {
        arity("isdisjoint", a.get(1..).unwrap_or_default(), 1, 1)?;
        let Some(Value::DictView(v)) = a.first() else {
            return Err(PyErr::type_error("descriptor 'isdisjoint' requires a dict view"));
        };
        let v = v.clone();
        for item in i.collect(a[1].clone())? {
            if i.view_contains(&v, &item)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    });
    for class in [interp.types.dict_keys.clone(), interp.types.dict_values.clone(), interp.types.dict_items.clone()] {
        add_method(interp, &class, "isdisjoint", isdisjoint.clone());
    }
}

/// Whether a value is a keys or items view (the set-like views).
fn set_like(v: &Value) -> bool {
    matches!(v, Value::DictView(d) if d.part != DictPart::Values)
}

impl Interpreter {
    /// `repr` of a view: `dict_keys([1, 2])`.
    pub fn view_repr(&mut self, v: &DictView) -> PyResult<String> {
        let items = self.collect(Value::DictView(Rc::new(DictView { dict: v.dict.clone(), part: v.part })))?;
        let mut parts = Vec::with_capacity(items.len());
        for item in &items {
            self.depth += 1;
            let r = self.repr(item);
            self.depth -= 1;
            parts.push(r?);
        }
        Ok(format!("{}([{}])", self.types.dict_view(v.part).name, parts.join(", ")))
    }

    /// `item in view`.
    pub fn view_contains(&mut self, v: &DictView, item: &Value) -> PyResult<bool> {
        match v.part {
            DictPart::Keys => Ok(self.dict_get(&v.dict, item)?.is_some()),
            DictPart::Values => {
                let values: Vec<Value> = v.dict.table.borrow().iter().map(|e| e.value.clone()).collect();
                for value in &values {
                    if value.is(item) || self.eq(value, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            DictPart::Items => {
                let Value::Tuple(pair) = item else { return Ok(false) };
                let [key, value] = pair.as_slice() else { return Ok(false) };
                match self.dict_get(&v.dict, key)? {
                    Some(found) => Ok(found.is(value) || self.eq(&found, value)?),
                    None => Ok(false),
                }
            }
        }
    }

    /// `view == other` when one side is a view: `None` when the view rules do not apply.
    pub fn view_eq(&mut self, a: &Value, b: &Value) -> PyResult<Option<bool>> {
        let is_setish = |v: &Value| set_like(v) || matches!(v, Value::Set(_) | Value::FrozenSet(_));
        if !(set_like(a) || set_like(b)) || !is_setish(a) || !is_setish(b) {
            return Ok(None);
        }
        if self.len(a)? != self.len(b)? {
            return Ok(Some(false));
        }
        for item in self.collect(a.clone())? {
            if !self.contains(b, &item)? {
                return Ok(Some(false));
            }
        }
        Ok(Some(true))
    }

    /// `& | - ^` with a keys or items view on either side: the result is a set.
    pub fn view_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if !matches!(op, BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) || !(set_like(a) || set_like(b)) {
            return Ok(None);
        }
        let left = self.collect(a.clone())?;
        let left = Value::Set(self.set_from(left)?);
        let right = match b {
            Value::Set(_) | Value::FrozenSet(_) => b.clone(),
            _ => {
                let items = self.collect(b.clone())?;
                Value::Set(self.set_from(items)?)
            }
        };
        self.set_operator(op, &left, &right).map(Some)
    }
}

//! Instances of subclasses of builtin types (`class D(dict)`): each holds its builtin
//! value (`Instance::base`), and an operation the class does not override in Python
//! acts on that value, as the builtin type's slot does in CPython. Every helper here
//! is reached only from the instance arms of the operations, so plain builtin values
//! never pay for it.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::syntax::ast::BinOp;
use crate::value::{Instance, Value};

impl Interpreter {
    /// The builtin value an operation acts on: `None` when `inst` has none, or when
    /// its class overrides `dunder` in Python (the override is then called as for any
    /// class). A native method found on the class is the builtin type's own.
    #[inline(never)]
    pub fn base_for(&self, inst: &Instance, dunder: Symbol) -> Option<Value> {
        let base = inst.base()?;
        match inst.class.lookup(dunder) {
            None | Some(Value::Native(_)) => Some(base.clone()),
            Some(_) => None,
        }
    }

    /// `v`, or for an instance of a builtin subclass that does not override the
    /// conversion `dunder` in Python, its builtin value (`int(x)`, `float(x)`).
    pub fn builtin_unless(&mut self, v: &Value, dunder: &str) -> Value {
        if let Value::Instance(inst) = v
            && inst.base().is_some()
        {
            let sym = self.intern(dunder);
            return self.base_for(inst, sym).unwrap_or_else(|| v.clone());
        }
        v.clone()
    }

    /// The value `json.dumps` encodes for an instance of a builtin subclass: a
    /// list or tuple as its items (through an overridden `__iter__`), a dict
    /// through an overridden `items`, the others as their builtin value.
    pub fn json_plain(&mut self, v: &Value, base: &Value) -> PyResult<Value> {
        match base {
            Value::List(_) | Value::Tuple(_) => Ok(Value::list(self.collect(v.clone())?)),
            Value::Dict(_)
                if let Value::Instance(inst) = v
                    && self.base_for(inst, self.syms.items).is_none() =>
            {
                let items = self.getattr(v, self.syms.items)?;
                let items = self.call(items, Vec::new(), &[])?;
                let d = std::rc::Rc::new(crate::value::PyDict::default());
                self.dict_update(&d, items)?;
                Ok(Value::Dict(d))
            }
            _ => Ok(base.clone()),
        }
    }

    /// `obj[index]` on the builtin value; a dict subclass's `__missing__` answers
    /// for an absent key (only here: `get` and `in` never call it).
    pub(crate) fn base_getitem(
        &mut self,
        obj: &Value,
        inst: &Instance,
        base: &Value,
        index: &Value,
    ) -> PyResult<Value> {
        let Value::Dict(d) = base else { return self.getitem(base, index) };
        if let Some(v) = self.dict_get(d, index)? {
            return Ok(v);
        }
        match inst.class.lookup(self.syms.missing) {
            Some(m) => self.call(m, vec![obj.clone(), index.clone()], &[]),
            None => Err(PyErr::raised(self.new_exception(ExcKind::KeyError, vec![index.clone()]))),
        }
    }

    /// The builtin repr of an instance's value; a set's names the subclass, as
    /// CPython's does (`S({1, 2})`, `S()`).
    pub(crate) fn base_repr(&mut self, inst: &Instance, base: &Value) -> PyResult<String> {
        match base {
            Value::Set(s) | Value::FrozenSet(s) if s.table.borrow().is_empty() => Ok(format!("{}()", inst.class.name)),
            Value::Set(_) => Ok(format!("{}({})", inst.class.name, self.repr(base)?)),
            Value::FrozenSet(s) => {
                let plain = self.repr(&Value::Set(s.clone()))?;
                Ok(format!("{}({plain})", inst.class.name))
            }
            _ => self.repr(base),
        }
    }

    /// `str(v)` for an instance with a builtin value: `__str__` if the class defines
    /// one in Python; a str's own text; else the repr, which may be overridden (the
    /// other builtin types have no `__str__` of their own).
    pub(crate) fn base_to_str(&mut self, v: &Value, inst: &Instance) -> PyResult<Option<String>> {
        let Some(base) = self.base_for(inst, self.syms.str) else { return Ok(None) };
        match base {
            Value::Str(s) => Ok(Some(s.as_str().to_owned())),
            _ => self.repr(v).map(Some),
        }
    }

    /// The builtin operator between the operands' builtin values, once the dunder
    /// protocol has found nothing (`[1] + MyList([2])`, `MyInt(2) * 3`); `None` when
    /// neither operand has one.
    pub(crate) fn base_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        let Some((x, y)) = Self::base_operands(a, b) else { return Ok(None) };
        self.binary(op, &x, &y).map(Some)
    }

    /// The operands of a comparison with their builtin values in place of instances
    /// of builtin subclasses; `None` when neither has one.
    pub(crate) fn base_operands(a: &Value, b: &Value) -> Option<(Value, Value)> {
        let (x, y) = (a.builtin_base(), b.builtin_base());
        if x.is_none() && y.is_none() {
            return None;
        }
        Some((x.unwrap_or(a).clone(), y.unwrap_or(b).clone()))
    }
}

impl Interpreter {
    /// `x op= y` on a mutable builtin value, changed in place so that the instance
    /// holding it stays bound (`l += [1]` on a list subclass); whether it applied.
    pub(crate) fn base_inplace(&mut self, op: BinOp, base: &Value, other: &Value) -> PyResult<bool> {
        match (op, base) {
            (BinOp::Add, Value::List(l)) => self.extend_list(l, other.clone())?,
            (BinOp::Mult, Value::List(l)) => {
                let Value::List(r) = self.binary(op, base, other)? else { return Ok(false) };
                let items = std::mem::take(&mut *r.items.borrow_mut());
                *l.items.borrow_mut() = items;
            }
            (BinOp::BitOr, Value::Dict(d)) => self.dict_update(d, other.clone())?,
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(s)) => {
                let other = other.builtin_base().unwrap_or(other).clone();
                let Value::Set(r) = self.binary(op, base, &other)? else { return Ok(false) };
                let table = std::mem::take(&mut *r.table.borrow_mut());
                *s.table.borrow_mut() = table;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

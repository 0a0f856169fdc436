//! Equality, ordering, hashing and truth: builtin values compared structurally,
//! instances through `__eq__`/`__lt__`/... with reflected fallbacks.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::ops::{as_bigint, as_f64};
use crate::interpreter::Interpreter;
use crate::syntax::ast::CmpOp;
use crate::value::{PyDict, Value};
use num_bigint::BigInt;
use std::cmp::Ordering;
use std::rc::Rc;

/// Where a comparison of nested containers hit the recursion limit.
const IN_COMPARISON: &str = " in comparison";

/// Equality that needs no Python code: `Some(result)` for builtin values, `None`
/// when an instance's `__eq__` must decide. Two strs or two ints (dict keys,
/// mostly) are compared inline.
#[inline(always)]
pub fn simple_eq(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(std::rc::Rc::ptr_eq(x, y) || x.as_str() == y.as_str()),
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        _ => simple_eq_any(a, b, 0),
    }
}

/// Tuples nested deeper than this are left to `Interpreter::eq`, which counts
/// recursion levels (no native recursion without a bound).
const SIMPLE_EQ_DEPTH: u32 = 16;

/// [`simple_eq`] of every kind of value, `depth` tuples down.
#[inline(never)]
fn simple_eq_any(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    use Value::*;
    if a.is(b) {
        return Some(!matches!(a, Float(f) if f.is_nan()));
    }
    Some(match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x == y,
        (Str(x), Str(y)) => x.as_str() == y.as_str(),
        (None, None) => true,
        (Bool(x), Bool(y)) => x == y,
        (Int(_) | Bool(_) | BigInt(_) | Float(_), Int(_) | Bool(_) | BigInt(_) | Float(_)) => {
            num_cmp(a, b)? == Ordering::Equal
        }
        (Bytes(x), Bytes(y)) => x == y,
        (Tuple(x), Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            if depth >= SIMPLE_EQ_DEPTH {
                return Option::None;
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !simple_eq_any(p, q, depth + 1)? {
                    return Some(false);
                }
            }
            true
        }
        (Instance(_), _) | (_, Instance(_)) | (DictView(_), _) | (_, DictView(_)) => return Option::None,
        (List(_), List(_)) | (Dict(_), Dict(_)) | (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
            return Option::None;
        }
        (Method(x), Method(y)) => x.receiver.is(&y.receiver) && x.func.is(&y.func),
        (Range(x), Range(y)) => x.same_values(y),
        _ => false,
    })
}

/// Compares two numbers exactly (ints and floats mixed); `None` for NaN.
pub fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Float(_), _) | (_, Value::Float(_)) => {
            let (x, y) = (as_f64(a)?, as_f64(b)?);
            if x.is_nan() || y.is_nan() {
                return None;
            }
            match (as_bigint(a), as_bigint(b)) {
                (Some(i), None) => Some(int_float_cmp(&i, y)),
                (None, Some(j)) => Some(int_float_cmp(&j, x).reverse()),
                _ => x.partial_cmp(&y),
            }
        }
        _ => Some(as_bigint(a)?.cmp(&as_bigint(b)?)),
    }
}

/// An int compared with a float, exactly (the int is never rounded to a float: ints
/// beyond the float range are still below infinity).
fn int_float_cmp(i: &BigInt, f: f64) -> Ordering {
    if f.is_infinite() {
        return if f > 0.0 { Ordering::Less } else { Ordering::Greater };
    }
    let floor = f.floor();
    match i.cmp(&big_from_f64(floor)) {
        Ordering::Equal if f != floor => Ordering::Less,
        o => o,
    }
}

fn big_from_f64(f: f64) -> BigInt {
    num_traits::FromPrimitive::from_f64(f).unwrap_or_default()
}

impl Interpreter {
    /// `a == b`.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = simple_eq(a, b) {
            return Ok(r);
        }
        match (a, b) {
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.items.borrow().clone(), y.items.borrow().clone());
                self.nested(IN_COMPARISON, |i| i.seq_eq(&x, &y))
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                self.nested(IN_COMPARISON, |i| i.seq_eq(&x, &y))
            }
            (Value::Dict(x), Value::Dict(y)) => self.nested(IN_COMPARISON, |i| i.dict_eq(x, y)),
            (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) => {
                let items: Vec<Value> = x.table.borrow().iter().cloned().collect();
                if items.len() != y.table.borrow().len() {
                    return Ok(false);
                }
                for k in items {
                    if !self.set_contains(y, &k)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Value::DictView(_), _) | (_, Value::DictView(_)) if let Some(r) = self.view_eq(a, b)? => Ok(r),
            _ => {
                let r = self.rich_compare(CmpOp::Eq, a, b)?;
                match r {
                    Some(v) => self.truthy(&v),
                    None => Ok(a.is(b)),
                }
            }
        }
    }

    fn dict_eq(&mut self, x: &PyDict, y: &PyDict) -> PyResult<bool> {
        let entries: Vec<(Value, Value)> = x.table.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
        if entries.len() != y.table.borrow().len() {
            return Ok(false);
        }
        for (k, v) in entries {
            match self.dict_get(y, &k)? {
                Some(other) if self.eq(&v, &other)? => {}
                _ => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Runs a step of a recursive operation on nested containers one recursion
    /// level deeper, as CPython's `Py_EnterRecursiveCall(where)` does: past the
    /// limit, `RecursionError: maximum recursion depth exceeded{where}`.
    pub fn nested<R>(&mut self, place: &str, f: impl FnOnce(&mut Interpreter) -> PyResult<R>) -> PyResult<R> {
        if self.depth >= self.recursion_limit {
            return Err(PyErr::new(ExcKind::RecursionError, format!("maximum recursion depth exceeded{place}")));
        }
        self.depth += 1;
        let r = self.with_stack(f);
        self.depth -= 1;
        r
    }

    /// Runs `f` with room on the native stack (moving to a fresh segment when
    /// little is left), for native recursion over nested values.
    pub fn with_stack<R>(&mut self, f: impl FnOnce(&mut Interpreter) -> R) -> R {
        stacker::maybe_grow(super::call::STACK_RED_ZONE, super::call::STACK_SEGMENT, || f(self))
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y) {
            if !self.eq(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Calls `a.__op__(b)` then the reflected `b.__rop__(a)`; `None` when both decline.
    fn rich_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        let (name, reflected) = match op {
            CmpOp::Eq => ("__eq__", "__eq__"),
            CmpOp::NotEq => ("__ne__", "__ne__"),
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::LtE => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::GtE => ("__ge__", "__le__"),
            _ => return Ok(None),
        };
        // A right operand of a proper subclass of the left's class goes first
        // (CPython's `do_richcompare`).
        let right_first = matches!((a, b), (Value::Instance(x), Value::Instance(y))
            if !Rc::ptr_eq(&x.class, &y.class) && y.class.is_subclass(&x.class));
        let mut order = [(a, b, name), (b, a, reflected)];
        if right_first {
            order.swap(0, 1);
        }
        for (recv, other, n) in order {
            if let Value::Instance(inst) = recv {
                let sym = self.intern(n);
                // A builtin base's own method: its values are compared below.
                if let Some(m) = inst.class.lookup(sym)
                    && !(inst.base().is_some() && matches!(m, Value::Native(_)))
                {
                    let r = self.call(m, vec![recv.clone(), other.clone()], &[])?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(Some(r));
                    }
                }
            }
        }
        match Self::base_operands(a, b) {
            // Values without an order (`D() < D()` for dicts) leave the error to
            // the caller, which names the subclasses.
            Some((x, y)) if matches!(op, CmpOp::Eq | CmpOp::NotEq) || orderable(&x, &y) => {
                self.compare(op, &x, &y).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// `a op b` for comparison operators.
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let (Value::Int(x), Value::Int(y)) = (a, b)
            && let Some(r) = super::eval::int_compare(op, *x, *y)
        {
            return Ok(Value::Bool(r));
        }
        self.compare_slow(op, a, b)
    }

    fn compare_slow(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        match op {
            CmpOp::Is => Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => Ok(Value::Bool(!a.is(b))),
            CmpOp::In => Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => Ok(Value::Bool(!self.contains(b, a)?)),
            // Both operands declined: `==` falls back to identity, as `object.__eq__`
            // does (asking them again would call their `__eq__` twice).
            CmpOp::Eq if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) => {
                Ok(self.rich_compare(op, a, b)?.unwrap_or(Value::Bool(a.is(b))))
            }
            CmpOp::Eq => Ok(Value::Bool(self.eq(a, b)?)),
            CmpOp::NotEq => {
                if (matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)))
                    && let Some(r) = self.rich_compare(op, a, b)?
                {
                    return Ok(r);
                }
                Ok(Value::Bool(!self.eq(a, b)?))
            }
            // A user's `__lt__` (and friends) may return anything: its result is
            // the comparison's value, not its truth.
            _ if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) => {
                match self.rich_compare(op, a, b)? {
                    Some(r) => Ok(r),
                    None => Err(self.order_error(op, a, b)),
                }
            }
            _ => self.order(op, a, b).map(Value::Bool),
        }
    }

    /// `'<' not supported between instances of ...`.
    fn order_error(&self, op: CmpOp, a: &Value, b: &Value) -> PyErr {
        let sym = match op {
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            _ => ">=",
        };
        PyErr::type_error(format!(
            "'{sym}' not supported between instances of '{}' and '{}'",
            self.type_name(a),
            self.type_name(b)
        ))
    }

    /// `<`, `<=`, `>`, `>=`.
    fn order(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        let ordering = match (a, b) {
            (Value::Str(x), Value::Str(y)) => Some(x.as_str().cmp(y.as_str())),
            (Value::Bytes(x), Value::Bytes(y)) => Some(x.cmp(y)),
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.items.borrow().clone(), y.items.borrow().clone());
                return self.nested(IN_COMPARISON, |i| i.seq_order(op, &x, &y));
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                return self.nested(IN_COMPARISON, |i| i.seq_order(op, &x, &y));
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                return self.set_order(op, a, b);
            }
            _ if is_number(a) && is_number(b) => match num_cmp(a, b) {
                Some(o) => Some(o),
                None => return Ok(false),
            },
            _ => None,
        };
        if let Some(o) = ordering {
            return Ok(match op {
                CmpOp::Lt => o == Ordering::Less,
                CmpOp::LtE => o != Ordering::Greater,
                CmpOp::Gt => o == Ordering::Greater,
                _ => o != Ordering::Less,
            });
        }
        if let Some(r) = self.rich_compare(op, a, b)? {
            return self.truthy(&r);
        }
        Err(self.order_error(op, a, b))
    }

    /// Lexicographic ordering of sequences.
    fn seq_order(&mut self, op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<bool> {
        for (p, q) in x.iter().zip(y) {
            if !self.eq(p, q)? {
                return self.order(op, p, q);
            }
        }
        let o = x.len().cmp(&y.len());
        Ok(match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::LtE => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        })
    }

    /// `x < y` as used by `sorted`, `min` and `max`.
    pub fn less_than(&mut self, x: &Value, y: &Value) -> PyResult<bool> {
        if let (Value::Int(a), Value::Int(b)) = (x, y) {
            return Ok(a < b);
        }
        self.order(CmpOp::Lt, x, y)
    }

    /// Python's truth value, with bools, ints and `None` decided inline.
    #[inline(always)]
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::Int(i) => Ok(*i != 0),
            Value::None => Ok(false),
            _ => self.truthy_slow(v),
        }
    }

    /// [`Interpreter::truthy`] for the other types.
    #[inline(never)]
    fn truthy_slow(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::None | Value::Unbound => false,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::BigInt(_) => true,
            Value::Str(s) => !s.as_str().is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.items.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.table.borrow().is_empty(),
            Value::Set(s) | Value::FrozenSet(s) => !s.table.borrow().is_empty(),
            Value::DictView(v) => !v.dict.table.borrow().is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Instance(inst) => {
                let (bool_sym, len_sym) = (self.syms.bool, self.syms.len);
                if let Some(base) = self.base_for(inst, bool_sym)
                    && self.base_for(inst, len_sym).is_some()
                {
                    return self.truthy(&base);
                }
                if let Some(m) = inst.class.lookup(bool_sym) {
                    match self.call(m, vec![v.clone()], &[])? {
                        Value::Bool(b) => b,
                        other => {
                            let t = self.type_name(&other);
                            return Err(PyErr::type_error(format!("__bool__ should return bool, returned {t}")));
                        }
                    }
                } else if inst.class.lookup(len_sym).is_some() {
                    self.len(v)? != 0
                } else {
                    true
                }
            }
            _ => true,
        })
    }

    /// `hash(v)`. Strings (with their cached hash) and ints, the usual dict keys, are
    /// answered inline; the rest go through [`Self::hash_slow`].
    #[inline(always)]
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Str(s) => Ok(s.hash_with(|t| crate::hashing::hash::hash_str(t, (0, 0)))),
            Value::Int(i) => Ok(crate::hashing::hash::hash_i64(*i)),
            _ => self.hash_slow(v),
        }
    }

    /// [`Self::hash`] of every kind of value.
    #[inline(never)]
    fn hash_slow(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Int(i) => crate::hashing::hash::hash_i64(*i),
            Value::Bool(b) => i64::from(*b),
            Value::BigInt(b) => crate::hashing::hash::hash_bigint(b),
            Value::Float(f) => crate::hashing::hash::hash_f64(*f),
            Value::Str(s) => s.hash_with(|t| crate::hashing::hash::hash_str(t, (0, 0))),
            Value::Bytes(b) => crate::hashing::hash::hash_bytes(b, (0, 0)),
            Value::None => 0x5f3759df,
            Value::Tuple(items) => {
                let mut hashes = Vec::with_capacity(items.len());
                for item in items.iter() {
                    // CPython does not limit this recursion: nested tuples hash at
                    // any depth, on more native stack when needed.
                    hashes.push(match item {
                        Value::Tuple(_) => self.with_stack(|i| i.hash(item))?,
                        _ => self.hash(item)?,
                    });
                }
                crate::hashing::hash::hash_tuple(&hashes)
            }
            Value::FrozenSet(s) => s.table.borrow().frozenset_hash(),
            Value::Range(r) => {
                let r = r.clone();
                self.range_hash(&r)?
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) | Value::DictView(_) => {
                return Err(PyErr::type_error(format!("unhashable type: '{}'", self.type_name(v))));
            }
            Value::Instance(inst) if inst.class.identity_hash.get() == 1 => identity_hash(v),
            Value::Instance(inst) => {
                let (hash_sym, eq_sym) = (self.syms.hash, self.syms.eq);
                match self.base_for(inst, hash_sym) {
                    Some(Value::List(_) | Value::Dict(_) | Value::Set(_)) => {
                        return Err(PyErr::type_error(format!("unhashable type: '{}'", inst.class.name)));
                    }
                    Some(base) => return self.hash(&base),
                    None => {}
                }
                match inst.class.lookup(hash_sym) {
                    Some(Value::None) => {
                        return Err(PyErr::type_error(format!("unhashable type: '{}'", inst.class.name)));
                    }
                    // A `__hash__` result that fits is the hash itself (CPython's
                    // `slot_tp_hash`): only -1 is changed, to -2.
                    Some(m) => match self.call(m, vec![v.clone()], &[])? {
                        Value::Int(-1) => -2,
                        Value::Int(i) => i,
                        Value::BigInt(b) => crate::hashing::hash::hash_bigint(&b),
                        Value::Bool(b) => i64::from(b),
                        _ => return Err(PyErr::type_error("__hash__ method should return an integer")),
                    },
                    None if inst.class.dict.borrow().contains_key(&eq_sym) => {
                        return Err(PyErr::type_error(format!("unhashable type: '{}'", inst.class.name)));
                    }
                    None => {
                        inst.class.identity_hash.set(1);
                        identity_hash(v)
                    }
                }
            }
            _ => identity_hash(v),
        })
    }
}

/// Whether `<` between these values is the builtin ordering of [`Interpreter::order`]
/// (or may be defined by an instance's class).
fn orderable(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Instance(_), _) | (_, Instance(_)) => true,
        (Str(_), Str(_)) | (Bytes(_), Bytes(_)) | (List(_), List(_)) | (Tuple(_), Tuple(_)) => true,
        (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => true,
        _ => is_number(a) && is_number(b),
    }
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::BigInt(_))
}

/// The default hash of objects without `__hash__`: derived from the address.
pub fn identity_hash(v: &Value) -> i64 {
    v.heap_ptr().map_or(0, |p| (p >> 4) as i64)
}

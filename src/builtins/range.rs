//! `range()`, its attributes and methods (`start`, `stop`, `step`, `index`, `count`),
//! and the range operations that leave the `i64` fast path: big bounds, big
//! indices, slices, `in`, `reversed()` and hashing.

use super::functions::arity;
use super::native;
use super::types::add_method;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::runtime::iter::PyIter;
use crate::runtime::ops::as_bigint;
use crate::value::{BigRange, Descriptor, PyRange, PySlice, Value};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, One, Signed, Zero};
use std::rc::Rc;

type Getter = fn(&mut Interpreter, &[Value], &[(Symbol, Value)]) -> PyResult<Value>;

/// `range(stop)`, `range(start, stop[, step])`.
pub fn range_new(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let args = &args[1..];
    if args.is_empty() {
        return Err(PyErr::type_error("range expected at least 1 argument, got 0"));
    }
    arity("range", args, 1, 3)?;
    if let Some(r) = small_range(args) {
        return r;
    }
    let mut n = [BigInt::zero(), BigInt::zero(), BigInt::one()];
    for (slot, v) in n.iter_mut().zip(args) {
        *slot = big_int_arg(interp, v)?;
    }
    let [a, b, c] = n;
    let (start, stop, step) = match args.len() {
        1 => (BigInt::zero(), a, BigInt::one()),
        2 => (a, b, BigInt::one()),
        _ => (a, b, c),
    };
    if step.is_zero() {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(PyRange::new(start, stop, step))))
}

/// The common case without big ints: plain `i64` arguments (no allocation).
fn small_range(args: &[Value]) -> Option<PyResult<Value>> {
    let (start, stop, step) = small_bounds(args)?;
    if step == 0 {
        return Some(Err(PyErr::value_error("range() arg 3 must not be zero")));
    }
    Some(Ok(Value::Range(Rc::new(PyRange::small(start, stop, step)))))
}

/// `range()`'s arguments as `(start, stop, step)` when they are all ints or bools
/// that fit an `i64` (the step may be 0: the caller reports it).
pub fn small_bounds(args: &[Value]) -> Option<(i64, i64, i64)> {
    let int = |v: &Value| match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    };
    match args {
        [stop] => Some((0, int(stop)?, 1)),
        [start, stop] => Some((int(start)?, int(stop)?, 1)),
        [start, stop, step] => Some((int(start)?, int(stop)?, int(step)?)),
        _ => None,
    }
}

/// An integer argument of any size (`__index__` accepted).
fn big_int_arg(interp: &mut Interpreter, v: &Value) -> PyResult<BigInt> {
    if let Some(i) = interp.index_value(v)? {
        return big_int_arg(interp, &i);
    }
    as_bigint(v).ok_or_else(|| {
        PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", interp.type_name(v)))
    })
}

/// A slice component: `None`, or an int of any size (`__index__` accepted).
fn slice_arg(interp: &mut Interpreter, v: &Value) -> PyResult<Option<BigInt>> {
    if matches!(v, Value::None) {
        return Ok(None);
    }
    if let Some(i) = interp.index_value(v)? {
        return Ok(as_bigint(&i));
    }
    match as_bigint(v) {
        Some(b) => Ok(Some(b)),
        None => Err(PyErr::type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

/// Clamps one slice bound, CPython's `_PySlice_GetLongIndices`.
fn clamp(v: Option<BigInt>, default: &BigInt, low: &BigInt, high: &BigInt, len: &BigInt) -> BigInt {
    match v {
        None => default.clone(),
        Some(i) if i.is_negative() => (i + len).max(low.clone()),
        Some(i) => i.min(high.clone()),
    }
}

/// A slice's `(start, stop, step)` for a sequence of `len` items, in big ints
/// (CPython's `_PySlice_GetLongIndices`, behind `slice.indices` and range slicing).
pub fn long_indices(interp: &mut Interpreter, s: &PySlice, len: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
    let step = slice_arg(interp, &s.step)?.unwrap_or_else(BigInt::one);
    if step.is_zero() {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let (start_arg, stop_arg) = (slice_arg(interp, &s.start)?, slice_arg(interp, &s.stop)?);
    let (low, high) = if step.is_positive() { (BigInt::zero(), len.clone()) } else { (-BigInt::one(), len - 1) };
    let (first, last) = if step.is_positive() { (&low, &high) } else { (&high, &low) };
    let start = clamp(start_arg, first, &low, &high, len);
    let stop = clamp(stop_arg, last, &low, &high, len);
    Ok((start, stop, step))
}

/// `slice.indices(length)`.
fn slice_indices(interp: &mut Interpreter, args: &[Value], _: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    let (Some(Value::Slice(s)), [length]) = (args.first(), args.get(1..).unwrap_or_default()) else {
        let n = args.len().saturating_sub(1);
        return Err(PyErr::type_error(format!("slice.indices() takes exactly one argument ({n} given)")));
    };
    let len = super::functions::big_arg(interp, length)?;
    if len.is_negative() {
        return Err(PyErr::value_error("length should not be negative"));
    }
    let (start, stop, step) = long_indices(interp, s, &len)?;
    Ok(Value::tuple(vec![Value::from_bigint(start), Value::from_bigint(stop), Value::from_bigint(step)]))
}

/// `r[slice]`: another range.
fn range_slice(interp: &mut Interpreter, r: &PyRange, s: &PySlice) -> PyResult<Value> {
    let (start, stop, step) = long_indices(interp, s, &r.len_big())?;
    let (r_start, _, r_step) = r.bounds();
    let new = PyRange::new(&r_start + start * &r_step, &r_start + stop * &r_step, step * r_step);
    Ok(Value::Range(Rc::new(new)))
}

impl Interpreter {
    /// `r[index]` off the fast path: big ranges, big indices, slices.
    pub fn range_getitem(&mut self, r: &PyRange, index: &Value) -> PyResult<Value> {
        if let Value::Slice(s) = index {
            return range_slice(self, r, s);
        }
        let Some(i) = as_bigint(index) else {
            let t = self.type_name(index);
            return Err(PyErr::type_error(format!("range indices must be integers or slices, not {t}")));
        };
        r.item(&i).ok_or_else(|| PyErr::index_error("range object index out of range".to_string()))
    }

    /// `x in r` off the fast path: big ranges, big ints, floats equal to an int.
    pub fn range_contains(&mut self, r: &PyRange, item: &Value) -> PyResult<bool> {
        Ok(range_position(r, item).is_some())
    }

    /// `hash(r)`: CPython's hash of `(len, start, step)` with the unused parts `None`.
    pub fn range_hash(&mut self, r: &PyRange) -> PyResult<i64> {
        let len = r.len_big();
        let (start, _, step) = r.bounds();
        let (start, step) = match () {
            _ if len.is_zero() => (Value::None, Value::None),
            _ if len.is_one() => (Value::from_bigint(start), Value::None),
            _ => (Value::from_bigint(start), Value::from_bigint(step)),
        };
        self.hash(&Value::tuple(vec![Value::from_bigint(len), start, step]))
    }
}

/// The iterator of `iter(r)` or (`reversed`) of `reversed(r)`.
pub fn range_iter(r: &PyRange, reversed: bool) -> PyIter {
    if reversed {
        if r.big.is_none()
            && let Some(stop) = r.start.checked_sub(r.step)
            && let Some(step) = r.step.checked_neg()
            && let Some(last) = r.nth_small(r.len().unwrap_or(0) - 1)
        {
            return PyIter::Range { next: last, stop, step };
        }
        return range_iter(&r.reversed(), false);
    }
    match &r.big {
        None => PyIter::Range { next: r.start, stop: r.stop, step: r.step },
        Some(b) => {
            PyIter::BigRange(Box::new(BigRange { start: b.start.clone(), stop: b.stop.clone(), step: b.step.clone() }))
        }
    }
}

/// One step of a big range iterator.
pub fn big_range_next(b: &mut BigRange) -> Option<Value> {
    let more = if b.step.is_positive() { b.start < b.stop } else { b.start > b.stop };
    if !more {
        return None;
    }
    let v = Value::from_bigint(b.start.clone());
    b.start += &b.step;
    Some(v)
}

/// Registers the attributes and methods of `range`.
pub fn install(interp: &mut Interpreter) {
    let range = interp.types.range.clone();
    let range_props: &[(&str, Getter)] = &[
        ("start", |_, a, _| range_of(a).map(|r| Value::from_bigint(r.bounds().0))),
        ("stop", |_, a, _| range_of(a).map(|r| Value::from_bigint(r.bounds().1))),
        ("step", |_, a, _| range_of(a).map(|r| Value::from_bigint(r.bounds().2))),
    ];
    for (name, f) in range_props {
        let prop = Descriptor::Property { get: native(name, *f), set: Value::None, del: Value::None, doc: Value::None };
        add_method(interp, &range, name, Value::Descriptor(Rc::new(prop)));
    }
    let index = native("index", |i, a, _| {
        arity("range.index", a.get(1..).unwrap_or_default(), 1, 1)?;
        let r = range_of(a)?;
        match range_position(&r, &a[1]) {
            Some(n) => Ok(Value::from_bigint(n)),
            None if matches!(a[1], Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
                Err(PyErr::value_error(format!("{} is not in range", i.repr(&a[1])?)))
            }
            None => Err(PyErr::value_error("sequence.index(x): x not in sequence")),
        }
    });
    add_method(interp, &range, "index", index);
    let count = native("count", |_, a, _| {
        arity("count", a.get(1..).unwrap_or_default(), 1, 1)?;
        let r = range_of(a)?;
        Ok(Value::Int(i64::from(range_position(&r, &a[1]).is_some())))
    });
    add_method(interp, &range, "count", count);
    let slice = interp.types.slice.clone();
    add_method(interp, &slice, "indices", native("indices", slice_indices));
    let parts: [(&str, super::num_attrs::Getter); 3] = [
        ("start", |_, a, _| slice_part(a, |s| &s.start)),
        ("stop", |_, a, _| slice_part(a, |s| &s.stop)),
        ("step", |_, a, _| slice_part(a, |s| &s.step)),
    ];
    for (name, getter) in parts {
        super::num_attrs::add_property(interp, &slice, name, getter);
    }
}

/// `slice.start`, `.stop` or `.step`.
fn slice_part(a: &[Value], part: fn(&PySlice) -> &Value) -> PyResult<Value> {
    match a.first() {
        Some(Value::Slice(s)) => Ok(part(s).clone()),
        _ => Err(PyErr::type_error("descriptor requires a 'slice' object")),
    }
}

/// The receiver as a range.
fn range_of(a: &[Value]) -> PyResult<Rc<PyRange>> {
    match a.first() {
        Some(Value::Range(r)) => Ok(r.clone()),
        _ => Err(PyErr::type_error("descriptor requires a 'range' object")),
    }
}

/// The position of `x` in the range, if it is an element (ints, and floats equal to one).
fn range_position(r: &PyRange, x: &Value) -> Option<BigInt> {
    let i = match x {
        Value::Float(f) if f.fract() == 0.0 => BigInt::from_f64(*f)?,
        _ => as_bigint(x)?,
    };
    r.position(&i)
}

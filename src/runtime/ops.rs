//! Arithmetic and bitwise operators: fast paths for `i64` and `f64`, big integers on
//! overflow, sequence concatenation/repetition, then the dunder protocol with
//! reflected operands.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use crate::interpreter::Interpreter;
use crate::syntax::ast::{BinOp, UnaryOp};
use crate::value::{PyStr, Value};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

/// An int operand viewed as a big integer (bools are ints).
pub fn as_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(i64::from(*b))),
        Value::BigInt(b) => Some((**b).clone()),
        Value::Instance(i) => i.base().and_then(as_bigint),
        _ => None,
    }
}

/// A numeric operand as a float (ints convert; `None` for non-numbers).
pub fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::BigInt(b) => Some(b.to_f64().unwrap_or(f64::INFINITY)),
        // A subclass of int or float.
        Value::Instance(i) => i.base().and_then(as_f64),
        _ => None,
    }
}

/// The dunder names of a binary operator: normal, reflected, in-place.
fn dunders(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mult => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
    }
}

impl Interpreter {
    /// `a op b`.
    pub fn binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let (Value::Int(x), Value::Int(y)) = (a, b)
            && let Some(v) = int_fast(op, *x, *y)
        {
            return v;
        }
        if let (Value::Float(x), Value::Float(y)) = (a, b) {
            return float_op(op, *x, *y);
        }
        if let Some(v) = self.builtin_binary(op, a, b)? {
            return Ok(v);
        }
        self.dunder_binary(op, a, b)
    }

    /// `a op= b`: in-place dunder first, lists extend in place.
    pub fn inplace(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        match (op, a) {
            (BinOp::Add, Value::List(l)) => {
                self.extend_list(l, b.clone())?;
                return Ok(a.clone());
            }
            (_, Value::Instance(inst)) => {
                let sym = self.intern(dunders(op).2);
                if let Some(base) = self.base_for(inst, sym) {
                    if self.base_inplace(op, &base, b)? {
                        return Ok(a.clone());
                    }
                } else if let Some(method) = inst.class.lookup(sym) {
                    let r = self.call(method, vec![a.clone(), b.clone()], &[])?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            (BinOp::Mult, Value::List(l)) => {
                // `l *= n` repeats the list in place (aliases see it).
                if let Value::List(r) = self.binary(op, a, b)? {
                    let items = std::mem::take(&mut *r.items.borrow_mut());
                    *l.items.borrow_mut() = items;
                }
                return Ok(a.clone());
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(set))
                if matches!(b, Value::Set(_) | Value::FrozenSet(_)) =>
            {
                if let Value::Set(r) = self.binary(op, a, b)? {
                    let table = std::mem::take(&mut *r.table.borrow_mut());
                    *set.table.borrow_mut() = table;
                }
                return Ok(a.clone());
            }
            (BinOp::BitOr, Value::Dict(d)) => {
                // `d |= other` is `d.update(other)`: any mapping or iterable of pairs.
                self.dict_update(d, b.clone())?;
                return Ok(a.clone());
            }
            _ => {}
        }
        match self.binary(op, a, b) {
            Ok(v) => Ok(v),
            Err(e) => Err(self.inplace_error(op, a, b, e)),
        }
    }

    /// Operators between builtin values (mixed numbers, big ints, sequences).
    fn builtin_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        let is_int = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_));
        let is_num = |v: &Value| is_int(v) || matches!(v, Value::Float(_));
        if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
            match op {
                BinOp::BitAnd => return Ok(Some(Value::Bool(x & y))),
                BinOp::BitOr => return Ok(Some(Value::Bool(x | y))),
                BinOp::BitXor => return Ok(Some(Value::Bool(x ^ y))),
                _ => {}
            }
        }
        if is_int(a)
            && is_int(b)
            && let (Some(x), Some(y)) = (as_bigint(a), as_bigint(b))
        {
            return big_op(op, &x, &y).map(Some);
        }
        if is_num(a)
            && is_num(b)
            && !matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift)
            && let (Some(x), Some(y)) = (as_f64(a), as_f64(b))
        {
            if (x.is_infinite() && matches!(a, Value::BigInt(_))) || (y.is_infinite() && matches!(b, Value::BigInt(_)))
            {
                return Err(PyErr::overflow("int too large to convert to float"));
            }
            return float_op(op, x, y).map(Some);
        }
        Ok(match (op, a, b) {
            // An empty operand gives the other one back, as CPython's concatenation does.
            (BinOp::Add, Value::Str(x), Value::Str(y)) if x.as_str().is_empty() => Some(Value::Str(y.clone())),
            (BinOp::Add, Value::Str(x), Value::Str(y)) if y.as_str().is_empty() => Some(Value::Str(x.clone())),
            (BinOp::Add, Value::Str(x), Value::Str(y)) => Some(Value::Str(Rc::new(PyStr::concat(x, y)))),
            (BinOp::Add, Value::List(x), Value::List(y)) => {
                let mut v = x.items.borrow().clone();
                v.extend(y.items.borrow().iter().cloned());
                Some(Value::list(v))
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                Some(Value::tuple(x.iter().chain(y.iter()).cloned().collect()))
            }
            (BinOp::Add, Value::Bytes(x), Value::Bytes(y)) => {
                Some(Value::Bytes(Rc::new(x.iter().chain(y.iter()).copied().collect())))
            }
            (BinOp::Mult, seq, n) | (BinOp::Mult, n, seq) if is_int(n) && is_sequence(seq) => {
                Some(self.repeat(seq, n)?)
            }
            (BinOp::Mod, Value::Str(fmt), args) => Some(Value::string(self.percent_format(fmt.as_str(), args)?)),
            (
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                Value::Set(_) | Value::FrozenSet(_),
                Value::Set(_) | Value::FrozenSet(_),
            ) => Some(self.set_operator(op, a, b)?),
            (_, Value::DictView(_), _) | (_, _, Value::DictView(_)) => self.view_binary(op, a, b)?,
            (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
                let d = Rc::new(crate::value::PyDict::new(x.table.borrow().clone()));
                self.dict_update(&d, Value::Dict(y.clone()))?;
                Some(Value::Dict(d))
            }
            _ => None,
        })
    }

    /// `seq * n`.
    fn repeat(&mut self, seq: &Value, n: &Value) -> PyResult<Value> {
        let n = match as_bigint(n).and_then(|b| b.to_i64()) {
            Some(n) => n.max(0) as usize,
            None => return Err(PyErr::overflow("cannot fit 'int' into an index-sized integer")),
        };
        let len = match seq {
            Value::Str(s) => s.char_len(),
            Value::List(l) => l.items.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Bytes(b) => b.len(),
            _ => 0,
        };
        // CPython's errors: a length past `sys.maxsize` overflows for str and bytes
        // and is out of memory for lists and tuples; pyish also refuses results of
        // more than 2**28 items (see README).
        match len.checked_mul(n).filter(|&t| t <= isize::MAX as usize) {
            None if matches!(seq, Value::Str(_)) => return Err(PyErr::overflow("repeated string is too long")),
            None if matches!(seq, Value::Bytes(_)) => return Err(PyErr::overflow("repeated bytes are too long")),
            Some(total) if total <= 1 << 28 => {}
            _ => return Err(PyErr::new(super::ExcKind::MemoryError, "")),
        }
        Ok(match seq {
            Value::Str(s) => Value::string(s.as_str().repeat(n)),
            Value::List(l) => {
                let items = l.items.borrow();
                Value::list(items.iter().cloned().cycle().take(items.len() * n).collect())
            }
            Value::Tuple(t) => Value::tuple(t.iter().cloned().cycle().take(t.len() * n).collect()),
            Value::Bytes(b) => Value::Bytes(Rc::new(b.repeat(n))),
            _ => return Err(PyErr::new(super::ExcKind::MemoryError, "")),
        })
    }

    /// The dunder protocol: `a.__op__(b)`, then `b.__rop__(a)` (not for operands of
    /// the same class). When `b`'s class is a subclass of `a`'s that overrides the
    /// reflected method, `b.__rop__(a)` goes first, as in CPython.
    fn dunder_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        let (name, rname, _) = dunders(op);
        let a_class = self.class_of(a);
        let b_class = self.class_of(b);
        let sym = self.intern(name);
        let rsym = self.intern(rname);
        // A builtin base's own methods are left out: the base values are combined
        // below, once the Python-level methods have declined.
        let own =
            |v: &Value, m: Option<Value>| m.filter(|m| !(v.builtin_base().is_some() && matches!(m, Value::Native(_))));
        let forward = if matches!(a, Value::Instance(_)) { own(a, a_class.lookup(sym)) } else { None };
        let reflected = if matches!(b, Value::Instance(_)) && !Rc::ptr_eq(&a_class, &b_class) {
            own(b, b_class.lookup(rsym))
        } else {
            None
        };
        let reflected_first = reflected
            .as_ref()
            .is_some_and(|r| b_class.is_subclass(&a_class) && !a_class.lookup(rsym).is_some_and(|own| own.is(r)));
        let mut calls = [(forward, a, b), (reflected, b, a)];
        if reflected_first {
            calls.swap(0, 1);
        }
        for (method, recv, other) in calls {
            if let Some(method) = method {
                let r = self.call(method, vec![recv.clone(), other.clone()], &[])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(v) = self.base_binary(op, a, b)? {
            return Ok(v);
        }
        if let Some(message) = sequence_type_error(op, a, b, &a_class.name, &b_class.name) {
            return Err(PyErr::type_error(message));
        }
        let symbol = if op == BinOp::Pow { "** or pow()" } else { op.symbol() };
        Err(PyErr::type_error(format!(
            "unsupported operand type(s) for {symbol}: '{}' and '{}'",
            a_class.name, b_class.name
        )))
    }

    /// Unary `-`, `+`, `~` on numbers and instances.
    pub fn unary_number(&mut self, op: UnaryOp, v: &Value) -> PyResult<Value> {
        match (op, v) {
            (UnaryOp::USub, Value::Int(i)) => {
                Ok(i.checked_neg().map_or_else(|| Value::from_bigint(-BigInt::from(*i)), Value::Int))
            }
            (UnaryOp::USub, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnaryOp::USub, Value::Bool(b)) => Ok(Value::Int(-i64::from(*b))),
            (UnaryOp::USub, Value::BigInt(b)) => Ok(Value::from_bigint(-(**b).clone())),
            (UnaryOp::UAdd, Value::Int(_) | Value::Float(_) | Value::BigInt(_)) => Ok(v.clone()),
            (UnaryOp::UAdd, Value::Bool(b)) => Ok(Value::Int(i64::from(*b))),
            (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!i64::from(*b))),
            (UnaryOp::Invert, Value::BigInt(b)) => Ok(Value::from_bigint(-(**b).clone() - 1)),
            (_, Value::Instance(inst)) => {
                let name = match op {
                    UnaryOp::USub => "__neg__",
                    UnaryOp::UAdd => "__pos__",
                    _ => "__invert__",
                };
                let sym = self.intern(name);
                if let Some(base) = self.base_for(inst, sym) {
                    return self.unary_number(op, &base);
                }
                match inst.class.lookup(sym) {
                    Some(m) => self.call(m, vec![v.clone()], &[]),
                    None => Err(bad_unary(op, &inst.class.name)),
                }
            }
            _ => Err(bad_unary(op, &self.type_name(v))),
        }
    }
}

/// CPython's messages for `"a" + 1`, `[1] + (2,)` and `"a" * 2.5`.
fn sequence_type_error(op: BinOp, a: &Value, b: &Value, a_name: &str, b_name: &str) -> Option<String> {
    match (op, a, b) {
        (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_), _) => {
            let what = if matches!(a, Value::Bytes(_)) { "bytes" } else { a_name };
            Some(if matches!(a, Value::Bytes(_)) {
                format!("can't concat {b_name} to bytes")
            } else {
                format!("can only concatenate {what} (not \"{b_name}\") to {what}")
            })
        }
        (BinOp::Mult, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_), _)
            if !matches!(b, Value::Instance(_)) =>
        {
            Some(format!("can't multiply sequence by non-int of type '{b_name}'"))
        }
        (BinOp::Mult, _, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_))
            if !matches!(a, Value::Instance(_)) =>
        {
            Some(format!("can't multiply sequence by non-int of type '{a_name}'"))
        }
        _ => None,
    }
}

fn bad_unary(op: UnaryOp, t: &str) -> PyErr {
    let sym = match op {
        UnaryOp::USub => "-",
        UnaryOp::UAdd => "+",
        UnaryOp::Invert => "~",
        UnaryOp::Not => "not",
    };
    PyErr::type_error(format!("bad operand type for unary {sym}: '{t}'"))
}

fn is_sequence(v: &Value) -> bool {
    matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_))
}

/// The common `i64` operations the evaluator inlines; `None` means "take the
/// general path" (overflow, division by zero, shifts, powers, true division).
#[inline(always)]
pub fn int_binop(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mult => x.checked_mul(y),
        BinOp::Mod if y > 0 && x >= 0 => Some(x % y),
        BinOp::FloorDiv if y > 0 && x >= 0 => Some(x / y),
        BinOp::BitAnd => Some(x & y),
        BinOp::BitOr => Some(x | y),
        BinOp::BitXor => Some(x ^ y),
        // An arithmetic shift floors as Python's does; past 63 bits only the sign is left.
        BinOp::RShift if y >= 0 => Some(x >> y.min(63)),
        BinOp::LShift if (0..64).contains(&y) && (x << y) >> y == x => Some(x << y),
        _ => None,
    }
}

/// `i64` arithmetic; `None` when the result needs a big integer or a float path.
fn int_fast(op: BinOp, x: i64, y: i64) -> Option<PyResult<Value>> {
    let v = match op {
        BinOp::Add => x.checked_add(y)?,
        BinOp::Sub => x.checked_sub(y)?,
        BinOp::Mult => x.checked_mul(y)?,
        BinOp::FloorDiv => {
            if y == 0 {
                return Some(Err(PyErr::zero_division("integer division or modulo by zero")));
            }
            x.checked_div_euclid(y).map(|_| Integer::div_floor(&x, &y))?
        }
        BinOp::Mod => {
            if y == 0 {
                return Some(Err(PyErr::zero_division("integer modulo by zero")));
            }
            x.checked_rem(y).map(|_| x.mod_floor(&y))?
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::LShift if (0..63).contains(&y) => {
            let r = x.checked_shl(y as u32)?;
            if r >> y != x {
                return None;
            }
            r
        }
        BinOp::RShift if y >= 0 => x >> y.min(63),
        BinOp::Pow if (0..64).contains(&y) => x.checked_pow(y as u32)?,
        _ => return None,
    };
    Some(Ok(Value::Int(v)))
}

/// Big-integer arithmetic (also true division and negative powers, which give floats).
fn big_op(op: BinOp, x: &BigInt, y: &BigInt) -> PyResult<Value> {
    let zero_div = || PyErr::zero_division("integer division or modulo by zero");
    Ok(Value::from_bigint(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => x * y,
        BinOp::FloorDiv if y.is_zero() => return Err(zero_div()),
        BinOp::FloorDiv => x.div_floor(y),
        BinOp::Mod if y.is_zero() => return Err(PyErr::zero_division("integer modulo by zero")),
        BinOp::Mod => x.mod_floor(y),
        BinOp::Div => {
            if y.is_zero() {
                return Err(PyErr::zero_division("division by zero"));
            }
            return Ok(Value::Float(true_divide(x, y)?));
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::LShift | BinOp::RShift if y.is_negative() => return Err(PyErr::value_error("negative shift count")),
        BinOp::LShift => return big_lshift(x, y),
        BinOp::RShift => match y.to_u32() {
            Some(n) => x >> n,
            None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
        },
        BinOp::Pow => return big_pow(x, y),
        BinOp::MatMult => return Err(PyErr::type_error("unsupported operand type(s) for @: 'int' and 'int'")),
    }))
}

/// `x << y` (`y` not negative) with CPython's errors: `OverflowError` when the
/// result's size in 30-bit digits cannot be represented, `MemoryError` past what
/// pyish allocates for one int (2**31 bits; CPython tries, and fails past memory).
fn big_lshift(x: &BigInt, y: &BigInt) -> PyResult<Value> {
    if x.is_zero() {
        return Ok(Value::Int(0));
    }
    // CPython's MAX_LONG_DIGITS: (PY_SSIZE_T_MAX - the header's 24 bytes) / 4.
    const MAX_DIGITS: u128 = (i64::MAX as u128 - 24) / 4;
    let too_many = || PyErr::overflow("too many digits in integer");
    let shift = y.to_u128().ok_or_else(too_many)?;
    let words = shift / 30;
    if words > i64::MAX as u128 {
        return Err(too_many());
    }
    let digits = u128::from(x.bits()).div_ceil(30) + words + u128::from(shift % 30 != 0);
    if digits > MAX_DIGITS {
        return Err(too_many());
    }
    if u128::from(x.bits()) + shift > 1 << 31 {
        return Err(PyErr::new(super::ExcKind::MemoryError, ""));
    }
    Ok(Value::from_bigint(x << shift as usize))
}

/// `x / y` for ints, correctly rounded as CPython's: the quotient is computed to 55
/// bits with a sticky bit for the remainder, so converting it to a float rounds
/// once, exactly (dividing two rounded floats would not, and gives nan for ints
/// beyond the float range).
fn true_divide(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64())
        && a.unsigned_abs() < (1 << 53)
        && b.unsigned_abs() < (1 << 53)
    {
        return Ok(a as f64 / b as f64);
    }
    let negative = x.is_negative() != y.is_negative();
    let (a, b) = (x.magnitude(), y.magnitude());
    if a.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let shift = b.bits() as i64 - a.bits() as i64 + 55;
    let (num, den) = if shift >= 0 { (a << shift as u64, b.clone()) } else { (a.clone(), b << shift.unsigned_abs()) };
    let (q, r) = num.div_rem(&den);
    let q = q.to_u64().unwrap_or(u64::MAX) | u64::from(!r.is_zero());
    // The quotient has 55 or 56 bits, so the result's binary exponent is about
    // 55 - shift.
    let exponent = 64 - i64::from(q.leading_zeros()) - shift;
    if exponent > 1024 {
        return Err(PyErr::overflow("integer division result too large for a float"));
    }
    let magnitude = if exponent < -1080 { 0.0 } else { scale_by_power_of_two(q as f64, -shift) };
    Ok(if negative { -magnitude } else { magnitude })
}

/// `f * 2**n`, in steps that neither overflow nor underflow on the way.
pub(crate) fn scale_by_power_of_two(mut f: f64, mut n: i64) -> f64 {
    while n > 1000 {
        f *= 2f64.powi(1000);
        n -= 1000;
    }
    while n < -1000 {
        f *= 2f64.powi(-1000);
        n += 1000;
    }
    f * 2f64.powi(n as i32)
}

/// `x ** y` for ints: exact for non-negative exponents, a float otherwise.
fn big_pow(x: &BigInt, y: &BigInt) -> PyResult<Value> {
    if y.is_negative() {
        let base = x.to_f64().unwrap_or(f64::INFINITY);
        if base == 0.0 {
            return Err(PyErr::zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::Float(base.powf(y.to_f64().unwrap_or(f64::NEG_INFINITY))));
    }
    if x.magnitude() <= &1u32.into() {
        // 0, 1 and -1 to any power: no need to look at more than the parity.
        let odd = y.is_odd();
        return Ok(Value::Int(match x.to_i64() {
            Some(0) if y.is_zero() => 1,
            Some(-1) if !odd => 1,
            Some(b) => b,
            None => 0,
        }));
    }
    // Past 2**31 bits pyish refuses the result (CPython tries, and runs out of
    // memory or time).
    match y.to_u32().filter(|&e| u64::from(e) * x.bits() <= 1 << 31) {
        Some(e) => Ok(Value::from_bigint(num_traits::pow::Pow::pow(x, e))),
        None => Err(PyErr::new(super::ExcKind::MemoryError, "")),
    }
}

/// Float arithmetic with Python's errors.
fn float_op(op: BinOp, x: f64, y: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => x * y,
        BinOp::Div if y == 0.0 => return Err(PyErr::zero_division("float division by zero")),
        BinOp::Div => x / y,
        BinOp::FloorDiv if y == 0.0 => return Err(PyErr::zero_division("float floor division by zero")),
        BinOp::FloorDiv => float_divmod(x, y).0,
        BinOp::Mod if y == 0.0 => return Err(PyErr::zero_division("float modulo")),
        BinOp::Mod => float_divmod(x, y).1,
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(PyErr::zero_division("0.0 cannot be raised to a negative power"));
            }
            let r = x.powf(y);
            if r.is_nan() && !x.is_nan() && !y.is_nan() {
                return Err(PyErr::value_error("math domain error"));
            }
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(PyErr::overflow("(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )));
        }
    }))
}

/// Python's float `divmod` (floor division and a modulo with the divisor's sign).
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut d = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            d -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let q = if d != 0.0 {
        let f = d.floor();
        if d - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(x / y)
    };
    (q, m)
}

impl Interpreter {
    /// An in-place operator's `TypeError` names the augmented operator (`+=`), as
    /// CPython's does, where the binary one's names the plain operator.
    fn inplace_error(&self, op: BinOp, a: &Value, b: &Value, err: PyErr) -> PyErr {
        let crate::runtime::exception::ErrKind::Lazy(ExcKind::TypeError, message) = err.kind() else { return err };
        let is_sequence = |v: &Value| matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_));
        let unsupported = message.starts_with("unsupported operand type(s) for ")
            || (message.starts_with("can't multiply sequence") && !is_sequence(a));
        if !unsupported {
            return err;
        }
        let (x, y) = (self.type_name(a), self.type_name(b));
        PyErr::type_error(format!("unsupported operand type(s) for {}=: '{x}' and '{y}'", op.symbol()))
    }
}

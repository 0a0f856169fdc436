//! The integer functions of `math`: `gcd`, `lcm`, `factorial`, `comb`, `perm`,
//! `isqrt` and `prod`.

use super::{Body, add_fns, bind};
use crate::builtins::functions::{arity, no_kwargs};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::runtime::ops::as_bigint;
use crate::syntax::ast::BinOp;
use crate::value::{Module, Value};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::rc::Rc;

/// Adds the integer functions to the `math` module.
pub fn install(interp: &mut Interpreter, m: &Rc<Module>) {
    let fns: &[(&str, Body)] = &[
        ("gcd", gcd),
        ("lcm", lcm),
        ("factorial", factorial),
        ("comb", comb),
        ("perm", perm),
        ("isqrt", isqrt),
        ("prod", prod),
    ];
    add_fns(interp, m, fns);
}

/// An int argument (`TypeError` for floats and other types).
fn int(interp: &Interpreter, v: &Value) -> PyResult<BigInt> {
    as_bigint(v).ok_or_else(|| {
        PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", interp.type_name(v)))
    })
}

fn gcd(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("gcd", kwargs)?;
    let mut acc = BigInt::zero();
    for a in args {
        acc = acc.gcd(&int(interp, a)?);
    }
    Ok(Value::from_bigint(acc))
}

fn lcm(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("lcm", kwargs)?;
    let mut acc = BigInt::one();
    for a in args {
        let x = int(interp, a)?;
        acc = if acc.is_zero() || x.is_zero() { BigInt::zero() } else { acc.lcm(&x) };
    }
    Ok(Value::from_bigint(acc))
}

/// The product of the integers in `lo..=hi` (balanced, for speed on big inputs).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        return (lo..=hi).fold(BigInt::one(), |acc, k| acc * k);
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid + 1, hi)
}

fn factorial(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("factorial", kwargs)?;
    if args.len() != 1 {
        let n = args.len();
        return Err(PyErr::type_error(format!("math.factorial() takes exactly one argument ({n} given)")));
    }
    let n = int(interp, &args[0])?;
    if n.is_negative() {
        return Err(PyErr::value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|n| *n <= i64::MAX as u64) else {
        return Err(PyErr::overflow("factorial() argument should not exceed 9223372036854775807"));
    };
    Ok(Value::from_bigint(range_product(1, n)))
}

/// Non-negative `n` and `k` for `comb`/`perm`.
fn n_k(interp: &Interpreter, n: &Value, k: &Value) -> PyResult<Option<(BigInt, u64)>> {
    let (n, k) = (int(interp, n)?, int(interp, k)?);
    if n.is_negative() {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(None);
    }
    match k.to_u64() {
        Some(k) => Ok(Some((n, k))),
        None => Err(PyErr::overflow(format!("min(n - k, k) must not exceed {}", i64::MAX))),
    }
}

fn comb(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("comb", kwargs)?;
    arity("comb", args, 2, 2)?;
    let Some((n, k)) = n_k(interp, &args[0], &args[1])? else { return Ok(Value::Int(0)) };
    let k = match (&n - BigInt::from(k)).to_u64() {
        Some(other) if other < k => other,
        _ => k,
    };
    let mut acc = BigInt::one();
    for i in 0..k {
        acc = acc * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(acc))
}

fn perm(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("perm", kwargs)?;
    arity("perm", args, 1, 2)?;
    let k = match args.get(1) {
        None | Some(Value::None) => args[0].clone(),
        Some(k) => k.clone(),
    };
    let Some((n, k)) = n_k(interp, &args[0], &k)? else { return Ok(Value::Int(0)) };
    if let Some(small) = n.to_u64() {
        return Ok(Value::from_bigint(range_product(small - k + 1, small)));
    }
    let mut acc = BigInt::one();
    for i in 0..k {
        acc *= &n - i;
    }
    Ok(Value::from_bigint(acc))
}

fn isqrt(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("isqrt", kwargs)?;
    arity("isqrt", args, 1, 1)?;
    let n = int(interp, &args[0])?;
    if n.is_negative() {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

fn prod(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if args.len() != 1 {
        let n = args.len();
        return Err(PyErr::type_error(format!("prod() takes exactly 1 positional argument ({n} given)")));
    }
    let bound = bind(interp, "prod", &[], kwargs, &["start"], 0)?;
    let mut acc = bound.into_iter().next().flatten().unwrap_or(Value::Int(1));
    for item in interp.collect(args[0].clone())? {
        acc = interp.binary(BinOp::Mult, &acc, &item)?;
    }
    Ok(acc)
}

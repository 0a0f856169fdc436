//! The `math` module: constants and float functions with CPython's domain and range
//! errors; the integer functions live in `math_int.rs`.

use super::{Body, add_fns, bind, float_arg, set};
use crate::builtins::functions::{arity, no_kwargs};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// Builds the `math` module.
pub fn load(interp: &mut Interpreter) -> PyResult<Value> {
    let m = interp.new_module("math");
    for (name, value) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        set(interp, &m, name, Value::Float(value));
    }
    let fns: &[(&str, Body)] = &[
        ("sqrt", |i, a, k| unary(i, "sqrt", a, k, f64::sqrt, false)),
        ("exp", |i, a, k| unary(i, "exp", a, k, f64::exp, true)),
        ("expm1", |i, a, k| unary(i, "expm1", a, k, f64::exp_m1, true)),
        ("fabs", |i, a, k| unary(i, "fabs", a, k, f64::abs, false)),
        ("sin", |i, a, k| unary(i, "sin", a, k, f64::sin, false)),
        ("cos", |i, a, k| unary(i, "cos", a, k, f64::cos, false)),
        ("tan", |i, a, k| unary(i, "tan", a, k, f64::tan, false)),
        ("asin", |i, a, k| unary(i, "asin", a, k, f64::asin, false)),
        ("acos", |i, a, k| unary(i, "acos", a, k, f64::acos, false)),
        ("atan", |i, a, k| unary(i, "atan", a, k, f64::atan, false)),
        ("sinh", |i, a, k| unary(i, "sinh", a, k, f64::sinh, true)),
        ("cosh", |i, a, k| unary(i, "cosh", a, k, f64::cosh, true)),
        ("tanh", |i, a, k| unary(i, "tanh", a, k, f64::tanh, false)),
        ("asinh", |i, a, k| unary(i, "asinh", a, k, f64::asinh, false)),
        ("acosh", |i, a, k| unary(i, "acosh", a, k, f64::acosh, false)),
        ("atanh", |i, a, k| unary(i, "atanh", a, k, f64::atanh, false)),
        ("log1p", |i, a, k| unary(i, "log1p", a, k, f64::ln_1p, false)),
        ("degrees", |i, a, k| plain(i, "degrees", a, k, f64::to_degrees)),
        ("radians", |i, a, k| plain(i, "radians", a, k, f64::to_radians)),
        ("floor", |i, a, k| rounding(i, "floor", a, k, f64::floor)),
        ("ceil", |i, a, k| rounding(i, "ceil", a, k, f64::ceil)),
        ("trunc", |i, a, k| rounding(i, "trunc", a, k, f64::trunc)),
        ("isnan", |i, a, k| predicate(i, "isnan", a, k, f64::is_nan)),
        ("isinf", |i, a, k| predicate(i, "isinf", a, k, f64::is_infinite)),
        ("isfinite", |i, a, k| predicate(i, "isfinite", a, k, f64::is_finite)),
        ("log", log),
        ("log2", |i, a, k| log_n(i, "log2", a, k, f64::log2)),
        ("log10", |i, a, k| log_n(i, "log10", a, k, f64::log10)),
        ("pow", pow),
        ("atan2", |i, a, k| binary(i, "atan2", a, k, f64::atan2)),
        ("copysign", |i, a, k| binary(i, "copysign", a, k, f64::copysign)),
        ("fmod", fmod),
        ("hypot", hypot),
        ("isclose", isclose),
        ("modf", modf),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("fsum", fsum),
    ];
    add_fns(interp, &m, fns);
    super::math_int::install(interp, &m);
    Ok(Value::Module(m))
}

fn one(name: &str, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<()> {
    no_kwargs(name, kwargs)?;
    if args.len() == 1 {
        Ok(())
    } else {
        Err(PyErr::type_error(format!("math.{name}() takes exactly one argument ({} given)", args.len())))
    }
}

fn two(name: &str, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<()> {
    no_kwargs(name, kwargs)?;
    if args.len() == 2 {
        return Ok(());
    }
    let n = args.len();
    let (what, s) = if n < 2 { ("at least", "s") } else { ("at most", "s") };
    Err(PyErr::type_error(format!("{name} expected {what} 2 argument{s}, got {n}")))
}

fn domain() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range() -> PyErr {
    PyErr::overflow("math range error")
}

/// Checks a libm result like CPython's `math_1`: NaN from a non-NaN is a domain error,
/// an infinity from a finite input a range (or domain) error.
fn checked(x: f64, r: f64, can_overflow: bool) -> PyResult<f64> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(r)
}

fn unary(
    interp: &mut Interpreter,
    name: &str,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    one(name, args, kwargs)?;
    let x = float_arg(interp, &args[0])?;
    Ok(Value::Float(checked(x, f(x), can_overflow)?))
}

fn plain(
    interp: &mut Interpreter,
    name: &str,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    one(name, args, kwargs)?;
    Ok(Value::Float(f(float_arg(interp, &args[0])?)))
}

fn predicate(
    interp: &mut Interpreter,
    name: &str,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    f: fn(f64) -> bool,
) -> PyResult<Value> {
    one(name, args, kwargs)?;
    Ok(Value::Bool(f(float_arg(interp, &args[0])?)))
}

fn binary(
    interp: &mut Interpreter,
    name: &str,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    f: fn(f64, f64) -> f64,
) -> PyResult<Value> {
    two(name, args, kwargs)?;
    let (x, y) = (float_arg(interp, &args[0])?, float_arg(interp, &args[1])?);
    Ok(Value::Float(f(x, y)))
}

/// `floor`/`ceil`/`trunc`: ints pass through, floats become ints.
fn rounding(
    interp: &mut Interpreter,
    name: &str,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    one(name, args, kwargs)?;
    match &args[0] {
        Value::Int(i) => Ok(Value::Int(*i)),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::BigInt(b) => Ok(Value::BigInt(b.clone())),
        Value::Float(x) => float_to_int(f(*x)),
        other if name == "trunc" => {
            let t = interp.type_name(other);
            Err(PyErr::type_error(format!("type {t} doesn't define __trunc__ method")))
        }
        other => float_to_int(f(float_arg(interp, other)?)),
    }
}

/// An integral float as an int (`ValueError`/`OverflowError` for NaN and infinities).
pub fn float_to_int(x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyErr::overflow("cannot convert float infinity to integer"));
    }
    if x.abs() < 9.0e18 {
        return Ok(Value::Int(x as i64));
    }
    let big: Option<BigInt> = num_traits::FromPrimitive::from_f64(x);
    Ok(big.map_or(Value::None, Value::from_bigint))
}

/// `f(x)` for a positive real or int `x`, big ints included (via their bit length).
fn log_of(interp: &mut Interpreter, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Value::BigInt(b) = v {
        if !b.is_positive() {
            return Err(domain());
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        let shift = b.bits().saturating_sub(60);
        let top: BigInt = &**b >> shift;
        let m = top.to_f64().unwrap_or(1.0);
        return Ok(f(m) + shift as f64 * f(2.0));
    }
    let x = float_arg(interp, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(f(x))
}

fn log(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("log", kwargs)?;
    arity("log", args, 1, 2)?;
    let num = log_of(interp, &args[0], f64::ln)?;
    let Some(base) = args.get(1) else { return Ok(Value::Float(num)) };
    let den = log_of(interp, base, f64::ln)?;
    if den == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn log_n(
    interp: &mut Interpreter,
    name: &str,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    one(name, args, kwargs)?;
    Ok(Value::Float(log_of(interp, &args[0], f)?))
}

fn pow(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    two("pow", args, kwargs)?;
    let (x, y) = (float_arg(interp, &args[0])?, float_arg(interp, &args[1])?);
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() {
            return Err(domain());
        }
        if r.is_infinite() {
            return Err(if x == 0.0 { domain() } else { range() });
        }
    }
    Ok(Value::Float(r))
}

fn fmod(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    two("fmod", args, kwargs)?;
    let (x, y) = (float_arg(interp, &args[0])?, float_arg(interp, &args[1])?);
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    Ok(Value::Float(r))
}

fn hypot(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("hypot", kwargs)?;
    let mut xs = Vec::with_capacity(args.len());
    for a in args {
        xs.push(float_arg(interp, a)?.abs());
    }
    if xs.iter().any(|x| x.is_infinite()) {
        return Ok(Value::Float(f64::INFINITY));
    }
    if xs.iter().any(|x| x.is_nan()) {
        return Ok(Value::Float(f64::NAN));
    }
    let r = match xs.as_slice() {
        [] => 0.0,
        [x] => *x,
        [x, y] => x.hypot(*y),
        _ => {
            let max = xs.iter().cloned().fold(0.0, f64::max);
            if max == 0.0 { 0.0 } else { max * xs.iter().map(|x| (x / max) * (x / max)).sum::<f64>().sqrt() }
        }
    };
    Ok(Value::Float(r))
}

fn isclose(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if args.len() > 2 {
        let n = args.len();
        return Err(PyErr::type_error(format!("isclose() takes exactly 2 positional arguments ({n} given)")));
    }
    let bound = bind(interp, "isclose", args, kwargs, &["a", "b", "rel_tol", "abs_tol"], 2)?;
    let mut vals = [0.0, 0.0, 1e-9, 0.0];
    for (slot, v) in vals.iter_mut().zip(&bound) {
        if let Some(v) = v {
            *slot = float_arg(interp, v)?;
        }
    }
    let [a, b, rel_tol, abs_tol] = vals;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol))
}

fn modf(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    one("modf", args, kwargs)?;
    let x = float_arg(interp, &args[0])?;
    let (frac, int) = if x.is_infinite() { (0.0f64.copysign(x), x) } else { (x.fract(), x.trunc()) };
    Ok(Value::tuple(vec![Value::Float(frac), Value::Float(int)]))
}

/// `frexp(x)`: mantissa in [0.5, 1) and exponent.
pub fn split_float(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adjust) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(64), -64) } else { (x, 0) };
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1022;
    let mantissa = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (mantissa, exponent + adjust)
}

fn frexp(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    one("frexp", args, kwargs)?;
    let (m, e) = split_float(float_arg(interp, &args[0])?);
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e)]))
}

fn ldexp(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    two("ldexp", args, kwargs)?;
    let x = float_arg(interp, &args[0])?;
    let e = match &args[1] {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(*b),
        Value::BigInt(b) => {
            if b.is_positive() {
                i64::MAX
            } else {
                i64::MIN
            }
        }
        other => {
            let t = interp.type_name(other);
            return Err(PyErr::type_error(format!("Expected an int as second argument to ldexp, not {t}")));
        }
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let e = e.clamp(-2200, 2200) as i32;
    // Scale in two steps so intermediate powers of two stay representable.
    let half = e / 2;
    let r = x * 2f64.powi(half) * 2f64.powi(e - half);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Value::Float(r))
}

/// `fsum(iterable)`: Shewchuk's exact summation with CPython's final rounding.
fn fsum(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    one("fsum", args, kwargs)?;
    let items = interp.collect(args[0].clone())?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special, mut inf_sum) = (0.0f64, 0.0f64);
    for item in &items {
        let mut x = float_arg(interp, item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(PyErr::overflow("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    Ok(Value::Float(round_partials(partials)))
}

fn round_partials(mut p: Vec<f64>) -> f64 {
    let Some(mut hi) = p.pop() else { return 0.0 };
    let mut lo = 0.0;
    while let Some(y) = p.pop() {
        let x = hi;
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    if let Some(&last) = p.last()
        && ((lo < 0.0 && last < 0.0) || (lo > 0.0 && last > 0.0))
    {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}

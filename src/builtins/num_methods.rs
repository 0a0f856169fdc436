//! Methods of `int` and `float` for exact conversions: `int.bit_count`,
//! `as_integer_ratio`, `float.hex` and `float.fromhex` (exact both ways: a float
//! is a 53-bit integer times a power of two).

use super::native;
use super::str_methods::{Arity, positional};
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::{Descriptor, Value};
use num_bigint::{BigInt, BigUint};
use num_traits::{One, ToPrimitive, Zero};
use std::rc::Rc;

type Kw = [(crate::intern::Symbol, Value)];

/// Registers the methods.
pub fn install(interp: &mut Interpreter) {
    let int = interp.types.int.clone();
    let bit_count = native("bit_count", |i, a, k| {
        let n = int_self(i, a, k, "bit_count")?;
        Ok(Value::Int(n.magnitude().count_ones() as i64))
    });
    add_method(interp, &int, "bit_count", bit_count);
    let int_ratio = native("as_integer_ratio", |i, a, k| {
        let n = int_self(i, a, k, "as_integer_ratio")?;
        Ok(Value::tuple(vec![Value::from_bigint(n), Value::Int(1)]))
    });
    add_method(interp, &int, "as_integer_ratio", int_ratio);
    let float = interp.types.float.clone();
    let ratio = native("as_integer_ratio", |i, a, k| {
        let (n, d) = float_ratio(float_self(i, a, k, "as_integer_ratio")?)?;
        Ok(Value::tuple(vec![Value::from_bigint(n), Value::from_bigint(d)]))
    });
    add_method(interp, &float, "as_integer_ratio", ratio);
    add_method(
        interp,
        &float,
        "hex",
        native("hex", |i, a, k| Ok(Value::string(float_hex(float_self(i, a, k, "hex")?)))),
    );
    let fromhex = native("fromhex", |_, a, _| match a.get(1) {
        Some(Value::Str(s)) if a.len() == 2 => from_hex(s.as_str()).map(Value::Float),
        Some(_) if a.len() == 2 => Err(PyErr::type_error("bad argument type for built-in operation")),
        _ => Err(PyErr::type_error(format!(
            "float.fromhex() takes exactly one argument ({} given)",
            a.len().saturating_sub(1)
        ))),
    });
    add_method(interp, &float, "fromhex", Value::Descriptor(Rc::new(Descriptor::ClassMethod(fromhex))));
}

/// The int receiver of an argument-less method.
fn int_self(i: &Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<BigInt> {
    positional("int", name, a.get(1..).unwrap_or_default(), k, Arity::Zero)?;
    match a.first() {
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            Ok(crate::runtime::ops::as_bigint(v).unwrap_or_default())
        }
        other => Err(descriptor_error(i, "int", name, other)),
    }
}

/// The float receiver of an argument-less method.
fn float_self(i: &Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<f64> {
    positional("float", name, a.get(1..).unwrap_or_default(), k, Arity::Zero)?;
    match a.first() {
        Some(Value::Float(f)) => Ok(*f),
        other => Err(descriptor_error(i, "float", name, other)),
    }
}

fn descriptor_error(i: &Interpreter, owner: &str, name: &str, got: Option<&Value>) -> PyErr {
    match got {
        Some(v) => PyErr::type_error(format!(
            "descriptor '{name}' for '{owner}' objects doesn't apply to a '{}' object",
            i.type_name(v)
        )),
        None => PyErr::type_error(format!("unbound method {owner}.{name}() needs an argument")),
    }
}

/// A finite float as `mantissa * 2**exponent` with a 53-bit mantissa.
fn decompose(f: f64) -> (u64, i64) {
    let bits = f.to_bits();
    let field = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if field == 0 { (fraction, -1074) } else { (fraction | 1 << 52, field - 1075) }
}

/// `float.as_integer_ratio()`: the exact value as a fraction in lowest terms.
fn float_ratio(f: f64) -> PyResult<(BigInt, BigInt)> {
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(PyErr::overflow("cannot convert Infinity to integer ratio"));
    }
    let (mut m, mut e) = decompose(f.abs());
    if m == 0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let zeros = m.trailing_zeros();
    m >>= zeros;
    e += i64::from(zeros);
    let sign = if f < 0.0 { -1 } else { 1 };
    let m = BigInt::from(m) * sign;
    Ok(if e >= 0 { (m << e as usize, BigInt::one()) } else { (m, BigInt::one() << (-e) as usize) })
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exponent>` (`0x0.` for subnormals).
fn float_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f.is_infinite() {
        return format!("{sign}inf");
    }
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let field = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (lead, exponent) = if field == 0 { (0, -1022) } else { (1, field - 1023) };
    format!("{sign}0x{lead}.{fraction:013x}p{exponent:+}")
}

/// `float.fromhex(text)`, rounded to nearest even as CPython's.
fn from_hex(text: &str) -> PyResult<f64> {
    let invalid = || PyErr::value_error("invalid hexadecimal floating-point string");
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let sign = if negative { -1.0 } else { 1.0 };
    match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => return Ok(sign * f64::INFINITY),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let body = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")).unwrap_or(body);
    let (number, exponent) = match body.find(['p', 'P']) {
        Some(p) => (&body[..p], Some(&body[p + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let all_hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    if whole.len() + fraction.len() == 0 || !all_hex(whole) || !all_hex(fraction) {
        return Err(invalid());
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => parse_exponent(e).ok_or_else(invalid)?,
    };
    let digits = format!("{whole}{fraction}");
    let mantissa = BigUint::parse_bytes(digits.as_bytes(), 16).unwrap_or_default();
    let value = scale(&mantissa, exponent.saturating_sub(4 * fraction.len() as i64))
        .ok_or_else(|| PyErr::overflow("hexadecimal value too large to represent as a float"))?;
    Ok(sign * value)
}

/// A decimal exponent with an optional sign, saturated far beyond the float range.
fn parse_exponent(e: &str) -> Option<i64> {
    let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits.trim_start_matches('0');
    let n: i64 = if magnitude.len() > 12 { 1 << 40 } else { magnitude.parse().unwrap_or(0) };
    Some(if e.starts_with('-') { -n } else { n })
}

/// `m * 2**e` rounded to the nearest float (ties to even), `None` past the range.
fn scale(m: &BigUint, e: i64) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let bits = m.bits() as i64;
    let top = bits - 1 + e;
    if top > 1023 {
        return None;
    }
    // Bits the result keeps: 53, fewer for subnormals (none below 2**-1075).
    let precision = if top >= -1022 { 53 } else { top + 1075 };
    if precision < 0 {
        return Some(0.0);
    }
    let shift = bits - precision;
    let (q, exp) = if shift > 0 {
        let q = m >> shift as usize;
        let rest = m - (&q << shift as usize);
        let half = BigUint::one() << (shift - 1) as usize;
        let odd = q.bit(0);
        let up = rest > half || (rest == half && odd);
        (q.to_u64().unwrap_or(0) + u64::from(up), e + shift)
    } else {
        ((m << (-shift) as usize).to_u64().unwrap_or(0), e + shift)
    };
    if q == 0 {
        return Some(0.0);
    }
    // Exact: `q` has at most 53 bits and the result is representable.
    let value = crate::runtime::ops::scale_by_power_of_two(q as f64, exp);
    value.is_finite().then_some(value)
}

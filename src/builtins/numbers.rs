//! Numeric builtins (`abs`, `round`, `divmod`, `pow`, `hex`/`oct`/`bin`), `format()`
//! and `%`-formatting.

use super::functions::{arity, big_arg, int_arg};
use super::native;
use crate::format::{FormatError, FormatErrorKind, FormatSpec};
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::runtime::ops::{as_f64, float_divmod};
use crate::syntax::ast::BinOp;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

mod percent;
pub use percent::percent_format;

fn format_error(e: FormatError, type_name: &str) -> PyErr {
    let e = e.with_type_name(type_name);
    let kind = match e.kind {
        FormatErrorKind::Value => ExcKind::ValueError,
        FormatErrorKind::Overflow => ExcKind::OverflowError,
        FormatErrorKind::Memory => ExcKind::MemoryError,
    };
    PyErr::new(kind, e.message())
}

/// `format(value, spec)` for builtin values.
pub fn format_value(interp: &mut Interpreter, v: &Value, spec: &str) -> PyResult<String> {
    let type_name = interp.type_name(v);
    let parsed = FormatSpec::parse(spec).map_err(|e| format_error(e, &type_name))?;
    let result = match v {
        Value::Int(i) => crate::format::format_i64(*i, &parsed),
        Value::Bool(b) if !spec.is_empty() => crate::format::format_i64(i64::from(*b), &parsed),
        Value::Bool(b) => crate::format::format_str(if *b { "True" } else { "False" }, &parsed),
        Value::BigInt(b) => crate::format::format_int(b, &parsed),
        Value::Float(f) => crate::format::format_float_spec(*f, &parsed),
        Value::Str(s) => crate::format::format_str(s.as_str(), &parsed),
        other => {
            let text = interp.to_str(other)?;
            if !spec.is_empty() {
                return Err(PyErr::type_error(format!("unsupported format string passed to {type_name}.__format__")));
            }
            return Ok(text);
        }
    };
    result.map_err(|e| format_error(e, &type_name))
}

/// Registers the numeric builtins.
pub fn install(interp: &mut Interpreter) {
    let fns: Vec<(&str, Value)> = vec![
        (
            "abs",
            native("abs", |i, a, _| {
                arity("abs", a, 1, 1)?;
                match &a[0] {
                    Value::Int(n) => {
                        Ok(n.checked_abs().map_or_else(|| Value::from_bigint(BigInt::from(*n).abs()), Value::Int))
                    }
                    Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
                    Value::BigInt(b) => Ok(Value::from_bigint(b.abs())),
                    Value::Float(f) => Ok(Value::Float(f.abs())),
                    other => {
                        let sym = i.intern("__abs__");
                        match i.class_of(other).lookup(sym) {
                            Some(m) => i.call(m, vec![other.clone()], &[]),
                            None => {
                                Err(PyErr::type_error(format!("bad operand type for abs(): '{}'", i.type_name(other))))
                            }
                        }
                    }
                }
            }),
        ),
        ("round", native("round", round)),
        (
            "divmod",
            native("divmod", |i, a, _| {
                arity("divmod", a, 2, 2)?;
                let number =
                    |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_));
                if !number(&a[0]) || !number(&a[1]) {
                    return divmod_dunder(i, &a[0], &a[1]);
                }
                if let (Value::Float(_), _) | (_, Value::Float(_)) = (&a[0], &a[1])
                    && let (Some(x), Some(y)) = (as_f64(&a[0]), as_f64(&a[1]))
                {
                    if y == 0.0 {
                        return Err(PyErr::zero_division("float divmod()"));
                    }
                    let (q, r) = float_divmod(x, y);
                    return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
                }
                let q = i.binary(BinOp::FloorDiv, &a[0], &a[1])?;
                let r = i.binary(BinOp::Mod, &a[0], &a[1])?;
                Ok(Value::tuple(vec![q, r]))
            }),
        ),
        (
            "pow",
            native("pow", |i, a, _| {
                super::functions::arity_named("pow", a, &["base", "exp"], 3)?;
                if let Some(m) = a.get(2).filter(|m| !matches!(m, Value::None)) {
                    pow3_types(i, [&a[0], &a[1], m])?;
                    let (b, e, m) = (big_arg(i, &a[0])?, big_arg(i, &a[1])?, big_arg(i, m)?);
                    if m.is_zero() {
                        return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
                    }
                    let (b, e) = if e.is_negative() {
                        let m_abs = m.abs();
                        let base = num_integer::Integer::mod_floor(&b, &m_abs);
                        let g = num_integer::Integer::extended_gcd(&base, &m_abs);
                        if g.gcd != BigInt::from(1) {
                            return Err(PyErr::value_error("base is not invertible for the given modulus"));
                        }
                        (num_integer::Integer::mod_floor(&g.x, &m_abs), -e)
                    } else {
                        (b, e)
                    };
                    let r = b.modpow(&e, &m);
                    let r = if r.is_negative() != m.is_negative() && !r.is_zero() { r + &m } else { r };
                    return Ok(Value::from_bigint(r));
                }
                i.binary(BinOp::Pow, &a[0], &a[1])
            }),
        ),
        ("hex", native("hex", |i, a, _| radix(i, a, "hex", 16, "0x"))),
        ("oct", native("oct", |i, a, _| radix(i, a, "oct", 8, "0o"))),
        ("bin", native("bin", |i, a, _| radix(i, a, "bin", 2, "0b"))),
        (
            "format",
            native("format", |i, a, _| {
                arity("format", a, 1, 2)?;
                let spec = match a.get(1) {
                    Some(Value::Str(s)) => s.as_str().to_owned(),
                    None => String::new(),
                    Some(other) => {
                        return Err(PyErr::type_error(format!(
                            "format() argument 2 must be str, not {}",
                            i.type_name(other)
                        )));
                    }
                };
                Ok(Value::string(i.format(&a[0], &spec)?))
            }),
        ),
    ];
    let builtins = interp.builtins.clone();
    for (name, value) in fns {
        let sym = interp.intern(name);
        builtins.globals.borrow_mut().set(sym, value);
    }
}

/// CPython's type errors of a three-argument `pow` (instances are left to
/// `__index__`).
fn pow3_types(i: &Interpreter, args: [&Value; 3]) -> PyResult<()> {
    let int = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_));
    if args.iter().all(|v| int(v)) || args.iter().any(|v| matches!(v, Value::Instance(_))) {
        return Ok(());
    }
    if args.iter().all(|v| int(v) || matches!(v, Value::Float(_))) {
        return Err(PyErr::type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    }
    let [x, y, z] = args.map(|v| i.type_name(v));
    Err(PyErr::type_error(format!("unsupported operand type(s) for ** or pow(): '{x}', '{y}', '{z}'")))
}

/// `divmod(a, b)` beyond numbers: `a.__divmod__(b)`, then `b.__rdivmod__(a)`.
fn divmod_dunder(i: &mut Interpreter, a: &Value, b: &Value) -> PyResult<Value> {
    for (recv, other, name) in [(a, b, "__divmod__"), (b, a, "__rdivmod__")] {
        if let Value::Instance(inst) = recv {
            let sym = i.intern(name);
            if let Some(m) = inst.class.lookup(sym) {
                let r = i.call(m, vec![recv.clone(), other.clone()], &[])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
    }
    let (x, y) = (i.type_name(a), i.type_name(b));
    Err(PyErr::type_error(format!("unsupported operand type(s) for divmod(): '{x}' and '{y}'")))
}

fn radix(interp: &mut Interpreter, args: &[Value], name: &str, base: u32, prefix: &str) -> PyResult<Value> {
    arity(name, args, 1, 1)?;
    let n = big_arg(interp, &args[0])?;
    let sign = if n.is_negative() { "-" } else { "" };
    Ok(Value::string(format!("{sign}{prefix}{}", n.abs().to_str_radix(base))))
}

fn round(interp: &mut Interpreter, args: &[Value], kwargs: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        // `round(x, ndigits=2)`, `round(number=x)`.
        let bound = crate::modules::bind(interp, "round", args, kwargs, &["number", "ndigits"], 1)?;
        let positional: Vec<Value> = bound.into_iter().map_while(|v| v).collect();
        return round(interp, &positional, &[]);
    }
    super::functions::arity_named("round", args, &["number"], 2)?;
    if !matches!(args[0], Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) {
        let sym = interp.intern("__round__");
        if interp.class_of(&args[0]).lookup(sym).is_none() {
            let t = interp.type_name(&args[0]);
            return Err(PyErr::type_error(format!("type {t} doesn't define __round__ method")));
        }
    }
    // Huge `ndigits` are clamped (CPython's float rounding clamps them; its int
    // rounding would compute 10**-ndigits, a number with as many digits).
    let ndigits = match args.get(1) {
        None | Some(Value::None) => None,
        Some(Value::BigInt(b)) => Some(if b.is_negative() { i64::MIN } else { i64::MAX }),
        Some(v) => Some(int_arg(interp, v)?),
    };
    match (&args[0], ndigits) {
        (Value::Float(f), None) => {
            if !f.is_finite() {
                let msg = if f.is_nan() {
                    "cannot convert float NaN to integer"
                } else {
                    "cannot convert float infinity to integer"
                };
                return Err(PyErr::new(if f.is_nan() { ExcKind::ValueError } else { ExcKind::OverflowError }, msg));
            }
            let r = f.round_ties_even();
            Ok(Value::from_bigint(num_traits::FromPrimitive::from_f64(r).unwrap_or_default()))
        }
        (Value::Float(f), Some(n)) => {
            if !f.is_finite() || n > 400 {
                return Ok(Value::Float(*f));
            }
            if n < -308 {
                return Ok(Value::Float(0.0 * f));
            }
            let text = crate::format::format_float(*f, 'f', n.max(0) as usize);
            let mut r: f64 = text.parse().unwrap_or(*f);
            if n < 0 {
                let p = 10f64.powi((-n) as i32);
                r = (f / p).round_ties_even() * p;
            }
            Ok(Value::Float(r))
        }
        (v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_)), None) => Ok(Value::from_bigint(big_arg(interp, v)?)),
        (v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_)), Some(n)) if n >= 0 => {
            Ok(Value::from_bigint(big_arg(interp, v)?))
        }
        (v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_)), Some(n)) => {
            let x = big_arg(interp, v)?;
            let digits = x.magnitude().bits() / 3 + 1;
            let Some(exponent) = n.checked_neg().and_then(|e| usize::try_from(e).ok()).filter(|&e| e as u64 <= digits)
            else {
                // 10**-ndigits exceeds 2*|x|: x rounds to 0.
                return Ok(Value::Int(0));
            };
            let p = num_traits::pow(BigInt::from(10), exponent);
            let (q, r) = num_integer::Integer::div_mod_floor(&x, &p);
            let twice = &r * 2;
            let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) { q + 1 } else { q };
            Ok(Value::from_bigint(q * p))
        }
        (other, _) => {
            let sym = interp.intern("__round__");
            match interp.class_of(other).lookup(sym) {
                Some(m) => {
                    let mut call_args = vec![other.clone()];
                    call_args.extend(args.get(1).cloned());
                    interp.call(m, call_args, &[])
                }
                None => {
                    Err(PyErr::type_error(format!("type {} doesn't define __round__ method", interp.type_name(other))))
                }
            }
        }
    }
}

/// The whitespace `int()` and `float()` strip: ASCII's six (CPython's `Py_ISSPACE`;
/// not the separators U+001C..U+001F, which `str.isspace` counts) and non-ASCII
/// Unicode whitespace, which CPython maps to spaces before parsing.
fn is_py_space(c: char) -> bool {
    if c.is_ascii() { matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r') } else { c.is_whitespace() }
}

/// Splits one optional leading sign off `t`: (negative, rest). Only one: `"--1"` keeps
/// its second `-`, which the digit check then rejects, as CPython does.
fn split_sign(t: &str) -> (bool, &str) {
    match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    }
}

/// `digits` without its underscores, if it is non-empty, made only of digits
/// (`is_digit`) and every underscore sits between two digits: CPython's rule for
/// the strings `int()` and `float()` accept, the same as for literals.
fn strip_underscores(digits: &str, is_digit: impl Fn(char) -> bool) -> Option<String> {
    let mut clean = String::with_capacity(digits.len());
    let mut after_digit = false;
    let mut chars = digits.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '_' {
            if !after_digit || !chars.peek().is_some_and(|&n| is_digit(n)) {
                return None;
            }
            after_digit = false;
        } else if is_digit(c) {
            clean.push(c);
            after_digit = true;
        } else {
            return None;
        }
    }
    (!clean.is_empty()).then_some(clean)
}

/// Parses `int(text, base)` like CPython's `PyLong_FromString`: surrounding
/// whitespace, one sign, a `0x`/`0o`/`0b` prefix matching the base (or choosing it,
/// for base 0, optionally followed by one `_`), underscores only between digits, and
/// for base 0 no leading zeros on a non-zero decimal (`int("010", 0)` is an error).
/// `Err(Some(n))`: a run of `n` digits, over CPython 3.11's limit of 4300 for bases
/// that are not powers of two; `Err(None)`: not a valid literal.
pub fn parse_int(text: &str, base: u32) -> Result<BigInt, Option<usize>> {
    parse_int_checked(text, base)?.ok_or(None)
}

/// [`parse_int`]: `Err(Some(n))` when the limit applies to the leading run of `n`
/// digits (checked, as CPython does, before what follows the run).
fn parse_int_checked(text: &str, base: u32) -> Result<Option<BigInt>, Option<usize>> {
    let (neg, t) = split_sign(text.trim_matches(is_py_space));
    let prefix_base = match t.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (radix, digits) = match prefix_base {
        Some(p) if base == 0 || base == p => (p, t[2..].strip_prefix('_').unwrap_or(&t[2..])),
        _ => (if base == 0 { 10 } else { base }, t),
    };
    if !radix.is_power_of_two() {
        let run_len = digits.find(|c: char| !(c == '_' || c.is_ascii() && c.is_digit(radix))).unwrap_or(digits.len());
        let run = &digits[..run_len];
        let count = run.bytes().filter(|&b| b != b'_').count();
        if count > 4300 && !run.contains("__") && !run.starts_with('_') && !run.ends_with('_') {
            return Err(Some(count));
        }
    }
    Ok(parse_int_unchecked(neg, radix, base, digits))
}

fn parse_int_unchecked(neg: bool, radix: u32, base: u32, digits: &str) -> Option<BigInt> {
    let clean = strip_underscores(digits, |c| c.is_ascii() && c.is_digit(radix))?;
    if base == 0 && radix == 10 && clean.starts_with('0') && clean.bytes().any(|b| b != b'0') {
        return None;
    }
    let n = BigInt::parse_bytes(clean.as_bytes(), radix)?;
    Some(if neg { -n } else { n })
}

/// Parses `float(text)` like CPython: surrounding whitespace, one sign, then
/// `inf`/`infinity`/`nan` in any case or `digits[.digits][e[sign]digits]` (either
/// side of the point may be empty, not both), with underscores only between digits.
pub fn parse_float(text: &str) -> Option<f64> {
    let (neg, body) = split_sign(text.trim_matches(is_py_space));
    let special = match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digit = |c: char| c.is_ascii_digit();
    let part = |p: &str| if p.is_empty() { Some(String::new()) } else { strip_underscores(p, digit) };
    let (whole, frac) = (part(whole)?, part(frac)?);
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let mut clean = format!("{}{whole}.{frac}", if neg { "-" } else { "" });
    if let Some(e) = exponent {
        let (eneg, e) = split_sign(e);
        clean.push_str(if eneg { "e-" } else { "e" });
        clean.push_str(&strip_underscores(e, digit)?);
    }
    clean.parse::<f64>().ok()
}

/// The float value of an int, or `OverflowError`.
pub fn int_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(PyErr::overflow("int too large to convert to float")),
    }
}

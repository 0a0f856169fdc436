//! Methods of `bytes` (searching, splitting, stripping, case, `hex`) and the small
//! numeric methods `int.bit_length` and `float.is_integer`.

mod ascii;

use super::functions::{int_arg, is_kind};
use super::native;
use super::str_methods::{Arity, Kw, Method, merge, positional};
use super::str_search::{adjust, slice_arg};
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::Value;
use std::rc::Rc;

/// The `bytes` receiver of a method and its other positional arguments.
pub(super) fn brecv<'a>(i: &Interpreter, a: &'a [Value], name: &str) -> PyResult<(&'a [u8], &'a [Value])> {
    match a.split_first() {
        Some((Value::Bytes(b), rest)) => Ok((b, rest)),
        Some((other, _)) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'bytes' objects doesn't apply to a '{}' object",
            i.type_name(other)
        ))),
        None => Err(PyErr::type_error(format!("unbound method bytes.{name}() needs an argument"))),
    }
}

/// `OverflowError` for a bytes object longer than CPython can represent (the size
/// plus the object's 33-byte header must fit `sys.maxsize`), else the size.
pub fn too_large(n: i64) -> PyResult<usize> {
    if n > i64::MAX - 33 { Err(PyErr::overflow("byte string is too large")) } else { Ok(n.max(0) as usize) }
}

/// Refuses a bytes result of `n` bytes: too large to represent, or (past 2**31
/// bytes) to allocate, where CPython's allocation fails too.
pub fn check_bytes_size(n: i64) -> PyResult<()> {
    if too_large(n)? > 1 << 31 { Err(PyErr::new(ExcKind::MemoryError, "")) } else { Ok(()) }
}

/// `bytes(n)`: n zero bytes, with CPython's errors for a negative or huge count.
pub fn zeroed(n: i64) -> PyResult<Vec<u8>> {
    if n < 0 {
        return Err(PyErr::value_error("negative count"));
    }
    check_bytes_size(n)?;
    Ok(vec![0; n as usize])
}

/// A bytes-like argument.
fn need_bytes<'a>(i: &Interpreter, v: &'a Value) -> PyResult<&'a [u8]> {
    match v.as_builtin() {
        Value::Bytes(b) => Ok(b),
        _ => Err(PyErr::type_error(format!("a bytes-like object is required, not '{}'", i.type_name(v)))),
    }
}

fn bytes_value(b: &[u8]) -> Value {
    Value::Bytes(Rc::new(b.to_vec()))
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn find_bytes(hay: &[u8], needle: &[u8], reverse: bool) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(if reverse { hay.len() } else { 0 });
    }
    let mut windows = hay.windows(needle.len());
    if reverse { windows.rposition(|w| w == needle) } else { windows.position(|w| w == needle) }
}

/// Splits on `sep` at most `max` times, from the right when `reverse`.
fn split_on<'a>(hay: &'a [u8], sep: &[u8], max: usize, reverse: bool) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = hay;
    while out.len() < max {
        let Some(p) = find_bytes(rest, sep, reverse) else { break };
        if reverse {
            out.push(&rest[p + sep.len()..]);
            rest = &rest[..p];
        } else {
            out.push(&rest[..p]);
            rest = &rest[p + sep.len()..];
        }
    }
    out.push(rest);
    if reverse {
        out.reverse();
    }
    out
}

fn split_ws(hay: &[u8], max: usize, reverse: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = hay;
    loop {
        rest = if reverse {
            &rest[..rest.len() - rest.iter().rev().take_while(|&&b| is_ws(b)).count()]
        } else {
            &rest[rest.iter().take_while(|&&b| is_ws(b)).count()..]
        };
        if rest.is_empty() {
            break;
        }
        if out.len() == max {
            out.push(rest);
            break;
        }
        let p = if reverse { rest.iter().rposition(|&b| is_ws(b)) } else { rest.iter().position(|&b| is_ws(b)) };
        match p {
            None => {
                out.push(rest);
                break;
            }
            Some(p) if reverse => {
                out.push(&rest[p + 1..]);
                rest = &rest[..p];
            }
            Some(p) => {
                out.push(&rest[..p]);
                rest = &rest[p..];
            }
        }
    }
    if reverse {
        out.reverse();
    }
    out
}

fn split(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, name)?;
    let args = merge(i, name, rest, k, &["sep", "maxsplit"])?;
    let max = match args.get(1).and_then(Option::as_ref) {
        Some(v) => int_arg(i, v)?,
        None => -1,
    };
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    let reverse = name == "rsplit";
    let parts = match args.first().and_then(Option::as_ref) {
        None | Some(Value::None) => split_ws(b, max, reverse),
        Some(sep) => {
            let sep = need_bytes(i, sep)?;
            if sep.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            split_on(b, sep, max, reverse)
        }
    };
    Ok(Value::list(parts.into_iter().map(bytes_value).collect()))
}

fn strip(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::Clinic(0, 1))?;
    let set: Option<&[u8]> = match rest.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(need_bytes(i, v)?),
    };
    let strip_it = |c: &u8| set.map_or_else(|| is_ws(*c), |s| s.contains(c));
    let start = if name == "rstrip" { 0 } else { b.iter().take_while(|c| strip_it(c)).count() };
    let end =
        if name == "lstrip" { b.len() } else { b.len() - b[start..].iter().rev().take_while(|c| strip_it(c)).count() };
    Ok(bytes_value(&b[start..end]))
}

/// The needle of `find`/`count`: bytes or a single byte value.
fn needle(i: &Interpreter, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Int(n) => match u8::try_from(*n) {
            Ok(b) => Ok(vec![b]),
            Err(_) => Err(PyErr::value_error("byte must be in range(0, 256)")),
        },
        other => Err(PyErr::type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            i.type_name(other)
        ))),
    }
}

/// The searched window `start..end` of `b`, or `None` when it cannot hold `len` bytes.
fn window<'a>(b: &'a [u8], rest: &[Value], len: usize) -> PyResult<Option<(usize, &'a [u8])>> {
    let (start, end) = adjust(slice_arg(rest.get(1))?, slice_arg(rest.get(2))?, b.len() as i64);
    if end - start < len as i64 {
        return Ok(None);
    }
    Ok(b.get(start as usize..end as usize).map(|w| (start as usize, w)))
}

fn find(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::Old(1, 3))?;
    let sub = needle(i, &rest[0])?;
    let found = window(b, rest, sub.len())?
        .and_then(|(start, w)| find_bytes(w, &sub, name.starts_with('r')).map(|p| p + start));
    match found {
        Some(p) => Ok(Value::Int(p as i64)),
        None if name.ends_with("index") => Err(PyErr::value_error("subsection not found")),
        None => Ok(Value::Int(-1)),
    }
}

fn count(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "count")?;
    positional("bytes", "count", rest, k, Arity::Old(1, 3))?;
    let sub = needle(i, &rest[0])?;
    let Some((_, mut w)) = window(b, rest, sub.len())? else { return Ok(Value::Int(0)) };
    if sub.is_empty() {
        return Ok(Value::Int(w.len() as i64 + 1));
    }
    let mut n = 0;
    while let Some(p) = find_bytes(w, &sub, false) {
        n += 1;
        w = &w[p + sub.len()..];
    }
    Ok(Value::Int(n))
}

fn affix(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::Old(1, 3))?;
    let (start, end) = adjust(slice_arg(rest.get(1))?, slice_arg(rest.get(2))?, b.len() as i64);
    let test = |sub: &[u8]| {
        if start.saturating_add(sub.len() as i64) > end {
            return false;
        }
        let w = b.get(start as usize..end as usize).unwrap_or_default();
        if name == "endswith" { w.ends_with(sub) } else { w.starts_with(sub) }
    };
    let bad = |v: &Value| {
        PyErr::type_error(format!("{name} first arg must be bytes or a tuple of bytes, not {}", i.type_name(v)))
    };
    match rest[0].as_builtin() {
        Value::Bytes(sub) => Ok(Value::Bool(test(sub))),
        Value::Tuple(items) => {
            for item in items.iter() {
                match item {
                    Value::Bytes(sub) if test(sub) => return Ok(Value::Bool(true)),
                    Value::Bytes(_) => {}
                    other => return Err(bad(other)),
                }
            }
            Ok(Value::Bool(false))
        }
        other => Err(bad(other)),
    }
}

fn replace(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "replace")?;
    positional("bytes", "replace", rest, k, Arity::Clinic(2, 3))?;
    let (old, new) = (need_bytes(i, &rest[0])?, need_bytes(i, &rest[1])?);
    let mut left = match rest.get(2) {
        Some(v) => usize::try_from(int_arg(i, v)?).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    let mut out = Vec::with_capacity(b.len());
    let mut pos = 0;
    while left > 0 {
        let Some(p) = find_bytes(&b[pos..], old, false) else { break };
        out.extend_from_slice(&b[pos..pos + p]);
        out.extend_from_slice(new);
        left -= 1;
        if old.is_empty() {
            let Some(&next) = b.get(pos + p) else {
                pos = b.len();
                break;
            };
            out.push(next);
            pos += p + 1;
        } else {
            pos += p + old.len();
        }
    }
    out.extend_from_slice(b.get(pos..).unwrap_or_default());
    Ok(Value::Bytes(Rc::new(out)))
}

fn join(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "join")?;
    positional("bytes", "join", rest, k, Arity::One)?;
    let items = match i.collect(rest[0].clone()) {
        Ok(items) => items,
        Err(e) if is_kind(i, &e, ExcKind::TypeError) && !matches!(rest[0], Value::Instance(_) | Value::Iterator(_)) => {
            return Err(PyErr::type_error("can only join an iterable"));
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let Value::Bytes(part) = item.as_builtin() else {
            let t = i.type_name(item);
            return Err(PyErr::type_error(format!("sequence item {n}: expected a bytes-like object, {t} found")));
        };
        if n > 0 {
            out.extend_from_slice(b);
        }
        out.extend_from_slice(part);
    }
    Ok(Value::Bytes(Rc::new(out)))
}

fn hex(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "hex")?;
    let args = merge(i, "hex", rest, k, &["sep", "bytes_per_sep"])?;
    let sep = match args.first().and_then(Option::as_ref) {
        None => None,
        Some(Value::Str(s)) if s.char_len() == 1 => s.as_str().chars().next(),
        Some(Value::Bytes(s)) if s.len() == 1 => s.first().map(|&c| c as char),
        Some(Value::Str(_) | Value::Bytes(_)) => return Err(PyErr::value_error("sep must be length 1.")),
        Some(other) => return Err(PyErr::type_error(format!("object of type '{}' has no len()", i.type_name(other)))),
    };
    let per = match args.get(1).and_then(Option::as_ref) {
        Some(v) => int_arg(i, v)?,
        None => 1,
    };
    let group = per.unsigned_abs() as usize;
    let mut out = String::with_capacity(b.len() * 3);
    for (n, byte) in b.iter().enumerate() {
        let boundary = if per > 0 { (b.len() - n) % group.max(1) == 0 } else { n % group.max(1) == 0 };
        if let Some(s) = sep
            && n > 0
            && group > 0
            && boundary
        {
            out.push(s);
        }
        out.push_str(&format!("{byte:02x}"));
    }
    Ok(Value::string(out))
}

/// `upper` and `lower`.
fn case(i: &mut Interpreter, a: &[Value], k: &Kw, upper: bool) -> PyResult<Value> {
    let name = if upper { "upper" } else { "lower" };
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::Zero)?;
    Ok(Value::Bytes(Rc::new(if upper { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() })))
}

/// Registers the `bytes` methods, `int.bit_length` and `float.is_integer`.
pub fn install(interp: &mut Interpreter) {
    let class = interp.types.bytes.clone();
    let methods: &[(&str, Method)] = &[
        ("split", |i, a, k| split(i, a, k, "split")),
        ("rsplit", |i, a, k| split(i, a, k, "rsplit")),
        ("strip", |i, a, k| strip(i, a, k, "strip")),
        ("lstrip", |i, a, k| strip(i, a, k, "lstrip")),
        ("rstrip", |i, a, k| strip(i, a, k, "rstrip")),
        ("find", |i, a, k| find(i, a, k, "find")),
        ("rfind", |i, a, k| find(i, a, k, "rfind")),
        ("index", |i, a, k| find(i, a, k, "index")),
        ("rindex", |i, a, k| find(i, a, k, "rindex")),
        ("count", count),
        ("startswith", |i, a, k| affix(i, a, k, "startswith")),
        ("endswith", |i, a, k| affix(i, a, k, "endswith")),
        ("replace", replace),
        ("join", join),
        ("hex", hex),
        ("upper", |i, a, k| case(i, a, k, true)),
        ("lower", |i, a, k| case(i, a, k, false)),
    ];
    for &(name, f) in methods {
        add_method(interp, &class, name, native(name, f));
    }
    ascii::install(interp);
    super::codecs::install(interp);
    let int = interp.types.int.clone();
    let bit_length = native("bit_length", |i, a, k| {
        let rest = a.get(1..).unwrap_or_default();
        positional("int", "bit_length", rest, k, Arity::Zero)?;
        match a.first() {
            Some(Value::Int(n)) => Ok(Value::Int(i64::from(64 - n.unsigned_abs().leading_zeros()))),
            Some(Value::Bool(b)) => Ok(Value::Int(i64::from(*b))),
            Some(Value::BigInt(b)) => Ok(Value::Int(b.bits() as i64)),
            Some(other) => Err(PyErr::type_error(format!(
                "descriptor 'bit_length' for 'int' objects doesn't apply to a '{}' object",
                i.type_name(other)
            ))),
            None => Err(PyErr::type_error("unbound method int.bit_length() needs an argument")),
        }
    });
    add_method(interp, &int, "bit_length", bit_length);
    let float = interp.types.float.clone();
    let is_integer = native("is_integer", |i, a, k| {
        let rest = a.get(1..).unwrap_or_default();
        positional("float", "is_integer", rest, k, Arity::Zero)?;
        match a.first() {
            Some(Value::Float(f)) => Ok(Value::Bool(f.is_finite() && f.fract() == 0.0)),
            Some(other) => Err(PyErr::type_error(format!(
                "descriptor 'is_integer' for 'float' objects doesn't apply to a '{}' object",
                i.type_name(other)
            ))),
            None => Err(PyErr::type_error("unbound method float.is_integer() needs an argument")),
        }
    });
    add_method(interp, &float, "is_integer", is_integer);
}

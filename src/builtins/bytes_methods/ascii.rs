//! The `bytes` methods that read bytes as ASCII text: character-class predicates,
//! case mappings, padding, `partition`, `splitlines`, `expandtabs`, `translate`,
//! `removeprefix`/`removesuffix` and the `fromhex`/`maketrans` constructors. Like
//! CPython's `bytes_methods.c`, only ASCII letters are cased; other bytes pass through.

use super::{brecv, bytes_value, is_ws, need_bytes};
use crate::builtins::functions::int_arg;
use crate::builtins::native;
use crate::builtins::str_methods::{Arity, Kw, Method, merge, positional};
use crate::builtins::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::{Descriptor, Value};
use std::rc::Rc;

/// `isalpha`, `isdigit`, `isspace`, `isalnum` and `isascii`: every byte passes `test`
/// (and, except for `isascii`, there is at least one byte).
fn predicate(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str, test: fn(&u8) -> bool) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::Zero)?;
    Ok(Value::Bool((name == "isascii" || !b.is_empty()) && b.iter().all(test)))
}

/// `isupper`/`islower`: some cased byte, and none of the other case.
fn cased(i: &mut Interpreter, a: &[Value], k: &Kw, upper: bool) -> PyResult<Value> {
    let name = if upper { "isupper" } else { "islower" };
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::Zero)?;
    let (up, low) = (b.iter().any(u8::is_ascii_uppercase), b.iter().any(u8::is_ascii_lowercase));
    Ok(Value::Bool(if upper { up && !low } else { low && !up }))
}

/// `istitle`: uppercase bytes only start words, lowercase ones only continue them.
fn istitle(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "istitle")?;
    positional("bytes", "istitle", rest, k, Arity::Zero)?;
    let (mut seen, mut in_word) = (false, false);
    for c in b.iter() {
        if c.is_ascii_uppercase() {
            if in_word {
                return Ok(Value::Bool(false));
            }
            (seen, in_word) = (true, true);
        } else if c.is_ascii_lowercase() {
            if !in_word {
                return Ok(Value::Bool(false));
            }
            seen = true;
        } else {
            in_word = false;
        }
    }
    Ok(Value::Bool(seen))
}

/// `title`, `capitalize` and `swapcase`.
fn recase(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::Zero)?;
    let mut prev_cased = false;
    let out = b.iter().enumerate().map(|(n, &c)| match name {
        "title" => {
            let mapped = if prev_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            prev_cased = c.is_ascii_alphabetic();
            mapped
        }
        "capitalize" if n == 0 => c.to_ascii_uppercase(),
        "capitalize" => c.to_ascii_lowercase(),
        _ if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        _ => c.to_ascii_uppercase(),
    });
    Ok(Value::Bytes(Rc::new(out.collect())))
}

/// `center`, `ljust` and `rjust`, with CPython's split of odd margins in `center`.
fn justify(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::Clinic(1, 2))?;
    let width = int_arg(i, &rest[0])?;
    let fill = match rest.get(1) {
        None => b' ',
        Some(Value::Bytes(f)) if f.len() == 1 => f[0],
        Some(other) => {
            let t = i.type_name(other);
            return Err(PyErr::type_error(format!("{name}() argument 2 must be a byte string of length 1, not {t}")));
        }
    };
    let len = b.len() as i64;
    if width <= len {
        return Ok(bytes_value(b));
    }
    super::check_bytes_size(width)?;
    let margin = width - len;
    let left = match name {
        "ljust" => 0,
        "rjust" => margin,
        _ => margin / 2 + (margin & width & 1),
    };
    let mut out = vec![fill; left as usize];
    out.extend_from_slice(b);
    out.resize(width as usize, fill);
    Ok(Value::Bytes(Rc::new(out)))
}

fn zfill(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "zfill")?;
    positional("bytes", "zfill", rest, k, Arity::One)?;
    let width = int_arg(i, &rest[0])?;
    super::check_bytes_size(width)?;
    let width = usize::try_from(width).unwrap_or(0);
    if width <= b.len() {
        return Ok(bytes_value(b));
    }
    let mut out = vec![b'0'; width - b.len()];
    out.extend_from_slice(b);
    if let Some(&sign @ (b'+' | b'-')) = b.first() {
        out[0] = sign;
        out[width - b.len()] = b'0';
    }
    Ok(Value::Bytes(Rc::new(out)))
}

fn partition(i: &mut Interpreter, a: &[Value], k: &Kw, reverse: bool) -> PyResult<Value> {
    let name = if reverse { "rpartition" } else { "partition" };
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::One)?;
    let sep = need_bytes(i, &rest[0])?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let parts = match super::find_bytes(b, sep, reverse) {
        Some(p) => [&b[..p], sep, &b[p + sep.len()..]],
        None if reverse => [&[][..], &[][..], b],
        None => [b, &[][..], &[][..]],
    };
    Ok(Value::tuple(parts.into_iter().map(bytes_value).collect()))
}

/// `splitlines(keepends=False)`: bytes break lines only at `\n`, `\r` and `\r\n`.
fn splitlines(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "splitlines")?;
    let args = merge(i, "splitlines", rest, k, &["keepends"])?;
    let keep = match args.first().and_then(Option::as_ref) {
        Some(v) => int_arg(i, v)? != 0,
        None => false,
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut n = 0;
    while n < b.len() {
        let end = n;
        match b[n] {
            b'\r' if b.get(n + 1) == Some(&b'\n') => n += 2,
            b'\r' | b'\n' => n += 1,
            _ => {
                n += 1;
                continue;
            }
        }
        lines.push(bytes_value(&b[start..if keep { n } else { end }]));
        start = n;
    }
    if start < b.len() {
        lines.push(bytes_value(&b[start..]));
    }
    Ok(Value::list(lines))
}

fn expandtabs(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "expandtabs")?;
    let args = merge(i, "expandtabs", rest, k, &["tabsize"])?;
    let size = match args.first().and_then(Option::as_ref) {
        Some(v) => crate::builtins::functions::c_int_arg(i, v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(b.len());
    let mut col: i64 = 0;
    for &c in b.iter() {
        match c {
            b'\t' if size > 0 => {
                let spaces = size - col % size;
                super::check_bytes_size((out.len() as i64).saturating_add(spaces))?;
                out.extend(std::iter::repeat_n(b' ', spaces as usize));
                col += spaces;
            }
            b'\t' => {}
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Value::Bytes(Rc::new(out)))
}

fn translate(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (b, rest) = brecv(i, a, "translate")?;
    let args = merge(i, "translate", rest, k, &["table", "delete"])?;
    let table = match args.first().and_then(Option::as_ref) {
        None => return Err(PyErr::type_error("translate() takes at least 1 argument (0 given)")),
        Some(Value::None) => None,
        Some(v) => Some(need_bytes(i, v)?),
    };
    if table.is_some_and(|t| t.len() != 256) {
        return Err(PyErr::value_error("translation table must be 256 characters long"));
    }
    let delete = match args.get(1).and_then(Option::as_ref) {
        Some(v) => need_bytes(i, v)?,
        None => &[][..],
    };
    let out = b.iter().filter(|c| !delete.contains(c)).map(|&c| table.map_or(c, |t| t[usize::from(c)]));
    Ok(Value::Bytes(Rc::new(out.collect())))
}

/// `bytes.maketrans(frm, to)`: the identity table with `frm[n]` mapped to `to[n]`.
fn maketrans(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    positional("bytes", "maketrans", a, k, Arity::Clinic(2, 2))?;
    let (from, to) = (need_bytes(i, &a[0])?, need_bytes(i, &a[1])?);
    if from.len() != to.len() {
        return Err(PyErr::value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&f, &t) in from.iter().zip(to.iter()) {
        table[usize::from(f)] = t;
    }
    Ok(Value::Bytes(Rc::new(table)))
}

fn remove_affix(i: &mut Interpreter, a: &[Value], k: &Kw, prefix: bool) -> PyResult<Value> {
    let name = if prefix { "removeprefix" } else { "removesuffix" };
    let (b, rest) = brecv(i, a, name)?;
    positional("bytes", name, rest, k, Arity::One)?;
    let affix = need_bytes(i, &rest[0])?;
    let kept = if prefix { b.strip_prefix(affix) } else { b.strip_suffix(affix) };
    Ok(bytes_value(kept.unwrap_or(b)))
}

/// `bytes.fromhex(string)`: pairs of hex digits, with whitespace allowed between pairs;
/// the error names the position of the first digit that is missing or wrong.
fn fromhex(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let rest = a.get(1..).unwrap_or_default();
    positional("bytes", "fromhex", rest, k, Arity::One)?;
    let Value::Str(s) = &rest[0] else {
        let t = i.type_name(&rest[0]);
        return Err(PyErr::type_error(format!("fromhex() argument must be str, not {t}")));
    };
    let cs: Vec<char> = s.as_str().chars().collect();
    let digit = |n: usize| cs.get(n).and_then(|c| c.to_digit(16)).ok_or(n);
    let mut out = Vec::with_capacity(cs.len() / 2);
    let mut n = 0;
    while n < cs.len() {
        if cs[n].is_ascii() && is_ws(cs[n] as u8) {
            n += 1;
            continue;
        }
        let pair = digit(n).and_then(|hi| digit(n + 1).map(|lo| hi * 16 + lo));
        match pair {
            Ok(byte) => out.push(byte as u8),
            Err(at) => {
                let msg = format!("non-hexadecimal number found in fromhex() arg at position {at}");
                return Err(PyErr::value_error(msg));
            }
        }
        n += 2;
    }
    Ok(Value::Bytes(Rc::new(out)))
}

/// Registers the methods of this module on `bytes`.
pub(super) fn install(interp: &mut Interpreter) {
    let class = interp.types.bytes.clone();
    let methods: &[(&str, Method)] = &[
        ("isalpha", |i, a, k| predicate(i, a, k, "isalpha", u8::is_ascii_alphabetic)),
        ("isdigit", |i, a, k| predicate(i, a, k, "isdigit", u8::is_ascii_digit)),
        ("isalnum", |i, a, k| predicate(i, a, k, "isalnum", u8::is_ascii_alphanumeric)),
        ("isspace", |i, a, k| predicate(i, a, k, "isspace", |c| is_ws(*c))),
        ("isascii", |i, a, k| predicate(i, a, k, "isascii", u8::is_ascii)),
        ("isupper", |i, a, k| cased(i, a, k, true)),
        ("islower", |i, a, k| cased(i, a, k, false)),
        ("istitle", istitle),
        ("title", |i, a, k| recase(i, a, k, "title")),
        ("capitalize", |i, a, k| recase(i, a, k, "capitalize")),
        ("swapcase", |i, a, k| recase(i, a, k, "swapcase")),
        ("center", |i, a, k| justify(i, a, k, "center")),
        ("ljust", |i, a, k| justify(i, a, k, "ljust")),
        ("rjust", |i, a, k| justify(i, a, k, "rjust")),
        ("zfill", zfill),
        ("partition", |i, a, k| partition(i, a, k, false)),
        ("rpartition", |i, a, k| partition(i, a, k, true)),
        ("splitlines", splitlines),
        ("expandtabs", expandtabs),
        ("translate", translate),
        ("removeprefix", |i, a, k| remove_affix(i, a, k, true)),
        ("removesuffix", |i, a, k| remove_affix(i, a, k, false)),
    ];
    for &(name, f) in methods {
        add_method(interp, &class, name, native(name, f));
    }
    let fromhex = Value::Descriptor(Rc::new(Descriptor::ClassMethod(native("fromhex", fromhex))));
    add_method(interp, &class, "fromhex", fromhex);
    let maketrans = Value::Descriptor(Rc::new(Descriptor::Static(native("maketrans", maketrans))));
    add_method(interp, &class, "maketrans", maketrans);
}

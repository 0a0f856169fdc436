//! Searching and splitting methods of `str`: `find`/`index`/`count`, prefix and
//! suffix tests, `split`/`rsplit`/`splitlines`, `partition`, `replace`, `join`,
//! `maketrans` and `translate`.

use super::functions::{int_arg, is_kind};
use super::native;
use super::str_methods::{Arity, Kw, Method, merge, need_str, positional, recv};
use super::str_unicode::{is_linebreak, is_space};
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{Descriptor, PyDict, PyStr, Value};
use num_traits::Signed;
use std::rc::Rc;

/// A `start`/`end` argument of the search methods (huge ints clamp).
pub(super) fn slice_arg(v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(n)) => Ok(Some(*n)),
        Some(Value::Bool(b)) => Ok(Some(i64::from(*b))),
        Some(Value::BigInt(b)) => Ok(Some(if b.is_negative() { i64::MIN } else { i64::MAX })),
        Some(_) => Err(PyErr::type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

/// CPython's `ADJUST_INDICES`: `end` is clamped to `0..=len`, `start` only below.
pub(super) fn adjust(start: Option<i64>, end: Option<i64>, len: i64) -> (i64, i64) {
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = end.saturating_add(len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    (start, end)
}

/// The `(start, end)` arguments after the first one.
fn range_args(rest: &[Value], len: usize) -> PyResult<(i64, i64)> {
    Ok(adjust(slice_arg(rest.get(1))?, slice_arg(rest.get(2))?, len as i64))
}

fn find_in(s: &PyStr, sub: &str, start: i64, end: i64, reverse: bool) -> Option<usize> {
    if end - start < sub.chars().count() as i64 {
        return None;
    }
    let w = s.slice_chars(start as usize, end as usize);
    let off = if reverse { w.rfind(sub) } else { w.find(sub) }?;
    Some(start as usize + w.get(..off).map_or(0, |p| p.chars().count()))
}

/// `find`, `rfind`, `index` and `rindex`.
fn find(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (s, rest) = recv(i, a, name)?;
    positional("str", name, rest, k, Arity::Old(1, 3))?;
    let sub = need_str(i, &rest[0], "")?;
    let (start, end) = range_args(rest, s.char_len())?;
    match find_in(s, sub.as_str(), start, end, name.starts_with('r')) {
        Some(p) => Ok(Value::Int(p as i64)),
        None if name.ends_with("index") => Err(PyErr::value_error("substring not found")),
        None => Ok(Value::Int(-1)),
    }
}

fn count(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (s, rest) = recv(i, a, "count")?;
    positional("str", "count", rest, k, Arity::Old(1, 3))?;
    let sub = need_str(i, &rest[0], "")?.as_str();
    let (start, end) = range_args(rest, s.char_len())?;
    let n = if end - start < sub.chars().count() as i64 {
        0
    } else if sub.is_empty() {
        end - start + 1
    } else {
        s.slice_chars(start as usize, end as usize).matches(sub).count() as i64
    };
    Ok(Value::Int(n))
}

/// `startswith` and `endswith`.
fn affix_match(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (s, rest) = recv(i, a, name)?;
    positional("str", name, rest, k, Arity::Old(1, 3))?;
    let (start, end) = range_args(rest, s.char_len())?;
    let test = |sub: &str| {
        if start.saturating_add(sub.chars().count() as i64) > end {
            return false;
        }
        let w = s.slice_chars(start as usize, end as usize);
        if name == "endswith" { w.ends_with(sub) } else { w.starts_with(sub) }
    };
    match rest[0].as_builtin() {
        Value::Str(sub) => Ok(Value::Bool(test(sub.as_str()))),
        Value::Tuple(items) => {
            for item in items.iter() {
                match item.as_builtin() {
                    Value::Str(sub) if test(sub.as_str()) => return Ok(Value::Bool(true)),
                    Value::Str(_) => {}
                    other => {
                        let t = i.type_name(other);
                        return Err(PyErr::type_error(format!("tuple for {name} must only contain str, not {t}")));
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        other => Err(PyErr::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            i.type_name(other)
        ))),
    }
}

fn split_whitespace(s: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if out.len() == max {
            out.push(rest);
            break;
        }
        match rest.find(is_space) {
            Some(p) => {
                out.push(&rest[..p]);
                rest = rest[p..].trim_start_matches(is_space);
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out
}

fn rsplit_whitespace(s: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if out.len() == max {
            out.push(rest);
            break;
        }
        match rest.rfind(is_space) {
            Some(p) => {
                let width = rest[p..].chars().next().map_or(1, char::len_utf8);
                out.push(&rest[p + width..]);
                rest = rest[..p].trim_end_matches(is_space);
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out.reverse();
    out
}

/// `split` and `rsplit`.
fn split(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (s, rest) = recv(i, a, name)?;
    let args = merge(i, name, rest, k, &["sep", "maxsplit"])?;
    let max = match args.get(1).and_then(Option::as_ref) {
        Some(v) => int_arg(i, v)?,
        None => -1,
    };
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    let text = s.as_str();
    let reverse = name == "rsplit";
    if !reverse
        && let Some(Value::Str(sep)) = args.first().and_then(Option::as_ref)
        && let [byte] = sep.as_str().as_bytes()
        && byte.is_ascii()
    {
        // One ASCII separator: a byte search (memchr), and pieces of an ASCII
        // string are ASCII without a rescan.
        let ascii = s.is_ascii();
        let piece = |p: &str| Value::Str(Rc::new(PyStr::piece(p, ascii)));
        // Counted first (a vectorised scan) so the list is allocated once.
        let count = memchr::memchr_iter(*byte, text.as_bytes()).take(max).count();
        let mut pieces = Vec::with_capacity(count + 1);
        let mut start = 0;
        for end in memchr::memchr_iter(*byte, text.as_bytes()).take(max) {
            pieces.push(piece(&text[start..end]));
            start = end + 1;
        }
        pieces.push(piece(&text[start..]));
        return Ok(Value::list(pieces));
    }
    let parts: Vec<&str> = match args.first().and_then(Option::as_ref).map(Value::as_builtin) {
        None | Some(Value::None) if reverse => rsplit_whitespace(text, max),
        None | Some(Value::None) => split_whitespace(text, max),
        Some(Value::Str(sep)) if sep.as_str().is_empty() => return Err(PyErr::value_error("empty separator")),
        Some(Value::Str(sep)) if reverse => {
            let mut v: Vec<&str> = text.rsplitn(max.saturating_add(1), sep.as_str()).collect();
            v.reverse();
            v
        }
        Some(Value::Str(sep)) => text.splitn(max.saturating_add(1), sep.as_str()).collect(),
        Some(other) => {
            return Err(PyErr::type_error(format!("must be str or None, not {}", i.type_name(other))));
        }
    };
    let ascii = s.is_ascii();
    Ok(Value::list(parts.into_iter().map(|p| Value::Str(Rc::new(PyStr::piece(p, ascii)))).collect()))
}

fn splitlines(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (s, rest) = recv(i, a, "splitlines")?;
    let args = merge(i, "splitlines", rest, k, &["keepends"])?;
    let keep = match args.first().and_then(Option::as_ref) {
        Some(v) => super::functions::c_int_arg(i, v)? != 0,
        None => false,
    };
    let text = s.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((p, c)) = chars.next() {
        if is_linebreak(c) {
            let mut eol = p + c.len_utf8();
            if c == '\r' && chars.next_if(|&(_, n)| n == '\n').is_some() {
                eol += 1;
            }
            out.push(Value::str(&text[start..if keep { eol } else { p }]));
            start = eol;
        }
    }
    if start < text.len() {
        out.push(Value::str(&text[start..]));
    }
    Ok(Value::list(out))
}

/// `partition` and `rpartition`.
fn partition(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (s, rest) = recv(i, a, name)?;
    positional("str", name, rest, k, Arity::One)?;
    let sep = need_str(i, &rest[0], "")?;
    if sep.as_str().is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let text = s.as_str();
    let found = if name == "rpartition" { text.rfind(sep.as_str()) } else { text.find(sep.as_str()) };
    let empty = || Value::str("");
    Ok(Value::tuple(match found {
        Some(p) => vec![Value::str(&text[..p]), rest[0].clone(), Value::str(&text[p + sep.as_str().len()..])],
        None if name == "rpartition" => vec![empty(), empty(), a[0].clone()],
        None => vec![a[0].clone(), empty(), empty()],
    }))
}

fn replace(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (s, rest) = recv(i, a, "replace")?;
    positional("str", "replace", rest, k, Arity::Clinic(2, 3))?;
    let old = need_str(i, &rest[0], "replace() argument 1 ")?.as_str();
    let new = need_str(i, &rest[1], "replace() argument 2 ")?.as_str();
    let count = match rest.get(2) {
        Some(v) => int_arg(i, v)?,
        None => -1,
    };
    Ok(Value::string(match usize::try_from(count) {
        Ok(n) => s.as_str().replacen(old, new, n),
        Err(_) => s.as_str().replace(old, new),
    }))
}

fn join(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (s, rest) = recv(i, a, "join")?;
    positional("str", "join", rest, k, Arity::One)?;
    // Lists and tuples are joined in place (no copy of their items).
    if let Value::List(l) = &rest[0] {
        return join_items(i, s, &l.items.borrow());
    }
    if let Value::Tuple(t) = &rest[0] {
        return join_items(i, s, t);
    }
    match i.collect(rest[0].clone()) {
        Ok(items) => join_items(i, s, &items),
        Err(e) if is_kind(i, &e, ExcKind::TypeError) && !matches!(rest[0], Value::Instance(_) | Value::Iterator(_)) => {
            Err(PyErr::type_error("can only join an iterable"))
        }
        Err(e) => Err(e),
    }
}

/// A str, or the text of an instance of a str subclass.
#[inline(always)]
fn str_item(item: &Value) -> Option<&PyStr> {
    match item {
        Value::Str(s) => Some(s),
        other => match other.builtin_base() {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        },
    }
}

/// `sep.join(items)`: sized once, and the length in code points is summed, not
/// rescanned.
fn join_items(i: &Interpreter, sep: &PyStr, items: &[Value]) -> PyResult<Value> {
    let mut bytes = sep.as_str().len() * items.len().saturating_sub(1);
    let mut chars = sep.char_len() * items.len().saturating_sub(1);
    for (n, item) in items.iter().enumerate() {
        let Some(part) = str_item(item) else {
            let t = i.type_name(item);
            return Err(PyErr::type_error(format!("sequence item {n}: expected str instance, {t} found")));
        };
        bytes += part.as_str().len();
        chars += part.char_len();
    }
    let out = PyStr::assemble(bytes, |out| {
        for (n, item) in items.iter().enumerate() {
            if n > 0 {
                out.push(sep.as_str());
            }
            if let Some(part) = str_item(item) {
                out.push(part.as_str());
            }
        }
    });
    Ok(Value::Str(Rc::new(PyStr::with_char_len(out, chars))))
}

fn maketrans_dict(i: &mut Interpreter, x: &Value) -> PyResult<Value> {
    let Value::Dict(d) = x else {
        return Err(PyErr::type_error("if you give only one argument to maketrans it must be a dict"));
    };
    let entries: Vec<(Value, Value)> = d.table.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
    let out = Rc::new(PyDict::default());
    for (key, value) in entries {
        let key = match &key {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => key,
            Value::Str(s) => match (s.char_len(), s.as_str().chars().next()) {
                (1, Some(c)) => Value::Int(c as i64),
                _ => return Err(PyErr::value_error("string keys in translate table must be of length 1")),
            },
            _ => return Err(PyErr::type_error("keys in translate table must be strings or integers")),
        };
        i.dict_set(&out, key, value)?;
    }
    Ok(Value::Dict(out))
}

fn maketrans(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    positional("str", "maketrans", a, k, Arity::Clinic(1, 3))?;
    if a.len() == 1 {
        return maketrans_dict(i, &a[0]);
    }
    let Value::Str(x) = &a[0] else {
        return Err(PyErr::type_error("first maketrans argument must be a string if there is a second argument"));
    };
    let y = need_str(i, &a[1], "maketrans() argument 2 ")?;
    if x.char_len() != y.char_len() {
        return Err(PyErr::value_error("the first two maketrans arguments must have equal length"));
    }
    let out = Rc::new(PyDict::default());
    for (from, to) in x.as_str().chars().zip(y.as_str().chars()) {
        i.dict_set(&out, Value::Int(from as i64), Value::Int(to as i64))?;
    }
    if let Some(z) = a.get(2) {
        let z = need_str(i, z, "maketrans() argument 3 ")?;
        for c in z.as_str().chars() {
            i.dict_set(&out, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Dict(out))
}

fn translate(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (s, rest) = recv(i, a, "translate")?;
    positional("str", "translate", rest, k, Arity::One)?;
    let mut out = String::with_capacity(s.as_str().len());
    for c in s.as_str().chars() {
        match i.getitem(&rest[0], &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(Value::Int(n)) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(m) => out.push(m),
                None => return Err(PyErr::value_error("character mapping must be in range(0x110000)")),
            },
            Ok(Value::Str(m)) => out.push_str(m.as_str()),
            Ok(_) => return Err(PyErr::type_error("character mapping must return integer, None or str")),
            Err(e) if is_kind(i, &e, ExcKind::LookupError) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(Value::string(out))
}

/// Registers the searching and splitting methods.
pub fn install(interp: &mut Interpreter) {
    let class = interp.types.str.clone();
    let methods: &[(&str, Method)] = &[
        ("find", |i, a, k| find(i, a, k, "find")),
        ("rfind", |i, a, k| find(i, a, k, "rfind")),
        ("index", |i, a, k| find(i, a, k, "index")),
        ("rindex", |i, a, k| find(i, a, k, "rindex")),
        ("count", count),
        ("startswith", |i, a, k| affix_match(i, a, k, "startswith")),
        ("endswith", |i, a, k| affix_match(i, a, k, "endswith")),
        ("split", |i, a, k| split(i, a, k, "split")),
        ("rsplit", |i, a, k| split(i, a, k, "rsplit")),
        ("splitlines", splitlines),
        ("partition", |i, a, k| partition(i, a, k, "partition")),
        ("rpartition", |i, a, k| partition(i, a, k, "rpartition")),
        ("replace", replace),
        ("join", join),
        ("translate", translate),
    ];
    for &(name, f) in methods {
        add_method(interp, &class, name, native(name, f));
    }
    let maketrans = Value::Descriptor(Rc::new(Descriptor::Static(native("maketrans", maketrans))));
    add_method(interp, &class, "maketrans", maketrans);
}

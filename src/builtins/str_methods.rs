//! Methods of `str`: case mappings, character-class predicates, padding and
//! stripping, plus the argument helpers shared by the `str` and `bytes` methods.

use super::functions::int_arg;
use super::native;
use super::str_unicode as uni;
use super::types::add_method;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::{PyStr, Value};

/// Keyword arguments as natives receive them.
pub(super) type Kw = [(Symbol, Value)];

/// A native method: `args[0]` is the receiver.
pub(super) type Method = fn(&mut Interpreter, &[Value], &Kw) -> PyResult<Value>;

/// How a positional-only method words its argument-count errors.
#[derive(Clone, Copy)]
pub(super) enum Arity {
    /// `str.upper() takes no arguments (1 given)`.
    Zero,
    /// `str.zfill() takes exactly one argument (0 given)`.
    One,
    /// `center expected at least 1 argument, got 0`.
    Clinic(usize, usize),
    /// `find() takes at least 1 argument (0 given)`.
    Old(usize, usize),
}

/// A case mapping.
type CaseMap = fn(&str) -> String;
/// A per-character predicate.
type CharTest = fn(char) -> bool;
/// A whole-string predicate.
type StrTest = fn(&str) -> bool;

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The `str` receiver of a method, with CPython's errors for unbound calls.
pub(super) fn recv<'a>(i: &Interpreter, a: &'a [Value], name: &str) -> PyResult<(&'a PyStr, &'a [Value])> {
    match a.split_first() {
        Some((Value::Str(s), rest)) => Ok((s, rest)),
        Some((other, _)) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
            i.type_name(other)
        ))),
        None => Err(PyErr::type_error(format!("unbound method str.{name}() needs an argument"))),
    }
}

/// Checks a positional-only method's arguments.
pub(super) fn positional(owner: &str, name: &str, args: &[Value], kw: &Kw, arity: Arity) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(PyErr::type_error(format!("{owner}.{name}() takes no keyword arguments")));
    }
    let n = args.len();
    let msg = match arity {
        Arity::Zero if n > 0 => format!("{owner}.{name}() takes no arguments ({n} given)"),
        Arity::One if n != 1 => format!("{owner}.{name}() takes exactly one argument ({n} given)"),
        Arity::Clinic(min, _) if n < min => format!("{name} expected at least {min} argument{}, got {n}", plural(min)),
        Arity::Clinic(_, max) if n > max => format!("{name} expected at most {max} argument{}, got {n}", plural(max)),
        Arity::Old(min, _) if n < min => format!("{name}() takes at least {min} argument{} ({n} given)", plural(min)),
        Arity::Old(_, max) if n > max => format!("{name}() takes at most {max} argument{} ({n} given)", plural(max)),
        _ => return Ok(()),
    };
    Err(PyErr::type_error(msg))
}

/// The arguments [`merge`] binds, on the stack (no method here takes more than two).
pub(super) type Merged = smallvec::SmallVec<[Option<Value>; 2]>;

/// Binds positional and keyword arguments to `names` (all optional).
pub(super) fn merge(i: &Interpreter, name: &str, args: &[Value], kw: &Kw, names: &[&str]) -> PyResult<Merged> {
    let given = args.len() + kw.len();
    if given > names.len() {
        let max = names.len();
        return Err(PyErr::type_error(format!("{name}() takes at most {max} argument{} ({given} given)", plural(max))));
    }
    let mut out: Merged = args.iter().cloned().map(Some).collect();
    out.resize(names.len(), None);
    for (k, v) in kw {
        let key = i.name(*k);
        let Some(pos) = names.iter().position(|n| *n == key) else {
            return Err(PyErr::type_error(format!("'{key}' is an invalid keyword argument for {name}()")));
        };
        if pos < args.len() {
            return Err(PyErr::type_error(format!(
                "argument for {name}() given by name ('{key}') and position ({})",
                pos + 1
            )));
        }
        if let Some(slot) = out.get_mut(pos) {
            *slot = Some(v.clone());
        }
    }
    Ok(out)
}

/// An argument that must be a str: `{prefix}must be str, not int`.
pub(super) fn need_str<'a>(i: &Interpreter, v: &'a Value, prefix: &str) -> PyResult<&'a PyStr> {
    match v.as_builtin() {
        Value::Str(s) => Ok(s),
        _ => Err(PyErr::type_error(format!("{prefix}must be str, not {}", i.type_name(v)))),
    }
}

/// Registers every `str` method.
pub fn install(interp: &mut Interpreter) {
    install_case(interp);
    install_predicates(interp);
    install_layout(interp);
    super::str_search::install(interp);
    super::str_format::install(interp);
    super::bytes_methods::install(interp);
}

/// Pushes the lowercase of `chars[at]`, with the final-sigma rule for `Σ`.
fn push_lower(out: &mut String, chars: &[char], at: usize) {
    let Some(&c) = chars.get(at) else { return };
    if c != 'Σ' {
        out.extend(c.to_lowercase());
        return;
    }
    let before = chars[..at].iter().rev().find(|&&p| p != '\'').is_some_and(|&p| uni::is_cased(p));
    let after = chars.get(at + 1..).unwrap_or_default().iter().find(|&&n| n != '\'').is_some_and(|&n| uni::is_cased(n));
    out.push(if before && !after { 'ς' } else { 'σ' });
}

fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (n, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower(&mut out, &chars, n)
        } else {
            uni::push_title(&mut out, c)
        }
        prev_cased = uni::is_cased(c);
    }
    out
}

fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    if let Some(&first) = chars.first() {
        uni::push_title(&mut out, first);
        (1..chars.len()).for_each(|n| push_lower(&mut out, &chars, n));
    }
    out
}

fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (n, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            push_lower(&mut out, &chars, n);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| uni::push_casefold(&mut out, c));
    out
}

fn install_case(interp: &mut Interpreter) {
    let class = interp.types.str.clone();
    let maps: &[(&str, CaseMap)] = &[
        ("upper", str::to_uppercase),
        ("lower", str::to_lowercase),
        ("title", title),
        ("capitalize", capitalize),
        ("swapcase", swapcase),
        ("casefold", casefold),
    ];
    for &(name, f) in maps {
        let method = native(name, move |i, a, k| {
            let (s, rest) = recv(i, a, name)?;
            positional("str", name, rest, k, Arity::Zero)?;
            Ok(Value::string(f(s.as_str())))
        });
        add_method(interp, &class, name, method);
    }
}

fn is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || uni::is_title(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

fn is_lower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() || uni::is_title(c) {
            return false;
        }
        cased |= c.is_lowercase();
    }
    cased
}

fn is_titled(s: &str) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for c in s.chars() {
        if c.is_uppercase() || uni::is_title(c) {
            if prev_cased {
                return false;
            }
            (prev_cased, cased) = (true, true);
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            (prev_cased, cased) = (true, true);
        } else {
            prev_cased = false;
        }
    }
    cased
}

fn install_predicates(interp: &mut Interpreter) {
    let class = interp.types.str.clone();
    let all: &[(&str, CharTest)] = &[
        ("isdigit", uni::is_digit),
        ("isnumeric", uni::is_numeric),
        ("isdecimal", uni::is_decimal),
        ("isalpha", uni::is_alpha),
        ("isalnum", uni::is_alnum),
        ("isspace", uni::is_space),
    ];
    for &(name, f) in all {
        let method = native(name, move |i, a, k| {
            let (s, rest) = recv(i, a, name)?;
            positional("str", name, rest, k, Arity::Zero)?;
            Ok(Value::Bool(!s.as_str().is_empty() && s.as_str().chars().all(f)))
        });
        add_method(interp, &class, name, method);
    }
    let whole: &[(&str, StrTest)] = &[
        ("isupper", is_upper),
        ("islower", is_lower),
        ("istitle", is_titled),
        ("isidentifier", uni::is_identifier),
        ("isprintable", |s| s.chars().all(uni::is_printable)),
        ("isascii", str::is_ascii),
    ];
    for &(name, f) in whole {
        let method = native(name, move |i, a, k| {
            let (s, rest) = recv(i, a, name)?;
            positional("str", name, rest, k, Arity::Zero)?;
            Ok(Value::Bool(f(s.as_str())))
        });
        add_method(interp, &class, name, method);
    }
}

/// Refuses results too large to allocate (CPython raises `MemoryError` too).
fn check_size(n: i64) -> PyResult<()> {
    if n > 1 << 31 { Err(PyErr::new(crate::runtime::exception::ExcKind::MemoryError, "")) } else { Ok(()) }
}

/// The fill character argument of `center`/`ljust`/`rjust`.
fn fill_char(i: &Interpreter, v: Option<&Value>) -> PyResult<char> {
    match v.map(Value::as_builtin) {
        None => Ok(' '),
        Some(Value::Str(s)) => match (s.char_len(), s.as_str().chars().next()) {
            (1, Some(c)) => Ok(c),
            _ => Err(PyErr::type_error("The fill character must be exactly one character long")),
        },
        Some(_) => Err(PyErr::type_error(format!(
            "The fill character must be a unicode character, not {}",
            i.type_name(v.unwrap_or(&Value::None))
        ))),
    }
}

/// `center`, `ljust` and `rjust`.
fn pad(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (s, rest) = recv(i, a, name)?;
    positional("str", name, rest, k, Arity::Clinic(1, 2))?;
    let width = int_arg(i, &rest[0])?;
    let fill = fill_char(i, rest.get(1))?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(a[0].clone());
    }
    check_size(width)?;
    let marg = width - len;
    let left = match name {
        "ljust" => 0,
        "rjust" => marg,
        _ => marg / 2 + (marg & width & 1),
    };
    let mut out = String::with_capacity(s.as_str().len() + marg as usize);
    out.extend(std::iter::repeat_n(fill, left as usize));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, (marg - left) as usize));
    Ok(Value::string(out))
}

/// `strip`, `lstrip` and `rstrip`.
fn strip(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (s, rest) = recv(i, a, name)?;
    positional("str", name, rest, k, Arity::Clinic(0, 1))?;
    let text = s.as_str();
    let set: Option<Vec<char>> = match rest.first() {
        None | Some(Value::None) => None,
        Some(Value::Str(chars)) => Some(chars.as_str().chars().collect()),
        Some(_) => return Err(PyErr::type_error(format!("{name} arg must be None or str"))),
    };
    let strip_it = |c: char| match &set {
        Some(set) => set.contains(&c),
        None => uni::is_space(c),
    };
    let out = match name {
        "lstrip" => text.trim_start_matches(strip_it),
        "rstrip" => text.trim_end_matches(strip_it),
        _ => text.trim_matches(strip_it),
    };
    Ok(if out.len() == text.len() { a[0].clone() } else { Value::str(out) })
}

fn zfill(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (s, rest) = recv(i, a, "zfill")?;
    positional("str", "zfill", rest, k, Arity::One)?;
    let width = int_arg(i, &rest[0])?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(a[0].clone());
    }
    check_size(width)?;
    let text = s.as_str();
    let zeros = "0".repeat((width - len) as usize);
    Ok(Value::string(match text.strip_prefix(['+', '-']) {
        Some(body) => format!("{}{zeros}{body}", &text[..1]),
        None => format!("{zeros}{text}"),
    }))
}

fn expandtabs(i: &mut Interpreter, a: &[Value], k: &Kw) -> PyResult<Value> {
    let (s, rest) = recv(i, a, "expandtabs")?;
    let args = merge(i, "expandtabs", rest, k, &["tabsize"])?;
    let tabsize = match args.first().and_then(Option::as_ref) {
        Some(v) => super::functions::c_int_arg(i, v)?,
        None => 8,
    };
    let mut out = String::with_capacity(s.as_str().len());
    let mut column: i64 = 0;
    for c in s.as_str().chars() {
        match c {
            '\t' if tabsize > 0 => {
                let n = tabsize - column % tabsize;
                check_size(column.saturating_add(n))?;
                out.extend(std::iter::repeat_n(' ', n as usize));
                column += n;
            }
            '\t' => {}
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(Value::string(out))
}

fn remove_affix(i: &mut Interpreter, a: &[Value], k: &Kw, name: &str) -> PyResult<Value> {
    let (s, rest) = recv(i, a, name)?;
    positional("str", name, rest, k, Arity::One)?;
    let affix = need_str(i, &rest[0], &format!("{name}() argument "))?.as_str();
    let text = s.as_str();
    let out = if name == "removeprefix" { text.strip_prefix(affix) } else { text.strip_suffix(affix) };
    Ok(match out {
        Some(t) if !affix.is_empty() => Value::str(t),
        _ => a[0].clone(),
    })
}

fn install_layout(interp: &mut Interpreter) {
    let class = interp.types.str.clone();
    let methods: &[(&str, Method)] = &[
        ("center", |i, a, k| pad(i, a, k, "center")),
        ("ljust", |i, a, k| pad(i, a, k, "ljust")),
        ("rjust", |i, a, k| pad(i, a, k, "rjust")),
        ("strip", |i, a, k| strip(i, a, k, "strip")),
        ("lstrip", |i, a, k| strip(i, a, k, "lstrip")),
        ("rstrip", |i, a, k| strip(i, a, k, "rstrip")),
        ("zfill", zfill),
        ("expandtabs", expandtabs),
        ("removeprefix", |i, a, k| remove_affix(i, a, k, "removeprefix")),
        ("removesuffix", |i, a, k| remove_affix(i, a, k, "removesuffix")),
    ];
    for &(name, f) in methods {
        add_method(interp, &class, name, native(name, f));
    }
}

//! The `json` module: `dumps`/`dump` with CPython's exact output (separators, indent,
//! `ensure_ascii` escapes, key conversion, `default`), and `loads`/`load` (in
//! `json_decode.rs`) raising `json.JSONDecodeError`.

use super::{bind, set};
use crate::builtins::native;
use crate::format::float_repr;
use crate::intern::{AttrMap, Symbol};
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{PyDict, Value};
use std::fmt::Write;

/// Nesting deeper than this is a `RecursionError` whatever the recursion limit (the
/// encoder and decoder recurse on the Rust stack).
pub const MAX_DEPTH: usize = 100_000;

/// The keyword arguments of `dumps` after the object.
const OPTIONS: &[&str] =
    &["skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators", "default", "sort_keys"];

/// Builds the `json` module.
pub fn load(interp: &mut Interpreter) -> PyResult<Value> {
    let m = interp.new_module("json");
    let mut dict = AttrMap::default();
    dict.insert(interp.syms.module, Value::str("json.decoder"));
    let base = interp.types.exception(ExcKind::ValueError);
    let error = interp.new_class("JSONDecodeError", "JSONDecodeError", vec![base], dict)?;
    set(interp, &m, "JSONDecodeError", Value::Class(error.clone()));
    set(interp, &m, "dumps", native("dumps", dumps));
    set(interp, &m, "dump", native("dump", dump));
    let class = error.clone();
    set(interp, &m, "loads", native("loads", move |i, a, k| super::json_decode::loads(i, &class, a, k)));
    set(interp, &m, "load", native("load", move |i, a, k| super::json_decode::load(i, &error, a, k)));
    Ok(Value::Module(m))
}

fn dumps(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if args.len() != 1 {
        let n = args.len();
        return Err(PyErr::type_error(if n == 0 {
            "dumps() missing 1 required positional argument: 'obj'".to_owned()
        } else {
            format!("dumps() takes 1 positional argument but {n} were given")
        }));
    }
    let mut encoder = Encoder::new(interp, kwargs)?;
    let mut out = String::new();
    encoder.encode(interp, &args[0], 0, &mut out)?;
    Ok(Value::string(out))
}

fn dump(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if args.len() != 2 {
        let n = args.len();
        return Err(PyErr::type_error(format!("dump() takes 2 positional arguments but {n} were given")));
    }
    let text = dumps(interp, &args[..1], kwargs)?;
    let write = interp.intern("write");
    let method = interp.getattr(&args[1], write)?;
    interp.call(method, vec![text], &[])?;
    Ok(Value::None)
}

/// The settings of one `dumps` call and the containers being encoded.
struct Encoder {
    skipkeys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    sort_keys: bool,
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    default: Option<Value>,
    stack: Vec<usize>,
}

impl Encoder {
    fn new(interp: &mut Interpreter, kwargs: &[(Symbol, Value)]) -> PyResult<Encoder> {
        let opts = bind(interp, "dumps", &[], kwargs, OPTIONS, 0)?;
        let mut flag = |i: usize, default: bool| -> PyResult<bool> {
            match &opts[i] {
                None => Ok(default),
                Some(v) => interp.truthy(v),
            }
        };
        let (skipkeys, ensure_ascii, allow_nan, sort_keys) =
            (flag(0, false)?, flag(1, true)?, flag(3, true)?, flag(8, false)?);
        let indent = match &opts[5] {
            None | Some(Value::None) => None,
            Some(Value::Str(s)) => Some(s.as_str().to_owned()),
            Some(v @ (Value::Int(_) | Value::Bool(_))) => {
                Some(" ".repeat(crate::builtins::functions::int_arg(interp, v)?.clamp(0, 1 << 20) as usize))
            }
            Some(v) => {
                let t = interp.type_name(v);
                return Err(PyErr::type_error(format!("can't multiply sequence by non-int of type '{t}'")));
            }
        };
        let (item_sep, key_sep) = match &opts[6] {
            None | Some(Value::None) => ((if indent.is_some() { "," } else { ", " }).to_owned(), ": ".to_owned()),
            Some(v) => {
                let parts = interp.collect(v.clone())?;
                let [a, b] = parts.as_slice() else {
                    let n = parts.len();
                    return Err(PyErr::value_error(format!("not enough values to unpack (expected 2, got {n})")));
                };
                (interp.to_str(a)?, interp.to_str(b)?)
            }
        };
        let default = opts[7].clone().filter(|v| !matches!(v, Value::None));
        Ok(Encoder {
            skipkeys,
            ensure_ascii,
            allow_nan,
            sort_keys,
            indent,
            item_sep,
            key_sep,
            default,
            stack: Vec::new(),
        })
    }

    fn float(&self, x: f64, out: &mut String) -> PyResult<()> {
        if x.is_finite() {
            out.push_str(&float_repr(x));
            return Ok(());
        }
        if !self.allow_nan {
            // The C encoder (no indent) omits the value; the Python one appends its repr.
            let msg = "Out of range float values are not JSON compliant";
            return Err(PyErr::value_error(match self.indent {
                None => msg.to_owned(),
                Some(_) => format!("{msg}: {}", float_repr(x)),
            }));
        }
        out.push_str(if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        });
        Ok(())
    }

    fn encode(&mut self, interp: &mut Interpreter, v: &Value, level: usize, out: &mut String) -> PyResult<()> {
        match v {
            Value::None => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::BigInt(b) => {
                let _ = write!(out, "{b}");
            }
            Value::Float(x) => self.float(*x, out)?,
            Value::Str(s) => quote(s.as_str(), self.ensure_ascii, out),
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) => {
                self.enter(interp, v)?;
                let r = match v {
                    Value::Dict(d) => self.dict(interp, d, level, out),
                    Value::List(l) => {
                        let items = l.items.borrow().clone();
                        self.list(interp, &items, level, out)
                    }
                    Value::Tuple(t) => self.list(interp, t, level, out),
                    _ => Ok(()),
                };
                self.stack.pop();
                r?;
            }
            // Subclasses of the builtin types are encoded as their builtin value.
            other if let Some(base) = other.builtin_base() => {
                let plain = interp.json_plain(other, &base.clone())?;
                self.encode(interp, &plain, level, out)?;
            }
            other => {
                let Some(default) = self.default.clone() else {
                    let t = interp.type_name(other);
                    return Err(PyErr::type_error(format!("Object of type {t} is not JSON serializable")));
                };
                self.enter(interp, other)?;
                let replaced = interp.call(default, vec![other.clone()], &[]);
                let r = replaced.and_then(|r| self.encode(interp, &r, level, out));
                self.stack.pop();
                r?;
            }
        }
        Ok(())
    }

    /// Marks a container as being encoded (circular references and depth checks).
    fn enter(&mut self, interp: &Interpreter, v: &Value) -> PyResult<()> {
        let id = v.heap_ptr().unwrap_or(0);
        if id != 0 && self.stack.contains(&id) {
            return Err(PyErr::value_error("Circular reference detected"));
        }
        if self.stack.len() + interp.depth >= interp.recursion_limit.min(MAX_DEPTH) {
            return Err(PyErr::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded while encoding a JSON object",
            ));
        }
        self.stack.push(id);
        Ok(())
    }

    /// The separator before each item at `level` (with indent, a newline and indentation).
    fn newline(&self, level: usize) -> Option<String> {
        self.indent.as_ref().map(|ind| format!("\n{}", ind.repeat(level)))
    }

    fn list(&mut self, interp: &mut Interpreter, items: &[Value], level: usize, out: &mut String) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        let inner = self.newline(level + 1);
        for (n, item) in items.iter().enumerate() {
            if n > 0 {
                out.push_str(&self.item_sep);
            }
            out.push_str(inner.as_deref().unwrap_or(""));
            self.encode(interp, item, level + 1, out)?;
        }
        out.push_str(self.newline(level).as_deref().unwrap_or(""));
        out.push(']');
        Ok(())
    }

    fn dict(&mut self, interp: &mut Interpreter, d: &PyDict, level: usize, out: &mut String) -> PyResult<()> {
        let mut entries: Vec<(Value, Value)> =
            d.table.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
        if entries.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        if self.sort_keys {
            sort_entries(interp, &mut entries)?;
        }
        out.push('{');
        let inner = self.newline(level + 1);
        let mut first = true;
        for (key, value) in entries {
            // A key of a subclass of str or int is written as its builtin value.
            let key = match key.builtin_base() {
                Some(base) => base.clone(),
                None => key,
            };
            let key = match key {
                Value::Str(s) => s.as_str().to_owned(),
                Value::Float(x) => {
                    let mut s = String::new();
                    self.float(x, &mut s)?;
                    s
                }
                Value::Bool(b) => (if b { "true" } else { "false" }).to_owned(),
                Value::None => "null".to_owned(),
                Value::Int(i) => i.to_string(),
                Value::BigInt(b) => b.to_string(),
                _ if self.skipkeys => continue,
                other => {
                    let t = interp.type_name(&other);
                    return Err(PyErr::type_error(format!("keys must be str, int, float, bool or None, not {t}")));
                }
            };
            if !first {
                out.push_str(&self.item_sep);
            }
            first = false;
            out.push_str(inner.as_deref().unwrap_or(""));
            quote(&key, self.ensure_ascii, out);
            out.push_str(&self.key_sep);
            self.encode(interp, &value, level + 1, out)?;
        }
        out.push_str(self.newline(level).as_deref().unwrap_or(""));
        out.push('}');
        Ok(())
    }
}

/// Sorts dict entries like `sorted(d.items())` (errors such as mixed key types propagate).
fn sort_entries(interp: &mut Interpreter, entries: &mut Vec<(Value, Value)>) -> PyResult<()> {
    let items = entries.drain(..).map(|(k, v)| Value::tuple(vec![k, v])).collect();
    let list = Value::list(items);
    crate::builtins::list_sort(interp, &list, &[])?;
    if let Value::List(l) = &list {
        for item in l.items.borrow().iter() {
            if let Value::Tuple(t) = item
                && let [k, v] = t.as_slice()
            {
                entries.push((k.clone(), v.clone()));
            }
        }
    }
    Ok(())
}

/// Appends `s` as a JSON string literal.
fn quote(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if ensure_ascii && !(' '..='~').contains(&c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

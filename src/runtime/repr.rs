//! `repr()`, `str()`, `format()` and `%`-formatting of values, with CPython's text
//! for every builtin type.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use crate::interpreter::Interpreter;
use crate::value::{ClassKind, Descriptor, Instance, Value};

/// CPython's `repr(float)`.
pub use crate::format::float_repr;

/// Python's `repr` of a str.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::syntax::dump::repr::write_str(&mut out, s);
    out
}

/// Python's `repr` of bytes.
pub fn bytes_repr(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len() + 3);
    crate::syntax::dump::repr::write_bytes(&mut out, b);
    out
}

/// `ascii()`: escapes every non-ASCII character of a repr.
pub fn ascii(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

impl Interpreter {
    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        if let (Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::DictView(_), Some(ptr)) = (v, v.heap_ptr()) {
            if self.repr_stack.contains(&ptr) {
                return Ok(match v {
                    Value::List(_) => "[...]",
                    Value::Dict(_) => "{...}",
                    Value::DictView(_) => "...",
                    _ => "set(...)",
                }
                .into());
            }
            self.repr_stack.push(ptr);
            let r = self.nested_text("repr", |i| i.repr_inner(v));
            self.repr_stack.pop();
            return r;
        }
        match v {
            Value::Tuple(_) | Value::Instance(_) => self.nested_text("repr", |i| i.repr_inner(v)),
            _ => self.repr_inner(v),
        }
    }

    /// Runs `f`, the repr or str (`what`) of an object that may hold others, one
    /// level deeper: an object that contains itself (an exception among its own
    /// args, say) meets `RecursionError` as in CPython, not the end of the stack.
    fn nested_text(&mut self, what: &str, f: impl FnOnce(&mut Interpreter) -> PyResult<String>) -> PyResult<String> {
        if self.depth >= self.recursion_limit {
            return Err(PyErr::new(
                ExcKind::RecursionError,
                format!("maximum recursion depth exceeded while getting the {what} of an object"),
            ));
        }
        self.deeper(f)
    }

    fn repr_inner(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None | Value::Unbound => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => itoa::Buffer::new().format(*i).to_owned(),
            Value::BigInt(b) if b.bits() > 14_284 && b.to_string().trim_start_matches('-').len() > 4300 => {
                return Err(PyErr::value_error(
                    "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                ));
            }
            Value::BigInt(b) => b.to_string(),
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s.as_str()),
            Value::Bytes(b) => bytes_repr(b),
            Value::List(l) => {
                let items = l.items.borrow().clone();
                format!("[{}]", self.join_reprs(&items)?)
            }
            Value::Tuple(t) if t.len() == 1 => format!("({},)", self.nested_repr(&t[0])?),
            Value::Tuple(t) => {
                let t = t.clone();
                format!("({})", self.join_reprs(&t)?)
            }
            Value::Dict(d) => {
                let entries: Vec<(Value, Value)> =
                    d.table.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
                let mut parts = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    parts.push(format!("{}: {}", self.nested_repr(&k)?, self.nested_repr(&v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(s) | Value::FrozenSet(s) => {
                let items: Vec<Value> = s.table.borrow().iter().cloned().collect();
                let frozen = matches!(v, Value::FrozenSet(_));
                match (items.is_empty(), frozen) {
                    (true, false) => "set()".into(),
                    (true, true) => "frozenset()".into(),
                    (false, false) => format!("{{{}}}", self.join_reprs(&items)?),
                    (false, true) => format!("frozenset({{{}}})", self.join_reprs(&items)?),
                }
            }
            Value::Range(r) => r.repr(),
            Value::Slice(s) => {
                format!("slice({}, {}, {})", self.repr(&s.start)?, self.repr(&s.stop)?, self.repr(&s.step)?)
            }
            Value::Instance(_) => self.instance_repr(v)?,
            Value::DictView(view) => {
                let view = view.clone();
                self.view_repr(&view)?
            }
            _ => self.object_repr(v),
        })
    }

    /// Reprs of containers' items: a self-containing container shows `[...]`.
    fn nested_repr(&mut self, v: &Value) -> PyResult<String> {
        self.depth += 1;
        let r = self.with_stack(|i| i.repr(v));
        self.depth -= 1;
        r
    }

    fn join_reprs(&mut self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(self.nested_repr(item)?);
        }
        Ok(parts.join(", "))
    }

    /// `repr` of an instance: `__repr__`, exceptions' default, or `<M.C object at 0x…>`.
    fn instance_repr(&mut self, v: &Value) -> PyResult<String> {
        let Value::Instance(inst) = v else { return Ok(String::new()) };
        let sym = self.syms.repr;
        if let Some(base) = self.base_for(inst, sym) {
            return self.base_repr(inst, &base);
        }
        if let Some(m) = inst.class.lookup(sym) {
            return match self.call(m, vec![v.clone()], &[])? {
                Value::Str(s) => Ok(s.as_str().to_owned()),
                other => {
                    let t = self.type_name(&other);
                    Err(PyErr::type_error(format!("__repr__ returned non-string (type {t})")))
                }
            };
        }
        if let Some(exc) = inst.exc() {
            let args = exc.borrow().args.clone();
            let inner = if args.len() == 1 { self.repr(&args[0])? } else { self.join_reprs(&args)? };
            return Ok(format!("{}({inner})", inst.class.name));
        }
        Ok(self.object_repr(v))
    }

    /// `object.__repr__` (and `BaseException.__repr__`): the repr ignoring any
    /// `__repr__` the object's class defines.
    pub fn default_repr(&mut self, v: &Value) -> PyResult<String> {
        if let Value::Instance(inst) = v
            && let Some(exc) = inst.exc()
        {
            let args = exc.borrow().args.clone();
            let inner = if args.len() == 1 { self.repr(&args[0])? } else { self.join_reprs(&args)? };
            return Ok(format!("{}({inner})", inst.class.name));
        }
        match v {
            Value::Instance(_) => Ok(self.object_repr(v)),
            other => self.repr(other),
        }
    }

    /// `<… at 0x…>` forms for objects without a custom repr.
    fn object_repr(&self, v: &Value) -> String {
        let addr = v.heap_ptr().unwrap_or(0);
        match v {
            Value::Instance(i) if i.class.module == "builtins" => format!("<{} object at {addr:#x}>", i.class.qualname),
            Value::Instance(i) => format!("<{}.{} object at {addr:#x}>", i.class.module, i.class.qualname),
            Value::Class(c) if c.kind == ClassKind::Builtin || c.module == "builtins" => {
                format!("<class '{}'>", c.name)
            }
            Value::Class(c) => format!("<class '{}.{}'>", c.module, c.qualname),
            Value::Function(f) => format!("<function {} at {addr:#x}>", f.code.qualname),
            Value::Native(n) => format!("<built-in function {}>", n.name),
            Value::Method(m) => {
                let name = match &m.func {
                    Value::Function(f) => f.code.qualname.clone(),
                    Value::Native(n) => n.name.clone(),
                    _ => "?".into(),
                };
                format!("<bound method {name} of {}>", self.object_repr(&m.receiver))
            }
            Value::Module(m) => format!("<module '{}'>", m.name),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Iterator(it) => match &*it.borrow() {
                super::iter::PyIter::Generator(g) => {
                    let name = g.frame.as_ref().map_or_else(|| "generator".to_owned(), |f| f.code.qualname.clone());
                    format!("<generator object {name} at {addr:#x}>")
                }
                _ => format!("<{} object at {addr:#x}>", self.class_of(v).name),
            },
            Value::Coroutine(c) => {
                let kind =
                    if c.kind() == super::coroutine::CoroKind::Coroutine { "coroutine" } else { "async_generator" };
                format!("<{kind} object {} at {addr:#x}>", c.code.qualname)
            }
            Value::Descriptor(d) => match &**d {
                Descriptor::Property { .. } => format!("<property object at {addr:#x}>"),
                Descriptor::Static(_) => format!("<staticmethod object at {addr:#x}>"),
                Descriptor::ClassMethod(_) => format!("<classmethod object at {addr:#x}>"),
            },
            _ => format!("<object at {addr:#x}>"),
        }
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            Value::Instance(inst) => self.nested_text("str", |i| i.instance_to_str(v, inst)),
            _ => self.repr(v),
        }
    }

    /// `str(v)` of an instance.
    fn instance_to_str(&mut self, v: &Value, inst: &Instance) -> PyResult<String> {
        if let Some(s) = self.base_to_str(v, inst)? {
            return Ok(s);
        }
        let sym = self.syms.str;
        if let Some(m) = inst.class.lookup(sym) {
            return match self.call(m, vec![v.clone()], &[])? {
                Value::Str(s) => Ok(s.as_str().to_owned()),
                other => {
                    let t = self.type_name(&other);
                    Err(PyErr::type_error(format!("__str__ returned non-string (type {t})")))
                }
            };
        }
        self.default_str(v)
    }

    /// `object.__str__` (and `BaseException.__str__` for exceptions): what `str`
    /// gives when the class defines no `__str__`.
    pub fn default_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Instance(inst) => {
                if let Some(exc) = inst.exc() {
                    let args = exc.borrow().args.clone();
                    let is_key_error = inst.class.is_subclass(&self.types.exception(ExcKind::KeyError));
                    let is_os_error = inst.class.is_subclass(&self.types.exception(ExcKind::OSError));
                    if let ([errno, strerror, ..], true) = (args.as_slice(), is_os_error) {
                        let base = format!("[Errno {}] {}", self.to_str(errno)?, self.to_str(strerror)?);
                        let filename = self.intern("filename");
                        let file = inst.attrs.borrow().get(&filename).cloned();
                        return Ok(match file {
                            Some(f) => format!("{base}: {}", self.repr(&f)?),
                            None => base,
                        });
                    }
                    return match args.as_slice() {
                        [] => Ok(String::new()),
                        [one] if is_key_error => self.repr(one),
                        [one] => self.to_str(one),
                        _ => self.repr(&Value::tuple(args)),
                    };
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Instance(inst) = v {
            let sym = self.syms.format;
            if let Some(base) = self.base_for(inst, sym) {
                if spec.is_empty() {
                    return self.to_str(v);
                }
                return crate::builtins::format_value(self, &base, spec);
            }
            if let Some(m) = inst.class.lookup(sym) {
                return match self.call(m, vec![v.clone(), Value::str(spec)], &[])? {
                    Value::Str(s) => Ok(s.as_str().to_owned()),
                    _ => Err(PyErr::type_error("__format__ must return a str")),
                };
            }
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        crate::builtins::format_value(self, v, spec)
    }

    /// `fmt % args`.
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        crate::builtins::percent_format(self, fmt, args)
    }
}

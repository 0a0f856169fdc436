//! Constructors of the builtin types (`int(...)`, `list(...)`, ...) and the
//! `property`/`staticmethod`/`classmethod`/`super` objects.

use super::functions::{arity, int_arg, kwarg};
use super::native;
use super::numbers::{int_to_f64, parse_float, parse_int};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::runtime::ops::as_bigint;
use crate::value::{Class, Descriptor, PyDict, PySlice, Value};
use std::rc::Rc;

/// Adds a method (or any attribute) to a builtin class.
pub fn add_method(interp: &mut Interpreter, class: &Rc<Class>, name: &str, value: Value) {
    let sym = interp.intern(name);
    let value = match value {
        Value::Native(n) => Value::Native(Rc::new(crate::value::NativeFunction {
            name: if n.name.contains('.') { n.name.clone() } else { qualified(&class.name, &n.name) },
            min_args: 1,
            reads_frame: false,
            ..(*n).clone()
        })),
        other => other,
    };
    class.set_attr(sym, value);
}

/// `owner.name`, built without the formatting machinery (hundreds of builtin
/// methods are named this way at every start-up).
fn qualified(owner: &str, name: &str) -> String {
    let mut s = String::with_capacity(owner.len() + 1 + name.len());
    s.push_str(owner);
    s.push('.');
    s.push_str(name);
    s
}

/// `object.__new__(C, *args)` refuses arguments, as CPython's does, when `C`
/// overrides `__new__` or does not override `__init__`.
fn object_new_check_args(interp: &mut Interpreter, class: &Rc<Class>, extra: usize) -> PyResult<()> {
    if extra == 0 || class.kind == crate::value::ClassKind::Exception {
        return Ok(());
    }
    let own_new = !matches!(class.lookup(interp.syms.new), Some(Value::Native(n)) if n.name == "object.__new__");
    if own_new {
        return Err(PyErr::type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
    }
    if class.lookup(interp.syms.init).is_none() {
        return Err(PyErr::type_error(format!("{}() takes no arguments", class.name)));
    }
    Ok(())
}

/// Registers constructors and the methods of the builtin types.
pub fn install(interp: &mut Interpreter) {
    let t = &interp.types;
    let ctors: Vec<(Rc<Class>, Value)> = vec![
        (
            t.object.clone(),
            native("object.__new__", |i, a, _| match a.first() {
                Some(Value::Class(c)) => {
                    super::subclass::check_object_new(i, c)?;
                    object_new_check_args(i, c, a.len() - 1)?;
                    Ok(i.bare_instance(&c.clone(), &a[1..]))
                }
                _ => Err(PyErr::type_error("object.__new__(X): X is not a type object")),
            }),
        ),
        (
            t.type_.clone(),
            native("type", |i, a, _| {
                if a.len() == 4 {
                    return type_new(i, &a[1], &a[2], &a[3]);
                }
                if a.len() != 2 {
                    return Err(PyErr::type_error("type() takes 1 or 3 arguments"));
                }
                Ok(Value::Class(i.class_of(&a[1])))
            }),
        ),
        (t.int.clone(), native("int", int_new)),
        (
            t.bool.clone(),
            native("bool", |i, a, _| {
                arity("bool", &a[1..], 0, 1)?;
                Ok(Value::Bool(match a.get(1) {
                    Some(v) => i.truthy(v)?,
                    None => false,
                }))
            }),
        ),
        (t.float.clone(), native("float", float_new)),
        (t.str.clone(), native("str", str_new)),
        (
            t.list.clone(),
            native("list", |i, a, _| {
                arity("list", &a[1..], 0, 1)?;
                Ok(Value::list(match a.get(1) {
                    Some(v) => i.collect(v.clone())?,
                    None => Vec::new(),
                }))
            }),
        ),
        (
            t.tuple.clone(),
            native("tuple", |i, a, _| {
                arity("tuple", &a[1..], 0, 1)?;
                Ok(match a.get(1) {
                    Some(Value::Tuple(t)) => Value::Tuple(t.clone()),
                    Some(v) => Value::tuple(i.collect(v.clone())?),
                    None => Value::tuple(Vec::new()),
                })
            }),
        ),
        (
            t.dict.clone(),
            native("dict", |i, a, k| {
                arity("dict", &a[1..], 0, 1)?;
                let d = Rc::new(PyDict::default());
                if let Some(src) = a.get(1) {
                    i.dict_update(&d, src.clone())?;
                }
                for (name, v) in k {
                    let key = Value::str(i.name(*name));
                    i.dict_set(&d, key, v.clone())?;
                }
                Ok(Value::Dict(d))
            }),
        ),
        (
            t.set.clone(),
            native("set", |i, a, _| {
                arity("set", &a[1..], 0, 1)?;
                let items = match a.get(1) {
                    Some(v) => i.collect(v.clone())?,
                    None => Vec::new(),
                };
                Ok(Value::Set(i.set_from(items)?))
            }),
        ),
        (
            t.frozenset.clone(),
            native("frozenset", |i, a, _| {
                arity("frozenset", &a[1..], 0, 1)?;
                let items = match a.get(1) {
                    Some(v) => i.collect(v.clone())?,
                    None => Vec::new(),
                };
                Ok(Value::FrozenSet(i.set_from(items)?))
            }),
        ),
        (t.range.clone(), native("range", super::range::range_new)),
        (
            t.slice.clone(),
            native("slice", |_, a, _| {
                arity("slice", &a[1..], 1, 3)?;
                let get = |n: usize| a.get(n).cloned().unwrap_or(Value::None);
                let (start, stop, step) =
                    if a.len() == 2 { (Value::None, get(1), Value::None) } else { (get(1), get(2), get(3)) };
                Ok(Value::Slice(Rc::new(PySlice { start, stop, step })))
            }),
        ),
        (t.bytes.clone(), native("bytes", bytes_new)),
        (
            t.property.clone(),
            native("property", |_, a, _| {
                let get = |n: usize| a.get(n).cloned().unwrap_or(Value::None);
                Ok(Value::Descriptor(Rc::new(Descriptor::Property {
                    get: get(1),
                    set: get(2),
                    del: get(3),
                    doc: get(4),
                })))
            }),
        ),
        (
            t.staticmethod.clone(),
            native("staticmethod", |_, a, _| {
                arity("staticmethod", &a[1..], 1, 1)?;
                Ok(Value::Descriptor(Rc::new(Descriptor::Static(a[1].clone()))))
            }),
        ),
        (
            t.classmethod.clone(),
            native("classmethod", |_, a, _| {
                arity("classmethod", &a[1..], 1, 1)?;
                Ok(Value::Descriptor(Rc::new(Descriptor::ClassMethod(a[1].clone()))))
            }),
        ),
    ];
    let object = interp.types.object.clone();
    let init_subclass = native("__init_subclass__", |_, a, k| match (a.first(), k.is_empty()) {
        (Some(Value::Class(c)), false) => {
            Err(PyErr::type_error(format!("{}.__init_subclass__() takes no keyword arguments", c.name)))
        }
        _ => Ok(Value::None),
    });
    let init_subclass = Value::Descriptor(Rc::new(crate::value::Descriptor::ClassMethod(init_subclass)));
    add_method(interp, &object, "__init_subclass__", init_subclass);
    for (class, ctor) in ctors {
        add_method(interp, &class, "__new__", ctor);
    }
    let property = interp.types.property.clone();
    for (name, which) in [("setter", 1usize), ("getter", 0), ("deleter", 2)] {
        add_method(
            interp,
            &property,
            name,
            native(name, move |_, a, _| {
                let (Some(Value::Descriptor(d)), Some(f)) = (a.first(), a.get(1)) else {
                    return Err(PyErr::type_error("descriptor needs a function"));
                };
                let Descriptor::Property { get, set, del, doc } = &**d else {
                    return Err(PyErr::type_error("not a property"));
                };
                let mut parts = [get.clone(), set.clone(), del.clone()];
                parts[which] = f.clone();
                let [get, set, del] = parts;
                Ok(Value::Descriptor(Rc::new(Descriptor::Property { get, set, del, doc: doc.clone() })))
            }),
        );
    }
    let object = interp.types.object.clone();
    add_method(
        interp,
        &object,
        "__setattr__",
        native("__setattr__", |i, a, _| {
            arity("__setattr__", &a[1..], 2, 2)?;
            let Value::Str(name) = &a[1] else { return Err(PyErr::type_error("attribute name must be string")) };
            let sym = i.intern(name.as_str());
            i.setattr_plain(&a[0], sym, a[2].clone())?;
            Ok(Value::None)
        }),
    );
    add_method(
        interp,
        &object,
        "__delattr__",
        native("__delattr__", |i, a, _| {
            arity("__delattr__", &a[1..], 1, 1)?;
            let Value::Str(name) = &a[1] else { return Err(PyErr::type_error("attribute name must be string")) };
            let sym = i.intern(name.as_str());
            i.delattr_plain(&a[0], sym)?;
            Ok(Value::None)
        }),
    );
    let base_exc = interp.types.exception(ExcKind::BaseException);
    add_method(
        interp,
        &base_exc,
        "__init__",
        native("__init__", |_, a, _| {
            if let Some(Value::Instance(inst)) = a.first()
                && let Some(exc) = inst.exc()
            {
                exc.borrow_mut().args = a[1..].to_vec();
            }
            Ok(Value::None)
        }),
    );
    add_method(interp, &base_exc, "with_traceback", native("with_traceback", |_, a, _| Ok(a[0].clone())));
    add_method(interp, &base_exc, "add_note", native("add_note", add_note));
    let sup = native("super", super_new);
    let sym = interp.intern("super");
    interp.builtins.globals.borrow_mut().set(sym, sup);
    super::methods::install(interp);
}

/// `BaseException.add_note(note)` (3.11): appends to the `__notes__` list, creating
/// it on first use; the report of an uncaught exception prints the notes.
fn add_note(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let [Value::Instance(inst), note] = args else {
        let class = args.first().map_or_else(|| "BaseException".to_owned(), |v| interp.type_name(v));
        let given = args.len().saturating_sub(1);
        return Err(PyErr::type_error(format!("{class}.add_note() takes exactly one argument ({given} given)")));
    };
    if !matches!(note, Value::Str(_)) {
        return Err(PyErr::type_error(format!("note must be a str, not '{}'", interp.type_name(note))));
    }
    let sym = interp.intern("__notes__");
    let notes = inst.attrs.borrow().get(&sym).cloned();
    match notes {
        Some(Value::List(l)) => l.items.borrow_mut().push(note.clone()),
        Some(_) => return Err(PyErr::type_error("Cannot add note: __notes__ is not a list")),
        None => inst.set_attr(sym, Value::list(vec![note.clone()])),
    }
    Ok(Value::None)
}

/// `type(name, bases, namespace)`: builds a class like a `class` statement does.
fn type_new(interp: &mut Interpreter, name: &Value, bases: &Value, namespace: &Value) -> PyResult<Value> {
    let Value::Str(name) = name else { return Err(PyErr::type_error("type.__new__() argument 1 must be str")) };
    let Value::Tuple(bases) = bases else { return Err(PyErr::type_error("type.__new__() argument 2 must be tuple")) };
    let Value::Dict(namespace) = namespace else {
        return Err(PyErr::type_error("type.__new__() argument 3 must be dict"));
    };
    let mut classes = Vec::new();
    for b in bases.iter() {
        match b {
            Value::Class(c) => classes.push(c.clone()),
            other => return Err(PyErr::type_error(format!("bases must be types, not {}", interp.type_name(other)))),
        }
    }
    let mut dict = crate::intern::AttrMap::default();
    let entries: Vec<(Value, Value)> =
        namespace.table.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
    for (k, v) in entries {
        let Value::Str(k) = k else { continue };
        let sym = interp.intern(k.as_str());
        dict.insert(sym, v);
    }
    let module = interp.intern("__module__");
    if !dict.contains_key(&module) {
        dict.insert(module, Value::str("__main__"));
    }
    let class = interp.new_class(name.as_str(), name.as_str(), classes, dict)?;
    interp.set_names(&class)?;
    Ok(Value::Class(class))
}

fn int_new(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let args = &args[1..];
    super::functions::arity_named("int", args, &[], 2)?;
    let base = match kwarg(interp, kwargs, "base").or_else(|| args.get(1).cloned()) {
        Some(b) => Some(int_arg(interp, &b)?),
        None => None,
    };
    let Some(v) = args.first() else { return Ok(Value::Int(0)) };
    let v = &interp.builtin_unless(v, "__int__");
    match (v, base) {
        (Value::Str(s), b) => int_from_text(s.as_str(), b, || crate::runtime::repr::str_repr(s.as_str())),
        // Bytes are parsed as ASCII text (any other byte makes the literal invalid).
        (Value::Bytes(bytes), b) => {
            let text = if bytes.is_ascii() { std::str::from_utf8(bytes).unwrap_or("") } else { "\u{0}" };
            int_from_text(text, b, || crate::runtime::repr::bytes_repr(bytes))
        }
        (_, Some(_)) => Err(PyErr::type_error("int() can't convert non-string with explicit base")),
        (Value::Float(f), None) => {
            if f.is_nan() {
                return Err(PyErr::value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(PyErr::overflow("cannot convert float infinity to integer"));
            }
            Ok(Value::from_bigint(num_traits::FromPrimitive::from_f64(f.trunc()).unwrap_or_default()))
        }
        (v, None) if !matches!(v, Value::Instance(_)) && as_bigint(v).is_some() => {
            Ok(Value::from_bigint(as_bigint(v).unwrap_or_default()))
        }
        (other, None) => {
            for dunder in ["__int__", "__index__"] {
                let sym = interp.intern(dunder);
                if let Some(m) = interp.class_of(other).lookup(sym) {
                    return interp.call(m, vec![other.clone()], &[]);
                }
            }
            Err(PyErr::type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                interp.type_name(other)
            )))
        }
    }
}

/// `str(object)`, or `str(bytes, encoding[, errors])`, which decodes.
fn str_new(i: &mut Interpreter, a: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    arity("str", &a[1..], 0, 3)?;
    check_codec_args(i, a, "str")?;
    match a.get(1) {
        None => Ok(Value::str("")),
        Some(v) if a.len() == 2 => Ok(Value::string(i.to_str(v)?)),
        Some(b @ Value::Bytes(_)) => {
            let decode = i.intern("decode");
            let method = i.getattr(b, decode)?;
            i.call(method, a[2..].to_vec(), &[])
        }
        Some(Value::Str(_)) => Err(PyErr::type_error("decoding str is not supported")),
        Some(v) => {
            let t = i.type_name(v);
            Err(PyErr::type_error(format!("decoding to str: need a bytes-like object, {t} found")))
        }
    }
}

/// The `encoding` and `errors` arguments of `str()` and `bytes()` must be str.
fn check_codec_args(i: &Interpreter, a: &[Value], func: &str) -> PyResult<()> {
    for (n, name) in [(2, "encoding"), (3, "errors")] {
        if let Some(v) = a.get(n).filter(|v| !matches!(v, Value::Str(_))) {
            let t = i.type_name(v);
            return Err(PyErr::type_error(format!("{func}() argument '{name}' must be str, not {t}")));
        }
    }
    Ok(())
}

/// `bytes(source[, encoding[, errors]])` with CPython's errors.
fn bytes_new(i: &mut Interpreter, a: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    arity("bytes", &a[1..], 0, 3)?;
    check_codec_args(i, a, "bytes")?;
    Ok(Value::Bytes(Rc::new(match a.get(1) {
        None => Vec::new(),
        Some(Value::Str(_)) if a.len() == 2 => return Err(PyErr::type_error("string argument without an encoding")),
        Some(s @ Value::Str(_)) => {
            let encode = i.intern("encode");
            let method = i.getattr(s, encode)?;
            return i.call(method, a[2..].to_vec(), &[]);
        }
        Some(_) if a.len() > 2 => return Err(PyErr::type_error("encoding without a string argument")),
        Some(Value::Int(n)) => super::bytes_methods::zeroed(*n)?,
        Some(Value::Bool(b)) => super::bytes_methods::zeroed(i64::from(*b))?,
        Some(Value::BigInt(_)) => return Err(PyErr::overflow("cannot fit 'int' into an index-sized integer")),
        Some(Value::Bytes(b)) => b.to_vec(),
        Some(v) => {
            let items = match i.collect(v.clone()) {
                Ok(items) => items,
                Err(e) if super::functions::is_kind(i, &e, ExcKind::TypeError) => {
                    let t = i.type_name(v);
                    return Err(PyErr::type_error(format!("cannot convert '{t}' object to bytes")));
                }
                Err(e) => return Err(e),
            };
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let n = int_arg(i, &item)?;
                out.push(u8::try_from(n).map_err(|_| PyErr::value_error("bytes must be in range(0, 256)"))?);
            }
            out
        }
    })))
}

/// `int(text, base)` for str and bytes; `repr` shows the argument in errors.
fn int_from_text(text: &str, base: Option<i64>, repr: impl Fn() -> String) -> PyResult<Value> {
    let base = base.unwrap_or(10);
    if base != 0 && !(2..=36).contains(&base) {
        return Err(PyErr::value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    match parse_int(text, base as u32) {
        Ok(n) => Ok(Value::from_bigint(n)),
        Err(Some(n)) => Err(PyErr::value_error(format!(
            "Exceeds the limit (4300 digits) for integer string conversion: value has {n} digits; use \
             sys.set_int_max_str_digits() to increase the limit"
        ))),
        // CPython's `%.200R`: the repr cut to 200 characters.
        Err(None) => Err(PyErr::value_error(format!(
            "invalid literal for int() with base {base}: {}",
            repr().chars().take(200).collect::<String>()
        ))),
    }
}

fn float_new(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let args = &args[1..];
    arity("float", args, 0, 1)?;
    let Some(v) = args.first() else { return Ok(Value::Float(0.0)) };
    let v = &interp.builtin_unless(v, "__float__");
    match v {
        Value::Float(f) => Ok(Value::Float(*f)),
        Value::Str(s) => parse_float(s.as_str()).map(Value::Float).ok_or_else(|| {
            PyErr::value_error(format!(
                "could not convert string to float: {}",
                crate::runtime::repr::str_repr(s.as_str())
            ))
        }),
        Value::Bytes(b) => {
            let parsed = std::str::from_utf8(b).ok().filter(|t| t.is_ascii()).and_then(parse_float);
            parsed.map(Value::Float).ok_or_else(|| {
                let repr = crate::runtime::repr::bytes_repr(b);
                PyErr::value_error(format!("could not convert string to float: {repr}"))
            })
        }
        v if !matches!(v, Value::Instance(_)) && as_bigint(v).is_some() => {
            Ok(Value::Float(int_to_f64(&as_bigint(v).unwrap_or_default())?))
        }
        other => {
            let sym = interp.intern("__float__");
            match interp.class_of(other).lookup(sym) {
                Some(m) => interp.call(m, vec![other.clone()], &[]),
                None => Err(PyErr::type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    interp.type_name(other)
                ))),
            }
        }
    }
}

/// `super(cls, obj)`: a proxy whose attribute lookups start after `cls` in obj's MRO.
fn super_new(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let (Some(Value::Class(cls)), Some(obj)) = (args.first(), args.get(1)) else {
        return Err(PyErr::new(ExcKind::RuntimeError, "super(): no arguments"));
    };
    let super_class = interp.types.super_.clone();
    let proxy = interp.bare_instance(&super_class, &[]);
    if let Value::Instance(p) = &proxy {
        let (this, self_sym) = (interp.intern("__thisclass__"), interp.intern("__self__"));
        p.attrs.borrow_mut().insert(this, Value::Class(cls.clone()));
        p.attrs.borrow_mut().insert(self_sym, obj.clone());
    }
    Ok(proxy)
}

/// Sorts a list in place (`key=`, `reverse=`), stable like CPython's.
pub fn list_sort(interp: &mut Interpreter, list: &Value, kwargs: &[(Symbol, Value)]) -> PyResult<()> {
    let Value::List(l) = list else { return Ok(()) };
    super::functions::known_keywords(interp, kwargs, "sort", &["key", "reverse"])?;
    let key = kwarg(interp, kwargs, "key").filter(|k| !matches!(k, Value::None));
    let reverse = match kwarg(interp, kwargs, "reverse") {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    // As in CPython, the list is empty while it sorts; what the key or `__lt__`
    // put in it meanwhile is dropped, and (with no other error) reported. The
    // emptied vector has no buffer until something is added.
    let items = std::mem::take(&mut *l.items.borrow_mut());
    let (items, err) = sort_items(interp, items, key, reverse);
    let modified = l.items.borrow().capacity() != 0;
    *l.items.borrow_mut() = items;
    match err {
        Some(e) => Err(e),
        None if modified => Err(PyErr::value_error("list modified during sort")),
        None => Ok(()),
    }
}

/// Sorts `items` by `key`: the items in their final order (the original order if a
/// key raised, partly sorted if a comparison did) and the error, if any.
fn sort_items(
    interp: &mut Interpreter,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> (Vec<Value>, Option<PyErr>) {
    let mut keyed = Vec::with_capacity(items.len());
    let mut items = items.into_iter();
    for item in items.by_ref() {
        let k = match &key {
            Some(f) => match interp.call(f.clone(), vec![item.clone()], &[]) {
                Ok(k) => k,
                Err(e) => {
                    let restored = keyed.into_iter().map(|(_, v)| v).chain(std::iter::once(item)).chain(items);
                    return (restored.collect(), Some(e));
                }
            },
            None => item.clone(),
        };
        keyed.push((k, item));
    }
    if reverse {
        keyed.reverse();
    }
    let (mut keyed, err) = match merge_sort(interp, keyed) {
        Ok(k) => (k, None),
        Err((e, partial)) => (partial, Some(e)),
    };
    if reverse {
        keyed.reverse();
    }
    (keyed.into_iter().map(|(_, v)| v).collect(), err)
}

type Keyed = Vec<(Value, Value)>;

/// A stable bottom-up merge sort that only asks "is b < a?" (Python's sort protocol),
/// so an inconsistent `__lt__` gives some order instead of a panic.
fn merge_sort(interp: &mut Interpreter, mut items: Keyed) -> Result<Keyed, (PyErr, Keyed)> {
    let n = items.len();
    let mut width = 1;
    while width < n {
        let mut out: Keyed = Vec::with_capacity(n);
        let mut rest = std::mem::take(&mut items).into_iter().peekable();
        while rest.peek().is_some() {
            let left: Keyed = rest.by_ref().take(width).collect();
            let right: Keyed = rest.by_ref().take(width).collect();
            let mut l = left.into_iter().peekable();
            let mut r = right.into_iter().peekable();
            while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
                match interp.less_than(&b.0, &a.0) {
                    Ok(true) => out.extend(r.next()),
                    Ok(false) => out.extend(l.next()),
                    Err(e) => {
                        out.extend(l);
                        out.extend(r);
                        out.extend(rest);
                        return Err((e, out));
                    }
                }
            }
            out.extend(l);
            out.extend(r);
        }
        items = out;
        width *= 2;
    }
    Ok(items)
}

//! The builtin functions (`print`, `len`, `sorted`, `isinstance`, ...).

use super::native;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ErrKind, ExcKind, PyErr};
use crate::runtime::iter::{DictPart, PyIter};
use crate::runtime::ops::as_bigint;
use crate::value::{Class, Value};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Checks the positional argument count with CPython's wording.
#[inline(always)]
pub fn arity(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(arity_error(name, n, min, max))
}

/// The `TypeError` of [`arity`], built out of line (the check itself is inlined
/// into every native function).
#[cold]
#[inline(never)]
fn arity_error(name: &str, n: usize, min: usize, max: usize) -> PyErr {
    PyErr::type_error(if min == max && min == 1 {
        format!("{name}() takes exactly one argument ({n} given)")
    } else if max == 0 {
        format!("{name}() takes no arguments ({n} given)")
    } else if min == max {
        format!("{name} expected {min} arguments, got {n}")
    } else if n < min {
        format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
    })
}

/// CPython's argument-clinic check of an exact count: `sorted expected 1 argument,
/// got 2` (where [`arity`] of one says `takes exactly one argument`).
pub fn arity_exact(name: &str, args: &[Value], n: usize) -> PyResult<()> {
    if args.len() == n {
        return Ok(());
    }
    let s = if n == 1 { "" } else { "s" };
    Err(PyErr::type_error(format!("{name} expected {n} argument{s}, got {}", args.len())))
}

/// The count check of a function with named required parameters: `pow() missing
/// required argument 'exp' (pos 2)`, `round() takes at most 2 arguments (3 given)`.
pub fn arity_named(name: &str, args: &[Value], required: &[&str], max: usize) -> PyResult<()> {
    let n = args.len();
    if let Some(missing) = required.get(n) {
        return Err(PyErr::type_error(format!("{name}() missing required argument '{missing}' (pos {})", n + 1)));
    }
    if n > max {
        return Err(PyErr::type_error(format!("{name}() takes at most {max} arguments ({n} given)")));
    }
    Ok(())
}

/// Rejects keyword arguments for functions that take none.
#[inline(always)]
pub fn no_kwargs(name: &str, kwargs: &[(Symbol, Value)]) -> PyResult<()> {
    if kwargs.is_empty() { Ok(()) } else { Err(no_kwargs_error(name)) }
}

#[cold]
#[inline(never)]
fn no_kwargs_error(name: &str) -> PyErr {
    PyErr::type_error(format!("{name}() takes no keyword arguments"))
}

/// CPython's `TypeError` for a keyword argument that `fname` does not take.
pub fn known_keywords(interp: &Interpreter, kwargs: &[(Symbol, Value)], fname: &str, known: &[&str]) -> PyResult<()> {
    match kwargs.iter().map(|(k, _)| interp.name(*k)).find(|k| !known.contains(k)) {
        Some(k) => Err(PyErr::type_error(format!("'{k}' is an invalid keyword argument for {fname}()"))),
        None => Ok(()),
    }
}

/// A keyword argument by name.
pub fn kwarg(interp: &Interpreter, kwargs: &[(Symbol, Value)], name: &str) -> Option<Value> {
    kwargs.iter().find(|(k, _)| interp.name(*k) == name).map(|(_, v)| v.clone())
}

/// An argument that must be an int (an index-sized one).
pub fn int_arg(interp: &mut Interpreter, v: &Value) -> PyResult<i64> {
    if let Some(i) = interp.index_value(v)? {
        return int_arg(interp, &i);
    }
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::BigInt(_) => Err(PyErr::overflow("Python int too large to convert to C ssize_t")),
        _ => Err(PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", interp.type_name(v)))),
    }
}

/// [`int_arg`] for a parameter CPython reads as a C `int`: `OverflowError` outside
/// 32 bits.
pub fn c_int_arg(interp: &mut Interpreter, v: &Value) -> PyResult<i64> {
    let too_large = || PyErr::overflow("Python int too large to convert to C int");
    match int_arg(interp, v) {
        Ok(n) if i32::try_from(n).is_ok() => Ok(n),
        Ok(_) => Err(too_large()),
        Err(e) if is_kind(interp, &e, ExcKind::OverflowError) => Err(too_large()),
        Err(e) => Err(e),
    }
}

/// Registers the builtin functions.
pub fn install(interp: &mut Interpreter) {
    let len = native("len", |i, a, k| {
        no_kwargs("len", k)?;
        arity("len", a, 1, 1)?;
        Ok(Value::Int(i.len(&a[0])? as i64))
    });
    let isinstance = native("isinstance", |i, a, _| {
        arity("isinstance", a, 2, 2)?;
        Ok(Value::Bool(isinstance(i, &a[0], &a[1])?))
    });
    let native_of = |v: &Value| match v {
        Value::Native(n) => Some(n.clone()),
        _ => None,
    };
    interp.specialised_builtins[crate::runtime::builtin_calls::Specialised::Len as usize] = native_of(&len);
    interp.specialised_builtins[crate::runtime::builtin_calls::Specialised::IsInstance as usize] =
        native_of(&isinstance);
    let fns: Vec<(&str, Value)> = vec![
        ("print", native("print", print)),
        ("len", len),
        (
            "repr",
            native("repr", |i, a, _| {
                arity("repr", a, 1, 1)?;
                Ok(Value::string(i.repr(&a[0])?))
            }),
        ),
        (
            "ascii",
            native("ascii", |i, a, _| {
                arity("ascii", a, 1, 1)?;
                Ok(Value::string(crate::runtime::repr::ascii(&i.repr(&a[0])?)))
            }),
        ),
        ("isinstance", isinstance),
        (
            "issubclass",
            native("issubclass", |i, a, _| {
                arity("issubclass", a, 2, 2)?;
                let Value::Class(c) = &a[0] else {
                    return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
                };
                Ok(Value::Bool(class_matches(i, c, &a[1], "issubclass")?))
            }),
        ),
        (
            "iter",
            native("iter", |i, a, _| match a {
                [v] => i.iter(v.clone()),
                [f, sentinel] if i.callable(f) => Ok(iterator(PyIter::Callable(f.clone(), sentinel.clone()))),
                [_, _] => Err(PyErr::type_error("iter(v, w): v must be callable")),
                _ => Err(arity_error("iter", a.len(), 1, 2)),
            }),
        ),
        ("next", native("next", next_builtin)),
        (
            "callable",
            native("callable", |i, a, _| {
                arity("callable", a, 1, 1)?;
                Ok(Value::Bool(i.callable(&a[0])))
            }),
        ),
        (
            "id",
            native("id", |_, a, _| {
                arity("id", a, 1, 1)?;
                Ok(Value::Int(a[0].identity()))
            }),
        ),
        (
            "hash",
            native("hash", |i, a, _| {
                arity("hash", a, 1, 1)?;
                Ok(Value::Int(i.hash(&a[0])?))
            }),
        ),
        ("getattr", native("getattr", getattr_builtin)),
        (
            "setattr",
            native("setattr", |i, a, _| {
                arity("setattr", a, 3, 3)?;
                let name = attr_name(i, &a[1])?;
                i.setattr(&a[0], name, a[2].clone())?;
                Ok(Value::None)
            }),
        ),
        (
            "hasattr",
            native("hasattr", |i, a, _| {
                arity("hasattr", a, 2, 2)?;
                let name = attr_name(i, &a[1])?;
                match i.getattr(&a[0], name) {
                    Ok(_) => Ok(Value::Bool(true)),
                    Err(e) if is_kind(i, &e, ExcKind::AttributeError) => Ok(Value::Bool(false)),
                    Err(e) => Err(e),
                }
            }),
        ),
        (
            "delattr",
            native("delattr", |i, a, _| {
                arity("delattr", a, 2, 2)?;
                let name = attr_name(i, &a[1])?;
                i.delattr(&a[0], name)?;
                Ok(Value::None)
            }),
        ),
        (
            "enumerate",
            native("enumerate", |i, a, k| {
                if a.len() + k.len() > 2 {
                    let n = a.len() + k.len();
                    return Err(PyErr::type_error(format!("enumerate() takes at most 2 arguments ({n} given)")));
                }
                let start = match kwarg(i, k, "start").or_else(|| a.get(1).cloned()) {
                    Some(v) => Value::from_bigint(big_arg(i, &v)?),
                    None => Value::Int(0),
                };
                let Some(it) = a.first() else {
                    return Err(PyErr::type_error("enumerate() missing required argument 'iterable'"));
                };
                let it = i.iter(it.clone())?;
                Ok(iterator(PyIter::Enumerate(it, start)))
            }),
        ),
        (
            "zip",
            native("zip", |i, a, k| {
                let strict = zip_strict_kwarg(i, k)?;
                let mut iters = Vec::new();
                for v in a {
                    iters.push(i.iter(v.clone())?);
                }
                Ok(iterator(PyIter::Zip(iters, strict)))
            }),
        ),
        (
            "map",
            native("map", |i, a, _| {
                if a.len() < 2 {
                    return Err(PyErr::type_error("map() must have at least two arguments."));
                }
                let mut iters = Vec::new();
                for v in &a[1..] {
                    iters.push(i.iter(v.clone())?);
                }
                Ok(iterator(PyIter::Map(a[0].clone(), iters)))
            }),
        ),
        (
            "filter",
            native("filter", |i, a, _| {
                arity("filter", a, 2, 2)?;
                let it = i.iter(a[1].clone())?;
                Ok(iterator(PyIter::Filter(a[0].clone(), it)))
            }),
        ),
        ("reversed", native("reversed", reversed)),
        (
            "sorted",
            native("sorted", |i, a, k| {
                arity_exact("sorted", a, 1)?;
                let items = i.collect(a[0].clone())?;
                let list = Value::list(items);
                super::types::list_sort(i, &list, k)?;
                Ok(list)
            }),
        ),
        ("sum", native("sum", sum)),
        ("min", native("min", |i, a, k| min_max(i, a, k, "min", true))),
        ("max", native("max", |i, a, k| min_max(i, a, k, "max", false))),
        (
            "any",
            native("any", |i, a, _| {
                arity("any", a, 1, 1)?;
                let it = i.iter(a[0].clone())?;
                while let Some(v) = i.next(&it)? {
                    if i.truthy(&v)? {
                        return Ok(Value::Bool(true));
                    }
                }
                Ok(Value::Bool(false))
            }),
        ),
        (
            "all",
            native("all", |i, a, _| {
                arity("all", a, 1, 1)?;
                let it = i.iter(a[0].clone())?;
                while let Some(v) = i.next(&it)? {
                    if !i.truthy(&v)? {
                        return Ok(Value::Bool(false));
                    }
                }
                Ok(Value::Bool(true))
            }),
        ),
        (
            "chr",
            native("chr", |i, a, _| {
                arity("chr", a, 1, 1)?;
                let n = c_int_arg(i, &a[0])?;
                match u32::try_from(n).ok().and_then(char::from_u32) {
                    Some(c) => Ok(Value::string(c.to_string())),
                    None => Err(PyErr::value_error("chr() arg not in range(0x110000)")),
                }
            }),
        ),
        (
            "ord",
            native("ord", |i, a, _| {
                arity("ord", a, 1, 1)?;
                match a[0].as_builtin() {
                    Value::Str(s) if s.char_len() == 1 => {
                        Ok(Value::Int(s.as_str().chars().next().map_or(0, |c| c as i64)))
                    }
                    Value::Str(s) => Err(PyErr::type_error(format!(
                        "ord() expected a character, but string of length {} found",
                        s.char_len()
                    ))),
                    other => Err(PyErr::type_error(format!(
                        "ord() expected string of length 1, but {} found",
                        i.type_name(other)
                    ))),
                }
            }),
        ),
        (
            "vars",
            super::frame_native("vars", |i, a, _| {
                if a.is_empty() {
                    return i.main_globals();
                }
                arity("vars", a, 0, 1)?;
                let dict = i.syms.dict;
                i.getattr(&a[0], dict)
            }),
        ),
        ("input", native("input", input)),
        (
            "globals",
            super::frame_native("globals", |i, a, _| {
                arity("globals", a, 0, 0)?;
                i.main_globals()
            }),
        ),
    ];
    let builtins = interp.builtins.clone();
    for (name, value) in fns {
        let sym = interp.intern(name);
        builtins.globals.borrow_mut().set(sym, value);
    }
}

/// Wraps iterator state as a value.
pub fn iterator(state: PyIter) -> Value {
    Value::Iterator(Rc::new(RefCell::new(state)))
}

/// Whether an error is (a subclass of) `kind`.
pub fn is_kind(interp: &Interpreter, e: &PyErr, kind: ExcKind) -> bool {
    match e.kind() {
        ErrKind::Lazy(lazy, _) => {
            let mut k = Some(*lazy);
            while let Some(x) = k {
                if x == kind {
                    return true;
                }
                k = x.parent();
            }
            false
        }
        ErrKind::Raised(inst) => inst.class.is_subclass(&interp.types.exception(kind)),
        ErrKind::Limit(_) => false,
    }
}

fn attr_name(interp: &mut Interpreter, v: &Value) -> PyResult<Symbol> {
    match v.as_builtin() {
        Value::Str(s) => Ok(interp.intern(s.as_str())),
        other => Err(PyErr::type_error(format!("attribute name must be string, not '{}'", interp.type_name(other)))),
    }
}

/// `isinstance(obj, spec)`.
pub(crate) fn isinstance(interp: &mut Interpreter, obj: &Value, spec: &Value) -> PyResult<bool> {
    let class = interp.class_of(obj);
    class_matches(interp, &class, spec, "isinstance")
}

fn class_matches(interp: &Interpreter, class: &Rc<Class>, spec: &Value, fname: &str) -> PyResult<bool> {
    match spec {
        Value::Class(c) => {
            Ok(class.is_subclass(c) || (Rc::ptr_eq(c, &interp.types.int) && Rc::ptr_eq(class, &interp.types.bool)))
        }
        Value::Tuple(items) => {
            for item in items.iter() {
                if class_matches(interp, class, item, fname)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(format!("{fname}() arg 2 must be a type, a tuple of types, or a union"))),
    }
}

/// What a program assigned to `sys.stdout`, when it is not the original stream
/// (`print` without `file=` writes there, as CPython's does).
fn replaced_stdout(interp: &mut Interpreter) -> Option<Value> {
    let Some(Value::Module(sys)) = interp.modules.get("sys").cloned() else { return None };
    let (current, original) = (interp.intern("stdout"), interp.intern("__stdout__"));
    let globals = sys.globals.borrow();
    let current = globals.get(current)?;
    match globals.get(original) {
        Some(original) if original.is(&current) => None,
        _ => Some(current),
    }
}

fn print(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        known_keywords(interp, kwargs, "print", &["sep", "end", "file", "flush"])?;
    }
    let get = |name: &str| kwarg(interp, kwargs, name);
    let text_or = |v: Option<Value>, default: &str, what: &str| -> PyResult<String> {
        match v.as_ref().map(Value::as_builtin) {
            None | Some(Value::None) => Ok(default.to_owned()),
            Some(Value::Str(s)) => Ok(s.as_str().to_owned()),
            Some(_) => Err(PyErr::type_error(format!("{what} must be None or a string"))),
        }
    };
    let sep = text_or(get("sep"), " ", "sep")?;
    let end = text_or(get("end"), "\n", "end")?;
    let file = get("file");
    let flush = match get("flush") {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    if let Some(f) = file.filter(|f| !matches!(f, Value::None)).or_else(|| replaced_stdout(interp)) {
        return print_to_file(interp, &f, args, &sep, &end, flush);
    }
    let mut out = String::new();
    for (n, a) in args.iter().enumerate() {
        if n > 0 {
            out.push_str(&sep);
        }
        match a {
            Value::Str(s) => out.push_str(s.as_str()),
            Value::Int(i) => out.push_str(itoa::Buffer::new().format(*i)),
            _ => out.push_str(&interp.to_str(a)?),
        }
    }
    out.push_str(&end);
    let _ = interp.stdout.write_all(out.as_bytes());
    if flush {
        interp.flush();
    }
    Ok(Value::None)
}

/// `print(..., file=f)`: one `f.write` per argument, separator and end, in order,
/// as CPython writes them.
fn print_to_file(
    interp: &mut Interpreter,
    f: &Value,
    args: &[Value],
    sep: &str,
    end: &str,
    flush: bool,
) -> PyResult<Value> {
    let write_sym = interp.intern("write");
    let write = interp.getattr(f, write_sym)?;
    for (n, a) in args.iter().enumerate() {
        if n > 0 {
            interp.call(write.clone(), vec![Value::str(sep)], &[])?;
        }
        let text = interp.to_str(a)?;
        interp.call(write.clone(), vec![Value::string(text)], &[])?;
    }
    interp.call(write, vec![Value::str(end)], &[])?;
    if flush {
        let flush_sym = interp.intern("flush");
        let method = interp.getattr(f, flush_sym)?;
        interp.call(method, Vec::new(), &[])?;
    }
    Ok(Value::None)
}

fn input(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    if let Some(prompt) = args.first() {
        let p = interp.to_str(prompt)?;
        let _ = interp.stdout.write_all(p.as_bytes());
    }
    interp.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) | Err(_) => Err(PyErr::new(ExcKind::EOFError, "EOF when reading a line")),
        Ok(_) => Ok(Value::string(line.trim_end_matches(['\n', '\r']).to_owned())),
    }
}

fn next_builtin(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    arity("next", args, 1, 2)?;
    let it = &args[0];
    if !matches!(it, Value::Iterator(_)) {
        let next = interp.syms.next;
        if interp.class_of(it).lookup(next).is_none() {
            return Err(PyErr::type_error(format!("'{}' object is not an iterator", interp.type_name(it))));
        }
        if args.len() == 1 {
            let m = interp.getattr(it, next)?;
            return interp.call(m, vec![], &[]);
        }
    }
    if super::iterators::is_generator(it)
        && let Value::Iterator(cell) = it
    {
        let cell = cell.clone();
        return match super::iterators::generator_step(interp, &cell, crate::runtime::exec::Resume::Send(Value::None)) {
            Err(e) if args.len() == 2 && interp.is_stop_iteration(&e) => Ok(args[1].clone()),
            other => other,
        };
    }
    match interp.next(it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(default) => Ok(default.clone()),
            None => Err(PyErr::new(ExcKind::StopIteration, "")),
        },
    }
}

fn getattr_builtin(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    arity("getattr", args, 2, 3)?;
    let name = attr_name(interp, &args[1])?;
    match interp.getattr(&args[0], name) {
        Ok(v) => Ok(v),
        Err(e) if args.len() == 3 && is_kind(interp, &e, ExcKind::AttributeError) => Ok(args[2].clone()),
        Err(e) => Err(e),
    }
}

fn reversed(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    arity_exact("reversed", args, 1)?;
    match &args[0] {
        Value::List(l) => {
            let n = l.items.borrow().len();
            Ok(iterator(PyIter::ListReversed(l.clone(), n)))
        }
        Value::Range(r) => Ok(iterator(super::range::range_iter(r, true))),
        Value::Dict(d) => {
            Ok(iterator(PyIter::DictReversed(d.clone(), usize::MAX, d.table.borrow().len(), DictPart::Keys)))
        }
        Value::DictView(v) => {
            Ok(iterator(PyIter::DictReversed(v.dict.clone(), usize::MAX, v.dict.table.borrow().len(), v.part)))
        }
        Value::Instance(inst) => {
            let sym = interp.intern("__reversed__");
            match inst.class.lookup(sym) {
                // `__reversed__ = None` (as collections.abc.Mapping has) opts out
                Some(Value::None) => {
                    Err(PyErr::type_error(format!("'{}' object is not reversible", interp.type_name(&args[0]))))
                }
                Some(m) => interp.call(m, vec![args[0].clone()], &[]),
                None => {
                    let mut items = interp.collect(args[0].clone())?;
                    items.reverse();
                    Ok(iterator(PyIter::Seq(Rc::new(items), 0)))
                }
            }
        }
        v @ (Value::Tuple(_) | Value::Str(_) | Value::Bytes(_)) => {
            let mut items = interp.collect(v.clone())?;
            items.reverse();
            Ok(iterator(PyIter::Seq(Rc::new(items), 0)))
        }
        other => Err(PyErr::type_error(format!("'{}' object is not reversible", interp.type_name(other)))),
    }
}

fn sum(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    known_keywords(interp, kwargs, "sum", &["start"])?;
    match args.len() {
        0 => return Err(PyErr::type_error("sum() takes at least 1 positional argument (0 given)")),
        n if n > 2 => return Err(PyErr::type_error(format!("sum() takes at most 2 arguments ({n} given)"))),
        _ => {}
    }
    let mut total = kwarg(interp, kwargs, "start").or_else(|| args.get(1).cloned()).unwrap_or(Value::Int(0));
    if let Value::Str(_) = total {
        return Err(PyErr::type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = interp.iter(args[0].clone())?;
    while let Some(v) = interp.next(&it)? {
        total = interp.binary(crate::syntax::ast::BinOp::Add, &total, &v)?;
    }
    Ok(total)
}

fn min_max(
    interp: &mut Interpreter,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    name: &str,
    want_min: bool,
) -> PyResult<Value> {
    known_keywords(interp, kwargs, name, &["key", "default"])?;
    let key = kwarg(interp, kwargs, "key").filter(|k| !matches!(k, Value::None));
    let default = kwarg(interp, kwargs, "default");
    let items = match args {
        [] => return Err(PyErr::type_error(format!("{name} expected at least 1 argument, got 0"))),
        [one] => interp.collect(one.clone())?,
        many => many.to_vec(),
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => interp.call(f.clone(), vec![item.clone()], &[])?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (k, item),
            Some((bk, bv)) => {
                // CPython asks `item < best` for min and `item > best` for max (the
                // order shows in error messages and in which dunder runs first).
                let better = if want_min {
                    interp.less_than(&k, &bk)?
                } else {
                    let r = interp.compare(crate::syntax::ast::CmpOp::Gt, &k, &bk)?;
                    interp.truthy(&r)?
                };
                if better { (k, item) } else { (bk, bv) }
            }
        });
    }
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(PyErr::value_error(format!("{name}() arg is an empty sequence"))),
    }
}

/// `abs`, `round`, `divmod`, `pow`, `hex`, `oct`, `bin` live in `numbers.rs`; this
/// helper converts an int-like value for them.
pub fn big_arg(interp: &mut Interpreter, v: &Value) -> PyResult<num_bigint::BigInt> {
    if let Some(i) = interp.index_value(v)? {
        return big_arg(interp, &i);
    }
    as_bigint(v).ok_or_else(|| {
        PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", interp.type_name(v)))
    })
}

/// `zip`'s only keyword, `strict` (any truthy value), with CPython's errors for others.
fn zip_strict_kwarg(interp: &mut Interpreter, kwargs: &[(Symbol, Value)]) -> PyResult<bool> {
    match kwargs {
        [] => Ok(false),
        [(name, v)] if interp.name(*name) == "strict" => interp.truthy(v),
        [(name, _)] => {
            let n = interp.name(*name).to_owned();
            Err(PyErr::type_error(format!("'{n}' is an invalid keyword argument for zip()")))
        }
        _ => Err(PyErr::type_error(format!("zip() takes at most 1 keyword argument ({} given)", kwargs.len()))),
    }
}

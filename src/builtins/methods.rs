//! Methods of `list`, `tuple`, `dict` and `set`.

use super::functions::{arity, int_arg};
use super::native;
use super::types::{add_method, list_sort};
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::runtime::iter::DictPart;
use crate::value::{PyDict, Value};
use std::rc::Rc;

type Method = fn(&mut Interpreter, &[Value], &[(crate::intern::Symbol, Value)]) -> PyResult<Value>;

/// `list.index(x[, start[, stop]])` and `tuple.index`: the first position of `x`
/// between the clamped bounds.
fn seq_index(i: &mut Interpreter, a: &[Value], tuple: bool) -> PyResult<Value> {
    arity("index", &a[1..], 1, 3)?;
    let items = i.collect(a[0].clone())?;
    let n = items.len() as i64;
    let bound = |i: &mut Interpreter, v: Option<&Value>, default: i64| -> PyResult<usize> {
        let x = match v {
            Some(v) => int_arg(i, v)?,
            None => default,
        };
        Ok((if x < 0 { x.saturating_add(n).max(0) } else { x.min(n) }) as usize)
    };
    let (start, stop) = (bound(i, a.get(2), 0)?, bound(i, a.get(3), n)?);
    let window = Value::list(items.get(start..stop.max(start)).map(<[Value]>::to_vec).unwrap_or_default());
    match list_position(i, &window, arg(a, 1)?)?.map(|p| p + start) {
        Some(p) => Ok(Value::Int(p as i64)),
        None if tuple => Err(PyErr::value_error("tuple.index(x): x not in tuple")),
        None => Err(PyErr::value_error(format!("{} is not in list", i.repr(&a[1])?))),
    }
}

/// Registers the container methods.
pub fn install(interp: &mut Interpreter) {
    let list = interp.types.list.clone();
    let list_methods: &[(&str, Method)] = &[
        ("append", |_, a, _| {
            arity("append", &a[1..], 1, 1)?;
            with_list(&a[0], |l| l.push(a[1].clone()))
        }),
        ("extend", |i, a, _| {
            arity("list.extend", &a[1..], 1, 1)?;
            match &a[0] {
                Value::List(l) => i.extend_list(l, a[1].clone()).map(|()| Value::None),
                other => with_list(other, |_| ()),
            }
        }),
        ("insert", |i, a, _| {
            arity("insert", &a[1..], 2, 2)?;
            let at = int_arg(i, &a[1])?;
            with_list(&a[0], |l| {
                let n = l.len() as i64;
                let pos = if at < 0 { (at + n).max(0) } else { at.min(n) };
                l.insert(pos as usize, a[2].clone());
            })
        }),
        ("pop", |i, a, _| {
            arity("pop", &a[1..], 0, 1)?;
            let Value::List(l) = &a[0] else { return Err(PyErr::type_error("descriptor 'pop' requires a 'list'")) };
            let mut items = l.items.borrow_mut();
            if items.is_empty() {
                return Err(PyErr::index_error("pop from empty list"));
            }
            let n = items.len() as i64;
            let at = match a.get(1) {
                Some(v) => int_arg(i, v)?,
                None => -1,
            };
            let pos = if at < 0 { at + n } else { at };
            if pos < 0 || pos >= n {
                return Err(PyErr::index_error("pop index out of range"));
            }
            Ok(items.remove(pos as usize))
        }),
        ("remove", |i, a, _| {
            arity("remove", &a[1..], 1, 1)?;
            let pos = list_position(i, &a[0], &a[1])?;
            match pos {
                Some(p) => with_list(&a[0], |l| {
                    l.remove(p);
                }),
                None => Err(PyErr::value_error("list.remove(x): x not in list")),
            }
        }),
        ("index", |i, a, _| seq_index(i, a, false)),
        ("count", |i, a, _| seq_count(i, a, "list")),
        ("sort", |i, a, k| {
            if a.len() > 1 {
                return Err(PyErr::type_error("sort() takes no positional arguments"));
            }
            list_sort(i, &a[0], k)?;
            Ok(Value::None)
        }),
        ("reverse", |_, a, _| {
            arity("list.reverse", &a[1..], 0, 0)?;
            with_list(&a[0], |l| l.reverse())
        }),
        ("copy", |i, a, _| {
            arity("list.copy", &a[1..], 0, 0)?;
            Ok(Value::list(i.collect(a[0].clone())?))
        }),
        ("clear", |_, a, _| {
            arity("list.clear", &a[1..], 0, 0)?;
            with_list(&a[0], Vec::clear)
        }),
    ];
    for (name, f) in list_methods {
        add_method(interp, &list, name, positional_method("list", name, *f));
    }
    let tuple = interp.types.tuple.clone();
    let tuple_methods: &[(&str, Method)] =
        &[("index", |i, a, _| seq_index(i, a, true)), ("count", |i, a, _| seq_count(i, a, "tuple"))];
    for (name, f) in tuple_methods {
        add_method(interp, &tuple, name, positional_method("tuple", name, *f));
    }
    install_dict(interp);
    install_set(interp);
    super::str_methods::install(interp);
}

/// A container method as a native function that refuses keyword arguments with
/// CPython's message, except the few that take them (`list.sort`, `dict.update`).
fn positional_method(owner: &'static str, name: &'static str, f: Method) -> Value {
    let takes_keywords = matches!(name, "sort" | "update");
    native(name, move |i, a, kw| {
        if let Some(recv) = a.first()
            && !receiver_of(owner, recv)
        {
            let t = i.type_name(recv);
            return Err(PyErr::type_error(format!(
                "descriptor '{name}' for '{owner}' objects doesn't apply to a '{t}' object"
            )));
        }
        if !kw.is_empty() && !takes_keywords {
            return Err(PyErr::type_error(format!("{owner}.{name}() takes no keyword arguments")));
        }
        f(i, a, kw)
    })
}

/// Whether `v` is a receiver for the methods of `owner` (a subclass instance has
/// been replaced by its builtin value already).
#[inline]
fn receiver_of(owner: &str, v: &Value) -> bool {
    match v {
        Value::List(_) => owner == "list",
        Value::Dict(_) => owner == "dict",
        Value::Tuple(_) => owner == "tuple",
        Value::Set(_) => owner == "set",
        _ => false,
    }
}

/// `list.count(x)` and `tuple.count(x)`.
fn seq_count(i: &mut Interpreter, a: &[Value], owner: &str) -> PyResult<Value> {
    arity(&format!("{owner}.count"), &a[1..], 1, 1)?;
    let items = i.collect(a[0].clone())?;
    let mut n = 0;
    for v in &items {
        if i.eq(v, &a[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// Positional argument `n`, or a `TypeError` when missing.
fn arg(a: &[Value], n: usize) -> PyResult<&Value> {
    a.get(n).ok_or_else(|| PyErr::type_error(format!("expected {n} argument{}", if n == 1 { "" } else { "s" })))
}

/// Runs `f` on a list's items (the receiver is always a list here).
fn with_list(v: &Value, f: impl FnOnce(&mut Vec<Value>)) -> PyResult<Value> {
    match v {
        Value::List(l) => {
            f(&mut l.items.borrow_mut());
            Ok(Value::None)
        }
        _ => Err(PyErr::type_error("descriptor requires a 'list' object")),
    }
}

/// The first position of an item equal to `x`.
fn list_position(interp: &mut Interpreter, seq: &Value, x: &Value) -> PyResult<Option<usize>> {
    let items = interp.collect(seq.clone())?;
    for (n, v) in items.iter().enumerate() {
        if v.is(x) || interp.eq(v, x)? {
            return Ok(Some(n));
        }
    }
    Ok(None)
}

fn dict_of(v: &Value) -> PyResult<Rc<PyDict>> {
    match v {
        Value::Dict(d) => Ok(d.clone()),
        _ => Err(PyErr::type_error("descriptor requires a 'dict' object")),
    }
}

fn install_dict(interp: &mut Interpreter) {
    let dict = interp.types.dict.clone();
    let methods: &[(&str, Method)] = &[
        ("get", |i, a, _| {
            arity("get", &a[1..], 1, 2)?;
            let d = dict_of(&a[0])?;
            Ok(i.dict_get(&d, &a[1])?.unwrap_or_else(|| a.get(2).cloned().unwrap_or(Value::None)))
        }),
        ("keys", |_, a, _| {
            arity("dict.keys", &a[1..], 0, 0)?;
            dict_iter(&a[0], DictPart::Keys)
        }),
        ("values", |_, a, _| {
            arity("dict.values", &a[1..], 0, 0)?;
            dict_iter(&a[0], DictPart::Values)
        }),
        ("items", |_, a, _| {
            arity("dict.items", &a[1..], 0, 0)?;
            dict_iter(&a[0], DictPart::Items)
        }),
        ("pop", |i, a, _| {
            arity("pop", &a[1..], 1, 2)?;
            let d = dict_of(&a[0])?;
            match (i.dict_remove(&d, &a[1])?, a.get(2)) {
                (Some(v), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => Err(PyErr::raised(i.new_exception(ExcKind::KeyError, vec![a[1].clone()]))),
            }
        }),
        ("setdefault", |i, a, _| {
            arity("setdefault", &a[1..], 1, 2)?;
            let d = dict_of(&a[0])?;
            if let Some(v) = i.dict_get(&d, &a[1])? {
                return Ok(v);
            }
            let v = a.get(2).cloned().unwrap_or(Value::None);
            i.dict_set(&d, a[1].clone(), v.clone())?;
            Ok(v)
        }),
        ("update", |i, a, k| {
            let d = dict_of(&a[0])?;
            if let Some(src) = a.get(1) {
                i.dict_update(&d, src.clone())?;
            }
            for (name, v) in k {
                let key = Value::str(i.name(*name));
                i.dict_set(&d, key, v.clone())?;
            }
            Ok(Value::None)
        }),
        ("copy", |_, a, _| {
            arity("dict.copy", &a[1..], 0, 0)?;
            let d = dict_of(&a[0])?;
            let table = d.table.borrow().clone();
            Ok(Value::Dict(Rc::new(PyDict::new(table))))
        }),
        ("clear", |_, a, _| {
            dict_of(&a[0])?.table.borrow_mut().clear();
            Ok(Value::None)
        }),
        ("popitem", |_, a, _| {
            let d = dict_of(&a[0])?;
            let last = d.table.borrow().last_index();
            match last.and_then(|i| d.table.borrow_mut().remove(i)) {
                Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
                None => Err(PyErr::new(ExcKind::KeyError, "popitem(): dictionary is empty")),
            }
        }),
    ];
    for (name, f) in methods {
        add_method(interp, &dict, name, positional_method("dict", name, *f));
    }
    let fromkeys = native("fromkeys", |i, a, _| {
        arity("fromkeys", &a[1..], 1, 2)?;
        let keys = i.collect(a[1].clone())?;
        let value = a.get(2).cloned().unwrap_or(Value::None);
        if let Value::Class(c) = &a[0]
            && c.kind != crate::value::ClassKind::Builtin
        {
            // A subclass's `fromkeys` makes an instance of it, filled through its
            // `__setitem__`, as CPython's does.
            let made = i.call(a[0].clone(), Vec::new(), &[])?;
            for k in keys {
                i.setitem(&made, k, value.clone())?;
            }
            return Ok(made);
        }
        let d = Rc::new(PyDict::default());
        for k in keys {
            i.dict_set(&d, k, value.clone())?;
        }
        Ok(Value::Dict(d))
    });
    let fromkeys = Value::Descriptor(Rc::new(crate::value::Descriptor::ClassMethod(fromkeys)));
    add_method(interp, &dict, "fromkeys", fromkeys);
}

/// A live view of a dict's keys, values or items.
fn dict_iter(v: &Value, part: DictPart) -> PyResult<Value> {
    let dict = dict_of(v)?;
    Ok(Value::DictView(Rc::new(crate::value::DictView { dict, part })))
}

fn install_set(interp: &mut Interpreter) {
    let set = interp.types.set.clone();
    let methods: &[(&str, Method)] = &[
        ("add", |i, a, _| {
            arity("add", &a[1..], 1, 1)?;
            let Value::Set(s) = &a[0] else { return Err(PyErr::type_error("descriptor 'add' requires a 'set'")) };
            i.set_add(s, a[1].clone())?;
            Ok(Value::None)
        }),
        ("discard", |i, a, _| {
            arity("discard", &a[1..], 1, 1)?;
            let Value::Set(s) = &a[0] else { return Err(PyErr::type_error("descriptor requires a 'set'")) };
            i.set_discard(s, &a[1])?;
            Ok(Value::None)
        }),
        ("remove", |i, a, _| {
            arity("remove", &a[1..], 1, 1)?;
            let Value::Set(s) = &a[0] else { return Err(PyErr::type_error("descriptor requires a 'set'")) };
            if !i.set_discard(s, &a[1])? {
                return Err(PyErr::raised(i.new_exception(ExcKind::KeyError, vec![a[1].clone()])));
            }
            Ok(Value::None)
        }),
        ("pop", |_, a, _| {
            let Value::Set(s) = &a[0] else { return Err(PyErr::type_error("descriptor requires a 'set'")) };
            let popped = s.table.borrow_mut().pop();
            popped.ok_or_else(|| PyErr::new(ExcKind::KeyError, "pop from an empty set"))
        }),
        ("update", |i, a, _| {
            let Value::Set(s) = &a[0] else { return Err(PyErr::type_error("descriptor requires a 'set'")) };
            for other in &a[1..] {
                for v in i.collect(other.clone())? {
                    i.set_add(s, v)?;
                }
            }
            Ok(Value::None)
        }),
        ("clear", |_, a, _| {
            if let Value::Set(s) = &a[0] {
                s.table.borrow_mut().clear();
            }
            Ok(Value::None)
        }),
    ];
    for (name, f) in methods {
        add_method(interp, &set, name, positional_method("set", name, *f));
    }
    let frozenset = interp.types.frozenset.clone();
    let shared: &[(&str, crate::syntax::ast::BinOp)] = &[
        ("union", crate::syntax::ast::BinOp::BitOr),
        ("intersection", crate::syntax::ast::BinOp::BitAnd),
        ("difference", crate::syntax::ast::BinOp::Sub),
        ("symmetric_difference", crate::syntax::ast::BinOp::BitXor),
    ];
    for &(name, op) in shared {
        let f = native(name, move |i, a, _| {
            let mut acc = a[0].clone();
            for other in &a[1..] {
                let other = match other {
                    Value::Set(_) | Value::FrozenSet(_) => other.clone(),
                    v => {
                        let items = i.collect(v.clone())?;
                        Value::Set(i.set_from(items)?)
                    }
                };
                acc = i.set_operator(op, &acc, &other)?;
            }
            if a.len() == 1 {
                let items = i.collect(acc.clone())?;
                let copy = i.set_from(items)?;
                return Ok(if matches!(a[0], Value::FrozenSet(_)) { Value::FrozenSet(copy) } else { Value::Set(copy) });
            }
            Ok(acc)
        });
        add_method(interp, &set, name, f.clone());
        add_method(interp, &frozenset, name, f);
    }
    for (name, op) in [("issubset", crate::syntax::ast::CmpOp::LtE), ("issuperset", crate::syntax::ast::CmpOp::GtE)] {
        let f = native(name, move |i, a, _| {
            arity(name, &a[1..], 1, 1)?;
            let other = match &a[1] {
                v @ (Value::Set(_) | Value::FrozenSet(_)) => v.clone(),
                v => {
                    let items = i.collect(v.clone())?;
                    Value::Set(i.set_from(items)?)
                }
            };
            Ok(Value::Bool(i.set_order(op, &a[0], &other)?))
        });
        add_method(interp, &set, name, f.clone());
        add_method(interp, &frozenset, name, f);
    }
    let isdisjoint = native("isdisjoint", |i, a, _| {
        arity("isdisjoint", &a[1..], 1, 1)?;
        let (Value::Set(s) | Value::FrozenSet(s)) = &a[0] else {
            return Err(PyErr::type_error("descriptor requires a 'set'"));
        };
        for v in i.collect(a[1].clone())? {
            if i.set_contains(s, &v)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    });
    add_method(interp, &set, "isdisjoint", isdisjoint.clone());
    add_method(interp, &frozenset, "isdisjoint", isdisjoint);
    let copy = native("copy", |i, a, _| {
        let owner = if matches!(a[0], Value::FrozenSet(_)) { "frozenset.copy" } else { "set.copy" };
        arity(owner, &a[1..], 0, 0)?;
        let items = i.collect(a[0].clone())?;
        let s = i.set_from(items)?;
        Ok(if matches!(a[0], Value::FrozenSet(_)) { Value::FrozenSet(s) } else { Value::Set(s) })
    });
    add_method(interp, &set, "copy", copy.clone());
    add_method(interp, &frozenset, "copy", copy);
}

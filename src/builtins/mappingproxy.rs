//! `mappingproxy`: what `Class.__dict__` returns, a read-only live view of the
//! class's own namespace (changes to the class show through it).

use super::functions::arity;
use super::native;
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{Class, Instance, PyDict, Value};
use std::rc::Rc;

/// The attribute holding the viewed class (not an identifier, so no Python code
/// can name it by accident).
const TARGET: &str = " mappingproxy target";

/// `class.__dict__`.
pub fn new(interp: &mut Interpreter, class: &Rc<Class>) -> Value {
    let proxy = Instance::new(interp.types.mappingproxy.clone());
    let target = interp.intern(TARGET);
    proxy.attrs.borrow_mut().insert(target, Value::Class(class.clone()));
    Value::Instance(Rc::new(proxy))
}

/// The viewed namespace as (name, value) pairs, in definition order.
fn entries(interp: &mut Interpreter, args: &[Value]) -> PyResult<Vec<(Value, Value)>> {
    let target = interp.intern(TARGET);
    let class = match args.first() {
        Some(Value::Instance(i)) => match i.attrs.borrow().get(&target) {
            Some(Value::Class(c)) => Some(c.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(class) = class else {
        return Err(PyErr::type_error("descriptor requires a 'mappingproxy' object"));
    };
    let pairs: Vec<_> = class.dict.borrow().iter().map(|(k, v)| (*k, v.clone())).collect();
    Ok(pairs.into_iter().map(|(k, v)| (Value::str(interp.name(k)), v)).collect())
}

/// The namespace copied into a dict.
fn as_dict(interp: &mut Interpreter, args: &[Value]) -> PyResult<Rc<PyDict>> {
    let dict = Rc::new(PyDict::default());
    for (k, v) in entries(interp, args)? {
        interp.dict_set(&dict, k, v)?;
    }
    Ok(dict)
}

/// The value stored under `key`, if any.
fn find(interp: &mut Interpreter, args: &[Value], key: &Value) -> PyResult<Option<Value>> {
    let dict = as_dict(interp, args)?;
    interp.dict_get(&dict, key)
}

/// Registers the methods of `mappingproxy`.
pub fn install(interp: &mut Interpreter) {
    let class = interp.types.mappingproxy.clone();
    let methods: Vec<(&str, Value)> = vec![
        (
            "__getitem__",
            native("__getitem__", |i, a, _| {
                arity("__getitem__", &a[1..], 1, 1)?;
                match find(i, a, &a[1])? {
                    Some(v) => Ok(v),
                    None => Err(PyErr::raised(i.new_exception(ExcKind::KeyError, vec![a[1].clone()]))),
                }
            }),
        ),
        (
            "get",
            native("get", |i, a, _| {
                arity("get", &a[1..], 1, 2)?;
                Ok(find(i, a, &a[1])?.unwrap_or_else(|| a.get(2).cloned().unwrap_or(Value::None)))
            }),
        ),
        (
            "__contains__",
            native("__contains__", |i, a, _| {
                arity("__contains__", &a[1..], 1, 1)?;
                Ok(Value::Bool(find(i, a, &a[1])?.is_some()))
            }),
        ),
        ("__len__", native("__len__", |i, a, _| Ok(Value::Int(entries(i, a)?.len() as i64)))),
        (
            "__iter__",
            native("__iter__", |i, a, _| {
                let d = Value::Dict(as_dict(i, a)?);
                i.iter(d)
            }),
        ),
        ("keys", native("keys", |i, a, _| view(i, a, "keys"))),
        ("values", native("values", |i, a, _| view(i, a, "values"))),
        ("items", native("items", |i, a, _| view(i, a, "items"))),
        ("copy", native("copy", |i, a, _| Ok(Value::Dict(as_dict(i, a)?)))),
        (
            "__repr__",
            native("__repr__", |i, a, _| {
                let d = Value::Dict(as_dict(i, a)?);
                let text = i.repr(&d)?;
                Ok(Value::string(format!("mappingproxy({text})")))
            }),
        ),
        (
            "__eq__",
            native("__eq__", |i, a, _| {
                arity("__eq__", &a[1..], 1, 1)?;
                let mine = Value::Dict(as_dict(i, a)?);
                i.compare(crate::syntax::ast::CmpOp::Eq, &mine, &a[1])
            }),
        ),
    ];
    for (name, f) in methods {
        add_method(interp, &class, name, f);
    }
}

/// `keys()`, `values()`, `items()`: the views of a snapshot dict.
fn view(interp: &mut Interpreter, args: &[Value], which: &str) -> PyResult<Value> {
    let dict = Value::Dict(as_dict(interp, args)?);
    let sym = interp.intern(which);
    let method = interp.getattr(&dict, sym)?;
    interp.call(method, Vec::new(), &[])
}

//! Constructing instances of user subclasses of builtin types (`class D(dict)`):
//! the builtin `__new__` makes an instance of the subclass holding the builtin
//! value, and `list`/`dict`/`set` get the `__init__` that fills it, as in CPython.

use super::native;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::syntax::ast::BinOp;
use crate::value::{Class, ClassKind, Instance, NativeFn, Value};
use std::rc::Rc;

/// The builtin types user classes may derive from, and whether they are mutable:
/// a mutable one's `__new__` makes an empty value, which `__init__` fills.
const SUBCLASSABLE: &[(&str, bool)] = &[
    ("int", false),
    ("float", false),
    ("str", false),
    ("bytes", false),
    ("tuple", false),
    ("frozenset", false),
    ("list", true),
    ("dict", true),
    ("set", true),
];

/// Builtin types that cannot be derived from (CPython's list, for those pyish has).
const FINAL: &[&str] = &["bool", "range", "slice", "NoneType", "function", "builtin_function_or_method", "method"];

/// Wraps the constructors of the subclassable types and adds the `__init__`s.
pub fn install(interp: &mut Interpreter) {
    let new = interp.syms.new;
    let t = &interp.types;
    let classes = [&t.int, &t.float, &t.str, &t.bytes, &t.tuple, &t.frozenset, &t.list, &t.dict, &t.set];
    let classes: Vec<Rc<Class>> = classes.into_iter().cloned().collect();
    for (class, &(name, mutable)) in classes.iter().zip(SUBCLASSABLE) {
        let Some(Value::Native(ctor)) = class.dict.borrow().get(&new).cloned() else { continue };
        let inner = ctor.func.clone();
        let wrapped = native(&ctor.name, move |i, a, k| match a.first() {
            Some(Value::Class(c)) if c.kind != ClassKind::Builtin => new_instance(i, c, name, mutable, &*inner, a, k),
            _ => inner(i, a, k),
        });
        super::types::add_method(interp, class, "__new__", wrapped);
        if mutable {
            let init = native("__init__", move |i, a, k| init(i, name, &*ctor.func, a, k));
            super::types::add_method(interp, class, "__init__", init);
        }
    }
    let list = interp.types.list.clone();
    for (name, op) in [("__iadd__", BinOp::Add), ("__imul__", BinOp::Mult)] {
        super::types::add_method(interp, &list, name, native(name, move |i, a, _| list_inplace(i, name, op, a)));
    }
}

/// `list.__iadd__` and `list.__imul__` (`super().__iadd__(x)` in a list subclass):
/// the list changed in place, and the receiver itself returned.
fn list_inplace(interp: &mut Interpreter, name: &str, op: BinOp, args: &[Value]) -> PyResult<Value> {
    let [receiver, other] = args else {
        return Err(PyErr::type_error(format!("expected 1 argument, got {}", args.len().saturating_sub(1))));
    };
    let base = receiver.as_builtin();
    if !matches!(base, Value::List(_)) {
        let t = interp.type_name(receiver);
        return Err(PyErr::type_error(format!("descriptor '{name}' requires a 'list' object but received a '{t}'")));
    }
    if !interp.base_inplace(op, base, other)? {
        return Ok(Value::NotImplemented);
    }
    Ok(receiver.clone())
}

/// `T.__new__(C, ...)` for a subclass `C` of the builtin type `name`.
fn new_instance(
    interp: &mut Interpreter,
    class: &Rc<Class>,
    name: &str,
    mutable: bool,
    ctor: &NativeFn,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
) -> PyResult<Value> {
    if !class.mro().any(|c| c.kind == ClassKind::Builtin && c.name == name) {
        let c = &class.name;
        return Err(PyErr::type_error(format!("{name}.__new__({c}): {c} is not a subtype of {name}")));
    }
    let base = if mutable { ctor(interp, &[Value::None], &[])? } else { ctor(interp, args, kwargs)? };
    Ok(Value::Instance(Rc::new(Instance::with_base(class.clone(), base))))
}

/// `list.__init__`, `dict.__init__` and `set.__init__`: the value the constructor
/// makes from the arguments, moved into the receiver (a dict is updated, the
/// others replaced). A subclass instance arrives as its builtin value.
fn init(
    interp: &mut Interpreter,
    name: &str,
    ctor: &NativeFn,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
) -> PyResult<Value> {
    let Some(receiver) = args.first() else { return Err(PyErr::type_error("__init__ needs an argument")) };
    let mut ctor_args = args.to_vec();
    ctor_args[0] = Value::None;
    let fresh = ctor(interp, &ctor_args, kwargs)?;
    match (receiver, fresh) {
        (Value::List(l), Value::List(f)) => *l.items.borrow_mut() = std::mem::take(&mut *f.items.borrow_mut()),
        (Value::Dict(d), fresh @ Value::Dict(_)) => interp.dict_update(d, fresh)?,
        (Value::Set(s), Value::Set(f)) => *s.table.borrow_mut() = std::mem::take(&mut *f.table.borrow_mut()),
        (other, _) => {
            let t = interp.type_name(other);
            return Err(PyErr::type_error(format!(
                "descriptor '__init__' requires a '{name}' object but received a '{t}'"
            )));
        }
    }
    Ok(Value::None)
}

/// The `TypeError`s of a class statement whose bases cannot be combined: a final
/// builtin type, or two builtin layouts (`class X(int, str)`, `class X(Exception, dict)`).
pub fn check_bases(bases: &[Rc<Class>]) -> PyResult<()> {
    if let Some(base) = bases.iter().find(|b| b.kind == ClassKind::Builtin && FINAL.contains(&b.name.as_str())) {
        return Err(PyErr::type_error(format!("type '{}' is not an acceptable base type", base.name)));
    }
    let mut layouts = bases.iter().filter_map(|b| layout(b));
    if let Some(first) = layouts.next()
        && layouts.any(|l| l != first)
    {
        return Err(PyErr::type_error("multiple bases have instance lay-out conflict"));
    }
    Ok(())
}

/// The builtin type whose instance layout a class has: the subclassable type in
/// its MRO, or `BaseException`; `None` for plain classes.
fn layout(class: &Rc<Class>) -> Option<&'static str> {
    class.mro().find_map(|c| match c.kind {
        ClassKind::Exception => Some("BaseException"),
        ClassKind::Builtin => SUBCLASSABLE.iter().find(|(n, _)| *n == c.name).map(|(n, _)| *n),
        _ => None,
    })
}

/// `object.__new__(C)` for a subclass of a builtin type other than exceptions
/// refuses, as CPython's does: the instance would lack its builtin value. The
/// message names the nearest class of the MRO without a `__new__` of its own in Python.
pub fn check_object_new(interp: &Interpreter, class: &Rc<Class>) -> PyResult<()> {
    if matches!(layout(class), None | Some("BaseException")) {
        return Ok(());
    }
    let own_new = |c: &Rc<Class>| {
        matches!(c.dict.borrow().get(&interp.syms.new), Some(Value::Function(_) | Value::Descriptor(_)))
    };
    let base = class.mro().find(|c| !own_new(c)).unwrap_or(class);
    Err(PyErr::type_error(format!("object.__new__({}) is not safe, use {}.__new__()", class.name, base.name)))
}

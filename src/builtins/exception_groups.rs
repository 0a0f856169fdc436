//! `BaseExceptionGroup` and `ExceptionGroup` (what `asyncio.TaskGroup` raises):
//! construction with CPython's checks — a group of plain `Exception`s is always an
//! `ExceptionGroup` — and the `message`/`exceptions` attributes and `str()`.

use super::native;
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{Class, Value};
use std::rc::Rc;

/// Registers `__new__` and `__str__`.
pub fn install(interp: &mut Interpreter) {
    let group = interp.types.exception(ExcKind::BaseExceptionGroup);
    let new = native("__new__", new_group);
    let sym = interp.syms.new;
    group.set_attr(sym, Value::Descriptor(Rc::new(crate::value::Descriptor::Static(new))));
    add_method(interp, &group, "__str__", native("__str__", group_str));
    add_method(interp, &group, "split", native("split", group_split));
    add_method(interp, &group, "subgroup", native("subgroup", group_subgroup));
    add_method(interp, &group, "derive", native("derive", group_derive));
}

/// `group.split(condition)`: `(match, rest)`.
fn group_split(interp: &mut Interpreter, args: &[Value], _: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    let [group, condition] = args else { return Err(PyErr::type_error("split() takes exactly one argument")) };
    let matcher = interp.group_matcher(condition)?;
    let (matched, rest) = interp.split_group(group, &matcher)?;
    Ok(Value::tuple(vec![matched.unwrap_or(Value::None), rest.unwrap_or(Value::None)]))
}

/// `group.subgroup(condition)`: the matching part.
fn group_subgroup(interp: &mut Interpreter, args: &[Value], _: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    let [group, condition] = args else { return Err(PyErr::type_error("subgroup() takes exactly one argument")) };
    let matcher = interp.group_matcher(condition)?;
    Ok(interp.split_group(group, &matcher)?.0.unwrap_or(Value::None))
}

/// `group.derive(excs)`: a `BaseExceptionGroup` with this group's message.
fn group_derive(interp: &mut Interpreter, args: &[Value], _: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    let [Value::Instance(group), excs] = args else {
        return Err(PyErr::type_error("derive() takes exactly one argument"));
    };
    let m = interp.intern("message");
    let message = group.attrs.borrow().get(&m).cloned().unwrap_or_else(|| Value::str(""));
    let class = interp.types.exception(ExcKind::BaseExceptionGroup);
    interp.call(Value::Class(class), vec![message, excs.clone()], &[])
}

/// `BaseExceptionGroup(message, exceptions)` (receives the class first).
fn new_group(interp: &mut Interpreter, args: &[Value], _: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    let [Value::Class(class), message, excs] = args else {
        let n = args.len().saturating_sub(1);
        return Err(PyErr::type_error(format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({n} given)")));
    };
    if !matches!(message, Value::Str(_)) {
        let t = interp.type_name(message);
        return Err(PyErr::type_error(format!("argument 1 must be str, not {t}")));
    }
    let items = match excs {
        Value::List(_) | Value::Tuple(_) => interp.collect(excs.clone())?,
        _ => return Err(PyErr::type_error("second argument (exceptions) must be a sequence")),
    };
    if items.is_empty() {
        return Err(PyErr::value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let (base, exception) =
        (interp.types.exception(ExcKind::BaseException), interp.types.exception(ExcKind::Exception));
    let mut all_exceptions = true;
    for (i, item) in items.iter().enumerate() {
        let c = interp.class_of(item);
        if !c.is_subclass(&base) || matches!(item, Value::Class(_)) {
            return Err(PyErr::value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        all_exceptions &= c.is_subclass(&exception);
    }
    let class = pick_class(interp, class, all_exceptions)?;
    let instance = interp.bare_instance(&class, &[message.clone(), excs.clone()]);
    if let Value::Instance(inst) = &instance {
        let (m, e) = (interp.intern("message"), interp.intern("exceptions"));
        let mut attrs = inst.attrs.borrow_mut();
        attrs.insert(m, message.clone());
        attrs.insert(e, Value::tuple(items));
    }
    Ok(instance)
}

/// The class to instantiate: a `BaseExceptionGroup` of `Exception`s is an
/// `ExceptionGroup`; an `ExceptionGroup` cannot hold other `BaseException`s.
fn pick_class(interp: &mut Interpreter, class: &Rc<Class>, all_exceptions: bool) -> PyResult<Rc<Class>> {
    let base_group = interp.types.exception(ExcKind::BaseExceptionGroup);
    let group = interp.types.exception(ExcKind::ExceptionGroup);
    if Rc::ptr_eq(class, &base_group) && all_exceptions {
        return Ok(group);
    }
    if class.is_subclass(&group) && !all_exceptions {
        return Err(PyErr::type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
    }
    Ok(class.clone())
}

/// `str(group)`: `message (N sub-exceptions)`.
fn group_str(interp: &mut Interpreter, args: &[Value], _: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    let Value::Instance(inst) = &args[0] else { return Ok(Value::str("")) };
    let (m, e) = (interp.intern("message"), interp.intern("exceptions"));
    let attrs = inst.attrs.borrow();
    let message = match attrs.get(&m) {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => String::new(),
    };
    let n = match attrs.get(&e) {
        Some(Value::Tuple(t)) => t.len(),
        _ => 0,
    };
    let s = if n == 1 { "" } else { "s" };
    Ok(Value::string(format!("{message} ({n} sub-exception{s})")))
}

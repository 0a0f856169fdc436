//! Methods and attributes of coroutines, async generators and their awaitables:
//! `send`, `throw`, `close`, `__await__`, `__aiter__`, `__anext__`, `asend`,
//! `athrow`, `aclose`, `cr_*`/`ag_*`; and the builtins `aiter` and `anext`.

use super::functions::arity;
use super::iterators::thrown;
use super::native;
use super::types::add_method;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::awaiting::{AsyncOp, Awaitable, wrapper};
use crate::runtime::coroutine::{CoroKind, Coroutine, Status};
use crate::runtime::exception::PyErr;
use crate::runtime::exec::Resume;
use crate::runtime::iter::PyIter;
use crate::value::Value;
use std::rc::Rc;

/// The coroutine (or async generator) a method was called on.
fn coro(v: &Value) -> PyResult<&Rc<Coroutine>> {
    match v {
        Value::Coroutine(c) => Ok(c),
        _ => Err(PyErr::type_error("descriptor requires a coroutine")),
    }
}

/// Registers the methods on the coroutine-related classes.
pub fn install(interp: &mut Interpreter) {
    let coroutine = interp.types.coroutine.clone();
    add_method(
        interp,
        &coroutine,
        "send",
        native("send", |i, a, _| {
            arity("send", &a[1..], 1, 1)?;
            i.coroutine_step(coro(&a[0])?, Resume::Send(a[1].clone()))
        }),
    );
    add_method(
        interp,
        &coroutine,
        "throw",
        native("throw", |i, a, _| {
            arity("throw", &a[1..], 1, 3)?;
            let err = thrown(i, &a[1..])?;
            i.coroutine_step(coro(&a[0])?, Resume::Throw(err))
        }),
    );
    add_method(interp, &coroutine, "close", native("close", |i, a, _| i.coroutine_close(coro(&a[0])?)));
    add_method(interp, &coroutine, "__await__", native("__await__", |_, a, _| Ok(wrapper(coro(&a[0])?))));
    install_async_generator(interp);
    install_awaitables(interp);
    let builtins = interp.builtins.clone();
    let aiter_sym = interp.intern("aiter");
    builtins.globals.borrow_mut().set(
        aiter_sym,
        native("aiter", |i, a, _| {
            arity("aiter", a, 1, 1)?;
            i.get_aiter(a[0].clone())
        }),
    );
    let anext_sym = interp.intern("anext");
    builtins.globals.borrow_mut().set(
        anext_sym,
        native("anext", |i, a, _| {
            arity("anext", a, 1, 2)?;
            let awaitable = i.anext_awaitable(a[0].clone())?;
            match a.get(1) {
                None => Ok(awaitable),
                Some(default) => {
                    let inner = match i.awaitable(awaitable)? {
                        Awaitable::Coroutine(c) => wrapper(&c),
                        Awaitable::Iter(it) => it,
                    };
                    let state = PyIter::AnextDefault(inner, default.clone());
                    Ok(Value::Iterator(Rc::new(std::cell::RefCell::new(state))))
                }
            }
        }),
    );
}

fn install_async_generator(interp: &mut Interpreter) {
    let agen = interp.types.async_generator.clone();
    add_method(interp, &agen, "__aiter__", native("__aiter__", |_, a, _| Ok(a[0].clone())));
    add_method(
        interp,
        &agen,
        "__anext__",
        native("__anext__", |i, a, _| i.async_step(coro(&a[0])?, AsyncOp::Send(Value::None))),
    );
    add_method(
        interp,
        &agen,
        "asend",
        native("asend", |i, a, _| {
            arity("asend", &a[1..], 1, 1)?;
            i.async_step(coro(&a[0])?, AsyncOp::Send(a[1].clone()))
        }),
    );
    add_method(
        interp,
        &agen,
        "athrow",
        native("athrow", |i, a, _| {
            arity("athrow", &a[1..], 1, 3)?;
            let exc = thrown(i, &a[1..])?.instance().map_or(Value::None, Value::Instance);
            i.async_step(coro(&a[0])?, AsyncOp::Throw(exc))
        }),
    );
    add_method(interp, &agen, "aclose", native("aclose", |i, a, _| i.async_step(coro(&a[0])?, AsyncOp::Close)));
}

/// `send`/`throw`/`close`/`__next__`/`__iter__`/`__await__` of the awaitables.
fn install_awaitables(interp: &mut Interpreter) {
    let names =
        ["async_generator_asend", "async_generator_athrow", "coroutine_wrapper", "anext_awaitable", "FutureIter"];
    let classes: Vec<_> = names.iter().filter_map(|n| interp.types.iterators.get(n).cloned()).collect();
    for class in &classes {
        add_method(interp, class, "__iter__", native("__iter__", |_, a, _| Ok(a[0].clone())));
        add_method(interp, class, "__await__", native("__await__", |_, a, _| Ok(a[0].clone())));
        add_method(interp, class, "__next__", native("__next__", |i, a, _| step(i, &a[0], Resume::Send(Value::None))));
        add_method(
            interp,
            class,
            "send",
            native("send", |i, a, _| {
                arity("send", &a[1..], 1, 1)?;
                step(i, &a[0], Resume::Send(a[1].clone()))
            }),
        );
        add_method(
            interp,
            class,
            "throw",
            native("throw", |i, a, _| {
                arity("throw", &a[1..], 1, 3)?;
                let err = thrown(i, &a[1..])?;
                step(i, &a[0], Resume::Throw(err))
            }),
        );
        add_method(interp, class, "close", native("close", |_, _, _| Ok(Value::None)));
    }
}

/// Steps a native awaitable; finishing raises `StopIteration(result)`.
fn step(interp: &mut Interpreter, it: &Value, resume: Resume) -> PyResult<Value> {
    let Value::Iterator(cell) = it else { return Err(PyErr::type_error("not an awaitable")) };
    match interp.native_await_step(cell, resume) {
        Some(Ok(v)) => Ok(v),
        Some(Err(Ok(v))) => Err(super::iterators::stop_iteration(interp, v)),
        Some(Err(Err(e))) => Err(e),
        None => Err(PyErr::type_error("not an awaitable")),
    }
}

/// Data attributes of coroutines and async generators.
pub fn attribute(interp: &mut Interpreter, c: &Rc<Coroutine>, name: Symbol) -> Option<Value> {
    let awaited = if interp.name(name).ends_with("_await") { interp.awaited_by(c) } else { Value::None };
    let state = c.state.borrow();
    let prefix = if c.kind() == CoroKind::Coroutine { "cr_" } else { "ag_" };
    let code_name = interp.name(c.code.name).to_owned();
    let name = interp.name(name);
    let field = name.strip_prefix(prefix).unwrap_or(name);
    Some(match (name, field) {
        ("__name__", _) => Value::string(code_name),
        ("__qualname__", _) => Value::str(&c.code.qualname),
        // A coroutine in a suspended await chain keeps its `Running` status but
        // holds its frame; the one executing has its frame taken out.
        (_, "running") if name.starts_with(prefix) => {
            Value::Bool(state.status == Status::Running && state.frame.is_none())
        }
        (_, "suspended") if name.starts_with(prefix) => Value::Bool(state.status == Status::Suspended),
        (_, "await") if name.starts_with(prefix) => awaited,
        (_, "frame") if name.starts_with(prefix) => match state.status {
            Status::Done => Value::None,
            _ => Value::Bool(true),
        },
        _ => return None,
    })
}

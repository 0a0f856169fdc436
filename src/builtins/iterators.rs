//! Methods of builtin iterators and generators: `__iter__`, `__next__`, and the
//! generator protocol `send`, `throw`, `close`.

use super::functions::arity;
use super::native;
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::runtime::exec::Resume;
use crate::runtime::iter::PyIter;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// The iterator cell of a receiver.
fn cell(v: &Value) -> PyResult<&Rc<RefCell<PyIter>>> {
    match v {
        Value::Iterator(c) => Ok(c),
        _ => Err(PyErr::type_error("descriptor requires an iterator")),
    }
}

/// `StopIteration(value)` (no args when the value is `None`).
pub fn stop_iteration(interp: &mut Interpreter, value: Value) -> PyErr {
    let args = if matches!(value, Value::None) { Vec::new() } else { vec![value] };
    PyErr::raised(interp.new_exception(ExcKind::StopIteration, args))
}

/// Resumes a generator; a return becomes `StopIteration(value)`.
pub fn generator_step(interp: &mut Interpreter, generator: &Rc<RefCell<PyIter>>, resume: Resume) -> PyResult<Value> {
    match interp.resume_generator(generator, resume)? {
        Ok(v) => Ok(v),
        Err(ret) => Err(stop_iteration(interp, ret)),
    }
}

/// Whether the iterator is a generator.
pub fn is_generator(v: &Value) -> bool {
    matches!(v, Value::Iterator(c) if matches!(&*c.borrow(), PyIter::Generator(_)))
}

/// The exception `throw(typ[, val])` raises (generators, coroutines, awaitables).
pub fn thrown(interp: &mut Interpreter, args: &[Value]) -> PyResult<PyErr> {
    // `throw(Type, value)`: an instance of `Type` is thrown as it is, a tuple gives
    // the arguments, anything else is the one argument (CPython's rules).
    let exc = match (&args[0], args.get(1)) {
        (Value::Class(class), Some(Value::Instance(v))) if v.class.is_subclass(class) => Value::Instance(v.clone()),
        (Value::Class(class), Some(Value::Tuple(items))) => {
            interp.call(Value::Class(class.clone()), items.to_vec(), &[])?
        }
        (Value::Class(class), Some(v)) if !matches!(v, Value::None) => {
            interp.call(Value::Class(class.clone()), vec![v.clone()], &[])?
        }
        (other, _) => other.clone(),
    };
    Ok(PyErr::raised(interp.make_exception(exc)?))
}

/// What a `zip(..., strict=True)` does when argument `k` (0-based) is exhausted:
/// the end if every other argument is exhausted too, else CPython's `ValueError`
/// naming the first argument that is shorter (`k > 0`) or longer than the ones
/// before it.
pub fn zip_strict_end(interp: &mut Interpreter, iters: &[Value], k: usize) -> PyResult<()> {
    let mismatch = |i: usize, what: &str| {
        let before = if i == 1 { "argument 1".to_owned() } else { format!("arguments 1-{i}") };
        Err(PyErr::value_error(format!("zip() argument {} is {what} than {before}", i + 1)))
    };
    if k > 0 {
        return mismatch(k, "shorter");
    }
    for (i, it) in iters.iter().enumerate().skip(1) {
        if interp.next(it)?.is_some() {
            return mismatch(i, "longer");
        }
    }
    Ok(())
}

/// Registers the methods.
pub fn install(interp: &mut Interpreter) {
    let mut classes: Vec<_> = interp.types.iterators.values().cloned().collect();
    classes.push(interp.types.iterator.clone());
    classes.push(interp.types.generator.clone());
    for class in &classes {
        add_method(interp, class, "__iter__", native("__iter__", |_, a, _| Ok(a[0].clone())));
        add_method(
            interp,
            class,
            "__next__",
            native("__next__", |i, a, _| {
                let c = cell(&a[0])?.clone();
                if is_generator(&a[0]) {
                    return generator_step(i, &c, Resume::Send(Value::None));
                }
                match i.next(&a[0])? {
                    Some(v) => Ok(v),
                    None => Err(stop_iteration(i, Value::None)),
                }
            }),
        );
    }
    let generator = interp.types.generator.clone();
    add_method(
        interp,
        &generator,
        "send",
        native("send", |i, a, _| {
            arity("send", &a[1..], 1, 1)?;
            let c = cell(&a[0])?.clone();
            generator_step(i, &c, Resume::Send(a[1].clone()))
        }),
    );
    add_method(
        interp,
        &generator,
        "throw",
        native("throw", |i, a, _| {
            arity("throw", &a[1..], 1, 3)?;
            let c = cell(&a[0])?.clone();
            let err = thrown(i, &a[1..])?;
            generator_step(i, &c, Resume::Throw(err))
        }),
    );
    add_method(interp, &generator, "close", native("close", |i, a, _| close(i, cell(&a[0])?)));
}

/// `generator.close()`: raises `GeneratorExit` inside a suspended generator.
pub(crate) fn close(interp: &mut Interpreter, generator: &Rc<RefCell<PyIter>>) -> PyResult<Value> {
    if matches!(&*generator.borrow(), PyIter::Generator(g) if g.running) {
        return Err(PyErr::value_error("generator already executing"));
    }
    let suspended = matches!(&*generator.borrow(), PyIter::Generator(g) if g.started && g.frame.is_some());
    if !suspended {
        if let PyIter::Generator(g) = &mut *generator.borrow_mut() {
            g.frame = None;
        }
        return Ok(Value::None);
    }
    let exit = PyErr::raised(interp.new_exception(ExcKind::GeneratorExit, Vec::new()));
    match interp.resume_generator(generator, Resume::Throw(exit)) {
        Ok(Ok(_)) => Err(PyErr::new(ExcKind::RuntimeError, "generator ignored GeneratorExit")),
        Ok(Err(_)) => Ok(Value::None),
        Err(e) if super::functions::is_kind(interp, &e, ExcKind::GeneratorExit) => Ok(Value::None),
        Err(e) => Err(e),
    }
}

//! Built-in modules (`builtins`, `sys`, `time`, `math`, `random`, `json`, `typing`), registered as
//! module loaders through the same native API embedders use.

mod json;
mod json_decode;
mod math;
mod math_int;
pub(crate) mod pyish_loop;
pub use pyish_loop::{copy_context, event_io, monotonic, poll_events};
mod random;
mod random_seq;
mod sys;
mod time;
mod typing;

use crate::builtins::native;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::{Module, Value};
use std::rc::Rc;

/// Builds a module.
type Loader = fn(&mut Interpreter) -> PyResult<Value>;

/// Registers the loaders of the built-in modules.
pub fn install(interp: &mut Interpreter) {
    let loaders: [(&str, Loader); 12] = [
        ("builtins", load_builtins),
        ("sys", sys::load),
        ("time", time::load),
        ("math", math::load),
        ("random", random::load),
        ("json", json::load),
        ("typing", typing::load),
        ("_pyish_loop", pyish_loop::load),
        ("asyncio", load_asyncio),
        ("contextvars", load_contextvars),
        ("collections", load_collections),
        ("socket", load_socket),
    ];
    for (name, load) in loaders {
        interp.module_loaders.insert(name.to_owned(), Rc::new(load));
    }
}

/// `builtins`: the module that name lookups fall back to, so that binding or
/// deleting one of its attributes changes what every module sees, as in CPython.
fn load_builtins(interp: &mut Interpreter) -> PyResult<Value> {
    Ok(Value::Module(interp.builtins.clone()))
}

/// `asyncio`, written in Python (ported from CPython's) on top of `_pyish_loop`.
///
/// The source lives in `src/stdlib/asyncio/`, split into files named after
/// CPython's asyncio submodules only to respect the per-file line limit; they
/// are concatenated here, in name order, into the single `asyncio` module.
fn load_asyncio(interp: &mut Interpreter) -> PyResult<Value> {
    const SOURCE: &str = concat!(
        include_str!("../stdlib/asyncio/00_base.py"),
        include_str!("../stdlib/asyncio/10_futures.py"),
        include_str!("../stdlib/asyncio/20_tasks.py"),
        include_str!("../stdlib/asyncio/30_events.py"),
        include_str!("../stdlib/asyncio/35_selector_events.py"),
        include_str!("../stdlib/asyncio/40_runners.py"),
        include_str!("../stdlib/asyncio/50_taskgroups.py"),
        include_str!("../stdlib/asyncio/60_locks.py"),
        include_str!("../stdlib/asyncio/70_queues.py"),
        include_str!("../stdlib/asyncio/80_transports.py"),
        include_str!("../stdlib/asyncio/85_streams.py"),
        include_str!("../stdlib/asyncio/90_accelerators.py"),
    );
    interp.load_source_module("asyncio", "<pyish asyncio>", SOURCE)
}

/// `collections` (namedtuple, defaultdict, OrderedDict, Counter on subclasses of
/// tuple and dict; deque over a list with a head index; ChainMap), written in Python.
/// The files of `src/stdlib/collections/` are concatenated, in name order, into the
/// one module (split only to respect the per-file line limit).
fn load_collections(interp: &mut Interpreter) -> PyResult<Value> {
    const SOURCE: &str = concat!(
        include_str!("../stdlib/collections/10_tuples_dicts.py"),
        include_str!("../stdlib/collections/20_deque.py"),
        include_str!("../stdlib/collections/30_chainmap.py"),
    );
    interp.load_source_module("collections", "<pyish collections>", SOURCE)
}

/// `contextvars`, written in Python on the interpreter's current-context slot.
fn load_contextvars(interp: &mut Interpreter) -> PyResult<Value> {
    const SOURCE: &str = include_str!("../stdlib/contextvars.py");
    interp.load_source_module("contextvars", "<pyish contextvars>", SOURCE)
}

/// `socket`: its exceptions and constants (see the module's docstring).
fn load_socket(interp: &mut Interpreter) -> PyResult<Value> {
    const SOURCE: &str = include_str!("../stdlib/socket.py");
    interp.load_source_module("socket", "<pyish socket>", SOURCE)
}

/// Sets a module attribute.
fn set(interp: &mut Interpreter, module: &Rc<Module>, name: &str, value: Value) {
    let sym = interp.intern(name);
    module.globals.borrow_mut().set(sym, value);
}

/// The signature of a native function body.
pub type Body = fn(&mut Interpreter, &[Value], &[(Symbol, Value)]) -> PyResult<Value>;

/// Adds native functions to a module.
fn add_fns(interp: &mut Interpreter, module: &Rc<Module>, fns: &[(&str, Body)]) {
    for (name, body) in fns {
        set(interp, module, name, native(name, *body));
    }
}

/// Binds positional and keyword arguments to the parameters `params` (the first
/// `required` are mandatory), with CPython's wording for the usual mistakes.
pub(crate) fn bind(
    interp: &Interpreter,
    fname: &str,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    params: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    if args.len() > params.len() {
        let n = params.len();
        let s = if n == 1 { "" } else { "s" };
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most {n} argument{s} ({} given)",
            args.len() + kwargs.len()
        )));
    }
    let mut out: Vec<Option<Value>> =
        args.iter().cloned().map(Some).chain(std::iter::repeat(None)).take(params.len()).collect();
    for (k, v) in kwargs {
        let key = interp.name(*k);
        match params.iter().position(|p| *p == key) {
            Some(i) if out[i].is_none() => out[i] = Some(v.clone()),
            Some(_) => {
                return Err(PyErr::type_error(format!("argument for {fname}() given by name ('{key}') and position")));
            }
            None => {
                return Err(PyErr::type_error(format!("{fname}() got an unexpected keyword argument '{key}'")));
            }
        }
    }
    if let Some(i) = out.iter().take(required).position(Option::is_none) {
        return Err(PyErr::type_error(format!("{fname}() missing required argument '{}' (pos {})", params[i], i + 1)));
    }
    Ok(out)
}

/// A real-number argument as a float (`TypeError: must be real number, not str`).
fn float_arg(interp: &Interpreter, v: &Value) -> PyResult<f64> {
    let plain = v.as_builtin();
    match plain {
        Value::Float(f) => Ok(*f),
        Value::BigInt(b) => match num_traits::ToPrimitive::to_f64(&**b) {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(PyErr::overflow("int too large to convert to float")),
        },
        _ => crate::runtime::ops::as_f64(plain)
            .ok_or_else(|| PyErr::type_error(format!("must be real number, not {}", interp.type_name(v)))),
    }
}

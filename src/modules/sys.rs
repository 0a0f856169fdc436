//! The `sys` module: `argv`, `exit`, `stdout`/`stderr`, `path`, version information and
//! the recursion limit.

use super::{add_fns, set};
use crate::builtins::functions::{arity, int_arg, no_kwargs};
use crate::builtins::native;
use crate::intern::{AttrMap, Symbol};
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{Instance, PyDict, Value};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Builds the `sys` module.
pub fn load(interp: &mut Interpreter) -> PyResult<Value> {
    let m = interp.new_module("sys");
    let argv = interp.argv.iter().map(|a| Value::str(a)).collect();
    set(interp, &m, "argv", Value::list(argv));
    add_fns(
        interp,
        &m,
        &[
            ("exit", exit),
            ("exc_info", exc_info),
            ("exception", exception),
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
            ("set_asyncgen_hooks", set_asyncgen_hooks),
            ("get_asyncgen_hooks", get_asyncgen_hooks),
        ],
    );
    let stdout = stream(interp, "<stdout>", false)?;
    let stderr = stream(interp, "<stderr>", true)?;
    set(interp, &m, "stdout", stdout.clone());
    set(interp, &m, "stderr", stderr.clone());
    set(interp, &m, "__stdout__", stdout);
    set(interp, &m, "__stderr__", stderr);
    let dir = interp.script_dir.as_ref().map_or_else(String::new, |d| d.display().to_string());
    set(interp, &m, "path", Value::list(vec![Value::string(dir)]));
    set(interp, &m, "version", Value::str("3.11.7 (pyish)"));
    let info = version_info(interp)?;
    set(interp, &m, "version_info", info);
    set(interp, &m, "platform", Value::str(std::env::consts::OS));
    set(interp, &m, "maxsize", Value::Int(i64::MAX));
    set(interp, &m, "byteorder", Value::str(if cfg!(target_endian = "big") { "big" } else { "little" }));
    set(interp, &m, "executable", Value::str(""));
    let modules = Rc::new(PyDict::default());
    let mut loaded: Vec<(String, Value)> = interp.modules.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    loaded.sort_by(|a, b| a.0.cmp(&b.0));
    loaded.push(("sys".to_owned(), Value::Module(m.clone())));
    for (name, module) in loaded {
        interp.dict_set(&modules, Value::string(name), module)?;
    }
    set(interp, &m, "modules", Value::Dict(modules));
    Ok(Value::Module(m))
}

/// `sys.version_info`, a struct sequence in CPython: built by Python code (a class
/// wrapping the tuple, since pyish cannot subclass `tuple`) run as a scratch module
/// that is dropped from the module table, so only `sys` shows it. Its numbers are
/// those of `sys.version` (3.11.7, the oracle's).
fn version_info(interp: &mut Interpreter) -> PyResult<Value> {
    const SOURCE: &str = include_str!("../stdlib/sys_version_info.py");
    const NAME: &str = "_pyish_sys_version_info";
    let scratch = interp.load_source_module(NAME, "<pyish sys>", SOURCE);
    interp.modules.remove(NAME);
    let sym = interp.intern("info");
    interp.getattr(&scratch?, sym)
}

/// `sys.exception()`: the exception being handled, or `None`.
fn exception(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("exception", kwargs)?;
    arity("sys.exception", args, 0, 0)?;
    Ok(interp.handling.last().cloned().unwrap_or(Value::None))
}

/// `sys.exc_info()`: `(type, value, traceback)` of the exception being handled
/// (pyish has no traceback objects: the third item is `None`).
fn exc_info(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("exc_info", kwargs)?;
    arity("sys.exc_info", args, 0, 0)?;
    Ok(match interp.handling.last().cloned() {
        Some(Value::Instance(exc)) => {
            Value::tuple(vec![Value::Class(exc.class.clone()), Value::Instance(exc), Value::None])
        }
        _ => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

/// `sys.exit([code])`: raises `SystemExit(code)`.
fn exit(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("exit", kwargs)?;
    arity("exit", args, 0, 1)?;
    let code = args.first().cloned().unwrap_or(Value::None);
    let exc_args = if matches!(code, Value::None) { Vec::new() } else { vec![code.clone()] };
    let exc = interp.new_exception(ExcKind::SystemExit, exc_args);
    let sym = interp.intern("code");
    exc.attrs.borrow_mut().insert(sym, code);
    Err(PyErr::raised(exc))
}

fn getrecursionlimit(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("getrecursionlimit", kwargs)?;
    arity("sys.getrecursionlimit", args, 0, 0)?;
    Ok(Value::Int(interp.recursion_limit as i64))
}

fn setrecursionlimit(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("setrecursionlimit", kwargs)?;
    arity("setrecursionlimit", args, 1, 1)?;
    if matches!(args[0], Value::Float(_)) {
        return Err(PyErr::type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = int_arg(interp, &args[0])?;
    if n < 1 {
        return Err(PyErr::value_error("recursion limit must be greater or equal than 1"));
    }
    if (n as usize) <= interp.depth {
        return Err(PyErr::new(
            ExcKind::RecursionError,
            format!(
                "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
                interp.depth
            ),
        ));
    }
    interp.recursion_limit = n as usize;
    Ok(Value::None)
}

/// A `TextIOWrapper`-like object whose `write`/`flush` go to stdout or stderr.
fn stream(interp: &mut Interpreter, name: &str, is_err: bool) -> PyResult<Value> {
    let mut dict = AttrMap::default();
    let module_sym = interp.syms.module;
    dict.insert(module_sym, Value::str("_io"));
    let class = interp.new_class("TextIOWrapper", "TextIOWrapper", Vec::new(), dict)?;
    let write = native("write", move |interp, args, kwargs| {
        no_kwargs("write", kwargs)?;
        arity("write", args, 1, 1)?;
        let Value::Str(s) = &args[0] else {
            let t = interp.type_name(&args[0]);
            return Err(PyErr::type_error(format!("write() argument must be str, not {t}")));
        };
        if is_err {
            interp.flush();
            let mut err = std::io::stderr();
            let _ = err.write_all(s.as_str().as_bytes());
            let _ = err.flush();
        } else {
            let _ = interp.stdout.write_all(s.as_str().as_bytes());
        }
        Ok(Value::Int(s.char_len() as i64))
    });
    let flush = native("flush", move |interp, args, kwargs| {
        no_kwargs("flush", kwargs)?;
        arity("flush", args, 0, 0)?;
        interp.flush();
        if is_err {
            let _ = std::io::stderr().flush();
        }
        Ok(Value::None)
    });
    let mut attrs = AttrMap::default();
    for (key, value) in
        [("write", write), ("flush", flush), ("name", Value::str(name)), ("encoding", Value::str("utf-8"))]
    {
        attrs.insert(interp.intern(key), value);
    }
    Ok(Value::Instance(Rc::new(Instance { class, attrs: RefCell::new(attrs), payload: None })))
}

/// `sys.set_asyncgen_hooks(firstiter=None, finalizer=None)`: what the event loop
/// calls when an async generator is first iterated (to close it at shutdown).
fn set_asyncgen_hooks(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let bound = super::bind(interp, "set_asyncgen_hooks", args, kwargs, &["firstiter", "finalizer"], 0)?;
    let mut hooks = bound.into_iter();
    let (firstiter, finalizer) = (hooks.next().flatten(), hooks.next().flatten());
    for hook in [&firstiter, &finalizer].into_iter().flatten() {
        if !matches!(hook, Value::None) && !interp.callable(hook) {
            let t = interp.type_name(hook);
            return Err(PyErr::type_error(format!("callable expected, got {t}")));
        }
    }
    if let Some(f) = firstiter {
        interp.asyncgen_hooks.0 = f;
    }
    if let Some(f) = finalizer {
        interp.asyncgen_hooks.1 = f;
    }
    Ok(Value::None)
}

/// `sys.get_asyncgen_hooks()`: `(firstiter, finalizer)`.
fn get_asyncgen_hooks(interp: &mut Interpreter, _: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    Ok(Value::tuple(vec![interp.asyncgen_hooks.0.clone(), interp.asyncgen_hooks.1.clone()]))
}

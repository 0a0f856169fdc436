//! `open()`: text and binary files for reading, writing and appending, usable as
//! context managers and iterable by line.
//!
//! A file object is an instance of `TextIOWrapper` (text) or `BufferedReader` /
//! `BufferedWriter` (binary) whose state lives in hidden attributes: reading loads the
//! whole file when it is opened (scripts read small files); writes go straight to disk.

use super::functions::{arity, kwarg};
use super::native;
use super::types::add_method;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{Class, Value};
use std::io::Write;
use std::rc::Rc;

/// Hidden attribute names of a file object.
const PATH: &str = "_pyish_path";
const DATA: &str = "_pyish_data";
const POS: &str = "_pyish_pos";
const MODE: &str = "_pyish_mode";
const CLOSED: &str = "closed";

/// The `OSError` subclass CPython raises for an I/O error: `args` are (errno,
/// message) and `filename` is set.
fn os_error(interp: &mut Interpreter, e: &std::io::Error, path: &str) -> PyErr {
    let kind = match e.kind() {
        std::io::ErrorKind::NotFound => ExcKind::FileNotFoundError,
        std::io::ErrorKind::PermissionDenied => ExcKind::PermissionError,
        std::io::ErrorKind::AlreadyExists => ExcKind::FileExistsError,
        _ if e.raw_os_error() == Some(21) => ExcKind::IsADirectoryError,
        _ => ExcKind::OSError,
    };
    let errno = e.raw_os_error().unwrap_or(0);
    let text = e.to_string();
    let message = text.split(" (os error").next().unwrap_or(&text).to_owned();
    let exc = interp.new_exception(kind, vec![Value::Int(i64::from(errno)), Value::string(message)]);
    let filename = interp.intern("filename");
    exc.attrs.borrow_mut().insert(filename, Value::string(path.to_owned()));
    PyErr::raised(exc)
}

fn attr(interp: &mut Interpreter, file: &Value, name: &str) -> Value {
    let sym = interp.intern(name);
    match file {
        Value::Instance(i) => i.attrs.borrow().get(&sym).cloned().unwrap_or(Value::None),
        _ => Value::None,
    }
}

fn set_attr(interp: &mut Interpreter, file: &Value, name: &str, value: Value) {
    let sym = interp.intern(name);
    if let Value::Instance(i) = file {
        i.attrs.borrow_mut().insert(sym, value);
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Str(s) => s.as_str().to_owned(),
        _ => String::new(),
    }
}

/// `open(file, mode='r', encoding=None)`.
fn open(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    arity("open", args, 1, 3)?;
    let Value::Str(path) = &args[0] else {
        return Err(PyErr::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            interp.type_name(&args[0])
        )));
    };
    let path = path.as_str().to_owned();
    let mode = match kwarg(interp, kwargs, "mode").or_else(|| args.get(1).cloned()) {
        Some(Value::Str(m)) => m.as_str().to_owned(),
        None => "r".to_owned(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                interp.type_name(&other)
            )));
        }
    };
    let binary = mode.contains('b');
    let kind = mode.chars().find(|c| "rwax".contains(*c)).unwrap_or('r');
    if mode.chars().any(|c| !"rwaxbt+".contains(c)) {
        return Err(PyErr::value_error(format!("invalid mode: '{mode}'")));
    }
    if mode.matches(['r', 'w', 'a', 'x']).count() != 1 {
        return Err(PyErr::value_error("must have exactly one of create/read/write/append mode"));
    }
    let data = match kind {
        'r' => {
            let bytes = std::fs::read(&path).map_err(|e| os_error(interp, &e, &path))?;
            if binary {
                Value::Bytes(Rc::new(bytes))
            } else {
                let text = String::from_utf8(bytes)
                    .map_err(|_| PyErr::new(ExcKind::UnicodeDecodeError, "'utf-8' codec can't decode the file"))?;
                Value::string(text.replace("\r\n", "\n"))
            }
        }
        _ => {
            let mut options = std::fs::OpenOptions::new();
            match kind {
                'w' => options.write(true).create(true).truncate(true),
                'a' => options.append(true).create(true),
                _ => options.write(true).create_new(true),
            };
            options.open(&path).map_err(|e| os_error(interp, &e, &path))?;
            Value::None
        }
    };
    let class = file_class(interp, binary, kind == 'r');
    let file = interp.bare_instance(&class, &[]);
    set_attr(interp, &file, "name", Value::string(path.clone()));
    set_attr(interp, &file, "mode", Value::string(mode.clone()));
    set_attr(interp, &file, PATH, Value::string(path));
    set_attr(interp, &file, DATA, data);
    set_attr(interp, &file, POS, Value::Int(0));
    set_attr(interp, &file, MODE, Value::string(mode));
    set_attr(interp, &file, CLOSED, Value::Bool(false));
    Ok(file)
}

/// The class of a file object (created and given its methods on first use).
fn file_class(interp: &mut Interpreter, binary: bool, reading: bool) -> Rc<Class> {
    let name = match (binary, reading) {
        (false, _) => "TextIOWrapper",
        (true, true) => "BufferedReader",
        (true, false) => "BufferedWriter",
    };
    let key = interp.intern(name);
    if let Some(Value::Class(c)) = interp.file_classes.get(&key) {
        return c.clone();
    }
    let mut dict = crate::intern::AttrMap::default();
    let module = interp.intern("__module__");
    dict.insert(module, Value::str("_io"));
    let class = interp.new_class(name, name, Vec::new(), dict).unwrap_or_else(|_| interp.types.object.clone());
    install_methods(interp, &class);
    interp.file_classes.insert(key, Value::Class(class.clone()));
    class
}

/// Fails on a closed file.
fn check_open(interp: &mut Interpreter, file: &Value) -> PyResult<()> {
    if matches!(attr(interp, file, CLOSED), Value::Bool(true)) {
        return Err(PyErr::value_error("I/O operation on closed file."));
    }
    Ok(())
}

/// The unread part of a reading file, as (data, position).
fn remaining(interp: &mut Interpreter, file: &Value) -> PyResult<(Value, usize)> {
    check_open(interp, file)?;
    let data = attr(interp, file, DATA);
    if matches!(data, Value::None) {
        return Err(PyErr::new(ExcKind::OSError, "not readable"));
    }
    let pos = match attr(interp, file, POS) {
        Value::Int(p) => p as usize,
        _ => 0,
    };
    Ok((data, pos))
}

/// `read([n])`.
fn read(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let file = &args[0];
    let (data, pos) = remaining(interp, file)?;
    let limit = match args.get(1) {
        Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
        _ => None,
    };
    let (out, new_pos) = match &data {
        Value::Bytes(b) => {
            let rest = b.get(pos..).unwrap_or(&[]);
            let take = limit.unwrap_or(rest.len()).min(rest.len());
            (Value::Bytes(Rc::new(rest[..take].to_vec())), pos + take)
        }
        other => {
            let text = text_of(other);
            let rest = text.get(pos..).unwrap_or("");
            let end = match limit {
                Some(n) => rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i),
                None => rest.len(),
            };
            (Value::str(&rest[..end]), pos + end)
        }
    };
    set_attr(interp, file, POS, Value::Int(new_pos as i64));
    Ok(out)
}

/// `readline()`: the next line with its newline, or `''` at the end.
fn readline(interp: &mut Interpreter, file: &Value) -> PyResult<Value> {
    let (data, pos) = remaining(interp, file)?;
    let (line, new_pos) = match &data {
        Value::Bytes(b) => {
            let rest = b.get(pos..).unwrap_or(&[]);
            let end = rest.iter().position(|&c| c == b'\n').map_or(rest.len(), |i| i + 1);
            (Value::Bytes(Rc::new(rest[..end].to_vec())), pos + end)
        }
        other => {
            let text = text_of(other);
            let rest = text.get(pos..).unwrap_or("");
            let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            (Value::str(&rest[..end]), pos + end)
        }
    };
    set_attr(interp, file, POS, Value::Int(new_pos as i64));
    Ok(line)
}

/// `write(s)`: appends to the file on disk; returns the length written.
fn write(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    arity("write", &args[1..], 1, 1)?;
    let file = &args[0];
    check_open(interp, file)?;
    let path = text_of(&attr(interp, file, PATH));
    if !matches!(attr(interp, file, DATA), Value::None) {
        return Err(PyErr::new(ExcKind::OSError, "not writable"));
    }
    let binary = text_of(&attr(interp, file, MODE)).contains('b');
    let (bytes, written) = match (&args[1], binary) {
        (Value::Str(s), false) => (s.as_str().as_bytes().to_vec(), s.char_len()),
        (Value::Bytes(b), true) => (b.to_vec(), b.len()),
        (other, false) => {
            return Err(PyErr::type_error(format!("write() argument must be str, not {}", interp.type_name(other))));
        }
        (other, true) => {
            return Err(PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                interp.type_name(other)
            )));
        }
    };
    let mut handle = std::fs::OpenOptions::new().append(true).open(&path).map_err(|e| os_error(interp, &e, &path))?;
    handle.write_all(&bytes).map_err(|e| os_error(interp, &e, &path))?;
    Ok(Value::Int(written as i64))
}

/// Methods of file objects.
fn install_methods(interp: &mut Interpreter, class: &Rc<Class>) {
    add_method(interp, class, "read", native("read", read));
    add_method(
        interp,
        class,
        "__repr__",
        native("__repr__", |i, a, _| {
            let class = i.type_name(&a[0]);
            let name = attr(i, &a[0], "name");
            let name = i.repr(&name)?;
            Ok(Value::string(if class == "TextIOWrapper" {
                let mode = attr(i, &a[0], "mode");
                let mode = i.repr(&mode)?;
                format!("<_io.{class} name={name} mode={mode} encoding='UTF-8'>")
            } else {
                format!("<_io.{class} name={name}>")
            }))
        }),
    );
    add_method(interp, class, "readline", native("readline", |i, a, _| readline(i, &a[0])));
    add_method(
        interp,
        class,
        "readlines",
        native("readlines", |i, a, _| {
            let mut lines = Vec::new();
            loop {
                let line = readline(i, &a[0])?;
                if !i.truthy(&line)? {
                    return Ok(Value::list(lines));
                }
                lines.push(line);
            }
        }),
    );
    add_method(interp, class, "write", native("write", write));
    add_method(
        interp,
        class,
        "close",
        native("close", |i, a, _| {
            set_attr(i, &a[0], CLOSED, Value::Bool(true));
            Ok(Value::None)
        }),
    );
    add_method(interp, class, "flush", native("flush", |_, _, _| Ok(Value::None)));
    add_method(interp, class, "__enter__", native("__enter__", |_, a, _| Ok(a[0].clone())));
    add_method(
        interp,
        class,
        "__exit__",
        native("__exit__", |i, a, _| {
            set_attr(i, &a[0], CLOSED, Value::Bool(true));
            Ok(Value::Bool(false))
        }),
    );
    add_method(interp, class, "__iter__", native("__iter__", |_, a, _| Ok(a[0].clone())));
    add_method(
        interp,
        class,
        "__next__",
        native("__next__", |i, a, _| {
            let line = readline(i, &a[0])?;
            if i.truthy(&line)? { Ok(line) } else { Err(PyErr::new(ExcKind::StopIteration, "")) }
        }),
    );
}

/// Registers `open`.
pub fn install(interp: &mut Interpreter) {
    let sym = interp.intern("open");
    let f = native("open", open);
    interp.builtins.globals.borrow_mut().set(sym, f);
}

//! The numeric attributes of `int` and `float` (`real`, `imag`, `numerator`, `denominator`,
//! `conjugate()`, `to_bytes`, `from_bytes`).

use super::native;
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::runtime::ops::as_bigint;
use crate::value::{Descriptor, Value};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};
use std::rc::Rc;

pub(super) type Getter = fn(&mut Interpreter, &[Value], &[(crate::intern::Symbol, Value)]) -> PyResult<Value>;

/// Registers the attributes and methods.
pub fn install(interp: &mut Interpreter) {
    install_numbers(interp);
}

fn install_numbers(interp: &mut Interpreter) {
    let int = interp.types.int.clone();
    let int_props: &[(&str, Getter)] = &[
        ("real", |_, a, _| int_of(a)),
        ("imag", |_, a, _| int_of(a).map(|_| Value::Int(0))),
        ("numerator", |_, a, _| int_of(a)),
        ("denominator", |_, a, _| int_of(a).map(|_| Value::Int(1))),
    ];
    for (name, f) in int_props {
        add_property(interp, &int, name, *f);
    }
    let int_conjugate = native("conjugate", |_, a, _| {
        super::functions::arity("int.conjugate", &a[1..], 0, 0)?;
        int_of(a)
    });
    add_method(interp, &int, "conjugate", int_conjugate);
    let float = interp.types.float.clone();
    let float_props: &[(&str, Getter)] =
        &[("real", |_, a, _| float_of(a)), ("imag", |_, a, _| float_of(a).map(|_| Value::Float(0.0)))];
    for (name, f) in float_props {
        add_property(interp, &float, name, *f);
    }
    let float_conjugate = native("conjugate", |_, a, _| {
        super::functions::arity("float.conjugate", &a[1..], 0, 0)?;
        float_of(a)
    });
    add_method(interp, &float, "conjugate", float_conjugate);
    add_method(interp, &int, "to_bytes", native("to_bytes", to_bytes));
    let from_bytes = Value::Descriptor(Rc::new(Descriptor::ClassMethod(native("from_bytes", from_bytes))));
    add_method(interp, &int, "from_bytes", from_bytes);
}

/// The arguments of `to_bytes`/`from_bytes`: two positional-or-keyword parameters
/// (`names`) and the keyword-only `signed`, bound with CPython's messages.
fn bind_bytes_args(
    i: &mut Interpreter,
    func: &str,
    args: &[Value],
    kw: &[(crate::intern::Symbol, Value)],
    names: [&str; 2],
) -> PyResult<([Option<Value>; 2], bool)> {
    if args.len() > 2 {
        let n = args.len();
        return Err(PyErr::type_error(format!("{func}() takes at most 2 positional arguments ({n} given)")));
    }
    let mut slots = [args.first().cloned(), args.get(1).cloned()];
    let mut signed = false;
    for (k, v) in kw {
        let key = i.name(*k).to_owned();
        match names.iter().position(|n| *n == key) {
            Some(pos) if slots[pos].is_some() => {
                let msg = format!("argument for {func}() given by name ('{key}') and position ({})", pos + 1);
                return Err(PyErr::type_error(msg));
            }
            Some(pos) => slots[pos] = Some(v.clone()),
            None if key == "signed" => signed = i.truthy(v)?,
            None => return Err(PyErr::type_error(format!("'{key}' is an invalid keyword argument for {func}()"))),
        }
    }
    Ok((slots, signed))
}

/// Whether `byteorder` says little-endian (default `'big'`, as in Python 3.11).
fn little_endian(i: &Interpreter, func: &str, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) if s.as_str() == "little" => Ok(true),
        Some(Value::Str(s)) if s.as_str() == "big" => Ok(false),
        Some(Value::Str(_)) => Err(PyErr::value_error("byteorder must be either 'little' or 'big'")),
        Some(other) => {
            let t = i.type_name(other);
            Err(PyErr::type_error(format!("{func}() argument 'byteorder' must be str, not {t}")))
        }
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn to_bytes(i: &mut Interpreter, a: &[Value], kw: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    let Some(n) = a.first().and_then(as_bigint) else {
        return Err(PyErr::type_error("descriptor 'to_bytes' for 'int' objects needs an int"));
    };
    let ([length, order], signed) = bind_bytes_args(i, "to_bytes", &a[1..], kw, ["length", "byteorder"])?;
    let length = match &length {
        Some(v) => super::functions::int_arg(i, v)?,
        None => 1,
    };
    if length < 0 {
        return Err(PyErr::value_error("length argument must be non-negative"));
    }
    let little = little_endian(i, "to_bytes", order.as_ref())?;
    if n.is_negative() && !signed {
        return Err(PyErr::overflow("can't convert negative int to unsigned"));
    }
    let mut bytes = match (n.is_zero(), signed) {
        (true, _) => Vec::new(),
        (false, true) => n.to_signed_bytes_be(),
        (false, false) => n.to_bytes_be().1,
    };
    if bytes.len() as i64 > length {
        return Err(PyErr::overflow("int too big to convert"));
    }
    if length > i64::MAX - 33 {
        return Err(PyErr::overflow("byte string is too large"));
    }
    if length > 1 << 30 {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    let fill = if n.is_negative() { 0xff } else { 0 };
    let mut out = vec![fill; length as usize - bytes.len()];
    out.append(&mut bytes);
    if little {
        out.reverse();
    }
    Ok(Value::Bytes(Rc::new(out)))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`: the bytes may be any
/// iterable of ints in `range(256)`, as CPython's `bytes(...)` conversion allows.
fn from_bytes(i: &mut Interpreter, a: &[Value], kw: &[(crate::intern::Symbol, Value)]) -> PyResult<Value> {
    let ([data, order], signed) =
        bind_bytes_args(i, "from_bytes", a.get(1..).unwrap_or_default(), kw, ["bytes", "byteorder"])?;
    let Some(data) = data else {
        return Err(PyErr::type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let little = little_endian(i, "from_bytes", order.as_ref())?;
    let mut bytes = match &data {
        Value::Bytes(b) => b.to_vec(),
        Value::Str(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) | Value::None => {
            let t = i.type_name(&data);
            return Err(PyErr::type_error(format!("cannot convert '{t}' object to bytes")));
        }
        other => {
            let mut out = Vec::new();
            for item in i.collect(other.clone())? {
                match as_bigint(&item).and_then(|b| u8::try_from(b).ok()) {
                    Some(b) => out.push(b),
                    None if as_bigint(&item).is_some() => {
                        return Err(PyErr::value_error("bytes must be in range(0, 256)"));
                    }
                    None => {
                        let t = i.type_name(&item);
                        return Err(PyErr::type_error(format!("'{t}' object cannot be interpreted as an integer")));
                    }
                }
            }
            out
        }
    };
    if little {
        bytes.reverse();
    }
    let n = if signed { BigInt::from_signed_bytes_be(&bytes) } else { BigInt::from_bytes_be(Sign::Plus, &bytes) };
    Ok(Value::from_bigint(n))
}

impl Interpreter {
    /// `operator.index(v)` for instances: the int their `__index__` returns, `None` when `v`
    /// is not an instance or has no `__index__`.
    pub fn index_value(&mut self, v: &Value) -> PyResult<Option<Value>> {
        let Value::Instance(inst) = v else { return Ok(None) };
        // An int subclass is its int value: CPython never calls its `__index__`.
        if let Some(b @ (Value::Int(_) | Value::BigInt(_))) = inst.base() {
            return Ok(Some(b.clone()));
        }
        let sym = self.intern("__index__");
        let Some(m) = inst.class.lookup(sym) else { return Ok(None) };
        match self.call(m, vec![v.clone()], &[])? {
            i @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => Ok(Some(i)),
            other => {
                let t = self.type_name(&other);
                Err(PyErr::type_error(format!("__index__ returned non-int (type {t})")))
            }
        }
    }
}

/// Adds a read-only property computed by `get` to a builtin class.
pub(super) fn add_property(interp: &mut Interpreter, class: &Rc<crate::value::Class>, name: &str, get: Getter) {
    // A getter takes the receiver like a method (`min_args` 1), so that an instance
    // of a subclass (`class I(int)`) reaches it as its builtin value.
    let Value::Native(n) = native(name, get) else { return };
    let qualified = format!("{}.{name}", class.name);
    let func = crate::value::NativeFunction {
        name: qualified,
        min_args: 1,
        func: n.func.clone(),
        reads_frame: false,
        owned_args: None,
        positional_only: false,
    };
    let get = Value::Native(Rc::new(func));
    let prop = Descriptor::Property { get, set: Value::None, del: Value::None, doc: Value::None };
    add_method(interp, class, name, Value::Descriptor(Rc::new(prop)));
}

/// The receiver as an int (a bool becomes a plain int).
fn int_of(a: &[Value]) -> PyResult<Value> {
    match a.first() {
        Some(Value::Bool(b)) => Ok(Value::Int(i64::from(*b))),
        Some(v @ (Value::Int(_) | Value::BigInt(_))) => Ok(v.clone()),
        _ => Err(PyErr::type_error("descriptor requires an 'int' object")),
    }
}

/// The receiver as a float.
fn float_of(a: &[Value]) -> PyResult<Value> {
    match a.first() {
        Some(v @ Value::Float(_)) => Ok(v.clone()),
        _ => Err(PyErr::type_error("descriptor requires a 'float' object")),
    }
}

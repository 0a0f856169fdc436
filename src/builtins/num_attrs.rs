//! `range` methods and attributes (`index`, `count`, `start`, `stop`, `step`) and the
//! numeric attributes of `int` and `float` (`real`, `imag`, `numerator`, `denominator`,
//! `conjugate()`).

use super::functions::arity;
use super::native;
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::{Descriptor, PyRange, Value};
use std::rc::Rc;

type Getter = fn(&mut Interpreter, &[Value], &[(crate::intern::Symbol, Value)]) -> PyResult<Value>;

/// Registers the attributes and methods.
pub fn install(interp: &mut Interpreter) {
    let range = interp.types.range.clone();
    let range_props: &[(&str, Getter)] = &[
        ("start", |_, a, _| range_of(a).map(|r| Value::Int(r.start))),
        ("stop", |_, a, _| range_of(a).map(|r| Value::Int(r.stop))),
        ("step", |_, a, _| range_of(a).map(|r| Value::Int(r.step))),
    ];
    for (name, f) in range_props {
        add_property(interp, &range, name, *f);
    }
    add_method(
        interp,
        &range,
        "index",
        native("index", |i, a, _| {
            arity("index", a.get(1..).unwrap_or_default(), 1, 1)?;
            let r = range_of(a)?;
            match range_position(&r, &a[1]) {
                Some(n) => Ok(Value::Int(n)),
                None if matches!(a[1], Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
                    Err(PyErr::value_error(format!("{} is not in range", i.repr(&a[1])?)))
                }
                None => Err(PyErr::value_error("sequence.index(x): x not in sequence")),
            }
        }),
    );
    add_method(
        interp,
        &range,
        "count",
        native("count", |_, a, _| {
            arity("count", a.get(1..).unwrap_or_default(), 1, 1)?;
            let r = range_of(a)?;
            Ok(Value::Int(i64::from(range_position(&r, &a[1]).is_some())))
        }),
    );
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
    add_method(interp, &int, "conjugate", native("conjugate", |_, a, _| int_of(a)));
    let float = interp.types.float.clone();
    let float_props: &[(&str, Getter)] =
        &[("real", |_, a, _| float_of(a)), ("imag", |_, a, _| float_of(a).map(|_| Value::Float(0.0)))];
    for (name, f) in float_props {
        add_property(interp, &float, name, *f);
    }
    add_method(interp, &float, "conjugate", native("conjugate", |_, a, _| float_of(a)));
}

impl Interpreter {
    /// `operator.index(v)` for instances: the int their `__index__` returns, `None` when `v`
    /// is not an instance or has no `__index__`.
    pub fn index_value(&mut self, v: &Value) -> PyResult<Option<Value>> {
        let Value::Instance(inst) = v else { return Ok(None) };
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
fn add_property(interp: &mut Interpreter, class: &Rc<crate::value::Class>, name: &str, get: Getter) {
    let prop = Descriptor::Property { get: native(name, get), set: Value::None, del: Value::None, doc: Value::None };
    add_method(interp, class, name, Value::Descriptor(Rc::new(prop)));
}

/// The receiver as a range.
fn range_of(a: &[Value]) -> PyResult<Rc<PyRange>> {
    match a.first() {
        Some(Value::Range(r)) => Ok(r.clone()),
        _ => Err(PyErr::type_error("descriptor requires a 'range' object")),
    }
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

/// The position of `x` in the range, if it is an element (ints, and floats equal to one).
fn range_position(r: &PyRange, x: &Value) -> Option<i64> {
    let i = match x {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(*b),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => *f as i64,
        _ => return None,
    };
    let in_bounds = if r.step > 0 { i >= r.start && i < r.stop } else { i <= r.start && i > r.stop };
    let offset = i128::from(i) - i128::from(r.start);
    (in_bounds && offset % i128::from(r.step) == 0).then(|| (offset / i128::from(r.step)) as i64)
}

//! The `random` module: module-level functions sharing one hidden generator, and the
//! `Random` class whose instances own theirs. The numbers come from the CPython-exact
//! [`MersenneTwister`]; this file only converts arguments and results.

use super::{float_arg, set};
use crate::builtins::native;
use crate::intern::{AttrMap, Symbol};
use crate::interpreter::Interpreter;
use crate::random::{ErrorKind, MersenneTwister, RandomError};
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::runtime::ops::as_bigint;
use crate::value::{Instance, Value};
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// A generator shared by the functions that use it.
type Rng = Rc<RefCell<MersenneTwister>>;

/// One operation of a generator: receives the arguments after `self`.
type Op = fn(&mut Interpreter, &Rng, &[Value], &[(Symbol, Value)]) -> PyResult<Value>;

/// The generators of live `Random` instances, by instance address.
#[derive(Default)]
struct Registry {
    map: RefCell<HashMap<usize, (Weak<Instance>, Rng)>>,
    purge_at: std::cell::Cell<usize>,
}

impl Registry {
    /// The generator of `receiver`, created (seeded from entropy) on first use.
    fn get(&self, interp: &Interpreter, receiver: Option<&Value>) -> PyResult<Rng> {
        let Some(Value::Instance(inst)) = receiver else {
            let t = receiver.map_or_else(|| "nothing".to_owned(), |v| interp.type_name(v));
            return Err(PyErr::type_error(format!("descriptor requires a 'Random' object but received '{t}'")));
        };
        let key = Rc::as_ptr(inst) as usize;
        if let Some((weak, rng)) = self.map.borrow().get(&key)
            && weak.upgrade().is_some_and(|live| Rc::ptr_eq(&live, inst))
        {
            return Ok(rng.clone());
        }
        Ok(self.insert(inst, MersenneTwister::new()))
    }

    /// Gives `inst` a fresh generator (dropping those of dead instances now and then).
    fn insert(&self, inst: &Rc<Instance>, mt: MersenneTwister) -> Rng {
        let rng = Rc::new(RefCell::new(mt));
        let mut map = self.map.borrow_mut();
        if map.len() >= self.purge_at.get() {
            map.retain(|_, (weak, _)| weak.strong_count() > 0);
            self.purge_at.set(map.len() * 2 + 64);
        }
        map.insert(Rc::as_ptr(inst) as usize, (Rc::downgrade(inst), rng.clone()));
        rng
    }
}

const OPS: &[(&str, Op)] = &[
    ("seed", seed),
    ("random", random),
    ("getrandbits", getrandbits),
    ("randrange", randrange),
    ("randint", randint),
    ("randbytes", randbytes),
    ("choice", choice),
    ("choices", super::random_seq::choices),
    ("shuffle", super::random_seq::shuffle),
    ("sample", super::random_seq::sample),
    ("uniform", uniform),
    ("gauss", |i, r, a, k| normal(i, r, a, k, "gauss")),
    ("normalvariate", |i, r, a, k| normal(i, r, a, k, "normalvariate")),
];

/// Builds the `random` module.
pub fn load(interp: &mut Interpreter) -> PyResult<Value> {
    let m = interp.new_module("random");
    let shared: Rng = Rc::new(RefCell::new(MersenneTwister::new()));
    let registry = Rc::new(Registry::default());
    let mut dict = AttrMap::default();
    dict.insert(interp.syms.module, Value::str("random"));
    for (name, op) in OPS {
        let rng = shared.clone();
        let op = *op;
        set(interp, &m, name, native(name, move |i, a, k| op(i, &rng, a, k)));
        let reg = registry.clone();
        let method = native(name, move |i, a, k| {
            let rng = reg.get(i, a.first())?;
            op(i, &rng, a.get(1..).unwrap_or(&[]), k)
        });
        dict.insert(interp.intern(name), method);
    }
    let reg = registry.clone();
    let init = native("__init__", move |i, a, k| {
        let Some(Value::Instance(inst)) = a.first() else { return reg.get(i, a.first()).map(|_| Value::None) };
        let rng = reg.insert(inst, MersenneTwister::new());
        if a.len() > 1 || !k.is_empty() {
            seed(i, &rng, &a[1..], k)?;
        }
        Ok(Value::None)
    });
    dict.insert(interp.syms.init, init);
    let class = interp.new_class("Random", "Random", Vec::new(), dict)?;
    set(interp, &m, "Random", Value::Class(class));
    Ok(Value::Module(m))
}

/// The Python exception for an engine error.
pub fn py_err(e: RandomError) -> PyErr {
    let kind = match e.kind {
        ErrorKind::ValueError => ExcKind::ValueError,
        ErrorKind::IndexError => ExcKind::IndexError,
        ErrorKind::TypeError => ExcKind::TypeError,
        ErrorKind::OverflowError => ExcKind::OverflowError,
    };
    PyErr::new(kind, e.message)
}

/// Binds arguments with the wording of a Python-level `Random` method.
pub fn params(
    interp: &Interpreter,
    fname: &str,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    if args.len() > names.len() {
        let (max, n) = (names.len() + 1, args.len() + 1);
        let takes = if required == names.len() { format!("{max}") } else { format!("from {} to {max}", required + 1) };
        return Err(PyErr::type_error(format!(
            "Random.{fname}() takes {takes} positional arguments but {n} were given"
        )));
    }
    let mut out: Vec<Option<Value>> = names.iter().enumerate().map(|(i, _)| args.get(i).cloned()).collect();
    for (k, v) in kwargs {
        let key = interp.name(*k);
        match names.iter().position(|p| *p == key) {
            Some(i) if out[i].is_none() => out[i] = Some(v.clone()),
            Some(_) => {
                return Err(PyErr::type_error(format!("Random.{fname}() got multiple values for argument '{key}'")));
            }
            None => {
                return Err(PyErr::type_error(format!("Random.{fname}() got an unexpected keyword argument '{key}'")));
            }
        }
    }
    let missing: Vec<String> = (0..required).filter(|i| out[*i].is_none()).map(|i| format!("'{}'", names[i])).collect();
    if !missing.is_empty() {
        let s = if missing.len() == 1 { "" } else { "s" };
        let list = match missing.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => missing.join(""),
        };
        return Err(PyErr::type_error(format!(
            "Random.{fname}() missing {} required positional argument{s}: {list}",
            missing.len()
        )));
    }
    Ok(out)
}

/// An integer argument (`TypeError` otherwise).
pub fn int_of(interp: &Interpreter, v: &Value) -> PyResult<BigInt> {
    as_bigint(v).ok_or_else(|| {
        PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", interp.type_name(v)))
    })
}

fn seed(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let p = params(interp, "seed", args, kwargs, &["a", "version"], 0)?;
    let mut mt = rng.borrow_mut();
    match p[0].as_ref().unwrap_or(&Value::None) {
        Value::None => mt.seed_from_entropy(),
        Value::Float(f) => mt.seed_float(*f),
        Value::Str(s) => mt.seed_str(s.as_str()),
        Value::Bytes(b) => mt.seed_bytes(b),
        v => match as_bigint(v) {
            Some(n) => mt.seed_int(&n),
            None => {
                return Err(PyErr::type_error(
                    "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
                ));
            }
        },
    }
    Ok(Value::None)
}

fn random(_: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if !args.is_empty() || !kwargs.is_empty() {
        let n = args.len() + kwargs.len();
        return Err(PyErr::type_error(format!("Random.random() takes no arguments ({n} given)")));
    }
    Ok(Value::Float(rng.borrow_mut().random()))
}

fn getrandbits(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if args.len() != 1 || !kwargs.is_empty() {
        let n = args.len() + kwargs.len();
        return Err(PyErr::type_error(format!("Random.getrandbits() takes exactly one argument ({n} given)")));
    }
    let k = int_of(interp, &args[0])?;
    Ok(Value::from_bigint(rng.borrow_mut().getrandbits_checked(&k).map_err(py_err)?))
}

/// A `randrange` argument: ints, or floats with an integral value (deprecated in 3.11).
fn range_arg(interp: &Interpreter, v: &Value, what: &str) -> PyResult<BigInt> {
    if let Value::Float(f) = v {
        if f.fract() != 0.0 || !f.is_finite() {
            return Err(PyErr::value_error(format!("non-integer {what} for randrange()")));
        }
        let big: Option<BigInt> = num_traits::FromPrimitive::from_f64(*f);
        return Ok(big.unwrap_or_else(BigInt::zero));
    }
    int_of(interp, v)
}

fn randrange(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let p = params(interp, "randrange", args, kwargs, &["start", "stop", "step"], 1)?;
    let start = range_arg(interp, p[0].as_ref().unwrap_or(&Value::None), "arg 1")?;
    let stop = match &p[1] {
        None | Some(Value::None) => None,
        Some(v) => Some(range_arg(interp, v, "stop")?),
    };
    let step = match &p[2] {
        None => None,
        Some(v) => Some(range_arg(interp, v, "step")?),
    };
    let r = rng.borrow_mut().randrange(&start, stop.as_ref(), step.as_ref()).map_err(py_err)?;
    Ok(Value::from_bigint(r))
}

fn randint(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let p = params(interp, "randint", args, kwargs, &["a", "b"], 2)?;
    let a = range_arg(interp, p[0].as_ref().unwrap_or(&Value::None), "arg 1")?;
    let b = range_arg(interp, p[1].as_ref().unwrap_or(&Value::None), "stop")?;
    Ok(Value::from_bigint(rng.borrow_mut().randint(&a, &b).map_err(py_err)?))
}

fn randbytes(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let p = params(interp, "randbytes", args, kwargs, &["n"], 1)?;
    let n = int_of(interp, p[0].as_ref().unwrap_or(&Value::None))?;
    let n = n.to_usize().ok_or_else(|| PyErr::value_error("number of bits must be non-negative"))?;
    Ok(Value::Bytes(Rc::new(rng.borrow_mut().randbytes(n).map_err(py_err)?)))
}

fn choice(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let p = params(interp, "choice", args, kwargs, &["seq"], 1)?;
    let seq = p[0].clone().unwrap_or(Value::None);
    let n = interp.len(&seq)?;
    let i = rng.borrow_mut().choice_index(n).map_err(py_err)?;
    interp.getitem(&seq, &Value::Int(i as i64))
}

fn uniform(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let p = params(interp, "uniform", args, kwargs, &["a", "b"], 2)?;
    let a = float_arg(interp, p[0].as_ref().unwrap_or(&Value::None))?;
    let b = float_arg(interp, p[1].as_ref().unwrap_or(&Value::None))?;
    Ok(Value::Float(rng.borrow_mut().uniform(a, b)))
}

fn normal(
    interp: &mut Interpreter,
    rng: &Rng,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
    name: &str,
) -> PyResult<Value> {
    let p = params(interp, name, args, kwargs, &["mu", "sigma"], 0)?;
    let mu = p[0].as_ref().map_or(Ok(0.0), |v| float_arg(interp, v))?;
    let sigma = p[1].as_ref().map_or(Ok(1.0), |v| float_arg(interp, v))?;
    let mut mt = rng.borrow_mut();
    Ok(Value::Float(if name == "gauss" { mt.gauss(mu, sigma) } else { mt.normalvariate(mu, sigma) }))
}

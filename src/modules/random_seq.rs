//! The sequence functions of `random`: `choices`, `shuffle` and `sample`.

use super::float_arg;
use super::random::{int_of, params, py_err};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::random::MersenneTwister;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::Value;
use num_traits::ToPrimitive;
use std::cell::RefCell;
use std::rc::Rc;

type Rng = Rc<RefCell<MersenneTwister>>;

/// The floats of an optional weights iterable.
fn floats(interp: &mut Interpreter, v: &Option<Value>) -> PyResult<Option<Vec<f64>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let items = interp.collect(v.clone())?;
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(float_arg(interp, item)?);
            }
            Ok(Some(out))
        }
    }
}

/// `choices(population, weights=None, *, cum_weights=None, k=1)`.
pub fn choices(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    if args.len() > 2 {
        let n = args.len() + 1;
        return Err(PyErr::type_error(format!(
            "Random.choices() takes from 2 to 3 positional arguments but {n} were given"
        )));
    }
    let p = params(interp, "choices", args, kwargs, &["population", "weights", "cum_weights", "k"], 1)?;
    let population = p[0].clone().unwrap_or(Value::None);
    let n = interp.len(&population)?;
    let weights = floats(interp, &p[1])?;
    let cum = floats(interp, &p[2])?;
    let k = match &p[3] {
        None => 1,
        Some(v) => int_of(interp, v)?.to_i64().unwrap_or(i64::MAX).max(0) as usize,
    };
    let picks = rng.borrow_mut().choices_indices(n, k, weights.as_deref(), cum.as_deref()).map_err(py_err)?;
    let mut out = Vec::with_capacity(picks.len());
    for i in picks {
        out.push(interp.getitem(&population, &Value::Int(i as i64))?);
    }
    Ok(Value::list(out))
}

/// `shuffle(x)`: in place, on lists directly and on other sequences by item access.
pub fn shuffle(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let p = params(interp, "shuffle", args, kwargs, &["x"], 1)?;
    let x = p[0].clone().unwrap_or(Value::None);
    let n = interp.len(&x)?;
    let swaps = rng.borrow_mut().shuffle_indices(n);
    if let Value::List(list) = &x {
        let mut items = list.items.borrow_mut();
        for (i, j) in swaps {
            if i < items.len() && j < items.len() {
                items.swap(i, j);
            }
        }
        return Ok(Value::None);
    }
    for (i, j) in swaps {
        let (vi, vj) = (Value::Int(i as i64), Value::Int(j as i64));
        let a = interp.getitem(&x, &vi)?;
        let b = interp.getitem(&x, &vj)?;
        interp.setitem(&x, vi, b)?;
        interp.setitem(&x, vj, a)?;
    }
    Ok(Value::None)
}

/// `sample(population, k, *, counts=None)`.
pub fn sample(interp: &mut Interpreter, rng: &Rng, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let p = params(interp, "sample", args, kwargs, &["population", "k", "counts"], 2)?;
    let population = p[0].clone().unwrap_or(Value::None);
    if matches!(population, Value::Set(_) | Value::FrozenSet(_) | Value::Dict(_)) || interp.len(&population).is_err() {
        return Err(PyErr::type_error("Population must be a sequence.  For dicts or sets, use sorted(d)."));
    }
    let n = interp.len(&population)?;
    let k = int_of(interp, p[1].as_ref().unwrap_or(&Value::None))?.to_i64().unwrap_or(i64::MAX);
    let counts = match &p[2] {
        None | Some(Value::None) => None,
        Some(c) => Some(cumulative_counts(interp, c, n)?),
    };
    let (size, map): (usize, Option<Vec<i64>>) = match counts {
        None => (n, None),
        Some(cum) => (cum.last().copied().unwrap_or(0) as usize, Some(cum)),
    };
    let picks = rng.borrow_mut().sample_indices(size, k).map_err(py_err)?;
    let mut out = Vec::with_capacity(picks.len());
    for s in picks {
        let index = match &map {
            None => s,
            Some(cum) => cum.partition_point(|&c| c <= s as i64),
        };
        out.push(interp.getitem(&population, &Value::Int(index as i64))?);
    }
    Ok(Value::list(out))
}

/// Running totals of `counts` (validated like CPython).
fn cumulative_counts(interp: &mut Interpreter, counts: &Value, n: usize) -> PyResult<Vec<i64>> {
    let items = interp.collect(counts.clone())?;
    if items.len() != n {
        return Err(PyErr::value_error("The number of counts does not match the population"));
    }
    let mut total: i64 = 0;
    let mut cum = Vec::with_capacity(n);
    for item in &items {
        let c = int_of(interp, item)?.to_i64().unwrap_or(i64::MAX);
        total = total.saturating_add(c);
        cum.push(total);
    }
    if total <= 0 {
        return Err(PyErr::value_error("Total of counts must be greater than zero"));
    }
    if total > 1 << 40 {
        return Err(PyErr::overflow("Sample population too large"));
    }
    Ok(cum)
}

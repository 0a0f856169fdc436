//! The `time` module: wall-clock, monotonic and performance counters, and `sleep`.

use super::{add_fns, float_arg};
use crate::builtins::functions::{arity, no_kwargs};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::Value;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Builds the `time` module.
pub fn load(interp: &mut Interpreter) -> PyResult<Value> {
    let m = interp.new_module("time");
    add_fns(
        interp,
        &m,
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("perf_counter", perf_counter),
            ("perf_counter_ns", perf_counter_ns),
            ("monotonic", perf_counter),
            ("monotonic_ns", perf_counter_ns),
            ("process_time", perf_counter),
            ("sleep", sleep),
        ],
    );
    Ok(Value::Module(m))
}

/// Nanoseconds since the Unix epoch.
fn epoch_ns() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// Nanoseconds on a monotonic clock (from the first use in this process).
pub(crate) fn monotonic_ns() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    i64::try_from(start.elapsed().as_nanos()).unwrap_or(i64::MAX)
}

fn no_args(name: &str, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<()> {
    no_kwargs(name, kwargs)?;
    if args.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!("time.{name}() takes no arguments ({} given)", args.len())))
    }
}

fn time(_: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_args("time", args, kwargs)?;
    Ok(Value::Float(epoch_ns() as f64 / 1e9))
}

fn time_ns(_: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_args("time_ns", args, kwargs)?;
    Ok(Value::Int(epoch_ns()))
}

fn perf_counter(_: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_args("perf_counter", args, kwargs)?;
    Ok(Value::Float(monotonic_ns() as f64 / 1e9))
}

fn perf_counter_ns(_: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_args("perf_counter_ns", args, kwargs)?;
    Ok(Value::Int(monotonic_ns()))
}

fn sleep(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    no_kwargs("sleep", kwargs)?;
    arity("sleep", args, 1, 1)?;
    let secs = match &args[0] {
        v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_)) => float_arg(interp, v)?,
        v => {
            let t = interp.type_name(v);
            return Err(PyErr::type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    let duration = Duration::try_from_secs_f64(secs).map_err(|_| PyErr::overflow("sleep length is too large"))?;
    interp.flush();
    // Sleeps in slices so that Ctrl-C interrupts the sleep, as in CPython.
    let end = Instant::now() + duration;
    loop {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Value::None);
        }
        std::thread::sleep(left.min(Duration::from_millis(50)));
        interp.check_interrupt()?;
    }
}

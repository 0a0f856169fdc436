//! Accelerated handle cancellation and the timer callback of `asyncio.sleep`:
//! `Handle.cancel`, `TimerHandle.cancel` and `futures._set_result_unless_cancelled`,
//! with the logic of asyncio's Python versions on the same attributes. Every
//! `asyncio.sleep(delay)` runs all three (the finally block cancels its timer).

use super::accel::{Accel, accel, flag, get, get_at, same, set, slot, this};
use super::future::finish;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::Value;

/// `Handle.cancel()`.
pub fn handle_cancel(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    cancel_handle(interp, &a, &args[0])?;
    Ok(Value::None)
}

/// `TimerHandle.cancel()`: tells the loop (`_timer_handle_cancelled`, which counts
/// cancelled timers still in its heap), then cancels as a plain handle.
pub fn timer_cancel(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let handle = &args[0];
    let inst = this(handle)?;
    if !flag(&a.syms.cancelled.get(inst)) {
        let lp = get(inst, a.syms.loop_);
        match &lp {
            Value::Instance(l) if a.class_has(&l.class, a.syms.timer_handle_cancelled, &a.timer_handle_cancelled) => {
                if flag(&get(inst, a.syms.scheduled)) {
                    let count = match get(l, a.syms.timer_cancelled_count) {
                        Value::Int(n) if n < i64::MAX => Value::Int(n + 1),
                        other => interp.binary(crate::syntax::ast::BinOp::Add, &other, &Value::Int(1))?,
                    };
                    set(l, a.syms.timer_cancelled_count, count);
                }
            }
            _ => {
                let m = interp.getattr(&lp, a.syms.timer_handle_cancelled)?;
                interp.call(m, vec![handle.clone()], &[])?;
            }
        }
    }
    cancel_handle(interp, &a, handle)?;
    Ok(Value::None)
}

/// The body of `Handle.cancel`: marks the handle cancelled and drops its callback
/// and arguments (in debug mode, keeping its repr first).
fn cancel_handle(interp: &mut Interpreter, a: &Accel, handle: &Value) -> PyResult<()> {
    let inst = this(handle)?;
    if flag(&a.syms.cancelled.get(inst)) {
        return Ok(());
    }
    a.syms.cancelled.set(inst, Value::Bool(true));
    let lp = get(inst, a.syms.loop_);
    let debug = match &lp {
        Value::Instance(l) if a.class_has(&l.class, a.syms.get_debug, &a.get_debug) => get(l, a.syms.debug),
        _ => {
            let m = interp.getattr(&lp, a.syms.get_debug)?;
            interp.call(m, Vec::new(), &[])?
        }
    };
    if interp.truthy(&debug)? {
        let text = interp.repr(handle)?;
        set(inst, a.syms.repr_attr, Value::string(text));
    }
    set(inst, a.syms.callback, Value::None);
    set(inst, a.syms.args, Value::None);
    Ok(())
}

/// `futures._set_result_unless_cancelled(fut, result)`: what a sleep's timer runs.
pub fn set_result_unless_cancelled(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let a = accel(interp)?;
    let [fut, result] = args else {
        return Err(PyErr::type_error("_set_result_unless_cancelled() takes exactly 2 arguments"));
    };
    let inst = this(fut)?;
    if same(&get_at(inst, slot::STATE, a.syms.state), &a.cancelled) {
        return Ok(Value::None);
    }
    if a.class_has(&inst.class, a.syms.set_result, &a.set_result) {
        finish(interp, &a, fut, result.clone())?;
    } else {
        let m = interp.getattr(fut, a.syms.set_result)?;
        interp.call(m, vec![result.clone()], &[])?;
    }
    Ok(Value::None)
}

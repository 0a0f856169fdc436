//! `await f(args)` where `f` is an `async def`: the callee's frame runs at once,
//! nested in the awaiting frame's `await` like a function call, with no coroutine
//! object. Most such awaits finish without suspending (a queue's `put` with room,
//! a lock that is free, a helper that computes), and they then cost a call. The
//! frame of one that suspends is boxed as it stands and takes its place in the
//! driver's chain above the awaiting frame (in [`Interpreter::inline_parked`] until
//! the driver collects it), exactly where awaiting the coroutine object would have
//! put that object; a coroutine object is made for it only if `cr_await` asks.
//!
//! Inline callees nest on the native stack, so only [`MAX_INLINE_NESTING`] deep:
//! a deeper await takes the coroutine way, and the chain grows on the heap (a
//! 10,000-deep await chain nested natively touched 16 MiB of stack each time).

use super::PyResult;
use super::coroutine::CoroKind;
use super::exec::{Flow, Resume};
use super::frame::Frame;
use crate::compile::CodeKind;
use crate::compile::ir::{Await, Call, Expr, Var};
use crate::interpreter::Interpreter;
use crate::value::{Function, Value};
use std::rc::Rc;

/// How many inline callees may nest.
const MAX_INLINE_NESTING: u32 = 32;

/// What [`Interpreter::inline_await`] did with an `await` operand.
pub(super) enum Inlined {
    /// It ran the callee: the `await` is over (`None`) or its frame suspends
    /// with this flow.
    Ran(Option<Flow>),
    /// The operand was not a call of an `async def`: its value, to await as usual.
    Value(Value),
}

impl Interpreter {
    /// Evaluates the operand of a starting `await`, running the callee inline when
    /// it is a call of an `async def` (see the module documentation).
    pub(super) fn inline_await(&mut self, frame: &mut Frame, a: &Await, here: usize) -> PyResult<Inlined> {
        if self.inline_nesting >= MAX_INLINE_NESTING {
            return Ok(Inlined::Value(self.eval(frame, &a.value)?));
        }
        let (func, receiver, call) = match &a.value {
            Expr::Call(call) if a.stop.is_none() => {
                let func = match &call.func {
                    Expr::Load(Var::Global(i), name) => self.load_global(frame, *i, *name)?,
                    e => self.eval(frame, e)?,
                };
                (func, None, &**call)
            }
            Expr::CallMethod(parts) if a.stop.is_none() => {
                let obj = self.eval_operand(frame, &parts.0)?;
                let (func, receiver) = self.method_target(obj, parts.1, &parts.3)?;
                (func, receiver, &parts.2)
            }
            e => return Ok(Inlined::Value(self.eval(frame, e)?)),
        };
        match func {
            Value::Function(fun) if fun.code.kind == CodeKind::Coroutine => {
                let locals = self.inline_locals(frame, &fun, receiver, call)?;
                self.run_inline(frame, a, here, &fun, locals).map(Inlined::Ran)
            }
            func => Ok(Inlined::Value(self.call_resolved(frame, func, receiver, call)?)),
        }
    }

    /// The callee's locals with the call's arguments bound.
    fn inline_locals(
        &mut self,
        frame: &mut Frame,
        fun: &Rc<Function>,
        receiver: Option<Value>,
        call: &Call,
    ) -> PyResult<Vec<Value>> {
        let given = call.args.len() + usize::from(receiver.is_some());
        if !call.has_star && call.keywords.is_empty() && fun.code.sig.is_simple(given) {
            return self.args_into_locals(receiver, frame, &call.args);
        }
        let func = Value::Function(fun.clone());
        let (args, kwargs) = self.eval_args_after(frame, call, &func, receiver)?;
        self.bind_args(fun, &fun.code, args, &kwargs)
    }

    /// Runs the callee's frame until it returns, raises or suspends; a suspended
    /// callee is parked (boxed, for the driver's chain) and the awaiting frame
    /// suspends with it, its await slot still empty: the chain holds the callee.
    fn run_inline(
        &mut self,
        frame: &mut Frame,
        a: &Await,
        here: usize,
        fun: &Rc<Function>,
        locals: Vec<Value>,
    ) -> PyResult<Option<Flow>> {
        let id = self.next_frame_id();
        let mut callee = Frame::new(fun.code.clone(), fun.globals.clone(), locals, &fun.closure, id);
        self.inline_nesting += 1;
        let result = self.deeper(|i| i.run_frame(&mut callee, Resume::Send(Value::None)));
        self.inline_nesting -= 1;
        let done = match result {
            Ok(flow @ Flow::Suspend(_)) if let Some(sub) = tail_delegate(&mut callee) => {
                // `return await x` in pyish's own library code: the awaiting frame
                // waits on `x` itself and the callee's frame is dropped (see
                // [`tail_delegate`]).
                self.recycle(std::mem::take(&mut callee.locals));
                super::exec::set_local(frame, a.slot, sub);
                frame.pc = here;
                return Ok(Some(flow));
            }
            Ok(flow @ (Flow::Suspend(_) | Flow::Await(_) | Flow::Yield(_))) => {
                self.park(callee);
                frame.pc = here;
                return Ok(Some(flow));
            }
            Ok(Flow::Return(v)) => Ok(v),
            Err(e) => Err(self.convert_stop(CoroKind::Coroutine, e)),
        };
        self.recycle(std::mem::take(&mut callee.locals));
        match done {
            Ok(v) => self.finish_await(frame, a, Ok(v)).map(|()| None),
            Err(e) => Err(e),
        }
    }

    /// Parks a suspended inline frame for the driver, its locals trimmed to their
    /// size (they come from the call pool with room to spare).
    fn park(&mut self, mut callee: Frame) {
        self.trim_locals(&mut callee);
        self.inline_parked.push(Box::new(callee));
    }
}

/// The awaitable a suspended inline callee of pyish's own library code (asyncio,
/// written in Python) waits on, taken out of its frame, when all the frame has left
/// to do is return what that awaitable gives (`return await x`, outside any `try` or
/// `with`): the awaiting frame can then wait on it in its place, and a task waiting in
/// `Event.wait` keeps no frame for it (80 bytes, its locals and a chain entry).
/// The callee's frame is missing from tracebacks and `cr_await` then, as library
/// frames already differ from CPython's there; user code is never treated so.
fn tail_delegate(callee: &mut Frame) -> Option<Value> {
    use crate::compile::ir::{Instr, Target};
    if !callee.blocks.is_empty() || callee.extra.is_some() || !callee.code.filename.starts_with("<pyish ") {
        return None;
    }
    let instrs = &callee.code.instrs;
    let (Some(Instr::Await(a)), Some(Instr::Return(Expr::Load(Var::Local(ret), _)))) =
        (instrs.get(callee.pc), instrs.get(callee.pc + 1))
    else {
        return None;
    };
    if a.stop.is_some() || !matches!(a.target, Some(Target::Var(Var::Local(t), _)) if t == *ret) {
        return None;
    }
    let at = a.slot as usize;
    let slot = callee.locals.get_mut(at)?;
    if matches!(slot, Value::Unbound | Value::None) {
        return None;
    }
    Some(std::mem::replace(slot, Value::Unbound))
}

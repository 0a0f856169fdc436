//! Calls: argument evaluation, binding to parameters with CPython's `TypeError`
//! wording, the recursion limit, and building functions from `def`/`lambda`.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::exec::{Flow, Resume};
use super::frame::Frame;
use crate::compile::ir::{Call, Elt, Expr, MakeFunction, Var};
use crate::compile::{Code, CodeKind};
use crate::intern::{AttrMap, Symbol};
use crate::interpreter::Interpreter;
use crate::value::{AttrCache, Descriptor, Function, PyDict, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// Native stack that must be left when a Python call checks (see
/// [`Interpreter::on_enough_stack`]): room for eight levels of calls, unoptimised
/// builds included.
pub(crate) const STACK_RED_ZONE: usize = 512 * 1024;

/// Size of a fresh stack segment.
pub(crate) const STACK_SEGMENT: usize = 16 * 1024 * 1024;

/// Evaluated call arguments: positional values and keyword pairs.
type Args = (Vec<Value>, Vec<(Symbol, Value)>);

impl Interpreter {
    /// Evaluates the arguments of a call: positional values and keyword pairs. `func`
    /// (and the method `receiver`) only name the callee in the errors about `**`.
    pub(crate) fn eval_args(
        &mut self,
        f: &mut Frame,
        call: &Call,
        func: &Value,
        receiver: Option<&Value>,
    ) -> PyResult<Args> {
        if !call.has_star && call.keywords.is_empty() {
            let mut args = Vec::with_capacity(call.args.len() + 1);
            for a in &call.args {
                if let Elt::One(e) = a {
                    args.push(self.eval(f, e)?);
                }
            }
            return Ok((args, Vec::new()));
        }
        let args = self.eval_elts(f, &call.args)?;
        let mut kwargs = Vec::new();
        let mut spread = false;
        for (name, e) in &call.keywords {
            let v = self.eval(f, e)?;
            let duplicate = match name {
                // Two explicit keywords of one name are a SyntaxError, so only one
                // after a `**` can repeat a name.
                Some(n) if spread && kwargs.iter().any(|(k, _)| k == n) => Some(*n),
                Some(n) => {
                    kwargs.push((*n, v));
                    None
                }
                None => {
                    spread = true;
                    self.spread_kwargs(v, &mut kwargs).map_err(|e| self.name_callee(e, func, receiver))?
                }
            };
            if let Some(n) = duplicate {
                let callee = self.function_str(func, receiver);
                let n = self.name(n);
                return Err(PyErr::type_error(format!("{callee} got multiple values for keyword argument '{n}'")));
            }
        }
        Ok((args, kwargs))
    }

    /// [`Interpreter::eval_args`] with the method receiver, when there is one, put
    /// before the positional arguments.
    pub(crate) fn eval_args_after(
        &mut self,
        f: &mut Frame,
        call: &Call,
        func: &Value,
        receiver: Option<Value>,
    ) -> PyResult<Args> {
        let (mut args, kwargs) = self.eval_args(f, call, func, receiver.as_ref())?;
        if let Some(r) = receiver {
            args.insert(0, r);
        }
        Ok((args, kwargs))
    }

    /// `**mapping` in a call: appends its items to `out`, or returns the first key
    /// already there (the caller words the error, naming the callee).
    fn spread_kwargs(&mut self, mapping: Value, out: &mut Vec<(Symbol, Value)>) -> PyResult<Option<Symbol>> {
        let Some(entries) = self.mapping_items(&mapping)? else {
            let t = self.type_name(&mapping);
            return Err(PyErr::type_error(format!("argument after ** must be a mapping, not {t}")));
        };
        for (k, v) in entries {
            let Value::Str(s) = k.as_builtin() else { return Err(PyErr::type_error("keywords must be strings")) };
            let sym = self.intern(s.as_str());
            if out.iter().any(|(n, _)| *n == sym) {
                return Ok(Some(sym));
            }
            out.push((sym, v));
        }
        Ok(None)
    }

    /// Prefixes an "argument after **" error with the callee, as CPython does.
    fn name_callee(&mut self, err: PyErr, func: &Value, receiver: Option<&Value>) -> PyErr {
        let message = match err.kind() {
            super::exception::ErrKind::Lazy(ExcKind::TypeError, m) if m.starts_with("argument after") => m.clone(),
            _ => return err,
        };
        let callee = self.function_str(func, receiver);
        PyErr::type_error(format!("{callee} {message}"))
    }

    /// How CPython's `_PyObject_FunctionStr` names a callee in call errors:
    /// `module.qualname()`, without the module for builtins (`print()`), and
    /// `type.name()` for a builtin method (`list.sort()`). Native functions of
    /// modules do not know their module, so `math.floor` comes out as `floor()`.
    fn function_str(&mut self, func: &Value, receiver: Option<&Value>) -> String {
        let (func, receiver) = match func {
            Value::Method(m) => (m.func.clone(), Some(m.receiver.clone())),
            other => (other.clone(), receiver.cloned()),
        };
        if let Value::Native(n) = &func {
            return match &receiver {
                Some(r) if !n.name.contains('.') => format!("{}.{}()", self.type_name(r), n.name),
                _ => format!("{}()", n.name),
            };
        }
        let qualname = self.intern("__qualname__");
        let module = self.intern("__module__");
        let qualname = match self.getattr(&func, qualname) {
            Ok(Value::Str(s)) => s.as_str().to_owned(),
            _ => self.type_name(&func),
        };
        match self.getattr(&func, module) {
            Ok(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.{qualname}()", m.as_str()),
            _ => format!("{qualname}()"),
        }
    }

    /// `func(args)`. The call of a global Python function with plain positional
    /// arguments is kept apart from every other kind of call, so that this function
    /// (entered once per Python-level call, and on the native stack for as long as
    /// the callee runs) has a small stack frame: deep recursion then touches less
    /// stack memory.
    #[inline(never)]
    pub fn eval_call(&mut self, f: &mut Frame, call: &Call) -> PyResult<Value> {
        if !call.has_star
            && call.keywords.is_empty()
            && let Expr::Load(Var::Global(i), name) = &call.func
        {
            if let Some(fun) = global_function(f, *i)
                && fun.code.takes_exactly(call.args.len())
            {
                return self.call_simple(&fun, f, &call.args);
            }
            if let Some(which) = self.specialised(*name, call.args.len()) {
                return self.specialised_call(f, *i, which, call);
            }
        }
        self.eval_other_call(f, call)
    }

    /// [`Interpreter::eval_call`] for every other call.
    #[inline(never)]
    pub(super) fn eval_other_call(&mut self, f: &mut Frame, call: &Call) -> PyResult<Value> {
        let func = match &call.func {
            Expr::Load(Var::Global(i), name) => self.load_global(f, *i, *name)?,
            e => self.eval(f, e)?,
        };
        self.call_resolved(f, func, None, call)
    }

    /// Calls a native function with positional arguments gathered on the stack (no
    /// argument vector allocated for the common short calls).
    fn call_native_inline(
        &mut self,
        n: &Rc<crate::value::NativeFunction>,
        receiver: Option<Value>,
        f: &mut Frame,
        args: &[Elt],
    ) -> PyResult<Value> {
        match (receiver, args) {
            // A method called through its type (`dict.keys(d)`) takes the longer way,
            // where an instance holding a builtin value is replaced by the value.
            (None, [Elt::One(a)]) if n.min_args == 0 => {
                let a = self.eval_operand(f, a)?;
                self.call_native_with(n, [a])
            }
            (None, [Elt::One(a), Elt::One(b)]) if n.min_args == 0 => {
                let a = self.eval_operand(f, a)?;
                let b = self.eval_operand(f, b)?;
                self.call_native_with(n, [a, b])
            }
            (Some(r), []) => self.call_native_with(n, [r]),
            (Some(r), [Elt::One(a)]) => {
                let a = self.eval_operand(f, a)?;
                self.call_native_with(n, [r, a])
            }
            (Some(r), [Elt::One(a), Elt::One(b)]) => {
                let a = self.eval_operand(f, a)?;
                let b = self.eval_operand(f, b)?;
                self.call_native_with(n, [r, a, b])
            }
            (receiver, args) => self.call_native_collected(n, receiver, f, args),
        }
    }

    /// Calls a native function with arguments on the stack, then drops them with
    /// [`Value::discard`]'s inline check (ints and `None` skip the drop glue).
    #[inline(always)]
    fn call_native_with<const N: usize>(
        &mut self,
        n: &crate::value::NativeFunction,
        args: [Value; N],
    ) -> PyResult<Value> {
        let result = (n.func)(self, &args, &[]);
        for v in args {
            v.discard();
        }
        result
    }

    /// [`Interpreter::call_native_inline`] for the other argument counts.
    fn call_native_collected(
        &mut self,
        n: &Rc<crate::value::NativeFunction>,
        receiver: Option<Value>,
        f: &mut Frame,
        args: &[Elt],
    ) -> PyResult<Value> {
        if n.reads_frame
            && receiver.is_none()
            && args.is_empty()
            && let Some(result) = self.call_frame_native(&n.name, f)
        {
            return result;
        }
        let mut values: smallvec::SmallVec<[Value; 4]> = smallvec::SmallVec::new();
        values.extend(receiver);
        for a in args {
            if let Elt::One(e) = a {
                values.push(self.eval_operand(f, e)?);
            }
        }
        if values.len() < n.min_args {
            return Err(PyErr::type_error(format!("unbound method {}() needs an argument", n.name)));
        }
        if receiver_is_instance(n, &values) {
            values[0] = base_receiver(n, std::mem::take(&mut values[0]));
        }
        let func = n.func.clone();
        func(self, &values, &[])
    }

    /// The fast path for `f(a, b)` where `f` takes exactly those positional
    /// parameters: arguments are evaluated straight into a pooled locals vector.
    #[inline(always)]
    fn call_simple(&mut self, fun: &Rc<Function>, f: &mut Frame, args: &[Elt]) -> PyResult<Value> {
        let locals = self.args_into_locals(None, f, args)?;
        self.run_function(fun, locals)
    }

    /// A pooled locals vector holding `first` (the receiver or the new instance) and
    /// then the positional arguments, evaluated in order.
    #[inline(always)]
    pub(crate) fn args_into_locals(
        &mut self,
        first: Option<Value>,
        f: &mut Frame,
        args: &[Elt],
    ) -> PyResult<Vec<Value>> {
        let mut locals = self.locals_pool.pop().unwrap_or_default();
        if let Some(first) = first {
            locals.push(first);
        }
        for a in args {
            if let Elt::One(e) = a {
                match self.eval_operand(f, e) {
                    Ok(v) => locals.push(v),
                    Err(err) => {
                        self.recycle(locals);
                        return Err(err);
                    }
                }
            }
        }
        Ok(locals)
    }

    /// Runs a non-generator function whose arguments are already bound.
    #[inline(always)]
    pub(crate) fn run_function(&mut self, fun: &Rc<Function>, locals: Vec<Value>) -> PyResult<Value> {
        let id = self.next_frame_id();
        let mut frame = Frame::new(fun.code.clone(), fun.globals.clone(), locals, &fun.closure, id);
        let result = self.deeper(|i| i.run_instrs(&fun.code, &mut frame));
        self.recycle(std::mem::take(&mut frame.locals));
        match result? {
            Flow::Return(v) | Flow::Yield(v) | Flow::Suspend(v) => Ok(v),
            Flow::Await(_) => Ok(Value::None),
        }
    }

    /// `obj.name(args)` without building a bound method when the attribute is a plain
    /// function found on the class.
    #[inline(never)]
    pub fn eval_method_call(
        &mut self,
        f: &mut Frame,
        obj: &Expr,
        name: Symbol,
        call: &Call,
        cache: &AttrCache,
    ) -> PyResult<Value> {
        let obj = self.eval_operand(f, obj)?;
        if let Value::List(list) = &obj
            && name == self.syms.append
            && let [Elt::One(item)] = call.args.as_slice()
            && call.keywords.is_empty()
        {
            // `list.append` cannot be replaced (the type is immutable): append
            // without looking the method up or calling through it.
            let item = self.eval_operand(f, item)?;
            list.items.borrow_mut().push(item);
            obj.discard();
            return Ok(Value::None);
        }
        if let Value::Dict(d) = &obj
            && name == self.syms.get
            && call.keywords.is_empty()
            && let Some((key, default)) = get_args(&call.args)
        {
            // `dict.get` cannot be replaced either: look the key up directly.
            let found = self.dict_get_with(f, d, key, default);
            obj.discard();
            return found;
        }
        let (func, receiver) = self.method_target(obj, name, cache)?;
        self.call_resolved(f, func, receiver, call)
    }

    /// The callable `obj.name` and the receiver to pass it, without building a
    /// bound method when the attribute is a function or native found on the class.
    #[inline(always)]
    pub(crate) fn method_target(
        &mut self,
        obj: Value,
        name: Symbol,
        cache: &AttrCache,
    ) -> PyResult<(Value, Option<Value>)> {
        Ok(match &obj {
            Value::Instance(inst)
                if !inst.attrs.borrow().contains_key(&name) && !Rc::ptr_eq(&inst.class, &self.types.super_) =>
            {
                match inst.class.lookup_cached(name, cache) {
                    Some(attr @ Value::Function(_)) => (attr, Some(obj)),
                    Some(Value::Native(n)) => {
                        let receiver = if inst.payload.is_some() { base_receiver(&n, obj.clone()) } else { obj };
                        (Value::Native(n), Some(receiver))
                    }
                    _ => self.load_method(&obj, name)?,
                }
            }
            Value::Str(_) | Value::List(_) | Value::Dict(_) | Value::Tuple(_) | Value::Set(_) | Value::Bytes(_) => {
                match self.container_class(&obj).and_then(|class| class.lookup_cached(name, cache)) {
                    Some(attr @ Value::Native(_)) => (attr, Some(obj)),
                    _ => self.load_method(&obj, name)?,
                }
            }
            _ => self.load_method(&obj, name)?,
        })
    }

    /// Calls `func` (with `receiver` first, when a method was looked up) on the
    /// call's arguments, evaluated in `f`: the short positional calls of natives,
    /// classes and functions that take exactly those arguments go without an
    /// argument vector.
    #[inline(always)]
    pub(crate) fn call_resolved(
        &mut self,
        f: &mut Frame,
        func: Value,
        receiver: Option<Value>,
        call: &Call,
    ) -> PyResult<Value> {
        // Matched by value: the receiver moves into the callee's frame, and each arm
        // drops its own `Rc` inline (no trip through `Value`'s drop glue).
        let simple = !call.has_star && call.keywords.is_empty();
        let (func, receiver) = match (func, receiver) {
            (Value::Native(n), receiver) if simple => return self.call_native_inline(&n, receiver, f, &call.args),
            (Value::Function(fun), receiver)
                if simple && fun.code.takes_exactly(call.args.len() + usize::from(receiver.is_some())) =>
            {
                let locals = self.args_into_locals(receiver, f, &call.args)?;
                return self.run_function(&fun, locals);
            }
            (Value::Class(c), None) if simple => return self.construct_inline(&c, f, &call.args),
            other => other,
        };
        let (args, kwargs) = self.eval_args_after(f, call, &func, receiver)?;
        self.call(func, args, &kwargs)
    }

    /// `d.get(key[, default])`: the key and the default evaluated in order (as the
    /// call's arguments would be), then the key looked up.
    fn dict_get_with(&mut self, f: &mut Frame, d: &PyDict, key: &Expr, default: Option<&Expr>) -> PyResult<Value> {
        let key = self.eval_operand(f, key)?;
        let default = match default {
            Some(e) => self.eval_operand(f, e)?,
            None => Value::None,
        };
        let found = self.dict_get(d, &key);
        key.discard();
        match found? {
            Some(v) => {
                default.discard();
                Ok(v)
            }
            None => Ok(default),
        }
    }

    /// Calls any callable.
    pub fn call(&mut self, func: Value, mut args: Vec<Value>, kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
        match &func {
            Value::Function(fun) => self.call_function(fun, args, kwargs),
            Value::Native(n) => {
                if args.len() < n.min_args {
                    return Err(PyErr::type_error(format!("unbound method {}() needs an argument", n.name)));
                }
                if !kwargs.is_empty() && n.positional_only {
                    return Err(PyErr::type_error(format!("{}() takes no keyword arguments", n.name)));
                }
                if receiver_is_instance(n, &args) {
                    args[0] = base_receiver(n, std::mem::take(&mut args[0]));
                }
                if let Some(owned) = n.owned_args {
                    return owned(self, args, kwargs);
                }
                let f = n.func.clone();
                f(self, &args, kwargs)
            }
            Value::Method(m) => {
                // A fresh vector with room for the receiver: inserting into `args`
                // (usually sized exactly) would reallocate it.
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(m.receiver.clone());
                full.append(&mut args);
                args = full;
                let inner = m.func.clone();
                self.call(inner, args, kwargs)
            }
            Value::Class(c) => self.call_class(c, args, kwargs),
            Value::Descriptor(d) => match &**d {
                Descriptor::Static(inner) => self.call(inner.clone(), args, kwargs),
                _ => Err(PyErr::type_error(format!("'{}' object is not callable", self.type_name(&func)))),
            },
            Value::Instance(i) => {
                let sym = self.syms.call;
                match i.class.lookup(sym) {
                    Some(method) => {
                        args.insert(0, func.clone());
                        self.call(method, args, kwargs)
                    }
                    None => Err(PyErr::type_error(format!("'{}' object is not callable", i.class.name))),
                }
            }
            _ => Err(PyErr::type_error(format!("'{}' object is not callable", self.type_name(&func)))),
        }
    }

    /// `callable(v)`.
    pub fn callable(&self, v: &Value) -> bool {
        match v {
            Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Class(_) => true,
            Value::Instance(inst) => inst.class.lookup(self.syms.call).is_some(),
            _ => false,
        }
    }

    /// Calls a Python function: binds arguments, runs a frame (or makes a generator).
    pub fn call_function(
        &mut self,
        fun: &Rc<Function>,
        args: Vec<Value>,
        kwargs: &[(Symbol, Value)],
    ) -> PyResult<Value> {
        let code = fun.code.clone();
        let locals = self.bind_args(fun, &code, args, kwargs)?;
        let id = self.next_frame_id();
        let mut frame = Frame::new(code.clone(), fun.globals.clone(), locals, &fun.closure, id);
        match code.kind {
            CodeKind::Generator => return Ok(self.new_generator(frame)),
            CodeKind::Coroutine | CodeKind::AsyncGenerator => return Ok(self.new_coroutine(frame)),
            _ => {}
        }
        let result = self.deeper(|i| i.run_frame(&mut frame, Resume::Send(Value::None)));
        self.recycle(std::mem::take(&mut frame.locals));
        match result? {
            Flow::Return(v) | Flow::Yield(v) | Flow::Suspend(v) => Ok(v),
            Flow::Await(_) => Ok(Value::None),
        }
    }

    /// Runs `f` one Python call level deeper: `RecursionError` at the recursion
    /// limit, else on a stack with room for it ([`Interpreter::on_enough_stack`]).
    #[inline(always)]
    pub(crate) fn deeper<R>(&mut self, f: impl FnOnce(&mut Interpreter) -> PyResult<R>) -> PyResult<R> {
        if self.depth >= self.recursion_limit {
            return Err(PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        self.depth += 1;
        let result = self.on_enough_stack(f);
        self.depth -= 1;
        result
    }

    /// Runs `f` (one level deeper in Python calls) on a stack with room for it.
    /// Every eighth level checks how much native stack is left and, when little
    /// is, moves onto a fresh segment: the recursion limit then holds on any thread
    /// an embedder runs pyish on (a 2 MiB default thread stack included), with no
    /// native stack overflow. Unoptimised builds check every level: their frames
    /// are many times larger.
    #[inline(always)]
    pub(crate) fn on_enough_stack<R>(&mut self, f: impl FnOnce(&mut Interpreter) -> R) -> R {
        const EVERY: usize = if cfg!(debug_assertions) { 1 } else { 8 };
        if !self.depth.is_multiple_of(EVERY) {
            return f(self);
        }
        stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || f(self))
    }

    /// A cleared locals vector for reuse by the next call (inlined: it is on every
    /// call's return path, and out of line it costs twice as much).
    #[inline(always)]
    pub fn recycle(&mut self, mut locals: Vec<Value>) {
        if self.locals_pool.len() < 64 {
            while let Some(v) = locals.pop() {
                v.discard();
            }
            self.locals_pool.push(locals);
        }
    }

    /// Binds call arguments to parameter slots.
    pub(crate) fn bind_args(
        &mut self,
        fun: &Function,
        code: &Code,
        args: Vec<Value>,
        kwargs: &[(Symbol, Value)],
    ) -> PyResult<Vec<Value>> {
        let sig = &code.sig;
        let npos = sig.positional.len();
        if kwargs.is_empty() && args.len() == npos && !sig.varargs && !sig.varkw && sig.kwonly.is_empty() {
            let mut locals = self.locals_pool.pop().unwrap_or_default();
            locals.extend(args);
            return Ok(locals);
        }
        let mut locals = vec![Value::Unbound; crate::compile::param_count(sig)];
        let given = args.len();
        let mut args = args.into_iter();
        for slot in locals.iter_mut().take(npos) {
            match args.next() {
                Some(v) => *slot = v,
                None => break,
            }
        }
        let extra: Vec<Value> = args.collect();
        if !extra.is_empty() && !sig.varargs {
            return Err(self.too_many_positional(fun, code, given, kwargs));
        }
        let mut next = npos;
        if sig.varargs {
            locals[next] = Value::tuple(extra);
            next += 1;
        }
        let kw_start = next;
        next += sig.kwonly.len();
        let kwargs_dict = sig.varkw.then(|| Rc::new(crate::value::PyDict::default()));
        for (name, value) in kwargs {
            let slot = sig
                .positional
                .iter()
                .position(|p| p == name)
                .filter(|&i| i >= sig.posonly)
                .or_else(|| sig.kwonly.iter().position(|k| k == name).map(|i| kw_start + i));
            match slot {
                Some(i) if !matches!(locals[i], Value::Unbound) => {
                    return Err(PyErr::type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        code.qualname,
                        self.name(*name)
                    )));
                }
                Some(i) => locals[i] = value.clone(),
                None => match &kwargs_dict {
                    Some(d) => {
                        let key = Value::str(self.name(*name));
                        self.dict_set(d, key, value.clone())?;
                    }
                    None => return Err(self.unexpected_keyword(code, *name, kwargs)),
                },
            }
        }
        if let Some(d) = kwargs_dict {
            locals[next] = Value::Dict(d);
        }
        self.fill_defaults(fun, code, &mut locals, kw_start)?;
        Ok(locals)
    }

    /// Fills missing parameters from defaults, or reports the missing ones.
    fn fill_defaults(&mut self, fun: &Function, code: &Code, locals: &mut [Value], kw_start: usize) -> PyResult<()> {
        let sig = &code.sig;
        let npos = sig.positional.len();
        let first_default = npos - fun.defaults.len().min(npos);
        let mut missing = Vec::new();
        #[expect(clippy::needless_range_loop, reason = "the index picks the default and the name too")]
        for i in 0..npos {
            if matches!(locals[i], Value::Unbound) {
                match i.checked_sub(first_default).and_then(|d| fun.defaults.get(d)) {
                    Some(d) if i >= first_default => locals[i] = d.clone(),
                    _ => missing.push(self.name(sig.positional[i]).to_owned()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(&code.qualname, "positional", &missing));
        }
        for (k, name) in sig.kwonly.iter().enumerate() {
            if matches!(locals[kw_start + k], Value::Unbound) {
                match fun.kwdefaults.get(k) {
                    Some(Value::Unbound) | None => missing.push(self.name(*name).to_owned()),
                    Some(d) => locals[kw_start + k] = d.clone(),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(&code.qualname, "keyword-only", &missing));
        }
        Ok(())
    }

    fn too_many_positional(&self, fun: &Function, code: &Code, given: usize, kwargs: &[(Symbol, Value)]) -> PyErr {
        let npos = code.sig.positional.len();
        let min = npos - fun.defaults.len().min(npos);
        let takes = if min == npos {
            format!("{npos} positional argument{}", if npos == 1 { "" } else { "s" })
        } else {
            format!("from {min} to {npos} positional arguments")
        };
        let kw_given = kwargs.iter().filter(|(k, _)| code.sig.kwonly.contains(k)).count();
        let was = if given == 1 { "was" } else { "were" };
        let given_text = if kw_given > 0 {
            format!(
                "{given} positional argument{} (and {kw_given} keyword-only argument{}) were given",
                if given == 1 { "" } else { "s" },
                if kw_given == 1 { "" } else { "s" }
            )
        } else {
            format!("{given} {was} given")
        };
        PyErr::type_error(format!("{}() takes {takes} but {given_text}", code.qualname))
    }

    fn unexpected_keyword(&self, code: &Code, name: Symbol, kwargs: &[(Symbol, Value)]) -> PyErr {
        let n = self.name(name);
        let posonly = &code.sig.positional[..code.sig.posonly.min(code.sig.positional.len())];
        if posonly.contains(&name) {
            let names: Vec<&str> =
                kwargs.iter().filter(|(k, _)| posonly.contains(k)).map(|(k, _)| self.name(*k)).collect();
            return PyErr::type_error(format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                code.qualname,
                names.join(", ")
            ));
        }
        PyErr::type_error(format!("{}() got an unexpected keyword argument '{n}'", code.qualname))
    }

    /// Builds a function object from a `def`/`lambda` (decorators applied).
    pub fn make_function(&mut self, f: &mut Frame, make: &MakeFunction) -> PyResult<Value> {
        let mut decorators = Vec::with_capacity(make.decorators.len());
        for d in &make.decorators {
            decorators.push(self.eval(f, d)?);
        }
        let mut defaults = Vec::with_capacity(make.defaults.len());
        for d in &make.defaults {
            defaults.push(self.eval(f, d)?);
        }
        let mut kwdefaults = Vec::with_capacity(make.kwdefaults.len());
        for d in &make.kwdefaults {
            kwdefaults.push(match d {
                Some(e) => self.eval(f, e)?,
                None => Value::Unbound,
            });
        }
        let closure = make.closure.iter().filter_map(|&i| f.cells.get(i as usize).cloned()).collect();
        let mut attrs = AttrMap::default();
        let code = &make.code;
        attrs.insert(self.syms.name, Value::str(self.name(code.name)));
        attrs.insert(self.syms.qualname, Value::str(&code.qualname));
        attrs.insert(self.syms.doc, code.doc.as_deref().map_or(Value::None, Value::str));
        attrs.insert(self.syms.module, Value::str(&f.globals.name));
        let fun = Function {
            code: code.clone(),
            globals: f.globals.clone(),
            defaults,
            kwdefaults,
            closure,
            attrs: RefCell::new(attrs),
        };
        let mut value = Value::Function(Rc::new(fun));
        for d in decorators.into_iter().rev() {
            value = self.call(d, vec![value], &[])?;
        }
        Ok(value)
    }
}

/// "f() missing 2 required positional arguments: 'a' and 'b'".
fn missing_error(qualname: &str, kind: &str, names: &[String]) -> PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        [] => String::new(),
    };
    let n = names.len();
    let s = if n == 1 { "" } else { "s" };
    PyErr::type_error(format!("{qualname}() missing {n} required {kind} argument{s}: {list}"))
}

/// The Python function in global slot `i`, its `Rc` cloned directly (a `Value`
/// clone goes through a jump table on the tag).
#[inline(always)]
fn global_function(f: &Frame, i: u32) -> Option<Rc<Function>> {
    match f.globals.globals.borrow().values.get(i as usize) {
        Some(Value::Function(fun)) => Some(fun.clone()),
        _ => None,
    }
}

/// The key and default of `d.get(key)` / `d.get(key, default)` written with plain
/// arguments (`None` for any other shape: the general path gives its errors).
fn get_args(args: &[Elt]) -> Option<(&Expr, Option<&Expr>)> {
    match args {
        [Elt::One(key)] => Some((key, None)),
        [Elt::One(key), Elt::One(default)] => Some((key, Some(default))),
        _ => None,
    }
}

/// Whether a builtin type's method is called on an instance (which may be of a
/// subclass of the type, see [`base_receiver`]).
#[inline(always)]
fn receiver_is_instance(n: &crate::value::NativeFunction, args: &[Value]) -> bool {
    n.min_args == 1 && matches!(args.first(), Some(Value::Instance(_)))
}

/// The receiver a builtin type's method acts on: for an instance of a subclass of
/// the type (`MyList.append`, `super().__setitem__`), the instance's builtin value.
/// Methods of `object` (`object.__setattr__`), in-place operators (they return the
/// instance itself) and methods of a type the instance does not derive from (they
/// report it by its class) keep the instance.
#[inline(never)]
fn base_receiver(n: &crate::value::NativeFunction, recv: Value) -> Value {
    let Value::Instance(inst) = &recv else { return recv };
    let Some(base) = inst.base() else { return recv };
    let keeps = n.name.starts_with("object.") || n.name.ends_with(".__iadd__") || n.name.ends_with(".__imul__");
    let derives = match n.name.split_once('.') {
        Some((owner, _)) => inst.class.mro().any(|c| c.kind == crate::value::ClassKind::Builtin && c.name == owner),
        None => true,
    };
    if keeps || !derives { recv } else { base.clone() }
}

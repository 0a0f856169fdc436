//! Iteration: builtin iterator objects, the `iter`/`next` protocol for every value,
//! and generators (a suspended frame resumed by `next`/`send`/`throw`).

use super::PyResult;
use super::exception::{ErrKind, ExcKind, PyErr};
use super::exec::{Flow, Resume};
use super::frame::Frame;
use crate::compile::ir::{Elt, Expr, Var};
use crate::interpreter::Interpreter;
use crate::value::{PyDict, PyList, PySet, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// What a dict iterator yields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictPart {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// `(key, value)` tuples.
    Items,
}

impl DictPart {
    /// What this part yields for one entry.
    pub fn of(self, key: &Value, value: &Value) -> Value {
        match self {
            DictPart::Keys => key.clone(),
            DictPart::Values => value.clone(),
            DictPart::Items => Value::tuple(vec![key.clone(), value.clone()]),
        }
    }
}

/// A builtin iterator's state.
#[expect(missing_docs, reason = "variant fields are the iterator's cursor, named by what they hold")]
pub enum PyIter {
    /// Over a list (sees appends, like CPython).
    List(Rc<PyList>, usize),
    /// Over a list backwards.
    ListReversed(Rc<PyList>, usize),
    /// Over a tuple (or any fixed vector).
    Seq(Rc<Vec<Value>>, usize),
    /// Over a str, by byte position.
    Str(Rc<crate::value::PyStr>, usize),
    /// Over bytes.
    Bytes(Rc<Vec<u8>>, usize),
    /// Over a range.
    Range { next: i64, stop: i64, step: i64 },
    /// Over a range with big-int bounds (`start` is the next value).
    BigRange(Box<crate::value::BigRange>),
    /// Over a dict's keys, values or items (raw index, size at start).
    Dict(Rc<PyDict>, usize, usize, DictPart),
    /// Over a dict backwards (raw index past the next entry, size at start).
    DictReversed(Rc<PyDict>, usize, usize, DictPart),
    /// Over a set (slot position, size at start).
    Set(Rc<PySet>, usize, usize),
    /// `enumerate` (the next count: an int, big past `sys.maxsize`).
    Enumerate(Value, Value),
    /// `zip` (whether `strict=True`).
    Zip(Vec<Value>, bool),
    /// `map`.
    Map(Value, Vec<Value>),
    /// `filter`.
    Filter(Value, Value),
    /// `iter(callable, sentinel)`: calls until the result equals the sentinel.
    Callable(Value, Value),
    /// An object with only `__getitem__`: indices 0, 1, ... until `IndexError`.
    GetItem(Value, i64),
    /// A generator function's frame.
    Generator(Box<Generator>),
    /// The awaitable of an async generator's `__anext__`/`asend`/`athrow`/`aclose`.
    AsyncStep(Rc<crate::runtime::coroutine::Coroutine>, crate::runtime::awaiting::AsyncOp, AsyncMode),
    /// `coroutine.__await__()`.
    CoroWrapper(Rc<crate::runtime::coroutine::Coroutine>),
    /// `anext(it, default)`: delegates to the iterator of `it.__anext__()`, giving the
    /// default instead of `StopAsyncIteration`.
    AnextDefault(Value, Value),
    /// `Future.__await__()` of asyncio's accelerated futures (whether it yielded).
    FutureAwait(Value, bool),
    /// Exhausted.
    Done,
}

/// What an async generator's awaitable does: the first step sends, throws or
/// closes; later steps pass values through to what the generator awaits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AsyncMode {
    /// `__anext__()` / `asend(v)`.
    Send,
    /// `athrow(e)`.
    Throw,
    /// `aclose()`.
    Close,
}

/// A generator: its frame, kept between resumptions.
pub struct Generator {
    /// The suspended frame (`None` once finished).
    pub frame: Option<Frame>,
    /// Whether it is currently running (re-entry is an error).
    pub running: bool,
    /// Whether it has started.
    pub started: bool,
    /// The exceptions its frame was handling when it yielded (an `except` block
    /// around a `yield`): off the interpreter's stack while it is suspended, so the
    /// caller does not see them, and back on it when it resumes.
    pub saved_handling: Vec<Value>,
    /// The height of the handled-exception stack below the frame when it yielded.
    pub handling_base: u32,
}

impl PyIter {
    /// The next item of a range or list iterator (`Some(None)` when exhausted;
    /// `None` for the other kinds). A list borrowed for writing (being sorted)
    /// reads as empty, as CPython's does.
    #[inline(always)]
    pub fn step_range_or_list(&mut self) -> Option<Option<Value>> {
        match self {
            PyIter::Range { next, stop, step } => {
                let more = if *step > 0 { *next < *stop } else { *next > *stop };
                if !more {
                    return Some(None);
                }
                let v = *next;
                *next = next.saturating_add(*step);
                Some(Some(Value::Int(v)))
            }
            PyIter::List(list, i) => {
                let v = list.items.try_borrow().ok().and_then(|items| items.get(*i).cloned());
                *i += 1;
                Some(v)
            }
            _ => None,
        }
    }

    /// Whether this is one of the awaitables stepped natively (see
    /// `Interpreter::native_await_step`).
    pub fn is_native_awaitable(&self) -> bool {
        matches!(
            self,
            PyIter::AsyncStep(..) | PyIter::CoroWrapper(_) | PyIter::AnextDefault(..) | PyIter::FutureAwait(..)
        )
    }
}

impl Interpreter {
    /// Wraps a frame in a generator object.
    pub fn new_generator(&mut self, frame: Frame) -> Value {
        let g = Generator {
            frame: Some(frame),
            running: false,
            started: false,
            saved_handling: Vec::new(),
            handling_base: 0,
        };
        Value::Iterator(Rc::new(RefCell::new(PyIter::Generator(Box::new(g)))))
    }

    /// The iterator of `for x in range(...)` when `range` is the builtin and the
    /// bounds are ints, made without the range object; `None` (nothing evaluated)
    /// for any other loop. Other bounds, once evaluated, go through `range()` itself.
    #[inline(never)]
    pub fn range_loop_iter(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Option<Value>> {
        let Expr::Call(call) = e else { return Ok(None) };
        let Expr::Load(Var::Global(i), name) = &call.func else { return Ok(None) };
        let plain = call.args.iter().all(|a| matches!(a, Elt::One(_)));
        if !plain || call.has_star || !call.keywords.is_empty() || !(1..=3).contains(&call.args.len()) {
            return Ok(None);
        }
        let func = self.load_global(f, *i, *name)?;
        if !matches!(&func, Value::Class(c) if Rc::ptr_eq(c, &self.types.range)) {
            return Ok(None);
        }
        // On the stack: a loop over a small range allocates only its iterator.
        let mut args: smallvec::SmallVec<[Value; 3]> = smallvec::SmallVec::new();
        for a in &call.args {
            if let Elt::One(a) = a {
                args.push(self.eval_operand(f, a)?);
            }
        }
        let it = match crate::builtins::range::small_bounds(&args) {
            Some((start, stop, step)) if step != 0 => {
                crate::builtins::range::range_iter(&crate::value::PyRange::small(start, stop, step), false)
            }
            _ => {
                let r = self.call(func, args.into_vec(), &[])?;
                return self.iter(r).map(Some);
            }
        };
        Ok(Some(self.loop_iter(it)))
    }

    /// An iterator object holding `it`, reusing one a finished loop left.
    #[inline]
    pub(crate) fn loop_iter(&mut self, it: PyIter) -> Value {
        match self.loop_iter_pool.pop() {
            Some(rc) => {
                *rc.borrow_mut() = it;
                Value::Iterator(rc)
            }
            None => Value::Iterator(Rc::new(RefCell::new(it))),
        }
    }

    /// Clears a finished `for` loop's iterator slot, keeping the iterator object
    /// for reuse when nothing else holds it.
    #[inline]
    pub(crate) fn retire_loop_iter(&mut self, frame: &mut Frame, slot: u32) {
        let Some(v) = frame.locals.get_mut(slot as usize) else { return };
        match std::mem::replace(v, Value::None) {
            Value::Iterator(rc) if Rc::strong_count(&rc) == 1 && Rc::weak_count(&rc) == 0 => {
                *rc.borrow_mut() = PyIter::Done;
                if self.loop_iter_pool.len() < 16 {
                    self.loop_iter_pool.push(rc);
                }
            }
            other => other.discard(),
        }
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: Value) -> PyResult<Value> {
        let it = match &v {
            Value::Iterator(_) => return Ok(v),
            Value::List(l) => PyIter::List(l.clone(), 0),
            Value::Tuple(t) => PyIter::Seq(t.clone(), 0),
            Value::Str(s) => PyIter::Str(s.clone(), 0),
            Value::Bytes(b) => PyIter::Bytes(b.clone(), 0),
            Value::Range(r) => crate::builtins::range::range_iter(r, false),
            Value::Dict(d) => PyIter::Dict(d.clone(), 0, d.table.borrow().len(), DictPart::Keys),
            Value::DictView(v) => PyIter::Dict(v.dict.clone(), 0, v.dict.table.borrow().len(), v.part),
            Value::Set(s) | Value::FrozenSet(s) => PyIter::Set(s.clone(), 0, s.table.borrow().len()),
            Value::Instance(inst) => {
                let (iter_sym, getitem) = (self.syms.iter, self.syms.getitem);
                if let Some(base) = self.base_for(inst, iter_sym) {
                    return self.iter(base);
                }
                if let Some(m) = inst.class.lookup(iter_sym) {
                    let it = self.call(m, vec![v.clone()], &[])?;
                    let next_sym = self.syms.next;
                    let ok = match &it {
                        Value::Iterator(_) => true,
                        other => self.class_of(other).lookup(next_sym).is_some(),
                    };
                    if !ok {
                        let t = self.type_name(&it);
                        return Err(PyErr::type_error(format!("iter() returned non-iterator of type '{t}'")));
                    }
                    return Ok(it);
                }
                if inst.class.lookup(getitem).is_some() {
                    return Ok(self.sequence_iter(v.clone()));
                }
                return Err(not_iterable(&inst.class.name));
            }
            _ => return Err(not_iterable(&self.type_name(&v))),
        };
        Ok(self.loop_iter(it))
    }

    /// An iterator over an object with only `__getitem__` (indices 0, 1, ... until IndexError).
    fn sequence_iter(&mut self, v: Value) -> Value {
        Value::Iterator(Rc::new(RefCell::new(PyIter::GetItem(v, 0))))
    }

    /// `next(it)`: `None` when exhausted (`StopIteration` is absorbed).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Iterator(cell) => self.next_builtin(cell),
            _ => {
                let sym = self.syms.next;
                let class = self.class_of(it);
                let Some(m) = class.lookup(sym) else {
                    return Err(PyErr::type_error(format!("'{}' object is not an iterator", class.name)));
                };
                match self.call(m, vec![it.clone()], &[]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.is_stop_iteration(&e) => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// Whether an error is `StopIteration` (or a subclass).
    pub fn is_stop_iteration(&self, e: &PyErr) -> bool {
        match e.kind() {
            ErrKind::Lazy(kind, _) => *kind == ExcKind::StopIteration,
            ErrKind::Raised(i) => i.class.is_subclass(&self.types.exception(ExcKind::StopIteration)),
            ErrKind::Limit(_) => false,
        }
    }

    fn next_builtin(&mut self, cell: &Rc<RefCell<PyIter>>) -> PyResult<Option<Value>> {
        let mut state = cell.borrow_mut();
        if let Some(item) = state.step_range_or_list() {
            return Ok(item);
        }
        let item = match &mut *state {
            PyIter::BigRange(b) => crate::builtins::range::big_range_next(b),
            PyIter::ListReversed(l, i) => {
                let v = if *i == 0 { None } else { l.items.borrow().get(*i - 1).cloned() };
                *i = i.saturating_sub(1);
                v
            }
            PyIter::Seq(t, i) => {
                let v = t.get(*i).cloned();
                *i += 1;
                v
            }
            PyIter::Str(s, pos) => {
                let c = s.as_str().get(*pos..).and_then(|rest| rest.chars().next());
                c.map(|c| {
                    *pos += c.len_utf8();
                    self.char_str(c)
                })
            }
            PyIter::Bytes(b, i) => {
                let v = b.get(*i).map(|&x| Value::Int(i64::from(x)));
                *i += 1;
                v
            }
            PyIter::Dict(d, raw, size, part) => {
                if d.table.borrow().len() != *size {
                    *state = PyIter::Done;
                    return Err(PyErr::new(ExcKind::RuntimeError, "dictionary changed size during iteration"));
                }
                let table = d.table.borrow();
                table.next_from(*raw).map(|(i, e)| {
                    *raw = i + 1;
                    part.of(&e.key, &e.value)
                })
            }
            PyIter::DictReversed(d, raw, size, part) => {
                if d.table.borrow().len() != *size {
                    *state = PyIter::Done;
                    return Err(PyErr::new(ExcKind::RuntimeError, "dictionary changed size during iteration"));
                }
                let table = d.table.borrow();
                let item = table.prev_before(*raw).map(|(i, e)| {
                    *raw = i;
                    part.of(&e.key, &e.value)
                });
                if item.is_none() {
                    *raw = 0;
                }
                item
            }
            PyIter::Set(s, pos, size) => {
                if s.table.borrow().len() != *size {
                    *state = PyIter::Done;
                    return Err(PyErr::new(ExcKind::RuntimeError, "Set changed size during iteration"));
                }
                let table = s.table.borrow();
                match table.next_from(*pos) {
                    Some((i, k)) => {
                        *pos = i + 1;
                        Some(k.clone())
                    }
                    None => None,
                }
            }
            PyIter::Done => None,
            _ => {
                drop(state);
                return self.next_composite(cell);
            }
        };
        Ok(item)
    }

    /// Iterators that call back into Python (enumerate, zip, map, filter, generators).
    fn next_composite(&mut self, cell: &Rc<RefCell<PyIter>>) -> PyResult<Option<Value>> {
        if cell.borrow().is_native_awaitable() {
            return match self.native_await_step(cell, Resume::Send(Value::None)) {
                Some(Ok(v)) => Ok(Some(v)),
                Some(Err(Ok(Value::None))) | None => Ok(None),
                Some(Err(Ok(v))) => Err(crate::builtins::iterators::stop_iteration(self, v)),
                Some(Err(Err(e))) => Err(e),
            };
        }
        let snapshot = match &*cell.borrow() {
            PyIter::Enumerate(inner, n) => Some((0, inner.clone(), vec![], n.clone())),
            PyIter::Zip(iters, strict) => Some((1, Value::Bool(*strict), iters.clone(), Value::None)),
            PyIter::Map(f, iters) => Some((2, f.clone(), iters.clone(), Value::None)),
            PyIter::Filter(f, inner) => Some((3, f.clone(), vec![inner.clone()], Value::None)),
            PyIter::Callable(f, sentinel) => Some((4, f.clone(), vec![sentinel.clone()], Value::None)),
            _ => None,
        };
        let getitem = match &*cell.borrow() {
            PyIter::GetItem(obj, index) => Some((obj.clone(), *index)),
            _ => None,
        };
        if let Some((obj, index)) = getitem {
            return match self.getitem(&obj, &Value::Int(index)) {
                Ok(v) => {
                    if let PyIter::GetItem(_, i) = &mut *cell.borrow_mut() {
                        *i += 1;
                    }
                    Ok(Some(v))
                }
                Err(e)
                    if crate::builtins::functions::is_kind(self, &e, ExcKind::IndexError)
                        || self.is_stop_iteration(&e) =>
                {
                    *cell.borrow_mut() = PyIter::Done;
                    Ok(None)
                }
                Err(e) => Err(e),
            };
        }
        let Some((kind, a, iters, n)) = snapshot else {
            return self.resume_generator(cell, Resume::Send(Value::None)).map(|r| r.ok());
        };
        let result = match kind {
            0 => {
                let v = self.next(&a)?;
                if let PyIter::Enumerate(_, count) = &mut *cell.borrow_mut() {
                    *count = match &n {
                        Value::Int(i) if let Some(next) = i.checked_add(1) => Value::Int(next),
                        other => Value::from_bigint(super::ops::as_bigint(other).unwrap_or_default() + 1),
                    };
                }
                v.map(|v| Value::tuple(vec![n, v]))
            }
            1 | 2 => {
                let mut items = Vec::with_capacity(iters.len());
                for (k, it) in iters.iter().enumerate() {
                    match self.next(it)? {
                        Some(v) => items.push(v),
                        None if kind == 1 && matches!(a, Value::Bool(true)) => {
                            return crate::builtins::iterators::zip_strict_end(self, &iters, k).map(|()| None);
                        }
                        None => return Ok(None),
                    }
                }
                if iters.is_empty() {
                    return Ok(None);
                }
                if kind == 1 { Some(Value::tuple(items)) } else { Some(self.call(a, items, &[])?) }
            }
            4 => {
                let v = self.call(a, Vec::new(), &[])?;
                if self.eq(&v, &iters[0])? {
                    *cell.borrow_mut() = PyIter::Done;
                    return Ok(None);
                }
                Some(v)
            }
            _ => loop {
                let Some(v) = self.next(&iters[0])? else { break None };
                let keep = match &a {
                    Value::None => self.truthy(&v)?,
                    f => {
                        let r = self.call(f.clone(), vec![v.clone()], &[])?;
                        self.truthy(&r)?
                    }
                };
                if keep {
                    break Some(v);
                }
            },
        };
        Ok(result)
    }

    /// Resumes a generator: `Ok(Ok(value))` when it yields, `Ok(Err(return value))`
    /// when it finishes.
    pub fn resume_generator(&mut self, cell: &Rc<RefCell<PyIter>>, resume: Resume) -> PyResult<Result<Value, Value>> {
        let base = self.handling.len();
        let mut frame = {
            let mut state = cell.borrow_mut();
            let PyIter::Generator(g) = &mut *state else {
                return Ok(Err(Value::None));
            };
            if g.running {
                return Err(PyErr::value_error("generator already executing"));
            }
            let resume_is_value = matches!(&resume, Resume::Send(v) if !matches!(v, Value::None));
            if !g.started && resume_is_value {
                return Err(PyErr::type_error("can't send non-None value to a just-started generator"));
            }
            match g.frame.take() {
                Some(mut f) => {
                    g.running = true;
                    g.started = true;
                    if !g.saved_handling.is_empty() {
                        f.rebase_handling(g.handling_base as usize, base);
                        self.handling.append(&mut g.saved_handling);
                    }
                    f
                }
                None => {
                    return match resume {
                        Resume::Throw(e) | Resume::SubRaise(e) => Err(e),
                        Resume::Send(_) | Resume::SubReturn(_) => Ok(Err(Value::None)),
                    };
                }
            }
        };
        // A resumed generator is one level deeper, as a call is (`def g(): yield
        // from g()` recurses through resumptions); past the limit its frame is
        // dropped with the error, as CPython's raises on entry and finishes.
        let result = if self.depth >= self.recursion_limit {
            Err(PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded"))
        } else {
            self.depth += 1;
            let floor = std::mem::replace(&mut self.resumed_handling_base, base);
            let result = self.on_enough_stack(|i| i.run_frame(&mut frame, resume));
            self.resumed_handling_base = floor;
            self.depth -= 1;
            result
        };
        let mut state = cell.borrow_mut();
        if let PyIter::Generator(g) = &mut *state {
            g.running = false;
            if let Ok(Flow::Yield(_) | Flow::Suspend(_)) = &result {
                g.frame = Some(frame);
                if self.handling.len() > base {
                    g.saved_handling = self.handling.split_off(base);
                    g.handling_base = u32::try_from(base).unwrap_or(u32::MAX);
                }
            } else {
                self.handling.truncate(base);
            }
        }
        drop(state);
        match result {
            Ok(Flow::Yield(v) | Flow::Suspend(v)) => Ok(Ok(v)),
            Ok(Flow::Return(v)) => Ok(Err(v)),
            Ok(Flow::Await(_)) => Err(PyErr::new(ExcKind::RuntimeError, "await outside a coroutine")),
            Err(e) if self.is_stop_iteration(&e) => {
                Err(self.chained_runtime_error("generator raised StopIteration".into(), e))
            }
            Err(e) => Err(e),
        }
    }

    /// `list.extend(iterable)` (and `list += iterable`): the items are appended as
    /// they come, so those taken before the iterable raises stay, as in CPython.
    pub fn extend_list(&mut self, list: &crate::value::PyList, iterable: Value) -> PyResult<()> {
        if matches!(iterable, Value::List(_) | Value::Tuple(_)) {
            // Copied first: `l.extend(l)` doubles the list once.
            let items = self.collect(iterable)?;
            list.items.borrow_mut().extend(items);
            return Ok(());
        }
        let it = self.iter(iterable)?;
        let mut n = 0u32;
        while let Some(x) = self.next(&it)? {
            n = n.wrapping_add(1);
            if n.is_multiple_of(1024) {
                self.tick(1024)?;
            }
            list.items.borrow_mut().push(x);
        }
        Ok(())
    }

    /// All items of an iterable.
    pub fn collect(&mut self, v: Value) -> PyResult<Vec<Value>> {
        match &v {
            Value::List(l) => return Ok(l.items.borrow().clone()),
            Value::Tuple(t) => return Ok(t.as_ref().clone()),
            _ => {}
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            if out.len() % 1024 == 1023 {
                self.tick(1024)?;
            }
            out.push(x);
        }
        Ok(out)
    }
}

/// `TypeError: 'int' object is not iterable`.
pub fn not_iterable(type_name: &str) -> PyErr {
    PyErr::type_error(format!("'{type_name}' object is not iterable"))
}

//! Exception groups at run time: `split`/`subgroup` (which `except*` uses to take
//! the matching part of a group) and CPython's rule for what a `try`/`except*`
//! raises after its handlers ran (`_PyExc_PrepReraiseStar`): re-raised parts are put
//! back into the original group's shape, new exceptions are grouped beside them.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use crate::interpreter::Interpreter;
use crate::value::Value;
use std::rc::Rc;

/// What selects the leaves of a group: exception types or a predicate.
pub enum Matcher {
    /// A class or a tuple of classes.
    Types(Value),
    /// A callable taking an exception.
    Predicate(Value),
}

impl Interpreter {
    /// The sub-exceptions of a group (`None` for a plain exception).
    pub fn group_members(&mut self, exc: &Value) -> Option<Vec<Value>> {
        let group = self.types.exception(ExcKind::BaseExceptionGroup);
        let Value::Instance(inst) = exc else { return None };
        if !inst.class.is_subclass(&group) {
            return None;
        }
        let sym = self.intern("exceptions");
        match inst.attrs.borrow().get(&sym) {
            Some(Value::Tuple(t)) => Some(t.to_vec()),
            _ => Some(Vec::new()),
        }
    }

    /// The matcher for `split`/`subgroup`'s argument, with CPython's `TypeError`.
    pub fn group_matcher(&mut self, condition: &Value) -> PyResult<Matcher> {
        let base = self.types.exception(ExcKind::BaseException);
        let is_type = |v: &Value| matches!(v, Value::Class(c) if c.is_subclass(&base));
        match condition {
            v if is_type(v) => Ok(Matcher::Types(v.clone())),
            Value::Tuple(items) if items.iter().all(is_type) => Ok(Matcher::Types(condition.clone())),
            v if !matches!(v, Value::Class(_)) && self.callable(v) => Ok(Matcher::Predicate(v.clone())),
            _ => Err(PyErr::type_error("expected a function, exception type or tuple of exception types")),
        }
    }

    fn group_leaf_matches(&mut self, matcher: &Matcher, exc: &Value) -> PyResult<bool> {
        match matcher {
            Matcher::Types(t) => self.exception_matches(exc, t),
            Matcher::Predicate(f) => {
                let r = self.call(f.clone(), vec![exc.clone()], &[])?;
                self.truthy(&r)
            }
        }
    }

    /// `group.split(condition)`: the matching and the other leaves, each in a copy of
    /// the group's shape (`None` where nothing is left).
    pub fn split_group(&mut self, exc: &Value, matcher: &Matcher) -> PyResult<(Option<Value>, Option<Value>)> {
        if self.group_leaf_matches(matcher, exc)? {
            return Ok((Some(exc.clone()), None));
        }
        let Some(members) = self.group_members(exc) else { return Ok((None, Some(exc.clone()))) };
        let (mut matched, mut rest) = (Vec::new(), Vec::new());
        for member in members {
            let (m, r) = self.split_group(&member, matcher)?;
            matched.extend(m);
            rest.extend(r);
        }
        let matched = self.derive_group(exc, matched)?;
        let rest = self.derive_group(exc, rest)?;
        Ok((matched, rest))
    }

    /// `group.derive(members)` with the group's traceback, cause and context copied
    /// (`None` for no members).
    fn derive_group(&mut self, exc: &Value, members: Vec<Value>) -> PyResult<Option<Value>> {
        if members.is_empty() {
            return Ok(None);
        }
        let derive = self.intern("derive");
        let method = self.getattr(exc, derive)?;
        let derived = self.call(method, vec![Value::list(members)], &[])?;
        if let (Value::Instance(from), Value::Instance(to)) = (exc, &derived)
            && let (Some(src), Some(dst)) = (from.exc(), to.exc())
            && !Rc::ptr_eq(from, to)
        {
            let src = src.borrow();
            let mut dst = dst.borrow_mut();
            dst.traceback = src.traceback.clone();
            dst.cause = src.cause.clone();
            dst.context = src.context.clone();
            dst.suppress_context = true;
        }
        Ok(Some(derived))
    }

    /// `except* T`: splits the exception still unhandled into the part `T` matches
    /// (a plain exception is wrapped in a group) and the rest.
    pub fn except_star_match(&mut self, rest: &Value, typ: &Value) -> PyResult<(Option<Value>, Option<Value>)> {
        let group = self.types.exception(ExcKind::BaseExceptionGroup);
        let types: Vec<Value> = match typ {
            Value::Tuple(items) => items.to_vec(),
            other => vec![other.clone()],
        };
        if types.iter().any(|t| matches!(t, Value::Class(c) if c.is_subclass(&group))) {
            return Err(PyErr::type_error("catching ExceptionGroup with except* is not allowed. Use except instead."));
        }
        if matches!(rest, Value::None) {
            return Ok((None, None));
        }
        if self.group_members(rest).is_none() {
            if !self.exception_matches(rest, typ)? {
                return Ok((None, Some(rest.clone())));
            }
            let class = self.types.exception(ExcKind::BaseExceptionGroup);
            let members = Value::tuple(vec![rest.clone()]);
            let wrapped = self.call(Value::Class(class), vec![Value::str(""), members], &[])?;
            return Ok((Some(wrapped), None));
        }
        let matcher = self.group_matcher(typ)?;
        self.split_group(rest, &matcher)
    }

    /// `BaseExceptionGroup("", members)`.
    fn new_group(&mut self, members: Vec<Value>) -> PyResult<Value> {
        let class = self.types.exception(ExcKind::BaseExceptionGroup);
        self.call(Value::Class(class), vec![Value::str(""), Value::list(members)], &[])
    }

    /// What a `try`/`except*` raises once its handlers ran: `raised` holds what each
    /// handler raised, then the unmatched rest; `None` when all was handled.
    pub fn prep_reraise_star(&mut self, orig: &Value, raised: Vec<Value>) -> PyResult<Option<Value>> {
        let raised: Vec<Value> = raised.into_iter().filter(|v| !matches!(v, Value::None)).collect();
        if self.group_members(orig).is_none() {
            return Ok(raised.into_iter().next());
        }
        let mut leaves = Vec::new();
        collect_leaves(self, orig, &mut leaves);
        let (mut new, mut reraised) = (Vec::new(), Vec::new());
        for e in raised {
            if same_metadata(&e, orig) { reraised.push(e) } else { new.push(e) }
        }
        let mut keep = Vec::new();
        for e in &reraised {
            collect_leaves(self, e, &mut keep);
        }
        let keep: Vec<usize> = keep.iter().filter_map(Value::heap_ptr).collect();
        let projection = self.project_group(orig, &keep)?;
        new.extend(projection);
        Ok(match new.len() {
            0 => None,
            1 => new.pop(),
            _ => Some(self.new_group(new)?),
        })
    }

    /// The part of `group` whose leaves are among `keep` (by identity), in its shape.
    fn project_group(&mut self, group: &Value, keep: &[usize]) -> PyResult<Option<Value>> {
        if let Some(members) = self.group_members(group) {
            let mut kept = Vec::new();
            for m in members {
                kept.extend(self.project_group(&m, keep)?);
            }
            if kept.len() == self.group_members(group).map_or(0, |m| m.len()) {
                let all_same = self.group_members(group).is_some_and(|m| m.iter().zip(&kept).all(|(a, b)| a.is(b)));
                if all_same {
                    return Ok(Some(group.clone()));
                }
            }
            return self.derive_group(group, kept);
        }
        Ok(group.heap_ptr().filter(|p| keep.contains(p)).map(|_| group.clone()))
    }
}

/// The plain exceptions inside `exc` (itself when it is not a group).
fn collect_leaves(interp: &mut Interpreter, exc: &Value, out: &mut Vec<Value>) {
    match interp.group_members(exc) {
        Some(members) => members.iter().for_each(|m| collect_leaves(interp, m, out)),
        None => out.push(exc.clone()),
    }
}

/// Whether `e` came out of `orig` by splitting (same traceback, cause and context).
fn same_metadata(e: &Value, orig: &Value) -> bool {
    let data = |v: &Value| match v {
        Value::Instance(i) => i.exc().map(|d| {
            let d = d.borrow();
            let frames: Vec<u64> = d.traceback.iter().map(|t| t.frame).collect();
            (frames, d.cause.as_ref().and_then(Value::heap_ptr), d.context.as_ref().and_then(Value::heap_ptr))
        }),
        _ => None,
    };
    let same_instance = matches!((e, orig), (Value::Instance(a), Value::Instance(b)) if Rc::ptr_eq(a, b));
    same_instance || (data(e).is_some() && data(e) == data(orig))
}

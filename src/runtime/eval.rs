//! Expression evaluation (plain recursion; expressions never suspend) and stores
//! into assignment targets.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::frame::Frame;
use crate::compile::ir::{CompKind, Comprehension, DictElt, Elt, Expr, FPart, Target, Var};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::{PyDict, PySet, Value};
use std::rc::Rc;

/// The int an operand holds when it is an int constant or a local holding an int:
/// read in place, so int arithmetic and comparisons neither clone nor drop values.
#[inline(always)]
pub(super) fn peek_int(f: &Frame, e: &Expr) -> Option<i64> {
    match e {
        Expr::Const(Value::Int(i)) => Some(*i),
        Expr::Load(Var::Local(slot), _) => match f.locals.get(*slot as usize) {
            Some(Value::Int(i)) => Some(*i),
            _ => None,
        },
        _ => None,
    }
}

/// `local.a.b` read through two plain instances (no descriptors or
/// `__getattribute__`) without cloning and dropping the middle one; `None` when
/// anything on the way is not that simple (the general path then reads it).
fn peek_attr_of_attr(f: &Frame, obj: &Expr, name: Symbol) -> Option<Value> {
    let Expr::Attr(inner, first) = obj else { return None };
    let Expr::Load(Var::Local(slot), _) = &**inner else { return None };
    let Some(Value::Instance(outer)) = f.locals.get(*slot as usize) else { return None };
    if outer.class.has_properties() {
        return None;
    }
    let attrs = outer.attrs.borrow();
    let Some(Value::Instance(middle)) = attrs.get(first) else { return None };
    if middle.class.has_properties() {
        return None;
    }
    middle.attrs.borrow().get(&name).cloned()
}

/// A one-operator comparison of two int operands, decided in place (`None` when
/// an operand is not an int or the operator is not an ordering/equality).
#[inline(always)]
pub(super) fn int_condition(f: &Frame, e: &Expr) -> Option<bool> {
    let Expr::Compare1(parts) = e else { return None };
    int_compare(parts.1, peek_int(f, &parts.0)?, peek_int(f, &parts.2)?)
}

/// An int comparison, `None` for `is`/`in` and friends.
#[inline(always)]
pub(super) fn int_compare(op: CmpOp, x: i64, y: i64) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => x < y,
        CmpOp::LtE => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::GtE => x >= y,
        CmpOp::Eq => x == y,
        CmpOp::NotEq => x != y,
        _ => return None,
    })
}

/// `seq[i]` for a list or tuple and an index in range (negative ones count from
/// the end), read in place; `None` sends every other case to the general path.
#[inline(always)]
fn seq_item(seq: &Value, i: i64) -> Option<Value> {
    let at = |len: usize| if i < 0 { i.checked_add(len as i64) } else { Some(i) }.and_then(|k| usize::try_from(k).ok());
    match seq {
        Value::List(l) => {
            let items = l.items.try_borrow().ok()?;
            items.get(at(items.len())?).cloned()
        }
        Value::Tuple(t) => t.get(at(t.len())?).cloned(),
        _ => None,
    }
}

impl Interpreter {
    /// Evaluates an operand, handling constants and bound locals without a recursive
    /// call (most operands are one or the other).
    #[inline(always)]
    fn operand(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Load(Var::Local(i), _) => match f.locals.get(*i as usize) {
                Some(Value::Unbound) | None => self.eval(f, e),
                Some(v) => Ok(v.clone()),
            },
            Expr::Call(call) => self.eval_call(f, call),
            Expr::CallMethod(parts) => self.eval_method_call(f, &parts.0, parts.1, &parts.2, &parts.3),
            _ => self.eval(f, e),
        }
    }

    /// [`Interpreter::operand`] for callers outside this module.
    #[inline(always)]
    pub fn eval_operand(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        self.operand(f, e)
    }

    /// Evaluates an expression.
    pub fn eval(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Load(Var::Local(i), name) => match f.locals.get(*i as usize) {
                Some(Value::Unbound) | None => self.load(f, Var::Local(*i), *name),
                Some(v) => Ok(v.clone()),
            },
            Expr::Load(Var::Global(i), name) => self.load_global(f, *i, *name),
            Expr::Load(var, name) => self.load(f, *var, *name),
            Expr::Binary(l, op, r) => {
                if let (Some(x), Some(y)) = (peek_int(f, l), peek_int(f, r))
                    && let Some(v) = super::ops::int_binop(*op, x, y)
                {
                    return Ok(Value::Int(v));
                }
                let a = self.operand(f, l)?;
                let b = self.operand(f, r)?;
                if let (Value::Int(x), Value::Int(y)) = (&a, &b)
                    && let Some(v) = super::ops::int_binop(*op, *x, *y)
                {
                    // Ints own nothing: skip the drop glue.
                    std::mem::forget((a, b));
                    return Ok(Value::Int(v));
                }
                let result = self.binary(*op, &a, &b);
                a.discard();
                b.discard();
                result
            }
            Expr::BinLocalConst(slot, op, c, name) => {
                if let (Some(Value::Int(x)), Value::Int(y)) = (f.locals.get(*slot as usize), c)
                    && let Some(v) = super::ops::int_binop(*op, *x, *y)
                {
                    return Ok(Value::Int(v));
                }
                self.bin_local_const_slow(f, *slot, *op, c, *name)
            }
            Expr::Compare1(parts) => {
                if let Some(r) = int_condition(f, e) {
                    return Ok(Value::Bool(r));
                }
                let a = self.operand(f, &parts.0)?;
                let b = self.operand(f, &parts.2)?;
                let r = self.compare(parts.1, &a, &b);
                a.discard();
                b.discard();
                r
            }
            Expr::Unary(op, operand) => {
                let v = self.eval(f, operand)?;
                self.unary(*op, &v)
            }
            Expr::BoolOp(is_and, values) => self.bool_op(f, *is_and, values),
            Expr::Compare(left, rest) => self.compare_chain(f, left, rest),
            Expr::IfExp(parts) => self.if_exp(f, parts),
            Expr::Call(call) => self.eval_call(f, call),
            Expr::CallMethod(parts) => self.eval_method_call(f, &parts.0, parts.1, &parts.2, &parts.3),
            Expr::Attr(obj, name) => {
                if let Expr::Load(Var::Local(slot), _) = &**obj
                    && let Some(Value::Instance(inst)) = f.locals.get(*slot as usize)
                    && !inst.class.has_properties()
                    && let Some(v) = inst.attrs.borrow().get(name)
                {
                    return Ok(v.clone());
                }
                if let Some(v) = peek_attr_of_attr(f, obj, *name) {
                    return Ok(v);
                }
                let obj = self.operand(f, obj)?;
                if let Value::Instance(inst) = obj {
                    if !inst.class.has_properties()
                        && let Some(v) = inst.attrs.borrow().get(name)
                    {
                        return Ok(v.clone());
                    }
                    return self.getattr(&Value::Instance(inst), *name);
                }
                let v = self.getattr(&obj, *name);
                obj.discard();
                v
            }
            Expr::Subscript(parts) => {
                let obj = self.operand(f, &parts.0)?;
                let index = self.operand(f, &parts.1)?;
                if let Value::Int(i) = index
                    && let Some(item) = seq_item(&obj, i)
                {
                    obj.discard();
                    return Ok(item);
                }
                let item = self.getitem(&obj, &index);
                obj.discard();
                index.discard();
                item
            }
            _ => self.eval_rare(f, e),
        }
    }

    /// `local op constant` when the fast path does not apply.
    #[inline(never)]
    fn bin_local_const_slow(
        &mut self,
        f: &mut Frame,
        slot: u32,
        op: BinOp,
        c: &Value,
        name: Symbol,
    ) -> PyResult<Value> {
        let a = self.load(f, Var::Local(slot), name)?;
        self.binary(op, &a, c)
    }

    /// Evaluates a condition straight to a bool (no `Value::Bool` round trip for
    /// int comparisons).
    #[inline(never)]
    pub fn eval_cond(&mut self, f: &mut Frame, e: &Expr) -> PyResult<bool> {
        if let Some(r) = int_condition(f, e) {
            return Ok(r);
        }
        if let Expr::Compare1(parts) = e {
            let a = self.operand(f, &parts.0)?;
            let b = self.operand(f, &parts.2)?;
            if let (Value::Int(x), Value::Int(y)) = (&a, &b)
                && let Some(r) = int_compare(parts.1, *x, *y)
            {
                std::mem::forget((a, b));
                return Ok(r);
            }
            let v = self.compare(parts.1, &a, &b);
            a.discard();
            b.discard();
            let v = v?;
            let r = self.truthy(&v);
            v.discard();
            return r;
        }
        match e {
            Expr::BoolOp(is_and, values) => {
                for v in values {
                    if self.eval_cond(f, v)? != *is_and {
                        return Ok(!*is_and);
                    }
                }
                Ok(*is_and)
            }
            Expr::Unary(UnaryOp::Not, inner) => Ok(!self.eval_cond(f, inner)?),
            Expr::Const(Value::Bool(b)) => Ok(*b),
            _ => {
                let v = self.eval(f, e)?;
                self.truthy(&v)
            }
        }
    }

    /// Expressions outside the hot path.
    #[inline(never)]
    fn eval_rare(&mut self, f: &mut Frame, e: &Expr) -> PyResult<Value> {
        match e {
            Expr::Slice(parts) => {
                let mut vals = [Value::None, Value::None, Value::None];
                for (slot, part) in vals.iter_mut().zip(parts.iter()) {
                    if let Some(p) = part {
                        *slot = self.eval(f, p)?;
                    }
                }
                let [start, stop, step] = vals;
                Ok(Value::Slice(Rc::new(crate::value::PySlice { start, stop, step })))
            }
            Expr::Tuple(elts) => Ok(Value::tuple(self.eval_elts(f, elts)?)),
            Expr::List(elts) => Ok(Value::list(self.eval_elts(f, elts)?)),
            Expr::Set(elts) => {
                let items = self.eval_elts(f, elts)?;
                let set = Rc::new(PySet::default());
                for item in items {
                    self.set_add(&set, item)?;
                }
                Ok(Value::Set(set))
            }
            Expr::Dict(items) => self.eval_dict(f, items),
            Expr::FString(parts) => {
                Ok(Value::Str(Rc::new(crate::value::PyStr::from_compact(self.eval_fstring(f, parts)?))))
            }
            Expr::MakeFunction(make) => self.make_function(f, make),
            Expr::MakeClass(make) => self.make_class(f, make),
            Expr::Comprehension(comp) => self.eval_comprehension(f, comp),
            Expr::Walrus(parts) => {
                let v = self.eval(f, &parts.1)?;
                self.assign(f, &parts.0, v.clone())?;
                Ok(v)
            }
            Expr::Iter(inner) => {
                let v = self.eval(f, inner)?;
                self.iter(v)
            }
            Expr::Anext(slot) => {
                let it = f.locals.get(*slot as usize).cloned().unwrap_or(Value::None);
                self.anext_awaitable(it)
            }
            Expr::ExitCall(slot, exceptional) => self.exit_call(f, *slot, *exceptional),
            Expr::Unsupported(what) => {
                Err(PyErr::new(ExcKind::NotImplementedError, format!("pyish does not support {what} yet")))
            }
            _ => Err(PyErr::new(ExcKind::SystemError, "unexpected expression")),
        }
    }

    /// Reads a variable.
    pub fn load(&mut self, f: &Frame, var: Var, name: Symbol) -> PyResult<Value> {
        match var {
            Var::Local(i) => match f.locals.get(i as usize) {
                Some(Value::Unbound) | None => Err(PyErr::new(
                    ExcKind::UnboundLocalError,
                    format!(
                        "cannot access local variable '{}' where it is not associated with a value",
                        self.name(name)
                    ),
                )),
                Some(v) => Ok(v.clone()),
            },
            Var::Cell(i) => {
                let v = f.cells.get(i as usize).map(|c| c.0.borrow().clone()).unwrap_or(Value::Unbound);
                if let Value::Unbound = v {
                    let n = self.name(name).to_owned();
                    return Err(self.unbound_cell_error(f, i, &n));
                }
                Ok(v)
            }
            Var::Global(i) => self.load_global(f, i, name),
            Var::Name(sym) => {
                if let Some(ns) = f.namespace()
                    && let Some(v) = ns.borrow().get(&sym)
                {
                    return Ok(v.clone());
                }
                let global = self.global_get(&f.globals, sym);
                match global {
                    Some(v) => Ok(v),
                    None => self.load_builtin(sym),
                }
            }
        }
    }

    fn unbound_cell_error(&self, f: &Frame, index: u32, name: &str) -> PyErr {
        if index < f.code.nfree {
            PyErr::new(
                ExcKind::NameError,
                format!(
                    "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                ),
            )
        } else {
            PyErr::new(
                ExcKind::UnboundLocalError,
                format!("cannot access local variable '{name}' where it is not associated with a value"),
            )
        }
    }

    /// The module global in slot `i`, else the builtin of that name (read inline:
    /// calls of functions and builtins load one each time).
    #[inline(always)]
    pub fn load_global(&mut self, f: &Frame, i: u32, name: Symbol) -> PyResult<Value> {
        let global = f.globals.globals.borrow().values.get(i as usize).cloned();
        match global {
            Some(Value::Unbound) | None => self.load_global_missing(f, name),
            Some(v) => Ok(v),
        }
    }

    /// A builtin by name, or `NameError`. The slot remembered for the name is read
    /// inline (`len(x)` and friends load a builtin on every call).
    #[inline(always)]
    pub fn load_builtin(&mut self, name: Symbol) -> PyResult<Value> {
        if let Some(&slot) = self.builtin_slots.get(name.0 as usize)
            && let Some(v) = self.builtins.globals.borrow().values.get(slot as usize)
            && !matches!(v, Value::Unbound)
        {
            return Ok(v.clone());
        }
        self.load_builtin_slow(name)
    }

    /// [`Interpreter::load_builtin`] the first time a name is looked up.
    #[inline(never)]
    fn load_builtin_slow(&mut self, name: Symbol) -> PyResult<Value> {
        let slot = self.builtins.globals.borrow().index.get(&name).copied();
        if let Some(slot) = slot {
            let at = name.0 as usize;
            if self.builtin_slots.len() <= at {
                self.builtin_slots.resize(at + 1, u32::MAX);
            }
            self.builtin_slots[at] = slot as u32;
        }
        if let Some(v) = self.builtins.globals.borrow().get(name) {
            return Ok(v);
        }
        Err(PyErr::new(ExcKind::NameError, format!("name '{}' is not defined", self.name(name))))
    }

    /// `body if test else orelse` (the test's truth is taken once, as a condition).
    #[inline(never)]
    fn if_exp(&mut self, f: &mut Frame, parts: &(Expr, Expr, Expr)) -> PyResult<Value> {
        if self.eval_cond(f, &parts.0)? { self.eval(f, &parts.1) } else { self.eval(f, &parts.2) }
    }

    #[inline(never)]
    fn bool_op(&mut self, f: &mut Frame, is_and: bool, values: &[Expr]) -> PyResult<Value> {
        let Some((last, first)) = values.split_last() else { return Ok(Value::None) };
        for v in first {
            let value = self.eval(f, v)?;
            if self.truthy(&value)? != is_and {
                return Ok(value);
            }
            value.discard();
        }
        self.eval(f, last)
    }

    #[inline(never)]
    fn compare_chain(&mut self, f: &mut Frame, left: &Expr, rest: &[(CmpOp, Expr)]) -> PyResult<Value> {
        let mut a = self.eval(f, left)?;
        let last = rest.len().saturating_sub(1);
        for (i, (op, e)) in rest.iter().enumerate() {
            let b = self.eval(f, e)?;
            let r = self.compare(*op, &a, &b)?;
            if i == last {
                return Ok(r);
            }
            if !self.truthy(&r)? {
                return Ok(r);
            }
            a = b;
        }
        Ok(Value::Bool(true))
    }

    /// Evaluates display elements, expanding `*iterable`.
    pub fn eval_elts(&mut self, f: &mut Frame, elts: &[Elt]) -> PyResult<Vec<Value>> {
        if let [Elt::Star(e)] = elts {
            // `f(*items)`: the items' own copy is the result (no second one).
            let v = self.eval(f, e)?;
            return self.collect(v);
        }
        let mut out = Vec::with_capacity(elts.len());
        for elt in elts {
            match elt {
                Elt::One(e) => out.push(self.eval(f, e)?),
                Elt::Star(e) => {
                    let v = self.eval(f, e)?;
                    out.extend(self.collect(v)?);
                }
            }
        }
        Ok(out)
    }

    fn eval_dict(&mut self, f: &mut Frame, items: &[DictElt]) -> PyResult<Value> {
        let dict = Rc::new(PyDict::default());
        for item in items {
            match item {
                DictElt::Pair(k, v) => {
                    let k = self.eval(f, k)?;
                    let v = self.eval(f, v)?;
                    self.dict_set(&dict, k, v)?;
                }
                DictElt::Unpack(m) => {
                    let m = self.eval(f, m)?;
                    self.dict_merge(&dict, &m)?;
                }
            }
        }
        Ok(Value::Dict(dict))
    }

    /// The text of an f-string, built in a `CompactString` (up to 24 bytes inline:
    /// most f-strings allocate nothing but their str object).
    fn eval_fstring(&mut self, f: &mut Frame, parts: &[FPart]) -> PyResult<compact_str::CompactString> {
        let mut out = compact_str::CompactString::default();
        for part in parts {
            match part {
                FPart::Text(t) => out.push_str(t),
                FPart::Field(value, None, None) => {
                    // `{name}`: strs and ints are written straight into the result.
                    match self.eval(f, value)? {
                        Value::Str(s) => out.push_str(s.as_str()),
                        Value::Int(i) => out.push_str(itoa::Buffer::new().format(i)),
                        v => out.push_str(&self.format(&v, "")?),
                    }
                }
                FPart::Field(value, conversion, spec) => {
                    let mut v = self.eval(f, value)?;
                    match conversion {
                        Some('r') => v = Value::string(self.repr(&v)?),
                        Some('s') => v = Value::string(self.to_str(&v)?),
                        Some('a') => v = Value::string(crate::runtime::repr::ascii(&self.repr(&v)?)),
                        _ => {}
                    }
                    let spec = match spec {
                        Some(s) => self.eval_fstring(f, s)?,
                        None => compact_str::CompactString::default(),
                    };
                    out.push_str(&self.format(&v, &spec)?);
                }
            }
        }
        Ok(out)
    }

    fn eval_comprehension(&mut self, f: &mut Frame, comp: &Comprehension) -> PyResult<Value> {
        let mut out = Vec::new();
        self.comp_clause(f, comp, 0, &mut out)?;
        match comp.kind {
            CompKind::List => Ok(Value::list(out)),
            CompKind::Set => {
                let set = Rc::new(PySet::default());
                for v in out {
                    self.set_add(&set, v)?;
                }
                Ok(Value::Set(set))
            }
            CompKind::Dict => {
                let dict = Rc::new(PyDict::default());
                let mut it = out.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    self.dict_set(&dict, k, v)?;
                }
                Ok(Value::Dict(dict))
            }
        }
    }

    /// Runs clause `depth` of a comprehension, pushing results (key and value for dicts).
    fn comp_clause(&mut self, f: &mut Frame, comp: &Comprehension, depth: usize, out: &mut Vec<Value>) -> PyResult<()> {
        let Some(clause) = comp.clauses.get(depth) else {
            out.push(self.eval(f, &comp.element)?);
            if let Some(v) = &comp.value {
                out.push(self.eval(f, v)?);
            }
            return Ok(());
        };
        let iterable = self.eval(f, &clause.iter)?;
        let it = self.iter(iterable)?;
        'items: while let Some(item) = self.next(&it)? {
            self.assign(f, &clause.target, item)?;
            for cond in &clause.ifs {
                if !self.eval_cond(f, cond)? {
                    continue 'items;
                }
            }
            self.comp_clause(f, comp, depth + 1, out)?;
        }
        Ok(())
    }

    /// Stores `value` into a target.
    pub fn assign(&mut self, f: &mut Frame, target: &Target, value: Value) -> PyResult<()> {
        match target {
            Target::Var(var, name) => {
                self.store(f, *var, *name, value);
                Ok(())
            }
            Target::Attr(obj, name) => {
                if let Expr::Load(Var::Local(slot), _) = obj
                    && let Some(Value::Instance(inst)) = f.locals.get(*slot as usize)
                    && inst.payload.is_none()
                    && inst.class.hooks.get() & crate::value::object::HOOK_SETATTR == 0
                    && !inst.class.has_properties()
                {
                    inst.set_attr(*name, value);
                    return Ok(());
                }
                let obj = self.eval(f, obj)?;
                self.setattr(&obj, *name, value)
            }
            Target::Subscript(obj, index) => {
                let obj = self.operand(f, obj)?;
                let index = self.operand(f, index)?;
                let done = match &obj {
                    Value::Dict(d) => self.dict_set(d, index, value),
                    _ => self.setitem(&obj, index, value),
                };
                obj.discard();
                done
            }
            Target::Unpack(targets, star) => self.unpack(f, targets, *star, value),
        }
    }

    /// Stores into a variable.
    pub fn store(&mut self, f: &mut Frame, var: Var, name: Symbol, value: Value) {
        match var {
            Var::Local(i) => super::exec::set_local(f, i, value),
            Var::Cell(i) => {
                if let Some(c) = f.cells.get(i as usize) {
                    *c.0.borrow_mut() = value;
                }
            }
            Var::Global(i) => {
                let mut g = f.globals.globals.borrow_mut();
                if g.dict.is_some() {
                    drop(g);
                    self.global_set(&f.globals, name, value);
                } else if let Some(slot) = g.values.get_mut(i as usize) {
                    *slot = value;
                }
            }
            Var::Name(sym) => match f.namespace() {
                Some(ns) => {
                    ns.borrow_mut().insert(sym, value);
                }
                None => self.global_set(&f.globals, sym, value),
            },
        }
    }

    fn unpack(&mut self, f: &mut Frame, targets: &[Target], star: Option<usize>, value: Value) -> PyResult<()> {
        let items = match &value {
            Value::Tuple(t) => t.as_ref().clone(),
            Value::List(l) => l.items.borrow().clone(),
            _ => match self.collect(value.clone()) {
                Ok(items) => items,
                Err(e)
                    if !matches!(value, Value::Instance(_) | Value::Iterator(_))
                        && crate::builtins::functions::is_kind(self, &e, ExcKind::TypeError) =>
                {
                    let t = self.type_name(&value);
                    return Err(PyErr::type_error(format!("cannot unpack non-iterable {t} object")));
                }
                Err(e) => return Err(e),
            },
        };
        let n = targets.len();
        match star {
            None => {
                if items.len() != n {
                    return Err(if items.len() > n {
                        PyErr::value_error(format!("too many values to unpack (expected {n})"))
                    } else {
                        PyErr::value_error(format!("not enough values to unpack (expected {n}, got {})", items.len()))
                    });
                }
                for (t, v) in targets.iter().zip(items) {
                    self.assign(f, t, v)?;
                }
            }
            Some(s) => {
                let after = n - s - 1;
                if items.len() < n - 1 {
                    return Err(PyErr::value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        n - 1,
                        items.len()
                    )));
                }
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(s);
                for (t, v) in targets[..s].iter().zip(items) {
                    self.assign(f, t, v)?;
                }
                self.assign(f, &targets[s], Value::list(middle))?;
                for (t, v) in targets[s + 1..].iter().zip(tail) {
                    self.assign(f, t, v)?;
                }
            }
        }
        Ok(())
    }

    /// `del target`.
    #[inline(never)]
    pub fn delete(&mut self, f: &mut Frame, target: &Target) -> PyResult<()> {
        match target {
            Target::Var(var, name) => {
                self.load(f, *var, *name)?;
                if let (Var::Name(sym), Some(ns)) = (var, f.namespace()) {
                    ns.borrow_mut().shift_remove(sym);
                    return Ok(());
                }
                self.store(f, *var, *name, Value::Unbound);
                Ok(())
            }
            Target::Attr(obj, name) => {
                let obj = self.eval(f, obj)?;
                self.delattr(&obj, *name)
            }
            Target::Subscript(obj, index) => {
                let obj = self.eval(f, obj)?;
                let index = self.eval(f, index)?;
                self.delitem(&obj, &index)
            }
            Target::Unpack(targets, _) => {
                for t in targets {
                    self.delete(f, t)?;
                }
                Ok(())
            }
        }
    }

    /// `op value` for `-`, `+`, `~`, `not`.
    pub fn unary(&mut self, op: UnaryOp, v: &Value) -> PyResult<Value> {
        match op {
            UnaryOp::Not => Ok(Value::Bool(!self.truthy(v)?)),
            _ => self.unary_number(op, v),
        }
    }
}

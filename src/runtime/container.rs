//! Containers: subscripts and slices, `in`, `len`, and the dict and set primitives
//! (lookups compare keys outside any borrow, since `__eq__` may run Python code).

use super::PyResult;
use super::compare::simple_eq;
use super::exception::{ExcKind, PyErr};
use crate::hashing::ProbeStep;
use crate::interpreter::Interpreter;
use crate::syntax::ast::BinOp;
use crate::value::{PyDict, PySet, PySlice, Value};
use num_traits::Signed;
use std::rc::Rc;

/// Resolved slice bounds for a sequence of length `len`: (start, stop, step, count),
/// by CPython's `PySlice_Unpack` and `PySlice_AdjustIndices`: out-of-range bounds
/// (big ints too) are clamped, and a step of -2**63 counts as -(2**63 - 1) so that
/// it can be negated.
pub fn slice_indices(slice: &PySlice, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let get = |v: &Value| -> PyResult<Option<i64>> {
        match v.as_builtin() {
            Value::None => Ok(None),
            Value::Int(i) => Ok(Some(*i)),
            Value::Bool(b) => Ok(Some(i64::from(*b))),
            Value::BigInt(b) => Ok(Some(if b.is_negative() { i64::MIN } else { i64::MAX })),
            _ => Err(PyErr::type_error("slice indices must be integers or None or have an __index__ method")),
        }
    };
    let step = get(&slice.step)?.unwrap_or(1).max(-i64::MAX);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let adjust = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(i) if i < 0 => match i + len {
            j if j < 0 => {
                if step < 0 {
                    -1
                } else {
                    0
                }
            }
            j => j,
        },
        Some(i) if i >= len => {
            if step < 0 {
                len - 1
            } else {
                len
            }
        }
        Some(i) => i,
    };
    let (start, stop) = if step > 0 {
        (adjust(get(&slice.start)?, 0), adjust(get(&slice.stop)?, len))
    } else {
        (adjust(get(&slice.start)?, len - 1), adjust(get(&slice.stop)?, -1))
    };
    let count = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) / -step + 1
    } else {
        0
    };
    Ok((start, stop, step, count as usize))
}

/// The position of the `k`th item of a slice resolved by [`slice_indices`] (in
/// range for `k < count`; computed wide so that no step overflows).
pub fn slice_pos(start: i64, step: i64, k: usize) -> usize {
    (i128::from(start) + k as i128 * i128::from(step)) as usize
}

/// `del l[s]` in one pass (a slice of n items goes in O(len), not O(n * len)); the
/// removed items are dropped after the list is released.
fn delete_slice(l: &crate::value::PyList, s: &PySlice) -> PyResult<()> {
    let len = l.items.borrow().len();
    let (start, _, step, count) = slice_indices(s, len)?;
    if count == 0 {
        return Ok(());
    }
    let (first, last) = (slice_pos(start, step, 0), slice_pos(start, step, count - 1));
    let (low, high) = (first.min(last), first.max(last));
    let stride = usize::try_from(step.unsigned_abs()).unwrap_or(usize::MAX);
    let mut items = l.items.borrow_mut();
    if high >= items.len() {
        return Ok(()); // not reached: the positions come from slice_indices
    }
    let removed: Vec<Value> = if stride == 1 {
        items.drain(low..=high).collect()
    } else {
        let old = std::mem::take(&mut *items);
        let mut removed = Vec::with_capacity(count);
        for (i, v) in old.into_iter().enumerate() {
            if i >= low && i <= high && (i - low) % stride == 0 {
                removed.push(v);
            } else {
                items.push(v);
            }
        }
        removed
    };
    drop(items);
    drop(removed);
    Ok(())
}

/// Whether `obj` is a builtin sequence whose subscripts accept `__index__` objects.
fn is_indexable_seq(obj: &Value) -> bool {
    matches!(obj, Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_))
}

/// The items selected by a slice.
fn slice_items<T: Clone>(items: &[T], slice: &PySlice) -> PyResult<Vec<T>> {
    let (start, _, step, count) = slice_indices(slice, items.len())?;
    if step == 1
        && let Some(run) = items.get(start as usize..start as usize + count)
    {
        return Ok(run.to_vec());
    }
    Ok((0..count).filter_map(|k| items.get(slice_pos(start, step, k)).cloned()).collect())
}

impl Interpreter {
    /// An integer index into a sequence of `len` items, or the right `IndexError`.
    fn seq_index(&self, index: &Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match index {
            Value::Int(i) => *i,
            Value::Bool(b) => i64::from(*b),
            Value::BigInt(_) => {
                return Err(PyErr::index_error("cannot fit 'int' into an index-sized integer".to_string()));
            }
            _ => {
                let t = self.type_name(index);
                return Err(PyErr::type_error(match what {
                    "string" => format!("string indices must be integers, not '{t}'"),
                    _ => format!("{what} indices must be integers or slices, not {t}"),
                }));
            }
        };
        let real = if i < 0 { i + len as i64 } else { i };
        if real < 0 || real >= len as i64 {
            return Err(PyErr::index_error(match what {
                "byte" => "index out of range".to_owned(),
                _ => format!("{what} index out of range"),
            }));
        }
        Ok(real as usize)
    }

    /// `obj[index]`.
    pub fn getitem(&mut self, obj: &Value, index: &Value) -> PyResult<Value> {
        if is_indexable_seq(obj)
            && let Some(i) = self.index_value(index)?
        {
            return self.getitem(obj, &i);
        }
        match (obj, index) {
            (Value::List(l), Value::Slice(s)) => Ok(Value::list(slice_items(&l.items.borrow(), s)?)),
            (Value::List(l), _) => {
                let items = l.items.borrow();
                let i = self.seq_index(index, items.len(), "list")?;
                Ok(items[i].clone())
            }
            (Value::Tuple(t), Value::Slice(s)) => Ok(Value::tuple(slice_items(t, s)?)),
            (Value::Tuple(t), _) => {
                let i = self.seq_index(index, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            (Value::Str(s), Value::Slice(sl)) => {
                let (start, _, step, count) = slice_indices(sl, s.char_len())?;
                if step == 1 {
                    return Ok(Value::str(s.slice_chars(start as usize, start as usize + count)));
                }
                let chars: Vec<char> = s.as_str().chars().collect();
                Ok(Value::string((0..count).filter_map(|k| chars.get(slice_pos(start, step, k))).collect()))
            }
            (Value::Str(s), _) => {
                let i = self.seq_index(index, s.char_len(), "string")?;
                Ok(s.char_at(i).map_or(Value::None, |c| self.char_str(c)))
            }
            (Value::Bytes(b), Value::Slice(s)) => Ok(Value::Bytes(Rc::new(slice_items(b, s)?))),
            (Value::Bytes(b), _) => {
                let i = self.seq_index(index, b.len(), "byte")?;
                Ok(Value::Int(i64::from(b[i])))
            }
            (Value::Range(r), Value::Int(i)) if r.big.is_none() => {
                let len = r.len().unwrap_or(0);
                let real = if *i < 0 { i + len } else { *i };
                if real < 0 || real >= len {
                    return Err(PyErr::index_error("range object index out of range"));
                }
                // In range, the value lies between the bounds, so it fits.
                Ok(r.nth_small(real).map_or(Value::None, Value::Int))
            }
            (Value::Range(r), _) => {
                let r = r.clone();
                self.range_getitem(&r, index)
            }
            (Value::Dict(d), _) => match self.dict_get(d, index)? {
                Some(v) => Ok(v),
                None => Err(PyErr::raised(self.new_exception(ExcKind::KeyError, vec![index.clone()]))),
            },
            (Value::Instance(inst), _) => {
                let sym = self.syms.getitem;
                if let Some(base) = self.base_for(inst, sym) {
                    return self.base_getitem(obj, inst, &base, index);
                }
                match inst.class.lookup(sym) {
                    Some(m) => self.call(m, vec![obj.clone(), index.clone()], &[]),
                    None => Err(PyErr::type_error(format!("'{}' object is not subscriptable", inst.class.name))),
                }
            }
            (Value::Class(c), _) => Ok(Value::Class(c.clone())),
            _ => Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.type_name(obj)))),
        }
    }

    /// `obj[index] = value`.
    pub fn setitem(&mut self, obj: &Value, index: Value, value: Value) -> PyResult<()> {
        if is_indexable_seq(obj)
            && let Some(i) = self.index_value(&index)?
        {
            return self.setitem(obj, i, value);
        }
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &index {
                    let new_items = self.collect(value)?;
                    return self.list_set_slice(l, s, new_items);
                }
                let len = l.items.borrow().len();
                let i = self.seq_index(&index, len, "list assignment")?;
                l.items.borrow_mut()[i] = value;
                Ok(())
            }
            Value::Dict(d) => self.dict_set(d, index, value),
            Value::Instance(inst) => {
                let sym = self.syms.setitem;
                if let Some(base) = self.base_for(inst, sym) {
                    return self.setitem(&base, index, value);
                }
                match inst.class.lookup(sym) {
                    Some(m) => self.call(m, vec![obj.clone(), index, value], &[]).map(|_| ()),
                    None => {
                        Err(PyErr::type_error(format!("'{}' object does not support item assignment", inst.class.name)))
                    }
                }
            }
            _ => Err(PyErr::type_error(format!("'{}' object does not support item assignment", self.type_name(obj)))),
        }
    }

    /// `list[slice] = items`.
    fn list_set_slice(&mut self, l: &crate::value::PyList, s: &PySlice, new_items: Vec<Value>) -> PyResult<()> {
        let len = l.items.borrow().len();
        let (start, stop, step, count) = slice_indices(s, len)?;
        let mut items = l.items.borrow_mut();
        if step == 1 {
            let stop = stop.max(start) as usize;
            items.splice(start as usize..stop, new_items);
            return Ok(());
        }
        if new_items.len() != count {
            return Err(PyErr::value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {count}",
                new_items.len()
            )));
        }
        for (k, v) in new_items.into_iter().enumerate() {
            if let Some(slot) = items.get_mut(slice_pos(start, step, k)) {
                *slot = v;
            }
        }
        Ok(())
    }

    /// `del obj[index]`.
    pub fn delitem(&mut self, obj: &Value, index: &Value) -> PyResult<()> {
        if is_indexable_seq(obj)
            && let Some(i) = self.index_value(index)?
        {
            return self.delitem(obj, &i);
        }
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = index {
                    return delete_slice(l, s);
                }
                let len = l.items.borrow().len();
                let i = self.seq_index(index, len, "list assignment")?;
                l.items.borrow_mut().remove(i);
                Ok(())
            }
            Value::Dict(d) => match self.dict_remove(d, index)? {
                Some(_) => Ok(()),
                None => Err(PyErr::raised(self.new_exception(ExcKind::KeyError, vec![index.clone()]))),
            },
            Value::Instance(inst) => {
                let sym = self.syms.delitem;
                if let Some(base) = self.base_for(inst, sym) {
                    return self.delitem(&base, index);
                }
                match inst.class.lookup(sym) {
                    Some(m) => self.call(m, vec![obj.clone(), index.clone()], &[]).map(|_| ()),
                    None => {
                        Err(PyErr::type_error(format!("'{}' object doesn't support item deletion", inst.class.name)))
                    }
                }
            }
            _ => Err(PyErr::type_error(format!("'{}' object doesn't support item deletion", self.type_name(obj)))),
        }
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item.as_builtin() {
                Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                _ => Err(PyErr::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    self.type_name(item)
                ))),
            },
            Value::List(l) => {
                let items = l.items.borrow().clone();
                self.any_equal(&items, item)
            }
            Value::Tuple(t) => {
                let t = t.clone();
                self.any_equal(&t, item)
            }
            Value::Dict(d) => Ok(self.dict_get(d, item)?.is_some()),
            Value::Set(s) | Value::FrozenSet(s) => self.set_contains(s, item),
            Value::DictView(v) => {
                let v = v.clone();
                self.view_contains(&v, item)
            }
            Value::Range(r) => match item {
                Value::Int(i) if r.big.is_none() => {
                    let i = *i;
                    let in_bounds = if r.step > 0 { i >= r.start && i < r.stop } else { i <= r.start && i > r.stop };
                    Ok(in_bounds && (i128::from(i) - i128::from(r.start)) % i128::from(r.step) == 0)
                }
                _ => {
                    let r = r.clone();
                    self.range_contains(&r, item)
                }
            },
            Value::Bytes(b) => match item {
                Value::Int(i) => Ok(b.iter().any(|&x| i64::from(x) == *i)),
                Value::Bytes(sub) => Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..])),
                _ => Err(PyErr::type_error(format!("a bytes-like object is required, not '{}'", self.type_name(item)))),
            },
            Value::Instance(inst) => {
                let sym = self.syms.contains;
                if let Some(base) = self.base_for(inst, sym) {
                    return self.contains(&base, item);
                }
                if let Some(m) = inst.class.lookup(sym) {
                    let r = self.call(m, vec![container.clone(), item.clone()], &[])?;
                    return self.truthy(&r);
                }
                let it = self.iter(container.clone())?;
                while let Some(v) = self.next(&it)? {
                    if self.eq(&v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                let it = self.iter(container.clone()).map_err(|_| {
                    PyErr::type_error(format!("argument of type '{}' is not iterable", self.type_name(container)))
                })?;
                while let Some(v) = self.next(&it)? {
                    if self.eq(&v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    fn any_equal(&mut self, items: &[Value], item: &Value) -> PyResult<bool> {
        for v in items {
            if v.is(item) || self.eq(v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.char_len(),
            Value::List(l) => l.items.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.table.borrow().len(),
            Value::Set(s) | Value::FrozenSet(s) => s.table.borrow().len(),
            Value::DictView(v) => v.dict.table.borrow().len(),
            Value::Bytes(b) => b.len(),
            Value::Range(r) => match r.len() {
                Some(n) => n as usize,
                None => return Err(PyErr::overflow("Python int too large to convert to C ssize_t")),
            },
            Value::Instance(inst) => return self.instance_len(v, inst),
            _ => return Err(PyErr::type_error(format!("object of type '{}' has no len()", self.type_name(v)))),
        })
    }

    /// `len(v)` of an instance: its `__len__`, or its builtin value's length.
    #[inline(never)]
    fn instance_len(&mut self, v: &Value, inst: &crate::value::Instance) -> PyResult<usize> {
        let sym = self.syms.len;
        if let Some(base) = self.base_for(inst, sym) {
            return self.len(&base);
        }
        let Some(m) = inst.class.lookup(sym) else {
            return Err(PyErr::type_error(format!("object of type '{}' has no len()", inst.class.name)));
        };
        match self.call(m, vec![v.clone()], &[])? {
            Value::Int(i) if i >= 0 => Ok(i as usize),
            Value::Int(_) => Err(PyErr::value_error("__len__() should return >= 0")),
            other => {
                let t = self.type_name(&other);
                Err(PyErr::type_error(format!("'{t}' object cannot be interpreted as an integer")))
            }
        }
    }

    /// The raw index of `key` in a dict, comparing with Python equality.
    pub fn dict_find(&mut self, d: &PyDict, key: &Value) -> PyResult<Option<usize>> {
        let hash = self.hash(key)?;
        self.dict_find_hashed(d, key, hash)
    }

    /// The hash of `key` and where it is in `d`: one probe, for callers that then
    /// read, replace or remove the entry, or push the key (with that hash) when absent.
    pub fn dict_probe(&mut self, d: &PyDict, key: &Value) -> PyResult<(i64, Option<usize>)> {
        let hash = self.hash(key)?;
        Ok((hash, self.dict_find_hashed(d, key, hash)?))
    }

    /// [`Self::dict_find`] for a key whose hash is known.
    fn dict_find_hashed(&mut self, d: &PyDict, key: &Value, hash: i64) -> PyResult<Option<usize>> {
        if matches!(key, Value::Instance(_)) {
            // The key itself, found without calling `__eq__` (as CPython's lookup
            // tests identity first); with no entry of that hash, it is absent.
            let table = d.table.borrow();
            if let Some(found) = table.find(hash, |k| k.is(key)) {
                return Ok(Some(found));
            }
            if table.find(hash, |_| true).is_none() {
                return Ok(None);
            }
        } else {
            let found = d.table.borrow().find(hash, |k| simple_eq(k, key) == Some(true));
            if found.is_some() {
                return Ok(found);
            }
            if !d.table.borrow().candidates(hash).iter().any(|(_, k)| matches!(k, Value::Instance(_))) {
                return Ok(None);
            }
        }
        let candidates = d.table.borrow().candidates(hash);
        for (index, k) in candidates {
            if k.is(key) || self.eq(&k, key)? {
                return Ok(Some(index));
            }
        }
        Ok(None)
    }

    /// `d.get(key)`.
    pub fn dict_get(&mut self, d: &PyDict, key: &Value) -> PyResult<Option<Value>> {
        let found = self.dict_find(d, key)?;
        Ok(found.and_then(|i| d.table.borrow().entry(i).map(|e| e.value.clone())))
    }

    /// `d[key] = value`.
    pub fn dict_set(&mut self, d: &PyDict, key: Value, value: Value) -> PyResult<()> {
        match self.dict_probe(d, &key)? {
            (_, Some(i)) => {
                d.table.borrow_mut().set_value(i, value);
                key.discard();
            }
            (hash, None) => d.table.borrow_mut().push(hash, key, value),
        }
        Ok(())
    }

    /// `d[key] op= y` done in place when `key` is a str or int present with an int
    /// value and the result fits 64 bits; `false` (nothing changed) otherwise. Keys
    /// of other types take the general path, whose `__hash__`/`__eq__` calls must
    /// happen exactly as often as CPython makes them.
    pub fn dict_int_in_place(&mut self, d: &PyDict, key: &Value, op: BinOp, y: i64) -> PyResult<bool> {
        if !matches!(key, Value::Str(_) | Value::Int(_)) {
            return Ok(false);
        }
        let (_, Some(i)) = self.dict_probe(d, key)? else { return Ok(false) };
        let mut table = d.table.borrow_mut();
        let Some(Value::Int(x)) = table.entry(i).map(|e| &e.value) else { return Ok(false) };
        match super::ops::int_binop(op, *x, y) {
            Some(r) => {
                table.set_value(i, Value::Int(r));
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Removes `key`, returning its value.
    pub fn dict_remove(&mut self, d: &PyDict, key: &Value) -> PyResult<Option<Value>> {
        let found = self.dict_find(d, key)?;
        Ok(found.and_then(|i| d.table.borrow_mut().remove(i)).map(|e| e.value))
    }

    /// `d.update(other)` for a dict or an iterable of pairs.
    pub fn dict_update(&mut self, d: &PyDict, other: Value) -> PyResult<()> {
        if let Some(entries) = self.mapping_items(&other)? {
            for (k, v) in entries {
                self.dict_set(d, k, v)?;
            }
            return Ok(());
        }
        let it = self.iter(other)?;
        let mut n = 0;
        while let Some(pair) = self.next(&it)? {
            let items = match self.collect(pair) {
                Ok(items) => items,
                Err(e) if crate::builtins::functions::is_kind(self, &e, ExcKind::TypeError) => {
                    let msg = format!("cannot convert dictionary update sequence element #{n} to a sequence");
                    return Err(PyErr::type_error(msg));
                }
                Err(e) => return Err(e),
            };
            if items.len() != 2 {
                return Err(PyErr::value_error(format!(
                    "dictionary update sequence element #{n} has length {}; 2 is required",
                    items.len()
                )));
            }
            n += 1;
            let mut items = items.into_iter();
            if let (Some(k), Some(v)) = (items.next(), items.next()) {
                self.dict_set(d, k, v)?;
            }
        }
        Ok(())
    }

    /// The items of a mapping: a dict, or (as CPython decides) any object with a
    /// `keys` method, read as `(k, obj[k])` for each key; `None` for other values.
    pub fn mapping_items(&mut self, v: &Value) -> PyResult<Option<Vec<(Value, Value)>>> {
        match v {
            Value::Dict(d) => Ok(Some(d.table.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect())),
            // A dict subclass is read as a dict unless it overrides `keys` (CPython
            // also ignores an overridden `__getitem__` here).
            Value::Instance(inst) if let Some(base @ Value::Dict(_)) = self.base_for(inst, self.syms.keys) => {
                self.mapping_items(&base)
            }
            Value::Instance(inst) if inst.class.lookup(self.intern("keys")).is_some() => {
                let keys_sym = self.intern("keys");
                let keys = self.getattr(v, keys_sym)?;
                let keys = self.call(keys, Vec::new(), &[])?;
                let keys = self.collect(keys)?;
                let mut items = Vec::with_capacity(keys.len());
                for k in keys {
                    let value = self.getitem(v, &k)?;
                    items.push((k, value));
                }
                Ok(Some(items))
            }
            _ => Ok(None),
        }
    }

    /// `{**m}`: merges a mapping into a dict display.
    pub fn dict_merge(&mut self, d: &PyDict, m: &Value) -> PyResult<()> {
        let Some(entries) = self.mapping_items(m)? else {
            return Err(PyErr::type_error(format!("'{}' object is not a mapping", self.type_name(m))));
        };
        for (k, v) in entries {
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    /// Finds `key` in a set: the slot, or `None`; compares outside the borrow.
    fn set_find(&mut self, s: &PySet, key: &Value, hash: i64) -> PyResult<Option<usize>> {
        let mut probe = s.table.borrow().probe(hash);
        loop {
            let step = s.table.borrow().step(&mut probe);
            match step {
                ProbeStep::Vacant => return Ok(None),
                ProbeStep::Candidate(slot) => {
                    let stored = s.table.borrow().key_at(slot).cloned();
                    if let Some(stored) = stored {
                        let equal = match simple_eq(&stored, key) {
                            Some(r) => r,
                            None => self.eq(&stored, key)?,
                        };
                        if equal {
                            return Ok(Some(slot));
                        }
                    }
                }
            }
        }
    }

    /// `key in set`.
    pub fn set_contains(&mut self, s: &PySet, key: &Value) -> PyResult<bool> {
        let hash = self.hash(key)?;
        Ok(self.set_find(s, key, hash)?.is_some())
    }

    /// `set.add(key)`.
    pub fn set_add(&mut self, s: &PySet, key: Value) -> PyResult<()> {
        let hash = self.hash(&key)?;
        if self.set_find(s, &key, hash)?.is_some() {
            return Ok(());
        }
        let mut table = s.table.borrow_mut();
        let _ = table.insert(hash, key, |a, b| Ok::<bool, ()>(simple_eq(a, b).unwrap_or_else(|| a.is(b))));
        Ok(())
    }

    /// `set.discard(key)`: whether it was present.
    pub fn set_discard(&mut self, s: &PySet, key: &Value) -> PyResult<bool> {
        let hash = self.hash(key)?;
        match self.set_find(s, key, hash)? {
            Some(slot) => Ok(s.table.borrow_mut().remove_at(slot).is_some()),
            None => Ok(false),
        }
    }

    /// A new set (or frozenset, like `a`) holding the items of `iterable`.
    pub fn set_from(&mut self, items: impl IntoIterator<Item = Value>) -> PyResult<Rc<PySet>> {
        let set = Rc::new(PySet::default());
        for item in items {
            self.set_add(&set, item)?;
        }
        Ok(set)
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` for sets, in CPython's insertion orders.
    pub fn set_operator(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        let (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) = (a, b) else {
            return Err(PyErr::type_error("unsupported set operands"));
        };
        let xs: Vec<Value> = x.table.borrow().iter().cloned().collect();
        let ys: Vec<Value> = y.table.borrow().iter().cloned().collect();
        let result = match op {
            BinOp::BitOr => self.set_from(xs.into_iter().chain(ys))?,
            BinOp::BitAnd => {
                let (small, big) = if xs.len() <= ys.len() { (xs, y) } else { (ys, x) };
                let mut keep = Vec::new();
                for v in small {
                    if self.set_contains(big, &v)? {
                        keep.push(v);
                    }
                }
                self.set_from(keep)?
            }
            BinOp::Sub => {
                let mut keep = Vec::new();
                for v in xs {
                    if !self.set_contains(y, &v)? {
                        keep.push(v);
                    }
                }
                self.set_from(keep)?
            }
            _ => {
                let result = self.set_from(xs.iter().cloned())?;
                for v in ys {
                    if !self.set_discard(&result, &v)? {
                        self.set_add(&result, v)?;
                    }
                }
                result
            }
        };
        Ok(if matches!(a, Value::FrozenSet(_)) { Value::FrozenSet(result) } else { Value::Set(result) })
    }

    /// Subset/superset comparisons.
    pub fn set_order(&mut self, op: crate::syntax::ast::CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        use crate::syntax::ast::CmpOp;
        let (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) = (a, b) else {
            return Ok(false);
        };
        let (lx, ly) = (x.table.borrow().len(), y.table.borrow().len());
        let subset = |me: &mut Interpreter, p: &PySet, q: &PySet| -> PyResult<bool> {
            let items: Vec<Value> = p.table.borrow().iter().cloned().collect();
            for v in items {
                if !me.set_contains(q, &v)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        Ok(match op {
            CmpOp::LtE => subset(self, x, y)?,
            CmpOp::Lt => lx < ly && subset(self, x, y)?,
            CmpOp::GtE => subset(self, y, x)?,
            _ => lx > ly && subset(self, y, x)?,
        })
    }
}

//! `globals()`: a module's variables as a live dict. Compiled code keeps globals in
//! slots; the first `globals()` of a module moves its variables into a dict, which
//! from then on holds them (every slot stays unbound), so a write through the dict
//! is what the code reads and the code's writes show in the dict. Modules that never
//! call `globals()` keep the slot fast paths.

use super::frame::Frame;
use super::{ExcKind, PyErr, PyResult};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::value::{DictTable, Module, PyDict, Value};
use std::rc::Rc;

/// The dict hash of a name (str hashes use the fixed key, see `Interpreter::hash`).
fn name_hash(text: &str) -> i64 {
    crate::hashing::hash::hash_str(text, (0, 0))
}

/// The entry of `text` in a globals dict. Keys are compared as str only: a key of
/// another type never equals a variable name without running user `__eq__`, which
/// CPython's lookup of a name would run and pyish does not.
fn find_name(table: &DictTable, text: &str) -> Option<usize> {
    table.find(name_hash(text), |k| matches!(k, Value::Str(s) if s.as_str() == text))
}

impl Interpreter {
    /// The dict of `m`'s variables, moving them there on the first call.
    pub fn module_dict(&mut self, m: &Module) -> Rc<PyDict> {
        if let Some(d) = &m.globals.borrow().dict {
            return d.clone();
        }
        let mut g = m.globals.borrow_mut();
        let mut table = DictTable::default();
        for i in 0..g.values.len() {
            let value = std::mem::replace(&mut g.values[i], Value::Unbound);
            if matches!(value, Value::Unbound) {
                continue;
            }
            let text = self.interner.name(g.names[i]);
            table.push(name_hash(text), Value::str(text), value);
        }
        let dict = Rc::new(PyDict::new(table));
        g.dict = Some(dict.clone());
        m.has_dict.set(true);
        dict
    }

    /// The value of global `name` in `m`, if bound (through its dict once it has one).
    pub fn global_get(&self, m: &Module, name: Symbol) -> Option<Value> {
        let g = m.globals.borrow();
        match &g.dict {
            None => g.get(name),
            Some(d) => {
                let table = d.table.borrow();
                find_name(&table, self.name(name)).and_then(|i| table.entry(i)).map(|e| e.value.clone())
            }
        }
    }

    /// Binds global `name` in `m` (`Unbound` unbinds it), through its dict once it has one.
    pub fn global_set(&self, m: &Module, name: Symbol, value: Value) {
        let mut g = m.globals.borrow_mut();
        let Some(d) = g.dict.clone() else {
            g.set(name, value);
            return;
        };
        drop(g);
        let text = self.name(name);
        let mut table = d.table.borrow_mut();
        let found = find_name(&table, text);
        match (found, value) {
            (Some(i), Value::Unbound) => drop(table.remove(i)),
            (None, Value::Unbound) => {}
            (Some(i), value) => table.set_value(i, value),
            (None, value) => table.push(name_hash(text), Value::str(text), value),
        }
    }

    /// A global read that missed its slot: the module's dict if it has one, else
    /// the builtins.
    #[inline(always)]
    pub(super) fn load_global_missing(&mut self, f: &Frame, name: Symbol) -> PyResult<Value> {
        if f.globals.has_dict.get() {
            return self.load_global_dict(f, name);
        }
        self.load_builtin(name)
    }

    #[inline(never)]
    fn load_global_dict(&mut self, f: &Frame, name: Symbol) -> PyResult<Value> {
        match self.global_get(&f.globals, name) {
            Some(v) => Ok(v),
            None => self.load_builtin(name),
        }
    }

    /// Natives that read their caller's frame, called with no arguments from Python
    /// code (`globals()`).
    pub(super) fn call_frame_native(&mut self, name: &str, f: &Frame) -> Option<PyResult<Value>> {
        match name {
            "globals" => Some(Ok(Value::Dict(self.module_dict(&f.globals)))),
            "locals" | "vars" => Some(Ok(self.frame_locals(f))),
            "dir" => {
                let locals = self.frame_locals(f);
                Some(self.sorted_keys(&locals))
            }
            _ => None,
        }
    }

    /// `locals()`: the module's dict at module level, else a new dict of the bound
    /// variables (a class body's namespace; a function's locals, then its own cells,
    /// then free variables, as CPython lists them). Hidden temporaries (named with a
    /// leading `.`) are left out.
    fn frame_locals(&mut self, f: &Frame) -> Value {
        if let Some(ns) = f.namespace() {
            let pairs: Vec<(Symbol, Value)> = ns.borrow().iter().map(|(k, v)| (*k, v.clone())).collect();
            return self.names_dict(pairs);
        }
        if f.code.kind == crate::compile::CodeKind::Module {
            return Value::Dict(self.module_dict(&f.globals));
        }
        let mut pairs: Vec<(Symbol, Value)> =
            f.code.local_names.iter().zip(&f.locals).map(|(k, v)| (*k, v.clone())).collect();
        let cells = f.code.cell_names.iter().zip(f.cells.iter()).map(|(k, c)| (*k, c.0.borrow().clone()));
        let (free, own): (Vec<_>, Vec<_>) = cells.enumerate().partition(|(i, _)| *i < f.code.nfree as usize);
        pairs.extend(own.into_iter().chain(free).map(|(_, pair)| pair));
        self.names_dict(pairs)
    }

    /// A dict of the bound, visible names of `pairs`.
    fn names_dict(&mut self, pairs: Vec<(Symbol, Value)>) -> Value {
        let mut table = DictTable::default();
        for (name, value) in pairs {
            let text = self.name(name);
            if matches!(value, Value::Unbound) || text.starts_with('.') || find_name(&table, text).is_some() {
                continue;
            }
            table.push(name_hash(text), Value::str(text), value);
        }
        Value::Dict(Rc::new(PyDict::new(table)))
    }

    /// `globals()` reached without a caller's frame (through `map`, say): the main
    /// module's dict.
    pub fn main_globals(&mut self) -> PyResult<Value> {
        match self.modules.get("__main__").cloned() {
            Some(Value::Module(m)) => Ok(Value::Dict(self.module_dict(&m))),
            _ => Err(PyErr::new(ExcKind::SystemError, "globals(): no current module")),
        }
    }
}

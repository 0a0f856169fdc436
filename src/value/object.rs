//! Heap objects with identity: classes, instances, functions, methods, modules, cells.

use super::Value;
use crate::compile::Code;
use crate::intern::{AttrMap, Symbol};
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::ExcData;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Which builtin type a class is, or derives from (decides instance layout and
/// the builtin behaviour inherited by subclasses).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ClassKind {
    /// `object` and plain user classes.
    Object,
    /// `type`.
    Type,
    /// `BaseException` and its subclasses: instances carry exception data.
    Exception,
    /// Any other builtin type (int, str, list, ...), named by its class.
    Builtin,
}

/// A class. Builtin types are classes too, so `type(x)`, `isinstance` and `mro()`
/// work the same for all values.
pub struct Class {
    /// `__name__`.
    pub name: String,
    /// `__qualname__`.
    pub qualname: String,
    /// `__module__`.
    pub module: String,
    /// Direct bases.
    pub bases: Vec<Rc<Class>>,
    /// The MRO after the class itself (C3 linearisation).
    pub mro_tail: Vec<Rc<Class>>,
    /// Class attributes (methods, class variables).
    pub dict: RefCell<AttrMap<Value>>,
    /// Layout/behaviour inherited from builtin bases.
    pub kind: ClassKind,
}

impl Class {
    /// The MRO: the class itself, then its ancestors.
    pub fn mro(self: &Rc<Class>) -> impl Iterator<Item = &Rc<Class>> {
        std::iter::once(self).chain(self.mro_tail.iter())
    }

    /// Looks `name` up along the MRO.
    pub fn lookup(self: &Rc<Class>, name: Symbol) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get(&name) {
            return Some(v.clone());
        }
        self.mro_tail.iter().find_map(|c| c.dict.borrow().get(&name).cloned())
    }

    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, other) || self.mro_tail.iter().any(|c| Rc::ptr_eq(c, other))
    }
}

/// An instance of a user class.
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// Instance attributes (`__dict__`).
    pub attrs: RefCell<AttrMap<Value>>,
    /// Exception data when the class derives from `BaseException`.
    pub exc: Option<RefCell<ExcData>>,
}

/// A variable captured by a closure.
#[derive(Default)]
pub struct Cell(pub RefCell<Value>);

impl Cell {
    /// A cell holding `value`.
    pub fn new(value: Value) -> Rc<Cell> {
        Rc::new(Cell(RefCell::new(value)))
    }
}

/// A function defined in Python.
pub struct Function {
    /// The compiled body and signature.
    pub code: Rc<Code>,
    /// The module whose globals it reads.
    pub globals: Rc<Module>,
    /// Defaults of the positional parameters, right-aligned.
    pub defaults: Vec<Value>,
    /// Defaults of the keyword-only parameters (`Unbound` = required).
    pub kwdefaults: Vec<Value>,
    /// Captured cells, in the order of `code.freevars`.
    pub closure: Vec<Rc<Cell>>,
    /// `__name__`, `__qualname__`, `__doc__` and other attributes.
    pub attrs: RefCell<AttrMap<Value>>,
}

/// The signature of functions implemented in Rust: positional and keyword arguments.
pub type NativeFn = dyn Fn(&mut Interpreter, &[Value], &[(Symbol, Value)]) -> PyResult<Value>;

/// A function implemented in Rust (builtins, module functions, embedder functions).
pub struct NativeFunction {
    /// `__name__`.
    pub name: String,
    /// The implementation.
    pub func: Rc<NativeFn>,
}

/// A method bound to its receiver.
pub struct BoundMethod {
    /// `__self__`.
    pub receiver: Value,
    /// `__func__`.
    pub func: Value,
}

/// A module: a name and its global variables (slots indexed by compiled code).
pub struct Module {
    /// `__name__`.
    pub name: String,
    /// The global variables.
    pub globals: RefCell<Globals>,
}

/// Global variable storage: slots for compiled code, names for by-name access.
#[derive(Default)]
pub struct Globals {
    /// Values by slot (`Unbound` when not assigned).
    pub values: Vec<Value>,
    /// Name of each slot.
    pub names: Vec<Symbol>,
    /// Slot of each name.
    pub index: HashMap<Symbol, usize>,
}

impl Globals {
    /// The slot of `name`, creating an unbound one on first use.
    pub fn slot(&mut self, name: Symbol) -> usize {
        if let Some(&i) = self.index.get(&name) {
            return i;
        }
        let i = self.values.len();
        self.values.push(Value::Unbound);
        self.names.push(name);
        self.index.insert(name, i);
        i
    }

    /// The value of `name`, if bound.
    pub fn get(&self, name: Symbol) -> Option<Value> {
        let v = self.values.get(*self.index.get(&name)?)?;
        (!matches!(v, Value::Unbound)).then(|| v.clone())
    }

    /// Binds `name`.
    pub fn set(&mut self, name: Symbol, value: Value) {
        let i = self.slot(name);
        self.values[i] = value;
    }
}

impl Module {
    /// An empty module named `name`.
    pub fn new(name: &str) -> Rc<Module> {
        Rc::new(Module { name: name.to_owned(), globals: RefCell::new(Globals::default()) })
    }
}

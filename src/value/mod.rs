//! Python values: a 16-byte enum with inline `None`/`bool`/`int`/`float` and
//! reference-counted heap objects for everything else.

mod dict;
pub mod object;
mod range;
mod string;

pub use dict::{DictTable, PyDict};
pub use object::{
    AttrCache, BoundMethod, Cell, Class, ClassKind, Function, Instance, Module, NativeFn, NativeFunction, OwnedArgsFn,
    Payload,
};
pub use range::{BigRange, PyRange};
pub use string::PyStr;

use num_bigint::BigInt;
use std::cell::RefCell;
use std::rc::Rc;

/// A Python value. Cloning is cheap (a copy or a reference-count increment).
///
/// The tag is a whole word (`repr(u64)`), so every payload, `Bool` included, sits
/// in the second word: a value is copied as two plain words. With a one-byte tag,
/// `Bool` lived in byte 1 and each copy moved bytes 0, 1–7 and 8–15 separately,
/// and a later 16-byte load of such a copy could not be forwarded from those
/// stores (objects: 3.4 % fewer instructions, and fewer stalls).
#[derive(Default)]
#[repr(u64)]
pub enum Value {
    /// Internal marker for an unassigned variable slot; never visible to Python code.
    Unbound,
    /// `None`.
    #[default]
    None,
    /// `NotImplemented`.
    NotImplemented,
    /// `...`.
    Ellipsis,
    /// `True`/`False`.
    Bool(bool),
    /// An int that fits in 64 bits (the fast path).
    Int(i64),
    /// A float.
    Float(f64),
    /// An int that does not fit in 64 bits (always normalised: never fits `i64`).
    BigInt(Rc<BigInt>),
    /// A str.
    Str(Rc<PyStr>),
    /// A bytes object.
    Bytes(Rc<Vec<u8>>),
    /// A list.
    List(Rc<PyList>),
    /// A tuple.
    Tuple(Rc<Vec<Value>>),
    /// A dict.
    Dict(Rc<PyDict>),
    /// A set.
    Set(Rc<PySet>),
    /// A frozenset.
    FrozenSet(Rc<PySet>),
    /// A range.
    Range(Rc<PyRange>),
    /// A slice object.
    Slice(Rc<PySlice>),
    /// A function defined in Python.
    Function(Rc<Function>),
    /// A function implemented in Rust.
    Native(Rc<NativeFunction>),
    /// A method bound to its receiver.
    Method(Rc<BoundMethod>),
    /// A class (builtin types are classes too).
    Class(Rc<Class>),
    /// An instance of a user class (exceptions included).
    Instance(Rc<Instance>),
    /// A module.
    Module(Rc<Module>),
    /// A dict view (`dict_keys`, `dict_values` or `dict_items`), live over its dict.
    DictView(Rc<DictView>),
    /// A builtin iterator.
    Iterator(Rc<RefCell<crate::runtime::iter::PyIter>>),
    /// `staticmethod`, `classmethod` and `property` wrappers.
    Descriptor(Rc<Descriptor>),
    /// A coroutine or async generator (owns its suspended frame).
    Coroutine(Rc<crate::runtime::coroutine::Coroutine>),
}

/// A list: a vector behind a `RefCell`.
#[derive(Default)]
pub struct PyList {
    /// The items.
    pub items: RefCell<Vec<Value>>,
}

impl PyList {
    /// A new list holding `items`.
    pub fn new(items: Vec<Value>) -> PyList {
        PyList { items: RefCell::new(items) }
    }
}

/// A set or frozenset, stored like CPython's so that iteration order matches.
#[derive(Default)]
pub struct PySet {
    /// The members.
    pub table: RefCell<crate::hashing::SetTable<Value>>,
}

/// A view of a dict's keys, values or items.
pub struct DictView {
    /// The dict viewed.
    pub dict: Rc<PyDict>,
    /// Which part of the entries the view shows.
    pub part: crate::runtime::iter::DictPart,
}

/// A `slice` object.
pub struct PySlice {
    /// `start`.
    pub start: Value,
    /// `stop`.
    pub stop: Value,
    /// `step`.
    pub step: Value,
}

/// `staticmethod`, `classmethod` or `property`.
#[expect(missing_docs, reason = "property fields are fget/fset/fdel/doc")]
pub enum Descriptor {
    /// `@staticmethod`.
    Static(Value),
    /// `@classmethod`.
    ClassMethod(Value),
    /// `@property` with optional setter and deleter.
    Property { get: Value, set: Value, del: Value, doc: Value },
}

impl Clone for Value {
    /// A copy of the value's 16 bytes, after raising the reference count when it is
    /// a heap object. Every heap variant is an `Rc`, so raising the count is the same
    /// machine code for all of them: the compiler folds the arms into one, and a
    /// clone is a range check and an increment instead of the derived jump table
    /// (one indirect branch per clone, shared by every call site).
    #[inline(always)]
    fn clone(&self) -> Value {
        if self.is_heap() {
            self.retain();
        }
        // SAFETY: an inline variant owns nothing, so a bitwise copy is a clone; a heap
        // variant's `Rc` count was raised above, so the copy owns its own reference.
        unsafe { std::ptr::read(self) }
    }
}

impl Value {
    /// Raises the reference count of a heap value (leaking one reference, which the
    /// bitwise copy made by `clone` then owns).
    #[inline(always)]
    fn retain(&self) {
        use std::mem::forget;
        match self {
            Value::BigInt(r) => forget(r.clone()),
            Value::Str(r) => forget(r.clone()),
            Value::Bytes(r) => forget(r.clone()),
            Value::List(r) => forget(r.clone()),
            Value::Tuple(r) => forget(r.clone()),
            Value::Dict(r) => forget(r.clone()),
            Value::Set(r) | Value::FrozenSet(r) => forget(r.clone()),
            Value::Range(r) => forget(r.clone()),
            Value::Slice(r) => forget(r.clone()),
            Value::Function(r) => forget(r.clone()),
            Value::Native(r) => forget(r.clone()),
            Value::Method(r) => forget(r.clone()),
            Value::Class(r) => forget(r.clone()),
            Value::Instance(r) => forget(r.clone()),
            Value::Module(r) => forget(r.clone()),
            Value::DictView(r) => forget(r.clone()),
            Value::Iterator(r) => forget(r.clone()),
            Value::Descriptor(r) => forget(r.clone()),
            Value::Coroutine(r) => forget(r.clone()),
            Value::Unbound
            | Value::None
            | Value::NotImplemented
            | Value::Ellipsis
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_) => {}
        }
    }

    /// The builtin value inside an instance of a subclass of a builtin type
    /// (`class D(dict)`), which the base type's operations act on.
    #[inline]
    pub fn builtin_base(&self) -> Option<&Value> {
        match self {
            Value::Instance(i) => i.base(),
            _ => None,
        }
    }

    /// The value itself, or for an instance of a builtin subclass its builtin value
    /// (where a builtin accepts such instances as arguments: `'-'.join([MyStr()])`).
    #[inline]
    pub fn as_builtin(&self) -> &Value {
        self.builtin_base().unwrap_or(self)
    }

    /// A str value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }

    /// A str value from an owned string.
    pub fn string(s: String) -> Value {
        Value::Str(Rc::new(PyStr::from_string(s)))
    }

    /// A tuple value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    /// A list value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(PyList::new(items)))
    }

    /// An int from a big integer, normalised to the `i64` fast path when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        match i64::try_from(&b) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Rc::new(b)),
        }
    }

    /// Whether the value holds a reference to a heap object (the variants before
    /// `BigInt` are stored inline, so dropping them does nothing).
    #[inline(always)]
    pub fn is_heap(&self) -> bool {
        !matches!(
            self,
            Value::Unbound
                | Value::None
                | Value::NotImplemented
                | Value::Ellipsis
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
        )
    }

    /// Drops a value, with the common inline case decided here rather than in the
    /// out-of-line drop glue.
    /// A str, the commonest heap value, is released by a tag test and its own `Rc`
    /// drop: the shared drop glue jumps through a table on the tag, an indirect
    /// branch that mispredicts when the values dropped vary in type.
    #[inline(always)]
    pub fn discard(self) {
        if let Value::Str(s) = self {
            drop(s);
        } else if self.is_heap() {
            drop(self);
        } else {
            std::mem::forget(self);
        }
    }

    /// `id(v)`: the address of a heap object; for a value stored inline (ints,
    /// floats, bools, `None`), a number mixed from its bits, odd so that it never
    /// equals an address. Two values have the same id exactly when they are the same
    /// object by `is` (which compares inline values by value).
    pub fn identity(&self) -> i64 {
        if let Some(p) = self.heap_ptr() {
            return p as i64;
        }
        let (tag, bits): (u64, u64) = match self {
            Value::Unbound => (0, 0),
            Value::None => (1, 0),
            Value::NotImplemented => (2, 0),
            Value::Ellipsis => (3, 0),
            Value::Bool(b) => (4, u64::from(*b)),
            Value::Int(i) => (5, *i as u64),
            Value::Float(f) => (6, f.to_bits()),
            _ => (7, 0),
        };
        // splitmix64's finaliser: distinct inputs spread over the whole range.
        let mut z = bits ^ tag.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z >> 1) | 1) as i64
    }

    /// Whether two values are the same object (Python's `is`).
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (NotImplemented, NotImplemented) | (Ellipsis, Ellipsis) | (Unbound, Unbound) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.heap_ptr(), other.heap_ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The address of the heap object, if any (identity and `id()`).
    pub fn heap_ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            BigInt(r) => Rc::as_ptr(r) as *const () as usize,
            Str(r) => Rc::as_ptr(r) as *const () as usize,
            Bytes(r) => Rc::as_ptr(r) as *const () as usize,
            List(r) => Rc::as_ptr(r) as *const () as usize,
            Tuple(r) => Rc::as_ptr(r) as *const () as usize,
            Dict(r) => Rc::as_ptr(r) as *const () as usize,
            Set(r) | FrozenSet(r) => Rc::as_ptr(r) as *const () as usize,
            Range(r) => Rc::as_ptr(r) as *const () as usize,
            Slice(r) => Rc::as_ptr(r) as *const () as usize,
            Function(r) => Rc::as_ptr(r) as *const () as usize,
            Native(r) => Rc::as_ptr(r) as *const () as usize,
            Method(r) => Rc::as_ptr(r) as *const () as usize,
            Class(r) => Rc::as_ptr(r) as *const () as usize,
            Instance(r) => Rc::as_ptr(r) as *const () as usize,
            Module(r) => Rc::as_ptr(r) as *const () as usize,
            Iterator(r) => Rc::as_ptr(r) as *const () as usize,
            DictView(r) => Rc::as_ptr(r) as *const () as usize,
            Descriptor(r) => Rc::as_ptr(r) as *const () as usize,
            Coroutine(r) => Rc::as_ptr(r) as *const () as usize,
            _ => return Option::None,
        })
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Unbound => write!(f, "<unbound>"),
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(b) => write!(f, "{b}"),
            Value::Float(x) => write!(f, "{}", crate::format::float_repr(*x)),
            Value::Str(s) => write!(f, "{:?}", s.as_str()),
            _ => write!(f, "<object>"),
        }
    }
}

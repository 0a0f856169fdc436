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
    /// The attributes of the whole MRO merged (nearest class wins), built on first
    /// lookup and dropped when this class or an ancestor changes.
    pub flat: RefCell<Option<Rc<Flat>>>,
    /// Direct subclasses, so a change can invalidate their caches.
    pub subclasses: RefCell<Vec<std::rc::Weak<Class>>>,
    /// Cached `has_properties`: 0 unknown, 1 no, 2 yes (reset with `flat`).
    pub props: std::cell::Cell<u8>,
    /// Attribute hooks defined in Python along the MRO (`HOOK_*` bits), set when the
    /// class is built or a hook is assigned: they decide which slow paths apply
    /// without a dictionary lookup per access.
    pub hooks: std::cell::Cell<u8>,
    /// The most attributes an instance has had: new instances reserve that many, so
    /// they carry no growth slack (a task with 17 attributes would otherwise hold
    /// room for 32).
    pub attr_hint: std::cell::Cell<u16>,
    /// Whether instances hash by identity (no `__hash__` along the MRO, no `__eq__`
    /// of its own): 0 unknown, 1 yes, 2 no. Reset with `flat`; dict keys such as the
    /// running loop are hashed on every task step.
    pub identity_hash: std::cell::Cell<u8>,
}

impl Class {
    /// A class with empty caches.
    pub fn new(
        name: String,
        qualname: String,
        module: String,
        bases: Vec<Rc<Class>>,
        mro_tail: Vec<Rc<Class>>,
        dict: AttrMap<Value>,
        kind: ClassKind,
    ) -> Rc<Class> {
        let class = Rc::new(Class {
            name,
            qualname,
            module,
            bases,
            mro_tail,
            dict: RefCell::new(dict),
            kind,
            flat: RefCell::new(None),
            subclasses: RefCell::new(Vec::new()),
            props: std::cell::Cell::new(0),
            hooks: std::cell::Cell::new(0),
            attr_hint: std::cell::Cell::new(0),
            identity_hash: std::cell::Cell::new(0),
        });
        for base in &class.bases {
            base.subclasses.borrow_mut().push(Rc::downgrade(&class));
        }
        class
    }

    /// Sets a class attribute, invalidating the lookup caches below this class.
    pub fn set_attr(&self, name: Symbol, value: Value) {
        self.dict.borrow_mut().insert(name, value);
        self.invalidate();
    }

    /// Removes a class attribute; whether it was there.
    pub fn remove_attr(&self, name: Symbol) -> bool {
        let removed = self.dict.borrow_mut().shift_remove(&name).is_some();
        self.invalidate();
        removed
    }

    /// Drops the merged-attribute caches of this class and its subclasses.
    pub fn invalidate(&self) {
        *self.flat.borrow_mut() = None;
        self.props.set(0);
        self.identity_hash.set(0);
        if self.subclasses.borrow().is_empty() {
            return;
        }
        let subs: Vec<Rc<Class>> = self.subclasses.borrow().iter().filter_map(std::rc::Weak::upgrade).collect();
        for sub in subs {
            sub.invalidate();
        }
    }

    /// The merged attributes of the MRO.
    fn flat(self: &Rc<Class>) -> Rc<Flat> {
        if let Some(flat) = self.flat.borrow().as_ref() {
            return flat.clone();
        }
        let mut attrs = AttrMap::default();
        for class in self.mro_tail.iter().rev().chain(std::iter::once(self)) {
            for (k, v) in class.dict.borrow().iter() {
                attrs.insert(*k, v.clone());
            }
        }
        attrs.index_from(8);
        let getattribute = self.hooks.get() & HOOK_GETATTRIBUTE != 0;
        let has_properties = getattribute
            || attrs.values().any(|v| match v {
                Value::Descriptor(d) => matches!(**d, super::Descriptor::Property { .. }),
                Value::Instance(i) => i.class.hooks.get() & HOOK_DESCRIPTOR != 0,
                _ => false,
            });
        let flat = Rc::new(Flat {
            attrs,
            has_properties,
            getattribute,
            constructor: Default::default(),
            native_has: std::cell::OnceCell::new(),
        });
        *self.flat.borrow_mut() = Some(flat.clone());
        flat
    }

    /// Whether instance attribute access must consult the class first: the MRO
    /// defines a `property` or another descriptor, or `__getattribute__`.
    #[inline(always)]
    pub fn has_properties(self: &Rc<Class>) -> bool {
        match self.props.get() {
            1 => false,
            2 => true,
            _ => self.compute_has_properties(),
        }
    }

    #[inline(never)]
    fn compute_has_properties(self: &Rc<Class>) -> bool {
        let has = self.flat().has_properties;
        self.props.set(if has { 2 } else { 1 });
        has
    }
    /// The MRO: the class itself, then its ancestors.
    pub fn mro(self: &Rc<Class>) -> impl Iterator<Item = &Rc<Class>> {
        std::iter::once(self).chain(self.mro_tail.iter())
    }

    /// Looks `name` up along the MRO.
    pub fn lookup(self: &Rc<Class>, name: Symbol) -> Option<Value> {
        if let Some(flat) = self.flat.borrow().as_ref() {
            return flat.attrs.get(&name).cloned();
        }
        self.flat().attrs.get(&name).cloned()
    }

    /// [`Class::lookup`] through a call site's cache.
    #[inline]
    pub fn lookup_cached(self: &Rc<Class>, name: Symbol, cache: &AttrCache) -> Option<Value> {
        if let Some(flat) = self.flat.borrow().as_ref() {
            for (table, value) in cache.0.borrow().iter().flatten() {
                if Rc::ptr_eq(table, flat) {
                    return Some(value.clone());
                }
            }
        }
        self.lookup_and_remember(name, cache)
    }

    /// Classes with `__getattribute__` report nothing to call-site caches, so that
    /// every method call of their instances goes through the hook.
    #[inline(never)]
    fn lookup_and_remember(self: &Rc<Class>, name: Symbol, cache: &AttrCache) -> Option<Value> {
        let flat = self.flat();
        if flat.getattribute {
            return None;
        }
        let value = flat.attrs.get(&name).cloned()?;
        let mut entries = cache.0.borrow_mut();
        entries.swap(0, 1);
        entries[0] = Some((flat, value.clone()));
        Some(value)
    }

    /// The class's `__new__` and `__init__` (remembered until the class changes).
    pub fn constructor(self: &Rc<Class>, new: Symbol, init: Symbol) -> (Option<Value>, Option<Value>) {
        let ctor = |flat: &Flat| {
            let c = self.ctor_of(flat, new, init);
            (c.new.clone(), c.init.clone())
        };
        if let Some(flat) = self.flat.borrow().as_ref() {
            return ctor(flat);
        }
        ctor(&self.flat())
    }

    /// The `__init__` of a class whose instances are made by `object.__new__` and
    /// initialised by a plain Python function (the constructor fast path), if it is one.
    #[inline]
    pub fn plain_init(self: &Rc<Class>, new: Symbol, init: Symbol) -> Option<Rc<Function>> {
        if let Some(flat) = self.flat.borrow().as_ref() {
            return self.ctor_of(flat, new, init).plain_init.clone();
        }
        self.ctor_of(&self.flat(), new, init).plain_init.clone()
    }

    fn ctor_of<'f>(&self, flat: &'f Flat, new: Symbol, init: Symbol) -> &'f Constructor {
        flat.constructor.get_or_init(|| {
            let (new, init) = (flat.attrs.get(&new).cloned(), flat.attrs.get(&init).cloned());
            let plain_init = match (&new, &init) {
                (Some(Value::Native(n)), Some(Value::Function(f)))
                    if n.name == "object.__new__"
                        && self.kind == ClassKind::Object
                        && f.code.kind == crate::compile::CodeKind::Function =>
                {
                    Some(f.clone())
                }
                _ => None,
            };
            Constructor { new, init, plain_init }
        })
    }

    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, other) || self.mro_tail.iter().any(|c| Rc::ptr_eq(c, other))
    }
}

/// `Class::hooks` bit: the MRO defines `__getattribute__`.
pub const HOOK_GETATTRIBUTE: u8 = 1;
/// `Class::hooks` bit: instances are descriptors (`__get__`).
pub const HOOK_GET: u8 = 2;
/// `Class::hooks` bit: instances are data descriptors (`__set__` or `__delete__`).
pub const HOOK_SET: u8 = 4;
/// `Class::hooks` bit: the MRO defines `__setattr__` or `__delattr__` (attribute
/// stores and deletions then look for the hook).
pub const HOOK_SETATTR: u8 = 8;
/// Any descriptor bit.
pub const HOOK_DESCRIPTOR: u8 = HOOK_GET | HOOK_SET;

/// A call site's memory of the attributes it found on classes (two entries, so a
/// site that sees a class and its subclass alternately still hits). An entry holds
/// the merged table it was read from: it is valid while that table is still the
/// class's own, since any change to the class or an ancestor replaces the table.
#[derive(Default)]
pub struct AttrCache(RefCell<[CacheEntry; 2]>);

/// A merged table and the attribute found in it.
type CacheEntry = Option<(Rc<Flat>, Value)>;

impl std::fmt::Debug for AttrCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AttrCache")
    }
}

/// The merged attributes of a class's MRO.
pub struct Flat {
    /// Name → attribute, nearest class first.
    pub attrs: AttrMap<Value>,
    /// Whether any attribute is a descriptor, or the MRO defines `__getattribute__`.
    pub has_properties: bool,
    /// Whether the MRO defines `__getattribute__` in Python.
    pub getattribute: bool,
    /// `__new__` and `__init__`, looked up on the first instantiation.
    pub constructor: std::cell::OnceCell<Constructor>,
    /// Answers to "is this name still the native method it was installed as?",
    /// asked by the asyncio accelerators many times a task step: direct-mapped by
    /// symbol (see `event_loop::accel::class_has`), made on the first question.
    pub native_has: std::cell::OnceCell<Box<[std::cell::Cell<u64>; 32]>>,
}

/// What instantiating a class calls.
pub struct Constructor {
    /// `__new__`.
    pub new: Option<Value>,
    /// `__init__`.
    pub init: Option<Value>,
    /// `__init__` when `__new__` is `object.__new__` and `__init__` a plain function.
    pub plain_init: Option<Rc<Function>>,
}

/// The most attribute slots a new instance reserves ahead: one instance used as a
/// bag of thousands of attributes must not make every later instance that large.
const MAX_ATTR_HINT: usize = 32;

impl Instance {
    /// A new instance with room for as many attributes as its class's instances had.
    pub fn new(class: Rc<Class>) -> Instance {
        let attrs = AttrMap::with_capacity(class.attr_hint.get() as usize);
        Instance { class, attrs: RefCell::new(attrs), payload: None }
    }

    /// An instance of a subclass of a builtin type, holding its builtin value.
    pub fn with_base(class: Rc<Class>, base: Value) -> Instance {
        let attrs = AttrMap::with_capacity(class.attr_hint.get() as usize);
        Instance { class, attrs: RefCell::new(attrs), payload: Some(Box::new(Payload::Base(base))) }
    }

    /// The exception data, when the class derives from `BaseException`.
    #[inline]
    pub fn exc(&self) -> Option<&RefCell<ExcData>> {
        match self.payload.as_deref() {
            Some(Payload::Exc(data)) => Some(data),
            _ => None,
        }
    }

    /// The builtin value, when the class derives from a builtin type such as `dict`.
    #[inline]
    pub fn base(&self) -> Option<&Value> {
        match self.payload.as_deref() {
            Some(Payload::Base(v)) => Some(v),
            _ => None,
        }
    }

    /// Sets an attribute in the instance's own namespace (teaching the class how
    /// many attributes its instances take).
    #[inline]
    pub fn set_attr(&self, name: Symbol, value: Value) {
        let mut attrs = self.attrs.borrow_mut();
        if let Some(old) = attrs.insert(name, value) {
            old.discard();
        }
        let n = attrs.len();
        if n > self.class.attr_hint.get() as usize && n <= MAX_ATTR_HINT {
            self.class.attr_hint.set(n as u16);
        }
    }
}

/// An instance of a user class.
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// Instance attributes (`__dict__`).
    pub attrs: RefCell<AttrMap<Value>>,
    /// Exception data or a builtin base value (boxed: most instances have neither,
    /// and an instance is allocated for every pending task and future).
    pub payload: Option<Box<Payload>>,
}

/// What an instance carries besides its attributes.
pub enum Payload {
    /// The exception data of a `BaseException` instance.
    Exc(RefCell<ExcData>),
    /// The value of the builtin base (`class D(dict)`: a `Value::Dict`), which the
    /// base type's operations and methods act on.
    Base(Value),
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

/// A native function's variant that takes its positional arguments' vector over.
pub type OwnedArgsFn = fn(&mut Interpreter, Vec<Value>, &[(Symbol, Value)]) -> PyResult<Value>;

/// A function implemented in Rust (builtins, module functions, embedder functions).
#[derive(Clone)]
pub struct NativeFunction {
    /// `__name__`.
    pub name: String,
    /// Fewest positional arguments accepted (1 for methods: the receiver), checked
    /// before the call so implementations can index the receiver safely.
    pub min_args: usize,
    /// The implementation.
    pub func: Rc<NativeFn>,
    /// Reads its caller's frame when called with no arguments (`globals()`): the
    /// call site hands the frame over instead of calling `func`.
    pub reads_frame: bool,
    /// The same function taking the argument vector over, used when a call has
    /// built one anyway (`gather(*tasks)` keeps it as its list of children instead
    /// of copying it, one list entry a task less at its peak).
    pub owned_args: Option<OwnedArgsFn>,
    /// Takes no keyword arguments (`len(obj=x)` is a `TypeError`, as in CPython).
    pub positional_only: bool,
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
    /// Whether `globals.dict` is set: read on every builtin lookup (a global slot
    /// that missed), so kept outside the `RefCell`.
    pub has_dict: std::cell::Cell<bool>,
}

/// Global variable storage: slots for compiled code, names for by-name access.
#[derive(Default)]
pub struct Globals {
    /// Values by slot (`Unbound` when not assigned).
    pub values: Vec<Value>,
    /// Name of each slot.
    pub names: Vec<Symbol>,
    /// Slot of each name.
    pub index: HashMap<Symbol, usize, crate::intern::SymbolBuild>,
    /// The dict `globals()` returned, which holds the variables from then on (every
    /// slot stays unbound; `Interpreter::global_get`/`global_set` read and write it,
    /// [`Globals::get`]/[`Globals::set`] see only the slots).
    pub dict: Option<Rc<super::PyDict>>,
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
        Rc::new(Module {
            name: name.to_owned(),
            globals: RefCell::new(Globals::default()),
            has_dict: Default::default(),
        })
    }
}

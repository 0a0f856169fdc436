//! Attribute access: instance attributes, class lookup along the MRO, properties,
//! `__getattr__`, and the special attributes of builtin objects.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::iter::PyIter;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::value::{Class, ClassKind, Descriptor, Value};
use std::rc::Rc;

impl Interpreter {
    /// The class of a `str`, `bytes`, `list`, `tuple`, `dict` or `set`, borrowed:
    /// method calls on them look the method up without a reference-count round trip.
    #[inline(always)]
    pub fn container_class(&self, v: &Value) -> Option<&Rc<Class>> {
        let t = &self.types;
        Some(match v {
            Value::Str(_) => &t.str,
            Value::Bytes(_) => &t.bytes,
            Value::List(_) => &t.list,
            Value::Tuple(_) => &t.tuple,
            Value::Dict(_) => &t.dict,
            Value::Set(_) => &t.set,
            _ => return None,
        })
    }

    /// The class of any value.
    pub fn class_of(&self, v: &Value) -> Rc<Class> {
        let t = &self.types;
        match v {
            Value::Instance(i) => i.class.clone(),
            Value::Class(_) => t.type_.clone(),
            Value::None | Value::Unbound => t.none.clone(),
            Value::Bool(_) => t.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str.clone(),
            Value::Bytes(_) => t.bytes.clone(),
            Value::List(_) => t.list.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(_) => t.set.clone(),
            Value::FrozenSet(_) => t.frozenset.clone(),
            Value::Range(_) => t.range.clone(),
            Value::Slice(_) => t.slice.clone(),
            Value::Function(_) => t.function.clone(),
            Value::Native(_) => t.builtin_function.clone(),
            Value::Method(_) => t.method.clone(),
            Value::Module(_) => t.module.clone(),
            Value::Iterator(it) => t.iterator_class(&it.borrow()),
            Value::DictView(v) => t.dict_view(v.part),
            Value::Descriptor(d) => match &**d {
                Descriptor::Static(_) => t.staticmethod.clone(),
                Descriptor::ClassMethod(_) => t.classmethod.clone(),
                Descriptor::Property { .. } => t.property.clone(),
            },
            Value::NotImplemented => t.notimplemented.clone(),
            Value::Ellipsis => t.ellipsis.clone(),
            Value::Coroutine(c) => match c.kind() {
                crate::runtime::coroutine::CoroKind::Coroutine => t.coroutine.clone(),
                crate::runtime::coroutine::CoroKind::AsyncGenerator => t.async_generator.clone(),
            },
        }
    }

    /// `type(v).__name__`.
    pub fn type_name(&self, v: &Value) -> String {
        self.class_of(v).name.clone()
    }

    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: &Value, name: Symbol) -> PyResult<Value> {
        match obj {
            Value::Instance(inst) if Rc::ptr_eq(&inst.class, &self.types.super_) => self.super_getattr(inst, name),
            Value::Instance(inst) => {
                if !inst.class.has_properties() {
                    if let Some(v) = inst.attrs.borrow().get(&name) {
                        return Ok(v.clone());
                    }
                } else if inst.class.hooks.get() & crate::value::object::HOOK_GETATTRIBUTE != 0 {
                    return self.getattribute_hook(obj, inst, name);
                }
                self.instance_getattr(obj, inst, name)
            }
            Value::Class(c) => self.class_getattr(c, name),
            Value::Module(m) => {
                if let Some(v) = self.global_get(m, name) {
                    return Ok(v);
                }
                Err(PyErr::attribute_error(format!("module '{}' has no attribute '{}'", m.name, self.name(name))))
            }
            Value::Function(f) => {
                if let Some(v) = f.attrs.borrow().get(&name) {
                    return Ok(v.clone());
                }
                self.builtin_getattr(obj, name)
            }
            Value::Method(m) => match self.name(name) {
                "__self__" => Ok(m.receiver.clone()),
                "__func__" => Ok(m.func.clone()),
                _ => {
                    let func = m.func.clone();
                    self.getattr(&func, name)
                }
            },
            _ => self.builtin_getattr(obj, name),
        }
    }

    /// An instance attribute read without `__getattribute__` (`object.__getattribute__`):
    /// data descriptors and properties, the instance's attributes, other class
    /// attributes, then `__getattr__`.
    #[inline(always)]
    pub fn instance_getattr(&mut self, obj: &Value, inst: &crate::value::Instance, name: Symbol) -> PyResult<Value> {
        let class_attr = inst.class.lookup(name);
        if let Some(attr @ Value::Instance(_)) = &class_attr
            && let Some(got) = self.descriptor_get(obj, inst, attr, name)
        {
            return got;
        }
        if let Some(Value::Descriptor(d)) = &class_attr
            && let Descriptor::Property { get, .. } = &**d
        {
            // A getter raising AttributeError falls back to `__getattr__`.
            let got = self.call(get.clone(), vec![obj.clone()], &[]);
            return match (got, inst.class.lookup(self.syms.getattr)) {
                (Err(e), Some(hook)) if crate::builtins::functions::is_kind(self, &e, ExcKind::AttributeError) => {
                    let key = Value::str(self.name(name));
                    self.call(hook, vec![obj.clone(), key], &[])
                }
                (got, _) => got,
            };
        }
        if let Some(v) = inst.attrs.borrow().get(&name) {
            return Ok(v.clone());
        }
        if let Some(attr) = class_attr {
            return Ok(self.bind_method(attr, obj.clone()));
        }
        if let Some(v) = self.special_instance_attr(obj, name)? {
            return Ok(v);
        }
        let getattr = self.syms.getattr;
        if let Some(hook) = inst.class.lookup(getattr) {
            let key = Value::str(self.name(name));
            return self.call(hook, vec![obj.clone(), key], &[]);
        }
        Err(self.no_attribute(obj, name))
    }

    /// `super(C, obj).name`: the MRO of obj's class after `C`, bound to obj.
    fn super_getattr(&mut self, proxy: &crate::value::Instance, name: Symbol) -> PyResult<Value> {
        let (this, self_sym) = (self.intern("__thisclass__"), self.intern("__self__"));
        let attrs = proxy.attrs.borrow();
        let (Some(Value::Class(this)), Some(obj)) = (attrs.get(&this).cloned(), attrs.get(&self_sym).cloned()) else {
            return Err(PyErr::attribute_error("super object is not initialised"));
        };
        drop(attrs);
        let start = match &obj {
            Value::Class(c) => c.clone(),
            other => self.class_of(other),
        };
        let mut after = false;
        for class in start.mro() {
            if after && let Some(attr) = class.dict.borrow().get(&name).cloned() {
                return match (&obj, &attr) {
                    (Value::Class(_), Value::Function(_)) => Ok(attr),
                    _ if name == self.syms.new => Ok(attr),
                    (Value::Instance(_), Value::Descriptor(d)) if let Descriptor::Property { get, .. } = &**d => {
                        self.call(get.clone(), vec![obj.clone()], &[])
                    }
                    _ => Ok(self.bind_method(attr, obj.clone())),
                };
            }
            if Rc::ptr_eq(class, &this) {
                after = true;
            }
        }
        if let Some(method) = object_method(self.name(name)) {
            return Ok(self.bind_method(method, obj));
        }
        Err(PyErr::attribute_error(format!("'super' object has no attribute '{}'", self.name(name))))
    }

    /// Attribute lookup on a value of a builtin type: methods from its class.
    fn builtin_getattr(&mut self, obj: &Value, name: Symbol) -> PyResult<Value> {
        let class = self.class_of(obj);
        if let Some(attr) = class.lookup(name) {
            if let Value::Descriptor(d) = &attr
                && let Descriptor::Property { get, .. } = &**d
            {
                return self.call(get.clone(), vec![obj.clone()], &[]);
            }
            return Ok(self.bind_method(attr, obj.clone()));
        }
        if let Some(v) = self.special_instance_attr(obj, name)? {
            return Ok(v);
        }
        Err(self.no_attribute(obj, name))
    }

    /// `__class__`, `__dict__` and the exception attributes.
    fn special_instance_attr(&mut self, obj: &Value, name: Symbol) -> PyResult<Option<Value>> {
        if name == self.syms.class {
            return Ok(Some(Value::Class(self.class_of(obj))));
        }
        if let Value::Instance(inst) = obj {
            if name == self.syms.dict {
                let dict = std::rc::Rc::new(crate::value::PyDict::default());
                let pairs: Vec<(Symbol, Value)> = inst.attrs.borrow().iter().map(|(k, v)| (*k, v.clone())).collect();
                for (k, v) in pairs {
                    let key = Value::str(self.name(k));
                    self.dict_set(&dict, key, v)?;
                }
                return Ok(Some(Value::Dict(dict)));
            }
            if let Some(exc) = inst.exc() {
                let d = exc.borrow();
                return Ok(match self.name(name) {
                    "args" => Some(Value::tuple(d.args.clone())),
                    "__cause__" => Some(d.cause.clone().unwrap_or(Value::None)),
                    "__context__" => Some(d.context.clone().unwrap_or(Value::None)),
                    "__suppress_context__" => Some(Value::Bool(d.suppress_context)),
                    "__traceback__" if d.traceback.is_empty() => Some(Value::None),
                    "__traceback__" => {
                        let class = self.types.traceback.clone();
                        Some(self.bare_instance(&class, &[]))
                    }
                    "value" if inst.class.is_subclass(&self.types.exception(ExcKind::StopIteration)) => {
                        Some(d.args.first().cloned().unwrap_or(Value::None))
                    }
                    "code" if inst.class.is_subclass(&self.types.exception(ExcKind::SystemExit)) => {
                        Some(match d.args.as_slice() {
                            [] => Value::None,
                            [one] => one.clone(),
                            many => Value::tuple(many.to_vec()),
                        })
                    }
                    "errno" | "strerror" if inst.class.is_subclass(&self.types.exception(ExcKind::OSError)) => {
                        let index = usize::from(self.name(name) == "strerror");
                        Some(if d.args.len() >= 2 { d.args[index].clone() } else { Value::None })
                    }
                    _ => None,
                });
            }
        }
        if let Value::Iterator(it) = obj
            && let PyIter::Generator(g) = &*it.borrow()
            && self.name(name) == "gi_running"
        {
            return Ok(Some(Value::Bool(g.running)));
        }
        if let Value::Coroutine(c) = obj {
            return Ok(crate::builtins::coroutines::attribute(self, c, name));
        }
        if let (Value::Native(n), "__qualname__") = (obj, self.name(name)) {
            return Ok(Some(Value::str(&n.name)));
        }
        if let (Value::Native(n), "__name__") = (obj, self.name(name)) {
            return Ok(Some(Value::str(n.name.rsplit('.').next().unwrap_or(&n.name))));
        }
        if let (Value::Function(f), "__code__") = (obj, self.name(name)) {
            return Ok(Some(self.code_object(&f.code)));
        }
        if let (Value::Function(f), "__defaults__") = (obj, self.name(name)) {
            return Ok(Some(if f.defaults.is_empty() { Value::None } else { Value::tuple(f.defaults.clone()) }));
        }
        Ok(None)
    }

    /// A `code` object describing compiled code (`co_name`, `co_qualname`,
    /// `co_filename`, `co_firstlineno`, `co_argcount`, `co_varnames`).
    fn code_object(&mut self, code: &Rc<crate::compile::Code>) -> Value {
        let line = self.sources.get(&code.filename).map_or(0, |s| s.line_of(code.def_span.start));
        let class = self.types.code.clone();
        let obj = self.bare_instance(&class, &[]);
        let names: Vec<Value> = code.local_names.iter().map(|s| Value::str(self.name(*s))).collect();
        let fields = [
            ("co_name", Value::str(self.name(code.name))),
            ("co_qualname", Value::str(&code.qualname)),
            ("co_filename", Value::str(&code.filename)),
            ("co_firstlineno", Value::Int(line as i64)),
            ("co_argcount", Value::Int(code.sig.positional.len() as i64)),
            ("co_varnames", Value::tuple(names)),
        ];
        if let Value::Instance(inst) = &obj {
            for (k, v) in fields {
                let k = self.intern(k);
                inst.attrs.borrow_mut().insert(k, v);
            }
        }
        obj
    }

    /// Attribute lookup on a class object.
    fn class_getattr(&mut self, class: &Rc<Class>, name: Symbol) -> PyResult<Value> {
        if let Some(attr) = class.lookup(name) {
            if let Value::Instance(_) = &attr
                && let Some(got) = self.descriptor_get_class(class, &attr)
            {
                return got;
            }
            return Ok(match &attr {
                Value::Descriptor(d) => match &**d {
                    Descriptor::Static(f) => f.clone(),
                    Descriptor::ClassMethod(_) => self.bind_method(attr.clone(), Value::Class(class.clone())),
                    Descriptor::Property { .. } => attr.clone(),
                },
                _ => attr,
            });
        }
        let s = self.name(name).to_owned();
        Ok(match s.as_str() {
            "__name__" => Value::str(&class.name),
            "__qualname__" => Value::str(&class.qualname),
            "__module__" => Value::str(&class.module),
            "__doc__" => Value::None,
            "__bases__" => Value::tuple(class.bases.iter().cloned().map(Value::Class).collect()),
            "__mro__" => Value::tuple(class.mro().cloned().map(Value::Class).collect()),
            "__class__" => Value::Class(self.types.type_.clone()),
            // What every class inherits from `object` (and exceptions from
            // `BaseException`): `Base.__init__(self)` works when `Base` defines none.
            name if let Some(method) = object_method(name) => method,
            "__dict__" => crate::builtins::mappingproxy::new(self, class),
            _ => {
                *self.last_missing_attr.borrow_mut() = Some((Value::Class(class.clone()), name));
                return Err(PyErr::attribute_error(format!("type object '{}' has no attribute '{s}'", class.name)));
            }
        })
    }

    /// `AttributeError: 'C' object has no attribute 'x'`.
    pub fn no_attribute(&self, obj: &Value, name: Symbol) -> PyErr {
        *self.last_missing_attr.borrow_mut() = Some((obj.clone(), name));
        PyErr::attribute_error(format!("'{}' object has no attribute '{}'", self.type_name(obj), self.name(name)))
    }

    /// Looks up a method for a call: the function and the receiver to prepend, or a
    /// ready callable and `None`.
    pub fn load_method(&mut self, obj: &Value, name: Symbol) -> PyResult<(Value, Option<Value>)> {
        match obj {
            Value::Instance(inst) if Rc::ptr_eq(&inst.class, &self.types.super_) => {
                Ok((self.getattr(obj, name)?, None))
            }
            Value::Instance(inst) => {
                if !inst.attrs.borrow().contains_key(&name)
                    && inst.class.hooks.get() & crate::value::object::HOOK_GETATTRIBUTE == 0
                    && let Some(attr @ (Value::Function(_) | Value::Native(_))) = inst.class.lookup(name)
                {
                    return Ok((attr, Some(obj.clone())));
                }
                Ok((self.getattr(obj, name)?, None))
            }
            Value::Class(_) | Value::Module(_) | Value::Function(_) | Value::Method(_) => {
                Ok((self.getattr(obj, name)?, None))
            }
            _ => {
                let class = self.class_of(obj);
                match class.lookup(name) {
                    Some(attr @ Value::Native(_)) => Ok((attr, Some(obj.clone()))),
                    _ => Ok((self.getattr(obj, name)?, None)),
                }
            }
        }
    }

    /// `setattr(obj, name, value)`.
    pub fn setattr(&mut self, obj: &Value, name: Symbol, value: Value) -> PyResult<()> {
        if let Value::Instance(inst) = obj
            && inst.class.hooks.get() & crate::value::object::HOOK_SETATTR != 0
            && let Some(hook @ Value::Function(_)) = inst.class.lookup(self.intern("__setattr__"))
        {
            let key = Value::str(self.name(name));
            self.call(hook, vec![obj.clone(), key, value], &[])?;
            return Ok(());
        }
        self.setattr_plain(obj, name, value)
    }

    /// `object.__setattr__`: stores without consulting a `__setattr__` hook.
    pub fn setattr_plain(&mut self, obj: &Value, name: Symbol, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                let class_attr = if inst.class.has_properties() { inst.class.lookup(name) } else { None };
                if let Some(attr) = &class_attr
                    && let Some(done) = self.descriptor_store(obj, attr, Some(value.clone()))
                {
                    return done;
                }
                if let Some(Value::Descriptor(d)) = class_attr
                    && let Descriptor::Property { set, .. } = &*d
                {
                    if matches!(set, Value::None) {
                        let n = self.name(name).to_owned();
                        return Err(PyErr::attribute_error(format!(
                            "property '{n}' of '{}' object has no setter",
                            inst.class.name
                        )));
                    }
                    self.call(set.clone(), vec![obj.clone(), value], &[])?;
                    return Ok(());
                }
                if let Some(exc) = inst.exc() {
                    match self.name(name) {
                        "__cause__" => {
                            exc.borrow_mut().cause = Some(value);
                            return Ok(());
                        }
                        "__context__" => {
                            exc.borrow_mut().context = Some(value);
                            return Ok(());
                        }
                        "args" => {
                            let args = self.collect(value)?;
                            exc.borrow_mut().args = args;
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                if Rc::ptr_eq(&inst.class, &self.types.object) {
                    // A bare `object()` has no `__dict__`.
                    let n = self.name(name).to_owned();
                    return Err(PyErr::attribute_error(format!("'object' object has no attribute '{n}'")));
                }
                inst.set_attr(name, value);
                Ok(())
            }
            Value::Class(c) if c.kind == ClassKind::Object || c.kind == ClassKind::Exception => {
                c.set_attr(name, value);
                self.refresh_hooks(c, name);
                Ok(())
            }
            Value::Function(f) => {
                f.attrs.borrow_mut().insert(name, value);
                Ok(())
            }
            Value::Module(m) => {
                self.global_set(m, name, value);
                Ok(())
            }
            Value::Class(c) => Err(PyErr::type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                self.name(name),
                c.name
            ))),
            _ => Err(self.readonly_attribute(obj, name)),
        }
    }

    /// Setting or deleting an attribute of a builtin value: CPython's message for a
    /// method ("is read-only"), a data member of `slice`/`range` ("readonly
    /// attribute"), another computed attribute ("is not writable") or a missing one.
    fn readonly_attribute(&mut self, obj: &Value, name: Symbol) -> PyErr {
        let type_name = self.type_name(obj).to_owned();
        let attr = self.name(name).to_owned();
        if let Some(Value::Native(_)) = self.class_of(obj).lookup(name) {
            return PyErr::attribute_error(format!("'{type_name}' object attribute '{attr}' is read-only"));
        }
        if self.getattr(obj, name).is_err() {
            return self.no_attribute(obj, name);
        }
        if matches!(obj, Value::Slice(_) | Value::Range(_)) {
            return PyErr::attribute_error("readonly attribute");
        }
        // Named after the type that defines it (`True.real` is `int`'s).
        let owner = if matches!(obj, Value::Bool(_)) { "int" } else { &type_name };
        PyErr::attribute_error(format!("attribute '{attr}' of '{owner}' objects is not writable"))
    }

    /// `delattr(obj, name)`.
    pub fn delattr(&mut self, obj: &Value, name: Symbol) -> PyResult<()> {
        if let Value::Instance(inst) = obj
            && inst.class.hooks.get() & crate::value::object::HOOK_SETATTR != 0
            && let Some(hook @ Value::Function(_)) = inst.class.lookup(self.intern("__delattr__"))
        {
            let key = Value::str(self.name(name));
            self.call(hook, vec![obj.clone(), key], &[])?;
            return Ok(());
        }
        self.delattr_plain(obj, name)
    }

    /// `object.__delattr__`: deletes without consulting a `__delattr__` hook.
    pub fn delattr_plain(&mut self, obj: &Value, name: Symbol) -> PyResult<()> {
        let removed = match obj {
            Value::Instance(inst) => {
                let class_attr = inst.class.lookup(name);
                if let Some(attr) = &class_attr
                    && let Some(done) = self.descriptor_store(obj, attr, None)
                {
                    return done;
                }
                if let Some(Value::Descriptor(d)) = class_attr
                    && let Descriptor::Property { del, .. } = &*d
                {
                    if matches!(del, Value::None) {
                        let (attr, class) = (self.name(name).to_owned(), inst.class.name.clone());
                        let msg = format!("property '{attr}' of '{class}' object has no deleter");
                        return Err(PyErr::new(ExcKind::AttributeError, msg));
                    }
                    self.call(del.clone(), vec![obj.clone()], &[])?;
                    return Ok(());
                }
                inst.attrs.borrow_mut().shift_remove(&name).is_some()
            }
            Value::Class(c) => {
                let removed = c.remove_attr(name);
                self.refresh_hooks(c, name);
                removed
            }
            Value::Function(f) => f.attrs.borrow_mut().shift_remove(&name).is_some(),
            Value::Module(m) => {
                let bound = self.global_get(m, name).is_some();
                if bound {
                    self.global_set(m, name, Value::Unbound);
                }
                bound
            }
            _ => false,
        };
        if removed {
            Ok(())
        } else if let Value::Instance(_) = obj {
            Err(self.no_attribute(obj, name))
        } else if let Value::Class(c) = obj {
            Err(PyErr::attribute_error(format!("type object '{}' has no attribute '{}'", c.name, self.name(name))))
        } else if matches!(obj, Value::Function(_) | Value::Module(_)) {
            let msg = format!("'{}' object has no attribute '{}'", self.type_name(obj), self.name(name));
            Err(PyErr::attribute_error(msg))
        } else {
            Err(self.readonly_attribute(obj, name))
        }
    }
}

/// The methods every class inherits from `object` (`__str__` is `BaseException`'s
/// for exceptions), as unbound native functions taking the instance first.
fn object_method(name: &str) -> Option<Value> {
    Some(match name {
        "__init__" => crate::builtins::native("__init__", |_, _, _| Ok(Value::None)),
        "__getattribute__" => crate::builtins::native("__getattribute__", |i, a, _| match a {
            [obj, name] => i.generic_getattr(obj, name),
            _ => Err(PyErr::type_error(format!("expected 2 arguments, got {}", a.len()))),
        }),
        "__repr__" => crate::builtins::native("__repr__", |i, a, _| {
            let text = i.default_repr(a.first().unwrap_or(&Value::None))?;
            Ok(Value::string(text))
        }),
        "__str__" => crate::builtins::native("__str__", |i, a, _| {
            let text = i.default_str(a.first().unwrap_or(&Value::None))?;
            Ok(Value::string(text))
        }),
        "__eq__" => crate::builtins::native("__eq__", |_, a, _| {
            Ok(if same_object(a) { Value::Bool(true) } else { Value::NotImplemented })
        }),
        "__ne__" => crate::builtins::native("__ne__", |_, a, _| {
            Ok(if same_object(a) { Value::Bool(false) } else { Value::NotImplemented })
        }),
        "__hash__" => crate::builtins::native("__hash__", |i, a, _| match a.first() {
            // `super().__hash__()` in a subclass of a hashable builtin type.
            Some(v)
                if let Some(base) = v.builtin_base()
                    && !matches!(base, Value::List(_) | Value::Dict(_) | Value::Set(_)) =>
            {
                i.hash(&base.clone()).map(Value::Int)
            }
            v => Ok(Value::Int(super::compare::identity_hash(v.unwrap_or(&Value::None)))),
        }),
        "__format__" => crate::builtins::native("__format__", object_format),
        _ => return None,
    })
}

/// Whether the two arguments of `object.__eq__`/`__ne__` are one object (`is`).
fn same_object(args: &[Value]) -> bool {
    matches!(args, [a, b] if a.is(b))
}

/// `super().__format__(spec)`: `str(obj)` for an empty spec (through an overridden
/// `__str__`), the builtin format of a builtin subclass's value, else CPython's error.
fn object_format(i: &mut Interpreter, a: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let [obj, Value::Str(spec)] = a else { return Err(PyErr::type_error("__format__() argument must be str")) };
    if spec.as_str().is_empty() {
        return i.to_str(obj).map(Value::string);
    }
    match obj.builtin_base() {
        Some(base) => crate::builtins::format_value(i, &base.clone(), spec.as_str()).map(Value::string),
        None => {
            let t = i.type_name(obj);
            Err(PyErr::type_error(format!("unsupported format string passed to {t}.__format__")))
        }
    }
}

//! User-defined attribute protocols: descriptors (`__get__`, `__set__`,
//! `__delete__` on class attributes) and `__getattribute__`. Classes record which
//! of these their MRO defines (`Class::hooks`) when they are built or a hook is
//! assigned, so plain classes never look for them.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use crate::intern::{AttrMap, Symbol};
use crate::interpreter::Interpreter;
use crate::value::object::{HOOK_GET, HOOK_GETATTRIBUTE, HOOK_SET, HOOK_SETATTR};
use crate::value::{Class, Instance, Value};
use std::rc::Rc;

impl Interpreter {
    /// The `HOOK_*` bits of a class: its own dict's hooks and its ancestors'.
    pub fn class_hooks(&mut self, dict: &AttrMap<Value>, mro_tail: &[Rc<Class>]) -> u8 {
        let mut bits = mro_tail.iter().fold(0, |acc, c| acc | c.hooks.get());
        let names: [(&str, u8); 6] = [
            ("__getattribute__", HOOK_GETATTRIBUTE),
            ("__get__", HOOK_GET),
            ("__set__", HOOK_SET),
            ("__delete__", HOOK_SET),
            ("__setattr__", HOOK_SETATTR),
            ("__delattr__", HOOK_SETATTR),
        ];
        for (name, bit) in names {
            if dict.contains_key(&self.intern(name)) {
                bits |= bit;
            }
        }
        bits
    }

    /// Recomputes the hooks of `class` and its subclasses after one of the hook
    /// names was assigned or deleted on it.
    pub fn refresh_hooks(&mut self, class: &Rc<Class>, name: Symbol) {
        if !matches!(
            self.name(name),
            "__getattribute__" | "__get__" | "__set__" | "__delete__" | "__setattr__" | "__delattr__"
        ) {
            return;
        }
        let bits = self.class_hooks(&class.dict.borrow(), &class.mro_tail);
        class.hooks.set(bits);
        let subs: Vec<Rc<Class>> = class.subclasses.borrow().iter().filter_map(std::rc::Weak::upgrade).collect();
        for sub in subs {
            self.refresh_hooks(&sub, name);
        }
        class.invalidate();
    }

    /// Calls `__set_name__(owner, name)` on the new class's attributes that define it.
    pub fn set_names(&mut self, class: &Rc<Class>) -> PyResult<()> {
        let sym = self.intern("__set_name__");
        let attrs: Vec<(Symbol, Value)> = class
            .dict
            .borrow()
            .iter()
            .filter(|(_, v)| matches!(v, Value::Instance(_)))
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        for (name, value) in attrs {
            if let Some(hook) = self.class_of(&value).lookup(sym) {
                let key = Value::str(self.name(name));
                self.call(hook, vec![value, Value::Class(class.clone()), key], &[])?;
            }
        }
        Ok(())
    }

    /// `obj.name` on an instance whose class defines `__getattribute__`: the hook,
    /// then `__getattr__` if it raised `AttributeError`.
    pub fn getattribute_hook(&mut self, obj: &Value, inst: &Instance, name: Symbol) -> PyResult<Value> {
        let sym = self.intern("__getattribute__");
        let Some(hook) = inst.class.lookup(sym) else { return self.instance_getattr(obj, inst, name) };
        let key = Value::str(self.name(name));
        match self.call(hook, vec![obj.clone(), key.clone()], &[]) {
            Err(e) if crate::builtins::functions::is_kind(self, &e, ExcKind::AttributeError) => {
                match inst.class.lookup(self.syms.getattr) {
                    Some(fallback) => self.call(fallback, vec![obj.clone(), key], &[]),
                    None => Err(e),
                }
            }
            got => got,
        }
    }

    /// `object.__getattribute__(obj, name)`: the lookup without the class's hook.
    pub fn generic_getattr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        let Value::Str(s) = name else {
            let t = self.type_name(name);
            return Err(PyErr::type_error(format!("attribute name must be string, not '{t}'")));
        };
        let sym = self.intern(s.as_str());
        match obj {
            Value::Instance(inst) => self.instance_getattr(obj, inst, sym),
            _ => self.getattr(obj, sym),
        }
    }

    /// A descriptor found on the class for an instance read, if `attr` is one:
    /// data descriptors win over the instance's own attributes, others do not.
    pub fn descriptor_get(
        &mut self,
        obj: &Value,
        inst: &Instance,
        attr: &Value,
        name: Symbol,
    ) -> Option<PyResult<Value>> {
        let Value::Instance(d) = attr else { return None };
        let bits = d.class.hooks.get();
        if bits & HOOK_GET == 0 {
            return None;
        }
        if bits & HOOK_SET == 0
            && let Some(v) = inst.attrs.borrow().get(&name)
        {
            return Some(Ok(v.clone()));
        }
        let get = d.class.lookup(self.intern("__get__"))?;
        let owner = Value::Class(inst.class.clone());
        Some(self.call(get, vec![attr.clone(), obj.clone(), owner], &[]))
    }

    /// `Class.name` when the class attribute is a descriptor: `__get__(None, Class)`.
    pub fn descriptor_get_class(&mut self, class: &Rc<Class>, attr: &Value) -> Option<PyResult<Value>> {
        let Value::Instance(d) = attr else { return None };
        if d.class.hooks.get() & HOOK_GET == 0 {
            return None;
        }
        let get = d.class.lookup(self.intern("__get__"))?;
        Some(self.call(get, vec![attr.clone(), Value::None, Value::Class(class.clone())], &[]))
    }

    /// `obj.name = value` or `del obj.name` through a data descriptor on the class
    /// (`None` when `attr` is not one).
    pub fn descriptor_store(&mut self, obj: &Value, attr: &Value, value: Option<Value>) -> Option<PyResult<()>> {
        let Value::Instance(d) = attr else { return None };
        if d.class.hooks.get() & HOOK_SET == 0 {
            return None;
        }
        let method = if value.is_some() { "__set__" } else { "__delete__" };
        let Some(m) = d.class.lookup(self.intern(method)) else {
            return Some(Err(PyErr::attribute_error(method.to_owned())));
        };
        let mut args = vec![attr.clone(), obj.clone()];
        args.extend(value);
        Some(self.call(m, args, &[]).map(|_| ()))
    }
}

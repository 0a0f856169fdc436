//! Introspection builtins: `dir`, `locals`/`vars()` (through the caller's frame,
//! see `Interpreter::call_frame_native`) and the `exit`/`quit` objects.

use super::functions::arity;
use super::{frame_native, native};
use crate::intern::{AttrMap, Symbol};
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{Class, ClassKind, Value};
use std::collections::BTreeSet;
use std::rc::Rc;

/// What `dir(object())` lists: every object has these.
const OBJECT_ATTRS: [&str; 24] = [
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
];

/// What `BaseException` adds to [`OBJECT_ATTRS`].
const EXCEPTION_ATTRS: [&str; 8] = [
    "__cause__",
    "__context__",
    "__setstate__",
    "__suppress_context__",
    "__traceback__",
    "add_note",
    "args",
    "with_traceback",
];

/// What a function adds to [`OBJECT_ATTRS`].
const FUNCTION_ATTRS: [&str; 13] = [
    "__annotations__",
    "__builtins__",
    "__call__",
    "__closure__",
    "__code__",
    "__defaults__",
    "__dict__",
    "__get__",
    "__globals__",
    "__kwdefaults__",
    "__module__",
    "__name__",
    "__qualname__",
];

/// Registers `dir`, `locals`, `exit` and `quit`.
pub fn install(interp: &mut Interpreter) {
    let dir = frame_native("dir", |i, a, _| {
        arity("dir", a, 0, 1)?;
        match a.first() {
            Some(obj) => i.dir_of(obj),
            None => {
                let globals = i.main_globals()?;
                i.sorted_keys(&globals)
            }
        }
    });
    let locals = frame_native("locals", |i, a, _| {
        arity("locals", a, 0, 0)?;
        i.main_globals()
    });
    let builtins = interp.builtins.clone();
    for (name, value) in [("dir", dir), ("locals", locals)] {
        let sym = interp.intern(name);
        builtins.globals.borrow_mut().set(sym, value);
    }
    install_quitters(interp);
}

/// `exit` and `quit`: instances of `_sitebuiltins.Quitter`, whose repr says how to
/// leave and whose call raises `SystemExit(code)`.
fn install_quitters(interp: &mut Interpreter) {
    let mut dict = AttrMap::default();
    dict.insert(interp.syms.module, Value::str("_sitebuiltins"));
    let repr = native("__repr__", |i, a, _| {
        let name = quitter_name(i, a)?;
        Ok(Value::string(format!("Use {name}() or Ctrl-D (i.e. EOF) to exit")))
    });
    let call = native("__call__", |i, a, _| {
        quitter_name(i, a)?;
        arity("__call__", &a[1..], 0, 1)?;
        let code = a.get(1).cloned().unwrap_or(Value::None);
        Err(PyErr::raised(i.new_exception(ExcKind::SystemExit, vec![code])))
    });
    dict.insert(interp.intern("__repr__"), repr);
    dict.insert(interp.intern("__call__"), call);
    let Ok(class) = interp.new_class("Quitter", "Quitter", Vec::new(), dict) else { return };
    let builtins = interp.builtins.clone();
    let name_sym = interp.syms.name;
    for name in ["exit", "quit"] {
        let Value::Instance(inst) = interp.bare_instance(&class, &[]) else { continue };
        inst.attrs.borrow_mut().insert(name_sym, Value::str(name));
        let sym = interp.intern(name);
        builtins.globals.borrow_mut().set(sym, Value::Instance(inst));
    }
}

/// The `name` of a `Quitter` receiver.
fn quitter_name(i: &Interpreter, a: &[Value]) -> PyResult<String> {
    match a.first() {
        Some(Value::Instance(inst)) => match inst.attrs.borrow().get(&i.syms.name) {
            Some(Value::Str(s)) => Ok(s.as_str().to_owned()),
            _ => Ok("exit".into()),
        },
        _ => Err(PyErr::type_error("Quitter method needs a Quitter")),
    }
}

impl Interpreter {
    /// The keys of a dict, sorted (`dir()`).
    pub fn sorted_keys(&mut self, dict: &Value) -> PyResult<Value> {
        let keys = self.collect(dict.clone())?;
        let list = Value::list(keys);
        crate::builtins::types::list_sort(self, &list, &[])?;
        Ok(list)
    }

    /// `dir(obj)`: `type(obj).__dir__` when a class defines one, else the names of
    /// the object's attributes and its class's, sorted.
    pub fn dir_of(&mut self, obj: &Value) -> PyResult<Value> {
        let class = self.class_of(obj);
        let hook = self.intern("__dir__");
        if let Value::Instance(_) = obj
            && let Some(f @ Value::Function(_)) = class.lookup(hook)
        {
            let names = self.call(f, vec![obj.clone()], &[])?;
            let list = Value::list(self.collect(names)?);
            crate::builtins::types::list_sort(self, &list, &[])?;
            return Ok(list);
        }
        let mut names: BTreeSet<String> = BTreeSet::new();
        match obj {
            Value::Module(m) => names.extend(self.bound_names(m)),
            Value::Class(c) => self.class_names(c, &mut names),
            Value::Instance(inst) => {
                names.extend(inst.attrs.borrow().keys().map(|k| self.name(*k).to_owned()));
                self.class_names(&class, &mut names);
            }
            Value::Function(f) => {
                names.extend(f.attrs.borrow().keys().map(|k| self.name(*k).to_owned()));
                names.extend(FUNCTION_ATTRS.iter().map(|s| (*s).to_owned()));
                self.class_names(&class, &mut names);
            }
            _ => self.class_names(&class, &mut names),
        }
        Ok(Value::list(names.into_iter().map(Value::string).collect()))
    }

    /// The attribute names a class and its bases provide, with `object`'s.
    fn class_names(&self, class: &Rc<Class>, names: &mut BTreeSet<String>) {
        names.extend(OBJECT_ATTRS.iter().map(|s| (*s).to_owned()));
        for c in class.mro() {
            names.extend(c.dict.borrow().keys().map(|k: &Symbol| self.name(*k).to_owned()));
            if c.kind == ClassKind::Exception && c.name == "BaseException" && c.module == "builtins" {
                names.extend(EXCEPTION_ATTRS.iter().map(|s| (*s).to_owned()));
            }
        }
        if class.mro().any(|c| c.module != "builtins") {
            names.extend(["__dict__", "__module__", "__weakref__"].map(str::to_owned));
        }
    }
}

//! Classes and instances: running class bodies, C3 MRO, instantiation, method
//! binding, and raising/matching exceptions.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::exec::Resume;
use super::frame::Frame;
use crate::compile::ir::{Elt, Expr, MakeClass};
use crate::intern::AttrMap;
use crate::interpreter::Interpreter;
use crate::value::{BoundMethod, Class, ClassKind, Descriptor, Instance, Value};
use std::cell::RefCell;
use std::rc::Rc;

impl Interpreter {
    /// Runs a class body and builds the class (decorators applied).
    pub fn make_class(&mut self, f: &mut Frame, make: &MakeClass) -> PyResult<Value> {
        let mut decorators = Vec::new();
        for d in &make.decorators {
            decorators.push(self.eval(f, d)?);
        }
        let bases = self.eval_elts(f, &make.bases)?;
        let mut class_kwargs = Vec::new();
        for (k, e) in &make.keywords {
            match k {
                Some(k) if self.name(*k) != "metaclass" => class_kwargs.push((*k, self.eval(f, e)?)),
                _ => {
                    let k = k.map_or("**", |k| self.name(k)).to_owned();
                    return Err(PyErr::type_error(format!("pyish does not support class keyword '{k}'")));
                }
            }
        }
        let mut base_classes = Vec::new();
        for b in bases {
            match b {
                Value::Class(c) => base_classes.push(c),
                other => {
                    let t = self.type_name(&other);
                    return Err(PyErr::type_error(format!("bases must be types, not {t}")));
                }
            }
        }
        let namespace = Rc::new(RefCell::new(AttrMap::default()));
        namespace.borrow_mut().insert(self.syms.module, Value::str(&f.globals.name));
        namespace.borrow_mut().insert(self.syms.qualname, Value::str(&make.qualname));
        if let Some(doc) = &make.body.doc {
            namespace.borrow_mut().insert(self.syms.doc, Value::str(doc));
        }
        let closure: Vec<_> = make.closure.iter().filter_map(|&i| f.cells.get(i as usize).cloned()).collect();
        let id = self.next_frame_id();
        let mut frame = Frame::new(make.body.clone(), f.globals.clone(), Vec::new(), &closure, id);
        frame.set_namespace(namespace.clone());
        self.run_frame(&mut frame, Resume::Send(Value::None))?;
        let name = self.name(make.name).to_owned();
        let dict = std::mem::take(&mut *namespace.borrow_mut());
        let class = self.new_class(&name, &make.qualname, base_classes, dict)?;
        if let Some(cell) = make.body.class_cell.and_then(|c| frame.cells.get(c as usize)) {
            *cell.0.borrow_mut() = Value::Class(class.clone());
        }
        self.set_names(&class)?;
        self.init_subclass(&class, &class_kwargs)?;
        let mut value = Value::Class(class);
        for d in decorators.into_iter().rev() {
            value = self.call(d, vec![value], &[])?;
        }
        Ok(value)
    }

    /// Builds a class object from its parts.
    pub fn new_class(
        &mut self,
        name: &str,
        qualname: &str,
        bases: Vec<Rc<Class>>,
        dict: AttrMap<Value>,
    ) -> PyResult<Rc<Class>> {
        let bases = if bases.is_empty() { vec![self.types.object.clone()] } else { bases };
        crate::builtins::check_bases(&bases)?;
        let mro_tail = c3_merge(&bases).ok_or_else(|| {
            let names: Vec<&str> = bases.iter().map(|b| b.name.as_str()).collect();
            PyErr::type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            ))
        })?;
        let kind = if mro_tail.iter().any(|c| c.kind == ClassKind::Exception) {
            ClassKind::Exception
        } else {
            ClassKind::Object
        };
        let module = match dict.get(&self.syms.module) {
            Some(Value::Str(s)) => s.as_str().to_owned(),
            _ => "__main__".to_owned(),
        };
        let mut dict = dict;
        dict.shift_remove(&self.syms.qualname);
        // Every class has its own `__doc__` (`None` without a docstring), so a
        // subclass never shows its base's docstring.
        if !dict.contains_key(&self.syms.doc) {
            dict.insert(self.syms.doc, Value::None);
        }
        if dict.contains_key(&self.syms.eq) && !dict.contains_key(&self.syms.hash) {
            dict.insert(self.syms.hash, Value::None);
        }
        let init_subclass = self.intern("__init_subclass__");
        if let Some(v @ Value::Function(_)) = dict.get(&init_subclass) {
            let wrapped = Value::Descriptor(Rc::new(Descriptor::ClassMethod(v.clone())));
            dict.insert(init_subclass, wrapped);
        }
        let hooks = self.class_hooks(&dict, &mro_tail);
        let class = Class::new(name.to_owned(), qualname.to_owned(), module, bases, mro_tail, dict, kind);
        class.hooks.set(hooks);
        Ok(class)
    }

    /// Calls the `__init_subclass__` found after `class` in its MRO, with the class keywords.
    fn init_subclass(&mut self, class: &Rc<Class>, kwargs: &[(crate::intern::Symbol, Value)]) -> PyResult<()> {
        let sym = self.intern("__init_subclass__");
        let found = class.mro().skip(1).find_map(|c| c.dict.borrow().get(&sym).cloned());
        match found {
            Some(hook) => {
                let bound = self.bind_method(hook, Value::Class(class.clone()));
                self.call(bound, Vec::new(), kwargs)?;
            }
            None if !kwargs.is_empty() => {
                return Err(PyErr::type_error(format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    class.name
                )));
            }
            None => {}
        }
        Ok(())
    }

    /// Calls a class: builtin constructors, or `__new__` + `__init__` for user classes.
    pub fn call_class(
        &mut self,
        class: &Rc<Class>,
        args: Vec<Value>,
        kwargs: &[(crate::intern::Symbol, Value)],
    ) -> PyResult<Value> {
        let new_sym = self.syms.new;
        let user_new = class.lookup(new_sym);
        let inherits_object_new = matches!(&user_new, Some(Value::Native(n)) if n.name == "object.__new__");
        let instance = match user_new {
            _ if inherits_object_new && class.kind != ClassKind::Builtin && !Rc::ptr_eq(class, &self.types.object) => {
                self.bare_instance(class, &args)
            }
            Some(Value::Native(n)) if n.min_args <= 1 + args.len() => {
                let mut full = vec![Value::Class(class.clone())];
                full.extend(args.iter().cloned());
                let func = n.func.clone();
                let made = func(self, &full, kwargs)?;
                if !matches!(made, Value::Instance(_)) {
                    return Ok(made);
                }
                made
            }
            Some(new) => {
                let new = match new {
                    Value::Descriptor(ref d) => match &**d {
                        Descriptor::Static(f) => f.clone(),
                        _ => new.clone(),
                    },
                    other => other,
                };
                let mut full = vec![Value::Class(class.clone())];
                full.extend(args.iter().cloned());
                let made = self.call(new, full, kwargs)?;
                let is_instance = matches!(&made, Value::Instance(i) if i.class.is_subclass(class));
                if !is_instance {
                    return Ok(made);
                }
                made
            }
            None => self.bare_instance(class, &args),
        };
        self.run_init(class, &instance, args, kwargs)?;
        Ok(instance)
    }

    /// `C(args)` at a call site without `*`, `**` or keywords: builtin constructors
    /// get the arguments without an argument vector, and a plain class whose
    /// `__init__` takes exactly these arguments gets them straight in its frame.
    pub(crate) fn construct_inline(&mut self, class: &Rc<Class>, f: &mut Frame, args: &[Elt]) -> PyResult<Value> {
        if let Some(init) = class.plain_init(self.syms.new, self.syms.init)
            && init.code.takes_exactly(args.len() + 1)
        {
            let instance = Rc::new(Instance::new(class.clone()));
            let locals = self.args_into_locals(Some(Value::Instance(instance.clone())), f, args)?;
            return match self.run_function(&init, locals)? {
                Value::None => Ok(Value::Instance(instance)),
                r => {
                    let t = self.type_name(&r);
                    Err(PyErr::type_error(format!("__init__() should return None, not '{t}'")))
                }
            };
        }
        let (new, init) = class.constructor(self.syms.new, self.syms.init);
        match (new, init) {
            (Some(Value::Native(n)), _) if class.kind == ClassKind::Builtin => {
                let mut values: smallvec::SmallVec<[Value; 4]> = smallvec::smallvec![Value::Class(class.clone())];
                for a in args {
                    if let Elt::One(e) = a {
                        values.push(self.eval_operand(f, e)?);
                    }
                }
                if values.len() < n.min_args {
                    return self.call_class(class, values[1..].to_vec(), &[]);
                }
                let func = n.func.clone();
                let made = func(self, &values, &[])?;
                if matches!(made, Value::Instance(_)) {
                    self.run_init(class, &made, values[1..].to_vec(), &[])?;
                }
                Ok(made)
            }
            _ => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    if let Elt::One(e) = a {
                        values.push(self.eval_operand(f, e)?);
                    }
                }
                self.call_class(class, values, &[])
            }
        }
    }

    /// An instance with no attributes (exception instances keep `args`).
    pub fn bare_instance(&mut self, class: &Rc<Class>, args: &[Value]) -> Value {
        if class.kind == ClassKind::Exception {
            return Value::Instance(self.instantiate_exception(class.clone(), args.to_vec()));
        }
        Value::Instance(Rc::new(Instance::new(class.clone())))
    }

    /// Calls `__init__` if the class (not `object`) defines one.
    fn run_init(
        &mut self,
        class: &Rc<Class>,
        instance: &Value,
        args: Vec<Value>,
        kwargs: &[(crate::intern::Symbol, Value)],
    ) -> PyResult<()> {
        let init_sym = self.syms.init;
        match class.lookup(init_sym) {
            Some(Value::Function(fun)) if kwargs.is_empty() && fun.code.takes_exactly(args.len() + 1) => {
                let mut locals = self.locals_pool.pop().unwrap_or_default();
                locals.push(instance.clone());
                locals.extend(args);
                let r = self.run_function(&fun, locals)?;
                if !matches!(r, Value::None) {
                    let t = self.type_name(&r);
                    return Err(PyErr::type_error(format!("__init__() should return None, not '{t}'")));
                }
                Ok(())
            }
            Some(init) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(instance.clone());
                full.extend(args);
                let r = self.call(init, full, kwargs)?;
                if !matches!(r, Value::None) {
                    let t = self.type_name(&r);
                    return Err(PyErr::type_error(format!("__init__() should return None, not '{t}'")));
                }
                Ok(())
            }
            // `object.__init__` accepts the arguments when `__new__` is overridden.
            None if class.kind != ClassKind::Exception
                && (!args.is_empty() || !kwargs.is_empty())
                && class
                    .lookup(self.syms.new)
                    .is_none_or(|n| matches!(n, Value::Native(n) if n.name == "object.__new__")) =>
            {
                Err(PyErr::type_error(format!("{}() takes no arguments", class.name)))
            }
            None => Ok(()),
        }
    }

    /// Binds a class attribute found for `receiver` (functions become bound methods).
    pub fn bind_method(&mut self, attr: Value, receiver: Value) -> Value {
        match &attr {
            Value::Function(_) | Value::Native(_) => Value::Method(Rc::new(BoundMethod { receiver, func: attr })),
            Value::Descriptor(d) => match &**d {
                Descriptor::Static(f) => f.clone(),
                Descriptor::ClassMethod(f) => {
                    let class = match &receiver {
                        Value::Class(_) => receiver.clone(),
                        other => Value::Class(self.class_of(other)),
                    };
                    Value::Method(Rc::new(BoundMethod { receiver: class, func: f.clone() }))
                }
                Descriptor::Property { .. } => attr.clone(),
            },
            _ => attr,
        }
    }

    /// `raise`, `raise exc`, `raise exc from cause`: builds the exception to propagate.
    pub fn raise_stmt(&mut self, f: &mut Frame, exc: Option<&Expr>, cause: Option<&Expr>) -> PyErr {
        let Some(exc) = exc else {
            return match self.handling.last() {
                Some(Value::Instance(i)) => PyErr::raised(i.clone()),
                _ => PyErr::new(ExcKind::RuntimeError, "No active exception to reraise"),
            };
        };
        let value = match self.eval(f, exc) {
            Ok(v) => v,
            Err(e) => return e,
        };
        let instance = match self.make_exception(value) {
            Ok(i) => i,
            Err(e) => return e,
        };
        if let Some(c) = cause {
            let cause = match self.eval(f, c).and_then(|c| self.exception_or_none(c)) {
                Ok(v) => v,
                Err(e) => return e,
            };
            if let Some(data) = instance.exc() {
                let mut d = data.borrow_mut();
                d.cause = cause;
                d.suppress_context = true;
            }
        }
        self.set_context(&instance);
        PyErr::raised(instance)
    }

    /// Sets `__context__` from the exception being handled (no self-reference).
    pub fn set_context(&mut self, instance: &Rc<Instance>) {
        let Some(Value::Instance(current)) = self.handling.last() else { return };
        if Rc::ptr_eq(current, instance) {
            return;
        }
        if let Some(data) = instance.exc() {
            let mut d = data.borrow_mut();
            if d.context.is_none() {
                d.context = Some(Value::Instance(current.clone()));
            }
        }
    }

    /// `raise X`: an instance is raised as is; a class is instantiated.
    pub fn make_exception(&mut self, value: Value) -> PyResult<Rc<Instance>> {
        match &value {
            Value::Instance(i) if i.exc().is_some() => Ok(i.clone()),
            Value::Class(c) if c.kind == ClassKind::Exception => match self.call_class(c, Vec::new(), &[])? {
                Value::Instance(i) if i.exc().is_some() => Ok(i),
                _ => Err(PyErr::type_error("calling the exception class did not return an exception")),
            },
            _ => Err(PyErr::type_error("exceptions must derive from BaseException")),
        }
    }

    /// The cause of `raise ... from cause`.
    fn exception_or_none(&mut self, cause: Value) -> PyResult<Option<Value>> {
        match cause {
            Value::None => Ok(None),
            other => match self.make_exception(other) {
                Ok(i) => Ok(Some(Value::Instance(i))),
                Err(_) => Err(PyErr::type_error("exception causes must derive from BaseException")),
            },
        }
    }

    /// Whether the exception `exc` matches an `except` clause's type (or tuple of types).
    pub fn exception_matches(&mut self, exc: &Value, typ: &Value) -> PyResult<bool> {
        match typ {
            Value::Class(c) if c.kind == ClassKind::Exception => Ok(self.class_of(exc).is_subclass(c)),
            Value::Tuple(items) => {
                for t in items.iter() {
                    if self.exception_matches(exc, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::type_error("catching classes that do not inherit from BaseException is not allowed")),
        }
    }
}

/// The C3 linearisation of `bases` (the MRO after the class itself).
fn c3_merge(bases: &[Rc<Class>]) -> Option<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro().cloned().collect()).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, head)));
            (!in_tail).then(|| head.clone())
        })?;
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &candidate) {
                s.remove(0);
            }
        }
        out.push(candidate);
    }
}

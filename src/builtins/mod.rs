//! The builtin types and functions, registered through the same native-function API
//! that embedders use ([`crate::native`]).

mod bytes_methods;
mod codecs;
pub mod coroutines;
mod dunders;
mod exception_groups;
mod file;
pub mod functions;
mod introspect;
pub mod iterators;
pub mod mappingproxy;
mod methods;
mod num_attrs;
mod num_methods;
mod numbers;
pub mod range;
mod str_format;
mod str_methods;
mod str_search;
mod str_unicode;
mod subclass;
mod types;
mod views;

pub use numbers::{format_value, percent_format};
pub use subclass::check_bases;
pub use types::{add_method, list_sort};

use crate::intern::{AttrMap, Interner};
use crate::interpreter::Interpreter;
use crate::runtime::exception::ExcKind;
use crate::runtime::iter::{DictPart, PyIter};
use crate::value::{Class, ClassKind, Value};
use std::rc::Rc;

/// The builtin classes.
#[allow(missing_docs)]
pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub int: Rc<Class>,
    pub bool: Rc<Class>,
    pub float: Rc<Class>,
    pub str: Rc<Class>,
    pub bytes: Rc<Class>,
    pub list: Rc<Class>,
    pub tuple: Rc<Class>,
    pub dict: Rc<Class>,
    pub set: Rc<Class>,
    pub frozenset: Rc<Class>,
    pub range: Rc<Class>,
    pub slice: Rc<Class>,
    pub none: Rc<Class>,
    pub function: Rc<Class>,
    pub builtin_function: Rc<Class>,
    pub method: Rc<Class>,
    pub module: Rc<Class>,
    pub iterator: Rc<Class>,
    pub generator: Rc<Class>,
    pub coroutine: Rc<Class>,
    pub code: Rc<Class>,
    /// `mappingproxy`: a class's `__dict__`.
    pub mappingproxy: Rc<Class>,
    pub async_generator: Rc<Class>,
    pub property: Rc<Class>,
    pub staticmethod: Rc<Class>,
    pub classmethod: Rc<Class>,
    pub notimplemented: Rc<Class>,
    pub ellipsis: Rc<Class>,
    pub super_: Rc<Class>,
    pub traceback: Rc<Class>,
    pub dict_keys: Rc<Class>,
    pub dict_values: Rc<Class>,
    pub dict_items: Rc<Class>,
    pub iterators: std::collections::HashMap<&'static str, Rc<Class>>,
    pub exceptions: Vec<Rc<Class>>,
}

/// The classes of builtin iterators, named as CPython names them.
const ITERATOR_NAMES: &[&str] = &[
    "async_generator_asend",
    "async_generator_athrow",
    "coroutine_wrapper",
    "anext_awaitable",
    "FutureIter",
    "list_iterator",
    "list_reverseiterator",
    "tuple_iterator",
    "str_ascii_iterator",
    "str_iterator",
    "bytes_iterator",
    "range_iterator",
    "longrange_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "dict_reversekeyiterator",
    "dict_reversevalueiterator",
    "dict_reverseitemiterator",
    "set_iterator",
    "callable_iterator",
    "enumerate",
    "zip",
    "map",
    "filter",
];

/// A builtin class named `name` deriving from `bases`.
fn builtin_class(name: &str, bases: &[&Rc<Class>], kind: ClassKind) -> Rc<Class> {
    let mut mro_tail: Vec<Rc<Class>> = Vec::new();
    for b in bases {
        for c in b.mro() {
            if !mro_tail.iter().any(|m| Rc::ptr_eq(m, c)) {
                mro_tail.push(c.clone());
            }
        }
    }
    let bases = bases.iter().map(|b| (*b).clone()).collect();
    Class::new(name.to_owned(), name.to_owned(), "builtins".to_owned(), bases, mro_tail, AttrMap::default(), kind)
}

/// `ExceptionGroup`: derives from both `BaseExceptionGroup` and `Exception`, with
/// CPython's MRO (ExceptionGroup, BaseExceptionGroup, Exception, BaseException, object).
fn exception_group_class(exceptions: &[Rc<Class>], exception: &Rc<Class>) -> Rc<Class> {
    let group = exceptions.get(ExcKind::BaseExceptionGroup as usize).cloned().unwrap_or_else(|| exception.clone());
    let mut mro_tail = vec![group.clone()];
    mro_tail.extend(exception.mro().cloned());
    let bases = vec![group, exception.clone()];
    let name = "ExceptionGroup".to_owned();
    Class::new(name.clone(), name, "builtins".to_owned(), bases, mro_tail, AttrMap::default(), ClassKind::Exception)
}

impl Types {
    /// Creates every builtin class (methods are added by [`install`]).
    pub fn bootstrap(_interner: &mut Interner) -> Types {
        let object = builtin_class("object", &[], ClassKind::Object);
        let b = |name: &str| builtin_class(name, &[&object], ClassKind::Builtin);
        let int = b("int");
        let bool = builtin_class("bool", &[&int], ClassKind::Builtin);
        let mut exceptions: Vec<Rc<Class>> = Vec::new();
        for kind in ExcKind::ALL {
            let parent = kind.parent().and_then(|p| exceptions.get(p as usize).cloned());
            let base = parent.unwrap_or_else(|| object.clone());
            if *kind == ExcKind::ExceptionGroup {
                exceptions.push(exception_group_class(&exceptions, &base));
                continue;
            }
            exceptions.push(builtin_class(kind.name(), &[&base], ClassKind::Exception));
        }
        Types {
            type_: builtin_class("type", &[&object], ClassKind::Type),
            float: b("float"),
            str: b("str"),
            bytes: b("bytes"),
            list: b("list"),
            tuple: b("tuple"),
            dict: b("dict"),
            set: b("set"),
            frozenset: b("frozenset"),
            range: b("range"),
            slice: b("slice"),
            none: b("NoneType"),
            function: b("function"),
            builtin_function: b("builtin_function_or_method"),
            method: b("method"),
            module: b("module"),
            iterator: b("iterator"),
            generator: b("generator"),
            coroutine: b("coroutine"),
            code: b("code"),
            mappingproxy: b("mappingproxy"),
            async_generator: b("async_generator"),
            property: b("property"),
            staticmethod: b("staticmethod"),
            classmethod: b("classmethod"),
            notimplemented: b("NotImplementedType"),
            ellipsis: b("ellipsis"),
            super_: b("super"),
            traceback: b("traceback"),
            dict_keys: b("dict_keys"),
            dict_values: b("dict_values"),
            dict_items: b("dict_items"),
            iterators: ITERATOR_NAMES.iter().map(|n| (*n, b(n))).collect(),
            exceptions,
            int,
            bool,
            object,
        }
    }

    /// The class of a builtin exception kind.
    pub fn exception(&self, kind: ExcKind) -> Rc<Class> {
        self.exceptions.get(kind as usize).cloned().unwrap_or_else(|| self.object.clone())
    }

    /// The class of a dict view.
    pub fn dict_view(&self, part: DictPart) -> Rc<Class> {
        match part {
            DictPart::Keys => self.dict_keys.clone(),
            DictPart::Values => self.dict_values.clone(),
            DictPart::Items => self.dict_items.clone(),
        }
    }

    /// The class of a builtin iterator.
    pub fn iterator_class(&self, it: &PyIter) -> Rc<Class> {
        let name = match it {
            PyIter::Generator(_) => return self.generator.clone(),
            PyIter::AsyncStep(_, _, crate::runtime::iter::AsyncMode::Send) => "async_generator_asend",
            PyIter::AsyncStep(..) => "async_generator_athrow",
            PyIter::CoroWrapper(_) => "coroutine_wrapper",
            PyIter::AnextDefault(..) => "anext_awaitable",
            PyIter::FutureAwait(..) => "FutureIter",
            PyIter::List(..) => "list_iterator",
            PyIter::ListReversed(..) => "list_reverseiterator",
            PyIter::Seq(..) => "tuple_iterator",
            PyIter::Str(s, _) if s.is_ascii() => "str_ascii_iterator",
            PyIter::Str(..) => "str_iterator",
            PyIter::Bytes(..) => "bytes_iterator",
            PyIter::Range { .. } => "range_iterator",
            PyIter::BigRange(_) => "longrange_iterator",
            PyIter::Dict(_, _, _, DictPart::Keys) => "dict_keyiterator",
            PyIter::Dict(_, _, _, DictPart::Values) => "dict_valueiterator",
            PyIter::Dict(..) => "dict_itemiterator",
            PyIter::DictReversed(_, _, _, DictPart::Keys) => "dict_reversekeyiterator",
            PyIter::DictReversed(_, _, _, DictPart::Values) => "dict_reversevalueiterator",
            PyIter::DictReversed(..) => "dict_reverseitemiterator",
            PyIter::Set(..) => "set_iterator",
            PyIter::Enumerate(..) => "enumerate",
            PyIter::Zip(..) => "zip",
            PyIter::Map(..) => "map",
            PyIter::Filter(..) => "filter",
            PyIter::GetItem(..) => "iterator",
            PyIter::Callable(..) => "callable_iterator",
            PyIter::Done => "iterator",
        };
        self.iterators.get(name).cloned().unwrap_or_else(|| self.iterator.clone())
    }
}

/// Registers the builtin functions, exception classes and type methods.
pub fn install(interp: &mut Interpreter) {
    let builtins = interp.builtins.clone();
    let add = |interp: &mut Interpreter, name: &str, value: Value| {
        let sym = interp.intern(name);
        builtins.globals.borrow_mut().set(sym, value);
    };
    let t = &interp.types;
    let classes: Vec<(String, Rc<Class>)> = [
        &t.object,
        &t.type_,
        &t.int,
        &t.bool,
        &t.float,
        &t.str,
        &t.bytes,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.range,
        &t.slice,
        &t.property,
        &t.staticmethod,
        &t.classmethod,
    ]
    .iter()
    .map(|c| (c.name.clone(), (*c).clone()))
    .chain(
        t.exceptions
            .iter()
            .filter(|c| c.name != "CancelledError" && c.name != "InvalidStateError")
            .map(|c| (c.name.clone(), c.clone())),
    )
    .collect();
    for (name, class) in classes {
        add(interp, &name, Value::Class(class));
    }
    add(interp, "EnvironmentError", Value::Class(interp.types.exception(ExcKind::OSError)));
    add(interp, "IOError", Value::Class(interp.types.exception(ExcKind::OSError)));
    add(interp, "NotImplemented", Value::NotImplemented);
    add(interp, "Ellipsis", Value::Ellipsis);
    add(interp, "__name__", Value::str("builtins"));
    functions::install(interp);
    numbers::install(interp);
    types::install(interp);
    subclass::install(interp);
    iterators::install(interp);
    coroutines::install(interp);
    exception_groups::install(interp);
    file::install(interp);
    views::install(interp);
    num_attrs::install(interp);
    num_methods::install(interp);
    range::install(interp);
    dunders::install(interp);
    mappingproxy::install(interp);
    introspect::install(interp);
    mark_positional_only(interp);
}

/// The builtin functions that CPython declares without keyword parameters.
const POSITIONAL_ONLY: &[&str] = &[
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "callable",
    "chr",
    "delattr",
    "dir",
    "divmod",
    "format",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "hex",
    "id",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "locals",
    "next",
    "oct",
    "ord",
    "repr",
    "setattr",
    "vars",
    "reversed",
    "map",
    "filter",
];

/// Marks [`POSITIONAL_ONLY`] builtins, so a keyword argument to one is a
/// `TypeError` rather than ignored.
fn mark_positional_only(interp: &mut Interpreter) {
    let builtins = interp.builtins.clone();
    for name in POSITIONAL_ONLY {
        let sym = interp.intern(name);
        let Some(Value::Native(n)) = builtins.globals.borrow().get(sym) else { continue };
        let marked = crate::value::NativeFunction { positional_only: true, ..(*n).clone() };
        builtins.globals.borrow_mut().set(sym, Value::Native(Rc::new(marked)));
    }
}

/// Wraps a Rust closure as a Python builtin function.
pub fn native(
    name: &str,
    f: impl Fn(&mut Interpreter, &[Value], &[(crate::intern::Symbol, Value)]) -> crate::runtime::PyResult<Value> + 'static,
) -> Value {
    Value::Native(Rc::new(crate::value::NativeFunction {
        name: name.to_owned(),
        min_args: 0,
        func: Rc::new(f),
        reads_frame: false,
        owned_args: None,
        positional_only: false,
    }))
}

/// A builtin that reads its caller's frame (see `NativeFunction::reads_frame`);
/// `f` serves calls that come without one (through `map`, say).
pub fn frame_native(
    name: &str,
    f: impl Fn(&mut Interpreter, &[Value], &[(crate::intern::Symbol, Value)]) -> crate::runtime::PyResult<Value> + 'static,
) -> Value {
    let Value::Native(n) = native(name, f) else { return Value::None };
    let func = n.func.clone();
    Value::Native(Rc::new(crate::value::NativeFunction {
        name: name.to_owned(),
        min_args: 0,
        func,
        reads_frame: true,
        owned_args: None,
        positional_only: false,
    }))
}

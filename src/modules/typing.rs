//! The `typing` module: importable, subscriptable placeholders (`List[int]` is just
//! `List`), `TypeVar`, `cast`, `overload` and friends. Annotations are not checked.

use super::{Body, add_fns, set};
use crate::builtins::native;
use crate::intern::{AttrMap, Symbol};
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::Value;

/// Names that become placeholder classes.
const CLASSES: &[&str] = &[
    "Any",
    "Optional",
    "Union",
    "List",
    "Dict",
    "Tuple",
    "Set",
    "FrozenSet",
    "Callable",
    "Iterable",
    "Iterator",
    "Generator",
    "AsyncIterator",
    "AsyncIterable",
    "AsyncGenerator",
    "Awaitable",
    "Coroutine",
    "Sequence",
    "MutableSequence",
    "Mapping",
    "MutableMapping",
    "AbstractSet",
    "MutableSet",
    "Collection",
    "Container",
    "Hashable",
    "Sized",
    "Reversible",
    "KeysView",
    "ItemsView",
    "ValuesView",
    "Generic",
    "Protocol",
    "ClassVar",
    "Final",
    "Literal",
    "Type",
    "Deque",
    "DefaultDict",
    "OrderedDict",
    "Counter",
    "ChainMap",
    "NoReturn",
    "Never",
    "Self",
    "Annotated",
    "ContextManager",
    "AsyncContextManager",
    "TypeAlias",
    "Concatenate",
    "Required",
    "NotRequired",
    "SupportsInt",
    "SupportsFloat",
    "SupportsIndex",
    "SupportsAbs",
    "Pattern",
    "Match",
    "IO",
    "TextIO",
    "BinaryIO",
    "LiteralString",
    "Unpack",
    "TypeGuard",
];

/// Builds the `typing` module.
pub fn load(interp: &mut Interpreter) -> PyResult<Value> {
    let m = interp.new_module("typing");
    for name in CLASSES {
        let class = placeholder(interp, name, &[])?;
        set(interp, &m, name, class);
    }
    let init: Body = |_, _, _| Ok(Value::None);
    for name in ["TypeVar", "ParamSpec", "TypeVarTuple"] {
        let class = placeholder(interp, name, &[("__init__", native("__init__", init))])?;
        set(interp, &m, name, class);
    }
    set(interp, &m, "TYPE_CHECKING", Value::Bool(false));
    set(interp, &m, "Text", Value::Class(interp.types.str.clone()));
    set(interp, &m, "AnyStr", Value::Class(interp.types.str.clone()));
    let fns: &[(&str, Body)] = &[
        ("cast", cast),
        ("overload", identity),
        ("final", identity),
        ("no_type_check", identity),
        ("runtime_checkable", identity),
        ("NewType", new_type),
        ("get_type_hints", |_, _, _| Ok(Value::Dict(Default::default()))),
    ];
    add_fns(interp, &m, fns);
    Ok(Value::Module(m))
}

/// A class named `name` in module `typing` with the given methods.
fn placeholder(interp: &mut Interpreter, name: &str, methods: &[(&str, Value)]) -> PyResult<Value> {
    let mut dict = AttrMap::default();
    dict.insert(interp.syms.module, Value::str("typing"));
    for (key, value) in methods {
        dict.insert(interp.intern(key), value.clone());
    }
    Ok(Value::Class(interp.new_class(name, name, Vec::new(), dict)?))
}

fn cast(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let bound = super::bind(interp, "cast", args, kwargs, &["typ", "val"], 2)?;
    Ok(bound.into_iter().nth(1).flatten().unwrap_or(Value::None))
}

fn identity(_: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    match (args, kwargs) {
        ([f], []) => Ok(f.clone()),
        _ => Err(PyErr::type_error(format!("expected exactly 1 argument, got {}", args.len() + kwargs.len()))),
    }
}

fn new_type(interp: &mut Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<Value> {
    let bound = super::bind(interp, "NewType", args, kwargs, &["name", "tp"], 2)?;
    let name = match bound.first() {
        Some(Some(Value::Str(s))) => s.as_str().to_owned(),
        _ => "NewType".to_owned(),
    };
    Ok(native(&name, |_, args, kwargs| match (args, kwargs) {
        ([x], []) => Ok(x.clone()),
        _ => Err(PyErr::type_error(format!("takes 1 positional argument but {} were given", args.len()))),
    }))
}

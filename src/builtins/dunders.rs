//! Dunder methods of the builtin types, for explicit calls such as `(5).__add__(3)`,
//! `int.__lt__(a, b)` or `[1, 2].__len__()`. Operators never go through them (the
//! evaluator handles builtin operands directly); each one forwards to the same
//! operation and returns `NotImplemented` where CPython's does.

use super::native;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::{Class, Value};
use std::rc::Rc;

/// The builtin types that get dunders, by what their receiver and operands accept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
}

/// Whether `v` is an instance of the type (bools are ints).
fn is_kind(kind: Kind, v: &Value) -> bool {
    match kind {
        Kind::Int => matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)),
        Kind::Float => matches!(v, Value::Float(_)),
        Kind::Str => matches!(v, Value::Str(_)),
        Kind::Bytes => matches!(v, Value::Bytes(_)),
        Kind::List => matches!(v, Value::List(_)),
        Kind::Tuple => matches!(v, Value::Tuple(_)),
        Kind::Dict => matches!(v, Value::Dict(_)),
        Kind::Set => matches!(v, Value::Set(_) | Value::FrozenSet(_)),
    }
}

/// Whether a binary or comparison dunder of `kind` handles `other` (else
/// `NotImplemented`): floats also take ints.
fn accepts(kind: Kind, other: &Value) -> bool {
    let other = other.as_builtin();
    is_kind(kind, other) || (kind == Kind::Float && is_kind(Kind::Int, other))
}

/// What a binary dunder does with an operand of another type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mismatch {
    /// Returns `NotImplemented` (numbers, sets, dicts).
    NotImplemented,
    /// Runs the operator anyway, for its `TypeError` (sequence `+` and str `%`).
    Run,
    /// Needs an int count (sequence `*`).
    Count,
}

/// The receiver and the arguments after it, checked against the type and arity.
fn receiver<'a>(
    interp: &Interpreter,
    name: &str,
    kind: Kind,
    class: &str,
    args: &'a [Value],
    n: usize,
) -> PyResult<&'a [Value]> {
    let Some((recv, rest)) = args.split_first() else {
        return Err(PyErr::type_error(format!("descriptor '{name}' of '{class}' object needs an argument")));
    };
    if !is_kind(kind, recv) {
        let got = interp.type_name(recv);
        return Err(PyErr::type_error(format!(
            "descriptor '{name}' requires a '{class}' object but received a '{got}'"
        )));
    }
    if rest.len() != n {
        let s = if n == 1 { "" } else { "s" };
        return Err(PyErr::type_error(format!("expected {n} argument{s}, got {}", rest.len())));
    }
    Ok(args)
}

fn binary(name: &'static str, op: BinOp, reflected: bool, kind: Kind, class: &str, on_mismatch: Mismatch) -> Value {
    let class = class.to_owned();
    native(name, move |interp, args, _| {
        let a = receiver(interp, name, kind, &class, args, 1)?;
        let (recv, other) = (&a[0], &a[1]);
        let ok =
            if on_mismatch == Mismatch::Count { is_kind(Kind::Int, other.as_builtin()) } else { accepts(kind, other) };
        match on_mismatch {
            _ if ok => {}
            Mismatch::NotImplemented => return Ok(Value::NotImplemented),
            Mismatch::Count => {
                let t = interp.type_name(other);
                return Err(PyErr::type_error(format!("'{t}' object cannot be interpreted as an integer")));
            }
            Mismatch::Run => {}
        }
        if reflected { interp.binary(op, other, recv) } else { interp.binary(op, recv, other) }
    })
}

fn compare(name: &'static str, op: CmpOp, kind: Kind, class: &str) -> Value {
    let class = class.to_owned();
    native(name, move |interp, args, _| {
        let a = receiver(interp, name, kind, &class, args, 1)?;
        if !accepts(kind, &a[1]) {
            return Ok(Value::NotImplemented);
        }
        interp.compare(op, &a[0], &a[1])
    })
}

type Unary = fn(&mut Interpreter, &Value) -> PyResult<Value>;

fn unary(name: &'static str, kind: Kind, class: &str, f: Unary) -> Value {
    let class = class.to_owned();
    native(name, move |interp, args, _| {
        let a = receiver(interp, name, kind, &class, args, 0)?;
        f(interp, &a[0])
    })
}

type Binary = fn(&mut Interpreter, &Value, &Value) -> PyResult<Value>;

fn with_arg(name: &'static str, kind: Kind, class: &str, f: Binary) -> Value {
    let class = class.to_owned();
    native(name, move |interp, args, _| {
        let a = receiver(interp, name, kind, &class, args, 1)?;
        f(interp, &a[0], &a[1])
    })
}

/// Calls a builtin function by name (`abs`, `round`, `divmod`, `int`, `float`).
fn call_builtin(interp: &mut Interpreter, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let sym = interp.intern(name);
    let f = interp.load_builtin(sym)?;
    interp.call(f, args, &[])
}

const ARITH: &[(&str, &str, BinOp)] = &[
    ("__add__", "__radd__", BinOp::Add),
    ("__sub__", "__rsub__", BinOp::Sub),
    ("__mul__", "__rmul__", BinOp::Mult),
    ("__truediv__", "__rtruediv__", BinOp::Div),
    ("__floordiv__", "__rfloordiv__", BinOp::FloorDiv),
    ("__mod__", "__rmod__", BinOp::Mod),
    ("__pow__", "__rpow__", BinOp::Pow),
];

const BITS: &[(&str, &str, BinOp)] = &[
    ("__lshift__", "__rlshift__", BinOp::LShift),
    ("__rshift__", "__rrshift__", BinOp::RShift),
    ("__and__", "__rand__", BinOp::BitAnd),
    ("__or__", "__ror__", BinOp::BitOr),
    ("__xor__", "__rxor__", BinOp::BitXor),
];

const COMPARE: &[(&str, CmpOp)] = &[
    ("__eq__", CmpOp::Eq),
    ("__ne__", CmpOp::NotEq),
    ("__lt__", CmpOp::Lt),
    ("__le__", CmpOp::LtE),
    ("__gt__", CmpOp::Gt),
    ("__ge__", CmpOp::GtE),
];

/// Adds `name` to the class unless it already defines it.
fn add(interp: &mut Interpreter, class: &Rc<Class>, name: &str, value: Value) {
    let sym = interp.intern(name);
    if !class.dict.borrow().contains_key(&sym) {
        super::types::add_method(interp, class, name, value);
    }
}

/// Registers the dunders of every builtin type.
pub fn install(interp: &mut Interpreter) {
    let t = &interp.types;
    let classes = [
        (t.int.clone(), Kind::Int),
        (t.float.clone(), Kind::Float),
        (t.str.clone(), Kind::Str),
        (t.bytes.clone(), Kind::Bytes),
        (t.list.clone(), Kind::List),
        (t.tuple.clone(), Kind::Tuple),
        (t.dict.clone(), Kind::Dict),
        (t.set.clone(), Kind::Set),
        (t.frozenset.clone(), Kind::Set),
    ];
    for (class, kind) in classes {
        install_common(interp, &class, kind);
        match kind {
            Kind::Int | Kind::Float => install_numbers(interp, &class, kind),
            _ => install_container(interp, &class, kind),
        }
    }
}

/// `__repr__`, `__str__`, `__hash__` and the comparisons.
fn install_common(interp: &mut Interpreter, class: &Rc<Class>, kind: Kind) {
    let name = class.name.clone();
    add(interp, class, "__repr__", unary("__repr__", kind, &name, |i, v| i.repr(v).map(Value::string)));
    add(interp, class, "__str__", unary("__str__", kind, &name, |i, v| i.to_str(v).map(Value::string)));
    let hashable = !matches!(&*name, "list" | "dict" | "set");
    let hash = if hashable { unary("__hash__", kind, &name, |i, v| i.hash(v).map(Value::Int)) } else { Value::None };
    add(interp, class, "__hash__", hash);
    let ordered = !matches!(kind, Kind::Dict);
    for &(dunder, op) in COMPARE.iter().filter(|(_, op)| ordered || matches!(op, CmpOp::Eq | CmpOp::NotEq)) {
        add(interp, class, dunder, compare(dunder, op, kind, &name));
    }
}

fn install_numbers(interp: &mut Interpreter, class: &Rc<Class>, kind: Kind) {
    let name = class.name.clone();
    let bits = if kind == Kind::Int { BITS } else { &[] };
    for &(dunder, rdunder, op) in ARITH.iter().chain(bits) {
        add(interp, class, dunder, binary(dunder, op, false, kind, &name, Mismatch::NotImplemented));
        add(interp, class, rdunder, binary(rdunder, op, true, kind, &name, Mismatch::NotImplemented));
    }
    let unaries: &[(&'static str, Unary)] = &[
        ("__neg__", |i, v| i.unary_number(UnaryOp::USub, v)),
        ("__pos__", |i, v| i.unary_number(UnaryOp::UAdd, v)),
        ("__abs__", |i, v| call_builtin(i, "abs", vec![v.clone()])),
        ("__bool__", |i, v| i.truthy(v).map(Value::Bool)),
        ("__int__", |i, v| call_builtin(i, "int", vec![v.clone()])),
        ("__float__", |i, v| call_builtin(i, "float", vec![v.clone()])),
        ("__trunc__", |i, v| call_builtin(i, "int", vec![v.clone()])),
    ];
    for &(dunder, f) in unaries {
        add(interp, class, dunder, unary(dunder, kind, &name, f));
    }
    if kind == Kind::Int {
        add(interp, class, "__invert__", unary("__invert__", kind, &name, |i, v| i.unary_number(UnaryOp::Invert, v)));
        add(
            interp,
            class,
            "__index__",
            unary("__index__", kind, &name, |i, v| call_builtin(i, "int", vec![v.clone()])),
        );
    }
    let divmod = |rev: bool| -> Binary {
        if rev {
            |i, a, b| {
                if accepts_num(a, b) {
                    call_builtin(i, "divmod", vec![b.clone(), a.clone()])
                } else {
                    Ok(Value::NotImplemented)
                }
            }
        } else {
            |i, a, b| {
                if accepts_num(a, b) {
                    call_builtin(i, "divmod", vec![a.clone(), b.clone()])
                } else {
                    Ok(Value::NotImplemented)
                }
            }
        }
    };
    add(interp, class, "__divmod__", with_arg("__divmod__", kind, &name, divmod(false)));
    add(interp, class, "__rdivmod__", with_arg("__rdivmod__", kind, &name, divmod(true)));
    let class_name = name.clone();
    let round = native("__round__", move |i, a, _| {
        let kind = if class_name == "float" { Kind::Float } else { Kind::Int };
        let n = a.len().saturating_sub(1);
        let a = receiver(i, "__round__", kind, &class_name, a, n.min(1))?;
        call_builtin(i, "round", a.to_vec())
    });
    add(interp, class, "__round__", round);
}

/// Whether a numeric dunder of `a`'s type handles `b`.
fn accepts_num(a: &Value, b: &Value) -> bool {
    accepts(if matches!(a, Value::Float(_)) { Kind::Float } else { Kind::Int }, b)
}

fn install_container(interp: &mut Interpreter, class: &Rc<Class>, kind: Kind) {
    let name = class.name.clone();
    add(interp, class, "__len__", unary("__len__", kind, &name, |i, v| i.len(v).map(|n| Value::Int(n as i64))));
    add(interp, class, "__iter__", unary("__iter__", kind, &name, |i, v| i.iter(v.clone())));
    add(
        interp,
        class,
        "__contains__",
        with_arg("__contains__", kind, &name, |i, c, x| i.contains(c, x).map(Value::Bool)),
    );
    if kind != Kind::Set {
        add(interp, class, "__getitem__", with_arg("__getitem__", kind, &name, |i, c, k| i.getitem(c, k)));
    }
    if matches!(kind, Kind::List | Kind::Dict) {
        let set = native("__setitem__", move |i, a, _| {
            let a = receiver(i, "__setitem__", kind, if kind == Kind::List { "list" } else { "dict" }, a, 2)?;
            i.setitem(&a[0], a[1].clone(), a[2].clone()).map(|()| Value::None)
        });
        add(interp, class, "__setitem__", set);
        let del: Binary = |i, c, k| i.delitem(c, k).map(|()| Value::None);
        add(interp, class, "__delitem__", with_arg("__delitem__", kind, &name, del));
        add(
            interp,
            class,
            "__reversed__",
            unary("__reversed__", kind, &name, |i, v| call_builtin(i, "reversed", vec![v.clone()])),
        );
    }
    let ops: &[(&'static str, BinOp, Mismatch)] = match kind {
        Kind::Str => &[("__add__", BinOp::Add, Mismatch::Run), ("__mod__", BinOp::Mod, Mismatch::Run)],
        Kind::List | Kind::Tuple | Kind::Bytes => &[("__add__", BinOp::Add, Mismatch::Run)],
        Kind::Dict => &[("__or__", BinOp::BitOr, Mismatch::NotImplemented)],
        _ => &[
            ("__or__", BinOp::BitOr, Mismatch::NotImplemented),
            ("__and__", BinOp::BitAnd, Mismatch::NotImplemented),
            ("__sub__", BinOp::Sub, Mismatch::NotImplemented),
            ("__xor__", BinOp::BitXor, Mismatch::NotImplemented),
        ],
    };
    for &(dunder, op, on_mismatch) in ops {
        add(interp, class, dunder, binary(dunder, op, false, kind, &name, on_mismatch));
    }
    if matches!(kind, Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes) {
        add(interp, class, "__mul__", binary("__mul__", BinOp::Mult, false, kind, &name, Mismatch::Count));
        add(interp, class, "__rmul__", binary("__rmul__", BinOp::Mult, true, kind, &name, Mismatch::Count));
    }
}

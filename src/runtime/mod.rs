//! Running the executable tree: frames, the instruction loop, expression evaluation,
//! calls, operators, attributes, iteration and exceptions.

pub mod async_gen;
pub mod attr;
pub mod aug_assign;
pub mod awaiting;
pub mod builtin_calls;
pub mod call;
pub mod class;
pub mod compare;
pub mod container;
pub mod coroutine;
pub mod delegate;
pub mod descriptors;
pub mod eval;
pub mod except_star;
pub mod exception;
pub mod exec;
pub mod frame;
pub mod import;
pub mod inline_await;
pub mod iter;
pub mod module_dict;
pub mod ops;
pub mod repr;
pub mod subclass;

pub use exception::{ErrKind, ExcKind, PyErr};

/// The result of anything that can raise a Python exception.
pub type PyResult<T> = Result<T, PyErr>;

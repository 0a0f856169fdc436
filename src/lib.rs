//! pyish: a Python-like interpreter built around `async`/`await`.
//!
//! Architecture: [`syntax`] turns source text into an AST (logos lexer, layout pass,
//! chumsky parser, context checks); [`diagnostics`] renders every error with ariadne;
//! [`cli`] is the thin command-line front end.
#![deny(missing_docs)]

pub mod builtins;
pub mod cli;
pub mod compile;
pub mod diagnostics;
pub mod event_loop;
/// Python's float `repr` and the format-spec mini-language, as pure functions.
pub mod format;
/// CPython-compatible `hash()` functions and the CPython-ordered set table.
pub mod hashing;
pub mod intern;
pub mod interpreter;
pub mod modules;
/// CPython-compatible Mersenne Twister engine behind the `random` module.
pub mod random;
pub mod runner;
pub mod runtime;
pub mod source;
pub mod suggestions;
pub mod syntax;
pub mod traceback;
pub mod value;

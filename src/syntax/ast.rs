//! The abstract syntax tree. It mirrors Python's `ast` module closely (same node
//! names and shapes), and every node carries the byte span it came from.

use crate::source::Span;
use num_bigint::BigInt;

/// A whole file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Module {
    /// Top-level statements.
    pub body: Vec<Stmt>,
}

/// A name with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The identifier text.
    pub name: Box<str>,
    /// Where it was written.
    pub span: Span,
}

/// A statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// What kind of statement.
    pub kind: StmtKind,
    /// The whole statement, decorators included.
    pub span: Span,
}

/// The statement kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `a = b = value`: one or more targets.
    Assign { targets: Vec<Expr>, value: Expr },
    /// `target op= value`.
    AugAssign { target: Expr, op: BinOp, value: Expr },
    /// `target: annotation [= value]`.
    AnnAssign { target: Expr, annotation: Expr, value: Option<Expr> },
    /// `del a, b`.
    Delete(Vec<Expr>),
    /// `pass`.
    Pass,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `return [value]`.
    Return(Option<Expr>),
    /// `raise [exc [from cause]]`.
    Raise { exc: Option<Expr>, cause: Option<Expr> },
    /// `global a, b`.
    Global(Vec<Ident>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Ident>),
    /// `assert test[, msg]`.
    Assert { test: Expr, msg: Option<Expr> },
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from .module import names` (`names` is a single `*` alias for `import *`).
    ImportFrom { module: Option<Box<str>>, level: u32, names: Vec<Alias> },
    /// `if test: body else: orelse` (`elif` nests another `If` in `orelse`).
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `while test: body else: orelse`.
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `[async] for target in iter: body else: orelse`.
    For { is_async: bool, target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `try` with handlers, `else` and `finally`.
    Try { body: Vec<Stmt>, handlers: Vec<ExceptHandler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
    /// `[async] with a as b, c: body`.
    With { is_async: bool, items: Vec<WithItem>, body: Vec<Stmt> },
    /// `[async] def`.
    FunctionDef(Box<FunctionDef>),
    /// `class`.
    ClassDef(Box<ClassDef>),
    /// Placeholder left where the parser recovered from an error.
    Error,
}

/// `name [as asname]` in an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// Dotted name (`a.b.c`), or `*`.
    pub name: Box<str>,
    /// The `as` name.
    pub asname: Option<Ident>,
    /// The whole alias.
    pub span: Span,
}

/// One `except` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptHandler {
    /// The exception type expression (`None` for a bare `except:`).
    pub typ: Option<Expr>,
    /// The `as` name.
    pub name: Option<Ident>,
    /// The handler body.
    pub body: Vec<Stmt>,
    /// The `except ...:` header.
    pub span: Span,
    /// `except*` (handles the matching part of an exception group).
    pub is_star: bool,
}

/// One `expr [as target]` of a `with`.
#[derive(Debug, Clone, PartialEq)]
pub struct WithItem {
    /// The context manager expression.
    pub context: Expr,
    /// The `as` target.
    pub target: Option<Expr>,
}

/// A function definition.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// The function name.
    pub name: Ident,
    /// `async def`?
    pub is_async: bool,
    /// The parameters.
    pub params: Params,
    /// The `-> annotation`.
    pub returns: Option<Expr>,
    /// The body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A class definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    /// The class name.
    pub name: Ident,
    /// Positional bases (may contain `Starred`).
    pub bases: Vec<Expr>,
    /// `metaclass=...` and other keywords.
    pub keywords: Vec<Keyword>,
    /// The body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A parameter list, in Python's five groups.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params {
    /// Before `/`.
    pub posonly: Vec<Param>,
    /// Positional-or-keyword.
    pub args: Vec<Param>,
    /// `*args`.
    pub vararg: Option<Param>,
    /// After `*` or `*args`.
    pub kwonly: Vec<Param>,
    /// `**kwargs`.
    pub kwarg: Option<Param>,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: Ident,
    /// Its annotation (accepted and ignored by the runtime).
    pub annotation: Option<Expr>,
    /// Its default value.
    pub default: Option<Expr>,
}

/// `name=value` or `**value` in a call or class header.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// The keyword (`None` for `**value`).
    pub arg: Option<Ident>,
    /// The value.
    pub value: Expr,
    /// The whole keyword argument.
    pub span: Span,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// The expression kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A variable.
    Name(Box<str>),
    /// An int literal that fits in `i64`.
    Int(i64),
    /// A larger int literal.
    BigInt(Box<BigInt>),
    /// A float literal.
    Float(f64),
    /// A string literal (adjacent literals already joined).
    Str(Box<str>),
    /// A bytes literal (adjacent literals already joined).
    Bytes(Box<[u8]>),
    /// An f-string (adjacent plain strings folded in as literal parts).
    FString(Vec<FStringPart>),
    /// `None`.
    None,
    /// `True`.
    True,
    /// `False`.
    False,
    /// `...`.
    Ellipsis,
    /// `a and b and c` / `a or b`.
    BoolOp { op: BoolOp, values: Vec<Expr> },
    /// `target := value`.
    NamedExpr { target: Ident, value: Box<Expr> },
    /// `left op right`.
    BinOp { left: Box<Expr>, op: BinOp, right: Box<Expr> },
    /// `op operand`.
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    /// `lambda params: body`.
    Lambda { params: Box<Params>, body: Box<Expr> },
    /// `body if test else orelse`.
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    /// `left op1 c1 op2 c2 ...`.
    Compare { left: Box<Expr>, ops: Vec<CmpOp>, comparators: Vec<Expr> },
    /// `func(args, keywords)`; `args` may contain `Starred`.
    Call { func: Box<Expr>, args: Vec<Expr>, keywords: Vec<Keyword> },
    /// `value.attr`.
    Attribute { value: Box<Expr>, attr: Ident },
    /// `value[index]`; a tuple of indices is a `Tuple`, slices are `Slice`.
    Subscript { value: Box<Expr>, index: Box<Expr> },
    /// `lower:upper:step` inside a subscript.
    Slice { lower: Option<Box<Expr>>, upper: Option<Box<Expr>>, step: Option<Box<Expr>> },
    /// `*value` in a display, call or assignment target.
    Starred(Box<Expr>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `{k: v, **m}`.
    Dict(Vec<DictItem>),
    /// `[elt for ...]`.
    ListComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    /// `{elt for ...}`.
    SetComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    /// `{key: value for ...}`.
    DictComp { key: Box<Expr>, value: Box<Expr>, generators: Vec<Comprehension> },
    /// `(elt for ...)`.
    GeneratorExp { elt: Box<Expr>, generators: Vec<Comprehension> },
    /// `await value`.
    Await(Box<Expr>),
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from value`.
    YieldFrom(Box<Expr>),
    /// Placeholder left where the parser recovered from an error.
    Error,
}

/// One entry of a dict display.
#[derive(Debug, Clone, PartialEq)]
pub enum DictItem {
    /// `key: value`.
    Pair(Expr, Expr),
    /// `**mapping`.
    Unpack(Expr),
}

/// One `[async] for target in iter [if cond]...` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` filters.
    pub ifs: Vec<Expr>,
    /// `async for`?
    pub is_async: bool,
}

/// A piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FStringPart {
    /// Literal text (escapes and `{{`/`}}` decoded).
    Literal(Box<str>),
    /// A `{...}` replacement field.
    Field(Box<FormattedValue>),
}

/// A replacement field `{value=!conv:spec}`.
#[derive(Debug, Clone, PartialEq)]
pub struct FormattedValue {
    /// The expression.
    pub value: Expr,
    /// For `{x=}`: the text printed before the value.
    pub debug_text: Option<Box<str>>,
    /// `'r'`, `'s'` or `'a'`.
    pub conversion: Option<char>,
    /// The format spec, itself made of parts (it may contain nested fields).
    pub spec: Option<Vec<FStringPart>>,
    /// The whole field, braces included.
    pub span: Span,
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    /// `and`.
    And,
    /// `or`.
    Or,
}

/// Binary arithmetic and bitwise operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mult,
    /// `@`
    MatMult,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
}

impl BinOp {
    /// The operator's source text (`+`, `//`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mult => "*",
            BinOp::MatMult => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    USub,
    /// `+`
    UAdd,
    /// `~`
    Invert,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtE,
    /// `>`
    Gt,
    /// `>=`
    GtE,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
}

impl Expr {
    /// Builds an expression node.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

impl Stmt {
    /// Builds a statement node.
    pub fn new(kind: StmtKind, span: Span) -> Stmt {
        Stmt { kind, span }
    }
}

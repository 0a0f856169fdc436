//! The executable tree. Names are already resolved to slots (locals, cells, module
//! globals) so the evaluator never looks a variable up by name, except in class
//! bodies, whose namespace is a mapping by definition.
//!
//! Statements are flattened into a list of instructions with jumps, so a frame's
//! position is one index and any frame can be suspended and resumed (generators,
//! coroutines); expressions stay trees evaluated by plain recursion.

use crate::intern::Symbol;
use crate::source::Span;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::Value;
use std::rc::Rc;

/// Where a variable lives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Var {
    /// A local slot of the frame.
    Local(u32),
    /// A cell of the frame (own captured variable or closure variable).
    Cell(u32),
    /// A module global (slot in the module's globals), falling back to builtins.
    Global(u32),
    /// A class-body name: looked up in the class namespace, then globals, then builtins.
    Name(Symbol),
}

/// An expression.
#[derive(Debug)]
pub enum Expr {
    /// A constant built at compile time.
    Const(Value),
    /// A variable read; `Symbol` is its name for error messages.
    Load(Var, Symbol),
    /// `left op right`.
    Binary(Box<Expr>, BinOp, Box<Expr>),
    /// `local op constant` (e.g. `n - 1`): evaluated without cloning the local.
    BinLocalConst(u32, BinOp, Value, Symbol),
    /// `left op right` with one comparison operator.
    Compare1(Box<(Expr, CmpOp, Expr)>),
    /// `op operand`.
    Unary(UnaryOp, Box<Expr>),
    /// `a and b and c` (`true`) / `a or b` (`false`).
    BoolOp(bool, Vec<Expr>),
    /// `left op1 c1 op2 c2 ...`.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `body if test else orelse`.
    IfExp(Box<(Expr, Expr, Expr)>),
    /// A call.
    Call(Box<Call>),
    /// `obj.name(args)`: looked up through the class without a bound-method object.
    CallMethod(Box<(Expr, Symbol, Call, crate::value::AttrCache)>),
    /// `value.name`.
    Attr(Box<Expr>, Symbol),
    /// `value[index]`.
    Subscript(Box<(Expr, Expr)>),
    /// `lower:upper:step`.
    Slice(Box<[Option<Expr>; 3]>),
    /// `(a, *b)`.
    Tuple(Vec<Elt>),
    /// `[a, *b]`.
    List(Vec<Elt>),
    /// `{a, *b}`.
    Set(Vec<Elt>),
    /// `{k: v, **m}`.
    Dict(Vec<DictElt>),
    /// An f-string.
    FString(Vec<FPart>),
    /// `def`/`lambda`: builds a function object.
    MakeFunction(Box<MakeFunction>),
    /// `class`: runs the body and builds the class.
    MakeClass(Box<MakeClass>),
    /// A list/set/dict comprehension, run inline with its own slots.
    Comprehension(Box<Comprehension>),
    /// `target := value`.
    Walrus(Box<(Target, Expr)>),
    /// `iter(value)` (the first iterable of a generator expression).
    Iter(Box<Expr>),
    /// A construct not supported yet; raising at run time keeps the rest runnable.
    Unsupported(&'static str),
    /// `type(it).__anext__(it)` for the async iterator in the slot (`async for`).
    Anext(u32),
    /// Calls the `__aexit__`/`__exit__` kept in the slot: with `(None, None, None)`, or
    /// (`true`) with the exception being handled.
    ExitCall(u32, bool),
}

/// An element of a tuple/list/set display.
#[derive(Debug)]
pub enum Elt {
    /// A plain element.
    One(Expr),
    /// `*iterable`.
    Star(Expr),
}

/// An element of a dict display.
#[derive(Debug)]
pub enum DictElt {
    /// `key: value`.
    Pair(Expr, Expr),
    /// `**mapping`.
    Unpack(Expr),
}

/// A piece of an f-string.
#[derive(Debug)]
pub enum FPart {
    /// Literal text.
    Text(Rc<str>),
    /// `{value!conv:spec}`.
    Field(Box<Expr>, Option<char>, Option<Vec<FPart>>),
}

/// Call arguments.
#[derive(Debug)]
pub struct Call {
    /// The callee (unused for method calls).
    pub func: Expr,
    /// Positional arguments, possibly starred.
    pub args: Vec<Elt>,
    /// Keyword arguments (`None` name = `**mapping`).
    pub keywords: Vec<(Option<Symbol>, Expr)>,
    /// Whether any argument is starred or `**` (the slow path).
    pub has_star: bool,
}

/// Everything needed to build a function object at run time.
#[derive(Debug)]
pub struct MakeFunction {
    /// The compiled function.
    pub code: Rc<Code>,
    /// Default values of positional parameters.
    pub defaults: Vec<Expr>,
    /// Default values of keyword-only parameters (`None` = required).
    pub kwdefaults: Vec<Option<Expr>>,
    /// Decorators, innermost last.
    pub decorators: Vec<Expr>,
    /// Cells of the defining frame captured by the function, in `code.cell_names` order.
    pub closure: Vec<u32>,
}

/// Everything needed to build a class at run time.
#[derive(Debug)]
pub struct MakeClass {
    /// The class name.
    pub name: Symbol,
    /// The qualified name.
    pub qualname: String,
    /// The class body, run with its own namespace.
    pub body: Rc<Code>,
    /// Base classes.
    pub bases: Vec<Elt>,
    /// Class keywords (`metaclass=` is rejected).
    pub keywords: Vec<(Option<Symbol>, Expr)>,
    /// Decorators.
    pub decorators: Vec<Expr>,
    /// Cells of the defining frame captured by the class body.
    pub closure: Vec<u32>,
}

/// What a comprehension builds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CompKind {
    /// `[...]`.
    List,
    /// `{...}`.
    Set,
    /// `{k: v ...}`.
    Dict,
}

/// An inline comprehension: loops over `clauses`, evaluating `element` (and `value`
/// for dicts) in the innermost one.
#[derive(Debug)]
pub struct Comprehension {
    /// What it builds.
    pub kind: CompKind,
    /// The element (the key for dicts).
    pub element: Expr,
    /// The value for dict comprehensions.
    pub value: Option<Expr>,
    /// The `for`/`if` clauses.
    pub clauses: Vec<Clause>,
}

/// One `for target in iter if cond...` clause.
#[derive(Debug)]
pub struct Clause {
    /// The loop target.
    pub target: Target,
    /// The iterable.
    pub iter: Expr,
    /// The filters.
    pub ifs: Vec<Expr>,
}

/// Where an assignment stores.
#[derive(Debug)]
pub enum Target {
    /// A variable.
    Var(Var, Symbol),
    /// `obj.name`.
    Attr(Expr, Symbol),
    /// `obj[index]`.
    Subscript(Expr, Expr),
    /// `a, *b, c`: targets and the index of the starred one.
    Unpack(Vec<Target>, Option<usize>),
}

/// One instruction of a code body.
#[derive(Debug)]
pub enum Instr {
    /// Evaluate and discard.
    Expr(Expr),
    /// `t1 = t2 = value`.
    Assign(Vec<Target>, Expr),
    /// `target op= value`.
    AugAssign(Target, BinOp, Expr),
    /// `del target`.
    Delete(Target),
    /// Unconditional jump.
    Jump(u32),
    /// Jump when the expression is false.
    JumpIfFalse(Expr, u32),
    /// `iter(expr)` into a hidden local slot.
    GetIter(Expr, u32),
    /// Next item of the iterator in the slot into the target, or jump when exhausted.
    ForIter(u32, Target, u32),
    /// Return the value.
    Return(Expr),
    /// `raise [exc [from cause]]`.
    Raise(Option<Expr>, Option<Expr>),
    /// Push an exception handler (for `except` or `finally`) at the pc.
    SetupHandler(u32),
    /// Pop the innermost handler (the protected block ended normally).
    PopBlock,
    /// In an `except` clause: jump to the pc unless the current exception matches.
    ExceptMatch(Expr, u32),
    /// Store the current exception in the target.
    BindException(Target),
    /// Leave an exception handler normally (the exception is handled).
    PopExcept,
    /// End of a handler that did not handle the exception: raise it again.
    Reraise,
    /// `with`: evaluate the manager, store `__exit__` in the slot, call `__enter__`.
    WithEnter(Expr, u32, Option<Target>),
    /// Normal exit of a `with` block: call `__exit__(None, None, None)`.
    WithExit(u32),
    /// Exceptional exit of a `with` block: call `__exit__` with the exception and
    /// swallow it when the result is true (then jump to the pc).
    WithExcept(u32, u32),
    /// `assert test, msg`.
    Assert(Expr, Option<Expr>),
    /// `import a.b as c` (`true`: binds the submodule) / `import a.b` (binds `a`).
    Import(Symbol, Target, bool),
    /// `from m import a as b, ...` (`level` dots).
    ImportFrom(Option<Symbol>, u32, Vec<(Symbol, Target)>),
    /// `from m import *`.
    ImportStar(Option<Symbol>, u32),
    /// `yield value` as a statement, storing what is sent into the target.
    Yield(Expr, Option<Target>),
    /// `[target =] yield from iterable`: delegates to the sub-iterator kept in the
    /// slot, re-running this instruction after each value it yields, and stores the
    /// sub-generator's return value.
    YieldFrom(Expr, Option<Target>, u32),
    /// `await`: see [`Await`].
    Await(Box<Await>),
    /// `aiter(value)` into a hidden local slot (`async for`).
    GetAIter(Expr, u32),
    /// The end of an `async for`: empties the iterator's slot, finalizing an async
    /// generator nothing else refers to (as CPython does when its last reference
    /// goes).
    ReleaseAIter(u32),
    /// `async with`: evaluate the manager, store its bound `__aexit__` in the first
    /// slot and the awaitable returned by `__aenter__` in the second.
    AsyncWithEnter(Expr, u32, u32),
    /// Appends to the collection in the slot (comprehensions lowered to statements
    /// because they suspend): the element, or key and value for dicts.
    CompAppend(u32, CompKind, Expr, Option<Expr>),
    /// Start of the `except*` clauses: the exception being handled goes into the
    /// first slot (the part still unmatched), an empty list into the second (what
    /// the handlers raise).
    StarStart(u32, u32),
    /// `except* T`: moves the part of the unmatched exception that `T` matches into
    /// a new handled exception, or jumps to the pc when nothing matches.
    StarMatch(Expr, u32, u32),
    /// An `except*` handler raised: records the exception in the list in the slot and
    /// leaves the handler.
    StarCollect(u32),
    /// End of the `except*` clauses: raises what is left (CPython's rule for
    /// combining re-raised and new exceptions) or ends the handling.
    StarEnd(u32, u32),
    /// Does nothing.
    Nop,
}

/// `[target =] await value`. The awaitable's iterator is kept in `slot`; the
/// instruction re-runs after each value it yields (suspending the whole task), and a
/// coroutine awaited here is run by the task's driver on top of this frame.
#[derive(Debug)]
pub struct Await {
    /// The awaited expression.
    pub value: Expr,
    /// Where the result goes.
    pub target: Option<Target>,
    /// The hidden slot holding the awaitable being delegated to.
    pub slot: u32,
    /// For `async for`: where `StopAsyncIteration` jumps (the loop's exit).
    pub stop: Option<u32>,
}

/// What kind of code a `Code` is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CodeKind {
    /// A module body.
    Module,
    /// A class body (namespace is a mapping).
    Class,
    /// A function (or lambda).
    Function,
    /// A generator function.
    Generator,
    /// An `async def` function.
    Coroutine,
    /// An `async def` function containing `yield`.
    AsyncGenerator,
}

/// A parameter list, resolved.
#[derive(Debug, Default)]
pub struct Signature {
    /// Positional parameter names (posonly first).
    pub positional: Vec<Symbol>,
    /// How many of `positional` are positional-only.
    pub posonly: usize,
    /// Keyword-only parameter names.
    pub kwonly: Vec<Symbol>,
    /// Whether there is `*args`.
    pub varargs: bool,
    /// Whether there is `**kwargs`.
    pub varkw: bool,
}

impl Signature {
    /// Whether exactly `n` positional arguments bind one-to-one (the call fast path).
    pub fn is_simple(&self, n: usize) -> bool {
        self.positional.len() == n && !self.varargs && !self.varkw && self.kwonly.is_empty()
    }
}

/// Compiled code: shared by every call, never cloned per call.
#[derive(Debug)]
pub struct Code {
    /// The function (or `<module>`) name.
    pub name: Symbol,
    /// The qualified name.
    pub qualname: String,
    /// What kind of code.
    pub kind: CodeKind,
    /// The parameters; parameter `i` lives in local slot `i`.
    pub sig: Signature,
    /// Number of local slots (parameters, locals, hidden temporaries).
    pub nlocals: u32,
    /// Names of local slots (for errors and `locals()`).
    pub local_names: Vec<Symbol>,
    /// Names of free variables (taken from the closure), then of cells created by
    /// this frame.
    pub cell_names: Vec<Symbol>,
    /// How many of `cell_names` are free variables.
    pub nfree: u32,
    /// The cell that receives the class being built (class bodies using `super`).
    pub class_cell: Option<u32>,
    /// For each own cell that is a parameter: (cell index, local slot).
    pub cell_params: Vec<(u32, u32)>,
    /// The instructions.
    pub instrs: Vec<Instr>,
    /// The source span of each instruction (for tracebacks).
    pub spans: Vec<Span>,
    /// The file the code came from.
    pub filename: Rc<str>,
    /// The span of the definition (for the first line).
    pub def_span: Span,
    /// The docstring.
    pub doc: Option<Rc<str>>,
    /// For a plain function whose parameters are all positional (no `*args`,
    /// keyword-only or `**kwargs`): their number, else `u32::MAX`. The call fast
    /// path tests this one field instead of the kind and four signature fields.
    pub simple_nargs: u32,
}

impl Code {
    /// Whether a call with exactly `n` positional arguments binds them one-to-one
    /// to the parameters of a plain (non-generator, non-async) function.
    #[inline(always)]
    pub fn takes_exactly(&self, n: usize) -> bool {
        self.simple_nargs as usize == n
    }
}

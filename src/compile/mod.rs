//! AST → executable tree (DESIGN §2 "resolve / lower").
//!
//! [`scope`] decides where every name lives; [`lower_stmt`] and [`lower_expr`] then
//! emit [`ir::Instr`]s and [`ir::Expr`]s with slots instead of names. The result is an
//! `Rc<Code>` per function, shared by every call.

pub mod ir;
mod lower_async;
mod lower_expr;
mod lower_stmt;
pub mod scope;

pub use ir::{Code, CodeKind};

use crate::intern::{Interner, Symbol};
use crate::source::Span;
use crate::syntax::SyntaxError;
use crate::syntax::ast;
use crate::value::object::Globals;
/// Insertion-ordered maps of names, hashed with hashbrown's fast default hasher.
type IndexMap<K, V> = indexmap::IndexMap<K, V, hashbrown::DefaultHashBuilder>;
use hashbrown::HashMap;
use ir::{Instr, Signature, Var};
use scope::{Binding, ScopeKind, ScopeTable};
use std::rc::Rc;

pub(crate) use crate::syntax::validate::for_each_child as scope_children;

/// Compiles a parsed module whose globals live in `globals`.
pub fn compile_module(
    module: &ast::Module,
    filename: &str,
    interner: &mut Interner,
    globals: &mut Globals,
) -> Result<Rc<Code>, SyntaxError> {
    let table = scope::analyze(module)?;
    let mut lowerer = Lowerer { interner, globals, table: &table, filename: filename.into() };
    let name = lowerer.interner.intern("<module>");
    let mut code = CodeBuilder::new(0, CodeKind::Module, name, "<module>".into());
    lowerer.block(&mut code, &module.body)?;
    Ok(Rc::new(lowerer.finish(code, Span::default(), None)))
}

/// Shared state of one compilation.
pub(crate) struct Lowerer<'a> {
    pub interner: &'a mut Interner,
    pub globals: &'a mut Globals,
    pub table: &'a ScopeTable,
    pub filename: Rc<str>,
}

/// An enclosing construct that `return`/`break`/`continue` must unwind through.
pub(crate) enum Block<'ast> {
    /// A loop: `continue` jumps to `start`; `break` jumps are patched at the end.
    Loop { start: u32, breaks: Vec<usize> },
    /// A `try` body with an `except` handler.
    Except,
    /// A `try` body with a `finally` (its body is inlined on early exits).
    Finally(&'ast [ast::Stmt]),
    /// Inside an exception handler (`except` body or exceptional `finally`).
    Handler,
    /// A `with` body; the slot holds `__exit__`.
    With(u32),
    /// An `async with` body; the slot holds `__aexit__`.
    AsyncWith(u32),
}

/// The code being built for one function/class/module.
pub(crate) struct CodeBuilder<'ast> {
    pub scope: usize,
    pub kind: CodeKind,
    pub name: Symbol,
    pub qualname: String,
    pub instrs: Vec<Instr>,
    pub spans: Vec<Span>,
    pub locals: IndexMap<Box<str>, u32>,
    pub cells: IndexMap<Box<str>, u32>,
    pub nfree: u32,
    pub comps: Vec<(usize, HashMap<Box<str>, Var>)>,
    pub blocks: Vec<Block<'ast>>,
    pub span: Span,
    pub temps: u32,
    /// The hidden slot every `await` of this code holds its awaitable in while it
    /// waits (one frame runs one `await` at a time, and each clears the slot when
    /// it ends, so they share it: a pending coroutine is a slot per await smaller).
    pub await_slot: Option<u32>,
    /// The enclosing class's name, for private-name mangling (`__x` → `_C__x`).
    pub class_name: Option<String>,
    /// How many short-circuit/conditional operands enclose the expression being
    /// lowered (a suspension there cannot be hoisted before the statement).
    pub conditional: usize,
    pub sig: Signature,
    /// Whether this is the body of an `async def` (or an async generator expression).
    pub is_async: bool,
}

impl<'ast> CodeBuilder<'ast> {
    pub fn new(scope: usize, kind: CodeKind, name: Symbol, qualname: String) -> CodeBuilder<'ast> {
        CodeBuilder {
            scope,
            kind,
            name,
            qualname,
            instrs: Vec::new(),
            spans: Vec::new(),
            locals: IndexMap::default(),
            cells: IndexMap::default(),
            nfree: 0,
            comps: Vec::new(),
            blocks: Vec::new(),
            span: Span::default(),
            temps: 0,
            await_slot: None,
            class_name: None,
            conditional: 0,
            sig: Signature::default(),
            is_async: false,
        }
    }

    /// Appends an instruction at the current statement's span; returns its index.
    pub fn emit(&mut self, instr: Instr) -> usize {
        self.instrs.push(instr);
        self.spans.push(self.span);
        self.instrs.len() - 1
    }

    /// The index the next instruction will have.
    pub fn here(&self) -> u32 {
        u32::try_from(self.instrs.len()).unwrap_or(u32::MAX)
    }

    /// Points the jump at `at` to `target`.
    pub fn patch(&mut self, at: usize, target: u32) {
        if let Some(
            Instr::Jump(t)
            | Instr::JumpIfFalse(_, t)
            | Instr::ForIter(_, _, t)
            | Instr::SetupHandler(t)
            | Instr::ExceptMatch(_, t)
            | Instr::WithExcept(_, t)
            | Instr::StarMatch(_, _, t),
        ) = self.instrs.get_mut(at)
        {
            *t = target
        } else if let Some(Instr::Await(a)) = self.instrs.get_mut(at) {
            a.stop = Some(target);
        }
    }

    /// A local slot for `name`.
    pub fn local(&mut self, name: &str) -> u32 {
        let next = u32::try_from(self.locals.len()).unwrap_or(u32::MAX);
        *self.locals.entry(name.into()).or_insert(next)
    }

    /// A fresh hidden local slot.
    pub fn temp(&mut self) -> u32 {
        self.temps += 1;
        let name = format!(".t{}", self.temps);
        self.local(&name)
    }

    /// The slot shared by this code's awaits (see [`CodeBuilder::await_slot`]).
    pub fn shared_await_slot(&mut self) -> u32 {
        match self.await_slot {
            Some(slot) => slot,
            None => {
                let slot = self.temp();
                self.await_slot = Some(slot);
                slot
            }
        }
    }

    /// A cell index for `name` (own cell unless registered as free).
    pub fn cell(&mut self, name: &str) -> u32 {
        let next = u32::try_from(self.cells.len()).unwrap_or(u32::MAX);
        *self.cells.entry(name.into()).or_insert(next)
    }
}

impl<'a> Lowerer<'a> {
    /// Interns a name.
    pub fn sym(&mut self, name: &str) -> Symbol {
        self.interner.intern(name)
    }

    /// Interns an attribute or variable name, mangling `__private` names inside a class
    /// (scope tables stay keyed by the unmangled name).
    pub fn attr_sym(&mut self, code: &CodeBuilder<'_>, name: &str) -> Symbol {
        match &code.class_name {
            Some(class) if name.starts_with("__") && !name.ends_with("__") => {
                let class = class.trim_start_matches('_');
                if class.is_empty() {
                    return self.sym(name);
                }
                let mangled = format!("_{class}{name}");
                self.sym(&mangled)
            }
            _ => self.sym(name),
        }
    }

    /// Where `name` lives as seen from the code being built.
    ///
    /// Inside an inline comprehension of a class body, a name the comprehension does
    /// not bind is resolved by the comprehension's own scope: class variables are not
    /// visible there (CPython runs it as a function), so it is a global or an enclosing
    /// function's cell, never a class-namespace lookup.
    pub fn var(&mut self, code: &mut CodeBuilder<'_>, name: &str) -> Var {
        for (_, vars) in code.comps.iter().rev() {
            if let Some(v) = vars.get(name) {
                return *v;
            }
        }
        if code.kind == CodeKind::Class
            && let Some((comp, _)) = code.comps.last()
        {
            match self.table.scopes.get(*comp).and_then(|s| s.resolved.get(name)) {
                Some(Binding::Free | Binding::Cell) => return Var::Cell(code.cell(name)),
                Some(Binding::Global) | None => {
                    let sym = self.attr_sym(code, name);
                    return Var::Global(u32::try_from(self.globals.slot(sym)).unwrap_or(u32::MAX));
                }
                _ => {}
            }
        }
        let binding = self.table.scopes.get(code.scope).and_then(|s| s.resolved.get(name)).copied();
        match binding {
            Some(Binding::Local) => Var::Local(code.local(name)),
            Some(Binding::Cell | Binding::Free) => Var::Cell(code.cell(name)),
            Some(Binding::ClassName) => Var::Name(self.attr_sym(code, name)),
            Some(Binding::Global) | None => {
                if code.kind == CodeKind::Class {
                    return Var::Name(self.attr_sym(code, name));
                }
                let sym = self.attr_sym(code, name);
                Var::Global(u32::try_from(self.globals.slot(sym)).unwrap_or(u32::MAX))
            }
        }
    }

    /// Starts the code of a child scope: parameters first, free variables registered.
    pub fn child_code<'ast>(
        &mut self,
        scope: usize,
        kind: CodeKind,
        name: &str,
        qualname: String,
    ) -> CodeBuilder<'ast> {
        let sym = self.sym(name);
        let mut code = CodeBuilder::new(scope, kind, sym, qualname);
        if let Some(s) = self.table.scopes.get(scope) {
            for free in s.frees() {
                code.cell(&free);
            }
            code.nfree = u32::try_from(code.cells.len()).unwrap_or(0);
            for p in &s.params {
                code.local(p);
            }
            for c in s.cells() {
                code.cell(&c);
            }
        }
        code
    }

    /// Finishes a code object.
    pub fn finish(&mut self, mut code: CodeBuilder<'_>, def_span: Span, doc: Option<Rc<str>>) -> Code {
        if !matches!(code.instrs.last(), Some(Instr::Return(_))) {
            code.emit(Instr::Return(ir::Expr::Const(crate::value::Value::None)));
        }
        let local_names: Vec<Symbol> = code.locals.keys().map(|n| self.interner.intern(n)).collect();
        let cell_names: Vec<Symbol> = code.cells.keys().map(|n| self.interner.intern(n)).collect();
        let cell_params = code
            .cells
            .iter()
            .skip(code.nfree as usize)
            .filter_map(|(name, &cell)| {
                code.locals.get(name).filter(|&&l| (l as usize) < param_count(&code.sig)).map(|&l| (cell, l))
            })
            .collect();
        let class_cell = (code.kind == CodeKind::Class).then(|| code.cells.get("__class__").copied()).flatten();
        let scope = self.table.scopes.get(code.scope);
        let is_generator = scope.is_some_and(|s| s.is_generator && s.kind == ScopeKind::Function);
        let kind = match (code.is_async, is_generator) {
            (true, true) => CodeKind::AsyncGenerator,
            (true, false) => CodeKind::Coroutine,
            (false, true) => CodeKind::Generator,
            (false, false) => code.kind,
        };
        let simple_nargs = match kind {
            CodeKind::Function if code.sig.is_simple(code.sig.positional.len()) => {
                u32::try_from(code.sig.positional.len()).unwrap_or(u32::MAX)
            }
            _ => u32::MAX,
        };
        Code {
            simple_nargs,
            name: code.name,
            qualname: code.qualname,
            kind,
            nlocals: u32::try_from(local_names.len()).unwrap_or(u32::MAX),
            local_names,
            cell_names,
            nfree: code.nfree,
            class_cell,
            cell_params,
            instrs: code.instrs,
            spans: code.spans,
            filename: self.filename.clone(),
            def_span,
            doc,
            sig: code.sig,
        }
    }
}

/// Number of parameter slots (positional, `*args`, keyword-only, `**kwargs`).
pub fn param_count(sig: &Signature) -> usize {
    sig.positional.len() + sig.kwonly.len() + usize::from(sig.varargs) + usize::from(sig.varkw)
}

//! Symbol tables (CPython's rules): which names are locals, cells, free variables,
//! globals or class-namespace names in each scope.
//!
//! Pass 1 walks the AST and records, per scope, the names bound, used and declared
//! `global`/`nonlocal`. Pass 2 resolves each scope's names against its enclosing
//! scopes, marking captured variables as cells and threading free variables through
//! intermediate scopes. Comprehensions are scopes too (their targets do not leak) but
//! are run inline, so their variables end up as hidden slots of the enclosing code.

use crate::source::Span;
use crate::syntax::SyntaxError;
use crate::syntax::ast::*;
/// Insertion-ordered maps and sets of names, hashed with hashbrown's fast default hasher.
type IndexMap<K, V> = indexmap::IndexMap<K, V, hashbrown::DefaultHashBuilder>;
/// See [`IndexMap`].
type IndexSet<K> = indexmap::IndexSet<K, hashbrown::DefaultHashBuilder>;
use hashbrown::HashMap;

/// What kind of scope.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    /// The module.
    Module,
    /// A function or lambda.
    Function,
    /// A class body.
    Class,
    /// A comprehension (inlined into the enclosing code).
    Comprehension,
}

/// How a name is resolved in a scope.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Binding {
    /// A plain local slot.
    Local,
    /// A local that inner scopes capture: lives in a cell.
    Cell,
    /// A variable of an enclosing scope, reached through the closure.
    Free,
    /// A module global (or builtin).
    Global,
    /// A class-namespace name (looked up by name).
    ClassName,
}

/// One scope's table.
#[derive(Debug)]
pub struct Scope {
    /// Its kind.
    pub kind: ScopeKind,
    /// The enclosing scope.
    pub parent: Option<usize>,
    /// Parameters, in order (functions only).
    pub params: Vec<Box<str>>,
    /// Names bound in the scope (parameters first), in first-binding order.
    pub bound: IndexSet<Box<str>>,
    /// Names read in the scope.
    pub used: IndexSet<Box<str>>,
    /// `global` declarations.
    pub globals: IndexSet<Box<str>>,
    /// `nonlocal` declarations, with the statement of the first (where an error about
    /// the name points).
    pub nonlocals: IndexMap<Box<str>, Span>,
    /// The resolution of every name seen in the scope (filled by pass 2).
    pub resolved: IndexMap<Box<str>, Binding>,
    /// Names a class body binds in its namespace but still passes, as free variables,
    /// to inner scopes capturing them from an enclosing function (CPython's
    /// `DEF_FREE_CLASS`): the method sees the function's variable, not the class's.
    pub class_frees: IndexSet<Box<str>>,
    /// Whether the scope contains `yield` (a generator function).
    pub is_generator: bool,
    /// Whether a method body needs the implicit `__class__` cell (uses `super`).
    pub needs_class_cell: bool,
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            parent,
            params: Vec::new(),
            bound: IndexSet::default(),
            used: IndexSet::default(),
            globals: IndexSet::default(),
            nonlocals: IndexMap::default(),
            resolved: IndexMap::default(),
            class_frees: IndexSet::default(),
            is_generator: false,
            needs_class_cell: false,
        }
    }

    /// Names of this scope resolved as cells, in a stable order.
    pub fn cells(&self) -> Vec<Box<str>> {
        self.resolved.iter().filter(|(_, b)| **b == Binding::Cell).map(|(n, _)| n.clone()).collect()
    }

    /// Names of this scope resolved as free variables, then the [`Scope::class_frees`],
    /// in a stable order: the closure it receives.
    pub fn frees(&self) -> Vec<Box<str>> {
        let own = self.resolved.iter().filter(|(_, b)| **b == Binding::Free).map(|(n, _)| n);
        own.chain(&self.class_frees).cloned().collect()
    }
}

/// All scopes of a module, found by the address of the AST node that opens them.
#[derive(Debug)]
pub struct ScopeTable {
    /// The scopes; index 0 is the module.
    pub scopes: Vec<Scope>,
    /// Scope of each function/lambda/class/comprehension node, by node address.
    pub by_node: HashMap<usize, usize>,
}

/// Node address used as a scope key.
pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// Builds and resolves the scopes of `module`.
pub fn analyze(module: &Module) -> Result<ScopeTable, SyntaxError> {
    let mut b = Builder {
        table: ScopeTable { scopes: vec![Scope::new(ScopeKind::Module, None)], by_node: HashMap::new() },
        current: 0,
        marks: HashMap::new(),
        error: None,
    };
    b.stmts(&module.body);
    if let Some(e) = b.error {
        return Err(e);
    }
    let mut table = b.table;
    for id in 0..table.scopes.len() {
        resolve_scope(&mut table, id)?;
    }
    Ok(table)
}

/// Pass 1: records bindings and uses.
struct Builder {
    table: ScopeTable,
    current: usize,
    /// Per (scope, name): [`LOADED`] and [`ANNOTATED`], which `global`/`nonlocal`
    /// checks need beyond `bound` (an augmented assignment binds without loading, as
    /// in CPython's symbol table).
    marks: HashMap<(usize, Box<str>), u8>,
    /// The first `global`/`nonlocal` declaration error.
    error: Option<SyntaxError>,
}

/// The name is read as a value in the scope.
const LOADED: u8 = 1;
/// The name has an annotation in the scope.
const ANNOTATED: u8 = 2;
/// The name is bound in the scope other than by an import.
const ASSIGNED: u8 = 4;

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.table.scopes[self.current]
    }

    fn bind(&mut self, name: &str) {
        self.mark(name, ASSIGNED);
        self.scope().bound.insert(name.into());
    }

    /// An import binds the name but, as in CPython 3.11 (`DEF_IMPORT` is not among
    /// the flags its symtable checks), a later `global`/`nonlocal` of it is allowed.
    fn bind_import(&mut self, name: &str) {
        self.scope().bound.insert(name.into());
    }

    fn use_name(&mut self, name: &str) {
        self.scope().used.insert(name.into());
    }

    fn mark(&mut self, name: &str, flag: u8) {
        *self.marks.entry((self.current, name.into())).or_default() |= flag;
    }

    /// CPython's symtable checks for `global`/`nonlocal` of a name the scope already
    /// has as a parameter, read, annotated or assigned (in that order of priority).
    fn declare(&mut self, name: &str, what: &str, span: Span) {
        let flags = self.marks.get(&(self.current, name.into())).copied().unwrap_or(0);
        let scope = &self.table.scopes[self.current];
        let msg = if scope.params.iter().any(|p| &**p == name) {
            format!("name '{name}' is parameter and {what}")
        } else if flags & LOADED != 0 {
            format!("name '{name}' is used prior to {what} declaration")
        } else if flags & ANNOTATED != 0 {
            format!("annotated name '{name}' can't be {what}")
        } else if flags & ASSIGNED != 0 {
            format!("name '{name}' is assigned to before {what} declaration")
        } else {
            return;
        };
        if self.error.is_none() {
            self.error = Some(SyntaxError::new(msg, span));
        }
    }

    /// Runs `f` in a new child scope keyed by `key`.
    fn child(&mut self, key: usize, kind: ScopeKind, f: impl FnOnce(&mut Builder)) {
        let id = self.table.scopes.len();
        self.table.scopes.push(Scope::new(kind, Some(self.current)));
        self.table.by_node.insert(key, id);
        let saved = self.current;
        self.current = id;
        f(self);
        self.current = saved;
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                targets.iter().for_each(|t| self.target(t));
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                if let ExprKind::Name(n) = &target.kind {
                    self.use_name(n);
                }
                self.target(target);
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let ExprKind::Name(n) = &target.kind {
                    self.mark(n, ANNOTATED);
                }
                if let Some(v) = value {
                    self.expr(v);
                    self.target(target);
                } else if let ExprKind::Name(n) = &target.kind
                    && self.scope().kind != ScopeKind::Module
                {
                    self.bind(n);
                }
            }
            StmtKind::Delete(targets) => targets.iter().for_each(|t| self.target(t)),
            StmtKind::Return(v) => v.iter().for_each(|v| self.expr(v)),
            StmtKind::Raise { exc, cause } => [exc, cause].into_iter().flatten().for_each(|e| self.expr(e)),
            StmtKind::Global(names) => names.iter().for_each(|n| {
                self.declare(&n.name, "global", stmt.span);
                self.scope().globals.insert(n.name.clone());
            }),
            StmtKind::Nonlocal(names) => names.iter().for_each(|n| {
                self.declare(&n.name, "nonlocal", stmt.span);
                self.scope().nonlocals.entry(n.name.clone()).or_insert(stmt.span);
            }),
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                msg.iter().for_each(|m| self.expr(m));
            }
            StmtKind::Import(aliases) => aliases.iter().for_each(|a| match &a.asname {
                Some(asname) => self.bind_import(&asname.name),
                None => self.bind_import(a.name.split('.').next().unwrap_or("")),
            }),
            StmtKind::ImportFrom { names, .. } => names.iter().filter(|a| &*a.name != "*").for_each(|a| {
                let name = a.asname.as_ref().map_or(&a.name, |i| &i.name).clone();
                self.bind_import(&name);
            }),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.expr(iter);
                self.target(target);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body);
                for h in handlers {
                    h.typ.iter().for_each(|t| self.expr(t));
                    if let Some(n) = &h.name {
                        self.bind(&n.name);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context);
                    item.target.iter().for_each(|t| self.target(t));
                }
                self.stmts(body);
            }
            StmtKind::FunctionDef(def) => self.function_def(def),
            StmtKind::ClassDef(class) => self.class_def(class),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue | StmtKind::Error => {}
        }
    }

    fn function_def(&mut self, def: &FunctionDef) {
        def.decorators.iter().for_each(|d| self.expr(d));
        self.param_defaults(&def.params);
        def.returns.iter().for_each(|r| self.expr(r));
        self.bind(&def.name.name);
        self.child(node_key(def), ScopeKind::Function, |b| {
            b.params(&def.params);
            b.stmts(&def.body);
        });
    }

    fn class_def(&mut self, class: &ClassDef) {
        class.decorators.iter().for_each(|d| self.expr(d));
        class.bases.iter().for_each(|e| self.expr(e));
        class.keywords.iter().for_each(|k| self.expr(&k.value));
        self.bind(&class.name.name);
        self.child(node_key(class), ScopeKind::Class, |b| b.stmts(&class.body));
    }

    fn param_defaults(&mut self, params: &Params) {
        let all =
            params.posonly.iter().chain(&params.args).chain(&params.vararg).chain(&params.kwonly).chain(&params.kwarg);
        for p in all {
            p.default.iter().for_each(|d| self.expr(d));
            p.annotation.iter().for_each(|a| self.expr(a));
        }
    }

    fn params(&mut self, params: &Params) {
        let all =
            params.posonly.iter().chain(&params.args).chain(&params.vararg).chain(&params.kwonly).chain(&params.kwarg);
        for p in all {
            self.scope().params.push(p.name.name.clone());
            self.bind(&p.name.name);
        }
    }

    fn target(&mut self, target: &Expr) {
        match &target.kind {
            ExprKind::Name(n) => self.bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|t| self.target(t)),
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(target),
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Name(n) => {
                if &**n == "super" {
                    self.mark_super();
                }
                self.mark(n, LOADED);
                self.use_name(n);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                self.walrus_bind(&target.name);
            }
            ExprKind::Lambda { params, body } => {
                self.param_defaults(params);
                self.child(node_key(expr), ScopeKind::Function, |b| {
                    b.params(params);
                    b.expr(body);
                });
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                let is_gen = matches!(expr.kind, ExprKind::GeneratorExp { .. });
                self.comprehension(expr, generators, is_gen, |b| b.expr(elt));
            }
            ExprKind::DictComp { key, value, generators } => self.comprehension(expr, generators, false, |b| {
                b.expr(key);
                b.expr(value);
            }),
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                self.scope().is_generator = true;
                crate::compile::scope_children(expr, |e| self.expr(e));
            }
            _ => crate::compile::scope_children(expr, |e| self.expr(e)),
        }
    }

    /// The first iterable is evaluated in the enclosing scope; the rest inside.
    fn comprehension(
        &mut self,
        node: &Expr,
        generators: &[Comprehension],
        is_gen: bool,
        body: impl FnOnce(&mut Builder),
    ) {
        if let Some(first) = generators.first() {
            self.expr(&first.iter);
        }
        let kind = if is_gen { ScopeKind::Function } else { ScopeKind::Comprehension };
        self.child(node_key(node), kind, |b| {
            if is_gen {
                b.scope().is_generator = true;
                b.scope().params.push(".0".into());
                b.bind(".0");
            }
            for (i, g) in generators.iter().enumerate() {
                if i > 0 {
                    b.expr(&g.iter);
                }
                b.target(&g.target);
                g.ifs.iter().for_each(|c| b.expr(c));
            }
            body(b);
        });
    }

    /// `:=` binds in the nearest enclosing non-comprehension scope.
    fn walrus_bind(&mut self, name: &str) {
        let mut id = self.current;
        while self.table.scopes[id].kind == ScopeKind::Comprehension {
            match self.table.scopes[id].parent {
                Some(p) => id = p,
                None => break,
            }
        }
        self.table.scopes[id].bound.insert(name.into());
        *self.marks.entry((id, name.into())).or_default() |= ASSIGNED;
        self.table.scopes[self.current].used.insert(name.into());
    }

    /// `super` in a function nested in a class needs the class's `__class__` cell.
    fn mark_super(&mut self) {
        let scope = &self.table.scopes[self.current];
        if scope.kind == ScopeKind::Function {
            self.table.scopes[self.current].needs_class_cell = true;
            self.table.scopes[self.current].used.insert("__class__".into());
        }
    }
}

/// Pass 2 for one scope: resolves every name it binds or uses.
fn resolve_scope(table: &mut ScopeTable, id: usize) -> Result<(), SyntaxError> {
    let scope = &table.scopes[id];
    let names: Vec<Box<str>> = scope.bound.iter().chain(&scope.used).chain(scope.nonlocals.keys()).cloned().collect();
    for name in names {
        if table.scopes[id].resolved.contains_key(&name) {
            continue;
        }
        let binding = resolve_name(table, id, &name)?;
        table.scopes[id].resolved.insert(name, binding);
    }
    Ok(())
}

/// Resolves `name` as seen from scope `id`.
fn resolve_name(table: &mut ScopeTable, id: usize, name: &str) -> Result<Binding, SyntaxError> {
    let scope = &table.scopes[id];
    if scope.kind == ScopeKind::Module || scope.globals.contains(name) {
        return Ok(Binding::Global);
    }
    let declared_nonlocal = scope.nonlocals.get(name).copied();
    if declared_nonlocal.is_none() && scope.bound.contains(name) {
        return Ok(if scope.kind == ScopeKind::Class { Binding::ClassName } else { Binding::Local });
    }
    if name == "__class__" && scope.kind == ScopeKind::Class {
        return Ok(Binding::Cell);
    }
    // Look outward, skipping class scopes (but a class scope provides `__class__`).
    let mut path = vec![id];
    let mut cursor = scope.parent;
    while let Some(outer) = cursor {
        let o = &table.scopes[outer];
        let provides = match o.kind {
            ScopeKind::Module => false,
            ScopeKind::Class => name == "__class__",
            _ => o.bound.contains(name) && !o.globals.contains(name) || o.nonlocals.contains_key(name),
        };
        if o.kind == ScopeKind::Module || (o.kind != ScopeKind::Class && o.globals.contains(name)) {
            break;
        }
        if provides {
            if !o.nonlocals.contains_key(name) {
                table.scopes[outer].resolved.insert(name.into(), Binding::Cell);
            }
            for &mid in path.iter().skip(1) {
                if !table.scopes[mid].bound.contains(name) {
                    table.scopes[mid].resolved.insert(name.into(), Binding::Free);
                } else if table.scopes[mid].kind == ScopeKind::Class {
                    table.scopes[mid].class_frees.insert(name.into());
                }
            }
            return Ok(Binding::Free);
        }
        path.push(outer);
        cursor = o.parent;
    }
    if let Some(span) = declared_nonlocal {
        return Err(SyntaxError::new(format!("no binding for nonlocal '{name}' found"), span));
    }
    Ok(if table.scopes[id].kind == ScopeKind::Class { Binding::ClassName } else { Binding::Global })
}

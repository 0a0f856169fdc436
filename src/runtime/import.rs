//! `import`: built-in modules (registered through the native API) and user modules
//! found beside the main script, each loaded once and cached.
//!
//! User modules follow CPython's path finder, restricted to one directory (the
//! script's, like `sys.path[0]`): a name is a package when it is a folder with an
//! `__init__` file, else a module file; `.pyish` is preferred to `.py` so a program
//! can carry a pyish-specific variant beside the CPython one. Submodules are looked up
//! in their parent package's `__path__`, after the parent is imported.

use std::path::{Path, PathBuf};

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::frame::Frame;
use crate::compile::ir::Target;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::value::Value;

/// Where a user module's source lives.
struct Found {
    /// The source file (`NAME.pyish`, `NAME.py` or a package's `__init__` file).
    file: PathBuf,
    /// The package folder, for packages (their `__path__`).
    package_dir: Option<PathBuf>,
}

/// Looks for `name` in `dir`, in CPython's order (a package before a module file).
fn find_source(dir: &Path, name: &str) -> Option<Found> {
    let pkg = dir.join(name);
    for init in ["__init__.pyish", "__init__.py"] {
        if pkg.join(init).is_file() {
            return Some(Found { file: pkg.join(init), package_dir: Some(pkg) });
        }
    }
    ["pyish", "py"]
        .iter()
        .map(|ext| dir.join(format!("{name}.{ext}")))
        .find(|p| p.is_file())
        .map(|file| Found { file, package_dir: None })
}

fn not_found(message: String) -> PyErr {
    PyErr::new(ExcKind::ModuleNotFoundError, message)
}

impl Interpreter {
    /// The module object for `name`, importing it (and its parent packages) on
    /// first use.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        if let Some(loader) = self.module_loaders.get(name).cloned() {
            let module = loader(self)?;
            self.modules.insert(name.to_owned(), module.clone());
            return Ok(module);
        }
        let (parent, child) = match name.rsplit_once('.') {
            Some((parent, child)) => (Some(parent), child),
            None => (None, name),
        };
        let dir = match parent {
            None => self.script_dir.as_deref().map(|d| std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf())),
            Some(parent) => {
                let p = self.import_module(parent)?;
                // The parent's `__init__` may have imported this submodule already.
                if let Some(m) = self.modules.get(name) {
                    return Ok(m.clone());
                }
                let Some(dir) = self.package_dir(&p) else {
                    return Err(not_found(format!("No module named '{name}'; '{parent}' is not a package")));
                };
                Some(dir)
            }
        };
        let Some(found) = dir.and_then(|d| find_source(&d, child)) else {
            return Err(not_found(format!("No module named '{name}'")));
        };
        let module = self.load_user_module(name, parent, &found)?;
        if let Some(Value::Module(p)) = parent.and_then(|p| self.modules.get(p)).cloned() {
            let sym = self.intern(child);
            self.global_set(&p, sym, module.clone());
        }
        Ok(module)
    }

    /// The folder of a package module (the first entry of its `__path__`), or `None`
    /// for a plain module.
    fn package_dir(&mut self, module: &Value) -> Option<PathBuf> {
        let Value::Module(m) = module else { return None };
        let sym = self.intern("__path__");
        let Value::List(path) = self.global_get(m, sym)? else { return None };
        let first = path.items.borrow().first().cloned();
        match first {
            Some(Value::Str(s)) => Some(PathBuf::from(s.as_str())),
            _ => None,
        }
    }

    /// Reads and runs a user module, setting `__package__` (and `__path__` for a
    /// package) before its code runs, as CPython's loader does.
    fn load_user_module(&mut self, name: &str, parent: Option<&str>, found: &Found) -> PyResult<Value> {
        let text = std::fs::read_to_string(&found.file)
            .map_err(|e| PyErr::new(ExcKind::ImportError, format!("cannot read {}: {e}", found.file.display())))?;
        let filename = found.file.display().to_string();
        let package = match &found.package_dir {
            Some(_) => name,
            None => parent.unwrap_or(""),
        };
        let mut init = vec![(self.intern("__package__"), Value::str(package))];
        if let Some(dir) = &found.package_dir {
            init.push((self.intern("__path__"), Value::list(vec![Value::string(dir.display().to_string())])));
        }
        self.run_source_module(name, &filename, &text, init)
    }

    /// Compiles and runs `text` as module `name` (cached in `sys.modules` from the
    /// start, so circular imports see the partly built module, as in CPython).
    pub fn load_source_module(&mut self, name: &str, filename: &str, text: &str) -> PyResult<Value> {
        self.run_source_module(name, filename, text, Vec::new())
    }

    /// [`Self::load_source_module`] with extra globals bound before the code runs.
    fn run_source_module(
        &mut self,
        name: &str,
        filename: &str,
        text: &str,
        init: Vec<(Symbol, Value)>,
    ) -> PyResult<Value> {
        let module = self.new_module(name);
        let value = Value::Module(module.clone());
        self.modules.insert(name.to_owned(), value.clone());
        let file = self.intern("__file__");
        module.globals.borrow_mut().set(file, Value::str(filename));
        for (sym, v) in init {
            module.globals.borrow_mut().set(sym, v);
        }
        let code = match self.compile(text, filename, &module) {
            Ok(code) => code,
            Err(errors) => {
                self.modules.remove(name);
                let first = errors.first().map(|e| e.message.clone()).unwrap_or_default();
                return Err(PyErr::new(ExcKind::SyntaxError, first));
            }
        };
        if let Err(e) = self.run_code(code, &module) {
            self.modules.remove(name);
            return Err(e);
        }
        Ok(value)
    }

    /// `import a.b [as c]`: imports `a`, then `a.b`; binds `a` (or, with `as`,
    /// `a.b`).
    pub fn import_stmt(&mut self, f: &mut Frame, module: Symbol, target: &Target, submodule: bool) -> PyResult<()> {
        let name = self.name(module).to_owned();
        let m = self.import_module(&name)?;
        let bound = if submodule || !name.contains('.') {
            m
        } else {
            let top = name.split('.').next().unwrap_or(&name).to_owned();
            self.import_module(&top)?
        };
        self.assign(f, target, bound)
    }

    /// The absolute name of the module a `from` statement names: `level` leading
    /// dots count up from the importing module's `__package__`, as in CPython's
    /// `importlib._bootstrap._resolve_name`.
    fn resolve_from(&mut self, f: &Frame, module: Option<Symbol>, level: u32) -> PyResult<String> {
        let module = module.map(|m| self.name(m).to_owned());
        if level == 0 {
            return Ok(module.unwrap_or_default());
        }
        let sym = self.intern("__package__");
        let package = match self.global_get(&f.globals, sym) {
            Some(Value::Str(s)) if !s.as_str().is_empty() => s.as_str().to_owned(),
            _ => {
                return Err(PyErr::new(ExcKind::ImportError, "attempted relative import with no known parent package"));
            }
        };
        let parts: Vec<&str> = package.split('.').collect();
        let keep = parts.len().checked_sub(level as usize - 1).filter(|&n| n > 0);
        let Some(keep) = keep else {
            return Err(PyErr::new(ExcKind::ImportError, "attempted relative import beyond top-level package"));
        };
        let base = parts[..keep].join(".");
        Ok(match module {
            Some(m) => format!("{base}.{m}"),
            None => base,
        })
    }

    /// `getattr(m, name)` for `from m import name`: a missing attribute of a package
    /// is imported as its submodule, as CPython's `_handle_fromlist` does.
    fn imported_name(&mut self, m: &Value, mname: &str, name: Symbol) -> PyResult<Option<Value>> {
        if let Ok(v) = self.getattr(m, name) {
            return Ok(Some(v));
        }
        let n = self.name(name).to_owned();
        match self.package_dir(m) {
            Some(dir) if find_source(&dir, &n).is_some() => self.import_module(&format!("{mname}.{n}")).map(Some),
            _ => Ok(None),
        }
    }

    /// `from m import a as b`.
    pub fn import_from(
        &mut self,
        f: &mut Frame,
        module: Option<Symbol>,
        level: u32,
        names: &[(Symbol, Target)],
    ) -> PyResult<()> {
        let mname = self.resolve_from(f, module, level)?;
        let m = self.import_module(&mname)?;
        for (name, target) in names {
            let Some(value) = self.imported_name(&m, &mname, *name)? else {
                let n = self.name(*name).to_owned();
                let file = self.intern("__file__");
                let place = match &m {
                    Value::Module(m) => match self.global_get(m, file) {
                        Some(Value::Str(s)) => s.as_str().to_owned(),
                        _ => "unknown location".to_owned(),
                    },
                    _ => "unknown location".to_owned(),
                };
                return Err(PyErr::new(
                    ExcKind::ImportError,
                    format!("cannot import name '{n}' from '{mname}' ({place})"),
                ));
            };
            self.assign(f, target, value)?;
        }
        Ok(())
    }

    /// The names `from m import *` binds: `m.__all__` when the module defines it,
    /// else every bound global whose name does not start with `_`.
    fn star_names(&mut self, m: &Value) -> PyResult<Vec<(Symbol, Value)>> {
        let Value::Module(module) = m else { return Ok(Vec::new()) };
        let all = self.intern("__all__");
        let declared = self.global_get(module, all);
        if let Some(all) = declared {
            let mname = module.name.clone();
            let mut pairs = Vec::new();
            for item in self.collect(all)? {
                let Value::Str(s) = &item else {
                    let t = self.type_name(&item);
                    let msg = format!("Item in {mname}.__all__ must be str, not {t}");
                    return Err(PyErr::new(ExcKind::TypeError, msg));
                };
                let sym = self.intern(s.as_str());
                let value = match self.imported_name(m, &mname, sym)? {
                    Some(v) => v,
                    None => self.getattr(m, sym)?,
                };
                pairs.push((sym, value));
            }
            return Ok(pairs);
        }
        let dict = module.globals.borrow().dict.clone();
        if let Some(d) = dict {
            let entries: Vec<(Value, Value)> =
                d.table.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect();
            let mut pairs = Vec::new();
            for (key, value) in entries {
                if let Value::Str(s) = key
                    && !s.as_str().starts_with('_')
                {
                    pairs.push((self.intern(s.as_str()), value));
                }
            }
            return Ok(pairs);
        }
        let g = module.globals.borrow();
        let bound = g.names.iter().zip(&g.values).filter(|(_, v)| !matches!(v, Value::Unbound));
        Ok(bound.filter(|(n, _)| !self.name(**n).starts_with('_')).map(|(n, v)| (*n, v.clone())).collect())
    }

    /// `from m import *`.
    pub fn import_star(&mut self, f: &mut Frame, module: Option<Symbol>, level: u32) -> PyResult<()> {
        let mname = self.resolve_from(f, module, level)?;
        let m = self.import_module(&mname)?;
        for (name, value) in self.star_names(&m)? {
            let var = crate::compile::ir::Var::Name(name);
            match f.namespace() {
                Some(_) => self.store(f, var, name, value),
                None => self.global_set(&f.globals, name, value),
            }
        }
        Ok(())
    }
}

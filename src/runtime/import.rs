//! `import`: built-in modules (registered through the native API) and user modules
//! (`NAME.pyish` beside the main script), each loaded once and cached.

use super::PyResult;
use super::exception::{ExcKind, PyErr};
use super::frame::Frame;
use crate::compile::ir::Target;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::value::Value;

impl Interpreter {
    /// The module object for `name`, importing it on first use.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        if let Some(loader) = self.module_loaders.get(name).cloned() {
            let module = loader(self)?;
            self.modules.insert(name.to_owned(), module.clone());
            return Ok(module);
        }
        let top = name.split('.').next().unwrap_or(name);
        let path = self.script_dir.clone().map(|d| d.join(format!("{}.pyish", name.replace('.', "/"))));
        let Some(path) = path.filter(|p| p.is_file()) else {
            let _ = top;
            return Err(PyErr::new(ExcKind::ModuleNotFoundError, format!("No module named '{name}'")));
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| PyErr::new(ExcKind::ImportError, format!("cannot read {}: {e}", path.display())))?;
        let filename = path.display().to_string();
        self.load_source_module(name, &filename, &text)
    }

    /// Compiles and runs `text` as module `name` (cached in `sys.modules` from the
    /// start, so circular imports see the partly built module, as in CPython).
    pub fn load_source_module(&mut self, name: &str, filename: &str, text: &str) -> PyResult<Value> {
        let module = self.new_module(name);
        let value = Value::Module(module.clone());
        self.modules.insert(name.to_owned(), value.clone());
        let file = self.intern("__file__");
        module.globals.borrow_mut().set(file, Value::str(filename));
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

    /// `import a.b [as c]`.
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

    /// `from m import a as b`.
    pub fn import_from(
        &mut self,
        f: &mut Frame,
        module: Option<Symbol>,
        level: u32,
        names: &[(Symbol, Target)],
    ) -> PyResult<()> {
        let Some(module) = module.filter(|_| level == 0) else {
            return Err(PyErr::new(ExcKind::ImportError, "attempted relative import with no known parent package"));
        };
        let mname = self.name(module).to_owned();
        let m = self.import_module(&mname)?;
        for (name, target) in names {
            let value = match self.getattr(&m, *name) {
                Ok(v) => v,
                Err(_) => {
                    let n = self.name(*name).to_owned();
                    return Err(PyErr::new(ExcKind::ImportError, format!("cannot import name '{n}' from '{mname}'")));
                }
            };
            self.assign(f, target, value)?;
        }
        Ok(())
    }

    /// `from m import *`.
    pub fn import_star(&mut self, f: &mut Frame, module: Option<Symbol>, level: u32) -> PyResult<()> {
        let Some(module) = module.filter(|_| level == 0) else {
            return Err(PyErr::new(ExcKind::ImportError, "attempted relative import with no known parent package"));
        };
        let mname = self.name(module).to_owned();
        let Value::Module(m) = self.import_module(&mname)? else { return Ok(()) };
        let pairs: Vec<(Symbol, Value)> = {
            let g = m.globals.borrow();
            g.names
                .iter()
                .zip(&g.values)
                .filter(|(_, v)| !matches!(v, Value::Unbound))
                .map(|(n, v)| (*n, v.clone()))
                .collect()
        };
        for (name, value) in pairs {
            if self.name(name).starts_with('_') {
                continue;
            }
            let var = crate::compile::ir::Var::Name(name);
            match &f.namespace {
                Some(_) => self.store(f, var, name, value),
                None => f.globals.globals.borrow_mut().set(name, value),
            }
        }
        Ok(())
    }
}

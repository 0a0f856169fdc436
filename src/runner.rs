//! Running a main program: compile, run as `__main__`, report syntax errors and
//! uncaught exceptions, and turn `SystemExit` into an exit status, like `python3`.

use crate::diagnostics;
use crate::interpreter::Interpreter;
use crate::runtime::exception::{ErrKind, ExcKind, PyErr};
use crate::source::Source;
use crate::value::Value;
use std::io::Write;

impl Interpreter {
    /// Runs `text` as the `__main__` module; returns the process exit status.
    pub fn run_main(&mut self, filename: &str, text: &str) -> i32 {
        let module = self.new_module("__main__");
        self.modules.insert("__main__".into(), Value::Module(module.clone()));
        if !filename.starts_with('<') {
            let file = self.intern("__file__");
            module.globals.borrow_mut().set(file, Value::str(filename));
        }
        let code = match self.compile(text, filename, &module) {
            Ok(code) => code,
            Err(errors) => {
                let source = Source::new(filename, text);
                let report = diagnostics::render_syntax_errors(&source, &errors, diagnostics::stderr_wants_colour());
                let _ = std::io::stderr().write_all(report.as_bytes());
                return 1;
            }
        };
        let result = self.run_code(code, &module);
        self.flush();
        match result {
            Ok(_) => 0,
            Err(err) => self.report_uncaught(err),
        }
    }

    /// Prints an uncaught exception (or handles `SystemExit`); returns the exit status.
    pub fn report_uncaught(&mut self, err: PyErr) -> i32 {
        let exc = match self.materialize(err).into_kind() {
            ErrKind::Raised(exc) => exc,
            ErrKind::Limit(what) => {
                eprintln!("pyish: {what}");
                return 1;
            }
            ErrKind::Lazy(..) => return 1,
        };
        self.flush();
        if exc.class.is_subclass(&self.types.exception(ExcKind::SystemExit)) {
            let sym = self.intern("code");
            let code = self.getattr(&Value::Instance(exc.clone()), sym).unwrap_or(Value::None);
            return match code {
                Value::None => 0,
                // CPython truncates the C `long long` to an `int`; an int beyond
                // 64 bits is status -1, silently.
                Value::Int(i) => i as i32,
                Value::BigInt(_) => -1,
                Value::Bool(b) => i32::from(b),
                other => {
                    let text = self.to_str(&other).unwrap_or_default();
                    eprintln!("{text}");
                    1
                }
            };
        }
        let report = self.render_exception(&exc);
        let _ = std::io::stderr().write_all(report.as_bytes());
        // CPython exits like a process killed by SIGINT: status 130 in the shell.
        if exc.class.is_subclass(&self.types.exception(ExcKind::KeyboardInterrupt)) {
            self.ended_by_interrupt = true;
            return 130;
        }
        1
    }
}

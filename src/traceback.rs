//! Rendering uncaught exceptions like CPython: the traceback frames (outermost
//! first) with their source lines, chained exceptions, and the last line
//! `Type: message`.

use crate::interpreter::Interpreter;
use crate::runtime::exception::TraceEntry;
use crate::value::{Instance, Value};
use std::rc::Rc;

impl Interpreter {
    /// The full CPython-style report of an uncaught exception.
    pub fn render_exception(&mut self, exc: &Rc<Instance>) -> String {
        let mut out = String::new();
        self.render_chain(exc, &mut out, 0);
        out
    }

    fn render_chain(&mut self, exc: &Rc<Instance>, out: &mut String, depth: usize) {
        let (cause, context, suppress, traceback) = match &exc.exc {
            Some(d) => {
                let d = d.borrow();
                (d.cause.clone(), d.context.clone(), d.suppress_context, d.traceback.clone())
            }
            None => (None, None, false, Vec::new()),
        };
        if depth < 32 {
            if let Some(Value::Instance(c)) = &cause {
                self.render_chain(c, out, depth + 1);
                out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
            } else if let (Some(Value::Instance(c)), false) = (&context, suppress) {
                self.render_chain(c, out, depth + 1);
                out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
        if !traceback.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for entry in traceback.iter().rev() {
                self.render_entry(entry, out);
            }
        }
        let last = self.exception_last_line(exc);
        if depth == 0
            && let Some(site) = traceback.first()
            && let Some(source) = self.sources.get(&site.code.filename)
        {
            let (class, message) = last.split_once(": ").unwrap_or((last.as_str(), ""));
            let colour = crate::diagnostics::stderr_wants_colour();
            out.push_str(&crate::diagnostics::render_raise_site(source, site.span, class, message, colour));
        }
        out.push_str(&last);
        out.push('\n');
    }

    fn render_entry(&self, entry: &TraceEntry, out: &mut String) {
        let file = &entry.code.filename;
        let name = self.name(entry.code.name);
        let source = self.sources.get(file);
        let line = source.map_or(0, |s| s.line_of(entry.span.start));
        out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
        if let Some(text) = source.map(|s| s.line_text(line).trim()).filter(|t| !t.is_empty()) {
            out.push_str(&format!("    {text}\n"));
        }
    }

    /// `Type: message` (or just `Type` when the message is empty).
    pub fn exception_last_line(&mut self, exc: &Rc<Instance>) -> String {
        let class = &exc.class;
        let name = if class.module == "builtins" || class.module == "__main__" {
            class.qualname.clone()
        } else {
            format!("{}.{}", class.module, class.qualname)
        };
        let message = self.to_str(&Value::Instance(exc.clone())).unwrap_or_else(|_| "<exception str() failed>".into());
        if message.is_empty() { name } else { format!("{name}: {message}") }
    }
}

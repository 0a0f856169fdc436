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
        self.render_report(exc, true)
    }

    /// The report as a logger prints it (the loop's exception handler): CPython's
    /// text alone, without the labelled raise site an uncaught exception gets.
    pub fn render_logged_exception(&mut self, exc: &Rc<Instance>) -> String {
        self.render_report(exc, false)
    }

    fn render_report(&mut self, exc: &Rc<Instance>, raise_site: bool) -> String {
        let mut out = String::new();
        if self.chain_has_group(exc) {
            let mut ctx = GroupCtx::default();
            self.render_nested(exc, &mut ctx, &mut out);
        } else {
            self.render_chain(exc, &mut out, 0, raise_site);
        }
        out
    }

    /// Whether the exception or one it was chained to is a group (then the report
    /// takes CPython's nested layout with margins).
    fn chain_has_group(&mut self, exc: &Rc<Instance>) -> bool {
        let mut current = Some(exc.clone());
        for _ in 0..32 {
            let Some(e) = current else { return false };
            if self.group_members(&Value::Instance(e.clone())).is_some() {
                return true;
            }
            current = match chained(&e) {
                (_, Some(Value::Instance(next))) => Some(next),
                _ => None,
            };
        }
        false
    }

    /// CPython's `TracebackException.format` for reports containing groups: every
    /// line inside a group gets a `| ` margin, sub-exceptions get numbered frames.
    fn render_nested(&mut self, exc: &Rc<Instance>, ctx: &mut GroupCtx, out: &mut String) {
        let mut chain: Vec<(Option<&str>, Rc<Instance>)> = Vec::new();
        let mut current = Some((None, exc.clone()));
        while let Some((message, e)) = current.take() {
            if !ctx.seen.insert(Rc::as_ptr(&e) as usize) && message.is_some() {
                break;
            }
            current = match chained(&e) {
                (m, Some(Value::Instance(next))) => Some((Some(m), next)),
                _ => None,
            };
            chain.push((message, e));
        }
        let messages: Vec<Option<&str>> = chain.iter().skip(1).map(|(m, _)| *m).chain([None]).collect();
        for ((_, e), message) in chain.iter().zip(messages).rev() {
            if let Some(m) = message {
                ctx.emit(out, m, '|');
            }
            self.render_one_nested(e, ctx, out);
        }
    }

    fn render_one_nested(&mut self, exc: &Rc<Instance>, ctx: &mut GroupCtx, out: &mut String) {
        let traceback = exc.exc().map(|d| d.borrow().traceback.clone()).unwrap_or_default();
        let mut stack = String::new();
        for entry in traceback.iter().rev() {
            self.render_entry(entry, &mut stack);
        }
        let last = self.exception_last_line(exc) + "\n" + &self.exception_notes(exc);
        let Some(members) = self.group_members(&Value::Instance(exc.clone())) else {
            if !stack.is_empty() {
                ctx.emit(out, "Traceback (most recent call last):\n", '|');
                ctx.emit(out, &stack, '|');
            }
            ctx.emit(out, &last, '|');
            return;
        };
        if ctx.depth > MAX_GROUP_DEPTH {
            ctx.emit(out, &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|');
            return;
        }
        let toplevel = ctx.depth == 0;
        if toplevel {
            ctx.depth += 1;
        }
        if !stack.is_empty() {
            ctx.emit(out, "Exception Group Traceback (most recent call last):\n", if toplevel { '+' } else { '|' });
            ctx.emit(out, &stack, '|');
        }
        ctx.emit(out, &last, '|');
        self.render_members(&members, ctx, out);
        if toplevel {
            ctx.depth = 0;
        }
    }

    fn render_members(&mut self, members: &[Value], ctx: &mut GroupCtx, out: &mut String) {
        let n = if members.len() <= MAX_GROUP_WIDTH { members.len() } else { MAX_GROUP_WIDTH + 1 };
        ctx.need_close = false;
        for i in 0..n {
            let last = i + 1 == n;
            ctx.need_close |= last;
            let title = if i < MAX_GROUP_WIDTH { (i + 1).to_string() } else { "...".to_owned() };
            let corner = if i == 0 { "+-" } else { "  " };
            out.push_str(&format!("{}{corner}+---------------- {title} ----------------\n", ctx.indent()));
            ctx.depth += 1;
            match members.get(i) {
                Some(Value::Instance(m)) if i < MAX_GROUP_WIDTH => self.render_nested(m, ctx, out),
                _ => {
                    let remaining = members.len() - MAX_GROUP_WIDTH;
                    let s = if remaining > 1 { "s" } else { "" };
                    ctx.emit(out, &format!("and {remaining} more exception{s}\n"), '|');
                }
            }
            if last && ctx.need_close {
                out.push_str(&format!("{}+------------------------------------\n", ctx.indent()));
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
    }

    fn render_chain(&mut self, exc: &Rc<Instance>, out: &mut String, depth: usize, raise_site: bool) {
        let (cause, context, suppress, traceback) = match exc.exc() {
            Some(d) => {
                let d = d.borrow();
                (d.cause.clone(), d.context.clone(), d.suppress_context, d.traceback.clone())
            }
            None => (None, None, false, Vec::new()),
        };
        if depth < 32 {
            if let Some(Value::Instance(c)) = &cause {
                self.render_chain(c, out, depth + 1, false);
                out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
            } else if let (Some(Value::Instance(c)), false) = (&context, suppress) {
                self.render_chain(c, out, depth + 1, false);
                out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
        if !traceback.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for entry in traceback.iter().rev() {
                self.render_entry(entry, out);
            }
        }
        let last = self.exception_last_line(exc) + &self.suggestion(exc, &traceback);
        if raise_site
            && let Some(site) = traceback.first()
            && let Some(source) = self.sources.get(&site.code.filename)
        {
            let (class, message) = last.split_once(": ").unwrap_or((last.as_str(), ""));
            let colour = crate::diagnostics::stderr_wants_colour();
            out.push_str(&crate::diagnostics::render_raise_site(source, site.span, class, message, colour));
        }
        out.push_str(&last);
        out.push('\n');
        out.push_str(&self.exception_notes(exc));
    }

    /// The lines CPython prints after `Type: message` for the exception's
    /// `__notes__` (3.11): each note on its own line(s), or the repr of a
    /// `__notes__` that is not a list or tuple.
    fn exception_notes(&mut self, exc: &Rc<Instance>) -> String {
        let sym = self.intern("__notes__");
        let Some(notes) = exc.attrs.borrow().get(&sym).cloned() else { return String::new() };
        let items = match &notes {
            Value::List(l) => l.items.borrow().clone(),
            Value::Tuple(t) => t.iter().cloned().collect(),
            other => {
                let text = self.repr(other).unwrap_or_else(|_| "<__notes__ repr() failed>".into());
                return text + "\n";
            }
        };
        let mut out = String::new();
        for note in items {
            out.push_str(&self.to_str(&note).unwrap_or_else(|_| "<note str() failed>".into()));
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        out
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

/// How many sub-exceptions and levels of a group a report shows (CPython's limits).
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

const CAUSE: &str = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT: &str = "\nDuring handling of the above exception, another exception occurred:\n\n";

/// The exception `exc` was chained to, with the message that separates them.
fn chained(exc: &Rc<Instance>) -> (&'static str, Option<Value>) {
    let Some(d) = exc.exc() else { return (CONTEXT, None) };
    let d = d.borrow();
    match (&d.cause, &d.context) {
        (Some(Value::Instance(c)), _) => (CAUSE, Some(Value::Instance(c.clone()))),
        (_, Some(Value::Instance(c))) if !d.suppress_context => (CONTEXT, Some(Value::Instance(c.clone()))),
        _ => (CONTEXT, None),
    }
}

/// The state of a nested report: the group depth, whether the last frame still
/// needs its closing line, and the exceptions already shown.
#[derive(Default)]
struct GroupCtx {
    depth: usize,
    need_close: bool,
    seen: std::collections::HashSet<usize>,
}

impl GroupCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Writes `text` with the indentation and margin of the current depth.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

//! "Did you mean: 'x'?" after an uncaught `NameError` or `AttributeError`, chosen
//! as CPython 3.11's `Python/suggestions.c` does: the closest candidate by a
//! Levenshtein distance where case changes cost 1 and other edits 2, within a
//! third of the characters involved, the first one found winning ties.

use crate::interpreter::Interpreter;
use crate::runtime::ExcKind;
use crate::runtime::exception::TraceEntry;
use crate::value::{Instance, Value};
use std::rc::Rc;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance of `a` and `b` (UTF-8 bytes), or more than `max_cost` as soon
/// as it must exceed it.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &c) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, c);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The candidate closest to `name`, if one is close enough.
fn closest(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let limit = (name.len() + item.len() + 3) * MOVE_COST / 6;
        let limit = best.map_or(limit, |(_, d)| limit.min(d.saturating_sub(1)));
        let d = levenshtein(name.as_bytes(), item.as_bytes(), limit);
        if d <= limit && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.clone())
}

impl Interpreter {
    /// `. Did you mean: 'x'?` for an uncaught exception, or nothing.
    pub fn suggestion(&mut self, exc: &Rc<Instance>, traceback: &[TraceEntry]) -> String {
        let message = self.to_str(&Value::Instance(exc.clone())).unwrap_or_default();
        let found = if exc.class.is_subclass(&self.types.exception(ExcKind::NameError)) {
            message
                .strip_prefix("name '")
                .and_then(|m| m.strip_suffix("' is not defined"))
                .and_then(|name| self.suggest_name(name, traceback))
        } else if exc.class.is_subclass(&self.types.exception(ExcKind::AttributeError)) {
            self.suggest_attribute(&message)
        } else {
            None
        };
        found.map_or_else(String::new, |s| format!(". Did you mean: '{s}'?"))
    }

    /// The innermost frame's local names, then its module's globals, then the builtins.
    fn suggest_name(&mut self, name: &str, traceback: &[TraceEntry]) -> Option<String> {
        // The traceback is kept innermost first.
        let code = traceback.first().map(|e| e.code.clone())?;
        let locals: Vec<String> =
            code.local_names.iter().map(|s| self.name(*s).to_owned()).filter(|s| !s.starts_with('.')).collect();
        if let Some(found) = closest(&locals, name) {
            return Some(found);
        }
        let module = self.modules.values().find_map(|m| match m {
            Value::Module(m) if self.module_file(m).as_deref() == Some(&*code.filename) => Some(m.clone()),
            _ => None,
        });
        if let Some(m) = module {
            let globals = self.bound_names(&m);
            if let Some(found) = closest(&globals, name) {
                return Some(found);
            }
        }
        // CPython's builtins dict also holds the constants pyish's parser handles.
        let mut builtins = self.bound_names(&self.builtins);
        builtins.extend(["None", "False", "True"].map(str::to_owned));
        closest(&builtins, name)
    }

    /// A module's `__file__`.
    fn module_file(&self, m: &crate::value::Module) -> Option<String> {
        let file = self.interner.get("__file__")?;
        match self.global_get(m, file) {
            Some(Value::Str(s)) => Some(s.as_str().to_owned()),
            _ => None,
        }
    }

    /// The names bound in a module (without moving its variables into a dict, as
    /// `globals()` does: native code reads some modules' slots directly).
    pub fn bound_names(&self, m: &crate::value::Module) -> Vec<String> {
        let g = m.globals.borrow();
        match &g.dict {
            Some(d) => d
                .table
                .borrow()
                .iter()
                .filter_map(|e| match &e.key {
                    Value::Str(s) => Some(s.as_str().to_owned()),
                    _ => None,
                })
                .collect(),
            None => g
                .names
                .iter()
                .zip(&g.values)
                .filter(|(_, v)| !matches!(v, Value::Unbound))
                .map(|(n, _)| self.name(*n).to_owned())
                .collect(),
        }
    }

    /// Candidates from `dir()` of the object an `AttributeError` was about: the
    /// module named in the message, or the object whose lookup failed last.
    fn suggest_attribute(&mut self, message: &str) -> Option<String> {
        let attr = message.rsplit_once(" has no attribute '")?.1.strip_suffix('\'')?.to_owned();
        let obj = if let Some(rest) = message.strip_prefix("module '") {
            let (module, _) = rest.split_once('\'')?;
            let Some(Value::Module(m)) = self.modules.get(module).cloned() else { return None };
            let mut names = self.bound_names(&m);
            names.sort();
            return closest(&names, &attr);
        } else {
            let (obj, name) = self.last_missing_attr.borrow().clone()?;
            (self.name(name) == attr).then_some(obj)?
        };
        let names = self.dir_of(&obj).ok()?;
        let names: Vec<String> = self.collect(names).ok()?.iter().filter_map(|k| self.to_str(k).ok()).collect();
        closest(&names, &attr)
    }
}

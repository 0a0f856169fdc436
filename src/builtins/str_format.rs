//! `str.format` and `str.format_map`: CPython's replacement-field parser
//! (`{0.attr[key]!r:{width}}`), automatic numbering and its error messages.

use super::native;
use super::str_methods::{Arity, Kw, positional, recv};
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::Value;

/// Where named fields come from.
enum Named<'a> {
    /// `format(**kwargs)`.
    Kwargs(&'a Kw),
    /// `format_map(mapping)`.
    Map(Value),
}

/// Automatic (`{}`) versus manual (`{0}`) numbering, which cannot be mixed.
#[derive(PartialEq)]
enum Numbering {
    Unset,
    Auto,
    Manual,
}

/// One parsed replacement field.
struct Field {
    name: String,
    conversion: Option<char>,
    spec: String,
    nested: bool,
}

struct Formatter<'a> {
    args: Option<&'a [Value]>,
    named: Named<'a>,
    numbering: Numbering,
    next_auto: usize,
}

fn err(msg: &str) -> PyErr {
    PyErr::value_error(msg)
}

/// A field-name part made only of ASCII digits, as an index.
fn integer(part: &str) -> PyResult<Option<usize>> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    match part.parse::<usize>() {
        Ok(n) if n <= isize::MAX as usize => Ok(Some(n)),
        _ => Err(err("Too many decimal digits in format string")),
    }
}

/// Parses the field after its `{`, leaving `pos` after the closing `}`.
fn parse_field(cs: &[char], pos: &mut usize) -> PyResult<Field> {
    let start = *pos;
    let mut c = '\0';
    while let Some(&ch) = cs.get(*pos) {
        c = ch;
        *pos += 1;
        match c {
            '{' => return Err(err("unexpected '{' in field name")),
            '[' => {
                while cs.get(*pos).is_some_and(|&ch| ch != ']') {
                    *pos += 1;
                }
            }
            '}' | ':' | '!' => break,
            _ => {}
        }
    }
    let name: String = cs.get(start..pos.saturating_sub(1).max(start)).unwrap_or_default().iter().collect();
    let mut field = Field { name, conversion: None, spec: String::new(), nested: false };
    if c != '!' && c != ':' {
        return if c == '}' { Ok(field) } else { Err(err("expected '}' before end of string")) };
    }
    if c == '!' {
        let Some(&conv) = cs.get(*pos) else {
            return Err(err("end of string while looking for conversion specifier"));
        };
        field.conversion = Some(conv);
        *pos += 1;
        if let Some(&next) = cs.get(*pos) {
            *pos += 1;
            if next == '}' {
                return Ok(field);
            }
            if next != ':' {
                return Err(err("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = *pos;
    let mut depth = 1;
    while let Some(&ch) = cs.get(*pos) {
        *pos += 1;
        match ch {
            '{' => {
                field.nested = true;
                depth += 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    field.spec = cs.get(spec_start..*pos - 1).unwrap_or_default().iter().collect();
                    return Ok(field);
                }
            }
            _ => {}
        }
    }
    Err(err("unmatched '{' in format spec"))
}

fn convert(i: &mut Interpreter, v: Value, conversion: Option<char>) -> PyResult<Value> {
    Ok(match conversion {
        None => v,
        Some('r') => Value::string(i.repr(&v)?),
        Some('s') => Value::string(i.to_str(&v)?),
        Some('a') => Value::string(crate::runtime::repr::ascii(&i.repr(&v)?)),
        Some(c) if (c as u32) > 32 && (c as u32) < 127 => {
            return Err(PyErr::value_error(format!("Unknown conversion specifier {c}")));
        }
        Some(c) => return Err(PyErr::value_error(format!("Unknown conversion specifier \\x{:x}", c as u32))),
    })
}

impl Formatter<'_> {
    /// Expands `fmt`; `depth` bounds nesting of fields inside format specs.
    fn build(&mut self, i: &mut Interpreter, fmt: &str, depth: u32) -> PyResult<String> {
        if depth == 0 {
            return Err(err("Max string recursion exceeded"));
        }
        let cs: Vec<char> = fmt.chars().collect();
        let mut out = String::with_capacity(fmt.len());
        let mut pos = 0;
        while let Some(&c) = cs.get(pos) {
            pos += 1;
            if c != '{' && c != '}' {
                out.push(c);
                continue;
            }
            let next = cs.get(pos).copied();
            if next == Some(c) {
                out.push(c);
                pos += 1;
                continue;
            }
            if c == '}' {
                return Err(err("Single '}' encountered in format string"));
            }
            if next.is_none() {
                return Err(err("Single '{' encountered in format string"));
            }
            let field = parse_field(&cs, &mut pos)?;
            let obj = self.field_value(i, &field.name)?;
            let obj = convert(i, obj, field.conversion)?;
            let spec = if field.nested { self.build(i, &field.spec, depth - 1)? } else { field.spec };
            out.push_str(&i.format(&obj, &spec)?);
        }
        Ok(out)
    }

    /// The argument a field's first part names (`""`, `"0"` or `"name"`).
    fn lookup(&mut self, i: &mut Interpreter, first: &str) -> PyResult<Value> {
        let mut index = integer(first)?;
        if first.is_empty() || index.is_some() {
            let auto = first.is_empty();
            if self.numbering == Numbering::Unset {
                self.numbering = if auto { Numbering::Auto } else { Numbering::Manual };
            }
            match (&self.numbering, auto) {
                (Numbering::Manual, true) => {
                    return Err(err("cannot switch from manual field specification to automatic field numbering"));
                }
                (Numbering::Auto, false) => {
                    return Err(err("cannot switch from automatic field numbering to manual field specification"));
                }
                _ => {}
            }
            if auto {
                index = Some(self.next_auto);
                self.next_auto += 1;
            }
        }
        let key = Value::str(first);
        match (index, &self.named) {
            (Some(n), _) => {
                let Some(args) = self.args else { return Err(err("Format string contains positional fields")) };
                args.get(n).cloned().ok_or_else(|| {
                    PyErr::index_error(format!("Replacement index {n} out of range for positional args tuple"))
                })
            }
            (None, Named::Map(m)) => {
                let m = m.clone();
                i.getitem(&m, &key)
            }
            (None, Named::Kwargs(kw)) => match kw.iter().find(|(k, _)| i.name(*k) == first) {
                Some((_, v)) => Ok(v.clone()),
                None => Err(PyErr::raised(i.new_exception(ExcKind::KeyError, vec![key]))),
            },
        }
    }

    /// Resolves a whole field name: `first(.attr|[key])*`.
    fn field_value(&mut self, i: &mut Interpreter, name: &str) -> PyResult<Value> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let mut obj = self.lookup(i, &name[..first_end])?;
        let rest: Vec<char> = name[first_end..].chars().collect();
        let mut p = 0;
        while let Some(&c) = rest.get(p) {
            p += 1;
            let start = p;
            match c {
                '.' => {
                    while rest.get(p).is_some_and(|&ch| ch != '.' && ch != '[') {
                        p += 1;
                    }
                    let attr: String = rest.get(start..p).unwrap_or_default().iter().collect();
                    if attr.is_empty() {
                        return Err(err("Empty attribute in format string"));
                    }
                    let sym = i.intern(&attr);
                    obj = i.getattr(&obj, sym)?;
                }
                '[' => {
                    while rest.get(p).is_some_and(|&ch| ch != ']') {
                        p += 1;
                    }
                    if p >= rest.len() {
                        return Err(err("Missing ']' in format string"));
                    }
                    let key: String = rest.get(start..p).unwrap_or_default().iter().collect();
                    p += 1;
                    if key.is_empty() {
                        return Err(err("Empty attribute in format string"));
                    }
                    let key = match integer(&key)? {
                        Some(n) => Value::Int(n as i64),
                        None => Value::string(key),
                    };
                    obj = i.getitem(&obj, &key)?;
                }
                _ => return Err(err("Only '.' or '[' may follow ']' in format field specifier")),
            }
        }
        Ok(obj)
    }
}

/// `fmt.format(*args, **kwargs)` for Rust callers.
pub fn format_str(i: &mut Interpreter, fmt: &str, args: &[Value], kwargs: &Kw) -> PyResult<String> {
    let mut f = Formatter { args: Some(args), named: Named::Kwargs(kwargs), numbering: Numbering::Unset, next_auto: 0 };
    f.build(i, fmt, 2)
}

/// Registers `str.format` and `str.format_map`.
pub fn install(interp: &mut Interpreter) {
    let class = interp.types.str.clone();
    let format = native("format", |i, a, k| {
        let (s, rest) = recv(i, a, "format")?;
        Ok(Value::string(format_str(i, s.as_str(), rest, k)?))
    });
    add_method(interp, &class, "format", format);
    let format_map = native("format_map", |i, a, k| {
        let (s, rest) = recv(i, a, "format_map")?;
        positional("str", "format_map", rest, k, Arity::One)?;
        let mut f =
            Formatter { args: None, named: Named::Map(rest[0].clone()), numbering: Numbering::Unset, next_auto: 0 };
        Ok(Value::string(f.build(i, s.as_str(), 2)?))
    });
    add_method(interp, &class, "format_map", format_map);
}

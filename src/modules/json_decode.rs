//! `json.loads`/`json.load`: a port of CPython's C scanner, so that values, error
//! messages and error positions (in characters) match.

use super::bind;
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{Class, PyDict, Value};
use num_bigint::BigInt;
use std::rc::Rc;

/// Why scanning stopped: no value at a position, a syntax error, or a Python error.
enum Fail {
    Stop(usize),
    Syntax(&'static str, usize),
    Py(PyErr),
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Fail {
        Fail::Py(e)
    }
}

type Scan<T> = Result<T, Fail>;

/// `loads(s, *, object_hook=None, ...)`.
pub fn loads(
    interp: &mut Interpreter,
    error: &Rc<Class>,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
) -> PyResult<Value> {
    if args.len() != 1 {
        let n = args.len();
        return Err(PyErr::type_error(format!("loads() takes 1 positional argument but {n} were given")));
    }
    let names = ["cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook", "strict"];
    let opts = bind(interp, "loads", &[], kwargs, &names, 0)?;
    let text = match &args[0] {
        Value::Str(s) => s.as_str().to_owned(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => {
            let t = interp.type_name(other);
            return Err(PyErr::type_error(format!("the JSON object must be str, bytes or bytearray, not {t}")));
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let given = |i: usize| opts.get(i).cloned().flatten().filter(|v| !matches!(v, Value::None));
    let hooks = Hooks { object: given(1), float: given(2), int: given(3), constant: given(4), pairs: given(5) };
    let mut parser = Parser { s: &chars, interp, hooks, depth: 0 };
    let result = parser.decode();
    match result {
        Ok(v) => Ok(v),
        Err(Fail::Py(e)) => Err(e),
        Err(Fail::Stop(pos)) => Err(decode_error(interp, error, "Expecting value", &text, &chars, pos)),
        Err(Fail::Syntax(msg, pos)) => Err(decode_error(interp, error, msg, &text, &chars, pos)),
    }
}

/// `load(fp, **kw)`: `loads(fp.read(), **kw)`.
pub fn load(
    interp: &mut Interpreter,
    error: &Rc<Class>,
    args: &[Value],
    kwargs: &[(Symbol, Value)],
) -> PyResult<Value> {
    if args.len() != 1 {
        let n = args.len();
        return Err(PyErr::type_error(format!("load() takes 1 positional argument but {n} were given")));
    }
    let read = interp.intern("read");
    let method = interp.getattr(&args[0], read)?;
    let text = interp.call(method, Vec::new(), &[])?;
    loads(interp, error, &[text], kwargs)
}

/// A `JSONDecodeError` with CPython's message and attributes.
fn decode_error(
    interp: &mut Interpreter,
    class: &Rc<Class>,
    msg: &str,
    doc: &str,
    chars: &[char],
    pos: usize,
) -> PyErr {
    let before = &chars[..pos.min(chars.len())];
    let lineno = before.iter().filter(|c| **c == '\n').count() + 1;
    let colno = match before.iter().rposition(|c| *c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    let full = format!("{msg}: line {lineno} column {colno} (char {pos})");
    let exc = interp.instantiate_exception(class.clone(), vec![Value::string(full)]);
    let attrs = [
        ("msg", Value::str(msg)),
        ("doc", Value::str(doc)),
        ("pos", Value::Int(pos as i64)),
        ("lineno", Value::Int(lineno as i64)),
        ("colno", Value::Int(colno as i64)),
    ];
    for (name, value) in attrs {
        let sym = interp.intern(name);
        exc.attrs.borrow_mut().insert(sym, value);
    }
    PyErr::raised(exc)
}

/// The callables `loads` was given to build values with instead of the defaults.
struct Hooks {
    /// `object_hook`: called with each decoded dict.
    object: Option<Value>,
    /// `parse_float`, `parse_int`, `parse_constant`: called with the number's or
    /// constant's text.
    float: Option<Value>,
    int: Option<Value>,
    constant: Option<Value>,
    /// `object_pairs_hook`: called with each object's list of `(key, value)` pairs
    /// (in place of `object_hook`).
    pairs: Option<Value>,
}

struct Parser<'a> {
    s: &'a [char],
    interp: &'a mut Interpreter,
    hooks: Hooks,
    depth: usize,
}

impl Parser<'_> {
    fn decode(&mut self) -> Scan<Value> {
        if self.s.first() == Some(&'\u{feff}') {
            return Err(Fail::Syntax("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0));
        }
        let start = self.ws(0);
        let (value, end) = self.scan(start)?;
        let end = self.ws(end);
        if end != self.s.len() {
            return Err(Fail::Syntax("Extra data", end));
        }
        Ok(value)
    }

    fn ws(&self, mut idx: usize) -> usize {
        while matches!(self.s.get(idx), Some(' ' | '\t' | '\n' | '\r')) {
            idx += 1;
        }
        idx
    }

    fn at(&self, idx: usize) -> Option<char> {
        self.s.get(idx).copied()
    }

    fn word(&self, idx: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, c)| self.at(idx + k) == Some(c))
    }

    /// One value starting at `idx`: the value and the index after it.
    fn scan(&mut self, idx: usize) -> Scan<(Value, usize)> {
        let Some(c) = self.at(idx) else { return Err(Fail::Stop(idx)) };
        let constant = |word: &str, v: Value| (v, idx + word.chars().count());
        match c {
            '"' => self.string(idx + 1).map(|(s, end)| (Value::string(s), end)),
            '{' | '[' => {
                let what = if c == '{' { "object" } else { "array" };
                if self.depth + self.interp.depth >= self.interp.recursion_limit.min(super::json::MAX_DEPTH) {
                    let msg =
                        format!("maximum recursion depth exceeded while decoding a JSON {what} from a unicode string");
                    return Err(Fail::Py(PyErr::new(ExcKind::RecursionError, msg)));
                }
                self.depth += 1;
                let r = if c == '{' { self.object(idx + 1) } else { self.array(idx + 1) };
                self.depth -= 1;
                r
            }
            'n' if self.word(idx, "null") => Ok(constant("null", Value::None)),
            't' if self.word(idx, "true") => Ok(constant("true", Value::Bool(true))),
            'f' if self.word(idx, "false") => Ok(constant("false", Value::Bool(false))),
            'N' if self.word(idx, "NaN") => self.special(idx, "NaN", f64::NAN),
            'I' if self.word(idx, "Infinity") => self.special(idx, "Infinity", f64::INFINITY),
            '-' if self.word(idx, "-Infinity") => self.special(idx, "-Infinity", f64::NEG_INFINITY),
            _ => self.number(idx),
        }
    }

    /// `NaN`, `Infinity` or `-Infinity` at `idx`: the float, or `parse_constant`'s.
    fn special(&mut self, idx: usize, word: &str, value: f64) -> Scan<(Value, usize)> {
        let end = idx + word.chars().count();
        match self.hooks.constant.clone() {
            Some(hook) => Ok((self.interp.call(hook, vec![Value::str(word)], &[])?, end)),
            None => Ok((Value::Float(value), end)),
        }
    }

    fn digits(&self, mut idx: usize) -> usize {
        while self.at(idx).is_some_and(|c| c.is_ascii_digit()) {
            idx += 1;
        }
        idx
    }

    fn number(&mut self, start: usize) -> Scan<(Value, usize)> {
        let mut idx = start;
        if self.at(idx) == Some('-') {
            idx += 1;
        }
        match self.at(idx) {
            Some('1'..='9') => idx = self.digits(idx + 1),
            Some('0') => idx += 1,
            _ => return Err(Fail::Stop(start)),
        }
        let mut is_float = false;
        if self.at(idx) == Some('.') && self.at(idx + 1).is_some_and(|c| c.is_ascii_digit()) {
            is_float = true;
            idx = self.digits(idx + 2);
        }
        if matches!(self.at(idx), Some('e' | 'E')) {
            let e_start = idx;
            idx += 1;
            if matches!(self.at(idx), Some('-' | '+')) {
                idx += 1;
            }
            let end = self.digits(idx);
            if end > idx {
                is_float = true;
                idx = end;
            } else {
                idx = e_start;
            }
        }
        let text: String = self.s[start..idx].iter().collect();
        let hook = if is_float { self.hooks.float.clone() } else { self.hooks.int.clone() };
        if let Some(hook) = hook {
            return Ok((self.interp.call(hook, vec![Value::string(text)], &[])?, idx));
        }
        let value = if is_float {
            Value::Float(text.parse::<f64>().unwrap_or(f64::NAN))
        } else if let Ok(i) = text.parse::<i64>() {
            Value::Int(i)
        } else {
            text.parse::<BigInt>().map_or(Value::None, Value::from_bigint)
        };
        Ok((value, idx))
    }

    fn hex4(&self, idx: usize) -> Option<u32> {
        let mut v = 0;
        for k in 0..4 {
            v = v * 16 + self.at(idx + k)?.to_digit(16)?;
        }
        Some(v)
    }

    /// A string whose opening quote is at `end - 1`.
    fn string(&self, mut end: usize) -> Scan<(String, usize)> {
        let begin = end - 1;
        let len = self.s.len();
        let mut out = String::new();
        loop {
            let mut next = end;
            while next < len {
                let c = self.s[next];
                if c == '"' || c == '\\' {
                    break;
                }
                if (c as u32) <= 0x1f {
                    return Err(Fail::Syntax("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= len {
                return Err(Fail::Syntax("Unterminated string starting at", begin));
            }
            out.extend(&self.s[end..next]);
            let terminator = self.s[next];
            next += 1;
            if terminator == '"' {
                return Ok((out, next));
            }
            let Some(c) = self.at(next) else { return Err(Fail::Syntax("Unterminated string starting at", begin)) };
            if c != 'u' {
                end = next + 1;
                out.push(match c {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(Fail::Syntax("Invalid \\escape", end - 2)),
                });
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(Fail::Syntax("Invalid \\uXXXX escape", next - 1));
            }
            let Some(mut code) = self.hex4(next) else { return Err(Fail::Syntax("Invalid \\uXXXX escape", end - 5)) };
            if (0xd800..0xdc00).contains(&code)
                && end + 6 < len
                && self.at(end) == Some('\\')
                && self.at(end + 1) == Some('u')
            {
                let Some(low) = self.hex4(end + 2) else { return Err(Fail::Syntax("Invalid \\uXXXX escape", end + 1)) };
                if (0xdc00..0xe000).contains(&low) {
                    code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00));
                    end += 6;
                }
            }
            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
        }
    }

    fn object(&mut self, start: usize) -> Scan<(Value, usize)> {
        let mut pairs = Vec::new();
        let mut idx = self.ws(start);
        if self.at(idx) != Some('}') {
            loop {
                if self.at(idx) != Some('"') {
                    return Err(Fail::Syntax("Expecting property name enclosed in double quotes", idx));
                }
                let (key, next) = self.string(idx + 1)?;
                idx = self.ws(next);
                if self.at(idx) != Some(':') {
                    return Err(Fail::Syntax("Expecting ':' delimiter", idx));
                }
                idx = self.ws(idx + 1);
                let (value, next) = self.scan(idx)?;
                pairs.push((Value::string(key), value));
                idx = self.ws(next);
                if self.at(idx) == Some('}') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(Fail::Syntax("Expecting ',' delimiter", idx));
                }
                idx = self.ws(idx + 1);
            }
        }
        if let Some(hook) = self.hooks.pairs.clone() {
            let list = pairs.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
            return Ok((self.interp.call(hook, vec![Value::list(list)], &[])?, idx + 1));
        }
        let dict = Rc::new(PyDict::default());
        for (key, value) in pairs {
            self.interp.dict_set(&dict, key, value)?;
        }
        let mut value = Value::Dict(dict);
        if let Some(hook) = self.hooks.object.clone() {
            value = self.interp.call(hook, vec![value], &[])?;
        }
        Ok((value, idx + 1))
    }

    fn array(&mut self, start: usize) -> Scan<(Value, usize)> {
        let mut items = Vec::new();
        let mut idx = self.ws(start);
        if self.at(idx) != Some(']') {
            loop {
                let (value, next) = self.scan(idx)?;
                items.push(value);
                idx = self.ws(next);
                if self.at(idx) == Some(']') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(Fail::Syntax("Expecting ',' delimiter", idx));
                }
                idx = self.ws(idx + 1);
            }
        }
        Ok((Value::list(items), idx + 1))
    }
}

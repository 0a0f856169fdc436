//! `str % args` (printf-style formatting), following CPython's `unicode_format_arg`:
//! the same argument cursor (a tuple's items one by one, any other value once, a
//! mapping's item after `%(key)`), `*` widths and precisions, one ignored length
//! modifier (`h`, `l`, `L`) and CPython's error messages for each conversion.

use super::{format_value, int_to_f64};
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed};

/// Widths and precisions above this would only exhaust memory.
const MAX_WIDTH: usize = 1 << 28;

/// CPython's argument cursor: `arglen < 0` means `args` is a single value, handed out
/// once (`argidx` goes from -2 to -1).
struct Cursor {
    args: Value,
    items: Vec<Value>,
    arglen: i64,
    argidx: i64,
}

impl Cursor {
    fn new(args: &Value) -> Cursor {
        // A tuple subclass holds the arguments as a tuple does.
        match args.as_builtin() {
            Value::Tuple(t) => Cursor { args: args.clone(), items: t.to_vec(), arglen: t.len() as i64, argidx: 0 },
            _ => Cursor::single(args.clone()),
        }
    }

    fn single(v: Value) -> Cursor {
        Cursor { args: v, items: Vec::new(), arglen: -1, argidx: -2 }
    }

    fn next(&mut self) -> PyResult<Value> {
        if self.argidx < self.arglen {
            let at = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.args.clone());
            }
            if let Some(v) = usize::try_from(at).ok().and_then(|n| self.items.get(n)) {
                return Ok(v.clone());
            }
        }
        Err(PyErr::type_error("not enough arguments for format string"))
    }
}

/// One parsed conversion specifier.
#[derive(Default)]
struct Spec {
    left: bool,
    zero: bool,
    plus: bool,
    space: bool,
    alt: bool,
    width: usize,
    prec: Option<usize>,
}

/// Whether CPython's `PyMapping_Check` holds for the right operand (anything
/// subscriptable but a tuple or str): then `%(key)` may be used and unused arguments
/// are not an error.
fn is_mapping(i: &mut Interpreter, v: &Value) -> bool {
    match v {
        Value::Tuple(_) | Value::Str(_) => false,
        Value::Dict(_) | Value::List(_) | Value::Bytes(_) | Value::Range(_) => true,
        Value::Instance(inst) => {
            let sym = i.intern("__getitem__");
            inst.class.lookup(sym).is_some()
        }
        _ => false,
    }
}

/// `fmt % args`.
pub fn percent_format(interp: &mut Interpreter, fmt: &str, args: &Value) -> PyResult<String> {
    let cs: Vec<char> = fmt.chars().collect();
    let mapping = is_mapping(interp, args).then(|| args.clone());
    let mut cur = Cursor::new(args);
    let mut out = String::with_capacity(fmt.len());
    let mut pos = 0;
    while let Some(&c) = cs.get(pos) {
        pos += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        if cs.get(pos) == Some(&'%') {
            out.push('%');
            pos += 1;
            continue;
        }
        let spec = parse_spec(interp, &cs, &mut pos, &mut cur, mapping.as_ref())?;
        let Some(&conv) = cs.get(pos) else { return Err(PyErr::value_error("incomplete format")) };
        pos += 1;
        let v = cur.next()?;
        out.push_str(&convert(interp, &spec, conv, &v, pos - 1)?);
    }
    if cur.argidx < cur.arglen && mapping.is_none() {
        return Err(PyErr::type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// Parses `(key)`, flags, width, precision and a length modifier, leaving `pos` at the
/// conversion character.
fn parse_spec(
    i: &mut Interpreter,
    cs: &[char],
    pos: &mut usize,
    cur: &mut Cursor,
    mapping: Option<&Value>,
) -> PyResult<Spec> {
    if cs.get(*pos) == Some(&'(') {
        let Some(m) = mapping else { return Err(PyErr::type_error("format requires a mapping")) };
        *pos += 1;
        let start = *pos;
        let mut depth = 1;
        while depth > 0 {
            match cs.get(*pos) {
                None => return Err(PyErr::value_error("incomplete format key")),
                Some('(') => depth += 1,
                Some(')') => depth -= 1,
                Some(_) => {}
            }
            *pos += 1;
        }
        let key: String = cs[start..*pos - 1].iter().collect();
        *cur = Cursor::single(i.getitem(m, &Value::string(key))?);
    }
    let mut spec = Spec::default();
    while let Some(&f) = cs.get(*pos) {
        match f {
            '-' => spec.left = true,
            '+' => spec.plus = true,
            ' ' => spec.space = true,
            '#' => spec.alt = true,
            '0' => spec.zero = true,
            _ => break,
        }
        *pos += 1;
    }
    match star_or_digits(cs, pos, cur, "width")? {
        Some(w) if w < 0 => (spec.left, spec.width) = (true, w.unsigned_abs() as usize),
        Some(w) => spec.width = w as usize,
        None => {}
    }
    if cs.get(*pos) == Some(&'.') {
        *pos += 1;
        spec.prec = Some(star_or_digits(cs, pos, cur, "precision")?.map_or(0, |p| p.max(0) as usize));
    }
    if spec.width > MAX_WIDTH || spec.prec.is_some_and(|p| p > MAX_WIDTH) {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    if matches!(cs.get(*pos), Some('h' | 'l' | 'L')) {
        *pos += 1;
    }
    Ok(spec)
}

/// A `*` (the next argument, which must be an int) or a run of digits.
fn star_or_digits(cs: &[char], pos: &mut usize, cur: &mut Cursor, what: &str) -> PyResult<Option<i64>> {
    if cs.get(*pos) == Some(&'*') {
        *pos += 1;
        // CPython reads a `*` width as a C `ssize_t`, a `*` precision as an `int`.
        let c_int = what == "precision";
        return match cur.next()? {
            Value::Int(n) if c_int && i32::try_from(n).is_err() => {
                Err(PyErr::overflow("Python int too large to convert to C int"))
            }
            Value::Int(n) => Ok(Some(n)),
            Value::Bool(b) => Ok(Some(i64::from(b))),
            Value::BigInt(_) if c_int => Err(PyErr::overflow("Python int too large to convert to C int")),
            Value::BigInt(_) => Err(PyErr::overflow("Python int too large to convert to C ssize_t")),
            _ => Err(PyErr::type_error("* wants int")),
        };
    }
    let mut n: Option<i64> = None;
    while let Some(d) = cs.get(*pos).and_then(|c| c.to_digit(10)) {
        *pos += 1;
        n = Some(
            n.unwrap_or(0)
                .checked_mul(10)
                .and_then(|n| n.checked_add(i64::from(d)))
                .ok_or_else(|| PyErr::value_error(format!("{what} too big")))?,
        );
    }
    Ok(n)
}

/// Formats one argument; `at` is the conversion character's index, for the error.
fn convert(i: &mut Interpreter, spec: &Spec, conv: char, v: &Value, at: usize) -> PyResult<String> {
    Ok(match conv {
        's' => pad_text(spec, i.to_str(v)?, true),
        'r' => pad_text(spec, i.repr(v)?, true),
        'a' => pad_text(spec, crate::runtime::repr::ascii(&i.repr(v)?), true),
        'c' => pad_text(spec, char_arg(i, v)?.to_string(), false),
        'd' | 'i' | 'u' => format_int(spec, &real_int(i, v, conv)?, conv),
        'x' | 'X' | 'o' => format_int(spec, &exact_int(i, v, conv)?, conv),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => format_float(i, spec, v, conv)?,
        other => {
            let shown = if (' '..='~').contains(&other) { other } else { '?' };
            let msg = format!("unsupported format character '{shown}' (0x{:x}) at index {at}", other as u32);
            return Err(PyErr::value_error(msg));
        }
    })
}

/// Space padding for `%s`, `%r`, `%a` and `%c` (the `0` flag does not apply to text);
/// the precision truncates only the first three.
fn pad_text(spec: &Spec, mut text: String, truncate: bool) -> String {
    if let Some(p) = spec.prec.filter(|_| truncate) {
        text = text.chars().take(p).collect();
    }
    let len = text.chars().count();
    if len >= spec.width {
        return text;
    }
    let fill = " ".repeat(spec.width - len);
    if spec.left { text + &fill } else { fill + &text }
}

/// The character of `%c`: an int code point or a one-character str.
fn char_arg(i: &mut Interpreter, v: &Value) -> PyResult<char> {
    let code = match v {
        Value::Str(s) if s.char_len() == 1 => return Ok(s.as_str().chars().next().unwrap_or_default()),
        Value::Int(n) => *n,
        Value::Bool(b) => i64::from(*b),
        Value::BigInt(_) => -1,
        Value::Instance(_) => match i.index_value(v)? {
            Some(Value::Int(n)) => n,
            Some(_) => -1,
            None => return Err(PyErr::type_error("%c requires int or char")),
        },
        _ => return Err(PyErr::type_error("%c requires int or char")),
    };
    match u32::try_from(code) {
        Ok(c) if c < 0x110000 => Ok(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER)),
        _ => Err(PyErr::overflow("%c arg not in range(0x110000)")),
    }
}

/// The operand of `%d`/`%i`/`%u`: an int, or a float truncated towards zero.
fn real_int(i: &mut Interpreter, v: &Value, conv: char) -> PyResult<BigInt> {
    match v {
        Value::Float(f) if f.is_nan() => Err(PyErr::value_error("cannot convert float NaN to integer")),
        Value::Float(f) if f.is_infinite() => Err(PyErr::overflow("cannot convert float infinity to integer")),
        Value::Float(f) => Ok(BigInt::from_f64(f.trunc()).unwrap_or_default()),
        other => match int_operand(i, other)? {
            Some(n) => Ok(n),
            None => {
                let t = i.type_name(other);
                Err(PyErr::type_error(format!("%{conv} format: a real number is required, not {t}")))
            }
        },
    }
}

/// The operand of `%x`/`%X`/`%o`, which must be an int (or have `__index__`).
fn exact_int(i: &mut Interpreter, v: &Value, conv: char) -> PyResult<BigInt> {
    match int_operand(i, v)? {
        Some(n) => Ok(n),
        None => {
            let t = i.type_name(v);
            Err(PyErr::type_error(format!("%{conv} format: an integer is required, not {t}")))
        }
    }
}

/// An int, a bool or an instance with `__index__`, as a big int.
fn int_operand(i: &mut Interpreter, v: &Value) -> PyResult<Option<BigInt>> {
    let v = match v {
        Value::Instance(_) => match i.index_value(v)? {
            Some(n) => n,
            None => return Ok(None),
        },
        other => other.clone(),
    };
    Ok(crate::runtime::ops::as_bigint(&v))
}

/// An integer conversion: the precision is a minimum digit count, `#` adds `0x`/`0X`/
/// `0o`, and the `0` flag pads between the sign and prefix and the digits.
fn format_int(spec: &Spec, n: &BigInt, conv: char) -> String {
    let mut digits = n.abs().to_str_radix(match conv {
        'x' | 'X' => 16,
        'o' => 8,
        _ => 10,
    });
    if conv == 'X' {
        digits.make_ascii_uppercase();
    }
    if let Some(p) = spec.prec.filter(|&p| p > digits.len()) {
        digits.insert_str(0, &"0".repeat(p - digits.len()));
    }
    let sign = match (n.is_negative(), spec.plus, spec.space) {
        (true, _, _) => "-",
        (false, true, _) => "+",
        (false, false, true) => " ",
        _ => "",
    };
    let prefix = match (spec.alt, conv) {
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        (true, 'o') => "0o",
        _ => "",
    };
    let len = sign.len() + prefix.len() + digits.len();
    let fill = spec.width.saturating_sub(len);
    match (spec.left, spec.zero) {
        (true, _) => format!("{sign}{prefix}{digits}{}", " ".repeat(fill)),
        (false, true) => format!("{sign}{prefix}{}{digits}", "0".repeat(fill)),
        (false, false) => format!("{}{sign}{prefix}{digits}", " ".repeat(fill)),
    }
}

/// A float conversion, through the format mini-language with the equivalent spec.
fn format_float(i: &mut Interpreter, spec: &Spec, v: &Value, conv: char) -> PyResult<String> {
    let f = match v {
        Value::Float(f) => *f,
        Value::Int(n) => *n as f64,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::BigInt(b) => int_to_f64(b)?,
        other => {
            let sym = i.intern("__float__");
            match i.class_of(other).lookup(sym).filter(|_| matches!(other, Value::Instance(_))) {
                Some(m) => match i.call(m, vec![other.clone()], &[])? {
                    Value::Float(f) => f,
                    r => {
                        let t = i.type_name(&r);
                        return Err(PyErr::type_error(format!("__float__ returned non-float (type {t})")));
                    }
                },
                None => {
                    let t = i.type_name(other);
                    return Err(PyErr::type_error(format!("must be real number, not {t}")));
                }
            }
        }
    };
    let mut fs = String::new();
    if spec.left {
        fs.push('<');
    }
    if spec.plus {
        fs.push('+');
    } else if spec.space {
        fs.push(' ');
    }
    if spec.alt {
        fs.push('#');
    }
    if spec.zero && !spec.left {
        fs.push('0');
    }
    fs.push_str(&format!("{}.{}{conv}", spec.width, spec.prec.unwrap_or(6)));
    format_value(i, &Value::Float(f), &fs)
}

//! `format()` for `int` and `float`: CPython's `format_long_internal`, `format_float_internal`,
//! `calc_number_widths`, `fill_number` and `_PyUnicode_InsertThousandsGrouping`, in the C locale.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::FormatError;
use super::float::{Code, Flags, double_to_string};
use super::spec::{Align, FormatSpec, Grouping, Sign, push_fill, reserve, unknown_code};

/// A number split the way `fill_number` lays it out.
struct Parts<'a> {
    /// A `-` goes in the sign slot.
    negative: bool,
    /// `0x`-style prefix (alternate form).
    prefix: &'a str,
    /// ASCII digits before the decimal point; these get grouped and zero padded.
    digits: &'a str,
    /// A decimal point follows the digits.
    decimal: bool,
    /// Everything after the point (or the whole text for `inf`, `nan` and `c`).
    remainder: &'a str,
}

/// The separator character and the group size.
type GroupRule = Option<(u8, i64)>;

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` from the right, padding with zeros
/// (grouped too) until the result is at least `min_width` long.
fn group_digits(digits: &str, min_width: i64, rule: GroupRule) -> String {
    let bytes = digits.as_bytes();
    let mut remaining = bytes.len() as i64;
    let mut min_width = min_width.max(0);
    let mut reversed: Vec<u8> = Vec::new();
    let emit = |reversed: &mut Vec<u8>, remaining: i64, len: i64, sep: Option<u8>| {
        let zeros = (len - remaining).max(0);
        let chars = remaining.min(len).max(0);
        reversed.extend(sep);
        let start = usize::try_from(remaining - chars).unwrap_or(0);
        let end = usize::try_from(remaining).unwrap_or(0);
        reversed.extend(bytes.get(start..end).unwrap_or_default().iter().rev());
        reversed.extend(std::iter::repeat_n(b'0', usize::try_from(zeros).unwrap_or(0)));
        chars
    };
    if let Some((sep, size)) = rule {
        let mut first = true;
        loop {
            let len = size.min(remaining.max(min_width).max(1));
            remaining -= emit(&mut reversed, remaining, len, (!first).then_some(sep));
            first = false;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                break;
            }
            min_width -= 1;
        }
    } else {
        let len = remaining.max(min_width).max(1);
        emit(&mut reversed, remaining, len, None);
    }
    reversed.iter().rev().map(|&b| char::from(b)).collect()
}

/// `calc_number_widths` + `fill_number`: sign, prefix, padding, grouped digits, remainder.
fn layout(parts: &Parts, spec: &FormatSpec, rule: GroupRule) -> Result<String, FormatError> {
    let fill = spec.fill_char();
    let align = spec.align_or(Align::Right);
    let width = spec.width.map_or(-1, |w| i64::try_from(w).unwrap_or(i64::MAX));
    let sign = match (parts.negative, spec.sign) {
        (true, _) => Some('-'),
        (false, Some(Sign::Plus)) => Some('+'),
        (false, Some(Sign::Space)) => Some(' '),
        (false, _) => None,
    };
    let count = |s: &str| s.chars().count() as i64;
    let non_digit = i64::from(sign.is_some()) + count(parts.prefix) + i64::from(parts.decimal) + count(parts.remainder);
    let min_width = if fill == '0' && align == Align::AfterSign { width - non_digit } else { 0 };
    let mut out = String::new();
    reserve(&mut out, usize::try_from(width.max(0)).unwrap_or(usize::MAX), fill.len_utf8())?;
    let grouped = if parts.digits.is_empty() { String::new() } else { group_digits(parts.digits, min_width, rule) };
    let padding = usize::try_from(width - (non_digit + grouped.len() as i64)).unwrap_or(0);
    let (left, inner, right) = match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    push_fill(&mut out, fill, left);
    out.extend(sign);
    out.push_str(parts.prefix);
    push_fill(&mut out, fill, inner);
    out.push_str(&grouped);
    if parts.decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(&mut out, fill, right);
    Ok(out)
}

/// The group rule for a spec's separator (`group` digits per group).
fn rule_for(grouping: Option<Grouping>, group: i64) -> GroupRule {
    grouping.map(|g| (if g == Grouping::Comma { b',' } else { b'_' }, group))
}

/// An integer argument, small or big.
#[derive(Clone, Copy)]
enum Int<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl Int<'_> {
    fn is_negative(self) -> bool {
        match self {
            Int::Small(v) => v < 0,
            Int::Big(v) => v.is_negative(),
        }
    }

    /// `PyNumber_Float`: correctly rounded, `OverflowError` past the float range.
    fn to_f64(self) -> Result<f64, FormatError> {
        let x = match self {
            Int::Small(v) => Some(v as f64),
            Int::Big(v) => v.to_f64(),
        };
        x.filter(|x| x.is_finite()).ok_or_else(|| FormatError::overflow("int too large to convert to float"))
    }

    /// Digits of the magnitude in `base` (lower-case letters).
    fn magnitude_digits(self, base: u32) -> String {
        match (self, base) {
            (Int::Small(v), 2) => format!("{:b}", v.unsigned_abs()),
            (Int::Small(v), 8) => format!("{:o}", v.unsigned_abs()),
            (Int::Small(v), 16) => format!("{:x}", v.unsigned_abs()),
            (Int::Small(v), _) => v.unsigned_abs().to_string(),
            (Int::Big(v), _) => v.magnitude().to_str_radix(base),
        }
    }
}

/// `format(value, spec)` for an `int`: types `b c d o x X n` and none, and `e E f F g G %`
/// through a float. Error messages name the type `int`.
pub fn format_int(value: &BigInt, spec: &FormatSpec) -> Result<String, FormatError> {
    format_integer(Int::Big(value), spec)
}

/// [`format_int`] for a machine integer, without big-integer arithmetic.
pub fn format_i64(value: i64, spec: &FormatSpec) -> Result<String, FormatError> {
    format_integer(Int::Small(value), spec)
}

fn format_integer(value: Int, spec: &FormatSpec) -> Result<String, FormatError> {
    let ty = spec.ty.unwrap_or('d');
    let (base, prefix) = match ty {
        'd' | 'n' | 'c' => (10, ""),
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => return format_float_spec(value.to_f64()?, spec),
        _ => return Err(unknown_code(ty, "int")),
    };
    if spec.precision.is_some() {
        return Err(FormatError::value("Precision not allowed in integer format specifier"));
    }
    if spec.coerce_zero {
        return Err(FormatError::value("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if ty == 'c' {
        return format_char(value, spec);
    }
    let mut digits = value.magnitude_digits(base);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let parts = Parts {
        negative: value.is_negative(),
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        decimal: false,
        remainder: "",
    };
    let group = if base == 10 { 3 } else { 4 };
    layout(&parts, spec, if ty == 'n' { None } else { rule_for(spec.grouping, group) })
}

/// The `c` presentation: the code point `value`.
fn format_char(value: Int, spec: &FormatSpec) -> Result<String, FormatError> {
    if spec.sign.is_some() {
        return Err(FormatError::value("Sign not allowed with integer format specifier 'c'"));
    }
    if spec.alternate {
        return Err(FormatError::value("Alternate form (#) not allowed with integer format specifier 'c'"));
    }
    let code = match value {
        Int::Small(v) => v,
        Int::Big(v) => v.to_i64().ok_or_else(|| FormatError::overflow("Python int too large to convert to C long"))?,
    };
    if !(0..=0x10ffff).contains(&code) {
        return Err(FormatError::overflow("%c arg not in range(0x110000)"));
    }
    let c = u32::try_from(code).ok().and_then(char::from_u32).ok_or_else(|| {
        FormatError::value(format!("%c arg {code:#x} is a lone surrogate, which pyish strings cannot hold"))
    })?;
    let text = c.to_string();
    let parts = Parts { negative: false, prefix: "", digits: "", decimal: false, remainder: &text };
    layout(&parts, spec, None)
}

/// `format(value, spec)` for a `float`: types `e E f F g G n %` and none (like `str()`, or with
/// a precision like `g` that keeps at least one digit after the point). Messages name `float`.
pub fn format_float_spec(value: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    let ty = spec.ty;
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let flags = Flags { alt: spec.alternate, add_dot_0: ty.is_none(), no_neg_0: spec.coerce_zero, upper };
    let (mut code, default_precision) = match ty {
        None => (Code::Repr, 0),
        Some('e' | 'E') => (Code::Exp, 6),
        Some('f' | 'F' | '%') => (Code::Fixed, 6),
        Some('g' | 'G' | 'n') => (Code::General, 6),
        Some(other) => return Err(unknown_code(other, "float")),
    };
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::value("precision too big"));
    }
    let precision = match spec.precision {
        Some(p) => {
            if code == Code::Repr {
                code = Code::General;
            }
            p
        }
        None => default_precision,
    };
    let percent = ty == Some('%');
    let x = if percent { value * 100.0 } else { value };
    let dtoa_precision = match code {
        Code::Exp => precision + 1,
        Code::General => precision.max(1),
        Code::Fixed | Code::Repr => precision,
    };
    let mut probe = String::new();
    reserve(&mut probe, dtoa_precision, 1)?;
    drop(probe);
    let mut text = double_to_string(x, code, dtoa_precision, flags);
    if percent {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (digits, rest) = body.split_at(body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len()));
    let (decimal, remainder) = match rest.strip_prefix('.') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let parts = Parts { negative, prefix: "", digits, decimal, remainder };
    layout(&parts, spec, if ty == Some('n') { None } else { rule_for(spec.grouping, 3) })
}

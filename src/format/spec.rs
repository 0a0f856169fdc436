//! The format-spec mini-language (`[[fill]align][sign][z][#][0][width][grouping][.precision][type]`),
//! parsed like CPython's `parse_internal_render_format_spec`, and `str` formatting.

use super::FormatError;

/// Where the text goes inside the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=`: padding between the sign (and prefix) and the digits.
    AfterSign,
}

/// The sign option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// `+`: a sign for positive numbers too.
    Plus,
    /// `-`: a sign for negative numbers only (the default).
    Minus,
    /// ` `: a space for positive numbers.
    Space,
}

/// The thousands separator option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `,`
    Comma,
    /// `_` (every 4 digits for `b o x X`).
    Underscore,
}

/// A parsed format spec. Options the spec leaves out are `None`/`false`; the defaults that
/// depend on the formatted type (alignment, fill) are applied by the formatting functions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormatSpec {
    /// The explicit fill character (only ever given together with an alignment).
    pub fill: Option<char>,
    /// The explicit alignment.
    pub align: Option<Align>,
    /// The sign option.
    pub sign: Option<Sign>,
    /// `z`: coerce negative zero to positive zero (floats only).
    pub coerce_zero: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// A `0` before the width (with no explicit fill): zero padding.
    pub zero: bool,
    /// The minimum field width.
    pub width: Option<usize>,
    /// The thousands separator.
    pub grouping: Option<Grouping>,
    /// The precision.
    pub precision: Option<usize>,
    /// The presentation type character.
    pub ty: Option<char>,
}

impl FormatSpec {
    /// Parses a spec; see [`parse`].
    pub fn parse(spec: &str) -> Result<FormatSpec, FormatError> {
        parse(spec)
    }

    /// The fill character in effect: the explicit one, else `0` for zero padding, else space.
    pub fn fill_char(&self) -> char {
        self.fill.unwrap_or(if self.zero { '0' } else { ' ' })
    }

    /// The alignment in effect given the type's default (`<` for str, `>` for numbers).
    pub fn align_or(&self, default: Align) -> Align {
        match self.align {
            Some(align) => align,
            None if self.zero && default == Align::Right => Align::AfterSign,
            None => default,
        }
    }
}

/// Code points whose Unicode `decimal` value is 0; each starts a run of ten digits (Unicode 14,
/// as in CPython 3.11). The width and precision may be written with any of them.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
    0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
    0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0,
    0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60,
    0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The decimal value of `c` (`Py_UNICODE_TODECIMAL`), if it is a decimal digit.
fn decimal_value(c: char) -> Option<u32> {
    let code = c as u32;
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let index = DECIMAL_ZEROS.partition_point(|&zero| zero <= code);
    let zero = DECIMAL_ZEROS.get(index.checked_sub(1)?)?;
    let value = code - zero;
    (value < 10).then_some(value)
}

/// Reads a run of decimal digits at `*pos`; `None` if there is none.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, FormatError> {
    let mut value: u64 = 0;
    let start = *pos;
    while let Some(digit) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(digit)))
            .filter(|&v| v <= i64::MAX as u64)
            .ok_or_else(|| FormatError::value("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    if *pos == start {
        return Ok(None);
    }
    usize::try_from(value).map(Some).map_err(|_| FormatError::value("Too many decimal digits in format string"))
}

/// How CPython quotes a presentation-type character in messages: `'c'` or `'\x..'`.
pub(crate) fn quote_type(ty: char) -> String {
    let code = ty as u32;
    if code > 32 && code < 128 { format!("'{ty}'") } else { format!("'\\x{code:x}'") }
}

/// "Unknown format code ..." for `type_name`.
pub(crate) fn unknown_code(ty: char, type_name: &str) -> FormatError {
    FormatError::typed(format!("Unknown format code {}", quote_type(ty)), type_name)
}

/// "Cannot specify ',' with 's'." and friends.
pub(crate) fn bad_grouping(grouping: Grouping, ty: char) -> FormatError {
    let sep = if grouping == Grouping::Comma { ',' } else { '_' };
    FormatError::value(format!("Cannot specify '{sep}' with {}.", quote_type(ty)))
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// Parses a format spec, with CPython's `ValueError` messages. A spec with more than one
/// character left after the precision is "Invalid format specifier '...' for object of type
/// 'object'" (see [`FormatError::with_type_name`]). The separator is checked against an
/// explicit type here; against the type's default type by the formatting functions.
pub fn parse(spec: &str) -> Result<FormatSpec, FormatError> {
    let chars: Vec<char> = spec.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = FormatSpec::default();
    let mut pos = 0;
    if let (Some(fill), Some(align)) = (at(0), at(1).and_then(align_of)) {
        out.fill = Some(fill);
        out.align = Some(align);
        pos = 2;
    } else if let Some(align) = at(0).and_then(align_of) {
        out.align = Some(align);
        pos = 1;
    }
    out.sign = match at(pos) {
        Some('+') => Some(Sign::Plus),
        Some('-') => Some(Sign::Minus),
        Some(' ') => Some(Sign::Space),
        _ => None,
    };
    if out.sign.is_some() {
        pos += 1;
    }
    for (flag, field) in [('z', &mut out.coerce_zero), ('#', &mut out.alternate)] {
        if at(pos) == Some(flag) {
            *field = true;
            pos += 1;
        }
    }
    if out.fill.is_none() && at(pos) == Some('0') {
        out.zero = true;
        pos += 1;
    }
    out.width = get_integer(&chars, &mut pos)?;
    parse_grouping(&chars, &mut pos, &mut out)?;
    if at(pos) == Some('.') {
        pos += 1;
        out.precision = get_integer(&chars, &mut pos)?;
        if out.precision.is_none() {
            return Err(FormatError::value("Format specifier missing precision"));
        }
    }
    match chars.get(pos..).unwrap_or_default() {
        [] => {}
        [ty] => out.ty = Some(*ty),
        _ => return Err(FormatError::typed(format!("Invalid format specifier '{spec}'"), "object")),
    }
    if let (Some(grouping), Some(ty)) = (out.grouping, out.ty) {
        let allowed = matches!(ty, 'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F')
            || (matches!(ty, 'b' | 'o' | 'x' | 'X') && grouping == Grouping::Underscore);
        if !allowed {
            return Err(bad_grouping(grouping, ty));
        }
    }
    Ok(out)
}

/// The `,` / `_` part of the spec, rejecting both together.
fn parse_grouping(chars: &[char], pos: &mut usize, out: &mut FormatSpec) -> Result<(), FormatError> {
    let both = || FormatError::value("Cannot specify both ',' and '_'.");
    if chars.get(*pos) == Some(&',') {
        out.grouping = Some(Grouping::Comma);
        *pos += 1;
    }
    if chars.get(*pos) == Some(&'_') {
        if out.grouping.is_some() {
            return Err(both());
        }
        out.grouping = Some(Grouping::Underscore);
        *pos += 1;
    }
    if chars.get(*pos) == Some(&',') && out.grouping == Some(Grouping::Underscore) {
        return Err(both());
    }
    Ok(())
}

/// Reserves room for `chars` characters of up to `char_len` bytes each, or `MemoryError`.
pub(crate) fn reserve(out: &mut String, chars: usize, char_len: usize) -> Result<(), FormatError> {
    let bytes = chars.checked_mul(char_len).ok_or_else(FormatError::memory)?;
    out.try_reserve(bytes).map_err(|_| FormatError::memory())
}

/// Appends `n` copies of `fill`.
pub(crate) fn push_fill(out: &mut String, fill: char, n: usize) {
    out.extend(std::iter::repeat_n(fill, n));
}

/// `format(value, spec)` for a `str`: type `s` or none, precision truncates, default
/// alignment left; width, fill and precision count code points.
pub fn format_str(value: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    if let (Some(grouping), None) = (spec.grouping, spec.ty) {
        return Err(bad_grouping(grouping, 's'));
    }
    let ty = spec.ty.unwrap_or('s');
    if ty != 's' {
        return Err(unknown_code(ty, "str"));
    }
    match spec.sign {
        Some(Sign::Space) => return Err(FormatError::value("Space not allowed in string format specifier")),
        Some(_) => return Err(FormatError::value("Sign not allowed in string format specifier")),
        None => {}
    }
    if spec.coerce_zero {
        return Err(FormatError::value("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if spec.alternate {
        return Err(FormatError::value("Alternate form (#) not allowed in string format specifier"));
    }
    let align = spec.align_or(Align::Left);
    if align == Align::AfterSign {
        return Err(FormatError::value("'=' alignment not allowed in string format specifier"));
    }
    let text = match spec.precision {
        Some(precision) => {
            value.char_indices().nth(precision).map_or(value, |(end, _)| value.get(..end).unwrap_or(value))
        }
        None => value,
    };
    let len = text.chars().count();
    let padding = spec.width.unwrap_or(0).saturating_sub(len);
    let left = match align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let fill = spec.fill_char();
    let mut out = String::new();
    reserve(&mut out, padding, fill.len_utf8())?;
    reserve(&mut out, text.len(), 1)?;
    push_fill(&mut out, fill, left);
    out.push_str(text);
    push_fill(&mut out, fill, padding - left);
    Ok(out)
}

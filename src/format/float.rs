//! Float → text exactly like CPython's `PyOS_double_to_string` (`repr`, `f`, `e`, `g`, `%`).
//!
//! Digit generation is delegated to Rust's standard library, whose `{:e}` gives the shortest
//! round-tripping digits and whose `{:.N}` / `{:.Ne}` round the exact binary value correctly
//! (ties to even), just like David Gay's `dtoa` that CPython uses. This module only lays the
//! digits out the way CPython's `format_float_short` does.

/// Decimal places past which every `f64` prints only zeros (the exact value of the smallest
/// subnormal has 1074 of them); asking `std` for more is wasted work (and it caps precision).
const MAX_FIXED_PLACES: usize = 1100;
/// Significant digits past which every `f64` prints only zeros (at most 767 are nonzero).
const MAX_SIGNIFICANT: usize = 800;

/// Options of CPython's `PyOS_double_to_string` besides the presentation code.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Flags {
    /// `#`: keep the decimal point, and trailing zeros for `g`.
    pub alt: bool,
    /// Add `.0` to integral results (repr style, and the spec type "none").
    pub add_dot_0: bool,
    /// `z`: a result that rounds to zero loses its minus sign.
    pub no_neg_0: bool,
    /// Upper-case `E`, `INF`, `NAN`.
    pub upper: bool,
}

/// The digit modes of `dtoa`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Code {
    /// Exponent notation with `precision` digits after the point.
    Exp,
    /// Fixed notation with `precision` digits after the point.
    Fixed,
    /// `precision` significant digits, notation chosen by the exponent.
    General,
    /// Shortest round-tripping digits (`repr`).
    Repr,
}

/// `repr(x)` / `str(x)` of a Python float: shortest round-trip digits, scientific notation
/// when the decimal exponent is below -4 or at least 16, `inf`, `-inf`, `nan`.
pub fn float_repr(x: f64) -> String {
    let flags = Flags { add_dot_0: true, ..Flags::default() };
    double_to_string(x, Code::Repr, 0, flags)
}

/// Formats `x` with a fixed presentation type and precision, like `format(x, ".{precision}{spec}")`
/// in CPython: `spec` is one of `f F e E g G %` (anything else is treated as `r`, i.e. `repr`).
/// The precision is clamped to `i32::MAX`, the largest CPython accepts.
pub fn format_float(x: f64, spec: char, precision: usize) -> String {
    let precision = precision.min(i32::MAX as usize);
    let upper = spec.is_ascii_uppercase();
    let flags = Flags { upper, ..Flags::default() };
    match spec {
        'f' | 'F' => double_to_string(x, Code::Fixed, precision, flags),
        'e' | 'E' => double_to_string(x, Code::Exp, precision + 1, flags),
        'g' | 'G' => double_to_string(x, Code::General, precision.max(1), flags),
        '%' => {
            let mut s = double_to_string(x * 100.0, Code::Fixed, precision, flags);
            s.push('%');
            s
        }
        _ => float_repr(x),
    }
}

/// Digits of `|x|` (no leading zeros, no trailing zeros, `"0"` for zero) and the position of
/// the decimal point: the value is `0.DIGITS × 10^decpt`.
struct Digits {
    digits: String,
    decpt: i64,
}

impl Digits {
    /// Builds from a digit string with the point after `int_len` digits, normalising zeros.
    fn normalise(all: &str, int_len: i64) -> Digits {
        let trimmed = all.trim_start_matches('0');
        let decpt = int_len - (all.len() - trimmed.len()) as i64;
        let digits = trimmed.trim_end_matches('0');
        if digits.is_empty() {
            return Digits { digits: "0".to_string(), decpt: 1 };
        }
        Digits { digits: digits.to_string(), decpt }
    }

    /// Parses Rust's `{:e}` output for a non-negative finite value (`d.ddde-N`).
    fn from_exp(text: &str) -> Digits {
        let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
        let exp: i64 = exp.parse().unwrap_or(0);
        let all: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        Digits::normalise(&all, exp + 1)
    }

    /// Shortest digits that read back as `x` (dtoa mode 0).
    fn shortest(x: f64) -> Digits {
        Digits::from_exp(&format!("{x:e}"))
    }

    /// `n >= 1` correctly rounded significant digits (dtoa mode 2).
    fn significant(x: f64, n: usize) -> Digits {
        let n = n.clamp(1, MAX_SIGNIFICANT);
        Digits::from_exp(&format!("{:.*e}", n - 1, x))
    }

    /// Correctly rounded to `places` digits after the point (dtoa mode 3).
    fn fixed(x: f64, places: usize) -> Digits {
        let text = format!("{:.*}", places.min(MAX_FIXED_PLACES), x);
        let int_len = text.find('.').unwrap_or(text.len()) as i64;
        let all: String = text.chars().filter(char::is_ascii_digit).collect();
        Digits::normalise(&all, int_len)
    }
}

/// Appends `n` zeros (nothing when `n <= 0`).
fn push_zeros(out: &mut String, n: i64) {
    for _ in 0..n.max(0) {
        out.push('0');
    }
}

/// Writes `vdigits[vdigits_start..vdigits_end]` of the zero-extended `digits`, with the decimal
/// point after virtual position `decpt` (the middle of CPython's `format_float_short`).
fn place_digits(out: &mut String, digits: &str, decpt: i64, vdigits_start: i64, vdigits_end: i64) {
    let digits_len = digits.len() as i64;
    if decpt <= 0 {
        push_zeros(out, decpt - vdigits_start);
        out.push('.');
        push_zeros(out, -decpt);
    } else {
        push_zeros(out, -vdigits_start);
    }
    match usize::try_from(decpt) {
        Ok(point) if point > 0 && point <= digits.len() => {
            let (head, tail) = digits.split_at(point);
            out.push_str(head);
            out.push('.');
            out.push_str(tail);
        }
        _ => out.push_str(digits),
    }
    if digits_len < decpt {
        push_zeros(out, decpt - digits_len);
        out.push('.');
        push_zeros(out, vdigits_end - decpt);
    } else {
        push_zeros(out, vdigits_end - digits_len);
    }
}

/// CPython's `PyOS_double_to_string` after its argument mapping: `precision` is the digit
/// count handed to `dtoa` (already `+1` for `e`, at least 1 for `g`, ignored for `r`).
pub(crate) fn double_to_string(x: f64, code: Code, precision: usize, flags: Flags) -> String {
    if !x.is_finite() {
        let word = match (x.is_nan(), flags.upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        };
        let minus = x.is_infinite() && x < 0.0;
        return if minus { format!("-{word}") } else { word.to_string() };
    }
    let magnitude = x.abs();
    let Digits { digits, mut decpt } = match code {
        Code::Repr => Digits::shortest(magnitude),
        Code::Exp | Code::General => Digits::significant(magnitude, precision),
        Code::Fixed => Digits::fixed(magnitude, precision),
    };
    let mut negative = x.is_sign_negative();
    if flags.no_neg_0 && digits == "0" {
        negative = false;
    }
    let precision = i64::try_from(precision).unwrap_or(i64::MAX / 4);
    let mut vdigits_end = digits.len() as i64;
    let mut use_exp = false;
    match code {
        Code::Exp => {
            use_exp = true;
            vdigits_end = precision;
        }
        Code::Fixed => vdigits_end = decpt + precision,
        Code::General => {
            let limit = if flags.add_dot_0 { precision - 1 } else { precision };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alt {
                vdigits_end = precision;
            }
        }
        Code::Repr => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    let min_end = if !use_exp && flags.add_dot_0 { decpt + 1 } else { decpt };
    vdigits_end = vdigits_end.max(min_end);

    let mut out = String::new();
    if negative {
        out.push('-');
    }
    place_digits(&mut out, &digits, decpt, vdigits_start, vdigits_end);
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    out
}

//! Tests of `pyish::format` against CPython 3.11: expectation tables produced by running
//! `python3` (`format(v, spec)`, `repr(x)`), random round trips of `float_repr`, and, when a
//! `python3` is installed, a live differential run over many more values and specs.

mod cases;
mod misc_cases;
mod oracle;

use num_bigint::BigInt;
use pyish::format::{
    FormatError, FormatErrorKind, float_repr, format_float, format_float_spec, format_i64, format_int, format_str,
    parse,
};

/// `(exception class or "", text)` the way the tables spell an outcome.
pub fn outcome(result: Result<String, FormatError>) -> (String, String) {
    match result {
        Ok(text) => (String::new(), text),
        Err(err) => {
            let kind = match err.kind {
                FormatErrorKind::Value => "ValueError",
                FormatErrorKind::Overflow => "OverflowError",
                FormatErrorKind::Memory => "MemoryError",
            };
            (kind.to_string(), err.to_string())
        }
    }
}

/// `format(int(value), spec)`, checking the `i64` path agrees with the big one.
pub fn run_int(value: &str, spec: &str) -> (String, String) {
    let big: BigInt = value.parse().expect("test integer");
    let result = outcome(parse(spec).and_then(|s| format_int(&big, &s)).map_err(|e| e.with_type_name("int")));
    if let Ok(small) = value.parse::<i64>() {
        let fast = outcome(parse(spec).and_then(|s| format_i64(small, &s)).map_err(|e| e.with_type_name("int")));
        assert_eq!(fast, result, "format_i64({value}, {spec:?})");
    }
    result
}

/// `format(value, spec)` for a float.
pub fn run_float(value: f64, spec: &str) -> (String, String) {
    outcome(parse(spec).and_then(|s| format_float_spec(value, &s)).map_err(|e| e.with_type_name("float")))
}

/// `format(value, spec)` for a str.
pub fn run_str(value: &str, spec: &str) -> (String, String) {
    outcome(parse(spec).and_then(|s| format_str(value, &s)).map_err(|e| e.with_type_name("str")))
}

fn check_table<V: std::fmt::Debug + Copy>(cases: &[(V, &str, &str, &str)], run: impl Fn(V, &str) -> (String, String)) {
    let mut failures = Vec::new();
    for &(value, spec, kind, text) in cases {
        let got = run(value, spec);
        if got != (kind.to_string(), text.to_string()) {
            failures.push(format!("format({value:?}, {spec:?}): got {got:?}, CPython gives ({kind:?}, {text:?})"));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn int_table() {
    check_table(cases::INT_CASES, run_int);
}

#[test]
fn float_table() {
    check_table(cases::FLOAT_CASES, |bits, spec| run_float(f64::from_bits(bits), spec));
}

#[test]
fn str_table() {
    check_table(misc_cases::STR_CASES, run_str);
}

#[test]
fn repr_table() {
    for &(bits, expected) in misc_cases::REPR_CASES {
        assert_eq!(float_repr(f64::from_bits(bits)), expected, "repr of {bits:#x}");
    }
}

#[test]
fn fixed_table() {
    for &(bits, spec, precision, expected) in misc_cases::FIXED_CASES {
        let x = f64::from_bits(bits);
        assert_eq!(format_float(x, spec, precision), expected, "format({x:?}, '.{precision}{spec}')");
    }
}

#[test]
fn errors_name_the_type() {
    let err = parse("abc").expect_err("invalid spec");
    assert_eq!(err.to_string(), "Invalid format specifier 'abc' for object of type 'object'");
    assert_eq!(err.with_type_name("bool").message(), "Invalid format specifier 'abc' for object of type 'bool'");
    let missing = parse(".").expect_err("missing precision").with_type_name("bool");
    assert_eq!(missing.to_string(), "Format specifier missing precision");
}

#[test]
fn huge_width_is_a_memory_error() {
    let spec = parse("9223372036854775807").expect("spec");
    assert_eq!(format_i64(1, &spec).map_err(|e| e.kind), Err(FormatErrorKind::Memory));
    assert_eq!(format_str("x", &spec).map_err(|e| e.kind), Err(FormatErrorKind::Memory));
    assert_eq!(format_float_spec(1.0, &spec).map_err(|e| e.kind), Err(FormatErrorKind::Memory));
}

/// xorshift64*: deterministic pseudo-random bits.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn bits(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Significant digits and exponent of a finite repr: "1.25e-07" → ("125", -7).
fn repr_digit_count(repr: &str) -> usize {
    let mantissa = repr.split('e').next().unwrap_or(repr);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len().max(1)
}

#[test]
fn repr_round_trips_and_is_shortest() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..100_000 {
        let x = f64::from_bits(rng.bits());
        let repr = float_repr(x);
        let back: f64 = repr.parse().expect("repr parses");
        if x.is_nan() {
            assert_eq!(repr, "nan");
            continue;
        }
        assert_eq!(back.to_bits(), x.to_bits(), "{repr}");
        if x.is_infinite() {
            continue;
        }
        let n = repr_digit_count(&repr);
        if n > 1 {
            let shorter: f64 = format!("{:.*e}", n - 2, x).parse().expect("parses");
            assert_ne!(shorter.to_bits(), x.to_bits(), "{repr} is not shortest");
        }
        let exp = repr.split_once('e').map(|(_, e)| e);
        if let Some(exp) = exp {
            assert!(exp.starts_with('+') || exp.starts_with('-'), "{repr}");
            assert!(exp.len() >= 3, "{repr}");
        } else {
            assert!(repr.contains('.'), "{repr}");
        }
    }
}

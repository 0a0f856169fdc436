//! Live differential test against `python3` (skipped when it is not installed): the full
//! cross product of the value and spec lists, plus many pseudo-random floats.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::{Rng, run_float, run_int, run_str};

/// Reads `kind<TAB>value<TAB>hex(spec)` lines; prints `exception<TAB>hex(result)` lines.
const ORACLE: &str = r#"
import sys, struct
out = []
for line in sys.stdin:
    kind, value, spec = line.rstrip('\n').split('\t')
    spec = bytes.fromhex(spec).decode()
    if kind == 'i':
        value = int(value)
    elif kind in 'fr':
        value = struct.unpack('<d', struct.pack('<Q', int(value)))[0]
    else:
        value = bytes.fromhex(value).decode()
    try:
        res = ('', repr(value) if kind == 'r' else format(value, spec))
    except Exception as e:
        res = (type(e).__name__, str(e))
    out.append(res[0] + '\t' + res[1].encode('utf-8', 'surrogatepass').hex())
sys.stdout.write('\n'.join(out) + '\n')
"#;

const INTS: &[&str] = &[
    "0",
    "1",
    "-1",
    "7",
    "-42",
    "65",
    "255",
    "1234",
    "-1234567",
    "123456789",
    "2147483648",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "-1267650600228229401496703205376",
    "1000000000000000000000000000000",
    "1114111",
    "1114112",
    "55296",
    "233",
    "128512",
    "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
    "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
    "9007199254740993",
    "18014398509481987",
];
const INT_SPECS: &[&str] = &[
    "",
    "d",
    "5",
    "<5",
    "^7",
    ">6",
    "=+8",
    "08",
    "+08",
    "-08",
    " 08",
    "+",
    " ",
    "-",
    ",",
    "_",
    "010,",
    "08,",
    "09_",
    "012_",
    "_b",
    "#_b",
    "#b",
    "b",
    "o",
    "#o",
    "x",
    "#x",
    "#X",
    "X",
    "#010x",
    "#012_x",
    "#_X",
    "x^10",
    "*^10",
    "0=10",
    "0<10",
    "0>10",
    "0^9",
    "x<05",
    "<05",
    "=^9",
    "c",
    "<5c",
    "=5c",
    "05c",
    "^3c",
    "n",
    "010n",
    "+n",
    "e",
    ".2e",
    "E",
    "f",
    ".3f",
    "%",
    ".1%",
    "g",
    "G",
    ",.2f",
    "020,.1f",
    "z",
    ".2",
    "q",
    "abc",
    "+c",
    "#c",
    ",c",
    "_n",
    ",n",
    "20,d",
    "#_o",
    "_x",
    ",x",
    ",b",
    "0",
    "00",
    "#",
    "#d",
    "+#x",
    " #o",
    "-#b",
    "\u{e9}",
    "\u{1}",
    "\u{661}\u{660}",
    "\u{663}",
    ",_",
    "_,",
    ".",
    ".d",
    "99999999999999999999",
    "9223372036854775807d",
    ",s",
    "s",
    "\u{e9}<9",
    "\u{1f600}^9x",
];
const FLOATS: &[u64] = &[
    0x0000000000000000,
    0x8000000000000000,
    0x3ff0000000000000,
    0xbff8000000000000,
    0x3fb999999999999a,
    0x4341c37937e08000,
    0x3ee4f8b588e368f1,
    0x3f1a36e2eb1c432d,
    0x40fe240c9fbe76c9,
    0xc132d687e4189375,
    0x54b249ad2594c37d,
    0x0000000000000001,
    0x7fefffffffffffff,
    0x7ff0000000000000,
    0xfff0000000000000,
    0x7ff8000000000000,
    0x4005666666666666,
    0x3fc0000000000000,
    0x3fe0000000000000,
    0x4004000000000000,
    0x3fd0000000000000,
    0x4023fd70a3d70a3d,
    0x4058e00000000000,
    0x4480f0cf064dd592,
    0x437b69b4ba630f35,
    0x3f202e7ef70994dd,
    0xbf50624dd2f1a9fc,
    0x4028000000000000,
    0x430c6bf526340000,
    0x4341c37937e08000,
    0x43b0000000000000,
];
const FLOAT_SPECS: &[&str] = &[
    "",
    ".0",
    ".1",
    ".2",
    ".3",
    ".10",
    ".17",
    ".20",
    "f",
    "F",
    ".0f",
    ".1f",
    ".2f",
    "#.0f",
    "e",
    ".0e",
    "#.0e",
    "E",
    ".3E",
    "g",
    ".0g",
    ".1g",
    ".2g",
    "#g",
    "#.3g",
    "#.0g",
    "G",
    ".3G",
    "n",
    ".3n",
    "%",
    ".1%",
    ".0%",
    ",",
    "_",
    ",.2f",
    "_.3f",
    "015,.2f",
    "016_.3e",
    "010",
    "+",
    " ",
    "-",
    "z",
    "z.1f",
    "+z.1f",
    "z.0e",
    "z.2g",
    "z%",
    "z",
    "=^10",
    "<10",
    "^12.3e",
    "0=12",
    "012.2f",
    "+012.2f",
    "*>12",
    "#",
    "#.2",
    "#10.2",
    ".100f",
    ".30e",
    ".40g",
    "#.25g",
    "20.10g",
    "d",
    "x",
    "c",
    ",g",
    "_e",
    ",%",
    "_%",
    ".3000000000f",
    ".2147483647x",
    ",n",
    "abc",
    ",_",
    "#,",
    "0<8",
    "0^8",
    "x=+15,.2f",
];
const STRS: &[&str] = &["", "a", "hello", "h\u{e9}llo", "\u{1f600}x", "abcdefghij"];
const STR_SPECS: &[&str] = &[
    "",
    "s",
    "5",
    "<5",
    ">5",
    "^5",
    "^6",
    "*^7",
    "05",
    "0>5",
    ".2",
    ".0",
    "8.3",
    "^8.3s",
    ".20",
    "+",
    "-",
    " ",
    "z",
    "#",
    "=",
    "0=5",
    ",",
    "_",
    ",d",
    "d",
    "x",
    "abc",
    "\u{e9}>4",
    "\u{1f600}<3",
    ".",
    "3.1",
];

/// Specs tried on the random floats.
const RANDOM_FLOAT_SPECS: &[&str] =
    &["", ".17g", ".16g", ".12g", ".3e", ".0e", ".2f", ".0f", ".1f", "g", "%", ",.3f", "#.5g", ".30f", ".25e", "z.1f"];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok())).collect()
}

/// One case: the oracle's input line and our own outcome.
struct Case {
    line: String,
    ours: (String, String),
}

fn case(kind: char, value: String, spec: &str, ours: (String, String)) -> Case {
    Case { line: format!("{kind}\t{value}\t{}", hex(spec.as_bytes())), ours }
}

/// A float with a fair chance of being a rounding tie or a "nice" decimal.
fn random_float(rng: &mut Rng) -> f64 {
    let r = rng.bits();
    match r % 4 {
        0 => f64::from_bits(rng.bits()),
        1 => (rng.bits() % 2_000_001) as f64 / f64::from(1u32 << (rng.bits() % 12)) - 1000.0,
        2 => (rng.bits() % 100_000) as f64 * 10f64.powi((rng.bits() % 40) as i32 - 20),
        _ => f64::from_bits(rng.bits() >> 2 | 0x3000_0000_0000_0000),
    }
}

/// A random spec: usually shaped like the grammar, sometimes characters in any order.
fn random_spec(rng: &mut Rng) -> String {
    const ALPHABET: &[char] = &[
        '<', '>', '=', '^', '+', '-', ' ', 'z', '#', '0', '1', '2', '9', ',', '_', '.', 'b', 'c', 'd', 'e', 'E', 'f',
        'F', 'g', 'G', 'n', 'o', 's', 'x', 'X', '%', '*', '\u{e9}', '\u{661}',
    ];
    const PARTS: &[&[&str]] = &[
        &["", "", "*", "0", "\u{e9}", " "],
        &["", "<", ">", "^", "="],
        &["", "", "+", "-", " "],
        &["", "", "", "z"],
        &["", "", "#"],
        &["", "", "0"],
        &["", "", "1", "7", "12", "25"],
        &["", "", ",", "_"],
        &["", "", ".0", ".1", ".3", ".12"],
        &["", "", "b", "c", "d", "e", "E", "f", "F", "g", "G", "n", "o", "s", "x", "X", "%"],
    ];
    let mut pick = |n: usize| (rng.bits() % n as u64) as usize;
    if pick(4) == 0 {
        let len = pick(9);
        return (0..len).filter_map(|_| ALPHABET.get(pick(ALPHABET.len()))).collect();
    }
    PARTS.iter().filter_map(|options| options.get(pick(options.len()))).copied().collect()
}

fn all_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for &value in INTS {
        for &spec in INT_SPECS {
            cases.push(case('i', value.to_string(), spec, run_int(value, spec)));
        }
    }
    for &bits in FLOATS {
        for &spec in FLOAT_SPECS {
            cases.push(case('f', bits.to_string(), spec, run_float(f64::from_bits(bits), spec)));
        }
    }
    for &value in STRS {
        for &spec in STR_SPECS {
            cases.push(case('s', hex(value.as_bytes()), spec, run_str(value, spec)));
        }
    }
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    for _ in 0..3000 {
        let spec = random_spec(&mut rng);
        cases.push(case('i', "-1234567".to_string(), &spec, run_int("-1234567", &spec)));
        cases.push(case('i', "97".to_string(), &spec, run_int("97", &spec)));
        let x = random_float(&mut rng);
        cases.push(case('f', x.to_bits().to_string(), &spec, run_float(x, &spec)));
        cases.push(case('s', hex("abc".as_bytes()), &spec, run_str("abc", &spec)));
    }
    for _ in 0..500 {
        let words = 1 + rng.bits() % 18;
        let mut big = num_bigint::BigInt::from(rng.bits() % 3) - 1i32;
        for _ in 0..words {
            big = (big << 64u32) + rng.bits();
        }
        let shift = u32::try_from(rng.bits() % 64).unwrap_or(0);
        let value: num_bigint::BigInt = big >> shift;
        let value = value.to_string();
        for spec in [".17g", ".3e", "f", "_x", "#,", "+045_", "=+40,"] {
            cases.push(case('i', value.clone(), spec, run_int(&value, spec)));
        }
    }
    for _ in 0..4000 {
        let x = random_float(&mut rng);
        cases.push(case('r', x.to_bits().to_string(), "", (String::new(), pyish::format::float_repr(x))));
        for &spec in RANDOM_FLOAT_SPECS {
            cases.push(case('f', x.to_bits().to_string(), spec, run_float(x, spec)));
        }
    }
    cases
}

/// Runs the oracle on `input`; `None` when python3 is unavailable.
fn python(input: String) -> Option<String> {
    let mut child =
        Command::new("python3").args(["-c", ORACLE]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().ok()?;
    let mut stdin = child.stdin.take()?;
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn differential_against_python3() {
    let cases = all_cases();
    let input: String = cases.iter().map(|c| format!("{}\n", c.line)).collect();
    let Some(answers) = python(input) else {
        eprintln!("python3 not available: differential test skipped");
        return;
    };
    let answers: Vec<&str> = answers.lines().collect();
    assert_eq!(answers.len(), cases.len(), "oracle answered every case");
    let mut failures = Vec::new();
    for (case, answer) in cases.iter().zip(answers) {
        let (kind, text) = answer.split_once('\t').unwrap_or((answer, ""));
        let Ok(text) = String::from_utf8(unhex(text).unwrap_or_default()) else {
            continue; // a lone surrogate (`format(0xd800, 'c')`): pyish strings cannot hold it
        };
        if case.ours != (kind.to_string(), text.clone()) {
            failures.push(format!("{}: ours {:?}, CPython ({kind:?}, {text:?})", case.line, case.ours));
        }
    }
    let shown: Vec<&String> = failures.iter().take(40).collect();
    assert!(failures.is_empty(), "{} mismatches, e.g.:\n{shown:#?}", failures.len());
}

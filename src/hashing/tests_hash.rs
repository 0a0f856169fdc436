//! Tests for [`super::hash`]: every expected value is printed by CPython (`python3`) during the test.

use super::hash::*;
use super::oracle::{Rng, python};
use num_bigint::BigInt;

/// Ints given as Python expressions; Python prints each value and its hash.
const INT_EXPRS: &[&str] = &[
    "0",
    "1",
    "-1",
    "-2",
    "2",
    "7",
    "-7",
    "10**18",
    "-(10**18)",
    "2**61-1",
    "2**61-2",
    "2**61",
    "2**61+1",
    "-(2**61-1)",
    "-(2**61)",
    "-(2**61)-1",
    "2*(2**61-1)-1",
    "2*(2**61-1)",
    "2**62",
    "2**63-1",
    "-(2**63)",
    "2**63",
    "2**64",
    "2**64-1",
    "-(2**64)",
    "2**100+12345",
    "-(3**90)",
    "10**50",
    "-(10**50)",
    "7**300",
    "-(7**300)-1",
    "(2**61-1)*12345-1",
    "-((2**61-1)*3)-1",
    "-((2**61-1)*3)",
];

#[test]
fn ints_hash_like_cpython() {
    let mut exprs: Vec<String> = INT_EXPRS.iter().map(|s| s.to_string()).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..200 {
        let bits = rng.below(200);
        let sign = if rng.below(2) == 0 { "-" } else { "" };
        exprs.push(format!("{sign}({} % 2**{bits})", rng.next()));
        exprs.push(format!("{sign}({} * {} * {})", rng.next(), rng.next(), rng.next()));
    }
    let program = format!("for e in {exprs:?}:\n    v = eval(e)\n    print(v, hash(v))\n");
    let Some(out) = python(&program) else { return };
    let mut checked = 0;
    for line in out.lines() {
        let (value, expected) = line.split_once(' ').expect("value and hash");
        let expected: i64 = expected.parse().expect("hash");
        let value: BigInt = value.parse().expect("int");
        assert_eq!(hash_bigint(&value), expected, "hash({value})");
        if let Ok(small) = i64::try_from(&value) {
            assert_eq!(hash_i64(small), expected, "hash({small}) as i64");
        }
        checked += 1;
    }
    assert_eq!(checked, exprs.len());
}

#[test]
fn floats_hash_like_cpython() {
    let program = r#"
import random, struct
vals = [0.5, -0.0, 0.0, 1e300, -1e300, 1.5, 3.14, -3.14, 1.0, -1.0, 2.0**61, 2.0**62, 2.0**64, -(2.0**64),
        float('inf'), float('-inf'), 5e-324, -5e-324, 2.2250738585072014e-308, 1e-310, 1.7976931348623157e308,
        0.1, 1/3, -2.5, 1e16, 123456789.125, 2.0**-1074, 2.0**-1022, 2.0**1023, 4503599627370497.0,
        2305843009213693951.0, 2305843009213693952.0, -2305843009213693952.0]
r = random.Random(7)
for _ in range(500):
    vals.append(r.uniform(-1, 1) * 10.0 ** r.randint(-320, 308))
    vals.append(float(r.randint(-2**70, 2**70)))
    vals.append(r.randint(-2**40, 2**40) / 2 ** r.randint(0, 80))
for v in vals:
    print(struct.unpack('<q', struct.pack('<d', v))[0], hash(v))
"#;
    let Some(out) = python(program) else { return };
    let mut checked = 0;
    for line in out.lines() {
        let (bits, expected) = line.split_once(' ').expect("bits and hash");
        let value = f64::from_bits(bits.parse::<i64>().expect("bits") as u64);
        let expected: i64 = expected.parse().expect("hash");
        assert_eq!(hash_f64(value), expected, "hash({value:e})");
        checked += 1;
    }
    assert!(checked > 1000);
    assert_eq!(hash_f64(f64::NAN), 0, "pyish hashes NaN to 0");
}

/// `(Python expression, pyish hash)` pairs for tuples, frozensets, bools, complex numbers, str and bytes.
fn composite_cases() -> Vec<(String, i64)> {
    let h = hash_i64;
    let key = (0, 0); // PYTHONHASHSEED=0
    let mut cases: Vec<(String, i64)> = vec![
        ("()".into(), hash_tuple(&[])),
        ("(1,)".into(), hash_tuple(&[h(1)])),
        ("(1, 2)".into(), hash_tuple(&[h(1), h(2)])),
        ("((1, 2), 3)".into(), hash_tuple(&[hash_tuple(&[h(1), h(2)]), h(3)])),
        ("(1.5, -1)".into(), hash_tuple(&[hash_f64(1.5), h(-1)])),
        ("(-1, -2, (), ((),))".into(), hash_tuple(&[h(-1), h(-2), hash_tuple(&[]), hash_tuple(&[hash_tuple(&[])])])),
        ("True".into(), hash_bool(true)),
        ("False".into(), hash_bool(false)),
        ("(True, False)".into(), hash_tuple(&[hash_bool(true), hash_bool(false)])),
        ("frozenset()".into(), hash_frozenset(std::iter::empty(), 0)),
        ("frozenset({1, 2, 3})".into(), hash_frozenset([1, 2, 3].map(h).into_iter(), 3)),
        ("frozenset({-1, -2})".into(), hash_frozenset([-1, -2].map(h).into_iter(), 2)),
        (
            "frozenset({frozenset({1}), (1, 2), 2.5})".into(),
            hash_frozenset(
                [hash_frozenset([h(1)].into_iter(), 1), hash_tuple(&[h(1), h(2)]), hash_f64(2.5)].into_iter(),
                3,
            ),
        ),
        ("complex(1.5, -2)".into(), hash_complex(1.5, -2.0)),
        ("complex(0, 1)".into(), hash_complex(0.0, 1.0)),
        ("complex(-1, 0)".into(), hash_complex(-1.0, 0.0)),
        ("complex(1e300, float('inf'))".into(), hash_complex(1e300, f64::INFINITY)),
    ];
    let mut strings: Vec<String> =
        ["", "a", "abc", "abcdefgh", "abcdefghi", "é", "naïve café", "€", "Ω≈ç√∫", "😀", "a😀b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    strings.push("x".repeat(100));
    for s in strings.iter().map(String::as_str) {
        let escaped: String = s.chars().map(|c| format!("\\U{:08x}", u32::from(c))).collect();
        cases.push((format!("'{escaped}'"), hash_str(s, key)));
        cases.push((format!("'{escaped}'.encode('utf-8')"), hash_bytes(s.as_bytes(), key)));
    }
    let mut rng = Rng(12345);
    for len in 0..40 {
        let items: Vec<i64> = (0..len % 9).map(|_| rng.next() as i64 >> rng.below(64)).collect();
        let text: Vec<String> = items.iter().map(|i| i.to_string()).collect();
        let hashes: Vec<i64> = items.iter().map(|&i| h(i)).collect();
        cases.push((format!("({},)", text.join(", ")).replace("(,)", "()"), hash_tuple(&hashes)));
        let mut distinct = items.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let fs_hash = hash_frozenset(distinct.iter().map(|&i| h(i)), distinct.len());
        cases.push((format!("frozenset([{}])", text.join(", ")), fs_hash));
    }
    cases
}

#[test]
fn composites_hash_like_cpython() {
    let cases = composite_cases();
    let exprs: Vec<&str> = cases.iter().map(|(expr, _)| expr.as_str()).collect();
    let program = format!("for e in {exprs:?}:\n    print(hash(eval(e)))\n");
    let Some(out) = python(&program) else { return };
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), cases.len());
    for ((expr, ours), line) in cases.iter().zip(lines) {
        assert_eq!(*ours, line.parse::<i64>().expect("hash"), "hash({expr})");
    }
}

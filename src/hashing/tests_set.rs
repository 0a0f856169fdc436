//! Tests for [`super::SetTable`] and [`super::set_ops`]: scripts of set operations run both on the table and
//! in CPython (`python3`), whose printed iteration orders and `pop()` results are the expectations.

use super::hash::{hash_bigint, hash_f64};
use super::oracle::{Rng, python};
use super::set_ops::{difference, intersection, symmetric_difference, union};
use super::set_table::SetTable;
use num_bigint::BigInt;
use num_traits::FromPrimitive;
use std::convert::Infallible;
use std::fmt::Write;

/// A test key: a Python int or float (floats are kept to values whose Rust `{:?}` equals Python's repr).
#[derive(Clone, Debug)]
enum Key {
    Int(BigInt),
    Float(f64),
}

impl Key {
    fn hash(&self) -> i64 {
        match self {
            Key::Int(i) => hash_bigint(i),
            Key::Float(f) => hash_f64(*f),
        }
    }

    fn repr(&self) -> String {
        match self {
            Key::Int(i) => i.to_string(),
            Key::Float(f) => format!("{f:?}"),
        }
    }
}

fn int(i: i64) -> Key {
    Key::Int(BigInt::from(i))
}

fn big(text: &str) -> Key {
    Key::Int(text.parse().expect("decimal int"))
}

fn float_equals_int(f: f64, i: &BigInt) -> bool {
    f.fract() == 0.0 && BigInt::from_f64(f).is_some_and(|g| &g == i)
}

fn eq(a: &Key, b: &Key) -> Result<bool, Infallible> {
    Ok(match (a, b) {
        (Key::Int(x), Key::Int(y)) => x == y,
        (Key::Float(x), Key::Float(y)) => x == y,
        (Key::Int(i), Key::Float(f)) | (Key::Float(f), Key::Int(i)) => float_equals_int(*f, i),
    })
}

#[derive(Clone, Copy, Debug)]
enum Bin {
    Or,
    And,
    Sub,
    Xor,
}

impl Bin {
    fn symbol(self) -> &'static str {
        match self {
            Bin::Or => "|",
            Bin::And => "&",
            Bin::Sub => "-",
            Bin::Xor => "^",
        }
    }
}

/// Keys `(i * mul) % modulo + offset` for `i` in `0..count`, as a Python generator expression.
#[derive(Clone, Copy, Debug)]
struct Range {
    count: u64,
    mul: u64,
    modulo: u64,
    offset: i64,
}

impl Range {
    fn keys(self) -> impl Iterator<Item = Key> {
        (0..self.count).map(move |i| int(((i * self.mul) % self.modulo) as i64 + self.offset))
    }

    fn python(self) -> String {
        format!("(i * {} % {} + {} for i in range({}))", self.mul, self.modulo, self.offset, self.count)
    }
}

/// One step of a script over the sets `S[0..4]`.
#[derive(Clone, Debug)]
enum Op {
    Add(usize, Key),
    Discard(usize, Key),
    Pop(usize),
    Clear(usize),
    Show(usize),
    Digest(usize),
    AddRange(usize, Range),
    DiscardRange(usize, Range),
    Binary(usize, Bin, usize, usize),
    InPlace(usize, Bin, usize),
    Copy(usize, usize),
    /// `S[d] = set(dict.fromkeys(S[a]))`: the exact-dict path.
    FromDict(usize, usize),
    /// `S[d] = S[a].difference(list(S[b]))`: the non-set iterable path.
    DifferenceList(usize, usize, usize),
    /// `S[d] = S[a].intersection(list(S[b]))`: the non-set iterable path, with its early exit.
    IntersectionList(usize, usize, usize),
}

fn python_line(op: &Op) -> String {
    match op {
        Op::Add(s, k) => format!("S[{s}].add({})", k.repr()),
        Op::Discard(s, k) => format!("S[{s}].discard({})", k.repr()),
        Op::Pop(s) => format!("out.append(repr(S[{s}].pop()))"),
        Op::Clear(s) => format!("S[{s}].clear()"),
        Op::Show(s) => format!("out.append(' '.join(map(repr, S[{s}])))"),
        Op::Digest(s) => format!("out.append(digest(S[{s}]))"),
        Op::AddRange(s, r) => format!("for x in {}: S[{s}].add(x)", r.python()),
        Op::DiscardRange(s, r) => format!("for x in {}: S[{s}].discard(x)", r.python()),
        Op::Binary(d, op, a, b) => format!("S[{d}] = S[{a}] {} S[{b}]", op.symbol()),
        Op::InPlace(a, op, b) => format!("S[{a}] {}= S[{b}]", op.symbol()),
        Op::Copy(d, a) => format!("S[{d}] = S[{a}].copy()"),
        Op::FromDict(d, a) => format!("S[{d}] = set(dict.fromkeys(S[{a}]))"),
        Op::DifferenceList(d, a, b) => format!("S[{d}] = S[{a}].difference(list(S[{b}]))"),
        Op::IntersectionList(d, a, b) => format!("S[{d}] = S[{a}].intersection(list(S[{b}]))"),
    }
}

fn digest(table: &SetTable<Key>) -> String {
    const MODULUS: i128 = (1 << 61) - 1;
    let h = table.iter().fold(0i128, |h, k| (h * 1_000_003 + i128::from(k.hash())).rem_euclid(MODULUS));
    format!("{}:{h}", table.len())
}

fn run_in_place(sets: &mut [SetTable<Key>], a: usize, op: Bin, b: usize) {
    let other = sets[b].clone();
    let target = &mut sets[a];
    let done = match op {
        Bin::Or => target.merge(&other, eq),
        Bin::And => intersection(target, &other, eq).map(|mut tmp| target.swap_bodies(&mut tmp)),
        Bin::Sub => target.difference_update(&other, eq),
        Bin::Xor => target.symmetric_difference_update(&other, eq),
    };
    let Ok(()) = done;
}

/// The orders documented in [`super::set_ops`] for operands that are not sets.
fn run_iterable_op(sets: &mut [SetTable<Key>], op: &Op) {
    let mut result = SetTable::new();
    match *op {
        Op::FromDict(d, a) => {
            result.presize(sets[a].len());
            for (hash, key) in sets[a].entries() {
                let Ok(_) = result.insert(hash, key.clone(), eq);
            }
            sets[d] = result;
        }
        Op::DifferenceList(d, a, b) => {
            result = sets[a].copy();
            for key in sets[b].iter() {
                let Ok(_) = result.remove(key.hash(), key, eq);
            }
            result.compact_after_discards();
            sets[d] = result;
        }
        Op::IntersectionList(d, a, b) => {
            for key in sets[b].iter() {
                if let Ok(true) = sets[a].contains(key.hash(), key, eq) {
                    let Ok(_) = result.insert(key.hash(), key.clone(), eq);
                    if result.len() >= sets[a].len() {
                        break;
                    }
                }
            }
            sets[d] = result;
        }
        _ => {}
    }
}

/// Runs a script on [`SetTable`]s, producing the line Python prints for it.
fn run(ops: &[Op]) -> String {
    let mut sets: Vec<SetTable<Key>> = (0..4).map(|_| SetTable::new()).collect();
    let mut out: Vec<String> = Vec::new();
    for op in ops {
        match op {
            Op::Add(s, k) => {
                let Ok(_) = sets[*s].insert(k.hash(), k.clone(), eq);
            }
            Op::Discard(s, k) => {
                let Ok(_) = sets[*s].remove(k.hash(), k, eq);
            }
            Op::Pop(s) => out.push(sets[*s].pop().expect("pop from a non-empty set").repr()),
            Op::Clear(s) => sets[*s].clear(),
            Op::Show(s) => out.push(sets[*s].iter().map(Key::repr).collect::<Vec<_>>().join(" ")),
            Op::Digest(s) => out.push(digest(&sets[*s])),
            Op::AddRange(s, r) => {
                for k in r.keys() {
                    let Ok(_) = sets[*s].insert(k.hash(), k, eq);
                }
            }
            Op::DiscardRange(s, r) => {
                for k in r.keys() {
                    let Ok(_) = sets[*s].remove(k.hash(), &k, eq);
                }
            }
            Op::Binary(d, op, a, b) => {
                let (x, y) = (&sets[*a], &sets[*b]);
                let Ok(result) = match op {
                    Bin::Or => union(x, y, eq),
                    Bin::And => intersection(x, y, eq),
                    Bin::Sub => difference(x, y, eq),
                    Bin::Xor => symmetric_difference(x, y, eq),
                };
                sets[*d] = result;
            }
            Op::InPlace(a, op, b) => run_in_place(&mut sets, *a, *op, *b),
            Op::Copy(d, a) => sets[*d] = sets[*a].copy(),
            Op::FromDict(..) | Op::DifferenceList(..) | Op::IntersectionList(..) => run_iterable_op(&mut sets, op),
        }
    }
    out.join("|")
}

/// Compares every script's output with CPython's.
fn check(cases: &[Vec<Op>]) {
    let mut program = String::from(
        "def digest(s):\n    h = 0\n    for x in s:\n        h = (h * 1000003 + hash(x)) % (2**61 - 1)\n    \
         return f'{len(s)}:{h}'\n",
    );
    for ops in cases {
        program.push_str("S = [set() for _ in range(4)]\nout = []\n");
        for op in ops {
            let _ = writeln!(program, "{}", python_line(op));
        }
        program.push_str("print('|'.join(out))\n");
    }
    let Some(expected) = python(&program) else { return };
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), cases.len());
    for (n, (ops, want)) in cases.iter().zip(expected).enumerate() {
        let got = run(ops);
        assert!(got == want, "case {n} differs from CPython\nops: {ops:?}\npython: {want}\npyish:  {got}");
    }
}

fn adds(set: usize, keys: &[Key]) -> Vec<Op> {
    keys.iter().map(|k| Op::Add(set, k.clone())).collect()
}

#[test]
fn small_literal() {
    check(&[vec![Op::Add(0, int(5)), Op::Add(0, int(4)), Op::Show(0)]]);
}

#[test]
fn shuffled_ranges_with_removals() {
    let mut rng = Rng(0x1234_5678);
    let mut cases = Vec::new();
    for seed in 0..30 {
        let mut keys: Vec<Key> = if seed % 2 == 0 {
            (0..1000).step_by(7).map(int).collect()
        } else {
            (-500..500).step_by(3).map(int).collect()
        };
        rng.shuffle(&mut keys);
        let mut ops = Vec::new();
        for (n, k) in keys.iter().enumerate() {
            ops.push(Op::Add(0, k.clone()));
            if [3, 4, 5, 10, 21, 50].contains(&n) {
                ops.push(Op::Show(0));
            }
        }
        ops.push(Op::Show(0));
        for k in keys.iter().filter(|_| rng.below(3) == 0) {
            ops.push(Op::Discard(0, k.clone()));
        }
        ops.push(Op::Show(0));
        for k in keys.iter().filter(|_| rng.below(4) == 0) {
            ops.push(Op::Add(0, k.clone()));
        }
        ops.extend([Op::Add(0, int(100_000)), Op::Show(0), Op::Pop(0), Op::Pop(0), Op::Show(0)]);
        cases.push(ops);
    }
    check(&cases);
}

#[test]
fn colliding_large_ints_and_dummies() {
    let mut rng = Rng(99);
    let mut keys = Vec::new();
    for k in 0..40i64 {
        keys.push(int(k));
        keys.push(int(-k));
        keys.push(big(&(BigInt::from((1u64 << 61) - 1) + k).to_string()));
        keys.push(big(&((BigInt::from(1u64) << 64u32) + k).to_string()));
        keys.push(big(&(-(BigInt::from(1u64) << 70u32) - k).to_string()));
    }
    let mut cases = vec![
        // The last dummy on a probe path is reused (CPython keeps the last `freeslot`, not the first).
        vec![Op::Add(0, int(0)), Op::Add(0, int(8)), Op::Add(0, int(16))]
            .into_iter()
            .chain([Op::Discard(0, int(0)), Op::Discard(0, int(16)), Op::Add(0, int(24)), Op::Show(0)])
            .collect(),
    ];
    for _ in 0..10 {
        rng.shuffle(&mut keys);
        let mut ops = adds(0, &keys[..60]);
        ops.push(Op::Show(0));
        ops.extend(keys[..60].iter().filter(|_| rng.below(2) == 0).map(|k| Op::Discard(0, k.clone())));
        ops.extend(adds(0, &keys[60..120]));
        ops.extend([Op::Show(0), Op::Pop(0), Op::Pop(0), Op::Pop(0), Op::Show(0)]);
        cases.push(ops);
    }
    check(&cases);
}

#[test]
fn pop_sequences_and_clear() {
    let mut rng = Rng(7);
    let mut cases = Vec::new();
    for size in [1usize, 3, 5, 9, 20, 100] {
        let mut keys: Vec<Key> = (0..size as i64 * 3).map(|i| int(i * 13 - 40)).collect();
        rng.shuffle(&mut keys);
        let mut ops = adds(0, &keys[..size]);
        ops.extend((0..size.div_ceil(2)).map(|_| Op::Pop(0)));
        ops.extend(adds(0, &keys[size..size + size / 2 + 1]));
        ops.extend([Op::Show(0), Op::Pop(0), Op::Show(0), Op::Clear(0)]);
        // The finger survives clear().
        ops.extend(adds(0, &keys[size..size * 2]));
        ops.extend([Op::Pop(0), Op::Show(0)]);
        cases.push(ops);
    }
    check(&cases);
}

#[test]
fn growth_past_fifty_thousand() {
    let spread = Range { count: 60_000, mul: 7919, modulo: 1_000_003, offset: -500_000 };
    let dense = Range { count: 70_000, mul: 1, modulo: 1 << 40, offset: -35_000 };
    let half = Range { count: 30_000, mul: 7919 * 2, modulo: 1_000_003, offset: -500_000 };
    let cases = vec![
        vec![
            Op::AddRange(0, spread),
            Op::Digest(0),
            Op::DiscardRange(0, half),
            Op::Digest(0),
            Op::Pop(0),
            Op::Pop(0),
            Op::AddRange(0, dense),
            Op::Digest(0),
        ],
        vec![Op::AddRange(0, dense), Op::Digest(0), Op::Copy(1, 0), Op::Digest(1), Op::Pop(1)],
        vec![
            Op::AddRange(0, spread),
            Op::AddRange(1, half),
            Op::Binary(2, Bin::Sub, 0, 1),
            Op::Digest(2),
            Op::Binary(2, Bin::Xor, 1, 0),
            Op::Digest(2),
            Op::InPlace(0, Bin::Sub, 1),
            Op::Digest(0),
        ],
    ];
    check(&cases);
}

#[test]
fn mixed_ints_and_floats() {
    let mut cases = vec![vec![
        Op::Add(0, int(1)),
        Op::Add(0, Key::Float(1.0)),
        Op::Add(0, Key::Float(2.0)),
        Op::Add(0, int(2)),
        Op::Add(0, Key::Float(2.5)),
        Op::Add(0, Key::Float(-0.5)),
        Op::Add(0, Key::Float(-0.0)),
        Op::Add(0, int(0)),
        Op::Show(0),
        Op::Discard(0, Key::Float(1.0)),
        Op::Discard(0, int(2)),
        Op::Show(0),
    ]];
    let mut rng = Rng(4242);
    for _ in 0..10 {
        let mut ops = Vec::new();
        for _ in 0..80 {
            let k = rng.below(200) as i64 - 100;
            ops.push(match rng.below(4) {
                0 => Op::Add(0, int(k)),
                1 => Op::Add(0, Key::Float(k as f64)),
                2 => Op::Add(0, Key::Float(k as f64 + 0.25)),
                _ => Op::Discard(0, if rng.below(2) == 0 { int(k) } else { Key::Float(k as f64) }),
            });
        }
        ops.extend([Op::Show(0), Op::Pop(0), Op::Show(0)]);
        cases.push(ops);
    }
    check(&cases);
}

#[test]
fn set_algebra_orders() {
    let mut rng = Rng(31337);
    let mut cases = Vec::new();
    let sizes = [(0usize, 5usize), (5, 0), (4, 4), (10, 3), (100, 10), (10, 100), (5, 100), (30, 300), (200, 190)];
    for &(na, nb) in &sizes {
        for round in 0..3 {
            let universe = (na + nb) as i64 + 5;
            let mut pool: Vec<Key> = (0..universe * 2).map(|i| int(i * 37 - universe)).collect();
            rng.shuffle(&mut pool);
            let mut ops = adds(0, &pool[..na]);
            let offset = na / 2;
            ops.extend(adds(1, &pool[offset..offset + nb]));
            if round == 1 {
                // Leave dummies in both operands.
                ops.extend(pool[..na].iter().step_by(3).map(|k| Op::Discard(0, k.clone())));
                ops.extend(pool[offset..offset + nb].iter().step_by(4).map(|k| Op::Discard(1, k.clone())));
            }
            for op in [Bin::Or, Bin::And, Bin::Sub, Bin::Xor] {
                ops.extend([Op::Binary(2, op, 0, 1), Op::Show(2), Op::Binary(2, op, 1, 0), Op::Show(2)]);
                ops.extend([Op::Copy(3, 0), Op::InPlace(3, op, 1), Op::Show(3)]);
                ops.extend([Op::Add(3, int(1_000_001)), Op::Add(3, int(-7)), Op::Show(3)]);
            }
            ops.extend([Op::FromDict(2, 0), Op::Show(2), Op::FromDict(2, 1), Op::Add(2, int(3)), Op::Show(2)]);
            ops.extend([Op::DifferenceList(2, 0, 1), Op::Show(2), Op::DifferenceList(2, 1, 0), Op::Show(2)]);
            ops.extend([Op::IntersectionList(2, 0, 1), Op::Show(2), Op::IntersectionList(2, 1, 0), Op::Show(2)]);
            if na > 0 {
                ops.extend([Op::Pop(0), Op::Copy(3, 0), Op::InPlace(0, Bin::And, 1), Op::Show(0)]);
                ops.extend([Op::InPlace(0, Bin::Or, 3), Op::Show(0)]);
            }
            cases.push(ops);
        }
    }
    check(&cases);
}

#[test]
fn stepwise_probe_matches_insert() {
    let mut table: SetTable<i64> = SetTable::new();
    for k in [3i64, 11, 19, 27] {
        let mut probe = table.probe(k & 7);
        while let super::ProbeStep::Candidate(slot) = table.step(&mut probe) {
            assert_ne!(table.key_at(slot), Some(&k));
        }
        assert!(table.insert_vacant(&probe, k).is_ok());
    }
    let same = |a: &i64, b: &i64| -> Result<bool, Infallible> { Ok(a == b) };
    let mut reference: SetTable<i64> = SetTable::new();
    for k in [3i64, 11, 19, 27] {
        let Ok(added) = reference.insert(k & 7, k, same);
        assert!(added);
    }
    assert_eq!(table.iter().collect::<Vec<_>>(), reference.iter().collect::<Vec<_>>());
    // A probe from before a resize is stale: inserting through it fails instead of corrupting the table.
    let stale = table.probe(3);
    table.resize(100);
    assert_eq!(table.insert_vacant(&stale, 99), Err(99));
    assert_eq!(table.len(), 4);
}

#[test]
fn failing_equality_propagates_and_leaves_the_table_intact() {
    let mut table: SetTable<i64> = SetTable::new();
    let plain = |a: &i64, b: &i64| -> Result<bool, &'static str> { Ok(a == b) };
    for k in [1i64, 9, 17] {
        assert_eq!(table.insert(1, k, plain), Ok(true));
    }
    let raising = |_: &i64, _: &i64| -> Result<bool, &'static str> { Err("boom") };
    assert_eq!(table.insert(1, 25, raising), Err("boom"));
    assert_eq!(table.contains(1, &9, raising), Err("boom"));
    assert_eq!(table.remove(1, &9, raising), Err("boom"));
    assert_eq!(table.insert(2, 2, raising), Ok(true), "no candidate with an equal hash: eq is never called");
    assert_eq!(table.iter().copied().collect::<Vec<_>>(), vec![1, 2, 9, 17]);
    assert_eq!(table.remove(1, &9, plain), Ok(Some(9)));
    assert_eq!(table.len(), 3);
    let mut popped = Vec::new();
    while let Some(k) = table.pop() {
        popped.push(k);
    }
    assert_eq!(popped, vec![1, 2, 17]);
    assert_eq!(table.pop(), None);
}

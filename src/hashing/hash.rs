//! CPython 3.11's `hash()` algorithms (64-bit build) for ints, floats, bools, tuples, frozensets, str and bytes.
//!
//! Numeric hashes follow `sys.hash_info`: reduction modulo the Mersenne prime `2**61 - 1`, so that equal
//! numbers of different types (`1`, `1.0`, `True`) hash alike.  A hash is never `-1` (CPython reserves it as
//! an error code); wherever the computation yields `-1` it is replaced, exactly as CPython does.

use num_bigint::{BigInt, BigUint, Sign};

/// Number of bits in the numeric hash modulus (`sys.hash_info.modulus == 2**61 - 1`).
pub const HASH_BITS: u32 = 61;
/// The numeric hash modulus, the Mersenne prime `2**61 - 1`.
pub const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
/// `hash(float('inf'))`; `hash(float('-inf'))` is its negation.
pub const HASH_INF: i64 = 314_159;

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// Maps the reserved value `-1` to `-2`, as every CPython numeric hash does.
fn avoid_minus_one(x: u64) -> i64 {
    if x == u64::MAX { -2 } else { x as i64 }
}

/// `hash(i)` for an int that fits in an `i64` (CPython `long_hash`): the sign times `|i| mod (2**61 - 1)`.
pub fn hash_i64(i: i64) -> i64 {
    let magnitude = i.unsigned_abs() % HASH_MODULUS;
    let x = if i < 0 { magnitude.wrapping_neg() } else { magnitude };
    avoid_minus_one(x)
}

/// `hash(n)` for an arbitrary-precision int (CPython `long_hash`); agrees with [`hash_i64`] where both apply.
pub fn hash_bigint(n: &BigInt) -> i64 {
    let magnitude = n.magnitude() % BigUint::from(HASH_MODULUS);
    let magnitude = magnitude.iter_u64_digits().next().unwrap_or(0);
    let x = if n.sign() == Sign::Minus { magnitude.wrapping_neg() } else { magnitude };
    avoid_minus_one(x)
}

/// `hash(b)` for a bool: `True` hashes like `1`, `False` like `0`.
pub fn hash_bool(b: bool) -> i64 {
    i64::from(b)
}

/// C's `frexp` for finite values: `v == m * 2**e` with `0.5 <= |m| < 1`, or `(v, 0)` for zeros.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: scale into the normal range first (2**54 is exact).
        let (m, e) = frexp(v * f64::from_bits(0x4350_0000_0000_0000));
        return (m, e - 54);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, biased - 1022)
}

/// `hash(v)` for a float (CPython `_Py_HashDouble`).
///
/// Integral floats hash like the equal int, other finite values like the equal fraction; `inf` gives
/// [`HASH_INF`] and `-inf` its negation.  NaN hashes to `0` in pyish: CPython 3.10+ hashes a NaN by object
/// identity instead, which has no meaning for a pure function (and NaN never equals anything anyway).
pub fn hash_f64(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let (mut m, mut e) = frexp(v);
    let negative = m < 0.0;
    if negative {
        m = -m;
    }
    // Process 28 bits at a time (exact: every step keeps m in [0, 1) with at most 53 significant bits).
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64; // integer part, < 2**28
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    // Multiply by 2**e modulo 2**61 - 1, i.e. rotate left by e mod 61 within 61 bits.
    let bits = HASH_BITS as i32;
    let e = if e >= 0 { e % bits } else { bits - 1 - ((-1 - e) % bits) } as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    if negative {
        x = x.wrapping_neg();
    }
    avoid_minus_one(x)
}

/// `hash(t)` for a tuple whose items hash to `items` (CPython 3.8+ `tuplehash`, an xxHash variant).
pub fn hash_tuple(items: &[i64]) -> i64 {
    let mut acc = XXPRIME_5;
    for &lane in items {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    // Add the length, mangled to keep the historical value of hash(()).
    acc = acc.wrapping_add((items.len() as u64) ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX { 1_546_275_796 } else { acc as i64 }
}

/// CPython's `_shuffle_bits` for frozenset hashing.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(frozenset)` given the hashes of its `len` elements, in any order (CPython `frozenset_hash`).
///
/// CPython xors the shuffled hash of every table slot and then cancels the empty and dummy slots out; the
/// result only depends on the active elements, which is what this computes.
pub fn hash_frozenset(item_hashes: impl Iterator<Item = i64>, len: usize) -> i64 {
    let mut hash = item_hashes.fold(0u64, |acc, h| acc ^ shuffle_bits(h as u64));
    // Factor in the number of active entries.
    hash ^= (len as u64).wrapping_add(1).wrapping_mul(1_927_868_237);
    // Disperse patterns arising in nested frozensets.
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX { 590_923_713 } else { hash as i64 }
}

/// One SipHash round (CPython `SINGLE_ROUND`, i.e. two `HALF_ROUND`s).
fn sip_round(v: &mut [u64; 4]) {
    v[0] = v[0].wrapping_add(v[1]);
    v[2] = v[2].wrapping_add(v[3]);
    v[1] = v[1].rotate_left(13) ^ v[0];
    v[3] = v[3].rotate_left(16) ^ v[2];
    v[0] = v[0].rotate_left(32);
    v[2] = v[2].wrapping_add(v[1]);
    v[0] = v[0].wrapping_add(v[3]);
    v[1] = v[1].rotate_left(17) ^ v[2];
    v[3] = v[3].rotate_left(21) ^ v[0];
    v[2] = v[2].rotate_left(32);
}

/// SipHash-1-3 of `data` under the 128-bit key `(k0, k1)` (CPython's `siphash13`, `Py_HASH_ALGORITHM` of 3.11).
pub fn siphash13(key: (u64, u64), data: &[u8]) -> u64 {
    let (k0, k1) = key;
    let mut v = [
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let mi = u64::from_le_bytes(word);
        v[3] ^= mi;
        sip_round(&mut v);
        v[0] ^= mi;
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let b = ((data.len() as u64) << 56) | u64::from_le_bytes(tail);
    v[3] ^= b;
    sip_round(&mut v);
    v[0] ^= b;
    v[2] ^= 0xff;
    for _ in 0..3 {
        sip_round(&mut v);
    }
    (v[0] ^ v[1]) ^ (v[2] ^ v[3])
}

/// `hash(b)` for a bytes object under the per-interpreter SipHash `key` (CPython `_Py_HashBytes`).
///
/// Like CPython, bytes hashes are randomized per process through the key, so they are only comparable with
/// CPython's values when both use the same key: `PYTHONHASHSEED=0` corresponds to the key `(0, 0)`.
pub fn hash_bytes(data: &[u8], key: (u64, u64)) -> i64 {
    if data.is_empty() {
        return 0;
    }
    avoid_minus_one(siphash13(key, data))
}

/// `hash(s)` for a str under the per-interpreter SipHash `key`.
///
/// CPython hashes a string's internal representation: one byte per character when all code points are
/// below 256 (latin-1), else two (UCS-2) or four (UCS-4) little-endian bytes per character.  This does the
/// same, so with an equal key the value is CPython's (`PYTHONHASHSEED=0` is the key `(0, 0)`); with a random
/// key, string hashes vary between runs exactly as CPython's do.
pub fn hash_str(s: &str, key: (u64, u64)) -> i64 {
    if s.is_ascii() {
        return hash_bytes(s.as_bytes(), key);
    }
    let widest = s.chars().map(u32::from).max().unwrap_or(0);
    let mut buf = Vec::with_capacity(s.len() * 4);
    for c in s.chars().map(u32::from) {
        match widest {
            0..=0xff => buf.push(c as u8),
            0x100..=0xffff => buf.extend_from_slice(&(c as u16).to_le_bytes()),
            _ => buf.extend_from_slice(&c.to_le_bytes()),
        }
    }
    hash_bytes(&buf, key)
}

/// Multiplier for the imaginary part in complex hashes (`sys.hash_info.imag`).
pub const HASH_IMAG: u64 = 1_000_003;

/// `hash(complex(re, im))` (CPython `complex_hash`): `hash(re) + 1000003 * hash(im)` with wrapping arithmetic.
pub fn hash_complex(re: f64, im: f64) -> i64 {
    let combined = (hash_f64(re) as u64).wrapping_add(HASH_IMAG.wrapping_mul(hash_f64(im) as u64));
    avoid_minus_one(combined)
}

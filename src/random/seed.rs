//! Seeding, following `random.Random.seed` (version 2) and CPython's `random_seed`.

use super::MersenneTwister;
use num_bigint::{BigInt, BigUint, Sign};
use sha2::{Digest, Sha512};

impl MersenneTwister {
    /// `random.seed(n)` for an int: seeds from the 32-bit words of `abs(n)`, least significant first.
    pub fn seed_int(&mut self, n: &BigInt) {
        self.init_by_array(&n.magnitude().to_u32_digits());
        self.gauss_next = None;
    }

    /// `random.seed(b)` for bytes or bytearray (version 2): seeds from
    /// `int.from_bytes(b + sha512(b).digest(), 'big')`.
    pub fn seed_bytes(&mut self, b: &[u8]) {
        let mut all = b.to_vec();
        all.extend_from_slice(Sha512::digest(b).as_slice());
        self.seed_int(&BigInt::from_biguint(Sign::Plus, BigUint::from_bytes_be(&all)));
    }

    /// `random.seed(s)` for a str (version 2): seeds from its UTF-8 encoding as [`Self::seed_bytes`] does.
    pub fn seed_str(&mut self, s: &str) {
        self.seed_bytes(s.as_bytes());
    }

    /// `random.seed(x)` for a float: CPython seeds from `hash(x)` reinterpreted as an unsigned 64-bit
    /// number. `hash(nan)` depends on the object's address in CPython 3.11, so a NaN seeds from entropy.
    pub fn seed_float(&mut self, x: f64) {
        match hash_float(x) {
            Some(h) => self.seed_int(&BigInt::from(h as u64)),
            None => self.seed_from_entropy(),
        }
    }

    /// `random.seed()` / `random.seed(None)`: seeds from 624 words of `/dev/urandom` as CPython does, or,
    /// where that cannot be read, from the system clock, the process id and a per-call address (CPython's
    /// fallback uses the clock, the pid and a monotonic clock; std offers no raw monotonic reading).
    pub fn seed_from_entropy(&mut self) {
        let key = urandom_key().unwrap_or_else(time_pid_key);
        self.init_by_array(&key);
        self.gauss_next = None;
    }
}

/// 624 words from the operating system's entropy device, if it can be read.
fn urandom_key() -> Option<Vec<u32>> {
    use std::io::Read;
    let mut bytes = [0u8; 4 * super::STATE_WORDS];
    std::fs::File::open("/dev/urandom").ok()?.read_exact(&mut bytes).ok()?;
    Some(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

/// A key from the wall clock, the process id and a stack address (randomised by ASLR).
fn time_pid_key() -> Vec<u32> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let marker = 0u8;
    let addr = std::ptr::addr_of!(marker) as usize as u64;
    vec![now as u32, (now >> 32) as u32, std::process::id(), addr as u32, (addr >> 32) as u32]
}

/// CPython's `_Py_HashDouble` (shared with `hash()`); `None` for NaN, whose hash is
/// address-based in CPython.
fn hash_float(v: f64) -> Option<i64> {
    (!v.is_nan()).then(|| crate::hashing::hash::hash_f64(v))
}

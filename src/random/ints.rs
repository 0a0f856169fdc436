//! Integer draws: `getrandbits`, `_randbelow`, `randrange`, `randint` and `randbytes`.

use super::{ErrorKind, MersenneTwister, RandomError};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

impl MersenneTwister {
    /// `random.getrandbits(k)`: an int with `k` random bits, built from 32-bit outputs least significant
    /// word first; the last word keeps only its top `k % 32` bits. `k == 0` consumes nothing.
    pub fn getrandbits(&mut self, k: u32) -> BigInt {
        if k <= 64 {
            return BigInt::from(self.getrandbits_u64(k));
        }
        let words = (k - 1) / 32 + 1;
        let mut digits = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let r = self.genrand_u32();
            digits.push(if left < 32 { r >> (32 - left) } else { r });
            left = left.saturating_sub(32);
        }
        BigInt::from_biguint(Sign::Plus, BigUint::new(digits))
    }

    /// `random.getrandbits(k)` with CPython's argument checks: a negative `k` is a `ValueError`
    /// ("number of bits must be non-negative"), one beyond a C `int` an `OverflowError`.
    pub fn getrandbits_checked(&mut self, k: &BigInt) -> Result<BigInt, RandomError> {
        if k.is_negative() {
            return Err(RandomError::value("number of bits must be non-negative"));
        }
        match k.to_i32() {
            Some(k) => Ok(self.getrandbits(k as u32)),
            None => Err(RandomError::new(ErrorKind::OverflowError, "Python int too large to convert to C int")),
        }
    }

    /// `getrandbits(k)` for `k <= 64`, consuming the same outputs as the general algorithm.
    /// Larger `k` are treated as 64.
    pub fn getrandbits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.genrand_u32() >> (32 - k)),
            _ => {
                let low = u64::from(self.genrand_u32());
                let high = u64::from(self.genrand_u32() >> (64 - k.min(64)));
                (high << 32) | low
            }
        }
    }

    /// `random._randbelow(n)` for a machine-sized `n`: rejection sampling with `n.bit_length()` bits.
    /// Returns 0 without consuming anything when `n == 0` (where CPython would loop forever).
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// `random._randbelow(n)`: a uniform int in `[0, n)` by CPython's `_randbelow_with_getrandbits`.
    /// Returns 0 without consuming anything when `n <= 0` (where CPython would loop forever or fail).
    pub fn randbelow(&mut self, n: &BigInt) -> BigInt {
        if !n.is_positive() {
            return BigInt::zero();
        }
        if let Some(small) = n.to_u64() {
            return BigInt::from(self.randbelow_u64(small));
        }
        let k = u32::try_from(n.bits()).unwrap_or(u32::MAX);
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }

    /// `random.randrange(start[, stop[, step]])` for int arguments, with CPython 3.11's checks and messages.
    ///
    /// `stop == None` means `randrange(start)`; then a `step` other than 1 is the `TypeError` "Missing a
    /// non-None stop argument" (CPython tests `step is 1`; int 1 is cached, so an explicit 1 is accepted).
    /// Non-int arguments (floats) are the caller's concern.
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: Option<&BigInt>,
    ) -> Result<BigInt, RandomError> {
        let Some(stop) = stop else {
            if step.is_some_and(|s| !s.is_one()) {
                return Err(RandomError::new(ErrorKind::TypeError, "Missing a non-None stop argument"));
            }
            if start.is_positive() {
                return Ok(self.randbelow(start));
            }
            return Err(RandomError::value("empty range for randrange()"));
        };
        let width = stop - start;
        let one = BigInt::one();
        let step = step.unwrap_or(&one);
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + self.randbelow(&width));
            }
            return Err(RandomError::value(format!("empty range for randrange() ({start}, {stop}, {width})")));
        }
        let n = if step.is_positive() {
            (&width + step - &one).div_floor(step)
        } else if step.is_negative() {
            (&width + step + &one).div_floor(step)
        } else {
            return Err(RandomError::value("zero step for randrange()"));
        };
        if !n.is_positive() {
            return Err(RandomError::value("empty range for randrange()"));
        }
        Ok(start + step * self.randbelow(&n))
    }

    /// `random.randint(a, b)`: `randrange(a, b + 1)`, errors included.
    pub fn randint(&mut self, a: &BigInt, b: &BigInt) -> Result<BigInt, RandomError> {
        self.randrange(a, Some(&(b + 1)), None)
    }

    /// `random.randbytes(n)`: `getrandbits(n * 8).to_bytes(n, 'little')`. As in CPython, `n * 8` must fit
    /// a C `int`, else the `OverflowError` "Python int too large to convert to C int". (A negative `n` is
    /// the caller's `ValueError` "number of bits must be non-negative".)
    pub fn randbytes(&mut self, n: usize) -> Result<Vec<u8>, RandomError> {
        if n > i32::MAX as usize / 8 {
            return Err(RandomError::new(ErrorKind::OverflowError, "Python int too large to convert to C int"));
        }
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let left = n - out.len();
            let word = self.genrand_u32();
            if left < 4 {
                let word = word >> (32 - 8 * left as u32);
                out.extend_from_slice(&word.to_le_bytes()[..left]);
            } else {
                out.extend_from_slice(&word.to_le_bytes());
            }
        }
        Ok(out)
    }
}

//! The MT19937 core, transcribed from CPython's `Modules/_randommodule.c`.

use super::{MersenneTwister, STATE_WORDS};

const N: usize = STATE_WORDS;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// One step of the state recurrence: mixes words `a` and `b` into `far`.
fn twist(far: u32, a: u32, b: u32) -> u32 {
    let y = (a & UPPER_MASK) | (b & LOWER_MASK);
    far ^ (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
}

impl MersenneTwister {
    /// CPython's `init_genrand`: fills the state from a single 32-bit seed.
    pub(crate) fn init_genrand(&mut self, s: u32) {
        let mt = &mut self.state;
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// CPython's `init_by_array`: seeds from a key of 32-bit words (an empty key acts like `[0]`).
    pub(crate) fn init_by_array(&mut self, key: &[u32]) {
        let key: &[u32] = if key.is_empty() { &[0] } else { key };
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    /// Regenerates all 624 words once they have been used up.
    fn regenerate(&mut self) {
        let mt = &mut self.state;
        for k in 0..N - M {
            mt[k] = twist(mt[k + M], mt[k], mt[k + 1]);
        }
        for k in N - M..N - 1 {
            mt[k] = twist(mt[k + M - N], mt[k], mt[k + 1]);
        }
        mt[N - 1] = twist(mt[M - 1], mt[N - 1], mt[0]);
        self.index = 0;
    }

    /// The next raw 32-bit output (CPython's `genrand_uint32`).
    pub fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            self.regenerate();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float uniformly distributed in `[0.0, 1.0)` with 53 random bits, like `random.random()`.
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_u32() >> 5;
        let b = self.genrand_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }
}

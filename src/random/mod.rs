//! The engine of Python's `random` module: a Mersenne Twister that reproduces CPython 3.11 bit for bit.
//!
//! [`MersenneTwister`] holds the MT19937 state exactly like CPython's `_randommodule.c` and layers the
//! pure-Python algorithms of `random.py` (`randrange`, `shuffle`, `sample`, `choices`, `gauss`, ...) on top,
//! consuming the generator in the same order so that equal seeds give equal results. Nothing here knows
//! about interpreter values: integers are [`num_bigint::BigInt`] where Python's are unbounded, sequences are
//! represented by their length and results by indices, and failures are [`RandomError`]s naming the Python
//! exception class and its message.

mod dist;
mod error;
mod ints;
mod mt;
mod seed;
mod seq;

pub use error::{ErrorKind, RandomError};

/// Number of 32-bit words in the MT19937 state (CPython's `N`).
pub const STATE_WORDS: usize = 624;

/// Most elements reserved up front for a result whose length comes from the caller (`k` of `sample`,
/// `choices`): a huge `k` then grows the vector as it fills instead of failing to reserve at once.
const PREALLOCATION_LIMIT: usize = 1 << 16;

/// A Mersenne Twister generator with CPython 3.11 `random.Random` semantics.
///
/// Holds the 624-word MT19937 state, the position in it and the spare value cached by
/// [`MersenneTwister::gauss`] (Python's `gauss_next`).
#[derive(Clone, Debug)]
pub struct MersenneTwister {
    state: Box<[u32; STATE_WORDS]>,
    index: usize,
    gauss_next: Option<f64>,
}

/// A snapshot of a generator, the counterpart of Python's `random.getstate()`.
#[derive(Clone, Debug, PartialEq)]
pub struct RandomState {
    /// The 624 state words followed by the position in them (625 entries), as in
    /// `random.getstate()[1]`.
    pub words: Vec<u32>,
    /// The cached second normal deviate of `gauss` (`random.getstate()[2]`).
    pub gauss_next: Option<f64>,
}

impl Default for MersenneTwister {
    /// Same as [`MersenneTwister::new`]: seeded from operating-system entropy.
    fn default() -> Self {
        Self::new()
    }
}

impl MersenneTwister {
    /// A generator seeded like `random.Random()`: from operating-system entropy when available, else from
    /// the clock and process id (see [`MersenneTwister::seed_from_entropy`]).
    pub fn new() -> Self {
        let mut mt = Self::unseeded();
        mt.seed_from_entropy();
        mt
    }

    /// A generator seeded like `random.Random(n)` for an integer `n`.
    pub fn from_seed_int(n: &num_bigint::BigInt) -> Self {
        let mut mt = Self::unseeded();
        mt.seed_int(n);
        mt
    }

    fn unseeded() -> Self {
        let mut mt = MersenneTwister { state: Box::new([0; STATE_WORDS]), index: STATE_WORDS, gauss_next: None };
        mt.init_genrand(19_650_218);
        mt
    }

    /// The generator's state, like `random.getstate()` (without the leading version number 3).
    pub fn getstate(&self) -> RandomState {
        let mut words = self.state.to_vec();
        words.push(self.index as u32);
        RandomState { words, gauss_next: self.gauss_next }
    }

    /// Restores a state taken by [`MersenneTwister::getstate`], like `random.setstate()`.
    ///
    /// Fails with CPython's `ValueError`s when there are not exactly 625 words ("state vector is the wrong
    /// size") or the position exceeds 624 ("invalid state"); the generator is unchanged then.
    pub fn setstate(&mut self, state: &RandomState) -> Result<(), RandomError> {
        let Some((&index, words)) = state.words.split_last() else {
            return Err(RandomError::value("state vector is the wrong size"));
        };
        if words.len() != STATE_WORDS {
            return Err(RandomError::value("state vector is the wrong size"));
        }
        if index as usize > STATE_WORDS {
            return Err(RandomError::value("invalid state"));
        }
        self.state.copy_from_slice(words);
        self.index = index as usize;
        self.gauss_next = state.gauss_next;
        Ok(())
    }
}

//! Sequence operations on indices: `choice`, `shuffle`, `sample` and `choices` from CPython 3.11's `random.py`.

use super::{ErrorKind, MersenneTwister, PREALLOCATION_LIMIT, RandomError};
use std::collections::HashSet;

impl MersenneTwister {
    /// The index `random.choice(seq)` picks for a sequence of length `len`: `_randbelow(len)`.
    /// An empty sequence is the `IndexError` "Cannot choose from an empty sequence".
    pub fn choice_index(&mut self, len: usize) -> Result<usize, RandomError> {
        if len == 0 {
            return Err(RandomError::new(ErrorKind::IndexError, "Cannot choose from an empty sequence"));
        }
        Ok(self.randbelow_index(len))
    }

    /// `_randbelow(n)` for a positive length.
    fn randbelow_index(&mut self, n: usize) -> usize {
        self.randbelow_u64(n as u64) as usize
    }

    /// The swaps `random.shuffle` performs on a sequence of length `len`, in order: for `i` from `len - 1`
    /// down to 1, `(i, j)` with `j = _randbelow(i + 1)`.
    pub fn shuffle_indices(&mut self, len: usize) -> Vec<(usize, usize)> {
        (1..len).rev().map(|i| (i, self.randbelow_index(i + 1))).collect()
    }

    /// `random.shuffle(v)`: shuffles `v` in place exactly as CPython does.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.randbelow_index(i + 1);
            v.swap(i, j);
        }
    }

    /// The indices `random.sample(population, k)` selects from a population of length `n`, in selection
    /// order. Uses CPython's pool algorithm when `n` is at most the set-size estimate
    /// `21 + 4 ** ceil(log(3 * k, 4))` (just 21 for `k <= 5`), else its rejection-with-a-set algorithm.
    /// `k` outside `0..=n` is the `ValueError` "Sample larger than population or is negative".
    /// (`counts=` is the caller's concern: sample `range(total)` and bisect the cumulative counts.)
    pub fn sample_indices(&mut self, n: usize, k: i64) -> Result<Vec<usize>, RandomError> {
        let k = match usize::try_from(k) {
            Ok(k) if k <= n => k,
            _ => return Err(RandomError::value("Sample larger than population or is negative")),
        };
        if (n as u128) <= sample_set_size(k) {
            let mut pool: Vec<usize> = (0..n).collect();
            let mut result = Vec::with_capacity(k.min(PREALLOCATION_LIMIT));
            for i in 0..k {
                let j = self.randbelow_index(n - i);
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
            return Ok(result);
        }
        let mut selected = HashSet::with_capacity(k.min(PREALLOCATION_LIMIT));
        let mut result = Vec::with_capacity(k.min(PREALLOCATION_LIMIT));
        for _ in 0..k {
            let mut j = self.randbelow_index(n);
            while selected.contains(&j) {
                j = self.randbelow_index(n);
            }
            selected.insert(j);
            result.push(j);
        }
        Ok(result)
    }

    /// The indices `random.choices(population, weights, cum_weights=..., k=k)` selects from a population
    /// of length `n`, following CPython 3.11:
    ///
    /// * no weights: `floor(random() * n)` for each pick;
    /// * otherwise `bisect_right(cum_weights, random() * total, 0, n - 1)` where `weights` are accumulated
    ///   left to right in floating point and `total = cum_weights[-1]`.
    ///
    /// Errors, in CPython's order: both weight kinds (`TypeError` "Cannot specify both weights and
    /// cumulative weights"), a length mismatch (`ValueError` "The number of weights does not match the
    /// population"), no weights at all (`IndexError` "list index out of range"), a total that is not
    /// positive or not finite (`ValueError`s). Without weights, an empty population with `k > 0` is an
    /// `IndexError` ("list index out of range"; CPython names the population's own type). Int weights
    /// should be converted by the caller; accumulating them as floats may round differently than CPython's
    /// exact int sums for huge values.
    pub fn choices_indices(
        &mut self,
        n: usize,
        k: usize,
        weights: Option<&[f64]>,
        cum_weights: Option<&[f64]>,
    ) -> Result<Vec<usize>, RandomError> {
        let out_of_range = || RandomError::new(ErrorKind::IndexError, "list index out of range");
        let accumulated: Vec<f64>;
        let cum = match (weights, cum_weights) {
            (None, None) => {
                let nf = n as f64;
                let mut result = Vec::with_capacity(k.min(PREALLOCATION_LIMIT));
                for _ in 0..k {
                    let i = (self.random() * nf).floor() as usize;
                    if i >= n {
                        return Err(out_of_range());
                    }
                    result.push(i);
                }
                return Ok(result);
            }
            (Some(_), Some(_)) => {
                let msg = "Cannot specify both weights and cumulative weights";
                return Err(RandomError::new(ErrorKind::TypeError, msg));
            }
            (Some(w), None) => {
                accumulated = w
                    .iter()
                    .scan(None, |acc: &mut Option<f64>, &x| {
                        let sum = acc.map_or(x, |prev| prev + x);
                        *acc = Some(sum);
                        Some(sum)
                    })
                    .collect();
                &accumulated[..]
            }
            (None, Some(c)) => c,
        };
        if cum.len() != n {
            return Err(RandomError::value("The number of weights does not match the population"));
        }
        let total = *cum.last().ok_or_else(out_of_range)? + 0.0;
        if total <= 0.0 {
            return Err(RandomError::value("Total of weights must be greater than zero"));
        }
        if !total.is_finite() {
            return Err(RandomError::value("Total of weights must be finite"));
        }
        let mut result = Vec::with_capacity(k.min(PREALLOCATION_LIMIT));
        for _ in 0..k {
            result.push(bisect_right(cum, self.random() * total, n - 1));
        }
        Ok(result)
    }
}

/// `21 + 4 ** ceil(log(k * 3, 4))` for `k > 5`, else 21: `sample`'s estimate of a set's size, computed
/// with the same floating-point steps as CPython (`math.log(x, base)` is `log(x) / log(base)`).
fn sample_set_size(k: usize) -> u128 {
    if k <= 5 {
        return 21;
    }
    let exponent = (((k as u128) * 3) as f64).ln() / 4f64.ln();
    let exponent = exponent.ceil() as u32;
    4u128.checked_pow(exponent).map_or(u128::MAX, |p| p.saturating_add(21))
}

/// `bisect.bisect_right(a, x, 0, hi)` with Python's `x < a[mid]` comparison.
fn bisect_right(a: &[f64], x: f64, hi: usize) -> usize {
    let (mut lo, mut hi) = (0, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

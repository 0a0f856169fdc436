//! `range` objects: `i64` bounds on the fast path, big-int bounds (`BigRange`) when a
//! bound or the length does not fit, so `range(10**20)[10**19]` works as in CPython.

use super::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A `range` object.
pub struct PyRange {
    /// First value (meaningless when `big` is set).
    pub start: i64,
    /// Bound (exclusive; meaningless when `big` is set).
    pub stop: i64,
    /// Step (never 0; meaningless when `big` is set).
    pub step: i64,
    /// The bounds when a bound or the length does not fit in an `i64`; the `i64`
    /// fields are then 0, 0, 1 so that code reading them sees an empty range.
    pub big: Option<Box<BigRange>>,
}

/// Bounds of a range too large for the `i64` fields.
pub struct BigRange {
    /// First value.
    pub start: BigInt,
    /// Bound (exclusive).
    pub stop: BigInt,
    /// Step (never 0).
    pub step: BigInt,
}

/// Number of values of `range(start, stop, step)` (`step` non-zero).
pub fn big_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let n = if step.is_positive() {
        (stop - start + step - BigInt::one()).div_floor(step)
    } else {
        (start - stop - step - BigInt::one()).div_floor(&-step)
    };
    if n.is_negative() { BigInt::zero() } else { n }
}

/// Number of values of an `i64` range (at most 2**64, which `i128` holds).
fn len_i128(start: i64, stop: i64, step: i64) -> i128 {
    let (start, stop, step) = (i128::from(start), i128::from(stop), i128::from(step));
    let n = if step > 0 { (stop - start + step - 1) / step } else { (start - stop - step - 1) / -step };
    n.max(0)
}

impl PyRange {
    /// A range of `i64` bounds whose length fits in an `i64` (`step` non-zero).
    pub fn small(start: i64, stop: i64, step: i64) -> PyRange {
        if len_i128(start, stop, step) <= i128::from(i64::MAX) {
            return PyRange { start, stop, step, big: None };
        }
        PyRange::new(BigInt::from(start), BigInt::from(stop), BigInt::from(step))
    }

    /// A range with any bounds (`step` non-zero), on the fast path when everything fits.
    pub fn new(start: BigInt, stop: BigInt, step: BigInt) -> PyRange {
        let fits = big_len(&start, &stop, &step).to_i64().is_some();
        if let (true, Some(a), Some(b), Some(c)) = (fits, start.to_i64(), stop.to_i64(), step.to_i64()) {
            return PyRange { start: a, stop: b, step: c, big: None };
        }
        PyRange { start: 0, stop: 0, step: 1, big: Some(Box::new(BigRange { start, stop, step })) }
    }

    /// `(start, stop, step)` as big ints.
    pub fn bounds(&self) -> (BigInt, BigInt, BigInt) {
        match &self.big {
            Some(b) => (b.start.clone(), b.stop.clone(), b.step.clone()),
            None => (BigInt::from(self.start), BigInt::from(self.stop), BigInt::from(self.step)),
        }
    }

    /// Number of values, `None` when it does not fit in an `i64` (`len()` then
    /// raises `OverflowError`, as in CPython).
    pub fn len(&self) -> Option<i64> {
        match &self.big {
            Some(b) => big_len(&b.start, &b.stop, &b.step).to_i64(),
            None => Some(self.small_len()),
        }
    }

    /// Number of values as a big int.
    pub fn len_big(&self) -> BigInt {
        match &self.big {
            Some(b) => big_len(&b.start, &b.stop, &b.step),
            None => BigInt::from(self.small_len()),
        }
    }

    fn small_len(&self) -> i64 {
        len_i128(self.start, self.stop, self.step) as i64
    }

    /// Whether the range is empty.
    pub fn is_empty(&self) -> bool {
        match &self.big {
            Some(b) => big_len(&b.start, &b.stop, &b.step).is_zero(),
            None => self.small_len() == 0,
        }
    }

    /// `start + k * step` of an `i64` range, computed wide (`k * step` alone may
    /// not fit), if it fits.
    pub fn nth_small(&self, k: i64) -> Option<i64> {
        i64::try_from(i128::from(self.start) + i128::from(k) * i128::from(self.step)).ok()
    }

    /// The value at position `i` (negative counts from the end), `None` out of range.
    pub fn item(&self, i: &BigInt) -> Option<Value> {
        let len = self.len_big();
        let real = if i.is_negative() { i + &len } else { i.clone() };
        if real.is_negative() || real >= len {
            return None;
        }
        let (start, _, step) = self.bounds();
        Some(Value::from_bigint(start + real * step))
    }

    /// The position of the int `x` in the range, if it is an element.
    pub fn position(&self, x: &BigInt) -> Option<BigInt> {
        let (start, stop, step) = self.bounds();
        let in_bounds = if step.is_positive() { *x >= start && *x < stop } else { *x <= start && *x > stop };
        if !in_bounds {
            return None;
        }
        let (q, r) = (x - start).div_rem(&step);
        r.is_zero().then_some(q)
    }

    /// `range(last, first - step, -step)`: what `reversed()` iterates.
    pub fn reversed(&self) -> PyRange {
        let (start, _, step) = self.bounds();
        let len = self.len_big();
        let last = &start + (len - BigInt::one()) * &step;
        PyRange::new(last, start - &step, -step)
    }

    /// `repr(r)`.
    pub fn repr(&self) -> String {
        let (start, stop, step) = self.bounds();
        if step.is_one() { format!("range({start}, {stop})") } else { format!("range({start}, {stop}, {step})") }
    }

    /// `==` between ranges: the same sequence of values.
    pub fn same_values(&self, other: &PyRange) -> bool {
        let (lx, ly) = (self.len_big(), other.len_big());
        if lx != ly {
            return false;
        }
        let ((ax, _, sx), (ay, _, sy)) = (self.bounds(), other.bounds());
        lx.is_zero() || (ax == ay && (lx.is_one() || sx == sy))
    }
}

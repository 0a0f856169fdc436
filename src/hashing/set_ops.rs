//! CPython 3.11's set algebra on [`SetTable`]s, inserting and deleting in exactly the order `setobject.c`
//! does, so results iterate (and later grow) like CPython's.
//!
//! Equality callbacks are `eq(stored, probe)` as for [`SetTable::insert`].  Paths whose operand is not a set
//! are driven by the caller; their CPython orders are:
//!
//! * `set(iterable)`, `s.update(iterable)`, a display `{a, b}`: [`SetTable::insert`] each element in iteration
//!   order.  If the operand is a set or frozenset use [`SetTable::merge`] instead; if it is an exact dict,
//!   call [`SetTable::presize`] with its length first and then insert its keys in dict order (with the
//!   dict's cached hashes).  `s.update(s)` is a no-op.
//! * `s.copy()`, `set(s)`, `frozenset(s)` for a set `s`: [`SetTable::copy`] (`frozenset(f)` of an exact
//!   frozenset returns `f` itself).
//! * `a | b`, `a.union(*others)`: `a.copy()`, then update with each operand in turn, skipping any operand that
//!   *is* `a` ([`union`] for two sets).  `a |= b`: `a.merge(b)`.
//! * `a & b`: [`intersection`] (`a & a` is `a.copy()`).  `a.intersection(iterable)`: a new set; for each
//!   element `x` of the iterable, if `x in a`, insert `x`, stopping as soon as `len(result) >= len(a)`.
//!   Several operands: intersect left to right.  `a &= b` / `intersection_update`: compute the intersection,
//!   then [`SetTable::swap_bodies`] it into `a`.
//! * `a - b`: [`difference`] (`a - a` is a new empty set).  `a.difference(iterable)` for a non-set,
//!   non-dict: `a.copy()`, then remove each element, then [`SetTable::compact_after_discards`].
//!   `a -= b` / `difference_update`: [`SetTable::difference_update`] for a set (`a -= a` clears `a`), else
//!   remove each element of the iterable and compact.
//! * `a ^ b`: [`symmetric_difference`] (a copy of *`b`*, updated with `a`).  `a ^= b`:
//!   [`SetTable::symmetric_difference_update`] (`a ^= a` clears `a`); for a non-set iterable, first build a
//!   set from it; for an exact dict, remove-or-insert each key in dict order.
//! * `a.isdisjoint(b)`: [`is_disjoint`]; the order only decides which comparisons run.

use super::set_table::{SetTable, insert_clean};

impl<K: Clone> SetTable<K> {
    /// `s.copy()`: a fresh set filled by [`SetTable::merge`] (which copies the slot layout verbatim when
    /// the table sizes agree and `self` has no dummies).  Never compares keys.
    pub fn copy(&self) -> Self {
        let mut result = SetTable::new();
        let merged: Result<(), std::convert::Infallible> = result.merge(self, |_, _| Ok(false));
        match merged {
            Ok(()) => result,
        }
    }

    /// `s.update(other)` for a set `other` (CPython `set_merge`): one up-front resize, then a verbatim slot
    /// copy or clean insertion when `self` is empty, else ordinary insertion in `other`'s slot order.
    pub fn merge<E>(&mut self, other: &Self, mut eq: impl FnMut(&K, &K) -> Result<bool, E>) -> Result<(), E> {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used).saturating_mul(5) >= self.mask() * 3 {
            self.resize((self.used + other.used).saturating_mul(2));
        }
        if self.fill == 0 {
            self.epoch = self.epoch.wrapping_add(1);
            if self.mask() == other.mask() && other.fill == other.used {
                self.slots.clone_from(&other.slots);
            } else {
                for (hash, key) in other.entries() {
                    insert_clean(&mut self.slots, hash, key.clone());
                }
            }
            self.fill = other.used;
            self.used = other.used;
            return Ok(());
        }
        for (hash, key) in other.entries() {
            self.insert(hash, key.clone(), &mut eq)?;
        }
        Ok(())
    }

    /// `a -= b` for a set `b` (CPython `set_difference_update_internal`): if `b` is more than 8 times larger,
    /// remove the intersection's keys instead of `b`'s; then purge dummies if over a quarter of the table.
    pub fn difference_update<E>(
        &mut self,
        other: &Self,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<(), E> {
        if (other.len() >> 3) > self.len() {
            let common = intersection(self, other, &mut eq)?;
            for (hash, key) in common.entries() {
                self.remove(hash, key, &mut eq)?;
            }
        } else {
            for (hash, key) in other.entries() {
                self.remove(hash, key, &mut eq)?;
            }
        }
        self.compact_after_discards();
        Ok(())
    }

    /// `a ^= b` for a set `b` (CPython `set_symmetric_difference_update`): for each key of `b` in slot
    /// order, remove it from `self` if present, else insert it.
    pub fn symmetric_difference_update<E>(
        &mut self,
        other: &Self,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<(), E> {
        for (hash, key) in other.entries() {
            match self.find(hash, key, &mut eq)? {
                Some(slot) => {
                    self.remove_at(slot);
                }
                None => {
                    self.insert(hash, key.clone(), &mut eq)?;
                }
            }
        }
        Ok(())
    }
}

impl<K> SetTable<K> {
    /// Resizes ahead of inserting `additional` keys from an exact dict (the dict path of CPython's
    /// `set_update_internal`): if `(fill + additional) * 5 >= mask * 3`, resize for `(used + additional) * 2`.
    pub fn presize(&mut self, additional: usize) {
        if (self.fill + additional).saturating_mul(5) >= self.mask() * 3 {
            self.resize((self.used + additional).saturating_mul(2));
        }
    }

    /// After a run of removals (`difference_update`), rebuilds the table if more than a quarter of its slots
    /// are dummies, as CPython does.
    pub fn compact_after_discards(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.growth_target());
        }
    }
}

/// `a | b` for two sets: `a.copy()` merged with `b`.
pub fn union<K: Clone, E>(
    a: &SetTable<K>,
    b: &SetTable<K>,
    eq: impl FnMut(&K, &K) -> Result<bool, E>,
) -> Result<SetTable<K>, E> {
    let mut result = a.copy();
    result.merge(b, eq)?;
    Ok(result)
}

/// `a & b` for two distinct sets (CPython `set_intersection`): iterate `b` (or `a` if `b` is strictly
/// larger), inserting the keys found in the other set; result keys come from the iterated set.
pub fn intersection<K: Clone, E>(
    a: &SetTable<K>,
    b: &SetTable<K>,
    mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
) -> Result<SetTable<K>, E> {
    let (searched, iterated) = if b.len() > a.len() { (b, a) } else { (a, b) };
    let mut result = SetTable::new();
    for (hash, key) in iterated.entries() {
        if searched.contains(hash, key, &mut eq)? {
            result.insert(hash, key.clone(), &mut eq)?;
        }
    }
    Ok(result)
}

/// `a - b` for two distinct sets (CPython `set_difference`): if `len(a) / 4 > len(b)`, copy `a` and remove
/// `b`'s keys; otherwise insert `a`'s keys missing from `b` into a new set.
pub fn difference<K: Clone, E>(
    a: &SetTable<K>,
    b: &SetTable<K>,
    mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
) -> Result<SetTable<K>, E> {
    if (a.len() >> 2) > b.len() {
        let mut result = a.copy();
        result.difference_update(b, eq)?;
        return Ok(result);
    }
    let mut result = SetTable::new();
    for (hash, key) in a.entries() {
        if !b.contains(hash, key, &mut eq)? {
            result.insert(hash, key.clone(), &mut eq)?;
        }
    }
    Ok(result)
}

/// `a ^ b` (CPython `set_symmetric_difference`): a copy of `b`, symmetric-difference-updated with `a`.
pub fn symmetric_difference<K: Clone, E>(
    a: &SetTable<K>,
    b: &SetTable<K>,
    eq: impl FnMut(&K, &K) -> Result<bool, E>,
) -> Result<SetTable<K>, E> {
    let mut result = b.copy();
    result.symmetric_difference_update(a, eq)?;
    Ok(result)
}

/// `a.isdisjoint(b)` for two distinct sets: probes the larger set with the smaller one's keys.
pub fn is_disjoint<K, E>(
    a: &SetTable<K>,
    b: &SetTable<K>,
    mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
) -> Result<bool, E> {
    let (searched, iterated) = if b.len() > a.len() { (b, a) } else { (a, b) };
    for (hash, key) in iterated.entries() {
        if searched.contains(hash, key, &mut eq)? {
            return Ok(false);
        }
    }
    Ok(true)
}

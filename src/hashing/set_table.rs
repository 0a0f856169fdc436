//! [`SetTable`]: an open-addressing hash set laid out exactly like CPython 3.11's `setobject.c`, so that
//! iteration order, `pop()` order and resizing match CPython for equal hashes and operation sequences.
//!
//! Keys carry no hashing or equality of their own: every operation is given the key's hash (a Python hash,
//! never `-1`) and, where keys may need comparing, a fallible equality callback `eq(stored, probe)`, since a
//! Python `__eq__` can raise.  The callback is only called for stored keys whose cached hash equals the probe's,
//! and CPython's identity shortcut (`startkey == key` before calling `__eq__`) must be folded into it: check
//! identity first and only then run user code.  For callers whose comparisons must suspend (an `async` user
//! `__eq__`), the stepwise [`SetTable::probe`] / [`SetTable::step`] API exposes the same probe sequence.

/// Table size of a new or cleared set (`PySet_MINSIZE`).
pub const MIN_SIZE: usize = 8;
/// Consecutive slots inspected after each probe position before jumping (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// Bits of the remaining hash mixed in at each jump (`PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

/// One slot of the table: never used, deleted (CPython's `dummy`), or holding a key with its cached hash.
#[derive(Clone, Debug)]
pub(super) enum Slot<K> {
    Empty,
    Dummy,
    Active(i64, K),
}

/// An insertion-order-free hash set reproducing CPython 3.11's set table (see the module docs).
///
/// `Clone` copies the exact state, including the table size and the `pop()` finger; CPython's `set.copy()`
/// (which rebuilds a fresh set) is [`SetTable::copy`].
#[derive(Clone, Debug)]
pub struct SetTable<K> {
    pub(super) slots: Vec<Slot<K>>,
    /// Active plus dummy slots (`so->fill`).
    pub(super) fill: usize,
    /// Active slots (`so->used`).
    pub(super) used: usize,
    /// Where the next `pop()` starts searching (`so->finger`).
    finger: usize,
    /// Bumped whenever the slot vector is rebuilt, so stale [`Probe`]s restart.
    pub(super) epoch: u64,
}

/// The state of one probe sequence (CPython's `i`, `perturb`, linear-probe count and `freeslot`).
#[derive(Clone, Copy, Debug)]
pub struct Probe {
    hash: i64,
    /// Start of the current run of linear probes.
    start: usize,
    /// Next slot to examine.
    pos: usize,
    /// Linear probes left after `pos` in the current run.
    linear_left: usize,
    perturb: u64,
    /// The last dummy slot seen (CPython keeps the last one, not the first).
    freeslot: Option<usize>,
    /// The empty slot that ended the sequence, once [`ProbeStep::Vacant`] was returned.
    vacant: Option<usize>,
    mask: usize,
    epoch: u64,
}

/// What [`SetTable::step`] found next in a probe sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeStep {
    /// An active slot whose cached hash equals the probe's: compare its key ([`SetTable::key_at`]) with
    /// the probe key and, if unequal, step again.
    Candidate(usize),
    /// The sequence reached an empty slot: the key is absent; [`SetTable::insert_vacant`] can add it.
    Vacant,
}

fn empty_slots<K>(size: usize) -> Vec<Slot<K>> {
    (0..size).map(|_| Slot::Empty).collect()
}

/// `set_insert_clean`: place a key known to be absent into a table without dummies.
pub(super) fn insert_clean<K>(slots: &mut [Slot<K>], hash: i64, key: K) {
    let mask = slots.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let run = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        for pos in i..=i + run {
            if let Some(slot @ Slot::Empty) = slots.get_mut(pos) {
                *slot = Slot::Active(hash, key);
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
}

/// The smallest power-of-two table size, at least [`MIN_SIZE`], that is greater than `minused`.
fn table_size_for(minused: usize) -> usize {
    let mut size = MIN_SIZE;
    while size <= minused {
        match size.checked_mul(2) {
            Some(bigger) => size = bigger,
            None => break,
        }
    }
    size
}

impl<K> Default for SetTable<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> SetTable<K> {
    /// An empty set with a table of [`MIN_SIZE`] slots (CPython `make_new_set`).
    pub fn new() -> Self {
        SetTable { slots: empty_slots(MIN_SIZE), fill: 0, used: 0, finger: 0, epoch: 0 }
    }

    /// Number of keys (`len(s)`).
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the set has no keys.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Number of slots in the table (`mask + 1`), a power of two.
    pub fn table_size(&self) -> usize {
        self.slots.len()
    }

    /// Number of slots that are active or deleted (`so->fill`).
    pub fn fill(&self) -> usize {
        self.fill
    }

    pub(super) fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Starts a probe sequence for `hash`; drive it with [`SetTable::step`] on this same table.
    pub fn probe(&self, hash: i64) -> Probe {
        let mask = self.mask();
        let start = (hash as u64 as usize) & mask;
        let linear_left = if start + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        Probe {
            hash,
            start,
            pos: start,
            linear_left,
            perturb: hash as u64,
            freeslot: None,
            vacant: None,
            mask,
            epoch: self.epoch,
        }
    }

    /// Advances `probe` to the next candidate slot or to the end of the sequence.
    ///
    /// If the table was rebuilt since the probe started (a resize or clear, e.g. by a user `__eq__` that
    /// mutated the set), the sequence restarts from the beginning, as CPython restarts when `so->table`
    /// changes.  A caller that compared a candidate asynchronously should also call [`Probe::restart`] when
    /// the candidate slot no longer holds the key it compared (CPython's `entry->key != startkey` check).
    pub fn step(&self, probe: &mut Probe) -> ProbeStep {
        if probe.epoch != self.epoch || probe.mask != self.mask() {
            *probe = self.probe(probe.hash);
        }
        // Terminates: the table always keeps an empty slot, and the jump sequence visits every slot.
        loop {
            let pos = probe.pos;
            if probe.linear_left > 0 {
                probe.linear_left -= 1;
                probe.pos += 1;
            } else {
                probe.perturb >>= PERTURB_SHIFT;
                let i = probe.start.wrapping_mul(5).wrapping_add(1).wrapping_add(probe.perturb as usize) & probe.mask;
                probe.start = i;
                probe.pos = i;
                probe.linear_left = if i + LINEAR_PROBES <= probe.mask { LINEAR_PROBES } else { 0 };
            }
            match self.slots.get(pos) {
                None | Some(Slot::Empty) => {
                    probe.vacant = Some(pos);
                    return ProbeStep::Vacant;
                }
                Some(Slot::Dummy) => probe.freeslot = Some(pos),
                Some(Slot::Active(h, _)) if *h == probe.hash => return ProbeStep::Candidate(pos),
                Some(Slot::Active(..)) => {}
            }
        }
    }

    /// The key in slot `slot`, if that slot is active.
    pub fn key_at(&self, slot: usize) -> Option<&K> {
        match self.slots.get(slot) {
            Some(Slot::Active(_, key)) => Some(key),
            _ => None,
        }
    }

    /// The cached hash and key in slot `slot`, if that slot is active.
    pub fn entry_at(&self, slot: usize) -> Option<(i64, &K)> {
        match self.slots.get(slot) {
            Some(Slot::Active(hash, key)) => Some((*hash, key)),
            _ => None,
        }
    }

    /// Adds `key` where a probe that just returned [`ProbeStep::Vacant`] ended (the tail of CPython's
    /// `set_add_entry`): into the last dummy seen if any, else into the empty slot, then resizes if the
    /// table is too full.  Gives the key back if the probe is stale (the table changed since): restart then.
    pub fn insert_vacant(&mut self, probe: &Probe, key: K) -> Result<(), K> {
        let target = match (probe.freeslot, probe.vacant) {
            (Some(slot), Some(_)) | (None, Some(slot)) => slot,
            _ => return Err(key),
        };
        if probe.epoch != self.epoch || probe.mask != self.mask() {
            return Err(key);
        }
        let Some(slot) = self.slots.get_mut(target) else { return Err(key) };
        let was_empty = match slot {
            Slot::Empty => true,
            Slot::Dummy => false,
            Slot::Active(..) => return Err(key),
        };
        *slot = Slot::Active(probe.hash, key);
        self.used += 1;
        if was_empty {
            self.fill += 1;
            if self.fill * 5 >= self.mask() * 3 {
                self.resize(self.growth_target());
            }
        }
        Ok(())
    }

    /// Deletes the key in slot `slot`, leaving a dummy (CPython `set_discard_entry` once found).
    pub fn remove_at(&mut self, slot: usize) -> Option<K> {
        let entry = self.slots.get_mut(slot)?;
        if !matches!(entry, Slot::Active(..)) {
            return None;
        }
        match std::mem::replace(entry, Slot::Dummy) {
            Slot::Active(_, key) => {
                self.used -= 1;
                Some(key)
            }
            _ => None,
        }
    }

    /// Finds the slot holding a key equal to `key` (CPython `set_lookkey`).
    pub fn find<E>(
        &self,
        hash: i64,
        key: &K,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<usize>, E> {
        let mut probe = self.probe(hash);
        loop {
            match self.step(&mut probe) {
                ProbeStep::Vacant => return Ok(None),
                ProbeStep::Candidate(slot) => {
                    if let Some(stored) = self.key_at(slot)
                        && eq(stored, key)?
                    {
                        return Ok(Some(slot));
                    }
                }
            }
        }
    }

    /// Whether a key equal to `key` is present (`key in s`).
    pub fn contains<E>(&self, hash: i64, key: &K, eq: impl FnMut(&K, &K) -> Result<bool, E>) -> Result<bool, E> {
        Ok(self.find(hash, key, eq)?.is_some())
    }

    /// The stored key equal to `key`, if any.
    pub fn get<E>(&self, hash: i64, key: &K, eq: impl FnMut(&K, &K) -> Result<bool, E>) -> Result<Option<&K>, E> {
        Ok(self.find(hash, key, eq)?.and_then(|slot| self.key_at(slot)))
    }

    /// Adds `key` unless an equal key is present (CPython `set_add_entry`); `Ok(true)` if it was added.
    /// An equal key already present is kept (so `{1, 1.0}` holds the int).
    pub fn insert<E>(&mut self, hash: i64, key: K, mut eq: impl FnMut(&K, &K) -> Result<bool, E>) -> Result<bool, E> {
        let mut probe = self.probe(hash);
        loop {
            match self.step(&mut probe) {
                ProbeStep::Candidate(slot) => {
                    if let Some(stored) = self.key_at(slot)
                        && eq(stored, &key)?
                    {
                        return Ok(false);
                    }
                }
                ProbeStep::Vacant => {
                    // The probe is fresh (nothing can change the table in between), so this cannot fail.
                    return Ok(self.insert_vacant(&probe, key).is_ok());
                }
            }
        }
    }

    /// Removes and returns the key equal to `key`, if present (`set.discard`/`set.remove`); leaves a dummy
    /// and never shrinks the table.
    pub fn remove<E>(&mut self, hash: i64, key: &K, eq: impl FnMut(&K, &K) -> Result<bool, E>) -> Result<Option<K>, E> {
        Ok(self.find(hash, key, eq)?.and_then(|slot| self.remove_at(slot)))
    }

    /// `set.pop()`: removes the first active key at or after the finger (wrapping around) and moves the
    /// finger past it.  `None` for an empty set (CPython raises `KeyError('pop from an empty set')`).
    pub fn pop(&mut self) -> Option<K> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut pos = self.finger & mask;
        while !matches!(self.slots.get(pos), Some(Slot::Active(..))) {
            pos = if pos >= mask { 0 } else { pos + 1 };
        }
        let key = self.remove_at(pos)?;
        self.finger = pos + 1;
        Some(key)
    }

    /// `set.clear()`: back to an empty table of [`MIN_SIZE`] slots.  Like CPython, keeps the `pop()` finger.
    pub fn clear(&mut self) {
        self.slots = empty_slots(MIN_SIZE);
        self.fill = 0;
        self.used = 0;
        self.epoch = self.epoch.wrapping_add(1);
    }

    /// The `minused` CPython passes to `set_table_resize` when growing or purging dummies.
    pub(super) fn growth_target(&self) -> usize {
        if self.used > 50_000 { self.used * 2 } else { self.used.saturating_mul(4) }
    }

    /// Swaps everything but the `pop()` finger with `other` (CPython `set_swap_bodies`, used by
    /// `intersection_update`/`&=` to install the computed intersection).
    pub fn swap_bodies(&mut self, other: &mut Self) {
        std::mem::swap(&mut self.slots, &mut other.slots);
        std::mem::swap(&mut self.fill, &mut other.fill);
        std::mem::swap(&mut self.used, &mut other.used);
        self.epoch = self.epoch.wrapping_add(1);
        other.epoch = other.epoch.wrapping_add(1);
    }

    /// Rebuilds the table with the smallest size above `minused` (and above `len()`, so the table never
    /// overfills), dropping dummies (CPython `set_table_resize`; a no-op for a minimum-size table without
    /// dummies).
    pub fn resize(&mut self, minused: usize) {
        let size = table_size_for(minused.max(self.used));
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.slots, empty_slots(size));
        self.fill = self.used;
        self.epoch = self.epoch.wrapping_add(1);
        for slot in old {
            if let Slot::Active(hash, key) = slot {
                insert_clean(&mut self.slots, hash, key);
            }
        }
    }

    /// The keys in slot order, i.e. Python's iteration order.
    pub fn iter(&self) -> impl Iterator<Item = &K> {
        self.entries().map(|(_, key)| key)
    }

    /// `(cached hash, key)` pairs in slot order.
    pub fn entries(&self) -> impl Iterator<Item = (i64, &K)> {
        self.slots.iter().filter_map(|slot| match slot {
            Slot::Active(hash, key) => Some((*hash, key)),
            _ => None,
        })
    }

    /// CPython's `set_next`: the first active slot at index `>= pos`, with its key.  A set iterator keeps
    /// `slot + 1` as its next position (and, like CPython, should fail if `len()` changed meanwhile).
    pub fn next_from(&self, pos: usize) -> Option<(usize, &K)> {
        self.slots.iter().enumerate().skip(pos).find_map(|(slot, entry)| match entry {
            Slot::Active(_, key) => Some((slot, key)),
            _ => None,
        })
    }

    /// `hash(frozenset(s))` from the cached hashes (see [`super::hash::hash_frozenset`]).
    pub fn frozenset_hash(&self) -> i64 {
        super::hash::hash_frozenset(self.entries().map(|(hash, _)| hash), self.used)
    }
}

impl Probe {
    /// Restarts the sequence from its first slot (after a comparison that let the table change).
    pub fn restart<K>(&mut self, table: &SetTable<K>) {
        *self = table.probe(self.hash);
    }

    /// The hash being probed for.
    pub fn hash(&self) -> i64 {
        self.hash
    }
}

/// Owning iterator over a [`SetTable`]'s keys in iteration order.
#[derive(Debug)]
pub struct IntoIter<K>(std::vec::IntoIter<Slot<K>>);

impl<K> Iterator for IntoIter<K> {
    type Item = K;

    fn next(&mut self) -> Option<K> {
        self.0.find_map(|slot| match slot {
            Slot::Active(_, key) => Some(key),
            _ => None,
        })
    }
}

impl<K> IntoIterator for SetTable<K> {
    type Item = K;
    type IntoIter = IntoIter<K>;

    /// Consumes the set, yielding keys in iteration order.
    fn into_iter(self) -> IntoIter<K> {
        IntoIter(self.slots.into_iter())
    }
}

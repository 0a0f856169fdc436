//! Interned names: attribute, variable and keyword names become `Symbol`s once, so
//! the evaluator compares and hashes integers instead of strings.

use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// An interned name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Symbol(pub u32);

/// A hasher for `Symbol` keys: the id is already unique, so one multiply spreads it.
#[derive(Default)]
pub struct SymbolHasher(u64);

impl Hasher for SymbolHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Builds `SymbolHasher`s.
pub type SymbolBuild = BuildHasherDefault<SymbolHasher>;

/// An insertion-ordered map keyed by symbols (instance and class attributes).
///
/// Most objects have a handful of attributes, so entries live in a vector searched
/// linearly; a hash index is added once the map grows past [`AttrMap::INDEX_AT`].
#[derive(Clone, Debug)]
pub struct AttrMap<V> {
    entries: Vec<(Symbol, V)>,
    index: Option<SlotIndex>,
}

/// The index of a larger [`AttrMap`]: an open-addressing table of entry positions
/// (plus one; 0 marks a free slot), probed linearly from the symbol's multiplicative
/// hash. Symbols are small unique integers, so one multiply spreads them, and a
/// probe reads a 4-byte slot and the entry's key: a fraction of a general hash map's
/// work on every class attribute lookup, in a table a third of its size, one pointer
/// wide in the map (so instances with many attributes, such as event loops, get one).
#[derive(Clone, Debug)]
struct SlotIndex(thin_vec::ThinVec<u32>);

impl SlotIndex {
    /// An index of `entries`, with at least twice as many slots as entries.
    fn build<V>(entries: &[(Symbol, V)]) -> SlotIndex {
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut index = SlotIndex(std::iter::repeat_n(0, size).collect());
        for (i, (k, _)) in entries.iter().enumerate() {
            index.put(*k, i);
        }
        index
    }

    /// The first slot to probe for `key`.
    #[inline(always)]
    fn start(&self, key: Symbol) -> usize {
        let bits = self.0.len().trailing_zeros();
        (key.0.wrapping_mul(0x9E37_79B9) >> (32 - bits)) as usize
    }

    /// The position of `key` among `entries`.
    #[inline(always)]
    fn find<V>(&self, key: Symbol, entries: &[(Symbol, V)]) -> Option<usize> {
        let mask = self.0.len() - 1;
        let mut slot = self.start(key);
        loop {
            let pos = (*self.0.get(slot)? as usize).checked_sub(1)?;
            if entries.get(pos).is_some_and(|(k, _)| *k == key) {
                return Some(pos);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Records that `key` is at `pos` (the key is not in the index yet).
    fn put(&mut self, key: Symbol, pos: usize) {
        let mask = self.0.len() - 1;
        let mut slot = self.start(key);
        while self.0.get(slot).is_some_and(|&p| p != 0) {
            slot = (slot + 1) & mask;
        }
        if let Some(s) = self.0.get_mut(slot) {
            *s = u32::try_from(pos + 1).unwrap_or(u32::MAX);
        }
    }
}

impl<V> Default for AttrMap<V> {
    fn default() -> Self {
        AttrMap { entries: Vec::new(), index: None }
    }
}

impl<V> AttrMap<V> {
    /// Size from which lookups go through a hash index.
    pub const INDEX_AT: usize = 8;

    /// An empty map with room for `n` entries (allocated directly: a `reserve` on an
    /// empty vector takes the slower growth path).
    pub fn with_capacity(n: usize) -> Self {
        AttrMap { entries: Vec::with_capacity(n), index: None }
    }

    /// Makes room for `n` more entries (objects whose attributes are known ahead).
    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
    }

    /// Makes room for `n` entries in all, exactly (objects whose final size is known).
    pub fn reserve_total(&mut self, n: usize) {
        if let Some(more) = n.checked_sub(self.entries.len()) {
            self.entries.reserve_exact(more);
        }
    }

    #[inline(always)]
    fn position(&self, key: &Symbol) -> Option<usize> {
        match &self.index {
            Some(index) => index.find(*key, &self.entries),
            None => self.entries.iter().position(|(k, _)| k == key),
        }
    }

    /// The position of `key` in insertion order.
    #[inline]
    pub fn index_of(&self, key: Symbol) -> Option<usize> {
        self.position(&key)
    }

    /// The value of `key`.
    #[inline(always)]
    pub fn get(&self, key: &Symbol) -> Option<&V> {
        self.position(key).and_then(|i| self.entries.get(i)).map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &Symbol) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key` (keeping its position if present); returns the old value.
    pub fn insert(&mut self, key: Symbol, value: V) -> Option<V> {
        if let Some(i) = self.position(&key)
            && let Some(slot) = self.entries.get_mut(i)
        {
            return Some(std::mem::replace(&mut slot.1, value));
        }
        self.entries.push((key, value));
        let len = self.entries.len();
        match &mut self.index {
            Some(index) if len * 2 <= index.0.len() => index.put(key, len - 1),
            Some(_) => self.rebuild_index(),
            None if len > Self::INDEX_AT => self.rebuild_index(),
            None => {}
        }
        None
    }

    /// Builds the hash index now if the map is past `at` entries (class tables are
    /// read far more than written, and often miss, which costs a full scan).
    pub fn index_from(&mut self, at: usize) {
        if self.index.is_none() && self.entries.len() > at {
            self.rebuild_index();
        }
    }

    fn rebuild_index(&mut self) {
        self.index = Some(SlotIndex::build(&self.entries));
    }

    /// Removes `key`, keeping the order of the others.
    pub fn shift_remove(&mut self, key: &Symbol) -> Option<V> {
        let i = self.position(key)?;
        let (_, v) = self.entries.remove(i);
        if self.index.is_some() {
            self.rebuild_index();
        }
        Some(v)
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Symbol, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// Keys in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &Symbol> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Values in insertion order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The key and value at position `i` (objects created with their attributes in
    /// a known order are read there first).
    #[inline(always)]
    pub fn entry_at(&self, i: usize) -> Option<(Symbol, &V)> {
        self.entries.get(i).map(|(k, v)| (*k, v))
    }

    /// The value at position `i`, if `key` is there.
    #[inline(always)]
    pub fn value_at_mut(&mut self, i: usize, key: Symbol) -> Option<&mut V> {
        self.entries.get_mut(i).filter(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The table of interned names, owned by one interpreter.
#[derive(Default)]
pub struct Interner {
    by_name: hashbrown::HashMap<Rc<str>, Symbol>,
    names: Vec<Rc<str>>,
}

impl Interner {
    /// The symbol for `name`, interning it on first use.
    pub fn intern(&mut self, name: &str) -> Symbol {
        if let Some(&s) = self.by_name.get(name) {
            return s;
        }
        let s = Symbol(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        let rc: Rc<str> = name.into();
        self.names.push(rc.clone());
        self.by_name.insert(rc, s);
        s
    }

    /// The symbol for `name` if it was interned.
    pub fn get(&self, name: &str) -> Option<Symbol> {
        self.by_name.get(name).copied()
    }

    /// The text of a symbol.
    pub fn name(&self, s: Symbol) -> &str {
        self.names.get(s.0 as usize).map_or("", |n| n)
    }

    /// The shared text of a symbol.
    pub fn name_rc(&self, s: Symbol) -> Rc<str> {
        self.names.get(s.0 as usize).cloned().unwrap_or_else(|| "".into())
    }
}

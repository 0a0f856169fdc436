//! Dicts: insertion-ordered entries plus a hash index (hashbrown's raw `HashTable`),
//! with key equality supplied by the caller because Python's `__eq__` can run code
//! and raise.

use super::Value;
use hashbrown::HashTable;
use std::cell::RefCell;

/// One stored entry: the key's hash, the key and the value.
#[derive(Clone)]
pub struct Entry {
    /// The key's Python hash.
    pub hash: i64,
    /// The key.
    pub key: Value,
    /// The value.
    pub value: Value,
}

/// The storage of a dict (and of a set, whose values are unused).
#[derive(Clone, Default)]
pub struct DictTable {
    entries: Vec<Option<Entry>>,
    index: HashTable<usize>,
    len: usize,
}

/// A Python dict.
#[derive(Default)]
pub struct PyDict {
    /// The table; borrow it only briefly and never across a call into Python code.
    pub table: RefCell<DictTable>,
}

impl PyDict {
    /// A dict holding `table`.
    pub fn new(table: DictTable) -> PyDict {
        PyDict { table: RefCell::new(table) }
    }
}

impl DictTable {
    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the dict is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Indices of entries whose hash equals `hash`, with their keys, in insertion order.
    /// The caller compares keys (possibly running Python code) after releasing the borrow.
    pub fn candidates(&self, hash: i64) -> Vec<(usize, Value)> {
        let mut found: Vec<(usize, Value)> = self
            .index
            .iter_hash(hash as u64)
            .filter_map(|&i| match self.entries.get(i) {
                Some(Some(e)) if e.hash == hash => Some((i, e.key.clone())),
                _ => None,
            })
            .collect();
        found.sort_by_key(|(i, _)| *i);
        found
    }

    /// Finds a key with a total equality that needs no Python code.
    pub fn find(&self, hash: i64, mut eq: impl FnMut(&Value) -> bool) -> Option<usize> {
        self.index
            .find(hash as u64, |&i| matches!(self.entries.get(i), Some(Some(e)) if e.hash == hash && eq(&e.key)))
            .copied()
    }

    /// The entry at `index`, if live.
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index).and_then(Option::as_ref)
    }

    /// Replaces the value at `index`.
    pub fn set_value(&mut self, index: usize, value: Value) {
        if let Some(Some(e)) = self.entries.get_mut(index) {
            std::mem::replace(&mut e.value, value).discard();
        }
    }

    /// Appends a key known to be absent.
    pub fn push(&mut self, hash: i64, key: Value, value: Value) {
        let index = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(hash as u64, index, |&i| match entries.get(i) {
            Some(Some(e)) => e.hash as u64,
            _ => 0,
        });
        self.len += 1;
    }

    /// Removes the entry at `index`, returning it.
    pub fn remove(&mut self, index: usize) -> Option<Entry> {
        let hash = self.entry(index)?.hash;
        if let Ok(slot) = self.index.find_entry(hash as u64, |&i| i == index) {
            slot.remove();
        }
        let removed = self.entries.get_mut(index).and_then(Option::take);
        self.len -= usize::from(removed.is_some());
        if self.len == 0 {
            // Emptied (a dict used as a one-entry slot, like the loop's running
            // task): start over in the same buffers instead of piling up deleted
            // slots until a compaction.
            self.entries.clear();
            self.index.clear();
        } else if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        removed
    }

    /// Drops deleted slots and rebuilds the index.
    fn compact(&mut self) {
        let entries: Vec<Entry> = std::mem::take(&mut self.entries).into_iter().flatten().collect();
        self.index.clear();
        self.len = 0;
        for e in entries {
            self.push(e.hash, e.key, e.value);
        }
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        *self = DictTable::default();
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// The live entry at position `n` of the iteration order, and its raw index
    /// (used by iterators, which keep a raw index).
    pub fn next_from(&self, raw: usize) -> Option<(usize, &Entry)> {
        self.entries.get(raw..)?.iter().enumerate().find_map(|(i, e)| e.as_ref().map(|e| (raw + i, e)))
    }

    /// The last live entry with a raw index below `raw` (reverse iteration).
    pub fn prev_before(&self, raw: usize) -> Option<(usize, &Entry)> {
        let below = self.entries.get(..raw.min(self.entries.len()))?;
        below.iter().enumerate().rev().find_map(|(i, e)| e.as_ref().map(|e| (i, e)))
    }

    /// The last live entry (for `popitem`).
    pub fn last_index(&self) -> Option<usize> {
        self.entries.iter().rposition(Option::is_some)
    }
}

//! Interned names: attribute, variable and keyword names become `Symbol`s once, so
//! the evaluator compares and hashes integers instead of strings.

use std::collections::HashMap;
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
pub type AttrMap<V> = indexmap::IndexMap<Symbol, V, SymbolBuild>;

/// The table of interned names, owned by one interpreter.
#[derive(Default)]
pub struct Interner {
    by_name: HashMap<Rc<str>, Symbol>,
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

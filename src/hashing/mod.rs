//! Hashing and hash tables that reproduce CPython 3.11: `hash()` values ([`hash`]) and the set table
//! ([`set_table`], with set algebra in [`set_ops`]) whose iteration order matches CPython's.
//!
//! Everything here is pure data structures and functions; nothing depends on interpreter types.

pub mod hash;
pub mod set_ops;
pub mod set_table;

pub use set_table::{Probe, ProbeStep, SetTable};

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests_hash;
#[cfg(test)]
mod tests_set;

//! `str` objects: UTF-8 text with its length in code points, so indexing by code
//! point is O(1) for ASCII strings.

use compact_str::CompactString;
use std::cell::Cell;

/// A Python `str`. Text of up to 24 bytes is stored inline, so most strings cost one
/// allocation (the reference-counted box), not two.
pub struct PyStr {
    text: CompactString,
    char_len: usize,
    hash: Cell<Option<i64>>,
}

impl PyStr {
    /// Copies `s` into a new str.
    pub fn new(s: &str) -> PyStr {
        let char_len = if s.is_ascii() { s.len() } else { s.chars().count() };
        PyStr { text: CompactString::new(s), char_len, hash: Cell::new(None) }
    }

    /// Takes ownership of `s`.
    pub fn from_string(s: String) -> PyStr {
        let char_len = if s.is_ascii() { s.len() } else { s.chars().count() };
        PyStr { text: CompactString::from(s), char_len, hash: Cell::new(None) }
    }

    /// Takes ownership of text already built.
    pub fn from_compact(text: CompactString) -> PyStr {
        let char_len = if text.is_ascii() { text.len() } else { text.chars().count() };
        PyStr { text, char_len, hash: Cell::new(None) }
    }

    /// Text whose length in code points the caller knows (pieces of an ASCII
    /// string, joins of strs): no rescan of the text.
    pub fn with_char_len(text: CompactString, char_len: usize) -> PyStr {
        debug_assert_eq!(char_len, text.chars().count());
        PyStr { text, char_len, hash: Cell::new(None) }
    }

    /// A piece of a str that is known to be ASCII when `ascii` is true.
    pub fn piece(s: &str, ascii: bool) -> PyStr {
        if ascii { PyStr::with_char_len(CompactString::new(s), s.len()) } else { PyStr::new(s) }
    }

    /// `a + b`, built in place: text of up to 24 bytes needs no allocation, and the
    /// length in code points is the sum of the two (no rescan).
    pub fn concat(a: &PyStr, b: &PyStr) -> PyStr {
        let text = PyStr::assemble(a.text.len() + b.text.len(), |buf| {
            buf.push(&a.text);
            buf.push(&b.text);
        });
        PyStr { text, char_len: a.char_len + b.char_len, hash: Cell::new(None) }
    }

    /// Text of `len` bytes pushed by `fill`: up to 24 bytes are built inline; longer
    /// text in one exactly sized `String`, whose buffer the str then takes over
    /// (`CompactString`'s own `push_str` re-decodes its representation on every push).
    pub fn assemble(len: usize, fill: impl FnOnce(&mut TextBuf)) -> CompactString {
        let mut buf = if len <= 24 {
            TextBuf::Inline(CompactString::const_new(""))
        } else {
            TextBuf::Heap(String::with_capacity(len))
        };
        fill(&mut buf);
        match buf {
            TextBuf::Inline(text) => text,
            TextBuf::Heap(text) => CompactString::from(text),
        }
    }

    /// Appends `s` (only for a str nobody else holds: `s += t` on a local).
    pub fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        self.char_len += if s.is_ascii() { s.len() } else { s.chars().count() };
        self.hash.set(None);
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points (Python's `len`).
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Whether every character is ASCII (byte index == code point index).
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.text.len()
    }

    /// The code point at `index` (0-based, already bounds-checked by the caller).
    pub fn char_at(&self, index: usize) -> Option<char> {
        if self.is_ascii() { self.text.as_bytes().get(index).map(|&b| b as char) } else { self.text.chars().nth(index) }
    }

    /// The substring of code points `start..end`.
    pub fn slice_chars(&self, start: usize, end: usize) -> &str {
        if self.is_ascii() {
            return self.text.get(start..end.max(start)).unwrap_or("");
        }
        let mut indices = self.text.char_indices().map(|(i, _)| i).chain(std::iter::once(self.text.len()));
        let from = indices.nth(start).unwrap_or(self.text.len());
        let to = if end > start { indices.nth(end - start - 1).unwrap_or(self.text.len()) } else { from };
        self.text.get(from..to).unwrap_or("")
    }

    /// The cached hash, computing it with `f` the first time.
    pub fn hash_with(&self, f: impl FnOnce(&str) -> i64) -> i64 {
        if let Some(h) = self.hash.get() {
            return h;
        }
        let h = f(&self.text);
        self.hash.set(Some(h));
        h
    }
}

/// The buffer [`PyStr::assemble`] fills.
pub enum TextBuf {
    /// Short text, kept in the string object itself.
    Inline(CompactString),
    /// Longer text, in a buffer sized once.
    Heap(String),
}

impl TextBuf {
    /// Appends `s` (within the capacity given to [`PyStr::assemble`]).
    #[inline]
    pub fn push(&mut self, s: &str) {
        match self {
            TextBuf::Inline(text) => text.push_str(s),
            TextBuf::Heap(text) => text.push_str(s),
        }
    }
}

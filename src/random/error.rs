//! Errors raised by the random engine, tagged with the Python exception class they stand for.

use std::fmt;

/// The Python exception class a [`RandomError`] corresponds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `ValueError`, e.g. "empty range for randrange()".
    ValueError,
    /// `IndexError`, e.g. "Cannot choose from an empty sequence".
    IndexError,
    /// `TypeError`, e.g. "Missing a non-None stop argument".
    TypeError,
    /// `OverflowError`, e.g. a bit count that does not fit a C `int`.
    OverflowError,
}

/// A failure with the exception class and the exact message CPython 3.11 uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RandomError {
    /// Which Python exception to raise.
    pub kind: ErrorKind,
    /// The exception's message, worded as in CPython 3.11.
    pub message: String,
}

impl RandomError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        RandomError { kind, message: message.into() }
    }

    pub(crate) fn value(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ValueError, message)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::OverflowError => "OverflowError",
        };
        f.write_str(name)
    }
}

impl fmt::Display for RandomError {
    /// Formats like the last line of a Python traceback: `ValueError: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for RandomError {}

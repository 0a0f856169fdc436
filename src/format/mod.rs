//! Pure text formatting that matches CPython 3.11 byte for byte: `repr(float)`, the fixed
//! float presentations, and the `format()` spec mini-language for `int`, `float` and `str`.
//!
//! Nothing here knows interpreter types; errors are [`FormatError`]s carrying the Python
//! exception class and message. Messages that name the formatted object's type say `int`,
//! `float`, `str` (or `object` for [`parse`] errors) until [`FormatError::with_type_name`]
//! puts the real type name in (e.g. `bool`, or a subclass).

mod float;
mod number;
mod spec;

use std::fmt;

pub use float::{float_repr, format_float};
pub use number::{format_float_spec, format_i64, format_int};
pub use spec::{Align, FormatSpec, Grouping, Sign, format_str, parse};

/// The Python exception class a [`FormatError`] becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatErrorKind {
    /// `ValueError` (almost every error).
    Value,
    /// `OverflowError` (`c` out of range, int too large for a float).
    Overflow,
    /// `MemoryError` (the result could not be allocated).
    Memory,
}

/// A formatting failure: the exception class and its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// Which Python exception this is.
    pub kind: FormatErrorKind,
    /// The message, without any trailing "for object of type '...'".
    message: String,
    /// The type named at the end of the message, if the message names one.
    type_name: Option<String>,
}

impl FormatError {
    /// A `ValueError` with this message.
    pub fn value(message: impl Into<String>) -> FormatError {
        FormatError { kind: FormatErrorKind::Value, message: message.into(), type_name: None }
    }

    /// An `OverflowError` with this message.
    pub fn overflow(message: impl Into<String>) -> FormatError {
        FormatError { kind: FormatErrorKind::Overflow, message: message.into(), type_name: None }
    }

    /// A `MemoryError` (empty message, like CPython's).
    pub fn memory() -> FormatError {
        FormatError { kind: FormatErrorKind::Memory, message: String::new(), type_name: None }
    }

    /// A `ValueError` whose message ends with "for object of type '<type_name>'".
    pub(crate) fn typed(message: impl Into<String>, type_name: &str) -> FormatError {
        FormatError { type_name: Some(type_name.to_string()), ..FormatError::value(message) }
    }

    /// Replaces the object type named in the message (if it names one) by `type_name`.
    pub fn with_type_name(mut self, type_name: &str) -> FormatError {
        if self.type_name.is_some() {
            self.type_name = Some(type_name.to_string());
        }
        self
    }

    /// The full message, as `str(exception)` shows it.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(name) = &self.type_name {
            write!(f, " for object of type '{name}'")?;
        }
        Ok(())
    }
}

impl std::error::Error for FormatError {}

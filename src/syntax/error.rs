//! Syntax errors: a class (which Python exception they become), a message worded
//! like CPython's, the primary span and optional secondary labels.

use crate::source::Span;

/// Which Python exception class a syntax problem is reported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a `SyntaxError` subclass).
    Indentation,
    /// `TabError` (an `IndentationError` subclass).
    Tab,
}

impl ErrorClass {
    /// The Python class name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorClass::Syntax => "SyntaxError",
            ErrorClass::Indentation => "IndentationError",
            ErrorClass::Tab => "TabError",
        }
    }
}

/// One syntax error.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// The exception class it maps to.
    pub class: ErrorClass,
    /// CPython-style message, e.g. `expected ':'`.
    pub message: String,
    /// Where the problem is.
    pub span: Span,
    /// Extra labelled places (e.g. the opening bracket of an unclosed one).
    pub labels: Vec<(Span, String)>,
    /// An optional hint for newcomers.
    pub help: Option<String>,
}

impl SyntaxError {
    /// A plain `SyntaxError` with `message` at `span`.
    pub fn new(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError { class: ErrorClass::Syntax, message: message.into(), span, labels: Vec::new(), help: None }
    }

    /// An `IndentationError`.
    pub fn indentation(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError { class: ErrorClass::Indentation, ..SyntaxError::new(message, span) }
    }

    /// A `TabError`.
    pub fn tab(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError { class: ErrorClass::Tab, ..SyntaxError::new(message, span) }
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> SyntaxError {
        self.labels.push((span, message.into()));
        self
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> SyntaxError {
        self.help = Some(help.into());
        self
    }
}

//! Rendering of syntax errors with ariadne.

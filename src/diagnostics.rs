//! Rendering of syntax errors with ariadne.
//!
//! Every error becomes one report (file:line:column, the primary label, secondary
//! labels, help). After the reports comes a summary line, and the very last line is
//! CPython's `SyntaxError: message` for the first error, so the last line of stderr
//! matches what `python3` prints. Spans are clamped to the text and to character
//! boundaries first: a diagnostic never panics, whatever span it is given.

use crate::source::{Source, Span};
use crate::syntax::SyntaxError;
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};

/// Whether diagnostics on stderr should be coloured: stderr is a terminal and the
/// `NO_COLOR` environment variable is unset (or empty).
pub fn stderr_wants_colour() -> bool {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stderr().is_terminal()
}

/// Renders every error of one file, then a summary line, then `Class: message` of the
/// first error. Returns an empty string when there are no errors.
pub fn render_syntax_errors(source: &Source, errors: &[SyntaxError], colour: bool) -> String {
    let Some(first) = errors.first() else {
        return String::new();
    };
    let mut out = String::new();
    for error in errors {
        out.push_str(&render_one(source, error, colour));
    }
    let plural = if errors.len() == 1 { "" } else { "s" };
    out.push_str(&format!("{} syntax error{plural} in {}\n", errors.len(), source.name));
    out.push_str(&last_line(first));
    out.push('\n');
    out
}

/// The CPython-style final line for an error: `SyntaxError: expected ':'`.
pub fn last_line(error: &SyntaxError) -> String {
    format!("{}: {}", error.class.name(), error.message)
}

/// One ariadne report, as text.
fn render_one(source: &Source, error: &SyntaxError, colour: bool) -> String {
    let name = source.name.as_str();
    let span = clamp(&source.text, error.span);
    let (line, col) = source.line_col(span.start);
    let primary = if colour { Color::Red } else { Color::Primary };
    let kind = ReportKind::Custom(error.class.name(), primary);
    let config = Config::default().with_color(colour).with_index_type(IndexType::Byte);
    let mut report = Report::build(kind, (name, span.range()))
        .with_config(config)
        .with_message(&error.message)
        .with_label(Label::new((name, span.range())).with_message(&error.message).with_color(primary));
    for (other, message) in &error.labels {
        let other = clamp(&source.text, *other);
        let secondary = if colour { Color::Blue } else { Color::Primary };
        report.add_label(Label::new((name, other.range())).with_message(message).with_color(secondary));
    }
    if let Some(help) = &error.help {
        report.set_help(help);
    }
    let mut buf = Vec::new();
    let cache = (name, ariadne::Source::from(source.text.as_str()));
    if report.finish().write(cache, &mut buf).is_err() {
        // Writing into a Vec cannot fail; fall back to a plain line just in case.
        return format!("{name}:{line}:{col}: {}\n", last_line(error));
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    if colour { text } else { strip_ansi(&text) }
}

/// An ariadne report labelling the span where a runtime exception was raised
/// (printed between the traceback and its last line).
pub fn render_raise_site(source: &Source, span: Span, class: &str, message: &str, colour: bool) -> String {
    let name = source.name.as_str();
    let span = clamp(&source.text, span);
    let primary = if colour { Color::Red } else { Color::Primary };
    let config = Config::default().with_color(colour).with_index_type(IndexType::Byte);
    let label = if message.is_empty() { class.to_owned() } else { format!("{class}: {message}") };
    let report = Report::build(ReportKind::Custom(class, primary), (name, span.range()))
        .with_config(config)
        .with_message("raised here")
        .with_label(Label::new((name, span.range())).with_message(label).with_color(primary));
    let mut buf = Vec::new();
    let cache = (name, ariadne::Source::from(source.text.as_str()));
    if report.finish().write(cache, &mut buf).is_err() {
        return String::new();
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    if colour { text } else { strip_ansi(&text) }
}

/// Removes `ESC [ ... m` sequences: ariadne colours a custom report kind even when
/// colour is off.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        rest = tail.find('m').map_or("", |m| &tail[m + 1..]);
    }
    out.push_str(rest);
    out
}

/// `span` moved inside `text`, with both ends on character boundaries.
fn clamp(text: &str, span: Span) -> Span {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start as usize);
    let end = floor(span.end as usize).max(start);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_at(offset: usize) -> SyntaxError {
        SyntaxError::new("invalid syntax", Span::new(offset, offset + 1))
    }

    fn render(text: &str, errors: &[SyntaxError]) -> String {
        render_syntax_errors(&Source::new("t.pyish", text), errors, false)
    }

    #[test]
    fn zero_width_span_at_eof() {
        let text = "if x:\n    pass\n(";
        let out = render(text, &[SyntaxError::new("'(' was never closed", Span::at(text.len()))]);
        assert!(out.contains("t.pyish:3:2"), "{out}");
        assert!(out.ends_with("1 syntax error in t.pyish\nSyntaxError: '(' was never closed\n"), "{out}");
    }

    #[test]
    fn spans_inside_multibyte_chars_and_past_the_end_are_clamped() {
        let text = "s = 'héllo' €\n";
        let bad = SyntaxError::new("invalid character '€' (U+20AC)", Span::new(13, 14));
        let beyond = SyntaxError::indentation("unexpected indent", Span::new(500, 900));
        let out = render(text, &[bad, beyond]);
        assert!(out.contains("t.pyish:1:13"), "{out}");
        assert!(out.contains("2 syntax errors in t.pyish\nSyntaxError: invalid character"), "{out}");
        assert!(!out.contains('\u{1b}'), "no colour requested: {out}");
    }

    #[test]
    fn secondary_label_and_help_are_shown() {
        let text = "x = (1,\n     2]\n";
        let error =
            SyntaxError::new("closing parenthesis ']' does not match opening parenthesis '('", Span::new(14, 15))
                .with_label(Span::new(4, 5), "opened here")
                .with_help("close it with ')'");
        let out = render(text, &[error]);
        assert!(out.contains("opened here"), "{out}");
        assert!(out.contains("close it with ')'"), "{out}");
        assert!(out.contains("t.pyish:2:7"), "{out}");
        assert!(render_syntax_errors(&Source::new("t", text), &[], true).is_empty());
        let coloured = render_syntax_errors(&Source::new("t", text), &[error_at(14)], true);
        assert!(coloured.contains('\u{1b}'), "{coloured}");
    }
}

//! Fuzz target: the front end must never panic, overflow its stack or hang on any
//! input. Arbitrary bytes go through `parse_bytes` (UTF-8 check, lexer, layout, parser,
//! validation); a clean parse is printed with `--dump-ast`'s printer, and errors are
//! rendered with the diagnostics module, as the CLI does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyish::diagnostics::render_syntax_errors;
use pyish::source::Source;
use pyish::syntax::{dump::dump, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let parsed = parse_bytes(data);
    if parsed.errors.is_empty() {
        dump(&parsed.module);
    } else {
        let text = String::from_utf8_lossy(data);
        render_syntax_errors(&Source::new("fuzz.pyish", text.as_ref()), &parsed.errors, false);
    }
});

//! Fuzz target: the front end must never panic, overflow its stack or hang on any
//! input. Arbitrary bytes go through `parse_bytes` (UTF-8 check, lexer, layout, parser,
//! validation); a clean parse is also printed with `--dump-ast`'s printer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyish::syntax::{dump::dump, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let parsed = parse_bytes(data);
    if parsed.errors.is_empty() {
        dump(&parsed.module);
    }
});

//! Test helper: runs CPython (`python3`) as the oracle that expected values come from.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs the Python program `code` (fed on stdin, with `PYTHONHASHSEED=0`) and returns its stdout, or
/// `None`, after printing a note, when `python3` cannot be started.
pub(super) fn python(code: &str) -> Option<String> {
    let child = Command::new("python3")
        .arg("-")
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(err) => {
            eprintln!("note: python3 unavailable ({err}); skipping the comparison with CPython");
            return None;
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(code.as_bytes()).expect("write program to python3");
    }
    let out = child.wait_with_output().expect("wait for python3");
    assert!(out.status.success(), "python3 failed:\n{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).expect("python3 output is UTF-8"))
}

/// A small deterministic xorshift generator for test data.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    /// The next pseudo-random value.
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A value in `0..n` (`n > 0`).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Shuffles `items` (Fisher-Yates).
    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

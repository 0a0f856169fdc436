//! Traceback layout against CPython: for each `tests/tracebacks/*.pyish`, the frame
//! lines (`Traceback ...`, `  File "...", line N, in NAME`, the source lines), the
//! chaining separators and the last line must equal what `python3` prints. pyish's
//! extra ariadne block (between the frames and the last line) is not compared.
//! Skipped when `python3` is not installed.

use std::path::Path;
use std::process::Command;

/// The lines CPython and pyish share: everything but pyish's ariadne report.
fn comparable(stderr: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(stderr);
    let mut out = Vec::new();
    let mut in_report = false;
    for line in text.lines() {
        if line.ends_with(": raised here") {
            in_report = true;
            continue;
        }
        if in_report {
            if line.starts_with('─') {
                in_report = false;
            }
            continue;
        }
        // CPython 3.11's `^^^^`/`~~~` markers under the failing expression are not
        // printed by pyish (see the README's differences).
        if !line.trim().is_empty() && line.trim().chars().all(|c| c == '^' || c == '~') {
            continue;
        }
        out.push(line.to_owned());
    }
    out
}

#[test]
fn tracebacks_match_cpython_layout() {
    if Command::new("python3").arg("-c").arg("pass").output().is_err() {
        eprintln!("tracebacks_match_cpython_layout: skipped, python3 not found");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tracebacks");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/tracebacks").flatten() {
        let name = entry.file_name();
        let run = |program: &str| {
            Command::new(program).arg(&name).current_dir(&dir).env("NO_COLOR", "1").output().expect("run")
        };
        let (want, got) = (run("python3"), run(env!("CARGO_BIN_EXE_pyish")));
        assert_eq!(got.stdout, want.stdout, "{name:?}: stdout");
        assert_eq!(got.status.code(), want.status.code(), "{name:?}: status");
        assert_eq!(comparable(&got.stderr), comparable(&want.stderr), "{name:?}: traceback");
        checked += 1;
    }
    assert!(checked >= 2);
}

//! Example programs: every `examples/NAME.pyish` that has an expected output in
//! `examples/expected/NAME.out` is run with pyish (from the `examples` directory) and
//! its stdout must match that file byte for byte. Examples without an expected file
//! are skipped. The expected files are what CPython 3.11 prints and are never edited
//! by hand: `PYISH_BLESS=1 cargo test --test examples` regenerates every one of them
//! by running `python3` first (and reports which ones changed).
//!
//! Some examples sleep for seconds on purpose (blocking vs async sleeps), so every
//! example runs in its own thread to keep the wall time near that of the slowest one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn examples() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(examples_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pyish"))
        .collect();
    found.sort();
    found
}

fn expected_path(example: &Path) -> PathBuf {
    let stem = example.file_stem().unwrap_or_default().to_string_lossy();
    examples_dir().join("expected").join(format!("{stem}.out"))
}

fn run(program: &str, example: &Path) -> Output {
    Command::new(program)
        .arg(example.file_name().unwrap_or_default())
        .current_dir(example.parent().unwrap_or(Path::new(".")))
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} on {}: {e}", example.display()))
}

/// Runs `job` on every item in its own thread and returns the results in order.
fn in_parallel<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    thread::scope(|scope| {
        let job = &job;
        let handles: Vec<_> = items.iter().map(|item| scope.spawn(move || job(item))).collect();
        handles.into_iter().map(|h| h.join().expect("example thread panicked")).collect()
    })
}

/// Regenerates `expected/NAME.out` from python3; returns a note if the file changed.
fn bless(example: &Path) -> Option<String> {
    let out = run("python3", example);
    let name = example.display();
    assert!(out.status.success(), "python3 failed on {name}:\n{}", String::from_utf8_lossy(&out.stderr));
    let path = expected_path(example);
    if fs::read(&path).ok().as_deref() == Some(out.stdout.as_slice()) {
        return None;
    }
    fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).expect("create examples/expected");
    fs::write(&path, &out.stdout).expect("write expected output");
    Some(format!("{name}: expected output (re)generated from python3"))
}

/// Runs an example with pyish and compares its stdout with the expected file.
fn check(example: &Path) -> Option<String> {
    let want = fs::read(expected_path(example)).ok()?;
    let out = run(env!("CARGO_BIN_EXE_pyish"), example);
    if out.stdout == want {
        return None;
    }
    let tail: Vec<&str> = std::str::from_utf8(&out.stderr).unwrap_or("").lines().rev().take(6).collect();
    Some(format!(
        "{}: stdout differs (status {:?})\n--- want\n{}--- got\n{}  stderr tail: {tail:?}",
        example.display(),
        out.status.code(),
        String::from_utf8_lossy(&want),
        String::from_utf8_lossy(&out.stdout),
    ))
}

#[test]
fn examples_match_cpython() {
    let examples = examples();
    assert!(!examples.is_empty(), "no examples found in {}", examples_dir().display());
    if std::env::var_os("PYISH_BLESS").is_some() {
        for note in in_parallel(&examples, |e| bless(e)).into_iter().flatten() {
            eprintln!("{note}");
        }
    }
    let checked = examples.iter().filter(|e| expected_path(e).exists()).count();
    let problems: Vec<String> = in_parallel(&examples, |e| check(e)).into_iter().flatten().collect();
    assert!(problems.is_empty(), "{} of {checked} examples:\n{}", problems.len(), problems.join("\n\n"));
}

#[test]
fn hello_example_has_expected_output() {
    let hello = examples_dir().join("hello.pyish");
    assert!(expected_path(&hello).exists(), "examples/expected/hello.out is missing");
    if let Some(problem) = check(&hello) {
        panic!("{problem}");
    }
}

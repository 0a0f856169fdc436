//! End-to-end syntax tests against CPython 3.11, run through the `pyish` binary.
//!
//! - `tests/syntax/ok/NAME.pyish`: `pyish --dump-ast` must print `NAME.ast`, which is
//!   `ast.dump(ast.parse(src))` from python3.
//! - `tests/syntax/err/NAME.pyish`: pyish's exit status and last stderr line must match
//!   `NAME.expected` (from `python3 NAME.pyish`), and its whole rendered diagnostic must
//!   match the snapshot `NAME.diag` (from pyish itself, reviewed by hand).
//!
//! `PYISH_BLESS=1` regenerates the expectations: `.ast`/`.expected` from python3, and
//! `.diag` from pyish (review those by eye before committing).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn syntax_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/syntax").join(kind)
}

fn blessing() -> bool {
    std::env::var_os("PYISH_BLESS").is_some_and(|v| v == "1")
}

/// The `.pyish` inputs of a directory, sorted by name.
fn inputs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("test directory exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".pyish")?.to_owned())
        })
        .collect();
    names.sort();
    names
}

/// Runs a program in `dir` with a relative file name, so outputs mention only the name.
fn run_in(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn pyish(dir: &Path, args: &[&str]) -> Output {
    run_in(dir, env!("CARGO_BIN_EXE_pyish"), args)
}

fn last_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).lines().last().unwrap_or("").to_owned()
}

/// `status: N` and `last: LINE`: the part of a run compared with CPython.
fn outcome(out: &Output) -> String {
    let status = out.status.code().map_or("signal".to_owned(), |c| c.to_string());
    format!("status: {status}\nlast: {}\n", last_line(&out.stderr))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|_| format!("<missing {}>", path.display()))
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

const DUMP: &str = "import ast, sys; print(ast.dump(ast.parse(open(sys.argv[1], encoding='utf-8').read())))";

#[test]
fn ok_files_dump_like_cpython() {
    let dir = syntax_dir("ok");
    let names = inputs(&dir);
    assert!(!names.is_empty());
    if blessing() {
        for name in &names {
            let out = run_in(&dir, "python3", &["-c", DUMP, &format!("{name}.pyish")]);
            assert!(out.status.success(), "python3 rejects ok/{name}.pyish");
            write(&dir.join(format!("{name}.ast")), &String::from_utf8_lossy(&out.stdout));
        }
    }
    let mut failures = Vec::new();
    for name in &names {
        let out = pyish(&dir, &["--dump-ast", &format!("{name}.pyish")]);
        let want = read(&dir.join(format!("{name}.ast")));
        if !out.status.success() || out.stdout != want.as_bytes() {
            failures.push(format!(
                "ok/{name}.pyish\n  want: {}\n  got:  {}{}",
                want.trim_end(),
                String::from_utf8_lossy(&out.stdout).trim_end(),
                String::from_utf8_lossy(&out.stderr),
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} files differ:\n{}", failures.len(), names.len(), failures.join("\n"));
}

/// Inputs too large to commit: name and source. Only their outcome is compared.
fn generated_err_inputs() -> Vec<(&'static str, String)> {
    let nested_ifs: String = (0..5000).map(|depth| format!("{}if x:\n", " ".repeat(depth))).collect();
    vec![
        ("deep_nesting_100000", format!("x = {}\n", "(".repeat(100_000))),
        ("nested_ifs_5000", format!("{nested_ifs}{}pass\n", " ".repeat(5000))),
    ]
}

/// Checks one err input, blessing first when asked. Returns a failure description.
fn check_err(dir: &Path, expected_dir: &Path, name: &str, with_diag: bool) -> Option<String> {
    let file = format!("{name}.pyish");
    let expected = expected_dir.join(format!("{name}.expected"));
    let diag = expected_dir.join(format!("{name}.diag"));
    if blessing() {
        write(&expected, &outcome(&run_in(dir, "python3", &[&file])));
    }
    let out = pyish(dir, &["--check", &file]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if blessing() && with_diag {
        write(&diag, &stderr);
    }
    let mut problems = Vec::new();
    let (want, got) = (read(&expected), outcome(&out));
    if want != got {
        problems.push(format!("  want:\n{want}  got:\n{got}"));
    }
    if with_diag && read(&diag) != stderr {
        problems.push(format!("  diagnostic differs from {name}.diag; got:\n{stderr}"));
    }
    (!problems.is_empty()).then(|| format!("err/{file}\n{}", problems.join("\n")))
}

#[test]
fn err_files_fail_like_cpython() {
    let dir = syntax_dir("err");
    let names = inputs(&dir);
    assert!(!names.is_empty());
    let mut failures: Vec<String> = names.iter().filter_map(|name| check_err(&dir, &dir, name, true)).collect();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("syntax_err");
    fs::create_dir_all(&tmp).expect("target tmp dir");
    for (name, source) in generated_err_inputs() {
        write(&tmp.join(format!("{name}.pyish")), &source);
        failures.extend(check_err(&tmp, &dir, name, false));
    }
    assert!(failures.is_empty(), "{} err files differ:\n{}", failures.len(), failures.join("\n"));
}

/// Every program of the shared conformance corpus and benchmarks passes `--check`
/// (skipped in a clone without `../shared` beside it).
#[test]
fn shared_programs_parse_cleanly() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut files = Vec::new();
    for sub in ["conformance", "bench"] {
        let Ok(entries) = fs::read_dir(shared.join(sub)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "py") {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    if files.is_empty() {
        eprintln!("shared_programs_parse_cleanly: skipped, no ../shared beside the checkout");
        return;
    }
    files.sort();
    let mut args = vec!["--check"];
    args.extend(files.iter().map(String::as_str));
    let out = pyish(Path::new(env!("CARGO_MANIFEST_DIR")), &args);
    assert!(out.status.success(), "{} files checked:\n{}", files.len(), String::from_utf8_lossy(&out.stderr));
}

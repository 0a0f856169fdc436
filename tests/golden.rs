//! Golden-script tests: every `tests/scripts/CATEGORY/NAME.pyish` is run with pyish and
//! its stdout, exit status and last stderr line are compared with what CPython 3.11
//! printed for the same program (`NAME.out`, `NAME.status`, `NAME.err`, the layout of
//! the shared conformance corpus). `PYISH_BLESS=1 cargo test --test golden` regenerates
//! the expectations by running `python3`; they are never edited by hand.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn scripts() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut found = Vec::new();
    for dir in fs::read_dir(&root).into_iter().flatten().flatten() {
        for file in fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            let p = file.path();
            if p.extension().is_some_and(|e| e == "pyish") {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

fn run(program: &str, script: &Path) -> Output {
    Command::new(program)
        .arg(script.file_name().unwrap_or_default())
        .current_dir(script.parent().unwrap_or(Path::new(".")))
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn last_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_owned()
}

fn bless(script: &Path) {
    let out = run("python3", script);
    let status = out.status.code().unwrap_or(-1);
    fs::write(script.with_extension("out"), &out.stdout).expect("write .out");
    let (status_file, err_file) = (script.with_extension("status"), script.with_extension("err"));
    let _ = fs::remove_file(&status_file);
    let _ = fs::remove_file(&err_file);
    if status != 0 {
        fs::write(&status_file, format!("{status}\n")).expect("write .status");
        fs::write(&err_file, format!("{}\n", last_line(&out.stderr))).expect("write .err");
    }
}

fn check(script: &Path) -> Option<String> {
    let out = run(env!("CARGO_BIN_EXE_pyish"), script);
    let want_out = fs::read(script.with_extension("out")).unwrap_or_default();
    let want_status: i32 =
        fs::read_to_string(script.with_extension("status")).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    let want_err = fs::read_to_string(script.with_extension("err")).ok().map(|s| s.trim_end().to_owned());
    let mut problems = Vec::new();
    if out.stdout != want_out {
        problems.push(format!(
            "stdout differs\n--- want\n{}--- got\n{}",
            String::from_utf8_lossy(&want_out),
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    if out.status.code() != Some(want_status) {
        problems.push(format!("status {:?} != {want_status}", out.status.code()));
    }
    if let Some(err) = want_err
        && last_line(&out.stderr) != err
    {
        problems.push(format!("last stderr line {:?} != {err:?}", last_line(&out.stderr)));
    }
    if problems.is_empty() {
        return None;
    }
    let tail: Vec<&str> = std::str::from_utf8(&out.stderr).unwrap_or("").lines().rev().take(6).collect();
    Some(format!("{}: {}\n  stderr tail: {:?}", script.display(), problems.join("; "), tail))
}

/// Scripts known to fail (`CATEGORY/NAME` per line in `tests/golden_xfail.txt`): a
/// ratchet — a listed script that passes must be taken off the list.
fn expected_failures() -> Vec<String> {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden_xfail.txt");
    fs::read_to_string(list)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// `CATEGORY/NAME` of a script path.
fn case_name(script: &Path) -> String {
    let name = script.file_stem().unwrap_or_default().to_string_lossy();
    let category = script.parent().and_then(Path::file_name).unwrap_or_default().to_string_lossy();
    format!("{category}/{name}")
}

#[test]
fn golden_scripts_match_cpython() {
    let scripts = scripts();
    if std::env::var_os("PYISH_BLESS").is_some() {
        scripts.iter().for_each(|s| bless(s));
    }
    let allowed = expected_failures();
    let mut problems = Vec::new();
    for script in &scripts {
        let name = case_name(script);
        match (check(script), allowed.contains(&name)) {
            (Some(failure), false) => problems.push(failure),
            (None, true) => problems.push(format!("{name} passes now: remove it from tests/golden_xfail.txt")),
            _ => {}
        }
    }
    for name in &allowed {
        if !scripts.iter().any(|s| &case_name(s) == name) {
            problems.push(format!("{name} is listed in tests/golden_xfail.txt but does not exist"));
        }
    }
    assert!(problems.is_empty(), "{} of {} scripts:\n{}", problems.len(), scripts.len(), problems.join("\n\n"));
}

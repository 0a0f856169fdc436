//! Conformance ratchet: runs the shared corpus (`../shared/conformance`) with the pyish
//! binary and holds its failures to `tests/conformance_xfail.txt`.
//!
//! A failing case that is not listed fails this test (a regression), and so does a listed
//! case that now passes (remove it from the list, so it cannot regress unnoticed). A
//! checkout without `../shared` skips the check.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const XFAIL: &str = "tests/conformance_xfail.txt";

#[test]
fn conformance_ratchet() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/conformance");
    let runner = corpus.join("run.sh");
    if !runner.is_file() {
        println!("conformance: skipped, {} not found", runner.display());
        return;
    }

    let (xfail, mut problems) = read_xfail(&root.join(XFAIL));
    let cases = corpus_cases(&corpus);
    let report = run_corpus(&runner);

    println!("{}", report.summary);
    if report.passed + report.failures.len() != cases.len() {
        problems.push(format!(
            "the runner reported {} passed and {} failed, but the corpus has {} cases",
            report.passed,
            report.failures.len(),
            cases.len()
        ));
    }
    for name in xfail.iter().filter(|name| !cases.contains(*name)) {
        problems.push(format!("{name}: listed in {XFAIL} but not a case in the corpus"));
    }
    for (name, reason) in report.failures.iter().filter(|(name, _)| !xfail.contains(*name)) {
        problems.push(format!("{name}: {reason} (a new failure; it is not in {XFAIL})"));
    }
    for name in xfail.iter().filter(|name| cases.contains(*name) && !report.failures.contains_key(*name)) {
        problems.push(format!("{name}: passes now; remove it from {XFAIL}"));
    }
    assert!(
        problems.is_empty(),
        "conformance ratchet broken:\n  {}\n(details: VERBOSE=1 FILTER=NAME ../shared/conformance/run.sh target/debug/pyish)",
        problems.join("\n  ")
    );
}

/// The expected failures, and a problem for each name listed twice.
fn read_xfail(path: &Path) -> (BTreeSet<String>, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut names = BTreeSet::new();
    let mut problems = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !names.insert(line.to_string()) {
            problems.push(format!("{line}: listed twice in {XFAIL}"));
        }
    }
    (names, problems)
}

/// The case names (`NAME.py`) in the corpus folder.
fn corpus_cases(corpus: &Path) -> BTreeSet<String> {
    std::fs::read_dir(corpus)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", corpus.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let stem = path.file_stem()?.to_str()?;
            (path.extension()? == "py").then(|| stem.to_string())
        })
        .collect()
}

/// What one run of `run.sh` reported.
struct Report {
    /// Failing case → the runner's reason, e.g. `stdout differs; status 0 != 1`.
    failures: BTreeMap<String, String>,
    /// The number of passing cases, from the last line `N passed, M failed`.
    passed: usize,
    /// Everything but the `FAIL` lines: the category table and the totals.
    summary: String,
}

fn run_corpus(runner: &Path) -> Report {
    let output = Command::new("bash")
        .arg(runner)
        .arg(env!("CARGO_BIN_EXE_pyish"))
        .env_remove("FILTER")
        .env_remove("VERBOSE")
        .output()
        .unwrap_or_else(|e| panic!("cannot start bash {}: {e}", runner.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{} exited with {}:\n{}{}",
        runner.display(),
        output.status,
        stdout,
        String::from_utf8_lossy(&output.stderr)
    );

    let mut failures = BTreeMap::new();
    let mut summary = Vec::new();
    for line in stdout.lines() {
        match line.strip_prefix("FAIL ").and_then(|rest| rest.split_once(": ")) {
            Some((name, reason)) => {
                failures.insert(name.to_string(), reason.to_string());
            }
            None => summary.push(line),
        }
    }
    let totals = summary.last().copied().unwrap_or_default();
    let passed = totals
        .split_once(" passed, ")
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected last line from the runner: {totals:?}"));
    Report { failures, passed, summary: summary.join("\n") }
}

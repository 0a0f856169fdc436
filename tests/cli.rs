//! The `pyish` command line: exit statuses and messages, compared with python3's.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pyish<I: AsRef<OsStr>>(args: impl IntoIterator<Item = I>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyish")).args(args).env("NO_COLOR", "1").output().expect("the pyish binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn last_line(out: &Output) -> String {
    stderr(out).lines().last().unwrap_or("").to_owned()
}

/// A file whose bytes are not UTF-8: a syntax error found without the parser.
/// Each test uses its own `name`: tests run in parallel.
fn bad_utf8_file(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.pyish"));
    std::fs::write(&path, b"x = '\xff'\n").expect("write temp file");
    path
}

#[test]
fn version_and_help() {
    let out = pyish(["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("pyish {}\n", env!("CARGO_PKG_VERSION")));
    let out = pyish(["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("usage: pyish"));
}

#[test]
fn missing_file_exits_2_like_python() {
    let out = pyish(["no/such/file.pyish"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("pyish: can't open file '"), "{err}");
    assert!(err.trim_end().ends_with("file.pyish': [Errno 2] No such file or directory"), "{err}");
    assert_eq!(pyish(["--check", "no/such/file.pyish"]).status.code(), Some(2));
}

#[test]
fn unknown_option_is_a_usage_error() {
    let out = pyish(["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("usage: pyish"));
    assert_eq!(pyish(["-c"]).status.code(), Some(2));
}

#[test]
fn check_clean_file_exits_0() {
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/syntax/ok/misc.pyish");
    let out = pyish([OsStr::new("--check"), clean.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty());
}

#[test]
fn check_file_with_errors_exits_1_with_python_last_line() {
    let bad = bad_utf8_file("cli_bad_utf8");
    let out = pyish([OsStr::new("--check"), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(last_line(&out).starts_with("SyntaxError: "), "{}", stderr(&out));
    assert!(stderr(&out).contains("cli_bad_utf8.pyish"), "{}", stderr(&out));
}

#[test]
fn dash_c_with_syntax_error_exits_1() {
    let out = pyish([OsStr::new("-c"), OsStr::from_bytes(b"x = '\xff'")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(last_line(&out).starts_with("SyntaxError: "), "{}", stderr(&out));
    let out = pyish(["-c", "if x\n    pass\n"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(last_line(&out), "SyntaxError: expected ':'");
}

#[test]
fn no_color_output_has_no_escape_codes() {
    let bad = bad_utf8_file("cli_no_color");
    let out = pyish([OsStr::new("--check"), bad.as_os_str()]);
    assert!(!out.stderr.is_empty());
    assert!(!out.stderr.contains(&0x1b), "{}", stderr(&out));
}

#[test]
fn programs_run_and_report_like_python() {
    let out = pyish(["-c", "print(6 * 7)"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    let out = pyish(["-c", "def f():\n    raise ValueError('bad')\nf()\n"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(last_line(&out), "ValueError: bad");
    assert!(stderr(&out).starts_with("Traceback (most recent call last):"), "{}", stderr(&out));
    let out = pyish(["-c", "raise SystemExit(3)"]);
    assert_eq!(out.status.code(), Some(3));
}

/// Runs `program` with SIGINT at its default disposition, sends it SIGINT once it
/// has printed its first line, and returns its output.
fn interrupted(name: &str, program: &str) -> Output {
    use std::io::{BufRead, BufReader, Read};
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.pyish"));
    std::fs::write(&path, program).expect("write temp file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_pyish"));
    command.arg(&path).env("NO_COLOR", "1").stdout(Stdio::piped()).stderr(Stdio::piped());
    // SAFETY: only resets a signal disposition between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGINT);
            libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            Ok(())
        });
    }
    let mut child = command.spawn().expect("the pyish binary runs");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    // SAFETY: sends a signal to the child we spawned.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("rest of stdout");
    let mut output = child.wait_with_output().expect("child ends");
    output.stdout = format!("{first}{rest}").into_bytes();
    output
}

#[test]
fn ctrl_c_raises_keyboard_interrupt() {
    let out = interrupted("ctrl_c_loop", "print('start', flush=True)\nwhile True:\n    pass\n");
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&out.status), Some(libc::SIGINT), "{}", stderr(&out));
    assert_eq!(last_line(&out), "KeyboardInterrupt");
}

#[test]
fn ctrl_c_cancels_the_main_task_of_asyncio_run() {
    let program = "import asyncio\n\nasync def main():\n    try:\n        print('sleeping', flush=True)\n        \
                   await asyncio.sleep(30)\n    finally:\n        print('main finally')\n\nasyncio.run(main())\n";
    let out = interrupted("ctrl_c_asyncio", program);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "sleeping\nmain finally\n");
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&out.status), Some(libc::SIGINT), "{}", stderr(&out));
    assert_eq!(last_line(&out), "KeyboardInterrupt");
}

#[test]
fn unawaited_coroutine_warns_like_cpython() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("unawaited.pyish");
    std::fs::write(&path, "async def f():\n    pass\n\nprint('a')\nf()\nprint('b')\n").expect("write temp file");
    let ours = pyish([&path]);
    let theirs = Command::new("python3").arg(&path).output().expect("python3 runs");
    assert_eq!(ours.stdout, theirs.stdout);
    assert_eq!(stderr(&ours), String::from_utf8_lossy(&theirs.stderr));
}

#[test]
fn unretrieved_task_exception_is_reported_like_cpython() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("unretrieved.pyish");
    let program = "import asyncio\n\nasync def bad():\n    raise ValueError('boom')\n\n\
                   async def main():\n    t = asyncio.create_task(bad())\n    await asyncio.sleep(0.01)\n    \
                   print('main done')\n    del t\n\nasyncio.run(main())\nprint('after')\n";
    std::fs::write(&path, program).expect("write temp file");
    let ours = pyish([&path]);
    let theirs = Command::new("python3").arg(&path).output().expect("python3 runs");
    assert_eq!(ours.stdout, theirs.stdout);
    assert_eq!(ours.status.code(), theirs.status.code());
    assert!(stderr(&ours).starts_with("Task exception was never retrieved\n"), "{}", stderr(&ours));
    assert_eq!(stderr(&ours), String::from_utf8_lossy(&theirs.stderr));
}

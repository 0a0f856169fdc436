//! Command-line front end: arguments like `python3`'s, mapped to exit statuses.
//!
//! `pyish [--check FILE...] [--dump-ast FILE] [-c CODE] [-] [--version] [--help]
//! [FILE [ARGS...]]`. Exit 0 on success, 1 for syntax errors (like an uncaught
//! `SyntaxError` in python3), 2 for usage errors and unreadable files.

use crate::diagnostics;
use crate::source::Source;
use crate::syntax::{self, Parsed, dump};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::Path;

const USAGE: &str = "usage: pyish [option] ... [-c cmd | file | -] [arg] ...";

const HELP: &str = "\
Options:
  -c CODE            program passed in as a string (terminates the option list)
  --check FILE...    parse the files and report every syntax error; run nothing
  --dump-ast FILE    print the syntax tree like python3's ast.dump(ast.parse(src))
  -h, --help         print this help message and exit
  -V, --version      print the pyish version and exit
  -                  read the program from stdin
  FILE               program read from a script file
  ARGS ...           arguments passed to the program";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Version,
    Check(Vec<OsString>),
    DumpAst(OsString),
    /// Run a program: its source and the arguments after it.
    Run(Input, Vec<OsString>),
}

/// Where a program comes from.
#[derive(Debug, PartialEq)]
enum Input {
    File(OsString),
    Code(OsString),
    Stdin,
}

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    match parse_args(lexopt::Parser::from_env()) {
        Ok(command) => run(command),
        Err(e) => {
            eprintln!("pyish: {e}\n{USAGE}\nTry 'pyish --help' for more information.");
            2
        }
    }
}

/// Reads the arguments. Everything after `-c CODE`, `-` or `FILE` belongs to the program.
fn parse_args(mut parser: lexopt::Parser) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;
    let Some(arg) = parser.next()? else {
        return Ok(Command::Run(Input::Stdin, Vec::new()));
    };
    match arg {
        Short('h') | Long("help") => Ok(Command::Help),
        Short('V') | Long("version") => Ok(Command::Version),
        Long("check") => {
            let files: Vec<OsString> = parser.values()?.collect();
            match parser.next()? {
                None => Ok(Command::Check(files)),
                Some(other) => Err(other.unexpected()),
            }
        }
        Long("dump-ast") => {
            let file = parser.value()?;
            match parser.next()? {
                None => Ok(Command::DumpAst(file)),
                Some(other) => Err(other.unexpected()),
            }
        }
        Short('c') => {
            let code = parser.value()?;
            Ok(Command::Run(Input::Code(code), parser.raw_args()?.collect()))
        }
        Value(v) if v == "-" => Ok(Command::Run(Input::Stdin, parser.raw_args()?.collect())),
        Value(file) => Ok(Command::Run(Input::File(file), parser.raw_args()?.collect())),
        other => Err(other.unexpected()),
    }
}

fn run(command: Command) -> i32 {
    match command {
        Command::Help => {
            println!("{USAGE}\n{HELP}");
            0
        }
        Command::Version => {
            println!("pyish {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Command::Check(files) => check(&files),
        Command::DumpAst(file) => dump_ast(&file),
        Command::Run(input, args) => run_program(input, args),
    }
}

/// `--check`: 0 when every file parses, 1 when any has errors, 2 when one is unreadable.
fn check(files: &[OsString]) -> i32 {
    if files.is_empty() {
        eprintln!("pyish: --check needs at least one FILE\n{USAGE}");
        return 2;
    }
    let mut status = 0;
    for file in files {
        let code = match load_file(file) {
            Ok((source, mut parsed)) => {
                scope_errors(&mut parsed);
                report(&source, &parsed)
            }
            Err(code) => code,
        };
        status = status.max(code);
    }
    status
}

fn dump_ast(file: &OsString) -> i32 {
    match load_file(file) {
        Ok((_, parsed)) if parsed.errors.is_empty() => {
            let mut out = dump::dump(&parsed.module);
            out.push('\n');
            let _ = std::io::stdout().write_all(out.as_bytes());
            0
        }
        Ok((source, parsed)) => report(&source, &parsed),
        Err(code) => code,
    }
}

fn run_program(input: Input, args: Vec<OsString>) -> i32 {
    let script = match &input {
        Input::File(f) => Some(f.clone()),
        _ => None,
    };
    let loaded = match input {
        Input::File(file) => load_file(&file),
        Input::Code(code) => Ok(parse_text("<string>", code.as_encoded_bytes())),
        Input::Stdin => {
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => Ok(parse_text("<stdin>", &bytes)),
                Err(e) => {
                    eprintln!("pyish: can't read <stdin>: {}", strerror(&e));
                    Err(2)
                }
            }
        }
    };
    match loaded {
        Ok((source, parsed)) if parsed.errors.is_empty() => run_source(source, script, args),
        Ok((source, parsed)) => report(&source, &parsed),
        Err(code) => code,
    }
}

/// Runs a parsed program on a thread with a large stack (deep recursion then ends in
/// `RecursionError`, never a native stack overflow).
fn run_source(source: Source, script: Option<OsString>, args: Vec<OsString>) -> i32 {
    let worker = std::thread::Builder::new().stack_size(1 << 30).spawn(move || {
        let mut interp = crate::interpreter::Interpreter::new();
        // Ctrl-C sets the flag; the interpreter raises KeyboardInterrupt (or runs the
        // handler asyncio.run installs) at the next instruction boundary.
        if !sigint_ignored() {
            let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, interp.interrupted.clone());
        }
        let name = match &script {
            Some(path) => std::path::absolute(path).map_or_else(|_| source.name.clone(), |p| p.display().to_string()),
            None => source.name.clone(),
        };
        let argv0 = source.name.clone();
        interp.argv = std::iter::once(argv0).chain(args.iter().map(|a| a.to_string_lossy().into_owned())).collect();
        if let Some(path) = script {
            interp.script_dir = Path::new(&path)
                .parent()
                .map(|p| if p.as_os_str().is_empty() { Path::new(".").to_path_buf() } else { p.to_path_buf() });
        }
        let code = interp.run_main(&name, &source.text);
        (code, interp.ended_by_interrupt)
    });
    match worker.map(|w| w.join()) {
        Ok(Ok((_, true))) => {
            // Like CPython: after the traceback, die of SIGINT so the parent (a
            // shell, make) sees the interrupt, not an ordinary exit status.
            let _ = std::io::stdout().flush();
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGINT);
            130
        }
        Ok(Ok((code, false))) => code,
        _ => {
            eprintln!("pyish: internal error");
            70
        }
    }
}

/// Adds the error of scope analysis (`global`/`nonlocal` misuse) to a parse without
/// errors. CPython reports these when compiling, before running anything, so `--check`
/// must too; the scope pass stays the one place that decides them (it needs the
/// bindings of every scope, which the syntax validator does not track).
fn scope_errors(parsed: &mut Parsed) {
    if parsed.errors.is_empty()
        && let Err(e) = crate::compile::scope::analyze(&parsed.module)
    {
        parsed.errors.push(e);
    }
}

/// Prints the diagnostics of a parse to stderr; 1 when there were errors.
fn report(source: &Source, parsed: &Parsed) -> i32 {
    if parsed.errors.is_empty() {
        return 0;
    }
    let text = diagnostics::render_syntax_errors(source, &parsed.errors, diagnostics::stderr_wants_colour());
    let _ = std::io::stderr().write_all(text.as_bytes());
    1
}

/// Reads and parses a file, or prints python3's "can't open file" message (exit 2).
fn load_file(file: &OsString) -> Result<(Source, Parsed), i32> {
    match std::fs::read(file) {
        Ok(bytes) => Ok(parse_text(&Path::new(file).display().to_string(), &bytes)),
        Err(e) => {
            let shown = std::path::absolute(file).unwrap_or_else(|_| file.into());
            eprintln!("pyish: can't open file '{}': {}", shown.display(), strerror(&e));
            Err(2)
        }
    }
}

fn parse_text(name: &str, bytes: &[u8]) -> (Source, Parsed) {
    let parsed = syntax::parse_bytes(bytes);
    let source = Source::new(name, String::from_utf8_lossy(bytes));
    (source, parsed)
}

/// `[Errno 2] No such file or directory`, as Python words an `OSError`.
fn strerror(e: &std::io::Error) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(n) => {
            let suffix = format!(" (os error {n})");
            format!("[Errno {n}] {}", text.strip_suffix(&suffix).unwrap_or(&text))
        }
        None => text,
    }
}

/// Whether SIGINT was ignored when pyish started (as for background jobs of a
/// non-interactive shell); CPython then leaves it ignored, and so does pyish.
fn sigint_ignored() -> bool {
    // SAFETY: a query only (null new action); `old` is a plain C struct that
    // `sigaction` fills in.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(lexopt::Parser::from_args(args.iter().copied())).map_err(|e| e.to_string())
    }

    #[test]
    fn arguments_after_the_program_belong_to_it() {
        let run = parse(&["f.pyish", "--check", "-x"]).unwrap();
        assert_eq!(run, Command::Run(Input::File("f.pyish".into()), vec!["--check".into(), "-x".into()]));
        let code = parse(&["-c", "pass", "a"]).unwrap();
        assert_eq!(code, Command::Run(Input::Code("pass".into()), vec!["a".into()]));
        assert_eq!(parse(&["-", "a"]).unwrap(), Command::Run(Input::Stdin, vec!["a".into()]));
        assert_eq!(parse(&["--check", "a", "b"]).unwrap(), Command::Check(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(parse(&["--frobnicate"]).is_err());
        assert!(parse(&["-c"]).is_err());
        assert!(parse(&["--dump-ast"]).is_err());
        assert!(parse(&["--dump-ast", "a", "b"]).is_err());
    }
}

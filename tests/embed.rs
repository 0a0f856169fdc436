//! The library API: interpreters are independent values, native functions are
//! registered the same way the builtins are, and errors cross the API boundary as
//! Python exceptions.

use pyish::builtins::native;
use pyish::interpreter::Interpreter;
use pyish::value::Value;

/// Runs `source` as a fresh module of `interp`; returns the value of global `name`.
fn run(interp: &mut Interpreter, source: &str, name: &str) -> Result<String, String> {
    let module = interp.new_module("__main__");
    let code = interp.compile(source, "<test>", &module).map_err(|e| format!("{e:?}"))?;
    interp.run_code(code, &module).map_err(|e| match interp.materialize(e).instance() {
        Ok(exc) => interp.exception_last_line(&exc),
        Err(other) => format!("{other:?}"),
    })?;
    let sym = interp.intern(name);
    let value = module.globals.borrow().get(sym).unwrap_or(Value::None);
    interp.repr(&value).map_err(|e| format!("{e:?}"))
}

#[test]
fn two_interpreters_do_not_interfere() {
    let mut a = Interpreter::new();
    let mut b = Interpreter::new();
    a.stdout = Box::new(std::io::sink());
    b.stdout = Box::new(std::io::sink());
    assert_eq!(run(&mut a, "import sys\nsys.setrecursionlimit(50)\nx = [1, 2]\n", "x").as_deref(), Ok("[1, 2]"));
    assert_eq!(run(&mut b, "x = 'other'\n", "x").as_deref(), Ok("'other'"));
    assert_eq!(a.recursion_limit, 50);
    assert_eq!(b.recursion_limit, 1000);
    let deep = "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nr = f(100)\n";
    assert_eq!(run(&mut a, deep, "r").as_deref(), Err(&"RecursionError: maximum recursion depth exceeded".to_string()));
    assert_eq!(run(&mut b, deep, "r").as_deref(), Ok("100"));
}

#[test]
fn native_functions_are_registered_per_interpreter() {
    let mut a = Interpreter::new();
    let mut b = Interpreter::new();
    let double = native("double", |interp, args, _| {
        let two = Value::Int(2);
        interp.binary(pyish::syntax::ast::BinOp::Mult, args.first().unwrap_or(&Value::None), &two)
    });
    let sym = a.intern("double");
    a.builtins.globals.borrow_mut().set(sym, double);
    assert_eq!(run(&mut a, "y = double(21)\n", "y").as_deref(), Ok("42"));
    assert_eq!(
        run(&mut b, "y = double(21)\n", "y").as_deref(),
        Err(&"NameError: name 'double' is not defined".to_string())
    );
    assert_eq!(
        run(&mut a, "y = double(None)\n", "y").as_deref(),
        Err(&"TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'".to_string())
    );
}

#[test]
fn instruction_budget_stops_runaway_programs() {
    let mut interp = Interpreter::new();
    interp.steps_left = 10_000;
    let result =
        run(&mut interp, "while True:\n    try:\n        pass\n    except BaseException:\n        pass\n", "x");
    assert!(result.is_err_and(|e| e.contains("budget")));
}

#[test]
fn hot_types_stay_small() {
    assert_eq!(std::mem::size_of::<Value>(), 16);
    assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
    assert!(std::mem::size_of::<pyish::value::Instance>() <= 64, "{}", std::mem::size_of::<pyish::value::Instance>());
    // A suspended coroutine is one allocation holding its frame: each word counts
    // against the memory per pending task.
    assert!(std::mem::size_of::<pyish::runtime::frame::Frame>() <= 80);
    assert!(std::mem::size_of::<pyish::runtime::coroutine::Coroutine>() <= 120);
}

#[test]
fn deep_recursion_on_a_small_thread_stack() {
    // An embedder's thread may have a small stack: Python calls move onto fresh
    // stack segments as needed, so the recursion limit is reached, never a native
    // stack overflow.
    let worker = std::thread::Builder::new().stack_size(256 * 1024).spawn(|| {
        let mut interp = Interpreter::new();
        let deep = "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nr = f(950)\n";
        let ok = run(&mut interp, deep, "r");
        let too_deep = run(&mut interp, "def g(n):\n    return g(n + 1)\ng(0)\n", "r");
        (ok, too_deep)
    });
    let (ok, too_deep) = worker.expect("spawn").join().expect("no panic");
    assert_eq!(ok.as_deref(), Ok("950"));
    assert_eq!(too_deep.as_deref(), Err(&"RecursionError: maximum recursion depth exceeded".to_string()));
}

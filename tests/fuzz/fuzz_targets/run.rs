//! Fuzz target: arbitrary programs run under an instruction budget must end in a
//! result or a Python exception — never a panic, abort or stack overflow. Modules
//! that block or touch the host (`time`, `sys`), `input` and `open` (which could write
//! files anywhere) are removed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyish::interpreter::Interpreter;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.to_owned();
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || {
        let mut interp = Interpreter::new();
        interp.stdout = Box::new(std::io::sink());
        interp.steps_left = 20_000;
        interp.module_loaders.remove("time");
        interp.module_loaders.remove("sys");
        for name in ["input", "open"] {
            let sym = interp.intern(name);
            interp.builtins.globals.borrow_mut().set(sym, pyish::value::Value::None);
        }
        let module = interp.new_module("__main__");
        if let Ok(code) = interp.compile(&text, "<fuzz>", &module) {
            if let Err(e) = interp.run_code(code, &module) {
                let _ = interp.materialize(e);
            }
        }
    });
    if let Ok(w) = worker {
        let _ = w.join().map_err(|_| panic!("interpreter thread panicked"));
    }
});

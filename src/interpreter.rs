//! The `Interpreter`: owns every piece of state (names, builtin types, modules,
//! recursion depth, handled exceptions, output). Two interpreters never share state.

use crate::compile;
use crate::intern::{Interner, Symbol};
use crate::runtime::PyResult;
use crate::runtime::exception::{ErrKind, ExcData, ExcKind, PyErr};
use crate::runtime::exec::{Flow, Resume};
use crate::runtime::frame::Frame;
use crate::source::Source;
use crate::syntax::SyntaxError;
use crate::value::{Class, Instance, Module, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

/// Creates a built-in module when it is first imported.
pub type ModuleLoader = Rc<dyn Fn(&mut Interpreter) -> PyResult<Value>>;

/// Names the evaluator needs constantly, interned once.
#[allow(missing_docs)]
pub struct Syms {
    pub init: Symbol,
    pub new: Symbol,
    pub call: Symbol,
    pub name: Symbol,
    pub qualname: Symbol,
    pub module: Symbol,
    pub doc: Symbol,
    pub enter: Symbol,
    pub exit: Symbol,
    pub repr: Symbol,
    pub str: Symbol,
    pub eq: Symbol,
    pub hash: Symbol,
    pub bool: Symbol,
    pub len: Symbol,
    /// `len` (the builtin's name; `len` above is `__len__`).
    pub len_name: Symbol,
    /// `isinstance`.
    pub isinstance_name: Symbol,
    pub iter: Symbol,
    pub next: Symbol,
    pub getattr: Symbol,
    pub contains: Symbol,
    pub getitem: Symbol,
    pub setitem: Symbol,
    pub delitem: Symbol,
    pub class: Symbol,
    pub dict: Symbol,
    pub args: Symbol,
    pub format: Symbol,
    pub await_: Symbol,
    pub append: Symbol,
    pub get: Symbol,
    pub keys: Symbol,
    pub items: Symbol,
    pub missing: Symbol,
}

impl Syms {
    fn new(i: &mut Interner) -> Syms {
        Syms {
            init: i.intern("__init__"),
            new: i.intern("__new__"),
            call: i.intern("__call__"),
            name: i.intern("__name__"),
            qualname: i.intern("__qualname__"),
            module: i.intern("__module__"),
            doc: i.intern("__doc__"),
            enter: i.intern("__enter__"),
            exit: i.intern("__exit__"),
            repr: i.intern("__repr__"),
            str: i.intern("__str__"),
            eq: i.intern("__eq__"),
            hash: i.intern("__hash__"),
            bool: i.intern("__bool__"),
            len: i.intern("__len__"),
            len_name: i.intern("len"),
            isinstance_name: i.intern("isinstance"),
            iter: i.intern("__iter__"),
            next: i.intern("__next__"),
            getattr: i.intern("__getattr__"),
            contains: i.intern("__contains__"),
            getitem: i.intern("__getitem__"),
            setitem: i.intern("__setitem__"),
            delitem: i.intern("__delitem__"),
            class: i.intern("__class__"),
            dict: i.intern("__dict__"),
            args: i.intern("args"),
            format: i.intern("__format__"),
            await_: i.intern("__await__"),
            append: i.intern("append"),
            get: i.intern("get"),
            keys: i.intern("keys"),
            items: i.intern("items"),
            missing: i.intern("__missing__"),
        }
    }
}

/// The interpreter.
pub struct Interpreter {
    /// Interned names.
    pub interner: Interner,
    /// Pre-interned names.
    pub syms: Syms,
    /// The builtin classes.
    pub types: crate::builtins::Types,
    /// The `builtins` module.
    pub builtins: Rc<Module>,
    /// An exception `except*` re-raises in a frame (by address, with the frame id):
    /// that frame adds no traceback entry or context to it, as CPython's re-raise.
    pub reraised_here: Option<(usize, u64)>,
    /// The slot in `builtins` of each symbol looked up there (`u32::MAX`: not known
    /// yet). Slots are never reused, so an entry stays right when a builtin is rebound.
    pub builtin_slots: Vec<u32>,
    /// The builtins `len` and `isinstance`, whose calls skip calling them while
    /// they are in place (see `runtime::builtin_calls`).
    pub specialised_builtins: [Option<Rc<crate::value::NativeFunction>>; 2],
    /// Imported modules by name.
    pub modules: HashMap<String, Value>,
    /// Source files by name (for tracebacks).
    pub sources: HashMap<Rc<str>, Rc<Source>>,
    /// Current Python call depth.
    pub depth: usize,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: usize,
    /// Exceptions being handled, innermost last (`sys.exc_info`, implicit chaining).
    pub handling: Vec<Value>,
    /// How much of `handling` lies below the generator or coroutine being resumed:
    /// an exception thrown into it chains only to what it handles itself.
    pub resumed_handling_base: usize,
    /// Where `print` writes by default.
    pub stdout: Box<dyn Write>,
    /// Instructions left before the run stops with [`PyErr::Limit`] (`u64::MAX`:
    /// no limit). Embedders and the fuzzer set it to bound untrusted programs.
    pub steps_left: u64,
    /// Containers whose repr is being built (a nested reference prints as `[...]`).
    pub repr_stack: Vec<usize>,
    /// Reusable locals vectors for calls.
    pub locals_pool: Vec<Vec<Value>>,
    /// Iterator objects of finished `for` loops, for the next loop to reuse (a loop
    /// over `range(n)` inside another loop would otherwise allocate one each time).
    pub loop_iter_pool: Vec<Rc<RefCell<crate::runtime::iter::PyIter>>>,
    /// The one-character ASCII strs, made on first use: iterating over a string or
    /// indexing it hands out these instead of allocating each character (CPython
    /// keeps such a table too).
    char_strs: Vec<Value>,
    /// Coroutines that `await` ran inline and that suspended, waiting for the
    /// driver to put them on its chain (see `runtime::inline_await`).
    pub inline_parked: Vec<Box<Frame>>,
    /// How many inline callees are running, nested.
    pub inline_nesting: u32,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// Folder of the main script (user modules are imported from there).
    pub script_dir: Option<std::path::PathBuf>,
    /// Classes of file objects returned by `open`, created on first use.
    pub file_classes: HashMap<Symbol, Value>,
    /// Built-in modules by name, created on first import.
    pub module_loaders: HashMap<String, ModuleLoader>,
    /// The event loop's poller, created when the loop first blocks.
    pub event_io: Option<crate::event_loop::EventIo>,
    /// `sys.set_asyncgen_hooks`: (firstiter, finalizer), `None` when unset.
    pub asyncgen_hooks: (Value, Value),
    /// Whether a `firstiter` hook has been called (an event loop may then hold
    /// async generators to finalize; until then its loop iterations skip that).
    pub asyncgens_hooked: bool,
    /// The current `contextvars.Context` (`None` until a variable is first set, or
    /// while a task that has not set one runs).
    pub context: Value,
    /// `contextvars.copy_context`, once `contextvars` is imported (tasks then copy
    /// the context that creates them; before, contexts are unobservable).
    pub copy_context: Value,
    /// What asyncio handed to its native accelerators (`None` until imported).
    pub accel: Option<Rc<crate::event_loop::Accel>>,
    /// Set (from a signal handler or another thread) to interrupt the program: the
    /// run loop then raises `KeyboardInterrupt`, or calls `sigint_handler`.
    pub interrupted: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// What an interrupt calls instead of raising (asyncio.run cancels its main task).
    pub sigint_handler: Value,
    /// Set when the program ended with an uncaught `KeyboardInterrupt` (the CLI then
    /// ends the process the way SIGINT does).
    pub ended_by_interrupt: bool,
    /// The object and name of the last failed attribute lookup: a report of an
    /// uncaught `AttributeError` suggests a close name from its `dir()`.
    pub last_missing_attr: std::cell::RefCell<Option<(Value, Symbol)>>,
    frame_counter: u64,
}

impl Default for Interpreter {
    fn default() -> Self {
        Interpreter::new()
    }
}

impl Interpreter {
    /// A fresh interpreter with the builtins installed, printing to stdout.
    pub fn new() -> Interpreter {
        let mut interner = Interner::default();
        let syms = Syms::new(&mut interner);
        let types = crate::builtins::Types::bootstrap(&mut interner);
        let mut interp = Interpreter {
            interner,
            syms,
            types,
            builtins: Module::new("builtins"),
            builtin_slots: Vec::new(),
            specialised_builtins: [None, None],
            reraised_here: None,
            modules: HashMap::new(),
            sources: HashMap::new(),
            depth: 0,
            recursion_limit: 1000,
            handling: Vec::new(),
            resumed_handling_base: 0,
            stdout: Box::new(std::io::BufWriter::new(std::io::stdout())),
            locals_pool: Vec::new(),
            loop_iter_pool: Vec::new(),
            char_strs: Vec::new(),
            inline_parked: Vec::new(),
            inline_nesting: 0,
            repr_stack: Vec::new(),
            steps_left: u64::MAX,
            argv: Vec::new(),
            script_dir: None,
            module_loaders: HashMap::new(),
            file_classes: HashMap::new(),
            event_io: None,
            asyncgen_hooks: (Value::None, Value::None),
            asyncgens_hooked: false,
            context: Value::None,
            copy_context: Value::None,
            accel: None,
            interrupted: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            sigint_handler: Value::None,
            ended_by_interrupt: false,
            last_missing_attr: Default::default(),
            frame_counter: 0,
        };
        crate::builtins::install(&mut interp);
        crate::modules::install(&mut interp);
        interp
    }

    /// Interns a name.
    pub fn intern(&mut self, name: &str) -> Symbol {
        self.interner.intern(name)
    }

    /// The text of a symbol.
    pub fn name(&self, s: Symbol) -> &str {
        self.interner.name(s)
    }

    /// Charges `n` steps of work done inside builtins against the budget, and
    /// refuses collections too large to allocate.
    pub fn tick(&mut self, n: u64) -> PyResult<()> {
        if self.steps_left <= n {
            self.steps_left = 1;
            return Err(PyErr::limit("instruction budget exhausted"));
        }
        self.steps_left -= n;
        Ok(())
    }

    /// A new unique frame id.
    #[inline]
    pub fn next_frame_id(&mut self) -> u64 {
        self.frame_counter += 1;
        self.frame_counter
    }

    /// The str of the one character `c`: shared for ASCII (see `char_strs`).
    pub fn char_str(&mut self, c: char) -> Value {
        if !c.is_ascii() {
            return Value::str(c.encode_utf8(&mut [0u8; 4]));
        }
        if self.char_strs.is_empty() {
            self.char_strs = (0..128u8).map(|b| Value::str(char::from(b).encode_utf8(&mut [0u8; 4]))).collect();
        }
        self.char_strs[c as usize].clone()
    }

    /// Flushes buffered output.
    pub fn flush(&mut self) {
        let _ = self.stdout.flush();
    }

    /// Compiles `text` as module `module` (syntax errors are returned, not raised).
    pub fn compile(
        &mut self,
        text: &str,
        filename: &str,
        module: &Rc<Module>,
    ) -> Result<Rc<compile::Code>, Vec<SyntaxError>> {
        let parsed = crate::syntax::parse_module(text);
        let source = Rc::new(Source::new(filename, text));
        self.sources.insert(filename.into(), source);
        if !parsed.errors.is_empty() {
            return Err(parsed.errors);
        }
        let mut globals = module.globals.borrow_mut();
        compile::compile_module(&parsed.module, filename, &mut self.interner, &mut globals).map_err(|e| vec![e])
    }

    /// Runs compiled module code in `module`.
    pub fn run_code(&mut self, code: Rc<compile::Code>, module: &Rc<Module>) -> PyResult<Value> {
        let id = self.next_frame_id();
        let mut frame = Frame::new(code, module.clone(), Vec::new(), &[], id);
        match self.run_frame(&mut frame, Resume::Send(Value::None))? {
            Flow::Return(v) | Flow::Yield(v) | Flow::Suspend(v) => Ok(v),
            Flow::Await(_) => Ok(Value::None),
        }
    }

    /// A module named `name` with `__name__` set.
    pub fn new_module(&mut self, name: &str) -> Rc<Module> {
        let module = Module::new(name);
        let sym = self.syms.name;
        module.globals.borrow_mut().set(sym, Value::str(name));
        module
    }

    /// Turns a lazily-described error into an exception instance.
    pub fn materialize(&mut self, err: PyErr) -> PyErr {
        match err.into_kind() {
            ErrKind::Lazy(kind, message) => {
                let no_args =
                    matches!(kind, ExcKind::StopIteration | ExcKind::StopAsyncIteration | ExcKind::MemoryError);
                let args = if message.is_empty() && no_args { vec![] } else { vec![Value::string(message)] };
                PyErr::raised(self.new_exception(kind, args))
            }
            other => PyErr::from(other),
        }
    }

    /// A new instance of a builtin exception class, with implicit context.
    pub fn new_exception(&mut self, kind: ExcKind, args: Vec<Value>) -> Rc<Instance> {
        let class = self.types.exception(kind);
        self.instantiate_exception(class, args)
    }

    /// A new exception instance of `class` (a `BaseException` subclass).
    pub fn instantiate_exception(&mut self, class: Rc<Class>, args: Vec<Value>) -> Rc<Instance> {
        let data = ExcData { args, ..ExcData::default() };
        Rc::new(Instance {
            class,
            attrs: RefCell::new(Default::default()),
            payload: Some(Box::new(crate::value::Payload::Exc(RefCell::new(data)))),
        })
    }
}

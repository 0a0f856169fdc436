//! Exceptions: the builtin hierarchy, the error type threaded through the
//! evaluator, and the data an exception instance carries.

use crate::compile::Code;
use crate::source::Span;
use crate::value::{Instance, Value};
use std::rc::Rc;

macro_rules! exc_kinds {
    ($($name:ident : $parent:ident),* $(,)?) => {
        /// The builtin exception classes.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        #[allow(missing_docs)]
        pub enum ExcKind { BaseException, $($name),* }

        impl ExcKind {
            /// Every kind, parents before children.
            pub const ALL: &'static [ExcKind] = &[ExcKind::BaseException, $(ExcKind::$name),*];

            /// The Python class name.
            pub fn name(self) -> &'static str {
                match self { ExcKind::BaseException => "BaseException", $(ExcKind::$name => stringify!($name)),* }
            }

            /// The direct base class.
            pub fn parent(self) -> Option<ExcKind> {
                match self { ExcKind::BaseException => None, $(ExcKind::$name => Some(ExcKind::$parent)),* }
            }
        }
    };
}

exc_kinds! {
    SystemExit: BaseException, KeyboardInterrupt: BaseException, GeneratorExit: BaseException,
    CancelledError: BaseException, BaseExceptionGroup: BaseException,
    Exception: BaseException, ExceptionGroup: Exception, StopIteration: Exception, StopAsyncIteration: Exception,
    ArithmeticError: Exception, FloatingPointError: ArithmeticError, OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError, AssertionError: Exception, AttributeError: Exception,
    BufferError: Exception, EOFError: Exception, ImportError: Exception, ModuleNotFoundError: ImportError,
    LookupError: Exception, IndexError: LookupError, KeyError: LookupError, MemoryError: Exception,
    NameError: Exception, UnboundLocalError: NameError, OSError: Exception, BlockingIOError: OSError,
    ChildProcessError: OSError, ConnectionError: OSError, BrokenPipeError: ConnectionError,
    ConnectionAbortedError: ConnectionError, ConnectionRefusedError: ConnectionError,
    ConnectionResetError: ConnectionError, FileExistsError: OSError, FileNotFoundError: OSError,
    InterruptedError: OSError, IsADirectoryError: OSError, NotADirectoryError: OSError,
    PermissionError: OSError, ProcessLookupError: OSError, TimeoutError: OSError, ReferenceError: Exception,
    RuntimeError: Exception, NotImplementedError: RuntimeError, RecursionError: RuntimeError,
    SyntaxError: Exception, IndentationError: SyntaxError, TabError: IndentationError, SystemError: Exception,
    TypeError: Exception, ValueError: Exception, UnicodeError: ValueError, UnicodeDecodeError: UnicodeError,
    UnicodeEncodeError: UnicodeError, Warning: Exception, DeprecationWarning: Warning,
    RuntimeWarning: Warning, UserWarning: Warning, InvalidStateError: Exception,
    SyntaxWarning: Warning, FutureWarning: Warning, ImportWarning: Warning,
    PendingDeprecationWarning: Warning, ResourceWarning: Warning, BytesWarning: Warning,
    UnicodeWarning: Warning, EncodingWarning: Warning,
}

/// One traceback entry: the code and the span of the instruction that was running.
#[derive(Clone)]
pub struct TraceEntry {
    /// The code object (file name, function name).
    pub code: Rc<Code>,
    /// The failing instruction.
    pub span: Span,
    /// The frame's id (each frame appears once).
    pub frame: u64,
}

/// What an exception instance carries besides its attributes.
#[derive(Clone, Default)]
pub struct ExcData {
    /// `args`.
    pub args: Vec<Value>,
    /// `__cause__` (`None` when unset).
    pub cause: Option<Value>,
    /// `__context__`.
    pub context: Option<Value>,
    /// `__suppress_context__`.
    pub suppress_context: bool,
    /// Frames the exception passed through, outermost first once complete.
    pub traceback: Vec<TraceEntry>,
}

/// A raised exception on its way up the stack: one pointer, so that `PyResult<Value>`
/// is 16 bytes and comes back in registers on the hot paths.
pub struct PyErr(Box<ErrKind>);

/// What a [`PyErr`] holds.
pub enum ErrKind {
    /// Raised by Rust code; becomes an instance of the builtin class when caught or
    /// reported (cheap to create where no interpreter is at hand).
    Lazy(ExcKind, String),
    /// An exception instance.
    Raised(Rc<Instance>),
    /// A resource limit set by the embedder (instruction budget) was exhausted;
    /// no `except` clause can catch it.
    Limit(Box<str>),
}

impl From<ErrKind> for PyErr {
    fn from(kind: ErrKind) -> PyErr {
        PyErr(Box::new(kind))
    }
}

impl PyErr {
    /// A builtin exception with a message.
    pub fn new(kind: ExcKind, message: impl Into<String>) -> PyErr {
        PyErr(Box::new(ErrKind::Lazy(kind, message.into())))
    }

    /// An exception instance being raised.
    pub fn raised(instance: Rc<Instance>) -> PyErr {
        PyErr(Box::new(ErrKind::Raised(instance)))
    }

    /// An exhausted resource limit.
    pub fn limit(what: impl Into<Box<str>>) -> PyErr {
        PyErr(Box::new(ErrKind::Limit(what.into())))
    }

    /// What the error holds.
    pub fn kind(&self) -> &ErrKind {
        &self.0
    }

    /// What the error holds, by value.
    pub fn into_kind(self) -> ErrKind {
        *self.0
    }

    /// The exception instance, or the error itself when it is not (yet) one.
    pub fn instance(self) -> Result<Rc<Instance>, PyErr> {
        match *self.0 {
            ErrKind::Raised(i) => Ok(i),
            other => Err(PyErr::from(other)),
        }
    }

    /// Whether this is an exhausted resource limit (never catchable).
    pub fn is_limit(&self) -> bool {
        matches!(*self.0, ErrKind::Limit(_))
    }

    /// `TypeError(message)`.
    pub fn type_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, message)
    }

    /// `ValueError(message)`.
    pub fn value_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ValueError, message)
    }

    /// `IndexError(message)`.
    pub fn index_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::IndexError, message)
    }

    /// `AttributeError(message)`.
    pub fn attribute_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::AttributeError, message)
    }

    /// `ZeroDivisionError(message)`.
    pub fn zero_division(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ZeroDivisionError, message)
    }

    /// `OverflowError(message)`.
    pub fn overflow(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::OverflowError, message)
    }

    /// Whether this is a lazily-built error of exactly `kind` (fast checks for
    /// `StopIteration` and friends without materialising).
    pub fn is_lazy(&self, kind: ExcKind) -> bool {
        matches!(&*self.0, ErrKind::Lazy(k, _) if *k == kind)
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.0 {
            ErrKind::Lazy(kind, message) => write!(f, "{}: {message}", kind.name()),
            ErrKind::Raised(i) => write!(f, "{} instance", i.class.name),
            ErrKind::Limit(what) => write!(f, "limit: {what}"),
        }
    }
}

//! What the accelerated asyncio functions accept. Each replaces a CPython function
//! that rejects unknown keywords and extra arguments (`gather(...,
//! return_exception=True)` is a `TypeError` there, not a silent default), so the
//! same checks run before each body, worded as CPython words them: its C-coded
//! `Future` and `Task` one way, its Python-coded loop and module functions another.

use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::PyErr;
use crate::value::Value;

/// What a function accepts besides its receiver.
#[derive(Clone, Copy)]
pub struct Accepts {
    /// The name in messages.
    pub label: &'static str,
    /// Fewest positional arguments after the receiver.
    pub least: usize,
    /// Most positional arguments after the receiver (`None`: any number).
    pub most: Option<usize>,
    /// The keyword arguments it takes (`None`: any; the function checks them).
    pub keywords: Option<&'static [&'static str]>,
    /// Worded as CPython's C functions are (else as its Python ones).
    pub c_style: bool,
    /// Whether the function is a method (its first argument is the receiver).
    pub method: bool,
}

impl Accepts {
    /// No checks: internal helpers called only by pyish's own asyncio code.
    pub const ANY: Accepts = Accepts::py("", false, None, None);

    /// A C method of `Future`/`Task` taking `least..=most` positional arguments
    /// after its receiver, and these keywords.
    pub const fn c_method(
        label: &'static str,
        least: usize,
        most: usize,
        keywords: &'static [&'static str],
    ) -> Accepts {
        Accepts { label, least, most: Some(most), keywords: Some(keywords), c_style: true, method: true }
    }

    /// A Python function (or method) taking `most` positional arguments (any
    /// number with `None`) and these keywords (any with `None`).
    pub const fn py(
        label: &'static str,
        method: bool,
        most: Option<usize>,
        keywords: Option<&'static [&'static str]>,
    ) -> Accepts {
        Accepts { label, least: 0, most, keywords, c_style: false, method }
    }

    /// Checks a call's arguments (`args` includes the receiver of a method).
    #[inline(always)]
    pub fn check(&self, interp: &Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<()> {
        let given = args.len().wrapping_sub(usize::from(self.method));
        if kwargs.is_empty() && given >= self.least && self.most.is_none_or(|m| given <= m) {
            return Ok(());
        }
        self.check_slow(interp, args, kwargs)
    }

    /// [`Accepts::check`] of a call with keywords or a miscount.
    #[cold]
    #[inline(never)]
    fn check_slow(&self, interp: &Interpreter, args: &[Value], kwargs: &[(Symbol, Value)]) -> PyResult<()> {
        if let Some(allowed) = self.keywords {
            if self.c_style && self.most == Some(1) && allowed.len() == 1 && kwargs.len() > 1 {
                let n = kwargs.len();
                return Err(PyErr::type_error(format!(
                    "{}() takes at most 1 keyword argument ({n} given)",
                    self.label
                )));
            }
            for (k, _) in kwargs {
                let name = interp.interner.name(*k);
                if !allowed.contains(&name) {
                    return Err(PyErr::type_error(if self.c_style {
                        format!("'{name}' is an invalid keyword argument for {}()", self.label)
                    } else {
                        format!("{}() got an unexpected keyword argument '{name}'", self.label)
                    }));
                }
            }
        }
        let given = args.len() - usize::from(self.method && !args.is_empty());
        match self.most {
            Some(most) if given > most || given < self.least => Err(PyErr::type_error(self.miscount(most, given))),
            _ => Ok(()),
        }
    }

    /// CPython's message for `given` positional arguments where at most `most`
    /// are taken.
    fn miscount(&self, most: usize, given: usize) -> String {
        let label = self.label;
        if !self.c_style {
            let (most, given) = (most + usize::from(self.method), given + usize::from(self.method));
            let s = if most == 1 { "" } else { "s" };
            let were = if given == 1 { "was" } else { "were" };
            return format!("{label}() takes {most} positional argument{s} but {given} {were} given");
        }
        match most {
            0 => format!("{label}() takes no arguments ({given} given)"),
            1 if self.least == 1 => format!("{label}() takes exactly one argument ({given} given)"),
            _ => format!("{label}() takes at most {most} argument{} ({given} given)", if most == 1 { "" } else { "s" }),
        }
    }
}

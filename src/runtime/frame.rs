//! Frames: the locals, cells and position of one running code object. A frame is a
//! plain value, so a generator can keep it on the heap between resumptions.

use crate::compile::Code;
use crate::intern::AttrMap;
use crate::value::{Cell, Module, Value};
use std::cell::RefCell;
use std::rc::Rc;
use thin_vec::ThinVec;

/// A runtime block: an active exception handler or an exception being handled.
#[derive(Clone, Copy, Debug)]
pub enum RBlock {
    /// A protected region: on an exception, jump to this pc.
    Handler(u32),
    /// Inside a handler; the interpreter's handled-exception stack had this depth before.
    Handling(u32),
}

/// One activation of a code object.
pub struct Frame {
    /// The code being run.
    pub code: Rc<Code>,
    /// Local slots.
    pub locals: Vec<Value>,
    /// Free variables, then own cells (a thin vector: one pointer, no allocation
    /// when empty, as for most frames).
    pub cells: ThinVec<Rc<Cell>>,
    /// The module whose globals the code reads.
    pub globals: Rc<Module>,
    /// Index of the next instruction.
    pub pc: usize,
    /// Active handlers (a thin vector: a suspended coroutine keeps its frame, and
    /// with it this, for as long as it waits).
    pub blocks: ThinVec<RBlock>,
    /// A unique id (tracebacks list each frame once).
    pub id: u64,
    /// What few frames need: a class body's namespace, a value sent into a frame
    /// suspended in `yield from`/`await` (boxed, so every other frame, and every
    /// suspended coroutine, is two words smaller).
    pub extra: Option<Box<FrameExtra>>,
}

/// The rarely used parts of a [`Frame`].
#[derive(Default)]
pub struct FrameExtra {
    /// The namespace of a class body.
    pub namespace: Option<Rc<RefCell<AttrMap<Value>>>>,
    /// The value sent into a frame suspended in `yield from` (passed on to the
    /// sub-iterator when the instruction runs again).
    pub sent: Value,
}

impl Frame {
    /// Moves the handled-exception depths its blocks recorded from a stack of
    /// `old_base` entries below to one of `base` (a suspended generator or
    /// coroutine resumed from somewhere else).
    pub fn rebase_handling(&mut self, old_base: usize, base: usize) {
        if old_base == base {
            return;
        }
        for b in &mut self.blocks {
            if let RBlock::Handling(d) = b {
                *d = d.saturating_sub(old_base as u32).saturating_add(base as u32);
            }
        }
    }

    /// A frame for `code` with `locals` already holding the arguments.
    #[inline(always)]
    pub fn new(code: Rc<Code>, globals: Rc<Module>, mut locals: Vec<Value>, closure: &[Rc<Cell>], id: u64) -> Frame {
        if locals.len() != code.nlocals as usize {
            locals.resize(code.nlocals as usize, Value::Unbound);
        }
        let cells = if code.cell_names.is_empty() { ThinVec::new() } else { make_cells(&code, &locals, closure) };
        Frame { code, locals, cells, globals, pc: 0, blocks: ThinVec::new(), id, extra: None }
    }

    /// The namespace of a class body.
    #[inline]
    pub fn namespace(&self) -> Option<&Rc<RefCell<AttrMap<Value>>>> {
        self.extra.as_ref().and_then(|e| e.namespace.as_ref())
    }

    /// Makes the frame run a class body in `namespace`.
    pub fn set_namespace(&mut self, namespace: Rc<RefCell<AttrMap<Value>>>) {
        self.extra.get_or_insert_with(Box::default).namespace = Some(namespace);
    }

    /// Takes the value sent into a frame suspended in `yield from`/`await`.
    #[inline]
    pub fn take_sent(&mut self) -> Value {
        match &mut self.extra {
            Some(e) => std::mem::replace(&mut e.sent, Value::None),
            None => Value::None,
        }
    }

    /// Keeps the value sent into a frame suspended in `yield from`/`await` (`None`,
    /// the usual one, needs no room).
    #[inline]
    pub fn set_sent(&mut self, value: Value) {
        if matches!(value, Value::None) && self.extra.is_none() {
            return;
        }
        self.extra.get_or_insert_with(Box::default).sent = value;
    }
}

/// Pushes onto a thin vector that starts with room for exactly one item (thin_vec's
/// first allocation has room for four): suspended coroutines keep their handler
/// blocks and await chains, nearly always one deep, for as long as they wait.
pub fn push_small<T>(items: &mut ThinVec<T>, item: T) {
    if items.capacity() == 0 {
        items.reserve_exact(1);
    }
    items.push(item);
}

/// The cells of a new frame: the closure's, then fresh ones (parameters that are
/// captured start with the argument's value).
#[inline(never)]
fn make_cells(code: &Code, locals: &[Value], closure: &[Rc<Cell>]) -> ThinVec<Rc<Cell>> {
    let mut cells = ThinVec::with_capacity(code.cell_names.len());
    cells.extend(closure.iter().cloned());
    while cells.len() < code.cell_names.len() {
        cells.push(Cell::new(Value::Unbound));
    }
    for &(cell, local) in &code.cell_params {
        if let (Some(c), Some(v)) = (cells.get(cell as usize), locals.get(local as usize)) {
            *c.0.borrow_mut() = v.clone();
        }
    }
    cells
}

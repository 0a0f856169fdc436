//! Frames: the locals, cells and position of one running code object. A frame is a
//! plain value, so a generator can keep it on the heap between resumptions.

use crate::compile::Code;
use crate::intern::AttrMap;
use crate::value::{Cell, Module, Value};
use std::cell::RefCell;
use std::mem::ManuallyDrop;
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
    /// The namespace of a class body.
    pub namespace: Option<Rc<RefCell<AttrMap<Value>>>>,
    /// A unique id (tracebacks list each frame once).
    pub id: u64,
    /// The value sent into a frame suspended in `yield from` (passed on to the
    /// sub-iterator when the instruction runs again). Dropped by hand (see the
    /// `Drop` impl): it is almost always `None`, and the check inline is cheaper than
    /// the drop glue for every frame.
    pub sent: ManuallyDrop<Value>,
}

impl Drop for Frame {
    fn drop(&mut self) {
        std::mem::replace(&mut *self.sent, Value::None).discard();
    }
}

impl Frame {
    /// A frame for `code` with `locals` already holding the arguments.
    #[inline(always)]
    pub fn new(code: Rc<Code>, globals: Rc<Module>, mut locals: Vec<Value>, closure: &[Rc<Cell>], id: u64) -> Frame {
        if locals.len() != code.nlocals as usize {
            locals.resize(code.nlocals as usize, Value::Unbound);
        }
        let cells = if code.cell_names.is_empty() { ThinVec::new() } else { make_cells(&code, &locals, closure) };
        Frame {
            code,
            locals,
            cells,
            globals,
            pc: 0,
            blocks: ThinVec::new(),
            namespace: None,
            id,
            sent: ManuallyDrop::new(Value::None),
        }
    }
}

/// The cells of a new frame: the closure's, then fresh ones (parameters that are
/// captured start with the argument's value).
#[inline(never)]
/// Pushes onto a thin vector that starts with room for exactly one item (thin_vec's
/// first allocation has room for four): suspended coroutines keep their handler
/// blocks and await chains, nearly always one deep, for as long as they wait.
pub fn push_small<T>(items: &mut ThinVec<T>, item: T) {
    if items.capacity() == 0 {
        items.reserve_exact(1);
    }
    items.push(item);
}

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

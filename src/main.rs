//! The `pyish` command: a thin wrapper over [`pyish::cli`].
//!
//! The system allocator is used: mimalloc was tried and measured slower in wall time
//! on the shared benchmarks (objects 2.20 s vs 2.09 s, strings_dicts 1.63 s vs 1.56 s)
//! despite executing fewer instructions.

fn main() {
    std::process::exit(pyish::cli::main());
}

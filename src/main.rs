//! The `pyish` command: a thin wrapper over [`pyish::cli`].

/// mimalloc: the interpreter allocates many small short-lived objects, where it beats
/// the system allocator (measured on the shared benchmarks).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(pyish::cli::main());
}

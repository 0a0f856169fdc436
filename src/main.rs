//! The `pyish` command: a thin wrapper over [`pyish::cli`].

fn main() {
    std::process::exit(pyish::cli::main());
}

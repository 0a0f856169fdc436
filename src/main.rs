//! The `pyish` command: a thin wrapper over [`pyish::cli`].
//!
//! The system allocator is used: mimalloc was tried and measured slower in wall time
//! on the shared benchmarks (objects 2.20 s vs 2.09 s, strings_dicts 1.63 s vs 1.56 s)
//! despite executing fewer instructions. glibc's malloc is tuned instead (see
//! [`tune_malloc`]).

fn main() {
    tune_malloc();
    std::process::exit(pyish::cli::main());
}

/// Makes glibc's malloc grow its heap in large steps and keep what it has: the
/// program runs on a worker thread, whose own arena grew its heap a few pages at a
/// time with one `mprotect` call each (88,000 calls in `pending_memory`, 3,000 in
/// `strings_dicts`). With one arena the worker allocates from the main heap, which
/// grows in 16 MiB steps and is trimmed only above 64 MiB of free memory at the top;
/// blocks up to 32 MiB come from the heap rather than from a fresh `mmap` each time.
/// Fastbins are off (`M_MXFAST` 0): a freed small block then merges with its free
/// neighbours and can be split for a request of another size, where a fastbin keeps
/// it for its own size only. When the tasks of `pending_memory` finish, the memory
/// of their futures (80- and 128-byte blocks) then serves the 64-byte tuples of the
/// callbacks scheduled meanwhile instead of the heap growing by several MB (18 to
/// 40 bytes a task); per-thread caches still serve the hot sizes, and the
/// benchmarks ran no slower (strings_dicts 0.62 s against 0.64, objects 0.68
/// against 0.71).
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any other thread
    // exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_MXFAST, 0);
    }
}

//! `libclosceval.a`: the runtime and the compiler in one static library,
//! for executables that compile at run time (`eval`, `environment`,
//! `interaction-environment`, `load`).
//!
//! In: the program's `closc_entry`, from the `main` that `closc build`
//! generates (`src/driver/aot.rs`), which calls `closc_eval_main` instead of
//! `closc_rt_main` for such programs. Out: the program run as by
//! `closc_rt_main`, with the compiler's hooks installed first (libraries
//! are found on `CLOSC_LIBRARY_PATH`, then among the bundled ones).
//! Programs that name none of those procedures link `libcloscrt.a` alone
//! and stay small.

use closcrt::memory::value::Value;

/// `closc_rt_main` with `eval` and its friends available.
#[no_mangle]
pub extern "C" fn closc_eval_main(
    argc: i32,
    argv: *const *const std::os::raw::c_char,
    entry: extern "C" fn() -> Value,
) -> i32 {
    let search = closc::libraries::SearchPath::new(Vec::new(), Vec::new());
    closc::eval::install(search, "speed");
    closcrt::control::run::closc_rt_main(argc, argv, entry)
}

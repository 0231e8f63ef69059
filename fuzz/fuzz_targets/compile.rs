//! The front end and codegen (`closc build --emit obj`, in memory): any
//! program the front end accepts compiles to an object file; never a panic
//! (Cranelift's included). Nothing runs: arbitrary programs may loop, exit
//! or write files; running is the `run` target's, on generated programs.
#![no_main]

mod common;

use closc::pipeline::{compile, Compiled, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(file) = common::expandable(data) else {
        return;
    };
    let out = compile(std::slice::from_ref(&file), Options::default());
    if let Ok(Compiled::Program(program)) = out.result {
        if let Err(e) = closc::driver::aot::compile_object(&program, "speed") {
            panic!("codegen failed on a program the front end accepted: {e}");
        }
    }
});

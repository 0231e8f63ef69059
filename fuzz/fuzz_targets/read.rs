//! The reader: any text either reads to datums or is one clean
//! `CompileError`, which renders with its position; never a panic.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(file) = common::source(data) else {
        return;
    };
    match closc::reader::read_program(&file) {
        Ok(datums) => {
            // Printing a datum is what `--dump-after=read` and messages do.
            for d in &datums {
                let _ = d.to_string();
            }
        }
        Err(e) => {
            let _ = closc::diagnostics::render(&file, &e, false);
        }
    }
});

//! The whole front end, as `closc check` runs it (every stage before
//! codegen): a program or errors with positions; never a panic.
#![no_main]

mod common;

use closc::pipeline::{compile, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(file) = common::expandable(data) else {
        return;
    };
    let mut out = compile(std::slice::from_ref(&file), Options::default());
    let sources = std::mem::take(&mut out.sources);
    common::render(&sources, out.result.err().unwrap_or_default(), out.warnings);
});

//! The reader and the expander (`--dump-after=expand`): Core AST or
//! errors with positions; never a panic.
#![no_main]

mod common;

use closc::libraries::SearchPath;
use closc::pipeline::run_until;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(file) = common::expandable(data) else {
        return;
    };
    let (result, warnings, sources) = run_until(
        std::slice::from_ref(&file),
        Some("expand"),
        None,
        SearchPath::default(),
    );
    common::render(&sources, result.err().unwrap_or_default(), warnings);
});

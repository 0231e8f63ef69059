//! Drivers: turn a compiled program into something that runs.
//!
//! They run the pipeline's last stage, codegen (`crate::pipeline::STAGES`),
//! each with its own Cranelift module:
//! `jit` hands codegen a `JITModule` and calls the entry in-process; `aot` hands
//! it an `ObjectModule`, writes the object file and links it with the runtime
//! static library. Both build the same target ISA through `isa()`. `output`
//! writes what a build produces atomically (temporary file, then rename)
//! and removes its temporary files on every exit path, signals included.

pub mod aot;
pub mod jit;
pub mod output;

use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};

/// The native ISA with the flags closc's calling convention needs: the tail
/// convention requires frame pointers on x86-64, and frame pointers are also how
/// the collector walks Scheme frames.
pub fn isa(pic: bool, opt_level: &str) -> Result<OwnedTargetIsa, String> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| {
        f.set(k, v)
            .map_err(|e| format!("cranelift flag {k}={v}: {e}"))
    };
    set(&mut flags, "preserve_frame_pointers", "true")?;
    set(&mut flags, "is_pic", if pic { "true" } else { "false" })?;
    set(&mut flags, "opt_level", opt_level)?;
    set(&mut flags, "use_colocated_libcalls", "false")?;
    set(&mut flags, "enable_pinned_reg", "true")?;
    // The IR verifier runs in debug builds (and so in the test suite); in
    // release it was a measurable part of `closc run` start-up.
    set(
        &mut flags,
        "enable_verifier",
        if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        },
    )?;
    let isa_builder = cranelift_native::builder().map_err(|e| format!("unsupported host: {e}"))?;
    isa_builder
        .finish(settings::Flags::new(flags))
        .map_err(|e| e.to_string())
}

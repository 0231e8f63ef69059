//! Memory: the value layout (`value`), single-threaded globals (`global`),
//! allocation and object constructors (`heap`), strings (`strings`), the generational collector
//! (`gc`) and the walk over compiled frames (`frames`).
//!
//! May use: `error`. Everything else may use it.

pub mod foreign_frames;
pub mod frames;
pub mod gc;
pub mod global;
pub mod heap;
pub mod strings;
pub mod value;

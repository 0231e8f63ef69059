//! The C callbacks running now (`(closc ffi)`'s `foreign-callback`), as
//! the collector's frame walk and continuations need to know them.
//!
//! In: each callback entry pushes its own frame pointer and the frame
//! pointer of the foreign-call trampoline that called into C (saved from
//! `closc_heap_state.last_fp`), and pops them when it returns to C. Out:
//! for the walk, where Scheme frames continue past the C frames of a
//! callback (`resume_after`); for continuations, whether any callback runs
//! (`depth`: a continuation may not cross C frames).
//!
//! Invariant: the records are innermost last, and a record's frames are
//! live exactly while it is on the stack (no continuation crosses a C
//! frame, so callbacks return in order). Uses nothing else in the crate
//! but `Global`.

use super::global::Global;

/// `(callback entry frame pointer, foreign-call trampoline frame pointer)`,
/// innermost last.
static RECORDS: Global<Vec<(u64, u64)>> = Global::new(Vec::new());

/// A callback entry with frame `entry_fp` starts; the C code that called
/// it was called from the trampoline frame `caller_fp`.
pub fn push(entry_fp: u64, caller_fp: u64) {
    RECORDS.with(|r| r.push((entry_fp, caller_fp)));
}

/// The innermost callback returns to C: the trampoline frame pointer it
/// saved (what `last_fp` was when C called it).
pub fn pop() -> u64 {
    RECORDS.with(|r| r.pop().map_or(0, |(_, caller)| caller))
}

/// How many callbacks are running.
pub fn depth() -> usize {
    RECORDS.with(|r| r.len())
}

/// The frame walk reached frame `fp`, whose return address is not in
/// compiled code: if `fp` is a callback entry's frame, the trampoline
/// frame from which the walk goes on below the C frames.
pub fn resume_after(fp: u64) -> Option<u64> {
    RECORDS.with(|r| {
        r.iter()
            .rev()
            .find(|&&(entry, _)| entry == fp)
            .map(|&(_, caller)| caller & !1)
    })
}

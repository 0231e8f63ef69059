//! C callbacks (`foreign-callback`): which Scheme procedure each generated
//! entry stub calls, and the entry and exit of a callback.
//!
//! Codegen makes, per callback signature, `STUBS_PER_SIGNATURE` C functions
//! (the stubs: distinct addresses, one per live callback) and a table of
//! their addresses; `closc_rt_ffi_callback` hands out a free stub of that
//! table for a procedure (the same stub again for the same procedure) and
//! keeps the procedure in a root slot, for ever: a program makes few
//! callbacks, and C may keep a function pointer as long as it likes.
//!
//! A stub's entry reads the foreign-call trampoline's frame from
//! `last_fp` and enters with `closc_rt_ffi_callback_enter`, which records
//! it (`memory::foreign_frames`) so the collector's walk continues below the
//! C frames; a foreign call that passed a bytevector cannot call back (the
//! collector could move the bytes C holds: its trampoline marks `last_fp`
//! odd), and neither can C code not called by a foreign call.

use crate::control::exceptions::raise_error;
use crate::memory::foreign_frames;
use crate::memory::global::Global;
use crate::memory::value::*;

/// The most callbacks of one signature at once.
pub const STUBS_PER_SIGNATURE: usize = 16;
/// The most callbacks of all signatures.
const MAX_CALLBACKS: usize = 1024;

struct Callbacks {
    /// Root slots holding the procedures (registered with the collector).
    procs: *mut [Value; MAX_CALLBACKS],
    /// `(stub table address, stub index)` of each used slot, by slot.
    owners: Vec<(u64, u64)>,
}

static CALLBACKS: Global<Option<Callbacks>> = Global::new(None);

fn with_callbacks<R>(f: impl FnOnce(&mut Callbacks) -> R) -> R {
    CALLBACKS.with(|c| {
        let c = c.get_or_insert_with(|| {
            let procs = Box::into_raw(Box::new([FALSE; MAX_CALLBACKS]));
            crate::memory::gc::register_roots(procs as usize, MAX_CALLBACKS);
            Callbacks {
                procs,
                owners: Vec::new(),
            }
        });
        f(c)
    })
}

/// `(foreign-callback proc ...)`: a pointer to a stub of `table` (of
/// `nstubs` stub addresses) that calls `proc`.
#[no_mangle]
pub extern "C" fn closc_rt_ffi_callback(proc: Value, table: u64, nstubs: u64) -> Value {
    if !is_closure(proc) {
        crate::error::type_error("foreign-callback", "procedure", proc)
    }
    let k = with_callbacks(|c| {
        // SAFETY: `procs` is the registered root array.
        let procs = unsafe { &mut *c.procs };
        if let Some(slot) = c
            .owners
            .iter()
            .enumerate()
            .position(|(i, &(t, _))| t == table && procs[i] == proc)
        {
            return Some(c.owners[slot].1);
        }
        let used: Vec<u64> = c
            .owners
            .iter()
            .filter(|&&(t, _)| t == table)
            .map(|&(_, k)| k)
            .collect();
        let k = (0..nstubs).find(|k| !used.contains(k))?;
        if c.owners.len() == MAX_CALLBACKS {
            return None;
        }
        procs[c.owners.len()] = proc;
        c.owners.push((table, k));
        Some(k)
    });
    let Some(k) = k else {
        raise_error(
            &format!(
                "foreign-callback: more than {STUBS_PER_SIGNATURE} callbacks of one signature"
            ),
            &[proc],
        );
    };
    // SAFETY: `table` is codegen's table of `nstubs` stub addresses.
    let address = unsafe { *(table as *const u64).add(k as usize) };
    super::make_pointer(address, 0, super::STATE_POINTER)
}

/// The procedure stub `k` of `table` calls.
#[no_mangle]
pub extern "C" fn closc_rt_ffi_callback_proc(table: u64, k: u64) -> Value {
    with_callbacks(|c| {
        let slot = c.owners.iter().position(|&o| o == (table, k));
        // SAFETY: `procs` is the registered root array.
        slot.map_or(FALSE, |i| unsafe { (*c.procs)[i] })
    })
}

/// A callback starts: its entry frame is `entry_fp`, and `last_fp` was
/// `caller_fp` when C called it (the foreign-call trampoline's frame).
#[no_mangle]
pub extern "C" fn closc_rt_ffi_callback_enter(caller_fp: u64, entry_fp: u64) -> Value {
    foreign_frames::push(entry_fp, caller_fp);
    if caller_fp == 0 {
        raise_error(
            "foreign-callback: called by C code that no foreign procedure called",
            &[],
        );
    }
    if caller_fp & 1 != 0 {
        raise_error(
            "foreign-callback: called during a foreign call given a bytevector (the collector may move it: pass a foreign buffer)",
            &[],
        );
    }
    VOID
}

/// A callback returns to C: the `last_fp` the C code's caller had.
#[no_mangle]
pub extern "C" fn closc_rt_ffi_callback_leave() -> u64 {
    foreign_frames::pop()
}

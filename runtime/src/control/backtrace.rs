//! Source positions of compiled code, and the backtrace an uncaught error
//! prints.
//!
//! Each program registers its positions table at start-up
//! (`closc_rt_register_positions`; the layout is in the compiler's
//! `codegen/positions.rs`): per compiled function its code range, its Scheme
//! name (empty for helpers such as trampolines) and which code ranges were
//! compiled from which source file, line and column (the program's own
//! file, a library's, an included one). The table's strings live in
//! the program's data, which lives as long as its code, so they are kept as
//! `&'static str`.
//!
//! A backtrace walks the frame-pointer chain of the Scheme frames, as the
//! collector does: from the runtime-entry frame (`last_fp`, or `direct_fp`
//! for a direct call) each frame's return address names the caller and the
//! call it is stopped at, and on through the stack segments the frames return
//! into (`continuations.rs`). Tail calls replace frames, so a procedure that
//! tail-called on is not listed. The walk never allocates and reads only
//! plain memory, so the stack-overflow signal handler uses it too.

use crate::memory::global::Global;
use std::fmt::Write;

/// How many innermost and outermost frames a backtrace shows when it elides
/// the middle.
const KEEP_FRAMES: usize = 10;
/// The same for a stack overflow, whose frames are mostly one recursion.
const KEEP_FRAMES_OVERFLOW: usize = 4;

struct FuncPositions {
    start: u64,
    end: u64,
    name: &'static str,
    /// The program's source files, as positions name them.
    files: &'static [&'static str],
    /// (start offset, end offset, line, column, inline site, file), sorted
    /// by start offset; the site is 1 + an index into `sites`, or 0; the
    /// file an index into `files`.
    positions: Vec<(u32, u32, u32, u32, u32, u32)>,
    /// The program's inlined calls: (callee name, file, line, column of the
    /// call, enclosing site): the enclosing site is 1 + the index of the
    /// inlined call whose copy this call is in, or 0 when it is in the
    /// function's own code (a procedure inlined into one that is inlined in
    /// turn).
    sites: &'static [Site],
}

/// An inlined call: (callee name, file, line, column, enclosing site).
type Site = (&'static str, u32, u32, u32, u32);

static TABLE: Global<Vec<FuncPositions>> = Global::new(Vec::new());

/// # Safety
/// `ptr` must point to `len` bytes that live for the rest of the process.
unsafe fn static_str(ptr: u64, len: u64) -> &'static str {
    if len == 0 {
        return "";
    }
    // SAFETY: per the function's contract.
    let bytes = unsafe { std::slice::from_raw_parts(ptr as *const u8, len as usize) };
    std::str::from_utf8(bytes).unwrap_or("?")
}

/// Registers a program's positions table (called by `closc_entry`).
///
/// # Safety
/// `table` points to a table of the shape above, whose code and strings live
/// for the rest of the process.
#[no_mangle]
pub unsafe extern "C" fn closc_rt_register_positions(table: *const u64) -> u64 {
    let mut at = 0usize;
    let mut next = || {
        // SAFETY: codegen emitted a well-formed table of this shape.
        let w = unsafe { *table.add(at) };
        at += 1;
        w
    };
    let nfuncs = next();
    let nfiles = next();
    let files: Vec<&'static str> = (0..nfiles)
        .map(|_| {
            let (name_ptr, name_len) = (next(), next());
            // SAFETY: the table's strings are in the program's static data.
            unsafe { static_str(name_ptr, name_len) }
        })
        .collect();
    // Lives as long as the program's code, which is never unloaded.
    let files: &'static [&'static str] = Vec::leak(files);
    let nsites = next();
    let sites: Vec<Site> = (0..nsites)
        .map(|_| {
            let (name_ptr, name_len, pos, file_enclosing) = (next(), next(), next(), next());
            // SAFETY: as above.
            let name = unsafe { static_str(name_ptr, name_len) };
            let (file, enclosing) = (file_enclosing as u32, (file_enclosing >> 32) as u32);
            (name, file, pos as u32, (pos >> 32) as u32, enclosing)
        })
        .collect();
    // As `files`.
    let sites: &'static [Site] = Vec::leak(sites);
    let mut funcs = Vec::with_capacity(nfuncs as usize);
    for _ in 0..nfuncs {
        let start = next();
        let len = next();
        let (name_ptr, name_len) = (next(), next());
        let npositions = next();
        let positions = (0..npositions)
            .map(|_| {
                let (range, pos, site_and_file) = (next(), next(), next());
                (
                    range as u32,
                    (range >> 32) as u32,
                    pos as u32,
                    (pos >> 32) as u32,
                    site_and_file as u32,
                    (site_and_file >> 32) as u32,
                )
            })
            .collect();
        funcs.push(FuncPositions {
            start,
            end: start + len,
            // SAFETY: as above.
            name: unsafe { static_str(name_ptr, name_len) },
            files,
            positions,
            sites,
        });
    }
    TABLE.with(|t| {
        t.extend(funcs);
        t.sort_by_key(|f| f.start);
    });
    0
}

/// One Scheme frame: its procedure and where it is stopped.
#[derive(Clone, Copy)]
struct Frame {
    name: &'static str,
    position: Option<(&'static str, u32, u32)>,
}

/// Calls `visit` on the frames that code address `pc` stands for, innermost
/// first: the function containing `pc`, at the source position `pc` was
/// compiled from. When `pc` is in code inlined from another procedure, that
/// procedure's frame comes first, then (for a procedure inlined into an
/// inlined one) each enclosing inlined procedure, stopped at its inlined
/// call, and last the function's frame, stopped at the outermost inlined
/// call. Returns false (visiting nothing) outside compiled code.
/// Allocation-free: the stack-overflow handler uses it.
fn describe(table: &[FuncPositions], pc: u64, mut visit: impl FnMut(Frame)) -> bool {
    let i = table.partition_point(|f| f.start <= pc);
    let Some(f) = i.checked_sub(1).and_then(|i| table.get(i)) else {
        return false;
    };
    if pc >= f.end {
        return false;
    }
    let offset = (pc - f.start) as u32;
    let k = f.positions.partition_point(|p| p.0 <= offset);
    let position = k
        .checked_sub(1)
        .map(|k| f.positions[k])
        .filter(|p| offset < p.1);
    let file = |i: u32| f.files.get(i as usize).copied().unwrap_or("?");
    let mut at = position.map(|p| (file(p.5), p.2, p.3));
    let mut site = position.map_or(0, |p| p.4);
    // Each step leaves the innermost inlined procedure for the code it was
    // copied into; the chain ends at the function's own code (site 0).
    while let Some(&(callee, site_file, line, col, enclosing)) =
        f.sites.get((site as usize).wrapping_sub(1))
    {
        visit(Frame {
            name: callee,
            position: at,
        });
        at = (line != 0).then(|| (file(site_file), line, col));
        // An enclosing site always comes before the sites inside it, so the
        // chain ends even in a malformed table.
        site = if enclosing < site { enclosing } else { 0 };
    }
    visit(Frame {
        name: f.name,
        position: at,
    });
    true
}

/// Calls `visit` on the named Scheme frames, innermost first (a run of
/// frames of one procedure without positions counts once): the frame
/// executing `pc` (if given), then the callers reached from frame pointer
/// `fp`. Stops at the first frame outside compiled code or outside the
/// Scheme stack.
fn walk(pc: Option<u64>, fp: u64, mut visit: impl FnMut(Frame)) {
    // SAFETY: read without `Global::with` (the signal handler may interrupt
    // anything); the table only changes when a program is registered.
    let table: &[FuncPositions] = unsafe { &*TABLE.as_ptr() };
    let (low, high, _) = crate::control::stack::scheme_stack();
    // A prelude procedure's own recursion (`map` over a list) shows once.
    let mut previous: Option<&'static str> = None;
    let mut visit_named = |f: Frame| {
        let repeat = f.position.is_none() && previous.is_some_and(|p| std::ptr::eq(p, f.name));
        previous = f.position.is_none().then_some(f.name);
        if !f.name.is_empty() && !repeat {
            visit(f)
        }
    };
    if let Some(pc) = pc {
        describe(table, pc, &mut visit_named);
    }
    // The return address follows the call: the call itself is just before.
    let mut step = |ra: u64| describe(table, ra.wrapping_sub(1), &mut visit_named);
    let underflow = crate::control::continuations::underflow_address();
    // SAFETY: the walk reads only aligned words inside the Scheme stack (or,
    // its bounds unknown, the chain of compiled frames from `fp`).
    for f in unsafe { crate::memory::frames::checked(fp, low as u64, high as u64) } {
        let ra = crate::memory::gc::true_return_address(f.ra);
        if ra == underflow {
            // The callers' frames are in the segments the stack returns into.
            crate::control::continuations::outer_return_addresses(&mut step);
            break;
        }
        if !step(ra) {
            break;
        }
    }
}

/// Writes where the error happened and the backtrace, keeping the `keep`
/// innermost and outermost frames. Allocation-free.
fn write_report(out: &mut impl Write, pc: Option<u64>, fp: u64, keep: usize) {
    const MAX_KEEP: usize = KEEP_FRAMES;
    let keep = keep.min(MAX_KEEP);
    let mut inner: [Option<Frame>; MAX_KEEP] = [None; MAX_KEEP];
    let mut outer: [Option<Frame>; MAX_KEEP] = [None; MAX_KEEP];
    let mut total = 0usize;
    let mut at = None;
    walk(pc, fp, |f| {
        if at.is_none() {
            at = f.position;
        }
        if total < keep {
            inner[total] = Some(f);
        }
        outer[total % keep] = Some(f);
        total += 1;
    });
    if let Some((file, line, col)) = at {
        let _ = writeln!(out, "  at {file}:{line}:{col}");
    }
    if total == 0 {
        return;
    }
    let _ = writeln!(out, "backtrace (innermost first):");
    let line = |out: &mut dyn Write, i: usize, f: Frame| {
        let _ = match f.position {
            Some((file, l, c)) => writeln!(out, "  {i:>3}: {} at {file}:{l}:{c}", f.name),
            None => writeln!(out, "  {i:>3}: {}", f.name),
        };
    };
    if total <= 2 * keep {
        for i in 0..total {
            let f = if i < keep { inner[i] } else { outer[i % keep] };
            line(out, i, f.expect("kept"));
        }
    } else {
        for (i, f) in inner.iter().take(keep).enumerate() {
            line(out, i, f.expect("kept"));
        }
        let _ = writeln!(out, "  ... {} frames elided ...", total - 2 * keep);
        for i in total - keep..total {
            line(out, i, outer[i % keep].expect("kept"));
        }
    }
}

/// What an uncaught error prints after its message: the position of the
/// failing call (the innermost frame with a position in the program's own
/// text) and the backtrace. Empty outside a runtime call from Scheme code.
pub fn report() -> String {
    let mut out = String::new();
    if let Some(fp) = runtime_entry_frame() {
        write_report(&mut out, None, fp, KEEP_FRAMES);
    }
    out
}

/// The frame through which Scheme code entered the runtime: the direct-call
/// adapter's or the trampoline's (its return address is in the caller).
fn runtime_entry_frame() -> Option<u64> {
    // SAFETY: single-threaded runtime state; plain reads.
    let s = unsafe { &*std::ptr::addr_of!(crate::memory::gc::closc_heap_state) };
    [s.direct_fp, s.last_fp].into_iter().find(|&fp| fp != 0)
}

/// Writes to file descriptor 2 through a fixed buffer (no allocation).
struct StderrWriter {
    buf: [u8; 512],
    len: usize,
}

impl StderrWriter {
    fn flush(&mut self) {
        crate::error::write_fd(2, &self.buf[..self.len]);
        self.len = 0;
    }
}

impl Write for StderrWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for chunk in s.as_bytes().chunks(self.buf.len()) {
            if self.len + chunk.len() > self.buf.len() {
                self.flush();
            }
            self.buf[self.len..self.len + chunk.len()].copy_from_slice(chunk);
            self.len += chunk.len();
        }
        Ok(())
    }
}

/// The short backtrace of a stack overflow, written straight to stderr from
/// the fault handler, given the faulting instruction and frame pointer.
pub fn write_overflow_report(pc: u64, fp: u64) {
    // SAFETY: as in `walk`.
    let in_compiled_code = describe(unsafe { &*TABLE.as_ptr() }, pc, |_| {});
    let mut out = StderrWriter {
        buf: [0; 512],
        len: 0,
    };
    if in_compiled_code {
        write_report(&mut out, Some(pc), fp, KEEP_FRAMES_OVERFLOW);
    } else if let Some(fp) = runtime_entry_frame() {
        // Overflow inside the runtime: its frames need not keep frame
        // pointers, so start from the Scheme frame that called it.
        write_report(&mut out, None, fp, KEEP_FRAMES_OVERFLOW);
    }
    out.flush();
}

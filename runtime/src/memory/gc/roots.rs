//! The roots on the stack: the live values of Scheme frames, found by walking
//! the frame-pointer chain with the stack maps codegen registered
//! (`scan_stack`); the frames of stack segments, resident or saved
//! (`scan_continuation`); and where the stack barrier goes after a
//! collection (`install_barrier`), with the stops a barrier hit moves it to.
//!
//! In: the collector's state during a collection. Out: every root slot
//! forwarded (`Gc::forward_slot`). A minor collection walks only the frames
//! that ran since the previous one (down to `Gc::scan_limit`).

use super::*;
use crate::memory::frames;

impl Gc {
    /// Forwards the references of a stack segment (layout: `SEG_*` in
    /// `value.rs`): its links to other segments, and the live values of its
    /// frames, found through their stack maps where the frames are: in place
    /// on the stack for a resident segment (unless it was replaced, in which
    /// case its place may hold other frames by now), else in its saved bytes.
    /// What the frames of a resident segment reference is promoted at once
    /// (those frames are on the stack, and may outlive the segment object);
    /// a segment outside the survivor space being filled left pointing into
    /// it is remembered, like any object.
    pub(super) fn scan_continuation(&mut self, addr: u64) {
        let p = addr as *mut u64;
        let check = self.to_hi != self.to_lo && !self.in_to_space(addr);
        let mut young = false;
        // SAFETY: every segment object has a kind.
        let kind = unsafe { *p.add(SEG_KIND) };
        let links: &[usize] = if kind == SEG_RESIDENT {
            &[SEG_NEXT, SEG_FORWARD, SEG_LINK]
        } else {
            &[SEG_NEXT]
        };
        for &field in links {
            // SAFETY: a segment object of this kind has these fields.
            let slot = unsafe { p.add(field) };
            self.forward_slot(slot);
            // SAFETY: as above.
            young |= check && self.points_to_to_space(unsafe { *slot });
        }
        // SAFETY: as above.
        let (lo, hi, entry_fp, entry_ra) = unsafe {
            (
                *p.add(SEG_LO),
                *p.add(SEG_HI),
                *p.add(SEG_ENTRY_FP),
                *p.add(SEG_ENTRY_RA),
            )
        };
        let buf = if kind == SEG_RESIDENT {
            // SAFETY: a resident segment has this field.
            if unsafe { *p.add(SEG_FORWARD) } != FALSE {
                if young {
                    self.remember(addr);
                }
                return;
            }
            lo
        } else {
            addr + 8 * seg_bytes_index(kind) as u64
        };
        let tenure = std::mem::replace(&mut self.tenure, kind == SEG_RESIDENT);
        // SAFETY: a resident segment that was not replaced still occupies
        // `lo..hi` of the stack; a saved one holds `hi - lo` bytes after its
        // fixed fields.
        let mut walk = unsafe { frames::segment(entry_fp, entry_ra, lo, hi, buf) };
        while let Some((caller_fp, ra)) = walk.next() {
            let i = self.code.partition_point(|c| c.start <= ra);
            if i == 0 || ra >= self.code[i - 1].end {
                break;
            }
            let ci = i - 1;
            let offset = (ra - self.code[ci].start) as u32;
            if let Ok(k) = self.code[ci]
                .safepoints
                .binary_search_by_key(&offset, |s| s.0)
            {
                let csp = caller_fp.wrapping_sub(self.code[ci].fp_to_sp);
                for j in 0..self.code[ci].safepoints[k].1.len() {
                    let o = self.code[ci].safepoints[k].1[j] as u64;
                    if let Some(slot) = walk.slot(csp + o) {
                        self.forward_slot(slot);
                        // SAFETY: `slot` is a readable word of the segment.
                        young |= check && self.points_to_to_space(unsafe { *slot });
                    }
                }
            }
        }
        self.tenure = tenure;
        if young {
            self.remember(addr);
        }
    }

    /// Forwards the live values of Scheme frames, walking the frame-pointer
    /// chain from the trampoline frame at `last_fp`. A minor collection stops
    /// below the stack barrier, at `scan_limit`: frames below the barrier
    /// have not run since the previous collection, so they hold no pointers
    /// to objects allocated since; those the previous collection scanned
    /// may hold pointers to objects it aged (which move again now), so they
    /// are scanned once more, after which what they reference is old.
    /// The first walk of a collection also records the barrier's stops in
    /// the frames it walks above the barrier (`stack_barrier.rs`).
    /// Returns the frame pointer of the first (innermost) Scheme frame, if
    /// any.
    pub(super) fn scan_stack(&mut self, major: bool) -> Option<u64> {
        let fp = state().last_fp;
        if fp == 0 {
            self.drop_barrier_stops();
            return None;
        }
        // A major collection with a second trace walks the stack again
        // (`major.rs`): the stops were recorded by the first walk.
        let record = !(major && matches!(self.phase, MajorPhase::Fix));
        let mut walk = StackWalk {
            first: None,
            ra: 0,
            fp_to_sp: 0,
            offsets: (std::ptr::NonNull::dangling().as_ptr(), 0),
            stop_at: u64::MAX,
            limit: if major { u64::MAX } else { self.scan_limit },
            barrier_slot: None,
            recording: record,
            until_stop: BARRIER_STOP_EVERY,
            stops: Vec::new(),
        };
        // A C callback's entry frame returns into C: the walk goes on from
        // the foreign call below the C frames (`foreign_frames`).
        let mut start = Some(fp);
        while let Some(fp) = start.take() {
            start = self.scan_frames(fp, &mut walk);
        }
        // The frames this walk scanned above where the barrier was have run
        // since the previous collection: they may now reference objects
        // this collection aged, which the next one moves again, so the next
        // minor collection scans down to here. After a major collection
        // everything the frames reference is old. Without a barrier, this
        // walk scanned every frame, so the next one must too.
        self.scan_limit = if major {
            0
        } else {
            walk.barrier_slot.unwrap_or(u64::MAX)
        };
        if record {
            // The stops kept lie below the barrier this walk met; a barrier
            // it did not meet is not on this stack (the frames it was in
            // left it without returning through it: an error in the REPL),
            // and neither are its stops.
            if walk.barrier_slot.is_none() {
                self.drop_barrier_stops();
            }
            self.barrier_stops.extend(walk.stops.into_iter().rev());
            // The new barrier goes into the innermost Scheme frame, but the
            // barrier this walk met may have been in the trampoline's frame
            // (a frame that tail-called into the runtime handed its return
            // address on): then old stops may lie at or inside the new
            // barrier's slot, where no stop may be. They are the innermost.
            let floor = walk.first.map_or(0, |f| f + 8);
            while self.barrier_stops.last().is_some_and(|s| s.slot <= floor) {
                self.barrier_stops.pop();
            }
        }
        walk.first
    }

    /// `scan_stack`'s walk of one chain of compiled frames from `fp`; returns
    /// where the walk continues below a C callback's frames, if it does.
    /// Deep recursion repeats one return address frame after frame: such a
    /// frame costs two loads, two compares and its stack map's slots.
    fn scan_frames(&mut self, fp: u64, walk: &mut StackWalk) -> Option<u64> {
        let barrier_ra = barrier::address();
        // SAFETY: `fp` is the trampoline's frame or a foreign call's, and the
        // walk stops at the first frame that does not return into compiled
        // code, so every frame it reads is a live compiled frame.
        for frame in unsafe { frames::live(fp) } {
            let (caller_fp, ra) = (frame.caller_fp, frame.ra);
            let ra_slot = frame.ra_slot as u64;
            // The walk goes up the stack one frame at a time, each frame's
            // address loaded from the one before: fetching the stack ahead
            // hides the memory latency of a deep stack walked the first time.
            prefetch(caller_fp + PREFETCH_AHEAD);
            if ra != walk.ra || ra_slot >= walk.stop_at {
                if ra_slot >= walk.stop_at {
                    return None;
                }
                let ra = if ra == barrier_ra {
                    // The barrier's frame may have moved (a tail call with
                    // more stack arguments copies the return address): this
                    // is where its return address lives now.
                    if let Some(b) = self.barrier.as_mut() {
                        b.slot = ra_slot;
                    }
                    walk.barrier_slot = Some(ra_slot);
                    if ra_slot >= walk.limit {
                        return None;
                    }
                    let saved = self.barrier.map_or(0, |b| b.saved_ra);
                    // The barrier leaves this slot at the end of the
                    // collection; it is a stop below the new one.
                    if walk.recording && walk.first.is_some_and(|f| ra_slot > f + 8) {
                        walk.stops.push(BarrierStop {
                            slot: ra_slot,
                            ra: saved,
                        });
                    }
                    walk.recording = false;
                    walk.stop_at = walk.limit;
                    saved
                } else {
                    ra
                };
                if ra != walk.ra {
                    let i = self.code.partition_point(|c| c.start <= ra);
                    if i == 0 || ra >= self.code[i - 1].end {
                        return crate::memory::foreign_frames::resume_after(frame.fp);
                    }
                    let info = &self.code[i - 1];
                    let offset = (ra - info.start) as u32;
                    let offsets = match info.safepoints.binary_search_by_key(&offset, |s| s.0) {
                        Ok(k) => &info.safepoints[k].1[..],
                        Err(_) => &[],
                    };
                    walk.ra = ra;
                    walk.fp_to_sp = info.fp_to_sp;
                    walk.offsets = (offsets.as_ptr(), offsets.len());
                }
                walk.first.get_or_insert(caller_fp);
            }
            if walk.recording {
                walk.until_stop -= 1;
                if walk.until_stop == 0 {
                    walk.until_stop = BARRIER_STOP_EVERY;
                    // Not the innermost Scheme frame's slot, where the
                    // barrier itself goes.
                    if walk.first.is_some_and(|f| ra_slot > f + 8) {
                        walk.stops.push(BarrierStop { slot: ra_slot, ra });
                    }
                }
            }
            let sp = caller_fp - walk.fp_to_sp;
            // SAFETY: `walk.offsets` is a safepoint's offsets in `self.code`,
            // which no collection changes.
            let offsets = unsafe { std::slice::from_raw_parts(walk.offsets.0, walk.offsets.1) };
            for &o in offsets {
                self.forward_slot((sp + o as u64) as *mut u64);
            }
        }
        None
    }

    /// Moves the stack barrier to the return address of frame `fp` (the
    /// innermost Scheme frame), if that frame returns into a Scheme frame.
    pub(super) fn install_barrier(&mut self, fp: Option<u64>) {
        if !barrier::SUPPORTED {
            return;
        }
        if let Some(b) = self.barrier.take() {
            // SAFETY: the slot belongs to a frame that has not returned yet (a
            // return through the barrier clears `self.barrier`), and the stack
            // walk just before this updated it to where that frame's return
            // address is now.
            unsafe {
                if *(b.slot as *const u64) == barrier::address() {
                    *(b.slot as *mut u64) = b.saved_ra;
                }
            }
        }
        let Some(fp) = fp else {
            self.drop_barrier_stops();
            return;
        };
        let slot = fp + 8;
        // SAFETY: `fp` is a live compiled frame's frame pointer.
        let ra = unsafe { *(slot as *const u64) };
        if self.is_compiled(ra) {
            // SAFETY: as above; the frame will return through the barrier.
            unsafe { *(slot as *mut u64) = barrier::address() };
            self.barrier = Some(Barrier { slot, saved_ra: ra });
        } else {
            self.drop_barrier_stops();
        }
    }

    /// The code range of the compiled function containing `pc`, if any.
    pub(super) fn code_range(&self, pc: u64) -> Option<(u64, u64)> {
        if self.code_bounds.0 <= pc && pc < self.code_bounds.1 {
            let i = self.code.partition_point(|c| c.start <= pc);
            let c = &self.code[i.checked_sub(1)?];
            (pc < c.end).then_some((c.start, c.end))
        } else {
            None
        }
    }

    pub(crate) fn is_compiled(&self, pc: u64) -> bool {
        self.code_range(pc).is_some()
    }
}

/// The state of one stack walk (`Gc::scan_stack`), carried across the chains
/// of compiled frames that C callbacks separate.
struct StackWalk {
    /// The innermost scanned frame's frame pointer.
    first: Option<u64>,
    /// The last return address looked up (0: none; no call returns to
    /// address 0), and its frame's
    /// distance from frame pointer to stack pointer and live-value offsets
    /// (a slice of `Gc::code`, empty where the call site has no stack map).
    ra: u64,
    fp_to_sp: u64,
    offsets: (*const u32, usize),
    /// The walk stops at a return-address slot at or beyond this: `limit`
    /// once past the barrier, else none.
    stop_at: u64,
    /// Below the barrier, a minor collection scans only down to this
    /// return-address slot (`Gc::scan_limit`).
    limit: u64,
    /// Where the barrier's return address was found.
    barrier_slot: Option<u64>,
    /// Whether frames get stops (above the barrier, in the first walk of a
    /// collection), the frames until the next one, and the stops recorded,
    /// innermost first.
    recording: bool,
    until_stop: u32,
    stops: Vec<BarrierStop>,
}

/// How far up the stack (bytes) the frame walk fetches ahead of the frame
/// it reads: a few hundred frames (measured on `bench/programs/deeprec.scm`,
/// 1 KiB hid too little of the latency).
const PREFETCH_AHEAD: u64 = 16 << 10;

/// Asks the processor to fetch the cache line at `addr` (a hint: any
/// address is fine, nothing is read).
#[inline(always)]
pub(super) fn prefetch(addr: u64) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(addr as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = addr;
}

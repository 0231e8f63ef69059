//! The one walk over the frame-pointer chain of compiled Scheme frames, used
//! by the collector (the live stack and the stack segments of continuations,
//! in place or saved), by continuations (to choose where a segment splits)
//! and by backtraces.
//!
//! In: the frame pointer of the innermost frame, and where frame words are
//! read from (`live`, `checked`, `saved`). Out: each
//! frame, innermost first, with its caller's frame pointer and its return
//! address and the slot holding it. Every compiled frame keeps the caller's
//! frame pointer at `[fp]` and its return address at `[fp + 8]`. Where the
//! walk stops beyond what the words allow (leaving compiled code, the stack
//! barrier) is the caller's decision. Uses nothing else in the crate.

/// One frame of the chain.
#[derive(Clone, Copy)]
pub struct Frame {
    /// The frame's frame pointer (an address in the running stack).
    pub fp: u64,
    /// The caller's frame pointer, saved at `[fp]`.
    pub caller_fp: u64,
    /// The return address, saved at `[fp + 8]`.
    pub ra: u64,
    /// Where the return address is stored (in a saved copy of the stack, the
    /// copy's slot).
    pub ra_slot: *mut u64,
}

/// An iterator over the frames of a chain; `slot` maps a stack address to
/// where its word can be read, or `None` where the walk must stop.
pub struct Frames<F: Fn(u64) -> Option<*mut u64>> {
    fp: Option<u64>,
    slot: F,
    /// Stop after a frame whose caller's frame pointer is not above its own
    /// (a chain that does not lead towards the stack's base).
    ascending_only: bool,
}

/// The frames of the running stack from `fp`, every address trusted.
///
/// # Safety
/// `fp` and each caller frame pointer reached before the caller stops the
/// walk are frame pointers of live compiled frames.
#[inline]
pub unsafe fn live(fp: u64) -> Frames<impl Fn(u64) -> Option<*mut u64>> {
    Frames {
        fp: Some(fp),
        slot: |a| Some(a as *mut u64),
        ascending_only: false,
    }
}

/// The frames of the running stack from `fp`, stopping at the first frame
/// pointer that is zero, misaligned or (when `high` is not 0) outside
/// `low..high`, or that does not lead towards the base. Allocation-free (the
/// stack-overflow handler walks with it).
///
/// # Safety
/// Every aligned word in `low..high` is readable (when `high` is 0: every
/// frame pointer on the chain is a live frame's).
pub unsafe fn checked(fp: u64, low: u64, high: u64) -> Frames<impl Fn(u64) -> Option<*mut u64>> {
    Frames {
        fp: Some(fp),
        slot: move |a: u64| {
            (a != 0 && a.is_multiple_of(8) && (high == 0 || (a >= low && a + 8 <= high)))
                .then_some(a as *mut u64)
        },
        ascending_only: true,
    }
}

/// The frames of a stack segment saved at `buf`: `nbytes` bytes that were at
/// addresses `sp..sp + nbytes` of the running stack, from frame pointer
/// `fp`; the walk stops where the chain leaves the segment or does not lead
/// towards the base.
///
/// # Safety
/// `buf` holds `nbytes` readable and writable bytes.
pub unsafe fn saved(
    fp: u64,
    sp: u64,
    nbytes: u64,
    buf: u64,
) -> Frames<impl Fn(u64) -> Option<*mut u64>> {
    Frames {
        fp: Some(fp),
        slot: move |a: u64| (a >= sp && a + 8 <= sp + nbytes).then(|| (buf + (a - sp)) as *mut u64),
        ascending_only: true,
    }
}

/// The (caller frame pointer, return address) pairs of a stack segment whose
/// frames occupied `lo..hi` and whose words are at `buf` (`buf == lo` for a
/// segment still in place): first `(entry_fp, entry_ra)`, then the pair saved
/// in each frame from `entry_fp` on, while the caller's frame lies inside the
/// segment. Each pair names a frame (its frame pointer) and the return address
/// into it (which says where its live values are).
///
/// # Safety
/// `buf` holds `hi - lo` readable and writable bytes.
pub unsafe fn segment(
    entry_fp: u64,
    entry_ra: u64,
    lo: u64,
    hi: u64,
    buf: u64,
) -> Segment<impl Fn(u64) -> Option<*mut u64>> {
    Segment {
        first: Some((entry_fp, entry_ra)),
        frames: saved(entry_fp, lo, hi.saturating_sub(lo), buf),
        lo,
        hi,
    }
}

/// The iterator `segment` returns.
pub struct Segment<F: Fn(u64) -> Option<*mut u64>> {
    first: Option<(u64, u64)>,
    frames: Frames<F>,
    lo: u64,
    hi: u64,
}

impl<F: Fn(u64) -> Option<*mut u64>> Segment<F> {
    /// Where the word at stack address `a` is, if it lies in the segment.
    pub fn slot(&self, a: u64) -> Option<*mut u64> {
        self.frames.slot(a)
    }
}

impl<F: Fn(u64) -> Option<*mut u64>> Iterator for Segment<F> {
    type Item = (u64, u64);

    fn next(&mut self) -> Option<(u64, u64)> {
        if let Some((fp, ra)) = self.first.take() {
            if fp < self.lo || fp >= self.hi {
                self.frames.fp = None;
                return None;
            }
            return Some((fp, ra));
        }
        let f = self.frames.next()?;
        if f.caller_fp >= self.hi {
            self.frames.fp = None;
            return None;
        }
        Some((f.caller_fp, f.ra))
    }
}

impl<F: Fn(u64) -> Option<*mut u64>> Frames<F> {
    /// Where the word at stack address `a` is, if the walk may read it.
    pub fn slot(&self, a: u64) -> Option<*mut u64> {
        (self.slot)(a)
    }
}

impl<F: Fn(u64) -> Option<*mut u64>> Iterator for Frames<F> {
    type Item = Frame;

    #[inline]
    fn next(&mut self) -> Option<Frame> {
        let fp = self.fp?;
        let (Some(fp_at), Some(ra_slot)) = ((self.slot)(fp), (self.slot)(fp + 8)) else {
            self.fp = None;
            return None;
        };
        // SAFETY: the constructor's contract: `slot` only maps addresses whose
        // words may be read.
        let (caller_fp, ra) = unsafe { (*fp_at, *ra_slot) };
        self.fp = (!self.ascending_only || caller_fp > fp).then_some(caller_fp);
        Some(Frame {
            fp,
            caller_fp,
            ra,
            ra_slot,
        })
    }
}

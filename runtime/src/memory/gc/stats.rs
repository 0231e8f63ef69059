//! `CLOSC_GC_STATS`: counting the objects allocated in the nursery and
//! printing the collector's statistics at exit.

use super::*;

pub(super) fn count_objects(start: usize, end: usize, counts: &mut Vec<u64>) {
    counts.resize(128, 0);
    let mut p = start;
    while p < end {
        // SAFETY: the used part of the nursery is a sequence of objects, each
        // starting with its header (allocation writes it first), and `end`
        // is the allocation pointer.
        let h = unsafe { *(p as *const u64) };
        let kind = header_kind(h) as usize;
        if kind == 0 {
            break;
        }
        counts[kind] += 1;
        p += 8 * object_words(h);
    }
}

/// Prints the statistics when `CLOSC_GC_STATS` asked for them (at exit).
pub fn report_stats() {
    let text = GC.with(|g| {
        if !g.print_stats {
            return None;
        }
        let s = state();
        let allocated = g.stats.allocated + (s.alloc_ptr.saturating_sub(s.nursery_start));
        let mut objects = g.stats.objects.clone();
        count_objects(s.nursery_start as usize, s.alloc_ptr as usize, &mut objects);
        let st = &g.stats;
        Some(format!(
            "gc: {} minor and {} major collections\n\
             gc: {} bytes allocated, {} bytes promoted by minor collections, {} bytes copied by major collections\n\
             gc: allocated in the nursery: {} closure records, {} boxes, {} pairs, {} flonums\n\
             gc: pause max {:.3} ms, total {:.3} ms\n\
             gc: peak heap {} bytes ({:.1} MiB), heap at exit {} bytes\n",
            st.minor,
            st.major,
            allocated,
            st.copied_minor,
            st.copied_major,
            objects[HDR_CLOSURE as usize] + objects[HDR_ENV as usize],
            objects[HDR_BOX as usize],
            objects[HDR_PAIR as usize],
            objects[HDR_FLONUM as usize],
            st.max_pause.as_secs_f64() * 1e3,
            st.total_pause.as_secs_f64() * 1e3,
            st.peak_heap,
            st.peak_heap as f64 / (1 << 20) as f64,
            g.heap_bytes()
        ))
    });
    if let Some(t) = text {
        eprint!("{t}");
    }
}

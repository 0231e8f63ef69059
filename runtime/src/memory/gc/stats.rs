//! `CLOSC_GC_STATS`: counting the objects that survive the nursery and
//! printing the collector's statistics at exit.

use super::*;

impl Gc {
    /// Counts the from-space object at `addr` of kind `kind` if it is in the
    /// nursery proper (an aged object was counted when it left it; an old
    /// one a major collection evacuates is not counted).
    #[cold]
    pub(super) fn count_survivor(&mut self, addr: u64, kind: u64) {
        if self.in_nursery(addr) && (addr as usize) < self.nursery_end {
            self.stats.survivors.resize(128, 0);
            self.stats.survivors[kind as usize] += 1;
        }
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
        let mut objects = g.stats.survivors.clone();
        objects.resize(128, 0);
        let st = &g.stats;
        let mib = |b: u64| b as f64 / (1 << 20) as f64;
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let large_blocks: usize = g.large.iter().map(|l| l.end - l.start).sum();
        let old_used = g.old_bytes.saturating_sub(large_blocks);
        Some(format!(
            "gc: {} minor and {} major collections\n\
             gc: {} bytes allocated, {} bytes promoted by minor collections, {} bytes copied by major collections\n\
             gc: {} bytes aged by minor collections (copied into a survivor space), {} bytes aged at exit\n\
             gc: {} bytes left in place by major collections, {} sparse chunks evacuated ({} major collections with a second trace)\n\
             gc: survived the nursery: {} closure records, {} boxes, {} pairs, {} flonums\n\
             gc: pause max {:.3} ms, total {:.3} ms\n\
             gc: minor collections {:.3} ms in all; major collections {:.3} ms in all, max {:.3} ms\n\
             gc: young generation: nursery {:.1} MiB, survivor spaces 2 x {:.1} MiB, large-object nursery {:.1} MiB\n\
             gc: old generation: peak {:.1} MiB in use; at exit {:.1} MiB in chunks ({:.1} MiB mapped), {:.1} MiB in {} large blocks, {:.1} MiB pooled\n\
             gc: peak heap {} bytes ({:.1} MiB), heap at exit {} bytes\n",
            st.minor,
            st.major,
            allocated,
            st.copied_minor,
            st.copied_major,
            st.aged,
            g.aged_bytes(),
            st.kept_major,
            st.evacuated_chunks,
            st.second_traces,
            objects[HDR_CLOSURE as usize] + objects[HDR_ENV as usize],
            objects[HDR_BOX as usize],
            objects[HDR_PAIR as usize],
            objects[HDR_FLONUM as usize],
            ms(st.max_pause),
            ms(st.total_pause),
            ms(st.minor_pause),
            ms(st.major_pause),
            ms(st.max_major_pause),
            mib((g.nursery_end as u64).saturating_sub(s.nursery_start)),
            mib(g.survivor_size as u64),
            mib((g.large_end - g.large_start) as u64),
            mib(st.peak_old),
            mib(old_used as u64),
            mib(g.chunk_bytes() as u64),
            mib(large_blocks as u64),
            g.large.len(),
            mib(g.pooled_bytes() as u64),
            st.peak_heap,
            mib(st.peak_heap),
            g.heap_bytes()
        ))
    });
    if let Some(t) = text {
        eprint!("{t}");
    }
}

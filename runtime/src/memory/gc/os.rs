//! The collector's dealings with the operating system: mapping and unmapping
//! chunks, the machine's memory size, the heap cap and the out-of-memory
//! report, and the sizes the knobs take (`512M`).

/// A size as the knobs take it: bytes, or a number with a `K`, `M` or `G`
/// suffix (`512M`).
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1usize << 10),
        'm' | 'M' => (&s[..s.len() - 1], 1 << 20),
        'g' | 'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.trim().parse::<usize>().ok()?.checked_mul(mult)
}

pub(super) fn physical_memory() -> usize {
    // SAFETY: sysconf has no preconditions.
    let (pages, size) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    if pages > 0 && size > 0 {
        pages as usize * size as usize
    } else {
        8 << 30
    }
}

pub(super) fn map_chunk(bytes: usize) -> usize {
    // SAFETY: an anonymous private mapping; the result is checked.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            bytes,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        os_refused(bytes);
    }
    p as usize
}

/// Gives `[start, start + bytes)` back to the OS.
pub(super) fn unmap_region(start: usize, bytes: usize) {
    // SAFETY: the region was mapped by `map_chunk` (or is part of such a
    // mapping) and nothing refers to it any more.
    unsafe { libc::munmap(start as *mut libc::c_void, bytes) };
}

/// The heap cap, readable without entering `GC` (out-of-memory reports
/// happen while it is held).
pub(super) static HEAP_MAX: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(usize::MAX);

/// What the collector holds from the OS (`Gc::heap_bytes`), as of the last
/// change, for the out-of-memory reports.
pub(super) static HEAP_HELD: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// The heap cap would be exceeded: everything the collector holds (young
/// region, old generation, pools, what a major collection evacuates)
/// counts against it.
pub(super) fn out_of_memory() -> ! {
    let max = HEAP_MAX.load(std::sync::atomic::Ordering::Relaxed);
    if max == usize::MAX {
        crate::error::fatal_unrecoverable("out of memory")
    }
    crate::error::fatal_unrecoverable(&format!(
        "out of memory (heap limit {} MiB reached)",
        max >> 20
    ))
}

/// The OS refused a mapping below the cap (`ulimit -v`, overcommit limits):
/// a different cause than the cap, reported as such.
pub(super) fn os_refused(bytes: usize) -> ! {
    let held = HEAP_HELD.load(std::sync::atomic::Ordering::Relaxed);
    crate::error::fatal_unrecoverable(&format!(
        "out of memory (the system refused {} MiB more; the heap held {} MiB)",
        bytes.div_ceil(1 << 20),
        held >> 20
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("512M"), Some(512 << 20));
        assert_eq!(parse_size("64k"), Some(64 << 10));
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("x"), None);
    }
}

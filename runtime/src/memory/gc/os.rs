//! The collector's dealings with the operating system: mapping and unmapping
//! chunks, the machine's memory size, the heap cap and the out-of-memory
//! report, and the sizes the knobs take (`512M`).

use super::*;

pub(super) fn parse_size(s: &str) -> Option<usize> {
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
        out_of_memory();
    }
    p as usize
}

pub(super) fn unmap_chunk(c: &Chunk) {
    // SAFETY: the chunk was mapped by `map_chunk` with this size and nothing
    // refers to it any more (it was evacuated).
    unsafe { libc::munmap(c.start as *mut libc::c_void, c.end - c.start) };
}

/// The heap cap, readable without entering `GC` (out-of-memory reports
/// happen while it is held).
pub(super) static HEAP_MAX: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(usize::MAX);

pub(super) fn out_of_memory() -> ! {
    let max = HEAP_MAX.load(std::sync::atomic::Ordering::Relaxed);
    if max == usize::MAX || max >= physical_memory() {
        crate::error::fatal_unrecoverable("out of memory")
    }
    crate::error::fatal_unrecoverable(&format!(
        "out of memory (heap limit {} MiB reached)",
        max >> 20
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

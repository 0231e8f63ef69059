//! The bundled libraries: every file below the repository's `lib/`, embedded
//! in the binary by `build.rs` (adding a library is adding its file).
//!
//! In: nothing. Out: `FILES`, (path below `lib/` with `/` separators, text),
//! sorted by path; `find` looks one up; `srfi_numbers` lists the SRFIs
//! bundled as `lib/srfi/N.sld`.

/// Every bundled file: its path below `lib/` and its text.
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The text of the bundled file at `path` (below `lib/`).
pub fn find(path: &str) -> Option<&'static str> {
    FILES
        .binary_search_by(|(p, _)| (*p).cmp(path))
        .ok()
        .map(|i| FILES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_sorted_and_found() {
        assert!(FILES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(find("closc/base.sld").is_some());
        assert!(find("srfi/no-such.sld").is_none());
    }
}

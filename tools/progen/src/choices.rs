//! Where the generator's decisions come from: a seeded pseudo-random
//! stream (`Seeded`, for `progen --seed N`: the same seed always makes the
//! same program) or the bytes of a fuzz input (`Bytes`, for the fuzz `run`
//! target: libFuzzer's mutations of the bytes become mutations of the
//! program).
//!
//! Invariant the generator relies on: once `Bytes` runs out it answers 0
//! forever, and choice 0 is always the smallest alternative (a leaf), so
//! generation from any input terminates.

/// A stream of decisions.
pub trait Choices {
    /// A number in `0..n` (`n >= 1`).
    fn below(&mut self, n: u32) -> u32;

    /// True with probability about `percent`/100.
    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1) as u64;
        let mut x = 0u64;
        // Enough 16-bit draws to cover the span.
        let mut covered = 1u64;
        while covered < span {
            x = (x << 16) | self.below(1 << 16) as u64;
            covered = covered.saturating_mul(1 << 16);
        }
        lo + (x % span) as i64
    }
}

/// splitmix64: small, fast, and the same on every platform.
pub struct Seeded {
    state: u64,
}

impl Seeded {
    pub fn new(seed: u64) -> Seeded {
        Seeded {
            state: seed ^ 0x5eed_c105_c5c4_e3e5,
        }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Choices for Seeded {
    fn below(&mut self, n: u32) -> u32 {
        (self.next() % n.max(1) as u64) as u32
    }
}

/// The bytes of a fuzz input, read as decisions: one byte for a choice
/// among up to 256, two bytes above that; 0 after the end.
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data, pos: 0 }
    }

    fn byte(&mut self) -> u32 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b as u32
    }
}

impl Choices for Bytes<'_> {
    fn below(&mut self, n: u32) -> u32 {
        let n = n.max(1);
        let x = if n <= 256 {
            self.byte()
        } else {
            (self.byte() << 8) | self.byte()
        };
        x % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_streams_repeat_and_differ() {
        let a: Vec<u32> = (0..20)
            .map(|_| 0)
            .scan(Seeded::new(7), |s, _| Some(s.below(1000)))
            .collect();
        let b: Vec<u32> = (0..20)
            .map(|_| 0)
            .scan(Seeded::new(7), |s, _| Some(s.below(1000)))
            .collect();
        let c: Vec<u32> = (0..20)
            .map(|_| 0)
            .scan(Seeded::new(8), |s, _| Some(s.below(1000)))
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn bytes_answer_zero_after_the_end() {
        let mut b = Bytes::new(&[5, 200]);
        assert_eq!(b.below(4), 1);
        assert_eq!(b.below(7), 4);
        assert_eq!(b.below(9), 0);
        assert_eq!(b.range(-3, 3), -3);
    }
}

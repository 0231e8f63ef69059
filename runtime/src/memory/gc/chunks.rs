//! Finding an old-generation chunk from an address in constant time.
//!
//! Every standard chunk is `CHUNK_BYTES` long and mapped at an address that
//! is a multiple of `CHUNK_BYTES` (`map_aligned_chunk`), so it fills one
//! *slot* of the address space (the address shifted right by
//! `CHUNK_SHIFT`) alone. The *chunk table* maps each slot to what the
//! collector holds there (`Place`): nothing, perhaps a large block (large
//! blocks are mapped anywhere; the slot only says a search of the large
//! blocks may find one), or a chunk with its role in the major collection
//! under way. A major collection looks every old pointer up here: two loads
//! instead of binary searches over the chunks and the large blocks.
//!
//! The table has two levels: a top array indexed by the address bits above
//! a leaf's span, naming a leaf (leaf 0 is all empty), and leaves of
//! `LEAF_SLOTS` slots. User-space addresses are below 2^47, so the top array
//! covers them all; it is zero-initialised memory the OS maps lazily, so
//! only the few pages the heap's addresses touch cost memory.
//!
//! Invariant: a slot says `Chunk` exactly while a chunk is mapped there (set
//! by whoever maps or pools it, cleared when it is pooled or unmapped); a
//! `Large` slot may be stale (its block freed), which only costs a search.

use super::*;

const LEAF_BITS: u32 = 10;
const LEAF_SLOTS: usize = 1 << LEAF_BITS;
/// Address bits the top level covers above a leaf's span.
const TOP_BITS: u32 = 47 - CHUNK_SHIFT - LEAF_BITS;

/// What a slot of the address space holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Place {
    /// Nothing of the old generation.
    None,
    /// Perhaps a large block (search `Gc::large`).
    Large,
    /// An old chunk nothing is to be done with in this collection: outside
    /// a major collection, or one filled by the major collection under way.
    Old,
    /// A chunk being marked in place: index into `Gc::marking`.
    Marking(u32),
    /// A chunk being evacuated (part of from-space).
    Evacuating,
}

const TAG_SHIFT: u32 = 29;
const INDEX_MASK: u32 = (1 << TAG_SHIFT) - 1;

impl Place {
    fn encode(self) -> u32 {
        match self {
            Place::None => 0,
            Place::Large => 1 << TAG_SHIFT,
            Place::Old => 2 << TAG_SHIFT,
            Place::Marking(i) => {
                debug_assert!(i <= INDEX_MASK);
                (3 << TAG_SHIFT) | i
            }
            Place::Evacuating => 4 << TAG_SHIFT,
        }
    }

    #[inline(always)]
    fn decode(v: u32) -> Place {
        match v >> TAG_SHIFT {
            0 => Place::None,
            1 => Place::Large,
            2 => Place::Old,
            3 => Place::Marking(v & INDEX_MASK),
            _ => Place::Evacuating,
        }
    }
}

pub(super) struct ChunkTable {
    /// Leaf index per top-level entry (0: the empty leaf). Allocated on
    /// first use.
    top: Vec<u32>,
    leaves: Vec<Box<[u32; LEAF_SLOTS]>>,
}

impl ChunkTable {
    pub(super) const fn new() -> ChunkTable {
        ChunkTable {
            top: Vec::new(),
            leaves: Vec::new(),
        }
    }

    /// What the slot of `addr` holds.
    #[inline(always)]
    pub(super) fn get(&self, addr: usize) -> Place {
        let Some(&leaf) = self.top.get(addr >> (CHUNK_SHIFT + LEAF_BITS)) else {
            return Place::None;
        };
        Place::decode(self.leaves[leaf as usize][(addr >> CHUNK_SHIFT) & (LEAF_SLOTS - 1)])
    }

    /// Says the chunk starting at `start` (a multiple of `CHUNK_BYTES`)
    /// now plays `place`.
    pub(super) fn set(&mut self, start: usize, place: Place) {
        debug_assert_eq!(start % CHUNK_BYTES, 0);
        self.put(start, place);
    }

    /// Notes that a large block may lie in `[start, end)`: slots holding no
    /// chunk say `Large`.
    pub(super) fn note_large(&mut self, start: usize, end: usize) {
        let mut a = start & !(CHUNK_BYTES - 1);
        while a < end {
            if self.get(a) == Place::None {
                self.put(a, Place::Large);
            }
            a += CHUNK_BYTES;
        }
    }

    fn put(&mut self, addr: usize, place: Place) {
        if self.top.is_empty() {
            self.top = vec![0; 1 << TOP_BITS];
            self.leaves.push(Box::new([0; LEAF_SLOTS]));
        }
        let t = addr >> (CHUNK_SHIFT + LEAF_BITS);
        if t >= self.top.len() {
            // Not a user-space address: nothing of the heap is there.
            return;
        }
        if self.top[t] == 0 {
            if place == Place::None {
                return;
            }
            self.top[t] = self.leaves.len() as u32;
            self.leaves.push(Box::new([0; LEAF_SLOTS]));
        }
        self.leaves[self.top[t] as usize][(addr >> CHUNK_SHIFT) & (LEAF_SLOTS - 1)] =
            place.encode();
    }
}

/// Maps a fresh chunk of `CHUNK_BYTES` at a multiple of `CHUNK_BYTES`: maps
/// twice as much and gives back what lies outside the aligned part.
pub(super) fn map_aligned_chunk() -> usize {
    let raw = map_chunk(2 * CHUNK_BYTES);
    let start = raw.next_multiple_of(CHUNK_BYTES);
    let end = start + CHUNK_BYTES;
    if start > raw {
        unmap_region(raw, start - raw);
    }
    if raw + 2 * CHUNK_BYTES > end {
        unmap_region(end, raw + 2 * CHUNK_BYTES - end);
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_trip() {
        let mut t = ChunkTable::new();
        let a = 0x7f12_3440_0000usize;
        assert_eq!(t.get(a), Place::None);
        t.set(a, Place::Marking(77));
        assert_eq!(t.get(a + 12345), Place::Marking(77));
        assert_eq!(t.get(a + CHUNK_BYTES), Place::None);
        assert_eq!(t.get(a - 1), Place::None);
        t.set(a, Place::Evacuating);
        assert_eq!(t.get(a + CHUNK_BYTES - 8), Place::Evacuating);
        t.note_large(a - 100, a + 2 * CHUNK_BYTES + 5);
        assert_eq!(t.get(a - 8), Place::Large);
        assert_eq!(t.get(a), Place::Evacuating);
        assert_eq!(t.get(a + 2 * CHUNK_BYTES), Place::Large);
        assert_eq!(t.get(a + 3 * CHUNK_BYTES), Place::None);
        t.set(a, Place::None);
        assert_eq!(t.get(a), Place::None);
        assert_eq!(t.get(usize::MAX - 7), Place::None);
    }

    #[test]
    fn aligned_chunks_are_aligned() {
        let a = map_aligned_chunk();
        assert_eq!(a % CHUNK_BYTES, 0);
        // SAFETY: the chunk was just mapped, readable and writable.
        unsafe {
            *(a as *mut u64) = 1;
            *((a + CHUNK_BYTES - 8) as *mut u64) = 2;
        }
        unmap_region(a, CHUNK_BYTES);
    }
}

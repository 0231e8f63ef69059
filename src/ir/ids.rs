//! Typed ids for the IR's tables, and a vector indexed by one kind of id.
//!
//! In: the tables of `ir::Program` (variables, globals, lambdas, inline
//! sites). Out: one newtype per table, so an id of one kind cannot index
//! another's table or stand for another kind of id without a conversion
//! the reader sees (`Id::new` / `Id::index`).
//!
//! Invariant: an id is the position of its entry in its table; ids are
//! never reused. `Display` prints the bare number, as the dumps show ids.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An id: a position in one kind of table.
pub trait Id: Copy + Eq + Ord + std::hash::Hash + fmt::Debug {
    fn new(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        pub struct $name(u32);

        impl Id for $name {
            fn new(index: usize) -> Self {
                $name(u32::try_from(index).expect(concat!(stringify!($name), " overflows u32")))
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl $name {
            /// The id at position `index` of its table.
            pub fn new(index: usize) -> Self {
                <Self as Id>::new(index)
            }
            /// This id's position in its table.
            pub fn index(self) -> usize {
                <Self as Id>::index(self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A local variable: an entry of `Program::vars`.
    VarId
);
id_type!(
    /// A top-level variable: an entry of `Program::globals` (and a slot of
    /// the global table at run time).
    GlobalId
);
id_type!(
    /// A lambda: an entry of `Program::functions` and `Program::lambda_arity`.
    LambdaId
);
id_type!(
    /// A call `inline` replaced by a copy: an entry of `Program::inline_sites`.
    InlineSiteId
);

/// A `Vec<T>` indexed by ids of kind `I` only.
#[derive(Clone, PartialEq, Eq)]
pub struct IdVec<I, T> {
    items: Vec<T>,
    _id: PhantomData<fn(I) -> I>,
}

impl<I: Id, T> IdVec<I, T> {
    pub fn new() -> Self {
        Self::from_vec(Vec::new())
    }

    /// The entries of `items`, the `n`th with id `I::new(n)`.
    pub fn from_vec(items: Vec<T>) -> Self {
        IdVec {
            items,
            _id: PhantomData,
        }
    }

    /// Appends `item` and returns its id.
    pub fn push(&mut self, item: T) -> I {
        self.items.push(item);
        I::new(self.items.len() - 1)
    }

    /// The id the next `push` returns.
    pub fn next_id(&self) -> I {
        I::new(self.items.len())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Every entry with its id.
    pub fn iter_enumerated(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + '_ {
        self.items.iter().enumerate().map(|(i, x)| (I::new(i), x))
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> {
        (0..self.items.len()).map(I::new)
    }

    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

impl<I: Id, T> Default for IdVec<I, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I: Id, T: fmt::Debug> fmt::Debug for IdVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.items.fmt(f)
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for IdVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<I: Id, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Self::from_vec(iter.into_iter().collect())
    }
}

impl<'a, I: Id, T> IntoIterator for &'a IdVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<I: Id, T> IntoIterator for IdVec<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_index_their_own_table_and_print_as_numbers() {
        let mut vars: IdVec<VarId, &str> = IdVec::new();
        let x = vars.push("x");
        let y = vars.push("y");
        assert_eq!((vars[x], vars[y]), ("x", "y"));
        assert_eq!(y.to_string(), "1");
        assert_eq!(vars.next_id(), VarId::new(2));
        assert_eq!(vars.ids().collect::<Vec<_>>(), [x, y]);
    }
}

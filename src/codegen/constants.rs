//! Quoted data and static closures: the entries of `closc_constants`, each
//! built once at start-up by `closc_entry`, and the code that loads them.
//!
//! In: a datum met while lowering. Out: an immediate (fixnum, boolean,
//! character, empty list) as a constant instruction, or a load of its slot
//! in `closc_constants`; equal data (spans aside) share a slot. Quoted data
//! with datum labels is built with the sharing and cycles they describe.

use super::lower::FnCx;
use super::shared::Shared;
use super::{immutable, I64};
use crate::datum::{Datum, DatumKind};
use crate::ir::LambdaId;
use closcrt::abi::RtEntry;
use closcrt::memory::value as v;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};
use cranelift_module::Module;
use std::collections::HashMap;

/// One entry of `closc_constants`, built by `closc_entry`.
#[derive(Clone)]
pub(super) enum Constant {
    /// Quoted data.
    Datum(Datum),
    /// The record of a lambda without free variables (a static closure).
    Closure(LambdaId),
}

impl<'m, M: Module> Shared<'m, M> {
    /// Index of a heap constant in `closc_constants`, built once at start-up.
    pub(super) fn constant(&mut self, d: &Datum) -> usize {
        let key = format!("{:?}", strip_spans(d));
        self.constant_slot(key, || Constant::Datum(d.clone()))
    }

    /// Index in `closc_constants` of the one record of lambda `id`, which
    /// has no free variables: every evaluation of the lambda yields it.
    pub(super) fn static_closure(&mut self, id: LambdaId) -> usize {
        self.constant_slot(format!("closure {id}"), || Constant::Closure(id))
    }

    pub(super) fn constant_slot(&mut self, key: String, make: impl FnOnce() -> Constant) -> usize {
        if let Some(&i) = self.constant_index.get(&key) {
            return i;
        }
        self.constants.push(make());
        self.constant_index.insert(key, self.constants.len() - 1);
        self.constants.len() - 1
    }

    pub(super) fn string_bytes(&mut self, s: &str) -> (usize, usize) {
        let offset = self.string_bytes.len();
        self.string_bytes.extend_from_slice(s.as_bytes());
        (offset, s.len())
    }
}

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    /// Builds a quoted datum at start-up (in `closc_entry`).
    pub(super) fn build_datum(&mut self, d: &Datum) -> Value {
        self.build_labelled(d, &mut Labels::default())
    }

    /// `build_datum` with the datum labels met so far (R7RS 2.4; the reader
    /// leaves them only in quoted data). A reference to a label whose datum
    /// is complete is its value; one inside that datum (a cycle) is built as
    /// `#f` and recorded, and the slot is stored once the datum exists.
    fn build_labelled(&mut self, d: &Datum, labels: &mut Labels) -> Value {
        if let Some(imm) = immediate(d) {
            return self.b.ins().iconst(I64, imm);
        }
        match &d.kind {
            DatumKind::Labelled(n, inner) => {
                labels.values.insert(*n, None);
                let x = self.build_labelled(inner, labels);
                labels.values.insert(*n, Some(x));
                let (mine, others) = std::mem::take(&mut labels.patches)
                    .into_iter()
                    .partition(|&(m, _, _)| m == *n);
                labels.patches = others;
                for (_, obj, offset) in mine {
                    self.b.ins().store(MemFlagsData::trusted(), x, obj, offset);
                    // Allocations since `obj` was made may have promoted it.
                    self.write_barrier(obj, x, obj, offset);
                }
                x
            }
            DatumKind::LabelRef(n) => match labels.values.get(n) {
                Some(Some(x)) => *x,
                _ => self.iconst(v::FALSE),
            },
            DatumKind::Symbol(s) | DatumKind::Str(s) | DatumKind::Number(s) => {
                let (off, len) = self.sh.string_bytes(s);
                let ptr = self.string_addr(off);
                let len = self.iconst(len as u64);
                let f = match d.kind {
                    DatumKind::Symbol(_) => self.sh.rt[RtEntry::Intern],
                    DatumKind::Str(_) => self.sh.rt[RtEntry::MakeString],
                    _ => self.sh.rt[RtEntry::MakeNumber],
                };
                let r = self.call_rt(f, &[ptr, len]);
                self.b.declare_value_needs_stack_map(r);
                r
            }
            DatumKind::List(items, tail) => {
                // Build elements first so that no half-made pair is live across an
                // allocation; the tail after them, as it may refer to their labels.
                let elems: Vec<Value> = items
                    .iter()
                    .map(|i| self.build_labelled(i, labels))
                    .collect();
                let mut l = match tail {
                    Some(t) => self.build_labelled(t, labels),
                    None => self.iconst(v::NIL),
                };
                for (i, &e) in elems.iter().enumerate().rev() {
                    l = self.cons(e, l);
                    labels.patch_if_open(&items[i], l, v::PAIR_CAR);
                    if i + 1 == items.len() {
                        if let Some(t) = tail {
                            labels.patch_if_open(t, l, v::PAIR_CDR);
                        }
                    }
                }
                l
            }
            DatumKind::Vector(items) => {
                let elems: Vec<Value> = items
                    .iter()
                    .map(|i| self.build_labelled(i, labels))
                    .collect();
                let vec = self.alloc(
                    1 + elems.len(),
                    v::header(v::HDR_VECTOR, elems.len() as u64),
                    v::TAG_OBJECT,
                );
                for (i, &e) in elems.iter().enumerate() {
                    self.b.ins().store(
                        MemFlagsData::trusted(),
                        e,
                        vec,
                        v::VECTOR_ELEM0 + 8 * i as i32,
                    );
                    labels.patch_if_open(&items[i], vec, v::VECTOR_ELEM0 + 8 * i as i32);
                }
                vec
            }
            DatumKind::Bytevector(bytes) => {
                // Built inline, immutable (a literal): header, length, bytes.
                let words = v::bytevector_words(bytes.len() as u64);
                let bv = self.alloc(
                    1 + words as usize,
                    v::header(v::HDR_BYTEVECTOR, words) | v::IMMUTABLE_BIT,
                    v::TAG_OBJECT,
                );
                let len = self.iconst(bytes.len() as u64);
                self.b
                    .ins()
                    .store(MemFlagsData::trusted(), len, bv, v::BYTEVECTOR_LEN);
                for (i, chunk) in bytes.chunks(8).enumerate() {
                    let mut word = [0u8; 8];
                    word[..chunk.len()].copy_from_slice(chunk);
                    let w = self.iconst(u64::from_le_bytes(word));
                    self.b.ins().store(
                        MemFlagsData::trusted(),
                        w,
                        bv,
                        v::BYTEVECTOR_BYTES + 8 * i as i32,
                    );
                }
                bv
            }
            _ => unreachable!("immediates handled above"),
        }
    }

    pub(super) fn symbol_constant(&mut self, name: &str) -> Value {
        let d = Datum::new(DatumKind::Symbol(name.to_string()), Default::default());
        self.constant_value(&d)
    }

    pub(super) fn constant_value(&mut self, d: &Datum) -> Value {
        if let Some(imm) = immediate(d) {
            return self.b.ins().iconst(I64, imm);
        }
        let i = self.sh.constant(d);
        self.constant_load(i)
    }

    /// The one record of lambda `id`, which has no free variables: built
    /// once at start-up (`Shared::static_closure`). `(eq? (f) (f))` may hold
    /// for `(define (f) (lambda () 1))`, as R7RS allows.
    pub(super) fn static_closure(&mut self, id: LambdaId) -> Value {
        let i = self.sh.static_closure(id);
        self.constant_load(i)
    }

    /// Entry `i` of `closc_constants`.
    pub(super) fn constant_load(&mut self, i: usize) -> Value {
        let base = self.data_addr(self.sh.constants_data);
        let x = self.b.ins().load(I64, immutable(), base, (i * 8) as i32);
        self.b.declare_value_needs_stack_map(x);
        x
    }
}

/// The datum labels of the quoted datum being built.
#[derive(Default)]
struct Labels {
    /// Each label met: its value once its datum is built.
    values: HashMap<u32, Option<Value>>,
    /// Slots holding a reference to a label still being built: the label,
    /// the object and the slot's offset from the tagged pointer.
    patches: Vec<(u32, Value, i32)>,
}

impl Labels {
    /// Records slot `offset` of `obj` if datum `d`, stored there, is a
    /// reference to a label whose datum is not built yet.
    fn patch_if_open(&mut self, d: &Datum, obj: Value, offset: i32) {
        if let DatumKind::LabelRef(n) = d.kind {
            if self.values.get(&n) == Some(&None) {
                self.patches.push((n, obj, offset));
            }
        }
    }
}

pub(super) fn strip_spans(d: &Datum) -> DatumKind {
    match &d.kind {
        DatumKind::List(items, tail) => DatumKind::List(
            items
                .iter()
                .map(|i| Datum::new(strip_spans(i), Default::default()))
                .collect(),
            tail.as_ref()
                .map(|t| Box::new(Datum::new(strip_spans(t), Default::default()))),
        ),
        DatumKind::Vector(items) => DatumKind::Vector(
            items
                .iter()
                .map(|i| Datum::new(strip_spans(i), Default::default()))
                .collect(),
        ),
        DatumKind::Labelled(n, inner) => DatumKind::Labelled(
            *n,
            Box::new(Datum::new(strip_spans(inner), Default::default())),
        ),
        k => k.clone(),
    }
}

/// Immediate encoding of a datum that needs no heap object.
pub(super) fn immediate(d: &Datum) -> Option<i64> {
    Some(match &d.kind {
        DatumKind::Bool(b) => v::boolean(*b) as i64,
        DatumKind::Int(n) => {
            debug_assert!(
                v::fits_fixnum(*n),
                "the expander rejects literals outside the fixnum range"
            );
            v::fixnum(*n as i64) as i64
        }
        DatumKind::Char(c) => v::char_value(*c) as i64,
        DatumKind::List(items, None) if items.is_empty() => v::NIL as i64,
        _ => return None,
    })
}

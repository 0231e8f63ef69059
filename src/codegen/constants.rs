//! Quoted data and static closures: the entries of `closc_constants`, each
//! built once at start-up by `closc_entry`, and the code that loads them.
//!
//! In: a datum met while lowering. Out: an immediate (fixnum, boolean,
//! character, empty list) as a constant instruction, or a load of its slot
//! in `closc_constants`; equal data (spans aside) share a slot. The quoted
//! data are serialised into the program's data (`serialise_datums`) and
//! built by the runtime at start-up (`closcrt::control::literals`), with the
//! sharing and cycles their datum labels describe: code size and compile
//! time do not grow with a literal's size.

use super::lower::FnCx;
use super::shared::Shared;
use super::{immutable, I64};
use crate::datum::{Datum, DatumKind};
use crate::ir::LambdaId;
use closcrt::control::literals::tag;
use closcrt::memory::value as v;
use cranelift_codegen::ir::{InstBuilder, Value};
use cranelift_module::Module;

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
        self.raw_bytes(s.as_bytes())
    }

    /// Appends `bytes` to the program's byte data: their offset and length.
    pub(super) fn raw_bytes(&mut self, bytes: &[u8]) -> (usize, usize) {
        let offset = self.string_bytes.len();
        self.string_bytes.extend_from_slice(bytes);
        (offset, bytes.len())
    }
}

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
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

/// Every quoted datum among `constants`, with its slot, in the form
/// `closc_rt_build_constants` reads (`closcrt::control::literals`): data the
/// runtime builds from at start-up, so a literal costs compile time and
/// memory in proportion to its size. `None` when there is none.
pub(super) fn serialise_datums(constants: &[Constant]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let datums: Vec<(usize, &Datum)> = constants
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Constant::Datum(d) => Some((i, d)),
            Constant::Closure(_) => None,
        })
        .collect();
    if datums.is_empty() {
        return None;
    }
    put_uint(&mut out, datums.len() as u64);
    for (slot, d) in datums {
        put_uint(&mut out, slot as u64);
        put_datum(&mut out, d);
    }
    Some(out)
}

fn put_uint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_text(out: &mut Vec<u8>, bytes: &[u8]) {
    put_uint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// One datum; nesting is bounded by the reader's limit (`MAX_NESTING`).
fn put_datum(out: &mut Vec<u8>, d: &Datum) {
    if let DatumKind::Int(n) = d.kind {
        out.push(tag::FIXNUM);
        put_uint(out, ((n << 1) ^ (n >> 63)) as u64);
        return;
    }
    if let Some(imm) = immediate(d) {
        out.push(tag::WORD);
        out.extend_from_slice(&(imm as u64).to_le_bytes());
        return;
    }
    match &d.kind {
        DatumKind::Symbol(s) => {
            out.push(tag::SYMBOL);
            put_text(out, s.as_bytes());
        }
        DatumKind::Str(s) => {
            out.push(tag::STRING);
            put_text(out, s.as_bytes());
        }
        DatumKind::Number(s) => {
            out.push(tag::NUMBER);
            put_text(out, s.as_bytes());
        }
        DatumKind::Bytevector(bytes) => {
            out.push(tag::BYTEVECTOR);
            put_text(out, bytes);
        }
        DatumKind::List(items, tail) => {
            out.push(tag::LIST);
            put_uint(out, items.len() as u64);
            items.iter().for_each(|i| put_datum(out, i));
            match tail {
                Some(t) => put_datum(out, t),
                None => {
                    out.push(tag::WORD);
                    out.extend_from_slice(&v::NIL.to_le_bytes());
                }
            }
        }
        DatumKind::Vector(items) => {
            out.push(tag::VECTOR);
            put_uint(out, items.len() as u64);
            items.iter().for_each(|i| put_datum(out, i));
        }
        DatumKind::Labelled(n, inner) => {
            out.push(tag::LABEL);
            put_uint(out, u64::from(*n));
            put_datum(out, inner);
        }
        DatumKind::LabelRef(n) => {
            out.push(tag::LABEL_REF);
            put_uint(out, u64::from(*n));
        }
        _ => unreachable!("immediates handled above"),
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
                v::fits_fixnum(*n as i128),
                "the expander rejects literals outside the fixnum range"
            );
            v::fixnum(*n) as i64
        }
        DatumKind::Char(c) => v::char_value(*c) as i64,
        DatumKind::List(items, None) if items.is_empty() => v::NIL as i64,
        _ => return None,
    })
}

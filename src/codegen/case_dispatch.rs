//! `case` on dense fixnum or character keys as a jump table.
//!
//! In: a chain of conditionals that each test one variable against
//! constants with `eqv?` (or `eq?`), the shape the expander gives `case`:
//! `(if (eqv? k 1) a (if (if (eqv? k 2) #t (eqv? k 3)) b c))`. When all its
//! keys are fixnums, or all characters, and there are at least
//! `MIN_KEYS` of them spread over a range no wider than `DENSITY` times
//! their number, the chain compiles to one type check, one range check and
//! a Cranelift `br_table` to the clause bodies; the last arm that is not
//! such a test (the `else` clause, or nothing) is the default. Anything
//! that is not the key's type or falls outside the range goes to the
//! default too: no other value is `eqv?` to a fixnum or character.
//! Otherwise the chain stays a chain of word compares (`conditions.rs`).
//! Invariant: the first clause holding a key wins, as in the chain.

use super::builtins::inline_kind;
use super::lower::FnCx;
use super::I64;
use crate::datum::DatumKind;
use crate::ir::{Expr, Prim, VarId};
use closcrt::builtins::table::Inline;
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I32;
use cranelift_codegen::ir::{Block, BlockArg, InstBuilder, JumpTableData, Value};
use cranelift_module::Module;

/// The fewest keys worth a table (below, a few compares are as fast).
const MIN_KEYS: usize = 4;
/// The widest range of keys per key a table may cover.
const DENSITY: i64 = 3;
/// The most entries a table has.
const MAX_ENTRIES: i64 = 1024;

#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyClass {
    Fixnum,
    Char,
}

/// A dispatch found in a chain of conditionals.
pub(super) struct CaseTable<'e> {
    var: VarId,
    class: KeyClass,
    /// Each clause's key values (untagged) and body.
    clauses: Vec<(Vec<i64>, &'e Expr)>,
    default: &'e Expr,
    min: i64,
    range: i64,
}

/// The clause keys of a `case` test on variable `var` (or on the variable
/// the first test names, when `var` is `None`), added to `keys`.
fn test_keys(test: &Expr, var: &mut Option<VarId>, keys: &mut Vec<(KeyClass, i64)>) -> bool {
    match test {
        Expr::Prim(Prim::Builtin(b), args, _) => {
            if !matches!(inline_kind(*b, args.len()), Some(Inline::Eqv | Inline::Eq)) {
                return false;
            }
            let (Expr::Local(x), Expr::Const(d)) = (&args[0], &args[1]) else {
                return false;
            };
            if *var.get_or_insert(*x) != *x {
                return false;
            }
            let key = match d.kind {
                DatumKind::Int(n) => (KeyClass::Fixnum, n),
                DatumKind::Char(c) => (KeyClass::Char, c as i64),
                _ => return false,
            };
            keys.push(key);
            true
        }
        Expr::If(c, t, rest) if matches!(&**t, Expr::Const(d) if d.kind == DatumKind::Bool(true)) => {
            test_keys(c, var, keys) && test_keys(rest, var, keys)
        }
        _ => false,
    }
}

/// The jump table `e` (an `if`) compiles to, if it is one (see the module doc).
pub(super) fn case_table(e: &Expr) -> Option<CaseTable<'_>> {
    let mut var = None;
    let mut clauses = Vec::new();
    let mut all: Vec<(KeyClass, i64)> = Vec::new();
    let mut at = e;
    while let Expr::If(test, body, rest) = at {
        let mut keys = Vec::new();
        if !test_keys(test, &mut var, &mut keys) {
            break;
        }
        all.extend(&keys);
        clauses.push((keys.into_iter().map(|(_, k)| k).collect(), &**body));
        at = rest;
    }
    let class = all.first()?.0;
    if all.len() < MIN_KEYS || all.iter().any(|&(c, _)| c != class) {
        return None;
    }
    let min = all.iter().map(|&(_, k)| k).min()?;
    let max = all.iter().map(|&(_, k)| k).max()?;
    let range = max.checked_sub(min)?.checked_add(1)?;
    if range > DENSITY * all.len() as i64 || range > MAX_ENTRIES {
        return None;
    }
    Some(CaseTable {
        var: var?,
        class,
        clauses,
        default: at,
        min,
        range,
    })
}

impl<M: Module> FnCx<'_, '_, M> {
    /// Compiles `table`: in tail position (`tail`, returns `None`), or for
    /// its value.
    pub(super) fn case_dispatch(&mut self, table: &CaseTable, tail: bool) -> Option<Value> {
        let x = self.value(&Expr::Local(table.var));
        let (ok, index) = match table.class {
            KeyClass::Fixnum => {
                let low = self.b.ins().band_imm_s(x, 1);
                let fixnum = self.b.ins().icmp_imm_s(IntCC::Equal, low, 0);
                (fixnum, self.b.ins().sshr_imm_s(x, 1))
            }
            KeyClass::Char => {
                let t = self.b.ins().band_imm_s(x, v::CHAR_TAG_MASK as i64);
                let char = self.b.ins().icmp_imm_s(IntCC::Equal, t, v::CHAR_TAG as i64);
                (char, self.b.ins().ushr_imm_s(x, v::CHAR_CODE_SHIFT as i64))
            }
        };
        let offset = self.b.ins().iadd_imm_s(index, -table.min);
        let in_range = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, offset, table.range);
        let hit = self.b.ins().band(ok, in_range);
        let (dispatch, default) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(hit, dispatch, &[], default, &[]);
        self.b.switch_to_block(dispatch);
        let bodies: Vec<Block> = table
            .clauses
            .iter()
            .map(|_| self.b.create_block())
            .collect();
        let mut targets = vec![default; table.range as usize];
        let mut set = vec![false; table.range as usize];
        for ((keys, _), &block) in table.clauses.iter().zip(&bodies) {
            for &k in keys {
                let i = (k - table.min) as usize;
                if !set[i] {
                    set[i] = true;
                    targets[i] = block;
                }
            }
        }
        let no_args: &[BlockArg] = &[];
        let default_call = self.b.func.dfg.block_call(default, no_args);
        let calls: Vec<_> = targets
            .iter()
            .map(|&t| self.b.func.dfg.block_call(t, no_args))
            .collect();
        let jt = self
            .b
            .create_jump_table(JumpTableData::new(default_call, &calls));
        let index32 = self.b.ins().ireduce(I32, offset);
        self.b.ins().br_table(index32, jt);
        let arms = table
            .clauses
            .iter()
            .map(|(_, body)| *body)
            .zip(bodies)
            .chain(std::iter::once((table.default, default)));
        let budget = self.budget;
        let vectors = self.known_vectors.mark();
        if tail {
            for (body, block) in arms {
                self.budget = budget;
                self.known_vectors.restore(vectors);
                self.b.switch_to_block(block);
                self.tail(body);
            }
            self.known_vectors.restore(vectors);
            return None;
        }
        let join = self.b.create_block();
        let result = self.b.append_block_param(join, I64);
        let mut least = budget;
        for (body, block) in arms {
            self.budget = budget;
            self.known_vectors.restore(vectors);
            self.b.switch_to_block(block);
            let r = self.value(body);
            least = least.min(self.budget);
            self.b.ins().jump(join, &[BlockArg::Value(r)]);
        }
        self.budget = least;
        self.known_vectors.restore(vectors);
        self.b.switch_to_block(join);
        self.b.declare_value_needs_stack_map(result);
        Some(result)
    }
}

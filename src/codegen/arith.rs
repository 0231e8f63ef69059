//! Inline arithmetic: whole expression trees of `+ - * /` (and a numeric
//! comparison over them), compiled with one type dispatch per tree.
//!
//! In: a builtin call such as `(+ (- zr2 zi2) cr)` or `(> (+ a b) 4.0)`.
//! The tree's leaves (operands that are not themselves `+ - * /`) are
//! evaluated first, once, in order; then:
//! - if every leaf is a fixnum, the tree is computed in machine integers on
//!   tagged values, each operation checking for overflow;
//! - else if every leaf is a flonum, the tree is computed in `f64` registers
//!   and only its result is boxed (one allocation per tree, none for a
//!   comparison): this is what keeps flonum loops from allocating an object
//!   per operation;
//! - else if every leaf is a fixnum or a flonum (and some leaf may be a
//!   flonum), the *mixed* path computes the tree in `f64` registers too, each
//!   value with a flag saying it is an exact integer: it leaves for the
//!   generic path wherever its result could differ from the generic one (a
//!   fixnum leaf of 2^53 or more in magnitude, two exact operands whose
//!   result is not an exact integer below 2^53 or is a quotient, an exact 0
//!   meeting a flonum (an exact identity there), an exact result);
//! - otherwise (bignums, ratios, an overflow, a non-number) the
//!   tree is computed operation by operation by the generic runtime code
//!   (`closc_num_*`), called directly (see `FnCx::direct_call`), which also
//!   reports type errors.
//!
//! Literal leaves are known statically: a flonum literal rules out the fixnum
//! path; a fixnum literal below 2^53 other than 0 is exact in `f64` and joins
//! the flonum path as its value (exact 0 is an exact identity in the generic
//! code, `(* 0 1.5)` is 0, so it is treated like a non-flonum leaf) (every operation in a tree has a non-literal operand, so
//! its result is inexact whenever that operand is a flonum, exactly as the
//! generic code computes it). Invariant: the three paths compute the same
//! value for the same leaves; the fast paths are shortcuts, never semantics.

use super::lower::FnCx;
use super::I64;
use crate::datum::DatumKind;
use crate::ir::{Expr, Prim};
use crate::passes::flonum_hints::may_be_flonum;
use closcrt::abi::RtEntry;
use closcrt::builtins::table::{Inline, NumCompare};
use closcrt::memory::value as v;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::types::{F64, I8};
use cranelift_codegen::ir::{Block, BlockArg, InstBuilder, MemFlagsData, Value};
use cranelift_module::{FuncId, Module};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// An arithmetic tree; leaves index `Tree::leaves` of the compiled tree.
#[derive(Debug)]
enum Node {
    Op(Op, Box<Node>, Box<Node>),
    Neg(Box<Node>),
    Leaf(usize),
}

#[derive(Debug)]
enum Leaf<'e> {
    Fixnum(i64),
    /// A flonum literal: its value, and the expression for the boxed constant.
    Flonum(f64, &'e Expr),
    Dynamic(&'e Expr),
}

struct Tree<'e> {
    root: Node,
    leaves: Vec<Leaf<'e>>,
}

/// The most operands of an operation in a tree, and about the most leaves
/// of a tree (nested operations stop growing it at this many). A wider call
/// is a plain call of the builtin, and a nested call past this many leaves
/// becomes a leaf compiled as a tree of its own. Every operation of the fixnum path branches to the generic
/// one, where all the tree's leaves are live: the blocks and live values
/// grow as the square of the leaves, and so did Cranelift's safepoint
/// liveness analysis on the 10,000-line benchmark's `(+ r0 ... r908)` (69 ms).
pub(super) const MAX_TREE_LEAVES: usize = 32;

/// 2^53: integers below it in magnitude are exact in an `f64`, and so is the
/// sum, difference or product of two of them when it is below it too.
const EXACT_F64_LIMIT: u64 = 1 << 53;

/// A node's value on the mixed path: its `f64`, and an `i8` flag that is 1
/// when it is an exact integer (computed from fixnums only).
#[derive(Clone, Copy)]
struct Mixed {
    x: Value,
    exact: Value,
}

/// The arithmetic operator a builtin of inline kind `kind` stands for with
/// `argc` arguments, if the tree compiler handles it.
pub(super) fn operator(kind: Inline, argc: usize) -> Option<Op> {
    if argc > MAX_TREE_LEAVES {
        return None;
    }
    Some(match (kind, argc) {
        (Inline::Add, 2..) => Op::Add,
        (Inline::Sub, 1..) => Op::Sub,
        (Inline::Mul, 2..) => Op::Mul,
        (Inline::Div, 2..) => Op::Div,
        _ => return None,
    })
}

/// Whether a call of a builtin of inline kind `kind` on `args` is compiled
/// as an arithmetic tree (an operator the tree compiler handles, with some
/// operand that is not a literal).
pub(super) fn is_arith(kind: Inline, args: &[Expr]) -> bool {
    operator(kind, args.len()).is_some() && !args.iter().all(is_literal)
}

impl<'e> Tree<'e> {
    fn empty() -> Tree<'e> {
        Tree {
            root: Node::Leaf(0),
            leaves: Vec::new(),
        }
    }

    fn node(&mut self, e: &'e Expr) -> Node {
        if self.leaves.len() + 1 >= MAX_TREE_LEAVES {
            return self.leaf(e);
        }
        if let Expr::Prim(Prim::Builtin(b), args, _) = e {
            let kind = b.builtin().props.inline;
            if let Some(op) = kind.and_then(|k| operator(k, args.len())) {
                if !args.iter().all(is_literal) {
                    return self.call(op, args);
                }
                // Nothing dynamic: left to the generic code, as one leaf.
            }
        }
        self.leaf(e)
    }

    fn call(&mut self, op: Op, args: &'e [Expr]) -> Node {
        if op == Op::Sub && args.len() == 1 {
            return Node::Neg(Box::new(self.node(&args[0])));
        }
        let mut acc = self.node(&args[0]);
        for a in &args[1..] {
            acc = Node::Op(op, Box::new(acc), Box::new(self.node(a)));
        }
        acc
    }

    fn leaf(&mut self, e: &'e Expr) -> Node {
        let leaf = match e {
            Expr::Const(d) => match &d.kind {
                // Exact 0 is an exact identity (`(* 0 1.5)` is 0, `(+ 0 -0.0)`
                // is -0.0), which f64 arithmetic is not: it takes the generic path.
                DatumKind::Int(n) if *n != 0 && n.unsigned_abs() < 1 << 53 => Leaf::Fixnum(*n),
                DatumKind::Number(text) => match closcrt::numbers::parse(text, 10) {
                    Some(closcrt::numbers::Num::Flo(x)) => Leaf::Flonum(x, e),
                    _ => Leaf::Dynamic(e),
                },
                _ => Leaf::Dynamic(e),
            },
            _ => Leaf::Dynamic(e),
        };
        self.leaves.push(leaf);
        Node::Leaf(self.leaves.len() - 1)
    }

    fn has_division(&self) -> bool {
        fn walk(n: &Node) -> bool {
            match n {
                Node::Op(op, a, b) => *op == Op::Div || walk(a) || walk(b),
                Node::Neg(a) => walk(a),
                Node::Leaf(_) => false,
            }
        }
        walk(&self.root)
    }

    /// The fixnum path is possible: no flonum literal, no division.
    fn fixnum_possible(&self) -> bool {
        !self.has_division() && !self.leaves.iter().any(|l| matches!(l, Leaf::Flonum(..)))
    }

    /// Every fixnum literal converts to `f64` exactly and is below 2^53, as
    /// the mixed path needs of its exact operands.
    fn literals_below_2_53(&self) -> bool {
        self.leaves
            .iter()
            .all(|l| !matches!(l, Leaf::Fixnum(k) if k.unsigned_abs() >= EXACT_F64_LIMIT))
    }

    /// The flonum path is worth its code: some leaf is a flonum literal or
    /// may be a flonum by `may_be_flonum` (see `passes::flonum_hints`).
    fn flonum_likely(&self, may_be_flonum: impl Fn(&Expr) -> bool) -> bool {
        self.leaves.iter().any(|l| match l {
            Leaf::Flonum(..) => true,
            Leaf::Dynamic(e) => may_be_flonum(e),
            Leaf::Fixnum(_) => false,
        })
    }
}

fn is_literal(e: &Expr) -> bool {
    matches!(e, Expr::Const(_))
}

/// A leaf's value on each path: tagged for the fixnum and generic paths.
type LeafValues = Vec<Value>;

impl<M: Module> FnCx<'_, '_, M> {
    /// Compiles the arithmetic call of a builtin of inline kind `kind` on
    /// `args` (see `is_arith`) to its tagged result.
    pub(super) fn arith(&mut self, kind: Inline, args: &[Expr]) -> Value {
        let op = operator(kind, args.len()).expect("is_arith holds");
        let mut tree = Tree::empty();
        tree.root = tree.call(op, args);
        let leaves = self.leaf_values(&tree);
        let join = self.b.create_block();
        let result = self.b.append_block_param(join, I64);
        // No path changes `budget`: boxing keeps the reserved room.
        let generic = self.b.create_block();
        self.b.set_cold_block(generic);
        self.dispatch(&tree, &leaves, generic, |fx, path| {
            let r = match path {
                Path::Fixnum => fx.fixnum_node(&tree.root, &tree, &leaves, generic),
                Path::Flonum => {
                    let x = fx.flonum_node(&tree.root, &tree, &leaves);
                    fx.box_flonum(x)
                }
                Path::Mixed(values) => {
                    let mut lost = fx.b.ins().iconst(I8, 0);
                    let r = fx.mixed_node(&tree.root, &tree, &values, &mut lost);
                    // An exact result is the generic code's to make.
                    let lost = fx.b.ins().bor(lost, r.exact);
                    fx.continue_unless(lost, generic);
                    fx.box_flonum(r.x)
                }
            };
            fx.b.ins().jump(join, &[BlockArg::Value(r)]);
        });
        self.b.switch_to_block(generic);
        let r = self.generic_node(&tree.root, &tree, &leaves);
        self.b.ins().jump(join, &[BlockArg::Value(r)]);
        self.b.switch_to_block(join);
        self.b.declare_value_needs_stack_map(result);
        result
    }

    /// Ends the current block with a branch on the numeric comparison
    /// `(cmp x y)`: to `then_block` if it holds, else to `else_block`.
    pub(super) fn branch_compare(
        &mut self,
        cmp: NumCompare,
        x: &Expr,
        y: &Expr,
        then_block: Block,
        else_block: Block,
    ) {
        // Both operands as one tree, so that one dispatch covers them.
        let mut tree = Tree::empty();
        let left = tree.node(x);
        let right = tree.node(y);
        tree.root = Node::Op(Op::Sub, Box::new(left), Box::new(right));
        let (Node::Op(_, left, right), leaves) = (&tree.root, self.leaf_values(&tree)) else {
            unreachable!("the root was just built as an operation");
        };
        let (icc, fcc, slow) = self.comparison_codes(cmp);
        let generic = self.b.create_block();
        self.b.set_cold_block(generic);
        self.dispatch(&tree, &leaves, generic, |fx, path| match path {
            Path::Fixnum => {
                let a = fx.fixnum_node(left, &tree, &leaves, generic);
                let b = fx.fixnum_node(right, &tree, &leaves, generic);
                let holds = fx.b.ins().icmp(icc, a, b);
                fx.b.ins().brif(holds, then_block, &[], else_block, &[]);
            }
            Path::Flonum => {
                let a = fx.flonum_node(left, &tree, &leaves);
                let b = fx.flonum_node(right, &tree, &leaves);
                let holds = fx.b.ins().fcmp(fcc, a, b);
                fx.b.ins().brif(holds, then_block, &[], else_block, &[]);
            }
            Path::Mixed(values) => {
                // Both sides are exact in `f64` (or flonums), so comparing
                // them as `f64`s is exact.
                let mut lost = fx.b.ins().iconst(I8, 0);
                let a = fx.mixed_node(left, &tree, &values, &mut lost);
                let b = fx.mixed_node(right, &tree, &values, &mut lost);
                fx.continue_unless(lost, generic);
                let holds = fx.b.ins().fcmp(fcc, a.x, b.x);
                fx.b.ins().brif(holds, then_block, &[], else_block, &[]);
            }
        });
        self.b.switch_to_block(generic);
        let a = self.generic_node(left, &tree, &leaves);
        let b = self.generic_node(right, &tree, &leaves);
        let r = self.direct_call(slow, a, b);
        let holds = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, v::FALSE as i64);
        self.b.ins().brif(holds, then_block, &[], else_block, &[]);
    }

    /// The comparison `(cmp x y)` as a boolean value.
    pub(super) fn compare_value(&mut self, cmp: NumCompare, x: &Expr, y: &Expr) -> Value {
        let (then_block, else_block, join) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        let result = self.b.append_block_param(join, I64);
        self.branch_compare(cmp, x, y, then_block, else_block);
        for (block, value) in [(then_block, v::TRUE), (else_block, v::FALSE)] {
            self.b.switch_to_block(block);
            let c = self.iconst(value);
            self.b.ins().jump(join, &[BlockArg::Value(c)]);
        }
        self.b.switch_to_block(join);
        result
    }

    /// Integer and float condition codes of comparison `cmp`, and its generic
    /// slow path.
    pub(super) fn comparison_codes(&self, cmp: NumCompare) -> (IntCC, FloatCC, FuncId) {
        let rt = &self.sh.rt;
        match cmp {
            NumCompare::Eq => (IntCC::Equal, FloatCC::Equal, rt[RtEntry::NumEq]),
            NumCompare::Lt => (IntCC::SignedLessThan, FloatCC::LessThan, rt[RtEntry::NumLt]),
            NumCompare::Gt => (
                IntCC::SignedGreaterThan,
                FloatCC::GreaterThan,
                rt[RtEntry::NumGt],
            ),
            NumCompare::Le => (
                IntCC::SignedLessThanOrEqual,
                FloatCC::LessThanOrEqual,
                rt[RtEntry::NumLe],
            ),
            NumCompare::Ge => (
                IntCC::SignedGreaterThanOrEqual,
                FloatCC::GreaterThanOrEqual,
                rt[RtEntry::NumGe],
            ),
        }
    }

    /// Evaluates the dynamic leaves in order; literal leaves become constants.
    /// When every leaf is a variable or a literal, nothing in the tree can
    /// change a variable, so a variable used twice is read once.
    fn leaf_values(&mut self, tree: &Tree) -> LeafValues {
        let simple = tree.leaves.iter().all(|l| match l {
            Leaf::Dynamic(e) => matches!(e, Expr::Local(_) | Expr::FreeRef(..) | Expr::Const(_)),
            _ => true,
        });
        let mut vals: Vec<Value> = Vec::with_capacity(tree.leaves.len());
        for (i, leaf) in tree.leaves.iter().enumerate() {
            if let (true, Leaf::Dynamic(Expr::Local(var))) = (simple, leaf) {
                let earlier = tree.leaves[..i]
                    .iter()
                    .position(|l| matches!(l, Leaf::Dynamic(Expr::Local(w)) if w == var));
                if let Some(j) = earlier {
                    vals.push(vals[j]);
                    continue;
                }
            }
            let x = match leaf {
                Leaf::Dynamic(e) => self.value(e),
                Leaf::Fixnum(n) => self.iconst(v::fixnum(*n)),
                // Only the flonum path reads a flonum literal (as an f64);
                // the generic path loads the boxed constant when it needs it.
                Leaf::Flonum(..) => self.iconst(v::FALSE),
            };
            vals.push(x);
        }
        vals
    }

    /// Emits the type dispatch of a tree and calls `path` with the current
    /// block set to the start of each possible fast path; anything else goes
    /// to `generic`. `path` must end the block it is given.
    fn dispatch(
        &mut self,
        tree: &Tree,
        leaves: &LeafValues,
        generic: Block,
        mut path: impl FnMut(&mut Self, Path),
    ) {
        // The leaves to check: those not known to be fixnums (see
        // `fixnum_facts`). A known fixnum leaf rules out the flonum path.
        let mut dynamic: Vec<Value> = Vec::new();
        let mut some_known = false;
        for (l, &x) in tree.leaves.iter().zip(leaves) {
            if let Leaf::Dynamic(e) = l {
                if self.facts.is_fixnum(e) {
                    some_known = true;
                } else if !dynamic.contains(&x) {
                    dynamic.push(x);
                }
            }
        }
        let program = self.sh.program;
        let likely = tree.flonum_likely(|e| may_be_flonum(program, e));
        let pure = !some_known && likely;
        // The mixed path is for trees with evidence of fixnum operands too:
        // a leaf known to be a fixnum or not hinted as a flonum. Where every
        // dynamic leaf is hinted, the flonum path is the one taken, and a
        // mixed path would only crowd it (mandel's loop: 1.05-1.12x).
        let some_unhinted = tree.leaves.iter().any(|l| match l {
            Leaf::Dynamic(e) => !may_be_flonum(program, e),
            _ => false,
        });
        let mixed = if likely && (some_known || some_unhinted) && tree.literals_below_2_53() {
            self.b.create_block()
        } else {
            generic
        };
        let next = if pure { self.b.create_block() } else { mixed };
        if tree.fixnum_possible() {
            let fixnums = self.b.create_block();
            let all = dynamic
                .iter()
                .copied()
                .reduce(|a, b| self.b.ins().bor(a, b));
            match all {
                Some(all) => {
                    let low = self.b.ins().band_imm_s(all, 1);
                    self.b.ins().brif(low, next, &[], fixnums, &[]);
                }
                None => {
                    self.b.ins().jump(fixnums, &[]);
                }
            }
            self.b.switch_to_block(fixnums);
            path(self, Path::Fixnum);
        } else {
            self.b.ins().jump(next, &[]);
        }
        if pure {
            let first_flonum_block = self.b.func.dfg.num_blocks() as u32;
            self.b.switch_to_block(next);
            for &x in &dynamic {
                let is_flonum = self.is_kind(x, v::HDR_FLONUM);
                let ok = self.b.create_block();
                self.b.ins().brif(is_flonum, ok, &[], mixed, &[]);
                self.b.switch_to_block(ok);
            }
            path(self, Path::Flonum);
            if tree.fixnum_possible() {
                // Where fixnums are possible they are the likely case: the
                // flonum path goes after the function's hot code, so the
                // fixnum path falls through instead of jumping over it
                // (tailcall 0.41 s -> 0.30 s, ack 1.71 s -> 1.36 s; mandel,
                // all flonums, 0.241 s -> 0.253 s).
                self.b.set_cold_block(next);
                for i in first_flonum_block..self.b.func.dfg.num_blocks() as u32 {
                    self.b.set_cold_block(Block::from_u32(i));
                }
            }
        }
        if mixed != generic {
            let first_mixed_block = self.b.func.dfg.num_blocks() as u32;
            self.b.switch_to_block(mixed);
            let mut values: Vec<Option<Mixed>> = vec![None; tree.leaves.len()];
            for (i, (l, &x)) in tree.leaves.iter().zip(leaves).enumerate() {
                if let Leaf::Dynamic(e) = l {
                    let same = (0..i).find(|&j| leaves[j] == x && values[j].is_some());
                    values[i] = match same {
                        Some(j) => values[j],
                        None => Some(self.mixed_leaf(x, self.facts.is_fixnum(e), generic)),
                    };
                }
            }
            path(self, Path::Mixed(values));
            // Mixed operands are the rare case where another path exists.
            if tree.fixnum_possible() || pure {
                self.b.set_cold_block(mixed);
                for i in first_mixed_block..self.b.func.dfg.num_blocks() as u32 {
                    self.b.set_cold_block(Block::from_u32(i));
                }
            }
        }
    }

    /// A leaf's value on the mixed path: a fixnum below 2^53 in magnitude
    /// (`known_fixnum`: surely a fixnum) as an exact `f64`, or a flonum's
    /// `f64`; anything else goes to `generic`.
    fn mixed_leaf(&mut self, x: Value, known_fixnum: bool, generic: Block) -> Mixed {
        let (fixnum, other, join) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        let f = self.b.append_block_param(join, F64);
        let exact = self.b.append_block_param(join, I8);
        if known_fixnum {
            self.b.ins().jump(fixnum, &[]);
        } else {
            let low = self.b.ins().band_imm_s(x, 1);
            self.b.ins().brif(low, other, &[], fixnum, &[]);
        }
        self.b.switch_to_block(fixnum);
        let n = self.b.ins().sshr_imm_s(x, 1);
        let biased = self.b.ins().iadd_imm_s(n, EXACT_F64_LIMIT as i64);
        let below =
            self.b
                .ins()
                .icmp_imm_s(IntCC::UnsignedLessThan, biased, 2 * EXACT_F64_LIMIT as i64);
        self.continue_if(below, generic);
        let converted = self.b.ins().fcvt_from_sint(F64, n);
        let one = self.b.ins().iconst(I8, 1);
        self.b
            .ins()
            .jump(join, &[BlockArg::Value(converted), BlockArg::Value(one)]);
        self.b.switch_to_block(other);
        if known_fixnum {
            // Unreachable, but every block needs an end.
            self.b.ins().jump(generic, &[]);
        } else {
            let is_flonum = self.is_kind(x, v::HDR_FLONUM);
            self.continue_if(is_flonum, generic);
            let bits = self
                .b
                .ins()
                .load(F64, MemFlagsData::trusted(), x, v::FLONUM_BITS);
            let zero = self.b.ins().iconst(I8, 0);
            self.b
                .ins()
                .jump(join, &[BlockArg::Value(bits), BlockArg::Value(zero)]);
        }
        self.b.switch_to_block(join);
        Mixed { x: f, exact }
    }

    /// Continues in a new block if `cond` holds, else branches to `slow`.
    fn continue_if(&mut self, cond: Value, slow: Block) {
        let ok = self.b.create_block();
        self.b.ins().brif(cond, ok, &[], slow, &[]);
        self.b.switch_to_block(ok);
    }

    /// A node on the mixed path; `lost` accumulates (as an `i8` flag) where
    /// its result could differ from the generic code's.
    fn mixed_node(
        &mut self,
        n: &Node,
        tree: &Tree,
        values: &[Option<Mixed>],
        lost: &mut Value,
    ) -> Mixed {
        match n {
            Node::Leaf(i) => match tree.leaves[*i] {
                Leaf::Fixnum(k) => Mixed {
                    x: self.b.ins().f64const(k as f64),
                    exact: self.b.ins().iconst(I8, 1),
                },
                Leaf::Flonum(x, _) => Mixed {
                    x: self.b.ins().f64const(x),
                    exact: self.b.ins().iconst(I8, 0),
                },
                Leaf::Dynamic(_) => values[*i].expect("dispatch made every dynamic leaf's value"),
            },
            Node::Neg(a) => {
                let m = self.mixed_node(a, tree, values, lost);
                Mixed {
                    x: self.b.ins().fneg(m.x),
                    exact: m.exact,
                }
            }
            Node::Op(op, a, b) => {
                let p = self.mixed_node(a, tree, values, lost);
                let q = self.mixed_node(b, tree, values, lost);
                let r = match op {
                    Op::Add => self.b.ins().fadd(p.x, q.x),
                    Op::Sub => self.b.ins().fsub(p.x, q.x),
                    Op::Mul => self.b.ins().fmul(p.x, q.x),
                    Op::Div => self.b.ins().fdiv(p.x, q.x),
                };
                let both = self.b.ins().band(p.exact, q.exact);
                // An exact 0 beside a flonum: the generic code keeps it exact
                // (`(* 0 1.5)` is 0) or exact-identical (`(+ 0 -0.0)`).
                let zero = self.b.ins().f64const(0.0);
                let p_zero = self.b.ins().fcmp(FloatCC::Equal, p.x, zero);
                let q_zero = self.b.ins().fcmp(FloatCC::Equal, q.x, zero);
                let p_exact_zero = self.b.ins().band(p.exact, p_zero);
                let q_exact_zero = self.b.ins().band(q.exact, q_zero);
                let exact_zero = self.b.ins().bor(p_exact_zero, q_exact_zero);
                let one_exact = self.b.ins().bxor(p.exact, q.exact);
                let zero_lost = self.b.ins().band(one_exact, exact_zero);
                // Two exact operands: the generic result is exact, a ratio
                // for a quotient, and an `f64` holds it only below 2^53.
                let inexact = if *op == Op::Div {
                    both
                } else {
                    let magnitude = self.b.ins().fabs(r);
                    let limit = self.b.ins().f64const(EXACT_F64_LIMIT as f64);
                    let big = self
                        .b
                        .ins()
                        .fcmp(FloatCC::GreaterThanOrEqual, magnitude, limit);
                    self.b.ins().band(both, big)
                };
                let l = self.b.ins().bor(zero_lost, inexact);
                *lost = self.b.ins().bor(*lost, l);
                Mixed { x: r, exact: both }
            }
        }
    }

    /// A node on tagged fixnums; an overflow jumps to `generic`.
    fn fixnum_node(&mut self, n: &Node, tree: &Tree, leaves: &LeafValues, generic: Block) -> Value {
        let (op, a, b) = match n {
            Node::Leaf(i) => return leaves[*i],
            Node::Neg(a) => {
                let x = self.fixnum_node(a, tree, leaves, generic);
                let zero = self.iconst(v::fixnum(0));
                (Op::Sub, zero, x)
            }
            Node::Op(op, a, b) => {
                if let Some(r) = self.fixnum_plus_constant(*op, a, b, tree, leaves, generic) {
                    return r;
                }
                let x = self.fixnum_node(a, tree, leaves, generic);
                let y = self.fixnum_node(b, tree, leaves, generic);
                (*op, x, y)
            }
        };
        // Tagged n is 2n: 2a + 2b = 2(a+b), and (2a >> 1) * 2b = 2ab.
        let (r, overflow) = match op {
            Op::Add => self.b.ins().sadd_overflow(a, b),
            Op::Sub => self.b.ins().ssub_overflow(a, b),
            Op::Mul => {
                let untagged = self.b.ins().sshr_imm_s(a, 1);
                self.b.ins().smul_overflow(untagged, b)
            }
            Op::Div => unreachable!("trees with division have no fixnum path"),
        };
        self.continue_unless(overflow, generic);
        r
    }

    /// `x + k` or `x - k` (also `k + x`) for a literal fixnum `k`, whose
    /// overflow is a comparison of the result with `x`: adding a positive
    /// number overflowed if and only if the result is smaller. The compare
    /// and branch fuse into one instruction, where the overflow flag of a
    /// general addition takes `seto`, `test` and a branch.
    fn fixnum_plus_constant(
        &mut self,
        op: Op,
        a: &Node,
        b: &Node,
        tree: &Tree,
        leaves: &LeafValues,
        generic: Block,
    ) -> Option<Value> {
        let literal = |n: &Node| match n {
            Node::Leaf(i) => match tree.leaves[*i] {
                Leaf::Fixnum(k) => Some(k),
                _ => None,
            },
            _ => None,
        };
        let (x, k) = match (op, literal(a), literal(b)) {
            (Op::Add | Op::Sub, _, Some(k)) => (a, if op == Op::Add { k } else { -k }),
            (Op::Add, Some(k), None) => (b, k),
            _ => return None,
        };
        // Subtracting from a fixnum known to be big enough cannot overflow.
        let no_overflow = match x {
            Node::Leaf(i) => match tree.leaves[*i] {
                Leaf::Dynamic(e) => k
                    .checked_neg()
                    .is_some_and(|d| self.facts.difference_bound(e, d).is_some()),
                _ => false,
            },
            _ => false,
        };
        let x = self.fixnum_node(x, tree, leaves, generic);
        let r = self.b.ins().iadd_imm_s(x, v::fixnum(k) as i64);
        if no_overflow {
            return Some(r);
        }
        let cc = if k > 0 {
            IntCC::SignedLessThan
        } else {
            IntCC::SignedGreaterThan
        };
        let overflow = self.b.ins().icmp(cc, r, x);
        self.continue_unless(overflow, generic);
        Some(r)
    }

    /// Branches to `slow` if `cond` holds, else continues in a new block.
    fn continue_unless(&mut self, cond: Value, slow: Block) {
        let ok = self.b.create_block();
        self.b.ins().brif(cond, slow, &[], ok, &[]);
        self.b.switch_to_block(ok);
    }

    /// A node in `f64` registers; every dynamic leaf is a flonum here.
    fn flonum_node(&mut self, n: &Node, tree: &Tree, leaves: &LeafValues) -> Value {
        match n {
            Node::Leaf(i) => match tree.leaves[*i] {
                Leaf::Fixnum(k) => self.b.ins().f64const(k as f64),
                Leaf::Flonum(x, _) => self.b.ins().f64const(x),
                Leaf::Dynamic(_) => {
                    self.b
                        .ins()
                        .load(F64, MemFlagsData::trusted(), leaves[*i], v::FLONUM_BITS)
                }
            },
            Node::Neg(a) => {
                let x = self.flonum_node(a, tree, leaves);
                self.b.ins().fneg(x)
            }
            Node::Op(op, a, b) => {
                let x = self.flonum_node(a, tree, leaves);
                let y = self.flonum_node(b, tree, leaves);
                match op {
                    Op::Add => self.b.ins().fadd(x, y),
                    Op::Sub => self.b.ins().fsub(x, y),
                    Op::Mul => self.b.ins().fmul(x, y),
                    Op::Div => self.b.ins().fdiv(x, y),
                }
            }
        }
    }

    /// A node by the generic runtime code, one direct call per operation.
    fn generic_node(&mut self, n: &Node, tree: &Tree, leaves: &LeafValues) -> Value {
        let rt = &self.sh.rt;
        let (f, a, b) = match n {
            Node::Leaf(i) => {
                return match tree.leaves[*i] {
                    Leaf::Flonum(_, e) => self.value(e),
                    _ => leaves[*i],
                }
            }
            // (* -1 x) rather than (- 0 x): it keeps the sign of a zero flonum.
            Node::Neg(a) => (rt[RtEntry::NumMul], None, a),
            Node::Op(op, a, b) => {
                let f = match op {
                    Op::Add => rt[RtEntry::NumAdd],
                    Op::Sub => rt[RtEntry::NumSub],
                    Op::Mul => rt[RtEntry::NumMul],
                    Op::Div => rt[RtEntry::NumDiv],
                };
                (f, Some(a), b)
            }
        };
        let x = match a {
            Some(a) => self.generic_node(a, tree, leaves),
            None => self.iconst(v::fixnum(-1)),
        };
        let y = self.generic_node(b, tree, leaves);
        self.direct_call(f, x, y)
    }

    /// Boxes an `f64` with an inline bump whose slow path is a direct call
    /// (no safepoint, see `direct_call`). It leaves the entry reservation
    /// (`budget`) alone, for the allocations it was made for: the limit check
    /// keeps that much room beyond the box.
    fn box_flonum(&mut self, x: Value) -> Value {
        let state = self.heap_state();
        let ptr = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_PTR);
        let next = self.b.ins().iadd_imm_s(ptr, 16);
        let needed = self.b.ins().iadd_imm_s(next, self.budget as i64);
        let limit = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), state, v::HEAP_ALLOC_LIMIT);
        let full = self.b.ins().icmp(IntCC::UnsignedGreaterThan, needed, limit);
        let (fast, slow, join) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        let result = self.b.append_block_param(join, I64);
        self.b.set_cold_block(slow);
        self.b.ins().brif(full, slow, &[], fast, &[]);
        self.b.switch_to_block(fast);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), next, state, v::HEAP_ALLOC_PTR);
        let h = self.iconst(v::header(v::HDR_FLONUM, 1));
        self.b.ins().store(MemFlagsData::trusted(), h, ptr, 0);
        self.b.ins().store(MemFlagsData::trusted(), x, ptr, 8);
        let tagged = self.b.ins().iadd_imm_s(ptr, v::TAG_OBJECT as i64);
        self.b.ins().jump(join, &[BlockArg::Value(tagged)]);
        self.b.switch_to_block(slow);
        let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), x);
        let unused = self.iconst(0);
        let f = self.sh.rt[RtEntry::NumBoxFlonum];
        let boxed = self.direct_call(f, bits, unused);
        self.b.ins().jump(join, &[BlockArg::Value(boxed)]);
        self.b.switch_to_block(join);
        result
    }
}

enum Path {
    Fixnum,
    Flonum,
    /// The mixed path, with the value of each dynamic leaf (by index).
    Mixed(Vec<Option<Mixed>>),
}

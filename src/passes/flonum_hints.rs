//! flonum-hints: which variables and expressions may hold flonums.
//!
//! In: `ir` after `lift_lambdas`. Out: `Program::flonum_hints`, read by
//! codegen's arithmetic (`codegen/arith.rs`) to decide where an inline flonum
//! path is worth its code. Nothing in the program changes.
//!
//! Every arithmetic tree is correct on any operands through its generic path;
//! the inline flonum path is a shortcut that costs code (about half of
//! Cranelift's compile time on a program of small integer procedures, where
//! it is never taken). So it is emitted only where there is evidence of
//! flonums: a leaf that *may be a flonum* by these rules, or a flonum literal.
//! An expression may be a flonum when it is
//! - a flonum literal;
//! - a variable (local, free, global or a box's contents) some binding or
//!   assignment of which may be a flonum, parameters included: a parameter of
//!   a lambda gets the arguments of the lambda's known (`CallDirect`) calls;
//! - a call of `+ - * /`, `abs`, `min`, `max`, `floor`, `ceiling`, `round`
//!   or `truncate` with an operand that may be a flonum, or of a builtin that
//!   returns inexact numbers (`sqrt`, `exp`, `inexact`, …): the builtin
//!   table's `flonum` property says which;
//! - a known call of a lambda whose result may be a flonum;
//! - a read of a record field some constructor call or modifier may store a
//!   flonum into (fields are told apart by the variable holding their record
//!   type and their index, as `define-record-type`'s expansion names them);
//! - an `if`, `let`, sequence or inlined body whose result may be a flonum;
//! - a `vector-ref` when some vector element may be a flonum, and a `car`,
//!   `cdr` or `c[ad]+r` when some pair's may: when the program stores one
//!   into a vector (`vector`, `make-vector`, `vector-set!`, `vector-fill!`)
//!   or a pair (`cons`, `list`, `set-car!`, `set-cdr!`) anywhere, quotes one
//!   inside a vector or a list, or converts between the two (`list->vector`,
//!   `vector->list`). One fact per kind of container, not per container:
//!   coarse, but a numeric program keeps its flonums in vectors or lists
//!   that no analysis could tell apart from its others.
//!
//! Anything else (an unknown call's result, a parameter of a lambda called
//! from unknown places) is taken to be no flonum: its
//! arithmetic goes to the generic code, which handles flonums at the cost
//! of a call. The facts only grow, so the walk repeats until none is added.
//! Invariant: hints choose code paths, never results.

use crate::datum::{Datum, DatumKind};
use crate::ir::{
    Container, Expr, FfiType, FlonumHints, GlobalId, Id, LambdaId, Prim, Program, RecordTypeRef,
    VarId,
};
use closcrt::builtins::table::{FlonumResult, Inline};

/// Whether `e`, compiled anywhere in `program`, may evaluate to a flonum,
/// by the facts this pass left in `Program::flonum_hints`.
pub fn may_be_flonum(program: &Program, e: &Expr) -> bool {
    Walk {
        hints: &program.flonum_hints,
        program,
        lambda: None,
        found: None,
    }
    .value(e)
}

fn get<I: Id>(facts: &[bool], id: I) -> bool {
    FlonumHints::holds(facts, id)
}

pub fn flonum_hints(program: &mut Program) {
    let mut hints = FlonumHints::default();
    loop {
        let mut found = Vec::new();
        for (id, f) in program.functions.iter_enumerated() {
            let mut w = Walk {
                hints: &hints,
                program,
                lambda: Some(id),
                found: Some(&mut found),
            };
            if w.value(&f.body) {
                w.note(Fact::Returns(id));
            }
        }
        for e in &program.body {
            Walk {
                hints: &hints,
                program,
                lambda: None,
                found: Some(&mut found),
            }
            .value(e);
        }
        let mut grew = false;
        for fact in found {
            grew |= match fact {
                Fact::Var(v) => FlonumHints::add(&mut hints.vars, v),
                Fact::Box(v) => FlonumHints::add(&mut hints.boxes, v),
                Fact::Global(g) => FlonumHints::add(&mut hints.globals, g),
                Fact::Returns(l) => FlonumHints::add(&mut hints.returns, l),
                Fact::Field(t, i) => hints.fields.insert((t, i)),
                Fact::Container(c) => !std::mem::replace(&mut hints.containers[c as usize], true),
            };
        }
        if !grew {
            break;
        }
    }
    program.flonum_hints = hints;
}

/// A fact one walk found, applied after the walk.
enum Fact {
    Var(VarId),
    Box(VarId),
    Global(GlobalId),
    Returns(LambdaId),
    Field(RecordTypeRef, u32),
    Container(Container),
}

/// The record type a record operation's operand names, if it is a variable
/// (boxed, for a type bound in a body).
fn record_type_ref(e: &Expr) -> Option<RecordTypeRef> {
    match e {
        Expr::Global(g, _) => Some(RecordTypeRef::Global(*g)),
        Expr::Local(v) | Expr::FreeRef(_, v) => Some(RecordTypeRef::Var(*v)),
        Expr::Prim(Prim::Unbox, args, _) => match args.as_slice() {
            [Expr::Local(v) | Expr::FreeRef(_, v)] => Some(RecordTypeRef::Var(*v)),
            _ => None,
        },
        _ => None,
    }
}

/// A record operation's literal field index.
fn field_index(e: &Expr) -> Option<u32> {
    e.int_literal().and_then(|i| u32::try_from(i).ok())
}

/// Computes whether an expression may be a flonum from the facts known so
/// far. With `found`, it also walks every subexpression and records the
/// facts its bindings establish; without, it looks only at the parts that
/// decide the value.
struct Walk<'a> {
    hints: &'a FlonumHints,
    program: &'a Program,
    /// The lambda whose body is walked (for `SetFree`), none at top level.
    lambda: Option<LambdaId>,
    found: Option<&'a mut Vec<Fact>>,
}

impl Walk<'_> {
    fn note(&mut self, fact: Fact) {
        if let Some(found) = self.found.as_mut() {
            found.push(fact);
        }
    }

    /// Walks `e` for its facts only (when collecting them).
    fn visit(&mut self, e: &Expr) {
        if self.found.is_some() {
            self.value(e);
        }
    }

    /// `value` of `e` when collecting facts (which needs the whole walk);
    /// false otherwise, without walking `e`.
    fn assigned_value(&mut self, e: &Expr) -> bool {
        self.found.is_some() && self.value(e)
    }

    fn value(&mut self, e: &Expr) -> bool {
        let h = self.hints;
        match e {
            Expr::Const(d) => {
                if self.found.is_some() {
                    for c in quoted_containers(d) {
                        self.note(Fact::Container(c));
                    }
                }
                is_flonum_literal(d)
            }
            Expr::Void | Expr::Lambda(_) | Expr::Fix(..) => false,
            Expr::Local(v) | Expr::FreeRef(_, v) => get(&h.vars, *v),
            Expr::Global(g, _) => get(&h.globals, *g),
            Expr::SetLocal(v, x) => {
                if self.assigned_value(x) {
                    self.note(Fact::Var(*v));
                }
                false
            }
            Expr::SetGlobal(g, x) => {
                if self.assigned_value(x) {
                    self.note(Fact::Global(*g));
                }
                false
            }
            Expr::If(c, t, f) => {
                self.visit(c);
                let t = self.value(t);
                self.value(f) || t
            }
            Expr::Call(f, args, _) => {
                self.visit(f);
                args.iter().for_each(|a| self.visit(a));
                false
            }
            Expr::CallDirect(id, f, args, _) => {
                self.visit(f);
                let params = &self.program.functions[*id].params;
                for (i, a) in args.iter().enumerate() {
                    if self.assigned_value(a) {
                        if let Some(&p) = params.get(i) {
                            self.note(Fact::Var(p));
                        }
                    }
                }
                get(&h.returns, *id)
            }
            Expr::Prim(p, args, _) => self.prim(p, args),
            Expr::Seq(xs) => {
                let Some((last, init)) = xs.split_last() else {
                    return false;
                };
                init.iter().for_each(|x| self.visit(x));
                self.value(last)
            }
            Expr::Let(bindings, body) => {
                for (v, init) in bindings {
                    if let Expr::Prim(Prim::MakeBox, contents, _) = init {
                        if contents.first().is_some_and(|c| self.assigned_value(c)) {
                            self.note(Fact::Box(*v));
                        }
                    } else if self.assigned_value(init) {
                        self.note(Fact::Var(*v));
                    }
                }
                self.value(body)
            }
            Expr::Closure(c) => {
                c.free.iter().for_each(|x| self.visit(x));
                false
            }
            Expr::Closures(bindings, body) => {
                for (_, c) in bindings {
                    c.free.iter().for_each(|x| self.visit(x));
                }
                self.value(body)
            }
            Expr::Inlined(_, body) => self.value(body),
        }
    }

    /// A record operation (`%record`, `%record-ref`, `%record-set!`) whose
    /// record type is a variable and whose index is a literal: the field
    /// facts it reads or establishes; `None` for anything else.
    fn record_op(&mut self, kind: Inline, args: &[Expr]) -> Option<bool> {
        match (kind, args) {
            (Inline::Record, [rtd, fields @ ..]) => {
                let t = record_type_ref(rtd)?;
                for (i, f) in fields.iter().enumerate() {
                    if self.assigned_value(f) {
                        self.note(Fact::Field(t, i as u32));
                    }
                }
                Some(false)
            }
            (Inline::RecordRef, [obj, rtd, i]) => {
                let key = (record_type_ref(rtd)?, field_index(i)?);
                self.visit(obj);
                Some(self.hints.fields.contains(&key))
            }
            (Inline::RecordSet, [obj, rtd, i, x]) => {
                let (t, i) = (record_type_ref(rtd)?, field_index(i)?);
                self.visit(obj);
                if self.assigned_value(x) {
                    self.note(Fact::Field(t, i));
                }
                Some(false)
            }
            _ => None,
        }
    }

    /// A builtin that stores into or reads from a vector or a pair: the
    /// container facts it reads or establishes; `None` for anything else.
    fn container_op(&mut self, kind: Option<Inline>, name: &str, args: &[Expr]) -> Option<bool> {
        let holds = |c: Container| self.hints.containers[c as usize];
        // The operands whose values go into a container of kind `c`.
        let (c, stored): (Container, &[Expr]) = match (kind, name, args) {
            (Some(Inline::VectorRef), ..) => {
                args.iter().for_each(|a| self.visit(a));
                return Some(holds(Container::Vector));
            }
            (Some(Inline::Car | Inline::Cdr | Inline::Cxr(_)), ..) => {
                args.iter().for_each(|a| self.visit(a));
                return Some(holds(Container::Pair));
            }
            (Some(Inline::VectorSet), _, [v, i, x]) => {
                self.visit(v);
                self.visit(i);
                (Container::Vector, std::slice::from_ref(x))
            }
            (Some(Inline::SetCar | Inline::SetCdr), _, [p, x]) => {
                self.visit(p);
                (Container::Pair, std::slice::from_ref(x))
            }
            (Some(Inline::Cons | Inline::List), ..) => (Container::Pair, args),
            (_, "vector", _) => (Container::Vector, args),
            (_, "make-vector" | "vector-fill!", [v, x, rest @ ..]) => {
                self.visit(v);
                rest.iter().for_each(|a| self.visit(a));
                (Container::Vector, std::slice::from_ref(x))
            }
            (_, "list->vector" | "vector->list", _) => {
                args.iter().for_each(|a| self.visit(a));
                let (from, to) = if name == "list->vector" {
                    (Container::Pair, Container::Vector)
                } else {
                    (Container::Vector, Container::Pair)
                };
                if holds(from) {
                    self.note(Fact::Container(to));
                }
                return Some(false);
            }
            _ => return None,
        };
        for x in stored {
            if self.assigned_value(x) {
                self.note(Fact::Container(c));
            }
        }
        Some(false)
    }

    fn prim(&mut self, p: &Prim, args: &[Expr]) -> bool {
        let h = self.hints;
        if let Prim::Builtin(b) = p {
            let builtin = b.builtin();
            if let Some(kind) = builtin.props.inline {
                if let Some(r) = self.record_op(kind, args) {
                    return r;
                }
            }
            if let Some(r) = self.container_op(builtin.props.inline, builtin.name, args) {
                return r;
            }
        }
        match p {
            Prim::Builtin(b) => match b.builtin().props.flonum {
                FlonumResult::Always => {
                    args.iter().for_each(|a| self.visit(a));
                    true
                }
                FlonumResult::FollowsOperands => {
                    let mut any = false;
                    for a in args {
                        any |= self.value(a);
                    }
                    any
                }
                FlonumResult::Unhinted => {
                    args.iter().for_each(|a| self.visit(a));
                    false
                }
            },
            Prim::Unbox => match args.first() {
                Some(Expr::Local(v) | Expr::FreeRef(_, v)) => get(&h.boxes, *v),
                Some(x) => {
                    self.visit(x);
                    false
                }
                None => false,
            },
            Prim::SetBox => {
                if let [Expr::Local(v) | Expr::FreeRef(_, v), x] = args {
                    if self.assigned_value(x) {
                        self.note(Fact::Box(*v));
                    }
                } else {
                    args.iter().for_each(|a| self.visit(a));
                }
                false
            }
            Prim::SetFree(slot) => {
                let var = self
                    .lambda
                    .and_then(|l| self.program.functions[l].free.get(*slot).copied());
                match (args.first(), var) {
                    (Some(x), Some(v)) if self.assigned_value(x) => self.note(Fact::Var(v)),
                    _ => {}
                }
                false
            }
            Prim::MakeBox
            | Prim::BuiltinArityError(_)
            | Prim::ApplyBuiltin(_)
            | Prim::Apply
            | Prim::ForeignSymbol
            | Prim::ForeignCallback(_) => {
                args.iter().for_each(|a| self.visit(a));
                false
            }
            Prim::ForeignCall(sig) => {
                args.iter().for_each(|a| self.visit(a));
                matches!(sig.result, FfiType::Double | FfiType::Float)
            }
        }
    }
}

/// The kinds of container a quoted datum holds a flonum directly in.
fn quoted_containers(d: &Datum) -> Vec<Container> {
    fn walk(d: &Datum, within: Option<Container>, found: &mut Vec<Container>) {
        match &d.kind {
            DatumKind::List(items, tail) => {
                items
                    .iter()
                    .for_each(|x| walk(x, Some(Container::Pair), found));
                if let Some(t) = tail {
                    walk(t, Some(Container::Pair), found);
                }
            }
            DatumKind::Vector(items) => {
                items
                    .iter()
                    .for_each(|x| walk(x, Some(Container::Vector), found));
            }
            DatumKind::Labelled(_, x) => walk(x, within, found),
            _ => {
                if let Some(c) = within.filter(|c| !found.contains(c) && is_flonum_literal(d)) {
                    found.push(c);
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(d, None, &mut found);
    found
}

pub fn is_flonum_literal(d: &Datum) -> bool {
    matches!(&d.kind, DatumKind::Number(text)
        if matches!(closcrt::numbers::parse(text, 10), Some(closcrt::numbers::Num::Flo(_))))
}

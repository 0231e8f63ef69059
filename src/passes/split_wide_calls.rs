//! split-wide-calls: a call with very many arguments evaluates them in
//! pieces, each piece in a procedure of its own.
//!
//! In: `ir` after `inline`. Out: the same language, where every call with
//! more than `MAX_ARGS` arguments (to a procedure, known or not, or to a
//! builtin: `list`, `vector`, `+`, `append`...) evaluates them as one list
//! and spreads it: `(f a1 .. aN)` becomes `(apply f LIST)`, a builtin's
//! call `(#%apply-builtin b LIST)`, and `(list a1 .. aN)` is LIST itself.
//! LIST is `(letrec ((p1 (lambda () (list a1 .. a64))) ...) (append (p1)
//! ... (pM)))`: each piece of at most `MAX_ARGS` arguments is the body of a
//! procedure of no arguments called in place, and when there are more than
//! `MAX_ARGS` pieces the pieces are grouped the same way, so that no
//! function holds more than `MAX_ARGS` argument evaluations or calls. A
//! piece whose arguments are all constants is a quoted list (data, not
//! code); a `list` of constants only is a copy of one quoted list (a literal
//! with datum labels stays an argument: labels are numbered per literal).
//!
//! Why: one function holding N argument evaluations has N values live until
//! the call and, for arguments that can branch (`(+ x i)` has an overflow
//! path), N blocks; the code generator's time grows faster than linearly in
//! both (10^5 arguments took 58 s and 6.7 GB). This is done on the resolved
//! IR, before closure conversion, because bounding a function's size means
//! making new functions: here a new lambda is ordinary IR, whose free
//! variables, boxes (a variable now captured and assigned) and records the
//! later passes handle as for any lambda (the pieces are well-known `letrec`
//! lambdas: called directly, they share one record, or have none). Names are
//! resolved by now (a builtin is known to be one, a user's `list` is not).
//!
//! Invariants: each argument is evaluated exactly once, in the order the
//! call evaluated it (left to right, piece after piece), before the call;
//! an argument keeps its spans, so its errors are reported at its position
//! and its frame is a frame of the procedure it was written in (the pieces
//! carry that procedure's name and span). `list` returns a fresh list every
//! time, also when a continuation captured in an argument is resumed: that
//! remakes the argument's piece and the ones after it, `append` copies the
//! pieces before, and the last piece is never a quoted constant. Other
//! calls spread the list (`apply` gives a rest parameter a copy of its own).

use crate::datum::{Datum, DatumKind, Span};
use crate::ir::{BuiltinId, Expr, Folder, Lambda, LambdaId, Prim, Program, VarId, VarInfo};
use std::collections::HashSet;

/// The most arguments a call evaluates in one function (and the most pieces
/// one function gathers). The code generator's time per argument grows
/// with the piece's size (each argument's value is live across the others'
/// slow paths): 10^5 arguments `(+ x i)` built in 3.9 s of CPU in pieces of
/// 32, 4.5 s of 64, 6.4 s of 128, 16 s of 256 (release); the same
/// expressions written as 1,562 procedures of 64 took 4.5 s. Calls of up to
/// 64 arguments are left as they are.
pub const MAX_ARGS: usize = 64;

pub fn split_wide_calls(program: &mut Program) {
    let mut splitter = Splitter {
        program_vars: std::mem::take(&mut program.vars),
        lambda_count: program.lambda_count,
        lambda_arity: std::mem::take(&mut program.lambda_arity),
        enclosing: None,
    };
    for e in &mut program.body {
        splitter.fold_in_place(e);
    }
    program.vars = splitter.program_vars;
    program.lambda_count = splitter.lambda_count;
    program.lambda_arity = splitter.lambda_arity;
}

struct Splitter {
    program_vars: crate::ir::IdVec<VarId, VarInfo>,
    lambda_count: usize,
    lambda_arity: crate::ir::IdVec<LambdaId, (usize, bool)>,
    /// The name and span of the lambda being folded (none at top level),
    /// which its pieces take: a backtrace shows an argument's frame as a
    /// frame of the procedure it was written in.
    enclosing: Option<(String, Span)>,
}

fn builtin(name: &str) -> BuiltinId {
    BuiltinId::named(name).expect("a builtin")
}

impl Folder for Splitter {
    fn fold_code(&mut self, mut l: Lambda) -> Lambda {
        let outer = self.enclosing.replace((l.name.clone(), l.span));
        l.body = self.fold_expr(std::mem::replace(&mut l.body, Expr::Void));
        self.enclosing = outer;
        l
    }

    fn fold_call(&mut self, f: Box<Expr>, args: Vec<Expr>, span: Span) -> Expr {
        let f = self.fold_boxed(f);
        let args = self.fold_all(args);
        if args.len() <= MAX_ARGS {
            return Expr::Call(f, args, span);
        }
        let list = self.list_of(args, false, span);
        Expr::Prim(Prim::Apply, vec![*f, list], span)
    }

    fn fold_prim(&mut self, p: Prim, args: Vec<Expr>, span: Span) -> Expr {
        let args = self.fold_all(args);
        match p {
            Prim::Builtin(b) | Prim::BuiltinArityError(b) if args.len() > MAX_ARGS => {
                if b == builtin("list") {
                    self.list_of(args, true, span)
                } else {
                    // The runtime checks the count as the call would have,
                    // with the same message.
                    let list = self.list_of(args, false, span);
                    Expr::Prim(Prim::ApplyBuiltin(b), vec![list], span)
                }
            }
            _ => Expr::Prim(p, args, span),
        }
    }
}

impl Splitter {
    /// An expression whose value is the list of the values of `args`,
    /// evaluated left to right, no function of it evaluating more than
    /// `MAX_ARGS` of them or calling more than `MAX_ARGS` pieces. A fresh
    /// list when `fresh`; otherwise its last pairs may be a quoted constant.
    fn list_of(&mut self, args: Vec<Expr>, fresh: bool, span: Span) -> Expr {
        if all_constants(&args) {
            let items = args
                .into_iter()
                .map(|a| match a {
                    Expr::Const(d) => d,
                    _ => unreachable!("checked: constants only"),
                })
                .collect();
            let quoted = Expr::Const(Datum::new(DatumKind::List(items, None), span));
            return if fresh {
                Expr::Prim(Prim::Builtin(builtin("list-copy")), vec![quoted], span)
            } else {
                quoted
            };
        }
        if args.len() <= MAX_ARGS {
            return Expr::Prim(Prim::Builtin(builtin("list")), args, span);
        }
        // Pieces of MAX_ARGS^d arguments, as few as that makes (at most
        // MAX_ARGS of them).
        let mut piece = MAX_ARGS;
        while piece * MAX_ARGS < args.len() {
            piece *= MAX_ARGS;
        }
        let mut procedures = Vec::new();
        let mut parts = Vec::new();
        let mut args = args.into_iter().peekable();
        while args.peek().is_some() {
            let chunk: Vec<Expr> = args.by_ref().take(piece).collect();
            let constant = all_constants(&chunk);
            // `append` copies every list but its last, so only the last
            // piece of a fresh list must be fresh itself.
            let body = self.list_of(chunk, fresh && args.peek().is_none(), span);
            if constant {
                parts.push(body);
                continue;
            }
            let (var, lambda) = self.piece_procedure(body, span);
            procedures.push((var, lambda));
            parts.push(Expr::Call(Box::new(Expr::Local(var)), Vec::new(), span));
        }
        let append = Expr::Prim(Prim::Builtin(builtin("append")), parts, span);
        if procedures.is_empty() {
            append
        } else {
            Expr::Fix(procedures, Box::new(append))
        }
    }

    /// A procedure of no arguments whose body is `body` (part of the
    /// enclosing function's code until now), and the variable bound to it.
    fn piece_procedure(&mut self, body: Expr, span: Span) -> (VarId, Lambda) {
        // The variables the piece uses and does not bind are now captured by
        // a lambda (an assigned one will need a box).
        for v in free_locals(&body) {
            self.program_vars[v].captured = true;
        }
        let (name, lambda_span) = self
            .enclosing
            .clone()
            .unwrap_or_else(|| (String::new(), span));
        let var = self.program_vars.push(VarInfo {
            name: "#%arguments".into(),
            assigned: false,
            captured: false,
            span: Span::default(),
        });
        let id = LambdaId::new(self.lambda_count);
        self.lambda_count += 1;
        self.lambda_arity.push((0, false));
        let lambda = Lambda::new(id, Vec::new(), None, body, name, lambda_span);
        (var, lambda)
    }
}

/// Whether `args` are all constants that can be elements of one quoted
/// list.
fn all_constants(args: &[Expr]) -> bool {
    args.iter()
        .all(|a| matches!(a, Expr::Const(d) if !has_labels(d)))
}

/// Whether `d` holds datum labels (`#n=`), whose numbers are only unique
/// within one literal: such a literal is not merged into a bigger one.
fn has_labels(d: &Datum) -> bool {
    // A literal may be deeply nested: a walk with a stack of its own.
    let mut stack = vec![d];
    while let Some(d) = stack.pop() {
        match &d.kind {
            DatumKind::Labelled(..) | DatumKind::LabelRef(_) => return true,
            DatumKind::List(items, tail) => {
                stack.extend(items);
                stack.extend(tail.as_deref());
            }
            DatumKind::Vector(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

/// The local variables `e` reads or assigns without binding them.
fn free_locals(e: &Expr) -> HashSet<VarId> {
    let mut used = HashSet::new();
    let mut bound = HashSet::new();
    e.visit(&mut |x| match x {
        Expr::Local(v) | Expr::SetLocal(v, _) => {
            used.insert(*v);
        }
        Expr::Let(bindings, _) => bound.extend(bindings.iter().map(|(v, _)| *v)),
        Expr::Fix(bindings, _) => {
            for (v, l) in bindings {
                bound.insert(*v);
                bound.extend(l.params.iter().chain(&l.rest));
            }
        }
        Expr::Lambda(l) => bound.extend(l.params.iter().chain(&l.rest)),
        _ => {}
    });
    used.retain(|v| !bound.contains(v));
    used
}

#[cfg(test)]
mod tests {
    use super::MAX_ARGS;
    use crate::ir::{walk_expr, Expr, Lambda, Prim, Visitor};
    use crate::pipeline::program_after;

    /// The nodes of one code body, not those of the lambdas in it, and the
    /// most operands one of them has.
    #[derive(Default)]
    struct OwnNodes {
        nodes: usize,
        widest: usize,
    }

    impl Visitor for OwnNodes {
        fn visit_expr(&mut self, e: &Expr) {
            self.nodes += 1;
            if let Expr::Call(_, args, _) | Expr::Prim(_, args, _) = e {
                self.widest = self.widest.max(args.len());
            }
            walk_expr(self, e)
        }
        fn visit_code(&mut self, _l: &Lambda) {}
    }

    fn own_nodes(e: &Expr) -> OwnNodes {
        let mut count = OwnNodes::default();
        count.visit_expr(e);
        count
    }

    #[test]
    fn no_function_evaluates_more_than_a_piece_of_arguments() {
        let n = 5000;
        let computed: Vec<String> = (0..n).map(|i| format!("(+ x {i})")).collect();
        let text = format!(
            "(define (f x) (list {a}))
             (define (g h x) (h {a}))
             (define (v x) (vector {a}))",
            a = computed.join(" ")
        );
        let program = program_after(&text, "split-wide-calls");
        let mut bodies = Vec::new();
        let mut lambdas = 0;
        for form in &program.body[program.first_user_form..] {
            bodies.push(own_nodes(form));
            form.visit(&mut |e| {
                let mut code = |l: &Lambda| {
                    lambdas += 1;
                    bodies.push(own_nodes(&l.body));
                };
                match e {
                    Expr::Lambda(l) => code(l),
                    Expr::Fix(bindings, _) => bindings.iter().for_each(|(_, l)| code(l)),
                    _ => {}
                }
            });
        }
        // Three procedures, each with 79 pieces of at most 64 arguments in 2
        // of at most 4,096.
        assert_eq!(lambdas, 3 + 3 * (79 + 2));
        for body in &bodies {
            assert!(body.widest <= MAX_ARGS, "{} operands", body.widest);
            // A piece: `list` and its arguments, three nodes each.
            assert!(body.nodes <= 3 * MAX_ARGS + 2, "{} nodes", body.nodes);
        }
        let x_captured = program.vars.iter().any(|v| v.name == "x" && v.captured);
        assert!(x_captured, "the pieces capture `x`");
    }

    #[test]
    fn constants_are_one_quoted_list() {
        let constants: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        let text = format!("(define (f) (list {}))", constants.join(" "));
        let program = program_after(&text, "split-wide-calls");
        let mut copies = 0;
        for form in &program.body[program.first_user_form..] {
            form.visit(&mut |e| {
                if let Expr::Prim(Prim::Builtin(b), args, _) = e {
                    if b.builtin().name == "list-copy" {
                        assert!(matches!(&args[..], [Expr::Const(_)]));
                        copies += 1;
                    }
                    assert!(args.len() <= MAX_ARGS);
                }
                assert!(!matches!(e, Expr::Fix(..)), "constants need no pieces");
            });
        }
        assert_eq!(copies, 1);
    }
}

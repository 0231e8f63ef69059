//! Which forms the program may contain after each stage, and a check of it.
//!
//! In: a program and the `Level` the stage that just ran promises. Out:
//! nothing, or a description of the first form that must be gone (or an
//! annotation that must hold) at that level. `pipeline` runs the check after
//! every stage in debug builds and reports a failure as an internal error
//! naming the stage, so a later pass can rely on a form's absence instead of
//! failing on it with `unreachable!`.
//!
//! The levels, each allowing what the one before allows unless it says so:
//! - `Resolved` (alpha-rename): variables are unique `VarId`s; `Lambda`,
//!   `Fix` (a `letrec` whose inits are all lambdas; other `letrec`s are
//!   `Let` + `SetLocal`), `Call`, `Prim` of builtins and `apply`; no boxes,
//!   no closure forms, no `Inlined`.
//! - `Inlined` (inline): also `Inlined`.
//! - `AssignmentsConverted` (convert-assignments): also the box primitives;
//!   a `SetLocal` targets a variable no lambda captures, or one kept in a
//!   closure record (`Program::in_record`).
//! - `FreeUncovered` (uncover-free): each `Lambda::free` is sorted and holds
//!   none of the lambda's own parameters.
//! - `ClosuresConverted` (convert-closures): no `Lambda` or `Fix`; instead
//!   `Closure`, `Closures` (for `Fix`), `CallDirect` (a call of a known
//!   lambda, whose argument count fits it), `FreeRef` and `SetFree`. Inside
//!   a lambda's code no `Local`/`SetLocal` names one of its free variables
//!   (they are read with `FreeRef` and assigned, if kept in the record,
//!   with `SetFree`).
//! - `Lifted` (lift-lambdas, flonum-hints): no code is nested: every
//!   closure names its code in `Program::functions`, whose entry `i` is
//!   lambda `i`.

use super::visit::{walk_expr, Visitor};
use super::{arity_fits, ClosureAlloc, Code, Expr, Lambda, LambdaId, Prim, Program, VarId};

/// What a program may contain after a stage (see the module doc).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Level {
    Resolved,
    Inlined,
    AssignmentsConverted,
    FreeUncovered,
    ClosuresConverted,
    Lifted,
}

impl Program {
    /// Whether the program contains only what `level` allows; the error
    /// names the first form or annotation that does not belong.
    pub fn check_forms(&self, level: Level) -> Result<(), String> {
        let mut check = FormCheck {
            program: self,
            level,
            free: Vec::new(),
            error: None,
        };
        if level >= Level::Lifted {
            if self.functions.len() != self.lambda_count {
                return Err(format!(
                    "{} lifted lambdas, {} created",
                    self.functions.len(),
                    self.lambda_count
                ));
            }
            for (id, f) in self.functions.iter_enumerated() {
                if f.id != id {
                    return Err(format!("lambda {} is lifted as lambda {id}", f.id));
                }
                check.visit_code(f);
            }
        }
        self.body.iter().for_each(|e| check.visit_expr(e));
        check.error.map_or(Ok(()), Err)
    }
}

struct FormCheck<'a> {
    program: &'a Program,
    level: Level,
    /// The free variables of the code being walked (none at top level).
    free: Vec<VarId>,
    error: Option<String>,
}

impl FormCheck<'_> {
    fn fail(&mut self, what: impl FnOnce() -> String) {
        if self.error.is_none() {
            self.error = Some(what());
        }
    }

    /// Whether `e`'s own form (not its children) is allowed.
    fn allowed(&self, e: &Expr) -> Result<(), String> {
        let at_least = |level: Level, form: &str| {
            if self.level >= level {
                Ok(())
            } else {
                Err(format!(
                    "{form}, which only level {level:?} and later allow"
                ))
            }
        };
        let before = |level: Level, form: &str| {
            if self.level < level {
                Ok(())
            } else {
                Err(format!("{form}, which level {level:?} rules out"))
            }
        };
        match e {
            Expr::Lambda(l) => before(Level::ClosuresConverted, &self.lambda_name(l)),
            Expr::Fix(..) => before(Level::ClosuresConverted, "a `fix`"),
            Expr::Inlined(..) => at_least(Level::Inlined, "an `inlined`"),
            Expr::Prim(Prim::MakeBox | Prim::Unbox | Prim::SetBox, ..) => {
                at_least(Level::AssignmentsConverted, "a box primitive")
            }
            Expr::Prim(Prim::SetFree(_), ..) => at_least(Level::ClosuresConverted, "a `set-free!`"),
            Expr::FreeRef(..) => at_least(Level::ClosuresConverted, "a `free-ref`"),
            Expr::Closure(_) | Expr::Closures(..) => {
                at_least(Level::ClosuresConverted, "a closure allocation")
            }
            Expr::CallDirect(id, _, args, _) => {
                at_least(Level::ClosuresConverted, "a direct call")?;
                if arity_fits(self.program.lambda_arity[*id], args.len()) {
                    Ok(())
                } else {
                    Err(format!(
                        "a direct call of lambda {id} with {} arguments",
                        args.len()
                    ))
                }
            }
            Expr::Local(v) | Expr::SetLocal(v, _)
                if self.level >= Level::ClosuresConverted && self.free.contains(v) =>
            {
                Err(format!(
                    "a plain reference to free variable {} (read from the record at level {:?})",
                    self.program.var_name(*v),
                    Level::ClosuresConverted
                ))
            }
            Expr::SetLocal(v, _) if self.level >= Level::AssignmentsConverted => {
                let info = &self.program.vars[*v];
                if info.captured && !self.program.in_record.contains(v) {
                    Err(format!(
                        "a `set!` of captured variable {} outside a box",
                        self.program.var_name(*v)
                    ))
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    fn lambda_name(&self, l: &Lambda) -> String {
        format!("a `lambda` (lambda {} `{}`)", l.id, l.name)
    }

    fn lifted(&mut self, id: LambdaId) {
        if id.index() >= self.program.functions.len() {
            self.fail(|| format!("a closure of lambda {id}, which was not lifted"));
        }
    }
}

impl Visitor for FormCheck<'_> {
    fn visit_expr(&mut self, e: &Expr) {
        if let Err(why) = self.allowed(e) {
            self.fail(|| why);
        }
        walk_expr(self, e)
    }

    fn visit_code(&mut self, l: &Lambda) {
        if self.level >= Level::FreeUncovered {
            let sorted = l.free.windows(2).all(|w| w[0] < w[1]);
            let own = l.params.iter().chain(&l.rest).find(|p| l.free.contains(p));
            if !sorted || own.is_some() {
                let what = format!("{} has a malformed free list", self.lambda_name(l));
                self.fail(|| what);
            }
        }
        let outer = std::mem::replace(&mut self.free, l.free.clone());
        self.visit_expr(&l.body);
        self.free = outer;
    }

    fn visit_closure_alloc(&mut self, c: &ClosureAlloc) {
        match &c.code {
            Code::Nested(l) if self.level >= Level::Lifted => {
                let what = format!("{} still nested", self.lambda_name(l));
                self.fail(|| what)
            }
            Code::Nested(l) => self.visit_code(l),
            Code::Lifted(id) => self.lifted(*id),
        }
        c.free.iter().for_each(|x| self.visit_expr(x));
    }
}

#[cfg(test)]
mod tests {
    use super::Level;
    use crate::ir::{Expr, Prim};
    use crate::pipeline::program_after;

    const COUNTER: &str = "
        (define (make-counter)
          (let ((n 0)) (lambda () (set! n (+ n 1)) n)))
        (define (sum-to k) (let loop ((i 0) (s 0)) (if (> i k) s (loop (+ i 1) (+ s i)))))
        (define c (make-counter))
        (c)
        (display (list (c) (sum-to 10)))";

    #[test]
    fn each_stage_leaves_its_level() {
        for (stage, level) in [
            ("alpha-rename", Level::Resolved),
            ("inline", Level::Inlined),
            ("convert-assignments", Level::AssignmentsConverted),
            ("uncover-free", Level::FreeUncovered),
            ("convert-closures", Level::ClosuresConverted),
            ("lift-lambdas", Level::Lifted),
        ] {
            let program = program_after(COUNTER, stage);
            assert_eq!(program.check_forms(level), Ok(()), "after {stage}");
        }
    }

    #[test]
    fn a_form_a_level_rules_out_is_named() {
        // Lambdas are still there before convert-closures.
        let program = program_after(COUNTER, "uncover-free");
        let error = program.check_forms(Level::ClosuresConverted).unwrap_err();
        assert!(error.contains("a `lambda`"), "{error}");

        // Nested code before lift-lambdas.
        let program = program_after(COUNTER, "convert-closures");
        let error = program.check_forms(Level::Lifted).unwrap_err();
        assert!(error.contains("lifted"), "{error}");

        // A box before convert-assignments.
        let mut program = program_after(COUNTER, "alpha-rename");
        program.body.push(Expr::Prim(
            Prim::MakeBox,
            vec![Expr::Void],
            Default::default(),
        ));
        let error = program.check_forms(Level::Resolved).unwrap_err();
        assert!(error.contains("box primitive"), "{error}");
    }
}

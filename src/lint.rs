//! Warnings: things that compile but are probably mistakes.
//!
//! In: the program right after `alpha_rename` (so `Lambda`, `Fix`, `Call`,
//! `Local` and `Prim` are still in their source shape). Out: warnings as
//! `CompileError`s (span + message), in source order, about the program's own
//! forms only (never the prelude):
//!
//! - an unused variable: a `let`/`letrec`/internal-`define` binding that is
//!   never read (names starting with `_` or made up by the expander, `#...`,
//!   are exempt; parameters are exempt, as unused parameters are common in
//!   callbacks);
//! - a call with the wrong number of arguments to a procedure known at
//!   compile time: a builtin, a top-level procedure defined once and never
//!   assigned, or a `let`/`letrec`-bound lambda. Such a call is still compiled
//!   (it raises the arity error at run time, as R7RS requires).
//!
//! Unbound names are warned about by `alpha_rename`, which resolves names;
//! the pipeline puts every warning in source order.

use crate::datum::Span;
use crate::diagnostics::CompileError;
use crate::ir::{Expr, IdVec, Lambda, LambdaId, Prim, Program, VarId, Visitor};
use closcrt::builtins::table::Arity;
use std::collections::HashMap;

pub fn lint(program: &Program) -> Vec<CompileError> {
    let mut l = Linter {
        program,
        reads: program.vars.iter().map(|_| 0).collect(),
        bound: Vec::new(),
        known: HashMap::new(),
        warnings: Vec::new(),
    };
    for e in &program.body[program.first_user_form..] {
        l.visit_expr(e);
    }
    for &v in &l.bound {
        let info = &program.vars[v];
        if l.reads[v] == 0
            && !info.name.starts_with('_')
            && !info.name.starts_with('#')
            && info.span != Default::default()
        {
            l.warnings.push(CompileError::new(
                info.span,
                format!("unused variable `{}`", info.name),
            ));
        }
    }
    l.warnings.sort_by_key(|w| w.span.lo);
    l.warnings
}

struct Linter<'p> {
    program: &'p Program,
    reads: IdVec<VarId, usize>,
    /// Variables bound by `Let` or `Fix` in the program's own code.
    bound: Vec<VarId>,
    /// Local variables bound to a lambda: its id.
    known: HashMap<VarId, LambdaId>,
    warnings: Vec<CompileError>,
}

fn plural(n: usize) -> String {
    format!("{n} argument{}", if n == 1 { "" } else { "s" })
}

fn takes(required: usize, rest: bool) -> String {
    if rest {
        format!("at least {}", plural(required))
    } else {
        plural(required)
    }
}

impl Linter<'_> {
    fn check_call(&mut self, f: &Expr, argc: usize, span: Span) {
        let (name, id) = match f {
            Expr::Global(g, _) => {
                let info = &self.program.globals[*g];
                match info.known_lambda {
                    Some(id) if !info.assigned => {
                        (crate::ast::shown_name(&info.name).to_string(), id)
                    }
                    _ => return,
                }
            }
            Expr::Local(v) if !self.program.vars[*v].assigned => match self.known.get(v) {
                Some(&id) => (self.program.vars[*v].name.clone(), id),
                None => return,
            },
            _ => return,
        };
        let (required, rest) = self.program.lambda_arity[id];
        if argc < required || (!rest && argc > required) {
            self.warnings.push(CompileError::new(
                span,
                format!(
                    "`{name}` takes {}, but is called with {}",
                    takes(required, rest),
                    argc
                ),
            ));
        }
    }
}

impl Visitor for Linter<'_> {
    fn visit_local(&mut self, v: VarId) {
        self.reads[v] += 1;
    }

    fn visit_call(&mut self, f: &Expr, args: &[Expr], span: Span) {
        self.check_call(f, args.len(), span);
        self.visit_expr(f);
        args.iter().for_each(|a| self.visit_expr(a));
    }

    fn visit_prim(&mut self, p: Prim, args: &[Expr], span: Span) {
        if let Prim::BuiltinArityError(b) = p {
            let builtin = b.builtin();
            let expected = match builtin.arity {
                Arity::Exactly(k) => plural(k as usize),
                Arity::Between(lo, hi) => format!("{lo} to {hi} arguments"),
                Arity::AtLeast(lo) => format!("at least {}", plural(lo as usize)),
            };
            self.warnings.push(CompileError::new(
                span,
                format!(
                    "`{}` takes {expected}, but is called with {}",
                    builtin.name,
                    args.len()
                ),
            ));
        }
        args.iter().for_each(|a| self.visit_expr(a));
    }

    fn visit_let(&mut self, bindings: &[(VarId, Expr)], body: &Expr) {
        for (v, init) in bindings {
            self.bound.push(*v);
            if let Expr::Lambda(l) = init {
                self.known.insert(*v, l.id);
            }
            self.visit_expr(init);
        }
        self.visit_expr(body);
    }

    fn visit_fix(&mut self, bindings: &[(VarId, Lambda)], body: &Expr) {
        for (v, l) in bindings {
            self.bound.push(*v);
            self.known.insert(*v, l.id);
        }
        bindings.iter().for_each(|(_, l)| self.visit_code(l));
        self.visit_expr(body);
    }
}

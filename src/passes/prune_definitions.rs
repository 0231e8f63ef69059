//! Prune definitions: drops the definitions of library globals that nothing
//! can reach.
//!
//! In: the resolved program (after alpha-rename). Out: the same program
//! without the top-level forms `(set! G VALUE)` that define a global of a
//! library (an output name `#:NAME@K` with K > 0, `expand::toplevel`) or
//! come before the program's own forms (prelude definitions and the
//! procedures alpha-rename makes for builtins used as values), whose VALUE
//! has no effect (a lambda, a constant, void) and whose G no kept code
//! reads. What is kept: every other form (the program's own definitions,
//! library expressions with effects), and by a fixpoint the definitions of
//! the globals those read, the definitions those read, and so on.
//!
//! Why: a library is compiled with the program, and most programs use a few
//! of its procedures (every script imports `(closc base)`; `(srfi 1)` has
//! 149 names); without this, each would be compiled into every program.
//! Invariants: a global whose definition is dropped is read nowhere, so no
//! reference can see it unbound; in a REPL session (the session's global
//! table) nothing is dropped, since a later input may read any global.

use crate::datum::Span;
use crate::ir::{Expr, Folder, GlobalId, IdVec, Lambda, LambdaId, Program, Visitor};
use std::collections::{HashMap, HashSet};

pub fn prune_definitions(program: &mut Program) {
    if program.link.external_globals {
        // Nothing is dropped, but a pass before this one may have dropped
        // lambdas (`receive_values`): their ids go.
        renumber(program, false);
        return;
    }
    let droppable = |i: usize, e: &Expr| match e {
        Expr::SetGlobal(g, value) => {
            (i < program.first_user_form || is_library_global(&program.globals[*g].name))
                && matches!(**value, Expr::Lambda(_) | Expr::Const(_) | Expr::Void)
        }
        _ => false,
    };
    let candidates: Vec<bool> = program
        .body
        .iter()
        .enumerate()
        .map(|(i, e)| droppable(i, e))
        .collect();
    // The droppable definitions of each global, kept once the global is read.
    let mut definitions: HashMap<GlobalId, Vec<usize>> = HashMap::new();
    for (i, form) in program.body.iter().enumerate() {
        if let (true, Expr::SetGlobal(g, _)) = (candidates[i], form) {
            definitions.entry(*g).or_default().push(i);
        }
    }
    let mut reads = GlobalReads::default();
    for (form, &candidate) in program.body.iter().zip(&candidates) {
        if !candidate {
            reads.visit_expr(form);
        }
    }
    // A kept definition may read more globals: a worklist of the newly read.
    let mut kept = vec![false; program.body.len()];
    let mut work: Vec<GlobalId> = reads.read.iter().copied().collect();
    while let Some(g) = work.pop() {
        for i in definitions.remove(&g).unwrap_or_default() {
            kept[i] = true;
            if let Expr::SetGlobal(_, value) = &program.body[i] {
                let mut more = GlobalReads::default();
                more.visit_expr(value);
                work.extend(more.read.into_iter().filter(|g| reads.read.insert(*g)));
            }
        }
    }
    let old = std::mem::take(&mut program.body);
    let first_user_form = program.first_user_form;
    let mut dropped_before_user_forms = 0;
    for (i, form) in old.into_iter().enumerate() {
        if candidates[i] && !kept[i] {
            if i < first_user_form {
                dropped_before_user_forms += 1;
            }
        } else {
            program.body.push(form);
        }
    }
    program.first_user_form -= dropped_before_user_forms;
    renumber(program, true);
}

/// Makes the lambda and global ids dense again (later passes and codegen
/// index tables by them: a global table slot per global), keeping their
/// order: the ids only the dropped definitions used go. Global ids stay as
/// they are unless `globals_too` (in a REPL session they index the
/// session's table).
fn renumber(program: &mut Program, globals_too: bool) {
    let mut used = UsedIds::default();
    program.body.iter().for_each(|e| used.visit_expr(e));
    if !globals_too {
        used.globals = (0..program.globals.len()).map(GlobalId::new).collect();
    }
    if used.lambdas.len() == program.lambda_count && used.globals.len() == program.globals.len() {
        return;
    }
    let mut new_lambda: IdVec<LambdaId, Option<LambdaId>> =
        (0..program.lambda_count).map(|_| None).collect();
    let mut arity = IdVec::new();
    for old in (0..program.lambda_count).map(LambdaId::new) {
        if used.lambdas.contains(&old) {
            new_lambda[old] = Some(arity.push(program.lambda_arity[old]));
        }
    }
    let mut new_global: IdVec<GlobalId, Option<GlobalId>> =
        program.globals.iter().map(|_| None).collect();
    let mut globals = IdVec::new();
    for (old, info) in std::mem::take(&mut program.globals)
        .into_vec()
        .into_iter()
        .enumerate()
    {
        let old = GlobalId::new(old);
        if used.globals.contains(&old) {
            new_global[old] = Some(globals.push(info));
        }
    }
    for global in globals.iter_mut() {
        global.known_lambda = global.known_lambda.and_then(|l| new_lambda[l]);
    }
    let mut renumber = Renumber {
        lambda: &new_lambda,
        global: &new_global,
    };
    program
        .body
        .iter_mut()
        .for_each(|e| renumber.fold_in_place(e));
    program.globals = globals;
    program.lambda_count = arity.len();
    program.lambda_arity = arity;
}

/// The lambdas and globals the program's forms hold.
#[derive(Default)]
struct UsedIds {
    lambdas: HashSet<LambdaId>,
    globals: HashSet<GlobalId>,
}

impl Visitor for UsedIds {
    fn visit_code(&mut self, l: &Lambda) {
        self.lambdas.insert(l.id);
        self.visit_expr(&l.body)
    }
    fn visit_global(&mut self, g: GlobalId, _span: Span) {
        self.globals.insert(g);
    }
    fn visit_set_global(&mut self, g: GlobalId, x: &Expr) {
        self.globals.insert(g);
        self.visit_expr(x)
    }
}

struct Renumber<'a> {
    lambda: &'a IdVec<LambdaId, Option<LambdaId>>,
    global: &'a IdVec<GlobalId, Option<GlobalId>>,
}

impl Folder for Renumber<'_> {
    fn fold_code(&mut self, mut l: Lambda) -> Lambda {
        l.id = self.lambda[l.id].expect("a lambda of a kept form");
        l.body = self.fold_expr(std::mem::replace(&mut l.body, Expr::Void));
        l
    }
    fn fold_global(&mut self, g: GlobalId, span: Span) -> Expr {
        Expr::Global(self.global[g].expect("a global of a kept form"), span)
    }
    fn fold_set_global(&mut self, g: GlobalId, x: Box<Expr>) -> Expr {
        let g = self.global[g].expect("a global of a kept form");
        Expr::SetGlobal(g, self.fold_boxed(x))
    }
}

/// Whether `name` is the output name of a library's global: `#:NAME@K`, K > 0.
fn is_library_global(name: &str) -> bool {
    name.strip_prefix("#:")
        .and_then(|rest| rest.rsplit_once('@'))
        .is_some_and(|(n, k)| {
            !n.is_empty() && !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) && k != "0"
        })
}

/// The globals an expression reads.
#[derive(Default)]
struct GlobalReads {
    read: HashSet<GlobalId>,
}

impl Visitor for GlobalReads {
    fn visit_global(&mut self, g: GlobalId, _span: Span) {
        self.read.insert(g);
    }
}

#[cfg(test)]
mod tests {
    use super::is_library_global;

    #[test]
    fn library_globals_are_those_of_a_library_top_level() {
        assert!(is_library_global("#:helper@3"));
        assert!(is_library_global("#:a@b@12"));
        assert!(!is_library_global("#:main@0"), "the program's own");
        assert!(!is_library_global("#:x.12"), "a macro's hidden global");
        assert!(!is_library_global("car"));
        assert!(!is_library_global("#:@4"));
        assert!(!is_library_global("#:x@"));
    }
}

//! lift-lambdas: nested code -> a flat table of top-level code bodies.
//!
//! In: `ir` after closure conversion, where each `Closure` still holds its
//! lambda. Out: `Program::functions` holds every lambda's code, indexed by
//! `LambdaId`, and each `Closure`/`Closures` refers to its code by id
//! (`Code::Lifted`). No lambda is nested any more; the program's top-level forms
//! become the entry body. Nothing else changes.

use crate::ir::{ClosureAlloc, Code, Folder, IdVec, Lambda, LambdaId, Program};

pub fn lift_lambdas(program: &mut Program) {
    let mut lift = Lift {
        table: (0..program.lambda_count).map(|_| None).collect(),
    };
    for e in &mut program.body {
        lift.fold_in_place(e);
    }
    program.functions = lift
        .table
        .into_iter()
        .enumerate()
        .map(|(id, l)| {
            l.unwrap_or_else(|| {
                panic!("lambda {id} was created by alpha_rename but never reached lift_lambdas")
            })
        })
        .collect();
}

/// Moves each closure's code into `table`.
struct Lift {
    table: IdVec<LambdaId, Option<Lambda>>,
}

impl Folder for Lift {
    fn fold_closure_alloc(&mut self, mut c: ClosureAlloc) -> ClosureAlloc {
        c.free = self.fold_all(std::mem::take(&mut c.free));
        let id = c.lambda_id();
        if let Code::Nested(l) = std::mem::replace(&mut c.code, Code::Lifted(id)) {
            let l = self.fold_code(*l);
            self.table[id] = Some(l);
        }
        c
    }
}

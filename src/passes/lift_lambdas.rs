//! lift-lambdas: nested code -> a flat table of top-level code bodies.
//!
//! In: `ir` after closure conversion, where each `Closure` still holds its
//! lambda. Out: `Program::functions` holds every lambda's code, indexed by
//! `LambdaId`, and each `Closure`/`Closures` refers to its code by id
//! (`Code::Lifted`). No lambda is nested any more; the program's top-level forms
//! become the entry body. Nothing else changes.

use crate::ir::{ClosureAlloc, Code, Expr, Lambda, Program};

pub fn lift_lambdas(program: &mut Program) {
    let mut table: Vec<Option<Lambda>> = (0..program.lambda_count).map(|_| None).collect();
    for e in &mut program.body {
        lift(e, &mut table);
    }
    program.functions = table
        .into_iter()
        .enumerate()
        .map(|(id, l)| {
            l.unwrap_or_else(|| {
                panic!("lambda {id} was created by alpha_rename but never reached lift_lambdas")
            })
        })
        .collect();
}

fn lift_closure(c: &mut ClosureAlloc, table: &mut Vec<Option<Lambda>>) {
    c.free.iter_mut().for_each(|f| lift(f, table));
    let id = c.lambda_id();
    if let Code::Nested(l) = std::mem::replace(&mut c.code, Code::Lifted(id)) {
        let mut l = *l;
        lift(&mut l.body, table);
        table[id] = Some(l);
    }
}

fn lift(e: &mut Expr, table: &mut Vec<Option<Lambda>>) {
    match e {
        Expr::Const(_) | Expr::Void | Expr::Global(..) | Expr::Local(_) | Expr::FreeRef(..) => {}
        Expr::SetLocal(_, value) | Expr::SetGlobal(_, value) | Expr::Inlined(_, value) => {
            lift(value, table)
        }
        Expr::If(c, t, f) => {
            lift(c, table);
            lift(t, table);
            lift(f, table);
        }
        Expr::Call(f, args, _) | Expr::CallDirect(_, f, args, _) => {
            lift(f, table);
            args.iter_mut().for_each(|a| lift(a, table));
        }
        Expr::Prim(_, args, _) | Expr::Seq(args) => args.iter_mut().for_each(|a| lift(a, table)),
        Expr::Let(bindings, body) => {
            bindings.iter_mut().for_each(|(_, init)| lift(init, table));
            lift(body, table);
        }
        Expr::Closure(c) => lift_closure(c, table),
        Expr::Closures(bindings, body) => {
            bindings
                .iter_mut()
                .for_each(|(_, c)| lift_closure(c, table));
            lift(body, table);
        }
        Expr::Lambda(_) | Expr::Fix(..) => unreachable!("lift_lambdas runs after convert_closures"),
    }
}

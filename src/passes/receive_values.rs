//! receive-values: a call of `call-with-values` whose producer and
//! consumer are both lambdas, as `let-values`, `let*-values` and
//! `define-values` make, becomes a `let` of the produced value and direct
//! bindings of the consumer's variables: no closures, no list of the
//! values, no `apply`.
//!
//! In: `ir` after `alpha_rename`. Out: the same language, in which
//! `(call-with-values (lambda () P) (lambda (x0 ... xn-1) C))` (the
//! prelude's `call-with-values`, which no program can redefine; a consumer
//! without a rest parameter) is
//!
//! ```text
//! (let ((v P))
//!   (if (eq? (%values-count v) n)
//!       (let ((x0 (%values-ref v 0)) ... (xn-1 (%values-ref v n-1))) C)
//!       (%values-mismatch v n)))
//! ```
//!
//! where one variable is bound to `v` itself. The bodies keep their
//! variables; `P` now runs in the enclosing procedure's frame, and `C` in
//! tail position if the call was. A wrong number of values raises
//! `wrong number of values: expected n, got m` at the call (before: an
//! arity error of the consumer). A consumer with a rest parameter, and any
//! other call, stays a call.
//!
//! Why: `(let-values (((q r) (floor/ n d))) ...)` in a loop made two
//! closures, a list and an `apply` per iteration.
//!
//! Invariant: the producer's body is evaluated once, before the consumer's
//! variables are bound, as the call evaluated it.

use crate::datum::{Datum, DatumKind, Span};
use crate::ir::{Expr, Folder, GlobalId, IdVec, Lambda, Prim, Program, VarId, VarInfo};
use closcrt::builtins::table::BuiltinId;

pub fn receive_values(program: &mut Program) {
    let Some(call_with_values) = prelude_call_with_values(program) else {
        return;
    };
    let named = |name| Prim::Builtin(BuiltinId::named(name).expect("a builtin"));
    let mut r = Receiver {
        call_with_values,
        vars: std::mem::take(&mut program.vars),
        eq: named("eq?"),
        count: named("%values-count"),
        value_ref: named("%values-ref"),
        mismatch: named("%values-mismatch"),
    };
    for e in &mut program.body {
        r.fold_in_place(e);
    }
    program.vars = r.vars;
}

/// The prelude's `call-with-values`, if the program uses it: a global the
/// prelude defines as a lambda and nothing assigns.
fn prelude_call_with_values(program: &Program) -> Option<GlobalId> {
    program.body[..program.first_user_form]
        .iter()
        .find_map(|e| match e {
            Expr::SetGlobal(g, value)
                if matches!(**value, Expr::Lambda(_))
                    && program.globals[*g].name == "call-with-values"
                    && !program.globals[*g].assigned =>
            {
                Some(*g)
            }
            _ => None,
        })
}

struct Receiver {
    call_with_values: GlobalId,
    vars: IdVec<VarId, VarInfo>,
    eq: Prim,
    count: Prim,
    value_ref: Prim,
    mismatch: Prim,
}

impl Receiver {
    fn receive(&mut self, producer: Lambda, consumer: Lambda, span: Span) -> Expr {
        let produced = self.fold_expr(producer.body);
        let body = self.fold_expr(consumer.body);
        let v = self.vars.push(VarInfo {
            name: "#%values".into(),
            assigned: false,
            captured: false,
            span: Span::default(),
        });
        let int = |i: usize| Expr::Const(Datum::new(DatumKind::Int(i as i64), span));
        let n = consumer.params.len();
        let bindings: Vec<(VarId, Expr)> = match consumer.params[..] {
            [x] => vec![(x, Expr::Local(v))],
            _ => (consumer.params.iter().enumerate())
                .map(|(i, &x)| {
                    let value = vec![Expr::Local(v), int(i)];
                    (x, Expr::Prim(self.value_ref, value, span))
                })
                .collect(),
        };
        let matched = if bindings.is_empty() {
            body
        } else {
            Expr::Let(bindings, Box::new(body))
        };
        let count = Expr::Prim(self.count, vec![Expr::Local(v)], span);
        let test = Expr::Prim(self.eq, vec![count, int(n)], span);
        let mismatch = Expr::Prim(self.mismatch, vec![Expr::Local(v), int(n)], span);
        Expr::Let(
            vec![(v, produced)],
            Box::new(Expr::If(
                Box::new(test),
                Box::new(matched),
                Box::new(mismatch),
            )),
        )
    }
}

impl Folder for Receiver {
    fn fold_call(&mut self, f: Box<Expr>, args: Vec<Expr>, span: Span) -> Expr {
        let receives = matches!(*f, Expr::Global(g, _) if g == self.call_with_values)
            && matches!(&args[..], [Expr::Lambda(p), Expr::Lambda(c)]
                if p.params.is_empty() && p.rest.is_none() && c.rest.is_none());
        if receives {
            let mut args = args.into_iter();
            if let (Some(Expr::Lambda(p)), Some(Expr::Lambda(c))) = (args.next(), args.next()) {
                return self.receive(*p, *c, span);
            }
            unreachable!("checked: two lambdas");
        }
        let f = self.fold_boxed(f);
        Expr::Call(f, self.fold_all(args), span)
    }
}

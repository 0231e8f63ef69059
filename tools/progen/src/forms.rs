//! Effectful expressions and the blocks that order them: `set!` (directly
//! and through closures), loops and deep tail calls, closures made per
//! iteration, `call/cc` escapes and re-entry, `dynamic-wind`, `guard` with
//! `raise` and `error`, `raise-continuable`, string and vector mutation,
//! string ports. They appear only where their order is fixed: a `let*`
//! binding, a statement of a body, a body's last expression.

use crate::choices::Choices;
use crate::{Gen, Ty};

impl<C: Choices> Gen<'_, C> {
    /// `(let* (BINDINGS) STATEMENTS RESULT)` of type `ty`: bindings are
    /// effectful expressions of any type (later ones see earlier ones),
    /// statements `set!` or print, the result is pure or effectful.
    pub(crate) fn block(&mut self, ty: Ty, d: u32) -> String {
        self.scoped(|g| {
            let n = g.c.below(if d == 0 { 1 } else { 5 });
            let mut bindings = Vec::new();
            for _ in 0..n {
                // Inside a guard or a call/cc, often raise or escape.
                if (g.may_raise || !g.escapes.is_empty()) && g.c.chance(25) {
                    let u = g.name("u");
                    let e = if g.may_raise && (g.escapes.is_empty() || g.c.chance(50)) {
                        g.raise(Ty::Int, d.saturating_sub(1))
                    } else {
                        g.escape_call(Ty::Int, d.saturating_sub(1))
                    };
                    bindings.push(format!("({u} {e})"));
                    g.bind(&u, Ty::Int, false, true);
                    continue;
                }
                if g.c.chance(20) {
                    // A statement between bindings.
                    let u = g.name("u");
                    let s = g.statement(d.saturating_sub(1));
                    bindings.push(format!("({u} (begin {s} 0))"));
                    g.bind(&u, Ty::Int, false, true);
                    continue;
                }
                let bty = g.any_ty();
                let v = g.name("v");
                let (rhs, pure) = if bty == Ty::Proc && g.c.chance(50) {
                    (g.mutator(d.saturating_sub(1)), false)
                } else {
                    (g.effect(bty, d.saturating_sub(1)), true)
                };
                bindings.push(format!("({v} {rhs})"));
                g.bind(&v, bty, bty != Ty::Proc, pure);
            }
            let statements: Vec<String> = (0..g.c.below(3))
                .map(|_| g.statement(d.saturating_sub(1)))
                .collect();
            let result = if g.c.chance(50) {
                g.effect(ty, d.saturating_sub(1))
            } else {
                g.pure(ty, d.saturating_sub(1).min(3))
            };
            if bindings.is_empty() && statements.is_empty() {
                return result;
            }
            let mut text = format!("(let* ({})", bindings.join(" "));
            for s in statements {
                text.push(' ');
                text.push_str(&s);
            }
            text.push(' ');
            text.push_str(&result);
            text.push(')');
            text
        })
    }

    /// An expression with effects: `set!` of a variable in scope, a print.
    fn statement(&mut self, d: u32) -> String {
        let p = self.p.clone();
        if self.c.chance(70) {
            let ty = self.printable_ty();
            if let Some(v) = self.var_of(ty, false, true) {
                let e = self.pure(ty, d.min(2));
                return format!("(set! {v} {e})");
            }
        }
        if self.c.chance(50) {
            if let Some(v) = self.var_of(Ty::Vec, false, false) {
                let (i, e) = (self.pure(Ty::Int, d.min(2)), self.pure(Ty::Int, d.min(2)));
                return format!("(vector-set! {v} ({p}ix {i} (vector-length {v})) {e})");
            }
        }
        let ty = self.printable_ty();
        let e = self.pure(ty, d.min(2));
        format!("({p}show {e})")
    }

    /// A procedure that `set!`s a variable in scope (a global, or a local it
    /// captures) and returns its new value: calling it is an effect.
    fn mutator(&mut self, d: u32) -> String {
        let x = self.name("x");
        match self.var_of(Ty::Int, false, true) {
            Some(m) => {
                let step = self.in_lambda(|g| {
                    g.scoped(|g| {
                        g.bind(&x, Ty::Int, false, true);
                        g.pure(Ty::Int, d.min(2))
                    })
                });
                format!("(lambda ({x}) (set! {m} (modulo (+ {m} {step}) 1000000007)) {m})")
            }
            None => {
                // A counter: its own captured state.
                let n = self.name("n");
                let init = self.pure(Ty::Int, d.min(2));
                format!("(let (({n} {init})) (lambda ({x}) (set! {n} (+ {n} {x})) {n}))")
            }
        }
    }

    /// An expression of type `ty` that may have effects.
    pub(crate) fn effect(&mut self, ty: Ty, d: u32) -> String {
        if d == 0 {
            return self.pure(ty, 0);
        }
        let dd = d - 1;
        // Forms of any type first, then those of one type.
        match self.c.below(16) {
            0 => self.pure(ty, d),
            1 => self.block(ty, dd),
            2 => {
                let t = self.pure(Ty::Bool, dd.min(2));
                let (a, b) = (self.block(ty, dd), self.block(ty, dd));
                format!("(if {t} {a} {b})")
            }
            3 => self.guard(ty, dd),
            4 => self.escape(ty, dd),
            5 if self.may_raise => self.raise(ty, dd),
            6 if !self.escapes.is_empty() => self.escape_call(ty, dd),
            7 => {
                if let Some(f) = self.var_of(Ty::Proc, true, false) {
                    if ty == Ty::Int {
                        let a = self.pure(Ty::Int, dd.min(2));
                        return format!("({f} {a})");
                    }
                }
                self.block(ty, dd)
            }
            _ => match ty {
                Ty::Int => self.int_effect(dd),
                Ty::Str => self.string_effect(dd),
                Ty::Vec => self.vector_effect(dd),
                Ty::List => self.list_effect(dd),
                // A pure procedure: a `Proc` expression's value may be
                // called in pure expressions (mutators are bound by `block`).
                _ => self.block(ty, dd),
            },
        }
    }

    /// `guard` catching everything; its body may raise.
    fn guard(&mut self, ty: Ty, d: u32) -> String {
        let e = self.name("e");
        let outer = std::mem::replace(&mut self.may_raise, true);
        let mut body = self.block(ty, d);
        if self.c.chance(60) {
            body = format!("(begin {} {body})", self.raise(Ty::Int, d));
        }
        self.may_raise = outer;
        let mut clauses = Vec::new();
        for test in ["string?", "symbol?", "number?"] {
            if self.c.chance(50) {
                let value = self.pure(ty, 1);
                clauses.push(format!("(({test} {e}) {value})"));
            }
        }
        if ty == Ty::Int && self.c.chance(50) {
            clauses.insert(0, format!("((and (number? {e}) (exact? {e})) (+ {e} 1))"));
        }
        let fallback = self.pure(ty, 1);
        clauses.push(format!("(else {fallback})"));
        format!("(guard ({e} {}) {body})", clauses.join(" "))
    }

    /// A raise of some object (or an error), under a condition.
    fn raise(&mut self, ty: Ty, d: u32) -> String {
        let t = self.pure(Ty::Bool, d.min(2));
        let otherwise = self.pure(ty, d.min(2));
        let raised = match self.c.below(6) {
            0 => format!("(raise {})", self.pure(Ty::Int, 1)),
            1 => format!("(raise '{})", self.name("sym")),
            2 => format!("(raise {})", self.pure(Ty::Str, 1)),
            3 => {
                let a = self.pure(Ty::Int, 1);
                format!("(error \"generated error\" {a})")
            }
            // Errors a builtin raises.
            4 => "(vector-ref (vector 1 2) 2)".to_string(),
            _ => "(car (list))".to_string(),
        };
        format!("(if {t} {raised} {otherwise})")
    }

    /// A call of an escape procedure in scope, under a condition; the
    /// value is of type `ty` when it does not escape.
    fn escape_call(&mut self, ty: Ty, d: u32) -> String {
        let i = self.c.below(self.escapes.len() as u32) as usize;
        let (k, kty) = self.escapes[i].clone();
        let t = self.pure(Ty::Bool, d.min(2));
        let (a, b) = (self.pure(kty, d.min(2)), self.pure(ty, d.min(2)));
        format!("(if {t} ({k} {a}) {b})")
    }

    /// `(call/cc (lambda (k) BODY))`: the body may escape through `k`.
    fn escape(&mut self, ty: Ty, d: u32) -> String {
        let k = self.name("k");
        self.escapes.push((k.clone(), ty));
        let mut body = self.block(ty, d);
        if self.c.chance(60) {
            body = format!("(begin {} {body})", self.escape_call(Ty::Int, d));
        }
        self.escapes.pop();
        format!("(call/cc (lambda ({k}) {body}))")
    }

    fn int_effect(&mut self, d: u32) -> String {
        match self.c.below(10) {
            0 => {
                // A continuation re-entered a fixed number of times.
                let (n, acc, k, v, c) = (
                    self.name("n"),
                    self.name("acc"),
                    self.name("k"),
                    self.name("v"),
                    self.name("c"),
                );
                let first = self.pure(Ty::Int, d.min(2));
                let reps = 1 + self.c.below(5);
                format!(
                    "(let (({n} 0) ({acc} 0) ({k} #f)) (let (({v} (call/cc (lambda ({c}) (set! {k} {c}) {first})))) (set! {acc} (modulo (+ (* {acc} 7) {v}) 1000003)) (set! {n} (+ {n} 1)) (if (< {n} {reps}) ({k} (+ {n} 10)) (+ {acc} {n}))))"
                )
            }
            1 => {
                // dynamic-wind: the trace says which thunks ran, and when.
                let (tr, k) = (self.name("tr"), self.name("k"));
                self.escapes.push((k.clone(), Ty::Int));
                let body = self.block(Ty::Int, d);
                self.escapes.pop();
                format!(
                    "(let (({tr} 0)) (let ((r (call/cc (lambda ({k}) (dynamic-wind (lambda () (set! {tr} (+ (* {tr} 10) 1))) (lambda () {body}) (lambda () (set! {tr} (+ (* {tr} 10) 2)))))))) (+ (* 1000 {tr}) (modulo r 1000))))"
                )
            }
            2 => {
                // A deep tail loop.
                let (lp, i, acc) = (self.name("loop"), self.name("i"), self.name("acc"));
                let count = [10, 1000, 100_000, 300_000][self.c.below(4) as usize];
                let init = self.pure(Ty::Int, d.min(2));
                let step = self.scoped(|g| {
                    g.bind(&i, Ty::Int, false, true);
                    g.bind(&acc, Ty::Int, false, true);
                    g.pure(Ty::Int, d.min(2))
                });
                format!(
                    "(let {lp} (({i} 0) ({acc} (modulo {init} 1000003))) (if (>= {i} {count}) {acc} ({lp} (+ {i} 1) (modulo (+ {acc} {step}) 1000003))))"
                )
            }
            3 => {
                // Mutual tail recursion.
                let (ev, od, n) = (self.name("ev"), self.name("od"), self.name("n"));
                let count = self.c.range(0, 200_000);
                format!(
                    "(letrec (({ev} (lambda ({n}) (if (= {n} 0) #t ({od} (- {n} 1))))) ({od} (lambda ({n}) (if (= {n} 0) #f ({ev} (- {n} 1)))))) (if ({ev} {count}) 1 0))"
                )
            }
            4 => {
                // Closures made per iteration of `do` capture that iteration's binding.
                let (i, fs, f) = (self.name("i"), self.name("fs"), self.name("f"));
                let count = self.c.below(20);
                let body = self.in_lambda(|g| {
                    g.scoped(|g| {
                        g.bind(&i, Ty::Int, false, true);
                        g.pure(Ty::Int, d.min(2))
                    })
                });
                format!(
                    "(do (({i} 0 (+ {i} 1)) ({fs} '() (cons (lambda () {body}) {fs}))) ((= {i} {count}) (apply + (map (lambda ({f}) ({f})) {fs}))))"
                )
            }
            5 => {
                // The same with a named let, and each closure counted.
                let (lp, i, fs) = (self.name("loop"), self.name("i"), self.name("fs"));
                let count = self.c.below(30);
                let k = self.pure(Ty::Int, 1);
                format!(
                    "(let {lp} (({i} 0) ({fs} '())) (if (= {i} {count}) (let sum ((l {fs}) (s 0)) (if (null? l) s (sum (cdr l) (+ (* s 3) ((car l)))))) ({lp} (+ {i} 1) (cons (lambda () (* {i} {k})) {fs}))))"
                )
            }
            6 => {
                // Non-tail recursion.
                let (f, n) = (self.name("f"), self.name("n"));
                let depth = [10, 1000, 10_000][self.c.below(3) as usize];
                let base = self.pure(Ty::Int, d.min(2));
                format!("(let {f} (({n} {depth})) (if (= {n} 0) {base} (+ ({f} (- {n} 1)) {n})))")
            }
            7 => {
                // A handler whose value `raise-continuable` returns.
                let c = self.name("c");
                let (a, b) = (self.pure(Ty::Int, d.min(2)), self.pure(Ty::Int, d.min(2)));
                let k = self.c.range(-5, 5);
                format!(
                    "(with-exception-handler (lambda ({c}) (+ {c} {k})) (lambda () (+ {a} (raise-continuable {b}))))"
                )
            }
            8 => {
                // Allocation: a list built and walked (the collector runs).
                let (lp, i, l) = (self.name("loop"), self.name("i"), self.name("l"));
                let count = [100, 5000, 20_000][self.c.below(3) as usize];
                let e = self.scoped(|g| {
                    g.bind(&i, Ty::Int, false, true);
                    g.pure(Ty::Int, 1)
                });
                format!(
                    "(let {lp} (({i} 0) ({l} '())) (if (= {i} {count}) (let sum ((l {l}) (s 0)) (if (null? l) s (sum (cdr l) (modulo (+ s (car l)) 1000003)))) ({lp} (+ {i} 1) (cons (modulo (+ {i} {e}) 1000) {l}))))"
                )
            }
            _ => {
                // A vector filled by a loop, then summed.
                let (v, i) = (self.name("v"), self.name("i"));
                let n = 1 + self.c.below(50);
                let e = self.scoped(|g| {
                    g.bind(&i, Ty::Int, false, true);
                    g.pure(Ty::Int, 1)
                });
                format!(
                    "(let (({v} (make-vector {n} 0))) (do (({i} 0 (+ {i} 1))) ((= {i} {n}) (apply + (vector->list {v}))) (vector-set! {v} {i} (modulo {e} 1000))))"
                )
            }
        }
    }

    fn string_effect(&mut self, d: u32) -> String {
        let p = self.p.clone();
        if self.c.chance(50) {
            // A string port collecting what `write` and `display` print.
            let port = self.name("port");
            let ty = self.printable_ty();
            let (a, b) = (self.pure(ty, d.min(2)), self.pure(Ty::Str, d.min(2)));
            format!(
                "(let (({port} (open-output-string))) (write {a} {port}) (display {b} {port}) (get-output-string {port}))"
            )
        } else {
            // A fresh string, mutated.
            let s = self.name("s");
            let k = 1 + self.c.below(6);
            let i = self.pure(Ty::Int, d.min(2));
            format!(
                "(let (({s} (make-string {k} #\\a))) (string-set! {s} ({p}ix {i} {k}) #\\z) {s})"
            )
        }
    }

    fn vector_effect(&mut self, d: u32) -> String {
        let p = self.p.clone();
        let v = self.name("v");
        let k = 1 + self.c.below(6);
        let (a, i, e) = (
            self.pure(Ty::Int, d.min(2)),
            self.pure(Ty::Int, d.min(2)),
            self.pure(Ty::Int, d.min(2)),
        );
        if self.c.chance(30) {
            format!("(let (({v} (make-vector {k} {a}))) (vector-fill! {v} {e}) (vector-set! {v} ({p}ix {i} {k}) {a}) {v})")
        } else {
            format!("(let (({v} (make-vector {k} {a}))) (vector-set! {v} ({p}ix {i} {k}) {e}) {v})")
        }
    }

    fn list_effect(&mut self, d: u32) -> String {
        // `for-each` with an escape out of the middle of the walk.
        let (k, x) = (self.name("k"), self.name("x"));
        let l = self.pure(Ty::List, d.min(2));
        let limit = self.pure(Ty::Int, 1);
        format!(
            "(call/cc (lambda ({k}) (for-each (lambda ({x}) (if (> {x} {limit}) ({k} (list {x})))) {l}) {l}))"
        )
    }
}

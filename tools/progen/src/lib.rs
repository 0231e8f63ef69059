//! progen: random Scheme programs for differential testing.
//!
//! In: a stream of decisions (`choices`: a seed, or a fuzz input's bytes)
//! and `Options`. Out: the text of one program, R7RS-small code whose
//! meaning is the same under R6RS (so Chez Scheme can be the oracle), that
//! prints the value of each of its tests with `write`.
//!
//! Every generated program is well typed and terminates, and its output
//! does not depend on anything an implementation may choose:
//! - expressions are *pure* (no effects, no escapes, no raises) or
//!   *effectful*; effectful ones only appear where their order is fixed (a
//!   `let*` binding, a body's statement, a body's last expression), so the
//!   unspecified order of argument evaluation never shows;
//! - division, `vector-ref`, `string-ref`, `substring` get operands that are
//!   in range (`NAME-nz`, `NAME-ix` helpers), and vectors are never empty;
//! - loops and recursions have fixed bounds; a re-entered continuation
//!   stops after a fixed count; loop accumulators are kept small (`modulo`);
//! - `raise` and `(error ...)` only happen inside a `guard` whose `else`
//!   catches everything, and an escape procedure is only called within the
//!   extent of its `call/cc` (lambda bodies see neither);
//! - only forms R6RS and R7RS agree on: no `error-object?` (Chez 9.5 lacks
//!   it), no string mutation of literals, no mixed exact/inexact comparisons,
//!   no transcendental functions.

pub mod choices;
mod exprs;
mod forms;

use choices::Choices;

/// The kinds of values the generator tracks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    /// Exact integer (fixnum or bignum).
    Int,
    /// Exact rational (an integer is one too).
    Rat,
    /// Flonum.
    Flo,
    Bool,
    Str,
    /// Non-empty vector of exact integers.
    Vec,
    /// List of exact integers.
    List,
    /// Procedure from an exact integer to an exact integer.
    Proc,
}

/// The types a test's result or a binding may have (a procedure's value is
/// never printed: `Proc` only appears inside).
const PRINTABLE: [Ty; 7] = [
    Ty::Int,
    Ty::Rat,
    Ty::Flo,
    Ty::Bool,
    Ty::Str,
    Ty::Vec,
    Ty::List,
];

/// A variable in scope.
#[derive(Clone, Debug)]
struct Var {
    name: String,
    ty: Ty,
    /// May be `set!` (bindings of blocks, globals; not loop variables).
    mutable: bool,
    /// For `Proc`: calling it has no effect, so it may be called in a pure
    /// expression.
    pure: bool,
}

/// How the program is laid out.
#[derive(Clone, Debug)]
pub struct Options {
    /// Prefix of every top-level name, so several programs can share a file.
    pub prefix: String,
    /// Wrap the whole program in `(let () ...)`: no top-level definitions
    /// (what an in-process run wants: no globals accumulate).
    pub body: bool,
    /// How many tests (each a procedure whose value is printed), at most.
    pub max_tests: u32,
    /// Nesting depth of expressions.
    pub depth: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            prefix: "p-".to_string(),
            body: false,
            max_tests: 8,
            depth: 4,
        }
    }
}

/// The generator's state while it writes one program.
struct Gen<'c, C: Choices> {
    c: &'c mut C,
    /// Prefix of top-level names.
    p: String,
    /// Counter for fresh local names.
    fresh: u32,
    /// Variables in scope, innermost last.
    scope: Vec<Var>,
    /// Escape procedures (`call/cc`'s `k`) callable here, with the type
    /// their argument must have.
    escapes: Vec<(String, Ty)>,
    /// Whether a `guard` that catches everything encloses this point (in
    /// the same procedure body).
    may_raise: bool,
}

/// One program from `c`.
pub fn program<C: Choices>(c: &mut C, opts: &Options) -> String {
    let mut g = Gen {
        c,
        p: opts.prefix.clone(),
        fresh: 0,
        scope: Vec::new(),
        escapes: Vec::new(),
        may_raise: false,
    };
    g.program(opts)
}

impl<C: Choices> Gen<'_, C> {
    fn program(&mut self, opts: &Options) -> String {
        let p = self.p.clone();
        let mut defs = vec![
            format!("(define ({p}show x) (write x) (newline))"),
            format!("(define ({p}nz n) (if (zero? n) 1 n))"),
            format!("(define ({p}ix i n) (modulo i n))"),
        ];
        // Globals: read by tests, and `set!` by some (tests run in order).
        let globals = self.c.below(3);
        for i in 0..globals {
            let ty = self.printable_ty();
            let value = self.pure(ty, 2);
            let name = format!("{p}g{i}");
            defs.push(format!("(define {name} {value})"));
            self.scope.push(Var {
                name,
                ty,
                mutable: true,
                pure: true,
            });
        }
        let tests = 1 + self.c.below(opts.max_tests.max(1));
        let mut runs = Vec::new();
        for t in 0..tests {
            let ty = self.printable_ty();
            let body = self.block(ty, opts.depth);
            let name = format!("{p}t{t}");
            defs.push(format!("(define ({name})\n  {body})"));
            runs.push(format!("({p}show ({name}))"));
        }
        let mut text = String::new();
        if opts.body {
            text.push_str("(let ()\n");
        }
        for line in defs.iter().chain(runs.iter()) {
            text.push_str(line);
            text.push('\n');
        }
        if opts.body {
            text.push_str(")\n");
        }
        text
    }

    fn name(&mut self, stem: &str) -> String {
        self.fresh += 1;
        format!("{stem}{}", self.fresh)
    }

    fn printable_ty(&mut self) -> Ty {
        // Integers most often: they reach bignums and most operations.
        if self.c.chance(35) {
            Ty::Int
        } else {
            PRINTABLE[self.c.below(PRINTABLE.len() as u32) as usize]
        }
    }

    fn any_ty(&mut self) -> Ty {
        if self.c.chance(10) {
            Ty::Proc
        } else {
            self.printable_ty()
        }
    }

    /// A variable of type `ty` in scope (for `Proc`, a pure one unless
    /// `impure_ok`), if any.
    fn var_of(&mut self, ty: Ty, impure_ok: bool, mutable: bool) -> Option<String> {
        let found: Vec<&Var> = self
            .scope
            .iter()
            .filter(|v| v.ty == ty && (impure_ok || v.pure) && (!mutable || v.mutable))
            .collect();
        if found.is_empty() {
            return None;
        }
        let i = self.c.below(found.len() as u32) as usize;
        Some(found[i].name.clone())
    }

    fn bind(&mut self, name: &str, ty: Ty, mutable: bool, pure: bool) {
        self.scope.push(Var {
            name: name.to_string(),
            ty,
            mutable,
            pure,
        });
    }

    /// Runs `f` as the body of a new lambda: the escapes and guards around
    /// it do not reach into it (it may be called after they are gone).
    fn in_lambda<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let escapes = std::mem::take(&mut self.escapes);
        let may_raise = std::mem::replace(&mut self.may_raise, false);
        let out = f(self);
        self.escapes = escapes;
        self.may_raise = may_raise;
        out
    }

    /// Runs `f` with the scope restored afterwards.
    fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let n = self.scope.len();
        let out = f(self);
        self.scope.truncate(n);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::choices::{Bytes, Seeded};
    use super::*;

    #[test]
    fn a_seed_always_makes_the_same_program() {
        let opts = Options::default();
        let a = program(&mut Seeded::new(42), &opts);
        let b = program(&mut Seeded::new(42), &opts);
        let c = program(&mut Seeded::new(43), &opts);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn programs_are_balanced() {
        for seed in 0..300 {
            let text = program(&mut Seeded::new(seed), &Options::default());
            let mut depth = 0i64;
            let mut in_string = false;
            for ch in text.chars() {
                match ch {
                    '"' => in_string = !in_string,
                    '(' if !in_string => depth += 1,
                    ')' if !in_string => depth -= 1,
                    _ => {}
                }
                assert!(depth >= 0, "seed {seed}: unbalanced\n{text}");
            }
            assert_eq!(depth, 0, "seed {seed}: unbalanced\n{text}");
        }
    }

    #[test]
    fn any_bytes_make_a_program() {
        for data in [&b""[..], &[0xff; 64], &[7, 200, 13, 0, 255, 1, 2, 3]] {
            let opts = Options {
                body: true,
                ..Options::default()
            };
            let text = program(&mut Bytes::new(data), &opts);
            assert!(text.starts_with("(let ()\n"), "{text}");
        }
    }
}

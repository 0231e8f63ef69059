//! Pure expressions of each type: no effects, no escapes, no raises, so
//! they may stand anywhere, arguments included, in any order. Alternative 0
//! of every choice is a leaf (`choices`' invariant).

use crate::choices::Choices;
use crate::{Gen, Ty};

const FLONUMS: [&str; 12] = [
    "1.5", "-0.25", "0.1", "1e10", "3e-5", "-0.0", "123.456", "1e300", "2.5", "-7.0", "0.3",
    "6.02e23",
];
const BIG: [&str; 9] = [
    "4611686018427387903",
    "-4611686018427387904",
    "4611686018427387904",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "1073741823",
    "123456789012345678901234567890",
    "-99999999999999999999",
];
const STRING_CHARS: &[u8] = b"abcxyz019 ";

impl<C: Choices> Gen<'_, C> {
    /// A pure expression of type `ty`, at most `d` levels deep.
    pub(crate) fn pure(&mut self, ty: Ty, d: u32) -> String {
        if d == 0 || self.c.chance(20) {
            return self.leaf(ty);
        }
        let d = d - 1;
        match ty {
            Ty::Int => self.int(d),
            Ty::Rat => self.rat(d),
            Ty::Flo => self.flo(d),
            Ty::Bool => self.boolean(d),
            Ty::Str => self.string(d),
            Ty::Vec => self.vector(d),
            Ty::List => self.list(d),
            Ty::Proc => self.procedure(d),
        }
    }

    /// A literal or a variable.
    pub(crate) fn leaf(&mut self, ty: Ty) -> String {
        if self.c.chance(60) {
            if let Some(v) = self.var_of(ty, false, false) {
                return v;
            }
        }
        self.literal(ty)
    }

    fn literal(&mut self, ty: Ty) -> String {
        match ty {
            Ty::Int => self.int_literal(),
            Ty::Rat => {
                if self.c.chance(30) {
                    return self.int_literal();
                }
                let n = self.c.range(-50, 50);
                let d = self.c.range(1, 40);
                format!("{n}/{d}")
            }
            Ty::Flo => FLONUMS[self.c.below(FLONUMS.len() as u32) as usize].to_string(),
            Ty::Bool => if self.c.chance(50) { "#t" } else { "#f" }.to_string(),
            Ty::Str => {
                let n = self.c.below(7);
                let s: String = (0..n)
                    .map(|_| STRING_CHARS[self.c.below(STRING_CHARS.len() as u32) as usize] as char)
                    .collect();
                format!("\"{s}\"")
            }
            Ty::Vec => {
                let n = 1 + self.c.below(4);
                let items: Vec<String> = (0..n).map(|_| self.int_literal()).collect();
                format!("(vector {})", items.join(" "))
            }
            Ty::List => {
                let n = self.c.below(4);
                let items: Vec<String> = (0..n).map(|_| self.int_literal()).collect();
                format!("(list {})", items.join(" "))
            }
            Ty::Proc => {
                let k = self.int_literal();
                format!("(lambda (x) (+ x {k}))")
            }
        }
    }

    fn int_literal(&mut self) -> String {
        if self.c.chance(15) {
            BIG[self.c.below(BIG.len() as u32) as usize].to_string()
        } else {
            self.c.range(-20, 100).to_string()
        }
    }

    fn int(&mut self, d: u32) -> String {
        let p = self.p.clone();
        match self.c.below(16) {
            0 => self.leaf(Ty::Int),
            1..=3 => {
                let op = ["+", "-", "*"][self.c.below(3) as usize];
                let (a, b) = (self.pure(Ty::Int, d), self.pure(Ty::Int, d));
                format!("({op} {a} {b})")
            }
            4 => {
                let op = ["quotient", "remainder", "modulo"][self.c.below(3) as usize];
                let (a, b) = (self.pure(Ty::Int, d), self.pure(Ty::Int, d));
                format!("({op} {a} ({p}nz {b}))")
            }
            5 => {
                // A bounded base keeps powers of powers from exploding.
                let a = self.pure(Ty::Int, d);
                let k = self.c.below(41);
                format!("(expt (remainder {a} 100000) {k})")
            }
            6 => {
                let op = ["abs", "max", "min", "gcd", "lcm"][self.c.below(5) as usize];
                let a = self.pure(Ty::Int, d);
                if op == "abs" {
                    format!("(abs {a})")
                } else {
                    let b = self.pure(Ty::Int, d);
                    format!("({op} {a} {b})")
                }
            }
            7 => {
                let (t, a, b) = (
                    self.pure(Ty::Bool, d),
                    self.pure(Ty::Int, d),
                    self.pure(Ty::Int, d),
                );
                format!("(if {t} {a} {b})")
            }
            8 => {
                let x = self.name("x");
                let init = self.pure(Ty::Int, d);
                let body = self.scoped(|g| {
                    g.bind(&x, Ty::Int, false, true);
                    g.pure(Ty::Int, d)
                });
                format!("(let (({x} {init})) {body})")
            }
            9 => match self.c.below(4) {
                0 => format!("(string-length {})", self.pure(Ty::Str, d)),
                1 => format!("(vector-length {})", self.pure(Ty::Vec, d)),
                2 => format!("(length {})", self.pure(Ty::List, d)),
                _ => format!("(apply + {})", self.pure(Ty::List, d)),
            },
            10 => {
                let w = self.name("w");
                let (v, i) = (self.pure(Ty::Vec, d), self.pure(Ty::Int, d));
                format!("(let (({w} {v})) (vector-ref {w} ({p}ix {i} (vector-length {w}))))")
            }
            11 => {
                let (f, a) = (self.pure(Ty::Proc, d), self.pure(Ty::Int, d));
                format!("({f} {a})")
            }
            12 => {
                let op = [
                    "floor",
                    "ceiling",
                    "round",
                    "truncate",
                    "numerator",
                    "denominator",
                ][self.c.below(6) as usize];
                format!("({op} {})", self.pure(Ty::Rat, d))
            }
            13 => {
                let a = self.pure(Ty::Int, d);
                let (s, r) = (self.name("s"), self.name("r"));
                format!(
                    "(call-with-values (lambda () (exact-integer-sqrt (abs {a}))) (lambda ({s} {r}) (- {s} {r})))"
                )
            }
            14 => {
                let a = self.pure(Ty::Int, d);
                let radix = [2, 8, 10, 16][self.c.below(4) as usize];
                format!("(string->number (number->string {a} {radix}) {radix})")
            }
            _ => {
                if self.c.chance(50) {
                    let w = self.name("w");
                    let (s, i) = (self.pure(Ty::Str, d), self.pure(Ty::Int, d));
                    format!(
                        "(let (({w} {s})) (if (= 0 (string-length {w})) -1 (char->integer (string-ref {w} ({p}ix {i} (string-length {w}))))))"
                    )
                } else {
                    let y = self.name("y");
                    let f = self.pure(Ty::Flo, d);
                    format!("(let (({y} {f})) (if (< (abs {y}) 1e15) (exact (floor {y})) 0))")
                }
            }
        }
    }

    fn rat(&mut self, d: u32) -> String {
        let p = self.p.clone();
        match self.c.below(7) {
            0 => self.leaf(Ty::Rat),
            1 => {
                let (a, b) = (self.pure(Ty::Int, d), self.pure(Ty::Int, d));
                format!("(/ {a} ({p}nz {b}))")
            }
            2 | 3 => {
                let op = ["+", "-", "*"][self.c.below(3) as usize];
                let (a, b) = (self.pure(Ty::Rat, d), self.pure(Ty::Rat, d));
                format!("({op} {a} {b})")
            }
            4 => {
                let (a, b) = (self.pure(Ty::Rat, d), self.pure(Ty::Rat, d));
                format!("(/ {a} ({p}nz {b}))")
            }
            5 => {
                let a = self.pure(Ty::Rat, d);
                let k = self.c.range(-6, 6);
                format!("(expt ({p}nz {a}) {k})")
            }
            _ => {
                let (t, a, b) = (
                    self.pure(Ty::Bool, d),
                    self.pure(Ty::Rat, d),
                    self.pure(Ty::Rat, d),
                );
                if self.c.chance(50) {
                    format!("(if {t} {a} {b})")
                } else {
                    format!("(abs {a})")
                }
            }
        }
    }

    fn flo(&mut self, d: u32) -> String {
        match self.c.below(6) {
            0 => self.leaf(Ty::Flo),
            1 => format!("(exact->inexact {})", self.pure(Ty::Rat, d)),
            2 | 3 => {
                let op = ["+", "-", "*", "/"][self.c.below(4) as usize];
                let (a, b) = (self.pure(Ty::Flo, d), self.pure(Ty::Flo, d));
                format!("({op} {a} {b})")
            }
            4 => {
                let a = self.pure(Ty::Flo, d);
                match self.c.below(5) {
                    0 => format!("(sqrt (abs {a}))"),
                    1 => format!("(floor {a})"),
                    // IEEE rounding keeps the sign of a zero (-0.25 -> -0.0);
                    // Chez's `round` gives 0.0: adding 0.0 makes both 0.0.
                    2 => format!("(+ 0.0 (round {a}))"),
                    3 => format!("(truncate {a})"),
                    _ => format!("(abs {a})"),
                }
            }
            _ => {
                let (t, a, b) = (
                    self.pure(Ty::Bool, d),
                    self.pure(Ty::Flo, d),
                    self.pure(Ty::Flo, d),
                );
                format!("(if {t} {a} {b})")
            }
        }
    }

    fn boolean(&mut self, d: u32) -> String {
        match self.c.below(9) {
            0 => self.leaf(Ty::Bool),
            1 => {
                let op = ["<", "=", "<=", ">", ">="][self.c.below(5) as usize];
                // Never exact against inexact: R6RS and R7RS compare those differently.
                let ty = [Ty::Int, Ty::Rat, Ty::Flo][self.c.below(3) as usize];
                let (a, b) = (self.pure(ty, d), self.pure(ty, d));
                format!("({op} {a} {b})")
            }
            2 => {
                let op =
                    ["even?", "odd?", "zero?", "negative?", "positive?"][self.c.below(5) as usize];
                format!("({op} {})", self.pure(Ty::Int, d))
            }
            3 => {
                let op = ["string=?", "string<?", "string-ci=?"][self.c.below(3) as usize];
                let (a, b) = (self.pure(Ty::Str, d), self.pure(Ty::Str, d));
                format!("({op} {a} {b})")
            }
            4 => {
                let ty = [Ty::List, Ty::Vec, Ty::Str][self.c.below(3) as usize];
                let (a, b) = (self.pure(ty, d), self.pure(ty, d));
                format!("(equal? {a} {b})")
            }
            5 => {
                let ty = [Ty::Int, Ty::Flo, Ty::Rat][self.c.below(3) as usize];
                let (a, b) = (self.pure(ty, d), self.pure(ty, d));
                format!("(eqv? {a} {b})")
            }
            6 => format!("(not {})", self.pure(Ty::Bool, d)),
            7 => {
                let op = ["and", "or"][self.c.below(2) as usize];
                let (a, b) = (self.pure(Ty::Bool, d), self.pure(Ty::Bool, d));
                format!("({op} {a} {b})")
            }
            _ => format!("(null? {})", self.pure(Ty::List, d)),
        }
    }

    fn string(&mut self, d: u32) -> String {
        let p = self.p.clone();
        match self.c.below(9) {
            0 => self.leaf(Ty::Str),
            1 => {
                let (a, b) = (self.pure(Ty::Str, d), self.pure(Ty::Str, d));
                format!("(string-append {a} {b})")
            }
            2 => {
                let ty = [Ty::Int, Ty::Rat, Ty::Flo][self.c.below(3) as usize];
                format!("(number->string {})", self.pure(ty, d))
            }
            3 => {
                let w = self.name("w");
                let (s, i) = (self.pure(Ty::Str, d), self.pure(Ty::Int, d));
                format!("(let (({w} {s})) (substring {w} 0 ({p}ix {i} (+ 1 (string-length {w})))))")
            }
            4 => format!("(string-upcase {})", self.pure(Ty::Str, d)),
            5 => format!(
                "(list->string (reverse (string->list {})))",
                self.pure(Ty::Str, d)
            ),
            6 => {
                let k = self.c.below(6);
                let ch = STRING_CHARS[self.c.below(STRING_CHARS.len() as u32) as usize] as char;
                let ch = if ch == ' ' {
                    "space".to_string()
                } else {
                    ch.to_string()
                };
                format!("(make-string {k} #\\{ch})")
            }
            7 => format!("(string-copy {})", self.pure(Ty::Str, d)),
            _ => {
                let (a, b) = (self.pure(Ty::Int, d), self.pure(Ty::Str, d));
                format!("(string-append (number->string {a}) \"-\" {b})")
            }
        }
    }

    fn vector(&mut self, d: u32) -> String {
        match self.c.below(6) {
            0 => self.leaf(Ty::Vec),
            1 => {
                let n = 1 + self.c.below(4);
                let items: Vec<String> = (0..n).map(|_| self.pure(Ty::Int, d)).collect();
                format!("(vector {})", items.join(" "))
            }
            2 => {
                let k = 1 + self.c.below(5);
                format!("(make-vector {k} {})", self.pure(Ty::Int, d))
            }
            3 => {
                let (f, v) = (self.pure(Ty::Proc, d), self.pure(Ty::Vec, d));
                format!("(vector-map {f} {v})")
            }
            _ => {
                let (a, l) = (self.pure(Ty::Int, d), self.pure(Ty::List, d));
                format!("(list->vector (cons {a} {l}))")
            }
        }
    }

    fn list(&mut self, d: u32) -> String {
        match self.c.below(8) {
            0 => self.leaf(Ty::List),
            1 => {
                let n = self.c.below(4);
                let items: Vec<String> = (0..n).map(|_| self.pure(Ty::Int, d)).collect();
                format!("(list {})", items.join(" "))
            }
            2 => {
                let (a, l) = (self.pure(Ty::Int, d), self.pure(Ty::List, d));
                format!("(cons {a} {l})")
            }
            3 => {
                let (f, l) = (self.pure(Ty::Proc, d), self.pure(Ty::List, d));
                format!("(map {f} {l})")
            }
            4 => format!("(reverse {})", self.pure(Ty::List, d)),
            5 => {
                let (a, b) = (self.pure(Ty::List, d), self.pure(Ty::List, d));
                format!("(append {a} {b})")
            }
            6 => format!("(vector->list {})", self.pure(Ty::Vec, d)),
            _ => {
                let w = self.name("w");
                let l = self.pure(Ty::List, d);
                format!("(let (({w} {l})) (if (null? {w}) {w} (cdr {w})))")
            }
        }
    }

    fn procedure(&mut self, d: u32) -> String {
        match self.c.below(3) {
            0 => self.leaf(Ty::Proc),
            1 => {
                // A closure over the variables in scope.
                let x = self.name("x");
                let body = self.in_lambda(|g| {
                    g.scoped(|g| {
                        g.bind(&x, Ty::Int, false, true);
                        g.pure(Ty::Int, d)
                    })
                });
                format!("(lambda ({x}) {body})")
            }
            _ => {
                // A fresh binding captured by the closure.
                let (k, x) = (self.name("k"), self.name("x"));
                let init = self.pure(Ty::Int, d);
                let op = ["+", "-", "*"][self.c.below(3) as usize];
                format!("(let (({k} {init})) (lambda ({x}) ({op} {x} {k})))")
            }
        }
    }
}

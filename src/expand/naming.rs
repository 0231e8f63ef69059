//! Final names for locals, so that later passes can resolve names lexically.
//!
//! In: expanded `Expr`s in which every local bound from an identifier has the
//! placeholder name `"\0N"` (N indexes `locals`, the table of base names) and
//! every other name is a global, a builtin (`#%NAME`) or a temporary (`#%...`).
//! Out: the same program where local N is named its base name when that is
//! safe, and `#:BASE.N` otherwise.
//!
//! The base name is safe when no enclosing local already has it (so no
//! shadowing happens that the source did not have) and no global of that name
//! is referenced inside the local's scope (a macro's reference to a global
//! `list` inside a user's `(let ((list ...)) ...)` must not be captured).
//! So programs without macros keep their names.

use crate::ast::{Binding, Expr, Lambda};
use std::collections::HashMap;

fn local_id(name: &str) -> Option<usize> {
    name.strip_prefix('\u{0}')
        .map(|n| n.parse().expect("local placeholder"))
}

fn is_global(name: &str) -> bool {
    !name.starts_with('\u{0}') && !name.starts_with("#%")
}

pub fn name_locals(program: &mut [Expr], locals: &[String]) {
    let mut c = Conflicts {
        locals,
        active: HashMap::new(),
        conflicted: vec![false; locals.len()],
    };
    for e in program.iter() {
        c.expr(e);
    }
    let mut n = Namer {
        locals,
        conflicted: c.conflicted,
        chosen: vec![String::new(); locals.len()],
        in_scope: HashMap::new(),
    };
    for e in program.iter_mut() {
        n.expr(e);
    }
}

/// Pass 1: which locals have a same-named global referenced in their scope.
struct Conflicts<'a> {
    locals: &'a [String],
    active: HashMap<&'a str, Vec<usize>>,
    conflicted: Vec<bool>,
}

impl<'a> Conflicts<'a> {
    fn enter(&mut self, name: &str) -> Option<usize> {
        let id = local_id(name)?;
        self.active.entry(&self.locals[id]).or_default().push(id);
        Some(id)
    }

    fn leave(&mut self, id: Option<usize>) {
        if let Some(id) = id {
            self.active.get_mut(self.locals[id].as_str()).unwrap().pop();
        }
    }

    fn global(&mut self, name: &str) {
        if is_global(name) {
            if let Some(ids) = self.active.get(name) {
                for &id in ids {
                    self.conflicted[id] = true;
                }
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Quote(_) | Expr::Void => {}
            Expr::Ref(n, _) => self.global(n),
            Expr::Set(n, v, _) => {
                self.global(n);
                self.expr(v)
            }
            Expr::Define(_, v, _) => self.expr(v),
            Expr::If(c, t, f) => {
                self.expr(c);
                self.expr(t);
                self.expr(f)
            }
            Expr::Lambda(l) => self.lambda(l),
            Expr::Call(f, args, _) => {
                self.expr(f);
                args.iter().for_each(|a| self.expr(a))
            }
            Expr::Begin(es) => es.iter().for_each(|a| self.expr(a)),
            Expr::Let(bs, body) => {
                bs.iter().for_each(|b| self.expr(&b.init));
                let ids: Vec<_> = bs.iter().map(|b| self.enter(&b.name)).collect();
                self.expr(body);
                ids.into_iter().rev().for_each(|i| self.leave(i));
            }
            Expr::Letrec(bs, body) => {
                let ids: Vec<_> = bs.iter().map(|b| self.enter(&b.name)).collect();
                bs.iter().for_each(|b| self.expr(&b.init));
                self.expr(body);
                ids.into_iter().rev().for_each(|i| self.leave(i));
            }
        }
    }

    fn lambda(&mut self, l: &Lambda) {
        let ids: Vec<_> = l
            .params
            .iter()
            .chain(l.rest.iter())
            .map(|(n, _)| self.enter(n))
            .collect();
        self.expr(&l.body);
        ids.into_iter().rev().for_each(|i| self.leave(i));
    }
}

/// Pass 2: choose and apply the names.
struct Namer<'a> {
    locals: &'a [String],
    conflicted: Vec<bool>,
    chosen: Vec<String>,
    in_scope: HashMap<String, usize>,
}

impl Namer<'_> {
    fn enter(&mut self, name: &mut String) -> Option<String> {
        let id = local_id(name)?;
        let base = &self.locals[id];
        let plain_ok = !self.conflicted[id] && self.in_scope.get(base).copied().unwrap_or(0) == 0;
        let chosen = if plain_ok {
            base.clone()
        } else {
            format!("#:{base}.{id}")
        };
        *self.in_scope.entry(chosen.clone()).or_default() += 1;
        self.chosen[id] = chosen.clone();
        *name = chosen.clone();
        Some(chosen)
    }

    fn leave(&mut self, chosen: Option<String>) {
        if let Some(c) = chosen {
            *self.in_scope.get_mut(&c).unwrap() -= 1;
        }
    }

    fn rename(&self, name: &mut String) {
        if let Some(id) = local_id(name) {
            *name = self.chosen[id].clone();
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        match e {
            Expr::Quote(_) | Expr::Void => {}
            Expr::Ref(n, _) => self.rename(n),
            Expr::Set(n, v, _) => {
                self.rename(n);
                self.expr(v)
            }
            Expr::Define(_, v, _) => self.expr(v),
            Expr::If(c, t, f) => {
                self.expr(c);
                self.expr(t);
                self.expr(f)
            }
            Expr::Lambda(l) => self.lambda(l),
            Expr::Call(f, args, _) => {
                self.expr(f);
                args.iter_mut().for_each(|a| self.expr(a))
            }
            Expr::Begin(es) => es.iter_mut().for_each(|a| self.expr(a)),
            Expr::Let(bs, body) => {
                bs.iter_mut().for_each(|b| self.expr(&mut b.init));
                let names = self.enter_all(bs);
                self.expr(body);
                names.into_iter().rev().for_each(|n| self.leave(n));
            }
            Expr::Letrec(bs, body) => {
                let names = self.enter_all(bs);
                bs.iter_mut().for_each(|b| self.expr(&mut b.init));
                self.expr(body);
                names.into_iter().rev().for_each(|n| self.leave(n));
            }
        }
    }

    fn enter_all(&mut self, bs: &mut [Binding]) -> Vec<Option<String>> {
        bs.iter_mut().map(|b| self.enter(&mut b.name)).collect()
    }

    fn lambda(&mut self, l: &mut Lambda) {
        let mut names = Vec::new();
        for (n, _) in l.params.iter_mut().chain(l.rest.iter_mut()) {
            names.push(self.enter(n));
        }
        self.expr(&mut l.body);
        names.into_iter().rev().for_each(|n| self.leave(n));
    }
}

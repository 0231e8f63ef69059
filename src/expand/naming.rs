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
//!
//! The reserved space: every name the compiler invents (placeholders
//! `"\0N"`, `#%` builtins and temporaries, `#:` renamed locals and hidden
//! globals, and any other `#`-name a later part adds) starts with `#` or NUL.
//! The user can write any name (`|#%car|`, `|\x0;0|`), so a name read from
//! the source that starts with either is escaped as the expander takes it in
//! (`from_source`: `WRITTEN` in front), which no invented name starts with;
//! so no user-written symbol is ever taken for a reserved name, whatever the
//! name. `as_written` undoes it where a name is shown or becomes data
//! (quoted symbols, messages, backtraces).

use crate::ast::{Binding, Expr, Lambda};
use std::borrow::Cow;
use std::collections::HashMap;

/// What marks a user-written name in the reserved space. No name the
/// compiler invents starts with it.
const WRITTEN: &str = "#'";

/// Whether `name` is in the space of names the compiler invents.
fn is_reserved(name: &str) -> bool {
    name.starts_with('#') || name.starts_with('\u{0}')
}

/// The expander's name for the symbol `name` written in the source:
/// itself, or escaped when it lies in the reserved space.
pub fn from_source(name: &str) -> Cow<'_, str> {
    if is_reserved(name) {
        Cow::Owned(format!("{WRITTEN}{name}"))
    } else {
        Cow::Borrowed(name)
    }
}

/// The name as the user wrote it (the inverse of `from_source`; an
/// invented name is itself).
pub fn as_written(name: &str) -> &str {
    name.strip_prefix(WRITTEN).unwrap_or(name)
}

/// The index of a local's placeholder name. Only the expander makes names
/// starting with NUL (`from_source` escapes the user's), and only as
/// placeholders.
fn local_id(name: &str) -> Option<usize> {
    name.strip_prefix('\u{0}').and_then(|n| n.parse().ok())
}

fn is_global(name: &str) -> bool {
    local_id(name).is_none() && !name.starts_with("#%")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_never_meet_reserved_ones() {
        for invented in ["\u{0}0", "#%car", "#:x.1", "#%t3"] {
            let escaped = from_source(invented);
            assert_ne!(escaped, invented);
            assert!(escaped.starts_with(WRITTEN));
            assert_eq!(as_written(&escaped), invented);
            assert_eq!(local_id(&escaped), None);
        }
        assert_eq!(from_source("car"), "car");
        assert_eq!(as_written("#%car"), "#%car");
        // A user name that looks escaped is escaped again: still distinct.
        let tricky = from_source("#'#%car");
        assert_ne!(tricky, from_source("#%car"));
        assert_eq!(as_written(&tricky), "#'#%car");
        assert_eq!(local_id("\u{0}"), None);
    }
}

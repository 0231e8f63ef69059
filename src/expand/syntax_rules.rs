//! `syntax-rules`: compiling a transformer, matching a use, building the output.
//!
//! In: a `(syntax-rules [ellipsis] (literal ...) (pattern template) ...)` form
//! and the environment it is evaluated in; later, a macro use and the use's
//! environment. Out: a `Macro`; for a use, the expanded syntax.
//!
//! Hygiene lives in `instantiate`: every identifier of the template that is not
//! a pattern variable is replaced by an *alias* (one per identifier per
//! expansion step) that remembers the macro's definition environment. A binding
//! form in the output binds the alias, not the user's identifier of the same
//! name, and a free alias resolves where the macro was defined (see
//! `Expander::lookup`). Literals match by binding (`free-identifier=?`): the
//! input identifier must mean in the use environment what the literal means in
//! the definition environment.
//!
//! Invariants checked when the macro is defined (so errors point at the
//! definition): one ellipsis per list or vector level, no duplicate pattern
//! variables, every pattern variable used in the template under at least as
//! many ellipses as in its pattern, every template ellipsis controlled by a
//! pattern variable.

// `Ident` hashes only its name or alias id, never the environment (the
// interior mutability clippy sees), so it is a sound map key.
#![allow(clippy::mutable_key_type)]

use super::syntax::{AliasData, Env, Ident, Syn, SynKind};
use super::{err, Expander, Result};
use crate::datum::{Datum, Span};
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Debug)]
pub struct Macro {
    pub name: String,
    rules: Vec<(Pat, Tmpl)>,
    /// The environment of the definition: where the template's free identifiers resolve.
    pub env: Env,
    /// Built-in macros give their output the use's position (their own source is not the user's file).
    builtin: bool,
}

#[derive(Debug)]
enum Pat {
    Any,
    Var(Ident),
    Literal(Ident),
    Atom(Datum),
    /// `(before... [repeat ellipsis after...] [. tail])`; `vars` are the pattern variables of `repeat`.
    List {
        before: Vec<Pat>,
        repeat: Option<Repeat>,
        tail: Option<Box<Pat>>,
    },
    Vector {
        before: Vec<Pat>,
        repeat: Option<Repeat>,
    },
}

#[derive(Debug)]
struct Repeat {
    pat: Box<Pat>,
    vars: Vec<Ident>,
    after: Vec<Pat>,
}

#[derive(Debug)]
enum Tmpl {
    Var(Ident),
    Free(Ident, Span),
    Atom(Datum),
    /// Elements with the number of ellipses that follow each, and the tail.
    List(Vec<(Tmpl, usize, Vec<Ident>)>, Option<Box<Tmpl>>, Span),
    Vector(Vec<(Tmpl, usize, Vec<Ident>)>, Span),
}

#[derive(Clone, Debug)]
enum Match {
    One(Syn),
    Seq(Vec<Match>),
}

/// While compiling one rule: the pattern variables and their ellipsis depths.
struct RuleCx<'a> {
    literals: &'a [Ident],
    ellipsis: Option<&'a Ident>,
    env: &'a Env,
    vars: HashMap<Ident, usize>,
}

impl Expander {
    /// Compiles `(syntax-rules ...)` (the whole form) evaluated in `env`.
    pub(super) fn compile_syntax_rules(
        &mut self,
        spec: &Syn,
        env: &Env,
        name: &str,
        builtin: bool,
    ) -> Result<Macro> {
        let items = match spec.as_list() {
            Some(items)
                if !items.is_empty()
                    && items[0]
                        .as_ident()
                        .is_some_and(|i| self.is_special(i, env, "syntax-rules")) =>
            {
                items
            }
            _ => {
                return err(
                    spec.span,
                    format!("malformed syntax definition for {name}: expected (syntax-rules (literal ...) (pattern template) ...)"),
                )
            }
        };
        let mut rest = &items[1..];
        let mut ellipsis = None;
        if let Some(id) = rest.first().and_then(Syn::as_ident) {
            ellipsis = Some(id.clone());
            rest = &rest[1..];
        }
        let malformed = |span: Span, what: &str| -> Result<Macro> {
            err(span, format!("malformed syntax-rules: {what}"))
        };
        let Some(lits) = rest.first() else {
            return malformed(spec.span, "missing literal list");
        };
        let Some(lit_items) = lits.as_list() else {
            return malformed(lits.span, "the literals must be a list of identifiers");
        };
        let mut literals = Vec::new();
        for l in lit_items {
            match l.as_ident() {
                Some(id) => literals.push(id.clone()),
                None => return malformed(l.span, "the literals must be a list of identifiers"),
            }
        }
        let mut rules = Vec::new();
        for rule in &rest[1..] {
            let Some([pattern, template]) = rule.as_list() else {
                return malformed(rule.span, "each rule must be (pattern template)");
            };
            let (head_items, tail) = match &pattern.kind {
                SynKind::List(items, tail) if !items.is_empty() => (items, tail),
                _ => {
                    return malformed(
                        pattern.span,
                        "a pattern must be a list starting with the keyword",
                    )
                }
            };
            let mut cx = RuleCx {
                literals: &literals,
                ellipsis: ellipsis.as_ref(),
                env,
                vars: HashMap::new(),
            };
            // The keyword position is ignored.
            let pat = self.compile_list_pattern(
                &head_items[1..],
                tail.as_deref(),
                false,
                pattern.span,
                0,
                &mut cx,
            )?;
            let tmpl = self.compile_template(template, 0, true, &cx)?;
            rules.push((pat, tmpl));
        }
        Ok(Macro {
            name: name.to_string(),
            rules,
            env: env.clone(),
            builtin,
        })
    }

    fn is_ellipsis(&self, id: &Ident, cx: &RuleCx) -> bool {
        if cx.literals.contains(id) {
            return false;
        }
        match cx.ellipsis {
            Some(e) => e == id,
            None => self.is_special(id, cx.env, "..."),
        }
    }

    fn compile_pattern(&mut self, p: &Syn, depth: usize, cx: &mut RuleCx) -> Result<Pat> {
        match &p.kind {
            SynKind::Ident(id) => {
                if cx.literals.contains(id) {
                    Ok(Pat::Literal(id.clone()))
                } else if self.is_ellipsis(id, cx) {
                    err(
                        p.span,
                        "malformed syntax-rules: misplaced ellipsis in pattern",
                    )
                } else if self.is_special(id, cx.env, "_") {
                    Ok(Pat::Any)
                } else {
                    if cx.vars.insert(id.clone(), depth).is_some() {
                        return err(
                            p.span,
                            format!(
                                "malformed syntax-rules: duplicate pattern variable `{}`",
                                id.name()
                            ),
                        );
                    }
                    Ok(Pat::Var(id.clone()))
                }
            }
            SynKind::List(items, tail) => {
                self.compile_list_pattern(items, tail.as_deref(), false, p.span, depth, cx)
            }
            SynKind::Vector(items) => {
                self.compile_list_pattern(items, None, true, p.span, depth, cx)
            }
            SynKind::Atom(d) => Ok(Pat::Atom(d.clone())),
        }
    }

    fn compile_list_pattern(
        &mut self,
        items: &[Syn],
        tail: Option<&Syn>,
        vector: bool,
        span: Span,
        depth: usize,
        cx: &mut RuleCx,
    ) -> Result<Pat> {
        let ell_pos: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, s)| s.as_ident().is_some_and(|id| self.is_ellipsis(id, cx)))
            .map(|(i, _)| i)
            .collect();
        if ell_pos.len() > 1 {
            return err(
                items[ell_pos[1]].span,
                "malformed syntax-rules: more than one ellipsis in one list of a pattern",
            );
        }
        let mut before = Vec::new();
        let mut repeat = None;
        match ell_pos.first() {
            Some(&0) => {
                return err(
                    items[0].span,
                    "malformed syntax-rules: ellipsis with nothing before it in pattern",
                )
            }
            Some(&k) => {
                for p in &items[..k - 1] {
                    before.push(self.compile_pattern(p, depth, cx)?);
                }
                let known: Vec<Ident> = cx.vars.keys().cloned().collect();
                let pat = self.compile_pattern(&items[k - 1], depth + 1, cx)?;
                let vars = cx
                    .vars
                    .keys()
                    .filter(|v| !known.contains(v))
                    .cloned()
                    .collect();
                let mut after = Vec::new();
                for p in &items[k + 1..] {
                    after.push(self.compile_pattern(p, depth, cx)?);
                }
                repeat = Some(Repeat {
                    pat: Box::new(pat),
                    vars,
                    after,
                });
            }
            None => {
                for p in items {
                    before.push(self.compile_pattern(p, depth, cx)?);
                }
            }
        }
        if vector {
            return Ok(Pat::Vector { before, repeat });
        }
        let tail = match tail {
            Some(t) => Some(Box::new(self.compile_pattern(t, depth, cx)?)),
            None => None,
        };
        let _ = span;
        Ok(Pat::List {
            before,
            repeat,
            tail,
        })
    }

    /// `depth` is the number of ellipses the template position is under;
    /// `ellipsis_active` is false inside `(... template)`.
    fn compile_template(
        &mut self,
        t: &Syn,
        depth: usize,
        ellipsis_active: bool,
        cx: &RuleCx,
    ) -> Result<Tmpl> {
        match &t.kind {
            SynKind::Ident(id) => {
                if let Some(&d) = cx.vars.get(id) {
                    if d > depth {
                        return err(
                            t.span,
                            format!(
                                "malformed syntax-rules: pattern variable `{}` needs {} ellipsis(es) after it in the template",
                                id.name(),
                                d
                            ),
                        );
                    }
                    return Ok(Tmpl::Var(id.clone()));
                }
                if ellipsis_active && self.is_ellipsis(id, cx) {
                    return err(
                        t.span,
                        "malformed syntax-rules: misplaced ellipsis in template",
                    );
                }
                Ok(Tmpl::Free(id.clone(), t.span))
            }
            SynKind::Atom(d) => Ok(Tmpl::Atom(d.clone())),
            SynKind::List(items, tail) => {
                // `(... template)`: the template with the ellipsis taken literally.
                if ellipsis_active && tail.is_none() && items.len() == 2 {
                    if let Some(id) = items[0].as_ident() {
                        if self.is_ellipsis(id, cx) {
                            return self.compile_template(&items[1], depth, false, cx);
                        }
                    }
                }
                let elems = self.compile_elements(items, depth, ellipsis_active, cx)?;
                let tail = match tail {
                    Some(tl) => Some(Box::new(self.compile_template(
                        tl,
                        depth,
                        ellipsis_active,
                        cx,
                    )?)),
                    None => None,
                };
                Ok(Tmpl::List(elems, tail, t.span))
            }
            SynKind::Vector(items) => Ok(Tmpl::Vector(
                self.compile_elements(items, depth, ellipsis_active, cx)?,
                t.span,
            )),
        }
    }

    fn compile_elements(
        &mut self,
        items: &[Syn],
        depth: usize,
        ellipsis_active: bool,
        cx: &RuleCx,
    ) -> Result<Vec<(Tmpl, usize, Vec<Ident>)>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < items.len() {
            let item = &items[i];
            if ellipsis_active && item.as_ident().is_some_and(|id| self.is_ellipsis(id, cx)) {
                return err(
                    item.span,
                    "malformed syntax-rules: ellipsis with nothing before it in template",
                );
            }
            let mut count = 0;
            while ellipsis_active
                && items
                    .get(i + 1 + count)
                    .and_then(Syn::as_ident)
                    .is_some_and(|id| self.is_ellipsis(id, cx))
            {
                count += 1;
            }
            let tmpl = self.compile_template(item, depth + count, ellipsis_active, cx)?;
            let mut vars = Vec::new();
            if count > 0 {
                template_vars(&tmpl, &mut vars);
                // The ellipses need variables that repeat at least that deep.
                if !vars.iter().any(|v| cx.vars[v] >= depth + count) {
                    return err(
                        item.span,
                        "malformed syntax-rules: no pattern variable in this template repeats under the ellipsis",
                    );
                }
            }
            out.push((tmpl, count, vars));
            i += 1 + count;
        }
        Ok(out)
    }

    /// Expands one use of `mac` (the whole form `use_form`) in `env`.
    pub(super) fn expand_macro_use(
        &mut self,
        mac: &Rc<Macro>,
        use_form: &Syn,
        env: &Env,
    ) -> Result<Syn> {
        let args = match &use_form.kind {
            SynKind::List(items, tail) => {
                Syn::list(items[1..].to_vec(), tail.as_deref().cloned(), use_form.span)
            }
            _ => unreachable!("a macro use is a list"),
        };
        for (pat, tmpl) in &mac.rules {
            let mut b = HashMap::new();
            if self.match_pattern(pat, &args, env, mac, &mut b) {
                let mut renames = HashMap::new();
                return self.instantiate(tmpl, &b, mac, use_form.span, &mut renames);
            }
        }
        err(
            use_form.span,
            format!("no matching syntax rule for {}", mac.name),
        )
    }

    fn match_pattern(
        &self,
        pat: &Pat,
        input: &Syn,
        env: &Env,
        mac: &Macro,
        b: &mut HashMap<Ident, Match>,
    ) -> bool {
        match pat {
            Pat::Any => true,
            Pat::Var(v) => {
                b.insert(v.clone(), Match::One(input.clone()));
                true
            }
            Pat::Literal(lit) => match input.as_ident() {
                Some(id) => self.literal_meaning(id, env) == self.literal_meaning(lit, &mac.env),
                None => false,
            },
            Pat::Atom(d) => matches!(&input.kind, SynKind::Atom(x) if x.kind == d.kind),
            Pat::Vector { before, repeat } => match &input.kind {
                SynKind::Vector(items) => {
                    self.match_seq(before, repeat.as_ref(), items, env, mac, b)
                }
                _ => false,
            },
            Pat::List {
                before,
                repeat,
                tail,
            } => {
                let empty: Vec<Syn> = Vec::new();
                let (items, in_tail) = match &input.kind {
                    SynKind::List(items, t) => (items, t.as_deref()),
                    _ if tail.is_some() => (&empty, Some(input)),
                    _ => return false,
                };
                let fixed = before.len() + repeat.as_ref().map_or(0, |r| r.after.len());
                match tail {
                    None => {
                        if in_tail.is_some() {
                            return false;
                        }
                        self.match_seq(before, repeat.as_ref(), items, env, mac, b)
                    }
                    Some(tp) => {
                        if items.len() < fixed {
                            return false;
                        }
                        // Without an ellipsis the tail takes what `before` leaves;
                        // with one, the ellipsis is greedy and the tail gets the final cdr.
                        let split = if repeat.is_some() {
                            items.len()
                        } else {
                            before.len()
                        };
                        if !self.match_seq(before, repeat.as_ref(), &items[..split], env, mac, b) {
                            return false;
                        }
                        let rest = Syn::list(items[split..].to_vec(), in_tail.cloned(), input.span);
                        self.match_pattern(tp, &rest, env, mac, b)
                    }
                }
            }
        }
    }

    /// Matches exactly `items` against `before`, then `repeat`'s pattern any
    /// number of times, then `repeat.after`.
    fn match_seq(
        &self,
        before: &[Pat],
        repeat: Option<&Repeat>,
        items: &[Syn],
        env: &Env,
        mac: &Macro,
        b: &mut HashMap<Ident, Match>,
    ) -> bool {
        let Some(rep) = repeat else {
            return items.len() == before.len()
                && before
                    .iter()
                    .zip(items)
                    .all(|(p, s)| self.match_pattern(p, s, env, mac, b));
        };
        if items.len() < before.len() + rep.after.len() {
            return false;
        }
        if !before
            .iter()
            .zip(items)
            .all(|(p, s)| self.match_pattern(p, s, env, mac, b))
        {
            return false;
        }
        let n = items.len() - before.len() - rep.after.len();
        let middle = &items[before.len()..before.len() + n];
        let mut seqs: Vec<Vec<Match>> = vec![Vec::new(); rep.vars.len()];
        for s in middle {
            let mut sub = HashMap::new();
            if !self.match_pattern(&rep.pat, s, env, mac, &mut sub) {
                return false;
            }
            for (k, v) in rep.vars.iter().enumerate() {
                seqs[k].push(sub.remove(v).expect("every repeated variable is bound"));
            }
        }
        for (v, seq) in rep.vars.iter().zip(seqs) {
            b.insert(v.clone(), Match::Seq(seq));
        }
        rep.after
            .iter()
            .zip(&items[before.len() + n..])
            .all(|(p, s)| self.match_pattern(p, s, env, mac, b))
    }

    fn instantiate(
        &mut self,
        t: &Tmpl,
        b: &HashMap<Ident, Match>,
        mac: &Macro,
        use_span: Span,
        renames: &mut HashMap<Ident, Ident>,
    ) -> Result<Syn> {
        let at = |s: Span| if mac.builtin { use_span } else { s };
        Ok(match t {
            Tmpl::Var(v) => match b.get(v) {
                Some(Match::One(s)) => s.clone(),
                _ => unreachable!("template depths are checked at definition"),
            },
            Tmpl::Free(id, span) => {
                let alias = match renames.get(id) {
                    Some(a) => a.clone(),
                    None => {
                        self.alias_counter += 1;
                        let a = Ident::Alias(Rc::new(AliasData {
                            id: self.alias_counter,
                            orig: id.clone(),
                            env: mac.env.clone(),
                        }));
                        renames.insert(id.clone(), a.clone());
                        a
                    }
                };
                Syn::ident(alias, at(*span))
            }
            Tmpl::Atom(d) => Syn {
                kind: SynKind::Atom(d.clone()),
                span: at(d.span),
            },
            Tmpl::List(elems, tail, span) => {
                let items = self.instantiate_elements(elems, b, mac, use_span, renames)?;
                let tail = match tail {
                    Some(tl) => Some(self.instantiate(tl, b, mac, use_span, renames)?),
                    None => None,
                };
                Syn::list(items, tail, at(*span))
            }
            Tmpl::Vector(elems, span) => Syn {
                kind: SynKind::Vector(self.instantiate_elements(elems, b, mac, use_span, renames)?),
                span: at(*span),
            },
        })
    }

    fn instantiate_elements(
        &mut self,
        elems: &[(Tmpl, usize, Vec<Ident>)],
        b: &HashMap<Ident, Match>,
        mac: &Macro,
        use_span: Span,
        renames: &mut HashMap<Ident, Ident>,
    ) -> Result<Vec<Syn>> {
        let mut out = Vec::new();
        for (t, count, vars) in elems {
            self.instantiate_repeated(t, *count, vars, b, mac, use_span, renames, &mut out)?;
        }
        Ok(out)
    }

    /// `t` followed by `count` ellipses: one copy per element of the repeated
    /// variables (nested `count` deep), appended to `out`.
    #[allow(clippy::too_many_arguments)]
    fn instantiate_repeated(
        &mut self,
        t: &Tmpl,
        count: usize,
        vars: &[Ident],
        b: &HashMap<Ident, Match>,
        mac: &Macro,
        use_span: Span,
        renames: &mut HashMap<Ident, Ident>,
        out: &mut Vec<Syn>,
    ) -> Result<()> {
        if count == 0 {
            out.push(self.instantiate(t, b, mac, use_span, renames)?);
            return Ok(());
        }
        let repeated: Vec<(&Ident, &Vec<Match>)> = vars
            .iter()
            .filter_map(|v| match b.get(v) {
                Some(Match::Seq(s)) => Some((v, s)),
                _ => None,
            })
            .collect();
        let Some(n) = repeated.first().map(|(_, s)| s.len()) else {
            return err(
                use_span,
                format!("{}: too many ellipses in template", mac.name),
            );
        };
        if repeated.iter().any(|(_, s)| s.len() != n) {
            return err(
                use_span,
                format!(
                    "{}: pattern variables under one ellipsis matched different numbers of forms",
                    mac.name
                ),
            );
        }
        for i in 0..n {
            let mut bi = b.clone();
            for (v, s) in &repeated {
                bi.insert((*v).clone(), s[i].clone());
            }
            self.instantiate_repeated(t, count - 1, vars, &bi, mac, use_span, renames, out)?;
        }
        Ok(())
    }
}

fn template_vars(t: &Tmpl, out: &mut Vec<Ident>) {
    match t {
        Tmpl::Var(v) => {
            if !out.contains(v) {
                out.push(v.clone())
            }
        }
        Tmpl::Free(..) | Tmpl::Atom(_) => {}
        Tmpl::List(elems, tail, _) => {
            for (e, _, _) in elems {
                template_vars(e, out);
            }
            if let Some(tl) = tail {
                template_vars(tl, out);
            }
        }
        Tmpl::Vector(elems, _) => {
            for (e, _, _) in elems {
                template_vars(e, out);
            }
        }
    }
}

//! Derived forms: `let` (and named `let`), `let*`, `letrec`, `letrec*`, `do`,
//! `cond`, `case`, `and`, `or`, `when`, `unless`, `quasiquote`.
//!
//! In: a form whose head is bound to one of these (so a user's local named `let`
//! is not one), its arguments and environment. Out: core `Expr`. Auxiliary
//! keywords (`else`, `=>`, `unquote`...) are recognised by binding, like the
//! forms themselves. Temporaries are `#%` gensyms no identifier can name.

use super::syntax::{Env, Ident, Syn, SynKind};
use super::{begin, builtin, call, err, if_, let_, Expander, Result};
use crate::ast::{Binding, Expr, Lambda};
use crate::datum::{Datum, DatumKind, Span};

/// The most clauses of a `cond` compiled in one function (see
/// `expand_cond_chunk`).
const COND_CHUNK: usize = 256;

type Parsed = Vec<(Ident, Span, Syn)>;

fn quote_bool(b: bool, span: Span) -> Expr {
    Expr::Quote(Datum::new(DatumKind::Bool(b), span))
}

impl Expander {
    pub(super) fn expand_derived(
        &mut self,
        kw: &'static str,
        form: &Syn,
        args: &[Syn],
        env: &Env,
    ) -> Result<Expr> {
        let span = form.span;
        match kw {
            "let" => self.expand_let(form, args, env),
            "let*" => {
                if args.len() < 2 {
                    return err(
                        span,
                        "malformed let*: expected (let* ((name init) ...) body...)",
                    );
                }
                let bindings = self.parse_bindings(&args[0])?;
                self.expand_let_star(&bindings, &args[1..], span, env)
            }
            "letrec" | "letrec*" => {
                if args.len() < 2 {
                    return err(
                        span,
                        format!("malformed {kw}: expected ({kw} ((name init) ...) body...)"),
                    );
                }
                let parsed = self.parse_bindings(&args[0])?;
                self.check_distinct(&parsed)?;
                let scope = env.extend();
                let names: Vec<String> = parsed
                    .iter()
                    .map(|(id, _, _)| self.bind_local(id, &scope))
                    .collect();
                let bindings = self.expand_bindings(&parsed, names, &scope)?;
                let body = self.expand_body(&args[1..], &scope, span)?;
                Ok(Expr::Letrec(bindings, Box::new(body)))
            }
            "do" => self.expand_do(form, args, env),
            "cond" => self.expand_cond(args, env),
            "case" => self.expand_case(args, span, env),
            "and" => self.expand_and(args, env),
            "or" => self.expand_or(args, env),
            "when" | "unless" => {
                if args.len() < 2 {
                    return err(
                        span,
                        format!("malformed {kw}: expected ({kw} test body...)"),
                    );
                }
                let test = self.expand(&args[0], env)?;
                let body = begin(self.expand_seq(&args[1..], env)?);
                if kw == "when" {
                    Ok(if_(test, body, Expr::Void))
                } else {
                    Ok(if_(test, Expr::Void, body))
                }
            }
            _ => self.expand_extra(kw, form, args, env),
        }
    }

    /// Parses `((name init) ...)`.
    fn parse_bindings(&self, d: &Syn) -> Result<Parsed> {
        let Some(list) = d.as_list() else {
            return err(d.span, "malformed bindings: expected ((name init) ...)");
        };
        let mut out = Vec::new();
        for b in list {
            match b.as_list() {
                Some([name, init]) => match name.as_ident() {
                    Some(id) => out.push((id.clone(), name.span, init.clone())),
                    None => {
                        return err(
                            name.span,
                            format!("malformed binding: `{name}` is not an identifier"),
                        )
                    }
                },
                _ => return err(b.span, "malformed binding: expected (name init)"),
            }
        }
        Ok(out)
    }

    fn check_distinct(&self, parsed: &Parsed) -> Result<()> {
        // A set, so that a group of N bindings is checked in time linear in N.
        let mut seen = std::collections::HashSet::new();
        for (n, s, _) in parsed {
            // Identifiers are equal by name (plain) or by alias number.
            let key = match n {
                Ident::Plain(name) => (0, Some(name.clone())),
                Ident::Alias(a) => (a.id, None),
            };
            if !seen.insert(key) {
                return err(*s, format!("duplicate binding `{}`", n.name()));
            }
        }
        Ok(())
    }

    /// Expands binding inits in `env` under the given output names; a lambda
    /// bound to a name is named after it.
    fn expand_bindings(
        &mut self,
        parsed: &Parsed,
        names: Vec<String>,
        env: &Env,
    ) -> Result<Vec<Binding>> {
        let mut bindings = Vec::new();
        for ((id, nspan, init), name) in parsed.iter().zip(names) {
            let mut init = self.expand(init, env)?;
            if let Expr::Lambda(l) = &mut init {
                l.name.get_or_insert_with(|| id.name().to_string());
            }
            bindings.push(Binding {
                name,
                span: *nspan,
                init,
            });
        }
        Ok(bindings)
    }

    fn expand_let(&mut self, form: &Syn, args: &[Syn], env: &Env) -> Result<Expr> {
        let span = form.span;
        if args.len() < 2 {
            return err(
                span,
                "malformed let: expected (let ((name init) ...) body...)",
            );
        }
        if let Some(loop_id) = args[0].as_ident() {
            // Named let: inits are evaluated outside the loop procedure's scope.
            if args.len() < 3 {
                return err(
                    span,
                    "malformed named let: expected (let name ((var init) ...) body...)",
                );
            }
            let parsed = self.parse_bindings(&args[1])?;
            self.check_distinct(&parsed)?;
            let mut outer = Vec::new();
            let mut temps = Vec::new();
            for (_, nspan, init) in &parsed {
                let t = self.gensym("t");
                outer.push(Binding {
                    name: t.clone(),
                    span: *nspan,
                    init: self.expand(init, env)?,
                });
                temps.push(Expr::Ref(t, *nspan));
            }
            let scope = env.extend();
            let loop_name = self.bind_local(loop_id, &scope);
            let formals = Syn::list(
                parsed
                    .iter()
                    .map(|(id, s, _)| Syn::ident(id.clone(), *s))
                    .collect(),
                None,
                args[1].span,
            );
            let lambda = self.make_lambda(
                &formals,
                &args[2..],
                &scope,
                span,
                Some(loop_id.name().to_string()),
            )?;
            let inner = Expr::Letrec(
                vec![Binding {
                    name: loop_name.clone(),
                    span: args[0].span,
                    init: Expr::Lambda(lambda),
                }],
                Box::new(call(Expr::Ref(loop_name, args[0].span), temps, span)),
            );
            return Ok(let_(outer, inner));
        }
        let parsed = self.parse_bindings(&args[0])?;
        self.check_distinct(&parsed)?;
        let scope = env.extend();
        let names: Vec<String> = parsed
            .iter()
            .map(|(id, _, _)| self.bind_local(id, &scope))
            .collect();
        let bindings = self.expand_bindings(&parsed, names, env)?;
        let body = self.expand_body(&args[1..], &scope, span)?;
        Ok(Expr::Let(bindings, Box::new(body)))
    }

    fn expand_let_star(
        &mut self,
        bindings: &[(Ident, Span, Syn)],
        body: &[Syn],
        span: Span,
        env: &Env,
    ) -> Result<Expr> {
        match bindings.split_first() {
            None => self.expand_body(body, env, span),
            Some(((id, nspan, init), rest)) => {
                let mut init = self.expand(init, env)?;
                if let Expr::Lambda(l) = &mut init {
                    l.name.get_or_insert_with(|| id.name().to_string());
                }
                let scope = env.extend();
                let name = self.bind_local(id, &scope);
                let inner = self.expand_let_star(rest, body, span, &scope)?;
                Ok(Expr::Let(
                    vec![Binding {
                        name,
                        span: *nspan,
                        init,
                    }],
                    Box::new(inner),
                ))
            }
        }
    }

    /// `(do ((var init step)...) (test res...) body...)` -> a named-let loop, so each
    /// iteration binds fresh variables.
    fn expand_do(&mut self, form: &Syn, args: &[Syn], env: &Env) -> Result<Expr> {
        let span = form.span;
        if args.len() < 2 {
            return err(
                span,
                "malformed do: expected (do ((var init step) ...) (test expr...) body...)",
            );
        }
        let Some(specs) = args[0].as_list() else {
            return err(args[0].span, "malformed do: bad variable list");
        };
        let mut vars = Vec::new();
        for s in specs {
            match s.as_list() {
                Some([v, init]) if v.as_ident().is_some() => vars.push((v, init, None)),
                Some([v, init, step]) if v.as_ident().is_some() => vars.push((v, init, Some(step))),
                _ => return err(s.span, "malformed do: expected (var init [step])"),
            }
        }
        let exit = match args[1].as_list() {
            Some(l) if !l.is_empty() => l,
            _ => return err(args[1].span, "malformed do: expected (test expr...)"),
        };
        for (i, (v, _, _)) in vars.iter().enumerate() {
            if vars[..i]
                .iter()
                .any(|(w, _, _)| w.as_ident() == v.as_ident())
            {
                return err(
                    v.span,
                    format!("duplicate do variable `{}`", v.as_ident().unwrap().name()),
                );
            }
        }
        let loop_name = self.gensym("do-loop");
        let mut outer = Vec::new();
        let mut temps = Vec::new();
        for (v, init, _) in &vars {
            let t = self.gensym("t");
            outer.push(Binding {
                name: t.clone(),
                span: v.span,
                init: self.expand(init, env)?,
            });
            temps.push(Expr::Ref(t, v.span));
        }
        let scope = env.extend();
        let params: Vec<(String, Span)> = vars
            .iter()
            .map(|(v, _, _)| (self.bind_local(v.as_ident().unwrap(), &scope), v.span))
            .collect();
        let test = self.expand(&exit[0], &scope)?;
        let result = begin(self.expand_seq(&exit[1..], &scope)?);
        let mut steps = Vec::new();
        for (v, _, step) in &vars {
            steps.push(match step {
                Some(s) => self.expand(s, &scope)?,
                None => self.expand(v, &scope)?,
            });
        }
        let mut body = self.expand_seq(&args[2..], &scope)?;
        body.push(call(Expr::Ref(loop_name.clone(), span), steps, span));
        let lambda = Lambda {
            params,
            rest: None,
            body: Box::new(if_(test, result, begin(body))),
            name: Some("do".into()),
            span,
        };
        let inner = Expr::Letrec(
            vec![Binding {
                name: loop_name.clone(),
                span,
                init: Expr::Lambda(lambda),
            }],
            Box::new(call(Expr::Ref(loop_name, span), temps, span)),
        );
        Ok(let_(outer, inner))
    }

    fn expand_cond(&mut self, clauses: &[Syn], env: &Env) -> Result<Expr> {
        self.expand_cond_chunk(clauses, env, 0)
    }

    /// `cond` from its clause `done` of the current chunk on: after
    /// `COND_CHUNK` clauses, the rest is the body of a procedure of no
    /// arguments, called there. A chain of tests in one function is
    /// compiled in time quadratic in its length (each test's block is
    /// dominated by all the ones before it); chunks keep each function's
    /// chain short, so a `cond` of 10^5 clauses compiles in linear time.
    fn expand_cond_chunk(&mut self, clauses: &[Syn], env: &Env, done: usize) -> Result<Expr> {
        if done == COND_CHUNK && !clauses.is_empty() {
            let span = clauses[0].span;
            let rest = self.expand_cond_chunk(clauses, env, 0)?;
            let thunk = Expr::Lambda(Lambda {
                params: Vec::new(),
                rest: None,
                body: Box::new(rest),
                name: None,
                span,
            });
            return Ok(call(thunk, Vec::new(), span));
        }
        let Some((clause, rest)) = clauses.split_first() else {
            return Ok(Expr::Void);
        };
        let parts = match clause.as_list() {
            Some(p) if !p.is_empty() => p,
            _ => {
                return err(
                    clause.span,
                    "malformed cond clause: expected (test expr...)",
                )
            }
        };
        if self.is_keyword(&parts[0], env, "else") {
            if !rest.is_empty() {
                return err(clause.span, "malformed cond: else clause must be last");
            }
            if parts.len() < 2 {
                return err(clause.span, "malformed cond: empty else clause");
            }
            return Ok(begin(self.expand_seq(&parts[1..], env)?));
        }
        let test = self.expand(&parts[0], env)?;
        let otherwise = self.expand_cond_chunk(rest, env, done + 1)?;
        if parts.len() >= 2 && self.is_keyword(&parts[1], env, "=>") {
            if parts.len() != 3 {
                return err(
                    clause.span,
                    "malformed cond clause: expected (test => receiver)",
                );
            }
            let t = self.gensym("t");
            let receiver = self.expand(&parts[2], env)?;
            let tref = Expr::Ref(t.clone(), clause.span);
            return Ok(Expr::Let(
                vec![Binding {
                    name: t,
                    span: clause.span,
                    init: test,
                }],
                Box::new(if_(
                    tref.clone(),
                    call(receiver, vec![tref], clause.span),
                    otherwise,
                )),
            ));
        }
        if parts.len() == 1 {
            // `(cond (test) ...)` yields the test's value when true.
            let t = self.gensym("t");
            let tref = Expr::Ref(t.clone(), clause.span);
            return Ok(Expr::Let(
                vec![Binding {
                    name: t,
                    span: clause.span,
                    init: test,
                }],
                Box::new(if_(tref.clone(), tref, otherwise)),
            ));
        }
        let body = begin(self.expand_seq(&parts[1..], env)?);
        Ok(if_(test, body, otherwise))
    }

    fn expand_case(&mut self, args: &[Syn], span: Span, env: &Env) -> Result<Expr> {
        if args.is_empty() {
            return err(span, "malformed case: expected (case key clause...)");
        }
        let key_name = self.gensym("key");
        let key_init = self.expand(&args[0], env)?;
        let key = Expr::Ref(key_name.clone(), span);
        let mut result = Expr::Void;
        for (i, clause) in args[1..].iter().enumerate().rev() {
            let parts = match clause.as_list() {
                Some(p) if p.len() >= 2 => p,
                _ => {
                    return err(
                        clause.span,
                        "malformed case clause: expected ((datum...) expr...)",
                    )
                }
            };
            let body = if self.is_keyword(&parts[1], env, "=>") {
                if parts.len() != 3 {
                    return err(
                        clause.span,
                        "malformed case clause: expected (datums => receiver)",
                    );
                }
                call(self.expand(&parts[2], env)?, vec![key.clone()], clause.span)
            } else {
                begin(self.expand_seq(&parts[1..], env)?)
            };
            if self.is_keyword(&parts[0], env, "else") {
                if i != args.len() - 2 {
                    return err(clause.span, "malformed case: else clause must be last");
                }
                result = body;
                continue;
            }
            let Some(datums) = parts[0].as_list() else {
                return err(
                    parts[0].span,
                    "malformed case clause: expected a list of datums",
                );
            };
            let mut test: Option<Expr> = None;
            for d in datums.iter().rev() {
                let d = d.strip();
                let dspan = d.span;
                let cmp = call(
                    builtin("eqv?", dspan),
                    vec![key.clone(), Expr::Quote(d)],
                    dspan,
                );
                test = Some(match test {
                    None => cmp,
                    Some(t) => if_(cmp, quote_bool(true, dspan), t),
                });
            }
            let test = test.unwrap_or_else(|| quote_bool(false, parts[0].span));
            result = if_(test, body, result);
        }
        Ok(Expr::Let(
            vec![Binding {
                name: key_name,
                span,
                init: key_init,
            }],
            Box::new(result),
        ))
    }

    fn expand_and(&mut self, args: &[Syn], env: &Env) -> Result<Expr> {
        match args {
            [] => Ok(quote_bool(true, Span::default())),
            [only] => self.expand(only, env),
            [first, rest @ ..] => {
                let f = self.expand(first, env)?;
                let r = self.expand_and(rest, env)?;
                Ok(if_(f, r, quote_bool(false, first.span)))
            }
        }
    }

    fn expand_or(&mut self, args: &[Syn], env: &Env) -> Result<Expr> {
        match args {
            [] => Ok(quote_bool(false, Span::default())),
            [only] => self.expand(only, env),
            [first, rest @ ..] => {
                let t = self.gensym("t");
                let f = self.expand(first, env)?;
                let r = self.expand_or(rest, env)?;
                let tref = Expr::Ref(t.clone(), first.span);
                Ok(Expr::Let(
                    vec![Binding {
                        name: t,
                        span: first.span,
                        init: f,
                    }],
                    Box::new(if_(tref.clone(), tref, r)),
                ))
            }
        }
    }

    /// Quasiquote at nesting `depth` (1 = outermost).
    pub(super) fn quasi(&mut self, d: &Syn, depth: usize, env: &Env) -> Result<Expr> {
        match &d.kind {
            SynKind::List(items, tail) if !items.is_empty() => {
                if tail.is_none() && items.len() == 2 {
                    if self.is_keyword(&items[0], env, "unquote") {
                        return if depth == 1 {
                            self.expand(&items[1], env)
                        } else {
                            self.quasi_wrap("unquote", &items[1], depth - 1, d.span, env)
                        };
                    }
                    if self.is_keyword(&items[0], env, "quasiquote") {
                        return self.quasi_wrap("quasiquote", &items[1], depth + 1, d.span, env);
                    }
                }
                // Build the list from the end so that `,@` can splice.
                let mut acc = match tail {
                    Some(t) => self.quasi(t, depth, env)?,
                    None => Expr::Quote(Datum::new(DatumKind::List(vec![], None), d.span)),
                };
                for item in items.iter().rev() {
                    if let Some([h, x]) = item.as_list() {
                        if self.is_keyword(h, env, "unquote-splicing") {
                            if depth == 1 {
                                let spliced = self.expand(x, env)?;
                                acc = call(
                                    builtin("append", item.span),
                                    vec![spliced, acc],
                                    item.span,
                                );
                            } else {
                                let inner = self.quasi_wrap(
                                    "unquote-splicing",
                                    x,
                                    depth - 1,
                                    item.span,
                                    env,
                                )?;
                                acc = call(builtin("cons", item.span), vec![inner, acc], item.span);
                            }
                            continue;
                        }
                    }
                    let e = self.quasi(item, depth, env)?;
                    acc = call(builtin("cons", item.span), vec![e, acc], item.span);
                }
                Ok(acc)
            }
            SynKind::Vector(items) => {
                let as_list = Syn::list(items.clone(), None, d.span);
                let l = self.quasi(&as_list, depth, env)?;
                Ok(call(builtin("list->vector", d.span), vec![l], d.span))
            }
            _ => Ok(Expr::Quote(d.strip())),
        }
    }

    /// `(KEYWORD x)` inside a quasiquote template at the given depth.
    fn quasi_wrap(
        &mut self,
        keyword: &str,
        x: &Syn,
        depth: usize,
        span: Span,
        env: &Env,
    ) -> Result<Expr> {
        let inner = self.quasi(x, depth, env)?;
        Ok(call(
            builtin("list", span),
            vec![
                Expr::Quote(Datum::new(DatumKind::Symbol(keyword.to_string()), span)),
                inner,
            ],
            span,
        ))
    }

    /// Forms added after the originals (phase 2); none yet.
    fn expand_extra(&mut self, kw: &str, form: &Syn, _args: &[Syn], _env: &Env) -> Result<Expr> {
        err(form.span, format!("unknown keyword {kw}"))
    }
}

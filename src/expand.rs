//! Expander: datums -> core language (`ast::Expr`).
//!
//! In: the reader's datums for the whole program. Out: one `ast::Expr` per
//! top-level form, where only `quote`, variable reference, `set!`, top-level
//! `define`, `if`, `lambda`, application, `begin`, `let` and `letrec*` remain.
//! Invariants of the output: `Define` appears only at top level (possibly inside
//! top-level `Begin`); bodies are single expressions; every malformed form has
//! been reported as a `CompileError` at the form's position.
//!
//! Example: `(let loop ((i 0)) (when (< i 3) (loop (+ i 1))))` becomes
//! `(let ((#%t1 0)) (letrec ((loop (lambda (i) (if (< i 3) (loop (+ i 1)) <void>)))) (loop #%t1)))`.
//!
//! A keyword is recognised only when its name is not bound by an enclosing
//! lambda/let, so a local variable named `list` or `if` behaves as a variable.
//! Hygienic `syntax-rules` comes with the macro issue.

use crate::ast::{Binding, Expr, Lambda};
use crate::datum::{Datum, DatumKind, Span};
use crate::diagnostics::CompileError;

type Result<T> = std::result::Result<T, CompileError>;

/// Parsed lambda parameters: the required ones and the rest parameter.
type Formals = (Vec<(String, Span)>, Option<(String, Span)>);

const KEYWORDS: &[&str] = &[
    "quote",
    "quasiquote",
    "unquote",
    "unquote-splicing",
    "lambda",
    "define",
    "define-record-type",
    "if",
    "set!",
    "begin",
    "let",
    "let*",
    "letrec",
    "letrec*",
    "do",
    "cond",
    "case",
    "and",
    "or",
    "when",
    "unless",
    "else",
    "=>",
    "import",
];

pub struct Expander {
    /// Names bound by enclosing local binders, innermost last.
    locals: Vec<String>,
    gensym_counter: usize,
}

/// Expands a whole program (its top-level forms in order).
pub fn expand_program(forms: &[Datum]) -> std::result::Result<Vec<Expr>, Vec<CompileError>> {
    let mut ex = Expander {
        locals: Vec::new(),
        gensym_counter: 0,
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for form in forms {
        if is_import(form) {
            continue;
        }
        match ex.expand_toplevel(form) {
            Ok(e) => out.push(e),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn is_import(form: &Datum) -> bool {
    matches!(form.as_list(), Some([head, ..]) if head.as_symbol() == Some("import"))
}

/// Integer literals must fit a fixnum until bignums arrive.
fn check_literal(d: &Datum) -> Result<()> {
    match &d.kind {
        DatumKind::Int(n) if !closcrt::value::fits_fixnum(*n) => err(
            d.span,
            format!(
                "integer literal {n} is outside the fixnum range (bignums are not supported yet)"
            ),
        ),
        DatumKind::List(items, tail) => {
            items.iter().try_for_each(check_literal)?;
            tail.as_deref().map_or(Ok(()), check_literal)
        }
        DatumKind::Vector(items) => items.iter().try_for_each(check_literal),
        _ => Ok(()),
    }
}

fn err<T>(span: Span, msg: impl Into<String>) -> Result<T> {
    Err(CompileError::new(span, msg))
}

fn sym(name: &str, span: Span) -> Datum {
    Datum::new(DatumKind::Symbol(name.to_string()), span)
}

/// A reference to a builtin that user bindings cannot shadow.
fn builtin(name: &str, span: Span) -> Expr {
    Expr::Ref(format!("#%{name}"), span)
}

fn call(f: Expr, args: Vec<Expr>, span: Span) -> Expr {
    Expr::Call(Box::new(f), args, span)
}

fn begin(mut exprs: Vec<Expr>) -> Expr {
    if exprs.len() == 1 {
        exprs.pop().unwrap()
    } else if exprs.is_empty() {
        Expr::Void
    } else {
        Expr::Begin(exprs)
    }
}

fn if_(c: Expr, t: Expr, e: Expr) -> Expr {
    Expr::If(Box::new(c), Box::new(t), Box::new(e))
}

fn let_(bindings: Vec<Binding>, body: Expr) -> Expr {
    if bindings.is_empty() {
        body
    } else {
        Expr::Let(bindings, Box::new(body))
    }
}

impl Expander {
    fn gensym(&mut self, hint: &str) -> String {
        self.gensym_counter += 1;
        format!("#%{hint}{}", self.gensym_counter)
    }

    fn is_keyword(&self, name: &str, kw: &str) -> bool {
        name == kw && !self.locals.iter().any(|l| l == name)
    }

    /// The keyword a form starts with, unless its name is locally rebound.
    fn head_keyword<'a>(&self, form: &'a Datum) -> Option<&'a str> {
        let (head, _) = match &form.kind {
            DatumKind::List(items, _) if !items.is_empty() => (&items[0], ()),
            _ => return None,
        };
        let name = head.as_symbol()?;
        if KEYWORDS.contains(&name) && !self.locals.iter().any(|l| l == name) {
            Some(name)
        } else {
            None
        }
    }

    fn with_locals<T>(
        &mut self,
        names: impl IntoIterator<Item = String>,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let mark = self.locals.len();
        self.locals.extend(names);
        let r = f(self);
        self.locals.truncate(mark);
        r
    }

    fn expand_toplevel(&mut self, form: &Datum) -> Result<Expr> {
        match self.head_keyword(form) {
            Some("define") => {
                let (name, name_span, value) = self.parse_define(form)?;
                Ok(Expr::Define(name, Box::new(value), name_span))
            }
            Some("define-record-type") => {
                self.expand_toplevel(&crate::expand_records::rewrite(form)?)
            }
            Some("begin") => {
                let items = self.proper_list(form)?;
                let mut out = Vec::new();
                for f in &items[1..] {
                    if !is_import(f) {
                        out.push(self.expand_toplevel(f)?);
                    }
                }
                Ok(begin(out))
            }
            _ => self.expand(form),
        }
    }

    fn proper_list<'a>(&self, form: &'a Datum) -> Result<&'a [Datum]> {
        match form.as_list() {
            Some(items) => Ok(items),
            None => err(form.span, "malformed form: expected a proper list"),
        }
    }

    /// `(define name expr)`, `(define name)`, `(define (name . formals) body...)`.
    /// Returns the name, its span and the expanded value.
    fn parse_define(&mut self, form: &Datum) -> Result<(String, Span, Expr)> {
        let items = self.proper_list(form)?;
        if items.len() < 2 {
            return err(
                form.span,
                "malformed define: expected (define name expr) or (define (name args...) body...)",
            );
        }
        match &items[1].kind {
            DatumKind::Symbol(name) => match items.len() {
                2 => Ok((name.clone(), items[1].span, Expr::Void)),
                3 => {
                    let mut value = self.expand(&items[2])?;
                    if let Expr::Lambda(l) = &mut value {
                        l.name.get_or_insert_with(|| name.clone());
                    }
                    Ok((name.clone(), items[1].span, value))
                }
                _ => err(
                    form.span,
                    "malformed define: too many expressions after the name",
                ),
            },
            DatumKind::List(sig, tail) if !sig.is_empty() => {
                let name = match sig[0].as_symbol() {
                    Some(n) => n.to_string(),
                    None => {
                        return err(
                            sig[0].span,
                            "malformed define: procedure name must be an identifier",
                        )
                    }
                };
                if items.len() < 3 {
                    return err(form.span, "malformed define: procedure has no body");
                }
                let formals_items = &sig[1..];
                let lambda = self.make_lambda(
                    formals_items,
                    tail.as_deref(),
                    &items[2..],
                    form.span,
                    Some(name.clone()),
                )?;
                Ok((name, sig[0].span, Expr::Lambda(lambda)))
            }
            _ => err(
                items[1].span,
                "malformed define: expected a name or (name args...)",
            ),
        }
    }

    fn parse_formals(&self, items: &[Datum], tail: Option<&Datum>) -> Result<Formals> {
        let mut params: Vec<(String, Span)> = Vec::new();
        let check = |d: &Datum, params: &Vec<(String, Span)>| -> Result<(String, Span)> {
            let name = match d.as_symbol() {
                Some(n) => n.to_string(),
                None => {
                    return err(
                        d.span,
                        format!("malformed parameter list: `{d}` is not an identifier"),
                    )
                }
            };
            if params.iter().any(|(p, _)| *p == name) {
                return err(d.span, format!("duplicate parameter `{name}`"));
            }
            Ok((name, d.span))
        };
        for d in items {
            let p = check(d, &params)?;
            params.push(p);
        }
        let rest = match tail {
            Some(t) => Some(check(t, &params)?),
            None => None,
        };
        Ok((params, rest))
    }

    fn make_lambda(
        &mut self,
        formals: &[Datum],
        rest: Option<&Datum>,
        body: &[Datum],
        span: Span,
        name: Option<String>,
    ) -> Result<Lambda> {
        let (params, rest) = self.parse_formals(formals, rest)?;
        let names: Vec<String> = params
            .iter()
            .chain(rest.iter())
            .map(|(n, _)| n.clone())
            .collect();
        let body = self.with_locals(names, |ex| ex.expand_body(body, span))?;
        Ok(Lambda {
            params,
            rest,
            body: Box::new(body),
            name,
            span,
        })
    }

    /// A body: internal definitions followed by expressions, as one `letrec*`.
    fn expand_body(&mut self, body: &[Datum], span: Span) -> Result<Expr> {
        if body.is_empty() {
            return err(span, "malformed form: empty body");
        }
        if let Some(b) =
            crate::expand_records::rewrite_body(body, &|f, kw| self.head_keyword(f) == Some(kw))?
        {
            return self.expand_body(&b, span);
        }
        // Flatten `begin`s and find the names defined, so that they are in scope
        // for every init and expression in the body.
        let mut forms: Vec<&Datum> = Vec::new();
        self.flatten_body(body, &mut forms)?;
        let mut defined = Vec::new();
        for f in &forms {
            if self.head_keyword(f) == Some("define") {
                let items = self.proper_list(f)?;
                match items.get(1).map(|d| &d.kind) {
                    Some(DatumKind::Symbol(n)) => defined.push(n.clone()),
                    Some(DatumKind::List(sig, _)) if !sig.is_empty() => {
                        if let Some(n) = sig[0].as_symbol() {
                            defined.push(n.to_string())
                        }
                    }
                    _ => {}
                }
            }
        }
        if defined.is_empty() {
            let exprs = forms
                .iter()
                .map(|f| self.expand(f))
                .collect::<Result<Vec<_>>>()?;
            return Ok(begin(exprs));
        }
        self.with_locals(defined, |ex| {
            let mut bindings = Vec::new();
            let mut last_define = 0;
            for (i, f) in forms.iter().enumerate() {
                if ex.head_keyword(f) == Some("define") {
                    last_define = i + 1;
                }
            }
            if last_define == forms.len() {
                return err(span, "malformed body: no expression after the definitions");
            }
            for f in &forms[..last_define] {
                if ex.head_keyword(f) == Some("define") {
                    let (name, name_span, init) = ex.parse_define(f)?;
                    bindings.push(Binding {
                        name,
                        span: name_span,
                        init,
                    });
                } else {
                    // An expression between definitions keeps its place in the order.
                    let name = ex.gensym("ignored");
                    bindings.push(Binding {
                        name,
                        span: f.span,
                        init: ex.expand(f)?,
                    });
                }
            }
            let exprs = forms[last_define..]
                .iter()
                .map(|f| ex.expand(f))
                .collect::<Result<Vec<_>>>()?;
            Ok(Expr::Letrec(bindings, Box::new(begin(exprs))))
        })
    }

    fn flatten_body<'a>(&self, body: &'a [Datum], out: &mut Vec<&'a Datum>) -> Result<()> {
        for f in body {
            if self.head_keyword(f) == Some("begin") {
                let items = self.proper_list(f)?;
                self.flatten_body(&items[1..], out)?;
            } else {
                out.push(f);
            }
        }
        Ok(())
    }

    fn expand_seq(&mut self, forms: &[Datum]) -> Result<Vec<Expr>> {
        forms.iter().map(|f| self.expand(f)).collect()
    }

    pub fn expand(&mut self, form: &Datum) -> Result<Expr> {
        match &form.kind {
            DatumKind::Symbol(name) => {
                if KEYWORDS.contains(&name.as_str())
                    && self.is_keyword(name, name)
                    && name != "import"
                {
                    return err(
                        form.span,
                        format!("invalid use of syntactic keyword `{name}`"),
                    );
                }
                Ok(Expr::Ref(name.clone(), form.span))
            }
            DatumKind::List(items, _) if items.is_empty() => {
                err(form.span, "missing procedure in application `()`")
            }
            DatumKind::List(items, tail) => {
                if let Some(kw) = self.head_keyword(form) {
                    return self.expand_keyword(kw, form);
                }
                if tail.is_some() {
                    return err(form.span, "malformed application: improper list");
                }
                let f = self.expand(&items[0])?;
                let args = self.expand_seq(&items[1..])?;
                Ok(call(f, args, form.span))
            }
            DatumKind::Vector(_)
            | DatumKind::Bool(_)
            | DatumKind::Int(_)
            | DatumKind::Char(_)
            | DatumKind::Str(_) => {
                check_literal(form)?;
                Ok(Expr::Quote(form.clone()))
            }
        }
    }

    fn expand_keyword(&mut self, kw: &str, form: &Datum) -> Result<Expr> {
        let items = self.proper_list(form)?;
        let span = form.span;
        let args = &items[1..];
        match kw {
            "quote" => match args {
                [d] => {
                    check_literal(d)?;
                    Ok(Expr::Quote(d.clone()))
                }
                _ => err(span, "malformed quote: expected (quote datum)"),
            },
            "quasiquote" => match args {
                [d] => self.quasi(d, 1),
                _ => err(span, "malformed quasiquote: expected (quasiquote template)"),
            },
            "unquote" | "unquote-splicing" => err(span, format!("{kw} outside of quasiquote")),
            "lambda" => {
                if args.len() < 2 {
                    return err(span, "malformed lambda: expected (lambda formals body...)");
                }
                let l = match &args[0].kind {
                    DatumKind::Symbol(_) => {
                        self.make_lambda(&[], Some(&args[0]), &args[1..], span, None)?
                    }
                    DatumKind::List(ps, tail) => {
                        self.make_lambda(ps, tail.as_deref(), &args[1..], span, None)?
                    }
                    _ => return err(args[0].span, "malformed lambda: bad parameter list"),
                };
                Ok(Expr::Lambda(l))
            }
            "define" | "define-record-type" => err(
                span,
                format!("{kw} is only allowed at top level or at the start of a body"),
            ),
            "import" => err(span, "import is only allowed at top level"),
            "if" => match args {
                [c, t] => Ok(if_(self.expand(c)?, self.expand(t)?, Expr::Void)),
                [c, t, e] => Ok(if_(self.expand(c)?, self.expand(t)?, self.expand(e)?)),
                _ => err(span, "malformed if: expected (if test then [else])"),
            },
            "set!" => match args {
                [name, value] => match name.as_symbol() {
                    Some(n) => Ok(Expr::Set(
                        n.to_string(),
                        Box::new(self.expand(value)?),
                        name.span,
                    )),
                    None => err(name.span, "malformed set!: expected a variable name"),
                },
                _ => err(span, "malformed set!: expected (set! name expr)"),
            },
            "begin" => {
                if args.is_empty() {
                    return Ok(Expr::Void);
                }
                Ok(begin(self.expand_seq(args)?))
            }
            "let" => self.expand_let(form, args),
            "let*" => {
                if args.len() < 2 {
                    return err(
                        span,
                        "malformed let*: expected (let* ((name init) ...) body...)",
                    );
                }
                let bindings = self.parse_bindings(&args[0], false)?;
                self.expand_let_star(&bindings, &args[1..], span)
            }
            "letrec" | "letrec*" => {
                if args.len() < 2 {
                    return err(
                        span,
                        format!("malformed {kw}: expected ({kw} ((name init) ...) body...)"),
                    );
                }
                let parsed = self.parse_bindings(&args[0], true)?;
                let names: Vec<String> = parsed.iter().map(|(n, _, _)| n.clone()).collect();
                self.check_distinct(&parsed)?;
                self.with_locals(names, |ex| {
                    let bindings = ex.expand_bindings(&parsed)?;
                    let body = ex.expand_body(&args[1..], span)?;
                    Ok(Expr::Letrec(bindings, Box::new(body)))
                })
            }
            "do" => self.expand_do(form, args),
            "cond" => self.expand_cond(args),
            "case" => self.expand_case(args, span),
            "and" => self.expand_and(args),
            "or" => self.expand_or(args),
            "when" | "unless" => {
                if args.len() < 2 {
                    return err(
                        span,
                        format!("malformed {kw}: expected ({kw} test body...)"),
                    );
                }
                let test = self.expand(&args[0])?;
                let body = begin(self.expand_seq(&args[1..])?);
                if kw == "when" {
                    Ok(if_(test, body, Expr::Void))
                } else {
                    Ok(if_(test, Expr::Void, body))
                }
            }
            "else" | "=>" => err(span, format!("invalid use of `{kw}` outside cond/case")),
            _ => err(span, format!("unknown keyword {kw}")),
        }
    }

    /// Parses `((name init) ...)`. With `allow_missing` false an init is required.
    fn parse_bindings<'a>(
        &self,
        d: &'a Datum,
        _letrec: bool,
    ) -> Result<Vec<(String, Span, &'a Datum)>> {
        let list = match d.as_list() {
            Some(l) => l,
            None => return err(d.span, "malformed bindings: expected ((name init) ...)"),
        };
        let mut out: Vec<(String, Span, &Datum)> = Vec::new();
        for b in list {
            match b.as_list() {
                Some([name, init]) => match name.as_symbol() {
                    Some(n) => out.push((n.to_string(), name.span, init)),
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

    fn expand_let(&mut self, form: &Datum, args: &[Datum]) -> Result<Expr> {
        let span = form.span;
        if args.len() < 2 {
            return err(
                span,
                "malformed let: expected (let ((name init) ...) body...)",
            );
        }
        if let Some(loop_name) = args[0].as_symbol() {
            // Named let: inits are evaluated outside the loop procedure's scope.
            if args.len() < 3 {
                return err(
                    span,
                    "malformed named let: expected (let name ((var init) ...) body...)",
                );
            }
            let parsed = self.parse_bindings(&args[1], false)?;
            let vars: Vec<Datum> = parsed.iter().map(|(n, s, _)| sym(n, *s)).collect();
            self.check_distinct(&parsed)?;
            let mut outer = Vec::new();
            let mut temps = Vec::new();
            for (_, nspan, init) in &parsed {
                let t = self.gensym("t");
                outer.push(Binding {
                    name: t.clone(),
                    span: *nspan,
                    init: self.expand(init)?,
                });
                temps.push(Expr::Ref(t, *nspan));
            }
            let loop_name = loop_name.to_string();
            let lambda = self.with_locals([loop_name.clone()], |ex| {
                ex.make_lambda(&vars, None, &args[2..], span, Some(loop_name.clone()))
            })?;
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
        let parsed = self.parse_bindings(&args[0], false)?;
        self.check_distinct(&parsed)?;
        let bindings = self.expand_bindings(&parsed)?;
        let names: Vec<String> = parsed.iter().map(|(n, _, _)| n.clone()).collect();
        let body = self.with_locals(names, |ex| ex.expand_body(&args[1..], span))?;
        Ok(Expr::Let(bindings, Box::new(body)))
    }

    /// Expands binding inits; a lambda bound to a name is named after it.
    fn expand_bindings(&mut self, parsed: &[(String, Span, &Datum)]) -> Result<Vec<Binding>> {
        let mut bindings = Vec::new();
        for (name, nspan, init) in parsed {
            let mut init = self.expand(init)?;
            if let Expr::Lambda(l) = &mut init {
                l.name.get_or_insert_with(|| name.clone());
            }
            bindings.push(Binding {
                name: name.clone(),
                span: *nspan,
                init,
            });
        }
        Ok(bindings)
    }

    fn check_distinct(&self, parsed: &[(String, Span, &Datum)]) -> Result<()> {
        for (i, (n, s, _)) in parsed.iter().enumerate() {
            if parsed[..i].iter().any(|(m, _, _)| m == n) {
                return err(*s, format!("duplicate binding `{n}`"));
            }
        }
        Ok(())
    }

    fn expand_let_star(
        &mut self,
        bindings: &[(String, Span, &Datum)],
        body: &[Datum],
        span: Span,
    ) -> Result<Expr> {
        match bindings.split_first() {
            None => self.expand_body(body, span),
            Some(((name, nspan, init), rest)) => {
                let init = self.expand(init)?;
                let inner =
                    self.with_locals([name.clone()], |ex| ex.expand_let_star(rest, body, span))?;
                Ok(Expr::Let(
                    vec![Binding {
                        name: name.clone(),
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
    fn expand_do(&mut self, form: &Datum, args: &[Datum]) -> Result<Expr> {
        let span = form.span;
        if args.len() < 2 {
            return err(
                span,
                "malformed do: expected (do ((var init step) ...) (test expr...) body...)",
            );
        }
        let specs = match args[0].as_list() {
            Some(l) => l,
            None => return err(args[0].span, "malformed do: bad variable list"),
        };
        let mut vars = Vec::new();
        for s in specs {
            match s.as_list() {
                Some([v, init]) if v.as_symbol().is_some() => vars.push((v, init, None)),
                Some([v, init, step]) if v.as_symbol().is_some() => {
                    vars.push((v, init, Some(step)))
                }
                _ => return err(s.span, "malformed do: expected (var init [step])"),
            }
        }
        let exit = match args[1].as_list() {
            Some(l) if !l.is_empty() => l,
            _ => return err(args[1].span, "malformed do: expected (test expr...)"),
        };
        let loop_name = self.gensym("do-loop");
        let mut outer = Vec::new();
        let mut temps = Vec::new();
        for (v, init, _) in &vars {
            let t = self.gensym("t");
            outer.push(Binding {
                name: t.clone(),
                span: v.span,
                init: self.expand(init)?,
            });
            temps.push(Expr::Ref(t, v.span));
        }
        let var_names: Vec<String> = vars
            .iter()
            .map(|(v, _, _)| v.as_symbol().unwrap().to_string())
            .collect();
        let params: Vec<(String, Span)> = vars
            .iter()
            .map(|(v, _, _)| (v.as_symbol().unwrap().to_string(), v.span))
            .collect();
        for (i, (n, s)) in params.iter().enumerate() {
            if params[..i].iter().any(|(m, _)| m == n) {
                return err(*s, format!("duplicate do variable `{n}`"));
            }
        }
        let body = self.with_locals(
            std::iter::once(loop_name.clone()).chain(var_names),
            |ex| -> Result<Expr> {
                let test = ex.expand(&exit[0])?;
                let result = begin(ex.expand_seq(&exit[1..])?);
                let mut steps = Vec::new();
                for (v, _, step) in &vars {
                    steps.push(match step {
                        Some(s) => ex.expand(s)?,
                        None => ex.expand(v)?,
                    });
                }
                let mut body = ex.expand_seq(&args[2..])?;
                body.push(call(Expr::Ref(loop_name.clone(), span), steps, span));
                Ok(if_(test, result, begin(body)))
            },
        )?;
        let lambda = Lambda {
            params,
            rest: None,
            body: Box::new(body),
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

    fn expand_cond(&mut self, clauses: &[Datum]) -> Result<Expr> {
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
        if parts[0]
            .as_symbol()
            .is_some_and(|s| self.is_keyword(s, "else"))
        {
            if !rest.is_empty() {
                return err(clause.span, "malformed cond: else clause must be last");
            }
            if parts.len() < 2 {
                return err(clause.span, "malformed cond: empty else clause");
            }
            return Ok(begin(self.expand_seq(&parts[1..])?));
        }
        let test = self.expand(&parts[0])?;
        let otherwise = self.expand_cond(rest)?;
        if parts.len() >= 2
            && parts[1]
                .as_symbol()
                .is_some_and(|s| self.is_keyword(s, "=>"))
        {
            if parts.len() != 3 {
                return err(
                    clause.span,
                    "malformed cond clause: expected (test => receiver)",
                );
            }
            let t = self.gensym("t");
            let receiver = self.expand(&parts[2])?;
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
        let body = begin(self.expand_seq(&parts[1..])?);
        Ok(if_(test, body, otherwise))
    }

    fn expand_case(&mut self, args: &[Datum], span: Span) -> Result<Expr> {
        if args.is_empty() {
            return err(span, "malformed case: expected (case key clause...)");
        }
        let key_name = self.gensym("key");
        let key_init = self.expand(&args[0])?;
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
            let body = if parts[1]
                .as_symbol()
                .is_some_and(|s| self.is_keyword(s, "=>"))
            {
                if parts.len() != 3 {
                    return err(
                        clause.span,
                        "malformed case clause: expected (datums => receiver)",
                    );
                }
                call(self.expand(&parts[2])?, vec![key.clone()], clause.span)
            } else {
                begin(self.expand_seq(&parts[1..])?)
            };
            if parts[0]
                .as_symbol()
                .is_some_and(|s| self.is_keyword(s, "else"))
            {
                if i != args.len() - 2 {
                    return err(clause.span, "malformed case: else clause must be last");
                }
                result = body;
                continue;
            }
            let datums = match parts[0].as_list() {
                Some(d) => d,
                None => {
                    return err(
                        parts[0].span,
                        "malformed case clause: expected a list of datums",
                    )
                }
            };
            let mut test = Expr::Quote(Datum::new(DatumKind::Bool(false), parts[0].span));
            for d in datums.iter().rev() {
                let cmp = call(
                    builtin("eqv?", d.span),
                    vec![key.clone(), Expr::Quote(d.clone())],
                    d.span,
                );
                test = if matches!(
                    test,
                    Expr::Quote(Datum {
                        kind: DatumKind::Bool(false),
                        ..
                    })
                ) {
                    cmp
                } else {
                    if_(
                        cmp,
                        Expr::Quote(Datum::new(DatumKind::Bool(true), d.span)),
                        test,
                    )
                };
            }
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

    fn expand_and(&mut self, args: &[Datum]) -> Result<Expr> {
        match args {
            [] => Ok(Expr::Quote(Datum::new(
                DatumKind::Bool(true),
                Span::default(),
            ))),
            [only] => self.expand(only),
            [first, rest @ ..] => {
                let f = self.expand(first)?;
                let r = self.expand_and(rest)?;
                Ok(if_(
                    f,
                    r,
                    Expr::Quote(Datum::new(DatumKind::Bool(false), first.span)),
                ))
            }
        }
    }

    fn expand_or(&mut self, args: &[Datum]) -> Result<Expr> {
        match args {
            [] => Ok(Expr::Quote(Datum::new(
                DatumKind::Bool(false),
                Span::default(),
            ))),
            [only] => self.expand(only),
            [first, rest @ ..] => {
                let t = self.gensym("t");
                let f = self.expand(first)?;
                let r = self.expand_or(rest)?;
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
    fn quasi(&mut self, d: &Datum, depth: usize) -> Result<Expr> {
        match &d.kind {
            DatumKind::List(items, tail) if !items.is_empty() => {
                if let Some(head) = items[0].as_symbol() {
                    if tail.is_none() && items.len() == 2 {
                        match head {
                            "unquote" => {
                                return if depth == 1 {
                                    self.expand(&items[1])
                                } else {
                                    self.quasi_wrap("unquote", &items[1], depth - 1, d.span)
                                };
                            }
                            "quasiquote" => {
                                return self.quasi_wrap("quasiquote", &items[1], depth + 1, d.span)
                            }
                            _ => {}
                        }
                    }
                }
                // Build the list from the end so that `,@` can splice.
                let mut acc = match tail {
                    Some(t) => self.quasi(t, depth)?,
                    None => Expr::Quote(Datum::new(DatumKind::List(vec![], None), d.span)),
                };
                for item in items.iter().rev() {
                    if let Some([h, x]) = item.as_list() {
                        if h.as_symbol() == Some("unquote-splicing") {
                            if depth == 1 {
                                let spliced = self.expand(x)?;
                                acc = call(
                                    builtin("append", item.span),
                                    vec![spliced, acc],
                                    item.span,
                                );
                            } else {
                                let inner =
                                    self.quasi_wrap("unquote-splicing", x, depth - 1, item.span)?;
                                acc = call(builtin("cons", item.span), vec![inner, acc], item.span);
                            }
                            continue;
                        }
                    }
                    let e = self.quasi(item, depth)?;
                    acc = call(builtin("cons", item.span), vec![e, acc], item.span);
                }
                Ok(acc)
            }
            DatumKind::Vector(items) => {
                let as_list = Datum::new(DatumKind::List(items.clone(), None), d.span);
                let l = self.quasi(&as_list, depth)?;
                Ok(call(builtin("list->vector", d.span), vec![l], d.span))
            }
            _ => {
                check_literal(d)?;
                Ok(Expr::Quote(d.clone()))
            }
        }
    }

    /// `(KEYWORD x)` inside a quasiquote template at the given depth.
    fn quasi_wrap(&mut self, keyword: &str, x: &Datum, depth: usize, span: Span) -> Result<Expr> {
        let inner = self.quasi(x, depth)?;
        Ok(call(
            builtin("list", span),
            vec![Expr::Quote(sym(keyword, span)), inner],
            span,
        ))
    }
}

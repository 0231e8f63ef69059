//! `define-record-type` (R7RS 5.5) -> ordinary definitions.
//!
//! In: a `(define-record-type <name> <constructor> <pred> <field> ...)` datum,
//! where `<constructor>` is `(ctor field ...)` (any subset of the fields, in any
//! order), a bare identifier (all fields, in order) or `#f` (none), and each
//! `<field>` is `(field accessor)` or `(field accessor modifier)`.
//! Out: a `(begin (define ...) ...)` datum the expander expands like any
//! other definitions, so the form works at top level and in bodies:
//!
//! ```text
//! (define #%rtd:point:N (#%%make-record-type '(point (x point-x set-point-x!) (y point-y))))
//! (define point #%rtd:point:N)
//! (define make-point (lambda (#%x #%y) (#%%record #%rtd:point:N #%x #%y)))
//! (define point? (lambda (#%obj) (#%%record? #%obj #%rtd:point:N)))
//! (define point-x (lambda (#%obj) (#%%record-ref #%obj #%rtd:point:N 0)))
//! (define set-point-x! (lambda (#%obj #%v) (#%%record-set! #%obj #%rtd:point:N 0 #%v)))
//! ```
//!
//! The procedures refer to the type through a hidden `#%` name, so rebinding
//! `<name>` later cannot break them; `#%` parameter names cannot capture user
//! names. Fields the constructor does not take start as `#f`. The runtime
//! primitives are in `runtime/src/records.rs`.

use crate::datum::{Datum, DatumKind, Span};
use crate::diagnostics::CompileError;
use std::sync::atomic::{AtomicUsize, Ordering};

type Result<T> = std::result::Result<T, CompileError>;

fn err<T>(span: Span, msg: impl Into<String>) -> Result<T> {
    Err(CompileError::new(span, msg))
}

fn sym(name: &str, span: Span) -> Datum {
    Datum::new(DatumKind::Symbol(name.to_string()), span)
}

fn list(items: Vec<Datum>, span: Span) -> Datum {
    Datum::new(DatumKind::List(items, None), span)
}

fn define(name: Datum, value: Datum, span: Span) -> Datum {
    list(vec![sym("define", span), name, value], span)
}

fn lambda(params: Vec<Datum>, body: Datum, span: Span) -> Datum {
    list(vec![sym("lambda", span), list(params, span), body], span)
}

fn ident<'a>(d: &'a Datum, what: &str) -> Result<&'a str> {
    match d.as_symbol() {
        Some(s) => Ok(s),
        None => err(
            d.span,
            format!("malformed define-record-type: {what} must be an identifier"),
        ),
    }
}

/// Makes hidden names unique within a compilation.
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The definitions `form` (a `define-record-type`) stands for, as one `begin`.
pub fn rewrite(form: &Datum) -> Result<Datum> {
    let span = form.span;
    let items = match form.as_list() {
        Some(items) if items.len() >= 4 => items,
        _ => {
            return err(
                span,
                "malformed define-record-type: expected (define-record-type name (constructor field ...) predicate (field accessor [modifier]) ...)",
            )
        }
    };
    let type_name = ident(&items[1], "the type name")?;
    let rtd = format!(
        "#%rtd:{type_name}:{}",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let rtd_ref = || sym(&rtd, span);

    // Field specs.
    let mut fields: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    let mut procs = Vec::new();
    for (i, spec) in items[4..].iter().enumerate() {
        let parts = match spec.as_list() {
            Some(p) if (2..=3).contains(&p.len()) => p,
            _ => {
                return err(
                    spec.span,
                    "malformed define-record-type field: expected (field accessor [modifier])",
                )
            }
        };
        let field = ident(&parts[0], "a field name")?;
        if fields.contains(&field) {
            return err(parts[0].span, format!("duplicate record field `{field}`"));
        }
        fields.push(field);
        let index = Datum::new(DatumKind::Int(i as i64), spec.span);
        let acc = &parts[1];
        ident(acc, "an accessor name")?;
        let body = list(
            vec![
                sym("#%%record-ref", span),
                sym("#%obj", span),
                rtd_ref(),
                index.clone(),
            ],
            spec.span,
        );
        procs.push(define(
            acc.clone(),
            lambda(vec![sym("#%obj", span)], body, spec.span),
            spec.span,
        ));
        if let Some(m) = parts.get(2) {
            ident(m, "a modifier name")?;
            let body = list(
                vec![
                    sym("#%%record-set!", span),
                    sym("#%obj", span),
                    rtd_ref(),
                    index,
                    sym("#%v", span),
                ],
                spec.span,
            );
            procs.push(define(
                m.clone(),
                lambda(vec![sym("#%obj", span), sym("#%v", span)], body, spec.span),
                spec.span,
            ));
        }
    }

    // The type descriptor, quoted: (name spec ...).
    let mut desc = vec![items[1].clone()];
    desc.extend(items[4..].iter().cloned());
    let make_type = list(
        vec![
            sym("#%%make-record-type", span),
            list(vec![sym("quote", span), list(desc, span)], span),
        ],
        span,
    );
    out.push(define(sym(&rtd, items[1].span), make_type, span));
    out.push(define(items[1].clone(), rtd_ref(), span));

    // The constructor.
    let ctor = &items[2];
    let ctor_spec: Option<(&Datum, Vec<&str>)> = match &ctor.kind {
        DatumKind::Bool(false) => None,
        DatumKind::Symbol(_) => Some((ctor, fields.clone())),
        DatumKind::List(parts, None) if !parts.is_empty() => {
            ident(&parts[0], "the constructor name")?;
            let mut taken = Vec::new();
            for p in &parts[1..] {
                let f = ident(p, "a constructor field")?;
                if !fields.contains(&f) {
                    return err(
                        p.span,
                        format!("`{f}` is not a field of record type `{type_name}`"),
                    );
                }
                if taken.contains(&f) {
                    return err(p.span, format!("duplicate constructor field `{f}`"));
                }
                taken.push(f);
            }
            Some((&parts[0], taken))
        }
        _ => {
            return err(
                ctor.span,
                "malformed define-record-type: expected (constructor field ...)",
            )
        }
    };
    if let Some((name, taken)) = ctor_spec {
        let param = |f: &str| sym(&format!("#%{f}"), name.span);
        let mut args = vec![sym("#%%record", span), rtd_ref()];
        for f in &fields {
            args.push(if taken.contains(f) {
                param(f)
            } else {
                Datum::new(DatumKind::Bool(false), span)
            });
        }
        let params = taken.iter().map(|f| param(f)).collect();
        out.push(define(
            name.clone(),
            lambda(params, list(args, span), span),
            span,
        ));
    }

    // The predicate.
    let pred = &items[3];
    if !matches!(pred.kind, DatumKind::Bool(false)) {
        ident(pred, "the predicate name")?;
        let body = list(
            vec![sym("#%%record?", span), sym("#%obj", span), rtd_ref()],
            span,
        );
        out.push(define(
            pred.clone(),
            lambda(vec![sym("#%obj", span)], body, span),
            span,
        ));
    }
    out.extend(procs);
    let mut all = vec![sym("begin", span)];
    all.extend(out);
    Ok(list(all, span))
}

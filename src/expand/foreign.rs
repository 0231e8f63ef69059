//! `foreign-procedure` (`(closc ffi)`): `(foreign-procedure "c_name"
//! (arg-type ...) result-type)` becomes a procedure whose body is one
//! foreign call.
//!
//! In: the form, whose C name must be a string literal and whose types must
//! be type names (`closcrt::builtins::ffi::types`): anything else is a
//! compile error at the offending part. Out, in the core language:
//!
//! ```text
//! (let ((target (#%%foreign-symbol "c_name")))
//!   (lambda (a1 .. an) (#%%foreign-call '(result arg ...) 'c_name target a1 .. an)))
//! ```
//!
//! so the symbol is resolved once, where the definition is evaluated, and
//! every call is a direct C call (alpha-rename turns the two reserved names
//! into `Prim::ForeignSymbol` and `Prim::ForeignCall`).

use super::syntax::{Env, Syn};
use super::{err, local_name, Expander, Result};
use crate::ast::{Binding, Expr, Lambda, FOREIGN_CALL, FOREIGN_CALLBACK, FOREIGN_SYMBOL};
use crate::datum::{Datum, DatumKind, Span};
use closcrt::builtins::ffi::types::{FfiType, ForeignSig, MAX_FOREIGN_ARGS};

const USAGE: &str =
    "malformed foreign-procedure: expected (foreign-procedure \"c_name\" (arg-type ...) result-type)";

impl Expander {
    pub(super) fn foreign_procedure(&mut self, args: &[Syn], span: Span) -> Result<Expr> {
        let [name, arg_types, result] = args else {
            return err(span, USAGE);
        };
        let c_name = match name.strip().kind {
            DatumKind::Str(s) if !s.is_empty() && !s.contains('\0') => s,
            _ => {
                return err(
                    name.span,
                    "foreign-procedure: the C name must be a non-empty string literal",
                )
            }
        };
        let Some(arg_syns) = arg_types.as_list() else {
            return err(arg_types.span, USAGE);
        };
        let mut types = Vec::new();
        for t in arg_syns {
            let ty = type_named(t)?;
            if !ty.is_argument() {
                return err(t.span, "foreign-procedure: void is not an argument type");
            }
            types.push(ty);
        }
        let result_type = type_named(result)?;
        if !result_type.is_result() {
            return err(
                result.span,
                "foreign-procedure: bytevector is not a result type (pass a bytevector or foreign buffer argument instead)",
            );
        }
        let Some(sig) = ForeignSig::new(&types, result_type) else {
            return err(
                arg_types.span,
                format!("foreign-procedure: more than {MAX_FOREIGN_ARGS} arguments"),
            );
        };
        let datum = |kind| Datum::new(kind, span);
        let symbol = |s: &str| datum(DatumKind::Symbol(s.to_string()));
        let sig_datum = sig_datum(&sig, span);
        let mut fresh = |what: &str| {
            let n = self.locals.len();
            self.locals.push(what.to_string());
            local_name(n)
        };
        let target = fresh("foreign-target");
        let params: Vec<(String, Span)> = (0..types.len()).map(|_| (fresh("arg"), span)).collect();
        let mut call_args = vec![
            Expr::Quote(sig_datum),
            Expr::Quote(symbol(&c_name)),
            Expr::Ref(target.clone(), span),
        ];
        call_args.extend(params.iter().map(|(p, _)| Expr::Ref(p.clone(), span)));
        let body = Expr::Call(
            Box::new(Expr::Ref(FOREIGN_CALL.to_string(), span)),
            call_args,
            span,
        );
        let c_name_shown = c_name.clone();
        let lookup = Expr::Call(
            Box::new(Expr::Ref(FOREIGN_SYMBOL.to_string(), span)),
            vec![Expr::Quote(datum(DatumKind::Str(c_name)))],
            span,
        );
        Ok(Expr::Let(
            vec![Binding {
                name: target,
                span,
                init: lookup,
            }],
            Box::new(Expr::Lambda(Lambda {
                params,
                rest: None,
                body: Box::new(body),
                name: Some(c_name_shown),
                span,
            })),
        ))
    }
}

impl Expander {
    /// `(foreign-callback proc (arg-type ...) result-type)`: `(#%%foreign-callback
    /// '(result arg ...) proc)`. A callback's arguments come from C (no
    /// bytevector) and its result goes to C (no string: nothing would own it).
    pub(super) fn foreign_callback(&mut self, args: &[Syn], span: Span, env: &Env) -> Result<Expr> {
        const CALLBACK_USAGE: &str =
            "malformed foreign-callback: expected (foreign-callback procedure (arg-type ...) result-type)";
        let [proc, arg_types, result] = args else {
            return err(span, CALLBACK_USAGE);
        };
        let Some(arg_syns) = arg_types.as_list() else {
            return err(arg_types.span, CALLBACK_USAGE);
        };
        let mut types = Vec::new();
        for t in arg_syns {
            let ty = type_named(t)?;
            if !ty.is_argument() || ty == FfiType::Bytevector {
                return err(
                    t.span,
                    format!(
                        "foreign-callback: {} is not a callback argument type",
                        ty.name()
                    ),
                );
            }
            types.push(ty);
        }
        let result_type = type_named(result)?;
        if !result_type.is_result() || result_type == FfiType::String {
            return err(
                result.span,
                format!(
                    "foreign-callback: {} is not a callback result type",
                    result_type.name()
                ),
            );
        }
        let Some(sig) = ForeignSig::new(&types, result_type) else {
            return err(
                arg_types.span,
                format!("foreign-callback: more than {MAX_FOREIGN_ARGS} arguments"),
            );
        };
        let proc = self.expand(proc, env)?;
        Ok(Expr::Call(
            Box::new(Expr::Ref(FOREIGN_CALLBACK.to_string(), span)),
            vec![Expr::Quote(sig_datum(&sig, span)), proc],
            span,
        ))
    }
}

/// `(result arg ...)`: the signature as the quoted datum alpha-rename reads.
fn sig_datum(sig: &ForeignSig, span: Span) -> Datum {
    Datum::new(
        DatumKind::List(
            std::iter::once(sig.result)
                .chain(sig.args().iter().copied())
                .map(|t| Datum::new(DatumKind::Symbol(t.name().to_string()), span))
                .collect(),
            None,
        ),
        span,
    )
}

/// The C type a type name in a `foreign-procedure` form names.
fn type_named(t: &Syn) -> Result<FfiType> {
    let found = t.as_ident().and_then(|id| FfiType::named(id.name()));
    match found {
        Some(ty) => Ok(ty),
        None => err(
            t.span,
            format!(
                "foreign-procedure: unknown C type {} (int8 ... uint64, int, unsigned, long, \
                 size_t, ssize_t, float, double, bool, void, pointer, string, bytevector)",
                t.strip()
            ),
        ),
    }
}

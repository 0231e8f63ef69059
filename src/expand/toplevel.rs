//! Top levels: what a free name means at the top of a script (or REPL
//! session), of an R7RS program, or of a library, and the names their
//! globals have in the output.
//!
//! In: the bindings imports, definitions and `define-syntax` make at a top
//! level. Out: the `Binding` of a name nothing local binds.
//!
//! - A script (a file without a leading `import`) and the REPL see every
//!   standard library and closc's extras: a name its table lacks is a global
//!   of that very name, which alpha-rename resolves to the user's definition,
//!   else the builtin, else the prelude's (today's single-file semantics).
//! - An R7RS program and a library (`strict`) see only what they import and
//!   define. A name nothing binds is a global of their own that nothing
//!   defines (an unbound variable: a warning, and an error when evaluated).
//!   Their globals are named `#:NAME@K`, K the top level's number (0 for the
//!   program), so two libraries may each define `helper`, and a strict free
//!   name never means a builtin by accident (builtins are `#%NAME`).
//!   Expander-made `#%` names are left as they are.
//!
//! Also here: how the expander walks a top level's forms (`expand_toplevel`),
//! where definitions, `define-library` and `import` take effect.

use super::syntax::{Binding, Env, Found, Ident, Syn, SynKind, TopId};
use super::{err, BodyItem, Expander, Result};
use crate::ast::Expr;
use crate::datum::Span;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

#[derive(Clone, Default)]
pub struct TopScope {
    /// Names bound here: imports, syntax, and (strict) definitions.
    pub names: HashMap<Rc<str>, Binding>,
    /// The names bound by an import (another import must bind them alike).
    pub imported: HashSet<Rc<str>>,
    /// An R7RS program's or a library's (see the module doc).
    pub strict: bool,
}

impl TopScope {
    /// What free plain name `n` means here, top level number `top`.
    pub fn free_name(&self, top: TopId, n: &Rc<str>) -> Binding {
        if let Some(b) = self.names.get(n) {
            return b.clone();
        }
        if self.strict && !n.starts_with("#%") {
            Binding::Global(global_name(n, top).into())
        } else {
            Binding::Global(n.clone())
        }
    }
}

/// Where an identifier resolves (`Expander::resolve`).
pub(super) enum Resolution {
    /// A binding some environment holds (a local, a macro, a hidden global).
    Bound(Binding),
    /// A plain name free at top level `Some(K)`, or (`None`) in the system
    /// environment the built-in macros are defined in.
    Free(Option<TopId>, Rc<str>),
}

/// The name as written of a global `global_name` made (`#:NAME@K` is
/// `NAME`); other names as they are.
pub fn written_global_name(global: &str) -> &str {
    global
        .strip_prefix("#:")
        .and_then(|n| n.rsplit_once('@'))
        .map_or(global, |(n, _)| n)
}

/// The output name of the global `name` a strict top level `top` defines.
pub fn global_name(name: &str, top: TopId) -> String {
    if name.starts_with("#%") {
        name.to_string()
    } else {
        format!("#:{name}@{top}")
    }
}

impl Expander {
    /// Where `id` resolves in `env`: an alias a macro expansion made that no
    /// binding of the expansion captures means what its original identifier
    /// means where the macro was defined.
    pub(super) fn resolve(&self, id: &Ident, env: &Env) -> Resolution {
        let mut id = id.clone();
        let mut env = env.clone();
        loop {
            match env.find(&id) {
                Found::Bound(b) => return Resolution::Bound(b),
                Found::Free(root) => match &id {
                    Ident::Plain(n) => return Resolution::Free(root, n.clone()),
                    Ident::Alias(a) => {
                        if let Some(b) = self.top_aliases.get(&a.id) {
                            return Resolution::Bound(b.clone());
                        }
                        let next = (a.orig.clone(), a.env.clone());
                        id = next.0;
                        env = next.1;
                    }
                },
            }
        }
    }

    /// An error at `span` if `id`, assigned by a `set!`, names a binding a
    /// program or library imports (R7RS 5.6.1: an imported binding is
    /// immutable to its importer), wherever the `set!` came from (a macro
    /// assigns in the top level it was defined in). A script's and the
    /// REPL's globals stay assignable, imported or not, as they stay
    /// redefinable.
    pub(super) fn check_assignable(&self, id: &Ident, env: &Env, span: Span) -> Result<()> {
        if let Resolution::Free(Some(top), n) = self.resolve(id, env) {
            let scope = &self.tops[top];
            if scope.strict && scope.imported.contains(&n) {
                return err(
                    span,
                    format!("cannot assign imported binding `{}`", id.name()),
                );
            }
        }
        Ok(())
    }

    /// Expands one top-level form of the source into `out`, in two passes as
    /// a body is: first every form its `begin`s and macro uses splice in is
    /// expanded far enough to see what it defines (`scan_toplevel`), then the
    /// right-hand sides and expressions. So a macro-introduced definition is
    /// in scope in the whole form: `(begin (define (f x) (g x)) (define (g x)
    /// ...))` from one expansion, where `g` is a hidden global, makes `f` call
    /// that `g` and not a global named `g`.
    pub(super) fn expand_toplevel(
        &mut self,
        form: Syn,
        env: &Env,
        out: &mut Vec<Expr>,
    ) -> Result<()> {
        let start = out.len();
        let mut items = Vec::new();
        self.scan_toplevel(form, env, &mut items)?;
        for item in items {
            match item {
                BodyItem::Define {
                    name,
                    base,
                    span,
                    form_span,
                    rhs,
                    depth,
                } => {
                    self.depth = depth;
                    let value = self.expand_define_rhs(rhs, &base, form_span, env)?;
                    out.push(Expr::Define(name, Box::new(value), span));
                }
                BodyItem::Expr(form, depth) => {
                    self.depth = depth;
                    out.push(self.expand(&form, env)?);
                }
            }
        }
        // The bodies of the libraries this form imported run before it.
        if !self.library_code.is_empty() {
            let code = std::mem::take(&mut self.library_code);
            out.splice(start..start, code);
        }
        Ok(())
    }

    /// The first pass of `expand_toplevel`: binds each defined name (and
    /// each macro) as it appears, in order, and collects what is left to
    /// expand.
    fn scan_toplevel(&mut self, form: Syn, env: &Env, items: &mut Vec<BodyItem>) -> Result<()> {
        // `define-library` and a program's leading `import`s are recognised
        // by name where nothing binds the name to syntax.
        for kw in ["define-library", "import"] {
            if self.written_head(&form, env, kw) {
                return if kw == "import" {
                    self.import(&form)
                } else {
                    self.declare_library(&form)
                };
            }
        }
        let (form, head) = self.expand_head(form, env)?;
        match head {
            Some(Binding::Special("define")) => {
                let (target, name_span, rhs) = self.parse_define(&form, env)?;
                let name: Rc<str> = match &target {
                    Ident::Plain(n) => self.define_at_top(n, name_span)?,
                    Ident::Alias(a) => match self.top_aliases.get(&a.id) {
                        Some(Binding::Global(g)) => g.clone(),
                        _ => {
                            self.gensym_counter += 1;
                            let g: Rc<str> =
                                format!("#:{}.{}", target.name(), self.gensym_counter).into();
                            self.top_aliases.insert(a.id, Binding::Global(g.clone()));
                            g
                        }
                    },
                };
                items.push(BodyItem::Define {
                    name: name.to_string(),
                    base: target.name().to_string(),
                    span: name_span,
                    form_span: form.span,
                    rhs,
                    depth: self.depth,
                });
                Ok(())
            }
            Some(Binding::Special("define-syntax")) => {
                let (id, mac) = self.parse_define_syntax(&form, env)?;
                let b = Binding::Macro(Rc::new(mac));
                match &id {
                    Ident::Plain(n) => {
                        self.define_at_top(n, form.span)?;
                        self.tops[self.current_top].names.insert(n.clone(), b);
                    }
                    Ident::Alias(a) => {
                        self.top_aliases.insert(a.id, b);
                    }
                }
                Ok(())
            }
            Some(Binding::Special("begin")) => {
                let forms = self.proper_list(&form)?;
                let depth = self.depth;
                for f in &forms[1..] {
                    self.depth = depth;
                    self.scan_toplevel(f.clone(), env, items)?;
                }
                Ok(())
            }
            Some(Binding::Special("define-record-type")) => {
                let defines = self.record_definitions(&form)?;
                self.scan_toplevel(defines, env, items)
            }
            Some(Binding::Special("import")) => self.import(&form),
            _ => {
                items.push(BodyItem::Expr(form, self.depth));
                Ok(())
            }
        }
    }

    /// Is `form` headed by the identifier `kw` as written, bound to nothing
    /// but a global (or to the special form `kw`)?
    fn written_head(&self, form: &Syn, env: &Env, kw: &str) -> bool {
        match &form.kind {
            SynKind::List(items, _) => match items.first().and_then(Syn::as_ident) {
                Some(id @ Ident::Plain(n)) if &**n == kw => {
                    matches!(self.lookup(id, env), Binding::Global(_))
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// Binds `n` at the current top level as the variable a definition
    /// makes; returns its output name. At a script's top level it is `n`,
    /// and stops naming syntax or an import; at a strict one (a program, a
    /// library) it is `#:n@K`, and defining an imported name is an error.
    fn define_at_top(&mut self, n: &Rc<str>, span: Span) -> Result<Rc<str>> {
        let top = self.current_top;
        let scope = &mut self.tops[top];
        if !scope.strict {
            scope.names.remove(n);
            scope.imported.remove(n);
            return Ok(n.clone());
        }
        if scope.imported.contains(n) {
            return err(
                span,
                format!("cannot define `{n}`: it is imported (a program or library may not redefine an import)"),
            );
        }
        let g: Rc<str> = global_name(n, top).into();
        scope.names.insert(n.clone(), Binding::Global(g.clone()));
        Ok(g)
    }

    /// The definitions a `define-record-type` form stands for
    /// (`expand_records`), whose `begin`, `define`, `lambda` and `quote`
    /// mean the core forms wherever the record type is defined (a program
    /// or library need not import them).
    pub(super) fn record_definitions(&mut self, form: &Syn) -> Result<Syn> {
        let defines = Syn::from_datum_raw(&crate::expand_records::rewrite(&form.strip_raw())?);
        Ok(self.core_heads(defines))
    }

    fn core_heads(&mut self, syn: Syn) -> Syn {
        match syn.kind {
            SynKind::List(items, tail) => {
                let items = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| match item.as_ident() {
                        Some(Ident::Plain(n))
                            if i == 0
                                && matches!(&**n, "begin" | "define" | "lambda" | "quote") =>
                        {
                            let n = n.clone();
                            Syn::ident(self.system_ident(&n), item.span)
                        }
                        _ => self.core_heads(item),
                    })
                    .collect();
                Syn {
                    kind: SynKind::List(items, tail),
                    span: syn.span,
                }
            }
            _ => syn,
        }
    }
}

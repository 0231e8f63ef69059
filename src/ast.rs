//! The core language: what the expander produces and alpha-renaming consumes.
//!
//! Every derived form (`let*`, `cond`, `case`, `do`, named `let`, `and`, `or`,
//! `when`, `unless`, `quasiquote`, internal defines) is gone; what remains are
//! the forms below. Variables are still names: scoping is resolved by
//! `passes::alpha_rename`. Names the expander invents start with `#%`, which the
//! reader can never produce, so they cannot capture or be captured by user names;
//! `#%NAME` where NAME is a builtin always means that builtin, whatever the user
//! has bound to NAME.

use crate::datum::{Datum, Span};

/// The name messages show for a global's output name: the name the
/// program wrote. `#:NAME.N` (a hidden global of a macro expansion) and
/// `#:NAME@K` (a global of an R7RS program or library, see
/// `expand::toplevel`) show as `NAME`; any other name as itself.
pub fn shown_name(name: &str) -> &str {
    let Some(rest) = name.strip_prefix("#:") else {
        return name;
    };
    match rest.rfind(['.', '@']) {
        Some(i)
            if i > 0 && rest[i + 1..].bytes().all(|b| b.is_ascii_digit()) && i + 1 < rest.len() =>
        {
            &rest[..i]
        }
        _ => name,
    }
}

/// `(#%%foreign-symbol "name")` and `(#%%foreign-call 'SIG 'WHO target
/// args...)`: the two calls `foreign-procedure` expands to, which
/// alpha-rename turns into `ir::Prim::ForeignSymbol` and
/// `ir::Prim::ForeignCall` (SIG: the list of type names, result first).
pub const FOREIGN_SYMBOL: &str = "#%%foreign-symbol";
pub const FOREIGN_CALL: &str = "#%%foreign-call";
/// `(#%%foreign-callback 'SIG proc)`, from `foreign-callback`: becomes
/// `ir::Prim::ForeignCallback`.
pub const FOREIGN_CALLBACK: &str = "#%%foreign-callback";

#[derive(Clone, Debug)]
pub enum Expr {
    /// A literal (quoted or self-evaluating).
    Quote(Datum),
    /// The unspecified value (one-armed `if`, `(define x)`, empty `cond`...).
    Void,
    Ref(String, Span),
    Set(String, Box<Expr>, Span),
    /// Only at top level; internal defines have become `Letrec` bindings.
    Define(String, Box<Expr>, Span),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Lambda(Lambda),
    Call(Box<Expr>, Vec<Expr>, Span),
    /// Non-empty.
    Begin(Vec<Expr>),
    Let(Vec<Binding>, Box<Expr>),
    /// `letrec*` semantics: inits are evaluated left to right with every name in scope.
    Letrec(Vec<Binding>, Box<Expr>),
}

#[derive(Clone, Debug)]
pub struct Binding {
    pub name: String,
    pub span: Span,
    pub init: Expr,
}

#[derive(Clone, Debug)]
pub struct Lambda {
    pub params: Vec<(String, Span)>,
    pub rest: Option<(String, Span)>,
    pub body: Box<Expr>,
    /// The name it was defined under, for messages and `#<procedure NAME>`.
    pub name: Option<String>,
    pub span: Span,
}

/// Scheme-like rendering, for `--dump-after=expand`.
impl std::fmt::Display for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn bindings(f: &mut std::fmt::Formatter<'_>, bs: &[Binding]) -> std::fmt::Result {
            write!(f, "(")?;
            for (i, b) in bs.iter().enumerate() {
                if i > 0 {
                    write!(f, " ")?;
                }
                write!(f, "({} {})", b.name, b.init)?;
            }
            write!(f, ")")
        }
        match self {
            Expr::Quote(d) => match &d.kind {
                crate::datum::DatumKind::List(..) | crate::datum::DatumKind::Symbol(_) => {
                    write!(f, "'{d}")
                }
                _ => write!(f, "{d}"),
            },
            Expr::Void => write!(f, "#<void>"),
            Expr::Ref(n, _) => write!(f, "{n}"),
            Expr::Set(n, e, _) => write!(f, "(set! {n} {e})"),
            Expr::Define(n, e, _) => write!(f, "(define {n} {e})"),
            Expr::If(c, t, e) => write!(f, "(if {c} {t} {e})"),
            Expr::Lambda(l) => {
                write!(f, "(lambda (")?;
                let names: Vec<&str> = l.params.iter().map(|(n, _)| n.as_str()).collect();
                write!(f, "{}", names.join(" "))?;
                if let Some((r, _)) = &l.rest {
                    write!(f, "{}. {r}", if names.is_empty() { "" } else { " " })?;
                }
                write!(f, ") {})", l.body)
            }
            Expr::Call(g, args, _) => {
                write!(f, "({g}")?;
                for a in args {
                    write!(f, " {a}")?;
                }
                write!(f, ")")
            }
            Expr::Begin(es) => {
                write!(f, "(begin")?;
                for e in es {
                    write!(f, " {e}")?;
                }
                write!(f, ")")
            }
            Expr::Let(bs, body) => {
                write!(f, "(let ")?;
                bindings(f, bs)?;
                write!(f, " {body})")
            }
            Expr::Letrec(bs, body) => {
                write!(f, "(letrec* ")?;
                bindings(f, bs)?;
                write!(f, " {body})")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shown_names() {
        use super::shown_name;
        assert_eq!(shown_name("#:helper@3"), "helper");
        assert_eq!(shown_name("#:a.b@0"), "a.b");
        assert_eq!(shown_name("#:x.12"), "x");
        assert_eq!(shown_name("plain"), "plain");
        assert_eq!(shown_name("#%car"), "#%car");
        assert_eq!(shown_name("#:odd@"), "#:odd@");
    }
}

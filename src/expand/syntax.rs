//! Syntax objects, identifiers and syntactic environments.
//!
//! In: reader `Datum`s. Out: `Syn` trees, whose identifiers are either plain
//! symbols written by the user or *aliases* created by a macro expansion, and
//! the environments (`Env`) that map identifiers to what they mean (`Binding`).
//!
//! Invariants: two plain identifiers are equal when their names are; two
//! aliases are equal only when they come from the same expansion step and the
//! same template identifier (same `id`). An alias remembers the identifier it
//! renames and the environment of the macro definition, so an alias that no
//! binding form captured means whatever its original meant where the macro was
//! defined (see `Expander::lookup`). `strip` turns syntax back into plain data
//! (what `quote` sees): every alias becomes the symbol it was written as.

use crate::datum::{Datum, DatumKind, Span};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use super::syntax_rules::Macro;

#[derive(Clone, Debug)]
pub enum Ident {
    Plain(Rc<str>),
    Alias(Rc<AliasData>),
}

#[derive(Debug)]
pub struct AliasData {
    pub id: u64,
    /// The template identifier this alias renames.
    pub orig: Ident,
    /// The environment the macro was defined in.
    pub env: Env,
}

impl Ident {
    pub fn plain(name: &str) -> Ident {
        Ident::Plain(name.into())
    }

    /// The name the user wrote (through every level of renaming).
    pub fn name(&self) -> &str {
        match self {
            Ident::Plain(n) => n,
            Ident::Alias(a) => a.orig.name(),
        }
    }
}

impl PartialEq for Ident {
    fn eq(&self, other: &Ident) -> bool {
        match (self, other) {
            (Ident::Plain(a), Ident::Plain(b)) => a == b,
            (Ident::Alias(a), Ident::Alias(b)) => a.id == b.id,
            _ => false,
        }
    }
}

impl Eq for Ident {}

impl Hash for Ident {
    fn hash<H: Hasher>(&self, h: &mut H) {
        match self {
            Ident::Plain(n) => {
                0u8.hash(h);
                n.hash(h)
            }
            Ident::Alias(a) => {
                1u8.hash(h);
                a.id.hash(h)
            }
        }
    }
}

#[derive(Clone, Debug)]
pub enum SynKind {
    Ident(Ident),
    /// `tail: None` is a proper list; a tail is never a list itself (see `Syn::list`).
    List(Vec<Syn>, Option<Box<Syn>>),
    Vector(Vec<Syn>),
    /// Any other datum: boolean, number, character, string.
    Atom(Datum),
}

#[derive(Clone, Debug)]
pub struct Syn {
    pub kind: SynKind,
    pub span: Span,
}

impl Syn {
    pub fn ident(id: Ident, span: Span) -> Syn {
        Syn {
            kind: SynKind::Ident(id),
            span,
        }
    }

    /// A list, normalised: a tail that is itself a list is spliced in, and an
    /// empty tail disappears, so `(a . (b c))` and `(a b c)` are the same syntax.
    pub fn list(mut items: Vec<Syn>, tail: Option<Syn>, span: Span) -> Syn {
        let tail = match tail {
            None => None,
            Some(t) => match t.kind {
                SynKind::List(more, t2) => {
                    items.extend(more);
                    t2
                }
                other => Some(Box::new(Syn {
                    kind: other,
                    span: t.span,
                })),
            },
        };
        if items.is_empty() {
            if let Some(t) = tail {
                return *t;
            }
        }
        Syn {
            kind: SynKind::List(items, tail),
            span,
        }
    }

    /// The syntax of a datum read from the source: a symbol in the names
    /// the compiler reserves is escaped (`naming::from_source`).
    pub fn from_datum(d: &Datum) -> Syn {
        Syn::convert(d, true)
    }

    /// The syntax of a datum the expander made itself (whose `#%` names
    /// are meant as reserved names, and whose user names are already
    /// escaped: see `strip_raw`).
    pub fn from_datum_raw(d: &Datum) -> Syn {
        Syn::convert(d, false)
    }

    fn convert(d: &Datum, escape: bool) -> Syn {
        let kind = match &d.kind {
            DatumKind::Symbol(s) if escape => {
                SynKind::Ident(Ident::plain(&super::naming::from_source(s)))
            }
            DatumKind::Symbol(s) => SynKind::Ident(Ident::plain(s)),
            DatumKind::List(items, tail) => SynKind::List(
                items.iter().map(|i| Syn::convert(i, escape)).collect(),
                tail.as_ref().map(|t| Box::new(Syn::convert(t, escape))),
            ),
            DatumKind::Vector(items) => {
                SynKind::Vector(items.iter().map(|i| Syn::convert(i, escape)).collect())
            }
            _ => SynKind::Atom(d.clone()),
        };
        Syn { kind, span: d.span }
    }

    /// The plain datum: aliases become the symbols they were written as,
    /// spelled as the user wrote them.
    pub fn strip(&self) -> Datum {
        self.strip_as(true)
    }

    /// `strip` keeping the expander's names (escaped user names), for
    /// rewriting syntax as data and back (`from_datum_raw`).
    pub fn strip_raw(&self) -> Datum {
        self.strip_as(false)
    }

    fn strip_as(&self, as_written: bool) -> Datum {
        let kind = match &self.kind {
            SynKind::Ident(id) if as_written => {
                DatumKind::Symbol(super::naming::as_written(id.name()).to_string())
            }
            SynKind::Ident(id) => DatumKind::Symbol(id.name().to_string()),
            SynKind::List(items, tail) => DatumKind::List(
                items.iter().map(|i| i.strip_as(as_written)).collect(),
                tail.as_ref().map(|t| Box::new(t.strip_as(as_written))),
            ),
            SynKind::Vector(items) => {
                DatumKind::Vector(items.iter().map(|i| i.strip_as(as_written)).collect())
            }
            SynKind::Atom(d) => return Datum::new(d.kind.clone(), self.span),
        };
        Datum::new(kind, self.span)
    }

    pub fn as_ident(&self) -> Option<&Ident> {
        match &self.kind {
            SynKind::Ident(id) => Some(id),
            _ => None,
        }
    }

    /// The elements of a proper list (including `()`).
    pub fn as_list(&self) -> Option<&[Syn]> {
        match &self.kind {
            SynKind::List(items, None) => Some(items),
            _ => None,
        }
    }
}

/// Writes the syntax as its datum, for messages.
impl std::fmt::Display for Syn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.strip())
    }
}

/// What an identifier means.
#[derive(Clone, Debug)]
pub enum Binding {
    /// A local variable: an index into the expander's table of locals.
    Local(usize),
    /// A top-level variable, by its name in the output.
    Global(Rc<str>),
    Macro(Rc<Macro>),
    /// A core or derived form implemented by the expander, or auxiliary syntax
    /// (`else`, `=>`, `...`, `_`, `unquote`...).
    Special(&'static str),
}

impl PartialEq for Binding {
    fn eq(&self, other: &Binding) -> bool {
        match (self, other) {
            (Binding::Local(a), Binding::Local(b)) => a == b,
            (Binding::Global(a), Binding::Global(b)) => a == b,
            (Binding::Macro(a), Binding::Macro(b)) => Rc::ptr_eq(a, b),
            (Binding::Special(a), Binding::Special(b)) => a == b,
            _ => false,
        }
    }
}

/// A chain of scopes ending in a root: a top level (`TopId`: a script's or
/// REPL's, an R7RS program's, or a library's, which says what its free names
/// mean), or the system root of syntax the expander itself wrote (built-in
/// macros), whose free names mean the builtins, never user globals.
#[derive(Clone, Debug)]
pub struct Env(Rc<Frame>);

/// A top level, by its index in the expander's table of top levels.
pub type TopId = usize;

#[derive(Debug)]
pub enum Frame {
    Scope {
        /// Each identifier's latest binding here: a map, so a scope of N
        /// bindings (a big `letrec` or body) is searched in constant time.
        bindings: RefCell<HashMap<Ident, Binding>>,
        parent: Env,
    },
    Top(TopId),
    SystemRoot,
}

/// Where a search of the frames ended.
pub enum Found {
    Bound(Binding),
    /// Not bound in any frame: free at this top level, or at the system root.
    Free(Option<TopId>),
}

impl Env {
    /// The outermost scope of top level `top`.
    pub fn top(top: TopId) -> Env {
        Env(Rc::new(Frame::Top(top)))
    }

    pub fn system() -> Env {
        Env(Rc::new(Frame::SystemRoot))
    }

    /// A new empty scope inside this one.
    pub fn extend(&self) -> Env {
        Env(Rc::new(Frame::Scope {
            bindings: RefCell::new(HashMap::new()),
            parent: self.clone(),
        }))
    }

    /// Binds `id` in this (innermost) scope. Must not be called on a root.
    pub fn bind(&self, id: Ident, b: Binding) {
        match &*self.0 {
            Frame::Scope { bindings, .. } => {
                bindings.borrow_mut().insert(id, b);
            }
            _ => unreachable!("bind on a root environment"),
        }
    }

    /// Is `id` bound in this innermost scope itself?
    pub fn binds_here(&self, id: &Ident) -> bool {
        match &*self.0 {
            Frame::Scope { bindings, .. } => bindings.borrow().contains_key(id),
            _ => false,
        }
    }

    pub fn find(&self, id: &Ident) -> Found {
        let mut env = self;
        loop {
            match &*env.0 {
                Frame::Top(top) => return Found::Free(Some(*top)),
                Frame::SystemRoot => return Found::Free(None),
                Frame::Scope { bindings, parent } => {
                    if let Some(b) = bindings.borrow().get(id) {
                        return Found::Bound(b.clone());
                    }
                    env = parent;
                }
            }
        }
    }
}

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

    pub fn from_datum(d: &Datum) -> Syn {
        let kind = match &d.kind {
            DatumKind::Symbol(s) => SynKind::Ident(Ident::plain(s)),
            DatumKind::List(items, tail) => SynKind::List(
                items.iter().map(Syn::from_datum).collect(),
                tail.as_ref().map(|t| Box::new(Syn::from_datum(t))),
            ),
            DatumKind::Vector(items) => {
                SynKind::Vector(items.iter().map(Syn::from_datum).collect())
            }
            _ => SynKind::Atom(d.clone()),
        };
        Syn { kind, span: d.span }
    }

    /// The plain datum: aliases become the symbols they were written as.
    pub fn strip(&self) -> Datum {
        let kind = match &self.kind {
            SynKind::Ident(id) => DatumKind::Symbol(id.name().to_string()),
            SynKind::List(items, tail) => DatumKind::List(
                items.iter().map(Syn::strip).collect(),
                tail.as_ref().map(|t| Box::new(t.strip())),
            ),
            SynKind::Vector(items) => DatumKind::Vector(items.iter().map(Syn::strip).collect()),
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

/// A chain of scopes. The empty chain is the user's top level; a chain ending
/// in the system root belongs to syntax the expander itself wrote (built-in
/// macros), whose free names mean the builtins, never user globals.
#[derive(Clone, Debug, Default)]
pub struct Env(Option<Rc<Frame>>);

#[derive(Debug)]
pub enum Frame {
    Scope {
        /// Each identifier's latest binding here: a map, so a scope of N
        /// bindings (a big `letrec` or body) is searched in constant time.
        bindings: RefCell<HashMap<Ident, Binding>>,
        parent: Env,
    },
    SystemRoot,
}

/// Where a search of the frames ended.
pub enum Found {
    Bound(Binding),
    /// Not bound in any frame; `system` says the chain ended at the system root.
    Free {
        system: bool,
    },
}

impl Env {
    pub fn top() -> Env {
        Env(None)
    }

    pub fn system() -> Env {
        Env(Some(Rc::new(Frame::SystemRoot)))
    }

    /// A new empty scope inside this one.
    pub fn extend(&self) -> Env {
        Env(Some(Rc::new(Frame::Scope {
            bindings: RefCell::new(HashMap::new()),
            parent: self.clone(),
        })))
    }

    /// Binds `id` in this (innermost) scope. Must not be called on the top level.
    pub fn bind(&self, id: Ident, b: Binding) {
        match self.0.as_deref() {
            Some(Frame::Scope { bindings, .. }) => {
                bindings.borrow_mut().insert(id, b);
            }
            _ => unreachable!("bind on a root environment"),
        }
    }

    /// Is `id` bound in this innermost scope itself?
    pub fn binds_here(&self, id: &Ident) -> bool {
        match self.0.as_deref() {
            Some(Frame::Scope { bindings, .. }) => bindings.borrow().contains_key(id),
            _ => false,
        }
    }

    pub fn find(&self, id: &Ident) -> Found {
        let mut env = self;
        loop {
            match env.0.as_deref() {
                None => return Found::Free { system: false },
                Some(Frame::SystemRoot) => return Found::Free { system: true },
                Some(Frame::Scope { bindings, parent }) => {
                    if let Some(b) = bindings.borrow().get(id) {
                        return Found::Bound(b.clone());
                    }
                    env = parent;
                }
            }
        }
    }
}

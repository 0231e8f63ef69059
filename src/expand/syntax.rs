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
///
/// A search (`find`) must not cost the depth of the chain: generated code
/// nests thousands of scopes (a `let*` of 20,000 bindings is 20,000 nested
/// scopes), and most searches are for names no scope binds (globals, syntactic
/// keywords) or bound far out (a procedure's parameter used deep inside).
/// So every scope knows its root, its depth, a *jump* link that reaches any
/// ancestor in a number of steps logarithmic in the depth (the skew-binary
/// scheme of random-access stacks), and a serial number; and a per-thread
/// index lists, for each identifier, the scopes that ever bound it in the
/// order they were made. A search looks through the few innermost scopes,
/// then walks the identifier's binding scopes from the newest and takes the
/// first that is an ancestor: a scope is made after its ancestors, so of two
/// binding scopes that are both ancestors the newer is the deeper one.
#[derive(Clone, Debug)]
pub struct Env(Rc<Frame>);

/// A top level, by its index in the expander's table of top levels.
pub type TopId = usize;

#[derive(Debug)]
pub enum Frame {
    Scope(Scope),
    Top(TopId),
    SystemRoot,
}

#[derive(Debug)]
pub struct Scope {
    /// Each identifier's latest binding here: a map, so a scope of N
    /// bindings (a big `letrec` or body) is searched in constant time.
    bindings: RefCell<HashMap<Ident, Binding>>,
    parent: Env,
    /// An ancestor (the parent, or further out: see `Env::extend`).
    jump: Env,
    /// Scopes between this one and the root, counting this one.
    depth: u32,
    /// Unique among the scopes of the thread: the index names scopes by it.
    serial: u64,
    root: Option<TopId>,
}

/// Where a search of the frames ended.
pub enum Found {
    Bound(Binding),
    /// Not bound in any frame: free at this top level, or at the system root.
    Free(Option<TopId>),
}

/// How many innermost scopes a search looks through one by one before it
/// turns to the index: most names are bound close to their use.
const NEAR_SCOPES: u32 = 8;

thread_local! {
    /// For each identifier, the (serial, depth) of every scope that bound it,
    /// by serial. Entries are never removed: a scope a macro's aliases
    /// still refer to can be searched long after its expansion ended.
    static BINDERS: RefCell<HashMap<Ident, Vec<(u64, u32)>>> = RefCell::new(HashMap::new());
    static NEXT_SERIAL: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

impl Env {
    /// The outermost scope of top level `top`.
    pub fn top(top: TopId) -> Env {
        Env(Rc::new(Frame::Top(top)))
    }

    pub fn system() -> Env {
        Env(Rc::new(Frame::SystemRoot))
    }

    fn depth(&self) -> u32 {
        match &*self.0 {
            Frame::Scope(s) => s.depth,
            _ => 0,
        }
    }

    fn root(&self) -> Option<TopId> {
        match &*self.0 {
            Frame::Scope(s) => s.root,
            Frame::Top(top) => Some(*top),
            Frame::SystemRoot => None,
        }
    }

    /// A new empty scope inside this one.
    pub fn extend(&self) -> Env {
        // The jump skips as far as the parent's jump does, twice over, when
        // the two skips are the same length; else it is the parent. Jumps
        // then have lengths 1, 3, 7, ... and any ancestor is reached in
        // O(log depth) steps (`ancestor_at`).
        let jump = match &*self.0 {
            Frame::Scope(p) => {
                let j = &p.jump;
                let jj = match &*j.0 {
                    Frame::Scope(js) => &js.jump,
                    _ => j,
                };
                if p.depth - j.depth() == j.depth() - jj.depth() && j.depth() > 0 {
                    jj.clone()
                } else {
                    self.clone()
                }
            }
            _ => self.clone(),
        };
        let serial = NEXT_SERIAL.with(|n| {
            let s = n.get();
            n.set(s + 1);
            s
        });
        Env(Rc::new(Frame::Scope(Scope {
            bindings: RefCell::new(HashMap::new()),
            parent: self.clone(),
            jump,
            depth: self.depth() + 1,
            serial,
            root: self.root(),
        })))
    }

    /// The ancestor of this scope (or itself) at `depth`, which is at most its own.
    fn ancestor_at(&self, depth: u32) -> &Env {
        let mut env = self;
        while let Frame::Scope(s) = &*env.0 {
            if s.depth <= depth {
                break;
            }
            env = if s.jump.depth() >= depth {
                &s.jump
            } else {
                &s.parent
            };
        }
        env
    }

    /// Binds `id` in this (innermost) scope. Must not be called on a root.
    pub fn bind(&self, id: Ident, b: Binding) {
        match &*self.0 {
            Frame::Scope(s) => {
                let new = s.bindings.borrow_mut().insert(id.clone(), b).is_none();
                if new {
                    BINDERS.with(|t| {
                        let mut t = t.borrow_mut();
                        let binders = t.entry(id).or_default();
                        // Kept in the order the scopes were made (a body's
                        // definition can be bound after a scope inside it).
                        let at = binders.partition_point(|&(serial, _)| serial < s.serial);
                        binders.insert(at, (s.serial, s.depth));
                    });
                }
            }
            _ => unreachable!("bind on a root environment"),
        }
    }

    /// Is `id` bound in this innermost scope itself?
    pub fn binds_here(&self, id: &Ident) -> bool {
        match &*self.0 {
            Frame::Scope(s) => s.bindings.borrow().contains_key(id),
            _ => false,
        }
    }

    pub fn find(&self, id: &Ident) -> Found {
        let mut env = self;
        for _ in 0..NEAR_SCOPES {
            match &*env.0 {
                Frame::Top(top) => return Found::Free(Some(*top)),
                Frame::SystemRoot => return Found::Free(None),
                Frame::Scope(s) => {
                    if let Some(b) = s.bindings.borrow().get(id) {
                        return Found::Bound(b.clone());
                    }
                    env = &s.parent;
                }
            }
        }
        // `env` and its ancestors are left: the newest of the identifier's
        // binding scopes among them is the binding.
        let below = env.depth();
        let found = BINDERS.with(|t| {
            let t = t.borrow();
            let binders = t.get(id)?;
            binders.iter().rev().find_map(|&(serial, depth)| {
                if depth > below {
                    return None;
                }
                match &*env.ancestor_at(depth).0 {
                    Frame::Scope(s) if s.serial == serial => s.bindings.borrow().get(id).cloned(),
                    _ => None,
                }
            })
        });
        match found {
            Some(b) => Found::Bound(b),
            None => Found::Free(self.root()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(env: &Env, name: &str) -> Option<usize> {
        match env.find(&Ident::plain(name)) {
            Found::Bound(Binding::Local(i)) => Some(i),
            _ => None,
        }
    }

    fn nest(env: &Env, depth: usize) -> Env {
        (0..depth).fold(env.clone(), |e, _| e.extend())
    }

    /// Every ancestor is reached by `ancestor_at`, at every depth up to a
    /// few thousand.
    #[test]
    fn ancestors_at_every_depth() {
        let mut chain = vec![Env::top(0)];
        for _ in 0..3000 {
            let next = chain.last().unwrap().extend();
            chain.push(next);
        }
        for from in [1, 2, 7, 64, 1000, 2999, 3000] {
            for d in 0..=from {
                let a = chain[from].ancestor_at(d as u32);
                assert!(Rc::ptr_eq(&a.0, &chain[d].0), "from {from} to {d}");
            }
        }
    }

    /// Far from their bindings (past the scopes searched one by one), names
    /// resolve to the innermost binding scope that is an ancestor, whatever
    /// order the scopes bound them in.
    #[test]
    fn far_lookups_take_the_innermost_binding() {
        let top = Env::top(0);
        let outer = top.extend();
        let inner = nest(&outer, 3);
        inner.bind(Ident::plain("x"), Binding::Local(1));
        // Bound in the outer scope after the inner one: a body's late definition.
        outer.bind(Ident::plain("x"), Binding::Local(2));
        outer.bind(Ident::plain("y"), Binding::Local(3));
        let deep = nest(&inner, 50);
        assert_eq!(local(&deep, "x"), Some(1));
        assert_eq!(local(&deep, "y"), Some(3));
        let sibling = nest(&outer, 50);
        assert_eq!(local(&sibling, "x"), Some(2));
        assert_eq!(local(&nest(&top, 50), "x"), None);
        assert!(matches!(
            nest(&top, 50).find(&Ident::plain("x")),
            Found::Free(Some(0))
        ));
        // Rebinding in the same scope replaces the binding.
        inner.bind(Ident::plain("x"), Binding::Local(4));
        assert_eq!(local(&deep, "x"), Some(4));
    }
}

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

use super::syntax::{Binding, TopId};
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

/// The output name of the global `name` a strict top level `top` defines.
pub fn global_name(name: &str, top: TopId) -> String {
    if name.starts_with("#%") {
        name.to_string()
    } else {
        format!("#:{name}@{top}")
    }
}

//! R7RS libraries in the expander: `define-library` (R7RS 5.6) and `import`
//! (5.2), with the import sets `only`, `except`, `prefix` and `rename`.
//!
//! In: `define-library` forms (from the program's files, the REPL, or the
//! files the search path finds: `crate::libraries`) and `import` forms. Out:
//! each library's body, expanded once at its own strict top level (see
//! `toplevel.rs`) and queued in `Expander::library_code`, which
//! `expand_toplevel` places before the form that caused the import: so a
//! body runs once per program, after the bodies of the libraries it imports
//! and before the code that imports it. An import binds names at the
//! importing top level to the library's bindings themselves (a variable's
//! `#:NAME@K` global, a macro, a special form), so a cross-library call is an
//! ordinary global call (a known call when nothing `set!`s it), and a macro's
//! free identifiers mean what they mean in its library.
//!
//! Declarations: `export` (names and `(rename internal external)`),
//! `import`, `begin`, `include`, `include-ci`, `include-library-declarations`
//! and `cond-expand` (both spliced in first); every `import` is done before
//! the body is expanded, whatever the order of the declarations.
//!
//! Errors, at the position of the form in its file: an unknown library (with
//! the directories searched), an import cycle (naming it), a name imported
//! twice with different bindings (the same binding twice is fine), an
//! import set naming what its set lacks, exporting a name the library
//! neither defines nor imports, malformed declarations and names.

use super::syntax::{Binding, Env, Syn, SynKind};
use super::toplevel::TopScope;
use super::{err, Expander, Result, MAX_EXPANSION_DEPTH};
use crate::datum::{Datum, DatumKind, SourceFile, Span};
use crate::libraries::{self, standard, LibraryName};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What a library exports: external name -> binding.
pub type Exports = HashMap<Rc<str>, Binding>;

#[derive(Clone)]
pub enum LibraryState {
    /// Its declarations are being expanded (an import of it now is a cycle).
    Loading,
    Loaded(Rc<Exports>),
}

/// Names an import set makes visible, in a stable order.
type Imported = Vec<(Rc<str>, Binding)>;

/// The head identifier's name of a list form, whatever it is bound to
/// (library declarations are recognised by name).
fn head_name(form: &Syn) -> Option<&str> {
    match &form.kind {
        SynKind::List(items, None) => items.first()?.as_ident().map(|id| id.name()),
        _ => None,
    }
}

/// Is `form` a `define-library` form (by the name of its head)?
pub fn is_define_library(form: &Syn) -> bool {
    head_name(form) == Some("define-library")
}

/// A library name's datum as `LibraryName`, if it is one.
pub fn datum_library_name(d: &Datum) -> Option<LibraryName> {
    let items = d.as_list()?;
    if items.is_empty() {
        return None;
    }
    items
        .iter()
        .map(|p| match &p.kind {
            DatumKind::Symbol(s) => Some(s.clone()),
            DatumKind::Int(n) if *n >= 0 => Some(n.to_string()),
            _ => None,
        })
        .collect::<Option<Vec<String>>>()
        .map(LibraryName)
}

impl Expander {
    /// The directory of the file `span` is in (where its imports and
    /// includes are looked for first).
    pub(super) fn directory_of(&self, span: Span) -> PathBuf {
        self.sources
            .as_ref()
            .filter(|s| !s.files().is_empty())
            .map(|s| s.locate(span).0.name.clone())
            .and_then(|file| Path::new(&file).parent().map(Path::to_path_buf))
            .unwrap_or_default()
    }

    /// Where an import in the file `span` is in looks first: the file's
    /// directory, or, for a library file found on the search path, the
    /// directory it was found in (`DIR` of `DIR/foo/bar.sld`), so that the
    /// libraries of one tree import each other by their full names.
    fn import_directory(&self, span: Span) -> PathBuf {
        let file = self
            .sources
            .as_ref()
            .filter(|s| !s.files().is_empty())
            .map(|s| s.locate(span).0.name.as_str());
        match file.and_then(|f| self.library_roots.get(f)) {
            Some(root) => root.clone(),
            None => self.directory_of(span),
        }
    }

    fn library_name(&self, d: &Syn) -> Result<LibraryName> {
        datum_library_name(&d.strip()).ok_or_else(|| {
            super::CompileError::new(
                d.span,
                format!(
                    "malformed library name `{d}`: expected a list of identifiers and exact non-negative integers"
                ),
            )
        })
    }

    /// `(import set...)` at the current top level.
    pub(super) fn import(&mut self, form: &Syn) -> Result<()> {
        let items = self.proper_list(form)?;
        if items.len() < 2 {
            return err(
                form.span,
                "malformed import: expected (import import-set...)",
            );
        }
        for set in &items[1..] {
            for (name, b) in self.import_set(set)? {
                self.bind_import(name, b, set.span)?;
            }
        }
        Ok(())
    }

    fn bind_import(&mut self, name: Rc<str>, b: Binding, span: Span) -> Result<()> {
        let scope = &mut self.tops[self.current_top];
        match scope.names.get(&name) {
            Some(old) if *old == b => {}
            Some(_) if scope.imported.contains(&name) => {
                return err(
                    span,
                    format!("`{name}` is imported twice with different bindings"),
                )
            }
            Some(_) if scope.strict => {
                return err(
                    span,
                    format!("cannot import `{name}`: it is defined here already"),
                )
            }
            _ => {}
        }
        scope.names.insert(name.clone(), b);
        scope.imported.insert(name);
        Ok(())
    }

    /// The names an import set makes visible.
    fn import_set(&mut self, set: &Syn) -> Result<Imported> {
        if let Some([head, inner, args @ ..]) = set.as_list() {
            let op = head.as_ident().map(|id| id.name());
            if let (Some(op @ ("only" | "except" | "prefix" | "rename")), Some(_)) =
                (op, inner.as_list())
            {
                let names = self.import_set(inner)?;
                return self.import_operator(op, set, names, args);
            }
        }
        let name = self.library_name(set)?;
        let exports = self.load_library(&name, set.span)?;
        let mut names: Imported = exports
            .iter()
            .map(|(n, b)| (n.clone(), b.clone()))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(names)
    }

    fn import_operator(
        &mut self,
        op: &str,
        set: &Syn,
        mut names: Imported,
        args: &[Syn],
    ) -> Result<Imported> {
        let ident = |s: &Syn| -> Result<Rc<str>> {
            match s.as_ident() {
                Some(id) => Ok(id.name().into()),
                None => err(
                    s.span,
                    format!("malformed import set ({op} ...): `{s}` is not an identifier"),
                ),
            }
        };
        let position = |names: &Imported, n: &Rc<str>, at: &Syn| -> Result<usize> {
            names.iter().position(|(m, _)| m == n).ok_or_else(|| {
                super::CompileError::new(
                    at.span,
                    format!("import set ({op} ...): `{n}` is not among the names imported"),
                )
            })
        };
        match op {
            "only" => {
                let mut kept = Vec::new();
                for a in args {
                    let n = ident(a)?;
                    let i = position(&names, &n, a)?;
                    kept.push(names[i].clone());
                }
                Ok(kept)
            }
            "except" => {
                for a in args {
                    let n = ident(a)?;
                    let i = position(&names, &n, a)?;
                    names.remove(i);
                }
                Ok(names)
            }
            "prefix" => match args {
                [p] => {
                    let p = ident(p)?;
                    Ok(names
                        .into_iter()
                        .map(|(n, b)| (format!("{p}{n}").into(), b))
                        .collect())
                }
                _ => err(
                    set.span,
                    "malformed import set: expected (prefix import-set identifier)",
                ),
            },
            _ => {
                let mut renamed = names.clone();
                for a in args {
                    let Some([from, to]) = a.as_list() else {
                        return err(
                            a.span,
                            "malformed import set: expected (rename import-set (name new-name)...)",
                        );
                    };
                    let (from, to_name) = (ident(from)?, ident(to)?);
                    let i = position(&names, &from, a)?;
                    renamed[i].0 = to_name;
                }
                Ok(renamed)
            }
        }
    }

    /// The exports of library `name`, loading it (and what it imports) the
    /// first time; `span` is the import's, for errors.
    pub(super) fn load_library(&mut self, name: &LibraryName, span: Span) -> Result<Rc<Exports>> {
        match self.libraries.get(name) {
            Some(LibraryState::Loaded(exports)) => return Ok(exports.clone()),
            Some(LibraryState::Loading) => {
                let start = self.loading.iter().position(|l| l == name).unwrap_or(0);
                let cycle: Vec<String> = self.loading[start..]
                    .iter()
                    .chain(std::iter::once(name))
                    .map(|l| l.to_string())
                    .collect();
                return err(span, format!("import cycle: {}", cycle.join(" -> ")));
            }
            None => {}
        }
        if let Some(lib) = standard::library_named(&name.to_string()) {
            let exports: Exports = standard::exports(lib)
                .into_iter()
                .map(|n| {
                    let b = self
                        .system_top
                        .get(n)
                        .cloned()
                        .unwrap_or_else(|| Binding::Global(format!("#%{n}").into()));
                    (Rc::from(n), b)
                })
                .collect();
            let exports = Rc::new(exports);
            self.libraries
                .insert(name.clone(), LibraryState::Loaded(exports.clone()));
            return Ok(exports);
        }
        if !self.declared.contains_key(name) {
            self.read_library_file(name, span)?;
        }
        let Some(form) = self.declared.remove(name) else {
            unreachable!("read_library_file declares the library or fails")
        };
        self.libraries.insert(name.clone(), LibraryState::Loading);
        self.loading.push(name.clone());
        let saved_depth = self.depth;
        let result = self.expand_library(name, &form);
        self.depth = saved_depth;
        self.loading.pop();
        match result {
            Ok(exports) => {
                let exports = Rc::new(exports);
                self.libraries
                    .insert(name.clone(), LibraryState::Loaded(exports.clone()));
                Ok(exports)
            }
            Err(e) => {
                self.libraries.remove(name);
                Err(e)
            }
        }
    }

    /// Reads the file the search path finds for `name` and declares every
    /// library it defines; an error if it defines no `name`.
    fn read_library_file(&mut self, name: &LibraryName, span: Span) -> Result<()> {
        let dir = self.import_directory(span);
        let path = match self.search.find(name, &dir) {
            Ok(path) => path,
            Err(searched) => {
                let dirs: Vec<String> = searched
                    .iter()
                    .map(|d| match d.display().to_string() {
                        s if s.is_empty() => ".".to_string(),
                        s => s,
                    })
                    .collect();
                return err(
                    span,
                    format!(
                        "unknown library {name}: no {0}.sld or {0}.scm in {1}",
                        name.relative_path().display(),
                        dirs.join(", ")
                    ),
                );
            }
        };
        let shown = path.display().to_string();
        let root = (0..name.0.len()).fold(path.clone(), |p, _| {
            p.parent().map(Path::to_path_buf).unwrap_or_default()
        });
        self.library_roots.insert(shown.clone(), root);
        if !self.library_files.insert(path.clone()) {
            return err(span, format!("{shown} does not define library {name}"));
        }
        let text = libraries::read_source(&path)
            .map_err(|e| super::CompileError::new(span, format!("cannot read {shown}: {e}")))?;
        let forms = self.read_file(SourceFile::new(shown.clone(), text), false, span)?;
        for form in forms {
            if !is_define_library(&form) {
                return err(
                    form.span,
                    "a library file may hold only define-library forms",
                );
            }
            self.declare_library(&form)?;
        }
        if !self.declared.contains_key(name) {
            return err(span, format!("{shown} does not define library {name}"));
        }
        Ok(())
    }

    /// Records a `define-library` form, to be expanded when imported.
    pub(super) fn declare_library(&mut self, form: &Syn) -> Result<()> {
        let items = self.proper_list(form)?;
        let Some(name_syn) = items.get(1) else {
            return err(
                form.span,
                "malformed define-library: expected (define-library (name...) declaration...)",
            );
        };
        let name = self.library_name(name_syn)?;
        if matches!(self.libraries.get(&name), Some(LibraryState::Loading))
            || self.declared.contains_key(&name)
            || standard::library_named(&name.to_string()).is_some()
        {
            return err(
                name_syn.span,
                format!("library {name} is defined more than once"),
            );
        }
        // A later definition (at the REPL) replaces an earlier one for the
        // imports that follow.
        self.libraries.remove(&name);
        self.declared.insert(name, form.clone());
        Ok(())
    }

    /// Expands the declarations of `form`, the definition of `name`, at a
    /// new strict top level; queues its body's code; returns its exports.
    fn expand_library(&mut self, name: &LibraryName, form: &Syn) -> Result<Exports> {
        let items = self.proper_list(form)?;
        let mut decls = Vec::new();
        self.library_declarations(&items[2..], &mut decls, 0)?;
        let top = self.tops.len();
        self.tops.push(TopScope {
            strict: true,
            ..TopScope::default()
        });
        let saved_top = std::mem::replace(&mut self.current_top, top);
        let result = self.expand_library_declarations(name, &decls, top);
        self.current_top = saved_top;
        let (exports, code) = result?;
        self.library_code.extend(code);
        Ok(exports)
    }

    fn expand_library_declarations(
        &mut self,
        name: &LibraryName,
        decls: &[Syn],
        top: usize,
    ) -> Result<(Exports, Vec<crate::ast::Expr>)> {
        let mut body = Vec::new();
        let mut export_specs = Vec::new();
        for d in decls {
            let kw = head_name(d);
            let items = d.as_list().unwrap_or_default();
            match kw {
                Some("import") => self.import(d)?,
                Some("export") => export_specs.extend(items[1..].iter().cloned()),
                Some("begin") => body.extend(items[1..].iter().cloned()),
                Some(kw @ ("include" | "include-ci")) => {
                    body.extend(self.include(kw, d.span, &items[1..])?)
                }
                _ => {
                    return err(
                        d.span,
                        format!(
                            "malformed define-library {name}: `{d}` is not a library declaration \
                             (export, import, begin, include, include-ci, \
                             include-library-declarations, cond-expand)"
                        ),
                    )
                }
            }
        }
        let env = Env::top(top);
        let mut code = Vec::new();
        for form in body {
            self.depth = 0;
            self.expand_toplevel(form, &env, &mut code)?;
        }
        let mut exports = Exports::new();
        for spec in &export_specs {
            let (internal, external) = match (&spec.kind, spec.as_list()) {
                (SynKind::Ident(id), _) => (id.name().to_string(), id.name().to_string()),
                (_, Some([r, a, b]))
                    if r.as_ident().is_some_and(|r| r.name() == "rename")
                        && a.as_ident().is_some()
                        && b.as_ident().is_some() =>
                {
                    let name = |s: &Syn| s.as_ident().map(|i| i.name().to_string());
                    (name(a).unwrap_or_default(), name(b).unwrap_or_default())
                }
                _ => {
                    return err(
                        spec.span,
                        format!(
                        "malformed export spec `{spec}`: expected a name or (rename name new-name)"
                    ),
                    )
                }
            };
            let Some(b) = self.tops[top].names.get(internal.as_str()).cloned() else {
                return err(
                    spec.span,
                    format!("{name} exports `{internal}`, which it neither defines nor imports"),
                );
            };
            match exports.get(external.as_str()) {
                Some(old) if *old != b => {
                    return err(
                        spec.span,
                        format!("{name} exports `{external}` twice with different bindings"),
                    )
                }
                _ => {
                    exports.insert(external.into(), b);
                }
            }
        }
        Ok((exports, code))
    }

    /// `decls` with every `cond-expand` and `include-library-declarations`
    /// replaced by the declarations it stands for.
    fn library_declarations(
        &mut self,
        decls: &[Syn],
        out: &mut Vec<Syn>,
        depth: usize,
    ) -> Result<()> {
        for d in decls {
            let items = self.proper_list(d)?;
            match head_name(d) {
                Some(kw @ ("cond-expand" | "include-library-declarations")) => {
                    if depth > MAX_EXPANSION_DEPTH {
                        return err(
                            d.span,
                            format!("{kw} nested too deeply: does a file include itself?"),
                        );
                    }
                    let forms = if kw == "cond-expand" {
                        self.cond_expand(d.span, &items[1..])?
                    } else {
                        self.include(kw, d.span, &items[1..])?
                    };
                    self.library_declarations(&forms, out, depth + 1)?;
                }
                _ => out.push(d.clone()),
            }
        }
        Ok(())
    }

    /// Binds the exports of `(closc base)` at a script's top level, but the
    /// names the script's own top-level forms define (read off `forms`),
    /// which keep meaning the script's definitions wherever they are used.
    ///
    /// A script that names none of them (nor `include`s a file, which might)
    /// does not import them at all: `Ok(false)`, and the next REPL input asks
    /// again. So a script pays for expanding `(closc base)` only when it uses
    /// it, and its dumps show only its own forms.
    pub(super) fn import_script_extras(&mut self, forms: &[Datum]) -> Result<bool> {
        let mut symbols = HashSet::new();
        forms
            .iter()
            .for_each(|f| crate::prelude::datum_symbols(f, &mut symbols));
        let may_use = |n: &str| symbols.contains(n);
        if !may_use("include") && !may_use("include-ci") && !script_extra_names().any(may_use) {
            return Ok(false);
        }
        let mut defined = HashSet::new();
        forms.iter().for_each(|f| defined_names(f, &mut defined));
        let name = LibraryName(vec!["closc".into(), "base".into()]);
        let exports = self.load_library(&name, Span::default())?;
        let scope = &mut self.tops[0];
        for (n, b) in exports.iter() {
            if !defined.contains(&**n) {
                scope.names.insert(n.clone(), b.clone());
            }
        }
        Ok(true)
    }

    /// Whether `(library NAME)` holds in `cond-expand`: the library is
    /// loaded, declared, standard, or on the search path of the file the
    /// requirement is in.
    pub(super) fn library_available(&self, name: &Datum) -> bool {
        let span = name.span;
        let Some(name) = datum_library_name(name) else {
            return false;
        };
        matches!(self.libraries.get(&name), Some(LibraryState::Loaded(_)))
            || self.declared.contains_key(&name)
            || standard::library_named(&name.to_string()).is_some()
            || self
                .search
                .find(&name, &self.import_directory(span))
                .is_ok()
    }
}

/// The names `(closc base)` exports, as its bundled file declares them
/// (read, not expanded).
fn script_extra_names() -> impl Iterator<Item = &'static str> {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            let text =
                crate::libraries::bundled::find("closc/base.sld").expect("(closc base) is bundled");
            let file = SourceFile::new("<closc>/closc/base.sld", text);
            let forms = crate::reader::read_program(&file).expect("(closc base) reads");
            let mut names = Vec::new();
            for form in &forms {
                for decl in form.as_list().unwrap_or(&[]).iter().skip(2) {
                    let items = decl.as_list().unwrap_or(&[]);
                    if items.first().and_then(Datum::as_symbol) != Some("export") {
                        continue;
                    }
                    for spec in &items[1..] {
                        // `name`, or `(rename internal external)`.
                        let external = spec
                            .as_symbol()
                            .or_else(|| spec.as_list().and_then(|l| l.get(2)?.as_symbol()));
                        names.extend(external.map(str::to_string));
                    }
                }
            }
            names
        })
        .iter()
        .map(String::as_str)
}

/// The names a top-level form defines as written (`define`,
/// `define-syntax`, `define-values`, `define-record-type`, inside `begin`s).
fn defined_names(form: &Datum, out: &mut HashSet<String>) {
    let Some(items) = form.as_list() else {
        return;
    };
    let head = |d: &Datum| match &d.kind {
        DatumKind::List(xs, _) => xs.first().and_then(|x| x.as_symbol()).map(str::to_string),
        DatumKind::Symbol(s) => Some(s.clone()),
        _ => None,
    };
    match items.first().and_then(Datum::as_symbol) {
        Some("begin") => items[1..].iter().for_each(|f| defined_names(f, out)),
        Some("define" | "define-syntax" | "define-values") => {
            if let Some(d) = items.get(1) {
                match &d.kind {
                    DatumKind::List(xs, tail) if items[0].as_symbol() == Some("define-values") => {
                        out.extend(
                            xs.iter()
                                .chain(tail.as_deref())
                                .filter_map(|x| x.as_symbol().map(str::to_string)),
                        )
                    }
                    _ => out.extend(head(d)),
                }
            }
        }
        Some("define-record-type") => {
            for d in &items[1..] {
                out.extend(head(d));
                if let DatumKind::List(xs, _) = &d.kind {
                    out.extend(xs.iter().filter_map(|x| x.as_symbol().map(str::to_string)));
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use closcrt::builtins::table::BuiltinId;
    use std::collections::HashSet;

    /// `standard::OTHER_EXPORTS` names each special form, built-in macro and
    /// prelude definition (but the `closc:` helpers) once, and nothing else:
    /// no builtin of the table (whose own entry says its library).
    #[test]
    fn every_standard_name_is_implemented_and_in_one_library() {
        let ex = Expander::new();
        let prelude: HashSet<String> = crate::prelude::expand_all()
            .iter()
            .filter_map(|e| match e {
                crate::ast::Expr::Define(name, _, _) => Some(name.clone()),
                _ => None,
            })
            .collect();
        let mut listed = HashSet::new();
        for (_, names) in standard::OTHER_EXPORTS {
            for n in names.split_whitespace() {
                assert!(listed.insert(n), "`{n}` is in two libraries");
                assert!(
                    ex.system_top.contains_key(n) || prelude.contains(n),
                    "`{n}` is neither syntax nor a prelude definition"
                );
                assert!(BuiltinId::named(n).is_none(), "`{n}` is a builtin");
            }
        }
        let implemented = ex.system_top.keys().map(|k| k.to_string()).chain(prelude);
        for n in implemented.filter(|n| !n.starts_with("closc:")) {
            assert!(listed.contains(n.as_str()), "`{n}` is in no library");
        }
    }
}
